//! The corpus as the server holds it: the index over the workspace folders, built
//! in the background with `$/progress`, kept current by file watching, with open
//! buffers overriding their files on disk.

use crate::analysis::Document;
use crate::corpus::{cache, scan, CableRecord, Index, ScanConfig};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::sync::{Mutex, RwLock, RwLockReadGuard};
use tower_lsp::lsp_types::*;
use tower_lsp::Client;

#[derive(Default)]
pub struct Workspace {
    index: RwLock<Index>,
    roots: Mutex<Vec<PathBuf>>,
    config: Mutex<ScanConfig>,
    /// Files open in the editor: their buffer, not the disk, is indexed.
    open: Mutex<HashSet<PathBuf>>,
    /// A scan is under way.
    pub indexing: AtomicBool,
    /// What the last scan did.
    last_scan: Mutex<ScanStats>,
    /// While a scan walks the folders: the files the watcher read or dropped
    /// meanwhile. The watcher knows them better than the walk (a file created
    /// after the walk passed by is no file gone).
    refreshed_in_scan: Mutex<Option<FxHashSet<PathBuf>>>,
}

/// What a scan did, for `cable/status`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ScanStats {
    pub files: usize,
    /// Records taken from the cache as they were.
    pub reused: usize,
    /// Files read and parsed.
    pub read: usize,
    /// What became of the cache.
    pub cache: String,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The file a document URI names; non-file URIs get a stand-in path.
pub fn path_of(uri: &Url) -> PathBuf {
    uri.to_file_path()
        .unwrap_or_else(|_| PathBuf::from(format!("/{}", uri.as_str())))
}

