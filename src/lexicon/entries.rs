//! The entries of each lexicon table.

use std::str::FromStr;

use super::phrase::Phrase;
use super::table::Row;
use crate::model::{CountryCode, EventKind, StanceKind};

fn code(s: &str) -> Result<CountryCode, String> {
    CountryCode::new(s).map_err(|e| e.to_string())
}

fn year(s: Option<&str>) -> Result<Option<i32>, String> {
    match s {
        None => Ok(None),
        Some(y) => y
            .parse::<i32>()
            .map(Some)
            .map_err(|_| format!("expected a year or -, found {y:?}")),
    }
}

fn slug(s: &str) -> Result<String, String> {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
    {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "expected an id of a-z, 0-9, '-' and '.', found {s:?}"
        ))
    }
}

fn phrase(s: &str) -> Result<Phrase, String> {
    Phrase::parse(s)
}

macro_rules! keyword_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vm])* $variant,)*
        }

        impl $name {
            /// The keyword used in the data files.
            pub fn as_str(&self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<$name, String> {
                match s {
                    $($text => Ok($name::$variant),)*
                    _ => Err(format!(
                        concat!("unknown ", stringify!($name), " {:?}: expected one of {}"),
                        s,
                        [$($text),*].join(", ")
                    )),
                }
            }
        }
    };
}

keyword_enum! {
    /// What a government body or institution does.
    BodyKind {
        /// A presidency or head of state's office ("Kremlin", "White House").
        Presidency = "presidency",
        /// A government or cabinet.
        Government = "government",
        /// A foreign ministry.
        ForeignMinistry = "foreign-ministry",
        /// A defence ministry.
        DefenceMinistry = "defence-ministry",
        /// A parliament.
        Parliament = "parliament",
        /// Armed forces.
        Military = "military",
        /// An intelligence or security service.
        Intelligence = "intelligence",
        /// A court or prosecutor.
        Judiciary = "judiciary",
        /// Another state agency.
        Agency = "agency",
        /// Anything else.
        Other = "other",
    }
}

keyword_enum! {
    /// What sort of organisation an entry is.
    OrgKind {
        /// An international organisation.
        Igo = "igo",
        /// A body of an international organisation.
        IgoBody = "igo-body",
        /// An international court.
        Court = "court",
        /// A non-state armed group.
        ArmedGroup = "armed-group",
        /// A political movement.
        PoliticalGroup = "political-group",
        /// A news organisation.
        Media = "media",
        /// A company.
        Company = "company",
        /// A non-governmental organisation.
        Ngo = "ngo",
        /// Anything else.
        Other = "other",
    }
}

keyword_enum! {
    /// The rank of a title.
    TitleRank {
        /// President, king, supreme leader.
        HeadOfState = "head-of-state",
        /// Prime minister, chancellor.
        HeadOfGovernment = "head-of-government",
        /// A minister or secretary.
        Minister = "minister",
        /// A deputy or vice-minister.
        Deputy = "deputy",
        /// A spokesperson.
        Spokesperson = "spokesperson",
        /// An ambassador, envoy or diplomat.
        Diplomat = "diplomat",
        /// An adviser.
        Adviser = "adviser",
        /// A military rank or command.
        Military = "military",
        /// An official.
        Official = "official",
        /// A member of a legislature.
        Legislator = "legislator",
        /// A royal.
        Royal = "royal",
        /// A religious title.
        Religious = "religious",
        /// The head of an organisation.
        OrgHead = "org-head",
        /// Anything else.
        Other = "other",
    }
}

keyword_enum! {
    /// Where a stance cue's target is, relative to the cue.
    TargetSlot {
        /// The first actor after the cue in its clause.
        Obj = "obj",
        /// The actor the cue is said of, before it.
        Subj = "subj",
        /// A possessor or modifier right before the cue, else an actor after it.
        Near = "near",
        /// None in the text around it: the context decides.
        Ctx = "ctx",
        /// The international body the text is about, named before the cue (a
        /// veto or a vote against is aimed at the Security Council).
        Body = "body",
    }
}

