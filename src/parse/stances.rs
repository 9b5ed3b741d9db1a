//! Stances: cues in what a speaker says, with negation, conditions, intent,
//! intensity, scope (what is appealed for or denied is not a stance of its
//! own) and explicit targets.

use std::ops::Range;

use super::doc::Doc;
use super::matcher::{Hit, Payload};
use super::token::Kind;
use super::words::{
    AGAINST, AND, AS, BE, BUT, CLITIC_S, COMMA, CONJUNCTION, DET, IF_UNLESS, ITS_THEIR, NEGATOR,
    NO_ONE, NOT_ASKED, NOT_NEVER, ON, OR, POSS, PRONOUN, SUBJECT_PRONOUN, TOWARD, VERB_GROUP,
    WHILE_WHEREAS, WILL_MUST, WITH,
};
use crate::lexicon::{ModifierClass, TargetSlot, WordClass};
use crate::model::{EventKind, Intensity, Modality, StanceKind};

/// How a stance with no explicit target is resolved from context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ctx {
    /// The side the holder is at odds with, or the attacker of the act at issue.
    Default,
    /// The author of an act the cue labels or condemns.
    Act,
    /// Both parties of the document's main conflict ("both sides", a mediator).
    Both,
    /// No one in particular ("all parties").
    Nobody,
    /// The international body last named: a veto, a vote against.
    Body,
}

/// Where a found stance's CAMEO code comes from, read with
/// [`Cameo::code`]: no string of its own for each of the tens of
/// thousands of stances a large document holds (8 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cameo {
    /// The code of row `c` of the stance cues table.
    Cue(u32),
    /// The default code of a kind ([`StanceKind::default_cameo`]).
    Kind(StanceKind),
    /// A report of an attack read as an accusation of aggression (112).
    Accusation,
}

impl Cameo {
    /// The code.
    pub fn code<'l>(&self, lexicon: &'l crate::lexicon::Lexicon) -> &'l str {
        match *self {
            Cameo::Cue(c) => lexicon
                .stance_cues()
                .get(c as usize)
                .map_or("", |x| x.cameo.as_str()),
            Cameo::Kind(kind) => kind.default_cameo(),
            Cameo::Accusation => "112",
        }
    }
}

/// A stance's explicit targets, by actor. Most stances have none or one,
/// kept in place: 16 bytes and no allocation, where a `Vec` took 24 bytes
/// and an allocation of 32 for a single target. Reads as a slice.
#[derive(Clone, Default)]
pub(crate) struct Targets(TargetsRepr);

#[derive(Clone)]
enum TargetsRepr {
    One([usize; 1]),
    /// None (an empty slice allocates nothing), or two and more.
    Many(Box<[usize]>),
}

impl Default for TargetsRepr {
    fn default() -> TargetsRepr {
        TargetsRepr::Many(Box::default())
    }
}

impl Targets {
    /// Adds target `a` after the others.
    pub fn push(&mut self, a: usize) {
        self.0 = match std::mem::take(&mut self.0) {
            TargetsRepr::Many(all) if all.is_empty() => TargetsRepr::One([a]),
            TargetsRepr::One([b]) => TargetsRepr::Many(Box::new([b, a])),
            TargetsRepr::Many(all) => {
                let mut all = all.into_vec();
                all.push(a);
                TargetsRepr::Many(all.into_boxed_slice())
            }
        };
    }

    /// Keeps only the targets `keep` says to.
    pub fn retain(&mut self, keep: impl FnMut(&usize) -> bool) {
        let mut all = self.to_vec();
        all.retain(keep);
        *self = Targets::from(all);
    }
}

impl From<Vec<usize>> for Targets {
    fn from(all: Vec<usize>) -> Targets {
        match all.as_slice() {
            &[a] => Targets(TargetsRepr::One([a])),
            _ => Targets(TargetsRepr::Many(all.into_boxed_slice())),
        }
    }
}

impl std::ops::Deref for Targets {
    type Target = [usize];
    fn deref(&self) -> &[usize] {
        match &self.0 {
            TargetsRepr::One(a) => a,
            TargetsRepr::Many(all) => all,
        }
    }
}

impl<'t> IntoIterator for &'t Targets {
    type Item = &'t usize;
    type IntoIter = std::slice::Iter<'t, usize>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::fmt::Debug for Targets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A stance found in a statement, before context resolution.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub kind: StanceKind,
    pub cue: Range<usize>,
    pub cameo: Cameo,
    /// Explicit targets (several for "urged Ankara and Moscow").
    pub targets: Targets,
    pub ctx: Ctx,
    /// An actor named in a condition ("if the United States intervened").
    pub condition: Option<u32>,
    pub modality: Modality,
    pub intensity: Intensity,
    pub label: bool,
    /// Said of "both sides" or "the two countries": the two main parties
    /// hold it, each toward the other.
    pub mutual: bool,
    /// The two parties, once the context has found them (actors).
    pub parties: Option<(u32, u32)>,
    /// The model's probability, when the statistical stage found it.
    pub score: Option<f32>,
}

/// The stance pass over one statement: the document, read only, and the
/// subjects joined to the statement's speaker, who hold its stances too
/// ("Japan and South Korea condemned ...").
pub(crate) struct StancePass<'d, 'a> {
    doc: &'d Doc<'a>,
    co: &'d [usize],
}

