//! textDocument/hover.

use crate::analysis::hover;
use crate::server::position::range;
use crate::server::Backend;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;

pub async fn hover(b: &Backend, p: HoverParams) -> Result<Option<Hover>> {
    let enc = b.encoding();
    b.at_cursor(p.text_document_position_params, move |cx, _, at| {
        let doc = cx.doc;
        let h = hover::hover(cx, at)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: h.markdown,
            }),
            range: Some(range(&doc.text, &doc.lines, h.span, enc)),
        })
    })
    .await
}
