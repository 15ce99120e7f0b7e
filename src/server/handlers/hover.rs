//! textDocument/hover.

use crate::analysis::hover;
use crate::server::position::{offset, range};
use crate::server::Backend;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;

pub async fn hover(b: &Backend, p: HoverParams) -> Result<Option<Hover>> {
    let pos = p.text_document_position_params.position;
    let enc = b.encoding();
    b.with_ctx(
        p.text_document_position_params.text_document.uri,
        move |cx, _| {
            let doc = cx.doc;
            let h = hover::hover(cx, offset(&doc.text, &doc.lines, pos, enc))?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: h.markdown,
                }),
                range: Some(range(&doc.text, &doc.lines, h.span, enc)),
            })
        },
    )
    .await
}
