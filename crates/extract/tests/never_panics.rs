//! The pipeline never panics, whatever the input: arbitrary strings, arbitrary
//! bytes, HTML fragments, with and without a publication date. Every evidence
//! span stays inside the input.

use std::sync::{Arc, OnceLock};

use proptest::prelude::*;
use vigie_core::{DocMeta, Document};
use vigie_extract::Extractor;

fn extractor() -> &'static Extractor {
    static E: OnceLock<Extractor> = OnceLock::new();
    E.get_or_init(|| {
        let g: Arc<dyn vigie_core::Geocoder> = vigie_geo::shared();
        Extractor::new(g).expect("lexicons compile")
    })
}

fn check(doc: &Document) {
    let out = extractor().extract(doc);
    let n = doc.raw.len();
    for e in &out.events {
        let spans = e
            .event_date
            .evidence
            .iter()
            .chain(&e.sub_event_type.evidence)
            .chain(&e.place.evidence)
            .chain(&e.actor1.evidence)
            .chain(&e.actor2.evidence)
            .chain(&e.fatalities.evidence)
            .chain(std::iter::once(&e.trigger));
        for ev in spans {
            assert!(
                ev.span.start <= ev.span.end && ev.span.end <= n,
                "span {:?} outside {n} bytes",
                ev.span
            );
        }
    }
}

/// Words that make the engine work hard: triggers, actors, dates, numbers, places.
fn report_words() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Le",
        "24",
        "octobre",
        "2025",
        "hier",
        "dimanche",
        "dernier",
        "des",
        "hommes",
        "armés",
        "ont",
        "attaqué",
        "le",
        "village",
        "de",
        "Kidal",
        "Gondam",
        "tuant",
        "trois",
        "civils",
        "selon",
        "aurait",
        "FAMa",
        "JNIM",
        "On",
        "Monday",
        "gunmen",
        "killed",
        "at",
        "least",
        "12",
        "soldiers",
        "in",
        "Gao",
        "(Gao,",
        "Gao).",
        "IED",
        "drone",
        "frappe",
        "a",
        "démenti",
        "claimed",
        "«",
        "»",
        ",",
        ".",
        "\n",
        "entre",
        "et",
        "vingt-deux",
        "l'armée",
        "malienne",
        "manifestants",
        "dispersés",
        "Tin-Zaouatene",
        "Léré",
        "(",
        ")",
        "km",
        "au",
        "nord",
    ]);
    prop::collection::vec(words, 0..80).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(s in "\\PC{0,400}", dated in any::<bool>()) {
        let meta = DocMeta { id: "p".into(), published_at: dated.then(|| jiff::civil::date(2025, 10, 27)), ..Default::default() };
        check(&Document::text(meta, s.into_bytes()));
    }

    #[test]
    fn report_like_strings(s in report_words(), dated in any::<bool>(), lang in prop::option::of(prop::sample::select(vec!["fr", "en", "de"]))) {
        let meta = DocMeta {
            id: "r".into(),
            published_at: dated.then(|| jiff::civil::date(2020, 12, 31)),
            language: lang.map(str::to_string),
            ..Default::default()
        };
        check(&Document::text(meta, s.into_bytes()));
    }

    #[test]
    fn arbitrary_bytes(b in prop::collection::vec(any::<u8>(), 0..600)) {
        check(&Document::text(DocMeta::default(), b.clone()));
        check(&Document::html(DocMeta::default(), b));
    }

    #[test]
    fn html_fragments(s in "(<[a-z/!]{0,8}( class=\"[a-z-]{0,8}\")?>?|[^<]{0,30}|&[a-z#0-9]{0,6};?){0,40}") {
        check(&Document::html(DocMeta::default(), s.into_bytes()));
    }
}
