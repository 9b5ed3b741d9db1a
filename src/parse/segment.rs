//! Segmentation: paragraphs, headlines, datelines, sentences and quotations.

use std::ops::Range;

use super::token::{ALLCAP, CAP, Kind, LINE_START, RankedSet, SPACE_BEFORE, TokenSet, Tokens};
use super::words::{Flags, SEGMENT_FUNCTION, SENTENCE_STARTER, open};
use crate::lexicon::WordClass;

const QUOTE_VERB: Flags = open(WordClass::QuoteVerb);

/// A sentence (or a headline) as a range of tokens.
#[derive(Clone, Debug)]
pub(crate) struct Sentence {
    pub toks: Range<usize>,
    /// The paragraph it belongs to, from 0 (32 bits: a sentence of 40
    /// bytes, not 48).
    pub para: u32,
    /// A headline: a Title Case line without closing punctuation.
    pub headline: bool,
    /// A title in sentence case: a document's first line or a live blog
    /// entry's, short and without closing punctuation ("Moscow will not
    /// leave the seizure unanswered — Zakharova"). Read as a sentence, and
    /// as a headline when that finds no speaker.
    pub title: bool,
    /// The first token after a dateline ("TOKYO - "), or `toks.start`.
    pub body_start: usize,
    /// It begins inside a quotation opened in an earlier sentence.
    pub starts_in_quote: bool,
    /// The transcript turn it belongs to (an index into `Segments::turns`).
    pub turn: Option<u32>,
}

/// What a transcript turn's label says about who speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TurnRole {
    /// "Q:", "QUESTION:", "Journalist:": a question from the floor.
    Question,
    /// "A:", "Answer:": the briefing's spokesperson answers.
    Answer,
    /// "MODERATOR:": neither asks nor answers.
    Moderator,
    /// A name or a title ("Lin Jian:", "MR PIGOTT:", "CCTV:"): the actor
    /// the label names decides.
    Named,
}

/// A turn of a transcript: a paragraph that opens with a speaker's label
/// ("Q:", "MR PIGOTT:", "Lin Jian:") and the unlabelled paragraphs after it.
#[derive(Clone, Debug)]
pub(crate) struct Turn {
    /// The label's tokens, without the colon. They belong to no sentence.
    pub label: Range<usize>,
    pub role: TurnRole,
}

/// A quotation: the tokens of its opening and closing marks. An unclosed
/// quotation closes at the end of its paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Quote {
    pub open: usize,
    /// The closing mark, or the last token of the paragraph when unclosed.
    pub close: usize,
    pub closed: bool,
}

/// The index of a sentence in [`Segments::sentences`], kept apart from the
/// token and actor indexes it sits beside ("the attack in sentence `s` by
/// actor `a`").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct SentenceIdx(pub usize);

#[derive(Debug, Default)]
pub(crate) struct Segments {
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
    /// The tokens inside a quotation (marks included): which one,
    /// [`Segments::quote_of`] finds.
    quoted: TokenSet,
    /// The quotations' opening marks, counted to find a token's quotation.
    opens: RankedSet,
    /// Transcript turns, in text order: found only where at least two
    /// paragraphs open with a speaker's label.
    pub turns: Vec<Turn>,
    /// The dateline ("MOSCOW, July 17 (Reuters) -"), if the story has one.
    pub dateline: Option<Range<usize>>,
    /// Paragraphs that open with a live blog's timestamp.
    pub stamps: usize,
}

impl Segments {
    /// Sentence `s`, if there is one.
    pub fn sentence(&self, s: SentenceIdx) -> Option<&Sentence> {
        self.sentences.get(s.0)
    }

    /// The quotation token `i` is inside (marks included), if any: as the
    /// quotations are in order and do not overlap, the last one opened at
    /// or before `i`.
    #[inline(always)]
    pub fn quote_of(&self, i: usize) -> Option<u32> {
        if !self.quoted.contains(i) {
            return None;
        }
        Some(self.opens.count_below(i + 1) as u32 - 1)
    }

