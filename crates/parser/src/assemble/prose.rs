//! Facts read from paragraphs and INCLUDE lines.
use super::Section;
use crate::blocks::Inline;
use crate::text::{first_phrase_end, SourceText};
use graphdoc_model::{
    Include, Link, Page, PermissionOrder, Permissions, RequestBody, Response, Spanned,
};

/// Reads one paragraph into the page, by section.
pub(super) fn paragraph(src: &SourceText, page: &mut Page, section: &Section, inline: &Inline) {
    let Some(span) = inline.span.clone() else {
        return;
    };
    let text = inline.text.trim();
    if text.is_empty() || text.starts_with("[!INCLUDE") {
        return;
    }
    if page.base_type.is_none() && matches!(section, Section::Intro | Section::Properties) {
        page.base_type = base_type(src, inline);
    }
    match section {
        Section::Intro => {
            if let Some(ns) = strip_label(text, "namespace:") {
                let start = span.start as usize + (text.len() - ns.len());
                let ns = ns.split_whitespace().next().unwrap_or("");
                page.namespace = Some(src.spanned(ns.to_string(), start, start + ns.len()));
            } else if page.description.is_none() && !is_note(text) {
                page.description = Some(Spanned::new(text.to_string(), span));
            }
        }
        Section::RequestBody => {
            let body = page.request_body.get_or_insert_with(|| RequestBody {
                text: Spanned::new(String::new(), span.clone()),
                type_link: None,
                properties: Vec::new(),
                parameters: Vec::new(),
            });
            append(&mut body.text, text, &span);
            if body.type_link.is_none() {
                body.type_link = type_link(inline, &span);
            }
        }
        Section::Response => {
            let resp = page.response.get_or_insert_with(|| Response {
                text: Spanned::new(String::new(), span.clone()),
                status: None,
                type_link: None,
                collection: false,
            });
            append(&mut resp.text, text, &span);
            if resp.status.is_none() {
                resp.status = status_code(src, &span);
            }
            if resp.type_link.is_none() {
                resp.type_link = type_link(inline, &span);
                if resp.type_link.is_some() {
                    resp.collection = text.to_ascii_lowercase().contains("collection");
                }
            }
        }
        _ => {}
    }
}

/// Records an INCLUDE line; in the Permissions section it stands for the table.
pub(super) fn include(page: &mut Page, section: &Section, include: Include) {
    if *section == Section::Permissions {
        let perms = page.permissions.get_or_insert_with(|| Permissions {
            order: PermissionOrder::Unstated,
            order_span: None,
            rows: Vec::new(),
            include: None,
        });
        if perms.include.is_none() && perms.rows.is_empty() {
            perms.include = Some(include.clone());
        }
    }
    page.includes.push(include);
}

fn strip_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let head = text.get(..label.len())?;
    head.eq_ignore_ascii_case(label)
        .then(|| text[label.len()..].trim_start())
}

fn is_note(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "note:",
        "[!note]",
        "[!important]",
        "important",
        "[!caution]",
        "[!tip]",
        "apis under the /beta",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

fn append(acc: &mut Spanned<String>, text: &str, span: &graphdoc_model::Span) {
    if acc.value.is_empty() {
        acc.span = span.clone();
    } else {
        acc.value.push('\n');
        acc.span.end = acc.span.end.max(span.end);
    }
    acc.value.push_str(text);
}

/// "Inherits from [x](x.md)" (or plain "Inherits from x.") in a paragraph,
/// or "A subclass of [x](x.md)" / "creates a subclass from [x](x.md)" (with
/// a link only: "a subclass of the ..." names no type).
fn base_type(src: &SourceText, inline: &Inline) -> Option<Spanned<String>> {
    let span = inline.span.as_ref()?;
    let raw = src.slice(span.start as usize, span.end as usize);
    let phrases = ["inherits from", "derives from", "derived from"];
    let (at, plain_word_ok) = match first_phrase_end(raw, &phrases, "from") {
        Some(at) => (at, true),
        None => match first_phrase_end(raw, &["subclass of"], "of") {
            Some(at) => (at, false),
            None => (first_phrase_end(raw, &["subclass from"], "from")?, false),
        },
    };
    let after = span.start as usize + at;
    if let Some(link) = inline.links.iter().find(|l| l.span.start as usize >= after) {
        let gap = src.slice(after, link.span.start as usize);
        if gap.trim().len() <= 4 {
            return Some(Spanned::new(
                link.text.trim_matches(['*', '`']).to_string(),
                link.span.clone(),
            ));
        }
    }
    if !plain_word_ok {
        return None;
    }
    let rest = &raw[at..];
    let lead = rest.len() - rest.trim_start().len();
    let word: String = rest[lead..]
        .trim_start_matches(['*', '`'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
        .collect();
    let word = word.trim_end_matches('.');
    let skip = rest[lead..].len() - rest[lead..].trim_start_matches(['*', '`']).len();
    let start = after + lead + skip;
    (!word.is_empty()).then(|| src.spanned(word.to_string(), start, start + word.len()))
}

/// The first link to a type page in a paragraph, or, for rendered text
/// without links, the word before "object" in "a JSON representation of
/// workPosition object" / "a new workPosition object".
fn type_link(inline: &Inline, span: &graphdoc_model::Span) -> Option<Link> {
    if let Some(link) = inline.links.iter().find(|l| is_type_page(&l.target)) {
        return Some(link.clone());
    }
    if !inline.links.is_empty() {
        return None;
    }
    let words: Vec<&str> = inline.text.split_whitespace().collect();
    words.windows(2).find_map(|w| {
        let next = w[1].trim_end_matches(['.', ',']);
        let name = w[0].trim_matches(['*', '`']);
        let is_name = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && name.chars().any(|c| c.is_ascii_uppercase())
            && name.chars().all(|c| c.is_ascii_alphanumeric());
        (matches!(next, "object" | "objects" | "resource" | "collection") && is_name).then(|| {
            Link {
                text: name.to_string(),
                target: String::new(),
                span: span.clone(),
            }
        })
    })
}

fn is_type_page(target: &str) -> bool {
    let t = target.split('#').next().unwrap_or("").to_ascii_lowercase();
    t.ends_with(".md")
        && !t.contains("/api/")
        && !t.starts_with("/graph/")
        && !t.starts_with("http")
        && !t.contains("/concepts/")
}

/// The first HTTP status code (`201 Created`, `200 OK`) in a span of text.
fn status_code(src: &SourceText, span: &graphdoc_model::Span) -> Option<Spanned<u16>> {
    let raw = src.slice(span.start as usize, span.end as usize);
    let b = raw.as_bytes();
    for i in 0..b.len().saturating_sub(2) {
        let digits = &b[i..i + 3];
        let boundary_before = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let boundary_after = b.get(i + 3).is_none_or(|c| !c.is_ascii_alphanumeric());
        if boundary_before
            && boundary_after
            && (b'1'..=b'5').contains(&digits[0])
            && digits[1].is_ascii_digit()
            && digits[2].is_ascii_digit()
        {
            let code = u16::from(digits[0] - b'0') * 100
                + u16::from(digits[1] - b'0') * 10
                + u16::from(digits[2] - b'0');
            let start = span.start as usize + i;
            return Some(src.spanned(code, start, start + 3));
        }
    }
    None
}
