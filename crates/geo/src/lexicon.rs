//! The geocoder's word lists, read from `data/places/*.tsv` and embedded in
//! the binary, so that knowledge about how reports write places stays in data
//! files and the build and the query side share one copy.

use crate::fold::{fold, SkeletonRules};
use crate::GeoError;
use vigie_core::hash::{FastMap, FastSet};

const GENERIC_WORDS: &str = include_str!("../../../data/places/generic_words.tsv");
const STOPLIST: &str = include_str!("../../../data/places/stoplist.txt");
const QUALIFIERS: &str = include_str!("../../../data/places/qualifiers.txt");
const NUMBER_WORDS: &str = include_str!("../../../data/places/number_words.tsv");
const DIRECTIONS: &str = include_str!("../../../data/places/directions.tsv");
const FEATURE_PRIORS: &str = include_str!("../../../data/places/feature_priors.tsv");
const SKELETON_RULES: &str = include_str!("../../../data/places/skeleton_rules.tsv");

/// What a generic word around a place name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// "région de": a first-level admin unit is named.
    Adm1,
    /// "cercle de", "province du", "département de".
    Adm2,
    /// "commune de".
    Adm3,
    /// "la ville de", "town of".
    Town,
    /// "le village de", "campement de".
    Village,
    /// "camp militaire de", "base de".
    Camp,
    /// "puits de".
    Well,
    /// "oued", "vallée de".
    Wadi,
    /// "aéroport de".
    Airport,
    /// "forêt de", "zone de": a natural feature or area.
    Area,
    /// "près de", "near": a relative location (ACLED precision 2).
    Near,
    /// Articles and prepositions.
    Skip,
}

impl Role {
    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "adm1" => Role::Adm1,
            "adm2" => Role::Adm2,
            "adm3" => Role::Adm3,
            "town" => Role::Town,
            "village" => Role::Village,
            "camp" => Role::Camp,
            "well" => Role::Well,
            "wadi" => Role::Wadi,
            "airport" => Role::Airport,
            "area" => Role::Area,
            "near" => Role::Near,
            "skip" => Role::Skip,
            _ => return None,
        })
    }

    /// Whether this role names a kind of place (as opposed to a preposition).
    pub fn is_type_hint(self) -> bool {
        !matches!(self, Role::Near | Role::Skip)
    }
}

/// Prior and ACLED precision for a GeoNames feature.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeaturePrior {
    pub prior: f32,
    pub precision: u8,
}

/// All the geocoder's word lists, parsed once.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Folded generic phrase → role. Longest match wins.
    generic: PhraseMap<Role>,
    stop: FastSet<String>,
    qualifiers: FastSet<String>,
    numbers: PhraseMap<f64>,
    directions: PhraseMap<String>,
    feature_priors: FastMap<String, FeaturePrior>,
    pub skeleton_rules: SkeletonRules,
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(no, line)| {
        let line = line.trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() || line.starts_with('#') {
            None
        } else {
            Some((no + 1, line.split('\t').collect()))
        }
    })
}

