//! Analyses over the matched stances: dyads, timelines, profiles, two-track
//! postures and stance shifts. Every result type is plain serde data.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::table::{KINDS, RowId, SideIx, Table, day_of_number, kind_slot};
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
}

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
/// stances ("ruled out talks") are left out of the cells, as they are not the
/// position their kind names, and counted in [`negated`](DyadTable::negated),
/// so the table accounts for every matched stance:
/// `table.total() + table.negated == hits.stance_count()`. Cells come largest
/// first, ties ordered by holder, target and kind. [`pivot`](DyadTable::pivot)
/// gives the same counts as one row per holder and target, a column per
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
/// let hits = index.all();
/// let table = hits.dyad_table();
/// assert_eq!(table.total() + table.negated, hits.stance_count());
/// let rus_ukr = table.count(Some("RUS"), Some("UKR"), StanceKind::Retaliation);
/// let filtered = index.query("holder:RUS target:UKR kind:retaliation").unwrap().dyad_table();
/// assert_eq!(filtered.total(), rus_ukr);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DyadTable {
    /// The non-empty cells, largest first.
    pub cells: Vec<DyadCount>,
    /// The matched stances left out because they are negated.
    #[serde(default)]
    pub negated: usize,
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

    /// The number of stances counted in the cells (negated ones are not).
    pub fn total(&self) -> usize {
        self.cells.iter().map(|c| c.count).sum()
    }

    /// The table as rows, one per holder side and target side, with a count
    /// per stance kind: a pivot of the cells.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::StanceKind;
    /// use demarche::query::{Index, synth};
    ///
    /// let corpus = synth::corpus(2_000, 3);
    /// let table = Index::new(&corpus).all().dyad_table();
    /// let pivot = table.pivot();
    /// assert_eq!(pivot.kinds, StanceKind::ALL);
    /// assert_eq!(pivot.rows.iter().map(|r| r.total).sum::<usize>(), table.total());
    /// let row = pivot.row(Some("RUS"), Some("UKR")).unwrap();
    /// assert_eq!(row.count(StanceKind::Retaliation), table.count(Some("RUS"), Some("UKR"), StanceKind::Retaliation));
    /// // As text, a table with a column per kind.
    /// let text = pivot.to_string();
    /// let header: Vec<&str> = text.lines().next().unwrap().split_whitespace().collect();
    /// assert_eq!(header, ["holder", "target", "retaliation", "negotiation", "condemnation",
    ///                     "appeal", "denial", "support", "total"]);
    /// ```
    pub fn pivot(&self) -> DyadPivot {
        let mut rows: Vec<DyadRow> = Vec::new();
        let mut at: HashMap<(Option<&CountryCode>, Option<&CountryCode>), usize> = HashMap::new();
        for c in &self.cells {
            let i = *at
                .entry((c.holder.as_ref(), c.target.as_ref()))
                .or_insert_with(|| {
                    rows.push(DyadRow {
                        holder: c.holder.clone(),
                        target: c.target.clone(),
                        counts: vec![0; KINDS],
                        total: 0,
                    });
                    rows.len() - 1
                });
            rows[i].counts[kind_slot(c.kind)] += c.count;
            rows[i].total += c.count;
        }
        rows.sort_by(|a, b| {
            b.total
                .cmp(&a.total)
                .then_with(|| a.holder.cmp(&b.holder))
                .then_with(|| a.target.cmp(&b.target))
        });
        DyadPivot {
            kinds: StanceKind::ALL.to_vec(),
            rows,
            negated: self.negated,
        }
    }
}

/// A [`DyadTable`] pivoted: one row per holder side and target side, with
/// a count per stance kind.
///
/// Made by [`DyadTable::pivot`]. Rows come with the most stances first, ties
/// ordered by holder and target. `Display` prints it as a text table, a
/// column per kind and a total, null sides as `-`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DyadPivot {
    /// The columns: every stance kind, in the order of each row's counts
    /// ([`StanceKind::ALL`]).
    pub kinds: Vec<StanceKind>,
    /// The rows, most stances first.
    pub rows: Vec<DyadRow>,
    /// The matched stances left out because they are negated, as in the
    /// table.
    #[serde(default)]
    pub negated: usize,
}

