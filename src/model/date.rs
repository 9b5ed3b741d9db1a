//! Dates as news text gives them: exact, partial, ranges, relative, unknown.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// An optional day written as chrono writes it ("2025-06-05"), without
/// going through `fmt`: for the `date` fields the JSON holds by the
/// thousand (`#[serde(serialize_with = ...)]`).
pub(crate) fn serialize_day<S: serde::Serializer>(
    day: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match day {
        None => serializer.serialize_none(),
        Some(d) => serializer.serialize_some(&IsoDay(*d)),
    }
}

/// A day as `YYYY-MM-DD`; years outside 0-9999 as chrono writes them.
struct IsoDay(NaiveDate);

impl Serialize for IsoDay {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (year, month, day) = (self.0.year(), self.0.month(), self.0.day());
        let Ok(year) = u32::try_from(year) else {
            return self.0.serialize(serializer);
        };
        if year > 9999 {
            return self.0.serialize(serializer);
        }
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let text = [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ];
        match std::str::from_utf8(&text) {
            Ok(text) => serializer.serialize_str(text),
            Err(_) => self.0.serialize(serializer),
        }
    }
}

/// An inclusive range of days, `start..=end`. A single day has `start == end`.
///
/// Ranges are ordered partially: one range is before another when it ends
/// before the other starts; overlapping, unequal ranges are incomparable
/// (`partial_cmp` returns `None`).
///
/// # Examples
///
/// ```
/// use demarche::chrono::NaiveDate;
/// use demarche::DateRange;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let june_1 = DateRange::day(d(6, 1));
/// let first_week = DateRange::new(d(6, 1), d(6, 7));
/// let june_9 = DateRange::day(d(6, 9));
/// assert!(june_1 < june_9);
/// assert!(first_week < june_9);
/// assert_eq!(june_1.partial_cmp(&first_week), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    /// The first day.
    pub start: NaiveDate,
    /// The last day (inclusive).
    pub end: NaiveDate,
}

impl DateRange {
    /// The range `start..=end`; the two are swapped if `end` is before `start`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> DateRange {
        if end < start {
            DateRange {
                start: end,
                end: start,
            }
        } else {
            DateRange { start, end }
        }
    }

    /// The range of one day.
    pub fn day(date: NaiveDate) -> DateRange {
        DateRange {
            start: date,
            end: date,
        }
    }

    /// The day, if the range is a single day.
    pub fn single_day(&self) -> Option<NaiveDate> {
        (self.start == self.end).then_some(self.start)
    }

    /// Whether `date` falls in the range.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether the two ranges share a day.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

impl PartialOrd for DateRange {
    fn partial_cmp(&self, other: &DateRange) -> Option<Ordering> {
        if self == other {
            Some(Ordering::Equal)
        } else if self.end < other.start {
            Some(Ordering::Less)
        } else if self.start > other.end {
            Some(Ordering::Greater)
        } else {
            None
        }
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}..{}", self.start, self.end)
        }
    }
}

/// A date relative to a reference date (usually the article's publication date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "relative", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Relative {
    /// "today", "this morning".
    Today,
    /// "yesterday".
    Yesterday,
    /// "tomorrow".
    Tomorrow,
    /// "on Tuesday": the latest such weekday on or before the reference date.
    Weekday {
        /// The weekday named.
        weekday: Weekday,
    },
    /// "three days ago", "a day earlier".
    DaysAgo {
        /// How many days before the reference date.
        days: u32,
    },
    /// "this week": Monday to Sunday of the reference date's week.
    ThisWeek,
    /// "last week": the calendar week (Monday to Sunday) before the reference date's.
    LastWeek,
    /// "next week".
    NextWeek,
    /// "earlier this month": the first of the month to the reference date.
    EarlierThisMonth,
    /// "this month".
    ThisMonth,
    /// "last month".
    LastMonth,
    /// "next month".
    NextMonth,
    /// "this year".
    ThisYear,
    /// "last year".
    LastYear,
    /// "last June": the most recent such month before the reference date's month.
    LastNamedMonth {
        /// The month, 1 to 12.
        month: u8,
    },
    /// "September 26 last year": a month and optional day in the year before the reference year.
    InLastYear {
        /// The month, 1 to 12.
        month: u8,
        /// The day of the month, if given.
        day: Option<u8>,
    },
    /// "recent", "recently", "in recent days": the 30 days up to the reference date.
    Recent,
}

