//! The crate generated from docs-input/, as `graphdoc generate docs-input`
//! writes it (standalone manifest): one reviewed snapshot per file, and the
//! counts the acceptance names.
use graphdoc_gen::{generate, Generated, ManifestStyle, Options};
use std::path::{Path, PathBuf};

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input")
}

fn generated() -> Generated {
    let mut names: Vec<String> = std::fs::read_dir(docs_input())
        .expect("docs-input exists")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    // The same page paths `graphdoc_parser::load(&["docs-input"])` gives
    // from the workspace root.
    let pages = names
        .iter()
        .map(|name| {
            let path = docs_input().join(name);
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            graphdoc_parser::parse_page(&format!("docs-input/{name}"), &bytes)
        })
        .collect();
    let corpus = graphdoc_parser::corpus::resolve(pages);
    let options = Options {
        crate_name: "graphdoc-generated".into(),
        manifest: ManifestStyle::Standalone,
        regenerate_command: "graphdoc generate docs-input --out generated".into(),
        input_label: "docs-input".into(),
    };
    generate(&corpus, &options).expect("docs-input generates")
}

#[test]
fn every_generated_file_matches_its_snapshot() {
    let g = generated();
    for file in &g.files {
        let name = file.path.to_string_lossy().replace(['/', '\\'], "__");
        insta::assert_snapshot!(name, file.contents);
    }
}

#[test]
fn requests_replays_and_notes_for_docs_input() {
    let g = generated();
    assert_eq!((g.operations, g.requests), (8, 8));
    assert_eq!((g.examples_tested, g.excluded.len()), (6, 4));
    assert_eq!(g.requests_replayed, 3);
    let excluded: Vec<(&str, &str)> = g
        .requests_excluded
        .iter()
        .map(|e| (e.example.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(
        excluded,
        [
            (
                "docs-input/create-personinterest-draft.md:74 request",
                "allowedAudiences: the placeholder \"String\" stands where a `String` value belongs"
            ),
            (
                "docs-input/create-workposition-draft.md:78 request",
                "the URL has the placeholder `{userId}` where the `userId` value belongs"
            ),
        ]
    );
    assert_eq!(
        g.loopback.as_deref(),
        Some("docs-input/create-personresponsibility.md:71")
    );
    // The two workPosition pages share a title: both are named from their
    // file names, and that decision is a note on each page.
    let notes: Vec<String> = g.notes.iter().map(ToString::to_string).collect();
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert!(notes[0].starts_with("docs-input/create-workposition-draft.md:10:1: "));
    assert!(notes[0].ends_with("named from its file name: CreateWorkpositionDraft"));
    assert!(notes[1].ends_with(
        "named from its file name: CreateWorkpositionRenderedMe, CreateWorkpositionRenderedUsers"
    ));
}
