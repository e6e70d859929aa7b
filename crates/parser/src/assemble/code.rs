//! HTML comments (annotations, allow lists) and code blocks (syntax,
//! examples, JSON representations).
use super::Section;
use crate::blocks::CodeBlock;
use crate::http::{is_request_line, is_status_line, parse_message, parse_syntax};
use crate::json::parse_json;
use crate::text::{OffsetMap, SourceText};
use graphdoc_model::{
    Annotation, Example, JsonRepresentation, MessageStart, Page, Problem, ProblemKind, Span,
    Spanned,
};

/// The comment that allows diagnostic codes on a page.
const ALLOW: &str = "graphdoc-allow:";

/// Reads an HTML comment: an annotation becomes pending for the next code
/// block; an allow comment is recorded; anything else is prose.
pub(super) fn comment(
    src: &SourceText,
    page: &mut Page,
    pending: &mut Option<Annotation>,
    text: &str,
    map: &OffsetMap,
    span: Span,
    unterminated: bool,
) {
    if unterminated {
        page.problems.push(Problem {
            kind: ProblemKind::UnterminatedComment,
            message: "HTML comment has no closing `-->`; the rest of the page is inside it".into(),
            span: src.span(span.start as usize, span.start as usize + 4),
        });
    }
    let trimmed = text.trim();
    if let Some(codes) = trimmed.strip_prefix(ALLOW) {
        let base = map.to_source(text.find(ALLOW).unwrap_or(0) + ALLOW.len());
        let mut pos = 0;
        for part in codes.split([',', ' ', '\n']) {
            let start = base + pos;
            pos += part.len() + 1;
            let code = part.trim();
            if !code.is_empty() {
                let lead = part.find(code).unwrap_or(0);
                page.allows.push(src.spanned(
                    code.to_string(),
                    start + lead,
                    start + lead + code.len(),
                ));
            }
        }
        return;
    }
    if !trimmed.starts_with('{') {
        return;
    }
    match parse_json(text, map, src) {
        Ok(parsed) => {
            let serde_json::Value::Object(raw) = parsed.node.to_serde() else {
                return;
            };
            // `@type` is the older spelling of the key (the OneDrive and
            // SharePoint pages still use it, in resource, request and
            // response annotations alike); `@odata.type` wins when both are there.
            let odata = ["@odata.type", "@type"].iter().find_map(|key| {
                let n = parsed.node.get(key)?;
                n.as_str()
                    .map(|s| Spanned::new(s.to_string(), n.span.clone()))
            });
            let str_of = |k: &str| raw.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let bool_of = |k: &str| match raw.get(k) {
                Some(serde_json::Value::Bool(b)) => *b,
                Some(serde_json::Value::String(s)) => s.eq_ignore_ascii_case("true"),
                _ => false,
            };
            *pending = Some(Annotation {
                block_type: str_of("blockType"),
                name: str_of("name"),
                truncated: bool_of("truncated"),
                odata_type: odata,
                is_collection: bool_of("isCollection"),
                base_type: str_of("baseType"),
                key_property: str_of("keyProperty"),
                open_type: bool_of("openType"),
                raw,
                span,
            });
        }
        Err(e) => {
            let at = map.to_source(e.offset);
            let kind = if e.too_deep {
                ProblemKind::TooDeep
            } else {
                ProblemKind::Annotation
            };
            page.problems.push(Problem {
                kind,
                message: format!("annotation comment is not valid JSON: {}", e.message),
                span: src.span(at, at + 1),
            });
        }
    }
}

