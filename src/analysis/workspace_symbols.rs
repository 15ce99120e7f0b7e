//! Search over the corpus's ids and subjects: whole words first, then fuzzy
//! matches scored by nucleo-matcher (the matcher of the Helix editor).

use crate::corpus::id_order::inside_count;
use crate::corpus::symbols::{id_key, Row};
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
        match whole_words(index, &atoms, limit, cancelled) {
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

    // The scattered matches, scored by nucleo on the table's text (one pass
    // over it on all cores, a chunk at a time), then the rows that are not
    // ASCII, read from their records. A matcher is made only where there is
    // something to score: making one (and zeroing its scratch memory) for
    // every chunk would cost milliseconds.
    let fresh = |row: u32| !marked[row as usize];
    let mut more: Vec<(u32, u128, usize)> = table
        .par_texts()
        .flat_map_iter(|texts| {
            let mut matcher = None;
            let mut out = Vec::new();
            if cancelled() {
                stop.store(true, Relaxed);
            }
            if stop.load(Relaxed) {
                return out;
            }
            // The query's letters all in the id, or all in the subject; every
            // atom a subsequence (nucleo's fuzzy match) of the text scored.
            let side = |h: &[u8], mask: u64| mask & need == need && subsequences(h, &atoms);
            for t in texts {
                let id = text(t.id).filter(|h| side(h, t.masks[0]));
                let subject = text(t.subject).filter(|h| side(h, t.masks[1]));
                if (id.is_none() && subject.is_none()) || !fresh(t.row) {
                    continue;
                }
                let m = matcher.get_or_insert_with(|| Matcher::new(Config::DEFAULT));
                if let Some(s) = score_text(&pattern, m, id, subject) {
                    out.push((s, id_key(text(t.id)), t.row as usize));
                }
            }
            out
        })
        .collect();
    let (mut matcher, mut buf) = (None, Vec::new());
    for i in table.unusual().map(|f| f as usize) {
        let (Some(r), Some(rec)) = (rows.get(i), index.record_at(i)) else {
            continue;
        };
        if r.mask & need != need || !fresh(i as u32) {
            continue;
        }
        let m = matcher.get_or_insert_with(|| Matcher::new(Config::DEFAULT));
        if let Some(s) = score_record(&pattern, m, &mut buf, rec) {
            more.push((s, id_key(lower_id(index, i).as_deref()), i));
        }
    }
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

/// Where a record holds the query's words, best first: whole in its id (0) or
/// subject (1), then how many words were found inside another word; or near
/// them in its subject ([`NEAR`]), then the typos.
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
/// with its id's [`id_key`]; at least the best `limit` of them (of each
/// kind, ids before subjects); `None` when cancelled.
///
/// The table's id-order copy is read in one pass for the ids, and one for the
/// subjects unless the ids gave `limit` rows: each pass looks for the rarest
/// word (by a count over a sample of the subjects), checks the others in the
/// text it found it in, and stops early (see [`crate::corpus::id_order::IdOrder`]). Rows changed since
/// the copy was made are checked one by one.
fn whole_words(
    index: &Index,
    words: &[Vec<u8>],
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<(Found, u128, usize)>> {
    let table = index.symbols();
    let order = table.id_order();
    let mut words: Vec<&[u8]> = words.iter().map(Vec::as_slice).collect();
    words.sort_by_cached_key(|w| (order.sample_count(w), std::cmp::Reverse(w.len())));
    let rows = table.rows();
    let mut out = Vec::new();
    let mut add = |side: u8, classes: Vec<Vec<u32>>, skip: &[u32]| {
        for (c, ranks) in classes.into_iter().enumerate() {
            for k in ranks.into_iter().filter(|k| skip.binary_search(k).is_err()) {
                let f = order.row(k);
                let key = id_key(table.id(&rows[f as usize]));
                out.push(((side, c as u32), key, f as usize));
            }
        }
    };
    let in_ids = order.in_ids(&words, limit);
    let mut found_in_ids: Vec<u32> = in_ids.iter().flatten().copied().collect();
    found_in_ids.sort_unstable();
    add(0, in_ids, &[]);
    if found_in_ids.len() < limit {
        if cancelled() {
            return None;
        }
        add(1, order.in_subjects(&words, limit), &found_in_ids);
    }
    for (f, r) in table.changed() {
        if let Some(found) = found_in([table.id(r), table.subject(r)], &words) {
            out.push((found, id_key(table.id(r)), f as usize));
        }
    }
    // Rows not ASCII, from their records.
    let unusual: Vec<(u32, Option<String>, Option<String>)> = (table.unusual())
        .filter_map(|f| {
            let rec = index.record_at(f as usize)?;
            let lower = |s: &Option<String>| s.as_deref().map(str::to_lowercase);
            Some((f, lower(&rec.id), lower(&rec.subject)))
        })
        .collect();
    for (f, id, subject) in &unusual {
        let texts = [id.as_deref(), subject.as_deref()].map(|t| t.map(str::as_bytes));
        if let Some(found) = found_in(texts, &words) {
            out.push((found, id_key(texts[0]), *f as usize));
        }
    }
    // Too few: the subjects with words near the query's (a typo, an
    // abbreviation) come after, fewest typos first.
    if out.len() < limit {
        if cancelled() {
            return None;
        }
        let mut taken: Vec<usize> = out.iter().map(|o| o.2).collect();
        taken.sort_unstable();
        let near_words = order.near(&words);
        let mut near = Vec::new();
        for (cost, k) in order.near_in_subjects(&near_words, limit) {
            let f = order.row(k);
            near.push((
                (NEAR, cost),
                id_key(table.id(&rows[f as usize])),
                f as usize,
            ));
        }
        // Rows changed since the copy (up to an eighth of them), on all cores.
        let changed: Vec<(u32, &Row)> = table.changed().collect();
        near.par_extend(changed.par_iter().with_min_len(1024).filter_map(|&(f, r)| {
            let cost = near_words.cost_of(table.subject(r)?)?;
            Some(((NEAR, cost), id_key(table.id(r)), f as usize))
        }));
        for (f, id, subject) in &unusual {
            if let Some(cost) = (subject.as_deref()).and_then(|s| near_words.cost_of(s.as_bytes()))
            {
                near.push((
                    (NEAR, cost),
                    id_key(id.as_deref().map(str::as_bytes)),
                    *f as usize,
                ));
            }
        }
        out.extend(
            near.into_iter()
                .filter(|n| taken.binary_search(&n.2).is_err()),
        );
    }
    Some(out)
}

/// The side of a [`Found`] for subjects with words near the query's.
const NEAR: u8 = 2;

/// Where an id and a subject (lower case) hold every word whole: in the id
/// (0) or else the subject (1), with how many words only inside another.
fn found_in(texts: [Option<&[u8]>; 2], words: &[&[u8]]) -> Option<Found> {
    let count = |t: Option<&[u8]>| Some(inside_count(t?, words)? as u32);
    match texts.map(count) {
        [Some(c), _] => Some((0, c)),
        [None, Some(c)] => Some((1, c)),
        [None, None] => None,
    }
}

/// A text of the table; `None` when empty.
fn text(h: &[u8]) -> Option<&[u8]> {
    (!h.is_empty()).then_some(h)
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
