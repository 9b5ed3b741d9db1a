//! Stances: a holder's position toward a target, with the cue that shows it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::ActorId;
use super::cameo;
use crate::Span;

/// The kind of position an actor takes. The meanings follow
/// `shared/eval/GOLD.md`; each kind maps to CAMEO roots and a PLOVER type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StanceKind {
    /// Threatens or vows a response: force, countermeasures, sanctions,
    /// "will not go unanswered". CAMEO 13, PLOVER THREATEN.
    Retaliation,
    /// Willing to talk, negotiate, keep contact, continue dialogue or
    /// mediation. CAMEO 03/04, PLOVER CONSULT.
    Negotiation,
    /// Condemns, denounces, criticises, accuses, labels as terrorism or
    /// sabotage. CAMEO 11, PLOVER ACCUSE.
    Condemnation,
    /// Calls on someone to act: restraint, a ceasefire, to condemn, to return
    /// to talks. CAMEO 02/10, PLOVER REQUEST.
    Appeal,
    /// Denies involvement or a claim, rejects a proposal or demand.
    /// CAMEO 12, PLOVER REJECT.
    Denial,
    /// Expresses support, solidarity, praise or backing. CAMEO 05, PLOVER SUPPORT.
    Support,
}

impl StanceKind {
    /// Every kind, in a fixed order.
    pub const ALL: [StanceKind; 6] = [
        StanceKind::Retaliation,
        StanceKind::Negotiation,
        StanceKind::Condemnation,
        StanceKind::Appeal,
        StanceKind::Denial,
        StanceKind::Support,
    ];

    /// The snake_case name used in JSON and queries: `"retaliation"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            StanceKind::Retaliation => "retaliation",
            StanceKind::Negotiation => "negotiation",
            StanceKind::Condemnation => "condemnation",
            StanceKind::Appeal => "appeal",
            StanceKind::Denial => "denial",
            StanceKind::Support => "support",
        }
    }

    /// The CAMEO code used when nothing more specific is known.
    pub fn default_cameo(&self) -> &'static str {
        match self {
            StanceKind::Retaliation => "130",
            StanceKind::Negotiation => "036",
            StanceKind::Condemnation => "111",
            StanceKind::Appeal => "020",
            StanceKind::Denial => "120",
            StanceKind::Support => "051",
        }
    }

    /// The PLOVER event type this kind corresponds to.
    pub fn plover(&self) -> Plover {
        match self {
            StanceKind::Retaliation => Plover::Threaten,
            StanceKind::Negotiation => Plover::Consult,
            StanceKind::Condemnation => Plover::Accuse,
            StanceKind::Appeal => Plover::Request,
            StanceKind::Denial => Plover::Reject,
            StanceKind::Support => Plover::Support,
        }
    }
}

impl fmt::Display for StanceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The error for a string that names no [`StanceKind`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown stance kind {0:?}: expected one of retaliation, negotiation, condemnation, appeal, denial, support"
)]
pub struct UnknownStanceKind(pub String);

impl FromStr for StanceKind {
    type Err = UnknownStanceKind;
    fn from_str(s: &str) -> Result<StanceKind, UnknownStanceKind> {
        StanceKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownStanceKind(s.to_owned()))
    }
}

/// The top-level event types of the PLOVER ontology.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
#[allow(missing_docs)] // the names are the ontology's own
pub enum Plover {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl Plover {
    /// The type's name as the ontology and JSON spell it: `"THREATEN"`.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::{Plover, StanceKind};
    ///
    /// assert_eq!(StanceKind::Condemnation.plover().as_str(), "ACCUSE");
    /// assert_eq!(Plover::Threaten.to_string(), "THREATEN");
    /// ```
    pub fn as_str(&self) -> &'static str {
        match self {
            Plover::Agree => "AGREE",
            Plover::Consult => "CONSULT",
            Plover::Support => "SUPPORT",
            Plover::Concede => "CONCEDE",
            Plover::Cooperate => "COOPERATE",
            Plover::Aid => "AID",
            Plover::Retreat => "RETREAT",
            Plover::Request => "REQUEST",
            Plover::Accuse => "ACCUSE",
            Plover::Reject => "REJECT",
            Plover::Threaten => "THREATEN",
            Plover::Protest => "PROTEST",
            Plover::Sanction => "SANCTION",
            Plover::Mobilize => "MOBILIZE",
            Plover::Coerce => "COERCE",
            Plover::Assault => "ASSAULT",
        }
    }
}

