//! The lexicon compiled for matching: every phrase of every table in one
//! trie over normalized words, so one pass over a document's tokens finds
//! every gazetteer name and cue.
//!
//! Phrases are sequences of whole tokens, so the trie steps by word, not by
//! byte: each token costs one hash lookup of its normalized form, and a
//! start position that begins no phrase costs nothing more. Small enough to
//! stay in cache, it is both faster and far smaller than a byte automaton
//! over the same phrases, which would also report the many matches inside
//! words ("us" in "thus") only to have them thrown away.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::token::{self, ALLCAP, CAP, Tokens};
use super::words::{Flags, WordClasses};
use crate::lexicon::{Lexicon, LexiconError, Phrase, Slot};

/// What a matched phrase is. The index is into the lexicon's table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Payload {
    CountryName(u32),
    CountryDemonym(u32),
    CountryCapital(u32),
    Institution(u32),
    Body(u32),
    Org(u32),
    Title(u32),
    Honorific(u32),
    Person(u32),
    /// A stance cue, or the part after its gap.
    Cue(u32),
    CueTail(u32),
    Verb(u32),
    Trigger(u32),
    Modifier(u32),
}

/// How the matched text must be written for the match to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    /// Any case.
    Any,
    /// The first token capitalized: proper names.
    Capitalized,
    /// Every letter uppercase: short acronyms ("US", "UN", "WHO").
    Upper,
}

/// A match: tokens `start..end` and what they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: u32,
    pub end: u32,
    pub payload: Payload,
}

impl Hit {
    pub fn len(&self) -> u32 {
        self.end - self.start
    }
}

/// The compiled lexicon.
#[derive(Debug)]
pub(crate) struct Matcher {
    trie: Trie,
    /// What each phrase in the trie stands for: phrase `p`'s are
    /// `payloads[phrases[p]..phrases[p + 1]]`.
    payloads: Vec<(Payload, Case)>,
    phrases: Vec<u32>,
    /// The rows of each person in the people table, by name.
    people_by_name: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// Each row of the people table as a document's registry takes it,
    /// made the first time a document names the person and kept for every
    /// later document.
    people_prepared: Vec<OnceLock<PreparedPerson>>,
    /// The first row of the countries table with each code, and of the
    /// organisations table with each id and with each code: the side a
    /// code stands for, found without scanning the tables.
    country_by_code: FxHashMap<String, usize>,
    org_by_id: FxHashMap<String, usize>,
    org_by_code: FxHashMap<String, usize>,
    /// Every word's classes, closed and from the lexicon's words table,
    /// by the word's id in the trie's table (which holds every word with
    /// a class as well as every word of a phrase): the number of the set
    /// in `class_sets`, where set 0 is no class.
    classes: Vec<u16>,
    class_sets: Vec<Flags>,
    pub lexicon: Lexicon,
}

/// A gazetteer person's id, keys and the slugs of its names, which every
/// document that names the person needs: worked out once per matcher, not
/// once per document (about 14,000 instructions a person).
#[derive(Debug)]
pub(crate) struct PreparedPerson {
    /// `p.` and the slug of the full name.
    pub id: String,
    /// The slug of each word of the full name.
    pub keys: Vec<String>,
    /// The last word of the name without its punctuation, an alias of a
    /// person with more than one key.
    pub last: String,
    /// Each name the row gives (the full name, `last`, the aliases) with
    /// its slug and, for a name of two words or more, its last word's.
    pub slugs: Vec<NameSlugs>,
}

/// A name with its [`slug`](super::registry::slug) and its last word's.
#[derive(Debug)]
pub(crate) struct NameSlugs {
    pub name: String,
    pub slug: String,
    /// The slug of the last word, for a name of two words or more.
    pub last_word: Option<String>,
}

impl NameSlugs {
    pub fn new(name: &str) -> NameSlugs {
        NameSlugs {
            name: name.to_owned(),
            slug: super::registry::slug(name),
            last_word: last_word_slug(name),
        }
    }
}

/// The slug of a name's last word, for a name of two words or more.
pub(crate) fn last_word_slug(name: &str) -> Option<String> {
    if name.split_whitespace().count() >= 2 {
        name.split_whitespace().last().map(super::registry::slug)
    } else {
        None
    }
}

