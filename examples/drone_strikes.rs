//! The drone-strikes article as a readable report: actors with roles and
//! sides, each statement with its speaker, relay chain, stances, cues and
//! evidence, and the timeline.
//!
//! The parser has not landed yet, so this example builds the article's model
//! by hand through the public API, and says so in its output.
//!
//!     cargo run --example drone_strikes

use chrono::NaiveDate;
use demarche::{
    Actor, ActorKind, Analysis, CountryCode, Cue, Document, Event, EventKind, Granularity, Role,
    Span, Stance, StanceKind, Statement, Timeline, TimelineItem, When,
};

const ARTICLE: &str = include_str!("data/drone_strikes.txt");

fn main() {
    let analysis = by_hand();
    println!(
        "NOTE: this model was built by hand through the public API; the parser has not landed yet.\n"
    );
    print!("{}", report(&analysis, ARTICLE));
}

fn span_of(needle: &str) -> Span {
    let start = ARTICLE.find(needle).unwrap_or(0);
    Span::new(start, start + needle.len())
}

fn line_of(needle: &str) -> (Span, String) {
    let at = span_of(needle).start;
    let start = ARTICLE[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = ARTICLE[at..].find('\n').map_or(ARTICLE.len(), |i| at + i);
    (Span::new(start, end), ARTICLE[start..end].to_owned())
}

fn by_hand() -> Analysis {
    let code = |c: &str| CountryCode::new(c).expect("valid code");
    let reference = NaiveDate::from_ymd_opt(2025, 6, 5);
    let mut a = Analysis::new();
    let mut doc = Document::new("drone_strikes", ARTICLE.len());
    doc.date = reference;
    a.add_document(doc).expect("one document");
    a.add_actor(
        Actor::new("rus", "Russia", ActorKind::State)
            .with_country(code("RUS"))
            .with_alias("Moscow"),
    );
    a.add_actor(
        Actor::new("ukr", "Ukraine", ActorKind::State)
            .with_country(code("UKR"))
            .with_alias("Kyiv"),
    );
    a.add_actor(
        Actor::new("rus.kremlin", "Kremlin", ActorKind::Institution).with_affiliation("rus"),
    );
    a.add_actor(
        Actor::new("rus.dmitry-peskov", "Dmitry Peskov", ActorKind::Person)
            .with_alias("Peskov")
            .with_affiliation("rus.kremlin")
            .with_role(Role::new("spokesperson").in_organization("rus.kremlin")),
    );
    a.add_actor(
        Actor::new("rus.vladimir-putin", "Vladimir Putin", ActorKind::Person)
            .with_alias("Putin")
            .with_affiliation("rus")
            .with_role(Role::new("President")),
    );
    let (span, text) = line_of("Russia will strike back");
    a.add_statement(
        Statement::new("drone_strikes", "rus.dmitry-peskov", span, text)
            .with_attribution(Cue::new("made it clear", span_of("made it clear")))
            .with_date(When::Unknown, reference)
            .with_stance(
                Stance::new(
                    StanceKind::Retaliation,
                    "rus",
                    Cue::new("strike back", span_of("strike back")),
                )
                .with_target("ukr"),
            ),
    );
    let (span, text) = line_of("the measures Russia plans");
    a.add_statement(
        Statement::new("drone_strikes", "rus.vladimir-putin", span, text)
            .reported_by("rus.dmitry-peskov")
            .with_attribution(Cue::new("According to", span_of("According to")))
            .with_date(When::Unknown, reference)
            .with_stance(
                Stance::new(
                    StanceKind::Retaliation,
                    "rus",
                    Cue::new("in response", span_of("in response")),
                )
                .with_target("ukr"),
            ),
    );
    a.add_event(
        Event::new(
            "drone_strikes",
            EventKind::Attack,
            Cue::new("drone strikes", span_of("drone strikes")),
        )
        .with_initiator("ukr")
        .with_target("rus")
        .with_date(
            When::Partial {
                month: 6,
                day: Some(1),
            },
            NaiveDate::from_ymd_opt(2025, 6, 1),
        ),
    );
    a
}

/// A readable report of an analysis of one text.
fn report(a: &Analysis, text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let name = |id: &demarche::ActorId| {
        a.actor(id.as_str())
            .map_or(id.as_str(), |x| x.name.as_str())
            .to_owned()
    };
    let side = |id: &demarche::ActorId| {
        a.side_of(id.as_str())
            .map_or("?".to_owned(), |c| c.to_string())
    };
    let _ = writeln!(out, "ACTORS");
    for actor in a.actors().values() {
        let roles: Vec<&str> = actor.roles.iter().map(|r| r.title.as_str()).collect();
        let _ = writeln!(
            out,
            "  {:<28} {:<26} side {:<5} {}{}",
            actor.id,
            actor.name,
            side(&actor.id),
            format!("{:?}", actor.kind).to_lowercase(),
            if roles.is_empty() {
                String::new()
            } else {
                format!(", {}", roles.join(", "))
            },
        );
    }
    let _ = writeln!(out, "\nSTATEMENTS");
    for st in a.statements() {
        let relay: Vec<String> = st.reported_by.iter().map(&name).collect();
        let _ = writeln!(
            out,
            "  {} ({}){}, {}, {}",
            name(&st.speaker),
            side(&st.speaker),
            if relay.is_empty() {
                String::new()
            } else {
                format!(", via {}", relay.join(" > "))
            },
            st.quote,
            st.date.map_or("undated".to_owned(), |d| d.to_string()),
        );
        let _ = writeln!(
            out,
            "    \"{}\"  [{}]",
            st.span.slice(text).unwrap_or(""),
            st.span
        );
        if let Some(cue) = &st.attribution {
            let _ = writeln!(out, "    attributed by \"{}\" [{}]", cue.text, cue.span);
        }
        for s in &st.stances {
            let _ = writeln!(
                out,
                "    {:<13} {} -> {}  cue \"{}\" [{}]  {:?}, {:?}, CAMEO {} ({:+.1})",
                s.kind.as_str(),
                side(&s.holder),
                s.target.as_ref().map_or("-".to_owned(), &side),
                s.cue.text,
                s.cue.span,
                s.modality,
                s.intensity,
                s.cameo.as_deref().unwrap_or("-"),
                s.goldstein.unwrap_or(0.0),
            );
        }
    }
    let _ = writeln!(out, "\nTIMELINE");
    let timeline = Timeline::new(a);
    for group in timeline.group_by(Granularity::Day) {
        let _ = writeln!(
            out,
            "  {}",
            group.period.map_or("undated".to_owned(), |p| p.to_string())
        );
        for e in &group.entries {
            let line = match e.item {
                TimelineItem::Event(i) => {
                    let ev = &a.events()[i];
                    format!("event {}: {}", ev.kind, ev.description)
                }
                TimelineItem::Statement(i) => {
                    let st = &a.statements()[i];
                    let kinds: Vec<&str> = st.stances.iter().map(|s| s.kind.as_str()).collect();
                    format!("{} says [{}]", name(&st.speaker), kinds.join(", "))
                }
            };
            let _ = writeln!(out, "    {line}");
        }
    }
    out
}
