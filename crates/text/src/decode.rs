//! Bytes → text: detect the encoding, decode, and record what was done.
//!
//! French sites serve UTF-8, Windows-1252 or Latin-1, with or without a BOM,
//! sometimes with a wrong `charset`. The rule: a BOM wins; otherwise valid
//! UTF-8 is UTF-8; otherwise a declared charset (HTML `<meta charset>`) if it
//! decodes cleanly; otherwise Windows-1252 (the WHATWG superset of Latin-1).
//! Binary input (NUL bytes, many control characters) is refused.

use crate::offsets::OffsetMap;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use vigie_core::{ContentKind, Decoding};

/// Why bytes were refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty input")]
    Empty,
    #[error("binary data, not text ({0})")]
    Binary(String),
}

/// Decoded text with its map back to the original bytes.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// Text byte offset → original byte offset.
    pub map: OffsetMap,
    pub decoding: Decoding,
}

/// Decodes raw bytes. `kind` tells whether to look for an HTML charset.
pub fn decode(raw: &[u8], kind: ContentKind) -> Result<Decoded, DecodeError> {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(raw) {
        let body = &raw[bom_len..];
        let mut d = decode_with(enc, body, bom_len, kind);
        d.decoding.had_bom = true;
        d.decoding
            .notes
            .push(format!("byte-order mark for {}", enc.name()));
        check_not_binary(&d.text)?;
        return Ok(d);
    }
    if looks_binary(raw) {
        return Err(DecodeError::Binary(describe_binary(raw)));
    }
    if let Ok(text) = std::str::from_utf8(raw) {
        return Ok(Decoded {
            text: text.to_string(),
            map: OffsetMap::identity(raw.len(), 0),
            decoding: Decoding {
                encoding: "UTF-8".into(),
                kind,
                ..Default::default()
            },
        });
    }
    let mut notes = Vec::new();
    if kind == ContentKind::Html {
        if let Some(enc) = declared_charset(raw) {
            if enc != UTF_8 && enc != UTF_16LE && enc != UTF_16BE {
                let mut d = decode_with(enc, raw, 0, kind);
                if d.decoding.replacements == 0 {
                    d.decoding
                        .notes
                        .push(format!("charset {} declared in the HTML", enc.name()));
                    return Ok(d);
                }
                notes.push(format!(
                    "declared charset {} did not decode cleanly",
                    enc.name()
                ));
            } else {
                notes.push(format!(
                    "declared charset {} but the bytes are not valid UTF-8",
                    enc.name()
                ));
            }
        }
    }
    let mut d = decode_with(WINDOWS_1252, raw, 0, kind);
    notes.push("not valid UTF-8: decoded as windows-1252 (superset of Latin-1)".into());
    d.decoding.notes.extend(notes);
    Ok(d)
}

fn decode_with(enc: &'static Encoding, body: &[u8], shift: usize, kind: ContentKind) -> Decoded {
    // Decode char by char through the decoder so the map is exact.
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len() * 2);
    let mut builder = OffsetMap::builder(body.len() + shift);
    let mut replacements = 0usize;
    let mut src = 0usize;
    // Feed small chunks: one byte for single-byte encodings; for others feed
    // up to 4 bytes, recording a checkpoint at each output growth.
    let step = if enc == UTF_16LE || enc == UTF_16BE {
        2
    } else {
        1
    };
    while src < body.len() {
        let end = (src + step).min(body.len());
        let last = end == body.len();
        let before = text.len();
        let needed = decoder.max_utf8_buffer_length(end - src).unwrap_or(16);
        text.reserve(needed);
        let (_, read, had_errors) = decoder.decode_to_string(&body[src..end], &mut text, last);
        if had_errors {
            replacements += 1;
        }
        if text.len() > before {
            builder.checkpoint(before, src + shift);
        }
        src += read.max(1);
    }
    let len = text.len();
    Decoded {
        text,
        map: builder.finish(len),
        decoding: Decoding {
            encoding: enc.name().to_string(),
            replacements,
            kind,
            ..Default::default()
        },
    }
}

/// `<meta charset="…">` or `content="text/html; charset=…"` in the first 2 KB.
fn declared_charset(raw: &[u8]) -> Option<&'static Encoding> {
    let head = &raw[..raw.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let pos = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &lower[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

fn looks_binary(raw: &[u8]) -> bool {
    let sample = &raw[..raw.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > sample.len().max(1)
}

fn describe_binary(raw: &[u8]) -> String {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF file"),
        (b"PK\x03\x04", "a ZIP archive (docx/xlsx?)"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"\x7fELF", "an executable"),
        (b"SQLite format", "an SQLite database"),
    ];
    for (magic, what) in MAGIC {
        if raw.starts_with(magic) {
            return format!("looks like {what}");
        }
    }
    "contains NUL or control bytes".into()
}

fn check_not_binary(text: &str) -> Result<(), DecodeError> {
    if looks_binary(text.as_bytes()) {
        return Err(DecodeError::Binary(
            "control characters after decoding".into(),
        ));
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_identity() {
        let d = decode("Ségou, le 3 mars".as_bytes(), ContentKind::Text).unwrap();
        assert_eq!(d.decoding.encoding, "UTF-8");
        assert_eq!(d.map.map(3), 3);
    }

    #[test]
    fn utf8_bom_is_skipped_and_offsets_shift() {
        let mut raw = vec![0xEF, 0xBB, 0xBF];
        raw.extend_from_slice("Kidal".as_bytes());
        let d = decode(&raw, ContentKind::Text).unwrap();
        assert_eq!(d.text, "Kidal");
        assert!(d.decoding.had_bom);
        assert_eq!(d.map.map_range(0, 5), (3, 8));
    }

    #[test]
    fn windows_1252_decodes_and_maps() {
        // "armée à Ségou" in windows-1252
        let raw = b"arm\xe9e \xe0 S\xe9gou";
        let d = decode(raw, ContentKind::Text).unwrap();
        assert_eq!(d.text, "armée à Ségou");
        assert_eq!(d.decoding.encoding, "windows-1252");
        let start = d.text.find("Ségou").unwrap();
        let (s, e) = d.map.map_range(start, start + "Ségou".len());
        assert_eq!(&raw[s..e], b"S\xe9gou");
    }

    #[test]
    fn utf16_with_bom() {
        let mut raw = vec![0xFF, 0xFE];
        for u in "Gao".encode_utf16() {
            raw.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&raw, ContentKind::Text).unwrap();
        assert_eq!(d.text, "Gao");
        assert_eq!(d.map.map_range(1, 2), (4, 6));
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert!(matches!(
            decode(b"%PDF-1.4\x00\x01", ContentKind::Text),
            Err(DecodeError::Binary(_))
        ));
        assert_eq!(
            decode(b"  \n", ContentKind::Text).unwrap_err(),
            DecodeError::Empty
        );
    }

    #[test]
    fn html_declared_latin1() {
        let raw = b"<meta charset=\"iso-8859-1\"><p>Tombouctou \xe9t\xe9</p>";
        let d = decode(raw, ContentKind::Html).unwrap();
        assert!(d.text.contains("été"));
    }
}
