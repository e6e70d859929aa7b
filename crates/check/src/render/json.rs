//! The `--format json` contract:
//!
//! ```json
//! {"diagnostics": [{"code", "severity", "file", "line", "column", "message",
//!                   "end_line", "end_column", "label", "notes"}],
//!  "summary": {"files", "errors", "warnings", "suppressed", "by_code"}}
//! ```
//!
//! The first six diagnostic keys are the contract; the others are additive.
//! `line` and `column` are 1-based (column in characters) and point at the
//! offending text; `end_line`/`end_column` point just past it. `file` is the
//! path as walked.
use super::{end_position, Sources};
use crate::{Report, Summary};
use graphdoc_model::Corpus;
use serde::Serialize;

/// One diagnostic in the JSON output, keys in contract order.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    file: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
    end_line: u32,
    end_column: u32,
    label: Option<&'a str>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: &'a Summary,
}

/// The report as one pretty-printed JSON object, ending with a newline.
/// Keys keep the contract order (structs, not maps, are serialized).
pub fn json(report: &Report, corpus: &Corpus) -> String {
    let sources = Sources::new(corpus);
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| {
            let (end_line, end_column) = end_position(&d.span, sources.get(&d.span.file));
            JsonDiagnostic {
                code: d.code.name(),
                severity: d.severity.as_str(),
                file: &d.span.file,
                line: d.span.line,
                column: d.span.column,
                message: &d.message,
                end_line,
                end_column,
                label: d.label.as_deref(),
                notes: &d.notes,
            }
        })
        .collect();
    let doc = JsonReport {
        diagnostics,
        summary: &report.summary,
    };
    // Structs of strings, numbers and string-keyed maps always serialize.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}
