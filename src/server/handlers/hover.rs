//! textDocument/hover.

use crate::analysis::{hover, navigation::Ctx};
use crate::server::position::{offset, range};
use crate::server::{workspace::path_of, Backend};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;

pub async fn hover(b: &Backend, p: HoverParams) -> Result<Option<Hover>> {
    let uri = p.text_document_position_params.text_document.uri;
    let pos = p.text_document_position_params.position;
    let Some(snap) = b.snapshot(&uri).await? else {
        return Ok(None);
    };
    let enc = b.encoding();
    let ws = b.workspace.clone();
    b.compute(move || {
        let doc = &snap.doc;
        let idx = ws.index();
        let path = path_of(&uri);
        let cx = Ctx {
            doc,
            path: &path,
            index: &idx,
        };
        let at = offset(&doc.text, &doc.lines, pos, enc);
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
