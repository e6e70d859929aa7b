use crate::Span;
use serde::{Deserialize, Serialize};

/// A JSON value read from a page, with a span on every value and key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonNode {
    /// The value.
    pub value: JsonValue,
    /// Where the value's text is.
    pub span: Span,
}

/// The JSON value kinds. Numbers keep their source text so that nothing is
/// lost (`1.0` stays `1.0`); objects keep member order as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum JsonValue {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array; `truncated` when the docs elided items with `...`.
    Array {
        /// The items.
        items: Vec<JsonNode>,
        /// Items were elided with `...`.
        truncated: bool,
    },
    /// An object; `truncated` when the docs elided members with `...`.
    Object {
        /// The members in source order.
        members: Vec<JsonMember>,
        /// Members were elided with `...`.
        truncated: bool,
    },
}

/// One `"key": value` member of a JSON object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonMember {
    /// The key, unescaped, with the span of its quoted text.
    pub key: crate::Spanned<String>,
    /// The value.
    pub value: JsonNode,
}

impl JsonNode {
    /// The member `key` of an object, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&JsonNode> {
        match &self.value {
            JsonValue::Object { members, .. } => members
                .iter()
                .find(|m| m.key.value == key)
                .map(|m| &m.value),
            _ => None,
        }
    }

    /// The string value, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// Converts to a `serde_json::Value` (spans and truncation marks dropped).
    /// Numbers that serde_json cannot hold become strings of their text.
    pub fn to_serde(&self) -> serde_json::Value {
        match &self.value {
            JsonValue::Null => serde_json::Value::Null,
            JsonValue::Bool(b) => serde_json::Value::Bool(*b),
            JsonValue::Number(n) => serde_json::from_str::<serde_json::Number>(n)
                .map(serde_json::Value::Number)
                .unwrap_or_else(|_| serde_json::Value::String(n.clone())),
            JsonValue::String(s) => serde_json::Value::String(s.clone()),
            JsonValue::Array { items, .. } => {
                serde_json::Value::Array(items.iter().map(JsonNode::to_serde).collect())
            }
            JsonValue::Object { members, .. } => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.value.clone(), m.value.to_serde()))
                    .collect(),
            ),
        }
    }

    /// Whether this node or any node inside it was marked truncated.
    pub fn is_truncated(&self) -> bool {
        match &self.value {
            JsonValue::Array { items, truncated } => {
                *truncated || items.iter().any(JsonNode::is_truncated)
            }
            JsonValue::Object { members, truncated } => {
                *truncated || members.iter().any(|m| m.value.is_truncated())
            }
            _ => false,
        }
    }
}
