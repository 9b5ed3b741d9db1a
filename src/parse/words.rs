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

/// "the".
pub(crate) const THE: Flags = 1 << 2;

/// The indefinite articles.
pub(crate) const A_AN: Flags = 1 << 3;

/// "his", "her".
pub(crate) const HIS_HER: Flags = 1 << 4;

/// "its", "their".
pub(crate) const ITS_THEIR: Flags = 1 << 5;

/// The possessive clitic: "'s", and "'" after a plural.
pub(crate) const CLITIC_S: Flags = 1 << 6;

/// Finite forms of "be": "is", "are", "was", "were".
pub(crate) const BE_FINITE: Flags = 1 << 7;

/// "be", "been", "being".
pub(crate) const BE_NONFINITE: Flags = 1 << 8;

/// Forms of "have".
pub(crate) const HAVE: Flags = 1 << 9;

/// "and".
pub(crate) const AND: Flags = 1 << 10;

/// The comma.
pub(crate) const COMMA: Flags = 1 << 11;

/// "but".
pub(crate) const BUT: Flags = 1 << 12;

/// "or".
pub(crate) const OR: Flags = 1 << 13;

/// "toward", "towards".
pub(crate) const TOWARD: Flags = 1 << 14;

/// "who", "which".
pub(crate) const WHO_WHICH: Flags = 1 << 15;

/// "he", "she".
pub(crate) const HE_SHE: Flags = 1 << 16;

/// "not", "never".
pub(crate) const NOT_NEVER: Flags = 1 << 17;

/// "no", "nobody", "none", "neither".
pub(crate) const NO_ONE: Flags = 1 << 18;

/// "will", "would", "could", "should", "must".
pub(crate) const WILL_MUST: Flags = 1 << 19;

/// "while", "whereas".
pub(crate) const WHILE_WHEREAS: Flags = 1 << 20;

/// "as".
pub(crate) const AS: Flags = 1 << 21;

/// "then", "former": a title no longer held ("then-President").
pub(crate) const THEN_FORMER: Flags = 1 << 22;

/// "ex" ("ex-President").
pub(crate) const EX: Flags = 1 << 23;

/// "if", "unless".
pub(crate) const IF_UNLESS: Flags = 1 << 24;

/// Prepositions of a time: "in", "since", "until", "by".
pub(crate) const TIME_PREP: Flags = 1 << 25;

/// "early", "late", "mid".
pub(crate) const EARLY_LATE: Flags = 1 << 26;

/// Personal and possessive pronouns.
pub(crate) const PRONOUN: Flags = 1 << 27;

/// Words between a subject and its verb: auxiliaries and adverbs ("has also said").
pub(crate) const AUX: Flags = 1 << 28;

/// Modal verbs and infinitive "to" before a verb.
pub(crate) const MODAL: Flags = 1 << 29;

/// Words after which a reporting word is a noun: determiners ("the calls"), and verbs or
/// prepositions that take one ("resisted calls", "amid calls").
pub(crate) const NOUN_OPENER: Flags = 1 << 30;

/// Words that join one statement to another ("while", "whereas").
pub(crate) const COORDINATOR: Flags = 1 << 31;

/// Negators.
pub(crate) const NEGATOR: Flags = 1 << 32;

/// Words of a verb group a negation reaches through.
pub(crate) const VERB_GROUP: Flags = 1 << 33;

/// "and", "or" and the comma, which join targets.
pub(crate) const CONJUNCTION: Flags = 1 << 34;

/// Words that, after a comma, open something other than one more thing an appeal asks
/// for: a new clause, a relative, a noun phrase.
pub(crate) const NOT_ASKED: Flags = 1 << 35;

/// Subject pronouns, which may stand for the holder.
pub(crate) const SUBJECT_PRONOUN: Flags = 1 << 36;

/// Function words a headline may leave in lowercase.
pub(crate) const SEGMENT_FUNCTION: Flags = 1 << 37;

/// Words that start a sentence after an abbreviation such as "U.S.".
pub(crate) const SENTENCE_STARTER: Flags = 1 << 38;

/// Words before a date that make it a position in time ("on", "since", "last",
/// "its").
pub(crate) const DATE_LEAD: Flags = 1 << 39;

/// Words before a month that make it a month, not a surname ("in May", "since May").
pub(crate) const MONTH_LEAD: Flags = 1 << 40;
/// "with".
pub(crate) const WITH: Flags = 1 << 41;
/// "against".
pub(crate) const AGAINST: Flags = 1 << 42;
/// "on".
pub(crate) const ON: Flags = 1 << 43;
/// The words other than numbers a date may begin with: months and their
/// abbreviations, weekdays, the first words of relative dates ("yesterday",
/// "last week", "earlier this month", "in recent days") and number words
/// ("three days ago"). The date pass tries no other word.
pub(crate) const DATE_START: Flags = 1 << 44;

/// Determiners: "the", "a", "an".
pub(crate) const DET: Flags = THE | A_AN;
/// Possessive determiners of the third person.
pub(crate) const POSS: Flags = HIS_HER | ITS_THEIR;
/// Every form of "be".
pub(crate) const BE: Flags = BE_FINITE | BE_NONFINITE;

