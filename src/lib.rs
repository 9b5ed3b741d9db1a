//! # demarche
//!
//! Who said what, on whose behalf, relayed by whom, with which stance toward
//! whom, and when: English news text about diplomacy turned into a typed,
//! queryable model, with evidence for every claim.
//!
//! # Layers
//!
//! - [`model`]: the vocabulary everything else speaks: [`Actor`]s with
//!   sides and roles, [`Statement`]s with speaker and relay chain,
//!   [`Stance`]s with holder, target, cue and CAMEO/PLOVER coding,
//!   [`Event`]s, partial and relative dates ([`When`]), and the
//!   [`Analysis`] container for one document or a merged corpus, with stable
//!   JSON.
//! - [`lexicon`]: the data the parser reads, kept as editable files under
//!   `data/` and embedded: states, institutions, organisations, titles,
//!   people, the cue lists for reporting verbs, stances, events and
//!   modifiers, and the classes of single words the parser reads by class
//!   (`words.tsv`). Extend it with [`lexicon::Lexicon::extend`] or
//!   [`lexicon::Lexicon::extend_from_file`].
//! - [`parse`]: the [`Parser`], text in, [`Analysis`] and diagnostics out.
//!   [`Parser::explain`] shows how it read a text.
//! - [`stance_model`]: the statistical stance recogniser beside the
//!   lexicon's rules (a linear model over the words of a statement's
//!   clause, trained from `data/train/`), which adds the stances the rules
//!   did not find; [`Parser::stance_model`] sets or turns it off.
//! - [`query`]: [`Filter`]s built in code or typed as queries
//!   (`holder:RUS kind:retaliation date:2025-06-01..`, where a side is named
//!   by its code or any of its names: `holder:Russia`, `holder:Russian`), an
//!   [`Index`] for large corpora, borrowed or shared ([`Index::shared`]),
//!   that explains what a query resolved to and warns about slips
//!   ([`Index::explain`]), and analyses (dyad tables and their pivots,
//!   stance timelines, profiles, two-track postures, stance shifts) whose
//!   totals reconcile.
//! - [`export`]: the stances as flat [`StanceRow`]s
//!   ([`Analysis::stance_rows`]) written as CSV, a GDELT-style event table
//!   or PLOVER-style JSON Lines, for spreadsheets, databases and other
//!   event-data tools.
//! - [`chart`]: a stance timeline and a dyad chart of an analysis or of
//!   query hits, as standalone, deterministic SVG.
//!
//! Ids go wherever an id is asked for (`analysis.actor(&statement.speaker)`),
//! and the dates of the API are [`chrono`]'s, re-exported.
//!
//! # Example
//!
//! ```
//! use demarche::{Filter, Index, Parser};
//!
//! let parser = Parser::new();
//! let text = "Iran's foreign ministry strongly condemned the Israeli strike on \
//!             Monday and vowed a decisive response.";
//! let parsed = parser.parse_document("a1", text, demarche::chrono::NaiveDate::from_ymd_opt(2024, 4, 3))?;
//! let analysis = parsed.analysis;
//!
//! // Every stance carries the words that justify it.
//! for statement in analysis.statements() {
//!     for stance in &statement.stances {
//!         let cue = stance.cue.span.slice(text).unwrap_or_default();
//!         println!("{} {:?} ({cue})", stance.kind.as_str(), stance.target);
//!     }
//! }
//!
//! // Ask questions of one article or of many merged ones.
//! let index = Index::new(&analysis);
//! let threats = Filter::parse("holder:IRN kind:retaliation")?;
//! assert_eq!(index.count(&threats), 1);
//! assert_eq!(index.query("holder:IRN kind:condemnation target:ISR")?.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Untrusted input
//!
//! Every entry point that reads outside data is meant for untrusted input:
//! none panics, whatever it is given, and each has a documented limit with
//! a clear error.
//!
//! - [`Parser`]: texts larger than [`Parser::max_input_bytes`] (64 MiB by
//!   default) are refused with [`ParseError::TooLarge`], bytes that are not
//!   UTF-8 with [`ParseError::NotUtf8`] and the offset of the first invalid
//!   byte ([`Parser::parse_bytes`]). Odd prose is never an error: runs
//!   without a sentence end longer than [`Parser::max_sentence_tokens`] are
//!   analyzed in pieces, and unclosed quotations end with their paragraph,
//!   each noted as a [`Diagnostic`]. Quotations do not nest.
//! - [`query::QueryParser`]: queries longer than 4,096 bytes or nesting
//!   deeper than 32 levels (by default) are refused with a [`QueryError`]
//!   that points at the problem.
//! - [`Analysis::from_json`]: broken or wrongly typed JSON (nesting deeper
//!   than 128 levels included) is a [`LoadError::Json`] with its line and
//!   column; dangling ids and spans outside their document are a
//!   [`LoadError::Invalid`].
//! - [`lexicon::Lexicon::extend_from_file`]: files larger than
//!   [`lexicon::MAX_FILE_BYTES`] (64 MiB), not UTF-8, or with a malformed
//!   row are refused with a [`lexicon::LexiconError`] naming the table and
//!   line.
//!
//! The crate's property tests, hostile-input tests and fuzz targets check
//! this; the README's "Robustness and limits" section lists them.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod chart;
pub mod error;
pub mod export;
pub mod lexicon;
pub mod model;
pub mod parse;
pub mod query;
mod span;
pub mod stance_model;

/// The date and time crate whose types the API uses ([`chrono::NaiveDate`]
/// for days), re-exported so that users need not depend on it themselves
/// nor match its version.
pub use chrono;
pub use error::{LoadError, MergeError, ValidationError, ValidationErrors};
pub use model::cameo;
pub use model::{
    Actor, ActorId, ActorKind, Analysis, CountryCode, Cue, DateRange, Document, DocumentId, Event,
    EventKind, Granularity, Intensity, Modality, Plover, QuoteKind, Relative, Role, Stance,
    StanceKind, StanceRow, Statement, Timeline, TimelineEntry, TimelineGroup, TimelineItem, When,
};
pub use parse::{Diagnostic, DiagnosticKind, ParseError, Parsed, Parser, StatementFeatures};
pub use query::{Filter, Index, QueryError};
pub use span::Span;

/// The README's examples, compiled and run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
