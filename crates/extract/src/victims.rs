//! Victim and target nouns: who or what a violent act falls on decides
//! between an Attack on civilians and an Armed clash, and which numbers are
//! casualties. Words live in `data/lexicons/<lang>/victims.tsv`.

use crate::lexicon::{parse_tsv, Hit, PhraseSet, RawMatch};
use crate::ExtractError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VictimClass {
    Civilian,
    Armed,
    Protester,
    /// Civilians named by their community or livelihood (Fulani, Dogon,
    /// farmers, herders): unarmed when hit, but two such groups fighting
    /// each other are identity militias, not a mob.
    Community,
    /// Civilians named as a crowd that can act together (residents, youths,
    /// villagers, students): when they do the violence, it is a riot.
    Crowd,
    /// A place or thing of civilians (village, market, bus).
    CivilianSite,
    /// A place or thing of armed forces (camp, post, convoy).
    ArmedSite,
    /// Words that take an armed person off duty ("at his home", "on a
    /// family visit", "à son domicile"): soldiers or police hit there are
    /// hit as civilians, as ACLED codes them. Not a victim itself.
    OffDuty,
}

impl VictimClass {
    pub fn is_person(self) -> bool {
        matches!(
            self,
            VictimClass::Civilian
                | VictimClass::Community
                | VictimClass::Crowd
                | VictimClass::Armed
                | VictimClass::Protester
        )
    }
    pub fn is_civilian(self) -> bool {
        matches!(
            self,
            VictimClass::Civilian
                | VictimClass::Community
                | VictimClass::Crowd
                | VictimClass::CivilianSite
        )
    }
    /// The victim group a casualty figure counts (a community's dead are civilians).
    pub fn label(self) -> &'static str {
        match self {
            VictimClass::Civilian | VictimClass::Community | VictimClass::Crowd => "civilian",
            VictimClass::Armed => "armed",
            VictimClass::Protester => "protester",
            VictimClass::CivilianSite => "civiliansite",
            VictimClass::ArmedSite => "armedsite",
            VictimClass::OffDuty => "offduty",
        }
    }
    pub fn is_armed(self) -> bool {
        matches!(self, VictimClass::Armed | VictimClass::ArmedSite)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VictimHit {
    pub start: usize,
    pub end: usize,
    pub class: VictimClass,
}

#[derive(Debug)]
pub struct VictimLexicon {
    set: PhraseSet<VictimClass>,
}

impl VictimLexicon {
    pub fn from_tsv(file: &str, text: &str) -> Result<Self, ExtractError> {
        let mut items = Vec::new();
        for cols in parse_tsv(file, text, 2)? {
            let class = match cols[1] {
                "civilian" => VictimClass::Civilian,
                "armed" => VictimClass::Armed,
                "protester" => VictimClass::Protester,
                "community" => VictimClass::Community,
                "crowd" => VictimClass::Crowd,
                "civilian_site" => VictimClass::CivilianSite,
                "armed_site" => VictimClass::ArmedSite,
                "off_duty" => VictimClass::OffDuty,
                k => {
                    return Err(ExtractError::Lexicon {
                        file: file.into(),
                        message: format!("unknown class {k:?}"),
                    })
                }
            };
            items.push((cols[0].to_string(), class));
        }
        Ok(VictimLexicon {
            set: PhraseSet::build(file, items)?,
        })
    }

    pub fn find(&self, folded: &str) -> Vec<VictimHit> {
        Self::hits(self.set.find(folded))
    }

    /// The folded phrases, for a [`crate::lexicon::PhraseScan`] with other lexicons.
    pub fn phrases(&self) -> &[String] {
        self.set.patterns()
    }

    /// [`Self::find`] from this lexicon's matches in a [`crate::lexicon::PhraseScan`].
    pub fn find_raw(&self, folded: &str, raw: &[RawMatch]) -> Vec<VictimHit> {
        Self::hits(self.set.select(folded, raw.iter().copied()))
    }

    fn hits(hits: Vec<Hit<'_, VictimClass>>) -> Vec<VictimHit> {
        hits.into_iter()
            .map(|h| VictimHit {
                start: h.start,
                end: h.end,
                class: *h.payload,
            })
            .collect()
    }
}
