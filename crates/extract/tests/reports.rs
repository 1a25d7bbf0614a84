//! Fixture-driven test: our own report-style texts (French and English) under
//! `tests/fixtures/reports/*.json`, each with the events a careful ACLED coder
//! would draw from it, compared field by field with what the extractor gives.
//!
//! Why two tiers: the event count, sub_event_type and event_date decide
//! whether an event exists and what it is, so every fixture must get them
//! right (hard). The other fields (actors, place, figures, modality …) are
//! scored together and must not fall below a floor set from the measured
//! agreement, so a regression anywhere shows up while the engine improves.
//! Every mismatch is printed (fixture, field, expected, got) before asserting,
//! so one run shows the whole picture.
//!
//! Fixture format (one JSON object per file):
//! ```json
//! { "id": "…", "lang": "fr", "published_at": "2025-03-12" | null, "text": "…",
//!   "expect": { "count": 1,
//!               "events": [ { "event_type": "…", "sub_event_type": "…",
//!                             "event_date": "2025-03-11" | null, "time_precision": 1,
//!                             "actor1": "…", "actor2": "…" | null, "location": "…",
//!                             "admin1": "…", "fatalities": 3, "civilian_targeting": false,
//!                             "claim": "reported", "figures": [3, 5] } ],
//!               "mentions": ["past_event", "cumulative_losses"] } }
//! ```
//! A key left out of an expected event is not scored; `null` means "none".
//! `figures` lists values that must all appear among the event's figures
//! (conflicting tolls are kept side by side); `mentions` lists mention kinds
//! that must all be present (as a multiset).

#[path = "support/report_files.rs"]
mod report_files;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;
use vigie_core::{DocMeta, Document, DocumentExtraction, Event, Evidence, Geocoder};

/// Fixtures whose hard checks fail because of a known engine gap (listed in
/// the helper's report to the lead). Their expectations stay the truth: they
/// are still scored, printed, and count in the field table; only their hard
/// failures are tolerated. Keep this list short (at most a third of the set)
/// and remove an entry as soon as the engine gets it right.
const KNOWN_GAPS: &[&str] = &[
    // "a repris avant-hier le contrôle de": the phrase trigger "repris le
    // contrôle" does not match once an adverb sits inside it; no event at all.
    "fr-reprise-controle-avant-hier",
];

/// Overall agreement on the soft fields, measured on the current engine
/// (0.819 = 371/453 on 2025-11-25, 0.862 = 469/544 after the event-type
/// work of branch etype; see the table printed by this test).
/// Raise it when the engine improves.
const SOFT_AGREEMENT_FLOOR: f64 = 0.84;

/// Soft fields, in the order of the printed table.
const SOFT_FIELDS: &[&str] = &[
    "event_type",
    "time_precision",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "fatalities",
    "civilian_targeting",
    "claim",
    "figures",
    "mentions",
];

#[derive(Debug, Deserialize)]
struct Fixture {
    id: String,
    lang: String,
    published_at: Option<String>,
    text: String,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
struct Expect {
    count: usize,
    #[serde(default)]
    events: Vec<BTreeMap<String, Value>>,
    #[serde(default)]
    mentions: Vec<String>,
}

fn load_fixtures() -> Vec<(PathBuf, Fixture)> {
    report_files::report_paths()
        .into_iter()
        .map(|p| {
            let raw = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            let f: Fixture = serde_json::from_str(&raw)
                .unwrap_or_else(|e| panic!("{} is not a valid fixture: {e}", p.display()));
            (p, f)
        })
        .collect()
}

/// Lower case, accents off, so "Tombouctou"/"tombouctou" and "Ségou"/"Segou" compare equal.
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            '’' => '\'',
            c => c,
        })
        .collect()
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The value the extractor gave for one expected key, as JSON.
fn got_value(e: &Event, key: &str) -> Value {
    match key {
        "event_type" => Value::from(e.event_type.as_str()),
        "sub_event_type" => Value::from(e.sub_event_type.value.as_str()),
        "event_date" => e
            .event_date
            .value
            .map_or(Value::Null, |d| Value::from(d.to_string())),
        "time_precision" => Value::from(e.time_precision.code()),
        "actor1" => e
            .actor1
            .value
            .as_ref()
            .map_or(Value::Null, |a| Value::from(a.canonical.clone())),
        "actor2" => e
            .actor2
            .value
            .as_ref()
            .map_or(Value::Null, |a| Value::from(a.canonical.clone())),
        "location" => e.location_name().map_or(Value::Null, Value::from),
        "admin1" => e
            .place_best()
            .and_then(|p| p.admin1.clone())
            .map_or(Value::Null, Value::from),
        "fatalities" => Value::from(e.fatalities.value),
        "civilian_targeting" => Value::from(e.civilian_targeting.value),
        "claim" => Value::from(e.claim.modality.as_str()),
        "figures" => Value::from(e.figures.iter().map(|f| f.value).collect::<Vec<_>>()),
        _ => Value::Null,
    }
}