/// The closed classes: each flag with its words, separated by spaces.
const CLOSED: &[(Flags, &str)] = &[
    (
        MONTH,
        "january february march april may june july august september october november \
         december jan. feb. mar. apr. aug. sep. sept. oct. nov. dec.",
    ),
    (
        DATE_START,
        "january february march april may june july august september october november \
         december jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. \
         may. jun. jul. aug. sep. sept. oct. nov. dec. monday tuesday wednesday thursday \
         friday saturday sunday yesterday today tonight tomorrow last this next earlier \
         recent recently in a one two three four five six seven eight nine ten",
    ),
    (THE, "the"),
    (WITH, "with"),
    (AGAINST, "against"),
    (ON, "on"),
    (A_AN, "a an"),
    (HIS_HER, "his her"),
    (ITS_THEIR, "its their"),
    (CLITIC_S, "'s '"),
    (BE_FINITE, "is are was were"),
    (BE_NONFINITE, "be been being"),
    (HAVE, "have has had"),
    (AND, "and"),
    (COMMA, ","),
    (BUT, "but"),
    (OR, "or"),
    (TOWARD, "toward towards"),
    (WHO_WHICH, "who which"),
    (HE_SHE, "he she"),
    (NOT_NEVER, "not never"),
    (NO_ONE, "no nobody none neither"),
    (WILL_MUST, "would should must will could"),
    (WHILE_WHEREAS, "while whereas"),
    (AS, "as"),
    (THEN_FORMER, "then former"),
    (EX, "ex"),
    (IF_UNLESS, "if unless"),
    (TIME_PREP, "in since until by"),
    (EARLY_LATE, "early late mid"),
    (
        PRONOUN,
        "he she him her his hers it its they them their we us our i my me",
    ),
    (
        AUX,
        "also later then again repeatedly has had have was were is are will would did \
         does do still already now reportedly publicly openly once just previously \
         earlier further strongly firmly sharply swiftly quickly immediately formally \
         officially jointly separately finally initially itself bluntly flatly outright \
         categorically been on today yesterday tonight not n't never always separately \
         each both too",
    ),
    (
        MODAL,
        "must should would will could may might can to 'll shall",
    ),
    (
        NOUN_OPENER,
        "the a an its their his her this that these those our my any no 's ' such amid \
         despite resisted resist resists ignored ignore ignores heeded heed echoed \
         rejected repeated renewed growing fresh mounting international western",
    ),
    (COORDINATOR, "while whereas but as although though"),
    (NEGATOR, "not n't never no nobody neither nor none"),
    (
        VERB_GROUP,
        "will would could should can may might must do does did is are was were be been \
         has have had to also still yet ever further again once more intend intends \
         plan plans want wants seek seeks need needs any a an the continue resume take \
         takes took taken taking",
    ),
    (CONJUNCTION, "and or ,"),
    (
        NOT_ASKED,
        "and but or while which who whose where when as after before because since \
         although though if unless the a an its their his her it they he she we this \
         that these those said says according",
    ),
    (SUBJECT_PRONOUN, "he she it they we i"),
    (
        SEGMENT_FUNCTION,
        "a an the and or but nor of in on at to for with by from as into over after \
         before about against between despite while under up out off than via amid its \
         his her their is are was be",
    ),
    (
        SENTENCE_STARTER,
        "the a an he she it they we i in but this that these those there his her its \
         their on at after as some no meanwhile however earlier later according",
    ),
    (
        DATE_LEAD,
        "on in since until by last early late mid before after the a this that its \
         their his her of from to through during",
    ),
    (
        MONTH_LEAD,
        "in of since until by early late mid last next this from through to before \
         after during",
    ),
];

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
        for w in super::trie::DAYS {
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

    /// Every word with its classes.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Flags)> {
        self.map.iter().map(|(w, f)| (&**w, *f))
    }

    /// The classes of a normalized word.
    #[cfg(test)]
    pub fn of(&self, norm: &str) -> Flags {
        self.map.get(norm).copied().unwrap_or(0)
    }

    /// The classes of each token.
    #[cfg(test)]
    pub fn of_tokens(&self, t: &token::Tokens) -> Vec<Flags> {
        (0..t.len()).map(|i| self.of(t.norm(i))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_closed_class_is_one_bit_of_its_own() {
        let mut seen: Flags = WEEKDAY;
        for (flag, words) in CLOSED {
            assert_eq!(flag.count_ones(), 1, "{words}");
            assert_eq!(seen & flag, 0, "{words}: bit used twice");
            assert!(*flag < open(WordClass::NotName), "{words}");
            seen |= flag;
        }
    }

    #[test]
    fn tokens_get_closed_and_open_classes() {
        let c = WordClasses::new(&Lexicon::builtin());
        let t = token::tokenize("The officials were not in Kyiv on Monday");
        let f = c.of_tokens(&t);
        assert!(f[0] & DET != 0 && f[0] & open(WordClass::NotName) != 0);
        assert!(f[1] & open(WordClass::Group) != 0);
        assert!(f[2] & BE != 0 && f[3] & NEGATOR != 0 && f[6] & ON != 0);
        assert!(f[7] & WEEKDAY != 0 && f[5] == 0);
    }
}
