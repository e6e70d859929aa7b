//! The replay tests as text, laid out as prettyplease lays out their tokens
//! (`super::replay_test`, the reference in the tests).
//!
//! Three shapes decide the layout besides lines that fit: a struct literal
//! stays on one line only when it is at most 34 columns wide (prettyplease's
//! `end_with_max_width`) and breaks one field per line otherwise;
//! `vec![...]` is printed from its tokens, which fill lines (a break before
//! each `.` and after each `,`); arrays and tuples break one element per
//! line.
use super::Replay;
use crate::examples::push_json_literal;
use crate::requests::Requests;
use crate::text::{self, Writer, MARGIN};

/// The widest struct literal prettyplease keeps on one line.
const STRUCT_MAX_WIDTH: usize = 34;

/// The value of a field of the request literal.
enum Value {
    /// `"literal".into()`.
    Into(String),
    /// An expression that cannot break (`Vec::new()`, `None`).
    Plain(&'static str),
    /// `vec![("name".into(), "value".into()), ...]`, from literals.
    Query(Vec<(String, String)>),
}

impl Value {
    /// The value on one line.
    fn flat(&self) -> String {
        match self {
            Value::Into(literal) => [literal, ".into()"].concat(),
            Value::Plain(text) => text.to_string(),
            Value::Query(pairs) => {
                let mut out = String::from("vec![");
                for (blank, chunk) in query_chunks(pairs) {
                    out.extend(std::iter::repeat_n(' ', blank));
                    out.push_str(&chunk);
                }
                out.push(']');
                out
            }
        }
    }
}

/// A replay test: `doc` paragraphs, `#[test]`, and the function `name`.
pub fn test(requests: &Requests, case: &Replay, name: &str, doc: &[String]) -> String {
    let r = &requests.pages[case.page].requests[case.request];
    let mut w = Writer::with_capacity(2048 + case.body.as_ref().map_or(0, String::len));
    w.prose(0, doc);
    w.line(0, "#[test]");
    // A signature without parameters has no break opportunity.
    w.join_line(0, &["fn ", &text::ident(name), "() {"]);
    if let Some(body) = &case.body {
        w.line_with(4, |out| {
            out.push_str("let body = ");
            push_json_literal(out, body);
            out.push(';');
        });
    }
    let mut fields: Vec<(String, Value)> = r
        .params
        .iter()
        .zip(&case.values)
        .map(|(p, v)| {
            (
                text::ident(&p.ident).into_owned(),
                Value::Into(text::string(v)),
            )
        })
        .collect();
    let query = if case.query.is_empty() {
        Value::Plain("Vec::new()")
    } else {
        let literals = case.query.iter().map(|(n, v)| literals(n, v)).collect();
        Value::Query(literals)
    };
    fields.push(("query".into(), query));
    if r.has_body {
        let body = if case.body.is_some() {
            "Some(json(body))"
        } else {
            "None"
        };
        fields.push(("body".into(), Value::Plain(body)));
    }
    let path = ["requests::", &text::ident(&r.ident)].concat();
    struct_literal(&mut w, "let request = ", &path, &fields);
    w.line(4, "replay(");
    w.line(8, "request,");
    w.join_line(8, &[&text::string(&case.base), ","]);
    w.line(8, "&Sent {");
    w.join_line(12, &["method: ", &text::string(&case.method), ","]);
    w.join_line(12, &["path: ", &text::string(&case.path), ","]);
    let sent: Vec<(String, String)> = case.query.iter().map(|(n, v)| literals(n, v)).collect();
    sent_query(&mut w, &sent);
    w.line(
        12,
        if case.body.is_some() {
            "body: Some(body),"
        } else {
            "body: None,"
        },
    );
    w.line(8, "},");
    w.line(4, ");");
    w.line(0, "}");
    w.finish().unwrap_or_default()
}

/// A query option's name and value as string literals.
fn literals(name: &str, value: &str) -> (String, String) {
    (text::string(name), text::string(value))
}

/// `HEAD PATH { fields };` at indentation 4.
fn struct_literal(w: &mut Writer, head: &str, path: &str, fields: &[(String, Value)]) {
    let values: Vec<String> = fields.iter().map(|(_, value)| value.flat()).collect();
    // `name: value` joined by `, `.
    let flat = fields
        .iter()
        .zip(&values)
        .map(|((name, _), value)| name.len() + 2 + value.len() + 2)
        .sum::<usize>()
        .saturating_sub(2);
    // The width counts the path, ` {`, a space on each side of the fields.
    let width = path.len() + 3 + flat + 1;
    // `HEAD PATH { FIELDS };`
    let line = head.len() + path.len() + 3 + flat + 3;
    if width <= STRUCT_MAX_WIDTH && 4 + line <= MARGIN {
        w.line_with(4, |out| {
            out.push_str(head);
            out.push_str(path);
            out.push_str(" { ");
            for (i, ((name, _), value)) in fields.iter().zip(&values).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(name);
                out.push_str(": ");
                out.push_str(value);
            }
            out.push_str(" };");
        });
        return;
    }
    w.join_line(4, &[head, path, " {"]);
    let last = fields.len().saturating_sub(1);
    for (i, ((name, value), flat)) in fields.iter().zip(&values).enumerate() {
        // The comma after the last field appears only once the literal
        // breaks, so it does not count for the fit.
        let comma = usize::from(i != last);
        // `name: value,`
        let line = [name.as_str(), ": ", flat, ","];
        if 8 + name.len() + 2 + flat.len() + comma <= MARGIN {
            w.join_line(8, &line);
            continue;
        }
        match value {
            Value::Into(literal) => {
                w.join_line(8, &[name, ": ", literal]);
                w.line(12, ".into(),");
            }
            Value::Plain(_) => w.join_line(8, &line),
            Value::Query(pairs) => {
                w.join_line(8, &[name, ": vec!["]);
                fill(w, 12, &query_chunks(pairs));
                w.line(8, "],");
            }
        }
    }
    w.line(4, "};");
}

