//! The results of a search: borrowed statements with the stances that matched.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::analyses::{self, DyadTable, StanceShift, StanceTimeline, TwoTrack};
use super::index::Index;
use super::table::{RowId, StatementId, Table, day_of_number};
use crate::{Granularity, Stance, Statement};

/// Which rows a [`Hits`] holds.
#[derive(Clone, Debug)]
pub(crate) enum Rows {
    /// Every row of the index.
    All,
    /// These rows, in order.
    List(Vec<u32>),
}

/// The statements a search selected, each with the stances that matched, in
/// statement order.
///
/// Nothing is copied: iterating gives [`Hit`]s that borrow the statements
/// from the analysis. The analyses ([`dyad_table`](Hits::dyad_table),
/// [`stance_timeline`](Hits::stance_timeline), [`two_track`](Hits::two_track),
/// [`stance_shifts`](Hits::stance_shifts)) and [`count_by`](Hits::count_by)
/// work on the matched stances only, so a filter scopes them.
///
/// # Totals that reconcile
///
/// The counts over one set of hits differ by what they leave out, and each
/// result names the difference:
///
/// - [`stance_count`](Hits::stance_count): every matched stance, negated
///   ones ("ruled out talks") included;
/// - [`dyad_table`](Hits::dyad_table) (and the timeline and profiles) leave
///   negated stances out, as not the position their kind names, and count
///   them in `negated`: `table.total() + table.negated == hits.stance_count()`;
/// - [`count_by`](Hits::count_by) over a stance field counts every matched
///   stance, and a statement without stances once, under null values:
///   `counts.total == hits.stance_count() + counts.without_stances`, of which
///   `counts.negated` are negated;
/// - [`len`](Hits::len) and `count_by` over statement fields count
///   statements.
///
/// # Examples
///
/// ```
/// use demarche::query::{Index, synth};
///
/// let corpus = synth::corpus(2_000, 7);
/// let index = Index::new(&corpus);
/// let hits = index.query("holder:RUS kind:retaliation date:2025-06").unwrap();
/// for hit in &hits {
///     assert!(hit.statement().date.is_some());
///     assert!(hit.stances().all(|s| s.kind == demarche::StanceKind::Retaliation));
/// }
/// assert!(hits.stance_count() >= hits.len());
/// ```
#[derive(Clone, Debug)]
pub struct Hits<'a> {
    index: &'a Index<'a>,
    rows: Rows,
    statements: usize,
}

