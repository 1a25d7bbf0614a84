//! Quantities: digits and number words in both languages, ranges and
//! approximations ("une dizaine" = 10, "au moins 12", "more than twenty",
//! "entre 10 et 15"); vague words ("plusieurs") carry ACLED's convention
//! value and are flagged so they are never read as a count.
//!
//! Words live in `data/lexicons/<lang>/numbers.tsv`; composition rules
//! ("vingt-deux", "quatre-vingts", "twenty-two") are in [`fr`] and [`en`].

pub mod en;
pub mod fr;

use vigie_core::hash::WordMap;

use vigie_core::Language;

use crate::lexicon::{parse_tsv, PhraseSet, RawMatch};
use crate::tokens::{tokenize, Tok};
use crate::ExtractError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    Exact,
    Approx,
    Vague,
    Unit,
    /// "aucune victime", "no casualties": an explicit zero.
    Zero,
}

/// A quantity in the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    /// The conservative value ("au moins 12" → 12, "10 à 15" → 10).
    pub value: u32,
    pub high: Option<u32>,
    pub approximate: bool,
    /// "plusieurs", "several": not a count.
    pub vague: bool,
    /// A bare article ("un soldat", "a man"): 1 only if a person noun follows.
    pub article: bool,
    /// An explicit "nobody killed".
    pub zero: bool,
}

/// Per-language grammar words.
pub struct NumberGrammar {
    /// Words before a number that make it a lower bound or an estimate.
    pub approx_before: &'static [&'static str],
    /// Words joining two numbers of a range.
    pub range_words: &'static [&'static str],
    /// Words joining number words ("vingt et un").
    pub joiners: &'static [&'static str],
    /// Articles that may mean "one".
    pub articles: &'static [&'static str],
    /// Composes a hyphenated or multi-part number word into a value.
    pub compose: fn(&[u32]) -> u32,
}

/// Adds number parts, letting hundreds and thousands multiply what precedes
/// them ("two hundred and five" = 2 × 100 + 5).
pub(crate) fn compose_additive(parts: &[u32]) -> u32 {
    let mut total: u32 = 0;
    let mut current: u32 = 0;
    for &p in parts {
        if p >= 1000 {
            total = total.saturating_add(current.max(1).saturating_mul(p));
            current = 0;
        } else if p == 100 {
            current = current.max(1).saturating_mul(100);
        } else {
            current = current.saturating_add(p);
        }
    }
    total.saturating_add(current)
}

/// The compiled number lexicon of one language.
pub struct NumberLexicon {
    words: WordMap<(u32, NumberKind)>,
    phrases: PhraseSet<(u32, NumberKind)>,
    grammar: &'static NumberGrammar,
}

impl std::fmt::Debug for NumberLexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NumberLexicon({} words)", self.words.len())
    }
}

impl NumberLexicon {
    pub fn from_tsv(language: Language, file: &str, text: &str) -> Result<Self, ExtractError> {
        let grammar = match language {
            Language::Fr => &fr::GRAMMAR,
            Language::En => &en::GRAMMAR,
        };
        let mut words = WordMap::default();
        let mut phrases = Vec::new();
        for cols in parse_tsv(file, text, 3)? {
            let value: u32 = cols[1].parse().map_err(|_| ExtractError::Lexicon {
                file: file.into(),
                message: format!("{:?}: value {:?} is not a number", cols[0], cols[1]),
            })?;
            let kind = match cols[2] {
                "exact" => NumberKind::Exact,
                "approx" => NumberKind::Approx,
                "vague" => NumberKind::Vague,
                "unit" => NumberKind::Unit,
                "zero" => NumberKind::Zero,
                k => {
                    return Err(ExtractError::Lexicon {
                        file: file.into(),
                        message: format!("unknown kind {k:?}"),
                    })
                }
            };
            let w = vigie_text::fold::fold_str(cols[0]);
            if w.contains(' ') {
                phrases.push((w, (value, kind)));
            } else {
                words.insert(w, (value, kind));
            }
        }
        Ok(NumberLexicon {
            words,
            phrases: PhraseSet::build(file, phrases)?,
            grammar,
        })
    }

