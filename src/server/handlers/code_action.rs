//! textDocument/codeAction: the quick fixes of the diagnostics under the cursor,
//! and "repair all copy damage" for the whole file.

use crate::analysis::diagnostics::{self, damage::repair_all};
use crate::server::handlers::diagnostics::to_lsp;
use crate::server::position::offset;
use crate::server::{convert, Backend};
use crate::syntax::Span;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;

pub async fn code_action(b: &Backend, p: CodeActionParams) -> Result<Option<CodeActionResponse>> {
    let enc = b.encoding();
    let sev = b
        .severities
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    b.with_ctx(p.text_document.uri, move |cx, uri| {
        let doc = cx.doc;
        let want = Span::new(
            offset(&doc.text, &doc.lines, p.range.start, enc),
            offset(&doc.text, &doc.lines, p.range.end, enc),
        );
        let mut out: CodeActionResponse = Vec::new();
        for d in diagnostics::diagnostics(cx, &sev) {
            let Some(fix) = &d.fix else { continue };
            if d.span.end < want.start || d.span.start > want.end {
                continue;
            }
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(uri, doc, &d, enc)]),
                edit: Some(convert::workspace_edit(uri, doc, &fix.edits, enc)),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
        let all = repair_all(cx);
        if all.len() > 1 {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Repair all copy damage in this file ({} places)", all.len()),
                kind: Some(CodeActionKind::new("source.fixAll.cable")),
                edit: Some(convert::workspace_edit(uri, doc, &all, enc)),
                ..Default::default()
            }));
        }
        Some(out)
    })
    .await
}
