//! The file set of the generated crate.
//!
//! ```text
//! Cargo.toml
//! src/lib.rs                 crate docs, `pub mod types`, `pub mod requests`, re-exports
//! src/types/mod.rs           `mod x; pub use x::X;` per type
//! src/types/<type>.rs        one struct or enum per file
//! src/requests/mod.rs        the `Request` trait, its errors, `Collection`, and
//!                            `mod x; pub use x::{A, B};` per API page
//! src/requests/<page>.rs     the typed requests of one API page
//! tests/examples/main.rs     the example test target
//! tests/examples/cases.rs    one round-trip test per example body, and the exclusions
//! tests/examples/replay.rs   one test per example request, the loopback test, and the
//!                            exclusions
//! tests/examples/support.rs  the shared checks (only when some test uses them)
//! ```
//!
//! A standalone crate (`graphdoc generate`) pins its dependencies' versions
//! (the workspace's) and declares an empty `[workspace]`, so it builds on its
//! own wherever it is written; the repository's `generated/` inherits the
//! workspace's settings instead.
//!
//! One file per type and per API page keeps modules stable when pages are
//! added: a new page changes only its own files, the files of the types it
//! describes, the `mod.rs` files, and the tests. Every file starts with an `@generated` header naming its
//! source pages and the regenerate command. Files are listed sorted by path
//! and their text depends only on the corpus and the options, so output is
//! byte-identical across runs.
//!
//! Rust files are rendered in parallel, as text laid out the way
//! prettyplease lays out the same tokens (see `text`; prettyplease itself
//! prints what the text writers do not model); the result is sorted by
//! path, so it does not depend on the number of threads.
//! `cargo fmt` would format them
//! differently, so the crate's `lib.rs` and test root mark the generated
//! modules `#[rustfmt::skip]`; those two root files are written so that
//! rustfmt leaves them as they are.
use crate::examples::{self, Examples};
use crate::plan::Plan;
use crate::render::{self, text_file, text_rust_file, tokens_file, Item, RustFile};
use crate::replay::Replays;
use crate::requests::Requests;
use crate::text::Writer;
use crate::{
    enums, request_page, structs, support, text, GenError, GeneratedFile, ManifestStyle, Options,
};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// The serde version a standalone generated crate depends on; kept equal to
/// the workspace's `[workspace.dependencies]` pin (a test checks it).
pub const SERDE_VERSION: &str = "1.0.229";
/// The serde_json version a standalone generated crate depends on.
pub const SERDE_JSON_VERSION: &str = "1.0.154";
/// The http version a standalone generated crate depends on.
pub const HTTP_VERSION: &str = "1.5.0";
/// The percent-encoding version a standalone generated crate depends on.
pub const PERCENT_ENCODING_VERSION: &str = "2.3.2";
/// The ureq version the loopback test of a standalone crate uses.
pub const UREQ_VERSION: &str = "3.5.2";

/// A page path as headers show it: forward slashes, no leading `./`.
pub fn display_path(path: &str) -> String {
    let path: Cow<str> = if path.contains('\\') {
        Cow::Owned(path.replace('\\', "/"))
    } else {
        Cow::Borrowed(path)
    };
    match path.strip_prefix("./") {
        Some(rest) => rest.to_string(),
        None => path.into_owned(),
    }
}

/// Every file of the generated crate, sorted by path.
pub fn files(input: &Input, options: &Options) -> Result<Vec<GeneratedFile>, GenError> {
    // The files of types and pages, and the shared files (the `mod.rs`
    // files and the tests), are rendered side by side and each in parallel
    // itself; the list is sorted by path afterwards, so the output does not
    // depend on the number of threads.
    let (own, shared) = rayon::join(
        || own_files(input, options),
        || shared_files(input, options),
    );
    let mut files = vec![
        text_file(
            "Cargo.toml",
            manifest(options, input.replays.loopback.is_some()),
        ),
        text_file("src/lib.rs", lib_rs(options)),
    ];
    for file in own {
        files.push(file?);
    }
    files.extend(shared?);
    files.sort_by_cached_key(|f| sort_key(&f.path));
    Ok(files)
}

