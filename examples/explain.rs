//! Shows how the parser read an article: mentions, attributions, stances.
//!
//!     cargo run --example explain -- [--date YYYY-MM-DD] FILE

use std::process::ExitCode;

use chrono::NaiveDate;
use demarche::Parser;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (date, file) = match args.as_slice() {
        [flag, d, f] if flag == "--date" => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(d) => (Some(d), f),
            Err(e) => {
                eprintln!("explain: bad --date {d:?}: {e}");
                return ExitCode::from(2);
            }
        },
        [f] => (None, f),
        _ => {
            eprintln!("usage: explain [--date YYYY-MM-DD] FILE");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("explain: cannot read {file}: {e}");
            return ExitCode::from(1);
        }
    };
    match Parser::new().explain(&text, date) {
        Ok(s) => {
            print!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("explain: {e}");
            ExitCode::from(1)
        }
    }
}
