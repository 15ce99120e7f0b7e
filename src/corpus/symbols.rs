//! The search table of the corpus's ids and subjects: one row per file number,
//! their texts lower-cased side by side in one buffer. A workspace symbol search
//! over 250,000 cables reads these two arrays in order instead of visiting every
//! record (which costs a cache miss or more per record).
//!
//! Whole-word searches read a copy of the texts in id order ([`IdOrder`]),
//! made again once the rows changed since the last copy are many; those rows
//! are marked stale in the copy and searched on their own.

use super::id_order::IdOrder;
use super::record::char_mask;
use std::cmp::Ordering;

/// One file's entry: which letters and digits its id and subject hold, and
/// where their text is.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// See [`super::record::char_mask`].
    pub mask: u64,
    /// Its text's place in `order`; `NONE` when the id or subject is not
    /// ASCII (a search reads those from the record: they may match after
    /// Unicode normalisation) or the row is empty.
    entry: u32,
    /// Its place in the id-order copy (`NONE`: not there, or stale).
    rank: u32,
    live: bool,
    /// Set or cleared since the copy was made.
    changed: bool,
}

const NONE: u32 = u32::MAX;

impl Default for Row {
    fn default() -> Self {
        Row {
            mask: 0,
            entry: NONE,
            rank: NONE,
            live: false,
            changed: false,
        }
    }
}

impl Row {
    pub fn live(&self) -> bool {
        self.live
    }
    /// The id and subject are ASCII, lower-cased in the table.
    pub fn ascii(&self) -> bool {
        self.entry != NONE
    }
}

#[derive(Default, Clone)]
pub struct SymbolTable {
    text: Vec<u8>,
    rows: Vec<Row>,
    /// Bytes of `text` no row points at any more.
    dead: usize,
    /// The rows' texts in the order they were written: finds the row of a
    /// position in `text` without visiting the rows.
    order: Vec<Placed>,
    by_id: IdOrder,
    /// The rows set or cleared since `by_id` was made.
    changed: Vec<u32>,
    /// The live rows whose id or subject is not ASCII (not in the table).
    unusual: std::collections::BTreeSet<u32>,
}

/// Where a row's text is.
#[derive(Debug, Clone, Copy)]
struct Placed {
    at: u32,
    id_end: u32,
    end: u32,
    /// `NONE`: the row's text since changed or was cleared.
    row: u32,
    /// The letters and digits of the id, and of the subject (see
    /// [`super::record::char_mask`]): a fuzzy match, all in one or all in
    /// the other, needs every letter of the query in that one.
    masks: [u64; 2],
}

/// The first 16 bytes of an id as a number that sorts as the id does (no id:
/// first).
pub fn id_key(id: Option<&[u8]>) -> u128 {
    let mut b = [0u8; 16];
    if let Some(id) = id {
        let n = id.len().min(16);
        b[..n].copy_from_slice(&id[..n]);
    }
    u128::from_be_bytes(b)
}

impl std::fmt::Debug for SymbolTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SymbolTable({} rows, {} bytes, {} dead, {} in id order, {} changed since)",
            self.rows.len(),
            self.text.len(),
            self.dead,
            self.by_id.len(),
            self.changed.len()
        )
    }
}

/// A row's text, as [`SymbolTable::par_texts`] gives it.
pub struct Text<'a> {
    pub row: u32,
    /// The id's and the subject's [`super::record::char_mask`].
    pub masks: [u64; 2],
    pub id: &'a [u8],
    pub subject: &'a [u8],
}

impl SymbolTable {
    /// Sets the row of file `f` from its record.
    pub fn set_record(&mut self, f: u32, r: &super::CableRecord) {
        self.set(f, r.id.as_deref(), r.subject.as_deref(), r.chars);
    }

    /// Sets the row of file `f`.
    pub fn set(&mut self, f: u32, id: Option<&str>, subject: Option<&str>, mask: u64) {
        self.clear(f);
        let f = f as usize;
        if self.rows.len() <= f {
            self.rows.resize(f + 1, Row::default());
        }
        let (id, subject) = (id.unwrap_or(""), subject.unwrap_or(""));
        // Past 4 GB of text the offsets would wrap: such a row is searched
        // through its record.
        let fits = self.text.len() + id.len() + subject.len() < u32::MAX as usize;
        if !self.rows[f].changed {
            self.changed.push(f as u32);
        }
        let mut row = Row {
            mask,
            entry: NONE,
            rank: NONE,
            live: true,
            changed: true,
        };
        if id.is_ascii() && subject.is_ascii() && fits {
            let at = self.text.len() as u32;
            row.entry = self.order.len() as u32;
            self.order.push(Placed {
                at,
                id_end: at + id.len() as u32,
                end: at + (id.len() + subject.len()) as u32,
                row: f as u32,
                masks: [char_mask(id), char_mask(subject)],
            });
            self.text.extend(
                id.bytes()
                    .chain(subject.bytes())
                    .map(|b| b.to_ascii_lowercase()),
            );
        }
        if !row.ascii() {
            self.unusual.insert(f as u32);
        }
        self.rows[f] = row;
    }

