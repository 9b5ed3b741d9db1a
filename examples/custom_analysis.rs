//! Building your own analysis on the public API: an escalation index per
//! dyad (holder side, target side) and ISO week.
//!
//!     cargo run --example custom_analysis -- [--json] [--query QUERY] [--date YYYY-MM-DD] [FILE...]
//!
//! Without files it reads the bundled drone-strikes article, published
//! 2025-06-05. Each file's date is the last `--date` given before it.
//!
//! Every stance carries the Goldstein value of its CAMEO code (from -10, the
//! most conflictual, to +10, the most cooperative) and an intensity ("strongly
//! condemned" is high). The index sums, per dyad and week, the conflict of
//! the stances (`-goldstein × weight` for negative values) minus their
//! cooperation (`goldstein × weight` for positive ones); above zero the
//! dyad's rhetoric is escalating. Negated stances ("ruled out talks") are
//! left out, and `--query` narrows the stances counted (by default, every
//! stance with a target).
//!
//! The steps are the ones any custom analysis takes: parse and merge
//! ([`Parser`], [`Analysis::merge_all`]), select with a [`Filter`] over an
//! [`Index`], walk the [`Hits`](demarche::query::Hits) and their matched
//! stances, resolve sides with [`Analysis::side_of`], bucket dates with
//! [`Granularity::period`], and emit a serde type.

use std::collections::BTreeMap;
use std::process::ExitCode;

use chrono::NaiveDate;
use demarche::query::{Field, Filter, Index};
use demarche::{Analysis, Granularity, Parser};
use serde::Serialize;

const BUNDLED: &str = include_str!("data/drone_strikes.txt");

/// One dyad in one week.
#[derive(Debug, Default, Serialize)]
struct Cell {
    week: NaiveDate,
    holder: String,
    target: String,
    stances: usize,
    conflict: f64,
    cooperation: f64,
    escalation: f64,
}

fn escalation(analysis: &Analysis, filter: &Filter) -> Vec<Cell> {
    let index = Index::new(analysis);
    let mut cells: BTreeMap<(NaiveDate, String, String), Cell> = BTreeMap::new();
    for hit in &index.search(filter) {
        let statement = hit.statement();
        let Some(date) = statement.date else { continue };
        let week = Granularity::Week.period(date).start;
        for stance in hit.stances() {
            let (Some(goldstein), true) = (stance.goldstein, stance.is_held()) else {
                continue;
            };
            let holder = analysis.side_of(&stance.holder);
            let target = stance.target.as_ref().and_then(|t| analysis.side_of(t));
            let (Some(holder), Some(target)) = (holder, target) else {
                continue;
            };
            let key = (week, holder.to_string(), target.to_string());
            let cell = cells.entry(key).or_insert_with(|| Cell {
                week,
                holder: holder.to_string(),
                target: target.to_string(),
                ..Cell::default()
            });
            let weighted = goldstein * stance.intensity.weight();
            cell.stances += 1;
            if weighted < 0.0 {
                cell.conflict -= weighted;
            } else {
                cell.cooperation += weighted;
            }
            cell.escalation = cell.conflict - cell.cooperation;
        }
    }
    let mut out: Vec<Cell> = cells.into_values().collect();
    out.sort_by(|a, b| {
        a.week
            .cmp(&b.week)
            .then(b.escalation.total_cmp(&a.escalation))
    });
    out
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut json = false;
    let mut filter = Filter::exists(Field::Target);
    let mut date: Option<NaiveDate> = None;
    let mut files: Vec<(String, Option<NaiveDate>)> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--query" => match args.next().map(|q| Filter::parse(&q)) {
                Some(Ok(f)) => filter = f,
                Some(Err(e)) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
                None => return ExitCode::from(2),
            },
            "--date" => match args
                .next()
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
            {
                Some(d) => date = Some(d),
                None => {
                    eprintln!("custom_analysis: --date needs YYYY-MM-DD");
                    return ExitCode::from(2);
                }
            },
            _ => files.push((arg, date)),
        }
    }

    let parser = Parser::new();
    let mut analyses = Vec::new();
    if files.is_empty() {
        let date = NaiveDate::from_ymd_opt(2025, 6, 5);
        match parser.parse_document("drone_strikes", BUNDLED, date) {
            Ok(parsed) => analyses.push(parsed.analysis),
            Err(e) => {
                eprintln!("custom_analysis: {e}");
                return ExitCode::from(1);
            }
        }
    }
    for (i, (file, date)) in files.iter().enumerate() {
        let parsed = std::fs::read(file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                parser
                    .parse_bytes(&format!("{i}:{file}"), &bytes, *date)
                    .map_err(|e| e.to_string())
            });
        match parsed {
            Ok(parsed) => analyses.push(parsed.analysis),
            Err(e) => {
                eprintln!("custom_analysis: {file}: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let analysis = match Analysis::merge_all(analyses) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("custom_analysis: {e}");
            return ExitCode::from(1);
        }
    };

    let cells = escalation(&analysis, &filter);
    if json {
        match serde_json::to_string_pretty(&cells) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("custom_analysis: {e}");
                return ExitCode::from(1);
            }
        }
        return ExitCode::SUCCESS;
    }
    println!("Escalation index per dyad and week (stances matching `{filter}`)\n");
    println!(
        "{:<12} {:<10} {:<10} {:>7} {:>9} {:>11} {:>10}",
        "week of", "holder", "target", "stances", "conflict", "cooperation", "escalation"
    );
    for c in &cells {
        println!(
            "{:<12} {:<10} {:<10} {:>7} {:>9.1} {:>11.1} {:>+10.1}",
            c.week.to_string(),
            c.holder,
            c.target,
            c.stances,
            c.conflict,
            c.cooperation,
            c.escalation
        );
    }
    ExitCode::SUCCESS
}
