//! # vigie-store
//!
//! Keeps everything vigie read and what it made of it, merges reports of the
//! same event, and hands the result to analysts' tools.
//!
//! * [`Store`] — one synchronous interface, two real backends:
//!   SQLite (embedded default, WAL) and PostgreSQL (shared, several workers),
//!   each with its own versioned migrations. [`open`] picks one from a path or
//!   a `postgres://` URL. A `Store` is `Send + Sync` and pools its
//!   connections: share one `Arc<dyn Store>` across threads (an async server
//!   calls it from `spawn_blocking`).
//! * Documents are keyed by the SHA-256 of their bytes: storing the same
//!   bytes twice, under any name or URL, is a no-op.
//! * Extraction is a queue of jobs `(document, run)`; a worker claims a job
//!   (`FOR UPDATE SKIP LOCKED` on PostgreSQL, an immediate write transaction on
//!   SQLite) and stores its result **in the same transaction**, so each
//!   document is processed once and a killed worker leaves nothing
//!   half-written. A new lexicon or gazetteer version is a new run; the old
//!   run's events are kept (no longer current).
//! * [`merge`] decides which report events describe the same happening.
//! * [`ingest`] reads files, directories, JSON Lines and RSS/Atom feeds into
//!   the queue and drives the workers; [`export`] writes ACLED CSV, GeoJSON,
//!   Parquet and JSON Lines.

mod backend;
mod engine;
pub mod error;
pub mod export;
pub mod hash;
pub mod ingest;
pub mod merge;
mod migrate;
pub mod model;
mod sql;

pub use engine::{day_number, default_location, open, SqlStore};
pub use error::{Result, StoreError};
pub use model::*;

use vigie_core::DocumentExtraction;

/// What a worker does with a claimed document: extract it, or say why not.
/// Called inside the job's transaction; keep it free of database calls.
pub type ExtractFn<'a> =
    dyn FnMut(&StoredDocument) -> std::result::Result<DocumentExtraction, String> + 'a;

/// The storage interface. Both backends pass the same test suite.
///
/// Reads return merged events (see [`model`]); writes never overwrite what
/// was extracted: corrections are new versions, re-extractions new runs.
pub trait Store: Send + Sync {
    /// Backend, schema version, PostGIS.
    fn info(&self) -> StoreInfo;

    // ---- runs and documents -------------------------------------------

    /// The run for these versions, created on first use.
    fn ensure_run(&self, versions: &RunVersions) -> Result<RunInfo>;
    /// Every run, newest first.
    fn runs(&self) -> Result<Vec<RunInfo>>;

    /// Stores a document unless the same bytes are stored already, and queues
    /// it for extraction under `run` unless it was extracted (or queued)
    /// under that run before. One transaction.
    fn put_document(&self, doc: &NewDocument, run: Option<RunId>) -> Result<PutDocument>;
    /// [`Store::put_document`] for several documents in one transaction
    /// (bulk ingest: one commit instead of one per document).
    fn put_documents(&self, docs: &[NewDocument], run: Option<RunId>) -> Result<Vec<PutDocument>> {
        docs.iter().map(|d| self.put_document(d, run)).collect()
    }
    /// Queues every stored document for `run` (re-extraction after a lexicon
    /// change). Returns how many jobs were added.
    fn queue_all(&self, run: RunId) -> Result<u64>;
    /// Jobs of `run` not yet done.
    fn pending(&self, run: RunId) -> Result<u64>;

    /// Claims the next pending job of `run`, calls `extract` on its document
    /// and stores the result (events, mentions, merges) — all in one
    /// transaction. `None` when no job is left for this worker. Safe to call
    /// from several threads, processes and machines at once.
    fn process_next(
        &self,
        run: RunId,
        worker: &str,
        extract: &mut ExtractFn<'_>,
    ) -> Result<Option<Processed>>;
    /// The same for one given document (the API's "submit a report" and
    /// "re-run extraction"): queues it if needed, then processes it now.
    fn process_document(
        &self,
        document: DocumentId,
        run: RunId,
        worker: &str,
        extract: &mut ExtractFn<'_>,
    ) -> Result<Processed>;

    /// Records a document that was refused, with its reason.
    fn record_rejection(&self, rejection: &NewRejection) -> Result<()>;
    fn rejections(&self, page: Page) -> Result<Paged<Rejection>>;

    fn documents(&self, filter: &DocumentFilter, page: Page) -> Result<Paged<DocumentSummary>>;
    fn document(&self, id: DocumentId) -> Result<Option<DocumentDetail>>;
    fn document_by_sha256(&self, sha256_hex: &str) -> Result<Option<DocumentSummary>>;
    /// The bytes, exactly as received.
    fn document_raw(&self, id: DocumentId) -> Result<Option<StoredDocument>>;

    // ---- events -------------------------------------------------------

    /// Merged events matching `filter`, one page, with the total count.
    fn events(
        &self,
        filter: &EventFilter,
        sort: EventSort,
        page: Page,
    ) -> Result<Paged<EventSummary>>;
    /// One merged event with its sources, evidence, claims, history and corrections.
    fn event(&self, id: EventId) -> Result<Option<EventDetail>>;
    /// Calls `sink` on every merged event matching `filter`, in date order,
    /// streaming (exports of any size). Returns how many.
    fn for_each_event(
        &self,
        filter: &EventFilter,
        sink: &mut dyn FnMut(MergedEvent) -> Result<()>,
    ) -> Result<u64>;
    fn mentions(&self, filter: &MentionFilter, page: Page) -> Result<Paged<MentionRecord>>;
    fn stats(&self, filter: &EventFilter) -> Result<Stats>;

    // ---- analysts -----------------------------------------------------

    /// Stores a correction as a new version of the field (who, when, the
    /// previous value); the extracted value stays in the report events.
    fn correct(&self, correction: &NewCorrection) -> Result<Correction>;
    fn corrections(&self, event: EventId) -> Result<Vec<Correction>>;

    /// Creates an API token; the secret is returned once and stored hashed.
    fn create_token(&self, name: &str) -> Result<NewToken>;
    /// The token a secret belongs to, if it exists and is not revoked
    /// (records its use).
    fn verify_token(&self, secret: &str) -> Result<Option<TokenInfo>>;
    fn tokens(&self) -> Result<Vec<TokenInfo>>;
    /// `false` if no such token.
    fn revoke_token(&self, id: i64) -> Result<bool>;
}
