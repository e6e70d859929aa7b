//! Blocks to a [`Page`]: sections by heading, tables by heading and shape,
//! annotations bound to the next code block.
mod code;
mod prose;
mod tables;

use crate::blocks::Block;
use crate::text::{strip_prefix_ci, SourceText};
use graphdoc_model::{
    ApiVersion, FrontMatter, Heading, MessageStart, Page, PageFormat, PageKind, Problem,
};

/// The part of a page a block belongs to, from the headings above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Section {
    /// Before the first section heading.
    Intro,
    Permissions,
    HttpRequest,
    PathParameters,
    QueryParameters,
    FunctionParameters,
    RequestHeaders,
    RequestBody,
    Response,
    Examples,
    Properties,
    Relationships,
    Methods,
    JsonRepresentation,
    Members,
    /// `### x values`: the members of enum `x`.
    EnumValues(String),
    /// `### Properties of a token issuance policy definition`: the
    /// properties of another object (a JSON definition held in a string),
    /// not of the page's type.
    Nested,
    Other,
}

impl Section {
    /// The section a heading opens, if it names one.
    fn classify(text: &str) -> Section {
        let t = text
            .trim()
            .trim_end_matches([':', '.'])
            .trim()
            .to_ascii_lowercase();
        let t = t.as_str();
        match t {
            "permissions" | "permission" => Section::Permissions,
            "http request" | "http requests" => Section::HttpRequest,
            "request headers" | "request header" | "headers" => Section::RequestHeaders,
            "request body" => Section::RequestBody,
            "response" | "responses" | "response body" => Section::Response,
            "properties" => Section::Properties,
            "relationships" => Section::Relationships,
            "methods" => Section::Methods,
            "json representation" => Section::JsonRepresentation,
            "members" | "enum members" => Section::Members,
            _ if t.starts_with("http request") => Section::HttpRequest,
            _ if t.contains("path parameter") => Section::PathParameters,
            _ if t.contains("query parameter") => Section::QueryParameters,
            _ if t.contains("parameters") => Section::FunctionParameters,
            _ if t.starts_with("example") => Section::Examples,
            _ => match enum_values_name(text) {
                Some(name) => Section::EnumValues(name),
                None => Section::Other,
            },
        }
    }
}

/// `legalAgeGroupClassification values` -> `legalAgeGroupClassification`.
fn enum_values_name(text: &str) -> Option<String> {
    let t = text.trim();
    let name = t
        .strip_suffix(" values")
        .or_else(|| t.strip_suffix(" Values"))
        .or_else(|| t.strip_suffix(" enum"))
        .or_else(|| t.strip_suffix(" enum values"))?
        .trim()
        .trim_matches('`');
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    ok.then(|| name.to_string())
}

