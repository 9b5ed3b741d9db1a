//! What the parser knows: the gazetteer of states, institutions,
//! organisations and public figures, the titles that introduce people, and
//! the cue lists for reporting verbs, stances, events and modifiers, and the
//! classes of single words the parser reads by class ("officials" is a group
//! noun, "readout" a document).
//!
//! The built-in lexicon is kept as editable tab-separated files under
//! `data/` in the crate's source, embedded with `include_str!`; each file's
//! header documents its columns. Users extend it at run time, from text in
//! the same format ([`Lexicon::extend`]), from a file
//! ([`Lexicon::extend_from_file`]), or entry by entry
//! ([`Lexicon::add_country`], [`Lexicon::add_person`], ...).
//!
//! # Examples
//!
//! ```
//! use demarche::lexicon::{Lexicon, Table};
//!
//! let mut lexicon = Lexicon::builtin();
//! // A person the built-in gazetteer does not know, in the people table's format:
//! // name, aliases, code, title, start year, end year.
//! lexicon.extend(Table::People, "Jane Roe\tRoe\tCAN\tforeign minister\t2031\t-\n").unwrap();
//! assert!(lexicon.people().iter().any(|p| p.name == "Jane Roe"));
//! // A broken line is refused with its line number.
//! let err = lexicon.extend(Table::People, "just one column\n").unwrap_err();
//! assert_eq!(err.line(), Some(1));
//! ```

mod entries;
mod phrase;
mod table;
pub(crate) use table::tab_fields;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

pub use entries::{
    Body, BodyKind, Country, EventTrigger, Honorific, Institution, Modifier, ModifierClass,
    OrgKind, Organization, Person, ReportingClass, ReportingVerb, StanceCue, TargetSlot, Title,
    TitleRank, TriggerFrame, Word, WordClass,
};
pub use phrase::Phrase;
pub(crate) use phrase::Slot;

/// The version of the built-in lexicon. It changes whenever a file under
/// `data/` changes in a way that changes results.
pub const BUILTIN_VERSION: &str = "2026.12.07";

/// One of the lexicon's tables, each with its own file under `data/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Table {
    /// `countries.tsv`: states with their codes, names, demonyms and capitals.
    Countries,
    /// `institutions.tsv`: named institutions ("Kremlin", "State Department").
    Institutions,
    /// `bodies.tsv`: kinds of government bodies ("foreign ministry").
    Bodies,
    /// `organizations.tsv`: international organisations, armed groups, media.
    Organizations,
    /// `titles.tsv`: titles that introduce people ("spokesperson").
    Titles,
    /// `honorifics.tsv`: words before names ("Mr.", "Gen.").
    Honorifics,
    /// `people.tsv`: public figures with dated roles.
    People,
    /// `stances.tsv`: stance cues.
    Stances,
    /// `reporting.tsv`: reporting verbs.
    Reporting,
    /// `events.tsv`: event triggers.
    Events,
    /// `modifiers.tsv`: intensity, hedge and intent words.
    Modifiers,
    /// `words.tsv`: single words the parser reads by their class ("officials", "treaty").
    Words,
}

impl Table {
    /// Every table, in a fixed order.
    pub const ALL: [Table; 12] = [
        Table::Countries,
        Table::Institutions,
        Table::Bodies,
        Table::Organizations,
        Table::Titles,
        Table::Honorifics,
        Table::People,
        Table::Stances,
        Table::Reporting,
        Table::Events,
        Table::Modifiers,
        Table::Words,
    ];

    /// The table's name, which is also its file's stem: `"countries"`.
    pub fn name(&self) -> &'static str {
        match self {
            Table::Countries => "countries",
            Table::Institutions => "institutions",
            Table::Bodies => "bodies",
            Table::Organizations => "organizations",
            Table::Titles => "titles",
            Table::Honorifics => "honorifics",
            Table::People => "people",
            Table::Stances => "stances",
            Table::Reporting => "reporting",
            Table::Events => "events",
            Table::Modifiers => "modifiers",
            Table::Words => "words",
        }
    }

    /// The number of tab-separated columns a row has, at most (see
    /// [`Table::required_columns`]).
    pub fn columns(&self) -> usize {
        match self {
            Table::Countries | Table::Institutions | Table::Organizations | Table::Stances => 5,
            Table::Titles => 4,
            Table::Bodies | Table::Events => 3,
            Table::Honorifics | Table::Reporting | Table::Modifiers | Table::Words => 2,
            Table::People => 6,
        }
    }

    /// The number of columns a row has at least: the last columns of a
    /// table may be optional (`titles.tsv`'s fourth).
    pub fn required_columns(&self) -> usize {
        match self {
            Table::Titles => 3,
            _ => self.columns(),
        }
    }

    fn builtin(&self) -> &'static str {
        match self {
            Table::Countries => include_str!("../../data/countries.tsv"),
            Table::Institutions => include_str!("../../data/institutions.tsv"),
            Table::Bodies => include_str!("../../data/bodies.tsv"),
            Table::Organizations => include_str!("../../data/organizations.tsv"),
            Table::Titles => include_str!("../../data/titles.tsv"),
            Table::Honorifics => include_str!("../../data/honorifics.tsv"),
            Table::People => include_str!("../../data/people.tsv"),
            Table::Stances => include_str!("../../data/stances.tsv"),
            Table::Reporting => include_str!("../../data/reporting.tsv"),
            Table::Events => include_str!("../../data/events.tsv"),
            Table::Modifiers => include_str!("../../data/modifiers.tsv"),
            Table::Words => include_str!("../../data/words.tsv"),
        }
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for Table {
    type Err = LexiconError;
    fn from_str(s: &str) -> Result<Table, LexiconError> {
        let s = s.trim().to_ascii_lowercase();
        Table::ALL
            .into_iter()
            .find(|t| t.name() == s || (s == "organisations" && *t == Table::Organizations))
            .ok_or_else(|| LexiconError::new(None, None, format!("unknown lexicon table {s:?}")))
    }
}

