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

fn variant_doc(v: &VariantPlan) -> Vec<String> {
    let description = v
        .member
        .description
        .as_ref()
        .map(|d| docs::without_todo(&d.value))
        .filter(|d| !d.is_empty());
    let first = format!("{}.", docs::code(&v.value));
    let paragraphs: Vec<String> = [Some(first), description].into_iter().flatten().collect();
    docs::paragraphs(&paragraphs)
}

fn catch_all_doc() -> Vec<String> {
    docs::paragraphs(&["A value the docs do not list, kept as sent."])
}

/// The module file of enum `index` as formatted text. `None` when a line
/// would need a layout [`text`] does not model, or the enum has no members
/// (its methods then have no `match`).
pub fn module_text(plan: &Plan, index: usize) -> Option<String> {
    let e = &plan.enums[index];
    if e.variants.is_empty() {
        return None;
    }
    let name = text::ident(&e.ident);
    let catch_all = text::ident(&e.catch_all);
    let mut w = Writer::new();
    w.line(
        0,
        "use serde::{Deserialize, Deserializer, Serialize, Serializer};",
    );
    w.blank();
    w.doc(0, &enum_doc(e));
    w.line(0, "#[derive(Debug, Clone, PartialEq, Eq, Hash)]");
    w.line(0, &format!("pub enum {name} {{"));
    let variants: Vec<(String, String)> = e
        .variants
        .iter()
        .map(|v| (text::ident(&v.ident), text::string(&v.value)))
        .collect();
    for (v, (variant, _)) in e.variants.iter().zip(&variants) {
        w.doc(4, &variant_doc(v));
        w.fit(4, &format!("{variant},"));
    }
    w.doc(4, &catch_all_doc());
    w.fit(4, &format!("{catch_all}(String),"));
    w.line(0, "}");
    w.blank();
    w.fit(0, &format!("impl {name} {{"));
    w.line(4, "/// The JSON string of this value.");
    w.line(4, "pub fn as_str(&self) -> &str {");
    w.line(8, "match self {");
    for (variant, value) in &variants {
        w.arm(12, &format!("Self::{variant}"), value);
    }
    w.fit(12, &format!("Self::{catch_all}(value) => value.as_str(),"));
    w.line(8, "}");
    w.line(4, "}");
    w.line(0, "}");
    w.blank();
    w.impl_header("impl From<&str>", &name);
    w.line(4, "fn from(value: &str) -> Self {");
    w.line(8, "match value {");
    for (variant, value) in &variants {
        w.arm(12, value, &format!("Self::{variant}"));
    }
    w.fit(12, &format!("_ => Self::{catch_all}(value.to_owned()),"));
    w.line(8, "}");
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
    let doc = docs::attrs(&enum_doc(e));
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let doc = docs::attrs(&variant_doc(v));
        quote! {
            #doc
            #variant,
        }
    });
    let catch_all_doc = docs::attrs(&catch_all_doc());
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

fn enum_doc(e: &EnumPlan) -> Vec<String> {
    let catch_all = docs::code(&e.catch_all);
    docs::paragraphs(&[
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
    ])
}
