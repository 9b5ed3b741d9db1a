//! Statement assembly: attribution frames grouped into drafts of
//! statements (one per speaker and sentence, quotations over several
//! sentences kept together), their stances aimed and completed, and each
//! draft turned into the model's [`Statement`].

use crate::lexicon::TitleRank;
use std::ops::Range;

use chrono::NaiveDate;

use super::attribution::{Frame, FrameClass};
use super::context::Pending;
use super::doc::Doc;
use super::segment::SentenceIdx;
use super::stances::{self, Found};
use super::{dates, events, token};
use crate::model::{Cue, DocumentId, QuoteKind, Stance, StanceKind, Statement, When};

/// A statement being assembled.
pub(super) struct Draft {
    /// The sentence, and the attributing words' tokens, in 32 bits: a
    /// draft of 112 bytes, not 128.
    pub(super) sentence: u32,
    pub(super) span: Range<usize>,
    pub(super) speaker: usize,
    pub(super) quote: QuoteKind,
    pub(super) cue: Option<Range<u32>>,
    pub(super) when: When,
    pub(super) regions: Vec<Range<usize>>,
    pub(super) headline: bool,
    /// Reported words ("said", "according to"), as opposed to acts and views.
    pub(super) reports: bool,
    /// Only views ("Moscow views ..."): a statement only if it holds a stance.
    pub(super) view_only: bool,
    pub(super) extras: Extras,
    pub(super) found: Vec<Found>,
}

impl Draft {
    /// Gives back the room its lists keep for elements to come.
    pub(super) fn shrink_to_fit(&mut self) {
        self.regions.shrink_to_fit();
        self.found.shrink_to_fit();
    }
}

/// What only some drafts have (one in ten in news text): relays, words
/// declining to comment, an addressee, joined subjects, passive stance
/// verbs. Boxed, and none for the others: 8 bytes a draft, not 112.
#[derive(Default)]
pub(super) struct Extras(Option<Box<ExtraFields>>);

#[derive(Default)]
struct ExtraFields {
    relay: Box<[usize]>,
    nocomment: Box<[Range<usize>]>,
    addressee: Option<usize>,
    co: Box<[usize]>,
    passive: Box<[(usize, usize)]>,
}

impl Extras {
    fn new(
        relay: Vec<usize>,
        nocomment: Vec<Range<usize>>,
        addressee: Option<usize>,
        co: Vec<usize>,
        passive: Vec<(usize, usize)>,
    ) -> Extras {
        if relay.is_empty()
            && nocomment.is_empty()
            && addressee.is_none()
            && co.is_empty()
            && passive.is_empty()
        {
            return Extras(None);
        }
        Extras(Some(Box::new(ExtraFields {
            relay: relay.into(),
            nocomment: nocomment.into(),
            addressee,
            co: co.into(),
            passive: passive.into(),
        })))
    }

    /// Relays, outermost first.
    pub(super) fn relay(&self) -> &[usize] {
        self.0.as_ref().map_or(&[], |x| &x.relay)
    }

    /// Where the speaker declines to comment.
    pub(super) fn nocomment(&self) -> &[Range<usize>] {
        self.0.as_ref().map_or(&[], |x| &x.nocomment)
    }

    /// Whom the words were addressed to ("told him").
    pub(super) fn addressee(&self) -> Option<usize> {
        self.0.as_ref().and_then(|x| x.addressee)
    }

    /// Subjects joined to the speaker, who hold its stances too.
    pub(super) fn co(&self) -> &[usize] {
        self.0.as_ref().map_or(&[], |x| &x.co)
    }

    /// Passive stance verbs and their subjects: the stance's target.
    pub(super) fn passive(&self) -> &[(usize, usize)] {
        self.0.as_ref().map_or(&[], |x| &x.passive)
    }
}

