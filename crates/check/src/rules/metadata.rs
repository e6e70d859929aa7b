//! metadata-missing, title-mismatch and missing-section: the frame every
//! markdown page is expected to have.
use super::paths::span_of;
use super::{contains_ci, starts_with_ci, Ctx};
use crate::{Code, Diagnostic};
use graphdoc_model::{JsonValue, Page, PageFormat, PageKind, ProblemKind, Span};

/// The front matter keys every page must set.
const REQUIRED_KEYS: [&str; 4] = ["title", "description", "author", "doc_type"];

/// The page-frame rules, for markdown pages.
pub(super) fn check(ctx: &Ctx, page: &Page, out: &mut Vec<Diagnostic>) {
    // Rendered text pages lost their front matter and markup when rendered:
    // nothing here can be judged on them.
    if page.format != PageFormat::Markdown {
        return;
    }
    metadata_missing(page, out);
    title_mismatch(ctx, page, out);
    missing_sections(page, out);
}

/// metadata-missing: no front matter, a required key absent, or set to nothing.
fn metadata_missing(page: &Page, out: &mut Vec<Diagnostic>) {
    let Some(fm) = &page.front_matter else {
        // An unclosed block is already a parse problem; saying "no front
        // matter" on top of it would be the same finding twice.
        if page
            .problems
            .iter()
            .any(|p| p.kind == ProblemKind::FrontMatter)
        {
            return;
        }
        out.push(
            Diagnostic::new(
                Code::MetadataMissing,
                first_line(page),
                "page has no front matter; title, description, author and doc_type are required",
            )
            .with_label("front matter expected before this line"),
        );
        return;
    };
    for key in REQUIRED_KEYS {
        match fm.get(key) {
            None => {
                let start = fm.span.start as usize;
                let opening = if page.source.get(start..start + 3) == Some("---") {
                    3
                } else {
                    0
                };
                out.push(
                    Diagnostic::new(
                        Code::MetadataMissing,
                        span_of(page, start, start + opening),
                        format!("front matter has no `{key}` key"),
                    )
                    .with_label(format!("`{key}` is required here")),
                );
            }
            Some(entry) if entry.value.value.trim().is_empty() => {
                // `author:` with nothing after it has an empty value span;
                // the key is the better place to point at then.
                let span = if entry.value.span.start == entry.value.span.end {
                    entry.key.span.clone()
                } else {
                    entry.value.span.clone()
                };
                out.push(
                    Diagnostic::new(
                        Code::MetadataMissing,
                        span,
                        format!("front matter `{key}` is empty"),
                    )
                    .with_label("empty value"),
                );
            }
            Some(_) => {}
        }
    }
}

/// title-mismatch: the front matter title and the H1 name different things.
///
/// Titles and H1s legitimately differ in wording ("Get user" / "Get a user",
/// "Copy a file or folder" / "Copy a DriveItem"), so only the type-like words
/// they name are compared:
/// - resource and enum pages: the H1's type name must appear in the title
///   (spaces and case ignored, plural drift allowed);
/// - other pages: camelCase identifiers. Both name some and share none, or
///   one side names a type only by a truncated tail of the other side's
///   identifier ("responsibilities" for `personResponsibility`).
fn title_mismatch(ctx: &Ctx, page: &Page, out: &mut Vec<Diagnostic>) {
    let Some(title) = page.front_matter_value("title") else {
        return;
    };
    let Some(h1) = &page.title else { return };
    let (t, h) = (title.value.trim(), h1.value.trim());
    if t.is_empty() || h.is_empty() || same_squashed(t, h) {
        return;
    }
    let Some((in_title, in_h1)) = differing_names(page.kind, t, h) else {
        return;
    };
    // Only the words one side has and the other lacks can name the thing
    // each side is about ("List" on both sides names no relationship).
    let (title_words, h1_words) = (words(t), words(h));
    let (title_only, h1_only) = (
        only_in(&title_words, &h1_words),
        only_in(&h1_words, &title_words),
    );
    if names_a_relationship(ctx, &title_only, &h1_only)
        || names_a_relationship(ctx, &h1_only, &title_only)
    {
        return;
    }
    let in_title = if in_title.is_empty() {
        t.to_string()
    } else {
        in_title
    };
    // The side the file name agrees with is the right one: with
    // `schedule-list-schedulinggroups.md`, "List schedulingGroups" is the
    // title to keep and the H1 "List scheduleGroups" the one to fix.
    let stem = squash(page.path.rsplit(['/', '\\']).next().unwrap_or_default());
    let in_stem =
        |names: &str| !names.is_empty() && names.split(", ").all(|n| stem.contains(&squash(n)));
    let diagnostic = if in_stem(&in_title) && !in_stem(&in_h1) {
        // The heading's text, without its `#` and line end.
        let line = page.source.get(h1.span.range()).unwrap_or_default();
        let span = match line.find(h) {
            Some(at) => span_of(
                page,
                h1.span.start as usize + at,
                h1.span.start as usize + at + h.len(),
            ),
            None => h1.span.clone(),
        };
        Diagnostic::new(
            Code::TitleMismatch,
            span,
            format!("the H1 names `{in_h1}` but the front matter title and the file name name `{in_title}`"),
        )
        .with_label(format!("does not name `{in_title}`"))
        .with_note(format!("the front matter title is `{t}`"))
    } else {
        Diagnostic::new(
            Code::TitleMismatch,
            title.span.clone(),
            format!("front matter title names `{in_title}` but the H1 names `{in_h1}`"),
        )
        .with_label(format!("does not name `{in_h1}`"))
        .with_note(format!("the H1 is `{h}`"))
    };
    out.push(diagnostic);
}

