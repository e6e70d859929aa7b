//! The round-trip tests of the generated crate: every example body whose
//! documented type is a generated struct is embedded as a string literal,
//! deserialized into the struct and serialized back; the test asserts that
//! no property is lost or changed.
//!
//! An example is left out, with the reason in the generated file and in
//! the test output, when it cannot say anything about the types: its body is
//! not JSON, its documented type is not a generated struct, or it uses
//! placeholders (`"Boolean"` where a boolean belongs, `"String (timestamp)"`
//! for a timestamp). Placeholders never shape the generated types; the types
//! follow the property tables.
use crate::docs;
use crate::naming::{self, Scope};
use crate::output::display_path;
use crate::plan::Plan;
use crate::render::{Item, RustFile};
use crate::text::{self, Writer};
use crate::{test_file, Exclusion, GenError};
use graphdoc_model::{short_type_name, type_key, Body, Corpus, HttpMessage, Page};
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;

mod case_test;
pub mod check;

#[cfg(test)]
pub use case_test::text_layouts_checked;
use case_test::CaseTest;

/// One example body to round-trip.
pub struct Case {
    /// `docs-input/page.md:81`: the page and the line the message starts on.
    pub location: String,
    /// `request` or `response`.
    pub kind: &'static str,
    /// The annotation name of the example, if any.
    pub name: Option<String>,
    /// The documented type name as the docs spell it.
    pub documented: String,
    /// The struct it deserializes into.
    pub target: usize,
    /// The body is a collection response (`{"value": [...]}`).
    pub collection: bool,
    /// The JSON text the test embeds.
    pub json: String,
    /// Why the embedded text differs from the page, if it does.
    pub note: Option<String>,
    /// The members the type does not document, sorted, which must land in
    /// `additional`: one list for the body, or one per item of a collection.
    pub unlisted: Vec<Vec<String>>,
    /// The body's value, which the replay tests check again.
    pub value: Value,
    /// Which body of the corpus this is (see [`body_id`]), so that the
    /// replay tests take its text and value rather than parse it again.
    pub body: usize,
}

/// What identifies a body of the corpus while the corpus is borrowed: its
/// address.
pub fn body_id(body: &Body) -> usize {
    std::ptr::from_ref(body) as usize
}

/// A body as the tests embed it: the page's text tidied when it is strict
/// JSON, else the parsed value pretty-printed with a note saying so; its
/// value; or why it has none.
pub fn body_json(body: &Body) -> Result<(String, Value, Option<String>), String> {
    if let Ok(value) = serde_json::from_str::<Value>(&body.raw) {
        return Ok((tidy(&body.raw), value, None));
    }
    let Some(node) = &body.json else {
        return Err(match &body.json_error {
            Some(e) => format!("the body is not JSON: {}", e.value),
            None => "the body is not JSON".to_string(),
        });
    };
    let value = node.to_serde();
    let text = serde_json::to_string_pretty(&value)
        .map_err(|e| format!("the parsed body cannot be written back as JSON: {e}"))?;
    let note = "The body as written is not strict JSON (it elides members with `...` or uses \
                JSONC); the test embeds the parsed value.";
    Ok((text, value, Some(note.to_string())))
}

/// The tested examples and the excluded ones, in page order.
pub struct Examples {
    /// Examples that round-trip.
    pub cases: Vec<Case>,
    /// Examples left out, with the reason.
    pub excluded: Vec<Exclusion>,
}

