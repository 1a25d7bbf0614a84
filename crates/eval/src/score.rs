//! Scoring one system's predictions against one gold set.
//!
//! Per document: match events ([`crate::matching`]), count event-level
//! hits, compare each field on matched pairs, and list every failure.
//! Everything is counted in gold order and kept in ordered maps, so the same
//! input gives the same numbers and the same failure list.

use crate::actors::ActorRule;
use crate::coded::{CodedEvent, GoldDocument, PredictedDocument};
use crate::equivalences::Equivalences;
use crate::fold::{contains_words, fold};
use crate::gold::GoldSet;
use crate::matching::{match_events, Similarity};
use crate::metrics::{Confusion, Prf, Tally, NONE_LABEL};
use std::collections::{BTreeMap, BTreeSet};
use vigie_core::haversine_km;

/// One field of one event that did not agree, for error analysis.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Failure {
    pub doc_id: String,
    /// 1-based index of the gold event in its document (0 = none).
    pub gold_event: usize,
    /// 1-based index of the predicted event (0 = none).
    pub predicted_event: usize,
    pub field: String,
    pub gold: String,
    pub predicted: String,
}

/// A field scored on matched events, with the count of gold events that
/// code it (matched or not), for the stricter "all gold" reading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldTally {
    pub matched: Tally,
    pub gold_total: u64,
}

impl FieldTally {
    fn add(&mut self, ok: bool) {
        self.matched.add(ok);
    }
}

/// Every count the report is made of.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub documents: u64,
    pub documents_without_prediction: u64,
    pub documents_failed: u64,
    /// Documents with gold events for which the system predicted none.
    pub documents_nothing_predicted: u64,
    pub gold_events: u64,
    pub predicted_events: u64,
    pub events: Prf,
    /// Field name → tally, in the report's field order (see [`FIELDS`]).
    pub fields: BTreeMap<&'static str, FieldTally>,
    pub event_type: Confusion,
    pub sub_event_type: Confusion,
    /// Distances (km) of matched events where both sides have a point.
    pub distances_km: Vec<f64>,
    pub toponyms: Prf,
    /// Gold place names (distinct per document) absent from the text, so
    /// not counted in toponym recall.
    pub toponyms_not_in_text: u64,
    pub actors: Prf,
    /// Matched events whose prediction took its date from the publication
    /// date because the report gives none, and how many of those were
    /// still within precision: what no reading of the text can fix.
    pub dates_not_in_text: u64,
    pub dates_not_in_text_right: u64,
    pub failures: Vec<Failure>,
}

/// The scored fields, in report order. Each is `<field>.<measure>`.
pub const FIELDS: &[&str] = &[
    "event_type.accuracy",
    "sub_event_type.accuracy",
    "actor1.accuracy",
    "actor2.accuracy",
    "event_date.exact",
    "event_date.within_precision",
    "location.within_10km",
    "location.within_25km",
    "location.within_50km",
    "location.name",
    "admin1.accuracy",
    "admin2.accuracy",
    "fatalities.exact",
    "fatalities.within_1",
    "civilian_targeting.accuracy",
    "claim.accuracy",
];

/// The scorer, holding the comparison rules (loaded from data files).
pub struct Scorer {
    pub places: Equivalences,
    pub actors: ActorRule,
}

impl Scorer {
    /// The scorer with vigie's shipped equivalence files.
    pub fn with_shipped_data() -> crate::error::Result<Self> {
        Ok(Scorer {
            places: Equivalences::parse(
                "data/eval/place_equivalences.tsv",
                crate::equivalences::PLACE_EQUIVALENCES,
            )?,
            actors: ActorRule::new(Equivalences::parse(
                "data/eval/actor_equivalences.tsv",
                crate::equivalences::ACTOR_EQUIVALENCES,
            )?),
        })
    }

