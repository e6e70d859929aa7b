//! The rules, one module per family. [`run`] applies the page rules to every
//! page in parallel, then the cross-page rules.
mod conflicts;
mod examples;
mod links;
mod metadata;
mod paths;
mod permissions;
mod placeholders;
mod problems;
mod types;
mod values;

use crate::Diagnostic;
use graphdoc_model::{Corpus, Page, Span};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// What the rules share: the corpus and indexes built once per run.
pub struct Ctx<'a> {
    /// The corpus.
    pub corpus: &'a Corpus,
    /// Every input page path, normalised (lower-case, `/` separators).
    pub paths: HashSet<String>,
    /// Every folder that holds an input page, normalised.
    pub dirs: HashSet<String>,
    /// Every type name any page uses in a type cell, lower-cased.
    pub referenced_types: HashSet<String>,
    /// The input defines types (it has resource or enum pages).
    pub defines_types: bool,
    /// Normalised page path -> index in `corpus.pages`.
    pub page_index: HashMap<String, usize>,
    /// Normalised page path -> index of the first page with that path (where
    /// `page_index` holds the last, for inputs naming a page twice).
    pub first_page: HashMap<String, usize>,
    /// Every page's path, normalised, by page index.
    normalized_paths: Vec<String>,
    /// Page path as walked -> page index: rules normalise the paths of type
    /// sources and linking pages once per link, and these are page paths.
    by_path: HashMap<&'a str, usize>,
}

impl<'a> Ctx<'a> {
    /// Builds the indexes.
    pub fn new(corpus: &'a Corpus) -> Self {
        let normalized: Vec<String> = corpus
            .pages
            .par_iter()
            .map(|p| normalize_path(&p.path))
            .collect();
        let paths: HashSet<String> = normalized.iter().cloned().collect();
        let dirs = paths.iter().map(|p| parent(p).to_string()).collect();
        let mut referenced_types = HashSet::new();
        for page in &corpus.pages {
            for prop in all_properties(page) {
                referenced_types.insert(prop.type_ref.name.to_ascii_lowercase());
            }
        }
        let defines_types = corpus.pages.iter().any(|p| {
            matches!(
                p.kind,
                graphdoc_model::PageKind::Resource | graphdoc_model::PageKind::Enum
            )
        });
        let mut first_page = HashMap::with_capacity(normalized.len());
        for (i, path) in normalized.iter().enumerate() {
            first_page.entry(path.clone()).or_insert(i);
        }
        let page_index = normalized
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i))
            .collect();
        let by_path = corpus
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.path.as_str(), i))
            .collect();
        Ctx {
            corpus,
            paths,
            dirs,
            referenced_types,
            defines_types,
            page_index,
            first_page,
            normalized_paths: normalized,
            by_path,
        }
    }

    /// [`normalize_path`] of `path`, looked up rather than computed when
    /// `path` is the path of an input page (as type sources' paths are).
    pub fn normalized<'p>(&'p self, path: &'p str) -> std::borrow::Cow<'p, str> {
        match self.by_path.get(path) {
            Some(&i) => std::borrow::Cow::Borrowed(self.normalized_paths[i].as_str()),
            None => std::borrow::Cow::Owned(normalize_path(path)),
        }
    }

    /// The input page a relative link of `from` points at, if it is one.
    pub fn linked_page(&self, from: &Page, target: &str) -> Option<&'a Page> {
        let target = target.split(['#', '?']).next()?;
        if target.is_empty() || target.contains("://") || target.starts_with('/') {
            return None;
        }
        let from_dir = parent(&self.normalized(&from.path)).to_string();
        let resolved = normalize_path(&format!("{from_dir}/{target}"));
        self.page_index
            .get(&resolved)
            .map(|&i| &self.corpus.pages[i])
    }

    /// The source text of `span`'s page at `span`, or "" when unknown.
    pub fn text<'p>(&self, page: &'p Page, span: &Span) -> &'p str {
        page.source.get(span.range()).unwrap_or("")
    }
}

/// Every property row of a page: properties, relationships and request body.
pub fn all_properties(page: &Page) -> impl Iterator<Item = &graphdoc_model::Property> {
    page.properties
        .iter()
        .chain(&page.relationships)
        .chain(page.request_body.iter().flat_map(|b| &b.properties))
}

/// `a/./b/../c.md` -> `a/c.md`, lower-cased, `/` separators.
pub fn normalize_path(path: &str) -> String {
    let absolute = path.starts_with(['/', '\\']);
    let mut out = String::with_capacity(path.len() + 1);
    if absolute {
        out.push('/');
    }
    push_segments(&mut out, usize::from(absolute), path);
    out
}

/// `normalize_path(&format!("{folder}/{relative}"))` for a `folder` that is
/// already normalised (or `normalize_path(relative)` for an empty one), without
/// normalising the folder again. `relative` must not start with a separator.
pub fn join_normalized(folder: &str, relative: &str) -> String {
    let mut out = String::with_capacity(folder.len() + 1 + relative.len());
    out.push_str(folder);
    // Normalising `folder` itself would have left exactly `folder` in the
    // output, so the segments of `relative` continue from there.
    push_segments(&mut out, usize::from(folder.starts_with('/')), relative);
    out
}

