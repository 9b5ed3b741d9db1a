//! The index: a corpus laid out for fast queries and analyses.

use std::borrow::Cow;
use std::collections::HashMap;
use std::mem::size_of;

use chrono::{Datelike, NaiveDate};

use super::analyses::{self, ActorProfile};
use super::ast::Field;
use super::error::QueryError;
use super::filter::{Condition, Filter, Shape};
use super::fold::{contains_folded, fold};
use super::hits::{Hits, Rows};
use crate::{Analysis, CountryCode, Granularity, QuoteKind, StanceKind};

/// "No actor", "no side": the null value of actor and side columns.
pub(crate) const NONE: u32 = u32::MAX;
/// The kind column of a statement's placeholder row (it has no stances).
pub(crate) const NO_KIND: u8 = 0x7f;
/// The flag in the kind column of a negated stance.
pub(crate) const NEGATED: u8 = 0x80;
/// The date column of an undated statement.
pub(crate) const NO_DATE: i32 = i32::MIN;

/// What the index keeps of a statement.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StatementRecord {
    pub(crate) speaker: u32,
    pub(crate) date: i32,
    pub(crate) quote: u8,
}

/// One stance of a statement (or the placeholder of a statement with none):
/// everything a stance condition reads, in one record, so checking a
/// candidate costs one memory access.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Row {
    pub(crate) statement: u32,
    pub(crate) holder: u32,
    pub(crate) target: u32,
    /// The kind's code, with `NEGATED` set for a negated stance; `NO_KIND`
    /// for a placeholder.
    pub(crate) kind: u8,
}

/// Lists of ids per key, sorted, in one allocation (compressed sparse rows).
#[derive(Clone, Debug, Default)]
pub(crate) struct Postings {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Postings {
    /// Postings from `(key, item)` pairs; each list keeps the pairs' order.
    fn build<I>(keys: usize, pairs: impl Fn() -> I) -> Postings
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

