//! Events: attacks, calls, meetings, talks, agreements and sanctions, with
//! the date in their clause and the actors around their trigger.

use std::ops::Range;

use super::dates::DateMention;
use super::doc::{Doc, Form, Mention};
use super::matcher::Payload;
use super::segment::SentenceIdx;
use super::words::{AND, BE, COMMA};
use crate::lexicon::{TriggerFrame, WordClass};
use crate::model::{EventKind, StanceKind, When};

/// An event found in the text, before inference.
#[derive(Clone, Debug)]
pub(crate) struct FoundEvent {
    pub kind: EventKind,
    pub cue: Range<usize>,
    pub span: Range<usize>,
    pub when: When,
    pub initiator: Option<usize>,
    pub target: Option<usize>,
    pub participants: Vec<usize>,
    pub sentence: SentenceIdx,
    /// The initiator was named, not inferred.
    pub explicit_initiator: bool,
    /// Sides named with the initiator: "the U.S. and British strikes".
    pub co_initiators: Vec<usize>,
}

/// The event pass: events the document reports (attacks, sanctions,
/// meetings, ...) with their actors and dates, read from the tokens,
/// mentions and dates.
pub(crate) struct EventPass<'d, 'a> {
    doc: &'d Doc<'a>,
}

impl<'a> std::ops::Deref for EventPass<'_, 'a> {
    type Target = Doc<'a>;
    fn deref(&self) -> &Doc<'a> {
        self.doc
    }
}

impl<'d, 'a> EventPass<'d, 'a> {
    pub fn new(doc: &'d Doc<'a>) -> EventPass<'d, 'a> {
        EventPass { doc }
    }
}

impl EventPass<'_, '_> {
    /// Mentions that can stand for a party to an event.
    fn party(&self, m: &super::doc::Mention) -> Option<usize> {
        Some(m.actor)
    }