    /// The sentence that holds token `i`, if one does: a binary search, as
    /// the sentences are in order and do not overlap.
    pub fn sentence_holding(&self, i: usize) -> Option<&Sentence> {
        let k = self.sentences.partition_point(|s| s.toks.end <= i);
        self.sentences.get(k).filter(|s| s.toks.contains(&i))
    }
}

fn is_terminal(tokens: &Tokens, i: usize, text: &str) -> bool {
    let t = &tokens.toks[i];
    if t.kind != Kind::Punct {
        return false;
    }
    matches!(
        &text[t.start as usize..t.end as usize],
        "." | "!" | "?" | "…"
    )
}

fn is_closer(t: &super::token::Token, text: &str) -> bool {
    matches!(t.kind, Kind::CloseQuote | Kind::Quote)
        || (t.kind == Kind::Punct
            && matches!(
                &text[t.start as usize..t.end as usize],
                ")" | "]" | "’" | "'"
            ))
}

/// Paragraph ranges: each line is a paragraph, unless it continues a
/// sentence the line before left open (a hard-wrapped paragraph).
fn paragraphs(tokens: &Tokens, text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for i in 1..=tokens.len() {
        let boundary = i == tokens.len() || tokens.toks[i].is(LINE_START);
        if !boundary {
            continue;
        }
        if i < tokens.len() {
            // A wrapped line: the previous line ends without closing
            // punctuation and this one starts in lowercase.
            let prev = &tokens.toks[i - 1];
            let next = &tokens.toks[i];
            let blank_line = text[prev.end as usize..next.start as usize]
                .matches('\n')
                .count()
                > 1;
            let ends_open = !is_terminal(tokens, i - 1, text)
                && !is_closer(prev, text)
                && prev.kind != Kind::Punct;
            let continues = next.kind == Kind::Word && !next.is(CAP);
            if ends_open && continues && !blank_line {
                continue;
            }
        }
        out.push(start..i);
        start = i;
    }
    out
}

/// Whether a paragraph has a title's shape, in any case: short, with two
/// words or more, without closing punctuation. A document's first
/// paragraph of that shape is its title ("Moscow will not leave the
/// seizure unanswered — Zakharova"), and so is a live blog entry's
/// ("14:05 GMT — Guterres \"deeply alarmed\"").
fn is_title_line(tokens: &Tokens, r: &Range<usize>, text: &str) -> bool {
    if r.is_empty() || r.len() > 24 {
        return false;
    }
    let last = r.end - 1;
    if is_terminal(tokens, last, text) {
        return false;
    }
    if is_closer(&tokens.toks[last], text) && last > r.start && is_terminal(tokens, last - 1, text)
    {
        return false;
    }
    if matches!(
        &text[tokens.toks[last].start as usize..tokens.toks[last].end as usize],
        "," | ";" | ":"
    ) {
        return false;
    }
    r.clone()
        .filter(|&i| tokens.toks[i].kind == Kind::Word)
        .count()
        >= 2
}

/// Whether a paragraph reads as a headline: short, Title Case, no closing
/// punctuation.
fn is_headline(
    tokens: &Tokens,
    classes: &impl Fn(usize) -> Flags,
    r: &Range<usize>,
    text: &str,
) -> bool {
    if !is_title_line(tokens, r, text) {
        return false;
    }
    let mut content = 0;
    let mut capitalized = 0;
    for i in r.clone() {
        let t = &tokens.toks[i];
        if t.kind != Kind::Word {
            continue;
        }
        if classes(i) & SEGMENT_FUNCTION != 0 {
            continue;
        }
        content += 1;
        if t.is(CAP) {
            capitalized += 1;
        }
    }
    content >= 2 && capitalized * 10 >= content * 8
}

