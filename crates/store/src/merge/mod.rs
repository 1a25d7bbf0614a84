//! Which report events describe the same happening.
//!
//! Two reports are merged when everything they say can be true of one
//! event: dates within the looser of the two time precisions (plus one day:
//! a night attack is "Sunday" in one report and "Monday" in another), places
//! within a distance that grows with the looser geo precision, compatible
//! event types, and no contradiction between named actors. Anything a
//! report keeps apart stays apart: two events of the same report are never
//! merged, and at town precision two different villages are two events.
//!
//! The rules are deliberately conservative: a wrong merge hides an event
//! from the analyst, a missed merge only shows it twice with a visible
//! corroboration of 1.

pub mod aggregate;

use crate::model::DocumentId;
use vigie_core::{haversine_km, ActorRef, Event, EventType, GeoPrecision, Inter, SubEventType};

/// The outcome of comparing a new report event with an existing merged event.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Same event; higher scores are better matches.
    Merge {
        score: f64,
        reason: String,
    },
    Apart {
        reason: String,
    },
}

/// What the comparison needs from one side.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub event: &'a Event,
    /// Every document already behind this side (one for a new report).
    pub documents: &'a [DocumentId],
}

/// Distance (km) under which two town-precision places with different
/// gazetteer entries still count as one (duplicate GeoNames entries of one
/// locality). Beyond it, two villages are two events.
const SAME_LOCALITY_KM: f64 = 3.0;

/// Compares a new report event with a merged event.
pub fn assess(new: Side<'_>, existing: Side<'_>) -> Verdict {
    if new.documents.iter().any(|d| existing.documents.contains(d)) {
        return apart("the same report keeps them apart");
    }
    let (a, b) = (new.event, existing.event);

    // Date.
    let (Some(da), Some(db)) = (a.event_date.value, b.event_date.value) else {
        return apart("a date is unknown");
    };
    let gap = match da.until(db) {
        Ok(span) => i64::from(span.get_days()).abs(),
        Err(_) => return apart("dates not comparable"),
    };
    let allowed = i64::from(
        a.time_precision
            .tolerance_days()
            .max(b.time_precision.tolerance_days()),
    ) + 1;
    if gap > allowed {
        return apart(&format!("{gap} days apart (allowed {allowed})"));
    }

    // Type.
    if !compatible(a.sub_event_type.value, b.sub_event_type.value) {
        return apart(&format!(
            "types differ: {} vs {}",
            a.sub_event_type.value, b.sub_event_type.value
        ));
    }

    // Place.
    let place = match place_closeness(a, b) {
        Ok(p) => p,
        Err(reason) => return Verdict::Apart { reason },
    };

    // Actors.
    let (ka, kb) = (named_actors(a), named_actors(b));
    let shared: Vec<&str> = ka.iter().filter(|k| kb.contains(k)).copied().collect();
    if !ka.is_empty() && !kb.is_empty() && shared.is_empty() {
        return apart(&format!(
            "no named actor in common ({} vs {})",
            ka.join(", "),
            kb.join(", ")
        ));
    }

    // Across event types the story must have the same perpetrator: a drone
    // strike on a group and that group's abduction of villagers the same
    // day are two events, however close.
    if a.event_type != b.event_type {
        let (pa, pb) = (perpetrators(a), perpetrators(b));
        if !pa.is_empty() && !pb.is_empty() && !pa.iter().any(|k| pb.contains(k)) {
            return apart(&format!(
                "different types ({} vs {}) and no perpetrator in common",
                a.event_type, b.event_type
            ));
        }
    }

    let same_sub = a.sub_event_type.value == b.sub_event_type.value;
    let score = 1.0 - 0.3 * (gap as f64 / allowed as f64) - 0.3 * place.fraction
        + if same_sub { 0.2 } else { 0.0 }
        + if shared.is_empty() { 0.0 } else { 0.2 };
    let mut reason = vec![
        if gap == 0 {
            "same day".to_string()
        } else {
            format!("{gap} day(s) apart (allowed {allowed})")
        },
        place.reason,
        if same_sub {
            "same sub-event type".to_string()
        } else {
            "compatible types".to_string()
        },
    ];
    if !shared.is_empty() {
        reason.push(format!("shared actor {}", shared.join(", ")));
    }
    Verdict::Merge {
        score,
        reason: reason.join("; "),
    }
}

