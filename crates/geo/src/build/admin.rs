//! Admin paths as ACLED writes them, for every place of the dumps.
//!
//! GeoNames gives admin1 codes (mostly) and admin2 codes (rarely, outside
//! Burkina Faso); ACLED names regions, cercles, provinces and departments by
//! its own list, after Mali's and Niger's reforms. So:
//! * admin1: the row's code mapped through `data/places/admin1_acled.tsv`;
//! * admin2: the row's admin2 code when it names a known unit, else the unit
//!   whose seat is nearest, among the units of the row's region (and of the
//!   regions later carved out of it: the row's admin1 follows the unit then);
//! * admin3: the ADM3 row its code names, when GeoNames has one;
//! * admin units themselves carry their seat (regional capital, cercle seat):
//!   ACLED codes a region-only or cercle-only report at that seat.

use super::geonames::GnRow;
use super::FULL_COUNTRIES;
use crate::fold::{fold, is_latin_name};
use crate::lexicon::Lexicon;
use crate::GeoError;
use std::collections::HashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

const ADMIN1_ACLED: &str = include_str!("../../../../data/places/admin1_acled.tsv");
const ADMIN2_ACLED: &str = include_str!("../../../../data/places/admin2_acled.tsv");

/// A place's resolved admin path.
#[derive(Debug, Clone, Default)]
pub struct AdminPath {
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub admin3: Option<String>,
    pub seat: Option<(f64, f64)>,
}

#[derive(Debug, Clone)]
struct Admin1Info {
    acled: String,
    aliases: Vec<String>,
    capital: String,
    splits: Vec<String>,
}

#[derive(Debug, Clone)]
struct Unit {
    cc: String,
    admin1: String,
    admin2: String,
    aliases: Vec<String>,
    seat: (f64, f64),
    /// Points that stand for the unit in nearest-unit assignment: its seat
    /// and, for GeoNames units, the ADM2 row's own point (often central).
    sites: Vec<(f64, f64)>,
    /// The seat's row, whose admin2 this unit is by definition.
    seat_row: Option<usize>,
}

/// An ADM2 override row: (admin1, ACLED admin2, seat name, aliases).
type Override = (Option<String>, String, Option<String>, Vec<String>);

/// Resolves admin paths for all rows at once (ADM1 rows take their capital's
/// admin2, so the paths are computed together).
pub struct AdminResolver {
    paths: Vec<AdminPath>,
    /// Row index → ACLED names to index for that row (ADM1/ADM2 rows).
    names: HashMap<usize, Vec<String>>,
}