impl<'a> std::ops::Deref for StancePass<'_, 'a> {
    type Target = Doc<'a>;
    fn deref(&self) -> &Doc<'a> {
        self.doc
    }
}

impl<'d, 'a> StancePass<'d, 'a> {
    pub fn new(doc: &'d Doc<'a>, co: &'d [usize]) -> StancePass<'d, 'a> {
        StancePass { doc, co }
    }
}

impl StancePass<'_, '_> {
    /// Whether a modifier of this class starts at token `i` (`modifiers.tsv`).
    fn modifier_at(&self, i: usize, class: ModifierClass) -> bool {
        self.hits_at(i).iter().any(|h| {
            matches!(h.payload, Payload::Modifier(x)
                if self.m.lexicon.modifiers()[x as usize].class == class)
        })
    }

    /// Whether the subject right before a cue at `at` is "both sides", "the
    /// two countries" and the like ("Both sides agreed to cool down ...").
    fn mutual_subject(&self, at: usize, floor: usize) -> bool {
        let mut k = at;
        loop {
            if k > floor
                && self.is(
                    k - 1,
                    &[
                        "have", "had", "also", "jointly", "both", "all", "will", "would",
                    ],
                )
            {
                k -= 1;
            } else if k > floor + 1
                && self.is(k - 1, &["to"])
                && self.in_class(k - 2, WordClass::Commit)
            {
                // "the two countries have agreed to resume talks"
                k -= 2;
            } else {
                break;
            }
        }
        k >= floor + 2
            && self.in_class(k - 1, WordClass::Both)
            && (self.is(k - 2, &["both"])
                || self.is(k - 2, &["two"]) && k >= floor + 3 && self.is(k - 3, &["the"]))
    }

