//! The notes sentence: one English summary written from the extracted
//! fields, in ACLED's style ("On 24 October 2025, … in Kidal (Kidal, Kidal).").
//! It is built only from fields, never copied from the report, so it reads
//! the same whatever the report's language.

use std::fmt::Write;

use vigie_core::{Event, Modality, SubEventType};

fn month_name(m: i8) -> &'static str {
    const M: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    M.get(usize::try_from(m - 1).unwrap_or(0))
        .copied()
        .unwrap_or("")
}

/// Writes the verb phrase ("attacked Civilians (Mali)") into `s`.
fn verb_phrase(s: &mut String, sub: SubEventType, a2: Option<&str>) {
    use SubEventType as S;
    // Verb, then " prep actor2" when there is one.
    let (verb, prep) = match sub {
        S::ArmedClash => ("clashed", "with"),
        S::GovernmentRegainsTerritory => ("regained territory", "from"),
        S::NonStateActorOvertakesTerritory => ("took over territory", "from"),
        S::ChemicalWeapon => ("used a chemical weapon", "against"),
        S::AirDroneStrike => ("carried out an air/drone strike", "against"),
        S::SuicideBomb => ("carried out a suicide bombing", "against"),
        S::ShellingArtilleryMissileAttack => ("fired shells, rockets or missiles", "at"),
        S::RemoteExplosiveLandmineIed => ("used a remote explosive or IED", "against"),
        S::Grenade => ("threw a grenade", "at"),
        S::SexualViolence => ("committed sexual violence", "against"),
        S::Attack => return object_or(s, "attacked", a2, "carried out an attack"),
        S::AbductionForcedDisappearance => return object_or(s, "abducted", a2, "abducted people"),
        S::PeacefulProtest => {
            s.push_str("demonstrated peacefully");
            return;
        }
        S::ProtestWithIntervention => ("demonstrated and were dispersed", "by"),
        S::ExcessiveForceAgainstProtesters => {
            ("demonstrated and were met with excessive force", "by")
        }
        S::ViolentDemonstration => ("rioted", "against"),
        S::MobViolence => ("engaged in mob violence", "against"),
        S::Agreement => ("reached an agreement", "with"),
        S::Arrests => return object_or(s, "arrested", a2, "made arrests"),
        S::ChangeToGroupActivity => ("changed group activity", "concerning"),
        S::DisruptedWeaponsUse => ("disrupted weapons use", "by"),
        S::HeadquartersOrBaseEstablished => {
            s.push_str("established a headquarters or base");
            return;
        }
        S::LootingPropertyDestruction => ("looted or destroyed property", "of"),
        S::NonViolentTransferOfTerritory => ("took over territory without fighting", "from"),
        S::Other => ("were involved in a strategic development", "with"),
    };
    s.push_str(verb);
    if let Some(a) = a2 {
        s.push(' ');
        s.push_str(prep);
        s.push(' ');
        s.push_str(a);
    }
}

/// A verb that takes the other actor as its object ("attacked Civilians
/// (Mali)"), or a phrase of its own when there is none.
fn object_or(s: &mut String, verb: &str, object: Option<&str>, without: &str) {
    match object {
        Some(a) => {
            s.push_str(verb);
            s.push(' ');
            s.push_str(a);
        }
        None => s.push_str(without),
    }
}

/// Writes the notes sentence of an event.
/// Written into one buffer (`write!`, no intermediate strings): a note per
/// event, and formatting pieces apart was a fifth of coding an event.
pub fn write_notes(e: &Event) -> String {
    let mut s = String::with_capacity(160);
    if let Some(d) = e.event_date.value {
        let prefix = match e.time_precision {
            vigie_core::TimePrecision::Day => "On",
            vigie_core::TimePrecision::Week => "Around",
            vigie_core::TimePrecision::Month => "In mid-",
        };
        if prefix == "In mid-" {
            let _ = write!(s, "In mid-{} {}, ", month_name(d.month()), d.year());
        } else {
            let _ = write!(
                s,
                "{prefix} {} {} {}, ",
                d.day(),
                month_name(d.month()),
                d.year()
            );
        }
    }
    let a1 = e
        .actor1
        .value
        .as_ref()
        .map(|a| a.canonical.as_str())
        .unwrap_or("unidentified actors");
    let a2 = e.actor2.value.as_ref().map(|a| a.canonical.as_str());
    s.push_str(a1);
    s.push(' ');
    verb_phrase(&mut s, e.sub_event_type.value, a2);
    if let Some(p) = e.place.value.as_ref() {
        match p.resolution.best.as_ref() {
            Some(c) => {
                s.push_str(" in ");
                s.push_str(&e.location_name().unwrap_or_else(|| c.place.name.clone()));
                match (c.place.admin2.as_deref(), c.place.admin1.as_deref()) {
                    (Some(a2), Some(a1)) => {
                        let _ = write!(s, " ({a2}, {a1})");
                    }
                    (Some(a), None) | (None, Some(a)) => {
                        let _ = write!(s, " ({a})");
                    }
                    (None, None) => {}
                }
            }
            None => {
                s.push_str(" in ");
                s.push_str(&p.written);
            }
        }
    }
    s.push('.');
    let killed: Vec<u32> = e
        .figures
        .iter()
        .filter(|f| f.what == "killed")
        .map(|f| f.value)
        .collect();
    if e.fatalities.value > 0 {
        let _ = write!(s, " {} fatalities reported", e.fatalities.value);
        let mut others: Vec<u32> = killed
            .iter()
            .copied()
            .filter(|&v| v != e.fatalities.value)
            .collect();
        others.sort_unstable();
        others.dedup();
        if !others.is_empty() {
            let list: Vec<String> = others.iter().map(u32::to_string).collect();
            s.push_str(&format!(
                " (other figures: {}; the lowest is coded)",
                list.join(", ")
            ));
        }
        s.push('.');
    } else {
        s.push_str(" No fatalities reported.");
    }
    let source = e.claim.source.as_deref();
    match (e.claim.modality, source) {
        (Modality::Asserted, None) => {}
        (Modality::Asserted, Some(src)) => {
            let _ = write!(s, " Source: {src}.");
        }
        (m, Some(src)) => {
            let _ = write!(
                s,
                " {} ({}), according to {src}.",
                capitalise(m.as_str()),
                modality_gloss(m)
            );
        }
        (m, None) => {
            let _ = write!(s, " {} ({}).", capitalise(m.as_str()), modality_gloss(m));
        }
    }
    s
}

fn modality_gloss(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "stated as fact",
        Modality::Claimed => "a party's claim",
        Modality::Reported => "relayed from sources",
        Modality::Alleged => "suspected, not established",
        Modality::Denied => "denied by a party",
        Modality::Conditional => "reported in the conditional, unconfirmed",
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
