//! Attribution: who says what. Reporting verbs in every order ("X said
//! that ...", "“...,” X said", "“...,” said X, the ..."), "according to",
//! "X quoted Y as saying", speech acts that carry a stance ("Egypt urged
//! ..."), headlines, and relayed speech.

use std::ops::Range;

use super::actors::ActorPass;
use super::discourse::Discourse;
use super::doc::{Doc, Form};
use super::matcher::Payload;
use super::token::{CAP, Kind};
use super::words::{
    AND, AUX, BE, BE_FINITE, BUT, CLITIC_S, COMMA, COORDINATOR, DET, HAVE, MODAL, NOUN_OPENER, OR,
    POSS, WHILE_WHEREAS, WHO_WHICH,
};
use crate::lexicon::{ReportingClass, WordClass};

/// How a frame attributes speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FrameClass {
    Say,
    Tell,
    Quote,
    According,
    Label,
    Think,
    NoComment,
    /// A verb that is itself a stance cue: "condemned", "urged".
    Speech,
    /// No reporting verb: an actor subject of a stance cue ("Putin still
    /// supports negotiations").
    Predicate,
    Headline,
}

/// One attribution in a sentence.
#[derive(Clone, Debug)]
pub(crate) struct Frame {
    pub speaker: usize,
    /// Relays, outermost first.
    pub relay: Vec<usize>,
    /// The attributing words.
    pub cue: Range<usize>,
    /// What is attributed.
    pub content: Range<usize>,
    pub class: FrameClass,
    /// Where the speaker is named.
    pub subject: Range<usize>,
    /// Whom the words are addressed to ("told him").
    pub addressee: Option<usize>,
    /// The subject of a passive stance verb, which the stance is aimed at.
    pub passive_target: Option<usize>,
}

/// How a candidate verb sits in its sentence.
struct VerbSetting {
    /// After "to" ("to reaffirm").
    infinitive: bool,
    /// A participle after a comma or a conjunction ("..., saying").
    participle: bool,
    /// The verb "join" before "in" ("joined the Council in condemning").
    joined_in: Option<usize>,
    /// The quotation that ends right before the verb.
    after_quote: Option<Range<usize>>,
    /// Where the verb group begins, adverbs and auxiliaries included.
    group_start: usize,
    /// Joined to what comes before by "and", "but" or "or".
    coordinated: bool,
}

/// Attribution: who says what in each sentence, relayed by whom, as
/// frames; it remembers the last speaker and issuer for later sentences.
pub(crate) struct AttributionPass<'d, 'a> {
    doc: &'d mut Doc<'a>,
    disc: &'d mut Discourse,
}

impl<'a> std::ops::Deref for AttributionPass<'_, 'a> {
    type Target = Doc<'a>;
    fn deref(&self) -> &Doc<'a> {
        self.doc
    }
}

impl<'a> std::ops::DerefMut for AttributionPass<'_, 'a> {
    fn deref_mut(&mut self) -> &mut Doc<'a> {
        self.doc
    }
}

impl<'d, 'a> AttributionPass<'d, 'a> {
    pub fn new(doc: &'d mut Doc<'a>, disc: &'d mut Discourse) -> AttributionPass<'d, 'a> {
        AttributionPass { doc, disc }
    }
}

impl AttributionPass<'_, '_> {
    /// A news outlet that carries the words, named in `lead` after
    /// "carried by", "quoted by" and the like.
    fn outlet_in(&self, lead: Range<usize>, speaker: usize) -> Option<usize> {
        if lead.start >= lead.end {
            return None;
        }
        self.mentions_in(lead.clone())
            .map(|(_, m)| m)
            .find(|m| {
                m.toks.start >= lead.start + 2
                    && m.actor != speaker
                    && ((lead.start..m.toks.start).rev().take(6).any(|k| {
                        self.is(k, &["by"])
                            && k > lead.start
                            && self.in_class(k - 1, WordClass::Carry)
                    }) || self.per_outlet(m.toks.start, lead.start))
                    && self.reg.is_outlet(m.actor)
            })
            .map(|m| m.actor)
    }

    /// Whether "per" or "according to" (and "the") sets off the outlet
    /// named at `at` from the comma that opens the phrase at or after
    /// `floor`: "fired back, per the AP, calling ...".
    fn per_outlet(&self, at: usize, floor: usize) -> bool {
        let mut k = at;
        if k > floor && self.is(k - 1, &["the"]) {
            k -= 1;
        }
        let opens = if k > floor && self.is(k - 1, &["per"]) {
            k - 1
        } else if k > floor + 1 && self.is(k - 1, &["to"]) && self.is(k - 2, &["according"]) {
            k - 2
        } else {
            return false;
        };
        opens == floor || opens == floor + 1 && self.is_comma(floor)
    }

    /// An outlet named right after a reporting verb ("said in a statement
    /// carried by KCNA that ...", "claimed, as quoted by the ERR
    /// broadcaster, that ..."): the outlet and where the words begin.
    fn outlet_after_verb(&self, f: &Frame) -> Option<(usize, usize)> {
        // A stance verb's words include the verb: "warned, as quoted by
        // Tanjug, that ..." keeps them, with the outlet relaying.
        let speech = f.class == FrameClass::Speech;
        let reporting = matches!(f.class, FrameClass::Say | FrameClass::Tell);
        let words_follow = reporting && f.content.start >= f.cue.end;
        // "“...,” Shaibani said in comments carried by state television":
        // the words came first; the outlet's phrase closes the sentence.
        let words_before = reporting && f.content.end <= f.cue.start;
        if words_before {
            let mut c = f.cue.end.max(f.subject.end);
            if self.is_comma(c) {
                c += 1;
            }
            if !self.is(c, &["in", "as"]) {
                return None;
            }
            let outlet = self.outlet_in(c..(c + 12).min(self.t.len()), f.speaker)?;
            return Some((outlet, f.content.start));
        }
        if !(speech || words_follow) {
            return None;
        }
        let c = if speech { f.cue.end } else { f.content.start };
        let opens = self.is_comma(c) || self.is(c, &["in", "as"]);
        if !opens {
            return None;
        }
        let lead = c..(c + 12).min(f.content.end);
        let outlet = self.outlet_in(lead.clone(), f.speaker)?;
        let (_, m) = self.mentions_in(lead).find(|(_, m)| m.actor == outlet)?;
        // The words begin after the outlet's phrase: its comma or "that".
        let mut k = m.toks.end;
        let stop = (k + 4).min(f.content.end);
        while k < stop && !self.is_comma(k) && !self.is(k, &["that"]) {
            k += 1;
        }
        if k < f.content.end && (self.is_comma(k) || self.is(k, &["that"])) {
            k += 1;
        }
        if k < f.content.end && self.is(k, &["that"]) {
            k += 1;
        }
        (k < f.content.end).then_some((outlet, k))
    }

    /// Who an outlet cites when it names no one ("citing an unnamed
    /// military official", "citing officials"): an unnamed official of the
    /// outlet's side.
    fn unnamed_source(&mut self, r: Range<usize>, outlet: usize) -> Option<usize> {
        if !self.reg.is_outlet(outlet) {
            return None;
        }
        let noun = r
            .clone()
            .find(|&k| self.in_class(k, WordClass::SourceNoun))?;
        let side = self.doc.reg.side_of(self.doc.m, outlet)?;
        let word = self.norm(noun).to_owned();
        let plural = word.ends_with('s');
        let label = format!("{} {word}", self.reg.entries[side].actor.name);
        Some(self.reg.role_of(side, &word, &label, plural))
    }

    /// Whether an attribution closes the sentence after a comma: "...,
    /// the State Department said." / "..., said X."
    fn attribution_ends_sentence(
        &self,
        subj: &Range<usize>,
        verb: &Range<usize>,
        start: usize,
        end: usize,
    ) -> bool {
        let first = subj.start.min(verb.start);
        let last = subj.end.max(verb.end);
        // Back over "the" and closing quotation marks to the comma.
        // Back over a few lowercase words ("his", "a close aide to").
        let mut p = first;
        let mut words = 0;
        while p > start
            && words < 5
            && self.t.toks[p - 1].kind == Kind::Word
            && !self.t.toks[p - 1].is(CAP)
        {
            p -= 1;
            words += 1;
        }
        while p > start && matches!(self.t.toks[p - 1].kind, Kind::CloseQuote | Kind::Quote) {
            p -= 1;
        }
        let lead_comma = p > start && self.is_comma(p - 1);
        // A participle may follow: "..., the foreign ministry said, calling it ...".
        let tail_end = (last..end)
            .find(|&k| self.is_comma(k) && k + 1 < end && self.norm(k + 1).ends_with("ing"))
            .unwrap_or(end);
        let tail_ok = (last..tail_end).all(|k| {
            self.t.toks[k].kind != Kind::Word
                || self.is(
                    k,
                    &[
                        "on",
                        "in",
                        "at",
                        "a",
                        "an",
                        "the",
                        "statement",
                        "told",
                        "reporters",
                        "late",
                        "earlier",
                    ],
                )
                || self.is_weekday(k)
        });
        // Or a phrase of circumstance: "said in a readout of the call",
        // "said after a meeting with ...".
        let circumstance = || {
            let first_word = (last..tail_end).find(|&k| self.t.toks[k].kind == Kind::Word);
            first_word.is_some_and(|k| {
                self.is(
                    k,
                    &[
                        "in",
                        "on",
                        "at",
                        "during",
                        "after",
                        "before",
                        "following",
                        "via",
                        "through",
                        "to",
                        "from",
                        "with",
                        "late",
                        "earlier",
                        "later",
                        "told",
                    ],
                )
            }) && (last..tail_end).all(|k| {
                !self.is(k, &["that", "which", "who", "and", "but"])
                    && self.seg.quote_of(k).is_none()
                    && !self.is_comma(k)
            })
        };
        // Or, after a comma, when it was said: "..., officials said, a day
        // after the ceasefire was meant to take hold."
        let when = || {
            last < end
                && self.is_comma(last)
                && (last + 1..(last + 5).min(end)).any(|k| {
                    self.is(k, &["after", "before", "since"])
                        && self.in_class(k - 1, WordClass::TimeSpan)
                })
        };
        lead_comma && (tail_ok || circumstance() || when()) && first > start + 3
    }

