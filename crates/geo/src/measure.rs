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
        // Whether a returned alternative was right: ranking error vs. gazetteer gap.
        let alt_km = gold.coords.and_then(|(lat, lon)| {
            r.alternatives
                .iter()
                .map(|c| haversine_km(lat, lon, c.place.latitude, c.place.longitude))
                .min_by(f64::total_cmp)
        });
        if far || !a1_ok || !a2_ok {
            writeln!(
                w,
                "{}\t{}\t{}\t{}/{}\t{}\t{}\t{}/{}\t{}\t{}\t{}",
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
                alt_km.map(|d| format!("{d:.0}")).unwrap_or_default(),
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

/// Toponym recognition by [`Geocoder::knows`] on ACLED notes: capitalised
/// word runs are matched greedily (longest known name first), as a simple
/// recogniser would. Recall: rows whose coded `location` appears in the notes
/// and is recognised. Precision is against the row's coded names (location,
/// admin1, admin2): a lower bound, since notes name other real places too.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecognitionScores {
    pub rows_with_location_in_text: usize,
    pub location_recognised: usize,
    pub spans_recognised: usize,
    pub spans_matching_coded_names: usize,
    /// Recognised spans that are none of the row's coded names, by count:
    /// other places, or words the stoplist should hold.
    pub other_spans: std::collections::BTreeMap<String, usize>,
}

impl RecognitionScores {
    pub fn recall(&self) -> f64 {
        ratio(self.location_recognised, self.rows_with_location_in_text)
    }
    pub fn precision_lower_bound(&self) -> f64 {
        ratio(self.spans_matching_coded_names, self.spans_recognised)
    }
    pub fn table(&self, title: &str) -> String {
        format!(
            "{title}: toponym recognition with knows()\n  recall of the coded location {:>6.3}  ({}/{})\n  precision vs coded names     {:>6.3}  ({}/{}) (lower bound)\n",
            self.recall(),
            self.location_recognised,
            self.rows_with_location_in_text,
            self.precision_lower_bound(),
            self.spans_matching_coded_names,
            self.spans_recognised
        )
    }
}

/// Runs of capitalised words of a text (a lower-case word or punctuation
/// ends a run).
fn capitalised_runs(text: &str) -> Vec<Vec<&str>> {
    let mut runs = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for raw in text.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '"' | '[' | ']')
    }) {
        let starts_upper = raw.chars().next().is_some_and(char::is_uppercase);
        if starts_upper {
            cur.push(raw);
        } else if !cur.is_empty() {
            runs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

/// Scores recognition on an ACLED export's `notes`.
pub fn recognition_acled(g: &Gazetteer, path: &Path) -> Result<RecognitionScores, GeoError> {
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
    let (c_notes, c_loc, c_a1, c_a2) = (
        col("notes")?,
        col("location")?,
        col("admin1")?,
        col("admin2")?,
    );
    let mut s = RecognitionScores::default();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| GeoError::Data(format!("{}: {e}", path.display())))?;
        let get = |i: usize| rec.get(i).unwrap_or_default();
        let notes = get(c_notes);
        let coded: Vec<String> = [get(c_loc), get(c_a1), get(c_a2)]
            .iter()
            .filter(|x| !x.is_empty())
            .map(|x| fold(x))
            .collect();
        let location = fold(get(c_loc));
        let mut found: Vec<String> = Vec::new();
        for run in capitalised_runs(notes) {
            let mut i = 0;
            while i < run.len() {
                let mut hit = None;
                for j in (i + 1..=run.len().min(i + 4)).rev() {
                    let name = run[i..j].join(" ");
                    if g.knows(&name) {
                        hit = Some((j, name));
                        break;
                    }
                }
                match hit {
                    Some((j, name)) => {
                        found.push(g.lx.strip_generic(&fold(&name)).0);
                        i = j;
                    }
                    None => i += 1,
                }
            }
        }
        if !location.is_empty() && fold(notes).contains(&location) {
            s.rows_with_location_in_text += 1;
            s.location_recognised += usize::from(found.contains(&location));
        }
        s.spans_recognised += found.len();
        for f in found {
            if coded.contains(&f) {
                s.spans_matching_coded_names += 1;
            } else {
                *s.other_spans.entry(f).or_default() += 1;
            }
        }
    }
    Ok(s)
}
