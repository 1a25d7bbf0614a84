//! Test helpers: builders for report events, and a store of each backend.
#![allow(dead_code)]

use std::sync::Arc;
use vigie_core::{
    ActorRef, Claim, DocumentExtraction, Event, EventPlace, Evidence, Field, FigureClaim,
    GeoCandidate, GeoPrecision, GeoResolution, Inter, Language, LanguageVerdict, Modality, Place,
    Span, SubEventType, TimePrecision,
};
use vigie_store::{NewDocument, SqlStore, Store};

/// A report event under construction.
#[derive(Clone)]
pub struct Ev(pub Event);

pub fn actor(key: &str, canonical: &str, inter: u8) -> ActorRef {
    ActorRef {
        canonical: canonical.into(),
        inter: Inter::from_code(inter),
        key: key.into(),
        country: Some("ML".into()),
    }
}

pub fn place(geonameid: u64, name: &str, lat: f64, lon: f64, admin1: &str, admin2: &str) -> Place {
    Place {
        geonameid,
        name: name.into(),
        country_code: "ML".into(),
        country: "Mali".into(),
        iso_numeric: Some(466),
        region: Some("Western Africa".into()),
        admin1: Some(admin1.into()),
        admin2: Some(admin2.into()),
        admin3: None,
        latitude: lat,
        longitude: lon,
        feature_class: "P".into(),
        feature_code: "PPL".into(),
        population: 0,
    }
}

fn ev(text: &str, start: usize) -> Evidence {
    Evidence::new(Span::new(start, start + text.len()), text)
}

impl Ev {
    pub fn new(doc: &str, n: usize, sub: SubEventType, date: (i16, i8, i8)) -> Ev {
        let d = jiff::civil::date(date.0, date.1, date.2);
        Ev(Event {
            id: format!("{doc}#{n}"),
            doc_id: doc.into(),
            event_date: Field::new(Some(d), vec![ev("hier", 0)], 0.9),
            time_precision: TimePrecision::Day,
            disorder_type: sub.disorder_type(),
            event_type: sub.event_type(),
            sub_event_type: Field::new(sub, vec![ev("attaque", 10)], 0.9),
            actor1: Field::new(None, vec![], 0.0),
            assoc_actor_1: vec![],
            actor2: Field::new(None, vec![], 0.0),
            assoc_actor_2: vec![],
            interaction: None,
            civilian_targeting: Field::new(sub.always_targets_civilians(), vec![], 0.8),
            place: Field::new(None, vec![], 0.0),
            geo_precision: None,
            fatalities: Field::new(0, vec![], 0.5),
            figures: vec![],
            notes: format!("Report {doc} event {n}."),
            claim: Claim::asserted(),
            trigger: ev("phrase", 0),
            confidence: 0.8,
        })
    }
    pub fn precision(mut self, tp: TimePrecision) -> Self {
        self.0.time_precision = tp;
        self
    }
    pub fn actors(mut self, a1: Option<ActorRef>, a2: Option<ActorRef>) -> Self {
        self.0.interaction = vigie_core::taxonomy::interaction(
            a1.as_ref().and_then(|a| a.inter),
            a2.as_ref().and_then(|a| a.inter),
        );
        self.0.actor1 = Field::new(a1, vec![ev("actor", 20)], 0.8);
        self.0.actor2 = Field::new(a2, vec![], 0.6);
        self
    }
    pub fn at(mut self, written: &str, p: Place, gp: GeoPrecision) -> Self {
        let cand = GeoCandidate {
            place: p.into(),
            score: 0.9,
            reasons: vec![],
            name_match: Default::default(),
        };
        self.0.place = Field::new(
            Some(EventPlace {
                written: written.into(),
                resolution: GeoResolution {
                    query: written.into(),
                    best: Some(cand),
                    alternatives: vec![],
                    ambiguous: false,
                    precision: Some(gp),
                    offset: None,
                },
            }),
            vec![ev(written, 30)],
            0.8,
        );
        self.0.geo_precision = Some(gp);
        self
    }
    pub fn unresolved(mut self, written: &str) -> Self {
        self.0.place = Field::new(
            Some(EventPlace {
                written: written.into(),
                resolution: GeoResolution::unresolved(written),
            }),
            vec![ev(written, 30)],
            0.5,
        );
        self
    }
    /// A stated death toll, with who gave it.
    pub fn killed(mut self, n: u32, claimant: Option<&str>, modality: Modality) -> Self {
        let quote = format!("{n} morts");
        let claim = Claim {
            modality,
            source: claimant.map(str::to_string),
            source_cue: claimant.map(|c| ev(c, 50)),
            modality_cue: None,
        };
        self.0.fatalities = Field::new(n, vec![ev(&quote, 40)], 0.8);
        self.0.figures.push(FigureClaim {
            what: "killed".into(),
            value: n,
            high: None,
            approximate: false,
            victims: None,
            evidence: ev(&quote, 40),
            claim: claim.clone(),
        });
        self
    }
    pub fn claim(mut self, modality: Modality, source: &str) -> Self {
        self.0.claim = Claim {
            modality,
            source: Some(source.into()),
            source_cue: Some(ev(source, 60)),
            modality_cue: None,
        };
        self
    }
    pub fn notes(mut self, notes: &str) -> Self {
        self.0.notes = notes.into();
        self
    }
    pub fn confidence(mut self, c: f32) -> Self {
        self.0.confidence = c;
        self
    }
    pub fn build(self) -> Event {
        self.0
    }
}

