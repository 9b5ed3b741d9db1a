//! Text to model: English news text in, an [`Analysis`] out, with the span
//! and cue behind every statement, stance and event.
//!
//! # Stages
//!
//! `run` takes one document through these stages, in this order. The text
//! facts of the first stage are shared, read only, by all the others; the
//! entities (the registry of actors and their mentions) belong to actor
//! recognition; the discourse state (`discourse.rs`: the last
//! person, thing, speaker, ...) is passed explicitly to the stages that
//! read and update it. Each stage is a value of its own (`ActorPass`,
//! `DatePass`, ...) over the document; only `doc.rs` extends `Doc`.
//!
//! 1. **Text facts** (`doc.rs`, `Doc::new`): the text in; out, tokens with
//!    their normalized forms (`token.rs`), every lexicon match from one pass
//!    of the compiled word trie (`matcher.rs`), each token's word classes
//!    (`words.rs`: closed classes, and `words.tsv`), and the segments
//!    (`segment.rs`: paragraphs, sentences, headlines, quotations, the
//!    dateline, transcript turns). Over-long sentences are cut, and unclosed
//!    quotations and the text's form noted as diagnostics.
//! 2. **States** (`actors.rs`, `ActorPass::count_states`): the text facts in;
//!    out, the state the dateline names and the state named most.
//! 3. **Dates** (`dates.rs`, `DatePass`): tokens in; out, the date mentions,
//!    resolved against the reference date.
//! 4. **Sentences, in text order**, each through:
//!    - the transcript turn it is in (`turns.rs`): who answers, in the
//!      discourse state;
//!    - **actor recognition** (`actors.rs`, `ActorPass::recognize`): tokens
//!      and hits in; out, mentions and the actors they name, in the registry
//!      (`registry.rs`); updates the discourse state;
//!    - **attribution** (`attribution.rs`, `AttributionPass::attribute`), for
//!      body sentences: mentions and dates in; out, frames (who says what,
//!      relayed by whom); updates the discourse state; answers in a
//!      transcript are then given to the one answering (`turns.rs`).
//! 5. **Headlines**: their names resolved against the body
//!    (`ActorPass::resolve_headline_names`), then attributed.
//! 6. **Events** (`events.rs`, `EventPass`): mentions and dates in; out,
//!    events with their initiators, targets and dates.
//! 7. **Statement assembly** (`assemble.rs`, `assemble::drafts`): frames in;
//!    out, drafts of statements, one per speaker and sentence, quotations
//!    over several sentences kept together.
//! 8. **Stances** (`stances.rs`, `StancePass`), per draft: the draft's
//!    regions, speaker and joined subjects in; out, the stances found, with
//!    negation, modality, intensity and explicit targets; then completed in
//!    `assemble.rs` (a side for the speaker, passive subjects and addressees
//!    as targets, reports of attacks as accusations).
//!    - **the statistical stage** (`classify.rs`), right after the rules:
//!      the draft's regions, speaker and the rules' stances in; out, the
//!      statement's features and the kinds the [`StanceModel`] adds where
//!      the rules found none and the lexicon has no cue of that kind.
//! 9. **Context** (`context.rs`, `ContextPass`): events and stances in; out,
//!    the targets the text leaves implicit and the authors of attacks.
//! 10. **Output** (`build`, `assemble::statement`): drafts, events and the
//!     registry in; out, the [`Analysis`] and diagnostics.
//!
//! # Examples
//!
//! ```
//! use demarche::{Parser, StanceKind};
//!
//! let parser = Parser::new();
//! let text = "Kremlin spokesperson Dmitry Peskov said Russia would never refuse talks with Ukraine.";
//! let parsed = parser.parse(text).unwrap();
//! let analysis = &parsed.analysis;
//! let st = &analysis.statements()[0];
//! assert_eq!(analysis.actor(st.speaker.as_str()).unwrap().name, "Dmitry Peskov");
//! assert_eq!(analysis.side_of(st.speaker.as_str()).unwrap().as_str(), "RUS");
//! let stance = &st.stances[0];
//! assert_eq!(stance.kind, StanceKind::Negotiation);
//! assert_eq!(analysis.side_of(stance.target.as_ref().unwrap().as_str()).unwrap().as_str(), "UKR");
//! ```

