//! Publishing diagnostics: after each change, coalesced (a change waits a moment;
//! if another came meanwhile, only the last one publishes), versioned, and
//! refreshed in every open file when the corpus changes.

use crate::analysis::diagnostics::{self, Severities};
use crate::analysis::navigation::Ctx;
use crate::server::documents::Documents;
use crate::server::position::{range, Encoding};
use crate::server::workspace::{path_of, Workspace};
use crate::server::{compute, snapshot_of};
use crate::syntax::Severity;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tower_lsp::lsp_types::*;
use tower_lsp::Client;

/// How long a change waits for the next before its diagnostics are computed.
pub const DEBOUNCE: Duration = Duration::from_millis(120);

/// What a publishing task needs, cloned out of the backend.
#[derive(Clone)]
pub struct Publisher {
    pub docs: Arc<Documents>,
    pub workspace: Arc<Workspace>,
    pub client: Client,
    pub severities: Arc<RwLock<Severities>>,
    pub encoding: Encoding,
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

pub fn to_lsp(
    uri: &Url,
    doc: &crate::analysis::Document,
    d: &diagnostics::Diagnostic,
    enc: Encoding,
) -> Diagnostic {
    Diagnostic {
        range: range(&doc.text, &doc.lines, d.span, enc),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: None,
        source: Some("cable-lsp".into()),
        message: d.message.clone(),
        related_information: (!d.related.is_empty()).then(|| {
            d.related
                .iter()
                .map(|r| DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), range(&doc.text, &doc.lines, r.span, enc)),
                    message: r.message.clone(),
                })
                .collect()
        }),
        tags: None,
        data: None,
    }
}

impl Publisher {
    /// Publishes `uri`'s diagnostics for `version`, after the debounce, unless a
    /// newer version has come meanwhile.
    pub fn schedule(&self, uri: Url, version: i32, delay: Duration) {
        let me = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            if me.docs.version(&uri) != Some(version) {
                return; // a later change publishes
            }
            let Ok(Some(snap)) = snapshot_of(&me.docs, &me.workspace, &uri).await else {
                return;
            };
            if snap.version != version {
                return;
            }
            let ws = me.workspace.clone();
            let sev = me.severities.clone();
            let enc = me.encoding;
            let u = uri.clone();
            let Ok(diags) = compute(move || {
                let idx = ws.index();
                let path = path_of(&u);
                let cx = Ctx {
                    doc: &snap.doc,
                    path: &path,
                    index: &idx,
                };
                let sev = sev.read().unwrap_or_else(|e| e.into_inner()).clone();
                diagnostics::capped(
                    diagnostics::diagnostics(cx, &sev),
                    diagnostics::MAX_PUBLISHED,
                )
                .iter()
                .map(|d| to_lsp(&u, &snap.doc, d, enc))
                .collect::<Vec<_>>()
            })
            .await
            else {
                return;
            };
            if me.docs.version(&uri) == Some(version) {
                me.client
                    .publish_diagnostics(uri, diags, Some(version))
                    .await;
            }
        });
    }

    /// Publishes again in every open document (the corpus or the settings changed).
    pub fn refresh_all(&self) {
        for uri in self.docs.uris() {
            if let Some(v) = self.docs.version(&uri) {
                self.schedule(uri, v, Duration::ZERO);
            }
        }
    }
}
