//! Text to model: English news text in, an [`Analysis`] out, with the span
//! and cue behind every statement, stance and event.
//!
//! The parser works in passes over one document: tokens and one
//! pass of the compiled lexicon's word trie over them; sentences, headlines and
//! quotations; actor mentions (gazetteer names, bodies of states, people
//! from titles and appositions, references back); attribution (who says
//! what, relayed by whom); stances with negation, conditions and targets;
//! dates; events; and the discourse context that fills targets the text
//! leaves implicit.
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
mod attribution;
mod context;
mod dates;
mod doc;
mod events;
mod matcher;
mod registry;
mod segment;
mod stances;
pub(crate) mod token;
mod turns;
mod words;

use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use self::attribution::{Frame, FrameClass};
use self::context::Pending;
use self::doc::Doc;
use self::matcher::Matcher;
use self::stances::Found;
use crate::Span;
use crate::lexicon::{Lexicon, LexiconError};
use crate::model::{
    Analysis, Cue, Document, Event, QuoteKind, Stance, StanceKind, Statement, When,
};

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
    max_input_bytes: usize,
    max_sentence_tokens: usize,
}

impl fmt::Debug for Parser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Parser")
            .field("lexicon", &self.matcher.lexicon.version())
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
    /// A parser with the built-in lexicon, compiled once per process and
    /// shared by every parser made this way.
    pub fn new() -> Parser {
        static BUILTIN: OnceLock<Arc<Matcher>> = OnceLock::new();
        let matcher = BUILTIN
            .get_or_init(|| match Matcher::new(Lexicon::builtin()) {
                Ok(m) => Arc::new(m),
                Err(e) => unreachable!("the built-in lexicon compiles (tested): {e}"),
            })
            .clone();
        Parser {
            matcher,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_sentence_tokens: DEFAULT_MAX_SENTENCE_TOKENS,
        }
    }

    /// A parser with a lexicon of your own (for example the built-in one
    /// extended with [`Lexicon::extend`]).
    pub fn with_lexicon(lexicon: Lexicon) -> Result<Parser, ParseError> {
        Ok(Parser {
            matcher: Arc::new(Matcher::new(lexicon)?),
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
        Ok(run(
            &self.matcher,
            id,
            text,
            date,
            self.max_sentence_tokens,
            None,
        ))
    }

    /// A readable account of how the parser read a text: each sentence's
    /// mentions and attributions, then each statement's stances with their
    /// cues and targets. Meant for people checking or extending the lexicon.
    pub fn explain(&self, text: &str, date: Option<NaiveDate>) -> Result<String, ParseError> {
        if text.len() > self.max_input_bytes {
            return Err(ParseError::TooLarge {
                len: text.len(),
                limit: self.max_input_bytes,
            });
        }
        let mut out = String::new();
        run(
            &self.matcher,
            "document",
            text,
            date,
            self.max_sentence_tokens,
            Some(&mut out),
        );
        Ok(out)
    }
}

/// A statement being assembled.
struct Draft {
    sentence: usize,
    span: Range<usize>,
    speaker: usize,
    relay: Vec<usize>,
    quote: QuoteKind,
    cue: Option<Range<usize>>,
    when: When,
    regions: Vec<Range<usize>>,
    nocomment: Vec<Range<usize>>,
    headline: bool,
    /// Reported words ("said", "according to"), as opposed to acts and views.
    reports: bool,
    /// Whom the words were addressed to ("told him").
    addressee: Option<usize>,
    /// Subjects joined to the speaker, who hold its stances too.
    co: Vec<usize>,
    /// Passive stance verbs and their subjects: the stance's target.
    passive: Vec<(usize, usize)>,
    /// Only views ("Moscow views ..."): a statement only if it holds a stance.
    view_only: bool,
    found: Vec<Found>,
}

fn run(
    m: &Matcher,
    id: &str,
    text: &str,
    date: Option<NaiveDate>,
    max_tokens: usize,
    mut trace: Option<&mut String>,
) -> Parsed {
    let mut doc = Doc::new(text, m, date);
    let mut diagnostics = Vec::new();
    split_long_sentences(&mut doc, max_tokens, &mut diagnostics);
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
    note_form(&doc, &mut diagnostics);
    if let Some(t) = trace.as_deref_mut() {
        use std::fmt::Write;
        for d in diagnostics
            .iter()
            .filter(|d| d.kind == DiagnosticKind::Form)
        {
            let _ = writeln!(t, "form: {}", d.message);
        }
    }
    doc.count_states();
    let dates = doc.find_dates();
    let n = doc.seg.sentences.len();
    let mut frames: Vec<Vec<Frame>> = vec![Vec::new(); n];
    let mut turns = turns::Turns::new(&doc);
    for (s, slot) in frames.iter_mut().enumerate() {
        doc.answerer = turns.enter(&mut doc, s);
        doc.recognize(s);
        if !doc.seg.sentences[s].headline {
            *slot = doc.attribute(s, &dates);
            turns.assign(&mut doc, s, slot);
        }
    }
    doc.answerer = None;
    doc.resolve_headline_names();
    for (s, slot) in frames.iter_mut().enumerate() {
        if doc.seg.sentences[s].headline {
            *slot = doc.attribute(s, &dates);
        }
    }
    let mut events = doc.find_events(&dates);
    if let Some(t) = trace.as_deref_mut() {
        doc.trace_sentences(&frames, t);
    }
    let mut drafts = drafts(&doc, &frames, &dates);
    for d in &mut drafts {
        let sentence = d.span.clone();
        doc.co_holders = d.co.clone();
        d.found = doc.find_stances(&d.regions, sentence, d.speaker, &d.nocomment);
        doc.co_holders.clear();
        give_speaker_a_side(&mut doc, d);
        // "X was accused by Y": the accusation is aimed at X.
        for &(at, target) in &d.passive {
            if doc.reg.same_side(target, d.speaker) {
                continue;
            }
            for f in d.found.iter_mut().filter(|f| f.cue.start == at) {
                f.targets = vec![target];
            }
        }
        // Words addressed to a person or state of another side are aimed at it
        // when nothing else is named ("told him the calls were regrettable").
        if let Some(a) = d.addressee {
            let e = &doc.reg.entries[a];
            let fits = (e.person || matches!(e.actor.kind, crate::model::ActorKind::State))
                && !doc.reg.same_side(a, d.speaker)
                && doc.reg.code(a).is_some();
            if fits {
                for f in &mut d.found {
                    if f.targets.is_empty()
                        && f.kind != StanceKind::Support
                        && f.ctx != stances::Ctx::Nobody
                    {
                        f.targets.push(a);
                    }
                }
            }
        }
        attack_reports(&doc, d, &events);
    }
    drafts.retain(|d| !(d.view_only && d.found.is_empty()));
    {
        let mut pending: Vec<Pending<'_>> = Vec::new();
        for (statement, d) in drafts.iter_mut().enumerate() {
            let (holder, sentence, headline) = (d.speaker, d.sentence, d.headline);
            for f in &mut d.found {
                pending.push(Pending {
                    found: f,
                    holder,
                    sentence,
                    headline,
                    statement,
                });
            }
        }
        doc.resolve_context(&mut events, &mut pending);
    }
    // The context never aims a stance at a subject joined to its holder.
    for d in &mut drafts {
        if d.co.is_empty() {
            continue;
        }
        for f in &mut d.found {
            f.targets
                .retain(|&t| !d.co.iter().any(|&c| c == t || doc.reg.same_side(c, t)));
        }
    }
    if let Some(t) = trace {
        use std::fmt::Write;
        for d in &drafts {
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
            if !d.co.is_empty() {
                let co: Vec<&str> =
                    d.co.iter()
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
                let _ = writeln!(
                    t,
                    "    {:?} cue {:?} targets {:?} {:?} {:?}",
                    f.kind,
                    doc.slice(f.cue.clone()),
                    targets,
                    f.ctx,
                    f.modality
                );
            }
        }
    }
    build(doc, id, date, drafts, events, diagnostics)
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
fn quote_kind(doc: &Doc<'_>, regions: &[Range<usize>]) -> QuoteKind {
    let (mut quoted, mut plain) = (0, 0);
    for r in regions {
        for i in r.clone() {
            if doc.t.toks[i].kind != token::Kind::Word {
                continue;
            }
            if doc.in_quote(i) {
                quoted += 1;
            } else {
                plain += 1;
            }
        }
    }
    match (quoted, plain) {
        (0, _) => QuoteKind::Indirect,
        (_, 0) => QuoteKind::Direct,
        (q, p) if q > 3 * p => QuoteKind::Direct,
        _ => QuoteKind::Mixed,
    }
}

/// Groups frames into statements, one per speaker and sentence, with
/// quotations over several sentences kept together.
fn drafts(doc: &Doc<'_>, frames: &[Vec<Frame>], dates: &[dates::DateMention]) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::new();
    let sentences = &doc.seg.sentences;
    for (s, fs) in frames.iter().enumerate() {
        let sent = &sentences[s];
        let body = sent.body_start..sent.toks.end;
        if fs.is_empty() {
            // A quotation going on from the previous statement, or a quoted
            // sentence right after one: the same speaker's words.
            let Some(prev) = out.last_mut() else { continue };
            let adjacent = prev.span.end == sent.toks.start
                || prev.span.end >= sent.toks.start.saturating_sub(1);
            let first_quote = doc.seg.quote_of[sent.body_start];
            let continues = sent.starts_in_quote
                && first_quote.is_some_and(|q| doc.seg.quotes[q as usize].open >= prev.span.start);
            let whole_quote = first_quote.is_some_and(|q| {
                let q = doc.seg.quotes[q as usize];
                q.open == sent.body_start
                    && q.closed
                    && q.close < sent.toks.end
                    && q.close + 2 >= sent.toks.end
            });
            if adjacent
                && !prev.headline
                && (continues || whole_quote)
                && sentences[s].para <= sentences[prev.sentence].para + 1
            {
                prev.span.end = sent.toks.end;
                prev.regions.push(body);
            }
            continue;
        }
        let mut speakers: Vec<usize> = Vec::new();
        for f in fs {
            if !speakers.contains(&f.speaker) {
                speakers.push(f.speaker);
            }
        }
        let several = speakers.len() > 1;
        for sp in speakers {
            let own: Vec<&Frame> = fs.iter().filter(|f| f.speaker == sp).collect();

            let mut span = body.clone();
            if several {
                // Several speakers in one sentence ("X said ..., and Y said
                // ..."): each statement covers its own words.
                let lo = own
                    .iter()
                    .map(|f| f.subject.start.min(f.cue.start).min(f.content.start))
                    .min();
                let hi = own
                    .iter()
                    .map(|f| f.content.end.max(f.cue.end).max(f.subject.end))
                    .max();
                if let (Some(lo), Some(hi)) = (lo, hi)
                    && body.start <= lo
                    && lo < hi
                    && hi <= body.end
                {
                    span = lo..hi;
                }
            }
            let mut regions = Vec::new();
            let mut nocomment = Vec::new();
            for f in &own {
                // A quotation opened in an earlier sentence.
                let open = doc.seg.quote_of[f.content.start.min(doc.t.len().saturating_sub(1))]
                    .map(|q| doc.seg.quotes[q as usize])
                    .filter(|q| q.open < sent.toks.start && q.close >= f.content.start);
                if let Some(q) = open {
                    span.start = span.start.min(q.open);
                    regions.push(q.open..f.content.end);
                } else {
                    regions.push(f.content.clone());
                }
                if f.class == FrameClass::NoComment {
                    nocomment.push(f.cue.clone());
                }
            }
            // Drop a statement the earlier sentences' quotation swallowed.
            if span.start < body.start {
                while out
                    .last()
                    .is_some_and(|d| d.span.start >= span.start && d.speaker == sp)
                {
                    out.pop();
                }
                if let Some(prev) = out.last_mut()
                    && prev.span.end > span.start
                {
                    prev.span.end = span.start.max(prev.span.start + 1);
                    prev.regions.retain(|r| r.start < span.start);
                    for r in &mut prev.regions {
                        r.end = r.end.min(span.start);
                    }
                }
            }
            let relay = own
                .iter()
                .find(|f| !f.relay.is_empty())
                .map(|f| f.relay.clone())
                .unwrap_or_default();
            let first = own[0];
            let headline = first.class == FrameClass::Headline;
            let quote = if headline {
                QuoteKind::Headline
            } else {
                quote_kind(doc, &regions)
            };
            // The date the words were said: near the attributing verb.
            let cue = first.cue.clone();
            let near = cue.start.saturating_sub(4).max(body.start)..(cue.end + 8).min(body.end);
            let mut when = dates::dates_in(dates, near)
                .iter()
                .find(|d| d.toks.start <= cue.end + 6 && !doc.in_quote(d.toks.start))
                .map_or(When::Unknown, |d| d.when);
            // "South Korea on Sunday condemned ..., the ministry said": a
            // closing attribution's words carry the date near their start.
            if when.is_unknown() && first.content.end <= cue.start {
                let head = first.content.start..(first.content.start + 10).min(first.content.end);
                if let Some(d) = dates::dates_in(dates, head)
                    .iter()
                    .find(|d| !doc.in_quote(d.toks.start))
                {
                    when = d.when;
                }
            }
            out.push(Draft {
                sentence: s,
                span,
                speaker: sp,
                relay,
                quote,
                cue: (!headline && !cue.is_empty() && first.class != FrameClass::Predicate)
                    .then_some(cue),
                when,
                regions,
                nocomment,
                headline,
                addressee: own.iter().find_map(|f| f.addressee),
                co: if matches!(
                    first.class,
                    FrameClass::Say
                        | FrameClass::Tell
                        | FrameClass::Speech
                        | FrameClass::Headline
                        | FrameClass::Predicate
                        | FrameClass::Think
                ) {
                    doc.conjuncts(first.subject.clone(), sp)
                } else {
                    Vec::new()
                },
                passive: own
                    .iter()
                    .filter_map(|f| f.passive_target.map(|t| (f.cue.start, t)))
                    .collect(),
                reports: own.iter().any(|f| {
                    matches!(
                        f.class,
                        FrameClass::Say
                            | FrameClass::Tell
                            | FrameClass::According
                            | FrameClass::Quote
                    )
                }),
                view_only: own.iter().all(|f| matches!(f.class, FrameClass::Think)),
                found: Vec::new(),
            });
        }
    }
    out
}

/// A speaker the text gives no side, who voices a state's own position
/// ("Al Ansari expressed Qatar's strong condemnation of ..."), speaks for
/// that state.
fn give_speaker_a_side(doc: &mut Doc<'_>, d: &Draft) {
    if doc.reg.code(d.speaker).is_some() || !doc.reg.entries[d.speaker].person {
        return;
    }
    // The possessive may stand before an adjective or two ("Qatar's strong
    // condemnation").
    let state = d.found.iter().find_map(|f| {
        (f.cue.start.saturating_sub(2)..=f.cue.start)
            .rev()
            .take_while(|&k| k == f.cue.start || doc.t.toks[k].kind == token::Kind::Word)
            .find_map(|k| doc.possessor_before(k))
            .filter(|&o| {
                doc.reg.code(o).is_some()
                    && matches!(
                        doc.reg.entries[o].actor.kind,
                        crate::model::ActorKind::State
                    )
            })
    });
    if let Some(s) = state {
        doc.reg.affiliate(d.speaker, s);
    }
}

/// A statement that reports an attack by another side accuses that side:
/// "the military said a China Coast Guard vessel blasted the boat".
fn attack_reports(doc: &Doc<'_>, d: &mut Draft, events: &[events::FoundEvent]) {
    if d.headline || !d.reports {
        return;
    }
    // Events are in text order: only those inside the statement.
    let lo = events.partition_point(|e| e.cue.start < d.span.start);
    let hi = events.partition_point(|e| e.cue.start < d.span.end);
    for e in &events[lo..hi.max(lo)] {
        if e.kind != crate::model::EventKind::Attack || !e.explicit_initiator {
            continue;
        }
        if !d.regions.iter().any(|r| r.contains(&e.cue.start)) {
            continue;
        }
        // "would be hit if Iran struck": hypothetical, not a report.
        let s = e.cue.start;
        let hypothetical = (d.span.start..s).rev().take(12).any(|k| {
            doc.is(
                k,
                &[
                    "if", "unless", "would", "could", "might", "may", "will", "should",
                ],
            )
        }) || (s.saturating_sub(3)..s)
            .any(|k| doc.is(k, &["any", "every", "no"]));
        // "Tehran was not behind the attack": a denial, not a report.
        let denied = d
            .found
            .iter()
            .any(|f| f.kind == StanceKind::Denial && f.cue.end <= s && f.cue.end + 8 >= s);
        if hypothetical || denied {
            continue;
        }
        let Some(i) = e.initiator else { continue };
        if doc.reg.code(i).is_none()
            || doc.reg.same_side(i, d.speaker)
            || doc.reg.code(d.speaker).is_none()
        {
            continue;
        }
        if d.found
            .iter()
            .any(|f| f.kind == StanceKind::Condemnation && f.targets.contains(&i))
        {
            continue;
        }
        let mut targets = vec![i];
        for &c in &e.co_initiators {
            if !doc.reg.same_side(c, d.speaker) && !targets.contains(&c) {
                targets.push(c);
            }
        }
        d.found.push(Found {
            kind: StanceKind::Condemnation,
            cue: e.cue.clone(),
            cameo: "112".into(),
            targets,
            ctx: stances::Ctx::Act,
            condition: None,
            modality: crate::model::Modality::Asserted,
            intensity: crate::model::Intensity::Normal,
            label: false,
            mutual: false,
            parties: None,
        });
    }
}

fn build(
    doc: Doc<'_>,
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
    // A fresh analysis holds no documents, so this cannot fail.
    let _ = analysis.add_document(document);
    let cue = |r: &Range<usize>| Cue::new(doc.slice(r.clone()), doc.span(r.clone()));
    let mut statements = Vec::with_capacity(drafts.len());
    for d in &drafts {
        let span = doc.span(d.span.clone());
        let text = span.slice(doc.text).unwrap_or("").to_owned();
        let mut st = Statement::new(id, doc.reg.id(d.speaker), span, text).with_quote(d.quote);
        for &r in &d.relay {
            st = st.reported_by(doc.reg.id(r));
        }
        if let Some(c) = &d.cue {
            st = st.with_attribution(cue(c));
        }
        let day = d
            .when
            .day(date)
            .or(if d.when.is_unknown() { date } else { None });
        st = st.with_date(d.when, day);
        let holder = doc.reg.id(d.speaker);
        let mut stances: Vec<Stance> = Vec::new();
        for f in &d.found {
            if let Some((a, b)) = f.parties {
                for (h, t) in [(a, b), (b, a)] {
                    let mut s = Stance::new(f.kind, doc.reg.id(h), cue(&f.cue))
                        .with_modality(f.modality)
                        .with_intensity(f.intensity)
                        .with_target(doc.reg.id(t));
                    s.set_cameo(&f.cameo);
                    stances.push(s);
                }
                continue;
            }
            let targets: Vec<Option<usize>> = if f.targets.is_empty() {
                vec![None]
            } else {
                f.targets.iter().map(|&t| Some(t)).collect()
            };
            for t in targets {
                let target = t.map(|t| doc.reg.id(t));
                // One stance per kind and target: merge repeats, keeping the first cue.
                if let Some(existing) = stances
                    .iter_mut()
                    .find(|s| s.kind == f.kind && s.target == target)
                {
                    if f.intensity > existing.intensity {
                        existing.intensity = f.intensity;
                    }
                    if f.label {
                        existing.labels.push(cue(&f.cue));
                    }
                    continue;
                }
                let mut s = Stance::new(f.kind, holder.clone(), cue(&f.cue))
                    .with_modality(f.modality)
                    .with_intensity(f.intensity);
                s.target = target;
                s.set_cameo(&f.cameo);
                if f.label {
                    s.labels.push(cue(&f.cue));
                }
                stances.push(s);
            }
        }
        // An untargeted stance next to a targeted one of the same kind adds nothing.
        let targeted: Vec<StanceKind> = stances
            .iter()
            .filter(|s| s.target.is_some())
            .map(|s| s.kind)
            .collect();
        stances.retain(|s| s.target.is_some() || !targeted.contains(&s.kind));
        // Joined subjects hold the same stances ("Japan and South Korea condemned").
        let mut shared = Vec::new();
        for &c in &d.co {
            let co_holder = doc.reg.id(c);
            // Stances of the two parties ("blamed each other") are theirs already.
            for s in stances.iter().filter(|s| s.holder == holder) {
                let aimed_at_itself = s.target.as_ref().is_some_and(|t| {
                    *t == co_holder
                        || doc
                            .reg
                            .get(t.as_str())
                            .is_some_and(|t| doc.reg.same_side(t, c))
                });
                if !aimed_at_itself {
                    let mut copy = s.clone();
                    copy.holder = co_holder.clone();
                    shared.push(copy);
                }
            }
        }
        stances.extend(shared);
        st.stances = stances;
        statements.push(st);
    }
    let mut out_events = Vec::with_capacity(events.len());
    for e in &events {
        let mut ev = Event::new(id, e.kind, cue(&e.cue));
        let span = doc.span(e.span.clone());
        ev = ev.with_span(span, span.slice(doc.text).unwrap_or(""));
        ev = ev.with_date(e.when, e.when.day(date));
        ev.initiator = e.initiator.map(|a| doc.reg.id(a));
        ev.target = e.target.map(|a| doc.reg.id(a));
        for &p in &e.participants {
            ev = ev.with_participant(doc.reg.id(p));
        }
        out_events.push(ev);
    }
    for a in doc.reg.into_actors() {
        analysis.add_actor(a);
    }
    for st in statements {
        analysis.add_statement(st);
    }
    for ev in out_events {
        analysis.add_event(ev);
    }
    Parsed {
        analysis,
        diagnostics,
    }
}