pub fn extraction(doc: &str, events: Vec<Event>) -> DocumentExtraction {
    DocumentExtraction {
        doc_id: doc.into(),
        url: None,
        source: None,
        published_at: None,
        language: LanguageVerdict::Supported {
            language: Language::Fr,
            confidence: 0.99,
        },
        decoding: Default::default(),
        events,
        mentions: vec![],
        toponyms: vec![],
        diagnostics: vec![],
    }
}

pub fn document(id: &str, source: &str, text: &str) -> NewDocument {
    NewDocument {
        external_id: id.into(),
        source: Some(source.into()),
        url: Some(format!("https://example.org/{id}")),
        title: Some(format!("Title {id}")),
        language: Some("fr".into()),
        kind: "text".into(),
        published_at: Some(jiff::civil::date(2024, 7, 28)),
        fetched_at_ms: None,
        raw: text.as_bytes().to_vec(),
    }
}

/// A store under test, and how to open a second handle on the same
/// database (another worker process, in effect).
pub struct Backend {
    pub store: Arc<dyn Store>,
    pub reopen: Box<dyn Fn() -> Arc<dyn Store>>,
    pub name: &'static str,
    _guard: Box<dyn std::any::Any>,
}

/// A fresh SQLite store in a temporary directory.
pub fn sqlite() -> Option<Backend> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("vigie.db");
    let store = SqlStore::open_sqlite(&path).expect("open sqlite");
    Some(Backend {
        store: Arc::new(store),
        reopen: Box::new(move || {
            Arc::new(SqlStore::open_sqlite(&path).expect("reopen sqlite")) as Arc<dyn Store>
        }),
        name: "sqlite",
        _guard: Box::new(dir),
    })
}

/// The PostgreSQL URL for tests; `None` (skip) when unset outside CI.
pub fn pg_url() -> Option<String> {
    match std::env::var("VIGIE_TEST_PG_URL") {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                panic!("CI=true but VIGIE_TEST_PG_URL is not set: run .ci/postgres.sh first");
            }
            eprintln!("skipped: VIGIE_TEST_PG_URL not set");
            None
        }
    }
}

/// Drops the test's schema when the test ends.
pub struct SchemaGuard {
    url: String,
    schema: String,
}

impl SchemaGuard {
    pub fn new(url: &str, schema: &str) -> Self {
        SchemaGuard {
            url: url.to_string(),
            schema: schema.to_string(),
        }
    }
}

impl Drop for SchemaGuard {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.url, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

/// A fresh PostgreSQL store in its own schema.
pub fn postgres() -> Option<Backend> {
    let url = pg_url()?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let schema = format!("vigie_t{}_{}", std::process::id(), nanos);
    let store = SqlStore::open_postgres(&url, Some(&schema)).expect("open postgres");
    let (u2, s2) = (url.clone(), schema.clone());
    Some(Backend {
        store: Arc::new(store),
        reopen: Box::new(move || {
            Arc::new(SqlStore::open_postgres(&u2, Some(&s2)).expect("reopen postgres"))
                as Arc<dyn Store>
        }),
        name: "postgres",
        _guard: Box::new(SchemaGuard { url, schema }),
    })
}

/// A process function that returns a fixed extraction.
pub fn fixed(
    x: DocumentExtraction,
) -> impl FnMut(&vigie_store::StoredDocument) -> Result<DocumentExtraction, String> {
    move |_| Ok(x.clone())
}
