//! The ACLED taxonomy: event types, sub-event types, disorder types, inter
//! codes and interaction codes, with ACLED's exact strings
//! (see `shared/reference/acled-taxonomy.md`).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Error when a string is not one of ACLED's labels.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind}: {value:?}")]
pub struct UnknownLabel {
    pub kind: &'static str,
    pub value: String,
}

macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal, { $($variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in ACLED's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// ACLED's exact label.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownLabel;
            /// Accepts ACLED's label, case-insensitively.
            fn from_str(s: &str) -> Result<Self, UnknownLabel> {
                let t = s.trim();
                $(if t.eq_ignore_ascii_case($label) { return Ok($name::$variant); })+
                Err(UnknownLabel { kind: $kind, value: s.to_string() })
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

labelled_enum!(
    /// ACLED's six event types.
    EventType, "event_type", {
    Battles => "Battles",
    ExplosionsRemoteViolence => "Explosions/Remote violence",
    ViolenceAgainstCivilians => "Violence against civilians",
    Protests => "Protests",
    Riots => "Riots",
    StrategicDevelopments => "Strategic developments",
});

labelled_enum!(
    /// ACLED's 25 sub-event types.
    SubEventType, "sub_event_type", {
    ArmedClash => "Armed clash",
    GovernmentRegainsTerritory => "Government regains territory",
    NonStateActorOvertakesTerritory => "Non-state actor overtakes territory",
    ChemicalWeapon => "Chemical weapon",
    AirDroneStrike => "Air/drone strike",
    SuicideBomb => "Suicide bomb",
    ShellingArtilleryMissileAttack => "Shelling/artillery/missile attack",
    RemoteExplosiveLandmineIed => "Remote explosive/landmine/IED",
    Grenade => "Grenade",
    SexualViolence => "Sexual violence",
    Attack => "Attack",
    AbductionForcedDisappearance => "Abduction/forced disappearance",
    PeacefulProtest => "Peaceful protest",
    ProtestWithIntervention => "Protest with intervention",
    ExcessiveForceAgainstProtesters => "Excessive force against protesters",
    ViolentDemonstration => "Violent demonstration",
    MobViolence => "Mob violence",
    Agreement => "Agreement",
    Arrests => "Arrests",
    ChangeToGroupActivity => "Change to group/activity",
    DisruptedWeaponsUse => "Disrupted weapons use",
    HeadquartersOrBaseEstablished => "Headquarters or base established",
    LootingPropertyDestruction => "Looting/property destruction",
    NonViolentTransferOfTerritory => "Non-violent transfer of territory",
    Other => "Other",
});

labelled_enum!(
    /// ACLED's disorder types.
    DisorderType, "disorder_type", {
    PoliticalViolence => "Political violence",
    Demonstrations => "Demonstrations",
    StrategicDevelopments => "Strategic developments",
    PoliticalViolenceDemonstrations => "Political violence; Demonstrations",
});

impl SubEventType {
    /// The event type this sub-event type belongs to.
    pub fn event_type(self) -> EventType {
        use SubEventType::*;
        match self {
            ArmedClash | GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => {
                EventType::Battles
            }
            ChemicalWeapon
            | AirDroneStrike
            | SuicideBomb
            | ShellingArtilleryMissileAttack
            | RemoteExplosiveLandmineIed
            | Grenade => EventType::ExplosionsRemoteViolence,
            SexualViolence | Attack | AbductionForcedDisappearance => {
                EventType::ViolenceAgainstCivilians
            }
            PeacefulProtest | ProtestWithIntervention | ExcessiveForceAgainstProtesters => {
                EventType::Protests
            }
            ViolentDemonstration | MobViolence => EventType::Riots,
            _ => EventType::StrategicDevelopments,
        }
    }

    /// ACLED's disorder type for this sub-event type.
    pub fn disorder_type(self) -> DisorderType {
        use SubEventType::*;
        match self {
            ExcessiveForceAgainstProtesters => DisorderType::PoliticalViolenceDemonstrations,
            MobViolence => DisorderType::PoliticalViolence,
            _ => match self.event_type() {
                EventType::Protests | EventType::Riots => DisorderType::Demonstrations,
                EventType::StrategicDevelopments => DisorderType::StrategicDevelopments,
                _ => DisorderType::PoliticalViolence,
            },
        }
    }

    /// Whether ACLED always flags this sub-event type as civilian targeting.
    pub fn always_targets_civilians(self) -> bool {
        self.event_type() == EventType::ViolenceAgainstCivilians
    }

    /// Parse from a lexicon key: ACLED's label, or a snake_case key such as
    /// `air_drone_strike` (the form used in data files).
    pub fn from_key(key: &str) -> Option<SubEventType> {
        if let Ok(s) = key.parse() {
            return Some(s);
        }
        let want: String = key.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        SubEventType::ALL.iter().copied().find(|s| {
            let l: String = s
                .as_str()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect();
            l.eq_ignore_ascii_case(&want)
        })
    }
}

/// ACLED's actor type code (inter1/inter2), 1–8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Inter {
    StateForces = 1,
    RebelGroups = 2,
    PoliticalMilitias = 3,
    IdentityMilitias = 4,
    Rioters = 5,
    Protesters = 6,
    Civilians = 7,
    ExternalOtherForces = 8,
}

impl Inter {
    pub const ALL: &'static [Inter] = &[
        Inter::StateForces,
        Inter::RebelGroups,
        Inter::PoliticalMilitias,
        Inter::IdentityMilitias,
        Inter::Rioters,
        Inter::Protesters,
        Inter::Civilians,
        Inter::ExternalOtherForces,
    ];

    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn label(self) -> &'static str {
        match self {
            Inter::StateForces => "State forces",
            Inter::RebelGroups => "Rebel group",
            Inter::PoliticalMilitias => "Political militia",
            Inter::IdentityMilitias => "Identity militia",
            Inter::Rioters => "Rioters",
            Inter::Protesters => "Protesters",
            Inter::Civilians => "Civilians",
            Inter::ExternalOtherForces => "External/Other forces",
        }
    }

    pub fn from_code(code: u8) -> Option<Inter> {
        Inter::ALL.get(usize::from(code).wrapping_sub(1)).copied()
    }
}

