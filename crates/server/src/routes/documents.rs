//! Documents: list, one document with its text and extractions, its raw
//! bytes, submission (extract + store + merge) and re-extraction.

use crate::auth::Authorized;
use crate::dto::{
    DocumentMetaQuery, DocumentQuery, DocumentSummary, DocumentView, EventSummary, Paged,
    SubmitResult,
};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extractors::{read_body, ApiQuery};
use crate::intake;
use crate::original::original_text;
use crate::routes::events::parse_id;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use vigie_store::{
    DocumentFilter, EventFilter, EventSort, NewRejection, Page, ProcessOutcome, Store, StoreError,
};

/// List stored documents.
#[utoipa::path(get, path = "/api/documents", tag = "documents", params(DocumentQuery),
    responses((status = 200, body = Paged<DocumentSummary>), (status = 400, body = ErrorBody)))]
pub async fn list_documents(
    State(st): State<AppState>,
    ApiQuery(q): ApiQuery<DocumentQuery>,
) -> ApiResult<Json<Paged<DocumentSummary>>> {
    let filter = DocumentFilter {
        source: q.source.filter(|s| !s.trim().is_empty()),
        text: q.q.filter(|s| !s.trim().is_empty()),
    };
    let page = crate::dto::page(q.limit, q.offset);
    let p = st.blocking(move |s| s.documents(&filter, page)).await?;
    Ok(Json(Paged::map(p, DocumentSummary::from)))
}

/// One document: metadata, the text vigie read (with the byte → UTF-16
/// anchors that place evidence spans on it), and its extractions.
#[utoipa::path(get, path = "/api/documents/{id}", tag = "documents",
    params(("id" = i64, Path, description = "Document id")),
    responses((status = 200, body = DocumentView), (status = 404, body = ErrorBody)))]
pub async fn get_document(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<DocumentView>> {
    let id = parse_id(&id)?;
    let found = st
        .blocking(move |s| {
            let Some(d) = s.document(id)? else {
                return Ok(None);
            };
            let text = s
                .document_raw(id)?
                .and_then(|raw| original_text(&raw.to_core()));
            Ok(Some(DocumentView {
                summary: d.summary.into(),
                text,
                extractions: d.extractions,
                current: d.current,
            }))
        })
        .await?;
    found
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no document {id}")))
}

/// The document's bytes exactly as received (always as a download: never
/// rendered by the browser).
#[utoipa::path(get, path = "/api/documents/{id}/raw", tag = "documents",
    params(("id" = i64, Path, description = "Document id")),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 404, body = ErrorBody)))]
pub async fn get_document_raw(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = parse_id(&id)?;
    let raw = st.blocking(move |s| s.document_raw(id)).await?;
    let raw = raw.ok_or_else(|| ApiError::NotFound(format!("no document {id}")))?;
    let mut res = Response::new(Body::from(raw.raw));
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"document-{id}.bin\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// Submit a report (plain text in any encoding, HTML, or a JSON record
/// `{id, url, source, published_at, language, title, text|html}`): it is
/// stored (the same bytes twice are one document), extracted, merged with
/// other reports of the same events, and its events are returned. Needs an
/// API token.
#[utoipa::path(post, path = "/api/documents", tag = "documents", params(DocumentMetaQuery),
    request_body(content(
        (String = "text/plain"),
        (String = "text/html"),
        (crate::dto::DocumentRecord = "application/json"))),
    security(("api_token" = [])),
    responses((status = 201, body = SubmitResult, description = "Stored (new document)"),
        (status = 200, body = SubmitResult, description = "The same bytes were stored already"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn submit_document(
    State(st): State<AppState>,
    _auth: Authorized,
    ApiQuery(meta): ApiQuery<DocumentMetaQuery>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let bytes = read_body(body, st.config.max_body_bytes).await?;
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let submitted = match intake::parse(ctype.as_deref(), &bytes, meta) {
        Ok(s) => s,
        Err(e) => {
            // Refused before storing: recorded with its reason, nothing lost silently.
            let rejection = NewRejection {
                external_id: "api submission".into(),
                reason: e.to_string(),
                stage: "read".into(),
                sha256: None,
                size_bytes: i64::try_from(bytes.len()).ok(),
            };
            st.blocking(move |s| s.record_rejection(&rejection)).await?;
            return Err(e);
        }
    };
    let ext = st.extractor.clone();
    let run = st.run;
    let (created, result) = st
        .blocking(move |s| {
            let put = s.put_document(&submitted.record, Some(run))?;
            let result = process(s, &ext, put.id, run, !put.created)?;
            Ok((put.created, result))
        })
        .await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(result)).into_response())
}

/// Re-runs extraction of a stored document with this server's extractor
/// (after a lexicon or gazetteer change); earlier runs are kept. Needs an
/// API token.
#[utoipa::path(post, path = "/api/documents/{id}/extract", tag = "documents",
    params(("id" = i64, Path, description = "Document id")),
    security(("api_token" = [])),
    responses((status = 200, body = SubmitResult), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn reextract_document(
    State(st): State<AppState>,
    _auth: Authorized,
    Path(id): Path<String>,
) -> ApiResult<Json<SubmitResult>> {
    let id = parse_id(&id)?;
    let ext = st.extractor.clone();
    let run = st.run;
    let result = st
        .blocking(move |s| {
            if s.document(id)?.is_none() {
                return Ok(None);
            }
            process(s, &ext, id, run, true).map(Some)
        })
        .await?;
    result
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no document {id}")))
}

/// Extracts (through the store's job queue, so it is stored atomically) and
/// lists the merged events the document now feeds.
fn process(
    s: &dyn Store,
    ext: &vigie_extract::Extractor,
    id: i64,
    run: i64,
    duplicate: bool,
) -> Result<SubmitResult, StoreError> {
    let processed = s.process_document(id, run, "vigie-serve", &mut |d| {
        intake::extract(ext, &d.to_core())
    })?;
    let (status, reason) = match processed.outcome {
        ProcessOutcome::Extracted { .. } => ("extracted".to_string(), None),
        ProcessOutcome::Failed { reason } => ("failed".to_string(), Some(reason)),
    };
    let events = s.events(
        &EventFilter {
            document_id: Some(id),
            ..Default::default()
        },
        EventSort::DateDesc,
        Page::new(Page::MAX_LIMIT, 0),
    )?;
    Ok(SubmitResult {
        document_id: id,
        duplicate,
        status,
        reason,
        events: events.items.into_iter().map(EventSummary::from).collect(),
    })
}
