//! Parquet (Snappy): one row per merged event, typed columns. The schema is
//! [`schema`] and is documented in the README; rows are written in row
//! groups of [`BATCH`] so memory stays flat.

use super::{event_id_cnty, fatalities_by_source, source_names};
use crate::error::{Result, StoreError};
use crate::model::{EventFilter, MergedEvent};
use crate::Store;
use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float32Builder, Float64Builder, Int16Builder, Int32Builder,
    Int64Builder, Int8Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Rows per record batch.
pub const BATCH: usize = 4096;

/// The Parquet/Arrow schema of an export.
pub fn schema() -> SchemaRef {
    use DataType::*;
    let f = |name: &str, t: DataType, nullable: bool| Field::new(name, t, nullable);
    Arc::new(Schema::new(vec![
        f("event_id", Int64, false),
        f("event_id_cnty", Utf8, false),
        f("event_date", Date32, true),
        f("year", Int32, true),
        f("time_precision", Int8, false),
        f("disorder_type", Utf8, false),
        f("event_type", Utf8, false),
        f("sub_event_type", Utf8, false),
        f("actor1", Utf8, true),
        f("assoc_actor_1", Utf8, true),
        f("inter1", Int8, true),
        f("actor2", Utf8, true),
        f("assoc_actor_2", Utf8, true),
        f("inter2", Int8, true),
        f("interaction", Int16, true),
        f("civilian_targeting", Boolean, false),
        f("iso", Int16, true),
        f("region", Utf8, true),
        f("country", Utf8, true),
        f("admin1", Utf8, true),
        f("admin2", Utf8, true),
        f("admin3", Utf8, true),
        f("location", Utf8, true),
        f("latitude", Float64, true),
        f("longitude", Float64, true),
        f("geo_precision", Int8, true),
        f("source", Utf8, false),
        f("notes", Utf8, false),
        f("fatalities", Int32, false),
        f("fatalities_max", Int32, false),
        f("conflicting_fatalities", Boolean, false),
        f("fatalities_by_source", Utf8, false),
        f("corroboration", Int32, false),
        f("claim", Utf8, false),
        f("confidence", Float32, false),
        f("timestamp", Int64, false),
    ]))
}

#[derive(Default)]
struct Columns {
    event_id: Int64Builder,
    event_id_cnty: StringBuilder,
    event_date: Date32Builder,
    year: Int32Builder,
    time_precision: Int8Builder,
    disorder_type: StringBuilder,
    event_type: StringBuilder,
    sub_event_type: StringBuilder,
    actor1: StringBuilder,
    assoc_actor_1: StringBuilder,
    inter1: Int8Builder,
    actor2: StringBuilder,
    assoc_actor_2: StringBuilder,
    inter2: Int8Builder,
    interaction: Int16Builder,
    civilian_targeting: BooleanBuilder,
    iso: Int16Builder,
    region: StringBuilder,
    country: StringBuilder,
    admin1: StringBuilder,
    admin2: StringBuilder,
    admin3: StringBuilder,
    location: StringBuilder,
    latitude: Float64Builder,
    longitude: Float64Builder,
    geo_precision: Int8Builder,
    source: StringBuilder,
    notes: StringBuilder,
    fatalities: Int32Builder,
    fatalities_max: Int32Builder,
    conflicting_fatalities: BooleanBuilder,
    fatalities_by_source: StringBuilder,
    corroboration: Int32Builder,
    claim: StringBuilder,
    confidence: Float32Builder,
    timestamp: Int64Builder,
    rows: usize,
}

