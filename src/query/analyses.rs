//! Analyses over the matched stances: dyads, timelines, profiles, two-track
//! postures and stance shifts. Every result type is plain serde data.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::index::{Index, NEGATED, NO_DATE, NO_KIND, NONE, day_number, day_of_number};
use crate::{CountryCode, DateRange, Granularity, StanceKind};

/// Counts per stance kind. In JSON, an object from kind to count, listing
/// only kinds that occur: `{"retaliation": 3, "negotiation": 1}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KindCounts(BTreeMap<StanceKind, usize>);

impl KindCounts {
    /// The count for one kind.
    pub fn get(&self, kind: StanceKind) -> usize {
        self.0.get(&kind).copied().unwrap_or(0)
    }

    /// The sum over all kinds.
    pub fn total(&self) -> usize {
        self.0.values().sum()
    }

    /// Whether every count is zero.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The kinds that occur with their counts, in kind order.
    pub fn iter(&self) -> impl Iterator<Item = (StanceKind, usize)> + '_ {
        self.0.iter().map(|(k, n)| (*k, *n))
    }

    /// The kind with strictly the most stances; `None` when empty or tied.
    pub fn dominant(&self) -> Option<StanceKind> {
        let max = self.0.values().copied().max()?;
        let mut top = self.0.iter().filter(|(_, n)| **n == max);
        let (kind, _) = top.next()?;
        top.next().is_none().then_some(*kind)
    }

    /// Adds `n` to a kind's count.
    pub fn add(&mut self, kind: StanceKind, n: usize) {
        if n > 0 {
            *self.0.entry(kind).or_default() += n;
        }
    }

    fn from_array(counts: &[usize; KINDS]) -> KindCounts {
        let mut out = KindCounts::default();
        for (i, &n) in counts.iter().enumerate() {
            out.add(StanceKind::ALL[i], n);
        }
        out
    }
}

const KINDS: usize = StanceKind::ALL.len();

/// The stances of one period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodCounts {
    /// The period: a day, an ISO week or a calendar month.
    pub period: DateRange,
    /// Its stances by kind.
    pub counts: KindCounts,
}

/// A stance, by position: the stance `stance` of the statement at index
/// `statement` in [`Analysis::statements`](crate::Analysis::statements).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StanceRef {
    /// The statement's index.
    pub statement: usize,
    /// The stance's index in the statement.
    pub stance: usize,
}

/// One cell of a [`DyadTable`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DyadCount {
    /// The holder's side; null if it has none.
    pub holder: Option<CountryCode>,
    /// The target's side; null if the stance has no target or it has no side.
    pub target: Option<CountryCode>,
    /// The stance kind.
    pub kind: StanceKind,
    /// How many stances.
    pub count: usize,
}

/// Who takes which stance toward whom: stances counted by holder side,
/// target side and kind.
///
/// Made by [`Hits::dyad_table`](super::Hits::dyad_table) over the stances a
/// search matched (`index.all().dyad_table()` for everything). Negated
/// stances ("ruled out talks") are left out: they are not the position their
/// kind names. Cells come largest first, ties ordered by holder, target and
/// kind.
///
/// # Examples
///
/// ```
/// use demarche::StanceKind;
/// use demarche::query::{Index, synth};
///
/// let corpus = synth::corpus(5_000, 3);
/// let index = Index::new(&corpus);
/// let table = index.all().dyad_table();
/// let rus_ukr = table.count(Some("RUS"), Some("UKR"), StanceKind::Retaliation);
/// let filtered = index.query("holder:RUS target:UKR kind:retaliation").unwrap().dyad_table();
/// assert_eq!(filtered.total(), rus_ukr);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DyadTable {
    /// The non-empty cells, largest first.
    pub cells: Vec<DyadCount>,
}

impl DyadTable {
    /// The count in one cell; `None` for a missing side (or target).
    pub fn count(&self, holder: Option<&str>, target: Option<&str>, kind: StanceKind) -> usize {
        self.cells
            .iter()
            .find(|c| {
                c.kind == kind
                    && c.holder.as_ref().map(CountryCode::as_str) == holder
                    && c.target.as_ref().map(CountryCode::as_str) == target
            })
            .map_or(0, |c| c.count)
    }

    /// The number of stances counted.
    pub fn total(&self) -> usize {
        self.cells.iter().map(|c| c.count).sum()
    }
}

/// Stance counts per period and kind.
///
/// Made by [`Hits::stance_timeline`](super::Hits::stance_timeline). Periods
/// with no stances are left out; stances of undated statements are counted in
/// `undated`. Negated stances are left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceTimeline {
    /// The size of the periods.
    pub granularity: Granularity,
    /// The periods with stances, in order.
    pub periods: Vec<PeriodCounts>,
    /// Stances of statements with no date.
    pub undated: KindCounts,
}