/// Removes accents but keeps case and punctuation: "Ménaka" → "Menaka".
pub fn unaccent(s: &str) -> String {
    s.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// ACLED style for an admin unit's GeoNames name: generic words dropped,
/// accents removed, case kept ("Province de l’Oudalan" → "Oudalan",
/// "Gourma-Rharous Cercle" → "Gourma-Rharous").
pub fn acled_style(lx: &Lexicon, name: &str) -> String {
    let plain = unaccent(name).replace(['’', 'ʼ', '‘', '`'], "'");
    // Split elided articles off their word so tokens align with the folded ones.
    let mut toks: Vec<String> = Vec::new();
    for t in plain.split_whitespace() {
        let lower = t.to_lowercase();
        if (lower.starts_with("l'") || lower.starts_with("d'")) && t.len() > 2 {
            toks.push(t[..2].to_string());
            toks.push(t[2..].to_string());
        } else {
            toks.push(t.to_string());
        }
    }
    let folded: Vec<Vec<String>> = toks
        .iter()
        .map(|t| {
            fold(t)
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect();
    let all: String = folded
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let (stripped, _) = lx.strip_generic(&all);
    let target: Vec<&str> = stripped.split(' ').collect();
    // Find the run of original tokens whose folded tokens equal `target`.
    for start in 0..toks.len() {
        let mut acc: Vec<&str> = Vec::new();
        for end in start..toks.len() {
            acc.extend(folded[end].iter().map(String::as_str));
            if acc == target {
                return toks[start..=end].join(" ");
            }
            if acc.len() >= target.len() {
                break;
            }
        }
    }
    toks.join(" ")
}

fn tsv_rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(no, l)| (no + 1, l.split('\t').collect()))
}

fn split_list(s: Option<&&str>) -> Vec<String> {
    s.map(|s| {
        s.split(';')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

/// Quick planar distance (squared, degrees scaled by latitude) for nearest-seat search.
fn dist2(a: (f64, f64), b: (f64, f64)) -> f64 {
    let k = ((a.0 + b.0) / 2.0).to_radians().cos();
    let dx = (a.1 - b.1) * k;
    let dy = a.0 - b.0;
    dx * dx + dy * dy
}

/// Distance (squared, planar) from a point to the nearest site of a unit.
fn site_dist(p: (f64, f64), u: &Unit) -> f64 {
    u.sites
        .iter()
        .map(|s| dist2(p, *s))
        .fold(f64::INFINITY, f64::min)
}

fn feature_rank(code: &str) -> u8 {
    match code {
        "PPLC" => 0,
        "PPLA" => 1,
        "PPLA2" => 2,
        "PPLA3" | "PPLA4" => 3,
        "PPL" => 4,
        _ => 5,
    }
}

impl AdminResolver {
    pub fn new(
        rows: &[GnRow],
        lx: &Lexicon,
        admin1_codes: &HashMap<String, String>,
        warnings: &mut Vec<String>,
    ) -> Result<AdminResolver, GeoError> {
        let admin1 = parse_admin1()?;
        // Populated places by folded name, for seat look-ups.
        let mut towns: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            if r.feature_class == "P" && FULL_COUNTRIES.contains(&r.country_code.as_str()) {
                let mut keys = vec![fold(&r.name), fold(&r.asciiname)];
                keys.extend(
                    r.alternates
                        .iter()
                        .filter(|a| is_latin_name(a))
                        .map(|a| fold(a)),
                );
                keys.sort();
                keys.dedup();
                for k in keys {
                    towns
                        .entry((r.country_code.clone(), k))
                        .or_default()
                        .push(i);
                }
            }
        }
        let acled1 =
            |cc: &str, code: &str| -> Option<&Admin1Info> { admin1.get(&format!("{cc}.{code}")) };
        let find_seat =
            |cc: &str, name: &str, a1: Option<&str>, near: Option<(f64, f64)>| -> Option<usize> {
                let cands = towns.get(&(cc.to_string(), fold(name)))?;
                cands.iter().copied().min_by(|&a, &b| {
                    let ra = &rows[a];
                    let rb = &rows[b];
                    let in_a1 = |r: &GnRow| {
                        a1.is_none_or(|want| acled1(cc, &r.admin1).is_some_and(|i| i.acled == want))
                    };
                    let ka = (!in_a1(ra), feature_rank(&ra.feature_code));
                    let kb = (!in_a1(rb), feature_rank(&rb.feature_code));
                    ka.cmp(&kb).then_with(|| {
                        let da = near
                            .map(|p| dist2(p, (ra.latitude, ra.longitude)))
                            .unwrap_or(0.0);
                        let db = near
                            .map(|p| dist2(p, (rb.latitude, rb.longitude)))
                            .unwrap_or(0.0);
                        da.total_cmp(&db)
                    })
                })
            };

        // Second-level units: GeoNames ADM2 rows, then overrides and additions.
        let mut overrides: HashMap<u64, Override> = HashMap::new();
        let mut extras = Vec::new();
        for (no, c) in tsv_rows(ADMIN2_ACLED) {
            if c.len() < 4 {
                return Err(GeoError::Data(format!(
                    "admin2_acled.tsv line {no}: too few columns"
                )));
            }
            let a1 = Some(c[2].trim())
                .filter(|s| !s.is_empty())
                .map(str::to_string);
            let seat = c
                .get(4)
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(str::to_string);
            let aliases = split_list(c.get(5));
            if c[1] == "new" {
                let a1 = a1.ok_or_else(|| {
                    GeoError::Data(format!(
                        "admin2_acled.tsv line {no}: a new unit needs its admin1"
                    ))
                })?;
                let seat = seat.ok_or_else(|| {
                    GeoError::Data(format!(
                        "admin2_acled.tsv line {no}: a new unit needs its seat"
                    ))
                })?;
                extras.push((c[0].to_string(), a1, c[3].to_string(), seat, aliases));
            } else {
                let id: u64 = c[1].parse().map_err(|_| {
                    GeoError::Data(format!("admin2_acled.tsv line {no}: bad geonameid"))
                })?;
                overrides.insert(id, (a1, c[3].to_string(), seat, aliases));
            }
        }
        let mut units: Vec<Unit> = Vec::new();
        let mut unit_of_row: HashMap<usize, usize> = HashMap::new();
        let mut unit_by_code: HashMap<(String, String), usize> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            if r.feature_code != "ADM2" || !FULL_COUNTRIES.contains(&r.country_code.as_str()) {
                continue;
            }
            let ov = overrides.get(&r.geonameid);
            let name = ov
                .map(|o| o.1.clone())
                .unwrap_or_else(|| acled_style(lx, &r.name));
            let Some(a1) = ov
                .and_then(|o| o.0.clone())
                .or_else(|| acled1(&r.country_code, &r.admin1).map(|i| i.acled.clone()))
            else {
                warnings.push(format!(
                    "ADM2 {} {:?}: admin1 code {:?} unknown",
                    r.geonameid, r.name, r.admin1
                ));
                continue;
            };
            let seat_name = ov.and_then(|o| o.2.clone()).unwrap_or_else(|| name.clone());
            let seat_row = find_seat(
                &r.country_code,
                &seat_name,
                Some(&a1),
                Some((r.latitude, r.longitude)),
            );
            let seat = seat_row
                .map(|s| (rows[s].latitude, rows[s].longitude))
                .unwrap_or((r.latitude, r.longitude));
            unit_of_row.insert(i, units.len());
            if !r.admin2.is_empty() {
                unit_by_code.insert((r.country_code.clone(), r.admin2.clone()), units.len());
            }
            units.push(Unit {
                cc: r.country_code.clone(),
                admin1: a1,
                admin2: name,
                aliases: ov.map(|o| o.3.clone()).unwrap_or_default(),
                seat,
                sites: vec![seat, (r.latitude, r.longitude)],
                seat_row,
            });
        }
        for (cc, a1, a2, seat_name, aliases) in extras {
            match find_seat(&cc, &seat_name, Some(&a1), None) {
                Some(s) => units.push(Unit {
                    cc,
                    admin1: a1,
                    admin2: a2,
                    aliases,
                    seat: (rows[s].latitude, rows[s].longitude),
                    sites: vec![(rows[s].latitude, rows[s].longitude)],
                    seat_row: Some(s),
                }),
                None => warnings.push(format!(
                    "admin2_acled.tsv: seat {seat_name:?} of {cc} {a1}/{a2} not found in the dump; unit left out"
                )),
            }
        }
        let seat_units: HashMap<usize, usize> = units
            .iter()
            .enumerate()
            .filter_map(|(u, x)| x.seat_row.map(|r| (r, u)))
            .collect();

        // ADM3 rows by code.
        let mut adm3: HashMap<(String, String), String> = HashMap::new();
        for r in rows {
            if r.feature_code == "ADM3" && !r.admin3.is_empty() {
                adm3.insert(
                    (r.country_code.clone(), r.admin3.clone()),
                    acled_style(lx, &r.name),
                );
            }
        }

        let nearest_unit = |cc: &str, p: (f64, f64), allowed: Option<&[String]>| -> Option<usize> {
            units
                .iter()
                .enumerate()
                .filter(|(_, u)| u.cc == cc && allowed.is_none_or(|a| a.contains(&u.admin1)))
                .min_by(|a, b| site_dist(p, a.1).total_cmp(&site_dist(p, b.1)))
                .map(|(i, _)| i)
        };

        let mut paths = Vec::with_capacity(rows.len());
        let mut names: HashMap<usize, Vec<String>> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            let cc = r.country_code.as_str();
            let mut path = AdminPath::default();
            if !FULL_COUNTRIES.contains(&cc) {
                path.admin1 = admin1_codes
                    .get(&format!("{cc}.{}", r.admin1))
                    .map(|n| n.trim_end_matches(" Region").to_string());
                paths.push(path);
                continue;
            }
            let info = acled1(cc, &r.admin1);
            let allowed: Option<Vec<String>> = info.map(|inf| {
                let mut a = vec![inf.acled.clone()];
                for s in &inf.splits {
                    if let Some(si) = admin1.get(s) {
                        a.push(si.acled.clone());
                    }
                }
                a
            });
            path.admin1 = info.map(|i| i.acled.clone());
            if r.admin3.is_empty() {
                path.admin3 = None;
            } else {
                path.admin3 = adm3.get(&(cc.to_string(), r.admin3.clone())).cloned();
            }
            if r.feature_code == "ADM1" {
                if let Some(inf) = info {
                    names.insert(
                        i,
                        std::iter::once(inf.acled.clone())
                            .chain(inf.aliases.clone())
                            .collect(),
                    );
                }
                paths.push(path);
                continue;
            }
            let unit = unit_of_row
                .get(&i)
                .or_else(|| seat_units.get(&i))
                .copied()
                .or_else(|| {
                    if r.admin2.is_empty() {
                        return None;
                    }
                    unit_by_code
                        .get(&(cc.to_string(), r.admin2.clone()))
                        .copied()
                        .filter(|u| {
                            allowed
                                .as_ref()
                                .is_none_or(|a| a.contains(&units[*u].admin1))
                        })
                })
                .or_else(|| nearest_unit(cc, (r.latitude, r.longitude), allowed.as_deref()));
            if let Some(u) = unit {
                let unit = &units[u];
                path.admin1 = Some(unit.admin1.clone());
                path.admin2 = Some(unit.admin2.clone());
                if r.feature_code == "ADM2" {
                    path.seat = Some(unit.seat);
                    names.insert(
                        i,
                        std::iter::once(unit.admin2.clone())
                            .chain(unit.aliases.clone())
                            .collect(),
                    );
                }
            }
            paths.push(path);
        }
        // Regions: the capital's coordinates and admin2.
        for (i, r) in rows.iter().enumerate() {
            if r.feature_code != "ADM1" {
                continue;
            }
            let Some(info) = acled1(&r.country_code, &r.admin1) else {
                continue;
            };
            let cap = if info.capital.is_empty() {
                rows.iter().position(|x| {
                    x.country_code == r.country_code
                        && x.admin1 == r.admin1
                        && x.feature_code == "PPLA"
                })
            } else {
                find_seat(
                    &r.country_code,
                    &info.capital,
                    Some(&info.acled),
                    Some((r.latitude, r.longitude)),
                )
            };
            match cap {
                Some(c) => {
                    paths[i].seat = Some((rows[c].latitude, rows[c].longitude));
                    paths[i].admin2 = paths[c].admin2.clone();
                }
                None => warnings.push(format!(
                    "capital of {} {} not found",
                    r.country_code, info.acled
                )),
            }
        }
        Ok(AdminResolver { paths, names })
    }

    pub fn admin_path(&self, i: usize, _row: &GnRow) -> AdminPath {
        self.paths.get(i).cloned().unwrap_or_default()
    }

    /// ACLED's names (and aliases) of an admin unit row, to index as keys.
    pub fn admin_names(&self, i: usize, _row: &GnRow) -> Vec<String> {
        self.names.get(&i).cloned().unwrap_or_default()
    }
}

/// Folded alias → folded ACLED name, for every admin1 and admin2 alias of
/// the data files ("timbuktu" → "tombouctou", "komonjdjari" → "komondjari").
pub fn admin_alias_map() -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (_, c) in tsv_rows(ADMIN1_ACLED) {
        if c.len() >= 2 {
            for a in split_list(c.get(2)) {
                out.insert(fold(&a), fold(c[1]));
            }
        }
    }
    for (_, c) in tsv_rows(ADMIN2_ACLED) {
        if c.len() >= 4 {
            for a in split_list(c.get(5)) {
                out.insert(fold(&a), fold(c[3]));
            }
        }
    }
    out
}

