//! The era of a report with no publication date: the years its named office
//! holders and organisations allow.
//!
//! "Vendredi 19 juin" fell on a Friday in 2015, 2020 and 2026; a report
//! that calls Ibrahim Boubacar Keïta "le président" can only be from his
//! term (2013–2020), and one that names the M5-RFP only from after its
//! founding (2020): together they leave 2020. A reader does this without
//! thinking; the knowledge is in `data/eras.toml` (who held which office
//! when, and the words that make a name a title or a thing of the past)
//! and in the `founded` field of `data/actors.toml`.
//!
//! The bounds are deliberately one-sided where the text is:
//! * any mention of a person or group bounds the year from below (a report
//!   is not older than what it names), and a mention as "l'ancien
//!   président", "ousted President" from the end of the term;
//! * only a titled mention ("le président X", "President X", "le colonel X")
//!   bounds it from above: a bare name may be a look back ("sous IBK").

use serde::Deserialize;
use vigie_core::Language;

use jiff::civil::Date;

use crate::actors::{ActorHit, ActorLexicon};
use crate::lexicon::{is_word_byte, PhraseSet};
use crate::ExtractError;

const ERAS_TOML: &str = include_str!("../../../../data/eras.toml");
const ERAS_FILE: &str = "data/eras.toml";

/// How many words before a name are searched for a "former" word: enough
/// for "l'ancien président de la Transition Bah N'Daw".
const FORMER_WINDOW_WORDS: usize = 6;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErasFile {
    words: WordsSpec,
    #[serde(rename = "office")]
    offices: Vec<OfficeSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsSpec {
    titles_fr: Vec<String>,
    titles_en: Vec<String>,
    former_fr: Vec<String>,
    former_en: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficeSpec {
    office: String,
    from: String,
    to: Option<String>,
    names: Vec<String>,
}

/// One term of office.
#[derive(Debug)]
struct Office {
    office: String,
    /// The first name listed, for the diagnostic.
    name: String,
    from: Date,
    /// Exclusive; `None` while in office.
    to: Option<Date>,
}

/// Phrases as word lists (folded), compared word by word with the text.
#[derive(Debug, Default)]
struct Words {
    titles: Vec<Vec<String>>,
    former: Vec<Vec<String>>,
}

/// An office holder named in a text: the byte range in the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeHolder {
    pub start: usize,
    pub end: usize,
    /// Index into the file's offices.
    office: usize,
}

/// One end of the era, with what set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub year: i16,
    /// "Ibrahim Boubacar Keïta (President of Mali, 2013-09-04 to 2020-08-18)".
    pub why: String,
}

/// The years a report's names allow, each end optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Era {
    pub lo: Option<Bound>,
    pub hi: Option<Bound>,
}

impl Era {
    fn raise(&mut self, year: i16, why: impl FnOnce() -> String) {
        if self.lo.as_ref().is_none_or(|b| year > b.year) {
            self.lo = Some(Bound { year, why: why() });
        }
    }

    fn lower(&mut self, year: i16, why: impl FnOnce() -> String) {
        if self.hi.as_ref().is_none_or(|b| year < b.year) {
            self.hi = Some(Bound { year, why: why() });
        }
    }

    /// What the diagnostic says.
    pub fn describe(&self) -> String {
        match (&self.lo, &self.hi) {
            (Some(lo), Some(hi)) => {
                format!("from {} ({}) to {} ({})", lo.year, lo.why, hi.year, hi.why)
            }
            (Some(lo), None) => format!("from {} ({})", lo.year, lo.why),
            (None, Some(hi)) => format!("up to {} ({})", hi.year, hi.why),
            (None, None) => "unbounded".into(),
        }
    }
}

/// The compiled eras; build once, share across threads.
#[derive(Debug)]
pub struct Eras {
    version: String,
    names: PhraseSet<usize>,
    offices: Vec<Office>,
    french: Words,
    english: Words,
}

impl Eras {
    /// The eras embedded in the binary (`data/eras.toml`).
    pub fn embedded() -> Result<Eras, ExtractError> {
        Eras::from_toml(ERAS_TOML, ERAS_FILE)
    }

