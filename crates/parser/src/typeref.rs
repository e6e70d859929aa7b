//! Type cells and the facts descriptions state about a property.
use crate::blocks::Inline;
use crate::text::{find_ascii_ci, first_phrase_end, strip_prefix_ci, SourceText};
use graphdoc_model::{Primitive, Span, Spanned, TypeRef, TypeTarget};

/// Reads a Type cell: `String`, `String collection`, `[x](x.md) collection`,
/// `Collection(microsoft.graph.x)`, `Edm.Int32`, `int`, ...
pub fn parse_type(cell: &Inline, fallback: &Span) -> TypeRef {
    // Every step below borrows from the cell: one type cell per property row
    // makes this a hot path, and only the final pieces are owned.
    let span = cell.span_or(fallback);
    let raw = clean(&cell.text);
    let link = cell.links.first();
    // `[x](x.md collection)` is not a link to CommonMark (space in the
    // destination) but is one to the writer: read it by hand.
    let broken = match link {
        Some(_) => None,
        None => broken_link(raw),
    };
    // "collection" counts only as a word of its own: inside a name or a file
    // name (`[siteCollection](sitecollection.md)`) it says nothing about
    // arity. A link destination is one word (a file name); only words after
    // it (`<x.md collection>`) can be the collection wording.
    let mut collection = collection_word(raw).is_some()
        || array_suffix(raw).is_some()
        || link.is_some_and(|l| {
            l.target
                .split_once(char::is_whitespace)
                .is_some_and(|(_, rest)| collection_word(rest).is_some())
        });
    // The name: the link text when the cell links, else the text without
    // collection wording.
    let name_text = match (link, broken) {
        (Some(l), _) => clean(&l.text),
        (None, Some((text, _))) => clean(text),
        (None, None) => raw,
    };
    let mut name = strip_collection(name_text, &mut collection);
    let mut namespace = None;
    if let Some(dot) = name.rfind('.') {
        if is_identifier(name) && dot > 0 {
            namespace = Some(name[..dot].to_string());
            name = &name[dot + 1..];
        }
    }
    let target = if name.is_empty() {
        TypeTarget::Unknown
    } else if let Some(p) = primitive(name) {
        TypeTarget::Primitive(p)
    } else if is_identifier(name) && !is_generic_word(name) {
        TypeTarget::Named
    } else {
        TypeTarget::Unknown
    };
    if let TypeTarget::Primitive(p) = target {
        name = p.name();
    }
    TypeRef {
        name: name.to_string(),
        target,
        collection,
        namespace,
        link: link
            .map(|l| l.target.clone())
            .or(broken.map(|(_, target)| target.to_string())),
        raw: cell.text.trim().to_string(),
        span,
    }
}

/// `[text](target ...)` written as plain text: the text and the target's first word.
fn broken_link(raw: &str) -> Option<(&str, &str)> {
    let rest = raw.strip_prefix('[')?;
    let close = rest.find("](")?;
    let target = rest[close + 2..].split([')', ' ']).next()?;
    Some((&rest[..close], target))
}

fn clean(s: &str) -> &str {
    s.trim()
        .trim_matches(|c| c == '*' || c == '`' || c == '_')
        .trim()
}

fn strip_collection<'a>(s: &'a str, collection: &mut bool) -> &'a str {
    let t = s.trim();
    if let Some(inner) = strip_prefix_ci(t, "collection(").and_then(|r| r.strip_suffix(')')) {
        *collection = true;
        return clean(inner);
    }
    if let Some(rest) = strip_prefix_ci(t, "collection of ") {
        *collection = true;
        return clean(rest);
    }
    // `x collection`: the name is what comes before the word.
    if let Some(i) = collection_word(t).filter(|&i| i > 0) {
        *collection = true;
        return clean(&t[..i]);
    }
    if let Some(base) = array_suffix(t) {
        *collection = true;
        return clean(base);
    }
    t
}

