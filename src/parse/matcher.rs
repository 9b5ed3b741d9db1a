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
pub(crate) use super::trie::Payload;
use super::trie::{Case, Compiled, DAYS, ON, Trie};
use super::words::Flags;
use crate::lexicon::{Lexicon, LexiconError};

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

/// The ids of the short words (one to seven bytes) of a trie's table, by
/// their [`token::short_key`]: an open-addressing table of numbers, where
/// a hash map of strings hashes the word and compares its bytes.
#[derive(Debug, Default)]
struct ShortWords {
    /// Each slot's key (0: empty) and the word's id; a power of two of
    /// slots, at most half of them full.
    keys: Vec<u64>,
    ids: Vec<u32>,
}

impl ShortWords {
    fn new(trie: &Trie) -> ShortWords {
        let words: Vec<(u64, u32)> = trie
            .words()
            .filter_map(|(w, id)| Some((token::short_key(w.as_bytes())?, id)))
            .collect();
        let n = (2 * words.len()).next_power_of_two().max(2);
        let mut table = ShortWords {
            keys: vec![0; n],
            ids: vec![0; n],
        };
        for (key, id) in words {
            let mut at = table.slot(key);
            while table.keys[at] != 0 {
                at = (at + 1) & (n - 1);
            }
            table.keys[at] = key;
            table.ids[at] = id;
        }
        table
    }

    /// Where the search for `key` starts (Fibonacci hashing).
    #[inline]
    fn slot(&self, key: u64) -> usize {
        let bits = self.keys.len().trailing_zeros();
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits).min(63)) as usize
            & (self.keys.len() - 1)
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u32> {
        let mask = self.keys.len().checked_sub(1)?;
        let mut at = self.slot(key);
        loop {
            match self.keys.get(at) {
                Some(&k) if k == key => return self.ids.get(at).copied(),
                Some(&0) | None => return None,
                Some(_) => at = (at + 1) & mask,
            }
        }
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
    /// The trie's words of one to seven bytes, by [`token::short_key`].
    short_words: ShortWords,
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

/// The built-in lexicon's trie as the build script wrote it
/// ([`Compiled::to_bytes`]); empty if it could not compile it.
const BUILTIN_TRIE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.trie"));

/// The id of a token without a normalized form (a quotation mark).
pub(super) const NO_WORD: u32 = u32::MAX - 1;
/// The id of a word the lexicon does not know.
pub(super) const UNKNOWN: u32 = u32::MAX;

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

impl Matcher {
    /// The lexicon compiled.
    pub fn new(lexicon: Lexicon) -> Result<Matcher, LexiconError> {
        let compiled = Compiled::new(&lexicon)?;
        Ok(Matcher::with_compiled(lexicon, compiled))
    }

    /// The built-in lexicon, its trie read from the bytes the build
    /// script compiled it into (compiled here if it could not).
    pub fn builtin() -> Matcher {
        let lexicon = Lexicon::builtin();
        let compiled = match Compiled::from_bytes(BUILTIN_TRIE) {
            Some(compiled) => compiled,
            // Its word classes are checked by the crate's tests: a failure
            // here is a bug in the crate.
            None => match Compiled::new(&lexicon) {
                Ok(compiled) => compiled,
                Err(e) => unreachable!("the built-in lexicon is invalid: {e}"),
            },
        };
        Matcher::with_compiled(lexicon, compiled)
    }

    /// The matcher of `lexicon`, whose trie is `compiled`.
    fn with_compiled(lexicon: Lexicon, compiled: Compiled) -> Matcher {
        let Compiled {
            trie,
            payloads,
            phrases,
            classes,
            class_sets,
        } = compiled;
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
        Matcher {
            short_words: ShortWords::new(&trie),
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
            classes,
            class_sets,
            lexicon,
        }
    }

    /// Each token's word id: [`NO_WORD`] for a quotation mark, [`UNKNOWN`]
    /// for a word the lexicon does not know; one hash lookup a token, for
    /// both the phrases and the word classes.
    pub fn word_ids(&self, tokens: &Tokens) -> Vec<u32> {
        (0..tokens.len()).map(|i| self.word_id(tokens, i)).collect()
    }

    /// Token `i`'s word id (see [`Matcher::word_ids`]).
    #[inline]
    fn word_id(&self, tokens: &Tokens, i: usize) -> u32 {
        // Most words: a number looked up in the table of short words,
        // which holds every word of the lexicon of one to seven bytes.
        if let Some(key) = tokens.short_key(i) {
            return self.short_words.get(key).unwrap_or(UNKNOWN);
        }
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
    fn short_words_are_found_as_the_words_table_finds_them() {
        let m = matcher();
        let mut short = 0;
        for (w, id) in m.trie.words() {
            if let Some(key) = token::short_key(w.as_bytes()) {
                assert_eq!(m.short_words.get(key), Some(id), "{w:?}");
                short += 1;
            }
        }
        assert!(short > 1000, "{short}");
        // Every token's id, the short ones read from the text, as the
        // words table gives it for the token's normalized form.
        let text = "Russia’s FM Lavrov said on Monday the U.S. and NATO’s \
                    São Tomé envoy, Élysée aide, condemned \u{201c}it\u{201d} \
                    — Xq, zzzzzzz, abcdefgh, Peskov, 2025 ok";
        let toks = token::tokenize(text);
        for i in 0..toks.len() {
            let n = toks.norm(i);
            let by_name = if n.is_empty() {
                NO_WORD
            } else {
                m.trie.id(n).unwrap_or(UNKNOWN)
            };
            assert_eq!(m.word_id(&toks, i), by_name, "{n:?}");
            assert_eq!(toks.short_key(i), token::short_key(n.as_bytes()), "{n:?}");
        }
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