impl<'a> Hits<'a> {
    pub(crate) fn new(index: &'a Index<'a>, rows: Rows, statements: usize) -> Hits<'a> {
        Hits {
            index,
            rows,
            statements,
        }
    }

    /// The number of statements selected.
    pub fn len(&self) -> usize {
        self.statements
    }

    /// Whether nothing was selected.
    pub fn is_empty(&self) -> bool {
        self.statements == 0
    }

    /// The number of stances that matched, over all statements, negated
    /// ones included.
    pub fn stance_count(&self) -> usize {
        let table = self.index.table();
        self.rows().filter(|&r| table.is_stance(r)).count()
    }

    /// The index searched.
    pub fn index(&self) -> &'a Index<'a> {
        self.index
    }

    /// The selected statements with their matched stances.
    pub fn iter(&self) -> Iter<'_, 'a> {
        Iter {
            hits: self,
            pos: 0,
            end: match &self.rows {
                Rows::All => self.index.statement_count(),
                Rows::List(rows) => rows.len(),
            },
        }
    }

    /// The selected statements alone.
    pub fn statements(&self) -> impl Iterator<Item = &'a Statement> + '_ {
        self.iter().map(|h| h.statement())
    }

    /// The matched rows, in order.
    pub(crate) fn rows(&self) -> impl Iterator<Item = u32> + '_ {
        let (all, list) = match &self.rows {
            Rows::All => (0..self.index.row_count() as u32, &[][..]),
            Rows::List(rows) => (0..0, rows.as_slice()),
        };
        all.chain(list.iter().copied())
    }

    /// Holder side × target side × kind counts of the matched stances; see
    /// [`DyadTable`].
    pub fn dyad_table(&self) -> DyadTable {
        analyses::dyad_table(self.index.table(), self.rows())
    }

    /// Counts of the matched stances per period and kind; see
    /// [`StanceTimeline`].
    pub fn stance_timeline(&self, granularity: Granularity) -> StanceTimeline {
        analyses::stance_timeline(self.index.table(), self.rows(), granularity)
    }

    /// Two-track postures among the matched stances: a holder side voicing
    /// both retaliation and negotiation toward the same target side within
    /// `window_days` days; see [`TwoTrack`].
    pub fn two_track(&self, window_days: u32) -> Vec<TwoTrack> {
        analyses::two_track(self.index.table(), self.rows(), window_days)
    }

    /// Changes of a holder side's dominant stance toward a target side from
    /// one period to the next; see [`StanceShift`].
    pub fn stance_shifts(&self, granularity: Granularity) -> Vec<StanceShift> {
        analyses::stance_shifts(self.index.table(), self.rows(), granularity)
    }

    /// The results counted by the values of one or more fields.
    ///
    /// When a stance field (`holder`, `holder_side`, `target`, `target_side`,
    /// `kind`) is among them, matched stances are counted, negated ones
    /// included (and counted again in [`GroupCounts::negated`]), with a
    /// statement that matched without stances counted once under null stance
    /// values (and in [`GroupCounts::without_stances`]); otherwise statements
    /// are counted. Groups come largest first, ties in key order. The totals
    /// reconcile with the other counts over the same hits (see [`Hits`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::query::{GroupBy, Index, synth};
    ///
    /// let corpus = synth::corpus(1_000, 1);
    /// let index = Index::new(&corpus);
    /// let hits = index.query("holder:RUS OR -kind:*").unwrap();
    /// let counts = hits.count_by(&[GroupBy::HolderSide, GroupBy::Kind]);
    /// assert_eq!(counts.total, counts.groups.iter().map(|g| g.count).sum::<usize>());
    /// assert_eq!(counts.total, hits.stance_count() + counts.without_stances);
    /// let table = hits.dyad_table();
    /// assert_eq!(counts.total - counts.without_stances - counts.negated, table.total());
    /// ```
    pub fn count_by(&self, by: &[GroupBy]) -> GroupCounts {
        let stances = by.iter().any(|g| g.is_stance_level());
        let mut counts: HashMap<Vec<Option<String>>, usize> = HashMap::new();
        let table = self.index.table();
        let (mut without_stances, mut negated) = (0, 0);
        for hit in self {
            let st = hit.statement();
            let key_of = |row: Option<RowId>| -> Vec<Option<String>> {
                by.iter()
                    .map(|g| group_value(table, st, hit.statement, row, *g))
                    .collect()
            };
            if stances {
                let mut any = false;
                for row in hit.rows() {
                    if table.is_stance(row) {
                        any = true;
                        negated += usize::from(table.is_negated(row));
                        *counts.entry(key_of(Some(row))).or_default() += 1;
                    }
                }
                if !any {
                    without_stances += 1;
                    *counts.entry(key_of(None)).or_default() += 1;
                }
            } else {
                *counts.entry(key_of(None)).or_default() += 1;
            }
        }
        let mut groups: Vec<GroupCount> = counts
            .into_iter()
            .map(|(key, count)| GroupCount { key, count })
            .collect();
        groups.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
        GroupCounts {
            by: by.to_vec(),
            unit: if stances {
                CountUnit::Stances
            } else {
                CountUnit::Statements
            },
            total: groups.iter().map(|g| g.count).sum(),
            without_stances,
            negated,
            groups,
        }
    }
}