    /// The clause subject: the first mention that can speak after the start
    /// of the sentence's clause containing `pos`.
    fn clause_subject(&self, start: usize, pos: usize) -> Option<(usize, Range<usize>)> {
        self.mentions_in(start..pos)
            .find(|(_, m)| {
                matches!(m.form, Form::Name | Form::Pronoun | Form::Definite) && !m.possessive
            })
            .map(|(_, m)| (m.actor, m.toks.clone()))
    }

    /// Whether the verb at `i` is a past tense (a report of an act).
    fn is_past(&self, i: usize) -> bool {
        let w = self.norm(i);
        w.ends_with("ed")
            || self.in_class(i, WordClass::IrregularPast)
            || (i > 0 && self.has(i - 1, HAVE) && !w.ends_with("ing"))
            // An act under way: "is suing", "were demanding".
            || (i > 0 && w.ends_with("ing") && self.has(i - 1, BE_FINITE))
    }

    /// Whether the verb at `i` is a passive: "was accused", "has been condemned".
    fn is_passive(&self, i: usize, floor: usize) -> bool {
        if self.norm(i).ends_with("ing") {
            return false;
        }
        let mut k = i;
        let mut steps = 0;
        while k > floor && steps < 3 {
            k -= 1;
            steps += 1;
            if self.has(k, BE) {
                return true;
            }
            if !self.is(
                k,
                &[
                    "also",
                    "widely",
                    "repeatedly",
                    "often",
                    "strongly",
                    "sharply",
                    "publicly",
                    "openly",
                    "not",
                    "never",
                ],
            ) {
                return false;
            }
        }
        false
    }

    /// The subject opening the clause of `pos`, or else the sentence, when
    /// no other name stands between it and `pos`: "Washington along with
    /// its allies demanded", "Greece, like most other members, plans to".
    fn opening_subject(
        &self,
        start: usize,
        end: usize,
        pos: usize,
    ) -> Option<(usize, Range<usize>)> {
        let cs = self.clause_start(pos, &(start..end));
        for open in [cs, start] {
            let found = self
                .mentions_in(open..pos)
                .find(|(_, m)| {
                    m.form == Form::Name
                        && !m.possessive
                        && (m.toks.start == open
                            || (self.is(
                                open,
                                &[
                                    "the",
                                    "a",
                                    "an",
                                    "some",
                                    "about",
                                    "nearly",
                                    "around",
                                    "hundreds",
                                    "thousands",
                                    "dozens",
                                ],
                            ) && m.toks.start <= open + 3
                                && (open + 1..m.toks.start).all(|k| {
                                    self.t.toks[k].kind == Kind::Number
                                        || self.t.toks[k].kind == Kind::Word
                                            && !self.t.toks[k].is(CAP)
                                })))
                })
                .map(|(_, m)| (m.actor, m.toks.clone()));
            if let Some((a, t)) = found {
                // Other names in between make it unsure, unless they join the
                // subject ("Libyan leader Gaddafi and Bulgarian President Zhivkov").
                let joined_end = self
                    .mentions_in(t.end..pos)
                    .filter(|(_, m)| m.form == Form::Name)
                    .take_while(|(_, m)| {
                        (t.end..m.toks.start).all(|k| {
                            self.has(k, AND | COMMA)
                                || self.t.toks[k].kind == Kind::Word
                                    && !self.t.toks[k].is(CAP)
                                    && m.toks.start <= t.end + 3
                        })
                    })
                    .map(|(_, m)| m.toks.end)
                    .max()
                    .unwrap_or(t.end);
                let crowded = self
                    .mentions_in(joined_end..pos)
                    .any(|(_, m)| m.form == Form::Name && !m.possessive && m.actor != a);
                if !crowded && t.end + 12 >= pos {
                    return Some((a, t));
                }
            }
        }
        None
    }

    /// The quotation ending right before `pos` (allowing a comma between),
    /// as a token range of its content.
    /// Where a title chain ending at `pos` starts: capitalized words and
    /// the small words of titles ("Deputy Chinese Ambassador to the U.N."),
    /// at most 10 tokens back, not below `floor`.
    fn title_chain_start(&self, pos: usize, floor: usize) -> usize {
        let mut p = pos;
        while p > floor && pos - p < 10 {
            let k = p - 1;
            let capital = self.t.toks[k].kind == Kind::Word && self.t.toks[k].is(CAP);
            let small = self.is(k, &["to", "the", "of", "for", "at", "-", "."]);
            if !(capital || small) || self.seg.quote_of(k).is_some() {
                break;
            }
            p -= 1;
        }
        // The chain starts at a capitalized word.
        while p < pos && !self.t.toks[p].is(CAP) {
            p += 1;
        }
        p
    }

    fn quote_ending_before(&self, pos: usize, floor: usize) -> Option<Range<usize>> {
        let mut p = pos;
        for _ in 0..2 {
            if p <= floor {
                return None;
            }
            let k = &self.t.toks[p - 1];
            if matches!(k.kind, Kind::CloseQuote | Kind::Quote)
                && let Some(q) = self.seg.quote_of(p - 1)
            {
                let q = self.seg.quotes[q as usize];
                if q.close == p - 1 {
                    return Some(q.open..q.close + 1);
                }
            }
            if self.is_comma(p - 1) || self.is(p - 1, &[":"]) {
                p -= 1;
                continue;
            }
            return None;
        }
        None
    }

    /// The attribution frames of body sentence `s`.
    pub fn attribute(&mut self, s: usize, dates: &[super::dates::DateMention]) -> Vec<Frame> {
        // A title in sentence case: its closing name first, then read as a
        // sentence, else as a headline ("Abiy: \"We do not want war\"").
        let sent = &self.seg.sentences[s];
        if sent.title
            && let Some(f) = self.closing_dash_frame(sent.toks.clone())
        {
            return vec![f];
        }
        let frames = self.attribute_sentence(s, dates);
        if frames.is_empty() && self.seg.sentences[s].title {
            return self.attribute_headline(s);
        }
        frames
    }

    fn attribute_sentence(&mut self, s: usize, dates: &[super::dates::DateMention]) -> Vec<Frame> {
        let sent = self.seg.sentences[s].clone();
        let (start, end) = (sent.body_start, sent.toks.end);
        if sent.headline {
            return self.attribute_headline(s);
        }
        let verbs = self.candidate_verbs(start, end);
        let mut frames: Vec<Frame> = Vec::new();
        for (verb, class) in &verbs {
            if *class == Some(ReportingClass::According) {
                continue;
            }
            if let Some(f) = self.verb_frame(&frames, verb.clone(), *class, start..end, dates) {
                frames.push(f);
            }
        }
        for (verb, class) in &verbs {
            if *class == Some(ReportingClass::According) {
                self.according_frame(&mut frames, verb, start, end);
            }
        }
        frames.sort_by_key(|f| f.cue.start);
        self.end_at_closing_attributions(&mut frames);
        let mut frames = self.nest_frames(frames);
        self.end_content_at_other_speakers(&mut frames);
        self.split_coordinated_acts(&mut frames, dates);
        self.cited_sources(&mut frames, start, end);
        self.outlet_relays(&mut frames, start);
        // (A title's "Abiy: ..." is read as a headline.)
        if frames.is_empty() && !sent.title {
            frames.extend(self.colon_lead_frame(start, end));
        }
        if frames.is_empty() {
            frames.extend(self.predicate_frame(start, end, dates));
        } else if let Some(first) = frames
            .iter()
            .map(|f| f.subject.start.min(f.cue.start))
            .min()
            .filter(|&s| s > start + 2 && self.is(s - 1, &["and", "but", "while", "whereas"]))
            .map(|s| if self.is_comma(s - 2) { s - 2 } else { s - 1 })
        {
            // "Chile and Uruguay sent messages of solidarity, and Brazil's
            // government said ...": a clause of its own before the first
            // speaker's.
            frames.extend(self.predicate_frame(start, first, dates));
            frames.sort_by_key(|f| f.cue.start);
        }
        frames.extend(self.vote_record_frames(start, end));
        self.continued_relays(&mut frames);
        self.remember_speakers(&frames, start, end);
        frames
    }

    /// "Tasnim quoted Musavi as saying ... “...,” Musavi added.": the words
    /// a speaker adds right after an outlet relayed them are relayed by it
    /// too.
    fn continued_relays(&self, frames: &mut [Frame]) {
        let Some(last) = self.disc.last_speaker else {
            return;
        };
        if self.disc.last_outlet_relay.is_empty() {
            return;
        }
        for f in frames.iter_mut() {
            // "“...,” he said": the same speaker's next quotation.
            let quoted_on = f.content.end <= f.cue.start
                && f.subject.len() == 1
                && self.is(f.subject.start, &["he", "she"]);
            if f.speaker == last
                && f.relay.is_empty()
                && (quoted_on || self.is(f.cue.start, &["added", "continued", "adds", "continues"]))
            {
                f.relay.clone_from(&self.disc.last_outlet_relay);
            }
        }
    }

    /// A vote's record naming who voted against: "adopted by 12 in favour
    /// to 1 against (Russian Federation)". Each state named in the
    /// parentheses after "against" says its no, a denial the lexicon reads
    /// in "N against", aimed at the body.
    fn vote_record_frames(&self, start: usize, end: usize) -> Vec<Frame> {
        let mut out = Vec::new();
        for k in start..end.saturating_sub(2) {
            if !(self.is(k, &["against"]) && self.norm(k + 1) == "(") {
                continue;
            }
            let close = (k + 2..end).find(|&j| self.norm(j) == ")").unwrap_or(end);
            for (_, m) in self.mentions_in(k + 2..close) {
                if m.form != Form::Name || self.reg.code(m.actor).is_none() {
                    continue;
                }
                out.push(Frame {
                    speaker: m.actor,
                    relay: Vec::new(),
                    cue: k..k + 1,
                    content: k..k + 1,
                    class: FrameClass::Speech,
                    subject: m.toks.clone(),
                    addressee: None,
                    passive_target: None,
                });
            }
        }
        out
    }

