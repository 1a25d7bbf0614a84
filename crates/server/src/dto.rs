//! The API's request and response shapes, with their OpenAPI schemas.
//!
//! Lists and summaries mirror the store's types field for field (so the
//! schema documents them exactly); the extractor's rich records (events with
//! evidence, mentions) are passed through as vigie-core serialises them and
//! documented as objects whose layout is vigie-core's.

use crate::error::ApiError;
use crate::original::OriginalText;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vigie_store as store;

// ---------------------------------------------------------------- queries

/// Filters for events (list, stats and exports share them).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct EventQuery {
    /// First event date, inclusive (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// Last event date, inclusive (`YYYY-MM-DD`).
    pub to: Option<String>,
    /// Country name (`Mali`) or ISO alpha-2 code (`ML`).
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    /// ACLED event type (`Battles`).
    pub event_type: Option<String>,
    /// ACLED sub-event type (`Air/drone strike`).
    pub sub_event_type: Option<String>,
    /// Part of an actor's canonical name (actor 1, actor 2 or associates).
    pub actor: Option<String>,
    /// Bounding box `min_lon,min_lat,max_lon,max_lat` (WGS84 degrees).
    pub bbox: Option<String>,
    /// At least this many distinct reports.
    pub min_corroboration: Option<u32>,
    /// Text searched in the notes and location names.
    pub q: Option<String>,
    /// `date_desc` (default), `date_asc`, `fatalities_desc`, `corroboration_desc`.
    pub sort: Option<String>,
    /// Page size, 1 to 1000 (default 100); larger values are capped at 1000.
    pub limit: Option<u32>,
    /// Items to skip.
    pub offset: Option<u64>,
    /// Only events read from this document.
    pub document_id: Option<i64>,
}

fn date(field: &str, v: &Option<String>) -> Result<Option<jiff::civil::Date>, ApiError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse::<jiff::civil::Date>().map(Some).map_err(|e| {
            ApiError::BadRequest(format!("{field}: {s:?} is not a date YYYY-MM-DD ({e})"))
        }),
    }
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Parses `min_lon,min_lat,max_lon,max_lat`.
pub fn parse_bbox(s: &str) -> Result<store::BBox, ApiError> {
    let parts: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| {
            ApiError::BadRequest(format!(
                "bbox: {s:?} must be four numbers min_lon,min_lat,max_lon,max_lat"
            ))
        })?;
    let [min_lon, min_lat, max_lon, max_lat] = parts[..] else {
        return Err(ApiError::BadRequest(format!(
            "bbox: {s:?} must be four numbers min_lon,min_lat,max_lon,max_lat"
        )));
    };
    let ok = (-180.0..=180.0).contains(&min_lon)
        && (-180.0..=180.0).contains(&max_lon)
        && (-90.0..=90.0).contains(&min_lat)
        && (-90.0..=90.0).contains(&max_lat)
        && min_lon <= max_lon
        && min_lat <= max_lat;
    if !ok {
        return Err(ApiError::BadRequest(format!(
            "bbox: {s:?} is not a box (longitudes -180..180, latitudes -90..90, min ≤ max)"
        )));
    }
    Ok(store::BBox {
        min_lon,
        min_lat,
        max_lon,
        max_lat,
    })
}

impl EventQuery {
    pub fn filter(&self) -> Result<store::EventFilter, ApiError> {
        let date_from = date("from", &self.from)?;
        let date_to = date("to", &self.to)?;
        if let (Some(a), Some(b)) = (date_from, date_to) {
            if a > b {
                return Err(ApiError::BadRequest(format!(
                    "from ({a}) is after to ({b})"
                )));
            }
        }
        Ok(store::EventFilter {
            date_from,
            date_to,
            country: text(&self.country),
            admin1: text(&self.admin1),
            admin2: text(&self.admin2),
            event_type: text(&self.event_type),
            sub_event_type: text(&self.sub_event_type),
            actor: text(&self.actor),
            bbox: self
                .bbox
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(parse_bbox)
                .transpose()?,
            min_corroboration: self.min_corroboration,
            text: text(&self.q),
            document_id: self.document_id,
        })
    }

    pub fn sort(&self) -> Result<store::EventSort, ApiError> {
        Ok(match self.sort.as_deref().map(str::trim).unwrap_or("") {
            "" | "date_desc" => store::EventSort::DateDesc,
            "date_asc" => store::EventSort::DateAsc,
            "fatalities_desc" => store::EventSort::FatalitiesDesc,
            "corroboration_desc" => store::EventSort::CorroborationDesc,
            other => {
                return Err(ApiError::BadRequest(format!(
                    "sort: {other:?} is not one of date_desc, date_asc, fatalities_desc, corroboration_desc"
                )))
            }
        })
    }

