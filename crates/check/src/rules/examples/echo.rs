//! request-response-mismatch: a create example's response should echo what
//! its request sent.
use super::super::values::kind_name;
use crate::{Code, Diagnostic};
use graphdoc_model::{Example, HttpMessage, JsonNode, JsonValue, MessageStart};

/// A create example's response should echo what the request sent.
pub(super) fn echo_check(example: &Example, out: &mut Vec<Diagnostic>) {
    let (Some(req), Some(resp)) = (&example.request, &example.response) else {
        return;
    };
    let MessageStart::Request { method, .. } = &req.start else {
        return;
    };
    let MessageStart::Response { status, .. } = &resp.start else {
        return;
    };
    if !method.value.eq_ignore_ascii_case("POST") || status.value != 201 {
        return;
    }
    fn body(m: &HttpMessage) -> Option<&JsonNode> {
        m.body.as_ref().and_then(|b| b.json.as_ref())
    }
    if let (Some(sent), Some(echoed)) = (body(req), body(resp)) {
        echo(sent, echoed, "", out);
    }
}

fn echo(sent: &JsonNode, echoed: &JsonNode, path: &str, out: &mut Vec<Diagnostic>) {
    let JsonValue::Object { members, .. } = &sent.value else {
        return;
    };
    // Planner computes order hints from the hint sent ("the service returns
    // a new hint"): they never echo.
    let compared = members
        .iter()
        .filter(|m| !m.key.value.contains('@') && !m.key.value.ends_with("orderHint"));
    for m in compared {
        let Some(back) = echoed.get(&m.key.value) else {
            continue;
        };
        let key = if path.is_empty() {
            m.key.value.clone()
        } else {
            format!("{path}.{}", m.key.value)
        };
        match (&m.value.value, &back.value) {
            (JsonValue::Object { .. }, JsonValue::Object { .. }) => echo(&m.value, back, &key, out),
            (
                JsonValue::String(_) | JsonValue::Number(_) | JsonValue::Bool(_),
                JsonValue::String(_) | JsonValue::Number(_) | JsonValue::Bool(_),
            ) if !echoes(&m.value.value, &back.value) => {
                out.push(
                    Diagnostic::new(Code::RequestResponseMismatch, back.span.clone(), {
                        let (sent, echoed) = show_pair(&m.value.value, &back.value);
                        format!(
                            "the request sent {sent} for `{key}` but the response echoes {echoed}"
                        )
                    })
                    .with_label("differs from the request")
                    .with_note(format!(
                        "the request value is at line {}",
                        m.value.span.line
                    )),
                );
            }
            _ => {}
        }
    }
}

/// Whether a response value echoes a request value. Services normalise what
/// they store: letter case of enum-like strings (`Low` -> `low`), the form or
/// time zone of date-times (`12:00:00` -> `12:00:00.0000000`), the markup of
/// HTML (whitespace, relative links made absolute), and they decorate values
/// (`Partner` -> `B2X_1_Partner`, text wrapped in HTML, `$count=true` added
/// to a query) or mask secrets (`******`), so those are not findings.
fn echoes(sent: &JsonValue, back: &JsonValue) -> bool {
    match (sent, back) {
        (JsonValue::String(a), JsonValue::String(b)) => {
            // Secrets come back masked or empty.
            b.is_empty()
                || b.chars().all(|c| c == '*')
                || a.eq_ignore_ascii_case(b)
                || (looks_like_date(a) && looks_like_date(b))
                || (!a.trim().is_empty()
                    && b.to_ascii_lowercase()
                        .contains(&a.trim().to_ascii_lowercase()))
                || ((is_html(a) || is_html(b))
                    && visible_text(b)
                        .to_lowercase()
                        .contains(&visible_text(a).to_lowercase()))
                || extends_query(a, b)
        }
        (a, b) => a == b || same_scalar(a, b),
    }
}