/// Collects every example body of the corpus.
pub fn collect(plan: &Plan, corpus: &Corpus) -> Examples {
    // Pages are independent; their results are joined in page order.
    let pages: Vec<Examples> = corpus
        .pages
        .par_iter()
        .map(|page| {
            let mut out = Examples {
                cases: Vec::new(),
                excluded: Vec::new(),
            };
            for example in &page.examples {
                let messages: [(&'static str, _); 2] = [
                    ("request", &example.request),
                    ("response", &example.response),
                ];
                for (kind, message) in messages {
                    let Some(message) = message else { continue };
                    consider(plan, page, kind, message, example.name.as_deref(), &mut out);
                }
            }
            out
        })
        .collect();
    let mut out = Examples {
        cases: Vec::new(),
        excluded: Vec::new(),
    };
    for page in pages {
        out.cases.extend(page.cases);
        out.excluded.extend(page.excluded);
    }
    out
}

fn consider(
    plan: &Plan,
    page: &Page,
    kind: &'static str,
    message: &HttpMessage,
    name: Option<&str>,
    out: &mut Examples,
) {
    let Some(body) = message.body.as_ref().filter(|b| !b.raw.trim().is_empty()) else {
        return;
    };
    let location = format!("{}:{}", display_path(&page.path), message.span.line);
    let mut exclude = |reason: String| {
        out.excluded.push(Exclusion {
            example: [&location, " ", kind].concat(),
            reason,
        })
    };

    let Some((documented, collection)) = documented_type(page, kind, message) else {
        exclude(
            "no documented type (no @odata.type annotation, and no type link in the \
             page's Request body or Response section)"
                .into(),
        );
        return;
    };
    let Some(target) = plan.struct_named(&documented) else {
        let what = if plan.generated.contains_key(&type_key(&documented)) {
            "is an enum, not a struct"
        } else {
            "is not defined by any input page"
        };
        exclude(format!("documented type `{documented}` {what}"));
        return;
    };
    let (json, value, note) = match body_json(body) {
        Ok(parsed) => parsed,
        Err(reason) => {
            exclude(reason);
            return;
        }
    };
    let mut problems = Vec::new();
    let mut unlisted = Vec::new();
    if collection {
        match value.get("value") {
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    unlisted.push(check::item_of_value(plan, target, i, item, &mut problems));
                }
            }
            _ => problems.push("a collection response without a `value` array".into()),
        }
    } else {
        unlisted.push(check::body(plan, target, &value, &mut problems));
    }
    if !problems.is_empty() {
        exclude(problems.join("; "));
        return;
    }
    out.cases.push(Case {
        location,
        kind,
        name: name.map(str::to_string),
        documented,
        target,
        collection,
        json,
        note,
        unlisted,
        value,
        body: body_id(body),
    });
}

/// The type an example body documents: the block's `@odata.type`
/// annotation, else the page's Request body / Response type.
fn documented_type(page: &Page, kind: &str, message: &HttpMessage) -> Option<(String, bool)> {
    let annotation = message.annotation.as_ref();
    if let Some(annotated) = annotation.and_then(|a| a.odata_type.as_ref()) {
        let collection = annotation.is_some_and(|a| a.is_collection)
            || annotated.value.trim().starts_with("Collection(");
        return Some((short_type_name(&annotated.value), collection));
    }
    if kind == "request" {
        page.request_type().map(|t| (t, false))
    } else {
        let (t, collection) = page.response_type();
        t.map(|t| (t, collection))
    }
}

/// CRLF to LF and trailing blanks removed from each line. JSON strings
/// cannot span lines, so this whitespace is never inside a value.
pub fn tidy(raw: &str) -> String {
    // Most bodies have no line that ends in whitespace: then only the blank
    // lines at either end go, which one trim of `\n` drops. A non-ASCII
    // byte at a line end may be Unicode whitespace, so it takes the full
    // path too.
    // Branch-free and folded over every byte pair, so the compiler checks
    // many at once (lines are short: a search per line costs more).
    let maybe_space = |b: u8| (b == b' ') | (b.wrapping_sub(b'\t') <= b'\r' - b'\t') | (b >= 0x80);
    let bytes = raw.as_bytes();
    let trailing_space = bytes.last().is_some_and(|&b| b != b'\n' && maybe_space(b))
        || bytes
            .iter()
            .zip(bytes.iter().skip(1))
            .fold(false, |found, (&b, &next)| {
                found | ((next == b'\n') & (b != b'\n') & maybe_space(b))
            });
    if !trailing_space {
        return raw.trim_matches('\n').to_string();
    }
    // One pass: blank lines before the first text and after the last are
    // dropped, as trimming the joined lines of `\n` would drop them.
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines().map(str::trim_end) {
        if out.is_empty() {
            out.push_str(line);
        } else {
            out.push('\n');
            out.push_str(line);
        }
    }
    out.truncate(out.trim_end_matches('\n').len());
    out
}