/// Whether the extractor's value agrees with the expected one.
fn agrees(e: &Event, key: &str, want: &Value) -> bool {
    match key {
        // ACLED's location, as `vigie export` writes it (case and accents aside).
        "location" => match want.as_str() {
            Some(w) => e.location_name().is_some_and(|l| fold(&l) == fold(w)),
            None => e.place.value.is_none(),
        },
        "admin1" => match want.as_str() {
            Some(w) => e
                .place_best()
                .and_then(|p| p.admin1.as_deref())
                .is_some_and(|a| fold(a) == fold(w)),
            None => e.place_best().and_then(|p| p.admin1.as_ref()).is_none(),
        },
        "figures" => {
            let have: Vec<u32> = e.figures.iter().map(|f| f.value).collect();
            want.as_array().is_some_and(|ws| {
                ws.iter().all(|w| {
                    w.as_u64()
                        .is_some_and(|w| have.iter().any(|&h| u64::from(h) == w))
                })
            })
        }
        _ => got_value(e, key) == *want,
    }
}

/// Every evidence of an extraction: the spans the reader is promised to see.
fn all_evidence(x: &DocumentExtraction) -> Vec<(&'static str, &Evidence)> {
    let mut out: Vec<(&'static str, &Evidence)> = Vec::new();
    for e in &x.events {
        out.push(("trigger", &e.trigger));
        out.extend(e.event_date.evidence.iter().map(|v| ("event_date", v)));
        out.extend(
            e.sub_event_type
                .evidence
                .iter()
                .map(|v| ("sub_event_type", v)),
        );
        out.extend(e.actor1.evidence.iter().map(|v| ("actor1", v)));
        out.extend(e.actor2.evidence.iter().map(|v| ("actor2", v)));
        out.extend(
            e.civilian_targeting
                .evidence
                .iter()
                .map(|v| ("civilian_targeting", v)),
        );
        out.extend(e.place.evidence.iter().map(|v| ("place", v)));
        out.extend(e.fatalities.evidence.iter().map(|v| ("fatalities", v)));
        for f in &e.figures {
            out.push(("figure", &f.evidence));
            out.extend(f.claim.source_cue.iter().map(|v| ("figure.source_cue", v)));
            out.extend(
                f.claim
                    .modality_cue
                    .iter()
                    .map(|v| ("figure.modality_cue", v)),
            );
        }
        out.extend(e.claim.source_cue.iter().map(|v| ("claim.source_cue", v)));
        out.extend(
            e.claim
                .modality_cue
                .iter()
                .map(|v| ("claim.modality_cue", v)),
        );
    }
    for m in &x.mentions {
        out.push(("mention", &m.evidence));
        out.extend(m.places.iter().map(|v| ("mention.place", v)));
    }
    for t in &x.toponyms {
        out.push(("toponym", &t.evidence));
    }
    out
}

/// The promise of vigie: every quoted evidence is exactly the original bytes it points at.
fn evidence_faults(raw: &[u8], x: &DocumentExtraction) -> Vec<String> {
    all_evidence(x)
        .into_iter()
        .filter_map(|(what, ev)| {
            let quoted = raw
                .get(ev.span.start..ev.span.end)
                .and_then(|b| std::str::from_utf8(b).ok());
            (quoted != Some(ev.text.as_str())).then(|| {
                format!(
                    "{what} span {}..{} quotes {:?} but the input there is {:?}",
                    ev.span.start, ev.span.end, ev.text, quoted
                )
            })
        })
        .collect()
}

/// The day the fixtures are read: pinned, so that a year-less date whose
/// year comes from its weekday resolves the same way in every year.
const READ_ON: jiff::civil::Date = jiff::civil::date(2026, 11, 25);

fn extractor() -> vigie_extract::Extractor {
    let geocoder: Arc<dyn Geocoder> = vigie_geo::shared();
    vigie_extract::Extractor::new(geocoder)
        .expect("the embedded lexicons compile")
        .with_reference_date(READ_ON)
}

fn extract(ex: &vigie_extract::Extractor, f: &Fixture) -> (Vec<u8>, DocumentExtraction) {
    let published_at = f.published_at.as_deref().map(|s| {
        s.parse::<jiff::civil::Date>()
            .unwrap_or_else(|e| panic!("{}: bad published_at {s:?}: {e}", f.id))
    });
    let meta = DocMeta {
        id: f.id.clone(),
        published_at,
        language: Some(f.lang.clone()),
        ..Default::default()
    };
    let raw = f.text.as_bytes().to_vec();
    let doc = Document::text(meta, raw.clone());
    (raw, ex.extract(&doc))
}

#[derive(Default)]
struct Tally {
    agree: usize,
    total: usize,
}

#[test]
fn fixture_reports_match_their_coding() {
    let fixtures = load_fixtures();
    assert!(
        fixtures.len() >= 36,
        "expected at least 36 fixture reports, found {}",
        fixtures.len()
    );
    assert!(
        KNOWN_GAPS.len() * 3 <= fixtures.len(),
        "known_gaps may hold at most a third of the fixtures"
    );
    let mut ids = std::collections::BTreeSet::new();
    for (p, f) in &fixtures {
        assert!(ids.insert(f.id.clone()), "duplicate fixture id {}", f.id);
        assert_eq!(
            f.expect.count,
            f.expect.events.len(),
            "{}: expect.count disagrees with expect.events",
            p.display()
        );
    }
    for g in KNOWN_GAPS {
        assert!(
            ids.contains(*g),
            "KNOWN_GAPS names {g}, which is not a fixture"
        );
    }

    let ex = extractor();
    let dump = std::env::var("VIGIE_FIXTURE_DUMP").ok();
    let mut hard_failures: Vec<String> = Vec::new();
    let mut tolerated: Vec<String> = Vec::new();
    let mut soft_mismatches: Vec<String> = Vec::new();
    let mut evidence_failures: Vec<String> = Vec::new();
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut hard_ok_fixtures = 0usize;

    for (_, f) in &fixtures {
        let (raw, x) = extract(&ex, f);
        if dump.as_deref().is_some_and(|d| d == "all" || d == f.id) {
            eprintln!(
                "=== {} ===\n{}",
                f.id,
                serde_json::to_string_pretty(&x).unwrap_or_default()
            );
        }
        evidence_failures.extend(
            evidence_faults(&raw, &x)
                .into_iter()
                .map(|m| format!("{}: {m}", f.id)),
        );

        let mut hard: Vec<String> = Vec::new();
        if x.events.len() != f.expect.count {
            hard.push(format!(
                "{}: count: expected {} got {} ({})",
                f.id,
                f.expect.count,
                x.events.len(),
                x.events
                    .iter()
                    .map(|e| format!(
                        "{} {}",
                        e.sub_event_type.value,
                        e.event_date
                            .value
                            .map(|d| d.to_string())
                            .unwrap_or_default()
                    ))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
        for (i, want) in f.expect.events.iter().enumerate() {
            let Some(got) = x.events.get(i) else {
                // Missing events count against every field they expected.
                for key in want.keys() {
                    if SOFT_FIELDS.contains(&key.as_str()) {
                        tallies.entry(soft_key(key)).or_default().total += 1;
                    }
                }
                continue;
            };
            for (key, value) in want {
                let ok = agrees(got, key, value);
                let line = format!(
                    "{} #{}: {key}: expected {} got {}",
                    f.id,
                    i + 1,
                    show(value),
                    show(&got_value(got, key))
                );
                match key.as_str() {
                    "sub_event_type" | "event_date" => {
                        if !ok {
                            hard.push(line);
                        }
                    }
                    k if SOFT_FIELDS.contains(&k) => {
                        let t = tallies.entry(soft_key(k)).or_default();
                        t.total += 1;
                        if ok {
                            t.agree += 1;
                        } else {
                            soft_mismatches.push(line);
                        }
                    }
                    other => panic!("{}: unknown expected key {other:?}", f.id),
                }
            }
        }
        // Mention kinds: each expected kind must be present (multiset).
        if !f.expect.mentions.is_empty() {
            let mut have: Vec<String> = x
                .mentions
                .iter()
                .map(|m| {
                    serde_json::to_value(m.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                })
                .collect();
            let have_all = have.clone();
            let t = tallies.entry("mentions").or_default();
            for want in &f.expect.mentions {
                t.total += 1;
                if let Some(pos) = have.iter().position(|h| h == want) {
                    have.remove(pos);
                    t.agree += 1;
                } else {
                    soft_mismatches.push(format!(
                        "{}: mentions: expected {want} among {:?}",
                        f.id, have_all
                    ));
                }
            }
        }
        if hard.is_empty() {
            hard_ok_fixtures += 1;
        } else if KNOWN_GAPS.contains(&f.id.as_str()) {
            tolerated.extend(hard);
        } else {
            hard_failures.extend(hard);
        }
    }

    // Report everything before asserting anything.
    eprintln!(
        "\n── fixture reports: {} files, hard checks pass on {} ──",
        fixtures.len(),
        hard_ok_fixtures
    );
    eprintln!(
        "{:<20} {:>7} {:>7} {:>8}",
        "field", "agree", "total", "share"
    );
    let (mut agree, mut total) = (0usize, 0usize);
    for key in SOFT_FIELDS {
        let t = tallies.get(key).map_or((0, 0), |t| (t.agree, t.total));
        agree += t.0;
        total += t.1;
        let share = if t.1 == 0 {
            1.0
        } else {
            t.0 as f64 / t.1 as f64
        };
        eprintln!("{key:<20} {:>7} {:>7} {:>8.3}", t.0, t.1, share);
    }
    let overall = if total == 0 {
        1.0
    } else {
        agree as f64 / total as f64
    };
    eprintln!(
        "{:<20} {:>7} {:>7} {:>8.3}",
        "OVERALL (soft)", agree, total, overall
    );
    for m in &soft_mismatches {
        eprintln!("  soft mismatch  {m}");
    }
    for m in &tolerated {
        eprintln!("  KNOWN GAP      {m}");
    }
    for m in &hard_failures {
        eprintln!("  HARD FAILURE   {m}");
    }
    for m in &evidence_failures {
        eprintln!("  EVIDENCE       {m}");
    }
    for g in KNOWN_GAPS {
        let still = tolerated
            .iter()
            .any(|m| m.starts_with(&format!("{g}:")) || m.starts_with(&format!("{g} #")));
        if !still {
            eprintln!("  note: {g} passes its hard checks now; remove it from KNOWN_GAPS");
        }
    }

    assert!(
        evidence_failures.is_empty(),
        "{} evidence spans do not quote the original input (see above)",
        evidence_failures.len()
    );
    assert!(
        hard_failures.is_empty(),
        "{} hard mismatches (count / sub_event_type / event_date), see above",
        hard_failures.len()
    );
    assert!(
        overall >= SOFT_AGREEMENT_FLOOR,
        "soft-field agreement {overall:.3} fell below the floor {SOFT_AGREEMENT_FLOOR}"
    );
}

/// Maps an expected key to its static name in the table.
fn soft_key(k: &str) -> &'static str {
    SOFT_FIELDS
        .iter()
        .copied()
        .find(|f| *f == k)
        .unwrap_or("other")
}

/// The README's first command runs `examples/report.fr.txt` with
/// `--published-at 2025-11-03`: it must show the product's promise on our own
/// text — one claimed drone strike, coded, with its background as mentions.
#[test]
fn bundled_example_is_one_claimed_drone_strike_with_background() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/report.fr.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let f = Fixture {
        id: "bundled-example".into(),
        lang: "fr".into(),
        published_at: Some("2025-11-03".into()),
        text,
        expect: Expect {
            count: 1,
            events: Vec::new(),
            mentions: Vec::new(),
        },
    };
    let (raw, x) = extract(&extractor(), &f);
    let faults = evidence_faults(&raw, &x);
    assert!(faults.is_empty(), "evidence faults: {faults:#?}");
    assert_eq!(x.events.len(), 1, "events: {:#?}", x.events);
    let e = &x.events[0];
    assert_eq!(e.sub_event_type.value.as_str(), "Air/drone strike");
    assert_eq!(
        e.event_date.value.map(|d| d.to_string()).as_deref(),
        Some("2025-10-14")
    );
    assert_eq!(e.time_precision.code(), 1);
    assert_eq!(
        e.actor1.value.as_ref().map(|a| a.canonical.as_str()),
        Some("FLA: Azawad Liberation Front")
    );
    assert_eq!(
        e.actor2.value.as_ref().map(|a| a.canonical.as_str()),
        Some("Military Forces of Mali (2021-)")
    );
    assert!(
        agrees(e, "location", &Value::from("Anefis")),
        "place: {:?}",
        e.place.value
    );
    assert_eq!(e.fatalities.value, 0);
    assert_eq!(e.claim.modality.as_str(), "claimed");
    let kinds: Vec<_> = x.mentions.iter().map(|m| m.kind).collect();
    for want in [
        vigie_core::MentionKind::OngoingSituation,
        vigie_core::MentionKind::PastEvent,
    ] {
        assert!(kinds.contains(&want), "no {want:?} mention among {kinds:?}");
    }
    assert!(
        x.mentions.iter().any(|m| {
            let places: Vec<String> = m.places.iter().map(|p| fold(&p.text)).collect();
            ["ber", "bourem", "tessalit", "tombouctou"]
                .iter()
                .all(|n| places.iter().any(|p| p == n))
        }),
        "no mention listing Ber, Bourem, Tessalit, Tombouctou: {:#?}",
        x.mentions
    );
}
