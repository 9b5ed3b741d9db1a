//! The lexicon compiled for matching: every phrase of every table in one
//! Aho-Corasick automaton over the normalized token string, so one pass
//! over a document finds every gazetteer name and cue.

use aho_corasick::{AhoCorasick, MatchKind};

use super::token::{self, ALLCAP, CAP, Tokens};
use crate::lexicon::{Lexicon, LexiconError, Phrase, Table};

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
    ac: AhoCorasick,
    /// For each automaton pattern, everything it stands for.
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
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&b.patterns)
            .map_err(|e| {
                LexiconError::new(
                    Some(Table::Stances),
                    None,
                    format!("cannot compile the lexicon: {e}"),
                )
            })?;
        let mut people_by_name: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
        for (i, p) in lexicon.people().iter().enumerate() {
            people_by_name.entry(p.name.clone()).or_default().push(i);
        }
        Ok(Matcher {
            ac,
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
        // The text the automaton reads: the normalized tokens, with day
        // expressions left out so a cue reads through them ("vowed on
        // Monday to respond" is "vowed to respond"). `at[k]` is the token
        // whose normalized form is the k-th piece, with its place there.
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
        let any_skip = (0..toks.len()).any(day);
        let mut hay = String::new();
        let mut at: Vec<(u32, u32, u32)> = Vec::new();
        if any_skip {
            hay.reserve(tokens.norm.len());
            at.reserve(toks.len());
            for (i, t) in toks.iter().enumerate() {
                if t.nstart == t.nend || skip(i) {
                    continue;
                }
                let s = hay.len() as u32;
                hay.push_str(tokens.norm(i));
                at.push((s, hay.len() as u32, i as u32));
                hay.push(' ');
            }
        }
        let (text, pieces): (&str, Vec<(u32, u32, u32)>) = if any_skip {
            (&hay, at)
        } else {
            (
                &tokens.norm,
                toks.iter()
                    .enumerate()
                    .filter(|(_, t)| t.nstart != t.nend)
                    .map(|(i, t)| (t.nstart, t.nend, i as u32))
                    .collect(),
            )
        };
        // Matches come in order of their end: a cursor finds the piece that
        // ends there, and a short walk back the piece that starts there.
        let mut cursor = 0usize;
        for m in self.ac.find_overlapping_iter(text) {
            let (mstart, mend) = (m.start() as u32, m.end() as u32);
            while cursor < pieces.len() && pieces[cursor].1 < mend {
                cursor += 1;
            }
            let Some(&(_, pend, end)) = pieces.get(cursor) else {
                break;
            };
            if pend != mend {
                continue;
            }
            let mut sp = cursor;
            while sp > 0 && pieces[sp].0 > mstart {
                sp -= 1;
            }
            if pieces[sp].0 != mstart {
                continue;
            }
            let (start, end) = (pieces[sp].2 as usize, end as usize);
            let first = &tokens.toks[start];
            for &(payload, case) in &self.payloads[m.pattern().as_usize()] {
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
