//! The statistical stage: the words of a statement's reported clause as
//! features for the [`StanceModel`], and the stances it adds where the
//! lexicon's rules found none of a kind.
//!
//! Input: the document's tokens, lexicon hits and actor mentions, one
//! statement's reported regions and speaker, and the stances the rules found
//! in it. Output: those stances plus the model's, each with the words that
//! weighed most as its cue.
//!
//! The features are words and pairs of neighbouring words of the regions,
//! lowercased, with:
//! - an actor mention replaced by `SELF` (the speaker, its side or a
//!   subject joined to it), `OTHER` (another side) or `ACTOR` (no side);
//!   numbers by `NUM`;
//! - words in the reach of a negator ("not", "never", "without", ...)
//!   marked `~`, so that "did not condemn" does not read as "condemn";
//! - words after another side's reporting verb ("Kenya said Somalia
//!   claimed that ...") marked `o:`: they are that side's words;
//! - a lexicon cue in the regions as `lex:KIND`, marked the same way;
//! - each kind the rules found in the statement as `rule:KIND`.

use std::ops::Range;

use super::doc::Doc;
use super::matcher::Payload;
use super::stances::{Found, StancePass};
use super::token::Kind;
use crate::model::{Intensity, Modality, StanceKind};
use crate::stance_model::{KINDS, StanceModel, feature_hash};

/// What a feature is, for the gate and the choice of a cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    /// Words of the clause: evidence a cue can be made of.
    Word,
    /// A lexicon cue of this kind.
    Lex(StanceKind),
    /// A kind the rules found.
    Rule,
}

/// One feature and the tokens behind it, keyed by the hash of its name
/// ("w:~condemn", "b:SELF_would"), which is built only when asked for.
#[derive(Clone, Debug)]
pub(crate) struct Feature {
    pub hash: u64,
    pub toks: Range<usize>,
    pub tag: Tag,
    /// The name, when the caller asked for names.
    pub name: Option<Box<str>>,
}

/// Where features go: with or without their names.
struct Sink<'o> {
    out: &'o mut Vec<Feature>,
    names: bool,
}

impl Sink<'_> {
    #[inline(always)]
    fn push(&mut self, parts: [&str; 5], toks: Range<usize>, tag: Tag) {
        let name = self.names.then(|| parts.concat().into_boxed_str());
        self.out.push(Feature {
            hash: feature_hash(&parts),
            toks,
            tag,
            name,
        });
    }
}

impl Feature {
    /// The feature's name (empty when names were not asked for).
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or("")
    }
}

/// How many words a negator reaches.
const NEGATION_REACH: usize = 3;

/// One unit of the clause: a word, or an actor mention, or a number.
struct Unit<'a> {
    text: &'a str,
    toks: Range<usize>,
}

/// The features of one statement, into `out` (cleared first): `regions`
/// are its reported words, `holder` its speaker, `co` subjects joined to
/// the speaker, `found` the stances the rules found in it (each kind a
/// feature `rule:KIND`); `names` says whether to build their names.
pub(crate) fn features(
    doc: &Doc<'_>,
    regions: &[Range<usize>],
    holder: usize,
    co: &[usize],
    found: &[Found],
    names: bool,
    out: &mut Vec<Feature>,
) {
    out.clear();
    let mut sink = Sink { out, names };
    // One buffer of units for all the regions, sized once.
    let mut units = Vec::with_capacity(regions.iter().map(|r| r.len()).sum());
    for r in regions {
        region_features(doc, r.clone(), holder, co, &mut units, &mut sink);
    }
    for f in found {
        sink.push(
            ["rule:", f.kind.as_str(), "", "", ""],
            f.cue.clone(),
            Tag::Rule,
        );
    }
}

