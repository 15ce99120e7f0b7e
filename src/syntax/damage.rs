//! Copy damage in the text: `Russia,s` (an apostrophe), ` ) ` (an em-dash),
//! `&watch list8` (curly quotes), `[X](#)` (an HTML anchor as a Markdown link).

use super::lexer::LineInfo;
use super::model::*;
use super::text::Span;

/// The damage of every text line before the trailer, and of damaged labels.
pub fn collect(
    facts: &[super::facts::LineFacts],
    infos: &[LineInfo],
    cable: &Cable,
) -> Vec<Damage> {
    collect_in(facts, infos, cable, Span::new(0, usize::MAX))
}

/// The damage of the lines given (`facts` and `infos` a run of the cable's
/// lines), and of the damaged labels that start `within`.
pub fn collect_in(
    facts: &[super::facts::LineFacts],
    infos: &[LineInfo],
    cable: &Cable,
    within: Span,
) -> Vec<Damage> {
    let mut out = Vec::new();
    let inside = |s: Span| s.start >= within.start && s.start < within.end;
    let stop = cable.body.trailer.map_or(usize::MAX, |t| t.start);
    // A stray SIPDIS counts inside a paragraph's text only (not on a handling
    // line of the header, before the first paragraph, or of a repeated
    // section header).
    let in_text = |d: &Damage| {
        let at = d.span.start;
        d.kind != DamageKind::StraySipdis
            || ((cable.body.paragraphs.iter())
                .any(|p| p.label_span.end.max(p.span.start) < at && at < p.span.end)
                && !cable.body.noise.iter().any(|n| n.contains(at)))
    };
    for (f, info) in facts.iter().zip(infos) {
        if info.line.start >= stop {
            break;
        }
        out.extend(f.damage.iter().filter(|d| in_text(d)).cloned());
    }
    out.extend(
        (cable.header.field_damage.iter())
            .filter(|d| inside(d.span))
            .cloned(),
    );
    for p in cable.body.paragraphs.iter() {
        if let Some(d) = p.damage.filter(|_| inside(p.label_span)) {
            if !p.recovered
                && (p.written != Some(p.number)
                    || !matches!(
                        d,
                        crate::syntax::lexer::LabelDamage::ListItem
                            | crate::syntax::lexer::LabelDamage::Pilcrow
                    ))
            {
                out.push(Damage {
                    span: p.label_span,
                    kind: DamageKind::Label,
                    replacement: format!("{}.", p.number),
                });
            }
        }
        for s in p.subparagraphs.iter().filter(|s| inside(s.label_span)) {
            if matches!(
                s.damage,
                Some(
                    crate::syntax::lexer::LabelDamage::OcrPilcrow
                        | crate::syntax::lexer::LabelDamage::Latex
                )
            ) {
                out.push(Damage {
                    span: s.label_span,
                    kind: DamageKind::Label,
                    replacement: format!("{}.", s.letter),
                });
            }
        }
    }
    out.sort_by_key(|d| d.span.start);
    out.dedup_by_key(|d| d.span.start);
    out
}

