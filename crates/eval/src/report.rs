//! Reports: the serialisable summary of a scoring run, a readable table for
//! people, a side-by-side comparison of two systems, and the failures CSV.

use crate::gold::{GoldFormat, GoldSet};
use crate::metrics::{ratio, round4, ConfusionTable, Prf};
use crate::predictions::RunMeta;
use crate::score::{Failure, Scores, FIELDS};
use crate::targets::Targets;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use vigie_core::{EventType, SubEventType};

/// Precision / recall / F1 with their counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrfRow {
    pub tp: u64,
    pub fp: u64,
    #[serde(rename = "fn")]
    pub fn_: u64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met: Option<bool>,
}

impl PrfRow {
    fn new(p: Prf, target: Option<f64>) -> Self {
        let f1 = round4(p.f1());
        PrfRow {
            tp: p.tp,
            fp: p.fp,
            fn_: p.fn_,
            precision: round4(p.precision()),
            recall: round4(p.recall()),
            f1,
            target,
            met: target.map(|t| p.f1() >= t),
        }
    }
}

/// One scored field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldRow {
    /// `<field>.<measure>`, the name targets use.
    pub metric: String,
    /// Right answers on matched events.
    pub correct: u64,
    /// Matched events whose gold codes the field.
    pub total: u64,
    /// `correct / total`: the score on matched events.
    pub score: f64,
    /// Gold events that code the field, matched or not.
    pub gold_total: u64,
    /// `correct / gold_total`: unmatched gold events count as wrong.
    pub score_all_gold: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met: Option<bool>,
}

/// Everything one scoring run says, ready for `--json` and the results files.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub set: String,
    pub format: GoldFormat,
    pub system: String,
    pub documents: u64,
    pub documents_without_prediction: u64,
    pub documents_failed: u64,
    /// Documents with gold events for which nothing was predicted.
    pub documents_nothing_predicted: u64,
    pub gold_events: u64,
    pub predicted_events: u64,
    pub events: PrfRow,
    pub fields: Vec<FieldRow>,
    pub macro_f1: BTreeMap<String, f64>,
    /// Median distance (km) over matched events where both sides have a point.
    pub location_median_km: Option<f64>,
    pub toponyms: PrfRow,
    pub toponyms_not_in_text: u64,
    pub actors: PrfRow,
    /// What the texts allow for event_date.within_precision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_ceiling: Option<DateCeiling>,
    pub confusion: BTreeMap<String, ConfusionTable>,
    /// Throughput of the run; left out of committed results (it varies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run: Option<RunMeta>,
}

/// Matched events whose report gives no date of its own (the prediction fell
/// back on the publication date), and the best within-precision score any
/// reader of the text alone could reach.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateCeiling {
    pub no_date_in_text: u64,
    pub right_anyway: u64,
    pub ceiling: f64,
}

impl EvalReport {
    pub fn new(gold: &GoldSet, system: &str, s: &Scores, targets: &Targets) -> Self {
        let kind = gold.format.set_kind();
        let target = |m: &str| targets.get(kind, m).map(|t| t.value);
        let fields = FIELDS
            .iter()
            .filter_map(|name| {
                let t = s.fields.get(name)?;
                let tg = target(name);
                Some(FieldRow {
                    metric: name.to_string(),
                    correct: t.matched.correct,
                    total: t.matched.total,
                    score: round4(t.matched.accuracy()),
                    gold_total: t.gold_total,
                    score_all_gold: round4(ratio(t.matched.correct, t.gold_total)),
                    target: tg,
                    met: tg.map(|v| t.matched.total > 0 && t.matched.accuracy() >= v),
                })
            })
            .collect();
        let et_order: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        let st_order: Vec<&str> = SubEventType::ALL.iter().map(|t| t.as_str()).collect();
        let mut confusion = BTreeMap::new();
        confusion.insert("event_type".to_string(), s.event_type.table(&et_order));
        confusion.insert(
            "sub_event_type".to_string(),
            s.sub_event_type.table(&st_order),
        );
        let mut macro_f1 = BTreeMap::new();
        macro_f1.insert("event_type".to_string(), round4(s.event_type.macro_f1()));
        macro_f1.insert(
            "sub_event_type".to_string(),
            round4(s.sub_event_type.macro_f1()),
        );
        EvalReport {
            set: gold.name.clone(),
            format: gold.format,
            system: system.to_string(),
            documents: s.documents,
            documents_without_prediction: s.documents_without_prediction,
            documents_failed: s.documents_failed,
            documents_nothing_predicted: s.documents_nothing_predicted,
            gold_events: s.gold_events,
            predicted_events: s.predicted_events,
            events: PrfRow::new(s.events, target("events.f1")),
            fields,
            macro_f1,
            location_median_km: median(&s.distances_km).map(|m| (m * 10.0).round() / 10.0),
            toponyms: PrfRow::new(s.toponyms, target("toponyms.f1")),
            toponyms_not_in_text: s.toponyms_not_in_text,
            actors: PrfRow::new(s.actors, target("actors.f1")),
            date_ceiling: date_ceiling(s),
            confusion,
            run: None,
        }
    }

