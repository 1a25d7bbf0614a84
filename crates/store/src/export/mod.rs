//! Exports of merged events: ACLED CSV, GeoJSON, Parquet, JSON Lines.
//!
//! Every format streams from [`Store::for_each_event`] (Parquet in row
//! groups), so an export of any size runs in flat memory.

mod acled_csv;
mod geojson;
mod parquet;

use crate::error::{Result, StoreError};
use crate::model::{EventFilter, MergedEvent};
use crate::Store;
use std::io::Write;
use std::str::FromStr;

pub use acled_csv::{acled_row, csv_header, EXTRA_COLUMNS};
pub use parquet::schema as parquet_schema;

/// Export formats (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// ACLED's 31 columns in ACLED's order, then vigie's.
    AcledCsv,
    GeoJson,
    Parquet,
    /// One merged event (JSON) per line, with sources and figures.
    Jsonl,
}

impl ExportFormat {
    pub const ALL: &'static [ExportFormat] = &[
        ExportFormat::AcledCsv,
        ExportFormat::GeoJson,
        ExportFormat::Parquet,
        ExportFormat::Jsonl,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::AcledCsv => "acled-csv",
            ExportFormat::GeoJson => "geojson",
            ExportFormat::Parquet => "parquet",
            ExportFormat::Jsonl => "jsonl",
        }
    }

    /// MIME type for HTTP responses.
    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::AcledCsv => "text/csv; charset=utf-8",
            ExportFormat::GeoJson => "application/geo+json",
            ExportFormat::Parquet => "application/vnd.apache.parquet",
            ExportFormat::Jsonl => "application/x-ndjson",
        }
    }

    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::AcledCsv => "csv",
            ExportFormat::GeoJson => "geojson",
            ExportFormat::Parquet => "parquet",
            ExportFormat::Jsonl => "jsonl",
        }
    }

    /// Whether the format is binary (not for a terminal).
    pub fn is_binary(self) -> bool {
        self == ExportFormat::Parquet
    }
}

impl FromStr for ExportFormat {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim().to_ascii_lowercase();
        ExportFormat::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == t)
            .ok_or_else(|| {
                StoreError::invalid(
                    "format",
                    format!("{s:?}; expected one of acled-csv, geojson, parquet, jsonl"),
                )
            })
    }
}

/// Writes every merged event matching `filter` to `out`; returns how many.
pub fn export<W: Write + Send>(
    store: &dyn Store,
    filter: &EventFilter,
    format: ExportFormat,
    out: W,
) -> Result<u64> {
    match format {
        ExportFormat::AcledCsv => acled_csv::write(store, filter, out),
        ExportFormat::GeoJson => geojson::write(store, filter, out),
        ExportFormat::Parquet => parquet::write(store, filter, out),
        ExportFormat::Jsonl => write_jsonl(store, filter, out),
    }
}

fn write_jsonl<W: Write>(store: &dyn Store, filter: &EventFilter, out: W) -> Result<u64> {
    let mut out = std::io::BufWriter::new(out);
    let n = store.for_each_event(filter, &mut |m: MergedEvent| {
        out.write_all(&serde_json::to_vec(&m)?)?;
        out.write_all(b"\n")?;
        Ok(())
    })?;
    out.flush()?;
    Ok(n)
}

/// The ACLED event id vigie gives a merged event (stable across exports).
pub fn event_id_cnty(m: &MergedEvent) -> String {
    format!("VIGIE{}", m.id)
}

/// Source names of a merged event, as ACLED's `source` column writes them.
pub fn source_names(m: &MergedEvent) -> String {
    let mut names: Vec<String> = m
        .sources
        .iter()
        .map(|s| s.source.clone().unwrap_or_else(|| s.external_id.clone()))
        .collect();
    names.sort();
    names.dedup();
    names.join("; ")
}

/// "AFP: 12; FLA communiqué: 47" — who reported which fatality figure.
pub fn fatalities_by_source(m: &MergedEvent) -> String {
    m.sources
        .iter()
        .filter_map(|s| {
            s.fatalities.map(|f| {
                format!(
                    "{}: {f}",
                    s.source.clone().unwrap_or_else(|| s.external_id.clone())
                )
            })
        })
        .collect::<Vec<_>>()
        .join("; ")
}
