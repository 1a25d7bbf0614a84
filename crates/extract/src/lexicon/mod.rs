//! Phrase lexicons compiled into one Aho-Corasick automaton each.
//!
//! Every lexicon file (`data/lexicons/<lang>/*.tsv`) is a list of phrases with
//! columns of payload. Phrases are folded with the same function as the text
//! ([`vigie_text::fold::fold_str`]), so matching is case- and accent-blind.
//! A phrase ending in `*` matches any word that starts with it; other phrases
//! match whole words only. Among overlapping matches the longest wins, then
//! the leftmost — so "mine d'or" (a block entry) beats "mine" (an IED).

pub mod data;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use vigie_text::fold::fold_str;

use crate::ExtractError;

/// One match in folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'a, T> {
    /// Byte range in the folded text (extended to the word end for `*` phrases).
    pub start: usize,
    pub end: usize,
    pub payload: &'a T,
}

/// A compiled phrase lexicon.
pub struct PhraseSet<T> {
    ac: AhoCorasick,
    entries: Vec<(bool, T)>, // (prefix match, payload)
    /// The folded phrases, in entry order (for a [`PhraseScan`] over
    /// several sets).
    patterns: Vec<String>,
}

/// A raw automaton match of one phrase set's pattern, before word
/// boundaries and overlaps are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawMatch {
    pub start: usize,
    pub end: usize,
    /// Entry number in its phrase set.
    pub entry: usize,
}

/// Builds the automata of the lexicons.
fn automaton<P: AsRef<[u8]>>(file: &str, patterns: &[P]) -> Result<AhoCorasick, ExtractError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        // A DFA costs memory at build time (lexicons are small) and
        // searches fastest: the automata run over every document.
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns)
        .map_err(|e| ExtractError::Lexicon {
            file: file.into(),
            message: e.to_string(),
        })
}

/// Several phrase sets searched in one pass over the text: one automaton
/// over all their phrases, each pattern remembering its set and entry.
/// Overlapping search reports every occurrence of every phrase, in order of
/// end offset, so each set receives exactly the matches its own automaton
/// would report, in the same order; [`PhraseSet::select`] then resolves
/// them as [`PhraseSet::find`] does.
pub struct PhraseScan {
    ac: AhoCorasick,
    /// Pattern number → (set, entry in the set).
    owners: Vec<(usize, usize)>,
    sets: usize,
}

impl std::fmt::Debug for PhraseScan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PhraseScan({} sets, {} phrases)",
            self.sets,
            self.owners.len()
        )
    }
}

impl PhraseScan {
    /// One automaton over the phrases of `sets` (each given by its phrases).
    pub fn build(file: &str, sets: &[&[String]]) -> Result<Self, ExtractError> {
        let mut patterns: Vec<&String> = Vec::new();
        let mut owners = Vec::new();
        for (k, set) in sets.iter().enumerate() {
            for (i, p) in set.iter().enumerate() {
                patterns.push(p);
                owners.push((k, i));
            }
        }
        let ac = automaton(file, &patterns)?;
        Ok(PhraseScan {
            ac,
            owners,
            sets: sets.len(),
        })
    }

    /// The raw matches of every set over `folded`, one list per set.
    pub fn scan(&self, folded: &str) -> Vec<Vec<RawMatch>> {
        let mut out = vec![Vec::new(); self.sets];
        for m in self.ac.find_overlapping_iter(folded) {
            if let Some(&(set, entry)) = self.owners.get(m.pattern().as_usize()) {
                out[set].push(RawMatch {
                    start: m.start(),
                    end: m.end(),
                    entry,
                });
            }
        }
        out
    }
}

impl<T> std::fmt::Debug for PhraseSet<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhraseSet({} phrases)", self.entries.len())
    }
}

