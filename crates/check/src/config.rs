//! `graphdoc.toml`: per-root configuration of `graphdoc check`.
//!
//! A `graphdoc.toml` at the root of an input folder applies to every file
//! under that folder. It has two optional tables:
//!
//! ```toml
//! [severity]
//! content-length-mismatch = "error"   # or "warning"
//!
//! [allow]
//! codes = ["unknown-type"]            # allowed everywhere under this root
//! ```
//!
//! Keys of `[severity]` and entries of `[allow] codes` are diagnostic code
//! names (see [`Code`]). Unknown code names, severities other than `error`
//! and `warning`, and unknown tables or keys are errors, so a typo never
//! silently disables a check. Every entry keeps where it was written, so an
//! allow that suppresses nothing can be reported at its place.
use crate::catalog::{Code, Severity};
use graphdoc_model::Span;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The configuration of a check run: severity overrides and allowed codes,
/// each scoped to the folder its `graphdoc.toml` is in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// `[severity]` entries, in load order; where several apply to a file,
    /// the last one wins.
    pub severity: Vec<SeverityOverride>,
    /// `[allow] codes` entries, in load order.
    pub allows: Vec<ConfigAllow>,
}

/// One `[severity]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeverityOverride {
    /// The code whose severity changes.
    pub code: Code,
    /// The severity it gets.
    pub severity: Severity,
    /// The folder the entry applies under.
    pub root: PathBuf,
    /// Where the entry's key is written.
    pub span: Span,
}

/// One `[allow] codes` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigAllow {
    /// The allowed code.
    pub code: Code,
    /// The folder the entry applies under.
    pub root: PathBuf,
    /// Where the entry is written (the quoted code name).
    pub span: Span,
}

impl ConfigAllow {
    /// Whether this entry covers `file` (a path as walked).
    pub fn covers(&self, file: &str) -> bool {
        under(&self.root, file)
    }
}

/// A `graphdoc.toml` that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("{}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML or does not have the documented shape.
    #[error("{at}: {message}")]
    Syntax {
        /// Where.
        at: Location,
        /// What the TOML reader said.
        message: String,
    },
    /// A code name that is not in the catalog.
    #[error("{at}: unknown diagnostic code `{code}`{hint}")]
    UnknownCode {
        /// Where.
        at: Location,
        /// The name as written.
        code: String,
        /// `; did you mean ...?` or empty.
        hint: String,
    },
    /// A severity other than `error` or `warning`.
    #[error("{at}: invalid severity `{value}` for `{code}`; expected \"error\" or \"warning\"")]
    BadSeverity {
        /// Where.
        at: Location,
        /// The code it was given for.
        code: String,
        /// The value as written.
        value: String,
    },
}

/// A place in a configuration file; line and column are 1-based and known
/// whenever the TOML reader gave a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The configuration file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: Option<u32>,
    /// 1-based column, in characters.
    pub column: Option<u32>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// The file as written, before code names are checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    severity: BTreeMap<toml::Spanned<String>, toml::Spanned<String>>,
    #[serde(default)]
    allow: RawAllow,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllow {
    #[serde(default)]
    codes: Vec<toml::Spanned<String>>,
}

impl Config {
    /// The name of the configuration file at an input root.
    pub const FILE_NAME: &'static str = "graphdoc.toml";

    /// Reads the configuration file at `path`; a missing file is the default
    /// (empty) configuration.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| ConfigError::Syntax {
                    at: Location {
                        path: path.to_path_buf(),
                        line: None,
                        column: None,
                    },
                    message: format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()),
                })?;
                Config::parse(&text, path)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(source) => Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Loads `graphdoc.toml` from every input path that is a folder and
    /// merges them in the order given. Paths that are files (or do not
    /// exist) contribute nothing.
    pub fn load_roots<P: AsRef<Path>>(paths: &[P]) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        for p in paths {
            let p = p.as_ref();
            if p.is_dir() {
                config.merge(Config::load(&p.join(Config::FILE_NAME))?);
            }
        }
        Ok(config)
    }

    /// Parses the text of the configuration file at `path`. Entries apply
    /// to files under the folder that holds `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let at = |range: Option<std::ops::Range<usize>>| {
            let (line, column) = match range {
                Some(r) => {
                    let (line, column) = line_column(text, r.start);
                    (Some(line), Some(column))
                }
                None => (None, None),
            };
            Location {
                path: path.to_path_buf(),
                line,
                column,
            }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError::Syntax {
            at: at(e.span()),
            message: e.message().trim().to_string(),
        })?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let file: Arc<str> = Arc::from(path.display().to_string());
        let span = |range: std::ops::Range<usize>| {
            let (line, column) = line_column(text, range.start);
            Span {
                file: file.clone(),
                line,
                column,
                start: u32::try_from(range.start).unwrap_or(u32::MAX),
                end: u32::try_from(range.end).unwrap_or(u32::MAX),
            }
        };
        let code_of = |name: &toml::Spanned<String>| {
            Code::from_name(name.get_ref()).ok_or_else(|| ConfigError::UnknownCode {
                at: at(Some(name.span())),
                code: name.get_ref().clone(),
                hint: did_you_mean(name.get_ref())
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default(),
            })
        };
        let mut config = Config::default();
        for (key, value) in &raw.severity {
            let code = code_of(key)?;
            let severity = match value.get_ref().as_str() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                other => {
                    return Err(ConfigError::BadSeverity {
                        at: at(Some(value.span())),
                        code: key.get_ref().clone(),
                        value: other.to_string(),
                    })
                }
            };
            config.severity.push(SeverityOverride {
                code,
                severity,
                root: root.clone(),
                span: span(key.span()),
            });
        }
        // The map sorted the keys by name; report and apply them in file order.
        config.severity.sort_by_key(|s| s.span.start);
        for name in &raw.allow.codes {
            config.allows.push(ConfigAllow {
                code: code_of(name)?,
                root: root.clone(),
                span: span(name.span()),
            });
        }
        Ok(config)
    }

    /// Appends `other`'s entries; on overlap, `other`'s severities win.
    pub fn merge(&mut self, other: Config) {
        self.severity.extend(other.severity);
        self.allows.extend(other.allows);
    }

    /// The configured severity of `code` in `file`, if any entry sets one.
    pub fn severity_for(&self, code: Code, file: &str) -> Option<Severity> {
        self.severity
            .iter()
            .rev()
            .find(|s| s.code == code && under(&s.root, file))
            .map(|s| s.severity)
    }
}