/// The first token after a dateline at the start of a paragraph: one to
/// four uppercase words (and an optional ", Place, Month Day (Agency)")
/// before a dash: "MOSCOW, July 17 (Reuters) -", "BEIJING, April 15 (Xinhua) --".
fn dateline_end(tokens: &Tokens, r: &Range<usize>, text: &str) -> usize {
    let mut i = r.start;
    let limit = (r.start + 14).min(r.end);
    let mut caps = 0;
    while i < limit && tokens.toks[i].kind == Kind::Word && tokens.toks[i].is(ALLCAP) {
        caps += 1;
        i += 1;
    }
    // "Phnom Penh, October 21 (VNA) –", "Hanoi (VNA) –": a place in title
    // case, then a comma and a date, or the agency.
    let mut titled = false;
    let mut dated = false;
    if caps == 0 {
        while i < limit && tokens.toks[i].kind == Kind::Word && tokens.toks[i].is(CAP) {
            caps += 1;
            i += 1;
        }
        titled = i < limit && tokens.norm(i) == ",";
        // "(VNA) –": an agency in capitals in parentheses.
        if i + 3 < limit
            && tokens.norm(i) == "("
            && tokens.toks[i + 1].is(ALLCAP)
            && tokens.norm(i + 2) == ")"
        {
            titled = true;
            dated = true;
        }
        if !titled {
            return r.start;
        }
    }
    if caps == 0 || caps > 4 {
        return r.start;
    }
    // ", Ukraine (Reuters)", ", Feb 11 (AP)" and the like.
    while i < limit {
        let s = &text[tokens.toks[i].start as usize..tokens.toks[i].end as usize];
        match s {
            "-" | "\u{2013}" | "\u{2014}" | ":" => {
                // A real dateline has spaces around its dash.
                if !tokens.toks[i].is(SPACE_BEFORE) && s == "-" || titled && !dated {
                    return r.start;
                }
                // "--" is one dash.
                let mut j = i + 1;
                while j < r.end && tokens.norm(j) == "-" {
                    j += 1;
                }
                return j;
            }
            "," | "(" | ")" | "." => i += 1,
            _ if tokens.toks[i].is(CAP) => i += 1,
            _ if tokens.toks[i].kind == Kind::Number => {
                dated = true;
                i += 1;
            }
            _ => return r.start,
        }
    }
    r.start
}

/// Whether a paragraph is only a place and a date, the dateline of a
/// transcript or a release ("Islamabad, 12 September 2025", "BEIJING,
/// March 3, 2025"): one to four capitalized words, a comma, then
/// capitalized words and numbers ending in a number.
fn place_date_line(tokens: &Tokens, r: &Range<usize>) -> bool {
    let mut i = r.start;
    while i < r.end
        && i < r.start + 4
        && tokens.toks[i].kind == Kind::Word
        && tokens.toks[i].is(CAP)
    {
        i += 1;
    }
    if i == r.start || i >= r.end || tokens.norm(i) != "," || r.len() > 12 {
        return false;
    }
    let numbers = (i..r.end)
        .filter(|&k| tokens.toks[k].kind == Kind::Number)
        .count();
    let plain = (i..r.end).all(|k| {
        let t = &tokens.toks[k];
        t.kind == Kind::Number
            || t.kind == Kind::Word && t.is(CAP)
            || matches!(tokens.norm(k), "," | ".")
    });
    plain && numbers > 0 && tokens.toks[r.end - 1].kind == Kind::Number
}

/// The first token after a live blog's timestamp at the start of a
/// paragraph ("14:05 GMT —", "10:32 a.m. ET:", "6:48pm -"), or `r.start`.
fn timestamp_end(tokens: &Tokens, r: &Range<usize>, text: &str) -> usize {
    let tok = |i: usize| &text[tokens.toks[i].start as usize..tokens.toks[i].end as usize];
    let mut i = r.start;
    if i >= r.end || tokens.toks[i].kind != Kind::Number {
        return r.start;
    }
    let mut clock = tok(i).contains(':');
    i += 1;
    if !clock
        && i + 1 < r.end
        && tok(i) == ":"
        && tokens.toks[i + 1].kind == Kind::Number
        && !tokens.toks[i + 1].is(SPACE_BEFORE)
    {
        clock = true;
        i += 2;
    }
    if !clock {
        return r.start;
    }
    // "a.m.", "pm", "a . m ." however the tokenizer cut them.
    let mut k = 0;
    while i < r.end
        && k < 4
        && matches!(
            tokens.norm(i),
            "a.m." | "p.m." | "a.m" | "p.m" | "am" | "pm" | "a" | "p" | "m" | "." | "m."
        )
    {
        i += 1;
        k += 1;
    }
    // A time zone: "GMT", "ET", "local time".
    if i < r.end && tokens.toks[i].kind == Kind::Word && tokens.toks[i].is(ALLCAP) {
        i += 1;
    } else if i + 1 < r.end && tokens.norm(i) == "local" && tokens.norm(i + 1) == "time" {
        i += 2;
    }
    if i < r.end && matches!(tokens.norm(i), "-" | ":" | "|") {
        let mut j = i + 1;
        while j < r.end && tokens.norm(j) == "-" {
            j += 1;
        }
        return j;
    }
    // "10:15 More from ...": a clock, then the entry's first word.
    if i < r.end && k == 0 && tokens.toks[i].kind == Kind::Word && tokens.toks[i].is(CAP) {
        return i;
    }
    r.start
}

