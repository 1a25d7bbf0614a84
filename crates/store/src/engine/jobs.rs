//! Workers: claim a job, extract, store the result — one transaction.
//!
//! PostgreSQL: the job row is claimed with `FOR UPDATE SKIP LOCKED`, so
//! concurrent workers each take a different document; the row lock lasts
//! until commit, and if the worker dies the connection drops, the
//! transaction rolls back and the job is pending again for the next worker.
//! SQLite: `BEGIN IMMEDIATE` makes the claim and the write exclusive.
//!
//! The merge step takes a transaction-scoped advisory lock on PostgreSQL so
//! two workers never create two merged events for one happening at once.

use super::{clusters, documents};
use crate::error::{Result, StoreError};
use crate::model::*;
use crate::sql::{in_tx, now_ms, Db, Dialect, TxKind, Value};
use crate::ExtractFn;
use vigie_core::DocumentExtraction;

/// Advisory lock key for merging (an arbitrary constant).
const MERGE_LOCK: i64 = 0x7669_6769_6502;

pub fn process_next(
    db: &mut dyn Db,
    run: RunId,
    worker: &str,
    extract: &mut ExtractFn<'_>,
) -> Result<Option<Processed>> {
    // `ORDER BY run_id, document_id` matches the partial index on pending
    // jobs only, so the planner never walks the primary key over done jobs.
    let claim = match db.dialect() {
        Dialect::Sqlite => {
            "SELECT document_id FROM jobs WHERE run_id = $1 AND state = 'pending' ORDER BY run_id, document_id LIMIT 1"
        }
        Dialect::Postgres { .. } => {
            "SELECT document_id FROM jobs WHERE run_id = $1 AND state = 'pending'
             ORDER BY run_id, document_id LIMIT 1 FOR UPDATE SKIP LOCKED"
        }
    };
    in_tx(db, TxKind::Write, |db| {
        let Some(row) = db.query_opt(claim, &[run.into()])? else {
            return Ok(None);
        };
        let document = row.int(0)?;
        process_claimed(db, document, run, worker, extract).map(Some)
    })
}

pub fn process_document(
    db: &mut dyn Db,
    document: DocumentId,
    run: RunId,
    worker: &str,
    extract: &mut ExtractFn<'_>,
) -> Result<Processed> {
    in_tx(db, TxKind::Write, |db| {
        documents::queue(db, document, run)?;
        let lock = match db.dialect() {
            Dialect::Sqlite => {
                "SELECT state, error FROM jobs WHERE document_id = $1 AND run_id = $2"
            }
            Dialect::Postgres { .. } => {
                "SELECT state, error FROM jobs WHERE document_id = $1 AND run_id = $2 FOR UPDATE"
            }
        };
        // No job row: done earlier (its extraction is the record).
        let Some(job) = db.query_opt(lock, &[document.into(), run.into()])? else {
            return already_done(db, document, run);
        };
        match job.text(0)?.as_str() {
            "failed" => Ok(Processed {
                document_id: document,
                run_id: run,
                outcome: ProcessOutcome::Failed {
                    reason: job.opt_text(1)?.unwrap_or_default(),
                },
            }),
            _ => process_claimed(db, document, run, worker, extract),
        }
    })
}

/// The outcome of a job done earlier (the same document under the same run).
fn already_done(db: &mut dyn Db, document: DocumentId, run: RunId) -> Result<Processed> {
    let x = db.query_one(
        "SELECT event_count, mention_count FROM extractions WHERE document_id = $1 AND run_id = $2",
        &[document.into(), run.into()],
    )?;
    let merged_into = db
        .query(
            "SELECT DISTINCT cluster_id FROM events WHERE document_id = $1 AND run_id = $2 AND cluster_id IS NOT NULL
             ORDER BY cluster_id",
            &[document.into(), run.into()],
        )?
        .iter()
        .map(|r| r.int(0))
        .collect::<Result<Vec<_>>>()?;
    Ok(Processed {
        document_id: document,
        run_id: run,
        outcome: ProcessOutcome::Extracted {
            events: x.int(0)?.max(0) as usize,
            mentions: x.int(1)?.max(0) as usize,
            merged_into,
        },
    })
}

