//! Charts of an analysis or of query hits, as standalone SVG.
//!
//! Analysts look at stance over time before they read tables. This module
//! draws two charts from the model, each a complete SVG document as a
//! `String`:
//!
//! - [`TimelineChart`]: a lane per side or actor, time across in day, week
//!   or month columns, a mark per stance coloured by kind, negated and
//!   conditional stances drawn differently, events as labelled vertical
//!   lines, undated stances in a strip of their own. Crowded cells merge
//!   their marks into one bar per kind with the count, so the chart stays
//!   readable at 60 lanes and thousands of stances.
//! - [`DyadChart`]: a holder × target matrix with a bar per stance kind in
//!   each cell, and totals.
//!
//! Both take an [`Analysis`](crate::Analysis) (`render`) or the
//! [`Hits`](crate::query::Hits) of a search (`render_hits`), and group
//! actors [`By`] side or by actor. Every mark carries a `<title>`, which
//! browsers show on hover: the speaker, date, kind and cue of the stance
//! (or, for merged marks, the count and examples).
//!
//! # Example
//!
//! ```
//! use demarche::chart::{By, DyadChart, TimelineChart};
//! use demarche::{Granularity, Index, Parser};
//!
//! let text = "Kremlin spokesperson Dmitry Peskov said on Tuesday that Russia would \
//!             strike back at Ukraine. Ukraine's foreign ministry condemned the threat \
//!             on Wednesday.";
//! let parsed = Parser::new().parse_document("a1", text, demarche::chrono::NaiveDate::from_ymd_opt(2025, 6, 5))?;
//! let analysis = &parsed.analysis;
//!
//! let timeline = TimelineChart::new().by(By::Actor).granularity(Granularity::Day).render(analysis);
//! assert!(timeline.contains("Dmitry Peskov (RUS)"));
//! assert!(timeline.contains("Jun 3")); // the axis is dated
//!
//! // Charts of a query's hits.
//! let index = Index::new(analysis);
//! let hits = index.query("holder:RUS").unwrap();
//! let dyad = DyadChart::new().render_hits(&hits);
//! assert!(dyad.contains("Russia (RUS) → Ukraine (UKR): 1 retaliation"));
//! # Ok::<(), demarche::ParseError>(())
//! ```
//!
//! # What the output is
//!
//! - **Standalone**: an SVG 1.1 document with an XML declaration, an
//!   embedded stylesheet, no scripts, no links, no external fonts (text uses
//!   the generic `sans-serif` family). It opens in any browser and embeds
//!   in HTML or Markdown as an image.
//! - **Deterministic**: the same input and options give the same bytes:
//!   groups and marks are ordered by count, then by name and position, and
//!   numbers are written with at most one decimal.
//! - **Escaped**: names, cues and descriptions from untrusted text are
//!   escaped for XML; characters XML cannot hold (most control characters)
//!   are replaced.
//! - **Machine-readable marks**: every stance mark has the class `mark` and
//!   its kind (`mark retaliation`), plus `negated` or `conditional` when it
//!   is; merged marks (`mark merged ...`) and dyad bars (`mark bar ...`)
//!   have `data-count` with the number of
//!   stances they stand for.
//!
//! # Size
//!
//! Text widths are estimated (on the wide side, for DejaVu Sans) to keep
//! labels apart, and long labels are cut with an ellipsis, their full text in
//! the tooltip. The timeline folds lanes past
//! [`max_lanes`](TimelineChart::max_lanes) (100) into one, the dyad chart
//! rows and columns past 60; crowded cells merge. The number of marks is so
//! bounded by the number of cells, whatever the number of stances: 10,000
//! statements render in a few milliseconds to well under 2 MB (see
//! `benches/chart.rs`).
//!
//! The `chart` example renders articles or saved analyses from the command
//! line, and `scripts/render-charts` checks the charts in a headless browser.

mod axis;
mod data;
mod dyad;
mod style;
mod svg;
mod timeline;

use std::fmt;
use std::str::FromStr;

pub use dyad::DyadChart;
pub use timeline::TimelineChart;

/// How actors are grouped into lanes, rows or columns.
///
/// ```
/// use demarche::chart::{By, TimelineChart};
/// use demarche::query::synth;
///
/// let corpus = synth::corpus(300, 2);
/// let by_side = TimelineChart::new().by(By::Side).render(&corpus);
/// let by_actor = TimelineChart::new().by(By::Actor).render(&corpus);
/// assert!(by_side.contains("Russia (RUS)"));
/// assert!(by_actor.matches("class=\"label end\"").count() > by_side.matches("class=\"label end\"").count());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum By {
    /// By side: the country or organisation code an actor has or inherits
    /// through its affiliations (`RUS` for the Kremlin's spokesperson).
    #[default]
    Side,
    /// By actor: each holder (or target) on its own.
    Actor,
}

impl By {
    /// The name used on command lines: `"side"` or `"actor"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            By::Side => "side",
            By::Actor => "actor",
        }
    }
}

impl fmt::Display for By {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The error for a string that names no [`By`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown grouping {0:?}: expected side or actor")]
pub struct UnknownBy(pub String);

impl FromStr for By {
    type Err = UnknownBy;

    /// Parses `side` or `actor`, in any case.
    ///
    /// ```
    /// use demarche::chart::By;
    ///
    /// assert_eq!("Actor".parse::<By>().unwrap(), By::Actor);
    /// assert_eq!("sides".parse::<By>().unwrap_err().to_string(), "unknown grouping \"sides\": expected side or actor");
    /// ```
    fn from_str(s: &str) -> Result<By, UnknownBy> {
        [By::Side, By::Actor]
            .into_iter()
            .find(|b| b.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownBy(s.to_owned()))
    }
}
