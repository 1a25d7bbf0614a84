//! The scorer never panics on arbitrary events, and its counts always add up.

use proptest::prelude::*;
use std::collections::BTreeMap;
use vigie_core::{EventType, Modality, SubEventType, TimePrecision};
use vigie_eval::{CodedEvent, GoldDocument, GoldFormat, GoldSet, PredictedDocument, Scorer};

fn arb_event() -> impl Strategy<Value = CodedEvent> {
    let names = prop::sample::select(vec![
        "",
        "Gao",
        "Tombouctou",
        "Timbuktu",
        "Ségou",
        "x y",
        "Léré",
    ]);
    let actors = prop::sample::select(vec![
        "",
        "Military Forces of Mali (2021-)",
        "Military Forces of Mali (2013-2020)",
        "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)",
        "Islamic State (Sahel)",
        "Civilians (Mali)",
        "(",
        " and/or ",
    ]);
    (
        (
            prop::option::of(0i32..3000),
            prop::option::of(0usize..25),
            prop::option::of(1u8..4),
        ),
        (actors.clone(), actors, names.clone(), names),
        (
            prop::option::of(any::<f64>()),
            prop::option::of(-20.0f64..20.0),
        ),
        (
            prop::option::of(0u32..5),
            prop::option::of(any::<bool>()),
            prop::option::of(0usize..6),
        ),
    )
        .prop_map(
            |((day, sub, tp), (a1, a2, loc, adm), (lat, lon), (fat, civ, claim))| {
                let sub = sub.map(|i| SubEventType::ALL[i]);
                CodedEvent {
                    event_date: day
                        .map(|d| jiff::civil::date(2020, 1, 1) + jiff::Span::new().days(d)),
                    time_precision: tp.and_then(|t| TimePrecision::try_from(t).ok()),
                    event_type: sub
                        .map(SubEventType::event_type)
                        .or(Some(EventType::Battles)),
                    sub_event_type: sub,
                    actor1: Some(a1.to_string()).filter(|s| !s.is_empty()),
                    actor2: Some(a2.to_string()).filter(|s| !s.is_empty()),
                    location: Some(loc.to_string()).filter(|s| !s.is_empty()),
                    admin1: Some(adm.to_string()).filter(|s| !s.is_empty()),
                    latitude: lat,
                    longitude: lon,
                    fatalities: fat,
                    civilian_targeting: civ,
                    claim: claim.map(|i| Modality::ALL[i]),
                    ..Default::default()
                }
            },
        )
}

proptest! {
    #[test]
    fn counts_add_up(
        gold in prop::collection::vec(prop::collection::vec(arb_event(), 0..4), 1..4),
        pred in prop::collection::vec(prop::collection::vec(arb_event(), 0..4), 1..4),
        text in "\\PC{0,60}",
    ) {
        let documents: Vec<GoldDocument> = gold
            .into_iter()
            .enumerate()
            .map(|(i, events)| GoldDocument { id: format!("d{i}"), text: text.clone(), published_at: None, language: None, events })
            .collect();
        let set = GoldSet { name: "p".into(), format: GoldFormat::NewsJsonl, documents };
        let preds: BTreeMap<String, PredictedDocument> = pred
            .into_iter()
            .enumerate()
            .map(|(i, events)| {
                let id = format!("d{i}");
                (id.clone(), PredictedDocument { doc_id: id, events, toponyms: vec![text.clone()], ..Default::default() })
            })
            .collect();
        let s = Scorer::with_shipped_data().unwrap().score(&set, &preds);
        prop_assert_eq!(s.events.tp + s.events.fn_, s.gold_events);
        prop_assert_eq!(s.events.tp + s.events.fp, s.predicted_events);
        for t in s.fields.values() {
            prop_assert!(t.matched.correct <= t.matched.total);
            prop_assert!(t.matched.total <= t.gold_total);
        }
        let unmatched = s.failures.iter().filter(|f| f.field == "event").count() as u64;
        prop_assert_eq!(unmatched, s.events.fp + s.events.fn_);
    }
}
