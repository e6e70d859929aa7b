//! JSON bodies: standalone values and example bodies, read to their balanced
//! closing bracket.

use super::headings::heading_kind;
use super::http::{is_request_line, is_status_line};
use super::lines::standalone;
use super::reader::Reader;

/// A line that opens a standalone JSON value: `{` or `[` followed by nothing,
/// a quote or another bracket (so `[Note]` and `{token}` stay prose).
pub(super) fn starts_json(t: &str) -> bool {
    let mut chars = t.chars();
    matches!(chars.next(), Some('{' | '['))
        && chars
            .find(|c| !c.is_whitespace())
            .is_none_or(|c| matches!(c, '"' | '{' | '[' | '}' | ']'))
}

/// The outcome of scanning a JSON body for balanced brackets.
#[derive(Debug)]
pub(super) struct Scan {
    /// The last non-blank line of the body.
    pub(super) last: usize,
    /// The brackets closed, and nothing but `,`/`;` followed on that line.
    pub(super) clean_close: bool,
    /// The brackets closed.
    pub(super) balanced: bool,
    /// The first line the scan did not read.
    pub(super) stop: usize,
}

impl Reader<'_, '_> {
    /// Scans a JSON body starting at line `k` (which starts with `{` or `[`):
    /// brackets are counted outside strings, and a string may run across lines.
    /// An unbalanced body stops before a standalone heading or a request or
    /// status line after a blank line, so one bad body cannot swallow the page.
    pub(super) fn scan_json(&self, k: usize) -> Scan {
        let mut depth: i64 = 0;
        let mut in_string = false;
        let mut escaped = false;
        let mut last = k;
        let mut j = k;
        while let Some(line) = self.lines.get(j) {
            if j > k && self.ends_body(j) {
                return Scan {
                    last,
                    clean_close: false,
                    balanced: false,
                    stop: j,
                };
            }
            if !line.text.is_empty() {
                last = j;
            }
            for (idx, b) in line.text.bytes().enumerate() {
                if in_string {
                    match b {
                        _ if escaped => escaped = false,
                        b'\\' => escaped = true,
                        b'"' => in_string = false,
                        _ => {}
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => depth -= 1,
                    _ => {}
                }
                if depth <= 0 {
                    let tail = line.text.get(idx + 1..).unwrap_or("");
                    let clean_close =
                        depth == 0 && tail.trim_matches([',', ';', ' ', '\t']).is_empty();
                    return Scan {
                        last: j,
                        clean_close,
                        balanced: true,
                        stop: j + 1,
                    };
                }
            }
            j += 1;
        }
        Scan {
            last,
            clean_close: false,
            balanced: false,
            stop: j,
        }
    }

    /// Whether line `j` cannot be part of a JSON body: a standalone known
    /// heading, or a request/status line after a blank line.
    fn ends_body(&self, j: usize) -> bool {
        let Some(line) = self.lines.get(j) else {
            return true;
        };
        if line.text.is_empty() {
            return false;
        }
        if standalone(&self.lines, j) && heading_kind(line.text).is_some() {
            return true;
        }
        let after_blank = j > 0 && self.lines.get(j - 1).is_some_and(|l| l.text.is_empty());
        after_blank && (is_request_line(line.text) || is_status_line(line.text))
    }
}

#[cfg(test)]
mod tests {
    use crate::plaintext::test_support::*;

    #[test]
    fn unbalanced_body_stops_at_the_next_heading() {
        let page = "Title\n\nExamples\n\nRequest\n\nPOST https://graph.microsoft.com/v1.0/me/x\n\
            Content-Type: application/json\n\n{\n  \"a\": {\n\nResponse\n\nHTTP/1.1 200 OK\n";
        let blocks = read(page);
        assert_faithful(page, &blocks);
        assert_eq!(headings(&blocks).last(), Some(&(3, "Response")));
        let codes = codes(&blocks);
        assert!(codes[0].text.ends_with("\"a\": {"));
        assert_eq!(codes[1].text, "HTTP/1.1 200 OK");
    }
}