fn side_word(doc: &Doc<'_>, actor: usize, holder: usize, co: &[usize]) -> &'static str {
    if actor == holder
        || co.contains(&actor)
        || doc.reg.same_side(actor, holder)
        || co.iter().any(|&c| doc.reg.same_side(actor, c))
    {
        "SELF"
    } else if doc.reg.code(actor).is_some() {
        "OTHER"
    } else {
        "ACTOR"
    }
}

fn region_features<'d>(
    doc: &'d Doc<'_>,
    r: Range<usize>,
    holder: usize,
    co: &[usize],
    units: &mut Vec<Option<Unit<'d>>>,
    out: &mut Sink<'_>,
) {
    let mut mentions = doc.mentions_in(r.clone()).map(|(_, m)| m).peekable();
    // Units in order; `None` marks a boundary (punctuation other than a comma).
    units.clear();
    let mut i = r.start;
    while i < r.end {
        while mentions.peek().is_some_and(|m| m.toks.start < i) {
            mentions.next();
        }
        if let Some(m) = mentions.peek()
            && m.toks.start == i
        {
            let text = side_word(doc, m.actor, holder, co);
            let toks = m.toks.clone();
            i = toks.end;
            units.push(Some(Unit { text, toks }));
            continue;
        }
        let tok = &doc.t.toks[i];
        match tok.kind {
            Kind::Word | Kind::Clitic => units.push(Some(Unit {
                text: doc.norm(i),
                toks: i..i + 1,
            })),
            Kind::Number => units.push(Some(Unit {
                text: "NUM",
                toks: i..i + 1,
            })),
            Kind::Punct if doc.is_comma(i) => units.push(Some(Unit {
                text: ",",
                toks: i..i + 1,
            })),
            Kind::Punct => units.push(None),
            Kind::OpenQuote | Kind::CloseQuote | Kind::Quote => {}
        }
        i += 1;
    }
    let mut negated = 0usize;
    let mut others = false;
    let mut prev: Option<&Unit> = None;
    for (n, u) in units.iter().enumerate() {
        let Some(u) = u else {
            negated = 0;
            prev = None;
            continue;
        };
        let mark = match (others, negated > 0) {
            (true, true) => "o:~",
            (true, false) => "o:",
            (false, true) => "~",
            (false, false) => "",
        };
        if u.text != "," {
            out.push(["w:", mark, u.text, "", ""], u.toks.clone(), Tag::Word);
            let st = stem(u.text);
            if st.len() < u.text.len() {
                out.push(["s:", mark, st, "", ""], u.toks.clone(), Tag::Word);
            }
        }
        if let Some(p) = prev {
            let o = if others { "o:" } else { "" };
            out.push(
                ["b:", o, p.text, "_", u.text],
                p.toks.start..u.toks.end,
                Tag::Word,
            );
        }
        for h in doc.hits_at(u.toks.start) {
            if let Payload::Cue(c) = h.payload
                && (h.end as usize) <= r.end
            {
                let kind = doc.m.lexicon.stance_cues()[c as usize].kind;
                out.push(
                    ["lex:", mark, kind.as_str(), "", ""],
                    h.start as usize..h.end as usize,
                    Tag::Lex(kind),
                );
            }
        }
        // Scopes for the units that follow.
        if u.text == "," || u.text == "but" {
            negated = 0;
        } else {
            negated = negated.saturating_sub(1);
        }
        // Grammatical negators (and "without"): the words in their reach
        // are marked.
        let negator = u.toks.len() == 1
            && (doc.has(u.toks.start, super::words::NEGATOR) || u.text == "without");
        if negator {
            negated = NEGATION_REACH;
        }
        // "OTHER said/claimed/accused ...": that side's words follow.
        if u.text == "OTHER"
            && units[n + 1..].iter().take(2).flatten().any(|v| {
                doc.hits_at(v.toks.start)
                    .iter()
                    .any(|h| matches!(h.payload, Payload::Verb(_)))
            })
        {
            others = true;
        }
        prev = Some(u);
    }
}

/// A word without its inflection or a common derivational ending
/// ("condemned", "condemns", "condemning", "condemnation" -> "condemn"),
/// when at least four letters remain: a cheap stem that lets the model
/// share what it learned across a word's forms.
fn stem(word: &str) -> &str {
    const ENDINGS: &[&str] = &[
        "ations", "ation", "ments", "ment", "ingly", "ing", "edly", "ed", "ies", "es", "s", "ly",
    ];
    // Every ending ends in one of these letters: most words end in none,
    // and are done after one comparison.
    if !matches!(
        word.as_bytes().last(),
        Some(b's' | b'n' | b't' | b'y' | b'g' | b'd')
    ) || !word.is_ascii()
    {
        return word;
    }
    let w = word.as_bytes();
    for e in ENDINGS {
        let e = e.as_bytes();
        // Compared byte by byte: the endings are short.
        if w.len() >= e.len() + 4 && w[w.len() - e.len()..].iter().zip(e).all(|(a, b)| a == b) {
            return word.get(..w.len() - e.len()).unwrap_or(word);
        }
    }
    word
}

/// The stances the model adds to a statement whose rules found `found`:
/// for each kind the rules did not find and the lexicon has no cue of in
/// the statement, when its score reaches the model's threshold. `sentence` bounds the search for targets;
/// `hashes` is room for the features' hashes, kept from one statement to the next.
pub(crate) fn add_stances(
    pass: &StancePass<'_, '_>,
    model: &StanceModel,
    feats: &[Feature],
    sentence: &Range<usize>,
    holder: usize,
    found: &mut Vec<Found>,
    hashes: &mut Vec<u64>,
) {
    if feats.is_empty() || model.is_empty() {
        return;
    }
    let scores = model.scores_hashed_in(feats.iter().map(|f| f.hash), hashes);
    let thresholds = model.thresholds();
    for (k, kind) in StanceKind::ALL.into_iter().enumerate() {
        let off = thresholds[k] >= 1.0;
        if off || scores[k] < thresholds[k] || found.iter().any(|f| f.kind == kind) {
            continue;
        }
        // A lexicon cue of this kind in the statement was judged by the
        // rules (negated, out of scope, another side's): the model does
        // not overrule them, it reads only what the lexicon does not list.
        let judged = feats.iter().any(|f| f.tag == Tag::Lex(kind));
        if judged {
            continue;
        }
        let Some(cue) = strongest(model, feats, k) else {
            continue;
        };
        found.push(model_found(pass, kind, cue, sentence, holder, scores[k]));
    }
}