/// Whether two scalars of different JSON types hold one value: `"false"`
/// and `false`, `"12"` and `12`, `1.0` and `1`. A string sent for a Boolean
/// is example-type-mismatch's finding at the request; the echo compares
/// values only.
fn same_scalar(a: &JsonValue, b: &JsonValue) -> bool {
    match (a, b) {
        (JsonValue::String(s), JsonValue::Bool(v)) | (JsonValue::Bool(v), JsonValue::String(s)) => {
            s.trim()
                .eq_ignore_ascii_case(if *v { "true" } else { "false" })
        }
        (JsonValue::String(s), JsonValue::Number(n))
        | (JsonValue::Number(n), JsonValue::String(s)) => same_number(s.trim(), n),
        (JsonValue::Number(a), JsonValue::Number(b)) => same_number(a, b),
        _ => false,
    }
}

/// Numbers compared by value: integers exactly (ids exceed what a double
/// holds), others as doubles.
fn same_number(a: &str, b: &str) -> bool {
    if let (Ok(x), Ok(y)) = (a.parse::<i128>(), b.parse::<i128>()) {
        return x == y;
    }
    matches!((a.parse::<f64>(), b.parse::<f64>()), (Ok(x), Ok(y)) if x == y)
}

/// Whether a string is HTML markup rather than text that mentions a `<`.
fn is_html(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with('<') && s.contains('>')
}