mod actors;
mod assemble;
mod attribution;
mod classify;
mod context;
mod dates;
mod discourse;
mod doc;
mod events;
mod matcher;
mod registry;
mod segment;
mod stances;
pub(crate) mod token;
mod trie;
mod turns;
mod words;

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use self::actors::ActorPass;
use self::assemble::Draft;
use self::attribution::AttributionPass;
use self::attribution::Frame;
use self::context::ContextPass;
use self::dates::DatePass;
use self::discourse::Discourse;
use self::doc::Doc;
use self::events::EventPass;
use self::matcher::Matcher;
use self::stances::StancePass;
use crate::Span;
use crate::lexicon::{Lexicon, LexiconError};
use crate::model::{Analysis, Cue, Document, DocumentId, Event, StanceKind};
use crate::stance_model::StanceModel;

/// The default limit on input size: 64 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// The default limit on sentence length, in tokens. Longer runs of text
/// without a sentence end are analyzed in pieces of this size.
pub const DEFAULT_MAX_SENTENCE_TOKENS: usize = 300;

/// Why a text could not be parsed. Odd prose is never an error: the parser
/// returns what it found and notes the oddities as [`Diagnostic`]s.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The input is larger than the parser's limit.
    #[error("the input is {len} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// The input's length.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The input is not UTF-8.
    #[error("the input is not UTF-8: invalid byte at offset {offset}")]
    NotUtf8 {
        /// The offset of the first invalid byte.
        offset: usize,
    },
    /// The lexicon could not be compiled.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
}

/// What kind of note a [`Diagnostic`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// A run of text longer than the sentence limit was analyzed in pieces.
    LongSentence,
    /// A quotation mark was never closed; the quotation ends with its paragraph.
    UnclosedQuote,
    /// A reporting verb whose speaker could not be found.
    NoSpeaker,
    /// The form of the text, recognised from the text itself: a transcript
    /// with labelled turns, a dispatch with a dateline, a live blog with
    /// timestamped entries. The span is the part that shows it.
    Form,
}

/// A note about something odd in the input, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// What kind of note it is.
    pub kind: DiagnosticKind,
    /// Where in the document.
    pub span: Span,
    /// A readable explanation.
    pub message: String,
}

/// The result of parsing one document: its analysis and any diagnostics.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    /// The analysis of the document.
    pub analysis: Analysis,
    /// Notes about odd input.
    pub diagnostics: Vec<Diagnostic>,
}

/// A reusable parser: a compiled lexicon and options. Cheap to clone and
/// `Send + Sync`, so one parser can serve many threads.
///
/// # Examples
///
/// ```
/// use demarche::chrono::NaiveDate;
/// use demarche::Parser;
///
/// let parser = Parser::new().max_input_bytes(1 << 20);
/// let date = NaiveDate::from_ymd_opt(2025, 6, 5);
/// let parsed = parser.parse_document("a1", "Russia said on Tuesday it would strike back.", date).unwrap();
/// let st = &parsed.analysis.statements()[0];
/// assert_eq!(st.date, NaiveDate::from_ymd_opt(2025, 6, 3));
/// ```
#[derive(Clone)]
pub struct Parser {
    matcher: Arc<Matcher>,
    model: Option<Arc<StanceModel>>,
    max_input_bytes: usize,
    max_sentence_tokens: usize,
}

/// The features of one statement, as the statistical stance recogniser
/// reads them: what [`Parser::statement_features`] gives, to train a
/// [`StanceModel`] of your own.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StatementFeatures {
    /// Where the statement is.
    pub span: Span,
    /// The features of its reported words.
    pub features: Vec<String>,
    /// The kinds of stance the lexicon's rules found in it.
    pub rule_kinds: Vec<StanceKind>,
}

/// The built-in stance model, shared by every parser that uses it.
fn builtin_model() -> Arc<StanceModel> {
    crate::stance_model::builtin_shared().clone()
}

impl fmt::Debug for Parser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Parser")
            .field("lexicon", &self.matcher.lexicon.version())
            .field("stance_model", &self.model.as_ref().map(|m| m.len()))
            .field("max_input_bytes", &self.max_input_bytes)
            .field("max_sentence_tokens", &self.max_sentence_tokens)
            .finish()
    }
}

impl Default for Parser {
    fn default() -> Parser {
        Parser::new()
    }
}

