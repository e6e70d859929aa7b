//! content-length-mismatch: a Content-Length header against the body the
//! page shows, where the page shows the body's bytes.
use crate::{Code, Diagnostic};
use graphdoc_model::HttpMessage;

pub(super) fn content_length(msg: &HttpMessage, out: &mut Vec<Diagnostic>) {
    let Some(header) = msg
        .headers
        .iter()
        .find(|h| h.name.value.eq_ignore_ascii_case("content-length"))
    else {
        return;
    };
    let Ok(declared) = header.value.value.trim().parse::<usize>() else {
        return;
    };
    let Some(body) = &msg.body else { return };
    // A shortened body cannot match the length of the full one, and the
    // bytes of a zip or an image are not on the page: what stands there
    // describes them.
    if body.elided
        || msg.annotation.as_ref().is_some_and(|a| a.truncated)
        || !textual(msg)
        || (body.json.is_none() && stand_in(&body.raw))
    {
        return;
    }
    let lf = body.raw.len();
    if declared == lf || declared == lf + 1 {
        return;
    }
    // Counted as a sum of flags, which the compiler does many bytes at a time.
    let lines: usize = body.raw.bytes().map(|b| usize::from(b == b'\n')).sum();
    if declared != lf + lines && declared != lf + lines + 2 {
        out.push(
            Diagnostic::new(
                Code::ContentLengthMismatch,
                header.value.span.clone(),
                format!("Content-Length is {declared} but the body is {lf} bytes ({} with CRLF line endings)", lf + lines),
            )
            .with_label("does not match the body"),
        );
    }
}

/// Whether the message's Content-Type is text the page can show byte for
/// byte. Without the header the body is judged as written.
fn textual(msg: &HttpMessage) -> bool {
    msg.headers
        .iter()
        .find(|h| h.name.value.eq_ignore_ascii_case("content-type"))
        .is_none_or(|h| textual_media_type(&h.value.value))
}

/// `text/*`, JSON, XML, forms, and the text envelopes (`multipart/*`,
/// `message/*`); not `application/zip`, `application/octet-stream`,
/// `image/*`, `application/pdf` or a vendor type. A value that is no media
/// type at all is taken as text, as if the header were absent.
fn textual_media_type(value: &str) -> bool {
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let Some((kind, sub)) = essence.split_once('/') else {
        return true;
    };
    match kind {
        "text" | "multipart" | "message" => true,
        "application" => {
            matches!(
                sub,
                "json" | "xml" | "x-www-form-urlencoded" | "javascript" | "http"
            ) || sub.ends_with("+json")
                || sub.ends_with("+xml")
        }
        _ => false,
    }
}

/// A body that is one bracketed phrase standing in for content the page
/// does not show: `[Zip file containing a Teams app package]`,
/// `<final bytes of the file>`. Words and spaces only, so neither JSON nor
/// a markup tag (`<div class="x">`) is taken for one.
fn stand_in(raw: &str) -> bool {
    let text = raw.trim();
    let inner = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .or_else(|| text.strip_prefix('<').and_then(|t| t.strip_suffix('>')));
    inner.is_some_and(|inner| {
        inner.contains(' ')
            && inner.chars().any(char::is_alphabetic)
            && inner
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || "-.,'()/".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The content-length-mismatch findings of a request with these
    /// headers and body.
    fn findings(headers: &str, body: &str) -> usize {
        let text = format!(
            "# Do it\n\n## Example\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n\
             ```http\nPOST https://graph.microsoft.com/v1.0/things\n{headers}\n\n{body}\n```\n"
        );
        let page = graphdoc_parser::parse_str("api/x.md", &text);
        let mut out = Vec::new();
        for msg in page.examples.iter().filter_map(|e| e.request.as_ref()) {
            content_length(msg, &mut out);
        }
        out.len()
    }

    #[test]
    fn binary_media_types_are_not_judged() {
        let stand_in = "[Zip file containing a Teams app package]";
        for ct in [
            "application/zip",
            "application/octet-stream",
            "image/png",
            "application/pdf",
        ] {
            let headers = format!("Content-type: {ct}\nContent-length: 244");
            assert_eq!(findings(&headers, "PK binary"), 0, "{ct}");
            assert_eq!(findings(&headers, stand_in), 0, "{ct}");
        }
    }

    #[test]
    fn textual_bodies_are_still_judged() {
        for ct in [
            "application/json",
            "application/json; odata.metadata=minimal",
            "text/plain",
            "application/ld+json",
        ] {
            let headers = format!("Content-type: {ct}\nContent-length: 244");
            assert_eq!(findings(&headers, "{\"a\": 1}"), 1, "{ct}");
        }
        assert_eq!(findings("Content-length: 244", "plain words"), 1);
        assert_eq!(findings("Content-length: 8", "{\"a\": 1}"), 0);
    }

    #[test]
    fn a_bracketed_stand_in_is_not_judged() {
        let headers = "Content-length: 21";
        assert_eq!(findings(headers, "<final bytes of the file>"), 0);
        assert_eq!(findings(headers, "[Zip file containing a package]"), 0);
        // JSON and markup are bodies, not stand-ins.
        assert_eq!(findings(headers, "[\"a\", \"b c\", \"d e f g h i j\"]"), 1);
        assert_eq!(findings(headers, "<div class=\"a\">text and more</div>"), 1);
        assert!(!stand_in("<br>"));
        assert!(!stand_in("[1, 2]"));
    }
}
