//! The phrase syntax of the cue tables.

use std::fmt;
use std::sync::OnceLock;

/// The most variants one phrase may expand to.
const MAX_VARIANTS: usize = 4096;

/// A cue phrase: words, each with alternatives, inflections or optionality,
/// and at most one gap.
///
/// - `a|b|c`: alternatives for one word;
/// - `word~`: a regular verb and its inflections (`condemn~`: condemn,
///   condemns, condemned, condemning);
/// - `word?` or `a|b?`: an optional word;
/// - `..`: a gap of a few words inside the clause, between the part before
///   and the part after (`hold|held .. responsible`).
///
/// # Examples
///
/// ```
/// use demarche::lexicon::Phrase;
///
/// let p = Phrase::parse("strike|hit back").unwrap();
/// assert_eq!(p.head(), [vec!["strike", "back"], vec!["hit", "back"]]);
/// let q = Phrase::parse("deny~").unwrap();
/// assert!(q.head().contains(&vec!["denied".to_string()]));
/// let g = Phrase::parse("held .. responsible").unwrap();
/// assert_eq!(g.tail(), [vec!["responsible"]]);
/// assert!(Phrase::parse("..").is_err());
/// ```
#[derive(Clone)]
pub struct Phrase {
    source: String,
    /// Whether the phrase has a gap.
    gap: bool,
    /// The slots of the head and of the tail, made when first asked for
    /// (the built-in lexicon's are not at run time: its matcher was
    /// compiled with the crate).
    slots: OnceLock<[Vec<Slot>; 2]>,
    /// Every variant of the head and of the tail, spelled out when first asked for.
    variants: OnceLock<[Vec<Vec<String>>; 2]>,
}

/// One word of a phrase: its alternatives (inflections spelled out) and
/// whether it may be left out.
#[derive(Clone, Debug)]
pub(crate) struct Slot {
    pub words: Vec<String>,
    pub optional: bool,
}

impl Phrase {
    /// Parses the phrase syntax.
    pub fn parse(source: &str) -> Result<Phrase, String> {
        let elements: Vec<&str> = source.split_whitespace().collect();
        if elements.is_empty() {
            return Err("empty phrase".into());
        }
        let gaps = elements.iter().filter(|e| **e == "..").count();
        if gaps > 1 {
            return Err(format!("phrase {source:?} has more than one gap (..)"));
        }
        let (head, tail) = halves(&elements);
        if gaps == 1 && (head.is_empty() || tail.is_empty()) {
            return Err(format!(
                "phrase {source:?} needs words on both sides of its gap (..)"
            ));
        }
        check(head, source)?;
        if !tail.is_empty() {
            check(tail, source)?;
        }
        Ok(Phrase {
            source: source.to_owned(),
            gap: gaps == 1,
            slots: OnceLock::new(),
            variants: OnceLock::new(),
        })
    }

    /// The phrase as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Every word sequence the part before the gap (or the whole phrase) matches.
    pub fn head(&self) -> &[Vec<String>] {
        &self.variants()[0]
    }

    /// Every word sequence the part after the gap matches; empty without a gap.
    pub fn tail(&self) -> &[Vec<String>] {
        &self.variants()[1]
    }

    /// Whether the phrase has a gap.
    pub fn has_gap(&self) -> bool {
        self.gap
    }

    /// The words of the part before the gap (or of the whole phrase), each
    /// with its alternatives: what [`Phrase::head`] spells out.
    pub(crate) fn head_slots(&self) -> &[Slot] {
        &self.slots()[0]
    }

    /// The words of the part after the gap; empty without a gap.
    pub(crate) fn tail_slots(&self) -> &[Slot] {
        &self.slots()[1]
    }

    fn slots(&self) -> &[Vec<Slot>; 2] {
        self.slots.get_or_init(|| {
            let elements: Vec<&str> = self.source.split_whitespace().collect();
            let (head, tail) = halves(&elements);
            [slots(head), slots(tail)]
        })
    }

    fn variants(&self) -> &[Vec<Vec<String>>; 2] {
        self.variants
            .get_or_init(|| [spell_out(self.head_slots()), spell_out(self.tail_slots())])
    }
}

