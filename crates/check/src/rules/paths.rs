//! path-convention, example-path-mismatch and api-version-segment: the
//! paths a page declares and the URLs its examples call.
use super::hash::{FastMap, FastSet};
use super::templates::{
    guid_segments, matches, offset_segments, operation_patterns, readings, Pattern,
};
use super::{contains_ci, find_ascii, split_byte, Ctx};
use crate::{Code, Diagnostic};
use graphdoc_model::{Corpus, Example, MessageStart, Operation, Page, Span, Spanned};

/// Graph's root collections whose singular is a common slip
/// (`/user/{userId}` for `/users/{id}`): (singular, plural).
const ROOT_COLLECTIONS: &[(&str, &str)] = &[
    ("user", "users"),
    ("group", "groups"),
    ("site", "sites"),
    ("drive", "drives"),
    ("team", "teams"),
    ("chat", "chats"),
    ("application", "applications"),
    ("device", "devices"),
    ("servicePrincipal", "servicePrincipals"),
];

/// The per-page path rules: singular root collections and literal ids in
/// syntax paths, example paths against the declared ones, version segments.
pub(super) fn check(ctx: &Ctx, page: &Page, out: &mut Vec<Diagnostic>) {
    for op in &page.operations {
        if let Some(root) = keyed_root(op) {
            if let Some(plural) = root_plural(root.name) {
                out.push(singular_root(page, op, &root, plural));
            }
        }
    }
    for op in &page.operations {
        literal_ids(page, op, out);
    }
    example_paths(ctx, page, out);
    versions(page, out);
}

/// The Graph collection whose common singular slip is `name` (any case).
fn root_plural(name: &str) -> Option<&'static str> {
    ROOT_COLLECTIONS
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(name))
        .map(|&(_, plural)| plural)
}

/// path-convention: a syntax path with a literal id (a GUID copied from an
/// example) where a `{parameter}` belongs. One finding per path, at the
/// first such id.
fn literal_ids(page: &Page, op: &Operation, out: &mut Vec<Diagnostic>) {
    let template = op.path.template.value.as_str();
    let path_end = template.find('?').unwrap_or(template.len());
    let mut found = guid_segments(&template[..path_end]);
    let Some((at, first)) = found.next() else {
        parenthesized_parameter(page, op, &template[..path_end], out);
        return;
    };
    let more = match found.count() {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    out.push(
        Diagnostic::new(
            Code::PathConvention,
            sub_span(page, &op.path.template, at..at + first.len()),
            format!(
                "syntax path has the literal id `{first}`{more} where a `{{parameter}}` belongs"
            ),
        )
        .with_label("literal id in a path template"),
    );
}

/// path-convention: a parameter written in parentheses, `/teams/(team-id)/`,
/// where the docs write `{team-id}`. A whole segment only: `search(q='x')`
/// and `users('id')` are OData calls and keys.
fn parenthesized_parameter(page: &Page, op: &Operation, path: &str, out: &mut Vec<Diagnostic>) {
    let parameter = offset_segments(path).find_map(|(at, seg)| {
        let name = seg.strip_prefix('(')?.strip_suffix(')')?;
        let word = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        word.then_some((at, seg, name))
    });
    if let Some((at, seg, name)) = parameter {
        out.push(
            Diagnostic::new(
                Code::PathConvention,
                sub_span(page, &op.path.template, at..at + seg.len()),
                format!("syntax path writes the parameter `{seg}` in parentheses; the docs write `{{{name}}}`"),
            )
            .with_label("parameter in parentheses"),
        );
    }
}

/// The span of bytes `start..end` of the page's text (clamped to the text
/// and to character boundaries).
pub(super) fn span_of(page: &Page, start: usize, end: usize) -> Span {
    let src = page.source.as_str();
    let floor = |mut i: usize| {
        i = i.min(src.len());
        while i > 0 && !src.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(start);
    let end = floor(end.max(start));
    let before = &src[..start];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Span {
        file: std::sync::Arc::from(page.path.as_str()),
        line: before.matches('\n').count() as u32 + 1,
        column: before[line_start..].chars().count() as u32 + 1,
        start: start as u32,
        end: end as u32,
    }
}

/// The span of `sub` (a byte range of `spanned.value`) in the page, when the
/// value is the page text at its span verbatim; else the whole span.
pub(super) fn sub_span(
    page: &Page,
    spanned: &Spanned<String>,
    sub: std::ops::Range<usize>,
) -> Span {
    let verbatim = page.source.get(spanned.span.range()) == Some(spanned.value.as_str());
    if verbatim && sub.end <= spanned.value.len() {
        let base = spanned.span.start as usize;
        span_of(page, base + sub.start, base + sub.end)
    } else {
        spanned.span.clone()
    }
}

/// The first segment of a path template when a key follows it:
/// `/user/{userId}/...` or `/user('{id}')/...`.
struct KeyedRoot<'a> {
    /// `user`
    name: &'a str,
    /// Byte range of `/user/{userId}` in the template.
    range: std::ops::Range<usize>,
}

fn keyed_root(op: &Operation) -> Option<KeyedRoot<'_>> {
    let t = op.path.template.value.as_str();
    let lead = t.len() - t.trim_start().len();
    let rest = t[lead..].strip_prefix('/')?;
    let name_len = rest.find(['/', '(', '?', '{']).unwrap_or(rest.len());
    let name = &rest[..name_len];
    let after = &rest[name_len..];
    // A singular segment followed by a key is a collection addressed by the
    // wrong name; without a key it may be a singleton (`/drive/root`).
    let key_len = if let Some(key) = after.strip_prefix('/').filter(|k| k.starts_with('{')) {
        1 + key.find('}')? + 1
    } else if after.starts_with('(') {
        after.find(')')? + 1
    } else {
        return None;
    };
    let start = lead;
    Some(KeyedRoot {
        name,
        range: start..start + 1 + name_len + key_len,
    })
}

