//! The corpus index: canonical id -> files, backlinks (who cites whom), POC DOC
//! mentions. Updated file by file; every update first removes what the file's
//! previous record contributed, so the index always equals the index built from
//! scratch over the same records (tested).

use super::record::{CableRecord, Cite, PocMention};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Default, Clone)]
pub struct Index {
    files: HashMap<PathBuf, Arc<CableRecord>>,
    /// Canonical id -> the files that hold it (more than one: a duplicate id).
    by_id: HashMap<String, BTreeSet<PathBuf>>,
    /// Canonical id -> the files that cite it.
    cited_by: HashMap<String, BTreeSet<PathBuf>>,
    /// POC DOC number -> the files that mention it.
    poc: HashMap<u32, BTreeSet<PathBuf>>,
}

impl Index {
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn get(&self, path: &Path) -> Option<&Arc<CableRecord>> {
        self.files.get(path)
    }

    pub fn records(&self) -> impl Iterator<Item = &Arc<CableRecord>> {
        self.files.values()
    }

    /// Adds or replaces the record of its file.
    pub fn insert(&mut self, rec: CableRecord) {
        let path = rec.path.clone();
        self.remove(&path);
        if let Some(id) = &rec.id {
            self.by_id
                .entry(id.clone())
                .or_default()
                .insert(path.clone());
        }
        for id in rec.cited_ids() {
            self.cited_by
                .entry(id.to_string())
                .or_default()
                .insert(path.clone());
        }
        for m in &rec.poc {
            self.poc.entry(m.number).or_default().insert(path.clone());
        }
        self.files.insert(path, Arc::new(rec));
    }

    /// Removes a file's record; returns it.
    pub fn remove(&mut self, path: &Path) -> Option<Arc<CableRecord>> {
        let old = self.files.remove(path)?;
        fn drop_from<K: std::hash::Hash + Eq>(
            m: &mut HashMap<K, BTreeSet<PathBuf>>,
            k: &K,
            path: &Path,
        ) {
            if let Some(set) = m.get_mut(k) {
                set.remove(path);
                if set.is_empty() {
                    m.remove(k);
                }
            }
        }
        if let Some(id) = &old.id {
            drop_from(&mut self.by_id, id, path);
        }
        for id in old.cited_ids() {
            drop_from(&mut self.cited_by, &id.to_string(), path);
        }
        for m in &old.poc {
            drop_from(&mut self.poc, &m.number, path);
        }
        Some(old)
    }

    /// The cables with this canonical id (several when the id is duplicated).
    pub fn by_id(&self, id: &str) -> Vec<&Arc<CableRecord>> {
        self.by_id
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|p| self.files.get(p))
            .collect()
    }

    /// Ids held by more than one file.
    pub fn duplicates(&self) -> impl Iterator<Item = (&str, &BTreeSet<PathBuf>)> {
        self.by_id
            .iter()
            .filter(|(_, s)| s.len() > 1)
            .map(|(k, s)| (k.as_str(), s))
    }

    /// Every citation of `id` in the corpus, file by file in path order.
    pub fn citations_of(&self, id: &str) -> Vec<(&Arc<CableRecord>, &Cite)> {
        let mut out = Vec::new();
        for p in self.cited_by.get(id).into_iter().flatten() {
            if let Some(r) = self.files.get(p) {
                out.extend(r.cites.iter().filter(|c| c.id == id).map(|c| (r, c)));
            }
        }
        out
    }

    /// How many files other than `path` cite `id`.
    pub fn cited_by_others(&self, id: &str, path: &Path) -> usize {
        self.cited_by
            .get(id)
            .map_or(0, |s| s.len() - usize::from(s.contains(path)))
    }

    /// How many files cite `id`.
    pub fn cited_by_count(&self, id: &str) -> usize {
        self.cited_by.get(id).map_or(0, |s| s.len())
    }

    /// Every mention of POC DOC `number`, file by file in path order.
    pub fn poc_mentions(&self, number: u32) -> Vec<(&Arc<CableRecord>, &PocMention)> {
        let mut out = Vec::new();
        for p in self.poc.get(&number).into_iter().flatten() {
            if let Some(r) = self.files.get(p) {
                out.extend(r.poc.iter().filter(|m| m.number == number).map(|m| (r, m)));
            }
        }
        out
    }

    /// A comparable digest of the derived maps (for tests: incremental == rebuilt).
    pub fn digest(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for (k, s) in &self.by_id {
            v.push(format!("id {k} {s:?}"));
        }
        for (k, s) in &self.cited_by {
            v.push(format!("cited {k} {s:?}"));
        }
        for (k, s) in &self.poc {
            v.push(format!("poc {k} {s:?}"));
        }
        let mut files: Vec<_> = self.files.keys().collect();
        files.sort();
        v.push(format!("files {files:?}"));
        v.sort();
        v
    }
}
