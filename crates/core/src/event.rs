//! What one report yields: events, mentions and diagnostics.

use crate::actor::ActorRef;
use crate::claim::{Claim, FigureClaim};
use crate::document::{Decoding, LanguageVerdict};
use crate::place::GeoResolution;
use crate::precision::{GeoPrecision, TimePrecision};
use crate::span::{Evidence, Span};
use crate::taxonomy::{DisorderType, EventType, SubEventType};
use serde::{Deserialize, Serialize};

/// A value with the evidence it came from and a confidence in `[0, 1]`.
///
/// A field without evidence is a default or an inference; its confidence
/// says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field<T> {
    pub value: T,
    pub evidence: Vec<Evidence>,
    pub confidence: f32,
}

impl<T> Field<T> {
    pub fn new(value: T, evidence: Vec<Evidence>, confidence: f32) -> Self {
        Field {
            value,
            evidence,
            confidence: confidence.clamp(0.0, 1.0),
        }
    }
    /// A value with no evidence in the text (a default or an inference).
    pub fn inferred(value: T, confidence: f32) -> Self {
        Field::new(value, Vec::new(), confidence)
    }
}

/// The place of an event: the name as written and what the geocoder made of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    /// The toponym as the report writes it ("Gondam").
    pub written: String,
    pub resolution: GeoResolution,
}

/// One ACLED-compatible event, every field with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable within a document: `{doc_id}#{n}`.
    pub id: String,
    pub doc_id: String,
    pub event_date: Field<Option<jiff::civil::Date>>,
    pub time_precision: TimePrecision,
    pub disorder_type: DisorderType,
    pub event_type: EventType,
    pub sub_event_type: Field<SubEventType>,
    pub actor1: Field<Option<ActorRef>>,
    pub assoc_actor_1: Vec<ActorRef>,
    pub actor2: Field<Option<ActorRef>>,
    pub assoc_actor_2: Vec<ActorRef>,
    /// ACLED interaction code (smaller inter first).
    pub interaction: Option<u8>,
    pub civilian_targeting: Field<bool>,
    pub place: Field<Option<EventPlace>>,
    pub geo_precision: Option<GeoPrecision>,
    /// ACLED's conservative figure: the lowest reported.
    pub fatalities: Field<u32>,
    /// Every figure reported, with who reported it.
    pub figures: Vec<FigureClaim>,
    /// One English sentence written from the fields, ACLED style.
    pub notes: String,
    pub claim: Claim,
    /// The sentence(s) the event was read from.
    pub trigger: Evidence,
    /// Overall confidence that this is a real, correctly typed event.
    pub confidence: f32,
}

impl Event {
    /// ACLED country name of the resolved place, if any.
    pub fn country(&self) -> Option<&str> {
        self.place_best().map(|p| p.country.as_str())
    }

    /// ACLED's `location`: the place as the report spells it, unless the
    /// spelling is the gazetteer's own name (then with the gazetteer's
    /// accents and case). ACLED writes the name in use — "Konna",
    /// "Solhan", "Moura", "Inates" where GeoNames' main names are "Kona",
    /// "Solna", "Mora", "Inatess" — and measured on the gold sets the
    /// report's spelling agrees with ACLED's far more often (location name
    /// 0.616 → 0.686 on the ACLED notes). The coordinates and admin path
    /// are the gazetteer's either way.
    pub fn location_name(&self) -> Option<String> {
        let written = self.place.value.as_ref()?;
        Some(match written.resolution.best.as_ref() {
            Some(best) if best.name_match == crate::place::NameMatch::Main => {
                best.place.name.clone()
            }
            _ => written.written.clone(),
        })
    }

    /// The best gazetteer place, if the location resolved.
    pub fn place_best(&self) -> Option<&crate::place::Place> {
        self.place
            .value
            .as_ref()
            .and_then(|p| p.resolution.best.as_ref())
            .map(|c| &*c.place)
    }
}

/// Why a passage is a mention and not an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A situation that goes on (a siege, a blockade, "imposes a siege").
    OngoingSituation,
    /// An earlier event recalled as background.
    PastEvent,
    /// A list of places without a dated happening of its own.
    PlaceList,
    /// A cumulative toll or a series ("in recent months", "since 2023").
    CumulativeLosses,
    /// An event-like passage with no date or place the report supports.
    Undated,
}

/// A passage that talks about violence but is not coded as an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub kind: MentionKind,
    pub evidence: Evidence,
    /// The sub-event type the passage would have if it were an event.
    pub sub_event_type: Option<SubEventType>,
    /// Toponyms named in the passage.
    pub places: Vec<Evidence>,
    /// Why it is not an event, in a few words.
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiagnosticLevel {
    Info,
    Warning,
    Error,
}

/// Something the reader should know about how the document was processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub level: DiagnosticLevel,
    /// A stable machine code ("no_published_at", "unsupported_language").
    pub code: String,
    pub message: String,
    pub span: Option<Span>,
}

impl Diagnostic {
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            level: DiagnosticLevel::Info,
            code: code.into(),
            message: message.into(),
            span: None,
        }
    }
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            level: DiagnosticLevel::Warning,
            code: code.into(),
            message: message.into(),
            span: None,
        }
    }
    pub fn error(code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            level: DiagnosticLevel::Error,
            code: code.into(),
            message: message.into(),
            span: None,
        }
    }
}

/// A toponym found in the text and what the geocoder said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Toponym {
    pub evidence: Evidence,
    pub resolution: GeoResolution,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentExtraction {
    pub doc_id: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published_at: Option<jiff::civil::Date>,
    pub language: LanguageVerdict,
    pub decoding: Decoding,
    pub events: Vec<Event>,
    pub mentions: Vec<Mention>,
    pub toponyms: Vec<Toponym>,
    pub diagnostics: Vec<Diagnostic>,
}
