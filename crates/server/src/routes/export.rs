//! Exports in every format of `vigie export` (ACLED CSV, GeoJSON, Parquet,
//! JSON Lines), with the event filters, streamed: the store writes on the
//! blocking pool into a bounded channel that is the response body, so an
//! export of any size runs in flat memory.

use crate::dto::EventQuery;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use bytes::Bytes;
use serde::Deserialize;
use std::io::Write;
use tokio::sync::mpsc;
use utoipa::IntoParams;
use vigie_store::export::{export, ExportFormat};

/// The export format.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportFormatParam {
    /// `acled-csv` (ACLED's 31 columns in ACLED's order, then vigie's),
    /// `geojson`, `parquet` or `jsonl`.
    pub format: String,
}

/// Export the merged events matching the filters. `limit`/`offset` are
/// ignored: an export has every matching event.
#[utoipa::path(get, path = "/api/export", tag = "export", params(ExportFormatParam, EventQuery),
    responses(
        (status = 200, description = "The export file (Content-Disposition: attachment)", content(
            (String = "text/csv"), (Object = "application/geo+json"), (Vec<u8> = "application/vnd.apache.parquet"), (String = "application/x-ndjson"))),
        (status = 400, body = ErrorBody)))]
pub async fn export_events(
    State(st): State<AppState>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Response> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or_default())
            .map_err(|e| ApiError::BadRequest(format!("query string: {e}")))?;
    let (formats, rest): (Vec<_>, Vec<_>) = pairs.into_iter().partition(|(k, _)| k == "format");
    let format_name = match formats.as_slice() {
        [(_, f)] => f.clone(),
        [] => {
            return Err(ApiError::BadRequest(
                "format is required: acled-csv, geojson, parquet or jsonl".into(),
            ))
        }
        _ => return Err(ApiError::BadRequest("give format once".into())),
    };
    let format: ExportFormat = format_name.parse().map_err(ApiError::from)?;
    let rest = serde_urlencoded::to_string(&rest)
        .map_err(|e| ApiError::BadRequest(format!("query string: {e}")))?;
    let q: EventQuery = serde_urlencoded::from_str(&rest)
        .map_err(|e| ApiError::BadRequest(format!("query string: {e}")))?;
    let filter = q.filter()?;

    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let store = st.store.clone();
    tokio::task::spawn_blocking(move || {
        let mut w = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::with_capacity(CHUNK),
        };
        let result = export(store.as_ref(), &filter, format, &mut w)
            .and_then(|_| w.flush().map_err(Into::into));
        if let Err(e) = result {
            // Headers are gone: end the body with an error so the client sees a broken transfer.
            eprintln!("vigie serve: export {}: {e}", format.as_str());
            let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let mut res = Response::new(Body::from_stream(stream));
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"vigie-events.{}\"",
        format.extension()
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

const CHUNK: usize = 64 * 1024;

/// A `Write` that sends 64 KiB chunks to the response body; it blocks
/// (backpressure) when the client reads slower than the store writes.
struct ChannelWriter {
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            self.send()?;
        }
        Ok(())
    }
}

impl ChannelWriter {
    fn send(&mut self) -> std::io::Result<()> {
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx.blocking_send(Ok(chunk)).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away")
        })
    }
}
