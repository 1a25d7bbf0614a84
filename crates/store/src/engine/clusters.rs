//! Merged events ("clusters" in the schema): joining, creating, refreshing.

use super::analyst;
use crate::error::{Result, StoreError};
use crate::merge::aggregate::{self, Member};
use crate::merge::{assess, Side, Verdict};
use crate::model::*;
use crate::sql::{now_ms, Db, SqlBuilder, Value};
use vigie_core::{Event, EventType, GeoPrecision, SubEventType};

/// Days since 1970-01-01: integer dates for ranges and week buckets.
pub fn day_number(d: jiff::civil::Date) -> Result<i64> {
    let epoch = jiff::civil::date(1970, 1, 1);
    epoch
        .until(d)
        .map(|s| i64::from(s.get_days()))
        .map_err(|e| StoreError::invalid("date", e.to_string()))
}

/// The inverse of [`day_number`].
pub fn date_of_day(day: i64) -> Option<jiff::civil::Date> {
    let span = jiff::Span::new().try_days(day).ok()?;
    jiff::civil::date(1970, 1, 1).checked_add(span).ok()
}

pub fn log(
    db: &mut dyn Db,
    cluster: EventId,
    event: ReportEventId,
    action: &str,
    score: Option<f64>,
    reason: &str,
    at_ms: i64,
) -> Result<()> {
    db.exec(
        "INSERT INTO merge_log (cluster_id, event_id, action, score, reason, at_ms) VALUES ($1, $2, $3, $4, $5, $6)",
        &[cluster.into(), event.into(), action.into(), score.into(), reason.into(), at_ms.into()],
    )?;
    Ok(())
}

/// Event types a sub-event type may merge with (see `merge::types_compatible`).
fn compatible_types(sub: SubEventType) -> Vec<&'static str> {
    EventType::ALL
        .iter()
        .filter(|t| {
            SubEventType::ALL
                .iter()
                .any(|s| s.event_type() == **t && crate::merge::compatible(sub, *s))
        })
        .map(|t| t.as_str())
        .collect()
}

/// Puts a new report event into the best-matching merged event, or a new one.
pub fn merge_new(
    db: &mut dyn Db,
    report: ReportEventId,
    document: DocumentId,
    event: &Event,
) -> Result<EventId> {
    let now = now_ms();
    let mut best: Option<(EventId, f64, String)> = None;
    if let Some(date) = event.event_date.value {
        for (cluster, merged, reports) in candidates(db, event, day_number(date)?)? {
            let docs: Vec<DocumentId> = merged.sources.iter().map(|s| s.document_id).collect();
            // Compared with every report of the merged event (and its
            // corrected view): reports of one event differ, and the one
            // that matches best decides.
            let verdict = std::iter::once(&merged.event)
                .chain(reports.iter())
                .map(|other| {
                    assess(
                        Side {
                            event,
                            documents: &[document],
                        },
                        Side {
                            event: other,
                            documents: &docs,
                        },
                    )
                })
                .filter_map(|v| match v {
                    Verdict::Merge { score, reason } => Some((score, reason)),
                    Verdict::Apart { .. } => None,
                })
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((score, reason)) = verdict {
                if best.as_ref().is_none_or(|(_, s, _)| score > *s) {
                    best = Some((cluster, score, reason));
                }
            }
        }
    }
    let cluster = match best {
        Some((cluster, score, reason)) => {
            log(db, cluster, report, "joined", Some(score), &reason, now)?;
            cluster
        }
        None => {
            let cluster = db
                .query_one(
                    "INSERT INTO clusters (created_at_ms, updated_at_ms, time_precision, disorder_type, event_type,
                         sub_event_type, actors_search, fatalities, fatalities_max, corroboration, civilian_targeting,
                         sources, notes, search)
                     VALUES ($1, $1, 1, '', '', '', '', 0, 0, 0, 0, '', '', '') RETURNING id",
                    &[now.into()],
                )?
                .int(0)?;
            log(
                db,
                cluster,
                report,
                "created",
                None,
                "no earlier report of the same event",
                now,
            )?;
            cluster
        }
    };
    db.exec(
        "UPDATE events SET cluster_id = $1 WHERE id = $2",
        &[cluster.into(), report.into()],
    )?;
    refresh(db, cluster)?;
    Ok(cluster)
}

