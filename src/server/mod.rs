//! The language server: tower-lsp glue over the analysis layer.
//!
//! Documents are changed synchronously in the notification handlers, before any
//! `.await`; requests take an immutable snapshot and run their work on the
//! blocking pool, where a panic becomes an internal-error response.

mod capabilities;
pub mod convert;
pub mod documents;
mod guard;
pub mod handlers;
mod indexing;
pub mod position;
pub mod transport;
pub mod watcher;
pub mod workspace;

use crate::analysis::Document;
use crate::syntax::incremental::ParseState;
use documents::{ChangeError, Documents, Snapshot};
use position::Encoding;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::Arc;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer, LspService, Server};

/// Watched-file changes up to this many are applied before the next message.
const SYNC_REFRESH_FILES: usize = 16;

pub struct Backend {
    pub client: Client,
    pub docs: Arc<Documents>,
    pub workspace: Arc<workspace::Workspace>,
    /// Rule severities from `initializationOptions` / `workspace/didChangeConfiguration`.
    pub severities: Arc<std::sync::RwLock<crate::analysis::diagnostics::Severities>>,
    encoding: AtomicU8,
    shutdown: Arc<AtomicBool>,
    /// The client can show `$/progress` (window.workDoneProgress).
    progress: AtomicBool,
    /// The client can watch files for us (dynamic didChangeWatchedFiles).
    client_watches: AtomicBool,
    /// What was wrong with the initializationOptions, shown at `initialized`.
    init_problems: std::sync::Mutex<Vec<String>>,
    /// The last semantic tokens sent per document (for deltas).
    pub sent_tokens: handlers::semantic_tokens::Sent,
    /// Our own watcher, when the client cannot watch.
    own_watcher: Arc<std::sync::Mutex<Option<watcher::OwnWatcher>>>,
}

impl Backend {
    fn new(client: Client, shutdown: Arc<AtomicBool>) -> Self {
        Backend {
            client,
            docs: Default::default(),
            workspace: Default::default(),
            severities: Default::default(),
            encoding: AtomicU8::new(16),
            shutdown,
            progress: AtomicBool::new(false),
            client_watches: AtomicBool::new(false),
            own_watcher: Default::default(),
            sent_tokens: Default::default(),
            init_problems: Default::default(),
        }
    }

    pub fn encoding(&self) -> Encoding {
        if self.encoding.load(Ordering::Relaxed) == 8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    /// The parsed snapshot of the document's current version; `None` when the
    /// document is not open. Parsing runs on the blocking pool.
    pub async fn snapshot(&self, uri: &Url) -> Result<Option<Arc<Snapshot>>> {
        snapshot_of(&self.docs, &self.workspace, uri).await
    }

    /// Runs `f` off the message loop with the document's snapshot and the corpus
    /// index; `Ok(None)` when the document is not open.
    pub async fn with_ctx<T: Send + 'static>(
        &self,
        uri: Url,
        f: impl FnOnce(crate::analysis::navigation::Ctx<'_>, &Url) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        let Some(snap) = self.snapshot(&uri).await? else {
            return Ok(None);
        };
        let ws = self.workspace.clone();
        self.compute(move || {
            let idx = ws.index();
            let path = workspace::path_of(&uri);
            let cx = crate::analysis::navigation::Ctx {
                doc: &snap.doc,
                path: &path,
                index: &idx,
            };
            f(cx, &uri)
        })
        .await
    }

    /// [`Backend::with_ctx`] at a cursor: `f` also gets the position as a byte
    /// offset of the document (clamped into it).
    pub async fn at_cursor<T: Send + 'static>(
        &self,
        at: TextDocumentPositionParams,
        f: impl FnOnce(crate::analysis::navigation::Ctx<'_>, &Url, usize) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        let enc = self.encoding();
        self.with_ctx(at.text_document.uri, move |cx, uri| {
            let doc = cx.doc;
            let offset = position::offset(&doc.text, &doc.lines, at.position, enc);
            f(cx, uri, offset)
        })
        .await
    }

    /// Runs CPU work off the message loop; a panic becomes an internal error.
    pub async fn compute<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T> {
        compute(f).await
    }

