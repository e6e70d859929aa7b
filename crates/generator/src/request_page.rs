//! The module file of one API page's typed requests
//! (`src/requests/<page>.rs`): a struct and a `Request` impl per request.
//!
//! The file is written as formatted text ([`module_text`]); the token
//! rendering ([`module`]) is the reference layout and takes over for a file
//! with a line the text writer does not model. Both take their prose from
//! the same functions, so they can differ only in layout.
use crate::docs;
use crate::naming::ident;
use crate::output::display_path;
use crate::plan::Plan;
use crate::requests::{encode_literal, PageRequests, Payload, Piece, RequestPlan, Response};
use crate::text::{self, Writer};
use proc_macro2::TokenStream;
use quote::quote;

/// The doc text of the `query` field of every request struct.
const QUERY_DOC: &str =
    "Query options (`$select`, `$filter`, ...) in order, as `(name, value)`; both are \
     percent-encoded.";

/// The page's title without TODO sentences, if any is left.
fn title(page: &PageRequests) -> Option<String> {
    page.page
        .title
        .as_ref()
        .or_else(|| page.page.front_matter_value("title"))
        .map(|t| docs::without_todo(&t.value))
        .filter(|t| !t.is_empty())
}

/// The module's own doc lines: title, file and description.
fn head_doc(page: &PageRequests, title: Option<&str>) -> Vec<String> {
    let location = display_path(&page.page.path);
    let mut head = vec![match title {
        Some(t) => format!("{t}: the requests of {}.", docs::code(&location)),
        None => format!("The requests of {}.", docs::code(&location)),
    }];
    head.extend(
        page.page
            .description
            .as_ref()
            .map(|d| docs::without_todo(&d.value))
            .filter(|d| !d.is_empty()),
    );
    docs::paragraphs(&head)
}

/// The prose of one request struct, shared by both renderings.
struct Docs {
    item: Vec<String>,
    /// One per path parameter.
    params: Vec<Vec<String>>,
    query: Vec<String>,
    /// When the struct has a body field.
    body: Option<Vec<String>>,
}

fn request_docs(page: &PageRequests, r: &RequestPlan, title: Option<&str>) -> Docs {
    let template = r.op.path.template.value.trim();
    let location = format!(
        "{}:{}",
        display_path(&page.page.path),
        r.op.path.template.span.line
    );
    let mut paragraphs = vec![format!(
        "{}{}",
        docs::code(&format!("{} {template}", r.method)),
        title.map_or_else(|| ".".to_string(), |t| format!(": {t}."))
    )];
    let others: Vec<String> = page
        .requests
        .iter()
        .filter(|o| o.ident != r.ident)
        .map(|o| {
            format!(
                "{} ({})",
                docs::code(&o.ident),
                docs::code(o.op.path.template.value.trim())
            )
        })
        .collect();
    if !others.is_empty() {
        paragraphs.push(format!(
            "The same operation by another path: {}.",
            others.join(", ")
        ));
    }
    paragraphs.push(match page.status {
        Some(s) => format!("Responds `{s}` with {}.", response_doc(page)),
        None => format!(
            "Responds with {}; the docs state no success status.",
            response_doc(page)
        ),
    });
    paragraphs.push(format!("Documented at {}.", docs::code(&location)));
    let params = r
        .params
        .iter()
        .map(|p| {
            let mut text = format!(
                "The {} path parameter",
                docs::code(&format!("{{{}}}", p.alternatives.join(" | ")))
            );
            if p.alternatives.len() > 1 {
                let alts: Vec<String> = p.alternatives.iter().map(|a| docs::code(a)).collect();
                text.push_str(&format!(": one of {}", alts.join(", ")));
            }
            text.push_str(if p.across {
                ". Percent-encoded, except `/`: it may name a path."
            } else {
                ". Percent-encoded into one path segment."
            });
            docs::paragraphs(&[text])
        })
        .collect();
    let body = r.has_body.then(|| {
        let what = match (&page.body_documented, page.body) {
            (Some(t), Payload::Struct(_)) => format!("a {}", docs::code(t)),
            (Some(t), Payload::Json) => format!(
                "documented as {}, which is not a generated struct, so raw JSON",
                docs::code(t)
            ),
            (None, _) => "the docs name no type, so raw JSON".to_string(),
        };
        docs::paragraphs(&[format!("The request body ({what}), sent as JSON.")])
    });
    Docs {
        item: docs::paragraphs(&paragraphs),
        params,
        query: docs::paragraphs(&[QUERY_DOC]),
        body,
    }
}

