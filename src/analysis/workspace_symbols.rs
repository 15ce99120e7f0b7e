//! Fuzzy search over the corpus's ids and subjects (nucleo-matcher, the matcher
//! of the Helix editor).

use crate::corpus::{CableRecord, Index};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use rayon::prelude::*;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct SymbolHit {
    pub record: Arc<CableRecord>,
    pub score: u32,
}

/// The best `limit` cables for `query`, best first; `cancelled` is polled now and
/// then and stops the search early (an empty result).
///
/// Two cheap checks run before nucleo scores a record: its letter mask must hold
/// the query's letters, and each atom of the query must be a subsequence (case
/// folded) of its id or of its subject, which every nucleo match is. The records
/// are searched on all cores.
pub fn search(
    index: &Index,
    query: &str,
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Vec<SymbolHit> {
    let query = query.trim();
    if cancelled() {
        return vec![];
    }
    let mut hits: Vec<SymbolHit> = if query.is_empty() {
        index
            .records()
            .filter(|r| r.id.is_some())
            .map(|r| SymbolHit {
                record: r.clone(),
                score: 0,
            })
            .collect()
    } else {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let need = query_mask(query);
        let atoms = positive_atoms(query);
        let stop = std::sync::atomic::AtomicBool::new(false);
        let found: Vec<SymbolHit> = index
            .par_records()
            .with_min_len(2048)
            .map_init(
                || (Matcher::new(Config::DEFAULT), Vec::new(), 0u32),
                |(matcher, buf, n), r| {
                    let r = r?;
                    *n += 1;
                    if *n % 4096 == 0 && cancelled() {
                        stop.store(true, std::sync::atomic::Ordering::Relaxed);
                    }
                    // A record that lacks one of the query's letters cannot match.
                    if r.chars & need != need || stop.load(std::sync::atomic::Ordering::Relaxed) {
                        return None;
                    }
                    let mut best: Option<u32> = None;
                    if let Some(id) = r.id.as_deref().filter(|h| may_match(h, &atoms)) {
                        // An id match outranks a subject match of the same score.
                        best = pattern
                            .score(Utf32Str::new(id, buf), matcher)
                            .map(|s| s.saturating_mul(2));
                    }
                    if let Some(s) = r.subject.as_deref().filter(|h| may_match(h, &atoms)) {
                        best = best.max(pattern.score(Utf32Str::new(s, buf), matcher));
                    }
                    best.map(|score| SymbolHit {
                        record: r.clone(),
                        score,
                    })
                },
            )
            .flatten()
            .collect();
        if stop.load(std::sync::atomic::Ordering::Relaxed) || cancelled() {
            return vec![];
        }
        found
    };
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

/// The ASCII letters and digits of each positive atom, lower case.
fn positive_atoms(query: &str) -> Vec<Vec<u8>> {
    query
        .split_whitespace()
        .filter(|a| !a.starts_with('!'))
        .map(|a| {
            a.bytes()
                .filter(u8::is_ascii_alphanumeric)
                .map(|b| b.to_ascii_lowercase())
                .collect::<Vec<u8>>()
        })
        .filter(|a| !a.is_empty())
        .collect()
}

/// Could every atom match `hay`? Each must be a subsequence of it, case folded;
/// text with other than ASCII may match after normalisation, so it passes.
fn may_match(hay: &str, atoms: &[Vec<u8>]) -> bool {
    if !hay.is_ascii() {
        return true;
    }
    let h = hay.as_bytes();
    atoms.iter().all(|a| {
        let mut at = 0;
        a.iter().all(|&c| {
            let up = c.to_ascii_uppercase();
            match memchr::memchr2(c, up, &h[at..]) {
                Some(i) => {
                    at += i + 1;
                    true
                }
                None => false,
            }
        })
    })
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
