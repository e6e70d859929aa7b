//! Validates a graphdoc [`Corpus`]: TODO placeholders, inconsistencies and
//! example checks, each a [`Diagnostic`] with a stable [`Code`] and a span.
//!
//! One module per rule family under [`rules`]; [`suppress`] applies page
//! allow comments and `graphdoc.toml`; [`render`] prints human, JSON and
//! SARIF output.

pub mod catalog;
pub mod config;
pub mod diagnostic;
pub mod reference;
pub mod render;
pub mod rules;
pub mod suppress;

pub use catalog::{Code, Severity};
pub use config::{Config, ConfigError};
pub use diagnostic::Diagnostic;

use graphdoc_model::Corpus;
use serde::Serialize;
use std::collections::BTreeMap;

/// The outcome of a check run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Diagnostics sorted by file, position and code.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts.
    pub summary: Summary,
}

/// Counts of a check run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Pages checked.
    pub files: usize,
    /// Error-severity diagnostics.
    pub errors: usize,
    /// Warning-severity diagnostics.
    pub warnings: usize,
    /// Diagnostics suppressed by allow comments or configuration.
    pub suppressed: usize,
    /// Diagnostics per code name.
    pub by_code: BTreeMap<String, usize>,
}

impl Report {
    /// Builds a report from diagnostics: sorts them and counts.
    pub fn new(mut diagnostics: Vec<Diagnostic>, files: usize, suppressed: usize) -> Report {
        diagnostics.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then_with(|| a.message.cmp(&b.message))
        });
        diagnostics.dedup();
        let mut summary = Summary {
            files,
            suppressed,
            ..Summary::default()
        };
        for d in &diagnostics {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
            }
            *summary
                .by_code
                .entry(d.code.name().to_string())
                .or_default() += 1;
        }
        Report {
            diagnostics,
            summary,
        }
    }
}

/// Runs every rule over the corpus and applies suppressions and configuration.
pub fn check(corpus: &Corpus, config: &Config) -> Report {
    check_with(corpus, config, Vec::new())
}

/// Like [`check`], with findings made outside the rules (files that could
/// not be read) suppressed and counted like the rest.
pub fn check_with(corpus: &Corpus, config: &Config, extra: Vec<Diagnostic>) -> Report {
    let mut found = rules::run(corpus);
    found.extend(extra);
    let (kept, suppressed) = suppress::apply(found, corpus, config);
    Report::new(kept, corpus.pages.len(), suppressed)
}
