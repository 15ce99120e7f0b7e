//! The search table of the corpus's ids and subjects: one row per file number,
//! their texts lower-cased side by side in one buffer. A workspace symbol search
//! over 250,000 cables reads these two arrays in order instead of visiting every
//! record (which costs a cache miss or more per record).

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
    live: bool,
}

const NONE: u32 = u32::MAX;

impl Default for Row {
    fn default() -> Self {
        Row {
            mask: 0,
            entry: NONE,
            live: false,
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
}

/// Where a row's text is.
#[derive(Debug, Clone, Copy)]
struct Placed {
    at: u32,
    id_end: u32,
    end: u32,
    /// `NONE`: the row's text since changed or was cleared.
    row: u32,
}

/// Where a word was found: the row, in its id (or subject), at the start of a
/// word (or inside one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct WordHit {
    /// Which text: hits come in this order, one text per live row.
    pub entry: u32,
    pub row: u32,
    pub in_id: bool,
    pub at_start: bool,
    /// [`id_key`] of the row's id (read here, where the text is at hand).
    pub id_key: u128,
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
            "SymbolTable({} rows, {} bytes, {} dead)",
            self.rows.len(),
            self.text.len(),
            self.dead
        )
    }
}

impl SymbolTable {
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
        let mut row = Row {
            mask,
            entry: NONE,
            live: true,
        };
        if id.is_ascii() && subject.is_ascii() && fits {
            let at = self.text.len() as u32;
            row.entry = self.order.len() as u32;
            self.order.push(Placed {
                at,
                id_end: at + id.len() as u32,
                end: at + (id.len() + subject.len()) as u32,
                row: f as u32,
            });
            self.text.extend(
                id.bytes()
                    .chain(subject.bytes())
                    .map(|b| b.to_ascii_lowercase()),
            );
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
        *r = Row::default();
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
            });
        }
        self.text = text;
        self.dead = 0;
    }

    /// The texts (one per live ASCII row) whose id or subject holds `word`
    /// (lower case), with its best place in each (at a word's start if it is
    /// anywhere), found by one pass over the whole text (on all cores). In the
    /// texts' order, the id's hit before the subject's; a text that crosses a
    /// 1 MB chunk's end may come twice, one after the other.
    pub fn find(&self, word: &[u8]) -> Vec<Vec<WordHit>> {
        use rayon::prelude::*;
        if word.is_empty() {
            return vec![];
        }
        let finder = memchr::memmem::Finder::new(word);
        const CHUNK: usize = 1 << 20;
        let n = self.text.len();
        (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                // Each chunk owns the matches that start in it.
                let from = c * CHUNK;
                let to = (from + CHUNK + word.len() - 1).min(n);
                let hay = &self.text[from..to];
                // The rows' texts come in `order`: a cursor follows the matches.
                let mut k = self.order.partition_point(|e| (e.at as usize) <= from);
                let mut out: Vec<WordHit> = Vec::new();
                let mut pos = 0;
                while let Some(q) = hay.get(pos..).and_then(|h| finder.find(h)) {
                    let p = from + pos + q;
                    if p >= from + CHUNK {
                        break;
                    }
                    while k < self.order.len() && self.order[k].at as usize <= p {
                        k += 1;
                    }
                    let Some(e) = k.checked_sub(1) else {
                        pos += q + 1;
                        continue;
                    };
                    let hit = self.hit_at(e, p, word.len());
                    // Only the best hit in the text's id, and in its subject,
                    // is kept (at a word's start over inside one): past one
                    // that nothing can better, the id or the text is skipped.
                    let (id_end, end) = (self.order[e].id_end as usize, self.order[e].end as usize);
                    let next = match hit {
                        None if self.order[e].row == NONE => end,
                        Some(h) if h.at_start => {
                            if h.in_id {
                                id_end
                            } else {
                                end
                            }
                        }
                        _ => p + 1,
                    };
                    pos = next.max(p + 1) - from;
                    let Some(h) = hit else { continue };
                    match out.last_mut() {
                        Some(l) if (l.entry, l.in_id) == (h.entry, h.in_id) => {
                            if h.at_start && !l.at_start {
                                *l = h;
                            }
                        }
                        _ => out.push(h),
                    }
                }
                out
            })
            .collect()
    }

    /// How often `word` stands in the first megabyte of the text: how common
    /// it is, for the price of a 1 MB pass.
    pub fn sample_count(&self, word: &[u8]) -> usize {
        let sample = &self.text[..self.text.len().min(1 << 20)];
        memchr::memmem::find_iter(sample, word).count()
    }

    /// Where `word` (lower case) stands in text `entry` (from a [`WordHit`]):
    /// for its id and its subject, `None` if not there, else whether at a
    /// word's start (anywhere).
    pub fn places(&self, entry: u32, word: &[u8]) -> [Option<bool>; 2] {
        let Some(e) = self.order.get(entry as usize).filter(|e| e.row != NONE) else {
            return [None, None];
        };
        let (at, id_end, end) = (e.at as usize, e.id_end as usize, e.end as usize);
        let Some((&first, rest)) = word.split_first() else {
            return [None, None];
        };
        // Texts are short: a look for the first byte, then a comparison.
        let place = |from: usize, to: usize| {
            let hay = &self.text[from..to];
            let mut found = None;
            let starts = memchr::memchr_iter(first, hay);
            for p in starts.filter(|&p| hay[p + 1..].starts_with(rest)) {
                let at_start = p == 0 || !hay[p - 1].is_ascii_alphanumeric();
                found = Some(at_start);
                if at_start {
                    break;
                }
            }
            found
        };
        [place(at, id_end), place(id_end, end)]
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

    /// The row of a match at `p` of `len` bytes (`order[k]` the last text
    /// written before it), if it lies wholly in its id or its subject.
    fn hit_at(&self, k: usize, p: usize, len: usize) -> Option<WordHit> {
        let e = self.order[k];
        if e.row == NONE {
            return None;
        }
        let (at, id_end, end) = (e.at as usize, e.id_end as usize, e.end as usize);
        let in_id = p + len <= id_end;
        if !in_id && (p < id_end || p + len > end) {
            return None;
        }
        let word_from = if in_id { at } else { id_end };
        let at_start = p == word_from || !self.text[p - 1].is_ascii_alphanumeric();
        let id = (id_end > at).then(|| &self.text[at..id_end]);
        Some(WordHit {
            entry: k as u32,
            row: e.row,
            in_id,
            at_start,
            id_key: id_key(id),
        })
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
    fn words_are_found_in_ids_and_subjects_not_across_them() {
        let mut t = SymbolTable::default();
        t.set(0, Some("08BERLIN896"), Some("GERMANY: MTCR POC"), 1);
        t.set(1, Some("09STATE5"), Some("POCKET MTCR"), 1);
        t.set(2, Some("09PARIS1"), Some("STATE VISIT"), 1);
        let hit = |row, in_id, at_start| (row, in_id, at_start);
        let t_find = |t: &SymbolTable, w: &[u8]| -> Vec<(u32, bool, bool)> {
            t.find(w)
                .iter()
                .flatten()
                .map(|h| (h.row, h.in_id, h.at_start))
                .collect()
        };
        let mut v = t_find(&t, b"mtcr");
        v.sort();
        assert_eq!(v, vec![hit(0, false, true), hit(1, false, true)]);
        let mut v = t_find(&t, b"poc");
        v.sort();
        assert_eq!(v, vec![hit(0, false, true), hit(1, false, true)]);
        let mut v = t_find(&t, b"state");
        v.sort();
        assert_eq!(v, vec![hit(1, true, false), hit(2, false, true)]);
        // `896` + `GERMANY`: no word across an id and its subject.
        assert!(t_find(&t, b"896germany").is_empty());
        assert!(id_key(Some(b"08a")) < id_key(Some(b"08a1")));
        assert!(id_key(None) < id_key(Some(b"0")));
        // The places of a word in one text, as `find` gives them.
        for w in [&b"mtcr"[..], b"poc", b"state", b"9"] {
            for h in t.find(w).iter().flatten() {
                let places = t.places(h.entry, w);
                assert_eq!(places[usize::from(!h.in_id)], Some(h.at_start), "{h:?}");
            }
        }
        assert_eq!(t.sample_count(b"mtcr"), 2);
        assert_eq!(t.sample_count(b"paris"), 1);
        // A changed row is found by its new text only.
        t.set(0, Some("08BERLIN896"), Some("FRANCE"), 1);
        assert_eq!(t_find(&t, b"mtcr"), vec![hit(1, false, true)]);
        t.clear(1);
        assert!(t_find(&t, b"mtcr").is_empty());
    }
}
