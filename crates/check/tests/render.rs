//! Renderers and suppression on a small in-memory corpus with hand-made
//! diagnostics (independent of the rules).
use graphdoc_check::render::{human, json, sarif};
use graphdoc_check::{suppress, Code, Config, Diagnostic, Report, Severity};
use graphdoc_model::{Corpus, Span};
use std::path::Path;
use std::sync::Arc;

const WIDGET: &str = "docs/api/create-widget.md";
const GADGET: &str = "docs/api/get-gadget.md";

const WIDGET_SRC: &str = r#"---
title: "Create widget"
description: "Create a widget."
author: "someone"
doc_type: apiPageType
---
<!-- graphdoc-allow: unknown-type, unknown-typo -->

# Create widget

Namespace: microsoft.graph

## Request body

| Property | Type | Description |
|:---|:---|:---|
| displayName | String | TODO |
| size | Widgetsize | The size of the widget. |

## Example

```http
POST https://graph.microsoft.com/beta/widgets
Content-Type: application/json

{
  "displayName": "Big",
  "size": "large",
  "colour": "blue",
  "weight": 10,
  "height": 20,
  "depth": 30,
  "price": 40,
  "café": "ü"
}
```
"#;

const GADGET_SRC: &str = "---\ntitle: \"Get gadget\"\n---\n<!-- graphdoc-allow: invalid-json -->\n\n# Get gadget\n\nTODO: write this page.\n";

fn corpus() -> Corpus {
    graphdoc_parser::corpus::resolve(vec![
        graphdoc_parser::parse_str(WIDGET, WIDGET_SRC),
        graphdoc_parser::parse_str(GADGET, GADGET_SRC),
    ])
}

/// The span of the `nth` (0-based) occurrence of `needle` in `src`.
fn span_of(file: &str, src: &str, needle: &str, nth: usize) -> Span {
    let start = src
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("`{needle}` occurs {} times", nth + 1));
    span_at(file, src, start, start + needle.len())
}

fn span_at(file: &str, src: &str, start: usize, end: usize) -> Span {
    let before = &src[..start];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Span {
        file: Arc::from(file),
        line: before.matches('\n').count() as u32 + 1,
        column: before[line_start..].chars().count() as u32 + 1,
        start: start as u32,
        end: end as u32,
    }
}

/// One diagnostic of each shape: label and notes, a multi-line span, a
/// long span, a non-ASCII span, and files that are not pages.
fn diagnostics() -> Vec<Diagnostic> {
    let body_start = WIDGET_SRC.find("{\n  \"displayName\"").expect("body");
    let body_end = WIDGET_SRC[body_start..].find("\n}").expect("body end") + body_start + 2;
    vec![
        Diagnostic::new(
            Code::TodoPlaceholder,
            span_of(WIDGET, WIDGET_SRC, "TODO", 0),
            "TODO placeholder in the description of `displayName`",
        )
        .with_label("unwritten text")
        .with_note("help: describe the property"),
        Diagnostic::new(
            Code::UnknownType,
            span_of(WIDGET, WIDGET_SRC, "Widgetsize", 0),
            "type `Widgetsize` is not defined by any page",
        )
        .with_label("unknown type"),
        Diagnostic::new(
            Code::UnknownProperty,
            span_of(WIDGET, WIDGET_SRC, "\"colour\"", 0),
            "`colour` is not a documented property of `widget`",
        )
        .with_label("not documented")
        .with_note("note: documented properties are displayName and size"),
        Diagnostic::new(
            Code::ContentLengthMismatch,
            span_at(WIDGET, WIDGET_SRC, body_start, body_end),
            "the body is longer than the request says",
        )
        .with_label("this body"),
        Diagnostic::new(
            Code::PlaceholderValue,
            span_of(WIDGET, WIDGET_SRC, "\"café\": \"ü\"", 0),
            "placeholder-like value",
        ),
        Diagnostic::new(
            Code::TodoPlaceholder,
            span_of(GADGET, GADGET_SRC, "TODO", 0),
            "TODO placeholder in prose",
        )
        .with_label("unwritten text"),
        Diagnostic::new(
            Code::UnreadableInput,
            Span {
                file: Arc::from("docs/locked.md"),
                line: 1,
                column: 1,
                start: 0,
                end: 0,
            },
            "cannot read this file: Permission denied (os error 13)",
        ),
    ]
}

fn report() -> Report {
    Report::new(diagnostics(), 2, 0)
}

#[test]
fn human_output_without_colour() {
    let out = human(&report(), &corpus(), false);
    assert!(!out.contains('\x1b'), "no escape codes without colour");
    insta::assert_snapshot!("human", out);
}

#[test]
fn human_output_with_colour_has_escapes_and_the_same_text() {
    let corpus = corpus();
    let plain = human(&report(), &corpus, false);
    let coloured = human(&report(), &corpus, true);
    assert!(coloured.contains("\x1b["));
    assert_eq!(strip_ansi(&coloured), plain);
}

