//! What every handler shares: the store, the extractor, the current run and
//! the limits.

use crate::error::{ApiError, ApiResult};
use std::sync::Arc;
use vigie_extract::Extractor;
use vigie_store::{RunId, Store, StoreError};

/// Limits and switches of a running server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Largest request body accepted, in bytes (documents included).
    pub max_body_bytes: usize,
    /// Origins allowed to read the API from another site. Empty (the
    /// default): no CORS headers at all, so browsers keep other sites out.
    pub cors_origins: Vec<String>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            max_body_bytes: 8 * 1024 * 1024,
            cors_origins: Vec::new(),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub extractor: Arc<Extractor>,
    /// The extraction run of this server's extractor (engine, lexicons and
    /// gazetteer versions); new documents are extracted under it.
    pub run: RunId,
    pub config: Arc<ServerConfig>,
}

impl AppState {
    /// Builds the state, registering the extractor's run in the store.
    pub fn new(
        store: Arc<dyn Store>,
        extractor: Arc<Extractor>,
        config: ServerConfig,
    ) -> Result<Self, StoreError> {
        let v = extractor.versions();
        let run = store.ensure_run(&vigie_store::RunVersions {
            engine: v.engine,
            lexicons: v.lexicons,
            gazetteer: v.gazetteer,
        })?;
        Ok(AppState {
            store,
            extractor,
            run: run.id,
            config: Arc::new(config),
        })
    }

    /// Runs a store call on the blocking pool: the store is synchronous
    /// (rusqlite, postgres) and must not stall the async workers.
    pub async fn blocking<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T, StoreError> + Send + 'static,
    {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || f(store.as_ref()))
            .await
            .map_err(|e| ApiError::Internal(format!("store task failed: {e}")))?
            .map_err(ApiError::from)
    }
}
