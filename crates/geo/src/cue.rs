//! Reading the words before a place name: "la commune de", "près de",
//! "à 30 km au sud de", "20km north-east of".
//!
//! The extraction engine hands over the preceding words as `cue`; they say
//! which kind of place is meant (a region, a cercle, a village, a camp) and
//! whether the event is at the place or only near it (ACLED precision 2, with
//! the offset kept).

use crate::fold::fold;
use crate::lexicon::{Lexicon, Role};
use vigie_core::place::RelativeOffset;

/// What the cue says about the place that follows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CueInfo {
    /// The kind of place named, the one closest to the name winning.
    pub type_hint: Option<Role>,
    /// A relative location: the event is near the place, not at it.
    pub offset: Option<RelativeOffset>,
}

const KM_UNITS: &[&str] = &[
    "km",
    "kms",
    "kilometres",
    "kilometre",
    "kilometers",
    "kilometer",
];
const MILE_UNITS: &[&str] = &["mile", "miles", "mi"];

/// Parses the cue (the words right before the name, as written).
pub fn parse_cue(lx: &Lexicon, cue: &str) -> CueInfo {
    let folded = fold(cue);
    let toks: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
    let mut info = CueInfo::default();
    // Only the last few words matter: "... l'attaque de dimanche près de".
    let window_start = toks.len().saturating_sub(10);
    let mut distance: Option<f64> = None;
    let mut direction: Option<String> = None;
    let mut near = false;
    let mut i = window_start;
    while i < toks.len() {
        if let Some((n, value)) = lx.number_at(&toks, i) {
            // "30 km", "30km", "une trentaine de kilometres", "twenty miles".
            let tok = toks[i];
            let inline_unit = if tok.starts_with(|c: char| c.is_ascii_digit()) {
                tok.trim_start_matches(|c: char| c.is_ascii_digit())
            } else {
                ""
            };
            let mut j = i + n;
            let mut unit = if !inline_unit.is_empty() {
                Some(inline_unit)
            } else {
                None
            };
            if unit.is_none() {
                if toks.get(j) == Some(&"de") {
                    j += 1;
                }
                unit = toks.get(j).copied();
                j += 1;
            }
            match unit {
                Some(u) if KM_UNITS.contains(&u) => {
                    distance = Some(value);
                    i = j;
                    continue;
                }
                Some(u) if MILE_UNITS.contains(&u) => {
                    distance = Some(value * 1.609_344);
                    i = j;
                    continue;
                }
                _ => {}
            }
        }
        if let Some((n, dir)) = lx.direction_at(&toks, i) {
            // A direction counts only as part of a relative phrase
            // ("au nord de", "north of"), not "le Nord" as a region name.
            let prev = if i > 0 { toks[i - 1] } else { "" };
            let next = toks.get(i + n).copied().unwrap_or("");
            let relative = matches!(prev, "au" | "a" | "l" | "the" | "km" | "kms")
                || distance.is_some()
                || matches!(next, "de" | "du" | "des" | "d" | "of");
            if relative {
                direction = Some(dir.to_string());
                i += n;
                continue;
            }
        }
        if let Some((n, role)) = lx.generic_at(&toks, i) {
            match role {
                Role::Near => near = true,
                Role::Skip => {}
                r => info.type_hint = Some(r),
            }
            i += n;
            continue;
        }
        i += 1;
    }
    if distance.is_some() || direction.is_some() || near {
        info.offset = Some(RelativeOffset {
            distance_km: distance,
            direction,
            text: cue.trim().to_string(),
            span: None,
        });
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lx() -> Lexicon {
        Lexicon::embedded().unwrap()
    }

    #[test]
    fn french_distance_and_direction() {
        let c = parse_cue(&lx(), "à 30 km au sud de");
        let off = c.offset.unwrap();
        assert_eq!(off.distance_km, Some(30.0));
        assert_eq!(off.direction.as_deref(), Some("south"));
    }

    #[test]
    fn english_distance_and_compound_direction() {
        let c = parse_cue(&lx(), "about 20km north-east of");
        let off = c.offset.unwrap();
        assert_eq!(off.distance_km, Some(20.0));
        assert_eq!(off.direction.as_deref(), Some("north-east"));
    }

    #[test]
    fn number_words_and_near() {
        let c = parse_cue(&lx(), "à une trentaine de kilomètres à l'ouest de");
        let off = c.offset.unwrap();
        assert_eq!(off.distance_km, Some(30.0));
        assert_eq!(off.direction.as_deref(), Some("west"));
        let n = parse_cue(&lx(), "près de");
        assert!(n.offset.is_some());
        assert_eq!(n.offset.unwrap().distance_km, None);
    }

    #[test]
    fn type_hints_without_offset() {
        let c = parse_cue(&lx(), "dans la commune de");
        assert_eq!(c.type_hint, Some(Role::Adm3));
        assert!(c.offset.is_none());
        assert_eq!(
            parse_cue(&lx(), "dans le cercle de").type_hint,
            Some(Role::Adm2)
        );
        assert_eq!(
            parse_cue(&lx(), "in the region of").type_hint,
            Some(Role::Adm1)
        );
        assert_eq!(parse_cue(&lx(), "").type_hint, None);
    }
}
