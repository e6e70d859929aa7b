//! `src/requests/mod.rs`: the `Request` trait, its errors, `Collection`,
//! the encoding helpers, and one module per API page with its requests
//! re-exported.
use crate::render::{Item, RustFile};
use crate::requests::{Requests, URI_UNSAFE};
use crate::text::{self, Writer, MARGIN};

#[cfg(test)]
mod tokens;

/// The module's `//!` doc lines.
const DOC: &[&str] = &[
    "Typed requests: one struct per operation and path alternative, each",
    "implementing [`Request`](crate::requests::Request). Build an",
    "`http::Request<Vec<u8>>` with",
    "[`Request::into_http`](crate::requests::Request::into_http) and send it with",
    "any HTTP client; read the reply with",
    "[`Request::from_http`](crate::requests::Request::from_http).",
    "",
    "Paths are the documented templates without scheme, host, version and",
    "query string; path parameters are percent-encoded, query options go in",
    "each request's `query` field, and bodies are sent as JSON.",
];

/// The file's items: the fixed definitions, then `mod m; pub use m::{...};`
/// per page, sorted.
pub fn file<'a>(requests: &Requests) -> RustFile<'a> {
    let mut modules: Vec<(&str, Vec<&str>)> = requests
        .pages
        .iter()
        .map(|p| {
            (
                p.module.as_str(),
                p.requests.iter().map(|r| r.ident.as_str()).collect(),
            )
        })
        .collect();
    modules.sort_unstable();
    let mut items = vec![Item::text(definitions_text())];
    // One run of declarations, which files print without blank lines
    // between them, written as one item.
    let mut w = Writer::with_capacity(modules.len() * 128);
    for (module, idents) in &modules {
        let module = text::ident(module);
        w.join_line(0, &["mod ", &module, ";"]);
        let idents: Vec<String> = idents.iter().map(|i| text::ident(i).into_owned()).collect();
        w.use_group("pub use", &[&module, "::"].concat(), &idents);
    }
    if !modules.is_empty() {
        items.push(Item::declaration(w.finish().unwrap_or_default()));
    }
    RustFile {
        inner_doc: DOC.iter().map(|line| line.to_string()).collect(),
        items,
    }
}

/// The trait, its errors, `Collection` and the encoding helpers as
/// prettyplease prints them (the reference tokens are in `tokens`), but for
/// the `PATH` set, which is written from [`URI_UNSAFE`].
const DEFINITIONS: &str = include_str!("request_mod/definitions.txt");

/// The line of [`DEFINITIONS`] that stands for the `PATH` constant.
const PATH_MARKER: &str = "@PATH@\n";

/// The fixed definitions of the module.
fn definitions_text() -> String {
    let (before, after) = DEFINITIONS
        .split_once(PATH_MARKER)
        .unwrap_or((DEFINITIONS, ""));
    format!("{before}{}{after}", path_const())
}

/// What a parameter value encodes in a path: besides what literal template
/// text encodes, `%` and `?` too (a value is data).
fn path_bytes() -> Vec<u8> {
    let mut bytes = URI_UNSAFE.to_vec();
    bytes.extend(b"%?");
    bytes.sort_unstable();
    bytes
}

/// `const PATH` with one `.add(b'x')` per byte: one line when it fits, else
/// one call per line, as prettyplease breaks a method chain.
fn path_const() -> String {
    let head = "const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS";
    let adds: Vec<String> = path_bytes()
        .into_iter()
        .map(|b| format!(".add({})", proc_macro2::Literal::byte_character(b)))
        .collect();
    let flat = format!("{head}{};", adds.concat());
    if flat.len() <= MARGIN {
        return flat + "\n";
    }
    let mut out = format!("{head}\n");
    for add in &adds {
        out.push_str("    ");
        out.push_str(add);
        out.push('\n');
    }
    out.insert(out.len() - 1, ';');
    out
}