impl PartialEq for Phrase {
    fn eq(&self, other: &Phrase) -> bool {
        // Everything else is read from the source.
        self.source == other.source
    }
}

impl Eq for Phrase {}

impl fmt::Debug for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Phrase")
            .field("source", &self.source)
            .field("head", &self.head_slots())
            .field("tail", &self.tail_slots())
            .finish()
    }
}

impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.source)
    }
}

/// How a regular verb inflects (see [`inflect`]).
enum Inflection {
    /// Ends in "e": "denounce", "denounces", "denounced", "denouncing".
    E,
    /// Ends in "y" after a consonant: "deny", "denies", "denied", "denying".
    Y,
    /// Ends in "s", "sh", "ch", "x" or "z": "press", "presses".
    Sibilant,
    /// Any other ending, with the final consonant that may be doubled
    /// ("expel", "expelled") if there is one.
    Plain(Option<char>),
}

fn inflection(verb: &str) -> Inflection {
    let vowel = |c: char| "aeiou".contains(c);
    let mut rev = verb.chars().rev();
    let (last, before) = (rev.next(), rev.next());
    if last == Some('e') {
        Inflection::E
    } else if last == Some('y') && before.is_some_and(|b| !vowel(b)) {
        Inflection::Y
    } else if verb.ends_with('s')
        || verb.ends_with("sh")
        || verb.ends_with("ch")
        || verb.ends_with('x')
        || verb.ends_with('z')
    {
        Inflection::Sibilant
    } else {
        // A short vowel before a final consonant may double it ("expel",
        // "expelled"; "step", "stepped"); both spellings are kept, since
        // stress decides ("visited") and the unused one never matches.
        let mut rev = verb.chars().rev();
        let (c, v1, c0) = (rev.next(), rev.next(), rev.next());
        let doubled = match (c, v1, c0) {
            (Some(c), Some(v1), Some(c0))
                if c.is_ascii_alphabetic()
                    && !vowel(c)
                    && !"wxy".contains(c)
                    && vowel(v1)
                    && !vowel(c0) =>
            {
                Some(c)
            }
            _ => None,
        };
        Inflection::Plain(doubled)
    }
}

/// How many forms [`inflect`] gives `verb`, without making them.
fn inflection_count(verb: &str) -> usize {
    match (verb.is_empty(), inflection(verb)) {
        (true, _) => 1,
        (false, Inflection::Plain(Some(_))) => 6,
        (false, _) => 4,
    }
}

/// The regular inflections of a verb.
pub(crate) fn inflect(verb: &str) -> Vec<String> {
    let v = verb.to_owned();
    let Some(last) = verb.chars().last() else {
        return vec![v];
    };
    let stem = &verb[..verb.len() - last.len_utf8()];
    match inflection(verb) {
        Inflection::E => vec![
            v.clone(),
            format!("{v}s"),
            format!("{v}d"),
            format!("{stem}ing"),
        ],
        Inflection::Y => vec![
            v.clone(),
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{v}ing"),
        ],
        Inflection::Sibilant => vec![
            v.clone(),
            format!("{v}es"),
            format!("{v}ed"),
            format!("{v}ing"),
        ],
        Inflection::Plain(doubled) => {
            let mut out = vec![
                v.clone(),
                format!("{v}s"),
                format!("{v}ed"),
                format!("{v}ing"),
            ];
            if let Some(c) = doubled {
                out.push(format!("{v}{c}ed"));
                out.push(format!("{v}{c}ing"));
            }
            out
        }
    }
}

/// The part of a phrase's elements before its gap (all of them without
/// one) and the part after it.
fn halves<'e, 's>(elements: &'e [&'s str]) -> (&'e [&'s str], &'e [&'s str]) {
    match elements.iter().position(|e| *e == "..") {
        Some(i) => (&elements[..i], &elements[i + 1..]),
        None => (elements, &elements[..0]),
    }
}

/// An element's body and whether it is optional (`word?`).
fn optional(element: &str) -> (&str, bool) {
    match element.strip_suffix('?') {
        Some(b) if !b.is_empty() => (b, true),
        _ => (element, false),
    }
}

