//! Dates: absolute ("24 octobre 2025", "Oct. 24", "24/10/2025"), weekday
//! ("jeudi", "Sunday"), relative ("hier", "la semaine dernière", "dans la
//! nuit de samedi à dimanche") — found in the folded text and resolved
//! against the document's publication date with ACLED's time precision.
//!
//! Words live in `data/lexicons/<lang>/dates.tsv`; the few grammar words
//! each language needs (ordinals, "1er", range connectors) are in
//! [`fr`] and [`en`].

pub mod en;
pub mod era;
pub mod fr;
pub mod year;

use vigie_core::hash::WordMap;

use jiff::civil::{Date, Weekday};
use vigie_core::{Language, TimePrecision};

use crate::lexicon::{parse_tsv, PhraseSet, RawMatch};
use crate::tokens::{tokenize, Tok};
use crate::ExtractError;

/// What the text says, before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateExpr {
    /// Day and month, with the year if written and the weekday if named
    /// ("vendredi 19 juin": the weekday can fix a missing year).
    DayMonth {
        day: u8,
        month: u8,
        year: Option<i16>,
        weekday: Option<u8>,
    },
    /// A weekday; `last` when marked "dernier"/"last".
    Weekday {
        weekday: u8,
        last: bool,
    },
    /// N days before publication (hier = 1).
    DaysAgo(u8),
    LastWeek,
    LastWeekend,
    LastMonth,
    /// A month, with the part of it when said ("début mars" = early).
    Month {
        month: u8,
        year: Option<i16>,
        part: MonthPart,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthPart {
    Whole,
    Early,
    Mid,
    Late,
}

/// A date expression in the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub expr: DateExpr,
    /// "around", "between … and …", "vers le": the day is approximate.
    pub approximate: bool,
    /// "après celle du 5 juin", "like the one on 3 May": the date of
    /// another happening the sentence compares with, not of its own.
    pub elsewhere: bool,
}

/// The per-language grammar words the parser needs beyond the data file.
pub struct DateGrammar {
    /// Words before a day that mean "around" / "between".
    pub approx_words: &'static [&'static str],
    /// Words joining two days of a range ("22 et 27 août", "29 - 31 May").
    pub range_words: &'static [&'static str],
    /// Ordinal suffixes glued to a day number ("1er", "28th").
    pub ordinal_suffixes: &'static [&'static str],
    /// Filler between day and month ("28th of June").
    pub day_month_fillers: &'static [&'static str],
    /// Prepositions that make a bare month a date ("en mars", "in March").
    pub month_prepositions: &'static [&'static str],
    /// A pronoun standing for another happening and the prepositions that
    /// join it to a date: "celle du 5 juin", "the one on 3 May".
    pub elsewhere_pronouns: &'static [(&'static str, &'static [&'static str])],
}

/// The compiled date lexicon of one language.
pub struct DateLexicon {
    months: WordMap<u8>,
    weekdays: WordMap<u8>,
    last_words: Vec<String>,
    qualifiers: WordMap<MonthPart>,
    relative: PhraseSet<DateExpr>,
    /// Words that open a publication line ("Publié le", "Published on").
    publication: PhraseSet<()>,
    grammar: &'static DateGrammar,
}

impl std::fmt::Debug for DateLexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DateLexicon({} months)", self.months.len())
    }
}

