//! `http` code blocks: request/response messages of examples, and the
//! request syntax block (`GET /users/{id | userPrincipalName}`) of API pages.
//!
//! Everything is read line by line and spanned through the block's
//! [`OffsetMap`]; nothing here fails on odd input, it only reports a
//! [`Problem`] when a message block does not start like a message.

use crate::json::{map_span, parse_json};
use crate::text::{lines_with_offsets, OffsetMap, SourceText};
use graphdoc_model::{
    Body, Header, HttpMessage, MessageStart, Operation, OperationPath, PathParam, Problem,
    ProblemKind, Spanned,
};

/// The methods a request or syntax line may start with (compared upper-cased).
const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// One parsed http message (annotation is attached later by the caller, leave it None).
///
/// The first non-empty line must be a request line or a status line; then
/// come `Name: value` headers, then the body. A body that follows the
/// headers without a blank line, or a line that is not a header, starts the
/// body right there so that no text is lost.
///
/// # Errors
///
/// A [`ProblemKind::HttpBlock`] problem when the block is empty or its first
/// non-empty line is neither a request line nor a status line.
pub fn parse_message(
    text: &str,
    map: &OffsetMap,
    src: &SourceText,
) -> Result<HttpMessage, Problem> {
    let span = map_span(src, map, 0, text.len());
    let lines: Vec<(usize, &str)> = lines_with_offsets(text).collect();
    let Some(first) = lines.iter().position(|(_, l)| !l.trim().is_empty()) else {
        return Err(Problem {
            kind: ProblemKind::HttpBlock,
            message: "the http block is empty".to_string(),
            span,
        });
    };
    let (line_off, line) = lines[first];
    let (lead, first_line) = trim_with_offset(line);
    let base = line_off + lead;
    let start = if let Some(start) = parse_request_line(first_line, base, map, src) {
        start
    } else if let Some(start) = parse_status_line(first_line, base, map, src) {
        start
    } else {
        return Err(Problem {
            kind: ProblemKind::HttpBlock,
            message: format!(
                "the first line of an http block should be a request line (`GET /me`) \
                 or a status line (`HTTP/1.1 200 OK`), found `{}`",
                clip(first_line, 80)
            ),
            span: map_span(src, map, base, base + first_line.len()),
        });
    };

    let mut headers = Vec::new();
    let mut body_line = None;
    for (i, &(off, line)) in lines.iter().enumerate().skip(first + 1) {
        if line.trim().is_empty() {
            body_line = Some(i + 1);
            break;
        }
        let (lead, trimmed) = trim_with_offset(line);
        let Some(header) = parse_header(trimmed, off + lead, map, src) else {
            body_line = Some(i);
            break;
        };
        headers.push(header);
    }
    let body = body_line
        .and_then(|i| lines.get(i))
        .and_then(|&(off, _)| parse_body(text, off, &headers, map, src));

    Ok(HttpMessage {
        annotation: None,
        start,
        headers,
        body,
        span,
    })
}

/// Parses an HTTP request syntax block: lines `METHOD /path/{id | userPrincipalName}/x` -> one Operation per line.
///
/// Lines that do not start with a method (prose, comments, headers, blank
/// lines) are skipped. A line whose first word is an upper-case method but
/// that has no path after it is a problem; a capitalised word followed by
/// prose (`Delete the item`) is taken as prose.
#[must_use]
pub fn parse_syntax(
    text: &str,
    map: &OffsetMap,
    src: &SourceText,
) -> (Vec<Operation>, Vec<Problem>) {
    let mut ops = Vec::new();
    let mut problems = Vec::new();
    for (off, line) in lines_with_offsets(text) {
        let (lead, trimmed) = trim_with_offset(line);
        let base = off + lead;
        let (word, rest_off, rest) = split_word(trimmed);
        if !is_method(word) {
            continue;
        }
        let target = strip_http_version(rest);
        if looks_like_target(target) {
            let t_start = base + rest_off;
            let params = path_params(target, t_start, map, src);
            ops.push(Operation {
                method: Spanned::new(
                    word.to_string(),
                    map_span(src, map, base, base + word.len()),
                ),
                path: OperationPath {
                    template: Spanned::new(
                        target.to_string(),
                        map_span(src, map, t_start, t_start + target.len()),
                    ),
                    params,
                },
            });
        } else if word.bytes().all(|b| b.is_ascii_uppercase()) {
            let message = if target.is_empty() {
                format!("`{word}` has no path after it")
            } else {
                format!(
                    "`{word}` is followed by `{}`, which is not a path",
                    clip(target, 60)
                )
            };
            problems.push(Problem {
                kind: ProblemKind::HttpBlock,
                message,
                span: map_span(src, map, base, base + trimmed.len()),
            });
        }
    }
    (ops, problems)
}

