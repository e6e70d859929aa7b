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
    let collapsed = collapse_whitespace(text);
    // Sentences split at `. ` and joined by one space give the collapsed
    // text back, so only a text with a TODO needs splitting.
    if !collapsed.contains("TODO") {
        return collapsed;
    }
    sentences(&collapsed)
        .into_iter()
        .filter(|s| !s.contains("TODO"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of `text` joined by single spaces. Text that is collapsed
/// already (most descriptions) is copied as it is.
fn collapse_whitespace(text: &str) -> String {
    if is_collapsed(text) {
        text.to_string()
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Whether `text` is ASCII with single spaces between words and none
/// around them (any other whitespace, or non-ASCII text that may hold
/// Unicode whitespace, is left to the general path).
fn is_collapsed(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Branch-free over every byte (the compiler checks many at once): any
    // whitespace but the space (`\t` to `\r`), or any non-ASCII byte.
    let other = |b: u8| (b.wrapping_sub(b'\t') <= b'\r' - b'\t') | (b >= 0x80);
    bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.iter().fold(false, |found, &b| found | other(b))
        && !text.contains("  ")
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
    let bytes = word.as_bytes();
    // One pass for both: a bracket, or `http` with room for `http://`.
    let special = bytes.iter().enumerate().any(|(i, &b)| {
        matches!(b, b'[' | b']' | b'<' | b'>')
            || b == b'h' && i + 7 <= bytes.len() && bytes[i..].starts_with(b"http")
    });
    if !special {
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

/// Where a line needs a `\` so that markdown does not read its start as
/// a block marker (list item, heading, quote, code fence, setext
/// underline): before the marker, or after the digits of an ordered list
/// item.
fn line_start_escape(line: &str) -> Option<usize> {
    // Every marker starts with punctuation or a digit; most lines start
    // with a letter.
    if line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let list_marker =
        ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) || matches!(line, "-" | "*" | "+");
    let block = line.starts_with(['#', '>'])
        || line.starts_with("```")
        || line.starts_with("~~~")
        || line.chars().all(|c| c == '=' || c == '-');
    if list_marker || block {
        return Some(0);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    let ordered = rest.starts_with(". ") || rest.starts_with(") ") || rest == "." || rest == ")";
    (digits > 0 && ordered).then_some(digits)
}

/// Calls `each` with the line, its start escaped where needed (a copy is
/// made only for the rare line that needs the `\`).
fn escaped_line(line: &str, each: &mut impl FnMut(&str)) {
    match line_start_escape(line) {
        None => each(line),
        Some(at) => {
            let mut out = String::with_capacity(line.len() + 1);
            out.push_str(&line[..at]);
            out.push('\\');
            out.push_str(&line[at..]);
            each(&out);
        }
    }
}

/// Splits a paragraph into escaped lines of at most [`WRAP`] characters
/// (a longer word gets a line of its own).
#[cfg(test)]
fn wrap(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    wrap_each(text, &mut |line: &str| lines.push(line.to_string()));
    lines
}

/// Calls `each` with the lines [`wrap`] gives, without collecting them.
fn wrap_each(text: &str, each: &mut impl FnMut(&str)) {
    if is_plain(text) {
        plain_lines(text, each);
    } else {
        word_lines(text, each);
    }
}

/// The lines of any paragraph, word by word.
fn word_lines(text: &str, each: &mut impl FnMut(&str)) {
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
            escaped_line(&line, each);
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        escaped_line(&line, each);
    }
}

/// Whether a paragraph is ASCII words one space apart, none of which needs
/// escaping (no bracket, no URL): most descriptions are, and their lines
/// are spans of the text.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !bytes.iter().fold(false, |bad, &b| bad | !is_plain_byte(b))
        && !text.contains("  ")
        && !text.contains("http")
}

/// Whether a plain paragraph may hold the byte: printable ASCII and the
/// space, but no bracket. Branch-free, and folded over the whole text
/// without stopping early, so the compiler checks many bytes at once.
fn is_plain_byte(b: u8) -> bool {
    let printable = b.wrapping_sub(b' ') <= b'~' - b' ';
    // `<` and `>` differ in one bit only.
    let angle = b | 2 == b'>';
    printable & !angle & (b != b'[') & (b != b']')
}

/// The lines of a plain paragraph (see [`is_plain`]): each line the most
/// words that fit, or one longer word.
fn plain_lines(text: &str, each: &mut impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let rest = &bytes[start..];
        let end = if rest.len() <= WRAP || rest[WRAP] == b' ' {
            rest.len().min(WRAP)
        } else {
            rest[..WRAP]
                .iter()
                .rposition(|&b| b == b' ')
                .or_else(|| rest.iter().position(|&b| b == b' '))
                .unwrap_or(rest.len())
        };
        escaped_line(&text[start..start + end], each);
        start += end + 1;
    }
}

/// Doc lines from paragraphs: each paragraph wrapped, a blank line between
/// paragraphs, empty paragraphs skipped.
pub fn paragraphs<S: AsRef<str>>(paragraphs: &[S]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    each_line(paragraphs, |line| out.push(line.to_string()));
    out
}

/// Calls `each` with the doc lines of [`paragraphs`], without collecting
/// them (the text writers copy each line straight into the file).
pub fn each_line<S: AsRef<str>>(paragraphs: &[S], mut each: impl FnMut(&str)) {
    let mut any = false;
    for p in paragraphs {
        // The blank line goes before the first line of a paragraph that
        // has one, so an empty paragraph leaves no trace.
        let mut first = true;
        wrap_each(p.as_ref(), &mut |line: &str| {
            if first {
                if any {
                    each("");
                }
                first = false;
                any = true;
            }
            each(line);
        });
    }
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
    code_of(&[text])
}

/// [`code`] of the parts written one after another, without joining them
/// first.
pub fn code_of(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum::<usize>() + 2);
    push_code(&mut out, parts);
    out
}

/// Appends [`code`] of the parts written one after another.
pub fn push_code(out: &mut String, parts: &[&str]) {
    out.push('`');
    for part in parts {
        if part.contains('`') {
            out.extend(part.split('`'));
        } else {
            out.push_str(part);
        }
    }
    out.push('`');
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
        // Text is taken as it is exactly when collapsing would not change it.
        for text in [
            "", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\x0bb", "a\nb", "é", "a\u{a0}b",
        ] {
            let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(text), collapsed, "{text:?}");
            if is_collapsed(text) {
                assert_eq!(text, collapsed, "{text:?}");
            }
        }
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

    /// Plain paragraphs split as span lines exactly as word by word.
    #[test]
    fn plain_lines_match_word_lines() {
        let words = [
            "a",
            "to",
            "the",
            "word",
            "-",
            "1.",
            "several",
            &"x".repeat(79),
        ];
        let long = "y".repeat(81);
        for seed in 0..400usize {
            let mut text = String::new();
            for i in 0..(seed % 37 + 1) {
                if i > 0 {
                    text.push(' ');
                }
                let pick = (seed * 7 + i * 13 + i * i) % (words.len() + 1);
                text.push_str(words.get(pick).copied().unwrap_or(&long));
            }
            assert!(is_plain(&text), "{text}");
            let (mut plain, mut words) = (Vec::new(), Vec::new());
            plain_lines(&text, &mut |l: &str| plain.push(l.to_string()));
            word_lines(&text, &mut |l: &str| words.push(l.to_string()));
            assert_eq!(plain, words, "{text}");
        }
        assert!(!is_plain(" a") && !is_plain("a  b") && !is_plain("a\tb"));
        for b in 0..=u8::MAX {
            let expected = (b' '..=b'~').contains(&b) && !matches!(b, b'[' | b']' | b'<' | b'>');
            assert_eq!(is_plain_byte(b), expected, "{b}");
        }
        assert!(!is_plain("see http://x.example") && !is_plain("[x]") && !is_plain("é"));
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
