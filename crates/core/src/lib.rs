//! # vigie-core
//!
//! The types every stage of vigie shares. Nothing here does I/O or knows a
//! language: it is the vocabulary the pipeline speaks.
//!
//! * [`Span`] — byte offsets into the **untouched input**. Every piece of
//!   evidence is a list of spans, so a reader can check a field in one glance.
//! * [`taxonomy`] — ACLED's 6 event types and 25 sub-event types, inter codes
//!   and interaction codes, with ACLED's exact strings.
//! * [`Event`], [`Mention`], [`Claim`] — what one report yields.
//! * [`Geocoder`] — the interface the gazetteer fills.
//! * [`acled`] — ACLED's 31 export columns, in ACLED's order, and vigie's own.

pub mod acled;
pub mod actor;
pub mod claim;
pub mod document;
pub mod event;
pub mod hash;
pub mod place;
pub mod precision;
pub mod span;
pub mod taxonomy;

pub use actor::ActorRef;
pub use claim::{Claim, FigureClaim, Modality};
pub use document::{ContentKind, Decoding, DocMeta, Document, Language, LanguageVerdict};
pub use event::{
    Diagnostic, DiagnosticLevel, DocumentExtraction, Event, EventPlace, Field, Mention,
    MentionKind, Toponym,
};
pub use place::{
    haversine_km, GeoCandidate, GeoContext, GeoResolution, Geocoder, NameMatch, Place,
    RelativeOffset, ToponymQuery,
};
pub use precision::{GeoPrecision, TimePrecision};
pub use span::{Evidence, Span};
pub use taxonomy::{DisorderType, EventType, Inter, SubEventType};

/// The engine version recorded in every extraction run.
pub const VIGIE_VERSION: &str = env!("CARGO_PKG_VERSION");