/// A key that orders the generated paths as `Path`s order them (component
/// by component) but compares as bytes: the separator becomes the lowest
/// byte, which no generated name holds, so a folder sorts before any longer
/// name it starts. Comparing `Path`s parses their components every time.
fn sort_key(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('/', "\0")
}

/// One file per type and per API page. Each is written as text, and
/// through tokens only when the text writer does not model a line of it.
fn own_files(input: &Input, options: &Options) -> Vec<Result<GeneratedFile, GenError>> {
    let Input { plan, requests, .. } = input;
    let mut jobs: Vec<Job> = Vec::new();
    for (i, s) in plan.structs.iter().enumerate() {
        let path = format!("src/types/{}.rs", s.module);
        let header = header("//", &pages_of(s.def), options);
        jobs.push(Job::Struct {
            path,
            header,
            index: i,
        });
    }
    for (i, e) in plan.enums.iter().enumerate() {
        let path = format!("src/types/{}.rs", e.module);
        let header = header("//", &pages_of(e.def), options);
        jobs.push(Job::Enum {
            path,
            header,
            index: i,
        });
    }
    for (i, p) in requests.pages.iter().enumerate() {
        let path = format!("src/requests/{}.rs", p.module);
        let header = header("//", &[display_path(&p.page.path)], options);
        jobs.push(Job::Requests {
            path,
            header,
            index: i,
        });
    }
    jobs.into_par_iter()
        .map(|job| match job {
            Job::Struct {
                path,
                header,
                index,
            } => match structs::module_text(plan, index, &header) {
                Some(text) => Ok(text_file(&path, text)),
                None => tokens_file(&path, &header, structs::module(plan, index)),
            },
            Job::Enum {
                path,
                header,
                index,
            } => match enums::module_text(plan, index, &header) {
                Some(text) => Ok(text_file(&path, text)),
                None => tokens_file(&path, &header, enums::module(plan, index)),
            },
            Job::Requests {
                path,
                header,
                index,
            } => {
                let page = &requests.pages[index];
                match request_page::module_text(plan, page, &header) {
                    Some(text) => Ok(text_file(&path, text)),
                    None => tokens_file(&path, &header, request_page::module(plan, page)),
                }
            }
        })
        .collect()
}

/// The `mod.rs` files and the example tests.
fn shared_files(input: &Input, options: &Options) -> Result<Vec<GeneratedFile>, GenError> {
    let Input {
        plan,
        examples,
        requests,
        replays,
    } = input;
    let mut modules: Vec<(&str, &str)> = plan
        .structs
        .iter()
        .map(|s| (s.module.as_str(), s.ident.as_str()))
        .chain(
            plan.enums
                .iter()
                .map(|e| (e.module.as_str(), e.ident.as_str())),
        )
        .collect();
    modules.sort_unstable();
    let all_pages = format!("the pages each module names, under {}", options.input_label);
    let mut files = vec![
        render::file(
            "src/types/mod.rs",
            &header("//", std::slice::from_ref(&all_pages), options),
            types_mod(&modules),
        )?,
        render::file(
            "src/requests/mod.rs",
            &header("//", std::slice::from_ref(&all_pages), options),
            crate::request_mod::file(requests),
        )?,
    ];

    let crate_ident = options.crate_name.replace('-', "_");
    let location_page = |l: &str| {
        l.rsplit_once(':')
            .map_or(l.to_string(), |(p, _)| p.to_string())
    };
    let example_pages: BTreeSet<String> = examples
        .cases
        .iter()
        .map(|c| location_page(&c.location))
        .chain(examples.excluded.iter().map(|e| location_page(&e.example)))
        .collect();
    let example_pages: Vec<String> = example_pages.into_iter().collect();
    let replay_pages: BTreeSet<String> = replays
        .cases
        .iter()
        .map(|c| location_page(&c.location))
        .chain(replays.excluded.iter().map(|e| location_page(&e.example)))
        .collect();
    let replay_pages: Vec<String> = replay_pages.into_iter().collect();
    let parts = support::Parts {
        round_trip: !examples.cases.is_empty(),
        replay: !replays.cases.is_empty(),
        loopback: replays.loopback.is_some(),
    };
    let with_support = parts.round_trip || parts.replay;
    files.push(text_file(
        "tests/examples/main.rs",
        test_main(&header("//", &[all_pages], options), with_support),
    ));
    files.push(render::file(
        "tests/examples/cases.rs",
        &header("//", &example_pages, options),
        examples::cases_module(plan, examples, &crate_ident)?,
    )?);
    files.push(render::file(
        "tests/examples/replay.rs",
        &header("//", &replay_pages, options),
        crate::replay::module(plan, requests, replays, &crate_ident)?,
    )?);
    if with_support {
        files.push(text_rust_file(
            "tests/examples/support.rs",
            &header("//", &[], options),
            &support::module_text(parts, &crate_ident),
        ));
    }
    Ok(files)
}

