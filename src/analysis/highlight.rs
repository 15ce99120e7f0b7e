//! Semantic highlighting: what each part of a cable is, for the editor to color.
//! Tokens never overlap and never cross a line end.

use super::Document;
use crate::syntax::{Level, Span};

/// Token kinds; the server maps them to LSP token types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// The classification banner.
    Banner,
    /// A portion mark `(C)`.
    PortionMark,
    /// A TAG.
    Tag,
    /// A REF bullet.
    RefBullet,
    /// A cited cable id in the REF block.
    RefId,
    /// An in-text citation (`REF A`, `para 5`, `POC DOC 66`).
    Citation,
    /// A paragraph or sub-paragraph number.
    ParagraphNumber,
    /// Copy damage (`,s`, `[X](#)`, a damaged label).
    Damage,
    /// Print noise (page lines) and the trailer.
    Noise,
    /// Header field values (DTG, E.O. line, Classified By).
    HeaderField,
    /// The subject line.
    Subject,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// The classification level the token speaks of (banner, portion marks).
    pub level: Option<Level>,
}

/// All tokens of a document, sorted, non-overlapping, each within one line.
pub fn tokens(doc: &Document) -> Vec<Token> {
    let c = &doc.cable;
    let mut raw: Vec<(Token, u8)> = Vec::new(); // (token, priority: higher wins)
    let mut add = |span: Span, kind: TokenKind, level: Option<Level>, prio: u8| {
        if !span.is_empty() {
            raw.push((Token { span, kind, level }, prio));
        }
    };
    let h = &c.header;
    if let Some(d) = &h.dtg {
        add(d.span, TokenKind::HeaderField, None, 1);
    }
    if let Some(b) = &h.banner {
        add(b.span, TokenKind::Banner, Some(b.level), 2);
    }
    if let Some(e) = &h.eo {
        add(e.span, TokenKind::HeaderField, None, 1);
    }
    if let Some(t) = &h.tags {
        for i in &t.items {
            add(i.span, TokenKind::Tag, None, 3);
        }
    }
    if let Some(s) = &h.subject {
        add(s.span, TokenKind::Subject, None, 1);
        if let Some(m) = &s.mark {
            add(m.span, TokenKind::PortionMark, Some(m.mark.level), 4);
        }
    }
    if let Some(r) = &h.references {
        for i in &r.items {
            if let Some(b) = i.bullet_span {
                add(b, TokenKind::RefBullet, None, 4);
            }
            for s in &i.id_spans {
                add(*s, TokenKind::RefId, None, 3);
            }
        }
    }
    if let Some(cb) = &h.classified_by {
        add(cb.span, TokenKind::HeaderField, None, 1);
    }
    for n in &h.noise {
        add(*n, TokenKind::Noise, None, 5);
    }
    for p in &c.body.paragraphs {
        add(p.label_span, TokenKind::ParagraphNumber, None, 3);
        for s in &p.subparagraphs {
            add(s.label_span, TokenKind::ParagraphNumber, None, 3);
        }
    }
    for m in &c.body.marks {
        add(m.span, TokenKind::PortionMark, Some(m.mark.level), 4);
    }
    for x in &c.citations {
        add(x.span, TokenKind::Citation, None, 3);
    }
    for d in &c.damage {
        add(d.span, TokenKind::Damage, None, 6);
    }
    if let Some(t) = c.body.trailer {
        add(t, TokenKind::Noise, None, 2);
    }
    flatten(doc, raw)
}

/// Splits tokens at line ends and resolves overlaps: the higher priority wins
/// (damage over a citation over a header field), the rest is cut around it.
fn flatten(doc: &Document, raw: Vec<(Token, u8)>) -> Vec<Token> {
    let text: &str = &doc.text;
    // Split into single-line pieces.
    let mut pieces: Vec<(Token, u8)> = Vec::new();
    for (t, p) in raw {
        let mut start = t.span.start;
        let end = t.span.end.min(text.len());
        while start < end {
            let nl = text[start..end]
                .find(['\n', '\r'])
                .map_or(end, |x| start + x);
            if nl > start {
                pieces.push((
                    Token {
                        span: Span::new(start, nl),
                        ..t
                    },
                    p,
                ));
            }
            start = nl + 1;
            while start < end && !text.is_char_boundary(start) {
                start += 1;
            }
        }
    }
    // Paint by priority on boundaries: sort boundaries, pick the winner per segment.
    let mut cuts: Vec<usize> = pieces
        .iter()
        .flat_map(|(t, _)| [t.span.start, t.span.end])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    pieces.sort_by_key(|(t, _)| t.span.start);
    let mut out: Vec<Token> = Vec::new();
    let mut active: Vec<(Token, u8)> = Vec::new();
    let mut next = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        while next < pieces.len() && pieces[next].0.span.start <= a {
            active.push(pieces[next]);
            next += 1;
        }
        active.retain(|(t, _)| t.span.end > a);
        let Some((t, _)) = active
            .iter()
            .filter(|(t, _)| t.span.start <= a && t.span.end >= b)
            .max_by_key(|(_, p)| *p)
        else {
            continue;
        };
        match out.last_mut() {
            Some(last) if last.span.end == a && last.kind == t.kind && last.level == t.level => {
                last.span.end = b
            }
            _ => out.push(Token {
                span: Span::new(a, b),
                ..*t
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_sorted_single_line_and_disjoint() {
        for text in [
            include_str!("../../corpus/08BERLIN896.txt"),
            include_str!("../../corpus/08STATE70895.txt"),
        ] {
            let doc = Document::parse(text);
            let t = tokens(&doc);
            assert!(!t.is_empty());
            for w in t.windows(2) {
                assert!(w[0].span.end <= w[1].span.start);
            }
            for x in &t {
                assert!(!text[x.span.start..x.span.end].contains('\n'));
            }
            assert!(t
                .iter()
                .any(|x| x.kind == TokenKind::PortionMark && x.level == Some(Level::C)));
            assert!(t.iter().any(|x| x.kind == TokenKind::Banner));
        }
    }
}
