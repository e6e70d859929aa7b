//! The intermediate model of graphdoc.
//!
//! Plain data with serde: what the parser reads out of a documentation page
//! ([`Page`]) and what cross-page resolution builds from all pages ([`Corpus`]).
//! Every value that came from text carries a [`Span`] pointing at that text,
//! so the checker can report `file:line:column` without re-reading files.

mod corpus;
mod example;
mod json;
mod page;
mod report;
mod span;
mod type_ref;

pub use corpus::{type_key, Corpus, TypeDef, TypeKind, TypeOrigin, TypeSource};
pub use example::{Annotation, Body, Example, Header, HttpMessage, MessageStart};
pub use json::{JsonMember, JsonNode, JsonValue};
pub use page::{
    is_collection_type, short_type_name, ApiVersion, EnumDef, EnumMember, FrontMatter,
    FrontMatterEntry, Heading, Include, JsonRepresentation, Link, MethodRow, Operation,
    OperationPath, Page, PageFormat, PageKind, Parameter, ParameterKind, PathParam, Permission,
    PermissionOrder, Permissions, Problem, ProblemKind, Property, RequestBody, Response,
};
pub use report::{ModelReport, OperationEntry, PropertyEntry, TypeEntry};
pub use span::{Span, Spanned};
pub use type_ref::{Primitive, TypeRef, TypeTarget};