fn group_value(
    table: &Table,
    st: &Statement,
    statement: StatementId,
    row: Option<RowId>,
    by: GroupBy,
) -> Option<String> {
    let side = |side: Option<u32>| side.map(|s| table.side_code(s).to_string());
    let actor = |a: Option<u32>| a.map(|a| table.actor_id(a).to_owned());
    let period = |g: Granularity| {
        table
            .day(statement)
            .and_then(day_of_number)
            .map(|d| g.period(d).start.to_string())
    };
    match by {
        GroupBy::Speaker => Some(st.speaker.to_string()),
        GroupBy::SpeakerSide => side(table.side_of(table.speaker(statement))),
        GroupBy::Holder => actor(row.and_then(|r| table.holder(r))),
        GroupBy::HolderSide => side(row.and_then(|r| table.holder_side(r))),
        GroupBy::Target => actor(row.and_then(|r| table.target(r))),
        GroupBy::TargetSide => side(row.and_then(|r| table.target_side(r))),
        GroupBy::Kind => row.and_then(|r| table.kind(r)).map(|k| k.to_string()),
        GroupBy::Quote => Some(st.quote.to_string()),
        GroupBy::Via => (!st.reported_by.is_empty()).then(|| {
            st.reported_by
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join(" > ")
        }),
        GroupBy::Date => period(Granularity::Day),
        GroupBy::Week => period(Granularity::Week),
        GroupBy::Month => period(Granularity::Month),
        GroupBy::Document => Some(st.document.to_string()),
    }
}

impl<'h, 'a> IntoIterator for &'h Hits<'a> {
    type Item = Hit<'h, 'a>;
    type IntoIter = Iter<'h, 'a>;
    fn into_iter(self) -> Iter<'h, 'a> {
        self.iter()
    }
}

/// The iterator over [`Hits`].
#[derive(Clone, Debug)]
pub struct Iter<'h, 'a> {
    hits: &'h Hits<'a>,
    pos: usize,
    end: usize,
}

impl<'h, 'a> Iterator for Iter<'h, 'a> {
    type Item = Hit<'h, 'a>;

    fn next(&mut self) -> Option<Hit<'h, 'a>> {
        if self.pos >= self.end {
            return None;
        }
        let index = self.hits.index;
        let table = index.table();
        match &self.hits.rows {
            Rows::All => {
                let s = self.pos as StatementId;
                self.pos += 1;
                Some(Hit {
                    index,
                    statement: s,
                    rows: HitRows::Range(table.rows_of(s)),
                })
            }
            Rows::List(rows) => {
                let start = self.pos;
                let s = table.statement_of(rows[start]);
                let mut end = start + 1;
                while end < rows.len() && table.statement_of(rows[end]) == s {
                    end += 1;
                }
                self.pos = end;
                Some(Hit {
                    index,
                    statement: s,
                    rows: HitRows::Slice(&rows[start..end]),
                })
            }
        }
    }
}

#[derive(Clone, Debug)]
enum HitRows<'h> {
    Range(Range<u32>),
    Slice(&'h [u32]),
}

/// One selected statement and the stances of it that matched.
#[derive(Clone, Debug)]
pub struct Hit<'h, 'a> {
    index: &'a Index<'a>,
    statement: u32,
    rows: HitRows<'h>,
}

impl<'h, 'a: 'h> Hit<'h, 'a> {
    /// The statement, borrowed from the analysis.
    pub fn statement(&self) -> &'a Statement {
        &self.index.analysis().statements()[self.statement as usize]
    }

    /// The statement's index in [`Analysis::statements`](crate::Analysis::statements).
    pub fn statement_index(&self) -> usize {
        self.statement as usize
    }

    fn rows(&self) -> impl Iterator<Item = u32> + 'h {
        let (range, slice) = match &self.rows {
            HitRows::Range(r) => (r.clone(), &[][..]),
            HitRows::Slice(s) => (0..0, *s),
        };
        range.chain(slice.iter().copied())
    }

    /// The indexes, in [`Statement::stances`], of the stances that matched;
    /// none for a statement without stances.
    pub fn stance_indexes(&self) -> impl Iterator<Item = usize> + 'h {
        let table = self.index.table();
        self.rows().filter_map(move |r| table.stance_index(r))
    }

    /// The stances that matched.
    pub fn stances(&self) -> impl Iterator<Item = &'a Stance> + 'h {
        let st = self.statement();
        self.stance_indexes().map(move |i| &st.stances[i])
    }
}

