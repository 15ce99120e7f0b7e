//! What the index keeps of one cable: enough to answer definition, references,
//! hover and search without reading the file again.

use crate::analysis::refs::{cited_in, poc_mentions_in};
use crate::analysis::{text_of, Document};
use crate::syntax::model::{id_with_file_name, Citation, Header};
use crate::syntax::skim::skim;
use crate::syntax::{CableId, Level, LineIndex, Span};
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
        Loc::in_text(&doc.text, &doc.lines, span)
    }

    /// The part of `span` that lies on its first line, in `text` with its line index.
    pub fn in_text(text: &str, lines: &LineIndex, span: Span) -> Loc {
        let start = crate::syntax::text::floor_char_boundary(text, span.start.min(text.len()));
        let line = lines.line_of(start);
        let ls = lines.line_start(line).min(start);
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
    /// The first paragraph, for hovers: held, or read from the file when asked.
    pub excerpt: Option<Excerpt>,
    /// Which letters and digits the id and subject hold (see [`char_mask`]): a
    /// fuzzy search skips the records that lack one of the query's.
    pub chars: u64,
    /// The banner line (or the file's first line when there is none).
    pub banner: Loc,
    pub cites: Vec<Cite>,
    pub poc: Vec<PocMention>,
    /// The file's size and modification time when it was read (`None`: the
    /// record is of an editor's buffer, not of the file).
    pub stamp: Option<super::cache::Stamp>,
    /// The editor's buffer the record was made of: its paragraphs are read
    /// from it, not from the file on disk (which may be behind it). Never cached.
    #[serde(skip)]
    pub buffer: Option<Buffer>,
}

/// An open editor's parsed buffer, held by its record.
#[derive(Clone)]
pub struct Buffer(pub Document);

impl PartialEq for Buffer {
    fn eq(&self, other: &Self) -> bool {
        self.0.text == other.0.text
    }
}

impl std::fmt::Debug for Buffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Buffer({} bytes)", self.0.text.len())
    }
}

const FIRST_PARAGRAPH_CHARS: usize = 600;
/// How much of a file is read and parsed for its first paragraph.
const EXCERPT_READ: u64 = 256 << 10;
/// How much of a file is read for one of its paragraphs.
const PARAGRAPH_READ: u64 = 8 << 20;

/// Where a record's first-paragraph excerpt is: held (a buffer's), or in the
/// file, read (its first 256 KB) and parsed when a hover asks. Held, the
/// excerpts of 250,000 cables would take some 150 MB, and finding them needs
/// the full parse that indexing leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Excerpt {
    Text(Box<str>),
    File,
}

/// A bit for each ASCII letter (case folded) and digit in `s`; every bit when `s`
/// holds other characters, which a search may normalise to ASCII.
pub fn char_mask(s: &str) -> u64 {
    byte_mask(s.as_bytes())
}

/// [`char_mask`] of bytes.
pub fn byte_mask(s: &[u8]) -> u64 {
    let mut m = 0u64;
    for &b in s {
        m |= match b {
            b'a'..=b'z' => 1 << (b - b'a'),
            b'A'..=b'Z' => 1 << (b - b'A'),
            b'0'..=b'9' => 1 << (26 + b - b'0'),
            0x80.. => return u64::MAX,
            _ => 0,
        };
    }
    m
}

/// The parts of a cable a record is built from: a full model's or a skim's.
struct Parts<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    header: &'a Header,
    /// The id the text gives.
    id: Option<&'a CableId>,
    citations: &'a [Citation],
}

impl CableRecord {
    /// The record of a parsed document at `path`, its excerpt held (a buffer).
    pub fn new(path: PathBuf, doc: &Document) -> CableRecord {
        let excerpt = first_paragraph_span(doc)
            .map(|sp| Excerpt::Text(shorten(&text_of(doc, sp), FIRST_PARAGRAPH_CHARS).into()));
        CableRecord {
            buffer: Some(Buffer(doc.clone())),
            ..CableRecord::build(path, CableRecord::parts(doc), excerpt)
        }
    }

    /// The record of a file's parsed text (its excerpt left in the file).
    pub fn of_file(path: PathBuf, doc: &Document) -> CableRecord {
        CableRecord::build(path, CableRecord::parts(doc), Some(Excerpt::File))
    }