/// A transcript label at the start of a paragraph: up to seven capitalized
/// words (with "of", "the", commas and punctuation inside) before a colon
/// that text follows ("Q:", "MR PIGOTT:", "Lin Jian:", "PRIME MINISTER
/// TUSK:", "Official Spokesperson, Shri Randhir Jaiswal:").
/// Returns the label's tokens and the colon's index.
fn turn_label(tokens: &Tokens, r: &Range<usize>, text: &str) -> Option<(Range<usize>, usize)> {
    // Up to ten tokens: "Official Spokesperson, Shri Randhir Jaiswal:",
    // "Maha Siddiqui, CNN-News18:".
    let limit = (r.start + 10).min(r.end);
    let mut words = 0;
    for i in r.start..limit {
        let t = &tokens.toks[i];
        let s = &text[t.start as usize..t.end as usize];
        match t.kind {
            Kind::Word if t.is(CAP) => words += 1,
            Kind::Word if words > 0 && matches!(tokens.norm(i), "of" | "the" | "for" | "and") => {}
            Kind::Punct if s == ":" => {
                let next = tokens.toks.get(i + 1)?;
                let ok = words > 0
                    && words <= 7
                    && i + 1 < r.end
                    && next.kind != Kind::Number
                    && next.is(SPACE_BEFORE);
                return ok.then_some((r.start..i, i));
            }
            Kind::Punct if matches!(s, "(" | ")" | "." | "-" | "&") => {}
            Kind::Punct if s == "," && words > 0 => {}
            _ => return None,
        }
    }
    None
}

/// The role a label's words give a turn.
fn label_role(
    tokens: &Tokens,
    classes: &impl Fn(usize) -> Flags,
    label: &Range<usize>,
) -> TurnRole {
    let words: Vec<Flags> = label
        .clone()
        .filter(|&i| tokens.toks[i].kind == Kind::Word)
        .map(classes)
        .collect();
    let is = |w: &Flags, class: WordClass| w & open(class) != 0;
    match words.as_slice() {
        [w] if is(w, WordClass::QuestionLabel) => TurnRole::Question,
        [w] if is(w, WordClass::AnswerLabel) => TurnRole::Answer,
        ws if ws.iter().any(|w| is(w, WordClass::ModeratorLabel)) => TurnRole::Moderator,
        ws if ws.first().is_some_and(|w| is(w, WordClass::QuestionLabel)) => TurnRole::Question,
        // "Official Spokesperson:", "Foreign Ministry Spokesperson:": the
        // briefing's answerer, named in its header.
        [.., w] if is(w, WordClass::AnswerLabel) => TurnRole::Answer,
        _ => TurnRole::Named,
    }
}