fn response_doc(page: &PageRequests) -> String {
    let documented = page.response_documented.as_deref().map(docs::code);
    match (page.response, documented) {
        (Response::Empty, _) => "no content".to_string(),
        (Response::Struct(_), Some(t)) => format!("a {t}"),
        (Response::Collection(Some(_)), Some(t)) => format!("a collection of {t}"),
        (Response::Collection(None), Some(t)) => {
            format!("a collection of {t}, which is not a generated struct (raw JSON items)")
        }
        (_, Some(t)) => format!("{t}, kept as raw JSON"),
        (_, None) => "a body the docs give no type for (raw JSON)".to_string(),
    }
}

/// The Rust type of a request body, as text.
fn payload_text(plan: &Plan, payload: Payload) -> String {
    match payload {
        Payload::Struct(i) => struct_path_text(plan, i),
        Payload::Json => "serde_json::Value".to_string(),
    }
}

/// The Rust type of a response body that is not a collection, as text.
fn response_text(plan: &Plan, response: Response) -> String {
    match response {
        Response::Struct(i) => struct_path_text(plan, i),
        Response::Empty => "()".to_string(),
        Response::Collection(_) | Response::Json => "serde_json::Value".to_string(),
    }
}

/// The item type of a collection response, as text.
fn response_item(plan: &Plan, response: Response) -> Option<String> {
    match response {
        Response::Collection(Some(i)) => Some(struct_path_text(plan, i)),
        Response::Collection(None) => Some("serde_json::Value".to_string()),
        Response::Struct(_) | Response::Json | Response::Empty => None,
    }
}

fn struct_path_text(plan: &Plan, index: usize) -> String {
    format!("crate::types::{}", text::ident(&plan.structs[index].ident))
}

/// The module file of one page's requests as formatted text. `None` when a
/// line would need a layout [`text`] does not model.
pub fn module_text(plan: &Plan, page: &PageRequests) -> Option<String> {
    let title = title(page);
    let mut w = Writer::new();
    w.inner_doc(&head_doc(page, title.as_deref()));
    for r in &page.requests {
        w.blank();
        request_text(&mut w, plan, page, r, title.as_deref());
    }
    w.finish()
}

fn request_text(
    w: &mut Writer,
    plan: &Plan,
    page: &PageRequests,
    r: &RequestPlan,
    title: Option<&str>,
) {
    let docs = request_docs(page, r, title);
    let name = text::ident(&r.ident);
    w.doc(0, &docs.item);
    w.line(0, "#[derive(Debug, Clone, Default, PartialEq)]");
    w.line(0, &format!("pub struct {name} {{"));
    for (p, doc) in r.params.iter().zip(&docs.params) {
        w.doc(4, doc);
        w.fit(4, &format!("pub {}: String,", text::ident(&p.ident)));
    }
    w.doc(4, &docs.query);
    w.line(4, "pub query: Vec<(String, String)>,");
    let body_ty = payload_text(plan, page.body);
    if let Some(doc) = &docs.body {
        w.doc(4, doc);
        w.generic(4, "pub body: Option", &body_ty, ",");
    }
    w.line(0, "}");
    w.blank();
    w.impl_header("impl super::Request", &name);
    // A path type without generic arguments cannot break.
    if r.has_body {
        w.line(4, &format!("type Body = {body_ty};"));
    } else {
        w.line(4, "type Body = ();");
    }
    match response_item(plan, page.response) {
        Some(item) => w.generic(4, "type Response = super::Collection", &item, ";"),
        None => w.line(
            4,
            &format!("type Response = {};", response_text(plan, page.response)),
        ),
    }
    w.line(
        4,
        &format!("const METHOD: &'static str = {};", text::string(&r.method)),
    );
    w.line(
        4,
        &format!(
            "const TEMPLATE: &'static str = {};",
            text::string(r.op.path.template.value.trim())
        ),
    );
    w.line(
        4,
        &match page.status {
            Some(s) => format!("const STATUS: Option<u16> = Some({s});"),
            None => "const STATUS: Option<u16> = None;".to_string(),
        },
    );
    w.line(4, "fn path(&self) -> String {");
    path_text(w, r);
    w.line(4, "}");
    w.line(4, "fn query(&self) -> &[(String, String)] {");
    w.line(8, "&self.query");
    w.line(4, "}");
    if r.has_body {
        w.line(4, "fn body(&self) -> Option<&Self::Body> {");
        w.line(8, "self.body.as_ref()");
        w.line(4, "}");
    }
    w.line(0, "}");
}