    /// Empties the row of file `f`.
    pub fn clear(&mut self, f: u32) {
        let Some(r) = self.rows.get_mut(f as usize) else {
            return;
        };
        if let Some(e) = self.order.get_mut(r.entry as usize) {
            self.dead += (e.end - e.at) as usize;
            e.row = NONE;
        }
        if r.rank != NONE {
            self.by_id.set_stale(r.rank);
        }
        if !r.changed {
            self.changed.push(f);
        }
        if r.live && !r.ascii() {
            self.unusual.remove(&f);
        }
        *r = Row {
            changed: true,
            ..Row::default()
        };
        // Compacted once the dead text outweighs the live (and 64 KB): the
        // copy's cost is paid for by as many bytes of edits, and the table
        // holds at most about twice its live text.
        let live = self.text.len() - self.dead;
        if self.dead > live.max(1 << 16) {
            self.compact();
        }
    }

    /// Copies the live texts into a new buffer, and their places into a new
    /// `order`.
    fn compact(&mut self) {
        let mut text = Vec::with_capacity(self.text.len() - self.dead);
        let old = std::mem::take(&mut self.order);
        for e in old.iter().filter(|e| e.row != NONE) {
            let at = text.len() as u32;
            text.extend_from_slice(&self.text[e.at as usize..e.end as usize]);
            self.rows[e.row as usize].entry = self.order.len() as u32;
            self.order.push(Placed {
                at,
                id_end: at + (e.id_end - e.at),
                end: at + (e.end - e.at),
                row: e.row,
                masks: e.masks,
            });
        }
        self.text = text;
        self.dead = 0;
    }

