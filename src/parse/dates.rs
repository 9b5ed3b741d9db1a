//! Date expressions: "June 1", "1 June 2025", "June 1st", ISO dates,
//! weekdays, "yesterday", "last week", "earlier this month", "September 26
//! last year".

use std::ops::Range;

use chrono::{NaiveDate, Weekday};

use super::doc::Doc;
use super::token::{CAP, Kind, SPACE_BEFORE};
use super::words::{DATE_LEAD, EARLY_LATE, TIME_PREP};
use crate::model::{Relative, When};

/// A date expression found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DateMention {
    pub toks: Range<usize>,
    pub when: When,
}

/// The date mentions (sorted, not overlapping) that lie within tokens `r`.
pub(crate) fn dates_in(dates: &[DateMention], r: std::ops::Range<usize>) -> &[DateMention] {
    let lo = dates.partition_point(|d| d.toks.start < r.start);
    let hi = dates.partition_point(|d| d.toks.start < r.end);
    let hi = if hi > lo && dates[hi - 1].toks.end > r.end {
        hi - 1
    } else {
        hi
    };
    &dates[lo..hi.max(lo)]
}

/// The date mention that ends exactly at token `end`, if any.
pub(crate) fn date_ending_at(dates: &[DateMention], end: usize) -> Option<&DateMention> {
    let i = dates.partition_point(|d| d.toks.end < end);
    dates.get(i).filter(|d| d.toks.end == end)
}

/// The date mention that covers token `i`, if any.
pub(crate) fn date_containing(dates: &[DateMention], i: usize) -> Option<&DateMention> {
    let k = dates.partition_point(|d| d.toks.end <= i);
    dates.get(k).filter(|d| d.toks.start <= i)
}

/// The date mention that starts exactly at token `start`, if any.
pub(crate) fn date_starting_at(dates: &[DateMention], start: usize) -> Option<&DateMention> {
    let i = dates.partition_point(|d| d.toks.start < start);
    dates.get(i).filter(|d| d.toks.start == start)
}

fn month_number(w: &str) -> Option<u8> {
    let m = match w.trim_end_matches('.') {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// A day of the month: "1", "1st", "22nd", "3rd", "24th".
fn day_number(w: &str) -> Option<u8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let d: u8 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(w: &str) -> Option<i32> {
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = w.parse().ok()?;
        (1800..=2200).contains(&y).then_some(y)
    } else {
        None
    }
}

fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "one" | "a" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        _ => return w.parse().ok().filter(|n| *n <= 365),
    })
}

/// The date pass: dates and times the document mentions, read from its
/// tokens and the reference date.
pub(crate) struct DatePass<'d, 'a> {
    doc: &'d Doc<'a>,
}

impl<'a> std::ops::Deref for DatePass<'_, 'a> {
    type Target = Doc<'a>;
    fn deref(&self) -> &Doc<'a> {
        self.doc
    }
}

impl<'d, 'a> DatePass<'d, 'a> {
    pub fn new(doc: &'d Doc<'a>) -> DatePass<'d, 'a> {
        DatePass { doc }
    }
}

impl DatePass<'_, '_> {
    /// Whether the capitalized month word at `i` starts a date rather than
    /// ending a name ("the Unaizah May 4").
    fn month_is_date(&self, i: usize) -> bool {
        let k = &self.t.toks[i];
        if !k.is(CAP) {
            return false;
        }
        if i > 0 {
            let p = &self.t.toks[i - 1];
            // Sentences are in text order: find the one holding token `i`.
            let at = self.seg.sentences.partition_point(|s| s.toks.start <= i);
            let sentence_start = at > 0 && {
                let s = &self.seg.sentences[at - 1];
                s.toks.start == i || s.body_start == i
            };
            let preposition = self.has(i - 1, DATE_LEAD);
            if p.kind == Kind::Word && p.is(CAP) && !sentence_start && !preposition {
                return false;
            }
        }
        true
    }

