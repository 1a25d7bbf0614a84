//! The actor dictionary and its matcher.
//!
//! Knowledge lives in `data/actors.toml` (embedded at compile time): one
//! entry per actor with its ACLED names by period, its inter code, and its
//! French and English aliases. This module compiles that file once into an
//! Aho–Corasick automaton over folded aliases and answers three questions:
//! where are actors named in a text (`find`), what ACLED name does an actor
//! carry at a date and in a country (`resolve`), and which actor does an
//! ACLED label denote (`normalise_label`, for evaluation).

mod compile;
mod labels;
mod matcher;
mod periods;
mod schema;

#[cfg(test)]
mod tests;

use jiff::civil::Date;
use vigie_core::{ActorRef, Inter};

use crate::ExtractError;
use compile::{Compiled, Naming};
use matcher::AliasTarget;

/// The embedded dictionary.
const ACTORS_TOML: &str = include_str!("../../../../data/actors.toml");
/// How errors name the file.
const ACTORS_FILE: &str = "data/actors.toml";

/// An actor found by the matcher. Ids are only meaningful for the lexicon
/// that produced them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(pub u32);

/// One actor mention: byte offsets into the folded text given to `find`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorHit {
    pub start: usize,
    pub end: usize,
    pub id: ActorId,
}

/// What sort of actor an entry is; finer than ACLED's inter code, which the
/// engine needs to tell soldiers from police or jihadists from rebels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    StateMilitary,
    StatePolice,
    StateOther,
    Rebel,
    Jihadist,
    PoliticalMilitia,
    IdentityMilitia,
    External,
    Civilians,
    Protesters,
    Rioters,
    UnidentifiedArmed,
}

impl ActorKind {
    pub const ALL: &'static [ActorKind] = &[
        ActorKind::StateMilitary,
        ActorKind::StatePolice,
        ActorKind::StateOther,
        ActorKind::Rebel,
        ActorKind::Jihadist,
        ActorKind::PoliticalMilitia,
        ActorKind::IdentityMilitia,
        ActorKind::External,
        ActorKind::Civilians,
        ActorKind::Protesters,
        ActorKind::Rioters,
        ActorKind::UnidentifiedArmed,
    ];

    /// The data file's spelling.
    pub fn as_key(self) -> &'static str {
        match self {
            ActorKind::StateMilitary => "state_military",
            ActorKind::StatePolice => "state_police",
            ActorKind::StateOther => "state_other",
            ActorKind::Rebel => "rebel",
            ActorKind::Jihadist => "jihadist",
            ActorKind::PoliticalMilitia => "political_militia",
            ActorKind::IdentityMilitia => "identity_militia",
            ActorKind::External => "external",
            ActorKind::Civilians => "civilians",
            ActorKind::Protesters => "protesters",
            ActorKind::Rioters => "rioters",
            ActorKind::UnidentifiedArmed => "unidentified_armed",
        }
    }

    pub fn from_key(key: &str) -> Option<ActorKind> {
        ActorKind::ALL.iter().copied().find(|k| k.as_key() == key)
    }

    /// State forces of any branch.
    pub fn is_state(self) -> bool {
        matches!(
            self,
            ActorKind::StateMilitary | ActorKind::StatePolice | ActorKind::StateOther
        )
    }
}

/// The compiled actor dictionary; build once, share across threads.
#[derive(Debug)]
pub struct ActorLexicon {
    compiled: Compiled,
    version: String,
}

impl ActorLexicon {
    /// The dictionary embedded in the binary (`data/actors.toml`).
    pub fn embedded() -> Result<ActorLexicon, ExtractError> {
        ActorLexicon::from_toml(ACTORS_TOML, ACTORS_FILE)
    }

    /// A dictionary from TOML text in the same format; `file` names it in errors.
    pub fn from_toml(text: &str, file: &str) -> Result<ActorLexicon, ExtractError> {
        let err = |message: String| ExtractError::Lexicon {
            file: file.to_string(),
            message,
        };
        let parsed: schema::ActorFile = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        let compiled = compile::compile(parsed).map_err(err)?;
        Ok(ActorLexicon {
            compiled,
            version: content_hash(text),
        })
    }

