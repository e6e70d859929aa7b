//! Where relative links go: targets parsed, resolved against the linking
//! page's folder and looked up among the input pages, once per folder.
use super::hash::FastMap;
use super::{find_either, join_normalized, join_normalized_into, parent, Ctx};

/// A relative link to a markdown file, split into path and anchor.
pub(super) struct RelativeTarget<'a> {
    /// The path as written, without anchor and query.
    pub path: &'a str,
    /// The `#anchor` as written, if any.
    pub anchor: Option<&'a str>,
}

impl<'a> RelativeTarget<'a> {
    /// `None` for absolute links (`https:`, `mailto:`, `/graph/...`),
    /// in-page anchors and targets that are not `.md` files.
    pub fn parse(target: &'a str) -> Option<Self> {
        let t = target.trim().trim_start_matches('<').trim_end_matches('>');
        if t.is_empty() || t.starts_with(['/', '#', '\\']) {
            return None;
        }
        // `https:`, `mailto:`, `xref:` ... (but not a Windows drive letter):
        // two or more scheme characters, then the first `:`. The marks are
        // ASCII, so bytes do; relative paths leave the scan at their first
        // `/`, with no scheme.
        let bytes = t.as_bytes();
        let scheme_len = bytes
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
            .unwrap_or(bytes.len());
        if scheme_len > 1 && bytes.get(scheme_len) == Some(&b':') {
            return None;
        }
        // The path ends at the first `#` or `?`; neither is a scheme
        // character, so the search starts after them.
        let end = find_either(&bytes[scheme_len..], b'#', b'?').map_or(t.len(), |i| scheme_len + i);
        let path = &t[..end];
        let anchor = t[end..].strip_prefix('#');
        let md = path.len() >= 3 && path.as_bytes()[path.len() - 3..].eq_ignore_ascii_case(b".md");
        md.then_some(RelativeTarget { path, anchor })
    }

    /// The file name as written, without `.md`.
    pub fn file_stem(&self) -> &'a str {
        // Separators are ASCII: a byte search finds the last one.
        let start = self
            .path
            .bytes()
            .rposition(|b| b == b'/' || b == b'\\')
            .map_or(0, |i| i + 1);
        let name = &self.path[start..];
        &name[..name.len().saturating_sub(3)]
    }

    /// The file name without `.md`, lower-cased.
    pub fn stem(&self) -> String {
        self.file_stem().to_ascii_lowercase()
    }
}

/// A relative target resolved against a folder.
pub(super) struct Resolved<'a> {
    /// The target as parsed.
    pub target: RelativeTarget<'a>,
    /// Its normalised path.
    pub path: String,
    /// Where it leads.
    pub leads: Leads,
}

/// Where a resolved target leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Leads {
    /// To the input page with this index (the first at that path).
    Page(usize),
    /// Out of the input's folders, which says nothing about the input.
    Outside,
    /// To a missing page in a folder of the input.
    Missing,
}

/// Link targets resolved against one folder, kept while the pages checked
/// one after another share it: pages come in walk order, so a folder's pages
/// follow each other, and they link the same pages (every API page its SDK
/// snippets, several times) and the same folders (each its own snippets).
#[derive(Default)]
pub(super) struct Targets<'a> {
    /// The normalised folder the targets below are resolved against.
    folder: String,
    /// Target as written -> its resolution, if a relative `.md` target.
    resolved: FastMap<&'a str, Option<Resolved<'a>>>,
    /// Folder part of a target as written -> that folder, resolved.
    dirs: FastMap<&'a str, String>,
}

impl<'a> Targets<'a> {
    /// The target `written` in a page of the normalised `folder`, resolved;
    /// `None` unless it is a relative `.md` target.
    pub fn get(&mut self, ctx: &Ctx, folder: &str, written: &'a str) -> Option<&Resolved<'a>> {
        if self.folder != folder {
            self.folder.clear();
            self.folder.push_str(folder);
            self.resolved.clear();
            self.dirs.clear();
        }
        let dirs = &mut self.dirs;
        self.resolved
            .entry(written)
            .or_insert_with(|| {
                let target = RelativeTarget::parse(written)?;
                let path = resolve(dirs, folder, &target);
                let leads = match ctx.pages_at(&path) {
                    Some(at) => Leads::Page(at.first),
                    None if ctx.has_dir(parent(&path)) => Leads::Missing,
                    None => Leads::Outside,
                };
                Some(Resolved {
                    target,
                    path,
                    leads,
                })
            })
            .as_ref()
    }
}

/// The normalised path of `target`, resolved against the normalised
/// `folder`. Its folder part is resolved once per folder (in `dirs`) and the
/// file name joined to that: joining onto a normalised folder continues its
/// normalisation, and the file name (it ends in `.md`) is a plain name.
fn resolve<'a>(
    dirs: &mut FastMap<&'a str, String>,
    folder: &str,
    target: &RelativeTarget<'a>,
) -> String {
    let mut out = String::with_capacity(folder.len() + target.path.len() + 1);
    if target.path.contains('%') {
        join_normalized_into(&mut out, folder, &target.path.replace("%20", " "));
        return out;
    }
    match target.path.bytes().rposition(|b| b == b'/' || b == b'\\') {
        Some(cut) => {
            let (dir, file) = (&target.path[..cut], &target.path[cut + 1..]);
            let dir = dirs
                .entry(dir)
                .or_insert_with(|| join_normalized(folder, dir));
            join_normalized_into(&mut out, dir, file);
        }
        None => join_normalized_into(&mut out, folder, target.path),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(t: &str) -> Option<(&str, Option<&str>)> {
        RelativeTarget::parse(t).map(|r| (r.path, r.anchor))
    }

    #[test]
    fn only_relative_markdown_targets_parse() {
        assert_eq!(parsed("../a/B.MD#x?y"), Some(("../a/B.MD", Some("x?y"))));
        assert_eq!(parsed(" <c:/x.md> "), Some(("c:/x.md", None)));
        assert_eq!(parsed("a.md?q#x"), Some(("a.md", None)));
        assert_eq!(parsed("a#b:c.md"), None);
        assert_eq!(parsed("x.md#a:b"), Some(("x.md", Some("a:b"))));
        assert_eq!(parsed("ab:x.md"), None);
        assert_eq!(parsed("a/b:x.md"), Some(("a/b:x.md", None)));
        for t in ["https://x/a.md", "/graph/a.md", "#a", "\\a.md", "a.txt", ""] {
            assert_eq!(parsed(t), None, "{t}");
        }
    }
}
