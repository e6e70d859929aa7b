//! `cargo xtask bench [--corpus DIR] [--runs N]`: how long graphdoc takes
//! over a corpus, next to a bare pulldown-cmark pass over the same files.
//!
//! Stages, each measured end to end from the files on disk (every stage
//! walks and reads the files itself; nothing is kept in memory between
//! stages):
//!
//! - `floor`: list the files, read each one and iterate every pulldown-cmark
//!   event with the options the parser uses (tables on), one thread;
//! - `model`: [`graphdoc_parser::load`]: walk, read, parse in parallel
//!   (rayon, all cores), resolve the corpus;
//! - `check`: the model, then the rules and suppression
//!   ([`graphdoc_check::check_with`] with the roots' `graphdoc.toml`), which
//!   is `graphdoc check` without printing;
//! - `graphdoc check`: the release binary, `target/release/graphdoc check
//!   PATHS --format json > /dev/null`, as a subprocess (when it is built);
//! - `generate`: the model, then [`graphdoc_gen::generate`] in memory (no
//!   writing).
//!
//! Every run of every stage is a fresh child process (this binary re-run
//! with the hidden `__bench-stage` subcommand), so stages do not inflate each
//! other's memory: the child times its stage and reads its peak resident set
//! (`VmHWM` in `/proc/self/status`) at the end. The clock stops when the
//! stage's result exists (the model, the report, the generated files); the
//! child then exits without freeing it, as a command-line tool may. The
//! binary line is timed from spawn to exit, so it includes graphdoc's own
//! start-up, rendering, output and teardown; its peak comes from
//! `getrusage(RUSAGE_CHILDREN)`. Beside the time, each run reports its CPU
//! time (user plus system, from `getrusage`): the work a stage does, which a
//! busy machine disturbs less than the clock. One warm-up run of every stage comes first,
//! so the OS page cache is warm for all of them; then `--runs` rounds (5 by
//! default) run the stages in turn, and the table shows the median time and
//! the largest peak.
//!
//! The same is done for the first half of the files (sorted) to show how time
//! grows with the corpus.
//!
//! A debug build of this task re-runs itself with `cargo run --release`, so
//! the numbers are always of optimised code.
use anyhow::{bail, Context, Result};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The corpus benchmarked by default, relative to the workspace root.
const DEFAULT_CORPUS: &str = "../shared/corpus/graph-docs-v1.0";

/// The hidden subcommand that runs one stage in a child process.
pub const STAGE_COMMAND: &str = "__bench-stage";

const USAGE: &str = "\
usage: cargo xtask bench [--corpus DIR] [--runs N]

  --corpus DIR  pages to benchmark (default: ../shared/corpus/graph-docs-v1.0
                next to the workspace)
  --runs N      measured runs per stage, after one warm-up run (default: 5)";

macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Entry point for `bench ARGS` and `__bench-stage ARGS`.
pub fn main(command: &str, args: &[&str]) -> ExitCode {
    let result = if command == STAGE_COMMAND {
        stage_main(args)
    } else {
        bench_main(args)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------------------
// The parent: runs the children and prints the tables.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Floor,
    Model,
    Check,
    Binary,
    Generate,
}

impl Stage {
    const ALL: [Stage; 5] = [
        Stage::Floor,
        Stage::Model,
        Stage::Check,
        Stage::Binary,
        Stage::Generate,
    ];

    fn name(self) -> &'static str {
        match self {
            Stage::Floor => "floor",
            Stage::Model => "model",
            Stage::Check => "check",
            Stage::Binary => "binary",
            Stage::Generate => "generate",
        }
    }

    fn from_name(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.name() == name)
    }

    fn label(self) -> &'static str {
        match self {
            Stage::Floor => "floor",
            Stage::Model => "model",
            Stage::Check => "check",
            Stage::Binary => "`graphdoc check`",
            Stage::Generate => "generate",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Stage::Floor => "read + pulldown-cmark events (tables on), 1 thread",
            Stage::Model => "walk + read + parse (rayon) + resolve",
            Stage::Check => "model + rules + suppression (no printing)",
            Stage::Binary => "release binary, `--format json > /dev/null`",
            Stage::Generate => "model + generate in memory (no writing)",
        }
    }

    /// The acceptance limit, as a ratio to the floor.
    fn limit(self) -> Option<f64> {
        match self {
            Stage::Model => Some(1.5),
            Stage::Check => Some(2.0),
            Stage::Generate => Some(3.0),
            Stage::Floor | Stage::Binary => None,
        }
    }
}

