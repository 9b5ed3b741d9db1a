//! A flat view of the stances: one row per stance, ready for a table.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::cameo::{self, CameoEntry, QuadClass};
use super::{
    ActorId, ActorKind, Analysis, CountryCode, DocumentId, Intensity, Modality, Plover, Stance,
    StanceKind, Statement,
};
use crate::Span;

/// One stance with everything a table about it needs: where it is, who
/// said it and through whom, who holds it toward whom (with their sides),
/// how it is put, its CAMEO and PLOVER coding, and its evidence.
///
/// Rows borrow from the [`Analysis`] they come from; make them with
/// [`Analysis::stance_rows`] (byte spans only) or
/// [`Analysis::stance_rows_with_text`] (character spans too), and write
/// them with the [`export`](crate::export) module. A row serializes with
/// serde, field for field.
///
/// # Examples
///
/// ```
/// use demarche::chrono::NaiveDate;
/// use demarche::{Parser, StanceKind};
///
/// let text = "Kremlin spokesperson Dmitry Peskov said on Tuesday that Russia would strike back at Ukraine.";
/// let parsed = Parser::new().parse_document("a1", text, NaiveDate::from_ymd_opt(2025, 6, 5))?;
/// let rows = parsed.analysis.stance_rows_with_text(|_| Some(text));
/// let row = &rows[0];
/// assert_eq!(row.id, "a1#1");
/// assert_eq!(row.date, NaiveDate::from_ymd_opt(2025, 6, 3));
/// assert_eq!(row.speaker_name, Some("Dmitry Peskov"));
/// assert_eq!(row.holder_side.map(|c| c.as_str()), Some("RUS"));
/// assert_eq!(row.target_side.map(|c| c.as_str()), Some("UKR"));
/// assert_eq!(row.kind, StanceKind::Retaliation);
/// assert_eq!((row.cameo, row.cameo_root, row.quad_class.number()), ("138", "13", 3));
/// assert_eq!(row.cue, "strike back");
/// assert_eq!(row.span.slice(text), Some("strike back"));
/// assert_eq!(row.char_span, Some(row.span)); // the text is ASCII
/// # Ok::<(), demarche::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct StanceRow<'a> {
    /// The row's id, `DOCUMENT#N`: the document's id and the stance's
    /// number in that document, from 1, in statement order. Stable for a
    /// given analysis, unique within a corpus whose document ids are unique.
    pub id: String,
    /// The document the stance is in.
    pub document: &'a DocumentId,
    /// Where the document came from (its [`source`](super::Document::source)), if known.
    pub source: Option<&'a str>,
    /// The statement's index in [`Analysis::statements`].
    pub statement: usize,
    /// The stance's index in its statement's [`stances`](Statement::stances).
    pub stance: usize,
    /// The statement's text.
    pub text: &'a str,
    /// The day the statement was made, if known.
    pub date: Option<NaiveDate>,
    /// Who made the statement.
    pub speaker: &'a ActorId,
    /// The speaker's name.
    pub speaker_name: Option<&'a str>,
    /// Who relays the statement, outermost first; empty when the journalist reports it.
    pub reported_by: &'a [ActorId],
    /// Whose position it is.
    pub holder: &'a ActorId,
    /// The holder's name.
    pub holder_name: Option<&'a str>,
    /// The holder's side ([`Analysis::side_of`]).
    pub holder_side: Option<&'a CountryCode>,
    /// The holder's side when it is a country's: the side, unless the
    /// actor it comes from is an international organisation or an armed
    /// group (`"UN"`, `"WHO"`, `"HAMAS"` are sides but no countries).
    pub holder_country: Option<&'a CountryCode>,
    /// Whom it is aimed at, if anyone in particular.
    pub target: Option<&'a ActorId>,
    /// The target's name.
    pub target_name: Option<&'a str>,
    /// The target's side.
    pub target_side: Option<&'a CountryCode>,
    /// The target's side when it is a country's.
    pub target_country: Option<&'a CountryCode>,
    /// What kind of position it is.
    pub kind: StanceKind,
    /// Whether it is asserted, conditional, intended, negated or hedged.
    pub modality: Modality,
    /// How strongly it is voiced.
    pub intensity: Intensity,
    /// The CAMEO event code: the stance's own when the codebook
    /// (`data/cameo.tsv`) knows it, otherwise its kind's
    /// [default](StanceKind::default_cameo). Always a code of the codebook.
    pub cameo: &'static str,
    /// The code's base (three digits): `"131"` for `"1312"`.
    pub cameo_base: &'static str,
    /// The code's root (two digits): `"13"` for `"1312"`.
    pub cameo_root: &'static str,
    /// The quad class of the code's root.
    pub quad_class: QuadClass,
    /// The Goldstein value of [`cameo`](StanceRow::cameo), from −10 to +10.
    pub goldstein: f64,
    /// The PLOVER event type: the stance's own, or its kind's.
    pub plover: Plover,
    /// The words that justified the stance.
    pub cue: &'a str,
    /// Where they are in the document, in UTF-8 bytes.
    pub span: Span,
    /// Where they are in the document, in characters (Unicode scalar
    /// values, as Python indexes a `str`); `None` when the rows were made
    /// without the document's text or the span is not on character boundaries.
    pub char_span: Option<Span>,
}

