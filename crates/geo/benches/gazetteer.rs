//! Gazetteer load time and lookup throughput (issue 4):
//! `cargo bench -p vigie-geo --bench gazetteer`.
//! Queries are the reference report's places and common Sahel spellings,
//! with and without document context.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use vigie_core::place::{GeoContext, Geocoder, ToponymQuery};

const NAMES: &[&str] = &[
    "Kidal",
    "Tessalit",
    "Aguelhoc",
    "Gondam",
    "Tombouctou",
    "Léré",
    "Tinzawaten",
    "Anou Malan",
    "Ménaka",
    "Boulkessi",
    "Djibo",
    "Arbinda",
    "Diffa",
    "Ouallam",
    "Niono",
    "Mopti",
    "Sévaré",
    "Inates",
    "Solhan",
    "Tillabéri",
    "Kouara",
    "Bourem",
    "Ansongo",
    "Dori",
];

fn bench(c: &mut Criterion) {
    c.bench_function("load_default", |b| {
        b.iter(|| black_box(vigie_geo::Gazetteer::load_default().expect("embedded gazetteer")))
    });

    let g = vigie_geo::Gazetteer::load_default().expect("embedded gazetteer");
    let mut group = c.benchmark_group("lookups");
    group.throughput(Throughput::Elements(NAMES.len() as u64));
    group.bench_function("knows", |b| {
        b.iter(|| NAMES.iter().filter(|n| g.knows(black_box(n))).count())
    });
    group.bench_function("resolve_bare", |b| {
        b.iter(|| {
            for n in NAMES {
                black_box(g.resolve(&ToponymQuery::new(*n)));
            }
        })
    });
    let ctx = GeoContext {
        countries: vec!["ML".into()],
        admin_mentions: vec!["région de Tombouctou".into(), "cercle de Niafunké".into()],
        other_places: vec!["Niafunké".into(), "Goundam".into(), "Tombouctou".into()],
    };
    group.bench_function("resolve_in_context", |b| {
        b.iter(|| {
            for n in NAMES {
                black_box(g.resolve(&ToponymQuery {
                    name: (*n).into(),
                    cue: Some("près de".into()),
                    context: ctx.clone(),
                }));
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