/// What one child run reports.
#[derive(Clone)]
struct Sample {
    time: Duration,
    /// User plus system time of the stage's process (for the binary line,
    /// of the binary): the work done, whatever the other cores were doing.
    cpu: Option<Duration>,
    peak_kib: Option<u64>,
    note: String,
}

/// The measurements of one stage over one input set.
struct Row {
    stage: Stage,
    samples: Vec<Sample>,
}

impl Row {
    fn median(&self) -> Duration {
        let mut t: Vec<Duration> = self.samples.iter().map(|s| s.time).collect();
        t.sort();
        let n = t.len();
        if n % 2 == 1 {
            t[n / 2]
        } else {
            (t[n / 2 - 1] + t[n / 2]) / 2
        }
    }

    fn spread(&self) -> (Duration, Duration) {
        let times = self.samples.iter().map(|s| s.time);
        (
            times.clone().min().unwrap_or_default(),
            times.max().unwrap_or_default(),
        )
    }

    /// The median CPU time, when every run reported one.
    fn median_cpu(&self) -> Option<Duration> {
        let mut t: Vec<Duration> = self.samples.iter().map(|s| s.cpu).collect::<Option<_>>()?;
        t.sort();
        let n = t.len();
        match n {
            0 => None,
            _ if n % 2 == 1 => Some(t[n / 2]),
            _ => Some((t[n / 2 - 1] + t[n / 2]) / 2),
        }
    }

    fn peak_kib(&self) -> Option<u64> {
        self.samples.iter().filter_map(|s| s.peak_kib).max()
    }
}

/// One input set: a label, the paths handed to every stage, its size.
struct InputSet {
    title: String,
    paths: Vec<PathBuf>,
    files: usize,
    bytes: u64,
}

fn bench_main(args: &[&str]) -> Result<()> {
    let mut corpus: Option<PathBuf> = None;
    let mut runs: usize = 5;
    let mut it = args.iter();
    while let Some(&arg) = it.next() {
        match arg {
            "--corpus" => corpus = Some(it.next().context(USAGE)?.into()),
            "--runs" => {
                runs = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .context(USAGE)?
            }
            "help" | "--help" | "-h" => {
                say!("{USAGE}");
                return Ok(());
            }
            _ => bail!("unknown argument `{arg}`\n{USAGE}"),
        }
    }
    if cfg!(debug_assertions) {
        return rerun_in_release(args);
    }
    let root = crate::workspace_root()?;
    let corpus = corpus.unwrap_or_else(|| root.join(DEFAULT_CORPUS));
    if !corpus.is_dir() {
        bail!("{} is not a folder (use --corpus DIR)", corpus.display());
    }
    let shown = display_path(&corpus, &root);
    let binary = root.join("target/release/graphdoc");
    let binary = binary.is_file().then_some(binary);

    let files = list_files(std::slice::from_ref(&corpus))?;
    if files.is_empty() {
        bail!("no .md or .txt files under {}", corpus.display());
    }
    let size = |files: &[PathBuf]| -> Result<u64> {
        files
            .iter()
            .map(|f| Ok(std::fs::metadata(f)?.len()))
            .sum::<std::io::Result<u64>>()
            .context("cannot read file sizes")
    };
    let half = &files[..files.len() / 2];
    let sets = [
        InputSet {
            title: format!("Whole corpus: `{shown}`"),
            paths: vec![corpus.clone()],
            files: files.len(),
            bytes: size(&files)?,
        },
        InputSet {
            title: "First half of the files (sorted), named one by one".to_string(),
            paths: half.to_vec(),
            files: half.len(),
            bytes: size(half)?,
        },
    ];
    let stages: Vec<Stage> = Stage::ALL
        .into_iter()
        .filter(|&s| s != Stage::Binary || binary.is_some())
        .collect();

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    say!(
        "graphdoc bench: {shown}, release build, {cores} cores ({} rayon threads), \
         {runs} runs per stage after one warm-up run (page cache warm), median",
        rayon::current_num_threads()
    );
    let mut results: Vec<Vec<Row>> = Vec::new();
    for set in &sets {
        eprint!("{}: warm-up", set.title);
        for &stage in &stages {
            run_stage(stage, &set.paths, binary.as_deref())?;
        }
        let mut rows: Vec<Row> = stages
            .iter()
            .map(|&stage| Row {
                stage,
                samples: Vec::new(),
            })
            .collect();
        for run in 1..=runs {
            eprint!(", run {run}");
            for row in &mut rows {
                let sample = run_stage(row.stage, &set.paths, binary.as_deref())?;
                row.samples.push(sample);
            }
        }
        eprintln!();
        results.push(rows);
    }

    let mut out = String::new();
    for (set, rows) in sets.iter().zip(&results) {
        table(&mut out, set, rows);
    }
    growth(&mut out, &sets, &results);
    acceptance(&mut out, &results[0]);
    if binary.is_none() {
        out.push_str(
            "\n(`target/release/graphdoc` is not built, so the binary line is left out; \
             `cargo build --release` adds it.)\n",
        );
    }
    say!("{out}");
    Ok(())
}