    /// Candidate verbs of a sentence's body `start..end`: reporting verbs and
    /// speech-act cues outside quotations.
    fn candidate_verbs(
        &self,
        start: usize,
        end: usize,
    ) -> Vec<(Range<usize>, Option<ReportingClass>)> {
        let mut verbs: Vec<(Range<usize>, Option<ReportingClass>)> = Vec::new();
        let mut i = start;
        while i < end {
            // Verbs are lowercase in running text: a capitalized word inside
            // a sentence is part of a name or title ("Secretary of State").
            let opens =
                i == start || self.seg.quote_of(i - 1).is_some() && self.seg.quote_of(i).is_none();
            if self.seg.quote_of(i).is_some() || (self.t.toks[i].is(CAP) && !opens) {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, Option<ReportingClass>)> = None;
            // The end of the longest stance cue that opens here and makes no
            // statement of its own ("recalled its ambassador").
            let mut act = 0;
            for h in self.hits_at(i) {
                if h.end as usize > end {
                    continue;
                }
                let class = match h.payload {
                    Payload::Verb(v) => Some(self.m.lexicon.reporting_verbs()[v as usize].class),
                    Payload::Cue(c) if self.m.lexicon.stance_cues()[c as usize].speech => None,
                    Payload::Cue(_) => {
                        act = act.max(h.end as usize);
                        continue;
                    }
                    _ => continue,
                };
                let len = h.end as usize;
                if best.is_none_or(|(e, _)| len > e) {
                    best = Some((len, class));
                }
            }
            // A reporting verb that opens a longer stance cue is that cue's
            // verb: "Somalia recalled its ambassador" is an act, not
            // "Somalia recalled (that) ...". The act is the speaker's statement.
            // Not in a relative clause ("the United States, which announced
            // new sanctions") nor joined as a gerund ("joined Mali in
            // recalling its ambassador"): there the act is another's.
            if let Some((e, Some(ReportingClass::Say | ReportingClass::Think))) = best
                && act > e
                && !(i > start && (self.has(i - 1, WHO_WHICH) || self.is(i - 1, &["in"])))
            {
                best = Some((act, None));
            }
            match best {
                Some((e, class)) => {
                    // A noun after a determiner ("the calls", "Tokyo's call") is no verb.
                    // "in remarks carried by ...", "of comments": a noun after
                    // a preposition (a participle after one is still a verb:
                    // "joined in condemning").
                    // "voiced hope", "expressed hope": the object of the
                    // verb before it.
                    let object = verbs.last().is_some_and(|(v, _)| v.end == i);
                    // "EU states, Britain and Canada condemn ...": a plural
                    // noun the verb's form spells, in a list.
                    // Not "Russia claims, without evidence, that ...": a
                    // name follows the comma or "and".
                    let listed = e == i + 1
                        && self.norm(i).ends_with('s')
                        && !self.is(i, &["says"])
                        && (self.is_comma(e) || self.is(e, &["and"]))
                        && self.mentions_in(e + 1..end.min(e + 3)).any(|(_, m)| {
                            m.form == Form::Name
                                && (m.toks.start == e + 1
                                    || m.toks.start == e + 2 && self.is(e + 1, &["the"]))
                        });
                    let noun = object
                        || listed
                        || i > start
                            && (self.has(i - 1, NOUN_OPENER) && !self.is(i - 1, &["that"])
                                || self.is(i - 1, &["in", "of", "during", "with", "by"])
                                    && !self.norm(i).ends_with("ing"));
                    if !noun {
                        verbs.push((i..e, class));
                    }
                    i = e;
                    // "quoted as saying": the participle is the quoting verb's.
                    if !noun
                        && matches!(class, Some(ReportingClass::Quote))
                        && self.is(e, &["as"])
                        && self.norm(e + 1).ends_with("ing")
                    {
                        i = e + 2;
                    }
                }
                None => i += 1,
            }
        }
        // "Biden, who spoke with Netanyahu ..., condemned ...": a verb in a
        // relative clause yields to a main verb after it; so does one in a
        // clause of time set off by a comma ("Dar, moments after Trump
        // announced a ceasefire, said ...").
        let relative = |v: &Range<usize>| {
            self.after_relative_pronoun(v.start, start) || self.in_time_clause(v.start, start)
        };
        if verbs.iter().any(|(v, _)| !relative(v)) {
            let keep: Vec<bool> = verbs
                .iter()
                .enumerate()
                .map(|(k, (v, _))| {
                    !relative(v) || !verbs[k + 1..].iter().any(|(w, _)| !relative(w))
                })
                .collect();
            let mut it = keep.into_iter();
            verbs.retain(|_| it.next().unwrap_or(true));
        }
        verbs
    }

    /// Whether the verb at `v` is in a clause of time that a comma opens
    /// (at or after `floor`): ", moments after Trump announced", ", shortly
    /// before the minister said".
    fn in_time_clause(&self, v: usize, floor: usize) -> bool {
        let Some(comma) = (floor..v).rev().take(12).find(|&k| self.is_comma(k)) else {
            return false;
        };
        // "moments", "shortly", "days" (words.tsv time-span) may come first.
        let mut k = comma + 1;
        if k < v && self.in_class(k, WordClass::TimeSpan) {
            k += 1;
        }
        k + 1 < v && self.is(k, &["after", "before", "until"])
    }

    /// The frame of one candidate verb, given the frames of the verbs before
    /// it in the sentence `sentence` (its body).
    fn verb_frame(
        &mut self,
        frames: &[Frame],
        verb: Range<usize>,
        class: Option<ReportingClass>,
        sentence: Range<usize>,
        dates: &[super::dates::DateMention],
    ) -> Option<Frame> {
        let (start, end) = (sentence.start, sentence.end);
        let v = self.verb_setting(&verb, start);
        let (subject, passive_target) =
            self.verb_subject(frames, &verb, class, &v, start..end, dates);
        let (speaker, subj) = subject?;
        let class = match class {
            None => FrameClass::Speech,
            Some(ReportingClass::Say) => FrameClass::Say,
            Some(ReportingClass::Tell) => FrameClass::Tell,
            Some(ReportingClass::Quote) => FrameClass::Quote,
            Some(ReportingClass::Label) => FrameClass::Label,
            Some(ReportingClass::Think) => FrameClass::Think,
            Some(ReportingClass::NoComment) => FrameClass::NoComment,
            Some(ReportingClass::According) => FrameClass::According,
        };
        // "Cavusoglu, quoted by Anadolu, said ...": the outlet of a verb
        // that follows; see the outlets below. "ENA, quoting EBC, said
        // ...": the source the outlet's verb cites; see the cited sources.
        // "“...,” the spokesperson was quoted by KCNA as saying": the
        // outlet relays the subject's words.
        if class == FrameClass::Quote
            && self.is(verb.end, &["by", "as"])
            && let Some(f) = self.passive_quote_frame(&verb, start, end, dates)
        {
            return Some(f);
        }
        if class == FrameClass::Quote
            && (self.is(verb.end, &["by"])
                || self.is(verb.start, &["quoting"])
                    && verb.start > start
                    && self.is_comma(verb.start - 1)
                    && self.verb_after_comma(verb.end, 10, end))
        {
            return None;
        }
        // "The minister told his counterpart, and I quote, "...": the
        // reporter's interjection; the words are the earlier verb's.
        if class == FrameClass::Quote
            && !frames.is_empty()
            && verb.start > start
            && self.is(verb.start - 1, &["i", "we"])
            && (self.is_comma(verb.end) || self.is(verb.end, &[":"]))
        {
            return None;
        }
        let (content, quote_before) = self.verb_content(&verb, class, &subj, &v, start, end);
        let mut frame = Frame {
            speaker,
            relay: Vec::new(),
            cue: verb,
            content,
            class,
            subject: subj,
            addressee: None,
            passive_target,
        };
        match class {
            FrameClass::Tell => self.addressee(&mut frame, quote_before.is_none(), end),
            FrameClass::Quote => self.quoted_speaker(&mut frame, end),
            _ => {}
        }
        Some(frame)
    }

    /// How candidate verb `verb` sits in the sentence whose body starts at `start`.
    fn verb_setting(&self, verb: &Range<usize>, start: usize) -> VerbSetting {
        let infinitive = verb.start > start
            && (self.is(verb.start - 1, &["to"])
                || (verb.start > start + 1
                    && self.is(verb.start - 1, &["help", "helping"])
                    && self.is(verb.start - 2, &["to"])));
        // "..., saying", "a resolution demanding": the act of the clause's subject.
        let participle = self.norm(verb.start).ends_with("ing")
            && verb.start > start
            && (self.is_comma(verb.start - 1)
                || self.is(
                    verb.start - 1,
                    &["and", "while", "before", "after", "by", "resolution"],
                )
                || self.in_class(verb.start - 1, WordClass::Document));
        // "The United States and Britain joined the Security Council in
        // condemning ...": the act of those who joined.
        let joined_in = (self.norm(verb.start).ends_with("ing")
            && verb.start > start + 2
            && self.is(verb.start - 1, &["in"]))
        .then(|| {
            (verb.start.saturating_sub(10).max(start)..verb.start - 1)
                .rev()
                .find(|&k| self.is(k, &["join", "joins", "joined", "joining"]))
        })
        .flatten()
        .filter(|&k| self.seg.quote_of(k).is_none());
        let after_quote = self.quote_ending_before(verb.start, start);
        // "... and urged", "... but ruled out": the clause's subject.
        let mut b = verb.start;
        while b > start
            && self.is(
                b - 1,
                &["also", "then", "later", "again", "has", "had", "have"],
            )
        {
            b -= 1;
        }
        let coordinated = b > start && self.has(b - 1, AND | BUT | OR) && !participle;
        VerbSetting {
            infinitive,
            participle,
            joined_in,
            after_quote,
            group_start: b,
            coordinated,
        }
    }

