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

use rustc_hash::FxHashMap;

use super::token::{self, ALLCAP, CAP, Tokens};
use crate::lexicon::{Lexicon, LexiconError, Phrase};

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
    /// For each pattern, everything it stands for.
    payloads: Vec<Vec<(Payload, Case)>>,
    /// The rows of each person in the people table, by name.
    people_by_name: rustc_hash::FxHashMap<String, Vec<usize>>,
    pub lexicon: Lexicon,
}

/// Normalizes a phrase variant exactly as the text is normalized.
fn normalize(words: &[String]) -> String {
    let joined = words.join(" ");
    let toks = token::tokenize(&joined);
    let mut out = String::with_capacity(joined.len());
    for i in 0..toks.len() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(toks.norm(i));
    }
    out
}

fn case_of(name: &str) -> Case {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if !letters.is_empty() && letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase()) {
        Case::Upper
    } else {
        Case::Capitalized
    }
}

/// Phrases as paths of word ids. Node 0 is the root.
#[derive(Debug, Default)]
struct Trie {
    /// Every word of every phrase, by its normalized form.
    words: FxHashMap<Box<str>, u32>,
    /// The root's children, by word id (0: none).
    first: Vec<u32>,
    /// The other edges: (node, word id) to node.
    next: FxHashMap<(u32, u32), u32>,
    /// For each node, 1 + the pattern that ends there (0: none).
    ends: Vec<u32>,
}

impl Trie {
    fn insert(&mut self, pattern: &str, index: usize) {
        let mut node = 0u32;
        for word in pattern.split(' ').filter(|w| !w.is_empty()) {
            let n = self.words.len() as u32;
            let id = *self.words.entry(word.into()).or_insert(n);
            if id as usize >= self.first.len() {
                self.first.resize(id as usize + 1, 0);
            }
            let child = if node == 0 {
                self.first[id as usize]
            } else {
                self.next.get(&(node, id)).copied().unwrap_or(0)
            };
            node = if child != 0 {
                child
            } else {
                if self.ends.is_empty() {
                    self.ends.push(0);
                }
                let c = self.ends.len() as u32;
                self.ends.push(0);
                if node == 0 {
                    self.first[id as usize] = c;
                } else {
                    self.next.insert((node, id), c);
                }
                c
            };
        }
        if node != 0 {
            self.ends[node as usize] = index as u32 + 1;
        }
    }

    fn id(&self, word: &str) -> Option<u32> {
        self.words.get(word).copied()
    }

    fn step(&self, node: u32, id: u32) -> Option<u32> {
        let c = if node == 0 {
            self.first.get(id as usize).copied().unwrap_or(0)
        } else {
            self.next.get(&(node, id)).copied().unwrap_or(0)
        };
        (c != 0).then_some(c)
    }

    /// The pattern ending at `node`, if any.
    fn pattern(&self, node: u32) -> Option<usize> {
        match self.ends.get(node as usize) {
            Some(&p) if p > 0 => Some(p as usize - 1),
            _ => None,
        }
    }
}

struct Builder {
    patterns: Vec<String>,
    index: rustc_hash::FxHashMap<String, usize>,
    payloads: Vec<Vec<(Payload, Case)>>,
}

impl Builder {
    fn add(&mut self, pattern: String, payload: Payload, case: Case) {
        if pattern.is_empty() {
            return;
        }
        let i = *self.index.entry(pattern.clone()).or_insert_with(|| {
            self.patterns.push(pattern);
            self.payloads.push(Vec::new());
            self.patterns.len() - 1
        });
        if !self.payloads[i].contains(&(payload, case)) {
            self.payloads[i].push((payload, case));
        }
    }

    fn name(&mut self, name: &str, payload: Payload) {
        let words: Vec<String> = name.split_whitespace().map(str::to_owned).collect();
        self.add(normalize(&words), payload, case_of(name));
    }

    fn phrase(&mut self, phrase: &Phrase, head: Payload, tail: Option<Payload>) {
        for v in phrase.head() {
            self.add(normalize(v), head, Case::Any);
        }
        if let Some(tail) = tail {
            for v in phrase.tail() {
                self.add(normalize(v), tail, Case::Any);
            }
        }
    }
}