impl Workspace {
    pub fn index(&self) -> RwLockReadGuard<'_, Index> {
        self.index.read().unwrap_or_else(|e| e.into_inner())
    }

    fn index_mut(&self) -> std::sync::RwLockWriteGuard<'_, Index> {
        self.index.write().unwrap_or_else(|e| e.into_inner())
    }

    pub fn last_scan(&self) -> ScanStats {
        lock(&self.last_scan).clone()
    }

    pub fn set_roots(&self, roots: Vec<PathBuf>) {
        *lock(&self.roots) = roots;
    }

    pub fn roots(&self) -> Vec<PathBuf> {
        lock(&self.roots).clone()
    }

    pub fn config(&self) -> ScanConfig {
        lock(&self.config).clone()
    }

    pub fn set_config(&self, c: ScanConfig) {
        *lock(&self.config) = c;
    }

    /// Is `path` under a workspace folder, matched by the corpus globs, and there
    /// in fact, not through a symlink that leads out of the folders?
    pub fn wants(&self, path: &Path) -> bool {
        let cfg = self.config();
        let roots = self.roots();
        let Some(root) = roots.iter().find(|r| path.starts_with(r)) else {
            return false;
        };
        if !cfg.matches(root, path) {
            return false;
        }
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        !is_link && real(path).starts_with(real(root))
    }

    /// Something changed at `path`: a file (read again or dropped), a folder
    /// created or moved in (its cables read), or a folder removed or moved out
    /// (the records under it dropped).
    pub fn refresh_path(&self, path: &Path) {
        if path.is_dir() {
            let inside = scan::discover(&[path.to_path_buf()], &self.config());
            for f in inside {
                self.refresh_file(&f);
            }
        } else if path.exists() {
            self.refresh_file(path);
        } else if !self.is_open(path) && self.index_mut().remove(path).is_none() {
            // Not a file of the index (a removed file's record is gone now): a
            // folder removed or moved out, and the records under it.
            let gone: Vec<PathBuf> = (self.index().records())
                .map(|r| r.path.clone())
                .filter(|p| p.starts_with(path) && !self.is_open(p))
                .collect();
            let mut idx = self.index_mut();
            for p in gone {
                idx.remove(&p);
            }
        }
    }

    /// A buffer was opened or changed: its parse replaces the disk's record.
    pub fn overlay(&self, path: PathBuf, doc: &Document) {
        lock(&self.open).insert(path.clone());
        let rec = CableRecord::new(path, doc);
        self.index_mut().insert(rec);
    }

    /// A buffer was closed: the file on disk is indexed again (or dropped).
    pub fn close(&self, path: &Path) {
        lock(&self.open).remove(path);
        self.refresh_file(path);
    }

    fn is_open(&self, path: &Path) -> bool {
        lock(&self.open).contains(path)
    }

    /// Reads one file again from disk (not while it is open in the editor).
    pub fn refresh_file(&self, path: &Path) {
        if let Some(seen) = lock(&self.refreshed_in_scan).as_mut() {
            seen.insert(path.to_path_buf());
        }
        // A file that changes while it is read is read again (a few times).
        for _ in 0..4 {
            if self.is_open(path) {
                return;
            }
            if !self.wants(path) {
                self.index_mut().remove(path);
                return;
            }
            {
                // Looked at under the lock: a file the watcher reads after
                // it appears is not dropped by a look from before.
                let mut idx = self.index_mut();
                if !path.is_file() {
                    idx.remove(path);
                    return;
                }
            }
            match scan::load(path, &self.config()) {
                Ok(rec) => {
                    let mut idx = self.index_mut();
                    if self.is_open(path) {
                        return;
                    }
                    if still_as_read(&rec) {
                        idx.insert(rec);
                        return;
                    }
                }
                Err(skip) => {
                    // Left out for what it held when read; read again if it
                    // has changed since (read while being written).
                    let mut idx = self.index_mut();
                    if self.is_open(path) {
                        return;
                    }
                    if still_as_seen(&skip) {
                        tracing::info!("{} skipped: it {}", path.display(), skip.why);
                        idx.remove(path);
                        return;
                    }
                }
            }
        }
    }

    /// Scans every workspace folder (blocking; run it off the message loop).
    /// Warm start: the cache's records go into the index while another thread
    /// walks the folders and looks at every file; files whose size or time
    /// differ from their record, and new files, are then read, and records of
    /// files gone are dropped. The cache is written again if anything changed.
    /// `report(done, total)` is called after each batch.
    pub fn scan(&self, mut report: impl FnMut(usize, usize)) {
        let cfg = self.config();
        let roots = self.roots();
        let t0 = std::time::Instant::now();
        let key = cache::key(&roots, &cfg);
        let cache_file = cfg
            .cache
            .then(cache::default_dir)
            .flatten()
            .and_then(|d| cache::file_for(&d, &roots, &key));
        let mut stats = ScanStats::default();
        *lock(&self.refreshed_in_scan) = Some(FxHashSet::default());
        // Paths as bytes: both lists come from the same walk of the same
        // folders, so equal paths are equal bytes (and hash faster than a
        // path's components).
        fn bytes(p: &Path) -> &[u8] {
            p.as_os_str().as_encoded_bytes()
        }
        let mut n_cached = 0;
        let mut reused = 0;
        let mut to_read = Vec::new();
        let on_disk = std::thread::scope(|s| {
            let walk = s.spawn(|| scan::discover_stamped(&roots, &cfg));
            let (cached, note) = load_cache(cache_file.as_deref(), &key);
            stats.cache = note;
            n_cached = cached.len();
            tracing::info!(
                "scan: {} cached records read at {:.2} s",
                cached.len(),
                t0.elapsed().as_secs_f64()
            );
            {
                let open = lock(&self.open).clone();
                let mut idx = self.index_mut();
                idx.reserve(cached.len());
                let unopened = cached.iter().filter(|r| !open.contains(&r.path));
                idx.extend(unopened.cloned());
            }
            tracing::info!(
                "scan: {} cached records indexed at {:.2} s",
                cached.len(),
                t0.elapsed().as_secs_f64()
            );
            // Made while the walk may still run.
            let cached_at: FxHashMap<&[u8], &Arc<CableRecord>> =
                cached.iter().map(|r| (bytes(&r.path), r)).collect();
            let on_disk = walk.join().unwrap_or_default();
            // Records to keep: cached, and their file unchanged.
            for (p, st) in &on_disk {
                match cached_at.get(bytes(p)) {
                    Some(r) if st.is_some() && r.stamp == *st => reused += 1,
                    _ => to_read.push(p.clone()),
                }
            }
            on_disk
        });
        let total = on_disk.len();
        tracing::info!(
            "scan: {total} files found and looked at by {:.2} s",
            t0.elapsed().as_secs_f64()
        );
        report(0, total);
        // Records of files gone (cached, or from an earlier scan), but those
        // the watcher has read since the scan began.
        let present: FxHashSet<&[u8]> = on_disk.iter().map(|(p, _)| bytes(p)).collect();
        {
            let mut idx = self.index_mut();
            let refreshed = lock(&self.refreshed_in_scan).take().unwrap_or_default();
            let gone: Vec<PathBuf> = (idx.records())
                .filter(|r| !present.contains(bytes(&r.path)) && !self.is_open(&r.path))
                .filter(|r| !refreshed.contains(&r.path))
                .map(|r| r.path.clone())
                .collect();
            for p in &gone {
                idx.remove(p);
            }
        }
        report(reused, total);
        if reused > 0 {
            tracing::info!(
                "{reused} cables taken from the index cache, {} to read",
                to_read.len()
            );
        }
        scan::load_all(&to_read, &cfg, 256, |recs, skips, done| {
            let mut idx = self.index_mut();
            // A file changed since it was read (the watcher may already have
            // applied the change): its reading is not kept, nor its skip (an
            // empty file a moment before it was written); it is read again.
            let mut changed = drop_skipped(&mut idx, skips);
            for r in recs {
                if self.is_open(&r.path) {
                    continue;
                }
                if still_as_read(&r) {
                    idx.insert(r);
                } else {
                    changed.push(r.path);
                }
            }
            drop(idx);
            for p in changed {
                self.refresh_file(&p);
            }
            report(reused + done, total);
        });
        self.index_mut().settle();
        tracing::info!(
            "scan: {} files read by {:.2} s",
            to_read.len(),
            t0.elapsed().as_secs_f64()
        );
        if let Some(f) = cache_file {
            if !to_read.is_empty() || reused != n_cached {
                let idx = self.index();
                match cache::save(&f, &key, idx.records()) {
                    Ok(n) => {
                        tracing::info!("index cache {}: {n} cables written", f.display());
                        stats.cache += &format!("; wrote {n} records");
                    }
                    Err(e) => {
                        tracing::warn!("index cache {} not written: {e}", f.display());
                        stats.cache += &format!("; not written: {e}");
                    }
                }
            }
        }
        tracing::info!("scan: done at {:.2} s", t0.elapsed().as_secs_f64());
        stats.files = total;
        stats.reused = reused;
        stats.read = to_read.len();
        *lock(&self.last_scan) = stats;
        let dups = self.index().duplicates().count();
        if dups > 0 {
            tracing::warn!("{dups} cable ids are held by more than one file");
        }
    }
}

