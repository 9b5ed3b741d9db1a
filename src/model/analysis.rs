//! The container: one analyzed document, or a whole corpus of them.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io;

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::{Actor, ActorId, CountryCode, Event, Statement, json};
use crate::Span;
use crate::error::{LoadError, MergeError, ValidationError, ValidationErrors};

/// The identifier of a document. In JSON a plain string.
// Shared, not owned: every statement and event of a document names it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentId(std::sync::Arc<str>);

impl DocumentId {
    /// An id from any string.
    pub fn new(id: impl Into<String>) -> DocumentId {
        DocumentId(std::sync::Arc::from(id.into()))
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

super::actor::string_id!(DocumentId);

/// An analyzed document: its id, metadata and length.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The document's id, unique within an [`Analysis`].
    pub id: DocumentId,
    /// Its title or first headline, if known.
    #[serde(default)]
    pub title: Option<String>,
    /// Its publication date: the reference date relative dates resolve against.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Where it came from (a URL, a feed, a file name), if known.
    #[serde(default)]
    pub source: Option<String>,
    /// The length of its text in bytes; every span in it lies within.
    pub len: usize,
}

impl Document {
    /// A document of `len` bytes with no title, date or source.
    pub fn new(id: impl Into<DocumentId>, len: usize) -> Document {
        Document {
            id: id.into(),
            title: None,
            date: None,
            source: None,
            len,
        }
    }

    /// The document, published on `date`.
    pub fn with_date(mut self, date: NaiveDate) -> Document {
        self.date = Some(date);
        self
    }

    /// The document with a title.
    pub fn with_title(mut self, title: impl Into<String>) -> Document {
        self.title = Some(title.into());
        self
    }

    /// The document with a source.
    pub fn with_source(mut self, source: impl Into<String>) -> Document {
        self.source = Some(source.into());
        self
    }
}

/// The analysis of one document or of a whole corpus: documents, actors,
/// statements and events.
///
/// Actors are kept in first-seen order, keyed by id, and shared by all
/// documents; [`Analysis::merge`] folds another analysis in without
/// duplicating them. Its JSON has the shape `shared/eval/CONTRACT.md`
/// describes and round-trips exactly.
///
/// # Examples
///
/// ```
/// use demarche::{Actor, ActorKind, Analysis, CountryCode, Cue, Document, Span, Stance, StanceKind, Statement};
///
/// let text = "Russia will strike back.";
/// let mut analysis = Analysis::new();
/// analysis.add_document(Document::new("doc", text.len())).unwrap();
/// analysis.add_actor(Actor::new("rus", "Russia", ActorKind::State).with_country(CountryCode::new("RUS").unwrap()));
/// analysis.add_actor(Actor::new("ukr", "Ukraine", ActorKind::State).with_country(CountryCode::new("UKR").unwrap()));
/// let cue = Cue::new("strike back", Span::new(12, 23));
/// analysis.add_statement(
///     Statement::new("doc", "rus", Span::new(0, text.len()), text)
///         .with_stance(Stance::new(StanceKind::Retaliation, "rus", cue).with_target("ukr")),
/// );
/// assert!(analysis.validate().is_ok());
/// let json = analysis.to_json();
/// assert_eq!(Analysis::from_json(&json).unwrap(), analysis);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    #[serde(default)]
    documents: Vec<Document>,
    #[serde(default)]
    actors: IndexMap<ActorId, Actor>,
    #[serde(default)]
    statements: Vec<Statement>,
    #[serde(default)]
    events: Vec<Event>,
}

/// How deep an affiliation chain may go before [`Analysis::side_of`] gives up.
const MAX_AFFILIATION_DEPTH: usize = 32;

impl Analysis {
    /// An empty analysis.
    pub fn new() -> Analysis {
        Analysis::default()
    }

    /// Makes room for `statements` more statements and `events` more
    /// events, exactly: the parser knows how many it adds.
    pub(crate) fn reserve_exact(&mut self, statements: usize, events: usize) {
        self.statements.reserve_exact(statements);
        self.events.reserve_exact(events);
    }