    /// The date expression starting at `i`, if any, and its end.
    fn date_at(&self, i: usize, end: usize) -> Option<(usize, When)> {
        let w = self.norm(i);
        let next = |k: usize| if k < end { self.norm(k) } else { "" };
        // ISO: 2025-06-01.
        if let Some(y) = year_number(w)
            && next(i + 1) == "-"
            && i + 4 < end
            && !self.t.toks[i + 1].is(SPACE_BEFORE)
            && next(i + 3) == "-"
            && let (Ok(m), Ok(d)) = (next(i + 2).parse::<u32>(), next(i + 4).parse::<u32>())
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            return Some((i + 5, When::exact(date)));
        }
        // Month first: "June 1", "June 1st, 2025", "June 2025", "September 26 last year".
        if let Some(m) = month_number(w)
            && self.month_is_date(i)
        {
            if let Some(d) = day_number(next(i + 1)) {
                let mut j = i + 2;
                if next(j) == "," && year_number(next(j + 1)).is_some() {
                    j += 1;
                }
                if let Some(y) = year_number(next(j)) {
                    return NaiveDate::from_ymd_opt(y, m.into(), d.into())
                        .map(|date| (j + 1, When::exact(date)));
                }
                if next(j) == "last" && next(j + 1) == "year" {
                    return Some((
                        j + 2,
                        When::Relative(Relative::InLastYear {
                            month: m,
                            day: Some(d),
                        }),
                    ));
                }
                return Some((
                    j,
                    When::Partial {
                        month: m,
                        day: Some(d),
                    },
                ));
            }
            if let Some(y) = year_number(next(i + 1)) {
                let start = NaiveDate::from_ymd_opt(y, m.into(), 1)?;
                let end_day = start
                    .checked_add_months(chrono::Months::new(1))?
                    .pred_opt()?;
                return Some((
                    i + 2,
                    When::Range {
                        start,
                        end: end_day,
                    },
                ));
            }
            if i > 0 && self.is(i - 1, &["last"]) {
                return Some((i + 1, When::Relative(Relative::LastNamedMonth { month: m })));
            }
            if i > 0 && self.has(i - 1, TIME_PREP | EARLY_LATE) {
                return Some((
                    i + 1,
                    When::Partial {
                        month: m,
                        day: None,
                    },
                ));
            }
            return None;
        }
        // Day first: "1 June", "1 June 2025".
        if self.t.toks[i].kind == Kind::Number
            && let Some(d) = day_number(w)
            && let Some(m) = month_number(next(i + 1))
            && i + 1 < end
            && self.t.toks[i + 1].is(CAP)
        {
            if let Some(y) = year_number(next(i + 2)) {
                return NaiveDate::from_ymd_opt(y, m.into(), d.into())
                    .map(|date| (i + 3, When::exact(date)));
            }
            return Some((
                i + 2,
                When::Partial {
                    month: m,
                    day: Some(d),
                },
            ));
        }
        // Weekdays: "on Monday", "Monday's strikes", "last Friday".
        if let Some(wd) = weekday(w)
            && self.t.toks[i].is(CAP)
        {
            let mut j = i + 1;
            if j < end && self.t.toks[j].kind == Kind::Clitic {
                j += 1;
            }
            return Some((j, When::Relative(Relative::Weekday { weekday: wd })));
        }
        // A year alone: "in 2024".
        if let Some(y) = year_number(w)
            && i > 0
            && self.has(i - 1, TIME_PREP)
        {
            let start = NaiveDate::from_ymd_opt(y, 1, 1)?;
            let e = NaiveDate::from_ymd_opt(y, 12, 31)?;
            return Some((i + 1, When::Range { start, end: e }));
        }
        let rel = |r| Some(When::Relative(r));
        let (len, when) = match (w, next(i + 1), next(i + 2)) {
            ("yesterday", _, _) => (1, rel(Relative::Yesterday)),
            ("today", _, _) | ("tonight", _, _) => (1, rel(Relative::Today)),
            ("tomorrow", _, _) => (1, rel(Relative::Tomorrow)),
            ("last", "week", _) => (2, rel(Relative::LastWeek)),
            ("this", "week", _) => (2, rel(Relative::ThisWeek)),
            ("next", "week", _) => (2, rel(Relative::NextWeek)),
            ("last", "month", _) => (2, rel(Relative::LastMonth)),
            ("this", "month", _) => (2, rel(Relative::ThisMonth)),
            ("next", "month", _) | ("next", "month's", _) => (2, rel(Relative::NextMonth)),
            ("last", "year", _) => (2, rel(Relative::LastYear)),
            ("this", "year", _) => (2, rel(Relative::ThisYear)),
            ("earlier", "this", "month") => (3, rel(Relative::EarlierThisMonth)),
            ("earlier", "this", "week") => (3, rel(Relative::ThisWeek)),
            ("earlier", "this", "year") => (3, rel(Relative::ThisYear)),
            ("recent", _, _) | ("recently", _, _) => (1, rel(Relative::Recent)),
            ("in", "recent", "days" | "weeks") => (3, rel(Relative::Recent)),
            _ => (0, None),
        };
        if let Some(when) = when {
            let mut j = i + len;
            if w == "next" && j < end && self.t.toks[j].kind == Kind::Clitic {
                j += 1;
            }
            return Some((j, when));
        }
        // "three days ago".
        if let Some(n) = number_word(w)
            && matches!(next(i + 1), "days" | "day")
            && next(i + 2) == "ago"
        {
            return Some((i + 3, When::Relative(Relative::DaysAgo { days: n })));
        }
        None
    }

    /// Every date expression in the document, in order.
    pub fn find_dates(&self) -> Vec<DateMention> {
        self.find_dates_from(|i| self.may_start_date(i))
    }

    /// Whether a date may begin at token `i`: a number, a word with a
    /// period (month_number drops them), or a word of
    /// [`DATE_START`](super::words::DATE_START). Most tokens are none,
    /// and are passed over without trying every form of date on them.
    fn may_start_date(&self, i: usize) -> bool {
        let w = self.norm(i);
        w.as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_digit() || *b == b'+')
            || w.ends_with('.')
            || self.has(i, super::words::DATE_START)
    }

    /// The dates found at the tokens `may_start` lets through.
    fn find_dates_from(&self, may_start: impl Fn(usize) -> bool) -> Vec<DateMention> {
        let mut out = Vec::new();
        for s in &self.seg.sentences {
            let mut i = s.body_start;
            while i < s.toks.end {
                if !may_start(i) {
                    i += 1;
                    continue;
                }
                match self.date_at(i, s.toks.end) {
                    Some((end, when)) if end > i => {
                        out.push(DateMention { toks: i..end, when });
                        i = end;
                    }
                    _ => i += 1,
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::parse::matcher::Matcher;

    fn dates(text: &str) -> Vec<(String, When)> {
        static M: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
        let m = M.get_or_init(|| Matcher::new(Lexicon::builtin()).unwrap());
        let doc = Doc::new(text, m, None);
        DatePass::new(&doc)
            .find_dates()
            .into_iter()
            .map(|d| (doc.slice(d.toks.clone()).to_owned(), d.when))
            .collect()
    }

    #[test]
    fn dates_start_only_where_the_guard_lets_them() {
        static M: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
        let m = M.get_or_init(|| Matcher::new(Lexicon::builtin()).unwrap());
        let mut texts = vec![
            "On Monday's talks, Jan. 3 and 3 Jan 2024, sept. 9, Sept 9th; in 2024, \
             a day ago, three days ago, 12 days ago, earlier this week, in recent weeks, \
             next month's vote, TODAY, Tonight, 2025-06-01."
                .to_owned(),
        ];
        for dir in ["benches/texts", "tests/it/data/cases"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for f in std::fs::read_dir(dir).unwrap() {
                texts.push(std::fs::read_to_string(f.unwrap().path()).unwrap());
            }
        }
        for text in &texts {
            let doc = Doc::new(text, m, None);
            let pass = DatePass::new(&doc);
            let all = pass.find_dates_from(|_| true);
            let guarded = pass.find_dates();
            let span = |d: &DateMention| (d.toks.clone(), d.when);
            assert_eq!(
                all.iter().map(span).collect::<Vec<_>>(),
                guarded.iter().map(span).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn month_day_forms() {
        let d = dates(
            "The strikes on June 1 and on 3 June 2025 and on July 4th, 2024 and December 3rd.",
        );
        assert_eq!(
            d[0],
            (
                "June 1".into(),
                When::Partial {
                    month: 6,
                    day: Some(1)
                }
            )
        );
        assert_eq!(
            d[1].1,
            When::exact(NaiveDate::from_ymd_opt(2025, 6, 3).unwrap())
        );
        assert_eq!(
            d[2].1,
            When::exact(NaiveDate::from_ymd_opt(2024, 7, 4).unwrap())
        );
        assert_eq!(
            d[3].1,
            When::Partial {
                month: 12,
                day: Some(3)
            }
        );
    }

    #[test]
    fn relative_forms() {
        let d = dates(
            "He said on Tuesday, after talks last week and earlier this month, that Monday's strikes and the blasts on September 26 last year mattered.",
        );
        let whens: Vec<When> = d.iter().map(|x| x.1).collect();
        assert_eq!(
            whens[0],
            When::Relative(Relative::Weekday {
                weekday: Weekday::Tue
            })
        );
        assert_eq!(whens[1], When::Relative(Relative::LastWeek));
        assert_eq!(whens[2], When::Relative(Relative::EarlierThisMonth));
        assert_eq!(d[3].0, "Monday's");
        assert_eq!(
            whens[4],
            When::Relative(Relative::InLastYear {
                month: 9,
                day: Some(26)
            })
        );
    }

    #[test]
    fn may_in_a_name_is_not_a_date() {
        let d = dates("A vessel blasted the Unaizah May 4 with water cannon on Saturday.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0, "Saturday");
        let d = dates("Officials may meet. It happened in May.");
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].1,
            When::Partial {
                month: 5,
                day: None
            }
        );
    }

    #[test]
    fn iso_and_years() {
        let d = dates("Filed 2025-06-01, revised in 2024.");
        assert_eq!(
            d[0].1,
            When::exact(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap())
        );
        assert!(matches!(d[1].1, When::Range { .. }));
    }
}
