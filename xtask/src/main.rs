//! Development chores for graphdoc.
//!
//! `cargo xtask regenerate [--check]`: reads `docs-input/`, generates the
//! crate and writes it to `generated/`.
//!
//! `generated/` is owned entirely by the generator: every file in it is
//! generated, and a file the generator no longer produces is stale and gets
//! removed. Nothing outside `generated/` is written, except two scratch
//! folders next to it (`.generated.new`, `.generated.old`) that exist only
//! while a regeneration runs.
//!
//! Writing is atomic at the tree level: the new tree is written to
//! `.generated.new`, then `generated/` is renamed to `.generated.old`, the new
//! tree renamed to `generated/`, and the old one removed. A crash while
//! writing leaves the old tree untouched (the next run removes the partial
//! `.generated.new`). Only a crash in the instant between the two renames
//! leaves no `generated/`; since it is a workspace member, Cargo then cannot
//! load the workspace to run this task, so restore it by hand with
//! `mv .generated.old generated` (a run that finds both folders removes the
//! old one). When the output is already up to date nothing is written, so
//! file times stay and Cargo does not rebuild the crate.
//!
//! Exit codes: 0 done / in sync; 1 `--check` found `generated/` out of date;
//! 2 usage or I/O error, or input that cannot be read.
use anyhow::{bail, Context, Result};
use graphdoc_gen::{GeneratedFile, ManifestStyle, Options};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The input folder, relative to the workspace root.
const INPUT: &str = "docs-input";
/// The generated crate, relative to the workspace root.
const OUTPUT: &str = "generated";
/// Where the new tree is written before the swap.
const NEW_TREE: &str = ".generated.new";
/// Where the old tree waits during the swap.
const OLD_TREE: &str = ".generated.old";
/// The command every generated file names.
const COMMAND: &str = "cargo xtask regenerate";

/// Prints a line to stdout. A closed stdout (`cargo xtask regenerate | head`)
/// is not a failure of the task, so write errors are ignored instead of
/// panicking as `println!` does.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

const USAGE: &str = "\
usage: cargo xtask regenerate [--check]

  regenerate          generate docs-input/ into generated/ (atomic, removes stale files)
  regenerate --check  write nothing; exit 1 and list the differences when generated/
                      is out of date";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["regenerate"] => regenerate(false),
        ["regenerate", "--check"] => regenerate(true),
        ["help" | "--help" | "-h"] => {
            say!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(Outcome::InSync) => ExitCode::SUCCESS,
        Ok(Outcome::OutOfDate) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The outcome of a regeneration.
enum Outcome {
    /// `generated/` matches the generator's output (now, or already).
    InSync,
    /// `--check` found differences.
    OutOfDate,
}

/// The workspace root: this crate's parent folder.
fn workspace_root() -> Result<PathBuf> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .context("xtask's manifest folder has no parent")
}

fn regenerate(check: bool) -> Result<Outcome> {
    let root = workspace_root()?;
    // Page paths end up in file headers; loading `docs-input` relative to the
    // root keeps them the same on every machine.
    std::env::set_current_dir(&root)
        .with_context(|| format!("cannot enter the workspace root {}", root.display()))?;
    if !check {
        recover_interrupted_swap(&root)?;
    }
    let (corpus, unreadable) =
        graphdoc_parser::load(&[INPUT]).with_context(|| format!("cannot read {INPUT}/"))?;
    if !unreadable.is_empty() {
        let list: Vec<String> = unreadable.iter().map(|e| format!("  {e}")).collect();
        bail!("some input files cannot be read:\n{}", list.join("\n"));
    }
    let options = Options {
        crate_name: "graphdoc-generated".into(),
        manifest: ManifestStyle::Workspace,
        regenerate_command: COMMAND.into(),
        input_label: format!("{INPUT}/"),
    };
    let generated = graphdoc_gen::generate(&corpus, &options).context("code generation failed")?;
    say!(
        "graphdoc: {} structs, {} enums, {} files; {} example bodies round-trip, {} excluded",
        generated.structs,
        generated.enums,
        generated.files.len(),
        generated.examples_tested,
        generated.excluded.len()
    );
    let on_disk = read_tree(&root.join(OUTPUT))?;
    let changes = compare(&generated.files, &on_disk);

    if check {
        if changes.is_empty() {
            say!("{OUTPUT}/ is up to date");
            return Ok(Outcome::InSync);
        }
        say!("{OUTPUT}/ is out of date:");
        for change in &changes {
            say!("  {change}");
        }
        say!("run: {COMMAND}");
        return Ok(Outcome::OutOfDate);
    }

    for e in &generated.excluded {
        say!("  not round-tripped: {}: {}", e.example, e.reason);
    }
    if changes.is_empty() {
        say!("{OUTPUT}/ is already up to date; nothing written");
        return Ok(Outcome::InSync);
    }
    write_atomically(&root, &generated.files)?;
    for change in &changes {
        say!("  {change}");
    }
    say!("wrote {OUTPUT}/");
    Ok(Outcome::InSync)
}

