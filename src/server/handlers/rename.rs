//! textDocument/prepareRename and textDocument/rename: a REF item's letter or
//! a paragraph's number, with its citations.

use crate::analysis::rename;
use crate::server::position::{offset, range};
use crate::server::{convert, Backend};
use tower_lsp::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp::lsp_types::*;

/// A rename that cannot be done, with why (the editor shows the message).
fn refused(message: String) -> Error {
    Error {
        // RequestFailed (LSP 3.17): a valid request the server could not carry out.
        code: ErrorCode::ServerError(-32803),
        message: message.into(),
        data: None,
    }
}

pub async fn prepare(
    b: &Backend,
    p: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let enc = b.encoding();
    let got = b
        .with_ctx(p.text_document.uri, move |cx, _| {
            let doc = cx.doc;
            let at = offset(&doc.text, &doc.lines, p.position, enc);
            Some(
                rename::prepare(cx, at).map(|r| PrepareRenameResponse::RangeWithPlaceholder {
                    range: range(&doc.text, &doc.lines, r.span, enc),
                    placeholder: r.placeholder,
                }),
            )
        })
        .await?;
    got.transpose().map_err(refused)
}

pub async fn rename(b: &Backend, p: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let pos = p.text_document_position.position;
    let enc = b.encoding();
    let got = b
        .with_ctx(
            p.text_document_position.text_document.uri,
            move |cx, uri| {
                let doc = cx.doc;
                let at = offset(&doc.text, &doc.lines, pos, enc);
                Some(
                    rename::rename(cx, at, &p.new_name)
                        .map(|edits| convert::workspace_edit(uri, doc, &edits, enc)),
                )
            },
        )
        .await?;
    got.transpose().map_err(refused)
}