impl fmt::Display for Plover {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// How firmly the stance is put.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Modality {
    /// Stated as fact or commitment: "Russia will strike back".
    #[default]
    Asserted,
    /// Made to depend on a condition: "if attacks continue, the response will be harsh".
    Conditional,
    /// An intention or readiness: "plans to", "is ready to".
    Intended,
    /// Negated or ruled out: "ruled out talks", "will not negotiate".
    Negated,
    /// Hedged: "may", "could", "reportedly".
    Hedged,
}

impl Modality {
    /// The snake_case name used in JSON: `"asserted"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Conditional => "conditional",
            Modality::Intended => "intended",
            Modality::Negated => "negated",
            Modality::Hedged => "hedged",
        }
    }
}

/// How strongly the stance is voiced.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Intensity {
    /// Softened: "somewhat", "mildly", "regrets".
    Low,
    /// Neither softened nor strengthened.
    #[default]
    Normal,
    /// Strengthened: "strongly condemned", "very resolutely", "in the strongest terms".
    High,
}

impl Intensity {
    /// The snake_case name used in JSON: `"normal"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Intensity::Low => "low",
            Intensity::Normal => "normal",
            Intensity::High => "high",
        }
    }

    /// A weight for analyses: 0.5, 1.0 or 1.5.
    pub fn weight(&self) -> f64 {
        match self {
            Intensity::Low => 0.5,
            Intensity::Normal => 1.0,
            Intensity::High => 1.5,
        }
    }
}

/// A piece of text that justified something: the words and where they are.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cue {
    /// The words, as written.
    pub text: String,
    /// Where they are in the document.
    pub span: Span,
}

impl Cue {
    /// A cue from its text and span.
    pub fn new(text: impl Into<String>, span: Span) -> Cue {
        Cue {
            text: text.into(),
            span,
        }
    }
}

/// A position an actor takes toward another, with its evidence.
///
/// # Examples
///
/// ```
/// use demarche::{Cue, Intensity, Span, Stance, StanceKind};
///
/// let stance = Stance::new(StanceKind::Retaliation, "rus", Cue::new("strike back", Span::new(59, 70)))
///     .with_target("ukr")
///     .with_intensity(Intensity::High);
/// assert_eq!(stance.cameo.as_deref(), Some("130"));
/// assert_eq!(stance.goldstein, Some(-4.4));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    /// What kind of position it is.
    pub kind: StanceKind,
    /// Whose position it is.
    pub holder: ActorId,
    /// Whom it is aimed at, if anyone in particular.
    #[serde(default)]
    pub target: Option<ActorId>,
    /// The words that justified it.
    pub cue: Cue,
    /// Whether it is asserted, conditional, intended, negated or hedged.
    #[serde(default)]
    pub modality: Modality,
    /// How strongly it is voiced.
    #[serde(default)]
    pub intensity: Intensity,
    /// Labels the holder uses to frame an act or actor: "terrorist act", "sabotage".
    #[serde(default)]
    pub labels: Vec<Cue>,
    /// The CAMEO event code, for users of CAMEO datasets.
    #[serde(default)]
    pub cameo: Option<String>,
    /// The PLOVER event type.
    #[serde(default)]
    pub plover: Option<Plover>,
    /// The Goldstein conflict–cooperation value of the CAMEO code.
    #[serde(default)]
    pub goldstein: Option<f64>,
    /// The statistical recogniser's probability, when it found the stance
    /// where no lexicon cue did (see [`crate::stance_model`]); `None` for
    /// the lexicon's stances, and then left out of the JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f32>,
}

