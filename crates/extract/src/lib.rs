//! # vigie-extract
//!
//! One report in, events + mentions + diagnostics out. (Being built.)

use std::sync::Arc;
use vigie_core::{Document, DocumentExtraction, Geocoder};

/// Errors building the extractor (lexicon files that do not parse).
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("lexicon {file}: {message}")]
    Lexicon { file: String, message: String },
}

/// Versions recorded with each extraction run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExtractorVersions {
    pub engine: String,
    pub lexicons: String,
    pub gazetteer: String,
}

/// The extraction pipeline, built once (lexicons compiled to automata) and
/// shared across threads.
pub struct Extractor {
    geocoder: Arc<dyn Geocoder>,
}

impl Extractor {
    pub fn new(geocoder: Arc<dyn Geocoder>) -> Result<Self, ExtractError> {
        Ok(Extractor { geocoder })
    }

    pub fn versions(&self) -> ExtractorVersions {
        ExtractorVersions {
            engine: vigie_core::VIGIE_VERSION.to_string(),
            lexicons: String::new(),
            gazetteer: self.geocoder.version(),
        }
    }

    pub fn extract(&self, _doc: &Document) -> DocumentExtraction {
        unimplemented!("being built")
    }
}
