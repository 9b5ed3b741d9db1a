//! Asking questions of an analysis: filters, a query language, an index, and
//! the analyses built on them.
//!
//! # The layers
//!
//! - [`Filter`] says which statements, and which of their stances, to
//!   select. Build it in code (`Filter::holder("RUS") & Filter::kind(...)`)
//!   or parse it from a query string ([`Filter::parse`], [`QueryParser`]).
//!   [`Filter::matched_stances`] evaluates it on one statement, with no
//!   index: enough for one article.
//! - [`Index`] lays a whole corpus out for fast answers: [`Index::search`]
//!   gives [`Hits`], the matching statements borrowed from the analysis, each
//!   with the stances that matched. A selective query over a million
//!   statements takes microseconds (see `benches/query.rs`). It borrows the
//!   analysis ([`Index::new`]) or keeps it ([`Index::shared`], for services
//!   and threads), and takes more documents with [`Index::merge`].
//! - [`Index::explain`] says what a query means over an index: what each
//!   actor value selects (sides, actors), that each bare word is a text
//!   search, and warnings, each with its column, for slips that parse but
//!   select something else than meant ([`QueryWarning`]).
//! - The analyses run over hits: [`Hits::dyad_table`],
//!   [`Hits::stance_timeline`], [`Hits::two_track`], [`Hits::stance_shifts`],
//!   [`Hits::count_by`], and [`Index::profile`]. Their results are plain
//!   serde data.
//! - [`ast`] is the query as written, with spans, for tools that highlight
//!   or rewrite queries.
//!
//! # Example
//!
//! ```
//! use demarche::query::{Filter, Index};
//! use demarche::{Actor, ActorKind, Analysis, CountryCode, Cue, Document, Span, Stance, StanceKind, Statement};
//!
//! let code = |c: &str| CountryCode::new(c).unwrap();
//! let mut a = Analysis::new();
//! a.add_document(Document::new("doc", 200)).unwrap();
//! a.add_actor(Actor::new("rus", "Russia", ActorKind::State).with_country(code("RUS")).with_alias("Moscow"));
//! a.add_actor(Actor::new("ukr", "Ukraine", ActorKind::State).with_country(code("UKR")).with_alias("Kyiv"));
//! a.add_actor(Actor::new("rus.kremlin", "Kremlin", ActorKind::Institution).with_affiliation("rus"));
//! a.add_actor(Actor::new("p.dmitry-peskov", "Dmitry Peskov", ActorKind::Person)
//!     .with_alias("Peskov").with_affiliation("rus.kremlin"));
//! let cue = |at: usize| Cue::new("x", Span::new(at, at + 1));
//! a.add_statement(
//!     Statement::new("doc", "p.dmitry-peskov", Span::new(0, 60), "Peskov said Russia will strike back but remains open to talks.")
//!         .with_stance(Stance::new(StanceKind::Retaliation, "rus", cue(20)).with_target("ukr"))
//!         .with_stance(Stance::new(StanceKind::Negotiation, "rus", cue(40)).with_target("ukr")),
//! );
//!
//! let index = Index::new(&a);
//! // Peskov is on Russia's side through the Kremlin.
//! let hits = index.query(r#"speaker:RUS kind:negotiation text:"open to talks""#).unwrap();
//! assert_eq!(hits.len(), 1);
//! let hit = hits.iter().next().unwrap();
//! assert_eq!(hit.stance_indexes().collect::<Vec<_>>(), [1]);
//!
//! // The same filter, built in code.
//! let f = Filter::speaker("RUS") & Filter::kind(StanceKind::Negotiation) & Filter::text("open to talks");
//! assert_eq!(index.count(&f), 1);
//!
//! // A malformed query says where it went wrong.
//! let err = index.query("speaker:Peskov kind:threat").unwrap_err();
//! assert_eq!(err.to_string(), "\
//! query parse error:
//!     speaker:Peskov kind:threat
//!                         ^^^^^^
//! error at column 21: bad value for kind: unknown stance kind \"threat\": \
//! expected one of retaliation, negotiation, condemnation, appeal, denial, support");
//! ```
//!
//! # The query language
//!
//! In the spirit of GitHub and Lucene search:
//!
//! | form | means |
//! | --- | --- |
//! | `field:value` | a condition on a field (table below) |
//! | `field:"two words"` | a quoted value; `\"` and `\\` escape a quote and a backslash |
//! | `field:*` | the field has a value at all (see [`Condition::Exists`]) |
//! | `a b`, `a AND b` | both |
//! | `a OR b` | either; AND binds tighter: `a b OR c` is `(a b) OR c` |
//! | `NOT a`, `-a` | not (the `-` written right before its operand) |
//! | `( ... )` | grouping |
//! | `value`, `"two words"` | a bare value searches the text: `text:value` |
//!
//! `AND`, `OR` and `NOT` are operators only in capitals (a lowercase one
//! between terms is a word of the text, which [`Index::explain`] warns
//! about); field names ignore case. The fields:
//!
//! | field | reads | value |
//! | --- | --- | --- |
//! | `speaker` | statement | a side, by its code (`RUS`, `NATO`) or by a name, alias, demonym or capital (`Russia`, `Russian`, `Moscow`, see [`SideNames`]); or an actor's id, name or alias (`Peskov`); any case |
//! | `holder` | stance | as `speaker` |
//! | `target` | stance | as `speaker` |
//! | `kind` | stance | `retaliation`, `negotiation`, `condemnation`, `appeal`, `denial`, `support` |
//! | `quote` | statement | `direct`, `indirect`, `mixed`, `headline` |
//! | `via` | statement | as `speaker`: any actor of the reported-by chain |
//! | `date` | statement | `2025-06-01`, `2025-06`, `2025`; ranges `2025-06-01..2025-06-30`, `2025-06-01..`, `..2025-06-30`; `>=`, `>`, `<=`, `<` before a date |
//! | `text` | statement | a string the text contains, ignoring case |
//!
//! A date condition covers whole periods: `date:2025-06` is all of June,
//! `date:>2025-06` starts on July 1, `date:2025-01..2025-03` runs to March 31.
//! It reads [`Statement::date`](crate::Statement::date); undated statements
//! match no date condition (so `-date:*` finds them).
//!
//! ## Stance conditions hold on the same stance
//!
//! The filter is evaluated once per stance of a statement, the stance
//! conditions reading that stance: `holder:RUS kind:retaliation target:UKR`
//! needs one stance that is all three, and the hits report exactly the
//! stances that satisfied the query. Negation too is per stance:
//! `holder:RUS -target:UKR` is a Russian stance aimed elsewhere (or at no
//! one), and `-kind:appeal` selects statements with some stance that is not
//! an appeal (or no stance at all). A statement without stances is evaluated
//! once, where every stance condition is false. Two stances of one statement
//! cannot be required together (`kind:retaliation kind:negotiation` selects
//! nothing); [`Hits::two_track`] finds such postures across statements.
//!
//! ## Names of sides, and warnings
//!
//! An actor value selects a whole side when it is the side's code or one of
//! its names in the lexicon ([`SideNames`]): `holder:USA`, `holder:"United
//! States"`, `holder:US`, `holder:Washington` and `holder:American` are one
//! condition, every actor on the United States' side; a person's or an
//! institution's name (`holder:Biden`, `holder:"White House"`) selects that
//! actor alone.
//!
//! Some slips parse but ask something else than meant. [`Index::explain`]
//! warns about them, with the column ([`QueryParser::warnings`] does without
//! an index, for the first two):
//!
//! - `kind:appeal or kind:denial`: operators are written in capitals; the
//!   lowercase `or` is a word searched for in the text (no statement has all
//!   three, so nothing is found);
//! - `target:United States`: `States` is a text search, not part of the
//!   name; quote names of several words (`target:"United States"`);
//! - `holder:Rusia`: a value that selects no actor of the analysis.
//!
//! ```
//! use demarche::query::Index;
//! use demarche::Parser;
//!
//! let parsed = Parser::new().parse_document("a1", "Washington urged talks.", None)?;
//! let index = Index::new(&parsed.analysis);
//! let explained = index.explain("holder:American kind:appeal or kind:support")?;
//! assert_eq!(explained.terms()[0].actors.as_ref().unwrap().to_string(), "side USA");
//! assert_eq!(explained.warnings()[0].column(), 29);
//! assert!(explained.warnings()[0].to_string().ends_with("to mean either, write OR"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Canonical form
//!
//! A filter prints (`Display`) as its canonical query, which parses back to
//! an equal filter: `date:>=2025-06-01` prints as `date:2025-06-01..`,
//! `NOT a` as `-a`, a bare word as `text:word`.
//!
//! # Untrusted queries: limits
//!
//! Parsing never panics and is linear in the query's length. A
//! [`QueryParser`] refuses queries longer than 4,096 bytes and nesting
//! (parentheses and negations) deeper than 32 levels by default, with a
//! [`QueryError`]; both limits can be set, the nesting limit up to 256. An
//! error names the line and column, and prints the query with a caret under
//! the problem; its [`kind`](QueryError::kind) says what went wrong.