impl Stance {
    /// An asserted stance of normal intensity with no target, coded with the
    /// kind's default CAMEO code, PLOVER type and Goldstein value.
    pub fn new(kind: StanceKind, holder: impl Into<ActorId>, cue: Cue) -> Stance {
        Stance::coded(kind, holder, cue, kind.default_cameo())
    }

    /// [`Stance::new`] coded with the CAMEO code `code` (and its Goldstein
    /// value) instead of the kind's default: what `new` and then
    /// [`Stance::set_cameo`] make, the code looked up once.
    pub(crate) fn coded(
        kind: StanceKind,
        holder: impl Into<ActorId>,
        cue: Cue,
        code: &str,
    ) -> Stance {
        Stance {
            kind,
            holder: holder.into(),
            target: None,
            cue,
            modality: Modality::Asserted,
            intensity: Intensity::Normal,
            labels: Vec::new(),
            cameo: Some(code.to_owned()),
            plover: Some(kind.plover()),
            goldstein: cameo::lookup(code).map(|e| e.goldstein),
            score: None,
        }
    }

    /// The stance, aimed at `target`.
    pub fn with_target(mut self, target: impl Into<ActorId>) -> Stance {
        self.target = Some(target.into());
        self
    }

    /// The stance with another modality.
    pub fn with_modality(mut self, modality: Modality) -> Stance {
        self.modality = modality;
        self
    }

    /// The stance with another intensity.
    pub fn with_intensity(mut self, intensity: Intensity) -> Stance {
        self.intensity = intensity;
        self
    }

    /// The stance with a framing label.
    pub fn with_label(mut self, label: Cue) -> Stance {
        self.labels.push(label);
        self
    }

    /// Sets the CAMEO code and the Goldstein value that goes with it. A code
    /// the codebook does not know is kept, with no Goldstein value.
    pub fn set_cameo(&mut self, code: &str) {
        self.cameo = Some(code.to_owned());
        self.goldstein = cameo::lookup(code).map(|e| e.goldstein);
    }

    /// Whether the stance is held (not negated or ruled out).
    pub fn is_held(&self) -> bool {
        self.modality != Modality::Negated
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_and_print() {
        for k in StanceKind::ALL {
            assert_eq!(k.as_str().parse::<StanceKind>().unwrap(), k);
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{k}\""));
            assert!(cameo::lookup(k.default_cameo()).is_some());
        }
        assert_eq!("Appeal".parse::<StanceKind>().unwrap(), StanceKind::Appeal);
        assert!("threat".parse::<StanceKind>().is_err());
    }

    #[test]
    fn cameo_sets_goldstein() {
        let mut s = Stance::new(
            StanceKind::Condemnation,
            "ukr",
            Cue::new("x", Span::new(0, 1)),
        );
        assert_eq!(s.goldstein, Some(-2.0));
        s.set_cameo("1312");
        assert_eq!(s.goldstein, Some(-5.8));
        s.set_cameo("9999");
        assert_eq!(s.cameo.as_deref(), Some("9999"));
        assert_eq!(s.goldstein, None);
        assert_eq!(
            serde_json::to_string(&Plover::Threaten).unwrap(),
            "\"THREATEN\""
        );
    }

    #[test]
    fn names_match_the_json() {
        use Plover::*;
        let all = [
            Agree, Consult, Support, Concede, Cooperate, Aid, Retreat, Request, Accuse, Reject,
            Threaten, Protest, Sanction, Mobilize, Coerce, Assault,
        ];
        for p in all {
            assert_eq!(serde_json::to_string(&p).unwrap(), format!("\"{p}\""));
        }
        use Modality::*;
        for m in [Asserted, Conditional, Intended, Negated, Hedged] {
            assert_eq!(
                serde_json::to_string(&m).unwrap(),
                format!("\"{}\"", m.as_str())
            );
        }
        for i in [Intensity::Low, Intensity::Normal, Intensity::High] {
            assert_eq!(
                serde_json::to_string(&i).unwrap(),
                format!("\"{}\"", i.as_str())
            );
        }
    }
}
