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
use crate::plan::{FieldPlan, Plan};
use crate::render::{Item, RustFile};
use crate::text::{self, Writer};
use crate::types::{self, Scalar};
use crate::{test_file, Exclusion, GenError};
use graphdoc_model::{short_type_name, type_key, Corpus, HttpMessage, Page, Primitive, TypeTarget};
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;

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
    let label = format!("{location} {kind}");
    let mut exclude = |reason: String| {
        out.excluded.push(Exclusion {
            example: label.clone(),
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
    let (json, value, note) = match serde_json::from_str::<Value>(&body.raw) {
        Ok(value) => (tidy(&body.raw), value, None),
        Err(_) => match &body.json {
            Some(node) => {
                let value = node.to_serde();
                match serde_json::to_string_pretty(&value) {
                    Ok(text) => {
                        let note = "The body as written is not strict JSON (it elides members \
                                    with `...` or uses JSONC); the test embeds the parsed value.";
                        (text, value, Some(note.to_string()))
                    }
                    Err(e) => {
                        exclude(format!(
                            "the parsed body cannot be written back as JSON: {e}"
                        ));
                        return;
                    }
                }
            }
            None => {
                exclude(match &body.json_error {
                    Some(e) => format!("the body is not JSON: {}", e.value),
                    None => "the body is not JSON".to_string(),
                });
                return;
            }
        },
    };
    let mut problems = Vec::new();
    let mut unlisted = Vec::new();
    if collection {
        match value.get("value") {
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    check_struct(plan, target, item, &format!("value[{i}]"), &mut problems);
                    unlisted.push(unlisted_members(plan, target, item));
                }
            }
            _ => problems.push("a collection response without a `value` array".into()),
        }
    } else {
        check_struct(plan, target, &value, "", &mut problems);
        unlisted.push(unlisted_members(plan, target, &value));
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
    });
}

