//! The TAGS table: which TAGs exist and what they mean. Subject and program TAGS
//! are from 5 FAH-3 H-011.1; country TAGS are FIPS 10-4 (so `AU` is Austria and
//! `AS` Australia). Both are public-domain facts.

use std::collections::HashMap;
use std::sync::OnceLock;

/// What a TAG stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagInfo {
    /// `subject`, `program`, `geo`, `org` or `other`.
    pub kind: &'static str,
    pub meaning: &'static str,
}

fn table() -> &'static HashMap<&'static str, TagInfo> {
    static T: OnceLock<HashMap<&'static str, TagInfo>> = OnceLock::new();
    T.get_or_init(|| {
        include_str!("../data/tags.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| {
                let mut p = l.splitn(3, '\t');
                let tag = p.next()?;
                let kind = p.next()?;
                let meaning = p.next().unwrap_or("");
                Some((tag, TagInfo { kind, meaning }))
            })
            .collect()
    })
}

pub fn lookup(tag: &str) -> Option<TagInfo> {
    table().get(tag).copied()
}

/// Every TAG in the table with its meaning, in no particular order.
pub fn all() -> impl Iterator<Item = (&'static str, TagInfo)> {
    table().iter().map(|(t, i)| (*t, *i))
}

pub fn is_known(tag: &str) -> bool {
    table().contains_key(tag)
}

/// Splits glued TAGs (`PHUMBA` -> `PHUM`, `BA`) when every piece is a known TAG.
pub fn split_glued(word: &str) -> Option<Vec<String>> {
    let n = word.len();
    if !(4..=64).contains(&n) || !word.is_ascii() {
        return None;
    }
    // best[i]: a split of word[..i] into TAGs, fewest unlisted pieces first, then
    // fewest pieces. An unlisted piece must look like a subject TAG (four letters
    // starting with a TAG family letter).
    let family =
        |p: &str| p.len() == 4 && p.starts_with(['A', 'C', 'E', 'K', 'M', 'O', 'P', 'S', 'T']);
    let mut best: Vec<Option<(usize, Vec<usize>)>> = vec![None; n + 1];
    best[0] = Some((0, vec![]));
    for i in 0..n {
        let Some((unk, prev)) = best[i].clone() else {
            continue;
        };
        for len in 2..=5 {
            let j = i + len;
            if j > n {
                continue;
            }
            let piece = &word[i..j];
            let cost = if is_known(piece) {
                0
            } else if family(piece) {
                1
            } else {
                continue;
            };
            let mut cand = prev.clone();
            cand.push(j);
            let c = (unk + cost, cand);
            if best[j]
                .as_ref()
                .is_none_or(|b| (b.0, b.1.len()) > (c.0, c.1.len()))
            {
                best[j] = Some(c);
            }
        }
    }
    let (unknown, cuts) = best[n].clone()?;
    if unknown > 0 && unknown * 3 > cuts.len() {
        return None;
    }
    // Glued TAGs are subject TAGs of four letters or more, with at most one
    // two-letter country TAG: `PHUMBA`, `VTPREL`, `KFRDKIRFCVIS`.
    let mut short = 0;
    let mut a = 0;
    for &c in &cuts {
        if c - a < 4 {
            short += 1;
        }
        a = c;
    }
    if cuts.len() < 2 || n < 6 || short > 1 {
        return None;
    }
    let mut out = Vec::new();
    let mut a = 0;
    for c in cuts {
        out.push(word[a..c].to_string());
        a = c;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_and_splitting() {
        assert_eq!(lookup("AU").unwrap().meaning, "Austria");
        assert_eq!(lookup("AS").unwrap().meaning, "Australia");
        assert_eq!(lookup("MTCRE").unwrap().kind, "org");
        assert_eq!(
            split_glued("PHUMBA"),
            Some(vec!["PHUM".into(), "BA".into()])
        );
        assert_eq!(split_glued("HUMAN"), None);
    }
}
