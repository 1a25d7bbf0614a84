//! Documents, runs, the job queue's entrance, rejections.

use crate::error::Result;
use crate::hash::sha256_hex;
use crate::model::*;
use crate::sql::{in_tx, like_pattern, now_ms, Db, Row, SqlBuilder, TxKind, Value};

pub fn ensure_run(db: &mut dyn Db, v: &RunVersions) -> Result<RunInfo> {
    let params: Vec<Value> = vec![
        v.engine.clone().into(),
        v.lexicons.clone().into(),
        v.gazetteer.clone().into(),
    ];
    const SELECT: &str =
        "SELECT id, created_at_ms FROM runs WHERE engine = $1 AND lexicons = $2 AND gazetteer = $3";
    if let Some(r) = db.query_opt(SELECT, &params)? {
        return Ok(RunInfo {
            id: r.int(0)?,
            versions: v.clone(),
            created_at_ms: r.int(1)?,
        });
    }
    let mut insert = params.clone();
    insert.push(now_ms().into());
    db.exec(
        "INSERT INTO runs (engine, lexicons, gazetteer, created_at_ms) VALUES ($1, $2, $3, $4)
         ON CONFLICT (engine, lexicons, gazetteer) DO NOTHING",
        &insert,
    )?;
    let r = db.query_one(SELECT, &params)?;
    Ok(RunInfo {
        id: r.int(0)?,
        versions: v.clone(),
        created_at_ms: r.int(1)?,
    })
}

pub fn run_from_row(r: &Row, at: usize) -> Result<RunInfo> {
    Ok(RunInfo {
        id: r.int(at)?,
        versions: RunVersions {
            engine: r.text(at + 1)?,
            lexicons: r.text(at + 2)?,
            gazetteer: r.text(at + 3)?,
        },
        created_at_ms: r.int(at + 4)?,
    })
}

pub fn runs(db: &mut dyn Db) -> Result<Vec<RunInfo>> {
    db.query(
        "SELECT id, engine, lexicons, gazetteer, created_at_ms FROM runs ORDER BY id DESC",
        &[],
    )?
    .iter()
    .map(|r| run_from_row(r, 0))
    .collect()
}

pub fn put_document(db: &mut dyn Db, doc: &NewDocument, run: Option<RunId>) -> Result<PutDocument> {
    in_tx(db, TxKind::Write, |db| put_document_in_tx(db, doc, run))
}

/// Stores one document inside the caller's transaction.
pub fn put_document_in_tx(
    db: &mut dyn Db,
    doc: &NewDocument,
    run: Option<RunId>,
) -> Result<PutDocument> {
    let sha = sha256_hex(&doc.raw);
    let search = [Some(&doc.external_id), doc.title.as_ref(), doc.url.as_ref()]
        .into_iter()
        .flatten()
        .map(|s| s.to_lowercase())
        .collect::<Vec<_>>()
        .join(" | ");
    let params: Vec<Value> = vec![
        sha.clone().into(),
        doc.external_id.clone().into(),
        doc.source.clone().into(),
        doc.url.clone().into(),
        doc.title.clone().into(),
        doc.language.clone().into(),
        doc.kind.clone().into(),
        doc.published_at.map(|d| d.to_string()).into(),
        doc.fetched_at_ms.unwrap_or_else(now_ms).into(),
        (doc.raw.len() as i64).into(),
        doc.raw.clone().into(),
        search.into(),
    ];
    {
        let inserted = db.query_opt(
            "INSERT INTO documents (sha256, external_id, source, url, title, language, kind, published_at,
                                    fetched_at_ms, size_bytes, raw, search)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (sha256) DO NOTHING RETURNING id",
            &params,
        )?;
        let (id, created) = match inserted {
            Some(r) => (r.int(0)?, true),
            None => (
                db.query_one(
                    "SELECT id FROM documents WHERE sha256 = $1",
                    &[sha.clone().into()],
                )?
                .int(0)?,
                false,
            ),
        };
        let queued = match run {
            Some(run) => queue(db, id, run)?,
            None => false,
        };
        Ok(PutDocument {
            id,
            created,
            queued,
        })
    }
}