    /// The documents, in the order they were added.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The document with this id (a [`DocumentId`], `&DocumentId`, `&str` or
    /// `String`).
    pub fn document(&self, id: impl AsRef<str>) -> Option<&Document> {
        let id = id.as_ref();
        self.documents.iter().find(|d| d.id.as_str() == id)
    }

    /// Mutable access to a document: to set the title, date or source of a
    /// parsed document, for instance.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::Parser;
    ///
    /// let mut parsed = Parser::new().parse_document("a1", "Russia condemned the attack.", None)?;
    /// let doc = parsed.analysis.document_mut("a1").unwrap();
    /// doc.source = Some("https://example.org/news/a1".into());
    /// doc.title = Some("Russia condemns attack".into());
    /// assert_eq!(parsed.analysis.documents()[0].source.as_deref(), Some("https://example.org/news/a1"));
    /// # Ok::<(), demarche::ParseError>(())
    /// ```
    pub fn document_mut(&mut self, id: impl AsRef<str>) -> Option<&mut Document> {
        let id = id.as_ref();
        self.documents.iter_mut().find(|d| d.id.as_str() == id)
    }

    /// The actors, keyed by id, in first-seen order.
    pub fn actors(&self) -> &IndexMap<ActorId, Actor> {
        &self.actors
    }

    /// The actor with this id (an [`ActorId`], `&ActorId`, `&str` or
    /// `String`).
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::Parser;
    ///
    /// let parsed = Parser::new().parse_document("a1", "Kremlin spokesperson Dmitry Peskov said Russia would respond.", None)?;
    /// let analysis = &parsed.analysis;
    /// let statement = &analysis.statements()[0];
    /// // Ids from the model work wherever an id is asked for.
    /// let speaker = analysis.actor(&statement.speaker).unwrap();
    /// assert_eq!(speaker.name, "Dmitry Peskov");
    /// assert_eq!(analysis.side_of(&statement.speaker).unwrap(), "RUS");
    /// assert_eq!(statement.speaker, "p.dmitry-peskov");
    /// # Ok::<(), demarche::ParseError>(())
    /// ```
    pub fn actor(&self, id: impl AsRef<str>) -> Option<&Actor> {
        self.actors.get(id.as_ref())
    }

    /// The statements, in document order.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }

