//! The store's test suite, run against SQLite and against PostgreSQL
//! (`VIGIE_TEST_PG_URL`; skipped when unset, except in CI where it fails).

mod common;

use common::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use vigie_core::{GeoPrecision, Modality, SubEventType, TimePrecision};
use vigie_store::*;

fn tinzaouaten() -> vigie_core::Place {
    place(1001, "Tinzaouaten", 19.9606, 2.9556, "Kidal", "Tin-Essako")
}
fn ogossagou() -> vigie_core::Place {
    place(1003, "Ogossagou", 14.283, -3.853, "Mopti", "Bankass")
}
fn diallassagou() -> vigie_core::Place {
    place(1004, "Diallassagou", 13.95, -3.58, "Mopti", "Bankass")
}
fn fama() -> vigie_core::ActorRef {
    actor("fama", "Military Forces of Mali (2021-)", 1)
}
fn fla() -> vigie_core::ActorRef {
    actor("fla", "FLA: Azawad Liberation Front", 2)
}
fn jnim() -> vigie_core::ActorRef {
    actor("jnim", "JNIM: Group for Support of Islam and Muslims", 2)
}
fn civilians() -> vigie_core::ActorRef {
    actor("civilians_ml", "Civilians (Mali)", 7)
}

fn run(store: &dyn Store, lexicons: &str) -> RunInfo {
    store
        .ensure_run(&RunVersions {
            engine: "test".into(),
            lexicons: lexicons.into(),
            gazetteer: "g1".into(),
        })
        .expect("run")
}

/// Stores a document with a fixed extraction and processes it.
fn ingest(
    store: &dyn Store,
    run: &RunInfo,
    id: &str,
    source: &str,
    events: Vec<vigie_core::Event>,
) -> PutDocument {
    let put = store
        .put_document(
            &document(id, source, &format!("text of {id}")),
            Some(run.id),
        )
        .expect("put");
    let mut f = fixed(extraction(id, events));
    store
        .process_document(put.id, run.id, "test", &mut f)
        .expect("process");
    put
}

fn clash(doc: &str, date: (i16, i8, i8)) -> Ev {
    Ev::new(doc, 0, SubEventType::ArmedClash, date)
        .actors(Some(fama()), Some(fla()))
        .at("Tinzaouaten", tinzaouaten(), GeoPrecision::Town)
}

fn all(store: &dyn Store, f: &EventFilter) -> Paged<EventSummary> {
    store
        .events(f, EventSort::DateAsc, Page::first(1000))
        .expect("events")
}

fn migrations_are_versioned_and_rerun_safely(b: Backend) {
    let info = b.store.info();
    assert!(info.schema_version >= 1, "{info:?}");
    let again = (b.reopen)();
    assert_eq!(again.info().schema_version, info.schema_version);
    if info.backend == BackendKind::Postgres {
        eprintln!("postgis in use: {}", info.postgis);
    }
}

fn same_bytes_are_stored_once(b: Backend) {
    let s = &*b.store;
    let r = run(s, "l1");
    let first = s
        .put_document(&document("a.txt", "AFP", "Same words."), Some(r.id))
        .unwrap();
    let mut other = document("copy-under-another-name.html", "Reuters", "Same words.");
    other.url = Some("https://elsewhere.example/x".into());
    let second = s.put_document(&other, Some(r.id)).unwrap();
    assert!(first.created && first.queued);
    assert!(!second.created && !second.queued);
    assert_eq!(first.id, second.id);
    assert_eq!(
        s.documents(&DocumentFilter::default(), Page::default())
            .unwrap()
            .total,
        1
    );
    let raw = s.document_raw(first.id).unwrap().unwrap();
    assert_eq!(raw.raw, b"Same words.");
    let by_hash = s
        .document_by_sha256(&hash::sha256_hex(b"Same words."))
        .unwrap()
        .unwrap();
    assert_eq!(by_hash.id, first.id);
    assert_eq!(s.pending(r.id).unwrap(), 1);
}

