//! The predictions file: how any system (vigie, the spaCy baseline in
//! `eval/peers/`, a user's own) hands its output to the scorer.
//!
//! JSON Lines. An optional first line `{"meta": {...}}` says which system ran
//! and how long it took; every other line is one document:
//! `{"doc_id": "...", "events": [<gold event objects>], "toponyms": ["Gao"],
//!   "actors": ["JNIM: ..."], "failure": null}`.

use crate::coded::{CodedEvent, CodedEventRecord, PredictedDocument};
use crate::error::{EvalError, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Who produced the predictions and how fast.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunMeta {
    /// System name and version ("spaCy 3.8.18 + keyword baseline").
    pub system: String,
    pub documents: u64,
    /// Input bytes processed.
    pub bytes: u64,
    /// Wall-clock seconds for the whole run (models loaded beforehand).
    pub seconds: f64,
    /// Threads/processes used.
    pub workers: u32,
}

impl RunMeta {
    pub fn docs_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.documents as f64 / self.seconds
        } else {
            0.0
        }
    }
    pub fn mb_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct MetaLine {
    meta: RunMeta,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct DocLine {
    doc_id: String,
    events: Vec<CodedEventRecord>,
    toponyms: Vec<String>,
    actors: Vec<String>,
    failure: Option<String>,
}

/// A predictions file, read whole.
#[derive(Debug, Clone, Default)]
pub struct Predictions {
    pub meta: Option<RunMeta>,
    pub documents: BTreeMap<String, PredictedDocument>,
}

/// Reads a predictions file; a bad line is an error naming it.
pub fn read_predictions(path: &Path) -> Result<Predictions> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Predictions::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| EvalError::Line {
            path: path.to_path_buf(),
            line: i + 1,
            message,
        };
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        if value.get("meta").is_some() {
            let m: MetaLine = serde_json::from_value(value).map_err(|e| err(e.to_string()))?;
            out.meta = Some(m.meta);
            continue;
        }
        let d: DocLine = serde_json::from_value(value).map_err(|e| err(e.to_string()))?;
        if d.doc_id.is_empty() {
            return Err(err("missing doc_id".into()));
        }
        let events = d
            .events
            .into_iter()
            .enumerate()
            .map(|(n, r)| CodedEvent::try_from(r).map_err(|e| err(format!("event {}: {e}", n + 1))))
            .collect::<Result<Vec<_>>>()?;
        let doc = PredictedDocument {
            doc_id: d.doc_id.clone(),
            events,
            toponyms: d.toponyms,
            actors: d.actors,
            failure: d.failure,
        };
        if out.documents.insert(d.doc_id.clone(), doc).is_some() {
            return Err(err(format!("doc_id {:?} appears twice", d.doc_id)));
        }
    }
    Ok(out)
}

/// Writes predictions in the same format (meta line first when given).
pub fn write_predictions<'a>(
    mut w: impl Write,
    meta: Option<&RunMeta>,
    docs: impl IntoIterator<Item = &'a PredictedDocument>,
) -> std::io::Result<()> {
    if let Some(m) = meta {
        serde_json::to_writer(&mut w, &MetaLine { meta: m.clone() })?;
        w.write_all(b"\n")?;
    }
    for d in docs {
        let line = DocLine {
            doc_id: d.doc_id.clone(),
            events: d.events.iter().map(CodedEventRecord::from).collect(),
            toponyms: d.toponyms.clone(),
            actors: d.actors.clone(),
            failure: d.failure.clone(),
        };
        serde_json::to_writer(&mut w, &line)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_then_read() {
        let doc = PredictedDocument {
            doc_id: "d1".into(),
            events: vec![CodedEvent {
                fatalities: Some(2),
                ..Default::default()
            }],
            toponyms: vec!["Gao".into()],
            actors: vec![],
            failure: None,
        };
        let meta = RunMeta {
            system: "x".into(),
            documents: 1,
            bytes: 10,
            seconds: 0.5,
            workers: 1,
        };
        let mut buf = Vec::new();
        write_predictions(&mut buf, Some(&meta), [&doc]).unwrap();
        let dir = std::env::temp_dir().join(format!("vigie-eval-pred-{}", std::process::id()));
        std::fs::write(&dir, &buf).unwrap();
        let p = read_predictions(&dir).unwrap();
        std::fs::remove_file(&dir).ok();
        assert_eq!(p.meta, Some(meta));
        assert_eq!(p.documents["d1"], doc);
    }
}
