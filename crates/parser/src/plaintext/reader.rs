//! The reader: walks the lines and hands each block to the concern that owns
//! it; what no concern claims is prose.

use super::headings::{heading_kind, Section};
use super::http::{is_request_line, is_status_line, is_syntax_line};
use super::json::starts_json;
use super::lines::{standalone, Line};
use crate::blocks::{Block, CodeBlock, Inline};
use crate::text::{OffsetMap, SourceText};

pub(super) struct Reader<'s, 'a> {
    pub(super) src: &'s SourceText<'a>,
    pub(super) lines: Vec<Line<'a>>,
    pub(super) out: Vec<Block>,
    pub(super) titled: bool,
    pub(super) section: Section,
    /// An `Example N` heading was seen, so `Request`/`Response` are one level deeper.
    pub(super) nested_example: bool,
    /// A standalone JSON scan from before this line failed; lines before it are
    /// not tried again, which keeps garbage input linear.
    pub(super) json_fail_until: usize,
}

impl<'a> Reader<'_, 'a> {
    pub(super) fn run(&mut self) {
        let mut i = 0;
        while i < self.lines.len() {
            i = self.step(i);
        }
    }

    /// Reads the block starting at line `i`; returns the next line to read.
    fn step(&mut self, i: usize) -> usize {
        let line = self.lines[i];
        if line.text.is_empty() {
            return i + 1;
        }
        if !self.titled {
            self.titled = true;
            self.heading(1, line);
            return i + 1;
        }
        if standalone(&self.lines, i) {
            if let Some(level) = self.heading_level(line.text) {
                self.heading(level, line);
                return i + 1;
            }
        }
        if let Some(header) = self.table_header(i) {
            return self.table(i, &header);
        }
        if is_request_line(line.text) {
            if self.section == Section::HttpRequest {
                return self.syntax_block(i, true);
            }
            // Relative-path request lines one after another are a syntax
            // listing wherever they stand.
            if is_syntax_line(line.text)
                && self
                    .lines
                    .get(i + 1)
                    .is_some_and(|l| is_syntax_line(l.text))
            {
                return self.syntax_block(i, false);
            }
            return self.message(i);
        }
        if is_status_line(line.text) {
            return self.message(i);
        }
        if i >= self.json_fail_until && starts_json(line.text) {
            let scan = self.scan_json(i);
            if scan.balanced && scan.clean_close {
                self.code("json", i, scan.last);
                return scan.last + 1;
            }
            // Not a JSON block after all: read the line as prose and do not
            // rescan the lines this scan already covered.
            self.json_fail_until = scan.stop.max(i + 1);
        }
        self.paragraph(i)
    }

    /// A prose paragraph: consecutive non-blank lines up to one that opens
    /// another block. `Namespace: ...` is always a paragraph of its own.
    fn paragraph(&mut self, i: usize) -> usize {
        let first = self.lines[i];
        let mut last = i;
        if !is_namespace(first.text) {
            while let Some(next) = self.lines.get(last + 1) {
                if next.text.is_empty() || self.opens_block(last + 1) {
                    break;
                }
                last += 1;
            }
        }
        // Lines join with a space, as markdown soft breaks do.
        let text = self.lines[i..=last]
            .iter()
            .map(|l| l.text)
            .collect::<Vec<_>>()
            .join(" ");
        let end = self.lines[last].end();
        self.out.push(Block::Paragraph(Inline {
            text,
            links: Vec::new(),
            code: Vec::new(),
            span: Some(self.src.span(first.start, end)),
        }));
        last + 1
    }

    /// Whether non-blank line `j` starts a block other than prose.
    pub(super) fn opens_block(&self, j: usize) -> bool {
        let Some(line) = self.lines.get(j) else {
            return false;
        };
        let t = line.text;
        is_namespace(t)
            || is_request_line(t)
            || is_status_line(t)
            || (j >= self.json_fail_until && starts_json(t))
            || (standalone(&self.lines, j) && heading_kind(t).is_some())
            || self.table_header(j).is_some()
    }

    /// A code block over lines `first..=last`: the exact source slice, so the
    /// identity offset map is right.
    pub(super) fn code(&mut self, info: &str, first: usize, last: usize) {
        let start = self.lines[first].start;
        let end = self.lines[last].end().max(start);
        self.out.push(Block::Code(CodeBlock {
            info: info.to_string(),
            text: self.src.slice(start, end).to_string(),
            map: OffsetMap::identity(start),
            span: self.src.span(start, end),
            unterminated: false,
        }));
    }

    pub(super) fn inline(&self, start: usize, end: usize) -> Inline {
        Inline {
            text: self.src.slice(start, end).to_string(),
            links: Vec::new(),
            code: Vec::new(),
            span: Some(self.src.span(start, end)),
        }
    }

    pub(super) fn next_non_blank(&self, mut j: usize) -> usize {
        while self.lines.get(j).is_some_and(|l| l.text.is_empty()) {
            j += 1;
        }
        j
    }
}