fn singular_root(page: &Page, op: &Operation, root: &KeyedRoot, plural: &str) -> Diagnostic {
    let span = sub_span(page, &op.path.template, root.range.clone());
    Diagnostic::new(
        Code::PathConvention,
        span,
        format!(
            "path starts with `/{}`, but the Graph collection is `/{plural}`",
            root.name
        ),
    )
    .with_label(format!("`{}` for `{plural}`", root.name))
    .with_note(format!(
        "Graph addresses one item of the collection as `/{plural}/{{id}}`"
    ))
}

/// path-convention across pages: a keyed first segment that no other page
/// uses, where other pages use its plural or where every sibling page
/// (same segments after the owner) starts with `/me` or `/users/{id}`.
pub(super) fn siblings(corpus: &Corpus) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // First segments, lower-cased, and the pages that use each (in walk
    // order, each once).
    let mut roots: FastMap<String, Vec<usize>> = FastMap::default();
    // Literal segments after the owner, without the last one -> owners.
    let mut families: FastMap<String, Vec<(usize, String)>> = FastMap::default();
    let mut lower = String::new();
    for (i, page) in corpus.pages.iter().enumerate() {
        for op in &page.operations {
            let segs = segments(&op.path.template.value);
            if let Some(first) = segs.first() {
                lower.clear();
                lower.push_str(first);
                lower.make_ascii_lowercase();
                match roots.get_mut(lower.as_str()) {
                    Some(pages) if pages.last() == Some(&i) => {}
                    Some(pages) => pages.push(i),
                    None => {
                        roots.insert(lower.clone(), vec![i]);
                    }
                }
            }
            if let Some((owner, family)) = owner_and_family(&segs) {
                families.entry(family).or_default().push((i, owner));
            }
        }
    }
    // Whether a page other than page `i` starts a path with `root`.
    let used_elsewhere = |root: &str, i: usize| {
        roots
            .get(root)
            .is_some_and(|pages| pages.iter().any(|&j| j != i))
    };
    for (i, page) in corpus.pages.iter().enumerate() {
        let mut reported: FastSet<&str> = FastSet::default();
        for op in &page.operations {
            let Some(root) = keyed_root(op) else { continue };
            let lower = root.name.to_ascii_lowercase();
            // Already reported by `check`; and a first segment other pages
            // use too is an established root, whatever its shape.
            if root_plural(root.name).is_some()
                || used_elsewhere(&lower, i)
                || !reported.insert(root.name)
            {
                continue;
            }
            let plural = plural_of(&lower);
            if used_elsewhere(&plural, i) {
                out.push(singular_root(page, op, &root, &plural));
                continue;
            }
            let segs = segments(&op.path.template.value);
            let Some((_, family)) = owner_and_family(&segs) else {
                continue;
            };
            let others: Vec<&(usize, String)> = families
                .get(&family)
                .map(|f| f.iter().filter(|(j, _)| *j != i).collect())
                .unwrap_or_default();
            let pages: FastSet<usize> = others.iter().map(|(j, _)| *j).collect();
            if pages.len() >= 2
                && others
                    .iter()
                    .all(|(_, owner)| owner == "me" || owner == "users")
            {
                let span = sub_span(page, &op.path.template, root.range.clone());
                out.push(
                    Diagnostic::new(
                        Code::PathConvention,
                        span,
                        format!(
                            "path starts with `/{}`, but its sibling pages' `.../{}/...` paths start with `/me` or `/users/{{id}}`",
                            root.name,
                            family.replace(' ', "/"),
                        ),
                    )
                    .with_label("unlike its sibling pages"),
                );
            }
        }
    }
    out
}

/// `user` -> `users`, `policy` -> `policies`.
fn plural_of(w: &str) -> String {
    match w.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{w}s"),
    }
}