#[test]
fn human_output_for_a_clean_run() {
    let out = human(&Report::new(Vec::new(), 1, 0), &corpus(), false);
    assert_eq!(out, "graphdoc: no problems found in 1 file\n");
    let out = human(&Report::new(Vec::new(), 3, 2), &corpus(), false);
    assert_eq!(
        out,
        "graphdoc: no problems found in 3 files (2 suppressed)\n"
    );
}

#[test]
fn json_output() {
    let out = json(&report(), &corpus());
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let first = &value["diagnostics"][0];
    let keys: Vec<&str> = first
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in ["code", "severity", "file", "line", "column", "message"] {
        assert!(keys.contains(&key), "missing {key}");
    }
    // Keys are printed in contract order.
    let code_at = out.find("\"code\"").expect("code");
    assert!(code_at < out.find("\"severity\"").expect("severity"));
    assert!(out.find("\"column\"").expect("column") < out.find("\"message\"").expect("message"));
    insta::assert_snapshot!("json", out);
}

#[test]
fn sarif_output() {
    let out = sarif(&report(), &corpus());
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(value["version"], "2.1.0");
    let run = &value["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "graphdoc");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), Code::ALL.len());
    for result in run["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    for (rule, code) in rules.iter().zip(Code::ALL) {
        assert_eq!(rule["id"], code.name());
        assert_eq!(rule["shortDescription"]["text"], code.meaning());
        assert_eq!(
            rule["defaultConfiguration"]["level"],
            code.default_severity().as_str()
        );
    }
    // The snapshot shows the rest; the rule list grows with the catalog and
    // the version with releases, so both are checked above instead.
    let mut value = value;
    value["runs"][0]["tool"]["driver"]["rules"] = serde_json::json!("[checked above]");
    value["runs"][0]["tool"]["driver"]["version"] = serde_json::json!("[version]");
    value["runs"][0]["tool"]["driver"]["semanticVersion"] = serde_json::json!("[version]");
    insta::assert_json_snapshot!("sarif", value);
}

#[test]
fn spans_past_the_source_do_not_panic() {
    let corpus = corpus();
    let odd = [
        (0, 0),
        (WIDGET_SRC.len() as u32, WIDGET_SRC.len() as u32),
        (WIDGET_SRC.len() as u32 + 5, WIDGET_SRC.len() as u32 + 50),
        (10, 5),
        // Inside the two-byte `é`.
        (
            WIDGET_SRC.find('é').expect("é") as u32 + 1,
            WIDGET_SRC.len() as u32 + 1,
        ),
    ];
    for (start, end) in odd {
        let d = Diagnostic::new(
            Code::InvalidJson,
            Span {
                file: Arc::from(WIDGET),
                line: 3,
                column: 7,
                start,
                end,
            },
            "odd span",
        );
        let report = Report::new(vec![d], 1, 0);
        for color in [false, true] {
            assert!(human(&report, &corpus, color).contains("odd span"));
        }
        assert!(json(&report, &corpus).contains("odd span"));
        assert!(sarif(&report, &corpus).contains("odd span"));
    }
}

#[test]
fn crlf_pages_render_like_lf_pages() {
    let lf = "# Page\n\n```json\n{\n  \"a\": 1\n}\n```\n";
    let crlf = lf.replace('\n', "\r\n");
    let mut outs = Vec::new();
    for src in [lf.to_string(), crlf] {
        let corpus =
            graphdoc_parser::corpus::resolve(vec![graphdoc_parser::parse_str("p.md", &src)]);
        let start = src.find('{').expect("body");
        let end = src.find('}').expect("body end") + 1;
        let d = Diagnostic::new(
            Code::InvalidJson,
            span_at("p.md", &src, start, end),
            "bad body",
        )
        .with_label("here");
        let one = Diagnostic::new(
            Code::InvalidJson,
            span_of("p.md", &src, "\"a\"", 0),
            "one line",
        );
        let report = Report::new(vec![d, one], 1, 0);
        let out = human(&report, &corpus, false);
        assert!(!out.contains('\r'), "{out:?}");
        let value: serde_json::Value = serde_json::from_str(&json(&report, &corpus)).expect("json");
        let ends: Vec<(u64, u64)> = value["diagnostics"]
            .as_array()
            .expect("array")
            .iter()
            .map(|d| {
                (
                    d["end_line"].as_u64().unwrap_or(0),
                    d["end_column"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        assert_eq!(ends, [(6, 2), (5, 6)]);
        outs.push(out);
    }
    assert_eq!(outs[0], outs[1]);
    insta::assert_snapshot!("human_multiline", outs[0]);
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ params final-byte (0x40..=0x7e).
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) && c != '[' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

// --- suppression -----------------------------------------------------------

fn codes(found: &[Diagnostic]) -> Vec<(Code, &str, u32)> {
    let mut v: Vec<(Code, &str, u32)> = found
        .iter()
        .map(|d| (d.code, &*d.span.file, d.span.line))
        .collect();
    v.sort();
    v
}

#[test]
fn page_allow_comments_suppress_on_their_page_only() {
    let corpus = corpus();
    let mut found = diagnostics();
    // The same code on the other page is not allowed there.
    found.push(Diagnostic::new(
        Code::UnknownType,
        span_of(GADGET, GADGET_SRC, "Get gadget", 1),
        "type on the gadget page",
    ));
    let (kept, suppressed) = suppress::apply(found, &corpus, &Config::default());
    assert_eq!(suppressed, 1, "the widget page's unknown-type");
    let kept_codes = codes(&kept);
    assert!(kept_codes.contains(&(Code::UnknownType, GADGET, 6)));
    assert!(!kept_codes.contains(&(Code::UnknownType, WIDGET, 18)));
}

#[test]
fn unused_and_unknown_page_allows_are_reported_at_the_allow() {
    let corpus = corpus();
    let (kept, _) = suppress::apply(diagnostics(), &corpus, &Config::default());
    let unused: Vec<&Diagnostic> = kept
        .iter()
        .filter(|d| d.code == Code::UnusedSuppression)
        .collect();
    let shown: Vec<(&str, u32, u32, &str)> = unused
        .iter()
        .map(|d| {
            (
                &*d.span.file,
                d.span.line,
                d.span.column,
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                WIDGET,
                7,
                36,
                "unknown code `unknown-typo` in graphdoc-allow"
            ),
            (
                GADGET,
                4,
                22,
                "`invalid-json` is allowed on this page but no `invalid-json` diagnostic was found"
            ),
        ]
    );
    assert_eq!(unused[0].notes, ["help: did you mean `unknown-type`?"]);
    assert!(unused.iter().all(|d| d.severity == Severity::Warning));
    // The spans cover exactly the code names.
    let widget = &corpus.pages[0].source;
    assert_eq!(&widget[unused[0].span.range()], "unknown-typo");
}

#[test]
fn config_allows_and_severity_overrides() {
    let corpus = corpus();
    let config = Config::parse(
        "[severity]\ncontent-length-mismatch = \"error\"\nunused-suppression = \"error\"\n\n[allow]\ncodes = [\"todo-placeholder\", \"timestamp-order\"]\n",
        Path::new("docs/graphdoc.toml"),
    )
    .expect("valid config");
    let (kept, suppressed) = suppress::apply(diagnostics(), &corpus, &config);
    // Both todo-placeholders (one per page) and the widget's unknown-type.
    assert_eq!(suppressed, 3);
    assert!(kept.iter().all(|d| d.code != Code::TodoPlaceholder));
    let length = kept
        .iter()
        .find(|d| d.code == Code::ContentLengthMismatch)
        .expect("kept");
    assert_eq!(length.severity, Severity::Error);
    // The configuration's unused allow is reported in graphdoc.toml, as an error.
    let unused: Vec<(&str, u32, u32, Severity)> = kept
        .iter()
        .filter(|d| d.code == Code::UnusedSuppression && &*d.span.file == "docs/graphdoc.toml")
        .map(|d| (&*d.span.file, d.span.line, d.span.column, d.severity))
        .collect();
    assert_eq!(unused, [("docs/graphdoc.toml", 6, 30, Severity::Error)]);

    // The report renders it without a snippet (the file is not a page).
    let report = Report::new(kept, corpus.pages.len(), suppressed);
    let out = human(&report, &corpus, false);
    assert!(
        out.contains("error[unused-suppression]: `timestamp-order` is allowed in the configuration but no `timestamp-order` diagnostic was found under `docs`\n--> docs/graphdoc.toml:6:30\n"),
        "{out}"
    );
    assert!(out.contains("(3 suppressed)"), "{out}");
}

#[test]
fn config_applies_only_under_its_root() {
    let corpus = corpus();
    let config = Config::parse(
        "[severity]\ntodo-placeholder = \"error\"\n[allow]\ncodes = [\"unknown-type\"]\n",
        Path::new("other/graphdoc.toml"),
    )
    .expect("valid config");
    let (kept, _) = suppress::apply(diagnostics(), &corpus, &config);
    assert!(kept
        .iter()
        .filter(|d| d.code == Code::TodoPlaceholder)
        .all(|d| d.severity == Severity::Warning));
    // Nothing under `other/`: the config allow is unused.
    assert!(kept
        .iter()
        .any(|d| d.code == Code::UnusedSuppression && &*d.span.file == "other/graphdoc.toml"));
}

#[test]
fn unused_suppression_can_itself_be_allowed() {
    let src = "# Page\n\n<!-- graphdoc-allow: unused-suppression, invalid-json, nonsense -->\n";
    let corpus = graphdoc_parser::corpus::resolve(vec![graphdoc_parser::parse_str("p.md", src)]);
    let (kept, suppressed) = suppress::apply(Vec::new(), &corpus, &Config::default());
    assert!(kept.is_empty(), "{kept:?}");
    assert_eq!(suppressed, 2);
}

#[test]
fn suppression_is_deterministic() {
    let corpus = corpus();
    let config = Config::parse(
        "[allow]\ncodes = [\"timestamp-order\"]\n",
        Path::new("graphdoc.toml"),
    )
    .expect("valid");
    let first = suppress::apply(diagnostics(), &corpus, &config);
    for _ in 0..5 {
        assert_eq!(suppress::apply(diagnostics(), &corpus, &config), first);
    }
}
