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
use std::borrow::Cow;
use std::sync::LazyLock;

/// The doc text of the `query` field of every request struct.
const QUERY_DOC: &str =
    "Query options (`$select`, `$filter`, ...) in order, as `(name, value)`; both are \
     percent-encoded.";

/// The prose every request of a page shares, built once per page: the
/// list of the other paths alone would otherwise be rebuilt for every
/// request, which is quadratic in the number of paths.
struct PageProse {
    /// The page's title without TODO sentences, if any is left.
    title: Option<String>,
    /// The page's path as headers show it.
    location: String,
    /// `` `Ident` (`template`) `` for each request, in order.
    paths: Vec<String>,
    /// The paragraph on the status and response.
    responds: String,
}

impl PageProse {
    fn new(page: &PageRequests) -> PageProse {
        let title = page
            .page
            .title
            .as_ref()
            .or_else(|| page.page.front_matter_value("title"))
            .map(|t| docs::without_todo(&t.value))
            .filter(|t| !t.is_empty());
        let paths = page
            .requests
            .iter()
            .map(|o| {
                let template = o.op.path.template.value.trim();
                let mut entry = String::with_capacity(o.ident.len() + template.len() + 7);
                docs::push_code(&mut entry, &[&o.ident]);
                entry.push_str(" (");
                docs::push_code(&mut entry, &[template]);
                entry.push(')');
                entry
            })
            .collect();
        let responds = match page.status {
            Some(s) => format!("Responds `{s}` with {}.", response_doc(page)),
            None => format!(
                "Responds with {}; the docs state no success status.",
                response_doc(page)
            ),
        };
        PageProse {
            title,
            location: display_path(&page.page.path),
            paths,
            responds,
        }
    }
}

/// The module's own doc paragraphs: title, file and description.
fn head_doc(page: &PageRequests, prose: &PageProse) -> Vec<String> {
    let location = docs::code(&prose.location);
    let mut head = vec![match &prose.title {
        Some(t) => format!("{t}: the requests of {location}."),
        None => format!("The requests of {location}."),
    }];
    head.extend(
        page.page
            .description
            .as_ref()
            .map(|d| docs::without_todo(&d.value))
            .filter(|d| !d.is_empty()),
    );
    head
}

/// The doc lines of the `query` field, the same on every request.
static QUERY_LINES: LazyLock<Vec<String>> = LazyLock::new(|| docs::paragraphs(&[QUERY_DOC]));

/// The prose of one request struct as paragraphs, shared by both
/// renderings (each wraps them).
struct Docs<'p> {
    /// The page's response paragraph is borrowed, the others are built.
    item: Vec<Cow<'p, str>>,
    /// One paragraph per path parameter.
    params: Vec<String>,
    /// When the struct has a body field.
    body: Option<String>,
}

fn request_docs<'p>(page: &PageRequests, prose: &'p PageProse, r: &RequestPlan) -> Docs<'p> {
    let template = r.op.path.template.value.trim();
    let mut item = Vec::with_capacity(4);
    let mut first = docs::code_of(&[&r.method, " ", template]);
    match &prose.title {
        Some(t) => {
            first.push_str(": ");
            first.push_str(t);
            first.push('.');
        }
        None => first.push('.'),
    }
    item.push(Cow::Owned(first));
    // The requests other than this one, by name as before: the list is
    // joined from the page's entries rather than formatted again.
    let others = || {
        page.requests
            .iter()
            .zip(&prose.paths)
            .filter(|(o, _)| o.ident != r.ident)
            .map(|(_, path)| path.as_str())
    };
    if others().next().is_some() {
        const LEAD: &str = "The same operation by another path: ";
        let len = others().map(|p| p.len() + 2).sum::<usize>();
        let mut text = String::with_capacity(LEAD.len() + len);
        text.push_str(LEAD);
        for (k, path) in others().enumerate() {
            if k > 0 {
                text.push_str(", ");
            }
            text.push_str(path);
        }
        text.push('.');
        item.push(Cow::Owned(text));
    }
    item.push(Cow::Borrowed(prose.responds.as_str()));
    let line = r.op.path.template.span.line.to_string();
    let mut documented = String::from("Documented at ");
    docs::push_code(&mut documented, &[&prose.location, ":", &line]);
    documented.push('.');
    item.push(Cow::Owned(documented));
    let params = r
        .params
        .iter()
        .map(|p| {
            // The `{a | b}` path parameter[: one of `a`, `b`].
            let mut text = String::with_capacity(128);
            text.push_str("The ");
            let mut braced = vec!["{"];
            for (k, a) in p.alternatives.iter().enumerate() {
                if k > 0 {
                    braced.push(" | ");
                }
                braced.push(a);
            }
            braced.push("}");
            docs::push_code(&mut text, &braced);
            text.push_str(" path parameter");
            if p.alternatives.len() > 1 {
                text.push_str(": one of ");
                for (k, a) in p.alternatives.iter().enumerate() {
                    if k > 0 {
                        text.push_str(", ");
                    }
                    docs::push_code(&mut text, &[a]);
                }
            }
            text.push_str(if p.across {
                ". Percent-encoded, except `/`: it may name a path."
            } else {
                ". Percent-encoded into one path segment."
            });
            text
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
        format!("The request body ({what}), sent as JSON.")
    });
    Docs { item, params, body }
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
    ["crate::types::", &text::ident(&plan.structs[index].ident)].concat()
}

