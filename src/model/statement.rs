//! Statements: who said what, relayed by whom, when.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ActorId, Cue, DocumentId, Stance, When};
use crate::Span;

/// How the statement reaches the reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuoteKind {
    /// The speaker's words in quotation marks: "“We never refuse meetings,” Lavrov said."
    Direct,
    /// Paraphrase: "Peskov made it clear that Russia will strike back."
    #[default]
    Indirect,
    /// Paraphrase with quoted fragments: "Putin spoke “very resolutely” about the measures."
    Mixed,
    /// A headline that attributes a position: "Kremlin Demands International Condemnation".
    Headline,
}

impl QuoteKind {
    /// Every kind, in a fixed order.
    pub const ALL: [QuoteKind; 4] = [
        QuoteKind::Direct,
        QuoteKind::Indirect,
        QuoteKind::Mixed,
        QuoteKind::Headline,
    ];

    /// The snake_case name used in JSON and queries: `"direct"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
            QuoteKind::Headline => "headline",
        }
    }
}

impl fmt::Display for QuoteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The error for a string that names no [`QuoteKind`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown quote kind {0:?}: expected one of direct, indirect, mixed, headline")]
pub struct UnknownQuoteKind(pub String);

impl FromStr for QuoteKind {
    type Err = UnknownQuoteKind;
    fn from_str(s: &str) -> Result<QuoteKind, UnknownQuoteKind> {
        QuoteKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownQuoteKind(s.to_owned()))
    }
}

/// Something an actor is reported to have said, written, announced, warned,
/// demanded or expressed.
///
/// "According to Peskov, Putin spoke ..." is a statement by Putin reported by
/// Peskov: [`speaker`](Statement::speaker) is Putin and
/// [`reported_by`](Statement::reported_by) is `[Peskov]`.
///
/// # Examples
///
/// ```
/// use demarche::{QuoteKind, Span, Statement};
///
/// let text = "According to Peskov, Putin spoke resolutely.";
/// let st = Statement::new("doc-1", "p.vladimir-putin", Span::new(0, text.len()), text)
///     .reported_by("p.dmitry-peskov")
///     .with_quote(QuoteKind::Indirect);
/// assert!(st.is_relayed());
/// assert_eq!(st.reported_by[0], "p.dmitry-peskov");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// The document the statement is in.
    pub document: DocumentId,
    /// Who made the statement.
    pub speaker: ActorId,
    /// Who relays it, outermost first; empty when the journalist reports it directly.
    #[serde(default)]
    pub reported_by: Vec<ActorId>,
    /// Direct quote, paraphrase, mixed or headline.
    #[serde(default)]
    pub quote: QuoteKind,
    /// Where the statement is in the document.
    pub span: Span,
    /// The statement's text (the text under `span`).
    #[serde(default)]
    pub text: String,
    /// The words that attribute it: the reporting verb or phrase ("said",
    /// "According to"), if there is one.
    #[serde(default)]
    pub attribution: Option<Cue>,
    /// The day it was made: the day [`when`](Statement::when) resolves to,
    /// or the document's date when the text gives none.
    #[serde(default, serialize_with = "super::date::serialize_day")]
    pub date: Option<NaiveDate>,
    /// When it was made, as the text puts it.
    #[serde(default)]
    pub when: When,
    /// The positions it takes.
    #[serde(default)]
    pub stances: Vec<Stance>,
}

impl Statement {
    /// An indirect statement with no relay, date or stances.
    pub fn new(
        document: impl Into<DocumentId>,
        speaker: impl Into<ActorId>,
        span: Span,
        text: impl Into<String>,
    ) -> Statement {
        Statement {
            document: document.into(),
            speaker: speaker.into(),
            reported_by: Vec::new(),
            quote: QuoteKind::Indirect,
            span,
            text: text.into(),
            attribution: None,
            date: None,
            when: When::Unknown,
            stances: Vec::new(),
        }
    }

    /// The statement, relayed by one more actor (inside those already listed).
    pub fn reported_by(mut self, relay: impl Into<ActorId>) -> Statement {
        self.reported_by.push(relay.into());
        self
    }

    /// The statement with another quote kind.
    pub fn with_quote(mut self, quote: QuoteKind) -> Statement {
        self.quote = quote;
        self
    }

    /// The statement with its attributing cue.
    pub fn with_attribution(mut self, cue: Cue) -> Statement {
        self.attribution = Some(cue);
        self
    }

    /// The statement, made on `date` as the text expresses it as `when`.
    pub fn with_date(mut self, when: When, date: Option<NaiveDate>) -> Statement {
        self.when = when;
        self.date = date;
        self
    }

    /// The statement with one more stance.
    pub fn with_stance(mut self, stance: Stance) -> Statement {
        self.stances.push(stance);
        self
    }

    /// Whether someone other than the journalist relays it.
    pub fn is_relayed(&self) -> bool {
        !self.reported_by.is_empty()
    }
}
