//! `graphdoc check` over the v1.0 corpus: the count per code is pinned, so
//! every change in what the rules find is a deliberate, reviewed change of
//! this table. Counts measured 2026-11-23 after reading samples of every code
//! against the pages (see the precision notes in docs/diagnostics.md).
use graphdoc_check::{check, Config};
use std::collections::BTreeMap;
use std::path::Path;

const PINNED: &[(&str, usize)] = &[
    ("api-version-segment", 10),
    ("conflicting-definition", 8),
    ("content-length-mismatch", 174),
    ("empty-description", 14),
    ("example-path-mismatch", 51),
    ("example-type-mismatch", 55),
    ("invalid-enum-value", 24),
    ("invalid-json", 11),
    ("link-type-mismatch", 20),
    ("metadata-missing", 1),
    ("missing-section", 3),
    ("odata-type-mismatch", 4),
    ("parse-problem", 4),
    ("path-convention", 29),
    ("permissions-order", 23),
    ("placeholder-value", 556),
    ("request-response-mismatch", 22),
    ("response-type-mismatch", 6),
    ("timestamp-order", 272),
    ("title-mismatch", 13),
    ("todo-placeholder", 8),
    ("type-name-leak", 10),
    ("type-spelling", 709),
    ("unknown-property", 221),
    ("unknown-type", 4),
];

#[test]
fn v1_corpus_counts_per_code() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/graph-docs-v1.0");
    assert!(
        dir.is_dir(),
        "the v1.0 corpus is expected at {}",
        dir.display()
    );
    let (corpus, errors) = graphdoc_parser::load(&[&dir]).expect("corpus loads");
    assert!(errors.is_empty());
    let report = check(&corpus, &Config::default());
    let found: BTreeMap<&str, usize> = report
        .summary
        .by_code
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    let pinned: BTreeMap<&str, usize> = PINNED.iter().copied().collect();
    assert_eq!(
        found, pinned,
        "per-code counts changed; review the new findings and update PINNED"
    );
}
