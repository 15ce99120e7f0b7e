//! The symbol table's texts copied in id order, for whole-word searches.
//!
//! Ids and subjects are kept apart, lower case, each a run of words: every
//! stretch of other characters than ASCII letters and digits is one `\n`, and
//! each text starts with one. A query's words are letters and digits, so a
//! match is wholly inside a word and starts a word exactly when a `\n` comes
//! before it. Because the texts are in id order, a pass over them meets the
//! matches best id first: it stops once it holds a screenful of the best kind
//! (every word at a word's start), and skips to matches at a word's start once
//! the other kinds are full. Rows changed since the copy was made are marked
//! stale here and searched on their own (see [`super::symbols::SymbolTable`]).

use super::vocab::{Near, Vocab};
use memchr::memmem::Finder;

/// The texts of one side (ids, or subjects), one per rank.
#[derive(Debug, Clone, Default)]
struct Side {
    text: Vec<u8>,
    /// Where each rank's text starts; one more at the end.
    starts: Vec<u32>,
}

impl Side {
    fn push(&mut self, s: &[u8]) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let mut gap = true;
        self.text.push(b'\n');
        for &b in s {
            if b.is_ascii_alphanumeric() {
                self.text.push(b.to_ascii_lowercase());
                gap = false;
            } else if !gap {
                self.text.push(b'\n');
                gap = true;
            }
        }
        self.starts.push(self.text.len() as u32);
    }

    fn text_of(&self, rank: usize) -> &[u8] {
        &self.text[self.starts[rank] as usize..self.starts[rank + 1] as usize]
    }
}

#[derive(Debug, Clone, Default)]
pub struct IdOrder {
    ids: Side,
    subjects: Side,
    /// Rank -> row of the symbol table.
    rows: Vec<u32>,
    /// Rank -> the row changed (or went) since the copy was made.
    stale: Vec<bool>,
    /// The subjects' words, for queries with a typo.
    vocab: Vocab,
}

/// The ranks holding every word, by how many of the words were found only
/// inside another word (index 0: all at a word's start), each list in id
/// order: every rank that can be among the first `limit` by class, then id.
pub type Classes = Vec<Vec<u32>>;

impl IdOrder {
    /// A copy of `texts` (row, id, subject), already in id order.
    pub fn new<'a>(texts: impl Iterator<Item = (u32, &'a [u8], &'a [u8])>) -> IdOrder {
        let mut o = IdOrder::default();
        let texts: Vec<_> = texts.collect();
        let ids: usize = texts.iter().map(|t| t.1.len() + 1).sum();
        let subjects: usize = texts.iter().map(|t| t.2.len() + 1).sum();
        o.ids.text.reserve(ids);
        o.subjects.text.reserve(subjects);
        for side in [&mut o.ids, &mut o.subjects] {
            side.starts.reserve(texts.len() + 1);
        }
        o.rows.reserve(texts.len());
        for (row, id, subject) in texts {
            o.ids.push(id);
            o.subjects.push(subject);
            o.rows.push(row);
        }
        o.stale = vec![false; o.rows.len()];
        o.vocab = Vocab::new((0..o.rows.len()).map(|k| o.subjects.text_of(k)));
        o
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn row(&self, rank: u32) -> u32 {
        self.rows[rank as usize]
    }

    pub fn set_stale(&mut self, rank: u32) {
        self.stale[rank as usize] = true;
    }

    /// How often `word` stands in the first megabyte of the subjects: how
    /// common it is, for the price of a 1 MB pass.
    pub fn sample_count(&self, word: &[u8]) -> usize {
        let t = &self.subjects.text;
        memchr::memmem::find_iter(&t[..t.len().min(1 << 20)], word).count()
    }

    /// The ranks whose id holds every word (lower case letters and digits,
    /// the rarest first): the first `limit` by class then id, at least.
    pub fn in_ids(&self, words: &[&[u8]], limit: usize) -> Classes {
        self.pass(&self.ids, words, limit)
    }

    /// As [`IdOrder::in_ids`], in the subjects.
    pub fn in_subjects(&self, words: &[&[u8]], limit: usize) -> Classes {
        self.pass(&self.subjects, words, limit)
    }

