//! Reading an example request's URL: which template's pieces its path
//! follows (and the parameter values it gives them), its query options, and
//! placeholders where a value belongs.
use crate::requests::{Param, Piece};

/// Whether a URL value is a placeholder rather than a value: `{userId}`,
/// `<id>`, or text containing either form.
pub(super) fn is_placeholder(value: &str) -> bool {
    let braces = value
        .find('{')
        .is_some_and(|open| value[open..].contains('}'));
    let angles = value
        .find('<')
        .is_some_and(|open| value[open..].contains('>'));
    braces || angles
}

/// Percent-decoded text (invalid UTF-8 replaced).
pub(super) fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// `a=1&b=&c` -> `[("a", "1"), ("b", ""), ("c", "")]`, decoded.
pub(super) fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (name, value) = p.split_once('=').unwrap_or((p, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// The raw parameter values when `path` follows the template pieces.
pub(super) fn match_path(pieces: &[Piece], params: &[Param], path: &str) -> Option<Vec<String>> {
    let mut captures = vec![String::new(); params.len()];
    let mut budget = 10_000usize;
    match_from(pieces, params, path.as_bytes(), &mut captures, &mut budget).then_some(captures)
}

fn match_from(
    pieces: &[Piece],
    params: &[Param],
    path: &[u8],
    captures: &mut [String],
    budget: &mut usize,
) -> bool {
    // Templates are short; the budget only guards against pathological input.
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    let Some((first, rest)) = pieces.split_first() else {
        return path.is_empty();
    };
    match first {
        Piece::Lit(lit) => {
            let lit = lit.as_bytes();
            path.len() >= lit.len()
                && path[..lit.len()].eq_ignore_ascii_case(lit)
                && match_from(rest, params, &path[lit.len()..], captures, budget)
        }
        Piece::Param(i) => {
            let across = params.get(*i).is_some_and(|p| p.across);
            for end in 1..=path.len() {
                if !across && path[end - 1] == b'/' {
                    break;
                }
                if match_from(rest, params, &path[end..], captures, budget) {
                    if let Some(slot) = captures.get_mut(*i) {
                        *slot = String::from_utf8_lossy(&path[..end]).into_owned();
                    }
                    return true;
                }
            }
            false
        }
    }
}