impl Analysis {
    /// The stances as rows, one per stance, in statement order. Character
    /// spans are left out (`None`): they need the documents' texts, which
    /// an analysis does not keep; see [`Analysis::stance_rows_with_text`].
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::{Actor, ActorKind, Analysis, CountryCode, Cue, Document, Span, Stance, StanceKind, Statement};
    ///
    /// let text = "Russia will strike back.";
    /// let mut a = Analysis::new();
    /// a.add_document(Document::new("doc", text.len())).unwrap();
    /// a.add_actor(Actor::new("rus", "Russia", ActorKind::State).with_country(CountryCode::new("RUS").unwrap()));
    /// let stance = Stance::new(StanceKind::Retaliation, "rus", Cue::new("strike back", Span::new(12, 23)));
    /// a.add_statement(Statement::new("doc", "rus", Span::new(0, text.len()), text).with_stance(stance));
    /// let rows = a.stance_rows();
    /// assert_eq!(rows.len(), 1);
    /// assert_eq!((rows[0].id.as_str(), rows[0].holder_name, rows[0].target), ("doc#1", Some("Russia"), None));
    /// assert_eq!((rows[0].cameo, rows[0].goldstein), ("130", -4.4));
    /// assert_eq!(rows[0].char_span, None);
    /// ```
    pub fn stance_rows(&self) -> Vec<StanceRow<'_>> {
        let mut numbers: HashMap<&DocumentId, usize> = HashMap::new();
        let mut rows = Vec::new();
        for (i, st) in self.statements().iter().enumerate() {
            for (j, stance) in st.stances.iter().enumerate() {
                let n = numbers.entry(&st.document).or_default();
                *n += 1;
                rows.push(self.row(format!("{}#{n}", st.document), i, st, j, stance));
            }
        }
        rows
    }

    /// The stances as rows, with character spans computed from each
    /// document's text, which `text` gives for a document id (`None` leaves
    /// that document's character spans out). The work is one pass over
    /// each text.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::Parser;
    ///
    /// let text = "Après l’attaque, Iran’s foreign ministry condemned the Israeli strike.";
    /// let parsed = Parser::new().parse(text)?;
    /// let rows = parsed.analysis.stance_rows_with_text(|_| Some(text));
    /// let (bytes, chars) = (rows[0].span, rows[0].char_span.unwrap());
    /// assert_eq!(rows[0].cue, "condemned");
    /// // "è" takes two bytes and each "’" three: five bytes more than characters.
    /// assert_eq!(bytes.start, chars.start + 5);
    /// let by_chars: String = text.chars().skip(chars.start).take(chars.len()).collect();
    /// assert_eq!(by_chars, rows[0].cue);
    /// # Ok::<(), demarche::ParseError>(())
    /// ```
    pub fn stance_rows_with_text<'t, F>(&self, text: F) -> Vec<StanceRow<'_>>
    where
        F: Fn(&DocumentId) -> Option<&'t str>,
    {
        let mut rows = self.stance_rows();
        let mut by_document: HashMap<&DocumentId, Vec<usize>> = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            by_document.entry(row.document).or_default().push(i);
        }
        for (document, indices) in by_document {
            let Some(text) = text(document) else { continue };
            let mut offsets: BTreeMap<usize, Option<usize>> = BTreeMap::new();
            for &i in &indices {
                offsets.insert(rows[i].span.start, None);
                offsets.insert(rows[i].span.end, None);
            }
            char_offsets(text, &mut offsets);
            for i in indices {
                let span = rows[i].span;
                rows[i].char_span = match (offsets[&span.start], offsets[&span.end]) {
                    (Some(start), Some(end)) => Some(Span::new(start, end)),
                    _ => None,
                };
            }
        }
        rows
    }

    fn row<'a>(
        &'a self,
        id: String,
        statement: usize,
        st: &'a Statement,
        index: usize,
        stance: &'a Stance,
    ) -> StanceRow<'a> {
        let name = |id: &ActorId| self.actor(id.as_str()).map(|a| a.name.as_str());
        let code: CameoEntry = stance
            .cameo
            .as_deref()
            .and_then(cameo::lookup)
            .or_else(|| cameo::lookup(stance.kind.default_cameo()))
            .unwrap_or(FALLBACK);
        let target = stance.target.as_ref();
        let (holder_side, holder_country) = self.side_and_country(&stance.holder);
        let (target_side, target_country) =
            target.map_or((None, None), |t| self.side_and_country(t));
        StanceRow {
            id,
            document: &st.document,
            source: self
                .document(st.document.as_str())
                .and_then(|d| d.source.as_deref()),
            statement,
            stance: index,
            text: &st.text,
            date: st.date,
            speaker: &st.speaker,
            speaker_name: name(&st.speaker),
            reported_by: &st.reported_by,
            holder: &stance.holder,
            holder_name: name(&stance.holder),
            holder_side,
            holder_country,
            target,
            target_name: target.and_then(name),
            target_side,
            target_country,
            kind: stance.kind,
            modality: stance.modality,
            intensity: stance.intensity,
            cameo: code.code,
            cameo_base: code.base(),
            cameo_root: code.root(),
            quad_class: code.quad_class(),
            goldstein: code.goldstein,
            plover: stance.plover.unwrap_or_else(|| stance.kind.plover()),
            cue: &stance.cue.text,
            span: stance.cue.span,
            char_span: None,
        }
    }
}