fn tokens(folded: &str) -> Vec<String> {
    folded
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn bad(file: &str, line: usize, what: &str) -> GeoError {
    GeoError::Data(format!("{file} line {line}: {what}"))
}

impl Lexicon {
    /// The word lists compiled into the binary from `data/places`.
    pub fn embedded() -> Result<Lexicon, GeoError> {
        Lexicon::parse(
            GENERIC_WORDS,
            STOPLIST,
            NUMBER_WORDS,
            DIRECTIONS,
            FEATURE_PRIORS,
            SKELETON_RULES,
        )
    }

    /// Parses the six word lists (see the headers of the files for formats).
    pub fn parse(
        generic_words: &str,
        stoplist: &str,
        number_words: &str,
        directions: &str,
        feature_priors: &str,
        skeleton_rules: &str,
    ) -> Result<Lexicon, GeoError> {
        let mut generic = PhraseMap::default();
        for (no, cols) in data_lines(generic_words) {
            let [phrase, role, ..] = cols[..] else {
                return Err(bad("generic_words.tsv", no, "expected phrase<TAB>role"));
            };
            let role = Role::parse(role.trim())
                .ok_or_else(|| bad("generic_words.tsv", no, "unknown role"))?;
            let toks = tokens(&fold(phrase));
            if !toks.is_empty() {
                generic.insert(toks, role);
            }
        }
        let stop = data_lines(stoplist)
            .map(|(_, cols)| fold(cols[0]))
            .filter(|s| !s.is_empty())
            .collect();
        let qualifiers = data_lines(QUALIFIERS)
            .map(|(_, cols)| fold(cols[0]))
            .filter(|s| !s.is_empty())
            .collect();
        let mut numbers = PhraseMap::default();
        for (no, cols) in data_lines(number_words) {
            let [word, value, ..] = cols[..] else {
                return Err(bad("number_words.tsv", no, "expected word<TAB>value"));
            };
            let v: f64 = value
                .trim()
                .parse()
                .map_err(|_| bad("number_words.tsv", no, "bad number"))?;
            numbers.insert(tokens(&fold(word)), v);
        }
        let mut dirs = PhraseMap::default();
        for (no, cols) in data_lines(directions) {
            let [word, dir, ..] = cols[..] else {
                return Err(bad("directions.tsv", no, "expected words<TAB>direction"));
            };
            dirs.insert(tokens(&fold(word)), dir.trim().to_string());
        }
        let mut priors = FastMap::default();
        for (no, cols) in data_lines(feature_priors) {
            let [code, prior, precision, ..] = cols[..] else {
                return Err(bad(
                    "feature_priors.tsv",
                    no,
                    "expected code<TAB>prior<TAB>precision",
                ));
            };
            let prior: f32 = prior
                .trim()
                .parse()
                .map_err(|_| bad("feature_priors.tsv", no, "bad prior"))?;
            let precision: u8 = precision
                .trim()
                .parse()
                .ok()
                .filter(|p| (1..=3).contains(p))
                .ok_or_else(|| bad("feature_priors.tsv", no, "precision must be 1, 2 or 3"))?;
            priors.insert(code.trim().to_string(), FeaturePrior { prior, precision });
        }
        let skeleton_rules = SkeletonRules::parse(skeleton_rules)
            .map_err(|e| GeoError::Data(format!("skeleton_rules.tsv: {e}")))?;
        Ok(Lexicon {
            generic,
            stop,
            qualifiers,
            numbers,
            directions: dirs,
            feature_priors: priors,
            skeleton_rules,
        })
    }

    /// Longest generic phrase starting at `toks[at]`: (its length, role).
    pub fn generic_at(&self, toks: &[&str], at: usize) -> Option<(usize, Role)> {
        self.generic.longest(toks, at).map(|(n, r)| (n, *r))
    }

    /// Longest number word at `toks[at]`, or a number written in digits
    /// ("30", "30km").
    pub fn number_at(&self, toks: &[&str], at: usize) -> Option<(usize, f64)> {
        let t = toks.get(at)?;
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            return t[..digits].parse().ok().map(|v| (1, v));
        }
        self.numbers.longest(toks, at).map(|(n, v)| (n, *v))
    }

    /// Longest direction phrase at `toks[at]`.
    pub fn direction_at(&self, toks: &[&str], at: usize) -> Option<(usize, &str)> {
        self.directions
            .longest(toks, at)
            .map(|(n, d)| (n, d.as_str()))
    }

    /// Whether a folded name is a common word that is not to be taken for a
    /// place without a cue.
    pub fn is_stopword(&self, folded: &str) -> bool {
        self.stop.contains(folded)
    }

    /// Whether a folded word only qualifies a place name ("peul", "dogon",
    /// "site", "nord"): twin villages and sub-sites share the main name.
    pub fn is_qualifier(&self, word: &str) -> bool {
        self.qualifiers.contains(word)
    }

    /// Prior and precision for a feature code, falling back to its class.
    pub fn feature(&self, class: &str, code: &str) -> FeaturePrior {
        self.feature_priors
            .get(code)
            .or_else(|| self.feature_priors.get(class))
            .copied()
            .unwrap_or(FeaturePrior {
                prior: 0.2,
                precision: 2,
            })
    }

    /// Strips generic words at both ends of a folded name ("la commune de
    /// boni" → "boni", "gao region" → "gao") and returns the rest and the
    /// roles seen, outermost first. Never strips everything: a name that is
    /// only generic words ("Centre") stays as it is.
    pub fn strip_generic(&self, folded: &str) -> (String, Vec<Role>) {
        let toks: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
        let mut start = 0;
        let mut roles = Vec::new();
        while start < toks.len() {
            match self.generic_at(&toks, start) {
                Some((n, role)) if start + n < toks.len() => {
                    roles.push(role);
                    start += n;
                }
                _ => break,
            }
        }
        let mut end = toks.len();
        // Suffix generic words ("Gao Region", "Kati Cercle", "Tillaberi Department").
        while end > start + 1 {
            match self.generic.get(toks[end - 1]) {
                Some(role) if role.is_type_hint() => {
                    roles.push(*role);
                    end -= 1;
                }
                _ => break,
            }
        }
        (toks[start..end].join(" "), roles)
    }
}

