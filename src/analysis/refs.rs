//! What `REF X` stands for. Lettered REF items answer to their letter. When no
//! item is lettered (`REF: SAO PAULO 273, SAO PAULO 90, BRASILIA 791`), writers
//! still cite `ref A`, `ref B` for the documents in the order listed: the
//! implicit lettering.

use crate::syntax::{Cable, Citation, CitationKind, Header, ParaOf, RefItem, RefKind, Span};

#[derive(Debug, Clone, Copy)]
pub enum RefTarget<'a> {
    Item(&'a RefItem),
    /// One cited id of an unlettered item (implicit lettering).
    Id(&'a RefItem, usize),
}

impl<'a> RefTarget<'a> {
    pub fn item(&self) -> &'a RefItem {
        match self {
            RefTarget::Item(i) | RefTarget::Id(i, _) => i,
        }
    }
    pub fn span(&self) -> Span {
        match self {
            RefTarget::Item(i) => i.span,
            RefTarget::Id(i, k) => i.id_spans[*k],
        }
    }
    /// The ids this target cites.
    pub fn ids(&self) -> Vec<String> {
        match self {
            RefTarget::Item(i) => i.ids.iter().map(|x| x.to_string()).collect(),
            RefTarget::Id(i, k) => vec![i.ids[*k].to_string()],
        }
    }
}

pub fn items(c: &Cable) -> Vec<&RefItem> {
    header_items(&c.header)
}

fn header_items(h: &Header) -> Vec<&RefItem> {
    h.references.iter().flat_map(|r| &r.items).collect()
}

/// The REF entries in implicit order: each lettered item whole; each id of an
/// unlettered item on its own (an item without ids counts once).
fn implicit<'a>(items: &[&'a RefItem]) -> Vec<RefTarget<'a>> {
    let mut v = Vec::new();
    for &i in items {
        if i.ids.len() > 1 && i.bullet.is_none() {
            v.extend((0..i.ids.len()).map(|k| RefTarget::Id(i, k)));
        } else {
            v.push(RefTarget::Item(i));
        }
    }
    v
}

/// The REF entry `letter` stands for.
pub fn resolve(c: &Cable, letter: char) -> Option<RefTarget<'_>> {
    let items = items(c);
    if let Some(i) = items.iter().find(|i| i.bullet == Some(letter)) {
        return Some(RefTarget::Item(i));
    }
    if items.iter().any(|i| i.bullet.is_some()) || !letter.is_ascii_uppercase() {
        return None;
    }
    implicit(&items)
        .into_iter()
        .nth((letter as u8 - b'A') as usize)
}

/// The letter an entry answers to (its bullet, or its implicit letter).
pub fn letters_of(c: &Cable, item: &RefItem) -> Vec<char> {
    if let Some(b) = item.bullet {
        return vec![b];
    }
    let items = items(c);
    if items.iter().any(|i| i.bullet.is_some()) {
        return vec![];
    }
    implicit(&items)
        .iter()
        .enumerate()
        .filter(|(_, t)| std::ptr::eq(t.item(), item))
        .filter_map(|(k, _)| char::from_u32('A' as u32 + k as u32))
        .collect()
}

/// A cable cited by a cable: from a REF item (`item` is set) or in the text.
#[derive(Debug, Clone, Copy)]
pub struct CitedCable<'a> {
    pub id: &'a crate::syntax::CableId,
    pub span: Span,
    pub item: Option<&'a RefItem>,
}

/// Every cable a cable cites: REF items' ids, then cable numbers in the text.
pub fn cited_cables(c: &Cable) -> Vec<CitedCable<'_>> {
    cited_in(&c.header, &c.citations)
}

/// [`cited_cables`] from a header and citations (a skim's, say).
pub fn cited_in<'a>(header: &'a Header, citations: &'a [Citation]) -> Vec<CitedCable<'a>> {
    let mut out = Vec::new();
    for item in header_items(header) {
        for (id, span) in item.ids.iter().zip(&item.id_spans) {
            out.push(CitedCable {
                id,
                span: *span,
                item: Some(item),
            });
        }
    }
    for cit in citations.iter().filter(|x| x.kind == CitationKind::Cable) {
        if let Some(id) = &cit.id {
            out.push(CitedCable {
                id,
                span: cit.span,
                item: None,
            });
        }
    }
    out
}

/// A mention of an MTCR Point of Contact document: a REF item or `POC DOC 66`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PocRef {
    pub number: u32,
    pub year: Option<u16>,
    pub span: Span,
}

/// Every POC DOC mention of a cable: REF items, then the text.
pub fn poc_mentions(c: &Cable) -> Vec<PocRef> {
    poc_mentions_in(&c.header, &c.citations)
}

/// [`poc_mentions`] from a header and citations (a skim's, say).
pub fn poc_mentions_in(header: &Header, citations: &[Citation]) -> Vec<PocRef> {
    let mut out: Vec<PocRef> = header_items(header)
        .into_iter()
        .filter(|i| i.kind == RefKind::Document)
        .filter_map(|i| {
            let (year, number) = i.poc_doc?;
            Some(PocRef {
                number,
                year,
                span: i.span,
            })
        })
        .collect();
    out.extend(
        citations
            .iter()
            .filter(|x| x.kind == CitationKind::PocDoc)
            .filter_map(|x| {
                Some(PocRef {
                    number: x.target.parse().ok()?,
                    year: None,
                    span: x.span,
                })
            }),
    );
    out
}

/// The REF entries a `REF X` or `reftel` citation stands for (reftel: the only
/// item, when there is exactly one).
pub fn targets_of<'a>(c: &'a Cable, kind: CitationKind, target: &str) -> Vec<RefTarget<'a>> {
    match kind {
        CitationKind::Ref => target
            .chars()
            .next()
            .and_then(|l| resolve(c, l))
            .into_iter()
            .collect(),
        CitationKind::Reftel => match items(c).as_slice() {
            [only] => vec![RefTarget::Item(only)],
            _ => vec![],
        },
        _ => vec![],
    }
}

/// The ids of the cables whose paragraph a `para N` citation of another
/// document cites (`para 3 of REF A`: REF A's cables; `of STATE 67437`: that
/// one); none for a septel or a document that is no cable.
pub fn para_cables(c: &Cable, of: &ParaOf) -> Vec<String> {
    let refs = |kind, target: &str| {
        (targets_of(c, kind, target).iter())
            .flat_map(|t| t.ids())
            .collect()
    };
    match of {
        ParaOf::Ref(l) => refs(CitationKind::Ref, &l.to_string()),
        ParaOf::Reftel => refs(CitationKind::Reftel, ""),
        ParaOf::Cable(id) => vec![id.to_string()],
        ParaOf::Septel | ParaOf::Other => vec![],
    }
}
