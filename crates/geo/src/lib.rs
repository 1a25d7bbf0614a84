//! # vigie-geo
//!
//! The Sahel gazetteer and geocoder. Reports write "Tinzawaten", "Gondam",
//! "Aguelhoc", "à 30 km au sud de Gao"; ACLED wants a GeoNames place with its
//! admin path in ACLED's names and a geo_precision. This crate does that,
//! offline, from a compact index compiled into the binary.
//!
//! * [`fold`] — how names become keys (case, accents, apostrophes, hyphens,
//!   transliteration skeletons);
//! * [`lexicon`] / [`cue`] — the generic words around names ("la commune de",
//!   "près de", "à 30 km au sud de") and what they say;
//! * [`build`] — GeoNames dumps → the committed compact data;
//! * [`table`] / [`index`] — that data's two halves: the place table and the
//!   fst name maps;
//! * [`resolve`] — candidates, evidence, scores, ambiguity, precision.
//!
//! Place data: GeoNames (geonames.org), CC-BY 4.0.

pub mod build;
pub mod cue;
pub mod fold;
mod hot;
pub mod index;
pub mod lexicon;
pub mod measure;
pub mod resolve;
pub mod table;

use index::NameIndex;
use lexicon::Lexicon;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use vigie_core::place::{GeoResolution, Geocoder, Place, ToponymQuery};

/// Credit line for output and documentation.
pub const ATTRIBUTION: &str = "Place data: GeoNames (geonames.org), licensed CC-BY 4.0";

/// Errors of the gazetteer: I/O on build inputs, malformed data files, or a
/// gazetteer that was never built.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    #[error("{0}: {1}")]
    Io(String, #[source] std::io::Error),
    #[error("gazetteer data: {0}")]
    Data(String),
    #[error("name index: {0}")]
    Fst(#[from] fst::Error),
    #[error("the gazetteer is not built: run `vigie gazetteer build` (data/gazetteer is empty)")]
    NotBuilt,
}

impl From<std::io::Error> for GeoError {
    fn from(e: std::io::Error) -> Self {
        GeoError::Io("gazetteer data".into(), e)
    }
}

static EMBEDDED_PLACES: &[u8] = include_bytes!("../../../data/gazetteer/places.tsv.gz");
static EMBEDDED_NAMES: &[u8] = include_bytes!("../../../data/gazetteer/names.fst");
static EMBEDDED_SKELETONS: &[u8] = include_bytes!("../../../data/gazetteer/skeletons.fst");
static EMBEDDED_POSTINGS: &[u8] = include_bytes!("../../../data/gazetteer/postings.bin");
static EMBEDDED_COUNTRIES: &str = include_str!("../../../data/gazetteer/countries.tsv");

/// The loaded gazetteer: places with their ACLED admin path, the name index,
/// and the word lists. Cheap to share (`Send + Sync`, read-only).
pub struct Gazetteer {
    pub(crate) lx: Lexicon,
    pub(crate) index: NameIndex,
    pub(crate) places: Vec<Place>,
    /// Seat coordinates of admin units (ACLED codes region/cercle reports there).
    pub(crate) seats: Vec<Option<(f64, f64)>>,
    /// What scoring reads of each place, packed (see [`hot`]).
    pub(crate) hot: hot::HotTable,
    /// Country name (folded, ACLED's or GeoNames') → ISO alpha-2.
    country_codes: HashMap<String, String>,
    /// Folded admin alias → folded ACLED admin name.
    admin_aliases: HashMap<String, String>,
    build_id: String,
    /// Unique per loaded gazetteer in the process: the resolver's per-thread
    /// memos are valid for one instance only.
    pub(crate) instance: u64,
}

/// Source of [`Gazetteer::instance`] (0 is never handed out).
static NEXT_INSTANCE: AtomicU64 = AtomicU64::new(1);

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("build_id", &self.build_id)
            .field("places", &self.places.len())
            .finish()
    }
}

struct CountryRow {
    name: String,
    iso_numeric: Option<u16>,
    region: Option<String>,
}

fn parse_countries(text: &str) -> HashMap<String, CountryRow> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() >= 4).then(|| {
                (
                    c[0].to_string(),
                    CountryRow {
                        name: c[1].to_string(),
                        iso_numeric: c[2].parse().ok(),
                        region: Some(c[3].trim().to_string()).filter(|s| !s.is_empty()),
                    },
                )
            })
        })
        .collect()
}

impl Gazetteer {
    /// The gazetteer compiled into this binary from `data/gazetteer`.
    pub fn load_default() -> Result<Gazetteer, GeoError> {
        if EMBEDDED_PLACES.is_empty() || EMBEDDED_NAMES.is_empty() {
            return Err(GeoError::NotBuilt);
        }
        Gazetteer::from_parts(
            EMBEDDED_PLACES,
            Cow::Borrowed(EMBEDDED_NAMES),
            Cow::Borrowed(EMBEDDED_SKELETONS),
            EMBEDDED_POSTINGS,
            EMBEDDED_COUNTRIES,
        )
    }