    /// Scores predictions (by document id) against a gold set. Gold documents
    /// without a prediction count as "nothing predicted".
    pub fn score(
        &self,
        gold: &GoldSet,
        predictions: &BTreeMap<String, PredictedDocument>,
    ) -> Scores {
        let mut s = Scores::default();
        for f in FIELDS {
            s.fields.insert(f, FieldTally::default());
        }
        let empty = PredictedDocument::default();
        for doc in &gold.documents {
            let pred = match predictions.get(&doc.id) {
                Some(p) => p,
                None => {
                    s.documents_without_prediction += 1;
                    &empty
                }
            };
            if pred.failure.is_some() {
                s.documents_failed += 1;
            }
            self.score_document(doc, pred, &mut s);
        }
        s.failures.sort_by(|a, b| {
            (
                &a.doc_id,
                a.gold_event,
                a.predicted_event,
                field_rank(&a.field),
            )
                .cmp(&(
                    &b.doc_id,
                    b.gold_event,
                    b.predicted_event,
                    field_rank(&b.field),
                ))
        });
        s.distances_km.sort_by(f64::total_cmp);
        s
    }

    fn score_document(&self, doc: &GoldDocument, pred: &PredictedDocument, s: &mut Scores) {
        s.documents += 1;
        s.gold_events += doc.events.len() as u64;
        s.predicted_events += pred.events.len() as u64;
        if pred.events.is_empty() && !doc.events.is_empty() {
            s.documents_nothing_predicted += 1;
        }
        let sim = Similarity {
            places: &self.places,
            actors: &self.actors,
        };
        let pairs = match_events(&sim, &doc.events, &pred.events);
        let matched = pairs.len() as u64;
        s.events.add(Prf {
            tp: matched,
            fp: pred.events.len() as u64 - matched,
            fn_: doc.events.len() as u64 - matched,
        });
        for g in &doc.events {
            self.count_gold_fields(g, s);
        }
        let mut gold_matched = BTreeSet::new();
        let mut pred_matched = BTreeSet::new();
        for &(gi, pi, _) in &pairs {
            gold_matched.insert(gi);
            pred_matched.insert(pi);
            self.compare(&doc.id, gi, pi, &doc.events[gi], &pred.events[pi], s);
        }
        for (gi, g) in doc
            .events
            .iter()
            .enumerate()
            .filter(|(i, _)| !gold_matched.contains(i))
        {
            s.failures.push(Failure {
                doc_id: doc.id.clone(),
                gold_event: gi + 1,
                predicted_event: 0,
                field: "event".into(),
                gold: g.summary(),
                predicted: pred.failure.clone().map_or_else(
                    || "(no matching event)".into(),
                    |f| format!("(failed: {f})"),
                ),
            });
        }
        for (pi, p) in pred
            .events
            .iter()
            .enumerate()
            .filter(|(i, _)| !pred_matched.contains(i))
        {
            s.failures.push(Failure {
                doc_id: doc.id.clone(),
                gold_event: 0,
                predicted_event: pi + 1,
                field: "event".into(),
                gold: "(no matching gold event)".into(),
                predicted: p.summary(),
            });
        }
        s.toponyms
            .add(self.toponyms(doc, pred, &mut s.toponyms_not_in_text));
        s.actors.add(self.actor_recognition(doc, pred));
    }

    /// Counts, per field, the gold events that code it (the "all gold" denominator).
    fn count_gold_fields(&self, g: &CodedEvent, s: &mut Scores) {
        let coded: [(&str, bool); 16] = [
            ("event_type.accuracy", g.effective_event_type().is_some()),
            ("sub_event_type.accuracy", g.sub_event_type.is_some()),
            ("actor1.accuracy", true),
            ("actor2.accuracy", true),
            ("event_date.exact", true),
            ("event_date.within_precision", true),
            ("location.within_10km", g.point().is_some()),
            ("location.within_25km", g.point().is_some()),
            ("location.within_50km", g.point().is_some()),
            ("location.name", g.location.is_some()),
            ("admin1.accuracy", g.admin1.is_some()),
            ("admin2.accuracy", g.admin2.is_some()),
            ("fatalities.exact", g.fatalities.is_some()),
            ("fatalities.within_1", g.fatalities.is_some()),
            (
                "civilian_targeting.accuracy",
                g.civilian_targeting.is_some(),
            ),
            ("claim.accuracy", g.claim.is_some()),
        ];
        for (name, yes) in coded {
            if yes {
                if let Some(t) = s.fields.get_mut(name) {
                    t.gold_total += 1;
                }
            }
        }
    }

