//! The news gold format: one JSON object per line,
//! `{id, lang, url, published_at, text, events: [...], notes}`.

use crate::coded::{non_empty, parse_date, CodedEvent, CodedEventRecord, GoldDocument};
use crate::error::{EvalError, Result};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Deserialize)]
struct NewsItem {
    id: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    published_at: Option<String>,
    text: String,
    #[serde(default)]
    events: Vec<CodedEventRecord>,
}

/// Parses every non-blank line; a bad line is an error naming it (a gold
/// file with a silently skipped line would give wrong scores).
pub fn parse(path: &Path, bytes: &[u8], limit: Option<usize>) -> Result<Vec<GoldDocument>> {
    let text =
        std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
            EvalError::Format {
                path: path.to_path_buf(),
                message: format!("not UTF-8: {e}"),
            }
        })?;
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if limit.is_some_and(|n| docs.len() >= n) {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| EvalError::Line {
            path: path.to_path_buf(),
            line: i + 1,
            message,
        };
        let item: NewsItem = serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        let published_at = match non_empty(item.published_at.as_deref()) {
            Some(s) => Some(parse_date(&s).map_err(|e| err(format!("published_at: {e}")))?),
            None => None,
        };
        let events = item
            .events
            .into_iter()
            .enumerate()
            .map(|(n, r)| CodedEvent::try_from(r).map_err(|e| err(format!("event {}: {e}", n + 1))))
            .collect::<Result<Vec<_>>>()?;
        docs.push(GoldDocument {
            id: item.id,
            text: item.text,
            published_at,
            language: non_empty(item.lang.as_deref()),
            events,
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_items_and_names_bad_lines() {
        let ok = "{\"id\":\"a\",\"text\":\"t\",\"published_at\":\"2021-01-02\",\"events\":[{\"sub_event_type\":\"Attack\"}]}\n\n{\"id\":\"b\",\"text\":\"u\",\"published_at\":null,\"events\":[]}\n";
        let d = parse(Path::new("g.jsonl"), ok.as_bytes(), None).unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].events.len(), 1);
        assert_eq!(d[1].published_at, None);
        assert_eq!(
            parse(Path::new("g.jsonl"), ok.as_bytes(), Some(1))
                .unwrap()
                .len(),
            1
        );

        let bad = "{\"id\":\"a\",\"text\":\"t\"}\n{\"id\":\"b\"}\n";
        let e = parse(Path::new("g.jsonl"), bad.as_bytes(), None)
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 2"), "{e}");
        let bad = "{\"id\":\"a\",\"text\":\"t\",\"events\":[{\"event_type\":\"Wars\"}]}\n";
        let e = parse(Path::new("g.jsonl"), bad.as_bytes(), None)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 1") && e.contains("event 1") && e.contains("Wars"),
            "{e}"
        );
    }
}
