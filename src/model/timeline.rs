//! A timeline of events and statements.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Analysis, DateRange};
use crate::Span;

/// What a timeline entry points at: an index into
/// [`Analysis::events`] or [`Analysis::statements`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "index", rename_all = "snake_case")]
pub enum TimelineItem {
    /// The event at this index.
    Event(usize),
    /// The statement at this index.
    Statement(usize),
}

/// One dated (or undated) item on a timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The event or statement.
    pub item: TimelineItem,
    /// The days it falls on, resolved against its document's date; `None`
    /// when unknown.
    pub dates: Option<DateRange>,
    /// The index of its document in [`Analysis::documents`].
    pub document: usize,
    /// Where it is in its document.
    pub span: Span,
}

/// The size of a timeline group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Granularity {
    /// One group per day.
    Day,
    /// One group per ISO week, Monday to Sunday.
    Week,
    /// One group per calendar month.
    Month,
}

impl Granularity {
    /// The period of this size that holds `date`.
    pub fn period(&self, date: NaiveDate) -> DateRange {
        match self {
            Granularity::Day => DateRange::day(date),
            Granularity::Week => {
                let back = u64::from(date.weekday().num_days_from_monday());
                let monday = date.checked_sub_days(Days::new(back)).unwrap_or(date);
                let sunday = monday.checked_add_days(Days::new(6)).unwrap_or(monday);
                DateRange::new(monday, sunday)
            }
            Granularity::Month => {
                let first = date.with_day(1).unwrap_or(date);
                let last = first
                    .checked_add_months(chrono::Months::new(1))
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(date);
                DateRange::new(first, last)
            }
        }
    }
}

/// Entries that fall in one period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineGroup {
    /// The period; `None` for the group of undated entries.
    pub period: Option<DateRange>,
    /// The entries, in timeline order.
    pub entries: Vec<TimelineEntry>,
}

/// Events and statements in time order.
///
/// Dates are resolved against each document's date. Dated entries come first,
/// ordered by first day, then last day, with document order breaking ties:
/// an order consistent with the partial order of [`DateRange`]. Undated
/// entries follow in document order.
///
/// # Examples
///
/// ```
/// use demarche::chrono::NaiveDate;
/// use demarche::{Analysis, Cue, Document, Event, EventKind, Granularity, Span, Timeline, When};
///
/// let day = |d| NaiveDate::from_ymd_opt(2025, 6, d).unwrap();
/// let mut a = Analysis::new();
/// a.add_document(Document::new("doc", 100).with_date(day(5))).unwrap();
/// let ev = |k, start, when| Event::new("doc", k, Cue::new("x", Span::new(start, start + 1))).with_date(when, None);
/// a.add_event(ev(EventKind::Call, 50, When::Partial { month: 6, day: Some(3) }));
/// a.add_event(ev(EventKind::Attack, 10, When::Partial { month: 6, day: Some(1) }));
/// let timeline = Timeline::new(&a);
/// let days: Vec<_> = timeline.entries().iter().map(|e| e.dates.unwrap().start).collect();
/// assert_eq!(days, [day(1), day(3)]);
/// // June 1, 2025 is a Sunday: two ISO weeks, one month.
/// assert_eq!(timeline.group_by(Granularity::Week).len(), 2);
/// assert_eq!(timeline.group_by(Granularity::Month).len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    entries: Vec<TimelineEntry>,
}

impl Timeline {
    /// The timeline of every event and statement in the analysis.
    pub fn new(analysis: &Analysis) -> Timeline {
        let docs: HashMap<&str, (usize, Option<NaiveDate>)> = analysis
            .documents()
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), (i, d.date)))
            .collect();
        let doc_of = |id: &str| docs.get(id).copied().unwrap_or((usize::MAX, None));
        let mut entries = Vec::with_capacity(analysis.events().len() + analysis.statements().len());
        for (i, ev) in analysis.events().iter().enumerate() {
            let (document, reference) = doc_of(ev.document.as_str());
            let dates = ev.when.resolve(reference).or(ev.date.map(DateRange::day));
            entries.push(TimelineEntry {
                item: TimelineItem::Event(i),
                dates,
                document,
                span: ev.span,
            });
        }
        for (i, st) in analysis.statements().iter().enumerate() {
            let (document, reference) = doc_of(st.document.as_str());
            let dates = st.when.resolve(reference).or(st.date.map(DateRange::day));
            entries.push(TimelineEntry {
                item: TimelineItem::Statement(i),
                dates,
                document,
                span: st.span,
            });
        }
        entries.sort_by(|a, b| {
            let key = |e: &TimelineEntry| e.dates.map(|d| (d.start, d.end));
            match (key(a), key(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then(a.document.cmp(&b.document))
            .then(a.span.start.cmp(&b.span.start))
        });
        Timeline { entries }
    }

    /// The entries in time order.
    pub fn entries(&self) -> &[TimelineEntry] {
        &self.entries
    }

    /// The entries grouped by period, in time order; undated entries, if
    /// any, in a last group with no period. An entry spanning several
    /// periods is placed in the period of its first day.
    pub fn group_by(&self, granularity: Granularity) -> Vec<TimelineGroup> {
        let mut groups: Vec<TimelineGroup> = Vec::new();
        for e in &self.entries {
            let period = e.dates.map(|d| granularity.period(d.start));
            match groups.last_mut() {
                Some(g) if g.period == period => g.entries.push(e.clone()),
                _ => groups.push(TimelineGroup {
                    period,
                    entries: vec![e.clone()],
                }),
            }
        }
        groups
    }
}
