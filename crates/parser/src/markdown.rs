//! Markdown to blocks, through pulldown-cmark's offset iterator.
use crate::blocks::{Block, CodeBlock, Inline, Row, Table};
use crate::text::{lines_with_offsets, strip_prefix_ci, OffsetMap, SourceText};
use graphdoc_model::{Include, Link, Spanned};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The pulldown-cmark options graphdoc reads pages with (the benchmark's
/// floor uses the same ones).
pub fn options() -> Options {
    Options::ENABLE_TABLES
}

/// Reads the markdown body of a page (`src.text[start..]`, after the front
/// matter) into blocks.
pub fn blocks(src: &SourceText, start: usize) -> Vec<Block> {
    let body = delimiter_rows_without_tabs(src.text.get(start..).unwrap_or(""));
    let mut reader = Reader {
        src,
        // Pages run to about one block per 200 bytes: sized up front, the
        // vector of (large) blocks is not copied as it grows.
        out: Vec::with_capacity(body.len() / 128 + 8),
        inlines: Vec::new(),
        links: Vec::new(),
        table: None,
        columns: 0,
        row: None,
        code: None,
        html: None,
    };
    for (event, range) in Parser::new_ext(&body, options()).into_offset_iter() {
        let range = range.start + start..range.end + start;
        reader.event(event, range);
    }
    reader.out
}

struct Reader<'s, 'a> {
    src: &'s SourceText<'a>,
    out: Vec<Block>,
    /// Open inline containers (paragraph, item, heading, cell) with their start offsets.
    inlines: Vec<(Inline, usize)>,
    /// Open links: target, start offset, length of the container text at the link start.
    links: Vec<(String, usize, usize)>,
    table: Option<Table>,
    /// The column count of the open table, to size its rows.
    columns: usize,
    row: Option<(Vec<Inline>, Range<usize>)>,
    code: Option<(CodeBlock, String)>,
    html: Option<Range<usize>>,
}

impl Reader<'_, '_> {
    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => {
                if let Some((code, _)) = &mut self.code {
                    code.map.push(code.text.len(), range.start);
                    code.text.push_str(&text);
                } else if self.html.is_none() {
                    self.push_text(&text, &range);
                }
            }
            Event::Code(text) => {
                let span = self.src.span(range.start, range.end);
                if let Some((inline, _)) = self.inlines.last_mut() {
                    inline.text.push_str(&text);
                    inline.code.push(Spanned::new(text.to_string(), span));
                }
            }
            Event::SoftBreak | Event::HardBreak => self.push_text(" ", &range),
            Event::InlineHtml(html) => {
                if html.starts_with("<!--") {
                    self.comments(range);
                } else if html.to_ascii_lowercase().starts_with("<br") {
                    self.push_text(" ", &range);
                }
            }
            Event::Html(_) => {
                if let Some(r) = &mut self.html {
                    r.end = r.end.max(range.end);
                }
            }
            Event::Rule => {
                let span = self.src.span(range.start, range.end);
                self.out.push(Block::Rule { span });
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell => {
                if matches!(tag, Tag::Paragraph) {
                    self.flush_item_text();
                }
                // The plain text is hardly ever longer than its markup, so
                // one allocation holds every piece of it.
                let inline = Inline {
                    text: String::with_capacity(range.len()),
                    ..Inline::default()
                };
                self.inlines.push((inline, range.start));
            }
            Tag::Item => self.inlines.push((Inline::default(), range.start)),
            Tag::Link { dest_url, .. } => {
                let at = self.inlines.last().map_or(0, |(i, _)| i.text.len());
                self.links.push((dest_url.to_string(), range.start, at));
            }
            Tag::Table(alignments) => {
                self.columns = alignments.len();
                self.table = Some(Table {
                    header: Vec::new(),
                    rows: Vec::new(),
                    span: self.src.span(range.start, range.end),
                });
            }
            Tag::TableHead | Tag::TableRow => {
                self.row = Some((Vec::with_capacity(self.columns), range));
            }
            Tag::CodeBlock(kind) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_ascii_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                let fence = self
                    .src
                    .slice(range.start, range.end)
                    .trim_start()
                    .chars()
                    .next();
                let fence = match fence {
                    Some(c @ ('`' | '~')) => c.to_string(),
                    _ => String::new(),
                };
                let block = CodeBlock {
                    info,
                    text: String::new(),
                    map: OffsetMap::default(),
                    span: self.src.span(range.start, range.end),
                    unterminated: false,
                };
                self.code = Some((block, fence));
            }
            Tag::HtmlBlock => self.html = Some(range),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Paragraph | TagEnd::Item => {
                if let Some((inline, start)) = self.inlines.pop() {
                    self.emit_paragraph(inline, start..range.end);
                }
            }
            TagEnd::Heading(level) => {
                if let Some((inline, start)) = self.inlines.pop() {
                    self.emit_heading(level as u8, inline, start..range.end);
                }
            }
            TagEnd::TableCell => {
                if let Some((mut inline, start)) = self.inlines.pop() {
                    trim_in_place(&mut inline.text);
                    inline
                        .span
                        .get_or_insert_with(|| self.src.span(start, range.end));
                    if let Some((cells, _)) = &mut self.row {
                        cells.push(inline);
                    }
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let (Some((cells, r)), Some(table)) = (self.row.take(), &mut self.table) {
                    if matches!(tag, TagEnd::TableHead) {
                        table.header = cells;
                    } else {
                        let span = self.src.span(r.start, r.end);
                        table.rows.push(Row { cells, span });
                    }
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.out.push(Block::Table(table));
                }
            }
            TagEnd::Link => self.end_link(range),
            TagEnd::CodeBlock => {
                if let Some((mut block, fence)) = self.code.take() {
                    block.unterminated = !fence.is_empty()
                        && !closes_fence(self.src.slice(range.start, range.end), &fence);
                    if block.map.to_source(0) == 0 && block.text.is_empty() {
                        block.map = OffsetMap::identity(range.end);
                    }
                    self.out.push(Block::Code(block));
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(r) = self.html.take() {
                    self.comments(r);
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str, range: &Range<usize>) {
        if let Some((inline, _)) = self.inlines.last_mut() {
            inline.text.push_str(text);
            match &mut inline.span {
                // Only the end of a later piece's span is needed.
                Some(s) => s.end = self.src.span_end(range.start, range.end).max(s.end),
                None => inline.span = Some(self.src.span(range.start, range.end)),
            }
        }
    }

    /// A tight list item's own text ends where a nested paragraph starts.
    fn flush_item_text(&mut self) {
        if let Some((inline, start)) = self.inlines.last_mut() {
            if !inline.text.trim().is_empty() {
                let taken = std::mem::take(inline);
                let s = *start;
                let end = taken.span.as_ref().map_or(s, |sp| sp.end as usize);
                self.emit_paragraph(taken, s..end);
            }
        }
    }

    fn end_link(&mut self, range: Range<usize>) {
        let Some((target, start, at)) = self.links.pop() else {
            return;
        };
        let span = self.src.span(start, range.end);
        if let Some((inline, _)) = self.inlines.last_mut() {
            let text = inline.text.get(at..).unwrap_or("").trim().to_string();
            inline.links.push(Link { text, target, span });
        }
    }

    fn emit_paragraph(&mut self, mut inline: Inline, range: Range<usize>) {
        let raw = self.src.slice(range.start, range.end);
        let includes = includes(self.src, raw, range.start);
        trim_in_place(&mut inline.text);
        if inline.text.is_empty() && includes.is_empty() {
            return;
        }
        inline.span = Some(self.src.span(range.start, range.end));
        self.out.push(Block::Paragraph(inline));
        self.out.extend(includes.into_iter().map(Block::Include));
    }

    fn emit_heading(&mut self, level: u8, mut inline: Inline, range: Range<usize>) {
        trim_in_place(&mut inline.text);
        // Headings stay in the model: no room for the markup is kept.
        inline.text.shrink_to_fit();
        let span = self.src.span(range.start, range.end);
        // `# [HTTP](#tab/http)` opens a tab of a tab group; it is not a heading.
        if let [link] = inline.links.as_slice() {
            if link.target.starts_with("#tab/") && inline.text == link.text {
                self.out.push(Block::TabStart {
                    label: link.text.clone(),
                    span,
                });
                return;
            }
        }
        // A setext underline (`---`) under an INCLUDE line closes a tab group.
        let raw = self.src.slice(range.start, range.end);
        if raw.trim_start().starts_with("[!INCLUDE") && raw.trim_end().ends_with('-') {
            let text_end = raw.rfind('\n').map_or(range.end, |i| range.start + i);
            self.emit_paragraph(inline, range.start..text_end);
            self.out.push(Block::Rule { span });
            return;
        }
        let text = Spanned::new(inline.text, span);
        self.out.push(Block::Heading { level, text });
    }

    fn comments(&mut self, range: Range<usize>) {
        let raw = self.src.slice(range.start, range.end);
        let mut from = 0;
        while let Some(open) = raw[from..].find("<!--") {
            let body_start = from + open + 4;
            let (body_end, end, unterminated) = match raw[body_start..].find("-->") {
                Some(close) => (body_start + close, body_start + close + 3, false),
                None => (raw.len(), raw.len(), true),
            };
            let text = raw[body_start..body_end].to_string();
            let span = self.src.span(range.start + from + open, range.start + end);
            self.out.push(Block::Comment {
                text,
                map: OffsetMap::identity(range.start + body_start),
                span,
                unterminated,
            });
            from = end;
        }
    }
}

/// pulldown-cmark rejects a table whose delimiter row has tabs
/// (`|---\t|`); pages have them. A tab and a space are both one byte, so
/// swapping them keeps every offset valid.
fn delimiter_rows_without_tabs(body: &str) -> std::borrow::Cow<'_, str> {
    let is_delimiter = |line: &str| {
        line.contains('\t')
            && line.contains("--")
            && line
                .chars()
                .all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t' | '\r'))
    };
    // Most pages have no tab at all: one memchr pass instead of a line scan.
    if !body.contains('\t') || !body.lines().any(is_delimiter) {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        if is_delimiter(line.trim_end_matches('\n')) {
            out.push_str(&line.replace('\t', " "));
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn closes_fence(block: &str, fence: &str) -> bool {
    let mut lines = block.trim_end().lines();
    let first = lines.next();
    match (first, lines.last()) {
        (Some(_), Some(last)) => last.trim_start().starts_with(&fence.repeat(3)),
        _ => false,
    }
}

/// `s.trim()` in place: cells and paragraphs are read and dropped, so the
/// spare capacity costs nothing and a copy is saved.
fn trim_in_place(s: &mut String) {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
}

/// `[!INCLUDE [name](path)]` lines of a paragraph's source text.
fn includes(src: &SourceText, raw: &str, base: usize) -> Vec<Include> {
    let mut out = Vec::new();
    if !raw.contains('!') {
        return out;
    }
    for (off, line) in lines_with_offsets(raw) {
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        let Some(rest) = strip_prefix_ci(trimmed, "[!INCLUDE") else {
            continue;
        };
        let Some(open) = rest.find('[') else { continue };
        let Some(mid) = rest[open..].find("](") else {
            continue;
        };
        let name = rest[open + 1..open + mid].trim().to_string();
        let target_start = open + mid + 2;
        let Some(close) = rest[target_start..].find(')') else {
            continue;
        };
        let target = rest[target_start..target_start + close].trim();
        let line_start = base + off + lead;
        let t_off = line_start + (trimmed.len() - rest.len()) + target_start;
        out.push(Include {
            name,
            target: src.spanned(target.to_string(), t_off, t_off + close),
            span: src.span(line_start, base + off + line.len()),
        });
    }
    out
}