    pub(crate) fn get(&self, key: u32) -> &[u32] {
        let k = key as usize;
        match (self.offsets.get(k), self.offsets.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }

    fn heap_size(&self) -> usize {
        (self.offsets.capacity() + self.items.capacity()) * size_of::<u32>()
    }
}

/// An [`Analysis`] laid out for fast queries and analyses over a corpus.
///
/// Build it once; it borrows the analysis and answers any number of
/// [`Filter`]s with the same results as [`Filter::matched_stances`] would
/// give statement by statement, but without reading every statement. Actor
/// ids are interned to small integers, each actor's side is worked out once,
/// and there are posting lists per stance kind, per holder, target, speaker
/// and relay (both per actor and per side), per quote kind, and the
/// statements sorted by date. A query is answered by walking the shortest
/// posting list its AND-groups offer and checking each candidate against the
/// columns; a query with nothing indexable (only `text:` or negations) reads
/// every statement.
///
/// Statements are stored as rows, one per stance (one for a statement with
/// none); the index holds at most `u32::MAX - 1` rows and actors.
///
/// # Examples
///
/// ```
/// use demarche::query::{Filter, Index};
/// use demarche::{Actor, ActorKind, Analysis, CountryCode, Cue, Document, Span, Stance, StanceKind, Statement};
///
/// let mut a = Analysis::new();
/// a.add_document(Document::new("doc", 100)).unwrap();
/// a.add_actor(Actor::new("rus", "Russia", ActorKind::State).with_country(CountryCode::new("RUS").unwrap()));
/// a.add_actor(Actor::new("ukr", "Ukraine", ActorKind::State).with_country(CountryCode::new("UKR").unwrap()));
/// a.add_actor(Actor::new("rus.peskov", "Dmitry Peskov", ActorKind::Person).with_alias("Peskov").with_affiliation("rus"));
/// let cue = Cue::new("strike back", Span::new(10, 21));
/// a.add_statement(
///     Statement::new("doc", "rus.peskov", Span::new(0, 40), "Peskov said Russia will strike back.")
///         .with_stance(Stance::new(StanceKind::Retaliation, "rus", cue).with_target("ukr")),
/// );
///
/// let index = Index::new(&a);
/// let hits = index.query("speaker:peskov kind:retaliation target:UKR").unwrap();
/// assert_eq!(hits.len(), 1);
/// for hit in &hits {
///     assert_eq!(hit.statement().speaker.as_str(), "rus.peskov");
///     assert_eq!(hit.stances().count(), 1);
/// }
/// let table = index.all().dyad_table();
/// assert_eq!(table.count(Some("RUS"), Some("UKR"), StanceKind::Retaliation), 1);
/// ```
#[derive(Clone)]
pub struct Index<'a> {
    pub(crate) analysis: &'a Analysis,
    /// Interned actor ids: the analysis's actors in order, then ids that
    /// statements use but the analysis does not hold.
    pub(crate) actors: Vec<&'a str>,
    pub(crate) actor_side: Vec<u32>,
    pub(crate) sides: Vec<&'a CountryCode>,
    /// Folded ids, names and aliases to actors.
    names: HashMap<String, Vec<u32>>,
    /// Folded side codes to sides.
    side_names: HashMap<String, u32>,
    /// Per statement: where its rows start (and one past the last row).
    pub(crate) first_row: Vec<u32>,
    pub(crate) stmts: Vec<StatementRecord>,
    /// Per statement: its relays, deduplicated.
    pub(crate) relays: Postings,
    pub(crate) rows: Vec<Row>,
    // Posting lists of rows.
    kind_rows: Postings,
    holder_rows: Postings,
    holder_side_rows: Postings,
    target_rows: Postings,
    target_side_rows: Postings,
    // Posting lists of statements.
    speaker_statements: Postings,
    speaker_side_statements: Postings,
    via_statements: Postings,
    via_side_statements: Postings,
    quote_statements: Postings,
    relayed_statements: Vec<u32>,
    /// Dated statements in date order, and their dates.
    by_date: Vec<u32>,
    pub(crate) sorted_dates: Vec<i32>,
}

impl std::fmt::Debug for Index<'_> {
    /// A summary: the sizes, not the contents.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("statements", &self.statement_count())
            .field("rows", &self.row_count())
            .field("actors", &self.actors.len())
            .field("sides", &self.sides.len())
            .field("heap_size", &self.heap_size())
            .finish_non_exhaustive()
    }
}

pub(crate) fn kind_code(kind: StanceKind) -> u8 {
    StanceKind::ALL
        .iter()
        .position(|k| *k == kind)
        .map_or(NO_KIND, |i| i as u8)
}

pub(crate) fn kind_of_code(code: u8) -> Option<StanceKind> {
    StanceKind::ALL.get((code & !NEGATED) as usize).copied()
}

fn quote_code(quote: QuoteKind) -> u8 {
    QuoteKind::ALL
        .iter()
        .position(|q| *q == quote)
        .map_or(u8::MAX, |i| i as u8)
}

pub(crate) fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

pub(crate) fn day_of_number(n: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(n)
}

fn to_u32(n: usize) -> u32 {
    match u32::try_from(n) {
        Ok(n) if n != NONE => n,
        _ => panic!("demarche::query::Index holds at most u32::MAX - 1 rows and actors"),
    }
}

