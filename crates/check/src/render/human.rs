//! rustc-like output for people, through annotate-snippets:
//!
//! ```text
//! warning[todo-placeholder]: TODO placeholder in the description column
//!  --> docs/api/x.md:12:28
//!    |
//! 12 | | displayName | String | TODO |
//!    |                          ^^^^ unwritten text
//!    |
//!    = help: write the description
//! ```
//!
//! followed by a summary of the run.
use super::{floor_boundary, Sources};
use crate::catalog::Severity;
use crate::diagnostic::Diagnostic;
use crate::Report;
use annotate_snippets::{
    normalize_untrusted_str, AnnotationKind, Level, Origin, Renderer, Snippet,
};
use graphdoc_model::Corpus;
use std::fmt::Write;

/// Renders every diagnostic with a source excerpt (when its file is a page)
/// and a closing summary. `color` adds ANSI styles; pass it only when the
/// output is a terminal that wants colour.
pub fn human(report: &Report, corpus: &Corpus, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let sources = Sources::new(corpus);
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&render_one(&renderer, d, sources.get(&d.span.file)));
        out.push_str("\n\n");
    }
    out.push_str(&summary(report, color));
    out
}

/// One diagnostic as annotate-snippets renders it (no trailing newline).
fn render_one(renderer: &Renderer, d: &Diagnostic, source: Option<&str>) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.code.name());
    let group = match source.and_then(|s| excerpt(s, d)) {
        Some(snippet) => title.element(snippet),
        None => title.element(
            Origin::path(d.span.file.as_ref())
                .line(d.span.line as usize)
                .char_column(d.span.column as usize),
        ),
    };
    let group = d
        .notes
        .iter()
        .fold(group, |g, note| g.element(note_message(note)));
    renderer.render(&[group])
}

/// A `help: ...` note renders as help, anything else as a note. Notes may
/// quote page text, so control characters are neutralised.
fn note_message(note: &str) -> annotate_snippets::Message<'static> {
    match note.strip_prefix("help: ") {
        Some(help) => Level::HELP.message(normalize_untrusted_str(help)),
        None => Level::NOTE.message(normalize_untrusted_str(
            note.strip_prefix("note: ").unwrap_or(note),
        )),
    }
}

/// The lines of `source` that `d`'s span covers, with the span marked.
/// Returns `None` when the span does not fit the source (the diagnostic is
/// then shown by position only).
fn excerpt<'a>(
    source: &'a str,
    d: &'a Diagnostic,
) -> Option<Snippet<'a, annotate_snippets::Annotation<'a>>> {
    let span = &d.span;
    if span.start as usize > source.len() || span.line == 0 {
        return None;
    }
    let start = floor_boundary(source, span.start as usize);
    let mut end = floor_boundary(source, (span.end as usize).max(start));
    // A span that ends with its line break marks the line, not the next one.
    let trimmed = source[start..end].trim_end_matches(['\n', '\r']);
    if !trimmed.is_empty() {
        end = start + trimmed.len();
    }
    let first = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let last = source[end..].find('\n').map_or(source.len(), |i| end + i);
    // annotate-snippets folds the middle of long spans (a whole JSON body).
    let text = source[first..last]
        .strip_suffix('\r')
        .unwrap_or(&source[first..last]);
    let end = end.min(first + text.len());
    let start = start.min(end);
    let mut annotation = AnnotationKind::Primary.span(start - first..end - first);
    if let Some(label) = &d.label {
        annotation = annotation.label(label.as_str());
    }
    Some(
        Snippet::source(text)
            .line_start(span.line as usize)
            .path(span.file.as_ref())
            .annotation(annotation),
    )
}

/// `graphdoc: 2 errors, 1 warning in 3 files (1 suppressed)` and, when
/// there are diagnostics, one line per code with its count.
fn summary(report: &Report, color: bool) -> String {
    let s = &report.summary;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let files = plural(s.files, "file", "files");
    let mut line = if s.errors == 0 && s.warnings == 0 {
        format!("graphdoc: no problems found in {files}")
    } else {
        format!(
            "graphdoc: {}, {} in {files}",
            plural(s.errors, "error", "errors"),
            plural(s.warnings, "warning", "warnings")
        )
    };
    if s.suppressed > 0 {
        let _ = write!(line, " ({} suppressed)", s.suppressed);
    }
    let mut out = if color {
        format!("\x1b[1m{line}\x1b[0m\n")
    } else {
        format!("{line}\n")
    };
    let mut codes: Vec<(&String, &usize)> = s.by_code.iter().collect();
    // Most frequent first; names break ties so the order is stable.
    codes.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    let width = codes
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(0);
    for (code, n) in codes {
        let _ = writeln!(out, "  {n:>width$} {code}");
    }
    out
}