impl PreparedPerson {
    fn new(p: &crate::lexicon::Person) -> PreparedPerson {
        let slug = super::registry::slug(&p.name);
        let keys: Vec<String> = p
            .name
            .split_whitespace()
            .map(super::registry::slug)
            .collect();
        let last = p
            .name
            .split_whitespace()
            .last()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
            .unwrap_or_default();
        let mut slugs = vec![NameSlugs::new(&p.name)];
        for n in std::iter::once(&last).chain(&p.aliases) {
            if !slugs.iter().any(|s| s.name == *n) {
                slugs.push(NameSlugs::new(n));
            }
        }
        PreparedPerson {
            id: format!("p.{slug}"),
            keys,
            last,
            slugs,
        }
    }

    /// A name's slugs, from those prepared when the row gives the name.
    pub fn slugs_of(&self, name: &str) -> Option<&NameSlugs> {
        self.slugs.iter().find(|s| s.name == name)
    }
}

/// The id of a token without a normalized form (a quotation mark).
pub(super) const NO_WORD: u32 = u32::MAX - 1;
/// The id of a word the lexicon does not know.
pub(super) const UNKNOWN: u32 = u32::MAX;

fn case_of(name: &str) -> Case {
    let mut letters = name.chars().filter(|c| c.is_alphabetic());
    let count = letters.clone().take(5).count();
    if (1..=4).contains(&count) && letters.all(char::is_uppercase) {
        Case::Upper
    } else {
        Case::Capitalized
    }
}

/// The days of the week, which the trie reads through, and "on" before
/// them: the first words interned, so that their ids are `0..7` and [`ON`].
pub(super) const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const ON: u32 = DAYS.len() as u32;

/// The id of token `i` of `n` as the trie reads it, from the tokens' word
/// ids (`id`), or none for a token it reads through: a quotation mark,
/// which has no normalized form, and a day of the week with the "on"
/// before it, so that a cue reads through them ("vowed on Monday to
/// respond" is "vowed to respond").
#[inline]
fn read_id(n: usize, id: impl Fn(usize) -> u32, i: usize) -> Option<u32> {
    let day = |id: u32| id < DAYS.len() as u32;
    if i >= n {
        return None;
    }
    let w = id(i);
    let on_day = w == ON && i >= 1 && i + 1 < n && day(id(i + 1)) && !day(id(i - 1));
    (w != NO_WORD && !day(w) && !on_day).then_some(w)
}

/// Whether tokens `start..=end` are written as `case` asks.
fn case_fits(tokens: &Tokens, case: Case, start: usize, end: usize) -> bool {
    match case {
        Case::Any => true,
        Case::Capitalized => tokens.toks[start].is(CAP) || tokens.toks[start].is(ALLCAP),
        Case::Upper => (start..=end).all(|i| {
            let t = &tokens.toks[i];
            !matches!(t.kind, token::Kind::Word)
                || t.is(ALLCAP)
                || t.end - t.start == 1 && t.is(CAP)
        }),
    }
}

/// Phrases as paths of word ids, as they are matched. Node 0 is the root.
#[derive(Debug, Default)]
struct Trie {
    /// Every word of every phrase, by its normalized form.
    words: FxHashMap<Box<str>, u32>,
    /// The root's children, by word id (0: none).
    first: Vec<u32>,
    /// The other nodes' children: node `n`'s are `edges[children[n]..children[n + 1]]`,
    /// as (word id, child), by word id.
    children: Vec<u32>,
    edges: Vec<(u32, u32)>,
    /// For each node, 1 + the phrase that ends there (0: none).
    ends: Vec<u32>,
}

impl Trie {
    fn id(&self, word: &str) -> Option<u32> {
        self.words.get(word).copied()
    }

    fn step(&self, node: u32, id: u32) -> Option<u32> {
        let c = if node == 0 {
            self.first.get(id as usize).copied().unwrap_or(0)
        } else {
            let (lo, hi) = (
                self.children.get(node as usize).copied().unwrap_or(0) as usize,
                self.children.get(node as usize + 1).copied().unwrap_or(0) as usize,
            );
            let run = self.edges.get(lo..hi).unwrap_or(&[]);
            if run.len() <= 8 {
                run.iter().find(|e| e.0 == id).map_or(0, |e| e.1)
            } else {
                run.binary_search_by_key(&id, |e| e.0)
                    .map_or(0, |k| run[k].1)
            }
        };
        (c != 0).then_some(c)
    }

