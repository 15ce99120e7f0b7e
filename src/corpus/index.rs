//! The corpus index: canonical id -> files, backlinks (who cites whom), POC DOC
//! mentions. Updated file by file; every update first removes what the file's
//! previous record contributed, so the index always equals the index built from
//! scratch over the same records (tested).
//!
//! Files are numbered once (a `u32` slot) and the maps hold those numbers, not
//! paths: at 250,000 cables this keeps the maps small and cheap to build.

use super::record::{CableRecord, Cite, PocMention};
use super::symbols::SymbolTable;
// Fx hashing: the keys are paths and ids the index itself reads, not input
// chosen to collide; SipHash cost a fifth of a warm start.
use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

type FileNo = u32;

/// A small sorted set of file numbers (nearly always one: held inline).
#[derive(Debug, Default, Clone)]
struct Files(smallvec::SmallVec<[FileNo; 2]>);

impl Files {
    fn insert(&mut self, f: FileNo) {
        if let Err(i) = self.0.binary_search(&f) {
            self.0.insert(i, f);
        }
    }
    fn remove(&mut self, f: FileNo) {
        if let Ok(i) = self.0.binary_search(&f) {
            self.0.remove(i);
        }
    }
    fn contains(&self, f: FileNo) -> bool {
        self.0.binary_search(&f).is_ok()
    }
}

#[derive(Debug, Default, Clone)]
pub struct Index {
    /// File number -> its record (`None`: a freed slot).
    slots: Vec<Option<Arc<CableRecord>>>,
    free: Vec<FileNo>,
    by_path: HashMap<PathBuf, FileNo>,
    /// Canonical id -> the files that hold it (more than one: a duplicate id).
    by_id: HashMap<Box<str>, Files>,
    /// Canonical id -> the files that cite it.
    cited_by: HashMap<Box<str>, Files>,
    /// POC DOC number -> the files that mention it.
    poc: HashMap<u32, Files>,
    /// Ids and subjects by file number, for workspace symbol searches.
    symbols: SymbolTable,
}

/// Adds `f` to the files of `key` (a key is allocated only when new).
fn add_to(m: &mut HashMap<Box<str>, Files>, key: &str, f: FileNo) {
    match m.get_mut(key) {
        Some(files) => files.insert(f),
        None => {
            m.insert(key.into(), Files(smallvec::smallvec![f]));
        }
    }
}

/// Adds file `f`'s id, citations and POC DOC mentions to the maps.
fn link(
    by_id: &mut HashMap<Box<str>, Files>,
    cited_by: &mut HashMap<Box<str>, Files>,
    poc: &mut HashMap<u32, Files>,
    f: FileNo,
    rec: &CableRecord,
) {
    if let Some(id) = &rec.id {
        add_to(by_id, id, f);
    }
    for id in rec.cited_ids() {
        add_to(cited_by, id, f);
    }
    for m in &rec.poc {
        poc.entry(m.number).or_default().insert(f);
    }
}

impl Index {
    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    pub fn get(&self, path: &Path) -> Option<&Arc<CableRecord>> {
        self.by_path.get(path).and_then(|&f| self.rec(f))
    }

    fn rec(&self, f: FileNo) -> Option<&Arc<CableRecord>> {
        self.slots.get(f as usize).and_then(|r| r.as_ref())
    }

    /// The record of row `row` of [`Index::symbols`].
    pub fn record_at(&self, row: usize) -> Option<&Arc<CableRecord>> {
        self.rec(FileNo::try_from(row).ok()?)
    }

    /// The ids and subjects, one row per file number (see [`Index::record_at`]).
    pub fn symbols(&self) -> &SymbolTable {
        &self.symbols
    }

    /// Every record, in no particular order.
    pub fn records(&self) -> impl Iterator<Item = &Arc<CableRecord>> {
        self.slots.iter().flatten()
    }

