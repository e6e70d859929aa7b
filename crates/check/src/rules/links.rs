//! link-type-mismatch and unresolved-link: where links go.
//!
//! Pure path arithmetic over the model: no file is ever read.
use super::link_targets::{Leads, RelativeTarget, Targets};
use super::metadata::variants;
use super::{parent, starts_with_ci, trim_marks, Ctx};
use crate::{Code, Diagnostic};
use graphdoc_model::{short_type_name, type_key, Link, Page, PageKind, Span, TypeOrigin};

/// The link rules: every relative `.md` link and INCLUDE of the page, with
/// `targets` as resolved for the pages checked before.
pub(super) fn check<'a>(
    ctx: &Ctx,
    targets: &mut Targets<'a>,
    page: &'a Page,
    out: &mut Vec<Diagnostic>,
) {
    let page_path = ctx.normalized(&page.path);
    let folder = parent(&page_path);
    for link in &page.links {
        // The `[name](path)` of an INCLUDE line is checked as an include.
        if page.includes.iter().any(|i| within(&link.span, &i.span)) {
            continue;
        }
        let Some(r) = targets.get(ctx, folder, &link.target) else {
            continue;
        };
        let target_page = match r.leads {
            Leads::Page(i) => Some(&ctx.corpus.pages[i]),
            Leads::Outside => None,
            Leads::Missing => {
                out.push(unresolved_link(
                    &link.span,
                    "link",
                    "no such page",
                    &r.target,
                    &r.path,
                ));
                continue;
            }
        };
        if let Some(d) = type_mismatch(ctx, page, link, &r.target, &r.path, target_page) {
            out.push(d);
        }
    }
    for include in &page.includes {
        let Some(r) = targets.get(ctx, folder, &include.target.value) else {
            continue;
        };
        if r.leads == Leads::Missing {
            out.push(unresolved_link(
                &include.target.span,
                "INCLUDE",
                "no such file",
                &r.target,
                &r.path,
            ));
        }
    }
}

/// unresolved-link for a `what` (link, INCLUDE) whose target resolved to
/// `resolved`.
fn unresolved_link(
    span: &Span,
    what: &str,
    label: &str,
    target: &RelativeTarget,
    resolved: &str,
) -> Diagnostic {
    Diagnostic::new(
        Code::UnresolvedLink,
        span.clone(),
        format!("{what} target `{}` is not in the input", target.path),
    )
    .with_label(label)
    .with_note(format!("resolved to `{resolved}`, a folder of the input"))
}

