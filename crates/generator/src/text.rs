//! Rust source written directly as text, laid out exactly as prettyplease
//! lays out the same tokens.
//!
//! Parsing generated tokens with syn and printing them with prettyplease
//! costs far more than building the text itself, and the type and request
//! files repeat a handful of shapes thousands of times. For those shapes the
//! emitters write the text here and reproduce prettyplease's decisions:
//! a group is printed flat when its line fits within [`MARGIN`] columns and
//! broken otherwise. Where a line could break in a way this module does not
//! model (a long type, a long `impl` header), the writer records a miss and
//! the caller renders the file through tokens and prettyplease instead, so
//! the output never depends on which path produced it; a test compares the
//! two paths on the checked-in example pages.

use std::borrow::Cow;

/// The last column prettyplease fills before it breaks a group (its
/// `MARGIN`; the indentation here never gets near its `MIN_SPACE` rule).
pub const MARGIN: usize = 89;

/// Formatted lines, and whether a line went past what is modelled here.
#[derive(Default)]
pub struct Writer {
    out: String,
    missed: bool,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// An empty writer with room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Writer {
        Writer {
            out: String::with_capacity(capacity),
            missed: false,
        }
    }

    /// A writer for a whole file: `header`, a blank line, then what is
    /// written, with room for `capacity` bytes more. The file is built in
    /// place rather than copied behind its header at the end (a copy of
    /// every byte of the crate).
    pub fn file(header: &str, capacity: usize) -> Writer {
        let mut w = Writer::with_capacity(header.len() + 1 + capacity);
        w.out.push_str(header);
        w.out.push('\n');
        w
    }

    /// A line that has no break opportunity (comments, string constants).
    pub fn line(&mut self, indent: usize, text: &str) {
        self.join_line(indent, &[text]);
    }

    /// A line of `parts` written one after another, with no break
    /// opportunity (saves building the line first).
    pub fn join_line(&mut self, indent: usize, parts: &[&str]) {
        self.line_with(indent, |out| {
            for part in parts {
                out.push_str(part);
            }
        });
    }

    /// A line whose text `write` appends to the output, with no break
    /// opportunity (for a line of many parts).
    pub fn line_with(&mut self, indent: usize, write: impl FnOnce(&mut String)) {
        self.indent(indent);
        write(&mut self.out);
        self.out.push('\n');
    }

    /// A line of `parts` written one after another that prettyplease would
    /// break if it were longer than [`MARGIN`]; a longer one is a miss.
    pub fn fit(&mut self, indent: usize, parts: &[&str]) {
        self.require(indent + parts.iter().map(|p| p.len()).sum::<usize>());
        self.join_line(indent, parts);
    }

    /// `HEAD<INNER>TAIL`, a line that ends in a generic type
    /// (`pub x: Option<T>,`): flat when it fits, else broken after `<` with
    /// `INNER` on a line of its own. A generic `INNER` must then fit its
    /// line (its trailing comma is not counted), or it would break too.
    pub fn generic(&mut self, indent: usize, head: &str, inner: &str, tail: &str) {
        if indent + head.len() + inner.len() + tail.len() + 2 <= MARGIN {
            self.join_line(indent, &[head, "<", inner, ">", tail]);
            return;
        }
        self.join_line(indent, &[head, "<"]);
        if inner.contains('<') {
            self.require(indent + 4 + inner.len());
        }
        self.join_line(indent + 4, &[inner, ","]);
        self.join_line(indent, &[">", tail]);
    }

    /// `impl TRAIT for TYPE {` at the start of a line: flat when it fits,
    /// else broken before `for`, as prettyplease breaks an `impl` header.
    pub fn impl_header(&mut self, head: &str, self_ty: &str) {
        if head.len() + " for ".len() + self_ty.len() + " {".len() <= MARGIN {
            self.join_line(0, &[head, " for ", self_ty, " {"]);
        } else {
            self.line(0, head);
            self.join_line(0, &["for ", self_ty, " {"]);
        }
    }

    /// A match arm `PATTERN => BODY,` whose pattern and body cannot break:
    /// flat when it fits, else the body in a block of its own.
    pub fn arm(&mut self, indent: usize, pattern: &str, body: &str) {
        // `PATTERN => BODY,`
        if indent + pattern.len() + " => ".len() + body.len() + ",".len() <= MARGIN {
            self.join_line(indent, &[pattern, " => ", body, ","]);
        } else {
            self.join_line(indent, &[pattern, " => {"]);
            self.line(indent + 4, body);
            self.line(indent, "}");
        }
    }

    /// `OPEN`, the items one per line one level deeper, each with a comma,
    /// then `CLOSE`: a list whose consistent group broke (an array, call
    /// arguments, a tuple). The items must not break themselves.
    pub fn broken_list(&mut self, indent: usize, open: &str, items: &[String], close: &str) {
        self.line(indent, open);
        for item in items {
            self.indent(indent + 4);
            self.out.push_str(item);
            self.out.push_str(",\n");
        }
        self.line(indent, close);
    }

    /// A blank line between items.
    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// `///` doc lines (`#[doc = " line"]` attributes).
    pub fn doc(&mut self, indent: usize, lines: &[String]) {
        for line in lines {
            self.comment(indent, "///", line);
        }
    }

    /// `//!` doc lines (`#![doc = " line"]` attributes).
    pub fn inner_doc(&mut self, lines: &[String]) {
        for line in lines {
            self.comment(0, "//!", line);
        }
    }

    /// `///` doc lines of prose paragraphs, wrapped as
    /// [`docs::paragraphs`](crate::docs::paragraphs) wraps them.
    pub fn prose<S: AsRef<str>>(&mut self, indent: usize, paragraphs: &[S]) {
        crate::docs::each_line(paragraphs, |line| self.comment(indent, "///", line));
    }

    /// `//!` doc lines of prose paragraphs (see [`Writer::prose`]).
    pub fn inner_prose<S: AsRef<str>>(&mut self, paragraphs: &[S]) {
        crate::docs::each_line(paragraphs, |line| self.comment(0, "//!", line));
    }

    fn comment(&mut self, indent: usize, marker: &str, line: &str) {
        self.indent(indent);
        self.out.push_str(marker);
        // prettyplease trims trailing spaces of a doc line.
        let text = line.trim_end_matches(' ');
        if !text.is_empty() {
            self.out.push(' ');
            self.out.push_str(text);
        }
        self.out.push('\n');
    }

    /// `HEAD PREFIX{A, B};` (`use`, `pub use`): one line when it fits,
    /// else one name list filled up to the margin, as prettyplease prints a
    /// use group. One name is written without braces.
    pub fn use_group(&mut self, head: &str, prefix: &str, names: &[String]) {
        match names {
            [] => {}
            [single] => self.join_line(0, &[head, " ", prefix, single, ";"]),
            _ => {
                let list = names.iter().map(|n| n.len() + 2).sum::<usize>() - 2;
                // `HEAD PREFIX{LIST};`
                if head.len() + 1 + prefix.len() + 1 + list + 2 <= MARGIN {
                    self.line_with(0, |out| {
                        out.push_str(head);
                        out.push(' ');
                        out.push_str(prefix);
                        out.push('{');
                        push_joined(out, names);
                        out.push_str("};");
                    });
                    return;
                }
                self.join_line(0, &[head, " ", prefix, "{"]);
                // The names fill lines at indentation 4; a name moves to the
                // next line when it and its comma would pass the margin (the
                // last name's comma is not counted).
                let width = MARGIN - 4;
                let mut space = width;
                self.out.push_str("    ");
                for (i, name) in names.iter().enumerate() {
                    let last = i + 1 == names.len();
                    let need = name.len() + usize::from(!last);
                    if i > 0 {
                        if need < space {
                            self.out.push(' ');
                            space -= 1;
                        } else {
                            self.out.push_str("\n    ");
                            space = width;
                        }
                    }
                    self.out.push_str(name);
                    self.out.push(',');
                    space = space.saturating_sub(name.len() + 1);
                }
                self.out.push('\n');
                self.line(0, "};");
            }
        }
    }

    /// The text, or `None` when some line went past what is modelled here.
    pub fn finish(self) -> Option<String> {
        (!self.missed).then_some(self.out)
    }

    /// Records a miss when a group that ends in column `end` would not
    /// fit (prettyplease would break inside it).
    pub fn require(&mut self, end: usize) {
        if end > MARGIN {
            self.missed = true;
        }
    }

    fn indent(&mut self, indent: usize) {
        // One copy from a run of spaces rather than a push per space.
        const SPACES: &str = "                                ";
        let mut left = indent;
        while left > 0 {
            let n = left.min(SPACES.len());
            self.out.push_str(&SPACES[..n]);
            left -= n;
        }
    }
}