/// The `/`-separated segments of a template, query string dropped.
fn segments(template: &str) -> Vec<&str> {
    let path = template.split('?').next().unwrap_or(template);
    split_byte(path, b'/')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The owner of a path (`me`, `users`, ...) and its family: the literal
/// segments after the owner (and its key) without the last one, joined by
/// spaces; `None` when that is empty (`/me/events` has no family).
fn owner_and_family(segs: &[&str]) -> Option<(String, String)> {
    let first = segs.first()?;
    let owner_len = first.find(['(', '{']).unwrap_or(first.len());
    let skip = if segs.get(1).is_some_and(|s| s.starts_with('{')) {
        2
    } else {
        1
    };
    let mut literals = segs
        .iter()
        .skip(skip)
        .filter(|s| !s.bytes().any(|b| matches!(b, b'{' | b'(' | b':' | b'$')));
    // Every literal but the last, joined: each is written once the next
    // one shows it is not the last.
    let mut held = literals.next()?;
    let mut family = String::new();
    for next in literals {
        if !family.is_empty() {
            family.push(' ');
        }
        let start = family.len();
        family.push_str(held);
        family[start..].make_ascii_lowercase();
        held = next;
    }
    if family.is_empty() {
        return None;
    }
    Some((first[..owner_len].to_ascii_lowercase(), family))
}

/// example-path-mismatch: every example request must call one of the
/// page's declared paths.
fn example_paths(ctx: &Ctx, page: &Page, out: &mut Vec<Diagnostic>) {
    if page.operations.is_empty() {
        return;
    }
    // Built on the first example that calls Graph: many pages have none.
    let mut patterns: Option<Vec<Pattern>> = None;
    // A page without an Example heading that gives each scenario a section
    // of its own ("List a site's drives", `GET /sites/{siteId}/drives`)
    // declares a path with every bare-path request block.
    let first_example_heading = page
        .headings
        .iter()
        .find(|h| introduces_example(&h.text.value))
        .map_or(u32::MAX, |h| h.text.span.line);
    for example in &page.examples {
        let Some(RequestLine {
            method,
            url,
            path,
            version,
        }) = request_line(example)
        else {
            continue;
        };
        if url.value.starts_with('/') && url.span.line < first_example_heading {
            continue;
        }
        let patterns = patterns.get_or_insert_with(|| page_patterns(page));
        let readings = readings(path);
        if readings
            .iter()
            .any(|reading| patterns.iter().any(|p| matches(p, reading)))
        {
            continue;
        }
        // No version at all (`graph.microsoft.com/security/cases/...`): the
        // version rule reports it; the path is the page's own.
        if version
            .is_some_and(|v| !versionlike(&v.value) && version_missing(patterns, &v.value, path))
        {
            continue;
        }
        // A path of this page extended to one a sibling page documents with
        // the same method (a range's `format` page updating `format/font`,
        // which the range font page declares): that page's operation,
        // shown here on purpose.
        let extends_own = readings.iter().any(|r| {
            r.match_indices('/')
                .skip(1)
                .any(|(at, _)| patterns.iter().any(|p| matches(p, &r[..at])))
        });
        // A method the page never declares, on a path another page declares
        // with it (a group's add-member page showing `PATCH /groups/{id}`
        // with `members@odata.bind`): another operation, shown on purpose.
        // The same method on a sibling's path is a copy-paste slip and stays
        // a finding.
        let other_method = !page
            .operations
            .iter()
            .any(|op| op.method.value.eq_ignore_ascii_case(method));
        // After a section of its own that follows the examples ("Searching
        // for items a user can access ... use the search method on the
        // Drive resource", "Access the shared item directly"): related
        // operations, shown on purpose, even when no page declares them.
        let scenario = page
            .headings
            .iter()
            .take_while(|h| h.text.span.line < url.span.line)
            .filter(|h| h.level <= 2 && h.text.span.line > first_example_heading)
            .any(|h| !introduces_example(&h.text.value));
        if scenario
            || (extends_own || other_method) && ctx.declared_elsewhere(page, method, &readings)
        {
            continue;
        }
        let mut declared: Vec<&str> = page
            .operations
            .iter()
            .map(|op| op.path.template.value.as_str())
            .collect();
        declared.dedup();
        let shown: Vec<String> = declared.iter().take(6).map(|d| format!("`{d}`")).collect();
        let more = if declared.len() > 6 {
            format!(" and {} more", declared.len() - 6)
        } else {
            String::new()
        };
        let mut d = Diagnostic::new(
            Code::ExamplePathMismatch,
            url.span.clone(),
            format!("example calls `{path}`, which matches none of the page's declared paths"),
        )
        .with_label("not a declared path")
        .with_note(format!("declared: {}{more}", shown.join(", ")));
        // A declared path extended by a property of the type it returns
        // (`/simulations/{id}/includedAccountTarget`) is a valid OData
        // address, but the docs declare such paths where they show them.
        if let Some((property, ty)) = property_path(ctx, page, patterns, &readings) {
            d = d.with_note(format!("`{property}` is a property of `{ty}`: if the page shows it on purpose, declare this path in the HTTP request section"));
        }
        out.push(d);
    }
}

/// When a reading is a declared path and one more segment that names a
/// property or relationship of the page's response type: that property's
/// name and the type's.
fn property_path<'c>(
    ctx: &Ctx<'c>,
    page: &Page,
    patterns: &[Pattern],
    readings: &[String],
) -> Option<(&'c str, &'c str)> {
    let (Some(name), false) = page.response_type() else {
        return None;
    };
    let ty = ctx.type_named(&name)?;
    let chain = ctx.corpus.type_with_ancestors(ty);
    readings.iter().find_map(|r| {
        let (head, last) = r.rsplit_once('/')?;
        let property = chain
            .iter()
            .flat_map(|t| &t.properties)
            .find(|p| p.name.value.eq_ignore_ascii_case(last))?;
        patterns
            .iter()
            .any(|p| matches(p, head))
            .then_some((property.name.value.as_str(), ty.name.as_str()))
    })
}