impl<'a> Index<'a> {
    /// Indexes an analysis.
    ///
    /// # Panics
    ///
    /// If the analysis has more than `u32::MAX - 1` stance rows or actors,
    /// far beyond what fits in memory today.
    pub fn new(analysis: &'a Analysis) -> Index<'a> {
        let statements = analysis.statements();
        let mut actors: Vec<&'a str> = Vec::with_capacity(analysis.actors().len());
        let mut ids: HashMap<&'a str, u32> = HashMap::with_capacity(analysis.actors().len());
        let mut intern = |id: &'a str, actors: &mut Vec<&'a str>| -> u32 {
            *ids.entry(id).or_insert_with(|| {
                actors.push(id);
                to_u32(actors.len() - 1)
            })
        };
        for id in analysis.actors().keys() {
            intern(id.as_str(), &mut actors);
        }

        let rows: usize = statements.iter().map(|s| s.stances.len().max(1)).sum();
        to_u32(rows);
        let mut first_row = Vec::with_capacity(statements.len() + 1);
        let mut stmts = Vec::with_capacity(statements.len());
        let mut relay_pairs: Vec<(u32, u32)> = Vec::new();
        let mut rows = Vec::with_capacity(rows);
        for (i, st) in statements.iter().enumerate() {
            let s = to_u32(i);
            first_row.push(to_u32(rows.len()));
            stmts.push(StatementRecord {
                speaker: intern(st.speaker.as_str(), &mut actors),
                date: st.date.map_or(NO_DATE, day_number),
                quote: quote_code(st.quote),
            });
            for r in &st.reported_by {
                let a = intern(r.as_str(), &mut actors);
                if !relay_pairs
                    .iter()
                    .rev()
                    .take_while(|p| p.0 == s)
                    .any(|p| p.1 == a)
                {
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
                    holder: intern(stance.holder.as_str(), &mut actors),
                    target: stance
                        .target
                        .as_ref()
                        .map_or(NONE, |t| intern(t.as_str(), &mut actors)),
                    kind: kind_code(stance.kind) | negated,
                });
            }
        }
        first_row.push(to_u32(rows.len()));
        to_u32(actors.len());

        // Sides and names.
        let mut sides: Vec<&'a CountryCode> = Vec::new();
        let mut side_ids: HashMap<&'a str, u32> = HashMap::new();
        let mut side_names: HashMap<String, u32> = HashMap::new();
        let mut names: HashMap<String, Vec<u32>> = HashMap::with_capacity(actors.len() * 2);
        let mut actor_side = Vec::with_capacity(actors.len());
        for (i, &id) in actors.iter().enumerate() {
            let a = i as u32;
            actor_side.push(match analysis.side_of(id) {
                Some(code) => *side_ids.entry(code.as_str()).or_insert_with(|| {
                    sides.push(code);
                    let s = (sides.len() - 1) as u32;
                    side_names.insert(fold(code.as_str()), s);
                    s
                }),
                None => NONE,
            });
            let mut add = |name: &str| {
                let list = names.entry(fold(name)).or_default();
                if list.last() != Some(&a) {
                    list.push(a);
                }
            };
            add(id);
            if let Some(actor) = analysis.actor(id) {
                actor.names().for_each(&mut add);
            }
        }

        let n_actors = actors.len();
        let n_sides = sides.len();
        let rows_iter = || rows.iter().enumerate().map(|(r, row)| (r as u32, row));
        let side_of = |a: u32| -> u32 {
            if a == NONE {
                NONE
            } else {
                actor_side[a as usize]
            }
        };
        let kind_rows = Postings::build(StanceKind::ALL.len(), || {
            rows_iter()
                .filter(|(_, row)| row.kind != NO_KIND)
                .map(|(r, row)| ((row.kind & !NEGATED) as u32, r))
        });
        let by_actor = |col: fn(&Row) -> u32| {
            Postings::build(n_actors, || {
                rows_iter()
                    .filter(|(_, row)| col(row) != NONE)
                    .map(|(r, row)| (col(row), r))
            })
        };
        let by_side = |col: fn(&Row) -> u32| {
            Postings::build(n_sides, || {
                rows_iter()
                    .map(|(r, row)| (side_of(col(row)), r))
                    .filter(|p| p.0 != NONE)
            })
        };
        let holder_rows = by_actor(|r| r.holder);
        let holder_side_rows = by_side(|r| r.holder);
        let target_rows = by_actor(|r| r.target);
        let target_side_rows = by_side(|r| r.target);
        let n_statements = statements.len();
        let speaker_statements = Postings::build(n_actors, || {
            stmts.iter().enumerate().map(|(s, x)| (x.speaker, s as u32))
        });
        let speaker_side_statements = Postings::build(n_sides, || {
            stmts
                .iter()
                .enumerate()
                .map(|(s, x)| (side_of(x.speaker), s as u32))
                .filter(|p| p.0 != NONE)
        });
        let relays = Postings::build(n_statements, || relay_pairs.iter().copied());
        let via_statements = Postings::build(n_actors, || relay_pairs.iter().map(|&(s, a)| (a, s)));
        let mut via_side_pairs: Vec<(u32, u32)> = Vec::new();
        for &(s, a) in &relay_pairs {
            let side = side_of(a);
            if side != NONE
                && !via_side_pairs
                    .iter()
                    .rev()
                    .take_while(|p| p.1 == s)
                    .any(|p| p.0 == side)
            {
                via_side_pairs.push((side, s));
            }
        }
        let via_side_statements = Postings::build(n_sides, || via_side_pairs.iter().copied());
        let quote_statements = Postings::build(QuoteKind::ALL.len(), || {
            stmts
                .iter()
                .enumerate()
                .filter(|p| (p.1.quote as usize) < QuoteKind::ALL.len())
                .map(|(s, x)| (u32::from(x.quote), s as u32))
        });
        let mut relayed_statements: Vec<u32> = relay_pairs.iter().map(|p| p.0).collect();
        relayed_statements.dedup();
        let mut by_date: Vec<u32> = (0..n_statements as u32)
            .filter(|&s| stmts[s as usize].date != NO_DATE)
            .collect();
        by_date.sort_by_key(|&s| stmts[s as usize].date);
        let sorted_dates = by_date.iter().map(|&s| stmts[s as usize].date).collect();

        Index {
            analysis,
            actors,
            actor_side,
            sides,
            names,
            side_names,
            first_row,
            stmts,
            relays,
            rows,
            kind_rows,
            holder_rows,
            holder_side_rows,
            target_rows,
            target_side_rows,
            speaker_statements,
            speaker_side_statements,
            via_statements,
            via_side_statements,
            quote_statements,
            relayed_statements,
            by_date,
            sorted_dates,
        }
    }