/// An actor's or side's stances toward one target side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetProfile {
    /// The target's side; null for stances without a target (or whose
    /// target has no side).
    pub target: Option<CountryCode>,
    /// All its stances by kind.
    pub total: KindCounts,
    /// Its stances per period, in order.
    pub periods: Vec<PeriodCounts>,
    /// Its stances in undated statements.
    pub undated: KindCounts,
}

/// The stances an actor or side holds toward each target side, over time.
///
/// Made by [`Index::profile`](super::Index::profile). Targets come with the
/// most stances first. Negated stances are left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorProfile {
    /// The holder asked about, as given (an id, name, alias or side code).
    pub holder: String,
    /// The size of the periods.
    pub granularity: Granularity,
    /// All its stances by kind.
    pub total: KindCounts,
    /// Per target side.
    pub targets: Vec<TargetProfile>,
}

/// A two-track posture: one side voicing retaliation and negotiation toward
/// the same target side within a few days, as Russia did after the June 2025
/// drone strikes (vowing to strike back while remaining open to talks).
///
/// Found by [`Hits::two_track`](super::Hits::two_track). For each holder
/// side and target side, a retaliation or negotiation stance belongs to a
/// two-track episode when a stance of the other kind toward the same target
/// lies within the window (`window_days` days before or after it, so `0`
/// means the same day); the episode's stances are grouped into runs in which
/// consecutive stances are at most the window apart. Stances of undated
/// statements, negated stances and stances whose holder or target has no
/// side are not considered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoTrack {
    /// The side voicing both.
    pub holder: CountryCode,
    /// The side both are aimed at.
    pub target: CountryCode,
    /// The day of the first stance of the episode.
    pub start: NaiveDate,
    /// The day of the last.
    pub end: NaiveDate,
    /// Its retaliation stances, in date then statement order.
    pub retaliation: Vec<StanceRef>,
    /// Its negotiation stances, in date then statement order.
    pub negotiation: Vec<StanceRef>,
}

/// A change of a side's dominant stance toward a target side from one period
/// to the next (for example from retaliation to negotiation).
///
/// Found by [`Hits::stance_shifts`](super::Hits::stance_shifts). For each
/// holder side and target side, the periods in which the holder took a
/// stance toward the target are listed in order; a period's dominant kind is
/// the kind with strictly the most stances (a tie has none); a shift is
/// reported between two consecutive listed periods whose dominant kinds
/// differ. Periods without stances in between are skipped, so `from_period`
/// and `to_period` need not be adjacent. Stances of undated statements,
/// negated stances and stances whose holder or target has no side are not
/// considered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceShift {
    /// The side whose stance changed.
    pub holder: CountryCode,
    /// The side the stance is aimed at.
    pub target: CountryCode,
    /// The dominant kind before.
    pub from: StanceKind,
    /// The dominant kind after.
    pub to: StanceKind,
    /// The period before.
    pub from_period: DateRange,
    /// The period after.
    pub to_period: DateRange,
    /// The stances of the period before.
    pub from_counts: KindCounts,
    /// The stances of the period after.
    pub to_counts: KindCounts,
}

/// The kind of a row holding a held stance.
fn held_kind(index: &Index<'_>, row: u32) -> Option<usize> {
    let k = index.row_kind[row as usize];
    (k != NO_KIND && k & NEGATED == 0).then_some(k as usize)
}

fn code(index: &Index<'_>, side: u32) -> Option<CountryCode> {
    (side != NONE).then(|| index.sides[side as usize].clone())
}

/// Turns day numbers into the periods holding them, remembering each day.
struct Periods {
    granularity: Granularity,
    seen: HashMap<i32, i32>,
}

impl Periods {
    fn new(granularity: Granularity) -> Periods {
        Periods {
            granularity,
            seen: HashMap::new(),
        }
    }

    /// The first day of the period holding `day`, as a day number.
    fn start(&mut self, day: i32) -> i32 {
        let g = self.granularity;
        *self
            .seen
            .entry(day)
            .or_insert_with(|| day_of_number(day).map_or(day, |d| day_number(g.period(d).start)))
    }

    fn range(&self, start: i32) -> DateRange {
        let d = day_of_number(start).unwrap_or_default();
        self.granularity.period(d)
    }
}