/// One row of a [`DyadPivot`]: the stances of a holder side toward a target
/// side, by kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DyadRow {
    /// The holder's side; null if it has none.
    pub holder: Option<CountryCode>,
    /// The target's side; null if the stances have no target or it has no
    /// side.
    pub target: Option<CountryCode>,
    /// A count per kind, in the order of [`DyadPivot::kinds`].
    pub counts: Vec<usize>,
    /// The sum of the counts.
    pub total: usize,
}

impl DyadRow {
    /// The count for one kind.
    pub fn count(&self, kind: StanceKind) -> usize {
        self.counts.get(kind_slot(kind)).copied().unwrap_or(0)
    }
}

impl DyadPivot {
    /// The row of a holder side and target side; `None` for a missing side
    /// (or target), as in [`DyadTable::count`].
    pub fn row(&self, holder: Option<&str>, target: Option<&str>) -> Option<&DyadRow> {
        self.rows.iter().find(|r| {
            r.holder.as_ref().map(CountryCode::as_str) == holder
                && r.target.as_ref().map(CountryCode::as_str) == target
        })
    }

    /// The number of stances counted in the rows.
    pub fn total(&self) -> usize {
        self.rows.iter().map(|r| r.total).sum()
    }
}

impl fmt::Display for DyadPivot {
    /// A text table: `holder`, `target`, a column per kind, `total`; each
    /// column as wide as its widest entry, counts right-aligned, null sides
    /// as `-`. A last line gives the negated stances left out, if any.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn side(c: &Option<CountryCode>) -> &str {
            c.as_ref().map_or("-", CountryCode::as_str)
        }
        let mut header: Vec<&str> = vec!["holder", "target"];
        header.extend(self.kinds.iter().map(StanceKind::as_str));
        header.push("total");
        let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                let mut row = vec![side(&r.holder).to_owned(), side(&r.target).to_owned()];
                row.extend(r.counts.iter().map(usize::to_string));
                row.push(r.total.to_string());
                row
            })
            .collect();
        for row in &cells {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.len());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, row: &[&str]| -> fmt::Result {
            for (i, (c, w)) in row.iter().zip(&widths).enumerate() {
                if i > 0 {
                    f.write_str("  ")?;
                }
                if i < 2 {
                    write!(f, "{c:<w$}")?;
                } else {
                    write!(f, "{c:>w$}")?;
                }
            }
            f.write_str("\n")
        };
        line(f, &header)?;
        for row in &cells {
            let row: Vec<&str> = row.iter().map(String::as_str).collect();
            line(f, &row)?;
        }
        if self.negated > 0 {
            writeln!(f, "({} negated stances left out)", self.negated)?;
        }
        Ok(())
    }
}

/// Stance counts per period and kind.
///
/// Made by [`Hits::stance_timeline`](super::Hits::stance_timeline). Periods
/// with no stances are left out; stances of undated statements are counted in
/// `undated`. Negated stances are left out and counted in `negated`, so the
/// periods, `undated` and `negated` add up to the matched stances.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceTimeline {
    /// The size of the periods.
    pub granularity: Granularity,
    /// The periods with stances, in order.
    pub periods: Vec<PeriodCounts>,
    /// Stances of statements with no date.
    pub undated: KindCounts,
    /// The matched stances left out because they are negated.
    #[serde(default)]
    pub negated: usize,
}