    pub fn field(&self, metric: &str) -> Option<&FieldRow> {
        self.fields.iter().find(|f| f.metric == metric)
    }
}

fn date_ceiling(s: &Scores) -> Option<DateCeiling> {
    let t = s.fields.get("event_date.within_precision")?;
    if s.dates_not_in_text == 0 || t.matched.total == 0 {
        return None;
    }
    let unfixable = s.dates_not_in_text - s.dates_not_in_text_right;
    Some(DateCeiling {
        no_date_in_text: s.dates_not_in_text,
        right_anyway: s.dates_not_in_text_right,
        ceiling: round4(ratio(t.matched.total - unfixable, t.matched.total)),
    })
}

/// Median of sorted values.
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

fn mark(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "met",
        Some(false) => "MISSED",
        None => "",
    }
}

fn pct(x: f64) -> String {
    format!("{:.3}", x)
}

/// The readable table for people.
pub fn render_text(r: &EvalReport) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "== {} — {} ({})", r.set, r.system, r.format.describe());
    let _ = writeln!(
        o,
        "documents {}  gold events {}  predicted events {}  documents with gold events but none predicted {}{}{}",
        r.documents,
        r.gold_events,
        r.predicted_events,
        r.documents_nothing_predicted,
        if r.documents_failed > 0 {
            format!("  FAILED documents {}", r.documents_failed)
        } else {
            String::new()
        },
        if r.documents_without_prediction > 0 {
            format!(
                "  documents without prediction {}",
                r.documents_without_prediction
            )
        } else {
            String::new()
        },
    );
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{:<30} {:>7} {:>7} {:>7} {:>9} {:>9}",
        "events (matching)", "P", "R", "F1", "target", ""
    );
    let e = &r.events;
    let _ = writeln!(
        o,
        "{:<30} {:>7} {:>7} {:>7} {:>9} {:>9}",
        format!("tp {} fp {} fn {}", e.tp, e.fp, e.fn_),
        pct(e.precision),
        pct(e.recall),
        pct(e.f1),
        e.target.map(|t| format!(">={t:.2}")).unwrap_or_default(),
        mark(e.met)
    );
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{:<30} {:>13} {:>7} {:>8} {:>9} {:>7}",
        "field (on matched events)", "right/scored", "score", "all-gold", "target", ""
    );
    for f in &r.fields {
        if f.gold_total == 0 {
            let _ = writeln!(o, "{:<30} {:>13}", f.metric, "not coded in gold");
            continue;
        }
        let _ = writeln!(
            o,
            "{:<30} {:>13} {:>7} {:>8} {:>9} {:>7}",
            f.metric,
            format!("{}/{}", f.correct, f.total),
            pct(f.score),
            pct(f.score_all_gold),
            f.target.map(|t| format!(">={t:.2}")).unwrap_or_default(),
            mark(f.met)
        );
    }
    for (k, v) in &r.macro_f1 {
        let _ = writeln!(
            o,
            "{:<30} {:>13} {:>7}",
            format!("{k}.macro_f1"),
            "",
            pct(*v)
        );
    }
    if let Some(c) = &r.date_ceiling {
        let _ = writeln!(
            o,
            "{:<30} {:>13} {:>7}  {} matched events' reports give no date ({} right anyway by the publication date)",
            "event_date.text_ceiling",
            "",
            pct(c.ceiling),
            c.no_date_in_text,
            c.right_anyway
        );
    }
    if let Some(m) = r.location_median_km {
        let _ = writeln!(
            o,
            "{:<30} {:>13} {:>7}",
            "location.median_km",
            "",
            format!("{m:.1}")
        );
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{:<30} {:>7} {:>7} {:>7}  counts",
        "recognition (per document)", "P", "R", "F1"
    );
    for (name, p, extra) in [
        (
            "toponyms",
            &r.toponyms,
            format!(", {} gold names not in text", r.toponyms_not_in_text),
        ),
        ("actors", &r.actors, String::new()),
    ] {
        let _ = writeln!(
            o,
            "{:<30} {:>7} {:>7} {:>7}  tp {} fp {} fn {}{}",
            name,
            pct(p.precision),
            pct(p.recall),
            pct(p.f1),
            p.tp,
            p.fp,
            p.fn_,
            extra
        );
    }
    for (name, table) in &r.confusion {
        let _ = writeln!(o);
        render_confusion(&mut o, name, table);
    }
    if let Some(run) = &r.run {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "throughput: {} documents, {:.2} MB in {:.2} s ({} workers): {:.0} docs/s, {:.3} MB/s",
            run.documents,
            run.bytes as f64 / 1e6,
            run.seconds,
            run.workers,
            run.docs_per_second(),
            run.mb_per_second()
        );
    }
    o
}

