//! Toponym recognition: find the place names of a report, note the words
//! before them (the cue the geocoder reads: "la commune de", "à 30 km au sud
//! de", "near"), and collect the document's geographic context (countries
//! in focus, admin units named) for disambiguation.
//!
//! A name is a run of capitalised words ("Tin-Zaouatene", "Bobo-Dioulasso",
//! "Karre II") that the gazetteer knows under some spelling; the longest
//! known sub-run wins. Capitalised words that are actors, dates or in the
//! stop list are never places.

use vigie_core::Geocoder;

use crate::lexicon::{parse_tsv, Hit, PhraseSet, RawMatch};
use crate::ExtractError;

/// What the words before a name say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceCue {
    Locative,
    Near,
    Between,
    Admin1,
    Admin2,
    Admin3,
    Stop,
    /// A street, square or avenue named with the following (French
    /// "place de l'Indépendance") or the preceding (English "Independence
    /// Square") capitalised words: a landmark inside a town, whose name
    /// is not a settlement's.
    LandmarkBefore,
    LandmarkAfter,
    Country(CountryCode),
}

impl PlaceCue {
    /// Whether the cue only tells what is *not* a place (it is never the
    /// cue the geocoder reads).
    pub fn blocks(self) -> bool {
        matches!(
            self,
            PlaceCue::Stop
                | PlaceCue::Country(_)
                | PlaceCue::LandmarkBefore
                | PlaceCue::LandmarkAfter
        )
    }
}

/// An ISO alpha-2 code, stored inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CountryCode(pub [u8; 2]);

impl CountryCode {
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

/// The compiled place-cue lexicon of one language.
#[derive(Debug)]
pub struct PlaceLexicon {
    set: PhraseSet<PlaceCue>,
}

impl PlaceLexicon {
    pub fn from_tsv(file: &str, text: &str) -> Result<Self, ExtractError> {
        let mut items = Vec::new();
        for cols in parse_tsv(file, text, 2)? {
            let cue = match cols[1] {
                "locative" => PlaceCue::Locative,
                "near" => PlaceCue::Near,
                "between" => PlaceCue::Between,
                "admin1" => PlaceCue::Admin1,
                "admin2" => PlaceCue::Admin2,
                "admin3" => PlaceCue::Admin3,
                "stop" => PlaceCue::Stop,
                "landmark_before" => PlaceCue::LandmarkBefore,
                "landmark_after" => PlaceCue::LandmarkAfter,
                "country" => {
                    let code = cols
                        .get(2)
                        .map(|c| c.as_bytes())
                        .filter(|c| c.len() == 2)
                        .ok_or_else(|| ExtractError::Lexicon {
                            file: file.into(),
                            message: format!("{:?}: country needs an ISO code", cols[0]),
                        })?;
                    PlaceCue::Country(CountryCode([
                        code[0].to_ascii_uppercase(),
                        code[1].to_ascii_uppercase(),
                    ]))
                }
                k => {
                    return Err(ExtractError::Lexicon {
                        file: file.into(),
                        message: format!("unknown kind {k:?}"),
                    })
                }
            };
            items.push((cols[0].to_string(), cue));
        }
        Ok(PlaceLexicon {
            set: PhraseSet::build(file, items)?,
        })
    }

    pub fn find(&self, folded: &str) -> Vec<(usize, usize, PlaceCue)> {
        Self::hits(self.set.find(folded))
    }

    /// The folded phrases, for a [`crate::lexicon::PhraseScan`] with other lexicons.
    pub fn phrases(&self) -> &[String] {
        self.set.patterns()
    }

    /// [`Self::find`] from this lexicon's matches in a [`crate::lexicon::PhraseScan`].
    pub fn find_raw(&self, folded: &str, raw: &[RawMatch]) -> Vec<(usize, usize, PlaceCue)> {
        Self::hits(self.set.select(folded, raw.iter().copied()))
    }

