//! One evolvable enum per enum type.
//!
//! A variant per documented member (`unknownFutureValue` included) and a
//! catch-all variant that keeps any other string, so a value the service
//! adds later never fails deserialization. Serialize and Deserialize are
//! written out per enum (not derived) because serde's derive cannot map
//! unknown strings to a variant that keeps them; the impls write and read the
//! exact documented strings, so values round-trip byte for byte.
use crate::docs;
use crate::naming::ident;
use crate::plan::{EnumPlan, Plan, VariantPlan};
use crate::text::{self, Writer};
use proc_macro2::TokenStream;
use quote::quote;
use std::sync::LazyLock;

/// The doc paragraphs of a variant, for both renderings to wrap.
fn variant_doc(v: &VariantPlan) -> Vec<String> {
    let description = v
        .member
        .description
        .as_ref()
        .map(|d| docs::without_todo(&d.value))
        .filter(|d| !d.is_empty());
    let mut first = docs::code(&v.value);
    first.push('.');
    [Some(first), description].into_iter().flatten().collect()
}

/// The doc lines of the catch-all variant, the same in every enum.
static CATCH_ALL_LINES: LazyLock<Vec<String>> =
    LazyLock::new(|| docs::paragraphs(&["A value the docs do not list, kept as sent."]));

/// The module file of enum `index` as formatted text after `header` and a
/// blank line. `None` when a line would need a layout [`text`] does not
/// model.
pub fn module_text(plan: &Plan, index: usize, header: &str) -> Option<String> {
    let e = &plan.enums[index];
    let name = text::ident(&e.ident);
    let catch_all = text::ident(&e.catch_all);
    let mut w = Writer::file(header, 2048 + 512 * e.variants.len());
    w.line(
        0,
        "use serde::{Deserialize, Deserializer, Serialize, Serializer};",
    );
    w.blank();
    w.prose(0, &enum_doc(e));
    w.line(0, "#[derive(Debug, Clone, PartialEq, Eq, Hash)]");
    w.join_line(0, &["pub enum ", &name, " {"]);
    // `Self::Variant` and the string literal of each member.
    let arms: Vec<(String, String)> = e
        .variants
        .iter()
        .map(|v| {
            let pattern = ["Self::", &text::ident(&v.ident)].concat();
            (pattern, text::string(&v.value))
        })
        .collect();
    for (v, (pattern, _)) in e.variants.iter().zip(&arms) {
        w.prose(4, &variant_doc(v));
        w.fit(4, &[&pattern["Self::".len()..], ","]);
    }
    w.doc(4, &CATCH_ALL_LINES);
    w.fit(4, &[&catch_all, "(String),"]);
    w.line(0, "}");
    w.blank();
    w.fit(0, &["impl ", &name, " {"]);
    w.line(4, "/// The JSON string of this value.");
    w.line(4, "pub fn as_str(&self) -> &str {");
    // With no members the catch-all is the only variant: no `match` (see
    // `module`).
    if arms.is_empty() {
        w.fit(8, &["let Self::", &catch_all, "(value) = self;"]);
        w.line(8, "value.as_str()");
    } else {
        w.line(8, "match self {");
        for (pattern, value) in &arms {
            w.arm(12, pattern, value);
        }
        w.fit(12, &["Self::", &catch_all, "(value) => value.as_str(),"]);
        w.line(8, "}");
    }
    w.line(4, "}");
    w.line(0, "}");
    w.blank();
    w.impl_header("impl From<&str>", &name);
    w.line(4, "fn from(value: &str) -> Self {");
    if arms.is_empty() {
        w.fit(8, &["Self::", &catch_all, "(value.to_owned())"]);
    } else {
        w.line(8, "match value {");
        for (pattern, value) in &arms {
            w.arm(12, value, pattern);
        }
        w.fit(12, &["_ => Self::", &catch_all, "(value.to_owned()),"]);
        w.line(8, "}");
    }
    w.line(4, "}");
    w.line(0, "}");
    w.blank();
    w.impl_header("impl std::fmt::Display", &name);
    w.line(
        4,
        "fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {",
    );
    w.line(8, "f.write_str(self.as_str())");
    w.line(4, "}");
    w.line(0, "}");
    w.blank();
    w.impl_header("impl Serialize", &name);
    w.line(
        4,
        "fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {",
    );
    w.line(8, "serializer.serialize_str(self.as_str())");
    w.line(4, "}");
    w.line(0, "}");
    w.blank();
    w.impl_header("impl<'de> Deserialize<'de>", &name);
    w.line(
        4,
        "fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {",
    );
    w.line(8, "let value = String::deserialize(deserializer)?;");
    w.line(8, "Ok(Self::from(value.as_str()))");
    w.line(4, "}");
    w.line(0, "}");
    w.finish()
}