/// The module file of one page's requests as formatted text after `header`
/// and a blank line. `None` when a line would need a layout [`text`] does
/// not model.
pub fn module_text(plan: &Plan, page: &PageRequests, header: &str) -> Option<String> {
    let prose = PageProse::new(page);
    // Each request's docs list the other paths, so a page's text grows
    // with the square of its paths; reserved once, it is not copied again
    // as it grows.
    let paths: usize = prose.paths.iter().map(|p| p.len() + 6).sum();
    let mut w = Writer::file(header, page.requests.len() * (1536 + paths));
    w.inner_prose(&head_doc(page, &prose));
    for r in &page.requests {
        w.blank();
        request_text(&mut w, plan, page, &prose, r);
    }
    w.finish()
}

fn request_text(
    w: &mut Writer,
    plan: &Plan,
    page: &PageRequests,
    prose: &PageProse,
    r: &RequestPlan,
) {
    let docs = request_docs(page, prose, r);
    let name = text::ident(&r.ident);
    w.prose(0, &docs.item);
    w.line(0, "#[derive(Debug, Clone, Default, PartialEq)]");
    w.join_line(0, &["pub struct ", &name, " {"]);
    for (p, doc) in r.params.iter().zip(&docs.params) {
        w.prose(4, std::slice::from_ref(doc));
        w.fit(4, &["pub ", &text::ident(&p.ident), ": String,"]);
    }
    w.doc(4, &QUERY_LINES);
    w.line(4, "pub query: Vec<(String, String)>,");
    let body_ty = payload_text(plan, page.body);
    if let Some(doc) = &docs.body {
        w.prose(4, std::slice::from_ref(doc));
        w.generic(4, "pub body: Option", &body_ty, ",");
    }
    w.line(0, "}");
    w.blank();
    w.impl_header("impl super::Request", &name);
    // A path type without generic arguments cannot break.
    if r.has_body {
        w.join_line(4, &["type Body = ", &body_ty, ";"]);
    } else {
        w.line(4, "type Body = ();");
    }
    match response_item(plan, page.response) {
        Some(item) => w.generic(4, "type Response = super::Collection", &item, ";"),
        None => w.join_line(
            4,
            &["type Response = ", &response_text(plan, page.response), ";"],
        ),
    }
    w.join_line(
        4,
        &[
            "const METHOD: &'static str = ",
            &text::string(&r.method),
            ";",
        ],
    );
    w.join_line(
        4,
        &[
            "const TEMPLATE: &'static str = ",
            &text::string(r.op.path.template.value.trim()),
            ";",
        ],
    );
    match page.status {
        Some(s) => w.join_line(
            4,
            &["const STATUS: Option<u16> = Some(", &s.to_string(), ");"],
        ),
        None => w.line(4, "const STATUS: Option<u16> = None;"),
    }
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
                Part::Param(
                    [
                        "super::",
                        encode,
                        "(&self.",
                        &text::ident(&p.ident),
                        ").as_str()",
                    ]
                    .concat(),
                )
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
        Part::Lit(lit) => w.join_line(12, &[lit, ","]),
        Part::Param(call) => {
            if 12 + call.len() + usize::from(!last) <= text::MARGIN {
                w.join_line(12, &[call, ","]);
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
                    w.join_line(12, &[function, "("]);
                    w.join_line(20, &[argument, ","]);
                    w.line(16, ")");
                }
                w.line(16, ".as_str(),");
            }
        }
    };
    match parts.as_slice() {
        [] => w.line(8, "String::from(\"/\")"),
        [single] => {
            if 8 + "String::from()".len() + single.text().len() <= text::MARGIN {
                w.join_line(8, &["String::from(", single.text(), ")"]);
            } else {
                w.line(8, "String::from(");
                element(w, single, true);
                w.line(8, ")");
            }
        }
        _ => {
            // `[a, b]` on one line, measured before it is written.
            let array = parts.iter().map(|p| p.text().len() + 2).sum::<usize>();
            let flat = |w: &mut Writer, tail: &str| {
                w.line_with(8, |out| {
                    out.push('[');
                    for (i, part) in parts.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(part.text());
                    }
                    out.push(']');
                    out.push_str(tail);
                });
            };
            if 8 + array + ".concat()".len() <= text::MARGIN {
                flat(w, ".concat()");
            } else if 8 + array <= text::MARGIN {
                flat(w, "");
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
    let prose = PageProse::new(page);
    let head = docs::inner_attrs(&docs::paragraphs(&head_doc(page, &prose)));
    let items = page
        .requests
        .iter()
        .map(|r| request_item(plan, page, &prose, r));
    quote! {
        #head
        #(#items)*
    }
}

fn request_item(
    plan: &Plan,
    page: &PageRequests,
    prose: &PageProse,
    r: &RequestPlan,
) -> TokenStream {
    let docs = request_docs(page, prose, r);
    let name = ident(&r.ident);
    let template = r.op.path.template.value.trim();
    let doc = docs::attrs(&docs::paragraphs(&docs.item));
    let params = r.params.iter().zip(&docs.params).map(|(p, doc)| {
        let field = ident(&p.ident);
        let doc = docs::attrs(&docs::paragraphs(std::slice::from_ref(doc)));
        quote! {
            #doc
            pub #field: String,
        }
    });
    let query_doc = docs::attrs(&QUERY_LINES);
    let body_ty = payload_tokens(plan, page.body);
    let body_field = docs.body.as_ref().map(|doc| {
        let doc = docs::attrs(&docs::paragraphs(std::slice::from_ref(doc)));
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
