//! Open documents: ropey buffers, versions, incremental edits, and parsed
//! snapshots. Edits are applied synchronously (never across an `.await`), so the
//! text is always exactly what the client holds.

use super::position::{rope_char, Encoding};
use crate::analysis::Document;
use ropey::Rope;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tower_lsp::lsp_types::{TextDocumentContentChangeEvent, Url};

/// A parsed snapshot of one version of a document.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub version: i32,
    pub doc: Document,
}

struct Entry {
    rope: Rope,
    version: i32,
    parsed: Option<Arc<Snapshot>>,
}

#[derive(Default)]
pub struct Documents {
    map: Mutex<HashMap<Url, Entry>>,
}

/// Why a change was not applied.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeError {
    NotOpen,
    /// The change's version is not newer than the document's.
    Stale {
        have: i32,
        got: i32,
    },
}

impl Documents {
    pub fn open(&self, uri: Url, text: &str, version: i32) {
        let mut m = self.map.lock().unwrap_or_else(|e| e.into_inner());
        m.insert(
            uri,
            Entry {
                rope: Rope::from_str(text),
                version,
                parsed: None,
            },
        );
    }

    pub fn close(&self, uri: &Url) {
        self.map
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(uri);
    }

    pub fn is_open(&self, uri: &Url) -> bool {
        self.map
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains_key(uri)
    }

    pub fn uris(&self) -> Vec<Url> {
        self.map
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .cloned()
            .collect()
    }

    /// Applies a didChange's edits, in order. Full-text changes (no range) replace
    /// the text.
    pub fn change(
        &self,
        uri: &Url,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: Encoding,
    ) -> Result<(), ChangeError> {
        let mut m = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let e = m.get_mut(uri).ok_or(ChangeError::NotOpen)?;
        if version <= e.version {
            return Err(ChangeError::Stale {
                have: e.version,
                got: version,
            });
        }
        for c in changes {
            match c.range {
                None => e.rope = Rope::from_str(&c.text),
                Some(r) => {
                    let a = rope_char(&e.rope, r.start, enc);
                    let b = rope_char(&e.rope, r.end, enc).max(a);
                    e.rope.remove(a..b);
                    e.rope.insert(a, &c.text);
                }
            }
        }
        e.version = version;
        Ok(())
    }

    /// The current version and text, if open.
    pub fn text(&self, uri: &Url) -> Option<(i32, String)> {
        let m = self.map.lock().unwrap_or_else(|e| e.into_inner());
        m.get(uri).map(|e| (e.version, e.rope.to_string()))
    }

    /// The parsed snapshot of the current version, if already parsed.
    pub fn parsed(&self, uri: &Url) -> Option<Arc<Snapshot>> {
        let m = self.map.lock().unwrap_or_else(|e| e.into_inner());
        let e = m.get(uri)?;
        e.parsed.clone().filter(|p| p.version == e.version)
    }

    /// Stores a parse if its version is still the document's.
    pub fn store(&self, uri: &Url, snap: Arc<Snapshot>) {
        let mut m = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = m.get_mut(uri) {
            if e.version == snap.version {
                e.parsed = Some(snap);
            }
        }
    }
}
