//! The index's row encoding: a corpus laid out as columns of small integers.
//!
//! A [`Table`] holds one row per stance (and one placeholder row per
//! statement without stances), with actor ids interned to small integers and
//! each actor's side worked out once. The index builds its posting lists over
//! it; the index, the hits and the analyses read it through the methods here,
//! and nothing outside this module knows how a row is stored.
//!
//! The numbers handed out (rows, statements, actors, sides) are positions:
//! a statement's number is its index in
//! [`Analysis::statements`](crate::Analysis::statements), its rows are
//! consecutive and in stance order, and actors come in the analysis's order
//! followed by ids that statements use but the analysis does not hold.

use std::collections::HashMap;
use std::mem::size_of;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::{Analysis, CountryCode, QuoteKind, StanceKind};

/// A row: a stance, or the placeholder of a statement with none.
pub(crate) type RowId = u32;
/// A statement, by its index in the analysis.
pub(crate) type StatementId = u32;
/// An interned actor id.
pub(crate) type ActorIx = u32;
/// An interned side code.
pub(crate) type SideIx = u32;

/// "No actor", "no side": the null value of actor and side columns.
const NONE: u32 = u32::MAX;
/// The kind column of a statement's placeholder row (it has no stances).
const NO_KIND: u8 = 0x7f;
/// The flag in the kind column of a negated stance.
const NEGATED: u8 = 0x80;
/// The date column of an undated statement.
const NO_DATE: i32 = i32::MIN;

/// The number of stance kinds: the length of a per-kind tally.
pub(crate) const KINDS: usize = StanceKind::ALL.len();

/// What the table keeps of a statement.
#[derive(Clone, Copy, Debug)]
struct StatementRecord {
    speaker: ActorIx,
    date: i32,
    quote: u8,
}

/// One stance of a statement (or the placeholder of a statement with none):
/// everything a stance condition reads, in one record, so checking a
/// candidate costs one memory access.
#[derive(Clone, Copy, Debug)]
struct Row {
    statement: StatementId,
    holder: ActorIx,
    target: ActorIx,
    /// The kind's slot, with `NEGATED` set for a negated stance; `NO_KIND`
    /// for a placeholder.
    kind: u8,
}

