//! Paths in one spelling: lower-cased, `/` separators, `.` and `..`
//! resolved, so that a link target and a page path can be compared.
use super::find_either;

/// `a/./b/../c.md` -> `a/c.md`, lower-cased, `/` separators.
pub fn normalize_path(path: &str) -> String {
    let absolute = path.starts_with(['/', '\\']);
    let mut out = String::with_capacity(path.len() + 1);
    if absolute {
        out.push('/');
    }
    push_segments(&mut out, usize::from(absolute), path);
    out
}

/// `normalize_path(&format!("{folder}/{relative}"))` for a `folder` that is
/// already normalised (or `normalize_path(relative)` for an empty one), without
/// normalising the folder again. `relative` must not start with a separator.
pub fn join_normalized(folder: &str, relative: &str) -> String {
    let mut out = String::with_capacity(folder.len() + 1 + relative.len());
    join_normalized_into(&mut out, folder, relative);
    out
}

/// [`join_normalized`] into `out` (cleared first), so that a caller resolving
/// many links reuses one buffer.
pub fn join_normalized_into(out: &mut String, folder: &str, relative: &str) {
    out.clear();
    out.push_str(folder);
    // Normalising `folder` itself would have left exactly `folder` in the
    // output, so the segments of `relative` continue from there.
    push_segments(out, usize::from(folder.starts_with('/')), relative);
}

/// The folder part of a normalised path ("" for a bare file name).
pub fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Appends the segments of `path` to the normalised path `out`, whose first
/// `base` bytes are its root (`/`, or nothing for a relative path).
fn push_segments(out: &mut String, base: usize, path: &str) {
    // Paths are mostly a few `..` and then plain names (`../resources/x.md`):
    // the leading segments one by one, then such a tail in one piece.
    let mut rest = path;
    loop {
        let end = separator(rest.as_bytes());
        let seg = &rest[..end.unwrap_or(rest.len())];
        if !matches!(seg, "" | "." | "..") {
            let plain =
                end.is_none_or(|at| rest.as_bytes()[at] == b'/' && only_names(&rest[at + 1..]));
            if plain {
                push_name(out, base, rest);
                return;
            }
            break;
        }
        push_segment(out, base, seg);
        match end {
            Some(at) => rest = &rest[at + 1..],
            None => return,
        }
    }
    loop {
        let end = separator(rest.as_bytes());
        push_segment(out, base, &rest[..end.unwrap_or(rest.len())]);
        match end {
            Some(at) => rest = &rest[at + 1..],
            None => return,
        }
    }
}

/// The offset of the first `/` or `\` in `bytes`.
fn separator(bytes: &[u8]) -> Option<usize> {
    find_either(bytes, b'/', b'\\')
}

/// Whether `path` is names separated by single `/`: no empty, `.` or `..`
/// segment, no `\`, so that it can be appended in one piece.
fn only_names(mut path: &str) -> bool {
    loop {
        let end = separator(path.as_bytes());
        if matches!(&path[..end.unwrap_or(path.len())], "" | "." | "..") {
            return false;
        }
        match end {
            None => return true,
            Some(at) if path.as_bytes()[at] == b'/' => path = &path[at + 1..],
            Some(_) => return false,
        }
    }
}

/// Appends one segment to the normalised path `out`: `..` drops the last
/// segment (after the last `/` of the output) unless that is `..` too, `.`
/// and empty ones add nothing, names are appended lower-cased.
fn push_segment(out: &mut String, base: usize, seg: &str) {
    match seg {
        "" | "." => {}
        ".." => {
            let last = out.as_bytes()[base..]
                .iter()
                .rposition(|&b| b == b'/')
                .map_or(base, |i| base + i + 1);
            if out.len() > base && &out[last..] != ".." {
                out.truncate(if last > base { last - 1 } else { base });
            } else {
                push_name(out, base, "..");
            }
        }
        name => push_name(out, base, name),
    }
}

/// Appends `name` (or several names with `/` between them), lower-cased,
/// after a `/` unless `out` is only its root.
fn push_name(out: &mut String, base: usize, name: &str) {
    if out.len() > base {
        out.push('/');
    }
    let start = out.len();
    out.push_str(name);
    out[start..].make_ascii_lowercase();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward version, as the reference.
    fn normalize_slowly(path: &str) -> String {
        let mut parts: Vec<&str> = Vec::new();
        let path = path.replace('\\', "/").to_ascii_lowercase();
        let absolute = path.starts_with('/');
        for seg in path.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    if matches!(parts.last(), Some(&last) if last != "..") {
                        parts.pop();
                    } else {
                        parts.push("..");
                    }
                }
                s => parts.push(s),
            }
        }
        let joined = parts.join("/");
        if absolute {
            format!("/{joined}")
        } else {
            joined
        }
    }

    #[test]
    fn paths_normalise_like_the_reference() {
        for p in [
            "",
            "/",
            "//",
            "a",
            "A/B/../C.md",
            "../x.md",
            "../../a/./b/../../c/..",
            "/../a",
            "/a/../..",
            "\\A\\b/..\\C.MD",
            "a//b///c/",
            "./././x",
            "..",
            "../..",
            "a/..",
            "a/../..",
            "../shared/corpus/graph-docs-v1.0/api/../resources/User.md",
            "É/ü/../X.md",
            "../a/b\\c/x.md",
            "../a/./b/x.md",
            "../a/b/",
            "a/..b/c.d/...",
            "../../includes/snippets/csharp/Update-Member-1-csharp-snippets.md",
        ] {
            assert_eq!(normalize_path(p), normalize_slowly(p), "{p:?}");
        }
    }

    #[test]
    fn joining_onto_a_normalised_folder_is_normalising_the_join() {
        // Folders as `parent` gives them: normalised, never a bare `/`.
        for folder in ["", "a", "docs/api", "/abs/dir", "..", "../../x", "/.."] {
            for rel in [
                "x.md",
                "../y.md",
                "../../../z.md",
                "./A/B.md",
                "a//b\\C.md",
                "..",
            ] {
                let want = if folder.is_empty() {
                    normalize_path(rel)
                } else {
                    normalize_path(&format!("{folder}/{rel}"))
                };
                assert_eq!(join_normalized(folder, rel), want, "{folder:?} {rel:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_path_normalises_like_the_reference(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "Bc", "x.md", ".", "..", "", "/", "\\", "é", "ÉT", "...", ".a"]),
                0..12,
            ),
            folder in proptest::sample::select(vec!["", "a", "docs/api", "/abs/dir", "..", "../../x", "/.."]),
        ) {
            let path: String = pieces.concat();
            proptest::prop_assert_eq!(normalize_path(&path), normalize_slowly(&path));
            let relative = path.trim_start_matches(['/', '\\']);
            let want = if folder.is_empty() {
                normalize_path(relative)
            } else {
                normalize_path(&format!("{folder}/{relative}"))
            };
            proptest::prop_assert_eq!(join_normalized(folder, relative), want);
        }
    }

    #[test]
    fn paths_normalise() {
        assert_eq!(
            normalize_path("docs/api/../resources/./User.md"),
            "docs/resources/user.md"
        );
        assert_eq!(normalize_path("../x.md"), "../x.md");
        assert_eq!(parent("a/b/c.md"), "a/b");
    }
}
