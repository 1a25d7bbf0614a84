//! Store benchmarks: ingest throughput (documents/s, stored + extracted
//! result written + merged) and dashboard query latency, on SQLite and on
//! PostgreSQL (when `VIGIE_TEST_PG_URL` is set).
//!
//! Size: `VIGIE_BENCH_DOCS` documents are ingested first (default 5,000;
//! the README's figures use 100,000), timed as a whole and printed; then
//! criterion measures batches of further ingests and the queries at that size.
//!
//! `VIGIE_BENCH_BACKENDS=sqlite` or `postgres` measures one only.
//!
//! `VIGIE_BENCH_BACKENDS=sqlite` or `postgres` measures one only.
//!
//! ```text
//! VIGIE_BENCH_DOCS=100000 VIGIE_TEST_PG_URL=postgres://… cargo bench -p vigie-store
//! ```

mod corpus;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use vigie_store::*;

struct Target {
    name: &'static str,
    store: Arc<dyn Store>,
    run: RunInfo,
    cleanup: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for Target {
    fn drop(&mut self) {
        if let Some((url, schema)) = &self.cleanup {
            if let Ok(mut c) = postgres::Client::connect(url, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
    }
}

/// Ingests documents `range` the way `vigie ingest` does: stored in
/// batches of 64 per transaction, then extracted (here: the corpus's coded
/// events) and merged one transaction per document.
fn ingest_range(
    store: &dyn Store,
    run: &RunInfo,
    corpus: &corpus::Corpus,
    range: std::ops::Range<usize>,
) {
    let docs: Vec<NewDocument> = range.map(|i| corpus.document(i).0).collect();
    for chunk in docs.chunks(64) {
        store.put_documents(chunk, Some(run.id)).expect("put");
    }
    let mut f = |d: &StoredDocument| {
        let i: usize = d
            .summary
            .external_id
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .ok_or("bad id")?;
        Ok(corpus.document(i).1)
    };
    while store
        .process_next(run.id, "bench", &mut f)
        .expect("process")
        .is_some()
    {}
}

/// Backends to measure: `VIGIE_BENCH_BACKENDS=sqlite,postgres` (default both).
fn wanted(name: &str) -> bool {
    std::env::var("VIGIE_BENCH_BACKENDS")
        .map(|v| v.split(',').any(|b| b.trim() == name))
        .unwrap_or(true)
}

fn targets() -> Vec<Target> {
    let versions = RunVersions {
        engine: "bench".into(),
        lexicons: "-".into(),
        gazetteer: "-".into(),
    };
    let mut out = Vec::new();
    if wanted("sqlite") {
        let dir = tempfile::tempdir().expect("tempdir");
        let store: Arc<dyn Store> =
            Arc::new(SqlStore::open_sqlite(&dir.path().join("bench.db")).expect("sqlite"));
        let run = store.ensure_run(&versions).expect("run");
        out.push(Target {
            name: "sqlite",
            store,
            run,
            cleanup: None,
            _dir: Some(dir),
        });
    }
    match std::env::var("VIGIE_TEST_PG_URL") {
        Ok(url) if !url.trim().is_empty() && wanted("postgres") => {
            let schema = format!("vigie_bench_{}", std::process::id());
            let store: Arc<dyn Store> =
                Arc::new(SqlStore::open_postgres(&url, Some(&schema)).expect("postgres"));
            let run = store.ensure_run(&versions).expect("run");
            out.push(Target {
                name: "postgres",
                store,
                run,
                cleanup: Some((url, schema)),
                _dir: None,
            });
        }
        _ => eprintln!("postgres benchmarks skipped: VIGIE_TEST_PG_URL not set"),
    }
    out
}

fn benches(c: &mut Criterion) {
    let docs: usize = std::env::var("VIGIE_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000);
    let corpus = corpus::Corpus::load();
    for t in targets() {
        // Fill to size, timed as one ingest of `docs` reports.
        let start = Instant::now();
        ingest_range(&*t.store, &t.run, &corpus, 0..docs);
        let secs = start.elapsed().as_secs_f64();
        let events = t
            .store
            .stats(&EventFilter::default())
            .expect("stats")
            .events;
        eprintln!(
            "[{}] ingested {docs} documents in {secs:.1} s = {:.0} documents/s ({events} merged events)",
            t.name,
            docs as f64 / secs
        );

        let next = AtomicUsize::new(docs);
        let mut g = c.benchmark_group(format!("ingest/{}", t.name));
        g.sample_size(10).measurement_time(Duration::from_secs(10));
        const BATCH: usize = 100;
        g.throughput(Throughput::Elements(BATCH as u64));
        g.bench_function(BenchmarkId::new("documents", docs), |b| {
            b.iter(|| {
                let start = next.fetch_add(BATCH, Ordering::Relaxed);
                ingest_range(&*t.store, &t.run, &corpus, start..start + BATCH);
            })
        });
        g.finish();

        let mut g = c.benchmark_group(format!("query/{}", t.name));
        g.sample_size(20).measurement_time(Duration::from_secs(5));
        let page = Page::first(100);
        let d = |y, m, day| Some(jiff::civil::date(y, m, day));
        let filters: Vec<(&str, EventFilter)> = vec![
            ("latest_page", EventFilter::default()),
            (
                "country_year",
                EventFilter {
                    country: Some("Mali".into()),
                    date_from: d(2025, 1, 1),
                    date_to: d(2025, 12, 31),
                    ..Default::default()
                },
            ),
            (
                "type_admin1",
                EventFilter {
                    event_type: Some("Battles".into()),
                    admin1: Some("Kidal".into()),
                    ..Default::default()
                },
            ),
            (
                "bbox_sahel_north",
                EventFilter {
                    bbox: Some(BBox {
                        min_lon: 0.0,
                        min_lat: 15.0,
                        max_lon: 4.0,
                        max_lat: 21.0,
                    }),
                    ..Default::default()
                },
            ),
            (
                "actor_search",
                EventFilter {
                    actor: Some("jnim".into()),
                    ..Default::default()
                },
            ),
            (
                "notes_search",
                EventFilter {
                    text: Some("tinzaouaten".into()),
                    ..Default::default()
                },
            ),
            (
                "corroborated",
                EventFilter {
                    min_corroboration: Some(2),
                    ..Default::default()
                },
            ),
        ];
        for (name, f) in &filters {
            g.bench_function(BenchmarkId::new("events", name), |b| {
                b.iter(|| {
                    t.store
                        .events(f, EventSort::DateDesc, page)
                        .expect("events")
                })
            });
        }
        g.bench_function(BenchmarkId::new("stats", "all"), |b| {
            b.iter(|| t.store.stats(&EventFilter::default()).expect("stats"))
        });
        g.bench_function(BenchmarkId::new("stats", "country_year"), |b| {
            b.iter(|| t.store.stats(&filters[1].1).expect("stats"))
        });
        let some = t
            .store
            .events(&filters[6].1, EventSort::DateDesc, Page::first(1))
            .expect("events");
        if let Some(e) = some.items.first() {
            g.bench_function(BenchmarkId::new("event_detail", "corroborated"), |b| {
                b.iter(|| t.store.event(e.id).expect("event"))
            });
        }
        g.finish();
    }
}

criterion_group!(store_benches, benches);
criterion_main!(store_benches);
