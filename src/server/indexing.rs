//! Indexing the workspace folders in the background (with `$/progress`), and
//! keeping the index fresh: the client's file watching, or our own watcher.

use super::*;

impl Backend {
    /// Indexes the workspace folders in the background, with `$/progress`.
    /// `watching`: our own watcher being set up; the walk waits for it, so that
    /// a change is seen by the walk or by the watcher, never by neither.
    pub(super) fn start_indexing(&self, watching: Option<tokio::task::JoinHandle<()>>) {
        let publisher = self.publisher();
        let ws = self.workspace.clone();
        let client = self.client.clone();
        let supported = self.progress.load(Ordering::Relaxed);
        if ws.roots().is_empty() {
            return;
        }
        ws.indexing.store(true, Ordering::SeqCst);
        tokio::spawn(async move {
            let p = workspace::Progress::begin(&client, supported, "Indexing cables").await;
            if let Some(w) = watching {
                let _ = w.await;
            }
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            let ws2 = ws.clone();
            let t0 = std::time::Instant::now();
            let job = tokio::task::spawn_blocking(move || {
                ws2.scan(|done, total| {
                    let _ = tx.send((done, total));
                })
            });
            while let Some((done, total)) = rx.recv().await {
                p.report(done, total).await;
            }
            let msg = match job.await {
                Ok(()) => format!(
                    "{} cables indexed in {:.1} s",
                    ws.index().len(),
                    t0.elapsed().as_secs_f64()
                ),
                Err(e) => {
                    tracing::error!("indexing failed: {e}");
                    format!("indexing failed: {e}")
                }
            };
            tracing::info!("{msg}");
            ws.indexing.store(false, Ordering::SeqCst);
            p.end(msg).await;
            publisher.refresh_all();
        });
    }

    /// Watches the workspace folders ourselves (clients that cannot watch):
    /// batches of changed paths are applied off the message loop.
    pub(super) fn start_own_watcher(&self) -> Option<tokio::task::JoinHandle<()>> {
        let roots = self.workspace.roots();
        let slot = self.own_watcher.clone();
        *slot.lock().unwrap_or_else(|e| e.into_inner()) = None;
        if roots.is_empty() {
            return None;
        }
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Vec<std::path::PathBuf>>();
        let ws = self.workspace.clone();
        let publisher = self.publisher();
        tokio::spawn(async move {
            while let Some(paths) = rx.recv().await {
                let ws = ws.clone();
                let _ = compute(move || {
                    for p in paths {
                        ws.refresh_path(&p);
                    }
                })
                .await;
                publisher.refresh_all();
            }
        });
        // Setting up walks the folders: off the message loop.
        Some(tokio::task::spawn_blocking(move || {
            match watcher::start(&roots, move |paths| {
                let _ = tx.send(paths);
            }) {
                Ok(w) => {
                    tracing::info!("the client does not watch files: watching {roots:?} ourselves");
                    *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(w);
                }
                Err(e) => tracing::warn!(
                    "cannot watch the workspace folders ({e}): the index is refreshed on open and close only"
                ),
            }
        }))
    }

    /// Asks the client to watch the corpus files for us.
    pub(super) async fn register_watchers(&self) {
        let globs = ["**/*.txt", "**/*.cable"];
        let opts = DidChangeWatchedFilesRegistrationOptions {
            watchers: globs
                .iter()
                .map(|g| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(g.to_string()),
                    kind: None,
                })
                .collect(),
        };
        let reg = Registration {
            id: "cable-lsp/watch".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(opts).ok(),
        };
        if let Err(e) = self.client.register_capability(vec![reg]).await {
            tracing::warn!("the client refused to watch files: {e}");
        }
    }
}
