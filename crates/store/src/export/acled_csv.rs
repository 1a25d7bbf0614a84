//! ACLED CSV: `vigie_core::acled::header()` (ACLED's 31 columns in ACLED's
//! order, then vigie's per-report columns), then the merge columns below.
//! Tools that read ACLED exports by column name read it unchanged.

use super::{event_id_cnty, fatalities_by_source, source_names};
use crate::error::{Result, StoreError};
use crate::model::{EventFilter, MergedEvent};
use crate::Store;
use std::io::Write;
use vigie_core::acled::{self, RowContext};

/// Columns after vigie's: how many documents report the event, the highest
/// figure, and who reported which figure.
pub const EXTRA_COLUMNS: [&str; 4] = [
    "corroboration",
    "fatalities_max",
    "fatalities_by_source",
    "vigie_event_id",
];

pub fn csv_header() -> Vec<&'static str> {
    let mut h = acled::header();
    h.extend(EXTRA_COLUMNS);
    h
}

/// One row, aligned with [`csv_header`].
pub fn acled_row(m: &MergedEvent) -> Vec<String> {
    let mut event = m.event.clone();
    event.id = event_id_cnty(m);
    let sources = source_names(m);
    let ctx = RowContext {
        source: Some(&sources),
        timestamp: m.updated_at_ms / 1000,
    };
    let mut row = acled::record(&event, &ctx);
    row.push(m.corroboration.to_string());
    row.push(m.fatalities_max.to_string());
    row.push(fatalities_by_source(m));
    row.push(m.id.to_string());
    row
}

pub fn write<W: Write>(store: &dyn Store, filter: &EventFilter, out: W) -> Result<u64> {
    let mut w = csv::Writer::from_writer(out);
    let csv_err = |e: csv::Error| {
        let text = e.to_string();
        match e.into_kind() {
            csv::ErrorKind::Io(io) => StoreError::Io(io),
            _ => StoreError::Export(text),
        }
    };
    w.write_record(csv_header()).map_err(csv_err)?;
    let n = store.for_each_event(filter, &mut |m| {
        w.write_record(acled_row(&m)).map_err(csv_err)
    })?;
    w.flush()?;
    Ok(n)
}
