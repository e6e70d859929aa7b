use crate::{Annotation, Example, JsonNode, Span, Spanned, TypeRef};
use serde::{Deserialize, Serialize};

/// One documentation page, as read from one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// The file path as given or walked.
    pub path: String,
    /// The page's text (lossily decoded if it was not UTF-8), for excerpts in messages.
    #[serde(skip)]
    pub source: String,
    /// Markdown, or rendered plain text (lower fidelity).
    pub format: PageFormat,
    /// API, resource, enum or conceptual page.
    pub kind: PageKind,
    /// The YAML front matter.
    pub front_matter: Option<FrontMatter>,
    /// The H1 heading text.
    pub title: Option<Spanned<String>>,
    /// `Namespace: microsoft.graph`
    pub namespace: Option<Spanned<String>>,
    /// The API version the page documents.
    pub api_version: ApiVersion,
    /// The first paragraph of prose after the title.
    pub description: Option<Spanned<String>>,
    /// Every heading, in order (tab-group markers excluded).
    pub headings: Vec<Heading>,
    /// `[!INCLUDE [name](path)]` lines.
    pub includes: Vec<Include>,
    /// Every link in the page, in order.
    pub links: Vec<Link>,
    /// `Inherits from [x](x.md)` or the JSON representation's `baseType`.
    pub base_type: Option<Spanned<String>>,
    /// One entry per method and path template of the HTTP request syntax block.
    pub operations: Vec<Operation>,
    /// The permissions section.
    pub permissions: Option<Permissions>,
    /// Request headers table rows.
    pub request_headers: Vec<Parameter>,
    /// Path, query and function parameter rows.
    pub parameters: Vec<Parameter>,
    /// The request body section.
    pub request_body: Option<RequestBody>,
    /// The response section.
    pub response: Option<Response>,
    /// Request/response examples in page order.
    pub examples: Vec<Example>,
    /// Properties table rows (resource pages).
    pub properties: Vec<Property>,
    /// Relationships table rows (resource pages).
    pub relationships: Vec<Property>,
    /// Enums defined on the page (enum pages, or `### x values` sections).
    pub enums: Vec<EnumDef>,
    /// Methods table rows (resource pages).
    pub methods: Vec<MethodRow>,
    /// The JSON representation block of a resource page.
    pub json_representation: Option<JsonRepresentation>,
    /// `<!-- graphdoc-allow: code ... -->` comments.
    pub allows: Vec<Spanned<String>>,
    /// What could not be read as expected. The page is still parsed.
    pub problems: Vec<Problem>,
}

/// How a page was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageFormat {
    /// Markdown source.
    Markdown,
    /// A rendered page saved as plain text: no markup, lower fidelity.
    RenderedText,
}

/// What a page documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// An operation (`doc_type: apiPageType`).
    Api,
    /// A resource or complex type (`resourcePageType`).
    Resource,
    /// An enum type (`enumPageType`).
    Enum,
    /// Anything else (`conceptualPageType`, overviews).
    Conceptual,
}

/// The API version a page or URL belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum ApiVersion {
    /// `v1.0`
    V1,
    /// `beta`
    Beta,
    /// Any other version segment seen in example URLs.
    Other(String),
    /// Nothing on the page says.
    Unknown,
}

/// The YAML front matter block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontMatter {
    /// Top-level keys in source order, values rendered as text.
    pub entries: Vec<FrontMatterEntry>,
    /// The whole block including the `---` lines.
    pub span: Span,
}

impl FrontMatter {
    /// The entry for `key`, if present.
    pub fn get(&self, key: &str) -> Option<&FrontMatterEntry> {
        self.entries.iter().find(|e| e.key.value == key)
    }
}

/// One top-level front matter key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontMatterEntry {
    /// The key with its span.
    pub key: Spanned<String>,
    /// The value as text (scalars as their string; other values as YAML),
    /// spanned at the value text on the key's line.
    pub value: Spanned<String>,
}

/// A heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`, ...
    pub level: u8,
    /// The heading text.
    pub text: Spanned<String>,
}

/// An `[!INCLUDE [name](path)]` line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Include {
    /// The bracketed name.
    pub name: String,
    /// The path.
    pub target: Spanned<String>,
    /// The whole line.
    pub span: Span,
}

