//! A synthetic corpus built from the merge test set (tests/fixtures/merge_set.json):
//! document `i` is template report `i % T` moved `3 * (i / T)` days later (and its
//! place moved a little per cycle), so reports of one event in one cycle
//! still merge while the corpus spans years of distinct events.

use serde::Deserialize;
use std::collections::BTreeMap;
use vigie_core::*;
use vigie_store::NewDocument;

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
    text: String,
    events: Vec<Coded>,
}

#[derive(Deserialize)]
struct Coded {
    date: String,
    tp: u8,
    sub: String,
    actor1: Option<String>,
    actor2: Option<String>,
    place: String,
    written: String,
    gp: u8,
    killed: Option<u32>,
}

pub struct Corpus {
    set: Set,
}

fn ev(text: &str) -> Evidence {
    Evidence::new(Span::new(0, text.len()), text)
}

impl Corpus {
    pub fn load() -> Corpus {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/merge_set.json");
        let text = std::fs::read_to_string(path).expect("merge_set.json");
        Corpus {
            set: serde_json::from_str(&text).expect("valid merge set"),
        }
    }

    pub fn templates(&self) -> usize {
        self.set.reports.len()
    }

    /// Document `i`: its stored form and what extraction yields for it.
    pub fn document(&self, i: usize) -> (NewDocument, DocumentExtraction) {
        let t = &self.set.reports[i % self.templates()];
        let cycle = (i / self.templates()) as i64;
        let doc_id = format!("{}-{i}", t.doc);
        let raw = format!(
            "{}\n\n[{i}] {}",
            t.text,
            "Lorem ipsum of the wire. ".repeat(20)
        );
        let events = t
            .events
            .iter()
            .enumerate()
            .filter_map(|(n, c)| self.event(&doc_id, n, c, cycle))
            .collect();
        let doc = NewDocument {
            external_id: doc_id.clone(),
            source: Some(t.source.clone()),
            url: Some(format!("https://example.org/{doc_id}")),
            title: None,
            language: Some("fr".into()),
            kind: "text".into(),
            published_at: None,
            fetched_at_ms: None,
            raw: raw.into_bytes(),
        };
        let x = DocumentExtraction {
            doc_id,
            url: None,
            source: Some(t.source.clone()),
            published_at: None,
            language: LanguageVerdict::Supported {
                language: Language::Fr,
                confidence: 0.9,
            },
            decoding: Decoding::default(),
            events,
            mentions: vec![],
            toponyms: vec![],
            diagnostics: vec![],
        };
        (doc, x)
    }

    fn event(&self, doc: &str, n: usize, c: &Coded, cycle: i64) -> Option<Event> {
        let base: jiff::civil::Date = c.date.parse().ok()?;
        let date = base.checked_add(jiff::Span::new().days(cycle * 3)).ok()?;
        let sub = SubEventType::from_key(&c.sub)?;
        let actor = |k: &Option<String>| {
            k.as_ref()
                .and_then(|k| self.set.actors.get(k))
                .map(|(name, inter, country)| ActorRef {
                    canonical: name.clone(),
                    inter: Inter::from_code(*inter),
                    key: name.to_lowercase(),
                    country: country.clone(),
                })
        };
        let p = self.set.places.get(&c.place)?;
        let shift = ((cycle * 37) % 100) as f64 / 100.0 * 0.6 - 0.3;
        let place = Place {
            geonameid: p.0 * 10_000 + (cycle as u64 % 10_000),
            name: p.1.clone(),
            country_code: p.2.clone(),
            country: p.3.clone(),
            iso_numeric: None,
            region: Some("Western Africa".into()),
            admin1: Some(p.6.clone()),
            admin2: Some(p.7.clone()),
            admin3: None,
            latitude: p.4 + shift,
            longitude: p.5 - shift,
            feature_class: "P".into(),
            feature_code: "PPL".into(),
            population: 0,
        };
        let gp = GeoPrecision::try_from(c.gp).ok()?;
        let killed = c.killed.unwrap_or(0);
        Some(Event {
            id: format!("{doc}#{n}"),
            doc_id: doc.into(),
            event_date: Field::new(Some(date), vec![ev("date")], 0.9),
            time_precision: TimePrecision::try_from(c.tp).ok()?,
            disorder_type: sub.disorder_type(),
            event_type: sub.event_type(),
            sub_event_type: Field::new(sub, vec![ev("trigger")], 0.9),
            actor1: Field::new(actor(&c.actor1), vec![], 0.8),
            assoc_actor_1: vec![],
            actor2: Field::new(actor(&c.actor2), vec![], 0.8),
            assoc_actor_2: vec![],
            interaction: None,
            civilian_targeting: Field::new(sub.always_targets_civilians(), vec![], 0.8),
            place: Field::new(
                Some(EventPlace {
                    written: c.written.clone(),
                    resolution: GeoResolution {
                        query: c.written.clone(),
                        best: Some(GeoCandidate {
                            place: place.into(),
                            score: 0.9,
                            reasons: vec![],
                            name_match: Default::default(),
                        }),
                        alternatives: vec![],
                        ambiguous: false,
                        precision: Some(gp),
                        offset: None,
                    },
                }),
                vec![ev(&c.written)],
                0.9,
            ),
            geo_precision: Some(gp),
            fatalities: Field::new(
                killed,
                if c.killed.is_some() {
                    vec![ev("killed")]
                } else {
                    vec![]
                },
                0.8,
            ),
            figures: vec![],
            notes: format!("Synthetic event {doc} #{n}: {} in {}.", sub, c.written),
            claim: Claim::asserted(),
            trigger: ev("sentence"),
            confidence: 0.8,
        })
    }
}