/// Phrases of folded tokens → value, for longest-match lookups at a token
/// position. Keys are the tokens joined by single spaces (a token never
/// holds a space). The longest phrase per first token lets most positions —
/// words that start no phrase — be rejected with one lookup and no key built:
/// cue parsing and name stripping run this for every word of every toponym.
#[derive(Debug, Clone)]
struct PhraseMap<V> {
    phrases: FastMap<String, V>,
    /// First token → number of tokens of the longest phrase it starts.
    first: FastMap<String, usize>,
}

impl<V> Default for PhraseMap<V> {
    fn default() -> Self {
        PhraseMap {
            phrases: FastMap::default(),
            first: FastMap::default(),
        }
    }
}

impl<V> PhraseMap<V> {
    /// Adds a phrase (a later entry replaces an earlier one); empty ones are
    /// never matched and are dropped.
    fn insert(&mut self, toks: Vec<String>, value: V) {
        let Some(head) = toks.first() else {
            return;
        };
        let n = self.first.entry(head.clone()).or_insert(0);
        *n = (*n).max(toks.len());
        self.phrases.insert(toks.join(" "), value);
    }

    /// The value of a one-token phrase.
    fn get(&self, token: &str) -> Option<&V> {
        self.phrases.get(token)
    }

    /// Longest phrase starting at `toks[at]`: (its length, value). Tokens
    /// are words split on spaces (they hold none).
    fn longest(&self, toks: &[&str], at: usize) -> Option<(usize, &V)> {
        let head = toks.get(at)?;
        let max = *self.first.get(*head)?;
        let longest = max.min(toks.len() - at);
        if longest == 1 {
            return self.phrases.get(*head).map(|v| (1, v));
        }
        // The key of `n` tokens is the key of `n + 1` cut at its last space
        // (tokens, split on spaces, hold none): built once, then cut.
        let mut key = toks[at..at + longest].join(" ");
        let mut n = longest;
        loop {
            if let Some(v) = self.phrases.get(key.as_str()) {
                return Some((n, v));
            }
            n -= 1;
            if n == 0 {
                return None;
            }
            let cut = key.rfind(' ')?;
            key.truncate(cut);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lists_parse() {
        let lx = Lexicon::embedded().unwrap();
        assert_eq!(lx.feature("P", "PPLA").precision, 1);
        assert_eq!(lx.feature("A", "ADM1").precision, 3);
        assert!(lx.is_stopword("mali"));
    }

    #[test]
    fn strips_generic_words_at_both_ends() {
        let lx = Lexicon::embedded().unwrap();
        let (s, roles) = lx.strip_generic(&fold("la commune de Boni"));
        assert_eq!(s, "boni");
        assert!(roles.contains(&Role::Adm3));
        assert_eq!(lx.strip_generic(&fold("Gao Region")).0, "gao");
        assert_eq!(lx.strip_generic(&fold("Cercle d’ Abeïbara")).0, "abeibara");
        assert_eq!(
            lx.strip_generic(&fold("Province de l’Oudalan")).0,
            "oudalan"
        );
        assert_eq!(lx.strip_generic(&fold("Centre")).0, "centre");
        assert_eq!(lx.strip_generic(&fold("près de Gao")).1, vec![Role::Near]);
    }
}