/// Where the word "collection" first stands on its own in `s`, ignoring
/// ASCII case: not joined to letters, digits or path punctuation on either
/// side, so `siteCollection`, `sitecollection.md`, `../collection.md` and
/// `x.collection` do not count, while `x collection`, `Collection(x)`,
/// `collection of x` and `x collection. More text` do.
fn collection_word(s: &str) -> Option<usize> {
    const WORD: &str = "collection";
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = find_ascii_ci(&s[from..], WORD) {
        let at = from + i;
        let end = at + WORD.len();
        let joined_before = at.checked_sub(1).and_then(|j| b.get(j)).is_some_and(|&c| {
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'/' | b'\\' | b'#')
        });
        // A dot after the word ends a sentence unless a name goes on
        // (`collection.md`).
        let joined_after = match b.get(end) {
            Some(&c) if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-') => true,
            Some(b'.') => b.get(end + 1).is_some_and(|c| c.is_ascii_alphanumeric()),
            _ => false,
        };
        if !joined_before && !joined_after {
            return Some(at);
        }
        // `at` starts an ASCII letter, so `at + 1` is a character boundary.
        from = at + 1;
    }
    None
}

/// `x[]` without the brackets. `[x][]` is a collapsed reference link that
/// did not resolve, not an array.
fn array_suffix(s: &str) -> Option<&str> {
    s.strip_suffix("[]").filter(|base| !base.ends_with(']'))
}

/// Words that describe a kind of type rather than name one (`Enumeration`).
fn is_generic_word(s: &str) -> bool {
    const WORDS: [&str; 9] = [
        "enumeration",
        "enum",
        "object",
        "complex",
        "complextype",
        "collection",
        "none",
        "n/a",
        "number",
    ];
    WORDS.iter().any(|w| s.eq_ignore_ascii_case(w))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// The primitive a type spelling names, in any of the spellings the docs use.
pub fn primitive(name: &str) -> Option<Primitive> {
    let n = name.trim();
    let n = strip_prefix_ci(n, "edm.").unwrap_or(n);
    // Lower-cased on the stack: no spelling below is longer than 14 bytes.
    let mut buf = [0u8; 16];
    let lower = buf.get_mut(..n.len())?;
    lower.copy_from_slice(n.as_bytes());
    lower.make_ascii_lowercase();
    Some(match &*lower {
        b"string" | b"str" | b"text" => Primitive::String,
        b"boolean" | b"bool" => Primitive::Boolean,
        b"byte" => Primitive::Byte,
        b"sbyte" => Primitive::SByte,
        b"int16" | b"short" => Primitive::Int16,
        b"int32" | b"int" | b"integer" => Primitive::Int32,
        b"int64" | b"long" => Primitive::Int64,
        b"single" | b"float" => Primitive::Single,
        b"double" => Primitive::Double,
        b"decimal" => Primitive::Decimal,
        b"datetimeoffset" | b"datetime" | b"timestamp" => Primitive::DateTimeOffset,
        b"date" => Primitive::Date,
        b"timeofday" | b"time" => Primitive::TimeOfDay,
        b"duration" | b"timespan" => Primitive::Duration,
        b"guid" | b"uuid" => Primitive::Guid,
        b"binary" | b"byte[]" => Primitive::Binary,
        b"stream" => Primitive::Stream,
        b"json" => Primitive::Json,
        _ => return None,
    })
}

/// Values listed after "Possible values are:" (or "allowed values", "The
/// possible values are") in a description, each spanned. Backticked values
/// are read when present; otherwise a comma-separated list of words up to the
/// end of the sentence (the rendered-text form has no backticks).
pub fn possible_values(src: &SourceText, cell: &Inline) -> Vec<Spanned<String>> {
    let Some(span) = &cell.span else {
        return Vec::new();
    };
    let raw = src.slice(span.start as usize, span.end as usize);
    let phrases = [
        "possible values",
        "allowed values",
        "supported values",
        "valid values",
    ];
    let Some(at) = first_phrase_end(raw, &phrases, "values") else {
        return Vec::new();
    };
    let base = span.start as usize;
    let rest = &raw[at..];
    // Skip to the list: past "are", "is", "in the collection are", ":".
    let list_start = match rest.find(':') {
        Some(i) if i < 40 => i + 1,
        _ => match rest.to_ascii_lowercase().find(" are ") {
            Some(i) if i < 40 => i + 5,
            _ => 0,
        },
    };
    let list = &rest[list_start..];
    let offset = base + at + list_start;
    if list.trim_start().starts_with('`') {
        backticked(src, list, offset)
    } else {
        bare_words(src, list, offset)
    }
}

fn backticked(src: &SourceText, list: &str, offset: usize) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = list.as_bytes();
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'`' {
            let Some(close) = list[i + 1..].find('`') else {
                break;
            };
            let value = &list[i + 1..i + 1 + close];
            if !value.trim().is_empty() {
                out.push(src.spanned(
                    value.trim().to_string(),
                    offset + i + 1,
                    offset + i + 1 + close,
                ));
            }
            i += close + 2;
        } else if c.is_ascii_whitespace() || c == b',' || c == b'*' {
            i += 1;
        } else if c == b'(' && !out.is_empty() {
            // `ipp` (IPP Service): a note on the value before it.
            let Some(close) = list[i..].find(')') else {
                break;
            };
            i += close + 1;
        } else if list[i..].starts_with("and ") || list[i..].starts_with("or ") {
            i += if bytes[i] == b'a' { 4 } else { 3 };
        } else {
            break;
        }
    }
    out
}