impl Matcher {
    pub fn new(lexicon: Lexicon) -> Result<Matcher, LexiconError> {
        let mut b = Builder {
            patterns: Vec::new(),
            index: Default::default(),
            payloads: Vec::new(),
        };
        let n = |i: usize| i as u32;
        for (i, c) in lexicon.countries().iter().enumerate() {
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
        for (i, x) in lexicon.institutions().iter().enumerate() {
            b.name(&x.name, Payload::Institution(n(i)));
            for a in &x.aliases {
                b.name(a, Payload::Institution(n(i)));
            }
        }
        for (i, x) in lexicon.bodies().iter().enumerate() {
            for p in &x.phrases {
                let words: Vec<String> = p.split_whitespace().map(str::to_owned).collect();
                b.add(normalize(&words), Payload::Body(n(i)), Case::Any);
            }
        }
        for (i, x) in lexicon.organizations().iter().enumerate() {
            b.name(&x.name, Payload::Org(n(i)));
            for a in &x.aliases {
                b.name(a, Payload::Org(n(i)));
            }
        }
        for (i, x) in lexicon.titles().iter().enumerate() {
            let words: Vec<String> = x.title.split_whitespace().map(str::to_owned).collect();
            b.add(normalize(&words), Payload::Title(n(i)), Case::Any);
        }
        for (i, x) in lexicon.honorifics().iter().enumerate() {
            b.add(
                normalize(std::slice::from_ref(&x.word)),
                Payload::Honorific(n(i)),
                Case::Capitalized,
            );
        }
        for (i, x) in lexicon.people().iter().enumerate() {
            b.name(&x.name, Payload::Person(n(i)));
            for a in &x.aliases {
                b.name(a, Payload::Person(n(i)));
            }
        }
        for (i, x) in lexicon.stance_cues().iter().enumerate() {
            b.phrase(&x.phrase, Payload::Cue(n(i)), Some(Payload::CueTail(n(i))));
        }
        for (i, x) in lexicon.reporting_verbs().iter().enumerate() {
            b.phrase(&x.phrase, Payload::Verb(n(i)), None);
        }
        for (i, x) in lexicon.event_triggers().iter().enumerate() {
            b.phrase(&x.phrase, Payload::Trigger(n(i)), None);
        }
        for (i, x) in lexicon.modifiers().iter().enumerate() {
            b.phrase(&x.phrase, Payload::Modifier(n(i)), None);
        }
        let mut trie = Trie::default();
        for (i, p) in b.patterns.iter().enumerate() {
            trie.insert(p, i);
        }
        let mut people_by_name: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
        for (i, p) in lexicon.people().iter().enumerate() {
            people_by_name.entry(p.name.clone()).or_default().push(i);
        }
        Ok(Matcher {
            trie,
            payloads: b.payloads,
            people_by_name,
            lexicon,
        })
    }

    /// The rows of the people table for the person with this name.
    pub fn people_named(&self, name: &str) -> &[usize] {
        self.people_by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every lexicon match on token boundaries, ordered by start token, longest first.
    pub fn hits(&self, tokens: &Tokens) -> Vec<Hit> {
        let mut out = Vec::new();
        let toks = &tokens.toks;
        // The words the trie reads: the normalized tokens, with day
        // expressions left out so a cue reads through them ("vowed on
        // Monday to respond" is "vowed to respond").
        let day = |i: usize| {
            matches!(
                tokens.norm(i),
                "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
            )
        };
        let skip = |i: usize| {
            day(i)
                || (tokens.norm(i) == "on"
                    && i + 1 < toks.len()
                    && day(i + 1)
                    && i > 0
                    && !day(i - 1))
        };
        // The pieces the trie reads: tokens with a normalized form that is
        // not left out, each with its word id (`u32::MAX`: in no phrase).
        let pieces: Vec<(u32, u32)> = (0..toks.len())
            .filter(|&i| toks[i].nstart != toks[i].nend && !skip(i))
            .map(|i| {
                let id = self.trie.id(tokens.norm(i)).unwrap_or(u32::MAX);
                (i as u32, id)
            })
            .collect();
        for sp in 0..pieces.len() {
            let mut node = 0u32;
            for &(end, id) in &pieces[sp..] {
                let Some(n) = (id != u32::MAX).then(|| self.trie.step(node, id)).flatten() else {
                    break;
                };
                node = n;
                let Some(pattern) = self.trie.pattern(node) else {
                    continue;
                };
                let (start, end) = (pieces[sp].0 as usize, end as usize);
                let first = &tokens.toks[start];
                for &(payload, case) in &self.payloads[pattern] {
                    let ok = match case {
                        Case::Any => true,
                        Case::Capitalized => first.is(CAP) || first.is(ALLCAP),
                        Case::Upper => (start..=end).all(|i| {
                            let t = &tokens.toks[i];
                            !matches!(t.kind, token::Kind::Word)
                                || t.is(ALLCAP)
                                || t.end - t.start == 1 && t.is(CAP)
                        }),
                    };
                    if ok {
                        out.push(Hit {
                            start: start as u32,
                            end: end as u32 + 1,
                            payload,
                        });
                    }
                }
            }
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        out
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
            .hits(&toks)
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
