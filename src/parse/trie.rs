//! The lexicon's phrases compiled into a trie over normalized words: the
//! part of the [`Matcher`](super::matcher::Matcher) that depends on the
//! lexicon alone, which the build script (`build.rs`) also compiles, for
//! the built-in lexicon, into the bytes [`Compiled::from_bytes`] reads back
//! at start-up instead of building it again (see [`Compiled::to_bytes`]).
//!
//! This file is compiled twice: into the crate, and into the build script
//! beside `lexicon/`, `token.rs` and `words.rs` (with a stand-in for the
//! few model types the lexicon's reader names), so it uses nothing else of
//! the crate.

use rustc_hash::FxHashMap;

use super::token;
use super::words::{Flags, WordClasses};
use crate::lexicon::{Lexicon, LexiconError, Phrase, Slot, Table};

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
pub(crate) enum Case {
    /// Any case.
    Any,
    /// The first token capitalized: proper names.
    Capitalized,
    /// Every letter uppercase: short acronyms ("US", "UN", "WHO").
    Upper,
}

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
pub(crate) const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
pub(crate) const ON: u32 = DAYS.len() as u32;

/// Phrases as paths of word ids, as they are matched. Node 0 is the root.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Trie {
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
    pub fn id(&self, word: &str) -> Option<u32> {
        self.words.get(word).copied()
    }

    /// Every word in the table, with its id, in no particular order.
    pub fn words(&self) -> impl Iterator<Item = (&str, u32)> {
        self.words.iter().map(|(w, &id)| (&**w, id))
    }

    pub fn step(&self, node: u32, id: u32) -> Option<u32> {
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
    pub fn pattern(&self, node: u32) -> Option<usize> {
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

/// Each word's set of classes as the number of the set, and the sets, set
/// 0 being no class.
fn class_sets(classes: Vec<Flags>) -> Result<(Vec<u16>, Vec<Flags>), LexiconError> {
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
                Some(Table::Words),
                None,
                format!(
                    "words fall in more than {} different sets of classes",
                    u16::MAX
                ),
            ));
        }
        word_sets.push(number);
    }
    Ok((word_sets, class_sets))
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

/// The trie and what its phrases stand for: what [`Compiled::new`] builds
/// from a lexicon.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Compiled {
    pub trie: Trie,
    /// What each phrase in the trie stands for: phrase `p`'s are
    /// `payloads[phrases[p]..phrases[p + 1]]`.
    pub payloads: Vec<(Payload, Case)>,
    pub phrases: Vec<u32>,
    /// Every word's classes, closed and from the lexicon's words table,
    /// by the word's id in the trie's table (which holds every word with
    /// a class as well as every word of a phrase): the number of the set
    /// in `class_sets`, where set 0 is no class.
    pub classes: Vec<u16>,
    /// The sets of classes words have, numbered in order of the words'
    /// ids: a few hundred, where words are tens of thousands.
    pub class_sets: Vec<Flags>,
}