/// Whether `inner` lies inside `outer` (byte ranges of one page).
fn within(inner: &Span, outer: &Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Whether `text` is non-empty and made of ASCII letters, digits, `_` and
/// `.`: a type name, possibly namespace-qualified.
fn is_type_like(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
}

/// The first word of a page's H1, without emphasis or code marks.
fn title_word(page: &Page) -> Option<&str> {
    let first = page.title.as_ref()?.value.split_whitespace().next()?;
    Some(first.trim_matches(['`', '*']))
}

/// Primitive type names, whose links go to pages about primitives.
const PRIMITIVES: &[&str] = &[
    "string",
    "boolean",
    "int16",
    "int32",
    "int64",
    "byte",
    "sbyte",
    "double",
    "single",
    "decimal",
    "float",
    "guid",
    "binary",
    "stream",
    "date",
    "datetime",
    "datetimeoffset",
    "timeofday",
    "duration",
    "timespan",
    "timestamp",
];

/// link-type-mismatch: the link text is a type name, the target is the
/// page of another type (`target_page`, when it is an input page). Each test
/// is a reason to say nothing, so the cheap ones go first.
fn type_mismatch(
    ctx: &Ctx,
    page: &Page,
    link: &Link,
    target: &RelativeTarget,
    resolved: &str,
    target_page: Option<&Page>,
) -> Option<Diagnostic> {
    let text = trim_marks(link.text.trim(), b"*`_");
    if !is_type_like(text) {
        return None;
    }
    // API pages are operations, not types.
    let folder = parent(resolved);
    if folder == "api" || folder.ends_with("/api") {
        return None;
    }
    // Dotted text is a namespace-qualified type (`microsoft.graph.user`) or
    // a property path (`assignment.assignTo`), which names no type.
    if text.contains('.') && !starts_with_ci(text, "microsoft.") {
        return None;
    }
    // `short_type_name` and `type_key` of a type-like text (no `#`, space or
    // parenthesis): its last dotted part, and that lower-cased.
    let name = text
        .bytes()
        .rposition(|b| b == b'.')
        .map_or(text, |i| &text[i + 1..]);
    // Most links name their target's file (`[user](user.md)`): the first of
    // the variants below, checked before any of them is built.
    if names_variant(target.file_stem(), &[name]) {
        return None;
    }
    let key = name.to_ascii_lowercase();
    if key.is_empty() || PRIMITIVES.contains(&key.as_str()) {
        return None;
    }
    let wanted = variants(&key);
    if names_variant(target.file_stem(), &wanted) {
        return None;
    }
    let registered = ctx.type_named(name);
    // A type-like text: a camelCase identifier, or exactly a registry name in
    // a Type cell. In prose, plain words are English first ("a [message]
    // object", "see this [list]") whatever the registry holds.
    let camel = name
        .as_bytes()
        .windows(2)
        .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase());
    if !camel && (registered.is_none_or(|t| t.name != name) || !in_type_cell(page, link)) {
        return None;
    }
    // `enums.md#printfinishing-values`, `user.md#consentprovidedforminor-values`.
    if target.anchor.is_some_and(|a| {
        let a = a.to_ascii_lowercase().replace('-', "");
        wanted.iter().any(|v| a.contains(v.as_str()))
    }) {
        return None;
    }
    // The registry knows (from the target's own tables) the target describes this type.
    if registered.is_some_and(|t| {
        t.sources
            .iter()
            .any(|s| ctx.normalized(&s.page) == resolved)
    }) {
        return None;
    }
    let target_names: Vec<String> = target_page.map(type_names).unwrap_or_default();
    if target_names.iter().any(|n| names_variant(n, &wanted)) {
        return None;
    }
    // Links into pages that describe no type (overviews, API pages) name
    // whatever they like; links may name a member of the target page
    // ("see [deletedItems](directory.md)").
    if target_page.is_some_and(|p| {
        !matches!(p.kind, PageKind::Resource | PageKind::Enum)
            || super::all_properties(p).any(|prop| prop.name.value.eq_ignore_ascii_case(name))
    }) {
        return None;
    }
    let stem = target.stem();
    // A misspelt name of the target's own type (`chatMesage` for
    // `chatMessage`) is a spelling slip, not a link to another type's page.
    if registered.is_none()
        && target_names
            .iter()
            .chain(std::iter::once(&stem))
            .any(|n| close_spelling(&key, n))
    {
        return None;
    }
    // The text names a type that some other page documents: the link
    // plainly goes to the wrong page. Otherwise allow file names that
    // shorten the type (`rangeformat.md` for `workbookRangeFormat`,
    // `plannerbucket.md` for `bucket`).
    let documented_elsewhere = registered.is_some_and(|t| {
        t.sources
            .iter()
            .any(|s| matches!(s.origin, TypeOrigin::ResourcePage | TypeOrigin::EnumPage))
    });
    if !documented_elsewhere {
        let short_stem = stem.rsplit('-').next().unwrap_or(&stem).to_string();
        let candidates = std::iter::once(stem.clone())
            .chain(std::iter::once(short_stem))
            .chain(target_names.iter().cloned());
        for c in candidates {
            if c.len() >= 3
                && wanted
                    .iter()
                    .any(|v| v.contains(c.as_str()) || c.contains(v.as_str()))
            {
                return None;
            }
        }
    }
    let other = target_page.and_then(primary_type_name).unwrap_or_else(|| {
        target
            .path
            .rsplit('/')
            .next()
            .unwrap_or(target.path)
            .to_string()
    });
    Some(
        Diagnostic::new(
            Code::LinkTypeMismatch,
            link.span.clone(),
            format!(
                "link text names `{text}` but the link goes to `{}`",
                target.path
            ),
        )
        .with_label(format!("links to the page of `{other}`")),
    )
}

/// Whether `candidate` is one of `wanted`, or ends with `-` and one of
/// them (`callrecords-session` names `session`), ignoring ASCII case.
fn names_variant(candidate: &str, wanted: &[impl AsRef<str>]) -> bool {
    let c = candidate.as_bytes();
    wanted.iter().any(|v| {
        let v = v.as_ref().as_bytes();
        let Some(cut) = c.len().checked_sub(v.len()) else {
            return false;
        };
        c[cut..].eq_ignore_ascii_case(v) && (cut == 0 || c[cut - 1] == b'-')
    })
}

/// The type names a page describes, lower-cased: its JSON representation's
/// `@odata.type`, the first word of its H1, its enums.
fn type_names(page: &Page) -> Vec<String> {
    let mut names: Vec<String> = primary_type_name(page).into_iter().collect();
    names.extend(title_word(page).map(str::to_string));
    names.extend(page.enums.iter().map(|e| e.name.value.clone()));
    names.iter().map(|n| type_key(n)).collect()
}

/// The type a page describes: the JSON representation's `@odata.type`, else
/// the first word of the H1 when it is an identifier.
fn primary_type_name(page: &Page) -> Option<String> {
    let annotated = page
        .json_representation
        .as_ref()
        .and_then(|j| j.annotation.as_ref()?.odata_type.as_ref())
        .map(|t| short_type_name(&t.value));
    annotated.or_else(|| {
        let first = title_word(page)?;
        is_type_like(first).then(|| short_type_name(first))
    })
}

