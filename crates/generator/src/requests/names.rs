//! The names of the typed requests: each operation's path suffix, and the
//! page, module and request names with their fallbacks (see the parent
//! module's docs, "Names").
use super::{Draft, Piece, RequestPlan};
use crate::naming::{self, base_ident, Case};
use crate::output::display_path;
use crate::{GenError, Note};
use graphdoc_model::{Page, Span};
use rayon::prelude::*;
use std::collections::hash_map::Entry;
use std::collections::HashMap;

/// The items `src/requests/mod.rs` defines; a request of the same name is
/// renamed like a collision.
const MODULE_ITEMS: &[&str] = &["Collection", "Request", "RequestError", "ResponseError"];

/// The literal segments of a path as word units, for suffixes: parameters,
/// `(...)` arguments, a `microsoft.graph.` prefix and `$` left out.
fn literal_words(pieces: &[Piece]) -> Vec<String> {
    segments(pieces)
        .map(|seg| {
            const NAMESPACE: &[u8] = b"microsoft.graph.";
            let seg = seg.split('(').next().unwrap_or(seg);
            let namespaced = seg
                .as_bytes()
                .get(..NAMESPACE.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(NAMESPACE));
            // The prefix is ASCII, so the cut after it is a char boundary.
            let seg = if namespaced {
                &seg[NAMESPACE.len()..]
            } else {
                seg
            };
            naming::spaced_words(seg)
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The `(...)` arguments of a path's literal segments as word units.
fn argument_words(pieces: &[Piece]) -> Vec<String> {
    segments(pieces)
        .filter_map(|seg| seg.split_once('(').map(|(_, args)| args))
        .map(naming::spaced_words)
        .filter(|w| !w.is_empty())
        .collect()
}

/// The `/`-separated pieces of a path's literal text.
fn segments(pieces: &[Piece]) -> impl Iterator<Item = &str> {
    pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Lit(text) => Some(text.split('/')),
            Piece::Param(_) => None,
        })
        .flatten()
}

/// The path suffix of each operation of a page (see the module docs).
pub(super) fn suffixes(ops: &[RequestPlan]) -> Vec<String> {
    if ops.len() < 2 {
        return vec![String::new(); ops.len()];
    }
    let mut lists: Vec<Vec<String>> = ops.iter().map(|o| literal_words(&o.pieces)).collect();
    let extensions: [&dyn Fn(usize) -> Vec<String>; 4] = [
        &|i| argument_words(&ops[i].pieces),
        &|i| {
            ops[i]
                .params
                .iter()
                .map(|p| p.alternatives[0].clone())
                .collect()
        },
        &|i| vec![ops[i].method.to_ascii_lowercase()],
        &|i| vec![format!("path {}", i + 1)],
    ];
    for extend in extensions {
        let duplicated: Vec<usize> = (0..lists.len())
            .filter(|&i| (0..lists.len()).any(|j| j != i && lists[j] == lists[i]))
            .collect();
        for i in duplicated {
            lists[i].extend(extend(i));
        }
    }
    // Words every path starts with say nothing about the alternative.
    let shared = (0..)
        .take_while(|&k| {
            lists[0]
                .get(k)
                .is_some_and(|w| lists.iter().all(|l| l.get(k) == Some(w)))
        })
        .count();
    let rests: Vec<&[String]> = lists.iter().map(|l| &l[shared..]).collect();
    // The first `k` words, without copying them.
    fn prefix(list: &[String], k: usize) -> &[String] {
        &list[..k.min(list.len())]
    }
    rests
        .iter()
        .enumerate()
        .map(|(i, rest)| {
            let mut k = 0;
            while k < rest.len()
                && (0..rests.len()).any(|j| j != i && prefix(rests[j], k) == prefix(rest, k))
            {
                k += 1;
            }
            if k == 0 {
                String::new()
            } else {
                base_ident(&prefix(rest, k).join(" "), Case::Pascal)
            }
        })
        .collect()
}

/// How a page's name is derived, in order of fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NameSource {
    Title,
    FileName,
    Path,
}

/// The page name from `source`.
fn page_name(page: &Page, source: NameSource, shared: &str) -> String {
    let path = display_path(&page.path);
    let relative = path.strip_prefix(shared).unwrap_or(&path);
    let without_extension = match relative.rfind('.') {
        Some(dot) if !relative[dot..].contains('/') => &relative[..dot],
        _ => relative,
    };
    let file = without_extension
        .rsplit('/')
        .next()
        .unwrap_or(without_extension);
    let text = match source {
        NameSource::Title => page
            .title
            .as_ref()
            .or_else(|| page.front_matter_value("title"))
            .map(|t| t.value.as_str())
            .filter(|t| naming::has_words(t))
            .unwrap_or(file),
        NameSource::FileName => file,
        NameSource::Path => without_extension,
    };
    let name = base_ident(text, Case::Pascal);
    if naming::RESERVED_TYPE_NAMES.contains(&name.as_str()) {
        format!("{name}Request")
    } else {
        name
    }
}

