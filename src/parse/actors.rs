//! Actor mentions: gazetteer names, bodies of states, people found from
//! titles and appositions, collectives, and references back (surnames,
//! pronouns, "the ministry").

use std::borrow::Cow;
use std::ops::Range;

use super::discourse::Discourse;
use super::doc::{Doc, Form, Mention};
use super::matcher::{Hit, Payload, PreparedPerson, last_word_slug};
use super::token::Kind;
use super::words::{A_AN, DET, EX, HE_SHE, HIS_HER, ITS_THEIR, POSS, PRONOUN, THE, THEN_FORMER};
use crate::lexicon::{BodyKind, TitleRank, WordClass};

/// A unit of a noun phrase, found from a lexicon hit.
#[derive(Clone, Copy, Debug)]
enum Unit {
    /// An actor that can own a body or a title: a state, an organisation,
    /// an institution, a body, a person.
    Owner(usize),
    /// A kind of body, by index in the bodies table.
    Body(usize),
    /// A title, by index in the titles table.
    Title(usize),
    Honorific,
}

/// Makes `k` (unless empty) a key to person `a`, in place of any other.
fn set_key(keys: &mut rustc_hash::FxHashMap<String, usize>, k: Cow<'_, str>, a: usize) {
    if k.is_empty() {
        return;
    }
    match keys.get_mut(k.as_ref()) {
        Some(v) => *v = a,
        None => {
            keys.insert(k.into_owned(), a);
        }
    }
}

/// Actor recognition: the entity layer. It finds the mentions of actors
/// (gazetteer names, bodies of states, people from titles and appositions,
/// collectives, references back) and owns the registry of actors and the
/// mentions.
pub(crate) struct ActorPass<'d, 'a> {
    doc: &'d mut Doc<'a>,
    disc: &'d mut Discourse,
}

impl<'a> std::ops::Deref for ActorPass<'_, 'a> {
    type Target = Doc<'a>;
    fn deref(&self) -> &Doc<'a> {
        self.doc
    }
}

impl<'a> std::ops::DerefMut for ActorPass<'_, 'a> {
    fn deref_mut(&mut self) -> &mut Doc<'a> {
        self.doc
    }
}

impl<'d, 'a> ActorPass<'d, 'a> {
    pub fn new(doc: &'d mut Doc<'a>, disc: &'d mut Discourse) -> ActorPass<'d, 'a> {
        ActorPass { doc, disc }
    }
}

impl ActorPass<'_, '_> {
    /// "The Ministry of Foreign Affairs (MOFA)": an abbreviation in
    /// capitals in parentheses right after the name of an actor that is
    /// neither a person nor a state names it in the rest of the document.
    fn define_acronym(&mut self, end: usize, actor: usize) {
        if self.is(end, &["("])
            && self.is(end + 2, &[")"])
            && self.t.toks.get(end + 1).is_some_and(|t| {
                t.kind == Kind::Word && t.is(super::token::ALLCAP) && t.end - t.start >= 2
            })
            && self.name_at(end + 1).is_none()
            && !self.reg.entries[actor].person
            // "Vientiane (KPL) -": after a place, an agency's credit.
            && !matches!(self.reg.entries[actor].actor.kind, crate::model::ActorKind::State)
        {
            let k = self.slice(end + 1..end + 2).to_owned();
            self.doc.acronyms.entry(k).or_insert(actor);
        }
    }

    fn push_mention(&mut self, toks: Range<usize>, actor: usize, form: Form) {
        if form == Form::Name {
            self.define_acronym(toks.end, actor);
        }
        let possessive = toks.end < self.t.len()
            && self.t.toks[toks.end].kind == Kind::Clitic
            && matches!(self.norm(toks.end), "'s" | "'");
        let e = &self.doc.reg.entries[actor];
        match form {
            Form::Name | Form::Definite => {
                if e.person {
                    self.disc.last_person = Some(actor);
                } else if e.plural {
                    self.disc.last_plural = Some(actor);
                } else {
                    self.disc.last_thing = Some(actor);
                    if e.body.is_some() {
                        self.disc.last_body = Some(actor);
                    }
                    if e.is_side && !matches!(e.actor.kind, crate::model::ActorKind::State) {
                        self.disc.last_org = Some(actor);
                    }
                }
            }
            Form::Modifier => {}
            Form::Pronoun => {}
        }
        self.mentions.push(Mention {
            toks,
            actor,
            form,
            possessive,
        });
    }

    /// Chooses, left to right, the longest name hit at each token.
    fn choose_names(&mut self, r: Range<usize>) {
        let mut i = r.start;
        while i < r.end {
            let mut best: Option<(u32, Hit, u32)> = None;
            let base = if i < self.t.len() {
                self.first_hit(i)
            } else {
                0
            };
            let lo = self.hits_at(i);
            for (k, h) in lo.iter().enumerate() {
                if h.end as usize > r.end {
                    continue;
                }
                let rank = match h.payload {
                    Payload::Person(_) => 9,
                    Payload::Org(_) => 8,
                    Payload::Institution(_) => 7,
                    Payload::CountryName(_) => 6,
                    Payload::CountryCapital(_) => 5,
                    Payload::CountryDemonym(_) => 4,
                    Payload::Title(_) => 3,
                    Payload::Body(_) => 2,
                    Payload::Honorific(_) => 1,
                    _ => continue,
                };
                let better = match best {
                    None => true,
                    Some((r0, b, _)) => h.len() > b.len() || (h.len() == b.len() && rank > r0),
                };
                if better {
                    best = Some((rank, *h, base + k as u32));
                }
            }
            // "South American countries", "East Asian": a region, not the state.
            if let Some((_, h, _)) = best
                && matches!(
                    h.payload,
                    Payload::CountryName(_) | Payload::CountryDemonym(_)
                )
                && h.start as usize > r.start
                && self.in_class(h.start as usize - 1, WordClass::Region)
                && self.t.toks[h.start as usize - 1].is(super::token::CAP)
            {
                i = h.end as usize;
                continue;
            }
            // "South China Sea", "Taiwan Strait": a place, not the state.
            if let Some((_, h, _)) = best
                && matches!(
                    h.payload,
                    Payload::CountryName(_)
                        | Payload::CountryDemonym(_)
                        | Payload::CountryCapital(_)
                )
                && self.in_class(h.end as usize, WordClass::Geo)
                && (h.end as usize) < self.t.len()
                && self.t.toks[h.end as usize].is(super::token::CAP)
            {
                i = h.end as usize + 1;
                continue;
            }
            match best {
                Some((_, h, idx)) => {
                    self.names.set(h.start as usize..h.end as usize, idx);
                    i = h.end as usize;
                }
                None => i += 1,
            }
        }
    }

    fn name_hit(&self, i: usize) -> Option<Hit> {
        let h = self.hits[self.name_at(i)? as usize];
        (h.start as usize == i).then_some(h)
    }

    /// The unit a name hit at `i` stands for, creating its actor if needed.
    fn unit(&mut self, h: Hit) -> Unit {
        let m = self.m;
        match h.payload {
            Payload::CountryName(c) | Payload::CountryCapital(c) | Payload::CountryDemonym(c) => {
                Unit::Owner(self.reg.state(m, c as usize))
            }
            Payload::Org(o) => Unit::Owner(self.reg.org(m, o as usize)),
            Payload::Institution(x) => Unit::Owner(self.reg.institution(m, x as usize)),
            Payload::Person(p) => {
                let r = h.start as usize..h.end as usize;
                // A family name alone is first the person the document
                // introduced by it ("Justice Minister Abdulhamit Gul ... Gul"),
                // then the gazetteer's (Abdullah Gul).
                if r.len() == 1
                    && !self.known_people.contains_key(&(p as usize))
                    && let Some(a) = self.lookup_person(r.clone())
                {
                    return Unit::Owner(a);
                }
                Unit::Owner(self.known_person(p as usize, r))
            }
            Payload::Body(b) => Unit::Body(b as usize),
            Payload::Title(t) => Unit::Title(t as usize),
            _ => Unit::Honorific,
        }
    }

    /// A person from the gazetteer, with the role that fits the document's date.
    fn known_person(&mut self, p: usize, toks: Range<usize>) -> usize {
        if let Some(&a) = self.known_people.get(&p) {
            // Seen before: only the written form may be new.
            let written = self.slice(toks);
            if !written.is_empty()
                && !self.reg.entries[a].actor.names().any(|n| n == written)
                && written.len() < 80
            {
                let w = written.to_owned();
                self.reg.entries[a].actor.add_alias(w);
            }
            return a;
        }
        let a = self.make_known_person(p, toks);
        self.known_people.insert(p, a);
        a
    }

    fn make_known_person(&mut self, p: usize, toks: Range<usize>) -> usize {
        let m = self.m;
        let people = m.lexicon.people();
        let name = &people[p].name;
        let year = self.year();
        // The role held at the reference date, else the latest.
        let mut best = p;
        for &i in m.people_named(name) {
            let q = &people[i];
            let fits = |x: &crate::lexicon::Person| year.is_some_and(|y| x.held_in(y));
            if fits(q) && !fits(&people[best])
                || (!fits(&people[best]) && q.start > people[best].start)
            {
                best = i;
            }
        }
        let q = &people[best];
        // The rows of one name share its id and keys; `best`'s aliases
        // are the ones added.
        let prep = m.prepared_person(best);
        let a = match prep {
            Some(prep) => {
                self.reg
                    .person_with_id(prep.id.clone(), name, prep.keys.clone(), &prep.last)
            }
            None => {
                let keys = name.split_whitespace().map(super::registry::slug);
                self.reg.person(name, keys.collect())
            }
        };
        for alias in &q.aliases {
            self.reg.entries[a].actor.add_alias(alias.clone());
        }
        // The form the text uses is a name too ("Adel Abdul Mahdi").
        let written = self.slice(toks.clone()).to_owned();
        if !written.is_empty() && written.len() < 80 {
            self.reg.entries[a].actor.add_alias(written);
        }
        let side = self.reg.side(m, &q.code.clone());
        self.reg.affiliate(a, side);
        let title = q.title.clone();
        let former = year.is_some_and(|y| q.end.is_some_and(|e| e < y));
        self.reg.add_role(a, &title, Some(side), former, None);
        self.note_person(a, prep);
        a
    }

    /// Makes person `a`'s names keys to it: each name's slug and its last
    /// key, and (unless they already name someone) each name's last word
    /// and the first key. `prep`, a gazetteer person's prepared names,
    /// saves slugging the names it gives again.
    fn note_person(&mut self, a: usize, prep: Option<&PreparedPerson>) {
        let doc = &mut *self.doc;
        let e = &doc.reg.entries[a];
        let keys = &mut doc.person_keys;
        let prepared = |n: &str| prep.and_then(|p| p.slugs_of(n));
        for n in e.actor.names() {
            let k = match prepared(n) {
                Some(s) => Cow::Borrowed(s.slug.as_str()),
                None => Cow::Owned(super::registry::slug(n)),
            };
            set_key(keys, k, a);
        }
        if let Some(last) = e.keys.last() {
            set_key(keys, Cow::Borrowed(last.as_str()), a);
        }
        // The last word of each written form is a key too, unless it
        // already names someone: "Bruno Rodríguez Parrilla", written
        // "Bruno Rodriguez", is later "Rodriguez".
        for n in e.actor.names() {
            let k = match prepared(n) {
                Some(s) => s.last_word.as_deref().map(Cow::Borrowed),
                None => last_word_slug(n).map(Cow::Owned),
            };
            if let Some(k) = k
                && k.len() > 2
                && !keys.contains_key(k.as_ref())
            {
                keys.insert(k.into_owned(), a);
            }
        }
        // A family name written first ("Zhao Lijian", later "Zhao"): the
        // first word is a key too, unless it already names someone.
        if e.keys.len() >= 2
            && let Some(first) = e.keys.first()
            && first.len() > 1
            && !keys.contains_key(first.as_str())
        {
            keys.insert(first.clone(), a);
        }
    }

