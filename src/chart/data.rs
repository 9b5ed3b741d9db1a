//! What a chart draws: the selected stances with their dates, the events,
//! and how actors group into lanes, rows and columns.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::By;
use crate::query::{Hits, StanceRef};
use crate::{ActorId, ActorKind, Analysis, DateRange, Event, Modality, Stance, Statement};

/// One stance to draw, with its statement and the days it falls on.
pub(crate) struct Item<'a> {
    pub statement: &'a Statement,
    pub stance: &'a Stance,
    pub at: StanceRef,
    pub dates: Option<DateRange>,
}

/// One event to draw, with the days it falls on.
pub(crate) struct EventItem<'a> {
    pub event: &'a Event,
    pub dates: Option<DateRange>,
}

/// The stances and events a chart draws, and the analysis they come from.
pub(crate) struct Plotted<'a> {
    pub analysis: &'a Analysis,
    pub items: Vec<Item<'a>>,
    pub events: Vec<EventItem<'a>>,
    /// Whether the stances are a query's hits rather than the whole analysis.
    pub scoped: bool,
    side_names: HashMap<&'a str, &'a str>,
    /// Each document's date, the reference for its relative dates.
    references: HashMap<&'a str, Option<NaiveDate>>,
}

/// The days an item falls on, by the rule [`Timeline`](crate::Timeline)
/// uses: its date as the text puts it, resolved against its document's
/// date, or else its day.
fn resolve(
    when: &crate::When,
    day: Option<NaiveDate>,
    reference: Option<NaiveDate>,
) -> Option<DateRange> {
    when.resolve(reference).or(day.map(DateRange::day))
}