/// The words of `a` that `b` does not have (in either number).
fn only_in<'w>(a: &[&'w str], b: &[&str]) -> Vec<&'w str> {
    a.iter()
        .copied()
        .filter(|w| !b.iter().any(|o| same_word(w, o)))
        .collect()
}

/// Whether a word of `one` names a property of some type (in either number)
/// whose type a word of `other` names: "List endpoints" and "List
/// printServiceEndpoints" both name `printService.endpoints`, a
/// `printServiceEndpoint` collection.
fn names_a_relationship(ctx: &Ctx, one: &[&str], other: &[&str]) -> bool {
    ctx.corpus
        .types
        .iter()
        .flat_map(|t| &t.properties)
        .any(|p| {
            one.iter().any(|w| same_word(w, &p.name.value))
                && other.iter().any(|w| {
                    let target = p.type_ref.name.rsplit('.').next().unwrap_or_default();
                    !target.is_empty() && same_word(w, target)
                })
        })
}

/// The names that differ (title side, H1 side), or `None` when the title and
/// the H1 name the same things.
fn differing_names(kind: PageKind, title: &str, h1: &str) -> Option<(String, String)> {
    if matches!(kind, PageKind::Resource | PageKind::Enum) {
        if let Some(name) = h1_type_name(h1) {
            let squashed = squash(title);
            let named = variants(&name.to_ascii_lowercase())
                .iter()
                .any(|v| squashed.contains(v.as_str()));
            return (!named).then(|| (String::new(), name.to_string()));
        }
    }
    let title_words = words(title);
    let h1_words = words(h1);
    let title_ids: Vec<&str> = title_words
        .iter()
        .copied()
        .filter(|w| is_identifier(w))
        .collect();
    let h1_ids: Vec<&str> = h1_words
        .iter()
        .copied()
        .filter(|w| is_identifier(w))
        .collect();
    // An identifier on either side that the other side also names (in any
    // case, singular or plural) means both talk about the same thing.
    let shared = title_ids
        .iter()
        .any(|w| h1_words.iter().any(|o| same_word(w, o)))
        || h1_ids
            .iter()
            .any(|w| title_words.iter().any(|o| same_word(w, o)));
    if shared {
        return None;
    }
    match (title_ids.is_empty(), h1_ids.is_empty()) {
        (false, false) => Some((title_ids.join(", "), h1_ids.join(", "))),
        (true, false) => {
            truncated_name(&title_words, &h1_ids).map(|(w, id)| (w.to_string(), id.to_string()))
        }
        (false, true) => {
            truncated_name(&h1_words, &title_ids).map(|(w, id)| (id.to_string(), w.to_string()))
        }
        (true, true) => None,
    }
}