keyword_enum! {
    /// How a reporting verb attributes speech.
    ReportingClass {
        /// SPEAKER said (that) CONTENT.
        Say = "say",
        /// SPEAKER told ADDRESSEE (that) CONTENT.
        Tell = "tell",
        /// RELAY quoted SPEAKER as saying CONTENT.
        Quote = "quote",
        /// According to RELAY, CONTENT.
        According = "according",
        /// SPEAKER called THING LABEL.
        Label = "label",
        /// SPEAKER views THING as ...: a view, a statement only with a stance cue.
        Think = "think",
        /// A statement with no stance ("declined to comment").
        NoComment = "nocomment",
    }
}

keyword_enum! {
    /// How an event trigger's actors are found.
    TriggerFrame {
        /// Initiator before (possessor or modifier), target after on/against/at.
        Noun = "noun",
        /// Initiator the subject, target the object.
        Verb = "verb",
        /// Participants: the subject and the actors after with/between/and.
        With = "with",
        /// Participants: a plural or joined subject.
        Joint = "joint",
    }
}

keyword_enum! {
    /// What a modifier does to a stance.
    ModifierClass {
        /// Strengthens it.
        High = "high",
        /// Softens it.
        Low = "low",
        /// Hedges it.
        Hedge = "hedge",
        /// Marks it as an intention.
        Intent = "intent",
        /// Stops what it governs: talks under it are refused ("halts talks").
        Stop = "stop",
        /// A noun whose modifier or possessor is the victim of an act, not
        /// its author ("Ukrainian territory", "Israeli civilians").
        Victim = "victim",
    }
}

keyword_enum! {
    /// A class of single words the parser reads by their class: `words.tsv`.
    WordClass {
        /// Capitalized words that never begin or continue a person's name.
        NotName = "notname",
        /// Lowercase particles inside names ("al-Houthi", "Lula da Silva").
        Particle = "particle",
        /// Collectives after a demonym or an organisation ("Russian officials").
        Group = "group",
        /// Descriptions that refer back to a body or organisation ("the ministry").
        Definite = "definite",
        /// Bodies in an apposition naming whose they are ("the ministry of ...").
        Apposition = "apposition",
        /// Geographic nouns after a place name ("South China Sea").
        Geo = "geo",
        /// Words before a region's name ("South Asia", "Latin America").
        Region = "region",
        /// Words before a place's name that are part of it ("West Bank", "New Delhi").
        PlacePrefix = "place-prefix",
        /// People of a body ("leaders of the group").
        Members = "members",
        /// People of a place ("residents of Gaza").
        Residents = "residents",
        /// Agreements named after a place ("the Minsk agreements").
        Agreement = "agreement",
        /// Participles after an actor and a hyphen ("Saudi-led").
        Led = "led",
        /// Words of a news outlet's name ("news agency", "state television").
        Media = "media",
        /// Words before a title that say a person no longer holds it ("ousted").
        Deposed = "deposed",
        /// Nouns between a speaker and its verb ("ISNA news agency said").
        Head = "head",
        /// Documents that speak for their issuer ("the readout added").
        Document = "document",
        /// Irregular past tenses, read as verbs after a subject.
        IrregularPast = "irregular-past",
        /// Verbs of an outlet carrying words ("carried by KCNA").
        Carry = "carry",
        /// Unnamed sources after a reporting verb ("said sources").
        Sources = "sources",
        /// Nouns for a claim that a clause spells out ("the claim that").
        Claim = "claim",
        /// Verbs that make an act of their object ("launched strikes").
        Light = "light",
        /// Military drills ("held a drill").
        Drill = "drill",
        /// Verbs that attribute a quotation just closed ("“...?” he asked").
        QuoteVerb = "quote-verb",
        /// Nouns that, after "both" or "the two", stand for the two parties.
        Both = "both",
        /// Verbs of a joint commitment ("agreed to").
        Commit = "commit",
        /// Adjectives of readiness ("ready to talk").
        Ready = "ready",
        /// Nouns for talks ("dialogue").
        Talks = "talks",
        /// Words that end the name of a place or a group, not a person's
        /// ("Golan Heights", "Popular Front").
        NameEnd = "name-end",
        /// Nouns for an unnamed source an outlet quotes ("a JCS official").
        SourceNoun = "source-noun",
        /// Spans of time before "after", "before" or "since" ("days after",
        /// "shortly before").
        TimeSpan = "time-span",
        /// Nouns for the parties after "all" or "any" ("all parties").
        SideNoun = "side-noun",
        /// Words before a call that make it a noun ("a phone call").
        CallMode = "call-mode",
        /// A transcript label, alone or first, for a question ("Q:", "Reporter:").
        QuestionLabel = "question-label",
        /// A transcript label, alone, for the answer ("A:").
        AnswerLabel = "answer-label",
        /// A word of a transcript label for whoever runs the session ("Moderator:").
        ModeratorLabel = "moderator-label",
        /// Head nouns that end the name of an institution the lexicon does
        /// not list ("unification ministry", "Transitional Presidential Council").
        BodyHead = "body-head",
        /// Head nouns that end the name of another organisation the lexicon
        /// does not list ("Islah party", "Popular Mobilisation Front").
        OrgHead = "org-head",
        /// Nouns after which a body's word is an adjective, no actor
        /// ("military intervention", "government spending").
        BodyAdjective = "body-adjective",
        /// Nouns for a person's words or appearances, after a possessive
        /// or before "by" ("Alaksandar Lukashenka's interview", "remarks by
        /// X"): the capitalized words are a person's name.
        Remarks = "remarks",
    }
}

