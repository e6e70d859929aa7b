//! How many tokens of a space-separated row each column's cell takes: type
//! names, permission types and scope lists, rendered method links.

use super::lines::Tok;
use super::tables::Col;
use crate::typeref::primitive;

/// Most words a rendered method-name link is assumed to have
/// (`Get quota status mailbox counts`).
pub(super) const MAX_METHOD_WORDS: usize = 6;
/// Most tokens a parenthesised permission type or `Collection(...)` may span.
const MAX_PAREN_TOKENS: usize = 10;

/// Verbs that start two-word method names (`Get workPosition`).
const METHOD_VERBS: &[&str] = &[
    "List", "Get", "Create", "Update", "Delete", "Add", "Remove", "Replace", "Upsert",
];

/// How many of the row tokens `rest` the (non-last) column `col` takes.
pub(super) fn cell_len(col: Col, next: Option<Col>, later: usize, rest: &[Tok<'_>]) -> usize {
    let text = |i: usize| rest.get(i).map_or("", |t| t.text);
    match col {
        // `Prefer: outlook.timezone` names a header together with its preference.
        Col::Name if text(0).ends_with(':') && rest.len() > 1 => 2,
        Col::Name | Col::Value | Col::Required => 1,
        // Leave one word for each later column (`... Description Required?`).
        Col::Text => rest.len().saturating_sub(later),
        Col::Type => type_len(rest),
        Col::PermissionType => {
            // `Delegated permission (work or school account)`, `Application permission`.
            let word = usize::from(
                text(1).eq_ignore_ascii_case("permission")
                    || text(1).eq_ignore_ascii_case("permissions"),
            );
            if text(1 + word).starts_with('(') {
                paren_len(rest, 1 + word)
            } else {
                1 + word
            }
        }
        Col::Scopes => {
            let second = text(1).trim_end_matches('.');
            if text(0).eq_ignore_ascii_case("not")
                && ["supported", "available", "applicable"]
                    .iter()
                    .any(|w| second.eq_ignore_ascii_case(w))
            {
                2
            } else if looks_like_scope(text(0)) {
                // A comma-separated list continues while the previous scope ends in `,`.
                let mut n = 1;
                while text(n - 1).ends_with(',') && looks_like_scope(text(n)) {
                    n += 1;
                }
                n
            } else {
                // Unrecognised (a placeholder note, say): keep it whole in this cell.
                rest.len()
            }
        }
        Col::Method => method_len(next, rest),
    }
}

/// A type cell: one token, or a `Collection(...)` written with spaces inside,
/// then any of: `collection`, a one-word note in parentheses (`string (url)`),
/// and `or` alternatives (`appHostedMediaConfig or serviceHostedMediaConfig`).
fn type_len(rest: &[Tok<'_>]) -> usize {
    let text = |i: usize| rest.get(i).map_or("", |t| t.text);
    let first = text(0);
    let opens = first
        .get(..11)
        .is_some_and(|p| p.eq_ignore_ascii_case("collection("));
    let mut n = if opens && !first.contains(')') {
        paren_len(rest, 0)
    } else {
        1
    };
    let (mut noted, mut collection) = (false, false);
    loop {
        let next = text(n);
        if !collection && next.eq_ignore_ascii_case("collection") {
            collection = true;
            n += 1;
        } else if !noted
            && next.len() > 2
            && next.starts_with('(')
            && next
                .get(1..)
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_lowercase()))
            && next.ends_with(')')
        {
            noted = true;
            n += 1;
        } else if next == "or" && looks_like_type(text(n + 1)) {
            (noted, collection) = (false, false);
            n += 2;
        } else {
            return n;
        }
    }
}

/// An identifier that can name a type (`educationSchool`, `String`, `Collection(x)`).
pub(super) fn looks_like_type(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_alphabetic())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '(' | ')'))
}

