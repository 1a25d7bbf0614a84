//! The year of a year-less date when the report has no publication date.
//!
//! Wire copy often drops the year ("vendredi 19 juin", "Wednesday 20
//! September") because the page's date gives it. Without that date the
//! text alone still narrows it down, the way a careful reader does:
//!
//! * a named weekday fixes the year up to a cycle of 5, 6 or 11 years
//!   (19 June fell on a Friday in 2015 and 2020);
//! * the report cannot be later than the day it is read (the reference
//!   date, today by default), so later candidates are out;
//! * the latest year the text writes ("le putsch du 18 août 2020", "depuis
//!   2016") is a floor: a report is written after the years it cites, and
//!   the first candidate from that floor is the likeliest;
//! * with no floor, the most recent candidate is taken — reports are read
//!   when they are news.
//!
//! Once a weekday has fixed one date, that date anchors the other year-less
//! day-months of the report ("le 13 novembre … hier, lundi 15 novembre"):
//! each takes the year that puts it closest to the anchor. Relative words
//! ("hier", "mardi") stay unresolved: they need the day of writing, which a
//! weekday elsewhere in the text does not give.

use jiff::civil::Date;

use super::era::Era;
use super::{DateExpr, DateMention, ResolvedDate};
use vigie_core::TimePrecision;

/// The earliest year considered; older candidates are not news.
const EARLIEST_YEAR: i16 = 1990;

/// Years written in full in the folded text (four digits, from
/// [`EARLIEST_YEAR`] to the reference year): the floor of the inference.
/// Counts ("3000 manifestants") above the reference year are ignored.
pub fn latest_written_year(folded: &str, reference: Date) -> Option<i16> {
    folded
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| t.len() == 4)
        .filter_map(|t| t.parse::<i16>().ok())
        .filter(|y| (EARLIEST_YEAR..=reference.year()).contains(y))
        .max()
}

/// The year of a weekday-named, year-less day-month, or `None` when no year
/// in range has that weekday on that day (a misprint) or the floor leaves
/// none.
pub fn year_from_weekday(
    day: u8,
    month: u8,
    weekday: u8,
    floor: Option<i16>,
    reference: Date,
) -> Option<i16> {
    pick_year(
        day,
        month,
        Some(weekday),
        floor,
        (EARLIEST_YEAR, reference.year()),
        reference,
    )
}

/// The year, from `lo` to `hi` and never after `reference`, in which
/// `day month` exists and, when `weekday` is given, falls on it: the first
/// from `floor` when the text writes one, else the latest.
pub fn pick_year(
    day: u8,
    month: u8,
    weekday: Option<u8>,
    floor: Option<i16>,
    (lo, hi): (i16, i16),
    reference: Date,
) -> Option<i16> {
    let candidates = (lo.max(EARLIEST_YEAR)..=hi.min(reference.year())).filter(|&y| {
        Date::new(y, month as i8, day as i8)
            .map(|d| {
                d <= reference
                    && weekday.is_none_or(|wd| d.weekday().to_monday_one_offset() == wd as i8)
            })
            .unwrap_or(false)
    });
    match floor {
        Some(f) => candidates.filter(|&y| y >= f).min(),
        None => candidates.max(),
    }
}

/// The year that puts `day month` closest to `anchor` (one year either
/// side), for the year-less day-months of a report whose year a weekday
/// fixed.
pub fn year_near(day: u8, month: u8, anchor: Date) -> Option<i16> {
    (anchor.year() - 1..=anchor.year() + 1)
        .filter_map(|y| Date::new(y, month as i8, day as i8).ok())
        .min_by_key(|d| (*d - anchor).get_days().abs())
        .map(|d| d.year())
}

/// What the text alone fixes for a report with no publication date.
#[derive(Debug, Clone)]
pub struct YearContext {
    /// The latest year written in the text.
    pub floor: Option<i16>,
    /// The first date a weekday fixed.
    pub anchor: Option<Date>,
    /// Every date a weekday fixed, by weekday (Monday = 1): a bare "jeudi"
    /// elsewhere in the report is that Thursday.
    pub named: Vec<(u8, Date)>,
    /// No event is later than this (the day the report is read).
    pub reference: Date,
    /// The years the report's office holders and groups allow.
    pub era: Era,
}

impl YearContext {
    pub fn new(mentions: &[DateMention], folded: &str, reference: Date, era: Era) -> Self {
        let floor = latest_written_year(folded, reference);
        let window = era_window(&era);
        let mut anchor = None;
        let mut named: Vec<(u8, Date)> = Vec::new();
        for m in mentions {
            let DateExpr::DayMonth {
                day,
                month,
                year,
                weekday: Some(wd),
            } = m.expr
            else {
                continue;
            };
            let y = match year {
                Some(y) => Some(y),
                None => pick_year(day, month, Some(wd), floor, window, reference)
                    .or_else(|| year_from_weekday(day, month, wd, floor, reference)),
            };
            let Some(d) = y.and_then(|y| Date::new(y, month as i8, day as i8).ok()) else {
                continue;
            };
            if d.weekday().to_monday_one_offset() != wd as i8 {
                continue;
            }
            if year.is_none() && anchor.is_none() {
                anchor = Some(d);
            }
            named.push((wd, d));
        }
        named.sort_unstable();
        named.dedup();
        YearContext {
            floor,
            anchor,
            named,
            reference,
            era,
        }
    }

