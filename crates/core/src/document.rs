//! Documents as they arrive, and what decoding and language detection said.

use serde::{Deserialize, Serialize};

/// What is known about a document besides its bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// Caller's id (JSON Lines `id`), or a name derived from the file.
    pub id: String,
    pub url: Option<String>,
    /// Publisher or outlet (e.g. "AFP", "Sahel Tribune").
    pub source: Option<String>,
    /// Publication date: the anchor for relative dates ("hier", "last week").
    pub published_at: Option<jiff::civil::Date>,
    /// A language the caller asserts (`fr`, `en`, …); detection still runs.
    pub language: Option<String>,
    pub title: Option<String>,
}

/// Whether the input was plain text or HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ContentKind {
    #[default]
    Text,
    Html,
}

/// A document: metadata plus its untouched bytes. Spans index `raw`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub meta: DocMeta,
    #[serde(skip)]
    pub raw: Vec<u8>,
    pub kind: ContentKind,
}

impl Document {
    pub fn text(meta: DocMeta, raw: impl Into<Vec<u8>>) -> Self {
        Document {
            meta,
            raw: raw.into(),
            kind: ContentKind::Text,
        }
    }
    pub fn html(meta: DocMeta, raw: impl Into<Vec<u8>>) -> Self {
        Document {
            meta,
            raw: raw.into(),
            kind: ContentKind::Html,
        }
    }
}

/// The languages vigie extracts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fr,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }
    pub fn from_code(code: &str) -> Option<Language> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" | "french" => Some(Language::Fr),
            "en" | "eng" | "english" => Some(Language::En),
            _ => None,
        }
    }
}

/// The result of language detection for one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum LanguageVerdict {
    Supported {
        language: Language,
        confidence: f32,
    },
    /// Another language (or none): the document is not parsed as fr/en.
    Unsupported {
        detected: Option<String>,
        reason: String,
    },
}

impl LanguageVerdict {
    pub fn language(&self) -> Option<Language> {
        match self {
            LanguageVerdict::Supported { language, .. } => Some(*language),
            LanguageVerdict::Unsupported { .. } => None,
        }
    }
}

/// What decoding did to the bytes, recorded so a reader can audit it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decoding {
    /// The encoding used (`UTF-8`, `windows-1252`, …).
    pub encoding: String,
    pub had_bom: bool,
    /// Bytes that did not decode were replaced by U+FFFD.
    pub replacements: usize,
    pub kind: ContentKind,
    /// Free-form notes ("no charset declared; chose windows-1252 because …").
    pub notes: Vec<String>,
}