/// The records of the cache file (none when there is no file to use), and what
/// became of it, for `cable/status`.
fn load_cache(file: Option<&Path>, key: &str) -> (Vec<Arc<CableRecord>>, String) {
    let Some(f) = file else {
        return (vec![], "off".into());
    };
    match cache::load(f, key) {
        Ok(r) => {
            let note = format!("loaded {} records", r.len());
            (r, note)
        }
        Err(why) => {
            tracing::info!(
                "index cache {} not used: {why}; reading every file",
                f.display()
            );
            (vec![], format!("not used: {why}"))
        }
    }
}

/// Drops the records of skipped files that are as they were looked at
/// before they were read; returns the others, changed since, to be read again
/// (`idx` held locked over both: the watcher's reading of a file is not undone
/// by an older one).
fn drop_skipped(idx: &mut Index, skips: Vec<scan::Skipped>) -> Vec<PathBuf> {
    let mut changed = Vec::new();
    for s in skips {
        if still_as_seen(&s) {
            tracing::info!("{} skipped: it {}", s.path.display(), s.why);
            idx.remove(&s.path);
        } else {
            changed.push(s.path);
        }
    }
    changed
}

/// A file's size and modification time as they are now (`None`: gone).
fn stamp_now(path: &Path) -> Option<cache::Stamp> {
    std::fs::metadata(path).ok().map(|m| cache::Stamp::of(&m))
}