fn apart(reason: &str) -> Verdict {
    Verdict::Apart {
        reason: reason.to_string(),
    }
}

/// Event types that reports of one happening are seen to disagree on: an
/// ambush with a roadside bomb is a clash for one outlet and an IED for
/// another; a riot for one is a protest for the other. Strategic
/// developments only merge with the same sub-event type.
pub fn compatible(a: SubEventType, b: SubEventType) -> bool {
    use EventType::*;
    if a == b {
        return true;
    }
    let (ta, tb) = (a.event_type(), b.event_type());
    if ta == StrategicDevelopments || tb == StrategicDevelopments {
        return false;
    }
    if ta == tb {
        return true;
    }
    let pair = |x, y| (ta == x && tb == y) || (ta == y && tb == x);
    pair(Battles, ExplosionsRemoteViolence)
        || pair(ViolenceAgainstCivilians, ExplosionsRemoteViolence)
        || pair(Battles, ViolenceAgainstCivilians)
        || pair(Protests, Riots)
}

struct Closeness {
    /// 0 = same point, 1 = at the limit.
    fraction: f64,
    reason: String,
}

fn place_closeness(a: &Event, b: &Event) -> Result<Closeness, String> {
    match (a.place_best(), b.place_best()) {
        (Some(pa), Some(pb)) => {
            let km = haversine_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude);
            let precision = |e: &Event| e.geo_precision.unwrap_or(GeoPrecision::Near);
            let (ga, gb) = (precision(a), precision(b));
            let town_both = ga == GeoPrecision::Town && gb == GeoPrecision::Town;
            let different_entries =
                pa.geonameid != pb.geonameid && fold(&pa.name) != fold(&pb.name);
            let radius = if town_both && different_entries {
                SAME_LOCALITY_KM
            } else {
                ga.radius_km().max(gb.radius_km())
            };
            if km > radius {
                return Err(format!(
                    "{} and {} are {km:.1} km apart (limit {radius} km)",
                    pa.name, pb.name
                ));
            }
            Ok(Closeness {
                fraction: km / radius,
                reason: format!("{km:.1} km apart (limit {radius} km)"),
            })
        }
        _ => {
            let written = |e: &Event| e.place.value.as_ref().map(|p| fold(&p.written));
            match (written(a), written(b)) {
                (Some(wa), Some(wb)) if !wa.is_empty() && wa == wb => Ok(Closeness {
                    fraction: 0.5,
                    reason: format!("same place name {wa:?}, not geocoded"),
                }),
                _ => Err("a place is unknown or not geocoded".to_string()),
            }
        }
    }
}

/// Whether an actor names a group. "Unidentified" actors contradict nobody,
/// and ACLED's role labels (civilians, protesters, rioters) describe a part
/// in the event, not who was there: two reports may label one crowd
/// "protesters" and "rioters".
fn is_named(a: &ActorRef) -> bool {
    let role = matches!(
        a.inter,
        Some(Inter::Rioters | Inter::Protesters | Inter::Civilians)
    );
    !role
        && !a.canonical.to_lowercase().contains("unidentified")
        && !a.key.to_lowercase().contains("unidentified")
}

fn key(a: &ActorRef) -> &str {
    if a.key.is_empty() {
        a.canonical.as_str()
    } else {
        a.key.as_str()
    }
}

fn keys<'a>(actors: impl Iterator<Item = &'a ActorRef>) -> Vec<&'a str> {
    let mut keys: Vec<&str> = actors.filter(|a| is_named(a)).map(key).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Every named actor of an event.
fn named_actors(e: &Event) -> Vec<&str> {
    keys(
        e.actor1
            .value
            .iter()
            .chain(e.actor2.value.iter())
            .chain(&e.assoc_actor_1)
            .chain(&e.assoc_actor_2),
    )
}

/// Who did it: actor 1 and associates; in a battle both sides (ACLED's
/// order of the two sides carries no meaning).
fn perpetrators(e: &Event) -> Vec<&str> {
    if e.event_type == EventType::Battles {
        named_actors(e)
    } else {
        keys(e.actor1.value.iter().chain(&e.assoc_actor_1))
    }
}

/// Lower case, accents and punctuation off: "Tin-Zaouatène" → "tinzaouatene".
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'î' | 'ï' | 'í' => Some('i'),
            'ô' | 'ö' | 'ó' => Some('o'),
            'ù' | 'û' | 'ü' | 'ú' => Some('u'),
            'ç' => Some('c'),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}
