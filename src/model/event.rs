//! Events: attacks, calls, meetings, talks, agreements, sanctions.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ActorId, Cue, DocumentId, When};
use crate::Span;

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// A use of force: strikes, shelling, a downing, a blast.
    Attack,
    /// A phone or video call.
    Call,
    /// A meeting or visit.
    Meeting,
    /// A negotiation round.
    Talks,
    /// An agreement, a ceasefire, a joint pledge.
    Agreement,
    /// Sanctions, bans, embargoes, suspended imports.
    Sanction,
    /// Anything else worth recording.
    Other,
}

impl EventKind {
    /// Every kind, in a fixed order.
    pub const ALL: [EventKind; 7] = [
        EventKind::Attack,
        EventKind::Call,
        EventKind::Meeting,
        EventKind::Talks,
        EventKind::Agreement,
        EventKind::Sanction,
        EventKind::Other,
    ];

    /// The snake_case name used in JSON: `"attack"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            EventKind::Attack => "attack",
            EventKind::Call => "call",
            EventKind::Meeting => "meeting",
            EventKind::Talks => "talks",
            EventKind::Agreement => "agreement",
            EventKind::Sanction => "sanction",
            EventKind::Other => "other",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The error for a string that names no [`EventKind`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown event kind {0:?}: expected one of attack, call, meeting, talks, agreement, sanction, other"
)]
pub struct UnknownEventKind(pub String);

impl FromStr for EventKind {
    type Err = UnknownEventKind;
    fn from_str(s: &str) -> Result<EventKind, UnknownEventKind> {
        EventKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownEventKind(s.to_owned()))
    }
}

/// Something that happened, as the text reports it.
///
/// # Examples
///
/// ```
/// use demarche::{Cue, Event, EventKind, Span};
///
/// let attack = Event::new("doc-1", EventKind::Attack, Cue::new("drone strikes", Span::new(11, 24)))
///     .with_initiator("ukr")
///     .with_target("rus");
/// assert_eq!(attack.kind.as_str(), "attack");
/// assert_eq!(attack.span, Span::new(11, 24));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The document the event is reported in.
    pub document: DocumentId,
    /// What happened.
    pub kind: EventKind,
    /// The day it happened, when the text gives one that resolves to a day.
    #[serde(default, serialize_with = "super::date::serialize_day")]
    pub date: Option<NaiveDate>,
    /// When it happened, as the text puts it.
    #[serde(default)]
    pub when: When,
    /// Who did it, if known.
    #[serde(default)]
    pub initiator: Option<ActorId>,
    /// Whom it was done to, if known.
    #[serde(default)]
    pub target: Option<ActorId>,
    /// Everyone taking part (both sides of a call, everyone at a meeting).
    #[serde(default)]
    pub participants: Vec<ActorId>,
    /// Where the event is reported: the trigger and the words around it that
    /// describe it.
    pub span: Span,
    /// The word or phrase that signalled the event ("drone strikes", "phone call").
    pub cue: Cue,
    /// A short description: the text under `span`.
    #[serde(default)]
    pub description: String,
}

impl Event {
    /// An event with no date or actors, spanning its cue.
    pub fn new(document: impl Into<DocumentId>, kind: EventKind, cue: Cue) -> Event {
        Event {
            document: document.into(),
            kind,
            date: None,
            when: When::Unknown,
            initiator: None,
            target: None,
            participants: Vec::new(),
            span: cue.span,
            description: cue.text.clone(),
            cue,
        }
    }

    /// The event, started by `initiator`.
    pub fn with_initiator(mut self, initiator: impl Into<ActorId>) -> Event {
        self.initiator = Some(initiator.into());
        self
    }

    /// The event, aimed at `target`.
    pub fn with_target(mut self, target: impl Into<ActorId>) -> Event {
        self.target = Some(target.into());
        self
    }

    /// The event with one more participant (ignored if already listed).
    pub fn with_participant(mut self, participant: impl Into<ActorId>) -> Event {
        let p = participant.into();
        if !self.participants.contains(&p) {
            self.participants.push(p);
        }
        self
    }

    /// The event, on `date` as the text expresses it as `when`.
    pub fn with_date(mut self, when: When, date: Option<NaiveDate>) -> Event {
        self.when = when;
        self.date = date;
        self
    }

    /// The event, described by the text under `span` in `text`.
    pub fn with_span(mut self, span: Span, description: impl Into<String>) -> Event {
        self.span = span;
        self.description = description.into();
        self
    }

    /// Every actor involved: initiator, target and participants, without repeats.
    pub fn actors(&self) -> Vec<&ActorId> {
        let mut out: Vec<&ActorId> = Vec::new();
        for a in self
            .initiator
            .iter()
            .chain(self.target.iter())
            .chain(self.participants.iter())
        {
            if !out.contains(&a) {
                out.push(a);
            }
        }
        out
    }
}