/// The tokens of the feature that weighed most for kind `k`.
fn strongest(model: &StanceModel, feats: &[Feature], k: usize) -> Option<Range<usize>> {
    debug_assert!(k < KINDS);
    let mut best: Option<(f32, &Feature)> = None;
    for f in feats {
        if f.tag != Tag::Word {
            continue;
        }
        let Some(w) = model.weights_hashed(f.hash) else {
            continue;
        };
        if w[k] > 0.0 && best.is_none_or(|(b, _)| w[k] > b) {
            best = Some((w[k], f));
        }
    }
    best.map(|(_, f)| f.toks.clone())
}

/// A stance the model found: its cue, and targets from the words after
/// it, or from the context as for a lexicon cue without a slot.
fn model_found(
    pass: &StancePass<'_, '_>,
    kind: StanceKind,
    cue: Range<usize>,
    sentence: &Range<usize>,
    holder: usize,
    score: f32,
) -> Found {
    let (targets, ctx) = pass.targets_after(kind, cue.end, sentence, holder);
    Found {
        kind,
        cue,
        cameo: super::stances::Cameo::Kind(kind),
        targets,
        ctx,
        condition: None,
        modality: Modality::Asserted,
        intensity: Intensity::Normal,
        label: false,
        mutual: false,
        parties: None,
        score: Some(score),
    }
}

/// Writes the model's reading of a statement for `explain`: each kind's
/// score and, for the kinds above a fifth, the features that weighed most.
pub(crate) fn explain(
    doc: &Doc<'_>,
    model: &StanceModel,
    feats: &[Feature],
    holder: usize,
    out: &mut String,
) {
    use std::fmt::Write;
    if feats.is_empty() || model.is_empty() {
        return;
    }
    let scores = model.scores_hashed(feats.iter().map(|f| f.hash));
    let thresholds = model.thresholds();
    let _ = write!(out, "  model for {}:", doc.reg.entries[holder].actor.id);
    for (k, kind) in StanceKind::ALL.iter().enumerate() {
        let _ = write!(
            out,
            " {} {:.2}/{:.2}",
            kind.as_str(),
            scores[k],
            thresholds[k]
        );
    }
    out.push('\n');
    for (k, kind) in StanceKind::ALL.iter().enumerate() {
        if scores[k] < 0.2 {
            continue;
        }
        let mut weighed: Vec<(f32, String)> = Vec::new();
        for f in feats {
            let name = f.name();
            if let Some(w) = model.weights_hashed(f.hash)
                && !weighed.iter().any(|(_, n)| n == name)
            {
                weighed.push((w[k], name.to_owned()));
            }
        }
        weighed.sort_by(|a, b| b.0.total_cmp(&a.0));
        let top: Vec<String> = weighed
            .iter()
            .take(4)
            .map(|(w, n)| format!("{n} {w:+.2}"))
            .collect();
        let _ = writeln!(out, "    {} by {}", kind.as_str(), top.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    /// `stem` as it was first written, with `strip_suffix`.
    fn stem_by_strip_suffix(word: &str) -> &str {
        const ENDINGS: &[&str] = &[
            "ations", "ation", "ments", "ment", "ingly", "ing", "edly", "ed", "ies", "es", "s",
            "ly",
        ];
        if !word.is_ascii() {
            return word;
        }
        for e in ENDINGS {
            if let Some(base) = word.strip_suffix(e)
                && base.len() >= 4
            {
                return base;
            }
        }
        word
    }

    #[test]
    fn stems_as_strip_suffix_does() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/texts");
        let mut words: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .flat_map(|t| {
                t.split(|c: char| !c.is_alphanumeric())
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect();
        for w in [
            "",
            "s",
            "es",
            "ings",
            "nations",
            "condemnation",
            "condemned",
            "agreements",
            "ying",
            "édly",
            "renewedly",
            "studies",
            "fly",
            "sings",
            "sing",
            "ation",
            "xations",
        ] {
            words.push(w.to_owned());
        }
        for w in &words {
            assert_eq!(stem(w), stem_by_strip_suffix(w), "{w:?}");
        }
    }
}
