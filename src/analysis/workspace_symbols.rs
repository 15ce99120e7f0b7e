//! Search over the corpus's ids and subjects: whole words first, then fuzzy
//! matches scored by nucleo-matcher (the matcher of the Helix editor).

use crate::corpus::symbols::{id_key, SymbolTable};
use crate::corpus::{CableRecord, Index};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use rayon::prelude::*;
use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::Arc;

/// Scattered matches are looked for only when fewer records than this hold
/// the query's words whole: a misspelling, or a query that is no word. With a
/// screenful of whole-word matches, scattered ones would only add noise after
/// them (and cost a scoring pass over every record).
pub const FUZZY_BELOW: usize = 20;

#[derive(Debug, Clone)]
pub struct SymbolHit {
    pub record: Arc<CableRecord>,
}

/// The best `limit` cables for `query`, best first; `cancelled` is polled now and
/// then and stops the search early (an empty result).
///
/// The search reads the index's [`SymbolTable`] (ids and subjects side by side,
/// lower case) on all cores. When the query is plain words, the records holding
/// every word whole (its letters in a row, case folded; all in the id, or all
/// in the subject) come first: ids before subjects, fewer words found inside
/// another word first, then by id. Only when they are fewer than
/// [`FUZZY_BELOW`] are the scattered matches (each word a subsequence) scored
/// by nucleo, on the lower-case text, to fill the rest. A query in nucleo's
/// syntax (`^`, `'`, `$`, `!`) is scored by nucleo alone. A record whose
/// letters lack one of the query's is passed over at once; one with other than
/// ASCII is read from its record.
pub fn search(
    index: &Index,
    query: &str,
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Vec<SymbolHit> {
    let query = query.trim();
    if cancelled() || limit == 0 {
        return vec![];
    }
    if query.is_empty() {
        return first_ids(index, limit);
    }
    let table = index.symbols();
    let need = query_mask(query);
    let atoms = positive_atoms(query);
    let plain = query
        .split_whitespace()
        .all(|w| w.bytes().all(|b| b.is_ascii_alphanumeric()));
    let stop = AtomicBool::new(false);
    // First the whole-word matches; the scattered ones only if they are too few.
    let whole = if plain {
        match whole_words(table, &atoms, cancelled) {
            Some(w) => w,
            None => return vec![],
        }
    } else {
        vec![]
    };
    if cancelled() {
        return vec![];
    }
    let rows = table.rows();
    let rec = |i: usize| index.record_at(i).cloned().map(SymbolHit::from);

    // Whole-word matches, ranked without scoring (and without visiting the
    // records but the chosen ones, or those whose ids tie): by the place found,
    // then the id: its first 16 bytes kept beside (compared in order, not read
    // from the table), the rest on a tie.
    let mut whole = whole;
    best(&mut whole, limit, |a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| by_id(index, a.2, b.2))
    });
    let fuzzy = whole.len() < FUZZY_BELOW.min(limit);
    let marked = {
        let mut m = vec![false; if fuzzy { rows.len() } else { 0 }];
        for w in &whole {
            if let Some(m) = m.get_mut(w.2) {
                *m = true;
            }
        }
        m
    };
    let mut hits: Vec<SymbolHit> = whole.iter().filter_map(|w| rec(w.2)).collect();
    if !fuzzy {
        return hits;
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);

    // The scattered matches, scored by nucleo on the table's text (one pass on
    // all cores; a record is read only for a row that is not ASCII).
    let mut more: Vec<(u32, u128, usize)> = rows
        .par_iter()
        .enumerate()
        .with_min_len(4096)
        .map_init(
            || (0u32, Matcher::new(Config::DEFAULT), Vec::new()),
            |(n, matcher, buf), (i, r)| {
                *n += 1;
                if *n % 4096 == 0 && cancelled() {
                    stop.store(true, Relaxed);
                }
                if !r.live() || r.mask & need != need || marked[i] || stop.load(Relaxed) {
                    return None;
                }
                if !r.ascii() {
                    let s = score_record(&pattern, matcher, buf, index.record_at(i)?)?;
                    return Some((s, id_key(lower_id(index, i).as_deref()), i));
                }
                // Every atom must be a subsequence (nucleo's fuzzy match) of
                // the text scored: a quick test first.
                let (id, subject) = (table.id(r), table.subject(r));
                let id = id.filter(|h| subsequences(h, &atoms));
                let subject = subject.filter(|h| subsequences(h, &atoms));
                let s = score_text(&pattern, matcher, id, subject)?;
                Some((s, id_key(table.id(r)), i))
            },
        )
        .flatten()
        .collect();
    if stop.load(Relaxed) || cancelled() {
        return vec![];
    }
    // Best score first, then by id.
    best(&mut more, limit - hits.len(), |a, b| {
        (b.0, a.1)
            .cmp(&(a.0, b.1))
            .then_with(|| by_id(index, a.2, b.2))
    });
    hits.extend(more.iter().filter_map(|m| rec(m.2)));
    hits
}

