//! Tables: header rows made of known column titles (the column vocabulary),
//! and the rows under them split into cells.

use super::cells::cell_len;
use super::lines::{tab_pieces, tokens, Line, Tok};
use super::reader::Reader;
use crate::blocks::{Block, Inline, Row, Table};

/// Longest line that can be a table header row.
const MAX_HEADER_LEN: usize = 300;

/// How a table column's cells are cut out of a space-separated row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    /// One token: a property, parameter, header or member name.
    Name,
    /// A rendered method link: one to
    /// [`MAX_METHOD_WORDS`](super::cells::MAX_METHOD_WORDS) words.
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

/// A recognised table header: the column titles and how rows are separated.
#[derive(Debug)]
pub(super) struct Header<'a> {
    cols: Vec<(Tok<'a>, Col)>,
    /// The header was tab-separated, so rows are split at tabs too.
    tabbed: bool,
}

/// A header row made only of known column titles (at least two).
pub(super) fn parse_header(line: Line<'_>) -> Option<Header<'_>> {
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

impl<'a> Reader<'_, 'a> {
    /// A table header at line `i`: known column titles, or a lone `Member`
    /// followed by one-word rows (enum pages).
    pub(super) fn table_header(&self, i: usize) -> Option<Header<'a>> {
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
    pub(super) fn table(&mut self, i: usize, header: &Header<'_>) -> usize {
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
}

#[cfg(test)]
mod tests {
    use crate::plaintext::test_support::*;

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
}
