//! Label normalisation: any ACLED spelling of an actor name → its key.
//!
//! ACLED labels drift: "(2015-)" becomes "(2015-2022)", "Volunteer for
//! Defense of Homeland" becomes "Volunteers for the Defense of the Homeland",
//! a typo like "Militia( Burkina Faso)" slips in. Labels are compared in a
//! canonical form (folded, punctuation dropped, single spaces) so only real
//! wording differences need a `historic_labels` entry.

use std::collections::HashMap;
use vigie_text::fold::fold_str;

/// Folded, alphanumeric words joined by single spaces.
pub fn canonical(label: &str) -> String {
    let folded = fold_str(label);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// One token of a label pattern: a literal word, or a wildcard that takes
/// one or more words.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    /// `{country}`: a country name.
    Country,
    /// `{name}`: a group's own name (a village, a clan); it qualifies the key.
    Name,
}

/// A label shape such as "{name} Communal Militia ({country})".
#[derive(Debug, Clone)]
pub struct LabelPattern {
    toks: Vec<Tok>,
    pub key: String,
}

impl LabelPattern {
    pub fn parse(pattern: &str, key: &str) -> Result<LabelPattern, String> {
        let mut toks = Vec::new();
        let mut rest = pattern;
        while !rest.is_empty() {
            let (lit, after) = match rest.find('{') {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, ""),
            };
            toks.extend(
                canonical(lit)
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(|w| Tok::Word(w.to_string())),
            );
            if after.is_empty() {
                break;
            }
            let close = after
                .find('}')
                .ok_or_else(|| format!("pattern {pattern:?}: unclosed '{{'"))?;
            toks.push(match &after[1..close] {
                "country" => Tok::Country,
                "name" => Tok::Name,
                other => {
                    return Err(format!(
                        "pattern {pattern:?}: unknown placeholder {{{other}}}"
                    ))
                }
            });
            rest = &after[close + 1..];
        }
        if !toks.iter().any(|t| matches!(t, Tok::Word(_))) {
            return Err(format!("pattern {pattern:?} has no fixed word"));
        }
        Ok(LabelPattern {
            toks,
            key: key.to_string(),
        })
    }

    /// How many literal words the pattern has (its specificity).
    pub fn fixed_words(&self) -> usize {
        self.toks
            .iter()
            .filter(|t| matches!(t, Tok::Word(_)))
            .count()
    }

    /// The key a canonical label maps to through this pattern, if it fits.
    /// A `{name}` wildcard qualifies the key ("communal_militia:sanwara") so
    /// two different village militias never compare equal.
    pub fn match_key(&self, canonical_label: &str) -> Option<String> {
        let words: Vec<&str> = canonical_label
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect();
        let mut name = None;
        if fits(&self.toks, &words, &mut name) {
            Some(match name {
                Some(n) => format!("{}:{}", self.key, n),
                None => self.key.clone(),
            })
        } else {
            None
        }
    }
}

/// Backtracking match of pattern tokens against words; wildcards take ≥ 1 word.
fn fits(toks: &[Tok], words: &[&str], name: &mut Option<String>) -> bool {
    let Some((first, rest)) = toks.split_first() else {
        return words.is_empty();
    };
    match first {
        Tok::Word(w) => words.first() == Some(&w.as_str()) && fits(rest, &words[1..], name),
        Tok::Country | Tok::Name => {
            for take in 1..=words.len() {
                if fits(rest, &words[take..], name) {
                    if matches!(first, Tok::Name) {
                        *name = Some(words[..take].join(" "));
                    }
                    return true;
                }
            }
            false
        }
    }
}

/// Exact labels first, then patterns in data-file order.
#[derive(Debug, Default)]
pub struct LabelIndex {
    exact: HashMap<String, String>,
    patterns: Vec<LabelPattern>,
}

impl LabelIndex {
    /// Registers a label; the same label for two different keys is an error.
    pub fn insert(&mut self, label: &str, key: &str) -> Result<(), String> {
        let c = canonical(label);
        if c.is_empty() {
            return Err(format!("label {label:?} of {key:?} is empty once folded"));
        }
        match self.exact.get(&c) {
            Some(k) if k != key => {
                Err(format!("label {label:?} belongs to both {k:?} and {key:?}"))
            }
            Some(_) => Ok(()),
            None => {
                self.exact.insert(c, key.to_string());
                Ok(())
            }
        }
    }

    pub fn push_pattern(&mut self, p: LabelPattern) {
        self.patterns.push(p);
    }

    pub fn key_of(&self, label: &str) -> Option<String> {
        let c = canonical(label);
        if c.is_empty() {
            return None;
        }
        if let Some(k) = self.exact.get(&c) {
            return Some(k.clone());
        }
        self.patterns.iter().find_map(|p| p.match_key(&c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_ignores_case_accents_and_punctuation() {
        assert_eq!(
            canonical("Sewera Communal Militia( Burkina Faso)"),
            "sewera communal militia burkina faso"
        );
        assert_eq!(
            canonical("Military Forces of Mali (2013-2020)"),
            "military forces of mali 2013 2020"
        );
        assert_eq!(canonical("État islamique"), "etat islamique");
    }

    #[test]
    fn patterns_match_with_wildcards() {
        let p =
            LabelPattern::parse("{name} Communal Militia ({country})", "communal_militia").unwrap();
        assert_eq!(
            p.match_key(&canonical("Pobe Mengao Communal Militia (Burkina Faso)"))
                .as_deref(),
            Some("communal_militia:pobe mengao")
        );
        assert_eq!(p.match_key(&canonical("Communal Militia (Mali)")), None);
        let c = LabelPattern::parse("Civilians ({country})", "civilians").unwrap();
        assert_eq!(
            c.match_key(&canonical("Civilians (United States)"))
                .as_deref(),
            Some("civilians")
        );
        assert_eq!(c.match_key(&canonical("Civilians")), None);
        assert!(LabelPattern::parse("{country}", "x").is_err());
        assert!(LabelPattern::parse("A ({place})", "x").is_err());
    }

    #[test]
    fn index_rejects_a_label_with_two_keys() {
        let mut i = LabelIndex::default();
        i.insert("Dozo Militia", "dozo").unwrap();
        i.insert("DOZO militia", "dozo").unwrap();
        assert!(i.insert("Dozo Militia", "koglweogo").is_err());
        assert_eq!(i.key_of("dozo  MILITIA").as_deref(), Some("dozo"));
    }
}