/// The module file of enum `index` as tokens.
pub fn module(plan: &Plan, index: usize) -> TokenStream {
    let e = &plan.enums[index];
    let name = ident(&e.ident);
    let catch_all = ident(&e.catch_all);
    let doc = docs::attrs(&docs::paragraphs(&enum_doc(e)));
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let doc = docs::attrs(&docs::paragraphs(&variant_doc(v)));
        quote! {
            #doc
            #variant,
        }
    });
    let catch_all_doc = docs::attrs(&CATCH_ALL_LINES);
    let to_str = e.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let value = &v.value;
        quote!(Self::#variant => #value,)
    });
    let from_str = e.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let value = &v.value;
        quote!(#value => Self::#variant,)
    });
    // With no members a match would have a single arm, which clippy flags.
    let (as_str_body, from_body) = if e.variants.is_empty() {
        (
            quote! {
                let Self::#catch_all(value) = self;
                value.as_str()
            },
            quote!(Self::#catch_all(value.to_owned())),
        )
    } else {
        (
            quote! {
                match self {
                    #(#to_str)*
                    Self::#catch_all(value) => value.as_str(),
                }
            },
            quote! {
                match value {
                    #(#from_str)*
                    _ => Self::#catch_all(value.to_owned()),
                }
            },
        )
    };
    quote! {
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            #catch_all_doc
            #catch_all(String),
        }

        impl #name {
            /// The JSON string of this value.
            pub fn as_str(&self) -> &str {
                #as_str_body
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                #from_body
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }
    }
}

/// The doc paragraphs of an enum, for both renderings to wrap.
fn enum_doc(e: &EnumPlan) -> [String; 3] {
    let catch_all = docs::code(&e.catch_all);
    [
        format!(
            "{}: an enum of {}.",
            docs::code(&e.def.name),
            docs::code(&e.def.namespace)
        ),
        format!(
            "Values the docs do not list deserialize to {catch_all} with the string as sent, \
             so new service values do not fail; {catch_all} is meant for such values only \
             (a listed value put into it serializes the same, but compares unequal)."
        ),
        format!("Described by {}.", crate::structs::sources(e.def)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{text_file, tokens_file};

    /// Enums without members (the catch-all is their only variant), with
    /// names of many lengths, are written as text exactly as their tokens
    /// print.
    #[test]
    fn memberless_enums_lay_out_as_tokens() {
        let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input");
        let (corpus, _) = graphdoc_parser::load(&[input]).expect("docs-input loads");
        let mut plan = Plan::build(&corpus).expect("docs-input plans");
        assert!(!plan.enums.is_empty(), "docs-input defines an enum");
        let mut written = 0;
        for n in 0..60 {
            let e = &mut plan.enums[0];
            e.variants.clear();
            e.ident = format!("E{}", "x".repeat(n * 2));
            e.catch_all = format!("O{}", "y".repeat(n));
            let tokens = tokens_file("enum", "", module(&plan, 0)).expect("the tokens parse");
            if let Some(text) = module_text(&plan, 0, "") {
                assert_eq!(text_file("enum", text), tokens, "{n}");
                written += 1;
            }
        }
        assert!(written > 30, "only {written} written as text");
    }
}