impl Parser {
    /// A parser with the built-in lexicon, loaded once per process (its
    /// phrases' trie compiled when the crate was built) and shared by
    /// every parser made this way.
    pub fn new() -> Parser {
        static BUILTIN: OnceLock<Arc<Matcher>> = OnceLock::new();
        let matcher = BUILTIN.get_or_init(|| Arc::new(Matcher::builtin())).clone();
        Parser {
            matcher,
            model: Some(builtin_model()),
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_sentence_tokens: DEFAULT_MAX_SENTENCE_TOKENS,
        }
    }

    /// A parser with a lexicon of your own (for example the built-in one
    /// extended with [`Lexicon::extend`]).
    pub fn with_lexicon(lexicon: Lexicon) -> Result<Parser, ParseError> {
        Ok(Parser {
            matcher: Arc::new(Matcher::new(lexicon)?),
            model: Some(builtin_model()),
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_sentence_tokens: DEFAULT_MAX_SENTENCE_TOKENS,
        })
    }

    /// The parser, refusing inputs larger than `bytes`.
    pub fn max_input_bytes(mut self, bytes: usize) -> Parser {
        self.max_input_bytes = bytes;
        self
    }

    /// The parser, analyzing runs of more than `tokens` tokens without a
    /// sentence end in pieces (at least 20).
    pub fn max_sentence_tokens(mut self, tokens: usize) -> Parser {
        self.max_sentence_tokens = tokens.max(20);
        self
    }

    /// The parser, with `model` as its statistical stance recogniser, or
    /// with none (`None`: the lexicon's rules alone). The built-in model
    /// ([`StanceModel::builtin`]) is the default.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::Parser;
    ///
    /// let rules_only = Parser::new().stance_model(None);
    /// let parsed = rules_only.parse("Chile said it would not attend the summit.").unwrap();
    /// assert!(parsed.analysis.statements()[0].stances.iter().all(|s| s.score.is_none()));
    /// ```
    pub fn stance_model(mut self, model: Option<StanceModel>) -> Parser {
        self.model = model.map(Arc::new);
        self
    }

    /// The statistical stance recogniser the parser uses, if any.
    pub fn model(&self) -> Option<&StanceModel> {
        self.model.as_deref()
    }

    /// The features of every statement the parser finds in `text`, as its
    /// stance model reads them, with the kinds the rules found: the input
    /// for training a [`StanceModel`] (the `train` example does).
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::Parser;
    ///
    /// let found = Parser::new()
    ///     .statement_features("Peru said it would never negotiate with Bolivia.", None)
    ///     .unwrap();
    /// assert!(found[0].features.iter().any(|f| f == "w:~negotiate"));
    /// assert!(found[0].features.iter().any(|f| f == "b:with_OTHER"));
    /// ```
    pub fn statement_features(
        &self,
        text: &str,
        date: Option<NaiveDate>,
    ) -> Result<Vec<StatementFeatures>, ParseError> {
        self.check_size(text)?;
        let mut out = Vec::new();
        let run_options = RunOptions {
            max_tokens: self.max_sentence_tokens,
            model: None,
            trace: None,
            features: Some(&mut out),
        };
        run(&self.matcher, "document", text, date, run_options);
        Ok(out)
    }

    fn check_size(&self, text: &str) -> Result<(), ParseError> {
        if text.len() > self.max_input_bytes {
            return Err(ParseError::TooLarge {
                len: text.len(),
                limit: self.max_input_bytes,
            });
        }
        if text.len() > u32::MAX as usize {
            return Err(ParseError::TooLarge {
                len: text.len(),
                limit: u32::MAX as usize,
            });
        }
        Ok(())
    }

    /// The lexicon the parser uses.
    pub fn lexicon(&self) -> &Lexicon {
        &self.matcher.lexicon
    }

    /// Parses a text as a document with id `"document"` and no reference date.
    pub fn parse(&self, text: &str) -> Result<Parsed, ParseError> {
        self.parse_document("document", text, None)
    }

    /// Parses raw bytes, refusing input that is not UTF-8 with the offset of
    /// the first invalid byte.
    pub fn parse_bytes(
        &self,
        id: &str,
        bytes: &[u8],
        date: Option<NaiveDate>,
    ) -> Result<Parsed, ParseError> {
        let text = std::str::from_utf8(bytes).map_err(|e| ParseError::NotUtf8 {
            offset: e.valid_up_to(),
        })?;
        self.parse_document(id, text, date)
    }

