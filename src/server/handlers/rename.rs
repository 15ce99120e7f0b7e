//! textDocument/prepareRename and textDocument/rename: a REF item's letter or
//! a paragraph's number, with its citations.

use crate::analysis::rename;
use crate::server::position::range;
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
        .at_cursor(p, move |cx, _, at| {
            let doc = cx.doc;
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
    let enc = b.encoding();
    let new_name = p.new_name;
    let got = b
        .at_cursor(p.text_document_position, move |cx, uri, at| {
            Some(
                rename::rename(cx, at, &new_name)
                    .map(|edits| convert::workspace_edit(uri, cx.doc, &edits, enc)),
            )
        })
        .await?;
    got.transpose().map_err(refused)
}