/// The parts of the path: literal text and encoded parameters.
enum Part {
    /// A string literal, as written.
    Lit(String),
    /// `super::encode_...(&self.field).as_str()`.
    Param(String),
}

impl Part {
    fn text(&self) -> &str {
        match self {
            Part::Lit(t) | Part::Param(t) => t,
        }
    }
}

fn parts(r: &RequestPlan) -> Vec<Part> {
    r.pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Lit(lit) => Some(Part::Lit(text::string(&encode_literal(lit)))),
            Piece::Param(i) => r.params.get(*i).map(|p| {
                let encode = if p.across {
                    "encode_path"
                } else {
                    "encode_segment"
                };
                Part::Param(format!(
                    "super::{encode}(&self.{}).as_str()",
                    text::ident(&p.ident)
                ))
            }),
        })
        .collect()
}

/// The body of `fn path` at indentation 8, laid out as prettyplease lays
/// out `String::from(x)` and `[a, b].concat()`: flat when the line fits,
/// else the arguments or elements one per line.
fn path_text(w: &mut Writer, r: &RequestPlan) {
    let parts = parts(r);
    // An element is followed by `,`; the comma after the last one is only
    // written when the list breaks, so it does not count for the fit.
    let element = |w: &mut Writer, part: &Part, last: bool| match part {
        Part::Lit(lit) => w.line(12, &format!("{lit},")),
        Part::Param(call) => {
            if 12 + call.len() + usize::from(!last) <= text::MARGIN {
                w.line(12, &format!("{call},"));
            } else {
                // The method call breaks before `.as_str()`, and the call
                // of its receiver breaks around its argument when it does
                // not fit either.
                let receiver = call.strip_suffix(".as_str()").unwrap_or(call);
                if 12 + receiver.len() <= text::MARGIN {
                    w.line(12, receiver);
                } else {
                    let (function, argument) = receiver.split_once('(').unwrap_or((receiver, ""));
                    let argument = argument.strip_suffix(')').unwrap_or(argument);
                    w.line(12, &format!("{function}("));
                    w.line(20, &format!("{argument},"));
                    w.line(16, ")");
                }
                w.line(16, ".as_str(),");
            }
        }
    };
    match parts.as_slice() {
        [] => w.line(8, "String::from(\"/\")"),
        [single] => {
            let flat = format!("String::from({})", single.text());
            if 8 + flat.len() <= text::MARGIN {
                w.line(8, &flat);
            } else {
                w.line(8, "String::from(");
                element(w, single, true);
                w.line(8, ")");
            }
        }
        _ => {
            let texts: Vec<&str> = parts.iter().map(Part::text).collect();
            let array = format!("[{}]", texts.join(", "));
            if 8 + array.len() + ".concat()".len() <= text::MARGIN {
                w.line(8, &format!("{array}.concat()"));
            } else if 8 + array.len() <= text::MARGIN {
                w.line(8, &array);
                w.line(12, ".concat()");
            } else {
                w.line(8, "[");
                for (i, part) in parts.iter().enumerate() {
                    element(w, part, i + 1 == parts.len());
                }
                w.line(8, "]");
                w.line(12, ".concat()");
            }
        }
    }
}

