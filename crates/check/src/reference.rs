//! The diagnostics reference page (`docs/diagnostics.md`): every [`Code`]
//! with its severity and meaning, a page that triggers it, what graphdoc
//! prints for that page, and the same page with the defect fixed.
//!
//! This module does no file IO and runs no check: the caller (the `catalog`
//! test of this crate) reads each code's example folders, runs the check and
//! passes the results in as [`CodeExample`]s. The text depends only on its
//! input, so the same examples always give byte-identical output.
use crate::catalog::Code;
use std::fmt::Write;

/// The command that regenerates the reference page, printed in it.
pub const UPDATE_COMMAND: &str =
    "GRAPHDOC_UPDATE_DOCS=1 cargo test -p graphdoc-check --test catalog";

/// One page of an example folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExamplePage {
    /// The path relative to its example folder (`api/create-x.md`); a
    /// trigger page and its fixed version have the same name.
    pub name: String,
    /// The path as graphdoc walked it and prints it
    /// (`examples-catalog/x/trigger/api/create-x.md`).
    pub path: String,
    /// The page text.
    pub text: String,
}

/// One `graphdoc check` run over an example folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExampleRun {
    /// The path given to `graphdoc check`.
    pub input: String,
    /// The pages found there, in walk (sorted) order.
    pub pages: Vec<ExamplePage>,
    /// The human output without colour, as [`crate::render::human`] gives it.
    pub output: String,
}

/// What the reference shows for one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeExample {
    /// The code.
    pub code: Code,
    /// Markdown shown after the meaning (for instance why there is no
    /// trigger page to ship).
    pub note: Option<String>,
    /// The run over the pages that trigger the code; with no pages, its
    /// output is an illustration of the diagnostic.
    pub trigger: ExampleRun,
    /// The run over the same pages with the defect fixed.
    pub clean: ExampleRun,
}

