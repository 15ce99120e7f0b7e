//! Workspace symbol search against a model: over random ids and subjects, and
//! random inserts, changes and removals (so that rows are both in the search
//! table's id-order copy and changed since it), a plain-word query's whole-word
//! answers are exactly those a brute-force ranking of every record gives: all
//! words in the id before all in the subject, fewer words found only inside
//! another word first, then by id (case folded, then as written, then path).
//! A misspelt query's answers are the records whose subject has words near
//! its words (a typo, an abbreviation, by `vocab::word_cost`), fewest typos
//! first, then by id; when those are few, then the scattered answers of
//! nucleo scoring every other record's id and subject, best first, then by id.

use cable_lsp::analysis::workspace_symbols::{search, FUZZY_BELOW};
use cable_lsp::corpus::vocab::near_cost;
use cable_lsp::corpus::{record::char_mask, CableRecord, Index, Loc};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

const STATIONS: &[&str] = &["STATE", "Berlin", "PARIS", "InterState", "ENERGYA"];
const WORDS: &[&str] = &[
    "ENERGY",
    "synergy",
    "Dialogue",
    "STATE",
    "interstate",
    "MTCR",
    "POC",
    "E",
    "energy-dialogue",
    "greenergy",
    "Paris:",
    "Zürich",
    "énergie",
];
const QUERIES: &[&str] = &[
    "energy", "e", "en", "state", "dialogue", "rgy", "mtcr", "poc", "paris", "08", "berlin", "a",
    "ergy", "09state1", "rich", "nergie",
];

fn record(path: usize, id: Option<String>, subject: Option<String>) -> CableRecord {
    let chars =
        char_mask(id.as_deref().unwrap_or("")) | char_mask(subject.as_deref().unwrap_or(""));
    CableRecord {
        path: PathBuf::from(format!("/c/{path:03}.txt")),
        id,
        date: None,
        origin: None,
        level: None,
        caveats: vec![],
        subject,
        tags: vec![],
        excerpt: None,
        chars,
        banner: Loc::default(),
        cites: vec![],
        poc: vec![],
        stamp: None,
        buffer: None,
    }
}

fn arb_record() -> impl Strategy<Value = CableRecord> {
    let id = proptest::option::weighted(
        0.9,
        (8u8..10, 0..STATIONS.len(), 1u32..40)
            .prop_map(|(y, s, n)| format!("{y:02}{}{n}", STATIONS[s])),
    );
    let subject = proptest::option::weighted(
        0.9,
        proptest::collection::vec(0..WORDS.len(), 1..5)
            .prop_map(|ws| ws.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ")),
    );
    (0usize..60, id, subject).prop_map(|(p, id, s)| record(p, id, s))
}

/// Where `w` stands in `hay` (lower case): `None`, or whether at a word's start.
fn place(hay: &str, w: &str) -> Option<bool> {
    let mut found = None;
    for (p, _) in hay.match_indices(w) {
        let before = p.checked_sub(1).map(|q| hay.as_bytes()[q]);
        let at_start = before.is_none_or(|b| !(b.is_ascii_alphanumeric() || b >= 0x80));
        found = Some(found.unwrap_or(false) || at_start);
    }
    found
}

/// The brute-force ranking of every record holding the words whole.
fn model(index: &Index, query: &str) -> Vec<(Option<String>, PathBuf)> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let inside = |text: &Option<String>| -> Option<u32> {
        let t = text.as_deref()?.to_lowercase();
        words
            .iter()
            .map(|w| place(&t, w).map(|s| u32::from(!s)))
            .sum()
    };
    let mut v: Vec<_> = index
        .records()
        .filter_map(|r| {
            let found = match (inside(&r.id), inside(&r.subject)) {
                (Some(c), _) => (0, c),
                (None, Some(c)) => (1, c),
                (None, None) => return None,
            };
            let lower = r.id.as_deref().map(str::to_lowercase);
            Some((found, lower, r.id.clone(), r.path.clone()))
        })
        .collect();
    v.sort();
    v.into_iter().map(|(_, _, id, p)| (id, p)).collect()
}

/// An index of `first` (a bulk load), then `edits` applied one by one: a
/// record removed (`true`) or inserted.
fn edited(first: Vec<CableRecord>, edits: Vec<(bool, CableRecord)>) -> Index {
    let mut index = Index::default();
    index.extend(first.into_iter().map(Arc::new));
    for (remove, r) in edits {
        if remove {
            index.remove(&r.path);
        } else {
            index.insert(r);
        }
    }
    index
}

fn check(index: &Index, query: &str, limit: usize) -> Result<(), TestCaseError> {
    let want = model(index, query);
    let got: Vec<_> = search(index, query, limit, &|| false)
        .iter()
        .map(|h| (h.record.id.clone(), h.record.path.clone()))
        .collect();
    let n = want.len().min(limit);
    prop_assert!(got.len() >= n, "{query:?}: {} answers, want {n}", got.len());
    prop_assert_eq!(&got[..n], &want[..n], "query {:?}, limit {}", query, limit);
    Ok(())
}