/// Module and request names for every page (see the module docs).
pub(super) fn assign_names(
    drafts: &[Draft],
    shared: &str,
    notes: &mut Vec<Note>,
) -> Result<Vec<(String, Vec<String>)>, GenError> {
    let mut sources = vec![NameSource::Title; drafts.len()];
    // Each round renames only the pages that collided, so the other pages'
    // names are kept rather than derived again.
    let mut names: Vec<String> = drafts
        .par_iter()
        .map(|d| page_name(d.page, NameSource::Title, shared))
        .collect();
    let mut modules: Vec<String> = names.iter().map(|n| module_name(n)).collect();
    let reserved =
        |ident: &str| MODULE_ITEMS.contains(&ident) || naming::RESERVED_TYPE_NAMES.contains(&ident);
    let idents_of = |i: usize, name: &str, source: NameSource| -> Vec<String> {
        drafts[i]
            .suffixes
            .iter()
            .map(|s| {
                let ident = [name, s].concat();
                // The last name source has no fallback left.
                if source == NameSource::Path && reserved(&ident) {
                    ident + "Request"
                } else {
                    ident
                }
            })
            .collect()
    };
    // A page's request names change only when its name does, so they are
    // derived again only for the pages a round renames.
    let mut idents: Vec<Vec<String>> = (0..drafts.len())
        .map(|i| idents_of(i, &names[i], sources[i]))
        .collect();
    loop {
        // Every page involved in a collision of page names, modules or
        // request names moves on to the next name source: a claim taken by
        // a second page marks both (and any later one) as colliding.
        let mut collides = vec![false; drafts.len()];
        let mut claims: HashMap<(u8, &str), usize> = HashMap::with_capacity(4 * drafts.len());
        for i in 0..drafts.len() {
            let own = [(0, names[i].as_str()), (1, modules[i].as_str())];
            let requests = idents[i].iter().map(|ident| (2, ident.as_str()));
            for key in own.into_iter().chain(requests) {
                match claims.entry(key) {
                    Entry::Occupied(first) => {
                        let first = *first.get();
                        if first != i {
                            collides[first] = true;
                            collides[i] = true;
                        }
                    }
                    Entry::Vacant(claim) => {
                        claim.insert(i);
                    }
                }
            }
        }
        // The claims borrow the names, which this round may change next.
        drop(claims);
        for (i, list) in idents.iter().enumerate() {
            if list.iter().any(|ident| reserved(ident)) {
                collides[i] = true;
            }
        }
        let colliding: Vec<usize> = (0..drafts.len()).filter(|&i| collides[i]).collect();
        if colliding.is_empty() {
            for (i, d) in drafts.iter().enumerate() {
                if sources[i] != NameSource::Title {
                    let title = d
                        .page
                        .title
                        .as_ref()
                        .or_else(|| d.page.front_matter_value("title"));
                    let span = title.map_or_else(|| page_span(d.page), |t| t.span.clone());
                    let why = match sources[i] {
                        NameSource::FileName => "its file name",
                        _ => "its path",
                    };
                    notes.push(Note {
                        span,
                        message: format!(
                            "the page's title gives Rust names that another page's requests \
                             or the `requests` module use; its requests are named from {why}: {}",
                            idents[i].join(", ")
                        ),
                    });
                }
            }
            return Ok(modules.into_iter().zip(idents).collect());
        }
        let mut advanced = false;
        for &i in &colliding {
            let next = match sources[i] {
                NameSource::Title => Some(NameSource::FileName),
                NameSource::FileName => Some(NameSource::Path),
                NameSource::Path => None,
            };
            if let Some(next) = next {
                sources[i] = next;
                names[i] = page_name(drafts[i].page, next, shared);
                modules[i] = module_name(&names[i]);
                idents[i] = idents_of(i, &names[i], next);
                advanced = true;
            }
        }
        if !advanced {
            let mut pages = colliding
                .iter()
                .map(|&i| display_path(&drafts[i].page.path));
            return Err(GenError::NameCollision {
                scope: "requests".into(),
                first: pages.next().unwrap_or_default(),
                second: pages.next().unwrap_or_default(),
                ident: colliding
                    .first()
                    .map(|&i| names[i].clone())
                    .unwrap_or_default(),
            });
        }
    }
}