/// Finds the quotations of a paragraph and records them.
fn quotes_in(tokens: &Tokens, r: &Range<usize>, text: &str, seg: &mut Segments) {
    let mut open: Option<usize> = None;
    for i in r.clone() {
        let t = &tokens.toks[i];
        let opening = match t.kind {
            Kind::OpenQuote => Some(true),
            Kind::CloseQuote => Some(false),
            Kind::Quote => {
                // A straight quote opens after a space or at the start, and
                // closes otherwise; alternation decides the rest.
                let next_space = tokens
                    .toks
                    .get(i + 1)
                    .is_none_or(|n| n.is(SPACE_BEFORE) || n.start > t.end);
                let prev_space = t.is(SPACE_BEFORE) || i == r.start;
                Some(matches!(
                    (open.is_some(), prev_space, next_space),
                    (false, _, _) | (true, true, false)
                ))
            }
            _ => None,
        };
        let _ = text;
        match (opening, open) {
            (Some(true), None) => open = Some(i),
            (Some(true), Some(o)) => {
                // A second opening mark: close the first as unbalanced there.
                if i > o + 1 {
                    seg.quotes.push(Quote {
                        open: o,
                        close: i - 1,
                        closed: false,
                    });
                }
                open = Some(i);
            }
            (Some(false), Some(o)) => {
                seg.quotes.push(Quote {
                    open: o,
                    close: i,
                    closed: true,
                });
                open = None;
            }
            _ => {}
        }
    }
    if let Some(o) = open
        && o + 1 < r.end
    {
        seg.quotes.push(Quote {
            open: o,
            close: r.end - 1,
            closed: false,
        });
    }
}

/// Splits a text's tokens into sentences and quotations.
/// `classes` gives each token's word classes by its index (none past the
/// end).
pub(crate) fn segment(tokens: &Tokens, classes: &impl Fn(usize) -> Flags, text: &str) -> Segments {
    let mut seg = Segments {
        sentences: Vec::new(),
        quotes: Vec::new(),
        quoted: TokenSet::new(tokens.len()),
        opens: RankedSet::new(tokens.len()),
        turns: Vec::new(),
        dateline: None,
        stamps: 0,
    };
    let paras = paragraphs(tokens, text);
    for r in &paras {
        quotes_in(tokens, r, text, &mut seg);
    }
    // Kept to the end of the document: no room for quotations to come.
    seg.quotes.shrink_to_fit();
    debug_assert!(seg.quotes.windows(2).all(|w| w[0].close < w[1].open));
    for q in &seg.quotes {
        seg.quoted.insert_range(q.open..q.close + 1);
        seg.opens.insert(q.open);
    }
    // Transcript turns: only where two paragraphs or more open with a label.
    let labels: Vec<Option<(Range<usize>, usize)>> =
        paras.iter().map(|r| turn_label(tokens, r, text)).collect();
    let transcript = labels.iter().flatten().count() >= 2;
    // The dateline opens the first paragraph that is no headline.
    let first_body = paras
        .iter()
        .take(4)
        .position(|r| !r.is_empty() && !is_headline(tokens, classes, r, text));
    let first_line = paras.iter().position(|r| !r.is_empty());
    let mut turn: Option<u32> = None;
    for (p, r) in paras.iter().enumerate() {
        if r.is_empty() {
            continue;
        }
        // What leads the paragraph and belongs to no sentence: a live blog's
        // timestamp or a transcript's label.
        let mut r = r.clone();
        let stamp = timestamp_end(tokens, &r, text);
        let stamped = stamp > r.start && stamp < r.end;
        if stamped {
            r.start = stamp;
            seg.stamps += 1;
        }
        if transcript && let Some((label, colon)) = &labels[p] {
            seg.turns.push(Turn {
                label: label.clone(),
                role: label_role(tokens, classes, label),
            });
            turn = Some(seg.turns.len() as u32 - 1);
            r.start = colon + 1;
        }
        let mut body_start = r.start;
        if p < 4 && seg.dateline.is_none() && place_date_line(tokens, &r) {
            seg.dateline = Some(r.clone());
        }
        if Some(p) == first_body && seg.dateline.is_none() {
            body_start = dateline_end(tokens, &r, text);
            if body_start > r.start {
                seg.dateline = Some(r.start..body_start);
            }
        }
        let title = (stamped || Some(p) == first_line && paras.len() > 1)
            && !transcript
            && is_title_line(tokens, &r, text);
        if is_headline(tokens, classes, &r, text) && body_start == r.start {
            seg.sentences.push(Sentence {
                toks: r.clone(),
                para: p as u32,
                headline: true,
                title: false,
                body_start,
                starts_in_quote: false,
                turn: None,
            });
            continue;
        }
        let first_sentence = seg.sentences.len();
        let r = &r;
        let mut start = r.start;
        let mut i = body_start.max(r.start);
        while i < r.end {
            let end = sentence_end_at(tokens, classes, text, r, i);
            if let Some(e) = end {
                push_sentence(&mut seg, start..e, p, body_start, turn);
                start = e;
                i = e;
            } else {
                i += 1;
            }
        }
        if start < r.end {
            push_sentence(&mut seg, start..r.end, p, body_start, turn);
        }
        if title && body_start == r.start {
            for sent in &mut seg.sentences[first_sentence..] {
                sent.title = true;
            }
        }
    }
    seg
}