/// Whether the link stands in a Type cell (a property, parameter or method
/// return type), where its text is meant as a type name.
fn in_type_cell(page: &Page, link: &Link) -> bool {
    let inside = |span: &Span| within(&link.span, span);
    super::all_properties(page).any(|p| inside(&p.type_ref.span))
        || page
            .parameters
            .iter()
            .chain(&page.request_headers)
            .chain(page.request_body.iter().flat_map(|b| &b.parameters))
            .filter_map(|p| p.type_ref.as_ref())
            .any(|t| inside(&t.span))
        || page
            .methods
            .iter()
            .filter_map(|m| m.return_type.as_ref())
            .any(|t| inside(&t.span))
}

/// Two lower-case names at most two single-character edits apart, both long
/// enough for that to mean a slip rather than another word.
fn close_spelling(a: &str, b: &str) -> bool {
    if a.len() < 8 || b.len() < 8 || a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()] <= 2
}

#[cfg(test)]
mod tests {
    use super::super::paths::testing::{corpus, found, run};
    use super::*;

    fn findings(pages: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        let c = corpus(pages);
        found(
            &c,
            &run(&c, |ctx, page, out| {
                check(ctx, &mut Targets::default(), page, out)
            }),
        )
    }

    fn api(prose: &str) -> String {
        format!(
            "---\ntitle: \"Create personResponsibility\"\ndescription: \"x\"\nauthor: \"x\"\ndoc_type: apiPageType\n---\n\n# Create personResponsibility\n\n{prose}\n"
        )
    }

    fn resource(name: &str) -> String {
        format!(
            "---\ntitle: \"{name} resource type\"\ndescription: \"x\"\nauthor: \"x\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|displayName|String|The name.|\n"
        )
    }

    #[test]
    fn link_to_another_types_page_is_reported() {
        let text =
            api("Returns a [personResponsibility](../resources/personannotation.md) object.");
        assert_eq!(
            findings(&[("docs/api/a.md", &text)]),
            vec![(
                "link-type-mismatch",
                "[personResponsibility](../resources/personannotation.md)".to_string()
            )]
        );
    }

    #[test]
    fn link_to_an_input_page_of_another_type_names_that_type() {
        let text =
            api("Returns a [personResponsibility](../resources/personannotation.md) object.");
        let c = corpus(&[
            ("docs/api/a.md", &text),
            (
                "docs/resources/personannotation.md",
                &resource("personAnnotation"),
            ),
        ]);
        let diags = run(&c, |ctx, page, out| {
            check(ctx, &mut Targets::default(), page, out)
        });
        assert_eq!(found(&c, &diags).len(), 1);
        assert_eq!(
            diags[0].label.as_deref(),
            Some("links to the page of `personAnnotation`")
        );
    }

    #[test]
    fn links_naming_their_target_loosely_are_not_reported() {
        for link in [
            "[personResponsibility](../resources/personresponsibility.md)",
            "[personResponsibility](../resources/personResponsibility.md#properties)",
            "[workbookRangeFormat](../resources/rangeformat.md)",
            "[users](../resources/user.md)",
            "[sessions](../resources/callrecords-session.md)",
            "[microsoft.graph.callRecords.userAgent](../resources/callrecords-useragent.md)",
            "[printFinishing](../resources/enums.md#printfinishing-values)",
            "[message](../resources/chatmessage.md)",
            "[chatMesage](../resources/chatmessage.md)",
            "[assignment.assignTo](../resources/educationassignment.md)",
            "[DateTimeOffset](../resources/timestamp.md)",
            "[personResponsibility](../api/a.md)",
            "[profile](https://example.com/profile.md)",
        ] {
            let text = api(&format!("See {link}."));
            assert_eq!(findings(&[("docs/api/a.md", &text)]), vec![], "{link}");
        }
    }

    #[test]
    fn link_naming_a_member_of_its_target_is_not_reported() {
        let text = api("See [displayName](../resources/personannotation.md).");
        let pages = [
            ("docs/api/a.md", text.as_str()),
            (
                "docs/resources/personannotation.md",
                &resource("personAnnotation"),
            ),
        ];
        assert_eq!(findings(&pages), vec![]);
    }

    #[test]
    fn link_into_an_input_folder_without_its_target_is_unresolved() {
        let text = api("See [the type](../resources/missing.md) and [the other](../resources/present.md#props).");
        let pages = [
            ("docs/api/a.md", text.as_str()),
            ("docs/resources/present.md", &resource("present")),
        ];
        assert_eq!(
            findings(&pages),
            vec![(
                "unresolved-link",
                "[the type](../resources/missing.md)".to_string()
            )]
        );
    }

    #[test]
    fn links_out_of_the_input_are_not_unresolved() {
        let text = api("See [x](../../elsewhere/x.md), [y](/graph/y.md) and [z](#z).\n\n[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]");
        assert_eq!(findings(&[("docs/api/a.md", &text)]), vec![]);
    }

    #[test]
    fn include_into_an_input_folder_without_its_target_is_unresolved() {
        let text = api("Intro.\n\n[!INCLUDE [permissions](../api/gone.md)]");
        assert_eq!(
            findings(&[("docs/api/a.md", &text)]),
            vec![("unresolved-link", "../api/gone.md".to_string())]
        );
    }
}
