//! Generates a Rust crate of serde types and typed requests from a graphdoc
//! [`Corpus`].
//!
//! `model -> plan -> formatted text` (and, for shapes the text writers do
//! not model, `quote tokens -> syn -> prettyplease`, which is the reference
//! layout). The `plan` module decides once what every registry type becomes
//! (names, field types, base composition); `requests` plans one typed
//! request per operation and path alternative; `structs`, `enums`,
//! `request_page`, `request_mod`, `examples` (example bodies), `replay`
//! (example requests), `test_file` and `support` turn the plans into text
//! or tokens; `text` writes text laid out as prettyplease would, `render`
//! joins items into files; `output` lays out the files; [`write`](mod@write)
//! puts them on disk. `naming` and `types` hold the naming and type-mapping
//! rules. See `DESIGN.md`, "Generated code", for the contract.
//!
//! # Where the docs disagree
//!
//! The generator never reads example values to decide a type. Types come
//! from the corpus registry, which merges every description of a type by a
//! documented rule (`graphdoc_parser::corpus`, see ARCHITECTURE.md: the
//! best kind of source for each property, then a readable type, then the
//! majority, then walk order); `graphdoc check` reports those disagreements
//! as `conflicting-definition`. A request's body and response types are the
//! page's own documented types (`Page::request_type`,
//! `Page::response_type`), looked up in that registry. Choices the
//! generator makes itself, which no check diagnostic shows, are returned as
//! [`Note`]s with the place they concern: names renamed because two
//! spellings collide, requests named from the file name because two pages
//! share a title, bases not composed (undefined, an enum, or a cycle),
//! operations listed twice on a page, statuses read from an example.
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
mod render;
mod replay;
mod request_mod;
mod request_page;
mod requests;
mod structs;
mod support;
mod test_file;
mod text;
mod types;
pub mod write;

use graphdoc_model::{Corpus, Span};
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

/// A decision the generator made that no check diagnostic shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The place the decision concerns.
    pub span: Span,
    /// What was decided.
    pub message: String,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.span.file, self.span.line, self.span.column, self.message
        )
    }
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
    /// Operations declared by API pages (one per method and path template).
    pub operations: usize,
    /// Number of typed requests (operations listed twice on a page count once).
    pub requests: usize,
    /// Number of example requests rebuilt by a replay test.
    pub requests_replayed: usize,
    /// Example requests without a replay test, and why.
    pub requests_excluded: Vec<Exclusion>,
    /// The example request the loopback test sends (`page:line`), if any.
    pub loopback: Option<String>,
    /// The generator's own decisions, sorted by place.
    pub notes: Vec<Note>,
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
    // The example bodies and the typed requests depend only on the plan.
    let (examples, requests) = rayon::join(
        || examples::collect(&plan, corpus),
        || requests::Requests::build(&plan, corpus),
    );
    let requests = requests?;
    let replays = replay::collect(&plan, corpus, &requests, &examples);
    let input = output::Input {
        plan: &plan,
        examples: &examples,
        requests: &requests,
        replays: &replays,
    };
    let files = output::files(&input, options)?;
    let mut notes: Vec<Note> = plan.notes.iter().chain(&requests.notes).cloned().collect();
    notes.sort_by(|a, b| {
        (&a.span.file, a.span.line, a.span.column, &a.message).cmp(&(
            &b.span.file,
            b.span.line,
            b.span.column,
            &b.message,
        ))
    });
    notes.dedup();
    Ok(Generated {
        files,
        structs: plan.structs.len(),
        enums: plan.enums.len(),
        examples_tested: examples.cases.len(),
        operations: requests.operations,
        requests: requests.count(),
        requests_replayed: replays.cases.len(),
        loopback: replays
            .loopback
            .and_then(|i| replays.cases.get(i))
            .map(|c| c.location.clone()),
        requests_excluded: replays.excluded,
        excluded: examples.excluded,
        notes,
    })
}