/// A date as the text expresses it, before or after resolving it.
///
/// [`When::resolve`] turns it into a [`DateRange`] given a reference date;
/// exact dates and ranges need none.
///
/// # Examples
///
/// ```
/// use demarche::chrono::{NaiveDate, Weekday};
/// use demarche::{Relative, When};
///
/// let reference = NaiveDate::from_ymd_opt(2025, 6, 5).unwrap(); // a Thursday
/// let tuesday = When::Relative(Relative::Weekday { weekday: Weekday::Tue });
/// assert_eq!(tuesday.day(Some(reference)), NaiveDate::from_ymd_opt(2025, 6, 3));
/// // "June 1" with no year resolves to the occurrence nearest the reference date.
/// let june_1 = When::Partial { month: 6, day: Some(1) };
/// assert_eq!(june_1.day(Some(reference)), NaiveDate::from_ymd_opt(2025, 6, 1));
/// assert_eq!(june_1.day(None), None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum When {
    /// No date known.
    #[default]
    Unknown,
    /// A full date: "June 1, 2025", "2025-06-01".
    Exact {
        /// The day.
        date: NaiveDate,
    },
    /// A month with an optional day and no year: "June 1", "in January".
    /// Resolved to the occurrence nearest the reference date.
    Partial {
        /// The month, 1 to 12.
        month: u8,
        /// The day of the month, if given.
        day: Option<u8>,
    },
    /// A span of days the text gives outright: "June 1-3, 2025", "in 2024".
    Range {
        /// The first day.
        start: NaiveDate,
        /// The last day (inclusive).
        end: NaiveDate,
    },
    /// A date relative to the reference date: "yesterday", "last week".
    Relative(Relative),
}

impl When {
    /// An exact day.
    pub fn exact(date: NaiveDate) -> When {
        When::Exact { date }
    }

    /// Whether the text gave no date.
    pub fn is_unknown(&self) -> bool {
        matches!(self, When::Unknown)
    }

    /// Whether the date can be resolved without a reference date.
    pub fn is_absolute(&self) -> bool {
        matches!(self, When::Exact { .. } | When::Range { .. })
    }

    /// The days this date covers, given the reference date when there is one.
    /// `None` when it is unknown, or relative and there is no reference, or
    /// names a day that does not exist (February 30).
    pub fn resolve(&self, reference: Option<NaiveDate>) -> Option<DateRange> {
        match *self {
            When::Unknown => None,
            When::Exact { date } => Some(DateRange::day(date)),
            When::Range { start, end } => Some(DateRange::new(start, end)),
            When::Partial { month, day } => resolve_partial(month, day, reference?),
            When::Relative(rel) => resolve_relative(rel, reference?),
        }
    }

    /// The single day this date resolves to, if it resolves to exactly one.
    pub fn day(&self, reference: Option<NaiveDate>) -> Option<NaiveDate> {
        self.resolve(reference)?.single_day()
    }

    /// Compares two dates after resolving both against `reference`:
    /// `None` when either does not resolve or their ranges overlap unequally.
    pub fn compare(&self, other: &When, reference: Option<NaiveDate>) -> Option<Ordering> {
        self.resolve(reference)?
            .partial_cmp(&other.resolve(reference)?)
    }
}

fn month_range(year: i32, month: u32) -> Option<DateRange> {
    let start = NaiveDate::from_ymd_opt(year, month, 1)?;
    let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
    Some(DateRange::new(start, end))
}

fn month_day(year: i32, month: u8, day: Option<u8>) -> Option<DateRange> {
    match day {
        Some(d) => NaiveDate::from_ymd_opt(year, month.into(), d.into()).map(DateRange::day),
        None => month_range(year, month.into()),
    }
}