/// A plain word that names only the tail of one of `ids`:
/// "responsibilities" for `personResponsibility`, "task" for `printTask`.
fn truncated_name<'a>(plain: &[&'a str], ids: &[&'a str]) -> Option<(&'a str, &'a str)> {
    for id in ids {
        let parts = camel_parts(id);
        for i in 1..parts.len() {
            let tail = parts[i..].concat().to_ascii_lowercase();
            let generic = GENERIC_TAILS.iter().any(|g| same_word(g, &tail));
            if generic {
                continue;
            }
            if let Some(w) = plain.iter().find(|w| w.len() >= 3 && same_word(w, &tail)) {
                return Some((w, id));
            }
        }
    }
    None
}

/// Tails too generic to name a type: "Access shared items" does not name
/// something other than `DriveItems`.
const GENERIC_TAILS: &[&str] = &[
    "item", "object", "resource", "entity", "value", "type", "info", "data", "detail",
];

/// The type a resource or enum page's H1 names: its first word, when that
/// is an identifier (`user resource type`, `Video facet`).
fn h1_type_name(h1: &str) -> Option<&str> {
    let first = h1.split_whitespace().next()?.trim_matches(['`', '*']);
    let ok = !first.is_empty()
        && first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    ok.then(|| first.rsplit('.').next().unwrap_or(first))
}

/// Lower-cased text without anything but letters and digits.
fn squash(s: &str) -> String {
    squashed(s).collect()
}

/// The characters of [`squash`].
fn squashed(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// `squash(a) == squash(b)`, without building either: every page compares
/// its title and H1, nearly always ASCII, where bytes do.
fn same_squashed(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return squashed(a).eq(squashed(b));
    }
    // Letters and digits of both, side by side.
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    loop {
        while i < a.len() && !a[i].is_ascii_alphanumeric() {
            i += 1;
        }
        while j < b.len() && !b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        match (a.get(i), b.get(j)) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => (i, j) = (i + 1, j + 1),
            _ => return false,
        }
    }
}

/// The words of a title: runs of letters, digits, `_` and `.`, trailing
/// dots dropped and a `microsoft.graph.` style namespace removed.
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .map(|w| w.trim_matches('.'))
        .map(|w| w.rsplit('.').next().unwrap_or(w))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Product names written in camel case that are not Graph types.
const PRODUCT_NAMES: &[&str] = &[
    "sharepoint",
    "onedrive",
    "onenote",
    "powershell",
    "powerpoint",
    "powerapps",
    "ios",
    "macos",
    "ipados",
    "iphone",
    "ipad",
    "github",
    "linkedin",
    "youtube",
    "javascript",
    "typescript",
    "oauth",
    "oauth2",
    "odata",
    "webhooks",
    "ediscovery",
    "skype",
    "workplace",
];

/// A camelCase (or PascalCase with an inner capital) identifier:
/// `personResponsibility`, `DriveItem`, `oAuth2PermissionGrant`.
fn is_identifier(w: &str) -> bool {
    let inner_capital = w
        .as_bytes()
        .windows(2)
        .any(|p| (p[0].is_ascii_lowercase() || p[0].is_ascii_digit()) && p[1].is_ascii_uppercase());
    inner_capital && !PRODUCT_NAMES.contains(&w.to_ascii_lowercase().as_str())
}

/// `personResponsibility` -> `["person", "Responsibility"]`.
fn camel_parts(id: &str) -> Vec<&str> {
    let bytes = id.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..bytes.len() {
        if bytes[i].is_ascii_uppercase()
            && (bytes[i - 1].is_ascii_lowercase() || bytes[i - 1].is_ascii_digit())
        {
            parts.push(&id[start..i]);
            start = i;
        }
    }
    parts.push(&id[start..]);
    parts
}

/// Two words name the same thing: equal ignoring case and plural drift.
fn same_word(a: &str, b: &str) -> bool {
    // Compared in place: this runs for every property of every type when a
    // title and its H1 differ, and must not allocate. A reading is at most
    // two bytes shorter than its word and keeps its first byte (words of
    // four bytes or more): most pairs are told apart before any reading.
    if a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    if let (4.., 4.., Some(x), Some(y)) = (a.len(), b.len(), a.bytes().next(), b.bytes().next()) {
        if !x.eq_ignore_ascii_case(&y) {
            return false;
        }
    }
    let same = |(a, x): (&str, &str), (b, y): (&str, &str)| {
        a.len() + x.len() == b.len() + y.len()
            && a.bytes()
                .chain(x.bytes())
                .zip(b.bytes().chain(y.bytes()))
                .all(|(p, q)| p.eq_ignore_ascii_case(&q))
    };
    let (ra, rb) = (readings(a), readings(b));
    ra.iter()
        .flatten()
        .any(|&x| rb.iter().flatten().any(|&y| same(x, y)))
}