/// Renders the whole reference page. Codes come in catalog order; a code
/// without an entry in `examples` is listed with its meaning only.
pub fn reference_page(examples: &[CodeExample]) -> String {
    let mut out = String::new();
    intro(&mut out);
    index(&mut out);
    for &code in Code::ALL {
        let example = examples.iter().find(|e| e.code == code);
        section(&mut out, code, example);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn intro(out: &mut String) {
    let _ = write!(
        out,
        "<!-- Generated from crates/check/src/catalog.rs and crates/check/examples-catalog/ \
by crates/check/tests/catalog.rs; do not edit. Refresh with: {UPDATE_COMMAND} -->

# graphdoc diagnostics

`graphdoc check PATH...` reads API reference pages and reports what is wrong with them, each \
finding under a stable code. This page lists every code with its severity and meaning, a small \
page that triggers it, what graphdoc prints for that page, and the same page with the defect fixed.

The examples live in [`crates/check/examples-catalog/`](../crates/check/examples-catalog/), one \
folder per code with a `trigger/` and a `clean/` folder, and they are tests: \
`cargo test -p graphdoc-check --test catalog` fails when a trigger folder no longer produces its \
code, when a clean folder produces any diagnostic, when a code has no examples, or when this page \
differs from what the catalog and the examples give. The outputs below were produced by running \
graphdoc from `crates/check`. This page is generated; refresh it with

```sh
{UPDATE_COMMAND}
```

## Severities and exit codes

- **error**: misleads a reader or breaks generated code; `graphdoc check` fails.
- **warning**: worth fixing; fails `graphdoc check` only with `--deny warnings`.

`graphdoc check` exits with

- `0` when there are no error-severity diagnostics (and, with `--deny warnings`, no warnings),
- `1` when there are errors (or warnings with `--deny warnings`),
- `2` on a usage or I/O failure: a PATH that does not exist, an unusable `graphdoc.toml`.

`--format json` prints the same findings as one JSON object and `--format sarif` as SARIF 2.1.0 \
(one rule per code); the codes and severities are the same in every format.

## Allowing a code

On a page, an allow comment allows codes anywhere in that page. Several codes may be listed, \
separated by commas or spaces:

```markdown
<!-- graphdoc-allow: unknown-type, type-spelling -->
```

For a whole folder, put a `graphdoc.toml` at the root of a folder given to `graphdoc check`. It \
applies to every file under that folder; both tables are optional:

```toml
[severity]
content-length-mismatch = \"error\"   # or \"warning\"

[allow]
codes = [\"unknown-type\"]            # allowed everywhere under this folder
```

Unknown code names and severities in `graphdoc.toml` are errors (exit `2`), so a typo never \
silently turns a check off. An allow that suppresses nothing, or a page allow that names no \
code, is itself reported as [`unused-suppression`](#unused-suppression), so stale allows do not \
pile up. Suppressed findings are counted in the summary line (`(1 suppressed)`).

"
    );
}

fn index(out: &mut String) {
    out.push_str("## Codes\n\n| code | severity | meaning |\n|:---|:---|:---|\n");
    for &code in Code::ALL {
        let _ = writeln!(
            out,
            "| [`{name}`](#{name}) | {severity} | {meaning} |",
            name = code.name(),
            severity = code.default_severity().as_str(),
            meaning = table_cell(code.meaning()),
        );
    }
    out.push('\n');
}

fn section(out: &mut String, code: Code, example: Option<&CodeExample>) {
    let severity = code.default_severity().as_str();
    let _ = write!(
        out,
        "## {name}\n\n**Severity:** {severity}\n\n{meaning}\n\n",
        name = code.name(),
        meaning = code.meaning(),
    );
    let Some(example) = example else {
        out.push_str("This code has no example yet.\n\n");
        return;
    };
    if let Some(note) = &example.note {
        out.push_str(note.trim());
        out.push_str("\n\n");
    }
    let trigger = &example.trigger;
    if !trigger.pages.is_empty() {
        let _ = writeln!(out, "**Triggered by** `{}`:\n", trigger.input);
        pages(out, &trigger.pages);
        out.push_str("**graphdoc prints:**\n\n");
    } else {
        out.push_str("**graphdoc prints, for example:**\n\n");
    }
    run_output(out, trigger);
    let clean = &example.clean;
    if clean.pages.is_empty() {
        return;
    }
    if trigger.pages.is_empty() {
        let _ = writeln!(out, "**Clean:** `{}`:\n", clean.input);
        pages(out, &clean.pages);
    } else {
        let _ = writeln!(out, "**The fix** (`{}`):\n", clean.input);
        fix(out, &trigger.pages, &clean.pages);
        out.push_str("<details><summary>The fixed pages</summary>\n\n");
        pages(out, &clean.pages);
        out.push_str("</details>\n\n");
    }
    out.push_str("**graphdoc prints:**\n\n");
    run_output(out, clean);
}

/// Each page under its path, in a fence longer than any it contains.
fn pages(out: &mut String, pages: &[ExamplePage]) {
    for page in pages {
        let lang = if page.name.ends_with(".md") {
            "markdown"
        } else {
            "text"
        };
        let _ = writeln!(out, "`{}`\n", page.path);
        fenced(out, lang, &page.text);
    }
}

/// The command line and its output.
fn run_output(out: &mut String, run: &ExampleRun) {
    let text = format!("$ graphdoc check {}\n{}", run.input, run.output);
    fenced(out, "text", &text);
}

/// What changed from the trigger pages to the clean ones, page by page.
fn fix(out: &mut String, trigger: &[ExamplePage], clean: &[ExamplePage]) {
    for before in trigger {
        match clean.iter().find(|p| p.name == before.name) {
            Some(after) if after.text == before.text => {}
            Some(after) => {
                let _ = writeln!(out, "`{}`\n", before.name);
                let diff = unified_diff(&before.text, &after.text, 2);
                fenced(out, "diff", &diff);
            }
            None => {
                let _ = writeln!(out, "- `{}` is removed.\n", before.name);
            }
        }
    }
    for after in clean
        .iter()
        .filter(|p| !trigger.iter().any(|b| b.name == p.name))
    {
        let _ = writeln!(out, "- `{}` is added (below).\n", after.name);
    }
}

/// `text` in a fenced block whose backtick fence is longer than any
/// backtick run inside it.
fn fenced(out: &mut String, lang: &str, text: &str) {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat((longest + 1).max(3));
    let _ = writeln!(
        out,
        "{fence}{lang}\n{}\n{fence}\n",
        text.trim_end_matches('\n')
    );
}

/// Table cells cannot hold pipes or line breaks.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// One line of a line diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// In both texts: (old index, new index).
    Same(usize, usize),
    /// Only in the old text.
    Removed(usize),
    /// Only in the new text.
    Added(usize),
}

/// A unified diff (`@@ -a,b +c,d @@` hunks with `context` lines around each
/// change) of two texts, by longest common subsequence of their lines.
/// Quadratic in the line counts, which is fine for example pages.
pub fn unified_diff(old: &str, new: &str, context: usize) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = line_ops(&a, &b);
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Same(..)))
        .map(|(i, _)| i)
        .collect();
    // Hunks: ranges of `ops`, changes closer than two contexts merged.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        let start = i.saturating_sub(context);
        let end = (i + context + 1).min(ops.len());
        match hunks.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => hunks.push((start, end)),
        }
    }
    let mut out = String::new();
    for (start, end) in hunks {
        let slice = &ops[start..end];
        // Where the hunk starts in each text: the first line it shows, or
        // (for an empty side) the line before it.
        let old_start = ops[..start]
            .iter()
            .filter(|op| !matches!(op, Op::Added(_)))
            .count();
        let new_start = ops[..start]
            .iter()
            .filter(|op| !matches!(op, Op::Removed(_)))
            .count();
        let old_len = slice
            .iter()
            .filter(|op| !matches!(op, Op::Added(_)))
            .count();
        let new_len = slice
            .iter()
            .filter(|op| !matches!(op, Op::Removed(_)))
            .count();
        let first = |start: usize, len: usize| if len == 0 { start } else { start + 1 };
        let _ = writeln!(
            out,
            "@@ -{},{old_len} +{},{new_len} @@",
            first(old_start, old_len),
            first(new_start, new_len)
        );
        for op in slice {
            let _ = match *op {
                Op::Same(i, _) => writeln!(out, " {}", a[i]),
                Op::Removed(i) => writeln!(out, "-{}", a[i]),
                Op::Added(j) => writeln!(out, "+{}", b[j]),
            };
        }
    }
    out
}

