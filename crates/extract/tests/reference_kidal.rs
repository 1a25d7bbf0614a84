//! The reference case of issue 3: the FLA's claimed drone strike on the
//! former UN camp in Kidal (24 October 2025). The report is third-party text,
//! read from `../shared/examples/` at test time and never copied here; when
//! the shared folder is absent the test says so and returns.
//!
//! It must give exactly one event, coded as an ACLED coder would, while the
//! siege of Kidal, the earlier clashes and the list of drone operations stay
//! mentions — and every quoted evidence must be the original bytes it points at.

use std::path::PathBuf;
use std::sync::Arc;

use vigie_core::{
    DocMeta, Document, DocumentExtraction, Evidence, Geocoder, Inter, MentionKind, Modality,
    SubEventType, TimePrecision,
};

fn report_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/examples/kidal-drone-strike.fr.txt")
}

fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' => 'o',
            'ù' | 'û' => 'u',
            'ç' => 'c',
            c => c,
        })
        .collect()
}

/// Every evidence of the document: the quoted text must be the original bytes.
fn check_evidence(raw: &[u8], x: &DocumentExtraction) {
    let mut all: Vec<(&str, &Evidence)> = Vec::new();
    for e in &x.events {
        all.push(("trigger", &e.trigger));
        all.extend(e.event_date.evidence.iter().map(|v| ("event_date", v)));
        all.extend(
            e.sub_event_type
                .evidence
                .iter()
                .map(|v| ("sub_event_type", v)),
        );
        all.extend(e.actor1.evidence.iter().map(|v| ("actor1", v)));
        all.extend(e.actor2.evidence.iter().map(|v| ("actor2", v)));
        all.extend(e.place.evidence.iter().map(|v| ("place", v)));
        all.extend(e.fatalities.evidence.iter().map(|v| ("fatalities", v)));
        all.extend(
            e.civilian_targeting
                .evidence
                .iter()
                .map(|v| ("civilian_targeting", v)),
        );
        all.extend(e.claim.source_cue.iter().map(|v| ("claim.source_cue", v)));
        all.extend(
            e.claim
                .modality_cue
                .iter()
                .map(|v| ("claim.modality_cue", v)),
        );
        for f in &e.figures {
            all.push(("figure", &f.evidence));
        }
    }
    for m in &x.mentions {
        all.push(("mention", &m.evidence));
        all.extend(m.places.iter().map(|v| ("mention.place", v)));
    }
    for t in &x.toponyms {
        all.push(("toponym", &t.evidence));
    }
    for (what, ev) in all {
        let quoted = raw
            .get(ev.span.start..ev.span.end)
            .and_then(|b| std::str::from_utf8(b).ok());
        assert_eq!(
            quoted,
            Some(ev.text.as_str()),
            "{what} evidence {}..{} does not quote the original input",
            ev.span.start,
            ev.span.end
        );
    }
}

#[test]
fn kidal_drone_strike_is_one_claimed_event_with_its_background() {
    let path = report_path();
    let Ok(raw) = std::fs::read(&path) else {
        eprintln!(
            "skipped: reference report {} is absent (../shared not beside the repository)",
            path.display()
        );
        return;
    };
    let geocoder: Arc<dyn Geocoder> = vigie_geo::shared();
    let ex = vigie_extract::Extractor::new(geocoder).expect("the embedded lexicons compile");
    let meta = DocMeta {
        id: "kidal-drone-strike".into(),
        published_at: Some(jiff::civil::date(2025, 10, 24)),
        ..Default::default()
    };
    let x = ex.extract(&Document::text(meta, raw.clone()));
    eprintln!("{}", serde_json::to_string_pretty(&x).unwrap_or_default());
    check_evidence(&raw, &x);

    // Exactly one event.
    assert_eq!(
        x.events.len(),
        1,
        "expected one event, got {:?}",
        x.events
            .iter()
            .map(|e| (e.sub_event_type.value, e.event_date.value))
            .collect::<Vec<_>>()
    );
    let e = &x.events[0];
    assert_eq!(e.event_date.value, Some(jiff::civil::date(2025, 10, 24)));
    assert_eq!(e.time_precision, TimePrecision::Day);
    assert_eq!(e.event_type.as_str(), "Explosions/Remote violence");
    assert_eq!(e.sub_event_type.value, SubEventType::AirDroneStrike);

    let a1 = e.actor1.value.as_ref().expect("actor1");
    assert_eq!(a1.canonical, "FLA: Azawad Liberation Front");
    assert_eq!(a1.inter, Some(Inter::RebelGroups));
    let a2 = e.actor2.value.as_ref().expect("actor2");
    assert_eq!(a2.canonical, "Military Forces of Mali (2021-)");

    let place = e.place_best().expect("a resolved place");
    assert_eq!(place.name, "Kidal");
    assert_eq!(place.admin1.as_deref(), Some("Kidal"));
    assert_eq!(e.fatalities.value, 0, "no death is reported");

    assert_eq!(
        e.claim.modality,
        Modality::Conditional,
        "« aurait détruit » is reported speech"
    );
    let source = e.claim.source.as_deref().unwrap_or_default().to_lowercase();
    assert!(
        source.contains("communiqu") && (source.contains("fla") || source.contains("azawad")),
        "the claim's source must be the FLA's communiqué, got {source:?}"
    );

    // The siege of Kidal: an ongoing situation naming Kidal.
    assert!(
        x.mentions
            .iter()
            .any(|m| m.kind == MentionKind::OngoingSituation
                && m.places.iter().any(|p| p.text == "Kidal")),
        "no ongoing-situation mention of the siege of Kidal"
    );
    // The earlier clashes: a mention quoting the four places.
    assert!(
        x.mentions.iter().any(|m| {
            let t = fold(&m.evidence.text);
            ["tinzawaten", "alkat", "tajmart", "anou malan"]
                .iter()
                .all(|n| t.contains(n))
        }),
        "no mention for the earlier clashes at Tinzawaten, Alkat, Tajmart, Anou Malan"
    );
    // The drone operations: a mention listing the six places.
    assert!(
        x.mentions.iter().any(|m| {
            let places: Vec<String> = m.places.iter().map(|p| fold(&p.text)).collect();
            [
                "tessalit",
                "aguelhok",
                "gondam",
                "tombouctou",
                "lere",
                "kidal",
            ]
            .iter()
            .all(|n| places.iter().any(|p| p == n))
        }),
        "no mention listing Tessalit, Aguelhok, Gondam, Tombouctou, Léré, Kidal"
    );
}
