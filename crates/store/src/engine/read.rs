//! Queries for the API, the dashboard and exports.

use super::{analyst, clusters, documents};
use crate::error::{Result, StoreError};
use crate::model::*;
use crate::sql::{in_tx, like_pattern, Db, Dialect, Row, SqlBuilder, TxKind};
use vigie_core::{EventType, SubEventType};

/// The first row of a value-dependent query (see `Db::query_once`).
fn one_once(db: &mut dyn Db, sql: &str, params: &[crate::sql::Value]) -> Result<Row> {
    db.query_once(sql, params)?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::NotFound("no row".to_string()))
}

/// Appends the filter's conditions to a statement whose WHERE is open.
fn push_filter(q: &mut SqlBuilder, dialect: Dialect, f: &EventFilter) -> Result<()> {
    let nonempty = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if let Some(d) = f.date_from {
        let p = q.bind(clusters::day_number(d)?);
        q.push(&format!(" AND day >= {p}"));
    }
    if let Some(d) = f.date_to {
        let p = q.bind(clusters::day_number(d)?);
        q.push(&format!(" AND day <= {p}"));
    }
    if let Some(c) = nonempty(&f.country) {
        let (a, b) = (q.bind(c.to_lowercase()), q.bind(c.to_uppercase()));
        q.push(&format!(" AND (country_lc = {a} OR country_code = {b})"));
    }
    if let Some(a) = nonempty(&f.admin1) {
        let p = q.bind(a.to_lowercase());
        q.push(&format!(" AND admin1_lc = {p}"));
    }
    if let Some(a) = nonempty(&f.admin2) {
        let p = q.bind(a.to_lowercase());
        q.push(&format!(" AND admin2_lc = {p}"));
    }
    if let Some(t) = nonempty(&f.event_type) {
        let t: EventType = t
            .parse()
            .map_err(|e| StoreError::invalid("event_type", format!("{e}")))?;
        let p = q.bind(t.as_str());
        q.push(&format!(" AND event_type = {p}"));
    }
    if let Some(t) = nonempty(&f.sub_event_type) {
        let t: SubEventType = SubEventType::from_key(&t).ok_or_else(|| {
            StoreError::invalid("sub_event_type", format!("unknown sub-event type {t:?}"))
        })?;
        let p = q.bind(t.as_str());
        q.push(&format!(" AND sub_event_type = {p}"));
    }
    if let Some(a) = nonempty(&f.actor) {
        let p = q.bind(like_pattern(&a));
        q.push(&format!(" AND actors_search LIKE {p} ESCAPE '\\'"));
    }
    if let Some(t) = nonempty(&f.text) {
        let p = q.bind(like_pattern(&t));
        q.push(&format!(" AND search LIKE {p} ESCAPE '\\'"));
    }
    if let Some(n) = f.min_corroboration {
        let p = q.bind(n);
        q.push(&format!(" AND corroboration >= {p}"));
    }
    if let Some(doc) = f.document_id {
        let p = q.bind(doc);
        q.push(&format!(
            " AND id IN (SELECT cluster_id FROM events WHERE document_id = {p} AND current = 1)"
        ));
    }
    if let Some(b) = f.bbox {
        let finite = [b.min_lon, b.min_lat, b.max_lon, b.max_lat]
            .iter()
            .all(|v| v.is_finite());
        if !finite || b.min_lon > b.max_lon || b.min_lat > b.max_lat {
            return Err(StoreError::invalid(
                "bbox",
                "expected min_lon <= max_lon and min_lat <= max_lat (boxes across the antimeridian are not supported)",
            ));
        }
        let (x0, y0, x1, y1) = (
            q.bind(b.min_lon),
            q.bind(b.min_lat),
            q.bind(b.max_lon),
            q.bind(b.max_lat),
        );
        match dialect {
            Dialect::Postgres { postgis: true } => {
                q.push(&format!(
                    " AND geom && ST_MakeEnvelope({x0}, {y0}, {x1}, {y1}, 4326)"
                ));
            }
            _ => {
                q.push(&format!(
                    " AND longitude BETWEEN {x0} AND {x1} AND latitude BETWEEN {y0} AND {y1}"
                ));
            }
        }
    }
    Ok(())
}

const SUMMARY: &str = "id, event_date, time_precision, disorder_type, event_type, sub_event_type, actor1, actor2,
    country, country_code, admin1, admin2, location, latitude, longitude, geo_precision, fatalities, fatalities_max,
    corroboration, sources, notes, civilian_targeting, updated_at_ms";