/// A markdown link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The link text as plain text.
    pub text: String,
    /// The target as written.
    pub target: String,
    /// Where the whole link is.
    pub span: Span,
}

/// One method and path template from the HTTP request syntax block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// `GET`, `POST`, ...
    pub method: Spanned<String>,
    /// The path template.
    pub path: OperationPath,
}

/// A path template as written in the syntax block, with its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationPath {
    /// The path as written (`/users/{id | userPrincipalName}/profile/skills`),
    /// query string included when the syntax line has one.
    pub template: Spanned<String>,
    /// The `{...}` parameters in order.
    pub params: Vec<PathParam>,
}

/// A `{...}` parameter of a path template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathParam {
    /// The names, split at `|`: `["id", "userPrincipalName"]`.
    pub alternatives: Vec<String>,
    /// Where `{...}` is.
    pub span: Span,
}

/// The Permissions section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Permissions {
    /// The order the table heading declares.
    pub order: PermissionOrder,
    /// The heading cell that declares the order.
    pub order_span: Option<Span>,
    /// One row per permission type, in table order.
    pub rows: Vec<Permission>,
    /// The INCLUDE that gives the table instead, if any.
    pub include: Option<Include>,
}

/// The order in which a permissions table lists scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PermissionOrder {
    /// "from least to most privileged" (the convention).
    LeastToMost,
    /// "from most to least privileged".
    MostToLeast,
    /// Separate "Least privileged" / "Higher privileged" columns.
    LeastAndHigher,
    /// Not stated.
    Unstated,
}

/// One permissions row: a permission type and its scopes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Permission {
    /// `Delegated (work or school account)`, `Application`, ...
    pub permission_type: Spanned<String>,
    /// Scopes in declared order; empty when not supported.
    pub scopes: Vec<Spanned<String>>,
    /// The scopes cell(s) as written.
    pub raw: Spanned<String>,
    /// The row says "Not supported" (or "Not available").
    pub not_supported: bool,
}

/// A parameter or header row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameter {
    /// Where it goes.
    pub kind: ParameterKind,
    /// The name.
    pub name: Spanned<String>,
    /// The type, when the table has a Type column.
    pub type_ref: Option<TypeRef>,
    /// The description (or value) cell.
    pub description: Spanned<String>,
    /// Required (`true`), optional (`false`) or unstated.
    pub required: Option<bool>,
    /// The whole row.
    pub span: Span,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParameterKind {
    /// A path segment parameter.
    Path,
    /// A query string parameter.
    Query,
    /// A function parameter (`f(param=value)`).
    Function,
    /// An action parameter in the request body.
    Body,
    /// A request header.
    Header,
}

/// The Request body section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestBody {
    /// The prose of the section.
    pub text: Spanned<String>,
    /// The type the prose says to supply ("a JSON representation of [x](x.md)").
    pub type_link: Option<Link>,
    /// Property rows (create / update pages).
    pub properties: Vec<Property>,
    /// Parameter rows (actions).
    pub parameters: Vec<Parameter>,
}

/// The Response section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The prose of the section.
    pub text: Spanned<String>,
    /// The status code the prose names (`201 Created`).
    pub status: Option<Spanned<u16>>,
    /// The type link in the prose, as written (text and target may disagree).
    pub type_link: Option<Link>,
    /// The prose says a collection is returned.
    pub collection: bool,
}

/// A property row of a Properties, Relationships or Request body table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    /// The name.
    pub name: Spanned<String>,
    /// The documented type.
    pub type_ref: TypeRef,
    /// The description cell as plain text.
    pub description: Spanned<String>,
    /// Values listed by "Possible values are: `a`, `b`".
    pub possible_values: Vec<Spanned<String>>,
    /// `Inherited from [x](x.md)`.
    pub inherited_from: Option<Spanned<String>>,
    /// Required (`true`), optional (`false`) or unstated.
    pub required: Option<bool>,
    /// The whole row.
    pub span: Span,
}

/// An enum defined on a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumDef {
    /// The enum's name.
    pub name: Spanned<String>,
    /// The members in order.
    pub members: Vec<EnumMember>,
}

/// One enum member row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumMember {
    /// The member name.
    pub name: Spanned<String>,
    /// The numeric value, when the table has a Value column.
    pub value: Option<String>,
    /// The description.
    pub description: Option<Spanned<String>>,
}