    /// The record of a file's text read by [`skim`]: equal to
    /// [`CableRecord::of_file`]'s, in a fraction of the time.
    pub fn of_skim(path: PathBuf, text: &str) -> CableRecord {
        let sk = skim(text);
        let parts = Parts {
            text,
            lines: &sk.lines,
            header: &sk.header,
            id: sk.id.as_ref(),
            citations: &sk.citations,
        };
        CableRecord::build(path, parts, Some(Excerpt::File))
    }

    fn parts(doc: &Document) -> Parts<'_> {
        Parts {
            text: &doc.text,
            lines: &doc.lines,
            header: &doc.cable.header,
            id: doc.cable.id.as_ref(),
            citations: &doc.cable.citations,
        }
    }

    fn build(path: PathBuf, p: Parts<'_>, excerpt: Option<Excerpt>) -> CableRecord {
        let stem = path.file_stem().and_then(|s| s.to_str());
        let id = id_with_file_name(p.id, p.header, stem).map(|(id, _)| id.to_string());
        let banner = p.header.banner.as_ref();
        let loc = |span: Span| Loc::in_text(p.text, p.lines, span);
        let context = |span: Span| {
            let loc = loc(span);
            let ls = p.lines.line_start(loc.line as usize);
            let line = &p.text[ls..];
            let line = line.split(['\n', '\r']).next().unwrap_or("");
            (loc, line.trim().chars().take(200).collect::<String>())
        };
        let cites = cited_in(p.header, p.citations)
            .into_iter()
            .map(|x| Cite {
                id: x.id.to_string(),
                via: x.item.map_or(Via::Text, |i| Via::RefItem(i.bullet)),
                loc: loc(x.span),
            })
            .collect();
        let poc = poc_mentions_in(p.header, p.citations)
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
        let h = p.header;
        CableRecord {
            id,
            date: h.dtg.as_ref().map(|d| d.dtg.date().iso()),
            origin: banner.and_then(|b| b.origin.clone()),
            level: banner.map(|b| b.level),
            caveats: banner.map(|b| b.caveats.clone()).unwrap_or_default(),
            subject: h.subject.as_ref().map(|s| s.text.clone()),
            tags: (h.tags.iter())
                .flat_map(|t| &t.items)
                .map(|t| t.text.clone())
                .collect(),
            excerpt,
            chars: 0,
            banner: loc(banner.map_or(Span::new(0, 0), |b| b.span)),
            cites,
            poc,
            stamp: None,
            buffer: None,
            path,
        }
        .with_mask()
    }

    fn with_mask(mut self) -> Self {
        self.chars = char_mask(self.id.as_deref().unwrap_or(""))
            | char_mask(self.subject.as_deref().unwrap_or(""));
        self
    }

    /// The first paragraph's text, shortened; read from the file when it is not
    /// held (`None` when the file is gone or unreadable).
    pub fn first_paragraph(&self) -> Option<String> {
        match self.excerpt.as_ref()? {
            Excerpt::Text(t) => Some(t.to_string()),
            Excerpt::File => {
                // The file's first lines: a hover does not parse a huge file whole.
                let doc = self.read(EXCERPT_READ)?;
                let sp = first_paragraph_span(&doc)?;
                Some(shorten(&text_of(&doc, sp), FIRST_PARAGRAPH_CHARS))
            }
        }
    }

    /// Paragraph `n` of the cable (for `para 3 of REF A`): where its label
    /// stands, and its text shortened to `chars`. Read from the editor's
    /// buffer when the record is of one, else from the file (up to 8 MB).
    pub fn paragraph(&self, n: u32, chars: usize) -> Option<(Loc, String)> {
        let read;
        let doc = match &self.buffer {
            Some(Buffer(doc)) => doc,
            None => {
                read = self.read(PARAGRAPH_READ)?;
                &read
            }
        };
        let p = doc.cable.body.paragraphs.iter().find(|p| p.number == n)?;
        let at = if p.label_span.is_empty() {
            Span::new(p.span.start, p.span.start)
        } else {
            p.label_span
        };
        Some((Loc::of(doc, at), shorten(&text_of(doc, p.span), chars)))
    }

    /// The file's first `limit` bytes (cut at a line end), parsed.
    fn read(&self, limit: u64) -> Option<Document> {
        use std::io::Read;
        let file = std::fs::File::open(&self.path).ok()?;
        let mut bytes = Vec::new();
        file.take(limit).read_to_end(&mut bytes).ok()?;
        if bytes.len() as u64 == limit {
            let end = memchr::memrchr(b'\n', &bytes).map_or(bytes.len(), |i| i + 1);
            bytes.truncate(end);
        }
        let (text, _) = crate::syntax::text::decode_vec(bytes);
        Some(Document::parse(text))
    }

    /// Ids this cable cites, each once, in the order first cited.
    pub fn cited_ids(&self) -> impl Iterator<Item = &str> {
        let mut out: smallvec::SmallVec<[&str; 8]> = smallvec::SmallVec::new();
        if self.cites.len() <= 32 {
            for c in &self.cites {
                if !out.contains(&c.id.as_str()) {
                    out.push(&c.id);
                }
            }
        } else {
            let mut seen = rustc_hash::FxHashSet::default();
            out.extend((self.cites.iter().map(|c| c.id.as_str())).filter(|id| seen.insert(*id)));
        }
        out.into_iter()
    }
}