/// The patterns of every path the page declares.
fn page_patterns(page: &Page) -> Vec<Pattern> {
    let ops = page.operations.iter();
    ops.flat_map(|op| operation_patterns(&op.path.template.value))
        .collect()
}

/// `beta`, `v1.0`, `V1`, `1.0`: a segment meant as a version, right or not.
fn versionlike(seg: &str) -> bool {
    seg.eq_ignore_ascii_case("beta")
        || seg.starts_with(|c: char| c.is_ascii_digit())
        || seg
            .strip_prefix(['v', 'V'])
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether `seg`, read as the version of a full Graph URL, is the first
/// segment of a declared path instead: the URL has no version.
fn version_missing(patterns: &[Pattern], seg: &str, path: &str) -> bool {
    readings(&format!("/{seg}{path}"))
        .iter()
        .any(|reading| patterns.iter().any(|p| matches(p, reading)))
}

/// A heading over an example: "Examples", "Example 2: ...", "Request",
/// "Response 1" (not "Request body" or "HTTP request").
fn introduces_example(heading: &str) -> bool {
    let h = heading.trim().to_ascii_lowercase();
    let numbered = |word: &str| {
        h.strip_prefix(word).is_some_and(|rest| {
            rest.trim_start()
                .chars()
                .next()
                .is_none_or(|c| c.is_ascii_digit())
        })
    };
    h.contains("example") || numbered("request") || numbered("response")
}

/// The parts of an example's request line the path rules read.
struct RequestLine<'a> {
    /// The method, as written.
    method: &'a str,
    /// The URL as written.
    url: &'a Spanned<String>,
    /// The version segment, for full Graph URLs.
    version: Option<&'a Spanned<String>>,
    /// The path after the version, without the query string.
    path: &'a str,
}

/// The request line of an example that calls Graph. Requests to other
/// hosts (a bot's callback URL) are not Graph calls and are left out.
fn request_line(example: &Example) -> Option<RequestLine<'_>> {
    let MessageStart::Request {
        method,
        url,
        version,
        path,
        ..
    } = &example.request.as_ref()?.start
    else {
        return None;
    };
    if let Some(scheme_end) = find_ascii(&url.value, "://") {
        let host = url.value[scheme_end + 3..].split('/').next().unwrap_or("");
        if !contains_ci(host, "graph") {
            return None;
        }
    }
    Some(RequestLine {
        method: method.value.as_str(),
        url,
        version: version.as_ref(),
        path: path.as_str(),
    })
}

