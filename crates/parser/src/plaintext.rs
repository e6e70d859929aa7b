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

use crate::blocks::{Block, CodeBlock, Inline, Row, Table};
use crate::http;
use crate::text::{lines_with_offsets, OffsetMap, SourceText};
use graphdoc_model::Spanned;

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
    let lines = read_lines(text);
    if lines.iter().any(|l| is_markdown_marker(l.text)) {
        return false;
    }
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

/// Longest line that can be a section heading; longer lines are prose.
const MAX_HEADING_LEN: usize = 200;
/// Longest line that can be a table header row.
const MAX_HEADER_LEN: usize = 300;
/// Most words a rendered method-name link is assumed to have
/// (`Get quota status mailbox counts`).
const MAX_METHOD_WORDS: usize = 6;
/// Most tokens a parenthesised permission type or `Collection(...)` may span.
const MAX_PAREN_TOKENS: usize = 10;

/// The part of a page the reader is in; decides how `Request`/`Response`
/// lines and request lines read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Any section without special rules.
    Other,
    /// `HTTP request`: request lines are syntax lines.
    HttpRequest,
    /// `Examples`: `Request`/`Response` are sub-headings.
    Examples,
}

/// Section titles of Graph reference pages, compared case-insensitively with
/// the whole trimmed line: (title, section it opens as a level-2 heading,
/// whether it is a `Request`/`Response` sub-heading inside Examples, level 3,
/// or 4 under an `Example N` heading). A title may carry a qualifier
/// (`HTTP request (to upload a new file)`). [`heading_kind`] also matches by
/// shape: `Example N...` (level 3), `Request N` / `Response N` (sub-headings)
/// and `xxx values` (level 3, an enum's members).
const HEADINGS: &[(&str, Option<Section>, bool)] = &[
    ("permissions", Some(Section::Other), false),
    ("http request", Some(Section::HttpRequest), false),
    ("http requests", Some(Section::HttpRequest), false),
    ("optional query parameters", Some(Section::Other), false),
    ("query parameters", Some(Section::Other), false),
    ("path parameters", Some(Section::Other), false),
    ("function parameters", Some(Section::Other), false),
    ("parameters", Some(Section::Other), false),
    ("request headers", Some(Section::Other), false),
    ("optional request headers", Some(Section::Other), false),
    ("request body", Some(Section::Other), false),
    ("response", Some(Section::Other), true),
    ("responses", Some(Section::Other), false),
    ("error responses", Some(Section::Other), false),
    ("examples", Some(Section::Examples), false),
    ("example", Some(Section::Examples), false),
    ("properties", Some(Section::Other), false),
    ("relationships", Some(Section::Other), false),
    ("methods", Some(Section::Other), false),
    ("json representation", Some(Section::Other), false),
    ("members", Some(Section::Other), false),
    ("derived types", Some(Section::Other), false),
    ("prerequisites", Some(Section::Other), false),
    ("remarks", Some(Section::Other), false),
    ("see also", Some(Section::Other), false),
    ("odata query parameters", Some(Section::Other), false),
    ("error response", Some(Section::Other), false),
    ("next steps", Some(Section::Other), false),
    ("request", None, true),
];

/// How a table column's cells are cut out of a space-separated row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// One token: a property, parameter, header or member name.
    Name,
    /// A rendered method link: one to [`MAX_METHOD_WORDS`] words.
    Method,
    /// One token, plus a following `collection`.
    Type,
    /// One token (numeric enum values, query values).
    Value,
    /// One token (`Yes`, `Optional`).
    Required,
    /// The rest of the row.
    Text,
    /// `Application` or `Xxx (...)`.
    PermissionType,
    /// A scope list, or `Not supported.` / `Not available.`.
    Scopes,
}

/// Known table column titles (compared case-insensitively, word by word).
/// Header rows are split greedily, longest title first.
const COLUMNS: &[(&str, Col)] = &[
    ("property", Col::Name),
    ("property name", Col::Name),
    ("name", Col::Name),
    ("parameter", Col::Name),
    ("parameter name", Col::Name),
    ("query parameter", Col::Name),
    ("header", Col::Name),
    ("member", Col::Name),
    ("relationship", Col::Name),
    ("relationship name", Col::Name),
    ("method", Col::Method),
    ("function", Col::Method),
    ("type", Col::Type),
    ("return type", Col::Type),
    ("value", Col::Value),
    ("required", Col::Required),
    ("required?", Col::Required),
    ("required (y/n)", Col::Required),
    ("description", Col::Text),
    ("permission type", Col::PermissionType),
    ("permission", Col::Scopes),
    ("permissions", Col::Scopes),
    ("permissions (from least to most privileged)", Col::Scopes),
    ("permissions (from most to least privileged)", Col::Scopes),
    ("least privileged permissions", Col::Scopes),
    ("higher privileged permissions", Col::Scopes),
];

/// Verbs that start two-word method names (`Get workPosition`).
const METHOD_VERBS: &[&str] = &[
    "List", "Get", "Create", "Update", "Delete", "Add", "Remove", "Replace", "Upsert",
];

/// Return types that are a single word, so the method name before them is one word.
const SIMPLE_TYPES: &[&str] = &[
    "None",
    "String",
    "Boolean",
    "Int32",
    "Int64",
    "Int16",
    "Double",
    "Single",
    "Decimal",
    "DateTimeOffset",
    "Date",
    "TimeOfDay",
    "Duration",
    "Guid",
    "Binary",
    "Byte",
    "Stream",
];

/// One source line, trimmed.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// Byte offset of the first non-blank character.
    start: usize,
    /// The line without surrounding whitespace (empty for a blank line).
    text: &'a str,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// A whitespace-separated token with its source offset.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    start: usize,
    text: &'a str,
}

impl Tok<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// A recognised table header: the column titles and how rows are separated.
#[derive(Debug)]
struct Header<'a> {
    cols: Vec<(Tok<'a>, Col)>,
    /// The header was tab-separated, so rows are split at tabs too.
    tabbed: bool,
}