// The modules, from the query string to the answers: `ast` (the query as
// written) <- `parser` (text to syntax tree) -> `translate` (syntax tree to
// filter) -> `filter` (what a query means, and its evaluation on one
// statement); `table` (a corpus as rows) <- `index` (posting lists, search)
// -> `hits` (results) -> `analyses` (aggregates over rows, reading the table
// only). `error` and `fold` serve them all.
pub mod ast;
mod error;
mod explain;
mod filter;
mod fold;
mod hits;
mod index;
mod lint;
mod names;
mod parser;
mod table;
mod translate;

mod analyses;
#[doc(hidden)]
pub mod synth;

pub use analyses::{
    ActorProfile, DyadCount, DyadPivot, DyadRow, DyadTable, KindCounts, PeriodCounts, StanceRef,
    StanceShift, StanceTimeline, TargetProfile, TwoTrack,
};
pub use ast::{Field, UnknownField};
pub use error::{QueryError, QueryErrorKind, QueryWarning, QueryWarningKind};
pub use explain::{ActorMatch, Explanation, ResolvedTerm};
pub use filter::{Condition, DateBounds, Filter, Shape};
pub use hits::{CountUnit, GroupBy, GroupCount, GroupCounts, Hit, Hits, Iter, UnknownGroupBy};
pub use index::Index;
pub use names::SideNames;
pub use parser::QueryParser;