/// Assembles a page from its blocks.
pub fn assemble(
    src: &SourceText,
    format: PageFormat,
    front_matter: Option<FrontMatter>,
    problems: Vec<Problem>,
    blocks: Vec<Block>,
) -> Page {
    let mut page = Page {
        path: src.file.to_string(),
        source: String::new(),
        format,
        kind: PageKind::Conceptual,
        front_matter,
        title: None,
        namespace: None,
        api_version: ApiVersion::Unknown,
        description: None,
        headings: Vec::new(),
        includes: Vec::new(),
        links: Vec::new(),
        base_type: None,
        operations: Vec::new(),
        permissions: None,
        request_headers: Vec::new(),
        parameters: Vec::new(),
        request_body: None,
        response: None,
        examples: Vec::new(),
        properties: Vec::new(),
        relationships: Vec::new(),
        enums: Vec::new(),
        methods: Vec::new(),
        json_representation: None,
        allows: Vec::new(),
        problems,
    };
    let mut state = State {
        section: Section::Intro,
        h2: Section::Intro,
        annotation: None,
        saw_http_heading: false,
        nested_level: None,
    };
    for block in blocks {
        match block {
            Block::Heading { level, text } => {
                let title = page.title.as_ref().map(|t| t.value.as_str());
                state.heading(level, &text.value, title);
                if level == 1 && page.title.is_none() {
                    page.title = Some(text.clone());
                }
                page.headings.push(Heading { level, text });
            }
            Block::TabStart { .. } | Block::Rule { .. } => {}
            Block::Paragraph(mut inline) => {
                // Nothing reads `page.links` while assembling, so the links
                // can be moved in after the paragraph was read.
                prose::paragraph(src, &mut page, &state.section, &inline);
                page.links.append(&mut inline.links);
            }
            Block::Include(include) => prose::include(&mut page, &state.section, include),
            Block::Table(mut table) => {
                tables::table(src, &mut page, &state.section, &table);
                for row in &mut table.rows {
                    for cell in &mut row.cells {
                        page.links.append(&mut cell.links);
                    }
                }
            }
            Block::Comment {
                text,
                map,
                span,
                unterminated,
            } => {
                code::comment(
                    src,
                    &mut page,
                    &mut state.annotation,
                    &text,
                    &map,
                    span,
                    unterminated,
                );
            }
            Block::Code(block) => {
                let annotation = state.annotation.take();
                code::code_block(src, &mut page, &state.section, annotation, &block);
            }
        }
    }
    page.api_version = api_version(&page);
    page.kind = page_kind(&page, state.saw_http_heading);
    shrink(&mut page);
    // The caller fills `page.source` (moving the file's text in when it can).
    page
}

/// Gives back the spare capacity of the page's lists. The corpus keeps
/// every page to the end, and vectors grown by doubling would keep up to
/// half their (large) elements' room unused: returned now, that memory
/// serves the next pages instead of new pages being faulted in.
fn shrink(page: &mut Page) {
    page.headings.shrink_to_fit();
    page.includes.shrink_to_fit();
    page.links.shrink_to_fit();
    page.operations.shrink_to_fit();
    page.request_headers.shrink_to_fit();
    page.parameters.shrink_to_fit();
    page.examples.shrink_to_fit();
    page.properties.shrink_to_fit();
    page.relationships.shrink_to_fit();
    page.enums.shrink_to_fit();
    page.methods.shrink_to_fit();
    page.allows.shrink_to_fit();
    page.problems.shrink_to_fit();
    if let Some(body) = &mut page.request_body {
        body.properties.shrink_to_fit();
        body.parameters.shrink_to_fit();
    }
}

struct State {
    section: Section,
    h2: Section,
    annotation: Option<graphdoc_model::Annotation>,
    saw_http_heading: bool,
    /// The level of the heading that opened [`Section::Nested`]; the
    /// headings below it stay there.
    nested_level: Option<u8>,
}

impl State {
    fn heading(&mut self, level: u8, text: &str, title: Option<&str>) {
        let class = Section::classify(text);
        if class == Section::HttpRequest {
            self.saw_http_heading = true;
        }
        match self.nested_level {
            Some(nested) if level > nested => return,
            Some(_) => self.nested_level = None,
            None => {}
        }
        if level <= 2 {
            self.section = if level == 1 {
                Section::Intro
            } else {
                class.clone()
            };
            self.h2 = self.section.clone();
            return;
        }
        if self.h2 == Section::Properties && names_another_object(text, title) {
            self.section = Section::Nested;
            self.nested_level = Some(level);
            return;
        }
        // Below H2 a heading only switches section when it names one; inside
        // Examples, `### Request` / `### Response` stay examples.
        self.section = match (&self.h2, class) {
            (Section::Examples, _) => Section::Examples,
            (_, Section::Other | Section::Examples) => self.h2.clone(),
            (_, c) => c,
        };
    }
}