/// The readings of [`variants`] as (stem, ending) pairs, without copying.
fn readings(w: &str) -> [Option<(&str, &'static str)>; 4] {
    let ies = w.len().checked_sub(3).filter(|&i| w.is_char_boundary(i));
    let es = w.len().checked_sub(2).filter(|&i| w.is_char_boundary(i));
    let s = w.len().checked_sub(1).filter(|&i| w.is_char_boundary(i));
    [
        Some((w, "")),
        ies.filter(|&i| w[i..].eq_ignore_ascii_case("ies"))
            .map(|i| (&w[..i], "y")),
        es.filter(|&i| w[i..].eq_ignore_ascii_case("es"))
            .map(|i| (&w[..i], "")),
        s.filter(|&i| w[i..].eq_ignore_ascii_case("s") && !w[..i].ends_with(['s', 'S']))
            .map(|i| (&w[..i], "")),
    ]
}

/// A lower-case word and its singular readings (`policies` -> `policy`,
/// `addresses` -> `address`, `users` -> `user`).
pub(super) fn variants(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string()];
    if let Some(stem) = w.strip_suffix("ies") {
        out.push(format!("{stem}y"));
    }
    if let Some(stem) = w.strip_suffix("es") {
        out.push(stem.to_string());
    }
    if let Some(stem) = w.strip_suffix('s') {
        if !stem.ends_with('s') {
            out.push(stem.to_string());
        }
    }
    out
}

/// missing-section: a section the page kind requires is absent.
fn missing_sections(page: &Page, out: &mut Vec<Diagnostic>) {
    let missing: Vec<&str> = match page.kind {
        PageKind::Api => {
            let mut m = Vec::new();
            // Pages vary in heading level ("### Response" under "## Request
            // body", "## Prerequisites" holding the permissions table), so any
            // level counts, and so does what the parser found in the section.
            if page.operations.is_empty()
                && !has_heading(page, |t| starts_with_ci(t, "http request"))
            {
                m.push("HTTP request");
            }
            if page.permissions.is_none()
                && !has_heading(page, |t| {
                    starts_with_ci(t, "permissions") || starts_with_ci(t, "prerequisites")
                })
            {
                m.push("Permissions");
            }
            if page.response.is_none() && !has_heading(page, |t| starts_with_ci(t, "response")) {
                m.push("Response");
            }
            m
        }
        PageKind::Resource if properties_missing(page) => vec!["Properties"],
        _ => Vec::new(),
    };
    for section in missing {
        let span = page
            .title
            .as_ref()
            .map_or_else(|| first_line(page), |t| trim_end(page, &t.span));
        out.push(
            Diagnostic::new(
                Code::MissingSection,
                span,
                format!("{} page has no {section} section", kind_name(page.kind)),
            )
            .with_label(format!("no {section} section on this page")),
        );
    }
}

/// A resource page without a Properties section although its JSON
/// representation shows properties that the Relationships table does not
/// list. Abstract types with an empty representation (`mediaConfig`) and
/// entities with only relationships (`planner`) need no Properties table.
fn properties_missing(page: &Page) -> bool {
    if !page.properties.is_empty() || has_heading(page, |t| contains_ci(t, "properties")) {
        return false;
    }
    let Some(JsonValue::Object { members, .. }) = page
        .json_representation
        .as_ref()
        .and_then(|r| r.json.as_ref())
        .map(|j| &j.value)
    else {
        return false;
    };
    members.iter().any(|m| {
        let key = m.key.value.as_str();
        key != "id"
            && !key.starts_with('@')
            && !page.relationships.iter().any(|r| r.name.value == key)
    })
}

fn has_heading(page: &Page, pred: impl Fn(&str) -> bool) -> bool {
    page.headings
        .iter()
        .any(|h| h.level > 1 && pred(h.text.value.trim()))
}

fn kind_name(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Api => "API",
        PageKind::Resource => "resource",
        PageKind::Enum => "enum",
        PageKind::Conceptual => "conceptual",
    }
}