fn bare_words(src: &SourceText, list: &str, offset: usize) -> Vec<Spanned<String>> {
    let end = sentence_end(list);
    let mut out = Vec::new();
    let mut pos = 0;
    for part in list[..end].split(',') {
        let start = pos;
        pos += part.len() + 1;
        let word = part.trim();
        let word = word
            .strip_prefix("and ")
            .or_else(|| word.strip_prefix("or "))
            .unwrap_or(word)
            .trim();
        if word.is_empty()
            || !word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            // Prose, not a list: stop rather than guess.
            if out.is_empty() {
                return out;
            }
            break;
        }
        let lead = part.find(word).unwrap_or(0);
        out.push(src.spanned(
            word.to_string(),
            offset + start + lead,
            offset + start + lead + word.len(),
        ));
    }
    out
}

fn sentence_end(s: &str) -> usize {
    let b = s.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'.' && (i + 1 == b.len() || b[i + 1].is_ascii_whitespace()) {
            return i;
        }
        if b[i] == b'\n' || b[i] == b'|' {
            return i;
        }
    }
    s.len()
}

/// "Inherited from [itemFacet](...)" in a description: the type name.
pub fn inherited_from(src: &SourceText, cell: &Inline) -> Option<Spanned<String>> {
    let span = cell.span.as_ref()?;
    let raw = src.slice(span.start as usize, span.end as usize);
    let at = find_ascii_ci(raw, "inherited from")? + "inherited from".len();
    let after = span.start as usize + at;
    if let Some(link) = cell.links.iter().find(|l| l.span.start as usize >= after) {
        return Some(Spanned::new(
            clean(&link.text).to_string(),
            link.span.clone(),
        ));
    }
    let rest = &raw[at..];
    let lead = rest.len() - rest.trim_start().len();
    let word: String = rest[lead..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!word.is_empty()).then(|| src.spanned(word.clone(), after + lead, after + lead + word.len()))
}