/// The edit script from `a` to `b`: a longest common subsequence kept,
/// removals before additions where both happen at one place.
fn line_ops(a: &[&str], b: &[&str]) -> Vec<Op> {
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::with_capacity(a.len().max(b.len()));
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push(Op::Same(i, j));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(Op::Removed(i));
            i += 1;
        } else {
            ops.push(Op::Added(j));
            j += 1;
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shows_changed_lines_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\n";
        let new = "a\nb\nc\nD\ne\nf\ng\n";
        assert_eq!(
            unified_diff(old, new, 2),
            "@@ -2,5 +2,5 @@\n b\n c\n-d\n+D\n e\n f\n"
        );
    }

    #[test]
    fn diff_of_an_insertion_and_a_removal() {
        assert_eq!(
            unified_diff("a\nb\n", "x\na\nb\n", 1),
            "@@ -1,1 +1,2 @@\n+x\n a\n"
        );
        assert_eq!(
            unified_diff("a\nb\nc\n", "a\nc\n", 0),
            "@@ -2,1 +1,0 @@\n-b\n"
        );
        assert_eq!(unified_diff("same\n", "same\n", 2), "");
    }

    #[test]
    fn close_changes_share_a_hunk() {
        let diff = unified_diff("1\n2\n3\n4\n5\n", "1\nX\n3\nY\n5\n", 1);
        assert_eq!(diff, "@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n-4\n+Y\n 5\n");
    }

    #[test]
    fn fences_outgrow_their_content() {
        let mut out = String::new();
        fenced(&mut out, "markdown", "```http\nGET /me\n```\n");
        assert_eq!(out, "````markdown\n```http\nGET /me\n```\n````\n\n");
    }

    #[test]
    fn every_code_is_listed_even_without_examples() {
        let page = reference_page(&[]);
        for code in Code::ALL {
            assert!(page.contains(&format!("\n## {}\n", code.name())), "{code}");
            assert!(
                page.contains(&format!("[`{0}`](#{0})", code.name())),
                "{code}"
            );
        }
        assert!(page.ends_with('\n') && !page.ends_with("\n\n"));
    }
}
