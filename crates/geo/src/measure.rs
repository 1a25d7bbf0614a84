//! Measuring the geocoder on coded events (issue 4's figures): share within
//! 10/25/50 km of the coded point, admin1/admin2 agreement, precision
//! agreement. Used by `examples/measure_gold.rs` and the gold test; the gold
//! files stay in `../shared` (third-party data, read by path).

use crate::fold::fold;
use crate::{Gazetteer, GeoError};
use std::io::Write;
use std::path::Path;
use vigie_core::place::{haversine_km, GeoContext, Geocoder, ToponymQuery};

/// Counts over one gold set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GeoScores {
    pub rows: usize,
    pub resolved: usize,
    /// Rows whose gold has coordinates.
    pub with_coords: usize,
    pub within_10km: usize,
    pub within_25km: usize,
    pub within_50km: usize,
    pub admin1_total: usize,
    pub admin1_agree: usize,
    pub admin2_total: usize,
    pub admin2_agree: usize,
    pub precision_total: usize,
    pub precision_agree: usize,
    pub ambiguous: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl GeoScores {
    pub fn share_within_25km(&self) -> f64 {
        ratio(self.within_25km, self.with_coords)
    }
    pub fn admin1_agreement(&self) -> f64 {
        ratio(self.admin1_agree, self.admin1_total)
    }
    pub fn admin2_agreement(&self) -> f64 {
        ratio(self.admin2_agree, self.admin2_total)
    }

    /// A readable table of the figures.
    pub fn table(&self, title: &str) -> String {
        let line =
            |k: &str, a: usize, b: usize| format!("  {k:<22} {:>6.3}  ({a}/{b})\n", ratio(a, b));
        let mut s = format!("{title}: {} rows\n", self.rows);
        s += &line("resolved", self.resolved, self.rows);
        s += &line("within 10 km", self.within_10km, self.with_coords);
        s += &line("within 25 km", self.within_25km, self.with_coords);
        s += &line("within 50 km", self.within_50km, self.with_coords);
        s += &line("admin1 agreement", self.admin1_agree, self.admin1_total);
        s += &line("admin2 agreement", self.admin2_agree, self.admin2_total);
        s += &line(
            "geo_precision agreement",
            self.precision_agree,
            self.precision_total,
        );
        s += &line("flagged ambiguous", self.ambiguous, self.rows);
        s
    }
}

/// One coded location to geocode and the answer to compare with.
struct GoldLocation {
    id: String,
    location: String,
    country: String,
    admin1: String,
    admin2: String,
    coords: Option<(f64, f64)>,
    precision: Option<u8>,
    context: GeoContext,
}

fn score_one(
    g: &Gazetteer,
    gold: &GoldLocation,
    s: &mut GeoScores,
    errors: &mut Option<Box<dyn Write>>,
) -> Result<(), GeoError> {
    s.rows += 1;
    let r = g.resolve(&ToponymQuery {
        name: gold.location.clone(),
        cue: None,
        context: gold.context.clone(),
    });
    if r.ambiguous {
        s.ambiguous += 1;
    }
    let best = r.best.as_ref().map(|b| &b.place);
    if best.is_some() {
        s.resolved += 1;
    }
    let mut km = None;
    if let Some((lat, lon)) = gold.coords {
        s.with_coords += 1;
        if let Some(p) = best {
            let d = haversine_km(lat, lon, p.latitude, p.longitude);
            km = Some(d);
            s.within_10km += usize::from(d <= 10.0);
            s.within_25km += usize::from(d <= 25.0);
            s.within_50km += usize::from(d <= 50.0);
        }
    }
    let mut a1_ok = true;
    if !gold.admin1.is_empty() {
        s.admin1_total += 1;
        a1_ok = best
            .and_then(|p| p.admin1.as_deref())
            .is_some_and(|a| g.same_admin(a, &gold.admin1));
        s.admin1_agree += usize::from(a1_ok);
    }
    let mut a2_ok = true;
    if !gold.admin2.is_empty() {
        s.admin2_total += 1;
        a2_ok = best
            .and_then(|p| p.admin2.as_deref())
            .is_some_and(|a| g.same_admin(a, &gold.admin2));
        s.admin2_agree += usize::from(a2_ok);
    }
    if let Some(gp) = gold.precision {
        s.precision_total += 1;
        s.precision_agree += usize::from(r.precision.map(|p| p.code()) == Some(gp));
    }
    if let Some(w) = errors.as_mut() {
        let far = km.is_none_or(|d| d > 25.0);
        if far || !a1_ok || !a2_ok {
            writeln!(
                w,
                "{}\t{}\t{}\t{}/{}\t{}\t{}\t{}/{}\t{}\t{}",
                gold.id,
                gold.location,
                gold.country,
                gold.admin1,
                gold.admin2,
                best.map(|p| format!("{} [{} {}]", p.name, p.feature_code, p.geonameid))
                    .unwrap_or_default(),
                best.map(|p| p.country.clone()).unwrap_or_default(),
                best.and_then(|p| p.admin1.clone()).unwrap_or_default(),
                best.and_then(|p| p.admin2.clone()).unwrap_or_default(),
                km.map(|d| format!("{d:.0}")).unwrap_or_default(),
                r.ambiguous,
            )?;
        }
    }
    Ok(())
}