/// Whether a line is a request line (`METHOD target`).
///
/// The method is matched case-insensitively; the target's first word must
/// contain `/` or start with `{`, which tells `GET /me` from prose such as
/// `Delete the item`.
#[must_use]
pub fn is_request_line(line: &str) -> bool {
    let (word, _, rest) = split_word(line.trim());
    is_method(word) && looks_like_target(strip_http_version(rest))
}

/// Whether a line is a status line (`HTTP/1.1 201 Created`, `HTTP 200 OK`,
/// `HTTP/2 204`).
#[must_use]
pub fn is_status_line(line: &str) -> bool {
    status_parts(line.trim()).is_some()
}

fn is_method(word: &str) -> bool {
    METHODS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

fn looks_like_target(target: &str) -> bool {
    let (first, _, _) = split_word(target);
    (first.contains('/') || first.starts_with('{')) && !is_http_version(first)
}

/// The line without surrounding whitespace, and how many bytes were cut in front.
fn trim_with_offset(line: &str) -> (usize, &str) {
    let start = line.len() - line.trim_start().len();
    (start, line.trim())
}

/// The first whitespace-separated word, the offset of the rest, and the rest
/// (trimmed).
fn split_word(s: &str) -> (&str, usize, &str) {
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    let rest = &s[end..];
    let lead = rest.len() - rest.trim_start().len();
    (&s[..end], end + lead, rest.trim())
}

/// `target HTTP/1.1` -> `target`; a lone `HTTP/1.1` is left alone.
fn strip_http_version(s: &str) -> &str {
    let s = s.trim_end();
    match s.rfind(char::is_whitespace) {
        Some(i) if is_http_version(s[i..].trim_start()) => s[..i].trim_end(),
        _ => s,
    }
}

/// `HTTP`, `HTTP/1.1`, `HTTP/2` (any case).
fn is_http_version(word: &str) -> bool {
    let Some(head) = word.get(..4) else {
        return false;
    };
    if !head.eq_ignore_ascii_case("http") {
        return false;
    }
    match word[4..].strip_prefix('/') {
        None => word.len() == 4,
        Some(v) => !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit() || b == b'.'),
    }
}

/// Splits a status line into (code offset, code, reason).
fn status_parts(line: &str) -> Option<(usize, u16, &str)> {
    let (word, code_off, rest) = split_word(line);
    if !is_http_version(word) {
        return None;
    }
    let (code, reason_off, _) = split_word(rest);
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let status = code.parse().ok()?;
    Some((code_off, status, rest[reason_off..].trim()))
}

fn parse_status_line(
    line: &str,
    base: usize,
    map: &OffsetMap,
    src: &SourceText,
) -> Option<MessageStart> {
    let (code_off, code, reason) = status_parts(line)?;
    let at = base + code_off;
    Some(MessageStart::Response {
        status: Spanned::new(code, map_span(src, map, at, at + 3)),
        reason: reason.to_string(),
    })
}

fn parse_request_line(
    line: &str,
    base: usize,
    map: &OffsetMap,
    src: &SourceText,
) -> Option<MessageStart> {
    if !is_request_line(line) {
        return None;
    }
    let (method, url_off, rest) = split_word(line);
    let url = strip_http_version(rest);
    let url_start = base + url_off;
    let parts = url_parts(url);
    let version = parts.version.map(|(s, e)| {
        Spanned::new(
            url[s..e].to_string(),
            map_span(src, map, url_start + s, url_start + e),
        )
    });
    Some(MessageStart::Request {
        method: Spanned::new(
            method.to_string(),
            map_span(src, map, base, base + method.len()),
        ),
        url: Spanned::new(
            url.to_string(),
            map_span(src, map, url_start, url_start + url.len()),
        ),
        version,
        path: parts.path,
        query: parts.query,
    })
}

