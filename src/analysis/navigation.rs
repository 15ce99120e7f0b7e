//! Go-to-definition and find-references, within a cable and across the corpus.

use super::cursor::{element_at, Element};
use super::refs;
use super::Document;
use crate::corpus::{Index, Loc};
use crate::syntax::{CitationKind, ParaOf, RefItem, Span};
use std::path::{Path, PathBuf};

/// Where a navigation lands: in the document at hand, or in another file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Here(Span),
    There { path: PathBuf, loc: Loc },
}

/// The document being asked about, with the corpus around it.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub doc: &'a Document,
    /// The document's file (its entry in the index is skipped in favour of the
    /// live text).
    pub path: &'a Path,
    pub index: &'a Index,
}

impl Ctx<'_> {
    /// The document's canonical id (from its text, or its file's name).
    pub fn own_id(&self) -> Option<String> {
        self.doc
            .cable
            .id_for_path(self.path)
            .map(|(id, _)| id.to_string())
    }

    fn items(&self) -> impl Iterator<Item = &RefItem> {
        self.doc
            .cable
            .header
            .references
            .iter()
            .flat_map(|r| &r.items)
    }

    /// The banner of every cable with this id in the corpus.
    fn cables(&self, id: &str) -> Vec<Target> {
        self.index
            .by_id(id)
            .into_iter()
            .map(|r| Target::There {
                path: r.path.clone(),
                loc: r.banner,
            })
            .collect()
    }

    /// Every mention of POC DOC `n`: the live ones here, then the corpus's.
    fn poc_mentions(&self, n: u32) -> Vec<Target> {
        let mut out: Vec<Target> = refs::poc_mentions(&self.doc.cable)
            .into_iter()
            .filter(|m| m.number == n)
            .map(|m| Target::Here(m.span))
            .collect();
        out.extend(
            self.index
                .poc_mentions(n)
                .into_iter()
                .filter(|(r, _)| r.path != self.path)
                .map(|(r, m)| Target::There {
                    path: r.path.clone(),
                    loc: m.loc,
                }),
        );
        out
    }

    /// In-text uses of a REF item: `REF A`, and `reftel` when it is the only item.
    fn uses_of_item(&self, item: &RefItem) -> Vec<Target> {
        let only = self.items().count() == 1;
        let letters = refs::letters_of(&self.doc.cable, item);
        self.doc
            .cable
            .citations
            .iter()
            .filter(|x| match x.kind {
                CitationKind::Ref => x
                    .target
                    .chars()
                    .next()
                    .is_some_and(|l| letters.contains(&l)),
                CitationKind::Reftel => only,
                _ => false,
            })
            .map(|x| Target::Here(x.span))
            .collect()
    }

    /// Every citation of the cable `id`: the live ones here, then the corpus's.
    fn citations_of(&self, id: &str) -> Vec<Target> {
        let mut out: Vec<Target> = refs::cited_cables(&self.doc.cable)
            .into_iter()
            .filter(|c| c.id.to_string() == id)
            .map(|c| Target::Here(c.span))
            .collect();
        out.extend(self.cited_elsewhere(id));
        out
    }

    /// Where the corpus's other files cite the cable `id`.
    pub fn cited_elsewhere(&self, id: &str) -> Vec<Target> {
        (self.index.citations_of(id).into_iter())
            .filter(|(r, _)| r.path != self.path)
            .map(|(r, c)| Target::There {
                path: r.path.clone(),
                loc: c.loc,
            })
            .collect()
    }

    fn paragraphs(&self, n: &str) -> Vec<Target> {
        let Ok(n) = n.parse::<u32>() else {
            return vec![];
        };
        self.doc
            .cable
            .body
            .paragraphs
            .iter()
            .filter(|p| p.number == n)
            .map(|p| {
                Target::Here(if p.label_span.is_empty() {
                    Span::new(p.span.start, p.span.start)
                } else {
                    p.label_span
                })
            })
            .collect()
    }

    fn para_citations(&self, n: u32) -> Vec<Target> {
        let n = n.to_string();
        self.doc
            .cable
            .citations
            .iter()
            .filter(|x| x.kind == CitationKind::Para && x.target == n && x.of.is_none())
            .map(|x| Target::Here(x.span))
            .collect()
    }

    /// Paragraph `n` of the cables `of` names (`para 3 of REF A`), where the
    /// corpus holds them: its label, or the cable's banner when it has no
    /// paragraph `n`.
    fn paragraphs_of(&self, of: &ParaOf, n: &str) -> Vec<Target> {
        let Ok(n) = n.parse::<u32>() else {
            return vec![];
        };
        (refs::para_cables(&self.doc.cable, of).iter())
            .flat_map(|id| self.index.by_id(id))
            .map(|r| Target::There {
                path: r.path.clone(),
                loc: r.paragraph(n, 0).map_or(r.banner, |p| p.0),
            })
            .collect()
    }
}