/// Groups frames into statements, one per speaker and sentence, with
/// quotations over several sentences kept together.
pub(super) fn drafts(
    doc: &Doc<'_>,
    frames: &[Vec<Frame>],
    dates: &[dates::DateMention],
) -> Vec<Draft> {
    // At most one draft a frame.
    let mut out: Vec<Draft> = Vec::with_capacity(frames.iter().map(Vec::len).sum());
    let sentences = &doc.seg.sentences;
    // A speaker's frames in a sentence, the list kept from one to the next.
    let mut own: Vec<&Frame> = Vec::new();
    for (s, fs) in frames.iter().enumerate() {
        let sent = &sentences[s];
        let body = sent.body_start..sent.toks.end;
        let Some(head) = fs.first() else {
            continue_quotation(doc, &mut out, s);
            continue;
        };
        let several = fs.iter().any(|f| f.speaker != head.speaker);
        // Each speaker once, in the order of their first frames.
        for (k, f) in fs.iter().enumerate() {
            let sp = f.speaker;
            if fs[..k].iter().any(|g| g.speaker == sp) {
                continue;
            }
            own.clear();
            own.extend(fs[k..].iter().filter(|f| f.speaker == sp));

            let mut span = if several {
                own_span(&own, &body)
            } else {
                body.clone()
            };
            // One region a frame: sized once, nothing to give back.
            let mut regions = Vec::with_capacity(own.len());
            let mut nocomment = Vec::new();
            for f in &own {
                // A quotation opened in an earlier sentence.
                let open = doc
                    .seg
                    .quote_of(f.content.start.min(doc.t.len().saturating_sub(1)))
                    .map(|q| doc.seg.quotes[q as usize])
                    .filter(|q| q.open < sent.toks.start && q.close >= f.content.start);
                if let Some(q) = open {
                    span.start = span.start.min(q.open);
                    regions.push(q.open..f.content.end);
                } else {
                    regions.push(f.content.clone());
                }
                // Declining to comment on something takes no stance on it:
                // "declined to comment on the strike by Iran-backed groups".
                if f.class == FrameClass::NoComment {
                    nocomment.push(f.cue.start..f.content.end.max(f.cue.end));
                }
            }
            if span.start < body.start {
                drop_swallowed(&mut out, &span, sp);
            }
            let relay = own
                .iter()
                .find(|f| !f.relay.is_empty())
                .map(|f| f.relay.clone())
                .unwrap_or_default();
            let first = own[0];
            let headline = first.class == FrameClass::Headline;
            let quote = if headline {
                QuoteKind::Headline
            } else {
                quote_kind(doc, &regions)
            };
            let cue = first.cue.clone();
            let when = when_said(doc, dates, first, &body);
            out.push(Draft {
                sentence: s as u32,
                span,
                speaker: sp,
                quote,
                cue: (!headline && !cue.is_empty() && first.class != FrameClass::Predicate)
                    .then_some(cue.start as u32..cue.end as u32),
                when,
                regions,
                headline,
                extras: Extras::new(
                    relay,
                    nocomment,
                    own.iter().find_map(|f| f.addressee),
                    if matches!(
                        first.class,
                        FrameClass::Say
                            | FrameClass::Tell
                            | FrameClass::Speech
                            | FrameClass::Headline
                            | FrameClass::Predicate
                            | FrameClass::Think
                    ) {
                        doc.conjuncts(first.subject.clone(), sp)
                    } else {
                        Vec::new()
                    },
                    own.iter()
                        .filter_map(|f| f.passive_target.map(|t| (f.cue.start, t)))
                        .collect(),
                ),
                reports: own.iter().any(|f| {
                    matches!(
                        f.class,
                        FrameClass::Say
                            | FrameClass::Tell
                            | FrameClass::According
                            | FrameClass::Quote
                    )
                }),
                view_only: own.iter().all(|f| matches!(f.class, FrameClass::Think)),
                found: Vec::new(),
            });
            if let Some(d) = out.last_mut() {
                d.shrink_to_fit();
            }
        }
    }
    out
}

