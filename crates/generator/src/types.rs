//! Documented types ([`TypeRef`]) to Rust types.
//!
//! The representations are chosen so that the docs' JSON round-trips
//! without loss: date, time, duration, GUID and binary values stay the
//! strings they are on the wire (no parsing that could normalize them),
//! floating point types are `f64` (an `f32` would round `Single` values
//! written with more digits), `Decimal` is a `serde_json::Number` (no binary
//! rounding of its own), and anything the docs do not define is kept as raw
//! JSON (`serde_json::Value`), never an invented struct.
use graphdoc_model::{type_key, Primitive, TypeRef, TypeTarget};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::HashMap;

/// The Rust type of one value (before `Vec`, `Box` and `Option`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// `String`: strings and every string-encoded primitive.
    String,
    /// `bool`
    Bool,
    /// `u8` (`Byte`)
    U8,
    /// `i8` (`SByte`)
    I8,
    /// `i16` (`Int16`)
    I16,
    /// `i32` (`Int32`)
    I32,
    /// `i64` (`Int64`)
    I64,
    /// `f64` (`Single`, `Double`)
    F64,
    /// `serde_json::Number` (`Decimal`)
    Number,
    /// `serde_json::Value`: untyped JSON, streams, and types no page defines.
    Json,
    /// A generated struct, by index into the plan's structs.
    Struct(usize),
    /// A generated enum, by index into the plan's enums.
    Enum(usize),
}

/// The Rust type of a field, without the `Option` every field has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldType {
    /// The item type.
    pub scalar: Scalar,
    /// `Vec<T>`: the docs say collection.
    pub collection: bool,
    /// `Box<T>`: every direct (non-collection) struct field. Graph types nest
    /// deeply, and inline structs add up: `sharedDriveItem` was a 90 KB value
    /// whose deserialization overflowed a 2 MB test-thread stack in a debug
    /// build. Boxed, a struct is only as large as its own fields, and types
    /// that contain themselves (`user.manager`) need no special case.
    pub boxed: bool,
}

/// What a registry type name resolves to in the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generated {
    /// A struct, by index.
    Struct(usize),
    /// An enum, by index.
    Enum(usize),
}

/// The Rust type of a primitive.
pub fn primitive(p: Primitive) -> Scalar {
    match p {
        Primitive::String
        | Primitive::DateTimeOffset
        | Primitive::Date
        | Primitive::TimeOfDay
        | Primitive::Duration
        | Primitive::Guid
        | Primitive::Binary => Scalar::String,
        Primitive::Boolean => Scalar::Bool,
        Primitive::Byte => Scalar::U8,
        Primitive::SByte => Scalar::I8,
        Primitive::Int16 => Scalar::I16,
        Primitive::Int32 => Scalar::I32,
        Primitive::Int64 => Scalar::I64,
        Primitive::Single | Primitive::Double => Scalar::F64,
        Primitive::Decimal => Scalar::Number,
        // A stream is not JSON content of a fixed shape; keep whatever is sent.
        Primitive::Stream | Primitive::Json => Scalar::Json,
    }
}

/// The Rust type of a documented type. `generated` maps registry keys
/// ([`type_key`]) to the generated items.
pub fn field_type(type_ref: &TypeRef, generated: &HashMap<String, Generated>) -> FieldType {
    let scalar = match type_ref.target {
        TypeTarget::Primitive(p) => primitive(p),
        TypeTarget::Named => match generated.get(&type_key(&type_ref.name)) {
            Some(Generated::Struct(i)) => Scalar::Struct(*i),
            Some(Generated::Enum(i)) => Scalar::Enum(*i),
            None => Scalar::Json,
        },
        TypeTarget::Unknown => Scalar::Json,
    };
    FieldType {
        scalar,
        collection: type_ref.collection,
        boxed: matches!(scalar, Scalar::Struct(_)) && !type_ref.collection,
    }
}

