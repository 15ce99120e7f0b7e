//! What the editor draws around the text: links on REF items that resolve, the
//! cited cable's subject after a REF item (inlay hint), "cited by N cables" on
//! the banner (code lens).

use super::navigation::Ctx;
use crate::corpus::record::shorten;
use crate::syntax::Span;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub span: Span,
    pub path: PathBuf,
    /// The cited id, for the tooltip.
    pub id: String,
}

/// A link on every cited id of a REF item that is in the corpus.
pub fn document_links(cx: Ctx<'_>) -> Vec<Link> {
    let mut out = Vec::new();
    for item in cx.doc.cable.header.references.iter().flat_map(|r| &r.items) {
        for (id, span) in item.ids.iter().zip(&item.id_spans) {
            let id = id.to_string();
            if let Some(r) = cx.index.by_id(&id).first() {
                out.push(Link {
                    span: *span,
                    path: r.path.clone(),
                    id,
                });
            }
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint is drawn (after the REF item's last character).
    pub offset: usize,
    pub label: String,
    pub tooltip: String,
}

/// After each REF item that resolves: the cited cable's subject, within `range`.
pub fn inlay_hints(cx: Ctx<'_>, range: Span) -> Vec<InlayHint> {
    let text = &*cx.doc.text;
    let mut out = Vec::new();
    for item in cx.doc.cable.header.references.iter().flat_map(|r| &r.items) {
        if item.span.end < range.start || item.span.start > range.end {
            continue;
        }
        let subjects: Vec<String> = item
            .ids
            .iter()
            .filter_map(|id| {
                let r = cx.index.by_id(&id.to_string()).into_iter().next()?;
                Some(r.subject.clone().unwrap_or_else(|| "(no subject)".into()))
            })
            .collect();
        if subjects.is_empty() {
            continue;
        }
        let trimmed = item.span.text(text).trim_end().len();
        let label = format!(" {}", shorten(&subjects.join(" / "), 60));
        out.push(InlayHint {
            offset: item.span.start + trimmed,
            tooltip: subjects.join("\n"),
            label,
        });
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeLens {
    pub span: Span,
    pub title: String,
    pub cited_by: usize,
    /// Where the other cables cite this one (what the lens shows when run).
    pub citations: Vec<super::navigation::Target>,
}

/// "cited by N cables" on the banner.
pub fn code_lenses(cx: Ctx<'_>) -> Vec<CodeLens> {
    let Some(b) = &cx.doc.cable.header.banner else {
        return vec![];
    };
    let Some(id) = cx.own_id() else {
        return vec![];
    };
    let n = cx.index.cited_by_others(&id, cx.path);
    let citations = cx.cited_elsewhere(&id);
    vec![CodeLens {
        span: b.span,
        title: format!("{id} · cited by {n} cable{}", if n == 1 { "" } else { "s" }),
        cited_by: n,
        citations,
    }]
}
