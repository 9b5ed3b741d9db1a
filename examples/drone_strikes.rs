//! The drone-strikes article as a readable report: actors with roles and
//! sides, each statement with its speaker, relay chain, stances, cues and
//! evidence, and the timeline — all read from the text by the parser.
//!
//!     cargo run --example drone_strikes

use chrono::NaiveDate;
use demarche::{Analysis, Granularity, Parser, Timeline, TimelineItem};

/// A copy of `shared/corpus/dev/drone_strikes.txt`, shipped with the crate.
const ARTICLE: &str = include_str!("data/drone_strikes.txt");

fn main() {
    // The article was published on June 5, 2025: "June 1" and "recent"
    // resolve against that date.
    let published = NaiveDate::from_ymd_opt(2025, 6, 5);
    let parsed = match Parser::new().parse_document("drone_strikes", ARTICLE, published) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("drone_strikes: {e}");
            std::process::exit(1);
        }
    };
    print!("{}", report(&parsed.analysis, ARTICLE));
    for d in &parsed.diagnostics {
        println!("note: {} [{}]", d.message, d.span);
    }
}

/// A readable report of an analysis of one text.
fn report(a: &Analysis, text: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let name = |id: &demarche::ActorId| {
        a.actor(id)
            .map_or(id.as_str(), |x| x.name.as_str())
            .to_owned()
    };
    let side = |id: &demarche::ActorId| a.side_of(id).map_or("?".to_owned(), |c| c.to_string());
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
                "    {:<13} {} -> {}  cue \"{}\" [{}]  {:?}, {:?}, CAMEO {} ({:+.1}){}",
                s.kind.as_str(),
                side(&s.holder),
                s.target
                    .as_ref()
                    .map_or("-".to_owned(), |t| format!("{} ({})", side(t), name(t))),
                s.cue.text,
                s.cue.span,
                s.modality,
                s.intensity,
                s.cameo.as_deref().unwrap_or("-"),
                s.goldstein.unwrap_or(0.0),
                if s.labels.is_empty() {
                    String::new()
                } else {
                    let labels: Vec<&str> = s.labels.iter().map(|l| l.text.as_str()).collect();
                    format!(", framed as \"{}\"", labels.join("\", \""))
                },
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
                    let who: Vec<String> = ev.actors().into_iter().map(&name).collect();
                    format!(
                        "event {}: \"{}\" ({})",
                        ev.kind,
                        ev.description,
                        who.join(", ")
                    )
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
