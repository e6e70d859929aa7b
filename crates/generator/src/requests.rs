//! Typed requests: one struct per operation and path alternative of every
//! API page (`POST /me/profile/skills` and
//! `POST /users/{id | userPrincipalName}/profile/skills` are two structs).
//!
//! Each struct has a `String` field per path parameter, a `query` field for
//! query options and, when the operation takes one, an optional `body` of the
//! documented request type. It implements the generated crate's `Request`
//! trait: `METHOD`, `TEMPLATE` (the path as the docs write it), `STATUS`
//! (the documented success status), `type Body`, `type Response`, `path()`
//! (parameters percent-encoded) and the provided `into_http(base)`, which
//! builds an `http::Request<Vec<u8>>` that any HTTP client can send.
//!
//! # Names
//!
//! A request is named `<page name><path suffix>`, in PascalCase:
//!
//! - The page name is the page's title (H1, else front matter `title`):
//!   "Create skillProficiency" -> `CreateSkillProficiency`.
//! - The path suffix is empty when the page declares one operation. With
//!   several, each path is read as its literal segments (parameters,
//!   `(...)` arguments, a `microsoft.graph.` prefix and `$` left out); paths
//!   whose segments are all equal add their `(...)` arguments, then their
//!   parameter names, then their method, then their position in the syntax
//!   block (`Path2`). The segments every path of the page starts with are
//!   dropped, and each operation takes the shortest run of the remaining
//!   leading segments that no other operation of the page starts with:
//!   `/me/profile/skills` -> `Me`, `/users/{id}/profile/skills` -> `Users`;
//!   `/me/events` next to `/me/calendar/events` -> `Events`, `Calendar`;
//!   `/units/{id}/members` next to `/units/{id}/members/$ref` -> no suffix,
//!   `Ref`.
//! - When two pages would produce the same page name, module or request
//!   name, every page involved is named from its file name instead
//!   (`group-list-members.md` -> `GroupListMembers`), and if that collides
//!   too, from its whole path under the shared input folder. Each such
//!   fallback is a [`Note`]. Names depend only on the page itself and on the
//!   pages it collides with, never on input order.
//! - Path parameters are fields named by their first alternative in
//!   snake_case (`{id | userPrincipalName}` -> `id`; the doc comment names
//!   the others). A name that occurs twice in one path is qualified by the
//!   literal segment before each occurrence
//!   (`/users/{id}/events/{id}` -> `users_id`, `events_id`).
//! - Each page's requests live in `src/requests/<page name in snake_case>.rs`
//!   and are re-exported from `requests`.
//!
//! # Paths
//!
//! `TEMPLATE` is the syntax line as written. The path the struct builds is
//! the template without scheme, host and version segment (some syntax lines
//! are full URLs), without an optional `[?...]` group and without the query
//! string: query options, fixed or not, go in the `query` field. Literal
//! text is percent-encoded where a URI does not allow it; each parameter
//! value is percent-encoded at run time (a parameter followed by `:`, as in
//! `root:/{item-path}:`, keeps its `/`).
//!
//! # Types
//!
//! Types follow the page's documented types, never example values:
//!
//! - Body: the Request body section's type link (else the first request
//!   example's `@odata.type`) when it names a generated struct; any other
//!   documented or undocumented body is `serde_json::Value`. Operations get a
//!   `body` field unless their method is `GET`, `HEAD`, `DELETE` or
//!   `OPTIONS` and the page documents no request type.
//! - Response: the Response section's type link (else the first response
//!   example's `@odata.type`): a generated struct, or `Collection<T>` when
//!   the docs say collection; `()` when the status is 204; else
//!   `serde_json::Value` (primitives, enums and undefined types included:
//!   OData wraps those in `{"value": ...}`, so no narrower type is guessed).
//! - Status: the Response section's status; else the first response
//!   example's status (a [`Note`]); else `None`.
//!
//! Two pages that describe one operation each get their own requests: the
//! Intune docs document one endpoint per derived type, and those requests
//! differ in their types. The same method and template listed twice on one
//! page is generated once (a [`Note`]).
use crate::naming::{base_ident, Case};
use crate::plan::Plan;
use crate::{GenError, Note};
use graphdoc_model::{HttpMessage, MessageStart, Operation, Page, PageKind};
use rayon::prelude::*;
use std::borrow::Cow;

mod names;

use names::{assign_names, shared_dir, suffixes};

/// Field names the request structs use themselves.
const RESERVED_FIELDS: &[&str] = &["query", "body"];

/// Methods whose requests have no body unless the page documents a type.
const BODYLESS: &[&str] = &["GET", "HEAD", "DELETE", "OPTIONS"];