/// What a standalone line names, if it is a known heading.
#[derive(Debug, Clone, Copy)]
struct HeadingKind {
    /// The section it opens as a level-2 heading.
    section: Option<Section>,
    /// A `Request`/`Response` sub-heading inside Examples.
    step: bool,
    /// `Example N...`.
    numbered_example: bool,
    /// `xxx values`: an enum's members follow.
    enum_values: bool,
}

/// The outcome of scanning a JSON body for balanced brackets.
#[derive(Debug)]
struct Scan {
    /// The last non-blank line of the body.
    last: usize,
    /// The brackets closed, and nothing but `,`/`;` followed on that line.
    clean_close: bool,
    /// The brackets closed.
    balanced: bool,
    /// The first line the scan did not read.
    stop: usize,
}

struct Reader<'s, 'a> {
    src: &'s SourceText<'a>,
    lines: Vec<Line<'a>>,
    out: Vec<Block>,
    titled: bool,
    section: Section,
    /// An `Example N` heading was seen, so `Request`/`Response` are one level deeper.
    nested_example: bool,
    /// A standalone JSON scan from before this line failed; lines before it are
    /// not tried again, which keeps garbage input linear.
    json_fail_until: usize,
}

impl<'a> Reader<'_, 'a> {
    fn run(&mut self) {
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
            // Request lines one after another, with no headers between, are a
            // syntax listing wherever they stand.
            if self
                .lines
                .get(i + 1)
                .is_some_and(|l| is_request_line(l.text))
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

    fn heading(&mut self, level: u8, line: Line<'_>) {
        let text = Spanned::new(line.text.to_string(), self.src.span(line.start, line.end()));
        self.out.push(Block::Heading { level, text });
    }

    /// The level of a standalone known heading, updating the section state.
    fn heading_level(&mut self, text: &str) -> Option<u8> {
        let kind = heading_kind(text)?;
        if kind.enum_values {
            return Some(3);
        }
        if kind.numbered_example {
            self.section = Section::Examples;
            self.nested_example = true;
            return Some(3);
        }
        if kind.step && self.section == Section::Examples {
            // Markdown nests `#### Request` under `### Example 1: ...`.
            return Some(if self.nested_example { 4 } else { 3 });
        }
        let section = kind.section?;
        self.section = section;
        self.nested_example = false;
        Some(2)
    }

    /// A table header at line `i`: known column titles, or a lone `Member`
    /// followed by one-word rows (enum pages).
    fn table_header(&self, i: usize) -> Option<Header<'a>> {
        let line = self.lines[i];
        if let Some(h) = parse_header(line) {
            return Some(h);
        }
        let next = self.lines.get(i + 1)?;
        let one_word = !next.text.is_empty() && !next.text.contains(char::is_whitespace);
        if line.text.eq_ignore_ascii_case("member") && one_word {
            let tok = Tok {
                start: line.start,
                text: line.text,
            };
            return Some(Header {
                cols: vec![(tok, Col::Name)],
                tabbed: false,
            });
        }
        None
    }

    /// Reads the table whose header is line `i`: rows run to the next blank line.
    fn table(&mut self, i: usize, header: &Header<'_>) -> usize {
        let head = self.lines[i];
        let cols: Vec<Col> = header.cols.iter().map(|(_, c)| *c).collect();
        let header_cells = header
            .cols
            .iter()
            .map(|(tok, _)| self.inline(tok.start, tok.end()))
            .collect();
        let mut rows = Vec::new();
        let mut end = head.end();
        let mut j = i + 1;
        while let Some(line) = self.lines.get(j) {
            if line.text.is_empty() {
                break;
            }
            let cells = if header.tabbed && line.text.contains('\t') {
                self.split_tabbed(*line, cols.len())
            } else {
                self.split_row(*line, &cols)
            };
            rows.push(Row {
                cells,
                span: self.src.span(line.start, line.end()),
            });
            end = line.end();
            j += 1;
        }
        self.out.push(Block::Table(Table {
            header: header_cells,
            rows,
            span: self.src.span(head.start, end),
        }));
        j
    }

    /// Splits a space-separated row by column kind; the last column takes
    /// the rest of the line, missing cells are empty.
    fn split_row(&self, line: Line<'_>, cols: &[Col]) -> Vec<Inline> {
        let toks = tokens(line);
        let mut p = 0;
        let mut cells = Vec::with_capacity(cols.len());
        for (c, col) in cols.iter().enumerate() {
            let rest = toks.get(p..).unwrap_or(&[]);
            if rest.is_empty() {
                cells.push(Inline::default());
                continue;
            }
            let n = if c + 1 == cols.len() {
                rest.len()
            } else {
                let later = cols.len() - c - 1;
                cell_len(*col, cols.get(c + 1).copied(), later, rest).clamp(1, rest.len())
            };
            let first = rest[0];
            let last = rest[n - 1];
            cells.push(self.inline(first.start, last.end()));
            p += n;
        }
        cells
    }

    /// Splits a tab-separated row; extra pieces join the last cell.
    fn split_tabbed(&self, line: Line<'_>, ncols: usize) -> Vec<Inline> {
        let pieces = tab_pieces(line);
        let mut cells = Vec::with_capacity(ncols);
        for c in 0..ncols {
            let cell = if c + 1 == ncols {
                let rest = pieces.get(c..).unwrap_or(&[]);
                let first = rest.iter().find(|t| !t.text.is_empty());
                let last = rest.iter().rev().find(|t| !t.text.is_empty());
                match (first, last) {
                    (Some(f), Some(l)) => self.inline(f.start, l.end()),
                    _ => Inline::default(),
                }
            } else {
                match pieces.get(c) {
                    Some(t) if !t.text.is_empty() => self.inline(t.start, t.end()),
                    _ => Inline::default(),
                }
            };
            cells.push(cell);
        }
        cells
    }

    /// A syntax block: consecutive request lines. In the HTTP request section
    /// runs separated only by blank lines are merged (`across_blanks`), as the
    /// markdown source has them in one block.
    fn syntax_block(&mut self, i: usize, across_blanks: bool) -> usize {
        let mut last = i;
        let mut j = i + 1;
        loop {
            let k = if across_blanks {
                self.next_non_blank(j)
            } else {
                j
            };
            match self.lines.get(k) {
                Some(l) if is_request_line(l.text) => {
                    last = k;
                    j = k + 1;
                }
                _ => break,
            }
        }
        self.code("http", i, last);
        last + 1
    }

    /// An example message: a request or status line, header lines, and a body
    /// after a blank line: bracket-balanced JSON, or for a non-JSON content
    /// type the lines up to the next blank line unless they read as a sentence.
    fn message(&mut self, i: usize) -> usize {
        let mut last = i;
        let mut j = i + 1;
        let mut content_type: Option<&str> = None;
        // Some pages put a blank line between the request line and its headers.
        let after_blank = self.lines.get(j + 1).and_then(|l| header_line(l.text));
        if self.lines.get(j).is_some_and(|l| l.text.is_empty())
            && after_blank.is_some_and(|(name, _)| is_known_header(name))
        {
            j += 1;
        }
        while let Some(line) = self.lines.get(j) {
            let Some((name, value)) = header_line(line.text) else {
                break;
            };
            if name.eq_ignore_ascii_case("content-type") {
                content_type = Some(value);
            }
            last = j;
            j += 1;
        }
        let k = self.next_non_blank(j);
        if let Some(body) = self.lines.get(k) {
            if body.text.starts_with('{') || starts_json(body.text) {
                last = self.scan_json(k).last;
            } else if k > j
                && content_type.is_some_and(|ct| !ct.to_ascii_lowercase().contains("json"))
                && !self.opens_block(k)
                && !body.text.ends_with(['.', ':'])
            {
                last = k;
                while self.lines.get(last + 1).is_some_and(|l| !l.text.is_empty()) {
                    last += 1;
                }
            }
        }
        self.code("http", i, last);
        last + 1
    }

    /// Scans a JSON body starting at line `k` (which starts with `{` or `[`):
    /// brackets are counted outside strings, and a string may run across lines.
    /// An unbalanced body stops before a standalone heading or a request or
    /// status line after a blank line, so one bad body cannot swallow the page.
    fn scan_json(&self, k: usize) -> Scan {
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
    fn opens_block(&self, j: usize) -> bool {
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
    fn code(&mut self, info: &str, first: usize, last: usize) {
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

    fn inline(&self, start: usize, end: usize) -> Inline {
        Inline {
            text: self.src.slice(start, end).to_string(),
            links: Vec::new(),
            code: Vec::new(),
            span: Some(self.src.span(start, end)),
        }
    }

    fn next_non_blank(&self, mut j: usize) -> usize {
        while self.lines.get(j).is_some_and(|l| l.text.is_empty()) {
            j += 1;
        }
        j
    }
}

/// Lines of `text`, trimmed (a byte-order mark counts as blank).
fn read_lines(text: &str) -> Vec<Line<'_>> {
    lines_with_offsets(text)
        .map(|(offset, raw)| {
            let left = raw.trim_start_matches(is_space);
            let text = left.trim_end_matches(is_space);
            Line {
                start: offset + (raw.len() - left.len()),
                text,
            }
        })
        .collect()
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Line `i` is non-blank with blank lines (or the file's ends) around it.
fn standalone(lines: &[Line<'_>], i: usize) -> bool {
    let blank = |j: usize| lines.get(j).is_none_or(|l| l.text.is_empty());
    let before = i == 0 || blank(i - 1);
    lines.get(i).is_some_and(|l| !l.text.is_empty()) && before && blank(i + 1)
}

/// What `text` names as a heading, if it is one of the known titles.
fn heading_kind(text: &str) -> Option<HeadingKind> {
    if text.len() > MAX_HEADING_LEN {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let none = HeadingKind {
        section: None,
        step: false,
        numbered_example: false,
        enum_values: false,
    };
    if lower
        .strip_prefix("example ")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    {
        return Some(HeadingKind {
            numbered_example: true,
            ..none
        });
    }
    // `Request 2` / `Response 2` in multi-exchange examples.
    for step in ["request ", "response "] {
        if let Some(n) = lower.strip_prefix(step) {
            if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) {
                return Some(HeadingKind { step: true, ..none });
            }
        }
    }
    // `calendarRoleType values`: an enum defined on a resource page.
    if let Some((name, "values")) = text.split_once(' ') {
        if looks_like_type(name) && name.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Some(HeadingKind {
                enum_values: true,
                ..none
            });
        }
    }
    let find = |t: &str| {
        HEADINGS
            .iter()
            .find(|(title, _, _)| *title == t)
            .map(|&(_, section, step)| HeadingKind {
                section,
                step,
                ..none
            })
    };
    // `HTTP request (to upload a new file)`, `Example (file attachment)`.
    let qualified = || {
        let base = lower.strip_suffix(')')?.rsplit_once(" (")?.0;
        find(base.trim_end())
    };
    find(&lower).or_else(qualified)
}

/// A header row made only of known column titles (at least two).
fn parse_header(line: Line<'_>) -> Option<Header<'_>> {
    if line.text.len() > MAX_HEADER_LEN || line.text.is_empty() {
        return None;
    }
    let tabbed = line.text.contains('\t');
    let mut cols = Vec::new();
    if tabbed {
        for piece in tab_pieces(line).into_iter().filter(|t| !t.text.is_empty()) {
            let words: Vec<&str> = piece.text.split_whitespace().collect();
            match match_title(&words) {
                Some((col, n)) if n == words.len() => cols.push((piece, col)),
                _ => return None,
            }
        }
    } else {
        let toks = tokens(line);
        let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
        let mut p = 0;
        while p < toks.len() {
            let (col, n) = match_title(words.get(p..).unwrap_or(&[]))?;
            let (first, last) = (toks.get(p)?, toks.get(p + n - 1)?);
            let text = line
                .text
                .get(first.start - line.start..last.end() - line.start)?;
            cols.push((
                Tok {
                    start: first.start,
                    text,
                },
                col,
            ));
            p += n;
        }
    }
    (cols.len() >= 2).then_some(Header { cols, tabbed })
}

/// The longest column title that `words` starts with, and its word count.
fn match_title(words: &[&str]) -> Option<(Col, usize)> {
    COLUMNS
        .iter()
        .filter_map(|&(title, col)| {
            let n = title.split(' ').count();
            let matches = n <= words.len()
                && title
                    .split(' ')
                    .zip(words)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b));
            matches.then_some((col, n))
        })
        .max_by_key(|&(_, n)| n)
}

/// How many of the row tokens `rest` the (non-last) column `col` takes.
fn cell_len(col: Col, next: Option<Col>, later: usize, rest: &[Tok<'_>]) -> usize {
    let text = |i: usize| rest.get(i).map_or("", |t| t.text);
    match col {
        // `Prefer: outlook.timezone` names a header together with its preference.
        Col::Name if text(0).ends_with(':') && rest.len() > 1 => 2,
        Col::Name | Col::Value | Col::Required => 1,
        // Leave one word for each later column (`... Description Required?`).
        Col::Text => rest.len().saturating_sub(later),
        Col::Type => type_len(rest),
        Col::PermissionType => {
            // `Delegated permission (work or school account)`, `Application permission`.
            let word = usize::from(
                text(1).eq_ignore_ascii_case("permission")
                    || text(1).eq_ignore_ascii_case("permissions"),
            );
            if text(1 + word).starts_with('(') {
                paren_len(rest, 1 + word)
            } else {
                1 + word
            }
        }
        Col::Scopes => {
            let second = text(1).trim_end_matches('.');
            if text(0).eq_ignore_ascii_case("not")
                && ["supported", "available", "applicable"]
                    .iter()
                    .any(|w| second.eq_ignore_ascii_case(w))
            {
                2
            } else if looks_like_scope(text(0)) {
                // A comma-separated list continues while the previous scope ends in `,`.
                let mut n = 1;
                while text(n - 1).ends_with(',') && looks_like_scope(text(n)) {
                    n += 1;
                }
                n
            } else {
                // Unrecognised (a TODO note, say): keep it whole in this cell.
                rest.len()
            }
        }
        Col::Method => method_len(next, rest),
    }
}

/// A type cell: one token, or a `Collection(...)` written with spaces inside,
/// then any of: `collection`, a one-word note in parentheses (`string (url)`),
/// and `or` alternatives (`appHostedMediaConfig or serviceHostedMediaConfig`).
fn type_len(rest: &[Tok<'_>]) -> usize {
    let text = |i: usize| rest.get(i).map_or("", |t| t.text);
    let first = text(0);
    let opens = first
        .get(..11)
        .is_some_and(|p| p.eq_ignore_ascii_case("collection("));
    let mut n = if opens && !first.contains(')') {
        paren_len(rest, 0)
    } else {
        1
    };
    let (mut noted, mut collection) = (false, false);
    loop {
        let next = text(n);
        if !collection && next.eq_ignore_ascii_case("collection") {
            collection = true;
            n += 1;
        } else if !noted
            && next.len() > 2
            && next.starts_with("(")
            && next
                .get(1..)
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_lowercase()))
            && next.ends_with(')')
        {
            noted = true;
            n += 1;
        } else if next == "or" && looks_like_type(text(n + 1)) {
            (noted, collection) = (false, false);
            n += 2;
        } else {
            return n;
        }
    }
}

/// An identifier that can name a type (`educationSchool`, `String`, `Collection(x)`).
fn looks_like_type(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_alphabetic())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '(' | ')'))
}

