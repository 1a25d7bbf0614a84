//! Scores a hand-made fixture and checks every number against values worked
//! out by hand (see the comments). The fixture is invented (tests/fixtures).

use std::path::{Path, PathBuf};
use vigie_eval::report::{render_text, write_failures_csv};
use vigie_eval::{read_gold, read_predictions, EvalReport, Scorer, Targets};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn report(gold: &str) -> (EvalReport, vigie_eval::Scores) {
    let gold = read_gold(&fixture(gold), None).unwrap();
    let preds = read_predictions(&fixture("predictions.jsonl")).unwrap();
    let scorer = Scorer::with_shipped_data().unwrap();
    let scores = scorer.score(&gold, &preds.documents);
    (
        EvalReport::new(
            &gold,
            "fixture system",
            &scores,
            &Targets::shipped().unwrap(),
        ),
        scores,
    )
}

/// (correct, total, gold_total) of a field.
fn counts(r: &EvalReport, metric: &str) -> (u64, u64, u64) {
    let f = r
        .field(metric)
        .unwrap_or_else(|| panic!("no field {metric}"));
    (f.correct, f.total, f.gold_total)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 5e-5
}

#[test]
fn news_fixture_scores_match_hand_computation() {
    let (r, s) = report("news_gold.jsonl");
    // 3 gold events, 4 predicted. fx-fr-001: the attack pairs with the second
    // prediction and the strike with the first (cross pairs score 0.15 < 0.25);
    // fx-en-001 pairs; fx-fr-002's prediction has no gold: tp 3, fp 1, fn 0.
    assert_eq!((r.events.tp, r.events.fp, r.events.fn_), (3, 1, 0));
    assert_eq!(r.documents_nothing_predicted, 0);
    assert!(close(r.events.precision, 0.75));
    assert!(close(r.events.recall, 1.0));
    assert!(close(r.events.f1, 0.8571)); // 6/7
    assert_eq!(r.events.met, Some(true)); // news target F1 >= 0.70

    assert_eq!(counts(&r, "event_type.accuracy"), (3, 3, 3));
    assert_eq!(counts(&r, "sub_event_type.accuracy"), (3, 3, 3));
    // fx-en-001 swaps actor1/actor2: both slots wrong there.
    assert_eq!(counts(&r, "actor1.accuracy"), (2, 3, 3));
    assert_eq!(counts(&r, "actor2.accuracy"), (2, 3, 3));
    // fx-en-001's gold date is null (no publication date); predicting one is wrong.
    assert_eq!(counts(&r, "event_date.exact"), (2, 3, 3));
    assert_eq!(counts(&r, "event_date.within_precision"), (2, 3, 3));
    // Distances: strike 2.5 km, attack 22.2 km, clash 0 km.
    assert_eq!(counts(&r, "location.within_10km"), (2, 3, 3));
    assert_eq!(counts(&r, "location.within_25km"), (3, 3, 3));
    assert_eq!(counts(&r, "location.within_50km"), (3, 3, 3));
    assert_eq!(r.location_median_km, Some(2.5));
    // "Lere" = "Léré" (folding), "Timbuktu" = "Tombouctou" (data/eval equivalences).
    assert_eq!(counts(&r, "location.name"), (3, 3, 3));
    assert_eq!(counts(&r, "admin1.accuracy"), (3, 3, 3));
    assert_eq!(counts(&r, "admin2.accuracy"), (0, 0, 0));
    assert_eq!(counts(&r, "fatalities.exact"), (2, 3, 3)); // 4 vs 5
    assert_eq!(counts(&r, "fatalities.within_1"), (3, 3, 3));
    assert_eq!(counts(&r, "civilian_targeting.accuracy"), (3, 3, 3));
    assert_eq!(counts(&r, "claim.accuracy"), (1, 3, 3)); // reported≠asserted, asserted≠reported

    // Targets shown beside scores: sub_event_type 1.0 >= 0.80 met; date 0.667 < 0.90 missed.
    assert_eq!(r.field("sub_event_type.accuracy").unwrap().met, Some(true));
    assert_eq!(
        r.field("event_date.within_precision").unwrap().met,
        Some(false)
    );
    assert_eq!(r.field("actor1.accuracy").unwrap().target, None);

    // Toponyms: gold {kobou, timbuktu, lere} + {boni} (Mopti is not in the
    // text: 1 not in text); predicted adds gao in the no-event report: tp 4, fp 1, fn 0.
    assert_eq!((r.toponyms.tp, r.toponyms.fp, r.toponyms.fn_), (4, 1, 0));
    assert_eq!(r.toponyms_not_in_text, 1);
    assert!(close(r.toponyms.f1, 0.8889)); // 8/9
                                           // Actors: 3 + 2 gold actors all named; "Government of Mali" has no gold: tp 5, fp 1.
    assert_eq!((r.actors.tp, r.actors.fp, r.actors.fn_), (5, 1, 0));
    assert!(close(r.actors.f1, 0.9091)); // 10/11

    assert!(close(r.macro_f1["event_type"], 1.0));
    // Failures: 3 in fx-fr-001 (10 km, fatalities, claim), 5 in fx-en-001
    // (actor1, actor2, date exact, date within, claim), 1 unmatched prediction.
    assert_eq!(s.failures.len(), 9);
    let fields: Vec<&str> = s
        .failures
        .iter()
        .filter(|f| f.doc_id == "fx-en-001")
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(
        fields,
        vec![
            "actor1",
            "actor2",
            "event_date.exact",
            "event_date.within_precision",
            "claim"
        ]
    );
    assert!(s
        .failures
        .iter()
        .any(|f| f.doc_id == "fx-fr-002" && f.field == "event" && f.gold_event == 0));
}

