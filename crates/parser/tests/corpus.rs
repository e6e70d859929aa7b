//! The v1.0 corpus (../shared/corpus/graph-docs-v1.0, 3,341 pages), read in
//! place: no panic, no slow page, and at least the counts measured when this
//! test was written (2026-11-23, `graphdoc model` on the same corpus). The
//! floors catch regressions; a better parser only raises the numbers.
use graphdoc_model::{ModelReport, PageKind, TypeKind};
use std::path::Path;
use std::time::{Duration, Instant};

fn corpus_dir() -> Option<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/graph-docs-v1.0");
    dir.is_dir().then_some(dir)
}

#[test]
fn v1_corpus_parses_with_measured_counts() {
    let Some(dir) = corpus_dir() else {
        panic!("the v1.0 corpus is expected at ../shared/corpus/graph-docs-v1.0");
    };
    let (files, errors) = graphdoc_parser::walk(&[&dir]).expect("corpus walks");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(files.len(), 3341, "pages in the corpus");

    // Every page alone, timed: none may take more than 50 ms (a debug build
    // is several times slower than release, so this bound has headroom).
    let mut slowest = (Duration::ZERO, String::new());
    let mut pages = Vec::with_capacity(files.len());
    for f in &files {
        let t = Instant::now();
        let page = graphdoc_parser::parse_page(&f.path, &f.bytes);
        let took = t.elapsed();
        if took > slowest.0 {
            slowest = (took, f.path.clone());
        }
        pages.push(page);
    }
    assert!(
        slowest.0 < Duration::from_millis(50),
        "slowest page {} took {:?}",
        slowest.1,
        slowest.0
    );

    let count = |k: PageKind| pages.iter().filter(|p| p.kind == k).count();
    // Measured: api 2102, resource 1032, enum 142, conceptual 65.
    assert!(
        count(PageKind::Api) >= 2100,
        "api pages {}",
        count(PageKind::Api)
    );
    assert!(
        count(PageKind::Resource) >= 1030,
        "resource pages {}",
        count(PageKind::Resource)
    );
    assert_eq!(
        count(PageKind::Enum),
        142,
        "enum pages (doc_type: enumPageType)"
    );

    let examples: usize = pages.iter().map(|p| p.examples.len()).sum();
    let bodies: usize = pages
        .iter()
        .flat_map(|p| &p.examples)
        .flat_map(|e| e.request.iter().chain(&e.response))
        .filter(|m| m.body.as_ref().is_some_and(|b| b.json.is_some()))
        .count();
    let properties: usize = pages
        .iter()
        .map(|p| p.properties.len() + p.relationships.len())
        .sum();
    let members: usize = pages
        .iter()
        .flat_map(|p| &p.enums)
        .map(|e| e.members.len())
        .sum();
    // Measured: 2595 examples, 2634 parsed JSON bodies, 7331 property rows
    // (7347 until the rows of the five policy definitions' JSON stopped
    // counting as the policies' own), 2589 enum member rows.
    assert!(examples >= 2595, "examples {examples}");
    assert!(bodies >= 2634, "parsed JSON bodies {bodies}");
    assert!(properties >= 7331, "property rows {properties}");
    assert!(members >= 2589, "enum member rows {members}");

    let corpus = graphdoc_parser::corpus::resolve(pages);
    let report = ModelReport::from_corpus(&corpus);
    let with_props = report
        .types
        .iter()
        .filter(|t| t.kind != "enum" && !t.properties.is_empty())
        .count();
    let enums = report.types.iter().filter(|t| t.kind == "enum").count();
    // Measured: 962 types with properties, 318 enums, 3748 operations.
    assert!(with_props >= 962, "types with properties {with_props}");
    assert!(enums >= 318, "enums {enums}");
    assert!(
        report.operations.len() >= 3748,
        "operations {}",
        report.operations.len()
    );

    // Every resource page that names a base type gives it to its type.
    let mut named = 0;
    for page in corpus.pages.iter().filter(|p| p.kind == PageKind::Resource) {
        let (Some(base), Some(name)) = (
            &page.base_type,
            graphdoc_parser::corpus::resource_type_name(page),
        ) else {
            continue;
        };
        named += 1;
        let ty = corpus
            .type_named(&name.value)
            .expect("resource type is registered");
        assert!(
            ty.base.as_deref().is_some_and(
                |b| b.eq_ignore_ascii_case(&graphdoc_model::short_type_name(&base.value))
            ),
            "{}: base {:?}, page names {}",
            page.path,
            ty.base,
            base.value
        );
    }
    eprintln!(
        "corpus: {} pages, slowest {:?} ({}), {examples} examples, {bodies} JSON bodies, {properties} property rows, {members} member rows, {with_props} types with properties, {enums} enums, {} operations, {named} resource pages with a base",
        files.len(),
        slowest.0,
        slowest.1,
        report.operations.len()
    );
    // Measured: 360 resource pages name a base type.
    assert!(named >= 360, "resource pages naming a base {named}");
    // Entities reach `entity` through their chains.
    let user = corpus.type_named("user").expect("user");
    assert_eq!(user.kind, TypeKind::Entity);
    assert_eq!(user.base_chain, ["directoryObject", "entity"]);
}
