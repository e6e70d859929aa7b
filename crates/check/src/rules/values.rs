//! What example values mean: placeholders, timestamps, JSON kinds.
use graphdoc_model::{JsonValue, Primitive};

/// Why a string is a type-name placeholder rather than an example value, if
/// it is one: `"String"`, `"Boolean"`, `"String (timestamp)"`,
/// `"datetime-value"`, `"@odata.type: microsoft.graph.x"`.
pub fn placeholder(value: &str) -> Option<&'static str> {
    const TYPE_NAMES: [&str; 13] = [
        "String",
        "Boolean",
        "Int32",
        "Int64",
        "Int16",
        "Double",
        "Single",
        "Decimal",
        "DateTimeOffset",
        "Guid",
        "Binary",
        "Duration",
        "TimeOfDay",
    ];
    const TYPED_VALUES: [&str; 10] = [
        "datetime-value",
        "datetimeoffset-value",
        "date-value",
        "time-value",
        "timestamp-value",
        "string-value",
        "guid-value",
        "int-value",
        "boolean-value",
        "double-value",
    ];
    let v = value.trim();
    if TYPE_NAMES.contains(&v) {
        return Some("a type name");
    }
    if let Some(rest) = v.strip_prefix("String (") {
        if rest.ends_with(')') {
            return Some("a type name with a format hint");
        }
    }
    if TYPED_VALUES.iter().any(|t| v.eq_ignore_ascii_case(t)) {
        return Some("a type-name placeholder");
    }
    if v.starts_with("@odata.type:") {
        return Some("a type reference");
    }
    None
}

/// Whether a key describes a type, so that a type name is a real value for it
/// (`"type": "String"` in a schema extension property).
pub fn key_names_a_type(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k == "type" || k.ends_with("type") || k.ends_with("types") || k == "kind"
}

/// A timestamp as seconds and nanoseconds since the epoch, for ordering.
pub fn timestamp(value: &str) -> Option<(i64, u32)> {
    let t = chrono::DateTime::parse_from_rfc3339(value.trim()).ok()?;
    Some((t.timestamp(), t.timestamp_subsec_nanos()))
}

/// The JSON kind name used in messages.
pub fn kind_name(v: &JsonValue) -> &'static str {
    match v {
        JsonValue::Null => "null",
        JsonValue::Bool(_) => "a Boolean",
        JsonValue::Number(_) => "a number",
        JsonValue::String(_) => "a string",
        JsonValue::Array { .. } => "an array",
        JsonValue::Object { .. } => "an object",
    }
}

/// Whether a JSON value fits a primitive. Int64 and Decimal may be carried as
/// strings (IEEE754Compatible), floating types may be `"NaN"`/`"INF"`.
pub fn fits_primitive(p: Primitive, v: &JsonValue) -> bool {
    match (p, v) {
        (_, JsonValue::Null) => true,
        (Primitive::Boolean, JsonValue::Bool(_)) => true,
        (Primitive::Json, _) => true,
        (p, JsonValue::Number(_)) if p.is_numeric() => true,
        (Primitive::Int64 | Primitive::Decimal, JsonValue::String(s)) => {
            s.trim().parse::<f64>().is_ok()
        }
        (Primitive::Double | Primitive::Single, JsonValue::String(s)) => {
            matches!(
                s.as_str(),
                "NaN" | "INF" | "-INF" | "Infinity" | "-Infinity"
            )
        }
        (
            Primitive::String
            | Primitive::DateTimeOffset
            | Primitive::Date
            | Primitive::TimeOfDay
            | Primitive::Duration
            | Primitive::Guid
            | Primitive::Binary
            | Primitive::Stream,
            JsonValue::String(_),
        ) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        for p in [
            "String",
            "Boolean",
            "Double",
            "String (timestamp)",
            "datetime-value",
            "@odata.type: microsoft.graph.alertStatus",
        ] {
            assert!(placeholder(p).is_some(), "{p}");
        }
        for v in [
            "string",
            "Strings",
            "organization",
            "id-value",
            "2020-01-01T00:00:00Z",
            "A String (x",
        ] {
            assert!(placeholder(v).is_none(), "{v}");
        }
    }

    #[test]
    fn timestamps_order_across_offsets() {
        let a = timestamp("2017-01-01T00:02:37.446308+03:00");
        let b = timestamp("2016-12-31T23:56:51.5562076+03:00");
        assert!(a.is_some() && b.is_some() && b < a);
        assert!(timestamp("String (timestamp)").is_none());
    }

    #[test]
    fn primitive_fit() {
        assert!(!fits_primitive(
            Primitive::Boolean,
            &JsonValue::String("Boolean".into())
        ));
        assert!(fits_primitive(
            Primitive::Int64,
            &JsonValue::String("12".into())
        ));
        assert!(!fits_primitive(Primitive::String, &JsonValue::Bool(true)));
    }
}
