//! permissions-order: the permissions table lists scopes from least to most
//! privileged.
use super::paths::sub_span;
use super::split_byte;
use crate::{Code, Diagnostic};
use graphdoc_model::{Page, PermissionOrder, Spanned};

/// The permissions table's declared order, and rows that contradict it.
pub(super) fn check(page: &Page, out: &mut Vec<Diagnostic>) {
    let Some(perms) = &page.permissions else {
        return;
    };
    match perms.order {
        PermissionOrder::MostToLeast => {
            // A table whose every row grants one scope has no order to get
            // wrong; rows still to be written ("TODO: Determine scopes")
            // will have one.
            let ordered = perms.rows.iter().any(|row| {
                let raw = &row.raw.value;
                row.scopes
                    .iter()
                    .map(|c| scope_names(&c.value))
                    .sum::<usize>()
                    > 1
                    || super::contains_ci(raw, "todo")
            });
            if let (true, Some(span)) = (ordered, &perms.order_span) {
                out.push(
                    Diagnostic::new(
                        Code::PermissionsOrder,
                        span.clone(),
                        "permissions are listed from most to least privileged; the convention is least to most",
                    )
                    .with_label("most to least privileged"),
                );
            }
        }
        PermissionOrder::LeastToMost => {
            for row in &perms.rows {
                if let Some(d) = broader_first(page, &row.scopes) {
                    out.push(d);
                }
            }
        }
        PermissionOrder::LeastAndHigher | PermissionOrder::Unstated => {}
    }
}

/// In a least-to-most row, the first scope listed before a scope it plainly
/// includes: `R.ReadWrite[.X]` before `R.Read[.X]`, `R.Read[.X]` before
/// `R.ReadBasic[.X]`, or `R.P.All` before `R.P`. Other pairs
/// (`User.ReadWrite` and `User.Read.All`) are not comparable and never
/// reported.
fn broader_first(page: &Page, scopes: &[Spanned<String>]) -> Option<Diagnostic> {
    let mut listed: Vec<(&str, std::ops::Range<usize>, &Spanned<String>)> = Vec::new();
    for cell in scopes {
        let names = split_scopes(&cell.value);
        // "User.Read.All and Group.Read.All" is one combined grant; its
        // place in the list is about the combination, not each scope.
        let combined = names.len() > 1
            && cell
                .value
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "and");
        if combined || cell.value.contains('+') {
            continue;
        }
        listed.extend(names.into_iter().map(|(name, range)| (name, range, cell)));
    }
    for (i, (broad, range, cell)) in listed.iter().enumerate() {
        if let Some((narrow, _, _)) = listed[i + 1..].iter().find(|(n, _, _)| includes(broad, n)) {
            return Some(
                Diagnostic::new(
                    Code::PermissionsOrder,
                    sub_span(page, cell, range.clone()),
                    format!("`{broad}` is listed before `{narrow}`, which it includes, in a least-to-most privileged list"),
                )
                .with_label(format!("more privileged than `{narrow}`")),
            );
        }
    }
    None
}

