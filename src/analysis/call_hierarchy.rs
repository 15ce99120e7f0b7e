//! The citation graph as a call hierarchy: a cable "calls" the cables it
//! cites. At a cursor, the cable in question (the cited cable under it, else
//! this cable); incoming, the cables that cite it; outgoing, the cables it
//! cites. Each call carries where its citations stand in the citing cable.

use super::cursor::{element_at, Element};
use super::navigation::Ctx;
use crate::corpus::{CableRecord, Index, Loc};
use crate::syntax::CitationKind;
use std::path::{Path, PathBuf};

/// A cable in the hierarchy: a file of the corpus (or an open buffer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    pub path: PathBuf,
    pub subject: Option<String>,
    /// ISO date of the DTG.
    pub date: Option<String>,
    /// The banner line (the file's first line when it has none).
    pub banner: Loc,
}

impl Node {
    fn of(r: &CableRecord) -> Option<Node> {
        Some(Node {
            id: r.id.clone()?,
            path: r.path.clone(),
            subject: r.subject.clone(),
            date: r.date.clone(),
            banner: r.banner,
        })
    }
}

/// One edge of the hierarchy: the cable at its other end, and where the
/// citations stand in the citing cable's file (the other end's for incoming
/// calls, the asked cable's for outgoing ones).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub node: Node,
    pub from: Vec<Loc>,
}

/// The cables at `offset`: the corpus's cable(s) of a cited id under the
/// cursor (none when the corpus lacks it), else this cable.
pub fn prepare(cx: Ctx<'_>, offset: usize) -> Vec<Node> {
    let cited: Option<Vec<String>> = match element_at(cx.doc, offset) {
        Some(Element::RefId { item, index, .. }) => Some(vec![item.ids[index].to_string()]),
        Some(Element::RefItem(item)) if item.poc_doc.is_none() && !item.ids.is_empty() => {
            Some(item.ids.iter().map(|id| id.to_string()).collect())
        }
        Some(Element::Citation(c)) if c.kind == CitationKind::Cable => {
            Some(c.id.iter().map(|id| id.to_string()).collect())
        }
        _ => None,
    };
    match cited {
        Some(ids) => (ids.iter())
            .flat_map(|id| cx.index.by_id(id))
            .filter_map(|r| Node::of(r))
            .collect(),
        None => {
            let own = match cx.index.get(cx.path) {
                Some(r) => Node::of(r),
                None => Node::of(&CableRecord::new(cx.path.to_path_buf(), cx.doc)),
            };
            own.into_iter().collect()
        }
    }
}

/// The cables that cite `id`, each once with its citations of it, by path;
/// the file at `path` itself left out.
pub fn incoming(index: &Index, id: &str, path: &Path) -> Vec<Call> {
    let mut calls: Vec<Call> = Vec::new();
    // A file's citations come together.
    for (r, c) in index.citations_of(id) {
        if r.path == path {
            continue;
        }
        match calls.last_mut().filter(|k| k.node.path == r.path) {
            Some(k) => k.from.push(c.loc),
            None => calls.extend(Node::of(r).map(|node| Call {
                node,
                from: vec![c.loc],
            })),
        }
    }
    calls.sort_by(|a, b| a.node.path.cmp(&b.node.path));
    calls
}

/// The cables the cable at `path` cites that the corpus holds, in the order
/// first cited, each with the citations of it; the file itself left out.
pub fn outgoing(index: &Index, path: &Path) -> Vec<Call> {
    let Some(me) = index.get(path) else {
        return vec![];
    };
    let mut calls = Vec::new();
    for id in me.cited_ids() {
        let from: Vec<Loc> = (me.cites.iter())
            .filter(|c| c.id == id)
            .map(|c| c.loc)
            .collect();
        for r in index.by_id(id) {
            if r.path == path {
                continue;
            }
            calls.extend(Node::of(r).map(|node| Call {
                node,
                from: from.clone(),
            }));
        }
    }
    calls
}
