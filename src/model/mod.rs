//! The vocabulary: actors, statements, stances, events, dates, the timeline
//! and the container that holds them.
//!
//! Everything here is plain data that serializes with serde; the parser
//! fills it from text and the query layer reads it. Users can also build it
//! by hand.

mod actor;
mod analysis;
pub mod cameo;
mod date;
mod event;
pub(crate) mod json;
mod rows;
mod stance;
mod statement;
mod timeline;

pub use actor::{Actor, ActorId, ActorKind, CountryCode, InvalidCode, Role};
pub use analysis::{Analysis, Document, DocumentId};
pub use date::{DateRange, Relative, When};
pub use event::{Event, EventKind, UnknownEventKind};
pub use rows::StanceRow;
pub use stance::{Cue, Intensity, Modality, Plover, Stance, StanceKind, UnknownStanceKind};
pub use statement::{QuoteKind, Statement, UnknownQuoteKind};
pub use timeline::{Granularity, Timeline, TimelineEntry, TimelineGroup, TimelineItem};
