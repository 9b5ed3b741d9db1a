//! Parses articles and prints the statements a query selects, as JSON.
//!
//!     cargo run --example query -- [--date YYYY-MM-DD] [--count-by FIELD[,FIELD]] [--explain] [--lexicon FILE]... FILE... QUERY
//!
//! Each FILE is parsed with the built-in lexicon (extended by each
//! `--lexicon` file, as in the `analyze` example), its publication date being
//! the last `--date` given before it (so `--date 2025-06-05 a.txt --date
//! 2022-10-08 b.txt` dates each article); the analyses are merged, and QUERY
//! (in the query language of `demarche::query`) is run over them. It prints
//!
//!     {"count": N, "statements": [...]}
//!
//! with the statements serialized exactly as in the analysis JSON that the
//! `analyze` example prints. With `--count-by`, it prints the results counted
//! by one or more of speaker, speaker_side, holder, holder_side, target,
//! target_side, kind, quote, via, date, week, month and document instead.
//!
//! Warnings go to standard error, each with the query, a caret under the
//! problem and its column: a lowercase `or`, `and` or `not` between terms
//! (searched for as a word, not an operator), an actor value followed by
//! capitalised words (`target:United States`: write `target:"United
//! States"`), and an actor value that selects no actor of the articles (a
//! typo, a side no one is on). The query still runs. With `--explain`,
//! standard error also shows what each term selected: the sides and actors
//! of an actor value (`holder:American -> side USA`), the text search of a
//! bare word.
//!
//! Exit status: 0 on success; 1 if a file cannot be read, is not UTF-8 or is
//! too large; 2 for a malformed query, command line or lexicon file (the query's error,
//! with a caret under the problem, goes to standard error).
//!
//! Examples:
//!
//!     cargo run --example query -- --date 2025-06-05 examples/data/drone_strikes.txt 'holder:RUS kind:retaliation'
//!     cargo run --example query -- --date 2025-06-05 examples/data/drone_strikes.txt --count-by holder_side,kind 'target:UKR'
//!     cargo run --example query -- --explain --date 2025-06-05 examples/data/drone_strikes.txt 'holder:Russian kind:retaliation or kind:negotiation'

mod common;

use std::process::ExitCode;

use chrono::NaiveDate;
use demarche::Statement;
use demarche::query::{Filter, GroupBy, Index};

/// What the example prints: the statements serialize field for field as in
/// the analysis JSON.
#[derive(serde::Serialize)]
struct Output<'a> {
    count: usize,
    statements: Vec<&'a Statement>,
}

const USAGE: &str = "usage: query [--date YYYY-MM-DD] [--count-by FIELD[,FIELD]] [--explain] [--lexicon FILE]... FILE... QUERY   (FILE: an article's text, NAME.json or NAME.jsonl)";

fn fail(status: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(status)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut date: Option<NaiveDate> = None;
    let mut count_by: Option<Vec<GroupBy>> = None;
    let mut lexicons = Vec::new();
    let mut explain = false;
    // Positional arguments, each with the date in force when it was given.
    let mut positional: Vec<(String, Option<NaiveDate>)> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--date" => {
                let Some(d) = args.next() else {
                    return fail(2, USAGE);
                };
                match NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                    Ok(d) => date = Some(d),
                    Err(e) => {
                        return fail(
                            2,
                            format!("query: bad --date {d:?}: {e} (expected YYYY-MM-DD)"),
                        );
                    }
                }
            }
            "--count-by" => {
                let Some(list) = args.next() else {
                    return fail(2, USAGE);
                };
                let fields: Result<Vec<GroupBy>, _> =
                    list.split(',').map(|f| f.trim().parse()).collect();
                match fields {
                    Ok(fields) => count_by = Some(fields),
                    Err(e) => return fail(2, format!("query: --count-by: {e}")),
                }
            }
            "--lexicon" => match common::lexicon_file("query", args.next()) {
                Ok(f) => lexicons.push(f),
                Err(e) => return fail(2, e),
            },
            "--explain" => explain = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--" => positional.extend(args.by_ref().map(|a| (a, date))),
            _ => positional.push((arg, date)),
        }
    }
    let Some((query, _)) = positional.pop() else {
        return fail(2, USAGE);
    };
    if positional.is_empty() {
        return fail(2, USAGE);
    }
    // The query first: a typo should not wait for the parsing.
    if let Err(e) = Filter::parse(&query) {
        return fail(2, e);
    }

    let parser = match common::parser("query", &lexicons) {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let analysis = match common::load("query", &parser, &positional) {
        Ok(a) => a,
        Err(e) => return fail(1, e),
    };

    // Names of states a user lexicon adds resolve to their sides too.
    let index = Index::new(&analysis).with_lexicon(parser.lexicon());
    let explanation = match index.explain(&query) {
        Ok(x) => x,
        Err(e) => return fail(2, e),
    };
    if explain {
        eprint!("{explanation}");
    } else {
        for warning in explanation.warnings() {
            eprintln!("{warning}");
        }
    }
    let hits = index.search(explanation.filter());
    let json = match count_by {
        Some(fields) => serde_json::to_string_pretty(&hits.count_by(&fields)),
        None => serde_json::to_string_pretty(&Output {
            count: hits.len(),
            statements: hits.statements().collect(),
        }),
    };
    match json {
        Ok(json) => {
            // A reader that stops early (`| head`) is no error.
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{json}") {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    fail(1, format!("query: {e}"))
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(e) => fail(1, format!("query: {e}")),
    }
}
