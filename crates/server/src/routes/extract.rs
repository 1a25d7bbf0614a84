//! Try the extractor on a report without storing anything: the dashboard's
//! "paste a report" page.

use crate::dto::{DocumentMetaQuery, ExtractPreview};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extractors::{read_body, ApiQuery};
use crate::intake;
use crate::original::original_text;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::Json;

/// Extract the events of a report and return them with the text to show the
/// evidence on. Stores nothing (and so needs no token).
#[utoipa::path(post, path = "/api/extract", tag = "extract", params(DocumentMetaQuery),
    request_body(content(
        (String = "text/plain"),
        (String = "text/html"),
        (crate::dto::DocumentRecord = "application/json"))),
    responses((status = 200, body = ExtractPreview), (status = 400, body = ErrorBody), (status = 413, body = ErrorBody),
        (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn extract_preview(
    State(st): State<AppState>,
    ApiQuery(meta): ApiQuery<DocumentMetaQuery>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Json<ExtractPreview>> {
    let bytes = read_body(body, st.config.max_body_bytes).await?;
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let submitted = intake::parse(ctype.as_deref(), &bytes, meta)?;
    let ext = st.extractor.clone();
    let preview = tokio::task::spawn_blocking(move || {
        let extraction = intake::extract(&ext, &submitted.doc)?;
        Ok::<_, String>(ExtractPreview {
            extraction,
            text: original_text(&submitted.doc),
        })
    })
    .await
    .map_err(|e| ApiError::Internal(format!("extraction task failed: {e}")))?
    .map_err(ApiError::Unprocessable)?;
    Ok(Json(preview))
}