/// The module file of one page's requests as tokens.
pub fn module(plan: &Plan, page: &PageRequests) -> TokenStream {
    let title = title(page);
    let head = docs::inner_attrs(&head_doc(page, title.as_deref()));
    let items = page
        .requests
        .iter()
        .map(|r| request_item(plan, page, r, title.as_deref()));
    quote! {
        #head
        #(#items)*
    }
}

fn request_item(
    plan: &Plan,
    page: &PageRequests,
    r: &RequestPlan,
    title: Option<&str>,
) -> TokenStream {
    let docs = request_docs(page, r, title);
    let name = ident(&r.ident);
    let template = r.op.path.template.value.trim();
    let doc = docs::attrs(&docs.item);
    let params = r.params.iter().zip(&docs.params).map(|(p, doc)| {
        let field = ident(&p.ident);
        let doc = docs::attrs(doc);
        quote! {
            #doc
            pub #field: String,
        }
    });
    let query_doc = docs::attrs(&docs.query);
    let body_ty = payload_tokens(plan, page.body);
    let body_field = docs.body.as_ref().map(|doc| {
        let doc = docs::attrs(doc);
        quote! {
            #doc
            pub body: Option<#body_ty>,
        }
    });
    let (body_assoc, body_fn) = if r.has_body {
        (
            quote!(type Body = #body_ty;),
            quote! {
                fn body(&self) -> Option<&Self::Body> {
                    self.body.as_ref()
                }
            },
        )
    } else {
        (
            quote!(
                type Body = ();
            ),
            quote!(),
        )
    };
    let response_ty = response_tokens(plan, page.response);
    let method = &r.method;
    let status = match page.status {
        Some(s) => {
            let s = proc_macro2::Literal::u16_unsuffixed(s);
            quote!(Some(#s))
        }
        None => quote!(None),
    };
    let path = path_tokens(r);
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #name {
            #(#params)*
            #query_doc
            pub query: Vec<(String, String)>,
            #body_field
        }

        impl super::Request for #name {
            #body_assoc
            type Response = #response_ty;
            const METHOD: &'static str = #method;
            const TEMPLATE: &'static str = #template;
            const STATUS: Option<u16> = #status;

            fn path(&self) -> String {
                #path
            }

            fn query(&self) -> &[(String, String)] {
                &self.query
            }

            #body_fn
        }
    }
}

/// The Rust type of a request body.
fn payload_tokens(plan: &Plan, payload: Payload) -> TokenStream {
    match payload {
        Payload::Struct(i) => struct_path(plan, i),
        Payload::Json => quote!(serde_json::Value),
    }
}

/// The Rust type of a response body.
fn response_tokens(plan: &Plan, response: Response) -> TokenStream {
    match response {
        Response::Struct(i) => struct_path(plan, i),
        Response::Collection(Some(i)) => {
            let item = struct_path(plan, i);
            quote!(super::Collection<#item>)
        }
        Response::Collection(None) => quote!(super::Collection<serde_json::Value>),
        Response::Json => quote!(serde_json::Value),
        Response::Empty => quote!(()),
    }
}

fn struct_path(plan: &Plan, index: usize) -> TokenStream {
    let name = ident(&plan.structs[index].ident);
    quote!(crate::types::#name)
}

/// The body of `fn path`: literal text and encoded parameters joined.
fn path_tokens(r: &RequestPlan) -> TokenStream {
    let parts: Vec<TokenStream> = r
        .pieces
        .iter()
        .map(|piece| match piece {
            Piece::Lit(text) => {
                let text = encode_literal(text);
                quote!(#text)
            }
            Piece::Param(i) => {
                let p = &r.params[*i];
                let field = ident(&p.ident);
                if p.across {
                    quote!(super::encode_path(&self.#field).as_str())
                } else {
                    quote!(super::encode_segment(&self.#field).as_str())
                }
            }
        })
        .collect();
    match parts.as_slice() {
        [] => quote!(String::from("/")),
        [single] => quote!(String::from(#single)),
        _ => quote!([#(#parts),*].concat()),
    }
}