    pub fn page(&self) -> store::Page {
        page(self.limit, self.offset)
    }
}

pub fn page(limit: Option<u32>, offset: Option<u64>) -> store::Page {
    store::Page::new(limit.unwrap_or(100), offset.unwrap_or(0))
}

/// Page parameters for the other lists.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DocumentQuery {
    /// Outlet name, exact.
    pub source: Option<String>,
    /// Part of the id, title or URL.
    pub q: Option<String>,
    /// Page size, 1 to 1000 (default 100).
    pub limit: Option<u32>,
    pub offset: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MentionQuery {
    pub document_id: Option<i64>,
    /// `ongoing_situation`, `past_event`, `place_list`, `cumulative_losses`, `undated`.
    pub kind: Option<String>,
    /// Text searched in the mention.
    pub q: Option<String>,
    /// Page size, 1 to 1000 (default 100).
    pub limit: Option<u32>,
    pub offset: Option<u64>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    /// Page size, 1 to 1000 (default 100).
    pub limit: Option<u32>,
    pub offset: Option<u64>,
}

/// Metadata of a submitted document, in the query string (the body is the
/// document itself). A JSON body may carry the same keys.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct DocumentMetaQuery {
    /// Your id for the document (file name, feed item id).
    pub id: Option<String>,
    pub url: Option<String>,
    /// Outlet ("AFP", "Studio Tamani").
    pub source: Option<String>,
    /// Publication date `YYYY-MM-DD`: the anchor of relative dates.
    pub published_at: Option<String>,
    /// `fr` or `en` when you know it (detection still runs).
    pub language: Option<String>,
    pub title: Option<String>,
}

// ---------------------------------------------------------------- bodies

/// A document as JSON: one record of vigie's JSON Lines input.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentRecord {
    pub id: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// `YYYY-MM-DD` (a longer timestamp is cut to its date).
    pub published_at: Option<String>,
    pub language: Option<String>,
    pub title: Option<String>,
    /// Plain text of the report (this or `html`).
    pub text: Option<String>,
    /// HTML page of the report (this or `text`).
    pub html: Option<String>,
}

/// An analyst's correction of one field of an event.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequest {
    /// One of: event_date, time_precision, event_type, sub_event_type, actor1,
    /// actor2, location, admin1, admin2, latitude, longitude, geo_precision,
    /// fatalities, civilian_targeting, notes.
    pub field: String,
    /// The new value (string, number, boolean, or null to clear).
    #[schema(value_type = Object)]
    pub value: serde_json::Value,
    /// Who corrects (a name the team recognises).
    pub analyst: String,
    /// Why.
    pub reason: Option<String>,
}

// ---------------------------------------------------------------- responses

/// A merged event as lists show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventSummary {
    pub id: i64,
    #[schema(value_type = Option<String>, format = Date)]
    pub event_date: Option<jiff::civil::Date>,
    /// 1 day, 2 week, 3 month.
    pub time_precision: u8,
    pub disorder_type: String,
    pub event_type: String,
    pub sub_event_type: String,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub country: Option<String>,
    pub country_code: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub location: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// 1 town, 2 near/part of region, 3 region.
    pub geo_precision: Option<u8>,
    /// ACLED's conservative figure: the lowest any source reported.
    pub fatalities: u32,
    /// The highest figure any source reported.
    pub fatalities_max: u32,
    /// Distinct reports of the event.
    pub corroboration: u32,
    /// Source names, `; `-separated.
    pub sources: String,
    pub notes: String,
    pub civilian_targeting: bool,
    pub updated_at_ms: i64,
}

impl From<store::EventSummary> for EventSummary {
    fn from(s: store::EventSummary) -> Self {
        EventSummary {
            id: s.id,
            event_date: s.event_date,
            time_precision: s.time_precision,
            disorder_type: s.disorder_type,
            event_type: s.event_type,
            sub_event_type: s.sub_event_type,
            actor1: s.actor1,
            actor2: s.actor2,
            country: s.country,
            country_code: s.country_code,
            admin1: s.admin1,
            admin2: s.admin2,
            location: s.location,
            latitude: s.latitude,
            longitude: s.longitude,
            geo_precision: s.geo_precision,
            fatalities: s.fatalities,
            fatalities_max: s.fatalities_max,
            corroboration: s.corroboration,
            sources: s.sources,
            notes: s.notes,
            civilian_targeting: s.civilian_targeting,
            updated_at_ms: s.updated_at_ms,
        }
    }
}

