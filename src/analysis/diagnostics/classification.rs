//! Portion marks against the banner; the SUBJECT's mark; the ZNY code.

use super::{Diagnostic, TextEdit};
use crate::analysis::navigation::Ctx;
use crate::syntax::{Cable, Level, MarkAt};

/// Caveats a portion may carry only when the banner carries them too.
const BANNER_CAVEATS: &[&str] = &["NOFORN", "ORCON"];

pub fn check(cx: Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let c = &*cx.doc.cable;
    let body_marks = &c.body.marks;
    for m in body_marks {
        nonstandard(m, out);
    }
    if let Some(m) = c.header.subject.as_ref().and_then(|s| s.mark.as_ref()) {
        nonstandard(m, out);
    }
    let unknown = unknown_marks(cx, out);
    let Some(b) = &c.header.banner else {
        return;
    };
    let banner_name = b.level.name();
    for m in body_marks {
        if b.level == Level::U && m.mark.level > Level::U {
            out.push(
                Diagnostic::new(
                    m.span,
                    "classified-mark-in-unclas",
                    format!(
                        "portion marked ({}) in an UNCLASSIFIED cable: expected (U) or (SBU), or a classified banner",
                        m.mark.text.trim()
                    ),
                )
                .related(b.level_span, "the banner says UNCLASSIFIED"),
            );
        } else if m.mark.level > b.level {
            out.push(
                Diagnostic::new(
                    m.span,
                    "mark-above-banner",
                    format!(
                        "portion marked {} above the banner's {banner_name}: expected at most ({})",
                        m.mark.level.name(),
                        b.level.code()
                    ),
                )
                .related(b.level_span, format!("the banner says {banner_name}")),
            );
        }
        for cav in BANNER_CAVEATS {
            if m.mark.has_caveat(cav) && !b.caveats.iter().any(|x| x == cav) {
                out.push(
                    Diagnostic::new(
                        m.span,
                        "caveat-not-in-banner",
                        format!("portion carries {cav} but the banner does not: expected `{banner_name}//{cav}` or a portion without it"),
                    )
                    .related(b.span, "the banner"),
                );
            }
        }
    }
    // Portion marks are required since E.O. 12356 (in force 1 August 1982).
    const EO_12356: crate::syntax::Date = crate::syntax::Date {
        year: 1982,
        month: 8,
        day: 1,
    };
    // A first paragraph that marks the entire text marks every paragraph.
    let whole = entire_text(c, &cx.doc.text).is_some();
    if b.level > Level::U && !super::written_before(c, EO_12356) && !whole {
        for p in &c.body.paragraphs {
            let first = body_marks.partition_point(|m| m.span.start < p.span.start);
            let marked = p.marking.is_some()
                || body_marks[first..]
                    .iter()
                    .take_while(|m| m.span.start < p.span.end)
                    .next()
                    .is_some();
            if !marked && !unknown.contains(&p.span.start) {
                let span = if p.label_span.is_empty() {
                    crate::syntax::Span::new(p.span.start, p.span.start)
                } else {
                    p.label_span
                };
                out.push(
                    Diagnostic::new(
                        span,
                        "unmarked-paragraph",
                        format!(
                            "paragraph {} has no portion mark in a {banner_name} cable: expected (U), (C), (S) or (TS) after the number",
                            p.number
                        ),
                    )
                    .related(b.level_span, format!("the banner says {banner_name}")),
                );
            }
        }
    }
    if let Some(m) = c.header.subject.as_ref().and_then(|s| s.mark.as_ref()) {
        if m.mark.level > b.level {
            out.push(
                Diagnostic::new(
                    m.span,
                    "subject-mark-above-banner",
                    format!(
                        "SUBJECT marked {} above the banner's {banner_name}: expected at most ({})",
                        m.mark.level.name(),
                        b.level.code()
                    ),
                )
                .related(b.level_span, format!("the banner says {banner_name}")),
            );
        }
    }
    if let Some(sec) = c.header.routing.as_ref().and_then(|r| r.security.as_ref()) {
        if sec.level != b.level {
            out.push(
                Diagnostic::new(
                    sec.span,
                    "banner-zny-mismatch",
                    format!(
                        "security code `{}` stands for {} but the banner says {banner_name}: expected them to agree",
                        sec.code,
                        sec.level.name()
                    ),
                )
                .related(b.level_span, "the banner"),
            );
        }
    }
}