    /// Like [`Backend::compute`], for work that can stop early: the closure gets
    /// a flag that turns true when the request is cancelled (`$/cancelRequest`
    /// drops the handler's future).
    pub async fn compute_cancellable<T: Send + 'static>(
        &self,
        f: impl FnOnce(&(dyn Fn() -> bool + Sync)) -> T + Send + 'static,
    ) -> Result<T> {
        struct SetOnDrop(Arc<AtomicBool>);
        impl Drop for SetOnDrop {
            fn drop(&mut self) {
                self.0.store(true, Ordering::Relaxed);
            }
        }
        let flag = Arc::new(AtomicBool::new(false));
        let _guard = SetOnDrop(flag.clone());
        self.compute(move || f(&|| flag.load(Ordering::Relaxed)))
            .await
    }

    fn publisher(&self) -> handlers::diagnostics::Publisher {
        handlers::diagnostics::Publisher {
            docs: self.docs.clone(),
            workspace: self.workspace.clone(),
            client: self.client.clone(),
            severities: self.severities.clone(),
            encoding: self.encoding(),
        }
    }

    /// Reads `{"diagnostics": {"severities": {rule: level}}}`; returns what was
    /// wrong with it (also logged).
    fn set_severities(&self, v: &serde_json::Value) -> Vec<String> {
        let Some(sev) = v.get("diagnostics").and_then(|d| d.get("severities")) else {
            return vec![];
        };
        let (s, errs) = crate::analysis::diagnostics::Severities::from_json(sev);
        *self.severities.write().unwrap_or_else(|e| e.into_inner()) = s;
        for e in &errs {
            tracing::warn!("settings: {e}");
        }
        errs
    }

    /// Applies settings and tells the user what was wrong with them.
    async fn apply_settings(&self, v: &serde_json::Value) {
        for e in self.set_severities(v) {
            self.client
                .show_message(MessageType::WARNING, format!("cable-lsp settings: {e}"))
                .await;
        }
    }
}

/// The parsed snapshot of a document's current version (see [`Backend::snapshot`]).
pub async fn snapshot_of(
    docs: &Documents,
    ws: &Arc<workspace::Workspace>,
    uri: &Url,
) -> Result<Option<Arc<Snapshot>>> {
    if let Some(s) = docs.parsed(uri) {
        return Ok(Some(s));
    }
    let Some(cell) = docs.state(uri) else {
        return Ok(None);
    };
    // Reparses of a document run one at a time, each from where the last left.
    let mut state = cell.lock().await;
    if let Some(s) = docs.parsed(uri) {
        return Ok(Some(s));
    }
    let Some(p) = docs.take_pending(uri) else {
        return Ok(None);
    };
    let old = state.take();
    let ws = ws.clone();
    let path = workspace::path_of(uri);
    let (new_state, snap) = compute(move || {
        let st = match (old, p.edit) {
            (Some(mut st), Some(e)) => {
                st.edit(&p.text, e);
                st
            }
            (Some(st), None) => st,
            (None, _) => ParseState::new(&p.text),
        };
        let doc = Document::from_state(p.text, &st);
        ws.overlay(path, &doc);
        (
            st,
            Arc::new(Snapshot {
                version: p.version,
                doc,
            }),
        )
    })
    .await?;
    *state = Some(new_state);
    docs.store(uri, snap.clone());
    Ok(Some(snap))
}

