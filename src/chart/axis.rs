//! The time axis: periods of a day, week or month as columns, long runs of
//! empty periods folded into narrow break columns, and labels that do not
//! overlap.

use chrono::{Datelike, NaiveDate};

use super::svg::text_width;
use crate::{DateRange, Granularity};

/// The labels of an axis: (column, text) for periods, (column, year) for
/// years.
pub(crate) struct Labels {
    pub periods: Vec<(usize, String)>,
    pub years: Vec<(usize, i32)>,
}

/// One column of the axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Column {
    /// One period.
    Bin(DateRange),
    /// A run of empty periods, folded: the days it covers and how many
    /// periods.
    Gap(DateRange, u64),
}

/// The columns of a time axis and where they are.
pub(crate) struct Axis {
    pub granularity: Granularity,
    pub columns: Vec<Column>,
    /// Each column's left edge, from the axis's start.
    pub x: Vec<f64>,
    /// Each column's width.
    pub w: Vec<f64>,
    /// The width of a period's column.
    pub bin_width: f64,
    /// The axis's width.
    pub width: f64,
}

/// A break column's width.
pub(crate) const GAP_W: f64 = 16.0;
/// The narrowest and widest period columns.
pub(crate) const MIN_BIN: f64 = 24.0;
const MAX_BIN: f64 = 110.0;
/// Runs of more empty periods than this are folded.
const KEEP_EMPTY: u64 = 3;
/// Automatic granularity takes the finest that needs at most this many columns.
const AUTO_COLUMNS: usize = 40;
/// More periods than this on one axis are folded whatever the caller asked,
/// so that a far-off date cannot make the chart enormous.
const MAX_BINS: u64 = 2_000;

/// Options for building an axis.
pub(crate) struct AxisSpec {
    pub granularity: Option<Granularity>,
    pub collapse: bool,
    pub target_width: f64,
}

impl Axis {
    /// The axis over the periods holding `days` (sorted), or `None` when
    /// there are none.
    pub(crate) fn new(days: &[NaiveDate], spec: &AxisSpec) -> Option<Axis> {
        if days.is_empty() {
            return None;
        }
        let granularity = spec.granularity.unwrap_or_else(|| {
            [Granularity::Day, Granularity::Week]
                .into_iter()
                .find(|&g| columns(days, g, true).len() <= AUTO_COLUMNS)
                .unwrap_or(Granularity::Month)
        });
        let cols = columns(days, granularity, spec.collapse);
        let bins = cols.iter().filter(|c| matches!(c, Column::Bin(_))).count();
        let gaps = cols.len() - bins;
        let room = spec.target_width - GAP_W * gaps as f64;
        let bin_width = (room / bins.max(1) as f64).clamp(MIN_BIN, MAX_BIN).floor();
        let (mut x, mut w) = (
            Vec::with_capacity(cols.len()),
            Vec::with_capacity(cols.len()),
        );
        let mut at = 0.0;
        for c in &cols {
            let width = match c {
                Column::Bin(_) => bin_width,
                Column::Gap(..) => GAP_W,
            };
            x.push(at);
            w.push(width);
            at += width;
        }
        Some(Axis {
            granularity,
            columns: cols,
            x,
            w,
            bin_width,
            width: at,
        })
    }

    /// The column holding `day`, if it is on the axis.
    pub(crate) fn column(&self, day: NaiveDate) -> Option<usize> {
        let at = self.columns.partition_point(|c| range(c).end < day);
        (at < self.columns.len() && range(&self.columns[at]).contains(day)).then_some(at)
    }

    /// Where `day` is on the axis: within its column, in proportion.
    pub(crate) fn x_of(&self, day: NaiveDate) -> Option<f64> {
        let c = self.column(day)?;
        let r = range(&self.columns[c]);
        let len = (r.end - r.start).num_days() + 1;
        let into = (day - r.start).num_days();
        Some(self.x[c] + self.w[c] * (into as f64 + 0.5) / len as f64)
    }

    /// The label of a period's column ("Jun 5", or "Jun" by month) and the
    /// year it is in.
    pub(crate) fn label(&self, period: DateRange) -> (String, i32) {
        let d = period.start;
        let month = MONTHS[d.month0() as usize];
        let text = match self.granularity {
            Granularity::Month => month.to_owned(),
            _ => format!("{month} {}", d.day()),
        };
        (text, d.year())
    }

    /// The labels to draw, each centred on its column, none overlapping at
    /// `size` pixels: (column, text) for periods, then (column, year) for
    /// the first column of each year that has room.
    pub(crate) fn labels(&self, size: f64) -> Labels {
        let mut periods = Vec::new();
        let mut years = Vec::new();
        let mut right = f64::NEG_INFINITY;
        let mut year_right = f64::NEG_INFINITY;
        let mut last_year = None;
        for (i, c) in self.columns.iter().enumerate() {
            let Column::Bin(period) = c else { continue };
            let (text, year) = self.label(*period);
            let w = text_width(&text, size);
            let centre = self.x[i] + self.w[i] / 2.0;
            if centre - w / 2.0 >= right + 6.0 {
                right = centre + w / 2.0;
                periods.push((i, text));
            }
            if last_year != Some(year) {
                let left = self.x[i] + 2.0;
                if left >= year_right + 8.0 {
                    year_right = left + text_width(&year.to_string(), size);
                    years.push((i, year));
                    last_year = Some(year);
                }
            }
        }
        Labels { periods, years }
    }