/// Reads a code block according to its annotation and section.
pub(super) fn code_block(
    src: &SourceText,
    page: &mut Page,
    section: &Section,
    annotation: Option<Annotation>,
    block: &CodeBlock,
) {
    if block.unterminated {
        page.problems.push(Problem {
            kind: ProblemKind::UnterminatedFence,
            message: "code block has no closing fence; it runs to the end of the page".into(),
            span: src.span(block.span.start as usize, block.span.start as usize + 3),
        });
    }
    let block_type = annotation
        .as_ref()
        .and_then(|a| a.block_type.as_deref())
        .map(str::to_ascii_lowercase);
    let first = block
        .text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let is_http_info = matches!(
        block.info.as_str(),
        "http" | "" | "https" | "rest" | "msgraph-interactive"
    );
    // Some pages have no syntax block: their HTTP request section shows an
    // annotated example with a relative URL, which is the syntax as well.
    if *section == Section::HttpRequest
        && block_type.as_deref() == Some("request")
        && first.contains(" /")
    {
        let (ops, _) = parse_syntax(&block.text, &block.map, src);
        page.operations.extend(ops);
    }
    match block_type.as_deref() {
        Some("resource") => json_representation(src, page, annotation, block),
        Some("request") if is_http_info || is_request_line(first) => {
            message(src, page, annotation, block)
        }
        Some("response") if is_http_info || is_status_line(first) => {
            message(src, page, annotation, block)
        }
        Some("request") | Some("response") => {}
        _ => match section {
            Section::HttpRequest if is_http_info || is_request_line(first) => {
                let (ops, problems) = parse_syntax(&block.text, &block.map, src);
                page.operations.extend(ops);
                page.problems.extend(problems);
            }
            // A syntax block under a heading of its own ("Get the tenant's
            // root site"): every line is `METHOD /path`.
            Section::Other | Section::Intro
                if is_http_info
                    && block
                        .text
                        .lines()
                        .filter(|l| !l.trim().is_empty())
                        .all(|l| {
                            let l = l.trim();
                            is_request_line(l)
                                && l.split_whitespace()
                                    .nth(1)
                                    .is_some_and(|t| t.starts_with('/'))
                        })
                    && !first.is_empty() =>
            {
                let (ops, problems) = parse_syntax(&block.text, &block.map, src);
                page.operations.extend(ops);
                page.problems.extend(problems);
            }
            Section::JsonRepresentation if page.json_representation.is_none() => {
                json_representation(src, page, annotation, block)
            }
            Section::Examples | Section::Response
                if is_http_info && (is_request_line(first) || is_status_line(first)) =>
            {
                message(src, page, annotation, block)
            }
            _ => {}
        },
    }
}

fn json_representation(
    src: &SourceText,
    page: &mut Page,
    annotation: Option<Annotation>,
    block: &CodeBlock,
) {
    let json = match parse_json(&block.text, &block.map, src) {
        Ok(p) => Some(p.node),
        Err(e) => {
            let at = block.map.to_source(e.offset);
            page.problems.push(Problem {
                kind: if e.too_deep {
                    ProblemKind::TooDeep
                } else {
                    ProblemKind::Annotation
                },
                message: format!("JSON representation is not valid JSON: {}", e.message),
                span: src.span(at, at + 1),
            });
            None
        }
    };
    if page.base_type.is_none() {
        if let Some(base) = annotation.as_ref().and_then(|a| a.base_type.as_ref()) {
            let short = graphdoc_model::short_type_name(base);
            page.base_type = Some(Spanned::new(
                short,
                annotation
                    .as_ref()
                    .map_or(block.span.clone(), |a| a.span.clone()),
            ));
        }
    }
    let raw = Spanned::new(block.text.clone(), block.span.clone());
    page.json_representation = Some(JsonRepresentation {
        annotation,
        json,
        raw,
    });
}

fn message(src: &SourceText, page: &mut Page, annotation: Option<Annotation>, block: &CodeBlock) {
    let mut msg = match parse_message(&block.text, &block.map, src) {
        Ok(m) => m,
        Err(problem) => {
            page.problems.push(problem);
            return;
        }
    };
    msg.annotation = annotation;
    let name = msg.annotation.as_ref().and_then(|a| a.name.clone());
    match msg.start {
        MessageStart::Request { .. } => page.examples.push(Example {
            name,
            request: Some(msg),
            response: None,
        }),
        MessageStart::Response { .. } => match page.examples.last_mut() {
            Some(last) if last.response.is_none() && last.request.is_some() => {
                last.response = Some(msg)
            }
            _ => page.examples.push(Example {
                name,
                request: None,
                response: Some(msg),
            }),
        },
    }
}
