//! Fuzzy search over the corpus's ids and subjects (nucleo-matcher, the matcher
//! of the Helix editor).

use crate::corpus::{CableRecord, Index};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct SymbolHit {
    pub record: Arc<CableRecord>,
    pub score: u32,
}

/// The best `limit` cables for `query`, best first; `cancelled` is polled now and
/// then and stops the search early (an empty result).
pub fn search(
    index: &Index,
    query: &str,
    limit: usize,
    cancelled: &dyn Fn() -> bool,
) -> Vec<SymbolHit> {
    let query = query.trim();
    let mut hits: Vec<SymbolHit> = Vec::new();
    if query.is_empty() {
        hits = index
            .records()
            .filter(|r| r.id.is_some())
            .map(|r| SymbolHit {
                record: r.clone(),
                score: 0,
            })
            .collect();
    } else {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let need = query_mask(query);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        for (i, r) in index.records().enumerate() {
            if i % 4096 == 0 && cancelled() {
                return vec![];
            }
            // A record that lacks one of the query's letters cannot match.
            if r.chars & need != need {
                continue;
            }
            let mut best: Option<u32> = None;
            if let Some(id) = &r.id {
                best = pattern.score(Utf32Str::new(id, &mut buf), &mut matcher);
                // An id match outranks a subject match of the same score.
                best = best.map(|s| s.saturating_mul(2));
            }
            if let Some(s) = &r.subject {
                let sc = pattern.score(Utf32Str::new(s, &mut buf), &mut matcher);
                best = best.max(sc);
            }
            if let Some(score) = best {
                hits.push(SymbolHit {
                    record: r.clone(),
                    score,
                });
            }
        }
    }
    let key = |h: &SymbolHit| {
        (
            std::cmp::Reverse(h.score),
            h.record.id.clone(),
            h.record.path.clone(),
        )
    };
    if hits.len() > limit {
        hits.select_nth_unstable_by_key(limit, key);
        hits.truncate(limit);
    }
    hits.sort_by_key(key);
    hits
}

/// The letters and digits every match must hold: those of the query's positive
/// atoms (nucleo's `!atom` excludes, `^`, `$` and `'` only anchor).
fn query_mask(query: &str) -> u64 {
    query
        .split_whitespace()
        .filter(|a| !a.starts_with('!'))
        .map(|a| {
            let a: String = a.chars().filter(char::is_ascii_alphanumeric).collect();
            crate::corpus::record::char_mask(&a)
        })
        .fold(0, |m, x| m | x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_mask_keeps_what_must_match() {
        let m = crate::corpus::record::char_mask;
        assert_eq!(query_mask("^08ber"), m("08ber"));
        assert_eq!(query_mask("mtcr !paris"), m("mtcr"));
        assert_eq!(query_mask("'state$"), m("STATE"));
        assert_eq!(
            m("Zürich"),
            u64::MAX,
            "non-ASCII may match after normalisation"
        );
    }
}
