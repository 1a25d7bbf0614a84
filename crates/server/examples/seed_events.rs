//! Fills a database with a synthetic corpus for the API load test:
//! `cargo run --release -p vigie-server --example seed_events -- --db PATH --docs N`.
//!
//! Reports are generated from the sentence templates and towns in
//! tests/fixtures/synthetic (dates 2018–2025, figures 0–40), then go through
//! the real path: stored, extracted by the real extractor, merged. Seeded
//! from a fixed number so two runs build the same corpus.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;
use vigie_store::{NewDocument, ProcessOutcome, Store};

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A small deterministic generator (xorshift64*): no dependency, same corpus every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn lines(path: PathBuf) -> Vec<String> {
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut db = None;
    let mut docs: u64 = 100_000;
    let mut threads: usize = 2;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next(),
            "--docs" => docs = args.next().ok_or("--docs N")?.parse()?,
            "--threads" => threads = args.next().ok_or("--threads N")?.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let db = db.ok_or("--db PATH|URL is required")?;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/synthetic");
    let templates = lines(dir.join("templates.txt"));
    let places = lines(dir.join("places.txt"));

    let store = vigie_store::open(&db)?;
    let extractor = Arc::new(vigie_extract::Extractor::new(vigie_geo::try_shared()?)?);
    let v = extractor.versions();
    let run = store.ensure_run(&vigie_store::RunVersions {
        engine: v.engine,
        lexicons: v.lexicons,
        gazetteer: v.gazetteer,
    })?;

    let t0 = Instant::now();
    let mut rng = Rng(0x5eed_1e55_c0ff_ee11);
    for i in 0..docs {
        let (y, m, d) = (
            2018 + rng.below(8) as i16,
            rng.below(12),
            1 + rng.below(28) as i8,
        );
        let text = templates[rng.below(templates.len())]
            .replace("{day}", &d.to_string())
            .replace("{month_fr}", MONTHS_FR[m])
            .replace("{month_en}", MONTHS_EN[m])
            .replace("{year}", &y.to_string())
            .replace("{place}", &places[rng.below(places.len())])
            .replace("{n}", &rng.below(41).to_string());
        let date = jiff::civil::date(y, m as i8 + 1, d);
        let doc = NewDocument {
            external_id: format!("synthetic-{i}"),
            source: Some(format!("Synthetic wire {}", i % 7)),
            kind: "text".into(),
            published_at: date.checked_add(jiff::Span::new().days(1)).ok(),
            raw: format!("{text}\n(synthetic report {i})\n").into_bytes(),
            ..Default::default()
        };
        store.put_document(&doc, Some(run.id))?;
    }
    eprintln!(
        "stored {docs} documents in {:.1}s; extracting with {threads} threads",
        t0.elapsed().as_secs_f64()
    );

    let t1 = Instant::now();
    let (done, failed) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    std::thread::scope(|s| {
        for w in 0..threads {
            let (store, extractor, done, failed): (Arc<dyn Store>, _, _, _) = (
                store.clone(),
                extractor.clone(),
                done.clone(),
                failed.clone(),
            );
            s.spawn(move || loop {
                let worker = format!("seed-{w}");
                match store.process_next(run.id, &worker, &mut |d| {
                    Ok(extractor.extract(&d.to_core()))
                }) {
                    Ok(Some(p)) => {
                        if matches!(p.outcome, ProcessOutcome::Failed { .. }) {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                        if n % 10_000 == 0 {
                            eprintln!(
                                "  {n} extracted ({:.0} docs/s)",
                                n as f64 / t1.elapsed().as_secs_f64()
                            );
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        eprintln!("worker {w}: {e}");
                        break;
                    }
                }
            });
        }
    });
    let stats = store.stats(&Default::default())?;
    eprintln!(
        "extracted {} documents ({} failed) in {:.1}s; {} merged events",
        done.load(Ordering::Relaxed),
        failed.load(Ordering::Relaxed),
        t1.elapsed().as_secs_f64(),
        stats.events
    );
    println!("{}", stats.events);
    Ok(())
}
