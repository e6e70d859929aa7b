//! YAML front matter between `---` lines at the top of a page.
use crate::text::{lines_with_offsets, SourceText};
use graphdoc_model::{FrontMatter, FrontMatterEntry, Problem, ProblemKind};

/// The front matter of a page and the offset where the markdown body starts.
pub struct Split {
    /// The front matter, when the page has a block (even a broken one).
    pub front_matter: Option<FrontMatter>,
    /// Where the body starts.
    pub body_start: usize,
    /// What was wrong with the block.
    pub problems: Vec<Problem>,
}

/// Splits off and reads the front matter. A block without its closing `---`
/// is reported and the whole text is read as markdown; YAML that does not
/// parse is reported and its `key: value` lines are still recorded.
pub fn split(src: &SourceText) -> Split {
    let text = src.text;
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = lines_with_offsets(&text[bom..]).map(|(o, l)| (o + bom, l));
    let none = Split {
        front_matter: None,
        body_start: bom,
        problems: Vec::new(),
    };
    match lines.next() {
        Some((_, first)) if first.trim_end() == "---" => {}
        _ => return none,
    }
    let yaml_start = lines_after_first(text, bom);
    let mut close = None;
    for (off, line) in lines {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            close = Some((off, off + line.len()));
            break;
        }
    }
    let Some((close_start, close_end)) = close else {
        let span = src.span(bom, yaml_start.min(text.len()));
        return Split {
            front_matter: None,
            body_start: bom,
            problems: vec![Problem {
                kind: ProblemKind::FrontMatter,
                message: "front matter has no closing `---` line".into(),
                span,
            }],
        };
    };
    let body_start = match text[close_end..].find('\n') {
        Some(i) => close_end + i + 1,
        None => text.len(),
    };
    let yaml = &text[yaml_start..close_start];
    let mut problems = Vec::new();
    if is_simple(yaml) {
        // What serde_yaml would make of it is known: a mapping whose values
        // are the lines' values without their quotes, which is what
        // `entries` reads from the lines when nothing was parsed.
        return Split {
            front_matter: Some(FrontMatter {
                entries: entries(src, yaml, yaml_start, None),
                span: src.span(bom, close_end),
            }),
            body_start,
            problems,
        };
    }
    let parsed = match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
        Ok(serde_yaml::Value::Mapping(m)) => Some(m),
        Ok(serde_yaml::Value::Null) => None,
        Ok(_) => {
            problems.push(Problem {
                kind: ProblemKind::FrontMatter,
                message: "front matter is not a YAML mapping of keys to values".into(),
                span: src.span(yaml_start, close_start),
            });
            None
        }
        Err(e) => {
            let at = e
                .location()
                .map_or(yaml_start, |l| (yaml_start + l.index()).min(close_start));
            problems.push(Problem {
                kind: ProblemKind::FrontMatter,
                message: format!("front matter is not valid YAML: {}", yaml_error_text(&e)),
                span: src.span(at, at),
            });
            None
        }
    };
    let entries = entries(src, yaml, yaml_start, parsed.as_ref());
    Split {
        front_matter: Some(FrontMatter {
            entries,
            span: src.span(bom, close_end),
        }),
        body_start,
        problems,
    }
}

/// Whether `yaml` is nothing but blank lines and distinct top-level
/// `key: value` lines whose values YAML reads as the text itself: a plain
/// word-like string, or a single- or double-quoted string without escapes.
/// Such front matter (nearly every page's) needs no YAML parser; anything
/// else goes through serde_yaml.
fn is_simple(yaml: &str) -> bool {
    let mut keys: Vec<&str> = Vec::new();
    for (_, line) in lines_with_offsets(yaml) {
        if line.bytes().all(|b| b == b' ') {
            continue;
        }
        let Some(colon) = line.find(':') else {
            return false;
        };
        let (key, rest) = (&line[..colon], &line[colon + 1..]);
        let key_ok = key.len() <= 100
            && key.starts_with(|c: char| c.is_ascii_alphabetic())
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
            && !is_yaml_word(key);
        if !key_ok || keys.contains(&key) || !(rest.is_empty() || rest.starts_with(' ')) {
            return false;
        }
        keys.push(key);
        let value = rest.trim_matches(' ');
        let quoted = |q: char| {
            value.len() >= 2
                && value.starts_with(q)
                && value.ends_with(q)
                && value[1..value.len() - 1]
                    .chars()
                    .all(|c| c != q && c != '\\' && is_plain_printable(c))
        };
        let plain = value.is_empty()
            || (value.starts_with(|c: char| c.is_ascii_alphabetic())
                && value.bytes().all(|b| {
                    b.is_ascii_alphanumeric()
                        || matches!(b, b' ' | b'_' | b'-' | b'.' | b'/' | b',')
                })
                && !is_yaml_word(value));
        if !(plain || quoted('"') || quoted('\'')) {
            return false;
        }
    }
    true
}

/// Plain words YAML reads as null or a boolean (in either YAML version).
fn is_yaml_word(s: &str) -> bool {
    ["null", "true", "false", "yes", "no", "on", "off", "y", "n"]
        .iter()
        .any(|w| s.eq_ignore_ascii_case(w))
}

/// A character YAML accepts inside a one-line quoted string as itself: no
/// control characters, tabs or line breaks of any kind.
fn is_plain_printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{2027}' | '\u{202a}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}' | '\u{10000}'..)
}

fn lines_after_first(text: &str, from: usize) -> usize {
    match text[from..].find('\n') {
        Some(i) => from + i + 1,
        None => text.len(),
    }
}