pub(crate) fn dyad_table(index: &Index<'_>, rows: impl Iterator<Item = u32>) -> DyadTable {
    // Sides 0..n, and n for "none".
    let n = index.sides.len() + 1;
    let slot = |side: u32| {
        if side == NONE { n - 1 } else { side as usize }
    };
    let cells_needed = n.saturating_mul(n).saturating_mul(KINDS);
    let mut dense: Vec<u32> = Vec::new();
    let mut sparse: HashMap<(usize, usize, usize), usize> = HashMap::new();
    let use_dense = cells_needed <= 1 << 22;
    if use_dense {
        dense = vec![0; cells_needed];
    }
    for row in rows {
        let Some(kind) = held_kind(index, row) else {
            continue;
        };
        let r = row as usize;
        let h = slot(index.side(index.row_holder[r]));
        let t = slot(index.side(index.row_target[r]));
        if use_dense {
            dense[(h * n + t) * KINDS + kind] += 1;
        } else {
            *sparse.entry((h, t, kind)).or_default() += 1;
        }
    }
    let cell = |h: usize, t: usize, k: usize, count: usize| {
        let side = |s: usize| (s != n - 1).then(|| index.sides[s].clone());
        DyadCount {
            holder: side(h),
            target: side(t),
            kind: StanceKind::ALL[k],
            count,
        }
    };
    let mut cells: Vec<DyadCount> = if use_dense {
        dense
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(i, &c)| cell(i / KINDS / n, i / KINDS % n, i % KINDS, c as usize))
            .collect()
    } else {
        sparse
            .into_iter()
            .map(|((h, t, k), c)| cell(h, t, k, c))
            .collect()
    };
    cells.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.holder.cmp(&b.holder))
            .then_with(|| a.target.cmp(&b.target))
            .then_with(|| a.kind.cmp(&b.kind))
    });
    DyadTable { cells }
}

/// Counts rows per period and kind: periods in order, and the undated.
fn per_period(
    index: &Index<'_>,
    rows: impl Iterator<Item = u32>,
    periods: &mut Periods,
) -> (Vec<PeriodCounts>, KindCounts) {
    let mut by: BTreeMap<i32, [usize; KINDS]> = BTreeMap::new();
    let mut undated = [0usize; KINDS];
    for row in rows {
        let Some(kind) = held_kind(index, row) else {
            continue;
        };
        let day = index.date[index.row_statement[row as usize] as usize];
        if day == NO_DATE {
            undated[kind] += 1;
        } else {
            let start = periods.start(day);
            by.entry(start).or_default()[kind] += 1;
        }
    }
    let list = by
        .into_iter()
        .map(|(start, counts)| PeriodCounts {
            period: periods.range(start),
            counts: KindCounts::from_array(&counts),
        })
        .collect();
    (list, KindCounts::from_array(&undated))
}

pub(crate) fn stance_timeline(
    index: &Index<'_>,
    rows: impl Iterator<Item = u32>,
    granularity: Granularity,
) -> StanceTimeline {
    let (periods, undated) = per_period(index, rows, &mut Periods::new(granularity));
    StanceTimeline {
        granularity,
        periods,
        undated,
    }
}

pub(crate) fn profile(
    index: &Index<'_>,
    holder: &str,
    rows: impl Iterator<Item = u32>,
    granularity: Granularity,
) -> ActorProfile {
    let mut by_target: HashMap<u32, Vec<u32>> = HashMap::new();
    for row in rows {
        if held_kind(index, row).is_some() {
            let t = index.side(index.row_target[row as usize]);
            by_target.entry(t).or_default().push(row);
        }
    }
    let mut periods = Periods::new(granularity);
    let mut total = KindCounts::default();
    let mut targets: Vec<TargetProfile> = by_target
        .into_iter()
        .map(|(t, rows)| {
            let (list, undated) = per_period(index, rows.iter().copied(), &mut periods);
            let mut sum = undated.clone();
            for p in &list {
                for (k, n) in p.counts.iter() {
                    sum.add(k, n);
                }
            }
            for (k, n) in sum.iter() {
                total.add(k, n);
            }
            TargetProfile {
                target: code(index, t),
                total: sum,
                periods: list,
                undated,
            }
        })
        .collect();
    targets.sort_by(|a, b| {
        b.total
            .total()
            .cmp(&a.total.total())
            .then_with(|| a.target.cmp(&b.target))
    });
    ActorProfile {
        holder: holder.to_owned(),
        granularity,
        total,
        targets,
    }
}

/// Stances by dyad (holder side, target side): `(day, kind, row)`.
type ByDyad = BTreeMap<(u32, u32), Vec<(i32, usize, u32)>>;

/// Held, dated stances with known holder and target sides, by dyad:
/// `(day, kind, row)` in row order.
fn dated_dyads(
    index: &Index<'_>,
    rows: impl Iterator<Item = u32>,
    kinds: Option<[usize; 2]>,
) -> ByDyad {
    let mut out = ByDyad::new();
    for row in rows {
        let Some(kind) = held_kind(index, row) else {
            continue;
        };
        if kinds.is_some_and(|ks| !ks.contains(&kind)) {
            continue;
        }
        let r = row as usize;
        let day = index.date[index.row_statement[r] as usize];
        let h = index.side(index.row_holder[r]);
        let t = index.side(index.row_target[r]);
        if day == NO_DATE || h == NONE || t == NONE {
            continue;
        }
        out.entry((h, t)).or_default().push((day, kind, row));
    }
    out
}

