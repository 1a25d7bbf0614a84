//! Who says what, and how: attribution cues ("selon des sources locales",
//! "according to residents", "a revendiqué") and modality markers (the
//! French conditional "aurait détruit", "allegedly", "a démenti").
//!
//! Cues live in `data/lexicons/<lang>/attribution.tsv`: phrase, modality,
//! and a label for the kind of source. The coding stage refines the label
//! with an actor named near the cue ("communiqué of the FLA").

use vigie_core::Modality;

use crate::lexicon::{parse_tsv, Hit, PhraseSet, RawMatch};
use crate::ExtractError;

/// What an attribution cue says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueInfo {
    pub modality: Modality,
    /// The kind of source ("local sources", "communiqué"); empty for pure modality markers.
    pub label: Option<String>,
}

/// An attribution or modality cue found in folded text.
#[derive(Debug, Clone, Copy)]
pub struct Cue<'a> {
    pub start: usize,
    pub end: usize,
    pub info: &'a CueInfo,
}

/// The compiled attribution lexicon of one language.
#[derive(Debug)]
pub struct AttributionLexicon {
    set: PhraseSet<CueInfo>,
}

impl AttributionLexicon {
    pub fn from_tsv(file: &str, text: &str) -> Result<Self, ExtractError> {
        let mut items = Vec::new();
        for cols in parse_tsv(file, text, 2)? {
            let modality = Modality::from_key(cols[1]).ok_or_else(|| ExtractError::Lexicon {
                file: file.into(),
                message: format!("unknown modality {:?} for {:?}", cols[1], cols[0]),
            })?;
            let label = cols.get(2).filter(|l| !l.is_empty()).map(|l| l.to_string());
            items.push((cols[0].to_string(), CueInfo { modality, label }));
        }
        Ok(AttributionLexicon {
            set: PhraseSet::build(file, items)?,
        })
    }

    pub fn find<'a>(&'a self, folded: &str) -> Vec<Cue<'a>> {
        Self::hits(self.set.find(folded))
    }

    /// The folded phrases, for a [`crate::lexicon::PhraseScan`] with other lexicons.
    pub fn phrases(&self) -> &[String] {
        self.set.patterns()
    }

    /// [`Self::find`] from this lexicon's matches in a [`crate::lexicon::PhraseScan`].
    pub fn find_raw<'a>(&'a self, folded: &str, raw: &[RawMatch]) -> Vec<Cue<'a>> {
        Self::hits(self.set.select(folded, raw.iter().copied()))
    }

    fn hits<'a>(hits: Vec<Hit<'a, CueInfo>>) -> Vec<Cue<'a>> {
        hits.into_iter()
            .map(|h| Cue {
                start: h.start,
                end: h.end,
                info: h.payload,
            })
            .collect()
    }
}

/// When several modalities mark one event, the strongest reservation wins:
/// a denial over a conditional over a claim over an allegation over a report.
pub fn modality_rank(m: Modality) -> u8 {
    match m {
        Modality::Denied => 6,
        Modality::Conditional => 5,
        Modality::Claimed => 4,
        Modality::Alleged => 3,
        Modality::Reported => 2,
        Modality::Asserted => 1,
    }
}