    /// The events, in document order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Whether there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
            && self.actors.is_empty()
            && self.statements.is_empty()
            && self.events.is_empty()
    }

    /// Adds a document. Fails if one with the same id is already there.
    pub fn add_document(&mut self, document: Document) -> Result<(), MergeError> {
        if self.document(document.id.as_str()).is_some() {
            return Err(MergeError::DuplicateDocument(document.id));
        }
        self.documents.push(document);
        Ok(())
    }

    /// Adds an actor, or folds it into the actor already there with the same
    /// id (see [`Actor::absorb`]). Returns the stored actor.
    pub fn add_actor(&mut self, actor: Actor) -> &mut Actor {
        match self.actors.entry(actor.id.clone()) {
            indexmap::map::Entry::Occupied(e) => {
                let stored = e.into_mut();
                stored.absorb(&actor);
                stored
            }
            indexmap::map::Entry::Vacant(e) => e.insert(actor),
        }
    }

    /// Mutable access to an actor.
    pub fn actor_mut(&mut self, id: impl AsRef<str>) -> Option<&mut Actor> {
        self.actors.get_mut(id.as_ref())
    }

    /// Adds a statement.
    pub fn add_statement(&mut self, statement: Statement) {
        self.statements.push(statement);
    }

    /// Adds an event.
    pub fn add_event(&mut self, event: Event) {
        self.events.push(event);
    }

    /// The side an actor belongs to: its own country code, or the first one
    /// found up its affiliation chain. `None` for an unknown actor, an actor
    /// with no side, or a chain that loops.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::{Actor, ActorKind, Analysis, CountryCode};
    ///
    /// let mut a = Analysis::new();
    /// a.add_actor(Actor::new("rus", "Russia", ActorKind::State).with_country(CountryCode::new("RUS").unwrap()));
    /// a.add_actor(Actor::new("rus.kremlin", "Kremlin", ActorKind::Institution).with_affiliation("rus"));
    /// a.add_actor(Actor::new("p.dmitry-peskov", "Dmitry Peskov", ActorKind::Person).with_affiliation("rus.kremlin"));
    /// assert_eq!(a.side_of("p.dmitry-peskov").unwrap(), "RUS");
    /// ```
    pub fn side_of(&self, id: impl AsRef<str>) -> Option<&CountryCode> {
        let mut actor = self.actors.get(id.as_ref())?;
        for _ in 0..MAX_AFFILIATION_DEPTH {
            if let Some(code) = &actor.country {
                return Some(code);
            }
            actor = self.actors.get(actor.affiliation.as_ref()?.as_str())?;
        }
        None
    }

    /// The actor and its affiliations, innermost first, stopping at a loop.
    pub fn affiliation_chain(&self, id: impl AsRef<str>) -> Vec<&Actor> {
        let mut out: Vec<&Actor> = Vec::new();
        let mut next = self.actors.get(id.as_ref());
        while let Some(actor) = next {
            if out.len() >= MAX_AFFILIATION_DEPTH || out.iter().any(|a| a.id == actor.id) {
                break;
            }
            out.push(actor);
            next = actor
                .affiliation
                .as_ref()
                .and_then(|p| self.actors.get(p.as_str()));
        }
        out
    }

    /// Folds another analysis into this one: its documents, statements and
    /// events are appended, and its actors are added or folded into the
    /// actors with the same id. Fails, changing nothing, if both hold a
    /// document with the same id.
    pub fn merge(&mut self, other: Analysis) -> Result<(), MergeError> {
        let ids: HashSet<&DocumentId> = self.documents.iter().map(|d| &d.id).collect();
        if let Some(dup) = other.documents.iter().find(|d| ids.contains(&d.id)) {
            return Err(MergeError::DuplicateDocument(dup.id.clone()));
        }
        self.documents.extend(other.documents);
        for (_, actor) in other.actors {
            self.add_actor(actor);
        }
        self.statements.extend(other.statements);
        self.events.extend(other.events);
        Ok(())
    }

    /// Merges many analyses into one, in order.
    pub fn merge_all(analyses: impl IntoIterator<Item = Analysis>) -> Result<Analysis, MergeError> {
        let mut out = Analysis::new();
        for a in analyses {
            out.merge(a)?;
        }
        Ok(out)
    }

    /// Checks that every id refers to something present and every span lies
    /// in its document, and reports every problem found.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = Vec::new();
        let docs: HashMap<&str, &Document> =
            self.documents.iter().map(|d| (d.id.as_str(), d)).collect();
        if docs.len() != self.documents.len() {
            let mut seen = HashSet::new();
            for d in &self.documents {
                if !seen.insert(d.id.as_str()) {
                    errors.push(ValidationError::DuplicateDocument { id: d.id.clone() });
                }
            }
        }
        let actor = |errors: &mut Vec<ValidationError>, at: &dyn Fn() -> String, id: &ActorId| {
            if !self.actors.contains_key(id.as_str()) {
                errors.push(ValidationError::UnknownActor {
                    at: at(),
                    id: id.clone(),
                });
            }
        };
        for (key, a) in &self.actors {
            if key != &a.id {
                errors.push(ValidationError::ActorKeyMismatch {
                    key: key.clone(),
                    id: a.id.clone(),
                });
            }
            if let Some(p) = &a.affiliation {
                actor(&mut errors, &|| format!("actors[{key}].affiliation"), p);
            }
            for (j, role) in a.roles.iter().enumerate() {
                if let Some(o) = &role.organization {
                    actor(
                        &mut errors,
                        &|| format!("actors[{key}].roles[{j}].organization"),
                        o,
                    );
                }
            }
            let chain = self.affiliation_chain(key.as_str());
            if let Some(last) = chain.last()
                && let Some(p) = &last.affiliation
                && chain.iter().any(|c| &c.id == p)
            {
                errors.push(ValidationError::AffiliationCycle { id: key.clone() });
            }
        }
        let span = |errors: &mut Vec<ValidationError>,
                    at: &dyn Fn() -> String,
                    doc: Option<&&Document>,
                    span: Span| {
            if let Some(doc) = doc
                && !span.fits(doc.len)
            {
                errors.push(ValidationError::SpanOutOfBounds {
                    at: at(),
                    span,
                    document: doc.id.clone(),
                    len: doc.len,
                });
            }
        };
        for (i, st) in self.statements.iter().enumerate() {
            let doc = docs.get(st.document.as_str());
            if doc.is_none() {
                errors.push(ValidationError::UnknownDocument {
                    at: format!("statements[{i}]"),
                    id: st.document.clone(),
                });
            }
            span(
                &mut errors,
                &|| format!("statements[{i}].span"),
                doc,
                st.span,
            );
            if let Some(cue) = &st.attribution {
                span(
                    &mut errors,
                    &|| format!("statements[{i}].attribution"),
                    doc,
                    cue.span,
                );
            }
            actor(
                &mut errors,
                &|| format!("statements[{i}].speaker"),
                &st.speaker,
            );
            for (j, r) in st.reported_by.iter().enumerate() {
                actor(
                    &mut errors,
                    &|| format!("statements[{i}].reported_by[{j}]"),
                    r,
                );
            }
            for (j, s) in st.stances.iter().enumerate() {
                actor(
                    &mut errors,
                    &|| format!("statements[{i}].stances[{j}].holder"),
                    &s.holder,
                );
                if let Some(t) = &s.target {
                    actor(
                        &mut errors,
                        &|| format!("statements[{i}].stances[{j}].target"),
                        t,
                    );
                }
                span(
                    &mut errors,
                    &|| format!("statements[{i}].stances[{j}].cue"),
                    doc,
                    s.cue.span,
                );
                for (k, l) in s.labels.iter().enumerate() {
                    span(
                        &mut errors,
                        &|| format!("statements[{i}].stances[{j}].labels[{k}]"),
                        doc,
                        l.span,
                    );
                }
            }
        }
        for (i, ev) in self.events.iter().enumerate() {
            let doc = docs.get(ev.document.as_str());
            if doc.is_none() {
                errors.push(ValidationError::UnknownDocument {
                    at: format!("events[{i}]"),
                    id: ev.document.clone(),
                });
            }
            span(&mut errors, &|| format!("events[{i}].span"), doc, ev.span);
            span(
                &mut errors,
                &|| format!("events[{i}].cue"),
                doc,
                ev.cue.span,
            );
            for (what, a) in [("initiator", &ev.initiator), ("target", &ev.target)] {
                if let Some(a) = a {
                    actor(&mut errors, &|| format!("events[{i}].{what}"), a);
                }
            }
            for (j, p) in ev.participants.iter().enumerate() {
                actor(&mut errors, &|| format!("events[{i}].participants[{j}]"), p);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors::new(errors))
        }
    }

    /// The analysis as pretty-printed JSON (two-space indents, as
    /// `serde_json::to_string_pretty` writes it).
    pub fn to_json(&self) -> String {
        // Serializing plain data with string keys cannot fail.
        json::to_string_pretty(self).unwrap_or_default()
    }

    /// The analysis as compact JSON on one line (as `serde_json::to_string`
    /// writes it).
    pub fn to_json_line(&self) -> String {
        json::to_string(self).unwrap_or_default()
    }

    /// Writes the analysis as [`Analysis::to_json`] does, without holding
    /// the whole text: it goes to `writer` in pieces of about 64 KiB, so
    /// give it an unbuffered writer (a file, standard output's lock).
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::Parser;
    ///
    /// let parsed = Parser::new().parse("Russia said it would strike back.").unwrap();
    /// let mut out = Vec::new();
    /// parsed.analysis.write_json(&mut out).unwrap();
    /// assert_eq!(out, parsed.analysis.to_json().into_bytes());
    /// ```
    pub fn write_json<W: io::Write>(&self, writer: W) -> io::Result<()> {
        let mut out = json::Flushing::new(writer);
        json::write(self, &mut out, true).map_err(io::Error::other)?;
        out.finish()
    }

    /// Reads an analysis from JSON and validates it. Errors name the line and
    /// column of broken JSON, or every dangling id and misplaced span.
    pub fn from_json(json: &str) -> Result<Analysis, LoadError> {
        let analysis: Analysis = serde_json::from_str(json).map_err(LoadError::from_json)?;
        analysis.validate().map_err(LoadError::Invalid)?;
        Ok(analysis)
    }
}