fn first_paragraph_span(doc: &Document) -> Option<Span> {
    doc.cable.body.paragraphs.first().map(|p| p.span)
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

#[cfg(test)]
mod tests {
    use super::*;

    const CABLE: &str = "R 082042Z JAN 08\nCONFIDENTIAL STATE 002034\nE.O. 12958: DECL: 01/31/2033\nSUBJECT: (C) A TEST\n\n1. (C) The first   paragraph,\nover two lines.\n\n2. (C) The second.\n";

    fn excerpt_of(bytes: &[u8]) -> (Option<Excerpt>, Option<String>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("08STATE2034.txt");
        std::fs::write(&path, bytes).unwrap();
        let rec = crate::corpus::scan::record_of_bytes(&path, bytes.to_vec()).unwrap();
        (rec.excerpt.clone(), rec.first_paragraph())
    }

    #[test]
    fn the_excerpt_is_read_from_the_file_when_asked() {
        let want = Some("1. (C) The first paragraph, over two lines.".to_string());
        let (e, text) = excerpt_of(CABLE.as_bytes());
        assert_eq!(e, Some(Excerpt::File));
        assert_eq!(text, want);
        // After a BOM.
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), CABLE.as_bytes()].concat();
        assert_eq!(excerpt_of(&with_bom).1, want);
        // Windows-1252 text is decoded as the index decoded it.
        let mut bytes = CABLE.as_bytes().to_vec();
        let at = bytes.windows(5).position(|w| w == b"first").unwrap() + 5;
        bytes.splice(at..at, [0x92, b's']);
        assert_eq!(
            excerpt_of(&bytes).1.as_deref(),
            Some("1. (C) The first\u{2019}s paragraph, over two lines.")
        );
        // A file larger than what is read for it.
        let big = format!("{CABLE}{}", "3. (C) More.\n".repeat(40_000));
        assert!(big.len() as u64 > EXCERPT_READ);
        assert_eq!(excerpt_of(big.as_bytes()).1, want);
        // A buffer's record holds its excerpt.
        let doc = Document::parse(CABLE);
        let rec = CableRecord::new("/w/08STATE2034.txt".into(), &doc);
        assert_eq!(
            rec.excerpt,
            Some(Excerpt::Text(want.clone().unwrap().into()))
        );
        assert_eq!(rec.first_paragraph(), want);
    }

    #[test]
    fn cited_ids_are_each_once_in_the_order_first_cited() {
        for n in [5, 200] {
            let mut rec = CableRecord::new("/w/x.txt".into(), &Document::parse(CABLE));
            rec.cites = (0..n)
                .map(|k| Cite {
                    id: format!("08STATE{}", (k * 7) % 13),
                    via: Via::Text,
                    loc: Loc::default(),
                })
                .collect();
            let want: Vec<String> = (0..n.min(13))
                .map(|k| format!("08STATE{}", (k * 7) % 13))
                .collect();
            let got: Vec<&str> = rec.cited_ids().collect();
            assert_eq!(
                got,
                want.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                "{n} cites"
            );
        }
    }
}