/// Whether a description states "Required." or "Optional.": a sentence that
/// ends in the capitalised word (lower-case "is required when ..." is a
/// condition, not the flag).
pub fn required(text: &str) -> Option<bool> {
    // Every flag word starts with a capital `R` or `O`: most descriptions
    // have neither and need no sentence split.
    if !text.bytes().any(|b| b == b'R' || b == b'O') {
        return None;
    }
    text.split(['.', '|', '\n']).find_map(|sentence| {
        let last = sentence
            .split_whitespace()
            .next_back()?
            .trim_matches(['*', '_', ',', ';']);
        match last {
            "Required" | "REQUIRED" => Some(true),
            "Optional" | "OPTIONAL" => Some(false),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphdoc_model::Link;

    fn cell(src: &SourceText, text: &str, links: Vec<Link>) -> Inline {
        let start = src.text.find(text).unwrap_or(0);
        Inline {
            text: text.into(),
            links,
            code: vec![],
            span: Some(src.span(start, start + text.len())),
        }
    }

    fn ty(text: &str) -> TypeRef {
        let src = SourceText::new("t".into(), text);
        parse_type(&cell(&src, text, vec![]), &src.span(0, 0))
    }

    #[test]
    fn primitive_spellings() {
        for (s, p, c) in [
            ("String", Primitive::String, false),
            ("string", Primitive::String, false),
            ("String collection", Primitive::String, true),
            ("Collection(Edm.String)", Primitive::String, true),
            ("Edm.Int32", Primitive::Int32, false),
            ("int", Primitive::Int32, false),
            ("GUID", Primitive::Guid, false),
            ("Int64", Primitive::Int64, false),
            ("DateTimeOffset", Primitive::DateTimeOffset, false),
            ("Binary", Primitive::Binary, false),
        ] {
            let t = ty(s);
            assert_eq!((t.primitive(), t.collection), (Some(p), c), "{s}");
        }
        assert!(!ty("string").is_canonical_spelling());
        assert!(ty("String collection").is_canonical_spelling());
    }

    #[test]
    fn named_and_linked() {
        let t = ty("microsoft.graph.identitySet");
        assert_eq!(
            (t.name.as_str(), t.namespace.as_deref()),
            ("identitySet", Some("microsoft.graph"))
        );
        assert_eq!(t.target, TypeTarget::Named);
        let text = "relatedPerson collection";
        let src = SourceText::new("t".into(), text);
        let link = Link {
            text: "relatedPerson".into(),
            target: "relatedperson.md".into(),
            span: src.span(0, 13),
        };
        let t = parse_type(&cell(&src, text, vec![link]), &src.span(0, 0));
        assert_eq!(
            (t.name.as_str(), t.collection, t.link.as_deref()),
            ("relatedPerson", true, Some("relatedperson.md"))
        );
        assert_eq!(ty("Enumeration").target, TypeTarget::Unknown);
        assert_eq!(ty("Enumeration").name, "Enumeration");
        assert_eq!(ty("").target, TypeTarget::Unknown);
        assert_eq!(ty("see below for details").target, TypeTarget::Unknown);
    }

    /// A cell whose text has one link over `link_text`.
    fn linked(text: &str, link_text: &str, target: &str) -> TypeRef {
        let src = SourceText::new("t".into(), text);
        let at = text.find(link_text).unwrap_or(0);
        let link = Link {
            text: link_text.into(),
            target: target.into(),
            span: src.span(at, at + link_text.len()),
        };
        parse_type(&cell(&src, text, vec![link]), &src.span(0, 0))
    }

    fn shape(t: &TypeRef) -> (&str, bool, &TypeTarget) {
        (t.name.as_str(), t.collection, &t.target)
    }

    #[test]
    fn collection_only_as_a_word() {
        let named = &TypeTarget::Named;
        // An identifier or file name that contains the word is one value.
        let t = linked("siteCollection", "siteCollection", "sitecollection.md");
        assert_eq!(shape(&t), ("siteCollection", false, named));
        assert!(!ty("changeNotificationCollection").collection);
        assert!(!ty("microsoft.graph.collection").collection);
        let t = linked(
            "windowsInformationProtectionResourceCollection",
            "windowsInformationProtectionResourceCollection",
            "../resources/intune-mam-windowsinformationprotectionresourcecollection.md",
        );
        assert!(!t.collection);
        // ... and the same with the word after it is a collection of it.
        let t = linked(
            "windowsInformationProtectionResourceCollection collection",
            "windowsInformationProtectionResourceCollection",
            "../resources/intune-mam-windowsinformationprotectionresourcecollection.md",
        );
        assert_eq!(
            shape(&t),
            (
                "windowsInformationProtectionResourceCollection",
                true,
                named
            )
        );
        // The spellings the v1.0 corpus uses.
        let t = linked(
            "relatedPerson collection",
            "relatedPerson",
            "relatedperson.md",
        );
        assert_eq!(shape(&t), ("relatedPerson", true, named));
        let t = linked(
            "searchResponse Collection",
            "searchResponse",
            "searchresponse.md",
        );
        assert_eq!(shape(&t), ("searchResponse", true, named));
        let t = linked(
            "Collection(driveRecipient)",
            "driveRecipient",
            "driverecipient.md",
        );
        assert_eq!(shape(&t), ("driveRecipient", true, named));
        let t = linked(
            "collection of DriveItemVersion",
            "DriveItemVersion",
            "driveitemversion.md",
        );
        assert_eq!(shape(&t), ("DriveItemVersion", true, named));
        // Link text that holds the wording itself.
        let t = linked(
            "Collection of groupSettingTemplate",
            "Collection of groupSettingTemplate",
            "groupsettingtemplate.md",
        );
        assert_eq!(shape(&t), ("groupSettingTemplate", true, named));
        // A sentence after the type.
        let t = linked(
            "educationOutcome collection. Holds grades",
            "educationOutcome",
            "educationOutcome.md",
        );
        assert_eq!(shape(&t), ("educationOutcome", true, named));
        // `[x](x.md collection)`: not a link to CommonMark, read by hand.
        let t = ty("[timeZoneInformation](timezoneinformation.md collection)");
        assert_eq!(shape(&t), ("timeZoneInformation", true, named));
        assert_eq!(t.link.as_deref(), Some("timezoneinformation.md"));
        // `[x](<x.md collection>)`: the word after the destination.
        let t = linked("x", "x", "x.md collection");
        assert_eq!(shape(&t), ("x", true, named));
        let t = ty("Collection(microsoft.graph.identitySet)");
        assert_eq!(shape(&t), ("identitySet", true, named));
        assert_eq!(t.namespace.as_deref(), Some("microsoft.graph"));
        let t = ty("microsoft.graph.callRecords.modality collection");
        assert_eq!(shape(&t), ("modality", true, named));
        assert_eq!(t.namespace.as_deref(), Some("microsoft.graph.callRecords"));
        for s in [
            "String collection",
            "string collection",
            "Collection(String)",
            "collection(string)",
            "`collection(string)`",
            "Collection of String",
            "String[]",
        ] {
            let t = ty(s);
            assert_eq!(
                (t.primitive(), t.collection),
                (Some(Primitive::String), true),
                "{s}"
            );
        }
        assert_eq!(ty("GUID collection").primitive(), Some(Primitive::Guid));
        assert_eq!(
            shape(&ty("collection of driveItem")),
            ("driveItem", true, named)
        );
        // `[x][]` is a reference link that did not resolve, not an array.
        assert!(!ty("[driveItem][]").collection);
        // The bare word names no type.
        assert_eq!(ty("collection").target, TypeTarget::Unknown);
    }

    #[test]
    fn possible_values_backticked_and_bare() {
        let text =
            "Detail. Possible values are: `elementary`, `limitedWorking`, or `expert`. Next.";
        let src = SourceText::new("t".into(), text);
        let v = possible_values(&src, &cell(&src, text, vec![]));
        let names: Vec<_> = v.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(names, ["elementary", "limitedWorking", "expert"]);
        assert_eq!(
            src.slice(v[1].span.start as usize, v[1].span.end as usize),
            "limitedWorking"
        );

        let text = "Audiences. Possible values are: me, family, everyone, unknownFutureValue.";
        let src = SourceText::new("t".into(), text);
        let v = possible_values(&src, &cell(&src, text, vec![]));
        assert_eq!(v.len(), 4);
        assert_eq!(v[3].value, "unknownFutureValue");
        let text = "Possible values are: `ipp` (IPP Service), and `registration` (Registration Service). Read-only.";
        let src = SourceText::new("t".into(), text);
        let v = possible_values(&src, &cell(&src, text, vec![]));
        assert_eq!(
            v.iter().map(|s| s.value.as_str()).collect::<Vec<_>>(),
            ["ipp", "registration"]
        );
        let text = "Possible values are described in the table below.";
        let src = SourceText::new("t".into(), text);
        assert!(possible_values(&src, &cell(&src, text, vec![])).is_empty());
    }

    #[test]
    fn required_and_inherited() {
        assert_eq!(required("The name. Required."), Some(true));
        assert_eq!(required("The name. Optional."), Some(false));
        assert_eq!(required("Not required for updates"), None);
        assert_eq!(required("This property is required when created."), None);
        assert_eq!(required("TODO: Add Description Optional."), Some(false));
        assert_eq!(required("Bearer {token}. Required."), Some(true));
        let text = "Where from. Inherited from itemFacet.";
        let src = SourceText::new("t".into(), text);
        let i = inherited_from(&src, &cell(&src, text, vec![]));
        assert_eq!(i.map(|s| s.value), Some("itemFacet".to_string()));
    }
}
