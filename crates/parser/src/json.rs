//! JSON bodies and annotations: strict JSON plus the docs' `...` elisions,
//! read with jsonc-parser into spanned [`JsonNode`]s.
//!
//! Three passes over the text:
//! 1. a light tokenizer ([`scan`]) that measures nesting depth before any
//!    recursive parsing happens and finds elision markers outside strings;
//! 2. [`blank_elisions`], which overwrites markers (and the commas or
//!    `"key":` they leave dangling) with spaces of the same byte length, so
//!    every offset stays valid;
//! 3. jsonc-parser with strict options, whose AST is converted to the model.
//!
//! Two liberties are taken on purpose. `//` and `/* */` comments are
//! accepted: a few docs bodies explain a value in a comment, and dropping
//! them loses nothing the model holds. Trailing commas are accepted: docs
//! often shorten a response by cutting members and leave the comma behind
//! (about 70 bodies of the v1.0 reference), which is an elision without a
//! marker rather than a broken body. Everything else that strict JSON
//! forbids (unquoted keys, single quotes, missing commas, hex numbers, ...)
//! is an error, because the bodies are meant to be copied into requests.

mod hint;

use crate::text::{OffsetMap, SourceText};
use graphdoc_model::{JsonMember, JsonNode, JsonValue, Span};
use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::errors::ParseErrorKind;
use jsonc_parser::{CollectOptions, ParseOptions};
use std::collections::HashSet;
use std::fmt;

/// Maximum nesting depth of arrays/objects accepted in a body or annotation.
pub const MAX_DEPTH: usize = 256;

/// Why a text is not JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    /// A sentence for people, without position (the caller spans it).
    pub message: String,
    /// Byte offset of the offending character in the text given to
    /// [`parse_json`] (the derived text, not the source).
    pub offset: usize,
    /// The text nests arrays/objects deeper than [`MAX_DEPTH`].
    pub too_deep: bool,
}

impl JsonError {
    fn new(message: impl Into<String>, offset: usize) -> Self {
        JsonError {
            message: message.into(),
            offset,
            too_deep: false,
        }
    }