    /// The indexed analysis.
    pub fn analysis(&self) -> &'a Analysis {
        self.analysis
    }

    /// How many statements are indexed.
    pub fn statement_count(&self) -> usize {
        self.stmts.len()
    }

    /// How many rows the index holds: one per stance, and one per statement
    /// without stances.
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// The bytes the index has allocated on the heap, beyond the analysis it
    /// borrows (hash tables are estimated from their capacity).
    pub fn heap_size(&self) -> usize {
        let vecs = self.actors.capacity() * size_of::<&str>()
            + self.actor_side.capacity() * 4
            + self.sides.capacity() * size_of::<&CountryCode>()
            + self.first_row.capacity() * 4
            + self.stmts.capacity() * size_of::<StatementRecord>()
            + self.rows.capacity() * size_of::<Row>()
            + self.relayed_statements.capacity() * 4
            + self.by_date.capacity() * 4
            + self.sorted_dates.capacity() * 4;
        let postings = [
            &self.relays,
            &self.kind_rows,
            &self.holder_rows,
            &self.holder_side_rows,
            &self.target_rows,
            &self.target_side_rows,
            &self.speaker_statements,
            &self.speaker_side_statements,
            &self.via_statements,
            &self.via_side_statements,
            &self.quote_statements,
        ]
        .iter()
        .map(|p| p.heap_size())
        .sum::<usize>();
        let names = self.names.capacity() * (size_of::<(String, Vec<u32>)>() + 1)
            + self
                .names
                .iter()
                .map(|(k, v)| k.capacity() + v.capacity() * 4)
                .sum::<usize>();
        let side_names = self.side_names.capacity() * (size_of::<(String, u32)>() + 1)
            + self.side_names.keys().map(String::capacity).sum::<usize>();
        vecs + postings + names + side_names
    }

    /// Every statement, with all its stances.
    pub fn all(&self) -> Hits<'_> {
        Hits::new(self, Rows::All, self.statement_count())
    }

    /// The statements, and their stances, that the filter selects, in
    /// statement order.
    pub fn search(&self, filter: &Filter) -> Hits<'_> {
        let mut slots = 0;
        let plan = self.compile(filter, &mut slots);
        let mut memo = vec![(NONE, false); slots];
        // The rows to look at, and the conditions left to check on them.
        let (candidates, check): (Option<Driver<'_>>, Vec<&Plan>) = match &plan {
            Plan::And(ps) => {
                let driver = ps
                    .iter()
                    .enumerate()
                    .filter_map(|(i, p)| Some((self.estimate(p)?, i)))
                    .min();
                match driver {
                    Some((_, i)) => {
                        let candidates = self.candidates(&ps[i]);
                        let skip = candidates.is_some() && self.is_exact(&ps[i]);
                        let rest = ps
                            .iter()
                            .enumerate()
                            .filter(|&(j, _)| !(skip && j == i))
                            .map(|(_, p)| p)
                            .collect();
                        (candidates, rest)
                    }
                    None => (None, ps.iter().collect()),
                }
            }
            p => {
                let candidates = self.candidates(p);
                let exact = candidates.is_some() && self.is_exact(p);
                (candidates, if exact { Vec::new() } else { vec![p] })
            }
        };
        // Statement conditions are checked once per statement where the
        // candidates are statements, before their rows are read.
        let (on_statement, on_row): (Vec<&Plan>, Vec<&Plan>) =
            check.into_iter().partition(|p| !p.reads_stance());
        let mut rows: Vec<u32> = Vec::new();
        let mut sorted = true;
        let statement = |s: u32, rows: &mut Vec<u32>, memo: &mut [(u32, bool)]| {
            if on_statement.iter().all(|p| self.test(p, NONE, s, memo)) {
                let su = s as usize;
                for r in self.first_row[su]..self.first_row[su + 1] {
                    if on_row.iter().all(|p| self.test(p, r, s, memo)) {
                        rows.push(r);
                    }
                }
            }
        };
        match candidates {
            Some(Driver::Rows(list)) => {
                for &r in list.iter() {
                    let s = self.rows[r as usize].statement;
                    if on_statement
                        .iter()
                        .chain(&on_row)
                        .all(|p| self.test(p, r, s, &mut memo))
                    {
                        rows.push(r);
                    }
                }
            }
            Some(Driver::Statements(list, in_order)) => {
                sorted = in_order;
                for &s in list.iter() {
                    statement(s, &mut rows, &mut memo);
                }
            }
            None => {
                for s in 0..self.statement_count() as u32 {
                    statement(s, &mut rows, &mut memo);
                }
            }
        }
        if !sorted {
            rows.sort_unstable();
        }
        let mut statements = 0;
        let mut last = NONE;
        for &r in &rows {
            let s = self.rows[r as usize].statement;
            if s != last {
                statements += 1;
                last = s;
            }
        }
        Hits::new(self, Rows::List(rows), statements)
    }

    /// Parses a query with the default parser and runs it.
    pub fn query(&self, query: &str) -> Result<Hits<'_>, QueryError> {
        Ok(self.search(&Filter::parse(query)?))
    }

    /// How many statements the filter selects.
    pub fn count(&self, filter: &Filter) -> usize {
        self.search(filter).len()
    }

    /// The stances held by `holder` (an actor's id, name or alias, or a side
    /// code, as in `holder:`) toward each target side, over time.
    pub fn profile(&self, holder: &str, granularity: Granularity) -> ActorProfile {
        let hits = self.search(&Filter::holder(holder));
        analyses::profile(self, holder, hits.rows(), granularity)
    }

    /// The side of an actor, or `NONE`.
    pub(crate) fn side(&self, actor: u32) -> u32 {
        if actor == NONE {
            NONE
        } else {
            self.actor_side[actor as usize]
        }
    }

    fn resolve(&self, who: &str) -> ActorSet {
        let folded = fold(who);
        let sides: Vec<u32> = self.side_names.get(&folded).copied().into_iter().collect();
        let mut actors: Vec<u32> = self
            .names
            .get(&folded)
            .map(|list| {
                list.iter()
                    .copied()
                    .filter(|&a| !sides.contains(&self.actor_side[a as usize]))
                    .collect()
            })
            .unwrap_or_default();
        actors.sort_unstable();
        actors.dedup();
        ActorSet { sides, actors }
    }

    fn compile(&self, filter: &Filter, slots: &mut usize) -> Plan {
        match filter.shape() {
            Shape::Condition(c) => match c {
                Condition::Speaker(w) => Plan::Speaker(self.resolve(w)),
                Condition::Holder(w) => Plan::Holder(self.resolve(w)),
                Condition::Target(w) => Plan::Target(self.resolve(w)),
                Condition::Via(w) => Plan::Via(self.resolve(w)),
                Condition::Kind(k) => Plan::Kind(kind_code(*k)),
                Condition::Quote(q) => Plan::Quote(quote_code(*q)),
                Condition::Date(b) => Plan::Date(
                    b.start().map_or(NO_DATE + 1, day_number),
                    b.end().map_or(i32::MAX, day_number),
                ),
                Condition::Text(t) => {
                    *slots += 1;
                    Plan::Text(fold(t), *slots - 1)
                }
                Condition::Exists(f) => Plan::Has(*f),
            },
            Shape::And(fs) => {
                let mut ps: Vec<Plan> = fs.iter().map(|f| self.compile(f, slots)).collect();
                // Cheap and selective checks first: AND stops at the first
                // that fails.
                ps.sort_by_cached_key(|p| (p.cost(), self.estimate(p).unwrap_or(usize::MAX)));
                Plan::And(ps)
            }
            Shape::Or(fs) => Plan::Or(fs.iter().map(|f| self.compile(f, slots)).collect()),
            Shape::Not(f) => Plan::Not(Box::new(self.compile(f, slots))),
        }
    }

    /// Whether row `row` of statement `s` satisfies the plan. A plan that
    /// reads no stance ([`Plan::reads_stance`]) may be given `NONE` as the row.
    fn test(&self, plan: &Plan, row: u32, s: u32, memo: &mut [(u32, bool)]) -> bool {
        let r = row as usize;
        let su = s as usize;
        match plan {
            Plan::Speaker(set) => set.contains(self, self.stmts[su].speaker),
            Plan::Holder(set) => set.contains(self, self.rows[r].holder),
            Plan::Target(set) => set.contains(self, self.rows[r].target),
            Plan::Via(set) => self.relays.get(s).iter().any(|&a| set.contains(self, a)),
            Plan::Kind(k) => self.rows[r].kind & !NEGATED == *k,
            Plan::Quote(q) => self.stmts[su].quote == *q,
            Plan::Date(lo, hi) => (*lo..=*hi).contains(&self.stmts[su].date),
            Plan::Text(needle, slot) => {
                let (at, hit) = memo[*slot];
                if at == s {
                    return hit;
                }
                let hit = contains_folded(&self.analysis.statements()[su].text, needle);
                memo[*slot] = (s, hit);
                hit
            }
            Plan::Has(field) => match field {
                Field::Holder | Field::Kind => self.rows[r].kind != NO_KIND,
                Field::Target => self.rows[r].target != NONE,
                Field::Via => !self.relays.get(s).is_empty(),
                Field::Date => self.stmts[su].date != NO_DATE,
                _ => true,
            },
            Plan::And(ps) => ps.iter().all(|p| self.test(p, row, s, memo)),
            Plan::Or(ps) => ps.iter().any(|p| self.test(p, row, s, memo)),
            Plan::Not(p) => !self.test(p, row, s, memo),
        }
    }

    fn rows_per_statement(&self) -> f64 {
        self.row_count() as f64 / self.statement_count().max(1) as f64
    }

    /// The statements a date condition selects, in statement order.
    fn dated(&self, lo: i32, hi: i32) -> &[u32] {
        let from = self.sorted_dates.partition_point(|&d| d < lo);
        let to = self.sorted_dates.partition_point(|&d| d <= hi);
        &self.by_date[from..to.max(from)]
    }

    /// An upper bound on the rows a plan selects, if an index can list them.
    fn estimate(&self, plan: &Plan) -> Option<usize> {
        let per = |n: usize| (n as f64 * self.rows_per_statement()).ceil() as usize;
        let lists = |set: &ActorSet, sides: &Postings, actors: &Postings| {
            set.sides.iter().map(|&s| sides.get(s).len()).sum::<usize>()
                + set
                    .actors
                    .iter()
                    .map(|&a| actors.get(a).len())
                    .sum::<usize>()
        };
        Some(match plan {
            Plan::Kind(k) => self.kind_rows.get(u32::from(*k)).len(),
            Plan::Holder(set) => lists(set, &self.holder_side_rows, &self.holder_rows),
            Plan::Target(set) => lists(set, &self.target_side_rows, &self.target_rows),
            Plan::Speaker(set) => per(lists(
                set,
                &self.speaker_side_statements,
                &self.speaker_statements,
            )),
            Plan::Via(set) => per(lists(set, &self.via_side_statements, &self.via_statements)),
            Plan::Quote(q) => per(self.quote_statements.get(u32::from(*q)).len()),
            Plan::Date(lo, hi) => per(self.dated(*lo, *hi).len()),
            Plan::Has(Field::Via) => per(self.relayed_statements.len()),
            Plan::And(ps) => ps.iter().filter_map(|p| self.estimate(p)).min()?,
            Plan::Or(ps) => ps.iter().map(|p| self.estimate(p)).sum::<Option<usize>>()?,
            _ => return None,
        })
    }

    /// The rows, in order, that may satisfy the plan (every row that does is
    /// among them), if an index can list them.
    fn candidates(&self, plan: &Plan) -> Option<Driver<'_>> {
        Some(match plan {
            Plan::Kind(k) => Driver::Rows(Cow::Borrowed(self.kind_rows.get(u32::from(*k)))),
            Plan::Holder(set) => {
                Driver::Rows(union(set.lists(&self.holder_side_rows, &self.holder_rows)))
            }
            Plan::Target(set) => {
                Driver::Rows(union(set.lists(&self.target_side_rows, &self.target_rows)))
            }
            Plan::Speaker(set) => Driver::in_order(union(
                set.lists(&self.speaker_side_statements, &self.speaker_statements),
            )),
            Plan::Via(set) => Driver::in_order(union(
                set.lists(&self.via_side_statements, &self.via_statements),
            )),
            Plan::Quote(q) => {
                Driver::in_order(Cow::Borrowed(self.quote_statements.get(u32::from(*q))))
            }
            Plan::Date(lo, hi) => Driver::Statements(Cow::Borrowed(self.dated(*lo, *hi)), false),
            Plan::Has(Field::Via) => Driver::in_order(Cow::Borrowed(&self.relayed_statements)),
            Plan::And(ps) => {
                let best = ps
                    .iter()
                    .filter_map(|p| Some((self.estimate(p)?, p)))
                    .min_by_key(|(n, _)| *n)?;
                self.candidates(best.1)?
            }
            Plan::Or(ps) => {
                self.estimate(plan)?;
                let drivers = ps
                    .iter()
                    .map(|p| self.candidates(p))
                    .collect::<Option<Vec<_>>>()?;
                if drivers.iter().all(|d| matches!(d, Driver::Statements(..))) {
                    let lists = drivers
                        .iter()
                        .map(|d| match d {
                            Driver::Statements(l, _) | Driver::Rows(l) => l.as_ref(),
                        })
                        .collect();
                    Driver::in_order(Cow::Owned(union_unsorted(lists)))
                } else {
                    let lists: Vec<Cow<'_, [u32]>> = drivers
                        .into_iter()
                        .map(|d| match d {
                            Driver::Rows(l) => l,
                            Driver::Statements(l, true) => self.expand(&l),
                            Driver::Statements(l, false) => {
                                let mut l = l.into_owned();
                                l.sort_unstable();
                                self.expand(&l)
                            }
                        })
                        .collect();
                    Driver::Rows(Cow::Owned(union_unsorted(
                        lists.iter().map(|l| l.as_ref()).collect(),
                    )))
                }
            }
            _ => return None,
        })
    }

    /// Whether the plan's candidates are exactly the rows it selects.
    fn is_exact(&self, plan: &Plan) -> bool {
        match plan {
            Plan::Kind(_)
            | Plan::Holder(_)
            | Plan::Target(_)
            | Plan::Speaker(_)
            | Plan::Via(_)
            | Plan::Quote(_)
            | Plan::Date(..)
            | Plan::Has(Field::Via) => true,
            Plan::Or(ps) => ps.iter().all(|p| self.is_exact(p)),
            _ => false,
        }
    }

    /// The rows of the statements, in order.
    fn expand(&self, statements: &[u32]) -> Cow<'static, [u32]> {
        let mut rows = Vec::with_capacity(statements.len());
        for &s in statements {
            let s = s as usize;
            rows.extend(self.first_row[s]..self.first_row[s + 1]);
        }
        Cow::Owned(rows)
    }
}