    /// The phrase ending at `node`, if any.
    fn pattern(&self, node: u32) -> Option<usize> {
        match self.ends.get(node as usize) {
            Some(&p) if p > 0 => Some(p as usize - 1),
            _ => None,
        }
    }
}

/// The trie as it is built: each node's children in a list linked
/// through `edges`, most nodes having one child or none (a list is a few
/// steps where a hash map's lookup and insertion are a hundred
/// instructions each).
#[derive(Default)]
struct TrieBuilder {
    words: FxHashMap<Box<str>, u32>,
    first: Vec<u32>,
    /// For each node, 1 + its first edge in `edges` (0: none).
    head: Vec<u32>,
    /// (word id, child, 1 + the next edge of the same node or 0).
    edges: Vec<(u32, u32, u32)>,
    ends: Vec<u32>,
}

impl TrieBuilder {
    /// The id of a normalized word, new or not.
    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.insert(word.into(), id);
        self.first.push(0);
        id
    }

    /// The child of `node` by word `id`, made if it is not there.
    fn child(&mut self, node: u32, id: u32) -> u32 {
        let c = if node == 0 {
            self.first[id as usize]
        } else {
            let mut at = self.head[node as usize];
            let mut found = 0;
            while let Some(&(w, child, next)) = self.edges.get(at.wrapping_sub(1) as usize) {
                if w == id {
                    found = child;
                    break;
                }
                at = next;
            }
            found
        };
        if c != 0 {
            return c;
        }
        if self.ends.is_empty() {
            self.ends.push(0); // the root
            self.head.push(0);
        }
        let c = self.ends.len() as u32;
        self.ends.push(0);
        self.head.push(0);
        if node == 0 {
            self.first[id as usize] = c;
        } else {
            let head = &mut self.head[node as usize];
            self.edges.push((id, c, *head));
            *head = self.edges.len() as u32;
        }
        c
    }

    /// The trie for matching: each node's children side by side (placed
    /// by node, a counting sort, then each node's few by word id).
    fn finish(self) -> Trie {
        let mut children = Vec::with_capacity(self.ends.len() + 1);
        let mut edges = Vec::with_capacity(self.edges.len());
        children.push(0u32);
        for n in 0..self.ends.len() {
            let from = edges.len();
            let mut at = self.head.get(n).copied().unwrap_or(0);
            while let Some(&(w, c, next)) = self.edges.get(at.wrapping_sub(1) as usize) {
                edges.push((w, c));
                at = next;
            }
            edges[from..].sort_unstable();
            children.push(edges.len() as u32);
        }
        let mut ends = self.ends;
        ends.shrink_to_fit();
        Trie {
            words: self.words,
            first: self.first,
            children,
            edges,
            ends,
        }
    }
}

/// Puts the lexicon's names and phrases into the trie, word by word.
///
/// A word of the lexicon is tokenized and normalized exactly as the text
/// is, once: tokens never cross whitespace, so the words of a phrase
/// normalize one by one as they would together.
struct Builder<'l> {
    trie: TrieBuilder,
    /// What each phrase stands for, as lists linked through `entries`:
    /// the first and last entry of phrase `p` are `lists[p]`, and each
    /// entry names the next (`u32::MAX`: none).
    lists: Vec<(u32, u32)>,
    entries: Vec<((Payload, Case), u32)>,
    /// The word ids of each word of the lexicon as written: its tokens'
    /// normalized forms, quotation marks (which have none) left out, as a
    /// range of `arena`.
    ids: FxHashMap<&'l str, (u32, u32)>,
    arena: Vec<u32>,
    /// A word in lowercase, the buffer reused.
    lower: String,
}

/// A slot of a phrase with its words' ids: whether it is optional, and
/// each word's range of [`Builder::arena`].
type SlotIds = (bool, Vec<(u32, u32)>);

