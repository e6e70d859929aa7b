//! Path templates and example paths in one spelling, and templates as
//! patterns an example path may be an instance of (for
//! example-path-mismatch).
use super::{find_ascii, split_byte, starts_with_ci};

/// The ways to read an example path against templates: as written, with
/// Graph's aliases spelled out (see [`aliased`]), and both without what
/// OData allows on any collection (a trailing `/$count`, type-cast segments
/// such as `/microsoft.graph.group`); lower-cased, as [`matches`] takes them.
pub(super) fn readings(path: &str) -> Vec<String> {
    let written = canonical(path);
    let aliased = aliased(&written);
    // Without aliases the two spellings are one (and so are their plain
    // forms): the duplicates would go below anyway.
    // A drive item addressed by path is the item its key would name:
    // `/drive/items/root:/a/b.txt:/content` calls `/drive/items/{id}/content`.
    let by_key = item_by_key(&aliased);
    let mut out = if aliased == written {
        vec![plain(&written), written]
    } else {
        vec![plain(&written), plain(&aliased), written, aliased]
    };
    out.extend(by_key);
    out.sort();
    out.dedup();
    for reading in &mut out {
        reading.make_ascii_lowercase();
    }
    out
}

/// `.../items/X:/path:/rest` as `.../items/X/rest` (`X` is `root` or a key),
/// or `None` when the path addresses no item by path.
fn item_by_key(path: &str) -> Option<String> {
    let items = find_ascii(path, "/items/")? + "/items/".len();
    let rest = &path[items..];
    let open = rest.find(":/")?;
    // The segment before `:` is the item the path starts from.
    if rest[..open].contains('/') {
        return None;
    }
    let after = &rest[open + 2..];
    let close = after.find(':')?;
    let tail = &after[close + 1..];
    Some(format!("{}{}{tail}", &path[..items], &rest[..open]))
}

