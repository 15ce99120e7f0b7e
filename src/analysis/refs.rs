//! What `REF X` stands for. Lettered REF items answer to their letter. When no
//! item is lettered (`REF: SAO PAULO 273, SAO PAULO 90, BRASILIA 791`), writers
//! still cite `ref A`, `ref B` for the documents in the order listed: the
//! implicit lettering.

use crate::syntax::{Cable, RefItem, Span};

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
    c.header.references.iter().flat_map(|r| &r.items).collect()
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