fn summary_from_row(r: &Row) -> Result<EventSummary> {
    let small =
        |i: usize| -> Result<Option<u8>> { Ok(r.opt_int(i)?.and_then(|v| u8::try_from(v).ok())) };
    let count =
        |i: usize| -> Result<u32> { Ok(u32::try_from(r.int(i)?.max(0)).unwrap_or(u32::MAX)) };
    Ok(EventSummary {
        id: r.int(0)?,
        event_date: r.date(1)?,
        time_precision: small(2)?.unwrap_or(1),
        disorder_type: r.text(3)?,
        event_type: r.text(4)?,
        sub_event_type: r.text(5)?,
        actor1: r.opt_text(6)?,
        actor2: r.opt_text(7)?,
        country: r.opt_text(8)?,
        country_code: r.opt_text(9)?,
        admin1: r.opt_text(10)?,
        admin2: r.opt_text(11)?,
        location: r.opt_text(12)?,
        latitude: r.real(13)?,
        longitude: r.real(14)?,
        geo_precision: small(15)?,
        fatalities: count(16)?,
        fatalities_max: count(17)?,
        corroboration: count(18)?,
        sources: r.text(19)?,
        notes: r.text(20)?,
        civilian_targeting: r.int(21)? != 0,
        updated_at_ms: r.int(22)?,
    })
}

fn order_by(sort: EventSort, dialect: Dialect) -> &'static str {
    match sort {
        // Undated last, newest first, written so the `clusters_recent` index
        // serves it (an `(day IS NULL)` term forces a full sort: 180 ms vs
        // 0.7 ms for a first page at 100,000 events on SQLite). SQLite puts
        // NULLs last in DESC order by itself; PostgreSQL is told to.
        EventSort::DateDesc => match dialect {
            Dialect::Sqlite => " ORDER BY day DESC, id DESC",
            Dialect::Postgres { .. } => " ORDER BY day DESC NULLS LAST, id DESC",
        },
        EventSort::DateAsc => " ORDER BY (day IS NULL), day ASC, id ASC",
        EventSort::FatalitiesDesc => " ORDER BY fatalities DESC, (day IS NULL), day DESC, id DESC",
        EventSort::CorroborationDesc => {
            " ORDER BY corroboration DESC, (day IS NULL), day DESC, id DESC"
        }
    }
}

