//! The values the store takes and gives back.
//!
//! Two kinds of "event" live here, and the difference matters:
//! * a **report event** is what one extraction of one document produced
//!   (`vigie_core::Event`), kept exactly as extracted;
//! * a **merged event** ([`MergedEvent`]) is the store's view of one
//!   happening: every report event judged to describe it, with the
//!   corroboration count, every source's figures and ACLED's conservative
//!   choice. Lists, exports and the dashboard show merged events; their `id`
//!   is the id the API uses.

use serde::{Deserialize, Serialize};
use vigie_core::{DocumentExtraction, Event, Modality};

/// Row id of a stored document.
pub type DocumentId = i64;
/// Row id of an extraction run.
pub type RunId = i64;
/// Row id of a merged event (a cluster of report events).
pub type EventId = i64;
/// Row id of one report event (one extraction of one document).
pub type ReportEventId = i64;

/// Which database is behind a [`crate::Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

/// What the store is and what it can do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreInfo {
    pub backend: BackendKind,
    /// Highest migration applied.
    pub schema_version: i64,
    /// Whether bounding-box queries use PostGIS (else lat/lon columns).
    pub postgis: bool,
    /// A display form of the location (file path, or URL without password).
    pub location: String,
}

/// A document to store: metadata plus untouched bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewDocument {
    /// Caller's name for it (file path, JSONL id, feed item id).
    pub external_id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub language: Option<String>,
    /// `text` or `html`.
    pub kind: String,
    pub published_at: Option<jiff::civil::Date>,
    /// When vigie read it (Unix milliseconds); `None` means now.
    pub fetched_at_ms: Option<i64>,
    pub raw: Vec<u8>,
}

/// What [`crate::Store::put_document`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PutDocument {
    pub id: DocumentId,
    /// `false`: the same bytes were already stored (under any name or URL).
    pub created: bool,
    /// Whether a job to extract it under the given run was queued now.
    pub queued: bool,
}

/// A stored document's metadata (no bytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: DocumentId,
    pub external_id: String,
    /// Lower-case hex SHA-256 of the raw bytes: the dedup key.
    pub sha256: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub language: Option<String>,
    pub kind: String,
    pub published_at: Option<jiff::civil::Date>,
    pub fetched_at_ms: i64,
    pub size_bytes: i64,
    /// Report events of the current extraction.
    pub event_count: i64,
}

/// A stored document with its bytes, as the extractor needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDocument {
    pub summary: DocumentSummary,
    #[serde(skip)]
    pub raw: Vec<u8>,
}

impl StoredDocument {
    /// The document in the form `vigie_core`'s extractor takes.
    pub fn to_core(&self) -> vigie_core::Document {
        let s = &self.summary;
        let meta = vigie_core::DocMeta {
            id: s.external_id.clone(),
            url: s.url.clone(),
            source: s.source.clone(),
            published_at: s.published_at,
            language: s.language.clone(),
            title: s.title.clone(),
        };
        if s.kind == "html" {
            vigie_core::Document::html(meta, self.raw.clone())
        } else {
            vigie_core::Document::text(meta, self.raw.clone())
        }
    }
}

/// One document with its current extraction, for the API's document view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentDetail {
    pub summary: DocumentSummary,
    /// The decoded text is the extractor's business; the raw bytes are here
    /// (lossy UTF-8 view) so evidence spans can be shown against them.
    pub text: String,
    /// Every extraction of this document, newest first.
    pub extractions: Vec<ExtractionSummary>,
    /// The newest extraction, whole.
    pub current: Option<DocumentExtraction>,
}

/// One extraction of one document under one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractionSummary {
    pub id: i64,
    pub run: RunInfo,
    pub created_at_ms: i64,
    pub event_count: i64,
    pub mention_count: i64,
    pub current: bool,
}

/// The versions that define an extraction run.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RunVersions {
    pub engine: String,
    pub lexicons: String,
    pub gazetteer: String,
}

/// An extraction run: every document extracted by the same engine, lexicon
/// and gazetteer versions. A new lexicon makes a new run; old runs stay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunInfo {
    pub id: RunId,
    pub versions: RunVersions,
    pub created_at_ms: i64,
}

/// A document that was not stored or not extracted, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRejection {
    /// File path, JSONL line, feed item: whatever lets a person find it.
    pub external_id: String,
    pub reason: String,
    /// `read` (before storing) or `extract` (stored, extraction failed).
    pub stage: String,
    pub sha256: Option<String>,
    pub size_bytes: Option<i64>,
}

