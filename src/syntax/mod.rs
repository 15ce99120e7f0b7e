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
pub mod ids;
pub mod incremental;
pub mod lexer;
pub mod marking;
pub mod model;
pub mod numbering;
pub mod refs;
pub mod tagtable;
pub mod text;

pub use ids::{CableId, Date, Dtg};
pub use marking::{Level, Mark};
pub use model::*;
pub use text::{LineIndex, Span};

/// Parses a cable's text. Never panics; never fails.
pub fn parse(text: &str) -> Cable {
    incremental::ParseState::new(text).model(text)
}

/// Builds the model from each line's lexing and facts: the header, then the body,
/// citations, damage and diagnostics.
pub(crate) fn assemble(text: &str, infos: &[lexer::LineInfo], facts: &[facts::LineFacts]) -> Cable {
    let mut diags = Vec::new();
    let (header, body_start) = header::parse_header(text, infos, &mut diags);
    let body = body::parse_body(text, infos, facts, body_start);
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
    for info in infos {
        let n = info.line.end - info.line.start;
        if n > citations::LONG_LINE {
            cable.diagnostics.push(model::Diagnostic::new(
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
    cable
}
