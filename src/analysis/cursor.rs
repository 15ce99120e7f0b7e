//! What stands under the cursor: a REF item or one of its cited ids, a citation,
//! the banner, a TAG, a portion mark, a paragraph label.

use super::Document;
use crate::syntax::{Banner, Citation, ClassifiedBy, MarkAt, Paragraph, RefItem, Span, Tag};

#[derive(Debug, Clone, Copy)]
pub enum Element<'a> {
    /// A cited cable id inside a REF item (`STATE 12345`).
    RefId {
        item: &'a RefItem,
        index: usize,
        span: Span,
    },
    /// A REF item, elsewhere than on a cited id (its bullet, its text).
    RefItem(&'a RefItem),
    Citation(&'a Citation),
    Banner(&'a Banner),
    Tag(&'a Tag),
    Mark(&'a MarkAt),
    ParagraphLabel(&'a Paragraph),
    /// The reasons of the `Classified By` line (`1.4 (B), (D)`).
    Reasons(&'a ClassifiedBy),
}

impl Element<'_> {
    /// The range the element covers (for hover and origin ranges).
    pub fn span(&self) -> Span {
        match self {
            Element::RefId { span, .. } => *span,
            Element::RefItem(i) => i.span,
            Element::Citation(c) => c.span,
            Element::Banner(b) => b.span,
            Element::Tag(t) => t.span,
            Element::Mark(m) => m.span,
            Element::ParagraphLabel(p) => p.label_span,
            Element::Reasons(c) => c.reasons_span.unwrap_or(c.span),
        }
    }
}

/// The most specific element at `offset` (a cursor just after an element counts).
pub fn element_at(doc: &Document, offset: usize) -> Option<Element<'_>> {
    find(doc, &|s: &Span| s.contains(offset)).or_else(|| find(doc, &|s: &Span| s.touches(offset)))
}

fn find<'a>(doc: &'a Document, hit: &dyn Fn(&Span) -> bool) -> Option<Element<'a>> {
    let c = &*doc.cable;
    if let Some(cit) = c.citations.iter().find(|x| hit(&x.span)) {
        return Some(Element::Citation(cit));
    }
    for item in c.header.references.iter().flat_map(|r| &r.items) {
        if let Some(i) = item.id_spans.iter().position(hit) {
            return Some(Element::RefId {
                item,
                index: i,
                span: item.id_spans[i],
            });
        }
        if hit(&item.span) {
            return Some(Element::RefItem(item));
        }
    }
    if let Some(t) = c
        .header
        .tags
        .iter()
        .flat_map(|t| &t.items)
        .find(|t| hit(&t.span))
    {
        return Some(Element::Tag(t));
    }
    if let Some(cb) =
        (c.header.classified_by.as_ref()).filter(|cb| cb.reasons_span.as_ref().is_some_and(hit))
    {
        return Some(Element::Reasons(cb));
    }
    let subject_mark = c.header.subject.as_ref().and_then(|s| s.mark.as_ref());
    if let Some(m) = subject_mark
        .into_iter()
        .chain(&c.body.marks)
        .find(|m| hit(&m.span))
    {
        return Some(Element::Mark(m));
    }
    if let Some(p) = c
        .body
        .paragraphs
        .iter()
        .find(|p| !p.label_span.is_empty() && hit(&p.label_span))
    {
        return Some(Element::ParagraphLabel(p));
    }
    if let Some(b) = c.header.banner.as_ref().filter(|b| hit(&b.span)) {
        return Some(Element::Banner(b));
    }
    None
}