/// The page's first line, where a finding about the whole page points when
/// there is nothing better.
fn first_line(page: &Page) -> Span {
    let end = page.source.find(['\r', '\n']).unwrap_or(page.source.len());
    span_of(page, 0, end)
}

/// `span` without trailing whitespace (a heading's span may end with its
/// line break).
fn trim_end(page: &Page, span: &Span) -> Span {
    let text = page.source.get(span.range()).unwrap_or("");
    let kept = text.trim_end().len();
    if kept == text.len() || kept == 0 {
        return span.clone();
    }
    Span {
        end: span.start + kept as u32,
        ..span.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::super::paths::testing::{api_page, corpus, found, run};
    use super::*;

    fn findings(pages: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        let c = corpus(pages);
        found(&c, &run(&c, check))
    }

    fn api(title: &str, h1: &str) -> String {
        api_page(
            title,
            h1,
            "from least to most privileged",
            "User.Read",
            "GET /me/profile/skills",
            "GET https://graph.microsoft.com/beta/me/profile/skills",
        )
    }

    #[test]
    fn a_complete_page_has_no_findings() {
        assert_eq!(
            findings(&[("a.md", &api("Get skillProficiency", "Get skillProficiency"))]),
            vec![]
        );
    }

    #[test]
    fn missing_front_matter_is_reported_at_the_first_line() {
        let text = api("x", "Create workPosition");
        let body = &text[text.find("# Create").unwrap_or(0)..];
        assert_eq!(
            findings(&[("a.md", body)]),
            vec![("metadata-missing", "# Create workPosition".to_string())]
        );
    }

    #[test]
    fn missing_and_empty_keys_are_reported() {
        let text = api("Get user", "Get user")
            .replace("author: \"someone\"\n", "")
            .replace("Does something.\"", "\"");
        assert_eq!(
            findings(&[("a.md", &text)]),
            vec![
                ("metadata-missing", "\"\"".to_string()),
                ("metadata-missing", "---".to_string())
            ]
        );
    }

    #[test]
    fn title_naming_a_truncated_type_is_reported() {
        let text = api("Create responsibilities", "Create personResponsibility");
        assert_eq!(
            findings(&[("a.md", &text)]),
            vec![("title-mismatch", "\"Create responsibilities\"".to_string())]
        );
    }

    #[test]
    fn titles_naming_different_identifiers_are_reported() {
        let text = api("List schedulingGroups", "List scheduleGroups");
        assert_eq!(
            findings(&[("a.md", &text)]),
            vec![("title-mismatch", "\"List schedulingGroups\"".to_string())]
        );
        // The file name sides with the title: the H1 is the one to fix.
        assert_eq!(
            findings(&[("api/schedule-list-schedulinggroups.md", &text)]),
            vec![("title-mismatch", "List scheduleGroups".to_string())]
        );
    }

    #[test]
    fn same_word_agrees_with_variants() {
        let words = [
            "policy",
            "policies",
            "Policies",
            "address",
            "addresses",
            "user",
            "users",
            "Users",
            "class",
            "classes",
            "s",
            "es",
            "ies",
            "y",
            "bus",
            "buses",
            "status",
            "statuses",
            "é",
            "cafés",
            "taskTriggers",
            "tasktrigger",
        ];
        for a in words {
            for b in words {
                let (la, lb) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
                let vb = variants(&lb);
                let expected = variants(&la).iter().any(|v| vb.contains(v));
                assert_eq!(same_word(a, b), expected, "{a} / {b}");
            }
        }
    }

    #[test]
    fn a_relationship_and_its_type_name_the_same_thing() {
        let owner = "---\ntitle: \"printer resource type\"\ndescription: \"A printer.\"\nauthor: \"someone\"\ndoc_type: resourcePageType\n---\n\n# printer resource type\n\nNamespace: microsoft.graph\n\nA printer.\n\n## Relationships\n\n|Relationship|Type|Description|\n|:---|:---|:---|\n|taskTriggers|[printTaskTrigger](printtasktrigger.md) collection|Triggers.|\n";
        let get = api("Get taskTrigger", "Get printTaskTrigger");
        assert_eq!(
            findings(&[("resources/printer.md", owner), ("api/a.md", &get)]),
            vec![]
        );
        // Without the relationship the two names differ.
        assert_eq!(
            findings(&[("api/a.md", &get)]),
            vec![("title-mismatch", "\"Get taskTrigger\"".to_string())]
        );
    }

    #[test]
    fn wording_differences_are_not_title_mismatches() {
        for (title, h1) in [
            ("Get a user", "Get user"),
            ("Copy a file or folder", "Copy a DriveItem"),
            ("Access shared items", "Accessing shared DriveItems"),
            ("List educationUser", "List educationUsers"),
            ("Update ipnamedlocation", "Update ipNamedlocation"),
            (
                "reports: getGroupArchivedPrintJobs",
                "reportRoot: getGroupArchivedPrintJobs",
            ),
            (
                "List assigned claimsMappingPolicies",
                "List assigned claimsMappingPolicy",
            ),
            ("Get a SharePoint Site", "Get a site resource"),
        ] {
            assert_eq!(
                findings(&[("a.md", &api(title, h1))]),
                vec![],
                "{title} / {h1}"
            );
        }
    }

    fn type_page(doc_type: &str, title: &str, h1: &str, body: &str) -> String {
        format!(
            "---\ntitle: \"{title}\"\ndescription: \"A type.\"\nauthor: \"someone\"\ndoc_type: {doc_type}\n---\n\n# {h1}\n\nNamespace: microsoft.graph\n\nA type.\n\n{body}"
        )
    }

    const MEMBERS: &str = "## Members\n\n|Member|Description|\n|:---|:---|\n|public|Anyone.|\n|private|Members only.|\n";

    #[test]
    fn enum_page_title_must_name_the_enum() {
        let text = type_page(
            "enumPageType",
            "Members",
            "teamVisibilityType enum type",
            MEMBERS,
        );
        assert_eq!(
            findings(&[("a.md", &text)]),
            vec![("title-mismatch", "\"Members\"".to_string())]
        );
        let text = type_page(
            "enumPageType",
            "teamVisibilityType",
            "teamVisibilityType enum type",
            MEMBERS,
        );
        assert_eq!(findings(&[("a.md", &text)]), vec![]);
    }

    #[test]
    fn resource_page_title_may_word_the_type_differently() {
        let props = "## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|\n";
        for (title, h1) in [
            ("SystemFacet", "System facet"),
            ("Video", "Video resource type"),
        ] {
            let text = type_page("resourcePageType", title, h1, props);
            assert_eq!(findings(&[("a.md", &text)]), vec![], "{title} / {h1}");
        }
    }

    #[test]
    fn api_page_without_a_response_section_is_reported_at_the_h1() {
        let text = api("Get user", "Get user").replace(
            "## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n",
            "",
        );
        assert_eq!(
            findings(&[("a.md", &text)]),
            vec![("missing-section", "# Get user".to_string())]
        );
    }

    #[test]
    fn response_heading_at_another_level_counts() {
        let text = api("Get user", "Get user").replace("## Response", "### Response");
        assert_eq!(findings(&[("a.md", &text)]), vec![]);
    }

    fn json_repr(members: &str) -> String {
        format!(
            "## JSON representation\n\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.filterCriteria\" }} -->\n```json\n{{\n{members}\n}}\n```\n"
        )
    }

    #[test]
    fn resource_page_showing_properties_without_a_properties_section_is_reported() {
        let text = type_page(
            "resourcePageType",
            "filterCriteria",
            "filterCriteria resource type",
            &json_repr("  \"color\": \"String\""),
        );
        assert_eq!(
            findings(&[("a.md", &text)]),
            vec![(
                "missing-section",
                "# filterCriteria resource type".to_string()
            )]
        );
    }

    #[test]
    fn abstract_resource_page_needs_no_properties_section() {
        let text = type_page(
            "resourcePageType",
            "mediaConfig",
            "mediaConfig resource type",
            &json_repr(""),
        );
        assert_eq!(findings(&[("a.md", &text)]), vec![]);
    }

    #[test]
    fn rendered_text_pages_are_not_judged() {
        // A rendered page has neither front matter nor markup to judge.
        let text = api("Create responsibilities", "Create personResponsibility");
        let body = &text[text.find("# Create").unwrap_or(0)..];
        let mut c = corpus(&[("a.txt", body)]);
        for page in &mut c.pages {
            page.format = PageFormat::RenderedText;
        }
        assert_eq!(found(&c, &run(&c, check)), vec![]);
    }
}