    /// Parses a document. `date` is its publication date, the reference
    /// date relative dates ("on Tuesday", "last week") resolve against.
    pub fn parse_document(
        &self,
        id: &str,
        text: &str,
        date: Option<NaiveDate>,
    ) -> Result<Parsed, ParseError> {
        self.check_size(text)?;
        let run_options = RunOptions {
            max_tokens: self.max_sentence_tokens,
            model: self.model.as_deref(),
            trace: None,
            features: None,
        };
        Ok(run(&self.matcher, id, text, date, run_options))
    }

    /// A readable account of how the parser read a text: each sentence's
    /// mentions and attributions, then each statement's stances with their
    /// cues and targets. Meant for people checking or extending the lexicon.
    pub fn explain(&self, text: &str, date: Option<NaiveDate>) -> Result<String, ParseError> {
        self.check_size(text)?;
        let mut out = String::new();
        let run_options = RunOptions {
            max_tokens: self.max_sentence_tokens,
            model: self.model.as_deref(),
            trace: Some(&mut out),
            features: None,
        };
        run(&self.matcher, "document", text, date, run_options);
        Ok(out)
    }
}

/// What a run does besides the analysis.
struct RunOptions<'a> {
    max_tokens: usize,
    /// The statistical stance recogniser, if any.
    model: Option<&'a StanceModel>,
    /// Where to write the account `explain` gives.
    trace: Option<&'a mut String>,
    /// Where to put each statement's features (for training).
    features: Option<&'a mut Vec<StatementFeatures>>,
}

fn run(m: &Matcher, id: &str, text: &str, date: Option<NaiveDate>, o: RunOptions<'_>) -> Parsed {
    let RunOptions {
        max_tokens,
        model,
        mut trace,
        features: mut features_out,
    } = o;
    let mut doc = Doc::new(text, m, date);
    let mut disc = Discourse::default();
    let mut diagnostics = Vec::new();
    split_long_sentences(&mut doc, max_tokens, &mut diagnostics);
    note_unclosed_quotes(&doc, &mut diagnostics);
    note_form(&doc, &mut diagnostics);
    if let Some(t) = trace.as_deref_mut() {
        trace_forms(&diagnostics, t);
    }
    ActorPass::new(&mut doc, &mut disc).count_states();
    let dates = DatePass::new(&doc).find_dates();
    let n = doc.seg.sentences.len();
    let mut frames: Vec<Vec<Frame>> = vec![Vec::new(); n];
    let mut turns = turns::Turns::new(&doc);
    for (s, slot) in frames.iter_mut().enumerate() {
        disc.answerer = turns.enter(&mut doc, &mut disc, s);
        ActorPass::new(&mut doc, &mut disc).recognize(s);
        if !doc.seg.sentences[s].headline {
            *slot = AttributionPass::new(&mut doc, &mut disc).attribute(s, &dates);
            turns.assign(&mut doc, s, slot);
            // Kept until the statements are drafted: no room to spare.
            slot.shrink_to_fit();
        }
    }
    disc.answerer = None;
    ActorPass::new(&mut doc, &mut disc).resolve_headline_names();
    doc.mentions.shrink_to_fit();
    doc.names.shrink_to_fit();
    // Headlines, and titles in sentence case that found no speaker before
    // the story named the holder of their title, are read now.
    for (s, slot) in frames.iter_mut().enumerate() {
        let sentence = &doc.seg.sentences[s];
        if sentence.headline || sentence.title && slot.is_empty() {
            *slot = AttributionPass::new(&mut doc, &mut disc).attribute(s, &dates);
            slot.shrink_to_fit();
        }
    }
    let mut events = EventPass::new(&doc).find_events(&dates);
    // Kept to the end of the document: no room for events to come.
    events.shrink_to_fit();
    if let Some(t) = trace.as_deref_mut() {
        AttributionPass::new(&mut doc, &mut disc).trace_sentences(&frames, t);
    }
    let mut drafts = assemble::drafts(&doc, &frames, &dates);
    // Frames and dates live on in the drafts and events: free them before
    // the stances and the model are built.
    drop(frames);
    drop(dates);
    let (mut feats, mut hashes) = (Vec::new(), Vec::new());
    for d in &mut drafts {
        let sentence = d.span.clone();
        let pass = StancePass::new(&doc, d.extras.co());
        d.found = pass.find_stances(
            &d.regions,
            sentence.clone(),
            d.speaker,
            d.extras.nocomment(),
        );
        // The statistical stage: features of the statement, and the kinds
        // the model adds where the rules found none.
        if model.is_some() || features_out.is_some() {
            let names = features_out.is_some() || trace.is_some();
            classify::features(
                &doc,
                &d.regions,
                d.speaker,
                d.extras.co(),
                &d.found,
                names,
                &mut feats,
            );
            if let Some(out) = features_out.as_deref_mut() {
                out.push(StatementFeatures {
                    span: doc.span(d.span.clone()),
                    features: feats.iter().map(|f| f.name().to_owned()).collect(),
                    rule_kinds: d.found.iter().map(|f| f.kind).collect(),
                });
            }
            if let Some(model) = model {
                if let Some(t) = trace.as_deref_mut() {
                    classify::explain(&doc, model, &feats, d.speaker, t);
                }
                classify::add_stances(
                    &pass,
                    model,
                    &feats,
                    &sentence,
                    d.speaker,
                    &mut d.found,
                    &mut hashes,
                );
            }
        }
        assemble::give_speaker_a_side(&mut doc, d);
        assemble::aim_and_complete(&doc, d, &events);
        // Kept to the end of the document: no room for stances to come.
        d.shrink_to_fit();
    }
    // The features' room is not needed past the statements.
    drop((feats, hashes));
    drafts.retain(|d| !(d.view_only && d.found.is_empty()));
    drafts.shrink_to_fit();
    ContextPass::new(&mut doc).resolve(&mut events, &mut assemble::pending(&mut drafts));
    assemble::untarget_co_holders(&doc, &mut drafts);
    if let Some(t) = trace {
        trace_drafts(&doc, &drafts, t);
    }
    build(doc, id, date, drafts, events, diagnostics)
}