/// A recorded rejection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub id: i64,
    pub external_id: String,
    pub reason: String,
    pub stage: String,
    pub sha256: Option<String>,
    pub size_bytes: Option<i64>,
    pub created_at_ms: i64,
}

/// What happened to one queued job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Processed {
    pub document_id: DocumentId,
    pub run_id: RunId,
    pub outcome: ProcessOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum ProcessOutcome {
    /// Stored: how many report events and mentions, and which merged events
    /// they joined or created.
    Extracted {
        events: usize,
        mentions: usize,
        merged_into: Vec<EventId>,
    },
    /// Extraction failed; recorded as a rejection.
    Failed { reason: String },
}

/// A bounding box in WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

/// Filters for merged events. Every field narrows; `Default` is "all".
/// Text comparisons are case-insensitive; `country` takes a name ("Mali")
/// or an ISO alpha-2 code ("ML").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventFilter {
    pub date_from: Option<jiff::civil::Date>,
    pub date_to: Option<jiff::civil::Date>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    /// ACLED label ("Battles").
    pub event_type: Option<String>,
    /// ACLED label ("Air/drone strike").
    pub sub_event_type: Option<String>,
    /// Substring of any actor's canonical name (actor1, actor2, associates).
    pub actor: Option<String>,
    pub bbox: Option<BBox>,
    /// At least this many distinct documents report the event.
    pub min_corroboration: Option<u32>,
    /// Substring searched in the notes and location names.
    pub text: Option<String>,
    /// Only events extracted from this document.
    pub document_id: Option<DocumentId>,
}

/// Order of an event list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventSort {
    #[default]
    DateDesc,
    DateAsc,
    FatalitiesDesc,
    CorroborationDesc,
}

/// Pagination: `limit` is capped at [`Page::MAX_LIMIT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub limit: u32,
    pub offset: u64,
}

impl Page {
    pub const MAX_LIMIT: u32 = 1000;
    pub fn new(limit: u32, offset: u64) -> Self {
        Page {
            limit: limit.clamp(1, Self::MAX_LIMIT),
            offset,
        }
    }
    pub fn first(limit: u32) -> Self {
        Page::new(limit, 0)
    }
}

impl Default for Page {
    fn default() -> Self {
        Page::new(100, 0)
    }
}

/// One page of a list, with the total count of matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub limit: u32,
    pub offset: u64,
}

/// A merged event as lists show it: flat, cheap to read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventSummary {
    pub id: EventId,
    pub event_date: Option<jiff::civil::Date>,
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
    pub geo_precision: Option<u8>,
    /// ACLED's conservative figure: the lowest any source reported.
    pub fatalities: u32,
    /// The highest figure any source reported.
    pub fatalities_max: u32,
    /// Distinct documents reporting the event.
    pub corroboration: u32,
    /// Source names, "; "-separated as ACLED writes them.
    pub sources: String,
    pub notes: String,
    pub civilian_targeting: bool,
    pub updated_at_ms: i64,
}

/// One source's report of a merged event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceReport {
    pub report_event_id: ReportEventId,
    /// `Event::id` of the report event (`{doc_id}#{n}`).
    pub event_key: String,
    pub document_id: DocumentId,
    pub external_id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<jiff::civil::Date>,
    pub event_date: Option<jiff::civil::Date>,
    pub location: Option<String>,
    /// The fatality figure this report gives, if it gives one.
    pub fatalities: Option<u32>,
    pub modality: Modality,
    pub claimant: Option<String>,
}

/// A figure as one source reported it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourcedFigure {
    pub document_id: DocumentId,
    pub source: Option<String>,
    pub what: String,
    pub value: u32,
    pub high: Option<u32>,
    pub approximate: bool,
    pub victims: Option<String>,
    pub modality: Modality,
    /// Who, inside the report, gave the figure.
    pub claimant: Option<String>,
    /// The words of the report.
    pub quote: String,
}

/// The store's view of one happening, built from every report of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergedEvent {
    pub id: EventId,
    /// The representative record (the most confident report), with the
    /// conservative fatality figure and analysts' corrections applied.
    pub event: Event,
    pub corroboration: u32,
    pub sources: Vec<SourceReport>,
    /// Every figure of every source, side by side.
    pub figures: Vec<SourcedFigure>,
    /// The lowest fatality figure reported (ACLED's rule).
    pub fatalities_conservative: u32,
    pub fatalities_max: u32,
    /// Sources disagree on the number of fatalities.
    pub conflicting_fatalities: bool,
    /// Fields an analyst corrected (latest version of each).
    pub corrected_fields: Vec<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// One step of a merged event's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeStep {
    pub report_event_id: ReportEventId,
    /// `created`, `joined` or `superseded` (its document was re-extracted).
    pub action: String,
    pub score: Option<f64>,
    /// Why: "same day; 4.2 km apart (radius 10 km); same sub-event type; shared actor fama".
    pub reason: String,
    pub at_ms: i64,
}

