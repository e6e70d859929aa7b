//! `graphdoc`: validate Microsoft Graph style API reference docs and turn
//! them into a model and Rust code.
use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use graphdoc_check::render::{self, Format};
use graphdoc_check::{Code, Config, Diagnostic};
use graphdoc_model::{ModelReport, Span};
use graphdoc_parser::InputError;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// A parse builds millions of small strings and vectors on several threads
/// at once; mimalloc's per-thread pages serve them without the system calls
/// and lock traffic of the system allocator's per-thread heaps.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "graphdoc", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate pages like a linter: TODO placeholders, inconsistencies,
    /// example checks. Exit status: 0 no errors, 1 errors found (or warnings
    /// with `--deny warnings`), 2 usage or I/O failure.
    Check {
        /// Files or folders (walked recursively for .md and .txt, sorted).
        /// A folder's `graphdoc.toml`, if any, configures the files under it.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Fail (exit 1) on warnings too.
        #[arg(long, value_enum, value_name = "KIND")]
        deny: Vec<Deny>,
    },
    /// Print the corpus model (types and operations) of the given pages.
    Model {
        /// Files or folders (walked recursively for .md and .txt, sorted).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ModelFormat::Json)]
        format: ModelFormat,
        /// Print the full model of every page instead of the contract summary.
        #[arg(long)]
        pages: bool,
    },
    /// Write a Rust crate (serde types, typed requests, example tests) for the
    /// given pages. Exit status: 0 written (or already up to date), 1 some input
    /// files could not be read (the crate is written from the others) or
    /// generation failed, 2 usage or I/O failure.
    Generate {
        /// Files or folders (walked recursively for .md and .txt, sorted).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The folder to write the crate to. It is replaced as a whole, so it must
        /// be missing, empty, or an earlier output of `graphdoc generate`.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The crate's package name.
        #[arg(long, value_name = "NAME", default_value = "graphdoc-generated")]
        crate_name: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ModelFormat {
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    /// rustc-like text with source excerpts and a summary.
    Human,
    /// One JSON object: {"diagnostics": [...], "summary": {...}}.
    Json,
    /// SARIF 2.1.0, for code-scanning uploads.
    Sarif,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings fail the run like errors.
    Warnings,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap uses 0 for --help/--version and 2 for usage errors, as the contract does.
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Check {
            paths,
            format,
            deny,
        } => check(&paths, format, deny.contains(&Deny::Warnings)),
        Command::Model {
            paths,
            format: ModelFormat::Json,
            pages,
        } => {
            let (corpus, errors) = graphdoc_parser::load(&paths)?;
            for e in &errors {
                eprintln!("warning: {e}");
            }
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            if pages {
                serde_json::to_writer_pretty(&mut out, &corpus.pages)?;
            } else {
                serde_json::to_writer_pretty(&mut out, &ModelReport::from_corpus(&corpus))?;
            }
            writeln!(out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            paths,
            out,
            crate_name,
        } => generate(&paths, &out, crate_name),
    }
}

/// `graphdoc generate`: load, generate, write atomically into `out`, and
/// print a summary with the generator's notes.
fn generate(paths: &[PathBuf], out: &std::path::Path, crate_name: String) -> Result<ExitCode> {
    use graphdoc_gen::write::{self, Written};
    // The folder is replaced as a whole: never one that holds something else.
    if !write::is_replaceable(out)? {
        anyhow::bail!(
            "refusing to write to {}: it is not empty and not a crate written by graphdoc generate",
            out.display()
        );
    }
    let (corpus, input_errors) = graphdoc_parser::load(paths)?;
    for e in &input_errors {
        eprintln!("warning: {e}");
    }
    let inputs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let options = graphdoc_gen::Options {
        crate_name,
        manifest: graphdoc_gen::ManifestStyle::Standalone,
        regenerate_command: format!(
            "graphdoc generate {} --out {}",
            inputs.join(" "),
            out.display()
        ),
        input_label: inputs.join(", "),
    };
    let generated = match graphdoc_gen::generate(&corpus, &options) {
        Ok(generated) => generated,
        Err(e @ graphdoc_gen::GenError::InvalidCrateName(_)) => return Err(e.into()),
        Err(e) => {
            eprintln!("error: code generation failed: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let written = write::write_crate(out, &generated.files)?;
    let mut stdout = std::io::stdout().lock();
    let mut lines = vec![
        match &written {
            Written::Unchanged => format!(
                "graphdoc: {} is up to date ({} files); nothing written",
                out.display(),
                generated.files.len()
            ),
            Written::Replaced(changes) => format!(
                "graphdoc: wrote {} ({} files, {} changed)",
                out.display(),
                generated.files.len(),
                changes.len()
            ),
        },
        format!(
            "  {} pages: {} structs, {} enums, {} requests for {} operations",
            corpus.pages.len(),
            generated.structs,
            generated.enums,
            generated.requests,
            generated.operations
        ),
        format!(
            "  example tests: {} bodies round-trip ({} excluded), {} requests replay ({} excluded); \
             reasons in tests/examples/cases.rs and replay.rs",
            generated.examples_tested,
            generated.excluded.len(),
            generated.requests_replayed,
            generated.requests_excluded.len()
        ),
    ];
    if let Some(example) = &generated.loopback {
        lines.push(format!("  loopback test: the request at {example}"));
    }
    if !generated.notes.is_empty() {
        lines.push(format!(
            "  {} generator notes (decisions no check diagnostic shows):",
            generated.notes.len()
        ));
    }
    lines.extend(generated.notes.iter().map(|n| format!("note: {n}")));
    for line in lines {
        if let Err(e) = writeln!(stdout, "{line}") {
            // A closed pipe (`graphdoc generate ... | head`) is not a failure.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                break;
            }
            return Err(e.into());
        }
    }
    Ok(if input_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `graphdoc check`: load, run the rules, apply allows and configuration,
/// print, and turn the counts into the exit status.
fn check(paths: &[PathBuf], format: CheckFormat, deny_warnings: bool) -> Result<ExitCode> {
    // A missing PATH or an unusable graphdoc.toml is a usage failure (exit 2).
    let config = Config::load_roots(paths)?;
    let (corpus, input_errors) = graphdoc_parser::load(paths)?;
    // Files that could not be read are findings, so they are reported in
    // every format and fail the run, and can be configured like any code.
    let unreadable = input_errors.iter().map(unreadable).collect();
    let report = graphdoc_check::check_with(&corpus, &config, unreadable);

    let (format, color) = match format {
        CheckFormat::Human => (Format::Human, stdout_wants_color()),
        CheckFormat::Json => (Format::Json, false),
        CheckFormat::Sarif => (Format::Sarif, false),
    };
    let text = render::render(&report, &corpus, format, color);
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`graphdoc check docs | head`) is not a failure of the check.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(e.into());
        }
    }
    let failed = report.summary.errors > 0 || (deny_warnings && report.summary.warnings > 0);
    // The process ends next: freeing every span and string of the corpus
    // one by one would only delay the exit (about 35 ms on the v1.0 corpus).
    std::mem::forget(corpus);
    std::mem::forget(report);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// An input that could not be read, as a diagnostic at its first line.
fn unreadable(e: &InputError) -> Diagnostic {
    let message = match e {
        InputError::Read { source, .. } => format!("cannot read this input: {source}"),
        InputError::NotFound { .. } => "no such file or directory".to_string(),
        InputError::Symlink { .. } => "symbolic link not followed: graphdoc reads only the files and folders under its input paths".to_string(),
    };
    let span = Span {
        file: e.path().display().to_string().into(),
        line: 1,
        column: 1,
        start: 0,
        end: 0,
    };
    Diagnostic::new(Code::UnreadableInput, span, message)
}

/// Colour only on a terminal, and never when `NO_COLOR` is set (no-color.org).
fn stdout_wants_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