    /// Every event in the document, in order.
    pub fn find_events(&self, dates: &[DateMention]) -> Vec<FoundEvent> {
        let mut out: Vec<FoundEvent> = Vec::new();
        for (s, sent) in self.seg.sentences.iter().enumerate() {
            let s = SentenceIdx(s);
            if sent.headline {
                // Headlines repeat what the body reports.
                continue;
            }
            let r = sent.body_start..sent.toks.end;
            let mut i = r.start;
            while i < r.end {
                let Some((end, t)) = self
                    .hits_at(i)
                    .iter()
                    .filter(|h| h.end as usize <= r.end)
                    .find_map(|h| match h.payload {
                        Payload::Trigger(t) => Some((h.end as usize, t as usize)),
                        _ => None,
                    })
                else {
                    i += 1;
                    continue;
                };
                let m = self.m;
                let trig = &m.lexicon.event_triggers()[t];
                // A retaliation cue ("strike back", "hit back") is no attack.
                let in_cue = (i.saturating_sub(3)..end).any(|k| {
                    self.hits_at(k).iter().any(|h| {
                        (h.start as usize) <= i
                            && h.end as usize > i
                            && h.end as usize > end
                            && matches!(h.payload, Payload::Cue(c) if self.m.lexicon.stance_cues()[c as usize].kind == StanceKind::Retaliation)
                    })
                });
                // Talks, meetings and agreements inside a stance ("willing to
                // continue talks") are positions, not events.
                let in_negotiation = matches!(trig.kind, EventKind::Talks | EventKind::Meeting | EventKind::Agreement)
                    && (i.saturating_sub(4)..end).any(|k| {
                        self.hits_at(k).iter().any(|h| {
                            (h.start as usize) < i
                                && h.end as usize > i
                                && matches!(h.payload, Payload::Cue(c) if self.m.lexicon.stance_cues()[c as usize].kind == StanceKind::Negotiation)
                        })
                    });
                // "a missile strike drill", "air attack exercises": rehearsals.
                let rehearsal =
                    trig.kind == EventKind::Attack && self.in_class(end, WordClass::Drill);
                // "urged Seoul to cut ties", "threatened to invade": an act
                // wanted or threatened, not done.
                let infinitive =
                    trig.frame == TriggerFrame::Verb && i > r.start && self.is(i - 1, &["to"]);
                if in_cue || in_negotiation || rehearsal || infinitive {
                    i = end;
                    continue;
                }
                let mut ev = self.event_at(i..end, trig.kind, trig.frame, s, &r, dates);
                // A participle after a comma ("..., killing two generals")
                // has the subject of the clause it hangs on.
                if trig.frame == TriggerFrame::Verb
                    && i > r.start
                    && self.is_comma(i - 1)
                    && self.norm(i).ends_with("ing")
                {
                    let host = out
                        .iter()
                        .rev()
                        .find(|e| e.sentence == s && e.initiator.is_some());
                    ev.initiator = host.and_then(|e| e.initiator);
                    ev.explicit_initiator = host.is_some_and(|e| e.explicit_initiator);
                    if let (Some(a), Some(b)) = (ev.initiator, ev.target)
                        && (a == b
                            || self.reg.code(a).is_some() && self.reg.code(a) == self.reg.code(b))
                    {
                        ev.target = None;
                    }
                }
                // A bare reference to an attack ("the attacks") names no new event.
                if ev.kind == EventKind::Attack
                    && trig.frame == TriggerFrame::Noun
                    && ev.when.is_unknown()
                    && ev.initiator.is_none()
                    && ev.target.is_none()
                {
                    i = end;
                    continue;
                }
                // One event per kind and clause.
                let cs = self.clause_start(i, &r);
                match out.iter_mut().rev().take(4).find(|e| {
                    e.sentence == s && e.kind == ev.kind && self.clause_start(e.cue.start, &r) == cs
                }) {
                    Some(e) => {
                        e.span = e.span.start.min(ev.span.start)..e.span.end.max(ev.span.end);
                        if e.when.is_unknown() {
                            e.when = ev.when;
                        }
                        if e.initiator.is_none() {
                            e.initiator = ev.initiator;
                            e.explicit_initiator = ev.explicit_initiator;
                        }
                        if e.target.is_none() {
                            e.target = ev.target;
                        }
                        for p in ev.participants {
                            if !e.participants.contains(&p) {
                                e.participants.push(p);
                            }
                        }
                    }
                    None => out.push(ev),
                }
                i = end;
            }
        }
        out
    }