    /// Actor mentions in a folded text (`vigie_text::fold`): word-bounded,
    /// non-overlapping, leftmost-longest, sorted by start.
    pub fn find(&self, folded: &str) -> Vec<ActorHit> {
        self.compiled
            .matcher
            .find(folded)
            .into_iter()
            .filter_map(|h| match h.target {
                AliasTarget::Actor(id) => Some(ActorHit {
                    start: h.start,
                    end: h.end,
                    id: ActorId(id),
                }),
                AliasTarget::Blocked => None,
            })
            .collect()
    }

    fn target(&self, id: ActorId) -> &compile::Target {
        &self.compiled.targets[id.0 as usize]
    }

    fn entry(&self, id: ActorId) -> &compile::Entry {
        &self.compiled.entries[self.target(id).entry]
    }

    /// The stable key of the actor's entry ("fama", "civilians").
    pub fn key(&self, id: ActorId) -> &str {
        &self.entry(id).key
    }

    pub fn kind(&self, id: ActorId) -> ActorKind {
        self.entry(id).kind
    }

    /// The entry's inter code. `resolve` may differ: state forces acting
    /// outside their own country are External (8), as ACLED codes them.
    pub fn inter(&self, id: ActorId) -> Inter {
        self.entry(id).inter
    }

    /// The actor's own country: a national entry's, or the one a
    /// nationality adjective gave a generic entry ("civils maliens").
    /// None for generic and transnational actors.
    pub fn country(&self, id: ActorId) -> Option<&str> {
        self.target(id).country.as_deref()
    }

    /// The country an actor's mention suggests the event is in: a national
    /// actor's own country, except for external forces (French troops,
    /// MINUSMA), whose home says nothing about where they fight.
    pub fn focus_country(&self, id: ActorId) -> Option<&str> {
        if self.entry(id).kind == ActorKind::External {
            return None;
        }
        self.country(id)
    }

    /// When the actor's group was founded or its force deployed: a report
    /// that names it is not older.
    pub fn founded(&self, id: ActorId) -> Option<Date> {
        self.entry(id).founded
    }

    /// The umbrella group of a component ("Katiba Macina" → JNIM). ACLED
    /// usually codes the umbrella as actor and the component as associated
    /// actor; the engine decides.
    pub fn part_of(&self, id: ActorId) -> Option<ActorId> {
        self.entry(id).part_of.map(|i| ActorId(i as u32))
    }

    /// True when the actor's ACLED name needs a country from context
    /// ("les soldats", "des civils").
    pub fn is_generic(&self, id: ActorId) -> bool {
        self.entry(id).is_generic() && self.target(id).country.is_none()
    }

    /// ACLED's name for the actor at `date` in the event's `country` (ISO
    /// alpha-2 or a country name). Without a date, today's name. None when a
    /// generic actor has no country, or the country is unknown.
    ///
    /// A state force resolved in another country's event gets inter 8
    /// (External/Other forces), ACLED's practice for foreign troops.
    pub fn resolve(
        &self,
        id: ActorId,
        country: Option<&str>,
        date: Option<Date>,
    ) -> Option<ActorRef> {
        let t = self.target(id);
        let event_country = country.and_then(|c| self.country_code(c));
        let own_country = t.country.as_deref().or(event_country.as_deref());
        self.resolve_entry(
            t.entry,
            own_country,
            event_country.as_deref(),
            date,
            country,
        )
    }