/// A value to group results by in [`Hits::count_by`].
///
/// Actor values are ids; side values are country or organisation codes;
/// `date`, `week` and `month` give the first day of the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum GroupBy {
    /// The speaker's id.
    Speaker,
    /// The speaker's side.
    SpeakerSide,
    /// The stance holder's id.
    Holder,
    /// The stance holder's side.
    HolderSide,
    /// The stance target's id.
    Target,
    /// The stance target's side.
    TargetSide,
    /// The stance kind.
    Kind,
    /// The quote kind.
    Quote,
    /// The reported-by chain, ids joined by `" > "`.
    Via,
    /// The statement's day.
    Date,
    /// The statement's ISO week (its Monday).
    Week,
    /// The statement's month (its first day).
    Month,
    /// The statement's document id.
    Document,
}

impl GroupBy {
    /// Every grouping, in a fixed order.
    pub const ALL: [GroupBy; 13] = [
        GroupBy::Speaker,
        GroupBy::SpeakerSide,
        GroupBy::Holder,
        GroupBy::HolderSide,
        GroupBy::Target,
        GroupBy::TargetSide,
        GroupBy::Kind,
        GroupBy::Quote,
        GroupBy::Via,
        GroupBy::Date,
        GroupBy::Week,
        GroupBy::Month,
        GroupBy::Document,
    ];

    /// The name used in JSON and on command lines: `"holder_side"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            GroupBy::Speaker => "speaker",
            GroupBy::SpeakerSide => "speaker_side",
            GroupBy::Holder => "holder",
            GroupBy::HolderSide => "holder_side",
            GroupBy::Target => "target",
            GroupBy::TargetSide => "target_side",
            GroupBy::Kind => "kind",
            GroupBy::Quote => "quote",
            GroupBy::Via => "via",
            GroupBy::Date => "date",
            GroupBy::Week => "week",
            GroupBy::Month => "month",
            GroupBy::Document => "document",
        }
    }

    /// Whether the value is read on a stance.
    pub fn is_stance_level(&self) -> bool {
        matches!(
            self,
            GroupBy::Holder
                | GroupBy::HolderSide
                | GroupBy::Target
                | GroupBy::TargetSide
                | GroupBy::Kind
        )
    }
}

impl fmt::Display for GroupBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The error for a string that names no [`GroupBy`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown grouping {0:?}: expected one of speaker, speaker_side, holder, holder_side, target, target_side, kind, quote, via, date, week, month, document"
)]
pub struct UnknownGroupBy(pub String);

impl FromStr for GroupBy {
    type Err = UnknownGroupBy;
    fn from_str(s: &str) -> Result<GroupBy, UnknownGroupBy> {
        GroupBy::ALL
            .into_iter()
            .find(|g| g.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownGroupBy(s.to_owned()))
    }
}

/// What [`GroupCounts`] counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CountUnit {
    /// Statements.
    Statements,
    /// Matched stances.
    Stances,
}

/// Results counted by field values: what [`Hits::count_by`] returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCounts {
    /// The fields grouped by, in key order.
    pub by: Vec<GroupBy>,
    /// What is counted.
    pub unit: CountUnit,
    /// The sum of all counts.
    pub total: usize,
    /// Counting stances: the statements that matched without a stance, each
    /// counted once under null stance values. `total - without_stances` is
    /// the number of matched stances, [`Hits::stance_count`]. Zero when
    /// counting statements.
    #[serde(default)]
    pub without_stances: usize,
    /// Counting stances: how many of the stances counted are negated ("ruled
    /// out talks"), which [`Hits::dyad_table`] and the other analyses leave
    /// out. Zero when counting statements.
    #[serde(default)]
    pub negated: usize,
    /// The groups, largest first.
    pub groups: Vec<GroupCount>,
}

/// One group of [`GroupCounts`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GroupCount {
    /// One value per field grouped by; null where the field has none (an
    /// undated statement, a stance without target).
    pub key: Vec<Option<String>>,
    /// How many.
    pub count: usize,
}
