//! Places and the geocoder interface.
//!
//! The extraction stage marks toponym spans and asks a [`Geocoder`] for them;
//! `vigie-geo` implements it over the GeoNames gazetteer.

use crate::precision::GeoPrecision;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A gazetteer entry with its admin hierarchy resolved to names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub geonameid: u64,
    /// GeoNames' main name ("Goundam").
    pub name: String,
    /// ISO 3166 alpha-2 ("ML").
    pub country_code: String,
    /// Country name as ACLED writes it ("Mali", "Burkina Faso").
    pub country: String,
    /// ISO 3166 numeric code (ACLED's `iso` column: Mali 466).
    pub iso_numeric: Option<u16>,
    /// ACLED region ("Western Africa").
    pub region: Option<String>,
    /// First-level admin name as ACLED writes it ("Timbuktu", "Segou").
    pub admin1: Option<String>,
    /// Second-level admin name (cercle, province, department).
    pub admin2: Option<String>,
    /// Third-level admin name (commune).
    pub admin3: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    /// GeoNames feature class and code ("P", "PPLA2").
    pub feature_class: String,
    pub feature_code: String,
    pub population: u64,
}

/// What the rest of the document says about where things happen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GeoContext {
    /// Countries in focus (ISO alpha-2), most likely first.
    pub countries: Vec<String>,
    /// Admin names the document mentions ("région de Tombouctou", "cercle de Niono").
    pub admin_mentions: Vec<String>,
    /// Other toponyms of the document, as written.
    pub other_places: Vec<String>,
}

/// A place name to resolve, as written, with the document's context.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ToponymQuery {
    pub name: String,
    /// Words right before the name ("la commune de", "near"), which hint at the feature type.
    pub cue: Option<String>,
    pub context: GeoContext,
}

impl ToponymQuery {
    pub fn new(name: impl Into<String>) -> Self {
        ToponymQuery {
            name: name.into(),
            ..Default::default()
        }
    }
}

/// How a toponym's spelling matched a candidate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameMatch {
    /// The GeoNames name itself.
    #[default]
    Main,
    /// One of GeoNames' alternate names ("Konna" for the place GeoNames
    /// calls "Kona").
    Alternate,
    /// A curated spelling of `data/places/variants.tsv`.
    Variant,
    /// ACLED's name of an admin unit.
    AdminName,
    /// The same name after transliteration folding ("Tinzawaten").
    Skeleton,
    /// The name without its qualifier words ("Birga-Dogon" → "Birga").
    Partial,
    /// A misspelling, a few edits away.
    Fuzzy,
}

/// One scored candidate, with the reasons for its score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeoCandidate {
    /// Shared: a toponym's candidates are copied into every event placed
    /// there, and the geocoder hands out the same places over and over (a
    /// copy is a reference count, not nine strings). Serialised as the
    /// place itself.
    pub place: Arc<Place>,
    pub score: f32,
    pub reasons: Vec<String>,
    /// How the toponym's spelling matched this place (older stored
    /// extractions, without it, read as the GeoNames name).
    #[serde(default)]
    pub name_match: NameMatch,
}

/// "à 30 km au sud de Gao": the anchor is Gao, the offset is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelativeOffset {
    pub distance_km: Option<f64>,
    /// Compass direction, English ("north", "south-east").
    pub direction: Option<String>,
    /// The words as written.
    pub text: String,
    pub span: Option<Span>,
}

/// The geocoder's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeoResolution {
    pub query: String,
    pub best: Option<GeoCandidate>,
    /// Other candidates, best first, each at a different locus (at most
    /// three from `vigie-geo`: each is a full place, in every output line).
    /// Non-empty and `ambiguous` when the top two stay close: better two
    /// honest answers than one confident wrong one.
    pub alternatives: Vec<GeoCandidate>,
    pub ambiguous: bool,
    pub precision: Option<GeoPrecision>,
    pub offset: Option<RelativeOffset>,
}

impl GeoResolution {
    pub fn unresolved(query: impl Into<String>) -> Self {
        GeoResolution {
            query: query.into(),
            best: None,
            alternatives: Vec::new(),
            ambiguous: false,
            precision: None,
            offset: None,
        }
    }
}

/// Resolves place names. Implementations must be cheap to call per toponym
/// and safe to share across threads.
pub trait Geocoder: Send + Sync {
    /// Ranks the candidates for a name in its context.
    fn resolve(&self, query: &ToponymQuery) -> GeoResolution;

    /// Whether the (unfolded) name is in the gazetteer at all, under any
    /// spelling the geocoder folds to; used by toponym recognition.
    fn knows(&self, name: &str) -> bool;

    /// Whether the name is a first- or second-level admin unit (region,
    /// cercle, province) — such names give context and a coarser precision.
    fn admin_level(&self, name: &str) -> Option<u8>;

    /// Identifies the gazetteer build, recorded in each extraction run.
    fn version(&self) -> String;
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let r = 6371.0088_f64;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * r * a.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::haversine_km;

    #[test]
    fn bamako_to_gao_is_about_950_km() {
        let d = haversine_km(12.65, -8.0, 16.27, -0.04);
        assert!((900.0..1000.0).contains(&d), "{d}");
    }
}