impl Compiled {
    /// The lexicon's names and phrases in a trie, or an error if its
    /// words fall in more different sets of classes than a token can
    /// number.
    pub fn new(lexicon: &Lexicon) -> Result<Compiled, LexiconError> {
        let (trie, payloads, phrases) = {
            let nodes = estimated_nodes(lexicon);
            // The built-in lexicon's phrases have about one distinct word
            // for every 14 nodes of this estimate (7,249 for 106,823).
            let words = nodes / 12;
            let mut b = Builder {
                trie: TrieBuilder {
                    words: FxHashMap::with_capacity_and_hasher(words, Default::default()),
                    head: Vec::with_capacity(nodes + 1),
                    edges: Vec::with_capacity(nodes),
                    ends: Vec::with_capacity(nodes + 1),
                    ..TrieBuilder::default()
                },
                lists: Vec::with_capacity(nodes),
                entries: Vec::with_capacity(nodes),
                ids: FxHashMap::with_capacity_and_hasher(words, Default::default()),
                arena: Vec::with_capacity(words),
                lower: String::new(),
            };
            for day in DAYS {
                b.trie.intern(day);
            }
            b.trie.intern("on");
            let l = lexicon;
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
        let classes = word_classes(&mut trie, &WordClasses::new(lexicon));
        let (classes, class_sets) = class_sets(classes)?;
        Ok(Compiled {
            trie,
            payloads,
            phrases,
            classes,
            class_sets,
        })
    }

    /// The bytes [`Compiled::from_bytes`] reads back: a tag, then the
    /// words by id (their lengths, then the words one after the other),
    /// then each table (the root's children, each node's first edge, the
    /// edges' words and children, the phrases ending at the nodes, the
    /// payloads' kinds with their cases and their indexes, where each
    /// phrase's payloads begin, the numbers of the words' sets of classes,
    /// the sets) as its length (four bytes), the bytes each of its numbers
    /// takes (as few as its largest needs) and the numbers, little-endian:
    /// 1.6 MB for the built-in lexicon, where four bytes a number would
    /// take 2.5 MB of the program's memory.
    #[cfg_attr(not(test), allow(dead_code))] // the build script's
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = TAG.to_vec();
        let mut words: Vec<&str> = vec![""; self.trie.words.len()];
        for (w, &id) in &self.trie.words {
            if let Some(slot) = words.get_mut(id as usize) {
                *slot = w;
            }
        }
        let put = |out: &mut Vec<u8>, xs: &mut dyn Iterator<Item = u128>| {
            let xs: Vec<u128> = xs.collect();
            let max = xs.iter().copied().max().unwrap_or(0);
            let width = (16 - max.leading_zeros() as usize / 8).max(1);
            out.extend_from_slice(&(xs.len() as u32).to_le_bytes());
            out.push(width as u8);
            for x in xs {
                out.extend_from_slice(&x.to_le_bytes()[..width]);
            }
        };
        put(&mut out, &mut words.iter().map(|w| w.len() as u128));
        for w in &words {
            out.extend_from_slice(w.as_bytes());
        }
        let t = &self.trie;
        let wide = |xs: &[u32]| xs.iter().map(|&x| u128::from(x)).collect::<Vec<_>>();
        put(&mut out, &mut wide(&t.first).into_iter());
        put(&mut out, &mut wide(&t.children).into_iter());
        put(&mut out, &mut t.edges.iter().map(|e| u128::from(e.0)));
        put(&mut out, &mut t.edges.iter().map(|e| u128::from(e.1)));
        put(&mut out, &mut wide(&t.ends).into_iter());
        put(
            &mut out,
            &mut self
                .payloads
                .iter()
                .map(|&(p, c)| u128::from(p.to_parts().0) | (c as u128) << 8),
        );
        put(
            &mut out,
            &mut self.payloads.iter().map(|p| u128::from(p.0.to_parts().1)),
        );
        put(&mut out, &mut wide(&self.phrases).into_iter());
        put(&mut out, &mut self.classes.iter().map(|&c| u128::from(c)));
        put(&mut out, &mut self.class_sets.iter().copied());
        out
    }

    /// What [`Compiled::to_bytes`] wrote, or `None` for anything else
    /// (an empty slice: the build script could not compile the lexicon).
    pub fn from_bytes(bytes: &[u8]) -> Option<Compiled> {
        let mut r = Reader {
            bytes: bytes.strip_prefix(TAG)?,
        };
        let lens = r.u32s()?;
        let total = lens
            .iter()
            .try_fold(0usize, |t, &n| t.checked_add(n as usize))?;
        let text = std::str::from_utf8(r.take(total)?).ok()?;
        let mut words: FxHashMap<Box<str>, u32> =
            FxHashMap::with_capacity_and_hasher(lens.len(), Default::default());
        let mut start = 0;
        for (id, &n) in lens.iter().enumerate() {
            let end = start + n as usize;
            words.insert(text.get(start..end)?.into(), id as u32);
            start = end;
        }
        let first = r.u32s()?;
        let children = r.u32s()?;
        let edge_words = r.u32s()?;
        let edge_children = r.u32s()?;
        if edge_words.len() != edge_children.len() {
            return None;
        }
        let edges = edge_words.into_iter().zip(edge_children).collect();
        let ends = r.u32s()?;
        let kinds = r.u32s()?;
        let indexes = r.u32s()?;
        if kinds.len() != indexes.len() {
            return None;
        }
        // Sized first: collecting into an `Option<Vec<_>>` cannot know the
        // length and grows the vector by doubling (1.5 MB kept for 0.8).
        let mut payloads = Vec::with_capacity(kinds.len());
        for (&k, &i) in kinds.iter().zip(&indexes) {
            let case = match k >> 8 {
                0 => Case::Any,
                1 => Case::Capitalized,
                2 => Case::Upper,
                _ => return None,
            };
            payloads.push((Payload::from_parts(k as u8, i)?, case));
        }
        let phrases = r.u32s()?;
        let class_ids = r.u32s()?;
        let mut classes = Vec::with_capacity(class_ids.len());
        for c in class_ids {
            classes.push(u16::try_from(c).ok()?);
        }
        let class_sets = r.numbers(|c| {
            let mut b = [0u8; 16];
            b[..c.len()].copy_from_slice(c);
            Flags::from_le_bytes(b)
        })?;
        if !r.bytes.is_empty() {
            return None;
        }
        Some(Compiled {
            trie: Trie {
                words,
                first,
                children,
                edges,
                ends,
            },
            payloads,
            phrases,
            classes,
            class_sets,
        })
    }
}

