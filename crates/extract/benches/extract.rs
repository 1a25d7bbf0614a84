//! Extraction throughput on the project's own test reports
//! (`tests/fixtures/reports/*.json`, French and English):
//! `cargo bench -p vigie-extract --bench extract`.
//!
//! Criterion reports bytes of report text per second. `extract` is the
//! engine alone (text in, events with evidence and geocoded places out);
//! `extract_json` adds the JSON serialisation that `vigie extract` writes.
//! The lexicons and the gazetteer are loaded once, outside the timing; the
//! same reports are extracted over and over, so the geocoder's per-thread
//! memos are warm (a stream of new reports also pays their misses: see
//! `eval/results/bench.md` for figures on fresh documents).
use std::sync::Arc;
use std::time::Duration;

#[path = "../tests/support/report_files.rs"]
mod report_files;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use vigie_core::{DocMeta, Document};

/// The fixture reports as documents, as the test suite builds them.
fn fixture_documents() -> Vec<Document> {
    report_files::report_paths()
        .iter()
        .map(|p| {
            let raw = std::fs::read_to_string(p)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
            let v: serde_json::Value = serde_json::from_str(&raw)
                .unwrap_or_else(|e| panic!("{} is not JSON: {e}", p.display()));
            let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
            let meta = DocMeta {
                id: field("id").unwrap_or_default(),
                published_at: field("published_at").and_then(|d| d.parse().ok()),
                language: field("lang"),
                ..Default::default()
            };
            Document::text(meta, field("text").unwrap_or_default().into_bytes())
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = fixture_documents();
    let bytes: usize = docs.iter().map(|d| d.raw.len()).sum();
    let geocoder: Arc<dyn vigie_core::Geocoder> = vigie_geo::shared();
    let ex = vigie_extract::Extractor::new(geocoder).expect("embedded lexicons compile");

    let mut group = c.benchmark_group("fixture_reports");
    group.throughput(Throughput::Bytes(bytes as u64));
    // Kept short: the whole bench runs in about ten seconds.
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("extract", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(ex.extract(black_box(d)));
            }
        })
    });
    let mut out = Vec::with_capacity(1 << 20);
    group.bench_function("extract_json", |b| {
        b.iter(|| {
            out.clear();
            for d in &docs {
                serde_json::to_writer(&mut out, &ex.extract(black_box(d))).expect("JSON output");
                out.push(b'\n');
            }
            black_box(out.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
