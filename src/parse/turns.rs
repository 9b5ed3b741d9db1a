//! Transcript turns: who speaks in a briefing, a press conference or an
//! interview when the text marks turns with labels ("Q:", "A:", "MR
//! PIGOTT:", "Lin Jian:", "CCTV:") instead of reporting verbs.
//!
//! Segmentation finds the labels (`segment::Turn`); this stage resolves each
//! label to its speaker and then decides, sentence by sentence, whose words
//! the frames of the attribution stage are:
//!
//! - an answer's sentences are the answerer's: the government's positions
//!   ("China firmly opposes ...", "We urge Japan ..."), first-person
//!   pronouns, and sentences with no attribution at all;
//! - someone else's words passed on inside an answer ("Foreign Minister
//!   Wang Yi said ...") are relayed by the answerer;
//! - a question is no statement of the journalist's: only words it reports
//!   of others ("X said ...") are kept;
//! - a moderator says nothing that counts.

use std::ops::Range;

use super::attribution::{Frame, FrameClass};
use super::discourse::Discourse;
use super::doc::Doc;
use super::segment::TurnRole;

/// The speaker of each turn, resolved when the turn's first sentence is read.
#[derive(Debug, Default)]
pub(crate) struct Turns {
    /// One slot per turn: `None` until resolved, then the resolved speaker.
    speakers: Vec<Option<Option<usize>>>,
    /// The roles as resolved: a label naming a news outlet asks a question.
    roles: Vec<TurnRole>,
    /// Who answers "A:" turns: the spokesperson named before the first turn.
    answerer: Option<Option<usize>>,
    /// The side whose words the last question reported ("The Philippine
    /// foreign ministry said ... What is your response?"): what the answer
    /// addresses.
    asked_about: Option<usize>,
    /// Whether the header or introduction names a spokesperson by title,
    /// once looked for.
    header_spokesperson: Option<bool>,
}

impl Turns {
    /// Empty slots for a document's turns.
    pub fn new(doc: &Doc<'_>) -> Turns {
        Turns {
            speakers: vec![None; doc.seg.turns.len()],
            roles: doc.seg.turns.iter().map(|t| t.role).collect(),
            answerer: None,
            asked_about: None,
            header_spokesperson: None,
        }
    }

    /// Resolves the speaker of sentence `s`'s turn if this is the turn's
    /// first sentence, and returns who answers in it (for first-person
    /// pronouns), if anyone.
    pub fn enter(&mut self, doc: &mut Doc<'_>, disc: &mut Discourse, s: usize) -> Option<usize> {
        let t = doc.seg.sentences[s].turn? as usize;
        if self.speakers[t].is_none() {
            let speaker = self.resolve(doc, disc, t);
            self.speakers[t] = Some(speaker);
            // A new question asks about whatever it reports, if anything.
            if self.roles[t] == TurnRole::Question {
                self.asked_about = None;
            }
        }
        match self.roles[t] {
            TurnRole::Answer | TurnRole::Named => self.speakers[t].flatten(),
            TurnRole::Question | TurnRole::Moderator => None,
        }
    }

    fn resolve(&mut self, doc: &mut Doc<'_>, disc: &mut Discourse, t: usize) -> Option<usize> {
        let label = doc.seg.turns[t].label.clone();
        match self.roles[t] {
            TurnRole::Question | TurnRole::Moderator => None,
            TurnRole::Answer => self.answerer(doc),
            TurnRole::Named => {
                let first = doc.mentions.len();
                super::actors::ActorPass::new(doc, disc).recognize_label(label);
                let named: Vec<usize> = doc.mentions[first..].iter().map(|m| m.actor).collect();
                let person = named.iter().copied().find(|&a| doc.reg.entries[a].person);
                if let Some(p) = person {
                    self.give_side(doc, p);
                    return Some(p);
                }
                // "CCTV:", "AFP:": a news outlet asks.
                if named.iter().any(|&a| doc.reg.is_outlet(a)) {
                    self.roles[t] = TurnRole::Question;
                }
                // A state or place heads a round-up ("Germany: ..."): the
                // sentences name their own speakers.
                None
            }
        }
    }

    /// The spokesperson a header or introduction names before the first
    /// turn ("Foreign Ministry Spokesperson Lin Jian's Regular Press
    /// Conference", "The briefing was conducted by ..."): the first person
    /// named there.
    fn answerer(&mut self, doc: &mut Doc<'_>) -> Option<usize> {
        if let Some(a) = self.answerer {
            return a;
        }
        let before = preamble_end(doc);
        let found = doc
            .mentions
            .iter()
            .filter(|m| m.toks.end <= before)
            .map(|m| m.actor)
            .find(|&a| doc.reg.entries[a].person);
        if let Some(a) = found {
            self.give_side(doc, a);
        }
        self.answerer = Some(found);
        found
    }

