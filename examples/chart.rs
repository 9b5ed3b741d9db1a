//! Draws a stance timeline or a dyad chart of articles or saved analyses,
//! as SVG on standard output.
//!
//!     cargo run --example chart -- [--date YYYY-MM-DD] [--by side|actor] [--kind timeline|dyad]
//!         [--granularity day|week|month] [--title TEXT] [--query QUERY] FILE... > chart.svg
//!
//! Each FILE is an article (any name but the two below), parsed with the
//! built-in lexicon and dated by the last `--date` given before it; or an
//! analysis saved as JSON (`*.json`, as the `analyze` example prints) or
//! as JSON Lines (`*.jsonl`, one analysis per line, as the `batch` example
//! prints). Everything is merged into one analysis. With `--query`, only
//! the stances the query matches are drawn (the query language of
//! `demarche::query`).
//!
//! `--kind` picks the chart (the timeline by default), `--by` groups lanes,
//! rows and columns by side (the default) or by actor, `--granularity`
//! fixes the timeline's column size (by default the finest that needs at
//! most 40 columns), `--title` sets the heading (by default the files'
//! names, and the query).
//!
//! Exit status: 0 on success; 1 if a file cannot be read or parsed or the
//! analyses cannot be merged; 2 for a malformed command line or query.
//!
//! Examples:
//!
//!     cargo run --example chart -- --date 2025-06-05 examples/data/drone_strikes.txt > timeline.svg
//!     cargo run --example chart -- --kind dyad --date 2025-06-05 examples/data/drone_strikes.txt > dyad.svg
//!     cargo run --example chart -- --by actor --query 'kind:negotiation' analyses.jsonl > talks.svg

mod common;

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use demarche::Granularity;
use demarche::chart::{By, DyadChart, TimelineChart};
use demarche::query::{Filter, Index};

const USAGE: &str = "usage: chart [--date YYYY-MM-DD] [--by side|actor] [--kind timeline|dyad] \
[--granularity day|week|month] [--title TEXT] [--query QUERY] [--lexicon FILE]... FILE...";

fn fail(status: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(status)
}

/// What the command line asks for.
struct Options {
    by: By,
    dyad: bool,
    granularity: Option<Granularity>,
    title: Option<String>,
    query: Option<String>,
    /// Lexicon files extending the built-in lexicon.
    lexicons: Vec<String>,
    /// Files, each with the date in force when it was named.
    files: Vec<(String, Option<NaiveDate>)>,
}

/// The options, or `None` when help was asked for.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut o = Options {
        by: By::Side,
        dyad: false,
        granularity: None,
        title: None,
        query: None,
        lexicons: Vec::new(),
        files: Vec::new(),
    };
    let mut date = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("chart: {name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--date" => {
                let d = value("--date")?;
                date =
                    Some(NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| {
                        format!("chart: bad --date {d:?}: {e} (expected YYYY-MM-DD)")
                    })?);
            }
            "--by" => {
                o.by = value("--by")?
                    .parse()
                    .map_err(|e| format!("chart: --by: {e}"))?
            }
            "--kind" => {
                o.dyad = match value("--kind")?.as_str() {
                    "timeline" => false,
                    "dyad" => true,
                    other => {
                        return Err(format!(
                            "chart: --kind: unknown chart {other:?}: expected timeline or dyad"
                        ));
                    }
                }
            }
            "--granularity" => {
                o.granularity = Some(match value("--granularity")?.as_str() {
                    "day" => Granularity::Day,
                    "week" => Granularity::Week,
                    "month" => Granularity::Month,
                    other => {
                        return Err(format!(
                            "chart: --granularity: unknown {other:?}: expected day, week or month"
                        ));
                    }
                })
            }
            "--title" => o.title = Some(value("--title")?),
            "--query" => o.query = Some(value("--query")?),
            "--lexicon" => o.lexicons.push(value("--lexicon")?),
            "-h" | "--help" => return Ok(None),
            "--" => o.files.extend(args.by_ref().map(|a| (a, date))),
            _ if arg.starts_with("--") => {
                return Err(format!("chart: unknown option {arg}\n{USAGE}"));
            }
            _ => o.files.push((arg, date)),
        }
    }
    if o.files.is_empty() {
        return Err(USAGE.to_owned());
    }
    Ok(Some(o))
}

fn main() -> ExitCode {
    let o = match parse_args(std::env::args().skip(1)) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => return fail(2, message),
    };
    // The query first: a typo should not wait for the parsing.
    let filter = match o.query.as_deref().map(Filter::parse).transpose() {
        Ok(f) => f,
        Err(e) => return fail(2, e),
    };
    let parser = match common::parser("chart", &o.lexicons) {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let analysis = match common::load("chart", &parser, &o.files) {
        Ok(a) => a,
        Err(e) => return fail(1, e),
    };
    let title = o.title.clone().unwrap_or_else(|| {
        let names: Vec<&str> = o
            .files
            .iter()
            .map(|(f, _)| {
                Path::new(f)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or(f)
            })
            .collect();
        let mut t = if names.len() > 3 {
            format!("{}, {} and {} more", names[0], names[1], names.len() - 2)
        } else {
            names.join(", ")
        };
        if let Some(q) = &o.query {
            t.push_str(&format!(" — {q}"));
        }
        t
    });
    let index = Index::new(&analysis);
    let hits = filter.as_ref().map(|f| index.search(f));
    let svg = if o.dyad {
        let chart = DyadChart::new().by(o.by).title(title);
        match &hits {
            Some(h) => chart.render_hits(h),
            None => chart.render(&analysis),
        }
    } else {
        let mut chart = TimelineChart::new().by(o.by).title(title);
        if let Some(g) = o.granularity {
            chart = chart.granularity(g);
        }
        match &hits {
            Some(h) => chart.render_hits(h),
            None => chart.render(&analysis),
        }
    };
    print!("{svg}");
    ExitCode::SUCCESS
}
