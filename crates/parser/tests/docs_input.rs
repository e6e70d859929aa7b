//! The model of every docs-input page: outline snapshots (reviewed) and the
//! acceptance facts of each seed page asserted directly.
mod support;

use graphdoc_model::{MessageStart, Page, PageFormat, Primitive, TypeTarget};
use std::path::{Path, PathBuf};

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-input")
}

fn page(name: &str) -> Page {
    let path = docs_input().join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    graphdoc_parser::parse_page(&format!("docs-input/{name}"), &bytes)
}

#[test]
fn outline_snapshots() {
    let mut names: Vec<String> = std::fs::read_dir(docs_input())
        .expect("docs-input exists")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5);
    for name in names {
        insta::assert_snapshot!(name.clone(), support::outline(&page(&name)));
    }
}

#[test]
fn skill_proficiency_operations_and_body() {
    let p = page("create-skillproficiency.md");
    let ops: Vec<(&str, &str)> = p
        .operations
        .iter()
        .map(|o| (o.method.value.as_str(), o.path.template.value.as_str()))
        .collect();
    assert_eq!(
        ops,
        [
            ("POST", "/me/profile/skills"),
            ("POST", "/users/{id | userPrincipalName}/profile/skills")
        ]
    );
    assert_eq!(
        p.operations[1].path.params[0].alternatives,
        ["id", "userPrincipalName"]
    );
    let body = p.request_body.as_ref().expect("request body");
    assert_eq!(body.properties.len(), 8);
    let prof = body
        .properties
        .iter()
        .find(|p| p.name.value == "proficiency")
        .expect("proficiency");
    assert_eq!(prof.type_ref.name, "skillProficiencyLevel");
    assert_eq!(prof.type_ref.target, TypeTarget::Named);
    let values: Vec<&str> = prof
        .possible_values
        .iter()
        .map(|v| v.value.as_str())
        .collect();
    assert_eq!(
        values,
        [
            "elementary",
            "limitedWorking",
            "generalProfessional",
            "advancedProfessional",
            "expert",
            "unknownFutureValue"
        ]
    );
    let cats = body
        .properties
        .iter()
        .find(|p| p.name.value == "categories")
        .expect("categories");
    assert_eq!(
        (cats.type_ref.primitive(), cats.type_ref.collection),
        (Some(Primitive::String), true)
    );
    assert!(body.properties.iter().all(|p| !p.type_ref.name.is_empty()));
    // The permissions come from an INCLUDE.
    let perms = p.permissions.as_ref().expect("permissions");
    assert!(perms.include.as_ref().is_some_and(|i| i
        .target
        .value
        .ends_with("profile-post-skills-permissions.md")));
    // One request/response pair with parsed bodies.
    assert_eq!(p.examples.len(), 1);
    let ex = &p.examples[0];
    let req = ex
        .request
        .as_ref()
        .and_then(|r| r.body.as_ref()?.json.as_ref())
        .expect("request json");
    assert_eq!(
        req.get("proficiency").and_then(|v| v.as_str()),
        Some("generalProfessional")
    );
    let resp = ex
        .response
        .as_ref()
        .and_then(|r| r.body.as_ref()?.json.as_ref())
        .expect("response json");
    assert_eq!(
        resp.get("proficiency").and_then(|v| v.as_str()),
        Some("advancedProfessional")
    );
}