    fn too_deep(offset: usize) -> Self {
        JsonError {
            message: format!("nested deeper than {MAX_DEPTH} levels"),
            offset,
            too_deep: true,
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for JsonError {}

/// Result of parsing a JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedJson {
    /// The value, spanned.
    pub node: JsonNode,
    /// The text contained at least one `...` / `…` elision marker.
    pub elided: bool,
}

/// Parses `text` (a body taken from a page) into a spanned [`JsonNode`].
/// `map` translates offsets in `text` to source offsets; `src` makes spans.
///
/// Elision markers (`...`, `…`, `.....`) outside strings are accepted where
/// a value, member or item would stand; the innermost object or array that
/// holds one is marked `truncated`. A marker in a member's value position
/// (`"key": ...`) drops that member. A quoted `"..."` stays a string.
///
/// # Errors
///
/// When `text` is empty, holds no value besides elisions and comments, is
/// not JSON, or nests deeper than [`MAX_DEPTH`] (`too_deep`, detected
/// before any recursive parsing).
pub fn parse_json(text: &str, map: &OffsetMap, src: &SourceText) -> Result<ParsedJson, JsonError> {
    if text.trim().is_empty() {
        return Err(JsonError::new("empty body", 0));
    }
    // Most bodies are plain JSON: read those in one pass. Anything else
    // (elisions, comments, trailing commas, `\\u` escapes, errors, deep
    // nesting) takes the full path below, which gives the same result for
    // plain JSON.
    if let Some(node) = Strict::parse(text, map, src) {
        return Ok(ParsedJson {
            node,
            elided: false,
        });
    }
    parse_full(text, map, src)
}

/// [`parse_json`] with jsonc-parser, for any text.
fn parse_full(text: &str, map: &OffsetMap, src: &SourceText) -> Result<ParsedJson, JsonError> {
    // A marker is a word of dots or ellipses: without `..` or `…` in the
    // text there is none, so the tokens are not needed (only the depth
    // check) and the text is parsed as it is.
    let may_elide = text.contains("..") || text.contains('…');
    let tokens = scan(text, may_elide)?;
    let prepared = if may_elide {
        blank_elisions(text, &tokens)?
    } else {
        Prepared {
            text: std::borrow::Cow::Borrowed(text),
            truncated: HashSet::new(),
            elided: false,
        }
    };
    let result = jsonc_parser::parse_to_ast(
        &prepared.text,
        &CollectOptions::default(),
        &strict_options(),
    )
    .map_err(|e| {
        let offset = e.range().start;
        match e.kind() {
            // jsonc-parser has its own (higher) limit; report it like ours.
            ParseErrorKind::NestingDepthExceeded => JsonError::too_deep(offset),
            kind => hint::explain(&prepared.text, JsonError::new(kind.to_string(), offset)),
        }
    })?;
    let Some(value) = result.value else {
        // Only markers and comments: nothing to model.
        let first = match tokens.first() {
            Some(t) => Some(*t),
            None if !may_elide => scan(text, true)?.first().copied(),
            None => None,
        };
        let offset = first.map_or(0, |t| t.start);
        return Err(JsonError::new(
            "no JSON value, only elisions or comments",
            offset,
        ));
    };
    let conv = Converter {
        map,
        src,
        truncated: &prepared.truncated,
    };
    let node = conv.node(&value, 0)?;
    Ok(ParsedJson {
        node,
        elided: prepared.elided,
    })
}

/// The span in `src` of derived offsets `start..end` of a text mapped by `map`.
///
/// The end is mapped through the last byte so that a range ending exactly
/// where the map starts a new segment (the next line of an indented block)
/// does not stretch into that segment.
pub(crate) fn map_span(src: &SourceText, map: &OffsetMap, start: usize, end: usize) -> Span {
    let s = map.to_source(start);
    let e = if end > start {
        map.to_source(end - 1) + 1
    } else {
        s
    };
    src.span(s, e.max(s))
}

/// A reader for plain JSON (RFC 8259 without `\\u` escapes, nested at most
/// [`Strict::DEPTH`] deep) that builds the model directly. It gives up
/// (`None`) on anything else; whatever it accepts, jsonc-parser accepts with
/// the same values and ranges, and holds no elision marker, comment or
/// trailing comma.
struct Strict<'t, 'm, 's, 'a> {
    text: &'t str,
    bytes: &'t [u8],
    i: usize,
    map: &'m OffsetMap,
    src: &'s SourceText<'a>,
    /// Members and items of the open objects and arrays, innermost last:
    /// each container takes its own off the end, into a vector of exactly
    /// its size (no growth by doubling, no spare capacity kept).
    members: Vec<JsonMember>,
    items: Vec<JsonNode>,
}

impl<'t> Strict<'t, '_, '_, '_> {
    /// Well below [`MAX_DEPTH`], so deep texts get the full path's error.
    const DEPTH: usize = 128;

    fn parse(text: &'t str, map: &OffsetMap, src: &SourceText) -> Option<JsonNode> {
        let mut p = Strict {
            text,
            bytes: text.as_bytes(),
            i: 0,
            map,
            src,
            members: Vec::new(),
            items: Vec::new(),
        };
        p.skip_ws();
        let node = p.value(0)?;
        p.skip_ws();
        (p.i == p.bytes.len()).then_some(node)
    }

    fn skip_ws(&mut self) {
        while matches!(self.bytes.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn span(&self, start: usize, end: usize) -> Span {
        map_span(self.src, self.map, start, end)
    }

    fn value(&mut self, depth: usize) -> Option<JsonNode> {
        let start = self.i;
        let value = match self.peek()? {
            b'{' => {
                if depth >= Self::DEPTH {
                    return None;
                }
                self.i += 1;
                self.skip_ws();
                let base = self.members.len();
                if self.peek()? == b'}' {
                    self.i += 1;
                } else {
                    loop {
                        self.skip_ws();
                        let key_start = self.i;
                        let key = self.string()?;
                        let key = graphdoc_model::Spanned::new(key, self.span(key_start, self.i));
                        self.skip_ws();
                        if self.peek()? != b':' {
                            return None;
                        }
                        self.i += 1;
                        self.skip_ws();
                        let value = self.value(depth + 1)?;
                        self.members.push(JsonMember { key, value });
                        self.skip_ws();
                        match self.peek()? {
                            b',' => self.i += 1,
                            b'}' => {
                                self.i += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                JsonValue::Object {
                    members: self.members.drain(base..).collect(),
                    truncated: false,
                }
            }
            b'[' => {
                if depth >= Self::DEPTH {
                    return None;
                }
                self.i += 1;
                self.skip_ws();
                let base = self.items.len();
                if self.peek()? == b']' {
                    self.i += 1;
                } else {
                    loop {
                        self.skip_ws();
                        let item = self.value(depth + 1)?;
                        self.items.push(item);
                        self.skip_ws();
                        match self.peek()? {
                            b',' => self.i += 1,
                            b']' => {
                                self.i += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                JsonValue::Array {
                    items: self.items.drain(base..).collect(),
                    truncated: false,
                }
            }
            b'"' => JsonValue::String(self.string()?),
            b't' => self.keyword("true", JsonValue::Bool(true))?,
            b'f' => self.keyword("false", JsonValue::Bool(false))?,
            b'n' => self.keyword("null", JsonValue::Null)?,
            b'-' | b'0'..=b'9' => JsonValue::Number(self.number()?.to_string()),
            _ => return None,
        };
        Some(JsonNode {
            value,
            span: self.span(start, self.i),
        })
    }

    /// A keyword; what follows it is checked by the caller (a delimiter
    /// must come next, or the structure gives up).
    fn keyword(&mut self, word: &str, value: JsonValue) -> Option<JsonValue> {
        let end = self.i + word.len();
        (self.bytes.get(self.i..end)? == word.as_bytes()).then(|| {
            self.i = end;
            value
        })
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as written.
    fn number(&mut self) -> Option<&'t str> {
        let start = self.i;
        let digit = |p: &Self| matches!(p.peek(), Some(b'0'..=b'9'));
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek()? {
            b'0' => self.i += 1,
            b'1'..=b'9' => {
                while digit(self) {
                    self.i += 1;
                }
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if !digit(self) {
                return None;
            }
            while digit(self) {
                self.i += 1;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !digit(self) {
                return None;
            }
            while digit(self) {
                self.i += 1;
            }
        }
        Some(&self.text[start..self.i])
    }

    /// A double-quoted string with the short escapes jsonc-parser reads
    /// the same way; `\\u` and anything unusual give up.
    fn string(&mut self) -> Option<String> {
        if self.peek()? != b'"' {
            return None;
        }
        let start = self.i + 1;
        let mut j = start;
        let mut out: Option<String> = None;
        let mut run = start;
        loop {
            match *self.bytes.get(j)? {
                b'"' => {
                    self.i = j + 1;
                    let tail = &self.text[run..j];
                    return Some(match out {
                        Some(mut s) => {
                            s.push_str(tail);
                            s
                        }
                        None => tail.to_string(),
                    });
                }
                b'\\' => {
                    let c = match *self.bytes.get(j + 1)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{08}',
                        b'f' => '\u{0C}',
                        b't' => '\t',
                        b'r' => '\r',
                        b'n' => '\n',
                        _ => return None,
                    };
                    let s = out.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..j]);
                    s.push(c);
                    j += 2;
                    run = j;
                }
                _ => j += 1,
            }
        }
    }
}

/// Strict JSON except comments and trailing commas (see the module docs).
fn strict_options() -> ParseOptions {
    ParseOptions {
        allow_comments: true,
        allow_loose_object_property_names: false,
        allow_trailing_commas: true,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Open,
    Close,
    Comma,
    Colon,
    Str,
    Word,
    Marker,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Tok,
    start: usize,
    end: usize,
    /// For markers: offset of the innermost `{`/`[` that is open.
    container: Option<usize>,
}

/// Tokenizes `text` just enough to measure depth and find markers: strings
/// and comments are skipped the way jsonc-parser skips them, so brackets
/// inside them are not counted. With `keep` false only the depth is checked
/// and no token is returned.
fn scan(text: &str, keep: bool) -> Result<Vec<Token>, JsonError> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut push = |token: Token| {
        if keep {
            tokens.push(token);
        }
    };
    let mut open: Vec<usize> = Vec::new();
    // Byte positions; a char is decoded only where it is not ASCII. Every
    // byte the scan looks for is ASCII, and the bytes of a multi-byte char
    // are never ASCII, so stepping over them one by one finds the same
    // positions as stepping char by char.
    let char_at = |i: usize| -> char {
        match bytes[i] {
            b if b.is_ascii() => char::from(b),
            _ => text[i..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER),
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let c = char_at(i);
        let single = |kind| Token {
            kind,
            start: i,
            end: i + 1,
            container: None,
        };
        match c {
            c if c.is_whitespace() => i += c.len_utf8(),
            '{' | '[' => {
                open.push(i);
                if open.len() > MAX_DEPTH {
                    return Err(JsonError::too_deep(i));
                }
                push(single(Tok::Open));
                i += 1;
            }
            '}' | ']' => {
                open.pop();
                push(single(Tok::Close));
                i += 1;
            }
            ',' => {
                push(single(Tok::Comma));
                i += 1;
            }
            ':' => {
                push(single(Tok::Colon));
                i += 1;
            }
            '"' => {
                let mut end = text.len();
                let mut escaped = false;
                let mut j = i + 1;
                while j < bytes.len() {
                    let d = bytes[j];
                    j += 1;
                    if escaped {
                        escaped = false;
                    } else if d == b'\\' {
                        escaped = true;
                    } else if d == b'"' {
                        end = j;
                        break;
                    }
                }
                push(Token {
                    kind: Tok::Str,
                    start: i,
                    end,
                    container: None,
                });
                i = j;
            }
            '/' if bytes.get(i + 1) == Some(&b'/') => {
                // Like jsonc-parser, a lone `\r` ends a line comment too.
                i = bytes[i + 1..]
                    .iter()
                    .position(|&d| d == b'\n' || d == b'\r')
                    .map_or(bytes.len(), |p| i + 1 + p);
            }
            '/' if bytes.get(i + 1) == Some(&b'*') => {
                let mut j = i + 2;
                let mut prev_star = false;
                while j < bytes.len() {
                    let d = bytes[j];
                    j += 1;
                    if prev_star && d == b'/' {
                        break;
                    }
                    prev_star = d == b'*';
                }
                i = j;
            }
            _ => {
                let mut end = i + c.len_utf8();
                while end < bytes.len() {
                    let d = char_at(end);
                    if d.is_whitespace() || matches!(d, '{' | '}' | '[' | ']' | ',' | ':' | '"') {
                        break;
                    }
                    end += d.len_utf8();
                }
                if keep {
                    let kind = if is_marker(&text[i..end]) {
                        Tok::Marker
                    } else {
                        Tok::Word
                    };
                    push(Token {
                        kind,
                        start: i,
                        end,
                        container: open.last().copied(),
                    });
                }
                i = end;
            }
        }
    }
    Ok(tokens)
}

/// `...`, `.....`, `…` (and `..`, which can only mean the same outside a
/// string): a word of nothing but dots and ellipses.
fn is_marker(word: &str) -> bool {
    let dots = word.chars().filter(|&c| c == '.').count();
    let ellipses = word.chars().filter(|&c| c == '…').count();
    dots + ellipses == word.chars().count() && (dots >= 2 || ellipses >= 1)
}

/// Text with elisions blanked, and where they were.
struct Prepared<'t> {
    text: std::borrow::Cow<'t, str>,
    /// Offsets of the `{`/`[` of containers that held a marker.
    truncated: HashSet<usize>,
    elided: bool,
}

/// Overwrites every marker with spaces, together with what would otherwise
/// make the remaining text invalid: the `"key":` before a marker in value
/// position, the comma after a marker that follows `[`, `{` or `,`, or the
/// comma before a marker that ends its container.
fn blank_elisions<'t>(text: &'t str, tokens: &[Token]) -> Result<Prepared<'t>, JsonError> {
    let mut bytes = text.as_bytes().to_vec();
    let mut truncated = HashSet::new();
    let mut elided = false;
    // Indices of tokens that are still part of the text, for looking back.
    let mut kept: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        i += 1;
        if token.kind != Tok::Marker {
            kept.push(i - 1);
            continue;
        }
        elided = true;
        if let Some(c) = token.container {
            truncated.insert(c);
        }
        let kind_back = |kept: &[usize], n: usize| {
            kept.len()
                .checked_sub(n)
                .and_then(|k| kept.get(k))
                .and_then(|&t| tokens.get(t))
                .map(|t| t.kind)
        };
        let mut start = token.start;
        if kind_back(&kept, 1) == Some(Tok::Colon) && kind_back(&kept, 2) == Some(Tok::Str) {
            // `"key": ...` — the member has no value to keep, so drop it whole.
            let key_at = kept.len().saturating_sub(2);
            if let Some(key) = kept.get(key_at).and_then(|&k| tokens.get(k)) {
                start = key.start;
            }
            kept.truncate(key_at);
        }
        blank(&mut bytes, start, token.end);
        let prev = kind_back(&kept, 1);
        match tokens.get(i).map(|t| t.kind) {
            Some(Tok::Comma) if matches!(prev, None | Some(Tok::Open | Tok::Comma)) => {
                if let Some(comma) = tokens.get(i) {
                    blank(&mut bytes, comma.start, comma.end);
                }
                i += 1;
            }
            None | Some(Tok::Close) if prev == Some(Tok::Comma) => {
                if let Some(comma) = kept.pop().and_then(|k| tokens.get(k)) {
                    blank(&mut bytes, comma.start, comma.end);
                }
            }
            _ => {}
        }
    }
    // Only whole characters were replaced by ASCII spaces, so this holds;
    // still, report instead of panicking if it ever did not.
    let text = String::from_utf8(bytes).map_err(|e| {
        JsonError::new(
            "internal error: elision split a character",
            e.utf8_error().valid_up_to(),
        )
    })?;
    Ok(Prepared {
        text: std::borrow::Cow::Owned(text),
        truncated,
        elided,
    })
}

/// Replaces bytes `start..end` with spaces, keeping line breaks.
fn blank(bytes: &mut [u8], start: usize, end: usize) {
    let end = end.min(bytes.len());
    if let Some(range) = bytes.get_mut(start.min(end)..end) {
        for b in range {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
}

/// Turns jsonc-parser's AST into the model.
struct Converter<'m, 's, 't> {
    map: &'m OffsetMap,
    src: &'s SourceText<'t>,
    truncated: &'m HashSet<usize>,
}

impl Converter<'_, '_, '_> {
    fn span(&self, start: usize, end: usize) -> Span {
        map_span(self.src, self.map, start, end)
    }

    fn node(&self, value: &Value, depth: usize) -> Result<JsonNode, JsonError> {
        let range = value.range();
        let value = match value {
            Value::NullKeyword(_) => JsonValue::Null,
            Value::BooleanLit(b) => JsonValue::Bool(b.value),
            Value::NumberLit(n) => JsonValue::Number(n.value.to_string()),
            Value::StringLit(s) => JsonValue::String(s.value.to_string()),
            Value::Array(a) => {
                // `scan` already refused deeper text; this guards the
                // recursion independently of it.
                if depth >= MAX_DEPTH {
                    return Err(JsonError::too_deep(range.start));
                }
                let items = a
                    .elements
                    .iter()
                    .map(|v| self.node(v, depth + 1))
                    .collect::<Result<Vec<_>, _>>()?;
                JsonValue::Array {
                    items,
                    truncated: self.truncated.contains(&range.start),
                }
            }
            Value::Object(o) => {
                if depth >= MAX_DEPTH {
                    return Err(JsonError::too_deep(range.start));
                }
                let members = o
                    .properties
                    .iter()
                    .map(|p| {
                        let (key, r) = match &p.name {
                            ObjectPropName::String(lit) => (lit.value.to_string(), lit.range),
                            ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                        };
                        Ok(JsonMember {
                            key: graphdoc_model::Spanned::new(key, self.span(r.start, r.end)),
                            value: self.node(&p.value, depth + 1)?,
                        })
                    })
                    .collect::<Result<Vec<_>, JsonError>>()?;
                JsonValue::Object {
                    members,
                    truncated: self.truncated.contains(&range.start),
                }
            }
        };
        Ok(JsonNode {
            value,
            span: self.span(range.start, range.end),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ParsedJson, JsonError> {
        let src = SourceText::new("t.md".into(), text);
        parse_json(text, &OffsetMap::identity(0), &src)
    }

    fn ok(text: &str) -> ParsedJson {
        match parse(text) {
            Ok(p) => p,
            Err(e) => panic!("{text:?} should parse: {e}"),
        }
    }

    fn err(text: &str) -> JsonError {
        match parse(text) {
            Ok(p) => panic!("{text:?} should fail, got {:?}", p.node.to_serde()),
            Err(e) => e,
        }
    }

    fn truncated(node: &JsonNode) -> bool {
        match &node.value {
            JsonValue::Array { truncated, .. } | JsonValue::Object { truncated, .. } => *truncated,
            _ => false,
        }
    }

    #[test]
    fn the_strict_reader_agrees_with_jsonc_parser() {
        let accepted = [
            "{}",
            " [ ] ",
            "{\"a\": [1, -0, 0.5, 1e5, -2.5E-3, 10E+2], \"b\": {\"c\": null}}",
            "[true, false, null, \"x\", \"\"]",
            "{\"s\": \"q\\\"b\\\\s\\/f\\b\\f\\n\\r\\t end\", \"raw\": \"tab\there\"}",
            "{\"a\": 1, \"a\": 2}",
            "\"caf\u{e9} ...\"",
            "{\n  \"k\": \"v\"\r\n}\n",
        ];
        let given_up = [
            "{\"a\": 1,}",
            "[1, 2,]",
            "{\"a\": ...}",
            "[1, ..., 3]",
            "{\"u\": \"\\u00e9\"}",
            "{\"a\": 01}",
            "[1.]",
            "[.5]",
            "[+1]",
            "[1e]",
            "// c\n{}",
            "{\"a\": 1 /* c */}",
            "{'a': 1}",
            "{a: 1}",
            "[truex]",
            "[1 2]",
            "{} {}",
            "{\"a\" 1}",
            "\u{feff}{}",
            "{\"a\": \"unterminated}",
            "[NaN]",
            "[\"bad \\x escape\"]",
        ];
        for text in accepted.iter().chain(&given_up) {
            let src = SourceText::new("t.md".into(), text);
            let map = OffsetMap::identity(0);
            let strict = Strict::parse(text, &map, &src);
            assert_eq!(strict.is_some(), accepted.contains(text), "{text:?}");
            if let Some(node) = strict {
                let full = parse_full(text, &map, &src).map(|p| (p.node, p.elided));
                assert_eq!(full, Ok((node, false)), "{text:?}");
            }
        }
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let src = SourceText::new("t.md".into(), &deep);
        assert!(Strict::parse(&deep, &OffsetMap::identity(0), &src).is_none());
    }

    #[test]
    fn plain_object_has_spans_on_values_and_keys() {
        let text = "{\n  \"a\": 1,\n  \"b\": {\n    \"c\": [true, null]\n  }\n}";
        let p = ok(text);
        assert!(!p.elided);
        assert_eq!(p.node.span.start, 0);
        assert_eq!(p.node.span.end as usize, text.len());
        let c = p.node.get("b").and_then(|b| b.get("c"));
        let c = c.map(|c| (c.span.line, c.span.column, &text[c.span.range()]));
        assert_eq!(c, Some((4, 10, "[true, null]")));
        let JsonValue::Object { members, .. } = &p.node.value else {
            panic!("object expected")
        };
        let key = &members[1].key;
        assert_eq!(key.value, "b");
        assert_eq!(&text[key.span.range()], "\"b\"");
        assert_eq!((key.span.line, key.span.column), (3, 3));
    }

    #[test]
    fn spans_go_through_the_offset_map() {
        // The body sits at source offset 10, indented by two spaces per line.
        let source = "0123456789{\n  \"k\": 5\n  }";
        let derived = "{\n\"k\": 5\n}";
        let mut map = OffsetMap::default();
        map.push(0, 10);
        map.push(2, 14);
        map.push(9, 23);
        let src = SourceText::new("t.md".into(), source);
        let p = parse_json(derived, &map, &src).map_err(|e| e.to_string());
        let p = p.as_ref().map(|p| &p.node);
        let five = p
            .ok()
            .and_then(|n| n.get("k"))
            .map(|n| &source[n.span.range()]);
        assert_eq!(five, Some("5"));
        assert_eq!(p.map(|n| n.span.range()), Ok(10..24));
    }

    #[test]
    fn strings_are_unescaped_and_numbers_kept_as_written() {
        let p = ok(
            r#"{"s": "a\"b\\c\u00e9\ud83d\ude00\n", "n": [1.0, -3e5, 0, 12345678901234567890123]}"#,
        );
        assert_eq!(
            p.node.get("s").and_then(|s| s.as_str()),
            Some("a\"b\\cé😀\n")
        );
        let nums: Vec<_> = match p.node.get("n").map(|n| &n.value) {
            Some(JsonValue::Array { items, .. }) => items
                .iter()
                .map(|i| match &i.value {
                    JsonValue::Number(n) => n.as_str(),
                    _ => "?",
                })
                .collect(),
            _ => vec![],
        };
        assert_eq!(nums, ["1.0", "-3e5", "0", "12345678901234567890123"]);
    }

    #[test]
    fn non_ascii_text_keeps_char_columns() {
        let text = "{\"naïve\": \"日本語\", \"x\": 1}";
        let p = ok(text);
        assert_eq!(p.node.get("naïve").and_then(|n| n.as_str()), Some("日本語"));
        let x = p
            .node
            .get("x")
            .map(|x| (x.span.column, &text[x.span.range()]));
        assert_eq!(x, Some((23, "1")));
    }

    #[test]
    fn elision_after_comma_truncates_object() {
        let p = ok(r#"{ "a": 1, ... }"#);
        assert!(p.elided);
        assert!(truncated(&p.node));
        assert_eq!(p.node.to_serde(), serde_json::json!({"a": 1}));
    }

    #[test]
    fn elision_on_its_own_line() {
        let p = ok("{\n  \"a\": 1,\n  ...\n  \"b\": 2\n}");
        assert!(truncated(&p.node));
        assert_eq!(p.node.to_serde(), serde_json::json!({"a": 1, "b": 2}));
        let p = ok("{\n  \"a\": 1\n  ...\n}");
        assert_eq!(p.node.to_serde(), serde_json::json!({"a": 1}));
        let p = ok("[\n  1,\n  .....\n]");
        assert!(truncated(&p.node));
    }

    #[test]
    fn elision_in_arrays_marks_the_innermost_container() {
        let p = ok(r#"[ {...}, ... ]"#);
        assert!(truncated(&p.node));
        let JsonValue::Array { items, .. } = &p.node.value else {
            panic!("array expected")
        };
        assert_eq!(items.len(), 1);
        assert!(truncated(&items[0]));

        let p = ok(r#"{"value": [ ... ], "b": [1]}"#);
        assert!(!truncated(&p.node));
        assert!(p.node.get("value").is_some_and(truncated));
        assert!(p.node.get("b").is_some_and(|b| !truncated(b)));
        assert!(p.node.is_truncated());

        let p = ok("{ ... }");
        assert!(truncated(&p.node));
        assert_eq!(p.node.to_serde(), serde_json::json!({}));

        let p = ok("[1, ..., 2, …]");
        assert_eq!(p.node.to_serde(), serde_json::json!([1, 2]));
        let p = ok("[..., 3]");
        assert_eq!(p.node.to_serde(), serde_json::json!([3]));
    }

    #[test]
    fn elision_in_value_position_drops_the_member() {
        let p = ok(r#"{"a": 1, "b": ..., "c": 2}"#);
        assert!(p.elided && truncated(&p.node));
        assert_eq!(p.node.to_serde(), serde_json::json!({"a": 1, "c": 2}));
        let p = ok(r#"{"a": 1, "b": …}"#);
        assert_eq!(p.node.to_serde(), serde_json::json!({"a": 1}));
        let p = ok(r#"{"b": ...}"#);
        assert_eq!(p.node.to_serde(), serde_json::json!({}));
        assert!(truncated(&p.node));
    }

    #[test]
    fn quoted_ellipsis_is_a_string() {
        let p = ok(r#"{"a": "...", "b": "x..."}"#);
        assert!(!p.elided);
        assert!(!truncated(&p.node));
        assert_eq!(p.node.get("a").and_then(|a| a.as_str()), Some("..."));
    }

    #[test]
    fn trailing_commas_are_accepted() {
        let p = ok(r#"{"a": [1, 2,], "b": {"c": 1,},}"#);
        assert_eq!(
            p.node.to_serde(),
            serde_json::json!({"a": [1, 2], "b": {"c": 1}})
        );
        assert!(!p.elided && !p.node.is_truncated());
        err("[1,,]");
        err("{,}");
    }

    #[test]
    fn comments_are_accepted() {
        let p = ok("{\n  // the id\n  \"id\": \"1\" /* [[[ */\n}");
        assert_eq!(p.node.to_serde(), serde_json::json!({"id": "1"}));
        assert!(!p.elided);
    }

    #[test]
    fn invalid_json_is_an_error_at_the_offending_character() {
        let e = err(r#"{"a": }"#);
        assert_eq!(e.offset, 6);
        assert!(!e.too_deep);
        let e = err("{\n  id: 1\n}");
        assert_eq!(e.offset, 4, "unquoted keys are not strict JSON: {e}");
        let e = err(r#"{"a": 'x'}"#);
        assert_eq!(e.offset, 6);
        let e = err(r#"{"a": 1 "b": 2}"#);
        assert!(e.message.contains("comma"), "{e}");
        err(r#"{"a": 1} {"b": 2}"#);
        err(r#"{"a": 0x1F}"#);
        err(r#"{"a": 1"#);
        err(r#"{"a": "unterminated"#);
        err("[{ShiftId}, {ShiftId}...]");
        err("{\"a\": 1...}");
        err("[1 2]");
    }

    #[test]
    fn empty_and_marker_only_bodies_are_errors() {
        assert_eq!(err("").message, "empty body");
        assert_eq!(err(" \n\t ").message, "empty body");
        let e = err("...");
        assert!(e.message.contains("no JSON value"), "{e}");
        err("// just a comment");
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let deep = "[".repeat(100_000);
        let e = err(&deep);
        assert!(e.too_deep);
        assert_eq!(e.offset, MAX_DEPTH);
        let objects = "{\"a\":".repeat(MAX_DEPTH + 1);
        assert!(err(&objects).too_deep);
        // Exactly at the limit is fine.
        let ok_text = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        ok(&ok_text);
        let ok_objects = format!("{}1{}", "{\"a\":".repeat(MAX_DEPTH), "}".repeat(MAX_DEPTH));
        ok(&ok_objects);
        // Brackets inside strings and comments do not count.
        let quoted = format!("[\"{}\"]", "[".repeat(1000));
        ok(&quoted);
        let commented = format!("[1 // {}\n]", "{".repeat(1000));
        ok(&commented);
    }

    #[test]
    fn garbage_never_panics() {
        let samples = [
            "\"",
            "\\",
            "{\"",
            "[\"\\",
            "/*",
            "//",
            "/",
            "{\"a\":/*",
            "…",
            "..",
            ".",
            "[.",
            "{,}",
            "[,]",
            "[,...]",
            "{...,}",
            "{\"a\":...,...}",
            "\u{0}",
            "\u{feff}{}",
            "{\"\\u12\"}",
            "{\"\\ud800\"}",
            "][",
            "}{",
            "[[[[]]]]]]]",
            ":",
            "\"a\":...",
            "{\"a\" ... }",
            "\r\n…\r",
            "{\"é\": …, \"ü\"",
            "NaN",
            "Infinity",
            "+1",
            ".5",
            "1.",
            "-",
            "tru",
            "nul",
        ];
        for s in samples {
            let _ = parse(s);
        }
        // Every prefix of a realistic body, cut at each char boundary.
        let body = "{\"a\": [1, {\"b\": \"c…\"}, ...], \"d\": ..., // x\n \"e\": null}";
        for (i, _) in body.char_indices() {
            let _ = parse(&body[..i]);
            let _ = parse(&body[i..]);
        }
    }
}