/// `cargo run --release -p xtask -- bench ARGS` with this task's arguments,
/// after building the release `graphdoc` binary so that its line is of the
/// current sources.
fn rerun_in_release(args: &[&str]) -> Result<()> {
    // The current folder stays, so that a relative `--corpus` keeps its
    // meaning; cargo finds the workspace from anywhere inside it.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("bench: building graphdoc and the benchmark in release mode");
    let built = Command::new(&cargo)
        .args(["build", "--release", "--quiet", "--package", "graphdoc"])
        .status()
        .context("cannot run cargo")?;
    if !built.success() {
        eprintln!("bench: the graphdoc binary did not build; its line may be stale or missing");
    }
    let status = Command::new(cargo)
        .args([
            "run",
            "--release",
            "--quiet",
            "--package",
            "xtask",
            "--",
            "bench",
        ])
        .args(args)
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("the release benchmark failed ({status})");
    }
    Ok(())
}

/// The corpus path as the tables show it: relative to the current folder or
/// the workspace root when it is below one (`../shared/...`).
fn display_path(path: &Path, root: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    cwd.as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .or_else(|| path.strip_prefix(root).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Runs one stage once in a child process.
fn run_stage(stage: Stage, paths: &[PathBuf], binary: Option<&Path>) -> Result<Sample> {
    let exe = std::env::current_exe().context("cannot find the xtask binary")?;
    let mut cmd = Command::new(exe);
    cmd.arg(STAGE_COMMAND).arg(stage.name());
    if let Some(binary) = binary {
        cmd.arg("--binary").arg(binary);
    }
    cmd.arg("--").args(paths);
    let out = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run a benchmark stage")?;
    if !out.status.success() {
        bail!("stage {} failed ({})", stage.name(), out.status);
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().last().unwrap_or("");
    let mut parts = line.splitn(4, '\t');
    let (Some(nanos), Some(cpu), Some(peak), Some(note)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        bail!("stage {} printed `{line}`", stage.name());
    };
    Ok(Sample {
        time: Duration::from_nanos(nanos.parse().context("bad stage time")?),
        cpu: cpu.parse().ok().map(Duration::from_nanos),
        peak_kib: peak.parse().ok(),
        note: note.to_string(),
    })
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or("n/a".to_string(), |k| {
        format!("{:.1} MiB", k as f64 / 1024.0)
    })
}

fn table(out: &mut String, set: &InputSet, rows: &[Row]) {
    let floor = rows[0].median().as_secs_f64();
    let _ = writeln!(
        out,
        "\n### {}: {} files, {:.1} MiB\n",
        set.title,
        set.files,
        set.bytes as f64 / (1024.0 * 1024.0)
    );
    let floor_cpu = rows[0].median_cpu().map(|d| d.as_secs_f64());
    out.push_str(
        "| stage | what it does | median | × floor | min–max | CPU | CPU × floor | peak RSS | result |\n",
    );
    out.push_str("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
    for row in rows {
        let median = row.median();
        let (min, max) = row.spread();
        let cpu = row.median_cpu();
        let cpu_ratio = match (cpu, floor_cpu) {
            (Some(c), Some(f)) if f > 0.0 => format!("{:.2}", c.as_secs_f64() / f),
            _ => "n/a".to_string(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} | {:.0}–{:.0} ms | {} | {cpu_ratio} | {} | {} |",
            row.stage.label(),
            row.stage.what(),
            ms(median),
            median.as_secs_f64() / floor,
            min.as_secs_f64() * 1000.0,
            max.as_secs_f64() * 1000.0,
            cpu.map_or("n/a".to_string(), ms),
            mib(row.peak_kib()),
            row.samples.last().map_or("", |s| s.note.as_str()),
        );
    }
}

fn growth(out: &mut String, sets: &[InputSet], results: &[Vec<Row>]) {
    let (whole, half) = (&sets[0], &sets[1]);
    let _ = writeln!(
        out,
        "\n### Growth: whole corpus against its first half ({:.2}× the files, {:.2}× the bytes)\n",
        whole.files as f64 / half.files as f64,
        whole.bytes as f64 / half.bytes as f64
    );
    out.push_str("| stage | half | whole | whole / half |\n|---|---:|---:|---:|\n");
    for (w, h) in results[0].iter().zip(&results[1]) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} |",
            w.stage.label(),
            ms(h.median()),
            ms(w.median()),
            w.median().as_secs_f64() / h.median().as_secs_f64()
        );
    }
}

fn acceptance(out: &mut String, rows: &[Row]) {
    let floor = rows[0].median().as_secs_f64();
    let floor_best = rows[0].spread().0.as_secs_f64();
    out.push_str(
        "\nAcceptance (whole corpus, this run; medians, and in brackets the fastest \
         runs, which show less of a noisy machine):\n\n",
    );
    let mut ratio_line = |name: &str, ratio: f64, best: f64, limit: f64| {
        let _ = writeln!(
            out,
            "- {name} {ratio:.2}× the floor [{best:.2}×] (limit {limit:.1}×): {}",
            if ratio <= limit { "holds" } else { "FAILS" }
        );
    };
    for row in rows {
        if let Some(limit) = row.stage.limit() {
            let ratio = row.median().as_secs_f64() / floor;
            let best = row.spread().0.as_secs_f64() / floor_best;
            ratio_line(row.stage.name(), ratio, best, limit);
        }
    }
    // Issue 3: the real `graphdoc check` against twice the floor.
    if let Some(binary) = rows.iter().find(|r| r.stage == Stage::Binary) {
        let ratio = binary.median().as_secs_f64() / floor;
        let best = binary.spread().0.as_secs_f64() / floor_best;
        ratio_line("`graphdoc check` (binary)", ratio, best, 2.0);
    }
    if let Some(check) = rows.iter().find(|r| r.stage == Stage::Check) {
        let holds = match check.peak_kib() {
            Some(k) if (k as f64) / 1024.0 < 300.0 => "holds",
            Some(_) => "FAILS",
            None => "not measured on this platform",
        };
        let _ = writeln!(
            out,
            "- check peak RSS {} (limit 300 MiB): {holds}",
            mib(check.peak_kib())
        );
    }
}

// ---------------------------------------------------------------------------
// The child: runs one stage and prints `nanoseconds \t peak KiB \t note`.

fn stage_main(args: &[&str]) -> Result<()> {
    let (stage, rest) = args.split_first().context("no stage")?;
    let stage = Stage::from_name(stage).with_context(|| format!("unknown stage {stage}"))?;
    let mut binary = None;
    let mut rest = rest;
    if let ["--binary", path, tail @ ..] = rest {
        binary = Some(PathBuf::from(path));
        rest = tail;
    }
    let paths: Vec<PathBuf> = match rest {
        ["--", paths @ ..] => paths.iter().map(PathBuf::from).collect(),
        _ => bail!("{STAGE_COMMAND}: expected `-- PATHS`"),
    };
    let (time, cpu, peak, note) = match stage {
        Stage::Binary => {
            let binary = binary.context("no --binary")?;
            let start = Instant::now();
            let status = Command::new(&binary)
                .arg("check")
                .args(&paths)
                .args(["--format", "json"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .status()
                .with_context(|| format!("cannot run {}", binary.display()))?;
            let time = start.elapsed();
            // 0: no errors, 1: errors found; both are a completed check.
            let code = match status.code() {
                Some(code @ (0 | 1)) => code,
                _ => bail!("{} check failed ({status})", binary.display()),
            };
            let usage = rusage(Who::Children);
            (
                time,
                usage.map(|u| u.cpu),
                usage.map(|u| u.peak_kib),
                format!("exit status {code}"),
            )
        }
        _ => {
            let start = Instant::now();
            let note = run(stage, &paths)?;
            let time = start.elapsed();
            (time, rusage(Who::Own).map(|u| u.cpu), own_peak_kib(), note)
        }
    };
    let peak = peak.map_or("-".to_string(), |k| k.to_string());
    let cpu = cpu.map_or("-".to_string(), |c| c.as_nanos().to_string());
    say!("{}\t{cpu}\t{peak}\t{note}", time.as_nanos());
    // The stage's result was leaked on purpose (see `run`): exit now.
    std::process::exit(0)
}

/// Runs a stage in this process; returns a short note on what it produced.
/// The result is leaked rather than freed: the clock stops when it exists,
/// and the process exits right after.
fn run(stage: Stage, paths: &[PathBuf]) -> Result<String> {
    match stage {
        Stage::Floor => floor(paths),
        Stage::Model => {
            let corpus = load(paths)?;
            let note = format!(
                "{} pages, {} registry types",
                corpus.pages.len(),
                corpus.types.len()
            );
            std::mem::forget(corpus);
            Ok(note)
        }
        Stage::Check => {
            let config = graphdoc_check::Config::load_roots(paths)?;
            let corpus = load(paths)?;
            let report = graphdoc_check::check_with(&corpus, &config, Vec::new());
            let s = &report.summary;
            let note = format!(
                "{} errors, {} warnings, {} suppressed",
                s.errors, s.warnings, s.suppressed
            );
            std::mem::forget((corpus, report));
            Ok(note)
        }
        Stage::Generate => {
            let corpus = load(paths)?;
            let generated = graphdoc_gen::generate(&corpus, &graphdoc_gen::Options::default())
                .context("generation failed")?;
            let bytes: usize = generated.files.iter().map(|f| f.contents.len()).sum();
            let note = format!(
                "{} files, {:.1} MiB of Rust, {} structs, {} enums",
                generated.files.len(),
                bytes as f64 / (1024.0 * 1024.0),
                generated.structs,
                generated.enums
            );
            std::mem::forget((corpus, generated));
            Ok(note)
        }
        Stage::Binary => unreachable!("run as a subprocess"),
    }
}

fn load(paths: &[PathBuf]) -> Result<graphdoc_model::Corpus> {
    let (corpus, errors) = graphdoc_parser::load(paths)?;
    if let Some(e) = errors.first() {
        bail!("cannot read the corpus: {e}");
    }
    Ok(corpus)
}

/// The floor: every file read and every pulldown-cmark event visited, on one
/// thread, with the options the parser uses.
fn floor(paths: &[PathBuf]) -> Result<String> {
    let options = graphdoc_parser::markdown::options();
    let mut events: u64 = 0;
    let mut files = 0;
    for path in list_files(paths)? {
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        for event in pulldown_cmark::Parser::new_ext(&text, options) {
            std::hint::black_box(&event);
            events += 1;
        }
        files += 1;
    }
    Ok(format!("{files} files, {events} events"))
}

/// The page files under `paths` in the order `graphdoc_parser::walk` reads
/// them: sorted, `.md` and `.txt` below folders, named files as given.
fn list_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        for entry in walkdir::WalkDir::new(p)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = entry?;
            let page = matches!(
                entry.path().extension().and_then(|e| e.to_str()),
                Some("md" | "txt")
            );
            if entry.file_type().is_file() && page {
                out.push(entry.into_path());
            }
        }
    }
    Ok(out)
}

/// This process's peak resident set (`VmHWM`), in KiB; Linux only.
fn own_peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Whose resource use [`rusage`] reads.
#[derive(Clone, Copy)]
enum Who {
    /// This process.
    Own,
    /// The waited-for children of this process.
    Children,
}

/// CPU time and peak resident set from `getrusage`.
#[derive(Clone, Copy)]
struct Usage {
    /// User plus system time.
    cpu: Duration,
    /// `ru_maxrss`, which Linux reports in KiB.
    peak_kib: u64,
}

#[cfg(target_os = "linux")]
fn rusage(who: Who) -> Option<Usage> {
    let who = match who {
        Who::Own => libc::RUSAGE_SELF,
        Who::Children => libc::RUSAGE_CHILDREN,
    };
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(who, &mut usage) };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    (rc == 0).then(|| Usage {
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak_kib: usage.ru_maxrss as u64,
    })
}

#[cfg(not(target_os = "linux"))]
fn rusage(_: Who) -> Option<Usage> {
    None
}