fn process_claimed(
    db: &mut dyn Db,
    document: DocumentId,
    run: RunId,
    worker: &str,
    extract: &mut ExtractFn<'_>,
) -> Result<Processed> {
    let doc = documents::raw(db, document)?
        .ok_or_else(|| StoreError::NotFound(format!("document {document} of a queued job")))?;
    let outcome = match extract(&doc) {
        Ok(x) => {
            let merged_into = write_extraction(db, &doc, run, worker, &x)?;
            // Done: the extraction row is the record; the queue keeps only work left.
            db.exec(
                "DELETE FROM jobs WHERE document_id = $1 AND run_id = $2",
                &[document.into(), run.into()],
            )?;
            ProcessOutcome::Extracted {
                events: x.events.len(),
                mentions: x.mentions.len(),
                merged_into,
            }
        }
        Err(reason) => {
            db.exec(
                "UPDATE jobs SET state = 'failed', worker = $3, error = $4, finished_at_ms = $5
                 WHERE document_id = $1 AND run_id = $2",
                &[
                    document.into(),
                    run.into(),
                    worker.into(),
                    reason.clone().into(),
                    now_ms().into(),
                ],
            )?;
            documents::record_rejection(
                db,
                &NewRejection {
                    external_id: doc.summary.external_id.clone(),
                    reason: reason.clone(),
                    stage: "extract".to_string(),
                    sha256: Some(doc.summary.sha256.clone()),
                    size_bytes: Some(doc.summary.size_bytes),
                },
            )?;
            ProcessOutcome::Failed { reason }
        }
    };
    Ok(Processed {
        document_id: document,
        run_id: run,
        outcome,
    })
}

/// Stores one extraction as the document's current one (the previous stays,
/// no longer current) and merges its events. Returns the merged events the
/// document's events joined or created.
fn write_extraction(
    db: &mut dyn Db,
    doc: &StoredDocument,
    run: RunId,
    worker: &str,
    x: &DocumentExtraction,
) -> Result<Vec<EventId>> {
    if matches!(db.dialect(), Dialect::Postgres { .. }) {
        db.query(
            "SELECT 1 FROM (SELECT pg_advisory_xact_lock($1)) AS l",
            &[MERGE_LOCK.into()],
        )?;
    }
    let id = doc.summary.id;
    let now = now_ms();

    // Supersede the previous extraction: its events leave their merged events.
    let previous = db
        .query_opt(
            "SELECT id FROM extractions WHERE document_id = $1 AND current = 1",
            &[id.into()],
        )?
        .is_some();
    if previous {
        supersede(db, id, now)?;
    }

    let mut meta = x.clone();
    meta.events.clear();
    meta.mentions.clear();
    let xid = db
        .query_one(
            "INSERT INTO extractions (document_id, run_id, created_at_ms, current, event_count, mention_count, worker, meta_json)
             VALUES ($1, $2, $3, 1, $4, $5, $7, $6) RETURNING id",
            &[
                id.into(),
                run.into(),
                now.into(),
                (x.events.len() as i64).into(),
                (x.mentions.len() as i64).into(),
                serde_json::to_string(&meta)?.into(),
                worker.into(),
            ],
        )?
        .int(0)?;

    let mut merged_into = Vec::new();
    for (idx, event) in x.events.iter().enumerate() {
        let report_id = insert_event(db, xid, id, run, idx, event)?;
        let cluster = clusters::merge_new(db, report_id, id, event)?;
        if !merged_into.contains(&cluster) {
            merged_into.push(cluster);
        }
    }
    for m in &x.mentions {
        let search = [m.evidence.text.as_str(), m.reason.as_str()]
            .join(" | ")
            .to_lowercase();
        db.exec(
            "INSERT INTO mentions (extraction_id, document_id, run_id, current, kind, sub_event_type, search, mention_json)
             VALUES ($1, $2, $3, 1, $4, $5, $6, $7)",
            &[
                xid.into(),
                id.into(),
                run.into(),
                mention_kind(m.kind)?.into(),
                m.sub_event_type.map(|s| s.as_str()).into(),
                search.into(),
                serde_json::to_string(m)?.into(),
            ],
        )?;
    }
    Ok(merged_into)
}