/// api-version-segment: a version segment that is not `v1.0` or `beta`, or
/// not the page's version.
fn versions(page: &Page, out: &mut Vec<Diagnostic>) {
    // Built only for a URL whose version is not one.
    let mut patterns: Option<Vec<Pattern>> = None;
    let mut requests: Vec<&Spanned<String>> = Vec::new();
    for line in page.examples.iter().filter_map(request_line) {
        let Some(v) = line.version else { continue };
        let missing = !versionlike(&v.value) && {
            let patterns = patterns.get_or_insert_with(|| page_patterns(page));
            version_missing(patterns, &v.value, line.path)
        };
        if missing {
            out.push(
                Diagnostic::new(
                    Code::ApiVersionSegment,
                    v.span.clone(),
                    format!(
                        "the URL has no version segment: `{}` starts the page's path",
                        v.value
                    ),
                )
                .with_label("version missing before this")
                .with_note("Graph URLs start with `https://graph.microsoft.com/v1.0/` or `/beta/`"),
            );
            continue;
        }
        requests.push(v);
    }
    // Each example's vote for the page's version: misspellings of a version
    // (`V1.0`, `v1`) still say which one the author meant.
    let mut votes: Vec<(&Spanned<String>, Option<&str>)> = Vec::new();
    for v in requests {
        let text = v.value.as_str();
        let lower = text.to_ascii_lowercase();
        let meant = match lower.as_str() {
            "beta" => Some("beta"),
            l if l == "v1" || l.starts_with("v1.") => Some("v1.0"),
            _ => None,
        };
        votes.push((v, meant));
        if text == "v1.0" || text == "beta" {
            continue;
        }
        let d = match meant {
            Some(m) if lower == m => Diagnostic::new(
                Code::ApiVersionSegment,
                v.span.clone(),
                format!("version segment `{text}` should be written `{m}`"),
            )
            .with_label("not lower case"),
            _ => Diagnostic::new(
                Code::ApiVersionSegment,
                v.span.clone(),
                format!("version segment `{text}` is not `v1.0` or `beta`"),
            )
            .with_label("not a Graph API version"),
        };
        out.push(d);
    }
    let disclaimer = page
        .includes
        .iter()
        .find(|i| contains_ci(&i.name, "beta-disclaimer"));
    let beta_page = disclaimer.is_some();
    let betas = votes.iter().filter(|(_, m)| *m == Some("beta")).count();
    let v1s = votes.iter().filter(|(_, m)| *m == Some("v1.0")).count();
    // Every example calls v1.0 under a beta disclaimer: the disclaimer is
    // the odd one out (a v1.0 page that copied it), reported once, there.
    if let (Some(include), 0, 1..) = (disclaimer, betas, v1s) {
        out.push(
            Diagnostic::new(
                Code::ApiVersionSegment,
                include.span.clone(),
                "the page carries the beta disclaimer, but every example calls `v1.0`",
            )
            .with_label("beta disclaimer")
            .with_note(format!("{v1s} of {v1s} examples call `v1.0`")),
        );
        return;
    }
    // The page's version: the beta disclaimer says beta; otherwise the
    // version most examples mean (on a tie, the first example's).
    let page_version = if beta_page {
        "beta"
    } else if betas == 0 || v1s == 0 {
        return;
    } else if betas > v1s {
        "beta"
    } else if v1s > betas {
        "v1.0"
    } else {
        match votes.iter().find_map(|(_, m)| *m) {
            Some(first) => first,
            None => return,
        }
    };
    for (v, meant) in &votes {
        // Only well-formed segments: a misspelt one is reported above.
        let text = v.value.as_str();
        if (text == "v1.0" || text == "beta") && *meant != Some(page_version) {
            let why = if beta_page {
                "the page carries the beta disclaimer".to_string()
            } else {
                format!(
                    "{} of the page's {} examples call `{page_version}`",
                    betas.max(v1s),
                    betas + v1s
                )
            };
            out.push(
                Diagnostic::new(
                    Code::ApiVersionSegment,
                    v.span.clone(),
                    format!("example calls `{text}`, not the page's version `{page_version}`"),
                )
                .with_label("not the page's version")
                .with_note(why),
            );
        }
    }
}

/// Test helpers shared by this module's siblings (metadata, links,
/// permissions): pages from text, a corpus, and the text a span points at.
#[cfg(test)]
pub(super) mod testing {
    use crate::rules::Ctx;
    use crate::Diagnostic;
    use graphdoc_model::{Corpus, Page};

    /// A corpus of pages given as (path, text).
    pub fn corpus(pages: &[(&str, &str)]) -> Corpus {
        graphdoc_parser::corpus::resolve(
            pages
                .iter()
                .map(|(p, t)| graphdoc_parser::parse_str(p, t))
                .collect(),
        )
    }

    /// Runs a page rule over every page of the corpus.
    pub fn run(
        corpus: &Corpus,
        rule: impl Fn(&Ctx, &Page, &mut Vec<Diagnostic>),
    ) -> Vec<Diagnostic> {
        let ctx = Ctx::new(corpus);
        let mut out = Vec::new();
        for page in &corpus.pages {
            rule(&ctx, page, &mut out);
        }
        out
    }

