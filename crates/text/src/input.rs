//! Reading inputs: a file, a directory, JSON Lines, HTML, or stdin → a stream
//! of documents and rejections. One bad record never stops the others: it
//! becomes a [`InputItem::Rejected`] with its id and reason.

use serde::Deserialize;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use vigie_core::{DocMeta, Document};

/// One input item: a document, or a rejection with its reason.
#[derive(Debug)]
pub enum InputItem {
    Document(Document),
    Rejected { id: String, reason: String },
}

/// Errors that stop reading a whole input (the path itself is unusable).
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{0}: no such file")]
    NotFound(PathBuf),
    #[error("{0}: is a directory (give a file, or use `vigie ingest` for directories)")]
    IsDirectory(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Html,
    JsonLines,
}

/// Default largest document accepted (bytes). Larger ones are rejected, not truncated.
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// A JSON Lines record: `{id, url, source, published_at, language?, title, text|html}`.
#[derive(Debug, Deserialize)]
struct JsonRecord {
    id: Option<serde_json::Value>,
    url: Option<String>,
    source: Option<String>,
    published_at: Option<String>,
    language: Option<String>,
    lang: Option<String>,
    title: Option<String>,
    text: Option<String>,
    html: Option<String>,
}

/// Guesses the format from the extension, then from the content.
pub fn detect_format(path: Option<&Path>, head: &[u8]) -> InputFormat {
    let ext = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("jsonl" | "ndjson") => return InputFormat::JsonLines,
        Some("html" | "htm" | "xhtml") => return InputFormat::Html,
        Some("txt" | "text" | "md") => return InputFormat::Text,
        _ => {}
    }
    let start: Vec<u8> = head
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .take(512)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if start.starts_with(b"{") {
        return InputFormat::JsonLines;
    }
    if start.starts_with(b"<!doctype html")
        || start.starts_with(b"<html")
        || start
            .windows(5)
            .any(|w| w == b"<body" || w == b"<div " || w == b"<p>\n")
    {
        return InputFormat::Html;
    }
    InputFormat::Text
}

/// Parses a `published_at` value: `YYYY-MM-DD`, or an RFC 3339 timestamp.
pub fn parse_date(s: &str) -> Option<jiff::civil::Date> {
    let s = s.trim();
    if let Ok(d) = s.parse::<jiff::civil::Date>() {
        return Some(d);
    }
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Some(jiff::tz::TimeZone::UTC.to_datetime(ts).date());
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        return Some(dt.date());
    }
    s.get(..10)
        .and_then(|p| p.parse::<jiff::civil::Date>().ok())
}

/// Reads one path (or `-` for stdin) into items. `meta` seeds documents
/// read from plain text or HTML (published_at, source from the command line).
pub fn read_path(
    path: &Path,
    meta: &DocMeta,
    max_bytes: usize,
) -> Result<Vec<InputItem>, InputError> {
    let is_stdin = path.as_os_str() == "-";
    let bytes = if is_stdin {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(max_bytes as u64 * 64 + 1)
            .read_to_end(&mut buf)
            .map_err(|source| InputError::Io {
                path: path.into(),
                source,
            })?;
        buf
    } else {
        let md = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => InputError::NotFound(path.into()),
            _ => InputError::Io {
                path: path.into(),
                source: e,
            },
        })?;
        if md.is_dir() {
            return Err(InputError::IsDirectory(path.into()));
        }
        std::fs::read(path).map_err(|source| InputError::Io {
            path: path.into(),
            source,
        })?
    };
    let name = if is_stdin {
        "stdin".to_string()
    } else {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "input".into())
    };
    let format = detect_format(if is_stdin { None } else { Some(path) }, &bytes);
    Ok(read_bytes(&name, bytes, format, meta, max_bytes))
}

/// Reads bytes of a known format into items.
pub fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    format: InputFormat,
    meta: &DocMeta,
    max_bytes: usize,
) -> Vec<InputItem> {
    match format {
        InputFormat::JsonLines => read_json_lines(name, &bytes, max_bytes),
        InputFormat::Text | InputFormat::Html => {
            let mut m = meta.clone();
            if m.id.is_empty() {
                m.id = name.to_string();
            }
            if bytes.len() > max_bytes {
                return vec![InputItem::Rejected {
                    id: m.id,
                    reason: format!("too large: {} bytes (limit {max_bytes})", bytes.len()),
                }];
            }
            let doc = if format == InputFormat::Html {
                Document::html(m, bytes)
            } else {
                Document::text(m, bytes)
            };
            vec![InputItem::Document(doc)]
        }
    }
}

fn read_json_lines(name: &str, bytes: &[u8], max_bytes: usize) -> Vec<InputItem> {
    let mut out = Vec::new();
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let lineno = n + 1;
        let fallback_id = format!("{name}:{lineno}");
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if line.len() > max_bytes {
            out.push(InputItem::Rejected {
                id: fallback_id,
                reason: format!("too large: {} bytes (limit {max_bytes})", line.len()),
            });
            continue;
        }
        let rec: JsonRecord = match serde_json::from_slice(line) {
            Ok(r) => r,
            Err(e) => {
                out.push(InputItem::Rejected {
                    id: fallback_id,
                    reason: format!("invalid JSON: {e}"),
                });
                continue;
            }
        };
        out.push(record_to_item(rec, fallback_id));
    }
    out
}

