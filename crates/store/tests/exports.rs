//! Exports read back: ACLED CSV by column name, GeoJSON, Parquet, JSON Lines.

mod common;

use common::*;
use std::collections::HashMap;
use vigie_core::{GeoPrecision, Modality, SubEventType};
use vigie_store::export::{csv_header, export, parquet_schema, ExportFormat};
use vigie_store::*;

fn fill(store: &dyn Store) {
    let run = store
        .ensure_run(&RunVersions {
            engine: "t".into(),
            lexicons: "l".into(),
            gazetteer: "g".into(),
        })
        .unwrap();
    let tin = place(1001, "Tinzaouaten", 19.9606, 2.9556, "Kidal", "Tin-Essako");
    let fama = actor("fama", "Military Forces of Mali (2021-)", 1);
    let fla = actor("fla", "FLA: Azawad Liberation Front", 2);
    let reports = [
        ("fla", "FLA communiqué", 47, Modality::Claimed),
        ("army", "Armed forces communiqué", 12, Modality::Claimed),
    ];
    for (doc, source, killed, modality) in reports {
        let e = Ev::new(doc, 0, SubEventType::ArmedClash, (2024, 7, 27))
            .actors(Some(fama.clone()), Some(fla.clone()))
            .at("Tinzaouaten", tin.clone(), GeoPrecision::Town)
            .killed(killed, Some(doc), modality)
            .notes("On 27 July 2024, FLA rebels clashed with the Malian army, \"Wagner\"; and allies at Tinzaouaten.")
            .build();
        let put = store
            .put_document(&document(doc, source, doc), Some(run.id))
            .unwrap();
        store
            .process_document(put.id, run.id, "t", &mut fixed(extraction(doc, vec![e])))
            .unwrap();
    }
    let unresolved = Ev::new("u", 0, SubEventType::PeacefulProtest, (2024, 6, 2))
        .unresolved("Somewhere")
        .build();
    let put = store
        .put_document(&document("u", "Local", "u"), Some(run.id))
        .unwrap();
    store
        .process_document(
            put.id,
            run.id,
            "t",
            &mut fixed(extraction("u", vec![unresolved])),
        )
        .unwrap();
}

fn check(make: fn() -> Option<Backend>) {
    let Some(b) = make() else { return };
    let store = &*b.store;
    fill(store);
    let all = EventFilter::default();

    // ACLED CSV: ACLED's 31 names first, in order; read back by name.
    let mut buf = Vec::new();
    assert_eq!(
        export(store, &all, ExportFormat::AcledCsv, &mut buf).unwrap(),
        2
    );
    let mut rdr = csv::Reader::from_reader(buf.as_slice());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        &header[..31],
        &vigie_core::acled::ACLED_COLUMNS.map(str::to_string)[..]
    );
    assert_eq!(header, csv_header());
    let rows: Vec<HashMap<String, String>> = rdr.deserialize().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    let clash = rows.iter().find(|r| r["event_type"] == "Battles").unwrap();
    assert_eq!(clash["fatalities"], "12", "ACLED's conservative figure");
    assert_eq!(clash["fatalities_max"], "47");
    assert_eq!(clash["corroboration"], "2");
    assert_eq!(clash["source"], "Armed forces communiqué; FLA communiqué");
    assert!(clash["fatalities_by_source"].contains("FLA communiqué: 47"));
    assert_eq!(clash["admin1"], "Kidal");
    assert_eq!(clash["latitude"], "19.9606");
    assert!(
        clash["notes"].contains("\"Wagner\";"),
        "quotes and separators survive CSV"
    );
    assert!(clash["event_id_cnty"].starts_with("VIGIE"));
    let filtered = {
        let mut b = Vec::new();
        let f = EventFilter {
            event_type: Some("Protests".into()),
            ..Default::default()
        };
        export(store, &f, ExportFormat::AcledCsv, &mut b).unwrap()
    };
    assert_eq!(filtered, 1);

    // GeoJSON.
    let mut buf = Vec::new();
    export(store, &all, ExportFormat::GeoJson, &mut buf).unwrap();
    let gj: serde_json::Value = serde_json::from_slice(&buf).unwrap();
    assert_eq!(gj["type"], "FeatureCollection");
    let features = gj["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    let located: Vec<_> = features
        .iter()
        .filter(|f| !f["geometry"].is_null())
        .collect();
    assert_eq!(located.len(), 1);
    assert_eq!(located[0]["geometry"]["coordinates"][0], 2.9556);
    assert_eq!(located[0]["properties"]["fatalities"], 12);

    // JSON Lines: merged events whole.
    let mut buf = Vec::new();
    export(store, &all, ExportFormat::Jsonl, &mut buf).unwrap();
    let merged: Vec<MergedEvent> = buf
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(merged.len(), 2);
    assert!(merged
        .iter()
        .any(|m| m.conflicting_fatalities && m.figures.len() == 2));

    // Parquet, read back with the parquet crate.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.parquet");
    let file = std::fs::File::create(&path).unwrap();
    assert_eq!(export(store, &all, ExportFormat::Parquet, file).unwrap(), 2);
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
        std::fs::File::open(&path).unwrap(),
    )
    .unwrap();
    assert_eq!(reader.schema().fields(), parquet_schema().fields());
    let batches: Vec<_> = reader.build().unwrap().map(|b| b.unwrap()).collect();
    assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 2);
    let fat = batches[0]
        .column_by_name("fatalities")
        .unwrap()
        .as_any()
        .downcast_ref::<arrow_array::Int32Array>()
        .unwrap()
        .clone();
    let mut values: Vec<i32> = fat.values().to_vec();
    values.sort();
    assert_eq!(values, vec![0, 12]);
}

#[test]
fn exports_sqlite() {
    check(sqlite);
}

#[test]
fn exports_postgres() {
    check(postgres);
}

#[test]
fn format_names_parse() {
    for f in ExportFormat::ALL {
        assert_eq!(f.as_str().parse::<ExportFormat>().unwrap(), *f);
    }
    assert!("xlsx".parse::<ExportFormat>().is_err());
}
