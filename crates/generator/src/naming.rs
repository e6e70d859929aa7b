//! Rust names for documented names: fields, types, enum variants, modules.
//!
//! Every name is a pure function of the documented spelling and of the other
//! spellings it collides with in the same scope, so adding a page never
//! renames an existing item unless the new page brings a colliding spelling.
//!
//! Rules:
//! - Words are split at non-alphanumeric characters and camelCase humps
//!   (`webURL` -> `web`, `url`; `x509Certificate` -> `x509`, `certificate`).
//! - Fields and modules are `snake_case`; types and variants are `PascalCase`.
//! - A leading digit gets an `n` / `N` prefix (`3dModel` -> `n3d_model`); an
//!   empty name is `unnamed` / `Unnamed`.
//! - Keywords become raw identifiers (`type` -> `r#type`); the few that cannot
//!   be raw (`self`, `super`, `crate`) get a trailing `_`.
//! - Names reserved in a scope (prelude types, the generated `base` and
//!   `additional` fields) get a fixed word appended (`Option` -> `OptionType`).
//! - When several spellings map to one name, the canonical camelCase spelling
//!   keeps it and every other spelling appends the characters the conversion
//!   lost, spelled as words: `@odata.type` next to `odataType` becomes
//!   `odata_type_at_dot`; `Id` next to `id` becomes `id_upper_i`. No counters,
//!   so the result does not depend on input order.
use crate::GenError;

/// The identifier style of a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: fields, modules, test functions.
    Snake,
    /// `PascalCase`: types and enum variants.
    Pascal,
}

/// Keywords of every edition, strict and reserved. Identifiers equal to one
/// of them are written as raw identifiers (or renamed, see [`RAW_FORBIDDEN`]).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const RAW_FORBIDDEN: &[&str] = &["crate", "self", "Self", "super"];

/// Type names the generated code itself uses (the prelude, derive and serde
/// names): a generated type with one of these names would shadow them.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Deserialize",
    "Deserializer",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Self",
    "Send",
    "Serialize",
    "Serializer",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Splits a documented name into lower-case words.
pub fn words(name: &str) -> Vec<String> {
    word_spans(name)
        .map(|span| name[span].to_ascii_lowercase())
        .collect()
}

/// The [`words`] of a name joined by single spaces, built in one string.
pub fn spaced_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for span in word_spans(name) {
        if !out.is_empty() {
            out.push(' ');
        }
        let start = out.len();
        out.push_str(&name[span]);
        out[start..].make_ascii_lowercase();
    }
    out
}

/// Whether a name has any word (see [`words`]).
pub fn has_words(name: &str) -> bool {
    word_spans(name).next().is_some()
}

/// The byte ranges of the words of a name: runs of ASCII letters and
/// digits, split at camelCase humps. A non-ASCII character only separates
/// words, so the name is read by bytes.
fn word_spans(name: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = name.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == bytes.len() {
            return None;
        }
        let start = i;
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            if bytes[i].is_ascii_uppercase() {
                let prev = bytes[i - 1];
                let next_is_lower = bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase);
                // `webUrl` and `x509Certificate` split before the capital; in
                // a run of capitals (`HTMLParser`) the last one starts the
                // next word.
                if prev.is_ascii_lowercase()
                    || prev.is_ascii_digit()
                    || (prev.is_ascii_uppercase() && next_is_lower)
                {
                    break;
                }
            }
            i += 1;
        }
        Some(start..i)
    })
}

/// Appends an ASCII word lower-cased, capitalized in Pascal case, after a
/// `_` in snake case unless it is the `first`.
fn push_word(out: &mut String, word: &str, case: Case, first: bool) {
    if case == Case::Snake && !first {
        out.push('_');
    }
    // Copied whole and cased in place, rather than pushed byte by byte.
    let start = out.len();
    out.push_str(word);
    let first_len = word.chars().next().map_or(0, char::len_utf8);
    let (head, tail) = out[start..].split_at_mut(first_len);
    tail.make_ascii_lowercase();
    match case {
        Case::Snake => head.make_ascii_lowercase(),
        Case::Pascal => head.make_ascii_uppercase(),
    }
}

fn join(words: &[String], case: Case) -> String {
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        push_word(&mut out, word, case, i == 0);
    }
    out
}