/// Whether a skipped file is as it was looked at before it was read (or
/// still gone).
fn still_as_seen(skip: &scan::Skipped) -> bool {
    stamp_now(&skip.path) == skip.stamp
}

/// Is the record's file as it was when the record was read (same size and
/// modification time)?
fn still_as_read(rec: &CableRecord) -> bool {
    let now = stamp_now(&rec.path);
    now.is_some() && now == rec.stamp
}

/// Reports a long task with `$/progress` when the client supports it.
pub struct Progress {
    client: Client,
    token: Option<NumberOrString>,
}

impl Progress {
    pub async fn begin(client: &Client, supported: bool, title: &str) -> Progress {
        let token = NumberOrString::String(format!("cable-lsp/{title}"));
        let ok = supported
            && client
                .send_request::<request::WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                    token: token.clone(),
                })
                .await
                .is_ok();
        let p = Progress {
            client: client.clone(),
            token: ok.then_some(token),
        };
        p.send(WorkDoneProgress::Begin(WorkDoneProgressBegin {
            title: title.into(),
            cancellable: Some(false),
            message: Some("finding cables".into()),
            percentage: Some(0),
        }))
        .await;
        p
    }

    async fn send(&self, v: WorkDoneProgress) {
        if let Some(token) = &self.token {
            self.client
                .send_notification::<notification::Progress>(ProgressParams {
                    token: token.clone(),
                    value: ProgressParamsValue::WorkDone(v),
                })
                .await;
        }
    }

    pub async fn report(&self, done: usize, total: usize) {
        let pct = (done * 100).checked_div(total).unwrap_or(100) as u32;
        self.send(WorkDoneProgress::Report(WorkDoneProgressReport {
            cancellable: Some(false),
            message: Some(format!("{done}/{total} files")),
            percentage: Some(pct),
        }))
        .await;
    }

    pub async fn end(self, message: String) {
        self.send(WorkDoneProgress::End(WorkDoneProgressEnd {
            message: Some(message),
        }))
        .await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file read while it was being written (empty, so no cable) is not
    /// dropped by that reading once the watcher has read it whole.
    #[test]
    fn a_skip_from_before_a_write_does_not_drop_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let ws = Workspace::default();
        ws.set_roots(vec![root.clone()]);
        let path = root.join("a.txt");
        std::fs::write(&path, "").unwrap();
        let Err(skip) = scan::load(&path, &ws.config()) else {
            panic!("an empty file is no cable")
        };
        // Written (a size of its own), and read by the watcher.
        std::fs::write(
            &path,
            "CONFIDENTIAL STATE 000001\n\nSUBJECT: X\n\n1. (C) Text.\n",
        )
        .unwrap();
        ws.refresh_file(&path);
        assert_eq!(ws.index().len(), 1);
        // The scan's reading of the empty file comes in late.
        let again = drop_skipped(&mut ws.index_mut(), vec![skip.clone()]);
        assert_eq!(
            again,
            std::slice::from_ref(&path),
            "read again, not dropped"
        );
        assert_eq!(ws.index().len(), 1);
        // A skip of a file as it still is drops it.
        std::fs::write(&path, "").unwrap();
        let Err(skip) = scan::load(&path, &ws.config()) else {
            panic!("an empty file is no cable")
        };
        assert!(drop_skipped(&mut ws.index_mut(), vec![skip]).is_empty());
        assert_eq!(ws.index().len(), 0);
    }
}
