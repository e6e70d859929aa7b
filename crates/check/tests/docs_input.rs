//! The diagnostics of every docs-input page, human and JSON, snapshotted and
//! reviewed; and the acceptance findings asserted at their lines.
use graphdoc_check::{check, render, Config, Report};
use graphdoc_model::Corpus;
use std::path::Path;

fn docs_input() -> (Corpus, Report) {
    // Load with the path relative to the workspace root so `file` reads
    // `docs-input/...` in every output.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::set_current_dir(&root).expect("workspace root");
    let (corpus, errors) = graphdoc_parser::load(&["docs-input"]).expect("docs-input loads");
    assert!(errors.is_empty());
    let report = check(&corpus, &Config::default());
    (corpus, report)
}

#[test]
fn snapshots_per_page() {
    let (corpus, report) = docs_input();
    for page in &corpus.pages {
        let only: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| *d.span.file == *page.path)
            .cloned()
            .collect();
        let page_report = Report::new(only, 1, 0);
        let name = page.path.trim_start_matches("docs-input/");
        insta::assert_snapshot!(
            format!("{name}.human"),
            render::human(&page_report, &corpus, false)
        );
        insta::assert_snapshot!(format!("{name}.json"), render::json(&page_report, &corpus));
    }
}

/// (file, line, code): each acceptance finding of issue 3 at its line.
const EXPECTED: &[(&str, u32, &str)] = &[
    ("create-personresponsibility.md", 59, "link-type-mismatch"),
    ("create-personresponsibility.md", 2, "title-mismatch"),
    ("create-workposition-draft.md", 94, "example-type-mismatch"),
    ("create-workposition-draft.md", 109, "example-type-mismatch"),
    ("create-workposition-draft.md", 144, "example-type-mismatch"),
    ("create-workposition-draft.md", 159, "example-type-mismatch"),
    ("create-workposition-draft.md", 84, "placeholder-value"),
    ("create-workposition-draft.md", 4, "todo-placeholder"),
    ("create-workposition-draft.md", 6, "todo-placeholder"),
    ("create-workposition-draft.md", 22, "todo-placeholder"),
    ("create-workposition-draft.md", 49, "todo-placeholder"),
    ("create-workposition-draft.md", 50, "type-name-leak"),
    ("create-workposition-draft.md", 119, "type-name-leak"),
    ("create-workposition-draft.md", 33, "path-convention"),
    ("create-workposition-draft.md", 49, "type-spelling"),
    ("create-personinterest-draft.md", 74, "api-version-segment"),
    ("create-personinterest-draft.md", 83, "placeholder-value"),
    ("create-personinterest-draft.md", 114, "odata-type-mismatch"),
    ("create-personinterest-draft.md", 146, "timestamp-order"),
    ("create-personinterest-draft.md", 19, "permissions-order"),
    ("create-personinterest-draft.md", 21, "todo-placeholder"),
    ("create-personinterest-draft.md", 23, "todo-placeholder"),
    ("create-personinterest-draft.md", 48, "type-spelling"),
    ("create-personinterest-draft.md", 54, "empty-description"),
    (
        "create-skillproficiency.md",
        167,
        "request-response-mismatch",
    ),
    ("create-workposition-rendered.txt", 139, "placeholder-value"),
    (
        "create-workposition-rendered.txt",
        1,
        "conflicting-definition",
    ),
];

#[test]
fn acceptance_findings_at_their_lines() {
    let (_, report) = docs_input();
    for (file, line, code) in EXPECTED {
        let found = report
            .diagnostics
            .iter()
            .any(|d| d.span.file.ends_with(file) && d.span.line == *line && d.code.name() == *code);
        assert!(found, "expected {code} at {file}:{line}");
    }
    // The clean seed page has no finding but the changed echo.
    let clean: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.span.file.ends_with("create-skillproficiency.md"))
        .map(|d| d.code.name())
        .collect();
    assert_eq!(clean, ["request-response-mismatch"]);
}
