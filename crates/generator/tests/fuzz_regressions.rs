//! Inputs the fuzzer (fuzz/fuzz_targets/pipeline.rs) found crashing the
//! pipeline, kept as regression tests: each runs through parse -> model ->
//! generate exactly as the fuzz target splits it, and must not panic.
use std::path::Path;

#[test]
fn fuzz_finds_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("regressions folder")
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    assert!(!entries.is_empty());
    for entry in entries {
        let data = std::fs::read(entry.path()).expect("readable");
        let (a, b) = match data.iter().position(|&b| b == 0) {
            Some(i) => (&data[..i], &data[i + 1..]),
            None => (&data[..], &data[..0]),
        };
        let pages = vec![
            graphdoc_parser::parse_page("fuzz/api/a.md", a),
            graphdoc_parser::parse_page("fuzz/resources/b.md", b),
        ];
        let corpus = graphdoc_parser::corpus::resolve(pages);
        let _ = graphdoc_gen::generate(&corpus, &graphdoc_gen::Options::default());
    }
}
