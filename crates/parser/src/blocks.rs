//! The block layer shared by both input forms.
//!
//! Markdown (through pulldown-cmark) and rendered plain text are both reduced
//! to this flat list of blocks; the page assembler reads only blocks, so the
//! two forms produce the same model.
use crate::text::OffsetMap;
use graphdoc_model::{Include, Link, Span, Spanned};

/// One block of a page, in document order.
#[derive(Debug, Clone)]
pub enum Block {
    /// A heading. Tab-group markers (`# [HTTP](#tab/http)`) are [`Block::TabStart`].
    Heading {
        /// 1 for `#`.
        level: u8,
        /// Plain text.
        text: Spanned<String>,
    },
    /// A tab-group tab marker: `# [HTTP](#tab/http)`.
    TabStart {
        /// The tab label (`HTTP`, `C#`).
        label: String,
        /// Where the marker is.
        span: Span,
    },
    /// A thematic break (`---`), which closes a tab group.
    Rule {
        /// Where it is.
        span: Span,
    },
    /// A paragraph, list item or quote: inline content as plain text.
    Paragraph(Inline),
    /// An `[!INCLUDE [name](path)]` line.
    Include(Include),
    /// A table.
    Table(Table),
    /// A fenced or indented code block.
    Code(CodeBlock),
    /// An HTML comment (annotations, allow comments).
    Comment {
        /// The text between `<!--` and `-->`.
        text: String,
        /// Offset map from `text` to source offsets.
        map: OffsetMap,
        /// The whole comment.
        span: Span,
        /// No `-->` was found.
        unterminated: bool,
    },
}

/// Inline content reduced to plain text, with its links and code spans.
#[derive(Debug, Clone, Default)]
pub struct Inline {
    /// The text, markup removed (link text kept, code span text kept).
    pub text: String,
    /// Links in order.
    pub links: Vec<Link>,
    /// `code spans` in order.
    pub code: Vec<Spanned<String>>,
    /// Where the content is.
    pub span: Option<Span>,
}

/// A table: header cells and body rows.
#[derive(Debug, Clone)]
pub struct Table {
    /// The header row.
    pub header: Vec<Inline>,
    /// Body rows.
    pub rows: Vec<Row>,
    /// The whole table.
    pub span: Span,
}

/// One body row.
#[derive(Debug, Clone)]
pub struct Row {
    /// The cells.
    pub cells: Vec<Inline>,
    /// The whole row.
    pub span: Span,
}

/// A code block.
#[derive(Debug, Clone)]
pub struct CodeBlock {
    /// The info string (`http`, `json`), lower-cased, trimmed.
    pub info: String,
    /// The content.
    pub text: String,
    /// Maps offsets in `text` to source offsets.
    pub map: OffsetMap,
    /// The whole block, fences included.
    pub span: Span,
    /// The closing fence is missing.
    pub unterminated: bool,
}

impl Inline {
    /// The span, or `fallback` when the content was empty.
    pub fn span_or(&self, fallback: &Span) -> Span {
        self.span.clone().unwrap_or_else(|| fallback.clone())
    }

    /// The text, trimmed, spanned.
    pub fn spanned_text(&self, fallback: &Span) -> Spanned<String> {
        Spanned::new(self.text.trim().to_string(), self.span_or(fallback))
    }
}
