//! HTTP code blocks: syntax listings of request lines, and example messages
//! (a request or status line, header lines and a body).

use super::json::starts_json;
use super::reader::Reader;

/// A request or syntax line (`GET /path`, `POST https://graph.microsoft.com/...`):
/// the shared test, with the method in capitals, since rendered prose has no
/// fence to set such lines apart ("Post and/or reply to ...").
pub(super) fn is_request_line(t: &str) -> bool {
    let method = t.split_whitespace().next().unwrap_or("");
    method.bytes().all(|b| b.is_ascii_uppercase()) && crate::http::is_request_line(t)
}

/// A request line with a relative path (`GET /me/drive`), as syntax listings have.
pub(super) fn is_syntax_line(t: &str) -> bool {
    is_request_line(t)
        && t.split_whitespace()
            .nth(1)
            .is_some_and(|p| p.starts_with('/'))
}

/// A status line (`HTTP/1.1 201 Created`), `HTTP` in capitals as for requests.
pub(super) fn is_status_line(t: &str) -> bool {
    t.starts_with("HTTP") && crate::http::is_status_line(t)
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

impl Reader<'_, '_> {
    /// A syntax block. In the HTTP request section: request lines, runs
    /// separated only by blank lines merged (`across_blanks`) as the markdown
    /// source has them in one block. Elsewhere: consecutive relative-path lines.
    pub(super) fn syntax_block(&mut self, i: usize, across_blanks: bool) -> usize {
        let mut last = i;
        let mut j = i + 1;
        loop {
            let k = if across_blanks {
                self.next_non_blank(j)
            } else {
                j
            };
            match self.lines.get(k) {
                Some(l) if is_request_line(l.text) && (across_blanks || is_syntax_line(l.text)) => {
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
    pub(super) fn message(&mut self, i: usize) -> usize {
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
}

#[cfg(test)]
mod tests {
    use crate::plaintext::test_support::*;

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
}