    /// Who speaks through candidate verb `verb`, and the target of a passive
    /// stance verb.
    fn verb_subject(
        &mut self,
        frames: &[Frame],
        verb: &Range<usize>,
        class: Option<ReportingClass>,
        v: &VerbSetting,
        sentence: Range<usize>,
        dates: &[super::dates::DateMention],
    ) -> (Option<(usize, Range<usize>)>, Option<usize>) {
        let (start, end) = (sentence.start, sentence.end);
        // The speaker.
        let mut subject = None;
        if v.after_quote.is_some() && !v.participle {
            // "“...,” said X", "said Mr. X": the speaker follows (not after
            // a participle: 'rejected it as "unjust", saying it ...').
            let at = self.after_honorifics(verb.end);
            subject = self
                .mentions_in(verb.end..end)
                .find(|(_, m)| {
                    (m.toks.start == verb.end || m.toks.start == at)
                        && !matches!(m.form, Form::Modifier)
                })
                .map(|(_, m)| (m.actor, m.toks.clone()));
            // "“...,” said the envoy, Riyad Mansour": a title, then the
            // name set off by a comma.
            if subject.is_none() {
                let k = verb.end + usize::from(self.has(verb.end, DET));
                let title_end = self
                    .hits_at(k)
                    .iter()
                    .find_map(|h| matches!(h.payload, Payload::Title(_)).then_some(h.end as usize));
                if let Some(e) = title_end
                    && self.is_comma(e)
                {
                    subject = self
                        .mentions_in(e + 1..end)
                        .find(|(_, m)| m.toks.start == e + 1 && self.reg.entries[m.actor].person)
                        .map(|(_, m)| (m.actor, m.toks.clone()));
                }
            }
        } else if verb.start > start && self.is_comma(verb.start - 1) {
            // "..., reported DW.": an outlet after the verb that closes
            // the sentence.
            // "..., said Defence Minister Ng Eng Hen on Monday.": a person.
            let at = self.after_honorifics(verb.end);
            subject = self
                .mentions_in(verb.end..end)
                .find(|(_, m)| {
                    m.toks.start == verb.end
                        && self.reg.is_outlet(m.actor)
                        && (m.toks.end..end).all(|k| self.t.toks[k].kind != Kind::Word)
                        || matches!(class, Some(ReportingClass::Say))
                            && (m.toks.start == verb.end || m.toks.start == at)
                            && m.form == Form::Name
                            && !m.possessive
                            && self.reg.entries[m.actor].person
                            && self.closes_clause(m.toks.end, end)
                })
                .map(|(_, m)| (m.actor, m.toks.clone()));
        }
        if subject.is_none() && v.coordinated {
            subject = self.coordinated_subject(frames, v.group_start, start);
        }
        if subject.is_none()
            && let Some(j) = v.joined_in
        {
            subject = self.clause_subject(start, j);
        }
        if subject.is_none() && (v.participle || v.infinitive) {
            subject = frames
                .last()
                .map(|f| (f.speaker, f.subject.clone()))
                .or_else(|| self.clause_subject(start, verb.start));
            if v.infinitive && frames.is_empty() && class.is_some() {
                // "to reaffirm", "to say": part of another verb's act.
                subject = None;
            }
        }
        if subject.is_none() && !v.infinitive && !v.participle {
            subject =
                self.document_issuer(verb.start, v.after_quote.as_ref().map_or(start, |q| q.end));
        }
        if subject.is_none() && !v.infinitive {
            subject = self.subject_before(verb.start, start, dates);
        }
        // "..., a spokesperson said.": an unnamed holder of the title, of
        // the side the sentence opens with.
        if subject.is_none() && matches!(class, Some(ReportingClass::Say | ReportingClass::Tell)) {
            subject = self.unnamed_closing_speaker(verb.start, start);
        }
        // "the readout added", "the statement said": the last issuer.
        if subject.is_none()
            && class.is_some()
            && verb.start >= start + 2
            && self.in_class(verb.start - 1, WordClass::Document)
            && self.is(verb.start - 2, &["the", "its", "their", "joint"])
            && let Some(a) = self.disc.last_issuer
        {
            subject = Some((a, verb.start - 1..verb.start));
        }
        // "Washington along with its allies demanded ...": the clause
        // opens with its subject.
        if subject.is_none() && !v.infinitive && !v.participle {
            subject = self.opening_subject(start, end, verb.start);
        }
        // A passive stance verb ("Aristide has been accused of ... by
        // Haitian officials"): the agent after "by" speaks, and the
        // subject is the target.
        let mut passive_target = None;
        if class.is_none() && self.is_passive(verb.start, start) {
            let limit = (verb.end + 25).min(end);
            let agent = (verb.end..limit)
                .find(|&k| self.is(k, &["by"]))
                .and_then(|b| {
                    self.mentions_in(b + 1..(b + 8).min(end))
                        .find(|(_, m)| {
                            matches!(m.form, Form::Name | Form::Definite) && !m.possessive
                        })
                        .map(|(_, m)| (m.actor, m.toks.clone()))
                });
            passive_target = subject.as_ref().map(|(a, _)| *a);
            subject = agent;
        }
        (subject, passive_target)
    }

    /// Whether the clause ends at token `k` (before `end`): punctuation, the
    /// sentence's end, or a phrase of time or place ("..., said Ng Eng Hen
    /// on Monday.", not "..., said Abiy had told parliament").
    fn closes_clause(&self, k: usize, end: usize) -> bool {
        k >= end
            || self.t.toks[k].kind == Kind::Punct
            || self.is(
                k,
                &[
                    "on",
                    "in",
                    "at",
                    "during",
                    "yesterday",
                    "today",
                    "last",
                    "earlier",
                    "this",
                ],
            )
    }

    /// "..., a spokesperson said", "..., an official told reporters": a
    /// title with an indefinite article after a comma, right before the
    /// verb at `pos`, names an unnamed holder of the title of the side the
    /// sentence opens with (else the side the report is about).
    fn unnamed_closing_speaker(
        &mut self,
        pos: usize,
        start: usize,
    ) -> Option<(usize, Range<usize>)> {
        let k = (pos.saturating_sub(4).max(start)..pos).find(|&k| {
            self.hits_at(k)
                .iter()
                .any(|h| h.end as usize == pos && matches!(h.payload, Payload::Title(_)))
        })?;
        if !(k >= start + 2 && self.is(k - 1, &["a", "an"]) && self.is_comma(k - 2)) {
            return None;
        }
        let opening = self
            .mentions_in(start..k - 2)
            .find(|(_, m)| m.form == Form::Name && self.reg.code(m.actor).is_some())
            .map(|(_, m)| m.actor);
        let side = match opening.and_then(|a| self.doc.reg.side_of(self.doc.m, a)) {
            Some(side) => side,
            None => self.home.or(self.most_mentioned)?,
        };
        let noun = self.slice(k..pos).to_lowercase();
        Some((self.reg.unnamed_holder(side, &noun), k - 1..pos))
    }

    /// The issuer named in a document subject before the verb at `pos`
    /// ("a statement from Khusela Diko, Spokesperson to the President,
    /// said", "A report by the UN Group of Experts claimed", "the
    /// communique issued by the ministry says"): the first actor after
    /// "from", "by" or "of", when the subject opens at `lead` with it.
    fn document_issuer(&self, pos: usize, lead: usize) -> Option<(usize, Range<usize>)> {
        let mut k = lead;
        // A quotation that leads the sentence is what the document says.
        if let Some(q) = self.seg.quote_of(k) {
            k = self.seg.quotes[q as usize].close + 1;
        }
        while k < pos && self.is_comma(k) {
            k += 1;
        }
        while k < pos
            && (self.t.toks[k].kind != Kind::Word
                || self.is(
                    k,
                    &[
                        "a", "an", "the", "its", "their", "joint", "new", "recent", "latest",
                        "earlier", "written", "official", "separate", "brief",
                    ],
                ))
        {
            k += 1;
        }
        if k >= pos || !self.in_class(k, WordClass::Document) {
            return None;
        }
        let mut by = k + 1;
        if self.is(by, &["issued", "released", "published", "signed", "posted"]) {
            by += 1;
        }
        if by >= pos || !self.is(by, &["from", "by", "of"]) {
            return None;
        }
        let at = self.after_honorifics(by + 1 + usize::from(self.is(by + 1, &["the"])));
        self.mentions_in(by + 1..pos)
            .find(|(_, m)| {
                (m.toks.start == by + 1 || m.toks.start == at)
                    && matches!(m.form, Form::Name | Form::Definite)
            })
            .map(|(_, m)| (m.actor, m.toks.clone()))
    }