    /// The conditional antecedents ("if ..., " / "unless ...") in `r`.
    fn conditions(&self, r: &Range<usize>) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for i in r.clone() {
            // "What if we shut off the gas?" proposes; it is no antecedent.
            let what_if = i > r.start && self.is(i - 1, &["what"]);
            if self.has(i, IF_UNLESS) && self.t.toks[i].kind == Kind::Word && !what_if {
                let end = self.clause_end(i + 1, r);
                out.push(i..end);
            }
        }
        out
    }

    /// The actor a mention stands for, with first-person pronouns as the holder.
    fn mention_actor(&self, actor: usize, holder: usize) -> usize {
        let _ = holder;
        actor
    }

    /// Whether `a` is on the holder's side.
    fn own_side(&self, a: usize, holder: usize) -> bool {
        a == holder || self.reg.same_side(a, holder) || self.co.contains(&a)
    }

    /// Explicit targets after the cue: the first actor and its conjuncts.
    fn object_targets(
        &self,
        from: usize,
        r: &Range<usize>,
        holder: usize,
    ) -> (Vec<usize>, Option<Ctx>) {
        self.object_targets_but(from, r, holder, false)
    }

    /// As [`Self::object_targets`]; with `victims`, a first object that
    /// names the victim of an act ("condemned the attack on Ganja", "a
    /// violation of Ukrainian territory") leaves the target to the act's author.
    fn object_targets_but(
        &self,
        from: usize,
        r: &Range<usize>,
        holder: usize,
        victims: bool,
    ) -> (Vec<usize>, Option<Ctx>) {
        let end = (from + 12).min(r.end);
        // "both sides", "all parties", "each other".
        for k in from..end.min(from + 4) {
            if self.is(k, &["both"]) && self.in_class(k + 1, WordClass::Both)
                || self.is(k, &["each"]) && self.is(k + 1, &["other"])
            {
                return (Vec::new(), Some(Ctx::Both));
            }
            if self.is(k, &["all", "any"]) && self.in_class(k + 1, WordClass::SideNoun) {
                return (Vec::new(), Some(Ctx::Nobody));
            }
            if self.is(k, &["the"])
                && self.is(k + 1, &["two"])
                && self.in_class(k + 2, WordClass::Both)
            {
                return (Vec::new(), Some(Ctx::Both));
            }
        }
        let mut out = Vec::new();
        let mut last_end = None;
        for (_, m) in self.mentions_in(from..end) {
            if let Some(e) = last_end {
                // Only conjuncts continue the list: "Ankara and Moscow",
                // "for the president and for ECOWAS".
                let conj = (e..m.toks.start).any(|k| self.has(k, CONJUNCTION));
                if m.toks.start > e + 3
                    || !(e..m.toks.start).all(|k| {
                        self.has(k, CONJUNCTION)
                            || self.is(k, &["the"])
                            || conj && self.is(k, &["for", "to", "with", "on", "against"])
                    })
                {
                    break;
                }
            } else if (from..m.toks.start).any(|k| {
                self.t.toks[k].kind == Kind::Punct && matches!(self.norm(k), "." | ";" | ":")
            }) {
                break;
            }
            // Overlapping mentions are one name read twice, except a pronoun
            // that stands for a pair ("urged them").
            if last_end.is_some_and(|e| m.toks.start < e) && m.form != super::doc::Form::Pronoun {
                continue;
            }
            if victims && last_end.is_none() && self.is_victim(m) {
                return (Vec::new(), Some(Ctx::Act));
            }
            let a = self.mention_actor(m.actor, holder);
            // An outlet is where words appear, never what they are aimed at
            // ("rejected the accusations, per Reuters").
            if self.reg.is_outlet(a) {
                continue;
            }
            if self.own_side(a, holder) {
                // "its ally the Philippines": skip the holder's own.
                if last_end.is_none() {
                    last_end = None;
                    continue;
                }
                break;
            }
            if !out.contains(&a) {
                out.push(a);
            }
            last_end = Some(m.toks.end);
            if out.len() >= 4 {
                break;
            }
        }
        (out, None)
    }

    /// Whether a mention names the victim of an act: the place or people
    /// it struck ("sovereign Ukrainian territory", "Israeli civilians"), or
    /// the object of an attack ("the attack on Ganja", "strikes against Syria").
    fn is_victim(&self, m: &super::doc::Mention) -> bool {
        let mut n = m.toks.end;
        if self.has(n, CLITIC_S) {
            n += 1;
        }
        if self.modifier_at(n, ModifierClass::Victim) {
            return true;
        }
        let mut s = m.toks.start;
        if s > 0 && self.is(s - 1, &["the"]) {
            s -= 1;
        }
        s >= 2
            && self.is(s - 1, &["on", "against", "at", "into", "of"])
            && (s.saturating_sub(4)..s - 1).any(|k| {
                self.hits_at(k).iter().any(|h| {
                    h.end as usize == s - 1
                        && matches!(h.payload, Payload::Trigger(t)
                            if self.m.lexicon.event_triggers()[t as usize].kind == EventKind::Attack)
                })
            })
    }

    /// The explicit target before a cue: its subject or possessor.
    fn subject_target(
        &self,
        cue: usize,
        clause_start: usize,
        holder: usize,
        near_only: bool,
    ) -> Option<usize> {
        let lo = if near_only {
            cue.saturating_sub(7).max(clause_start)
        } else {
            clause_start
        };
        let in_clause = self
            .mentions_in(lo..cue)
            .filter(|(_, m)| m.toks.end <= cue)
            .last()
            .map(|(_, m)| m.clone());
        // "Turkey, like every country, has a right to ...": the subject may
        // stand before a parenthetical.
        let m = match in_clause {
            Some(m) => m,
            None if !near_only => self
                .mentions_in(clause_start.saturating_sub(12)..clause_start)
                .filter(|(_, m)| !m.possessive && m.form != super::doc::Form::Modifier)
                .last()
                .map(|(_, m)| m.clone())?,
            None => return None,
        };
        // Right before the cue, or a possessor before adjectives: "Russia's
        // unlawful and unjustifiable invasion".
        let adjectives = m.possessive
            && (m.toks.end..cue).all(|k| {
                let t = &self.t.toks[k];
                t.kind == super::token::Kind::Clitic
                    || self.is_comma(k)
                    || t.kind == super::token::Kind::Word && !t.is(super::token::CAP)
            });
        if near_only && m.toks.end + 3 < cue && !adjectives {
            return None;
        }
        let a = self.mention_actor(m.actor, holder);
        (!self.own_side(a, holder)).then_some(a)
    }

    /// The subject before a cue with its conjuncts: "the United States and
    /// Britain would have to pay" is said of both.
    fn subject_targets(
        &self,
        cue: usize,
        clause_start: usize,
        holder: usize,
        near_only: bool,
    ) -> Vec<usize> {
        let Some(first) = self.subject_target(cue, clause_start, holder, near_only) else {
            return Vec::new();
        };
        let mut out = vec![first];
        // Walk back over "X and", "X,".
        let lo = clause_start.saturating_sub(12);
        let ms: Vec<&super::doc::Mention> = self.mentions_in(lo..cue).map(|(_, m)| m).collect();
        let Some(mut at) = ms.iter().rposition(|m| m.actor == first) else {
            return out;
        };
        while at > 0 {
            let (prev, this) = (ms[at - 1], ms[at]);
            if prev.toks.end > this.toks.start || this.toks.start > prev.toks.end + 2 {
                break;
            }
            if !(prev.toks.end..this.toks.start).all(|k| self.has(k, AND | COMMA))
                || prev.toks.end == this.toks.start
            {
                break;
            }
            let a = self.mention_actor(prev.actor, holder);
            if !self.own_side(a, holder) && !out.contains(&a) {
                out.push(a);
            }
            at -= 1;
        }
        out
    }

    /// Sides named as modifiers of the act after "for"/"of" ("no
    /// justification for the American and British attack").
    fn act_modifiers(&self, from: usize, r: &Range<usize>, holder: usize) -> Vec<usize> {
        if !self.is(from, &["for", "of", "over"]) {
            return Vec::new();
        }
        let end = (from + 8).min(self.clause_end(from + 1, r));
        self.mentions_in(from + 1..end)
            .filter(|(_, m)| m.form == super::doc::Form::Modifier || m.possessive)
            .map(|(_, m)| m.actor)
            .filter(|&a| !self.own_side(a, holder))
            .fold(Vec::new(), |mut v, a| {
                if !v.contains(&a) {
                    v.push(a);
                }
                v
            })
    }

    /// Finds the stances in a statement's content.
    pub fn find_stances(
        &self,
        regions: &[Range<usize>],
        sentence: Range<usize>,
        holder: usize,
        nocomment: &[Range<usize>],
    ) -> Vec<Found> {
        let conds = self.conditions(&sentence);
        let chosen = self.choose_cues(self.candidate_cues(regions, &sentence, holder, nocomment));
        let scopes = self.cue_scopes(&chosen, &sentence);
        let mut out: Vec<Found> = Vec::new();
        for (r, c) in chosen {
            out.extend(self.stance_of_cue(r, c, &sentence, holder, &conds, &scopes));
        }
        // A deontic "must"/"should" is an appeal only when said of another
        // actor, and not when a threat follows in its clause ("Manila should
        // be prepared to bear all potential consequences").
        let threats: Vec<Range<usize>> = out
            .iter()
            .filter(|f| f.kind == StanceKind::Retaliation)
            .map(|f| f.cue.clone())
            .collect();
        out.retain(|f| {
            if f.kind != StanceKind::Appeal || !matches!(self.norm(f.cue.start), "must" | "should")
            {
                return true;
            }
            let end = self.clause_end(f.cue.end, &sentence);
            !f.targets.is_empty()
                && !threats
                    .iter()
                    .any(|t| t.start >= f.cue.end && t.start < end)
        });
        out
    }

    /// Candidate cues in `regions`, with the index of their stance cue.
    fn candidate_cues(
        &self,
        regions: &[Range<usize>],
        sentence: &Range<usize>,
        holder: usize,
        nocomment: &[Range<usize>],
    ) -> Vec<(Range<usize>, u32)> {
        let mut cands: Vec<(Range<usize>, u32)> = Vec::new();
        for r in regions {
            for i in r.clone() {
                for h in self.hits_at(i) {
                    cands.extend(self.candidate_cue(h, r, sentence, holder, nocomment));
                }
            }
        }
        cands
    }

    /// Hit `h` in region `r` as a candidate cue, unless it is not the
    /// speaker's (another side's act, a passive, a noun).
    fn candidate_cue(
        &self,
        h: &Hit,
        r: &Range<usize>,
        sentence: &Range<usize>,
        holder: usize,
        nocomment: &[Range<usize>],
    ) -> Option<(Range<usize>, u32)> {
        let Payload::Cue(c) = h.payload else {
            return None;
        };
        let (s, mut e) = (h.start as usize, h.end as usize);
        if e > r.end {
            return None;
        }
        let cue = &self.m.lexicon.stance_cues()[c as usize];
        if cue.phrase.has_gap() {
            e = self.gap_cue_end(s, e, c, sentence)?;
        }
        if !cue.only_after.is_empty()
            && self
                .prev_word(s)
                .is_none_or(|p| !cue.only_after.iter().any(|w| w == self.norm(p)))
        {
            return None;
        }
        if !cue.unless_next.is_empty()
            && e < self.t.len()
            && self
                .next_word(e)
                .is_some_and(|n| cue.unless_next.iter().any(|w| w == self.norm(n)))
        {
            return None;
        }
        if nocomment.iter().any(|n| n.start < e && s < n.end) {
            return None;
        }
        // "Iran-backed groups", "Saudi-led coalition": a cue joined by a
        // hyphen to the word before it modifies a noun.
        if s >= 2
            && self.norm(s - 1) == "-"
            && !self.t.toks[s - 1].is(super::token::SPACE_BEFORE)
            && !self.t.toks[s].is(super::token::SPACE_BEFORE)
        {
            return None;
        }
        // A passive ("was supported by official Belgrade") is the
        // agent's act, not the speaker's.
        if cue.speech && self.is(e, &["by"]) && self.prev_word(s).is_some_and(|p| self.has(p, BE)) {
            return None;
        }
        // "the pact has been negotiated in secret": talks in the passive
        // tell what happened, not what the speaker is willing to do (a
        // participle of one word: "were committed to the truce" is a stance).
        if cue.kind == StanceKind::Negotiation
            && e == s + 1
            && self.norm(s).ends_with("ed")
            && self.prev_word(s).is_some_and(|p| self.has(p, BE))
        {
            return None;
        }
        if self.is_anothers_act(s, c, sentence, holder) {
            return None;
        }
        // A verb cue used as a noun: "a phone call on Saturday".
        if cue.speech
            && self.prev_word(s).is_some_and(|p| {
                self.has(p, DET | POSS)
                    || self.in_class(p, WordClass::CallMode)
                    || self.is(p, &["'s"])
            })
        {
            return None;
        }
        Some((s..e, c))
    }

    /// Where a cue with a gap ends (`s..e` is the part before the gap), if
    /// the part after it follows within six words in the clause.
    fn gap_cue_end(&self, s: usize, e: usize, c: u32, sentence: &Range<usize>) -> Option<usize> {
        // The gap opens with its object ("held Israel solely
        // responsible", "pressing Beijing to"), not a noun of
        // the cue's own ("pressure groups ... to").
        let verbal = self.has(s, NOT_NEVER)
            || self
                .prev_word(s)
                .is_some_and(|p| self.has(p, VERB_GROUP | NEGATOR));
        let opens = verbal
            || self.t.toks.get(e).is_some_and(|t| t.kind == Kind::Number)
            || self.mentions_in(e..e + 4).any(|(_, m)| m.toks.start == e)
            || self.is(
                e,
                &[
                    "the", "a", "an", "its", "their", "his", "her", "him", "them", "it", "us",
                    "our",
                ],
            );
        if !opens {
            return None;
        }
        // The part after the gap, within six words in the clause.
        let limit = self.clause_end(e, sentence).min(e + 7);
        (e..limit).find_map(|k| self.cue_tail_end(k, c))
    }

    /// Whether the cue starting at `s` reports another side's act rather
    /// than the holder's stance.
    fn is_anothers_act(&self, s: usize, c: u32, sentence: &Range<usize>, holder: usize) -> bool {
        let cue = &self.m.lexicon.stance_cues()[c as usize];
        // An act the speaker reports of another side ("Washington
        // had insisted on using force") is not the speaker's stance.
        let passive = self.prev_word(s).is_some_and(|p| self.has(p, BE));
        // So is an act in the past tense that is another side's
        // own stance ("India said Canada had expelled a diplomat").
        let act = !cue.speech
            && self.norm(s).ends_with("ed")
            && cue.target != TargetSlot::Subj
            && matches!(
                cue.kind,
                StanceKind::Retaliation | StanceKind::Support | StanceKind::Negotiation
            );
        if (cue.speech || act)
            && !passive
            && let Some((subj, at)) = self.subject_before(s, sentence.start, &[])
            && subj != holder
            && !self.co.contains(&subj)
            && self.reg.code(subj).is_some()
            && !self.reg.same_side(subj, holder)
            // A pronoun after "said" is mostly the speaker: only
            // a named subject makes an act another side's.
            && (cue.speech || !self.has(at.start, PRONOUN))
        {
            return true;
        }
        // "..., as world leaders urged both countries to ...": a
        // speech act with a subject of its own in a coordinated
        // clause is that subject's, whoever they are.
        if cue.speech && !passive {
            let mut k = s;
            while k > sentence.start + 1
                && s - k < 4
                && self.t.toks[k - 1].kind == Kind::Word
                && !self.has(k - 1, AS | WHILE_WHEREAS | AND | BUT)
            {
                k -= 1;
            }
            let own = self
                .mentions_in(k..s)
                .any(|(_, m)| m.actor == holder || self.co.contains(&m.actor));
            // A subject of its own, not the first one's verb
            // group ("..., but was still refusing").
            let noun = (k..s).any(|j| {
                !self.has(j, VERB_GROUP)
                    && !self.is(j, &["still", "also", "already", "now", "then", "later"])
                    && !self.norm(j).ends_with("ly")
            });
            if noun
                && !own
                && k >= sentence.start + 2
                && self.has(k - 1, AS | WHILE_WHEREAS | AND | BUT)
                && self.is_comma(k - 2)
                && !self.has(k, SUBJECT_PRONOUN)
            {
                return true;
            }
        }
        // "... to please the United States, which announced new
        // sanctions": a relative clause on another side is its act.
        {
            let mut k = s;
            while k > sentence.start && s - k < 3 && self.has(k - 1, VERB_GROUP) {
                k -= 1;
            }
            if self.after_relative_pronoun(k, sentence.start)
                && let Some((_, m)) = self
                    .mentions_in((k - 2).saturating_sub(8)..k - 2)
                    .filter(|(_, m)| m.toks.end == k - 2)
                    .last()
                && m.actor != holder
                && !self.co.contains(&m.actor)
                && self.reg.code(m.actor).is_some()
                && !self.reg.same_side(m.actor, holder)
            {
                return true;
            }
        }
        // "Qatar must end its support for Hamas": a position held
        // by another side, named as its possessor, is that side's.
        if !cue.speech
            && matches!(cue.kind, StanceKind::Support | StanceKind::Negotiation)
            && let Some(owner) = self.possessor_before(s)
            && owner != holder
            && !self.co.contains(&owner)
            && self.reg.code(owner).is_some()
            && !self.reg.same_side(owner, holder)
        {
            return true;
        }
        false
    }

    /// The longest non-overlapping candidates (labels may sit inside other
    /// cues), in order, without modals that belong to a threat.
    fn choose_cues(&self, mut cands: Vec<(Range<usize>, u32)>) -> Vec<(Range<usize>, u32)> {
        cands.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
        cands.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        // Longest non-overlapping; labels may sit inside other cues.
        let mut chosen: Vec<(Range<usize>, u32)> = Vec::new();
        for (r, c) in cands {
            let label = self.m.lexicon.stance_cues()[c as usize].label;
            let clash = chosen.iter().any(|(q, qc)| {
                let qlabel = self.m.lexicon.stance_cues()[*qc as usize].label;
                q.start < r.end && r.start < q.end && (label == qlabel)
            });
            let covered = chosen
                .iter()
                .any(|(q, _)| q.start <= r.start && r.end <= q.end && q != &r);
            if !clash && (!covered || label) {
                chosen.push((r, c));
            }
        }
        chosen.sort_by_key(|(r, _)| r.start);
        // "Lithuania must bear the consequences", "Israel should pay a heavy
        // price": a modal before a threat said of its subject is the threat's,
        // no appeal.
        let cues = self.m.lexicon.stance_cues();
        let threat_modal = |r: &Range<usize>, c: u32| {
            let cue = &cues[c as usize];
            cue.kind == StanceKind::Appeal
                && cue.weak
                && chosen.iter().any(|(r2, c2)| {
                    let t = &cues[*c2 as usize];
                    (r.end..=r.end + 1).contains(&r2.start)
                        && t.kind == StanceKind::Retaliation
                        && t.target == TargetSlot::Subj
                })
        };
        chosen
            .iter()
            .filter(|(r, c)| !threat_modal(r, *c))
            .cloned()
            .collect()
    }

    /// Scopes: what follows an appeal or denial verb in its clause, with
    /// its kind and whether the verb names whom it addresses ("urged Ankara to").
    fn cue_scopes(
        &self,
        chosen: &[(Range<usize>, u32)],
        sentence: &Range<usize>,
    ) -> Vec<(Range<usize>, StanceKind, bool)> {
        // Scopes: what follows an appeal or denial verb in its clause.
        // With whether the verb names whom it addresses ("urged Ankara to").
        let mut scopes: Vec<(Range<usize>, StanceKind, bool)> = Vec::new();
        for (r, c) in chosen {
            let cue = &self.m.lexicon.stance_cues()[*c as usize];
            if cue.scope {
                let mut end = self.clause_end(r.end, sentence);
                // "urged both sides to exercise restraint, cease hostilities
                // and resolve their differences": a list of what is asked
                // runs on past its commas.
                if cue.kind == StanceKind::Appeal {
                    while end + 1 < sentence.end
                        && self.is_comma(end)
                        && self.t.toks[end + 1].kind == Kind::Word
                        && !self.t.toks[end + 1].is(super::token::CAP)
                        && !self.norm(end + 1).ends_with("ing")
                        && !self.has(end + 1, NOT_ASKED)
                    {
                        end = self.clause_end(end + 1, sentence);
                    }
                }
                // "urged Ankara to", and "urged all sides to": addressed.
                let addressed = self
                    .mentions_in(r.end..(r.end + 3).min(end))
                    .any(|(_, m)| m.toks.start <= r.end + 1)
                    || (r.end..(r.end + 3).min(end)).any(|k| {
                        self.is(k, &["all", "both", "two", "each", "every"])
                            && (self.in_class(k + 1, WordClass::Both)
                                || self.is(k + 1, &["party", "side"]))
                    });
                scopes.push((r.end..end, cue.kind, addressed));
            }
        }
        scopes
    }

    /// The stance of chosen cue `c` at `r`, if it holds one.
    fn stance_of_cue(
        &self,
        r: Range<usize>,
        c: u32,
        sentence: &Range<usize>,
        holder: usize,
        conds: &[Range<usize>],
        scopes: &[(Range<usize>, StanceKind, bool)],
    ) -> Option<Found> {
        let sentence = sentence.clone();
        let cue = &self.m.lexicon.stance_cues()[c as usize];
        // A condition holds no stance of its own, except an offer: "If the
        // Russian side wants to talk, we are ready".
        let mut offer = false;
        if conds.iter().any(|k| k.contains(&r.start)) {
            let ready = sentence.clone().any(|k| {
                !conds.iter().any(|c| c.contains(&k)) && self.in_class(k, WordClass::Ready)
            });
            if cue.kind != StanceKind::Negotiation || !ready {
                return None;
            }
            offer = true;
        }
        let mut kind = cue.kind;
        // Inside an appeal only condemnation stands on its own; inside a
        // denial nothing does.
        if let Some((_, sk, addressed)) = scopes.iter().find(|(s, _, _)| s.contains(&r.start)) {
            let keep = match sk {
                // "called for an open and honest dialogue": a call for
                // talks addressed to no one, and not between others,
                // offers them.
                StanceKind::Appeal => {
                    let offer = kind == StanceKind::Negotiation
                        && !addressed
                        && self.in_class(r.end - 1, WordClass::Talks)
                        && !(r.end..(r.end + 4).min(sentence.end))
                            .any(|k| self.is(k, &["between", "among"]));
                    kind == StanceKind::Appeal
                        || (kind == StanceKind::Condemnation && !cue.weak)
                        || offer
                }
                StanceKind::Denial => matches!(kind, StanceKind::Denial) || cue.label,
                _ => true,
            };
            if !keep {
                return None;
            }
        }
        let cs = self.clause_start(r.start, &sentence);
        // "any aggression": hypothetical, no label.
        if cue.label
            && self
                .prev_word(r.start)
                .is_some_and(|p| self.is(p, &["any", "no"]))
        {
            return None;
        }
        // "all have the power to veto resolutions": a capacity, not a stance.
        if let Some(to) = self.prev_word(r.start)
            && self.is(to, &["to"])
            && self.prev_word(to).is_some_and(|p| {
                self.is(p, &["power", "powers", "authority", "ability", "capacity"])
            })
        {
            return None;
        }
        let negated = !cue.label && self.is_negated(&r, cs, cue.kind, cue.speech);
        let mut modality = Modality::Asserted;
        if negated {
            match cue.negated {
                Some(Some(k)) => kind = k,
                Some(None) => return None,
                None if kind == StanceKind::Negotiation => kind = StanceKind::Denial,
                None => return None,
            }
            if cue.negated.is_none() {
                modality = Modality::Negated;
            }
        }
        let intensity = self.modifiers_near(&r, cs, &sentence, &mut modality);
        let condition = conds.iter().find_map(|k| {
            self.mentions_in(k.clone())
                .map(|(_, m)| self.mention_actor(m.actor, holder))
                .find(|&a| !self.own_side(a, holder))
                .map(|a| a as u32)
        });
        if (offer || !conds.is_empty()) && modality != Modality::Negated {
            modality = Modality::Conditional;
        }
        let (mut targets, mut ctx) = self.explicit_targets(&r, c, kind, cs, &sentence, holder);
        if cue.explicit && targets.is_empty() {
            return None;
        }
        if condition.is_some() && targets.is_empty() && kind == StanceKind::Retaliation {
            ctx = Ctx::Default;
        }
        // ("The two leaders", once named, are holders joined to the
        // speaker, not the document's two main parties.)
        let mutual = self.mutual_subject(r.start, cs) && self.co.is_empty();
        // "Thailand and Cambodia blamed each other": each of the joined
        // subjects holds it toward the other.
        let reciprocal = (r.end..(r.end + 3).min(sentence.end))
            .any(|k| self.is(k, &["each", "one"]) && self.is(k + 1, &["other", "another"]));
        // "Serbia and Kosovo agreed to hold talks": talks and ties are
        // between the joined subjects, each toward the other.
        let between = matches!(kind, StanceKind::Negotiation | StanceKind::Support)
            && modality != Modality::Negated;
        let parties = match self.co {
            [other]
                if !self.reg.same_side(*other, holder)
                    && (reciprocal
                        || between
                            && targets
                                .iter()
                                .all(|&t| t == *other || self.reg.same_side(t, *other))) =>
            {
                targets.clear();
                Some((holder as u32, *other as u32))
            }
            _ => None,
        };
        Some(Found {
            kind,
            cue: r,
            cameo: Cameo::Cue(c),
            targets: targets.into(),
            ctx,
            condition,
            modality,
            intensity,
            label: cue.label,
            mutual,
            parties,
            score: None,
        })
    }

    /// Whether a negation governs the cue at `r` in the clause starting at `cs`.
    fn is_negated(&self, r: &Range<usize>, cs: usize, kind: StanceKind, speech: bool) -> bool {
        let mut negated = false;
        // A negator in the verb group right before the cue: "did not
        // rule out", "would not turn down", "do not intend to wage".
        let mut k = r.start;
        let mut steps = 0;
        while k > cs && steps < 6 {
            k -= 1;
            steps += 1;
            if self.has(k, NEGATOR) {
                negated = true;
                break;
            }
            if !self.has(k, VERB_GROUP) && self.t.toks[k].kind != Kind::CloseQuote {
                break;
            }
        }
        // "no Turkish prime minister ... will apologise".
        let mut subj = cs;
        if self.has(subj, AND | BUT | OR) {
            subj += 1;
        }
        if !negated && self.has(subj, NO_ONE) && r.start > subj + 1 {
            negated = true;
        }
        // Talks halted, suspended or walked out of are talks refused:
        // "Russia Halts Peace Treaty Talks", "withdrawing from talks".
        if !negated && kind == StanceKind::Negotiation && !speech {
            let mut k = r.start;
            while k > cs && r.start - k < 5 {
                k -= 1;
                if self.modifier_at(k, ModifierClass::Stop)
                    && !(k > 0 && self.has(k - 1, DET | ITS_THEIR))
                {
                    negated = true;
                    break;
                }
                if self.t.toks[k].kind != Kind::Word
                    || self.is(k, &["and", "or", "but", "with", "after", "before"])
                {
                    break;
                }
            }
        }
        negated
    }

    /// The intensity the modifiers near the cue at `r` give it, and the
    /// modality they give a stance still asserted.
    fn modifiers_near(
        &self,
        r: &Range<usize>,
        cs: usize,
        sentence: &Range<usize>,
        modality: &mut Modality,
    ) -> Intensity {
        let mut intensity = Intensity::Normal;
        let before = r.start.saturating_sub(3).max(cs);
        let after = (r.end + 3).min(self.clause_end(r.end, sentence));
        for k in before..after {
            // A name is no modifier ("May thanked ...").
            if self.mentions_in(k..k + 1).next().is_some() {
                continue;
            }
            for h in self.hits_at(k) {
                let Payload::Modifier(x) = h.payload else {
                    continue;
                };
                if (h.end as usize) > after {
                    continue;
                }
                match self.m.lexicon.modifiers()[x as usize].class {
                    ModifierClass::High => intensity = Intensity::High,
                    ModifierClass::Low => intensity = Intensity::Low,
                    ModifierClass::Hedge if k < r.start && *modality == Modality::Asserted => {
                        *modality = Modality::Hedged
                    }
                    ModifierClass::Intent if k < r.start && *modality == Modality::Asserted => {
                        *modality = Modality::Intended
                    }
                    _ => {}
                }
            }
        }
        intensity
    }

    /// The targets the cue at `r` names, and how a stance without them is
    /// resolved from context.
    fn explicit_targets(
        &self,
        r: &Range<usize>,
        c: u32,
        kind: StanceKind,
        cs: usize,
        sentence: &Range<usize>,
        holder: usize,
    ) -> (Vec<usize>, Ctx) {
        let sentence = sentence.clone();
        let cue = &self.m.lexicon.stance_cues()[c as usize];
        let mut ctx = if cue.label { Ctx::Act } else { Ctx::Default };
        let mut targets = Vec::new();
        match cue.target {
            TargetSlot::Obj => {
                let victims = kind == StanceKind::Condemnation;
                // A cue with a gap has its object in the gap: "expected
                // the governments of Cambodia and Thailand to".
                let from = if cue.phrase.has_gap() {
                    self.hits_at(r.start)
                        .iter()
                        .find(|h| h.payload == Payload::Cue(c))
                        .map_or(r.end, |h| h.end as usize)
                } else {
                    r.end
                };
                let (t, c2) = self.object_targets_but(from, &sentence, holder, victims);
                targets = t;
                if let Some(c2) = c2 {
                    ctx = c2;
                } else if targets.is_empty() && self.attack_near(r.end) {
                    ctx = Ctx::Act;
                }
            }
            TargetSlot::Subj => targets.extend(self.subject_targets(r.start, cs, holder, false)),
            TargetSlot::Near => {
                targets.extend(self.subject_target(r.start, cs, holder, true));
                if targets.is_empty() && self.is(r.end, &["by", "from"]) {
                    targets = self.object_targets(r.end + 1, &sentence, holder).0;
                }
                if targets.is_empty() {
                    targets = self.act_modifiers(r.end, &sentence, holder);
                }
            }
            TargetSlot::Body => ctx = Ctx::Body,
            TargetSlot::Ctx => {
                if cue.cameo == "0311" {
                    ctx = Ctx::Both;
                }
                // "hoped India and Pakistan would exercise restraint":
                // an appeal is aimed at the subject of its modal.
                let modal = self
                    .prev_word(r.start)
                    .is_some_and(|p| self.has(p, WILL_MUST));
                if kind == StanceKind::Appeal && modal {
                    targets.extend(self.subject_targets(r.start, cs, holder, false));
                }
            }
        }
        if kind != cue.kind && targets.is_empty() {
            // A negated cue keeps its object: "no meeting with Erdogan".
            targets = self.object_targets(r.end, &sentence, holder).0;
        }
        // "... with Ukraine", "... against Israel" right after any cue.
        let lead = match kind {
            StanceKind::Negotiation | StanceKind::Support => WITH | TOWARD,
            StanceKind::Condemnation | StanceKind::Retaliation => AGAINST | ON | TOWARD,
            _ => TOWARD,
        };
        if targets.is_empty() && ctx == Ctx::Default && self.has(r.end, lead) {
            targets = self.object_targets(r.end + 1, &sentence, holder).0;
        }
        (targets, ctx)
    }

    /// The targets of a stance whose cue has no slot of its own and ends
    /// before token `from` (the statistical stage's): the actors after it
    /// in its clause, else whom the context gives.
    pub(super) fn targets_after(
        &self,
        kind: StanceKind,
        from: usize,
        sentence: &Range<usize>,
        holder: usize,
    ) -> (Targets, Ctx) {
        let victims = kind == StanceKind::Condemnation;
        let (targets, ctx) = self.object_targets_but(from, sentence, holder, victims);
        (targets.into(), ctx.unwrap_or(Ctx::Default))
    }

    /// The word before token `i`, skipping quotation marks.
    fn prev_word(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&k| {
            !matches!(
                self.t.toks[k].kind,
                Kind::OpenQuote | Kind::CloseQuote | Kind::Quote
            )
        })
    }

    /// The word at or after token `i`, skipping quotation marks.
    fn next_word(&self, i: usize) -> Option<usize> {
        (i..self.t.len()).find(|&k| {
            !matches!(
                self.t.toks[k].kind,
                Kind::OpenQuote | Kind::CloseQuote | Kind::Quote
            )
        })
    }

    /// Whether an attack is named right after a cue ("condemned Wednesday's missile attacks").
    fn attack_near(&self, from: usize) -> bool {
        (from..(from + 5).min(self.t.len())).any(|k| {
            self.hits_at(k).iter().any(|h| match h.payload {
                Payload::Trigger(t) => {
                    self.m.lexicon.event_triggers()[t as usize].kind
                        == crate::model::EventKind::Attack
                }
                _ => false,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_found_stance_stays_small() {
        // Tens of thousands of them live until the context is resolved.
        assert!(std::mem::size_of::<Found>() <= 80);
        assert_eq!(std::mem::size_of::<Targets>(), 16);
    }

    #[test]
    fn targets_read_as_the_list_they_hold() {
        let mut t = Targets::default();
        assert!(t.is_empty());
        t.push(7);
        assert_eq!(&t[..], [7]);
        t.push(3);
        t.push(9);
        assert_eq!(&t[..], [7, 3, 9]);
        t.retain(|&a| a != 3);
        assert_eq!(&t[..], [7, 9]);
        t.retain(|&a| a == 9);
        assert_eq!(&t[..], [9]);
        assert_eq!(t.iter().copied().collect::<Vec<_>>(), [9]);
        t.retain(|_| false);
        assert!(t.is_empty());
        assert_eq!(&Targets::from(vec![1, 2])[..], [1, 2]);
        assert_eq!(format!("{:?}", Targets::from(vec![4])), "[4]");
    }
}
