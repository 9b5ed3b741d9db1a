//! The index: a corpus laid out for fast queries and analyses.

use std::borrow::Cow;
use std::collections::HashMap;
use std::mem::size_of;
use std::sync::Arc;

use super::analyses::{self, ActorProfile};
use super::ast::Field;
use super::error::QueryError;
use super::filter::{Condition, Filter, Shape};
use super::fold::{contains_folded, fold};
use super::hits::{Hits, Rows};
use super::names::{SideNames, is_side_actor};
use super::table::{
    ActorIx, Postings, RowId, SideIx, StatementId, Table, day_number, kind_slot, quote_slot,
};
use crate::lexicon::Lexicon;
use crate::{ActorId, Analysis, CountryCode, Granularity, MergeError, QuoteKind, StanceKind};

/// An [`Analysis`] laid out for fast queries and analyses over a corpus.
///
/// Build it once; it answers any number of [`Filter`]s with the same
/// results as [`Filter::matched_stances`] would give statement by
/// statement, but without reading every statement. Actor
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
/// # Borrowed or shared
///
/// [`Index::new`] borrows the analysis: the quickest way for a program that
/// builds an analysis, asks its questions and is done. [`Index::shared`]
/// takes the analysis (or an [`Arc`] of it) and gives an `Index<'static>`,
/// which a service can keep beside anything else, move between threads
/// and share (`Index<'static>` is `Send` and `Sync`); [`Index::merge`]
/// adds documents to the indexed analysis and indexes them.
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
/// a.add_actor(Actor::new("p.dmitry-peskov", "Dmitry Peskov", ActorKind::Person).with_alias("Peskov").with_affiliation("rus"));
/// let cue = Cue::new("strike back", Span::new(10, 21));
/// a.add_statement(
///     Statement::new("doc", "p.dmitry-peskov", Span::new(0, 40), "Peskov said Russia will strike back.")
///         .with_stance(Stance::new(StanceKind::Retaliation, "rus", cue).with_target("ukr")),
/// );
///
/// let index = Index::new(&a);
/// let hits = index.query("speaker:peskov kind:retaliation target:UKR").unwrap();
/// assert_eq!(hits.len(), 1);
/// for hit in &hits {
///     assert_eq!(hit.statement().speaker, "p.dmitry-peskov");
///     assert_eq!(hit.stances().count(), 1);
/// }
/// let table = index.all().dyad_table();
/// assert_eq!(table.count(Some("RUS"), Some("UKR"), StanceKind::Retaliation), 1);
/// ```
#[derive(Clone)]
pub struct Index<'a> {
    analysis: Source<'a>,
    table: Table,
    /// Folded ids, names and aliases to actors.
    names: HashMap<String, Vec<ActorIx>>,
    /// Folded side codes to sides.
    codes: HashMap<String, SideIx>,
    /// Names that stand for whole sides.
    side_names: Arc<SideNames>,
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
    relayed_statements: Vec<StatementId>,
}

