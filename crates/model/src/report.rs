//! The `graphdoc model --format json` contract shape.
use crate::{Corpus, PageKind};
use serde::{Deserialize, Serialize};

/// The corpus model as `graphdoc model` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelReport {
    /// Every type of the registry, sorted by name.
    pub types: Vec<TypeEntry>,
    /// One entry per method and path template, sorted by page then declaration order.
    pub operations: Vec<OperationEntry>,
}

/// One type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeEntry {
    /// The type name.
    pub name: String,
    /// Its namespace.
    pub namespace: String,
    /// `entity`, `complex` or `enum`.
    pub kind: String,
    /// The base type the page names.
    pub base: Option<String>,
    /// Documented properties.
    pub properties: Vec<PropertyEntry>,
    /// Enum members (enums only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<String>>,
    /// The pages that describe the type.
    pub pages: Vec<String>,
}

/// One property of a type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PropertyEntry {
    /// The property name.
    pub name: String,
    /// The documented type name.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Whether it is a collection.
    pub collection: bool,
}

/// One method and path template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationEntry {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path as written in the syntax block.
    pub path: String,
    /// The request body type, if any.
    pub request_type: Option<String>,
    /// The response body type, if any.
    pub response_type: Option<String>,
    /// The response is a collection.
    pub response_collection: bool,
    /// The page that documents it.
    pub page: String,
}

impl ModelReport {
    /// Builds the report from a resolved corpus.
    pub fn from_corpus(corpus: &Corpus) -> ModelReport {
        let types = corpus
            .types
            .iter()
            .map(|t| TypeEntry {
                name: t.name.clone(),
                namespace: t.namespace.clone(),
                kind: t.kind.as_str().to_string(),
                base: t.base.clone(),
                properties: t
                    .properties
                    .iter()
                    .map(|p| PropertyEntry {
                        name: p.name.value.clone(),
                        type_name: p.type_ref.name.clone(),
                        collection: p.type_ref.collection,
                    })
                    .collect(),
                members: (t.kind == crate::TypeKind::Enum)
                    .then(|| t.members.iter().map(|m| m.name.value.clone()).collect()),
                pages: {
                    let mut pages: Vec<String> = t.sources.iter().map(|s| s.page.clone()).collect();
                    pages.dedup();
                    pages
                },
            })
            .collect();
        let mut operations = Vec::new();
        for page in corpus.pages.iter().filter(|p| p.kind == PageKind::Api) {
            let request_type = page.request_type();
            let (response_type, response_collection) = page.response_type();
            for op in &page.operations {
                operations.push(OperationEntry {
                    method: op.method.value.clone(),
                    path: op.path.template.value.clone(),
                    request_type: request_type.clone(),
                    response_type: response_type.clone(),
                    response_collection,
                    page: page.path.clone(),
                });
            }
        }
        ModelReport { types, operations }
    }
}