    /// Eras from TOML text in the same format; `file` names it in errors.
    pub fn from_toml(text: &str, file: &str) -> Result<Eras, ExtractError> {
        let err = |message: String| ExtractError::Lexicon {
            file: file.to_string(),
            message,
        };
        let parsed: ErasFile = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        let date = |s: &str| {
            s.parse::<Date>()
                .map_err(|e| err(format!("date {s:?} is not YYYY-MM-DD: {e}")))
        };
        let mut offices = Vec::with_capacity(parsed.offices.len());
        let mut names = Vec::new();
        for spec in parsed.offices {
            let from = date(&spec.from)?;
            let to = spec.to.as_deref().map(date).transpose()?;
            if to.is_some_and(|to| to <= from) {
                return Err(err(format!("{}: term ends before it starts", spec.office)));
            }
            let Some(first) = spec.names.first() else {
                return Err(err(format!("{}: no names", spec.office)));
            };
            let id = offices.len();
            names.extend(spec.names.iter().map(|n| (n.clone(), id)));
            offices.push(Office {
                office: spec.office,
                name: first.clone(),
                from,
                to,
            });
        }
        let w = parsed.words;
        Ok(Eras {
            version: format!("eras-{:016x}", vigie_core::hash::fnv1a64([text])),
            names: PhraseSet::build(file, names)?,
            offices,
            french: Words {
                titles: w.titles_fr.iter().map(|p| words_of(&fold(p))).collect(),
                former: w.former_fr.iter().map(|p| words_of(&fold(p))).collect(),
            },
            english: Words {
                titles: w.titles_en.iter().map(|p| words_of(&fold(p))).collect(),
                former: w.former_en.iter().map(|p| words_of(&fold(p))).collect(),
            },
        })
    }

    /// Where the text names an office holder ("Ibrahim Boubacar Keïta"),
    /// in the folded text. Found once per document: they bound the era of
    /// an undated report, and a person's name is never a place, even when
    /// a village shares its last word.
    pub fn find(&self, folded: &str) -> Vec<OfficeHolder> {
        self.names
            .find(folded)
            .iter()
            .map(|h| OfficeHolder {
                start: h.start,
                end: h.end,
                office: *h.payload,
            })
            .collect()
    }

    /// A content hash of the data file.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The era of a folded text, from its office holders (found by
    /// [`Self::find`]) and from the founding of the actors it names. When
    /// the two ends contradict each other (a look back at a former term
    /// beside the present one), the upper end is dropped: the newest name
    /// sets the floor.
    pub fn era(
        &self,
        folded: &str,
        language: Language,
        holders: &[OfficeHolder],
        actor_hits: &[ActorHit],
        actors: &ActorLexicon,
    ) -> Era {
        let words = match language {
            Language::Fr => &self.french,
            Language::En => &self.english,
        };
        let mut era = Era::default();
        for hit in holders {
            let Some(office) = self.offices.get(hit.office) else {
                continue;
            };
            let before = last_words(&folded[..hit.start], FORMER_WINDOW_WORDS);
            let why = || describe_office(office);
            if words.former.iter().any(|f| contains_run(&before, f)) {
                // Named as a thing of the past: the report is from after the term.
                let end = office.to.unwrap_or(office.from);
                era.raise(end.year(), why);
                continue;
            }
            era.raise(office.from.year(), why);
            let titled = words.titles.iter().any(|t| ends_with_run(&before, t));
            if let (true, Some(to)) = (titled, office.to) {
                let last_day = to.yesterday().unwrap_or(to);
                era.lower(last_day.year(), why);
            }
        }
        for h in actor_hits {
            if let Some(founded) = actors.founded(h.id) {
                era.raise(founded.year(), || {
                    format!("{} founded {founded}", actors.key(h.id))
                });
            }
        }
        if let (Some(lo), Some(hi)) = (&era.lo, &era.hi) {
            if lo.year > hi.year {
                era.hi = None;
            }
        }
        era
    }
}

fn describe_office(o: &Office) -> String {
    match o.to {
        Some(to) => format!("{}, {} from {} to {to}", o.name, o.office, o.from),
        None => format!("{}, {} from {}", o.name, o.office, o.from),
    }
}

fn fold(s: &str) -> String {
    vigie_text::fold::fold_str(s.trim())
}