    /// The value of one word token ("vingt-deux" is tokenised as three tokens
    /// joined by hyphens; this reads a single part).
    fn word(&self, t: &Tok<'_>) -> Option<(u32, NumberKind)> {
        if let Some(n) = t.number() {
            return Some((n, NumberKind::Exact));
        }
        self.words.get(t.text).copied()
    }

    /// Reads a number starting at token `i`: digits (with thousands groups)
    /// or number words joined by hyphens/"et". Returns (value, kind, next token).
    fn read_number(&self, toks: &[Tok<'_>], i: usize) -> Option<(u32, NumberKind, usize)> {
        let (first, kind) = self.word(&toks[i])?;
        if kind == NumberKind::Vague || kind == NumberKind::Approx {
            return Some((first, kind, i + 1));
        }
        if toks[i].is_number() {
            // "1 200": a group of three digits right after.
            let mut value = first;
            let mut j = i + 1;
            while let Some(t) = toks.get(j) {
                if t.text.len() == 3
                    && t.is_number()
                    && t.start == toks[j - 1].end + 1
                    && value < 1000
                {
                    value = value * 1000 + t.number()?;
                    j += 1;
                } else {
                    break;
                }
            }
            return Some((value, NumberKind::Exact, j));
        }
        let mut parts = vec![first];
        let mut j = i + 1;
        loop {
            let hyphen = toks.get(j).map(|t| t.is_punct("-")).unwrap_or(false);
            let joiner = toks
                .get(j)
                .map(|t| self.grammar.joiners.contains(&t.text))
                .unwrap_or(false);
            let next = if hyphen || joiner { j + 1 } else { j };
            let last = parts.last().copied().unwrap_or(0);
            let Some((v, k)) = toks
                .get(next)
                .filter(|t| !t.is_number())
                .and_then(|t| self.word(t))
            else {
                break;
            };
            if !matches!(k, NumberKind::Exact | NumberKind::Unit) {
                break;
            }
            // "vingt et un", "soixante et onze", "hundred and five"; "vingt-deux"; "twenty two"; "deux cents".
            let joins = if hyphen {
                true
            } else if joiner {
                (last >= 20 && last % 10 == 0 && last < 100 && (v == 1 || v == 11))
                    || (last >= 100 && v < 100)
            } else {
                v >= 100 || (last >= 20 && last % 10 == 0 && last < 100 && v < 10)
            };
            if !joins {
                break;
            }
            parts.push(v);
            j = next + 1;
        }
        Some(((self.grammar.compose)(&parts), NumberKind::Exact, j))
    }

    /// Finds quantities in `folded[start..end]`.
    pub fn find(&self, folded: &str, start: usize, end: usize) -> Vec<Quantity> {
        self.find_in(folded, start, end, &tokenize(folded, start, end))
    }

    /// [`Self::find`] over the range's tokens, already made (the date
    /// parser reads the same sentence tokens).
    pub fn find_in(
        &self,
        folded: &str,
        start: usize,
        end: usize,
        toks: &[Tok<'_>],
    ) -> Vec<Quantity> {
        self.find_in_scanned(folded, start, end, toks, None)
    }

    /// The number phrases, for a whole-text [`crate::lexicon::PhraseScan`].
    pub fn phrases(&self) -> &[String] {
        self.phrases.patterns()
    }

    /// [`Self::find_in`]; with `raw`, the number phrases come from the raw
    /// matches of [`Self::phrases`] in a whole-text scan instead of a pass
    /// over the range.
    pub fn find_in_scanned(
        &self,
        folded: &str,
        start: usize,
        end: usize,
        toks: &[Tok<'_>],
        raw: Option<&[RawMatch]>,
    ) -> Vec<Quantity> {
        let mut out: Vec<Quantity> = Vec::new();
        for h in self.phrases.find_in_range(folded, start, end, raw) {
            let (value, kind) = *h.payload;
            out.push(Quantity {
                start: start + h.start,
                end: start + h.end,
                value,
                high: None,
                approximate: kind == NumberKind::Approx || kind == NumberKind::Vague,
                vague: kind == NumberKind::Vague,
                article: false,
                zero: kind == NumberKind::Zero,
            });
        }
        let mut i = 0;
        while i < toks.len() {
            if out
                .iter()
                .any(|q| toks[i].start >= q.start && toks[i].start < q.end)
            {
                i += 1;
                continue;
            }
            let Some((value, kind, next)) = self.read_number(toks, i) else {
                i += 1;
                continue;
            };
            // Part of a date or a time ("24/10", "14h30", "le 3 mars")? Those are left to the date parser;
            // the caller drops quantities that overlap dates.
            let article =
                kind == NumberKind::Exact && self.grammar.articles.contains(&toks[i].text);
            let mut q = Quantity {
                start: toks[i].start,
                end: toks[next - 1].end,
                value,
                high: None,
                approximate: kind == NumberKind::Approx || kind == NumberKind::Vague,
                vague: kind == NumberKind::Vague,
                article,
                zero: false,
            };
            if self.approx_before_at(toks, i) {
                q.approximate = true;
            }
            let mut after = next;
            // A range: "10 à 15", "between 10 and 15", "10-15".
            if let Some(t) = toks.get(next) {
                if self.grammar.range_words.contains(&t.text) || t.is_punct("-") {
                    if let Some((hi, NumberKind::Exact, n2)) = toks
                        .get(next + 1)
                        .and_then(|_| self.read_number(toks, next + 1))
                    {
                        if hi > value && !q.article {
                            q.high = Some(hi);
                            q.end = toks[n2 - 1].end;
                            after = n2;
                        }
                    }
                }
            }
            out.push(q);
            i = after;
        }
        out.sort_by_key(|q| q.start);
        out
    }

    fn approx_before_at(&self, toks: &[Tok<'_>], i: usize) -> bool {
        let from = i.saturating_sub(2);
        toks[from..i]
            .iter()
            .any(|t| self.grammar.approx_before.contains(&t.text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::data::registry;

    fn values(lang: Language, text: &str) -> Vec<(u32, Option<u32>, bool, bool)> {
        let d = registry().into_iter().find(|d| d.language == lang).unwrap();
        let l = NumberLexicon::from_tsv(lang, "numbers.tsv", d.numbers).unwrap();
        let f = vigie_text::fold::fold_str(text);
        l.find(&f, 0, f.len())
            .iter()
            .filter(|q| !q.article)
            .map(|q| (q.value, q.high, q.approximate, q.vague))
            .collect()
    }

    #[test]
    fn french_numbers() {
        assert_eq!(
            values(Language::Fr, "vingt-deux soldats"),
            vec![(22, None, false, false)]
        );
        assert_eq!(
            values(Language::Fr, "quatre-vingt-dix"),
            vec![(90, None, false, false)]
        );
        assert_eq!(
            values(Language::Fr, "soixante-dix-sept"),
            vec![(77, None, false, false)]
        );
        assert_eq!(
            values(Language::Fr, "vingt et un"),
            vec![(21, None, false, false)]
        );
        assert_eq!(
            values(Language::Fr, "une dizaine de civils"),
            vec![(10, None, true, false)]
        );
        assert_eq!(
            values(Language::Fr, "au moins 12 morts"),
            vec![(12, None, true, false)]
        );
        assert_eq!(
            values(Language::Fr, "entre 10 et 15 morts"),
            vec![(10, Some(15), true, false)]
        );
        assert_eq!(
            values(Language::Fr, "plusieurs blessés"),
            vec![(3, None, true, true)]
        );
        assert_eq!(
            values(Language::Fr, "1 200 déplacés"),
            vec![(1200, None, false, false)]
        );
    }

    #[test]
    fn english_numbers() {
        assert_eq!(
            values(Language::En, "twenty-two soldiers"),
            vec![(22, None, false, false)]
        );
        assert_eq!(
            values(Language::En, "more than twenty"),
            vec![(20, None, true, false)]
        );
        assert_eq!(
            values(Language::En, "one hundred and five"),
            vec![(105, None, false, false)]
        );
        assert_eq!(
            values(Language::En, "dozens of civilians"),
            vec![(12, None, true, false)]
        );
        assert_eq!(
            values(Language::En, "several people"),
            vec![(3, None, true, true)]
        );
    }
}