impl StanceTimeline {
    /// The number of stances counted, dated and undated (negated ones are
    /// not).
    pub fn total(&self) -> usize {
        self.periods.iter().map(|p| p.counts.total()).sum::<usize>() + self.undated.total()
    }
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
/// most stances first. Negated stances are left out and counted in
/// `negated`.
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
    /// Its stances left out because they are negated.
    #[serde(default)]
    pub negated: usize,
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

fn code(table: &Table, side: Option<SideIx>) -> Option<CountryCode> {
    side.map(|s| table.side_code(s).clone())
}

/// Counts per kind, as accumulated.
type Tally = [u32; KINDS];

fn counts(tally: &Tally) -> KindCounts {
    let mut out = KindCounts::default();
    for (i, &n) in tally.iter().enumerate() {
        out.add(StanceKind::ALL[i], n as usize);
    }
    out
}

/// The periods of one size that the index's dates fall in, numbered in
/// order, with a fast way from a day to its period's number.
struct Periods {
    ranges: Vec<DateRange>,
    /// The first day the dense table covers.
    base: i32,
    /// Per day from `base`, its period's number (when the dates span few
    /// enough days for a table).
    dense: Vec<u32>,
    /// Otherwise: the distinct days with statements, and their periods.
    days: Vec<i32>,
    day_periods: Vec<u32>,
}

/// The widest span of days [`Periods`] covers with a table.
const DENSE_DAYS: i64 = 1 << 20;

impl Periods {
    fn new(table: &Table, granularity: Granularity) -> Periods {
        let mut p = Periods {
            ranges: Vec::new(),
            base: 0,
            dense: Vec::new(),
            days: Vec::new(),
            day_periods: Vec::new(),
        };
        let (_, sorted_days) = table.by_date();
        let (Some(&first), Some(&last)) = (sorted_days.first(), sorted_days.last()) else {
            return p;
        };
        let number = |p: &mut Periods, day: i32| -> u32 {
            let range = granularity.period(day_of_number(day).unwrap_or_default());
            if p.ranges.last() != Some(&range) {
                p.ranges.push(range);
            }
            (p.ranges.len() - 1) as u32
        };
        if i64::from(last) - i64::from(first) < DENSE_DAYS {
            p.base = first;
            for day in first..=last {
                let n = number(&mut p, day);
                p.dense.push(n);
            }
        } else {
            let mut days = sorted_days.to_vec();
            days.dedup();
            for &day in &days {
                let n = number(&mut p, day);
                p.day_periods.push(n);
            }
            p.days = days;
        }
        p
    }

    fn len(&self) -> usize {
        self.ranges.len()
    }

    /// The number of the period holding `day`, a day some statement has.
    fn of(&self, day: i32) -> usize {
        if !self.dense.is_empty() {
            let at = (i64::from(day) - i64::from(self.base)) as usize;
            return self.dense.get(at).copied().unwrap_or(0) as usize;
        }
        let at = self.days.partition_point(|&d| d < day);
        self.day_periods.get(at).copied().unwrap_or(0) as usize
    }