/// The order of rows `a` and `b` by id, case folded (then as written, then by
/// path).
fn by_id(index: &Index, a: usize, b: usize) -> std::cmp::Ordering {
    let key = |i: usize| index.record_at(i).map(|r| (r.id.clone(), r.path.clone()));
    (lower_id(index, a).cmp(&lower_id(index, b))).then_with(|| key(a).cmp(&key(b)))
}

/// Row `i`'s id, lower case: from the table, or from the record when it is
/// not ASCII.
fn lower_id(index: &Index, i: usize) -> Option<Cow<'_, [u8]>> {
    let table = index.symbols();
    let r = table.rows().get(i)?;
    match r.ascii() {
        true => table.id(r).map(Cow::Borrowed),
        false => {
            let id = index.record_at(i)?.id.as_ref()?;
            Some(Cow::Owned(id.to_ascii_lowercase().into_bytes()))
        }
    }
}

impl From<Arc<CableRecord>> for SymbolHit {
    fn from(record: Arc<CableRecord>) -> Self {
        SymbolHit { record }
    }
}

/// The records with the first ids (case folded), for an empty query.
fn first_ids(index: &Index, limit: usize) -> Vec<SymbolHit> {
    let mut keyed: Vec<(u128, usize)> = index
        .symbols()
        .rows()
        .par_iter()
        .enumerate()
        .with_min_len(4096)
        .filter(|(_, r)| r.live())
        .filter_map(|(i, _)| Some((id_key(Some(&lower_id(index, i)?)), i)))
        .collect();
    best(&mut keyed, limit, |a, b| {
        a.0.cmp(&b.0).then_with(|| by_id(index, a.1, b.1))
    });
    keyed
        .iter()
        .filter_map(|k| Some(SymbolHit::from(index.record_at(k.1)?.clone())))
        .collect()
}

/// Where a record holds the query's words whole, best first: in its id (0) or
/// subject (1), then how many words were found inside another word.
type Found = (u8, u32);

/// nucleo's score of an id and subject (lower case): the id's (doubled: an id
/// match outranks a subject match of the same score) or the subject's, the
/// better.
fn score_text(
    pattern: &Pattern,
    matcher: &mut Matcher,
    id: Option<&[u8]>,
    subject: Option<&[u8]>,
) -> Option<u32> {
    let id = id
        .and_then(|h| pattern.score(Utf32Str::Ascii(h), matcher))
        .map(|s| s.saturating_mul(2));
    let subject = subject.and_then(|h| pattern.score(Utf32Str::Ascii(h), matcher));
    id.max(subject)
}

/// [`score_text`] of a record's id and subject, whatever their script.
fn score_record(
    pattern: &Pattern,
    matcher: &mut Matcher,
    buf: &mut Vec<char>,
    r: &CableRecord,
) -> Option<u32> {
    let lower = |s: &Option<String>| s.as_deref().map(str::to_lowercase);
    let (id, subject) = (lower(&r.id), lower(&r.subject));
    let id = id
        .and_then(|h| pattern.score(Utf32Str::new(&h, buf), matcher))
        .map(|s| s.saturating_mul(2));
    let subject = subject.and_then(|h| pattern.score(Utf32Str::new(&h, buf), matcher));
    id.max(subject)
}