fn clamp_i32(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

impl Columns {
    fn push(&mut self, m: &MergedEvent) -> Result<()> {
        let e = &m.event;
        let place = e.place_best();
        let assoc = |v: &[vigie_core::ActorRef]| {
            (!v.is_empty()).then(|| {
                v.iter()
                    .map(|a| a.canonical.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        };
        self.event_id.append_value(m.id);
        self.event_id_cnty.append_value(event_id_cnty(m));
        match e.event_date.value {
            Some(d) => {
                let day = crate::engine::day_number(d)?;
                self.event_date.append_value(
                    i32::try_from(day)
                        .map_err(|_| StoreError::Export(format!("date {d} out of range")))?,
                );
                self.year.append_value(i32::from(d.year()));
            }
            None => {
                self.event_date.append_null();
                self.year.append_null();
            }
        }
        self.time_precision
            .append_value(e.time_precision.code() as i8);
        self.disorder_type.append_value(e.disorder_type.as_str());
        self.event_type.append_value(e.event_type.as_str());
        self.sub_event_type
            .append_value(e.sub_event_type.value.as_str());
        self.actor1
            .append_option(e.actor1.value.as_ref().map(|a| a.canonical.as_str()));
        self.assoc_actor_1.append_option(assoc(&e.assoc_actor_1));
        self.inter1.append_option(
            e.actor1
                .value
                .as_ref()
                .and_then(|a| a.inter)
                .map(|i| i.code() as i8),
        );
        self.actor2
            .append_option(e.actor2.value.as_ref().map(|a| a.canonical.as_str()));
        self.assoc_actor_2.append_option(assoc(&e.assoc_actor_2));
        self.inter2.append_option(
            e.actor2
                .value
                .as_ref()
                .and_then(|a| a.inter)
                .map(|i| i.code() as i8),
        );
        self.interaction.append_option(e.interaction.map(i16::from));
        self.civilian_targeting
            .append_value(e.civilian_targeting.value);
        self.iso.append_option(
            place
                .and_then(|p| p.iso_numeric)
                .and_then(|n| i16::try_from(n).ok()),
        );
        self.region
            .append_option(place.and_then(|p| p.region.as_deref()));
        self.country
            .append_option(place.map(|p| p.country.as_str()).filter(|s| !s.is_empty()));
        self.admin1
            .append_option(place.and_then(|p| p.admin1.as_deref()));
        self.admin2
            .append_option(place.and_then(|p| p.admin2.as_deref()));
        self.admin3
            .append_option(place.and_then(|p| p.admin3.as_deref()));
        self.location.append_option(e.location_name());
        self.latitude.append_option(place.map(|p| p.latitude));
        self.longitude.append_option(place.map(|p| p.longitude));
        self.geo_precision
            .append_option(e.geo_precision.map(|g| g.code() as i8));
        self.source.append_value(source_names(m));
        self.notes.append_value(&e.notes);
        self.fatalities
            .append_value(clamp_i32(m.fatalities_conservative));
        self.fatalities_max
            .append_value(clamp_i32(m.fatalities_max));
        self.conflicting_fatalities
            .append_value(m.conflicting_fatalities);
        self.fatalities_by_source
            .append_value(fatalities_by_source(m));
        self.corroboration.append_value(clamp_i32(m.corroboration));
        self.claim.append_value(e.claim.modality.as_str());
        self.confidence.append_value(e.confidence);
        self.timestamp.append_value(m.updated_at_ms / 1000);
        self.rows += 1;
        Ok(())
    }

    fn finish(&mut self, schema: &SchemaRef) -> Result<RecordBatch> {
        let arrays: Vec<ArrayRef> = vec![
            Arc::new(self.event_id.finish()),
            Arc::new(self.event_id_cnty.finish()),
            Arc::new(self.event_date.finish()),
            Arc::new(self.year.finish()),
            Arc::new(self.time_precision.finish()),
            Arc::new(self.disorder_type.finish()),
            Arc::new(self.event_type.finish()),
            Arc::new(self.sub_event_type.finish()),
            Arc::new(self.actor1.finish()),
            Arc::new(self.assoc_actor_1.finish()),
            Arc::new(self.inter1.finish()),
            Arc::new(self.actor2.finish()),
            Arc::new(self.assoc_actor_2.finish()),
            Arc::new(self.inter2.finish()),
            Arc::new(self.interaction.finish()),
            Arc::new(self.civilian_targeting.finish()),
            Arc::new(self.iso.finish()),
            Arc::new(self.region.finish()),
            Arc::new(self.country.finish()),
            Arc::new(self.admin1.finish()),
            Arc::new(self.admin2.finish()),
            Arc::new(self.admin3.finish()),
            Arc::new(self.location.finish()),
            Arc::new(self.latitude.finish()),
            Arc::new(self.longitude.finish()),
            Arc::new(self.geo_precision.finish()),
            Arc::new(self.source.finish()),
            Arc::new(self.notes.finish()),
            Arc::new(self.fatalities.finish()),
            Arc::new(self.fatalities_max.finish()),
            Arc::new(self.conflicting_fatalities.finish()),
            Arc::new(self.fatalities_by_source.finish()),
            Arc::new(self.corroboration.finish()),
            Arc::new(self.claim.finish()),
            Arc::new(self.confidence.finish()),
            Arc::new(self.timestamp.finish()),
        ];
        self.rows = 0;
        RecordBatch::try_new(schema.clone(), arrays).map_err(|e| StoreError::Export(e.to_string()))
    }
}

pub fn write<W: Write + Send>(store: &dyn Store, filter: &EventFilter, out: W) -> Result<u64> {
    let schema = schema();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let perr = |e: parquet::errors::ParquetError| StoreError::Export(e.to_string());
    let mut writer = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(perr)?;
    let mut cols = Columns::default();
    let n = store.for_each_event(filter, &mut |m| {
        cols.push(&m)?;
        if cols.rows >= BATCH {
            let batch = cols.finish(&schema)?;
            writer.write(&batch).map_err(perr)?;
        }
        Ok(())
    })?;
    if cols.rows > 0 {
        let batch = cols.finish(&schema)?;
        writer.write(&batch).map_err(perr)?;
    }
    writer.close().map_err(perr)?;
    Ok(n)
}