pub fn scan_seg(text: &str, seg: Span, out: &mut Vec<Damage>) {
    let s = seg.text(text);
    let b = s.as_bytes();
    // `word,s ` — a comma between a letter and a lone `s`.
    for (p, _) in s.match_indices(",s") {
        let before = p > 0 && b[p - 1].is_ascii_alphabetic();
        let after = b.get(p + 2).is_none_or(|c| !c.is_ascii_alphanumeric());
        if before && after {
            out.push(Damage {
                span: Span::new(seg.start + p, seg.start + p + 1),
                kind: DamageKind::CommaApostrophe,
                replacement: "'".into(),
            });
        }
    }
    // ` ) ` between clauses: a closing paren with no opening one before it.
    let mut depth: i32 = 0;
    for (p, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            ')' => {
                let spaced_before = p > 0 && b[p - 1] == b' ';
                let spaced_after = b.get(p + 1).is_none_or(|c| *c == b' ');
                if spaced_before && spaced_after && p + 1 < b.len() {
                    out.push(Damage {
                        span: Span::new(seg.start + p, seg.start + p + 1),
                        kind: DamageKind::ParenDash,
                        replacement: "--".into(),
                    });
                }
            }
            _ => {}
        }
    }
    // `&quoted8`: `&` before a word, `8` closing it within the line.
    for (p, _) in s.match_indices('&') {
        if !b.get(p + 1).is_some_and(|c| c.is_ascii_alphabetic()) || s[p..].starts_with("&#") {
            continue;
        }
        if p > 0 && b[p - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = &s[p + 1..];
        if let Some(q) = rest.find(['8', '&']).filter(|&q| q < 80) {
            let at8 = p + 1 + q;
            let ok = b[at8] == b'8'
                && at8 > 0
                && (b[at8 - 1].is_ascii_alphabetic() || b";,.!?".contains(&b[at8 - 1]))
                && b.get(at8 + 1).is_none_or(|c| !c.is_ascii_alphanumeric());
            if ok {
                out.push(Damage {
                    span: Span::new(seg.start + p, seg.start + p + 1),
                    kind: DamageKind::AmpQuotes,
                    replacement: "\"".into(),
                });
                out.push(Damage {
                    span: Span::new(seg.start + at8, seg.start + at8 + 1),
                    kind: DamageKind::AmpQuotes,
                    replacement: "\"".into(),
                });
            }
        }
    }
    // `Secretary SIPDIS Patrick`: the word amid other words, with the space
    // that set it apart, or on a line of its own, with its line end (kept
    // only inside a paragraph: elsewhere such a line is a handling line).
    if s.trim() == "SIPDIS" {
        let rest = text.as_bytes().get(seg.end..).unwrap_or(&[]);
        let eol = if rest.starts_with(b"\r\n") {
            2
        } else {
            usize::from(matches!(rest.first(), Some(b'\n' | b'\r')))
        };
        out.push(Damage {
            span: Span::new(seg.start, seg.end + eol),
            kind: DamageKind::StraySipdis,
            replacement: String::new(),
        });
    } else {
        static SIPDIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new("SIPDIS"));
        for p in SIPDIS.find_iter(b) {
            let word_start = p == 0 || !b[p - 1].is_ascii_alphanumeric();
            let word_end = b.get(p + 6).is_none_or(|c| !c.is_ascii_alphanumeric());
            if !(word_start && word_end) {
                continue;
            }
            // The whole run of spaces after it (or else before it): a run
            // may hold a no-break space read as two spaces, never half of one.
            let after = b[p + 6..].iter().take_while(|&&c| c == b' ').count();
            let before = b[..p].iter().rev().take_while(|&&c| c == b' ').count();
            let (a, e) = if after > 0 {
                (p, p + 6 + after)
            } else {
                (p - before, p + 6)
            };
            out.push(Damage {
                span: Span::new(seg.start + a, seg.start + e),
                kind: DamageKind::StraySipdis,
                replacement: String::new(),
            });
        }
    }
    // `[X](#)`
    for (p, _) in s.match_indices("](#)") {
        if let Some(open) = s[..p].rfind('[') {
            if p - open <= 40 && !s[open + 1..p].contains(']') {
                let inner = &s[open + 1..p];
                out.push(Damage {
                    span: Span::new(seg.start + open, seg.start + p + 4),
                    kind: DamageKind::MarkdownLink,
                    replacement: inner.to_string(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(DamageKind, String)> {
        let mut out = vec![];
        scan_seg(s, Span::new(0, s.len()), &mut out);
        out.into_iter()
            .map(|d| (d.kind, d.span.text(s).to_string()))
            .collect()
    }

    #[test]
    fn finds_each_kind() {
        assert_eq!(
            kinds("the Regime,s control"),
            [(DamageKind::CommaApostrophe, ",".into())]
        );
        assert_eq!(
            kinds("discussions ) in both"),
            [(DamageKind::ParenDash, ")".into())]
        );
        assert_eq!(kinds("(a) x (b) y"), vec![]);
        assert_eq!(kinds("for &other UAVs;8 creation").len(), 2);
        assert_eq!(
            kinds("TAGS: [MTCRE](#) x"),
            [(DamageKind::MarkdownLink, "[MTCRE](#)".into())]
        );
        assert_eq!(kinds("Partners, and"), vec![]);
        assert_eq!(
            kinds("Secretary SIPDIS Patrick"),
            [(DamageKind::StraySipdis, "SIPDIS ".into())]
        );
        assert_eq!(
            kinds("he suggested. SIPDIS"),
            [(DamageKind::StraySipdis, " SIPDIS".into())]
        );
        assert_eq!(
            kinds("SIPDIS"),
            [(DamageKind::StraySipdis, "SIPDIS".into())]
        );
        assert_eq!(kinds("the SIPDISX and XSIPDIS"), vec![]);
    }
}