impl EventSummary {
    /// The summary of a merged event (the detail view's header).
    pub fn of_merged(m: &store::MergedEvent) -> Self {
        let e = &m.event;
        let place = e.place_best();
        EventSummary {
            id: m.id,
            event_date: e.event_date.value,
            time_precision: e.time_precision.code(),
            disorder_type: e.disorder_type.to_string(),
            event_type: e.event_type.to_string(),
            sub_event_type: e.sub_event_type.value.to_string(),
            actor1: e.actor1.value.as_ref().map(|a| a.canonical.clone()),
            actor2: e.actor2.value.as_ref().map(|a| a.canonical.clone()),
            country: place.map(|p| p.country.clone()),
            country_code: place.map(|p| p.country_code.clone()),
            admin1: place.and_then(|p| p.admin1.clone()),
            admin2: place.and_then(|p| p.admin2.clone()),
            location: place
                .map(|p| p.name.clone())
                .or_else(|| e.place.value.as_ref().map(|p| p.written.clone())),
            latitude: place.map(|p| p.latitude),
            longitude: place.map(|p| p.longitude),
            geo_precision: e.geo_precision.map(|g| g.code()),
            fatalities: m.fatalities_conservative,
            fatalities_max: m.fatalities_max,
            corroboration: m.corroboration,
            sources: m
                .sources
                .iter()
                .filter_map(|s| s.source.clone())
                .collect::<Vec<_>>()
                .join("; "),
            notes: e.notes.clone(),
            civilian_targeting: e.civilian_targeting.value,
            updated_at_ms: m.updated_at_ms,
        }
    }
}

/// One page of a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Paged<T: ToSchema> {
    pub items: Vec<T>,
    /// Matches in all pages.
    pub total: u64,
    /// The page size used (requests above 1000 are capped).
    pub limit: u32,
    pub offset: u64,
}

impl<T: ToSchema> Paged<T> {
    pub fn map<U>(p: store::Paged<U>, f: impl FnMut(U) -> T) -> Self {
        Paged {
            items: p.items.into_iter().map(f).collect(),
            total: p.total,
            limit: p.limit,
            offset: p.offset,
        }
    }
}

/// A stored document's metadata.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentSummary {
    pub id: i64,
    pub external_id: String,
    /// Hex SHA-256 of the raw bytes: the dedup key.
    pub sha256: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub language: Option<String>,
    /// `text` or `html`.
    pub kind: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub published_at: Option<jiff::civil::Date>,
    pub fetched_at_ms: i64,
    pub size_bytes: i64,
    pub event_count: i64,
}

impl From<store::DocumentSummary> for DocumentSummary {
    fn from(d: store::DocumentSummary) -> Self {
        DocumentSummary {
            id: d.id,
            external_id: d.external_id,
            sha256: d.sha256,
            source: d.source,
            url: d.url,
            title: d.title,
            language: d.language,
            kind: d.kind,
            published_at: d.published_at,
            fetched_at_ms: d.fetched_at_ms,
            size_bytes: d.size_bytes,
            event_count: d.event_count,
        }
    }
}

/// One document: metadata, its text for display, its extractions.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentView {
    pub summary: DocumentSummary,
    /// The text vigie read, with the byte → UTF-16 anchors for evidence spans.
    pub text: Option<OriginalText>,
    /// Every extraction run of this document, newest first.
    #[schema(value_type = Vec<Object>)]
    pub extractions: Vec<store::ExtractionSummary>,
    /// The newest extraction (vigie-core `DocumentExtraction`).
    #[schema(value_type = Option<Object>)]
    pub current: Option<vigie_core::DocumentExtraction>,
}

/// One report of a merged event, as its source wrote it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceView {
    pub report_event_id: i64,
    pub document_id: i64,
    /// The document's external id.
    pub doc_id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub published_at: Option<jiff::civil::Date>,
    /// Whether this is the document's current extraction.
    pub current: bool,
    /// The event as extracted from this report (vigie-core `Event`: every
    /// field with its evidence spans and confidence, the claim, the figures).
    #[schema(value_type = Object)]
    pub event: vigie_core::Event,
    /// The report's text, to show the evidence in.
    pub text: Option<OriginalText>,
}

/// A step of a merged event's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MergeStepView {
    pub report_event_id: i64,
    pub document_id: Option<i64>,
    /// `created`, `joined` or `superseded`.
    pub action: String,
    pub score: Option<f64>,
    pub reason: String,
    pub at_ms: i64,
}