    fn hits(hits: Vec<Hit<'_, PlaceCue>>) -> Vec<(usize, usize, PlaceCue)> {
        hits.into_iter()
            .map(|h| (h.start, h.end, *h.payload))
            .collect()
    }
}

/// A place name found in the clean text.
#[derive(Debug, Clone, PartialEq)]
pub struct ToponymSpan {
    /// Byte range in the clean text.
    pub start: usize,
    pub end: usize,
    /// The name as written.
    pub name: String,
    /// The strongest cue right before it.
    pub cue: Option<PlaceCue>,
    /// The cue words as written, up to the name ("à 30 km au sud de").
    pub cue_text: Option<String>,
    /// Inside parentheses right after another toponym: an admin path in ACLED notes.
    pub admin_path: bool,
    /// Part of an enumeration of three or more places.
    pub in_list: bool,
}

impl ToponymSpan {
    pub fn is_admin_context(&self) -> bool {
        self.admin_path || matches!(self.cue, Some(PlaceCue::Admin1 | PlaceCue::Admin2))
    }
}

/// A capitalised word in clean text.
#[derive(Debug, Clone, Copy)]
struct CapWord {
    start: usize,
    end: usize,
}

fn cap_words(clean: &str, start: usize, end: usize) -> Vec<CapWord> {
    let mut out = Vec::new();
    let text = &clean[start..end];
    let mut iter = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = iter.next() {
        // A name starts after a space or punctuation, and after an elided
        // article or preposition ("d'Ansongo", "l'Aïr"); inside a name an
        // apostrophe or hyphen continues it ("N'Djamena", "Tin-Zaouatene").
        let word_start = prev
            .map(|p| {
                !(p.is_alphanumeric() || p == '-') || ((p == '\'' || p == '’') && c.is_uppercase())
            })
            .unwrap_or(true);
        if word_start && c.is_uppercase() {
            let mut j = i + c.len_utf8();
            let mut last = c;
            while let Some(&(k, d)) = iter.peek() {
                let inner = matches!(d, '-' | '\'' | '’');
                if d.is_alphanumeric() || inner {
                    j = k + d.len_utf8();
                    last = d;
                    iter.next();
                } else {
                    break;
                }
            }
            // Trailing apostrophe/hyphen belongs to what follows ("l'").
            let mut e = j;
            if matches!(last, '-' | '\'' | '’') {
                e -= last.len_utf8();
            }
            out.push(CapWord {
                start: start + i,
                end: start + e,
            });
            prev = Some(last);
            continue;
        }
        prev = Some(c);
    }
    out
}

/// Whether only spaces separate `a` and `b` in `clean`.
fn adjacent(clean: &str, a: &CapWord, b: &CapWord) -> bool {
    clean
        .get(a.end..b.start)
        .map(|g| !g.is_empty() && g.chars().all(|c| c == ' '))
        .unwrap_or(false)
}

/// Roman numerals that continue a name ("Karre II").
fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Finds toponyms in `clean[start..end]`.
///
/// `excluded(a, b)` says whether a clean range is already something else
/// (an actor, a date, a stop word) and must not be a place.
pub fn find(
    clean: &str,
    start: usize,
    end: usize,
    geocoder: &dyn Geocoder,
    excluded: &dyn Fn(usize, usize) -> bool,
) -> Vec<ToponymSpan> {
    let words = cap_words(clean, start, end);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        // Group adjacent capitalised words (max 4).
        let mut j = i + 1;
        while j < words.len() && j - i < 4 && adjacent(clean, &words[j - 1], &words[j]) {
            j += 1;
        }
        let mut next: Option<usize> = None;
        // Longest known sub-run, leftmost first.
        'outer: for len in (1..=j - i).rev() {
            for s in i..=j - len {
                let (a, b) = (words[s].start, words[s + len - 1].end);
                let name = &clean[a..b];
                if name.chars().count() < 2 || excluded(a, b) {
                    continue;
                }
                if len == 1 && is_roman(name) {
                    continue;
                }
                if geocoder.knows(name) {
                    out.push(ToponymSpan {
                        start: a,
                        end: b,
                        name: name.to_string(),
                        cue: None,
                        cue_text: None,
                        admin_path: false,
                        in_list: false,
                    });
                    next = Some(s + len);
                    break 'outer;
                }
            }
        }
        i = next.unwrap_or(i + 1);
    }
    mark_admin_paths(clean, &mut out);
    out
}

