//! Doc comments from documentation prose.
//!
//! Descriptions are plain text from table cells. They become rustdoc
//! markdown, so the text is cleaned for that: sentences that carry a TODO
//! placeholder are dropped (the docs validator reports them; they must not
//! be copied into an API), markdown that rustdoc would misread is escaped,
//! URLs become autolinks, and long text is wrapped.
use proc_macro2::TokenStream;
use quote::quote;
use std::borrow::Cow;

/// Wrap doc text at this many characters (the `/// ` prefix and the item's
/// indentation come on top).
const WRAP: usize = 80;

/// The description without sentences that contain `TODO`, whitespace
/// collapsed. Empty when nothing is left.
pub fn without_todo(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    sentences(&collapsed)
        .into_iter()
        .filter(|s| !s.contains("TODO"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits after `.`, `!` or `?` followed by a space.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        let ends = matches!(bytes[i], b'.' | b'!' | b'?') && bytes.get(i + 1) == Some(&b' ');
        if ends {
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Escapes one word for rustdoc markdown: brackets would be read as
/// intra-doc links and angle brackets as HTML; a URL (also inside quotes
/// or parentheses) becomes an autolink. Most words need nothing, and are
/// returned as they are without searching them twice.
fn escape_word(word: &str) -> Cow<'_, str> {
    let bracket = word.bytes().any(|b| matches!(b, b'[' | b']' | b'<' | b'>'));
    let url = word.as_bytes().windows(7).any(|w| w.starts_with(b"http"));
    if !bracket && !url {
        return Cow::Borrowed(word);
    }
    let start = word.find("https://").or_else(|| word.find("http://"));
    if let Some(start) = start {
        let rest = &word[start..];
        let url = rest.trim_end_matches(['.', ',', ';', ':', ')', '"', '\'', ']']);
        if !url.contains(['<', '>']) {
            let tail = &rest[url.len()..];
            return Cow::Owned(format!(
                "{}<{url}>{}",
                escape_text(&word[..start]),
                escape_text(tail)
            ));
        }
    }
    Cow::Owned(escape_text(word))
}

fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a line start that markdown would read as a block marker (list
/// item, heading, quote, code fence, setext underline).
fn escape_line_start(line: String) -> String {
    let list_marker = ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m))
        || matches!(line.as_str(), "-" | "*" | "+");
    let block = line.starts_with(['#', '>'])
        || line.starts_with("```")
        || line.starts_with("~~~")
        || line.chars().all(|c| c == '=' || c == '-');
    if list_marker || block {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    let ordered = rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")";
    if digits > 0 && ordered {
        return format!("{}\\{}", &line[..digits], rest);
    }
    line
}

/// Splits a paragraph into escaped lines of at most [`WRAP`] characters
/// (a longer word gets a line of its own).
pub fn wrap(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::with_capacity(WRAP);
    // ASCII text splits the same at ASCII whitespace (save the vertical tab,
    // which `split_whitespace` also splits at), without decoding chars.
    let words: Box<dyn Iterator<Item = &str>> = if text.is_ascii() && !text.contains('\x0b') {
        Box::new(text.split_ascii_whitespace())
    } else {
        Box::new(text.split_whitespace())
    };
    for word in words {
        let word = escape_word(word);
        if !line.is_empty() && line.len() + 1 + word.len() > WRAP {
            let full = std::mem::replace(&mut line, String::with_capacity(WRAP));
            lines.push(escape_line_start(full));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(escape_line_start(line));
    }
    lines
}

/// Doc lines from paragraphs: each paragraph wrapped, a blank line between
/// paragraphs, empty paragraphs skipped.
pub fn paragraphs<S: AsRef<str>>(paragraphs: &[S]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in paragraphs {
        let lines = wrap(p.as_ref());
        if lines.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(lines);
    }
    out
}

/// `#[doc = " line"]` attributes (printed as `/// line`).
pub fn attrs(lines: &[String]) -> TokenStream {
    let docs = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#docs)*)
}

/// `#![doc = " line"]` attributes (printed as `//! line`).
pub fn inner_attrs(lines: &[String]) -> TokenStream {
    let docs = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #text])
    });
    quote!(#(#docs)*)
}

/// `code` in backticks, with backticks inside it removed (documented names
/// never contain them; this keeps a stray one from breaking the span).
pub fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('`');
    out.extend(text.split('`'));
    out.push('`');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn todo_sentences_are_dropped() {
        let text = "TODO: Add Description Inherited from itemFacet. The possible values are: `me`. Optional.";
        assert_eq!(
            without_todo(text),
            "The possible values are: `me`. Optional."
        );
        assert_eq!(without_todo("**TODO: Provide a description**"), "");
        assert_eq!(without_todo("  Plain   text.  "), "Plain text.");
    }

    #[test]
    fn markdown_is_escaped_and_urls_are_autolinks() {
        assert_eq!(
            wrap("See [x] <br> at https://example.com/a."),
            ["See \\[x\\] \\<br\\> at <https://example.com/a>."]
        );
        assert_eq!(
            wrap("(https://a.example/b) \"http://c.example\"."),
            ["(<https://a.example/b>) \"<http://c.example>\"."]
        );
        assert_eq!(wrap("- not a list"), ["\\- not a list"]);
        assert_eq!(wrap("1. not a list"), ["1\\. not a list"]);
    }

    #[test]
    fn long_text_wraps_and_paragraphs_are_separated() {
        let long = "word ".repeat(40);
        let lines = wrap(&long);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.len() <= WRAP));
        assert_eq!(paragraphs(&["a", "", "b"]), ["a", "", "b"]);
    }
}
