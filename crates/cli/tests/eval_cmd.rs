//! `vigie eval` end to end on the hand-made fixture of vigie-eval
//! (crates/eval/tests/fixtures), scoring its predictions file.

use assert_cmd::Command;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../eval/tests/fixtures")
        .join(name)
}

fn vigie() -> Command {
    Command::cargo_bin("vigie").expect("vigie binary")
}

#[test]
fn json_scores_match_the_fixture() {
    let out = vigie()
        .args(["eval", "--json", "--predictions"])
        .arg(fixture("predictions.jsonl"))
        .arg(fixture("news_gold.jsonl"))
        .arg(fixture("acled_gold.csv"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["set"], "news_gold");
    assert_eq!(v[0]["report"]["events"]["f1"], 0.8571);
    assert_eq!(v[1]["set"], "acled_gold");
    let fields = v[1]["report"]["fields"].as_array().unwrap();
    let et = fields
        .iter()
        .find(|f| f["metric"] == "event_type.accuracy")
        .unwrap();
    assert_eq!(
        (et["correct"].as_u64(), et["total"].as_u64()),
        (Some(2), Some(3))
    );
    assert_eq!(et["target"], 0.9);
    assert_eq!(et["met"], false);
    // No timing unless asked: the output is the same on every run.
    assert!(v[0]["report"].get("run").is_none());
}

#[test]
fn failures_csv_and_results_dir() {
    let dir = tempfile::tempdir().unwrap();
    let failures = dir.path().join("f.csv");
    let results = dir.path().join("results");
    vigie()
        .args(["eval", "--predictions"])
        .arg(fixture("predictions.jsonl"))
        .arg("--baseline")
        .arg(fixture("predictions.jsonl"))
        .arg("--failures")
        .arg(&failures)
        .arg("--write-results")
        .arg(&results)
        .arg(fixture("news_gold.jsonl"))
        .arg(fixture("acled_gold.csv"))
        .assert()
        .success()
        .stdout(predicates::str::contains("vigie vs baseline"));
    let csv = std::fs::read_to_string(&failures).unwrap();
    assert_eq!(csv.lines().filter(|l| l.starts_with("set,")).count(), 1);
    assert_eq!(csv.lines().count(), 1 + 9 + 4);
    for f in [
        "news_gold.json",
        "acled_gold.json",
        "acled_gold.baseline.json",
        "summary.md",
        "throughput.md",
    ] {
        assert!(results.join(f).exists(), "{f}");
    }
    let summary = std::fs::read_to_string(results.join("summary.md")).unwrap();
    assert!(summary.contains("≥ 0.90 **missed**"), "{summary}");
}

#[test]
fn a_csv_without_acled_columns_is_a_clear_error() {
    vigie()
        .args(["eval", "--predictions"])
        .arg(fixture("predictions.jsonl"))
        .arg(fixture("acled_missing_columns.csv"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "missing column(s) event_date, year",
        ));
}

#[test]
fn runs_the_real_extractor_on_every_document() {
    let out = vigie()
        .args(["eval", "--json", "-j", "2"])
        .arg(fixture("news_gold.jsonl"))
        .arg(fixture("acled_gold.csv"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for set in v.as_array().unwrap() {
        let r = &set["report"];
        assert_eq!(r["documents_failed"], 0, "{}", set["set"]);
        assert_eq!(r["documents_without_prediction"], 0, "{}", set["set"]);
        assert!(r["system"].as_str().unwrap().starts_with("vigie "));
    }
}