/// A sentence with no frame of its own: a quotation going on from the
/// previous statement, or a quoted sentence right after one, is the same
/// speaker's words.
fn continue_quotation(doc: &Doc<'_>, out: &mut [Draft], s: usize) {
    let sentences = &doc.seg.sentences;
    let sent = &sentences[s];
    let body = sent.body_start..sent.toks.end;
    let Some(prev) = out.last_mut() else {
        return;
    };
    let adjacent =
        prev.span.end == sent.toks.start || prev.span.end >= sent.toks.start.saturating_sub(1);
    let first_quote = doc.seg.quote_of(sent.body_start);
    let continues = sent.starts_in_quote
        && first_quote.is_some_and(|q| doc.seg.quotes[q as usize].open >= prev.span.start);
    let whole_quote = first_quote.is_some_and(|q| {
        let q = doc.seg.quotes[q as usize];
        q.open == sent.body_start
            && q.closed
            // Closing at the sentence's end, or later: a quotation of
            // several sentences opening here (“We are appalled ... . We
            // condemn ... .”), whose later sentences go on from this one.
            && q.close + 2 >= sent.toks.end
    });
    if adjacent
        && !prev.headline
        && (continues || whole_quote)
        && sentences[s].para <= sentences[prev.sentence as usize].para + 1
    {
        prev.span.end = sent.toks.end;
        prev.regions.push(body);
    }
}

/// Several speakers in one sentence ("X said ..., and Y said ..."): each
/// statement covers its own words, `own` frames, within the sentence's `body`.
fn own_span(own: &[&Frame], body: &Range<usize>) -> Range<usize> {
    let lo = own
        .iter()
        .map(|f| f.subject.start.min(f.cue.start).min(f.content.start))
        .min();
    let hi = own
        .iter()
        .map(|f| f.content.end.max(f.cue.end).max(f.subject.end))
        .max();
    if let (Some(lo), Some(hi)) = (lo, hi)
        && body.start <= lo
        && lo < hi
        && hi <= body.end
    {
        return lo..hi;
    }
    body.clone()
}

/// Drops the statements of speaker `sp` that a quotation from an earlier
/// sentence, now starting `span`, swallowed, and ends the one before there.
fn drop_swallowed(out: &mut Vec<Draft>, span: &Range<usize>, sp: usize) {
    while out
        .last()
        .is_some_and(|d| d.span.start >= span.start && d.speaker == sp)
    {
        out.pop();
    }
    if let Some(prev) = out.last_mut()
        && prev.span.end > span.start
    {
        prev.span.end = span.start.max(prev.span.start + 1);
        prev.regions.retain(|r| r.start < span.start);
        for r in &mut prev.regions {
            r.end = r.end.min(span.start);
        }
    }
}

/// The date the words of `first` were said: near the attributing verb, or
/// near the start of the words a closing attribution carries.
fn when_said(
    doc: &Doc<'_>,
    dates: &[dates::DateMention],
    first: &Frame,
    body: &Range<usize>,
) -> When {
    let cue = first.cue.clone();
    let near = cue.start.saturating_sub(4).max(body.start)..(cue.end + 8).min(body.end);
    let mut when = dates::dates_in(dates, near)
        .iter()
        .find(|d| d.toks.start <= cue.end + 6 && !doc.in_quote(d.toks.start))
        .map_or(When::Unknown, |d| d.when);
    // "South Korea on Sunday condemned ..., the ministry said": a
    // closing attribution's words carry the date near their start.
    if when.is_unknown() && first.content.end <= cue.start {
        let head = first.content.start..(first.content.start + 10).min(first.content.end);
        if let Some(d) = dates::dates_in(dates, head)
            .iter()
            .find(|d| !doc.in_quote(d.toks.start))
        {
            when = d.when;
        }
    }
    when
}

