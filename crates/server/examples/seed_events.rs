//! Fills a database with a synthetic corpus for the API load test:
//! `cargo run --release -p vigie-server --example seed_events -- --db PATH --events N`
//! (adds reports in batches until there are at least N merged events; some
//! reports describe the same event and merge, as real ones do), or `--docs N`
//! for exactly N reports.
//!
//! Reports are generated from the sentence templates and towns in
//! tests/fixtures/synthetic (dates 1997–2025, figures 0–40), then go through
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
    let mut docs: Option<u64> = None;
    let mut events: Option<u64> = None;
    let mut threads: usize = 2;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next(),
            "--docs" => docs = Some(args.next().ok_or("--docs N")?.parse()?),
            "--events" => events = Some(args.next().ok_or("--events N")?.parse()?),
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
    let mut next_id = 0u64;
    let batch = docs.unwrap_or(10_000).min(10_000);
    loop {
        let n = match (docs, events) {
            (Some(d), _) => d.saturating_sub(next_id).min(batch),
            (None, Some(target)) => {
                let have = store.stats(&Default::default())?.events;
                if have >= target {
                    0
                } else {
                    batch
                }
            }
            (None, None) => return Err("give --docs N or --events N".into()),
        };
        if n == 0 {
            break;
        }
        for _ in 0..n {
            let doc = synthetic(&mut rng, next_id, &templates, &places);
            store.put_document(&doc, Some(run.id))?;
            next_id += 1;
        }
        extract_pending(&store, &extractor, run.id, threads)?;
        eprintln!(
            "  {next_id} reports ({:.0} reports/s overall)",
            next_id as f64 / t0.elapsed().as_secs_f64()
        );
    }
    eprintln!(
        "{next_id} reports stored and extracted in {:.1}s",
        t0.elapsed().as_secs_f64()
    );
    let stats = store.stats(&Default::default())?;
    eprintln!("{} merged events", stats.events);
    println!("{}", stats.events);
    Ok(())
}

/// One synthetic report: a template filled with a date, a town and a figure.
fn synthetic(rng: &mut Rng, i: u64, templates: &[String], places: &[String]) -> NewDocument {
    let (y, m, d) = (
        1997 + rng.below(29) as i16,
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
    NewDocument {
        external_id: format!("synthetic-{i}"),
        source: Some(format!("Synthetic wire {}", i % 7)),
        kind: "text".into(),
        published_at: date.checked_add(jiff::Span::new().days(1)).ok(),
        raw: format!("{text}\n(synthetic report {i})\n").into_bytes(),
        ..Default::default()
    }
}

/// Extracts every pending report of `run` on `threads` workers.
fn extract_pending(
    store: &Arc<dyn Store>,
    extractor: &Arc<vigie_extract::Extractor>,
    run: i64,
    threads: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let failed = AtomicU64::new(0);
    let errors = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for w in 0..threads {
            let (failed, errors) = (&failed, &errors);
            s.spawn(move || loop {
                let worker = format!("seed-{w}");
                match store.process_next(run, &worker, &mut |d| Ok(extractor.extract(&d.to_core())))
                {
                    Ok(Some(p)) => {
                        if matches!(p.outcome, ProcessOutcome::Failed { .. }) {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        if let Ok(mut v) = errors.lock() {
                            v.push(format!("worker {w}: {e}"));
                        }
                        break;
                    }
                }
            });
        }
    });
    let errors = errors.into_inner().unwrap_or_default();
    if !errors.is_empty() {
        return Err(errors.join("; ").into());
    }
    let f = failed.load(Ordering::Relaxed);
    if f > 0 {
        eprintln!("  {f} reports failed extraction (recorded as rejections)");
    }
    Ok(())
}