impl From<Inter> for u8 {
    fn from(i: Inter) -> u8 {
        i.code()
    }
}

impl TryFrom<u8> for Inter {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, String> {
        Inter::from_code(v).ok_or_else(|| format!("inter code must be 1-8, not {v}"))
    }
}

/// ACLED's interaction code: the two inter codes, smaller digit first; a
/// one-actor event is `X0`.
pub fn interaction(inter1: Option<Inter>, inter2: Option<Inter>) -> Option<u8> {
    match (inter1, inter2) {
        (Some(a), Some(b)) => {
            let (lo, hi) = if a.code() <= b.code() { (a, b) } else { (b, a) };
            Some(lo.code() * 10 + hi.code())
        }
        (Some(a), None) | (None, Some(a)) => Some(a.code() * 10),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_five_sub_types_in_six_types() {
        assert_eq!(SubEventType::ALL.len(), 25);
        assert_eq!(EventType::ALL.len(), 6);
        for t in EventType::ALL {
            assert!(SubEventType::ALL.iter().any(|s| s.event_type() == *t));
        }
    }

    #[test]
    fn labels_round_trip() {
        for s in SubEventType::ALL {
            assert_eq!(s.as_str().parse::<SubEventType>().unwrap(), *s);
            assert_eq!(SubEventType::from_key(s.as_str()), Some(*s));
        }
        assert_eq!(
            SubEventType::from_key("air_drone_strike"),
            Some(SubEventType::AirDroneStrike)
        );
        assert_eq!(SubEventType::from_key("nonsense"), None);
    }

    #[test]
    fn interaction_smaller_digit_first() {
        assert_eq!(
            interaction(Some(Inter::Civilians), Some(Inter::RebelGroups)),
            Some(27)
        );
        assert_eq!(interaction(Some(Inter::Protesters), None), Some(60));
        assert_eq!(interaction(None, None), None);
    }

    #[test]
    fn disorder_types_follow_acled() {
        assert_eq!(
            SubEventType::MobViolence.disorder_type(),
            DisorderType::PoliticalViolence
        );
        assert_eq!(
            SubEventType::PeacefulProtest.disorder_type(),
            DisorderType::Demonstrations
        );
        assert_eq!(
            SubEventType::Arrests.disorder_type(),
            DisorderType::StrategicDevelopments
        );
    }
}