    fn resolve_entry(
        &self,
        entry: usize,
        own_country: Option<&str>,
        event_country: Option<&str>,
        date: Option<Date>,
        raw_country: Option<&str>,
    ) -> Option<ActorRef> {
        let e = &self.compiled.entries[entry];
        let inter = |actor_country: Option<&str>| {
            let foreign = matches!((actor_country, event_country), (Some(a), Some(b)) if a != b);
            if e.inter == Inter::StateForces && foreign {
                Inter::ExternalOtherForces
            } else {
                e.inter
            }
        };
        match &e.naming {
            Naming::Periods(table) => {
                let period = table.period_for(date)?;
                // A name lent by another entry for this period: that
                // entry's key, inter and country.
                let owner = period.entry.map_or(e, |j| &self.compiled.entries[j]);
                let foreign = matches!((owner.country.as_deref(), event_country), (Some(a), Some(b)) if a != b);
                Some(ActorRef {
                    canonical: period.name.clone(),
                    inter: Some(if owner.inter == Inter::StateForces && foreign {
                        Inter::ExternalOtherForces
                    } else {
                        owner.inter
                    }),
                    key: owner.key.clone(),
                    country: owner.country.clone(),
                })
            }
            Naming::Unit {
                parent,
                prefix,
                suffix,
            } => {
                let p =
                    self.resolve_entry(*parent, own_country, event_country, date, raw_country)?;
                Some(ActorRef {
                    canonical: compile::unit_name(
                        prefix.as_deref(),
                        &p.canonical,
                        suffix.as_deref(),
                    ),
                    inter: Some(inter(e.country.as_deref())),
                    key: e.key.clone(),
                    country: e.country.clone(),
                })
            }
            Naming::Template(t) => {
                let code = own_country?;
                Some(ActorRef {
                    canonical: t.replace("{country}", &self.country_name(code, raw_country)),
                    inter: Some(e.inter),
                    key: e.key.clone(),
                    country: Some(code.to_string()),
                })
            }
            Naming::ViaRole { role, fallback } => {
                let code = own_country?;
                let national = self.compiled.entries.iter().position(|n| {
                    n.role.as_deref() == Some(role.as_str()) && n.country.as_deref() == Some(code)
                });
                match national {
                    Some(n) => self.resolve_entry(n, own_country, event_country, date, raw_country),
                    None => Some(ActorRef {
                        canonical: fallback
                            .as_ref()?
                            .replace("{country}", &self.country_name(code, raw_country)),
                        inter: Some(inter(Some(code))),
                        key: e.key.clone(),
                        country: Some(code.to_string()),
                    }),
                }
            }
        }
    }

    /// ISO code for a code or a country name; an unknown name that is not a
    /// code is kept as given, so "Civilians (Ghana)" still comes out right.
    fn country_code(&self, c: &str) -> Option<String> {
        let c = c.trim();
        if c.is_empty() {
            return None;
        }
        let canon = labels::canonical(c);
        self.compiled
            .countries
            .iter()
            .find(|k| k.code.eq_ignore_ascii_case(c) || k.keys.contains(&canon))
            .map(|k| k.code.clone())
            .or_else(|| (c.len() != 2).then(|| c.to_string()))
    }

    fn country_name(&self, code: &str, raw: Option<&str>) -> String {
        self.compiled
            .countries
            .iter()
            .find(|k| k.code == code)
            .map(|k| k.name.clone())
            .or_else(|| raw.map(str::to_string))
            .unwrap_or_else(|| code.to_string())
    }

    /// The key of the actor an ACLED label denotes, whatever its period or
    /// spelling. Named groups matched through a label pattern get a
    /// qualified key ("communal_militia:sanwara").
    pub fn normalise_label(&self, label: &str) -> Option<String> {
        self.compiled.labels.key_of(label)
    }

    /// Content hash of the data file, recorded with every extraction run.
    pub fn version(&self) -> String {
        self.version.clone()
    }

    /// Number of entries and of distinct folded aliases (for diagnostics).
    pub fn stats(&self) -> (usize, usize) {
        (self.compiled.entries.len(), self.compiled.alias_count)
    }

    /// The id of an entry by key (its own target).
    pub fn id_of_key(&self, key: &str) -> Option<ActorId> {
        self.compiled
            .entries
            .iter()
            .position(|e| e.key == key)
            .map(|i| ActorId(i as u32))
    }
}

/// A content hash of the file, to tell two dictionary versions apart.
fn content_hash(text: &str) -> String {
    format!("actors-fnv1a64:{:016x}", vigie_core::hash::fnv1a64([text]))
}
