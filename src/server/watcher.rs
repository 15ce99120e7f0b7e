//! A file watcher of our own (the `notify` crate: inotify on Linux), for clients
//! that cannot watch files for us (no dynamic `workspace/didChangeWatchedFiles`).
//! Events are gathered for a moment and handed on in batches; symlinks are not
//! followed.

use notify::{Config, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::PathBuf;
use std::time::Duration;

/// Events this close together are handed on together.
const BATCH: Duration = Duration::from_millis(150);

/// Watches while it lives.
pub struct OwnWatcher {
    _watcher: RecommendedWatcher,
}

/// Watches `roots` recursively; `on_batch` gets the paths that changed (files
/// and folders created, changed, renamed or removed), on a thread of its own.
pub fn start(
    roots: &[PathBuf],
    on_batch: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> notify::Result<OwnWatcher> {
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut w = RecommendedWatcher::new(tx, Config::default().with_follow_symlinks(false))?;
    for r in roots {
        w.watch(r, RecursiveMode::Recursive)?;
    }
    std::thread::Builder::new()
        .name("cable-lsp-watch".into())
        .spawn(move || {
            // Ends when the watcher (the sender) is dropped.
            while let Ok(first) = rx.recv() {
                let mut paths = Vec::new();
                let mut take = |ev: notify::Result<notify::Event>| match ev {
                    Ok(ev) if !ev.kind.is_access() => paths.extend(ev.paths),
                    Ok(_) => {}
                    Err(e) => tracing::warn!("file watcher: {e}"),
                };
                take(first);
                let until = std::time::Instant::now() + BATCH;
                while let Some(left) = until.checked_duration_since(std::time::Instant::now()) {
                    match rx.recv_timeout(left) {
                        Ok(ev) => take(ev),
                        Err(_) => break,
                    }
                }
                paths.sort();
                paths.dedup();
                if !paths.is_empty() {
                    on_batch(paths);
                }
            }
        })
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok(OwnWatcher { _watcher: w })
}