/// Scores an ACLED export CSV: `location` with `country`, `admin1`, `admin2`
/// as context, against `latitude`/`longitude`, `admin1`, `admin2`,
/// `geo_precision`. With `errors`, rows that miss (over 25 km, or a wrong
/// admin name) are written there as TSV for error analysis.
pub fn acled_csv(g: &Gazetteer, path: &Path, errors: Option<&Path>) -> Result<GeoScores, GeoError> {
    let io = |e: std::io::Error| GeoError::Io(path.display().to_string(), e);
    let mut rdr = csv::Reader::from_path(path)
        .map_err(|e| GeoError::Data(format!("{}: {e}", path.display())))?;
    let headers = rdr
        .headers()
        .map_err(|e| GeoError::Data(e.to_string()))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| GeoError::Data(format!("{}: no column {name:?}", path.display())))
    };
    let (c_id, c_country, c_a1, c_a2, c_loc, c_lat, c_lon, c_prec) = (
        col("event_id_cnty")?,
        col("country")?,
        col("admin1")?,
        col("admin2")?,
        col("location")?,
        col("latitude")?,
        col("longitude")?,
        col("geo_precision")?,
    );
    let mut out: Option<Box<dyn Write>> = match errors {
        Some(p) => Some(Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(io)?,
        ))),
        None => None,
    };
    let mut s = GeoScores::default();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| GeoError::Data(format!("{}: {e}", path.display())))?;
        let get = |i: usize| rec.get(i).unwrap_or_default().trim().to_string();
        let country = get(c_country);
        let coords = get(c_lat)
            .parse::<f64>()
            .ok()
            .zip(get(c_lon).parse::<f64>().ok());
        let (a1, a2) = (get(c_a1), get(c_a2));
        let gold = GoldLocation {
            id: get(c_id),
            location: get(c_loc),
            context: GeoContext {
                countries: g.country_code(&country).into_iter().collect(),
                admin_mentions: [a1.clone(), a2.clone()]
                    .into_iter()
                    .filter(|x| !x.is_empty())
                    .collect(),
                other_places: Vec::new(),
            },
            country,
            admin1: a1,
            admin2: a2,
            coords,
            precision: get(c_prec).parse().ok(),
        };
        score_one(g, &gold, &mut s, &mut out)?;
    }
    if let Some(mut w) = out {
        w.flush().map_err(io)?;
    }
    Ok(s)
}

/// Scores the news set (JSON Lines, one item with its coded `events`): each
/// event's `location`, with its country and admin1 and the item's other coded
/// locations as context. Events without a location are skipped.
pub fn news_jsonl(g: &Gazetteer, path: &Path) -> Result<GeoScores, GeoError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| GeoError::Io(path.display().to_string(), e))?;
    let mut s = GeoScores::default();
    for (no, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let item: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| GeoError::Data(format!("{} line {}: {e}", path.display(), no + 1)))?;
        let events = item
            .get("events")
            .and_then(|e| e.as_array())
            .cloned()
            .unwrap_or_default();
        let str_of = |e: &serde_json::Value, k: &str| {
            e.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string()
        };
        let locations: Vec<String> = events.iter().map(|e| str_of(e, "location")).collect();
        for e in &events {
            let location = str_of(e, "location");
            if location.is_empty() {
                continue;
            }
            let country = str_of(e, "country");
            let admin1 = str_of(e, "admin1");
            let coords = e
                .get("latitude")
                .and_then(|v| v.as_f64())
                .zip(e.get("longitude").and_then(|v| v.as_f64()));
            let gold = GoldLocation {
                id: str_of(&item, "id"),
                context: GeoContext {
                    countries: g.country_code(&country).into_iter().collect(),
                    admin_mentions: [admin1.clone()]
                        .into_iter()
                        .filter(|x| !x.is_empty())
                        .collect(),
                    other_places: locations
                        .iter()
                        .filter(|l| **l != location && !l.is_empty())
                        .cloned()
                        .collect(),
                },
                location,
                country,
                admin1,
                admin2: String::new(),
                coords,
                precision: e
                    .get("geo_precision")
                    .and_then(|v| v.as_u64())
                    .and_then(|v| u8::try_from(v).ok()),
            };
            score_one(g, &gold, &mut s, &mut None)?;
        }
    }
    Ok(s)
}

/// Whether two admin names are the same unit: equal after folding, or
/// aliases of each other in `data/places/admin{1,2}_acled.tsv`.
pub(crate) fn same_admin_folded(
    aliases: &std::collections::HashMap<String, String>,
    a: &str,
    b: &str,
) -> bool {
    let (fa, fb) = (fold(a), fold(b));
    let canon = |f: String| aliases.get(&f).cloned().unwrap_or(f);
    fa == fb || canon(fa) == canon(fb)
}
