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
    }
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
