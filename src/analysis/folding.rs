//! Folding ranges: the header, the REF block, paragraphs, sub-paragraphs, blocks
//! and the trailer.

use super::Document;
use crate::syntax::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldKind {
    Region,
    /// The trailer (scraped-page junk, NNNN): folded away like a comment.
    Comment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    pub span: Span,
    pub kind: FoldKind,
}

/// Folds spanning more than one line.
pub fn folding_ranges(doc: &Document) -> Vec<Fold> {
    let c = &doc.cable;
    let mut v = vec![Fold {
        span: c.header.span,
        kind: FoldKind::Region,
    }];
    if let Some(r) = &c.header.references {
        v.push(Fold {
            span: r.span,
            kind: FoldKind::Region,
        });
    }
    for p in &c.body.paragraphs {
        v.push(Fold {
            span: p.span,
            kind: FoldKind::Region,
        });
        v.extend(p.subparagraphs.iter().map(|s| Fold {
            span: s.span,
            kind: FoldKind::Region,
        }));
    }
    v.extend(c.body.blocks.iter().map(|b| Fold {
        span: b.span,
        kind: FoldKind::Region,
    }));
    if let Some(t) = c.body.trailer {
        v.push(Fold {
            span: t,
            kind: FoldKind::Comment,
        });
    }
    let lines = &doc.lines;
    v.retain(|f| {
        !f.span.is_empty()
            && lines.line_of(f.span.start) < lines.line_of(f.span.end.saturating_sub(1))
    });
    v.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    v.dedup();
    v
}