    fn compare(
        &self,
        doc_id: &str,
        gi: usize,
        pi: usize,
        g: &CodedEvent,
        p: &CodedEvent,
        s: &mut Scores,
    ) {
        let mut fails: Vec<(&'static str, String, String)> = Vec::new();
        let mut record =
            |s: &mut Scores, field: &'static str, ok: bool, gold: String, pred: String| {
                if let Some(t) = s.fields.get_mut(field) {
                    t.add(ok);
                }
                if !ok {
                    fails.push((field, gold, pred));
                }
            };
        let show = |v: Option<String>| v.unwrap_or_else(|| NONE_LABEL.to_string());

        if let Some(gt) = g.effective_event_type() {
            let pt = p.effective_event_type();
            s.event_type
                .add(gt.as_str(), pt.map_or(NONE_LABEL, |t| t.as_str()));
            record(
                s,
                "event_type.accuracy",
                pt == Some(gt),
                gt.to_string(),
                show(pt.map(|t| t.to_string())),
            );
        }
        if let Some(gs) = g.sub_event_type {
            let ps = p.sub_event_type;
            s.sub_event_type
                .add(gs.as_str(), ps.map_or(NONE_LABEL, |t| t.as_str()));
            record(
                s,
                "sub_event_type.accuracy",
                ps == Some(gs),
                gs.to_string(),
                show(ps.map(|t| t.to_string())),
            );
        }
        for (field, ga, pa) in [
            ("actor1.accuracy", &g.actor1, &p.actor1),
            ("actor2.accuracy", &g.actor2, &p.actor2),
        ] {
            let ok = self.actors.agrees(ga.as_deref(), pa.as_deref());
            record(s, field, ok, show(ga.clone()), show(pa.clone()));
        }

        let show_date = |d: Option<jiff::civil::Date>| show(d.map(|d| d.to_string()));
        record(
            s,
            "event_date.exact",
            g.event_date == p.event_date,
            show_date(g.event_date),
            show_date(p.event_date),
        );
        let tolerance = i64::from(g.time_precision.map_or(0, |t| t.tolerance_days()));
        let within = match (g.event_date, p.event_date) {
            (None, None) => true,
            (Some(a), Some(b)) => (b - a).get_days().abs() as i64 <= tolerance,
            _ => false,
        };
        if p.date_in_text == Some(false) {
            s.dates_not_in_text += 1;
            if within {
                s.dates_not_in_text_right += 1;
            }
        }
        record(
            s,
            "event_date.within_precision",
            within,
            show_date(g.event_date),
            show_date(p.event_date),
        );

        if let Some((glat, glon)) = g.point() {
            let km = p
                .point()
                .map(|(plat, plon)| haversine_km(glat, glon, plat, plon));
            if let Some(k) = km {
                s.distances_km.push(k);
            }
            let gshow = format!("{glat:.4},{glon:.4}");
            let pshow = match (p.point(), km) {
                (Some((a, b)), Some(k)) => format!("{a:.4},{b:.4} ({k:.1} km)"),
                _ => NONE_LABEL.to_string(),
            };
            for (field, limit) in [
                ("location.within_10km", 10.0),
                ("location.within_25km", 25.0),
                ("location.within_50km", 50.0),
            ] {
                record(
                    s,
                    field,
                    km.is_some_and(|k| k <= limit),
                    gshow.clone(),
                    pshow.clone(),
                );
            }
        }
        for (field, gv, pv) in [
            ("location.name", &g.location, &p.location),
            ("admin1.accuracy", &g.admin1, &p.admin1),
            ("admin2.accuracy", &g.admin2, &p.admin2),
        ] {
            if let Some(gn) = gv {
                let ok = pv.as_deref().is_some_and(|pn| self.places.same(gn, pn));
                record(s, field, ok, gn.clone(), show(pv.clone()));
            }
        }
        if let Some(gf) = g.fatalities {
            let pf = p.fatalities;
            record(
                s,
                "fatalities.exact",
                pf == Some(gf),
                gf.to_string(),
                show(pf.map(|f| f.to_string())),
            );
            let near = pf.is_some_and(|f| f.abs_diff(gf) <= 1);
            record(
                s,
                "fatalities.within_1",
                near,
                gf.to_string(),
                show(pf.map(|f| f.to_string())),
            );
        }
        if let Some(gc) = g.civilian_targeting {
            // No value predicted reads as ACLED's empty cell: not civilian targeting.
            let pc = p.civilian_targeting.unwrap_or(false);
            record(
                s,
                "civilian_targeting.accuracy",
                pc == gc,
                gc.to_string(),
                pc.to_string(),
            );
        }
        if let Some(gm) = g.claim {
            record(
                s,
                "claim.accuracy",
                p.claim == Some(gm),
                gm.to_string(),
                show(p.claim.map(|m| m.to_string())),
            );
        }

        for (field, gold, predicted) in fails {
            s.failures.push(Failure {
                doc_id: doc_id.to_string(),
                gold_event: gi + 1,
                predicted_event: pi + 1,
                field: field.split('.').next().unwrap_or(field).to_string() + field_suffix(field),
                gold,
                predicted,
            });
        }
    }