    /// The subjects' words near each of `words` (see [`Near`]).
    pub fn near<'a>(&'a self, words: &[&'a [u8]]) -> Near<'a> {
        Near::new(&self.vocab, words)
    }

    /// The ranks whose subject holds, for each query word of `near`, a word
    /// near it (see [`super::vocab::word_cost`]), each with the sum of the
    /// costs: the best `limit` by cost then rank (id), stale ranks left out.
    ///
    /// The ranks of the words near the word with the fewest are the
    /// candidates; each other word keeps those among its own words' ranks.
    pub fn near_in_subjects(&self, near: &Near<'_>, limit: usize) -> Vec<(u32, u32)> {
        let v = &self.vocab;
        let near = near.lists();
        let total =
            |n: &[(u32, u8)]| -> usize { n.iter().map(|&(w, _)| v.ranks(w as usize).len()).sum() };
        let Some(driver) = (0..near.len()).min_by_key(|&i| total(&near[i])) else {
            return vec![];
        };
        // (rank, cost) of the driver's words, a rank once at its least cost.
        let mut found: Vec<(u32, u32)> = (near[driver].iter())
            .flat_map(|&(w, c)| v.ranks(w as usize).iter().map(move |&r| (r, c as u32)))
            .filter(|&(r, _)| !self.stale[r as usize])
            .collect();
        found.sort_unstable();
        found.dedup_by_key(|f| f.0);
        let mut costs = vec![u8::MAX; self.len()];
        for (i, n) in near.iter().enumerate() {
            if i == driver || found.is_empty() {
                continue;
            }
            costs.fill(u8::MAX);
            for &(w, c) in n {
                for &r in v.ranks(w as usize) {
                    let at = &mut costs[r as usize];
                    *at = (*at).min(c);
                }
            }
            found.retain_mut(|(r, cost)| match costs[*r as usize] {
                u8::MAX => false,
                c => {
                    *cost += c as u32;
                    true
                }
            });
        }
        found.sort_unstable_by_key(|&(r, c)| (c, r));
        found.truncate(limit);
        found.into_iter().map(|(r, c)| (c, r)).collect()
    }

    fn pass(&self, side: &Side, words: &[&[u8]], limit: usize) -> Classes {
        let mut classes: Classes = vec![Vec::new(); words.len() + 1];
        let Some(first) = words.first().filter(|w| !w.is_empty()) else {
            return classes;
        };
        if limit == 0 {
            return classes;
        }
        let anywhere = Finder::new(first);
        let at_start_word = [&b"\n"[..], first].concat();
        let at_start = Finder::new(&at_start_word);
        let mut starts_only = false;
        let (text, starts) = (&side.text, &side.starts);
        let (mut pos, mut rank) = (0usize, 0usize);
        while pos < text.len() {
            let hay = &text[pos..];
            let found = if starts_only {
                at_start.find(hay).map(|q| pos + q + 1)
            } else {
                anywhere.find(hay).map(|q| pos + q)
            };
            let Some(p) = found else { break };
            while starts[rank + 1] as usize <= p {
                rank += 1;
            }
            pos = starts[rank + 1] as usize;
            if self.stale[rank] {
                continue;
            }
            let Some(c) = inside_count(side.text_of(rank), words) else {
                continue;
            };
            // A rank is kept while it can be among the first `limit`: later
            // ones of its class, or of a worse one, come after it.
            if upto(&classes, c) < limit {
                classes[c].push(rank as u32);
            }
            if classes[0].len() >= limit {
                break;
            }
            // The first word inside a word makes a rank's class 1 or worse:
            // once those are full, only matches at a word's start can count.
            starts_only = upto(&classes, 1) >= limit;
        }
        classes
    }
}

/// How many ranks are kept in classes `0..=c`.
fn upto(classes: &Classes, c: usize) -> usize {
    classes[..=c].iter().map(Vec::len).sum()
}

/// How many of `words` stand in `text` (lower case) only inside another
/// word; `None` when one is missing.
pub fn inside_count(text: &[u8], words: &[&[u8]]) -> Option<usize> {
    let mut n = 0;
    for w in words {
        n += usize::from(!word_place(text, w)?);
    }
    Some(n)
}

/// Where `word` stands in `text` (lower case; `word` ASCII letters and
/// digits): `None` if not there, else whether at a word's start (anywhere).
pub fn word_place(text: &[u8], word: &[u8]) -> Option<bool> {
    let (&first, rest) = word.split_first()?;
    let mut found = None;
    for p in memchr::memchr_iter(first, text) {
        if text[p + 1..].starts_with(rest) {
            // A letter outside ASCII (`ü` in `Zürich`) is inside a word too.
            let at_start = p == 0 || !(text[p - 1].is_ascii_alphanumeric() || text[p - 1] >= 0x80);
            found = Some(at_start);
            if at_start {
                break;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(rows: &[(&str, &str)]) -> IdOrder {
        IdOrder::new(
            rows.iter()
                .enumerate()
                .map(|(i, (id, s))| (i as u32 * 10, id.as_bytes(), s.as_bytes())),
        )
    }

    #[test]
    fn texts_are_words_each_after_a_newline() {
        let o = order(&[("08BERLIN896", "GERMANY: MTCR -- POC"), ("", "")]);
        assert_eq!(o.ids.text_of(0), b"\n08berlin896");
        assert_eq!(o.subjects.text_of(0), b"\ngermany\nmtcr\npoc");
        assert_eq!(o.subjects.text_of(1), b"\n");
        assert_eq!(o.row(1), 10);
    }

    #[test]
    fn a_pass_keeps_the_first_of_each_class_and_skips_stale_ranks() {
        let mut o = order(&[
            ("01A", "ENERGY DIALOGUE"),
            ("02A", "RENEWABLE ENERGY"),
            ("03A", "SYNERGY"), // no "energy" in it
            ("04A", "ENERGY POLICY DIALOGUE"),
            ("05A", "ENERGY"),
            ("06A", "GREENERGY DIALOGUES"),
        ]);
        let c = o.in_subjects(&[b"energy"], 10);
        assert_eq!(c, vec![vec![0, 1, 3, 4], vec![5]]);
        let c = o.in_subjects(&[b"energy", b"dialogue"], 10);
        assert_eq!(c, vec![vec![0, 3], vec![5], vec![]]);
        // A limit of two: the pass stops at the second word-start match.
        let c = o.in_subjects(&[b"energy"], 2);
        assert_eq!(c, vec![vec![0, 1], vec![]]);
        o.set_stale(0);
        let c = o.in_subjects(&[b"energy"], 2);
        assert_eq!(c, vec![vec![1, 3], vec![]]);
        // Ids: a word inside the id, and one at its start.
        assert_eq!(o.in_ids(&[b"a"], 10), vec![vec![], vec![1, 2, 3, 4, 5]]);
        assert_eq!(o.in_ids(&[b"03"], 10), vec![vec![2], vec![]]);
        assert!(o.in_ids(&[b"zz"], 10).iter().all(Vec::is_empty));
    }

    #[test]
    fn once_the_inside_classes_are_full_only_word_starts_are_read() {
        // Rank 0..50 hold "state" inside a word; rank 60 at a word's start.
        let rows: Vec<(String, String)> = (0..70)
            .map(|i| {
                let s = if i == 60 { "STATE VISIT" } else { "INTERSTATE" };
                (format!("{i:02}X"), s.to_string())
            })
            .collect();
        let rows: Vec<(&str, &str)> = rows.iter().map(|(a, b)| (&a[..], &b[..])).collect();
        let o = order(&rows);
        let c = o.in_subjects(&[b"state"], 3);
        assert_eq!(c, vec![vec![60], vec![0, 1, 2]]);
    }

    #[test]
    fn word_places() {
        assert_eq!(word_place(b"\nenergy\npolicy", b"policy"), Some(true));
        assert_eq!(word_place(b"\nsynergy", b"ergy"), Some(false));
        assert_eq!(word_place(b"\nsynergy\nergyx", b"ergy"), Some(true));
        assert_eq!(word_place(b"\nsynergy", b"ergyx"), None);
        assert_eq!(word_place(b"germany: mtcr", b"mtcr"), Some(true));
        assert_eq!(word_place("zürich".as_bytes(), b"rich"), Some(false));
    }
}
