//! Arbitrary bytes through the whole pipeline in memory: parse -> model ->
//! check -> generate. Any panic, hang or out-of-memory is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Two pages from one input so cross-page rules (conflicts, links,
    // registry merging) run too: split at the first NUL byte.
    let (a, b) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &data[..0]),
    };
    let pages = vec![
        graphdoc_parser::parse_page("fuzz/api/a.md", a),
        graphdoc_parser::parse_page("fuzz/resources/b.md", b),
    ];
    let corpus = graphdoc_parser::corpus::resolve(pages);
    let report = graphdoc_check::check(&corpus, &graphdoc_check::Config::default());
    let _ = graphdoc_check::render::json(&report, &corpus);
    let _ = graphdoc_check::render::human(&report, &corpus, false);
    let _ = graphdoc_gen::generate(&corpus, &graphdoc_gen::Options::default());
});