/// Every record nucleo matches, by score (an id's doubled) then by id.
fn scattered_model(index: &Index, query: &str) -> Vec<(Option<String>, PathBuf)> {
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let (mut matcher, mut buf) = (Matcher::new(Config::DEFAULT), Vec::new());
    let mut score = |s: &Option<String>| {
        let h = s.as_deref()?.to_lowercase();
        pattern.score(Utf32Str::new(&h, &mut buf), &mut matcher)
    };
    let mut v: Vec<_> = index
        .records()
        .filter_map(|r| {
            let s = score(&r.id)
                .map(|s| s.saturating_mul(2))
                .max(score(&r.subject))?;
            let lower = r.id.as_deref().map(str::to_lowercase);
            Some((std::cmp::Reverse(s), lower, r.id.clone(), r.path.clone()))
        })
        .collect();
    v.sort();
    v.into_iter().map(|(_, _, id, p)| (id, p)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn whole_word_answers_equal_a_brute_force_ranking(
        first in proptest::collection::vec(arb_record(), 0..60),
        edits in proptest::collection::vec((any::<bool>(), arb_record()), 0..30),
        settle in any::<bool>(),
        queries in proptest::collection::vec((0..QUERIES.len(), 0..QUERIES.len(), any::<bool>()), 1..6),
        limit in 1usize..40,
    ) {
        let mut index = edited(first, edits);
        if settle {
            index.settle();
        }
        for (a, b, two) in queries {
            let q = if two { format!("{} {}", QUERIES[a], QUERIES[b]) } else { QUERIES[a].to_string() };
            check(&index, &q, limit)?;
        }
    }
}

/// Every record whose subject has words near the query's, by the sum of
/// their typos, then by id.
fn near_model(index: &Index, query: &str) -> Vec<(Option<String>, PathBuf)> {
    let words: Vec<Vec<u8>> = query
        .split_whitespace()
        .map(|w| w.to_lowercase().into_bytes())
        .collect();
    let words: Vec<&[u8]> = words.iter().map(Vec::as_slice).collect();
    let mut v: Vec<_> = index
        .records()
        .filter_map(|r| {
            let subject = r.subject.as_deref()?.to_lowercase();
            let cost = near_cost(subject.as_bytes(), &words)?;
            let lower = r.id.as_deref().map(str::to_lowercase);
            Some((cost, lower, r.id.clone(), r.path.clone()))
        })
        .collect();
    v.sort();
    v.into_iter().map(|(_, _, id, p)| (id, p)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Misspellings no record holds whole: the near words' answers, then
    /// (when they are few) the scattered ones.
    #[test]
    fn misspelt_answers_equal_near_words_then_nucleo_over_every_record(
        first in proptest::collection::vec(arb_record(), 0..60),
        edits in proptest::collection::vec((any::<bool>(), arb_record()), 0..20),
        settle in any::<bool>(),
        q in 0..10usize,
        limit in 1usize..40,
    ) {
        let mut index = edited(first, edits);
        if settle {
            index.settle();
        }
        let query = ["enrgy", "dlg", "zrch", "stt", "08brln", "nrg dlg", "stae dialgoue", "mtrc", "dilog enrg", "synrgy poc"][q];
        prop_assert!(model(&index, query).is_empty(), "{query:?} is held whole");
        let mut want = near_model(&index, query);
        want.truncate(limit);
        if want.len() < FUZZY_BELOW.min(limit) {
            let more: Vec<_> = scattered_model(&index, query).into_iter().filter(|r| !want.contains(r)).collect();
            want.extend(more);
            want.truncate(limit);
        }
        let got: Vec<_> = search(&index, query, limit, &|| false)
            .iter()
            .map(|h| (h.record.id.clone(), h.record.path.clone()))
            .collect();
        prop_assert_eq!(got, want, "query {:?}", query);
    }
}

/// Past 4,096 changes the id-order copy is made again as records go in one
/// by one; answers stay exact before and after.
#[test]
fn answers_stay_exact_as_the_copy_is_made_again() {
    let mut index = Index::default();
    let words = ["ENERGY", "synergy", "Dialogue", "STATE", "mtcr"];
    for i in 0..9000usize {
        let id = format!(
            "{:02}{}{}",
            8 + i % 2,
            STATIONS[i % STATIONS.len()],
            i % 977
        );
        let subject = format!("{} {}", words[i % 5], words[(i / 5) % 5]);
        let mut r = record(0, Some(id), Some(subject));
        r.path = PathBuf::from(format!("/c/{}.txt", i % 7000));
        index.insert(r);
        if i % 1500 == 0 {
            for q in ["energy", "state dialogue", "rgy", "09"] {
                check(&index, q, 25).unwrap();
            }
        }
    }
    for q in ["energy", "state dialogue", "rgy", "09", "e"] {
        check(&index, q, 25).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// A bulk load into an empty index (a warm start) builds what inserting
    /// the records one by one builds, a later record of a path replacing an
    /// earlier one.
    #[test]
    fn a_bulk_load_equals_inserts_one_by_one(recs in proptest::collection::vec(arb_record(), 0..80)) {
        let mut bulk = Index::default();
        bulk.extend(recs.iter().cloned().map(Arc::new));
        let mut one = Index::default();
        for r in recs {
            one.insert(r);
        }
        prop_assert_eq!(bulk.len(), one.len());
        prop_assert_eq!(bulk.digest(), one.digest());
        for q in ["energy", "state dialogue", "rich", "enrgy"] {
            let ids = |i: &Index| search(i, q, 50, &|| false).iter().map(|h| h.record.path.clone()).collect::<Vec<_>>();
            prop_assert_eq!(ids(&bulk), ids(&one), "query {:?}", q);
        }
    }
}