/// Lists of numbers per key, each in the order given, in one allocation
/// (compressed sparse rows).
#[derive(Clone, Debug, Default)]
pub(crate) struct Postings {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Postings {
    /// Postings from `(key, item)` pairs, with keys below `keys`; each list
    /// keeps the pairs' order.
    pub(crate) fn build<I>(keys: usize, pairs: impl Fn() -> I) -> Postings
    where
        I: Iterator<Item = (u32, u32)>,
    {
        let mut offsets = vec![0u32; keys + 1];
        for (k, _) in pairs() {
            offsets[k as usize + 1] += 1;
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut items = vec![0u32; offsets[keys] as usize];
        for (k, item) in pairs() {
            let at = &mut fill[k as usize];
            items[*at as usize] = item;
            *at += 1;
        }
        Postings { offsets, items }
    }

    /// The list of a key; empty for a key out of range.
    pub(crate) fn get(&self, key: u32) -> &[u32] {
        let k = key as usize;
        match (self.offsets.get(k), self.offsets.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The bytes allocated on the heap.
    pub(crate) fn heap_size(&self) -> usize {
        (self.offsets.capacity() + self.items.capacity()) * size_of::<u32>()
    }
}

/// The slot of a stance kind: its position in [`StanceKind::ALL`].
pub(crate) fn kind_slot(kind: StanceKind) -> usize {
    StanceKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or(usize::from(NO_KIND))
}

/// The slot of a quote kind: its position in [`QuoteKind::ALL`].
pub(crate) fn quote_slot(quote: QuoteKind) -> usize {
    QuoteKind::ALL
        .iter()
        .position(|q| *q == quote)
        .unwrap_or(usize::from(u8::MAX))
}

/// A day as a number, days counting from the first of January of year 1.
pub(crate) fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The day a [`day_number`] stands for.
pub(crate) fn day_of_number(n: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(n)
}

/// A count or position as a column value.
///
/// # Panics
///
/// Past `u32::MAX - 1`, the table's documented limit.
fn to_u32(n: usize) -> u32 {
    match u32::try_from(n) {
        Ok(n) if n != NONE => n,
        _ => panic!("demarche::query::Index holds at most u32::MAX - 1 rows and actors"),
    }
}

/// A corpus as rows; see the [module docs](self).
#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    /// Interned actor ids: the analysis's actors in order, then ids that
    /// statements use but the analysis does not hold.
    actors: Vec<Box<str>>,
    actor_side: Vec<SideIx>,
    sides: Vec<CountryCode>,
    /// Per statement: where its rows start (and one past the last row).
    first_row: Vec<RowId>,
    stmts: Vec<StatementRecord>,
    /// Per statement: its relays, deduplicated, in chain order.
    relays: Postings,
    rows: Vec<Row>,
    /// Dated statements in date order, and their days.
    by_date: Vec<StatementId>,
    sorted_days: Vec<i32>,
}

/// Interns actor ids while the table is built.
struct Interner<'a> {
    ids: HashMap<&'a str, ActorIx>,
    actors: Vec<&'a str>,
}

impl<'a> Interner<'a> {
    fn intern(&mut self, id: &'a str) -> ActorIx {
        let actors = &mut self.actors;
        *self.ids.entry(id).or_insert_with(|| {
            actors.push(id);
            to_u32(actors.len() - 1)
        })
    }
}

impl Table {
    /// Lays an analysis out as rows.
    ///
    /// # Panics
    ///
    /// If the analysis has more than `u32::MAX - 1` stance rows or actors.
    pub(crate) fn new(analysis: &Analysis) -> Table {
        let statements = analysis.statements();
        let mut interner = Interner {
            ids: HashMap::with_capacity(analysis.actors().len()),
            actors: Vec::with_capacity(analysis.actors().len()),
        };
        for id in analysis.actors().keys() {
            interner.intern(id.as_str());
        }
        let n_rows: usize = statements.iter().map(|s| s.stances.len().max(1)).sum();
        to_u32(n_rows);
        let mut first_row = Vec::with_capacity(statements.len() + 1);
        let mut stmts = Vec::with_capacity(statements.len());
        let mut relay_pairs: Vec<(StatementId, ActorIx)> = Vec::new();
        let mut rows = Vec::with_capacity(n_rows);
        for (i, st) in statements.iter().enumerate() {
            let s = to_u32(i);
            first_row.push(to_u32(rows.len()));
            stmts.push(StatementRecord {
                speaker: interner.intern(st.speaker.as_str()),
                date: st.date.map_or(NO_DATE, day_number),
                quote: quote_slot(st.quote) as u8,
            });
            for r in &st.reported_by {
                let a = interner.intern(r.as_str());
                let seen = relay_pairs
                    .iter()
                    .rev()
                    .take_while(|p| p.0 == s)
                    .any(|p| p.1 == a);
                if !seen {
                    relay_pairs.push((s, a));
                }
            }
            if st.stances.is_empty() {
                rows.push(Row {
                    statement: s,
                    holder: NONE,
                    target: NONE,
                    kind: NO_KIND,
                });
            }
            for stance in &st.stances {
                let negated = if stance.is_held() { 0 } else { NEGATED };
                rows.push(Row {
                    statement: s,
                    holder: interner.intern(stance.holder.as_str()),
                    target: stance
                        .target
                        .as_ref()
                        .map_or(NONE, |t| interner.intern(t.as_str())),
                    kind: kind_slot(stance.kind) as u8 | negated,
                });
            }
        }
        first_row.push(to_u32(rows.len()));
        to_u32(interner.actors.len());

        let mut sides: Vec<CountryCode> = Vec::new();
        let mut side_ids: HashMap<&str, SideIx> = HashMap::new();
        let mut actor_side = Vec::with_capacity(interner.actors.len());
        for &id in &interner.actors {
            actor_side.push(match analysis.side_of(id) {
                Some(code) => *side_ids.entry(code.as_str()).or_insert_with(|| {
                    sides.push(code.clone());
                    (sides.len() - 1) as SideIx
                }),
                None => NONE,
            });
        }
        let relays = Postings::build(statements.len(), || relay_pairs.iter().copied());
        let mut by_date: Vec<StatementId> = (0..stmts.len() as u32)
            .filter(|&s| stmts[s as usize].date != NO_DATE)
            .collect();
        by_date.sort_by_key(|&s| stmts[s as usize].date);
        let sorted_days = by_date.iter().map(|&s| stmts[s as usize].date).collect();
        Table {
            actors: interner.actors.into_iter().map(Box::from).collect(),
            actor_side,
            sides,
            first_row,
            stmts,
            relays,
            rows,
            by_date,
            sorted_days,
        }
    }