/// What a request URL says about the API.
#[derive(Debug, PartialEq)]
struct UrlParts {
    /// Byte range of the version segment in the URL.
    version: Option<(usize, usize)>,
    /// The path after the version, starting with `/`, without the query.
    path: String,
    /// The query without `?`.
    query: Option<String>,
}

/// Splits `https://host/v1.0/me?$select=x` or `/me?...` or `v1.0/me`.
///
/// On a Graph host (any host with `graph` in its name: graph.microsoft.com,
/// graph.microsoft.us, microsoftgraph.chinacloudapi.cn) the first segment is
/// the version whatever it says (`localtest` happens); elsewhere, and on
/// relative URLs, only a segment that looks like one (`v1.0`, `beta`) is.
fn url_parts(url: &str) -> UrlParts {
    let (path_part, query) = match url.find('?') {
        Some(q) => (&url[..q], Some(url[q + 1..].to_string())),
        None => (url, None),
    };
    let (rel_start, graph_host) = match path_part.find("://") {
        Some(scheme_end)
            if path_part[..scheme_end]
                .bytes()
                .all(|b| b.is_ascii_alphabetic()) =>
        {
            let host_start = scheme_end + 3;
            let host_end = path_part[host_start..]
                .find('/')
                .map_or(path_part.len(), |i| host_start + i);
            let host = &path_part[host_start..host_end];
            (host_end, host.to_ascii_lowercase().contains("graph"))
        }
        _ => (0, false),
    };
    let rel = &path_part[rel_start..];
    let seg_start = rel_start + usize::from(rel.starts_with('/'));
    let seg_end = path_part[seg_start..]
        .find('/')
        .map_or(path_part.len(), |i| seg_start + i);
    let seg = &path_part[seg_start..seg_end];
    let is_version = !seg.is_empty() && (graph_host || looks_like_version(seg));
    let (version, path) = if is_version {
        (Some((seg_start, seg_end)), &path_part[seg_end..])
    } else {
        (None, rel)
    };
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    UrlParts {
        version,
        path,
        query,
    }
}