/// Queues one job; `false` if the document was extracted under this run
/// already, or is queued (or failed) there.
pub fn queue(db: &mut dyn Db, document: DocumentId, run: RunId) -> Result<bool> {
    let n = db.exec(
        "INSERT INTO jobs (document_id, run_id, state, queued_at_ms)
         SELECT CAST($1 AS BIGINT), CAST($2 AS BIGINT), 'pending', CAST($3 AS BIGINT)
         WHERE NOT EXISTS (SELECT 1 FROM extractions WHERE document_id = $1 AND run_id = $2)
         ON CONFLICT (document_id, run_id) DO NOTHING",
        &[document.into(), run.into(), now_ms().into()],
    )?;
    Ok(n == 1)
}

pub fn queue_all(db: &mut dyn Db, run: RunId) -> Result<u64> {
    in_tx(db, TxKind::Write, |db| {
        // The WHERE clause also lets SQLite tell the upsert clause from a join.
        db.exec(
            "INSERT INTO jobs (document_id, run_id, state, queued_at_ms)
             SELECT d.id, CAST($1 AS BIGINT), 'pending', CAST($2 AS BIGINT) FROM documents d
             WHERE NOT EXISTS (SELECT 1 FROM extractions x WHERE x.document_id = d.id AND x.run_id = $1)
             ON CONFLICT (document_id, run_id) DO NOTHING",
            &[run.into(), now_ms().into()],
        )
    })
}

pub fn pending(db: &mut dyn Db, run: RunId) -> Result<u64> {
    let r = db.query_one(
        "SELECT COUNT(*) FROM jobs WHERE run_id = $1 AND state = 'pending'",
        &[run.into()],
    )?;
    Ok(r.int(0)?.max(0) as u64)
}

pub fn record_rejection(db: &mut dyn Db, r: &NewRejection) -> Result<()> {
    db.exec(
        "INSERT INTO rejections (external_id, reason, stage, sha256, size_bytes, created_at_ms)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            r.external_id.clone().into(),
            r.reason.clone().into(),
            r.stage.clone().into(),
            r.sha256.clone().into(),
            r.size_bytes.into(),
            now_ms().into(),
        ],
    )?;
    Ok(())
}

