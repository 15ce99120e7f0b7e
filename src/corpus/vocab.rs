//! The subjects' words, for searches with a typo in them: each distinct word
//! once, with the ranks (of the id-order copy, see [`super::id_order`]) whose
//! subject holds it, in order. A query word is compared with each word of the
//! vocabulary (tens of thousands, not hundreds of thousands of subjects), and
//! the ranks of the words near it are read from their lists.

use super::record::byte_mask as mask;
use rustc_hash::FxHashMap;

#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Each word's index.
    index: FxHashMap<Box<[u8]>, u32>,
    /// The words, one after another; word `i` ends at `ends[i]`.
    text: Vec<u8>,
    ends: Vec<u32>,
    /// Each word's letters and digits (see [`super::record::char_mask`]).
    masks: Vec<u64>,
    /// Word `i`'s ranks are `ranks[firsts[i]..firsts[i + 1]]`, ascending.
    firsts: Vec<u32>,
    ranks: Vec<u32>,
}

impl Vocab {
    /// The vocabulary of `texts`, one per rank, each a run of lower-case words
    /// of ASCII letters and digits, each word after a `\n`.
    pub fn new<'a>(texts: impl Iterator<Item = &'a [u8]>) -> Vocab {
        let mut ids: FxHashMap<&[u8], u32> = FxHashMap::default();
        let mut words: Vec<&[u8]> = Vec::new();
        // (word, rank) for every word of every text, a rank's words once.
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for (rank, t) in texts.enumerate() {
            let first = pairs.len();
            for w in t.split(|&b| b == b'\n').filter(|w| !w.is_empty()) {
                let next = words.len() as u32;
                let i = *ids.entry(w).or_insert_with(|| {
                    words.push(w);
                    next
                });
                if !pairs[first..].iter().any(|p| p.0 == i) {
                    pairs.push((i, rank as u32));
                }
            }
        }
        let mut v = Vocab::default();
        let mut counts = vec![0u32; words.len() + 1];
        for p in &pairs {
            counts[p.0 as usize + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        v.firsts = counts.clone();
        v.ranks = vec![0; pairs.len()];
        // Pairs come in rank order: each word's list is filled ascending.
        for (w, rank) in pairs {
            let at = &mut counts[w as usize];
            v.ranks[*at as usize] = rank;
            *at += 1;
        }
        for w in &words {
            v.text.extend_from_slice(w);
            v.ends.push(v.text.len() as u32);
            v.masks.push(mask(w));
        }
        v.index = ids.into_iter().map(|(w, i)| (w.into(), i)).collect();
        v
    }

    /// The index of word `w`, if the vocabulary holds it.
    pub fn index_of(&self, w: &[u8]) -> Option<u32> {
        self.index.get(w).copied()
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn word(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The ranks whose text holds word `i`, ascending.
    pub fn ranks(&self, i: usize) -> &[u32] {
        &self.ranks[self.firsts[i] as usize..self.firsts[i + 1] as usize]
    }

    /// The words near `query` (lower-case letters and digits), each with its
    /// cost (see [`word_cost`]).
    pub fn near(&self, query: &[u8], last: bool) -> Vec<(u32, u8)> {
        self.near_query(&Query::new(query, last))
    }

    fn near_query(&self, q: &Query<'_>) -> Vec<(u32, u8)> {
        let need = mask(q.word);
        let slack = typos_allowed(q.word.len()) as u32;
        (0..self.len())
            .filter(|&i| (need & !self.masks[i]).count_ones() <= slack)
            .filter_map(|i| Some((i as u32, q.cost(self.word(i))?)))
            .collect()
    }
}

/// How many typos a query word of `len` letters may hold: none under four
/// letters (too many words are one edit from a short one), one up to seven,
/// two from eight.
pub fn typos_allowed(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// How far the query word `q` is from the word `w` (both lower case), when
/// near enough: 0 when `w` holds `q` (as the search for whole words finds
/// it), else the typos between them (a letter left out, added, changed, or two
/// swapped: `bugdet`, `elction`, `mtrc`), up to [`typos_allowed`]; with `last`
/// (the word being typed) against `w`'s start too (`elcti` for `election`).
/// An abbreviation (`hmn` for `human`: three letters or more, `w`'s first, in
/// order) costs 2 unless closer.
pub fn word_cost(q: &[u8], w: &[u8], last: bool) -> Option<u8> {
    Query::new(q, last).cost(w)
}

/// A query word, ready to be compared with many words.
struct Query<'a> {
    word: &'a [u8],
    finder: memchr::memmem::Finder<'a>,
    last: bool,
}

impl<'a> Query<'a> {
    fn new(word: &'a [u8], last: bool) -> Self {
        let finder = memchr::memmem::Finder::new(word);
        Query { word, finder, last }
    }

    /// See [`word_cost`].
    fn cost(&self, w: &[u8]) -> Option<u8> {
        let q = self.word;
        if q.is_empty() {
            return None;
        }
        if self.finder.find(w).is_some() {
            return Some(0);
        }
        let k = typos_allowed(q.len());
        let short = q.len() >= 3 && q[0] == *w.first()? && is_subsequence(q, w);
        let abbreviation = short.then_some(2u8);
        let typos = (k > 0)
            .then(|| osa_distance(q, w, k, self.last))
            .flatten()
            .map(|d| d as u8);
        match (typos, abbreviation) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// A query's words, each with the words of a vocabulary near it.
pub struct Near<'a> {
    vocab: &'a Vocab,
    words: Vec<Query<'a>>,
    /// Per query word: the near words with their costs, and the same as a
    /// table over the vocabulary (`u8::MAX`: not near).
    lists: Vec<Vec<(u32, u8)>>,
    tables: Vec<Vec<u8>>,
}

impl<'a> Near<'a> {
    /// The words of `vocab` near each of `words` (lower-case letters and
    /// digits; the last one is being typed).
    pub fn new(vocab: &'a Vocab, words: &[&'a [u8]]) -> Self {
        let last = words.len().saturating_sub(1);
        let words: Vec<Query<'a>> = (words.iter().enumerate())
            .map(|(i, w)| Query::new(w, i == last))
            .collect();
        let lists: Vec<Vec<(u32, u8)>> = words.iter().map(|q| vocab.near_query(q)).collect();
        let tables = (lists.iter())
            .map(|l| {
                let mut t = vec![u8::MAX; vocab.len()];
                for &(w, c) in l {
                    t[w as usize] = c;
                }
                t
            })
            .collect();
        Near {
            vocab,
            words,
            lists,
            tables,
        }
    }

    /// Per query word, the near words of the vocabulary with their costs.
    pub fn lists(&self) -> &[Vec<(u32, u8)>] {
        &self.lists
    }

    /// [`near_cost`] of `text`, its words looked up in the vocabulary (and
    /// compared one by one when it has not got them).
    pub fn cost_of(&self, text: &[u8]) -> Option<u32> {
        if self.words.is_empty() {
            return None;
        }
        let mut sum = 0;
        for (q, table) in self.words.iter().zip(&self.tables) {
            let best = (text.split(|b| !b.is_ascii_alphanumeric()))
                .filter_map(|w| match self.vocab.index_of(w) {
                    Some(i) => Some(table[i as usize]).filter(|&c| c != u8::MAX),
                    None => q.cost(w),
                })
                .min()?;
            sum += best as u32;
        }
        Some(sum)
    }
}

/// The sum of the costs of the words of `text` (lower case) nearest each of
/// `words` (the last one being typed); `None` when one has none near.
pub fn near_cost(text: &[u8], words: &[&[u8]]) -> Option<u32> {
    let last = words.len().checked_sub(1)?;
    let mut sum = 0;
    for (i, q) in words.iter().enumerate() {
        let q = Query::new(q, i == last);
        let best = (text.split(|b| !b.is_ascii_alphanumeric()))
            .filter_map(|w| q.cost(w))
            .min()?;
        sum += best as u32;
    }
    Some(sum)
}

fn is_subsequence(q: &[u8], w: &[u8]) -> bool {
    let mut it = w.iter();
    q.iter().all(|c| it.any(|b| b == c))
}

/// The optimal-string-alignment distance between `q` and `w` (insertions,
/// deletions, substitutions, adjacent swaps), or with `prefix` between `q`
/// and the nearest start of `w`; `None` when over `k`. Words over 63 bytes
/// are never near.
fn osa_distance(q: &[u8], w: &[u8], k: usize, prefix: bool) -> Option<usize> {
    const MAX: usize = 63;
    if q.len() > MAX || w.len() > MAX {
        return None;
    }
    if !prefix && q.len().abs_diff(w.len()) > k {
        return None;
    }
    if prefix && w.len() + k < q.len() {
        return None;
    }
    // Rows over `w`: the one before the last, the last, and the current.
    let n = w.len();
    let mut two = [0usize; MAX + 1];
    let mut one: [usize; MAX + 1] = std::array::from_fn(|j| j);
    let mut cur = [0usize; MAX + 1];
    for i in 1..=q.len() {
        cur[0] = i;
        let mut least = cur[0];
        for j in 1..=n {
            let sub = usize::from(q[i - 1] != w[j - 1]);
            let mut d = (one[j] + 1).min(cur[j - 1] + 1).min(one[j - 1] + sub);
            if i > 1 && j > 1 && q[i - 1] == w[j - 2] && q[i - 2] == w[j - 1] {
                d = d.min(two[j - 2] + 1);
            }
            cur[j] = d;
            least = least.min(d);
        }
        if least > k {
            return None;
        }
        two = one;
        one = cur;
    }
    // `one` is now the last row: the whole of `w`, or its nearest start.
    let d = match prefix {
        true => one[..=n].iter().copied().min()?,
        false => one[n],
    };
    (d <= k).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_abbreviations_cost_what_they_change() {
        let c = |q: &str, w: &str| word_cost(q.as_bytes(), w.as_bytes(), false);
        assert_eq!(c("budget", "budget"), Some(0));
        assert_eq!(c("dialog", "dialogue"), Some(0), "held whole");
        assert_eq!(c("bugdet", "budget"), Some(1), "swapped");
        assert_eq!(c("elction", "election"), Some(1), "left out");
        assert_eq!(c("expot", "export"), Some(1));
        assert_eq!(c("zimbabwe", "zimbabwee"), Some(0));
        assert_eq!(c("mtrc", "mtcr"), Some(1));
        assert_eq!(c("enrgy", "energy"), Some(1));
        assert_eq!(c("goverment", "government"), Some(1));
        assert_eq!(c("govrnmnt", "government"), Some(2), "two left out");
        assert_eq!(c("hmn", "human"), Some(2), "an abbreviation");
        assert_eq!(c("rghts", "rights"), Some(1));
        assert_eq!(c("pco", "poc"), None, "no typo in three letters");
        assert_eq!(
            c("hmn", "ohman"),
            None,
            "an abbreviation starts as the word"
        );
        assert_eq!(
            c("elction", "selection"),
            None,
            "two typos in seven letters"
        );
        assert_eq!(c("budget", "bucket"), None, "two typos in six letters");
        assert_eq!(c("energy", "synergy"), None);
    }

    #[test]
    fn a_texts_cost_through_the_vocabulary_is_its_cost_word_by_word() {
        let texts: [&[u8]; 3] = [
            b"\nbudget\ncrisis",
            b"\nenergy\ndialogue",
            b"\nhuman\nrights",
        ];
        let v = Vocab::new(texts.into_iter());
        for q in [
            &[&b"bugdet"[..], b"cris"][..],
            &[b"enrgy"],
            &[b"hmn", b"rghts"],
            &[b"zz"],
        ] {
            let near = Near::new(&v, q);
            // Words the vocabulary has, and words it has not (a changed row's).
            for t in [
                "budget crisis",
                "budgets crises",
                "energy: dialog",
                "humane rights",
                "",
            ] {
                assert_eq!(
                    near.cost_of(t.as_bytes()),
                    near_cost(t.as_bytes(), q),
                    "{q:?} in {t:?}"
                );
            }
        }
        assert_eq!(
            Near::new(&v, &[b"bugdet", b"cris"]).cost_of(b"budget crisis"),
            Some(1)
        );
    }

    #[test]
    fn the_word_being_typed_is_compared_with_starts() {
        let c = |q: &str, w: &str, last| word_cost(q.as_bytes(), w.as_bytes(), last);
        assert_eq!(c("elcti", "election", true), Some(1));
        assert_eq!(c("elcti", "election", false), Some(2), "an abbreviation");
        assert_eq!(c("noitc", "election", true), None);
        assert_eq!(c("dmarch", "demarche", true), Some(1));
    }

    #[test]
    fn the_vocabulary_lists_each_words_ranks_once_in_order() {
        let texts: [&[u8]; 4] = [
            b"\nbudget\ncrisis\nbudget",
            b"\n",
            b"\nenergy\nbudget",
            b"\nbudgets",
        ];
        let v = Vocab::new(texts.into_iter());
        let words: Vec<&[u8]> = (0..v.len()).map(|i| v.word(i)).collect();
        assert_eq!(words, [&b"budget"[..], b"crisis", b"energy", b"budgets"]);
        assert_eq!(v.ranks(0), [0, 2]);
        assert_eq!(v.ranks(3), [3]);
        assert_eq!(v.near(b"bugdet", false), [(0, 1)]);
        assert_eq!(v.near(b"bugdet", true), [(0, 1), (3, 1)]);
        assert_eq!(v.near(b"budget", false), [(0, 0), (3, 0)]);
    }
}
