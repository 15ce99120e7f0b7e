//! `cable/syntaxTree`: the model of an open document as text (for people and for
//! tests that check the server holds exactly the client's text).

use crate::server::Backend;
use serde::{Deserialize, Serialize};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::TextDocumentIdentifier;

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyntaxTreeParams {
    pub text_document: TextDocumentIdentifier,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyntaxTree {
    pub version: i32,
    /// The server's copy of the text.
    pub text: String,
    /// The model, rendered by `syntax::dump`.
    pub tree: String,
}

pub async fn syntax_tree(b: &Backend, p: SyntaxTreeParams) -> Result<Option<SyntaxTree>> {
    let Some(snap) = b.snapshot(&p.text_document.uri).await? else {
        return Ok(None);
    };
    b.compute(move || {
        Some(SyntaxTree {
            version: snap.version,
            text: snap.doc.text.to_string(),
            tree: crate::syntax::dump::dump(&snap.doc.text, &snap.doc.cable),
        })
    })
    .await
}