/// A row of a resource page's Methods table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodRow {
    /// The method's link (name and API page).
    pub name: Spanned<String>,
    /// The API page the row links to.
    pub target: Option<String>,
    /// The return type cell.
    pub return_type: Option<TypeRef>,
    /// The description.
    pub description: Spanned<String>,
}

/// The JSON representation block of a resource page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonRepresentation {
    /// Its annotation.
    pub annotation: Option<Annotation>,
    /// The parsed body, when it parses.
    pub json: Option<JsonNode>,
    /// The block text.
    pub raw: Spanned<String>,
}

/// Something the parser could not read as expected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// What kind of problem.
    pub kind: ProblemKind,
    /// A sentence for people.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// Kinds of parse problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// The bytes were not UTF-8; invalid sequences were replaced.
    InvalidUtf8,
    /// Front matter is missing its closing `---`, or is not YAML.
    FrontMatter,
    /// An annotation comment is not JSON or is unterminated.
    Annotation,
    /// A fenced block has no closing fence.
    UnterminatedFence,
    /// An HTML comment has no `-->`.
    UnterminatedComment,
    /// An http block whose first line is neither a request nor a status line.
    HttpBlock,
    /// A body or annotation nested deeper than the limit.
    TooDeep,
    /// A file larger than the limit.
    TooLarge,
    /// A table row with a different number of cells than its header.
    TableShape,
}

impl Page {
    /// The front matter value of `key`, if present.
    pub fn front_matter_value(&self, key: &str) -> Option<&Spanned<String>> {
        self.front_matter
            .as_ref()
            .and_then(|fm| fm.get(key))
            .map(|e| &e.value)
    }
}

impl Page {
    /// The request body type: the type the Request body prose links to, else
    /// the `@odata.type` of the first request example's annotation; none for
    /// an action whose body is a table of parameters.
    pub fn request_type(&self) -> Option<String> {
        if let Some(body) = &self.request_body {
            // An action's body is its parameters, not a type.
            if !body.parameters.is_empty() && body.properties.is_empty() {
                return None;
            }
            if let Some(link) = &body.type_link {
                return Some(link.text.clone());
            }
        }
        self.examples
            .iter()
            .filter_map(|e| e.request.as_ref()?.annotation.as_ref()?.odata_type.as_ref())
            .map(|t| short_type_name(&t.value))
            .next()
    }

    /// The response type and whether it is a collection: the type the Response
    /// prose links to, else the first response example annotation's `@odata.type`
    /// (a collection when the annotation says `isCollection` or the type is
    /// written `Collection(x)`).
    pub fn response_type(&self) -> (Option<String>, bool) {
        if let Some(resp) = &self.response {
            if let Some(link) = &resp.type_link {
                return (Some(link.text.clone()), resp.collection);
            }
        }
        self.examples
            .iter()
            .filter_map(|e| e.response.as_ref()?.annotation.as_ref())
            .filter_map(|a| {
                let t = &a.odata_type.as_ref()?.value;
                Some((short_type_name(t), a.is_collection || is_collection_type(t)))
            })
            .map(|(t, c)| (Some(t), c))
            .next()
            .unwrap_or((None, false))
    }
}

/// Whether a type is written `Collection(x)` (after an optional `#`).
pub fn is_collection_type(name: &str) -> bool {
    name.trim()
        .trim_start_matches('#')
        .get(..11)
        .is_some_and(|p| p.eq_ignore_ascii_case("collection("))
}

/// `#microsoft.graph.user` -> `user`; `Collection(microsoft.graph.user)` -> `user`.
pub fn short_type_name(name: &str) -> String {
    let is_collection = is_collection_type(name);
    let name = name.trim().trim_start_matches('#');
    let name = match (is_collection, name.strip_suffix(')')) {
        (true, Some(inner)) => &inner[11..],
        _ => name,
    };
    name.rsplit('.').next().unwrap_or(name).to_string()
}

