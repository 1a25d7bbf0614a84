//! The dashboard's static files (web/dist), embedded in the binary at build
//! time: `vigie serve` needs no node and no files beside it, and works offline.
//! web/dist is committed and rebuilt by `npm run build` in web/.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "../../web/dist"]
struct Dist;

/// Serves `/` as index.html and any other embedded file by path; everything
/// else is a 404. ETags come from the embedded content hash.
pub async fn serve_asset(uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    let Some(file) = Dist::get(path) else {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "not found",
        )
            .into_response();
    };
    let etag = format!("\"{}\"", hex(&file.metadata.sha256_hash()[..16]));
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    let mime = file.metadata.mimetype();
    // Text types say their charset: the dashboard is UTF-8 throughout.
    let mime =
        if mime.starts_with("text/") || mime.ends_with("javascript") || mime.ends_with("json") {
            format!("{mime}; charset=utf-8")
        } else {
            mime.to_string()
        };
    let mut res = Response::new(Body::from(file.data.into_owned()));
    if let Ok(v) = HeaderValue::from_str(&mime) {
        res.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&etag) {
        res.headers_mut().insert(header::ETAG, v);
    }
    // File names carry no hash: revalidate every time (cheap with the ETag).
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

/// Whether the embedded build has the dashboard's entry page.
pub fn has_dashboard() -> bool {
    Dist::get("index.html").is_some()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
