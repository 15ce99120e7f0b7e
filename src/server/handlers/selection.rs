//! textDocument/selectionRange: "expand selection" through the cable's parts.

use crate::analysis::selection::selection_ranges;
use crate::server::position::{offset, range};
use crate::server::Backend;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::{SelectionRange, SelectionRangeParams};

pub async fn selection_range(
    b: &Backend,
    p: SelectionRangeParams,
) -> Result<Option<Vec<SelectionRange>>> {
    let Some(snap) = b.snapshot(&p.text_document.uri).await? else {
        return Ok(None);
    };
    let enc = b.encoding();
    b.compute(move || {
        let doc = &snap.doc;
        let one = |pos| {
            let at = offset(&doc.text, &doc.lines, pos, enc);
            // Outermost first, each the parent of the next.
            (selection_ranges(doc, at).iter().rev()).fold(None, |parent, s| {
                Some(SelectionRange {
                    range: range(&doc.text, &doc.lines, *s, enc),
                    parent: parent.map(Box::new),
                })
            })
        };
        // One answer per position, as the request asks.
        p.positions.iter().map(|&pos| one(pos)).collect()
    })
    .await
}