/// A word and its class: `words.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Its class.
    pub class: WordClass,
    /// The word: one word, with alternatives and inflections (`a|b`, `verb~`).
    pub phrase: Phrase,
}

impl Word {
    pub(crate) fn from_row(r: &Row<'_>) -> Result<Word, String> {
        let phrase = phrase(r.col(1))?;
        let one_word =
            phrase.head_slots().len() == 1 && !phrase.has_gap() && !phrase.head_slots()[0].optional;
        if !one_word {
            return Err(format!(
                "expected one word (with alternatives a|b or inflections word~), found {:?}",
                r.col(1)
            ));
        }
        Ok(Word {
            class: r.col(0).parse()?,
            phrase,
        })
    }

    /// The forms of the word, spelled out.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        self.phrase.head_slots()[0].words.iter().map(String::as_str)
    }
}

/// A state: `countries.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Country {
    /// Its ISO 3166-1 alpha-3 code.
    pub code: CountryCode,
    /// Its common short name: "Russia".
    pub name: String,
    /// Other names: "Russian Federation".
    pub aliases: Vec<String>,
    /// Adjectives and plural nouns: "Russian", "Russians".
    pub demonyms: Vec<String>,
    /// Cities used for its government: "Moscow".
    pub capitals: Vec<String>,
}

impl Country {
    pub(crate) fn from_row(r: &Row<'_>) -> Result<Country, String> {
        Ok(Country {
            code: code(r.col(0))?,
            name: r.col(1).to_owned(),
            aliases: r.list(2),
            demonyms: r.list(3),
            capitals: r.list(4),
        })
    }
}

/// A named institution: `institutions.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Institution {
    /// A short id, unique in the table: "kremlin".
    pub id: String,
    /// The state it belongs to.
    pub country: CountryCode,
    /// What it does.
    pub kind: BodyKind,
    /// Its name: "Kremlin".
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
}

impl Institution {
    pub(crate) fn from_row(r: &Row<'_>) -> Result<Institution, String> {
        Ok(Institution {
            id: slug(r.col(0))?,
            country: code(r.col(1))?,
            kind: r.col(2).parse()?,
            name: r.col(3).to_owned(),
            aliases: r.list(4),
        })
    }
}

/// A kind of government body that combines with a state: `bodies.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    /// A short id used in actor ids: "foreign-ministry".
    pub slug: String,
    /// What it does.
    pub kind: BodyKind,
    /// Lowercase phrases naming it: "foreign ministry", "ministry of foreign affairs".
    pub phrases: Vec<String>,
}

