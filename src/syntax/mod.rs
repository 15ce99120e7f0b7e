//! The cable format: bytes in, a model with byte ranges out. No I/O, no LSP.
//!
//! [`parse`] is total: any text gives a [`Cable`] and diagnostics, in time linear in
//! its length. The model keeps a byte [`Span`] for every element it recognises.

pub mod body;
pub mod citations;
pub mod damage;
pub mod dump;
pub mod facts;
pub mod header;
pub mod html;
pub mod ids;
pub mod incremental;
pub mod lexer;
pub mod marking;
pub mod model;
pub mod numbering;
mod patch;
pub mod reasons;
pub mod refs;
pub mod skim;
pub mod tagtable;
pub mod text;

pub use ids::{CableId, Date, Dtg};
pub use marking::{Level, Mark};
pub use model::*;
pub use text::{LineIndex, Span};

/// Parses a cable's text. Never panics; never fails.
pub fn parse(text: &str) -> Cable {
    let st = incremental::ParseState::new(text);
    st.model().clone()
}

/// A model, with what an edit needs to patch it rather than assemble it again.
/// A clone copies the model (an edit patches its own copy in place).
#[derive(Debug, PartialEq, Default)]
pub(crate) struct Assembled {
    pub cable: std::sync::Arc<Cable>,
    /// The line the body starts on.
    pub body_start: usize,
    /// The diagnostics the header parse gave.
    pub header_diags: Vec<model::Diagnostic>,
}

impl Clone for Assembled {
    fn clone(&self) -> Self {
        Assembled {
            cable: std::sync::Arc::new((*self.cable).clone()),
            body_start: self.body_start,
            header_diags: self.header_diags.clone(),
        }
    }
}

/// Builds the model from each line's lexing and facts: the header, then the body,
/// citations, damage and diagnostics.
pub(crate) fn assemble(
    text: &str,
    infos: &[lexer::LineInfo],
    facts: &[facts::LineFacts],
) -> Assembled {
    let mut diags = Vec::new();
    let (header, body_start) = header::parse_header(text, infos, &mut diags);
    let header_diags = diags.clone();
    let mut body = body::parse_body(text, infos, facts, body_start);
    let subject = header.subject.as_ref().map(|s| s.text.as_str());
    let noise = std::mem::take(&mut body.noise);
    body.noise = body::with_running_titles(noise, text, infos, subject, body.span);
    let id = header.id();
    let mut cable = Cable {
        len: text.len(),
        id,
        header,
        body,
        citations: vec![],
        damage: vec![],
        diagnostics: diags,
    };
    cable.citations = citations::collect(facts, &cable);
    cable.damage = damage::collect(facts, infos, &cable);
    model::syntax_diagnostics(&mut cable);
    long_lines(infos, &mut cable.diagnostics);
    sort_diagnostics(&mut cable.diagnostics);
    Assembled {
        cable: std::sync::Arc::new(cable),
        body_start,
        header_diags,
    }
}

/// The order of a model's diagnostics (stable: ties keep the order found).
pub(crate) fn sort_diagnostics(d: &mut [model::Diagnostic]) {
    d.sort_by_key(|d| (d.span.start, d.code));
}

/// A note on each line too long to read citations in whole.
pub(crate) fn long_lines(infos: &[lexer::LineInfo], out: &mut Vec<model::Diagnostic>) {
    for info in infos {
        let n = info.line.end - info.line.start;
        if n > citations::LONG_LINE {
            out.push(model::Diagnostic::new(
                Span::new(info.line.start, info.line.start),
                "long-line",
                Severity::Information,
                format!(
                    "this line is {n} bytes long: citations are read in its first {} KB only; expected lines of a few KB (wrap it)",
                    citations::LONG_LINE >> 10
                ),
            ));
        }
    }
}
