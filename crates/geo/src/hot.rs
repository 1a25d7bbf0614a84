//! What scoring reads of every candidate place, packed into one small record
//! per place.
//!
//! Resolving a toponym scores up to a few hundred candidates against every
//! candidate point of the document's other places. Read from [`Place`], each
//! test followed a pointer into the heap (country code, feature class and
//! code, admin names are `String`s) and hashed the feature code for its
//! prior: on a stream of fresh documents these cache misses were most of the
//! geocoder's time. Here the strings are interned to small ids once, when the
//! gazetteer loads, and the coded point, its latitude's cosine and the
//! population score are computed ahead: the same values, bit for bit, so
//! scores (and outputs) do not move.

use std::collections::HashMap;

use crate::lexicon::{FeaturePrior, Lexicon};
use vigie_core::place::Place;

/// Admin id of a place without that admin level.
pub(crate) const NO_ADMIN: u32 = u32::MAX;

/// One place as scoring sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hot {
    /// The coded point: an admin unit's seat, else the place itself.
    pub lat: f64,
    pub lon: f64,
    /// `lat.to_radians().cos()`, which every distance to the point needs.
    pub cos_lat: f64,
    /// [`population_score`] of the place's population.
    pub pop_score: f32,
    /// Interned admin names (one id space for both levels; [`NO_ADMIN`]
    /// when absent). Equal ids are equal names.
    pub admin1: u32,
    pub admin2: u32,
    /// Index into [`HotTable::countries`].
    pub country: u16,
    /// Index into [`HotTable::features`].
    pub feature: u16,
}

/// A distinct (feature class, feature code) of the gazetteer.
#[derive(Debug, Clone)]
pub(crate) struct Feature {
    pub class: String,
    pub code: String,
    pub prior: FeaturePrior,
}

/// A distinct country code of the gazetteer.
#[derive(Debug, Clone)]
pub(crate) struct Country {
    /// One of vigie's focus countries (Mali, Burkina Faso, Niger).
    pub focus: bool,
    /// A neighbour whose full dump is in the gazetteer.
    pub neighbour: bool,
}

/// [`Hot`] records, by place number, and the tables their ids point into.
#[derive(Debug, Default)]
pub(crate) struct HotTable {
    pub places: Vec<Hot>,
    pub countries: Vec<Country>,
    pub features: Vec<Feature>,
    country_ids: HashMap<String, u16>,
}

/// How often a place of this population is named, in 0..1 (log scale, 3
/// million and more is 1).
pub(crate) fn population_score(pop: u64) -> f32 {
    ((1.0 + pop as f64).ln() / (1.0 + 3.0e6f64).ln()).min(1.0) as f32
}

impl HotTable {
    /// Packs every place; `seats` holds the coded point of admin units.
    pub fn build(
        lx: &Lexicon,
        places: &[Place],
        seats: &[Option<(f64, f64)>],
        focus: &[&str],
        neighbours: &[&str],
    ) -> HotTable {
        let mut t = HotTable::default();
        // Feature codes are unique across classes in GeoNames, but the key
        // keeps both: the prior falls back to the class.
        let mut feature_ids: HashMap<(&str, &str), u16> = HashMap::new();
        let mut admin_ids: HashMap<&str, u32> = HashMap::new();
        fn admin_id<'a>(ids: &mut HashMap<&'a str, u32>, a: &'a Option<String>) -> u32 {
            let Some(a) = a else { return NO_ADMIN };
            let next = ids.len() as u32;
            *ids.entry(a.as_str()).or_insert(next)
        }
        t.places.reserve(places.len());
        for (p, seat) in places.iter().zip(seats) {
            let country = t.country_id_or_insert(&p.country_code, focus, neighbours);
            let key = (p.feature_class.as_str(), p.feature_code.as_str());
            let feature = match feature_ids.get(&key) {
                Some(&f) => f,
                None => {
                    let f = t.features.len() as u16;
                    t.features.push(Feature {
                        class: key.0.to_string(),
                        code: key.1.to_string(),
                        prior: lx.feature(key.0, key.1),
                    });
                    feature_ids.insert(key, f);
                    f
                }
            };
            let (lat, lon) = seat.unwrap_or((p.latitude, p.longitude));
            t.places.push(Hot {
                lat,
                lon,
                cos_lat: lat.to_radians().cos(),
                pop_score: population_score(p.population),
                admin1: admin_id(&mut admin_ids, &p.admin1),
                admin2: admin_id(&mut admin_ids, &p.admin2),
                country,
                feature,
            });
        }
        t
    }

    fn country_id_or_insert(&mut self, code: &str, focus: &[&str], neighbours: &[&str]) -> u16 {
        if let Some(&id) = self.country_ids.get(code) {
            return id;
        }
        let id = self.countries.len() as u16;
        self.countries.push(Country {
            focus: focus.contains(&code),
            neighbour: neighbours.contains(&code),
        });
        self.country_ids.insert(code.to_string(), id);
        id
    }

    /// The id of a country code, if any place of the gazetteer has it.
    pub fn country_id(&self, code: &str) -> Option<u16> {
        self.country_ids.get(code).copied()
    }

    /// The ids of those country codes that some place has, in order.
    pub fn country_ids<'a>(&self, codes: impl IntoIterator<Item = &'a str>) -> Vec<u16> {
        codes
            .into_iter()
            .filter_map(|c| self.country_id(c))
            .collect()
    }

    pub fn feature(&self, h: &Hot) -> &Feature {
        &self.features[h.feature as usize]
    }

    pub fn country(&self, h: &Hot) -> &Country {
        &self.countries[h.country as usize]
    }
}
