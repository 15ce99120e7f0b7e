//! textDocument/prepareCallHierarchy, callHierarchy/incomingCalls and
//! callHierarchy/outgoingCalls: the citation graph (who cites whom).

use crate::analysis::call_hierarchy::{self, Call};
use crate::server::position::Encoding;
use crate::server::{convert, workspace, Backend};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;

pub async fn prepare(
    b: &Backend,
    p: CallHierarchyPrepareParams,
) -> Result<Option<Vec<CallHierarchyItem>>> {
    let enc = b.encoding();
    b.at_cursor(p.text_document_position_params, move |cx, _, at| {
        let items: Vec<CallHierarchyItem> = (call_hierarchy::prepare(cx, at).iter())
            .filter_map(|n| convert::call_item(n, enc))
            .collect();
        (!items.is_empty()).then_some(items)
    })
    .await
}

pub async fn incoming(
    b: &Backend,
    p: CallHierarchyIncomingCallsParams,
) -> Result<Option<Vec<CallHierarchyIncomingCall>>> {
    let calls = calls_of(b, p.item, |idx, id, path| {
        call_hierarchy::incoming(idx, id, path)
    })
    .await?;
    Ok(Some(
        (calls.into_iter())
            .map(|(from, from_ranges)| CallHierarchyIncomingCall { from, from_ranges })
            .collect(),
    ))
}

pub async fn outgoing(
    b: &Backend,
    p: CallHierarchyOutgoingCallsParams,
) -> Result<Option<Vec<CallHierarchyOutgoingCall>>> {
    let calls = calls_of(b, p.item, |idx, _, path| {
        call_hierarchy::outgoing(idx, path)
    })
    .await?;
    Ok(Some(
        (calls.into_iter())
            .map(|(to, from_ranges)| CallHierarchyOutgoingCall { to, from_ranges })
            .collect(),
    ))
}

/// The calls `f` finds for an item (the cable's id and file), converted.
async fn calls_of(
    b: &Backend,
    item: CallHierarchyItem,
    f: impl FnOnce(&crate::corpus::Index, &str, &std::path::Path) -> Vec<Call> + Send + 'static,
) -> Result<Vec<(CallHierarchyItem, Vec<Range>)>> {
    // An open document's last edits reach the index when it is parsed.
    b.snapshot(&item.uri).await?;
    let id = convert::call_item_id(&item);
    let path = workspace::path_of(&item.uri);
    let enc: Encoding = b.encoding();
    let ws = b.workspace.clone();
    b.compute(move || {
        let idx = ws.index();
        (f(&idx, &id, &path).iter())
            .filter_map(|c| {
                let ranges = c.from.iter().map(|l| convert::loc_range(l, enc)).collect();
                Some((convert::call_item(&c.node, enc)?, ranges))
            })
            .collect()
    })
    .await
}