fn nonstandard(m: &MarkAt, out: &mut Vec<Diagnostic>) {
    if !m.mark.nonstandard {
        return;
    }
    let want = format!("({})", m.mark.normalized());
    // As written, spaces inside included: `( C )` is nonstandard for them alone.
    out.push(
        Diagnostic::new(
            m.span,
            "nonstandard-mark",
            format!(
                "portion mark `({})` is not in the standard form: expected `{want}`",
                m.mark.text
            ),
        )
        .rewrite_mark(m.span, want),
    );
}

impl Diagnostic {
    /// The quick fix that writes `want` (a whole mark, parentheses included) at `span`.
    fn rewrite_mark(self, span: crate::syntax::Span, want: String) -> Self {
        self.fix(
            format!("Write the mark as `{want}`"),
            vec![TextEdit { span, text: want }],
        )
    }
}

/// Standard marks a damaged or misspelt one is compared with.
const KNOWN_MARKS: &[&str] = &[
    "U", "SBU", "C", "S", "TS", "U//FOUO", "SBU//NF", "C//NF", "S//NF", "TS//NF", "C/NF", "S/NF",
    "C//REL", "S//REL", "S//ORCON", "S//FGI",
];

/// `(CX)`, `(S/NOFRN)`, `(SECRT)`: an attempt at a portion mark after a paragraph
/// or sub-paragraph label that is no mark the parser knows. Returns the starts of
/// the paragraphs that have one (they are not reported as unmarked too).
fn unknown_marks(cx: Ctx<'_>, out: &mut Vec<Diagnostic>) -> Vec<usize> {
    let c = &*cx.doc.cable;
    let text = &*cx.doc.text;
    let labels = c.body.paragraphs.iter().flat_map(|p| {
        std::iter::once((p.span.start, p.label_span, p.marking.is_some())).chain(
            (p.subparagraphs.iter()).map(|s| (s.span.start, s.label_span, s.marking.is_some())),
        )
    });
    let mut found = Vec::new();
    for (start, label, marked) in labels {
        if marked || label.is_empty() {
            continue;
        }
        let after = text.get(label.end..).unwrap_or("");
        let pad = after.len() - after.trim_start_matches([' ', '\t']).len();
        let Some(inner) = attempted_mark(&after[pad..]) else {
            continue;
        };
        let at = label.end + pad;
        let span = crate::syntax::Span::new(at, at + inner.len() + 2);
        let (best, dist) = nearest_mark(inner);
        let close = dist <= (inner.len() / 3).max(1);
        let expected = "expected a mark such as (U), (SBU), (C), (S), (TS) or (S//NF)";
        let mut d = Diagnostic::new(
            span,
            "unknown-mark",
            if close {
                format!("`({inner})` is not a portion mark: {expected}; perhaps `({best})`")
            } else {
                format!("`({inner})` is not a portion mark: {expected}")
            },
        );
        if close {
            d = d.rewrite_mark(span, format!("({best})"));
        }
        out.push(d);
        found.push(start);
    }
    for m in &c.body.marks {
        misspelt_caveat(m, out);
    }
    found
}

/// Caveats a mark may carry, as the parser normalises them.
const KNOWN_CAVEATS: &[&str] = &["NOFORN", "ORCON", "FOUO", "PROPIN", "FGI", "NODIS", "EXDIS"];

/// `(S/NOFRN)`: a mark the parser reads, with a caveat that is a misspelling of a
/// known one (within one edit, two for words over four letters; other words,
/// such as `(S/WCI)`, are left alone).
fn misspelt_caveat(m: &MarkAt, out: &mut Vec<Diagnostic>) {
    let mut fixed = m.mark.clone();
    let mut bad = None;
    for c in &mut fixed.caveats {
        if KNOWN_CAVEATS.contains(&c.as_str()) || c.starts_with("REL ") {
            continue;
        }
        let (best, d) = KNOWN_CAVEATS
            .iter()
            .map(|k| (*k, levenshtein(c, k)))
            .min_by_key(|x| x.1)
            .unwrap_or(("NOFORN", usize::MAX));
        // Short words are near many others: one edit for them, two for longer.
        let max = if c.len() <= 4 { 1 } else { 2 };
        if (1..=max).contains(&d) && c.len() >= 3 {
            bad = Some(std::mem::replace(c, best.to_string()));
        }
    }
    let Some(bad) = bad else { return };
    let want = format!("({})", fixed.normalized());
    out.push(
        Diagnostic::new(
            m.span,
            "unknown-mark",
            format!(
                "`({})` carries `{bad}`, which is no caveat: expected NOFORN, ORCON, FOUO, PROPIN, FGI or REL ...; perhaps `{want}`",
                m.mark.text.trim()
            ),
        )
        .rewrite_mark(m.span, want),
    );
}