/// `beta`, `v1.0`, `v2`, `V1.0`.
fn looks_like_version(seg: &str) -> bool {
    if seg.eq_ignore_ascii_case("beta") {
        return true;
    }
    let Some(num) = seg.strip_prefix(['v', 'V']) else {
        return false;
    };
    num.starts_with(|c: char| c.is_ascii_digit())
        && num.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// `Name: value` with an RFC 9110 token as the name.
fn parse_header(line: &str, base: usize, map: &OffsetMap, src: &SourceText) -> Option<Header> {
    let colon = line.find(':')?;
    let name = &line[..colon];
    let is_token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if name.is_empty() || !name.bytes().all(is_token) {
        return None;
    }
    let after = &line[colon + 1..];
    // `https://...` on a line of its own is a body, not a header named https.
    if after.starts_with("//") {
        return None;
    }
    let (lead, value) = trim_with_offset(after);
    let v_start = base + colon + 1 + lead;
    Some(Header {
        name: Spanned::new(name.to_string(), map_span(src, map, base, base + colon)),
        value: Spanned::new(
            value.to_string(),
            map_span(src, map, v_start, v_start + value.len()),
        ),
    })
}

/// The body from `from` to the end of `text`, surrounding whitespace trimmed.
fn parse_body(
    text: &str,
    from: usize,
    headers: &[Header],
    map: &OffsetMap,
    src: &SourceText,
) -> Option<Body> {
    let rest = text.get(from..)?;
    let raw = rest.trim();
    if raw.is_empty() {
        return None;
    }
    let start = from + (rest.len() - rest.trim_start().len());
    let end = start + raw.len();
    let mut body = Body {
        raw: raw.to_string(),
        json: None,
        json_error: None,
        elided: false,
        span: map_span(src, map, start, end),
    };
    if !(raw.starts_with('{') || raw.starts_with('[')) {
        return Some(body);
    }
    let sub = sub_map(map, start, raw.len());
    match parse_json(raw, &sub, src) {
        Ok(parsed) => {
            body.json = Some(parsed.node);
            body.elided = parsed.elided;
        }
        Err(e) if !is_placeholder(raw) && !declared_not_json(headers) => {
            let err_end = raw
                .get(e.offset..)
                .and_then(|s| s.chars().next())
                .map_or(e.offset, |c| e.offset + c.len_utf8());
            body.json_error = Some(Spanned::new(
                e.message,
                map_span(src, &sub, e.offset, err_end),
            ));
        }
        Err(_) => {}
    }
    Some(body)
}

/// `[Zip file containing a Teams app package]`, `{Raw bytes of the file}`:
/// a one-line description of the content in brackets, not JSON.
fn is_placeholder(raw: &str) -> bool {
    let inner = match raw.as_bytes().first() {
        Some(b'[') => raw[1..].strip_suffix(']'),
        Some(b'{') => raw[1..].strip_suffix('}'),
        _ => None,
    };
    inner.is_some_and(|inner| {
        !inner.contains(['\n', '"', ':'])
            && inner.trim_start().starts_with(|c: char| c.is_alphabetic())
    })
}

/// A `Content-Type` header that names something other than JSON.
fn declared_not_json(headers: &[Header]) -> bool {
    headers.iter().any(|h| {
        h.name.value.eq_ignore_ascii_case("content-type")
            && !h.value.value.to_ascii_lowercase().contains("json")
    })
}

/// The map of a text that starts at derived offset `base` of `map`'s text
/// and is `len` bytes long. Built byte by byte so that it is exact whatever
/// segments `map` has.
fn sub_map(map: &OffsetMap, base: usize, len: usize) -> OffsetMap {
    let mut sub = OffsetMap::default();
    let mut prev = None;
    for i in 0..len {
        let s = map.to_source(base + i);
        if prev.is_none_or(|p: usize| p + 1 != s) {
            sub.push(i, s);
        }
        prev = Some(s);
    }
    sub
}

/// Every `{...}` of a path template, alternatives split at `|`.
fn path_params(template: &str, start: usize, map: &OffsetMap, src: &SourceText) -> Vec<PathParam> {
    let mut params = Vec::new();
    let mut open = None;
    for (i, c) in template.char_indices() {
        match c {
            // An unclosed `{` is forgotten when another one opens.
            '{' => open = Some(i),
            '}' => {
                if let Some(o) = open.take() {
                    let alternatives = template[o + 1..i]
                        .split('|')
                        .map(str::trim)
                        .filter(|a| !a.is_empty())
                        .map(str::to_string)
                        .collect();
                    params.push(PathParam {
                        alternatives,
                        span: map_span(src, map, start + o, start + i + 1),
                    });
                }
            }
            _ => {}
        }
    }
    params
}

/// At most `max` chars of `s`, for messages.
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_model::JsonValue;

    fn message(text: &str) -> Result<HttpMessage, Problem> {
        let src = SourceText::new("t.md".into(), text);
        parse_message(text, &OffsetMap::identity(0), &src)
    }

    fn ok(text: &str) -> HttpMessage {
        match message(text) {
            Ok(m) => m,
            Err(p) => panic!("{text:?} should parse: {}", p.message),
        }
    }

    fn syntax(text: &str) -> (Vec<Operation>, Vec<Problem>) {
        let src = SourceText::new("t.md".into(), text);
        parse_syntax(text, &OffsetMap::identity(0), &src)
    }

    /// (method, url, version, path, query) of a request.
    fn request(m: &HttpMessage) -> (String, String, Option<String>, String, Option<String>) {
        match &m.start {
            MessageStart::Request {
                method,
                url,
                version,
                path,
                query,
            } => (
                method.value.clone(),
                url.value.clone(),
                version.as_ref().map(|v| v.value.clone()),
                path.clone(),
                query.clone(),
            ),
            MessageStart::Response { .. } => panic!("request expected"),
        }
    }

    fn status(m: &HttpMessage) -> (u16, String) {
        match &m.start {
            MessageStart::Response { status, reason } => (status.value, reason.clone()),
            MessageStart::Request { .. } => panic!("response expected"),
        }
    }

    #[test]
    fn line_kinds() {
        assert!(is_request_line("GET /me"));
        assert!(is_request_line(
            "  post https://graph.microsoft.com/v1.0/me  "
        ));
        assert!(is_request_line("GET v1.0/me HTTP/1.1"));
        assert!(is_request_line("DELETE {url}"));
        assert!(!is_request_line("GET"));
        assert!(!is_request_line("GET HTTP/1.1"));
        assert!(!is_request_line("Delete the item."));
        assert!(!is_request_line("FETCH /me"));
        assert!(!is_request_line("HTTP/1.1 200 OK"));
        assert!(is_status_line("HTTP/1.1 201 Created"));
        assert!(is_status_line("HTTP 200 OK"));
        assert!(is_status_line("http/2 204"));
        assert!(is_status_line("HTTP/1.1 422"));
        assert!(!is_status_line("HTTP/1.1 OK"));
        assert!(!is_status_line("HTTP/1.1 2000 OK"));
        assert!(!is_status_line("HTTPS/1.1 200 OK"));
        assert!(!is_status_line("400 Bad Request"));
        assert!(!is_status_line("HTTP/ 200 OK"));
    }

    #[test]
    fn request_with_full_url_headers_and_json_body() {
        let text = "POST https://graph.microsoft.com/beta/me/profile/skills?$select=id HTTP/1.1\n\
                    Content-type: application/json\n\
                    \n\
                    {\n  \"displayName\": \"API Design\"\n}\n";
        let m = ok(text);
        assert_eq!(
            request(&m),
            (
                "POST".into(),
                "https://graph.microsoft.com/beta/me/profile/skills?$select=id".into(),
                Some("beta".into()),
                "/me/profile/skills".into(),
                Some("$select=id".into()),
            )
        );
        let MessageStart::Request {
            url,
            version,
            method,
            ..
        } = &m.start
        else {
            panic!("request expected")
        };
        assert_eq!(&text[url.span.range()], url.value);
        assert_eq!(
            version.as_ref().map(|v| &text[v.span.range()]),
            Some("beta")
        );
        assert_eq!((method.span.line, method.span.column), (1, 1));
        assert_eq!(m.headers.len(), 1);
        assert_eq!(m.headers[0].name.value, "Content-type");
        assert_eq!(&text[m.headers[0].value.span.range()], "application/json");
        let body = m
            .body
            .as_ref()
            .map(|b| (b.raw.as_str(), &text[b.span.range()]));
        assert_eq!(
            body,
            Some((
                "{\n  \"displayName\": \"API Design\"\n}",
                "{\n  \"displayName\": \"API Design\"\n}"
            ))
        );
        let json = m.body.as_ref().and_then(|b| b.json.as_ref());
        let name = json.and_then(|j| j.get("displayName"));
        assert_eq!(name.and_then(|n| n.as_str()), Some("API Design"));
        assert_eq!(name.map(|n| (n.span.line, n.span.column)), Some((5, 18)));
        assert_eq!(m.span.range(), 0..text.len());
    }

    #[test]
    fn relative_urls_and_versions() {
        let r = request(&ok("GET /me/events?$select=subject,body"));
        assert_eq!(r.2, None);
        assert_eq!(r.3, "/me/events");
        assert_eq!(r.4.as_deref(), Some("$select=subject,body"));
        let r = request(&ok("GET v1.0/me"));
        assert_eq!((r.2.as_deref(), r.3.as_str()), (Some("v1.0"), "/me"));
        let r = request(&ok("GET /beta/users/{id}"));
        assert_eq!(
            (r.2.as_deref(), r.3.as_str()),
            (Some("beta"), "/users/{id}")
        );
        let r = request(&ok("get policies/x"));
        assert_eq!(
            (r.0.as_str(), r.2.as_deref(), r.3.as_str()),
            ("get", None, "/policies/x")
        );
        let r = request(&ok("GET https://graph.microsoft.us/localtest/me"));
        assert_eq!((r.2.as_deref(), r.3.as_str()), (Some("localtest"), "/me"));
        let r = request(&ok("POST https://bot.contoso.com/api/calls"));
        assert_eq!((r.2.as_deref(), r.3.as_str()), (None, "/api/calls"));
        let r = request(&ok("GET https://graph.microsoft.com/v1.0"));
        assert_eq!((r.2.as_deref(), r.3.as_str()), (Some("v1.0"), "/"));
        // Spaces inside the query stay part of the URL.
        let r = request(&ok(
            "GET /users?$filter=startswith(displayName,'a b') HTTP/1.1",
        ));
        assert_eq!(r.1, "/users?$filter=startswith(displayName,'a b')");
        assert_eq!(
            r.4.as_deref(),
            Some("$filter=startswith(displayName,'a b')")
        );
    }

    #[test]
    fn status_lines_and_bodies() {
        let m = ok("HTTP/1.1 204 No Content");
        assert_eq!(status(&m), (204, "No Content".into()));
        assert!(m.body.is_none() && m.headers.is_empty());
        let text = "\n\nHTTP 200 OK\nContent-Type: text/plain\n\nhello … world\n\n";
        let m = ok(text);
        assert_eq!(status(&m), (200, "OK".into()));
        let MessageStart::Response { status: s, .. } = &m.start else {
            panic!("response expected")
        };
        assert_eq!(
            (&text[s.span.range()], s.span.line, s.span.column),
            ("200", 3, 6)
        );
        let body = m.body.as_ref();
        assert_eq!(body.map(|b| b.raw.as_str()), Some("hello … world"));
        assert!(body.is_some_and(|b| b.json.is_none() && b.json_error.is_none()));
        let m = ok("HTTP/1.1 422");
        assert_eq!(status(&m), (422, String::new()));
    }

    #[test]
    fn body_without_blank_line_and_stray_lines() {
        let m = ok("PATCH /me\nContent-Type: application/json\n{\"a\": 1}");
        assert_eq!(m.headers.len(), 1);
        assert!(m.body.as_ref().is_some_and(|b| b.json.is_some()));
        // A line that is neither header nor blank starts the body.
        let m = ok("POST /me/x\nContent-Type: text/plain\nQ29udGVudC1U\nmore\n");
        assert_eq!(m.body.map(|b| b.raw), Some("Q29udGVudC1U\nmore".into()));
        let m = ok("POST /x\nhttps://example.com/a");
        assert!(m.headers.is_empty());
        assert_eq!(m.body.map(|b| b.raw), Some("https://example.com/a".into()));
    }

    #[test]
    fn json_errors_elisions_and_placeholders() {
        let text = "HTTP/1.1 200 OK\n\n{\n  \"value\": [ ... ],\n  \"a\": }\n";
        let m = ok(text);
        let body = m.body.as_ref();
        assert!(body.is_some_and(|b| b.json.is_none()));
        let err = body.and_then(|b| b.json_error.as_ref());
        assert_eq!(
            err.map(|e| (e.span.line, e.span.column, &text[e.span.range()])),
            Some((5, 8, "}"))
        );

        let m = ok("HTTP/1.1 200 OK\n\n{\n  \"value\": [ ... ]\n}");
        let body = m.body.as_ref();
        assert!(body.is_some_and(|b| b.elided && b.json_error.is_none()));
        let value = body
            .and_then(|b| b.json.as_ref())
            .and_then(|j| j.get("value"));
        assert!(matches!(
            value.map(|v| &v.value),
            Some(JsonValue::Array {
                truncated: true,
                ..
            })
        ));

        let m = ok(
            "POST /x\nContent-type: application/zip\n\n[Zip file containing a Teams app package]",
        );
        assert!(m
            .body
            .is_some_and(|b| b.json.is_none() && b.json_error.is_none()));
        let m = ok("POST /x\n\n[Zip file]");
        assert!(m.body.is_some_and(|b| b.json_error.is_none()));
        let m = ok("HTTP/1.1 200 OK\n\n{Raw bytes of the file}");
        assert!(m
            .body
            .is_some_and(|b| b.json.is_none() && b.json_error.is_none()));
        let m = ok("POST /x\nContent-type: text/plain\n\n{not: json}");
        assert!(m.body.is_some_and(|b| b.json_error.is_none()));
        let m = ok("POST /x\n\n{not: json}");
        assert!(m.body.is_some_and(|b| b.json_error.is_some()));
        let m = ok("POST /x\n\n[{\"a\": 1}]\n\n[Zip]");
        assert!(m.body.is_some_and(|b| b.json_error.is_some()));

        let deep = format!("POST /x\n\n{}", "[".repeat(10_000));
        let m = ok(&deep);
        let err = m.body.and_then(|b| b.json_error).map(|e| e.value);
        assert!(err.is_some_and(|e| e.contains("deeper")));
    }

    #[test]
    fn crlf_text() {
        let text = "POST https://graph.microsoft.com/v1.0/me/events\r\nContent-Type: application/json\r\n\r\n{\r\n  \"subject\": \"x\"\r\n}\r\n";
        let m = ok(text);
        assert_eq!(request(&m).3, "/me/events");
        assert_eq!(m.headers[0].value.value, "application/json");
        let b = m.body.as_ref();
        assert_eq!(
            b.map(|b| b.raw.as_str()),
            Some("{\r\n  \"subject\": \"x\"\r\n}")
        );
        let subject = b
            .and_then(|b| b.json.as_ref())
            .and_then(|j| j.get("subject"));
        assert_eq!(
            subject.map(|s| (s.span.line, &text[s.span.range()])),
            Some((5, "\"x\""))
        );

        let syntax_text = "GET /me\r\nGET /users/{id | userPrincipalName}\r\n";
        let (ops, problems) = syntax(syntax_text);
        assert!(problems.is_empty());
        let t = &ops[1].path.template;
        assert_eq!(t.value, "/users/{id | userPrincipalName}");
        assert_eq!(
            (&syntax_text[t.span.range()], t.span.line),
            (t.value.as_str(), 2)
        );
    }

    #[test]
    fn not_a_message() {
        let text = "\nPrefer: outlook.timezone=\"Eastern Standard Time\"\nGET /me";
        let p = message(text).err();
        assert!(p.as_ref().is_some_and(|p| p.kind == ProblemKind::HttpBlock));
        assert_eq!(
            p.map(|p| (p.span.line, &text[p.span.range()])),
            Some((2, text.lines().nth(1).unwrap_or_default()))
        );
        assert!(message("").is_err());
        assert!(message(" \n \n").is_err());
        assert!(message("400 Bad Request").is_err());
    }

    #[test]
    fn syntax_lines_become_operations() {
        let text = "GET /me/profile/skills\n\
                    POST /users/{id | userPrincipalName}/profile/skills HTTP/1.1\n\
                    \n\
                    # comment\n\
                    Content-Type: application/json\n\
                    GET /users?$filter=identities/any(c:c/issuer eq '{tenant}')\n\
                    Delete the item as described.\n\
                    GET /drives/{drive-id}/items/{item-id}/content?format={format}\n";
        let (ops, problems) = syntax(text);
        assert!(problems.is_empty());
        let templates: Vec<_> = ops.iter().map(|o| o.path.template.value.as_str()).collect();
        assert_eq!(
            templates,
            [
                "/me/profile/skills",
                "/users/{id | userPrincipalName}/profile/skills",
                "/users?$filter=identities/any(c:c/issuer eq '{tenant}')",
                "/drives/{drive-id}/items/{item-id}/content?format={format}",
            ]
        );
        for op in &ops {
            assert_eq!(&text[op.path.template.span.range()], op.path.template.value);
            assert_eq!(&text[op.method.span.range()], op.method.value);
        }
        let p = &ops[1].path.params;
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].alternatives, ["id", "userPrincipalName"]);
        assert_eq!(&text[p[0].span.range()], "{id | userPrincipalName}");
        assert_eq!((p[0].span.line, p[0].span.column), (2, 13));
        let alts: Vec<_> = ops[3]
            .path
            .params
            .iter()
            .map(|p| p.alternatives.join("|"))
            .collect();
        assert_eq!(alts, ["drive-id", "item-id", "format"]);
    }

    #[test]
    fn syntax_problems() {
        let (ops, problems) =
            syntax("GET\nPATCH   \nGET HTTP/1.1\nGet the user\nPOST /ok\nDELETE the thing");
        assert_eq!(ops.len(), 1);
        let lines: Vec<_> = problems.iter().map(|p| (p.kind, p.span.line)).collect();
        assert_eq!(
            lines,
            [
                (ProblemKind::HttpBlock, 1),
                (ProblemKind::HttpBlock, 2),
                (ProblemKind::HttpBlock, 3),
                (ProblemKind::HttpBlock, 6)
            ]
        );
    }

    #[test]
    fn non_ascii_lines() {
        let text = "GET /drives/{drive-id}/root:/Données/café résumé.txt:/content\n";
        let (ops, _) = syntax(text);
        let t = &ops[0].path.template;
        assert_eq!(
            &text[t.span.range()],
            "/drives/{drive-id}/root:/Données/café résumé.txt:/content"
        );
        let m = ok("GET /drives/{drive-id}/root:/Données/café.txt:/content\n\nrésumé");
        assert_eq!(
            request(&m).3,
            "/drives/{drive-id}/root:/Données/café.txt:/content"
        );
        let status_text = "HTTP/1.1 200 ÖK\n\n{\"ü\": \"é\"}";
        let m = ok(status_text);
        assert_eq!(status(&m).1, "ÖK");
        let v = m
            .body
            .and_then(|b| b.json)
            .and_then(|j| j.get("ü").map(|v| (v.span.column, v.span.line)));
        assert_eq!(v, Some((7, 3)));
    }

    #[test]
    fn spans_follow_the_offset_map() {
        // A block indented by two spaces at source offset 100.
        let source = format!("{}  GET /me\n\n  {{\"a\": 1}}\n", " ".repeat(100));
        let derived = "GET /me\n\n{\"a\": 1}\n";
        let mut map = OffsetMap::default();
        map.push(0, 102);
        map.push(8, 110);
        map.push(9, 113);
        let src = SourceText::new("t.md".into(), &source);
        let m = parse_message(derived, &map, &src);
        let a = m
            .as_ref()
            .ok()
            .and_then(|m| m.body.as_ref())
            .and_then(|b| b.json.as_ref());
        let a = a.and_then(|j| j.get("a")).map(|a| &source[a.span.range()]);
        assert_eq!(a, Some("1"));
        let body = m
            .ok()
            .and_then(|m| m.body)
            .map(|b| source[b.span.range()].to_string());
        assert_eq!(body.as_deref(), Some("{\"a\": 1}"));
    }

    #[test]
    fn seed_blocks() {
        let request_block = "POST https://graph.microsoft.com/beta/me/profile/skills\nContent-type: application/json\n\n{\n  \"categories\": [\n    \"Professional\"\n  ],\n  \"allowedAudiences\": \"organization\",\n  \"displayName\": \"API Design\",\n  \"proficiency\": \"generalProfessional\",\n  \"collaborationTags\": [\n    \"ableToMentor\"\n  ]\n}\n";
        let m = ok(request_block);
        assert_eq!(request(&m).2.as_deref(), Some("beta"));
        assert_eq!(request(&m).3, "/me/profile/skills");
        let json = m.body.and_then(|b| b.json);
        assert_eq!(
            json.and_then(|j| j
                .get("proficiency")
                .and_then(|p| p.as_str().map(str::to_string))),
            Some("generalProfessional".into())
        );

        let response_block = "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{\n  \"id\": \"0fb4c1e3-c1e3-0fb4-e3c1-b40fe3c1b40f\",\n  \"createdBy\": {\n    \"application\": null,\n    \"user\": {\n      \"displayName\": \"Innocenty Popov\"\n    }\n  }\n}";
        let m = ok(response_block);
        assert_eq!(status(&m), (201, "Created".into()));
        assert!(m.body.is_some_and(|b| b.json.is_some() && !b.elided));

        let (ops, problems) = syntax(
            "POST /me/profile/skills\nPOST /users/{id | userPrincipalName}/profile/skills\n",
        );
        assert!(problems.is_empty());
        assert_eq!(ops.len(), 2);
        assert_eq!(
            ops[1].path.params[0].alternatives,
            ["id", "userPrincipalName"]
        );
    }

    #[test]
    fn garbage_never_panics() {
        let samples = [
            "",
            "\n",
            "\r",
            "\r\n\r\n",
            "GET",
            "GET ",
            "GET /",
            "GET {",
            "GET }{",
            "HTTP",
            "HTTP/",
            "HTTP/1.1",
            "HTTP/1.1 ",
            "HTTP/1.1 99",
            "HTTP/1.1 999999",
            "HTTP/1.1 200\n:",
            "GET /x\n:\n",
            "GET /x\n: v\n\n[",
            "GET /x\n\n[",
            "GET /x\n\n{",
            "GET /x\n\n[…",
            "GET https://",
            "GET https:///",
            "GET ://x/y",
            "GET /x?",
            "GET ?",
            "GET /é?ü",
            "\u{0}",
            "GET /x\n\n\u{feff}{}",
            "GET /a{b|}|c}",
            "GET /{|}",
            "GET /{ }",
            "POST /x\n\n[ ]",
            "GET /x\n\n]",
            "GET /x\n\n[a]x",
        ];
        for s in samples {
            let _ = message(s);
            let _ = syntax(s);
            let _ = is_request_line(s);
            let _ = is_status_line(s);
        }
        let long = "POST https://graph.microsoft.com/v1.0/x\nA: b\n\n{\"é\": [1, ...], \"b\": …}\n";
        for (i, _) in long.char_indices() {
            let _ = message(&long[..i]);
            let _ = message(&long[i..]);
            let _ = syntax(&long[i..]);
        }
    }
}