/// Labels are numbered so a 25×25 matrix stays narrow; the legend follows.
fn render_confusion(o: &mut String, name: &str, t: &ConfusionTable) {
    if t.gold.is_empty() {
        let _ = writeln!(o, "confusion {name}: no matched events");
        return;
    }
    let _ = writeln!(o, "confusion {name} (rows gold, columns predicted):");
    let _ = write!(o, "{:>4}", "");
    for j in 0..t.predicted.len() {
        let _ = write!(o, " {:>4}", format!("p{}", j + 1));
    }
    let _ = writeln!(o);
    for (i, g) in t.gold.iter().enumerate() {
        let gi = t
            .predicted
            .iter()
            .position(|p| p == g)
            .map_or(String::from("?"), |j| format!("p{}", j + 1));
        let _ = write!(o, "{gi:>4}");
        for c in &t.rows[i] {
            let _ = write!(
                o,
                " {:>4}",
                if *c == 0 {
                    ".".to_string()
                } else {
                    c.to_string()
                }
            );
        }
        let _ = writeln!(o);
    }
    let legend: Vec<String> = t
        .predicted
        .iter()
        .enumerate()
        .map(|(j, l)| format!("p{}={l}", j + 1))
        .collect();
    let _ = writeln!(o, "  {}", legend.join("; "));
}

/// The metrics the vigie-vs-baseline table shows.
pub const COMPARISON_METRICS: &[&str] = &[
    "events.f1",
    "event_type.accuracy",
    "sub_event_type.accuracy",
    "actor1.accuracy",
    "location.within_25km",
    "admin1.accuracy",
    "toponyms.f1",
    "actors.f1",
];

/// A metric's value for the comparison: field scores on the all-gold basis
/// (unmatched gold events count as wrong), so systems that match different
/// events are compared on the same denominator.
pub fn comparison_value(r: &EvalReport, metric: &str) -> Option<f64> {
    match metric {
        "events.f1" => Some(r.events.f1),
        "toponyms.f1" => Some(r.toponyms.f1),
        "actors.f1" => Some(r.actors.f1),
        m => r
            .field(m)
            .filter(|f| f.gold_total > 0)
            .map(|f| f.score_all_gold),
    }
}

/// Markdown table: one row per metric, one column per system.
pub fn render_comparison(reports: &[&EvalReport]) -> String {
    let mut o = String::new();
    let Some(first) = reports.first() else {
        return o;
    };
    let _ = writeln!(
        o,
        "| {} | {} |",
        first.set,
        reports
            .iter()
            .map(|r| r.system.as_str())
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(o, "|---|{}", "---:|".repeat(reports.len()));
    for m in COMPARISON_METRICS {
        let cells: Vec<String> = reports
            .iter()
            .map(|r| comparison_value(r, m).map_or("–".into(), |v| format!("{v:.3}")))
            .collect();
        let _ = writeln!(o, "| {m} | {} |", cells.join(" | "));
    }
    if reports.iter().any(|r| r.run.is_some()) {
        let cell = |f: &dyn Fn(&RunMeta) -> String| -> String {
            reports
                .iter()
                .map(|r| r.run.as_ref().map_or("–".into(), f))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let _ = writeln!(
            o,
            "| documents/s | {} |",
            cell(&|m| format!("{:.0}", m.docs_per_second()))
        );
        let _ = writeln!(
            o,
            "| MB/s | {} |",
            cell(&|m| format!("{:.3}", m.mb_per_second()))
        );
        let _ = writeln!(o, "| workers | {} |", cell(&|m| m.workers.to_string()));
    }
    o
}

/// Writes the failures as CSV: `doc_id,gold_event,predicted_event,field,gold,predicted`.
pub fn write_failures_csv<W: std::io::Write>(
    w: W,
    set: &str,
    failures: &[Failure],
) -> csv::Result<()> {
    let mut wr = csv::Writer::from_writer(w);
    wr.write_record([
        "set",
        "doc_id",
        "gold_event",
        "predicted_event",
        "field",
        "gold",
        "predicted",
    ])?;
    for f in failures {
        wr.write_record([
            set,
            &f.doc_id,
            &f.gold_event.to_string(),
            &f.predicted_event.to_string(),
            &f.field,
            &f.gold,
            &f.predicted,
        ])?;
    }
    wr.flush()?;
    Ok(())
}

/// Writes only the header (to start a file several sets append to).
pub fn failures_header() -> &'static str {
    "set,doc_id,gold_event,predicted_event,field,gold,predicted\n"
}