/// Every typed request of the corpus.
pub struct Requests<'c> {
    /// Pages with at least one operation, in corpus order.
    pub pages: Vec<PageRequests<'c>>,
    /// Operations of API pages, before duplicates are dropped.
    pub operations: usize,
    /// Naming fallbacks, dropped duplicates and statuses read from examples.
    pub notes: Vec<Note>,
}

/// The requests of one page.
pub struct PageRequests<'c> {
    /// The page.
    pub page: &'c Page,
    /// The module (file) name under `src/requests/`.
    pub module: String,
    /// One per distinct operation, in syntax-block order.
    pub requests: Vec<RequestPlan<'c>>,
    /// The request body.
    pub body: Payload,
    /// The documented request type name, if any.
    pub body_documented: Option<String>,
    /// The response body.
    pub response: Response,
    /// The documented response type name, if any.
    pub response_documented: Option<String>,
    /// The documented success status.
    pub status: Option<u16>,
}

/// One typed request.
pub struct RequestPlan<'c> {
    /// The operation.
    pub op: &'c Operation,
    /// The struct name.
    pub ident: String,
    /// The method, upper case.
    pub method: String,
    /// The path: literal text and parameters.
    pub pieces: Vec<Piece>,
    /// The path parameters, in path order.
    pub params: Vec<Param>,
    /// Whether the struct has a `body` field.
    pub has_body: bool,
}

/// A piece of a request path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Literal text as the template writes it.
    Lit(String),
    /// A parameter, by index into the request's params.
    Param(usize),
}

/// A path parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// The field name.
    pub ident: String,
    /// The names the docs give it (`id`, `userPrincipalName`).
    pub alternatives: Vec<String>,
    /// Whether the value may contain `/` (`root:/{item-path}:`).
    pub across: bool,
}

/// A request body type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    /// A generated struct, by index.
    Struct(usize),
    /// Raw JSON.
    Json,
}

/// A response body type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Response {
    /// A generated struct, by index.
    Struct(usize),
    /// `{"value": [...]}` of a generated struct, or of raw JSON.
    Collection(Option<usize>),
    /// Raw JSON.
    Json,
    /// No content (`()`).
    Empty,
}

impl<'c> Requests<'c> {
    /// Plans the requests of every API page.
    pub fn build(plan: &Plan, corpus: &'c graphdoc_model::Corpus) -> Result<Self, GenError> {
        // Pages are drafted independently; drafts and notes keep page order.
        let drafted: Vec<(Draft, Vec<Note>)> = corpus
            .pages
            .par_iter()
            .filter(|page| page.kind == PageKind::Api && !page.operations.is_empty())
            .map(|page| {
                let mut notes = Vec::new();
                (draft(plan, page, &mut notes), notes)
            })
            .collect();
        let operations = drafted.iter().map(|(d, _)| d.page.operations.len()).sum();
        let mut notes = Vec::new();
        let mut drafts = Vec::with_capacity(drafted.len());
        for (draft, page_notes) in drafted {
            drafts.push(draft);
            notes.extend(page_notes);
        }
        let shared = shared_dir(drafts.iter().map(|d| d.page.path.as_str()));
        let names = assign_names(&drafts, &shared, &mut notes)?;
        let mut pages = Vec::with_capacity(drafts.len());
        for (d, (module, idents)) in drafts.into_iter().zip(names) {
            let requests = d
                .ops
                .into_iter()
                .zip(idents)
                .map(|(op, ident)| RequestPlan { ident, ..op })
                .collect();
            pages.push(PageRequests {
                page: d.page,
                module,
                requests,
                body: d.body,
                body_documented: d.body_documented,
                response: d.response,
                response_documented: d.response_documented,
                status: d.status,
            });
        }
        Ok(Requests {
            pages,
            operations,
            notes,
        })
    }

    /// Number of request structs.
    pub fn count(&self) -> usize {
        self.pages.iter().map(|p| p.requests.len()).sum()
    }
}

/// A page's requests before naming.
struct Draft<'c> {
    page: &'c Page,
    ops: Vec<RequestPlan<'c>>,
    /// The path suffix of each op.
    suffixes: Vec<String>,
    body: Payload,
    body_documented: Option<String>,
    response: Response,
    response_documented: Option<String>,
    status: Option<u16>,
}

