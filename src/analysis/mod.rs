//! Features as plain functions over a parsed document: byte offsets in, plain
//! structs out. No LSP types here (the server converts).

pub mod annotations;
pub mod call_hierarchy;
pub mod completion;
pub mod cursor;
pub mod diagnostics;
pub mod folding;
pub mod highlight;
pub mod hover;
pub mod navigation;
pub mod outline;
pub mod refs;
pub mod rename;
pub mod selection;
pub mod workspace_symbols;

use crate::syntax::{self, Cable, LineIndex, Span};
use std::sync::Arc;

/// An immutable parsed document: its text, model and line index.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: Arc<str>,
    pub cable: Arc<Cable>,
    pub lines: Arc<LineIndex>,
}

impl Document {
    /// The document of a text whose parse state is at hand (incremental reparse).
    pub fn from_state(
        text: impl Into<Arc<str>>,
        state: &crate::syntax::incremental::ParseState,
    ) -> Self {
        let text = text.into();
        let cable = state.shared_model();
        let lines = Arc::new(LineIndex::new(&text));
        Document { text, cable, lines }
    }

    pub fn parse(text: impl Into<Arc<str>>) -> Self {
        let text = text.into();
        let cable = Arc::new(syntax::parse(&text));
        let lines = Arc::new(LineIndex::new(&text));
        Document { text, cable, lines }
    }
}

/// The text of `span` as a reader sees it: page headers and section banners
/// left out, whitespace collapsed.
pub fn text_of(doc: &Document, span: Span) -> String {
    let text = &*doc.text;
    let span = Span::new(span.start.min(text.len()), span.end.min(text.len()));
    let mut noise: Vec<Span> = (doc.cable.header.noise.iter())
        .chain(&doc.cable.body.noise)
        .filter(|n| n.end > span.start && n.start < span.end)
        .copied()
        .collect();
    noise.sort();
    let mut out = String::new();
    let mut at = span.start;
    for n in &noise {
        if n.start > at {
            push_words(&mut out, text.get(at..n.start).unwrap_or(""));
        }
        at = at.max(n.end);
    }
    if at < span.end {
        push_words(&mut out, text.get(at..span.end).unwrap_or(""));
    }
    out
}

fn push_words(out: &mut String, s: &str) {
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
}