/// What the files are generated from.
pub struct Input<'a, 'c> {
    /// The types.
    pub plan: &'a Plan<'c>,
    /// The example bodies.
    pub examples: &'a Examples,
    /// The typed requests.
    pub requests: &'a Requests<'c>,
    /// The example requests.
    pub replays: &'a Replays,
}

/// One Rust file to render.
enum Job {
    Struct {
        path: String,
        header: String,
        index: usize,
    },
    Enum {
        path: String,
        header: String,
        index: usize,
    },
    Requests {
        path: String,
        header: String,
        index: usize,
    },
}

fn pages_of(def: &graphdoc_model::TypeDef) -> Vec<String> {
    let pages: BTreeSet<String> = def.sources.iter().map(|s| display_path(&s.page)).collect();
    pages.into_iter().collect()
}

/// The `@generated` header: source pages and the command to regenerate.
fn header(comment: &str, pages: &[String], options: &Options) -> String {
    let mut out = String::with_capacity(
        128 + options.regenerate_command.len() + pages.iter().map(|p| p.len() + 8).sum::<usize>(),
    );
    out.push_str(comment);
    if pages.is_empty() {
        out.push_str(" @generated by graphdoc.\n");
    } else {
        out.push_str(" @generated by graphdoc from:\n");
        for page in pages {
            out.push_str(comment);
            out.push_str("   ");
            out.push_str(page);
            out.push('\n');
        }
    }
    out.push_str(comment);
    out.push_str(" Do not edit by hand: run `");
    out.push_str(&options.regenerate_command);
    out.push_str("`.\n");
    out
}

fn types_mod(modules: &[(&str, &str)]) -> RustFile<'static> {
    // One run of declarations, which files print without blank lines
    // between them, written as one item.
    let mut w = Writer::with_capacity(modules.len() * 96);
    for (module, ident) in modules {
        let module = text::ident(module);
        w.join_line(0, &["mod ", &module, ";"]);
        w.join_line(0, &["pub use ", &module, "::", &text::ident(ident), ";"]);
    }
    let items = if modules.is_empty() {
        Vec::new()
    } else {
        vec![Item::declaration(w.finish().unwrap_or_default())]
    };
    RustFile {
        inner_doc: vec![
            "One module per generated type; every type is re-exported here and at".into(),
            "the crate root.".into(),
        ],
        items,
    }
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The library target, named rather than inferred from `src/lib.rs`: Cargo
/// then reads the manifest, and so loads a workspace this crate belongs to,
/// also in the instant a write moves `src/` (see `write`).
const LIB_SECTION: &str = "[lib]\npath = \"src/lib.rs\"\n";