/// Keeps the first `limit` of `v` in `cmp`'s order, sorted.
fn best<T>(v: &mut Vec<T>, limit: usize, cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if v.len() > limit {
        v.select_nth_unstable_by(limit, &cmp);
        v.truncate(limit);
    }
    v.sort_by(cmp);
}

/// The rows holding every word whole, in their id or else their subject, each
/// with its id's [`crate::corpus::symbols::id_key`]; `None` when cancelled.
///
/// The words are taken rarest first (by a count over a sample of the table).
/// The first is looked for in the whole table; each next one too while the
/// texts still in the running are many (one pass over the table and a merge),
/// or in those texts alone once they are few (a read of each costs about as
/// much as a pass over 64 rows' worth of table).
fn whole_words(
    table: &SymbolTable,
    words: &[Vec<u8>],
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<(Found, u128, usize)>> {
    let mut words: Vec<&[u8]> = words.iter().map(Vec::as_slice).collect();
    words.sort_by_cached_key(|w| table.sample_count(w));
    let mut acc: Vec<Acc> = Vec::new();
    for (k, w) in words.into_iter().enumerate() {
        if cancelled() {
            return None;
        }
        let few = acc.len() * 64 < table.rows().len();
        acc = if k > 0 && few {
            acc.into_par_iter()
                .with_min_len(256)
                .filter_map(|a| {
                    let here = table
                        .places(a.entry, w)
                        .map(|p| p.map(|at_start| u32::from(!at_start)));
                    a.and(here)
                })
                .collect()
        } else {
            let mut mine: Vec<Acc> = Vec::new();
            for h in table.find(w).into_iter().flatten() {
                if mine.last().is_none_or(|m| m.entry != h.entry) {
                    mine.push(Acc {
                        entry: h.entry,
                        row: h.row,
                        id_key: h.id_key,
                        inside: [None, None],
                    });
                }
                let place = &mut mine.last_mut().unwrap().inside[usize::from(!h.in_id)];
                // A hit at a word's start counts over one inside a word.
                let c = u32::from(!h.at_start);
                *place = Some(place.map_or(c, |p| p.min(c)));
            }
            if k == 0 {
                mine
            } else {
                // Both lists are in the texts' order: a merge.
                let mut j = 0;
                acc.into_iter()
                    .filter_map(|a| {
                        while mine.get(j).is_some_and(|m| m.entry < a.entry) {
                            j += 1;
                        }
                        let m = mine.get(j).filter(|m| m.entry == a.entry)?;
                        a.and(m.inside)
                    })
                    .collect()
            }
        };
    }
    Some(
        acc.into_iter()
            .map(|a| {
                let found: Found = match a.inside {
                    [Some(c), _] => (0, c),
                    [None, c] => (1, c.unwrap_or(0)),
                };
                (found, a.id_key, a.row as usize)
            })
            .collect(),
    )
}

/// A text holding the words so far: for its id and its subject, how many
/// were found only inside another word (`None`: a word is missing there).
struct Acc {
    entry: u32,
    row: u32,
    id_key: u128,
    inside: [Option<u32>; 2],
}

impl Acc {
    /// With one more word, found (inside a word: 1) in the id and subject as
    /// `more` says; `None` when in neither all the words are found.
    fn and(self, more: [Option<u32>; 2]) -> Option<Acc> {
        let add = |x: Option<u32>, y: Option<u32>| Some(x? + y?);
        let inside = [add(self.inside[0], more[0]), add(self.inside[1], more[1])];
        (inside != [None, None]).then_some(Acc { inside, ..self })
    }
}

/// Is every atom (lower case) a subsequence of `hay` (lower case)?
fn subsequences(hay: &[u8], atoms: &[Vec<u8>]) -> bool {
    atoms.iter().all(|a| {
        let mut at = 0;
        a.iter().all(|&c| match memchr::memchr(c, &hay[at..]) {
            Some(i) => {
                at += i + 1;
                true
            }
            None => false,
        })
    })
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
