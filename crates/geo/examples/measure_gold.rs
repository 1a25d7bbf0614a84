//! Geocoding accuracy on the gold sets of `../shared/gold` (issue 4):
//!
//! ```text
//! cargo run -p vigie-geo --release --example measure_gold [-- --errors errors.tsv]
//! ```
//! * `acled_dev.csv`: each row's `location` is geocoded with its country and
//!   its admin1/admin2 as the document's admin mentions; reported: share
//!   resolved, within 10/25/50 km of ACLED's coordinates, admin1 and admin2
//!   agreement, geo_precision agreement.
//! * `news_dev.jsonl`: each coded event's `location`, with the country and the
//!   item's other coded locations as context; distance only where the coder
//!   gave coordinates, admin1 agreement everywhere.
//!
//! The gold data is third-party (ACLED terms, news copyright): it is read
//! from `../shared` and never copied into the repository.
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let gold = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold");
    let mut args = std::env::args().skip(1);
    let mut errors = None;
    while let Some(a) = args.next() {
        if a == "--errors" {
            errors = args.next().map(PathBuf::from);
        }
    }
    let g = match vigie_geo::Gazetteer::load_default() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("measure_gold: {e}");
            return ExitCode::FAILURE;
        }
    };
    match vigie_geo::measure::acled_csv(&g, &gold.join("acled_dev.csv"), errors.as_deref()) {
        Ok(s) => println!("{}", s.table("acled_dev.csv")),
        Err(e) => {
            eprintln!("measure_gold: {e}");
            return ExitCode::FAILURE;
        }
    }
    match vigie_geo::measure::recognition_acled(&g, &gold.join("acled_dev.csv")) {
        Ok(s) => {
            println!("{}", s.table("acled_dev.csv notes"));
            let mut other: Vec<(&String, &usize)> = s.other_spans.iter().collect();
            other.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let top: Vec<String> = other
                .iter()
                .take(40)
                .map(|(k, n)| format!("{k} ({n})"))
                .collect();
            println!(
                "  most frequent other recognised spans: {}\n",
                top.join(", ")
            );
        }
        Err(e) => {
            eprintln!("measure_gold: {e}");
            return ExitCode::FAILURE;
        }
    }
    match vigie_geo::measure::news_jsonl(&g, &gold.join("news_dev.jsonl")) {
        Ok(s) => println!("{}", s.table("news_dev.jsonl")),
        Err(e) => {
            eprintln!("measure_gold: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