/// A canonical path without type-cast segments and a trailing `/$count`.
fn plain(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 1);
    // Where the last kept segment starts, `/` included.
    let mut last = None;
    for seg in split_byte(path, b'/') {
        if seg.is_empty() || starts_with_ci(seg, "microsoft.graph.") {
            continue;
        }
        last = Some((out.len(), seg));
        out.push('/');
        out.push_str(seg);
    }
    if let Some((start, seg)) = last {
        if seg.eq_ignore_ascii_case("$count") {
            out.truncate(start);
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// A canonical path with Graph's aliases spelled out, the same way for
/// templates and examples: `/me` is `/users/me` (the signed-in user),
/// a leading `/drive` is `/me/drive`, and a drive's `root` is `items/root`.
pub(super) fn aliased(canonical: &str) -> String {
    let mut out = String::with_capacity(canonical.len() + 12);
    let mut previous: Option<&str> = None;
    let mut before_previous: Option<&str> = None;
    for (i, seg) in split_byte(canonical, b'/')
        .filter(|s| !s.is_empty())
        .enumerate()
    {
        // `/drive/root` and `/drives/{id}/root` are both a drive's root item.
        let after_drive = previous.is_some_and(|p| p.eq_ignore_ascii_case("drive"))
            || before_previous.is_some_and(|p| p.eq_ignore_ascii_case("drives"));
        match seg {
            s if s.eq_ignore_ascii_case("me") => out.push_str("/users/me"),
            s if i == 0 && s.eq_ignore_ascii_case("drive") => out.push_str("/me/drive"),
            s if after_drive && (s.eq_ignore_ascii_case("root") || starts_with_ci(s, "root:")) => {
                out.push_str("/items/");
                out.push_str(s);
            }
            s => {
                out.push('/');
                out.push_str(s);
            }
        }
        before_previous = previous;
        previous = Some(seg);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// A path in one spelling: leading `/`, no trailing `/`, no query string;
/// OData key syntax as a segment (`users('x')` -> `users/x`, template
/// `worksheets({id})` -> `worksheets/{id}`); function arguments dropped
/// (`range(address='A1')` -> `range`), since the syntax block may show
/// them as `(count=n)`, `(address={address})` or not at all.
pub(super) fn canonical(path: &str) -> String {
    let path = path.trim();
    let path = path.split('?').next().unwrap_or(path);
    let mut out = String::with_capacity(path.len() + 1);
    if !path.starts_with('/') {
        out.push('/');
    }
    let mut rest = path;
    while let Some(open) = rest.find('(') {
        out.push_str(&rest[..open]);
        let Some(close) = closing_paren(&rest[open..]).map(|c| open + c) else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let inner = &rest[open + 1..close];
        if !is_arguments(inner) {
            // `/teams/(team-id)/...`: a parameter name in parentheses as a
            // segment of its own is `{team-id}` misspelt, not a key.
            let own_segment = out.ends_with('/');
            let name = inner.trim();
            let is_name = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && name.bytes().any(|b| b.is_ascii_alphabetic());
            if own_segment && is_name {
                out.push('{');
                out.push_str(name);
                out.push('}');
            } else {
                if !own_segment {
                    out.push('/');
                }
                out.push_str(name.trim_matches(['\'', '"']));
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    let kept = out.trim_end_matches('/').len();
    if kept == 0 {
        return "/".to_string();
    }
    out.truncate(kept);
    out
}

/// The offset of the `)` that closes the `(` at the start of `s`, quotes
/// respected.
fn closing_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// `count=n`, `address='A1'`, `appId='{appId}'`: named arguments, not a
/// key (`'AAMk...='` and `{id}` are keys).
fn is_arguments(inner: &str) -> bool {
    let t = inner.trim_start();
    let name_len = t
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(t.len());
    name_len > 0 && t[name_len..].trim_start().starts_with('=')
}

/// A full-URL template (`https://graph.microsoft.com/v1.0/...`) without
/// scheme, host and version; other templates as they are.
pub(super) fn without_host(template: &str) -> &str {
    let t = template.trim();
    if !(starts_with_ci(t, "http://") || starts_with_ci(t, "https://")) {
        return t;
    }
    let after_scheme = find_ascii(t, "://").map_or(0, |i| i + 3);
    let rest = t[after_scheme..]
        .find('/')
        .map_or("", |j| &t[after_scheme + j..]);
    let first = rest.trim_start_matches('/').split('/').next().unwrap_or("");
    if first == "v1.0" || first == "beta" {
        &rest.trim_start_matches('/')[first.len()..]
    } else {
        rest
    }
}

/// A canonical template as literal text and parameters.
pub(super) struct Pattern {
    /// The template, lower-cased: literals are byte ranges of it.
    lower: String,
    /// The pieces, in order.
    tokens: Vec<Token>,
}

/// A piece of a path template.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    /// Literal text (`start..end` of the lower-cased template), compared
    /// case-insensitively.
    Lit { start: usize, end: usize },
    /// `{...}`: any non-empty text; `across` when it may contain `/`
    /// (`root:/{item-path}:` addresses a path).
    Param { across: bool },
}

/// The patterns an operation's path template matches: as written and with
/// its aliases spelled out (`/me` as `/users/me`), once when they agree.
pub(super) fn operation_patterns(template: &str) -> Vec<Pattern> {
    let t = canonical(without_host(template));
    let a = aliased(&t);
    if a == t {
        vec![pattern(&t)]
    } else {
        vec![pattern(&t), pattern(&a)]
    }
}

/// A canonical template as a pattern. Literal GUIDs count as parameters:
/// they are reported by path-convention, not once more for every example.
pub(super) fn pattern(t: &str) -> Pattern {
    let bytes = t.as_bytes();
    let mut tokens = Vec::with_capacity(8);
    let literal = |tokens: &mut Vec<Token>, start: usize, end: usize| {
        if start < end {
            tokens.push(Token::Lit { start, end });
        }
    };
    // One pass: `at` is where the text not yet turned into tokens starts,
    // and a `/`-separated piece starts there and after every `/`. A piece
    // that is a GUID is a parameter; so is `{...}`, unless no `}` closes
    // it, which leaves the rest literal.
    let mut at = 0;
    let mut i = 0;
    let mut piece_start = true;
    while i < bytes.len() {
        if piece_start && guid_at(t, i) {
            literal(&mut tokens, at, i);
            tokens.push(Token::Param { across: false });
            at = i + GUID_LEN;
            i = at;
            continue;
        }
        match bytes[i] {
            b'{' => {
                let Some(close) = bytes[i..].iter().position(|&b| b == b'}') else {
                    break;
                };
                let close = i + close;
                literal(&mut tokens, at, i);
                let across = bytes.get(close + 1) == Some(&b':');
                tokens.push(Token::Param { across });
                at = close + 1;
                i = at;
                piece_start = true;
            }
            b => {
                piece_start = b == b'/';
                i += 1;
            }
        }
    }
    literal(&mut tokens, at, t.len());
    Pattern {
        lower: t.to_ascii_lowercase(),
        tokens,
    }
}

/// Whether a whole `/`-separated piece of `t` that starts at `start` is a
/// GUID.
fn guid_at(t: &str, start: usize) -> bool {
    let end = start + GUID_LEN;
    let bytes = t.as_bytes();
    (end == bytes.len() || bytes.get(end) == Some(&b'/')) && t.get(start..end).is_some_and(is_guid)
}

/// The `/`-separated segments of `s`, with their offsets.
pub(super) fn offset_segments(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    split_byte(s, b'/').map(move |seg| {
        let at = offset;
        offset += seg.len() + 1;
        (at, seg)
    })
}

/// The `/`-separated segments of `s` that are GUIDs, with their offsets.
pub(super) fn guid_segments(s: &str) -> impl Iterator<Item = (usize, &str)> {
    offset_segments(s).filter(|(_, seg)| is_guid(seg))
}

/// The length of a GUID: 32 hex digits and four dashes.
const GUID_LEN: usize = 36;

/// `acdefc6b-2dc6-4e71-b1e9-6d9810ab1793`
fn is_guid(s: &str) -> bool {
    // Five groups of 8-4-4-4-12 hex digits: 36 bytes, checked first since
    // nearly every segment fails on length.
    const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];
    if s.len() != GUID_LEN {
        return false;
    }
    let mut groups = 0;
    for g in s.split('-') {
        let fits = GROUPS
            .get(groups)
            .is_some_and(|&n| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
        if !fits {
            return false;
        }
        groups += 1;
    }
    groups == GROUPS.len()
}

/// Whether `lower` (a path in [`canonical`] spelling, lower-cased once per
/// reading rather than once per template) is an instance of `pattern`.
pub(super) fn matches(pattern: &Pattern, lower: &str) -> bool {
    let mut budget = 10_000usize;
    // A match that cannot be decided within the budget counts as a match:
    // better silent than a finding nobody can trust.
    match_from(pattern, &pattern.tokens, lower.as_bytes(), &mut budget) || budget == 0
}

fn match_from(pattern: &Pattern, tokens: &[Token], path: &[u8], budget: &mut usize) -> bool {
    // Templates are short; the budget only guards against pathological input.
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    let Some((first, rest)) = tokens.split_first() else {
        return path.is_empty();
    };
    match *first {
        Token::Lit { start, end } => {
            let lit = &pattern.lower.as_bytes()[start..end];
            path.starts_with(lit) && match_from(pattern, rest, &path[lit.len()..], budget)
        }
        Token::Param { across } => {
            for end in 1..=path.len() {
                if !across && path[end - 1] == b'/' {
                    break;
                }
                if match_from(pattern, rest, &path[end..], budget) {
                    return true;
                }
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens of `t`'s pattern, literals as text.
    fn pieces(t: &str) -> Vec<String> {
        let p = pattern(t);
        p.tokens
            .iter()
            .map(|token| match *token {
                Token::Lit { start, end } => p.lower[start..end].to_string(),
                Token::Param { across } => format!("{{{across}}}"),
            })
            .collect()
    }

    #[test]
    fn templates_become_literals_and_parameters() {
        assert_eq!(
            pieces("/Users/{id}/drive/root:/{item-path}:/content"),
            ["/users/", "{false}", "/drive/root:/", "{true}", ":/content"]
        );
        assert_eq!(
            pieces(
                "/x/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/y{a}acdefc6b-2dc6-4e71-b1e9-6d9810ab1793"
            ),
            ["/x/", "{false}", "/y", "{false}", "{false}"]
        );
        assert_eq!(
            pieces("/a/{unclosed/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793"),
            ["/a/{unclosed/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793"]
        );
        assert_eq!(
            pieces("/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/{unclosed"),
            ["/", "{false}", "/{unclosed"]
        );
    }

    #[test]
    fn readings_spell_aliases_out_and_drop_casts() {
        assert_eq!(
            readings("/me/memberOf/microsoft.graph.group/$count"),
            [
                "/me/memberof",
                "/me/memberof/microsoft.graph.group/$count",
                "/users/me/memberof",
                "/users/me/memberof/microsoft.graph.group/$count"
            ]
        );
        assert_eq!(readings("/$count"), ["/", "/$count"]);
        assert_eq!(
            readings("/me/drive/root:/{item-path}:/createUploadSession"),
            [
                "/me/drive/root:/{item-path}:/createuploadsession",
                "/users/me/drive/items/root/createuploadsession",
                "/users/me/drive/items/root:/{item-path}:/createuploadsession"
            ]
        );
        assert_eq!(aliased("/drive/root:/a:"), "/me/drive/items/root:/a:");
        assert_eq!(
            aliased("/drives/{id}/root:/a:"),
            "/drives/{id}/items/root:/a:"
        );
        assert_eq!(canonical("users('x')/"), "/users/x");
        assert_eq!(canonical("//"), "/");
    }

    #[test]
    fn keys_in_parentheses_become_segments() {
        assert_eq!(canonical("/users('a@b.com')/x"), "/users/a@b.com/x");
        assert_eq!(canonical("/worksheets({id})/x"), "/worksheets/{id}/x");
        assert_eq!(canonical("/range(address='A1')"), "/range");
        // A parameter name in parentheses as a segment of its own.
        assert_eq!(
            canonical("/teams/(team-id)/channels/{channel-id}"),
            "/teams/{team-id}/channels/{channel-id}"
        );
        assert_eq!(canonical("/items/(1234)"), "/items/1234");
    }
}
