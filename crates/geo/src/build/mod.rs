//! `vigie gazetteer build`: GeoNames dumps → the compact gazetteer committed in
//! `data/gazetteer/` (place table, two fst name maps, postings, countries).
//!
//! Reproducible: the same dumps and data files give the same bytes (rows
//! sorted by country and geonameid, keys sorted by the fst builder, gzip
//! header without time stamp). The build id is a hash of the output.

pub mod admin;
pub mod geonames;

use crate::fold::{fold, is_latin_name};
use crate::index::{IndexBuilder, NameKind, Posting, MAX_PLACES};
use crate::lexicon::Lexicon;
use crate::table::{write_table, PlaceRow};
use crate::GeoError;
use admin::AdminResolver;
use geonames::{read_admin1_codes, read_country_info, read_dump, GnRow};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Country dumps read in full: the Sahel countries a report names villages of.
pub const FULL_COUNTRIES: &[&str] = &["ML", "BF", "NE", "MR", "SN"];

const VARIANTS: &str = include_str!("../../../../data/places/variants.tsv");
const COUNTRIES: &str = include_str!("../../../../data/places/countries.tsv");

/// File names inside the output directory.
pub const PLACES_FILE: &str = "places.tsv.gz";
pub const NAMES_FILE: &str = "names.fst";
pub const SKELETONS_FILE: &str = "skeletons.fst";
pub const POSTINGS_FILE: &str = "postings.bin";
pub const COUNTRIES_FILE: &str = "countries.tsv";

/// What a build did, for the command's summary.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub build_id: String,
    pub places: usize,
    pub places_by_country: BTreeMap<String, usize>,
    pub name_keys: usize,
    pub skeleton_keys: usize,
    pub files: Vec<(PathBuf, usize)>,
    /// Problems in the inputs that did not stop the build (malformed rows,
    /// a variant whose target is missing, an admin seat not found).
    pub warnings: Vec<String>,
}

/// Builds the gazetteer from `geonames_dir` (the folder of the dumps) into
/// `out_dir`.
pub fn build(geonames_dir: &Path, out_dir: &Path) -> Result<BuildReport, GeoError> {
    let lx = Lexicon::embedded()?;
    let mut warnings = Vec::new();

    let countries = read_country_info(&geonames_dir.join("countryInfo.txt"))?;
    let admin1_codes = read_admin1_codes(&geonames_dir.join("admin1Codes.txt"))?;

    let mut rows: Vec<GnRow> = Vec::new();
    let mut seen: HashSet<u64> = HashSet::new();
    for cc in FULL_COUNTRIES {
        let path = geonames_dir.join(format!("{cc}.txt"));
        let (r, bad) = read_dump(&path)?;
        if bad > 0 {
            warnings.push(format!("{}: {bad} malformed rows skipped", path.display()));
        }
        for row in r {
            if row.country_code == *cc && seen.insert(row.geonameid) {
                rows.push(row);
            }
        }
    }
    let cities_path = geonames_dir.join("cities15000.txt.gz");
    let (cities, bad) = read_dump(&cities_path)?;
    if bad > 0 {
        warnings.push(format!(
            "{}: {bad} malformed rows skipped",
            cities_path.display()
        ));
    }
    for row in cities {
        // The full dumps already hold their countries' towns, with more names.
        if !FULL_COUNTRIES.contains(&row.country_code.as_str()) && seen.insert(row.geonameid) {
            rows.push(row);
        }
    }
    rows.sort_by(|a, b| (&a.country_code, a.geonameid).cmp(&(&b.country_code, b.geonameid)));
    if rows.len() > MAX_PLACES {
        return Err(GeoError::Data(format!(
            "{} places exceed the index limit",
            rows.len()
        )));
    }

    let resolver = AdminResolver::new(&rows, &lx, &admin1_codes, &mut warnings)?;
    let variants = parse_variants(&rows, &mut warnings)?;

    let mut table = Vec::with_capacity(rows.len());
    let mut index = IndexBuilder::new();
    let mut by_country: BTreeMap<String, usize> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let path = resolver.admin_path(i, row);
        table.push(PlaceRow {
            geonameid: row.geonameid,
            name: row.name.clone(),
            latitude: row.latitude,
            longitude: row.longitude,
            feature_class: row.feature_class.clone(),
            feature_code: row.feature_code.clone(),
            country_code: row.country_code.clone(),
            admin1: path.admin1.unwrap_or_default(),
            admin2: path.admin2.unwrap_or_default(),
            admin3: path.admin3.unwrap_or_default(),
            population: row.population,
            seat: path.seat,
        });
        *by_country.entry(row.country_code.clone()).or_default() += 1;

        let place = i as u32;
        let mut add = |name: &str, kind: NameKind| {
            if !is_latin_name(name) {
                return;
            }
            let folded = fold(name);
            if folded.len() < 2 {
                return;
            }
            let (stripped, _) = lx.strip_generic(&folded);
            let skeleton = lx.skeleton_rules.skeleton(&stripped);
            index.add(&folded, &skeleton, Posting { place, kind });
            if stripped != folded {
                index.add(&stripped, "", Posting { place, kind });
            }
        };
        add(&row.name, NameKind::Main);
        add(&row.asciiname, NameKind::Main);
        for alt in &row.alternates {
            add(alt, NameKind::Alternate);
        }
        for v in variants.get(&row.geonameid).into_iter().flatten() {
            add(v, NameKind::Variant);
        }
        for n in resolver.admin_names(i, row) {
            add(&n, NameKind::AdminName);
        }
    }

    let bytes = index.finish()?;
    let countries_tsv = countries_table(&countries, &by_country)?;
    // The build id hashes what the gazetteer answers from: the table text and
    // the index bytes.
    let table_plain = write_table(&table, "")?;
    let mut h = Fnv::new();
    h.write(&table_plain);
    h.write(&bytes.names_fst);
    h.write(&bytes.skeletons_fst);
    h.write(&bytes.postings);
    h.write(countries_tsv.as_bytes());
    let build_id = format!("geonames-{:016x}", h.finish());
    let places_gz = write_table(&table, &build_id)?;

    std::fs::create_dir_all(out_dir).map_err(|e| GeoError::Io(out_dir.display().to_string(), e))?;
    let mut files = Vec::new();
    for (name, data) in [
        (PLACES_FILE, &places_gz[..]),
        (NAMES_FILE, &bytes.names_fst[..]),
        (SKELETONS_FILE, &bytes.skeletons_fst[..]),
        (POSTINGS_FILE, &bytes.postings[..]),
        (COUNTRIES_FILE, countries_tsv.as_bytes()),
    ] {
        let p = out_dir.join(name);
        std::fs::write(&p, data).map_err(|e| GeoError::Io(p.display().to_string(), e))?;
        files.push((p, data.len()));
    }
    Ok(BuildReport {
        build_id,
        places: table.len(),
        places_by_country: by_country,
        name_keys: bytes_key_count(&bytes.names_fst),
        skeleton_keys: bytes_key_count(&bytes.skeletons_fst),
        files,
        warnings,
    })
}