fn quote_kind(doc: &Doc<'_>, regions: &[Range<usize>]) -> QuoteKind {
    let (mut quoted, mut plain) = (0, 0);
    for r in regions {
        for i in r.clone() {
            if doc.t.toks[i].kind != token::Kind::Word {
                continue;
            }
            if doc.in_quote(i) {
                quoted += 1;
            } else {
                plain += 1;
            }
        }
    }
    match (quoted, plain) {
        (0, _) => QuoteKind::Indirect,
        (_, 0) => QuoteKind::Direct,
        (q, p) if q > 3 * p => QuoteKind::Direct,
        _ => QuoteKind::Mixed,
    }
}

/// A speaker the text gives no side, who voices a state's own position
/// ("Al Ansari expressed Qatar's strong condemnation of ..."), speaks for
/// that state.
pub(super) fn give_speaker_a_side(doc: &mut Doc<'_>, d: &Draft) {
    if doc.reg.code(d.speaker).is_some() || !doc.reg.entries[d.speaker].person {
        return;
    }
    // The possessive may stand before an adjective or two ("Qatar's strong
    // condemnation").
    let state = d.found.iter().find_map(|f| {
        (f.cue.start.saturating_sub(2)..=f.cue.start)
            .rev()
            .take_while(|&k| k == f.cue.start || doc.t.toks[k].kind == token::Kind::Word)
            .find_map(|k| doc.possessor_before(k))
            .filter(|&o| {
                doc.reg.code(o).is_some()
                    && matches!(
                        doc.reg.entries[o].actor.kind,
                        crate::model::ActorKind::State
                    )
            })
    });
    if let Some(s) = state {
        doc.reg.affiliate(d.speaker, s);
        return;
    }
    // An official named with a state's title and no side ("Piotr Wawrzyk,
    // a deputy foreign minister, expressed ..."): most likely of the state
    // the report is about, as for unowned bodies.
    let official = matches!(
        doc.reg.entries[d.speaker].rank,
        Some(
            TitleRank::HeadOfState
                | TitleRank::HeadOfGovernment
                | TitleRank::Minister
                | TitleRank::Deputy
                | TitleRank::Spokesperson
                | TitleRank::Official
                | TitleRank::Military
        )
    );
    if official
        && doc.reg.entries[d.speaker].actor.affiliation.is_none()
        && let Some(s) = doc.home.or(doc.most_mentioned)
    {
        doc.reg.affiliate(d.speaker, s);
    }
}

/// Aims the stances of draft `d` at what the sentence names besides their
/// cues: the subject of a passive, the addressee; adds the accusations in
/// reports of attacks.
pub(super) fn aim_and_complete(doc: &Doc<'_>, d: &mut Draft, events: &[events::FoundEvent]) {
    // "X was accused by Y": the accusation is aimed at X.
    for &(at, target) in d.extras.passive() {
        if doc.reg.same_side(target, d.speaker) {
            continue;
        }
        for f in d.found.iter_mut().filter(|f| f.cue.start == at) {
            f.targets = vec![target].into();
        }
    }
    // Words addressed to a person or state of another side are aimed at it
    // when nothing else is named ("told him the calls were regrettable").
    if let Some(a) = d.extras.addressee() {
        let e = &doc.reg.entries[a];
        let fits = (e.person || matches!(e.actor.kind, crate::model::ActorKind::State))
            && !doc.reg.same_side(a, d.speaker)
            && doc.reg.code(a).is_some();
        if fits {
            for f in &mut d.found {
                if f.targets.is_empty()
                    && f.kind != StanceKind::Support
                    && f.ctx != stances::Ctx::Nobody
                {
                    f.targets.push(a);
                }
            }
        }
    }
    attack_reports(doc, d, events);
}

