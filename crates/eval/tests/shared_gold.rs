//! The real gold sets in ../shared/gold parse whole (when ../shared is present).

use std::path::{Path, PathBuf};
use vigie_eval::{read_gold, GoldFormat, Scorer};

fn shared_gold() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "note: {} absent; skipping the shared gold test",
            p.display()
        );
        None
    }
}

#[test]
fn shared_gold_sets_parse_whole() {
    let Some(dir) = shared_gold() else { return };
    let acled = read_gold(&dir.join("acled_dev.csv"), None).unwrap();
    assert_eq!(acled.format, GoldFormat::AcledCsv);
    assert_eq!(acled.documents.len(), 5573);
    assert!(acled
        .documents
        .iter()
        .all(|d| d.published_at.is_some() && d.events.len() == 1));
    let news = read_gold(&dir.join("news_dev.jsonl"), None).unwrap();
    assert_eq!(news.documents.len(), 89);
    assert_eq!(news.event_count(), 106);

    // Gold scored against itself is perfect on every coded field: the rules
    // accept what they must.
    let scorer = Scorer::with_shipped_data().unwrap();
    for set in [&acled, &news] {
        let preds = set
            .documents
            .iter()
            .map(|d| {
                let p = vigie_eval::PredictedDocument {
                    doc_id: d.id.clone(),
                    events: d.events.clone(),
                    ..Default::default()
                };
                (d.id.clone(), p)
            })
            .collect();
        let s = scorer.score(set, &preds);
        assert_eq!(s.events.fp + s.events.fn_, 0, "{}", set.name);
        for (name, t) in &s.fields {
            assert_eq!(t.matched.correct, t.matched.total, "{} {name}", set.name);
            assert_eq!(t.matched.total, t.gold_total, "{} {name}", set.name);
        }
    }
}
