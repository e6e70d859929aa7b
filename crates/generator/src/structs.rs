//! One serde struct per entity or complex type.
//!
//! Every field is an `Option` that is skipped when `None`, so a value built
//! from a partial example (or for a PATCH body) serializes only what it has.
//! Explicit JSON `null` and an absent member both read as `None`.
use crate::docs;
use crate::naming::ident;
use crate::plan::{FieldPlan, Plan, StructPlan};
use crate::text::{self, Writer};
use crate::types::{self, Scalar};
use graphdoc_model::{Property, TypeDef, TypeKind, TypeOrigin, TypeTarget};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// The serde attribute of a field whose Rust name is its JSON name.
const SERDE_SAME_NAME: &str = "#[serde(default, skip_serializing_if = \"Option::is_none\")]";

/// What the struct file of one type says, decided once for both renderings
/// (the docs as paragraphs, which each rendering wraps).
struct Parts<'p> {
    s: &'p StructPlan<'p>,
    /// Other generated types the file names, sorted.
    imports: Vec<&'p str>,
    doc: Vec<String>,
    /// Each field's doc paragraphs.
    field_docs: Vec<Vec<String>>,
    /// The composed base's Rust name and doc paragraph.
    base: Option<(&'p str, String)>,
}

fn parts<'p>(plan: &'p Plan, index: usize) -> Parts<'p> {
    let s = &plan.structs[index];
    // Other generated types come from the parent module, which re-exports all.
    let used: BTreeSet<&str> = s
        .fields
        .iter()
        .filter_map(|f| plan.type_ident(f.ty.scalar))
        .chain(s.base.map(|b| plan.structs[b].ident.as_str()))
        .filter(|name| *name != s.ident)
        .collect();
    let base = s.base.map(|b| {
        let doc = format!(
            "The properties inherited from {}.",
            docs::code(&plan.structs[b].def.name)
        );
        (plan.structs[b].ident.as_str(), doc)
    });
    Parts {
        s,
        imports: used.into_iter().collect(),
        doc: struct_doc(plan, s),
        field_docs: s.fields.iter().map(|f| field_doc(plan, s.def, f)).collect(),
        base,
    }
}

/// The doc lines of the `additional` field, the same in every root struct.
static ADDITIONAL_LINES: LazyLock<Vec<String>> = LazyLock::new(|| {
    docs::paragraphs(&[
        "Properties the docs do not list for this type, kept as sent: Graph types are open.",
    ])
});

/// The module file of struct `index` as formatted text after `header` and
/// a blank line: imports and the struct. `None` when a line would need a
/// layout [`text`] does not model.
pub fn module_text(plan: &Plan, index: usize, header: &str) -> Option<String> {
    let p = parts(plan, index);
    let s = p.s;
    let mut w = Writer::file(header, 2048 + 512 * s.fields.len());
    let imports: Vec<String> = p
        .imports
        .iter()
        .map(|n| text::ident(n).into_owned())
        .collect();
    w.use_group("use", "super::", &imports);
    w.line(0, "use serde::{Deserialize, Serialize};");
    w.blank();
    w.prose(0, &p.doc);
    w.line(
        0,
        "#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]",
    );
    w.join_line(0, &["pub struct ", &text::ident(&s.ident), " {"]);
    for (f, doc) in s.fields.iter().zip(&p.field_docs) {
        w.prose(4, doc);
        if f.ident == f.json_name {
            w.line(4, SERDE_SAME_NAME);
        } else {
            const HEAD: &str = "#[serde(default, skip_serializing_if = \"Option::is_none\", ";
            let rename = ["rename = ", &text::string(&f.json_name)].concat();
            if 4 + HEAD.len() + rename.len() + ")]".len() <= text::MARGIN {
                w.join_line(4, &[HEAD, &rename, ")]"]);
            } else {
                w.line(4, "#[serde(");
                w.line(8, "default,");
                w.line(8, "skip_serializing_if = \"Option::is_none\",");
                w.line(8, &rename);
                w.line(4, ")]");
            }
        }
        // Struct and enum indices come from the plan itself, so the name is
        // always found; raw JSON is the representation-preserving fallback.
        let ty = types::text(f.ty, &|scalar| {
            plan.type_ident(scalar).map_or_else(
                || "serde_json::Value".to_string(),
                |n| text::ident(n).into_owned(),
            )
        });
        let field = ["pub ", &text::ident(&f.ident), ": Option"].concat();
        w.generic(4, &field, &ty, ",");
    }
    match &p.base {
        Some((base, doc)) => {
            w.prose(4, std::slice::from_ref(doc));
            w.line(4, "#[serde(flatten)]");
            w.fit(4, &["pub base: ", &text::ident(base), ","]);
        }
        None => {
            w.doc(4, &ADDITIONAL_LINES);
            w.line(4, "#[serde(flatten)]");
            w.line(
                4,
                "pub additional: serde_json::Map<String, serde_json::Value>,",
            );
        }
    }
    w.line(0, "}");
    w.blank();
    w.fit(0, &["impl ", &text::ident(&s.ident), " {"]);
    w.line(
        4,
        "/// Properties the docs do not list for this type or its base types,",
    );
    w.line(4, "/// kept as sent.");
    w.line(
        4,
        "pub fn additional(&self) -> &serde_json::Map<String, serde_json::Value> {",
    );
    w.line(
        8,
        if s.base.is_some() {
            "self.base.additional()"
        } else {
            "&self.additional"
        },
    );
    w.line(4, "}");
    w.line(0, "}");
    w.finish()
}

