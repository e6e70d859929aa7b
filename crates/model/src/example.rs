use crate::{JsonNode, Span, Spanned};
use serde::{Deserialize, Serialize};

/// One example of an API page: a request, its response, or both, paired in
/// page order (a request followed by the next response).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The annotation `name` of the request (or of the response when alone).
    pub name: Option<String>,
    /// The request block.
    pub request: Option<HttpMessage>,
    /// The response block.
    pub response: Option<HttpMessage>,
}

/// A fenced `http` block (or its rendered-text equivalent) that carries a
/// request or a response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HttpMessage {
    /// The `<!-- {...} -->` annotation bound to the block, if any.
    pub annotation: Option<Annotation>,
    /// The first line.
    pub start: MessageStart,
    /// Header lines in order.
    pub headers: Vec<Header>,
    /// The body after the blank line, if any.
    pub body: Option<Body>,
    /// The whole block content.
    pub span: Span,
}

/// The first line of an HTTP message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MessageStart {
    /// `POST https://graph.microsoft.com/beta/me/profile/skills`
    Request {
        /// The method, upper case as written.
        method: Spanned<String>,
        /// The URL as written.
        url: Spanned<String>,
        /// The version segment of a full Graph URL (`v1.0`, `beta`, `localtest`).
        version: Option<Spanned<String>>,
        /// The path after the version segment (or the whole path of a relative URL),
        /// without the query string.
        path: String,
        /// The query string without `?`, if any.
        query: Option<String>,
    },
    /// `HTTP/1.1 201 Created`
    Response {
        /// The status code.
        status: Spanned<u16>,
        /// The reason phrase.
        reason: String,
    },
}

/// A header line: `Content-Type: application/json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// The name as written.
    pub name: Spanned<String>,
    /// The value, trimmed.
    pub value: Spanned<String>,
}

/// A message body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Body {
    /// The text as written.
    pub raw: String,
    /// The parsed JSON, when the body is JSON (elisions with `...` allowed).
    pub json: Option<JsonNode>,
    /// Why the body is not JSON, when it looks like JSON but does not parse.
    pub json_error: Option<Spanned<String>>,
    /// The body contains `...` elisions.
    pub elided: bool,
    /// Where the body text is.
    pub span: Span,
}

/// The JSON annotation in an HTML comment before a code block:
/// `<!-- { "blockType": "request", "name": "..." } -->`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// `blockType`: `request`, `response`, `resource`, `ignored`, `example`, ...
    pub block_type: Option<String>,
    /// `name`
    pub name: Option<String>,
    /// `truncated`
    pub truncated: bool,
    /// `@odata.type`, or its older spelling `@type` when `@odata.type` is
    /// absent, spanned at the value.
    pub odata_type: Option<Spanned<String>>,
    /// `isCollection`
    pub is_collection: bool,
    /// `baseType`
    pub base_type: Option<String>,
    /// `keyProperty`
    pub key_property: Option<String>,
    /// `openType`
    pub open_type: bool,
    /// All keys as written.
    pub raw: serde_json::Map<String, serde_json::Value>,
    /// Where the comment is.
    pub span: Span,
}
