//! textDocument/definition, textDocument/references and
//! textDocument/documentHighlight.

use crate::analysis::navigation;
use crate::server::position::offset;
use crate::server::{convert, Backend};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;

pub async fn definition(
    b: &Backend,
    p: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let pos = p.text_document_position_params.position;
    let enc = b.encoding();
    b.with_ctx(
        p.text_document_position_params.text_document.uri,
        move |cx, uri| {
            let doc = cx.doc;
            let at = offset(&doc.text, &doc.lines, pos, enc);
            let locs: Vec<Location> = navigation::definition(cx, at)
                .iter()
                .filter_map(|t| convert::location(uri, doc, t, enc))
                .collect();
            (!locs.is_empty()).then_some(GotoDefinitionResponse::Array(locs))
        },
    )
    .await
}

pub async fn references(b: &Backend, p: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let pos = p.text_document_position.position;
    let decl = p.context.include_declaration;
    let enc = b.encoding();
    b.with_ctx(
        p.text_document_position.text_document.uri,
        move |cx, uri| {
            let doc = cx.doc;
            let at = offset(&doc.text, &doc.lines, pos, enc);
            Some(
                navigation::references(cx, at, decl)
                    .iter()
                    .filter_map(|t| convert::location(uri, doc, t, enc))
                    .collect(),
            )
        },
    )
    .await
}

pub async fn highlight(
    b: &Backend,
    p: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let pos = p.text_document_position_params.position;
    let enc = b.encoding();
    b.with_ctx(
        p.text_document_position_params.text_document.uri,
        move |cx, _| {
            let doc = cx.doc;
            let at = offset(&doc.text, &doc.lines, pos, enc);
            let hs = navigation::highlights(cx, at);
            (!hs.is_empty()).then(|| hs.iter().map(|h| convert::highlight(doc, h, enc)).collect())
        },
    )
    .await
}