    /// The non-empty periods of a tally per period, in order.
    fn list(&self, tallies: &[Tally]) -> Vec<PeriodCounts> {
        tallies
            .iter()
            .enumerate()
            .filter(|(_, t)| t.iter().any(|&n| n > 0))
            .map(|(i, t)| PeriodCounts {
                period: self.ranges[i],
                counts: counts(t),
            })
            .collect()
    }
}

pub(crate) fn dyad_table(table: &Table, rows: impl Iterator<Item = RowId>) -> DyadTable {
    // Sides 0..n, and n for "none".
    let n = table.side_count() + 1;
    let slot = |side: Option<SideIx>| side.map_or(n - 1, |s| s as usize);
    let cells_needed = n.saturating_mul(n).saturating_mul(KINDS);
    let mut dense: Vec<u32> = Vec::new();
    let mut sparse: HashMap<(usize, usize, usize), usize> = HashMap::new();
    let use_dense = cells_needed <= 1 << 22;
    if use_dense {
        dense = vec![0; cells_needed];
    }
    let mut negated = 0;
    for row in rows {
        let Some(kind) = table.held_kind_slot(row) else {
            negated += usize::from(table.is_negated(row));
            continue;
        };
        let h = slot(table.holder_side(row));
        let t = slot(table.target_side(row));
        if use_dense {
            dense[(h * n + t) * KINDS + kind] += 1;
        } else {
            *sparse.entry((h, t, kind)).or_default() += 1;
        }
    }
    let cell = |h: usize, t: usize, k: usize, count: usize| {
        let side = |s: usize| (s != n - 1).then(|| table.side_code(s as SideIx).clone());
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
    DyadTable { cells, negated }
}

pub(crate) fn stance_timeline(
    table: &Table,
    rows: impl Iterator<Item = RowId>,
    granularity: Granularity,
) -> StanceTimeline {
    let periods = Periods::new(table, granularity);
    let mut tallies = vec![[0u32; KINDS]; periods.len()];
    let mut undated = [0u32; KINDS];
    let mut negated = 0;
    for row in rows {
        let Some(kind) = table.held_kind_slot(row) else {
            negated += usize::from(table.is_negated(row));
            continue;
        };
        match table.row_day(row) {
            None => undated[kind] += 1,
            Some(day) => tallies[periods.of(day)][kind] += 1,
        }
    }
    StanceTimeline {
        granularity,
        periods: periods.list(&tallies),
        undated: counts(&undated),
        negated,
    }
}

pub(crate) fn profile(
    table: &Table,
    holder: &str,
    rows: impl Iterator<Item = RowId>,
    granularity: Granularity,
) -> ActorProfile {
    let periods = Periods::new(table, granularity);
    // Per target side (and one for none): tallies per period, and undated.
    let n = table.side_count() + 1;
    let mut by_target: Vec<Option<(Vec<Tally>, Tally)>> = vec![None; n];
    let mut negated = 0;
    for row in rows {
        let Some(kind) = table.held_kind_slot(row) else {
            negated += usize::from(table.is_negated(row));
            continue;
        };
        let slot = table.target_side(row).map_or(n - 1, |t| t as usize);
        let (tallies, undated) =
            by_target[slot].get_or_insert_with(|| (vec![[0; KINDS]; periods.len()], [0; KINDS]));
        match table.row_day(row) {
            None => undated[kind] += 1,
            Some(day) => tallies[periods.of(day)][kind] += 1,
        }
    }
    let mut total = KindCounts::default();
    let mut targets: Vec<TargetProfile> = by_target
        .into_iter()
        .enumerate()
        .filter_map(|(slot, data)| {
            let (tallies, undated) = data?;
            let mut sum = undated;
            for t in &tallies {
                for k in 0..KINDS {
                    sum[k] += t[k];
                }
            }
            let sum = counts(&sum);
            for (k, c) in sum.iter() {
                total.add(k, c);
            }
            Some(TargetProfile {
                target: code(table, (slot != n - 1).then_some(slot as SideIx)),
                total: sum,
                periods: periods.list(&tallies),
                undated: counts(&undated),
            })
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
        negated,
    }
}

/// Held, dated stances whose holder and target have sides, grouped by
/// dyad (holder side, target side), each group in row order. Only the
/// given kinds, if any are given.
fn dated_dyads(
    table: &Table,
    rows: impl Iterator<Item = RowId>,
    kinds: Option<[usize; 2]>,
) -> Vec<((SideIx, SideIx), Vec<Dated>)> {
    let n = table.side_count();
    let mut groups: Vec<Vec<Dated>> = vec![Vec::new(); n * n];
    for row in rows {
        let Some(kind) = table.held_kind_slot(row) else {
            continue;
        };
        if kinds.is_some_and(|ks| !ks.contains(&kind)) {
            continue;
        }
        let (Some(h), Some(t), Some(day)) = (
            table.holder_side(row),
            table.target_side(row),
            table.row_day(row),
        ) else {
            continue;
        };
        groups[h as usize * n + t as usize].push(Dated { day, row, kind });
    }
    groups
        .into_iter()
        .enumerate()
        .filter(|(_, g)| !g.is_empty())
        .map(|(i, g)| (((i / n) as SideIx, (i % n) as SideIx), g))
        .collect()
}

/// A stance of [`dated_dyads`], with what the analyses read of it.
#[derive(Clone, Copy, Debug)]
struct Dated {
    day: i32,
    row: RowId,
    kind: usize,
}

fn stance_ref(table: &Table, row: RowId) -> StanceRef {
    StanceRef {
        statement: table.statement_of(row) as usize,
        stance: table.stance_index(row).unwrap_or(0),
    }
}

pub(crate) fn two_track(
    table: &Table,
    rows: impl Iterator<Item = RowId>,
    window_days: u32,
) -> Vec<TwoTrack> {
    let retaliation = kind_slot(StanceKind::Retaliation);
    let negotiation = kind_slot(StanceKind::Negotiation);
    let w = i64::from(window_days);
    let mut out = Vec::new();
    for ((h, t), mut group) in dated_dyads(table, rows, Some([retaliation, negotiation])) {
        group.sort_unstable_by_key(|d| (d.day, d.row));
        let days = |k: usize| -> Vec<i64> {
            group
                .iter()
                .filter(|d| d.kind == k)
                .map(|d| i64::from(d.day))
                .collect()
        };
        let (ret_days, neg_days) = (days(retaliation), days(negotiation));
        let near = |list: &[i64], day: i64| {
            let from = list.partition_point(|&d| d < day - w);
            list.get(from).is_some_and(|&d| d <= day + w)
        };
        let mut episode: Vec<Dated> = Vec::new();
        let mut flush = |episode: &mut Vec<Dated>| {
            if let (Some(first), Some(last)) = (episode.first(), episode.last()) {
                let refs = |k: usize| {
                    episode
                        .iter()
                        .filter(|d| d.kind == k)
                        .map(|d| stance_ref(table, d.row))
                        .collect()
                };
                out.push(TwoTrack {
                    holder: table.side_code(h).clone(),
                    target: table.side_code(t).clone(),
                    start: day_of_number(first.day).unwrap_or_default(),
                    end: day_of_number(last.day).unwrap_or_default(),
                    retaliation: refs(retaliation),
                    negotiation: refs(negotiation),
                });
            }
            episode.clear();
        };
        for &d in &group {
            let day = i64::from(d.day);
            let paired = if d.kind == retaliation {
                near(&neg_days, day)
            } else {
                near(&ret_days, day)
            };
            if !paired {
                continue;
            }
            if episode
                .last()
                .is_some_and(|last| day - i64::from(last.day) > w)
            {
                flush(&mut episode);
            }
            episode.push(d);
        }
        flush(&mut episode);
    }
    out.sort_by(|a, b| (&a.holder, &a.target, a.start).cmp(&(&b.holder, &b.target, b.start)));
    out
}

pub(crate) fn stance_shifts(
    table: &Table,
    rows: impl Iterator<Item = RowId>,
    granularity: Granularity,
) -> Vec<StanceShift> {
    let periods = Periods::new(table, granularity);
    let mut out = Vec::new();
    let mut tallies = vec![[0u32; KINDS]; periods.len()];
    for ((h, t), group) in dated_dyads(table, rows, None) {
        for tally in tallies.iter_mut() {
            *tally = [0; KINDS];
        }
        for d in &group {
            tallies[periods.of(d.day)][d.kind] += 1;
        }
        let list = periods.list(&tallies);
        for pair in list.windows(2) {
            let [a, b] = pair else { continue };
            if let (Some(from), Some(to)) = (a.counts.dominant(), b.counts.dominant())
                && from != to
            {
                out.push(StanceShift {
                    holder: table.side_code(h).clone(),
                    target: table.side_code(t).clone(),
                    from,
                    to,
                    from_period: a.period,
                    to_period: b.period,
                    from_counts: a.counts.clone(),
                    to_counts: b.counts.clone(),
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
