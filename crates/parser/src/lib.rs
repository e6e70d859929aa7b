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
    let file: Arc<str> = Arc::from(path);
    let (text, utf8_problem) = match std::str::from_utf8(bytes) {
        Ok(t) => (std::borrow::Cow::Borrowed(t), None),
        Err(e) => (String::from_utf8_lossy(bytes), Some(e.valid_up_to())),
    };
    let src = SourceText::new(file, &text);
    if bytes.len() > MAX_FILE_BYTES {
        let problem = Problem {
            kind: ProblemKind::TooLarge,
            message: format!(
                "file is {} bytes, over the {} byte limit; not parsed",
                bytes.len(),
                MAX_FILE_BYTES
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
    parse_source(&SourceText::new(Arc::from(path), text), Vec::new())
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
    let (files, errors) = walk(paths)?;
    let pages = parse_files(&files);
    Ok((corpus::resolve(pages), errors))
}
