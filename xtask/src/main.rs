//! Development chores for graphdoc.
//!
//! `cargo xtask regenerate [--check]`: reads `docs-input/`, generates the
//! crate and writes it to `generated/`.
//!
//! `generated/` is owned entirely by the generator: every file in it is
//! generated, and a file the generator no longer produces is stale and gets
//! removed. Writing goes through [`graphdoc_gen::write`]: a journal inside
//! `generated/` that a killed run leaves either with the old tree (and a
//! partial `.graphdoc-new/`, which the next run removes) or mid-swap for a
//! few renames, which the next run finishes. `generated/Cargo.toml` is
//! never missing, so Cargo can always load the workspace to run this task.
//! When the output is already up to date nothing is written, so file times
//! stay and Cargo does not rebuild the crate.
//!
//! Exit codes: 0 done / in sync; 1 `--check` found `generated/` out of date;
//! 2 usage or I/O error, or input that cannot be read.
mod bench;

use anyhow::{bail, Context, Result};
use graphdoc_gen::write::{self, Recovery, Written};
use graphdoc_gen::{ManifestStyle, Options};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The allocator the `graphdoc` binary uses, so that `bench` measures the
/// library as the binary runs it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The input folder, relative to the workspace root.
const INPUT: &str = "docs-input";
/// The generated crate, relative to the workspace root.
const OUTPUT: &str = "generated";
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
usage: cargo xtask regenerate [--check] [--root DIR]
       cargo xtask bench [--corpus DIR] [--runs N]

  regenerate          generate docs-input/ into generated/ (atomic, removes stale files)
  regenerate --check  write nothing; exit 1 and list the differences when generated/
                      is out of date
  regenerate --root DIR
                      work on DIR/docs-input and DIR/generated instead of this
                      workspace's (another checkout, or a test's copy)
  bench               time floor / model / check / generate over a corpus (release build)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["regenerate", flags @ ..] => match regenerate_flags(flags) {
            Some((check, root)) => regenerate(check, root),
            None => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        },
        [cmd @ ("bench" | bench::STAGE_COMMAND), rest @ ..] => return bench::main(cmd, rest),
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

/// `[--check] [--root DIR]` in any order: whether to check, and the root
/// given. `None` for anything else.
fn regenerate_flags(flags: &[&str]) -> Option<(bool, Option<PathBuf>)> {
    let (mut check, mut root) = (false, None);
    let mut it = flags.iter();
    while let Some(&flag) = it.next() {
        match flag {
            "--check" if !check => check = true,
            "--root" if root.is_none() => root = Some(PathBuf::from(it.next()?)),
            _ => return None,
        }
    }
    Some((check, root))
}

fn regenerate(check: bool, root: Option<PathBuf>) -> Result<Outcome> {
    let root = match root {
        Some(root) => root,
        None => workspace_root()?,
    };
    // Page paths end up in file headers; loading `docs-input` relative to the
    // root keeps them the same on every machine.
    std::env::set_current_dir(&root)
        .with_context(|| format!("cannot enter the workspace root {}", root.display()))?;
    let out = root.join(OUTPUT);
    if !check {
        match write::recover_interrupted(&out)? {
            Recovery::Clean => {}
            Recovery::DiscardedPartial => {
                say!("removed the partial tree an interrupted run left in {OUTPUT}/")
            }
            Recovery::Completed => say!("finished the swap an interrupted run left in {OUTPUT}/"),
        }
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
    // The docs' own findings first: the same summary `graphdoc check` ends with.
    let report = graphdoc_check::check(&corpus, &graphdoc_check::Config::default());
    let summary = graphdoc_check::render::human(&report, &corpus, false);
    let tail: Vec<&str> = summary
        .lines()
        .skip_while(|l| !l.starts_with("graphdoc:"))
        .collect();
    say!("{INPUT}/ diagnostics (run `cargo run -p graphdoc -- check {INPUT}` for each one):");
    for line in tail {
        say!("  {line}");
    }
    let generated = graphdoc_gen::generate(&corpus, &options).context("code generation failed")?;
    say!(
        "graphdoc: {} structs, {} enums, {} requests for {} operations, {} files; \
         {} example bodies round-trip ({} excluded), {} example requests replay ({} excluded)",
        generated.structs,
        generated.enums,
        generated.requests,
        generated.operations,
        generated.files.len(),
        generated.examples_tested,
        generated.excluded.len(),
        generated.requests_replayed,
        generated.requests_excluded.len()
    );

    if check {
        let changes = write::compare(&generated.files, &write::read_tree(&out)?);
        if changes.is_empty() {
            say!("{OUTPUT}/ is up to date");
            return Ok(Outcome::InSync);
        }
        say!("{OUTPUT}/ is out of date:");
        for change in &changes {
            say!("  {:<8} {OUTPUT}/{}", change.kind.as_str(), change.path);
        }
        say!("run: {COMMAND}");
        return Ok(Outcome::OutOfDate);
    }

    for e in &generated.excluded {
        say!("  not round-tripped: {}: {}", e.example, e.reason);
    }
    for e in &generated.requests_excluded {
        say!("  not replayed: {}: {}", e.example, e.reason);
    }
    if let Some(example) = &generated.loopback {
        say!("  loopback test: the request at {example}");
    }
    for note in &generated.notes {
        say!("  note: {note}");
    }
    match write::write_crate(&out, &generated.files)? {
        Written::Unchanged => say!("{OUTPUT}/ is already up to date; nothing written"),
        Written::Replaced(changes) => {
            for change in &changes {
                say!("  {:<8} {OUTPUT}/{}", change.kind.as_str(), change.path);
            }
            say!("wrote {OUTPUT}/");
        }
    }
    Ok(Outcome::InSync)
}