    /// The source text a diagnostic points at.
    pub fn text<'c>(corpus: &'c Corpus, d: &Diagnostic) -> &'c str {
        corpus
            .pages
            .iter()
            .find(|p| *p.path == *d.span.file)
            .and_then(|p| p.source.get(d.span.range()))
            .unwrap_or("<no such text>")
    }

    /// (code name, pointed-at text) of each diagnostic.
    pub fn found(corpus: &Corpus, diags: &[Diagnostic]) -> Vec<(&'static str, String)> {
        diags
            .iter()
            .map(|d| (d.code.name(), text(corpus, d).to_string()))
            .collect()
    }

    /// A minimal API page: front matter, H1, permissions, syntax block,
    /// response and one example, with the parts a test varies passed in.
    pub fn api_page(
        title: &str,
        h1: &str,
        order: &str,
        scopes: &str,
        syntax: &str,
        example: &str,
    ) -> String {
        format!(
            "---\ntitle: \"{title}\"\ndescription: \"Does something.\"\nauthor: \"someone\"\ndoc_type: apiPageType\n---\n\n\
             # {h1}\n\nNamespace: microsoft.graph\n\nDoes something.\n\n## Permissions\n\n\
             |Permission type|Permissions ({order})|\n|:---|:---|\n|Delegated (work or school account)|{scopes}|\n\
             |Application|Not supported.|\n\n## HTTP request\n\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{syntax}\n```\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n## Example\n\n### Request\n\n\
             <!-- {{ \"blockType\": \"request\", \"name\": \"example\" }} -->\n```http\n{example}\n```\n"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{api_page, corpus, found, run};
    use super::*;

    fn page(syntax: &str, example: &str) -> String {
        api_page(
            "Do it",
            "Do it",
            "from least to most privileged",
            "User.Read",
            syntax,
            example,
        )
    }

    fn check_pages(pages: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        let c = corpus(pages);
        let mut diags = run(&c, check);
        diags.extend(siblings(&c));
        found(&c, &diags)
    }

    #[test]
    fn singular_root_collection_is_reported_at_the_segment_and_key() {
        let text = page(
            "POST /user/{userId}/profile/positions",
            "POST https://graph.microsoft.com/beta/user/{userId}/profile/positions",
        );
        assert_eq!(
            check_pages(&[("a.md", &text)]),
            vec![("path-convention", "/user/{userId}".to_string())]
        );
    }

    #[test]
    fn plural_roots_and_singletons_are_not_reported() {
        let text = page(
            "GET /users/{id}/drive\nGET /drive/root/children\nGET /me/drive/items/{item-id}",
            "GET https://graph.microsoft.com/v1.0/drive/root/children",
        );
        assert_eq!(check_pages(&[("a.md", &text)]), vec![]);
    }

    #[test]
    fn literal_ids_in_a_template_are_reported_once_at_the_first() {
        let text = page(
            "GET /education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/cf6005fc-9e13-44a2-a6ac-a53322006454",
            "GET https://graph.microsoft.com/v1.0/education/classes/5edb6a5f-fc6b-441b-8952-bcbfc33ef0e5/assignments/1",
        );
        assert_eq!(
            check_pages(&[("a.md", &text)]),
            vec![(
                "path-convention",
                "acdefc6b-2dc6-4e71-b1e9-6d9810ab1793".to_string()
            )]
        );
    }

    #[test]
    fn a_url_without_a_version_is_one_finding_at_its_first_segment() {
        let text = page(
            "POST /security/cases/{caseId}/reopen",
            "POST https://graph.microsoft.com/security/cases/1/reopen",
        );
        assert_eq!(
            check_pages(&[("a.md", &text)]),
            vec![("api-version-segment", "security".to_string())]
        );
        // A wrong version before the page's path is still a wrong version.
        let text = page(
            "GET /me/interests",
            "GET https://graph.microsoft.com/localtest/me/interests",
        );
        assert_eq!(
            check_pages(&[("a.md", &text)]),
            vec![("api-version-segment", "localtest".to_string())]
        );
    }

    #[test]
    fn a_property_of_the_response_type_is_named_in_a_note() {
        let text = page(
            "GET /simulations/{id}",
            "GET https://graph.microsoft.com/v1.0/simulations/1/includedAccountTarget",
        )
        .replace(
            "a `200 OK` response code.",
            "a `200 OK` response code and a [simulation](../resources/simulation.md) object.",
        );
        let simulation = "# simulation resource type\n\nNamespace: microsoft.graph\n\nA thing.\n\n\
            ## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n\
            |includedAccountTarget|String|Who.|\n";
        let c = corpus(&[
            ("api/simulation-get.md", &text),
            ("resources/simulation.md", simulation),
        ]);
        let notes: Vec<String> = run(&c, check)
            .into_iter()
            .filter(|d| d.code.name() == "example-path-mismatch")
            .flat_map(|d| d.notes)
            .collect();
        assert_eq!(
            notes,
            vec![
                "declared: `/simulations/{id}`".to_string(),
                "`includedAccountTarget` is a property of `simulation`: if the page shows it on purpose, declare this path in the HTTP request section".to_string()
            ]
        );
    }

    #[test]
    fn a_parameter_in_parentheses_is_reported() {
        let text = page(
            "PATCH /teams/(team-id)/channels/{channel-id}\nGET /me/drive/root/search(q='{q}')",
            "PATCH https://graph.microsoft.com/v1.0/teams/1/channels/2",
        );
        assert_eq!(
            check_pages(&[("a.md", &text)]),
            vec![("path-convention", "(team-id)".to_string())]
        );
    }

    #[test]
    fn a_root_unlike_its_siblings_is_reported() {
        let skills = page(
            "GET /me/profile/skills",
            "GET https://graph.microsoft.com/beta/me/profile/skills",
        );
        let langs = page(
            "GET /users/{id}/profile/languages",
            "GET https://graph.microsoft.com/beta/users/42/profile/languages",
        );
        let awards = page(
            "GET /people/{personId}/profile/awards",
            "GET https://graph.microsoft.com/beta/people/42/profile/awards",
        );
        let found = check_pages(&[("a.md", &skills), ("b.md", &langs), ("c.md", &awards)]);
        assert_eq!(
            found,
            vec![("path-convention", "/people/{personId}".to_string())]
        );
        // With only one sibling there is no shape to compare with.
        assert_eq!(check_pages(&[("a.md", &skills), ("c.md", &awards)]), vec![]);
    }

    #[test]
    fn a_singular_of_another_pages_root_is_reported() {
        let roles = page(
            "GET /directoryRoles/{id}",
            "GET https://graph.microsoft.com/v1.0/directoryRoles/1",
        );
        let members = page(
            "GET /directoryRole/{id}/members",
            "GET https://graph.microsoft.com/v1.0/directoryRole/1/members",
        );
        let found = check_pages(&[("a.md", &roles), ("b.md", &members)]);
        assert_eq!(
            found,
            vec![("path-convention", "/directoryRole/{id}".to_string())]
        );
    }

    #[test]
    fn example_calling_an_undeclared_path_is_reported_at_the_url() {
        let text = page(
            "POST /me/profile/positions",
            "POST https://graph.microsoft.com/beta/me/profile/skills",
        );
        assert_eq!(
            check_pages(&[("a.md", &text)]),
            vec![(
                "example-path-mismatch",
                "https://graph.microsoft.com/beta/me/profile/skills".to_string()
            )]
        );
    }

    #[test]
    fn an_extended_path_a_sibling_page_declares_is_its_operation() {
        let format = page(
            "PATCH /me/range/format",
            "PATCH https://graph.microsoft.com/v1.0/me/range/format/font",
        );
        let font = page(
            "PATCH /me/range/format/font",
            "PATCH https://graph.microsoft.com/v1.0/me/range/format/font",
        );
        assert_eq!(
            check_pages(&[("format.md", &format), ("font.md", &font)]),
            vec![]
        );
        // Alone, or declared with another method, it is a finding.
        let url = "https://graph.microsoft.com/v1.0/me/range/format/font".to_string();
        assert_eq!(
            check_pages(&[("format.md", &format)]),
            vec![("example-path-mismatch", url.clone())]
        );
        let get_font = font.replace("PATCH /me/range/format/font", "GET /me/range/format/font");
        assert_eq!(
            check_pages(&[("format.md", &format), ("font.md", &get_font)])
                .into_iter()
                .filter(|(code, _)| *code == "example-path-mismatch")
                .collect::<Vec<_>>(),
            vec![("example-path-mismatch", url)]
        );
    }

    #[test]
    fn another_method_on_a_path_another_page_declares_is_that_operation() {
        let add = page(
            "POST /groups/{id}/members/$ref",
            "PATCH https://graph.microsoft.com/v1.0/groups/1",
        );
        let update = page(
            "PATCH /groups/{id}",
            "PATCH https://graph.microsoft.com/v1.0/groups/1",
        );
        assert_eq!(
            check_pages(&[("add.md", &add), ("update.md", &update)]),
            vec![]
        );
        // The page's own method on a sibling's path is a slip.
        let list = page(
            "GET /groups/{id}/memberOf",
            "GET https://graph.microsoft.com/v1.0/devices/1/memberOf",
        );
        let devices = page(
            "GET /devices/{id}/memberOf",
            "GET https://graph.microsoft.com/v1.0/devices/1/memberOf",
        );
        assert_eq!(
            check_pages(&[("list.md", &list), ("devices.md", &devices)]),
            vec![(
                "example-path-mismatch",
                "https://graph.microsoft.com/v1.0/devices/1/memberOf".to_string()
            )]
        );
    }

    #[test]
    fn scenario_sections_declare_their_bare_paths() {
        let scenario = |h2: &str, path: &str| {
            format!("## {h2}\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"{h2}\" }} -->\n```http\nGET {path}\n```\n\n")
        };
        let head = page(
            "GET /groups/{groupId}/drives",
            "GET /groups/{groupId}/drives",
        );
        let (head, _) = head.split_once("## HTTP request").unwrap_or_default();
        let drives = format!(
            "{head}{}{}",
            scenario(
                "List a group's drives\n\n### HTTP request",
                "/groups/{groupId}/drives"
            ),
            scenario("List the current user's drives", "/me/drives"),
        );
        assert_eq!(check_pages(&[("a.md", &drives)]), vec![]);
        // Under an Example heading a bare path is a call like any other.
        let example = format!(
            "{drives}## Examples\n\n{}",
            scenario("Request", "/me/items")
        );
        assert_eq!(
            check_pages(&[("a.md", &example)]),
            vec![("example-path-mismatch", "/me/items".to_string())]
        );
        // A section of its own after the examples shows related
        // operations on purpose, in its own examples too.
        let related = format!(
            "{example}{}{}",
            scenario("Searching more broadly\n\n### Example", "/me/search"),
            scenario("Example (shared folder)", "/me/other")
        );
        assert_eq!(
            check_pages(&[("a.md", &related)]),
            vec![("example-path-mismatch", "/me/items".to_string())]
        );
    }

    #[test]
    fn example_paths_match_leniently_where_graph_is_lenient() {
        let cases = [
            ("GET /users/{id | userPrincipalName}/profile/skills", "GET https://graph.microsoft.com/v1.0/users/42/profile/skills?$top=2"),
            ("GET /users/{id}/memberOf", "GET https://graph.microsoft.com/v1.0/me/memberOf/microsoft.graph.group/$count"),
            ("GET /me/events/{id}", "GET https://graph.microsoft.com/v1.0/me/events('AAMkAGE1M2_bs88AACbuFiiAAA=')"),
            ("GET /me/drive/items/{id}/workbook/worksheets/{id}/range(address={address})", "GET https://graph.microsoft.com/v1.0/me/drive/root/workbook/worksheets/1/range(address='A1:B2')"),
            ("PUT /me/drive/items/{parent-id}:/{filename}:/content", "PUT https://graph.microsoft.com/v1.0/me/drive/root:/FolderA/FileB.txt:/content"),
            ("GET policies/tokenLifetimePolicies", "GET https://graph.microsoft.com/v1.0/policies/tokenLifetimePolicies"),
        ];
        for (syntax, example) in cases {
            let text = page(syntax, example);
            assert_eq!(
                check_pages(&[("a.md", &text)]),
                vec![],
                "{syntax} / {example}"
            );
        }
    }

    #[test]
    fn value_and_ref_segments_must_be_declared() {
        let text = page(
            "DELETE /education/classes/{id}/members/{userId}/$ref",
            "DELETE https://graph.microsoft.com/v1.0/education/classes/1/members/2",
        );
        assert_eq!(
            check_pages(&[("a.md", &text)])[0].0,
            "example-path-mismatch"
        );
    }

    #[test]
    fn unknown_version_segment_is_reported() {
        let text = page(
            "POST /me/profile/interests",
            "POST https://graph.microsoft.com/localtest/me/profile/interests",
        );
        assert_eq!(
            check_pages(&[("a.md", &text)]),
            vec![("api-version-segment", "localtest".to_string())]
        );
    }

    #[test]
    fn v1_example_on_a_beta_page_is_reported() {
        let text = page(
            "GET /me/profile/skills",
            "GET https://graph.microsoft.com/v1.0/me/profile/skills",
        )
        .replace(
            "Does something.\n\n## Permissions",
            "[!INCLUDE [beta-disclaimer](../includes/beta-disclaimer.md)]\n\n## Permissions",
        );
        // Every example calls v1.0: the disclaimer is what disagrees.
        assert_eq!(
            check_pages(&[("a.md", &text)]),
            vec![(
                "api-version-segment",
                "[!INCLUDE [beta-disclaimer](../includes/beta-disclaimer.md)]".to_string()
            )]
        );
        let beta = text.replace("/v1.0/", "/beta/");
        assert_eq!(check_pages(&[("a.md", &beta)]), vec![]);
        // With a beta example beside it, the v1.0 one is the odd one out.
        let more = "\n<!-- { \"blockType\": \"request\", \"name\": \"more\" } -->\n```http\nGET https://graph.microsoft.com/beta/me/profile/skills\n```\n";
        assert_eq!(
            check_pages(&[("a.md", &format!("{text}{more}"))]),
            vec![("api-version-segment", "v1.0".to_string())]
        );
    }

    #[test]
    fn the_minority_version_of_a_page_is_reported() {
        let one = "GET https://graph.microsoft.com/v1.0/me/profile/skills";
        let text = page("GET /me/profile/skills", one);
        let extra = |version: &str| {
            format!(
                "\n<!-- {{ \"blockType\": \"request\", \"name\": \"more\" }} -->\n```http\nGET https://graph.microsoft.com/{version}/me/profile/skills\n```\n"
            )
        };
        let mixed = format!("{text}{}{}", extra("v1.0"), extra("beta"));
        assert_eq!(
            check_pages(&[("a.md", &mixed)]),
            vec![("api-version-segment", "beta".to_string())]
        );
        let same = format!("{text}{}", extra("v1.0"));
        assert_eq!(check_pages(&[("a.md", &same)]), vec![]);
    }
}