fn yaml_error_text(e: &serde_yaml::Error) -> String {
    // serde_yaml appends " at line X column Y"; graphdoc reports the place itself.
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Top-level `key: value` lines, with values taken from the parsed YAML when
/// it parsed (quotes and escapes resolved) and from the line otherwise.
fn entries(
    src: &SourceText,
    yaml: &str,
    base: usize,
    parsed: Option<&serde_yaml::Mapping>,
) -> Vec<FrontMatterEntry> {
    // At most one entry a line: no growth on the way.
    let mut out = Vec::with_capacity(yaml.bytes().filter(|&b| b == b'\n').count() + 1);
    for (off, line) in lines_with_offsets(yaml) {
        if line.starts_with([' ', '\t', '#', '-']) || line.trim().is_empty() {
            continue;
        }
        let Some(colon) = line.find(':') else {
            continue;
        };
        let key = line[..colon].trim();
        if key.is_empty() {
            continue;
        }
        let raw = &line[colon + 1..];
        let lead = raw.len() - raw.trim_start().len();
        let value_text = raw.trim();
        let v_start = base + off + colon + 1 + lead;
        let value = parsed
            .and_then(|m| m.get(key))
            .map(yaml_value_text)
            .unwrap_or_else(|| unquote(value_text).to_string());
        out.push(FrontMatterEntry {
            key: src.spanned(key.to_string(), base + off, base + off + key.len()),
            value: src.spanned(value, v_start, v_start + value_text.len()),
        });
    }
    out
}

fn yaml_value_text(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::Null => String::new(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Split {
        split(&SourceText::new("t.md".into(), text))
    }

    #[test]
    fn reads_keys_with_spans() {
        let s = run("---\ntitle: \"Create x\"\ndoc_type: apiPageType\n---\n# Create x\n");
        let fm = s
            .front_matter
            .as_ref()
            .map(|f| &f.entries)
            .cloned()
            .unwrap_or_default();
        assert_eq!(fm.len(), 2);
        assert_eq!(fm[0].value.value, "Create x");
        assert_eq!((fm[0].value.span.line, fm[0].value.span.column), (2, 8));
        assert_eq!(
            &"---\ntitle: \"Create x\"\ndoc_type: apiPageType\n---\n# Create x\n"[s.body_start..],
            "# Create x\n"
        );
        assert!(s.problems.is_empty());
    }

    #[test]
    fn bom_and_crlf() {
        let s = run("\u{feff}---\r\ntitle: a\r\n---\r\nbody");
        assert!(s.problems.is_empty());
        let fm = s.front_matter.map(|f| f.entries).unwrap_or_default();
        assert_eq!(fm[0].value.value, "a");
    }

    #[test]
    fn broken_yaml_is_reported_and_lines_kept() {
        let s = run("---\ntitle: \"unclosed\nauthor: x\n---\nbody");
        assert_eq!(s.problems.len(), 1);
        assert_eq!(s.problems[0].kind, ProblemKind::FrontMatter);
        let fm = s.front_matter.map(|f| f.entries).unwrap_or_default();
        assert!(fm.iter().any(|e| e.key.value == "author"));
    }

    #[test]
    fn unclosed_block_reads_whole_text_as_body() {
        let s = run("---\ntitle: x\n# Heading\n");
        assert!(s.front_matter.is_none());
        assert_eq!(s.body_start, 0);
        assert_eq!(s.problems.len(), 1);
    }

    #[test]
    fn simple_front_matter_reads_as_serde_yaml_does() {
        let cases = [
            "title: \"Get a user\"\ndescription: \"Retrieve: the #1 user's \u{e9}\"\nms.prod: users\n",
            "doc_type: apiPageType\nauthor: 'someone'\nempty:\n\nlist: a, b/c.d\n",
            "title: \"a\"  \nx-y_z.w: plain value.\n   \n",
            "",
            // Not simple: left to serde_yaml.
            "on: x\n",
            "title: True\n",
            "title: null\n",
            "title: 'it''s'\n",
            "title: \"a \\\" b\"\n",
            "title: a # comment\n",
            "a: 1\na: 2\n",
            "title: a\n  continued\n",
            "title:\tx\n",
            "key: [a, b]\n",
            "title: 12\n",
            "title: \"a\u{85}b\"\n",
        ];
        for yaml in cases {
            let src = SourceText::new("t.md".into(), yaml);
            let parsed = match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
                Ok(serde_yaml::Value::Mapping(m)) => Some(Ok(m)),
                Ok(serde_yaml::Value::Null) => None,
                other => Some(Err(format!("{other:?}"))),
            };
            if !is_simple(yaml) {
                continue;
            }
            let fast = entries(&src, yaml, 0, None);
            match parsed {
                Some(Ok(m)) => assert_eq!(fast, entries(&src, yaml, 0, Some(&m)), "{yaml:?}"),
                None => assert!(fast.is_empty(), "{yaml:?}"),
                Some(Err(e)) => panic!("{yaml:?} is simple but serde_yaml says {e}"),
            }
        }
        let simple: Vec<bool> = cases.iter().map(|y| is_simple(y)).collect();
        assert_eq!(simple.iter().filter(|&&s| s).count(), 4, "{simple:?}");
    }

    #[test]
    fn no_front_matter_and_empty_block() {
        assert!(run("# Title\n").front_matter.is_none());
        let s = run("---\n---\n");
        assert!(s.front_matter.is_some_and(|f| f.entries.is_empty()));
        assert!(run("").front_matter.is_none());
    }
}
