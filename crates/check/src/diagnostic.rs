//! One finding.
use crate::catalog::{Code, Severity};
use graphdoc_model::Span;
use serde::Serialize;

/// A finding at a place in a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The stable code.
    #[serde(serialize_with = "code_name")]
    pub code: Code,
    /// Error or warning (after configuration).
    pub severity: Severity,
    /// Where: the offending text.
    pub span: Span,
    /// One sentence for people.
    pub message: String,
    /// The label under the marker in human output.
    pub label: Option<String>,
    /// Extra lines (`= note: ...`, `= help: ...`).
    pub notes: Vec<String>,
}

fn code_name<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.name())
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            span,
            message: message.into(),
            label: None,
            notes: Vec::new(),
        }
    }

    /// Adds the label shown under the marker.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a note line.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The sort key: file, position, code.
    pub fn sort_key(&self) -> (&str, u32, u32, Code) {
        (&self.span.file, self.span.start, self.span.end, self.code)
    }
}
