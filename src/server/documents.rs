//! Open documents: ropey buffers, versions, incremental edits, and parsed
//! snapshots. Edits are applied synchronously (never across an `.await`), so the
//! text is always exactly what the client holds; each is also recorded as a byte
//! edit, composed with the others since the last parse, for the incremental
//! reparse.

use super::position::{rope_char, Encoding};
use crate::analysis::Document;
use crate::syntax::incremental::{Edit, ParseState};
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

/// The parse state kept between edits, behind an async lock so that reparses of
/// one document run one at a time, in order.
pub type StateCell = Arc<tokio::sync::Mutex<Option<ParseState>>>;

struct Entry {
    rope: Rope,
    version: i32,
    /// The edits since the text the parse state was built for, composed.
    pending: Option<Edit>,
    parsed: Option<Arc<Snapshot>>,
    state: StateCell,
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

/// What a reparse starts from: the text of one version and the edit that leads
/// to it from the parse state's text.
pub struct Pending {
    pub version: i32,
    pub text: String,
    pub edit: Option<Edit>,
}

impl Documents {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Url, Entry>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn open(&self, uri: Url, text: &str, version: i32) {
        let entry = Entry {
            rope: Rope::from_str(text),
            version,
            pending: None,
            parsed: None,
            state: Default::default(),
        };
        self.lock().insert(uri, entry);
    }

    pub fn close(&self, uri: &Url) {
        self.lock().remove(uri);
    }

    pub fn is_open(&self, uri: &Url) -> bool {
        self.lock().contains_key(uri)
    }

    pub fn uris(&self) -> Vec<Url> {
        self.lock().keys().cloned().collect()
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
        let mut m = self.lock();
        let e = m.get_mut(uri).ok_or(ChangeError::NotOpen)?;
        if version <= e.version {
            return Err(ChangeError::Stale {
                have: e.version,
                got: version,
            });
        }
        for c in changes {
            let edit = match c.range {
                None => {
                    let old = e.rope.len_bytes();
                    e.rope = Rope::from_str(&c.text);
                    Edit {
                        start: 0,
                        old_end: old,
                        new_end: c.text.len(),
                    }
                }
                Some(r) => {
                    let a = rope_char(&e.rope, r.start, enc);
                    let b = rope_char(&e.rope, r.end, enc).max(a);
                    let (ab, bb) = (e.rope.char_to_byte(a), e.rope.char_to_byte(b));
                    e.rope.remove(a..b);
                    e.rope.insert(a, &c.text);
                    Edit {
                        start: ab,
                        old_end: bb,
                        new_end: ab + c.text.len(),
                    }
                }
            };
            e.pending = Some(match e.pending {
                Some(p) => p.then(edit),
                None => edit,
            });
        }
        e.version = version;
        // The last parse is of an older text now: let it go, so that the next
        // reparse can patch the model in place (it shares it) rather than copy it.
        e.parsed = None;
        Ok(())
    }

    /// The current version, if open.
    pub fn version(&self, uri: &Url) -> Option<i32> {
        self.lock().get(uri).map(|e| e.version)
    }

    /// The current version and text, if open.
    pub fn text(&self, uri: &Url) -> Option<(i32, String)> {
        self.lock()
            .get(uri)
            .map(|e| (e.version, e.rope.to_string()))
    }

    /// The parsed snapshot of the current version, if already parsed.
    pub fn parsed(&self, uri: &Url) -> Option<Arc<Snapshot>> {
        let m = self.lock();
        let e = m.get(uri)?;
        e.parsed.clone().filter(|p| p.version == e.version)
    }

    pub fn state(&self, uri: &Url) -> Option<StateCell> {
        self.lock().get(uri).map(|e| e.state.clone())
    }

    /// Takes the current text and the edits since the last parse, atomically.
    /// Call with the document's state lock held.
    pub fn take_pending(&self, uri: &Url) -> Option<Pending> {
        let mut m = self.lock();
        let e = m.get_mut(uri)?;
        Some(Pending {
            version: e.version,
            text: e.rope.to_string(),
            edit: e.pending.take(),
        })
    }

    /// Stores a parse if its version is still the document's.
    pub fn store(&self, uri: &Url, snap: Arc<Snapshot>) {
        let mut m = self.lock();
        if let Some(e) = m.get_mut(uri) {
            if e.version == snap.version {
                e.parsed = Some(snap);
            }
        }
    }
}