/// What a reader of HTML sees: the text outside tags, whitespace runs as one
/// space. Plain text comes out as itself, its whitespace normalised.
fn visible_text(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `back` is the query `sent` with parameters the service added:
/// the same path, and every `&`-separated parameter of `sent` among those
/// of `back`.
fn extends_query(sent: &str, back: &str) -> bool {
    let (Some((path, query)), Some((back_path, back_query))) =
        (sent.split_once('?'), back.split_once('?'))
    else {
        return false;
    };
    let back_params: Vec<&str> = back_query.split('&').collect();
    path == back_path && query.split('&').all(|p| back_params.contains(&p))
}

fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

/// How many characters of a long string a message shows.
const SHOWN: usize = 60;

fn show(v: &JsonValue) -> String {
    show_from(v, 0)
}

/// Two values for a message; two long strings are shown from a little
/// before where they first differ, so the difference is never cut off.
fn show_pair(a: &JsonValue, b: &JsonValue) -> (String, String) {
    let (Some(x), Some(y)) = (one_line(a), one_line(b)) else {
        return (show(a), show(b));
    };
    let same = x.chars().zip(y.chars()).take_while(|(p, q)| p == q).count();
    let from = if same + 10 > SHOWN { same - 20 } else { 0 };
    (show_from(a, from), show_from(b, from))
}

/// A string value on one line; of HTML, the text a reader sees, since the
/// head says nothing.
fn one_line(v: &JsonValue) -> Option<String> {
    let JsonValue::String(s) = v else { return None };
    let shown = if is_html(s) {
        visible_text(s)
    } else {
        s.clone()
    };
    Some(
        shown
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect(),
    )
}

/// A value for a message, a string from its character `from` on.
fn show_from(v: &JsonValue, from: usize) -> String {
    match v {
        JsonValue::String(_) => {
            let text = one_line(v).unwrap_or_default();
            let before = if from > 0 { "..." } else { "" };
            let short: String = text.chars().skip(from).take(SHOWN).collect();
            let after = if text.chars().count() > from + SHOWN {
                "..."
            } else {
                ""
            };
            format!("`\"{before}{short}{after}\"`")
        }
        JsonValue::Number(n) => format!("`{n}`"),
        JsonValue::Bool(b) => format!("`{b}`"),
        other => kind_name(other).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> JsonValue {
        JsonValue::String(text.into())
    }

    /// An API page with one create example: request and response bodies.
    fn create_page(sent: &str, back: &str) -> String {
        format!(
            "# Create thing\n\n## Example\n\n### Request\n\n<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n\
             ```http\nPOST https://graph.microsoft.com/v1.0/things\nContent-type: application/json\n\n{sent}\n```\n\n\
             ### Response\n\n<!-- {{ \"blockType\": \"response\" }} -->\n```http\nHTTP/1.1 201 Created\n\
             Content-type: application/json\n\n{back}\n```\n"
        )
    }

    /// The text at each request-response-mismatch of a page.
    fn echo_findings(text: &str) -> Vec<String> {
        let page = graphdoc_parser::parse_str("api/x.md", text);
        let mut out = Vec::new();
        for example in &page.examples {
            echo_check(example, &mut out);
        }
        out.iter()
            .map(|d| page.source.get(d.span.range()).unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn html_echoes_compare_the_text_a_reader_sees() {
        // Markup rewritten, links made absolute, no text either side.
        assert!(echoes(
            &s("<div>\n<span><img src=\"../a/1\"></span>\n</div>"),
            &s("<div><span><img src=\"https://x/a/1\"></span></div>")
        ));
        // Plain text wrapped in a document.
        assert!(echoes(
            &s("Does noon work?"),
            &s("<html><head><meta charset=\"utf-8\"></head><body>\r\nDoes  noon work?\r\n</body></html>")
        ));
        assert!(!echoes(
            &s("Does noon work?"),
            &s("<html><body>Does late morning work?</body></html>")
        ));
    }

    #[test]
    fn a_query_may_gain_parameters_but_not_change_them() {
        assert!(echoes(
            &s("./members/?$filter=(a eq 'b')"),
            &s("./members/?$count=true&$filter=(a eq 'b')")
        ));
        assert!(!echoes(
            &s("./members/?$filter=(a eq 'b')"),
            &s("./members/?$filter=(a eq 'c')&$count=true")
        ));
        assert!(!echoes(&s("/groups/1?$top=1"), &s("/groups/2?$top=1")));
    }

    #[test]
    fn scalars_compare_by_value_across_json_types() {
        let (f, t) = (JsonValue::Bool(false), JsonValue::Bool(true));
        let n = |x: &str| JsonValue::Number(x.into());
        assert!(echoes(&s("false"), &f));
        assert!(echoes(&s(" True"), &t));
        assert!(!echoes(&s("false"), &t));
        assert!(echoes(&s("12"), &n("12")));
        assert!(echoes(&n("12"), &s("12")));
        assert!(echoes(&n("1.0"), &n("1")));
        assert!(!echoes(&s("12"), &n("13")));
        assert!(!echoes(&s("yes"), &t));
        // Past what a double holds, integers still differ.
        assert!(!echoes(
            &n("12345678901234567890"),
            &s("12345678901234567891")
        ));
    }

    #[test]
    fn a_string_sent_for_a_boolean_is_not_an_echo_finding() {
        let page = create_page(
            "{\n  \"flag\": \"false\",\n  \"n\": \"12\"\n}",
            "{\n  \"flag\": false,\n  \"n\": 12\n}",
        );
        assert!(echo_findings(&page).is_empty());
        let page = create_page("{\n  \"flag\": \"false\"\n}", "{\n  \"flag\": true\n}");
        assert_eq!(echo_findings(&page), vec!["true".to_string()]);
    }

    #[test]
    fn long_values_are_shown_where_they_differ() {
        let head = "displayName eq 'Access reviews of the members of the group and ";
        let (sent, echoed) = show_pair(
            &s(&format!("{head}Team')')")),
            &s(&format!("{head}Team')&$count=true")),
        );
        assert_eq!(sent, "`\"...the group and Team')')\"`");
        assert_eq!(echoed, "`\"...the group and Team')&$count=true\"`");
        // Short or early differences are shown from the start.
        assert_eq!(
            show_pair(&s("a"), &s("b")),
            ("`\"a\"`".to_string(), "`\"b\"`".to_string())
        );
    }

    #[test]
    fn html_is_shown_as_its_text() {
        assert_eq!(
            show(&s(
                "<html>\r\n<head><meta x=\"y\"></head><body>Late morning?</body></html>"
            )),
            "`\"Late morning?\"`"
        );
    }
}