    /// Every live ASCII row's text, in the order written, in chunks (the
    /// table read front to back, on all cores): its row, and its id and
    /// subject (lower case, empty when there is none) each with its mask.
    pub fn par_texts(
        &self,
    ) -> impl rayon::iter::ParallelIterator<Item = impl Iterator<Item = Text<'_>>> {
        use rayon::prelude::*;
        self.order.par_chunks(4096).map(|chunk| {
            chunk.iter().filter(|e| e.row != NONE).map(|e| {
                let (at, id_end, end) = (e.at as usize, e.id_end as usize, e.end as usize);
                Text {
                    row: e.row,
                    masks: e.masks,
                    id: &self.text[at..id_end],
                    subject: &self.text[id_end..end],
                }
            })
        })
    }

    /// The live rows whose id or subject is not ASCII: searched through
    /// their records.
    pub fn unusual(&self) -> impl Iterator<Item = u32> + '_ {
        self.unusual.iter().copied()
    }

    /// The copy of the texts in id order.
    pub fn id_order(&self) -> &IdOrder {
        &self.by_id
    }

    /// The live ASCII rows set since the id-order copy was made.
    pub fn changed(&self) -> impl Iterator<Item = (u32, &Row)> {
        let rows = &self.rows;
        (self.changed.iter())
            .map(|&f| (f, &rows[f as usize]))
            .filter(|(_, r)| r.live && r.ascii())
    }

    /// Are the rows changed since the id-order copy so many that it should
    /// be made again? (A copy costs about 100 ns a row; made once an eighth
    /// of the rows changed, it costs about a microsecond per change.)
    pub fn stale(&self) -> bool {
        self.changed.len() > (self.by_id.len() / 8).max(4096)
    }

    /// Makes the id-order copy again: the live ASCII rows by lower-case id,
    /// then by `tie` (rows whose ids are the same but for case, or equal).
    pub fn reorder(&mut self, tie: impl Fn(u32, u32) -> Ordering) {
        let mut ranked: Vec<(u128, u32)> = (self.rows.iter().enumerate())
            .filter(|(_, r)| r.live && r.ascii())
            .map(|(f, r)| (id_key(self.id(r)), f as u32))
            .collect();
        let id = |f: u32| self.id(&self.rows[f as usize]);
        ranked.sort_unstable_by(|a, b| {
            (a.0.cmp(&b.0))
                .then_with(|| id(a.1).cmp(&id(b.1)))
                .then_with(|| tie(a.1, b.1))
        });
        let texts = ranked.iter().map(|&(_, f)| {
            let r = &self.rows[f as usize];
            (f, self.id(r).unwrap_or(b""), self.subject(r).unwrap_or(b""))
        });
        self.by_id = IdOrder::new(texts);
        for f in self.changed.drain(..) {
            self.rows[f as usize].changed = false;
        }
        for r in &mut self.rows {
            r.rank = NONE;
        }
        for (k, &(_, f)) in ranked.iter().enumerate() {
            self.rows[f as usize].rank = k as u32;
        }
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The id, lower case (ASCII rows only).
    pub fn id(&self, r: &Row) -> Option<&[u8]> {
        let e = self.order.get(r.entry as usize)?;
        (e.id_end > e.at).then(|| &self.text[e.at as usize..e.id_end as usize])
    }

    /// The subject, lower case (ASCII rows only).
    pub fn subject(&self, r: &Row) -> Option<&[u8]> {
        let e = self.order.get(r.entry as usize)?;
        (e.end > e.id_end).then(|| &self.text[e.id_end as usize..e.end as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_hold_their_texts_through_changes_and_compaction() {
        let mut t = SymbolTable::default();
        t.set(0, Some("08BERLIN896"), Some("GERMANY: MTCR POC"), 1);
        t.set(2, None, Some("Zürich"), 2);
        let r0 = t.rows()[0];
        assert!(r0.live() && r0.ascii());
        assert_eq!(t.id(&r0), Some(&b"08berlin896"[..]));
        assert_eq!(t.subject(&r0), Some(&b"germany: mtcr poc"[..]));
        assert!(!t.rows()[1].live());
        let r2 = t.rows()[2];
        assert!(r2.live() && !r2.ascii());
        // Many rewrites of one row: the dead text is compacted away.
        for i in 0..200_000u32 {
            t.set(1, Some(&format!("09STATE{i}")), Some("A SUBJECT"), 3);
        }
        assert!(t.text.len() < 1 << 17, "{} bytes", t.text.len());
        assert!(t.order.len() < 1 << 14, "{} entries", t.order.len());
        let r1 = t.rows()[1];
        assert_eq!(t.id(&r1), Some(&b"09state199999"[..]));
        assert_eq!(t.subject(&t.rows()[0]), Some(&b"germany: mtcr poc"[..]));
        t.clear(0);
        assert!(!t.rows()[0].live());
        assert_eq!(t.id(&t.rows()[0]), None);
    }

    #[test]
    fn the_id_order_copy_follows_changes() {
        let mut t = SymbolTable::default();
        t.set(0, Some("09STATE5"), Some("POCKET MTCR"), 1);
        t.set(1, Some("08BERLIN896"), Some("GERMANY: MTCR POC"), 1);
        t.set(2, Some("09PARIS1"), Some("STATE VISIT"), 1);
        t.set(3, None, Some("Zürich"), 1);
        let changed = |t: &SymbolTable| t.changed().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(
            changed(&t),
            vec![0, 1, 2],
            "not ASCII: searched by its record"
        );
        assert_eq!(t.unusual().collect::<Vec<_>>(), vec![3]);
        assert_eq!(t.id_order().len(), 0);
        // The places of a word in a row's id and subject.
        let places = |t: &SymbolTable, r: &Row, w: &[u8]| {
            [t.id(r), t.subject(r)].map(|s| super::super::id_order::word_place(s?, w))
        };
        let r = t.rows()[0];
        assert_eq!(places(&t, &r, b"state"), [Some(false), None]);
        assert_eq!(places(&t, &r, b"mtcr"), [None, Some(true)]);
        assert_eq!(places(&t, &r, b"ocket"), [None, Some(false)]);
        assert_eq!(
            places(&t, &r, b"5pocket"),
            [None, None],
            "not across id and subject"
        );
        t.reorder(|a, b| a.cmp(&b));
        assert!(changed(&t).is_empty());
        let o = t.id_order();
        let rows: Vec<u32> = (0..o.len() as u32).map(|k| o.row(k)).collect();
        assert_eq!(rows, vec![1, 2, 0], "by id");
        assert_eq!(o.in_subjects(&[b"mtcr"], 10), vec![vec![0, 2], vec![]]);
        // A changed row is stale in the copy and listed as changed.
        t.set(1, Some("08BERLIN896"), Some("FRANCE"), 1);
        assert_eq!(changed(&t), vec![1]);
        let o = t.id_order();
        assert_eq!(o.in_subjects(&[b"mtcr"], 10), vec![vec![2], vec![]]);
        t.clear(0);
        assert_eq!(changed(&t), vec![1], "cleared: not live");
        t.set(3, Some("09X"), Some("ZURICH"), 1);
        assert_eq!(t.unusual().count(), 0, "ASCII now");
        t.set(4, Some("09Y"), Some("Zürich"), 1);
        t.clear(4);
        assert_eq!(t.unusual().count(), 0, "cleared");
        assert!(t.id_order().in_subjects(&[b"mtcr"], 10)[0].is_empty());
        assert!(!t.stale());
        for f in 10..5000 {
            t.set(f, Some("01X"), None, 1);
        }
        assert!(t.stale());
        assert!(id_key(Some(b"08a")) < id_key(Some(b"08a1")));
        assert!(id_key(None) < id_key(Some(b"0")));
    }
}