/// The stances of the drafts, as the discourse context reads them.
pub(super) fn pending<'d>(drafts: &'d mut [Draft]) -> Vec<Pending<'d>> {
    let n = drafts.iter().map(|d| d.found.len()).sum();
    let mut pending: Vec<Pending<'_>> = Vec::with_capacity(n);
    for (statement, d) in drafts.iter_mut().enumerate() {
        let (holder, sentence, headline) = (d.speaker, d.sentence as usize, d.headline);
        for f in &mut d.found {
            pending.push(Pending {
                found: f,
                holder,
                sentence: SentenceIdx(sentence),
                headline,
                statement: statement as u32,
            });
        }
    }

    pending
}

/// The context never aims a stance at a subject joined to its holder.
pub(super) fn untarget_co_holders(doc: &Doc<'_>, drafts: &mut [Draft]) {
    for d in drafts {
        if d.extras.co().is_empty() {
            continue;
        }
        for f in &mut d.found {
            f.targets.retain(|&t| {
                !d.extras
                    .co()
                    .iter()
                    .any(|&c| c == t || doc.reg.same_side(c, t))
            });
        }
    }
}
/// A statement that reports an attack by another side accuses that side:
/// "the military said a China Coast Guard vessel blasted the boat".
fn attack_reports(doc: &Doc<'_>, d: &mut Draft, events: &[events::FoundEvent]) {
    if d.headline || !d.reports {
        return;
    }
    // Events are in text order: only those inside the statement.
    let lo = events.partition_point(|e| e.cue.start < d.span.start);
    let hi = events.partition_point(|e| e.cue.start < d.span.end);
    for e in &events[lo..hi.max(lo)] {
        if e.kind != crate::model::EventKind::Attack || !e.explicit_initiator {
            continue;
        }
        if !d.regions.iter().any(|r| r.contains(&e.cue.start)) {
            continue;
        }
        // "would be hit if Iran struck": hypothetical, not a report.
        let s = e.cue.start;
        let hypothetical = (d.span.start..s).rev().take(12).any(|k| {
            doc.is(
                k,
                &[
                    "if", "unless", "would", "could", "might", "may", "will", "should",
                ],
            )
        }) || (s.saturating_sub(3)..s)
            .any(|k| doc.is(k, &["any", "every", "no"]));
        // "Tehran was not behind the attack": a denial, not a report.
        let denied = d
            .found
            .iter()
            .any(|f| f.kind == StanceKind::Denial && f.cue.end <= s && f.cue.end + 8 >= s);
        if hypothetical || denied {
            continue;
        }
        let Some(i) = e.initiator else { continue };
        if doc.reg.code(i).is_none()
            || doc.reg.same_side(i, d.speaker)
            || doc.reg.code(d.speaker).is_none()
        {
            continue;
        }
        if d.found
            .iter()
            .any(|f| f.kind == StanceKind::Condemnation && f.targets.contains(&i))
        {
            continue;
        }
        let mut targets = vec![i];
        for &c in &e.co_initiators {
            if !doc.reg.same_side(c, d.speaker) && !targets.contains(&c) {
                targets.push(c);
            }
        }
        d.found.push(Found {
            kind: StanceKind::Condemnation,
            cue: e.cue.clone(),
            cameo: stances::Cameo::Accusation,
            targets: targets.into(),
            ctx: stances::Ctx::Act,
            condition: None,
            modality: crate::model::Modality::Asserted,
            intensity: crate::model::Intensity::Normal,
            label: false,
            mutual: false,
            parties: None,
            score: None,
        });
    }
}

