//! Prints the analysis of one article as JSON (the shape of
//! `shared/eval/CONTRACT.md`).
//!
//!     cargo run --example analyze -- [--date YYYY-MM-DD] [--lexicon FILE]... [--no-stance-model] [--stance-thresholds FILE] FILE
//!
//! `FILE` may be `-` for standard input. Input that is not UTF-8 is refused
//! with the offset of the first invalid byte (exit status 1).
//!
//! Each `--lexicon FILE` extends the built-in lexicon with the rows of a
//! table file in the format of the files under `data/` (the table named by
//! the file's stem, `people.tsv`, or by a first line `#! table: NAME`); a
//! file that cannot be read or holds a bad row stops the run with its name,
//! table and line (exit status 2).
//!
//! `--no-stance-model` analyzes with the lexicon's rules alone;
//! `--stance-thresholds FILE` sets the statistical recogniser's thresholds
//! (lines `kind<TAB>threshold`, as in `data/stance_thresholds.tsv`).

mod common;

use std::io::{Read, Write};
use std::process::ExitCode;

use chrono::NaiveDate;

fn usage() -> ExitCode {
    eprintln!(
        "usage: analyze [--date YYYY-MM-DD] [--lexicon FILE]... FILE   (FILE may be - for standard input)\n  {}\n  {}",
        common::LEXICON_USAGE,
        common::MODEL_USAGE
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut date: Option<NaiveDate> = None;
    let mut file: Option<String> = None;
    let mut lexicons: Vec<String> = Vec::new();
    let mut model = common::ModelOptions::default();
    while let Some(a) = args.next() {
        match model.take("analyze", &a, &mut args) {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
        match a.as_str() {
            "--lexicon" => match common::lexicon_file("analyze", args.next()) {
                Ok(f) => lexicons.push(f),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            },
            "--date" => {
                let Some(d) = args.next() else { return usage() };
                match NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                    Ok(d) => date = Some(d),
                    Err(e) => {
                        eprintln!("analyze: bad --date {d:?}: {e} (expected YYYY-MM-DD)");
                        return ExitCode::from(2);
                    }
                }
            }
            "-h" | "--help" => {
                usage();
                return ExitCode::SUCCESS;
            }
            _ if file.is_none() => file = Some(a),
            _ => return usage(),
        }
    }
    let Some(file) = file else { return usage() };
    let parser = match common::parser("analyze", &lexicons).and_then(|p| model.apply("analyze", p))
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(&file).map(|b| bytes = b)
    };
    if let Err(e) = read {
        eprintln!("analyze: cannot read {file}: {e}");
        return ExitCode::from(1);
    }
    let id = std::path::Path::new(&file)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty() && *s != "-")
        .unwrap_or("stdin");
    match parser.parse_bytes(id, &bytes, date) {
        Ok(parsed) => {
            // Streamed, not held whole: the JSON is about nine times the text.
            let mut out = std::io::stdout().lock();
            let written = parsed
                .analysis
                .write_json(&mut out)
                .and_then(|()| out.write_all(b"\n"))
                .and_then(|()| out.flush());
            // The process ends here: leave the analysis's hundreds of
            // thousands of strings to the operating system rather than
            // freeing them one by one (2% of the run on a large file).
            std::mem::forget(parsed);
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("analyze: cannot write the output: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Err(e) => {
            eprintln!("analyze: {file}: {e}");
            ExitCode::from(1)
        }
    }
}
