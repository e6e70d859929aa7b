//! Source lines and tokens: trimmed, with their byte offsets.

use crate::text::lines_with_offsets;

/// One source line, trimmed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    /// Byte offset of the first non-blank character.
    pub(super) start: usize,
    /// The line without surrounding whitespace (empty for a blank line).
    pub(super) text: &'a str,
}

impl Line<'_> {
    pub(super) fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// A whitespace-separated token with its source offset.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok<'a> {
    pub(super) start: usize,
    pub(super) text: &'a str,
}

impl Tok<'_> {
    pub(super) fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Lines of `text`, trimmed (a byte-order mark counts as blank).
pub(super) fn read_lines(text: &str) -> Vec<Line<'_>> {
    lines(text).collect()
}

/// [`read_lines`] one at a time.
pub(super) fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    lines_with_offsets(text).map(|(offset, raw)| {
        let left = raw.trim_start_matches(is_space);
        let text = left.trim_end_matches(is_space);
        Line {
            start: offset + (raw.len() - left.len()),
            text,
        }
    })
}

pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Line `i` is non-blank with blank lines (or the file's ends) around it.
pub(super) fn standalone(lines: &[Line<'_>], i: usize) -> bool {
    let blank = |j: usize| lines.get(j).is_none_or(|l| l.text.is_empty());
    let before = i == 0 || blank(i - 1);
    lines.get(i).is_some_and(|l| !l.text.is_empty()) && before && blank(i + 1)
}

/// Whitespace-separated tokens of a line with their offsets.
pub(super) fn tokens(line: Line<'_>) -> Vec<Tok<'_>> {
    let base = line.text.as_ptr() as usize;
    line.text
        .split_whitespace()
        .map(|w| Tok {
            start: line.start + (w.as_ptr() as usize - base),
            text: w,
        })
        .collect()
}

/// Tab-separated pieces of a line, each trimmed, with their offsets.
pub(super) fn tab_pieces(line: Line<'_>) -> Vec<Tok<'_>> {
    let base = line.text.as_ptr() as usize;
    line.text
        .split('\t')
        .map(|piece| {
            let t = piece.trim();
            Tok {
                start: line.start + (t.as_ptr() as usize - base),
                text: t,
            }
        })
        .collect()
}
