//! Generates a Rust crate of serde types from a graphdoc [`Corpus`].
//!
//! `model -> plan -> quote/proc-macro2 tokens -> syn::File -> prettyplease`.
//! The `plan` module decides once what every registry type becomes (names,
//! field types, base composition); `structs`, `enums` and `examples` turn the
//! plan into tokens; `output` lays out the files. `naming` and `types` hold
//! the naming and type-mapping rules. See `DESIGN.md`, "Generated code", for
//! the contract.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let (corpus, _unreadable) = graphdoc_parser::load(&["docs-input"])?;
//! let generated = graphdoc_gen::generate(&corpus, &graphdoc_gen::Options::default())?;
//! for file in &generated.files {
//!     println!("{}", file.path.display());
//! }
//! # Ok(())
//! # }
//! ```
mod docs;
mod enums;
mod examples;
mod naming;
mod output;
mod plan;
mod structs;
mod types;

use graphdoc_model::Corpus;
use std::path::PathBuf;

/// How the generated crate's `Cargo.toml` gets its settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ManifestStyle {
    /// A complete crate with its own versions (`graphdoc generate --out DIR`).
    #[default]
    Standalone,
    /// A member of the graphdoc workspace: `version.workspace = true`,
    /// `serde.workspace = true`, ... (the repository's `generated/`).
    Workspace,
}

/// Generation settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The package name of the generated crate (its library is the name with
    /// `-` replaced by `_`).
    pub crate_name: String,
    /// Standalone or workspace-member manifest.
    pub manifest: ManifestStyle,
    /// The command that regenerates the output, named in every file header.
    pub regenerate_command: String,
    /// The input the corpus was read from, as headers and docs name it
    /// (`docs-input/`).
    pub input_label: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            crate_name: "graphdoc-generated".into(),
            manifest: ManifestStyle::Standalone,
            regenerate_command: "graphdoc generate".into(),
            input_label: "the input pages".into(),
        }
    }
}

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the crate root, with `/` separators (`src/types/user.rs`).
    pub path: PathBuf,
    /// The file's text.
    pub contents: String,
}

/// An example body left out of the round-trip tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    /// `docs-input/page.md:82 request`: page, line of the message, direction.
    pub example: String,
    /// Why it is left out.
    pub reason: String,
}

/// The generated crate and what went into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Every file, sorted by path.
    pub files: Vec<GeneratedFile>,
    /// Number of generated structs.
    pub structs: usize,
    /// Number of generated enums.
    pub enums: usize,
    /// Number of example bodies with a round-trip test.
    pub examples_tested: usize,
    /// Example bodies without a test, and why.
    pub excluded: Vec<Exclusion>,
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// Two documented names map to the same Rust name and no rule tells
    /// them apart.
    #[error("{scope}: `{first}` and `{second}` both become the Rust name `{ident}`")]
    NameCollision {
        /// Where (`fields of personInterest`, `type names`, ...).
        scope: String,
        /// The first documented name.
        first: String,
        /// The second documented name.
        second: String,
        /// The Rust name both map to.
        ident: String,
    },
    /// The options name a crate that Cargo would reject.
    #[error("`{0}` is not a valid crate name (use ASCII letters, digits, `-` and `_`, not starting with a digit)")]
    InvalidCrateName(String),
    /// Generated tokens did not parse as Rust: a generator defect.
    #[error("generated code for {path} does not parse: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// The parser's message.
        message: String,
    },
}

/// Generates the crate for `corpus`.
pub fn generate(corpus: &Corpus, options: &Options) -> Result<Generated, GenError> {
    let name = &options.crate_name;
    let valid = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(GenError::InvalidCrateName(name.clone()));
    }
    let plan = plan::Plan::build(corpus)?;
    let examples = examples::collect(&plan, corpus);
    let files = output::files(&plan, corpus, &examples, options)?;
    Ok(Generated {
        files,
        structs: plan.structs.len(),
        enums: plan.enums.len(),
        examples_tested: examples.cases.len(),
        excluded: examples.excluded,
    })
}
