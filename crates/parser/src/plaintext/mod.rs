//! Rendered plain-text pages: the text of a published docs page saved with no
//! markup at all.
//!
//! There are no fences, pipes or `#` marks, so the structure is recovered from
//! the vocabulary of Microsoft Graph reference pages: known section titles
//! standing alone become headings, rows under a header made of known column
//! titles become tables, HTTP request and status lines with their headers and
//! bracket-balanced JSON bodies become code blocks, and everything else is
//! prose. The result is the block list the markdown reader yields for the same
//! page, so one assembler serves both forms.
//!
//! [`looks_rendered`] decides by content whether a page is in this form;
//! [`blocks`] reads it. One file per concern: `lines` (trimmed lines and
//! tokens), `headings` (the section-title vocabulary), `tables` (header rows,
//! the column vocabulary, row splitting) with `cells` (how many tokens each
//! column's cell takes), `http` and `json` (code-block recognition), `detect`
//! (markdown or rendered), and `reader`, which walks the lines and hands each
//! block to the concern that owns it.

mod cells;
mod detect;
mod headings;
mod http;
mod json;
mod lines;
mod reader;
mod tables;
#[cfg(test)]
mod test_support;

use crate::blocks::Block;
use crate::text::SourceText;
use headings::Section;
use lines::read_lines;
use reader::Reader;

pub use detect::looks_rendered;

/// Reads a rendered page into blocks. Offsets/spans refer to `src.text`.
///
/// Every non-blank line ends up inside exactly one block's span.
pub fn blocks(src: &SourceText) -> Vec<Block> {
    let mut reader = Reader {
        src,
        lines: read_lines(src.text),
        out: Vec::new(),
        titled: false,
        section: Section::Other,
        nested_example: false,
        json_fail_until: 0,
    };
    reader.run();
    reader.out
}
