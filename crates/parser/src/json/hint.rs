//! Plainer reasons for the JSON mistakes writers make most, in place of the
//! parser's own ("Unexpected token", "Expected comma"): typographic quotes,
//! string values without quotes, keys without quotes. Each points at where
//! the mistake starts, which is often before where the parser stopped.

use super::JsonError;

/// `err` (from parsing `text`) told in the writer's terms, when one of the
/// known mistakes explains it; otherwise `err` as it is.
pub(super) fn explain(text: &str, err: JsonError) -> JsonError {
    if err.too_deep {
        return err;
    }
    curly_quote(text)
        .or_else(|| unquoted_key(text, err.offset))
        .or_else(|| unquoted_value(text, err.offset))
        .unwrap_or(err)
}

/// The first `“` or `”` that stands where JSON's `"` would: outside any
/// string closed on its line, and after `:`, `[`, `{` or `,`, or before one
/// of `:`, `,`, `]`, `}` or the line's end. Curly quotes in a string's
/// words ("the “default”, or not") are text.
fn curly_quote(text: &str) -> Option<JsonError> {
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let closed = closed_strings(line);
        let found = line
            .char_indices()
            .filter(|&(_, c)| c == '“' || c == '”')
            .filter(|&(at, _)| !closed.iter().any(|r| r.contains(&at)))
            .find(|&(at, c)| {
                let before = line[..at].trim_end_matches([' ', '\t']).chars().next_back();
                let after = line[at + c.len_utf8()..]
                    .trim_start_matches([' ', '\t'])
                    .chars()
                    .next();
                matches!(before, None | Some(':' | '[' | '{' | ','))
                    || matches!(after, None | Some(':' | ',' | ']' | '}' | '\n' | '\r'))
            });
        if let Some((at, c)) = found {
            return Some(JsonError::new(
                format!("typographic quote `{c}` where JSON needs a straight `\"`"),
                line_start + at,
            ));
        }
        line_start += line.len();
    }
    None
}

/// The byte ranges of `line` inside strings that close on it.
fn closed_strings(line: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut open = None;
    let mut escaped = false;
    for (at, b) in line.bytes().enumerate() {
        match (open, b) {
            (Some(_), _) if escaped => escaped = false,
            (Some(_), b'\\') => escaped = true,
            (Some(start), b'"') => {
                ranges.push(start..at);
                open = None;
            }
            (None, b'"') => open = Some(at),
            _ => {}
        }
    }
    ranges
}

/// `isCollection: true`: the parser stops at a bare word followed by `:`,
/// where a member starts (after `{` or `,`).
fn unquoted_key(text: &str, offset: usize) -> Option<JsonError> {
    let before = text.get(..offset)?.trim_end().chars().next_back();
    if !matches!(before, Some('{' | ',')) {
        return None;
    }
    let rest = text.get(offset..)?;
    let word = bare_word(rest);
    let after = rest[word.len()..].trim_start_matches([' ', '\t']);
    (!word.is_empty() && after.starts_with(':'))
        .then(|| JsonError::new(format!("key `{word}` is not quoted"), offset))
}

/// `"deletedDateTime": 2018-04-01T12:39:16Z,`: the parser stops inside a
/// value that is neither quoted nor a number, `true`, `false` or `null`.
fn unquoted_value(text: &str, offset: usize) -> Option<JsonError> {
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let colon = line_start + text[line_start..offset].rfind(':')?;
    let value_start = colon + 1 + count_blanks(&text[colon + 1..]);
    let value = text[value_start..]
        .split([',', '}', ']', '\n', '\r'])
        .next()
        .unwrap_or("")
        .trim_end();
    let literal = matches!(value, "true" | "false" | "null") || value.parse::<f64>().is_ok();
    let quoted_or_nested = value.starts_with(['"', '\'', '{', '[']) || value.contains('"');
    if value.is_empty() || literal || quoted_or_nested || value_start > offset {
        return None;
    }
    Some(JsonError::new(
        format!("string value `{value}` is not quoted"),
        value_start,
    ))
}

/// The identifier at the start of `text` (letters, digits, `_`, `$`, `@`,
/// `.`), empty if it starts with anything else.
fn bare_word(text: &str) -> &str {
    let starts = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$' || c == '@');
    if !starts {
        return "";
    }
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '@' | '.')))
        .unwrap_or(text.len());
    &text[..end]
}

/// Spaces and tabs at the start of `text`, in bytes.
fn count_blanks(text: &str) -> usize {
    text.len() - text.trim_start_matches([' ', '\t']).len()
}

#[cfg(test)]
mod tests {
    use super::explain;
    use crate::json::JsonError;

    fn told(text: &str, stopped_at: usize) -> (String, usize) {
        let e = explain(text, JsonError::new("Unexpected token", stopped_at));
        (e.message, e.offset)
    }

    #[test]
    fn a_curly_quote_used_as_a_quote_is_named() {
        let text = "{\n  \"method\": \"GET”,\n  \"url\": “/x”\n}";
        let at = text.find('”').unwrap_or(0);
        assert_eq!(
            told(text, 30),
            (
                "typographic quote `”` where JSON needs a straight `\"`".to_string(),
                at
            )
        );
        // Inside a string's words it is text, and the parser's reason stands.
        let words = "{\"a\": \"the “default”, or not\" \"b\": 1}";
        assert_eq!(told(words, 30).0, "Unexpected token");
    }

    #[test]
    fn unquoted_keys_and_values_are_named_where_they_start() {
        assert_eq!(
            told("{\n  isCollection: true\n}", 4),
            ("key `isCollection` is not quoted".to_string(), 4)
        );
        let text = "{\"deletedDateTime\": 2018-04-01T12:39:16Z, \"b\": 1}";
        let start = text.find("2018").unwrap_or(0);
        assert_eq!(
            told(text, start + 4),
            (
                "string value `2018-04-01T12:39:16Z` is not quoted".to_string(),
                start
            )
        );
        // Headers after a body are not a key.
        assert_eq!(told("{}\nAuthorization: x", 3).0, "Unexpected token");
        // A number, a literal or a quoted value is not the mistake.
        assert_eq!(told("{\"a\": 12 \"b\": 1}", 9).0, "Unexpected token");
        assert_eq!(told("{\"a\": true \"b\": 1}", 11).0, "Unexpected token");
        assert_eq!(told("{\"a\": \"x\" \"b\": 1}", 10).0, "Unexpected token");
    }
}
