//! `textDocument/semanticTokens`: full, range, and full/delta (the tokens of the
//! last full answer are kept per document; a delta is one edit replacing what
//! lies between the common start and the common end).

use crate::analysis::highlight::tokens;
use crate::server::{convert, position, Backend};
use std::collections::HashMap;
use std::sync::Mutex;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::{
    SemanticToken, SemanticTokens, SemanticTokensDelta, SemanticTokensDeltaParams,
    SemanticTokensEdit, SemanticTokensFullDeltaResult, SemanticTokensParams,
    SemanticTokensRangeParams, SemanticTokensRangeResult, SemanticTokensResult, Url,
};

/// The last tokens sent for each document, under their result id.
#[derive(Default)]
pub struct Sent {
    map: Mutex<HashMap<Url, (String, Vec<SemanticToken>)>>,
    next: std::sync::atomic::AtomicU64,
}

impl Sent {
    fn keep(&self, uri: Url, data: Vec<SemanticToken>) -> String {
        let id = self
            .next
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            .to_string();
        let mut m = self.map.lock().unwrap_or_else(|e| e.into_inner());
        m.insert(uri, (id.clone(), data));
        id
    }

    fn get(&self, uri: &Url, id: &str) -> Option<Vec<SemanticToken>> {
        let m = self.map.lock().unwrap_or_else(|e| e.into_inner());
        m.get(uri).filter(|(i, _)| i == id).map(|(_, d)| d.clone())
    }

    pub fn forget(&self, uri: &Url) {
        self.map
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(uri);
    }
}

async fn compute_full(b: &Backend, uri: &Url) -> Result<Option<Vec<SemanticToken>>> {
    let Some(snap) = b.snapshot(uri).await? else {
        return Ok(None);
    };
    let enc = b.encoding();
    b.compute(move || Some(convert::semantic_tokens(&snap.doc, &tokens(&snap.doc), enc)))
        .await
}

pub async fn full(b: &Backend, p: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
    let uri = p.text_document.uri;
    let Some(data) = compute_full(b, &uri).await? else {
        return Ok(None);
    };
    let id = b.sent_tokens.keep(uri, data.clone());
    Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: Some(id),
        data,
    })))
}

pub async fn full_delta(
    b: &Backend,
    p: SemanticTokensDeltaParams,
) -> Result<Option<SemanticTokensFullDeltaResult>> {
    let uri = p.text_document.uri;
    let Some(data) = compute_full(b, &uri).await? else {
        return Ok(None);
    };
    let old = b.sent_tokens.get(&uri, &p.previous_result_id);
    let id = b.sent_tokens.keep(uri, data.clone());
    Ok(Some(match old {
        Some(old) => SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
            result_id: Some(id),
            edits: delta(&old, &data).into_iter().collect(),
        }),
        // An id we no longer hold: the whole set.
        None => SemanticTokensFullDeltaResult::Tokens(SemanticTokens {
            result_id: Some(id),
            data,
        }),
    }))
}

/// The one edit turning `old` into `new` (none when they are equal). Edits count
/// in the integers of the encoded array: five per token.
pub fn delta(old: &[SemanticToken], new: &[SemanticToken]) -> Option<SemanticTokensEdit> {
    let pre = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let max_suf = old.len().min(new.len()) - pre;
    let suf = (old.iter().rev().zip(new.iter().rev()))
        .take(max_suf)
        .take_while(|(a, b)| a == b)
        .count();
    let removed = old.len() - pre - suf;
    let added = &new[pre..new.len() - suf];
    if removed == 0 && added.is_empty() {
        return None;
    }
    Some(SemanticTokensEdit {
        start: (pre * 5) as u32,
        delete_count: (removed * 5) as u32,
        data: (!added.is_empty()).then(|| added.to_vec()),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn t(n: u32) -> SemanticToken {
        SemanticToken {
            delta_line: n,
            delta_start: 0,
            length: 1,
            token_type: 0,
            token_modifiers_bitset: 0,
        }
    }

    fn apply(old: &[SemanticToken], e: Option<SemanticTokensEdit>) -> Vec<SemanticToken> {
        let mut v = old.to_vec();
        if let Some(e) = e {
            let (s, d) = (e.start as usize / 5, e.delete_count as usize / 5);
            v.splice(s..s + d, e.data.unwrap_or_default());
        }
        v
    }

    #[test]
    fn a_delta_applied_to_the_old_tokens_gives_the_new() {
        let cases: &[(&[u32], &[u32])] = &[
            (&[1, 2, 3], &[1, 2, 3]),
            (&[1, 2, 3], &[1, 9, 3]),
            (&[1, 2, 3], &[1, 3]),
            (&[1, 3], &[1, 2, 3]),
            (&[], &[1]),
            (&[1], &[]),
            (&[1, 1, 1], &[1, 1]),
            (&[1, 2, 1, 2], &[1, 2, 7, 1, 2]),
        ];
        for (a, b) in cases {
            let a: Vec<_> = a.iter().map(|&n| t(n)).collect();
            let b: Vec<_> = b.iter().map(|&n| t(n)).collect();
            let e = delta(&a, &b);
            assert_eq!(apply(&a, e.clone()), b, "{a:?} -> {b:?} by {e:?}");
        }
        assert!(delta(&[t(1)], &[t(1)]).is_none());
    }
}