/// Merged events that could be the same as `event`: a cheap SQL prefilter
/// (dates within tolerance, compatible type, inside the largest radius),
/// then [`assess`] decides.
fn candidates(
    db: &mut dyn Db,
    event: &Event,
    day: i64,
) -> Result<Vec<(EventId, MergedEvent, Vec<Event>)>> {
    let tol = i64::from(event.time_precision.tolerance_days());
    let mut q = SqlBuilder::new(
        "SELECT id, v.merged_json FROM clusters JOIN cluster_views v ON v.cluster_id = clusters.id
         WHERE corroboration > 0",
    );
    let (lo, hi, d, t) = (
        q.bind(day - 16),
        q.bind(day + 16),
        q.bind(day),
        q.bind(tol + 1),
    );
    q.push(&format!(
        " AND day BETWEEN {lo} AND {hi}
          AND (ABS(day - {d}) <= {t}
               OR ABS(day - {d}) <= (CASE time_precision WHEN 1 THEN 0 WHEN 2 THEN 3 ELSE 15 END) + 1)"
    ));
    let types = compatible_types(event.sub_event_type.value);
    let list: Vec<String> = types.iter().map(|t| q.bind(*t)).collect();
    q.push(&format!(" AND event_type IN ({})", list.join(", ")));
    match event.place_best() {
        Some(p) => {
            let own = event
                .geo_precision
                .unwrap_or(GeoPrecision::Near)
                .radius_km();
            let near = own.max(GeoPrecision::Near.radius_km());
            let far = own.max(GeoPrecision::Region.radius_km());
            let boxed = |q: &mut SqlBuilder, km: f64| {
                let dlat = km / 111.0 + 0.01;
                let dlon = km / (111.0 * p.latitude.to_radians().cos().max(0.05)) + 0.01;
                let (a, b, c, d) = (
                    q.bind(p.latitude - dlat),
                    q.bind(p.latitude + dlat),
                    q.bind(p.longitude - dlon),
                    q.bind(p.longitude + dlon),
                );
                format!("latitude BETWEEN {a} AND {b} AND longitude BETWEEN {c} AND {d}")
            };
            let near_box = boxed(&mut q, near);
            let far_box = boxed(&mut q, far);
            let region = q.bind(GeoPrecision::Region.code());
            q.push(&format!(
                " AND ((({near_box}) AND (geo_precision IS NULL OR geo_precision <> {region}))
                       OR (({far_box}) AND geo_precision = {region}))"
            ));
        }
        None => {
            q.push(" AND latitude IS NULL");
        }
    }
    q.push(" ORDER BY id");
    let rows = db.query_once(&q.sql, &q.params)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let id = r.int(0)?;
        let reports = db
            .query(
                "SELECT event_json FROM events WHERE cluster_id = $1 AND current = 1 ORDER BY id",
                &[id.into()],
            )?
            .iter()
            .map(|r| r.json::<Event>(0))
            .collect::<Result<Vec<_>>>()?;
        out.push((id, r.json::<MergedEvent>(1)?, reports));
    }
    Ok(out)
}

/// The current report events of a merged event.
pub fn members(db: &mut dyn Db, cluster: EventId) -> Result<Vec<Member>> {
    db.query(
        "SELECT e.id, e.document_id, d.external_id, d.source, d.url, d.published_at, e.event_json
         FROM events e JOIN documents d ON d.id = e.document_id
         WHERE e.cluster_id = $1 AND e.current = 1 ORDER BY e.id",
        &[cluster.into()],
    )?
    .iter()
    .map(|r| {
        Ok(Member {
            report_event_id: r.int(0)?,
            document_id: r.int(1)?,
            external_id: r.text(2)?,
            source: r.opt_text(3)?,
            url: r.opt_text(4)?,
            published_at: r.date(5)?,
            event: r.json(6)?,
        })
    })
    .collect()
}

/// Recomputes a merged event from its current reports and corrections, and
/// rewrites its row. With no report left it is hidden (corroboration 0), not
/// deleted: its corrections and history stay.
pub fn refresh(db: &mut dyn Db, cluster: EventId) -> Result<()> {
    let now = now_ms();
    let members = members(db, cluster)?;
    if members.is_empty() {
        db.exec(
            "UPDATE clusters SET corroboration = 0, updated_at_ms = $2 WHERE id = $1",
            &[cluster.into(), now.into()],
        )?;
        return Ok(());
    }
    let created = db
        .query_one(
            "SELECT created_at_ms FROM clusters WHERE id = $1",
            &[cluster.into()],
        )?
        .int(0)?;
    let corrections = analyst::corrections(db, cluster)?;
    let merged = aggregate::build(cluster, &members, &corrections, created, now)?;
    write_row(db, &merged, &members)
}

