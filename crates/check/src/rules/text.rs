//! Byte-level searches in text whose marks are ASCII: paths, link targets,
//! page sources. Cheaper than the char-pattern searches of `str` where the
//! rules run them for every link, template or page; memchr does the
//! searching.

/// The first offset of `needle` in `hay` (memchr's vectorised substring
/// search).
pub(crate) fn find_ascii(hay: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(hay.as_bytes(), needle.as_bytes())
}

/// The offsets of `needle` in `hay`, in order, without overlaps (as
/// `match_indices`). Both are UTF-8, so every offset is a character
/// boundary.
pub(crate) fn ascii_offsets<'h>(hay: &'h str, needle: &'h str) -> impl Iterator<Item = usize> + 'h {
    memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes())
}

/// `s.split(sep)` for an ASCII `sep`, by a byte search: cheaper than the
/// char searcher on the short pieces of paths.
pub(crate) fn split_byte(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match memchr::memchr(sep, r.as_bytes()) {
            Some(i) => {
                // `sep` is ASCII, so both sides are whole characters.
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The offset of the first `a` or `b` in `bytes`.
pub(crate) fn find_either(bytes: &[u8], a: u8, b: u8) -> Option<usize> {
    memchr::memchr2(a, b, bytes)
}

/// `s.trim_matches(marks)` for ASCII `marks`, byte by byte: cheaper than a
/// char-set pattern.
pub(crate) fn trim_marks<'s>(s: &'s str, marks: &[u8]) -> &'s str {
    let bytes = s.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !marks.contains(b))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !marks.contains(b))
        .map_or(start, |i| i + 1);
    // Only ASCII bytes were passed over, so both ends are character
    // boundaries.
    s.get(start..end).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[&str] = &[
        "",
        "a",
        "TODO",
        "xTODOx TODO. (TODO)",
        "../includes/snippets/csharp/x.md#a?b",
        "a\\b/c",
        "ÉTODOé/\\x",
        "0123456789abcdef/",
        "abcdefgh#",
        "TODTODO",
        "xxxxx",
    ];

    #[test]
    fn byte_searches_find_what_std_finds() {
        for t in TEXTS {
            for (a, b) in [(b'/', b'\\'), (b'#', b'?'), (b'T', b'O'), (b'x', b'x')] {
                let want = t.bytes().position(|c| c == a || c == b);
                assert_eq!(find_either(t.as_bytes(), a, b), want, "{t:?}");
            }
            for needle in ["TODO", "/", "é", "xx"] {
                let want: Vec<usize> = t.match_indices(needle).map(|(i, _)| i).collect();
                let found: Vec<usize> = ascii_offsets(t, needle).collect();
                assert_eq!(found, want, "{t:?} {needle:?}");
                assert_eq!(find_ascii(t, needle), t.find(needle), "{t:?} {needle:?}");
            }
            let want: Vec<&str> = t.split('/').collect();
            assert_eq!(split_byte(t, b'/').collect::<Vec<_>>(), want, "{t:?}");
            assert_eq!(
                trim_marks(t, b"*`_ax"),
                t.trim_matches(['*', '`', '_', 'a', 'x']),
                "{t:?}"
            );
        }
    }
}
