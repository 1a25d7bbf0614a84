//! From paths to documents: files, directories (recursively), JSON Lines
//! (streamed), RSS/Atom feeds, HTML and text. Every input yields documents
//! or rejections with a reason; nothing is dropped silently.

use super::feed;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use vigie_core::{DocMeta, Document};
use vigie_text::input::{self, InputFormat, InputItem};

/// What one input produced.
#[derive(Debug)]
pub enum Item {
    Document(Document),
    Rejected {
        id: String,
        reason: String,
        size: Option<u64>,
    },
}

fn rejected(id: impl Into<String>, reason: impl Into<String>, size: Option<u64>) -> Item {
    Item::Rejected {
        id: id.into(),
        reason: reason.into(),
        size,
    }
}

/// Why a document's bytes are refused before storing, if they are.
pub fn refuse(raw: &[u8], max_bytes: usize) -> Option<String> {
    if raw.len() > max_bytes {
        return Some(format!(
            "too large: {} bytes (limit {max_bytes})",
            raw.len()
        ));
    }
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Some("empty document".to_string());
    }
    let head = &raw[..raw.len().min(8192)];
    if head.contains(&0) {
        return Some("binary content (NUL bytes): not a text, HTML or JSON report".to_string());
    }
    let control = head
        .iter()
        .filter(|b| b.is_ascii_control() && !b.is_ascii_whitespace())
        .count();
    if control * 10 > head.len() {
        return Some("binary content (control bytes): not a text, HTML or JSON report".to_string());
    }
    None
}

fn is_feed_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| {
            matches!(
                e.to_ascii_lowercase().as_str(),
                "rss" | "atom" | "xml" | "rdf"
            )
        })
        .unwrap_or(false)
}

/// Reads every input under `paths`, calling `each` per document or
/// rejection. `defaults` seeds text/HTML documents (source, published_at).
/// Errors only for a path that does not exist or cannot be listed.
pub fn read_all(
    paths: &[PathBuf],
    defaults: &DocMeta,
    max_bytes: usize,
    each: &mut dyn FnMut(Item),
) -> Result<(), vigie_text::input::InputError> {
    for path in input::walk(paths)? {
        read_one(&path, defaults, max_bytes, each);
    }
    Ok(())
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn read_one(path: &Path, defaults: &DocMeta, max_bytes: usize, each: &mut dyn FnMut(Item)) {
    if path.as_os_str() == "-" {
        match input::read_path(path, defaults, max_bytes) {
            Ok(items) => items
                .into_iter()
                .for_each(|i| each(from_input(i, max_bytes))),
            Err(e) => each(rejected("stdin", e.to_string(), None)),
        }
        return;
    }
    let name = display(path);
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => return each(rejected(name, format!("cannot read: {e}"), None)),
    };
    let mut head = Vec::with_capacity(2048);
    match std::fs::File::open(path) {
        Ok(f) => {
            if let Err(e) = f.take(2048).read_to_end(&mut head) {
                return each(rejected(name, format!("cannot read: {e}"), Some(size)));
            }
        }
        Err(e) => return each(rejected(name, format!("cannot read: {e}"), Some(size))),
    }
    let format = input::detect_format(Some(path), &head);

    if format == InputFormat::JsonLines {
        // Streamed: a JSON Lines batch may be far larger than memory wants.
        match std::fs::File::open(path) {
            Ok(f) => {
                for item in input::json_lines_reader(&name, BufReader::new(f), max_bytes) {
                    each(from_input(item, max_bytes));
                }
            }
            Err(e) => each(rejected(name, format!("cannot read: {e}"), Some(size))),
        }
        return;
    }

    if is_feed_path(path) || (format == InputFormat::Text && feed::looks_like_feed(&head)) {
        // A feed holds many documents: allow it many times the per-document limit.
        let limit = (max_bytes as u64).saturating_mul(64);
        if size > limit {
            return each(rejected(
                name,
                format!("feed too large: {size} bytes (limit {limit})"),
                Some(size),
            ));
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => return each(rejected(name, format!("cannot read: {e}"), Some(size))),
        };
        if feed::looks_like_feed(&bytes) {
            match feed::parse(&bytes) {
                Ok(f) if f.items.is_empty() => {
                    each(rejected(name, "feed has no items", Some(size)))
                }
                Ok(f) => {
                    for d in feed::documents(&name, &f) {
                        match d {
                            Ok(doc) => each(checked(doc, max_bytes)),
                            Err((id, reason)) => each(rejected(id, reason, None)),
                        }
                    }
                }
                Err(e) => each(rejected(name, e.to_string(), Some(size))),
            }
            return;
        }
        // An .xml file that is not a feed: treat as a plain document below.
    }

    if size > max_bytes as u64 {
        // Refused without reading it whole.
        return each(rejected(
            name,
            format!("too large: {size} bytes (limit {max_bytes})"),
            Some(size),
        ));
    }
    let mut meta = defaults.clone();
    meta.id = name.clone();
    match input::read_path(path, &meta, max_bytes) {
        Ok(items) => items
            .into_iter()
            .for_each(|i| each(from_input(i, max_bytes))),
        Err(e) => each(rejected(name, e.to_string(), Some(size))),
    }
}

fn from_input(item: InputItem, max_bytes: usize) -> Item {
    match item {
        InputItem::Document(d) => checked(d, max_bytes),
        InputItem::Rejected { id, reason } => rejected(id, reason, None),
    }
}

fn checked(doc: Document, max_bytes: usize) -> Item {
    match refuse(&doc.raw, max_bytes) {
        Some(reason) => rejected(doc.meta.id.clone(), reason, Some(doc.raw.len() as u64)),
        None => Item::Document(doc),
    }
}

#[cfg(test)]
mod tests {
    use super::refuse;

    #[test]
    fn refuses_empty_binary_and_large() {
        assert!(refuse(b"  \n", 100).unwrap().contains("empty"));
        assert!(refuse(b"ab\0cd", 100).unwrap().contains("binary"));
        assert!(refuse(&[b'a'; 101], 100).unwrap().contains("too large"));
        assert!(refuse("Des combats à Kidal.".as_bytes(), 100).is_none());
    }
}