/// The words of a folded phrase.
fn words_of(folded: &str) -> Vec<String> {
    folded
        .split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The last `n` words of a folded text, in order.
fn last_words(text: &str, n: usize) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(n);
    let mut end = bytes.len();
    while out.len() < n {
        while end > 0 && !is_word_byte(bytes[end - 1]) {
            end -= 1;
        }
        if end == 0 {
            break;
        }
        let mut start = end;
        while start > 0 && is_word_byte(bytes[start - 1]) {
            start -= 1;
        }
        // Word bytes are ASCII alphanumerics or parts of a multi-byte
        // character, so both ends are character boundaries.
        if let Some(w) = text.get(start..end) {
            out.push(w);
        }
        end = start;
    }
    out.reverse();
    out
}

/// Whether `phrase` occurs as consecutive words of `words`.
fn contains_run(words: &[&str], phrase: &[String]) -> bool {
    !phrase.is_empty()
        && words
            .windows(phrase.len())
            .any(|w| w.iter().zip(phrase).all(|(a, b)| *a == b))
}

/// Whether `words` end with the words of `phrase`.
fn ends_with_run(words: &[&str], phrase: &[String]) -> bool {
    !phrase.is_empty()
        && words.len() >= phrase.len()
        && words[words.len() - phrase.len()..]
            .iter()
            .zip(phrase)
            .all(|(a, b)| *a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn era_of(text: &str, language: Language) -> Era {
        let eras = Eras::embedded().expect("eras load");
        let actors = ActorLexicon::embedded().expect("actors load");
        let folded = vigie_text::fold::fold_str(text);
        let hits = actors.find(&folded);
        let holders = eras.find(&folded);
        eras.era(&folded, language, &holders, &hits, &actors)
    }

    fn years(e: &Era) -> (Option<i16>, Option<i16>) {
        (e.lo.as_ref().map(|b| b.year), e.hi.as_ref().map(|b| b.year))
    }

    #[test]
    fn a_titled_president_bounds_both_ends() {
        let e = era_of(
            "Des milliers de manifestants réclament le départ du président Ibrahim Boubacar Keïta.",
            Language::Fr,
        );
        assert_eq!(years(&e), (Some(2013), Some(2020)));
        assert!(e.describe().contains("President of Mali"));
    }

    #[test]
    fn a_bare_name_bounds_only_from_below() {
        let e = era_of(
            "Sous Ibrahim Boubacar Keïta, la situation s'était dégradée.",
            Language::Fr,
        );
        assert_eq!(years(&e), (Some(2013), None));
    }

    #[test]
    fn a_former_office_holder_dates_the_report_after_the_term() {
        let e = era_of(
            "Supporters of ousted President Mohamed Bazoum gathered in Niamey.",
            Language::En,
        );
        assert_eq!(years(&e), (Some(2023), None));
        let e = era_of(
            "L'ancien président de la Transition Bah N'Daw n'a pas réagi.",
            Language::Fr,
        );
        assert_eq!(years(&e), (Some(2021), None));
    }

    #[test]
    fn a_founded_group_raises_the_floor() {
        let e = era_of(
            "Le Mouvement du 5 juin a appelé à manifester contre le président Ibrahim Boubacar Keïta.",
            Language::Fr,
        );
        assert_eq!(years(&e), (Some(2020), Some(2020)));
    }

    #[test]
    fn contradicting_ends_drop_the_upper_one() {
        // A look back at IBK's term beside the FLA (founded 2024).
        let e = era_of(
            "Le Front de libération de l'Azawad rappelle les promesses du président Ibrahim Boubacar Keïta.",
            Language::Fr,
        );
        assert_eq!(years(&e), (Some(2024), None));
    }

    #[test]
    fn office_holders_are_found_as_persons() {
        let eras = Eras::embedded().expect("eras load");
        let folded =
            vigie_text::fold::fold_str("Le président Ibrahim Boubacar Keïta est arrivé à Kati.");
        let holders = eras.find(&folded);
        assert_eq!(holders.len(), 1);
        let h = holders[0];
        assert_eq!(&folded[h.start..h.end], "ibrahim boubacar keita");
    }

    #[test]
    fn a_text_without_names_has_no_era() {
        let e = era_of("Des hommes armés ont attaqué un village.", Language::Fr);
        assert_eq!(e, Era::default());
    }

    #[test]
    fn last_words_reads_backwards_over_punctuation() {
        assert_eq!(
            last_words("le president de la transition, le colonel ", 3),
            vec!["transition", "le", "colonel"]
        );
        assert!(last_words("", 3).is_empty());
    }
}
