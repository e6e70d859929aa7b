//! conflicting-definition: two pages that describe one operation or one type
//! differently.
use super::hash::FastMap;
use super::split_byte;
use crate::{Code, Diagnostic};
use graphdoc_model::{type_key, Corpus, Page, PageKind, Property, TypeKind, TypeTarget};
use std::collections::BTreeMap;

/// Two API pages that declare the same operation (method and path, with
/// parameter names and singular/plural segments folded: `/user/{userId}/x`
/// and `/users/{id}/x`) describe it twice; the later page (in walk order) is
/// reported once per earlier page, with the differences.
pub(super) fn operations(corpus: &Corpus) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Operation key -> the pages declaring it, in walk order. Only looked
    // up: the pairs are sorted below.
    let mut by_op: FastMap<String, Vec<usize>> = FastMap::default();
    let mut key = String::new();
    for (i, page) in corpus
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Api)
    {
        for op in &page.operations {
            operation_key(&mut key, &op.method.value, &op.path.template.value);
            match by_op.get_mut(key.as_str()) {
                Some(pages) => {
                    if !pages.contains(&i) {
                        pages.push(i);
                    }
                }
                None => {
                    by_op.insert(key.clone(), vec![i]);
                }
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = by_op
        .values()
        .flat_map(|pages| pages.iter().skip(1).map(move |&later| (pages[0], later)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    for (first, later) in pairs {
        let (first, other) = (&corpus.pages[first], &corpus.pages[later]);
        // One endpoint serves several derived types, each with its own page
        // (`PATCH /deviceConfigurations/{id}`): those are different operations.
        let same_type = |a: Option<String>, b: Option<String>| match (a, b) {
            (Some(a), Some(b)) => type_key(&a) == type_key(&b),
            (None, None) => true,
            _ => false,
        };
        if !same_type(first.request_type(), other.request_type())
            || !same_type(first.response_type().0, other.response_type().0)
        {
            continue;
        }
        let differences = differences(first, other);
        let Some(title) = &other.title else { continue };
        if differences.is_empty() {
            continue;
        }
        let mut d = Diagnostic::new(
            Code::ConflictingDefinition,
            title.span.clone(),
            format!(
                "`{}` describes an operation that {} describes too, and the two disagree",
                title.value, first.path
            ),
        )
        .with_label("conflicting description");
        for note in differences {
            d = d.with_note(note);
        }
        out.push(d);
    }
    out
}

/// `{METHOD} {folded path}` into `out` (cleared first): the key two pages
/// declaring one operation share. See [`fold_path`].
fn operation_key(out: &mut String, method: &str, path: &str) {
    out.clear();
    out.push_str(method);
    out.make_ascii_uppercase();
    out.push(' ');
    fold_path(out, path);
}

/// Appends `/Users/{id | userPrincipalName}/Profile/Positions` as
/// `/user/{}/profile/position` to `out`.
fn fold_path(out: &mut String, path: &str) {
    let path = path.split('?').next().unwrap_or(path);
    for (i, seg) in split_byte(path, b'/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        if seg.starts_with('{') && seg.ends_with('}') {
            out.push_str("{}");
        } else {
            let singular = seg.strip_suffix(['s', 'S']).unwrap_or(seg);
            let start = out.len();
            out.push_str(singular);
            out[start..].make_ascii_lowercase();
        }
    }
}

fn paths(page: &Page) -> Vec<String> {
    let mut v: Vec<String> = page
        .operations
        .iter()
        .map(|o| {
            format!(
                "{} {}",
                o.method.value.to_ascii_uppercase(),
                o.path.template.value
            )
        })
        .collect();
    v.sort();
    v
}

fn body_types(page: &Page) -> BTreeMap<String, (String, &Property)> {
    page.request_body
        .iter()
        .flat_map(|b| &b.properties)
        .map(|p| (p.name.value.clone(), (type_text(p), p)))
        .collect()
}

fn type_text(p: &Property) -> String {
    format!(
        "{}{}",
        p.type_ref.name,
        if p.type_ref.collection {
            " collection"
        } else {
            ""
        }
    )
}

fn differences(a: &Page, b: &Page) -> Vec<String> {
    let mut notes = Vec::new();
    let mut disagree = false;
    let (ta, tb) = (body_types(a), body_types(b));
    for (name, (ty, p)) in &tb {
        match ta.get(name) {
            Some((other, q)) if !other.eq_ignore_ascii_case(ty) => {
                disagree = true;
                notes.push(format!(
                    "request body property `{name}`: `{other}` at {}:{}, `{ty}` at {}:{}",
                    a.path, q.type_ref.span.line, b.path, p.type_ref.span.line
                ));
            }
            None if !ta.is_empty() => {
                notes.push(format!("request body property `{name}` only in {}", b.path))
            }
            _ => {}
        }
    }
    if !tb.is_empty() {
        for name in ta.keys().filter(|n| !tb.contains_key(*n)) {
            notes.push(format!("request body property `{name}` only in {}", a.path));
        }
    }
    // Pages may document different subsets of an operation's paths and
    // properties (Intune splits one operation by workload); that is only
    // worth saying beside a real disagreement on a type.
    if !disagree {
        return Vec::new();
    }
    let (pa, pb) = (paths(a), paths(b));
    if pa != pb {
        notes.insert(
            0,
            format!(
                "paths: {} says {}; {} says {}",
                a.path,
                list(&pa),
                b.path,
                list(&pb)
            ),
        );
    }
    notes
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "no path".to_string()
    } else {
        v.iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One type's property given different types by two pages. A type's own
/// resource page is its definition: a request-body table that disagrees
/// with it is reported at its own Type cell, and of two resource pages the
/// later one (in walk order) is.
pub(super) fn properties(corpus: &Corpus) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Type key -> a small number, so that the table below is keyed by
    // borrowed names.
    let mut type_ids: FastMap<String, usize> = FastMap::default();
    // (type, property name) -> the first page's row
    let mut seen: FastMap<(usize, &str), Row> = FastMap::default();
    let resources = corpus.pages.iter().filter(|p| p.kind == PageKind::Resource);
    let apis = corpus.pages.iter().filter(|p| p.kind == PageKind::Api);
    for page in resources.chain(apis) {
        let Some((type_name, props)) = described_type(page) else {
            continue;
        };
        let next_id = type_ids.len();
        let type_id = *type_ids.entry(type_key(&type_name)).or_insert(next_id);
        for (p, relationship) in props {
            if p.type_ref.target == TypeTarget::Unknown {
                continue;
            }
            let row = Row {
                page: page.path.as_str(),
                property: p,
                relationship,
                request: page.kind == PageKind::Api,
            };
            let Some(first) = seen.get(&(type_id, p.name.value.as_str())) else {
                seen.insert((type_id, &p.name.value), row);
                continue;
            };
            if first.page == page.path
                || same_type(p, first.property)
                || sent_as_string(corpus, &row, first)
                || sent_as_string(corpus, first, &row)
            {
                continue;
            }
            let q = first.property;
            out.push(
                Diagnostic::new(
                    Code::ConflictingDefinition,
                    p.type_ref.span.clone(),
                    format!(
                        "`{type_name}.{}` is `{}` here but `{}` in {}",
                        p.name.value,
                        type_text(p),
                        type_text(q),
                        first.page
                    ),
                )
                .with_label("conflicting type")
                .with_note(format!(
                    "{}:{}:{} documents it first",
                    first.page, q.type_ref.span.line, q.type_ref.span.column
                )),
            );
        }
    }
    out
}

/// A row of a property table, with where it comes from.
struct Row<'a> {
    page: &'a str,
    property: &'a Property,
    /// In a resource page's Relationships table.
    relationship: bool,
    /// In an API page's request-body table.
    request: bool,
}

/// A request-body row that writes as `String` what another page gives as
/// an enum (sent as its member's name) or as a relationship (bound by URL
/// through `@odata.bind`): how the value travels, not a second definition.
fn sent_as_string(corpus: &Corpus, sent: &Row, other: &Row) -> bool {
    let name = &sent.property.type_ref.name;
    if !sent.request || !name.eq_ignore_ascii_case("string") {
        return false;
    }
    let defined = &other.property.type_ref;
    other.relationship
        || (!defined.collection || sent.property.type_ref.collection)
            && corpus
                .type_named(&defined.name)
                .is_some_and(|t| t.kind == TypeKind::Enum)
}

fn same_type(a: &Property, b: &Property) -> bool {
    a.type_ref.collection == b.type_ref.collection
        && a.type_ref.name.eq_ignore_ascii_case(&b.type_ref.name)
}

/// The type a page describes with a property table, and the rows, each
/// with whether it is a relationship.
fn described_type(page: &Page) -> Option<(String, Vec<(&Property, bool)>)> {
    match page.kind {
        PageKind::Resource => {
            let name = page.defined_type_name()?.value;
            let properties = page.properties.iter().map(|p| (p, false));
            let relationships = page.relationships.iter().map(|p| (p, true));
            Some((name, properties.chain(relationships).collect()))
        }
        PageKind::Api => {
            let body = page.request_body.as_ref()?;
            let link = body.type_link.as_ref()?;
            let rows = body.properties.iter().map(|p| (p, false));
            Some((link.text.clone(), rows.collect()))
        }
        _ => None,
    }
}
