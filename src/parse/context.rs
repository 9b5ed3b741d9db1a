//! Discourse context: who is at odds with whom in the document, who carried
//! out the attacks it reports, and so the targets the text leaves implicit
//! ("Russia will strike back" at the attacker; "talks" with the other side).

use rustc_hash::FxHashMap as HashMap;

use super::doc::Doc;
use super::events::FoundEvent;
use super::segment::SentenceIdx;
use super::stances::{Ctx, Found};
use crate::model::{EventKind, StanceKind};

/// How many events back (or ahead) a search for an act's author looks.
const WINDOW: usize = 64;

/// A stance waiting for its context, with where it is.
pub(crate) struct Pending<'f> {
    pub found: &'f mut Found,
    pub holder: usize,
    pub sentence: SentenceIdx,
    pub headline: bool,
    /// The statement it belongs to (32 bytes a stance, not 40).
    pub statement: u32,
}

/// Pair weights between sides (by code).
#[derive(Default)]
pub(crate) struct Relations {
    weight: HashMap<(String, String), f32>,
    /// Explicit support targets by holder side, in order.
    support: HashMap<String, Vec<usize>>,
    /// The position of each side's first mention.
    first_seen: HashMap<String, usize>,
}

impl Relations {
    fn add(&mut self, a: &str, b: &str, w: f32) {
        if a == b {
            return;
        }
        let key = if a < b {
            (a.to_owned(), b.to_owned())
        } else {
            (b.to_owned(), a.to_owned())
        };
        *self.weight.entry(key).or_default() += w;
    }

    /// The side most at odds with `a`.
    fn opponent(&self, a: &str) -> Option<&str> {
        self.weight
            .iter()
            .filter_map(|((x, y), w)| {
                if x == a {
                    Some((y.as_str(), *w))
                } else if y == a {
                    Some((x.as_str(), *w))
                } else {
                    None
                }
            })
            .max_by(|p, q| {
                p.1.total_cmp(&q.1)
                    .then_with(|| self.rank(q.0).cmp(&self.rank(p.0)))
            })
            .map(|(s, _)| s)
    }

    /// The order a side is first named in the document: earlier sides win ties.
    fn rank<'c>(&self, code: &'c str) -> (usize, &'c str) {
        (
            self.first_seen.get(code).copied().unwrap_or(usize::MAX),
            code,
        )
    }

    /// The two sides most at odds in the document.
    fn main_pair(&self) -> Option<(&str, &str)> {
        self.weight
            .iter()
            .max_by(|p, q| p.1.total_cmp(q.1).then_with(|| q.0.cmp(p.0)))
            .map(|((a, b), _)| (a.as_str(), b.as_str()))
    }
}

/// The context pass: fills the targets the text leaves implicit from how
/// the sides relate, and the authors of attacks; it may add the actor of a
/// side it names.
pub(crate) struct ContextPass<'d, 'a> {
    doc: &'d mut Doc<'a>,
}

impl<'a> std::ops::Deref for ContextPass<'_, 'a> {
    type Target = Doc<'a>;
    fn deref(&self) -> &Doc<'a> {
        self.doc
    }
}

impl<'a> std::ops::DerefMut for ContextPass<'_, 'a> {
    fn deref_mut(&mut self) -> &mut Doc<'a> {
        self.doc
    }
}

impl<'d, 'a> ContextPass<'d, 'a> {
    pub fn new(doc: &'d mut Doc<'a>) -> ContextPass<'d, 'a> {
        ContextPass { doc }
    }
}

impl ContextPass<'_, '_> {
    fn side_actor(&mut self, code: &str) -> Option<usize> {
        let c = crate::model::CountryCode::new(code).ok()?;
        let m = self.m;
        Some(self.reg.side(m, &c))
    }

