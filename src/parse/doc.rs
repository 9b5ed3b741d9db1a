//! The document every pass reads: the text facts (tokens, lexicon hits,
//! word classes, segments), the entities actor recognition fills in (the
//! registry, mentions, names), and the helpers the passes share over them
//! (clause bounds, the subject before a verb, runs of names). This is the
//! only file that extends [`Doc`]; each pass is a value of its own over it.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::matcher::{Hit, Matcher, Payload};
use super::registry::Registry;
use super::segment::{self, Segments};
use super::token::{self, CAP, Kind, RankedSet, TokenSet, Tokens};
use super::words::{AUX, CLITIC_S, Flags, MONTH, MONTH_LEAD, WEEKDAY, WHO_WHICH, open};
use crate::lexicon::WordClass;

const NOT_NAME: Flags = open(WordClass::NotName);
const PARTICLE: Flags = open(WordClass::Particle);

/// How an actor is mentioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// By name: "Russia", "Dmitry Peskov", "the Kremlin", "China's foreign ministry".
    Name,
    /// By an adjective before a noun: "Russian airfields", "U.S. troops".
    Modifier,
    /// By a pronoun: "he", "its".
    Pronoun,
    /// By a description: "the ministry", "the spokesman".
    Definite,
}

/// For each group of eight of `n` tokens, the index of the first of
/// `hits` (in token order) that starts in it or after it, then
/// `hits.len()`.
fn hit_groups(hits: &[Hit], n: usize) -> Vec<u32> {
    let groups = n.div_ceil(8);
    let mut out = Vec::with_capacity(groups + 1);
    let mut k = 0;
    for g in 0..groups {
        while hits.get(k).is_some_and(|h| (h.start as usize) < 8 * g) {
            k += 1;
        }
        out.push(k as u32);
    }
    out.push(hits.len() as u32);
    out
}

/// One mention of an actor.
#[derive(Clone, Debug)]
pub(crate) struct Mention {
    pub toks: Range<usize>,
    pub actor: usize,
    pub form: Form,
    /// Followed by "'s" (or is "its", "his", "their").
    pub possessive: bool,
}

/// The name hit chosen to cover each token, kept for the tokens one
/// covers only (a few in ten): a bit a token says which, and counting the
/// covered tokens before one finds its hit.
#[derive(Debug, Default)]
pub(crate) struct NameCover {
    covered: RankedSet,
    /// The hit of each covered token, in token order.
    at: Vec<u32>,
}

impl NameCover {
    /// A cover of `n` tokens, none covered yet.
    fn new(n: usize) -> NameCover {
        NameCover {
            covered: RankedSet::new(n),
            at: Vec::new(),
        }
    }

    /// The hit covering token `i`, if one does.
    pub fn get(&self, i: usize) -> Option<u32> {
        if !self.covered.contains(i) {
            return None;
        }
        self.at.get(self.covered.count_below(i)).copied()
    }

    /// Gives back the room kept for names to come.
    pub fn shrink_to_fit(&mut self) {
        self.at.shrink_to_fit();
    }

    /// Makes hit `hit` the one covering tokens `r` (past the end: none).
    pub fn set(&mut self, r: Range<usize>, hit: u32) {
        for i in r {
            if self.covered.contains(i) {
                let k = self.covered.count_below(i);
                self.at[k] = hit;
            } else if self.covered.insert(i) {
                // Names are chosen left to right: usually the last one.
                if self.at.len() == self.covered.count_below(i) {
                    self.at.push(hit);
                } else {
                    self.at.insert(self.covered.count_below(i), hit);
                }
            }
        }
    }
}

