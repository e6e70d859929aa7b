//! SARIF 2.1.0 for code-scanning uploads: one run, one rule per catalog
//! code (in catalog order, so `ruleIndex` is the code's catalog position),
//! one result per diagnostic. Columns count Unicode code points, as the run's
//! `columnKind` says; `endColumn` is exclusive.
use super::{end_position, Sources};
use crate::catalog::Code;
use crate::Report;
use graphdoc_model::Corpus;
use serde::Serialize;
use std::fmt::Write;

/// The schema the output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text<'static>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation,
    /// The label shown under the marker in human output.
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct Properties<'a> {
    notes: &'a [String],
}

/// The report as a pretty-printed SARIF 2.1.0 log, ending with a newline.
pub fn sarif(report: &Report, corpus: &Corpus) -> String {
    let sources = Sources::new(corpus);
    let rules = Code::ALL
        .iter()
        .map(|c| Rule {
            id: c.name(),
            short_description: Text { text: c.meaning() },
            default_configuration: Configuration {
                level: c.default_severity().as_str(),
            },
        })
        .collect();
    let results = report
        .diagnostics
        .iter()
        .map(|d| {
            let (end_line, end_column) = end_position(&d.span, sources.get(&d.span.file));
            SarifResult {
                rule_id: d.code.name(),
                rule_index: Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0),
                level: d.severity.as_str(),
                message: Text { text: &d.message },
                locations: [Location {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation {
                            uri: file_uri(&d.span.file),
                        },
                        region: Region {
                            start_line: d.span.line.max(1),
                            start_column: d.span.column.max(1),
                            end_line: end_line.max(1),
                            end_column: end_column.max(1),
                        },
                    },
                    message: d.label.as_deref().map(|text| Text { text }),
                }],
                properties: (!d.notes.is_empty()).then_some(Properties { notes: &d.notes }),
            }
        })
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "graphdoc",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    // Structs of strings and numbers always serialize.
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// A file path as a URI reference: forward slashes, no leading `./`,
/// characters outside the URI grammar percent-encoded. Relative paths stay
/// relative (code scanning resolves them against the repository root);
/// absolute paths become `file://` URIs.
pub fn file_uri(path: &str) -> String {
    let mut path = path.replace('\\', "/");
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.to_string();
    }
    let bytes = path.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    let prefix = if drive {
        "file:///"
    } else if path.starts_with('/') {
        "file://"
    } else {
        ""
    };
    let mut uri = String::with_capacity(prefix.len() + path.len());
    uri.push_str(prefix);
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b'@')
            // A drive letter's colon stays; elsewhere a colon could read as a scheme.
            || (b == b':' && drive);
        if keep {
            uri.push(char::from(b));
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::file_uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(file_uri("docs/api/x.md"), "docs/api/x.md");
        assert_eq!(file_uri("./docs/x.md"), "docs/x.md");
        assert_eq!(file_uri("docs\\api\\x.md"), "docs/api/x.md");
        assert_eq!(file_uri("my docs/100%#1.md"), "my%20docs/100%25%231.md");
        assert_eq!(file_uri("/tmp/x.md"), "file:///tmp/x.md");
        assert_eq!(file_uri("C:\\docs\\x.md"), "file:///C:/docs/x.md");
        assert_eq!(file_uri("a:b.md"), "a%3Ab.md");
        assert_eq!(file_uri("ab:c.md"), "ab%3Ac.md");
        assert_eq!(file_uri("café.md"), "caf%C3%A9.md");
    }
}