/// The members of an object that no field of the struct (or its bases)
/// takes, sorted.
fn unlisted_members(plan: &Plan, index: usize, value: &Value) -> Vec<String> {
    let mut out: Vec<String> = value
        .as_object()
        .map(|members| {
            members
                .keys()
                .filter(|key| plan.find_field(index, key).is_none())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
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
    let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

fn at(path: &str) -> &str {
    if path.is_empty() {
        "the body"
    } else {
        path
    }
}

fn member_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

pub fn check_struct(plan: &Plan, index: usize, value: &Value, path: &str, out: &mut Vec<String>) {
    let Value::Object(members) = value else {
        out.push(format!(
            "{}: {} where an object belongs",
            at(path),
            compact(value)
        ));
        return;
    };
    for (key, member) in members {
        // Members the type does not document go to `additional`, which
        // takes any JSON.
        if let Some(field) = plan.find_field(index, key) {
            check_field(plan, field, member, &member_path(path, key), out);
        }
    }
}

fn check_field(plan: &Plan, field: &FieldPlan, value: &Value, path: &str, out: &mut Vec<String>) {
    if value.is_null() {
        return;
    }
    if !field.ty.collection {
        check_value(plan, field, value, path, out);
        return;
    }
    let Value::Array(items) = value else {
        out.push(format!(
            "{path}: {} where a collection belongs",
            compact(value)
        ));
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let item_path = format!("{path}[{i}]");
        if item.is_null() {
            out.push(format!("{item_path}: null inside a collection"));
        } else {
            check_value(plan, field, item, &item_path, out);
        }
    }
}

fn check_value(plan: &Plan, field: &FieldPlan, value: &Value, path: &str, out: &mut Vec<String>) {
    let documented = field
        .property
        .map_or("String", |p| p.type_ref.name.as_str());
    let fits = match field.ty.scalar {
        Scalar::Json => true,
        Scalar::Struct(t) => {
            check_struct(plan, t, value, path, out);
            return;
        }
        Scalar::String | Scalar::Enum(_) => value.is_string(),
        Scalar::Bool => value.is_boolean(),
        Scalar::U8 => value.as_u64().is_some_and(|n| u8::try_from(n).is_ok()),
        Scalar::I8 => value.as_i64().is_some_and(|n| i8::try_from(n).is_ok()),
        Scalar::I16 => value.as_i64().is_some_and(|n| i16::try_from(n).is_ok()),
        Scalar::I32 => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        Scalar::I64 => value.as_i64().is_some(),
        Scalar::F64 | Scalar::Number => value.is_number(),
    };
    let placeholder = value
        .as_str()
        .filter(|s| is_placeholder(s, field, documented));
    if let Some(text) = placeholder {
        out.push(format!(
            "{path}: the placeholder {text:?} stands where a `{documented}` value belongs"
        ));
    } else if !fits {
        out.push(format!(
            "{path}: {} is not {}, as the documented type `{documented}` requires",
            compact(value),
            types::describe(field.ty.scalar)
        ));
    }
}

/// Whether a string is a type-name placeholder (`"String"`, `"Boolean"`,
/// `"String (timestamp)"`, `"Edm.Int32"`, the documented type's own name)
/// rather than a value. A documented possible value or enum member is never
/// a placeholder, even when it is spelled like a type (`"String"` is a
/// member of some enums).
fn is_placeholder(text: &str, field: &FieldPlan, documented: &str) -> bool {
    if let Some(p) = field.property {
        if p.possible_values.iter().any(|v| v.value == text) {
            return false;
        }
    }
    let head = text.trim();
    let head = head.split(" (").next().unwrap_or(head).trim();
    let head = head.strip_prefix("Edm.").unwrap_or(head);
    let names_primitive = Primitive::ALL
        .iter()
        .any(|p| p.name().eq_ignore_ascii_case(head));
    let names_documented = !head.is_empty()
        && field
            .property
            .is_some_and(|p| p.type_ref.target == TypeTarget::Named)
        && type_key(head) == type_key(documented);
    names_primitive || names_documented
}

fn compact(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}...", text.chars().take(40).collect::<String>())
    } else {
        text
    }
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
            format!("{stem} line {line} {kind}")
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

/// [`json_literal`] as text.
pub fn json_literal_text(text: &str) -> String {
    raw_literal(text).unwrap_or_else(|| crate::text::string(text))
}

/// The raw string literal of `text`, with enough `#`s to hold it; `None`
/// when no raw string can (proc-macro2 reads these back as one literal, so
/// both renderings agree without lexing the text again).
fn raw_literal(text: &str) -> Option<String> {
    // Raw strings cannot hold a bare CR; `tidy` removed CRLF, but an
    // embedded parsed value could still contain one.
    if text.contains('\r') {
        return None;
    }
    let mut longest = 0;
    let mut run: Option<usize> = None;
    for c in text.chars() {
        run = match (c, run) {
            ('"', _) => Some(0),
            ('#', Some(n)) => {
                longest = longest.max(n + 1);
                Some(n + 1)
            }
            _ => None,
        };
    }
    // Rust allows at most 255 `#`s around a raw string.
    if longest + 1 > 255 {
        return None;
    }
    let hashes = "#".repeat(longest + 1);
    Some(format!("r{hashes}\"{text}\"{hashes}"))
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
        let types: Vec<String> = used_types.iter().map(|t| text::ident(t)).collect();
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

/// One round-trip test, decided once for both renderings.
struct CaseTest<'a> {
    case: &'a Case,
    doc: Vec<String>,
    function: String,
    /// The struct's name.
    ty: &'a str,
    krate: &'a str,
}

impl<'a> CaseTest<'a> {
    fn new(plan: &'a Plan, case: &'a Case, name: String, krate: &'a str) -> CaseTest<'a> {
        let what = match &case.name {
            Some(n) => format!("the {} of example {}", case.kind, docs::code(n)),
            None => format!("the {}", case.kind),
        };
        let mut paragraphs = vec![format!(
            "{}: {what}, documented as {}{}.",
            docs::code(&case.location),
            docs::code(&case.documented),
            if case.collection { " (collection)" } else { "" }
        )];
        paragraphs.extend(case.note.clone());
        CaseTest {
            case,
            doc: docs::paragraphs(&paragraphs),
            function: name,
            ty: &plan.structs[case.target].ident,
            krate,
        }
    }

    /// The test as text, laid out as prettyplease lays out [`Self::tokens`].
    fn text(&self) -> String {
        let item = text::ident(self.ty);
        let collection = format!("{}::requests::Collection", text::ident(self.krate));
        let ty = if self.case.collection {
            format!("{collection}<{item}>")
        } else {
            item.clone()
        };
        let mut w = Writer::new();
        w.doc(0, &self.doc);
        w.line(0, "#[test]");
        // A signature without parameters has no break opportunity.
        w.line(0, &format!("fn {}() {{", text::ident(&self.function)));
        w.line(
            4,
            &format!("let body = {};", json_literal_text(&self.case.json)),
        );
        let typed = format!("let typed = round_trip::<{ty}>(body);");
        if 4 + typed.len() <= text::MARGIN {
            w.line(4, &typed);
        } else {
            // The turbofish is the statement's first group, so it is the
            // one that breaks, wherever the line overflows; the collection
            // type's own arguments break when they do not fit their line
            // (the comma after them does not count).
            w.line(4, "let typed = round_trip::<");
            if self.case.collection && 8 + ty.len() > text::MARGIN {
                w.broken_list(8, &format!("{collection}<"), &[item], ">,");
            } else {
                w.line(8, &format!("{ty},"));
            }
            w.line(4, ">(body);");
        }
        let lists: Vec<Vec<String>> = self
            .case
            .unlisted
            .iter()
            .map(|keys| keys.iter().map(|k| text::string(k)).collect())
            .collect();
        if self.case.collection {
            let flat: Vec<String> = lists.iter().map(|keys| array(keys)).collect();
            let line = format!("let unlisted: &[&[&str]] = &[{}];", flat.join(", "));
            if 4 + line.len() <= text::MARGIN {
                w.line(4, &line);
            } else {
                // One list per line; a list that does not fit (its comma
                // counts unless it is the last) breaks too.
                w.line(4, "let unlisted: &[&[&str]] = &[");
                for (i, (keys, flat)) in lists.iter().zip(&flat).enumerate() {
                    let comma = usize::from(i + 1 < lists.len());
                    if 8 + flat.len() + comma <= text::MARGIN {
                        w.line(8, &format!("{flat},"));
                    } else {
                        w.broken_list(8, "&[", keys, "],");
                    }
                }
                w.line(4, "];");
            }
            w.line(4, "assert_eq!(typed.value.len(), unlisted.len());");
            w.line(
                4,
                "for (item, expected) in typed.value.iter().zip(unlisted) {",
            );
            w.line(8, "assert_unlisted(item.additional(), expected);");
            w.line(4, "}");
        } else {
            let keys = lists.first().map_or(&[][..], Vec::as_slice);
            let list = array(keys);
            let flat = format!("assert_unlisted(typed.additional(), {list});");
            if 4 + flat.len() <= text::MARGIN {
                w.line(4, &flat);
            } else {
                w.line(4, "assert_unlisted(");
                w.line(8, "typed.additional(),");
                if 8 + list.len() <= text::MARGIN {
                    w.line(8, &format!("{list},"));
                } else {
                    w.broken_list(8, "&[", keys, "],");
                }
                w.line(4, ");");
            }
        }
        w.line(0, "}");
        w.finish().unwrap_or_default()
    }

    /// The test's tokens: the reference layout of [`Self::text`].
    #[cfg(test)]
    fn tokens(&self) -> TokenStream {
        let doc = docs::attrs(&self.doc);
        let function = naming::ident(&self.function);
        let ty = naming::ident(self.ty);
        let ty = if self.case.collection {
            let krate = naming::ident(self.krate);
            quote!(#krate::requests::Collection<#ty>)
        } else {
            quote!(#ty)
        };
        let literal = json_literal(&self.case.json);
        let keys = |keys: &Vec<String>| quote!(&[#(#keys),*]);
        let unlisted = if self.case.collection {
            let lists = self.case.unlisted.iter().map(keys);
            quote! {
                let unlisted: &[&[&str]] = &[#(#lists),*];
                assert_eq!(typed.value.len(), unlisted.len());
                for (item, expected) in typed.value.iter().zip(unlisted) {
                    assert_unlisted(item.additional(), expected);
                }
            }
        } else {
            let list = self.case.unlisted.first().map_or_else(|| quote!(&[]), keys);
            quote!(assert_unlisted(typed.additional(), #list);)
        };
        quote! {
            #doc
            #[test]
            fn #function() {
                let body = #literal;
                let typed = round_trip::<#ty>(body);
                #unlisted
            }
        }
    }
}

/// `&[a, b]`: a slice of the items on one line.
fn array(items: &[String]) -> String {
    format!("&[{}]", items.join(", "))
}

/// Asserts that every round-trip test laid out as text reads as its tokens
/// print, for the example pages' cases and for variants of the first one
/// with the shapes pages rarely have (long types, key lists and names);
/// returns how many were compared.
#[cfg(test)]
pub fn text_layouts_checked(plan: &Plan, examples: &Examples) -> usize {
    let check = |case: &Case, name: String, krate: &str| {
        let test = CaseTest::new(plan, case, name, krate);
        let tokens = crate::render::tokens_file("t.rs", "", test.tokens());
        let tokens = tokens.expect("the tokens parse");
        let text = crate::render::text_rust_file("t.rs", "", &test.text());
        assert_eq!(text, tokens, "{}", test.function);
    };
    let mut written = 0;
    for (i, case) in examples.cases.iter().enumerate() {
        check(case, format!("case_{i}"), "graphdoc_generated");
        written += 1;
    }
    let Some(first) = examples.cases.first() else {
        return written;
    };
    for seed in 0..120usize {
        let keys = |n: usize, salt: usize| -> Vec<String> {
            (0..n)
                .map(|k| format!("k{k}{}", "x".repeat((seed * 7 + k * 5 + salt) % 31)))
                .collect()
        };
        let collection = seed % 2 == 0;
        let unlisted = if collection {
            (0..seed % 5).map(|j| keys((seed + j) % 7, j)).collect()
        } else {
            vec![keys(seed % 9, 0)]
        };
        let case = Case {
            location: first.location.clone(),
            kind: first.kind,
            name: None,
            documented: first.documented.clone(),
            target: first.target,
            collection,
            json: "{}".into(),
            note: None,
            unlisted,
        };
        let krate = format!("k{}", "r".repeat(seed * 13 % 60));
        check(&case, format!("case_{}", "n".repeat(seed * 3 % 95)), &krate);
        written += 1;
    }
    written
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
        assert_eq!(json_literal("a\rb").to_string(), "\"a\\rb\"");
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
    }
}
