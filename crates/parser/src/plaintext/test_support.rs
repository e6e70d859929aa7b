//! Inputs and helpers shared by the plain-text reader's tests.

use super::blocks;
use super::lines::is_space;
use crate::blocks::{Block, CodeBlock, Inline, Table};
use crate::text::{lines_with_offsets, SourceText};
use graphdoc_model::Span;
use std::ops::Range;

/// Seed 003 as copied into the repository's inputs (byte-identical).
pub(super) const RENDERED: &str =
    include_str!("../../../../docs-input/create-workposition-rendered.txt");
/// Seeds 000, 001, 002 and 004: markdown.
pub(super) const MARKDOWN_SEEDS: [&str; 4] = [
    include_str!("../../../../docs-input/create-personresponsibility.md"),
    include_str!("../../../../docs-input/create-workposition-draft.md"),
    include_str!("../../../../docs-input/create-skillproficiency.md"),
    include_str!("../../../../docs-input/create-personinterest-draft.md"),
];

pub(super) const RESOURCE_PAGE: &str = r#"workPosition resource type

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

pub(super) fn read(text: &str) -> Vec<Block> {
    blocks(&SourceText::new("page.txt".into(), text))
}

pub(super) fn headings(blocks: &[Block]) -> Vec<(u8, &str)> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, text } => Some((*level, text.as_str())),
            _ => None,
        })
        .collect()
}

pub(super) fn tables(blocks: &[Block]) -> Vec<&Table> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

pub(super) fn codes(blocks: &[Block]) -> Vec<&CodeBlock> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Code(c) => Some(c),
            _ => None,
        })
        .collect()
}

pub(super) fn paragraphs(blocks: &[Block]) -> Vec<&str> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.as_str()),
            _ => None,
        })
        .collect()
}

pub(super) fn texts(cells: &[Inline]) -> Vec<&str> {
    cells.iter().map(|c| c.text.as_str()).collect()
}

pub(super) fn rows(table: &Table) -> Vec<Vec<&str>> {
    table.rows.iter().map(|r| texts(&r.cells)).collect()
}

pub(super) fn line_col(span: &Option<Span>) -> (u32, u32) {
    span.as_ref().map_or((0, 0), |s| (s.line, s.column))
}

pub(super) fn block_span(block: &Block) -> Option<&Span> {
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
pub(super) fn assert_faithful(text: &str, blocks: &[Block]) {
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
