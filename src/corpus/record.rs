//! What the index keeps of one cable: enough to answer definition, references,
//! hover and search without reading the file again.

use crate::analysis::refs::{cited_cables, poc_mentions};
use crate::analysis::{text_of, Document};
use crate::syntax::{Level, Span};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A range on one line of a file, with columns in UTF-8 bytes and in UTF-16
/// code units, so it converts to any position encoding without the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Loc {
    pub line: u32,
    pub start8: u32,
    pub end8: u32,
    pub start16: u32,
    pub end16: u32,
}

impl Loc {
    /// The part of `span` that lies on its first line.
    pub fn of(doc: &Document, span: Span) -> Loc {
        let text = &*doc.text;
        let start = crate::syntax::text::floor_char_boundary(text, span.start.min(text.len()));
        let line = doc.lines.line_of(start);
        let ls = doc.lines.line_start(line).min(start);
        let le = text[ls..].find(['\n', '\r']).map_or(text.len(), |i| ls + i);
        let end =
            crate::syntax::text::floor_char_boundary(text, span.end.clamp(start, le.max(start)));
        let u16len = |s: &str| s.encode_utf16().count() as u32;
        Loc {
            line: line as u32,
            start8: (start - ls) as u32,
            end8: (end - ls) as u32,
            start16: u16len(&text[ls..start]),
            end16: u16len(&text[ls..end]),
        }
    }
}

/// How a cable cites another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Via {
    /// A REF item, with its bullet letter if it has one.
    RefItem(Option<char>),
    /// A cable number in the text.
    Text,
}

/// One outgoing citation of a cable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cite {
    /// The cited cable's canonical id.
    pub id: String,
    pub via: Via,
    pub loc: Loc,
}

/// A mention of an MTCR Point of Contact document: a REF item or `POC DOC 66`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PocMention {
    pub number: u32,
    pub year: Option<u16>,
    pub loc: Loc,
    /// The line the mention stands on, trimmed (for hovers).
    pub context: String,
}

/// The index's summary of one cable file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CableRecord {
    pub path: PathBuf,
    /// The canonical id (`08BERLIN896`), from the text or, failing it, the file name.
    pub id: Option<String>,
    /// ISO date of the DTG.
    pub date: Option<String>,
    pub origin: Option<String>,
    pub level: Option<Level>,
    pub caveats: Vec<String>,
    pub subject: Option<String>,
    pub tags: Vec<String>,
    /// The first paragraph's text, shortened.
    pub first_paragraph: Option<String>,
    /// The banner line (or the file's first line when there is none).
    pub banner: Loc,
    pub cites: Vec<Cite>,
    pub poc: Vec<PocMention>,
}

const FIRST_PARAGRAPH_CHARS: usize = 600;

impl CableRecord {
    /// The record of a parsed document at `path`.
    pub fn new(path: PathBuf, doc: &Document) -> CableRecord {
        let c = &*doc.cable;
        let id = c.id_for_path(&path).map(|(id, _)| id.to_string());
        let banner = c.header.banner.as_ref();
        let context = |span: Span| {
            let loc = Loc::of(doc, span);
            let ls = doc.lines.line_start(loc.line as usize);
            let line = &doc.text[ls..];
            let line = line.split(['\n', '\r']).next().unwrap_or("");
            (loc, line.trim().chars().take(200).collect::<String>())
        };
        let cites = cited_cables(c)
            .into_iter()
            .map(|x| Cite {
                id: x.id.to_string(),
                via: x.item.map_or(Via::Text, |i| Via::RefItem(i.bullet)),
                loc: Loc::of(doc, x.span),
            })
            .collect();
        let poc = poc_mentions(c)
            .into_iter()
            .map(|m| {
                let (loc, context) = context(m.span);
                PocMention {
                    number: m.number,
                    year: m.year,
                    loc,
                    context,
                }
            })
            .collect();
        CableRecord {
            id,
            date: c.header.dtg.as_ref().map(|d| d.dtg.date().iso()),
            origin: banner.and_then(|b| b.origin.clone()),
            level: banner.map(|b| b.level),
            caveats: banner.map(|b| b.caveats.clone()).unwrap_or_default(),
            subject: c.header.subject.as_ref().map(|s| s.text.clone()),
            tags: c
                .header
                .tags
                .iter()
                .flat_map(|t| &t.items)
                .map(|t| t.text.clone())
                .collect(),
            first_paragraph: c
                .body
                .paragraphs
                .first()
                .map(|p| shorten(&text_of(doc, p.span), FIRST_PARAGRAPH_CHARS)),
            banner: Loc::of(doc, banner.map_or(Span::new(0, 0), |b| b.span)),
            cites,
            poc,
            path,
        }
    }

    /// Ids this cable cites, each once.
    pub fn cited_ids(&self) -> impl Iterator<Item = &str> {
        let mut seen = std::collections::HashSet::new();
        self.cites
            .iter()
            .map(|c| c.id.as_str())
            .filter(move |id| seen.insert(*id))
    }
}

/// `s` cut to about `n` characters at a word boundary, with an ellipsis.
pub fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let cut: String = s.chars().take(n).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end())
}
