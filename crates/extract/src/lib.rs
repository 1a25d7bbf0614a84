//! # vigie-extract
//!
//! One report in, events + mentions + diagnostics out.
//!
//! ```text
//! Prepared text ─annotate─▶ hits of every lexicon (triggers, actors, dates, numbers,
//!               │           attribution, background, victims, toponyms → geocoder)
//!               ─frames───▶ sentences that carry a trigger, marked background or not
//!               ─assemble─▶ events (non-background frames grouped) + mentions
//!               ─code─────▶ ACLED records with evidence, claims and notes
//! ```
//!
//! Each stage is a module; each language's knowledge is a folder of data
//! files (`data/lexicons/<lang>/`) plus, where grammar needs code, a file per
//! language (`dates/fr.rs`, `numbers/en.rs`). The lexicons are compiled once
//! into automata when the [`Extractor`] is built.

pub mod actors;
pub mod annotate;
pub mod assemble;
pub mod attribution;
pub mod background;
pub mod coding;
pub mod dates;
pub mod lexicon;
pub mod notes;
pub mod numbers;
pub mod pack;
pub mod tokens;
pub mod toponyms;
pub mod triggers;
pub mod victims;

use std::sync::Arc;

use vigie_core::{Diagnostic, Document, DocumentExtraction, Geocoder, LanguageVerdict, Toponym};

use crate::actors::ActorLexicon;
use crate::assemble::Unit;
use crate::dates::era::Eras;
use crate::pack::LanguagePack;

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
    actors: ActorLexicon,
    eras: Eras,
    packs: Vec<LanguagePack>,
    lexicon_version: String,
    /// The day reports are read: no event is later. Today unless set.
    reference_date: Option<jiff::civil::Date>,
}

impl Extractor {
    /// Compiles every lexicon. Costs a few milliseconds: build once, reuse.
    pub fn new(geocoder: Arc<dyn Geocoder>) -> Result<Self, ExtractError> {
        let actors = ActorLexicon::embedded()?;
        let eras = Eras::embedded()?;
        let packs = lexicon::data::registry()
            .iter()
            .map(LanguagePack::compile)
            .collect::<Result<Vec<_>, _>>()?;
        let lexicon_version = format!(
            "{}+{}+{}",
            lexicon::data::version(),
            actors.version(),
            eras.version()
        );
        Ok(Extractor {
            geocoder,
            actors,
            eras,
            packs,
            lexicon_version,
            reference_date: None,
        })
    }

    /// Fixes the day reports are read (default: today, by the system
    /// clock). A year-less date with no publication date takes its year
    /// from a named weekday, never later than this day; pinning it makes
    /// runs reproducible years later.
    pub fn with_reference_date(mut self, date: jiff::civil::Date) -> Self {
        self.reference_date = Some(date);
        self
    }

    fn reference_date(&self) -> jiff::civil::Date {
        self.reference_date
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date())
    }

    pub fn versions(&self) -> ExtractorVersions {
        ExtractorVersions {
            engine: vigie_core::VIGIE_VERSION.to_string(),
            lexicons: self.lexicon_version.clone(),
            gazetteer: self.geocoder.version(),
        }
    }

    pub fn geocoder(&self) -> &Arc<dyn Geocoder> {
        &self.geocoder
    }

    /// Extracts the events and mentions of one document. Never panics on
    /// input: undecodable or unsupported documents come back with no events
    /// and a diagnostic saying why.
    pub fn extract(&self, doc: &Document) -> DocumentExtraction {
        let mut out = DocumentExtraction {
            doc_id: doc.meta.id.clone(),
            url: doc.meta.url.clone(),
            source: doc.meta.source.clone(),
            published_at: doc.meta.published_at,
            language: LanguageVerdict::Unsupported {
                detected: None,
                reason: "not decoded".into(),
            },
            decoding: Default::default(),
            events: Vec::new(),
            mentions: Vec::new(),
            toponyms: Vec::new(),
            diagnostics: Vec::new(),
        };
        let prepared = match vigie_text::prepare(doc) {
            Ok(p) => p,
            Err(e) => {
                out.diagnostics
                    .push(Diagnostic::error("undecodable", e.to_string()));
                return out;
            }
        };
        out.language = prepared.language.clone();
        out.decoding = prepared.decoding.clone();
        let Some(language) = prepared.language.language() else {
            if let LanguageVerdict::Unsupported { reason, .. } = &prepared.language {
                out.diagnostics.push(Diagnostic::warning(
                    "unsupported_language",
                    format!("not extracted: {reason}"),
                ));
            }
            return out;
        };
        let Some(pack) = self.packs.iter().find(|p| p.language == language) else {
            out.diagnostics.push(Diagnostic::warning(
                "unsupported_language",
                format!("no lexicons for {}", language.code()),
            ));
            return out;
        };
        let published = doc.meta.published_at;
        if published.is_none() {
            out.diagnostics.push(Diagnostic::info(
                "no_published_at",
                "no publication date: relative dates (\"hier\", \"Thursday\") and year-less dates cannot be resolved; their events have no date or a lower time precision",
            ));
        }
        let ann = annotate::annotate(
            &prepared,
            pack,
            &self.actors,
            &self.eras,
            self.geocoder.as_ref(),
            published,
            &|| self.reference_date(),
        );
        if ann.year_inferred {
            out.diagnostics.push(Diagnostic::info(
                "year_from_weekday",
                "no publication date: a year-less date took its year from its weekday (the first such year from the latest year the text writes, else the most recent one up to today)",
            ));
        }
        if let Some(era) = &ann.year_era {
            out.diagnostics.push(Diagnostic::info(
                "year_from_era",
                format!("no publication date: a year-less date took its year from the people and groups the report names, {era}"),
            ));
        }
        let published = ann.published;
        let frames = assemble::frames(&ann, &prepared.folded.text, published);
        let units = assemble::assemble(&ann, &frames);
        let coder = coding::Coder {
            prepared: &prepared,
            ann: &ann,
            frames: &frames,
            actors: &self.actors,
            published,
            doc_id: &doc.meta.id,
        };
        for unit in &units {
            match unit {
                Unit::Event(members) => {
                    if let Some(e) = coder.code_event(members, out.events.len() + 1) {
                        out.events.push(e);
                    }
                }
                Unit::Mention { frame, kind } => {
                    out.mentions.push(coder.code_mention(*frame, *kind))
                }
            }
        }
        // The coder is done with the annotations: their resolutions move
        // into the output rather than being cloned.
        out.toponyms = ann
            .topos
            .into_iter()
            .map(|t| Toponym {
                evidence: prepared.evidence(t.span.start, t.span.end),
                resolution: t.resolution,
            })
            .collect();
        out
    }
}