impl Body {
    pub(crate) fn from_row(r: &Row<'_>) -> Result<Body, String> {
        Ok(Body {
            slug: slug(r.col(0))?,
            kind: r.col(1).parse()?,
            phrases: r.list(2),
        })
    }
}

/// An organisation, armed group or news organisation: `organizations.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organization {
    /// A short id, unique in the table: "un.security-council".
    pub id: String,
    /// The side it belongs to: its own code ("UN") or a state's ("RUS" for RIA Novosti).
    pub code: CountryCode,
    /// What sort of organisation it is.
    pub kind: OrgKind,
    /// Its name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
}

impl Organization {
    pub(crate) fn from_row(r: &Row<'_>) -> Result<Organization, String> {
        Ok(Organization {
            id: slug(r.col(0))?,
            code: code(r.col(1))?,
            kind: r.col(2).parse()?,
            name: r.col(3).to_owned(),
            aliases: r.list(4),
        })
    }
}

/// A title that introduces a person: `titles.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title {
    /// The title, lowercase: "foreign minister".
    pub title: String,
    /// Its rank.
    pub rank: TitleRank,
    /// The body (a [`Body::slug`]) its holder belongs to, if any.
    pub body: Option<String>,
    /// For the head of an organisation, the organisation the title means
    /// when written alone with none named before ("The Secretary-General
    /// expresses his condolences": the United Nations'), if any.
    pub alone: Option<CountryCode>,
}

impl Title {
    pub(crate) fn from_row(r: &Row<'_>) -> Result<Title, String> {
        Ok(Title {
            title: r.col(0).to_lowercase(),
            rank: r.col(1).parse()?,
            body: r.opt(2).map(str::to_owned),
            alone: r.opt(3).map(code).transpose()?,
        })
    }
}

/// A word before a name that is not a title of office: `honorifics.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Honorific {
    /// The word as written: "Gen.", "Sheikh".
    pub word: String,
    /// What an abbreviation stands for, if it is one.
    pub expansion: Option<String>,
}

impl Honorific {
    pub(crate) fn from_row(r: &Row<'_>) -> Result<Honorific, String> {
        Ok(Honorific {
            word: r.col(0).to_owned(),
            expansion: r.opt(1).map(str::to_owned),
        })
    }
}

/// A public figure's role: `people.tsv`, one row per role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// The full name: "Vladimir Putin".
    pub name: String,
    /// Other names: "Putin".
    pub aliases: Vec<String>,
    /// The side the role belongs to.
    pub code: CountryCode,
    /// The role's title, lowercase.
    pub title: String,
    /// The year the role began, if known.
    pub start: Option<i32>,
    /// The year it ended; `None` if current.
    pub end: Option<i32>,
}

impl Person {
    pub(crate) fn from_row(r: &Row<'_>) -> Result<Person, String> {
        let start = year(r.opt(4))?;
        let end = year(r.opt(5))?;
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            return Err(format!("the role ends ({e}) before it starts ({s})"));
        }
        Ok(Person {
            name: r.col(0).to_owned(),
            aliases: r.list(1),
            code: code(r.col(2))?,
            title: r.col(3).to_lowercase(),
            start,
            end,
        })
    }

    /// Whether the role was held at some time in `year`.
    pub fn held_in(&self, year: i32) -> bool {
        self.start.is_none_or(|s| s <= year) && self.end.is_none_or(|e| e >= year)
    }
}

/// A stance cue: `stances.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StanceCue {
    /// The kind of stance it shows.
    pub kind: StanceKind,
    /// The words.
    pub phrase: Phrase,
    /// The CAMEO code it codes to.
    pub cameo: String,
    /// Where its target is.
    pub target: TargetSlot,
    /// A verb that makes a statement with its subject as speaker.
    pub speech: bool,
    /// A framing label, kept on the stance.
    pub label: bool,
    /// What follows it in the clause is the content of an appeal or denial.
    pub scope: bool,
    /// Counted only inside an attributed statement.
    pub weak: bool,
    /// Counted only with a target named in the text.
    pub explicit: bool,
    /// What the stance becomes when negated: `None` for the default,
    /// `Some(None)` for nothing, `Some(Some(kind))` for another kind.
    pub negated: Option<Option<StanceKind>>,
    /// Not a cue when the next word is one of these (normalized).
    pub unless_next: Vec<String>,
    /// Only a cue when the previous word is one of these (normalized).
    pub only_after: Vec<String>,
}