fn record_to_item(rec: JsonRecord, fallback_id: String) -> InputItem {
    let id = match rec.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    let published_at = match rec.published_at.as_deref() {
        None | Some("") => None,
        Some(s) => match parse_date(s) {
            Some(d) => Some(d),
            None => {
                return InputItem::Rejected {
                    id,
                    reason: format!("published_at {s:?} is not a date (want YYYY-MM-DD)"),
                }
            }
        },
    };
    let meta = DocMeta {
        id: id.clone(),
        url: rec.url,
        source: rec.source,
        published_at,
        language: rec.language.or(rec.lang),
        title: rec.title,
    };
    match (rec.text, rec.html) {
        (Some(t), _) if !t.trim().is_empty() => {
            InputItem::Document(Document::text(meta, t.into_bytes()))
        }
        (_, Some(h)) if !h.trim().is_empty() => {
            InputItem::Document(Document::html(meta, h.into_bytes()))
        }
        _ => InputItem::Rejected {
            id,
            reason: "record has no `text` or `html`".into(),
        },
    }
}

/// Every file under the given paths (directories walked recursively, sorted
/// for a deterministic order; hidden files skipped).
pub fn walk(paths: &[PathBuf]) -> Result<Vec<PathBuf>, InputError> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(p.clone());
            continue;
        }
        let md = std::fs::metadata(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => InputError::NotFound(p.clone()),
            _ => InputError::Io {
                path: p.clone(),
                source: e,
            },
        })?;
        if md.is_dir() {
            walk_dir(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn walk_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let rd = std::fs::read_dir(dir).map_err(|source| InputError::Io {
        path: dir.into(),
        source,
    })?;
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for e in entries {
        let hidden = e
            .file_name()
            .and_then(|n| n.to_str())
            .map(|n| n.starts_with('.'))
            .unwrap_or(false);
        if hidden {
            continue;
        }
        if e.is_dir() {
            walk_dir(&e, out)?;
        } else {
            out.push(e);
        }
    }
    Ok(())
}

/// Reads JSON Lines from any reader, streaming (for large batches).
pub fn json_lines_reader<R: BufRead>(
    name: &str,
    reader: R,
    max_bytes: usize,
) -> impl Iterator<Item = InputItem> {
    let name = name.to_string();
    reader
        .split(b'\n')
        .enumerate()
        .filter_map(move |(n, line)| {
            let fallback_id = format!("{name}:{}", n + 1);
            match line {
                Err(e) => Some(InputItem::Rejected {
                    id: fallback_id,
                    reason: format!("read error: {e}"),
                }),
                Ok(l) => {
                    let mut items = read_json_lines(&fallback_id, &l, max_bytes);
                    items.pop().map(|it| match it {
                        InputItem::Rejected { reason, .. } => InputItem::Rejected {
                            id: fallback_id,
                            reason,
                        },
                        doc => doc,
                    })
                }
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_bad_line_is_rejected_others_kept() {
        let data = b"{\"id\":\"a\",\"text\":\"Attaque \\u00e0 Gao.\",\"published_at\":\"2024-03-02\"}\nnot json\n{\"id\":\"c\"}\n{\"id\":\"d\",\"html\":\"<p>x</p>\",\"published_at\":\"2024-03-02T10:00:00Z\"}\n";
        let items = read_bytes(
            "f.jsonl",
            data.to_vec(),
            InputFormat::JsonLines,
            &DocMeta::default(),
            DEFAULT_MAX_BYTES,
        );
        assert_eq!(items.len(), 4);
        assert!(
            matches!(&items[0], InputItem::Document(d) if d.meta.id == "a" && d.meta.published_at.is_some())
        );
        assert!(matches!(&items[1], InputItem::Rejected { id, .. } if id == "f.jsonl:2"));
        assert!(
            matches!(&items[2], InputItem::Rejected { id, reason } if id == "c" && reason.contains("no `text`"))
        );
        assert!(
            matches!(&items[3], InputItem::Document(d) if d.kind == vigie_core::ContentKind::Html)
        );
    }

    #[test]
    fn too_large_is_rejected() {
        let items = read_bytes(
            "big.txt",
            vec![b'a'; 100],
            InputFormat::Text,
            &DocMeta::default(),
            10,
        );
        assert!(
            matches!(&items[0], InputItem::Rejected { reason, .. } if reason.contains("too large"))
        );
    }

    #[test]
    fn missing_and_directory_are_errors() {
        assert!(matches!(
            read_path(Path::new("/nonexistent/x.txt"), &DocMeta::default(), 10),
            Err(InputError::NotFound(_))
        ));
        assert!(matches!(
            read_path(Path::new("/tmp"), &DocMeta::default(), 10),
            Err(InputError::IsDirectory(_))
        ));
    }
}
