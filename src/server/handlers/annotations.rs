//! textDocument/documentLink, textDocument/inlayHint, textDocument/codeLens.

use crate::analysis::annotations;
use crate::server::position::{offset, position, range};
use crate::server::{convert, Backend};
use crate::syntax::Span;
use serde_json::json;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;

pub async fn document_link(
    b: &Backend,
    p: DocumentLinkParams,
) -> Result<Option<Vec<DocumentLink>>> {
    let enc = b.encoding();
    b.with_ctx(p.text_document.uri, move |cx, _| {
        let doc = cx.doc;
        let links = annotations::document_links(cx).into_iter().filter_map(|l| {
            Some(DocumentLink {
                range: range(&doc.text, &doc.lines, l.span, enc),
                target: Some(convert::uri_of(&l.path)?),
                tooltip: Some(format!("open {}", l.id)),
                data: None,
            })
        });
        Some(links.collect())
    })
    .await
}

pub async fn inlay_hint(b: &Backend, p: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
    let enc = b.encoding();
    b.with_ctx(p.text_document.uri, move |cx, _| {
        let doc = cx.doc;
        let span = Span::new(
            offset(&doc.text, &doc.lines, p.range.start, enc),
            offset(&doc.text, &doc.lines, p.range.end, enc),
        );
        let hints = annotations::inlay_hints(cx, span)
            .into_iter()
            .map(|h| InlayHint {
                position: position(&doc.text, &doc.lines, h.offset, enc),
                label: InlayHintLabel::String(h.label),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(h.tooltip)),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            });
        Some(hints.collect())
    })
    .await
}

/// The code lens's command: arguments (document URI, banner position, the
/// citing locations), as VS Code's `editor.action.showReferences` takes them.
pub const SHOW_CITATIONS: &str = "cable.showCitations";

pub async fn code_lens(b: &Backend, p: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
    let enc = b.encoding();
    b.with_ctx(p.text_document.uri, move |cx, uri| {
        let doc = cx.doc;
        let lenses = annotations::code_lenses(cx).into_iter().map(|l| {
            let r = range(&doc.text, &doc.lines, l.span, enc);
            let citations: Vec<Location> = (l.citations.iter())
                .filter_map(|t| convert::location(uri, doc, t, enc))
                .collect();
            CodeLens {
                range: r,
                // Run by the editor plugins (VS Code's extension, the Neovim
                // config), which show the citations as their references.
                command: Some(Command {
                    title: l.title,
                    command: SHOW_CITATIONS.into(),
                    arguments: Some(vec![json!(uri), json!(r.start), json!(citations)]),
                }),
                data: None,
            }
        });
        Some(lenses.collect())
    })
    .await
}