/// Notes each quotation mark that is never closed.
fn note_unclosed_quotes(doc: &Doc<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for q in &doc.seg.quotes {
        if !q.closed {
            diagnostics.push(Diagnostic {
                kind: DiagnosticKind::UnclosedQuote,
                span: doc.span(q.open..q.open + 1),
                message: "a quotation mark is never closed; the quotation ends with its paragraph"
                    .into(),
            });
        }
    }
}

/// Writes the forms the text takes to the trace.
fn trace_forms(diagnostics: &[Diagnostic], t: &mut String) {
    use std::fmt::Write;
    for d in diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::Form)
    {
        let _ = writeln!(t, "form: {}", d.message);
    }
}

/// Writes the statements drafted, their stances and targets, to the trace.
fn trace_drafts(doc: &Doc<'_>, drafts: &[Draft], t: &mut String) {
    use std::fmt::Write;
    for d in drafts {
        let _ = writeln!(
            t,
            "statement by {} [{}] regions {:?}",
            doc.reg.entries[d.speaker].actor.id,
            doc.slice(d.span.clone())
                .chars()
                .take(60)
                .collect::<String>(),
            d.regions
                .iter()
                .map(|r| doc.slice(r.clone()).chars().take(40).collect::<String>())
                .collect::<Vec<_>>()
        );
        if !d.extras.co().is_empty() {
            let co: Vec<&str> = d
                .extras
                .co()
                .iter()
                .map(|&c| doc.reg.entries[c].actor.id.as_str())
                .collect();
            let _ = writeln!(t, "  with {co:?}");
        }
        for f in &d.found {
            let targets: Vec<String> = f
                .targets
                .iter()
                .map(|&a| doc.reg.entries[a].actor.id.to_string())
                .collect();
            let _ = write!(
                t,
                "    {:?} cue {:?} targets {:?} {:?} {:?}",
                f.kind,
                doc.slice(f.cue.clone()),
                targets,
                f.ctx,
                f.modality
            );
            match f.score {
                Some(p) => {
                    let _ = writeln!(t, " model {p:.2}");
                }
                None => t.push('\n'),
            }
        }
    }
}

