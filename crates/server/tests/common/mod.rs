//! Test harness: the real router on a real database (SQLite in a temp dir;
//! PostgreSQL too when VIGIE_TEST_PG_URL is set), with the real extractor.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;
use vigie_server::{AppState, ServerConfig};
use vigie_store::Store;

pub struct TestApp {
    /// The router and the store, dropped off the async runtime (see Drop).
    parts: Option<(Router, Arc<dyn Store>)>,
    pub backend: &'static str,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for TestApp {
    /// The synchronous PostgreSQL client closes its connections with a
    /// runtime of its own, which cannot run on an async worker: the last
    /// references go away on a plain thread.
    fn drop(&mut self) {
        if let Some(parts) = self.parts.take() {
            let _ = std::thread::spawn(move || drop(parts)).join();
        }
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
}

fn extractor() -> Arc<vigie_extract::Extractor> {
    static EXT: OnceLock<Arc<vigie_extract::Extractor>> = OnceLock::new();
    EXT.get_or_init(|| {
        let geocoder = vigie_geo::try_shared().expect("the embedded gazetteer loads");
        Arc::new(vigie_extract::Extractor::new(geocoder).expect("the extractor builds"))
    })
    .clone()
}

/// Every backend to run a test on: SQLite always, PostgreSQL when
/// VIGIE_TEST_PG_URL is set (each test in a schema of its own). Opened on the
/// blocking pool, as the server calls the store: the synchronous PostgreSQL
/// client runs a runtime of its own and must not start inside an async task.
pub async fn backends(test: &str, config: ServerConfig) -> Vec<TestApp> {
    let test = test.to_string();
    tokio::task::spawn_blocking(move || open_backends(&test, config))
        .await
        .expect("open backends")
}

fn open_backends(test: &str, config: ServerConfig) -> Vec<TestApp> {
    let mut out = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigie.db");
    let store = vigie_store::open(path.to_str().expect("utf-8 temp path")).expect("open sqlite");
    out.push(build(store, "sqlite", Some(dir), config.clone()));
    if let Ok(url) = std::env::var("VIGIE_TEST_PG_URL") {
        if !url.trim().is_empty() {
            let schema = format!("srv_{}_{}", test, std::process::id());
            let store: Arc<dyn Store> = Arc::new(
                vigie_store::SqlStore::open_postgres(&url, Some(&schema)).expect("open postgres"),
            );
            out.push(build(store, "postgres", None, config));
        }
    }
    out
}

fn build(
    store: Arc<dyn Store>,
    backend: &'static str,
    dir: Option<tempfile::TempDir>,
    config: ServerConfig,
) -> TestApp {
    let state = AppState::new(store.clone(), extractor(), config).expect("state");
    TestApp {
        parts: Some((vigie_server::router(state), store)),
        backend,
        _dir: dir,
    }
}

impl TestApp {
    fn app(&self) -> &Router {
        &self.parts.as_ref().expect("live test app").0
    }

    fn store(&self) -> Arc<dyn Store> {
        self.parts.as_ref().expect("live test app").1.clone()
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self
            .app()
            .clone()
            .oneshot(req)
            .await
            .expect("router never fails");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.send(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    pub async fn post(
        &self,
        uri: &str,
        content_type: &str,
        body: impl Into<Body>,
        token: Option<&str>,
    ) -> Reply {
        let mut b = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header(header::CONTENT_TYPE, content_type);
        if let Some(t) = token {
            b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.send(b.body(body.into()).expect("request")).await
    }

    pub async fn token(&self) -> String {
        self.store_call(|s| s.create_token("tests").expect("create token").secret)
            .await
    }

    /// A direct store call from a test, on the blocking pool.
    pub async fn store_call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn Store) -> T + Send + 'static,
    ) -> T {
        let store = self.store();
        tokio::task::spawn_blocking(move || f(store.as_ref()))
            .await
            .expect("store call")
    }
}

/// Where the repository's shared data lives (../shared beside the clone).
pub fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// The reference report, when ../shared is present.
pub fn kidal_report() -> Option<Vec<u8>> {
    let p = shared_dir().join("examples/kidal-drone-strike.fr.txt");
    match std::fs::read(&p) {
        Ok(b) => Some(b),
        Err(_) => {
            eprintln!("note: {} is absent; skipping what needs it", p.display());
            None
        }
    }
}

pub fn fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("fixture {}: {e}", p.display()))
}

/// The UTF-16 slice of an OriginalText JSON between two original bytes,
/// computed exactly as the dashboard does.
pub fn shown(text: &serde_json::Value, start: usize, end: usize) -> String {
    let s = text["text"].as_str().expect("text");
    let anchors: Vec<(usize, usize)> = text["anchors"]
        .as_array()
        .expect("anchors")
        .iter()
        .map(|a| {
            (
                a[0].as_u64().expect("byte") as usize,
                a[1].as_u64().expect("utf16") as usize,
            )
        })
        .collect();
    let units: Vec<u16> = s.encode_utf16().collect();
    let map = |b: usize| {
        let idx = anchors.partition_point(|a| a.0 <= b);
        let (b0, u0) = if idx == 0 { (0, 0) } else { anchors[idx - 1] };
        let mut u = u0 + b.saturating_sub(b0);
        if let Some(n) = anchors.get(idx) {
            u = u.min(n.1);
        }
        u.min(units.len())
    };
    String::from_utf16_lossy(&units[map(start)..map(end)])
}