/// Where a sentence ends if it ends at token `i` of paragraph `r`: after a
/// full stop, question or exclamation mark (with the closing quotation
/// marks that follow) before what can start a sentence, or after an
/// abbreviation's period before a word that starts sentences ("... the U.S.
/// The next day ...").
fn sentence_end_at(
    tokens: &Tokens,
    classes: &impl Fn(usize) -> Flags,
    text: &str,
    r: &Range<usize>,
    i: usize,
) -> Option<usize> {
    let mut end = None;
    if is_terminal(tokens, i, text) {
        let mut j = i + 1;
        while j < r.end && is_closer(&tokens.toks[j], text) && !tokens.toks[j].is(SPACE_BEFORE) {
            j += 1;
        }
        // Closing quotes right after the period belong to this sentence.
        while j < r.end && matches!(tokens.toks[j].kind, Kind::CloseQuote) {
            j += 1;
        }
        if j >= r.end {
            end = Some(r.end);
        } else {
            let n = &tokens.toks[j];
            let starts = n.is(CAP)
                || matches!(n.kind, Kind::OpenQuote | Kind::Quote | Kind::Number)
                || (n.kind == Kind::Punct && !n.is(CAP));
            // "“... the gas there?” Lukashenko told ...": a question or
            // exclamation quoted before its attribution goes on.
            let quoted_question = j > i + 1
                && matches!(tokens.norm(i), "?" | "!")
                && (j..(j + 6).min(r.end))
                    .take_while(|&k| tokens.toks[k].kind == Kind::Word)
                    .any(|k| classes(k) & QUOTE_VERB != 0);
            if starts && n.kind != Kind::Clitic && !quoted_question {
                end = Some(j);
            }
        }
    } else if tokens.toks[i].kind == Kind::Word
        && text[tokens.toks[i].start as usize..tokens.toks[i].end as usize].ends_with('.')
        && i + 1 < r.end
        && tokens.toks[i + 1].is(CAP)
        && classes(i + 1) & SENTENCE_STARTER != 0
        && !matches!(
            tokens.norm(i),
            "mr."
                | "mrs."
                | "ms."
                | "dr."
                | "gen."
                | "st."
                | "sen."
                | "rep."
                | "gov."
                | "lt."
                | "col."
                | "maj."
                | "adm."
                | "capt."
                | "prof."
                | "rev."
                | "sgt."
        )
    {
        // "... the U.S. The next day ...".
        end = Some(i + 1);
    }
    end
}

fn push_sentence(
    seg: &mut Segments,
    toks: Range<usize>,
    para: usize,
    body_start: usize,
    turn: Option<u32>,
) {
    let starts_in_quote = toks.start > 0
        && seg
            .quote_of(toks.start)
            .is_some_and(|q| seg.quotes[q as usize].open < toks.start);
    seg.sentences.push(Sentence {
        body_start: body_start.max(toks.start),
        toks,
        para: para as u32,
        headline: false,
        title: false,
        starts_in_quote,
        turn,
    });
}

#[cfg(test)]
mod tests {
    use super::super::token::tokenize;
    use super::super::words::WordClasses;
    use super::*;