/// The test function names, from page, line and direction (unique, since
/// one message starts per line), in snake case:
/// `create_skillproficiency_line_81_request`.
pub fn function_names(cases: &[(&str, &str)]) -> Result<Vec<String>, GenError> {
    let shared = shared_dir(cases.iter().map(|c| c.0));
    let stems: Vec<String> = cases
        .iter()
        .map(|&(location, kind)| {
            let (file, line) = location.rsplit_once(':').unwrap_or((location, ""));
            let file = file.strip_prefix(shared).unwrap_or(file);
            // The extension is noise in a function name; a dot in a folder
            // name is not an extension.
            let stem = match file.rfind('.') {
                Some(dot) if !file[dot..].contains('/') => &file[..dot],
                _ => file,
            };
            [stem, " line ", line, " ", kind].concat()
        })
        .collect();
    let refs: Vec<&str> = stems.iter().map(String::as_str).collect();
    let scope = Scope {
        description: "test functions".into(),
        case: naming::Case::Snake,
        reserved: &["excluded_examples_are_reported", "loopback_exchange"],
        reserved_suffix: "example",
    };
    scope.resolve(&refs)
}

/// The directory prefix (ending in `/`) that every location shares.
fn shared_dir<'a>(mut locations: impl Iterator<Item = &'a str>) -> &'a str {
    let dir = |l: &'a str| &l[..l.rfind('/').map_or(0, |i| i + 1)];
    let Some(first) = locations.next() else {
        return "";
    };
    locations.fold(dir(first), |shared, l| {
        // Compare by character so the cut is always on a char boundary.
        let common: usize = shared
            .chars()
            .zip(l.chars())
            .take_while(|(x, y)| x == y)
            .map(|(x, _)| x.len_utf8())
            .sum();
        dir(&shared[..common])
    })
}