    /// How many statements.
    pub(crate) fn statement_count(&self) -> usize {
        self.stmts.len()
    }

    /// How many rows: one per stance, one per statement without stances.
    pub(crate) fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// How many interned actors.
    pub(crate) fn actor_count(&self) -> usize {
        self.actors.len()
    }

    /// How many sides the actors belong to.
    pub(crate) fn side_count(&self) -> usize {
        self.sides.len()
    }

    /// The interned actors, with their numbers.
    pub(crate) fn actors(&self) -> impl Iterator<Item = (ActorIx, &str)> {
        self.actors
            .iter()
            .enumerate()
            .map(|(i, id)| (i as ActorIx, &**id))
    }

    /// An actor's id.
    pub(crate) fn actor_id(&self, actor: ActorIx) -> &str {
        &self.actors[actor as usize]
    }

    /// The sides, with their numbers.
    pub(crate) fn sides(&self) -> impl Iterator<Item = (SideIx, &CountryCode)> {
        self.sides.iter().enumerate().map(|(i, c)| (i as SideIx, c))
    }

    /// A side's code.
    pub(crate) fn side_code(&self, side: SideIx) -> &CountryCode {
        &self.sides[side as usize]
    }

    /// An actor's side, if it has one.
    #[inline]
    pub(crate) fn side_of(&self, actor: ActorIx) -> Option<SideIx> {
        match self.actor_side[actor as usize] {
            NONE => None,
            s => Some(s),
        }
    }

    // Statements.

    /// The statement's rows, in stance order.
    #[inline]
    pub(crate) fn rows_of(&self, statement: StatementId) -> Range<RowId> {
        let s = statement as usize;
        self.first_row[s]..self.first_row[s + 1]
    }

    /// Who made the statement.
    #[inline]
    pub(crate) fn speaker(&self, statement: StatementId) -> ActorIx {
        self.stmts[statement as usize].speaker
    }

    /// The statement's day, as a [`day_number`].
    #[inline]
    pub(crate) fn day(&self, statement: StatementId) -> Option<i32> {
        match self.stmts[statement as usize].date {
            NO_DATE => None,
            d => Some(d),
        }
    }

    /// The statement's quote kind, as its [`quote_slot`].
    #[inline]
    pub(crate) fn quote_slot(&self, statement: StatementId) -> usize {
        usize::from(self.stmts[statement as usize].quote)
    }

    /// The statement's relays, deduplicated, outermost first.
    #[inline]
    pub(crate) fn relays(&self, statement: StatementId) -> &[ActorIx] {
        self.relays.get(statement)
    }

    /// The dated statements in date order, and their days.
    pub(crate) fn by_date(&self) -> (&[StatementId], &[i32]) {
        (&self.by_date, &self.sorted_days)
    }

    // Rows.

    /// The statement a row belongs to.
    #[inline]
    pub(crate) fn statement_of(&self, row: RowId) -> StatementId {
        self.rows[row as usize].statement
    }

    /// The position of a row's stance in its statement's stances; `None` for
    /// a placeholder.
    pub(crate) fn stance_index(&self, row: RowId) -> Option<usize> {
        self.is_stance(row)
            .then(|| (row - self.first_row[self.statement_of(row) as usize]) as usize)
    }

    /// Whether the row is a stance, not a placeholder.
    #[inline]
    pub(crate) fn is_stance(&self, row: RowId) -> bool {
        self.rows[row as usize].kind != NO_KIND
    }

    /// Whether the row is a negated stance ("ruled out talks").
    #[inline]
    pub(crate) fn is_negated(&self, row: RowId) -> bool {
        let k = self.rows[row as usize].kind;
        k != NO_KIND && k & NEGATED != 0
    }

    /// The slot of the row's stance kind, negated or not; `None` for a
    /// placeholder.
    #[inline]
    pub(crate) fn kind_slot(&self, row: RowId) -> Option<usize> {
        match self.rows[row as usize].kind {
            NO_KIND => None,
            k => Some(usize::from(k & !NEGATED)),
        }
    }

