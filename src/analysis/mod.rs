//! Features as plain functions over a parsed document: byte offsets in, plain
//! structs out. No LSP types here (the server converts).

pub mod folding;
pub mod highlight;
pub mod outline;

use crate::syntax::{self, Cable, LineIndex};
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
        let cable = Arc::new(state.model(&text));
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