/// `Properties of a token issuance policy definition` on the page of
/// `tokenIssuancePolicy`: a heading for the properties of an object that is
/// not the page's type (whose name is the H1's first word).
fn names_another_object(heading: &str, title: Option<&str>) -> bool {
    let Some(rest) = strip_prefix_ci(heading.trim(), "properties of ") else {
        return false;
    };
    let rest = ["a ", "an ", "the "]
        .iter()
        .find_map(|a| rest.strip_prefix(a))
        .unwrap_or(rest);
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let named = squash(
        rest.trim_end_matches(" resource type")
            .trim_end_matches(" resource")
            .trim_end_matches(" object"),
    );
    let own = title.and_then(|t| t.split_whitespace().next()).map(squash);
    !named.is_empty() && own.is_some_and(|own| own != named)
}

fn api_version(page: &Page) -> ApiVersion {
    let from_examples = page
        .examples
        .iter()
        .find_map(|e| match &e.request.as_ref()?.start {
            MessageStart::Request {
                version: Some(v), ..
            } => Some(v.value.clone()),
            _ => None,
        });
    match from_examples.as_deref() {
        Some("v1.0") => ApiVersion::V1,
        Some("beta") => ApiVersion::Beta,
        Some(other) => ApiVersion::Other(other.to_string()),
        None if page
            .includes
            .iter()
            .any(|i| i.name.contains("beta-disclaimer")) =>
        {
            ApiVersion::Beta
        }
        None => ApiVersion::Unknown,
    }
}

fn page_kind(page: &Page, saw_http_heading: bool) -> PageKind {
    let doc_type = page
        .front_matter_value("doc_type")
        .map(|v| v.value.trim().trim_end_matches('_').to_ascii_lowercase());
    // A page that documents operations and no type is an API page whatever
    // its doc_type says (some API pages carry `resourcePageType`).
    let api_shaped = !page.operations.is_empty()
        && page.properties.is_empty()
        && page.json_representation.is_none();
    let resource_shaped = page.operations.is_empty()
        && (!page.properties.is_empty() || page.json_representation.is_some());
    match doc_type.as_deref() {
        Some("apipagetype") if resource_shaped => return PageKind::Resource,
        Some("apipagetype") => return PageKind::Api,
        Some("resourcepagetype" | "enumpagetype") if api_shaped => return PageKind::Api,
        Some("resourcepagetype") => return PageKind::Resource,
        Some("enumpagetype") => return PageKind::Enum,
        Some("conceptualpagetype") => return PageKind::Conceptual,
        _ => {}
    }
    let title = page
        .title
        .as_ref()
        .map(|t| t.value.to_ascii_lowercase())
        .unwrap_or_default();
    if !page.operations.is_empty() || saw_http_heading {
        PageKind::Api
    } else if !page.enums.is_empty() && page.properties.is_empty() && title.contains("enum") {
        PageKind::Enum
    } else if !page.properties.is_empty() || page.json_representation.is_some() {
        PageKind::Resource
    } else {
        PageKind::Conceptual
    }
}

#[cfg(test)]
mod tests {
    use crate::parse_str;

    #[test]
    fn a_table_for_another_object_is_not_the_page_types() {
        let text = "# tokenIssuancePolicy resource type\n\n## Properties\n\n\
            |Property|Type|Description|\n|:---|:---|:---|\n|definition|String collection|The rules.|\n\n\
            ### Properties of a token issuance policy definition\n\n\
            |Property|Type|Description|\n|:---|:---|:---|\n|Version|Integer|Set to 1.|\n\n\
            #### Example: a definition\n\n\
            |Property|Type|Description|\n|:---|:---|:---|\n|Other|String|Also nested.|\n\n\
            ### Properties of the tokenIssuancePolicy resource\n\n\
            |Property|Type|Description|\n|:---|:---|:---|\n|displayName|String|Its own.|\n\n\
            ## Relationships\n\n\
            |Relationship|Type|Description|\n|:---|:---|:---|\n|appliesTo|directoryObject collection|Where.|\n";
        let page = parse_str("resources/tokenissuancepolicy.md", text);
        let names: Vec<&str> = page
            .properties
            .iter()
            .map(|p| p.name.value.as_str())
            .collect();
        assert_eq!(names, vec!["definition", "displayName"]);
        assert_eq!(page.relationships.len(), 1);
    }
}