impl std::fmt::Debug for Index<'_> {
    /// A summary: the sizes, not the contents.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("statements", &self.statement_count())
            .field("rows", &self.row_count())
            .field("actors", &self.table.actor_count())
            .field("sides", &self.table.side_count())
            .field("heap_size", &self.heap_size())
            .finish_non_exhaustive()
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
        Index::build(Source::Borrowed(analysis), SideNames::builtin_arc().clone())
    }

    /// Indexes an analysis that the index keeps: its own, or a share of an
    /// [`Arc`]. The index is `'static`, `Send` and `Sync`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::Arc;
    /// use demarche::query::Index;
    /// use demarche::Parser;
    ///
    /// let parsed = Parser::new().parse_document("a1", "Russia condemned the attack.", None)?;
    /// // The index owns the analysis: it can be kept, returned, sent to threads.
    /// let index: Index<'static> = Index::shared(parsed.analysis);
    /// let worker = std::thread::spawn(move || index.query("holder:RUS kind:condemnation").map(|h| h.len()));
    /// assert_eq!(worker.join().unwrap()?, 1);
    ///
    /// // Or several indexes and the caller share one analysis.
    /// let analysis = Arc::new(Parser::new().parse_document("a2", "Ukraine urged talks.", None)?.analysis);
    /// let index = Index::shared(Arc::clone(&analysis));
    /// assert!(std::ptr::eq(index.analysis(), &*analysis));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Panics
    ///
    /// As [`Index::new`].
    pub fn shared(analysis: impl Into<Arc<Analysis>>) -> Index<'static> {
        Index::build(
            Source::Shared(analysis.into()),
            SideNames::builtin_arc().clone(),
        )
    }

    /// The index, reading the names of sides (the states' names, aliases,
    /// demonyms and capitals that mean their side in a query) from a user's
    /// lexicon instead of the built-in one.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::lexicon::{Lexicon, Table};
    /// use demarche::query::Index;
    /// use demarche::Parser;
    ///
    /// let mut lexicon = Lexicon::builtin();
    /// lexicon.extend(Table::Countries, "XNR\tNorthreach\t-\tNorthreachi\tPort Vell\n")?;
    /// let parser = Parser::with_lexicon(lexicon)?;
    /// let parsed = parser.parse_document("a1", "Northreach condemned the attack.", None)?;
    /// let index = Index::new(&parsed.analysis).with_lexicon(parser.lexicon());
    /// assert_eq!(index.query("holder:Northreachi")?.len(), 1);
    /// assert_eq!(index.query(r#"holder:"Port Vell""#)?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_lexicon(mut self, lexicon: &Lexicon) -> Index<'a> {
        self.side_names = Arc::new(SideNames::from_lexicon(lexicon));
        self
    }

    /// The names of sides the index reads (see [`SideNames`]).
    pub fn side_names(&self) -> &SideNames {
        &self.side_names
    }

    /// Merges another analysis into the indexed one (see
    /// [`Analysis::merge`]) and indexes the result, so the index answers
    /// over both. A borrowed analysis is copied first, and an [`Arc`] shared
    /// with others is copied on write ([`Arc::make_mut`]): the analysis the
    /// index was built from is never changed. Indexing starts over, in time
    /// linear in the merged corpus. Fails, changing nothing, if both hold a
    /// document with the same id.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::query::Index;
    /// use demarche::Parser;
    ///
    /// let parser = Parser::new();
    /// let mut index = Index::shared(parser.parse_document("a1", "Russia condemned the attack.", None)?.analysis);
    /// index.merge(parser.parse_document("a2", "Ukraine condemned the strike.", None)?.analysis)?;
    /// assert_eq!(index.query("kind:condemnation")?.len(), 2);
    /// assert_eq!(index.analysis().documents().len(), 2);
    /// // A document id already indexed is refused.
    /// assert!(index.merge(parser.parse_document("a1", "Russia urged talks.", None)?.analysis).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Panics
    ///
    /// As [`Index::new`].
    pub fn merge(&mut self, other: Analysis) -> Result<(), MergeError> {
        let merged = match &mut self.analysis {
            Source::Borrowed(a) => {
                let mut copy = Analysis::clone(a);
                copy.merge(other)?;
                Source::Shared(Arc::new(copy))
            }
            Source::Shared(a) => {
                Arc::make_mut(a).merge(other)?;
                Source::Shared(Arc::clone(a))
            }
        };
        *self = Index::build(merged, Arc::clone(&self.side_names));
        Ok(())
    }

    fn build(analysis: Source<'a>, side_names: Arc<SideNames>) -> Index<'a> {
        let table = Table::new(analysis.get());
        let (names, codes) = name_maps(analysis.get(), &table);
        let n_actors = table.actor_count();
        let n_sides = table.side_count();
        let n_statements = table.statement_count();
        let rows = || 0..table.row_count() as RowId;
        let statements = || 0..n_statements as StatementId;
        let kind_rows = Postings::build(StanceKind::ALL.len(), || {
            rows().filter_map(|r| Some((table.kind_slot(r)? as u32, r)))
        });
        let by_actor = |col: fn(&Table, RowId) -> Option<ActorIx>| {
            Postings::build(n_actors, || {
                rows().filter_map(|r| Some((col(&table, r)?, r)))
            })
        };
        let by_side = |col: fn(&Table, RowId) -> Option<ActorIx>| {
            Postings::build(n_sides, || {
                rows().filter_map(|r| Some((table.side_of(col(&table, r)?)?, r)))
            })
        };
        let speaker_statements =
            Postings::build(n_actors, || statements().map(|s| (table.speaker(s), s)));
        let speaker_side_statements = Postings::build(n_sides, || {
            statements().filter_map(|s| Some((table.side_of(table.speaker(s))?, s)))
        });
        let relay_pairs =
            || statements().flat_map(|s| table.relays(s).iter().map(move |&a| (a, s)));
        let via_statements = Postings::build(n_actors, relay_pairs);
        let mut via_side_pairs: Vec<(SideIx, StatementId)> = Vec::new();
        for (a, s) in relay_pairs() {
            let Some(side) = table.side_of(a) else {
                continue;
            };
            let seen = via_side_pairs
                .iter()
                .rev()
                .take_while(|p| p.1 == s)
                .any(|p| p.0 == side);
            if !seen {
                via_side_pairs.push((side, s));
            }
        }
        let via_side_statements = Postings::build(n_sides, || via_side_pairs.iter().copied());
        let quote_statements = Postings::build(QuoteKind::ALL.len(), || {
            statements()
                .map(|s| (table.quote_slot(s) as u32, s))
                .filter(|p| (p.0 as usize) < QuoteKind::ALL.len())
        });
        let relayed_statements = statements()
            .filter(|&s| !table.relays(s).is_empty())
            .collect();
        Index {
            analysis,
            holder_rows: by_actor(Table::holder),
            holder_side_rows: by_side(Table::holder),
            target_rows: by_actor(Table::target),
            target_side_rows: by_side(Table::target),
            table,
            names,
            codes,
            side_names,
            kind_rows,
            speaker_statements,
            speaker_side_statements,
            via_statements,
            via_side_statements,
            quote_statements,
            relayed_statements,
        }
    }

    /// The indexed analysis.
    pub fn analysis(&self) -> &Analysis {
        self.analysis.get()
    }

    /// The index's rows, for the hits and the analyses.
    pub(crate) fn table(&self) -> &Table {
        &self.table
    }

    /// How many statements are indexed.
    pub fn statement_count(&self) -> usize {
        self.table.statement_count()
    }

    /// How many rows the index holds: one per stance, and one per statement
    /// without stances.
    pub fn row_count(&self) -> usize {
        self.table.row_count()
    }

    /// The bytes the index has allocated on the heap, beyond the analysis it
    /// reads (hash tables are estimated from their capacity).
    pub fn heap_size(&self) -> usize {
        let postings = [
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
        let codes = self.codes.capacity() * (size_of::<(String, u32)>() + 1)
            + self.codes.keys().map(String::capacity).sum::<usize>();
        self.table.heap_size() + self.relayed_statements.capacity() * 4 + postings + names + codes
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
        let mut memo = vec![(NO_STATEMENT, false); slots];
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
            if on_statement.iter().all(|p| self.test(p, NO_ROW, s, memo)) {
                for r in self.table.rows_of(s) {
                    if on_row.iter().all(|p| self.test(p, r, s, memo)) {
                        rows.push(r);
                    }
                }
            }
        };
        match candidates {
            Some(Driver::Rows(list)) => {
                for &r in list.iter() {
                    let s = self.table.statement_of(r);
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
        let mut last = NO_STATEMENT;
        for &r in &rows {
            let s = self.table.statement_of(r);
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
    pub fn profile(&self, holder: impl AsRef<str>, granularity: Granularity) -> ActorProfile {
        let holder = holder.as_ref();
        let hits = self.search(&Filter::holder(holder));
        analyses::profile(&self.table, holder, hits.rows(), granularity)
    }

    /// What an actor value selects: the sides it names (by code, by a name
    /// of [`SideNames`], or by a name of the actor standing for the side),
    /// and the other actors it names. The index's half of the rule
    /// `Filter` documents; `names::names_side` is the other.
    fn resolve(&self, who: &str) -> ActorSet {
        let folded = fold(who);
        let code = |c: &CountryCode| self.codes.get(&fold(c.as_str())).copied();
        let mut sides: Vec<SideIx> = self.codes.get(&folded).copied().into_iter().collect();
        sides.extend(self.side_names.sides(who).iter().filter_map(code));
        let named: &[ActorIx] = self.names.get(&folded).map_or(&[], Vec::as_slice);
        for &a in named {
            if let Some(s) = self.table.side_of(a)
                && is_side_actor(
                    self.analysis(),
                    self.table.actor_id(a),
                    self.table.side_code(s),
                )
            {
                sides.push(s);
            }
        }
        sides.sort_unstable();
        sides.dedup();
        let mut actors: Vec<ActorIx> = named
            .iter()
            .copied()
            .filter(|&a| self.table.side_of(a).is_none_or(|s| !sides.contains(&s)))
            .collect();
        actors.sort_unstable();
        actors.dedup();
        ActorSet { sides, actors }
    }

    /// What an actor value of a query selects, as codes and ids.
    pub(crate) fn resolve_actors(&self, who: &str) -> (Vec<CountryCode>, Vec<ActorId>) {
        let set = self.resolve(who);
        let sides = set
            .sides
            .iter()
            .map(|&s| self.table.side_code(s).clone())
            .collect();
        let actors = set
            .actors
            .iter()
            .map(|&a| ActorId::from(self.table.actor_id(a)))
            .collect();
        (sides, actors)
    }

    fn compile(&self, filter: &Filter, slots: &mut usize) -> Plan {
        match filter.shape() {
            Shape::Condition(c) => match c {
                Condition::Speaker(w) => Plan::Speaker(self.resolve(w)),
                Condition::Holder(w) => Plan::Holder(self.resolve(w)),
                Condition::Target(w) => Plan::Target(self.resolve(w)),
                Condition::Via(w) => Plan::Via(self.resolve(w)),
                Condition::Kind(k) => Plan::Kind(kind_slot(*k)),
                Condition::Quote(q) => Plan::Quote(quote_slot(*q)),
                Condition::Date(b) => Plan::Date(
                    b.start().map_or(i32::MIN, day_number),
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
    /// reads no stance ([`Plan::reads_stance`]) may be given `NO_ROW` as the
    /// row.
    fn test(
        &self,
        plan: &Plan,
        row: RowId,
        s: StatementId,
        memo: &mut [(StatementId, bool)],
    ) -> bool {
        let t = &self.table;
        match plan {
            Plan::Speaker(set) => set.contains(t, Some(t.speaker(s))),
            Plan::Holder(set) => set.contains(t, t.holder(row)),
            Plan::Target(set) => set.contains(t, t.target(row)),
            Plan::Via(set) => t.relays(s).iter().any(|&a| set.contains(t, Some(a))),
            Plan::Kind(k) => t.kind_slot(row) == Some(*k),
            Plan::Quote(q) => t.quote_slot(s) == *q,
            Plan::Date(lo, hi) => t.day(s).is_some_and(|d| *lo <= d && d <= *hi),
            Plan::Text(needle, slot) => {
                let (at, hit) = memo[*slot];
                if at == s {
                    return hit;
                }
                let hit = contains_folded(&self.analysis().statements()[s as usize].text, needle);
                memo[*slot] = (s, hit);
                hit
            }
            Plan::Has(field) => match field {
                Field::Holder | Field::Kind => t.is_stance(row),
                Field::Target => t.target(row).is_some(),
                Field::Via => !t.relays(s).is_empty(),
                Field::Date => t.day(s).is_some(),
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
    fn dated(&self, lo: i32, hi: i32) -> &[StatementId] {
        let (statements, days) = self.table.by_date();
        let from = days.partition_point(|&d| d < lo);
        let to = days.partition_point(|&d| d <= hi);
        &statements[from..to.max(from)]
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
            Plan::Kind(k) => self.kind_rows.get(*k as u32).len(),
            Plan::Holder(set) => lists(set, &self.holder_side_rows, &self.holder_rows),
            Plan::Target(set) => lists(set, &self.target_side_rows, &self.target_rows),
            Plan::Speaker(set) => per(lists(
                set,
                &self.speaker_side_statements,
                &self.speaker_statements,
            )),
            Plan::Via(set) => per(lists(set, &self.via_side_statements, &self.via_statements)),
            Plan::Quote(q) => per(self.quote_statements.get(*q as u32).len()),
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
            Plan::Kind(k) => Driver::Rows(Cow::Borrowed(self.kind_rows.get(*k as u32))),
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
            Plan::Quote(q) => Driver::in_order(Cow::Borrowed(self.quote_statements.get(*q as u32))),
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
            rows.extend(self.table.rows_of(s));
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
    #[inline]
    fn contains(&self, table: &Table, actor: Option<ActorIx>) -> bool {
        actor.is_some_and(|a| {
            table.side_of(a).is_some_and(|s| self.sides.contains(&s))
                || self.actors.binary_search(&a).is_ok()
        })
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

/// The analysis an index reads.
#[derive(Clone, Debug)]
enum Source<'a> {
    Borrowed(&'a Analysis),
    Shared(Arc<Analysis>),
}

impl Source<'_> {
    fn get(&self) -> &Analysis {
        match self {
            Source::Borrowed(a) => a,
            Source::Shared(a) => a,
        }
    }
}

/// The row given for a plan that reads no stance.
const NO_ROW: RowId = RowId::MAX;
/// A memo slot not yet filled.
const NO_STATEMENT: StatementId = StatementId::MAX;

/// Folded names to actors, and folded side codes to sides.
fn name_maps(
    analysis: &Analysis,
    table: &Table,
) -> (HashMap<String, Vec<ActorIx>>, HashMap<String, SideIx>) {
    let mut names: HashMap<String, Vec<ActorIx>> = HashMap::with_capacity(table.actor_count() * 2);
    for (a, id) in table.actors() {
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
    let side_names = table
        .sides()
        .map(|(s, code)| (fold(code.as_str()), s))
        .collect();
    (names, side_names)
}

/// A filter compiled against an index.
#[derive(Debug)]
enum Plan {
    Speaker(ActorSet),
    Holder(ActorSet),
    Target(ActorSet),
    Via(ActorSet),
    /// A kind's slot.
    Kind(usize),
    /// A quote kind's slot.
    Quote(usize),
    Date(i32, i32),
    /// The folded needle and its memo slot.
    Text(String, usize),
    Has(Field),
    And(Vec<Plan>),
    Or(Vec<Plan>),
    Not(Box<Plan>),
}