impl<'l> Builder<'l> {
    /// The range of `arena` holding the ids of `word`'s tokens.
    fn ids(&mut self, word: &'l str) -> (u32, u32) {
        if let Some(&range) = self.ids.get(word) {
            return range;
        }
        let start = self.arena.len() as u32;
        if !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            // Most words: one token, whose normal form is the word in
            // lowercase.
            let id = if word.bytes().any(|b| b.is_ascii_uppercase()) {
                self.lower.clear();
                self.lower.push_str(word);
                self.lower.make_ascii_lowercase();
                self.trie.intern(&self.lower)
            } else {
                self.trie.intern(word)
            };
            self.arena.push(id);
        } else {
            let toks = token::tokenize(word);
            for i in 0..toks.len() {
                let n = toks.norm(i);
                if !n.is_empty() {
                    let id = self.trie.intern(n);
                    self.arena.push(id);
                }
            }
        }
        let range = (start, self.arena.len() as u32);
        self.ids.insert(word, range);
        range
    }

    /// The node reached from `node` by the ids in `range` of `arena`.
    fn step(&mut self, node: u32, (start, end): (u32, u32)) -> u32 {
        let mut node = node;
        for k in start..end {
            node = self.trie.child(node, self.arena[k as usize]);
        }
        node
    }

    /// The node reached from `node` by the tokens of `word`.
    fn walk(&mut self, node: u32, word: &'l str) -> u32 {
        let range = self.ids(word);
        self.step(node, range)
    }

    /// Records that a phrase ending at `node` stands for `payload`.
    fn end(&mut self, node: u32, payload: Payload, case: Case) {
        if node == 0 {
            return; // no word at all
        }
        let Some(end) = self.trie.ends.get_mut(node as usize) else {
            return;
        };
        let entry = self.entries.len() as u32;
        if *end == 0 {
            self.lists.push((entry, entry));
            *end = self.lists.len() as u32;
        } else {
            let list = &mut self.lists[*end as usize - 1];
            let mut at = list.0;
            loop {
                let (x, next) = self.entries[at as usize];
                if x == (payload, case) {
                    return;
                }
                if next == u32::MAX {
                    break;
                }
                at = next;
            }
            self.entries[list.1 as usize].1 = entry;
            list.1 = entry;
        }
        self.entries.push(((payload, case), u32::MAX));
    }

    /// Every phrase's payloads side by side, and where each phrase's begin.
    fn payloads(&self) -> (Vec<(Payload, Case)>, Vec<u32>) {
        let mut payloads = Vec::with_capacity(self.entries.len());
        let mut phrases = Vec::with_capacity(self.lists.len() + 1);
        phrases.push(0);
        for &(first, _) in &self.lists {
            let mut at = first;
            while let Some(&(x, next)) = self.entries.get(at as usize) {
                payloads.push(x);
                at = next;
            }
            phrases.push(payloads.len() as u32);
        }
        (payloads, phrases)
    }

    /// Whitespace-separated words.
    fn words(&mut self, words: &'l str, payload: Payload, case: Case) {
        let mut node = 0;
        for w in words.split_whitespace() {
            node = self.walk(node, w);
        }
        self.end(node, payload, case);
    }

    /// A name, matched as it is written ([`case_of`]).
    fn name(&mut self, name: &'l str, payload: Payload) {
        self.words(name, payload, case_of(name));
    }

    /// Every variant of a phrase, in any case: the part before its gap for
    /// `head`, the part after it for `tail`.
    fn phrase(&mut self, phrase: &'l Phrase, head: Payload, tail: Option<Payload>) {
        let slots = self.slot_ids(phrase.head_slots());
        self.slots(&slots, 0, head);
        if let Some(tail) = tail {
            let slots = self.slot_ids(phrase.tail_slots());
            self.slots(&slots, 0, tail);
        }
    }

    /// Each slot's words' ids, looked up once for all the variants.
    fn slot_ids(&mut self, slots: &'l [Slot]) -> Vec<SlotIds> {
        slots
            .iter()
            .map(|s| (s.optional, s.words.iter().map(|w| self.ids(w)).collect()))
            .collect()
    }

    /// The variants of `slots` from `node`: a depth-first walk, so that
    /// variants sharing a beginning share its steps.
    fn slots(&mut self, slots: &[SlotIds], node: u32, payload: Payload) {
        let Some(((optional, words), rest)) = slots.split_first() else {
            self.end(node, payload, Case::Any);
            return;
        };
        if *optional {
            self.slots(rest, node, payload);
        }
        for &word in words {
            let next = self.step(node, word);
            self.slots(rest, next, payload);
        }
    }
}

/// Puts every word with a class into the trie's table of words (a word
/// no phrase has gets an id that starts no path) and gives each id its
/// classes.
fn word_classes(trie: &mut Trie, classes: &WordClasses) -> Vec<Flags> {
    let mut words: Vec<(&str, Flags)> = classes.iter().collect();
    // In a fixed order, so that ids do not depend on hashing.
    words.sort_unstable();
    let mut out = vec![0; trie.words.len()];
    for (w, flags) in words {
        let next = trie.words.len() as u32;
        let id = *trie.words.entry(w.into()).or_insert(next);
        if id as usize >= out.len() {
            out.resize(id as usize + 1, 0);
        }
        out[id as usize] |= flags;
    }
    out
}