impl<'a> Plotted<'a> {
    fn new(analysis: &'a Analysis, scoped: bool) -> Plotted<'a> {
        let mut side_names: HashMap<&str, (u8, &str)> = HashMap::new();
        for actor in analysis.actors().values() {
            let Some(code) = &actor.country else { continue };
            let rank = match actor.kind {
                ActorKind::State | ActorKind::InternationalOrganization => 0,
                ActorKind::ArmedGroup => 1,
                _ => 2,
            };
            let entry = side_names
                .entry(code.as_str())
                .or_insert((rank, &actor.name));
            if rank < entry.0 {
                *entry = (rank, &actor.name);
            }
        }
        let mut plotted = Plotted {
            analysis,
            items: Vec::new(),
            events: Vec::new(),
            scoped,
            side_names: side_names.into_iter().map(|(k, (_, v))| (k, v)).collect(),
            references: analysis
                .documents()
                .iter()
                .map(|d| (d.id.as_str(), d.date))
                .collect(),
        };
        for event in analysis.events() {
            let dates = resolve(
                &event.when,
                event.date,
                plotted.reference(event.document.as_str()),
            );
            plotted.events.push(EventItem { event, dates });
        }
        plotted
    }

    /// Every stance of the analysis.
    pub(crate) fn from_analysis(analysis: &'a Analysis) -> Plotted<'a> {
        let mut plotted = Plotted::new(analysis, false);
        for (i, statement) in analysis.statements().iter().enumerate() {
            for j in 0..statement.stances.len() {
                plotted.push(i, j);
            }
        }
        plotted
    }

    /// The stances a search matched.
    pub(crate) fn from_hits(hits: &Hits<'a>) -> Plotted<'a> {
        let mut plotted = Plotted::new(hits.index().analysis(), true);
        for hit in hits {
            for j in hit.stance_indexes() {
                plotted.push(hit.statement_index(), j);
            }
        }
        plotted
    }

    fn push(&mut self, statement: usize, stance: usize) {
        let Some(st) = self.analysis.statements().get(statement) else {
            return;
        };
        let Some(s) = st.stances.get(stance) else {
            return;
        };
        let dates = resolve(&st.when, st.date, self.reference(st.document.as_str()));
        self.items.push(Item {
            statement: st,
            stance: s,
            at: StanceRef { statement, stance },
            dates,
        });
    }

    fn reference(&self, document: &str) -> Option<NaiveDate> {
        self.references.get(document).copied().flatten()
    }

    /// An actor's display name: its name, or its id when unknown.
    pub(crate) fn name<'s>(&'s self, id: &'s ActorId) -> &'s str {
        self.analysis
            .actor(id.as_str())
            .map_or(id.as_str(), |a| a.name.as_str())
    }

    /// The group an actor falls in: its side's code, or its id; `""` for no
    /// actor or no side.
    pub(crate) fn key(&self, actor: Option<&ActorId>, by: By) -> String {
        let Some(actor) = actor else {
            return String::new();
        };
        match by {
            By::Side => self
                .analysis
                .side_of(actor.as_str())
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
            By::Actor => actor.as_str().to_owned(),
        }
    }

    /// A group's label and its fuller description.
    pub(crate) fn label(&self, key: &str, by: By, none: &str) -> (String, String) {
        if key.is_empty() {
            return (none.to_owned(), none.to_owned());
        }
        match by {
            By::Side => match self.side_names.get(key) {
                Some(name) if *name != key => {
                    (format!("{name} ({key})"), format!("{name} ({key})"))
                }
                _ => (key.to_owned(), key.to_owned()),
            },
            By::Actor => {
                let actor = self.analysis.actor(key);
                let name = actor.map_or(key, |a| a.name.as_str());
                match self.analysis.side_of(key) {
                    Some(side) if side.as_str() != name => (
                        format!("{name} ({side})"),
                        format!("{name} ({side}), {key}"),
                    ),
                    _ => (name.to_owned(), format!("{name}, {key}")),
                }
            }
        }
    }

    /// The side of a group: its own key by side, the actor's side by actor.
    pub(crate) fn side_key(&self, key: &str, by: By) -> String {
        match by {
            By::Side => key.to_owned(),
            By::Actor => self
                .analysis
                .side_of(key)
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
        }
    }

    /// A stance described for a tooltip: kind, modality and target; speaker
    /// (and holder when another), date and document; the cue.
    pub(crate) fn describe(&self, item: &Item<'_>) -> String {
        let s = item.stance;
        let mut out = String::from(s.kind.as_str());
        if let Some(m) = modality_word(s.modality) {
            out.push_str(" (");
            out.push_str(m);
            out.push(')');
        }
        if let Some(t) = &s.target {
            out.push_str(" → ");
            out.push_str(self.name(t));
        }
        out.push('\n');
        out.push_str(self.name(&item.statement.speaker));
        if s.holder != item.statement.speaker {
            out.push_str(" for ");
            out.push_str(self.name(&s.holder));
        }
        out.push_str(", ");
        out.push_str(&date_text(item.dates));
        out.push_str(", ");
        out.push_str(item.statement.document.as_str());
        out.push_str("\n“");
        out.push_str(&s.cue.text);
        out.push('”');
        out
    }

    /// A short example line for a tooltip over many stances: speaker, date,
    /// cue.
    pub(crate) fn example(&self, item: &Item<'_>) -> String {
        format!(
            "{}, {}: “{}”{}",
            self.name(&item.statement.speaker),
            date_text(item.dates),
            item.stance.cue.text,
            modality_word(item.stance.modality)
                .map(|m| format!(" ({m})"))
                .unwrap_or_default()
        )
    }
}

/// How a modality other than a plain assertion is named in tooltips.
pub(crate) fn modality_word(m: Modality) -> Option<&'static str> {
    match m {
        Modality::Asserted => None,
        Modality::Conditional => Some("conditional"),
        Modality::Intended => Some("intended"),
        Modality::Negated => Some("negated"),
        Modality::Hedged => Some("hedged"),
    }
}

/// A date range as text: a day, a range, or "undated".
pub(crate) fn date_text(dates: Option<DateRange>) -> String {
    dates.map_or_else(|| "undated".to_owned(), |d| d.to_string())
}

/// Groups ranked for display: the largest first, ties by label; past `max`
/// the rest fold into one "others" group.
pub(crate) struct Groups {
    /// Key, label, tooltip and count per group, in display order.
    pub list: Vec<Group>,
    index: HashMap<String, usize>,
    other: Option<usize>,
}

/// One lane, row or column.
pub(crate) struct Group {
    pub label: String,
    pub tooltip: String,
    pub count: usize,
}

impl Groups {
    /// Ranks the groups of `keys` (one per stance, repeats counted).
    /// By actor, groups of one side stay together, sides in order of size.
    pub(crate) fn rank<'k>(
        plotted: &Plotted<'_>,
        by: By,
        keys: impl Iterator<Item = &'k str>,
        none: &str,
        max: usize,
    ) -> Groups {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
        let mut side_counts: HashMap<String, usize> = HashMap::new();
        let mut rows: Vec<(String, &str, usize, String, String)> = counts
            .into_iter()
            .map(|(k, n)| {
                let side = plotted.side_key(k, by);
                *side_counts.entry(side.clone()).or_default() += n;
                let (label, tooltip) = plotted.label(k, by, none);
                (side, k, n, label, tooltip)
            })
            .collect();
        // "No side" or "no target" goes last whatever its size.
        rows.sort_by(|a, b| {
            let side = |r: &(String, &str, usize, String, String)| {
                (
                    r.0.is_empty(),
                    std::cmp::Reverse(side_counts.get(&r.0).copied().unwrap_or(0)),
                )
            };
            side(a)
                .cmp(&side(b))
                .then_with(|| a.0.cmp(&b.0))
                .then_with(|| a.1.is_empty().cmp(&b.1.is_empty()))
                .then_with(|| b.2.cmp(&a.2))
                .then_with(|| a.3.cmp(&b.3))
                .then_with(|| a.1.cmp(b.1))
        });
        let mut groups = Groups {
            list: Vec::new(),
            index: HashMap::new(),
            other: None,
        };
        let max = max.max(1);
        let fold = rows.len() > max;
        for (i, (_, key, n, label, tooltip)) in rows.into_iter().enumerate() {
            if fold && i + 1 >= max {
                let at = *groups.other.get_or_insert_with(|| {
                    groups.list.push(Group {
                        label: String::new(),
                        tooltip: String::new(),
                        count: 0,
                    });
                    groups.list.len() - 1
                });
                groups.list[at].count += n;
                groups.index.insert(key.to_owned(), at);
                continue;
            }
            groups.index.insert(key.to_owned(), groups.list.len());
            groups.list.push(Group {
                label,
                tooltip,
                count: n,
            });
        }
        if let Some(at) = groups.other {
            let folded = groups.index.values().filter(|&&i| i == at).count();
            let what = match by {
                By::Side => "sides",
                By::Actor => "actors",
            };
            groups.list[at].label = format!("{folded} other {what}");
            groups.list[at].tooltip = format!(
                "{folded} other {what} with {} stances, folded into one",
                groups.list[at].count
            );
        }
        groups
    }

    /// The position of a key's group.
    pub(crate) fn of(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }
}