/// Runs CPU work on the blocking pool; a panic becomes an internal error.
pub async fn compute<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    match tokio::task::spawn_blocking(f).await {
        Ok(v) => Ok(v),
        Err(e) => {
            let msg = if e.is_panic() {
                "the request failed inside the server (a panic, logged)"
            } else {
                "the request was cancelled"
            };
            tracing::error!("handler failed: {e}");
            Err(Error {
                code: tower_lsp::jsonrpc::ErrorCode::InternalError,
                message: msg.into(),
                data: None,
            })
        }
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, p: InitializeParams) -> Result<InitializeResult> {
        let offered = p
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.clone())
            .unwrap_or_default();
        let enc = if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.encoding.store(
            if enc == Encoding::Utf8 { 8 } else { 16 },
            Ordering::Relaxed,
        );
        tracing::info!("initialize: position encoding {enc:?}");
        let caps = &p.capabilities;
        self.progress.store(
            caps.window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            Ordering::Relaxed,
        );
        self.client_watches.store(
            caps.workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            Ordering::Relaxed,
        );
        #[allow(deprecated)] // root_uri: older clients send only this
        let mut roots: Vec<std::path::PathBuf> = match &p.workspace_folders {
            Some(fs) if !fs.is_empty() => fs
                .iter()
                .filter_map(|f| f.uri.to_file_path().ok())
                .collect(),
            _ => p
                .root_uri
                .iter()
                .filter_map(|u| u.to_file_path().ok())
                .collect(),
        };
        roots.sort();
        roots.dedup();
        self.workspace.set_roots(roots);
        // Problems are shown once the client is ready for messages (`initialized`).
        if let Some(o) = &p.initialization_options {
            let errs = self.set_severities(o);
            *self.init_problems.lock().unwrap_or_else(|e| e.into_inner()) = errs;
        }
        if let Some(opts) = p
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("corpus"))
        {
            match serde_json::from_value::<crate::corpus::ScanConfig>(opts.clone()) {
                Ok(c) => match c.validate() {
                    Ok(()) => self.workspace.set_config(c),
                    Err(e) => tracing::warn!("initializationOptions.corpus: {e}"),
                },
                Err(e) => tracing::warn!(
                    "initializationOptions.corpus is not understood ({e}); expected {{\"include\": [globs], \"exclude\": [globs]}}"
                ),
            }
        }
        Ok(InitializeResult {
            capabilities: capabilities::capabilities(enc),
            server_info: Some(ServerInfo {
                name: "cable-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        tracing::info!(
            "initialized; workspace folders {:?}",
            self.workspace.roots()
        );
        let problems =
            std::mem::take(&mut *self.init_problems.lock().unwrap_or_else(|e| e.into_inner()));
        for e in problems {
            self.client
                .show_message(
                    MessageType::WARNING,
                    format!("cable-lsp initializationOptions: {e}"),
                )
                .await;
        }
        if self.client_watches.load(Ordering::Relaxed) {
            self.start_indexing(None);
            self.register_watchers().await;
        } else {
            let watching = self.start_own_watcher();
            self.start_indexing(watching);
        }
    }

    async fn did_change_watched_files(&self, p: DidChangeWatchedFilesParams) {
        let ws = self.workspace.clone();
        let paths: Vec<_> = p
            .changes
            .iter()
            .filter_map(|c| c.uri.to_file_path().ok())
            .collect();
        let refresh = move || {
            for path in paths {
                ws.refresh_path(&path);
            }
        };
        // A few files are read at once, before any `.await`, so that requests
        // that follow see them; a large batch goes to the blocking pool.
        if p.changes.len() <= SYNC_REFRESH_FILES {
            refresh();
        } else {
            let _ = self.compute(refresh).await;
        }
        self.publisher().refresh_all();
    }

    async fn did_change_configuration(&self, p: DidChangeConfigurationParams) {
        // `{"cable": {...}}` as VS Code sends it, or the settings themselves.
        let v = p.settings.get("cable").cloned().unwrap_or(p.settings);
        self.apply_settings(&v).await;
        self.publisher().refresh_all();
    }

    async fn code_action(&self, p: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        handlers::code_action::code_action(self, p).await
    }

    async fn did_change_workspace_folders(&self, p: DidChangeWorkspaceFoldersParams) {
        let mut roots = self.workspace.roots();
        let gone: Vec<_> = p
            .event
            .removed
            .iter()
            .filter_map(|f| f.uri.to_file_path().ok())
            .collect();
        roots.retain(|r| !gone.contains(r));
        roots.extend(
            p.event
                .added
                .iter()
                .filter_map(|f| f.uri.to_file_path().ok()),
        );
        roots.sort();
        roots.dedup();
        self.workspace.set_roots(roots);
        let watching = if self.client_watches.load(Ordering::Relaxed) {
            None
        } else {
            self.start_own_watcher()
        };
        self.start_indexing(watching);
    }

    async fn did_save(&self, p: DidSaveTextDocumentParams) {
        // The buffer stays the indexed copy while open; nothing to read.
        tracing::debug!("saved {}", p.text_document.uri);
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, p: DidOpenTextDocumentParams) {
        let uri = p.text_document.uri;
        let version = p.text_document.version;
        self.docs.open(uri.clone(), &p.text_document.text, version);
        self.publisher()
            .schedule(uri, version, std::time::Duration::ZERO);
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        let uri = &p.text_document.uri;
        match self.docs.change(
            uri,
            p.text_document.version,
            &p.content_changes,
            self.encoding(),
        ) {
            Ok(()) => self.publisher().schedule(
                uri.clone(),
                p.text_document.version,
                handlers::diagnostics::DEBOUNCE,
            ),
            Err(ChangeError::NotOpen) => {
                tracing::warn!("didChange for {uri}, which is not open: ignored")
            }
            Err(ChangeError::Stale { have, got }) => {
                tracing::warn!(
                    "didChange for {uri} with version {got}, not newer than {have}: ignored"
                )
            }
        }
    }

    async fn did_close(&self, p: DidCloseTextDocumentParams) {
        self.docs.close(&p.text_document.uri);
        self.sent_tokens.forget(&p.text_document.uri);
        // Synchronous (one file), so that requests that follow see the disk's copy.
        self.workspace
            .close(&workspace::path_of(&p.text_document.uri));
    }

    async fn goto_definition(
        &self,
        p: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        handlers::navigation::definition(self, p).await
    }

    async fn references(&self, p: ReferenceParams) -> Result<Option<Vec<Location>>> {
        handlers::navigation::references(self, p).await
    }

    async fn prepare_rename(
        &self,
        p: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        handlers::rename::prepare(self, p).await
    }

    async fn rename(&self, p: RenameParams) -> Result<Option<WorkspaceEdit>> {
        handlers::rename::rename(self, p).await
    }

    async fn prepare_call_hierarchy(
        &self,
        p: CallHierarchyPrepareParams,
    ) -> Result<Option<Vec<CallHierarchyItem>>> {
        handlers::call_hierarchy::prepare(self, p).await
    }

    async fn incoming_calls(
        &self,
        p: CallHierarchyIncomingCallsParams,
    ) -> Result<Option<Vec<CallHierarchyIncomingCall>>> {
        handlers::call_hierarchy::incoming(self, p).await
    }

    async fn outgoing_calls(
        &self,
        p: CallHierarchyOutgoingCallsParams,
    ) -> Result<Option<Vec<CallHierarchyOutgoingCall>>> {
        handlers::call_hierarchy::outgoing(self, p).await
    }

    async fn document_highlight(
        &self,
        p: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        handlers::navigation::highlight(self, p).await
    }

    async fn completion(&self, p: CompletionParams) -> Result<Option<CompletionResponse>> {
        handlers::completion::completion(self, p).await
    }

    async fn hover(&self, p: HoverParams) -> Result<Option<Hover>> {
        handlers::hover::hover(self, p).await
    }

    async fn symbol(&self, p: WorkspaceSymbolParams) -> Result<Option<Vec<SymbolInformation>>> {
        handlers::workspace_symbol::symbol(self, p).await
    }

    async fn document_link(&self, p: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        handlers::annotations::document_link(self, p).await
    }

    async fn inlay_hint(&self, p: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        handlers::annotations::inlay_hint(self, p).await
    }

    async fn code_lens(&self, p: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        handlers::annotations::code_lens(self, p).await
    }

    async fn document_symbol(
        &self,
        p: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        handlers::symbols::document_symbol(self, p).await
    }

    async fn selection_range(
        &self,
        p: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        handlers::selection::selection_range(self, p).await
    }

    async fn folding_range(&self, p: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        handlers::folding::folding_range(self, p).await
    }

    async fn semantic_tokens_full(
        &self,
        p: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        handlers::semantic_tokens::full(self, p).await
    }

    async fn semantic_tokens_full_delta(
        &self,
        p: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        handlers::semantic_tokens::full_delta(self, p).await
    }

    async fn semantic_tokens_range(
        &self,
        p: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        handlers::semantic_tokens::range(self, p).await
    }
}

impl Backend {
    /// A request that panics, registered only under `CABLE_LSP_TEST_HOOKS`, to
    /// test that a panicking handler is answered and survived.
    async fn test_panic(&self) -> Result<()> {
        panic!("test hook: a handler panics");
    }

    /// `cable/status`: whether the index is being built, and its size.
    async fn status(&self) -> Result<serde_json::Value> {
        let ws = &self.workspace;
        Ok(serde_json::json!({
            "indexing": ws.indexing.load(Ordering::SeqCst),
            "files": ws.index().len(),
            "roots": ws.roots(),
            "lastScan": ws.last_scan(),
            // A checksum of what the index holds (ids, backlinks, POC DOCs, files),
            // for tests that compare it with an index built from the disk.
            "digest": crc32fast::hash(ws.index().digest().join("\n").as_bytes()),
        }))
    }

    async fn syntax_tree(
        &self,
        p: handlers::debug::SyntaxTreeParams,
    ) -> Result<Option<handlers::debug::SyntaxTree>> {
        handlers::debug::syntax_tree(self, p).await
    }
}

/// Serves LSP over stdin/stdout until `exit` or the end of input. Returns the
/// process exit code: 0 after `shutdown` then `exit`, 1 otherwise.
pub async fn run_stdio() -> i32 {
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let mut builder = LspService::build(move |client| Backend::new(client, flag.clone()))
        .custom_method("cable/syntaxTree", Backend::syntax_tree)
        .custom_method("cable/status", Backend::status);
    if std::env::var_os("CABLE_LSP_TEST_HOOKS").is_some() {
        builder = builder.custom_method("cable/testPanic", Backend::test_panic);
    }
    let (service, socket) = builder.finish();
    let exited = Arc::new(tokio::sync::Notify::new());
    let service = guard::Guard {
        inner: service,
        exited: exited.clone(),
    };
    tokio::select! {
        _ = Server::new(transport::checked(tokio::io::stdin()), tokio::io::stdout(), socket).serve(service) => {}
        _ = exited.notified() => {
            // Let the exit notification's handler run, then stop.
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }
    if shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}