impl DateLexicon {
    pub fn from_tsv(language: Language, file: &str, text: &str) -> Result<Self, ExtractError> {
        let grammar = match language {
            Language::Fr => &fr::GRAMMAR,
            Language::En => &en::GRAMMAR,
        };
        let err = |m: String| ExtractError::Lexicon {
            file: file.into(),
            message: m,
        };
        let mut months = WordMap::default();
        let mut weekdays = WordMap::default();
        let mut last_words = Vec::new();
        let mut qualifiers = WordMap::default();
        let mut relative = Vec::new();
        let mut publication = Vec::new();
        for cols in parse_tsv(file, text, 2)? {
            let word = vigie_text::fold::fold_str(cols[0]);
            let value = cols.get(2).copied().unwrap_or("");
            match cols[1] {
                "month" => {
                    let m: u8 = value
                        .parse()
                        .map_err(|_| err(format!("bad month number for {word}")))?;
                    months.insert(word, m);
                }
                "weekday" => {
                    let d: u8 = value
                        .parse()
                        .map_err(|_| err(format!("bad weekday number for {word}")))?;
                    weekdays.insert(word, d);
                }
                "last" => last_words.push(word),
                "qualifier" => {
                    let part = match value {
                        "early" => MonthPart::Early,
                        "mid" => MonthPart::Mid,
                        "late" => MonthPart::Late,
                        _ => return Err(err(format!("qualifier {word}: want early/mid/late"))),
                    };
                    qualifiers.insert(word, part);
                }
                "relative" => {
                    let expr = match value {
                        "week" => DateExpr::LastWeek,
                        "weekend" => DateExpr::LastWeekend,
                        "month" => DateExpr::LastMonth,
                        n => DateExpr::DaysAgo(
                            n.parse()
                                .map_err(|_| err(format!("relative {word}: {n}")))?,
                        ),
                    };
                    relative.push((word, expr));
                }
                "publication" => publication.push((word, ())),
                other => return Err(err(format!("unknown kind {other:?}"))),
            }
        }
        Ok(DateLexicon {
            months,
            weekdays,
            last_words,
            qualifiers,
            relative: PhraseSet::build(file, relative)?,
            publication: PhraseSet::build(file, publication)?,
            grammar,
        })
    }

