//! The notes sentence: one English summary written from the extracted
//! fields, in ACLED's style ("On 24 October 2025, … in Kidal (Kidal, Kidal).").
//! It is built only from fields, never copied from the report, so it reads
//! the same whatever the report's language.

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

fn verb_phrase(sub: SubEventType, a2: Option<&str>) -> String {
    use SubEventType as S;
    let on = |prep: &str| a2.map(|a| format!(" {prep} {a}")).unwrap_or_default();
    match sub {
        S::ArmedClash => format!("clashed{}", on("with")),
        S::GovernmentRegainsTerritory => format!("regained territory{}", on("from")),
        S::NonStateActorOvertakesTerritory => format!("took over territory{}", on("from")),
        S::ChemicalWeapon => format!("used a chemical weapon{}", on("against")),
        S::AirDroneStrike => format!("carried out an air/drone strike{}", on("against")),
        S::SuicideBomb => format!("carried out a suicide bombing{}", on("against")),
        S::ShellingArtilleryMissileAttack => {
            format!("fired shells, rockets or missiles{}", on("at"))
        }
        S::RemoteExplosiveLandmineIed => format!("used a remote explosive or IED{}", on("against")),
        S::Grenade => format!("threw a grenade{}", on("at")),
        S::SexualViolence => format!("committed sexual violence{}", on("against")),
        S::Attack => a2
            .map(|a| format!("attacked {a}"))
            .unwrap_or_else(|| "carried out an attack".into()),
        S::AbductionForcedDisappearance => a2
            .map(|a| format!("abducted {a}"))
            .unwrap_or_else(|| "abducted people".into()),
        S::PeacefulProtest => "demonstrated peacefully".into(),
        S::ProtestWithIntervention => format!("demonstrated and were dispersed{}", on("by")),
        S::ExcessiveForceAgainstProtesters => {
            format!("demonstrated and were met with excessive force{}", on("by"))
        }
        S::ViolentDemonstration => format!("rioted{}", on("against")),
        S::MobViolence => format!("engaged in mob violence{}", on("against")),
        S::Agreement => format!("reached an agreement{}", on("with")),
        S::Arrests => a2
            .map(|a| format!("arrested {a}"))
            .unwrap_or_else(|| "made arrests".into()),
        S::ChangeToGroupActivity => format!("changed group activity{}", on("concerning")),
        S::DisruptedWeaponsUse => format!("disrupted weapons use{}", on("by")),
        S::HeadquartersOrBaseEstablished => "established a headquarters or base".into(),
        S::LootingPropertyDestruction => format!("looted or destroyed property{}", on("of")),
        S::NonViolentTransferOfTerritory => {
            format!("took over territory without fighting{}", on("from"))
        }
        S::Other => format!("were involved in a strategic development{}", on("with")),
    }
}

/// Writes the notes sentence of an event.
pub fn write_notes(e: &Event) -> String {
    let mut s = String::new();
    if let Some(d) = e.event_date.value {
        let prefix = match e.time_precision {
            vigie_core::TimePrecision::Day => "On",
            vigie_core::TimePrecision::Week => "Around",
            vigie_core::TimePrecision::Month => "In mid-",
        };
        if prefix == "In mid-" {
            s.push_str(&format!("In mid-{} {}, ", month_name(d.month()), d.year()));
        } else {
            s.push_str(&format!(
                "{prefix} {} {} {}, ",
                d.day(),
                month_name(d.month()),
                d.year()
            ));
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
    s.push_str(&verb_phrase(e.sub_event_type.value, a2));
    if let Some(p) = e.place.value.as_ref() {
        match p.resolution.best.as_ref() {
            Some(c) => {
                let admin: Vec<&str> = [c.place.admin2.as_deref(), c.place.admin1.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                s.push_str(&format!(" in {}", c.place.name));
                if !admin.is_empty() {
                    s.push_str(&format!(" ({})", admin.join(", ")));
                }
            }
            None => s.push_str(&format!(" in {}", p.written)),
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
        s.push_str(&format!(" {} fatalities reported", e.fatalities.value));
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
        (Modality::Asserted, Some(src)) => s.push_str(&format!(" Source: {src}.")),
        (m, Some(src)) => s.push_str(&format!(
            " {} ({}), according to {src}.",
            capitalise(m.as_str()),
            modality_gloss(m)
        )),
        (m, None) => s.push_str(&format!(
            " {} ({}).",
            capitalise(m.as_str()),
            modality_gloss(m)
        )),
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