    /// A token's classes by index, from a vector of them.
    fn at(classes: &[Flags]) -> impl Fn(usize) -> Flags + '_ {
        move |i| classes.get(i).copied().unwrap_or(0)
    }

    fn classes(toks: &Tokens) -> Vec<Flags> {
        static C: std::sync::OnceLock<WordClasses> = std::sync::OnceLock::new();
        C.get_or_init(|| WordClasses::new(&crate::lexicon::Lexicon::builtin()))
            .of_tokens(toks)
    }

    #[test]
    fn sentence_holding_is_the_first_sentence_that_holds_the_token() {
        let dirs = ["benches/texts", "tests/it/data/cases"];
        for dir in dirs {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for f in std::fs::read_dir(dir).unwrap() {
                let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
                let toks = tokenize(&text);
                let seg = segment(&toks, &at(&classes(&toks)), &text);
                for i in 0..=toks.len() {
                    let linear = seg.sentences.iter().find(|s| s.toks.contains(&i));
                    let found = seg.sentence_holding(i);
                    assert_eq!(
                        found.map(|s| s.toks.clone()),
                        linear.map(|s| s.toks.clone())
                    );
                }
            }
        }
    }

    fn sentences(text: &str) -> Vec<(String, bool)> {
        let toks = tokenize(text);
        let seg = segment(&toks, &at(&classes(&toks)), text);
        seg.sentences
            .iter()
            .map(|s| {
                let a = toks.toks[s.toks.start].start as usize;
                let b = toks.toks[s.toks.end - 1].end as usize;
                (text[a..b].to_owned(), s.headline)
            })
            .collect()
    }

    #[test]
    fn headlines_and_sentences() {
        let text = "Kremlin Demands International Condemnation of Drone Strikes\nPeskov spoke. Putin said Mr. Lavrov met the U.S. envoy.\n";
        let s = sentences(text);
        assert_eq!(s.len(), 3);
        assert!(s[0].1);
        assert_eq!(s[1].0, "Peskov spoke.");
        assert_eq!(s[2].0, "Putin said Mr. Lavrov met the U.S. envoy.");
    }

    #[test]
    fn a_sentence_inside_a_quote() {
        let text = "“This is not a moment. The world is watching,” Biden said.";
        let toks = tokenize(text);
        let seg = segment(&toks, &at(&classes(&toks)), text);
        assert_eq!(seg.sentences.len(), 2);
        assert!(seg.sentences[1].starts_in_quote);
        assert_eq!(seg.quotes.len(), 1);
        assert!(seg.quotes[0].closed);
    }

    #[test]
    fn straight_quotes_pair_up() {
        let text = "Beijing called it \"selfish\" and \"irresponsible.\" Tokyo said \"no";
        let toks = tokenize(text);
        let seg = segment(&toks, &at(&classes(&toks)), text);
        assert_eq!(seg.quotes.len(), 3);
        assert!(seg.quotes[0].closed && seg.quotes[1].closed && !seg.quotes[2].closed);
    }

    #[test]
    fn datelines_are_skipped() {
        let text = "TOKYO - Japan demanded again on Monday that China lift its ban.";
        let toks = tokenize(text);
        let seg = segment(&toks, &at(&classes(&toks)), text);
        assert_eq!(seg.sentences[0].body_start, 2);
        let text = "UNITED NATIONS - Russia asked.";
        let toks = tokenize(text);
        assert_eq!(
            segment(&toks, &at(&classes(&toks)), text).sentences[0].body_start,
            3
        );
    }

    #[test]
    fn wrapped_lines_join_one_paragraph() {
        let text = "Russia said it was\nwilling to talk.\nUkraine Rejects Offer\n";
        let s = sentences(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].0, "Russia said it was\nwilling to talk.");
        assert!(s[1].1);
    }

    #[test]
    fn users_add_transcript_labels_to_the_words_table() {
        let text = "Interlocutor: Will China hold talks?\n\nWang Wenbin: China is ready.\n\n\
                    Interlocutor: When?\n\nWang Wenbin: Soon.\n";
        let toks = tokenize(text);
        let roles = |classes: &[Flags]| -> Vec<TurnRole> {
            segment(&toks, &at(classes), text)
                .turns
                .iter()
                .map(|t| t.role)
                .collect()
        };
        let builtin = roles(&classes(&toks));
        assert_eq!(builtin[0], TurnRole::Named);
        let mut lexicon = crate::lexicon::Lexicon::builtin();
        lexicon
            .extend(
                crate::lexicon::Table::Words,
                "question-label\tinterlocutor\n",
            )
            .unwrap();
        let extended = roles(&WordClasses::new(&lexicon).of_tokens(&toks));
        assert_eq!(extended[0], TurnRole::Question);
        assert_eq!(extended[1], TurnRole::Named);
    }
}