/// The module file of struct `index` as tokens: imports and the struct.
pub fn module(plan: &Plan, index: usize) -> TokenStream {
    let p = parts(plan, index);
    let imports = (!p.imports.is_empty()).then(|| {
        let names = p.imports.iter().map(|n| ident(n));
        quote!(use super::{#(#names),*};)
    });
    let item = item(plan, &p);
    quote! {
        #imports
        use serde::{Deserialize, Serialize};

        #item
    }
}

fn item(plan: &Plan, p: &Parts) -> TokenStream {
    let s = p.s;
    let name = ident(&s.ident);
    let doc = docs::attrs(&docs::paragraphs(&p.doc));
    let fields = s
        .fields
        .iter()
        .zip(&p.field_docs)
        .map(|(f, doc)| field(plan, f, doc));
    let base = p.base.as_ref().map(|(base, doc)| {
        let base_ident = ident(base);
        let doc = docs::attrs(&docs::paragraphs(std::slice::from_ref(doc)));
        quote! {
            #doc
            #[serde(flatten)]
            pub base: #base_ident,
        }
    });
    let additional = s.base.is_none().then(|| {
        let doc = docs::attrs(&ADDITIONAL_LINES);
        quote! {
            #doc
            #[serde(flatten)]
            pub additional: serde_json::Map<String, serde_json::Value>,
        }
    });
    // Unknown properties live on the root of the base chain; the accessor
    // reaches them from any type of the chain.
    let accessor = if s.base.is_some() {
        quote!(self.base.additional())
    } else {
        quote!(&self.additional)
    };
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        pub struct #name {
            #(#fields)*
            #base
            #additional
        }

        impl #name {
            /// Properties the docs do not list for this type or its base types,
            /// kept as sent.
            pub fn additional(&self) -> &serde_json::Map<String, serde_json::Value> {
                #accessor
            }
        }
    }
}

