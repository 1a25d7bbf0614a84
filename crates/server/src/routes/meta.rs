//! Health, statistics, mentions, runs and rejections.

use crate::dto::{
    EventQuery, Health, MentionQuery, MentionView, PageQuery, Paged, RejectionView, RunView,
    StatsView,
};
use crate::error::{ApiResult, ErrorBody};
use crate::extractors::ApiQuery;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use vigie_store::{BackendKind, MentionFilter};

/// Is the server up, and on what.
#[utoipa::path(get, path = "/api/health", tag = "meta", responses((status = 200, body = Health)))]
pub async fn health(State(st): State<AppState>) -> ApiResult<Json<Health>> {
    let info = st.blocking(|s| Ok(s.info())).await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: vigie_core::VIGIE_VERSION.into(),
        backend: match info.backend {
            BackendKind::Sqlite => "sqlite".into(),
            BackendKind::Postgres => "postgres".into(),
        },
        schema_version: info.schema_version,
        postgis: info.postgis,
        run_id: st.run,
        extractor: st.extractor.versions(),
    }))
}

/// Counts of merged events matching the filters: by week, by event type, by
/// region. (`limit`, `offset` and `sort` are ignored here.)
#[utoipa::path(get, path = "/api/stats", tag = "events", params(EventQuery),
    responses((status = 200, body = StatsView), (status = 400, body = ErrorBody)))]
pub async fn stats(
    State(st): State<AppState>,
    ApiQuery(q): ApiQuery<EventQuery>,
) -> ApiResult<Json<StatsView>> {
    let filter = q.filter()?;
    let s = st.blocking(move |s| s.stats(&filter)).await?;
    Ok(Json(s.into()))
}

/// Background passages (sieges, earlier clashes, lists of places, cumulative
/// tolls) that the extractor kept as mentions, not events.
#[utoipa::path(get, path = "/api/mentions", tag = "documents", params(MentionQuery),
    responses((status = 200, body = Paged<MentionView>), (status = 400, body = ErrorBody)))]
pub async fn mentions(
    State(st): State<AppState>,
    ApiQuery(q): ApiQuery<MentionQuery>,
) -> ApiResult<Json<Paged<MentionView>>> {
    let filter = MentionFilter {
        document_id: q.document_id,
        kind: q.kind.filter(|s| !s.trim().is_empty()),
        text: q.q.filter(|s| !s.trim().is_empty()),
    };
    let page = crate::dto::page(q.limit, q.offset);
    let p = st.blocking(move |s| s.mentions(&filter, page)).await?;
    Ok(Json(Paged::map(p, |m| MentionView {
        id: m.id,
        document_id: m.document_id,
        run_id: m.run_id,
        mention: m.mention,
    })))
}

/// Extraction runs (engine, lexicon and gazetteer versions), newest first.
#[utoipa::path(get, path = "/api/runs", tag = "meta", responses((status = 200, body = Vec<RunView>)))]
pub async fn runs(State(st): State<AppState>) -> ApiResult<Json<Vec<RunView>>> {
    let runs = st.blocking(|s| s.runs()).await?;
    Ok(Json(
        runs.into_iter()
            .map(|r| RunView {
                id: r.id,
                engine: r.versions.engine,
                lexicons: r.versions.lexicons,
                gazetteer: r.versions.gazetteer,
                created_at_ms: r.created_at_ms,
            })
            .collect(),
    ))
}

/// Documents refused (or whose extraction failed), with the reason.
#[utoipa::path(get, path = "/api/rejections", tag = "documents", params(PageQuery),
    responses((status = 200, body = Paged<RejectionView>)))]
pub async fn rejections(
    State(st): State<AppState>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> ApiResult<Json<Paged<RejectionView>>> {
    let page = crate::dto::page(q.limit, q.offset);
    let p = st.blocking(move |s| s.rejections(page)).await?;
    Ok(Json(Paged::map(p, |r| RejectionView {
        id: r.id,
        external_id: r.external_id,
        reason: r.reason,
        stage: r.stage,
        sha256: r.sha256,
        size_bytes: r.size_bytes,
        created_at_ms: r.created_at_ms,
    })))
}
