//! `graphdoc check` against the contract in DESIGN.md: exit codes, the JSON
//! shape, SARIF 2.1.0, `graphdoc.toml`. The fixtures are chosen so the
//! assertions hold for any rule set: a page whose front matter is never
//! closed (always a parse-problem error), an allow comment that can match
//! nothing (always an unused-suppression warning), and otherwise exit codes
//! checked against the run's own summary.
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const CLEAN: &str = "---\ntitle: \"About widgets\"\ndescription: \"What widgets are.\"\nauthor: \"someone\"\nms.localizationpriority: medium\ndoc_type: conceptualPageType\n---\n\n# About widgets\n\nWidgets are small things that hold other things.\n";

/// Front matter that is never closed: the parser reports it, whatever the rules.
const BROKEN: &str = "---\ntitle: \"Broken\"\ndescription: \"never closed\"\n\n# Broken\n\nText.\n";

/// A fresh folder for one test, with `files` written into it.
fn fixture(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("check_cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write fixture");
    }
    dir
}

fn graphdoc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_graphdoc"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("graphdoc runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally, not by a signal")
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn count(report: &Value, key: &str) -> u64 {
    report["summary"][key].as_u64().expect("summary count")
}

fn codes(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect()
}

#[test]
fn json_follows_the_contract() {
    let dir = fixture(
        "json",
        &[("docs/clean.md", CLEAN), ("docs/broken.md", BROKEN)],
    );
    let out = graphdoc(&dir, &["check", "docs", "--format", "json"]);
    let report = json_of(&out);
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        for key in ["code", "severity", "file", "line", "column", "message"] {
            assert!(d.get(key).is_some(), "diagnostic without {key}: {d}");
        }
        assert!(["error", "warning"].contains(&d["severity"].as_str().expect("severity")));
        assert!(d["line"].as_u64().expect("line") >= 1, "{d}");
        assert!(d["column"].as_u64().expect("column") >= 1, "{d}");
        assert!(d["file"].as_str().expect("file").starts_with("docs"), "{d}");
    }
    let broken = diagnostics
        .iter()
        .find(|d| d["code"] == "parse-problem")
        .expect("the unclosed front matter is reported");
    assert_eq!(
        broken["file"],
        Path::new("docs").join("broken.md").display().to_string()
    );
    assert_eq!(broken["severity"], "error");
    for key in ["files", "errors", "warnings", "suppressed", "by_code"] {
        assert!(
            report["summary"].get(key).is_some(),
            "summary without {key}"
        );
    }
    assert_eq!(count(&report, "files"), 2);
    assert_eq!(code(&out), 1, "errors exit 1");
}

#[test]
fn exit_codes_follow_the_counts() {
    let dir = fixture(
        "exit",
        &[
            ("clean.md", CLEAN),
            ("broken.md", BROKEN),
            // Nothing on this page can be a timestamp-order finding.
            (
                "warned.md",
                &format!("{CLEAN}\n<!-- graphdoc-allow: timestamp-order -->\n"),
            ),
        ],
    );
    // Whatever the rules find on a page, the exit status matches its counts.
    for page in ["clean.md", "warned.md", "broken.md"] {
        let out = graphdoc(&dir, &["check", page, "--format", "json"]);
        let report = json_of(&out);
        let errors = count(&report, "errors");
        let warnings = count(&report, "warnings");
        assert_eq!(code(&out), i32::from(errors > 0), "{page}: {report}");
        let denied = graphdoc(
            &dir,
            &["check", page, "--format", "json", "--deny", "warnings"],
        );
        assert_eq!(
            code(&denied),
            i32::from(errors + warnings > 0),
            "{page} with --deny warnings"
        );
    }

    let broken = json_of(&graphdoc(&dir, &["check", "broken.md", "--format", "json"]));
    assert!(codes(&broken).contains(&"parse-problem".to_string()));

    let warned = graphdoc(
        &dir,
        &[
            "check",
            "warned.md",
            "--format",
            "json",
            "--deny",
            "warnings",
        ],
    );
    let report = json_of(&warned);
    let unused = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "unused-suppression")
        .expect("the allow matches nothing");
    assert_eq!(
        (unused["severity"].as_str(), unused["line"].as_u64()),
        (Some("warning"), Some(13))
    );
    assert_eq!(code(&warned), 1);
}