fn bytes_key_count(fst_bytes: &[u8]) -> usize {
    fst::Map::new(fst_bytes).map(|m| m.len()).unwrap_or(0)
}

/// The countries that have places, with ACLED's name and region and the ISO
/// numeric code: `iso2<TAB>country<TAB>iso_numeric<TAB>region`.
fn countries_table(
    info: &HashMap<String, geonames::CountryInfo>,
    present: &BTreeMap<String, usize>,
) -> Result<String, GeoError> {
    let mut acled: HashMap<&str, (&str, &str)> = HashMap::new();
    for (no, line) in COUNTRIES.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 3 {
            return Err(GeoError::Data(format!(
                "countries.tsv line {}: 3 columns expected",
                no + 1
            )));
        }
        acled.insert(c[0], (c[1], c[2]));
    }
    let mut out = String::from(
        "# Generated by `vigie gazetteer build` from GeoNames countryInfo and data/places/countries.tsv\n\
         # iso2\tcountry (ACLED)\tiso_numeric\tregion (ACLED)\n",
    );
    for cc in present.keys() {
        let gn = info.get(cc);
        let (name, region) = match acled.get(cc.as_str()) {
            Some((n, r)) => (n.to_string(), r.to_string()),
            None => (
                gn.map(|g| g.name.clone()).unwrap_or_else(|| cc.clone()),
                String::new(),
            ),
        };
        let iso = gn
            .and_then(|g| g.iso_numeric)
            .map(|n| n.to_string())
            .unwrap_or_default();
        out.push_str(&format!("{cc}\t{name}\t{iso}\t{region}\n"));
    }
    Ok(out)
}

/// `variants.tsv`: geonameid → curated spellings. A variant whose target is
/// missing or renamed is a warning (the dumps change), not a failure.
fn parse_variants(
    rows: &[GnRow],
    warnings: &mut Vec<String>,
) -> Result<HashMap<u64, Vec<String>>, GeoError> {
    let names: HashMap<u64, &str> = rows
        .iter()
        .map(|r| (r.geonameid, r.name.as_str()))
        .collect();
    let mut out: HashMap<u64, Vec<String>> = HashMap::new();
    for (no, line) in VARIANTS.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 4 || c[3].trim().is_empty() {
            return Err(GeoError::Data(format!(
                "variants.tsv line {}: variant, geonameid, name and source are required",
                no + 1
            )));
        }
        let id: u64 = c[1]
            .parse()
            .map_err(|_| GeoError::Data(format!("variants.tsv line {}: bad geonameid", no + 1)))?;
        match names.get(&id) {
            None => warnings.push(format!(
                "variants.tsv line {}: geonameid {id} not in the dumps",
                no + 1
            )),
            Some(n) if fold(n) != fold(c[2]) => warnings.push(format!(
                "variants.tsv line {}: geonameid {id} is now named {n:?}, not {:?}",
                no + 1,
                c[2]
            )),
            Some(_) => out.entry(id).or_default().push(c[0].to_string()),
        }
    }
    Ok(out)
}

/// FNV-1a, 64 bits: a stable build id without a hashing dependency.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