/// Whether `file` (a path as walked) is under `root` (compared by path
/// components, so `docs-old/x.md` is not under `docs`).
fn under(root: &Path, file: &str) -> bool {
    Path::new(file).starts_with(root)
}

/// The 1-based line and character column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// The catalog code closest to a misspelt `name`, when one is close enough
/// to be a likely typo.
pub fn did_you_mean(name: &str) -> Option<&'static str> {
    let name = name.to_ascii_lowercase();
    Code::ALL
        .iter()
        .map(|c| (edit_distance(&name, c.name()), c.name()))
        .filter(|&(d, n)| d <= 2.max(n.len() / 5))
        .min()
        .map(|(_, n)| n)
}

/// Levenshtein distance over bytes (code names are ASCII).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_tables_with_positions() {
        let text = "[severity]\ncontent-length-mismatch = \"error\"\n\n[allow]\ncodes = [\"unknown-type\", \"todo-placeholder\"]\n";
        let config = Config::parse(text, Path::new("docs/graphdoc.toml")).expect("valid");
        assert_eq!(config.severity.len(), 1);
        let s = &config.severity[0];
        assert_eq!(
            (s.code, s.severity),
            (Code::ContentLengthMismatch, Severity::Error)
        );
        assert_eq!((s.span.line, s.span.column), (2, 1));
        assert_eq!(s.root, Path::new("docs"));
        let allows: Vec<(Code, u32, u32)> = config
            .allows
            .iter()
            .map(|a| (a.code, a.span.line, a.span.column))
            .collect();
        assert_eq!(
            allows,
            [(Code::UnknownType, 5, 10), (Code::TodoPlaceholder, 5, 26)]
        );
        assert_eq!(&*config.allows[0].span.file, "docs/graphdoc.toml");
        assert_eq!(
            config.severity_for(Code::ContentLengthMismatch, "docs/api/x.md"),
            Some(Severity::Error)
        );
        assert_eq!(
            config.severity_for(Code::ContentLengthMismatch, "docs-old/x.md"),
            None
        );
        assert!(config.allows[0].covers("docs/x.md"));
    }

    #[test]
    fn a_config_at_the_working_directory_covers_everything() {
        let config = Config::parse(
            "[allow]\ncodes = [\"unknown-type\"]\n",
            Path::new("graphdoc.toml"),
        )
        .expect("valid");
        assert!(config.allows[0].covers("api/x.md"));
        assert!(config.allows[0].covers("x.md"));
    }

    #[test]
    fn empty_text_is_the_default() {
        assert_eq!(
            Config::parse("", Path::new("graphdoc.toml")).ok(),
            Some(Config::default())
        );
    }

    #[test]
    fn unknown_codes_are_errors_with_their_line() {
        let err = Config::parse(
            "[allow]\ncodes = [\"unknown-typo\"]\n",
            Path::new("d/graphdoc.toml"),
        )
        .expect_err("unknown code");
        assert_eq!(
            err.to_string(),
            "d/graphdoc.toml:2:10: unknown diagnostic code `unknown-typo`; did you mean `unknown-type`?"
        );
        let err = Config::parse(
            "[severity]\nnonsense = \"error\"\n",
            Path::new("graphdoc.toml"),
        )
        .expect_err("unknown code");
        assert_eq!(
            err.to_string(),
            "graphdoc.toml:2:1: unknown diagnostic code `nonsense`"
        );
    }

    #[test]
    fn bad_severities_and_shapes_are_errors() {
        let err = Config::parse(
            "[severity]\ninvalid-json = \"fatal\"\n",
            Path::new("graphdoc.toml"),
        )
        .expect_err("bad severity");
        assert_eq!(
            err.to_string(),
            "graphdoc.toml:2:16: invalid severity `fatal` for `invalid-json`; expected \"error\" or \"warning\""
        );
        let err = Config::parse("[allows]\ncodes = []\n", Path::new("graphdoc.toml"))
            .expect_err("unknown table");
        assert!(err.to_string().starts_with("graphdoc.toml:1:"), "{err}");
        assert!(err.to_string().contains("allows"), "{err}");
        let err = Config::parse("[allow\n", Path::new("graphdoc.toml")).expect_err("not toml");
        assert!(err.to_string().starts_with("graphdoc.toml:1:"), "{err}");
    }

    #[test]
    fn missing_file_is_default() {
        let path = Path::new("/nonexistent/graphdoc-test/graphdoc.toml");
        assert_eq!(Config::load(path).ok(), Some(Config::default()));
    }

    #[test]
    fn typos_are_recognised() {
        assert_eq!(did_you_mean("todo-placeholders"), Some("todo-placeholder"));
        assert_eq!(did_you_mean("TODO-placeholder"), Some("todo-placeholder"));
        assert_eq!(did_you_mean("completely-different"), None);
    }
}