    /// The subject of a verb joined by "and", "but" or "or" to what comes
    /// before (the verb group starting at `b`): "... and urged", "... but
    /// ruled out".
    fn coordinated_subject(
        &self,
        frames: &[Frame],
        b: usize,
        start: usize,
    ) -> Option<(usize, Range<usize>)> {
        // "The State Department said Rubio had called ... and urged
        // ...": a verb joined inside reported words has the subject
        // of the reported clause.
        // Not after a comma: "Obama said Turkey ..., but urged
        // Ankara" goes on with Obama.
        let joined_close = self.is(b - 1, &["and"])
            && b >= start + 2
            && !self.is_comma(b - 2)
            && !matches!(self.t.toks[b - 2].kind, Kind::CloseQuote | Kind::Quote);
        // Only in a readout: a body reporting what a person of its
        // own side did ("Algeria's foreign minister said Morocco had
        // ... and announced" goes on with the minister).
        let reported = frames
            .iter()
            .rev()
            .filter(|_| joined_close)
            .find(|f| {
                matches!(f.class, FrameClass::Say | FrameClass::Tell)
                    && !self.reg.entries[f.speaker].person
                    && !self.norm(f.cue.start).ends_with("ing")
                    && f.content.start < b
                    && b < f.content.end
            })
            .and_then(|f| {
                // The reported clause opens with its subject.
                let c = f.content.start + usize::from(self.is(f.content.start, &["that"]));
                let (_, m) = self.mentions_in(c..b).next()?;
                let readout = m.toks.start == c
                    && !m.possessive
                    && m.form != Form::Modifier
                    && self.reg.entries[m.actor].person
                    && self.reg.same_side(m.actor, f.speaker);
                readout.then(|| (m.actor, m.toks.clone()))
            });
        // Otherwise the speaker of the verb before in this sentence
        // ("Noting the tensions along the Pakistan-Afghanistan
        // border, Wang said ... and urged"), else the clause's first
        // actor.
        let previous = frames
            .last()
            .filter(|f| {
                matches!(
                    f.class,
                    FrameClass::Say | FrameClass::Tell | FrameClass::Speech
                ) && f.cue.end <= b
            })
            .map(|f| (f.speaker, f.subject.clone()));
        reported
            .or(previous)
            .or_else(|| self.clause_subject(start, b))
            .or_else(|| frames.last().map(|f| (f.speaker, f.subject.clone())))
    }

    /// What is attributed by verb `verb` with subject `subj`, and the
    /// quotation before the verb that it attributes, if any.
    fn verb_content(
        &self,
        verb: &Range<usize>,
        class: FrameClass,
        subj: &Range<usize>,
        v: &VerbSetting,
        start: usize,
        end: usize,
    ) -> (Range<usize>, Option<Range<usize>>) {
        // What is attributed.
        let adjacent = subj.end <= verb.start && (subj.end..verb.start).all(|k| self.has(k, AUX));
        let quote_before = v.after_quote.clone().or_else(|| {
            if subj.start < verb.start && adjacent && !v.participle && !v.coordinated {
                self.quote_ending_before(subj.start, start).or_else(|| {
                    // "“...,” Deputy Chinese Ambassador to the U.N. Wu Haitao
                    // said": the subject's title chain, broken by an owner.
                    let lead = self.title_chain_start(subj.start, start);
                    (lead < subj.start)
                        .then(|| self.quote_ending_before(lead, start))
                        .flatten()
                })
            } else {
                None
            }
        });
        // Only a quotation that leads the sentence is what the verb after
        // it attributes ("“...,” Zelensky said"), not one that ends a
        // clause before a new subject.
        let quote_before = quote_before.filter(|q| {
            let lead = (start..q.start).all(|k| {
                matches!(self.t.toks[k].kind, Kind::OpenQuote | Kind::Quote) || self.is(k, &[":"])
            });
            q.start <= start || lead
        });
        let content = match (&quote_before, class) {
            (Some(q), _) => {
                // A quote that opened in an earlier sentence stays a range in this one.
                q.start.max(start)..q.end
            }
            (None, FrameClass::Speech) if subj.end <= verb.start => {
                // A stance verb covers its whole predicate: "Ali had accepted
                // the invitation ... but ruled out any negotiation". A
                // parenthetical after the subject is left out.
                let mut c = subj.end;
                if self.is_comma(c) {
                    c = (c + 1..verb.start)
                        .find(|&k| self.is_comma(k))
                        .map_or(verb.start, |k| k + 1);
                }
                c.min(verb.start)..end
            }
            (
                None,
                FrameClass::Speech | FrameClass::Label | FrameClass::Think | FrameClass::NoComment,
            ) => verb.start..end,
            (None, _) if self.attribution_ends_sentence(subj, verb, start, end) => {
                // "X telephoned Y to reaffirm Z, the State Department said."
                start..subj.start.min(verb.start)
            }
            (None, _) => {
                let mut c = verb.end;
                if subj.start >= verb.end {
                    c = subj.end;
                }
                c..end
            }
        };
        (content, quote_before)
    }

    /// The frame of "according to X" at `verb` ("According to X, ..." and
    /// "..., according to X"), or X as the relay of the frames it covers.
    fn according_frame(
        &self,
        frames: &mut Vec<Frame>,
        verb: &Range<usize>,
        start: usize,
        end: usize,
    ) {
        let phrase_end = (verb.end..end)
            .find(|&k| self.is_comma(k) || self.is(k, &["."]))
            .unwrap_or(end);
        // "per" credits an outlet only at a sentence's close: "...,
        // per Reuters." ("per cent", "per the agreement" credit no one).
        if self.is(verb.start, &["per"])
            && !(verb.start > start
                && self.is_comma(verb.start - 1)
                && (phrase_end..end).all(|k| self.t.toks[k].kind != Kind::Word))
        {
            return;
        }
        // "According to reports the UK is ...": no one in particular relays.
        if self.in_class(verb.end, WordClass::Sources) {
            return;
        }
        let mentions: Vec<(usize, Range<usize>)> = self
            .mentions_in(verb.end..phrase_end.max(verb.end))
            .filter(|(_, m)| {
                matches!(m.form, Form::Name | Form::Definite)
                    // "According to him, ...": a pronoun that is the phrase.
                    || m.form == Form::Pronoun && m.toks.start == verb.end && m.toks.end == phrase_end
            })
            .map(|(_, m)| (m.actor, m.toks.clone()))
            .collect();
        // A person named in the phrase relays; else the first name.
        // "according to the office of Iraq's caretaker prime minister,
        // Adel Abdul Mahdi,": a phrase ending in a title has its name apposed.
        let apposed = (phrase_end > verb.end
            && self
                .hits_at(phrase_end.saturating_sub(3))
                .iter()
                .chain(self.hits_at(phrase_end.saturating_sub(2)))
                .chain(self.hits_at(phrase_end - 1))
                .any(|h| matches!(h.payload, Payload::Title(_)) && h.end as usize == phrase_end))
        .then(|| {
            self.mentions_in(phrase_end + 1..(phrase_end + 8).min(end))
                .find(|(_, m)| m.toks.start == phrase_end + 1 && self.reg.entries[m.actor].person)
                .map(|(_, m)| (m.actor, m.toks.clone()))
        })
        .flatten();
        // A person named in the phrase relays; else the first name.
        let relay = apposed.or_else(|| {
            mentions
                .iter()
                .find(|(a, _)| self.reg.entries[*a].person)
                .or(mentions.iter().find(|(_, r)| !self.has(r.end, CLITIC_S)))
                .or(mentions.first())
                .cloned()
        });
        let Some((relay, rel_toks)) = relay else {
            return;
        };
        // The clause it governs.
        let clause = if verb.start == start
            || (verb.start > start
                && self.is_comma(verb.start - 1)
                && !self.is_clause_end_before(verb.start, end))
        {
            // The clause starts after the phrase, and after the relay's
            // apposition when the relay is named after a comma
            // ("the office of Iraq's caretaker prime minister, Adel Abdul Mahdi,").
            let mut c = phrase_end + 1;
            if rel_toks.end > phrase_end {
                c = (rel_toks.end..end)
                    .find(|&k| self.is_comma(k))
                    .map_or(rel_toks.end, |k| k + 1);
            }
            c.min(end)..end
        } else {
            start..verb.start
        };
        let inner: Vec<usize> = frames
            .iter()
            .enumerate()
            .filter(|(_, f)| clause.contains(&f.cue.start) && f.speaker != relay)
            .map(|(j, _)| j)
            .collect();
        if inner.is_empty() {
            frames.push(Frame {
                speaker: relay,
                relay: Vec::new(),
                cue: verb.clone(),
                content: clause,
                class: FrameClass::According,
                subject: rel_toks,
                addressee: None,
                passive_target: None,
            });
        } else {
            for j in inner {
                frames[j].relay.insert(0, relay);
            }
        }
    }

    /// An attribution closing the sentence ("..., the State Department
    /// said.") governs what precedes it: other frames end where it begins.
    fn end_at_closing_attributions(&self, frames: &mut [Frame]) {
        // A frame inside another's words. An act reported in the past by
        // someone else ("the State Department said Blinken telephoned Ali to
        // reaffirm ...") is that actor's, relayed; anything else inside
        // ("what it calls", "the military sees fit") is part of the outer words.
        // An attribution closing the sentence ("..., the State Department
        // said.") governs what precedes it: other frames end where it begins.
        let closing: Vec<(usize, usize)> = frames
            .iter()
            .filter(|f| {
                f.content.end <= f.cue.start
                    && f.content.end <= f.subject.start
                    && f.class != FrameClass::According
            })
            .map(|f| (f.subject.start.min(f.cue.start), f.speaker))
            .collect();
        for (at, speaker) in closing {
            for f in frames.iter_mut() {
                if f.speaker != speaker && f.cue.start < at && f.content.end > at {
                    f.content.end = at;
                }
            }
        }
    }

