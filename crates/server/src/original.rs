//! A report's text for display, with the map the dashboard needs to place
//! evidence on it.
//!
//! Evidence spans are byte offsets into the original input. The dashboard
//! shows the text vigie read (decoded; for HTML, the cleaned article) and
//! indexes it in UTF-16 code units, as JavaScript does. `anchors` are sorted
//! `(original byte, UTF-16 offset)` pairs: between two anchors, one byte
//! advances one code unit. An anchor is written wherever that stops being
//! true (multi-byte characters, a skipped BOM, dropped HTML markup), so
//! plain ASCII costs nothing and any encoding vigie-text decodes is covered.

use serde::Serialize;
use utoipa::ToSchema;
use vigie_core::Document;

#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct OriginalText {
    /// The text as vigie read it (decoded; cleaned when the input was HTML).
    pub text: String,
    /// The encoding of the original bytes (`UTF-8`, `windows-1252`, …).
    pub encoding: String,
    /// `text` or `html`: for HTML, `text` is the cleaned article.
    pub kind: String,
    /// `[original byte offset, UTF-16 offset in text]`, sorted.
    pub anchors: Vec<[usize; 2]>,
}

/// Decodes (and cleans) a document as the extractor does. `None` when the
/// bytes are not text at all (the extraction says why).
pub fn original_text(doc: &Document) -> Option<OriginalText> {
    let prepared = vigie_text::prepare(doc).ok()?;
    let mut anchors = Vec::new();
    let mut utf16 = 0usize;
    let mut predicted: Option<usize> = None;
    for (i, ch) in prepared.clean.char_indices() {
        let orig = prepared.to_original.map(i);
        if predicted != Some(orig) {
            anchors.push([orig, utf16]);
        }
        utf16 += ch.len_utf16();
        predicted = Some(orig + ch.len_utf16());
    }
    let end = prepared.to_original.map(prepared.clean.len());
    if predicted != Some(end) {
        anchors.push([end, utf16]);
    }
    Some(OriginalText {
        text: prepared.clean,
        encoding: prepared.decoding.encoding.clone(),
        kind: match doc.kind {
            vigie_core::ContentKind::Text => "text".into(),
            vigie_core::ContentKind::Html => "html".into(),
        },
        anchors,
    })
}

/// The UTF-16 offset of an original byte offset (what the dashboard computes).
pub fn utf16_of(text: &OriginalText, byte: usize) -> usize {
    let idx = text.anchors.partition_point(|a| a[0] <= byte);
    let (b0, u0) = if idx == 0 {
        (0, 0)
    } else {
        (text.anchors[idx - 1][0], text.anchors[idx - 1][1])
    };
    let mut u = u0 + byte.saturating_sub(b0);
    if let Some(next) = text.anchors.get(idx) {
        u = u.min(next[1]);
    }
    u.min(text.text.encode_utf16().count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_core::DocMeta;

    fn slice16(t: &OriginalText, a: usize, b: usize) -> String {
        let units: Vec<u16> = t.text.encode_utf16().collect();
        String::from_utf16_lossy(&units[utf16_of(t, a)..utf16_of(t, b)])
    }

    #[test]
    fn utf8_offsets_land_on_the_same_words() {
        let raw = "Le 24 octobre, l’armée a frappé Kidal.";
        let doc = Document::text(DocMeta::default(), raw.as_bytes().to_vec());
        let t = original_text(&doc).expect("decodes");
        let start = raw.find("Kidal").expect("present");
        assert_eq!(slice16(&t, start, start + 5), "Kidal");
        let s = raw.find("frappé").expect("present");
        assert_eq!(slice16(&t, s, s + "frappé".len()), "frappé");
    }

    #[test]
    fn windows_1252_offsets_land_on_the_same_words() {
        // "Frappe à Léré" in windows-1252: one byte per character.
        let raw: Vec<u8> = b"Frappe \xe0 L\xe9r\xe9 hier".to_vec();
        let doc = Document::text(DocMeta::default(), raw.clone());
        let t = original_text(&doc).expect("decodes");
        assert_eq!(slice16(&t, 9, 13), "Léré");
    }

    #[test]
    fn bom_is_skipped() {
        let mut raw = vec![0xEF, 0xBB, 0xBF];
        raw.extend_from_slice("Attaque à Gao.".as_bytes());
        let doc = Document::text(DocMeta::default(), raw.clone());
        let t = original_text(&doc).expect("decodes");
        let start = 3 + "Attaque à ".len();
        assert_eq!(slice16(&t, start, start + 3), "Gao");
    }
}