/// The model's statement for draft `d` of document `id`: one stance per
/// kind and target, repeats merged, shared by subjects joined to the speaker.
pub(super) fn statement(
    doc: &Doc<'_>,
    id: &DocumentId,
    date: Option<NaiveDate>,
    d: &Draft,
) -> Statement {
    let cue = |r: &Range<usize>| Cue::new(doc.slice(r.clone()), doc.span(r.clone()));
    let span = doc.span(d.span.clone());
    let text = span.slice(doc.text).unwrap_or("").to_owned();
    let mut st = Statement::new(id, doc.reg.id(d.speaker), span, text).with_quote(d.quote);
    for &r in d.extras.relay() {
        st = st.reported_by(doc.reg.id(r));
    }
    if let Some(c) = &d.cue {
        st = st.with_attribution(cue(&(c.start as usize..c.end as usize)));
    }
    let day = d
        .when
        .day(date)
        .or(if d.when.is_unknown() { date } else { None });
    st = st.with_date(d.when, day);
    let holder = doc.reg.id(d.speaker);
    let mut stances: Vec<Stance> = Vec::with_capacity(d.found.len());
    for f in &d.found {
        if let Some((a, b)) = f.parties {
            let (a, b) = (a as usize, b as usize);
            for (h, t) in [(a, b), (b, a)] {
                let code = f.cameo.code(&doc.m.lexicon);
                let mut s = Stance::coded(f.kind, doc.reg.id(h), cue(&f.cue), code)
                    .with_modality(f.modality)
                    .with_intensity(f.intensity)
                    .with_target(doc.reg.id(t));
                s.score = f.score;
                stances.push(s);
            }
            continue;
        }
        // No target is one stance without a target.
        let untargeted = f.targets.is_empty().then_some(None);
        for t in untargeted
            .into_iter()
            .chain(f.targets.iter().map(|&t| Some(t)))
        {
            let target = t.map(|t| doc.reg.id(t));
            // One stance per kind and target: merge repeats, keeping the first cue.
            if let Some(existing) = stances
                .iter_mut()
                .find(|s| s.kind == f.kind && s.target == target)
            {
                if f.intensity > existing.intensity {
                    existing.intensity = f.intensity;
                }
                if f.label {
                    existing.labels.push(cue(&f.cue));
                }
                continue;
            }
            let code = f.cameo.code(&doc.m.lexicon);
            let mut s = Stance::coded(f.kind, holder.clone(), cue(&f.cue), code)
                .with_modality(f.modality)
                .with_intensity(f.intensity);
            s.target = target;
            s.score = f.score;
            if f.label {
                s.labels.push(cue(&f.cue));
            }
            stances.push(s);
        }
    }
    // An untargeted stance next to a targeted one of the same kind adds nothing.
    let targeted: Vec<StanceKind> = stances
        .iter()
        .filter(|s| s.target.is_some())
        .map(|s| s.kind)
        .collect();
    stances.retain(|s| s.target.is_some() || !targeted.contains(&s.kind));
    // Joined subjects hold the same stances ("Japan and South Korea condemned").
    let mut shared = Vec::new();
    for &c in d.extras.co() {
        let co_holder = doc.reg.id(c);
        // Stances of the two parties ("blamed each other") are theirs already.
        for s in stances.iter().filter(|s| s.holder == holder) {
            let aimed_at_itself = s.target.as_ref().is_some_and(|t| {
                *t == co_holder
                    || doc
                        .reg
                        .get(t.as_str())
                        .is_some_and(|t| doc.reg.same_side(t, c))
            });
            if !aimed_at_itself {
                let mut copy = s.clone();
                copy.holder = co_holder.clone();
                shared.push(copy);
            }
        }
    }
    stances.extend(shared);
    // Kept in the analysis to the end: no room for stances to come (most
    // statements hold one, where a growing vector keeps room for four).
    stances.shrink_to_fit();
    st.stances = stances;
    st
}

#[cfg(all(test, target_pointer_width = "64"))]
mod size_tests {
    /// What a document's analysis keeps one of per statement and per
    /// sentence until its end: each byte counts in its peak memory.
    #[test]
    fn drafts_and_sentences_stay_small() {
        assert!(
            size_of::<super::Draft>() <= 112,
            "{}",
            size_of::<super::Draft>()
        );
        assert!(size_of::<super::super::segment::Sentence>() <= 40);
    }
}