/// The canonical camelCase spelling of a word list (`web`, `url` -> `webUrl`).
fn lower_camel(words: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i == 0 {
            out.push_str(w);
        } else {
            push_word(&mut out, w, Case::Pascal, true);
        }
    }
    out
}

/// Whether `name` is the canonical camelCase spelling of its own words, the
/// spelling Graph uses for properties, types and members.
fn is_canonical(name: &str) -> bool {
    lower_camel(&words(name)) == name
}

/// The characters of `name` that the word conversion loses, spelled as
/// words: punctuation by name, capitals that do not start a camelCase word as
/// `upper` + the letter, anything else as `u` + its code point in hex.
fn lost_characters(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let word = match c {
            'a'..='z' | '0'..='9' => continue,
            'A'..='Z' => {
                let starts_word = i > 0 && !chars[i - 1].is_ascii_uppercase();
                if starts_word {
                    continue;
                }
                out.push("upper".to_string());
                c.to_ascii_lowercase().to_string()
            }
            '@' => "at".into(),
            '.' => "dot".into(),
            '-' => "dash".into(),
            '_' => "underscore".into(),
            '$' => "dollar".into(),
            '#' => "hash".into(),
            ' ' => "space".into(),
            '/' => "slash".into(),
            ':' => "colon".into(),
            '+' => "plus".into(),
            other => format!("u{:04x}", u32::from(other)),
        };
        out.push(word);
    }
    out
}

/// The identifier for a name before collision handling: words in `case`,
/// punctuation-only names spelled out, a leading digit prefixed.
pub fn base_ident(name: &str, case: Case) -> String {
    // The words are ASCII letters and digits: they are cased byte by byte
    // into a buffer (as `push_word` cases a word), which reads as UTF-8.
    let bytes = name.as_bytes();
    let mut buffer: Vec<u8> = Vec::with_capacity(bytes.len() + 1);
    for (i, span) in word_spans(name).enumerate() {
        let (head, tail) = bytes[span].split_at(1);
        match case {
            Case::Snake => {
                if i > 0 {
                    buffer.push(b'_');
                }
                buffer.extend(head.iter().map(u8::to_ascii_lowercase));
            }
            Case::Pascal => buffer.extend(head.iter().map(u8::to_ascii_uppercase)),
        }
        buffer.extend(tail.iter().map(u8::to_ascii_lowercase));
    }
    let mut ident = String::from_utf8(buffer).unwrap_or_default();
    if ident.is_empty() {
        ident = join(&lost_characters(name), case);
    }
    if ident.is_empty() {
        // Only an empty name spells nothing (`Ident` cannot be empty).
        ident = match case {
            Case::Snake => "unnamed".into(),
            Case::Pascal => "Unnamed".into(),
        };
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, if case == Case::Snake { 'n' } else { 'N' });
    }
    ident
}

/// Whether `ident` must be written `r#ident`.
pub fn is_keyword(ident: &str) -> bool {
    KEYWORDS.contains(&ident)
}

/// A snake_case identifier as a module (file) name: keywords get a trailing
/// `_`, since a raw identifier cannot name a module file.
pub fn module_name(ident: String) -> String {
    if is_keyword(&ident) {
        format!("{ident}_")
    } else {
        ident
    }
}

/// A `proc_macro2::Ident` for an identifier chosen by this module: keywords
/// as raw identifiers.
pub fn ident(text: &str) -> proc_macro2::Ident {
    let span = proc_macro2::Span::call_site();
    if is_keyword(text) {
        proc_macro2::Ident::new_raw(text, span)
    } else {
        proc_macro2::Ident::new(text, span)
    }
}

/// Names for one scope (the fields of a struct, the variants of an enum, the
/// types of a crate).
pub struct Scope<'a> {
    /// What the scope is, for error messages (`fields of personInterest`).
    pub description: String,
    /// The identifier style.
    pub case: Case,
    /// Identifiers the scope already uses; a name converting to one of them
    /// gets `reserved_suffix` appended.
    pub reserved: &'a [&'a str],
    /// The word appended to reserved names (`type`, `field`, `value`).
    pub reserved_suffix: &'a str,
}

