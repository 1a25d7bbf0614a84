//! The compact place table: one TSV row per gazetteer entry, gzip-compressed
//! (`data/gazetteer/places.tsv.gz`), with the admin path already resolved to
//! ACLED's names by the build. Text keeps the committed data reviewable and
//! the build reproducible byte for byte (sorted rows, fixed gzip header).

use crate::GeoError;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::{Compression, GzBuilder};
use std::io::{Read, Write};

/// First line of the table: magic, format version, build id, row count.
pub const MAGIC: &str = "#vigie-gazetteer";
pub const FORMAT: &str = "1";

/// One gazetteer entry as stored (strings interned at load).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRow {
    pub geonameid: u64,
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
    pub feature_class: String,
    pub feature_code: String,
    pub country_code: String,
    pub admin1: String,
    pub admin2: String,
    pub admin3: String,
    pub population: u64,
    /// For admin units: the seat whose coordinates ACLED codes (regional
    /// capital for ADM1, cercle seat for ADM2); else empty.
    pub seat: Option<(f64, f64)>,
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn coord(x: f64) -> String {
    // 5 decimals ≈ 1 m: more than GeoNames' own precision, and stable text.
    let s = format!("{x:.5}");
    if s == "-0.00000" {
        "0.00000".into()
    } else {
        s
    }
}

impl PlaceRow {
    fn to_line(&self) -> String {
        let (slat, slon) = match self.seat {
            Some((a, b)) => (coord(a), coord(b)),
            None => (String::new(), String::new()),
        };
        [
            self.geonameid.to_string(),
            clean(&self.name),
            coord(self.latitude),
            coord(self.longitude),
            clean(&self.feature_class),
            clean(&self.feature_code),
            clean(&self.country_code),
            clean(&self.admin1),
            clean(&self.admin2),
            clean(&self.admin3),
            self.population.to_string(),
            slat,
            slon,
        ]
        .join("\t")
    }

    fn from_line(line: &str, no: usize) -> Result<PlaceRow, GeoError> {
        let c: Vec<&str> = line.split('\t').collect();
        let bad = |what: &str| GeoError::Data(format!("places table line {no}: {what}"));
        if c.len() != 13 {
            return Err(bad("expected 13 columns"));
        }
        let num = |s: &str, what: &str| -> Result<f64, GeoError> {
            s.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| bad(what))
        };
        let seat = if c[11].is_empty() {
            None
        } else {
            Some((
                num(c[11], "bad seat latitude")?,
                num(c[12], "bad seat longitude")?,
            ))
        };
        Ok(PlaceRow {
            geonameid: c[0].parse().map_err(|_| bad("bad geonameid"))?,
            name: c[1].to_string(),
            latitude: num(c[2], "bad latitude")?,
            longitude: num(c[3], "bad longitude")?,
            feature_class: c[4].to_string(),
            feature_code: c[5].to_string(),
            country_code: c[6].to_string(),
            admin1: c[7].to_string(),
            admin2: c[8].to_string(),
            admin3: c[9].to_string(),
            population: c[10].parse().map_err(|_| bad("bad population"))?,
            seat,
        })
    }
}

/// Writes the table, gzip-compressed with a fixed header (no file name, no
/// time stamp) so that the same rows give the same bytes.
pub fn write_table(rows: &[PlaceRow], build_id: &str) -> Result<Vec<u8>, GeoError> {
    let mut enc: GzEncoder<Vec<u8>> = GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), Compression::best());
    writeln!(enc, "{MAGIC}\t{FORMAT}\t{build_id}\t{}", rows.len())?;
    for r in rows {
        writeln!(enc, "{}", r.to_line())?;
    }
    Ok(enc.finish()?)
}

/// Reads the table back: (build id, rows in index order).
pub fn read_table(gz: &[u8]) -> Result<(String, Vec<PlaceRow>), GeoError> {
    let mut text = String::new();
    GzDecoder::new(gz).read_to_string(&mut text)?;
    let mut lines = text.lines();
    let header = lines
        .next()
        .ok_or_else(|| GeoError::Data("places table is empty".into()))?;
    let h: Vec<&str> = header.split('\t').collect();
    if h.len() != 4 || h[0] != MAGIC {
        return Err(GeoError::Data("places table: not a vigie gazetteer".into()));
    }
    if h[1] != FORMAT {
        return Err(GeoError::Data(format!(
            "places table format {} (this build reads {FORMAT}): rebuild with `vigie gazetteer build`",
            h[1]
        )));
    }
    let count: usize = h[3]
        .parse()
        .map_err(|_| GeoError::Data("places table: bad row count".into()))?;
    let mut rows = Vec::with_capacity(count);
    for (i, line) in lines.enumerate() {
        rows.push(PlaceRow::from_line(line, i + 2)?);
    }
    if rows.len() != count {
        return Err(GeoError::Data(format!(
            "places table truncated: {} rows of {count}",
            rows.len()
        )));
    }
    Ok((h[2].to_string(), rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_round_trips_and_is_deterministic() {
        let row = PlaceRow {
            geonameid: 2456917,
            name: "Goundam".into(),
            latitude: 16.41453,
            longitude: -3.67075,
            feature_class: "P".into(),
            feature_code: "PPLA2".into(),
            country_code: "ML".into(),
            admin1: "Tombouctou".into(),
            admin2: "Goundam".into(),
            admin3: String::new(),
            population: 8456,
            seat: None,
        };
        let a = write_table(std::slice::from_ref(&row), "test").unwrap();
        let b = write_table(std::slice::from_ref(&row), "test").unwrap();
        assert_eq!(a, b);
        let (id, rows) = read_table(&a).unwrap();
        assert_eq!(id, "test");
        assert_eq!(rows, vec![row]);
    }

    #[test]
    fn truncated_table_is_an_error() {
        assert!(read_table(b"not gzip").is_err());
    }
}