/// Marks ACLED admin paths ("Tangounga (Foutouri, Komondjari)").
fn mark_admin_paths(clean: &str, tops: &mut [ToponymSpan]) {
    // Admin paths: "(A, B)" or "(A)" right after a toponym.
    for k in 0..tops.len() {
        let after = &clean[tops[k].end..];
        let trimmed = after.trim_start();
        if !trimmed.starts_with('(') {
            continue;
        }
        let open = tops[k].end + (after.len() - trimmed.len());
        let Some(close_rel) = clean[open..].find(')') else {
            continue;
        };
        let close = open + close_rel;
        for t in tops.iter_mut().skip(k + 1) {
            if t.start > open && t.end <= close {
                t.admin_path = true;
            }
        }
    }
}

/// Marks enumerations ("Tessalit, Aguelhok, Gondam, …"): three or more
/// toponyms separated only by commas / "et" / "and". Runs after the cues
/// are attached, since a run opened by "between"/"entre" is one stretch of
/// road, not a list; admin names (paths, "province de …") do not count.
pub fn mark_lists(clean: &str, tops: &mut [&mut ToponymSpan]) {
    let mut run_start = 0;
    for k in 1..=tops.len() {
        let joined = k < tops.len() && {
            let gap = clean.get(tops[k - 1].end..tops[k].start).unwrap_or("x");
            let g = gap.trim();
            g == "," || g == ", et" || g == "et" || g == ", and" || g == "and" || g == ";"
        };
        if !joined {
            let counted = tops[run_start..k]
                .iter()
                .filter(|t| !t.is_admin_context())
                .count();
            let stretch = matches!(tops[run_start].cue, Some(PlaceCue::Between));
            if counted >= 3 && !stretch {
                for t in tops[run_start..k].iter_mut() {
                    t.in_list = true;
                }
            }
            run_start = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_core::{GeoResolution, ToponymQuery};

    struct Known(&'static [&'static str]);
    impl Geocoder for Known {
        fn resolve(&self, q: &ToponymQuery) -> GeoResolution {
            GeoResolution::unresolved(q.name.clone())
        }
        fn knows(&self, name: &str) -> bool {
            self.0.iter().any(|k| k.eq_ignore_ascii_case(name))
        }
        fn admin_level(&self, _: &str) -> Option<u8> {
            None
        }
        fn version(&self) -> String {
            "test".into()
        }
    }

    #[test]
    fn finds_known_names_lists_and_admin_paths() {
        let g = Known(&[
            "Kidal",
            "Tessalit",
            "Aguelhok",
            "Gondam",
            "Tangounga",
            "Foutouri",
            "Komondjari",
            "Karre II",
        ]);
        let t = "Des frappes à Tessalit, Aguelhok, Gondam et Kidal. Attack in Tangounga (Foutouri, Komondjari) and Karre II.";
        let mut tops = find(t, 0, t.len(), &g, &|_, _| false);
        mark_lists(t, &mut tops.iter_mut().collect::<Vec<_>>());
        let names: Vec<&str> = tops.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Tessalit",
                "Aguelhok",
                "Gondam",
                "Kidal",
                "Tangounga",
                "Foutouri",
                "Komondjari",
                "Karre II"
            ]
        );
        assert!(tops[..4].iter().all(|t| t.in_list));
        assert!(tops[5].admin_path && tops[6].admin_path && !tops[4].admin_path);
    }

    #[test]
    fn names_after_an_elided_article_are_found() {
        let g = Known(&["Ansongo", "N'Djamena"]);
        let t = "dans le cercle d'Ansongo, puis vers N'Djamena";
        let names: Vec<String> = find(t, 0, t.len(), &g, &|_, _| false)
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(names, vec!["Ansongo", "N'Djamena"]);
    }

    #[test]
    fn a_stretch_between_two_places_is_not_a_list() {
        let g = Known(&["Baraboule", "Petegoli", "Soum"]);
        let t = "ambushed between Baraboule and Petegoli, Soum province";
        let mut tops = find(t, 0, t.len(), &g, &|_, _| false);
        tops[0].cue = Some(PlaceCue::Between);
        mark_lists(t, &mut tops.iter_mut().collect::<Vec<_>>());
        assert!(tops.iter().all(|t| !t.in_list));
        tops[0].cue = None;
        mark_lists(t, &mut tops.iter_mut().collect::<Vec<_>>());
        assert!(tops.iter().all(|t| t.in_list));
    }
}
