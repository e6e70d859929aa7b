//! What the two example test files (`cases.rs` and `replay.rs`) share: the
//! summary sentence, and the `EXCLUDED` list with the test that prints it.
use crate::render::Item;
use crate::text::{self, Writer};
use crate::{docs, Exclusion};
use quote::quote;

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
pub fn excluded_items<'a>(
    what: &'a str,
    report: &[&str],
    excluded: &'a [Exclusion],
) -> Vec<Item<'a>> {
    let report: Vec<String> = report.iter().map(|line| line.to_string()).collect();
    let constant = excluded_text(what, excluded).map_or_else(
        || {
            Item::tokens(move || {
                let doc = docs::attrs(&const_doc(what));
                let entries = excluded.iter().map(|e| {
                    let (example, reason) = (&e.example, &e.reason);
                    quote!((#example, #reason),)
                });
                quote! {
                    #doc
                    const EXCLUDED: &[(&str, &str)] = &[#(#entries)*];
                }
            })
        },
        Item::text,
    );
    let mut w = Writer::new();
    w.doc(0, &report);
    w.line(0, "#[test]");
    w.line(0, "fn excluded_examples_are_reported() {");
    w.line(4, "for (example, reason) in EXCLUDED {");
    w.line(8, "eprintln!(\"excluded: {example}: {reason}\");");
    w.line(4, "}");
    w.line(0, "}");
    let test = w.finish().map_or_else(
        || {
            Item::tokens(move || {
                let doc = docs::attrs(&report);
                quote! {
                    #doc
                    #[test]
                    fn excluded_examples_are_reported() {
                        for (example, reason) in EXCLUDED {
                            eprintln!("excluded: {example}: {reason}");
                        }
                    }
                }
            })
        },
        Item::text,
    );
    vec![constant, test]
}

fn const_doc(what: &str) -> Vec<String> {
    vec![format!("{what}: `(example, reason)`.")]
}

/// The constant as text when its list breaks, one entry per line (or per
/// three lines when the entry does not fit one); `None` for a list that
/// fits one line, which the tokens lay out.
fn excluded_text(what: &str, excluded: &[Exclusion]) -> Option<String> {
    let entries: Vec<(String, String)> = excluded
        .iter()
        .map(|e| (text::string(&e.example), text::string(&e.reason)))
        .collect();
    let flat: usize = entries.iter().map(|(a, b)| a.len() + b.len() + 6).sum();
    let head = "const EXCLUDED: &[(&str, &str)] = &[";
    if entries.is_empty() || head.len() + flat <= text::MARGIN {
        return None;
    }
    let mut w = Writer::new();
    w.doc(0, &const_doc(what));
    w.line(0, head);
    for (i, (example, reason)) in entries.iter().enumerate() {
        // The comma after the last entry only appears once the list breaks,
        // so it does not count for the fit.
        let last = i + 1 == entries.len();
        let line = format!("({example}, {reason}),");
        if 4 + line.len() - usize::from(last) <= text::MARGIN {
            w.line(4, &line);
        } else {
            w.line(4, "(");
            w.line(8, &format!("{example},"));
            w.line(8, &format!("{reason},"));
            w.line(4, "),");
        }
    }
    w.line(0, "];");
    w.finish()
}
