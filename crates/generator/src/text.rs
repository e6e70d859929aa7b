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

    /// A line that has no break opportunity (comments, string constants).
    pub fn line(&mut self, indent: usize, text: &str) {
        self.indent(indent);
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// A line that prettyplease would break if it were longer than
    /// [`MARGIN`]; a longer one is a miss.
    pub fn fit(&mut self, indent: usize, text: &str) {
        self.require(indent + text.len());
        self.line(indent, text);
    }

    /// `HEAD<INNER>TAIL`, a line that ends in a generic type
    /// (`pub x: Option<T>,`): flat when it fits, else broken after `<` with
    /// `INNER` on a line of its own. A generic `INNER` must then fit its
    /// line (its trailing comma is not counted), or it would break too.
    pub fn generic(&mut self, indent: usize, head: &str, inner: &str, tail: &str) {
        if indent + head.len() + inner.len() + tail.len() + 2 <= MARGIN {
            self.line(indent, &format!("{head}<{inner}>{tail}"));
            return;
        }
        self.line(indent, &format!("{head}<"));
        if inner.contains('<') {
            self.require(indent + 4 + inner.len());
        }
        self.line(indent + 4, &format!("{inner},"));
        self.line(indent, &format!(">{tail}"));
    }

    /// `impl TRAIT for TYPE {` at the start of a line: flat when it fits,
    /// else broken before `for`, as prettyplease breaks an `impl` header.
    pub fn impl_header(&mut self, head: &str, self_ty: &str) {
        let flat = format!("{head} for {self_ty} {{");
        if flat.len() <= MARGIN {
            self.line(0, &flat);
        } else {
            self.line(0, head);
            self.line(0, &format!("for {self_ty} {{"));
        }
    }

    /// A match arm `PATTERN => BODY,` whose pattern and body cannot break:
    /// flat when it fits, else the body in a block of its own.
    pub fn arm(&mut self, indent: usize, pattern: &str, body: &str) {
        let flat = format!("{pattern} => {body},");
        if indent + flat.len() <= MARGIN {
            self.line(indent, &flat);
        } else {
            self.line(indent, &format!("{pattern} => {{"));
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
        self.comment(indent, "///", lines);
    }

    /// `//!` doc lines (`#![doc = " line"]` attributes).
    pub fn inner_doc(&mut self, lines: &[String]) {
        self.comment(0, "//!", lines);
    }

    fn comment(&mut self, indent: usize, marker: &str, lines: &[String]) {
        for line in lines {
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
    }

    /// `HEAD PREFIX{A, B};` (`use`, `pub use`): one line when it fits,
    /// else one name list filled up to the margin, as prettyplease prints a
    /// use group. One name is written without braces.
    pub fn use_group(&mut self, head: &str, prefix: &str, names: &[String]) {
        match names {
            [] => {}
            [single] => self.line(0, &format!("{head} {prefix}{single};")),
            _ => {
                let flat = format!("{head} {prefix}{{{}}};", names.join(", "));
                if flat.len() <= MARGIN {
                    self.line(0, &flat);
                    return;
                }
                self.line(0, &format!("{head} {prefix}{{"));
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
        self.out.extend(std::iter::repeat_n(' ', indent));
    }
}

/// A string literal as proc-macro2 writes it (and prettyplease copies it).
/// Printable ASCII other than `"` and `\` stays as it is, which covers
/// nearly every string here without proc-macro2's escaping per character.
pub fn string(text: &str) -> String {
    let plain = text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\');
    if plain {
        let mut out = String::with_capacity(text.len() + 2);
        out.push('"');
        out.push_str(text);
        out.push('"');
        out
    } else {
        proc_macro2::Literal::string(text).to_string()
    }
}

/// An identifier chosen by `naming`: keywords as raw identifiers.
pub fn ident(text: &str) -> String {
    if crate::naming::is_keyword(text) {
        format!("r#{text}")
    } else {
        text.to_string()
    }
}
