//! Every diagnostic code has example pages, and they are tests.
//!
//! `examples-catalog/<code>/trigger/` holds pages that produce the code and
//! nothing else; `examples-catalog/<code>/clean/` holds the same pages with
//! the defect fixed, which produce no diagnostic at all. A code whose trigger
//! cannot be shipped as a file has `examples-catalog/<code>/no-trigger.md`
//! saying why instead of `trigger/`, and a test of its own below.
//!
//! The examples and the catalog make `docs/diagnostics.md`; the last test
//! fails when that page is out of date, and rewrites it with
//! `GRAPHDOC_UPDATE_DOCS=1 cargo test -p graphdoc-check --test catalog`.
use graphdoc_check::reference::{
    reference_page, CodeExample, ExamplePage, ExampleRun, UPDATE_COMMAND,
};
use graphdoc_check::{check, check_with, render, Code, Config, Diagnostic, Report};
use graphdoc_model::{Corpus, Span};
use std::collections::BTreeSet;
use std::path::Path;

/// The example folders, relative to the crate (the tests' working folder).
const CATALOG: &str = "examples-catalog";

/// The file that replaces `trigger/` when no trigger page can be shipped.
const NO_TRIGGER: &str = "no-trigger.md";

/// An optional file of remarks on the code, shown under its meaning.
const NOTE: &str = "note.md";

/// The environment variable that makes the last test write the page.
const UPDATE_ENV: &str = "GRAPHDOC_UPDATE_DOCS";

/// The page that the `unreadable-input` illustration cannot read.
const LOCKED: &str = "docs/api/locked.md";

/// The reference page, relative to the crate.
const REFERENCE: &str = "../../docs/diagnostics.md";

/// Runs from the crate folder, so paths in diagnostics read
/// `examples-catalog/<code>/...` whoever runs the tests.
fn in_crate_dir() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("crate folder");
}

/// The folder of one code's examples of one kind (`trigger` or `clean`).
fn folder(code: Code, kind: &str) -> String {
    format!("{CATALOG}/{}/{kind}", code.name())
}

/// Loads a folder and checks it with the default configuration.
fn run(input: &str) -> (Corpus, Report) {
    let (corpus, errors) = graphdoc_parser::load(&[input]).unwrap_or_else(|e| {
        panic!("{input} does not load ({e}); every code needs {CATALOG}/<code>/trigger/ and clean/")
    });
    assert!(errors.is_empty(), "{input}: unreadable files: {errors:?}");
    let report = check(&corpus, &Config::default());
    (corpus, report)
}

/// The run as the reference shows it: pages and human output.
fn example_run(input: &str, corpus: &Corpus, report: &Report) -> ExampleRun {
    let prefix = format!("{input}/");
    ExampleRun {
        input: input.to_string(),
        pages: corpus
            .pages
            .iter()
            .map(|p| ExamplePage {
                name: p
                    .path
                    .strip_prefix(&prefix)
                    .unwrap_or(&p.path)
                    .replace('\\', "/"),
                path: p.path.replace('\\', "/"),
                text: p.source.clone(),
            })
            .collect(),
        output: render::human(report, corpus, false),
    }
}

/// The illustration of `unreadable-input`: what graphdoc prints for a page
/// it cannot read. The CLI turns read failures into this diagnostic
/// (`crates/cli/src/main.rs`); its tests check the real thing.
fn unreadable_illustration() -> (Corpus, Report) {
    let span = Span {
        file: LOCKED.into(),
        line: 1,
        column: 1,
        start: 0,
        end: 0,
    };
    let d = Diagnostic::new(
        Code::UnreadableInput,
        span,
        "cannot read this input: Permission denied (os error 13)",
    );
    let corpus = Corpus::default();
    let report = check_with(&corpus, &Config::default(), vec![d]);
    (corpus, report)
}

/// Every code's examples, checked, in catalog order.
fn examples() -> Vec<CodeExample> {
    in_crate_dir();
    Code::ALL
        .iter()
        .map(|&code| {
            let read = |file: &str| {
                std::fs::read_to_string(format!("{CATALOG}/{}/{file}", code.name())).ok()
            };
            let no_trigger = read(NO_TRIGGER);
            let notes: Vec<String> = [read(NOTE), no_trigger.clone()]
                .into_iter()
                .flatten()
                .map(|n| n.trim().to_string())
                .collect();
            let note = (!notes.is_empty()).then(|| notes.join("\n\n"));
            let trigger = if code == Code::UnreadableInput && no_trigger.is_some() {
                let (corpus, report) = unreadable_illustration();
                ExampleRun {
                    input: LOCKED.to_string(),
                    ..example_run("", &corpus, &report)
                }
            } else {
                let input = folder(code, "trigger");
                let (corpus, report) = run(&input);
                example_run(&input, &corpus, &report)
            };
            let input = folder(code, "clean");
            let (corpus, report) = run(&input);
            CodeExample {
                code,
                note,
                trigger,
                clean: example_run(&input, &corpus, &report),
            }
        })
        .collect()
}

