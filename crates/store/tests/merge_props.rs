//! Properties of the merge decision on arbitrary events.

mod common;

use common::*;
use proptest::prelude::*;
use vigie_core::{GeoPrecision, SubEventType, TimePrecision};
use vigie_store::merge::{assess, Side, Verdict};

fn event(doc: &str, sub: usize, day: i8, lat: f64, lon: f64, gp: u8, tp: u8) -> vigie_core::Event {
    let sub = SubEventType::ALL[sub % SubEventType::ALL.len()];
    Ev::new(doc, 0, sub, (2024, 5, day))
        .precision(TimePrecision::try_from(tp).unwrap_or(TimePrecision::Day))
        .at(
            "Somewhere",
            place(7, "Somewhere", lat, lon, "A", "B"),
            GeoPrecision::try_from(gp).unwrap_or(GeoPrecision::Town),
        )
        .build()
}

proptest! {
    /// The same report read twice from two documents is the same event.
    #[test]
    fn an_identical_report_from_another_document_merges(
        sub in 0usize..25, day in 1i8..29, lat in -30.0f64..30.0, lon in -20.0f64..20.0, gp in 1u8..4, tp in 1u8..4,
    ) {
        let a = event("a", sub, day, lat, lon, gp, tp);
        let b = event("b", sub, day, lat, lon, gp, tp);
        let merged = matches!(assess(Side { event: &a, documents: &[1] }, Side { event: &b, documents: &[2] }), Verdict::Merge { .. });
        prop_assert!(merged);
    }

    /// Never two events of one document; and the decision is symmetric.
    #[test]
    fn same_document_never_merges_and_decisions_are_symmetric(
        s1 in 0usize..25, s2 in 0usize..25, d1 in 1i8..29, d2 in 1i8..29,
        lat in -30.0f64..30.0, lon in -20.0f64..20.0, dlat in -3.0f64..3.0, dlon in -3.0f64..3.0,
        g1 in 1u8..4, g2 in 1u8..4, t1 in 1u8..4, t2 in 1u8..4,
    ) {
        let a = event("a", s1, d1, lat, lon, g1, t1);
        let b = event("b", s2, d2, lat + dlat, lon + dlon, g2, t2);
        let same_doc = assess(Side { event: &a, documents: &[1] }, Side { event: &b, documents: &[1] });
        let apart = matches!(same_doc, Verdict::Apart { .. });
        prop_assert!(apart);
        let ab = matches!(assess(Side { event: &a, documents: &[1] }, Side { event: &b, documents: &[2] }), Verdict::Merge { .. });
        let ba = matches!(assess(Side { event: &b, documents: &[2] }, Side { event: &a, documents: &[1] }), Verdict::Merge { .. });
        prop_assert_eq!(ab, ba);
    }
}
