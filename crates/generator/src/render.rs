//! Rust files from text and tokens.
//!
//! A file is its `//!` doc lines and its top-level items, one blank line
//! between items except inside a run of `use` and `mod x;` declarations
//! (prettyplease itself puts no blank lines between top-level items). An
//! item is either text the emitters laid out themselves (see `text`) or
//! tokens that syn parses and prettyplease prints; the items of one file
//! are printed in parallel, and the order is kept.
use crate::text::Writer;
use crate::{GenError, GeneratedFile};
use proc_macro2::TokenStream;
use rayon::prelude::*;
use std::path::PathBuf;

/// Builds the tokens of an item on the thread that prints it (token
/// streams cannot move between threads).
pub type Tokens<'a> = Box<dyn FnOnce() -> TokenStream + Send + 'a>;

/// One top-level item of a Rust file.
pub enum Item<'a> {
    /// Laid out already, ending in a newline.
    Text {
        /// The item's lines.
        text: String,
        /// Whether it is a `use` or `mod x;` declaration.
        declaration: bool,
    },
    /// The tokens of one or more items, for prettyplease.
    Tokens(Tokens<'a>),
}

impl<'a> Item<'a> {
    /// Items built as tokens, printed by prettyplease.
    pub fn tokens(build: impl FnOnce() -> TokenStream + Send + 'a) -> Item<'a> {
        Item::Tokens(Box::new(build))
    }

    /// An item other than a declaration, laid out already.
    pub fn text(text: String) -> Item<'a> {
        Item::Text {
            text,
            declaration: false,
        }
    }

    /// A `use` or `mod x;` declaration, laid out already.
    pub fn declaration(text: String) -> Item<'a> {
        Item::Text {
            text,
            declaration: true,
        }
    }
}

/// A file of items, for [`file`].
pub struct RustFile<'a> {
    /// The `//!` doc lines.
    pub inner_doc: Vec<String>,
    /// The items, in order.
    pub items: Vec<Item<'a>>,
}

/// A file that is not Rust, as it is.
pub fn text_file(path: &str, contents: String) -> GeneratedFile {
    GeneratedFile {
        path: PathBuf::from(path),
        contents,
    }
}

/// Header, blank line, then the file's items.
pub fn file(path: &str, header: &str, file: RustFile<'_>) -> Result<GeneratedFile, GenError> {
    let printed: Vec<Vec<(String, bool)>> = file
        .items
        .into_par_iter()
        .map(|item| match item {
            Item::Text { text, declaration } => Ok(vec![(text, declaration)]),
            Item::Tokens(build) => {
                let parsed: syn::File = syn::parse2(build()).map_err(|e| syntax(path, &e))?;
                Ok(print_items(parsed.items))
            }
        })
        .collect::<Result<_, GenError>>()?;
    // The file is built behind its header in one string of the right
    // size: these files are large, and each copy costs a pass over them.
    let items: usize = printed
        .iter()
        .flatten()
        .map(|(text, _)| text.len() + 1)
        .sum();
    let docs: usize = file.inner_doc.iter().map(|l| l.len() + 5).sum();
    let mut w = Writer::file(header, docs + items);
    // What follows the header and its blank line.
    let start = header.len() + 1;
    w.inner_doc(&file.inner_doc);
    let mut out = w.finish().unwrap_or_default();
    join(&mut out, start, printed.into_iter().flatten());
    Ok(text_file(path, out))
}

/// Header, blank line, then text laid out as [`tokens_file`] would.
pub fn text_rust_file(path: &str, header: &str, text: &str) -> GeneratedFile {
    text_file(path, [header, "\n", text].concat())
}

/// Header, blank line, then the tokens parsed as a file and pretty-printed.
pub fn tokens_file(
    path: &str,
    header: &str,
    tokens: TokenStream,
) -> Result<GeneratedFile, GenError> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| syntax(path, &e))?;
    let mut out = String::new();
    if !file.attrs.is_empty() {
        out.push_str(&unparse(file.attrs, Vec::new()));
    }
    join(&mut out, 0, print_items(file.items));
    Ok(text_file(path, format!("{header}\n{out}")))
}

fn syntax(path: &str, e: &syn::Error) -> GenError {
    GenError::Syntax {
        path: path.to_string(),
        message: e.to_string(),
    }
}

fn unparse(attrs: Vec<syn::Attribute>, items: Vec<syn::Item>) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        frontmatter: None,
        attrs,
        items,
    })
}

/// Each item printed on its own, and whether it is a declaration.
fn print_items(items: Vec<syn::Item>) -> Vec<(String, bool)> {
    items
        .into_iter()
        .map(|item| {
            let declaration = matches!(
                item,
                syn::Item::Use(_) | syn::Item::Mod(syn::ItemMod { content: None, .. })
            );
            (unparse(Vec::new(), vec![item]), declaration)
        })
        .collect()
}

/// Appends printed items, a blank line before each except inside a run of
/// declarations and before the first item when nothing follows `start`.
fn join(out: &mut String, start: usize, items: impl IntoIterator<Item = (String, bool)>) {
    let mut previous_was_declaration = false;
    for (text, is_declaration) in items {
        let same_run = is_declaration && previous_was_declaration;
        if out.len() > start && !same_run {
            out.push('\n');
        }
        out.push_str(&text);
        previous_was_declaration = is_declaration;
    }
}