impl Analysis {
    /// An actor's side, as [`Analysis::side_of`] finds it, and the same
    /// code again if it is a country's.
    fn side_and_country(&self, id: &ActorId) -> (Option<&CountryCode>, Option<&CountryCode>) {
        for actor in self.affiliation_chain(id.as_str()) {
            if let Some(code) = &actor.country {
                let country = !matches!(
                    actor.kind,
                    ActorKind::InternationalOrganization | ActorKind::ArmedGroup
                );
                return (Some(code), country.then_some(code));
            }
        }
        (None, None)
    }
}

/// What a row's code would be if the codebook lacked even the kind's
/// default code, which a test rules out: "Make statement, not specified below".
const FALLBACK: CameoEntry = CameoEntry {
    code: "010",
    name: "Make statement, not specified below",
    goldstein: 0.0,
};

/// Fills in the character offset of each byte offset in `offsets` (keys in
/// increasing order), in one pass over `text`; an offset past the end or
/// inside a character stays `None`.
fn char_offsets(text: &str, offsets: &mut BTreeMap<usize, Option<usize>>) {
    let (mut byte, mut chars) = (0usize, 0usize);
    for (&offset, value) in offsets.iter_mut() {
        let Some(between) = text.get(byte..offset) else {
            continue;
        };
        chars += between.chars().count();
        byte = offset;
        *value = Some(chars);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, Cue, Document};

    fn analysis() -> Analysis {
        let mut a = Analysis::new();
        for (id, len) in [("d1", 40), ("d2", 40)] {
            a.add_document(Document::new(id, len).with_source(format!("https://x/{id}")))
                .unwrap();
        }
        a.add_actor(
            Actor::new("rus", "Russia", ActorKind::State)
                .with_country(CountryCode::new("RUS").unwrap()),
        );
        a.add_actor(
            Actor::new("rus.kremlin", "Kremlin", ActorKind::Institution).with_affiliation("rus"),
        );
        a.add_actor(Actor::new("anon", "an official", ActorKind::Other));
        a.add_actor(
            Actor::new("who", "the WHO", ActorKind::InternationalOrganization)
                .with_country(CountryCode::new("WHO").unwrap()),
        );
        let cue = |s, e| Cue::new("x", Span::new(s, e));
        let mut odd = Stance::new(StanceKind::Condemnation, "anon", cue(3, 4));
        odd.cameo = Some("9999".into());
        odd.plover = None;
        a.add_statement(
            Statement::new("d1", "rus.kremlin", Span::new(0, 10), "")
                .reported_by("anon")
                .with_stance(
                    Stance::new(StanceKind::Appeal, "rus.kremlin", cue(1, 2)).with_target("rus"),
                )
                .with_stance(odd),
        );
        a.add_statement(
            Statement::new("d2", "rus", Span::new(0, 10), "")
                .with_stance(Stance::new(StanceKind::Support, "rus", cue(5, 6)).with_target("who")),
        );
        a.add_statement(
            Statement::new("d1", "rus", Span::new(20, 30), "").with_stance(Stance::new(
                StanceKind::Denial,
                "rus",
                cue(25, 27),
            )),
        );
        a
    }

    #[test]
    fn rows_are_numbered_per_document_and_resolve_sides() {
        let a = analysis();
        let rows = a.stance_rows();
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["d1#1", "d1#2", "d2#1", "d1#3"]);
        let r = &rows[0];
        assert_eq!((r.statement, r.stance), (0, 0));
        assert_eq!(r.holder_side.map(CountryCode::as_str), Some("RUS"));
        assert_eq!(r.target_name, Some("Russia"));
        assert_eq!(r.reported_by, [ActorId::from("anon")]);
        assert_eq!(r.source, Some("https://x/d1"));
        // An unknown code falls back to the kind's default, with its value.
        let r = &rows[1];
        assert_eq!(
            (r.cameo, r.goldstein, r.plover),
            ("111", -2.0, Plover::Accuse)
        );
        assert_eq!((r.holder_side, r.holder_name), (None, Some("an official")));
        assert_eq!((rows[3].statement, rows[3].stance), (2, 0));
        // A side is a country's unless an organisation or armed group gives it.
        assert_eq!(rows[0].holder_country.map(CountryCode::as_str), Some("RUS"));
        let who = (rows[2].target_side, rows[2].target_country);
        assert_eq!(who, (Some(&CountryCode::new("WHO").unwrap()), None));
    }

    #[test]
    fn every_kind_has_a_code_in_the_codebook() {
        for kind in StanceKind::ALL {
            assert!(cameo::lookup(kind.default_cameo()).is_some(), "{kind}");
        }
        assert_eq!(cameo::lookup(FALLBACK.code), Some(FALLBACK));
    }

    #[test]
    fn char_spans_count_characters_and_skip_bad_offsets() {
        let a = analysis();
        // d1: "é" takes two bytes; byte 1 is inside it, so the first row has no char span.
        let d1 = "éab€cdefghijklmnopqrstuvwxyzabcdefghijkl";
        let rows = a.stance_rows_with_text(|d| (d.as_str() == "d1").then_some(d1));
        assert_eq!(rows[0].char_span, None);
        assert_eq!(rows[1].char_span, Some(Span::new(2, 3)));
        assert_eq!(rows[2].char_span, None); // no text for d2
        assert_eq!(rows[3].char_span, Some(Span::new(22, 24)));
        let mut offsets: BTreeMap<usize, Option<usize>> = [0, 2, 3, 4, 5, 8, 99]
            .into_iter()
            .map(|o| (o, None))
            .collect();
        char_offsets("éab€c", &mut offsets);
        let got: Vec<Option<usize>> = offsets.into_values().collect();
        assert_eq!(
            got,
            [Some(0), Some(1), Some(2), Some(3), None, Some(5), None]
        );
    }
}
