//! textDocument/completion.

use crate::analysis::completion;
use crate::server::{convert, Backend};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;

/// Typed characters after which a client asks at once: a space (`REF `,
/// `para `, `TAGS: PREL `, `B. STATE `), an open parenthesis (a portion
/// mark), a comma (TAGS written with commas).
pub const TRIGGERS: [&str; 3] = [" ", "(", ","];

pub async fn completion(b: &Backend, p: CompletionParams) -> Result<Option<CompletionResponse>> {
    let enc = b.encoding();
    b.at_cursor(p.text_document_position, move |cx, _, at| {
        let doc = cx.doc;
        let (items, more) = completion::completions(cx, at);
        if items.is_empty() && !more {
            return None;
        }
        Some(CompletionResponse::List(CompletionList {
            is_incomplete: more,
            items: items
                .iter()
                .enumerate()
                .map(|(i, c)| convert::completion_item(doc, c, i, enc))
                .collect(),
        }))
    })
    .await
}
