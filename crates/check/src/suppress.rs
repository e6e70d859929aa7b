//! Suppression and severity configuration: `<!-- graphdoc-allow: code -->`
//! comments in pages and `graphdoc.toml` (see [`crate::config`]).
//!
//! A page allow comment allows its codes anywhere in that page; a
//! configuration allow, anywhere under its root. Allows that suppress
//! nothing, and page allows naming unknown codes, are reported as
//! `unused-suppression` at the allow itself, so stale allows do not pile up.
use crate::catalog::Code;
use crate::config::{did_you_mean, Config};
use crate::diagnostic::Diagnostic;
use graphdoc_model::{Corpus, Spanned};
use std::collections::HashMap;

/// One page allow entry and whether it suppressed anything.
struct PageAllow<'a> {
    entry: &'a Spanned<String>,
    code: Option<Code>,
    used: bool,
}

/// Every allow of a run, with use flags.
struct Allows<'a> {
    /// Page path -> that page's allow entries.
    pages: HashMap<&'a str, Vec<PageAllow<'a>>>,
    /// Page paths in corpus order, for deterministic reports.
    order: Vec<&'a str>,
    /// One flag per `config.allows` entry.
    config_used: Vec<bool>,
}

impl<'a> Allows<'a> {
    fn new(corpus: &'a Corpus, config: &Config) -> Self {
        let mut pages: HashMap<&str, Vec<PageAllow>> = HashMap::new();
        let mut order = Vec::new();
        for page in corpus.pages.iter().filter(|p| !p.allows.is_empty()) {
            let entries = pages.entry(page.path.as_str()).or_default();
            if entries.is_empty() {
                order.push(page.path.as_str());
            }
            entries.extend(page.allows.iter().map(|entry| PageAllow {
                entry,
                code: Code::from_name(entry.value.trim()),
                used: false,
            }));
        }
        Allows {
            pages,
            order,
            config_used: vec![false; config.allows.len()],
        }
    }

    /// Whether any allow covers `d`; marks every allow that does as used.
    fn suppresses(&mut self, d: &Diagnostic, config: &Config) -> bool {
        let mut hit = false;
        if let Some(entries) = self.pages.get_mut(&*d.span.file) {
            for a in entries.iter_mut().filter(|a| a.code == Some(d.code)) {
                a.used = true;
                hit = true;
            }
        }
        for (allow, used) in config.allows.iter().zip(self.config_used.iter_mut()) {
            if allow.code == d.code && allow.covers(&d.span.file) {
                *used = true;
                hit = true;
            }
        }
        hit
    }

    /// `unused-suppression` diagnostics for allows that suppressed nothing
    /// or name no known code. Allows of `unused-suppression` itself are
    /// never reported: they exist to silence these reports.
    fn unused(&self, config: &Config) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for path in &self.order {
            for a in self.pages.get(path).into_iter().flatten() {
                let name = a.entry.value.trim();
                match a.code {
                    None => {
                        let mut d = Diagnostic::new(
                            Code::UnusedSuppression,
                            a.entry.span.clone(),
                            format!("unknown code `{name}` in graphdoc-allow"),
                        )
                        .with_label("not a diagnostic code");
                        if let Some(code) = did_you_mean(name) {
                            d = d.with_note(format!("help: did you mean `{code}`?"));
                        }
                        out.push(d);
                    }
                    Some(Code::UnusedSuppression) => {}
                    Some(code) if !a.used => out.push(
                        Diagnostic::new(
                            Code::UnusedSuppression,
                            a.entry.span.clone(),
                            format!("`{code}` is allowed on this page but no `{code}` diagnostic was found"),
                        )
                        .with_label("unused allow")
                        .with_note("help: remove it from the graphdoc-allow comment"),
                    ),
                    Some(_) => {}
                }
            }
        }
        for (allow, used) in config.allows.iter().zip(&self.config_used) {
            if *used || allow.code == Code::UnusedSuppression {
                continue;
            }
            let code = allow.code;
            let root = allow.root.display().to_string();
            let scope = if root.is_empty() {
                ".".to_string()
            } else {
                root
            };
            out.push(
                Diagnostic::new(
                    Code::UnusedSuppression,
                    allow.span.clone(),
                    format!("`{code}` is allowed in the configuration but no `{code}` diagnostic was found under `{scope}`"),
                )
                .with_label("unused allow")
                .with_note("help: remove it from `[allow] codes`"),
            );
        }
        out
    }
}

/// Applies page allow comments, configuration allows and severity
/// overrides to `found`. Returns the diagnostics to report (including
/// `unused-suppression` findings) and how many were suppressed.
///
/// A diagnostic belongs to the page whose `path` equals its span's file.
/// The result is in a deterministic order: `found`'s order, then unused
/// allows in page order, then configuration order.
pub fn apply(found: Vec<Diagnostic>, corpus: &Corpus, config: &Config) -> (Vec<Diagnostic>, usize) {
    let mut allows = Allows::new(corpus, config);
    let mut suppressed = 0;
    let mut kept = Vec::with_capacity(found.len());
    for d in found {
        if allows.suppresses(&d, config) {
            suppressed += 1;
        } else {
            kept.push(d);
        }
    }
    // Unused-allow reports can themselves be allowed (`unused-suppression`).
    for d in allows.unused(config) {
        if allows.suppresses(&d, config) {
            suppressed += 1;
        } else {
            kept.push(d);
        }
    }
    for d in &mut kept {
        if let Some(severity) = config.severity_for(d.code, &d.span.file) {
            d.severity = severity;
        }
    }
    (kept, suppressed)
}
