//! Whether an example body fits its documented struct: every member a
//! field takes holds a value of the field's type, and no string is a
//! type-name placeholder. Each problem names the member by its path
//! (`value[0].skills[2]`); the path is only spelled out for a problem, so
//! the members that fit (nearly all) cost no text.
use crate::plan::{FieldPlan, Plan};
use crate::types::{self, Scalar};
use graphdoc_model::{type_key, Primitive, TypeTarget};
use serde_json::Value;
use std::fmt;

/// Where a value is in the body, spelled out on demand.
#[derive(Clone, Copy)]
enum Path<'a> {
    /// The body itself.
    Root,
    /// A member of an object.
    Member(&'a Path<'a>, &'a str),
    /// An item of an array.
    Item(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// Whether the path spells as nothing (the body, or empty keys from it).
    fn is_empty(&self) -> bool {
        match self {
            Path::Root => true,
            Path::Member(parent, key) => key.is_empty() && parent.is_empty(),
            Path::Item(..) => false,
        }
    }
}

impl fmt::Display for Path<'_> {
    /// `key`, `parent.key`, `parent[i]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Member(parent, key) if parent.is_empty() => f.write_str(key),
            Path::Member(parent, key) => write!(f, "{parent}.{key}"),
            Path::Item(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// Checks a whole body against struct `index`; returns the members no
/// field of the struct (or its bases) takes, sorted.
pub fn body(plan: &Plan, index: usize, value: &Value, out: &mut Vec<String>) -> Vec<String> {
    let mut unlisted = Vec::new();
    check_struct(plan, index, value, &Path::Root, out, Some(&mut unlisted));
    unlisted.sort();
    unlisted
}

/// [`body`] for item `i` of a collection response's `value` array.
pub fn item_of_value(
    plan: &Plan,
    index: usize,
    i: usize,
    item: &Value,
    out: &mut Vec<String>,
) -> Vec<String> {
    let value = Path::Member(&Path::Root, "value");
    let mut unlisted = Vec::new();
    check_struct(
        plan,
        index,
        item,
        &Path::Item(&value, i),
        out,
        Some(&mut unlisted),
    );
    unlisted.sort();
    unlisted
}

/// Checks an object against struct `index`, and collects the members no
/// field takes into `unlisted` when asked (the field lookup is done once
/// for both).
fn check_struct(
    plan: &Plan,
    index: usize,
    value: &Value,
    path: &Path,
    out: &mut Vec<String>,
    mut unlisted: Option<&mut Vec<String>>,
) {
    let Value::Object(members) = value else {
        let at = if path.is_empty() {
            "the body".to_string()
        } else {
            path.to_string()
        };
        out.push(format!("{at}: {} where an object belongs", compact(value)));
        return;
    };
    for (key, member) in members {
        // Members the type does not document go to `additional`, which
        // takes any JSON.
        match plan.find_field(index, key) {
            Some(field) => check_field(plan, field, member, &Path::Member(path, key), out),
            None => {
                if let Some(unlisted) = unlisted.as_deref_mut() {
                    unlisted.push(key.clone());
                }
            }
        }
    }
}

fn check_field(plan: &Plan, field: &FieldPlan, value: &Value, path: &Path, out: &mut Vec<String>) {
    if value.is_null() {
        return;
    }
    if !field.ty.collection {
        check_value(plan, field, value, path, out);
        return;
    }
    let Value::Array(items) = value else {
        out.push(format!(
            "{path}: {} where a collection belongs",
            compact(value)
        ));
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let item_path = Path::Item(path, i);
        if item.is_null() {
            out.push(format!("{item_path}: null inside a collection"));
        } else {
            check_value(plan, field, item, &item_path, out);
        }
    }
}

fn check_value(plan: &Plan, field: &FieldPlan, value: &Value, path: &Path, out: &mut Vec<String>) {
    let documented = field
        .property
        .map_or("String", |p| p.type_ref.name.as_str());
    let fits = match field.ty.scalar {
        Scalar::Json => true,
        Scalar::Struct(t) => {
            check_struct(plan, t, value, path, out, None);
            return;
        }
        Scalar::String | Scalar::Enum(_) => value.is_string(),
        Scalar::Bool => value.is_boolean(),
        Scalar::U8 => value.as_u64().is_some_and(|n| u8::try_from(n).is_ok()),
        Scalar::I8 => value.as_i64().is_some_and(|n| i8::try_from(n).is_ok()),
        Scalar::I16 => value.as_i64().is_some_and(|n| i16::try_from(n).is_ok()),
        Scalar::I32 => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        Scalar::I64 => value.as_i64().is_some(),
        Scalar::F64 | Scalar::Number => value.is_number(),
    };
    let placeholder = value
        .as_str()
        .filter(|s| is_placeholder(s, field, documented));
    if let Some(text) = placeholder {
        out.push(format!(
            "{path}: the placeholder {text:?} stands where a `{documented}` value belongs"
        ));
    } else if !fits {
        out.push(format!(
            "{path}: {} is not {}, as the documented type `{documented}` requires",
            compact(value),
            types::describe(field.ty.scalar)
        ));
    }
}

/// Whether a string is a type-name placeholder (`"String"`, `"Boolean"`,
/// `"String (timestamp)"`, `"Edm.Int32"`, the documented type's own name)
/// rather than a value. A documented possible value or enum member is never
/// a placeholder, even when it is spelled like a type (`"String"` is a
/// member of some enums).
fn is_placeholder(text: &str, field: &FieldPlan, documented: &str) -> bool {
    if let Some(p) = field.property {
        if p.possible_values.iter().any(|v| v.value == text) {
            return false;
        }
    }
    let head = before_parenthesis(text.trim()).trim();
    let head = head.strip_prefix("Edm.").unwrap_or(head);
    let names_primitive = || {
        Primitive::ALL
            .iter()
            .any(|p| p.name().eq_ignore_ascii_case(head))
    };
    let names_documented = || {
        !head.is_empty()
            && field
                .property
                .is_some_and(|p| p.type_ref.target == TypeTarget::Named)
            && type_key(head) == type_key(documented)
    };
    names_primitive() || names_documented()
}

/// The text before its first ` (`, or all of it (`"String (timestamp)"`
/// -> `"String"`): a search for `(`, which few values hold, rather than
/// for the two-byte pattern.
fn before_parenthesis(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|rest| rest.find('(')) {
        let at = from + at;
        if at > 0 && bytes[at - 1] == b' ' {
            return &text[..at - 1];
        }
        from = at + 1;
    }
    text
}

fn compact(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}...", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paths spell as the nested members and items they name, with the
    /// body itself (and empty keys from it) spelled as nothing.
    #[test]
    fn text_before_a_parenthesis() {
        for text in [
            "String (timestamp)",
            "a(b) (c)",
            "(x)",
            " (x)",
            "abc",
            "",
            "a (",
            "é (x",
        ] {
            assert_eq!(
                before_parenthesis(text),
                text.split(" (").next().unwrap_or(text)
            );
        }
    }

    #[test]
    fn paths_spell_members_and_items() {
        let root = Path::Root;
        let value = Path::Member(&root, "value");
        let item = Path::Item(&value, 2);
        let skills = Path::Member(&item, "skills");
        assert_eq!(Path::Item(&skills, 0).to_string(), "value[2].skills[0]");
        let empty = Path::Member(&root, "");
        assert!(empty.is_empty());
        assert_eq!(Path::Member(&empty, "a").to_string(), "a");
        assert_eq!(Path::Item(&empty, 1).to_string(), "[1]");
        let a = Path::Member(&root, "a");
        assert_eq!(Path::Member(&a, "").to_string(), "a.");
    }
}
