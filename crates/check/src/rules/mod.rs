//! The rules, one module per family. [`run`] applies the page rules to every
//! page in parallel, beside the cross-page rules.
mod conflicts;
mod ctx;
mod examples;
mod hash;
mod link_targets;
mod links;
mod metadata;
mod normalize;
mod paths;
mod permissions;
mod placeholders;
mod problems;
mod templates;
mod text;
mod types;
mod values;

pub use ctx::{Ctx, PagesAt};
pub use normalize::{join_normalized, join_normalized_into, normalize_path, parent};
pub(crate) use text::{ascii_offsets, find_ascii, find_either, split_byte, trim_marks};

use crate::Diagnostic;
use graphdoc_model::{Corpus, Page};
use rayon::prelude::*;

/// Every property row of a page: properties, relationships and request body.
pub fn all_properties(page: &Page) -> impl Iterator<Item = &graphdoc_model::Property> {
    page.properties
        .iter()
        .chain(&page.relationships)
        .chain(page.request_body.iter().flat_map(|b| &b.properties))
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

/// Runs every rule.
pub fn run(corpus: &Corpus) -> Vec<Diagnostic> {
    // The cross-page rules read only the corpus, so they start at once,
    // beside the indexes the page rules need; their findings still come
    // after the page rules'.
    let (mut out, cross) = rayon::join(
        || {
            let ctx = Ctx::new(corpus);
            corpus
                .pages
                .par_iter()
                // Each task keeps the link targets it resolved for the
                // pages of one folder.
                .map_init(link_targets::Targets::default, |targets, page| {
                    let mut d = Vec::new();
                    page_rules(&ctx, targets, page, &mut d);
                    d
                })
                .flatten_iter()
                .collect::<Vec<Diagnostic>>()
        },
        || cross_page_rules(corpus),
    );
    out.extend(cross);
    out
}

/// The cross-page rules, each part a task of its own so that no one of them
/// holds a core alone at the end of the run. Findings in the order
/// conflicting operations, conflicting properties, sibling paths.
fn cross_page_rules(corpus: &Corpus) -> Vec<Diagnostic> {
    let ((mut out, properties), siblings) = rayon::join(
        || {
            rayon::join(
                || conflicts::operations(corpus),
                || conflicts::properties(corpus),
            )
        },
        || paths::siblings(corpus),
    );
    out.extend(properties);
    out.extend(siblings);
    out
}

fn page_rules<'a>(
    ctx: &Ctx,
    targets: &mut link_targets::Targets<'a>,
    page: &'a Page,
    out: &mut Vec<Diagnostic>,
) {
    problems::check(page, out);
    placeholders::check(ctx, page, out);
    metadata::check(ctx, page, out);
    links::check(ctx, targets, page, out);
    types::check(ctx, page, out);
    permissions::check(page, out);
    paths::check(ctx, page, out);
    examples::check(ctx, page, out);
}
