//! Reading the GeoNames dumps of `../shared/data/geonames` (main-table
//! layout, 19 tab-separated columns), `admin1Codes.txt` and `countryInfo.txt`.

use crate::GeoError;
use flate2::read::GzDecoder;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// One row of a GeoNames main-table dump.
#[derive(Debug, Clone)]
pub struct GnRow {
    pub geonameid: u64,
    pub name: String,
    pub asciiname: String,
    pub alternates: Vec<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub feature_class: String,
    pub feature_code: String,
    pub country_code: String,
    pub admin1: String,
    pub admin2: String,
    pub admin3: String,
    pub population: u64,
}

fn read_text(path: &Path) -> Result<String, GeoError> {
    let bytes = std::fs::read(path).map_err(|e| GeoError::Io(path.display().to_string(), e))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        GzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .map_err(|e| GeoError::Io(path.display().to_string(), e))?;
        Ok(s)
    } else {
        String::from_utf8(bytes)
            .map_err(|_| GeoError::Data(format!("{}: not UTF-8", path.display())))
    }
}

/// Reads a main-table dump; malformed rows are counted, not fatal (the dumps
/// are third-party data), and reported by the caller.
pub fn read_dump(path: &Path) -> Result<(Vec<GnRow>, usize), GeoError> {
    let text = read_text(path)?;
    let mut rows = Vec::new();
    let mut malformed = 0;
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_row(line) {
            Some(r) => rows.push(r),
            None => malformed += 1,
        }
    }
    Ok((rows, malformed))
}

fn parse_row(line: &str) -> Option<GnRow> {
    let c: Vec<&str> = line.split('\t').collect();
    if c.len() < 15 {
        return None;
    }
    let latitude: f64 = c[4]
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && v.abs() <= 90.0)?;
    let longitude: f64 = c[5]
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && v.abs() <= 180.0)?;
    Some(GnRow {
        geonameid: c[0].parse().ok()?,
        name: c[1].to_string(),
        asciiname: c[2].to_string(),
        alternates: c[3]
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        latitude,
        longitude,
        feature_class: c[6].to_string(),
        feature_code: c[7].to_string(),
        country_code: c[8].to_string(),
        admin1: c[10].to_string(),
        admin2: c[11].to_string(),
        admin3: c[12].to_string(),
        population: c[14].parse().unwrap_or(0),
    })
}

/// `admin1Codes.txt`: "CC.code" → ASCII name.
pub fn read_admin1_codes(path: &Path) -> Result<HashMap<String, String>, GeoError> {
    let text = read_text(path)?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() >= 3).then(|| (c[0].to_string(), c[2].to_string()))
        })
        .collect())
}

/// A country from `countryInfo.txt`.
#[derive(Debug, Clone)]
pub struct CountryInfo {
    pub name: String,
    pub iso_numeric: Option<u16>,
}

/// `countryInfo.txt`: ISO alpha-2 → English name and ISO numeric code.
pub fn read_country_info(path: &Path) -> Result<HashMap<String, CountryInfo>, GeoError> {
    let text = read_text(path)?;
    Ok(text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() >= 5).then(|| {
                (
                    c[0].to_string(),
                    CountryInfo {
                        name: c[4].to_string(),
                        iso_numeric: c[2].parse().ok(),
                    },
                )
            })
        })
        .collect())
}
