//! ACLED export CSVs as gold: each row is one document (its `notes`) with one
//! event (its other columns).
//!
//! Notes often give a day and month without the year ("On April 25, ...").
//! Following the gold README's convention, each note is given
//! `published_at` = 31 December of the row's `year` column, which anchors such
//! dates in the right year.

use crate::coded::{non_empty, parse_date, split_assoc, CodedEvent, GoldDocument};
use crate::error::{EvalError, Result};
use std::collections::BTreeMap;
use std::path::Path;
use vigie_core::{EventType, GeoPrecision, SubEventType, TimePrecision};

/// Columns without which a file cannot be scored.
pub const REQUIRED_COLUMNS: [&str; 7] = [
    "event_date",
    "year",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "notes",
];

/// Column positions by name.
struct Columns(BTreeMap<String, usize>);

impl Columns {
    fn get<'r>(&self, row: &'r csv::StringRecord, name: &str) -> Option<&'r str> {
        self.0
            .get(name)
            .and_then(|&i| row.get(i))
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

pub fn parse(path: &Path, bytes: &[u8], limit: Option<usize>) -> Result<Vec<GoldDocument>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| EvalError::Format {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?
        .clone();
    let cols = Columns(
        headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_ascii_lowercase(), i))
            .collect(),
    );
    let missing: Vec<&str> = REQUIRED_COLUMNS
        .iter()
        .copied()
        .filter(|c| !cols.0.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        let mut found: Vec<&str> = headers.iter().collect();
        found.truncate(12);
        return Err(EvalError::MissingColumns {
            path: path.to_path_buf(),
            missing: missing.join(", "),
            found: found.join(", "),
        });
    }
    let mut docs = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        if limit.is_some_and(|n| docs.len() >= n) {
            break;
        }
        // Row numbers count the header as row 1, as a spreadsheet shows them.
        let row_no = i + 2;
        let err = |message: String| EvalError::Row {
            path: path.to_path_buf(),
            row: row_no,
            message,
        };
        let row = rec.map_err(|e| err(e.to_string()))?;
        docs.push(parse_row(&cols, &row, row_no).map_err(err)?);
    }
    Ok(docs)
}

fn parse_row(
    cols: &Columns,
    row: &csv::StringRecord,
    row_no: usize,
) -> std::result::Result<GoldDocument, String> {
    let get = |name: &str| cols.get(row, name);
    let notes = get("notes")
        .ok_or("empty notes: nothing to extract from")?
        .to_string();
    let year: i16 = get("year")
        .ok_or("empty year")?
        .parse()
        .map_err(|_| format!("year {:?} is not a year", get("year").unwrap_or_default()))?;
    let published_at =
        jiff::civil::Date::new(year, 12, 31).map_err(|e| format!("year {year}: {e}"))?;
    let event_date = get("event_date").map(parse_date).transpose()?;
    let number = |name: &str| -> std::result::Result<Option<f64>, String> {
        get(name)
            .map(|s| {
                s.parse::<f64>()
                    .map_err(|_| format!("{name} {s:?} is not a number"))
            })
            .transpose()
    };
    let small = |name: &str| -> std::result::Result<Option<u8>, String> {
        number(name)?
            .map(|v| {
                if v.fract() == 0.0 && (0.0..=255.0).contains(&v) {
                    Ok(v as u8)
                } else {
                    Err(format!("{name} {v} is not a code"))
                }
            })
            .transpose()
    };
    let time_precision = small("time_precision")?
        .map(TimePrecision::try_from)
        .transpose()?;
    let geo_precision = small("geo_precision")?
        .map(GeoPrecision::try_from)
        .transpose()?;
    let event_type = get("event_type")
        .map(|s| s.parse::<EventType>().map_err(|e| e.to_string()))
        .transpose()?;
    let sub_event_type = get("sub_event_type")
        .map(|s| s.parse::<SubEventType>().map_err(|e| e.to_string()))
        .transpose()?;
    let fatalities = number("fatalities")?
        .map(|v| {
            if v.fract() == 0.0 && v >= 0.0 && v <= f64::from(u32::MAX) {
                Ok(v as u32)
            } else {
                Err(format!("fatalities {v} is not a count"))
            }
        })
        .transpose()?;
    // ACLED writes "Civilian targeting" or leaves the cell empty; only a file
    // that has the column codes it (older exports do not).
    let civilian_targeting = cols.0.contains_key("civilian_targeting").then(|| {
        get("civilian_targeting").is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("civilian") || v == "true" || v == "1" || v == "yes"
        })
    });
    let id = get("event_id_cnty")
        .map(str::to_string)
        .unwrap_or_else(|| format!("row-{row_no}"));
    let event = CodedEvent {
        event_date,
        time_precision,
        event_type,
        sub_event_type,
        actor1: non_empty(get("actor1")),
        assoc_actor_1: split_assoc(get("assoc_actor_1")),
        actor2: non_empty(get("actor2")),
        assoc_actor_2: split_assoc(get("assoc_actor_2")),
        country: non_empty(get("country")),
        admin1: non_empty(get("admin1")),
        admin2: non_empty(get("admin2")),
        admin3: non_empty(get("admin3")),
        location: non_empty(get("location")),
        latitude: number("latitude")?,
        longitude: number("longitude")?,
        geo_precision,
        fatalities,
        civilian_targeting,
        claim: None,
        date_in_text: None,
    };
    Ok(GoldDocument {
        id,
        text: notes,
        published_at: Some(published_at),
        language: Some("en".into()),
        events: vec![event],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,actor2,admin1,location,latitude,longitude,notes,fatalities";

    #[test]
    fn a_row_is_a_document_with_one_event() {
        let csv = format!("{HEAD}\nMLI1,2019-04-25,2019,1,Battles,Armed clash,JNIM,,Civilians (Mali),Mopti,Boni,15.01,-1.96,\"On April 25, clashes in Boni.\",2\n");
        let d = parse(Path::new("a.csv"), csv.as_bytes(), None).unwrap();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].id, "MLI1");
        assert_eq!(d[0].published_at, Some(jiff::civil::date(2019, 12, 31)));
        assert_eq!(d[0].events[0].fatalities, Some(2));
        assert_eq!(d[0].events[0].civilian_targeting, None);
    }

    #[test]
    fn missing_columns_are_named() {
        let e = parse(
            Path::new("x.csv"),
            b"event_date,notes\n2020-01-01,hi\n",
            None,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("year, event_type, sub_event_type, actor1, actor2"),
            "{e}"
        );
        assert!(!e.contains("missing column(s) event_date"), "{e}");
    }

    #[test]
    fn bad_cells_name_the_row() {
        let csv = format!(
            "{HEAD}\nMLI1,2019-04-25,2019,1,Battles,Armed clash,JNIM,,,Mopti,Boni,x,-1.96,n,2\n"
        );
        let e = parse(Path::new("a.csv"), csv.as_bytes(), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("row 2") && e.contains("latitude"), "{e}");
    }
}
