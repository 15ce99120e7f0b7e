//! textDocument/definition and textDocument/references.

use crate::analysis::navigation::{self, Ctx};
use crate::server::position::offset;
use crate::server::{convert, workspace::path_of, Backend};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;

pub async fn definition(
    b: &Backend,
    p: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
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
        let locs: Vec<Location> = navigation::definition(cx, at)
            .iter()
            .filter_map(|t| convert::location(&uri, doc, t, enc))
            .collect();
        (!locs.is_empty()).then_some(GotoDefinitionResponse::Array(locs))
    })
    .await
}

pub async fn references(b: &Backend, p: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let uri = p.text_document_position.text_document.uri;
    let pos = p.text_document_position.position;
    let decl = p.context.include_declaration;
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
        let locs: Vec<Location> = navigation::references(cx, at, decl)
            .iter()
            .filter_map(|t| convert::location(&uri, doc, t, enc))
            .collect();
        Some(locs)
    })
    .await
}