/// A string literal as proc-macro2 writes it (and prettyplease copies it).
/// Printable ASCII stays as it is but for `"` and `\`, which get a
/// backslash (as `char::escape_debug` writes them); that covers nearly
/// every string here without proc-macro2's escaping per character, which
/// takes the rest (controls, non-ASCII).
pub fn string(text: &str) -> String {
    // One branch-free pass: whether every byte is printable ASCII, and how
    // many need a backslash.
    let (unprintable, escapes) = text.bytes().fold((false, 0usize), |(bad, n), b| {
        let unprintable = b.wrapping_sub(b' ') > b'~' - b' ';
        (
            bad | unprintable,
            n + usize::from((b == b'"') | (b == b'\\')),
        )
    });
    if unprintable {
        return proc_macro2::Literal::string(text).to_string();
    }
    let mut out = String::with_capacity(text.len() + escapes + 2);
    out.push('"');
    if escapes == 0 {
        out.push_str(text);
    } else {
        for c in text.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// An identifier chosen by `naming`: keywords as raw identifiers (other
/// names are borrowed as they are).
pub fn ident(text: &str) -> Cow<'_, str> {
    if crate::naming::is_keyword(text) {
        Cow::Owned(format!("r#{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Appends `items` separated by `, `.
pub fn push_joined<S: AsRef<str>>(out: &mut String, items: &[S]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item.as_ref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast paths write what proc-macro2 writes.
    #[test]
    fn strings_are_escaped_as_proc_macro2_escapes_them() {
        let texts = [
            "",
            "plain text",
            "a \"quoted\" word",
            "back\\slash and \\\"both\\\"",
            "it's `code` {x} #[y] ~!@$%^&*()",
            "tab\there",
            "nul\0 and \x007",
            "é and 日本 and \u{301}",
            "\"",
            "\\",
        ];
        for text in texts {
            assert_eq!(
                string(text),
                proc_macro2::Literal::string(text).to_string(),
                "{text:?}"
            );
        }
    }
}