fn draft<'c>(plan: &Plan, page: &'c Page, notes: &mut Vec<Note>) -> Draft<'c> {
    let body_documented = page.request_type();
    let body = match body_documented
        .as_deref()
        .and_then(|t| plan.struct_named(t))
    {
        Some(i) => Payload::Struct(i),
        None => Payload::Json,
    };
    let (response_documented, collection) = page.response_type();
    let status = status(page, notes);
    let response = match response_documented.as_deref() {
        _ if status == Some(204) => Response::Empty,
        Some(t) if collection => Response::Collection(plan.struct_named(t)),
        Some(t) => plan
            .struct_named(t)
            .map_or(Response::Json, Response::Struct),
        None => Response::Json,
    };
    let mut ops: Vec<RequestPlan> = Vec::with_capacity(page.operations.len());
    for op in &page.operations {
        let method = op.method.value.trim().to_ascii_uppercase();
        let template = op.path.template.value.trim();
        // A page lists a few dozen operations at most: a scan of the kept
        // ones finds a repeat without a set of copies.
        let repeated = ops
            .iter()
            .any(|o| o.method == method && o.op.path.template.value.trim() == template);
        if repeated {
            notes.push(Note {
                span: op.path.template.span.clone(),
                message: format!(
                    "`{method} {template}` is listed twice on this page; one request is generated"
                ),
            });
            continue;
        }
        let (pieces, params) = parse_template(template);
        let has_body = !BODYLESS.contains(&method.as_str()) || body_documented.is_some();
        ops.push(RequestPlan {
            op,
            ident: String::new(),
            method,
            pieces,
            params,
            has_body,
        });
    }
    let suffixes = suffixes(&ops);
    Draft {
        page,
        ops,
        suffixes,
        body,
        body_documented,
        response,
        response_documented,
        status,
    }
}

/// The documented status: the Response section's, else the first response
/// example's (noted).
fn status(page: &Page, notes: &mut Vec<Note>) -> Option<u16> {
    if let Some(s) = page.response.as_ref().and_then(|r| r.status.as_ref()) {
        return Some(s.value);
    }
    let from_example = page.examples.iter().find_map(|e| match &e.response {
        Some(HttpMessage {
            start: MessageStart::Response { status, .. },
            ..
        }) => Some(status),
        _ => None,
    })?;
    notes.push(Note {
        span: from_example.span.clone(),
        message: format!(
            "the Response section states no status; the requests take {} from this example",
            from_example.value
        ),
    });
    Some(from_example.value)
}

/// The template without scheme, host and version, optional `[?...]` groups
/// and query string, as pieces and parameters.
pub fn parse_template(template: &str) -> (Vec<Piece>, Vec<Param>) {
    let path = without_optional_groups(without_host(template.trim()));
    let path = path.split('?').next().unwrap_or_default().trim();
    let path: Cow<str> = if path.starts_with('/') {
        Cow::Borrowed(path)
    } else {
        Cow::Owned(["/", path].concat())
    };
    let mut path: &str = &path;
    while path.len() > 1 && path.ends_with('/') {
        path = &path[..path.len() - 1];
    }
    let mut pieces = Vec::new();
    let mut names: Vec<(Vec<String>, bool, String)> = Vec::new();
    let mut rest = path;
    let mut lit = String::new();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        lit.push_str(&rest[..open]);
        let alternatives: Vec<String> = rest[open + 1..close]
            .split('|')
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        let alternatives = if alternatives.is_empty() {
            vec!["param".to_string()]
        } else {
            alternatives
        };
        // The literal segment before the parameter qualifies a repeated name.
        let before = lit.rsplit('/').find(|s| !s.is_empty()).unwrap_or("");
        let before = before
            .split(['(', '\''])
            .next()
            .unwrap_or(before)
            .to_string();
        if !lit.is_empty() {
            pieces.push(Piece::Lit(std::mem::take(&mut lit)));
        }
        pieces.push(Piece::Param(names.len()));
        let across = rest[close + 1..].starts_with(':');
        names.push((alternatives, across, before));
        rest = &rest[close + 1..];
    }
    lit.push_str(rest);
    if !lit.is_empty() {
        pieces.push(Piece::Lit(lit));
    }
    let params = param_idents(names);
    (pieces, params)
}

/// Field names for path parameters: the first alternative in snake case; a
/// name used twice is qualified by the segment before each occurrence, and
/// a name still repeated gets its position.
fn param_idents(names: Vec<(Vec<String>, bool, String)>) -> Vec<Param> {
    let field = |text: &str| {
        let mut f = base_ident(text, Case::Snake);
        if f.is_empty() {
            f = "param".into();
        }
        if RESERVED_FIELDS.contains(&f.as_str()) {
            f.push_str("_param");
        }
        if matches!(f.as_str(), "self" | "super" | "crate") {
            f.push('_');
        }
        f
    };
    // A path has a handful of parameters, so repeats are counted by scans.
    let plain: Vec<String> = names.iter().map(|(alts, _, _)| field(&alts[0])).collect();
    let mut idents: Vec<String> = plain
        .iter()
        .zip(&names)
        .map(|(p, (_, _, before))| {
            if plain.iter().filter(|q| *q == p).count() > 1 && !before.is_empty() {
                field(&format!("{before} {p}"))
            } else {
                p.clone()
            }
        })
        .collect();
    // A name an earlier parameter has (before any position is added) gets
    // its position.
    let repeats: Vec<bool> = (0..idents.len())
        .map(|i| idents[..i].contains(&idents[i]))
        .collect();
    for (i, (ident, repeat)) in idents.iter_mut().zip(repeats).enumerate() {
        if repeat {
            ident.push_str(&format!("_{}", i + 1));
        }
    }
    names
        .into_iter()
        .zip(idents)
        .map(|((alternatives, across, _), ident)| Param {
            ident,
            alternatives,
            across,
        })
        .collect()
}

