//! workspace/symbol: fuzzy search over the corpus's ids and subjects.

use crate::analysis::workspace_symbols::search;
use crate::server::{convert, Backend};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;

const LIMIT: usize = 200;

#[allow(deprecated)] // SymbolInformation::deprecated must be set
pub async fn symbol(
    b: &Backend,
    p: WorkspaceSymbolParams,
) -> Result<Option<Vec<SymbolInformation>>> {
    let enc = b.encoding();
    let ws = b.workspace.clone();
    b.compute_cancellable(move |cancelled| {
        let idx = ws.index();
        let hits = search(&idx, &p.query, LIMIT, &|| cancelled());
        Some(
            hits.iter()
                .filter_map(|h| {
                    let r = &h.record;
                    Some(SymbolInformation {
                        name: r.id.clone()?,
                        kind: SymbolKind::FILE,
                        tags: None,
                        deprecated: None,
                        location: Location::new(
                            convert::uri_of(&r.path)?,
                            convert::loc_range(&r.banner, enc),
                        ),
                        container_name: r.subject.clone(),
                    })
                })
                .collect(),
        )
    })
    .await
}