/// Tokens up to and including the first one after `from` that closes a
/// parenthesis; just the first token when none does within a few tokens.
fn paren_len(rest: &[Tok<'_>], from: usize) -> usize {
    rest.iter()
        .enumerate()
        .skip(from)
        .take(MAX_PAREN_TOKENS)
        .find(|(_, t)| t.text.ends_with(')'))
        .map_or(1, |(i, _)| i + 1)
}

/// A rendered method link such as `List workPositions` before the return type.
///
/// The split is the first place where a return type is followed by a
/// description starting with a capital letter, trying clear types first
/// (`None`, primitives, camelCase names, `x collection`) and then any
/// identifier; failing both, a CRUD verb takes one more word.
fn method_len(next: Option<Col>, rest: &[Tok<'_>]) -> usize {
    if next != Some(Col::Type) {
        return 1;
    }
    let text = |i: usize| rest.get(i).map_or("", |t| t.text);
    let limit = rest.len().saturating_sub(1).min(MAX_METHOD_WORDS);
    for strict in [true, false] {
        for k in 1..=limit {
            let ty = text(k);
            let type_len = type_len(rest.get(k..).unwrap_or(&[]));
            let collection = type_len > 1;
            let clear = SIMPLE_TYPES.contains(&ty) || is_compound(ty) || collection;
            let typed = looks_like_type(ty) && (clear || !strict);
            let described = starts_sentence(text(k + type_len));
            if typed && described {
                return k;
            }
        }
    }
    if rest.len() >= 3 && METHOD_VERBS.contains(&text(0)) {
        return 2;
    }
    1
}

/// `educationSchool`, `WorkbookTable`: a capital after the first letter.
fn is_compound(t: &str) -> bool {
    t.chars().skip(1).any(|c| c.is_ascii_uppercase())
}

/// A word that starts a description: capitalised, not a compound name, not `None`.
fn starts_sentence(t: &str) -> bool {
    t.starts_with(|c: char| c.is_uppercase()) && !is_compound(t) && !SIMPLE_TYPES.contains(&t)
}

/// `User.ReadWrite.All`, `Mail.Read,`: dotted identifier parts.
fn looks_like_scope(token: &str) -> bool {
    let t = token.trim_end_matches(',');
    t.starts_with(|c: char| c.is_ascii_alphabetic())
        && t.contains('.')
        && !t.ends_with('.')
        && !t.contains("..")
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Whitespace-separated tokens of a line with their offsets.
fn tokens(line: Line<'_>) -> Vec<Tok<'_>> {
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
fn tab_pieces(line: Line<'_>) -> Vec<Tok<'_>> {
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

/// A request or syntax line (`GET /path`, `POST https://graph.microsoft.com/...`):
/// the shared test, with the method in capitals, since rendered prose has no
/// fence to set such lines apart ("Post and/or reply to ...").
fn is_request_line(t: &str) -> bool {
    let method = t.split_whitespace().next().unwrap_or("");
    method.bytes().all(|b| b.is_ascii_uppercase()) && http::is_request_line(t)
}

/// A status line (`HTTP/1.1 201 Created`), `HTTP` in capitals as for requests.
fn is_status_line(t: &str) -> bool {
    t.starts_with("HTTP") && http::is_status_line(t)
}

/// `Name: value` with an HTTP header name.
fn header_line(t: &str) -> Option<(&str, &str)> {
    let (name, value) = t.split_once(':')?;
    let ok = !name.is_empty()
        && name.len() <= 80
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    ok.then_some((name, value.trim()))
}

/// A header name that can follow a blank line after the request line: a
/// hyphenated name or a common one-word header (so `Note: ...` prose is not).
fn is_known_header(name: &str) -> bool {
    const ONE_WORD: &[&str] = &[
        "Authorization",
        "Accept",
        "Prefer",
        "Location",
        "Host",
        "ETag",
        "Range",
    ];
    name.contains('-') || ONE_WORD.iter().any(|h| h.eq_ignore_ascii_case(name))
}

fn is_namespace(t: &str) -> bool {
    t.starts_with("Namespace:")
}

/// A line that opens a standalone JSON value: `{` or `[` followed by nothing,
/// a quote or another bracket (so `[Note]` and `{token}` stay prose).
fn starts_json(t: &str) -> bool {
    let mut chars = t.chars();
    matches!(chars.next(), Some('{' | '['))
        && chars
            .find(|c| !c.is_whitespace())
            .is_none_or(|c| matches!(c, '"' | '{' | '[' | '}' | ']'))
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
    use crate::blocks::CodeBlock;
    use graphdoc_model::Span;
    use std::ops::Range;
    use std::path::PathBuf;

    /// Seed 003 as copied into the repository's inputs (byte-identical).
    const RENDERED: &str = include_str!("../../../docs-input/create-workposition-rendered.txt");
    /// Seeds 000, 001, 002 and 004: markdown.
    const MARKDOWN_SEEDS: [&str; 4] = [
        include_str!("../../../docs-input/create-personresponsibility.md"),
        include_str!("../../../docs-input/create-workposition-draft.md"),
        include_str!("../../../docs-input/create-skillproficiency.md"),
        include_str!("../../../docs-input/create-personinterest-draft.md"),
    ];

    const RESOURCE_PAGE: &str = r#"workPosition resource type

Namespace: microsoft.graph

Represents detailed information about work positions associated with a user's profile.

Inherits from itemFacet.

Methods

Method Return type Description
List positions workPosition collection Get a list of workPosition objects from a user's profile.
Create workPosition workPosition Create a new workPosition object.
Get workPosition workPosition Read the properties and relationships of a workPosition object.
Delete workPosition None Delete a workPosition object.
delta workPosition collection Get newly created, updated, or deleted positions.

Properties

Property Type Description
allowedAudiences String The audiences that are able to see the values contained within the entity. Inherited from itemFacet.
categories String collection Categories that the user has associated with this position.
colleagues relatedPerson collection Colleagues that are associated with this position.
createdDateTime DateTimeOffset Provides the dateTimeOffset for when the entity was created.
isCurrent Boolean Denotes whether or not the position is current.
webUrl String (url) URL that displays the position.

Relationships

Relationship Type Description
manager relatedPerson Contains detail of the user's manager in this position.
peers Collection(microsoft.graph.relatedPerson) Peers in this position.

JSON representation

The following is a JSON representation of the resource.

{
  "allowedAudiences": "String",
  "categories": ["String"],
  "colleagues": [{"@odata.type": "microsoft.graph.relatedPerson"}],
  "note": "a } and a ] inside a string",
  "isCurrent": true
}
"#;

    fn read(text: &str) -> Vec<Block> {
        blocks(&SourceText::new("page.txt".into(), text))
    }

    fn headings(blocks: &[Block]) -> Vec<(u8, &str)> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text } => Some((*level, text.as_str())),
                _ => None,
            })
            .collect()
    }

    fn tables(blocks: &[Block]) -> Vec<&Table> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    fn codes(blocks: &[Block]) -> Vec<&CodeBlock> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Code(c) => Some(c),
                _ => None,
            })
            .collect()
    }

    fn paragraphs(blocks: &[Block]) -> Vec<&str> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.text.as_str()),
                _ => None,
            })
            .collect()
    }

    fn texts(cells: &[Inline]) -> Vec<&str> {
        cells.iter().map(|c| c.text.as_str()).collect()
    }

    fn rows(table: &Table) -> Vec<Vec<&str>> {
        table.rows.iter().map(|r| texts(&r.cells)).collect()
    }

    fn line_col(span: &Option<Span>) -> (u32, u32) {
        span.as_ref().map_or((0, 0), |s| (s.line, s.column))
    }

    fn block_span(block: &Block) -> Option<&Span> {
        match block {
            Block::Heading { text, .. } => Some(&text.span),
            Block::Paragraph(p) => p.span.as_ref(),
            Block::Table(t) => Some(&t.span),
            Block::Code(c) => Some(&c.span),
            _ => None,
        }
    }

    /// Block spans are in order and disjoint, every non-blank line lies inside
    /// one, and every text that claims to be a source slice is one.
    fn assert_faithful(text: &str, blocks: &[Block]) {
        let spans: Vec<Range<usize>> = blocks
            .iter()
            .filter_map(block_span)
            .map(Span::range)
            .collect();
        assert_eq!(spans.len(), blocks.len(), "every block has a span");
        for pair in spans.windows(2) {
            assert!(pair[0].end <= pair[1].start, "overlapping blocks {pair:?}");
        }
        for (offset, raw) in lines_with_offsets(text) {
            let left = raw.trim_start_matches(is_space);
            let line = left.trim_end_matches(is_space);
            if line.is_empty() {
                continue;
            }
            let start = offset + raw.len() - left.len();
            let end = start + line.len();
            let idx = spans.partition_point(|r| r.end < end);
            let covered = spans
                .get(idx)
                .is_some_and(|r| r.start <= start && end <= r.end);
            assert!(covered, "line not in any block: {line:?}");
        }
        let check = |value: &str, span: &Span| assert_eq!(&text[span.range()], value);
        for block in blocks {
            match block {
                Block::Heading { text: t, .. } => check(&t.value, &t.span),
                Block::Table(t) => {
                    for cell in t.header.iter().chain(t.rows.iter().flat_map(|r| &r.cells)) {
                        match &cell.span {
                            Some(span) => check(&cell.text, span),
                            None => assert!(cell.text.is_empty()),
                        }
                    }
                    for row in &t.rows {
                        assert_eq!(
                            row.cells.len(),
                            t.header.len(),
                            "rows are padded to the header"
                        );
                    }
                }
                Block::Code(c) => {
                    check(&c.text, &c.span);
                    assert_eq!(c.map.to_source(0), c.span.start as usize);
                    assert!(!c.unterminated);
                }
                Block::Paragraph(p) => {
                    let span = p.span.as_ref().map(Span::range).unwrap_or_default();
                    let source: Vec<&str> = text[span]
                        .lines()
                        .map(|l| l.trim_matches(is_space))
                        .filter(|l| !l.is_empty())
                        .collect();
                    assert_eq!(p.text, source.join(" "));
                }
                _ => panic!("the rendered reader makes no {block:?}"),
            }
        }
    }

    #[test]
    fn seed_003_headings_and_prose() {
        let blocks = read(RENDERED);
        assert_faithful(RENDERED, &blocks);
        assert_eq!(
            headings(&blocks),
            vec![
                (1, "Create workPosition"),
                (2, "Permissions"),
                (2, "HTTP request"),
                (2, "Request headers"),
                (2, "Request body"),
                (2, "Response"),
                (2, "Examples"),
                (3, "Request"),
                (3, "Response"),
            ]
        );
        let prose = paragraphs(&blocks);
        assert_eq!(prose[0], "Namespace: microsoft.graph");
        assert!(prose.contains(&"Use this API to create a new workPosition in a user's profile."));
        assert!(prose
            .contains(&"Note: The response object shown here might be shortened for readability."));
    }

    #[test]
    fn seed_003_tables() {
        let blocks = read(RENDERED);
        let tables = tables(&blocks);
        assert_eq!(tables.len(), 3);

        let permissions = tables[0];
        assert_eq!(
            texts(&permissions.header),
            [
                "Permission type",
                "Least privileged permissions",
                "Higher privileged permissions"
            ]
        );
        assert_eq!(
            rows(permissions),
            [
                [
                    "Delegated (work or school account)",
                    "User.ReadWrite",
                    "User.ReadWrite.All"
                ],
                [
                    "Delegated (personal Microsoft account)",
                    "User.ReadWrite",
                    "Not available."
                ],
                ["Application", "Not supported.", "Not supported."],
            ]
        );
        assert_eq!((permissions.span.line, permissions.span.column), (19, 1));
        assert_eq!(line_col(&permissions.header[1].span), (19, 17));
        assert_eq!(line_col(&permissions.rows[1].cells[2].span), (21, 55));
        assert_eq!(
            (
                permissions.rows[2].span.line,
                permissions.rows[2].span.column
            ),
            (22, 1)
        );

        let headers = tables[1];
        assert_eq!(texts(&headers.header), ["Name", "Description"]);
        assert_eq!(
            rows(headers),
            [
                [
                    "Authorization",
                    "Bearer {token}. Required. Learn more about authentication and authorization."
                ],
                ["Content-Type", "application/json. Required."],
            ]
        );
        assert_eq!(line_col(&headers.rows[1].cells[1].span), (33, 14));

        let body = tables[2];
        assert_eq!(texts(&body.header), ["Property", "Type", "Description"]);
        assert_eq!(body.rows.len(), 8);
        let names: Vec<&str> = body.rows.iter().map(|r| r.cells[0].text.as_str()).collect();
        assert_eq!(
            names,
            [
                "allowedAudiences",
                "categories",
                "colleagues",
                "detail",
                "inference",
                "isCurrent",
                "manager",
                "source"
            ]
        );
        assert_eq!(
            texts(&body.rows[2].cells),
            [
                "colleagues",
                "relatedPerson collection",
                "Colleagues that are associated with this position."
            ]
        );
        assert_eq!(body.rows[1].cells[1].text, "String collection");
        assert_eq!(body.rows[3].cells[1].text, "positionDetail");
        let colleagues = &body.rows[2];
        assert_eq!(line_col(&colleagues.cells[0].span), (44, 1));
        assert_eq!(line_col(&colleagues.cells[1].span), (44, 12));
        assert_eq!(line_col(&colleagues.cells[2].span), (44, 37));
        assert_eq!(body.span.line, 41);
        assert_eq!(&RENDERED[body.span.range()].lines().last(), &Some(
            "source personDataSource Where the values originated if synced from another service. Inherited from itemFacet."
        ));
    }

    #[test]
    fn seed_003_code_blocks() {
        let blocks = read(RENDERED);
        let codes = codes(&blocks);
        assert_eq!(codes.len(), 3);
        assert!(codes.iter().all(|c| c.info == "http"));

        let syntax = codes[0];
        assert_eq!(
            syntax.text,
            "POST /me/profile/positions\nPOST /users/{id | userPrincipalName}/profile/positions"
        );
        assert_eq!(syntax.text.lines().count(), 2);
        assert_eq!((syntax.span.line, syntax.span.column), (26, 1));

        let request = codes[1];
        assert!(request.text.starts_with(
            "POST https://graph.microsoft.com/beta/me/profile/positions\nContent-type: application/json\n\n{"
        ));
        assert!(request.text.ends_with("  \"isCurrent\": true\n}"));
        assert_eq!(request.span.line, 61);
        assert_eq!(request.text.lines().count(), 23);

        let response = codes[2];
        assert!(response
            .text
            .starts_with("HTTP/1.1 201 Created\nContent-type: application/json\n\n{"));
        assert!(response.text.ends_with('}'));
        assert_eq!(response.span.line, 91);
        // The page ends with the response body (no final newline).
        assert_eq!(response.span.end as usize, RENDERED.len());
        // Offsets in the code text map back to the source.
        let id = response.text.find("\"id\"").unwrap_or(0);
        assert_eq!(&RENDERED[response.map.to_source(id)..][..4], "\"id\"");
    }

    #[test]
    fn resource_page_generalises() {
        assert!(looks_rendered(RESOURCE_PAGE));
        let blocks = read(RESOURCE_PAGE);
        assert_faithful(RESOURCE_PAGE, &blocks);
        assert_eq!(
            headings(&blocks),
            vec![
                (1, "workPosition resource type"),
                (2, "Methods"),
                (2, "Properties"),
                (2, "Relationships"),
                (2, "JSON representation"),
            ]
        );
        assert_eq!(paragraphs(&blocks)[..3], [
            "Namespace: microsoft.graph",
            "Represents detailed information about work positions associated with a user's profile.",
            "Inherits from itemFacet.",
        ]);
        let tables = tables(&blocks);
        assert_eq!(tables.len(), 3);
        assert_eq!(
            texts(&tables[0].header),
            ["Method", "Return type", "Description"]
        );
        let methods: Vec<(&str, &str)> = tables[0]
            .rows
            .iter()
            .map(|r| (r.cells[0].text.as_str(), r.cells[1].text.as_str()))
            .collect();
        assert_eq!(
            methods,
            [
                ("List positions", "workPosition collection"),
                ("Create workPosition", "workPosition"),
                ("Get workPosition", "workPosition"),
                ("Delete workPosition", "None"),
                ("delta", "workPosition collection"),
            ]
        );
        assert_eq!(
            tables[0].rows[3].cells[2].text,
            "Delete a workPosition object."
        );
        let types: Vec<&str> = tables[1]
            .rows
            .iter()
            .map(|r| r.cells[1].text.as_str())
            .collect();
        assert_eq!(
            types,
            [
                "String",
                "String collection",
                "relatedPerson collection",
                "DateTimeOffset",
                "Boolean",
                "String (url)"
            ]
        );
        assert_eq!(
            texts(&tables[2].header),
            ["Relationship", "Type", "Description"]
        );
        assert_eq!(
            rows(tables[2]),
            [
                [
                    "manager",
                    "relatedPerson",
                    "Contains detail of the user's manager in this position."
                ],
                [
                    "peers",
                    "Collection(microsoft.graph.relatedPerson)",
                    "Peers in this position."
                ],
            ]
        );
        let codes = codes(&blocks);
        assert_eq!(codes.len(), 1);
        assert_eq!(codes[0].info, "json");
        assert!(codes[0].text.starts_with("{\n  \"allowedAudiences\""));
        assert!(codes[0].text.ends_with("\"isCurrent\": true\n}"));
    }

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
    fn examples_nest_and_bodies_balance() {
        let page = "Delete workPosition\n\nHTTP request\n\nDELETE /me/profile/positions/{id}\n\n\
            DELETE /users/{id | userPrincipalName}/profile/positions/{id}\n\nExamples\n\n\
            Example 1: Delete a position\n\nRequest\n\n\
            DELETE https://graph.microsoft.com/v1.0/me/profile/positions/{id}\n\nResponse\n\n\
            HTTP/1.1 204 No Content\n\nExample 2: A string with a blank line\n\nRequest\n\n\
            POST https://graph.microsoft.com/v1.0/me/profile/positions\n\
            Content-Type: application/json\n\n{\n  \"note\": \"first line\n\nsecond } and ]\",\n  \
            \"tags\": [\n    \"a\"\n  ]\n}\n\nResponse\n\nHTTP/1.1 201 Created\n";
        let blocks = read(page);
        assert_faithful(page, &blocks);
        assert_eq!(
            headings(&blocks),
            vec![
                (1, "Delete workPosition"),
                (2, "HTTP request"),
                (2, "Examples"),
                (3, "Example 1: Delete a position"),
                (4, "Request"),
                (4, "Response"),
                (3, "Example 2: A string with a blank line"),
                (4, "Request"),
                (4, "Response"),
            ]
        );
        let codes: Vec<&str> = codes(&blocks).iter().map(|c| c.text.as_str()).collect();
        assert_eq!(codes.len(), 5);
        // Syntax lines separated only by blank lines are one block, as in markdown.
        assert_eq!(
            codes[0],
            "DELETE /me/profile/positions/{id}\n\nDELETE /users/{id | userPrincipalName}/profile/positions/{id}"
        );
        assert_eq!(
            codes[1],
            "DELETE https://graph.microsoft.com/v1.0/me/profile/positions/{id}"
        );
        assert_eq!(codes[2], "HTTP/1.1 204 No Content");
        assert!(codes[3].starts_with("POST https://"));
        assert!(codes[3].ends_with("  ]\n}"));
        assert_eq!(codes[4], "HTTP/1.1 201 Created");
    }

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

    #[test]
    fn header_lines_after_a_blank_line_and_non_json_bodies() {
        let page = "Title\n\nExamples\n\nPOST https://graph.microsoft.com/v1.0/x/sync\n\n\
            Content-type: application/json\n\n{\n  \"a\": 1\n}\n\n\
            HTTP/1.1 200 OK\nContent-Type: text/csv\n\nReport Date,Count\n2021-01-01,3\n\n\
            HTTP/1.1 302 Found\nContent-Type: text/plain\n\nFollow the redirection to get the file.\n";
        let blocks = read(page);
        assert_faithful(page, &blocks);
        let codes: Vec<&str> = codes(&blocks).iter().map(|c| c.text.as_str()).collect();
        assert!(codes[0].starts_with("POST ") && codes[0].ends_with('}'));
        assert!(codes[1].ends_with("2021-01-01,3"));
        assert_eq!(codes[2], "HTTP/1.1 302 Found\nContent-Type: text/plain");
        assert_eq!(
            paragraphs(&blocks),
            ["Follow the redirection to get the file."]
        );
    }

    #[test]
    fn permission_tables() {
        let page = "Title\n\nPermission type Permissions (from least to most privileged)\n\
            Delegated (work or school account) User.Read, User.ReadWrite.All\n\
            Delegated (personal Microsoft account) Not supported.\n\
            Application permission User.Read.All\n\n\
            Permission type Least privileged permissions Higher privileged permissions\n\
            Delegated (work or school account) User.Read User.ReadWrite, Directory.Read.All\n\
            Application User.Read.All, Mail.Read Directory.Read.All\n\
            Delegated (other) TODO: provide permissions.\n";
        let blocks = read(page);
        assert_faithful(page, &blocks);
        let tables = tables(&blocks);
        assert_eq!(
            rows(tables[0]),
            [
                [
                    "Delegated (work or school account)",
                    "User.Read, User.ReadWrite.All"
                ],
                ["Delegated (personal Microsoft account)", "Not supported."],
                ["Application permission", "User.Read.All"],
            ]
        );
        assert_eq!(
            rows(tables[1]),
            [
                [
                    "Delegated (work or school account)",
                    "User.Read",
                    "User.ReadWrite, Directory.Read.All"
                ],
                [
                    "Application",
                    "User.Read.All, Mail.Read",
                    "Directory.Read.All"
                ],
                ["Delegated (other)", "TODO: provide permissions.", ""],
            ]
        );
        assert_eq!(tables[1].rows[2].cells[2].span, None);
    }

    #[test]
    fn other_table_shapes() {
        let page = "Title\n\nName Type Description\nPrefer: outlook.timezone string The time zone. Optional.\n\
            id\n\nMember Value Description\nnone 0 No value.\nunknownFutureValue 1\n\n\
            Parameter Type Description Required?\nmodel String The model of the printer. Yes\n\n\
            Property\tType\tDescription\ndisplay name\tString collection\tThe names. Several words.\n\n\
            Members\n\nMember\nelementary\nexpert\n";
        let blocks = read(page);
        assert_faithful(page, &blocks);
        let tables = tables(&blocks);
        assert_eq!(tables.len(), 5);
        assert_eq!(
            rows(tables[0]),
            [
                vec![
                    "Prefer: outlook.timezone",
                    "string",
                    "The time zone. Optional."
                ],
                vec!["id", "", ""]
            ]
        );
        assert_eq!(
            rows(tables[1]),
            [
                vec!["none", "0", "No value."],
                vec!["unknownFutureValue", "1", ""]
            ]
        );
        assert_eq!(
            rows(tables[2]),
            [["model", "String", "The model of the printer.", "Yes"]]
        );
        assert_eq!(
            rows(tables[3]),
            [[
                "display name",
                "String collection",
                "The names. Several words."
            ]]
        );
        assert_eq!(texts(&tables[4].header), ["Member"]);
        assert_eq!(rows(tables[4]), [["elementary"], ["expert"]]);
        assert_eq!(headings(&blocks).last(), Some(&(2, "Members")));
    }

    #[test]
    fn enum_page() {
        let page = "Call records enum values\n\nNamespace: microsoft.graph.callRecords\n\n\
            callType values\n\nMember\nunknown\ngroupCall\n\nfailureStage values\n\n\
            Member Value Description\ncallSetup 0 Setting up.\nmidcall 1 During the call.\n";
        assert!(looks_rendered(page));
        let blocks = read(page);
        assert_faithful(page, &blocks);
        assert_eq!(
            headings(&blocks),
            vec![
                (1, "Call records enum values"),
                (3, "callType values"),
                (3, "failureStage values")
            ]
        );
        let tables = tables(&blocks);
        assert_eq!(rows(tables[0]), [["unknown"], ["groupCall"]]);
        assert_eq!(rows(tables[1])[1], ["midcall", "1", "During the call."]);
    }

    #[test]
    fn request_lines_in_a_row_are_one_block() {
        let page = "Get a site\n\nNamespace: microsoft.graph\n\nGet the root site\n\n\
            GET /sites/root\nGET /sites/contoso.sharepoint.com\n\nExample\n\nRequest\n\n\
            GET /sites/{site-id}\n";
        let blocks = read(page);
        assert_faithful(page, &blocks);
        let codes: Vec<&str> = codes(&blocks).iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            codes,
            [
                "GET /sites/root\nGET /sites/contoso.sharepoint.com",
                "GET /sites/{site-id}"
            ]
        );
    }

    #[test]
    fn qualified_and_enum_headings() {
        let page =
            "Title\n\nHTTP request (to upload a new file)\n\nPUT /me/drive/items/{id}/content\n\
            PUT /drives/{id}/items/{id}/content\n\nproficiency values\n\nMember\nexpert\n";
        let blocks = read(page);
        assert_faithful(page, &blocks);
        assert_eq!(
            headings(&blocks),
            vec![
                (1, "Title"),
                (2, "HTTP request (to upload a new file)"),
                (3, "proficiency values")
            ]
        );
        assert_eq!(codes(&blocks)[0].text.lines().count(), 2);
    }

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
    fn corpus_dir() -> Option<PathBuf> {
        let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/graph-docs-v1.0");
        [beside, PathBuf::from("/work/shared/corpus/graph-docs-v1.0")]
            .into_iter()
            .find(|p| p.is_dir())
    }

    #[test]
    fn corpus_markdown_is_not_rendered() {
        let Some(dir) = corpus_dir() else {
            eprintln!("corpus not found; skipping");
            return;
        };
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
