//! The service wrapper that keeps the server alive through a panicking handler.

use std::sync::Arc;
use tower_lsp::jsonrpc::Error;

/// Wraps the service: a panic in any handler becomes an internal-error response
/// (the server keeps serving), and `exit` is signalled at once (tower-lsp would
/// otherwise wait for the next message before it stops).
pub(super) struct Guard<S> {
    pub(super) inner: S,
    pub(super) exited: Arc<tokio::sync::Notify>,
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