/// Whether the byte at `i` of `s` is a word character (folded text is
/// mostly ASCII; any non-ASCII byte counts as a word byte).
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl<T> PhraseSet<T> {
    /// Compiles `(phrase, payload)` pairs. Phrases are folded here.
    pub fn build(file: &str, items: Vec<(String, T)>) -> Result<Self, ExtractError> {
        let mut patterns = Vec::with_capacity(items.len());
        let mut entries = Vec::with_capacity(items.len());
        for (phrase, payload) in items {
            let (p, prefix) = match phrase.strip_suffix('*') {
                Some(p) => (p, true),
                None => (phrase.as_str(), false),
            };
            let folded = fold_str(p.trim());
            if folded.is_empty() {
                return Err(ExtractError::Lexicon {
                    file: file.into(),
                    message: format!("empty phrase {phrase:?}"),
                });
            }
            patterns.push(folded);
            entries.push((prefix, payload));
        }
        let ac = automaton(file, &patterns)?;
        Ok(PhraseSet {
            ac,
            entries,
            patterns,
        })
    }

    /// The folded phrases, in entry order.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// All word-bounded matches, overlapping ones resolved longest-first.
    pub fn find<'a>(&'a self, folded: &str) -> Vec<Hit<'a, T>> {
        self.select(
            folded,
            self.ac.find_overlapping_iter(folded).map(|m| RawMatch {
                start: m.start(),
                end: m.end(),
                entry: m.pattern().as_usize(),
            }),
        )
    }

    /// [`Self::find`] on `folded[start..end]` (hits relative to `start`)
    /// from the raw matches of this set in a whole-text [`PhraseScan`]: the
    /// matches that lie inside the range are exactly those a scan of the
    /// range finds, so per-sentence lexicons need no pass of their own.
    pub fn find_within<'a>(
        &'a self,
        folded: &str,
        start: usize,
        end: usize,
        raw: &[RawMatch],
    ) -> Vec<Hit<'a, T>> {
        let end = end.min(folded.len());
        self.select(
            &folded[start..end],
            raw.iter()
                .filter(|m| m.start >= start && m.end <= end)
                .map(|m| RawMatch {
                    start: m.start - start,
                    end: m.end - start,
                    entry: m.entry,
                }),
        )
    }

    /// [`Self::find`] on `folded[start..end]` (hits relative to `start`):
    /// from a whole-text scan's raw matches when there are some
    /// ([`Self::find_within`]), else by a pass of its own over the range.
    pub fn find_in_range<'a>(
        &'a self,
        folded: &str,
        start: usize,
        end: usize,
        raw: Option<&[RawMatch]>,
    ) -> Vec<Hit<'a, T>> {
        match raw {
            Some(raw) => self.find_within(folded, start, end, raw),
            None => self.find(&folded[start..end.min(folded.len())]),
        }
    }

    /// [`Self::find`] from this set's raw matches over `folded` (from a
    /// [`PhraseScan`]), in the automaton's order.
    pub fn select<'a>(
        &'a self,
        folded: &str,
        raw: impl IntoIterator<Item = RawMatch>,
    ) -> Vec<Hit<'a, T>> {
        let bytes = folded.as_bytes();
        let mut cands: Vec<Hit<'a, T>> = Vec::new();
        for m in raw {
            let (start, mut end) = (m.start, m.end);
            let Some((prefix, payload)) = self.entries.get(m.entry) else {
                continue;
            };
            let prefix = *prefix;
            if start > 0 && is_word_byte(bytes[start - 1]) && is_word_byte(bytes[start]) {
                continue;
            }
            let ends_in_word = end < bytes.len()
                && is_word_byte(bytes[end])
                && end > 0
                && is_word_byte(bytes[end - 1]);
            if ends_in_word {
                if !prefix {
                    continue;
                }
                while end < bytes.len() && is_word_byte(bytes[end]) {
                    end += 1;
                }
            }
            cands.push(Hit {
                start,
                end,
                payload,
            });
        }
        select_longest(cands)
    }
}

/// Keeps a set of non-overlapping hits, preferring longer ones, then earlier.
fn select_longest<T>(mut cands: Vec<Hit<'_, T>>) -> Vec<Hit<'_, T>> {
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    let mut taken: Vec<Hit<'_, T>> = Vec::with_capacity(cands.len());
    for c in cands {
        if taken.iter().all(|t| c.end <= t.start || c.start >= t.end) {
            taken.push(c);
        }
    }
    taken.sort_by_key(|h| h.start);
    taken
}

/// Parses a TSV lexicon: `#` comments and blank lines skipped; returns the
/// columns of each line (at least `min_cols`).
pub fn parse_tsv<'a>(
    file: &str,
    text: &'a str,
    min_cols: usize,
) -> Result<Vec<Vec<&'a str>>, ExtractError> {
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if cols.len() < min_cols || cols[0].is_empty() {
            return Err(ExtractError::Lexicon {
                file: file.into(),
                message: format!(
                    "line {}: expected {min_cols} tab-separated columns, got {:?}",
                    n + 1,
                    line
                ),
            });
        }
        rows.push(cols);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[(&str, u8)]) -> PhraseSet<u8> {
        PhraseSet::build(
            "t",
            items.iter().map(|(p, v)| (p.to_string(), *v)).collect(),
        )
        .unwrap()
    }

    #[test]
    fn whole_words_and_prefixes() {
        let s = set(&[("mine", 1), ("attaqu*", 2), ("mine d'or", 3)]);
        let t = "une attaquee pres de la mine d'or; la mine; ministre";
        let hits: Vec<(&str, u8)> = s
            .find(t)
            .iter()
            .map(|h| (&t[h.start..h.end], *h.payload))
            .collect();
        assert_eq!(hits, vec![("attaquee", 2), ("mine d'or", 3), ("mine", 1)]);
    }

    #[test]
    fn tsv_errors_name_the_line() {
        let e = parse_tsv("x.tsv", "# c\nok\tv\nbad\n", 2).unwrap_err();
        assert!(e.to_string().contains("line 3"), "{e}");
    }
}
