//! # vigie-server
//!
//! `vigie serve`: the JSON API under `/api/`, its OpenAPI document at
//! `/openapi.json`, and the web dashboard at `/` — one binary, offline.
//!
//! * [`router`] builds the whole app on an [`AppState`] (store, extractor,
//!   run, limits); tests drive it with `tower::ServiceExt::oneshot`.
//! * Routes are registered through `utoipa_axum`, so every route is in the
//!   OpenAPI document by construction (and a test checks it).
//! * Write routes take the [`auth::Authorized`] extractor: no token, no write.
//! * [`security`] sets the CSP and friends, caps bodies, keeps CORS off.
//! * The store is synchronous; handlers call it on the blocking pool.

pub mod assets;
pub mod auth;
pub mod dto;
pub mod error;
pub mod extractors;
pub mod intake;
pub mod openapi;
pub mod original;
pub mod routes;
pub mod security;
pub mod state;

pub use state::{AppState, ServerConfig};

use axum::routing::get;
use axum::{Json, Router};
use std::net::SocketAddr;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API routes with their OpenAPI document.
pub fn api_router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    use routes::{documents, events, export, extract, meta};
    OpenApiRouter::with_openapi(openapi::base())
        .routes(routes!(events::list_events))
        .routes(routes!(events::get_event))
        .routes(routes!(events::correct_event, events::list_corrections))
        .routes(routes!(meta::stats))
        .routes(routes!(export::export_events))
        .routes(routes!(meta::health))
        .routes(routes!(meta::mentions))
        .routes(routes!(meta::runs))
        .routes(routes!(meta::rejections))
        .routes(routes!(
            documents::list_documents,
            documents::submit_document
        ))
        .routes(routes!(documents::get_document))
        .routes(routes!(documents::get_document_raw))
        .routes(routes!(documents::reextract_document))
        .routes(routes!(extract::extract_preview))
        .split_for_parts()
}

/// The whole application: API, `/openapi.json`, dashboard, security layers.
pub fn router(state: AppState) -> Router {
    let (api, doc) = api_router();
    let doc = std::sync::Arc::new(doc);
    let config = state.config.clone();
    let app = api
        .route(
            "/openapi.json",
            get(move || std::future::ready(Json(doc.as_ref().clone()))),
        )
        .route("/api", get(api_not_found))
        .route("/api/{*rest}", axum::routing::any(api_not_found))
        .fallback(assets::serve_asset)
        .with_state(state);
    security::apply(app, &config)
}

/// Unknown API paths answer in JSON, not with the dashboard.
async fn api_not_found(uri: axum::http::Uri) -> error::ApiError {
    error::ApiError::NotFound(format!("no API route {}", uri.path()))
}

/// Serves until Ctrl-C (or SIGTERM), finishing requests in flight.
///
/// The caller keeps a reference to the store and drops it outside the async
/// runtime: the synchronous PostgreSQL client closes its connections with a
/// runtime of its own ([`serve_blocking`] does this).
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Binds `addr` and serves until Ctrl-C/SIGTERM, on a runtime of its own:
/// the CLI stays synchronous. Prints where it listens.
pub fn serve_blocking(addr: &str, state: AppState) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    // The last reference to the store is dropped here, after the runtime.
    let keep = state.store.clone();
    let result = rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}"))
        })?;
        let local = listener.local_addr()?;
        eprintln!("vigie: dashboard and API on http://{local}/ (OpenAPI: http://{local}/openapi.json); Ctrl-C to stop");
        serve(listener, state).await
    });
    drop(rt);
    drop(keep);
    result
}