/// Tokens up to and including the first one after `from` that closes a
/// parenthesis; just the first token when none does within a few tokens.
fn paren_len(rest: &[Tok<'_>], from: usize) -> usize {
    rest.iter()
        .enumerate()
        .skip(from)
        .take(MAX_PAREN_TOKENS)
        .find(|(_, t)| t.text.ends_with(')'))
        .map_or(1, |(i, _)| i + 1)
}

/// A rendered method link such as `List workPositions` before the return type.
///
/// The split is the first place where a return type is followed by a
/// description starting with a capital letter, trying clear types first
/// (`None`, primitives, camelCase names, `x collection`) and then any
/// identifier; failing both, a CRUD verb takes one more word.
fn method_len(next: Option<Col>, rest: &[Tok<'_>]) -> usize {
    if next != Some(Col::Type) {
        return 1;
    }
    let text = |i: usize| rest.get(i).map_or("", |t| t.text);
    let limit = rest.len().saturating_sub(1).min(MAX_METHOD_WORDS);
    for strict in [true, false] {
        for k in 1..=limit {
            let ty = text(k);
            let width = type_len(rest.get(k..).unwrap_or(&[]));
            let clear = is_simple_type(ty) || is_compound(ty) || width > 1;
            let typed = looks_like_type(ty) && (clear || !strict);
            let described = starts_sentence(text(k + width));
            if typed && described {
                return k;
            }
        }
    }
    if rest.len() >= 3 && METHOD_VERBS.contains(&text(0)) {
        return 2;
    }
    1
}

/// `None` or a capitalised primitive (`String`, `Stream`): a return type
/// that is one word and cannot be part of a method name.
fn is_simple_type(t: &str) -> bool {
    t == "None" || (t.starts_with(|c: char| c.is_ascii_uppercase()) && primitive(t).is_some())
}

/// `educationSchool`, `WorkbookTable`: a capital after the first letter.
fn is_compound(t: &str) -> bool {
    t.chars().skip(1).any(|c| c.is_ascii_uppercase())
}

/// A word that starts a description: capitalised, not a compound name, not `None`.
fn starts_sentence(t: &str) -> bool {
    t.starts_with(|c: char| c.is_uppercase()) && !is_compound(t) && !is_simple_type(t)
}

/// `User.ReadWrite.All`, `Mail.Read,`: dotted identifier parts.
fn looks_like_scope(token: &str) -> bool {
    let t = token.trim_end_matches(',');
    t.starts_with(|c: char| c.is_ascii_alphabetic())
        && t.contains('.')
        && !t.ends_with('.')
        && !t.contains("..")
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

#[cfg(test)]
mod tests {
    use crate::plaintext::looks_rendered;
    use crate::plaintext::test_support::*;

    #[test]
    fn resource_page_generalises() {
        assert!(looks_rendered(RESOURCE_PAGE));
        let blocks = read(RESOURCE_PAGE);
        assert_faithful(RESOURCE_PAGE, &blocks);
        assert_eq!(
            headings(&blocks),
            vec![
                (1, "workPosition resource type"),
                (2, "Methods"),
                (2, "Properties"),
                (2, "Relationships"),
                (2, "JSON representation"),
            ]
        );
        assert_eq!(paragraphs(&blocks)[..3], [
            "Namespace: microsoft.graph",
            "Represents detailed information about work positions associated with a user's profile.",
            "Inherits from itemFacet.",
        ]);
        let tables = tables(&blocks);
        assert_eq!(tables.len(), 3);
        assert_eq!(
            texts(&tables[0].header),
            ["Method", "Return type", "Description"]
        );
        let methods: Vec<(&str, &str)> = tables[0]
            .rows
            .iter()
            .map(|r| (r.cells[0].text.as_str(), r.cells[1].text.as_str()))
            .collect();
        assert_eq!(
            methods,
            [
                ("List positions", "workPosition collection"),
                ("Create workPosition", "workPosition"),
                ("Get workPosition", "workPosition"),
                ("Delete workPosition", "None"),
                ("delta", "workPosition collection"),
            ]
        );
        assert_eq!(
            tables[0].rows[3].cells[2].text,
            "Delete a workPosition object."
        );
        let types: Vec<&str> = tables[1]
            .rows
            .iter()
            .map(|r| r.cells[1].text.as_str())
            .collect();
        assert_eq!(
            types,
            [
                "String",
                "String collection",
                "relatedPerson collection",
                "DateTimeOffset",
                "Boolean",
                "String (url)"
            ]
        );
        assert_eq!(
            texts(&tables[2].header),
            ["Relationship", "Type", "Description"]
        );
        assert_eq!(
            rows(tables[2]),
            [
                [
                    "manager",
                    "relatedPerson",
                    "Contains detail of the user's manager in this position."
                ],
                [
                    "peers",
                    "Collection(microsoft.graph.relatedPerson)",
                    "Peers in this position."
                ],
            ]
        );
        let codes = codes(&blocks);
        assert_eq!(codes.len(), 1);
        assert_eq!(codes[0].info, "json");
        assert!(codes[0].text.starts_with("{\n  \"allowedAudiences\""));
        assert!(codes[0].text.ends_with("\"isCurrent\": true\n}"));
    }

    #[test]
    fn permission_tables() {
        let page = "Title\n\nPermission type Permissions (from least to most privileged)\n\
            Delegated (work or school account) User.Read, User.ReadWrite.All\n\
            Delegated (personal Microsoft account) Not supported.\n\
            Application permission User.Read.All\n\n\
            Permission type Least privileged permissions Higher privileged permissions\n\
            Delegated (work or school account) User.Read User.ReadWrite, Directory.Read.All\n\
            Application User.Read.All, Mail.Read Directory.Read.All\n\
            Delegated (other) Scopes to be decided.\n";
        let blocks = read(page);
        assert_faithful(page, &blocks);
        let tables = tables(&blocks);
        assert_eq!(
            rows(tables[0]),
            [
                [
                    "Delegated (work or school account)",
                    "User.Read, User.ReadWrite.All"
                ],
                ["Delegated (personal Microsoft account)", "Not supported."],
                ["Application permission", "User.Read.All"],
            ]
        );
        assert_eq!(
            rows(tables[1]),
            [
                [
                    "Delegated (work or school account)",
                    "User.Read",
                    "User.ReadWrite, Directory.Read.All"
                ],
                [
                    "Application",
                    "User.Read.All, Mail.Read",
                    "Directory.Read.All"
                ],
                ["Delegated (other)", "Scopes to be decided.", ""],
            ]
        );
        assert_eq!(tables[1].rows[2].cells[2].span, None);
    }
}
