//! Reading gold files: the news JSON Lines format and ACLED export CSVs.
//!
//! The format is chosen by extension (`.jsonl`, `.ndjson`, `.json` / `.csv`)
//! and, for any other name, by the first non-blank byte (`{` = JSON Lines).

pub mod acled_csv;
pub mod news;

use crate::coded::GoldDocument;
use crate::error::{EvalError, Result};
use serde::Serialize;
use std::path::Path;

/// The gold formats vigie reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GoldFormat {
    /// One JSON object per line: `{id, text, published_at, events: [...]}`.
    NewsJsonl,
    /// ACLED export columns; `notes` is the input text, the row its one event.
    AcledCsv,
}

impl GoldFormat {
    /// The set kind used to pick targets (`data/eval/targets.tsv`).
    pub fn set_kind(self) -> &'static str {
        match self {
            GoldFormat::NewsJsonl => "news",
            GoldFormat::AcledCsv => "acled",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            GoldFormat::NewsJsonl => "news JSON Lines",
            GoldFormat::AcledCsv => "ACLED export CSV (notes as input)",
        }
    }
}

/// A gold file, read whole.
#[derive(Debug, Clone)]
pub struct GoldSet {
    /// File name, as given.
    pub name: String,
    pub format: GoldFormat,
    pub documents: Vec<GoldDocument>,
}

impl GoldSet {
    pub fn event_count(&self) -> usize {
        self.documents.iter().map(|d| d.events.len()).sum()
    }
}

/// Picks the format from the extension, else from the content.
pub fn detect_format(path: &Path, head: &[u8]) -> GoldFormat {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "jsonl" | "ndjson" | "json" => GoldFormat::NewsJsonl,
        "csv" => GoldFormat::AcledCsv,
        _ => {
            let first = head
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(head)
                .iter()
                .find(|b| !b.is_ascii_whitespace());
            if first == Some(&b'{') {
                GoldFormat::NewsJsonl
            } else {
                GoldFormat::AcledCsv
            }
        }
    }
}

/// Reads a gold file in either format; `limit` keeps the first N documents.
pub fn read_gold(path: &Path, limit: Option<usize>) -> Result<GoldSet> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let format = detect_format(path, &bytes[..bytes.len().min(4096)]);
    let documents = match format {
        GoldFormat::NewsJsonl => news::parse(path, &bytes, limit)?,
        GoldFormat::AcledCsv => acled_csv::parse(path, &bytes, limit)?,
    };
    let mut seen = std::collections::BTreeSet::new();
    for d in &documents {
        if !seen.insert(d.id.as_str()) {
            return Err(EvalError::Format {
                path: path.to_path_buf(),
                message: format!("document id {:?} appears twice", d.id),
            });
        }
    }
    Ok(GoldSet {
        name: path.display().to_string(),
        format,
        documents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_by_extension_then_content() {
        assert_eq!(
            detect_format(Path::new("a.jsonl"), b""),
            GoldFormat::NewsJsonl
        );
        assert_eq!(
            detect_format(Path::new("a.CSV"), b"{"),
            GoldFormat::AcledCsv
        );
        assert_eq!(
            detect_format(Path::new("a.txt"), b"\xEF\xBB\xBF  {\"id\""),
            GoldFormat::NewsJsonl
        );
        assert_eq!(
            detect_format(Path::new("gold"), b"event_date,notes"),
            GoldFormat::AcledCsv
        );
    }
}