fn manifest(options: &Options, loopback: bool) -> String {
    let name = toml_string(&options.crate_name);
    let description = toml_string(&format!(
        "Rust types and typed requests generated by graphdoc from {}.",
        options.input_label
    ));
    let header = header("#", &[], options);
    match options.manifest {
        ManifestStyle::Workspace => {
            let dev = if loopback {
                "\n[dev-dependencies]\nureq.workspace = true\n"
            } else {
                ""
            };
            format!(
                "{header}[package]\nname = {name}\ndescription = {description}\n\
                 version.workspace = true\nedition.workspace = true\nlicense.workspace = true\n\
                 rust-version.workspace = true\npublish = false\n\n{LIB_SECTION}\n[dependencies]\n\
                 http.workspace = true\npercent-encoding.workspace = true\n\
                 serde.workspace = true\nserde_json.workspace = true\n{dev}"
            )
        }
        ManifestStyle::Standalone => {
            let dev = if loopback {
                format!(
                    "\n[dev-dependencies]\n\
                     ureq = {{ version = \"{UREQ_VERSION}\", default-features = false }}\n"
                )
            } else {
                String::new()
            };
            format!(
                "{header}[package]\nname = {name}\ndescription = {description}\n\
                 version = \"0.1.0\"\nedition = \"2021\"\nrust-version = \"1.85\"\n\
                 publish = false\n\n{LIB_SECTION}\n[dependencies]\n\
                 http = \"{HTTP_VERSION}\"\n\
                 percent-encoding = \"{PERCENT_ENCODING_VERSION}\"\n\
                 serde = {{ version = \"{SERDE_VERSION}\", features = [\"derive\"] }}\n\
                 serde_json = \"{SERDE_JSON_VERSION}\"\n{dev}\n\
                 # A workspace of its own, also when generated inside another workspace.\n\
                 [workspace]\n"
            )
        }
    }
}

fn lib_rs(options: &Options) -> String {
    let header = header(
        "//",
        &[format!("the pages under {}", options.input_label)],
        options,
    );
    let input = &options.input_label;
    format!(
        r#"{header}
//! Rust types for the API reference pages under `{input}`, generated by graphdoc.
//!
//! - One struct per entity or complex type. Every field is an `Option` that is skipped when
//!   `None`; an explicit `null` and an absent member both read as `None`. Fields are
//!   snake_case, with `#[serde(rename)]` where the JSON name differs. Fields of a generated
//!   struct type are boxed (`Option<Box<T>>`): Graph types nest deeply, and boxing keeps
//!   every struct as large as its own fields.
//! - A type whose base type is generated holds it in a flattened `base` field instead of
//!   repeating its properties. The root of such a chain keeps `@odata.type` in
//!   `odata_type` and every property the docs do not list in `additional`: Graph types
//!   are open, so unknown properties survive a round trip.
//! - One enum per enum type: a variant per documented member and a catch-all variant for
//!   values the docs do not list, so new service values never fail deserialization.
//! - Types that no input page defines are kept as `serde_json::Value`.
//! - `requests`: one struct per operation and path alternative, with its path parameters,
//!   query options and body; each implements `requests::Request` (method, path template,
//!   documented status, body and response types) and builds an `http::Request<Vec<u8>>`
//!   that any HTTP client can send.

#![warn(missing_docs)]

/// One module per generated type.
// Formatted by the generator (prettyplease), not rustfmt: the regenerate check keeps
// these files byte-identical to the generator's output.
#[rustfmt::skip]
pub mod types;

/// One module per API page, with a typed request per operation and path.
#[rustfmt::skip]
pub mod requests;

pub use types::*;
"#
    )
}