    /// A frame inside another's words. An act reported in the past by
    /// someone else ("the State Department said Blinken telephoned Ali to
    /// reaffirm ...") is that actor's, relayed; anything else inside ("what
    /// it calls", "the military sees fit") is part of the outer words.
    fn nest_frames(&self, mut frames: Vec<Frame>) -> Vec<Frame> {
        let mut drop = vec![false; frames.len()];
        for o in 0..frames.len() {
            if matches!(
                frames[o].class,
                FrameClass::Predicate | FrameClass::Headline
            ) {
                continue;
            }
            for g in 0..frames.len() {
                if g == o || drop[g] || drop[o] {
                    continue;
                }
                let (outer, inner) = (&frames[o], &frames[g]);
                let inside = outer.content.contains(&inner.cue.start)
                    && outer
                        .content
                        .contains(&inner.subject.start.max(outer.content.start));
                if !inside
                    || inner.cue.start < outer.cue.start && outer.content.start > inner.cue.start
                {
                    continue;
                }
                // "..., and Y said ...", "..., while Y said ...", "...
                // Hamas, which denied ...": another statement.
                let relative = self.after_relative_pronoun(inner.cue.start, 0);
                // The subject with its determiner ("as the African Union
                // called on ...").
                let mut subj_start = inner.subject.start;
                while subj_start > outer.content.start + 1 && self.has(subj_start - 1, DET) {
                    subj_start -= 1;
                }
                let coordinated = relative
                    || subj_start >= 2
                        && subj_start > outer.content.start
                        && (self.has(subj_start - 1, COORDINATOR) && self.is_comma(subj_start - 2)
                            || self.is(subj_start - 1, &[";"])
                            || self.after_claim_noun(subj_start.min(inner.cue.start))
                            || self.after_apposed_noun(subj_start.min(inner.cue.start))
                            || self.after_comma_and(
                                subj_start.min(inner.cue.start),
                                outer.content.start,
                            ));
                // "Russia ordered ... after Prague expelled ... over what it
                // said was ...": another side's words inside an act, not
                // inside words, are its own statement.
                // "The Council failed to adopt a draft that would have
                // demanded ..., after China voted against the text": another
                // side's act in a clause of time or reason after an act.
                let other_words = outer.class == FrameClass::Speech
                    && (matches!(inner.class, FrameClass::Say | FrameClass::Tell)
                        || subj_start > outer.content.start
                            && self.is(
                                subj_start - 1,
                                &[
                                    "after", "as", "when", "while", "before", "because", "since",
                                    "once",
                                ],
                            ))
                    && !self.reg.same_side(inner.speaker, outer.speaker);
                if coordinated || other_words {
                    continue;
                }
                if inner.speaker == outer.speaker {
                    drop[g] = inner.class != FrameClass::According;
                    // "“...,” Price wrote on Twitter, calling for ...": the
                    // quotation the inner verb closes stays in the words.
                    if drop[g] && inner.content.start < outer.content.start {
                        let s = inner.content.start;
                        frames[o].content.start = s;
                    }
                    continue;
                }
                let modal = inner.cue.start > 0
                    && (self.has(inner.cue.start - 1, MODAL)
                        || (inner.cue.start > 1 && self.has(inner.cue.start - 2, MODAL)));
                // "Armenia and Georgia agreed to resume talks, Kallas said":
                // another side's agreement or view, passed on, is its own.
                let others_view = inner.class == FrameClass::Think
                    && self.reg.code(inner.speaker).is_some()
                    && !self.reg.same_side(inner.speaker, outer.speaker);
                let act = matches!(outer.class, FrameClass::Say | FrameClass::Tell)
                    && self.is_past(inner.cue.start)
                    && !modal
                    && (others_view
                        || !matches!(
                            inner.class,
                            FrameClass::Think
                                | FrameClass::Predicate
                                | FrameClass::Label
                                | FrameClass::NoComment
                        ));
                let person = self.reg.entries[inner.speaker].person;
                // "Guterres ... called on both governments to show
                // moderation, his spokesman said": a spokesperson closing
                // with the principal's position speaks himself.
                let spokesperson_closing = inner.cue.start < outer.cue.start
                    && self.reg.same_side(inner.speaker, outer.speaker)
                    && self.reg.entries[outer.speaker]
                        .actor
                        .roles
                        .iter()
                        .any(|r| r.title.to_lowercase().starts_with("spokes"));
                if spokesperson_closing {
                    drop[g] = true;
                    continue;
                }
                // An outlet's report passes on the words of anyone it reports.
                let outlet = self.reg.is_outlet(outer.speaker);
                if act && (person || outlet || !self.reg.same_side(inner.speaker, outer.speaker)) {
                    let mut chain = outer.relay.clone();
                    chain.push(outer.speaker);
                    let g_frame = &mut frames[g];
                    for r in chain.into_iter().rev() {
                        if !g_frame.relay.contains(&r) && r != g_frame.speaker {
                            g_frame.relay.insert(0, r);
                        }
                    }
                    // The inner act covers what the outer said. A view passed
                    // on leaves the one who passed it a statement of its own,
                    // with no words of its own ("..., Kallas said").
                    let (oc, gc) = (frames[o].content.clone(), frames[g].content.clone());
                    frames[g].content = oc.start.min(gc.start)..oc.end.max(gc.end);
                    if others_view {
                        let at = frames[o].cue.end;
                        frames[o].content = at..at;
                    } else {
                        drop[o] = true;
                    }
                } else if inner.class != FrameClass::According {
                    drop[g] = true;
                }
            }
        }
        frames
            .into_iter()
            .zip(drop)
            .filter(|(_, d)| !d)
            .map(|(f, _)| f)
            .collect()
    }

    /// Content runs to where another speaker's frame begins.
    fn end_content_at_other_speakers(&self, frames: &mut [Frame]) {
        // Content runs to where another speaker's frame begins.
        for k in 0..frames.len() {
            let next_other = frames[k + 1..]
                .iter()
                .find(|f| {
                    f.speaker != frames[k].speaker && f.subject.start > frames[k].content.start
                })
                .map(|f| {
                    let n = f.subject.start.min(f.cue.start);
                    // "..., and the agency quoted Y": up to the comma.
                    (n.saturating_sub(7).max(frames[k].content.start + 1)..n)
                        .find(|&j| {
                            self.is_comma(j - 1)
                                && (self.is(j, &["and"]) && self.after_comma_and(n, j - 1)
                                    || self.has(j, COORDINATOR) && j + 1 == n)
                        })
                        .map_or(n, |j| j - 1)
                });
            if let Some(n) = next_other
                && n < frames[k].content.end
                && n > frames[k].content.start
            {
                frames[k].content.end = n;
            }
        }
    }

    /// "Brazil condemned the raid, while Nicaragua broke off relations ...":
    /// another side acting in a coordinated clause is not part of the words;
    /// its act is its own.
    fn split_coordinated_acts(
        &mut self,
        frames: &mut Vec<Frame>,
        dates: &[super::dates::DateMention],
    ) {
        // "Brazil condemned the raid, while Nicaragua broke off relations
        // ...": another side acting in a coordinated clause is not part of
        // the words; its act is its own.
        let mut acts = Vec::new();
        for f in frames.iter_mut() {
            if matches!(f.class, FrameClass::Headline | FrameClass::Predicate) {
                continue;
            }
            let cut = (f.content.start + 1..f.content.end.saturating_sub(3)).find_map(|k| {
                if !(self.is_comma(k) && self.has(k + 1, WHILE_WHEREAS | AND | BUT)) {
                    return None;
                }
                if self.seg.quote_of(k).is_some() {
                    return None;
                }
                let (_, m) = self
                    .mentions_in(k + 2..(k + 6).min(f.content.end))
                    .find(|(_, m)| m.toks.start == k + 2)?;
                let other = !m.possessive
                    && m.form == Form::Name
                    && self.reg.code(m.actor).is_some()
                    && !self.reg.same_side(m.actor, f.speaker)
                    && self.verb_follows(m.toks.end, f.content.end);
                other.then_some(k)
            });
            if let Some(k) = cut {
                let end = f.content.end;
                f.content.end = k;
                if let Some(p) = self.predicate_frame(k + 2, end, dates) {
                    acts.push(p);
                }
            }
        }
        frames.extend(acts);
        frames.sort_by_key(|f| f.cue.start);
    }

    /// "..., the agency said, citing X" and "The agency, citing X, said":
    /// X speaks, the agency relays.
    fn cited_sources(&mut self, frames: &mut [Frame], start: usize, end: usize) {
        // "..., the agency said, citing X" and "The agency, citing X, said":
        // X speaks, the agency relays.
        for f in frames
            .iter_mut()
            .filter(|f| matches!(f.class, FrameClass::Say | FrameClass::Tell))
        {
            let mut k = f.cue.end.max(f.subject.end);
            if self.is_comma(k) {
                k += 1;
            }
            let mut limit = (k + 12).min(end);
            if !self.is(k, &["citing"]) {
                // "Broadcaster KBS, citing an unnamed official, said ...".
                let between = f.subject.end + 1;
                if !(f.subject.end < f.cue.start
                    && self.is_comma(f.subject.end)
                    && self.is(between, &["citing", "quoting"]))
                {
                    continue;
                }
                k = between;
                limit = (k + 1..f.cue.start)
                    .find(|&j| self.is_comma(j))
                    .unwrap_or(f.cue.start);
            }
            let named: Vec<&super::doc::Mention> = self
                .mentions_in(k + 1..limit)
                .map(|(_, m)| m)
                .filter(|m| !m.possessive && m.form == Form::Name)
                .collect();
            let source = named
                .iter()
                .find(|m| self.reg.entries[m.actor].person)
                .or_else(|| named.first())
                .map(|m| m.actor)
                .or_else(|| {
                    // "citing project manager Kifle Horo": a name after plain words.
                    let lo = k + 1;
                    let at = (lo..(lo + 4).min(limit)).find(|&j| self.is_name_token(j))?;
                    let e = self.name_run(at, limit);
                    (e > at + 1 && (lo..at).all(|j| self.t.toks[j].kind == Kind::Word))
                        .then(|| ActorPass::new(self.doc, self.disc).person_from_run(at..e))
                })
                .or_else(|| self.unnamed_source(k + 1..limit, f.speaker));
            if let Some(a) = source
                && a != f.speaker
            {
                f.relay.push(f.speaker);
                f.speaker = a;
            }
        }
        // "NHK, citing a senior official, reported that Takaichi had told
        // ...": words an outlet relays through a cited source are relayed by
        // both, the outlet first.
        for f in frames.iter_mut() {
            let Some(&outlet) = f.relay.last() else {
                continue;
            };
            if !self.reg.is_outlet(outlet) {
                continue;
            }
            let lead = f.subject.start.min(f.cue.start);
            // ", citing X" before the speaker, or after the words in the
            // closing attribution ("..., Reuters reported, citing state TV").
            let Some(k) = (start..end).rfind(|&j| {
                (j < lead || j >= f.content.end)
                    && self.is(j, &["citing", "quoting"])
                    && j > 0
                    && self.is_comma(j - 1)
            }) else {
                continue;
            };
            let stop = if k < lead { lead } else { end };
            let limit = (k + 1..stop).find(|&j| self.is_comma(j)).unwrap_or(stop);
            let named = self
                .mentions_in(k + 1..limit)
                .map(|(_, m)| m)
                .find(|m| !m.possessive && m.form == Form::Name)
                .map(|m| m.actor);
            let source = match named {
                Some(a) => Some(a),
                None => self.unnamed_source(k + 1..limit, outlet),
            };
            if let Some(a) = source
                && a != f.speaker
                && !f.relay.contains(&a)
            {
                f.relay.push(a);
            }
        }
    }

