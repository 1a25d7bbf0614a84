//! `vigie ingest`: read inputs into the store, then extract the queue.
//!
//! Two phases, both restartable:
//! 1. **store** — every input becomes a stored document (deduplicated by
//!    content hash) with a job for the current run, or a recorded rejection;
//! 2. **extract** — workers claim jobs until none is left. Jobs left by an
//!    earlier, interrupted ingest of the same run are picked up too, and
//!    several `vigie ingest` processes on one PostgreSQL share the queue.

pub mod feed;
pub mod sources;

use crate::error::Result;
use crate::model::*;
use crate::Store;
use serde::Serialize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Mutex;
use vigie_core::{DocMeta, Document, DocumentExtraction};

/// The extractor, as the ingest sees it (`vigie_extract::Extractor` in the CLI).
pub type ExtractDoc<'a> = dyn Fn(&Document) -> DocumentExtraction + Sync + 'a;

/// Ingest settings.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Largest document accepted, in bytes; larger ones are rejected.
    pub max_bytes: usize,
    /// Extraction threads in this process.
    pub workers: usize,
    /// Name recorded on each job (host:pid by default).
    pub worker_name: String,
    /// Seeds text/HTML documents (source, published_at) given on the command line.
    pub defaults: DocMeta,
    /// Store only; leave extraction to other workers.
    pub no_extract: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_bytes: vigie_text::input::DEFAULT_MAX_BYTES,
            workers: 1,
            worker_name: format!("pid{}", std::process::id()),
            defaults: DocMeta::default(),
            no_extract: false,
        }
    }
}

/// What happened, for the summary at the end.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IngestSummary {
    /// Inputs read (documents and rejections).
    pub read: u64,
    /// Documents stored for the first time.
    pub new: u64,
    /// Documents whose bytes were already stored.
    pub duplicate: u64,
    /// Duplicates queued again because the run is new (lexicon change).
    pub requeued: u64,
    /// Documents refused, with reasons (read or extraction stage).
    pub rejected: Vec<RejectedInput>,
    /// Documents extracted by this process.
    pub extracted: u64,
    pub events: u64,
    pub mentions: u64,
    /// Merged events touched (created or joined).
    pub merged_events: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedInput {
    pub id: String,
    pub reason: String,
    pub stage: String,
}

/// Progress notifications (the CLI draws a bar from them).
#[derive(Debug, Clone)]
pub enum Progress<'a> {
    Read { id: &'a str, outcome: &'a str },
    ExtractStart { pending: u64 },
    Extracted { document: DocumentId },
}

/// Runs both phases.
pub fn ingest(
    store: &dyn Store,
    run: &RunInfo,
    paths: &[PathBuf],
    opts: &IngestOptions,
    extract: &ExtractDoc<'_>,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<IngestSummary> {
    let mut summary = IngestSummary::default();
    let mut failure: Option<crate::StoreError> = None;
    let mut batch: Vec<NewDocument> = Vec::with_capacity(STORE_BATCH);
    sources::read_all(paths, &opts.defaults, opts.max_bytes, &mut |item| {
        if failure.is_some() {
            return;
        }
        summary.read += 1;
        let stored = match item {
            sources::Item::Document(doc) => {
                batch.push(new_document(doc));
                if batch.len() < STORE_BATCH {
                    return;
                }
                store_batch(store, run, &mut batch, &mut summary, progress)
            }
            rejected => store_batch(store, run, &mut batch, &mut summary, progress)
                .and_then(|()| record_rejected(store, rejected, &mut summary, progress)),
        };
        if let Err(e) = stored {
            failure = Some(e);
        }
    })
    .map_err(|e| crate::StoreError::Location(e.to_string(), "cannot read input".to_string()))?;
    if let Some(e) = failure {
        return Err(e);
    }
    store_batch(store, run, &mut batch, &mut summary, progress)?;
    if !opts.no_extract {
        let done = extract_pending(store, run, opts, extract, progress)?;
        summary.extracted = done.extracted;
        summary.events = done.events;
        summary.mentions = done.mentions;
        summary.merged_events = done.merged_events;
        summary.rejected.extend(done.rejected);
    }
    Ok(summary)
}

/// Documents stored per transaction in the store phase: one commit per
/// batch rather than per document (each document is still all-or-nothing).
const STORE_BATCH: usize = 64;

fn new_document(doc: Document) -> NewDocument {
    NewDocument {
        external_id: doc.meta.id,
        source: doc.meta.source,
        url: doc.meta.url,
        title: doc.meta.title,
        language: doc.meta.language,
        kind: match doc.kind {
            vigie_core::ContentKind::Html => "html".into(),
            vigie_core::ContentKind::Text => "text".into(),
        },
        published_at: doc.meta.published_at,
        fetched_at_ms: None,
        raw: doc.raw,
    }
}