    /// A speaker the text gives no side takes the side of the first state
    /// or body named before the turns began (the header's "Washington",
    /// "the Ministry of External Affairs"), else the dateline's.
    fn give_side(&self, doc: &mut Doc<'_>, a: usize) {
        if doc.reg.code(a).is_some() {
            return;
        }
        let before = preamble_end(doc);
        let side = doc
            .mentions
            .iter()
            .filter(|m| m.toks.end <= before)
            .map(|m| m.actor)
            .find(|&b| b != a && !doc.reg.entries[b].person && doc.reg.code(b).is_some())
            .or(doc.home);
        if let Some(side) = side {
            doc.reg.affiliate(a, side);
        }
    }

    /// Whether the header or introduction before the first turn names a
    /// spokesperson by title (looked for once a document).
    fn spokesperson_in_header(&mut self, doc: &Doc<'_>) -> bool {
        *self.header_spokesperson.get_or_insert_with(|| {
            (0..preamble_end(doc).min(doc.t.len()))
                .any(|k| matches!(doc.norm(k), "spokesperson" | "spokesman" | "spokeswoman"))
        })
    }

    /// Whose words sentence `s`'s frames are, given its turn.
    pub fn assign(&mut self, doc: &mut Doc<'_>, s: usize, frames: &mut Vec<Frame>) {
        let sent = &doc.seg.sentences[s];
        let Some(t) = sent.turn.map(|t| t as usize) else {
            return;
        };
        let body = sent.body_start..sent.toks.end;
        let speaker = self.speakers[t].flatten();
        match (self.roles[t], speaker) {
            (TurnRole::Moderator, _) => frames.clear(),
            (TurnRole::Question, _) => {
                frames.retain(|f| reports(f.class));
                if let Some(f) = frames.first() {
                    self.asked_about = doc.reg.side_of(doc.m, f.speaker);
                }
            }
            (TurnRole::Answer | TurnRole::Named, Some(a)) => {
                let about = self.asked_about.filter(|&x| !doc.reg.same_side(x, a));
                answer(doc, a, about, body, frames);
            }
            (TurnRole::Answer, None) if self.spokesperson_in_header(doc) => {
                // "Foreign Ministry Spokesperson's Regular Press
                // Conference": an answerer the header names by title
                // alone. "China appreciates ...", "China repeats its call
                // ..." in an answer are that spokesperson's words.
                for f in frames.iter_mut() {
                    let e = &doc.reg.entries[f.speaker];
                    if !e.person && e.is_side && e.actor.kind == crate::model::ActorKind::State {
                        f.speaker = doc.reg.unnamed_holder(f.speaker, "spokesperson");
                    }
                }
            }
            (TurnRole::Answer | TurnRole::Named, None) => {}
        }
    }
}

/// Where the text before the first turn (its header and introduction) ends.
fn preamble_end(doc: &Doc<'_>) -> usize {
    doc.seg.turns.first().map_or(0, |t| t.label.start)
}

/// Frames that pass on someone's words, as opposed to an act or a view
/// stated of a subject.
fn reports(class: FrameClass) -> bool {
    matches!(
        class,
        FrameClass::Say
            | FrameClass::Tell
            | FrameClass::Quote
            | FrameClass::According
            | FrameClass::NoComment
            | FrameClass::Label
            | FrameClass::Speech
    )
}

/// An answer's sentence: the answerer's own words unless it passes on
/// someone else's, which the answerer then relays.
/// What the answer says without naming a target is aimed at the side the
/// question asked about.
fn answer(
    doc: &Doc<'_>,
    a: usize,
    about: Option<usize>,
    body: Range<usize>,
    frames: &mut Vec<Frame>,
) {
    let mut own = false;
    frames.retain_mut(|f| {
        if f.speaker == a || !doc.reg.entries[f.speaker].person && doc.reg.same_side(f.speaker, a) {
            // "China firmly opposes ...", "The Chinese side will ...": the
            // government's position, stated by its spokesperson.
            f.speaker = a;
            f.addressee = f.addressee.or(about);
            own = true;
            return true;
        }
        let e = &doc.reg.entries[f.speaker];
        // "Foreign Minister Wang Yi said ...", "He told me ...", "the US
        // side claimed ...": passed on by the answerer.
        let passes_on = if e.person {
            reports(f.class)
        } else {
            reports(f.class) && !matches!(f.class, FrameClass::Speech | FrameClass::Label)
        };
        if passes_on {
            if !f.relay.contains(&a) {
                f.relay.insert(0, a);
            }
            return true;
        }
        // "The US should stop ...", "Japan has been using ...": the
        // answerer's words about another side.
        false
    });
    if !own && frames.is_empty() {
        frames.push(Frame {
            speaker: a,
            relay: Vec::new(),
            cue: body.start..body.start,
            content: body.clone(),
            class: FrameClass::Think,
            subject: body.start..body.start,
            addressee: about,
            passive_target: None,
        });
    }
}