#[test]
fn acled_fixture_scores_match_hand_computation() {
    let (r, s) = report("acled_gold.csv");
    assert_eq!(r.documents, 3);
    assert_eq!((r.events.tp, r.events.fp, r.events.fn_), (3, 0, 0));
    // The protest predicted as a riot still matches (date and place agree: 0.5).
    assert_eq!(counts(&r, "event_type.accuracy"), (2, 3, 3));
    assert_eq!(counts(&r, "sub_event_type.accuracy"), (2, 3, 3));
    // Islamic State (Sahel) matches "JNIM ... and/or Islamic State (Greater Sahara)"
    // (and/or + renaming); "(2015-2022)" matches the gold's "(2015-)"; Rioters ≠ Protesters.
    assert_eq!(counts(&r, "actor1.accuracy"), (2, 3, 3));
    assert_eq!(counts(&r, "actor2.accuracy"), (3, 3, 3));
    // 2019-05-04 vs 2019-05-02 at week precision (±3 days): not exact, within.
    assert_eq!(counts(&r, "event_date.exact"), (2, 3, 3));
    assert_eq!(counts(&r, "event_date.within_precision"), (3, 3, 3));
    assert_eq!(counts(&r, "location.within_25km"), (3, 3, 3));
    assert_eq!(counts(&r, "admin2.accuracy"), (3, 3, 3));
    assert_eq!(counts(&r, "fatalities.exact"), (3, 3, 3));
    // The export has no civilian_targeting column and ACLED has no claim: not scored.
    assert_eq!(counts(&r, "civilian_targeting.accuracy"), (0, 0, 0));
    assert_eq!(counts(&r, "claim.accuracy"), (0, 0, 0));
    // Macro-F1 over Battles 1, VAC 1, Protests 0, Riots 0 = 0.5 (same for sub-types).
    assert!(close(r.macro_f1["event_type"], 0.5));
    assert!(close(r.macro_f1["sub_event_type"], 0.5));
    let t = &r.confusion["event_type"];
    assert_eq!(
        t.gold,
        vec!["Battles", "Violence against civilians", "Protests"]
    );
    assert_eq!(
        t.predicted,
        vec!["Battles", "Violence against civilians", "Protests", "Riots"]
    );
    assert_eq!(t.rows[2], vec![0, 0, 0, 1]);
    // ACLED targets: event_type 0.667 < 0.90 missed; date 1.0 >= 0.95 met.
    assert_eq!(r.field("event_type.accuracy").unwrap().met, Some(false));
    assert_eq!(
        r.field("event_date.within_precision").unwrap().met,
        Some(true)
    );
    // Toponyms: Sahel, Est, Centre are not in the notes (3); Kadiogo missed: tp 5, fn 1.
    assert_eq!((r.toponyms.tp, r.toponyms.fp, r.toponyms.fn_), (5, 0, 1));
    assert_eq!(r.toponyms_not_in_text, 3);
    // Actors: TST3 Rioters for Protesters: tp 4, fp 1, fn 1.
    assert_eq!((r.actors.tp, r.actors.fp, r.actors.fn_), (4, 1, 1));
    assert_eq!(s.failures.len(), 4);

    let mut csv = Vec::new();
    write_failures_csv(&mut csv, "acled_gold.csv", &s.failures).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("set,doc_id,gold_event,predicted_event,field,gold,predicted\n"));
    assert!(
        csv.contains("acled_gold.csv,TST3,1,1,event_type,Protests,Riots\n"),
        "{csv}"
    );
    assert!(
        csv.contains("TST2,1,1,event_date.exact,2019-05-02,2019-05-04"),
        "{csv}"
    );
}

