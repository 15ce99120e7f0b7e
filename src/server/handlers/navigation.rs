//! textDocument/definition, textDocument/references and
//! textDocument/documentHighlight.

use crate::analysis::navigation;
use crate::server::{convert, Backend};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;

pub async fn definition(
    b: &Backend,
    p: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let enc = b.encoding();
    b.at_cursor(p.text_document_position_params, move |cx, uri, at| {
        let locs: Vec<Location> = navigation::definition(cx, at)
            .iter()
            .filter_map(|t| convert::location(uri, cx.doc, t, enc))
            .collect();
        (!locs.is_empty()).then_some(GotoDefinitionResponse::Array(locs))
    })
    .await
}

pub async fn references(b: &Backend, p: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let decl = p.context.include_declaration;
    let enc = b.encoding();
    b.at_cursor(p.text_document_position, move |cx, uri, at| {
        Some(
            navigation::references(cx, at, decl)
                .iter()
                .filter_map(|t| convert::location(uri, cx.doc, t, enc))
                .collect(),
        )
    })
    .await
}

pub async fn highlight(
    b: &Backend,
    p: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let enc = b.encoding();
    b.at_cursor(p.text_document_position_params, move |cx, _, at| {
        let hs = navigation::highlights(cx, at);
        (!hs.is_empty()).then(|| {
            hs.iter()
                .map(|h| convert::highlight(cx.doc, h, enc))
                .collect()
        })
    })
    .await
}