#[test]
fn rendered_workposition_has_the_same_shape() {
    let p = page("create-workposition-rendered.txt");
    assert_eq!(p.format, PageFormat::RenderedText);
    let ops: Vec<(&str, &str)> = p
        .operations
        .iter()
        .map(|o| (o.method.value.as_str(), o.path.template.value.as_str()))
        .collect();
    assert_eq!(
        ops,
        [
            ("POST", "/me/profile/positions"),
            ("POST", "/users/{id | userPrincipalName}/profile/positions")
        ]
    );
    let body = p.request_body.as_ref().expect("request body");
    let rows: Vec<(&str, &str, bool)> = body
        .properties
        .iter()
        .map(|p| {
            (
                p.name.value.as_str(),
                p.type_ref.name.as_str(),
                p.type_ref.collection,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("allowedAudiences", "String", false),
            ("categories", "String", true),
            ("colleagues", "relatedPerson", true),
            ("detail", "positionDetail", false),
            ("inference", "inferenceData", false),
            ("isCurrent", "Boolean", false),
            ("manager", "relatedPerson", false),
            ("source", "personDataSource", false),
        ]
    );
    assert_eq!(p.examples.len(), 1);
    let ex = &p.examples[0];
    let req = ex
        .request
        .as_ref()
        .and_then(|r| r.body.as_ref()?.json.as_ref())
        .expect("request json");
    assert!(req.get("detail").is_some());
    let resp = ex
        .response
        .as_ref()
        .and_then(|r| r.body.as_ref()?.json.as_ref())
        .expect("response json");
    let start = resp
        .get("detail")
        .and_then(|d| d.get("startMonthYear"))
        .expect("startMonthYear");
    assert_eq!(start.as_str(), Some("datetime-value"));
    // The span points at the value's text in the file.
    assert_eq!(&p.source[start.span.range()], "\"datetime-value\"");
}

#[test]
fn responsibility_response_link_text_and_target_disagree() {
    let p = page("create-personresponsibility.md");
    let link = p
        .response
        .as_ref()
        .and_then(|r| r.type_link.as_ref())
        .expect("response link");
    assert_eq!(link.text, "personResponsibility");
    assert_eq!(link.target, "../resources/personannotation.md");
    assert_eq!(
        &p.source[link.span.range()],
        "[personResponsibility](../resources/personannotation.md)"
    );
}

#[test]
fn spans_point_at_their_text() {
    let p = page("create-skillproficiency.md");
    let check = |span: &graphdoc_model::Span, text: &str| {
        assert_eq!(&p.source[span.range()], text, "span {span:?}");
        let line = p
            .source
            .lines()
            .nth(span.line as usize - 1)
            .expect("line exists");
        let col: String = line
            .chars()
            .skip(span.column as usize - 1)
            .take(text.chars().count())
            .collect();
        assert_eq!(col, text, "line:column of {span:?}");
    };
    let title = p.title.as_ref().expect("title");
    assert_eq!(title.value, "Create skillProficiency");
    let fm = p.front_matter_value("title").expect("fm title");
    check(&fm.span, "\"Create skillProficiency\"");
    let op = &p.operations[1];
    check(&op.method.span, "POST");
    check(
        &op.path.template.span,
        "/users/{id | userPrincipalName}/profile/skills",
    );
    check(&op.path.params[0].span, "{id | userPrincipalName}");
    let body = p.request_body.as_ref().expect("body");
    let prof = body
        .properties
        .iter()
        .find(|p| p.name.value == "proficiency")
        .expect("proficiency");
    check(&prof.name.span, "proficiency");
    check(&prof.type_ref.span, "skillProficiencyLevel");
    check(&prof.possible_values[1].span, "limitedWorking");
    let req = p.examples[0].request.as_ref().expect("request");
    let MessageStart::Request { url, version, .. } = &req.start else {
        panic!("not a request")
    };
    check(
        &url.span,
        "https://graph.microsoft.com/beta/me/profile/skills",
    );
    check(&version.as_ref().expect("version").span, "beta");
    check(&req.headers[0].value.span, "application/json");
    let json = req
        .body
        .as_ref()
        .and_then(|b| b.json.as_ref())
        .expect("json");
    check(
        &json.get("displayName").expect("displayName").span,
        "\"API Design\"",
    );
    let resp = p.examples[0].response.as_ref().expect("response");
    let MessageStart::Response { status, .. } = &resp.start else {
        panic!("not a response")
    };
    check(&status.span, "201");
    let ann = resp
        .annotation
        .as_ref()
        .and_then(|a| a.odata_type.as_ref())
        .expect("odata");
    check(&ann.span, "\"microsoft.graph.skillProficiency\"");
}

#[test]
fn corpus_model_snapshot() {
    let (corpus, errors) = graphdoc_parser::load(&[docs_input()]).expect("docs-input loads");
    assert!(errors.is_empty());
    let mut report = graphdoc_model::ModelReport::from_corpus(&corpus);
    // Paths as walked start with the absolute checkout path; keep the snapshot portable.
    let root = docs_input().display().to_string();
    for t in &mut report.types {
        for p in &mut t.pages {
            *p = p.replace(&root, "docs-input");
        }
    }
    for o in &mut report.operations {
        o.page = o.page.replace(&root, "docs-input");
    }
    insta::assert_json_snapshot!("docs_input_model", report);
}