/// What stands between parentheses at the start of `s`, when it looks like a
/// mark that was meant: capitals, slashes and hyphens, not a word of the text.
fn attempted_mark(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('(')?;
    let close = rest.find(')').filter(|&i| i > 0 && i <= 20)?;
    let inner = &rest[..close];
    // Digits OCR reads for letters count as the letters: `(5)`, `(5//NF)`.
    let ok_chars = inner.chars().all(|ch| {
        ch.is_ascii_uppercase() || matches!(ch, '/' | '-' | ' ') || ocr_letter(ch).is_some()
    });
    let letters = (inner.chars())
        .filter(|c| c.is_ascii_alphabetic() || ocr_letter(*c).is_some())
        .count();
    // A single letter is an enumeration `(A)`, unless OCR's for a level's
    // (`(G)`, `(5)`); long words are text `(BACKGROUND)`.
    let single = letters == 1 && inner.len() == 1 && ocr_level(inner).is_some();
    let mark_like = inner.contains('/') || (2..=5).contains(&letters) || single;
    (ok_chars && letters >= 1 && mark_like && crate::syntax::marking::parse_mark(inner).is_none())
        .then_some(inner)
}

/// The letter OCR misread as a digit: `5` for S, `0` for O, `1` for I, `8` for B.
fn ocr_letter(c: char) -> Option<char> {
    match c {
        '5' => Some('S'),
        '0' => Some('O'),
        '1' => Some('I'),
        '8' => Some('B'),
        _ => None,
    }
}

/// The level a single character after a paragraph's number stands for when
/// OCR misread it: `(G)`, `(O)`, `(Q)` for (C), `(5)` for (S).
fn ocr_level(s: &str) -> Option<&'static str> {
    match s {
        "G" | "O" | "Q" | "0" => Some("C"),
        "5" => Some("S"),
        _ => None,
    }
}

/// The known mark nearest to `s` in edit distance, and the distance.
fn nearest_mark(s: &str) -> (&'static str, usize) {
    if let Some(level) = ocr_level(s) {
        return (level, 1);
    }
    let s: String = s.chars().map(|c| ocr_letter(c).unwrap_or(c)).collect();
    let s = s.as_str();
    KNOWN_MARKS
        .iter()
        .map(|m| (*m, levenshtein(s, m)))
        .min_by_key(|&(_, d)| d)
        .unwrap_or(("U", usize::MAX))
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The level a first paragraph gives the entire text, as cables of the 1980s
/// and 1990s mark it: `1. C - ENTIRE TEXT.`, `1. (C) ENTIRE TEXT`, `1. (C -
/// ENTIRE TEXT)`, `1. CONFIDENTIAL - ENTIRE TEXT`.
pub fn entire_text(c: &Cable, text: &str) -> Option<Level> {
    let p = c.body.paragraphs.first()?;
    let from = p.label_span.end.max(p.span.start);
    let to = crate::syntax::text::floor_char_boundary(text, p.span.end.min(from + 80));
    let s = text.get(from..to)?.to_ascii_uppercase();
    let at = s.find("ENTIRE TEXT")?;
    if let Some(m) = &p.marking {
        // Right after the mark, or inside it.
        let between = s.get(m.span.end.saturating_sub(from)..at).unwrap_or("?");
        let inside = m.mark.text.to_ascii_uppercase().contains("ENTIRE TEXT");
        return (inside || between.trim_matches([' ', '-', ':', '.', ',']).is_empty())
            .then_some(m.mark.level);
    }
    let before = s[..at].trim().trim_end_matches(['-', ':', ',']).trim();
    let before = before.trim_start_matches('(').trim_end_matches(')');
    crate::syntax::marking::parse_mark(before).map(|m| m.level)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_at_marks_and_their_nearest_standard_form() {
        assert_eq!(attempted_mark("(CX) text"), Some("CX"));
        assert_eq!(attempted_mark("(SX) text"), Some("SX"));
        assert_eq!(
            attempted_mark("(S/NOFRN) text"),
            None,
            "read as a mark; see misspelt_caveat"
        );
        assert_eq!(attempted_mark("(C) text"), None, "a mark");
        assert_eq!(attempted_mark("(A) text"), None, "an enumeration");
        assert_eq!(attempted_mark("(BACKGROUND) text"), None, "a word");
        assert_eq!(attempted_mark("(Note) text"), None, "lower case");
        assert_eq!(nearest_mark("CX").0, "C");
        assert_eq!(nearest_mark("SBUU"), ("SBU", 1));
        assert_eq!(nearest_mark("S//NFF"), ("S//NF", 1));
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
