//! Shows how the parser read an article: mentions, attributions, stances.
//!
//!     cargo run --example explain -- [--date YYYY-MM-DD] [--lexicon FILE]... [--no-stance-model] [--stance-thresholds FILE] FILE
//!
//! Each `--lexicon FILE` extends the built-in lexicon (see the `analyze`
//! example), so new entries can be tried out here first. Each statement's
//! line `model for ...` gives the statistical recogniser's score for each
//! kind against its threshold, and the features that weighed most.

mod common;

use std::process::ExitCode;

const USAGE: &str = "usage: explain [--date YYYY-MM-DD] [--lexicon FILE]... FILE";

fn fail(status: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(status)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut date, mut file, mut lexicons) = (None, None, Vec::new());
    let mut model = common::ModelOptions::default();
    while let Some(a) = args.next() {
        match model.take("explain", &a, &mut args) {
            Ok(true) => continue,
            Ok(false) => {}
            Err(e) => return fail(2, e),
        }
        let done = match a.as_str() {
            "--date" => common::date("explain", args.next()).map(|d| date = Some(d)),
            "--lexicon" => common::lexicon_file("explain", args.next()).map(|f| lexicons.push(f)),
            "-h" | "--help" => {
                println!(
                    "{USAGE}\n  {}\n  {}",
                    common::LEXICON_USAGE,
                    common::MODEL_USAGE
                );
                return ExitCode::SUCCESS;
            }
            _ if file.is_none() => {
                file = Some(a);
                Ok(())
            }
            _ => Err(USAGE.to_owned()),
        };
        if let Err(e) = done {
            return fail(2, e);
        }
    }
    let Some(file) = file else {
        return fail(2, USAGE);
    };
    let parser = match common::parser("explain", &lexicons).and_then(|p| model.apply("explain", p))
    {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => return fail(1, format!("explain: cannot read {file}: {e}")),
    };
    match parser.explain(&text, date) {
        Ok(s) => {
            print!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => fail(1, format!("explain: {e}")),
    }
}