    /// Builds the relations from explicit evidence, infers the initiators of
    /// attacks the text does not name, and resolves implicit targets.
    pub fn resolve(&mut self, events: &mut [FoundEvent], pending: &mut [Pending<'_>]) {
        let rel = self.relations(events, pending);
        self.fill_attackers(events, &rel);
        let main = self.main_pair(&rel);
        // Headline stances look ahead to the section they head: the first
        // target of each body stance, with its sentence, holder (whose side
        // code is compared when a headline looks) and kind, sized once.
        let in_section = |p: &&Pending<'_>| {
            !p.headline && !p.found.targets.is_empty() && self.reg.code(p.holder).is_some()
        };
        let mut section_targets: Vec<(SentenceIdx, u32, StanceKind, u32)> =
            Vec::with_capacity(pending.iter().filter(in_section).count());
        section_targets.extend(pending.iter().filter(in_section).filter_map(|p| {
            p.found
                .targets
                .first()
                .map(|&t| (p.sentence, p.holder as u32, p.found.kind, t as u32))
        }));
        let headlines: Vec<SentenceIdx> = self
            .seg
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.headline)
            .map(|(i, _)| SentenceIdx(i))
            .collect();
        // A statement that names a target for a kind needs no guess for
        // another cue of that kind.
        let named: rustc_hash::FxHashSet<(u32, StanceKind)> = pending
            .iter()
            .filter(|p| !p.found.targets.is_empty())
            .map(|p| (p.statement, p.found.kind))
            .collect();
        // The first attacks the document attributes, for condemned acts.
        let first_explicit: Vec<usize> = events
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.kind == EventKind::Attack && e.explicit_initiator && e.initiator.is_some()
            })
            .map(|(i, _)| i)
            .take(8)
            .collect();
        for p in pending.iter_mut() {
            if p.found.parties.is_some() {
                continue;
            }
            // "Both sides agreed to ...": the two main parties, each toward the other.
            if p.found.mutual
                && let Some((a, b)) = &main
                && let (Some(x), Some(y)) =
                    (self.side_actor(&a.clone()), self.side_actor(&b.clone()))
            {
                p.found.parties = Some((x as u32, y as u32));
                continue;
            }
            if !p.found.targets.is_empty() || named.contains(&(p.statement, p.found.kind)) {
                continue;
            }
            let Some(h) = self.reg.code(p.holder).map(str::to_owned) else {
                continue;
            };
            if p.found.ctx == Ctx::Nobody {
                continue;
            }
            if p.found.ctx == Ctx::Body {
                // (The body may be named inside the cue: "blocked a
                // Security Council resolution".)
                if let Some(b) = self.body_before(p.found.cue.end) {
                    p.found.targets.push(b);
                }
                continue;
            }
            if p.found.ctx == Ctx::Both {
                if let Some((a, b)) = &main {
                    let (a, b) = (a.clone(), b.clone());
                    for side in [a, b] {
                        if side != h
                            && let Some(x) = self.side_actor(&side)
                        {
                            p.found.targets.push(x);
                        }
                    }
                }
                continue;
            }
            if p.headline {
                let next_head = headlines
                    .get(headlines.partition_point(|&x| x <= p.sentence))
                    .copied()
                    .unwrap_or(SentenceIdx(usize::MAX));
                let from = section_targets.partition_point(|(s, ..)| *s <= p.sentence);
                if let Some(&(_, _, _, t)) = section_targets[from..]
                    .iter()
                    .take_while(|(s, ..)| *s < next_head)
                    .find(|&&(_, hh, k, _)| {
                        k == p.found.kind && self.reg.code(hh as usize) == Some(h.as_str())
                    })
                {
                    p.found.targets.push(t as usize);
                    continue;
                }
            }
            if let Some(c) = p.found.condition {
                p.found.targets.push(c as usize);
                continue;
            }
            let target = self.context_target(p, &h, &rel, events, &first_explicit);
            if let Some(t) = target
                && t != h
                && let Some(x) = self.side_actor(&t)
            {
                p.found.targets.push(x);
                continue;
            }
            // Last, a state of another side named in the same sentence.
            if p.found.kind != StanceKind::Support
                && let Some(x) = self.other_state_in(p.sentence, p.holder)
            {
                p.found.targets.push(x);
            }
        }
    }

    /// How the sides relate, from the attacks and the stances with targets.
    fn relations(&self, events: &[FoundEvent], pending: &[Pending<'_>]) -> Relations {
        let mut rel = Relations::default();
        for (i, m) in self.mentions.iter().enumerate() {
            if let Some(c) = self.reg.code(m.actor)
                && !rel.first_seen.contains_key(c)
            {
                rel.first_seen.insert(c.to_owned(), i);
            }
        }
        for e in events.iter() {
            if e.kind == EventKind::Attack
                && let (Some(i), Some(t)) = (e.initiator, e.target)
                && let (Some(a), Some(b)) = (self.reg.code(i), self.reg.code(t))
            {
                rel.add(a, b, 3.0);
            }
        }
        for p in pending.iter() {
            let Some(h) = self.reg.code(p.holder).map(str::to_owned) else {
                continue;
            };
            if !self.is_party(p.holder) {
                continue;
            }
            for &t in &p.found.targets {
                if !self.is_party(t) {
                    continue;
                }
                let Some(tc) = self.reg.code(t).map(str::to_owned) else {
                    continue;
                };
                let w = match p.found.kind {
                    StanceKind::Retaliation | StanceKind::Condemnation | StanceKind::Denial => 2.0,
                    StanceKind::Support => 0.0,
                    _ => 1.0,
                };
                rel.add(&h, &tc, w);
                if p.found.kind == StanceKind::Support {
                    rel.support.entry(h.clone()).or_default().push(t);
                }
            }
        }
        rel
    }

    /// Attacks with no author named get one from the relations and from
    /// other attacks on the same date.
    fn fill_attackers(&mut self, events: &mut [FoundEvent], rel: &Relations) {
        // Attacks on a side by no one named: the side's adversary.
        for e in events.iter_mut() {
            if e.kind == EventKind::Attack
                && e.initiator.is_none()
                && let Some(t) = e.target
                && let Some(tc) = self.reg.code(t).map(str::to_owned)
                && let Some(op) = rel.opponent(&tc).map(str::to_owned)
            {
                e.initiator = self.side_actor(&op);
            }
        }
        // An attack with no target named, same date as one that has both
        // sides: the same attack ("Monday's strikes" after "Russia pounded
        // ... on Monday").
        let mut known: HashMap<crate::model::When, (Option<usize>, Option<usize>)> =
            HashMap::default();
        for e in events.iter() {
            if e.kind == EventKind::Attack && !e.when.is_unknown() && e.initiator.is_some() {
                known.entry(e.when).or_insert((e.initiator, e.target));
            }
        }
        for e in events.iter_mut() {
            if e.kind != EventKind::Attack || e.when.is_unknown() {
                continue;
            }
            if let Some((i, t)) = known.get(&e.when) {
                if e.initiator.is_none() {
                    e.initiator = *i;
                }
                if e.target.is_none() {
                    e.target = *t;
                }
            }
        }
    }

    /// The two main parties of the document's conflict, by code.
    /// With no conflict in evidence, "both sides" are the first two
    /// states the text names ("Ethiopia and Eritrea exchanged fire").
    fn main_pair(&self, rel: &Relations) -> Option<(String, String)> {
        rel.main_pair()
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .or_else(|| {
                let mut states: Vec<(&String, &usize)> = rel
                    .first_seen
                    .iter()
                    .filter(|(c, _)| {
                        self.reg.get_lowercase(c).is_some_and(|s| {
                            self.reg.entries[s].actor.kind == crate::model::ActorKind::State
                        })
                    })
                    .collect();
                states.sort_by_key(|&(c, &i)| (i, c));
                match states.as_slice() {
                    [(a, _), (b, _), ..] => Some(((*a).clone(), (*b).clone())),
                    _ => None,
                }
            })
    }

    /// The side, by code, a stance with no target of its own is aimed at,
    /// by its kind and the acts around it.
    fn context_target(
        &self,
        p: &Pending<'_>,
        h: &str,
        rel: &Relations,
        events: &[FoundEvent],
        first_explicit: &[usize],
    ) -> Option<String> {
        match p.found.kind {
            // Rejecting or condemning sanctions: aimed at who imposed them.
            StanceKind::Condemnation | StanceKind::Denial
                if self.sentence_has(p.sentence, EventKind::Sanction)
                    && !self.sentence_has_attack(p.sentence)
                    && let Some(t) =
                        self.latest_author(EventKind::Sanction, h, p.sentence, events) =>
            {
                Some(t)
            }
            StanceKind::Retaliation => self
                .attacker_of(h, p.sentence, events)
                .or_else(|| rel.opponent(h).map(str::to_owned)),
            // Condemning an act in view ("the barrage", a terrorist act):
            // its author; else the holder's adversary, else the last attacker.
            StanceKind::Condemnation
                if p.found.ctx == Ctx::Act || self.sentence_has_attack(p.sentence) =>
            {
                self.act_author(h, p.sentence, events, first_explicit)
                    .or_else(|| rel.opponent(h).map(str::to_owned))
            }
            StanceKind::Condemnation => rel
                .opponent(h)
                .map(str::to_owned)
                .or_else(|| self.recent_attacker(h, p.sentence, events)),
            StanceKind::Support => rel
                .support
                .get(h)
                .and_then(|v| v.first())
                .and_then(|&t| self.reg.code(t).map(str::to_owned)),
            StanceKind::Negotiation
                if p.found.ctx == Ctx::Default && p.found.cameo.code(&self.m.lexicon) == "0311" =>
            {
                None
            }
            _ => rel.opponent(h).map(str::to_owned),
        }
    }

    /// The international organisation (or one of its bodies) last named
    /// before token `at`: what a veto or a vote against is aimed at.
    fn body_before(&self, at: usize) -> Option<usize> {
        self.mentions
            .iter()
            .rev()
            .filter(|m| m.toks.end <= at)
            .map(|m| m.actor)
            .find(|&a| {
                self.reg.code(a).is_some_and(|c| {
                    self.reg.get_lowercase(c).is_some_and(|s| {
                        self.reg.entries[s].actor.kind
                            == crate::model::ActorKind::InternationalOrganization
                    })
                })
            })
    }

    /// The initiator of the latest attack on side `h` up to sentence `s`
    /// (or the first after it).
    fn attacker_of(&self, h: &str, s: SentenceIdx, events: &[FoundEvent]) -> Option<String> {
        let on_h = |e: &&FoundEvent| {
            e.kind == EventKind::Attack
                && e.target.and_then(|t| self.reg.code(t)) == Some(h)
                && e.initiator
                    .and_then(|i| self.reg.code(i))
                    .is_some_and(|c| c != h)
        };
        let (before, after) = events.split_at(events.partition_point(|e| e.sentence <= s));
        before
            .iter()
            .rev()
            .take(WINDOW)
            .find(on_h)
            .or_else(|| after.iter().take(WINDOW).find(on_h))
            .and_then(|e| e.initiator)
            .and_then(|i| self.reg.code(i).map(str::to_owned))
    }

    /// The author of the act a condemnation at sentence `s` is about: an
    /// attack in the same sentence; an earlier attack named by the same
    /// head noun ("the strike"); the first attack the document attributes;
    /// the latest one.
    fn act_author(
        &self,
        h: &str,
        s: SentenceIdx,
        events: &[FoundEvent],
        first_explicit: &[usize],
    ) -> Option<String> {
        let other = |e: &FoundEvent| {
            e.kind == EventKind::Attack
                && e.initiator
                    .and_then(|i| self.reg.code(i))
                    .is_some_and(|c| c != h)
        };
        let code = |e: &FoundEvent| {
            e.initiator
                .and_then(|i| self.reg.code(i))
                .map(str::to_owned)
        };
        let (lo, hi) = (
            events.partition_point(|e| e.sentence < s),
            events.partition_point(|e| e.sentence <= s),
        );
        if let Some(e) = events[lo..hi].iter().find(|e| other(e)) {
            return code(e);
        }
        // "the strike", "the barrage": an earlier attack with the same head.
        let head = |e: &FoundEvent| self.norm(e.cue.end - 1).trim_end_matches('s').to_owned();
        if let Some(sent) = self.seg.sentence(s) {
            for k in sent.toks.clone() {
                let definite =
                    k > 0 && self.is(k - 1, &["the", "this", "that", "these", "those", "such"]);
                let attack = self.hits_at(k).iter().any(|x| {
                    matches!(x.payload, super::matcher::Payload::Trigger(t)
                        if self.m.lexicon.event_triggers()[t as usize].kind == EventKind::Attack)
                });
                if definite && attack {
                    let w = self.norm(k).trim_end_matches('s').to_owned();
                    if let Some(e) = events[..lo]
                        .iter()
                        .rev()
                        .take(WINDOW)
                        .find(|e| other(e) && head(e) == w)
                    {
                        return code(e);
                    }
                }
            }
        }
        first_explicit
            .iter()
            .map(|&i| &events[i])
            .find(|e| other(e))
            .and_then(code)
            .or_else(|| self.recent_attacker(h, s, events))
    }

    /// The initiator of the latest attack up to sentence `s` carried out by
    /// another side than `h`.
    fn recent_attacker(&self, h: &str, s: SentenceIdx, events: &[FoundEvent]) -> Option<String> {
        let by_other = |e: &&FoundEvent| {
            e.kind == EventKind::Attack
                && e.initiator
                    .and_then(|i| self.reg.code(i))
                    .is_some_and(|c| c != h)
        };
        let (before, after) = events.split_at(events.partition_point(|e| e.sentence <= s));
        before
            .iter()
            .rev()
            .take(WINDOW)
            .find(by_other)
            .or_else(|| after.iter().take(WINDOW).find(by_other))
            .and_then(|e| e.initiator)
            .and_then(|i| self.reg.code(i).map(str::to_owned))
    }

    /// The first state of another side than `holder` named in sentence `s`.
    fn other_state_in(&self, s: SentenceIdx, holder: usize) -> Option<usize> {
        let sent = self.seg.sentence(s)?;
        self.mentions_in(sent.toks.clone())
            // A place where something happens ("meeting in Luxembourg",
            // "met him in Lima") is no party to it.
            .filter(|(_, m)| m.toks.start == 0 || !self.is(m.toks.start - 1, &["in", "near"]))
            .map(|(_, m)| m.actor)
            .find(|&a| {
                let e = &self.reg.entries[a];
                e.is_side && !self.reg.same_side(a, holder) && e.code.is_some()
            })
            .and_then(|a| self.reg.code(a))
            .and_then(|c| crate::model::CountryCode::new(c).ok())
            .map(|c| {
                // The side actor itself, whatever mention named it.
                self.reg.get_lowercase(c.as_str()).unwrap_or(holder)
            })
            .filter(|&a| a != holder)
    }

    /// Whether sentence `s` names an attack.
    fn sentence_has_attack(&self, s: SentenceIdx) -> bool {
        self.sentence_has(s, EventKind::Attack)
    }

    /// Whether sentence `s` names an event of this kind.
    fn sentence_has(&self, s: SentenceIdx, kind: EventKind) -> bool {
        let Some(sent) = self.seg.sentence(s) else {
            return false;
        };
        sent.toks.clone().any(|k| {
            self.hits_at(k).iter().any(|h| {
                matches!(h.payload, super::matcher::Payload::Trigger(t)
                    if self.m.lexicon.event_triggers()[t as usize].kind == kind)
            })
        })
    }

    /// The side that carried out the latest event of `kind` up to sentence
    /// `s`, other than `h`: who imposed the sanctions a holder rejects.
    fn latest_author(
        &self,
        kind: EventKind,
        h: &str,
        s: SentenceIdx,
        events: &[FoundEvent],
    ) -> Option<String> {
        let hi = events.partition_point(|e| e.sentence <= s);
        events[..hi]
            .iter()
            .rev()
            .filter(|e| e.kind == kind)
            .filter_map(|e| e.initiator.and_then(|i| self.reg.code(i)))
            .find(|c| *c != h)
            .map(str::to_owned)
    }

    /// Whether an actor belongs to a side that can be a party to a conflict:
    /// a state or an armed group, not a court, a UN body or a bloc.
    fn is_party(&self, a: usize) -> bool {
        let Some(code) = self.reg.code(a) else {
            return false;
        };
        let Some(side) = self.reg.get_lowercase(code) else {
            return false;
        };
        matches!(
            self.reg.entries[side].actor.kind,
            crate::model::ActorKind::State | crate::model::ActorKind::ArmedGroup
        )
    }
}
