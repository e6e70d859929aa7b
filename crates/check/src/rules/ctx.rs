//! [`Ctx`]: the corpus and the indexes the page rules share.
use super::hash::{FastMap, FastSet};
use super::templates::{matches, operation_patterns};
use super::{all_properties, join_normalized, normalize_path, parent};
use graphdoc_model::{short_type_name, Corpus, Page, PageKind, Span, TypeDef};
use rayon::prelude::*;
use std::borrow::Cow;
use std::sync::OnceLock;

/// What the rules share: the corpus and indexes built once per run.
pub struct Ctx<'a> {
    /// The corpus.
    pub corpus: &'a Corpus,
    /// The input defines types (it has resource or enum pages).
    pub defines_types: bool,
    /// Every page's path, normalised (lower-case, `/` separators), by page
    /// index.
    normalized_paths: Vec<String>,
    /// Page path as walked -> page index: rules normalise the paths of type
    /// sources and linking pages once per link, and these are page paths.
    by_path: FastMap<&'a str, usize>,
    /// Normalised page path -> the pages with that path.
    pages: FastMap<String, PagesAt>,
    /// Every folder that holds an input page, normalised.
    dirs: FastSet<String>,
    /// Every type name any page uses in a type cell, lower-cased.
    referenced_types: FastSet<String>,
    /// (property name, its type's short name lower-cased) -> the indexes of
    /// the types that have such a property; built on first use.
    holders: OnceLock<FastMap<(String, String), Vec<usize>>>,
    /// Every operation's path template, lower-cased, with its page and
    /// operation indexes; built on first use.
    templates: OnceLock<Vec<(usize, usize, String)>>,
}

/// The input pages at one normalised path: usually one, but an input may
/// name a page twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagesAt {
    /// Index of the first page with the path.
    pub first: usize,
    /// Index of the last page with the path.
    pub last: usize,
}

