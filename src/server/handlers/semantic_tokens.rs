use crate::analysis::highlight::tokens;
use crate::server::{convert, position, Backend};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::{
    SemanticTokens, SemanticTokensParams, SemanticTokensRangeParams, SemanticTokensRangeResult,
    SemanticTokensResult,
};

pub async fn full(b: &Backend, p: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
    let Some(snap) = b.snapshot(&p.text_document.uri).await? else {
        return Ok(None);
    };
    let enc = b.encoding();
    b.compute(move || {
        let data = convert::semantic_tokens(&snap.doc, &tokens(&snap.doc), enc);
        Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: None,
            data,
        }))
    })
    .await
}

pub async fn range(
    b: &Backend,
    p: SemanticTokensRangeParams,
) -> Result<Option<SemanticTokensRangeResult>> {
    let Some(snap) = b.snapshot(&p.text_document.uri).await? else {
        return Ok(None);
    };
    let enc = b.encoding();
    b.compute(move || {
        let doc = &snap.doc;
        let a = position::offset(&doc.text, &doc.lines, p.range.start, enc);
        let z = position::offset(&doc.text, &doc.lines, p.range.end, enc);
        let all = tokens(doc);
        let inside: Vec<_> = all
            .into_iter()
            .filter(|t| t.span.end > a && t.span.start < z)
            .collect();
        let data = convert::semantic_tokens(doc, &inside, enc);
        Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
            result_id: None,
            data,
        }))
    })
    .await
}