#[test]
fn every_code_has_examples_and_every_example_folder_is_a_code() {
    in_crate_dir();
    let mut problems = Vec::new();
    for code in Code::ALL {
        let dir = Path::new(CATALOG).join(code.name());
        let trigger = dir.join("trigger").is_dir();
        let note = dir.join(NO_TRIGGER).is_file();
        if !dir.join("clean").is_dir() {
            problems.push(format!("{}: no clean/ folder", dir.display()));
        }
        match (trigger, note) {
            (false, false) => problems.push(format!(
                "{}: no trigger/ folder (or {NO_TRIGGER} saying why there is none)",
                dir.display()
            )),
            (true, true) => problems.push(format!(
                "{}: both trigger/ and {NO_TRIGGER}; keep one",
                dir.display()
            )),
            // Only codes that the page files cannot produce have no trigger.
            (false, true) if *code != Code::UnreadableInput => problems.push(format!(
                "{}: {NO_TRIGGER} but no test for it in tests/catalog.rs",
                dir.display()
            )),
            _ => {}
        }
    }
    let names: BTreeSet<&str> = Code::ALL.iter().map(|c| c.name()).collect();
    for entry in std::fs::read_dir(CATALOG).expect("examples-catalog/ exists") {
        let entry = entry.expect("entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if !names.contains(name.as_str()) {
            problems.push(format!("{CATALOG}/{name}: not a diagnostic code"));
            continue;
        }
        for inner in std::fs::read_dir(entry.path()).expect("code folder") {
            let inner = inner
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned();
            if !["trigger", "clean", NOTE, NO_TRIGGER].contains(&inner.as_str()) {
                problems.push(format!(
                    "{CATALOG}/{name}/{inner}: expected only trigger/, clean/, {NOTE} and {NO_TRIGGER}"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "every code in Code::ALL needs {CATALOG}/<code>/trigger/ and clean/:\n{}",
        problems.join("\n")
    );
}

#[test]
fn triggers_produce_their_code_and_clean_pages_produce_nothing() {
    in_crate_dir();
    let mut problems = Vec::new();
    for &code in Code::ALL {
        let trigger = folder(code, "trigger");
        if Path::new(&trigger).is_dir() {
            let (corpus, report) = run(&trigger);
            let ours = report.diagnostics.iter().filter(|d| d.code == code).count();
            let others: Vec<&str> = report
                .diagnostics
                .iter()
                .filter(|d| d.code != code)
                .map(|d| d.code.name())
                .collect();
            if ours == 0 || !others.is_empty() {
                problems.push(format!(
                    "{trigger}: expected only `{code}` diagnostics, found {ours} `{code}` and {others:?}:\n{}",
                    render::human(&report, &corpus, false)
                ));
            }
        }
        let clean = folder(code, "clean");
        if !Path::new(&clean).is_dir() {
            // Reported by the test of the folders.
            continue;
        }
        let (corpus, report) = run(&clean);
        if !report.diagnostics.is_empty() {
            problems.push(format!(
                "{clean}: expected no diagnostics:\n{}",
                render::human(&report, &corpus, false)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `unreadable-input` has no trigger page; the reader's side is checked
/// here and the diagnostic end to end by the CLI tests.
#[test]
fn unreadable_input_is_reported_by_the_reader() {
    in_crate_dir();
    let (_, report) = unreadable_illustration();
    assert_eq!(report.summary.errors, 1);
    assert_eq!(report.diagnostics[0].code, Code::UnreadableInput);
    if cfg!(target_os = "linux") {
        // Reading /proc/self/mem from offset 0 fails (EIO), even for root.
        let (corpus, errors) = graphdoc_parser::load(&[
            folder(Code::UnreadableInput, "clean"),
            "/proc/self/mem".to_string(),
        ])
        .expect("both paths exist");
        assert_eq!(corpus.pages.len(), 1);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path(), Path::new("/proc/self/mem"));
    }
}

#[test]
fn reference_page_is_up_to_date() {
    let fresh = reference_page(&examples());
    in_crate_dir();
    let path = Path::new(REFERENCE);
    if std::env::var_os(UPDATE_ENV).is_some_and(|v| !v.is_empty()) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create docs/");
        }
        std::fs::write(path, &fresh).expect("write docs/diagnostics.md");
        return;
    }
    // Paths in the outputs use the platform's separator; the page is
    // written with `/`.
    if std::path::MAIN_SEPARATOR != '/' {
        return;
    }
    let Ok(current) = std::fs::read_to_string(path) else {
        panic!("docs/diagnostics.md is missing; write it with:\n\n    {UPDATE_COMMAND}\n");
    };
    if current != fresh {
        let first = current
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| current.lines().count().min(fresh.lines().count()));
        panic!(
            "docs/diagnostics.md is out of date (first difference at line {}); \
             refresh it with:\n\n    {UPDATE_COMMAND}\n",
            first + 1
        );
    }
}