/// A string literal of the JSON text: a raw string when possible, so the
/// body reads as it does on the page.
pub fn json_literal(text: &str) -> TokenStream {
    match raw_literal(text).and_then(|raw| raw.parse::<proc_macro2::Literal>().ok()) {
        Some(raw) => quote!(#raw),
        None => {
            let escaped = proc_macro2::Literal::string(text);
            quote!(#escaped)
        }
    }
}

/// Appends [`json_literal`] as text (the literal is written straight into
/// the file: bodies are large, and a copy costs a pass over them).
pub fn push_json_literal(out: &mut String, text: &str) {
    match raw_hashes(text) {
        Some(hashes) => {
            out.reserve(text.len() + 2 * hashes + 3);
            out.push('r');
            out.extend(std::iter::repeat_n('#', hashes));
            out.push('"');
            out.push_str(text);
            out.push('"');
            out.extend(std::iter::repeat_n('#', hashes));
        }
        None => out.push_str(&crate::text::string(text)),
    }
}

/// The raw string literal of `text`, with enough `#`s to hold it; `None`
/// when no raw string can (proc-macro2 reads these back as one literal, so
/// both renderings agree without lexing the text again).
fn raw_literal(text: &str) -> Option<String> {
    raw_hashes(text)?;
    let mut out = String::new();
    push_json_literal(&mut out, text);
    Some(out)
}

/// How many `#`s the raw string literal of `text` needs; `None` when no
/// raw string can hold it.
fn raw_hashes(text: &str) -> Option<usize> {
    // Raw strings cannot hold a bare CR; `tidy` removed CRLF, but an
    // embedded parsed value could still contain one.
    if text.contains('\r') {
        return None;
    }
    // The longest run of `#`s right after a `"`, found from each `#` (a
    // byte search; both are ASCII, so the text is not decoded).
    let bytes = text.as_bytes();
    let mut longest = 0;
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find('#')) {
        let start = from + at;
        let run = bytes[start..].iter().take_while(|&&b| b == b'#').count();
        if start > 0 && bytes[start - 1] == b'"' {
            longest = longest.max(run);
        }
        from = start + run;
    }
    // Rust allows at most 255 `#`s around a raw string.
    (longest < 255).then_some(longest + 1)
}

/// The summary, imports, tests and exclusions of `tests/examples/cases.rs`.
pub fn cases_module<'a>(
    plan: &'a Plan,
    examples: &'a Examples,
    crate_ident: &'a str,
) -> Result<RustFile<'a>, GenError> {
    let locations: Vec<(&str, &str)> = examples
        .cases
        .iter()
        .map(|c| (c.location.as_str(), c.kind))
        .collect();
    let names = function_names(&locations)?;
    let tested = match examples.cases.len() {
        1 => "1 example body round-trips through its documented type".to_string(),
        n => format!("{n} example bodies round-trip through their documented types"),
    };
    let summary = test_file::summary(&tested, examples.excluded.len());
    let used_types: BTreeSet<&str> = examples
        .cases
        .iter()
        .map(|case| plan.structs[case.target].ident.as_str())
        .collect();
    let mut items = Vec::with_capacity(examples.cases.len() + 4);
    if !examples.cases.is_empty() {
        let mut w = Writer::new();
        w.line(0, "use super::support::{assert_unlisted, round_trip};");
        items.push(Item::declaration(w.finish().unwrap_or_default()));
        let mut w = Writer::new();
        let types: Vec<String> = used_types
            .iter()
            .map(|t| text::ident(t).into_owned())
            .collect();
        w.use_group(
            "use",
            &format!("{}::types::", text::ident(crate_ident)),
            &types,
        );
        items.push(Item::declaration(w.finish().unwrap_or_default()));
    }
    items.extend(
        examples
            .cases
            .par_iter()
            .zip(names)
            .map(|(case, name)| Item::text(CaseTest::new(plan, case, name, crate_ident).text()))
            .collect::<Vec<_>>(),
    );
    items.extend(test_file::excluded_items(
        "Example bodies left out of the round trip",
        &[
            "Prints every excluded example with its reason, so that no example",
            "is skipped silently (run with `--nocapture` to see them).",
        ],
        &examples.excluded,
    ));
    Ok(RustFile {
        inner_doc: docs::paragraphs(&[summary]),
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_literals_pick_enough_hashes() {
        assert_eq!(json_literal("{}").to_string(), "r#\"{}\"#");
        assert_eq!(
            json_literal("{\"a#\": 1}").to_string(),
            "r#\"{\"a#\": 1}\"#"
        );
        assert_eq!(json_literal("\"#").to_string(), "r##\"\"#\"##");
        assert_eq!(
            json_literal("é\"##x\"#").to_string(),
            "r###\"é\"##x\"#\"###"
        );
        assert_eq!(json_literal("a\rb").to_string(), "\"a\\rb\"");
        // As many `#`s as the longest run after a quote, plus one.
        for (text, hashes) in [("a##\"#", 2), ("##", 1), ("\"###a\"#", 4), ("#\"", 1)] {
            let raw = raw_literal(text).expect("a raw string holds it");
            assert!(
                raw.starts_with(&format!("r{}\"", "#".repeat(hashes))),
                "{raw}"
            );
            assert!(
                !raw.starts_with(&format!("r{}", "#".repeat(hashes + 1))),
                "{raw}"
            );
        }
    }

    #[test]
    fn shared_dir_is_the_common_folder() {
        let two = ["docs-input/a/x.md:3", "docs-input/b.md:9"];
        assert_eq!(shared_dir(two.into_iter()), "docs-input/");
        assert_eq!(shared_dir(["docs-input/a.md:1"].into_iter()), "docs-input/");
        assert_eq!(shared_dir(["a.md:1", "b/c.md:2"].into_iter()), "");
        assert_eq!(shared_dir(["d/é/a.md:1", "d/è/b.md:2"].into_iter()), "d/");
    }

    #[test]
    fn tidy_normalizes_line_ends() {
        assert_eq!(tidy("\r\n{ \r\n  \"a\": 1  \r\n}\r\n"), "{\n  \"a\": 1\n}");
        // The fast path (no line ends in whitespace) and the line by line
        // path agree.
        let reference = |raw: &str| {
            let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
            lines.join("\n").trim_matches('\n').to_string()
        };
        for raw in [
            "",
            "\n",
            "\n\n{\n\n  \"a\": 1\n}\n\n",
            "{\"a\": \"é\"}\n",
            "a\u{a0}\nb",
            "a\u{3000}",
            "a \n",
            "a\r\nb\r",
            "\n  \n x",
            "x\x0b\ny\x0c",
        ] {
            assert_eq!(tidy(raw), reference(raw), "{raw:?}");
        }
    }
}