    /// "In a statement carried by KCNA, Kim declared ...", "Aliyev, in a
    /// statement carried by Azertac, said", "Cavusoglu, quoted by Anadolu,
    /// said": the outlet relays.
    fn outlet_relays(&self, frames: &mut [Frame], start: usize) {
        // "In a statement carried by KCNA, Kim declared ...", "Aliyev, in a
        // statement carried by Azertac, said", "Cavusoglu, quoted by
        // Anadolu, said": the outlet relays.
        for f in frames.iter_mut().filter(|f| f.relay.is_empty()) {
            let before = start..f.subject.start.min(f.cue.start);
            let between = f.subject.end..f.cue.start;
            let outlet = [before, between]
                .into_iter()
                .find_map(|lead| self.outlet_in(lead, f.speaker));
            if let Some(m) = outlet {
                f.relay.push(m);
            } else if let Some((m, after)) = self.outlet_after_verb(f) {
                // "Kim said in a statement carried by KCNA that ...", "Tsahkna
                // claimed, as quoted by ERR, that ...".
                f.relay.push(m);
                if f.class != FrameClass::Speech {
                    f.content.start = after;
                }
            } else if let Some((m, comma)) = self.closing_outlet(f) {
                // "Mori said Japan had lodged a protest, in remarks carried
                // by Kyodo News.": the closing phrase names the outlet.
                f.relay.push(m);
                f.content.end = comma;
            }
        }
    }

    /// "X was quoted by KCNA as saying ...", "“...,” the spokesperson
    /// was quoted by Yonhap as saying": the subject speaks, the outlet
    /// relays; the words are the quotation before the subject, else what
    /// follows "as saying".
    fn passive_quote_frame(
        &self,
        verb: &Range<usize>,
        start: usize,
        end: usize,
        dates: &[super::dates::DateMention],
    ) -> Option<Frame> {
        let be = verb
            .start
            .checked_sub(1)
            .filter(|&b| b > start && self.has(b, BE))?;
        // "... was quoted by Interfax as saying ..." or, the words told
        // before, "..., Peskov was quoted as saying by news agency Interfax."
        let closing = self.is(verb.end, &["as"])
            && self.norm(verb.end + 1).ends_with("ing")
            && self.is(verb.end + 2, &["by"]);
        let by = if closing { verb.end + 2 } else { verb.end };
        let (_, m) = self
            .mentions_in(by + 1..end.min(by + 5))
            .find(|(_, m)| self.reg.is_outlet(m.actor))?;
        let after = m.toks.end;
        // "by the news agency Interfax": lowercase words may come between.
        let between_ok = (by + 1..m.toks.start)
            .all(|k| self.t.toks[k].kind == Kind::Word && !self.t.toks[k].is(CAP));
        if !(between_ok
            && (closing || self.is(after, &["as"]) && self.norm(after + 1).ends_with("ing")))
        {
            return None;
        }
        let (speaker, subject) = self.subject_before(be, start, dates)?;
        let content = match self.quote_ending_before(subject.start, start) {
            Some(q) => q,
            // "It was a positive sign ..., Peskov was quoted as saying by
            // Interfax": the words before the comma that opens the subject.
            None if closing && subject.start > start + 1 && self.is_comma(subject.start - 1) => {
                start..subject.start - 1
            }
            None if closing => return None,
            None => {
                let mut c = after + 2;
                if self.is(c, &["that"]) {
                    c += 1;
                }
                c..end
            }
        };
        (speaker != m.actor && content.start < content.end).then(|| Frame {
            speaker,
            relay: vec![m.actor],
            cue: verb.clone(),
            content,
            class: FrameClass::Say,
            subject,
            addressee: None,
            passive_target: None,
        })
    }

    /// An outlet named in a phrase that closes a frame's words ("..., in
    /// remarks carried by Kyodo News", "..., as broadcast by CCTV"), and the
    /// comma that opens the phrase.
    fn closing_outlet(&self, f: &Frame) -> Option<(usize, usize)> {
        let lo = f.content.start.max(f.cue.end);
        let comma = (lo..f.content.end)
            .rev()
            .take(16)
            .find(|&k| self.is_comma(k) && self.is(k + 1, &["in", "as"]))?;
        let outlet = self.outlet_in(comma + 1..f.content.end, f.speaker)?;
        Some((outlet, comma))
    }

    /// Remembers who spoke last, which institution issued words, and the
    /// person a later "he" or "she" means.
    fn remember_speakers(&mut self, frames: &[Frame], start: usize, end: usize) {
        // "Vucic struck a similarly uncompromising tone. ... he told RTS":
        // a person who opens a sentence without speaking in it is whom a
        // later "he" or "she" means.
        let opener = self
            .mentions_in(start..end)
            .next()
            .filter(|(_, m)| {
                m.toks.start == start
                    && m.form == Form::Name
                    && !m.possessive
                    && self.reg.entries[m.actor].person
            })
            .map(|(_, m)| m.actor);
        if frames.is_empty() && opener.is_some() {
            self.disc.last_subject_person = opener;
        }
        if let Some(f) = frames.last() {
            let issuer = f
                .relay
                .last()
                .copied()
                .filter(|&r| !self.reg.entries[r].person)
                .or((!self.reg.entries[f.speaker].person).then_some(f.speaker));
            if issuer.is_some() {
                self.disc.last_issuer = issuer;
            }
            self.disc.last_speaker = Some(f.speaker);
            self.disc.last_outlet_relay.clear();
            if f.relay.first().is_some_and(|&r| self.reg.is_outlet(r)) {
                self.disc.last_outlet_relay.extend_from_slice(&f.relay);
            }
            if self.reg.entries[f.speaker].person {
                self.disc.last_subject_person = Some(f.speaker);
            }
        }
    }

    /// Whom a "tell" verb's words are addressed to ("told him"), and where
    /// its words begin ("told reporters that").
    fn addressee(&self, f: &mut Frame, unquoted: bool, end: usize) {
        if let Some((_, m)) = self
            .mentions_in(f.content.start..end)
            .find(|(_, m)| m.toks.start == f.content.start)
        {
            f.addressee = Some(m.actor);
            if unquoted {
                f.content.start = m.toks.end;
            }
        } else if unquoted {
            // "told reporters", "told a news conference".
            let mut c = f.content.start;
            while c < end
                && c < f.content.start + 4
                && !self.is(c, &["that", "on", "in", ","])
                && self.seg.quote_of(c).is_none()
            {
                c += 1;
            }
            f.content.start = c;
        }
    }

    /// "RIA quoted Peskov as saying ...": the quoted one speaks, the outlet relays.
    fn quoted_speaker(&mut self, f: &mut Frame, end: usize) {
        let verb = f.cue.clone();
        // "RIA quoted Peskov as saying ...": the quoted one speaks.
        let window = (verb.end..(verb.end + 6).min(end))
            .find(|&k| self.is(k, &["as", ","]) || self.is_comma(k))
            .unwrap_or((verb.end + 6).min(end));
        let quoted: Vec<&super::doc::Mention> = self
            .mentions_in(verb.end..window)
            .filter(|(_, m)| matches!(m.form, Form::Name | Form::Definite) && !m.possessive)
            .map(|(_, m)| m)
            .collect();
        // "quoted the military spokesperson, Colonel X, as saying": the
        // person apposed after the comma.
        let apposed = || {
            if !self.is_comma(window) {
                return None;
            }
            let stop = (window + 1..(window + 8).min(end))
                .find(|&k| self.is_comma(k) || self.is(k, &["as", "to"]))?;
            self.mentions_in(window + 1..stop)
                .map(|(_, m)| m)
                .find(|m| m.form == Form::Name && self.reg.entries[m.actor].person)
        };
        let pick = quoted
            .iter()
            .find(|m| self.reg.entries[m.actor].person)
            .copied()
            .or_else(apposed)
            .or(quoted.first().copied());
        if let Some(m) = pick {
            f.relay.push(f.speaker);
            f.speaker = m.actor;
            f.subject = m.toks.clone();
            f.content.start = m.toks.end;
        } else if let Some(a) = self.unnamed_source(verb.end..window, f.speaker) {
            // "Yonhap quoted a JCS official as saying ...".
            f.relay.push(f.speaker);
            f.speaker = a;
            f.content.start = (verb.end..window)
                .find(|&k| self.is(k, &["as"]))
                .map_or(window, |k| k + 1);
        } else if self.is(window, &["as"]) {
            // "Yonhap quoted Kang Yu-jung as saying ...": a name the lexicon
            // does not know, right after the verb, is a person's.
            let at = verb.end;
            let e = self.name_run(at, window);
            let words = (at..e)
                .filter(|&j| self.t.toks[j].kind == Kind::Word)
                .count();
            if e == window && (2..=4).contains(&words) && self.is_name_token(at) {
                let person = ActorPass::new(self.doc, self.disc).person_from_run(at..e);
                if self.reg.entries[person].person {
                    f.relay.push(f.speaker);
                    f.speaker = person;
                    f.subject = at..e;
                    f.content.start = window + 1;
                }
            }
        }
    }

    /// Whether a subject starting at `at` opens a relative clause on a claim
    /// ("..., a charge Yerevan has rejected", "an accusation that Beijing
    /// denies"): the clause's speaker answers, it does not relay.
    fn after_claim_noun(&self, at: usize) -> bool {
        at >= 1
            && (self.in_class(at - 1, WordClass::Claim)
                || at >= 2
                    && self.is(at - 1, &["that", "which"])
                    && self.in_class(at - 2, WordClass::Claim))
    }