#[test]
fn usage_and_io_failures_exit_2() {
    let dir = fixture("usage", &[("clean.md", CLEAN)]);
    let out = graphdoc(&dir, &["check", "no-such-folder"]);
    assert_eq!(code(&out), 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-folder"), "{stderr}");
    assert!(out.stdout.is_empty());

    for args in [
        &["check"][..],
        &["check", "clean.md", "--format", "xml"],
        &["check", "clean.md", "--deny", "everything"],
    ] {
        assert_eq!(code(&graphdoc(&dir, args)), 2, "{args:?}");
    }
}

#[test]
fn graphdoc_toml_configures_its_folder() {
    let dir = fixture(
        "config",
        &[
            ("docs/broken.md", BROKEN),
            (
                "docs/graphdoc.toml",
                "[allow]\ncodes = [\"parse-problem\", \"timestamp-order\"]\n",
            ),
        ],
    );
    let out = graphdoc(&dir, &["check", "docs", "--format", "json"]);
    let report = json_of(&out);
    assert!(
        !codes(&report).contains(&"parse-problem".to_string()),
        "{report}"
    );
    assert!(count(&report, "suppressed") >= 1);
    // The allow that matched nothing is reported where it is written.
    let unused = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "unused-suppression")
        .expect("timestamp-order allow is unused");
    let toml = Path::new("docs")
        .join("graphdoc.toml")
        .display()
        .to_string();
    assert_eq!(unused["file"], toml);
    assert_eq!(
        (unused["line"].as_u64(), unused["column"].as_u64()),
        (Some(2), Some(27))
    );

    // Severity overrides: an error can be made a warning.
    let dir = fixture(
        "config-severity",
        &[
            ("docs/broken.md", BROKEN),
            (
                "docs/graphdoc.toml",
                "[severity]\nparse-problem = \"warning\"\n",
            ),
        ],
    );
    let report = json_of(&graphdoc(&dir, &["check", "docs", "--format", "json"]));
    let parse = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "parse-problem")
        .expect("reported");
    assert_eq!(parse["severity"], "warning");

    // A configuration error is a usage failure with its place.
    let dir = fixture(
        "config-bad",
        &[
            ("docs/clean.md", CLEAN),
            (
                "docs/graphdoc.toml",
                "[allow]\ncodes = [\"todo-placeholders\"]\n",
            ),
        ],
    );
    let out = graphdoc(&dir, &["check", "docs"]);
    assert_eq!(code(&out), 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("graphdoc.toml:2:10"), "{stderr}");
    assert!(
        stderr.contains("did you mean `todo-placeholder`"),
        "{stderr}"
    );
}

#[test]
fn sarif_is_2_1_0_with_one_rule_per_code() {
    let dir = fixture("sarif", &[("broken.md", BROKEN)]);
    let out = graphdoc(&dir, &["check", ".", "--format", "sarif"]);
    assert_eq!(code(&out), 1);
    let log = json_of(&out);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().expect("schema").contains("sarif"));
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "graphdoc");
    let rules = driver["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    for id in ["todo-placeholder", "parse-problem", "unused-suppression"] {
        assert!(ids.contains(&id), "rule {id}");
    }
    let results = runs[0]["results"].as_array().expect("results");
    let parse = results
        .iter()
        .find(|r| r["ruleId"] == "parse-problem")
        .expect("parse-problem result");
    assert_eq!(parse["level"], "error");
    let index = parse["ruleIndex"].as_u64().expect("index") as usize;
    assert_eq!(rules[index]["id"], "parse-problem");
    let location = &parse["locations"][0]["physicalLocation"];
    // Walked as `./broken.md`; the URI is relative, with no `./`.
    assert_eq!(location["artifactLocation"]["uri"], "broken.md");
    assert!(location["region"]["startLine"].as_u64().expect("line") >= 1);
}

#[test]
fn human_output_is_plain_when_piped() {
    let dir = fixture("human", &[("broken.md", BROKEN), ("clean.md", CLEAN)]);
    let out = graphdoc(&dir, &["check", "broken.md", "clean.md"]);
    assert_eq!(code(&out), 1);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    assert!(text.contains("error[parse-problem]: "), "{text}");
    assert!(text.contains("--> broken.md:"), "{text}");
    let summary = text
        .lines()
        .find(|l| l.starts_with("graphdoc: "))
        .expect("summary");
    assert!(summary.contains("in 2 files"), "{summary}");
}

#[cfg(target_os = "linux")]
#[test]
fn unreadable_input_is_an_error_diagnostic() {
    // Reading /proc/self/mem from offset 0 fails (EIO), even for root.
    let dir = fixture("unreadable", &[("clean.md", CLEAN)]);
    let out = graphdoc(
        &dir,
        &["check", "clean.md", "/proc/self/mem", "--format", "json"],
    );
    let report = json_of(&out);
    let d = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "unreadable-input")
        .expect("reported");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("/proc/self/mem"), Some(1), Some(1))
    );
    assert_eq!(d["severity"], "error");
    assert_eq!(code(&out), 1);
}
