//! A submitted document: body + content type + metadata → the document the
//! extractor reads and the record the store keeps. And running the extractor
//! so that one bad document can never take the server down.

use crate::dto::{DocumentMetaQuery, DocumentRecord};
use crate::error::ApiError;
use std::panic::{catch_unwind, AssertUnwindSafe};
use vigie_core::{ContentKind, DocMeta, Document, DocumentExtraction};
use vigie_extract::Extractor;
use vigie_store::NewDocument;

/// A document ready for extraction and storage.
#[derive(Debug, Clone)]
pub struct Submitted {
    pub doc: Document,
    pub record: NewDocument,
}

fn date(v: Option<&str>) -> Result<Option<jiff::civil::Date>, ApiError> {
    let Some(s) = v.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    // A timestamp ("2025-10-25T08:00:00Z") counts by its date.
    let day = s.get(..10).unwrap_or(s);
    day.parse::<jiff::civil::Date>().map(Some).map_err(|e| {
        ApiError::BadRequest(format!(
            "published_at: {s:?} is not a date YYYY-MM-DD ({e})"
        ))
    })
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Reads a request body as a document according to its content type:
/// `text/plain` (any encoding: vigie detects it), `text/html`, or
/// `application/json` (one JSON Lines record: `{id, url, source,
/// published_at, language, title, text|html}`).
pub fn parse(
    content_type: Option<&str>,
    body: &[u8],
    meta: DocumentMetaQuery,
) -> Result<Submitted, ApiError> {
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_else(|| "text/plain".into());
    let (kind, raw, meta) = match mime.as_str() {
        "text/plain" | "application/octet-stream" | "text/markdown" => {
            (ContentKind::Text, body.to_vec(), meta)
        }
        "text/html" | "application/xhtml+xml" => (ContentKind::Html, body.to_vec(), meta),
        "application/json" | "application/x-ndjson" | "application/jsonl" => {
            let rec: DocumentRecord = serde_json::from_slice(body)
                .map_err(|e| ApiError::BadRequest(format!("JSON document: {e}")))?;
            let (kind, raw) = match (rec.text, rec.html) {
                (Some(t), None) => (ContentKind::Text, t.into_bytes()),
                (None, Some(h)) => (ContentKind::Html, h.into_bytes()),
                (Some(_), Some(_)) => {
                    return Err(ApiError::BadRequest(
                        "JSON document: give `text` or `html`, not both".into(),
                    ))
                }
                (None, None) => {
                    return Err(ApiError::BadRequest(
                        "JSON document: `text` or `html` is required".into(),
                    ))
                }
            };
            // Query-string metadata fills what the record leaves out.
            let merged = DocumentMetaQuery {
                id: rec.id.or(meta.id),
                url: rec.url.or(meta.url),
                source: rec.source.or(meta.source),
                published_at: rec.published_at.or(meta.published_at),
                language: rec.language.or(meta.language),
                title: rec.title.or(meta.title),
            };
            (kind, raw, merged)
        }
        other => {
            return Err(ApiError::UnsupportedMediaType(format!(
                "content type {other:?}: send text/plain, text/html or application/json"
            )))
        }
    };
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ApiError::Unprocessable("the document is empty".into()));
    }
    let published_at = date(meta.published_at.as_deref())?;
    let id = non_empty(meta.id).unwrap_or_else(|| format!("api-{}", short_hash(&raw)));
    let doc_meta = DocMeta {
        id: id.clone(),
        url: non_empty(meta.url),
        source: non_empty(meta.source),
        published_at,
        language: non_empty(meta.language),
        title: non_empty(meta.title),
    };
    let record = NewDocument {
        external_id: id,
        source: doc_meta.source.clone(),
        url: doc_meta.url.clone(),
        title: doc_meta.title.clone(),
        language: doc_meta.language.clone(),
        kind: match kind {
            ContentKind::Text => "text".into(),
            ContentKind::Html => "html".into(),
        },
        published_at,
        fetched_at_ms: None,
        raw: raw.clone(),
    };
    let doc = Document {
        meta: doc_meta,
        raw,
        kind,
    };
    Ok(Submitted { doc, record })
}

/// A stable short name for an anonymous document (first 12 hex digits of
/// its SHA-256), so resubmitting the same text gives the same id.
fn short_hash(raw: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(raw);
    d.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// Runs the extractor on one document. A panic (a bug) becomes an error for
/// this document only, recorded with its reason; the server goes on.
pub fn extract(extractor: &Extractor, doc: &Document) -> Result<DocumentExtraction, String> {
    catch_unwind(AssertUnwindSafe(|| extractor.extract(doc))).map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("the extractor failed on this document: {msg}")
    })
}
