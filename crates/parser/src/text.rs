//! Byte offsets to line:column spans.
use graphdoc_model::{Span, Spanned};
use std::sync::Arc;

/// The text of one file with its line starts, to turn byte offsets into spans.
#[derive(Debug, Clone)]
pub struct SourceText<'a> {
    /// The file path as walked.
    pub file: Arc<str>,
    /// The whole text.
    pub text: &'a str,
    line_starts: Vec<u32>,
}

impl<'a> SourceText<'a> {
    /// Indexes `text` (one pass over its bytes).
    pub fn new(file: Arc<str>, text: &'a str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        line_starts.extend(memchr_newlines(text.as_bytes()).map(|i| (i + 1) as u32));
        SourceText {
            file,
            text,
            line_starts,
        }
    }

    /// The span of bytes `start..end`. Offsets past the end are clamped, and
    /// offsets inside a UTF-8 sequence move back to its first byte.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let start = self.floor_char(start.min(self.text.len()));
        let end = self.floor_char(end.clamp(start, self.text.len()));
        let line_idx = match self.line_starts.binary_search(&(start as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line_idx] as usize;
        let column = self.text[line_start..start].chars().count() + 1;
        Span {
            file: self.file.clone(),
            line: line_idx as u32 + 1,
            column: column as u32,
            start: start as u32,
            end: end as u32,
        }
    }

    /// A value spanned at `start..end`.
    pub fn spanned<T>(&self, value: T, start: usize, end: usize) -> Spanned<T> {
        Spanned::new(value, self.span(start, end))
    }

    /// The text of `start..end`, or empty if the range is not on char boundaries.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    fn floor_char(&self, mut i: usize) -> usize {
        while i > 0 && !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i)
}

/// Lines of `text` with their byte offsets, line ending (`\n` or `\r\n`) removed.
pub fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        (start, line)
    })
}

/// Maps offsets in a derived text (such as code block content with list
/// indentation removed) back to offsets in the source.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// (offset in derived text, offset in source), sorted by the first.
    segments: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// A map for text copied verbatim from source offset `base`.
    pub fn identity(base: usize) -> Self {
        OffsetMap {
            segments: vec![(0, base)],
        }
    }

    /// Records that derived offset `derived` came from source offset `source`.
    pub fn push(&mut self, derived: usize, source: usize) {
        self.segments.push((derived, source));
    }

    /// The source offset of derived offset `derived`.
    pub fn to_source(&self, derived: usize) -> usize {
        let idx = match self.segments.binary_search_by_key(&derived, |s| s.0) {
            Ok(i) => i,
            Err(0) => return derived,
            Err(i) => i - 1,
        };
        let (d, s) = self.segments[idx];
        s + (derived - d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_count_lines_and_char_columns() {
        let src = SourceText::new("f.md".into(), "ab\r\ncé x\n");
        let s = src.span(7, 8);
        assert_eq!((s.line, s.column), (2, 3));
        assert_eq!(src.span(0, 1).line, 1);
        // past the end clamps instead of panicking
        assert_eq!(src.span(100, 200).start as usize, src.text.len());
    }

    #[test]
    fn offset_map_translates_segments() {
        let mut m = OffsetMap::default();
        m.push(0, 10);
        m.push(5, 20);
        assert_eq!(m.to_source(3), 13);
        assert_eq!(m.to_source(6), 21);
    }

    #[test]
    fn lines_strip_crlf() {
        let v: Vec<_> = lines_with_offsets("a\r\nbc\nd").collect();
        assert_eq!(v, vec![(0, "a"), (3, "bc"), (6, "d")]);
    }
}
