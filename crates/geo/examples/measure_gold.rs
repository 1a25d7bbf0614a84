//! Geocoding accuracy on the gold sets of `../shared/gold` (issue 4):
//!
//! ```text
//! cargo run -p vigie-geo --release --example measure_gold [-- --errors errors.tsv]
//! ```
//! * `acled_dev.csv`: each row's `location` is geocoded with its country and
//!   its admin1/admin2 as the document's admin mentions; reported: share
//!   resolved, within 10/25/50 km of ACLED's coordinates, admin1 and admin2
//!   agreement, geo_precision agreement; then toponym recognition by
//!   `knows()` on the notes.
//! * `news_dev.jsonl`: each coded event's `location`, with the country, admin1
//!   and the item's other coded locations as context; distance only where the
//!   coder gave coordinates, admin1 agreement everywhere.
//!
//! The gold data is third-party (ACLED terms, news copyright): it is read
//! from `../shared` and never copied into the repository.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Prints a block; a closed pipe (`| head`) ends the program quietly.
fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").is_err() {
        std::process::exit(0);
    }
}

fn run() -> Result<(), vigie_geo::GeoError> {
    let gold = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold");
    let mut args = std::env::args().skip(1);
    let mut errors = None;
    while let Some(a) = args.next() {
        if a == "--errors" {
            errors = args.next().map(PathBuf::from);
        }
    }
    let g = vigie_geo::Gazetteer::load_default()?;
    let acled = gold.join("acled_dev.csv");
    let s = vigie_geo::measure::acled_csv(&g, &acled, errors.as_deref())?;
    say(&s.table("acled_dev.csv"));
    let rec = vigie_geo::measure::recognition_acled(&g, &acled)?;
    say(&rec.table("acled_dev.csv notes"));
    let mut other: Vec<(&String, &usize)> = rec.other_spans.iter().collect();
    other.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let top: Vec<String> = other
        .iter()
        .take(40)
        .map(|(k, n)| format!("{k} ({n})"))
        .collect();
    say(&format!(
        "  most frequent other recognised spans: {}\n",
        top.join(", ")
    ));
    let news = vigie_geo::measure::news_jsonl(&g, &gold.join("news_dev.jsonl"))?;
    say(&news.table("news_dev.jsonl"));
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("measure_gold: {e}");
            ExitCode::FAILURE
        }
    }
}