/// The tokens of `("name".into(), "value".into()), ...` as prettyplease
/// prints a macro's tokens: each chunk with the blank that precedes it
/// where the line may break (before a `.`, after a `,`).
fn query_chunks(pairs: &[(String, String)]) -> Vec<(usize, String)> {
    let mut chunks = Vec::with_capacity(pairs.len() * 4);
    for (i, (name, value)) in pairs.iter().enumerate() {
        let comma = if i + 1 < pairs.len() { "," } else { "" };
        chunks.push((usize::from(i > 0), format!("({name}")));
        chunks.push((0, ".into(),".to_string()));
        chunks.push((1, value.clone()));
        chunks.push((0, format!(".into()){comma}")));
    }
    chunks
}

/// Chunks filling lines at `indent`: a chunk goes on the line when it and
/// its blank fit, else it starts the next line (the first chunk never
/// breaks).
fn fill(w: &mut Writer, indent: usize, chunks: &[(usize, String)]) {
    let mut line = String::new();
    for (i, (blank, chunk)) in chunks.iter().enumerate() {
        if i > 0 && indent + line.len() + blank + chunk.len() > MARGIN {
            w.line(indent, &line);
            line.clear();
        } else if i > 0 {
            line.extend(std::iter::repeat_n(' ', *blank));
        }
        line.push_str(chunk);
    }
    w.line(indent, &line);
}