fn processing_stores_events_once(b: Backend) {
    let s = &*b.store;
    let r = run(s, "l1");
    let put = s
        .put_document(&document("r1", "AFP", "Two attacks."), Some(r.id))
        .unwrap();
    let mut x = extraction(
        "r1",
        vec![
            Ev::new("r1", 0, SubEventType::Attack, (2024, 3, 4))
                .actors(Some(jnim()), Some(civilians()))
                .at("Ogossagou", ogossagou(), GeoPrecision::Town)
                .killed(5, None, Modality::Asserted)
                .build(),
            Ev::new("r1", 1, SubEventType::Attack, (2024, 3, 4))
                .actors(Some(jnim()), Some(civilians()))
                .at("Diallassagou", diallassagou(), GeoPrecision::Town)
                .build(),
        ],
    );
    x.mentions.push(vigie_core::Mention {
        kind: vigie_core::MentionKind::PastEvent,
        evidence: vigie_core::Evidence::new(vigie_core::Span::new(0, 4), "Two"),
        sub_event_type: Some(SubEventType::Attack),
        places: vec![],
        reason: "recalled".into(),
    });
    let mut calls = 0;
    let mut f = |_: &StoredDocument| {
        calls += 1;
        Ok(x.clone())
    };
    let p = s.process_next(r.id, "w", &mut f).unwrap().expect("a job");
    assert_eq!(p.document_id, put.id);
    match &p.outcome {
        ProcessOutcome::Extracted {
            events,
            mentions,
            merged_into,
        } => {
            assert_eq!(
                (*events, *mentions, merged_into.len()),
                (2, 1, 2),
                "a report keeps its two events apart"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(s.process_next(r.id, "w", &mut f).unwrap().is_none());
    // Same document, same run: no second extraction.
    let again = s.process_document(put.id, r.id, "w", &mut f).unwrap();
    assert!(matches!(
        again.outcome,
        ProcessOutcome::Extracted { events: 2, .. }
    ));
    assert_eq!(calls, 1);
    assert_eq!(s.pending(r.id).unwrap(), 0);

    let list = all(s, &EventFilter::default());
    assert_eq!(list.total, 2);
    let detail = s.event(list.items[0].id).unwrap().unwrap();
    assert_eq!(detail.reports.len(), 1);
    assert_eq!(detail.documents[0].id, put.id);
    assert_eq!(detail.history[0].action, "created");
    let doc = s.document(put.id).unwrap().unwrap();
    let current = doc.current.unwrap();
    assert_eq!(current.events.len(), 2);
    assert_eq!(current.mentions.len(), 1);
    assert_eq!(doc.summary.event_count, 2);
    let mentions = s
        .mentions(
            &MentionFilter {
                kind: Some("past_event".into()),
                ..Default::default()
            },
            Page::default(),
        )
        .unwrap();
    assert_eq!(mentions.total, 1);
    assert_eq!(mentions.items[0].document_id, put.id);
}

fn a_new_run_reextracts_and_keeps_the_old(b: Backend) {
    let s = &*b.store;
    let r1 = run(s, "lexicons-v1");
    let put = ingest(
        s,
        &r1,
        "r1",
        "AFP",
        vec![clash("r1", (2024, 7, 27))
            .killed(10, None, Modality::Asserted)
            .build()],
    );
    let r2 = run(s, "lexicons-v2");
    assert_ne!(r1.id, r2.id);
    assert_eq!(s.queue_all(r2.id).unwrap(), 1);
    let mut f = fixed(extraction(
        "r1",
        vec![clash("r1", (2024, 7, 27))
            .killed(12, None, Modality::Asserted)
            .build()],
    ));
    s.process_next(r2.id, "w", &mut f)
        .unwrap()
        .expect("job of run 2");
    let doc = s.document(put.id).unwrap().unwrap();
    assert_eq!(doc.extractions.len(), 2, "the old run's extraction is kept");
    assert_eq!(doc.extractions.iter().filter(|x| x.current).count(), 1);
    assert_eq!(doc.extractions[0].run.id, r2.id);
    let list = all(s, &EventFilter::default());
    assert_eq!(list.total, 1, "{:?}", list.items);
    assert_eq!(list.items[0].fatalities, 12);
    assert_eq!(list.items[0].corroboration, 1);
    let runs = s.runs().unwrap();
    assert_eq!(runs.len(), 2);
}

fn reports_of_one_event_merge_with_their_figures(b: Backend) {
    let s = &*b.store;
    let r = run(s, "l1");
    ingest(
        s,
        &r,
        "fla-statement",
        "FLA communiqué",
        vec![clash("fla-statement", (2024, 7, 27))
            .killed(47, Some("FLA"), Modality::Claimed)
            .claim(Modality::Claimed, "FLA")
            .confidence(0.7)
            .build()],
    );
    ingest(
        s,
        &r,
        "army",
        "Armed forces communiqué",
        vec![clash("army", (2024, 7, 28))
            .at("Tin-Zaouatene", tinzaouaten(), GeoPrecision::Town)
            .killed(12, Some("army"), Modality::Claimed)
            .confidence(0.9)
            .build()],
    );
    ingest(
        s,
        &r,
        "wire",
        "AFP",
        vec![clash("wire", (2024, 7, 27))
            .actors(
                Some(actor("unidentified", "Unidentified Armed Group (Mali)", 3)),
                Some(fama()),
            )
            .build()],
    );
    let list = all(s, &EventFilter::default());
    assert_eq!(list.total, 1, "{:#?}", list.items);
    let e = &list.items[0];
    assert_eq!(e.corroboration, 3);
    assert_eq!(e.fatalities, 12, "ACLED's conservative figure");
    assert_eq!(e.fatalities_max, 47);
    let d = s.event(e.id).unwrap().unwrap();
    assert!(d.merged.conflicting_fatalities);
    assert_eq!(d.merged.sources.len(), 3);
    let by_source: HashMap<_, _> = d
        .merged
        .figures
        .iter()
        .map(|f| (f.source.clone().unwrap_or_default(), f.value))
        .collect();
    assert_eq!(by_source["FLA communiqué"], 47);
    assert_eq!(by_source["Armed forces communiqué"], 12);
    assert_eq!(d.history.iter().filter(|h| h.action == "joined").count(), 2);
    assert!(
        d.history.iter().any(|h| h.reason.contains("day")),
        "{:?}",
        d.history
    );
    assert_eq!(d.documents.len(), 3);
    assert_eq!(d.merged.event.fatalities.value, 12);
    assert_eq!(
        s.events(
            &EventFilter {
                min_corroboration: Some(3),
                ..Default::default()
            },
            EventSort::DateDesc,
            Page::default()
        )
        .unwrap()
        .total,
        1
    );
    assert_eq!(
        s.events(
            &EventFilter {
                min_corroboration: Some(4),
                ..Default::default()
            },
            EventSort::DateDesc,
            Page::default()
        )
        .unwrap()
        .total,
        0
    );
}

fn events_the_reports_keep_apart_stay_apart(b: Backend) {
    let s = &*b.store;
    let r = run(s, "l1");
    let attack = |doc: &str, p: vigie_core::Place, name: &str| {
        Ev::new(doc, 0, SubEventType::Attack, (2024, 3, 4))
            .actors(Some(jnim()), Some(civilians()))
            .at(name, p, GeoPrecision::Town)
            .build()
    };
    ingest(
        s,
        &r,
        "a",
        "AFP",
        vec![attack("a", ogossagou(), "Ogossagou")],
    );
    ingest(
        s,
        &r,
        "b",
        "RFI",
        vec![attack("b", diallassagou(), "Diallassagou")],
    );
    // Same place, a week later: another event.
    ingest(
        s,
        &r,
        "c",
        "RFI",
        vec![Ev::new("c", 0, SubEventType::Attack, (2024, 3, 11))
            .actors(Some(jnim()), Some(civilians()))
            .at("Ogossagou", ogossagou(), GeoPrecision::Town)
            .build()],
    );
    // Same place and day, but a protest.
    ingest(
        s,
        &r,
        "d",
        "RFI",
        vec![Ev::new("d", 0, SubEventType::PeacefulProtest, (2024, 3, 4))
            .at("Ogossagou", ogossagou(), GeoPrecision::Town)
            .build()],
    );
    assert_eq!(all(s, &EventFilter::default()).total, 4);
}

fn filters_pagination_and_stats(b: Backend) {
    let s = &*b.store;
    let r = run(s, "l1");
    for i in 0..5u8 {
        let day = 1 + i as i8 * 7;
        ingest(
            s,
            &r,
            &format!("k{i}"),
            "AFP",
            vec![clash(&format!("k{i}"), (2024, 7, day))
                .killed(u32::from(i), None, Modality::Asserted)
                .notes(&format!("Clash number {i} near Tinzaouaten."))
                .build()],
        );
    }
    ingest(
        s,
        &r,
        "m",
        "RFI",
        vec![Ev::new("m", 0, SubEventType::Attack, (2024, 3, 4))
            .actors(Some(jnim()), Some(civilians()))
            .at("Ogossagou", ogossagou(), GeoPrecision::Town)
            .precision(TimePrecision::Week)
            .killed(7, None, Modality::Reported)
            .notes("Attack on Ogossagou by 100% unknown_men.")
            .build()],
    );
    let n = |f: EventFilter| all(s, &f).total;
    assert_eq!(n(EventFilter::default()), 6);
    assert_eq!(
        n(EventFilter {
            country: Some("mali".into()),
            ..Default::default()
        }),
        6
    );
    assert_eq!(
        n(EventFilter {
            country: Some("ML".into()),
            ..Default::default()
        }),
        6
    );
    assert_eq!(
        n(EventFilter {
            country: Some("Niger".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        n(EventFilter {
            admin1: Some("KIDAL".into()),
            ..Default::default()
        }),
        5
    );
    assert_eq!(
        n(EventFilter {
            admin2: Some("Bankass".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(EventFilter {
            event_type: Some("battles".into()),
            ..Default::default()
        }),
        5
    );
    assert_eq!(
        n(EventFilter {
            sub_event_type: Some("Attack".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(EventFilter {
            actor: Some("jnim".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(EventFilter {
            actor: Some("Military Forces".into()),
            ..Default::default()
        }),
        5
    );
    assert_eq!(
        n(EventFilter {
            text: Some("number 3".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        n(EventFilter {
            text: Some("100%".into()),
            ..Default::default()
        }),
        1,
        "% is literal"
    );
    assert_eq!(
        n(EventFilter {
            text: Some("clash_number".into()),
            ..Default::default()
        }),
        0,
        "_ is literal"
    );
    let from = jiff::civil::date(2024, 7, 8);
    let to = jiff::civil::date(2024, 7, 22);
    assert_eq!(
        n(EventFilter {
            date_from: Some(from),
            date_to: Some(to),
            ..Default::default()
        }),
        3
    );
    let sahel_north = BBox {
        min_lon: 0.0,
        min_lat: 17.0,
        max_lon: 5.0,
        max_lat: 21.0,
    };
    assert_eq!(
        n(EventFilter {
            bbox: Some(sahel_north),
            ..Default::default()
        }),
        5
    );
    let bad = BBox {
        min_lon: 5.0,
        min_lat: 17.0,
        max_lon: 0.0,
        max_lat: 21.0,
    };
    assert!(s
        .events(
            &EventFilter {
                bbox: Some(bad),
                ..Default::default()
            },
            EventSort::DateDesc,
            Page::default()
        )
        .is_err());
    assert!(s
        .events(
            &EventFilter {
                event_type: Some("Picnic".into()),
                ..Default::default()
            },
            EventSort::DateDesc,
            Page::default()
        )
        .is_err());

    let p1 = s
        .events(
            &EventFilter::default(),
            EventSort::DateDesc,
            Page::new(4, 0),
        )
        .unwrap();
    let p2 = s
        .events(
            &EventFilter::default(),
            EventSort::DateDesc,
            Page::new(4, 4),
        )
        .unwrap();
    assert_eq!((p1.total, p1.items.len(), p2.items.len()), (6, 4, 2));
    assert!(p1.items[0].event_date >= p1.items[1].event_date);
    assert_eq!(p1.items[0].event_date, Some(jiff::civil::date(2024, 7, 29)));
    let by_fat = s
        .events(
            &EventFilter::default(),
            EventSort::FatalitiesDesc,
            Page::first(1),
        )
        .unwrap();
    assert_eq!(by_fat.items[0].fatalities, 7);

    let stats = s.stats(&EventFilter::default()).unwrap();
    assert_eq!(stats.events, 6);
    assert_eq!(stats.fatalities, 1 + 2 + 3 + 4 + 7);
    assert_eq!(stats.documents, 6);
    assert_eq!(stats.by_event_type[0].key, "Battles");
    assert_eq!(stats.by_event_type[0].events, 5);
    // 2024-03-04 is a Monday; 2024-07-01 too.
    assert_eq!(stats.by_week[0].key, "2024-03-04");
    assert_eq!(stats.by_week[1].key, "2024-07-01");
    assert_eq!(stats.by_week.iter().map(|c| c.events).sum::<u64>(), 6);
    assert_eq!(stats.by_region[0].key, "Mali / Kidal");
    let kidal = s
        .stats(&EventFilter {
            admin1: Some("Kidal".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(kidal.events, 5);

    let mut dates = Vec::new();
    let count = s
        .for_each_event(
            &EventFilter {
                admin1: Some("Kidal".into()),
                ..Default::default()
            },
            &mut |m| {
                dates.push(m.event.event_date.value);
                Ok(())
            },
        )
        .unwrap();
    assert_eq!(count, 5);
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "streamed in date order"
    );
}

fn corrections_are_versions_not_overwrites(b: Backend) {
    let s = &*b.store;
    let r = run(s, "l1");
    ingest(
        s,
        &r,
        "r",
        "AFP",
        vec![clash("r", (2024, 7, 27))
            .killed(47, None, Modality::Claimed)
            .build()],
    );
    let id = all(s, &EventFilter::default()).items[0].id;
    let c1 = s
        .correct(&NewCorrection {
            event_id: id,
            field: CorrectableField::Fatalities,
            value: serde_json::json!(40),
            author: "analyst@desk".into(),
            comment: Some("cross-checked with hospital figures".into()),
        })
        .unwrap();
    assert_eq!(c1.previous, serde_json::json!(47));
    let c2 = s
        .correct(&NewCorrection {
            event_id: id,
            field: CorrectableField::EventDate,
            value: serde_json::json!("2024-07-26"),
            author: "second analyst".into(),
            comment: None,
        })
        .unwrap();
    assert_eq!(c2.previous, serde_json::json!("2024-07-27"));
    assert!(s
        .correct(&NewCorrection {
            event_id: id,
            field: CorrectableField::SubEventType,
            value: serde_json::json!("Picnic"),
            author: "x".into(),
            comment: None,
        })
        .is_err());
    assert!(s
        .correct(&NewCorrection {
            event_id: id + 1000,
            field: CorrectableField::Notes,
            value: serde_json::json!("x"),
            author: "x".into(),
            comment: None,
        })
        .is_err());
    let d = s.event(id).unwrap().unwrap();
    assert_eq!(d.merged.fatalities_conservative, 40);
    assert_eq!(
        d.merged.event.event_date.value,
        Some(jiff::civil::date(2024, 7, 26))
    );
    assert_eq!(
        d.reports[0].event.fatalities.value, 47,
        "the extracted value is kept"
    );
    assert_eq!(d.corrections.len(), 2);
    assert_eq!(d.merged.corrected_fields, vec!["fatalities", "event_date"]);
    let day26 = jiff::civil::date(2024, 7, 26);
    assert_eq!(
        all(
            s,
            &EventFilter {
                date_from: Some(day26),
                date_to: Some(day26),
                ..Default::default()
            }
        )
        .total,
        1
    );
    assert_eq!(all(s, &EventFilter::default()).items[0].fatalities, 40);
    // A later report keeps the correction in force.
    ingest(
        s,
        &r,
        "r2",
        "RFI",
        vec![clash("r2", (2024, 7, 26))
            .killed(50, None, Modality::Reported)
            .build()],
    );
    let d = s.event(id).unwrap().unwrap();
    assert_eq!(d.merged.corroboration, 2);
    assert_eq!(d.merged.fatalities_conservative, 40);
    assert_eq!(s.corrections(id).unwrap().len(), 2);
}

fn tokens_are_stored_hashed(b: Backend) {
    let s = &*b.store;
    let t = s.create_token("ci").unwrap();
    assert!(t.secret.starts_with("vigie_") && t.secret.len() > 40);
    assert!(s.create_token("  ").is_err());
    assert_eq!(s.verify_token(&t.secret).unwrap().unwrap().id, t.info.id);
    assert!(s.verify_token("vigie_wrong").unwrap().is_none());
    let listed = s.tokens().unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].last_used_at_ms.is_some());
    assert!(!serde_json::to_string(&listed).unwrap().contains(&t.secret));
    assert!(s.revoke_token(t.info.id).unwrap());
    assert!(!s.revoke_token(t.info.id).unwrap());
    assert!(s.verify_token(&t.secret).unwrap().is_none());
}

fn failures_are_recorded_and_the_batch_goes_on(b: Backend) {
    let s = &*b.store;
    let r = run(s, "l1");
    s.record_rejection(&NewRejection {
        external_id: "big.bin".into(),
        reason: "binary content".into(),
        stage: "read".into(),
        sha256: None,
        size_bytes: Some(10),
    })
    .unwrap();
    for i in 0..3 {
        s.put_document(
            &document(&format!("d{i}"), "AFP", &format!("doc {i}")),
            Some(r.id),
        )
        .unwrap();
    }
    let mut f = |d: &StoredDocument| {
        if d.summary.external_id == "d1" {
            Err("unsupported language: de".to_string())
        } else {
            Ok(extraction(&d.summary.external_id, vec![]))
        }
    };
    let mut outcomes = Vec::new();
    while let Some(p) = s.process_next(r.id, "w", &mut f).unwrap() {
        outcomes.push(p.outcome);
    }
    assert_eq!(outcomes.len(), 3);
    assert_eq!(
        outcomes
            .iter()
            .filter(|o| matches!(o, ProcessOutcome::Failed { .. }))
            .count(),
        1
    );
    let rej = s.rejections(Page::default()).unwrap();
    assert_eq!(rej.total, 2);
    assert_eq!(rej.items[0].stage, "extract");
    assert_eq!(rej.items[0].external_id, "d1");
    assert!(rej.items[0].reason.contains("language"));
}

fn a_killed_worker_leaves_nothing_half_written(b: Backend) {
    let s = &*b.store;
    let r = run(s, "l1");
    let put = s
        .put_document(&document("k", "AFP", "kill me"), Some(r.id))
        .unwrap();
    // The worker dies mid-document (after claiming it, before committing).
    let dying = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut f = |_: &StoredDocument| -> Result<vigie_core::DocumentExtraction, String> {
            panic!("worker killed")
        };
        let _ = s.process_next(r.id, "dying", &mut f);
    }));
    assert!(dying.is_err());
    assert_eq!(s.pending(r.id).unwrap(), 1, "the job is pending again");
    assert!(s.document(put.id).unwrap().unwrap().extractions.is_empty());
    let mut f = fixed(extraction("k", vec![clash("k", (2024, 7, 27)).build()]));
    let p = s
        .process_next(r.id, "survivor", &mut f)
        .unwrap()
        .expect("job still there");
    assert_eq!(p.document_id, put.id);
    assert_eq!(all(s, &EventFilter::default()).total, 1);
}

fn concurrent_workers_process_each_document_once(b: Backend) {
    let r = run(&*b.store, "l1");
    const N: usize = 40;
    for i in 0..N {
        b.store
            .put_document(
                &document(&format!("c{i}"), "AFP", &format!("concurrent {i}")),
                Some(r.id),
            )
            .unwrap();
    }
    let seen: Arc<Mutex<HashMap<i64, usize>>> = Arc::default();
    let workers: Vec<_> = (0..3)
        .map(|w| {
            // A separate handle per worker: separate connections, as separate processes would have.
            let store = (b.reopen)();
            let seen = seen.clone();
            let run_id = r.id;
            std::thread::spawn(move || {
                let mut mine = 0;
                let mut f = |d: &StoredDocument| {
                    *seen.lock().unwrap().entry(d.summary.id).or_default() += 1;
                    std::thread::sleep(std::time::Duration::from_millis(2));
                    let id = d.summary.external_id.clone();
                    let n: i8 = id[1..].parse().unwrap();
                    Ok(extraction(
                        &id,
                        vec![clash(&id, (2024, 1, 1 + n % 28)).build()],
                    ))
                };
                while store
                    .process_next(run_id, &format!("w{w}"), &mut f)
                    .unwrap()
                    .is_some()
                {
                    mine += 1;
                }
                mine
            })
        })
        .collect();
    let per_worker: Vec<usize> = workers.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(per_worker.iter().sum::<usize>(), N, "{per_worker:?}");
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), N);
    assert!(
        seen.values().all(|&c| c == 1),
        "a document was extracted twice: {seen:?}"
    );
    assert_eq!(b.store.pending(r.id).unwrap(), 0);
    let docs = b
        .store
        .documents(&DocumentFilter::default(), Page::first(100))
        .unwrap();
    assert!(docs.items.iter().all(|d| d.event_count == 1));
    eprintln!("{}: jobs per worker {per_worker:?}", b.name);
}

macro_rules! suite {
    ($backend:ident: $($test:ident),+ $(,)?) => {
        mod $backend {
            $(
                #[test]
                fn $test() {
                    if let Some(b) = super::$backend() {
                        super::$test(b);
                    }
                }
            )+
        }
    };
}

macro_rules! both {
    ($($test:ident),+ $(,)?) => {
        suite!(sqlite: $($test),+);
        suite!(postgres: $($test),+);
    };
}

both!(
    migrations_are_versioned_and_rerun_safely,
    same_bytes_are_stored_once,
    processing_stores_events_once,
    a_new_run_reextracts_and_keeps_the_old,
    reports_of_one_event_merge_with_their_figures,
    events_the_reports_keep_apart_stay_apart,
    filters_pagination_and_stats,
    corrections_are_versions_not_overwrites,
    tokens_are_stored_hashed,
    failures_are_recorded_and_the_batch_goes_on,
    a_killed_worker_leaves_nothing_half_written,
    concurrent_workers_process_each_document_once,
);

/// Several workers starting at once on a fresh database migrate it once.
#[test]
fn concurrent_first_opens_migrate_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    let opened: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || {
                SqlStore::open_sqlite(&path).map(|s| s.info().schema_version)
            })
        })
        .collect();
    for h in opened {
        assert!(h.join().unwrap().unwrap() >= 1);
    }
    let Some(url) = pg_url() else { return };
    let schema = format!("vigie_fresh{}", std::process::id());
    let _guard = SchemaGuard::new(&url, &schema);
    let opened: Vec<_> = (0..4)
        .map(|_| {
            let (url, schema) = (url.clone(), schema.clone());
            std::thread::spawn(move || {
                SqlStore::open_postgres(&url, Some(&schema)).map(|s| s.info().schema_version)
            })
        })
        .collect();
    for h in opened {
        assert!(h.join().unwrap().unwrap() >= 1);
    }
}
