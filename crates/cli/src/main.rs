//! `graphdoc`: validate Microsoft Graph style API reference docs and turn
//! them into a model and Rust code.
use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use graphdoc_model::ModelReport;
use std::io::Write;
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