/// The sorted union of sorted lists.
fn union(lists: Vec<&[u32]>) -> Cow<'_, [u32]> {
    match lists.as_slice() {
        [] => Cow::Borrowed(&[]),
        [one] => Cow::Borrowed(one),
        _ => Cow::Owned(union_unsorted(lists)),
    }
}

/// The sorted union of lists in any order.
fn union_unsorted(lists: Vec<&[u32]>) -> Vec<u32> {
    let mut all: Vec<u32> = lists.concat();
    all.sort_unstable();
    all.dedup();
    all
}

/// Where a search starts.
enum Driver<'i> {
    /// These rows, in order.
    Rows(Cow<'i, [u32]>),
    /// Every row of these statements; whether they are in order.
    Statements(Cow<'i, [u32]>, bool),
}

impl<'i> Driver<'i> {
    fn in_order(statements: Cow<'i, [u32]>) -> Driver<'i> {
        Driver::Statements(statements, true)
    }
}

/// The actors an actor condition selects: whole sides, and actors outside
/// those sides.
#[derive(Debug)]
struct ActorSet {
    sides: Vec<u32>,
    actors: Vec<u32>,
}

impl ActorSet {
    fn contains(&self, index: &Index<'_>, actor: u32) -> bool {
        actor != NONE
            && (self.sides.contains(&index.actor_side[actor as usize])
                || self.actors.binary_search(&actor).is_ok())
    }

    fn lists<'p>(&self, by_side: &'p Postings, by_actor: &'p Postings) -> Vec<&'p [u32]> {
        self.sides
            .iter()
            .map(|&s| by_side.get(s))
            .chain(self.actors.iter().map(|&a| by_actor.get(a)))
            .filter(|l| !l.is_empty())
            .collect()
    }
}

impl Plan {
    /// Whether the plan reads a stance (so must be checked per row).
    fn reads_stance(&self) -> bool {
        match self {
            Plan::Holder(_) | Plan::Target(_) | Plan::Kind(_) => true,
            Plan::Has(f) => f.is_stance_level(),
            Plan::And(ps) | Plan::Or(ps) => ps.iter().any(Plan::reads_stance),
            Plan::Not(p) => p.reads_stance(),
            _ => false,
        }
    }

    /// How costly a check is, roughly: 0 reads a record, 1 walks a short
    /// list, 2 reads text.
    fn cost(&self) -> u8 {
        match self {
            Plan::Text(..) => 2,
            Plan::Via(_) | Plan::Has(Field::Via) => 1,
            Plan::And(ps) | Plan::Or(ps) => ps.iter().map(Plan::cost).max().unwrap_or(0),
            Plan::Not(p) => p.cost(),
            _ => 0,
        }
    }
}

/// A filter compiled against an index.
#[derive(Debug)]
enum Plan {
    Speaker(ActorSet),
    Holder(ActorSet),
    Target(ActorSet),
    Via(ActorSet),
    Kind(u8),
    Quote(u8),
    Date(i32, i32),
    /// The folded needle and its memo slot.
    Text(String, usize),
    Has(Field),
    And(Vec<Plan>),
    Or(Vec<Plan>),
    Not(Box<Plan>),
}
