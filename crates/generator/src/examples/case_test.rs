//! One round-trip test of `tests/examples/cases.rs`: its text, laid out as
//! prettyplease lays out its tokens (which tests keep as the reference).
use super::{push_json_literal, Case};
use crate::docs;
use crate::plan::Plan;
use crate::text::{self, Writer};

/// One round-trip test, decided once for both renderings.
pub struct CaseTest<'a> {
    case: &'a Case,
    /// The doc paragraphs, which each rendering wraps.
    doc: Vec<String>,
    function: String,
    /// The struct's name.
    ty: &'a str,
    krate: &'a str,
}

impl<'a> CaseTest<'a> {
    pub fn new(plan: &'a Plan, case: &'a Case, name: String, krate: &'a str) -> CaseTest<'a> {
        // `LOCATION`: the KIND[ of example `NAME`], documented as `TYPE`[ (collection)].
        let mut first = String::with_capacity(128);
        docs::push_code(&mut first, &[&case.location]);
        first.push_str(": the ");
        first.push_str(case.kind);
        if let Some(n) = &case.name {
            first.push_str(" of example ");
            docs::push_code(&mut first, &[n]);
        }
        first.push_str(", documented as ");
        docs::push_code(&mut first, &[&case.documented]);
        if case.collection {
            first.push_str(" (collection)");
        }
        first.push('.');
        let mut paragraphs = vec![first];
        paragraphs.extend(case.note.clone());
        CaseTest {
            case,
            doc: paragraphs,
            function: name,
            ty: &plan.structs[case.target].ident,
            krate,
        }
    }

    /// The test as text, laid out as prettyplease lays out [`Self::tokens`].
    pub fn text(&self) -> String {
        let item = text::ident(self.ty);
        let collection = [&text::ident(self.krate), "::requests::Collection"].concat();
        let ty = if self.case.collection {
            [&collection, "<", &item, ">"].concat()
        } else {
            item.to_string()
        };
        let mut w = Writer::with_capacity(self.case.json.len() + 1024);
        w.prose(0, &self.doc);
        w.line(0, "#[test]");
        // A signature without parameters has no break opportunity.
        w.join_line(0, &["fn ", &text::ident(&self.function), "() {"]);
        w.line_with(4, |out| {
            out.push_str("let body = ");
            push_json_literal(out, &self.case.json);
            out.push(';');
        });
        const TYPED: (&str, &str) = ("let typed = round_trip::<", ">(body);");
        if 4 + TYPED.0.len() + ty.len() + TYPED.1.len() <= text::MARGIN {
            w.join_line(4, &[TYPED.0, &ty, TYPED.1]);
        } else {
            // The turbofish is the statement's first group, so it is the
            // one that breaks, wherever the line overflows; the collection
            // type's own arguments break when they do not fit their line
            // (the comma after them does not count).
            w.line(4, TYPED.0);
            if self.case.collection && 8 + ty.len() > text::MARGIN {
                w.broken_list(8, &[&collection, "<"].concat(), &[item.into_owned()], ">,");
            } else {
                w.join_line(8, &[&ty, ","]);
            }
            w.line(4, TYPED.1);
        }
        let lists: Vec<Vec<String>> = self
            .case
            .unlisted
            .iter()
            .map(|keys| keys.iter().map(|k| text::string(k)).collect())
            .collect();
        if self.case.collection {
            const HEAD: &str = "let unlisted: &[&[&str]] = &[";
            // `HEAD` + the lists joined by `, ` + `];`
            let lists_len: usize = lists.iter().map(|keys| array_len(keys) + 2).sum();
            if 4 + HEAD.len() + lists_len.saturating_sub(2) + 2 <= text::MARGIN {
                w.line_with(4, |out| {
                    out.push_str(HEAD);
                    for (i, keys) in lists.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        push_array(out, keys);
                    }
                    out.push_str("];");
                });
            } else {
                // One list per line; a list that does not fit (its comma
                // counts unless it is the last) breaks too.
                w.line(4, HEAD);
                for (i, keys) in lists.iter().enumerate() {
                    array_item(&mut w, 8, keys, usize::from(i + 1 < lists.len()));
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
            const CALL: (&str, &str) = ("assert_unlisted(typed.additional(), ", ");");
            let keys = lists.first().map_or(&[][..], Vec::as_slice);
            let list = array_len(keys);
            if 4 + CALL.0.len() + list + CALL.1.len() <= text::MARGIN {
                w.line_with(4, |out| {
                    out.push_str(CALL.0);
                    push_array(out, keys);
                    out.push_str(CALL.1);
                });
            } else {
                w.line(4, "assert_unlisted(");
                w.line(8, "typed.additional(),");
                array_item(&mut w, 8, keys, 0);
                w.line(4, ");");
            }
        }
        w.line(0, "}");
        w.finish().unwrap_or_default()
    }

    /// The test's tokens: the reference layout of [`Self::text`].
    #[cfg(test)]
    fn tokens(&self) -> proc_macro2::TokenStream {
        use crate::naming;
        use quote::quote;
        let doc = docs::attrs(&docs::paragraphs(&self.doc));
        let function = naming::ident(&self.function);
        let ty = naming::ident(self.ty);
        let ty = if self.case.collection {
            let krate = naming::ident(self.krate);
            quote!(#krate::requests::Collection<#ty>)
        } else {
            quote!(#ty)
        };
        let literal = super::json_literal(&self.case.json);
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

/// The length of `&[a, b]`, a slice of the items on one line.
fn array_len(items: &[String]) -> usize {
    "&[]".len()
        + items
            .iter()
            .map(|i| i.len() + 2)
            .sum::<usize>()
            .saturating_sub(2)
}

/// Appends `&[a, b]`.
fn push_array(out: &mut String, items: &[String]) {
    out.push_str("&[");
    text::push_joined(out, items);
    out.push(']');
}

/// `&[a, b],` as an item of a broken list: flat when it fits with `counted`
/// more columns after it (prettyplease does not count the trailing comma of
/// a list's last item), else broken one key per line.
fn array_item(w: &mut text::Writer, indent: usize, keys: &[String], counted: usize) {
    if indent + array_len(keys) + counted <= text::MARGIN {
        w.line_with(indent, |out| {
            push_array(out, keys);
            out.push(',');
        });
    } else {
        w.broken_list(indent, "&[", keys, "],");
    }
}

/// Asserts that every round-trip test laid out as text reads as its tokens
/// print, for the example pages' cases and for variants of the first one
/// with the shapes pages rarely have (long types, key lists and names);
/// returns how many were compared.
#[cfg(test)]
pub fn text_layouts_checked(plan: &Plan, examples: &super::Examples) -> usize {
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
            value: serde_json::Value::Null,
            body: 0,
        };
        let krate = format!("k{}", "r".repeat(seed * 13 % 60));
        check(&case, format!("case_{}", "n".repeat(seed * 3 % 95)), &krate);
        written += 1;
    }
    written
}
