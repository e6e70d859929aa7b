//! The heading vocabulary: known section titles standing alone on a line,
//! and the levels they take as the reader moves through a page.

use super::cells::looks_like_type;
use super::lines::Line;
use super::reader::Reader;
use crate::blocks::Block;
use graphdoc_model::Spanned;

/// Longest line that can be a section heading; longer lines are prose.
const MAX_HEADING_LEN: usize = 200;

/// The part of a page the reader is in; decides how `Request`/`Response`
/// lines and request lines read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
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

/// What a standalone line names, if it is a known heading.
#[derive(Debug, Clone, Copy)]
pub(super) struct HeadingKind {
    /// The section it opens as a level-2 heading.
    section: Option<Section>,
    /// A `Request`/`Response` sub-heading inside Examples.
    step: bool,
    /// `Example N...`.
    numbered_example: bool,
    /// `xxx values`: an enum's members follow.
    enum_values: bool,
}

/// What `text` names as a heading, if it is one of the known titles.
pub(super) fn heading_kind(text: &str) -> Option<HeadingKind> {
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

impl Reader<'_, '_> {
    pub(super) fn heading(&mut self, level: u8, line: Line<'_>) {
        let text = Spanned::new(line.text.to_string(), self.src.span(line.start, line.end()));
        self.out.push(Block::Heading { level, text });
    }

    /// The level of a standalone known heading, updating the section state.
    pub(super) fn heading_level(&mut self, text: &str) -> Option<u8> {
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
}

#[cfg(test)]
mod tests {
    use crate::plaintext::looks_rendered;
    use crate::plaintext::test_support::*;

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
}
