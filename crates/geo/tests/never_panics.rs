//! The geocoder takes whatever a report's toponym recogniser hands it:
//! arbitrary strings, cues and contexts must never panic.
use proptest::prelude::*;
use vigie_core::place::{GeoContext, Geocoder, ToponymQuery};

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[A-Za-zÀ-ÿ' -]{0,40}",
        "(à|a) [0-9]{1,4} ?(km|kilomètres|miles) (au|à l')? ?(nord|sud|est|ouest|nord-est)? ?(de|of)?",
        "[\\p{L}\\p{M}\\p{N}\\p{P}\\p{Z}]{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn resolve_never_panics(
        name in any_text(),
        cue in proptest::option::of(any_text()),
        countries in proptest::collection::vec("[A-Za-z]{0,3}", 0..3),
        admins in proptest::collection::vec(any_text(), 0..3),
        others in proptest::collection::vec(any_text(), 0..4),
    ) {
        let g = vigie_geo::shared();
        let r = g.resolve(&ToponymQuery {
            name: name.clone(),
            cue,
            context: GeoContext { countries, admin_mentions: admins, other_places: others },
        });
        prop_assert_eq!(&r.query, &name);
        if let Some(b) = &r.best {
            prop_assert!(b.score.is_finite());
            prop_assert!(b.place.latitude.abs() <= 90.0 && b.place.longitude.abs() <= 180.0);
            prop_assert!(r.precision.is_some());
        }
        let _ = g.knows(&name);
        let _ = g.admin_level(&name);
    }

    #[test]
    fn knows_agrees_with_resolve(name in "[A-Za-zÀ-ÿ' -]{1,20}") {
        // Recognition and resolution fold names the same way: whatever
        // `knows` accepts, `resolve` finds.
        let g = vigie_geo::shared();
        if g.knows(&name) {
            prop_assert!(g.resolve(&ToponymQuery::new(name.clone())).best.is_some(), "{}", name);
        }
    }
}
