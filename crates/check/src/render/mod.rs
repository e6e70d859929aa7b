//! Renderers for a [`Report`]: rustc-like text for people ([`human()`]),
//! the JSON contract for tools ([`json()`]) and SARIF 2.1.0 for code-scanning
//! uploads ([`sarif()`]).
//!
//! Renderers never read files: excerpts come from the pages' source text in
//! the [`Corpus`]. A diagnostic whose file is not a page (an unreadable
//! input, a `graphdoc.toml`) is rendered from its span alone.
pub mod human;
pub mod json;
pub mod sarif;

pub use human::human;
pub use json::json;
pub use sarif::sarif;

use crate::Report;
use graphdoc_model::{Corpus, Span};
use std::collections::HashMap;

/// An output format of `graphdoc check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc-like text with source excerpts.
    Human,
    /// One JSON object: `{"diagnostics": [...], "summary": {...}}`.
    Json,
    /// SARIF 2.1.0.
    Sarif,
}

/// Renders `report` in `format`. `color` only affects [`Format::Human`].
/// The text ends with a newline.
pub fn render(report: &Report, corpus: &Corpus, format: Format, color: bool) -> String {
    match format {
        Format::Human => human(report, corpus, color),
        Format::Json => json(report, corpus),
        Format::Sarif => sarif(report, corpus),
    }
}

/// Page source text by file path, built once per rendering.
pub(crate) struct Sources<'a>(HashMap<&'a str, &'a str>);

impl<'a> Sources<'a> {
    pub(crate) fn new(corpus: &'a Corpus) -> Self {
        Sources(
            corpus
                .pages
                .iter()
                .map(|p| (p.path.as_str(), p.source.as_str()))
                .collect(),
        )
    }

    /// The source of the page at `file`, if `file` is a page.
    pub(crate) fn get(&self, file: &str) -> Option<&'a str> {
        self.0.get(file).copied()
    }
}

/// `offset` clamped to `text` and moved back to a character boundary.
pub(crate) fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The 1-based line and column just past the end of `span` (exclusive, as
/// SARIF's `endColumn`), counted in characters. Without the source, the span
/// is taken to lie on one line.
pub(crate) fn end_position(span: &Span, source: Option<&str>) -> (u32, u32) {
    let len = span.end.saturating_sub(span.start);
    let Some(source) = source else {
        return (span.line, span.column.saturating_add(len));
    };
    let start = floor_boundary(source, span.start as usize);
    let end = floor_boundary(source, (span.end as usize).max(start));
    let text = &source[start..end];
    let newlines = text.bytes().filter(|&b| b == b'\n').count();
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    match text.rfind('\n') {
        None => (
            span.line,
            span.column.saturating_add(to_u32(text.chars().count())),
        ),
        Some(i) => (
            span.line.saturating_add(to_u32(newlines)),
            to_u32(text[i + 1..].chars().count()).saturating_add(1),
        ),
    }
}