fn test_main(header: &str, with_support: bool) -> String {
    let support = if with_support {
        "#[rustfmt::skip]\nmod support;\n"
    } else {
        ""
    };
    format!(
        r#"{header}
//! Example tests: every example body whose documented type is a generated struct
//! deserializes into it and serializes back without losing a property (`cases`), and
//! every example request is rebuilt from its typed request and sends what the example
//! sends (`replay`).

// Formatted by the generator (prettyplease), not rustfmt: the regenerate check keeps
// these files byte-identical to the generator's output.
#[rustfmt::skip]
mod cases;
#[rustfmt::skip]
mod replay;
{support}"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text writers and the tokens give the same file for every type
    /// and page of docs-input: the tokens are the reference layout, and
    /// the text must only ever be a faster way to the same bytes.
    #[test]
    fn text_and_tokens_lay_out_files_alike() {
        let input = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input");
        let (corpus, _) = graphdoc_parser::load(&[input]).expect("docs-input loads");
        let plan = Plan::build(&corpus).expect("docs-input plans");
        let requests = Requests::build(&plan, &corpus).expect("docs-input has requests");
        let same = |path: &str, text: Option<String>, tokens: proc_macro2::TokenStream| {
            let text = text.map(|t| text_file(path, t));
            let tokens = tokens_file(path, "", tokens).expect("the tokens parse");
            assert_eq!(text.as_ref().map_or(&tokens, |t| t), &tokens, "{path}");
            text.is_some()
        };
        let mut written = 0;
        for i in 0..plan.structs.len() {
            written += usize::from(same(
                "struct",
                structs::module_text(&plan, i, ""),
                structs::module(&plan, i),
            ));
        }
        for i in 0..plan.enums.len() {
            written += usize::from(same(
                "enum",
                enums::module_text(&plan, i, ""),
                enums::module(&plan, i),
            ));
        }
        for page in &requests.pages {
            written += usize::from(same(
                "page",
                request_page::module_text(&plan, page, ""),
                request_page::module(&plan, page),
            ));
        }
        assert!(written > 0, "no file was written as text");
    }

    #[test]
    fn standalone_versions_match_the_workspace_pins() {
        let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.toml");
        let text = std::fs::read_to_string(&workspace).expect("workspace Cargo.toml");
        let pinned = |name: &str| {
            text.lines()
                .find(|l| l.starts_with(&format!("{name} =")))
                .and_then(|l| l.split('"').nth(1))
                .map(str::to_string)
        };
        assert_eq!(pinned("serde").as_deref(), Some(SERDE_VERSION));
        assert_eq!(pinned("serde_json").as_deref(), Some(SERDE_JSON_VERSION));
        assert_eq!(pinned("http").as_deref(), Some(HTTP_VERSION));
        assert_eq!(
            pinned("percent-encoding").as_deref(),
            Some(PERCENT_ENCODING_VERSION)
        );
        assert_eq!(pinned("ureq").as_deref(), Some(UREQ_VERSION));
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }

    #[test]
    fn sort_keys_order_paths_as_paths_do() {
        use std::path::PathBuf;
        let mut paths: Vec<PathBuf> = [
            "src/types/mod.rs",
            "src/types_x.rs",
            "src/types/a.rs",
            "src/types-a/b.rs",
            "src/types.rs",
            "Cargo.toml",
            "src/lib.rs",
            "tests/examples/main.rs",
            "tests/examples/cases.rs",
            "src/requests/mod.rs",
            "src/requests/a_b.rs",
            "src/requests/a.rs",
        ]
        .into_iter()
        .map(PathBuf::from)
        .collect();
        let mut by_key = paths.clone();
        by_key.sort_by_cached_key(|p| sort_key(p));
        paths.sort();
        assert_eq!(by_key, paths);
    }

    #[test]
    fn display_paths_use_forward_slashes() {
        assert_eq!(display_path(".\\docs-input\\a.md"), "docs-input/a.md");
        assert_eq!(display_path("./docs-input/a.md"), "docs-input/a.md");
    }
}