/// One difference between the generator's output and `generated/`.
struct Change {
    /// `changed`, `missing` or `stale`.
    what: &'static str,
    /// Relative to `generated/`.
    path: String,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:<8} {OUTPUT}/{}", self.what, self.path)
    }
}

/// Differences, sorted by path: files whose contents differ, files the
/// generator produces that are missing, and files on disk it does not
/// produce (stale).
fn compare(files: &[GeneratedFile], on_disk: &BTreeMap<String, Vec<u8>>) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut expected = BTreeMap::new();
    for file in files {
        let path = slash_path(&file.path);
        match on_disk.get(&path) {
            Some(bytes) if bytes.as_slice() == file.contents.as_bytes() => {}
            Some(_) => changes.push(Change {
                what: "changed",
                path: path.clone(),
            }),
            None => changes.push(Change {
                what: "missing",
                path: path.clone(),
            }),
        }
        expected.insert(path, ());
    }
    for path in on_disk.keys().filter(|p| !expected.contains_key(*p)) {
        changes.push(Change {
            what: "stale",
            path: path.clone(),
        });
    }
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    changes
}

fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every file under `dir` (relative paths with `/`), with its bytes. A
/// missing folder is an empty tree.
fn read_tree(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder)
            .with_context(|| format!("cannot list {}", folder.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", folder.display()))?;
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let bytes =
                std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            let relative = path.strip_prefix(dir).unwrap_or(&path);
            out.insert(slash_path(relative), bytes);
        }
    }
    Ok(out)
}

/// Removes scratch folders of an interrupted run, putting back a tree left
/// in `.generated.old` when `generated/` is missing (reachable when this
/// binary is run directly, without Cargo loading the workspace).
fn recover_interrupted_swap(root: &Path) -> Result<()> {
    let out = root.join(OUTPUT);
    let old = root.join(OLD_TREE);
    let new = root.join(NEW_TREE);
    if old.exists() {
        if out.exists() {
            // The swap completed; only the cleanup was interrupted.
            remove_dir(&old)?;
        } else {
            std::fs::rename(&old, &out).with_context(|| {
                format!("cannot restore {} to {}", old.display(), out.display())
            })?;
            say!("restored {OUTPUT}/ from {OLD_TREE} (an earlier run was interrupted)");
        }
    }
    if new.exists() {
        remove_dir(&new)?;
    }
    Ok(())
}

fn remove_dir(dir: &Path) -> Result<()> {
    std::fs::remove_dir_all(dir).with_context(|| format!("cannot remove {}", dir.display()))
}

/// Writes `files` as the new `generated/` tree (see the crate docs).
fn write_atomically(root: &Path, files: &[GeneratedFile]) -> Result<()> {
    let out = root.join(OUTPUT);
    let new = root.join(NEW_TREE);
    let old = root.join(OLD_TREE);
    for file in files {
        let path = new.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, &file.contents)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    if out.exists() {
        std::fs::rename(&out, &old)
            .with_context(|| format!("cannot move {} aside", out.display()))?;
    }
    if let Err(e) = std::fs::rename(&new, &out) {
        // Put the old tree back so that a failed run changes nothing.
        if old.exists() {
            std::fs::rename(&old, &out)
                .with_context(|| format!("cannot restore {}", out.display()))?;
        }
        return Err(e).with_context(|| format!("cannot move the new tree to {}", out.display()));
    }
    if old.exists() {
        remove_dir(&old)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: PathBuf::from(path),
            contents: contents.into(),
        }
    }

    #[test]
    fn compare_lists_changed_missing_and_stale_files_by_path() {
        let files = [
            file("src/a.rs", "a"),
            file("src/b.rs", "b"),
            file("Cargo.toml", "t"),
        ];
        let on_disk = BTreeMap::from([
            ("src/a.rs".to_string(), b"a".to_vec()),
            ("src/b.rs".to_string(), b"old".to_vec()),
            ("src/old.rs".to_string(), b"x".to_vec()),
        ]);
        let changes: Vec<String> = compare(&files, &on_disk)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            changes,
            [
                "missing  generated/Cargo.toml",
                "changed  generated/src/b.rs",
                "stale    generated/src/old.rs",
            ]
        );
    }

    #[test]
    fn an_identical_tree_has_no_changes() {
        let files = [file("src/a.rs", "a")];
        let on_disk = BTreeMap::from([("src/a.rs".to_string(), b"a".to_vec())]);
        assert!(compare(&files, &on_disk).is_empty());
    }

    #[test]
    fn write_atomically_replaces_the_whole_tree() {
        let root = std::env::temp_dir().join(format!("xtask-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(OUTPUT).join("src")).expect("scratch folder");
        std::fs::write(root.join(OUTPUT).join("src/stale.rs"), "old").expect("stale file");
        write_atomically(&root, &[file("src/lib.rs", "new")]).expect("written");
        let tree = read_tree(&root.join(OUTPUT)).expect("readable");
        assert_eq!(
            tree,
            BTreeMap::from([("src/lib.rs".to_string(), b"new".to_vec())])
        );
        assert!(!root.join(OLD_TREE).exists() && !root.join(NEW_TREE).exists());
        std::fs::remove_dir_all(&root).expect("cleanup");
    }
}