/// About how many trie nodes the lexicon makes, an upper bound for its
/// phrases (each slot's words times the variants of the slots before it,
/// one node a word) and two a name, so that the builder's tables are
/// allocated once instead of growing and rehashing as they fill.
fn estimated_nodes(l: &Lexicon) -> usize {
    let slots = |slots: &[Slot]| {
        let (mut prefixes, mut nodes) = (1usize, 0usize);
        for s in slots {
            prefixes = prefixes.saturating_mul(s.words.len() + usize::from(s.optional));
            nodes = nodes.saturating_add(prefixes);
        }
        nodes
    };
    let phrase = |p: &Phrase| slots(p.head_slots()).saturating_add(slots(p.tail_slots()));
    let phrases = l
        .stance_cues()
        .iter()
        .map(|x| phrase(&x.phrase))
        .chain(l.reporting_verbs().iter().map(|x| phrase(&x.phrase)))
        .chain(l.event_triggers().iter().map(|x| phrase(&x.phrase)))
        .chain(l.modifiers().iter().map(|x| phrase(&x.phrase)))
        .fold(0usize, usize::saturating_add);
    let names = l.countries().len() * 8
        + l.institutions().len() * 4
        + l.organizations().len() * 4
        + l.people().len() * 4
        + l.bodies().len() * 4
        + l.titles().len()
        + l.honorifics().len();
    // A bound, not a promise: never reserve absurdly much for a strange lexicon.
    phrases.saturating_add(names).min(1 << 20)
}

impl Matcher {
    pub fn new(lexicon: Lexicon) -> Result<Matcher, LexiconError> {
        let (trie, payloads, phrases) = {
            let nodes = estimated_nodes(&lexicon);
            let mut b = Builder {
                trie: TrieBuilder {
                    head: Vec::with_capacity(nodes + 1),
                    edges: Vec::with_capacity(nodes),
                    ends: Vec::with_capacity(nodes + 1),
                    ..TrieBuilder::default()
                },
                lists: Vec::with_capacity(nodes),
                entries: Vec::with_capacity(nodes),
                ids: Default::default(),
                arena: Vec::new(),
                lower: String::new(),
            };
            for day in DAYS {
                b.trie.intern(day);
            }
            b.trie.intern("on");
            let l = &lexicon;
            let n = |i: usize| i as u32;
            for (i, c) in l.countries().iter().enumerate() {
                b.name(&c.name, Payload::CountryName(n(i)));
                for a in &c.aliases {
                    b.name(a, Payload::CountryName(n(i)));
                }
                for d in &c.demonyms {
                    b.name(d, Payload::CountryDemonym(n(i)));
                }
                for cap in &c.capitals {
                    b.name(cap, Payload::CountryCapital(n(i)));
                }
            }
            for (i, x) in l.institutions().iter().enumerate() {
                b.name(&x.name, Payload::Institution(n(i)));
                for a in &x.aliases {
                    b.name(a, Payload::Institution(n(i)));
                }
            }
            for (i, x) in l.bodies().iter().enumerate() {
                for p in &x.phrases {
                    b.words(p, Payload::Body(n(i)), Case::Any);
                }
            }
            for (i, x) in l.organizations().iter().enumerate() {
                b.name(&x.name, Payload::Org(n(i)));
                for a in &x.aliases {
                    b.name(a, Payload::Org(n(i)));
                }
            }
            for (i, x) in l.titles().iter().enumerate() {
                b.words(&x.title, Payload::Title(n(i)), Case::Any);
            }
            for (i, x) in l.honorifics().iter().enumerate() {
                b.words(&x.word, Payload::Honorific(n(i)), Case::Capitalized);
            }
            for (i, x) in l.people().iter().enumerate() {
                b.name(&x.name, Payload::Person(n(i)));
                for a in &x.aliases {
                    b.name(a, Payload::Person(n(i)));
                }
            }
            for (i, x) in l.stance_cues().iter().enumerate() {
                b.phrase(&x.phrase, Payload::Cue(n(i)), Some(Payload::CueTail(n(i))));
            }
            for (i, x) in l.reporting_verbs().iter().enumerate() {
                b.phrase(&x.phrase, Payload::Verb(n(i)), None);
            }
            for (i, x) in l.event_triggers().iter().enumerate() {
                b.phrase(&x.phrase, Payload::Trigger(n(i)), None);
            }
            for (i, x) in l.modifiers().iter().enumerate() {
                b.phrase(&x.phrase, Payload::Modifier(n(i)), None);
            }
            let (payloads, phrases) = b.payloads();
            (b.trie.finish(), payloads, phrases)
        };
        let mut trie = trie;
        let classes = word_classes(&mut trie, &WordClasses::new(&lexicon));
        // The sets of classes words have, numbered in order of the words'
        // ids: a few hundred, where words are tens of thousands.
        let mut class_sets: Vec<Flags> = vec![0];
        let mut numbers: FxHashMap<Flags, u16> = Default::default();
        numbers.insert(0, 0);
        let mut word_sets = Vec::with_capacity(classes.len());
        for flags in classes {
            let next = class_sets.len();
            let number = *numbers.entry(flags).or_insert_with(|| {
                class_sets.push(flags);
                u16::try_from(next).unwrap_or(u16::MAX)
            });
            if class_sets.len() > usize::from(u16::MAX) {
                return Err(LexiconError::new(
                    Some(crate::lexicon::Table::Words),
                    None,
                    format!(
                        "words fall in more than {} different sets of classes",
                        u16::MAX
                    ),
                ));
            }
            word_sets.push(number);
        }
        let mut people_by_name: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
        for (i, p) in lexicon.people().iter().enumerate() {
            people_by_name.entry(p.name.clone()).or_default().push(i);
        }
        let mut country_by_code: FxHashMap<String, usize> = Default::default();
        for (i, c) in lexicon.countries().iter().enumerate() {
            country_by_code
                .entry(c.code.as_str().to_owned())
                .or_insert(i);
        }
        let (mut org_by_id, mut org_by_code): (FxHashMap<String, usize>, FxHashMap<String, usize>) =
            Default::default();
        for (i, o) in lexicon.organizations().iter().enumerate() {
            org_by_id.entry(o.id.clone()).or_insert(i);
            org_by_code.entry(o.code.as_str().to_owned()).or_insert(i);
        }
        Ok(Matcher {
            country_by_code,
            org_by_id,
            org_by_code,
            trie,
            payloads,
            phrases,
            people_prepared: (0..lexicon.people().len())
                .map(|_| OnceLock::new())
                .collect(),
            people_by_name,
            classes: word_sets,
            class_sets,
            lexicon,
        })
    }

