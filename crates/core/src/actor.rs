//! Actors normalised to ACLED's canonical names.

use crate::taxonomy::Inter;
use serde::{Deserialize, Serialize};

/// An actor as the dictionary names it (`data/actors.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ActorRef {
    /// ACLED-style canonical name, with period where it has one:
    /// "Military Forces of Mali (2021-)".
    pub canonical: String,
    /// ACLED inter code.
    pub inter: Option<Inter>,
    /// Stable dictionary key ("fama", "fla", "jnim"), period-independent.
    pub key: String,
    /// ISO 3166 alpha-2 country the actor belongs to, when it is national.
    pub country: Option<String>,
}