/// A full-URL template (`https://graph.microsoft.com/v1.0/...`) without
/// scheme, host and version segment; other templates as they are.
fn without_host(template: &str) -> &str {
    let starts = |prefix: &str| {
        template
            .as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    if !(starts("http://") || starts("https://")) {
        return template;
    }
    let after_scheme = template.find("://").map_or(0, |i| i + 3);
    let rest = template[after_scheme..]
        .find('/')
        .map_or("", |j| &template[after_scheme + j..]);
    let first = rest.trim_start_matches('/').split('/').next().unwrap_or("");
    if first == "v1.0" || first == "beta" {
        &rest.trim_start_matches('/')[first.len()..]
    } else {
        rest
    }
}

/// `/pages/{id}/content[?includeIDs=true]` -> `/pages/{id}/content`.
fn without_optional_groups(template: &str) -> Cow<'_, str> {
    if !template.contains("[?") {
        return Cow::Borrowed(template);
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("[?") {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        out.push_str(&rest[..open]);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The printable characters a URI path does not allow as they are, in
/// byte order. Literal template text is encoded with these (and controls)
/// when the crate is generated; the generated crate's `PATH` set, for
/// parameter values at run time, adds `%` and `?` (see `request_mod`).
pub const URI_UNSAFE: &[u8] = b" \"#<>[\\]^`{|}";

/// Characters a URI path does not allow as they are; literal template text
/// is encoded with this set when the crate is generated.
const LITERAL: &percent_encoding::AsciiSet = &with_bytes(percent_encoding::CONTROLS, URI_UNSAFE);

/// `set` with `bytes` added.
const fn with_bytes(set: &percent_encoding::AsciiSet, bytes: &[u8]) -> percent_encoding::AsciiSet {
    // `AsciiSet` is not `Copy`; the double complement is a copy in const.
    let mut out = set.complement().complement();
    let mut i = 0;
    while i < bytes.len() {
        out = out.add(bytes[i]);
        i += 1;
    }
    out
}

/// Literal template text as it goes into a URI (an existing `%xx` is kept);
/// text that needs no encoding (nearly all) is borrowed as it is.
pub fn encode_literal(text: &str) -> Cow<'_, str> {
    percent_encoding::utf8_percent_encode(text, LITERAL).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(template: &str) -> (Vec<Piece>, Vec<String>) {
        let (pieces, params) = parse_template(template);
        (pieces, params.into_iter().map(|p| p.ident).collect())
    }

    #[test]
    fn templates_lose_host_query_and_optional_groups() {
        let (pieces, params) = names("https://graph.microsoft.com/v1.0/me/events?$top=5");
        assert_eq!(pieces, [Piece::Lit("/me/events".into())]);
        assert!(params.is_empty());
        let (pieces, _) = names("policies/claimsMappingPolicies/");
        assert_eq!(
            pieces,
            [Piece::Lit("/policies/claimsMappingPolicies".into())]
        );
        let (pieces, _) = names("/me/onenote/pages/{id}/content[?includeIDs=true]");
        assert_eq!(pieces.last(), Some(&Piece::Lit("/content".into())));
    }

    #[test]
    fn parameters_take_the_first_alternative_and_qualify_repeats() {
        let (_, params) = names("/users/{id | userPrincipalName}/profile/skills");
        assert_eq!(params, ["id"]);
        let (_, params) = names("/users/{id | userPrincipalName}/events/{id}/attachments/{id}");
        assert_eq!(params, ["users_id", "events_id", "attachments_id"]);
        let (_, params) = names("/a/{query}/{body}/{type}");
        assert_eq!(params, ["query_param", "body_param", "type"]);
        let (_, params) = names("/{x}/{x}");
        assert_eq!(params, ["x", "x_2"]);
        let (pieces, params) = names("/me/drive/root:/{item-path}:/children");
        assert_eq!(params, ["item_path"]);
        assert_eq!(pieces.len(), 3);
        assert!(parse_template("/me/drive/root:/{item-path}:/children").1[0].across);
    }

    #[test]
    fn literal_text_is_encoded_where_uris_need_it() {
        assert_eq!(encode_literal("/range(<address>)"), "/range(%3Caddress%3E)");
        assert_eq!(
            encode_literal("/filter(on='reviewer')"),
            "/filter(on='reviewer')"
        );
        assert_eq!(encode_literal("/a%20b/é"), "/a%20b/%C3%A9");
    }
}