impl StanceCue {
    /// A cue with no flags.
    pub fn new(
        kind: StanceKind,
        phrase: Phrase,
        cameo: impl Into<String>,
        target: TargetSlot,
    ) -> StanceCue {
        StanceCue {
            kind,
            phrase,
            cameo: cameo.into(),
            target,
            speech: false,
            label: false,
            scope: false,
            weak: false,
            explicit: false,
            negated: None,
            unless_next: Vec::new(),
            only_after: Vec::new(),
        }
    }

    pub(crate) fn from_row(r: &Row<'_>) -> Result<StanceCue, String> {
        let kind: StanceKind = r
            .col(0)
            .parse()
            .map_err(|e: crate::model::UnknownStanceKind| e.to_string())?;
        let cameo = r.col(2);
        if !cameo.bytes().all(|b| b.is_ascii_digit()) || !(2..=4).contains(&cameo.len()) {
            return Err(format!(
                "expected a CAMEO code of 2 to 4 digits, found {cameo:?}"
            ));
        }
        let mut cue = StanceCue::new(kind, phrase(r.col(1))?, cameo, r.col(3).parse()?);
        for flag in r
            .opt(4)
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            match flag.split_once('=') {
                None => match flag {
                    "speech" => cue.speech = true,
                    "label" => cue.label = true,
                    "scope" => cue.scope = true,
                    "weak" => cue.weak = true,
                    "explicit" => cue.explicit = true,
                    _ => return Err(format!("unknown flag {flag:?}")),
                },
                Some(("neg", v)) => {
                    cue.negated = Some(if v == "none" {
                        None
                    } else {
                        Some(
                            v.parse()
                                .map_err(|e: crate::model::UnknownStanceKind| e.to_string())?,
                        )
                    })
                }
                Some(("unless", v)) => {
                    cue.unless_next = v.split('|').map(str::to_lowercase).collect()
                }
                Some(("after", v)) => {
                    cue.only_after = v.split('|').map(str::to_lowercase).collect()
                }
                Some((k, _)) => return Err(format!("unknown flag {k:?}")),
            }
        }
        Ok(cue)
    }
}

/// A reporting verb: `reporting.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportingVerb {
    /// How it attributes speech.
    pub class: ReportingClass,
    /// The words.
    pub phrase: Phrase,
}

impl ReportingVerb {
    pub(crate) fn from_row(r: &Row<'_>) -> Result<ReportingVerb, String> {
        Ok(ReportingVerb {
            class: r.col(0).parse()?,
            phrase: phrase(r.col(1))?,
        })
    }
}

/// An event trigger: `events.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventTrigger {
    /// The kind of event.
    pub kind: EventKind,
    /// The words.
    pub phrase: Phrase,
    /// How its actors are found.
    pub frame: TriggerFrame,
}

impl EventTrigger {
    pub(crate) fn from_row(r: &Row<'_>) -> Result<EventTrigger, String> {
        let p = phrase(r.col(1))?;
        if p.has_gap() {
            return Err(format!(
                "event trigger {:?}: a gap (..) is not supported in event triggers",
                r.col(1)
            ));
        }
        Ok(EventTrigger {
            kind: r
                .col(0)
                .parse()
                .map_err(|e: crate::model::UnknownEventKind| e.to_string())?,
            phrase: p,
            frame: r.col(2).parse()?,
        })
    }
}

/// A modifier: `modifiers.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Modifier {
    /// What it does.
    pub class: ModifierClass,
    /// The words.
    pub phrase: Phrase,
}

impl Modifier {
    pub(crate) fn from_row(r: &Row<'_>) -> Result<Modifier, String> {
        Ok(Modifier {
            class: r.col(0).parse()?,
            phrase: phrase(r.col(1))?,
        })
    }
}