/// The state of one document's analysis.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub m: &'a Matcher,
    pub reference: Option<NaiveDate>,
    pub t: Tokens<'a>,
    pub hits: Vec<Hit>,
    /// For each group of eight tokens, the index of the first hit that
    /// starts in it or after it, then the number of hits: 4 bytes every
    /// eight tokens, the hits of a token found from its group's first by
    /// a step or two ([`Doc::hits_at`]).
    hit_groups: Vec<u32>,
    /// The tokens where hits start, a bit a token: most start none.
    hit_starts: TokenSet,
    pub seg: Segments,
    pub reg: Registry,
    pub mentions: Vec<Mention>,
    /// The name hit chosen to cover each token ([`Doc::name_at`]).
    pub names: NameCover,
    /// The state a dateline names ("TOKYO - "), if any.
    pub home: Option<usize>,
    /// The state mentioned most in the document, by name.
    pub most_mentioned: Option<usize>,
    /// People found in the document, by normalized name key, for later mentions.
    pub person_keys: rustc_hash::FxHashMap<String, usize>,
    /// Abbreviations the document defines in parentheses after a name
    /// ("the Ministry of Foreign Affairs (MOFA)"), as written, for later
    /// mentions.
    pub acronyms: rustc_hash::FxHashMap<String, usize>,
    /// Actors made from gazetteer people, by row.
    pub known_people: rustc_hash::FxHashMap<usize, usize>,
    /// Mentions of two or three people or states at once ("the two
    /// leaders", "the three countries"), by their first token: the mention
    /// names the first, this the others, who are joined to it as a subject.
    pub pairs: rustc_hash::FxHashMap<usize, Vec<usize>>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str, m: &'a Matcher, reference: Option<NaiveDate>) -> Doc<'a> {
        let mut t = token::tokenize(text);
        let words = m.word_ids(&t);
        let hits = m.hits(&t, &words);
        for (k, &w) in t.toks.iter_mut().zip(&words) {
            k.classes = m.class_set_of(w);
        }
        drop(words);
        let hit_groups = hit_groups(&hits, t.len());
        let mut hit_starts = TokenSet::new(t.len());
        for h in &hits {
            hit_starts.insert_range(h.start as usize..h.start as usize + 1);
        }
        let class = |i: usize| t.toks.get(i).map_or(0, |k| m.class_set(k.classes));
        let seg = segment::segment(&t, &class, text);
        let n = t.len();
        Doc {
            text,
            m,
            reference,
            t,
            hits,
            hit_groups,
            hit_starts,
            seg,
            reg: Registry::default(),
            mentions: Vec::new(),
            names: NameCover::new(n),
            home: None,
            most_mentioned: None,
            person_keys: Default::default(),
            acronyms: Default::default(),
            known_people: Default::default(),
            pairs: Default::default(),
        }
    }

    /// Frees what only the passes read (the lexicon's hits, the mentions
    /// and names, the normalized forms), keeping what the output is built
    /// from: the tokens' spans, the segments and the registry. The memory
    /// goes back before the model's own is taken. After it, the helpers
    /// here answer as for a token with no hits, form, mentions or name
    /// (they never index the freed tables; the word classes, kept in the
    /// tokens, stay), but a pass indexing `name_at` or `hits` itself must
    /// not run.
    pub fn release_passes(&mut self) {
        self.hits = Vec::new();
        self.hit_groups = Vec::new();
        self.hit_starts = TokenSet::default();
        self.mentions = Vec::new();
        self.names = NameCover::default();
        self.t.release_forms();
        self.person_keys = Default::default();
        self.acronyms = Default::default();
        self.known_people = Default::default();
        self.pairs = Default::default();
    }

    /// The name hit chosen to cover token `i`, if one is.
    pub fn name_at(&self, i: usize) -> Option<u32> {
        self.names.get(i)
    }

    /// The hits that start at token `i`, longest first.
    /// None past the end, or once [`Doc::release_passes`] has freed them.
    #[inline(always)]
    pub fn hits_at(&self, i: usize) -> &[Hit] {
        if !self.hit_starts.contains(i) {
            return &[];
        }
        let lo = self.first_hit(i) as usize;
        let rest = self.hits.get(lo..).unwrap_or(&[]);
        let n = rest.iter().take_while(|h| h.start as usize == i).count();
        &rest[..n]
    }

    /// The index of the first hit that starts at token `i` or after it
    /// (0 once [`Doc::release_passes`] has freed the hits).
    #[inline]
    pub fn first_hit(&self, i: usize) -> u32 {
        let Some(&last) = self.hit_groups.last() else {
            return 0;
        };
        let mut k = self.hit_groups.get(i / 8).copied().unwrap_or(last) as usize;
        while self.hits.get(k).is_some_and(|h| (h.start as usize) < i) {
            k += 1;
        }
        k as u32
    }

    /// Where the part after the gap of stance cue `cue` ends, if it starts
    /// at token `i` (none once [`Doc::release_passes`] has run).
    pub fn cue_tail_end(&self, i: usize, cue: u32) -> Option<usize> {
        self.m.cue_tail_end(&self.t, i, cue)
    }

    /// The first token at or after `i` that is not part of an honorific
    /// ("Mr.", "Dr.", "Sheikh"): where the name after "said Mr." starts.
    pub fn after_honorifics(&self, mut i: usize) -> usize {
        while let Some(h) = self
            .hits_at(i)
            .iter()
            .find(|h| matches!(h.payload, super::matcher::Payload::Honorific(_)))
        {
            i = h.end as usize;
        }
        i
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'a str {
        match self.t.toks.get(i) {
            Some(k) => self
                .text
                .get(k.start as usize..k.end as usize)
                .unwrap_or(""),
            None => "",
        }
    }

    /// The normalized text of token `i`.
    #[inline(always)]
    pub fn norm(&self, i: usize) -> &str {
        self.t.norm(i)
    }

    /// Whether token `i` exists and its normalized text is one of `words`.
    #[inline(always)]
    pub fn is(&self, i: usize, words: &[&str]) -> bool {
        i < self.t.len() && words.contains(&self.t.norm(i))
    }

    /// The text of tokens `r`, as written.
    pub fn slice(&self, r: Range<usize>) -> &'a str {
        if r.is_empty() || r.end > self.t.len() {
            return "";
        }
        &self.text[self.t.toks[r.start].start as usize..self.t.toks[r.end - 1].end as usize]
    }

    /// The byte span of tokens `r`.
    pub fn span(&self, r: Range<usize>) -> crate::Span {
        if r.is_empty() || r.end > self.t.len() {
            let at = self
                .t
                .toks
                .get(r.start)
                .map_or(self.text.len(), |t| t.start as usize);
            return crate::Span::new(at, at);
        }
        crate::Span::new(
            self.t.toks[r.start].start as usize,
            self.t.toks[r.end - 1].end as usize,
        )
    }

    pub fn is_weekday(&self, i: usize) -> bool {
        self.has(i, WEEKDAY)
    }

    /// Whether token `i` exists and is in one of the classes `flags`.
    pub fn has(&self, i: usize, flags: Flags) -> bool {
        self.class(i) & flags != 0
    }

    /// The classes of token `i` (none past the end).
    #[inline]
    fn class(&self, i: usize) -> Flags {
        self.t
            .toks
            .get(i)
            .map_or(0, |k| self.m.class_set(k.classes))
    }

    /// Whether token `i` exists and is in the open class `class` (`words.tsv`).
    pub fn in_class(&self, i: usize, class: WordClass) -> bool {
        self.has(i, open(class))
    }

    /// The year roles are checked against.
    pub fn year(&self) -> Option<i32> {
        self.reference.map(|d| d.year())
    }

    /// Whether token `i` is a comma.
    /// Whether token `i` follows ", who" or ", which" that lies at or
    /// after `floor` ("Hamas, which denied ...").
    pub fn after_relative_pronoun(&self, i: usize, floor: usize) -> bool {
        i >= floor + 2 && self.has(i - 1, WHO_WHICH) && self.is_comma(i - 2)
    }

    /// Where the run of dashes holding token `q` starts, if `q` is a dash
    /// and the run follows a space: " -- ", " — ", not a hyphen.
    pub fn spaced_dash_start(&self, q: usize, floor: usize) -> Option<usize> {
        if q >= self.t.len() || self.norm(q) != "-" {
            return None;
        }
        let mut s = q;
        while s > floor && self.norm(s - 1) == "-" {
            s -= 1;
        }
        self.t.toks[s].is(super::token::SPACE_BEFORE).then_some(s)
    }

    pub fn is_comma(&self, i: usize) -> bool {
        // The byte itself: no other character's form is a comma.
        i < self.t.len() && self.t.toks[i].kind == Kind::Punct && self.t.byte(i) == Some(b',')
    }

    /// Whether token `i` could be part of a person's name.
    #[inline(always)]
    pub fn is_name_token(&self, i: usize) -> bool {
        if i >= self.t.len() {
            return false;
        }
        let k = &self.t.toks[i];
        if k.kind != Kind::Word || !k.is(CAP) {
            return false;
        }
        let class = self.class(i);
        if class & WEEKDAY != 0 || class & (NOT_NAME | MONTH) == NOT_NAME && !self.said_in_name(i) {
            return false;
        }
        // "May" is a month, a modal verb, or Theresa May.
        if class & MONTH != 0
            && !self.month_is_surname(i)
            && !(i > 0 && {
                let p = &self.t.toks[i - 1];
                p.kind == Kind::Word
                    && p.is(CAP)
                    && self.class(i - 1) & (NOT_NAME | MONTH | WEEKDAY) == 0
            })
        {
            return false;
        }
        // Covered by a lexicon name that is not a person's.
        if let Some(h) = self.name_at(i) {
            return self
                .hits
                .get(h as usize)
                .is_some_and(|h| matches!(h.payload, Payload::Person(_)));
        }
        true
    }

    /// Whether a capitalized "Said" inside a run of names is a given name
    /// ("General Said Chengriha"), not the verb: right after a title or an
    /// unlisted capitalized word, and before another unlisted one (a
    /// headline's "Russia Said Ready" names no one).
    fn said_in_name(&self, i: usize) -> bool {
        let unlisted_cap = |j: usize| {
            self.t
                .toks
                .get(j)
                .is_some_and(|t| t.kind == Kind::Word && t.is(CAP))
                && self.name_at(j).is_none()
                && self.class(j) & NOT_NAME == 0
        };
        let after_title = i > 0
            && (i.saturating_sub(4)..i).any(|k| {
                self.hits_at(k).iter().any(|h| {
                    h.end as usize == i
                        && matches!(h.payload, Payload::Title(_) | Payload::Honorific(_))
                })
            });
        self.t.norm(i) == "said"
            && i > 0
            && (after_title || unlisted_cap(i - 1))
            && unlisted_cap(i + 1)
    }

    /// Whether a month name is the surname of someone the document named
    /// ("Prime Minister Theresa May ... May thanked"): not next to a number,
    /// not after a preposition of time.
    fn month_is_surname(&self, i: usize) -> bool {
        let number = |j: usize| self.t.toks.get(j).is_some_and(|t| t.kind == Kind::Number);
        !number(i + 1)
            && (i == 0 || !number(i - 1) && !self.has(i - 1, MONTH_LEAD))
            && self.person_keys.contains_key(self.norm(i))
    }

    /// The actors joined by "and" or commas to the subject named at
    /// `subject` ("Japan and South Korea", "Tokyo, Seoul and Canberra"),
    /// the subject's own actor left out.
    pub fn conjuncts(&self, subject: Range<usize>, own: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let joined = |k: usize| self.is(k, &["and"]) || self.is_comma(k);
        let names = |m: &&Mention| m.form == Form::Name && !m.possessive;
        // In a headline a comma joins as "and" does ("Trump, Marcos pledge").
        let headline = self
            .seg
            .sentence_holding(subject.start)
            .is_some_and(|s| s.headline || s.title);
        // Before: "Japan and [South Korea]", "the Philippines and [the United States]".
        // Commas join only in a list closed by "and" next to the subject
        // ("Tokyo, Seoul and Canberra"); alone they set off appositions.
        let mut at = subject.start;
        if at >= 1 && self.is(at - 1, &["the"]) {
            at -= 1;
        }
        // "Chile, [Argentina] and Uruguay": a list the subject sits inside,
        // closed by "and" after it.
        let list_closes_after = self.is(subject.end, &["and"])
            || self.is_comma(subject.end) && self.is(subject.end + 1, &["and"]);
        while out.len() < 4
            && at >= 2
            && (joined(at - 1) && (!out.is_empty() || headline || list_closes_after)
                || self.is(at - 1, &["and"]))
        {
            let mut gap = at - 1;
            if self.is(gap, &["and"]) && gap >= 2 && self.is_comma(gap - 1) {
                gap -= 1;
            }
            // "Russian and Chinese officials": a demonym joined to the one
            // that names the subject's side.
            let demonym =
                |m: &&Mention| m.form == Form::Modifier && self.is(gap, &["and"]) && out.is_empty();
            let Some(m) = self
                .mentions_in(gap.saturating_sub(8)..gap)
                .map(|(_, m)| m)
                .filter(|m| names(m) || demonym(m))
                .find(|m| m.toks.end == gap)
            else {
                break;
            };
            // "Member of the Politburo of the Communist Party of Vietnam
            // and Prime Minister X": a name inside an "of" phrase qualifies
            // a head before it and joins no subject.
            let mut q = m.toks.start;
            if q >= 1 && self.is(q - 1, &["the"]) {
                q -= 1;
            }
            if q >= 1 && self.is(q - 1, &["of"]) {
                break;
            }
            if m.actor != own && !out.contains(&m.actor) {
                out.push(m.actor);
            }
            at = m.toks.start;
            if at >= 1 && self.is(at - 1, &["the"]) {
                at -= 1;
            }
        }
        // After: "[Tokyo] and Seoul Condemn ...".
        let before = out.len();
        let mut closed = false;
        let mut at = subject.end;
        while out.len() < 4 && at < self.t.len() && joined(at) {
            let mut next = at + 1;
            if self.is_comma(at) && self.is(next, &["and"]) {
                next += 1;
            }
            closed = self.is(next - 1, &["and"]);
            if self.is(next, &["the"]) {
                next += 1;
            }
            let Some(m) = self
                .mentions_in(next..self.t.len())
                .map(|(_, m)| m)
                .take(1)
                .filter(names)
                .find(|m| m.toks.start == next)
            else {
                break;
            };
            if m.actor != own && !out.contains(&m.actor) {
                out.push(m.actor);
            }
            at = m.toks.end;
            if closed {
                break;
            }
        }
        // A list is closed by "and", or in a headline by the comma alone
        // ("China, Russia Denounce ...").
        if !closed && !headline {
            out.truncate(before);
        }
        // "The two leaders said": the others the mention names.
        if let Some(others) = self.pairs.get(&subject.start) {
            for &other in others {
                if other != own && !out.contains(&other) {
                    out.push(other);
                }
            }
        }
        // "Britain and France joined the United States in condemning ...":
        // the side joined holds the stance too.
        let end = self
            .seg
            .sentence_holding(subject.start)
            .map_or(subject.end, |s| s.toks.end);
        let lo = subject.end;
        if let Some(k) = (lo..end.min(lo + 12))
            .take_while(|&k| !self.is(k, &[".", "who", "whose", "which", "that"]))
            .find(|&k| self.is(k, &["join", "joins", "joined", "joining"]))
        {
            let at = if self.is(k + 1, &["the"]) {
                k + 2
            } else {
                k + 1
            };
            if let Some(m) = self
                .mentions_in(at..end)
                .map(|(_, m)| m)
                .find(|m| m.toks.start == at && names(m))
                && self.is(m.toks.end, &["in"])
                && self.norm(m.toks.end + 1).ends_with("ing")
                && m.actor != own
                && !out.contains(&m.actor)
            {
                out.push(m.actor);
            }
        }
        out
    }

    /// Whether token `i` is a particle or hyphen inside a name.
    pub fn is_name_joiner(&self, i: usize) -> bool {
        if i >= self.t.len() {
            return false;
        }
        let k = &self.t.toks[i];
        (k.kind == Kind::Word && self.class(i) & PARTICLE != 0)
            || (k.kind == Kind::Punct && self.norm(i) == "-" && !k.is(token::SPACE_BEFORE))
    }

    /// The mentions whose tokens lie in `r`, in order.
    pub fn mentions_in(&self, r: Range<usize>) -> impl Iterator<Item = (usize, &Mention)> {
        let lo = self.mentions.partition_point(|m| m.toks.start < r.start);
        self.mentions[lo..]
            .iter()
            .enumerate()
            .take_while(move |(_, m)| m.toks.start < r.end)
            .filter(move |(_, m)| m.toks.end <= r.end)
            .map(move |(j, m)| (lo + j, m))
    }
    /// The end of the clause containing token `i` (exclusive), within `r`.
    pub fn clause_end(&self, i: usize, r: &Range<usize>) -> usize {
        (i..r.end)
            .find(|&k| {
                self.t.toks[k].kind == Kind::Punct
                    && matches!(
                        self.t.byte(k),
                        Some(b',' | b';' | b':' | b'.' | b'!' | b'?' | b'(' | b')')
                    )
            })
            .unwrap_or(r.end)
    }
    /// The start of the clause containing token `i`.
    pub fn clause_start(&self, i: usize, r: &Range<usize>) -> usize {
        (r.start..i)
            .rev()
            .find(|&k| {
                self.t.toks[k].kind == Kind::Punct
                    && matches!(self.t.byte(k), Some(b',' | b';' | b':' | b'(' | b')'))
            })
            .map_or(r.start, |k| k + 1)
    }
    /// The actor whose possessive ("its", "Qatar's") comes right before `at`.
    pub fn possessor_before(&self, at: usize) -> Option<usize> {
        let end = if at > 0 && self.has(at - 1, CLITIC_S) {
            at - 1
        } else {
            at
        };
        self.mentions_in(end.saturating_sub(6)..end)
            .filter(|(_, m)| m.toks.end == end && m.possessive)
            .map(|(_, m)| m.actor)
            .last()
    }
    /// Whether token `i` is inside a quotation.
    pub fn in_quote(&self, i: usize) -> bool {
        self.seg.quote_of(i).is_some() && self.t.toks[i].kind != Kind::CloseQuote
    }
    /// The outermost mention that ends exactly at token `end`, if it can speak.
    pub fn speaker_ending_at(&self, end: usize, floor: usize) -> Option<(usize, Range<usize>)> {
        self.mentions_in(floor..end)
            .filter(|(_, m)| m.toks.end == end && m.form != Form::Modifier && !m.possessive)
            .min_by_key(|(_, m)| m.toks.start)
            .map(|(_, m)| (m.actor, m.toks.clone()))
    }
    /// The subject before a verb at `pos`, scanning left over auxiliaries,
    /// dates, quotation marks, a head noun ("ISNA news agency") and one
    /// parenthetical between commas.
    pub fn subject_before(
        &self,
        pos: usize,
        floor: usize,
        dates: &[super::dates::DateMention],
    ) -> Option<(usize, Range<usize>)> {
        let mut p = pos;
        let mut parentheticals = 0;
        let mut nouns = 0;
        loop {
            if p <= floor {
                return None;
            }
            if let Some(found) = self.speaker_ending_at(p, floor) {
                // "ministers meeting in Luxembourg condemned": a place after
                // a preposition, in a participle phrase, is no subject.
                let s = found.1.start;
                let place = s > floor + 2
                    && self.is(s - 1, &["in", "at", "near", "from", "outside", "inside"])
                    && self.norm(s - 2).ends_with("ing")
                    && parentheticals == 0;
                // "leaders he met on a visit to Saudi Arabia had pledged",
                // "the envoy to Moscow said": where a phrase leads to is no
                // subject either.
                let destination = s > floor + 1
                    && self.is(
                        s - 1,
                        &["to", "into", "toward", "towards", "against", "across"],
                    );
                // "Kuleba in meeting with his counterpart Lavrov said": nor
                // whom one meets, after a few lowercase words that follow
                // the subject.
                if s > floor + 2 && self.is(s - 1, &["with"]) {
                    let lo = s.saturating_sub(6).max(floor + 1);
                    let mut q = s - 1;
                    while q > lo
                        && self.t.toks[q - 1].kind == Kind::Word
                        && !self.t.toks[q - 1].is(CAP)
                    {
                        q -= 1;
                        if q < s - 2
                            && let Some(before) = self.speaker_ending_at(q, floor)
                        {
                            return Some(before);
                        }
                    }
                }
                if destination {
                    p = s - 1;
                    parentheticals += 1;
                    continue;
                }
                // "China's embassy in Lima said": the place locates the
                // actor before it, which speaks.
                if s > floor + 2
                    && self.is(s - 1, &["in", "at"])
                    && let Some(before) = self.speaker_ending_at(s - 1, floor)
                    && !self.norm(before.1.end - 1).ends_with("ing")
                {
                    return Some(before);
                }
                if !place {
                    return Some(found);
                }
                p = s - 2;
                parentheticals += 1;
                continue;
            }
            let k = &self.t.toks[p - 1];
            let w = self.norm(p - 1);
            if matches!(k.kind, Kind::CloseQuote | Kind::Quote) {
                p -= 1;
                continue;
            }
            // "Forces for Defence of Democracy (FDD)": step over a parenthesis.
            if w == ")" && parentheticals < 2 {
                let lo = p.saturating_sub(12).max(floor);
                if let Some(q) = (lo..p - 1).rev().find(|&q| self.is(q, &["("])) {
                    parentheticals += 1;
                    p = q;
                    continue;
                }
                return None;
            }
            // "The Palestinian ambassador -- who represents ... -- called
            // on": step over a clause between spaced dashes (not hyphens:
            // "West Bank-centered").
            if parentheticals < 2
                && let Some(close) = self.spaced_dash_start(p - 1, floor)
            {
                let lo = close.saturating_sub(40).max(floor);
                if let Some(q) = (lo..close.saturating_sub(1))
                    .rev()
                    .find_map(|q| self.spaced_dash_start(q, floor))
                {
                    parentheticals += 1;
                    p = q;
                    continue;
                }
                return None;
            }
            if self.has(p - 1, AUX) && k.kind != Kind::Punct {
                p -= 1;
                continue;
            }
            if nouns < 2 && k.kind == Kind::Word && self.in_class(p - 1, WordClass::Head) {
                nouns += 1;
                p -= 1;
                continue;
            }
            if let Some(d) = super::dates::date_ending_at(dates, p) {
                p = d.toks.start;
                if p > floor && self.is(p - 1, &["on", "last", "in", "earlier"]) {
                    p -= 1;
                }
                continue;
            }
            // "X, who ...", "Hamas, which denied ...": the relative pronoun
            // stands for X.
            if (w == "who" || w == "which") && p >= 2 && self.is_comma(p - 2) {
                // "James Mattis last week, who had warned": past a date.
                let mut e = p - 2;
                if let Some(d) = super::dates::date_ending_at(dates, e) {
                    e = d.toks.start;
                }
                return self.speaker_ending_at(e, floor);
            }
            if w == "," && parentheticals == 0 {
                // "Title, Name, said": the apposed name speaks.
                if let Some(found) = self.speaker_ending_at(p - 1, floor)
                    && found.1.start > floor
                    && self.reg.entries[found.0].person
                {
                    // "..., Amb Moussa Faki Mahamat, said": honorifics may
                    // come between the comma and the name.
                    let mut h = found.1.start;
                    while h > floor + 1
                        && !self.is_comma(h - 1)
                        && self.after_honorifics(h - 1) == h
                    {
                        h -= 1;
                    }
                    if self.is_comma(h - 1) {
                        return Some(found);
                    }
                }
                // ", who held ... ," / ", an adviser to ... ,": skip back to the comma before.
                let lo = p.saturating_sub(40).max(floor);
                if let Some(q) = (lo..p - 1).rev().find(|&q| self.is_comma(q)) {
                    let first = q + 1;
                    // "..., on Saturday, April 15, said": a date with a comma
                    // inside is stepped over whole.
                    if let Some(d) = super::dates::date_containing(dates, first)
                        && d.toks.start < first
                    {
                        p = d.toks.start;
                        if p > floor && self.is(p - 1, &["on", "last", "in", "earlier"]) {
                            p -= 1;
                        }
                        continue;
                    }
                    let opens = self.is(
                        first,
                        &[
                            "who",
                            "which",
                            "whose",
                            "where",
                            "when",
                            "a",
                            "an",
                            "the",
                            "like",
                            "as",
                            "then",
                            "already",
                            "in",
                            "speaking",
                            "writing",
                            "quoted",
                            // "Wang, also a member of the Political Bureau ..., said".
                            "also",
                            "himself",
                            "herself",
                            "now",
                            "formerly",
                            // "X, on a visit to Vientiane, said".
                            "on",
                            "at",
                            "during",
                            "after",
                            "before",
                            "while",
                            "upon",
                            "amid",
                            "following",
                        ],
                    ) || self.is_participle_opener(first)
                        || (first..p - 1).any(|k| {
                            self.hits_at(k)
                                .iter()
                                .any(|h| matches!(h.payload, Payload::Title(_)))
                        })
                        || self.is_date_start(first, dates);
                    if opens {
                        // A date set off by commas ("..., on Saturday, April
                        // 15, said") is no clause: an apposition may precede it.
                        let date_only = self.is_date_start(first, dates)
                            && (first..p - 1).all(|k| {
                                super::dates::date_containing(dates, k).is_some()
                                    || self.is(k, &["on", "last", "in", "earlier"])
                            });
                        if !date_only {
                            parentheticals += 1;
                        }
                        p = q;
                        continue;
                    }
                }
                return None;
            }
            return None;
        }
    }
    /// Whether token `i` is a lowercase participle opening a phrase set off
    /// by commas ("Marcos, addressing a think tank audience ..., said").
    pub fn is_participle_opener(&self, i: usize) -> bool {
        let w = self.norm(i);
        i < self.t.len()
            && self.t.toks[i].kind == Kind::Word
            && !self.t.toks[i].is(CAP)
            && w.len() > 5
            && w.ends_with("ing")
    }
    pub fn is_date_start(&self, i: usize, dates: &[super::dates::DateMention]) -> bool {
        super::dates::date_starting_at(dates, i).is_some()
            || (self.is(i, &["on", "in", "last"])
                && super::dates::date_starting_at(dates, i + 1).is_some())
    }
    /// The end of a run of name tokens starting at `i` (exclusive).
    pub fn name_run(&self, i: usize, end: usize) -> usize {
        if !self.is_name_token(i) {
            return i;
        }
        let mut j = i + 1;
        let mut last_name = j;
        let mut count = 1;
        while j < end && count < 6 {
            if self.is_name_token(j) {
                // A capitalized word after a space continues the name only if
                // there was no gap of punctuation.
                j += 1;
                last_name = j;
                count += 1;
            } else if self.is_name_joiner(j)
                && j + 1 < end
                && (self.is_name_token(j + 1) || self.is_name_joiner(j + 1))
            {
                j += 1;
            } else if self.norm(j) == "-"
                && !self.t.toks[j].is(super::token::SPACE_BEFORE)
                && j + 1 < end
                && self.t.toks[j + 1].kind == Kind::Word
                && !self.t.toks[j + 1].is(super::token::SPACE_BEFORE)
                && self.norm(j + 1).len() > 1
            {
                // "Su Tseng-chang": a hyphenated given name goes on in lowercase.
                j += 2;
                last_name = j;
            } else {
                break;
            }
        }
        last_name
    }
    /// Whether a reporting verb (or a speech-act cue) follows at `i`, after
    /// adverbs and auxiliaries.
    pub fn verb_follows(&self, mut i: usize, end: usize) -> bool {
        while i < end
            && self.is(
                i,
                &[
                    "also", "later", "then", "again", "has", "had", "have", "was", "is", "will",
                    "would", "earlier", "on", "last",
                ],
            )
        {
            i += 1;
        }
        i < end && self.is_verbish(i)
    }
    /// Whether a phrase set off by commas and opened by a participle, then a
    /// reporting verb, follows at `i` ("Tomas Varga, addressing a think tank
    /// audience in Vienna, said").
    pub fn verb_follows_participle(&self, i: usize, end: usize) -> bool {
        if !(self.is_comma(i) && self.is_participle_opener(i + 1)) {
            return false;
        }
        self.verb_after_comma(i + 2, 23, end)
    }
    /// Whether the first comma within `span` tokens from `from` closes a
    /// phrase set off before a reporting verb ("Xinhua, quoting CCTV, said").
    pub fn verb_after_comma(&self, from: usize, span: usize, end: usize) -> bool {
        (from..(from + span).min(end))
            .find(|&k| self.is_comma(k))
            .is_some_and(|k| self.verb_follows(k + 1, end))
    }
    /// Whether token `i` reads as a verb right after a name ("Russia says").
    pub fn is_verbish(&self, i: usize) -> bool {
        self.hits_at(i).iter().any(|h| {
            matches!(
                h.payload,
                Payload::Verb(_) | Payload::Cue(_) | Payload::Trigger(_)
            )
        }) || self.is(
            i,
            &[
                "is", "was", "has", "had", "will", "would", "says", "said", "remains", "wants",
                "also", "again", "still", "then", "insists",
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    #[test]
    fn hits_at_a_token_are_those_that_start_there() {
        let m = Matcher::new(Lexicon::builtin()).unwrap();
        let text = "Russian Foreign Minister Sergei Lavrov said on Monday that the \
                    United States and the European Union had condemned the strikes. \
                    Kyiv said nothing. ";
        let text = text.repeat(5);
        let doc = Doc::new(&text, &m, None);
        assert!(doc.hits.len() > 20);
        for i in 0..=doc.t.len() + 9 {
            let naive: Vec<Hit> = doc
                .hits
                .iter()
                .filter(|h| h.start as usize == i)
                .copied()
                .collect();
            assert_eq!(doc.hits_at(i), naive.as_slice(), "token {i}");
            let first = doc.hits.iter().position(|h| h.start as usize >= i);
            assert_eq!(
                doc.first_hit(i) as usize,
                first.unwrap_or(doc.hits.len()),
                "token {i}"
            );
        }
    }
}