/// A report event as extracted, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportEvent {
    pub id: ReportEventId,
    pub document_id: DocumentId,
    pub run_id: RunId,
    pub current: bool,
    pub event: Event,
}

/// Everything about one merged event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDetail {
    pub merged: MergedEvent,
    /// The report events it is made of, as extracted (evidence, claims).
    pub reports: Vec<ReportEvent>,
    pub documents: Vec<DocumentSummary>,
    pub history: Vec<MergeStep>,
    /// Every correction, oldest first (the extracted value is never lost).
    pub corrections: Vec<Correction>,
}

/// Fields an analyst may correct on a merged event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectableField {
    EventDate,
    TimePrecision,
    EventType,
    SubEventType,
    Actor1,
    Actor2,
    Location,
    Admin1,
    Admin2,
    Latitude,
    Longitude,
    GeoPrecision,
    Fatalities,
    CivilianTargeting,
    Notes,
}

impl CorrectableField {
    pub const ALL: &'static [CorrectableField] = &[
        CorrectableField::EventDate,
        CorrectableField::TimePrecision,
        CorrectableField::EventType,
        CorrectableField::SubEventType,
        CorrectableField::Actor1,
        CorrectableField::Actor2,
        CorrectableField::Location,
        CorrectableField::Admin1,
        CorrectableField::Admin2,
        CorrectableField::Latitude,
        CorrectableField::Longitude,
        CorrectableField::GeoPrecision,
        CorrectableField::Fatalities,
        CorrectableField::CivilianTargeting,
        CorrectableField::Notes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CorrectableField::EventDate => "event_date",
            CorrectableField::TimePrecision => "time_precision",
            CorrectableField::EventType => "event_type",
            CorrectableField::SubEventType => "sub_event_type",
            CorrectableField::Actor1 => "actor1",
            CorrectableField::Actor2 => "actor2",
            CorrectableField::Location => "location",
            CorrectableField::Admin1 => "admin1",
            CorrectableField::Admin2 => "admin2",
            CorrectableField::Latitude => "latitude",
            CorrectableField::Longitude => "longitude",
            CorrectableField::GeoPrecision => "geo_precision",
            CorrectableField::Fatalities => "fatalities",
            CorrectableField::CivilianTargeting => "civilian_targeting",
            CorrectableField::Notes => "notes",
        }
    }

    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.as_str() == s.trim())
    }
}

/// An analyst's correction of one field (a JSON value: a string, a number,
/// a boolean, or null to clear).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCorrection {
    pub event_id: EventId,
    pub field: CorrectableField,
    pub value: serde_json::Value,
    pub author: String,
    pub comment: Option<String>,
}

/// A stored correction: a new version of a field, with who and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub id: i64,
    pub event_id: EventId,
    pub field: CorrectableField,
    pub value: serde_json::Value,
    /// The value before this correction (extracted or an earlier correction).
    pub previous: serde_json::Value,
    pub author: String,
    pub comment: Option<String>,
    pub created_at_ms: i64,
}

/// Filters for mentions (background passages that are not events).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MentionFilter {
    pub document_id: Option<DocumentId>,
    /// `MentionKind` in snake_case ("past_event").
    pub kind: Option<String>,
    pub text: Option<String>,
}

/// A stored mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    pub id: i64,
    pub document_id: DocumentId,
    pub run_id: RunId,
    pub mention: vigie_core::Mention,
}

/// Filters for documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentFilter {
    pub source: Option<String>,
    /// Substring of the external id, title or URL.
    pub text: Option<String>,
}

/// A count for one key of a breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub key: String,
    pub events: u64,
    pub fatalities: u64,
}

/// Counts of merged events for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub events: u64,
    pub fatalities: u64,
    pub documents: u64,
    /// Keyed by the Monday that starts the ISO week (`2024-07-22`), ascending.
    pub by_week: Vec<Count>,
    pub by_event_type: Vec<Count>,
    /// Keyed `Country / Admin1`, most events first.
    pub by_region: Vec<Count>,
}

/// An API token as listed (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    pub created_at_ms: i64,
    pub last_used_at_ms: Option<i64>,
    pub revoked: bool,
}

/// A token just created: the only time the secret is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewToken {
    pub info: TokenInfo,
    pub secret: String,
}
