// Shared helpers for the tests that read `../shared/` (not a test target itself).
#![allow(dead_code)]

pub mod fixture;
pub mod lsp;

use cable_lsp::syntax::{Cable, Span};
use std::path::PathBuf;

/// `../shared` beside the repository, when present. CI always has it; a user's clone
/// does not, and the tests that need it say so and pass.
pub fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.join("fixtures").is_dir() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (a user's clone has no shared data; CI always has it)",
            p.display()
        );
        None
    }
}

pub fn fixture(name: &str) -> Option<serde_json::Value> {
    let p = shared()?.join("fixtures").join(name);
    let s = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    Some(serde_json::from_str(&s).unwrap())
}

/// Parses a header fragment as if it stood in a cable of `year`.
pub fn parse_fragment(input: &str, year: i64) -> cable_lsp::syntax::Cable {
    let t = format!("R 010000Z JAN {:02}\n{}", year % 100, input);
    cable_lsp::syntax::parse(&t)
}

/// Compares results against a table, with the cases we knowingly read otherwise
/// listed by index and reason. Fails on a new difference, and on a listed one that
/// no longer differs (so the list stays true).
pub fn check_table(
    name: &str,
    results: Vec<(usize, String, String, String)>,
    known: &[(usize, &str)],
) {
    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    let mut pass = 0;
    for (i, input, got, want) in &results {
        let listed = known.iter().find(|k| k.0 == *i);
        match (got == want, listed) {
            (true, None) => pass += 1,
            (true, Some(_)) => fixed.push(*i),
            (false, Some((_, why))) => eprintln!("  known difference #{i}: {why}\n    input: {input:?}\n    got:   {got}\n    want:  {want}"),
            (false, None) => unexpected.push(format!("#{i} input {input:?}\n    got:  {got}\n    want: {want}")),
        }
    }
    eprintln!(
        "{name}: {pass} of {} cases pass, {} known differences",
        results.len(),
        known.len()
    );
    assert!(
        unexpected.is_empty(),
        "{name}: unexpected differences:\n{}",
        unexpected.join("\n")
    );
    assert!(
        fixed.is_empty(),
        "{name}: listed as differing but now pass (remove from the list): {fixed:?}"
    );
}

/// A small seeded random source for tests (xorshift): `next(n)` is in `0..n`.
pub fn rng(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}

/// Every span of the model lies inside `text`, on character boundaries.
pub fn check_spans(text: &str, c: &Cable) {
    let ok = |s: Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let mut all: Vec<Span> = vec![c.header.span, c.body.span];
    all.extend(c.body.paragraphs.iter().flat_map(|p| {
        let mut v = vec![p.span, p.label_span];
        v.extend(p.marking.iter().map(|m| m.span));
        v.extend(p.subparagraphs.iter().flat_map(|s| [s.span, s.label_span]));
        v
    }));
    all.extend(c.body.marks.iter().map(|m| m.span));
    all.extend(
        c.body
            .blocks
            .iter()
            .flat_map(|b| [b.span, b.open_span, b.close_span]),
    );
    all.extend(c.body.headings.iter().map(|h| h.span));
    all.extend(c.citations.iter().map(|x| x.span));
    all.extend(c.damage.iter().map(|x| x.span));
    all.extend(c.diagnostics.iter().map(|x| x.span));
    if let Some(r) = &c.header.references {
        all.push(r.span);
        all.extend(r.items.iter().map(|i| i.span));
        all.extend(r.items.iter().flat_map(|i| i.id_spans.iter().copied()));
    }
    if let Some(t) = &c.header.tags {
        all.extend(t.items.iter().map(|i| i.span));
    }
    for s in all {
        assert!(ok(s), "bad span {s:?} in a text of {} bytes", text.len());
    }
    for p in &c.body.paragraphs {
        assert!(p.span.start <= p.span.end);
    }
}

/// The five seeds of `corpus/` (file stem, decoded text), sorted.
pub fn seeds() -> Vec<(String, String)> {
    let seeds = texts_in(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    assert!(seeds.len() >= 5, "the five seeds are in corpus/");
    seeds
}

/// The 431 real cables of `../shared/cables/` (file stem, decoded text), sorted;
/// `None` when `../shared` is absent.
pub fn cables() -> Option<Vec<(String, String)>> {
    Some(texts_in(&shared()?.join("cables")))
}

/// The `*.txt` files of `dir` (file stem, decoded text), sorted.
fn texts_in(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            let (text, _) = cable_lsp::syntax::text::decode(&std::fs::read(&p).unwrap());
            out.push((stem, text));
        }
    }
    out.sort();
    out
}