/// `query: &[("name", "value"), ...],` in the `Sent` literal (indentation
/// 12): flat when it fits, else one tuple per line, a tuple that does not
/// fit one element per line.
fn sent_query(w: &mut Writer, pairs: &[(String, String)]) {
    // `(name, value)`, measured rather than built.
    let tuple = |(n, v): &(String, String)| n.len() + v.len() + 4;
    let push_tuple = |out: &mut String, (n, v): &(String, String)| {
        out.push('(');
        out.push_str(n);
        out.push_str(", ");
        out.push_str(v);
        out.push(')');
    };
    // `query: &[TUPLES],`
    let tuples = pairs
        .iter()
        .map(|p| tuple(p) + 2)
        .sum::<usize>()
        .saturating_sub(2);
    if 12 + "query: &[".len() + tuples + "],".len() <= MARGIN {
        w.line_with(12, |out| {
            out.push_str("query: &[");
            for (i, pair) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_tuple(out, pair);
            }
            out.push_str("],");
        });
        return;
    }
    w.line(12, "query: &[");
    for (i, pair) in pairs.iter().enumerate() {
        let (name, value) = pair;
        let comma = usize::from(i + 1 < pairs.len());
        if 16 + tuple(pair) + comma <= MARGIN {
            w.line_with(16, |out| {
                push_tuple(out, pair);
                out.push(',');
            });
        } else {
            w.broken_list(16, "(", &[name.clone(), value.clone()], "),");
        }
    }
    w.line(12, "],");
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::TokenStream;
    use quote::quote;

    /// `fn f() { let request = ...; }` printed by prettyplease.
    fn printed(tokens: TokenStream) -> String {
        let file = crate::render::tokens_file("t.rs", "", tokens).expect("the tokens parse");
        file.contents
    }

    /// The request literal and the sent query options lay out as their
    /// tokens print: flat and broken literals, values that break before
    /// `.into()`, query options that fill lines, tuples that break.
    #[test]
    fn literals_lay_out_as_tokens() {
        let word = |n: usize| "abcdefghij".repeat(8)[..n].to_string();
        for seed in 0..300u64 {
            // A small generator, so the shapes vary independently.
            let mut state = seed;
            let mut next = |m: usize| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                usize::try_from(state >> 33).unwrap_or(0) % m
            };
            let params: Vec<(String, String)> = (0..next(3))
                .map(|i| (format!("p{i}_{}", word(next(8))), word(next(76))))
                .collect();
            let query: Vec<(String, String)> = (0..next(4))
                .map(|_| (format!("${}", word(next(6) + 3)), word(next(81))))
                .collect();
            let name = format!("R{}", word(next(3) * next(20)));
            let with_body = next(3) == 0;

            let mut fields: Vec<(String, Value)> = params
                .iter()
                .map(|(p, v)| (p.clone(), Value::Into(text::string(v))))
                .collect();
            let literals: Vec<(String, String)> =
                query.iter().map(|(n, v)| literals(n, v)).collect();
            let value = if query.is_empty() {
                Value::Plain("Vec::new()")
            } else {
                Value::Query(literals.clone())
            };
            fields.push(("query".into(), value));
            if with_body {
                fields.push(("body".into(), Value::Plain("None")));
            }
            let mut w = Writer::new();
            w.line(0, "fn f() {");
            struct_literal(
                &mut w,
                "let request = ",
                &format!("requests::{name}"),
                &fields,
            );
            w.line(4, "replay(");
            w.line(8, "request,");
            w.line(8, "\"\",");
            w.line(8, "&Sent {");
            w.line(12, "path: \"/x\",");
            sent_query(&mut w, &literals);
            w.line(12, "body: None,");
            w.line(8, "},");
            w.line(4, ");");
            w.line(0, "}");
            let text = format!("\n{}", w.finish().unwrap_or_default());

            let ident = crate::naming::ident(&name);
            let params = params.iter().map(|(p, v)| {
                let p = crate::naming::ident(p);
                quote!(#p: #v.into(),)
            });
            let query_field = if query.is_empty() {
                quote!(query: Vec::new(),)
            } else {
                let pairs = query.iter().map(|(n, v)| quote!((#n.into(), #v.into())));
                quote!(query: vec![#(#pairs),*],)
            };
            let body = with_body.then(|| quote!(body: None,));
            let sent = query.iter().map(|(n, v)| quote!((#n, #v)));
            let tokens = quote! {
                fn f() {
                    let request = requests::#ident { #(#params)* #query_field #body };
                    replay(request, "", &Sent { path: "/x", query: &[#(#sent),*], body: None });
                }
            };
            assert_eq!(text, printed(tokens), "seed {seed}");
        }
    }
}
