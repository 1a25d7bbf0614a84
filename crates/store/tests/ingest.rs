//! `ingest` end to end with the real extractor and gazetteer, on fixtures
//! written for this test (tests/fixtures/ingest): text, HTML, JSON Lines with
//! bad lines, an RSS feed, an empty file, a binary file, a duplicate.

mod common;

use common::*;
use std::path::PathBuf;
use std::sync::Arc;
use vigie_store::ingest::{ingest, IngestOptions, Progress};
use vigie_store::*;

fn fixtures() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ingest"
    ))
}

fn check(make: fn() -> Option<Backend>) {
    let Some(b) = make() else { return };
    let store = &*b.store;
    let geocoder: Arc<dyn vigie_core::Geocoder> = vigie_geo::shared();
    let extractor = vigie_extract::Extractor::new(geocoder).expect("extractor");
    let v = extractor.versions();
    let run = store
        .ensure_run(&RunVersions {
            engine: v.engine,
            lexicons: v.lexicons,
            gazetteer: v.gazetteer,
        })
        .unwrap();
    let extract = |d: &vigie_core::Document| extractor.extract(d);
    let opts = IngestOptions {
        workers: 2,
        ..IngestOptions::default()
    };
    let quiet = |_: Progress<'_>| {};

    let s = ingest(store, &run, &[fixtures()], &opts, &extract, &quiet).expect("ingest");
    eprintln!("{}: {s:#?}", b.name);
    assert_eq!(s.read, 12);
    assert_eq!(s.new, 6);
    assert_eq!(
        s.duplicate, 1,
        "the copy under another name is the same document"
    );
    let read_rejected: Vec<_> = s.rejected.iter().filter(|r| r.stage == "read").collect();
    assert_eq!(read_rejected.len(), 5, "{read_rejected:#?}");
    let reason = |id: &str| {
        read_rejected
            .iter()
            .find(|r| r.id.ends_with(id))
            .map(|r| r.reason.clone())
            .unwrap_or_default()
    };
    assert!(reason("empty.txt").contains("empty"));
    assert!(reason("archive.bin").contains("binary"));
    assert!(reason("batch.jsonl:3").contains("date"));
    assert!(reason("batch.jsonl:4").contains("text"));
    assert!(reason("batch.jsonl:5").contains("JSON"));
    let extract_failed = s.rejected.iter().filter(|r| r.stage == "extract").count() as u64;
    assert_eq!(s.extracted + extract_failed, 6);
    assert!(s.events >= 1, "the reports describe events: {s:#?}");
    assert_eq!(
        store.rejections(Page::default()).unwrap().total,
        5 + extract_failed
    );
    assert_eq!(store.pending(run.id).unwrap(), 0);

    // The feed's items are documents with their links, dates and the feed's title.
    let docs = store
        .documents(
            &DocumentFilter {
                source: Some("Sahel Desk".into()),
                ..Default::default()
            },
            Page::default(),
        )
        .unwrap();
    assert_eq!(docs.total, 2);
    assert!(docs.items.iter().any(
        |d| d.url.as_deref() == Some("https://example.org/desk/djibo")
            && d.published_at == Some(jiff::civil::date(2024, 5, 11))
    ));

    // Again: nothing new, nothing extracted twice.
    let again = ingest(store, &run, &[fixtures()], &opts, &extract, &quiet).expect("re-ingest");
    assert_eq!((again.new, again.duplicate, again.extracted), (0, 7, 0));
    assert_eq!(
        store
            .documents(&DocumentFilter::default(), Page::default())
            .unwrap()
            .total,
        6
    );

    // Too large for the limit: rejected, recorded, the batch goes on.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("big.txt"),
        "Des combats ont eu lieu à Gao. ".repeat(20),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("small.txt"),
        "Des combats ont eu lieu à Ménaka mardi.",
    )
    .unwrap();
    let small = IngestOptions {
        max_bytes: 200,
        ..opts.clone()
    };
    let s = ingest(
        store,
        &run,
        &[dir.path().to_path_buf()],
        &small,
        &extract,
        &quiet,
    )
    .unwrap();
    assert_eq!((s.read, s.new), (2, 1));
    assert!(s
        .rejected
        .iter()
        .any(|r| r.id.ends_with("big.txt") && r.reason.contains("too large")));
}

#[test]
fn ingest_sqlite() {
    check(sqlite);
}

#[test]
fn ingest_postgres() {
    check(postgres);
}