    /// Toponym recognition: gold = the distinct place names coded on the
    /// document's events (location, admin1-3) that occur in its text as
    /// written (any spelling of the name's equivalence group); predicted =
    /// the distinct names the system marked as toponyms.
    ///
    /// The gold codes only event places, so places named in passing count as
    /// false positives: precision is a lower bound, the same for every system.
    fn toponyms(&self, doc: &GoldDocument, pred: &PredictedDocument, not_in_text: &mut u64) -> Prf {
        let text = fold(&doc.text);
        let mut gold: BTreeSet<String> = BTreeSet::new();
        let mut absent: BTreeSet<String> = BTreeSet::new();
        for e in &doc.events {
            for name in [&e.location, &e.admin1, &e.admin2, &e.admin3]
                .into_iter()
                .flatten()
            {
                let key = self.places.key(name);
                if key.is_empty() {
                    continue;
                }
                if self
                    .places
                    .spellings(name)
                    .iter()
                    .any(|sp| contains_words(&text, sp))
                {
                    gold.insert(key);
                } else {
                    absent.insert(key);
                }
            }
        }
        *not_in_text += absent.difference(&gold).count() as u64;
        let predicted: BTreeSet<String> = pred
            .toponyms
            .iter()
            .map(|t| self.places.key(t))
            .filter(|k| !k.is_empty())
            .collect();
        let tp = gold.intersection(&predicted).count() as u64;
        Prf {
            tp,
            fp: predicted.len() as u64 - tp,
            fn_: gold.len() as u64 - tp,
        }
    }

    /// Actor recognition, per document and period-free: gold = the actors
    /// coded on its events (an "A and/or B" actor is one gold actor found by
    /// either name); predicted = the actors the system names.
    fn actor_recognition(&self, doc: &GoldDocument, pred: &PredictedDocument) -> Prf {
        let mut gold: BTreeSet<Vec<String>> = BTreeSet::new();
        for e in &doc.events {
            for a in e.actor_names() {
                let mut alts = self.actors.keys(a);
                alts.sort();
                alts.dedup();
                if !alts.is_empty() {
                    gold.insert(alts);
                }
            }
        }
        let mut predicted: BTreeSet<String> = BTreeSet::new();
        let event_actors = pred.events.iter().flat_map(|e| e.actor_names());
        for a in pred.actors.iter().map(String::as_str).chain(event_actors) {
            predicted.extend(self.actors.keys(a));
        }
        let tp = gold
            .iter()
            .filter(|alts| alts.iter().any(|k| predicted.contains(k)))
            .count() as u64;
        let fp = predicted
            .iter()
            .filter(|k| !gold.iter().any(|alts| alts.contains(k)))
            .count() as u64;
        Prf {
            tp,
            fp,
            fn_: gold.len() as u64 - tp,
        }
    }
}

/// Failure field names: the scored field plus the measure when a field has
/// several ("event_date.exact", "location.within_25km"); plain otherwise.
fn field_suffix(field: &str) -> &str {
    match field.split_once('.') {
        Some((_, m)) if m != "accuracy" => &field[field.len() - m.len() - 1..],
        _ => "",
    }
}

fn field_rank(field: &str) -> usize {
    if field == "event" {
        return 0;
    }
    FIELDS
        .iter()
        .position(|f| *f == field || f.strip_suffix(".accuracy") == Some(field))
        .map_or(FIELDS.len() + 1, |i| i + 1)
}