/// Marks the document's current extraction as past; its events leave their
/// merged events (logged), which are recomputed without them.
fn supersede(db: &mut dyn Db, id: DocumentId, now: i64) -> Result<()> {
    let old = db.query(
        "SELECT id, cluster_id FROM events WHERE document_id = $1 AND current = 1",
        &[id.into()],
    )?;
    db.exec(
        "UPDATE extractions SET current = 0 WHERE document_id = $1 AND current = 1",
        &[id.into()],
    )?;
    db.exec(
        "UPDATE events SET current = 0 WHERE document_id = $1 AND current = 1",
        &[id.into()],
    )?;
    db.exec(
        "UPDATE mentions SET current = 0 WHERE document_id = $1 AND current = 1",
        &[id.into()],
    )?;
    let mut touched: Vec<EventId> = Vec::new();
    for r in &old {
        if let Some(cluster) = r.opt_int(1)? {
            clusters::log(
                db,
                cluster,
                r.int(0)?,
                "superseded",
                None,
                "its document was extracted again",
                now,
            )?;
            if !touched.contains(&cluster) {
                touched.push(cluster);
            }
        }
    }
    for cluster in touched {
        clusters::refresh(db, cluster)?;
    }
    Ok(())
}

/// The snake_case name serde gives a mention kind.
fn mention_kind(kind: vigie_core::MentionKind) -> Result<String> {
    match serde_json::to_value(kind)? {
        serde_json::Value::String(s) => Ok(s),
        other => Err(StoreError::invalid("mention kind", other.to_string())),
    }
}

fn insert_event(
    db: &mut dyn Db,
    extraction: i64,
    document: DocumentId,
    run: RunId,
    idx: usize,
    e: &vigie_core::Event,
) -> Result<ReportEventId> {
    let place = e.place_best();
    let params: Vec<Value> = vec![
        extraction.into(),
        document.into(),
        run.into(),
        (idx as i64).into(),
        e.id.clone().into(),
        e.event_date.value.map(|d| d.to_string()).into(),
        e.event_date
            .value
            .map(clusters::day_number)
            .transpose()?
            .into(),
        e.time_precision.code().into(),
        e.event_type.as_str().into(),
        e.sub_event_type.value.as_str().into(),
        e.actor1.value.as_ref().map(|a| a.canonical.clone()).into(),
        e.actor2.value.as_ref().map(|a| a.canonical.clone()).into(),
        place.map(|p| p.country.clone()).into(),
        place.and_then(|p| p.admin1.clone()).into(),
        place.and_then(|p| p.admin2.clone()).into(),
        e.location_name().into(),
        place.map(|p| p.latitude).into(),
        place.map(|p| p.longitude).into(),
        e.geo_precision.map(|g| g.code()).into(),
        e.fatalities.value.into(),
        crate::merge::aggregate::reported_fatalities(e).into(),
        f64::from(e.confidence).into(),
        serde_json::to_string(e)?.into(),
    ];
    db.query_one(
        "INSERT INTO events (extraction_id, document_id, run_id, idx, event_key, current, event_date, day,
                             time_precision, event_type, sub_event_type, actor1, actor2, country, admin1, admin2,
                             location, latitude, longitude, geo_precision, fatalities, fatalities_reported,
                             confidence, event_json)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                 $21, $22, $23)
         RETURNING id",
        &params,
    )?
    .int(0)
}