/// The scope names in a scope value (some tables separate scopes with
/// spaces only) with their byte ranges in it.
fn split_scopes(value: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    // Bytes do: every character a name may hold is ASCII, and any other
    // character ends a name at its first byte.
    for (i, b) in value.bytes().chain(std::iter::once(b' ')).enumerate() {
        let part = b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-');
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let name = &value[s..i];
                if name.contains('.') {
                    out.push((name, s..i));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// How many scope names a scope cell lists (`Not supported.` lists none).
fn scope_names(value: &str) -> usize {
    split_scopes(value)
        .iter()
        .filter(|(name, _)| !name.ends_with('.'))
        .count()
}

/// `broad` grants everything `narrow` does and more, by the naming scheme
/// of Graph scopes (`Resource.Access[.Constraint]`).
fn includes(broad: &str, narrow: &str) -> bool {
    let parts = |s: &str| s.bytes().filter(|&c| c == b'.').count() + 1;
    let (b_len, n_len) = (parts(broad), parts(narrow));
    let mut b = split_byte(broad, b'.');
    let mut n = split_byte(narrow, b'.');
    let (Some(resource), Some(access), Some(n_resource), Some(n_access)) =
        (b.next(), b.next(), n.next(), n.next())
    else {
        return false;
    };
    if !resource.eq_ignore_ascii_case(n_resource) {
        return false;
    }
    // The constraints after the access, alike in any case.
    let same_rest = b_len == n_len && b.zip(n).all(|(x, y)| x.eq_ignore_ascii_case(y));
    let is = |part: &str, word: &str| part.eq_ignore_ascii_case(word);
    let wider_access = (is(access, "readwrite")
        && (is(n_access, "read") || is(n_access, "readbasic")))
        || (is(access, "read") && is(n_access, "readbasic"));
    let all_of = b_len == n_len + 1
        && broad.rsplit('.').next().is_some_and(|l| is(l, "all"))
        && split_byte(broad, b'.')
            .zip(split_byte(narrow, b'.'))
            .all(|(x, y)| x.eq_ignore_ascii_case(y));
    (wider_access && same_rest) || all_of
}

#[cfg(test)]
mod tests {
    use super::super::paths::testing::{api_page, corpus, found, run};
    use super::*;

    fn findings(order: &str, scopes: &str) -> Vec<(&'static str, String)> {
        let text = api_page(
            "Get user",
            "Get user",
            order,
            scopes,
            "GET /me",
            "GET https://graph.microsoft.com/v1.0/me",
        );
        let c = corpus(&[("a.md", &text)]);
        found(&c, &run(&c, |_, page, out| check(page, out)))
    }

    #[test]
    fn most_to_least_is_reported_at_the_header() {
        assert_eq!(
            findings(
                "from most to least privileged",
                "User.ReadWrite.All, User.Read"
            ),
            vec![(
                "permissions-order",
                "Permissions (from most to least privileged)".to_string()
            )]
        );
    }

    #[test]
    fn most_to_least_matters_only_where_a_row_has_an_order() {
        let header = "Permissions (from most to least privileged)".to_string();
        // One scope per row: nothing to order.
        assert_eq!(
            findings("from most to least privileged", "User.ReadWrite.All"),
            vec![]
        );
        // Scopes still to be written will be written in the stated order.
        assert_eq!(
            findings(
                "from most to least privileged",
                "**TODO: Determine scopes **"
            ),
            vec![("permissions-order", header)]
        );
    }

    #[test]
    fn least_to_most_is_the_convention() {
        assert_eq!(
            findings(
                "from least to most privileged",
                "User.Read, User.ReadWrite, User.Read.All, User.ReadWrite.All"
            ),
            vec![]
        );
    }

    #[test]
    fn a_broader_scope_before_a_narrower_one_is_reported_at_the_broader() {
        assert_eq!(
            findings(
                "from least to most privileged",
                "Group.ReadWrite.All, Group.Read.All"
            ),
            vec![("permissions-order", "Group.ReadWrite.All".to_string())]
        );
        assert_eq!(
            findings(
                "from least to most privileged",
                "Organization.Read.All, User.Read, User.Read.All, User.ReadBasic.All"
            ),
            vec![("permissions-order", "User.Read.All".to_string())]
        );
    }

    #[test]
    fn combined_grants_and_unrelated_scopes_are_not_compared() {
        for scopes in [
            "User.ReadBasic.All and GroupMember.Read.All, User.Read.All and GroupMember.Read.All, User.ReadBasic.All and Group.Read.All",
            "User.ReadWrite, User.Read.All",
            "Sites.ReadWrite.All, Files.Read",
        ] {
            assert_eq!(findings("from least to most privileged", scopes), vec![], "{scopes}");
        }
    }

    #[test]
    fn scopes_separated_by_spaces_only_are_compared() {
        assert_eq!(
            findings("from least to most privileged", "Mail.ReadWrite Mail.Read"),
            vec![("permissions-order", "Mail.ReadWrite".to_string())]
        );
    }
}