    /// Every record, for a parallel search.
    pub fn par_records(
        &self,
    ) -> impl rayon::iter::IndexedParallelIterator<Item = Option<&Arc<CableRecord>>> + '_ {
        use rayon::prelude::*;
        self.slots.par_iter().map(|r| r.as_ref())
    }

    /// The records of `files`, in path order.
    fn recs_of(&self, files: Option<&Files>) -> Vec<&Arc<CableRecord>> {
        let mut v: Vec<_> = files
            .into_iter()
            .flat_map(|s| &s.0)
            .filter_map(|&f| self.rec(f))
            .collect();
        v.sort_by(|a, b| a.path.cmp(&b.path));
        v
    }

    /// Room for `n` more files (a bulk load).
    pub fn reserve(&mut self, n: usize) {
        self.slots.reserve(n);
        self.by_path.reserve(n);
        self.by_id.reserve(n);
        self.cited_by.reserve(n);
    }

    /// Adds or replaces the record of its file.
    pub fn insert(&mut self, rec: CableRecord) {
        self.insert_arc(Arc::new(rec));
    }

    pub fn insert_arc(&mut self, rec: Arc<CableRecord>) {
        self.put(rec);
        self.keep_symbols_in_order();
    }

    /// Adds or replaces many records; the search table's id order is made
    /// once, at the end. Into an empty index (a warm start), the files are
    /// numbered in order and then the maps and the search table are built
    /// side by side.
    pub fn extend(&mut self, recs: impl IntoIterator<Item = Arc<CableRecord>>) {
        if !self.slots.is_empty() {
            for r in recs {
                self.put(r);
            }
            self.settle();
            return;
        }
        let mut kept: Vec<Arc<CableRecord>> = Vec::new();
        for r in recs {
            match self.by_path.entry(r.path.clone()) {
                std::collections::hash_map::Entry::Occupied(e) => kept[*e.get() as usize] = r,
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(kept.len() as FileNo);
                    kept.push(r);
                }
            }
        }
        let (by_id, cited_by, poc) = (&mut self.by_id, &mut self.cited_by, &mut self.poc);
        let symbols = &mut self.symbols;
        let numbered = || kept.iter().enumerate().map(|(f, r)| (f as FileNo, r));
        // The search table, and its id-order copy, beside the maps.
        let key = |f: u32| kept.get(f as usize).map(|r| (&r.id, &r.path));
        rayon::join(
            || numbered().for_each(|(f, r)| link(by_id, cited_by, poc, f, r)),
            || {
                numbered().for_each(|(f, r)| symbols.set_record(f, r));
                symbols.reorder(|a, b| key(a).cmp(&key(b)));
            },
        );
        self.slots = kept.into_iter().map(Some).collect();
    }

    /// Makes the search table's id-order copy again if any row changed since
    /// (at the end of a scan: searches then read one copy).
    pub fn settle(&mut self) {
        if self.symbols.changed().next().is_some() {
            self.reorder_symbols();
        }
    }

    fn keep_symbols_in_order(&mut self) {
        if self.symbols.stale() {
            self.reorder_symbols();
        }
    }

    /// Rows whose ids are equal but for case go by id, then path (as a
    /// workspace symbol search ranks them).
    fn reorder_symbols(&mut self) {
        let slots = &self.slots;
        let key = |f: u32| {
            let r = slots.get(f as usize).and_then(|r| r.as_ref());
            r.map(|r| (&r.id, &r.path))
        };
        self.symbols.reorder(|a, b| key(a).cmp(&key(b)));
    }

    fn put(&mut self, rec: Arc<CableRecord>) {
        self.take(&rec.path);
        let f = match self.free.pop() {
            Some(f) => f,
            None => {
                self.slots.push(None);
                (self.slots.len() - 1) as FileNo
            }
        };
        link(&mut self.by_id, &mut self.cited_by, &mut self.poc, f, &rec);
        self.by_path.insert(rec.path.clone(), f);
        self.symbols.set_record(f, &rec);
        self.slots[f as usize] = Some(rec);
    }

    /// Removes a file's record; returns it.
    pub fn remove(&mut self, path: &Path) -> Option<Arc<CableRecord>> {
        let old = self.take(path);
        self.keep_symbols_in_order();
        old
    }

    fn take(&mut self, path: &Path) -> Option<Arc<CableRecord>> {
        let f = self.by_path.remove(path)?;
        let old = self.slots.get_mut(f as usize)?.take()?;
        self.free.push(f);
        self.symbols.clear(f);
        fn drop_from<
            K: std::hash::Hash + Eq + std::borrow::Borrow<Q>,
            Q: std::hash::Hash + Eq + ?Sized,
        >(
            m: &mut HashMap<K, Files>,
            k: &Q,
            f: FileNo,
        ) {
            if let Some(set) = m.get_mut(k) {
                set.remove(f);
                if set.0.is_empty() {
                    m.remove(k);
                }
            }
        }
        if let Some(id) = &old.id {
            drop_from(&mut self.by_id, id.as_str(), f);
        }
        for id in old.cited_ids() {
            drop_from(&mut self.cited_by, id, f);
        }
        for m in &old.poc {
            drop_from(&mut self.poc, &m.number, f);
        }
        Some(old)
    }

    /// The cables with this canonical id (several when the id is duplicated), in
    /// path order.
    pub fn by_id(&self, id: &str) -> Vec<&Arc<CableRecord>> {
        self.recs_of(self.by_id.get(id))
    }

    /// Ids held by more than one file, with their files in path order.
    pub fn duplicates(&self) -> impl Iterator<Item = (&str, Vec<&Path>)> {
        self.by_id
            .iter()
            .filter(|(_, s)| s.0.len() > 1)
            .map(|(k, s)| {
                let paths = self.recs_of(Some(s)).into_iter().map(|r| r.path.as_path());
                (&**k, paths.collect())
            })
    }

    /// Every citation of `id` in the corpus, file by file in path order.
    pub fn citations_of(&self, id: &str) -> Vec<(&Arc<CableRecord>, &Cite)> {
        let mut out = Vec::new();
        for r in self.recs_of(self.cited_by.get(id)) {
            out.extend(r.cites.iter().filter(|c| c.id == id).map(|c| (r, c)));
        }
        out
    }

    /// How many files other than `path` cite `id`.
    pub fn cited_by_others(&self, id: &str, path: &Path) -> usize {
        let me = self.by_path.get(path).copied();
        self.cited_by.get(id).map_or(0, |s| {
            s.0.len() - usize::from(me.is_some_and(|f| s.contains(f)))
        })
    }

    /// How many files cite `id`.
    pub fn cited_by_count(&self, id: &str) -> usize {
        self.cited_by.get(id).map_or(0, |s| s.0.len())
    }

    /// Every mention of POC DOC `number`, file by file in path order.
    pub fn poc_mentions(&self, number: u32) -> Vec<(&Arc<CableRecord>, &PocMention)> {
        let mut out = Vec::new();
        for r in self.recs_of(self.poc.get(&number)) {
            out.extend(r.poc.iter().filter(|m| m.number == number).map(|m| (r, m)));
        }
        out
    }

    /// A comparable digest of the derived maps, by path (for tests: incremental ==
    /// rebuilt, whatever numbers the files were given).
    pub fn digest(&self) -> Vec<String> {
        let paths = |s: &Files| -> Vec<&Path> {
            self.recs_of(Some(s))
                .into_iter()
                .map(|r| r.path.as_path())
                .collect()
        };
        let mut v: Vec<String> = Vec::new();
        for (k, s) in &self.by_id {
            v.push(format!("id {k} {:?}", paths(s)));
        }
        for (k, s) in &self.cited_by {
            v.push(format!("cited {k} {:?}", paths(s)));
        }
        for (k, s) in &self.poc {
            v.push(format!("poc {k} {:?}", paths(s)));
        }
        let mut files: Vec<_> = self.by_path.keys().collect();
        files.sort();
        v.push(format!("files {files:?}"));
        v.sort();
        v
    }
}
