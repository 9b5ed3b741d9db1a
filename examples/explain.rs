//! Shows how the parser read an article: mentions, attributions, stances.
//!
//!     cargo run --example explain -- [--date YYYY-MM-DD] [--lexicon FILE]... FILE
//!
//! Each `--lexicon FILE` extends the built-in lexicon (see the `analyze`
//! example), so new entries can be tried out here first.

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
    while let Some(a) = args.next() {
        let done = match a.as_str() {
            "--date" => common::date("explain", args.next()).map(|d| date = Some(d)),
            "--lexicon" => common::lexicon_file("explain", args.next()).map(|f| lexicons.push(f)),
            "-h" | "--help" => {
                println!("{USAGE}\n  {}", common::LEXICON_USAGE);
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
    let parser = match common::parser("explain", &lexicons) {
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
