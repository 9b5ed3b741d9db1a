//! PLOVER-style JSON Lines: one object per stance.

use chrono::NaiveDate;
use serde::Serialize;

use crate::{ActorId, CountryCode, Intensity, Modality, Plover, Span, StanceKind, StanceRow};

/// A stance as a PLOVER record: PLOVER's field names first, then this
/// crate's own.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Record<'a> {
    id: &'a str,
    date: Option<NaiveDate>,
    source: [Party<'a>; 1],
    target: Vec<Party<'a>>,
    event: Plover,
    event_text: &'a str,
    text: &'a str,
    language: &'static str,
    publication: Option<&'a str>,
    document: &'a str,
    speaker: &'a ActorId,
    reported_by: &'a [ActorId],
    kind: StanceKind,
    modality: Modality,
    intensity: Intensity,
    cameo: &'static str,
    quad_class: u8,
    goldstein: f64,
    span: Span,
    char_span: Option<Span>,
}

/// A source or target: PLOVER's `actorText` and `code`, and the actor's id.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Party<'a> {
    actor_text: &'a str,
    code: Option<&'a CountryCode>,
    actor: &'a ActorId,
}

fn party<'a>(
    actor: &'a ActorId,
    name: Option<&'a str>,
    code: Option<&'a CountryCode>,
) -> Party<'a> {
    Party {
        actor_text: name.unwrap_or(actor.as_str()),
        code,
        actor,
    }
}

/// Appends one line of JSON to `out`.
pub(super) fn row(out: &mut String, r: &StanceRow<'_>) {
    let record = Record {
        id: &r.id,
        date: r.date,
        source: [party(r.holder, r.holder_name, r.holder_side)],
        target: r
            .target
            .map(|t| party(t, r.target_name, r.target_side))
            .into_iter()
            .collect(),
        event: r.plover,
        event_text: r.cue,
        text: r.text,
        language: "en",
        publication: r.source,
        document: r.document.as_str(),
        speaker: r.speaker,
        reported_by: r.reported_by,
        kind: r.kind,
        modality: r.modality,
        intensity: r.intensity,
        cameo: r.cameo,
        quad_class: r.quad_class.number(),
        goldstein: r.goldstein,
        span: r.span,
        char_span: r.char_span,
    };
    // Plain data with string keys always serializes.
    out.push_str(&serde_json::to_string(&record).unwrap_or_default());
    out.push('\n');
}