/// Why lexicon data was refused: the table, the line (from 1) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexiconError {
    table: Option<Table>,
    line: Option<usize>,
    message: String,
}

impl LexiconError {
    pub(crate) fn new(
        table: Option<Table>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> LexiconError {
        LexiconError {
            table,
            line,
            message: message.into(),
        }
    }

    /// The table the problem is in, if known.
    pub fn table(&self) -> Option<Table> {
        self.table
    }

    /// The line of the problem, from 1, if it is on a line.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.table, self.line) {
            (Some(t), Some(l)) => write!(f, "lexicon table {t}, line {l}: {}", self.message),
            (Some(t), None) => write!(f, "lexicon table {t}: {}", self.message),
            (None, Some(l)) => write!(f, "lexicon, line {l}: {}", self.message),
            (None, None) => write!(f, "lexicon: {}", self.message),
        }
    }
}

impl std::error::Error for LexiconError {}

/// The largest lexicon file [`Lexicon::extend_from_file`] reads.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Everything the parser knows, built in and added by users.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    countries: Vec<Country>,
    institutions: Vec<Institution>,
    bodies: Vec<Body>,
    organizations: Vec<Organization>,
    titles: Vec<Title>,
    honorifics: Vec<Honorific>,
    people: Vec<Person>,
    stances: Vec<StanceCue>,
    reporting: Vec<ReportingVerb>,
    events: Vec<EventTrigger>,
    modifiers: Vec<Modifier>,
    words: Vec<Word>,
    additions: usize,
}

impl Lexicon {
    /// An empty lexicon, to build from scratch.
    pub fn empty() -> Lexicon {
        Lexicon::default()
    }

    /// The built-in lexicon, from the files under `data/`.
    pub fn builtin() -> Lexicon {
        let mut lexicon = Lexicon::empty();
        for table in Table::ALL {
            // The built-in files are checked by the crate's tests; a failure
            // here is a bug in the crate, not a problem with any input.
            if let Err(e) = lexicon.extend(table, table.builtin()) {
                unreachable!("the built-in lexicon is invalid: {e}");
            }
        }
        lexicon.additions = 0;
        lexicon
    }

    /// A version string: the built-in version, and how many rows users added.
    pub fn version(&self) -> String {
        if self.additions == 0 {
            BUILTIN_VERSION.to_owned()
        } else {
            format!("{BUILTIN_VERSION}+{}", self.additions)
        }
    }

    /// Adds the rows of `tsv`, in the format of `table`'s file (see the
    /// header of the file under `data/`). Either every row is added or, on
    /// the first bad row, none. Returns the number of rows added.
    pub fn extend(&mut self, table: Table, tsv: &str) -> Result<usize, LexiconError> {
        let rows = table::rows(table, tsv)?;
        let n = rows.len();
        match table {
            Table::Countries => {
                let v = table::parse_all(table, &rows, Country::from_row)?;
                self.countries.extend(v)
            }
            Table::Institutions => {
                let v = table::parse_all(table, &rows, Institution::from_row)?;
                self.institutions.extend(v)
            }
            Table::Bodies => {
                let v = table::parse_all(table, &rows, Body::from_row)?;
                self.bodies.extend(v)
            }
            Table::Organizations => {
                let v = table::parse_all(table, &rows, Organization::from_row)?;
                self.organizations.extend(v)
            }
            Table::Titles => {
                let v = table::parse_all(table, &rows, Title::from_row)?;
                self.titles.extend(v)
            }
            Table::Honorifics => {
                let v = table::parse_all(table, &rows, Honorific::from_row)?;
                self.honorifics.extend(v)
            }
            Table::People => {
                let v = table::parse_all(table, &rows, Person::from_row)?;
                self.people.extend(v)
            }
            Table::Stances => {
                let v = table::parse_all(table, &rows, StanceCue::from_row)?;
                self.stances.extend(v)
            }
            Table::Reporting => {
                let v = table::parse_all(table, &rows, ReportingVerb::from_row)?;
                self.reporting.extend(v)
            }
            Table::Events => {
                let v = table::parse_all(table, &rows, EventTrigger::from_row)?;
                self.events.extend(v)
            }
            Table::Modifiers => {
                let v = table::parse_all(table, &rows, Modifier::from_row)?;
                self.modifiers.extend(v)
            }
            Table::Words => {
                let v = table::parse_all(table, &rows, Word::from_row)?;
                self.words.extend(v)
            }
        }
        self.additions += n;
        Ok(n)
    }