    /// A gazetteer from a directory written by [`build::build`] (for a fresh
    /// build, before it is compiled in).
    pub fn load_dir(dir: &Path) -> Result<Gazetteer, GeoError> {
        let read = |name: &str| {
            let p = dir.join(name);
            std::fs::read(&p).map_err(|e| GeoError::Io(p.display().to_string(), e))
        };
        let countries = String::from_utf8(read(build::COUNTRIES_FILE)?)
            .map_err(|_| GeoError::Data("countries.tsv is not UTF-8".into()))?;
        Gazetteer::from_parts(
            &read(build::PLACES_FILE)?,
            Cow::Owned(read(build::NAMES_FILE)?),
            Cow::Owned(read(build::SKELETONS_FILE)?),
            &read(build::POSTINGS_FILE)?,
            &countries,
        )
    }

    fn from_parts(
        places_gz: &[u8],
        names: Cow<'static, [u8]>,
        skeletons: Cow<'static, [u8]>,
        postings: &[u8],
        countries: &str,
    ) -> Result<Gazetteer, GeoError> {
        let lx = Lexicon::embedded()?;
        let (build_id, rows) = table::read_table(places_gz)?;
        let countries = parse_countries(countries);
        let country_codes = countries
            .iter()
            .map(|(cc, c)| (fold::fold(&c.name), cc.clone()))
            .collect();
        let index = NameIndex::from_bytes(names, skeletons, postings)?;
        let mut places = Vec::with_capacity(rows.len());
        let mut seats = Vec::with_capacity(rows.len());
        let none = |s: String| Some(s).filter(|s| !s.is_empty());
        for r in rows {
            let c = countries.get(&r.country_code);
            seats.push(r.seat);
            places.push(Place {
                geonameid: r.geonameid,
                name: r.name,
                country: c
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| r.country_code.clone()),
                iso_numeric: c.and_then(|c| c.iso_numeric),
                region: c.and_then(|c| c.region.clone()),
                country_code: r.country_code,
                admin1: none(r.admin1),
                admin2: none(r.admin2),
                admin3: none(r.admin3),
                latitude: r.latitude,
                longitude: r.longitude,
                feature_class: r.feature_class,
                feature_code: r.feature_code,
                population: r.population,
            });
        }
        let hot = hot::HotTable::build(&lx, &places, &seats, resolve::FOCUS, resolve::NEIGHBOURS);
        Ok(Gazetteer {
            lx,
            index,
            places,
            seats,
            hot,
            country_codes,
            admin_aliases: build::admin::admin_alias_map(),
            build_id,
            instance: NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed),
        })
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Keys in the folded and skeleton name maps.
    pub fn key_counts(&self) -> (usize, usize) {
        self.index.key_counts()
    }

    /// ISO alpha-2 code of a country named as ACLED names it ("Burkina
    /// Faso" → "BF"); an ISO code passes through.
    pub fn country_code(&self, name: &str) -> Option<String> {
        let f = fold::fold(name);
        if let Some(cc) = self.country_codes.get(&f) {
            return Some(cc.clone());
        }
        let upper = name.trim().to_ascii_uppercase();
        self.country_codes
            .values()
            .any(|cc| *cc == upper)
            .then_some(upper)
    }

    /// Whether two admin names denote the same unit (folding and the alias
    /// lists of `data/places/admin{1,2}_acled.tsv`: "Timbuktu" = "Tombouctou").
    pub fn same_admin(&self, a: &str, b: &str) -> bool {
        measure::same_admin_folded(&self.admin_aliases, a, b)
    }

    /// The build id of the data (a hash of the built files).
    pub fn build_id(&self) -> &str {
        &self.build_id
    }
}

impl Geocoder for Gazetteer {
    fn resolve(&self, query: &ToponymQuery) -> GeoResolution {
        resolve::resolve(self, query)
    }

    fn knows(&self, name: &str) -> bool {
        resolve::knows(self, name)
    }

    fn admin_level(&self, name: &str) -> Option<u8> {
        resolve::admin_level(self, name)
    }

    fn version(&self) -> String {
        format!(
            "vigie-geo {} / {}",
            env!("CARGO_PKG_VERSION"),
            self.build_id
        )
    }
}

static SHARED: OnceLock<Arc<Gazetteer>> = OnceLock::new();

/// The process-wide gazetteer, loaded once on first use.
///
/// # Panics
/// Only if the gazetteer compiled into the binary cannot be read — a build
/// defect, caught by this crate's tests, never a property of the input.
/// Callers that want to handle it use [`try_shared`].
pub fn shared() -> Arc<Gazetteer> {
    match try_shared() {
        Ok(g) => g,
        Err(e) => panic!("vigie-geo: the embedded gazetteer does not load: {e}"),
    }
}

/// Like [`shared`], returning the load error instead of panicking.
pub fn try_shared() -> Result<Arc<Gazetteer>, GeoError> {
    if let Some(g) = SHARED.get() {
        return Ok(g.clone());
    }
    let g = Arc::new(Gazetteer::load_default()?);
    Ok(SHARED.get_or_init(|| g).clone())
}