    fn event_at(
        &self,
        cue: Range<usize>,
        kind: EventKind,
        frame: TriggerFrame,
        s: SentenceIdx,
        r: &Range<usize>,
        dates: &[DateMention],
    ) -> FoundEvent {
        let cs = self.clause_start(cue.start, r);
        let ce = self.clause_end(cue.end, r);
        // The date: in the clause, after the trigger first, then before it;
        // a participle clause ("..., announcing sanctions") shares the date
        // of the clause it hangs on.
        let in_clause = super::dates::dates_in(dates, cs..ce);
        // A noun takes a date after it or right before it ("the January 3
        // strike", "Monday's strikes"); a verb any date in its clause.
        let noun = frame == TriggerFrame::Noun;
        let mut date = in_clause
            .iter()
            .find(|d| d.toks.start >= cue.end)
            .or_else(|| {
                in_clause
                    .iter()
                    .rev()
                    .find(|d| d.toks.end <= cue.start && (!noun || d.toks.end + 3 >= cue.start))
            })
            .cloned();
        if date.is_none() && cs > r.start && self.norm(cs).ends_with("ing") {
            let prev = self.clause_start(cs.saturating_sub(1).max(r.start), r);
            date = super::dates::dates_in(dates, prev..cs).last().cloned();
        }
        let mut span = cue.clone();
        if let Some(d) = &date {
            span = span.start.min(d.toks.start)..span.end.max(d.toks.end);
        }
        let mut initiator = None;
        let mut target = None;
        let mut participants = Vec::new();
        let before: Vec<&super::doc::Mention> =
            self.mentions_in(cs..cue.start).map(|(_, m)| m).collect();
        let after: Vec<&super::doc::Mention> =
            self.mentions_in(cue.end..ce).map(|(_, m)| m).collect();
        match frame {
            TriggerFrame::Noun => {
                (initiator, target) =
                    self.noun_event_actors(&cue, kind, cs..ce, r, &before, &after);
            }
            TriggerFrame::Verb => {
                // The subject: a mention close before the verb ("Russia pounded",
                // "Two Turkish F-16 jets downed", "a China Coast Guard vessel blasted").
                initiator = before
                    .iter()
                    .rev()
                    .find(|m| {
                        (!m.possessive || m.form == Form::Modifier)
                            && m.toks.end + 4 >= cue.start
                            && !self.is_place(m)
                    })
                    .and_then(|m| self.party(m));
                target = after.first().and_then(|m| self.party(m));
                // The passive: "two soldiers were killed (by ...)".
                let aux = (cue.start.saturating_sub(2).max(cs)..cue.start).any(|k| self.has(k, BE));
                if aux {
                    target = initiator;
                    initiator = after
                        .iter()
                        .find(|m| m.toks.start > 0 && self.is(m.toks.start - 1, &["by"]))
                        .and_then(|m| self.party(m));
                }
            }
            TriggerFrame::With | TriggerFrame::Joint => {
                participants = self.joint_participants(&cue, r, &before, &after);
            }
        }
        let explicit_initiator = initiator.is_some();
        // Modifiers joined to the initiator: "the U.S. and British strikes".
        let co_initiators = match initiator {
            Some(i) if frame == TriggerFrame::Noun => {
                co_initiators(i, &before, |k| self.has(k, AND | COMMA))
            }
            _ => Vec::new(),
        };
        if target == initiator {
            target = None;
        }
        // No date in its clause: the sentence's only date ("..., which
        // began on Monday", "..., with 90 missiles fired on Tuesday"); not
        // for a bare reference to an attack, which names no new event.
        let bare = kind == EventKind::Attack && noun && initiator.is_none() && target.is_none();
        if date.is_none()
            && !bare
            && let [only] = super::dates::dates_in(dates, r.clone())
        {
            date = Some(only.clone());
        }
        FoundEvent {
            kind,
            cue: cue.clone(),
            span,
            when: date.map_or(When::Unknown, |d| d.when),
            initiator,
            target,
            participants,
            sentence: s,
            explicit_initiator,
            co_initiators,
        }
    }

