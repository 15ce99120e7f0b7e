//! Selection ranges ("expand selection"): from the word at the cursor out
//! through the element under it (a cited id, a mark, a TAG), its field or
//! sub-paragraph, REF item or paragraph, the REF block or body, the header,
//! to the whole text. Each range holds the one before it.

use super::cursor::element_at;
use super::Document;
use crate::syntax::{Cable, Span};

/// The ranges at `offset`, innermost first, each strictly inside the next;
/// the last is the whole text.
pub fn selection_ranges(doc: &Document, offset: usize) -> Vec<Span> {
    let text = &*doc.text;
    let at = offset.min(text.len());
    let mut spans = candidates(&doc.cable);
    spans.push(word_at(text, at));
    if let Some(el) = element_at(doc, at) {
        spans.push(el.span());
    }
    spans.retain(|s| !s.is_empty() && s.start <= at && at <= s.end && s.end <= text.len());
    spans.sort_by_key(|s| (s.end - s.start, s.start));
    let mut chain: Vec<Span> = Vec::new();
    for s in spans {
        match chain.last() {
            Some(l) if !(s.start <= l.start && l.end <= s.end && s != *l) => {}
            _ => chain.push(s),
        }
    }
    let whole = Span::new(0, text.len());
    if chain.last() != Some(&whole) {
        chain.push(whole);
    }
    chain
}

/// The run of letters and digits around `at` (empty between words).
fn word_at(text: &str, at: usize) -> Span {
    let is_word = |c: char| c.is_alphanumeric();
    let start = (text[..at].char_indices().rev())
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = (text[at..].char_indices())
        .find(|&(_, c)| !is_word(c))
        .map_or(text.len(), |(i, _)| at + i);
    Span::new(start, end)
}

/// Every span of the model a selection may stop at.
fn candidates(c: &Cable) -> Vec<Span> {
    let h = &c.header;
    let mut v = vec![h.span, c.body.span];
    v.extend(h.routing.iter().map(|r| r.span));
    v.extend(h.dtg.iter().map(|d| d.span));
    v.extend(h.from.iter().chain(&h.to).chain(&h.info).map(|a| a.span));
    if let Some(b) = &h.banner {
        v.extend([b.span, b.level_span]);
        v.extend(b.origin_span.iter().chain(&b.serial_span));
    }
    v.extend(h.sections.iter().map(|s| s.span));
    v.extend(h.handling.iter().map(|s| s.span));
    if let Some(eo) = &h.eo {
        v.push(eo.span);
        v.extend(eo.decl_span);
    }
    if let Some(t) = &h.tags {
        v.push(t.span);
        v.extend(t.items.iter().map(|t| t.span));
    }
    if let Some(s) = &h.subject {
        v.push(s.span);
        v.extend(s.mark.iter().map(|m| m.span));
    }
    if let Some(r) = &h.references {
        v.extend([r.span, r.heading_span]);
        for i in &r.items {
            v.push(i.span);
            v.extend(i.bullet_span);
        }
    }
    if let Some(cb) = &h.classified_by {
        v.push(cb.span);
        v.extend(cb.reasons_span);
    }
    let b = &c.body;
    for p in &b.paragraphs {
        v.extend([p.span, p.label_span]);
        for s in &p.subparagraphs {
            v.extend([s.span, s.label_span]);
        }
    }
    v.extend(b.headings.iter().map(|x| x.span));
    for bl in &b.blocks {
        v.extend([bl.span, bl.open_span, bl.close_span]);
    }
    v.extend(b.marks.iter().map(|m| m.span));
    v.extend(b.signature.iter().map(|s| s.span));
    v.extend(b.trailer);
    v.extend(c.citations.iter().map(|x| x.span));
    v
}
