//! Geocoding accuracy on the gold sets (issue 4). Reads `../shared/gold`
//! (third-party data, never copied into the repository); when it is absent
//! the test says so and passes. Prints the figures (`--nocapture`) and fails
//! if they fall below floors set a little under the measured values, so a
//! regression shows.
use std::path::PathBuf;

fn gold_dir() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold");
    p.join("acled_dev.csv").is_file().then_some(p)
}

#[test]
fn acled_dev_geocoding_figures() {
    let Some(dir) = gold_dir() else {
        eprintln!("../shared/gold absent: gold geocoding figures skipped");
        return;
    };
    let g = vigie_geo::shared();
    let s = vigie_geo::measure::acled_csv(&g, &dir.join("acled_dev.csv"), None)
        .expect("acled_dev.csv readable");
    eprintln!("{}", s.table("acled_dev.csv"));
    assert!(s.rows > 5000, "{s:?}");
    assert!(
        s.share_within_25km() >= 0.83,
        "within 25 km fell to {:.3}",
        s.share_within_25km()
    );
    assert!(
        s.admin1_agreement() >= 0.89,
        "admin1 agreement fell to {:.3}",
        s.admin1_agreement()
    );
}

#[test]
fn news_dev_geocoding_figures() {
    let Some(dir) = gold_dir() else {
        eprintln!("../shared/gold absent: gold geocoding figures skipped");
        return;
    };
    let g = vigie_geo::shared();
    let s = vigie_geo::measure::news_jsonl(&g, &dir.join("news_dev.jsonl"))
        .expect("news_dev.jsonl readable");
    eprintln!("{}", s.table("news_dev.jsonl"));
    assert!(s.rows > 90, "{s:?}");
    assert!(
        s.share_within_25km() >= 0.9,
        "within 25 km fell to {:.3}",
        s.share_within_25km()
    );
    assert!(
        s.admin1_agreement() >= 0.85,
        "admin1 agreement fell to {:.3}",
        s.admin1_agreement()
    );
}