impl<'a> Ctx<'a> {
    /// Builds the indexes; the path indexes and the type names side by side.
    pub fn new(corpus: &'a Corpus) -> Self {
        let ((normalized_paths, pages, dirs), referenced_types) =
            rayon::join(|| path_indexes(corpus), || referenced_types(corpus));
        let by_path = corpus
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.path.as_str(), i))
            .collect();
        let defines_types = corpus
            .pages
            .iter()
            .any(|p| matches!(p.kind, PageKind::Resource | PageKind::Enum));
        Ctx {
            corpus,
            defines_types,
            normalized_paths,
            by_path,
            pages,
            dirs,
            referenced_types,
            holders: OnceLock::new(),
            templates: OnceLock::new(),
        }
    }

    /// Whether a type other than `ty` has a property named `key` of type
    /// `ty` (`message.singleValueExtendedProperties` holds
    /// `singleValueLegacyExtendedProperty` items).
    pub fn held_by_another(&self, key: &str, ty: &TypeDef) -> bool {
        let holders = self.holders.get_or_init(|| {
            let mut map: FastMap<(String, String), Vec<usize>> = FastMap::default();
            for (i, t) in self.corpus.types.iter().enumerate() {
                for p in &t.properties {
                    let target = short_type_name(&p.type_ref.name).to_ascii_lowercase();
                    map.entry((p.name.value.clone(), target))
                        .or_default()
                        .push(i);
                }
            }
            map
        });
        let wanted = (key.to_string(), ty.name.to_ascii_lowercase());
        holders.get(&wanted).is_some_and(|owners| {
            owners
                .iter()
                .any(|&i| !std::ptr::eq(&self.corpus.types[i], ty))
        })
    }

    /// Whether a page other than `page` declares `method` on a path one of
    /// `readings` (an example path's [`super::templates::readings`]) matches.
    /// A scan, not an index (asked for a few dozen examples per corpus):
    /// only templates that hold the path's last literal segment become
    /// patterns.
    pub fn declared_elsewhere(&self, page: &Page, method: &str, readings: &[String]) -> bool {
        // Each reading's last literal segment (values such as ids are
        // `{x}` in a template), with its slash: a template that lacks it
        // cannot match and is never made a pattern.
        let literals: Option<Vec<String>> = readings
            .iter()
            .map(|r| {
                r.rsplit('/')
                    .find(|seg| !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_alphabetic()))
                    .map(|seg| format!("/{seg}"))
            })
            .collect();
        let templates = self.templates.get_or_init(|| {
            let pages = self.corpus.pages.iter().enumerate();
            pages
                .flat_map(|(i, p)| {
                    p.operations
                        .iter()
                        .enumerate()
                        .map(move |(o, op)| (i, o, op))
                })
                .map(|(i, o, op)| (i, o, op.path.template.value.to_ascii_lowercase()))
                .collect()
        });
        let finders: Option<Vec<memchr::memmem::Finder>> = literals
            .as_ref()
            .map(|ls| ls.iter().map(memchr::memmem::Finder::new).collect());
        templates
            .iter()
            .filter(|&&(i, _, _)| !std::ptr::eq(&self.corpus.pages[i], page))
            .map(|(i, o, lower)| (&self.corpus.pages[*i].operations[*o], lower))
            .filter(|(op, _)| op.method.value.eq_ignore_ascii_case(method))
            .filter(|(_, lower)| {
                finders
                    .as_ref()
                    .is_none_or(|fs| fs.iter().any(|f| f.find(lower.as_bytes()).is_some()))
            })
            .any(|(op, _)| {
                operation_patterns(&op.path.template.value)
                    .iter()
                    .any(|pattern| readings.iter().any(|r| matches(pattern, r)))
            })
    }

    /// [`normalize_path`] of `path`, looked up rather than computed when
    /// `path` is the path of an input page (as type sources' paths are).
    pub fn normalized<'p>(&'p self, path: &'p str) -> Cow<'p, str> {
        match self.by_path.get(path) {
            Some(&i) => Cow::Borrowed(self.normalized_paths[i].as_str()),
            None => Cow::Owned(normalize_path(path)),
        }
    }

    /// The input pages at a normalised path.
    pub fn pages_at(&self, normalized: &str) -> Option<PagesAt> {
        self.pages.get(normalized).copied()
    }

    /// Whether a normalised folder holds an input page.
    pub fn has_dir(&self, normalized: &str) -> bool {
        self.dirs.contains(normalized)
    }

    /// Whether some page uses the type name `lower` (lower-cased) in a type
    /// cell.
    pub fn references_type(&self, lower: &str) -> bool {
        self.referenced_types.contains(lower)
    }

    /// [`Corpus::type_named`].
    pub fn type_named(&self, name: &str) -> Option<&'a TypeDef> {
        self.corpus.type_named(name)
    }

    /// The input page a relative link of `from` points at, if it is one.
    pub fn linked_page(&self, from: &Page, target: &str) -> Option<&'a Page> {
        let target = target.split(['#', '?']).next()?;
        if target.is_empty() || target.contains("://") || target.starts_with('/') {
            return None;
        }
        let from_path = self.normalized(&from.path);
        let from_dir = parent(&from_path);
        // `{from_dir}/{target}` normalised; with no folder that is `/{target}`.
        let resolved = if from_dir.is_empty() {
            normalize_path(&format!("/{target}"))
        } else {
            join_normalized(from_dir, target)
        };
        self.pages_at(&resolved)
            .map(|at| &self.corpus.pages[at.last])
    }

    /// The source text of `span`'s page at `span`, or "" when unknown.
    pub fn text<'p>(&self, page: &'p Page, span: &Span) -> &'p str {
        page.source.get(span.range()).unwrap_or("")
    }
}

/// Every page's normalised path, the pages at each, and the folders.
fn path_indexes(corpus: &Corpus) -> (Vec<String>, FastMap<String, PagesAt>, FastSet<String>) {
    let normalized: Vec<String> = corpus
        .pages
        .par_iter()
        .map(|p| normalize_path(&p.path))
        .collect();
    let mut pages: FastMap<String, PagesAt> = FastMap::default();
    pages.reserve(normalized.len());
    let mut dirs: FastSet<String> = FastSet::default();
    for (i, path) in normalized.iter().enumerate() {
        match pages.get_mut(path.as_str()) {
            Some(at) => at.last = i,
            None => {
                pages.insert(path.clone(), PagesAt { first: i, last: i });
            }
        }
        // Pages share a few folders: copy each once.
        let dir = parent(path);
        if !dirs.contains(dir) {
            dirs.insert(dir.to_string());
        }
    }
    (normalized, pages, dirs)
}

/// Every type name used in a type cell, lower-cased.
fn referenced_types(corpus: &Corpus) -> FastSet<String> {
    let mut set = FastSet::default();
    let mut lower = String::new();
    for prop in corpus.pages.iter().flat_map(all_properties) {
        lower.clear();
        lower.push_str(&prop.type_ref.name);
        lower.make_ascii_lowercase();
        if !set.contains(lower.as_str()) {
            set.insert(lower.clone());
        }
    }
    set
}
