//! ACLED names an actor by period: "Military Forces of Mali (2013-2020)",
//! then "(2020-2021)" after the coup of August 2020, and so on. A period
//! table maps an event date to the name ACLED uses for it.

use jiff::civil::Date;

/// One name and the dates it applies to: `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub name: String,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// The entry this name belongs to when it is not the table's owner.
    pub entry: Option<usize>,
}

impl Period {
    fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|f| date >= f) && self.to.is_none_or(|t| date < t)
    }
}

/// Periods sorted by start, checked not to overlap.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodTable {
    periods: Vec<Period>,
}

impl PeriodTable {
    /// Sorts and checks the periods: each ends after it starts, only the
    /// first may be open at the start, only the last open at the end, and
    /// none overlaps the next.
    pub fn new(mut periods: Vec<Period>) -> Result<PeriodTable, String> {
        periods.sort_by_key(|p| p.from);
        for p in &periods {
            if let (Some(f), Some(t)) = (p.from, p.to) {
                if t <= f {
                    return Err(format!(
                        "period {:?} ends ({t}) before it starts ({f})",
                        p.name
                    ));
                }
            }
        }
        for w in periods.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            match (a.to, b.from) {
                (Some(end), Some(start)) if start >= end => {}
                _ => {
                    return Err(format!(
                        "periods {:?} and {:?} overlap (or one is open-ended in the middle)",
                        a.name, b.name
                    ))
                }
            }
        }
        Ok(PeriodTable { periods })
    }

    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// The name for `date`. Without a date, the latest name (what ACLED
    /// calls the actor today). A date outside every period takes the
    /// nearest one: before the first → the first, after the last (or in a
    /// gap) → the last period that started before it — the actor existed
    /// under that name as far as the table knows.
    pub fn period_for(&self, date: Option<Date>) -> Option<&Period> {
        let last = self.periods.last()?;
        let Some(date) = date else {
            return Some(last);
        };
        if let Some(p) = self.periods.iter().find(|p| p.contains(date)) {
            return Some(p);
        }
        let before = self
            .periods
            .iter()
            .rev()
            .find(|p| p.from.is_none_or(|f| f <= date));
        before.or(self.periods.first())
    }

    /// The name for `date` (see `period_for`).
    #[cfg(test)]
    pub fn name_for(&self, date: Option<Date>) -> Option<&str> {
        self.period_for(date).map(|p| p.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn p(name: &str, from: Option<Date>, to: Option<Date>) -> Period {
        Period {
            name: name.into(),
            from,
            to,
            entry: None,
        }
    }

    fn mali() -> PeriodTable {
        PeriodTable::new(vec![
            p("B", Some(date(2020, 8, 18)), Some(date(2021, 5, 24))),
            p("A", Some(date(2013, 9, 4)), Some(date(2020, 8, 18))),
            p("C", Some(date(2021, 5, 24)), None),
        ])
        .unwrap()
    }

    #[test]
    fn picks_the_period_of_the_date() {
        let t = mali();
        assert_eq!(t.name_for(Some(date(2019, 6, 1))), Some("A"));
        assert_eq!(t.name_for(Some(date(2020, 8, 17))), Some("A"));
        assert_eq!(t.name_for(Some(date(2020, 8, 18))), Some("B"));
        assert_eq!(t.name_for(Some(date(2024, 1, 1))), Some("C"));
        assert_eq!(t.name_for(None), Some("C"));
        assert_eq!(t.name_for(Some(date(2001, 1, 1))), Some("A"));
    }

    #[test]
    fn after_a_closed_last_period_keeps_the_last_name() {
        let t = PeriodTable::new(vec![p(
            "M",
            Some(date(2013, 4, 25)),
            Some(date(2024, 1, 1)),
        )])
        .unwrap();
        assert_eq!(t.name_for(Some(date(2025, 1, 1))), Some("M"));
    }

    #[test]
    fn rejects_overlaps_and_inverted_periods() {
        assert!(PeriodTable::new(vec![
            p("A", Some(date(2013, 1, 1)), Some(date(2021, 1, 1))),
            p("B", Some(date(2020, 1, 1)), None),
        ])
        .is_err());
        assert!(
            PeriodTable::new(vec![p("A", Some(date(2013, 1, 1)), Some(date(2012, 1, 1)))]).is_err()
        );
        assert!(PeriodTable::new(vec![
            p("A", Some(date(2013, 1, 1)), None),
            p("B", Some(date(2020, 1, 1)), None),
        ])
        .is_err());
    }
}
