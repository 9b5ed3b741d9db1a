//! Word classes: what each token is as a word, worked out once per token.
//!
//! Two kinds of class share one set of flags ([`Flags`]):
//!
//! - closed classes of English (months, days of the week, forms of "be",
//!   determiners, ...), fixed here in [`CLOSED`];
//! - open classes (group nouns, documents, geographic words, ...), read from
//!   the lexicon's `words.tsv` ([`WordClass`]), which users extend.
//!
//! The parser asks whether a token is in a class
//! ([`Doc::has`](super::doc::Doc::has)) instead of comparing its text with
//! lists of words.

use rustc_hash::FxHashMap;

use super::token;
use crate::lexicon::{Lexicon, WordClass};

/// The classes of a word: closed classes in the low 64 bits, one bit for
/// each [`WordClass`] in the high 64.
pub(crate) type Flags = u128;

/// The flag of an open class.
pub(crate) const fn open(class: WordClass) -> Flags {
    1 << (64 + class as u32)
}

/// Month names and their abbreviations.
pub(crate) const MONTH: Flags = 1 << 0;
/// The days of the week.
pub(crate) const WEEKDAY: Flags = 1 << 1;

/// The closed classes: each flag with its words, separated by spaces.
const CLOSED: &[(Flags, &str)] = &[(
    MONTH,
    "january february march april may june july august september october november \
         december jan. feb. mar. apr. aug. sep. sept. oct. nov. dec.",
)];

/// Every word's classes, closed and open, compiled from a lexicon.
#[derive(Debug, Default)]
pub(crate) struct WordClasses {
    map: FxHashMap<Box<str>, Flags>,
}

impl WordClasses {
    pub fn new(lexicon: &Lexicon) -> WordClasses {
        let mut map: FxHashMap<Box<str>, Flags> = Default::default();
        for (flag, words) in CLOSED {
            for w in words.split_whitespace() {
                *map.entry(w.into()).or_default() |= flag;
            }
        }
        for w in super::matcher::DAYS {
            *map.entry(w.into()).or_default() |= WEEKDAY;
        }
        for entry in lexicon.words() {
            for form in entry.forms() {
                // Compared with a token's normalized form; a word the
                // tokenizer splits is kept as written, and never matches.
                let key = if form
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                {
                    form.to_owned()
                } else {
                    let t = token::tokenize(form);
                    if t.len() == 1 {
                        t.norm(0).to_owned()
                    } else {
                        form.to_lowercase()
                    }
                };
                *map.entry(key.into()).or_default() |= open(entry.class);
            }
        }
        WordClasses { map }
    }

    /// The classes of a normalized word.
    pub fn of(&self, norm: &str) -> Flags {
        self.map.get(norm).copied().unwrap_or(0)
    }

    /// The classes of each token.
    pub fn of_tokens(&self, t: &token::Tokens) -> Vec<Flags> {
        (0..t.len()).map(|i| self.of(t.norm(i))).collect()
    }
}
