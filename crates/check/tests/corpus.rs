//! `graphdoc check` over the v1.0 corpus: the count per code is pinned, so
//! every change in what the rules find is a deliberate, reviewed change of
//! this table, and the findings read against their pages (`reviewed.txt`)
//! stay found or stay gone. Counts last changed 2026-12-06, after the fourth
//! reading (76 fresh findings, 2 false positives, both fixed).
use graphdoc_check::{check, Config};
use std::collections::BTreeMap;
use std::path::Path;

const PINNED: &[(&str, usize)] = &[
    ("api-version-segment", 10),
    ("conflicting-definition", 3),
    ("content-length-mismatch", 170),
    ("empty-description", 14),
    ("example-path-mismatch", 35),
    ("example-type-mismatch", 43),
    ("invalid-enum-value", 24),
    ("invalid-json", 11),
    ("link-type-mismatch", 20),
    ("metadata-missing", 1),
    ("missing-section", 3),
    ("odata-type-mismatch", 4),
    ("parse-problem", 4),
    ("path-convention", 31),
    ("permissions-order", 14),
    ("placeholder-value", 564),
    ("request-response-mismatch", 21),
    ("response-type-mismatch", 4),
    ("timestamp-order", 270),
    ("title-mismatch", 6),
    ("todo-placeholder", 8),
    ("type-name-leak", 8),
    ("type-spelling", 705),
    ("unknown-property", 200),
    ("unknown-type", 2),
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
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| {
            let file = d.span.file.replace('\\', "/");
            let page = file.rsplit("graph-docs-v1.0/").next().unwrap_or(&file);
            format!("{} {page}:{}", d.code.name(), d.span.line)
        })
        .collect();
    let reviewed = include_str!("reviewed.txt");
    let mut read = 0;
    for line in reviewed
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (diagnostic, _why) = line.split_once(" — ").unwrap_or((line, ""));
        let (verdict, diagnostic) = diagnostic.split_once(' ').unwrap_or(("", diagnostic));
        let expected = match verdict {
            "kept" | "wrong" => true,
            "dropped" => false,
            _ => panic!("reviewed.txt: no verdict in {line}"),
        };
        let is_found = found.iter().any(|f| f == diagnostic);
        assert_eq!(is_found, expected, "reviewed as {line}");
        read += 1;
    }
    assert!(read >= 209, "reviewed.txt holds {read} findings");
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