fn is_namespace(t: &str) -> bool {
    t.starts_with("Namespace:")
}

#[cfg(test)]
mod tests {
    use crate::blocks::Block;
    use crate::plaintext::looks_rendered;
    use crate::plaintext::test_support::*;

    #[test]
    fn crlf_and_bom_read_the_same() {
        let crlf = format!("\u{feff}{}", RESOURCE_PAGE.replace('\n', "\r\n"));
        assert!(looks_rendered(&crlf));
        let blocks = read(&crlf);
        assert_faithful(&crlf, &blocks);
        let lf = read(RESOURCE_PAGE);
        assert_eq!(headings(&blocks), headings(&lf));
        let shape = |b: &[Block]| {
            tables(b)
                .iter()
                .map(|t| rows(t).concat().join("|"))
                .collect::<Vec<_>>()
        };
        assert_eq!(shape(&blocks), shape(&lf));
        assert_eq!(
            codes(&blocks)[0].text.lines().count(),
            codes(&lf)[0].text.lines().count()
        );
    }

    #[test]
    fn no_panic_on_garbage() {
        const PARTS: &[&str] = &[
            "{",
            "}",
            "[",
            "]",
            "\"",
            "\\",
            " ",
            "  ",
            "\t",
            "\n",
            "\n\n",
            "\r\n",
            "é",
            "\u{feff}",
            "POST /x",
            "POST https://graph.microsoft.com/v1.0/x",
            "HTTP/1.1 200 OK",
            "HTTP/",
            "Content-Type: a",
            "Property Type Description",
            "Permission type Least privileged permissions Higher privileged permissions",
            "Method Return type Description",
            "Name\tDescription",
            "Member",
            "Response",
            "Request",
            "Examples",
            "HTTP request",
            "Example 1: x",
            "x values",
            "Not supported.",
            "Delegated (",
            "collection",
            "Collection(",
            "a.b,",
            "Namespace: microsoft.graph",
            "---",
            "# ",
            "word",
            ":",
            "(",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..400 {
            let mut page = String::new();
            for _ in 0..120 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                page.push_str(PARTS[(seed >> 33) as usize % PARTS.len()]);
            }
            looks_rendered(&page);
            assert_faithful(&page, &read(&page));
        }
        for cut in (0..RENDERED.len())
            .step_by(37)
            .filter(|&i| RENDERED.is_char_boundary(i))
        {
            let prefix = &RENDERED[..cut];
            looks_rendered(prefix);
            assert_faithful(prefix, &read(prefix));
        }
        for text in [
            "",
            "\n",
            "x",
            "{",
            "HTTP/1.1 200 OK\n{",
            "Member\n",
            "\u{feff}",
        ] {
            looks_rendered(text);
            assert_faithful(text, &read(text));
        }
    }

    #[test]
    fn huge_inputs_stay_linear() {
        let line = "{\"a\": [".repeat(200_000);
        assert_faithful(&line, &read(&line));
        let words = "Property Type Description ".repeat(100_000);
        assert!(!looks_rendered(&words));
        assert_faithful(&words, &read(&words));
        let braces = "Title\n\n".to_string() + &"{\n".repeat(30_000);
        let blocks = read(&braces);
        assert_faithful(&braces, &blocks);
        let messages = "Title\n\n".to_string() + &"POST /x\n{\n\n".repeat(20_000);
        assert_faithful(&messages, &read(&messages));
    }
}
