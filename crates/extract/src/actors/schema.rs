//! The shape of `data/actors.toml`, as serde reads it.
//!
//! Kept separate from the compiled tables so that the file format can be
//! documented and linted on its own; `compile.rs` turns it into lookups.

use serde::Deserialize;

/// The whole data file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorFile {
    /// Countries: ISO code, ACLED's name, nationality adjectives.
    #[serde(default, rename = "country")]
    pub countries: Vec<CountrySpec>,
    /// Phrase expansions applied to many entries at once.
    #[serde(default)]
    pub expansions: Expansions,
    /// Phrases that contain an alias but never name an actor ("camp militaire").
    #[serde(default)]
    pub block: Block,
    /// One table per actor.
    #[serde(default, rename = "actor")]
    pub actors: Vec<ActorSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountrySpec {
    pub code: String,
    /// The name ACLED writes in generic labels: "Civilians (Burkina Faso)".
    pub name: String,
    /// Other spellings of the name in labels and texts.
    #[serde(default)]
    pub other_names: Vec<String>,
    /// Every form of the French nationality adjective (gender, number).
    #[serde(default)]
    pub adjectives_fr: Vec<String>,
    #[serde(default)]
    pub adjectives_en: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expansions {
    /// Entry kinds whose aliases get the English group suffixes.
    #[serde(default)]
    pub group_kinds: Vec<String>,
    /// "JNIM militants": the alias followed by one of these words is one hit.
    #[serde(default)]
    pub group_suffixes_en: Vec<String>,
    /// "milice Dan Na Ambassagou": one of these words before the alias.
    #[serde(default)]
    pub group_prefixes_fr: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    #[serde(default)]
    pub phrases_fr: Vec<String>,
    #[serde(default)]
    pub phrases_en: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorSpec {
    pub key: String,
    pub kind: String,
    pub inter: u8,
    /// ISO alpha-2 of a national actor; absent for generic and transnational ones.
    pub country: Option<String>,
    /// National role ("military", "police", "gendarmerie", ...): a generic
    /// entry with the same `generic_role` resolves to this entry for its country.
    pub role: Option<String>,
    /// ACLED names by period.
    #[serde(default)]
    pub labels: Vec<LabelSpec>,
    /// Other ACLED spellings, for normalisation only.
    #[serde(default)]
    pub historic_labels: Vec<String>,
    /// A unit of another entry: its labels are the parent's plus `unit`.
    pub unit_of: Option<String>,
    /// Words after the parent's name ("Gendarmerie").
    pub unit: Option<String>,
    /// Words before the parent's name ("Mutiny of").
    pub unit_prefix: Option<String>,
    /// Generic entry: the name comes from the context country ("Civilians ({country})").
    pub template: Option<String>,
    /// Generic entry: resolves through the national entry with this role.
    pub generic_role: Option<String>,
    /// The umbrella group this one belongs to (a katiba of JNIM): ACLED
    /// usually codes the umbrella as the actor and this one as associated.
    pub part_of: Option<String>,
    /// When the group was founded or the force deployed, `YYYY-MM-DD`: a
    /// report naming it is not older (bounds the year of an undated report).
    pub founded: Option<String>,
    /// Extra label shapes for normalisation ("{name} Communal Militia ({country})").
    #[serde(default)]
    pub label_patterns: Vec<String>,
    #[serde(default)]
    pub aliases_fr: Vec<String>,
    #[serde(default)]
    pub aliases_en: Vec<String>,
    /// Alias shapes with `{adj}`, expanded with every country's adjectives.
    #[serde(default)]
    pub national_aliases_fr: Vec<String>,
    #[serde(default)]
    pub national_aliases_en: Vec<String>,
    /// Aliases this entry deliberately shares with another; the first
    /// entry (file order) that lists one keeps it.
    #[serde(default)]
    pub ambiguous: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelSpec {
    pub name: String,
    /// Inclusive start date, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Exclusive end date, `YYYY-MM-DD`.
    pub to: Option<String>,
    /// During this period the name belongs to another entry (a generic
    /// "Russian forces" entry is the Wagner Group until mid-2025, then
    /// Africa Corps); resolution returns that entry's key and inter.
    pub key: Option<String>,
}