pub fn events(
    db: &mut dyn Db,
    dialect: Dialect,
    f: &EventFilter,
    sort: EventSort,
    page: Page,
) -> Result<Paged<EventSummary>> {
    let mut q = SqlBuilder::new(" WHERE corroboration > 0");
    push_filter(&mut q, dialect, f)?;
    let total = one_once(
        db,
        &format!("SELECT COUNT(*) FROM clusters{}", q.sql),
        &q.params,
    )?
    .int(0)?
    .max(0) as u64;
    let (lim, off) = (q.bind(i64::from(page.limit)), q.bind(page.offset as i64));
    let sql = format!(
        "SELECT {SUMMARY} FROM clusters{}{} LIMIT {lim} OFFSET {off}",
        q.sql,
        order_by(sort, dialect)
    );
    let items = db
        .query_once(&sql, &q.params)?
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

pub fn for_each_event(
    db: &mut dyn Db,
    dialect: Dialect,
    f: &EventFilter,
    sink: &mut dyn FnMut(MergedEvent) -> Result<()>,
) -> Result<u64> {
    let mut q = SqlBuilder::new(" WHERE corroboration > 0");
    push_filter(&mut q, dialect, f)?;
    let sql = format!(
        "SELECT v.merged_json FROM clusters JOIN cluster_views v ON v.cluster_id = clusters.id{}{}",
        q.sql,
        order_by(EventSort::DateAsc, dialect)
    );
    let mut n = 0u64;
    db.query_each(&sql, &q.params, &mut |r| {
        n += 1;
        sink(r.json(0)?)
    })?;
    Ok(n)
}

/// One merged event, read in one transaction so its parts agree.
pub fn event(db: &mut dyn Db, id: EventId) -> Result<Option<EventDetail>> {
    in_tx(db, TxKind::Read, |db| event_in_tx(db, id))
}

fn event_in_tx(db: &mut dyn Db, id: EventId) -> Result<Option<EventDetail>> {
    let Some(row) = db.query_opt(
        "SELECT v.merged_json FROM clusters c JOIN cluster_views v ON v.cluster_id = c.id
         WHERE c.id = $1 AND c.corroboration > 0",
        &[id.into()],
    )?
    else {
        return Ok(None);
    };
    let merged: MergedEvent = row.json(0)?;
    let reports = db
        .query(
            "SELECT id, document_id, run_id, current, event_json FROM events WHERE cluster_id = $1 ORDER BY id",
            &[id.into()],
        )?
        .iter()
        .map(|r| {
            Ok(ReportEvent {
                id: r.int(0)?,
                document_id: r.int(1)?,
                run_id: r.int(2)?,
                current: r.int(3)? == 1,
                event: r.json(4)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut doc_ids: Vec<DocumentId> = reports
        .iter()
        .filter(|r| r.current)
        .map(|r| r.document_id)
        .collect();
    doc_ids.sort_unstable();
    doc_ids.dedup();
    let mut docs = Vec::with_capacity(doc_ids.len());
    for d in doc_ids {
        if let Some(s) = documents::summary(db, d)? {
            docs.push(s);
        }
    }
    let history = db
        .query(
            "SELECT event_id, action, score, reason, at_ms FROM merge_log WHERE cluster_id = $1 ORDER BY id",
            &[id.into()],
        )?
        .iter()
        .map(|r| {
            Ok(MergeStep {
                report_event_id: r.int(0)?,
                action: r.text(1)?,
                score: r.real(2)?,
                reason: r.text(3)?,
                at_ms: r.int(4)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let corrections = analyst::corrections(db, id)?;
    Ok(Some(EventDetail {
        merged,
        reports,
        documents: docs,
        history,
        corrections,
    }))
}

pub fn mentions(db: &mut dyn Db, f: &MentionFilter, page: Page) -> Result<Paged<MentionRecord>> {
    let mut q = SqlBuilder::new(" WHERE current = 1");
    if let Some(d) = f.document_id {
        let p = q.bind(d);
        q.push(&format!(" AND document_id = {p}"));
    }
    if let Some(k) = f.kind.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let p = q.bind(k);
        q.push(&format!(" AND kind = {p}"));
    }
    if let Some(t) = f.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let p = q.bind(like_pattern(t));
        q.push(&format!(" AND search LIKE {p} ESCAPE '\\'"));
    }
    let total = db
        .query_one(
            &format!("SELECT COUNT(*) FROM mentions{}", q.sql),
            &q.params,
        )?
        .int(0)?
        .max(0) as u64;
    let (lim, off) = (q.bind(i64::from(page.limit)), q.bind(page.offset as i64));
    let sql = format!(
        "SELECT id, document_id, run_id, mention_json FROM mentions{} ORDER BY id DESC LIMIT {lim} OFFSET {off}",
        q.sql
    );
    let items = db
        .query(&sql, &q.params)?
        .iter()
        .map(|r| {
            Ok(MentionRecord {
                id: r.int(0)?,
                document_id: r.int(1)?,
                run_id: r.int(2)?,
                mention: r.json(3)?,
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

fn counts(rows: Vec<Row>, key: impl Fn(&Row) -> Result<String>) -> Result<Vec<Count>> {
    rows.iter()
        .map(|r| {
            let n = r.width();
            Ok(Count {
                key: key(r)?,
                events: r.int(n - 2)?.max(0) as u64,
                fatalities: r.int(n - 1)?.max(0) as u64,
            })
        })
        .collect()
}

pub fn stats(db: &mut dyn Db, dialect: Dialect, f: &EventFilter) -> Result<Stats> {
    let mut q = SqlBuilder::new(" WHERE corroboration > 0");
    push_filter(&mut q, dialect, f)?;
    let w = q.sql.clone();
    let p = &q.params;
    const AGG: &str = "COUNT(*), CAST(COALESCE(SUM(fatalities), 0) AS BIGINT)";
    let total = one_once(db, &format!("SELECT {AGG} FROM clusters{w}"), p)?;
    let documents = db
        .query_one("SELECT COUNT(*) FROM documents", &[])?
        .int(0)?
        .max(0) as u64;
    // 1970-01-05 (day 4) was a Monday: weeks start on Mondays.
    let by_week = counts(
        db.query_once(
            &format!(
                "SELECT day - ((day - 4) % 7 + 7) % 7 AS week, {AGG} FROM clusters{w} AND day IS NOT NULL
                 GROUP BY 1 ORDER BY 1"
            ),
            p,
        )?,
        |r| Ok(r.opt_int(0)?.and_then(clusters::date_of_day).map(|d| d.to_string()).unwrap_or_default()),
    )?;
    let by_event_type = counts(
        db.query_once(
            &format!(
                "SELECT event_type, {AGG} FROM clusters{w} GROUP BY event_type ORDER BY 2 DESC, 1"
            ),
            p,
        )?,
        |r| r.text(0),
    )?;
    let by_region = counts(
        db.query_once(
            &format!(
                "SELECT COALESCE(country, 'unknown'), COALESCE(admin1, 'unknown'), {AGG} FROM clusters{w}
                 GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2"
            ),
            p,
        )?,
        |r| Ok(format!("{} / {}", r.text(0)?, r.text(1)?)),
    )?;
    Ok(Stats {
        events: total.int(0)?.max(0) as u64,
        fatalities: total.int(1)?.max(0) as u64,
        documents,
        by_week,
        by_event_type,
        by_region,
    })
}