/// The tokens of a field type (without `Option`). `type_ident` names
/// generated structs and enums.
pub fn tokens(ty: FieldType, type_ident: &dyn Fn(Scalar) -> TokenStream) -> TokenStream {
    let item = match ty.scalar {
        Scalar::String => quote!(String),
        Scalar::Bool => quote!(bool),
        Scalar::U8 => quote!(u8),
        Scalar::I8 => quote!(i8),
        Scalar::I16 => quote!(i16),
        Scalar::I32 => quote!(i32),
        Scalar::I64 => quote!(i64),
        Scalar::F64 => quote!(f64),
        Scalar::Number => quote!(serde_json::Number),
        Scalar::Json => quote!(serde_json::Value),
        Scalar::Struct(_) | Scalar::Enum(_) => type_ident(ty.scalar),
    };
    if ty.collection {
        quote!(Vec<#item>)
    } else if ty.boxed {
        quote!(Box<#item>)
    } else {
        item
    }
}

/// The text of a field type (without `Option`), as [`tokens`] prints.
/// `type_ident` names generated structs and enums.
pub fn text(ty: FieldType, type_ident: &dyn Fn(Scalar) -> String) -> String {
    let item = match ty.scalar {
        Scalar::String => "String".to_string(),
        Scalar::Bool => "bool".to_string(),
        Scalar::U8 => "u8".to_string(),
        Scalar::I8 => "i8".to_string(),
        Scalar::I16 => "i16".to_string(),
        Scalar::I32 => "i32".to_string(),
        Scalar::I64 => "i64".to_string(),
        Scalar::F64 => "f64".to_string(),
        Scalar::Number => "serde_json::Number".to_string(),
        Scalar::Json => "serde_json::Value".to_string(),
        Scalar::Struct(_) | Scalar::Enum(_) => type_ident(ty.scalar),
    };
    if ty.collection {
        format!("Vec<{item}>")
    } else if ty.boxed {
        format!("Box<{item}>")
    } else {
        item
    }
}

/// How a documented primitive is spelled in doc comments and messages.
pub fn describe(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::String => "a string",
        Scalar::Bool => "a boolean",
        Scalar::U8 => "an integer from 0 to 255",
        Scalar::I8 => "an integer from -128 to 127",
        Scalar::I16 => "a 16-bit integer",
        Scalar::I32 => "a 32-bit integer",
        Scalar::I64 => "a 64-bit integer",
        Scalar::F64 | Scalar::Number => "a number",
        Scalar::Json => "any JSON value",
        Scalar::Struct(_) => "an object",
        Scalar::Enum(_) => "a string",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_model::Span;
    use std::sync::Arc;

    fn type_ref(name: &str, target: TypeTarget, collection: bool) -> TypeRef {
        TypeRef {
            name: name.into(),
            target,
            collection,
            namespace: None,
            link: None,
            raw: name.into(),
            span: Span {
                file: Arc::from("t.md"),
                line: 1,
                column: 1,
                start: 0,
                end: 0,
            },
        }
    }

    fn render(ty: FieldType) -> String {
        let ident = |s: Scalar| match s {
            Scalar::Struct(i) => {
                let name = quote::format_ident!("Struct{}", i);
                quote!(#name)
            }
            _ => quote!(Enum),
        };
        tokens(ty, &ident).to_string().replace(' ', "")
    }

    #[test]
    fn primitives_map_to_lossless_rust_types() {
        let expected = [
            (Primitive::String, "String"),
            (Primitive::Boolean, "bool"),
            (Primitive::Byte, "u8"),
            (Primitive::SByte, "i8"),
            (Primitive::Int16, "i16"),
            (Primitive::Int32, "i32"),
            (Primitive::Int64, "i64"),
            (Primitive::Single, "f64"),
            (Primitive::Double, "f64"),
            (Primitive::Decimal, "serde_json::Number"),
            (Primitive::DateTimeOffset, "String"),
            (Primitive::Date, "String"),
            (Primitive::TimeOfDay, "String"),
            (Primitive::Duration, "String"),
            (Primitive::Guid, "String"),
            (Primitive::Binary, "String"),
            (Primitive::Stream, "serde_json::Value"),
            (Primitive::Json, "serde_json::Value"),
        ];
        assert_eq!(
            expected.len(),
            Primitive::ALL.len(),
            "every primitive is covered"
        );
        for (p, rust) in expected {
            let t = field_type(
                &type_ref(p.name(), TypeTarget::Primitive(p), false),
                &HashMap::new(),
            );
            assert_eq!(render(t), rust, "{p:?}");
        }
    }

    #[test]
    fn named_types_use_generated_items_or_raw_json() {
        let generated = HashMap::from([
            ("identityset".to_string(), Generated::Struct(3)),
            ("allowedaudiences".to_string(), Generated::Enum(0)),
        ]);
        let defined = field_type(
            &type_ref("identitySet", TypeTarget::Named, false),
            &generated,
        );
        assert_eq!(render(defined), "Box<Struct3>");
        let qualified = field_type(
            &type_ref("microsoft.graph.identitySet", TypeTarget::Named, false),
            &generated,
        );
        assert_eq!(qualified.scalar, Scalar::Struct(3));
        let enum_ty = field_type(
            &type_ref("allowedAudiences", TypeTarget::Named, true),
            &generated,
        );
        assert_eq!(render(enum_ty), "Vec<Enum>");
        let undefined = field_type(
            &type_ref("inferenceData", TypeTarget::Named, false),
            &generated,
        );
        assert_eq!(render(undefined), "serde_json::Value");
        let unknown = field_type(&type_ref("", TypeTarget::Unknown, true), &generated);
        assert_eq!(render(unknown), "Vec<serde_json::Value>");
    }

    #[test]
    fn collections_and_boxes() {
        let mut t = FieldType {
            scalar: Scalar::Struct(1),
            collection: false,
            boxed: true,
        };
        assert_eq!(render(t), "Box<Struct1>");
        t.collection = true;
        // A Vec is already indirect; no Box inside it.
        assert_eq!(render(t), "Vec<Struct1>");
    }
}
