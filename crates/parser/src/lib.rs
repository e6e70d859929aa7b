//! Reads Microsoft Graph style API reference pages into the graphdoc model.
//!
//! `bytes -> blocks -> Page`: markdown goes through pulldown-cmark
//! ([`markdown`]), rendered plain text through [`plaintext`]; both yield
//! [`blocks::Block`]s that the assembler turns into a [`Page`].
//! [`corpus::resolve`] then builds the type registry across pages, and
//! [`load`] does it all for files and folders.

mod assemble;
pub mod blocks;
pub mod corpus;
pub mod frontmatter;
pub mod http;
pub mod json;
pub mod markdown;
pub mod plaintext;
pub mod text;
pub mod typeref;
mod walk;

use graphdoc_model::{Corpus, Page, PageFormat, Problem, ProblemKind};
use rayon::prelude::*;
use std::sync::Arc;
use text::SourceText;

pub use walk::{walk, InputError, InputFile};

/// Files larger than this are reported and not parsed.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Parses one page from its bytes. Never fails: what cannot be read becomes
/// a [`Problem`] on the page.
pub fn parse_page(path: &str, bytes: &[u8]) -> Page {
    let (text, utf8_problem) = match std::str::from_utf8(bytes) {
        Ok(t) => (std::borrow::Cow::Borrowed(t), None),
        Err(e) => (String::from_utf8_lossy(bytes), Some(e.valid_up_to())),
    };
    let mut page = parse_text(path, &text, bytes.len(), utf8_problem);
    page.source = text.into_owned();
    page
}

/// [`parse_page`] for bytes the caller gives away: valid UTF-8 becomes the
/// page's source without a copy.
fn parse_owned(path: &str, bytes: Vec<u8>) -> Page {
    let len = bytes.len();
    let (text, utf8_problem) = match String::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    };
    let mut page = parse_text(path, &text, len, utf8_problem);
    page.source = text;
    page
}

/// Parses the text of a file of `len` bytes whose first invalid UTF-8 byte
/// (replaced in `text`) was at `utf8_problem`. The page's `source` is left
/// for the caller to fill.
fn parse_text(path: &str, text: &str, len: usize, utf8_problem: Option<usize>) -> Page {
    let src = SourceText::new(Arc::from(path), text);
    if len > MAX_FILE_BYTES {
        let problem = Problem {
            kind: ProblemKind::TooLarge,
            message: format!(
                "file is {} bytes, over the {} byte limit; not parsed",
                len, MAX_FILE_BYTES
            ),
            span: src.span(0, 0),
        };
        return assemble::assemble(&src, PageFormat::Markdown, None, vec![problem], Vec::new());
    }
    let mut problems = Vec::new();
    if let Some(at) = utf8_problem {
        problems.push(Problem {
            kind: ProblemKind::InvalidUtf8,
            message: "file is not valid UTF-8; invalid bytes were replaced with U+FFFD".into(),
            span: src.span(at, at),
        });
    }
    parse_source(&src, problems)
}

/// Parses one page from text.
pub fn parse_str(path: &str, text: &str) -> Page {
    let mut page = parse_source(&SourceText::new(Arc::from(path), text), Vec::new());
    page.source = text.to_string();
    page
}

fn parse_source(src: &SourceText, mut problems: Vec<Problem>) -> Page {
    if plaintext::looks_rendered(src.text) {
        let blocks = plaintext::blocks(src);
        return assemble::assemble(src, PageFormat::RenderedText, None, problems, blocks);
    }
    let split = frontmatter::split(src);
    problems.extend(split.problems);
    let blocks = markdown::blocks(src, split.body_start);
    assemble::assemble(
        src,
        PageFormat::Markdown,
        split.front_matter,
        problems,
        blocks,
    )
}

/// Parses files in parallel; the result keeps the input order.
pub fn parse_files(files: &[InputFile]) -> Vec<Page> {
    files
        .par_iter()
        .map(|f| parse_page(&f.path, &f.bytes))
        .collect()
}

/// Walks `paths`, parses every page and resolves the corpus. Files that could
/// not be read are returned beside it.
pub fn load<P: AsRef<std::path::Path>>(
    paths: &[P],
) -> Result<(Corpus, Vec<InputError>), InputError> {
    // Like `walk` then `parse_files`, in one parallel pass: each file is
    // read and parsed by the same task, so its bytes are dropped as soon as
    // its page exists instead of the whole corpus being held in memory.
    // Pages are collected straight into their vector (no second copy of
    // every page); a file that cannot be read leaves a placeholder there,
    // removed afterwards, and its error aside.
    let (names, mut errors) = walk::list(paths)?;
    let unread: std::sync::Mutex<Vec<(usize, InputError)>> = Default::default();
    let mut pages: Vec<Page> = names
        .into_par_iter()
        .enumerate()
        .map(|(i, path)| match std::fs::read(&path) {
            Ok(bytes) => parse_owned(&path.display().to_string(), bytes),
            Err(source) => {
                let mut unread = unread.lock().unwrap_or_else(|e| e.into_inner());
                unread.push((i, InputError::Read { path, source }));
                parse_str("", "")
            }
        })
        .collect();
    let mut unread = unread.into_inner().unwrap_or_else(|e| e.into_inner());
    if !unread.is_empty() {
        unread.sort_by_key(|(i, _)| *i);
        let mut at = 0;
        let mut next = unread.iter().map(|(i, _)| *i).peekable();
        pages.retain(|_| {
            let keep = next.next_if_eq(&at).is_none();
            at += 1;
            keep
        });
        errors.extend(unread.into_iter().map(|(_, e)| e));
    }
    Ok((corpus::resolve(pages), errors))
}
