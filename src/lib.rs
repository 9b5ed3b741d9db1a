//! # demarche
//!
//! Who said what, on whose behalf, relayed by whom, with which stance toward
//! whom, and when: English news text about diplomacy turned into a typed,
//! queryable model, with evidence for every claim.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod error;
pub mod lexicon;
pub mod model;
pub mod parse;
pub mod query;
mod span;

pub use error::{LoadError, MergeError, ValidationError, ValidationErrors};
pub use model::cameo;
pub use model::{
    Actor, ActorId, ActorKind, Analysis, CountryCode, Cue, DateRange, Document, DocumentId, Event,
    EventKind, Granularity, Intensity, Modality, Plover, QuoteKind, Relative, Role, Stance,
    StanceKind, Statement, Timeline, TimelineEntry, TimelineGroup, TimelineItem, When,
};
pub use parse::{Diagnostic, DiagnosticKind, ParseError, Parsed, Parser};
pub use query::{Filter, Index, QueryError};
pub use span::Span;

/// The README's examples, compiled and run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