    /// Each token's word id: [`NO_WORD`] for a quotation mark, [`UNKNOWN`]
    /// for a word the lexicon does not know; one hash lookup a token, for
    /// both the phrases and the word classes.
    pub fn word_ids(&self, tokens: &Tokens) -> Vec<u32> {
        (0..tokens.len()).map(|i| self.word_id(tokens, i)).collect()
    }

    /// Token `i`'s word id (see [`Matcher::word_ids`]).
    fn word_id(&self, tokens: &Tokens, i: usize) -> u32 {
        let n = tokens.norm(i);
        if n.is_empty() {
            NO_WORD
        } else {
            self.trie.id(n).unwrap_or(UNKNOWN)
        }
    }

    /// The number of the set of classes of the word with id `id` (0, none,
    /// for [`NO_WORD`] and [`UNKNOWN`]), which [`Matcher::class_set`] reads.
    #[inline]
    pub fn class_set_of(&self, id: u32) -> u16 {
        self.classes.get(id as usize).copied().unwrap_or(0)
    }

    /// The classes in set `set` (see [`Matcher::class_set_of`]).
    #[inline]
    pub fn class_set(&self, set: u16) -> Flags {
        self.class_sets.get(usize::from(set)).copied().unwrap_or(0)
    }

    /// The rows of the people table for the person with this name.
    pub fn people_named(&self, name: &str) -> &[usize] {
        self.people_by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// The first row of the countries table with this code.
    pub fn country_with_code(&self, code: &str) -> Option<usize> {
        self.country_by_code.get(code).copied()
    }

    /// The first row of the organisations table with this id.
    pub fn org_with_id(&self, id: &str) -> Option<usize> {
        self.org_by_id.get(id).copied()
    }

    /// The first row of the organisations table with this code.
    pub fn org_with_code(&self, code: &str) -> Option<usize> {
        self.org_by_code.get(code).copied()
    }

    /// Row `p` of the people table as the registry takes it (see
    /// [`PreparedPerson`]), made on the first call for `p`.
    pub fn prepared_person(&self, p: usize) -> Option<&PreparedPerson> {
        let cell = self.people_prepared.get(p)?;
        let person = self.lexicon.people().get(p)?;
        Some(cell.get_or_init(|| PreparedPerson::new(person)))
    }

    /// Every lexicon match on token boundaries, ordered by start token,
    /// longest first, given the tokens' [`word_ids`](Matcher::word_ids);
    /// all but the parts of stance cues after their gaps, a third of the
    /// matches in news text, which [`Matcher::cue_tail_end`] finds when
    /// they are looked for.
    pub fn hits(&self, tokens: &Tokens, word_ids: &[u32]) -> Vec<Hit> {
        // Hits come out ordered by start token, longest first: each start's
        // phrases are found shortest first, then written out in reverse.
        let mut out = Vec::new();
        let mut ends: Vec<(usize, usize)> = Vec::new();
        let (n, id) = (word_ids.len(), |i: usize| word_ids[i]);
        for start in 0..n {
            ends.clear();
            self.walk(n, id, start, |end, pattern| ends.push((end, pattern)));
            for &(end, pattern) in ends.iter().rev() {
                for &(payload, case) in self.payloads_of(pattern) {
                    if !matches!(payload, Payload::CueTail(_))
                        && case_fits(tokens, case, start, end)
                    {
                        out.push(Hit {
                            start: start as u32,
                            end: end as u32 + 1,
                            payload,
                        });
                    }
                }
            }
        }
        // The hits live as long as the document's analysis: no spare room.
        out.shrink_to_fit();
        out
    }

    /// Where the part after the gap of stance cue `cue` ends when it
    /// starts at token `start`, the longest if several do: the end of the
    /// first `CueTail(cue)` hit at `start` that [`Matcher::hits`] leaves
    /// out. The words' ids are looked up again, a few tokens a cue.
    pub fn cue_tail_end(&self, tokens: &Tokens, start: usize, cue: u32) -> Option<usize> {
        let mut found = None;
        let id = |i: usize| self.word_id(tokens, i);
        self.walk(tokens.len(), id, start, |end, pattern| {
            if self
                .payloads_of(pattern)
                .iter()
                .any(|&(p, case)| p == Payload::CueTail(cue) && case_fits(tokens, case, start, end))
            {
                found = Some(end + 1);
            }
        });
        found
    }

    /// Walks the trie from token `start`, calling `at(end, pattern)` for
    /// each phrase that ends at token `end`, shortest first.
    /// `id(i)` gives token `i`'s word id, for `i` below `n`.
    fn walk(
        &self,
        n: usize,
        id: impl Fn(usize) -> u32,
        start: usize,
        mut at: impl FnMut(usize, usize),
    ) {
        if read_id(n, &id, start).is_none() {
            return;
        }
        let mut node = 0u32;
        for end in start..n {
            let Some(id) = read_id(n, &id, end) else {
                continue;
            };
            let Some(n) = (id != UNKNOWN).then(|| self.trie.step(node, id)).flatten() else {
                break;
            };
            node = n;
            if let Some(pattern) = self.trie.pattern(node) {
                at(end, pattern);
            }
        }
    }

    /// What phrase `p` of the trie stands for.
    fn payloads_of(&self, p: usize) -> &[(Payload, Case)] {
        let (lo, hi) = (self.phrases[p] as usize, self.phrases[p + 1] as usize);
        &self.payloads[lo..hi]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> &'static Matcher {
        static M: std::sync::OnceLock<Matcher> = std::sync::OnceLock::new();
        M.get_or_init(|| Matcher::new(Lexicon::builtin()).unwrap())
    }

    fn found(text: &str) -> Vec<(String, Payload)> {
        let toks = token::tokenize(text);
        matcher()
            .hits(&toks, &matcher().word_ids(&toks))
            .into_iter()
            .map(|h| {
                let s = toks.toks[h.start as usize].start as usize;
                let e = toks.toks[h.end as usize - 1].end as usize;
                (text[s..e].to_owned(), h.payload)
            })
            .collect()
    }

    #[test]
    fn names_need_capitals_and_acronyms_need_uppercase() {
        let hits = found("Turkey sent turkey to the US and to us");
        let names: Vec<&str> = hits
            .iter()
            .filter(|(_, p)| matches!(p, Payload::CountryName(_)))
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(names, ["Turkey", "US"]);
    }

    #[test]
    fn cues_match_any_case_and_curly_apostrophes() {
        let hits = found("Kremlin Demands Condemnation of Kyiv’s sabotage");
        assert!(
            hits.iter()
                .any(|(s, p)| s == "Kremlin" && matches!(p, Payload::Institution(_)))
        );
        assert!(
            hits.iter()
                .any(|(s, p)| s == "Demands" && matches!(p, Payload::Cue(_)))
        );
        assert!(
            hits.iter()
                .any(|(s, p)| s == "Kyiv" && matches!(p, Payload::CountryCapital(_)))
        );
        assert!(
            hits.iter()
                .any(|(s, p)| s == "sabotage" && matches!(p, Payload::Cue(_)))
        );
    }

    #[test]
    fn days_and_on_are_the_first_words() {
        let m = matcher();
        for (i, day) in DAYS.iter().enumerate() {
            assert_eq!(m.trie.id(day), Some(i as u32));
        }
        assert_eq!(m.trie.id("on"), Some(ON));
        // Read through: "condemned on Monday the attack" is a cue and a
        // name as if the day were not there.
        let hits = found("Japan condemned on Monday the strikes");
        assert!(
            hits.iter()
                .any(|(s, p)| s == "condemned" && matches!(p, Payload::Cue(_)))
        );
    }

    #[test]
    fn every_spelled_out_variant_is_in_the_trie() {
        // The trie is built from the phrases' slots, depth first; what
        // `Phrase::head` and `Phrase::tail` spell out must all be in it.
        let m = matcher();
        let normalized = |words: &[String]| -> Vec<u32> {
            let text = words.join(" ");
            let toks = token::tokenize(&text);
            (0..toks.len())
                .map(|i| toks.norm(i))
                .filter(|n| !n.is_empty())
                .map(|n| m.trie.id(n).unwrap())
                .collect()
        };
        let payloads = |words: &[String]| {
            let mut node = 0;
            for id in normalized(words) {
                node = m.trie.step(node, id).unwrap();
            }
            m.payloads_of(m.trie.pattern(node).unwrap())
        };
        for (i, x) in m.lexicon.stance_cues().iter().enumerate() {
            for v in x.phrase.head() {
                assert!(payloads(v).contains(&(Payload::Cue(i as u32), Case::Any)));
            }
            for v in x.phrase.tail() {
                assert!(payloads(v).contains(&(Payload::CueTail(i as u32), Case::Any)));
            }
        }
        for (i, x) in m.lexicon.reporting_verbs().iter().enumerate() {
            for v in x.phrase.head() {
                assert!(payloads(v).contains(&(Payload::Verb(i as u32), Case::Any)));
            }
        }
    }

    #[test]
    fn the_part_after_a_gap_is_found_when_looked_for_not_kept() {
        let m = matcher();
        let (c, cue) = m
            .lexicon
            .stance_cues()
            .iter()
            .enumerate()
            .find(|(_, x)| x.phrase.has_gap())
            .unwrap();
        let (head, tail) = (&cue.phrase.head()[0], &cue.phrase.tail()[0]);
        let text = format!("{} the border {}", head.join(" "), tail.join(" "));
        let toks = token::tokenize(&text);
        let hits = m.hits(&toks, &m.word_ids(&toks));
        assert!(
            !hits
                .iter()
                .any(|h| matches!(h.payload, Payload::CueTail(_)))
        );
        assert!(hits.iter().any(|h| h.payload == Payload::Cue(c as u32)));
        let at = toks.len() - tail.len();
        assert_eq!(m.cue_tail_end(&toks, at, c as u32), Some(toks.len()));
        assert_eq!(m.cue_tail_end(&toks, at - 1, c as u32), None);
        assert_eq!(m.cue_tail_end(&toks, toks.len(), c as u32), None);
    }

    #[test]
    fn matches_stay_on_token_boundaries() {
        // "Iran" must not match inside "Iranian" as a name; "Iranian" is a demonym.
        let hits = found("Iranian officials");
        assert!(hits.iter().all(|(s, _)| s != "Iran"));
        assert!(
            hits.iter()
                .any(|(s, p)| s == "Iranian" && matches!(p, Payload::CountryDemonym(_)))
        );
    }
}
