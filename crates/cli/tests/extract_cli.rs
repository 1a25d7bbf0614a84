//! `vigie extract` end to end: formats, bad inputs, batches with bad records.

use assert_cmd::Command;
use predicates::prelude::*;
use std::io::Write;

fn vigie() -> Command {
    Command::cargo_bin("vigie").expect("vigie binary")
}

const REPORT: &str =
    "Bamako, 12 mars 2024 — Des hommes armés ont attaqué dimanche le village de Diafarabé, \
dans le cercle de Ténenkou, tuant au moins sept civils, selon des sources locales.";

#[test]
fn missing_file_is_one_clear_line() {
    vigie()
        .args(["extract", "/nonexistent/report.txt"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("no such file")
                .and(predicate::function(|s: &str| s.trim().lines().count() == 1)),
        );
}

/// `vigie extract PATH` fails with `needle` on stderr.
fn refused(path: &std::path::Path, needle: &str) {
    vigie()
        .args(["extract"])
        .arg(path)
        .assert()
        .failure()
        .stderr(predicate::str::contains(needle));
}

#[test]
fn directory_binary_and_empty_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    refused(dir.path(), "is a directory");
    let bin = dir.path().join("scan.pdf");
    std::fs::write(&bin, b"%PDF-1.4\x00\x01\x02binary").unwrap();
    refused(&bin, "binary");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    refused(&empty, "empty");
}

#[test]
fn text_to_json_with_evidence() {
    let out = vigie()
        .args([
            "extract",
            "-",
            "--published-at",
            "2024-03-12",
            "--id",
            "diaf",
        ])
        .write_stdin(REPORT)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let doc = &v["documents"][0];
    assert_eq!(doc["doc_id"], "diaf");
    let ev = &doc["events"][0];
    assert_eq!(ev["sub_event_type"]["value"], "Attack");
    assert_eq!(ev["event_date"]["value"], "2024-03-10");
    assert_eq!(ev["fatalities"]["value"], 7);
    // Evidence spans index the input bytes.
    for e in ev["fatalities"]["evidence"].as_array().unwrap() {
        let (s, t) = (
            e["span"]["start"].as_u64().unwrap() as usize,
            e["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&REPORT[s..t], e["text"].as_str().unwrap());
    }
}

#[test]
fn acled_csv_has_acled_columns_then_vigie_columns() {
    let out = vigie()
        .args([
            "extract",
            "-",
            "--published-at",
            "2024-03-12",
            "--format",
            "acled-csv",
        ])
        .write_stdin(REPORT)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let mut r = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.len(), 35);
    assert_eq!(&header[..3], &["event_id_cnty", "event_date", "year"]);
    assert_eq!(
        &header[31..],
        &["claim", "source_cue", "doc_id", "confidence"]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][5], "Violence against civilians");
    assert_eq!(&rows[0][31], "reported");
}

#[test]
fn a_bad_record_never_stops_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("batch.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(
        f,
        "{}",
        serde_json::json!({"id": "good", "published_at": "2024-03-12", "text": REPORT})
    )
    .unwrap();
    writeln!(f, "{{not json").unwrap();
    writeln!(
        f,
        "{}",
        serde_json::json!({"id": "notext", "published_at": "2024-03-12"})
    )
    .unwrap();
    writeln!(f, "{}", serde_json::json!({"id": "good2", "text": "Les FAMa ont repoussé une attaque jihadiste le 3 mars 2024 à Boni."})).unwrap();
    drop(f);
    let assert = vigie()
        .args(["extract", "--format", "jsonl"])
        .arg(&path)
        .assert()
        .code(1);
    let out = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let err = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        out.contains("\"doc_id\":\"good\"") && out.contains("\"doc_id\":\"good2\""),
        "{out}"
    );
    assert!(
        err.contains("batch.jsonl:2") && err.contains("notext"),
        "{err}"
    );
}

#[test]
fn unsupported_language_is_reported_not_parsed() {
    let out = vigie()
        .args(["extract", "-"])
        .write_stdin("Am Sonntag griffen bewaffnete Männer das Dorf an und töteten nach Angaben der Behörden sieben Zivilisten.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let doc = &v["documents"][0];
    assert_eq!(doc["language"]["status"], "unsupported");
    assert!(doc["events"].as_array().unwrap().is_empty());
    assert!(doc["diagnostics"]
        .to_string()
        .contains("unsupported_language"));
}