    fn day(&self, t: &Tok<'_>) -> Option<u8> {
        let digits: &str = {
            let mut s = t.text;
            for suf in self.grammar.ordinal_suffixes {
                if let Some(p) = s.strip_suffix(suf) {
                    s = p;
                    break;
                }
            }
            s
        };
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: u8 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    fn year(t: &Tok<'_>) -> Option<i16> {
        if t.text.len() != 4 {
            return None;
        }
        let y: i16 = t.text.parse().ok()?;
        (1900..=2100).contains(&y).then_some(y)
    }

    fn month_at(&self, toks: &[Tok<'_>], i: usize) -> Option<(u8, usize)> {
        let m = *self.months.get(toks.get(i)?.text)?;
        // "Oct." — swallow the abbreviation dot.
        let next = if toks.get(i + 1).map(|t| t.is_punct(".")).unwrap_or(false) {
            i + 2
        } else {
            i + 1
        };
        Some((m, next))
    }

    /// Year after a day-month, skipping a comma.
    fn year_at(toks: &[Tok<'_>], i: usize) -> Option<(i16, usize)> {
        let j = if toks.get(i).map(|t| t.is_punct(",")).unwrap_or(false) {
            i + 1
        } else {
            i
        };
        Some((Self::year(toks.get(j)?)?, j + 1))
    }

    /// A day-month whose tokens end before `after`, with the year that
    /// follows if any.
    fn day_month(toks: &[Tok<'_>], day: u8, month: u8, after: usize) -> (DateExpr, usize) {
        let (year, next) = match Self::year_at(toks, after) {
            Some((y, n)) => (Some(y), n),
            None => (None, after),
        };
        let expr = DateExpr::DayMonth {
            day,
            month,
            year,
            weekday: None,
        };
        (expr, next)
    }

    /// Finds the date expressions in `folded[start..end]`.
    pub fn find(&self, folded: &str, start: usize, end: usize) -> Vec<DateMention> {
        self.find_in(folded, start, end, &tokenize(folded, start, end))
    }

    /// [`Self::find`] over the range's tokens, already made (the number
    /// parser reads the same sentence tokens).
    /// Whether the date at `start` is given by a publication line: a line
    /// that opens with "Publié le", "Mis à jour le", "Published on"… right
    /// before it. Scraped pages keep such lines; they date the report, not
    /// the event. A phrase inside a sentence ("Amnesty a publié le 12 mars
    /// un rapport") is not a publication line.
    pub fn publication_line_before(&self, folded: &str, start: usize) -> bool {
        let line_start = folded
            .get(..start)
            .and_then(|h| h.rfind('\n'))
            .map_or(0, |i| i + 1);
        let Some(head) = folded.get(line_start..start) else {
            return false;
        };
        self.publication.find(head).iter().any(|h| {
            let gap = head[h.end..]
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '-'));
            head[..h.start].trim().is_empty() && matches!(gap, "" | "le" | "on" | "the")
        })
    }

    pub fn find_in(
        &self,
        folded: &str,
        start: usize,
        end: usize,
        toks: &[Tok<'_>],
    ) -> Vec<DateMention> {
        self.find_in_scanned(folded, start, end, toks, None)
    }

    /// The relative-date phrases, for a whole-text [`crate::lexicon::PhraseScan`].
    pub fn relative_phrases(&self) -> &[String] {
        self.relative.patterns()
    }

    /// [`Self::find_in`]; with `raw`, the relative phrases come from the
    /// raw matches of [`Self::relative_phrases`] in a whole-text scan
    /// instead of a pass over the range.
    pub fn find_in_scanned(
        &self,
        folded: &str,
        start: usize,
        end: usize,
        toks: &[Tok<'_>],
        raw: Option<&[RawMatch]>,
    ) -> Vec<DateMention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if let Some((expr, next)) = self.parse_at(toks, i) {
                let approximate = self.approx_before(toks, i)
                    || matches!(expr, DateExpr::DayMonth { .. } if self.range_follows(toks, i));
                out.push(DateMention {
                    start: toks[i].start,
                    end: toks[next - 1].end,
                    expr,
                    approximate,
                    elsewhere: self.elsewhere_before(toks, i),
                });
                i = next;
            } else {
                i += 1;
            }
        }
        for h in self.relative.find_in_range(folded, start, end, raw) {
            let (s, e) = (start + h.start, start + h.end);
            if out.iter().all(|m| e <= m.start || s >= m.end) {
                out.push(DateMention {
                    start: s,
                    end: e,
                    expr: *h.payload,
                    approximate: false,
                    elsewhere: false,
                });
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }

    fn approx_before(&self, toks: &[Tok<'_>], i: usize) -> bool {
        let from = i.saturating_sub(3);
        toks[from..i]
            .iter()
            .any(|t| self.grammar.approx_words.contains(&t.text))
    }

    /// "celle du" / "the one on" right before the date.
    fn elsewhere_before(&self, toks: &[Tok<'_>], i: usize) -> bool {
        let (Some(pronoun), Some(prep)) = (
            i.checked_sub(2).and_then(|k| toks.get(k)),
            i.checked_sub(1).and_then(|k| toks.get(k)),
        ) else {
            return false;
        };
        self.grammar
            .elsewhere_pronouns
            .iter()
            .any(|(p, preps)| *p == pronoun.text && preps.contains(&prep.text))
    }

    fn range_follows(&self, toks: &[Tok<'_>], i: usize) -> bool {
        toks.get(i + 1)
            .map(|t| self.grammar.range_words.contains(&t.text))
            .unwrap_or(false)
    }

    fn parse_at(&self, toks: &[Tok<'_>], i: usize) -> Option<(DateExpr, usize)> {
        let t = &toks[i];
        // Every form below starts with digits (a numeric date, a day), a
        // month or a weekday: other words, most of a text, are let go
        // before the ordinal suffixes are tried and the month looked up
        // twice.
        if !t.text.starts_with(|c: char| c.is_ascii_digit())
            && !self.months.contains_key(t.text)
            && !self.weekdays.contains_key(t.text)
        {
            return None;
        }
        // Numeric: 24/10/2025, 24.10.2025, 2025-10-24.
        if t.is_number() {
            if let Some(r) = numeric_date(toks, i) {
                return Some(r);
            }
        }
        // DAY [range DAY] [of] MONTH [YEAR]
        if let Some(day) = self.day(t) {
            let mut j = i + 1;
            // "22 et 27 août", "29 - 31 May": keep the first day.
            if toks
                .get(j)
                .map(|t| self.grammar.range_words.contains(&t.text))
                .unwrap_or(false)
            {
                // "27 et 31 mars", "27 et le 31 mars", "29 and the 31st of May".
                let k = if toks
                    .get(j + 1)
                    .map(|t| matches!(t.text, "le" | "the"))
                    .unwrap_or(false)
                {
                    j + 2
                } else {
                    j + 1
                };
                if toks.get(k).and_then(|t| self.day(t)).is_some() {
                    j = k + 1;
                }
            }
            if toks
                .get(j)
                .map(|t| self.grammar.day_month_fillers.contains(&t.text))
                .unwrap_or(false)
            {
                j += 1;
            }
            if let Some((month, after)) = self.month_at(toks, j) {
                return Some(Self::day_month(toks, day, month, after));
            }
        }
        // MONTH DAY[,] [YEAR]  ("October 24, 2025", "Oct. 24")
        if let Some((month, after)) = self.month_at(toks, i) {
            if let Some(day) = toks.get(after).and_then(|t| self.day(t)) {
                // Not "March 2020" (a year is four digits, a day at most two).
                return Some(Self::day_month(toks, day, month, after + 1));
            }
            // [qualifier|preposition] MONTH [YEAR]
            let prev = i.checked_sub(1).map(|p| toks[p].text);
            let prev2 = i.checked_sub(2).map(|p| toks[p].text);
            let part = prev
                .and_then(|p| self.qualifiers.get(p).copied())
                .or_else(|| {
                    // "mi-mars": qualifier, hyphen, month.
                    if prev == Some("-") {
                        prev2.and_then(|p| self.qualifiers.get(p).copied())
                    } else {
                        None
                    }
                })
                .or_else(|| {
                    prev.and_then(|p| (p == "de" || p == "of").then_some(()))
                        .and(prev2.and_then(|p| self.qualifiers.get(p).copied()))
                });
            let year = Self::year_at(toks, after);
            let with_prep = prev
                .map(|p| self.grammar.month_prepositions.contains(&p))
                .unwrap_or(false);
            if part.is_some() || year.is_some() || with_prep {
                let (year, next) = match year {
                    Some((y, n)) => (Some(y), n),
                    None => (None, after),
                };
                return Some((
                    DateExpr::Month {
                        month,
                        year,
                        part: part.unwrap_or(MonthPart::Whole),
                    },
                    next,
                ));
            }
        }
        // WEEKDAY [DAY MONTH …] | WEEKDAY [dernier] [à WEEKDAY]
        if let Some(&wd) = self.weekdays.get(t.text) {
            let mut j = i + 1;
            if toks.get(j).map(|t| t.is_punct(",")).unwrap_or(false) {
                j += 1;
            }
            if let Some((
                DateExpr::DayMonth {
                    day, month, year, ..
                },
                next,
            )) = toks.get(j).and_then(|_| self.parse_at(toks, j))
            {
                let named = DateExpr::DayMonth {
                    day,
                    month,
                    year,
                    weekday: Some(wd),
                };
                return Some((named, next));
            }
            let mut next = i + 1;
            let prev_last = i
                .checked_sub(1)
                .map(|p| self.last_words.iter().any(|w| w == toks[p].text))
                .unwrap_or(false);
            let mut last = prev_last;
            if toks
                .get(next)
                .map(|t| self.last_words.iter().any(|w| w == t.text))
                .unwrap_or(false)
            {
                last = true;
                next += 1;
            }
            // "nuit de samedi à dimanche": the night starts on the first day.
            if toks
                .get(next)
                .map(|t| self.grammar.range_words.contains(&t.text))
                .unwrap_or(false)
                && toks
                    .get(next + 1)
                    .map(|t| self.weekdays.contains_key(t.text))
                    .unwrap_or(false)
            {
                next += 2;
            }
            return Some((DateExpr::Weekday { weekday: wd, last }, next));
        }
        None
    }
}

fn numeric_date(toks: &[Tok<'_>], i: usize) -> Option<(DateExpr, usize)> {
    let a = toks.get(i)?;
    let sep = toks.get(i + 1)?;
    if !(sep.is_punct("/") || sep.is_punct(".") || sep.is_punct("-")) {
        return None;
    }
    let b = toks.get(i + 2)?;
    if !toks.get(i + 3)?.is_punct(sep.text) {
        return None;
    }
    let c = toks.get(i + 4)?;
    let (x, y, z) = (a.number()?, b.number()?, c.number()?);
    let (day, month, year) = if a.text.len() == 4 {
        (z, y, x)
    } else {
        (x, y, z)
    };
    let year = if year < 100 { 2000 + year } else { year };
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) || !(1900..=2100).contains(&year) {
        return None;
    }
    Some((
        DateExpr::DayMonth {
            day: day as u8,
            month: month as u8,
            year: Some(year as i16),
            weekday: None,
        },
        i + 5,
    ))
}

/// A resolved date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedDate {
    pub date: Date,
    pub precision: TimePrecision,
    /// Whether the year came from the text (not inferred from publication).
    pub explicit_year: bool,
}

/// Resolves a mention against the publication date. `None` when the text
/// alone cannot fix the date (a weekday with no publication date).
pub fn resolve(m: &DateMention, published: Option<Date>) -> Option<ResolvedDate> {
    let approx = |p: TimePrecision| {
        if m.approximate && p == TimePrecision::Day {
            TimePrecision::Week
        } else {
            p
        }
    };
    match m.expr {
        DateExpr::DayMonth {
            day,
            month,
            year: Some(y),
            ..
        } => {
            let date = Date::new(y, month as i8, day as i8).ok()?;
            Some(ResolvedDate {
                date,
                precision: approx(TimePrecision::Day),
                explicit_year: true,
            })
        }
        DateExpr::DayMonth {
            day,
            month,
            year: None,
            ..
        } => {
            let p = published?;
            let mut date = Date::new(p.year(), month as i8, day as i8).ok()?;
            // A day-month after publication is last year's ("le 28 décembre" in a January report).
            if date > p.checked_add(jiff::Span::new().days(2)).ok()? {
                date = Date::new(p.year() - 1, month as i8, day as i8).ok()?;
            }
            Some(ResolvedDate {
                date,
                precision: approx(TimePrecision::Day),
                explicit_year: false,
            })
        }
        DateExpr::Weekday { weekday, last } => {
            let p = published?;
            let target = weekday_from(weekday)?;
            let mut back = (p.weekday().to_monday_zero_offset() - target.to_monday_zero_offset())
                .rem_euclid(7);
            if back == 0 && last {
                back = 7;
            }
            let date = p
                .checked_sub(jiff::Span::new().days(i64::from(back)))
                .ok()?;
            Some(ResolvedDate {
                date,
                precision: approx(TimePrecision::Day),
                explicit_year: false,
            })
        }
        DateExpr::DaysAgo(n) => {
            let p = published?;
            let date = p.checked_sub(jiff::Span::new().days(i64::from(n))).ok()?;
            Some(ResolvedDate {
                date,
                precision: TimePrecision::Day,
                explicit_year: false,
            })
        }
        DateExpr::LastWeek => {
            let p = published?;
            // Wednesday of the previous week.
            let monday = p
                .checked_sub(
                    jiff::Span::new().days(i64::from(p.weekday().to_monday_zero_offset()) + 7),
                )
                .ok()?;
            let date = monday.checked_add(jiff::Span::new().days(2)).ok()?;
            Some(ResolvedDate {
                date,
                precision: TimePrecision::Week,
                explicit_year: false,
            })
        }
        DateExpr::LastWeekend => {
            let p = published?;
            let back = (p.weekday().to_monday_zero_offset() - 5).rem_euclid(7);
            let back = if back == 0 { 7 } else { back };
            let date = p
                .checked_sub(jiff::Span::new().days(i64::from(back)))
                .ok()?;
            Some(ResolvedDate {
                date,
                precision: TimePrecision::Week,
                explicit_year: false,
            })
        }
        DateExpr::LastMonth => {
            let p = published?;
            let first = p
                .first_of_month()
                .checked_sub(jiff::Span::new().months(1))
                .ok()?;
            let date = Date::new(first.year(), first.month(), 15).ok()?;
            Some(ResolvedDate {
                date,
                precision: TimePrecision::Month,
                explicit_year: false,
            })
        }
        DateExpr::Month { month, year, part } => {
            let (y, explicit) = match year {
                Some(y) => (y, true),
                None => {
                    let p = published?;
                    if month as i8 > p.month() {
                        (p.year() - 1, false)
                    } else {
                        (p.year(), false)
                    }
                }
            };
            let day = match part {
                MonthPart::Early => 5,
                MonthPart::Whole | MonthPart::Mid => 15,
                MonthPart::Late => 25,
            };
            let date = Date::new(y, month as i8, day).ok()?;
            Some(ResolvedDate {
                date,
                precision: TimePrecision::Month,
                explicit_year: explicit,
            })
        }
    }
}

fn weekday_from(n: u8) -> Option<Weekday> {
    Weekday::from_monday_one_offset(i8::try_from(n).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::data::registry;
    use jiff::civil::date;

    fn lex(lang: Language) -> DateLexicon {
        let d = registry().into_iter().find(|d| d.language == lang).unwrap();
        DateLexicon::from_tsv(lang, "dates.tsv", d.dates).unwrap()
    }

    fn first(lang: Language, text: &str, published: Option<Date>) -> Option<ResolvedDate> {
        let l = lex(lang);
        let f = vigie_text::fold::fold_str(text);
        let ms = l.find(&f, 0, f.len());
        ms.first().and_then(|m| resolve(m, published))
    }

    #[test]
    fn french_absolute_and_relative() {
        let pubd = Some(date(2025, 10, 27)); // a Monday
        let r = first(
            Language::Fr,
            "La Journée du 24 octobre 2025, les forces",
            None,
        )
        .unwrap();
        assert_eq!(
            (r.date, r.precision),
            (date(2025, 10, 24), TimePrecision::Day)
        );
        let r = first(Language::Fr, "le 1er mars, des hommes armés", pubd).unwrap();
        assert_eq!(r.date, date(2025, 3, 1));
        let r = first(Language::Fr, "hier soir à Gao", pubd).unwrap();
        assert_eq!(r.date, date(2025, 10, 26));
        let r = first(Language::Fr, "dans la nuit de samedi à dimanche", pubd).unwrap();
        assert_eq!(r.date, date(2025, 10, 25));
        let r = first(Language::Fr, "dimanche dernier", Some(date(2025, 10, 26))).unwrap();
        assert_eq!(r.date, date(2025, 10, 19));
        let r = first(Language::Fr, "le 24/10/2025", None).unwrap();
        assert_eq!(r.date, date(2025, 10, 24));
        let r = first(Language::Fr, "la semaine dernière", pubd).unwrap();
        assert_eq!(
            (r.date, r.precision),
            (date(2025, 10, 22), TimePrecision::Week)
        );
        let r = first(Language::Fr, "début mars 2020", None).unwrap();
        assert_eq!(r.precision, TimePrecision::Month);
    }

    #[test]
    fn english_forms() {
        let pubd = Some(date(2020, 12, 31));
        let r = first(Language::En, "On April 25, militants attacked", pubd).unwrap();
        assert_eq!(r.date, date(2020, 4, 25));
        let r = first(Language::En, "On 28 June 2020, JNIM", None).unwrap();
        assert_eq!(r.date, date(2020, 6, 28));
        let r = first(Language::En, "Oct. 24, 2025", None).unwrap();
        assert_eq!(r.date, date(2025, 10, 24));
        let r = first(
            Language::En,
            "Around 30 May 2020 (between 29 - 31 May)",
            None,
        )
        .unwrap();
        assert_eq!(
            (r.date, r.precision),
            (date(2020, 5, 30), TimePrecision::Week)
        );
        let r = first(Language::En, "on Thursday", Some(date(2025, 10, 27))).unwrap();
        assert_eq!(r.date, date(2025, 10, 23));
        assert!(first(Language::En, "on Thursday", None).is_none());
        let r = first(Language::En, "in early March 2019", None).unwrap();
        assert_eq!((r.date.month(), r.precision), (3, TimePrecision::Month));
    }

    #[test]
    fn a_day_month_after_publication_is_last_year() {
        let r = first(Language::Fr, "le 28 décembre", Some(date(2021, 1, 4))).unwrap();
        assert_eq!(r.date, date(2020, 12, 28));
    }

    #[test]
    fn march_the_protest_is_not_a_date_without_cues() {
        let l = lex(Language::En);
        let f = "protesters staged a march";
        assert!(l.find(f, 0, f.len()).is_empty());
    }
}