/// Writes the indexed columns and the JSON of a merged event.
pub fn write_row(db: &mut dyn Db, merged: &MergedEvent, members: &[Member]) -> Result<()> {
    let e = &merged.event;
    let place = e.place_best();
    let lc = |s: Option<&str>| s.map(|s| s.trim().to_lowercase());
    let mut actors: Vec<String> = members
        .iter()
        .flat_map(|m| {
            let e = &m.event;
            e.actor1
                .value
                .iter()
                .chain(e.actor2.value.iter())
                .chain(&e.assoc_actor_1)
                .chain(&e.assoc_actor_2)
        })
        .chain(e.actor1.value.iter())
        .chain(e.actor2.value.iter())
        .map(|a| a.canonical.to_lowercase())
        .collect();
    actors.sort();
    actors.dedup();
    let mut sources: Vec<String> = members
        .iter()
        .map(|m| m.source.clone().unwrap_or_else(|| m.external_id.clone()))
        .collect();
    sources.sort();
    sources.dedup();
    let location = e.location_name();
    let mut search: Vec<String> = vec![e.notes.to_lowercase()];
    search.extend(location.iter().map(|l| l.to_lowercase()));
    search.extend(members.iter().filter_map(|m| {
        m.event
            .place
            .value
            .as_ref()
            .map(|p| p.written.to_lowercase())
    }));
    search.extend(members.iter().map(|m| m.event.notes.to_lowercase()));
    search.dedup();

    let params: Vec<Value> = vec![
        merged.id.into(),
        merged.updated_at_ms.into(),
        e.event_date.value.map(|d| d.to_string()).into(),
        e.event_date.value.map(day_number).transpose()?.into(),
        e.time_precision.code().into(),
        e.disorder_type.as_str().into(),
        e.event_type.as_str().into(),
        e.sub_event_type.value.as_str().into(),
        e.actor1.value.as_ref().map(|a| a.canonical.clone()).into(),
        e.actor2.value.as_ref().map(|a| a.canonical.clone()).into(),
        actors.join(" | ").into(),
        place
            .map(|p| p.country.clone())
            .filter(|s| !s.is_empty())
            .into(),
        place
            .map(|p| p.country_code.to_uppercase())
            .filter(|s| !s.is_empty())
            .into(),
        lc(place.map(|p| p.country.as_str()))
            .filter(|s| !s.is_empty())
            .into(),
        place.and_then(|p| p.admin1.clone()).into(),
        lc(place.and_then(|p| p.admin1.as_deref())).into(),
        place.and_then(|p| p.admin2.clone()).into(),
        lc(place.and_then(|p| p.admin2.as_deref())).into(),
        location.into(),
        place.map(|p| p.latitude).into(),
        place.map(|p| p.longitude).into(),
        e.geo_precision.map(|g| g.code()).into(),
        merged.fatalities_conservative.into(),
        merged
            .fatalities_max
            .max(merged.fatalities_conservative)
            .into(),
        merged.corroboration.into(),
        e.civilian_targeting.value.into(),
        sources.join("; ").into(),
        e.notes.clone().into(),
        search.join(" | ").into(),
    ];
    db.exec(
        "UPDATE clusters SET updated_at_ms = $2, event_date = $3, day = $4, time_precision = $5, disorder_type = $6,
             event_type = $7, sub_event_type = $8, actor1 = $9, actor2 = $10, actors_search = $11, country = $12,
             country_code = $13, country_lc = $14, admin1 = $15, admin1_lc = $16, admin2 = $17, admin2_lc = $18,
             location = $19, latitude = $20, longitude = $21, geo_precision = $22, fatalities = $23,
             fatalities_max = $24, corroboration = $25, civilian_targeting = $26, sources = $27, notes = $28,
             search = $29
         WHERE id = $1",
        &params,
    )?;
    db.exec(
        "INSERT INTO cluster_views (cluster_id, merged_json) VALUES ($1, $2)
         ON CONFLICT (cluster_id) DO UPDATE SET merged_json = excluded.merged_json",
        &[merged.id.into(), serde_json::to_string(merged)?.into()],
    )?;
    Ok(())
}