    /// Whether a subject starting at `at` follows a noun set off by a comma,
    /// as in a relative clause that closes a sentence in the reporter's
    /// voice: "..., a condition the RSF swiftly rejected", "..., a move
    /// that Manila rejected".
    fn after_apposed_noun(&self, at: usize) -> bool {
        let mut k = at;
        if k >= 1 && self.is(k - 1, &["that", "which"]) {
            k -= 1;
        }
        k >= 3
            && self.t.toks[k - 1].kind == Kind::Word
            && !self.t.toks[k - 1].is(CAP)
            && self.is(k - 2, &["a", "an"])
            && self.is_comma(k - 3)
    }

    /// Whether a subject starting at `at` opens a clause joined by ", and"
    /// ("X said ..., and the agency quoted Y as saying ..."), with at most a
    /// few words of its own before it ("the state news agency IRNA").
    fn after_comma_and(&self, at: usize, floor: usize) -> bool {
        let lo = at.saturating_sub(7).max(floor + 1);
        (lo..at).rev().any(|k| {
            self.is(k, &["and"])
                && self.is_comma(k - 1)
                && (k + 1..at).all(|j| {
                    matches!(self.t.toks[j].kind, Kind::Word | Kind::Clitic)
                        && self.seg.quote_of(j).is_none()
                })
        })
    }

    /// Whether the clause ends between a comma before `at` and ... (an
    /// "according to" after a complete clause).
    fn is_clause_end_before(&self, at: usize, end: usize) -> bool {
        // ", according to X." at the end of a sentence governs what precedes.
        let after = (at..self.t.len()).find(|&k| self.is_comma(k) || self.is(k, &["."]));
        after.is_none_or(|k| self.is(k, &["."]) || k + 1 >= end)
    }

    /// A stance cue with an actor subject and no reporting verb: "Putin still
    /// supports continuing negotiations", "Zelensky ruled out talks".
    fn predicate_frame(
        &self,
        start: usize,
        end: usize,
        dates: &[super::dates::DateMention],
    ) -> Option<Frame> {
        for i in start..end {
            if self.seg.quote_of(i).is_some() {
                continue;
            }
            for h in self.hits_at(i) {
                let Payload::Cue(c) = h.payload else { continue };
                let cue = &self.m.lexicon.stance_cues()[c as usize];
                if cue.weak || cue.label || h.end as usize > end {
                    continue;
                }
                // "its vow to avenge": a noun phrase, not a predicate.
                if i > start && self.has(i - 1, POSS | CLITIC_S) && !cue.speech {
                    continue;
                }
                // The subject right before the cue, or the one opening its
                // clause or sentence ("Greece, like most members, plans to ...").
                let subject = self
                    .subject_before(i, start, dates)
                    .or_else(|| self.opening_subject(start, end, i));
                if let Some((speaker, subj)) = subject {
                    return Some(Frame {
                        speaker,
                        relay: Vec::new(),
                        cue: i..i,
                        content: i..end,
                        class: FrameClass::Predicate,
                        subject: subj,
                        addressee: None,
                        passive_target: None,
                    });
                }
            }
        }
        None
    }

    /// A sentence led by a speaker's name and a colon, as live blogs and
    /// round-ups write: "More from Milosavljević: the army has been placed
    /// on alert", "Zelensky: we will never give up". The words after the
    /// colon are the speaker's.
    fn colon_lead_frame(&self, start: usize, end: usize) -> Option<Frame> {
        let mut i = start;
        if self.is(i, &["more", "update", "also"]) && self.is(i + 1, &["from"]) {
            i += 2;
        }
        let (_, m) = self
            .mentions_in(i..end)
            .find(|(_, m)| m.toks.start == i && m.form == Form::Name)?;
        let colon = m.toks.end;
        let speaks = self.reg.entries[m.actor].person || self.reg.code(m.actor).is_some();
        (speaks && colon + 2 < end && self.is(colon, &[":"])).then(|| Frame {
            speaker: m.actor,
            relay: Vec::new(),
            cue: colon..colon + 1,
            content: colon + 1..end,
            class: FrameClass::Say,
            subject: m.toks.clone(),
            addressee: None,
            passive_target: None,
        })
    }

    /// A title that names its speaker after a closing dash or colon:
    /// "Seizure will not go unanswered — Zakharova", "India, Pakistan agree
    /// to ceasefire: Ishaq Dar" (the words before it are said).
    fn closing_dash_frame(&self, r: Range<usize>) -> Option<Frame> {
        let (_, m) = self
            .mentions_in(r.clone())
            .filter(|(_, m)| m.toks.end == r.end && matches!(m.form, Form::Name))
            .last()?;
        let dash = m.toks.start.checked_sub(1)?;
        // "... agree to ceasefire: Ishaq Dar": a colon too.
        let fits = dash > r.start + 1
            && (matches!(self.norm(dash), "—" | "–" | "-")
                && self.t.toks[dash].is(super::token::SPACE_BEFORE)
                || self.norm(dash) == ":" && m.toks.start + 1 < m.toks.end);
        fits.then(|| Frame {
            speaker: m.actor,
            relay: Vec::new(),
            cue: dash..dash + 1,
            content: r.start..dash,
            class: FrameClass::Headline,
            subject: m.toks.clone(),
            addressee: None,
            passive_target: None,
        })
    }

    /// A headline that attributes a position: "Kremlin Demands International
    /// Condemnation", "Putin Blames Kyiv for “Terrorist Act”".
    fn attribute_headline(&mut self, s: usize) -> Vec<Frame> {
        let sent = self.seg.sentences[s].clone();
        let r = sent.toks.clone();
        if let Some(f) = self.closing_dash_frame(r.clone()) {
            return vec![f];
        }
        let Some((speaker, subj)) = self
            .mentions_in(r.clone())
            .find(|(_, m)| m.toks.start == r.start && matches!(m.form, Form::Name))
            .map(|(_, m)| (m.actor, m.toks.clone()))
        else {
            return Vec::new();
        };
        // "Doha and Cairo ...", "China, Russian Federation Denounce ...":
        // the first of joined subjects speaks; what they say follows the last.
        let mut after = subj.end;
        while after + 1 < r.end
            && (self.is_comma(after) || self.is(after, &["and"]))
            && let Some((_, m)) = self
                .mentions_in(after + 1..r.end)
                .find(|(_, m)| m.toks.start == after + 1 && matches!(m.form, Form::Name))
        {
            after = m.toks.end;
        }
        while after < r.end && self.t.toks[after].kind == Kind::Clitic {
            after += 1;
        }
        let has_cue = (after..r.end).any(|i| {
            self.hits_at(i).iter().any(|h| match h.payload {
                Payload::Cue(_) => true,
                Payload::Verb(v) => !matches!(
                    self.m.lexicon.reporting_verbs()[v as usize].class,
                    ReportingClass::Think
                ),
                _ => false,
            })
        });
        // "Abiy: \"We do not want war\"", "Guterres \"deeply alarmed\"": a
        // name before a colon or a quotation says it, with a cue or not.
        let quoted = after + 1 < r.end
            && (self.norm(after) == ":"
                || matches!(self.t.toks[after].kind, Kind::OpenQuote | Kind::Quote));
        if !(has_cue || quoted) || subj.end < r.end && self.t.toks[subj.end].kind == Kind::Clitic {
            return Vec::new();
        }
        let frame = |speaker: usize, subject: Range<usize>, from: usize, to: usize| Frame {
            speaker,
            relay: Vec::new(),
            cue: from..(from + 1).min(to),
            content: from..to,
            class: FrameClass::Headline,
            subject,
            addressee: None,
            passive_target: None,
        };
        // "Council Fails to Adopt Draft as China Casts Veto": another side
        // named after "as" or "after" holds what follows.
        let second = (after + 1..r.end.saturating_sub(2))
            .filter(|&k| self.is(k, &["as", "after"]))
            .find_map(|k| {
                let (_, m) = self
                    .mentions_in(k + 1..r.end)
                    .find(|(_, m)| m.toks.start == k + 1 && matches!(m.form, Form::Name))?;
                let cue = (m.toks.end..r.end).any(|i| {
                    self.hits_at(i)
                        .iter()
                        .any(|h| matches!(h.payload, Payload::Cue(_)))
                });
                (cue && !self.reg.same_side(m.actor, speaker)).then(|| (k, m.actor, m.toks.clone()))
            });
        match second {
            Some((k, other, at)) => vec![
                frame(speaker, subj, after, k),
                frame(other, at.clone(), at.end, r.end),
            ],
            None => vec![frame(speaker, subj, after, r.end)],
        }
    }

    /// Writes each sentence's mentions and frames, for [`crate::Parser::explain`].
    pub fn trace_sentences(&self, frames: &[Vec<Frame>], out: &mut String) {
        use std::fmt::Write;
        for (s, sent) in self.seg.sentences.iter().enumerate() {
            let _ = writeln!(
                out,
                "sentence {s}{}: {}",
                if sent.headline { " (headline)" } else { "" },
                self.slice(sent.toks.clone())
            );
            let mentions: Vec<String> = self
                .mentions_in(sent.toks.clone())
                .map(|(_, m)| {
                    format!(
                        "{}={}{:?}",
                        self.slice(m.toks.clone()),
                        self.reg.entries[m.actor].actor.id,
                        m.form
                    )
                })
                .collect();
            let _ = writeln!(out, "  mentions: {}", mentions.join(", "));
            for f in &frames[s] {
                let relay: Vec<String> = f
                    .relay
                    .iter()
                    .map(|&r| self.reg.entries[r].actor.id.to_string())
                    .collect();
                let _ = writeln!(
                    out,
                    "  frame {:?} speaker {} relay {:?} cue {:?} content {:?}",
                    f.class,
                    self.reg.entries[f.speaker].actor.id,
                    relay,
                    self.slice(f.cue.clone()),
                    self.slice(f.content.clone())
                );
            }
        }
    }
}