    /// The person a name run refers to, if the document or gazetteer knows it.
    fn lookup_person(&self, r: Range<usize>) -> Option<usize> {
        // One plain word: its normalized form is its key.
        if r.len() == 1 && self.t.toks[r.start].kind == Kind::Word {
            let w = self.norm(r.start);
            if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return self.person_keys.get(w).copied();
            }
        }
        let key = super::registry::slug(self.slice(r));
        if key.is_empty() {
            return None;
        }
        self.person_keys.get(&key).copied()
    }

    /// Creates (or finds) a person from a name run.
    pub(super) fn person_from_run(&mut self, r: Range<usize>) -> usize {
        if let Some(a) = self.lookup_person(r.clone()) {
            return a;
        }
        // A gazetteer person inside the run: "Ayatollah Ali Khamenei".
        for i in r.clone() {
            if let Some(h) = self
                .hits_at(i)
                .iter()
                .find(|h| matches!(h.payload, Payload::Person(_)) && h.end as usize <= r.end)
                .copied()
                && let Payload::Person(p) = h.payload
            {
                // "Turki al-Maliki" is not Nouri al-Maliki, "Justice Minister
                // Abdulhamit Gul" not Abdullah Gul: a given name before the
                // hit, after any titles, must be one of the person's names
                // (spelling aside: "Sergey", "Sergei").
                let name = &self.m.lexicon.people()[p as usize].name;
                let mut g = r.start;
                while g < i {
                    match self.hits_at(g).iter().find(|x| {
                        matches!(x.payload, Payload::Title(_) | Payload::Honorific(_))
                            && x.end as usize <= i
                    }) {
                        Some(x) => g = x.end as usize,
                        None => break,
                    }
                }
                let given = self.norm(g);
                let fits = g >= i
                    || name
                        .split_whitespace()
                        .any(|w| same_name(&super::registry::slug(w), given));
                // "Foreign Ministry spokesman Abbas Musavi" is not Mahmoud
                // Abbas: after a one-word hit, the words that follow must be
                // the person's too ("Alicia Bárcena Ibarra" is Alicia
                // Bárcena).
                let rest_fits = h.len() > 1
                    || (h.end as usize..r.end)
                        .filter(|&k| self.t.toks[k].kind == Kind::Word)
                        .all(|k| {
                            let w = self.norm(k);
                            name.split_whitespace()
                                .any(|n| same_name(&super::registry::slug(n), w))
                        });
                if !fits || !rest_fits {
                    break;
                }
                return self.known_person(p as usize, r.clone());
            }
        }
        let name = self.slice(r.clone()).to_owned();
        let keys: Vec<String> = r
            .clone()
            .filter(|&i| self.t.toks[i].kind == Kind::Word)
            .map(|i| self.norm(i).to_owned())
            .collect();
        let a = self.reg.person(&name, keys);
        self.note_person(a, None);
        a
    }

    /// The owner an unowned body or title refers to: a body of the same kind
    /// in this sentence, else the last one, else the dateline's state, else
    /// the state mentioned most.
    fn context_owner(&mut self, slug: &str, sentence: Range<usize>) -> Option<usize> {
        // Same kind of body, with an owner, later in this sentence.
        for i in sentence.clone() {
            if let Some(h) = self.name_hit(i)
                && let Payload::Body(b) = h.payload
                && self.m.lexicon.bodies()[b as usize].slug == slug
            {
                let owner = self.owner_before(h.start as usize, sentence.start);
                if let Some(o) = owner {
                    return Some(o);
                }
            }
        }
        // "Foreign Minister X met Greek Foreign Minister Y in Athens": the
        // owner of the same title held by someone else in the sentence is
        // not this one's.
        let mut taken: Vec<String> = Vec::new();
        for i in sentence.clone() {
            if let Some(h) = self.name_hit(i)
                && let Payload::Title(t) = h.payload
                && self.m.lexicon.titles()[t as usize].body.as_deref() == Some(slug)
                && let Some(o) = self
                    .owner_before(h.start as usize, sentence.start)
                    .or_else(|| {
                        // "Prime Minister of the Kingdom of Cambodia".
                        let mut k = h.end as usize;
                        if !self.is(k, &["of"]) {
                            return None;
                        }
                        k += if self.is(k + 1, &["the"]) { 2 } else { 1 };
                        let o = self.name_hit(k).map(|x| self.unit(x))?;
                        match o {
                            Unit::Owner(o) => Some(o),
                            _ => None,
                        }
                    })
                && let Some(code) = self.reg.code(o)
            {
                taken.push(code.to_owned());
            }
        }
        let free = |a: usize, reg: &super::registry::Registry| {
            reg.code(a).is_none_or(|c| !taken.iter().any(|t| t == c))
        };
        // Where the sentence has the official speak: "Trade Minister Simon
        // Birmingham told reporters in Canberra".
        for i in sentence.clone() {
            if i > sentence.start
                && self.is(i - 1, &["in"])
                && self.seg.quote_of(i).is_none()
                && let Some(h) = self.name_hit(i)
                && let Payload::CountryCapital(c) = h.payload
            {
                let state = self.doc.reg.state(self.doc.m, c as usize);
                if free(state, &self.reg) {
                    return Some(state);
                }
            }
        }
        // "Colombia was among the first to respond. ... President Mateo
        // Arango wrote": the state the paragraph's previous sentence opens
        // with, for a head of state or government.
        if slug == "presidency" || slug == "government" {
            let here = self.seg.sentence_holding(sentence.start).map(|s| s.para);
            let prev = sentence
                .start
                .checked_sub(1)
                .and_then(|k| self.seg.sentence_holding(k))
                .filter(|s| Some(s.para) == here)
                .map(|s| s.body_start);
            if let Some(p) = prev
                && let Some(m) = self
                    .mentions
                    .iter()
                    .rev()
                    .take(60)
                    .find(|m| m.toks.start == p)
                && m.form == Form::Name
                && matches!(
                    self.reg.entries[m.actor].actor.kind,
                    crate::model::ActorKind::State
                )
                && free(m.actor, &self.reg)
            {
                return Some(m.actor);
            }
        }
        // The same kind of body named before in the text.
        for m in self.mentions.iter().rev().take(400) {
            let e = &self.reg.entries[m.actor];
            if m.form == Form::Name
                && e.slug.as_deref() == Some(slug)
                && e.code.is_some()
                && let Some(p) = e.actor.affiliation.as_ref()
                && let Some(o) = self.reg.get(p.as_str())
                && free(o, &self.reg)
            {
                return Some(o);
            }
        }
        // The side of the sentence's subject, outside quotations ("Peskov ...
        // referred questions to the defence ministry").
        let subject = self
            .mentions_in(sentence.start..self.t.len().min(sentence.end))
            .find(|(_, m)| {
                m.form == Form::Name
                    && self.seg.quote_of(m.toks.start).is_none()
                    && self.reg.code(m.actor).is_some()
            })
            .map(|(_, m)| m.actor);
        if let Some(a) = subject
            && let Some(side) = self.doc.reg.side_of(self.doc.m, a)
            && free(side, &self.reg)
        {
            return Some(side);
        }
        self.home
            .or(self.most_mentioned)
            .filter(|&h| free(h, &self.reg))
    }

    /// An owner right before token `i`: "China's", "Russian", "the Kremlin".
    fn owner_before(&mut self, i: usize, floor: usize) -> Option<usize> {
        let mut j = i;
        // Skip one possessive clitic.
        if j > floor && self.t.toks[j - 1].kind == Kind::Clitic {
            j -= 1;
        }
        if j == floor {
            return None;
        }
        let idx = self.name_at(j - 1)?;
        let h = self.hits[idx as usize];
        match self.unit(h) {
            Unit::Owner(a) => Some(a),
            _ => None,
        }
    }

    /// Recognizes the actor mentions of sentence `s`.
    pub fn recognize(&mut self, s: usize) {
        let sent = self.seg.sentences[s].clone();
        let r = sent.body_start..sent.toks.end;
        if let Some(dateline) = self.seg.dateline.clone()
            && dateline.start == sent.toks.start
        {
            // A dateline names the document's home state.
            for i in dateline {
                if let Some(h) = self
                    .hits_at(i)
                    .iter()
                    .find(|h| {
                        matches!(
                            h.payload,
                            Payload::CountryCapital(_) | Payload::CountryName(_)
                        )
                    })
                    .copied()
                    && let Payload::CountryCapital(c) | Payload::CountryName(c) = h.payload
                {
                    self.home = Some(self.doc.reg.state(self.doc.m, c as usize));
                }
            }
        }
        self.choose_names(r.clone());
        let first = self.mentions.len();
        let mut i = r.start;
        while i < r.end {
            i = self.recognize_at(i, r.clone(), sent.headline);
        }
        // Outermost first at each start.
        self.mentions[first..].sort_by(|a, b| {
            a.toks
                .start
                .cmp(&b.toks.start)
                .then(b.toks.end.cmp(&a.toks.end))
        });
    }

    /// "The representative of France", "the delegate of Algeria", "the
    /// ambassador of Japan": the unnamed holder of a role, followed by the
    /// state it serves. One person per state and role, so that a later "he"
    /// or "she" refers to them. Returns the holder and the end of the state's
    /// name.
    fn holder_of(
        &mut self,
        title: Range<usize>,
        title_text: &str,
        end: usize,
    ) -> Option<(usize, usize)> {
        let mut k = title.end;
        if !self.is(k, &["of", "for", "from"]) {
            return None;
        }
        k += 1;
        if self.is(k, &["the"]) {
            k += 1;
        }
        let h = self.name_hit(k).filter(|h| h.end as usize <= end)?;
        if !matches!(h.payload, Payload::CountryName(_)) {
            return None;
        }
        let Unit::Owner(state) = self.unit(h) else {
            return None;
        };
        let noun = title_text.to_lowercase();
        let label = format!("{noun} of {}", self.slice(k..h.end as usize));
        let g = self.reg.role_of(state, &noun, &label, false);
        self.reg.entries[g].person = true;
        Some((g, h.end as usize))
    }

    /// Recognizes the actors a transcript turn's label names ("MR PIGOTT",
    /// "PRIME MINISTER TUSK", "CCTV"), as mentions before its sentence's.
    pub fn recognize_label(&mut self, r: Range<usize>) {
        self.choose_names(r.clone());
        let mut i = r.start;
        while i < r.end {
            i = self.recognize_at(i, r.clone(), false);
        }
    }

    /// Recognizes whatever starts at token `i`; returns the next token to look at.
    fn recognize_at(&mut self, i: usize, r: Range<usize>, headline: bool) -> usize {
        let w = self.norm(i);
        let pronoun = self.has(i, PRONOUN);
        let determiner = matches!(w, "the" | "this" | "that");
        // Pronouns.
        // ("US" in capitals is the United States, not "us".)
        if self.t.toks[i].kind == Kind::Word
            && pronoun
            && !(self.t.toks[i].is(super::token::ALLCAP) && self.name_hit(i).is_some())
        {
            self.pronoun(i, r.clone());
            return i + 1;
        }
        // "The two leaders said", "both ministers agreed": the last two
        // people named, the second joined to the first.
        if let Some(next) = self.two_people(i, &r) {
            return next;
        }
        // "the ministry", "the department's spokesman".
        // ("the office of X" is defined by what follows, not by what came before.)
        if determiner
            && i + 1 < r.end
            && self.name_at(i + 1).is_none()
            && self.in_class(i + 1, WordClass::Definite)
            && !self.is(i + 2, &["of"])
            && let Some(a) = self.definite(i + 1)
        {
            self.push_mention(i..i + 2, a, Form::Definite);
            return self.after_owner(i, i + 2, a, r, headline);
        }
        // "the militant group", "the Islamist movement", "the regional
        // body": an adjective before a collective's head.
        if determiner
            && i + 2 < r.end
            && self.t.toks[i + 1].kind == Kind::Word
            && !self.t.toks[i + 1].is(super::token::CAP)
            && !self.t.toks[i + 2].is(super::token::CAP)
            && self.name_at(i + 1).is_none()
            && self.name_at(i + 2).is_none()
            && self.is(
                i + 2,
                &[
                    "group", "outfit", "movement", "militia", "body", "bloc", "alliance",
                    "grouping",
                ],
            )
            && !self.is(i + 3, &["of"])
            && let Some(a) = self.definite(i + 2)
        {
            self.push_mention(i..i + 3, a, Form::Definite);
            return i + 3;
        }
        // "Leaders of the Group of Seven", "members of NATO": the organisation.
        if let Some(next) = self.members_of(i, &r) {
            return next;
        }
        // "Residents of the Syrian Golan Heights", "inhabitants of Gaza":
        // people of a side, named by where they live.
        if let Some(next) = self.residents_of(i, &r) {
            return next;
        }
        // "the Vienna Convention", "the Minsk agreements": a city naming a
        // document or a process is no government.
        if let Some(h) = self.name_hit(i)
            && matches!(h.payload, Payload::CountryCapital(_))
            && !headline
            && self.in_class(h.end as usize, WordClass::Agreement)
        {
            return h.end as usize + 1;
        }
        if let Some(h) = self.name_hit(i) {
            return self.named_unit(i, h, r, headline);
        }
        if self.t.toks[i].kind == Kind::Word
            && self.t.toks[i].is(super::token::ALLCAP)
            && let Some(&a) = self.doc.acronyms.get(self.slice(i..i + 1))
        {
            self.push_mention(i..i + 1, a, Form::Name);
            return i + 1;
        }
        if !headline
            && self.name_at(i).is_none()
            && let Some(next) = self.unknown_org(i, r.clone())
        {
            return next;
        }
        if !headline && self.is_name_token(i) {
            if let Some(next) = self.capitalized_run(i, r) {
                return next;
            }
        } else if headline && self.t.toks[i].kind == Kind::Word {
            if let Some(next) = self.headline_person(i, &r) {
                return next;
            }
        }
        i + 1
    }

    /// "Leaders of the Group of Seven", "members of NATO": the organisation.
    fn members_of(&mut self, i: usize, r: &Range<usize>) -> Option<usize> {
        if self.t.toks[i].kind == Kind::Word
            && self.in_class(i, WordClass::Members)
            && self.is(i + 1, &["of"])
        {
            let q = if self.is(i + 2, &["the"]) {
                i + 3
            } else {
                i + 2
            };
            if q < r.end
                && let Some(h) = self.name_hit(q)
                && let Unit::Owner(a) = self.unit(h)
                && self.reg.entries[a].is_side
            {
                let end = h.end as usize;
                self.push_mention(i..end, a, Form::Name);
                return Some(end);
            }
        }
        None
    }

    /// "Residents of the Syrian Golan Heights", "inhabitants of Gaza":
    /// people of a side, named by where they live.
    fn residents_of(&mut self, i: usize, r: &Range<usize>) -> Option<usize> {
        if self.t.toks[i].kind == Kind::Word
            && self.in_class(i, WordClass::Residents)
            && self.is(i + 1, &["of", "in", "from"])
        {
            let q = if self.is(i + 2, &["the"]) {
                i + 3
            } else {
                i + 2
            };
            if q < r.end
                && let Some(h) = self.name_hit(q)
                && matches!(
                    h.payload,
                    Payload::CountryName(_)
                        | Payload::CountryDemonym(_)
                        | Payload::CountryCapital(_)
                )
                && let Unit::Owner(a) = self.unit(h)
            {
                // The place the side's name qualifies runs on in capitals.
                let mut end = h.end as usize;
                while end < r.end
                    && self.t.toks[end].kind == Kind::Word
                    && self.t.toks[end].is(super::token::CAP)
                    && self.name_at(end).is_none()
                {
                    end += 1;
                }
                let noun = self.norm(i).to_owned();
                let label = format!("{} {}", self.slice(h.start as usize..h.end as usize), noun);
                let g = self.reg.group(a, &noun, &label);
                self.push_mention(i..end, g, Form::Name);
                return Some(end);
            }
        }
        None
    }

    /// A name from the lexicon at `i` (hit `h`): an actor, a body, a title.
    fn named_unit(&mut self, i: usize, h: Hit, r: Range<usize>, headline: bool) -> usize {
        let end = h.end as usize;
        match self.unit(h) {
            Unit::Owner(a) => {
                let form = match h.payload {
                    Payload::CountryDemonym(_) => {
                        // A plural demonym is the people: "the Russians".
                        let plural = self.word(end - 1).ends_with('s');
                        if plural { Form::Name } else { Form::Modifier }
                    }

                    _ => Form::Name,
                };
                if let Payload::Person(_) = h.payload {
                    self.push_mention(i..end, a, Form::Name);
                    return self.apposition(i..end, a, r);
                }
                self.push_mention(i..end, a, form);
                self.after_owner(i, end, a, r, headline)
            }
            Unit::Body(b) => {
                let m = self.m;
                let body = &m.lexicon.bodies()[b];
                // "an imminent military intervention": an adjective.
                if end == i + 1
                    && end < r.end
                    && !self.t.toks[i].is(super::token::CAP)
                    && self.in_class(end, WordClass::BodyAdjective)
                {
                    return end;
                }
                // A title right after the body makes it the owner: "Foreign
                // Ministry spokesperson Wang Wenbin".
                // "Kurdish-led forces", "Kurdish forces": a group the
                // lexicon does not know owns it, not the context.
                let foreign_modifier = i > r.start
                    && (i >= r.start + 2
                        && self.in_class(i - 1, WordClass::Led)
                        && self.norm(i - 2) == "-"
                        || self.is_name_token(i - 1) && self.name_at(i - 1).is_none());
                let after = if foreign_modifier {
                    None
                } else {
                    self.state_after(end, &r)
                };
                let owner = if foreign_modifier {
                    None
                } else {
                    after
                        .map(|(o, _)| o)
                        .or_else(|| self.pronoun_owner(i, &r))
                        .or_else(|| self.context_owner(&body.slug, r.clone()))
                };
                let name = self.slice(i..end).to_lowercase();
                let a = match owner {
                    Some(o) => self.reg.body(o, &body.slug, body.kind, &name),
                    None => self.reg.loose_body(&body.slug, body.kind, &name),
                };
                // "the Foreign Ministry of Iran": the mention takes in its
                // state, which is no subject of its own.
                if let Some((_, state_end)) = after
                    && self.is(end, &["of"])
                {
                    self.push_mention(i..state_end, a, Form::Name);
                    return state_end;
                }
                self.push_mention(i..end, a, Form::Name);
                self.after_owner(i, end, a, r, headline)
            }
            Unit::Title(_) | Unit::Honorific => self.title_chain(i, None, r, headline),
        }
    }

    /// The side of the person a possessive pronoun right before `i` stands
    /// for: "his government" ("its" and "their" are left to the context:
    /// "Kenya sought sanctions against Somalia, its foreign ministry said").
    fn pronoun_owner(&mut self, i: usize, r: &Range<usize>) -> Option<usize> {
        if i == 0 || !self.has(i - 1, HIS_HER) {
            return None;
        }
        // "his government": the person the sentence is about, as for "he".
        let in_quote = self.seg.quote_of(i - 1).is_some();
        let actor = self.person_pronoun(i - 1, &(r.start..i - 1), in_quote)?;
        self.doc.reg.side_of(self.doc.m, actor)
    }

    /// The state a body or its people are placed in or of right after
    /// them, at `end`, and where its name ends: "the military leaders in
    /// Niger", "the junta of Mali".
    fn state_after(&mut self, end: usize, r: &Range<usize>) -> Option<(usize, usize)> {
        let mut k = end;
        if k < r.end && self.in_class(k, WordClass::Group) {
            k += 1;
        }
        if !self.is(k, &["in", "of"]) {
            return None;
        }
        k += 1;
        if self.is(k, &["the"]) {
            k += 1;
        }
        if k >= r.end {
            return None;
        }
        let h = self.name_hit(k)?;
        if !matches!(h.payload, Payload::CountryName(_)) {
            return None;
        }
        match self.unit(h) {
            Unit::Owner(a) if self.reg.entries[a].is_side => Some((a, h.end as usize)),
            _ => None,
        }
    }

    /// A run of capitalized words at `i` in running text: a known person,
    /// or a new one named with a title or before a verb. `None` when the
    /// run is empty.
    fn capitalized_run(&mut self, i: usize, r: Range<usize>) -> Option<usize> {
        let end = self.name_run(i, r.end);
        if end > i {
            if let Some(a) = self.lookup_person(i..end) {
                self.push_mention(i..end, a, Form::Name);
                return Some(self.apposition(i..end, a, r));
            }
            // A sub-run that names a known person: "President Putin" is handled
            // by titles; here "Putin" alone in a longer capitalized run.
            if let Some((k, a)) =
                (i..end).find_map(|k| self.lookup_person(k..k + 1).map(|a| (k, a)))
            {
                self.push_mention(k..k + 1, a, Form::Name);
                return Some(k + 1);
            }
            // A new person: a run followed by an apposition with a title,
            // or two or more names followed by a reporting verb.
            if let Some(next) = self.new_person_by_apposition(i..end, r.clone()) {
                return Some(next);
            }
            // Two or more names before a verb make a person, unless they
            // read as a region or a people ("West Africans", "Golan Heights").
            let last = self.norm(end - 1);
            let people_like = last.ends_with("ans")
                || last.ends_with("ese")
                || self.in_class(end - 1, WordClass::NameEnd);
            let region = self.in_class(i, WordClass::PlacePrefix);
            // "Alaksandar Lukashenka's interview", "remarks by Ilir Meta":
            // names around a noun for a person's words.
            let remarks = matches!(self.norm(end), "'s" | "'")
                && self.in_class(end + 1, WordClass::Remarks)
                || i >= 2 && self.is(i - 1, &["by"]) && self.in_class(i - 2, WordClass::Remarks);
            if end - i >= 2
                && !people_like
                && !region
                && (remarks
                    || self.verb_follows(end, r.end)
                    || self.verb_follows_participle(end, r.end))
            {
                let a = self.person_from_run(i..end);
                self.push_mention(i..end, a, Form::Name);
                return Some(end);
            }
            return Some(end);
        }
        None
    }

    /// A known person named at `i` in a headline.
    fn headline_person(&mut self, i: usize, r: &Range<usize>) -> Option<usize> {
        let end = self.name_run(i, r.end).max(i + 1);
        if let Some(a) = self
            .lookup_person(i..end)
            .or_else(|| self.lookup_person(i..i + 1))
        {
            let e = if self.lookup_person(i..end).is_some() {
                end
            } else {
                i + 1
            };
            self.push_mention(i..e, a, Form::Name);
            return Some(e);
        }
        None
    }

    /// An organisation the lexicon does not know, named by capitalized words
    /// ending in an organisation's head noun: "Pakistan's National Security
    /// Committee", "Taiwan's Central News Agency". It belongs to a state
    /// named right before it.
    fn unknown_org(&mut self, i: usize, r: Range<usize>) -> Option<usize> {
        let cap = |d: &Self, k: usize| {
            d.t.toks[k].kind == Kind::Word
                && d.t.toks[k].is(super::token::CAP)
                && d.name_at(k).is_none()
        };
        if !cap(self, i) || (i == r.start && self.has(i, DET)) {
            return None;
        }
        let mut j = i;
        let mut last_cap = None;
        while j < r.end && j < i + 8 {
            if cap(self, j) {
                last_cap = Some(j);
                j += 1;
            } else if self.is(j, &["of", "for", "and", "the", "on"])
                && j + 1 < r.end
                && cap(self, j + 1)
                && j > i
            {
                j += 1;
            } else {
                break;
            }
        }
        let last = last_cap?;
        if last == i {
            return None;
        }
        let head = self.norm(last);
        let kind = match head {
            "agency" | "news" | "television" | "radio" | "broadcaster"
                if (i..=last).any(|k| self.in_class(k, WordClass::Media)) =>
            {
                crate::model::ActorKind::Media
            }
            // "the Ministry of Natural Resources": the head noun first.
            _ if self.is(i + 1, &["of"]) && self.in_class(i, WordClass::BodyHead) => {
                crate::model::ActorKind::Institution
            }
            _ => self.org_head_kind(last)?,
        };
        let end = last + 1;
        // The state it belongs to: "Taiwan's", "the Pakistani".
        let mut owner = None;
        let mut k = i;
        if k > r.start && self.t.toks[k - 1].kind == Kind::Clitic {
            k -= 1;
        }
        if let Some(m) = self.mentions.iter().rev().take(4).find(|m| m.toks.end == k) {
            let a = m.actor;
            if self.reg.entries[a].is_side {
                owner = Some((m.toks.start, a));
            }
        }
        // A ministry named without its state is one of the state the
        // report is about.
        if owner.is_none()
            && kind == crate::model::ActorKind::Institution
            && self.is(i + 1, &["of"])
            && let Some(h) = self.home.or(self.most_mentioned)
        {
            owner = Some((i, h));
        }
        let name = self.slice(i..end).to_owned();
        let slug = super::registry::slug(&name);
        let a = match owner {
            Some((_, o)) => self.reg.role_of(o, &slug, &name, false),
            None => self.reg.role_of_unknown(&slug, &name),
        };
        self.reg.entries[a].actor.kind = kind;
        let start = owner.map_or(i, |(s, _)| s);
        self.push_mention(start..end, a, Form::Name);
        Some(end)
    }

    /// After an owner at `start..end`: a body ("China's foreign ministry"),
    /// a title chain ("Kremlin spokesperson Dmitry Peskov") or a collective
    /// ("Russian officials") may follow.
    fn after_owner(
        &mut self,
        start: usize,
        end: usize,
        owner: usize,
        r: Range<usize>,
        headline: bool,
    ) -> usize {
        let mut j = end;
        if j < r.end && self.t.toks[j].kind == Kind::Clitic {
            j += 1;
        }
        // Up to three modifier words: "current", "caretaker", "foreign policy".
        let mut k = j;
        let mut skipped = 0;
        while k < r.end
            && skipped < 3
            && self.name_at(k).is_none()
            && self.t.toks[k].kind == Kind::Word
        {
            if self.in_class(k, WordClass::Group)
                || self.has(k, PRONOUN)
                || self.is_verbish(k)
                || self.is(
                    k,
                    &[
                        "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by",
                        "that", "as", "a", "an", "the",
                    ],
                )
            {
                break;
            }
            k += 1;
            skipped += 1;
        }
        // "The Saudi-led coalition said": a coalition or force a state
        // leads speaks for that state.
        if j + 2 < r.end
            && j == end
            && self.norm(j) == "-"
            && self.is(j + 1, &["led"])
            && let Some(kind) = self.org_head_kind(j + 2)
            && self.name_at(j + 2).is_none()
            && self.verb_follows(j + 3, r.end)
        {
            let name = format!("{}-led {}", self.slice(start..end), self.norm(j + 2));
            let slug = super::registry::slug(&format!("led {}", self.norm(j + 2)));
            let a = self.reg.role_of(owner, &slug, &name, false);
            self.reg.entries[a].actor.kind = kind;
            self.push_mention(start..j + 3, a, Form::Name);
            return j + 3;
        }
        // "South Korea's unification ministry said", "Nigeria's defence
        // headquarters described": words ending in the head of a body the
        // lexicon does not list, before a verb, name a body of the owner.
        if k > j
            && k < r.end
            && !self.reg.is_outlet(owner)
            && self.name_at(k).is_none()
            && let Some(kind) = self.org_head_kind(k - 1)
            && self.verb_follows(k, r.end)
            && (j..k).all(|x| self.name_at(x).is_none())
        {
            let name = self.slice(j..k).to_lowercase();
            let slug = super::registry::slug(&name);
            let label = format!("{} {}", self.slice(start..end), name);
            let a = self.reg.role_of(owner, &slug, &label, false);
            self.reg.entries[a].actor.kind = kind;
            self.push_mention(start..k, a, Form::Name);
            return k;
        }
        for probe in [j, k] {
            if probe >= r.end {
                continue;
            }
            // "Pakistan's Foreign Office": after a state, a body's name is
            // that state's body, even where the lexicon knows an institution
            // of another state by the same words.
            let chosen = self.name_hit(probe).map(|h| {
                let body = self
                    .hits_at(probe)
                    .iter()
                    .copied()
                    .find(|b| matches!(b.payload, Payload::Body(_)) && b.end == h.end);
                match (h.payload, body) {
                    (Payload::Institution(x), Some(b))
                        if self.reg.entries[owner].is_side
                            && self.reg.code(owner).is_some_and(|c| {
                                c != self.m.lexicon.institutions()[x as usize].country.as_str()
                            }) =>
                    {
                        b
                    }
                    _ => h,
                }
            });
            if let Some(h) = chosen {
                match self.unit(h) {
                    Unit::Body(b) => {
                        let m = self.m;
                        let body = &m.lexicon.bodies()[b];
                        let name = self.slice(probe..h.end as usize).to_lowercase();
                        let a = self.reg.body(owner, &body.slug, body.kind, &name);
                        self.push_mention(start..h.end as usize, a, Form::Name);
                        return self.after_owner(start, h.end as usize, a, r, headline);
                    }
                    Unit::Title(_) | Unit::Honorific => {
                        return self.title_chain(probe, Some((start, owner)), r, headline);
                    }
                    Unit::Owner(_) => {}
                }
            }
            // A collective: "Russian officials", "CARICOM leaders".
            if self.t.toks[probe].kind == Kind::Word && self.in_class(probe, WordClass::Group) {
                let noun = self.norm(probe).to_owned();
                let e = &self.reg.entries[owner];
                if e.is_side
                    && !matches!(e.actor.kind, crate::model::ActorKind::State)
                    && matches!(noun.as_str(), "leaders" | "officials")
                {
                    // "CARICOM leaders" speak for CARICOM.
                    self.push_mention(start..probe + 1, owner, Form::Name);
                    return probe + 1;
                }
                let plural_noun = if noun.ends_with('s') {
                    noun.clone()
                } else {
                    format!("{noun}s")
                };
                let label = format!("{} {}", self.slice(start..end), plural_noun);
                let g = self.reg.group(owner, &plural_noun, &label);
                self.push_mention(start..probe + 1, g, Form::Name);
                return probe + 1;
            }
        }
        if let Some(next) = self.people_of_state(start, end, j, owner, &r, headline) {
            return next;
        }
        // "Leaders of the Group of Seven" is handled where "leaders" starts.
        end
    }

    /// People of state `owner`, named at `start..end`, by the words after it
    /// (from `j`, past a clitic): "Radical French farmers said", "A Saudi
    /// businessman is suing", "Iraqi Kurds sought", "Armenia's Zohrab
    /// Mnatsakanyan".
    fn people_of_state(
        &mut self,
        start: usize,
        end: usize,
        j: usize,
        owner: usize,
        r: &Range<usize>,
        headline: bool,
    ) -> Option<usize> {
        // "Radical French farmers said": a demonym, a plural noun and a verb
        // make a collective of that side.
        // "A Saudi businessman is suing": a singular one, an unnamed member.
        // "Bosnian Serbs": the people of another nation living in this one.
        let e = &self.reg.entries[owner];
        let state = matches!(e.actor.kind, crate::model::ActorKind::State);
        // ... or a people named in capitals before a verb: "Iraqi Kurds sought".
        let named_people = !headline
            && j < r.end
            && j == end
            && self.name_at(j).is_none()
            && self.t.toks[j].kind == Kind::Word
            && self.t.toks[j].is(super::token::CAP)
            && self.norm(j).ends_with('s')
            && !self.in_class(j, WordClass::NotName)
            && self.verb_follows(j + 1, r.end);
        let next_people = named_people
            || j < r.end
                && j == end
                && self.name_hit(j).is_some_and(|h| {
                    matches!(h.payload, Payload::CountryDemonym(_))
                        && self.word(h.end as usize - 1).ends_with('s')
                });
        if state && next_people {
            let h = if named_people {
                j + 1
            } else {
                self.name_hit(j).map_or(j + 1, |h| h.end as usize)
            };
            let noun = self.norm(h - 1).to_owned();
            let label = format!("{} {}", self.slice(start..end), self.slice(j..h));
            let g = self.reg.group(owner, &noun, &label);
            self.push_mention(start..h, g, Form::Name);
            return Some(h);
        }
        if state
            && j < r.end
            && j == end
            && self.t.toks[j].kind == Kind::Word
            && !self.t.toks[j].is(super::token::CAP)
            && self.norm(j).len() > 3
            && !self.in_class(j, WordClass::NotName)
            // "Seoul strongly condemned": an adverb is no role; "the Taiwan
            // question will", "the Iran deal was": after a state's name
            // (not its demonym, as in "a Saudi businessman") a single thing
            // is none either, only people in numbers ("Kremlin aides").
            && !self.norm(j).ends_with("ly")
            && (self
                .name_hit(start)
                .is_some_and(|h| matches!(h.payload, Payload::CountryDemonym(_)))
                || self.norm(j).ends_with('s') && !self.norm(j).ends_with("ss"))
            && !self.is_verbish(j)
            && self.verb_follows(j + 1, r.end)
        {
            let noun = self.norm(j).to_owned();
            let label = format!("{} {}", self.slice(start..end), noun);
            let g = self.reg.role_of(owner, &noun, &label, noun.ends_with('s'));
            self.push_mention(start..j + 1, g, Form::Name);
            return Some(j + 1);
        }
        // "Armenia's Zohrab Mnatsakanyan": a state's possessive before a
        // name of two or more words the lexicon does not know is a person of
        // that state.
        if state && j > end && j < r.end && !headline && self.name_hit(j).is_none() {
            let e = self.name_run(j, r.end);
            let words = (j..e)
                .filter(|&k| self.t.toks[k].kind == Kind::Word)
                .count();
            if (2..=4).contains(&words) && (j..e).all(|k| self.name_at(k).is_none()) {
                let person = self.person_from_run(j..e);
                if self.reg.entries[person].person {
                    self.reg.affiliate(person, owner);
                    self.push_mention(j..e, person, Form::Name);
                    return Some(e);
                }
            }
        }
        None
    }

    /// A title chain at `i`: titles, honorifics and a name ("Foreign Minister
    /// Sergei Lavrov"), or a title and a comma and a name ("Iraq's caretaker
    /// prime minister, Adel Abdul Mahdi").
    fn title_chain(
        &mut self,
        i: usize,
        owner: Option<(usize, usize)>,
        r: Range<usize>,
        headline: bool,
    ) -> usize {
        let mut j = i;
        let mut title: Option<usize> = None;
        let mut title_toks = i..i;
        let mut former = false;
        // "then-U.S. President": a former role.
        let start = owner.map_or(i, |(s, _)| s);
        if start >= 2 && self.norm(start - 1) == "-" && self.has(start - 2, THEN_FORMER | EX) {
            former = true;
        }
        if start >= 1 && self.has(start - 1, THEN_FORMER) {
            former = true;
        }
        // The mention takes in "former" / "then-".
        let prefix =
            if start >= 2 && self.norm(start - 1) == "-" && self.has(start - 2, THEN_FORMER | EX) {
                start - 2
            } else if start >= 1 && self.is(start - 1, &["former"]) {
                start - 1
            } else {
                start
            };
        // Titles and honorifics, possibly with capitalized words between
        // ("White House National Security Council spokeswoman").
        let mut guard = 0;
        while j < r.end && guard < 8 {
            guard += 1;
            match self.name_hit(j).map(|h| (h, self.unit(h))) {
                Some((h, Unit::Title(t))) => {
                    title = Some(t);
                    title_toks = j..h.end as usize;
                    j = h.end as usize;
                }
                Some((h, Unit::Honorific)) => j = h.end as usize,
                Some((h, Unit::Body(_) | Unit::Owner(_))) if title.is_none() => j = h.end as usize,
                _ => break,
            }
        }
        let Some(t) = title else {
            // Honorifics and a name: "Mr. Peskov", "Gen. Qasem Soleimani".
            let end = self.name_run(j, r.end);
            if end > j && !headline {
                let person = self.person_from_run(j..end);
                self.push_mention(j..end, person, Form::Name);
                return self.apposition(j..end, person, r);
            }
            return i + 1;
        };
        // "Foreign Affairs Cabinet Secretary (CS) Alfred Mutua": an
        // abbreviation of the title in parentheses.
        if title.is_some()
            && self.is(j, &["("])
            && j + 2 < r.end
            && self.t.toks[j + 1].is(super::token::ALLCAP)
            && self.is(j + 2, &[")"])
            && self.is_name_token(j + 3)
        {
            j += 3;
        }
        // "European Commissioner for Crisis Management Hanna Virtanen",
        // "Secretary for Security Chris Tang": a portfolio after "for",
        // then the name, its last two capitalized words.
        if title.is_some() && self.is(j, &["for"]) && self.is_name_token(j + 1) {
            let e = self.name_run(j + 1, r.end);
            if e >= j + 4 && (j + 1..e).all(|k| self.name_at(k).is_none()) {
                j = e - 2;
            }
        }
        let mut name_start = j;
        let mut apposed = false;
        // "the spokesman, John Smith, said": apposed. "According to a senior
        // official, Biden told ...": an indefinite description and a new
        // clause, unless the name is set off by a second comma.
        let indefinite = (start.saturating_sub(3)..start).any(|k| self.has(k, A_AN));
        // "The US ambassador in Pristina, Rebecca Sloane, has urged": a
        // post of the title, then the apposed name, set off by commas.
        let mut k = j;
        if self.is(k, &["in", "to"])
            && let Some(h) = self.name_hit(k + 1)
            && matches!(
                h.payload,
                Payload::CountryName(_) | Payload::CountryCapital(_)
            )
            && self.is_comma(h.end as usize)
            && self.is_name_token(h.end as usize + 1)
            && self.is_comma(self.name_run(h.end as usize + 1, r.end))
        {
            k = h.end as usize;
        } else if let Some(e) = self.portfolio_before_apposition(k, r.end) {
            // "the minister for the Pacific, Zed Seselja, said".
            k = e;
        }
        if self.is_comma(k) && self.is_name_token(k + 1) {
            let e = self.name_run(k + 1, r.end);
            if !indefinite || self.is_comma(e) {
                name_start = k + 1;
                apposed = true;
            }
        }
        let mut name_end = self.name_run(name_start, r.end);
        // "Foreign Minister Santiago Cafiero", "Prime Minister Jordan
        // Bardella": a one-word place name given as a first name, before a
        // surname.
        if name_end == name_start
            && name_start + 1 < r.end
            && self
                .name_at(name_start)
                .is_some_and(|h| self.hits[h as usize].end as usize == name_start + 1)
            && self.t.toks[name_start].is(super::token::CAP)
            && self.name_at(name_start + 1).is_none()
        {
            let e = self.name_run(name_start + 1, r.end);
            if e > name_start + 1 {
                name_end = e;
            }
        }
        // "Deputy Foreign Minister Do Hung Viet", "General Secretary To
        // Lam": a family name that is also a function word, capitalized
        // after the title, before the rest of the name.
        if name_end == name_start
            && !headline
            && name_start + 1 < r.end
            && self.t.toks[name_start].kind == Kind::Word
            && self.t.toks[name_start].is(super::token::CAP)
            && self.name_at(name_start).is_none()
            && self.is_name_token(name_start + 1)
            && self.is(name_start, &["to", "do", "la", "le", "an"])
        {
            name_end = self.name_run(name_start + 1, r.end);
        }
        let m = self.m;
        let title_entry = &m.lexicon.titles()[t];
        let title_text = self.slice(title_toks.clone()).to_owned();
        if name_end == name_start
            && !headline
            && let Some((ostart, o)) = owner
        {
            return self.unnamed_role(ostart, o, t, title_toks, &title_text);
        }
        if name_end == name_start
            && !headline
            && owner.is_none()
            && let Some((g, end)) = self.holder_of(title_toks.clone(), &title_text, r.end)
        {
            self.push_mention(title_toks.start..end, g, Form::Name);
            return end;
        }
        // A headline's title-case words may be verbs ("Envoy Warns Seoul"),
        // but not after "by" or "with", nor before a possessive: "Briefing
        // by Spokesperson Tahira Anwar", "Spokesperson Lin Jian's Regular
        // Press Conference" name the holder.
        let headline_name = headline
            && name_end > name_start
            && (prefix > r.start && self.is(prefix - 1, &["by", "with"])
                || matches!(self.norm(name_end), "'s" | "'") && name_end < r.end);
        let unnamed = name_end == name_start
            || headline && !headline_name && self.lookup_person(name_start..name_end).is_none();
        // "DPRK Foreign Ministry Spokesman Hits out at UNSC": in a headline,
        // an owner's title before words that name no one known is the
        // owner's unnamed holder of the role.
        if unnamed
            && headline
            && let Some((ostart, o)) = owner
        {
            return self.unnamed_role(ostart, o, t, title_toks, &title_text);
        }
        if unnamed {
            // A title with no name: "the spokesman", "the ousted president"
            // refers back.
            let mut d = title_toks.start;
            if d > 1 && self.in_class(d - 1, WordClass::Deposed) {
                d -= 1;
            }
            // "the presidential spokesperson", "the Iranian envoy": an
            // adjective between the determiner and the title.
            if d > 1
                && !self.has(d - 1, THE | POSS)
                && self.has(d - 2, THE)
                && self.t.toks[d - 1].kind == Kind::Word
                && (!self.t.toks[d - 1].is(super::token::CAP) || self.name_at(d - 1).is_some())
            {
                d -= 1;
            }
            // In a briefing's answer, "the Foreign Minister" is the
            // answering government's, whoever was named last.
            let own = self.in_answer(d).then_some(self.home).flatten();
            if !headline
                && d > 0
                && self.has(d - 1, THE | POSS)
                && let Some(a) = own
                    .or_else(|| self.reporter_before(d - 1))
                    .and_then(|h| self.last_by_title_of(&title_entry.title, h))
                    .or_else(|| self.last_by_title(&title_entry.title))
                    .or_else(|| {
                        // "the diplomat": any diplomat, spokesperson or minister.
                        (title_entry.rank == TitleRank::Diplomat)
                            .then(|| self.last_in_diplomacy())
                            .flatten()
                    })
            {
                self.push_mention(d - 1..title_toks.end, a, Form::Definite);
            } else if !headline
                && d > 0
                && self.has(d - 1, THE)
                && self.t.toks[title_toks.start].is(super::token::CAP)
                && matches!(
                    title_entry.rank,
                    TitleRank::HeadOfState | TitleRank::HeadOfGovernment | TitleRank::Minister
                )
                && let Some(state) = self.home.or(self.most_mentioned)
            {
                // "The Secretary told ...", "the President said" with no one
                // named before: the holder of the office in the state the
                // text is about.
                let a = self.reg.unnamed_holder(state, &title_text.to_lowercase());
                self.push_mention(d - 1..title_toks.end, a, Form::Definite);
            } else if !headline
                && d > 0
                && self.has(d - 1, THE)
                && self.t.toks[title_toks.start].is(super::token::CAP)
                && title_entry.rank == TitleRank::OrgHead
                && let Some(org) = self.org_of_bare_head(t)
            {
                // "The Secretary-General expresses his condolences": the
                // head of the organisation named last, else of the one the
                // title means alone.
                let title = title_text.to_lowercase();
                let a = self.reg.unnamed_holder(org, &title);
                self.reg
                    .add_role(a, &title, Some(org), false, Some(title_entry.rank));
                self.push_mention(d - 1..title_toks.end, a, Form::Definite);
            }
            return j.max(i + 1);
        }
        let person = self.person_from_run(name_start..name_end);
        // The organisation the title belongs to.
        let mut org = self.title_org(owner, title_toks.clone(), t, person, r.clone());
        // "the representative of the United Kingdom, Ambassador Hugh
        // Farrant,", "Sudan's representative, Ambassador X,": a diplomat
        // apposed to a holder of a side's role serves that side.
        if org.is_none()
            && self.reg.entries[person].code.is_none()
            && title_entry.rank == TitleRank::Diplomat
            && title_toks.start > r.start + 1
            && self.is_comma(title_toks.start - 1)
            && let Some(before) = self
                .mentions
                .iter()
                .rev()
                .find(|m| m.toks.end == title_toks.start - 1)
                .map(|m| m.actor)
            && before != person
            && let Some(side) = self.doc.reg.side_of(self.doc.m, before)
        {
            org = Some(side);
        }
        if let Some(o) = org {
            self.reg.reaffiliate(person, o);
        }
        self.reg
            .add_role(person, &title_text, org, former, Some(title_entry.rank));
        // The mention covers the title chain ("Kremlin spokesperson Dmitry
        // Peskov"), or only the name when it is apposed after a comma.
        let mstart = if apposed {
            name_start
        } else {
            prefix.max(r.start)
        };
        self.push_mention(mstart..name_end, person, Form::Name);
        self.apposition(name_start..name_end, person, r)
    }

    /// "An Israeli official", "Russian diplomats": a collective of owner
    /// `o`; "a French minister", "Iran's foreign minister": an unnamed
    /// holder of the role, named at `ostart..title_toks.end`.
    fn unnamed_role(
        &mut self,
        ostart: usize,
        o: usize,
        t: usize,
        title_toks: Range<usize>,
        title_text: &str,
    ) -> usize {
        let m = self.m;
        let title_entry = &m.lexicon.titles()[t];
        // "An Israeli official", "Russian diplomats": a collective of the
        // owner; "a French minister", "Iran's foreign minister": an
        // unnamed holder of the role.
        let owner_text = self
            .slice(ostart..title_toks.start)
            .trim()
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim()
            .to_owned();
        // "the Palestinian ambassador": one holder, not a collective.
        let definite_one = ostart > 0 && self.has(ostart - 1, THE) && !title_text.ends_with('s');
        let g = if matches!(
            title_entry.rank,
            TitleRank::Official | TitleRank::Diplomat | TitleRank::Legislator
        ) && !definite_one
        {
            let noun = self.norm(title_toks.end - 1).to_owned();
            let plural = if noun.ends_with('s') {
                noun
            } else {
                format!("{noun}s")
            };
            let label = format!("{owner_text} {plural}");
            self.reg.group(o, &plural, &label)
        } else if !title_text.ends_with('s')
            && (ostart == 0 || !self.has(ostart - 1, A_AN))
            && let Some(p) = self.last_by_title_of(&title_entry.title, o)
        {
            // "the US secretary of state stated", after Marco Rubio was
            // named with that title: him.
            self.push_mention(ostart..title_toks.end, p, Form::Definite);
            return title_toks.end;
        } else {
            let label = format!("{owner_text} {}", title_text.to_lowercase());
            let plural = title_text.ends_with('s');
            self.reg
                .role_of(o, &title_text.to_lowercase(), &label, plural)
        };
        self.push_mention(ostart..title_toks.end, g, Form::Name);
        title_toks.end
    }

    /// The organisation title `t` at `title_toks` belongs to, for `person`:
    /// the owner before it, a possessor ("his spokesman"), a body of the
    /// owner's state the title names, or the body in context.
    fn title_org(
        &mut self,
        owner: Option<(usize, usize)>,
        title_toks: Range<usize>,
        t: usize,
        person: usize,
        r: Range<usize>,
    ) -> Option<usize> {
        let m = self.m;
        let title_entry = &m.lexicon.titles()[t];
        let org = match owner {
            Some((_, o)) => Some(o),
            None => {
                // "his spokesman X": the possessor; "Guterres's deputy spokesman".
                let poss = if title_toks.start > 0 {
                    self.owner_before(title_toks.start, r.start)
                } else {
                    None
                };
                // "Member of the Politburo of the Communist Party of Vietnam
                // and Prime Minister X": the state a first title names.
                let poss = poss.or_else(|| {
                    let k = title_toks.start.checked_sub(1)?;
                    if !self.is(k, &["and"]) {
                        return None;
                    }
                    let o = self.owner_before(k, r.start)?;
                    matches!(
                        self.reg.entries[o].actor.kind,
                        crate::model::ActorKind::State
                    )
                    .then_some(o)
                });
                let pron = if title_toks.start > 0 && self.has(title_toks.start - 1, HIS_HER) {
                    self.disc.last_person
                } else if title_toks.start > 0 && self.has(title_toks.start - 1, ITS_THEIR) {
                    self.disc.last_thing
                } else {
                    None
                };
                poss.or(pron)
            }
        };
        match (org, &title_entry.body) {
            (Some(o), Some(slug))
                if matches!(
                    title_entry.rank,
                    TitleRank::Minister | TitleRank::Deputy | TitleRank::Spokesperson
                ) && self.reg.entries[o].is_side =>
            {
                let kind = self
                    .m
                    .lexicon
                    .bodies()
                    .iter()
                    .find(|b| &b.slug == slug)
                    .map_or(BodyKind::Other, |b| b.kind);
                let name = slug.replace('-', " ");
                Some(self.reg.body(o, slug, kind, &name))
            }
            (Some(o), _) => Some(o),
            // "At the United Nations, a spokesperson for Secretary-General
            // X said": the head of the organisation named before in the
            // sentence.
            (None, None) if title_entry.rank == TitleRank::OrgHead => self
                .mentions
                .iter()
                .rev()
                .take_while(|m| m.toks.start >= r.start)
                .filter(|m| m.toks.end <= title_toks.start)
                .map(|m| m.actor)
                .find(|&a| {
                    matches!(
                        self.reg.entries[a].actor.kind,
                        crate::model::ActorKind::InternationalOrganization
                    )
                }),
            (None, Some(slug))
                if !matches!(
                    title_entry.rank,
                    TitleRank::HeadOfState | TitleRank::HeadOfGovernment
                ) || self.reg.entries[person].code.is_none() =>
            {
                if self.reg.entries[person].code.is_some() {
                    None
                } else {
                    let owner = self.context_owner(slug, r.clone());
                    owner.map(|o| {
                        if self.reg.entries[o].is_side
                            && !matches!(
                                title_entry.rank,
                                TitleRank::HeadOfState | TitleRank::HeadOfGovernment
                            )
                        {
                            let kind = self
                                .m
                                .lexicon
                                .bodies()
                                .iter()
                                .find(|b| &b.slug == slug)
                                .map_or(BodyKind::Other, |b| b.kind);
                            let name = slug.replace('-', " ");
                            self.reg.body(o, slug, kind, &name)
                        } else {
                            o
                        }
                    })
                }
            }
            (None, _) => None,
        }
    }

    /// The person last mentioned (of the last 200 mentions) with a role
    /// whose lowercase title `fits`.
    fn last_person_with_role(&self, fits: impl Fn(&str) -> bool) -> Option<usize> {
        self.last_person_where(|a| self.has_role(a, &fits))
    }

    /// The person last mentioned (of the last 200 mentions) for whom
    /// `keep` holds.
    fn last_person_where(&self, keep: impl Fn(usize) -> bool) -> Option<usize> {
        self.mentions
            .iter()
            .rev()
            .take(200)
            .map(|m| m.actor)
            .find(|&a| self.reg.entries[a].person && keep(a))
    }

    /// Whether actor `a` holds a role whose lowercase title `fits`.
    fn has_role(&self, a: usize, fits: &impl Fn(&str) -> bool) -> bool {
        let roles = &self.reg.entries[a].actor.roles;
        roles.iter().any(|r| fits(&r.title.to_lowercase()))
    }

    /// The person last mentioned with this title ("the spokesman").
    fn last_by_title(&self, title: &str) -> Option<usize> {
        let title = spokes_neutral(title);
        self.last_person_with_role(|t| spokes_neutral(t).contains(title.as_ref()))
    }

    /// The person last mentioned (of the last 200 mentions) with this
    /// title on `side`'s side.
    fn last_by_title_of(&self, title: &str, side: usize) -> Option<usize> {
        let title = spokes_neutral(title);
        let fits = |t: &str| spokes_neutral(t).contains(title.as_ref());
        self.last_person_where(|a| self.reg.same_side(a, side) && self.has_role(a, &fits))
    }

    /// "The White House said the president expressed ...": the body (not a
    /// person) whose reporting verb, with or without "that", comes right
    /// before token `the`, the description's determiner. The description
    /// is then that body's side's holder of the title.
    fn reporter_before(&self, the: usize) -> Option<usize> {
        let v = if the > 0 && self.is(the - 1, &["that"]) {
            the - 1
        } else {
            the
        };
        let verb = (v.saturating_sub(3)..v).find(|&k| {
            self.hits_at(k)
                .iter()
                .any(|h| h.end as usize == v && matches!(h.payload, Payload::Verb(_)))
        })?;
        let m = self
            .mentions
            .iter()
            .rev()
            .take(6)
            .find(|m| m.toks.end == verb)?;
        (!self.reg.entries[m.actor].person && self.reg.code(m.actor).is_some()).then_some(m.actor)
    }

    /// Whether token `i` is in the answer of a transcript's turn.
    fn in_answer(&self, i: usize) -> bool {
        self.seg
            .sentence_holding(i)
            .and_then(|s| s.turn)
            .is_some_and(|t| {
                matches!(
                    self.seg.turns[t as usize].role,
                    super::segment::TurnRole::Answer | super::segment::TurnRole::Named
                )
            })
    }

    /// "The two sides agreed ... They agreed to meet again": a subject
    /// "they" opening the sentence after one whose subject was a pair is
    /// the pair again. Records the others and returns the first.
    fn pair_again(&mut self, i: usize, start: usize) -> Option<usize> {
        if i != start || i == 0 || !self.is(i, &["they"]) {
            return None;
        }
        let prev = self.seg.sentence_holding(i - 1)?.toks.clone();
        let (&at, others) = self
            .doc
            .pairs
            .iter()
            .filter(|(k, _)| prev.contains(k))
            .min_by_key(|(k, _)| **k)?;
        let others = others.clone();
        let first = self
            .mentions
            .iter()
            .rev()
            .find(|m| m.toks.start == at)
            .map(|m| m.actor)?;
        self.doc.pairs.insert(i, others);
        Some(first)
    }

    /// "The two leaders", "both foreign ministers": two people at once,
    /// named by a plural title (a title of `titles.tsv` with an "s"). The
    /// mention names the earlier of the last two people mentioned; the other
    /// is recorded as its pair. Returns the token after it.
    fn two_people(&mut self, i: usize, r: &Range<usize>) -> Option<usize> {
        // "the two", "both"; "the three", "all three" (a trilateral summit).
        let (k, n) = if self.is(i, &["the"]) && self.is(i + 1, &["two"]) {
            (i + 2, 2)
        } else if self.is(i, &["both"]) {
            (i + 1, 2)
        } else if self.is(i, &["the", "all"]) && self.is(i + 1, &["three"]) {
            (i + 2, 3)
        } else {
            return None;
        };
        let titles = self.m.lexicon.titles();
        // "Both countries", "the two sides": the last two states named.
        let states = k < r.end
            && self.is(
                k,
                &[
                    "countries",
                    "nations",
                    "governments",
                    "states",
                    "neighbours",
                    "neighbors",
                    "sides",
                ],
            );
        let end = if states {
            // Only as a subject ("Both countries have agreed"), not as an
            // object ("ready to support both countries").
            if i > r.start && !self.is_comma(i - 1) || !self.verb_follows(k + 1, r.end) {
                return None;
            }
            k + 1
        } else {
            (k..(k + 2).min(r.end)).find_map(|n| {
                let words = self.slice(k..n + 1).to_lowercase();
                let singular = words.strip_suffix('s')?;
                titles.iter().any(|t| t.title == singular).then_some(n + 1)
            })?
        };
        // "The two sides" after two people of two states talked: the two
        // people; otherwise the two states.
        let sides = states && self.is(k, &["sides"]);
        let delegations = sides
            && {
                let mut last: Vec<usize> = Vec::new();
                for m in self.mentions.iter().rev().take(300) {
                    if self.reg.entries[m.actor].person && !last.contains(&m.actor) {
                        last.push(m.actor);
                        if last.len() == 2 {
                            break;
                        }
                    }
                }
                last.len() == 2
                    && !matches!((self.reg.code(last[0]), self.reg.code(last[1])), (Some(a), Some(b)) if a == b)
            };
        let mut people: Vec<usize> = Vec::new();
        for m in self.mentions.iter().rev().take(300) {
            let e = &self.reg.entries[m.actor];
            let fits = if states && !delegations {
                m.form == Form::Name && matches!(e.actor.kind, crate::model::ActorKind::State)
            } else {
                e.person
            };
            if fits && !people.contains(&m.actor) {
                people.push(m.actor);
                if people.len() == n {
                    break;
                }
            }
        }
        if people.len() < n {
            return None;
        }
        // The mention names the earliest named; the others join it.
        let first = people.pop()?;
        self.push_mention(i..end, first, Form::Definite);
        self.doc.pairs.insert(i, people);
        Some(end)
    }

    /// The kind of organisation the word at `i` ends the name of
    /// ("ministry", "council", "party": `words.tsv`, `body-head` and
    /// `org-head`), if it ends one.
    fn org_head_kind(&self, i: usize) -> Option<crate::model::ActorKind> {
        if self.in_class(i, WordClass::BodyHead) {
            Some(crate::model::ActorKind::Institution)
        } else if self.in_class(i, WordClass::OrgHead) {
            Some(crate::model::ActorKind::Other)
        } else {
            None
        }
    }

    /// The end of a portfolio after a title, at `k`, that a name set off by
    /// commas follows: "for the Pacific" in "the minister for the Pacific,
    /// Zed Seselja, said" (at most four capitalized words no lexicon name
    /// covers, "and" between: "the representative of the Russian
    /// Federation, X," is a state's).
    fn portfolio_before_apposition(&self, k: usize, end: usize) -> Option<usize> {
        if !self.is(k, &["for", "of"]) {
            return None;
        }
        let mut p = k + 1;
        if self.is(p, &["the"]) {
            p += 1;
        }
        let first = p;
        while p < end
            && p < first + 4
            && (self.t.toks[p].is(super::token::CAP)
                && self.t.toks[p].kind == Kind::Word
                && self.name_at(p).is_none()
                || p > first && self.is(p, &["and", "&"]))
        {
            p += 1;
        }
        (p > first
            && self.is_comma(p)
            && self.is_name_token(p + 1)
            && self.name_run(p + 1, end) > p + 2
            && self.is_comma(self.name_run(p + 1, end)))
        .then_some(p)
    }

    /// The organisation a head's title `t` written alone belongs to: the
    /// international organisation named last (of the last 200 mentions),
    /// else the one `titles.tsv` says the title means alone.
    fn org_of_bare_head(&mut self, t: usize) -> Option<usize> {
        let named = self
            .mentions
            .iter()
            .rev()
            .take(200)
            // Not a place ("allies met in Brussels").
            .filter(|m| m.toks.start == 0 || !self.is(m.toks.start - 1, &["in", "at", "from"]))
            .map(|m| m.actor)
            .find(|&a| {
                self.reg.entries[a].is_side
                    && matches!(
                        self.reg.entries[a].actor.kind,
                        crate::model::ActorKind::InternationalOrganization
                    )
            });
        if named.is_some() {
            return named;
        }
        let code = self.m.lexicon.titles()[t].alone.clone()?;
        Some(self.doc.reg.side(self.doc.m, &code))
    }

    /// The person last mentioned whose role is in diplomacy: a diplomat, a
    /// spokesperson, a minister or deputy, by the rank of their title.
    fn last_in_diplomacy(&self) -> Option<usize> {
        let titles = self.m.lexicon.titles();
        self.last_person_with_role(|t| {
            titles.iter().any(|x| {
                t.ends_with(&x.title)
                    && matches!(
                        x.rank,
                        TitleRank::Diplomat
                            | TitleRank::Spokesperson
                            | TitleRank::Minister
                            | TitleRank::Deputy
                    )
            })
        })
    }

    /// An apposition after a person's name: ", an adviser to President X,"
    /// or ", China's ambassador to the United Nations" adds a role and a side.
    fn apposition(&mut self, name: Range<usize>, person: usize, r: Range<usize>) -> usize {
        let j = name.end;
        if !self.is_comma(j) {
            return j;
        }
        let mut k = j + 1;
        if self.has(k, DET) {
            k += 1;
        }
        // Owner before the title: "China's ambassador".
        let mut owner: Option<usize> = None;
        let limit = (k + 8).min(r.end);
        let mut title: Option<(usize, Range<usize>)> = None;
        let mut p = k;
        while p < limit {
            if self.is_comma(p) || self.is(p, &["said", "says", "told", "who", "which"]) {
                break;
            }
            if let Some(h) = self.name_hit(p) {
                match self.unit(h) {
                    // "President Vladimir Putin's envoy": the titled person owns.
                    Unit::Title(_)
                        if {
                            let e = self.name_run(h.end as usize, r.end);
                            e > h.end as usize
                                && owner.is_none()
                                && self.t.toks.get(e).is_some_and(|t| t.kind == Kind::Clitic)
                                && self.norm(e) == "'s"
                        } =>
                    {
                        let e = self.name_run(h.end as usize, r.end);
                        owner = Some(self.person_from_run(h.end as usize..e));
                        p = e + 1;
                        continue;
                    }
                    Unit::Title(t) => {
                        title = Some((t, p..h.end as usize));
                        p = h.end as usize;
                        break;
                    }
                    Unit::Owner(a) if owner.is_none() => owner = Some(a),
                    Unit::Body(b) if owner.is_some() => {
                        let m = self.m;
                        let body = &m.lexicon.bodies()[b];
                        let nm = self.slice(p..h.end as usize).to_lowercase();
                        let o = owner.unwrap_or(0);
                        owner = Some(self.reg.body(o, &body.slug, body.kind, &nm));
                    }
                    _ => {}
                }
                p = h.end as usize;
                continue;
            }
            // "the ministry's spokesman": a body named before, by its head noun.
            if owner.is_none() && self.in_class(p, WordClass::Apposition) {
                owner = self.definite(p);
            }
            p += 1;
        }
        let Some((t, ttoks)) = title else {
            return j;
        };
        // "of X", "for X", "to X": the organisation, when no possessor came first.
        if owner.is_none() && self.is(p, &["of", "for", "to", "at", "with"]) {
            let mut q = p + 1;
            if self.has(q, DET) {
                q += 1;
            }
            if q < r.end {
                if let Some(h) = self.name_hit(q) {
                    if let Unit::Owner(a) = self.unit(h) {
                        owner = Some(a);
                        // "spokesman for Hamas's armed wing": the possessor is the owner.
                    }
                } else if self.in_class(q, WordClass::Apposition) {
                    owner = self.definite(q);
                } else if self.is_name_token(q) {
                    let e = self.name_run(q, r.end);
                    owner = self.lookup_person(q..e);
                }
            }
        }
        let title_text = self.slice(ttoks).to_owned();
        let rank = self.m.lexicon.titles()[t].rank;
        if let Some(o) = owner {
            self.reg.affiliate(person, o);
        }
        self.reg
            .add_role(person, &title_text, owner, false, Some(rank));
        // Recognize what is inside the apposition, then go on after it.
        j + 1
    }

    /// A capitalized run followed by an apposition with a title makes a new
    /// person: "Mykhailo Podolyak, an adviser to ...".
    fn new_person_by_apposition(&mut self, run: Range<usize>, r: Range<usize>) -> Option<usize> {
        let j = run.end;
        if !self.is_comma(j) {
            return None;
        }
        let mut k = j + 1;
        if self.has(k, DET) {
            k += 1;
        }
        let limit = (k + 7).min(r.end);
        let has_title = (k..limit).take_while(|&p| !self.is_comma(p)).any(|p| {
            self.hits_at(p)
                .iter()
                .any(|h| matches!(h.payload, Payload::Title(_)))
        });
        if !has_title {
            return None;
        }
        let a = self.person_from_run(run.clone());
        self.push_mention(run.clone(), a, Form::Name);
        Some(self.apposition(run, a, r))
    }

    /// Resolves "the ministry", "the alliance" and the like to the actor last
    /// mentioned that fits.
    fn definite(&mut self, head: usize) -> Option<usize> {
        let w = self.norm(head).to_owned();
        let fits = |e: &super::registry::Entry| -> bool {
            match w.as_str() {
                "ministry" | "department" => matches!(
                    e.body,
                    Some(
                        BodyKind::ForeignMinistry
                            | BodyKind::DefenceMinistry
                            | BodyKind::Government
                            | BodyKind::Agency
                    )
                ),
                "agency" => {
                    matches!(
                        e.actor.kind,
                        crate::model::ActorKind::InternationalOrganization
                    ) || e.body == Some(BodyKind::Agency)
                }
                "alliance" | "bloc" | "organisation" | "organization" | "union" | "coalition"
                | "body" | "grouping" => {
                    e.is_side
                        && matches!(
                            e.actor.kind,
                            crate::model::ActorKind::InternationalOrganization
                        )
                }
                "kremlin" => e.actor.id.as_str().ends_with(".kremlin"),
                "parliament" => e.body == Some(BodyKind::Parliament),
                "military" | "army" => e.body == Some(BodyKind::Military),
                "office" | "embassy" | "mission" => e.body.is_some(),
                // "the broadcaster said", "according to the paper": an outlet.
                "broadcaster" | "paper" | "newspaper" | "daily" | "channel" | "network"
                | "outlet" | "tabloid" | "broadsheet" | "station" => {
                    matches!(e.actor.kind, crate::model::ActorKind::Media)
                }
                // "the group", "the militant outfit", "the movement": an
                // armed group named before.
                "group" | "outfit" | "movement" | "militia" | "insurgents" => {
                    matches!(e.actor.kind, crate::model::ActorKind::ArmedGroup)
                        || e.actor.name.to_lowercase().contains(w.as_str())
                }
                // Any other word of the words.tsv definite class ("the
                // council", "the directorate", "the service"): a body whose
                // name holds the word.
                _ => e.actor.name.to_lowercase().contains(w.as_str()),
            }
        };
        match w.as_str() {
            "letter" | "statement" => return self.disc.last_speaker,
            // "\"We will respond,\" the politician said": a person named
            // before, by what they are.
            "politician" => {
                return self
                    .disc
                    .last_person
                    .filter(|&p| self.reg.entries[p].person);
            }
            "government" | "administration" | "authorities" => {
                // The government of the state this sentence is about, else of
                // the state last spoken for.
                let sentence_state = self
                    .seg
                    .sentence_holding(head)
                    .map(|s| s.toks.start)
                    .and_then(|st| {
                        self.mentions_in(st..head)
                            .find(|(_, m)| m.form == Form::Name && self.reg.code(m.actor).is_some())
                            .map(|(_, m)| m.actor)
                    });
                let state = sentence_state
                    .or(self.disc.last_speaker)
                    .and_then(|s| self.doc.reg.side_of(self.doc.m, s))?;
                let gov = self
                    .m
                    .lexicon
                    .bodies()
                    .iter()
                    .find(|b| b.slug == "government")
                    .cloned();
                return gov.map(|b| self.reg.body(state, &b.slug, b.kind, "government"));
            }
            _ => {}
        }
        // Not what a quotation names when the description is outside it
        // ("'The Lithuanian government must ...,' the ministry said"); a
        // ministry before a government.
        let outside = self.seg.quote_of(head).is_none() && head < self.t.len();
        let candidates: Vec<usize> = self
            .mentions
            .iter()
            .rev()
            .take(200)
            .filter(|m| !outside || self.seg.quote_of(m.toks.start).is_none())
            .map(|m| m.actor)
            .collect();
        let ministry = |e: &super::registry::Entry| {
            matches!(
                e.body,
                Some(BodyKind::ForeignMinistry | BodyKind::DefenceMinistry | BodyKind::Agency)
            )
        };
        if matches!(w.as_str(), "ministry" | "department")
            && let Some(&a) = candidates.iter().find(|&&a| ministry(&self.reg.entries[a]))
        {
            return Some(a);
        }
        candidates.into_iter().find(|&a| fits(&self.reg.entries[a]))
    }

    /// Resolves a pronoun at `i`.
    fn pronoun(&mut self, i: usize, r: Range<usize>) {
        let w = self.norm(i).to_owned();
        let in_quote = self.seg.quote_of(i).is_some();
        let r = r.start..i.max(r.start);
        let actor = match w.as_str() {
            "he" | "she" => self.person_pronoun(i, &r, in_quote),
            "his" | "her" | "hers" => {
                // "..., his office said": the person's office, which speaks
                // for them.
                let owner = self.disc.last_person;
                if let Some(p) = owner
                    && matches!(w.as_str(), "his" | "her")
                    && self.is(i + 1, &["office"])
                    && !in_quote
                {
                    let label = format!("{}'s office", self.reg.entries[p].actor.name);
                    let office = self.reg.role_of(p, "office", &label, false);
                    self.push_mention(i..i + 2, office, Form::Name);
                    return;
                }
                owner
            }
            "him" => {
                // The last person in this sentence who is not its subject, else the last.
                let subject = self
                    .mentions_in(r.start..i)
                    .find(|(_, m)| self.reg.entries[m.actor].person)
                    .map(|(_, m)| m.actor);
                self.mentions_in(r.start..i)
                    .filter(|(_, m)| self.reg.entries[m.actor].person && Some(m.actor) != subject)
                    .last()
                    .map(|(_, m)| m.actor)
                    .or(self.disc.last_person)
            }
            "it" | "its" => self.thing_pronoun(i, &r, in_quote),
            "they" | "them" | "their" => {
                if in_quote {
                    None
                } else if let Some(first) = self.pair_again(i, r.start) {
                    return self.push_mention(i..i + 1, first, Form::Pronoun);
                } else {
                    // A collective or organisation named earlier in this sentence.
                    self.mentions_in(r.start..i)
                        .filter(|(_, m)| {
                            let e = &self.reg.entries[m.actor];
                            (e.plural
                                || (e.is_side
                                    && !matches!(e.actor.kind, crate::model::ActorKind::State)))
                                && m.form == Form::Name
                        })
                        .last()
                        .map(|(_, m)| m.actor)
                        .or(self.disc.last_plural)
                }
            }
            _ => None,
        };
        if matches!(w.as_str(), "we" | "us" | "our" | "i" | "my" | "me") {
            // In a transcript's answer, outside quotations, the one who
            // answers ("We firmly oppose ..."); elsewhere the speaker's own
            // side: never a target, and not a new actor.
            if let Some(a) = self.disc.answerer.filter(|_| !in_quote) {
                self.mentions.push(Mention {
                    toks: i..i + 1,
                    actor: a,
                    form: Form::Pronoun,
                    possessive: matches!(w.as_str(), "our" | "my"),
                });
            }
            return;
        }
        // "spoke with Bayramov and Mnatsakanyan and urged them": the pair
        // named last in the sentence, when nothing plural comes after it.
        if w == "them" && !in_quote {
            let pair = self.last_pair(r.start..i);
            let after = actor.and_then(|a| {
                self.mentions_in(r.start..i)
                    .filter(|(_, m)| m.actor == a)
                    .last()
                    .map(|(_, m)| m.toks.start)
            });
            if let Some((a, b, at)) = pair
                && after.is_none_or(|p| p < at)
            {
                for x in [a, b] {
                    self.mentions.push(Mention {
                        toks: i..i + 1,
                        actor: x,
                        form: Form::Pronoun,
                        possessive: false,
                    });
                }
                return;
            }
        }
        if let Some(a) = actor {
            self.mentions.push(Mention {
                toks: i..i + 1,
                actor: a,
                form: Form::Pronoun,
                possessive: matches!(w.as_str(), "his" | "her" | "its" | "their"),
            });
        }
    }

    /// Whom "he" or "she" at `i` means: the person the sentence `r` (up to
    /// `i`) is about, its first named person, or the last one who spoke.
    fn person_pronoun(&self, i: usize, r: &Range<usize>, in_quote: bool) -> Option<usize> {
        // The person this sentence is about: the subject pronoun that
        // opens it ("He also pointed to remarks by Lapid, which he
        // said ..."), else its first named person; else the last one
        // who spoke.
        let opening = self
            .mentions_in(r.start..i)
            .next()
            .filter(|(_, m)| {
                m.form == Form::Pronoun
                    && m.toks.start == r.start
                    && self.reg.entries[m.actor].person
                    && self.has(m.toks.start, HE_SHE)
            })
            .map(|(_, m)| m.actor);
        opening
            .or_else(|| {
                self.mentions_in(r.start..i)
                    .find(|(_, m)| {
                        self.reg.entries[m.actor].person
                            && !m.possessive
                            && m.form != Form::Pronoun
                            && (in_quote || self.seg.quote_of(m.toks.start).is_none())
                    })
                    .map(|(_, m)| m.actor)
            })
            .or(self.disc.last_subject_person)
            .or(self.disc.last_person)
            // In a transcript's answer the one answering is "I": "he"
            // is the last other person named ("I spoke with
            // President Zelensky. He told me ...").
            .map(|a| match self.disc.answerer {
                Some(me) if a == me && !in_quote => self
                    .mentions
                    .iter()
                    .rev()
                    .take(200)
                    .map(|m| m.actor)
                    .find(|&p| p != me && self.reg.entries[p].person)
                    .unwrap_or(a),
                _ => a,
            })
    }

    /// What "it" or "its" at `i` means: the last non-person actor named in
    /// the sentence `r` (up to `i`), else before; outside quotations, not
    /// one a quotation names ("'... lies with Tokyo,' it said").
    fn thing_pronoun(&self, i: usize, r: &Range<usize>, in_quote: bool) -> Option<usize> {
        // The last non-person actor named in this sentence, else
        // before; outside quotations, not one a quotation names
        // ("'... lies with Tokyo,' it said").
        let inanimate = |a: usize| {
            let e = &self.reg.entries[a];
            !e.person && !e.plural
        };
        let thing = |m: &Mention| {
            inanimate(m.actor)
                && m.form != Form::Modifier
                && m.form != Form::Pronoun
                && (in_quote || self.seg.quote_of(m.toks.start).is_none())
        };
        // "Prague expelled 18 diplomats over what it said was ...":
        // the subject of a reporting verb is the sentence's subject.
        let says_here = !in_quote
            && self
                .hits_at(i + 1)
                .iter()
                .any(|h| matches!(h.payload, Payload::Verb(_)));
        let clause = (r.start..i)
            .rev()
            .find(|&k| {
                self.is(
                    k,
                    &[
                        ",", "after", "before", "because", "when", "while", "since", "and",
                    ],
                )
            })
            .map_or(r.start, |k| k + 1);
        let subject = self
            .mentions_in(clause..i)
            .next()
            .filter(|(_, m)| says_here && m.toks.start <= clause + 1 && thing(m) && !m.possessive)
            .map(|(_, m)| m.actor);
        // "Iran warned Israel that it will retaliate": after a
        // reporting verb's "that", "it" is the verb's subject, the
        // actor the sentence opens with.
        let reported =
            (self.norm(i) == "it" && !in_quote && i > r.start + 2 && self.is(i - 1, &["that"]))
                .then(|| {
                    let verb = (r.start..i - 1).any(|k| self.speech_at(k));
                    let (_, m) = self.mentions_in(r.start..i).next()?;
                    (verb && m.toks.start == r.start && thing(m) && !m.possessive)
                        .then_some(m.actor)
                })
                .flatten();
        reported
            .or(subject)
            .or_else(|| {
                self.mentions_in(r.start..i)
                    .filter(|(_, m)| {
                        thing(m) || m.form == Form::Pronoun && !in_quote && inanimate(m.actor)
                    })
                    .last()
                    .map(|(_, m)| m.actor)
            })
            .or_else(|| {
                // "The U.S. embassy has weighed in. It said ...": a sentence
                // opening with "it" continues the previous sentence's
                // subject, if that is no person.
                let speaks = (i + 1..i + 3).any(|k| self.speech_at(k));
                (speaks && !in_quote && i == r.start)
                    .then(|| self.previous_subject(i))
                    .flatten()
                    .filter(|&a| inanimate(a))
            })
            .or_else(|| {
                // "..., it said": the last to speak, if not a person.
                let speaker = self.disc.last_speaker.filter(|&a| inanimate(a));
                if in_quote {
                    self.disc.last_thing
                } else if says_here && speaker.is_some() {
                    speaker
                } else {
                    self.mentions
                        .iter()
                        .rev()
                        .take(200)
                        .find(|m| thing(m))
                        .map(|m| m.actor)
                }
            })
    }

    /// Whether a reporting verb or a stance cue that makes a statement
    /// starts at token `k`.
    fn speech_at(&self, k: usize) -> bool {
        self.hits_at(k).iter().any(|h| match h.payload {
            Payload::Verb(_) => true,
            Payload::Cue(c) => self.m.lexicon.stance_cues()[c as usize].speech,
            _ => false,
        })
    }

    /// The actor that opens the last sentence before token `i` that names
    /// anyone (a sentence of a timestamp alone is passed over), if the
    /// sentence opens with it: its subject.
    fn previous_subject(&self, i: usize) -> Option<usize> {
        let k = self.seg.sentences.partition_point(|s| s.toks.end <= i);
        for s in self.seg.sentences[..k].iter().rev().take(3) {
            let mut first = s.toks.start;
            if self.has(first, THE) {
                first += 1;
            }
            if let Some((_, m)) = self.mentions_in(s.toks.clone()).next() {
                return (m.toks.start <= first
                    && !m.possessive
                    && matches!(m.form, Form::Name | Form::Definite | Form::Pronoun))
                .then_some(m.actor);
            }
        }
        None
    }

    /// The last two actors named as a pair in `r` ("Bayramov and
    /// Mnatsakanyan", "Ethiopia's Abiy Ahmed and Eritrea's Isaias Afwerki"),
    /// with where the pair starts.
    fn last_pair(&self, r: Range<usize>) -> Option<(usize, usize, usize)> {
        let all: Vec<&Mention> = self.mentions_in(r).map(|(_, m)| m).collect();
        // An owner's possessive right before a name belongs to that name.
        let lead = |m: &Mention| {
            all.iter()
                .find(|o| o.possessive && o.toks.end + 1 == m.toks.start)
                .map_or(m.toks.start, |o| o.toks.start)
        };
        let ms: Vec<&Mention> = all
            .iter()
            .copied()
            .filter(|m| m.form == Form::Name && !m.possessive)
            .collect();
        ms.windows(2).rev().find_map(|w| {
            let (x, y) = (w[0], w[1]);
            (x.actor != y.actor
                && x.toks.end < y.toks.start
                && lead(y) == x.toks.end + 1
                && self.is(x.toks.end, &["and"]))
            .then_some((x.actor, y.actor, lead(x)))
        })
    }

    /// People named in headlines before the body introduces them ("Lula
    /// Urges Caracas ..." above "Brazilian President Luiz Inácio Lula da Silva").
    pub fn resolve_headline_names(&mut self) {
        let heads: Vec<(Range<usize>, bool)> = self
            .seg
            .sentences
            .iter()
            .filter(|s| s.headline || s.title)
            .map(|s| (s.toks.clone(), s.headline))
            .collect();
        // Kept apart until the end, so that the mentions stay in order for
        // the lookups (`mentions_in`) while the headlines are read.
        let mut added: Vec<Mention> = Vec::new();
        for (r, headline) in heads {
            // Tokens of the headline already inside a mention.
            let covered: Vec<bool> = {
                let mut c = vec![false; r.len()];
                for (_, m) in self.mentions_in(r.clone()) {
                    for k in m.toks.clone() {
                        if let Some(slot) = k.checked_sub(r.start).and_then(|o| c.get_mut(o)) {
                            *slot = true;
                        }
                    }
                }
                c
            };
            let mut i = r.start;
            while i < r.end {
                if self.t.toks[i].kind != Kind::Word || covered[i - r.start] {
                    i += 1;
                    continue;
                }
                // A surname in a Title Case headline (a title line in
                // sentence case was read as a sentence).
                let person = if headline {
                    self.lookup_person(i..i + 1).map(|a| (i + 1, a, Form::Name))
                } else {
                    None
                };
                // "Foreign Minister rejects statements by ...": the first
                // holder of the title the story names.
                let found = person.or_else(|| {
                    self.headline_title_holder(i, &r, &covered)
                        .map(|(end, a)| (end, a, Form::Definite))
                });
                match found {
                    Some((end, actor, form)) => {
                        added.push(Mention {
                            toks: i..end,
                            actor,
                            form,
                            possessive: false,
                        });
                        i = end;
                    }
                    None => i += 1,
                }
            }
        }
        self.mentions.extend(added);
        self.mentions.sort_by(|a, b| {
            a.toks
                .start
                .cmp(&b.toks.start)
                .then(b.toks.end.cmp(&a.toks.end))
        });
    }

    /// A title alone in headline `r` at `i` (no name after it, none of its
    /// words in a mention): its end and the first person after the
    /// headline (of the next 200 mentions) who holds it.
    fn headline_title_holder(
        &self,
        i: usize,
        r: &Range<usize>,
        covered: &[bool],
    ) -> Option<(usize, usize)> {
        let h = self.name_hit(i)?;
        let Payload::Title(t) = h.payload else {
            return None;
        };
        let end = h.end as usize;
        if end > r.end
            || (i..end).any(|k| covered[k - r.start])
            || end < r.end && self.is_name_token(end) && self.name_at(end).is_none()
        {
            return None;
        }
        let title = &self.m.lexicon.titles()[t as usize].title;
        // Within the next 200 mentions: the story names the holder early,
        // and a document of many title lines stays linear.
        let after = self.mentions.partition_point(|m| m.toks.start < r.end);
        self.mentions[after..]
            .iter()
            .take(200)
            .filter(|m| m.form == Form::Name)
            .map(|m| m.actor)
            .find(|&a| self.reg.entries[a].person && self.has_role(a, &|x: &str| x == title))
            .map(|a| (end, a))
    }

    /// Counts state names to know the document's main state.
    pub fn count_states(&mut self) {
        let mut counts: Vec<(usize, u32)> = Vec::new();
        for h in &self.hits {
            if let Payload::CountryName(c)
            | Payload::CountryCapital(c)
            | Payload::CountryDemonym(c) = h.payload
            {
                match counts.iter_mut().find(|(x, _)| *x == c as usize) {
                    Some(e) => e.1 += 1,
                    None => counts.push((c as usize, 1)),
                }
            }
        }
        // The state the report opens with is its protagonist: officials named
        // without a side most likely belong to it. Else the state named most.
        let first = self
            .seg
            .sentences
            .iter()
            .filter(|s| !s.headline)
            .find_map(|s| {
                (s.body_start..s.toks.end).find_map(|i| {
                    self.hits_at(i).iter().find_map(|h| match h.payload {
                        Payload::CountryName(c)
                        | Payload::CountryCapital(c)
                        | Payload::CountryDemonym(c) => Some(c as usize),
                        _ => None,
                    })
                })
            });
        let most = counts
            .iter()
            .max_by_key(|(c, n)| (*n, std::cmp::Reverse(*c)))
            .map(|&(c, _)| c);
        if let Some(c) = first.or(most) {
            self.most_mentioned = Some(self.doc.reg.state(self.doc.m, c));
        }
    }
}

/// Whether two given names are one name spelled two ways: equal, or a letter
/// or two apart in a long name ("sergei", "sergey"; "mohammed", "mohammad").
fn same_name(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 || a.first() != b.first() {
        return false;
    }
    let limit = if a.len().min(b.len()) >= 6 { 2 } else { 1 };
    // Levenshtein distance, one row at a time.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (x, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = x + 1;
        for (y, cb) in b.iter().enumerate() {
            let cur = row[y + 1];
            row[y + 1] = (prev + usize::from(ca != cb)).min(row[y] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()] <= limit
}

/// A title with "spokesman" and "spokeswoman" read as "spokesperson", so
/// that "the spokesperson" refers back to a "presidential spokesman".
fn spokes_neutral(title: &str) -> std::borrow::Cow<'_, str> {
    if title.contains("spokesman") || title.contains("spokeswoman") {
        title
            .replace("spokesman", "spokesperson")
            .replace("spokeswoman", "spokesperson")
            .into()
    } else {
        title.into()
    }
}