    /// The slot of the row's stance kind if the stance is held (not
    /// negated); `None` otherwise.
    #[inline]
    pub(crate) fn held_kind_slot(&self, row: RowId) -> Option<usize> {
        let k = self.rows[row as usize].kind;
        (k != NO_KIND && k & NEGATED == 0).then_some(usize::from(k))
    }

    /// The row's stance kind, negated or not.
    pub(crate) fn kind(&self, row: RowId) -> Option<StanceKind> {
        self.kind_slot(row)
            .and_then(|k| StanceKind::ALL.get(k).copied())
    }

    /// The stance's holder.
    #[inline]
    pub(crate) fn holder(&self, row: RowId) -> Option<ActorIx> {
        match self.rows[row as usize].holder {
            NONE => None,
            a => Some(a),
        }
    }

    /// The stance's target.
    #[inline]
    pub(crate) fn target(&self, row: RowId) -> Option<ActorIx> {
        match self.rows[row as usize].target {
            NONE => None,
            a => Some(a),
        }
    }

    /// The side of the stance's holder.
    #[inline]
    pub(crate) fn holder_side(&self, row: RowId) -> Option<SideIx> {
        self.holder(row).and_then(|a| self.side_of(a))
    }

    /// The side of the stance's target.
    #[inline]
    pub(crate) fn target_side(&self, row: RowId) -> Option<SideIx> {
        self.target(row).and_then(|a| self.side_of(a))
    }

    /// The day of the row's statement.
    #[inline]
    pub(crate) fn row_day(&self, row: RowId) -> Option<i32> {
        self.day(self.statement_of(row))
    }

    /// The bytes the table has allocated on the heap.
    pub(crate) fn heap_size(&self) -> usize {
        self.actors.capacity() * size_of::<Box<str>>()
            + self.actors.iter().map(|a| a.len()).sum::<usize>()
            + self.actor_side.capacity() * size_of::<SideIx>()
            + self.sides.capacity() * size_of::<CountryCode>()
            + self.sides.iter().map(|c| c.as_str().len()).sum::<usize>()
            + self.first_row.capacity() * size_of::<RowId>()
            + self.stmts.capacity() * size_of::<StatementRecord>()
            + self.relays.heap_size()
            + self.rows.capacity() * size_of::<Row>()
            + self.by_date.capacity() * size_of::<StatementId>()
            + self.sorted_days.capacity() * size_of::<i32>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, ActorKind, Cue, Modality, Span, Stance, Statement};

    #[test]
    fn rows_keep_stances_in_order_and_mark_placeholders() {
        let mut a = Analysis::new();
        a.add_actor(
            Actor::new("rus", "Russia", ActorKind::State)
                .with_country(CountryCode::new("RUS").unwrap()),
        );
        let cue = Cue::new("x", Span::new(0, 1));
        a.add_statement(Statement::new("d", "rus", Span::new(0, 1), "x"));
        a.add_statement(
            Statement::new("d", "rus", Span::new(0, 1), "x")
                .reported_by("media")
                .reported_by("media")
                .with_stance(Stance::new(StanceKind::Appeal, "rus", cue.clone()))
                .with_stance(
                    Stance::new(StanceKind::Negotiation, "rus", cue)
                        .with_target("ghost")
                        .with_modality(Modality::Negated),
                ),
        );
        let t = Table::new(&a);
        assert_eq!((t.statement_count(), t.row_count()), (2, 3));
        assert_eq!(t.rows_of(1), 1..3);
        assert!(!t.is_stance(0) && t.is_stance(1));
        assert_eq!(t.stance_index(0), None);
        assert_eq!(t.stance_index(2), Some(1));
        assert_eq!(t.kind(1), Some(StanceKind::Appeal));
        assert!(t.is_negated(2) && !t.is_negated(1) && !t.is_negated(0));
        assert!(t.held_kind_slot(2).is_none());
        assert_eq!(t.kind(2), Some(StanceKind::Negotiation));
        // Ids the analysis does not hold are interned after its actors.
        let ids: Vec<&str> = t.actors().map(|(_, id)| id).collect();
        assert_eq!(ids, ["rus", "media", "ghost"]);
        assert_eq!(t.relays(1).len(), 1);
        assert_eq!(
            t.holder_side(1).map(|s| t.side_code(s).as_str()),
            Some("RUS")
        );
        assert_eq!(t.target_side(2), None);
        assert_eq!(t.day(0), None);
    }
}
