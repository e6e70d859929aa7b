//! `graphdoc model` against the contract in DESIGN.md.
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn graphdoc(args: &[&str]) -> std::process::Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .args(args)
        .current_dir(root)
        .output()
        .expect("graphdoc runs")
}

#[test]
fn model_json_follows_the_contract() {
    let out = graphdoc(&["model", "docs-input", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let model: Value = serde_json::from_slice(&out.stdout).expect("json");
    let types = model["types"].as_array().expect("types");
    for t in types {
        for key in ["name", "namespace", "kind", "base", "properties"] {
            assert!(t.get(key).is_some(), "type without {key}: {t}");
        }
        let kind = t["kind"].as_str().expect("kind");
        assert!(["entity", "complex", "enum"].contains(&kind));
        assert_eq!(
            t.get("members").is_some(),
            kind == "enum",
            "members only for enums: {t}"
        );
        for p in t["properties"].as_array().expect("properties") {
            assert!(p["name"].is_string() && p["type"].is_string() && p["collection"].is_boolean());
        }
    }
    let skill = types
        .iter()
        .find(|t| t["name"] == "skillProficiency")
        .expect("skillProficiency");
    let props = skill["properties"].as_array().expect("props");
    assert_eq!(props.len(), 8);
    let cats = props
        .iter()
        .find(|p| p["name"] == "categories")
        .expect("categories");
    assert_eq!(
        (cats["type"].as_str(), cats["collection"].as_bool()),
        (Some("String"), Some(true))
    );
    let level = types
        .iter()
        .find(|t| t["name"] == "skillProficiencyLevel")
        .expect("enum");
    assert_eq!(level["kind"], "enum");
    assert_eq!(level["members"].as_array().map(Vec::len), Some(6));

    let ops = model["operations"].as_array().expect("operations");
    let skill_ops: Vec<(&str, &str)> = ops
        .iter()
        .filter(|o| {
            o["page"]
                .as_str()
                .is_some_and(|p| p.ends_with("create-skillproficiency.md"))
        })
        .map(|o| {
            (
                o["method"].as_str().unwrap_or(""),
                o["path"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        skill_ops,
        [
            ("POST", "/me/profile/skills"),
            ("POST", "/users/{id | userPrincipalName}/profile/skills")
        ]
    );
    for o in ops {
        for key in ["method", "path", "request_type", "response_type", "page"] {
            assert!(o.get(key).is_some(), "operation without {key}: {o}");
        }
    }
    let first = &ops[0];
    assert!(
        first["page"]
            .as_str()
            .is_some_and(|p| p.starts_with("docs-input/")),
        "page is the path as walked"
    );
}

#[test]
fn missing_path_is_a_usage_failure() {
    let out = graphdoc(&["model", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/dir"));
    let out = graphdoc(&["model"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn output_is_deterministic() {
    let a = graphdoc(&["model", "docs-input"]);
    let b = graphdoc(&["model", "docs-input/"]);
    assert!(a.status.success() && b.status.success());
    let strip = |v: &[u8]| String::from_utf8_lossy(v).replace("docs-input//", "docs-input/");
    assert_eq!(strip(&a.stdout), strip(&b.stdout));
}