fn parse_admin1() -> Result<HashMap<String, Admin1Info>, GeoError> {
    let mut out = HashMap::new();
    for (no, c) in tsv_rows(ADMIN1_ACLED) {
        if c.len() < 2 || c[1].trim().is_empty() {
            return Err(GeoError::Data(format!(
                "admin1_acled.tsv line {no}: code and name required"
            )));
        }
        out.insert(
            c[0].trim().to_string(),
            Admin1Info {
                acled: c[1].trim().to_string(),
                aliases: split_list(c.get(2)),
                capital: c.get(3).map(|s| s.trim().to_string()).unwrap_or_default(),
                splits: split_list(c.get(4)),
            },
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_style_strips_generic_words_and_accents() {
        let lx = Lexicon::embedded().unwrap();
        assert_eq!(acled_style(&lx, "Province de l’Oudalan"), "Oudalan");
        assert_eq!(acled_style(&lx, "Gourma-Rharous Cercle"), "Gourma-Rharous");
        assert_eq!(acled_style(&lx, "Cercle d’ Abeïbara"), "Abeibara");
        assert_eq!(acled_style(&lx, "Département de Filingué"), "Filingue");
        assert_eq!(acled_style(&lx, "Province des Balé"), "Bale");
        assert_eq!(
            acled_style(&lx, "Guidan Roumdji Department"),
            "Guidan Roumdji"
        );
    }
}