/// The occurrence of a month (and day) nearest the reference date, the past
/// winning ties.
fn resolve_partial(month: u8, day: Option<u8>, reference: NaiveDate) -> Option<DateRange> {
    let year = reference.year();
    let mut best: Option<(i64, DateRange)> = None;
    for y in [year - 1, year, year + 1] {
        let Some(range) = month_day(y, month, day) else {
            continue;
        };
        let distance = if range.contains(reference) {
            0
        } else if range.end < reference {
            (reference - range.end).num_days()
        } else {
            // The future is a little less likely in news than the past.
            (range.start - reference).num_days() + 1
        };
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, range));
        }
    }
    best.map(|(_, r)| r)
}

fn week_of(date: NaiveDate) -> Option<DateRange> {
    let monday = date.checked_sub_days(Days::new(date.weekday().num_days_from_monday().into()))?;
    Some(DateRange::new(
        monday,
        monday.checked_add_days(Days::new(6))?,
    ))
}

fn resolve_relative(rel: Relative, r: NaiveDate) -> Option<DateRange> {
    let back = |n: u64| r.checked_sub_days(Days::new(n));
    let this_month = || month_range(r.year(), r.month());
    Some(match rel {
        Relative::Today => DateRange::day(r),
        Relative::Yesterday => DateRange::day(back(1)?),
        Relative::Tomorrow => DateRange::day(r.checked_add_days(Days::new(1))?),
        Relative::Weekday { weekday } => {
            let diff =
                (7 + r.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
            DateRange::day(back(diff.into())?)
        }
        Relative::DaysAgo { days } => DateRange::day(back(days.into())?),
        Relative::ThisWeek => week_of(r)?,
        Relative::LastWeek => week_of(back(7)?)?,
        Relative::NextWeek => week_of(r.checked_add_days(Days::new(7))?)?,
        Relative::EarlierThisMonth => DateRange::new(r.with_day(1)?, r),
        Relative::ThisMonth => this_month()?,
        Relative::LastMonth => {
            let d = r.with_day(1)?.checked_sub_months(Months::new(1))?;
            month_range(d.year(), d.month())?
        }
        Relative::NextMonth => {
            let d = r.with_day(1)?.checked_add_months(Months::new(1))?;
            month_range(d.year(), d.month())?
        }
        Relative::ThisYear => DateRange::new(
            r.with_ordinal(1)?,
            NaiveDate::from_ymd_opt(r.year(), 12, 31)?,
        ),
        Relative::LastYear => DateRange::new(
            NaiveDate::from_ymd_opt(r.year() - 1, 1, 1)?,
            NaiveDate::from_ymd_opt(r.year() - 1, 12, 31)?,
        ),
        Relative::LastNamedMonth { month } => {
            let year = if u32::from(month) < r.month() {
                r.year()
            } else {
                r.year() - 1
            };
            month_range(year, month.into())?
        }
        Relative::InLastYear { month, day } => month_day(r.year() - 1, month, day)?,
        Relative::Recent => DateRange::new(back(30)?, r),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn days_serialize_as_chrono_writes_them() {
        #[derive(Serialize)]
        struct Day(#[serde(serialize_with = "serialize_day")] Option<NaiveDate>);
        let days = [
            NaiveDate::from_ymd_opt(2025, 6, 5),
            NaiveDate::from_ymd_opt(1, 1, 1),
            NaiveDate::from_ymd_opt(0, 12, 31),
            NaiveDate::from_ymd_opt(9999, 12, 31),
            NaiveDate::from_ymd_opt(10000, 1, 1),
            NaiveDate::from_ymd_opt(-1, 2, 3),
            Some(NaiveDate::MIN),
            Some(NaiveDate::MAX),
            None,
        ];
        for d in days {
            assert_eq!(
                serde_json::to_string(&Day(d)).unwrap(),
                serde_json::to_string(&d).unwrap()
            );
        }
    }

    #[test]
    fn weekday_is_latest_on_or_before_reference() {
        let thursday = d(2025, 6, 5);
        let on = |w| When::Relative(Relative::Weekday { weekday: w }).day(Some(thursday));
        assert_eq!(on(Weekday::Thu), Some(thursday));
        assert_eq!(on(Weekday::Mon), Some(d(2025, 6, 2)));
        assert_eq!(on(Weekday::Fri), Some(d(2025, 5, 30)));
    }

    #[test]
    fn partial_dates_pick_the_nearest_year() {
        let jan = d(2020, 1, 9);
        let dec28 = When::Partial {
            month: 12,
            day: Some(28),
        };
        assert_eq!(dec28.day(Some(jan)), Some(d(2019, 12, 28)));
        let jan3 = When::Partial {
            month: 1,
            day: Some(3),
        };
        assert_eq!(jan3.day(Some(jan)), Some(d(2020, 1, 3)));
        let feb30 = When::Partial {
            month: 2,
            day: Some(30),
        };
        assert_eq!(feb30.resolve(Some(jan)), None);
        let january = When::Partial {
            month: 1,
            day: None,
        };
        assert_eq!(
            january.resolve(Some(d(2024, 3, 25))),
            Some(DateRange::new(d(2024, 1, 1), d(2024, 1, 31)))
        );
    }

    #[test]
    fn weeks_and_months() {
        let r = d(2023, 2, 22); // a Wednesday
        let last_week = When::Relative(Relative::LastWeek).resolve(Some(r)).unwrap();
        assert_eq!(last_week, DateRange::new(d(2023, 2, 13), d(2023, 2, 19)));
        let earlier = When::Relative(Relative::EarlierThisMonth)
            .resolve(Some(r))
            .unwrap();
        assert_eq!(earlier, DateRange::new(d(2023, 2, 1), r));
        let last_june = When::Relative(Relative::LastNamedMonth { month: 6 })
            .resolve(Some(r))
            .unwrap();
        assert_eq!(last_june.start, d(2022, 6, 1));
        let sep26 = When::Relative(Relative::InLastYear {
            month: 9,
            day: Some(26),
        });
        assert_eq!(sep26.day(Some(r)), Some(d(2022, 9, 26)));
        let last_month = When::Relative(Relative::LastMonth)
            .resolve(Some(d(2024, 1, 15)))
            .unwrap();
        assert_eq!(last_month, DateRange::new(d(2023, 12, 1), d(2023, 12, 31)));
    }

    #[test]
    fn relative_needs_a_reference() {
        assert_eq!(When::Relative(Relative::Yesterday).resolve(None), None);
        assert_eq!(When::exact(d(2025, 6, 1)).day(None), Some(d(2025, 6, 1)));
        assert_eq!(When::Unknown.resolve(Some(d(2025, 6, 1))), None);
    }

    #[test]
    fn comparison_is_partial() {
        let r = Some(d(2025, 6, 5));
        let yesterday = When::Relative(Relative::Yesterday);
        let june1 = When::Partial {
            month: 6,
            day: Some(1),
        };
        let recent = When::Relative(Relative::Recent);
        assert_eq!(june1.compare(&yesterday, r), Some(Ordering::Less));
        assert_eq!(yesterday.compare(&june1, r), Some(Ordering::Greater));
        assert_eq!(recent.compare(&june1, r), None);
        assert_eq!(
            june1.compare(&When::exact(d(2025, 6, 1)), r),
            Some(Ordering::Equal)
        );
    }

    #[test]
    fn json_shapes() {
        let w = When::Relative(Relative::Weekday {
            weekday: Weekday::Tue,
        });
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(
            json,
            r#"{"type":"relative","relative":"weekday","weekday":"Tue"}"#
        );
        assert_eq!(serde_json::from_str::<When>(&json).unwrap(), w);
        let p = When::Partial {
            month: 6,
            day: Some(1),
        };
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"type":"partial","month":6,"day":1}"#
        );
    }
}
