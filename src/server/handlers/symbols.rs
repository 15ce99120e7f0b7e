use crate::analysis::outline::outline;
use crate::server::{convert, Backend};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::{DocumentSymbolParams, DocumentSymbolResponse};

pub async fn document_symbol(
    b: &Backend,
    p: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let Some(snap) = b.snapshot(&p.text_document.uri).await? else {
        return Ok(None);
    };
    let enc = b.encoding();
    b.compute(move || {
        let doc = &snap.doc;
        let syms = outline(doc)
            .iter()
            .map(|n| convert::document_symbol(doc, n, enc))
            .collect();
        Some(DocumentSymbolResponse::Nested(syms))
    })
    .await
}
