//! `vigie bench` runs end to end on a small corpus and reports every section
//! (no timing is asserted: speed is measured, not tested).

use assert_cmd::Command;
use std::path::PathBuf;

#[test]
fn bench_reports_every_section_as_json() {
    let corpus =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../eval/tests/fixtures/news_gold.jsonl");
    let out = Command::cargo_bin("vigie")
        .unwrap()
        .args([
            "bench",
            "--json",
            "--no-baseline",
            "--no-end-to-end",
            "--scale",
            "5,20",
            "--seconds",
            "0.05",
        ])
        .arg("--corpus")
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["corpus_documents"], 3);
    assert!(v["extraction_one_core"]["documents"].as_u64().unwrap() >= 3);
    let scale = v["scale"].as_array().unwrap();
    assert_eq!(scale.len(), 2);
    assert_eq!(scale[1]["documents"], 20);
    assert!(scale[1]["peak_rss_mb"].as_f64().unwrap() > 0.0);
    assert!(v["machine"].as_str().unwrap().contains("cores"));
}

#[test]
fn bench_refuses_a_missing_corpus() {
    Command::cargo_bin("vigie")
        .unwrap()
        .args(["bench", "--corpus", "/nonexistent/reports"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no such file or directory"));
}