#[test]
fn same_input_same_output() {
    let (a, sa) = report("news_gold.jsonl");
    let (b, sb) = report("news_gold.jsonl");
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    assert_eq!(sa.failures, sb.failures);
    assert_eq!(render_text(&a), render_text(&b));
    let text = render_text(&a);
    assert!(text.contains("sub_event_type.accuracy"), "{text}");
    assert!(text.contains(">=0.80") && text.contains("MISSED"), "{text}");
}

#[test]
fn missing_columns_are_named() {
    let e = read_gold(&fixture("acled_missing_columns.csv"), None)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains(
            "missing column(s) event_date, year, event_type, sub_event_type, actor1, actor2, notes"
        ),
        "{e}"
    );
}

#[test]
fn documents_without_prediction_count_as_misses() {
    let gold = read_gold(&fixture("news_gold.jsonl"), None).unwrap();
    let scores = Scorer::with_shipped_data()
        .unwrap()
        .score(&gold, &Default::default());
    assert_eq!(scores.documents_without_prediction, 3);
    // fx-fr-002 has no gold event: only two documents missed something.
    assert_eq!(scores.documents_nothing_predicted, 2);
    assert_eq!(
        (scores.events.tp, scores.events.fp, scores.events.fn_),
        (0, 0, 3)
    );
    let r = EvalReport::new(&gold, "nothing", &scores, &Targets::shipped().unwrap());
    assert_eq!(counts(&r, "sub_event_type.accuracy"), (0, 0, 3));
    assert_eq!(r.field("sub_event_type.accuracy").unwrap().met, Some(false));
}

#[test]
fn the_date_ceiling_counts_wrong_dates_the_text_could_not_give() {
    let gold = read_gold(&fixture("news_gold.jsonl"), None).unwrap();
    let mut preds = read_predictions(&fixture("predictions.jsonl")).unwrap();
    let scorer = Scorer::with_shipped_data().unwrap();
    let targets = Targets::shipped().unwrap();
    // Saved predictions do not say where their dates came from: no ceiling.
    let plain = EvalReport::new(&gold, "x", &scorer.score(&gold, &preds.documents), &targets);
    assert_eq!(plain.date_ceiling, None);
    // fx-en-001's date is the wrong one (gold null): say it came from the
    // publication date, every other from the text.
    for (id, d) in preds.documents.iter_mut() {
        for e in &mut d.events {
            e.date_in_text = Some(id != "fx-en-001");
        }
    }
    let r = EvalReport::new(&gold, "x", &scorer.score(&gold, &preds.documents), &targets);
    let c = r.date_ceiling.clone().expect("a ceiling");
    assert_eq!((c.no_date_in_text, c.right_anyway), (1, 0));
    assert!(close(c.ceiling, 0.6667), "{c:?}"); // (3 - 1) / 3
    assert!(render_text(&r).contains("event_date.text_ceiling"));
}