/// Appends the segments of `path` to the normalised path `out`, whose first
/// `base` bytes are its root (`/`, or nothing for a relative path).
fn push_segments(out: &mut String, base: usize, path: &str) {
    // Built in place: a segment is appended lower-cased, and `..` drops the
    // last one (after the last `/` of the output) unless that is `..` too.
    let push = |out: &mut String, seg: &str| {
        if out.len() > base {
            out.push('/');
        }
        let start = out.len();
        out.push_str(seg);
        out[start..].make_ascii_lowercase();
    };
    // Split at the separator bytes (both ASCII, so every piece is whole
    // characters): cheaper than a char-set pattern.
    let bytes = path.as_bytes();
    let mut from = 0;
    for at in 0..=bytes.len() {
        if at < bytes.len() && bytes[at] != b'/' && bytes[at] != b'\\' {
            continue;
        }
        let seg = &path[from..at];
        from = at + 1;
        match seg {
            "" | "." => {}
            ".." => {
                let last = out[base..].rfind('/').map_or(base, |i| base + i + 1);
                if out.len() > base && &out[last..] != ".." {
                    out.truncate(if last > base { last - 1 } else { base });
                } else {
                    push(out, "..");
                }
            }
            s => push(out, s),
        }
    }
}

/// Whether `text` starts with `prefix` (lower-case ASCII), ignoring ASCII
/// case: `text.to_ascii_lowercase().starts_with(prefix)` without the copy.
pub(crate) fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// Whether `hay` contains `needle` (lower-case ASCII), ignoring ASCII case:
/// `hay.to_ascii_lowercase().contains(needle)` without the copy.
pub(crate) fn contains_ci(hay: &str, needle: &str) -> bool {
    needle.is_empty()
        || hay
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The folder part of a normalised path ("" for a bare file name).
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Runs every rule.
pub fn run(corpus: &Corpus) -> Vec<Diagnostic> {
    let ctx = Ctx::new(corpus);
    // The cross-page rules only read the corpus and push, so they run beside
    // the page rules; their findings still come after the page rules'.
    let (mut out, cross) = rayon::join(
        || {
            corpus
                .pages
                .par_iter()
                .flat_map_iter(|page| {
                    let mut d = Vec::new();
                    page_rules(&ctx, page, &mut d);
                    d
                })
                .collect::<Vec<Diagnostic>>()
        },
        || {
            let mut cross = Vec::new();
            conflicts::check(&ctx, &mut cross);
            paths::siblings(&ctx, &mut cross);
            cross
        },
    );
    out.extend(cross);
    out
}

fn page_rules(ctx: &Ctx, page: &Page, out: &mut Vec<Diagnostic>) {
    problems::check(page, out);
    placeholders::check(ctx, page, out);
    metadata::check(ctx, page, out);
    links::check(ctx, page, out);
    types::check(ctx, page, out);
    permissions::check(page, out);
    paths::check(ctx, page, out);
    examples::check(ctx, page, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward version, as the reference.
    fn normalize_slowly(path: &str) -> String {
        let mut parts: Vec<&str> = Vec::new();
        let path = path.replace('\\', "/").to_ascii_lowercase();
        let absolute = path.starts_with('/');
        for seg in path.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    if matches!(parts.last(), Some(&last) if last != "..") {
                        parts.pop();
                    } else {
                        parts.push("..");
                    }
                }
                s => parts.push(s),
            }
        }
        let joined = parts.join("/");
        if absolute {
            format!("/{joined}")
        } else {
            joined
        }
    }

    #[test]
    fn paths_normalise_like_the_reference() {
        for p in [
            "",
            "/",
            "//",
            "a",
            "A/B/../C.md",
            "../x.md",
            "../../a/./b/../../c/..",
            "/../a",
            "/a/../..",
            "\\A\\b/..\\C.MD",
            "a//b///c/",
            "./././x",
            "..",
            "../..",
            "a/..",
            "a/../..",
            "../shared/corpus/graph-docs-v1.0/api/../resources/User.md",
            "É/ü/../X.md",
        ] {
            assert_eq!(normalize_path(p), normalize_slowly(p), "{p:?}");
        }
    }

    #[test]
    fn joining_onto_a_normalised_folder_is_normalising_the_join() {
        // Folders as `parent` gives them: normalised, never a bare `/`.
        for folder in ["", "a", "docs/api", "/abs/dir", "..", "../../x", "/.."] {
            for rel in [
                "x.md",
                "../y.md",
                "../../../z.md",
                "./A/B.md",
                "a//b\\C.md",
                "..",
            ] {
                let want = if folder.is_empty() {
                    normalize_path(rel)
                } else {
                    normalize_path(&format!("{folder}/{rel}"))
                };
                assert_eq!(join_normalized(folder, rel), want, "{folder:?} {rel:?}");
            }
        }
    }

    #[test]
    fn paths_normalise() {
        assert_eq!(
            normalize_path("docs/api/../resources/./User.md"),
            "docs/resources/user.md"
        );
        assert_eq!(normalize_path("../x.md"), "../x.md");
        assert_eq!(parent("a/b/c.md"), "a/b");
    }
}
