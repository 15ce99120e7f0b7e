use crate::analysis::folding::folding_ranges;
use crate::server::{convert, Backend};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::{FoldingRange, FoldingRangeParams};

pub async fn folding_range(
    b: &Backend,
    p: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    let Some(snap) = b.snapshot(&p.text_document.uri).await? else {
        return Ok(None);
    };
    b.compute(move || {
        Some(
            folding_ranges(&snap.doc)
                .iter()
                .map(|f| convert::folding_range(&snap.doc, f))
                .collect(),
        )
    })
    .await
}
