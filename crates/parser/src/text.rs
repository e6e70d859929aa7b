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
    /// The line of the last span: spans mostly come in order, so the next
    /// one is usually on the same line and needs no search.
    last_line: std::cell::Cell<usize>,
}

impl<'a> SourceText<'a> {
    /// Indexes `text` (one pass over its bytes).
    pub fn new(file: Arc<str>, text: &'a str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 2);
        line_starts.push(0);
        push_line_starts(text.as_bytes(), &mut line_starts);
        SourceText {
            file,
            text,
            line_starts,
            last_line: std::cell::Cell::new(0),
        }
    }

    /// The span of bytes `start..end`. Offsets past the end are clamped, and
    /// offsets inside a UTF-8 sequence move back to its first byte.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let start = self.floor_char(start.min(self.text.len()));
        let end = self.floor_char(end.clamp(start, self.text.len()));
        let line_idx = self.line_of(start);
        let line_start = self.line_starts[line_idx] as usize;
        // Columns count chars; on an ASCII prefix that is the byte count.
        let before = &self.text.as_bytes()[line_start..start];
        let column = if before.is_ascii() {
            before.len() + 1
        } else {
            self.text[line_start..start].chars().count() + 1
        };
        Span {
            file: self.file.clone(),
            line: line_idx as u32 + 1,
            column: column as u32,
            start: start as u32,
            end: end as u32,
        }
    }

    /// The index of the line holding byte `offset` (the last line that
    /// starts at or before it).
    fn line_of(&self, offset: usize) -> usize {
        let at = offset as u32;
        let hint = self.last_line.get();
        let starts = &self.line_starts;
        let on_hint = starts.get(hint).is_some_and(|&s| s <= at)
            && starts.get(hint + 1).is_none_or(|&next| at < next);
        if on_hint {
            return hint;
        }
        let line = match starts.binary_search(&at) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        self.last_line.set(line);
        line
    }

    /// `self.span(start, end).end`, without the line and column.
    pub fn span_end(&self, start: usize, end: usize) -> u32 {
        let start = self.floor_char(start.min(self.text.len()));
        self.floor_char(end.clamp(start, self.text.len())) as u32
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

/// Pushes the offset after every `\n` of `bytes` (memchr scans a vector
/// register of bytes at a time).
fn push_line_starts(bytes: &[u8], out: &mut Vec<u32>) {
    out.extend(memchr::memchr_iter(b'\n', bytes).map(|i| (i + 1) as u32));
}

/// `s` without `prefix` (ASCII), compared ignoring ASCII case.
pub(crate) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.as_bytes().get(..prefix.len())?;
    // An ASCII match ends on a character boundary, so the slice is whole.
    head.eq_ignore_ascii_case(prefix.as_bytes())
        .then(|| &s[prefix.len()..])
}

/// Where `needle` (lower-case ASCII) first occurs in `hay` ignoring ASCII
/// case: `hay.to_ascii_lowercase().find(needle)` without the copy.
pub(crate) fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    find_ascii_ci_from(hay.as_bytes(), needle.as_bytes(), 0)
}

fn find_ascii_ci_from(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    let upper = first.to_ascii_uppercase();
    let mut i = from;
    while i <= last_start {
        let p = memchr::memchr2(first, upper, &hay[i..=last_start])?;
        i += p;
        if hay[i..i + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The least end of an occurrence of any of `phrases` in `hay`, ignoring
/// ASCII case, where every phrase (lower-case ASCII) ends with `tail`: the
/// same as the least `lower.find(p) + p.len()` over the phrases, in one scan.
pub(crate) fn first_phrase_end(hay: &str, phrases: &[&str], tail: &str) -> Option<usize> {
    let bytes = hay.as_bytes();
    let mut from = 0;
    loop {
        let at = find_ascii_ci_from(bytes, tail.as_bytes(), from)?;
        let end = at + tail.len();
        let found = phrases.iter().any(|p| {
            debug_assert!(p.ends_with(tail));
            end.checked_sub(p.len())
                .is_some_and(|start| bytes[start..end].eq_ignore_ascii_case(p.as_bytes()))
        });
        if found {
            return Some(end);
        }
        from = at + 1;
    }
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
    fn line_starts_follow_every_newline() {
        let text = "a\nbb\n\n0123456789abcdef\nx\n\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\n";
        let src = SourceText::new("f.md".into(), text);
        let want: Vec<u32> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1))
            .collect();
        assert_eq!(src.line_starts, want);
    }

    #[test]
    fn case_insensitive_search_matches_lowercasing() {
        let hays = [
            "",
            "Possible values are: `a`, `b`.",
            "The ALLOWED Values; possible  values, valid values",
            "é possible values é Inherited From [x](x.md)",
            "supported valuesvalues possible values",
            "nothing here",
            "valuevalues",
        ];
        let phrases = [
            "possible values",
            "allowed values",
            "supported values",
            "valid values",
        ];
        for hay in hays {
            let lower = hay.to_ascii_lowercase();
            for needle in ["values", "inherited from", "é", "v", "possible values"] {
                assert_eq!(
                    find_ascii_ci(hay, needle),
                    lower.find(needle),
                    "{hay:?} {needle:?}"
                );
            }
            let want = phrases
                .iter()
                .filter_map(|k| lower.find(k).map(|i| i + k.len()))
                .min();
            assert_eq!(first_phrase_end(hay, &phrases, "values"), want, "{hay:?}");
        }
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
