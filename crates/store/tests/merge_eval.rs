//! Merge quality on a synthetic test set (tests/fixtures/merge_set.json):
//! several reports of one event worded and figured differently, and
//! different events on the same day in the same region. Every report event
//! carries its true event label; we measure pairwise precision and recall
//! of "same merged event" against the labels, in ingest order and reversed.

mod common;

use common::*;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use vigie_core::{GeoPrecision, Modality, SubEventType, TimePrecision};
use vigie_store::*;

/// geonameid, name, country code, country, latitude, longitude, admin1, admin2.
type PlaceRow = (u64, String, String, String, f64, f64, String, String);

#[derive(Deserialize)]
struct Set {
    actors: BTreeMap<String, (String, u8, Option<String>)>,
    places: BTreeMap<String, PlaceRow>,
    reports: Vec<Report>,
}

#[derive(Deserialize)]
struct Report {
    doc: String,
    source: String,
    published: String,
    text: String,
    events: Vec<Coded>,
}

#[derive(Deserialize)]
struct Coded {
    truth: String,
    date: String,
    tp: u8,
    sub: String,
    actor1: Option<String>,
    actor2: Option<String>,
    place: String,
    written: String,
    gp: u8,
    modality: String,
    killed: Option<u32>,
    claimant: Option<String>,
    assoc1: Option<Vec<String>>,
}

fn load() -> Set {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merge_set.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("merge_set.json"))
        .expect("valid merge set")
}

fn build(set: &Set, doc: &str, n: usize, c: &Coded) -> vigie_core::Event {
    let actor_of = |k: &Option<String>| {
        k.as_ref().map(|k| {
            let (name, inter, country) = &set.actors[k];
            let mut a = actor(k, name, *inter);
            a.country = country.clone();
            a
        })
    };
    let p = &set.places[&c.place];
    let mut pl = place(p.0, &p.1, p.4, p.5, &p.6, &p.7);
    pl.country_code = p.2.clone();
    pl.country = p.3.clone();
    let d: jiff::civil::Date = c.date.parse().expect("date");
    let sub = SubEventType::from_key(&c.sub).expect("sub-event type");
    let modality = Modality::from_key(&c.modality).expect("modality");
    let mut ev = Ev::new(doc, n, sub, (d.year(), d.month(), d.day()))
        .precision(TimePrecision::try_from(c.tp).expect("tp"))
        .actors(actor_of(&c.actor1), actor_of(&c.actor2))
        .at(&c.written, pl, GeoPrecision::try_from(c.gp).expect("gp"));
    if let Some(k) = c.killed {
        ev = ev.killed(k, c.claimant.as_deref(), modality);
    }
    if let Some(src) = &c.claimant {
        ev = ev.claim(modality, src);
    }
    let mut e = ev.build();
    e.assoc_actor_1 = c
        .assoc1
        .iter()
        .flatten()
        .filter_map(|k| actor_of(&Some(k.clone())))
        .collect();
    e
}

/// Pairwise scores of a clustering against the truth labels.
#[derive(Debug)]
struct Scores {
    precision: f64,
    recall: f64,
    true_events: usize,
    merged_events: usize,
}

fn measure(store: &dyn Store, reversed: bool) -> Scores {
    let set = load();
    let run = store
        .ensure_run(&RunVersions {
            engine: "merge-eval".into(),
            lexicons: "-".into(),
            gazetteer: "-".into(),
        })
        .unwrap();
    let mut order: Vec<&Report> = set.reports.iter().collect();
    if reversed {
        order.reverse();
    }
    // (event key) → truth label
    let mut truth: HashMap<String, String> = HashMap::new();
    for r in order {
        let events: Vec<_> = r
            .events
            .iter()
            .enumerate()
            .map(|(n, c)| build(&set, &r.doc, n, c))
            .collect();
        for (e, c) in events.iter().zip(&r.events) {
            truth.insert(e.id.clone(), c.truth.clone());
        }
        let mut doc = document(&r.doc, &r.source, &r.text);
        doc.published_at = r.published.parse().ok();
        let put = store.put_document(&doc, Some(run.id)).unwrap();
        let mut f = fixed(extraction(&r.doc, events));
        store
            .process_document(put.id, run.id, "eval", &mut f)
            .unwrap();
    }
    // (event key) → merged event id
    let mut predicted: HashMap<String, i64> = HashMap::new();
    let list = store
        .events(
            &EventFilter::default(),
            EventSort::DateAsc,
            Page::first(1000),
        )
        .unwrap();
    for s in &list.items {
        let d = store.event(s.id).unwrap().unwrap();
        for src in &d.merged.sources {
            predicted.insert(src.event_key.clone(), s.id);
        }
    }
    assert_eq!(
        predicted.len(),
        truth.len(),
        "every report event is in exactly one merged event"
    );
    let keys: Vec<&String> = truth.keys().collect();
    let (mut tp, mut fp, mut fn_) = (0u32, 0u32, 0u32);
    for i in 0..keys.len() {
        for j in i + 1..keys.len() {
            let same_truth = truth[keys[i]] == truth[keys[j]];
            let same_pred = predicted[keys[i]] == predicted[keys[j]];
            match (same_truth, same_pred) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    eprintln!(
                        "wrong merge: {} ({}) with {} ({})",
                        keys[i], truth[keys[i]], keys[j], truth[keys[j]]
                    );
                }
                (true, false) => {
                    fn_ += 1;
                    eprintln!(
                        "missed merge: {} with {} ({})",
                        keys[i], keys[j], truth[keys[i]]
                    );
                }
                _ => {}
            }
        }
    }
    let mut labels: Vec<&String> = truth.values().collect();
    labels.sort();
    labels.dedup();
    Scores {
        precision: f64::from(tp) / f64::from((tp + fp).max(1)),
        recall: f64::from(tp) / f64::from((tp + fn_).max(1)),
        true_events: labels.len(),
        merged_events: list.items.len(),
    }
}

fn check(make: fn() -> Option<Backend>) {
    for reversed in [false, true] {
        // A fresh database per order.
        let Some(b) = make() else { return };
        let s = measure(&*b.store, reversed);
        eprintln!(
            "merge eval [{}{}]: pairwise precision {:.3}, recall {:.3}; {} true events, {} merged events",
            b.name,
            if reversed { ", reversed order" } else { "" },
            s.precision,
            s.recall,
            s.true_events,
            s.merged_events
        );
        // Wrong merges hide events: precision must stay perfect on this set.
        assert!(s.precision >= 0.999, "{s:?}");
        assert!(s.recall >= 0.9, "{s:?}");
    }
}

#[test]
fn merge_precision_and_recall_sqlite() {
    check(sqlite);
}

#[test]
fn merge_precision_and_recall_postgres() {
    check(postgres);
}
