//! Who says what: attribution and modality.
//!
//! A claim ("X claimed", "aurait détruit", "allegedly") is not a fact. Every
//! event records who asserts it, through which words, and how.

use crate::span::Evidence;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How the report presents the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact by the report itself (or an official statement relayed as fact).
    Asserted,
    /// A party claims it, usually the perpetrator ("X claimed responsibility").
    Claimed,
    /// Relayed from sources ("selon des sources locales", "according to residents").
    Reported,
    /// Suspicion or accusation ("allegedly", "présumés", "suspected").
    Alleged,
    /// Someone denies it ("a démenti", "denied").
    Denied,
    /// Reported speech in the conditional ("aurait détruit", "would have").
    Conditional,
}

impl Modality {
    pub const ALL: &'static [Modality] = &[
        Modality::Asserted,
        Modality::Claimed,
        Modality::Reported,
        Modality::Alleged,
        Modality::Denied,
        Modality::Conditional,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Claimed => "claimed",
            Modality::Reported => "reported",
            Modality::Alleged => "alleged",
            Modality::Denied => "denied",
            Modality::Conditional => "conditional",
        }
    }

    pub fn from_key(s: &str) -> Option<Modality> {
        Modality::ALL
            .iter()
            .copied()
            .find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Modality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The attribution of an event (or of a figure).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub modality: Modality,
    /// Who asserts it, in the report's words normalised lightly
    /// ("communiqué of the FLA", "local sources").
    pub source: Option<String>,
    /// The attributing words ("selon un communiqué de l'armée …").
    pub source_cue: Option<Evidence>,
    /// The words that set the modality ("aurait", "claimed", "a démenti").
    pub modality_cue: Option<Evidence>,
}

impl Claim {
    pub fn asserted() -> Self {
        Claim {
            modality: Modality::Asserted,
            source: None,
            source_cue: None,
            modality_cue: None,
        }
    }
}

/// One reported figure (deaths, usually), with who gave it.
///
/// ACLED codes the most conservative figure; the others stay here, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureClaim {
    /// What is counted: "killed", "wounded", "abducted", "arrested", …
    pub what: String,
    /// The conservative value of this figure ("au moins 12" → 12; "une dizaine" → 10).
    pub value: u32,
    /// Upper bound when a range was given ("10 à 15").
    pub high: Option<u32>,
    /// Whether the figure was approximate ("about", "une dizaine", "plus de").
    pub approximate: bool,
    /// Who counted them, if the report says ("soldiers", "assailants", "civilians").
    pub victims: Option<String>,
    pub evidence: Evidence,
    pub claim: Claim,
}
