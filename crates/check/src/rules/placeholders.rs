//! todo-placeholder and empty-description: text left unwritten.
use super::{all_properties, ascii_offsets, Ctx};
use crate::{Code, Diagnostic};
use graphdoc_model::{Page, Span};

pub(super) fn check(_ctx: &Ctx, page: &Page, out: &mut Vec<Diagnostic>) {
    todos(page, out);
    empty_descriptions(page, out);
}

/// Every `TODO` word in the page, wherever it stands: the whole source is
/// scanned so that nothing (front matter, cells, scopes, prose, examples)
/// escapes, and the model says where it stands for the message.
fn todos(page: &Page, out: &mut Vec<Diagnostic>) {
    let src = page.source.as_str();
    let bytes = src.as_bytes();
    // Found by their `O`: in docs it is rarer than `T`.
    for at in ascii_offsets(src, "TODO") {
        let before_ok = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let after_ok = bytes.get(at + 4).is_none_or(|b| !b.is_ascii_alphanumeric());
        if !(before_ok && after_ok) {
            continue;
        }
        let rest = &src[at..];
        let stop = rest
            .find(['*', '|', '"', '\n', '\r', ']', '['])
            .unwrap_or(rest.len());
        let sentence = rest.find(". ").map_or(stop, |i| i + 1);
        let end = at + stop.min(sentence);
        let phrase = src[at..end].trim_end();
        let span = span_at(page, at, at + phrase.len());
        let place = place_of(page, at);
        out.push(
            Diagnostic::new(
                Code::TodoPlaceholder,
                span,
                format!("TODO placeholder in {place}: `{phrase}`"),
            )
            .with_label("unwritten text"),
        );
    }
}

/// A span for a byte range of the page, built from the nearest known span.
pub(super) fn span_at(page: &Page, start: usize, end: usize) -> Span {
    let src = page.source.as_str();
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = src[..start].matches('\n').count() + 1;
    let column = src[line_start..start].chars().count() + 1;
    Span {
        file: page_file(page),
        line: line as u32,
        column: column as u32,
        start: start as u32,
        end: end as u32,
    }
}

fn page_file(page: &Page) -> std::sync::Arc<str> {
    std::sync::Arc::from(page.path.as_str())
}

fn contains(span: &Span, at: usize) -> bool {
    (span.start as usize..span.end.max(span.start + 1) as usize).contains(&at)
}

/// Where in the page's model a byte offset stands, in words.
fn place_of(page: &Page, at: usize) -> String {
    if let Some(fm) = &page.front_matter {
        if let Some(e) = fm.entries.iter().find(|e| contains(&e.value.span, at)) {
            return format!("front matter `{}`", e.key.value);
        }
    }
    if let Some(p) = &page.permissions {
        if let Some(r) = p.rows.iter().find(|r| contains(&r.raw.span, at)) {
            return format!("the {} permission scopes", r.permission_type.value);
        }
    }
    if let Some(p) = all_properties(page).find(|p| contains(&p.span, at)) {
        return format!("the row of property `{}`", p.name.value);
    }
    if let Some(p) = page
        .parameters
        .iter()
        .chain(&page.request_headers)
        .find(|p| contains(&p.span, at))
    {
        return format!("the row of `{}`", p.name.value);
    }
    if let Some(h) = page.headings.iter().find(|h| contains(&h.text.span, at)) {
        return format!("heading `{}`", h.text.value);
    }
    "the page text".to_string()
}

fn empty_descriptions(page: &Page, out: &mut Vec<Diagnostic>) {
    for p in all_properties(page) {
        if p.description.value.trim().is_empty() {
            out.push(
                Diagnostic::new(
                    Code::EmptyDescription,
                    p.description.span.clone(),
                    format!("property `{}` has no description", p.name.value),
                )
                .with_label("empty cell"),
            );
        }
    }
    let params = page
        .parameters
        .iter()
        .chain(page.request_body.iter().flat_map(|b| &b.parameters));
    for p in params {
        if p.description.value.trim().is_empty() {
            out.push(
                Diagnostic::new(
                    Code::EmptyDescription,
                    p.description.span.clone(),
                    format!("parameter `{}` has no description", p.name.value),
                )
                .with_label("empty cell"),
            );
        }
    }
}
