//! The corpus as the server holds it: the index over the workspace folders, built
//! in the background with `$/progress`, kept current by file watching, with open
//! buffers overriding their files on disk.

use crate::analysis::Document;
use crate::corpus::{scan, CableRecord, Index, ScanConfig};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
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

    /// Is `path` under a workspace folder and matched by the corpus globs?
    pub fn wants(&self, path: &Path) -> bool {
        let cfg = self.config();
        self.roots()
            .iter()
            .any(|r| path.starts_with(r) && cfg.matches(r, path))
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
        if self.is_open(path) {
            return;
        }
        if !path.is_file() || !self.wants(path) {
            self.index_mut().remove(path);
            return;
        }
        match scan::load(path, &self.config()) {
            Ok(rec) => {
                if !self.is_open(path) {
                    self.index_mut().insert(rec);
                }
            }
            Err(skip) => {
                tracing::info!("{} skipped: it {skip}", path.display());
                self.index_mut().remove(path);
            }
        }
    }

    /// Scans every workspace folder (blocking; run it off the message loop).
    /// `report(done, total)` is called after each batch.
    pub fn scan(&self, mut report: impl FnMut(usize, usize)) {
        let cfg = self.config();
        let paths = scan::discover(&self.roots(), &cfg);
        let total = paths.len();
        report(0, total);
        let on_disk: HashSet<&Path> = paths.iter().map(|p| p.as_path()).collect();
        // Files gone since the last scan.
        let stale: Vec<PathBuf> = (self.index().records())
            .map(|r| r.path.clone())
            .filter(|p| !on_disk.contains(p.as_path()) && !self.is_open(p))
            .collect();
        {
            let mut idx = self.index_mut();
            for p in &stale {
                idx.remove(p);
            }
        }
        scan::load_all(&paths, &cfg, 256, |recs, skips, done| {
            for (p, s) in skips {
                tracing::info!("{} skipped: it {s}", p.display());
            }
            let mut idx = self.index_mut();
            for r in recs {
                if !self.is_open(&r.path) {
                    idx.insert(r);
                }
            }
            drop(idx);
            report(done, total);
        });
        let dups = self.index().duplicates().count();
        if dups > 0 {
            tracing::warn!("{dups} cable ids are held by more than one file");
        }
    }
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
