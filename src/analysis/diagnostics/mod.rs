//! Diagnostics: the parser's own, then the rules of classification, authority,
//! citations, copy damage and the corpus. Each has a stable code, a one-line
//! message saying what is wrong and what is expected, related places, and a
//! quick fix where the fix is clear.

mod authority;
mod classification;
pub mod damage;
mod references;
pub mod rules;

use super::navigation::Ctx;
use crate::syntax::{Severity, Span};
pub use rules::{Rule, Severities, RULES};

/// Whether the cable was written before `d`, as far as its text says (its DTG,
/// else its year): the rules of an executive order bind only what followed it.
fn written_before(c: &crate::syntax::Cable, d: crate::syntax::Date) -> bool {
    match (&c.header.dtg, c.header.year) {
        (Some(x), _) => x.dtg.date() < d,
        (None, Some(y)) => y < d.year,
        (None, None) => false,
    }
}

/// An edit to the document: replace `span` with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub span: Span,
    pub text: String,
}

/// A quick fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Span,
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    fn new(span: Span, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            code,
            severity: Severity::Warning,
            message: message.into(),
            related: vec![],
            fix: None,
        }
    }
    fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
    fn fix(mut self, title: impl Into<String>, edits: Vec<TextEdit>) -> Self {
        self.fix = Some(Fix {
            title: title.into(),
            edits,
        });
        self
    }
}

/// Every diagnostic of the document, with severities from `sev` (rules set to
/// off are left out), sorted by position.
pub fn diagnostics(cx: Ctx<'_>, sev: &Severities) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let c = &*cx.doc.cable;
    for d in &c.diagnostics {
        let mut x = Diagnostic::new(d.span, d.code, d.message.clone());
        x.severity = d.severity;
        out.push(x);
    }
    damage::attach_label_fixes(cx, &mut out);
    classification::check(cx, &mut out);
    authority::check(cx, &mut out);
    references::check(cx, &mut out);
    damage::check(cx, &mut out);
    damage::markdown_marks(cx, &mut out);
    damage::html_tags(cx, &mut out);
    damage::nbsp_entities(cx, &mut out);
    damage::mojibake(cx, &mut out);
    let corpus_large = cx.index.len() > rules::LARGE_CORPUS;
    out.retain_mut(|d| match sev.get(d.code, corpus_large) {
        Some(s) => {
            d.severity = s;
            true
        }
        None => false,
    });
    out.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    out
}

/// At most this many diagnostics are published for one file: editors slow down
/// on more, and no reader goes through them.
pub const MAX_PUBLISHED: usize = 5000;

/// `ds` cut to `max`, keeping the most severe (then the first), in position
/// order, with a last one saying how many were left out. Unchanged when short.
pub fn capped(mut ds: Vec<Diagnostic>, max: usize) -> Vec<Diagnostic> {
    if ds.len() <= max || max == 0 {
        return ds;
    }
    let left_out = ds.len() - (max - 1);
    ds.sort_by_key(|d| (std::cmp::Reverse(d.severity), d.span.start));
    ds.truncate(max - 1);
    ds.sort_by(|a, b| (a.span.start, a.code).cmp(&(b.span.start, b.code)));
    let mut note = Diagnostic::new(
        Span::new(0, 0),
        "too-many-diagnostics",
        format!(
            "{left_out} more diagnostics are not shown (at most {max} per file, the most severe first): expected fewer, or run `cable-lsp check FILE` for all"
        ),
    );
    note.severity = Severity::Information;
    ds.push(note);
    ds
}

/// Applies edits to a text (for tests and the CLI): edits must not overlap.
pub fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut e: Vec<&TextEdit> = edits.iter().collect();
    e.sort_by_key(|x| (x.span.start, x.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for x in e {
        if x.span.start < at || x.span.end > text.len() {
            continue;
        }
        out.push_str(&text[at..x.span.start]);
        out.push_str(&x.text);
        at = x.span.end;
    }
    out.push_str(&text[at..]);
    out
}