/// Go to definition at `offset`.
pub fn definition(cx: Ctx<'_>, offset: usize) -> Vec<Target> {
    let Some(el) = element_at(cx.doc, offset) else {
        return vec![];
    };
    match el {
        Element::RefId { item, index, .. } => cx.cables(&item.ids[index].to_string()),
        Element::RefItem(item) => {
            if let Some((_, n)) = item.poc_doc {
                cx.poc_mentions(n)
            } else {
                item.ids
                    .iter()
                    .flat_map(|id| cx.cables(&id.to_string()))
                    .collect()
            }
        }
        Element::Citation(cit) => match cit.kind {
            CitationKind::Cable => cit
                .id
                .iter()
                .flat_map(|id| cx.cables(&id.to_string()))
                .collect(),
            CitationKind::Ref | CitationKind::Reftel => {
                refs::targets_of(&cx.doc.cable, cit.kind, &cit.target)
                    .into_iter()
                    .map(|t| Target::Here(t.span()))
                    .collect()
            }
            CitationKind::Para => match &cit.of {
                None => cx.paragraphs(&cit.target),
                Some(of) => cx.paragraphs_of(of, &cit.target),
            },
            CitationKind::PocDoc => cit
                .target
                .parse()
                .map(|n| cx.poc_mentions(n))
                .unwrap_or_default(),
            CitationKind::Septel => vec![],
        },
        Element::Banner(b) => vec![Target::Here(b.span)],
        Element::Tag(_) | Element::Mark(_) | Element::Reasons(..) => vec![],
        Element::ParagraphLabel(p) => vec![Target::Here(p.label_span)],
    }
}

/// Find references at `offset`. With `declaration`, the definition is included.
pub fn references(cx: Ctx<'_>, offset: usize, declaration: bool) -> Vec<Target> {
    let Some(el) = element_at(cx.doc, offset) else {
        return vec![];
    };
    let mut out = Vec::new();
    match el {
        Element::Banner(b) => {
            if declaration {
                out.push(Target::Here(b.span));
            }
            if let Some(id) = cx.own_id() {
                out.extend(cx.cited_elsewhere(&id));
            }
        }
        Element::RefItem(item) | Element::RefId { item, .. } if item.poc_doc.is_some() => {
            out = cx.poc_mentions(item.poc_doc.map_or(0, |p| p.1));
        }
        Element::RefItem(item) => {
            if declaration {
                out.push(Target::Here(item.span));
            }
            out.extend(cx.uses_of_item(item));
        }
        Element::RefId { item, index, .. } => {
            if declaration {
                out.extend(cx.cables(&item.ids[index].to_string()));
            }
            out.extend(cx.citations_of(&item.ids[index].to_string()));
        }
        Element::Citation(cit) => match cit.kind {
            CitationKind::Ref | CitationKind::Reftel => {
                for t in refs::targets_of(&cx.doc.cable, cit.kind, &cit.target) {
                    if declaration {
                        out.push(Target::Here(t.span()));
                    }
                    out.extend(cx.uses_of_item(t.item()));
                }
            }
            CitationKind::PocDoc => {
                if let Ok(n) = cit.target.parse() {
                    out = cx.poc_mentions(n);
                }
            }
            CitationKind::Para if cit.of.is_none() => {
                if declaration {
                    out.extend(cx.paragraphs(&cit.target));
                }
                if let Ok(n) = cit.target.parse() {
                    out.extend(cx.para_citations(n));
                }
            }
            // Another document's paragraph: its cables' (the declaration).
            CitationKind::Para => {
                if let (true, Some(of)) = (declaration, &cit.of) {
                    out.extend(cx.paragraphs_of(of, &cit.target));
                }
            }
            CitationKind::Cable => {
                if let Some(id) = &cit.id {
                    if declaration {
                        out.extend(cx.cables(&id.to_string()));
                    }
                    out.extend(cx.citations_of(&id.to_string()));
                }
            }
            CitationKind::Septel => {}
        },
        Element::ParagraphLabel(p) => {
            if declaration {
                out.push(Target::Here(p.label_span));
            }
            out.extend(cx.para_citations(p.number));
        }
        Element::Tag(_) | Element::Mark(_) | Element::Reasons(..) => {}
    }
    out
}

/// A place to highlight where the cursor's REF item, paragraph, cable or POC
/// document stands in this document: its uses, and its declaration (a REF
/// item, a paragraph's label) marked as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlight {
    pub span: Span,
    pub declaration: bool,
}

/// The highlights at `offset`: the references in this document, in text order.
pub fn highlights(cx: Ctx<'_>, offset: usize) -> Vec<Highlight> {
    let cited = |sp: Span| cx.doc.cable.citations.iter().any(|c| c.span == sp);
    let mut out: Vec<Highlight> = (references(cx, offset, true).into_iter())
        .filter_map(|t| match t {
            Target::Here(span) => Some(Highlight {
                span,
                declaration: !cited(span),
            }),
            Target::There { .. } => None,
        })
        .collect();
    out.sort_by_key(|h| (h.span.start, h.span.end));
    out.dedup_by_key(|h| h.span);
    out
}