    /// How the granularity is named in text: "daily", "weekly", "monthly".
    pub(crate) fn granularity_word(&self) -> &'static str {
        match self.granularity {
            Granularity::Day => "daily",
            Granularity::Week => "weekly (weeks from Monday)",
            Granularity::Month => "monthly",
        }
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn range(c: &Column) -> DateRange {
    match c {
        Column::Bin(r) | Column::Gap(r, _) => *r,
    }
}

/// The number of periods strictly between two periods.
fn between(g: Granularity, a: DateRange, b: DateRange) -> u64 {
    let n = match g {
        Granularity::Day => (b.start - a.end).num_days() - 1,
        Granularity::Week => ((b.start - a.end).num_days() - 1) / 7,
        Granularity::Month => {
            let m = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
            m(b.start) - m(a.start) - 1
        }
    };
    u64::try_from(n).unwrap_or(0)
}

/// The columns for `days` (sorted): every period from the first to the
/// last, runs of empty ones folded when `collapse` is set (or when the axis
/// would be longer than [`MAX_BINS`]).
fn columns(days: &[NaiveDate], g: Granularity, collapse: bool) -> Vec<Column> {
    let mut occupied: Vec<DateRange> = days.iter().map(|&d| g.period(d)).collect();
    occupied.dedup();
    let total: u64 = occupied
        .windows(2)
        .map(|w| between(g, w[0], w[1]) + 1)
        .sum::<u64>()
        + 1;
    let collapse = collapse || total > MAX_BINS;
    let mut cols = Vec::new();
    for (i, &p) in occupied.iter().enumerate() {
        if i > 0 {
            let prev = occupied[i - 1];
            let empty = between(g, prev, p);
            if collapse && empty > KEEP_EMPTY {
                let first = prev.end.succ_opt().unwrap_or(prev.end);
                let last = p.start.pred_opt().unwrap_or(p.start);
                cols.push(Column::Gap(DateRange::new(first, last), empty));
            } else {
                let mut next = prev;
                for _ in 0..empty {
                    let Some(day) = next.end.succ_opt() else {
                        break;
                    };
                    next = g.period(day);
                    cols.push(Column::Bin(next));
                }
            }
        }
        cols.push(Column::Bin(p));
    }
    cols
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn spec(g: Option<Granularity>) -> AxisSpec {
        AxisSpec {
            granularity: g,
            collapse: true,
            target_width: 700.0,
        }
    }

    #[test]
    fn short_runs_stay_long_runs_fold() {
        let days = [d(2025, 6, 1), d(2025, 6, 5), d(2025, 6, 30)];
        let axis = Axis::new(&days, &spec(Some(Granularity::Day))).unwrap();
        // June 1, 2-4 kept, 5, a break for 6-29, 30.
        assert_eq!(axis.columns.len(), 7);
        assert_eq!(
            axis.columns[5],
            Column::Gap(DateRange::new(d(2025, 6, 6), d(2025, 6, 29)), 24)
        );
        assert_eq!(axis.column(d(2025, 6, 30)), Some(6));
        assert_eq!(axis.column(d(2025, 6, 10)), Some(5));
        assert_eq!(axis.column(d(2025, 7, 1)), None);
    }

    #[test]
    fn automatic_granularity_keeps_the_axis_short() {
        let days: Vec<_> = (1..=28).map(|i| d(2025, 2, i)).collect();
        assert_eq!(
            Axis::new(&days, &spec(None)).unwrap().granularity,
            Granularity::Day
        );
        let days: Vec<_> = (0..300)
            .map(|i| d(2024, 1, 1) + chrono::Days::new(i))
            .collect();
        assert_eq!(
            Axis::new(&days, &spec(None)).unwrap().granularity,
            Granularity::Month
        );
        assert!(Axis::new(&[], &spec(None)).is_none());
    }

    #[test]
    fn far_apart_dates_do_not_make_a_huge_axis() {
        let days = [d(1, 1, 1), d(9000, 12, 31)];
        let mut s = spec(Some(Granularity::Day));
        s.collapse = false;
        let axis = Axis::new(&days, &s).unwrap();
        assert_eq!(axis.columns.len(), 3);
    }

    #[test]
    fn labels_do_not_overlap() {
        let days: Vec<_> = (0..60)
            .map(|i| d(2024, 12, 1) + chrono::Days::new(i))
            .collect();
        let axis = Axis::new(&days, &spec(Some(Granularity::Day))).unwrap();
        let Labels { periods, years } = axis.labels(10.0);
        let spans: Vec<(f64, f64)> = periods
            .iter()
            .map(|(i, t)| {
                let c = axis.x[*i] + axis.w[*i] / 2.0;
                let w = text_width(t, 10.0);
                (c - w / 2.0, c + w / 2.0)
            })
            .collect();
        assert!(spans.windows(2).all(|w| w[0].1 < w[1].0));
        assert!(periods.len() > 5);
        assert_eq!(years.iter().map(|y| y.1).collect::<Vec<_>>(), [2024, 2025]);
    }
}
