//! Events: list/filter, one event with everything behind it, corrections.

use crate::auth::Authorized;
use crate::dto::{
    CorrectionRequest, CorrectionView, EventDetailView, EventQuery, EventSummary, MergeStepView,
    Paged, SourceView,
};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extractors::{ApiJson, ApiQuery};
use crate::original::original_text;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
use std::collections::HashMap;
use vigie_store::{CorrectableField, MentionFilter, NewCorrection, Page, Store, StoreError};

/// List merged events matching the filters, one page at a time.
#[utoipa::path(get, path = "/api/events", tag = "events", params(EventQuery),
    responses((status = 200, body = Paged<EventSummary>), (status = 400, body = ErrorBody)))]
pub async fn list_events(
    State(st): State<AppState>,
    ApiQuery(q): ApiQuery<EventQuery>,
) -> ApiResult<Json<Paged<EventSummary>>> {
    let filter = q.filter()?;
    let sort = q.sort()?;
    let page = q.page();
    let p = st.blocking(move |s| s.events(&filter, sort, page)).await?;
    Ok(Json(Paged::map(p, EventSummary::from)))
}

/// One merged event: its sources with their own extraction, evidence and
/// text, the claims, every figure side by side, the merge history, the
/// corrections and the reports' background mentions.
#[utoipa::path(get, path = "/api/events/{id}", tag = "events",
    params(("id" = i64, Path, description = "Merged event id")),
    responses((status = 200, body = EventDetailView), (status = 404, body = ErrorBody)))]
pub async fn get_event(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<EventDetailView>> {
    let id = parse_id(&id)?;
    let view = st.blocking(move |s| event_view(s, id)).await?;
    view.map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no event {id}")))
}

pub fn parse_id(s: &str) -> ApiResult<i64> {
    s.trim()
        .parse::<i64>()
        .map_err(|_| ApiError::BadRequest(format!("{s:?} is not an id (a whole number)")))
}

/// Builds the detail view (one store transaction's worth of reads).
pub fn event_view(s: &dyn Store, id: i64) -> Result<Option<EventDetailView>, StoreError> {
    let Some(d) = s.event(id)? else {
        return Ok(None);
    };
    let docs: HashMap<i64, &vigie_store::DocumentSummary> =
        d.documents.iter().map(|doc| (doc.id, doc)).collect();
    let mut texts = HashMap::new();
    let mut mentions = Vec::new();
    for doc in &d.documents {
        if let Some(raw) = s.document_raw(doc.id)? {
            texts.insert(doc.id, original_text(&raw.to_core()));
        }
        let m = s.mentions(
            &MentionFilter {
                document_id: Some(doc.id),
                ..Default::default()
            },
            Page::new(Page::MAX_LIMIT, 0),
        )?;
        mentions.extend(m.items.into_iter().map(|r| r.mention));
    }
    let report_doc: HashMap<i64, i64> = d.reports.iter().map(|r| (r.id, r.document_id)).collect();
    let sources = d
        .reports
        .iter()
        .map(|r| {
            let doc = docs.get(&r.document_id);
            SourceView {
                report_event_id: r.id,
                document_id: r.document_id,
                doc_id: doc
                    .map(|x| x.external_id.clone())
                    .unwrap_or_else(|| r.event.doc_id.clone()),
                source: doc.and_then(|x| x.source.clone()),
                url: doc.and_then(|x| x.url.clone()),
                title: doc.and_then(|x| x.title.clone()),
                published_at: doc.and_then(|x| x.published_at),
                current: r.current,
                event: r.event.clone(),
                text: texts.get(&r.document_id).cloned().flatten(),
            }
        })
        .collect();
    Ok(Some(EventDetailView {
        summary: EventSummary::of_merged(&d.merged),
        event: d.merged.event.clone(),
        figures: d.merged.figures.clone(),
        conflicting_fatalities: d.merged.conflicting_fatalities,
        corrected_fields: d.merged.corrected_fields.clone(),
        sources,
        merge_history: d
            .history
            .iter()
            .map(|h| MergeStepView {
                report_event_id: h.report_event_id,
                document_id: report_doc.get(&h.report_event_id).copied(),
                action: h.action.clone(),
                score: h.score,
                reason: h.reason.clone(),
                at_ms: h.at_ms,
            })
            .collect(),
        corrections: d
            .corrections
            .into_iter()
            .map(CorrectionView::from)
            .collect(),
        mentions,
    }))
}

/// An analyst's correction of one field, stored as a new version with who
/// and when; the extracted value is kept. Needs an API token.
#[utoipa::path(post, path = "/api/events/{id}/corrections", tag = "events",
    params(("id" = i64, Path, description = "Merged event id")),
    request_body = CorrectionRequest,
    security(("api_token" = [])),
    responses((status = 200, body = EventDetailView, description = "The event with the correction applied"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn correct_event(
    State(st): State<AppState>,
    _auth: Authorized,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<CorrectionRequest>,
) -> ApiResult<Json<EventDetailView>> {
    let id = parse_id(&id)?;
    let field = CorrectableField::from_name(&req.field).ok_or_else(|| {
        let names: Vec<&str> = CorrectableField::ALL.iter().map(|f| f.as_str()).collect();
        ApiError::BadRequest(format!(
            "field {:?} cannot be corrected; one of: {}",
            req.field,
            names.join(", ")
        ))
    })?;
    let analyst = req.analyst.trim().to_string();
    if analyst.is_empty() || analyst.len() > 200 {
        return Err(ApiError::BadRequest(
            "analyst: say who makes the correction (1 to 200 characters)".into(),
        ));
    }
    let correction = NewCorrection {
        event_id: id,
        field,
        value: req.value,
        author: analyst,
        comment: req
            .reason
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty()),
    };
    let view = st
        .blocking(move |s| {
            if s.event(id)?.is_none() {
                return Ok(None);
            }
            s.correct(&correction)?;
            event_view(s, id)
        })
        .await?;
    view.map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("no event {id}")))
}

/// Every correction of an event, oldest first.
#[utoipa::path(get, path = "/api/events/{id}/corrections", tag = "events",
    params(("id" = i64, Path, description = "Merged event id")),
    responses((status = 200, body = Vec<CorrectionView>), (status = 404, body = ErrorBody)))]
pub async fn list_corrections(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<CorrectionView>>> {
    let id = parse_id(&id)?;
    let found = st
        .blocking(move |s| {
            if s.event(id)?.is_some() {
                s.corrections(id).map(Some)
            } else {
                Ok(None)
            }
        })
        .await?;
    let list = found.ok_or_else(|| ApiError::NotFound(format!("no event {id}")))?;
    Ok(Json(list.into_iter().map(CorrectionView::from).collect()))
}
