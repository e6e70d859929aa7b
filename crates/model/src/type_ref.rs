use crate::Span;
use serde::{Deserialize, Serialize};

/// A type as a page documents it in a Type cell: `String`, `String collection`,
/// `[identitySet](identityset.md)`, `Collection(microsoft.graph.user)`, ...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeRef {
    /// The documented type name without namespace or collection wording:
    /// `String`, `DateTimeOffset`, `identitySet`. For primitives it is the
    /// canonical spelling, whatever the page wrote.
    pub name: String,
    /// Primitive or named type.
    pub target: TypeTarget,
    /// `X collection`, `Collection(X)` or `X[]`.
    pub collection: bool,
    /// The namespace qualifier as written (`microsoft.graph`, `Edm`), if any.
    pub namespace: Option<String>,
    /// The link target of a linked type (`../resources/identityset.md`).
    pub link: Option<String>,
    /// The cell text as written (plain text, links reduced to their text).
    pub raw: String,
    /// Where the cell text is.
    pub span: Span,
}

/// What a [`TypeRef`] names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum TypeTarget {
    /// An OData primitive.
    Primitive(Primitive),
    /// A type defined by some page (resource, complex type or enum).
    Named,
    /// No type name could be read from the cell (empty, or prose).
    Unknown,
}

/// The OData primitive types the docs use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Primitive {
    /// `String`
    String,
    /// `Boolean`
    Boolean,
    /// `Byte`
    Byte,
    /// `SByte`
    SByte,
    /// `Int16`
    Int16,
    /// `Int32`
    Int32,
    /// `Int64`
    Int64,
    /// `Single`
    Single,
    /// `Double`
    Double,
    /// `Decimal`
    Decimal,
    /// `DateTimeOffset`
    DateTimeOffset,
    /// `Date`
    Date,
    /// `TimeOfDay`
    TimeOfDay,
    /// `Duration`
    Duration,
    /// `Guid`
    Guid,
    /// `Binary`
    Binary,
    /// `Stream`
    Stream,
    /// `Json`: untyped JSON.
    Json,
}

impl Primitive {
    /// Every primitive, in declaration order.
    pub const ALL: [Primitive; 18] = [
        Primitive::String,
        Primitive::Boolean,
        Primitive::Byte,
        Primitive::SByte,
        Primitive::Int16,
        Primitive::Int32,
        Primitive::Int64,
        Primitive::Single,
        Primitive::Double,
        Primitive::Decimal,
        Primitive::DateTimeOffset,
        Primitive::Date,
        Primitive::TimeOfDay,
        Primitive::Duration,
        Primitive::Guid,
        Primitive::Binary,
        Primitive::Stream,
        Primitive::Json,
    ];

    /// The canonical spelling used by the Graph docs.
    pub fn name(self) -> &'static str {
        match self {
            Primitive::String => "String",
            Primitive::Boolean => "Boolean",
            Primitive::Byte => "Byte",
            Primitive::SByte => "SByte",
            Primitive::Int16 => "Int16",
            Primitive::Int32 => "Int32",
            Primitive::Int64 => "Int64",
            Primitive::Single => "Single",
            Primitive::Double => "Double",
            Primitive::Decimal => "Decimal",
            Primitive::DateTimeOffset => "DateTimeOffset",
            Primitive::Date => "Date",
            Primitive::TimeOfDay => "TimeOfDay",
            Primitive::Duration => "Duration",
            Primitive::Guid => "Guid",
            Primitive::Binary => "Binary",
            Primitive::Stream => "Stream",
            Primitive::Json => "Json",
        }
    }

    /// Whether JSON carries this primitive as a number.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Primitive::Byte
                | Primitive::SByte
                | Primitive::Int16
                | Primitive::Int32
                | Primitive::Int64
                | Primitive::Single
                | Primitive::Double
                | Primitive::Decimal
        )
    }
}

impl TypeRef {
    /// The primitive this names, if any.
    pub fn primitive(&self) -> Option<Primitive> {
        match self.target {
            TypeTarget::Primitive(p) => Some(p),
            _ => None,
        }
    }

    /// Whether the cell's spelling differs from the canonical one
    /// (`string`, `Edm.String`, `int`, `GUID`, ...).
    pub fn is_canonical_spelling(&self) -> bool {
        match self.target {
            TypeTarget::Primitive(p) => {
                let written = self.raw.trim();
                let written = written
                    .strip_suffix(" collection")
                    .or_else(|| written.strip_suffix(" Collection"))
                    .unwrap_or(written);
                written == p.name()
            }
            _ => true,
        }
    }
}