/// A page name as a module name.
fn module_name(page_name: &str) -> String {
    naming::module_name(base_ident(page_name, Case::Snake))
}

/// The start of a page (for notes without a better place).
fn page_span(page: &Page) -> Span {
    Span {
        file: std::sync::Arc::from(page.path.as_str()),
        line: 1,
        column: 1,
        start: 0,
        end: 0,
    }
}

/// The directory prefix (ending in `/`) every path shares.
pub(super) fn shared_dir<'a>(paths: impl Iterator<Item = &'a str>) -> String {
    let mut shared: Option<String> = None;
    for path in paths {
        let path = display_path(path);
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        shared = Some(match shared {
            None => dir.to_string(),
            Some(s) => {
                let common: usize = s
                    .chars()
                    .zip(dir.chars())
                    .take_while(|(x, y)| x == y)
                    .map(|(x, _)| x.len_utf8())
                    .sum();
                let common = &s[..common];
                common[..common.rfind('/').map_or(0, |i| i + 1)].to_string()
            }
        });
    }
    shared.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::{parse_template, Param};

    fn plan(template: &str, method: &str) -> (Vec<Piece>, Vec<Param>, String) {
        let (pieces, params) = parse_template(template);
        (pieces, params, method.to_string())
    }

    fn suffixes_of(ops: &[(&str, &str)]) -> Vec<String> {
        // Build throwaway operations: only pieces, params and method matter.
        let operation = graphdoc_model::Operation {
            method: graphdoc_model::Spanned::new("GET".into(), page_span_for_test()),
            path: graphdoc_model::OperationPath {
                template: graphdoc_model::Spanned::new(String::new(), page_span_for_test()),
                params: Vec::new(),
            },
        };
        let plans: Vec<RequestPlan> = ops
            .iter()
            .map(|(m, t)| {
                let (pieces, params, method) = plan(t, m);
                RequestPlan {
                    op: &operation,
                    ident: String::new(),
                    method,
                    pieces,
                    params,
                    has_body: false,
                }
            })
            .collect();
        suffixes(&plans)
    }

    fn page_span_for_test() -> Span {
        Span {
            file: std::sync::Arc::from("t.md"),
            line: 1,
            column: 1,
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn suffixes_are_the_shortest_distinguishing_prefix() {
        assert_eq!(suffixes_of(&[("POST", "/me/x")]), [""]);
        assert_eq!(
            suffixes_of(&[
                ("POST", "/me/profile/skills"),
                ("POST", "/users/{id | userPrincipalName}/profile/skills")
            ]),
            ["Me", "Users"]
        );
        assert_eq!(
            suffixes_of(&[
                ("GET", "/me/events"),
                ("GET", "/me/calendar/events"),
                ("GET", "/users/{id}/events"),
                ("GET", "/me/events/delta"),
            ]),
            ["MeEvents", "MeCalendar", "Users", "MeEventsDelta"]
        );
        assert_eq!(
            suffixes_of(&[
                ("GET", "/me/microsoft.graph.delta()"),
                ("GET", "/users/{id}/$value"),
            ]),
            ["Me", "Users"]
        );
        // Words all paths start with are left out.
        assert_eq!(
            suffixes_of(&[
                ("GET", "/directory/administrativeUnits/{id}/members"),
                ("GET", "/directory/administrativeUnits/{id}/members/$ref"),
            ]),
            ["", "Ref"]
        );
        assert_eq!(
            suffixes_of(&[
                ("GET", "/deviceAppManagement/mdmPolicies/{id}/files"),
                ("GET", "/deviceAppManagement/policies/{id}/files"),
            ]),
            ["MdmPolicies", "Policies"]
        );
        // Same literal segments: arguments, parameter names, method, position.
        assert_eq!(
            suffixes_of(&[
                ("GET", "/charts/{name}/image(width=640)"),
                ("GET", "/charts/{name}/image(width=640,height=480)"),
            ]),
            ["Width640", "Width640Height480"]
        );
        assert_eq!(
            suffixes_of(&[
                ("GET", "/users/{id}/x"),
                ("GET", "/users/{userPrincipalName}/x")
            ]),
            ["Id", "UserPrincipalName"]
        );
        assert_eq!(
            suffixes_of(&[("PUT", "/users/{id}"), ("PATCH", "/users/{id}")]),
            ["Put", "Patch"]
        );
        assert_eq!(
            suffixes_of(&[("GET", "/users/{id}"), ("GET", "/users('{id}')")]),
            ["Path1", "Path2"]
        );
    }
}