fn store_batch(
    store: &dyn Store,
    run: &RunInfo,
    batch: &mut Vec<NewDocument>,
    summary: &mut IngestSummary,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let puts = match store.put_documents(batch, Some(run.id)) {
        Ok(p) => p,
        // Two workers storing overlapping batches in different orders can
        // deadlock on PostgreSQL (one is cancelled): store one by one then.
        Err(crate::StoreError::Postgres(_)) => batch
            .iter()
            .map(|d| store.put_document(d, Some(run.id)))
            .collect::<Result<Vec<_>>>()?,
        Err(e) => return Err(e),
    };
    for (doc, put) in batch.iter().zip(puts) {
        let outcome = if put.created {
            summary.new += 1;
            "new"
        } else {
            summary.duplicate += 1;
            if put.queued {
                summary.requeued += 1;
            }
            "duplicate"
        };
        progress(Progress::Read {
            id: &doc.external_id,
            outcome,
        });
    }
    batch.clear();
    Ok(())
}

fn record_rejected(
    store: &dyn Store,
    item: sources::Item,
    summary: &mut IngestSummary,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<()> {
    if let sources::Item::Rejected { id, reason, size } = item {
        store.record_rejection(&NewRejection {
            external_id: id.clone(),
            reason: reason.clone(),
            stage: "read".into(),
            sha256: None,
            size_bytes: size.map(|s| s as i64),
        })?;
        progress(Progress::Read {
            id: &id,
            outcome: "rejected",
        });
        summary.rejected.push(RejectedInput {
            id,
            reason,
            stage: "read".into(),
        });
    }
    Ok(())
}

/// Totals of the extraction phase.
#[derive(Debug, Clone, Default)]
pub struct ExtractTotals {
    pub extracted: u64,
    pub events: u64,
    pub mentions: u64,
    pub merged_events: u64,
    pub rejected: Vec<RejectedInput>,
}

/// Phase 2 alone: `opts.workers` threads claim jobs of `run` until none is left.
/// An extractor panic fails that document (recorded), not the batch.
pub fn extract_pending(
    store: &dyn Store,
    run: &RunInfo,
    opts: &IngestOptions,
    extract: &ExtractDoc<'_>,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<ExtractTotals> {
    progress(Progress::ExtractStart {
        pending: store.pending(run.id)?,
    });
    let totals = Mutex::new(ExtractTotals::default());
    let merged = Mutex::new(std::collections::BTreeSet::new());
    let workers = opts.workers.max(1);
    let errors: Vec<crate::StoreError> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (totals, merged) = (&totals, &merged);
                let name = format!("{}-{w}", opts.worker_name);
                scope.spawn(move || -> Result<()> {
                    let mut f =
                        |d: &StoredDocument| -> std::result::Result<DocumentExtraction, String> {
                            let doc = d.to_core();
                            catch_unwind(AssertUnwindSafe(|| extract(&doc))).map_err(|panic| {
                                let msg = panic
                                    .downcast_ref::<&str>()
                                    .map(|s| s.to_string())
                                    .or_else(|| panic.downcast_ref::<String>().cloned())
                                    .unwrap_or_else(|| "unknown panic".to_string());
                                format!("extractor failed: {msg}")
                            })
                        };
                    while let Some(p) = store.process_next(run.id, &name, &mut f)? {
                        progress(Progress::Extracted {
                            document: p.document_id,
                        });
                        let mut t = totals.lock().map_err(|_| poisoned())?;
                        match p.outcome {
                            ProcessOutcome::Extracted {
                                events,
                                mentions,
                                merged_into,
                            } => {
                                t.extracted += 1;
                                t.events += events as u64;
                                t.mentions += mentions as u64;
                                merged.lock().map_err(|_| poisoned())?.extend(merged_into);
                            }
                            ProcessOutcome::Failed { reason } => {
                                let id = store
                                    .document(p.document_id)?
                                    .map(|d| d.summary.external_id)
                                    .unwrap_or_else(|| p.document_id.to_string());
                                t.rejected.push(RejectedInput {
                                    id,
                                    reason,
                                    stage: "extract".into(),
                                });
                            }
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| match h.join() {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(e),
                Err(_) => Some(poisoned()),
            })
            .collect()
    });
    if let Some(e) = errors.into_iter().next() {
        return Err(e);
    }
    let mut t = totals.into_inner().map_err(|_| poisoned())?;
    t.merged_events = merged.into_inner().map_err(|_| poisoned())?.len() as u64;
    Ok(t)
}

fn poisoned() -> crate::StoreError {
    crate::StoreError::invalid("worker", "a worker thread panicked")
}
