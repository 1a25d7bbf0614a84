//! One call from a [`Document`] to everything the extraction stages read:
//! clean text, its folded copy, sentences, language — and the maps back to
//! the original bytes.

use crate::decode::{decode, DecodeError};
use crate::fold::{fold, Folded};
use crate::offsets::OffsetMap;
use crate::segment::{sentences, Sentence};
use crate::{html, lang};
use vigie_core::{ContentKind, Decoding, Document, Evidence, LanguageVerdict, Span};

/// A document ready for the extraction stages.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The text the stages read (HTML cleaned, decoded).
    pub clean: String,
    /// Clean-text byte offset → original byte offset.
    pub to_original: OffsetMap,
    /// Lower-case, accent-free copy of `clean` for the automata.
    pub folded: Folded,
    pub sentences: Vec<Sentence>,
    pub language: LanguageVerdict,
    pub decoding: Decoding,
    /// The HTML `<title>` when the input was a page.
    pub title: Option<String>,
}

impl Prepared {
    /// Original-bytes span of a clean-text range.
    pub fn original_span(&self, start: usize, end: usize) -> Span {
        let (s, e) = self.to_original.map_range(start, end);
        Span::new(s, e)
    }

    /// Evidence for a clean-text range: original span + quoted clean text.
    pub fn evidence(&self, start: usize, end: usize) -> Evidence {
        let text = self.clean.get(start..end).unwrap_or_default();
        Evidence::new(self.original_span(start, end), text)
    }

    /// Clean-text range of a folded range.
    pub fn clean_range(&self, fstart: usize, fend: usize) -> (usize, usize) {
        self.folded.source_range(fstart, fend)
    }
}

/// Decodes, cleans, detects the language, segments and folds a document.
pub fn prepare(doc: &Document) -> Result<Prepared, DecodeError> {
    let decoded = decode(&doc.raw, doc.kind)?;
    let mut decoding = decoded.decoding;
    let (clean, to_original, title) = match doc.kind {
        ContentKind::Text => (decoded.text, decoded.map, None),
        ContentKind::Html => {
            let page = html::clean(&decoded.text);
            decoding.notes.extend(page.notes);
            let map = page.map.then(&decoded.map);
            (page.text, map, page.title)
        }
    };
    if clean.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let language = lang::detect(&clean, doc.meta.language.as_deref());
    let folded = fold(&clean);
    let sentences = sentences(&clean);
    Ok(Prepared {
        clean,
        to_original,
        folded,
        sentences,
        language,
        decoding,
        title,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_core::DocMeta;

    #[test]
    fn html_latin1_evidence_points_at_original_bytes() {
        let raw = b"<html><body><article><p>Des hommes arm\xe9s ont attaqu\xe9 le village de Di\xe9ma hier.</p></article></body></html>".to_vec();
        let doc = Document::html(DocMeta::default(), raw.clone());
        let p = prepare(&doc).unwrap();
        let at = p.clean.find("Diéma").unwrap();
        let ev = p.evidence(at, at + "Diéma".len());
        assert_eq!(ev.text, "Diéma");
        assert_eq!(&raw[ev.span.start..ev.span.end], b"Di\xe9ma");
    }
}
