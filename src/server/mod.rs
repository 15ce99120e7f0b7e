//! The language server: tower-lsp glue over the analysis layer.
//!
//! Documents are changed synchronously in the notification handlers, before any
//! `.await`; requests take an immutable snapshot and run their work on the
//! blocking pool, where a panic becomes an internal-error response.

pub mod convert;
pub mod documents;
pub mod handlers;
pub mod position;

use crate::analysis::Document;
use crate::syntax::incremental::ParseState;
use documents::{ChangeError, Documents, Snapshot};
use position::Encoding;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::Arc;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer, LspService, Server};

pub struct Backend {
    pub client: Client,
    pub docs: Documents,
    encoding: AtomicU8,
    shutdown: Arc<AtomicBool>,
}

impl Backend {
    fn new(client: Client, shutdown: Arc<AtomicBool>) -> Self {
        Backend {
            client,
            docs: Documents::default(),
            encoding: AtomicU8::new(16),
            shutdown,
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
        if let Some(s) = self.docs.parsed(uri) {
            return Ok(Some(s));
        }
        let Some(cell) = self.docs.state(uri) else {
            return Ok(None);
        };
        // Reparses of a document run one at a time, each from where the last left.
        let mut state = cell.lock().await;
        if let Some(s) = self.docs.parsed(uri) {
            return Ok(Some(s));
        }
        let Some(p) = self.docs.take_pending(uri) else {
            return Ok(None);
        };
        let old = state.take();
        let (new_state, snap) = self
            .compute(move || {
                let st = match (old, p.edit) {
                    (Some(mut st), Some(e)) => {
                        st.edit(&p.text, e);
                        st
                    }
                    (Some(st), None) => st,
                    (None, _) => ParseState::new(&p.text),
                };
                let doc = Document::from_state(p.text, &st);
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
        self.docs.store(uri, snap.clone());
        Ok(Some(snap))
    }

    /// Runs CPU work off the message loop; a panic becomes an internal error.
    pub async fn compute<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T> {
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
}

fn capabilities(enc: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match enc {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: None,
                ..Default::default()
            },
        )),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: convert::legend(),
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                ..Default::default()
            },
        )),
        ..Default::default()
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
        Ok(InitializeResult {
            capabilities: capabilities(enc),
            server_info: Some(ServerInfo {
                name: "cable-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        tracing::info!("initialized");
    }

    async fn shutdown(&self) -> Result<()> {
        self.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, p: DidOpenTextDocumentParams) {
        self.docs.open(
            p.text_document.uri,
            &p.text_document.text,
            p.text_document.version,
        );
    }

    async fn did_change(&self, p: DidChangeTextDocumentParams) {
        let uri = &p.text_document.uri;
        match self.docs.change(
            uri,
            p.text_document.version,
            &p.content_changes,
            self.encoding(),
        ) {
            Ok(()) => {}
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
    }

    async fn document_symbol(
        &self,
        p: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        handlers::symbols::document_symbol(self, p).await
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

    async fn syntax_tree(
        &self,
        p: handlers::debug::SyntaxTreeParams,
    ) -> Result<Option<handlers::debug::SyntaxTree>> {
        handlers::debug::syntax_tree(self, p).await
    }
}

/// Wraps the service: a panic in any handler becomes an internal-error response
/// (the server keeps serving), and `exit` is signalled at once (tower-lsp would
/// otherwise wait for the next message before it stops).
struct Guard<S> {
    inner: S,
    exited: Arc<tokio::sync::Notify>,
}

type GuardFuture = futures::future::BoxFuture<
    'static,
    std::result::Result<Option<tower_lsp::jsonrpc::Response>, tower_lsp::ExitedError>,
>;

impl<S> tower::Service<tower_lsp::jsonrpc::Request> for Guard<S>
where
    S: tower::Service<
        tower_lsp::jsonrpc::Request,
        Response = Option<tower_lsp::jsonrpc::Response>,
        Error = tower_lsp::ExitedError,
    >,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = GuardFuture;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::result::Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: tower_lsp::jsonrpc::Request) -> Self::Future {
        use futures::FutureExt;
        let exit = req.method() == "exit";
        let id = req.id().cloned();
        let method = req.method().to_string();
        let panicked = move |_| {
            tracing::error!("a handler panicked on {method}; answered with an internal error");
            Ok(id.clone().map(|id| {
                tower_lsp::jsonrpc::Response::from_error(
                    id,
                    Error {
                        code: tower_lsp::jsonrpc::ErrorCode::InternalError,
                        message: format!("cable-lsp failed on {method} (a panic, logged)").into(),
                        data: None,
                    },
                )
            }))
        };
        let fut =
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.inner.call(req))) {
                Ok(f) => std::panic::AssertUnwindSafe(f)
                    .catch_unwind()
                    .map(move |r| r.unwrap_or_else(panicked))
                    .boxed(),
                Err(p) => futures::future::ready(panicked(p)).boxed(),
            };
        if exit {
            self.exited.notify_one();
        }
        fut
    }
}

/// Serves LSP over stdin/stdout until `exit` or the end of input. Returns the
/// process exit code: 0 after `shutdown` then `exit`, 1 otherwise.
pub async fn run_stdio() -> i32 {
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let mut builder = LspService::build(move |client| Backend::new(client, flag.clone()))
        .custom_method("cable/syntaxTree", Backend::syntax_tree);
    if std::env::var_os("CABLE_LSP_TEST_HOOKS").is_some() {
        builder = builder.custom_method("cable/testPanic", Backend::test_panic);
    }
    let (service, socket) = builder.finish();
    let exited = Arc::new(tokio::sync::Notify::new());
    let service = Guard {
        inner: service,
        exited: exited.clone(),
    };
    tokio::select! {
        _ = Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).serve(service) => {}
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