    /// Resolves, from the text alone, a year-less day-month or a bare
    /// weekday that a weekday-named date of the report names too; other
    /// forms (relative words, written years) are [`super::resolve`]'s.
    ///
    /// A day-month with its weekday takes the year from the weekday within
    /// the era (or, if the era leaves none, without it); one without
    /// takes the year nearest the report's weekday-fixed date, or, when a
    /// titled office holder bounds the era from above, the era's latest
    /// (its first from a written year).
    pub fn resolve(&self, m: &DateMention) -> Option<Resolved> {
        let (day, month, weekday) = match m.expr {
            DateExpr::DayMonth {
                day,
                month,
                year: None,
                weekday,
            } => (day, month, weekday),
            DateExpr::Weekday {
                weekday,
                last: false,
            } => {
                return self
                    .same_weekday(weekday, m.approximate)
                    .map(|date| Resolved {
                        date,
                        by_era: false,
                    });
            }
            _ => return None,
        };
        let window = era_window(&self.era);
        let (year, by_era) = match (weekday, self.anchor) {
            (Some(wd), _) => {
                let plain = year_from_weekday(day, month, wd, self.floor, self.reference);
                let in_era = pick_year(day, month, Some(wd), self.floor, window, self.reference);
                (in_era.or(plain)?, in_era.is_some() && in_era != plain)
            }
            (None, Some(anchor)) => (year_near(day, month, anchor)?, false),
            (None, None) if self.era.hi.is_some() => (
                pick_year(day, month, None, self.floor, window, self.reference)?,
                true,
            ),
            (None, None) => return None,
        };
        let date = Date::new(year, month as i8, day as i8).ok()?;
        Some(Resolved {
            date: ResolvedDate {
                date,
                precision: if m.approximate {
                    TimePrecision::Week
                } else {
                    TimePrecision::Day
                },
                explicit_year: false,
            },
            by_era,
        })
    }
}

/// A date the text alone resolved, and whether the era chose its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub date: ResolvedDate,
    pub by_era: bool,
}

/// The era's years as an inclusive range (unbounded ends are the widest).
fn era_window(era: &Era) -> (i16, i16) {
    (
        era.lo.as_ref().map_or(EARLIEST_YEAR, |b| b.year),
        era.hi.as_ref().map_or(i16::MAX, |b| b.year),
    )
}

impl YearContext {
    /// The one date of the report that names this weekday, if exactly one.
    fn same_weekday(&self, weekday: u8, approximate: bool) -> Option<ResolvedDate> {
        let mut dates = self.named.iter().filter(|(wd, _)| *wd == weekday);
        let (_, date) = *dates.next()?;
        if dates.next().is_some() {
            return None;
        }
        Some(ResolvedDate {
            date,
            precision: if approximate {
                TimePrecision::Week
            } else {
                TimePrecision::Day
            },
            explicit_year: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const FRIDAY: u8 = 5;
    const WEDNESDAY: u8 = 3;

    #[test]
    fn the_most_recent_year_with_that_weekday_without_a_floor() {
        // 19 June was a Friday in 2015, 2020 and 2026.
        assert_eq!(
            year_from_weekday(19, 6, FRIDAY, None, date(2026, 11, 25)),
            Some(2026)
        );
        // Not yet in 2026 when read on 1 June 2026.
        assert_eq!(
            year_from_weekday(19, 6, FRIDAY, None, date(2026, 6, 1)),
            Some(2020)
        );
        // Read in 2016, only 2015 is possible.
        assert_eq!(
            year_from_weekday(19, 6, FRIDAY, None, date(2016, 1, 1)),
            Some(2015)
        );
    }

    #[test]
    fn a_written_year_is_a_floor() {
        // 20 September was a Wednesday in 2017 and 2023.
        let r = date(2026, 11, 25);
        assert_eq!(year_from_weekday(20, 9, WEDNESDAY, None, r), Some(2023));
        assert_eq!(
            year_from_weekday(20, 9, WEDNESDAY, Some(2016), r),
            Some(2017)
        );
        assert_eq!(year_from_weekday(20, 9, WEDNESDAY, Some(2024), r), None);
    }

    #[test]
    fn a_misprinted_weekday_gives_no_year() {
        // 31 February never exists; 30 February neither.
        assert_eq!(
            year_from_weekday(30, 2, FRIDAY, None, date(2026, 1, 1)),
            None
        );
    }

    #[test]
    fn written_years_above_the_reference_are_counts() {
        let r = date(2024, 6, 1);
        assert_eq!(
            latest_written_year("en 2019 et 3000 manifestants, 2020", r),
            Some(2020)
        );
        assert_eq!(latest_written_year("12345 et 2030", r), None);
    }

    #[test]
    fn year_near_crosses_new_year() {
        assert_eq!(year_near(28, 12, date(2021, 1, 3)), Some(2020));
        assert_eq!(year_near(2, 1, date(2020, 12, 30)), Some(2021));
        assert_eq!(year_near(13, 11, date(2021, 11, 15)), Some(2021));
    }
}
