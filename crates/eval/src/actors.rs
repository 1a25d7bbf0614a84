//! Actor comparison after normalisation.
//!
//! The rule (documented in the README and report):
//! 1. A gold actor written "A and/or B" (ACLED's way of saying the perpetrator
//!    is one of two groups) is matched by a prediction of A or of B.
//! 2. Each name is split into a base name, an optional period label
//!    ("(2013-2020)", "(2015-)") and an ignored unit suffix ("Gendarmerie"
//!    in "Police Forces of Burkina Faso (2015-) Gendarmerie").
//! 3. Base names are folded and mapped through `data/eval/actor_equivalences.tsv`
//!    (ACLED renamings such as "Islamic State (Greater Sahara)" → "Islamic State (Sahel)").
//! 4. Periods agree when their start years are equal (older exports write the
//!    open-ended "(2015-)" for what is now "(2015-2022)"), or when one side has
//!    none. So "(2013-2020)" vs "(2021-)" is a wrong period: a wrong answer.

use crate::equivalences::Equivalences;

/// One actor name split for comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorName {
    /// Group key of the base name (folded, equivalences applied).
    pub key: String,
    /// Start year of the period label, if any.
    pub period_start: Option<u16>,
}

/// The actor comparer, holding the equivalence groups.
#[derive(Debug, Clone)]
pub struct ActorRule {
    equivalences: Equivalences,
}

impl ActorRule {
    pub fn new(equivalences: Equivalences) -> Self {
        ActorRule { equivalences }
    }

    /// The alternatives of a (gold) actor field: "A and/or B" → [A, B].
    /// An empty field gives no alternative (no actor).
    pub fn alternatives(&self, raw: &str) -> Vec<ActorName> {
        raw.split(" and/or ")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| self.parse(s))
            .filter(|a| !a.key.is_empty())
            .collect()
    }

    /// Splits off the period label and unit suffix, and keys the base name.
    pub fn parse(&self, name: &str) -> ActorName {
        let (base, period_start) = split_period(name);
        ActorName {
            key: self.equivalences.key(base),
            period_start,
        }
    }

    /// Whether a predicted actor (or its absence) agrees with a gold one.
    /// Both empty agree: "no second actor" is a value too.
    pub fn agrees(&self, gold: Option<&str>, predicted: Option<&str>) -> bool {
        let gold_alts = gold.map(|g| self.alternatives(g)).unwrap_or_default();
        let pred_alts = predicted.map(|p| self.alternatives(p)).unwrap_or_default();
        if gold_alts.is_empty() || pred_alts.is_empty() {
            return gold_alts.is_empty() && pred_alts.is_empty();
        }
        pred_alts
            .iter()
            .any(|p| gold_alts.iter().any(|g| same_actor(g, p)))
    }

    /// The period-free keys of an actor field, for recognition scores.
    pub fn keys(&self, raw: &str) -> Vec<String> {
        self.alternatives(raw).into_iter().map(|a| a.key).collect()
    }
}

fn same_actor(a: &ActorName, b: &ActorName) -> bool {
    a.key == b.key
        && match (a.period_start, b.period_start) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        }
}

/// "Military Forces of Mali (2013-2020)" → ("Military Forces of Mali", Some(2013)).
/// A parenthesis that is not a `(YYYY-` period ("(Mali)") stays in the base.
fn split_period(name: &str) -> (&str, Option<u16>) {
    let bytes = name.as_bytes();
    let mut search = 0;
    while let Some(rel) = name[search..].find('(') {
        let open = search + rel;
        let digits = bytes.get(open + 1..open + 5);
        let dash = bytes.get(open + 5);
        if let (Some(d), Some(b'-')) = (digits, dash) {
            if d.iter().all(u8::is_ascii_digit) {
                let year = std::str::from_utf8(d).ok().and_then(|s| s.parse().ok());
                return (name[..open].trim_end(), year);
            }
        }
        search = open + 1;
    }
    (name.trim(), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::equivalences::ACTOR_EQUIVALENCES;

    fn rule() -> ActorRule {
        ActorRule::new(Equivalences::parse("actors", ACTOR_EQUIVALENCES).unwrap())
    }

    #[test]
    fn periods_split_off() {
        assert_eq!(
            split_period("Military Forces of Mali (2013-2020)"),
            ("Military Forces of Mali", Some(2013))
        );
        assert_eq!(
            split_period("Police Forces of Burkina Faso (2015-) Gendarmerie"),
            ("Police Forces of Burkina Faso", Some(2015))
        );
        assert_eq!(split_period("Civilians (Mali)"), ("Civilians (Mali)", None));
        assert_eq!(split_period("Odd (12"), ("Odd (12", None));
    }

    #[test]
    fn period_start_must_agree() {
        let r = rule();
        assert!(r.agrees(
            Some("Military Forces of Burkina Faso (2015-)"),
            Some("Military Forces of Burkina Faso (2015-2022)")
        ));
        assert!(!r.agrees(
            Some("Military Forces of Mali (2013-2020)"),
            Some("Military Forces of Mali (2021-)")
        ));
        assert!(r.agrees(
            Some("Military Forces of Mali (2013-2020)"),
            Some("military forces of mali")
        ));
        assert!(!r.agrees(Some("Civilians (Mali)"), Some("Civilians (Niger)")));
    }

    #[test]
    fn and_or_accepts_either_and_renamings_count() {
        let r = rule();
        let g =
            "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)";
        assert!(r.agrees(Some(g), Some("Islamic State (Sahel)")));
        assert!(r.agrees(
            Some(g),
            Some("JNIM: Group for Support of Islam and Muslims")
        ));
        assert!(!r.agrees(Some(g), Some("Ansaroul Islam")));
    }

    #[test]
    fn absence_is_a_value() {
        let r = rule();
        assert!(r.agrees(Some(""), None));
        assert!(r.agrees(None, None));
        assert!(!r.agrees(Some(""), Some("Civilians (Mali)")));
        assert!(!r.agrees(Some("Civilians (Mali)"), None));
    }
}