fn stance_ref(index: &Index<'_>, row: u32) -> StanceRef {
    let s = index.row_statement[row as usize];
    StanceRef {
        statement: s as usize,
        stance: (row - index.first_row[s as usize]) as usize,
    }
}

pub(crate) fn two_track(
    index: &Index<'_>,
    rows: impl Iterator<Item = u32>,
    window_days: u32,
) -> Vec<TwoTrack> {
    let retaliation = super::index::kind_code(StanceKind::Retaliation) as usize;
    let negotiation = super::index::kind_code(StanceKind::Negotiation) as usize;
    let w = i64::from(window_days);
    let mut out = Vec::new();
    for ((h, t), mut items) in dated_dyads(index, rows, Some([retaliation, negotiation])) {
        items.sort_by_key(|&(day, _, row)| (day, row));
        let days = |kind: usize| -> Vec<i32> {
            items.iter().filter(|i| i.1 == kind).map(|i| i.0).collect()
        };
        let (ret_days, neg_days) = (days(retaliation), days(negotiation));
        let near = |list: &[i32], day: i32| {
            let from = list.partition_point(|&d| i64::from(d) < i64::from(day) - w);
            list.get(from)
                .is_some_and(|&d| i64::from(d) <= i64::from(day) + w)
        };
        let paired: Vec<&(i32, usize, u32)> = items
            .iter()
            .filter(|(day, kind, _)| {
                if *kind == retaliation {
                    near(&neg_days, *day)
                } else {
                    near(&ret_days, *day)
                }
            })
            .collect();
        let mut episode: Vec<&(i32, usize, u32)> = Vec::new();
        let mut flush = |episode: &mut Vec<&(i32, usize, u32)>| {
            if let (Some(first), Some(last)) = (episode.first(), episode.last()) {
                let refs = |kind: usize| {
                    episode
                        .iter()
                        .filter(|i| i.1 == kind)
                        .map(|i| stance_ref(index, i.2))
                        .collect()
                };
                out.push(TwoTrack {
                    holder: index.sides[h as usize].clone(),
                    target: index.sides[t as usize].clone(),
                    start: day_of_number(first.0).unwrap_or_default(),
                    end: day_of_number(last.0).unwrap_or_default(),
                    retaliation: refs(retaliation),
                    negotiation: refs(negotiation),
                });
            }
            episode.clear();
        };
        for item in paired {
            if episode
                .last()
                .is_some_and(|last| i64::from(item.0) - i64::from(last.0) > w)
            {
                flush(&mut episode);
            }
            episode.push(item);
        }
        flush(&mut episode);
    }
    out.sort_by(|a, b| (&a.holder, &a.target, a.start).cmp(&(&b.holder, &b.target, b.start)));
    out
}

pub(crate) fn stance_shifts(
    index: &Index<'_>,
    rows: impl Iterator<Item = u32>,
    granularity: Granularity,
) -> Vec<StanceShift> {
    let mut periods = Periods::new(granularity);
    let mut out = Vec::new();
    for ((h, t), items) in dated_dyads(index, rows, None) {
        let mut by: BTreeMap<i32, [usize; KINDS]> = BTreeMap::new();
        for (day, kind, _) in items {
            by.entry(periods.start(day)).or_default()[kind] += 1;
        }
        let list: Vec<(i32, KindCounts)> = by
            .into_iter()
            .map(|(start, c)| (start, KindCounts::from_array(&c)))
            .collect();
        for pair in list.windows(2) {
            let [(a, ca), (b, cb)] = pair else { continue };
            if let (Some(from), Some(to)) = (ca.dominant(), cb.dominant())
                && from != to
            {
                out.push(StanceShift {
                    holder: index.sides[h as usize].clone(),
                    target: index.sides[t as usize].clone(),
                    from,
                    to,
                    from_period: periods.range(*a),
                    to_period: periods.range(*b),
                    from_counts: ca.clone(),
                    to_counts: cb.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| {
        (&a.holder, &a.target, a.to_period.start).cmp(&(&b.holder, &b.target, b.to_period.start))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dominant_needs_a_strict_maximum() {
        let mut c = KindCounts::default();
        assert_eq!(c.dominant(), None);
        c.add(StanceKind::Retaliation, 2);
        c.add(StanceKind::Negotiation, 2);
        assert_eq!(c.dominant(), None);
        c.add(StanceKind::Negotiation, 1);
        assert_eq!(c.dominant(), Some(StanceKind::Negotiation));
        c.add(StanceKind::Appeal, 0);
        assert_eq!(c.iter().count(), 2);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"retaliation":2,"negotiation":3}"#
        );
    }
}