fn field(plan: &Plan, f: &FieldPlan, doc: &[String]) -> TokenStream {
    let name = ident(&f.ident);
    // Struct and enum indices come from the plan itself, so the name is
    // always found; raw JSON is the representation-preserving fallback.
    let type_ident = |scalar: Scalar| match plan.type_ident(scalar) {
        Some(name) => {
            let name = ident(name);
            quote!(#name)
        }
        None => quote!(serde_json::Value),
    };
    let ty = types::tokens(f.ty, &type_ident);
    let doc = docs::attrs(&docs::paragraphs(doc));
    let json = &f.json_name;
    let serde = if f.ident == *json {
        quote!(#[serde(default, skip_serializing_if = "Option::is_none")])
    } else {
        quote!(#[serde(default, skip_serializing_if = "Option::is_none", rename = #json)])
    };
    quote! {
        #doc
        #serde
        pub #name: Option<#ty>,
    }
}

fn struct_doc(plan: &Plan, s: &StructPlan) -> Vec<String> {
    let def = s.def;
    let kind = match def.kind {
        TypeKind::Entity => "an entity type",
        _ => "a complex type",
    };
    let mut paragraphs = vec![format!(
        "{}: {kind} of {}.",
        docs::code(&def.name),
        docs::code(&def.namespace)
    )];
    // A resource page's first paragraph describes the type; API pages
    // describe an operation, so their prose is not used here.
    let description = def
        .sources
        .iter()
        .filter(|src| src.origin == TypeOrigin::ResourcePage)
        .filter_map(|src| plan.page(&src.page))
        .filter_map(|p| p.description.as_ref())
        .map(|d| docs::without_todo(&d.value))
        .find(|d| !d.is_empty());
    paragraphs.extend(description);
    if let Some(note) = &s.base_note {
        paragraphs.push(note.clone());
    }
    paragraphs.push(format!("Described by {}.", sources(def)));
    paragraphs
}

/// The places that describe a type, grouped by what describes it:
/// `the request body table in `a.md`, `b.md``.
pub fn sources(def: &TypeDef) -> String {
    let mut groups: Vec<(TypeOrigin, Vec<String>)> = Vec::new();
    for src in &def.sources {
        let page = docs::code(&crate::output::display_path(&src.page));
        match groups.iter_mut().find(|(origin, _)| *origin == src.origin) {
            Some((_, pages)) if pages.contains(&page) => {}
            Some((_, pages)) => pages.push(page),
            None => groups.push((src.origin, vec![page])),
        }
    }
    groups
        .into_iter()
        .map(|(origin, pages)| {
            let what = match origin {
                TypeOrigin::ResourcePage => "the resource page",
                TypeOrigin::EnumPage => "the enum page",
                TypeOrigin::EnumSection => "a values section",
                TypeOrigin::JsonRepresentation => "the JSON representation",
                TypeOrigin::RequestBody => "the request body table",
                TypeOrigin::PossibleValues => "the possible values of a property",
                TypeOrigin::InheritedProperties => "properties marked as inherited from it",
            };
            format!("{what} in {}", pages.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The first description without TODO placeholders: the merged property's,
/// else the same property's on another page that describes the type (a
/// draft page may list a property with a placeholder that a later page
/// describes).
fn description(plan: &Plan, def: &TypeDef, p: &Property) -> String {
    let own = docs::without_todo(&p.description.value);
    if !own.is_empty() {
        return own;
    }
    def.sources
        .iter()
        .filter_map(|src| plan.page(&src.page))
        .flat_map(|page| {
            let body = page.request_body.iter().flat_map(|b| b.properties.iter());
            body.chain(&page.properties).chain(&page.relationships)
        })
        .filter(|other| other.name.value == p.name.value)
        .map(|other| docs::without_todo(&other.description.value))
        .find(|d| !d.is_empty())
        .unwrap_or_default()
}

/// The doc paragraphs of a field.
fn field_doc(plan: &Plan, def: &TypeDef, f: &FieldPlan) -> Vec<String> {
    let Some(p) = f.property else {
        return vec![
            "The `@odata.type` annotation: the type of the value as the service names it.".into(),
        ];
    };
    let mut paragraphs = Vec::new();
    let description = description(plan, def, p);
    paragraphs.push(if description.is_empty() {
        format!("The {} property.", docs::code(&p.name.value))
    } else {
        description
    });
    if f.ty.scalar == Scalar::Json {
        match p.type_ref.target {
            TypeTarget::Named => paragraphs.push(format!(
                "Documented as {}, which no input page defines; kept as raw JSON.",
                docs::code(&p.type_ref.name)
            )),
            TypeTarget::Unknown => {
                paragraphs.push("The docs give no readable type; kept as raw JSON.".into());
            }
            TypeTarget::Primitive(_) => {}
        }
    }
    paragraphs
}