pub fn rejections(db: &mut dyn Db, page: Page) -> Result<Paged<Rejection>> {
    let total = db
        .query_one("SELECT COUNT(*) FROM rejections", &[])?
        .int(0)?
        .max(0) as u64;
    let rows = db.query(
        "SELECT id, external_id, reason, stage, sha256, size_bytes, created_at_ms FROM rejections
         ORDER BY id DESC LIMIT $1 OFFSET $2",
        &[i64::from(page.limit).into(), (page.offset as i64).into()],
    )?;
    let items = rows
        .iter()
        .map(|r| {
            Ok(Rejection {
                id: r.int(0)?,
                external_id: r.text(1)?,
                reason: r.text(2)?,
                stage: r.text(3)?,
                sha256: r.opt_text(4)?,
                size_bytes: r.opt_int(5)?,
                created_at_ms: r.int(6)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Paged {
        items,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

pub const SUMMARY_COLUMNS: &str =
    "d.id, d.external_id, d.sha256, d.source, d.url, d.title, d.language, d.kind,
    d.published_at, d.fetched_at_ms, d.size_bytes,
    (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id AND e.current = 1)";

pub fn summary_from_row(r: &Row) -> Result<DocumentSummary> {
    Ok(DocumentSummary {
        id: r.int(0)?,
        external_id: r.text(1)?,
        sha256: r.text(2)?,
        source: r.opt_text(3)?,
        url: r.opt_text(4)?,
        title: r.opt_text(5)?,
        language: r.opt_text(6)?,
        kind: r.text(7)?,
        published_at: r.date(8)?,
        fetched_at_ms: r.int(9)?,
        size_bytes: r.int(10)?,
        event_count: r.int(11)?,
    })
}

pub fn list(
    db: &mut dyn Db,
    filter: &DocumentFilter,
    page: Page,
) -> Result<Paged<DocumentSummary>> {
    let mut q = SqlBuilder::new(" WHERE 1 = 1");
    if let Some(source) = filter.source.as_deref().filter(|s| !s.trim().is_empty()) {
        let p = q.bind(source.trim().to_lowercase());
        q.push(&format!(" AND lower(d.source) = {p}"));
    }
    if let Some(text) = filter.text.as_deref().filter(|s| !s.trim().is_empty()) {
        let p = q.bind(like_pattern(text));
        q.push(&format!(" AND d.search LIKE {p} ESCAPE '\\'"));
    }
    let total = db
        .query_one(
            &format!("SELECT COUNT(*) FROM documents d{}", q.sql),
            &q.params,
        )?
        .int(0)?
        .max(0) as u64;
    let lim = q.bind(i64::from(page.limit));
    let off = q.bind(page.offset as i64);
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM documents d{} ORDER BY d.id DESC LIMIT {lim} OFFSET {off}",
        q.sql
    );
    let items = db
        .query(&sql, &q.params)?
        .iter()
        .map(summary_from_row)
        .collect::<Result<Vec<_>>>()?;
    Ok(Paged {
        items,
        total,
        limit: page.limit,
        offset: page.offset,
    })
}

pub fn summary(db: &mut dyn Db, id: DocumentId) -> Result<Option<DocumentSummary>> {
    db.query_opt(
        &format!("SELECT {SUMMARY_COLUMNS} FROM documents d WHERE d.id = $1"),
        &[id.into()],
    )?
    .map(|r| summary_from_row(&r))
    .transpose()
}

pub fn by_sha256(db: &mut dyn Db, sha: &str) -> Result<Option<DocumentSummary>> {
    db.query_opt(
        &format!("SELECT {SUMMARY_COLUMNS} FROM documents d WHERE d.sha256 = $1"),
        &[sha.trim().to_lowercase().into()],
    )?
    .map(|r| summary_from_row(&r))
    .transpose()
}

pub fn raw(db: &mut dyn Db, id: DocumentId) -> Result<Option<StoredDocument>> {
    let Some(summary) = summary(db, id)? else {
        return Ok(None);
    };
    let raw = db
        .query_one("SELECT raw FROM documents WHERE id = $1", &[id.into()])?
        .blob(0)?;
    Ok(Some(StoredDocument { summary, raw }))
}

pub fn detail(db: &mut dyn Db, id: DocumentId) -> Result<Option<DocumentDetail>> {
    let Some(doc) = raw(db, id)? else {
        return Ok(None);
    };
    let rows = db.query(
        "SELECT x.id, x.created_at_ms, x.event_count, x.mention_count, x.current,
                r.id, r.engine, r.lexicons, r.gazetteer, r.created_at_ms, x.meta_json
         FROM extractions x JOIN runs r ON r.id = x.run_id
         WHERE x.document_id = $1 ORDER BY x.id DESC",
        &[id.into()],
    )?;
    let mut extractions = Vec::with_capacity(rows.len());
    let mut current = None;
    for r in &rows {
        let is_current = r.int(4)? == 1;
        extractions.push(ExtractionSummary {
            id: r.int(0)?,
            created_at_ms: r.int(1)?,
            event_count: r.int(2)?,
            mention_count: r.int(3)?,
            current: is_current,
            run: run_from_row(r, 5)?,
        });
        if is_current && current.is_none() {
            let mut x: vigie_core::DocumentExtraction = r.json(10)?;
            let xid = r.int(0)?;
            x.events = db
                .query(
                    "SELECT event_json FROM events WHERE extraction_id = $1 ORDER BY idx",
                    &[xid.into()],
                )?
                .iter()
                .map(|r| r.json(0))
                .collect::<Result<Vec<_>>>()?;
            x.mentions = db
                .query(
                    "SELECT mention_json FROM mentions WHERE extraction_id = $1 ORDER BY id",
                    &[xid.into()],
                )?
                .iter()
                .map(|r| r.json(0))
                .collect::<Result<Vec<_>>>()?;
            current = Some(x);
        }
    }
    Ok(Some(DocumentDetail {
        text: String::from_utf8_lossy(&doc.raw).into_owned(),
        summary: doc.summary,
        extractions,
        current,
    }))
}
