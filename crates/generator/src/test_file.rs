//! What the two example test files (`cases.rs` and `replay.rs`) share: the
//! summary sentence, and the `EXCLUDED` list with the test that prints it.
use crate::render::Item;
use crate::text::{self, Writer};
use crate::Exclusion;

/// The summary paragraph: what was `done`, and how many examples are
/// excluded and where they are listed.
pub fn summary(done: &str, excluded: usize) -> String {
    let excluded = match excluded {
        1 => "1 is excluded".to_string(),
        n => format!("{n} are excluded"),
    };
    format!(
        "{done}; {excluded} (listed in `EXCLUDED`, printed by \
         `excluded_examples_are_reported`)."
    )
}

/// `const EXCLUDED` documented by `what` (`Example bodies left out of the
/// round trip`), and the test that prints every entry, documented by the
/// `report` lines.
pub fn excluded_items<'a>(what: &str, report: &[&str], excluded: &[Exclusion]) -> Vec<Item<'a>> {
    vec![
        Item::text(excluded_text(what, excluded)),
        Item::text(report_text(report)),
    ]
}

fn const_doc(what: &str) -> Vec<String> {
    vec![format!("{what}: `(example, reason)`.")]
}

/// The constant: one line when it fits, else one entry per line (or per
/// three lines when the entry does not fit one).
fn excluded_text(what: &str, excluded: &[Exclusion]) -> String {
    let entries: Vec<(String, String)> = excluded
        .iter()
        .map(|e| (text::string(&e.example), text::string(&e.reason)))
        .collect();
    // `(a, b)` of each entry, measured rather than built.
    let tuple_len = |(a, b): &(String, String)| a.len() + b.len() + 4;
    let head = "const EXCLUDED: &[(&str, &str)] = &[";
    let mut w = Writer::with_capacity(
        1024 + entries
            .iter()
            .map(|entry| tuple_len(entry) + 8)
            .sum::<usize>(),
    );
    w.doc(0, &const_doc(what));
    // `HEAD` + the tuples joined by `, ` + `];`
    let list = entries
        .iter()
        .map(|e| tuple_len(e) + 2)
        .sum::<usize>()
        .saturating_sub(2);
    if head.len() + list + 2 <= text::MARGIN {
        w.line_with(0, |out| {
            out.push_str(head);
            for (i, (example, reason)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_tuple(out, example, reason);
            }
            out.push_str("];");
        });
        return w.finish().unwrap_or_default();
    }
    w.line(0, head);
    for (i, entry) in entries.iter().enumerate() {
        let (example, reason) = entry;
        // The comma after the last entry only appears once the list breaks,
        // so it does not count for the fit.
        let comma = usize::from(i + 1 < entries.len());
        if 4 + tuple_len(entry) + comma <= text::MARGIN {
            w.line_with(4, |out| {
                push_tuple(out, example, reason);
                out.push(',');
            });
        } else {
            w.broken_list(4, "(", &[example.clone(), reason.clone()], "),");
        }
    }
    w.line(0, "];");
    w.finish().unwrap_or_default()
}

/// Appends `(a, b)`.
fn push_tuple(out: &mut String, a: &str, b: &str) {
    out.push('(');
    out.push_str(a);
    out.push_str(", ");
    out.push_str(b);
    out.push(')');
}

/// The test that prints every entry of `EXCLUDED`.
fn report_text(report: &[&str]) -> String {
    let report: Vec<String> = report.iter().map(|line| line.to_string()).collect();
    let mut w = Writer::new();
    w.doc(0, &report);
    w.line(0, "#[test]");
    w.line(0, "fn excluded_examples_are_reported() {");
    w.line(4, "for (example, reason) in EXCLUDED {");
    w.line(8, "eprintln!(\"excluded: {example}: {reason}\");");
    w.line(4, "}");
    w.line(0, "}");
    w.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs;
    use proc_macro2::TokenStream;
    use quote::quote;

    /// The reference tokens of [`excluded_items`].
    fn tokens(what: &str, report: &[&str], excluded: &[Exclusion]) -> TokenStream {
        let doc = docs::attrs(&const_doc(what));
        let report: Vec<String> = report.iter().map(|line| line.to_string()).collect();
        let report = docs::attrs(&report);
        let entries = excluded.iter().map(|e| {
            let (example, reason) = (&e.example, &e.reason);
            quote!((#example, #reason),)
        });
        quote! {
            #doc
            const EXCLUDED: &[(&str, &str)] = &[#(#entries)*];
            #report
            #[test]
            fn excluded_examples_are_reported() {
                for (example, reason) in EXCLUDED {
                    eprintln!("excluded: {example}: {reason}");
                }
            }
        }
    }

    /// Empty, short and long lists, and entries too long for one line,
    /// lay out as their tokens print.
    #[test]
    fn excluded_items_lay_out_as_tokens() {
        let entry = |example: &str, reason: &str| Exclusion {
            example: example.to_string(),
            reason: reason.to_string(),
        };
        let long = "x".repeat(60);
        let lists = [
            vec![],
            vec![entry("a.md:1 request", "no type")],
            vec![entry("a.md:1 request", "no type"), entry("b.md:2", "x")],
            vec![
                entry("a.md:1 request", &long),
                entry("b.md:2", "\"quoted\""),
            ],
            vec![
                entry("a.md:1", &"y".repeat(40)),
                entry("b.md:22", &"z".repeat(39)),
            ],
        ];
        for excluded in &lists {
            let what = "Example bodies left out";
            let report = ["Prints every excluded example."];
            let items = excluded_items(what, &report, excluded);
            let file = crate::render::file(
                "t.rs",
                "",
                crate::render::RustFile {
                    inner_doc: Vec::new(),
                    items,
                },
            );
            let tokens = crate::render::tokens_file("t.rs", "", tokens(what, &report, excluded));
            assert_eq!(file.expect("text"), tokens.expect("the tokens parse"));
        }
    }
}