    /// The initiator and target of a noun trigger at `cue` in clause
    /// `clause` of sentence `r`, from the mentions `before` and `after` it
    /// in the clause.
    fn noun_event_actors(
        &self,
        cue: &Range<usize>,
        kind: EventKind,
        clause: Range<usize>,
        r: &Range<usize>,
        before: &[&Mention],
        after: &[&Mention],
    ) -> (Option<usize>, Option<usize>) {
        let (cs, ce) = (clause.start, clause.end);
        let mut target = None;
        // "Hamas's assault", "American drone strike", "Israeli warplanes".
        let mut initiator = before
            .iter()
            .rev()
            .find(|m| {
                m.toks.end + 3 >= cue.start && (m.possessive || m.form == Form::Modifier)
                    || m.toks.end + 1 >= cue.start && m.form == Form::Name
            })
            .and_then(|m| self.party(m));
        // "strikes on Russian airfields", "assault on Israel".
        let lead = (cue.end..(cue.end + 3).min(ce))
            .find(|&k| self.is(k, &["on", "against", "at", "into", "targeting", "in"]));
        if let Some(l) = lead {
            // In the same phrase: "the attack on Ganja and that
            // Ankara ..." does not reach Ankara.
            target = after
                .iter()
                .find(|m| {
                    m.toks.start > l
                        && m.toks.start <= l + 4
                        && !(l + 1..m.toks.start)
                            .any(|k| self.is(k, &["and", "or", "but", "that", "which", ",", ";"]))
                })
                .and_then(|m| self.party(m));
        }
        // "Russia launched a missile strike": the subject of a light verb.
        if initiator.is_none()
            && let Some(v) = (cue.start.saturating_sub(4).max(cs)..cue.start)
                .find(|&k| self.in_class(k, WordClass::Light))
        {
            initiator = before
                .iter()
                .rev()
                .find(|m| {
                    m.toks.end <= v && m.toks.end + 3 >= v && !m.possessive && !self.is_place(m)
                })
                .and_then(|m| self.party(m));
        }
        // "attacks by Russian forces", "the strike, widely attributed to
        // Israel", "blasts blamed on saboteurs".
        if initiator.is_none() {
            initiator = self
                .mentions_in(cue.end..r.end)
                .map(|(_, m)| m)
                .find(|m| {
                    let k = m.toks.start;
                    k >= 2
                        && (self.is(k - 1, &["by"]) && k <= cue.end + 3
                            || self.is(k - 1, &["to"]) && self.is(k - 2, &["attributed"])
                            || self.is(k - 1, &["on"]) && self.is(k - 2, &["blamed"]))
                })
                .and_then(|m| self.party(m));
            if initiator.is_some() && target == initiator {
                target = None;
            }
        }
        if kind == EventKind::Sanction {
            // "China responded by suspending imports": the subject imposes.
            if initiator.is_none() {
                initiator = before
                    .first()
                    .filter(|m| m.form != Form::Modifier)
                    .and_then(|m| self.party(m));
            }
        }
        (initiator, target)
    }

    /// The participants of a trigger with "with" or a joint subject.
    fn joint_participants(
        &self,
        cue: &Range<usize>,
        r: &Range<usize>,
        before: &[&Mention],
        after: &[&Mention],
    ) -> Vec<usize> {
        let mut participants = Vec::new();
        // The subject and those the trigger names with it.
        if let Some(m) = before
            .iter()
            .find(|m| matches!(m.form, Form::Name | Form::Pronoun | Form::Definite))
        {
            participants.extend(self.party(m));
        }
        let sentence_subject = self
            .mentions_in(r.start..cue.start)
            .find(|(_, m)| matches!(m.form, Form::Name | Form::Pronoun) && !m.possessive)
            .and_then(|(_, m)| self.party(m));
        if participants.is_empty() {
            participants.extend(sentence_subject);
        }
        for m in before.iter().chain(after.iter()) {
            if m.possessive {
                continue;
            }
            if let Some(a) = self.party(m)
                && !participants.contains(&a)
                && (m.form == Form::Name || m.form == Form::Pronoun)
            {
                participants.push(a);
            }
        }
        // "the two countries": the main parties are added later.
        participants
    }

    /// Whether a mention is a place named after a preposition of place ("a
    /// consulate in Damascus"): no subject.
    fn is_place(&self, m: &super::doc::Mention) -> bool {
        m.toks.start > 0
            && self.is(
                m.toks.start - 1,
                &[
                    "in", "at", "near", "outside", "inside", "across", "into", "from", "over",
                ],
            )
    }
}

/// Modifiers joined to the initiator `i` before a noun trigger, in the
/// mentions `before` it: "the U.S. and British strikes". `joined(k)`: token
/// `k` joins two of them ("and", a comma).
fn co_initiators(i: usize, before: &[&Mention], joined: impl Fn(usize) -> bool) -> Vec<usize> {
    let mut co_initiators = Vec::new();
    if let Some(pos) = before.iter().rposition(|m| m.actor == i) {
        let mut at = pos;
        while at > 0 {
            let (prev, this) = (before[at - 1], before[at]);
            if prev.toks.end >= this.toks.start || this.toks.start > prev.toks.end + 2 {
                break;
            }
            if !(prev.toks.end..this.toks.start).all(&joined) {
                break;
            }
            if prev.actor != i && !co_initiators.contains(&prev.actor) {
                co_initiators.push(prev.actor);
            }
            at -= 1;
        }
    }
    co_initiators
}
