//! Event triggers: words that signal a kind of happening.
//!
//! A trigger gives a *class*, not yet an ACLED sub-event type: "attacked"
//! is an Attack on civilians or an Armed clash depending on who was hit,
//! which the coding stage decides from the victims and actors. The words
//! live in `data/lexicons/<lang>/triggers.tsv`.

use crate::lexicon::{parse_tsv, Hit, PhraseSet, RawMatch};
use crate::ExtractError;

/// What a trigger word signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TriggerClass {
    Clash,
    Attack,
    Kill,
    Abduct,
    Ied,
    Suicide,
    Airstrike,
    Shelling,
    Grenade,
    Sexual,
    Loot,
    Arrest,
    Protest,
    Riot,
    Mob,
    Agreement,
    Transfer,
    Regain,
    Overtake,
    Base,
    Change,
    Defuse,
    /// Modifiers: not events by themselves, they qualify a protest or count injuries.
    Intervention,
    Violent,
    Excessive,
    Wound,
    /// Cancels any trigger it overlaps ("mine d'or", "exercice").
    Block,
    /// Opens another happening ("in a separate attack", "par ailleurs"):
    /// the sentence starts a new event even on the same day.
    Separate,
}

impl TriggerClass {
    pub fn from_key(key: &str) -> Option<TriggerClass> {
        use TriggerClass::*;
        Some(match key {
            "clash" => Clash,
            "attack" => Attack,
            "kill" => Kill,
            "abduct" => Abduct,
            "ied" => Ied,
            "suicide" => Suicide,
            "airstrike" => Airstrike,
            "shelling" => Shelling,
            "grenade" => Grenade,
            "sexual" => Sexual,
            "loot" => Loot,
            "arrest" => Arrest,
            "protest" => Protest,
            "riot" => Riot,
            "mob" => Mob,
            "agreement" => Agreement,
            "transfer" => Transfer,
            "regain" => Regain,
            "overtake" => Overtake,
            "base" => Base,
            "change" => Change,
            "defuse" => Defuse,
            "intervention" => Intervention,
            "violent" => Violent,
            "excessive" => Excessive,
            "wound" => Wound,
            "block" => Block,
            "separate" => Separate,
            _ => return None,
        })
    }

    /// Whether this class can found an event on its own.
    pub fn is_event(self) -> bool {
        !matches!(
            self,
            TriggerClass::Intervention
                | TriggerClass::Violent
                | TriggerClass::Excessive
                | TriggerClass::Wound
                | TriggerClass::Block
                | TriggerClass::Separate
        )
    }

    /// How strongly the class determines the event's type when several
    /// classes describe one happening: the specific weapon beats the generic
    /// verb ("an IED attack killed three" is an IED event).
    pub fn priority(self) -> u8 {
        use TriggerClass::*;
        match self {
            Airstrike => 92,
            Suicide => 90,
            Shelling => 80,
            Grenade => 78,
            Ied => 75,
            Sexual => 70,
            Regain | Overtake => 66,
            Mob => 64,
            Riot => 63,
            Protest => 62,
            Clash => 56,
            Attack => 52,
            Kill => 50,
            Abduct => 48,
            Defuse => 42,
            Loot => 40,
            Arrest => 36,
            Agreement => 32,
            Transfer => 31,
            Base => 28,
            Change => 24,
            Intervention | Violent | Excessive | Wound | Block | Separate => 0,
        }
    }

    /// Violent classes: their presence makes a document a conflict report.
    pub fn is_violent(self) -> bool {
        use TriggerClass::*;
        matches!(
            self,
            Clash
                | Attack
                | Kill
                | Abduct
                | Ied
                | Suicide
                | Airstrike
                | Shelling
                | Grenade
                | Sexual
        )
    }
}

/// A trigger found in the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trigger {
    pub start: usize,
    pub end: usize,
    pub class: TriggerClass,
}

/// The compiled trigger lexicon of one language.
#[derive(Debug)]
pub struct TriggerLexicon {
    set: PhraseSet<TriggerClass>,
}

impl TriggerLexicon {
    pub fn from_tsv(file: &str, text: &str) -> Result<Self, ExtractError> {
        let mut items = Vec::new();
        for cols in parse_tsv(file, text, 2)? {
            let class = TriggerClass::from_key(cols[1]).ok_or_else(|| ExtractError::Lexicon {
                file: file.into(),
                message: format!("unknown trigger class {:?} for {:?}", cols[1], cols[0]),
            })?;
            items.push((cols[0].to_string(), class));
        }
        Ok(TriggerLexicon {
            set: PhraseSet::build(file, items)?,
        })
    }

    /// Triggers in folded text; block entries remove what they cover.
    pub fn find(&self, folded: &str) -> Vec<Trigger> {
        Self::hits(self.set.find(folded))
    }

    /// The folded phrases, for a [`crate::lexicon::PhraseScan`] with other lexicons.
    pub fn phrases(&self) -> &[String] {
        self.set.patterns()
    }

    /// [`Self::find`] from this lexicon's matches in a [`crate::lexicon::PhraseScan`].
    pub fn find_raw(&self, folded: &str, raw: &[RawMatch]) -> Vec<Trigger> {
        Self::hits(self.set.select(folded, raw.iter().copied()))
    }

    fn hits(hits: Vec<Hit<'_, TriggerClass>>) -> Vec<Trigger> {
        hits.into_iter()
            .filter(|h: &Hit<'_, TriggerClass>| *h.payload != TriggerClass::Block)
            .map(|h| Trigger {
                start: h.start,
                end: h.end,
                class: *h.payload,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::data::registry;

    #[test]
    fn every_language_file_compiles() {
        for d in registry() {
            let lex = TriggerLexicon::from_tsv("triggers.tsv", d.triggers).unwrap();
            assert!(!lex.set.is_empty());
        }
    }

    #[test]
    fn french_triggers_with_blocks() {
        let [fr, _] = registry();
        let lex = TriggerLexicon::from_tsv("fr", fr.triggers).unwrap();
        let t = "une frappe de drones kamikazes a vise la mine d'or pres de la mine";
        let classes: Vec<TriggerClass> = lex.find(t).iter().map(|t| t.class).collect();
        assert_eq!(classes, vec![TriggerClass::Airstrike, TriggerClass::Ied]);
    }
}