impl Scope<'_> {
    /// Chooses an identifier for each of `names` (documented spellings, all
    /// distinct), in the same order. Identifiers never equal a keyword that
    /// cannot be raw; other keywords are returned as is and written raw by
    /// [`ident`].
    pub fn resolve(&self, names: &[&str]) -> Result<Vec<String>, GenError> {
        self.resolve_noted(names).map(|(idents, _)| idents)
    }

    /// [`Scope::resolve`], and the indices of the names that collided with
    /// another spelling and got the characters they lost appended: the
    /// generator reports those renames as notes.
    pub fn resolve_noted(&self, names: &[&str]) -> Result<(Vec<String>, Vec<usize>), GenError> {
        let mut bases: Vec<String> = names
            .iter()
            .map(|name| {
                let base = base_ident(name, self.case);
                if self.reserved.contains(&base.as_str()) {
                    let suffix = vec![self.reserved_suffix.to_string()];
                    format!("{base}{}", self.separator(&suffix))
                } else {
                    base
                }
            })
            .collect();
        // Names in order of their base, ties by position: spellings that
        // share a base are neighbours (a sort of indices rather than a map
        // of groups, which most scopes, without a collision, never need).
        let mut order: Vec<usize> = (0..bases.len()).collect();
        order.sort_unstable_by(|&a, &b| bases[a].cmp(&bases[b]).then(a.cmp(&b)));
        let mut renamed: Vec<usize> = Vec::new();
        for run in order.chunk_by(|&a, &b| bases[a] == bases[b]) {
            if run.len() > 1 {
                renamed.extend(run.iter().copied().filter(|&i| !is_canonical(names[i])));
            }
        }
        renamed.sort_unstable();
        for &i in &renamed {
            let lost = lost_characters(names[i]);
            let suffix = self.separator(&lost);
            bases[i].push_str(&suffix);
        }
        for base in &mut bases {
            if RAW_FORBIDDEN.contains(&base.as_str()) {
                base.push('_');
            }
        }
        // A name that is still shared is an error; the one reported is the
        // first position whose name an earlier position took, as a scan in
        // order finds it.
        if !renamed.is_empty() || bases.iter().any(|b| b.ends_with('_')) {
            order.sort_unstable_by(|&a, &b| bases[a].cmp(&bases[b]).then(a.cmp(&b)));
        }
        let clash = order
            .chunk_by(|&a, &b| bases[a] == bases[b])
            .filter_map(|run| match run {
                [first, second, ..] => Some((*first, *second)),
                _ => None,
            })
            .min_by_key(|&(_, second)| second);
        if let Some((first, second)) = clash {
            return Err(GenError::NameCollision {
                scope: self.description.clone(),
                first: names[first].to_string(),
                second: names[second].to_string(),
                ident: bases[second].clone(),
            });
        }
        Ok((bases, renamed))
    }

    /// `_word_word` for snake case, `WordWord` for Pascal case.
    fn separator(&self, words: &[String]) -> String {
        match self.case {
            Case::Snake => words.iter().map(|w| format!("_{w}")).collect(),
            Case::Pascal => join(words, Case::Pascal),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(names: &[&str]) -> Vec<String> {
        let scope = Scope {
            description: "test fields".into(),
            case: Case::Snake,
            reserved: &["additional", "base"],
            reserved_suffix: "field",
        };
        scope.resolve(names).expect("no collision")
    }

    fn types(names: &[&str]) -> Vec<String> {
        let scope = Scope {
            description: "test types".into(),
            case: Case::Pascal,
            reserved: RESERVED_TYPE_NAMES,
            reserved_suffix: "type",
        };
        scope.resolve(names).expect("no collision")
    }

    #[test]
    fn words_split_camel_case_acronyms_digits_and_punctuation() {
        assert_eq!(words("webUrl"), ["web", "url"]);
        assert_eq!(words("webURL"), ["web", "url"]);
        assert_eq!(words("HTMLParser"), ["html", "parser"]);
        assert_eq!(words("x509Certificate"), ["x509", "certificate"]);
        assert_eq!(words("@odata.type"), ["odata", "type"]);
        assert_eq!(words("created_date-time"), ["created", "date", "time"]);
        assert_eq!(words(""), Vec::<String>::new());
        for name in ["webURL", "@odata.type", "x509Certificate", "", "é-a", "A"] {
            assert_eq!(spaced_words(name), words(name).join(" "), "{name}");
            assert_eq!(has_words(name), !words(name).is_empty(), "{name}");
        }
    }

    /// Identifiers are the words joined in the case, else the lost
    /// characters spelled out, else `unnamed`; a digit start is prefixed.
    #[test]
    fn base_idents_join_the_words() {
        for name in [
            "webURL",
            "@odata.type",
            "x509Certificate",
            "3dModel",
            "",
            "@",
            "é",
            "a_b-c d",
            "HTMLParser",
            "ID",
            "iD",
            "été2x",
        ] {
            for case in [Case::Snake, Case::Pascal] {
                let mut expected = join(&words(name), case);
                if expected.is_empty() {
                    expected = join(&lost_characters(name), case);
                }
                if expected.is_empty() {
                    expected = if case == Case::Snake {
                        "unnamed"
                    } else {
                        "Unnamed"
                    }
                    .into();
                }
                if expected.starts_with(|c: char| c.is_ascii_digit()) {
                    expected.insert(0, if case == Case::Snake { 'n' } else { 'N' });
                }
                assert_eq!(base_ident(name, case), expected, "{name:?}");
            }
        }
    }

    #[test]
    fn snake_and_pascal_case() {
        assert_eq!(
            fields(&["lastModifiedDateTime"]),
            ["last_modified_date_time"]
        );
        assert_eq!(types(&["skillProficiencyLevel"]), ["SkillProficiencyLevel"]);
        assert_eq!(types(&["unknownFutureValue"]), ["UnknownFutureValue"]);
    }

    #[test]
    fn fields_are_snake_case_with_odata_type_and_keywords() {
        assert_eq!(
            fields(&["displayName", "@odata.type", "type", "self", "3dModel", "@"]),
            [
                "display_name",
                "odata_type",
                "type",
                "self_",
                "n3d_model",
                "at"
            ]
        );
        assert!(is_keyword("type"));
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("display_name").to_string(), "display_name");
    }

    #[test]
    fn reserved_names_get_a_fixed_word() {
        assert_eq!(
            fields(&["base", "additional"]),
            ["base_field", "additional_field"]
        );
        assert_eq!(
            types(&["option", "self", "user"]),
            ["OptionType", "SelfType", "User"]
        );
        assert_eq!(types(&["3dModel"]), ["N3dModel"]);
        assert_eq!(types(&[""]), ["Unnamed"]);
        assert_eq!(fields(&[""]), ["unnamed"]);
    }

    #[test]
    fn collisions_keep_the_canonical_spelling_and_suffix_the_others() {
        assert_eq!(
            fields(&["@odata.type", "odataType"]),
            ["odata_type_at_dot", "odata_type"]
        );
        assert_eq!(
            fields(&["Id", "id", "ID"]),
            ["id_upper_i", "id", "id_upper_i_upper_d"]
        );
        assert_eq!(
            fields(&["webURL", "webUrl"]),
            ["web_url_upper_r_upper_l", "web_url"]
        );
        // Input order does not matter.
        assert_eq!(
            fields(&["webUrl", "webURL"]),
            ["web_url", "web_url_upper_r_upper_l"]
        );
    }

    #[test]
    fn adding_an_unrelated_name_renames_nothing() {
        let before = fields(&["displayName", "id"]);
        let after = fields(&["aaa", "displayName", "id"]);
        assert_eq!(before, after[1..]);
    }

    #[test]
    fn unresolvable_collisions_are_errors_not_counters() {
        let scope = Scope {
            description: "test".into(),
            case: Case::Snake,
            reserved: &[],
            reserved_suffix: "field",
        };
        // Two spellings whose lost characters are identical.
        let err = scope.resolve(&["a.b", "a.b "]);
        assert!(err.is_ok(), "spaces are spelled out: {err:?}");
        let err = scope.resolve(&["é", "é"]).expect_err("same spelling twice");
        assert!(err.to_string().contains("both become"), "{err}");
    }

    #[test]
    fn variants_are_pascal_case() {
        let scope = Scope {
            description: "variants".into(),
            case: Case::Pascal,
            reserved: &["Self"],
            reserved_suffix: "value",
        };
        assert_eq!(
            scope
                .resolve(&["me", "groupMembers", "unknownFutureValue", "self"])
                .expect("ok"),
            ["Me", "GroupMembers", "UnknownFutureValue", "SelfValue"]
        );
    }
}