impl Page {
    /// The type a resource or enum page describes: its JSON representation's
    /// annotated type (`@odata.type`, or `@type`), else what the H1 and the
    /// file name say together:
    ///
    /// 1. the H1's first word when it names the file (`user resource type`
    ///    in `user.md`, `intune-…-x.md` ending in `-x`);
    /// 2. the H1's leading words joined in camel case when they name the file
    ///    (`System facet` in `systemFacet.md` is `systemFacet`);
    /// 3. the first word when the H1 declares a type (`x resource type`,
    ///    `x resource`, `x enum type`, or the name alone), whatever the file;
    /// 4. else the file name when it is a name: the H1 is prose
    ///    (`Configuring the invitation message`).
    ///
    /// Steps 2 and 4 read the file name, so they apply only to resource
    /// pages and enum pages of one enum: an API page is named after its
    /// operation, a conceptual page after its topic, and an enum page that
    /// lists several enums (`enums.md`) describes no one type.
    ///
    /// The name is spanned at the annotation value or at the H1.
    pub fn defined_type_name(&self) -> Option<Spanned<String>> {
        let from_annotation = self
            .json_representation
            .as_ref()
            .and_then(|j| j.annotation.as_ref()?.odata_type.clone())
            .map(|t| Spanned::new(short_type_name(&t.value), t.span));
        from_annotation.or_else(|| self.title_type_name())
    }

    /// The steps of [`Page::defined_type_name`] that read the H1 and the
    /// file name.
    fn title_type_name(&self) -> Option<Spanned<String>> {
        let title = self.title.as_ref()?;
        let at_title = |name: String| Some(Spanned::new(name, title.span.clone()));
        let words: Vec<&str> = title
            .value
            .split_whitespace()
            .map(|w| w.trim_matches(['`', '*']))
            .collect();
        let first = words
            .first()
            .copied()
            .filter(|w| is_type_name(w))
            .map(short_type_name);
        let stem = std::path::Path::new(&self.path)
            .file_stem()
            .and_then(|s| s.to_str());
        if let (Some(first), Some(stem)) = (&first, stem) {
            if names_file(first, stem) {
                return at_title(first.clone());
            }
        }
        // Only a resource page, or an enum page of one enum, is named after
        // its type. An API page is named after its operation
        // (`directoryobject-checkmembergroups.md`), a conceptual page after
        // its topic (`excel.md`), and an enum page that lists several enums
        // (`enums-callrecords.md`) describes no one type.
        let stem = stem.filter(|_| match self.kind {
            PageKind::Resource => true,
            PageKind::Enum => self.enums.len() <= 1,
            PageKind::Api | PageKind::Conceptual => false,
        });
        // A name spelled out in a heading is a few words: join at most four.
        if let Some(stem) = stem {
            let plain = |w: &&str| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric());
            let leading: Vec<&str> = words.iter().copied().take_while(plain).take(4).collect();
            for n in 2..=leading.len() {
                let joined = camel_case(&leading[..n]);
                if names_file(&joined, stem) {
                    return at_title(joined);
                }
            }
        }
        if let Some(first) = first {
            if declares_type(&words) {
                return at_title(first);
            }
        }
        stem.filter(|s| is_type_name(s) && !s.contains('.'))
            .and_then(|s| at_title(s.to_string()))
    }
}

/// Letters, digits, `_` and `.` (a namespaced name), starting with a letter.
fn is_type_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// Whether `name` is what the file `stem` is named after, ignoring ASCII
/// case: the whole stem, or its last part after a `-` (the Intune and
/// Call Records pages prefix their area: `intune-mam-x`, `callrecords-x`).
fn names_file(name: &str, stem: &str) -> bool {
    let Some(cut) = stem.len().checked_sub(name.len()) else {
        return false;
    };
    let tail = &stem.as_bytes()[cut..];
    tail.eq_ignore_ascii_case(name.as_bytes()) && (cut == 0 || stem.as_bytes()[cut - 1] == b'-')
}

/// `["System", "facet"]` -> `systemFacet`: Graph names are lower camel
/// case, while a heading capitalises its first word.
fn camel_case(words: &[&str]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        let mut chars = w.chars();
        if let Some(c) = chars.next() {
            if i == 0 {
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c.to_ascii_uppercase());
            }
            out.extend(chars);
        }
    }
    out
}

/// Whether the H1 says its first word is a type: `x resource type`,
/// `x resource`, `x enum type`, `x complex type`, `x entity type`, or `x`
/// alone.
fn declares_type(words: &[&str]) -> bool {
    match words.get(1) {
        // The name alone.
        None => true,
        Some(second) => ["resource", "enum", "complex", "entity"]
            .iter()
            .any(|k| second.eq_ignore_ascii_case(k)),
    }
}