/// Notes which forms of diplomatic news the text takes, as the parser
/// recognised them (no caller flag is needed).
fn note_form(doc: &Doc<'_>, diagnostics: &mut Vec<Diagnostic>) {
    if let (Some(first), Some(last)) = (doc.seg.turns.first(), doc.seg.turns.last()) {
        diagnostics.push(Diagnostic {
            kind: DiagnosticKind::Form,
            span: doc.span(first.label.start..last.label.end),
            message: format!(
                "a transcript: {} turns opened by a speaker's label (\"{}\" first)",
                doc.seg.turns.len(),
                doc.slice(first.label.clone())
            ),
        });
    }
    if let Some(d) = doc.seg.dateline.clone() {
        diagnostics.push(Diagnostic {
            kind: DiagnosticKind::Form,
            span: doc.span(d.clone()),
            message: format!("a dispatch with a dateline: \"{}\"", doc.slice(d).trim()),
        });
    }
    if doc.seg.stamps >= 2 {
        diagnostics.push(Diagnostic {
            kind: DiagnosticKind::Form,
            span: doc.span(0..doc.t.len()),
            message: format!(
                "a live blog: {} entries opened by a timestamp",
                doc.seg.stamps
            ),
        });
    }
}

/// Splits runs longer than the limit so no pass sees an overlong sentence.
fn split_long_sentences(doc: &mut Doc<'_>, max: usize, diagnostics: &mut Vec<Diagnostic>) {
    let mut out = Vec::with_capacity(doc.seg.sentences.len());
    for s in std::mem::take(&mut doc.seg.sentences) {
        if s.toks.len() <= max {
            out.push(s);
            continue;
        }
        diagnostics.push(Diagnostic {
            kind: DiagnosticKind::LongSentence,
            span: doc.span(s.toks.clone()),
            message: format!(
                "a sentence of {} tokens was analyzed in pieces of {max}",
                s.toks.len()
            ),
        });
        let mut start = s.toks.start;
        while start < s.toks.end {
            let end = (start + max).min(s.toks.end);
            let mut piece = s.clone();
            piece.toks = start..end;
            piece.body_start = s.body_start.clamp(start, end);
            piece.headline = false;
            out.push(piece);
            start = end;
        }
    }
    doc.seg.sentences = out;
}

/// The quote kind of a statement from how much of its content is quoted.
fn build(
    mut doc: Doc<'_>,
    id: &str,
    date: Option<NaiveDate>,
    drafts: Vec<Draft>,
    events: Vec<events::FoundEvent>,
    diagnostics: Vec<Diagnostic>,
) -> Parsed {
    let mut analysis = Analysis::new();
    let mut document = Document::new(id, doc.text.len());
    document.date = date;
    document.title = doc
        .seg
        .sentences
        .first()
        .map(|s| doc.slice(s.body_start..s.toks.end).to_owned())
        .filter(|t| !t.is_empty());
    doc.release_passes();
    // A fresh analysis holds no documents, so this cannot fail.
    let _ = analysis.add_document(document);
    // One id, shared by every statement and event.
    let id = DocumentId::new(id);
    let cue = |r: &Range<usize>| Cue::new(doc.slice(r.clone()), doc.span(r.clone()));
    analysis.reserve_exact(drafts.len(), events.len());
    // Each draft freed as soon as its statement is made, and the room of
    // those made given back as it halves.
    let mut drafts = drafts;
    drafts.reverse();
    while let Some(d) = drafts.pop() {
        analysis.add_statement(assemble::statement(&doc, &id, date, &d));
        if drafts.len() < drafts.capacity() / 2 {
            drafts.shrink_to_fit();
        }
    }
    for e in &events {
        let mut ev = Event::new(&id, e.kind, cue(&e.cue));
        let span = doc.span(e.span.clone());
        ev = ev.with_span(span, span.slice(doc.text).unwrap_or(""));
        ev = ev.with_date(e.when, e.when.day(date));
        ev.initiator = e.initiator.map(|a| doc.reg.id(a));
        ev.target = e.target.map(|a| doc.reg.id(a));
        for &p in &e.participants {
            ev = ev.with_participant(doc.reg.id(p));
        }
        analysis.add_event(ev);
    }
    drop(events);
    for a in doc.reg.into_actors() {
        analysis.add_actor(a);
    }
    Parsed {
        analysis,
        diagnostics,
    }
}