/// The first bytes of [`Compiled::to_bytes`]'s output, which change
/// whenever its layout does.
const TAG: &[u8] = b"demarche trie 4\n";

/// Reads what [`Compiled::to_bytes`] wrote, front to back.
struct Reader<'b> {
    bytes: &'b [u8],
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    /// A table: its length, its numbers' width and the numbers, each
    /// read by `read` from its bytes.
    fn numbers<T>(&mut self, read: impl Fn(&[u8]) -> T) -> Option<Vec<T>> {
        let n = u32::from_le_bytes(self.take(4)?.try_into().ok()?) as usize;
        let width = usize::from(*self.take(1)?.first()?);
        if !(1..=16).contains(&width) {
            return None;
        }
        Some(
            self.take(n.checked_mul(width)?)?
                .chunks_exact(width)
                .map(read)
                .collect(),
        )
    }

    /// A table of numbers of 32 bits at most, each width read by a loop of
    /// its own.
    fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = u32::from_le_bytes(self.bytes.get(..4)?.try_into().ok()?) as usize;
        let width = usize::from(*self.bytes.get(4)?);
        let bytes = self.bytes.get(5..5 + n.checked_mul(width)?)?;
        let out = match width {
            1 => bytes.iter().map(|&b| u32::from(b)).collect(),
            2 => bytes
                .chunks_exact(2)
                .map(|c| u32::from(c[0]) | u32::from(c[1]) << 8)
                .collect(),
            3 => bytes
                .chunks_exact(3)
                .map(|c| u32::from(c[0]) | u32::from(c[1]) << 8 | u32::from(c[2]) << 16)
                .collect(),
            4 => bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
            _ => return None,
        };
        self.bytes = &self.bytes[5 + bytes.len()..];
        Some(out)
    }
}

impl Payload {
    /// The payload's kind as a number and its index.
    #[cfg_attr(not(test), allow(dead_code))] // the build script's
    fn to_parts(self) -> (u8, u32) {
        match self {
            Payload::CountryName(i) => (0, i),
            Payload::CountryDemonym(i) => (1, i),
            Payload::CountryCapital(i) => (2, i),
            Payload::Institution(i) => (3, i),
            Payload::Body(i) => (4, i),
            Payload::Org(i) => (5, i),
            Payload::Title(i) => (6, i),
            Payload::Honorific(i) => (7, i),
            Payload::Person(i) => (8, i),
            Payload::Cue(i) => (9, i),
            Payload::CueTail(i) => (10, i),
            Payload::Verb(i) => (11, i),
            Payload::Trigger(i) => (12, i),
            Payload::Modifier(i) => (13, i),
        }
    }

    /// The payload [`Payload::to_parts`] gave these parts.
    fn from_parts(kind: u8, i: u32) -> Option<Payload> {
        Some(match kind {
            0 => Payload::CountryName(i),
            1 => Payload::CountryDemonym(i),
            2 => Payload::CountryCapital(i),
            3 => Payload::Institution(i),
            4 => Payload::Body(i),
            5 => Payload::Org(i),
            6 => Payload::Title(i),
            7 => Payload::Honorific(i),
            8 => Payload::Person(i),
            9 => Payload::Cue(i),
            10 => Payload::CueTail(i),
            11 => Payload::Verb(i),
            12 => Payload::Trigger(i),
            13 => Payload::Modifier(i),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_scripts_trie_is_the_one_compiled_at_run_time() {
        let prebuilt =
            Compiled::from_bytes(include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.trie")))
                .expect("the build script compiled the built-in lexicon");
        assert_eq!(prebuilt, Compiled::new(&Lexicon::builtin()).unwrap());
    }

    #[test]
    fn compiled_tries_read_back_and_refuse_other_bytes() {
        let mut lexicon = Lexicon::builtin();
        // A user's cue, with a gap, beside the built-in ones.
        let cue = "retaliation\tvow~ .. retaliate|respond\t130\tctx\t-\n";
        assert!(lexicon.extend(crate::lexicon::Table::Stances, cue).is_ok());
        let compiled = Compiled::new(&lexicon).unwrap();
        let bytes = compiled.to_bytes();
        assert_eq!(Compiled::from_bytes(&bytes).as_ref(), Some(&compiled));
        assert!(Compiled::from_bytes(&[]).is_none());
        for cut in [1, TAG.len(), bytes.len() / 2, bytes.len() - 1] {
            assert!(Compiled::from_bytes(&bytes[..cut]).is_none(), "{cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Compiled::from_bytes(&longer).is_none());
    }
}
