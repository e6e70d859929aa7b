//! parse-problem: what the parser could not read.
use crate::{Code, Diagnostic};
use graphdoc_model::Page;

pub(super) fn check(page: &Page, out: &mut Vec<Diagnostic>) {
    for p in &page.problems {
        out.push(Diagnostic::new(
            Code::ParseProblem,
            p.span.clone(),
            p.message.clone(),
        ));
    }
}