/// Checks a phrase's words as [`slots`] would make them, without making
/// them: no empty alternative, and no more than [`MAX_VARIANTS`]
/// variants, counted as they would be spelled out (an error names the
/// first word that passes the limit).
fn check(elements: &[&str], source: &str) -> Result<(), String> {
    let mut variants = 1usize;
    let mut all_optional = true;
    for element in elements {
        let (body, optional) = optional(element);
        let mut words = 0usize;
        for alt in body.split('|') {
            if alt.is_empty() {
                return Err(format!("phrase {source:?} has an empty alternative"));
            }
            words += match alt.strip_suffix('~') {
                Some(verb) if !verb.is_empty() => inflection_count(verb),
                _ => 1,
            };
        }
        variants = variants.saturating_mul(words + usize::from(optional));
        if variants > MAX_VARIANTS {
            return Err(format!(
                "phrase {source:?} expands to more than {MAX_VARIANTS} variants"
            ));
        }
        all_optional &= optional;
    }
    // Only the variant that leaves every word out is empty, and it is
    // never matched: all-optional slots have at least two variants.
    if all_optional && variants <= 1 {
        return Err(format!("phrase {source:?} can match nothing"));
    }
    Ok(())
}

/// The slots of a phrase's words, which [`check`] passed.
fn slots(elements: &[&str]) -> Vec<Slot> {
    elements
        .iter()
        .map(|element| {
            let (body, optional) = optional(element);
            let mut words: Vec<String> = Vec::new();
            for alt in body.split('|') {
                match alt.strip_suffix('~') {
                    Some(verb) if !verb.is_empty() => words.extend(inflect(verb)),
                    _ => words.push(alt.to_owned()),
                }
            }
            Slot { words, optional }
        })
        .collect()
}

/// Every word sequence of `slots`, earlier words varying slowest, an
/// optional word's absence before its alternatives; never the empty one.
fn spell_out(slots: &[Slot]) -> Vec<Vec<String>> {
    if slots.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for slot in slots {
        let mut next = Vec::with_capacity(out.len() * (slot.words.len() + 1));
        for prefix in &out {
            if slot.optional {
                next.push(prefix.clone());
            }
            for w in &slot.words {
                let mut p = prefix.clone();
                p.push(w.clone());
                next.push(p);
            }
        }
        out = next;
    }
    out.retain(|v| !v.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert_eq!(
            inflect("condemn"),
            ["condemn", "condemns", "condemned", "condemning"]
        );
        assert_eq!(
            inflect("denounce"),
            ["denounce", "denounces", "denounced", "denouncing"]
        );
        assert_eq!(inflect("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(
            inflect("expel"),
            [
                "expel",
                "expels",
                "expeled",
                "expeling",
                "expelled",
                "expelling"
            ]
        );
        assert_eq!(inflect("stay"), ["stay", "stays", "stayed", "staying"]);
        assert_eq!(
            inflect("press"),
            ["press", "presses", "pressed", "pressing"]
        );
    }

    #[test]
    fn inflections_are_counted_as_they_are_made() {
        for verb in [
            "condemn", "denounce", "deny", "expel", "stay", "press", "step", "visit", "fix", "a",
            "é", "ay", "ye",
        ] {
            assert_eq!(inflection_count(verb), inflect(verb).len(), "{verb}");
        }
    }

    #[test]
    fn optional_words() {
        let p = Phrase::parse("take all? measures").unwrap();
        assert_eq!(
            p.head(),
            [vec!["take", "measures"], vec!["take", "all", "measures"]]
        );
        assert!(!p.has_gap());
    }

    #[test]
    fn errors() {
        assert!(Phrase::parse("").is_err());
        assert!(Phrase::parse("a||b").is_err());
        assert!(Phrase::parse("a .. b .. c").is_err());
        assert!(Phrase::parse("x? y?").is_ok());
        // An all-optional phrase never matches the empty string.
        assert_eq!(Phrase::parse("x?").unwrap().head(), [vec!["x"]]);
        let big = "a|b|c|d|e|f|g|h ".repeat(5);
        assert!(Phrase::parse(&big).unwrap_err().contains("more than"));
    }
}