    /// Adds the rows of a file. The table is named by a first line
    /// `#! table: NAME`, or else by the file's stem (`people.tsv`).
    pub fn extend_from_file(&mut self, path: impl AsRef<Path>) -> Result<usize, LexiconError> {
        let path = path.as_ref();
        let io = |e: std::io::Error| {
            LexiconError::new(None, None, format!("cannot read {}: {e}", path.display()))
        };
        let len = std::fs::metadata(path).map_err(io)?.len();
        if len > MAX_FILE_BYTES {
            return Err(LexiconError::new(
                None,
                None,
                format!(
                    "{} is {len} bytes, more than the limit of {MAX_FILE_BYTES}",
                    path.display()
                ),
            ));
        }
        let bytes = std::fs::read(path).map_err(io)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            LexiconError::new(
                None,
                None,
                format!("{} is not UTF-8 (at byte {at})", path.display()),
            )
        })?;
        let first = text.lines().next().unwrap_or("");
        let table = match first.strip_prefix("#!") {
            Some(rest) => {
                let rest = rest.trim();
                let name = rest
                    .strip_prefix("table:")
                    .map(str::trim)
                    .ok_or_else(|| LexiconError::new(None, Some(1), "expected `#! table: NAME`"))?;
                name.parse()?
            }
            None => path
                .file_stem()
                .and_then(|s| s.to_str())
                .ok_or_else(|| {
                    LexiconError::new(None, None, "the file has no name to tell its table")
                })?
                .parse()?,
        };
        self.extend(table, &text)
    }

    /// Adds a state.
    pub fn add_country(&mut self, country: Country) {
        self.countries.push(country);
        self.additions += 1;
    }

    /// Adds a named institution.
    pub fn add_institution(&mut self, institution: Institution) {
        self.institutions.push(institution);
        self.additions += 1;
    }

    /// Adds an organisation.
    pub fn add_organization(&mut self, organization: Organization) {
        self.organizations.push(organization);
        self.additions += 1;
    }

    /// Adds a public figure.
    pub fn add_person(&mut self, person: Person) {
        self.people.push(person);
        self.additions += 1;
    }

    /// Adds a stance cue.
    pub fn add_stance_cue(&mut self, cue: StanceCue) {
        self.stances.push(cue);
        self.additions += 1;
    }

    /// Adds a reporting verb.
    pub fn add_reporting_verb(&mut self, verb: ReportingVerb) {
        self.reporting.push(verb);
        self.additions += 1;
    }

    /// Adds an event trigger.
    pub fn add_event_trigger(&mut self, trigger: EventTrigger) {
        self.events.push(trigger);
        self.additions += 1;
    }

    /// The states.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }
    /// The named institutions.
    pub fn institutions(&self) -> &[Institution] {
        &self.institutions
    }
    /// The kinds of government bodies.
    pub fn bodies(&self) -> &[Body] {
        &self.bodies
    }
    /// The organisations, armed groups and media.
    pub fn organizations(&self) -> &[Organization] {
        &self.organizations
    }
    /// The titles.
    pub fn titles(&self) -> &[Title] {
        &self.titles
    }
    /// The honorifics.
    pub fn honorifics(&self) -> &[Honorific] {
        &self.honorifics
    }
    /// The public figures.
    pub fn people(&self) -> &[Person] {
        &self.people
    }
    /// The stance cues.
    pub fn stance_cues(&self) -> &[StanceCue] {
        &self.stances
    }
    /// The reporting verbs.
    pub fn reporting_verbs(&self) -> &[ReportingVerb] {
        &self.reporting
    }
    /// The event triggers.
    pub fn event_triggers(&self) -> &[EventTrigger] {
        &self.events
    }
    /// The modifiers.
    pub fn modifiers(&self) -> &[Modifier] {
        &self.modifiers
    }
    /// The words read by their class.
    pub fn words(&self) -> &[Word] {
        &self.words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_every_table() {
        let l = Lexicon::builtin();
        assert!(l.countries().len() >= 199);
        assert!(l.organizations().len() > 50);
        assert!(l.institutions().len() > 50);
        assert!(l.stance_cues().len() > 100);
        assert!(l.reporting_verbs().len() > 30);
        assert!(l.event_triggers().len() > 20);
        assert!(!l.titles().is_empty() && !l.bodies().is_empty() && !l.honorifics().is_empty());
        assert!(!l.modifiers().is_empty());
        assert!(!l.words().is_empty());
        assert_eq!(l.version(), BUILTIN_VERSION);
    }

    /// The phrase syntax alternates single words, so "curbs on|restrictions
    /// on" reads as curbs {on, restrictions} {on, tariffs}...: a group that
    /// mixes particles with content words is almost always such a slip.
    #[test]
    fn no_alternation_splits_a_phrase() {
        const PARTICLES: &[&str] = &[
            "on",
            "in",
            "of",
            "to",
            "with",
            "for",
            "at",
            "by",
            "from",
            "down",
            "out",
            "up",
            "off",
            "between",
            "upon",
            "through",
            "over",
            "against",
            "behind",
            "aside",
            "across",
            "into",
            "toward",
            "towards",
            "onto",
            "about",
            "via",
            "regarding",
            "around",
            "within",
            "under",
            "near",
            "beyond",
        ];
        let l = Lexicon::builtin();
        let sources = l
            .stance_cues()
            .iter()
            .map(|x| x.phrase.to_string())
            .chain(l.event_triggers().iter().map(|x| x.phrase.to_string()))
            .chain(l.reporting_verbs().iter().map(|x| x.phrase.to_string()))
            .chain(l.modifiers().iter().map(|x| x.phrase.to_string()));
        for src in sources {
            for word in src.split_whitespace() {
                let alts: Vec<&str> = word.trim_end_matches('?').split('|').collect();
                if alts.len() < 2 {
                    continue;
                }
                let particles = alts.iter().filter(|a| PARTICLES.contains(a)).count();
                assert!(
                    particles == 0 || particles == alts.len(),
                    "{src:?}: the group {word:?} mixes particles with other words"
                );
            }
        }
    }

    #[test]
    fn every_title_names_a_known_body() {
        let l = Lexicon::builtin();
        for t in l.titles() {
            if let Some(b) = &t.body {
                assert!(
                    l.bodies().iter().any(|x| &x.slug == b),
                    "title {:?} names unknown body {b:?}",
                    t.title
                );
            }
        }
    }

    #[test]
    fn extend_is_all_or_nothing() {
        let mut l = Lexicon::empty();
        let err = l
            .extend(Table::Countries, "XAA\tAaland\t-\tAalander\t-\nbad row\n")
            .unwrap_err();
        assert_eq!(err.line(), Some(2));
        assert_eq!(err.table(), Some(Table::Countries));
        assert!(l.countries().is_empty());
        assert!(
            err.to_string()
                .starts_with("lexicon table countries, line 2:"),
            "{err}"
        );
        assert_eq!(
            l.extend(Table::Countries, "# c\nXAA\tAaland\t-\tAalander\t-\n")
                .unwrap(),
            1
        );
        assert_eq!(l.version(), format!("{BUILTIN_VERSION}+1"));
    }

    #[test]
    fn event_triggers_refuse_gaps() {
        let mut l = Lexicon::empty();
        let err = l
            .extend(Table::Events, "other\twithdraw~ .. accreditation\tverb\n")
            .unwrap_err();
        assert!(err.to_string().contains("gap"), "{err}");
        assert!(l.event_triggers().is_empty());
    }

    #[test]
    fn words_are_single_words_of_a_known_class() {
        let mut l = Lexicon::empty();
        assert_eq!(
            l.extend(Table::Words, "group\tpeacekeepers|deploy~\n")
                .unwrap(),
            1
        );
        let forms: Vec<&str> = l.words()[0].forms().collect();
        assert_eq!(
            forms,
            ["peacekeepers", "deploy", "deploys", "deployed", "deploying"]
        );
        let err = l
            .extend(Table::Words, "group\tpeace keepers\n")
            .unwrap_err();
        assert!(err.message().contains("expected one word"), "{err}");
        let err = l.extend(Table::Words, "planets\tmars\n").unwrap_err();
        assert!(err.message().contains("unknown WordClass"), "{err}");
    }

    #[test]
    fn tables_parse_by_name() {
        assert_eq!("People".parse::<Table>().unwrap(), Table::People);
        assert_eq!(
            "organisations".parse::<Table>().unwrap(),
            Table::Organizations
        );
        assert!("nonsense".parse::<Table>().is_err());
    }
}
