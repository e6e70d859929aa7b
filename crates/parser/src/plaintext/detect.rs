//! Telling a rendered plain-text page from markdown, by content alone.

use super::headings::heading_kind;
use super::http::{is_request_line, is_status_line};
use super::lines::{lines, read_lines, standalone};
use super::tables::parse_header;

/// Whether `text` is a rendered plain-text page rather than markdown: decided
/// by content, never by file name.
///
/// Any markdown marker (front matter or other `---` lines, ATX headings,
/// fences, pipe-table delimiter rows, `<!--` comments, `[text](target)` links)
/// means markdown. Otherwise the text must also show rendered-page structure
/// (at least two of: a `Namespace: microsoft.graph` line, a known heading
/// standing alone, a known table header row, an HTTP request or status line),
/// so empty files and plain prose stay with the markdown reader.
pub fn looks_rendered(text: &str) -> bool {
    // Markdown pages show a marker early (usually the front matter on the
    // first line), so look for one before collecting the lines.
    if lines(text).any(|l| is_markdown_marker(l.text)) {
        return false;
    }
    let lines = read_lines(text);
    let mut score = 0;
    for (i, line) in lines.iter().enumerate() {
        let t = line.text;
        if t.is_empty() {
            continue;
        }
        let structural = t.starts_with("Namespace: microsoft.")
            || (standalone(&lines, i) && heading_kind(t).is_some())
            || parse_header(*line).is_some()
            || is_request_line(t)
            || is_status_line(t);
        if structural {
            score += 1;
            if score >= 2 {
                return true;
            }
        }
    }
    false
}

/// A line only markdown would have.
fn is_markdown_marker(t: &str) -> bool {
    // JSON member lines of example bodies may quote HTML or markdown.
    if t.starts_with('"') {
        return false;
    }
    if t.starts_with("```") || t.starts_with("~~~") || t.starts_with("<!--") {
        return true;
    }
    // `---` (front matter, rules, setext) and `===` setext underlines.
    if t.len() >= 3 && (t.bytes().all(|b| b == b'-') || t.bytes().all(|b| b == b'=')) {
        return true;
    }
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t.as_bytes().get(hashes).is_none_or(|&b| b == b' ') {
        return true;
    }
    let delimiter_row = t.contains('|')
        && t.contains('-')
        && t.bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'));
    delimiter_row || has_link(t)
}

/// `[text](target)` somewhere on the line (one pass).
fn has_link(t: &str) -> bool {
    let bytes = t.as_bytes();
    let mut open = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'[' => open = true,
            b']' if open && bytes.get(i + 1) == Some(&b'(') => {
                return bytes.get(i + 2..).is_some_and(|r| r.contains(&b')'));
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plaintext::test_support::*;
    use std::path::PathBuf;

    #[test]
    fn detection() {
        assert!(looks_rendered(RENDERED));
        for seed in MARKDOWN_SEEDS {
            assert!(!looks_rendered(seed));
        }
        assert!(!looks_rendered(""));
        assert!(!looks_rendered("\n\n  \n"));
        assert!(!looks_rendered(
            "Just some prose.\n\nMore prose about permissions.\n"
        ));
        // One structural hint is not enough.
        assert!(!looks_rendered("Notes\n\nPermissions\n\nAsk your admin.\n"));
        // Markdown markers win over rendered structure.
        let marked = RENDERED.replacen("Permissions\n", "## Permissions\n", 1);
        assert!(!looks_rendered(&marked));
        let linked = RENDERED.replacen(
            "see Permission types.",
            "see [Permission types](/graph/x).",
            1,
        );
        assert!(!looks_rendered(&linked));
        // A JSON body that quotes HTML comments does not make a page markdown.
        let html = RENDERED.replacen("\"source\": null,", "\"source\": \"<!-- x -->\",", 1);
        assert!(looks_rendered(&html));
    }

    /// The corpus is not part of the repository; it sits beside it.
    /// A missing corpus fails the test rather than skipping it: CI always
    /// has it there.
    fn corpus_dir() -> PathBuf {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/graph-docs-v1.0");
        assert!(
            dir.is_dir(),
            "corpus not found at {}: the Graph docs corpus must sit beside the repository \
             (shared/corpus/graph-docs-v1.0)",
            dir.display()
        );
        dir
    }

    #[test]
    fn corpus_markdown_is_not_rendered() {
        let dir = corpus_dir();
        let mut checked = 0;
        for sub in ["api", "resources"] {
            let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
                continue;
            };
            let mut paths: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths.iter().step_by(7) {
                let Ok(bytes) = std::fs::read(path) else {
                    continue;
                };
                let text = String::from_utf8_lossy(&bytes);
                assert!(
                    !looks_rendered(&text),
                    "{} read as rendered",
                    path.display()
                );
                // Markdown given to this reader by mistake still reads without loss.
                assert_faithful(&text, &read(&text));
                checked += 1;
            }
        }
        assert!(checked > 300, "only {checked} corpus pages");
    }
}