/// An analyst's correction, a new version of one field.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CorrectionView {
    pub id: i64,
    pub event_id: i64,
    pub field: String,
    #[schema(value_type = Object)]
    pub value: serde_json::Value,
    #[schema(value_type = Object)]
    pub previous: serde_json::Value,
    pub analyst: String,
    pub reason: Option<String>,
    pub created_at_ms: i64,
}

impl From<store::Correction> for CorrectionView {
    fn from(c: store::Correction) -> Self {
        CorrectionView {
            id: c.id,
            event_id: c.event_id,
            field: c.field.as_str().to_string(),
            value: c.value,
            previous: c.previous,
            analyst: c.author,
            reason: c.comment,
            created_at_ms: c.created_at_ms,
        }
    }
}

/// Everything about one merged event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventDetailView {
    pub summary: EventSummary,
    /// The representative record with the conservative fatality figure and
    /// corrections applied (vigie-core `Event`).
    #[schema(value_type = Object)]
    pub event: vigie_core::Event,
    /// Every figure of every source, side by side.
    #[schema(value_type = Vec<Object>)]
    pub figures: Vec<store::SourcedFigure>,
    pub conflicting_fatalities: bool,
    /// Fields an analyst corrected.
    pub corrected_fields: Vec<String>,
    pub sources: Vec<SourceView>,
    pub merge_history: Vec<MergeStepView>,
    /// Oldest first; the extracted value is never lost.
    pub corrections: Vec<CorrectionView>,
    /// Background passages of the same reports (vigie-core `Mention`s).
    #[schema(value_type = Vec<Object>)]
    pub mentions: Vec<vigie_core::Mention>,
}

/// A count for one key.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Count {
    pub key: String,
    pub events: u64,
    pub fatalities: u64,
}

impl From<store::Count> for Count {
    fn from(c: store::Count) -> Self {
        Count {
            key: c.key,
            events: c.events,
            fatalities: c.fatalities,
        }
    }
}

/// Counts of merged events matching the filters.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatsView {
    pub events: u64,
    pub fatalities: u64,
    pub documents: u64,
    /// Keyed by the Monday that starts the ISO week, ascending.
    pub by_week: Vec<Count>,
    pub by_event_type: Vec<Count>,
    /// Keyed `Country / Admin1`, most events first.
    pub by_region: Vec<Count>,
}

impl From<store::Stats> for StatsView {
    fn from(s: store::Stats) -> Self {
        StatsView {
            events: s.events,
            fatalities: s.fatalities,
            documents: s.documents,
            by_week: s.by_week.into_iter().map(Count::from).collect(),
            by_event_type: s.by_event_type.into_iter().map(Count::from).collect(),
            by_region: s.by_region.into_iter().map(Count::from).collect(),
        }
    }
}

/// A mention (background passage, not an event).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MentionView {
    pub id: i64,
    pub document_id: i64,
    pub run_id: i64,
    /// vigie-core `Mention`: kind, evidence, places, reason.
    #[schema(value_type = Object)]
    pub mention: vigie_core::Mention,
}

/// What `POST /api/extract` returns: the extraction and the text to show it on.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExtractPreview {
    /// vigie-core `DocumentExtraction`: events, mentions, toponyms, diagnostics.
    #[schema(value_type = Object)]
    pub extraction: vigie_core::DocumentExtraction,
    pub text: Option<OriginalText>,
}

/// What `POST /api/documents` (and re-extraction) return.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SubmitResult {
    pub document_id: i64,
    /// The same bytes were already stored (under any name or URL).
    pub duplicate: bool,
    /// `extracted` or `failed`.
    pub status: String,
    /// Why extraction failed, when it did.
    pub reason: Option<String>,
    /// The merged events the document's events joined or created.
    pub events: Vec<EventSummary>,
}

/// Health and what the server runs on.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Health {
    pub status: String,
    pub version: String,
    /// `sqlite` or `postgres`.
    pub backend: String,
    pub schema_version: i64,
    pub postgis: bool,
    pub run_id: i64,
    #[schema(value_type = Object)]
    pub extractor: vigie_extract::ExtractorVersions,
}

/// An extraction run.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RunView {
    pub id: i64,
    pub engine: String,
    pub lexicons: String,
    pub gazetteer: String,
    pub created_at_ms: i64,
}

/// A document refused or whose extraction failed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RejectionView {
    pub id: i64,
    pub external_id: String,
    pub reason: String,
    /// `read` or `extract`.
    pub stage: String,
    pub sha256: Option<String>,
    pub size_bytes: Option<i64>,
    pub created_at_ms: i64,
}
