//! Command-line pieces the examples share: `--date` and `--lexicon`.
//!
//! Not an example of its own (cargo builds `examples/*.rs` and
//! `examples/*/main.rs`); each example that needs it says `mod common;`.

// Each example uses only some of these.
#![allow(dead_code)]

use chrono::NaiveDate;
use demarche::Parser;
use demarche::lexicon::Lexicon;

/// The usage text of `--lexicon`, for the examples' help.
pub const LEXICON_USAGE: &str = "--lexicon FILE   extend the built-in lexicon with a table file \
     (a data/*.tsv name or a first line `#! table: NAME`); repeatable";

/// A `--date` value: `YYYY-MM-DD`.
pub fn date(program: &str, value: Option<String>) -> Result<NaiveDate, String> {
    let value = value.ok_or_else(|| format!("{program}: --date needs a value (YYYY-MM-DD)"))?;
    NaiveDate::parse_from_str(&value, "%Y-%m-%d")
        .map_err(|e| format!("{program}: bad --date {value:?}: {e} (expected YYYY-MM-DD)"))
}

/// A `--lexicon` value: a file name.
pub fn lexicon_file(program: &str, value: Option<String>) -> Result<String, String> {
    value.ok_or_else(|| format!("{program}: --lexicon needs a file"))
}

/// The parser: the built-in one, or one whose lexicon is the built-in
/// lexicon extended with each file in turn. A file that cannot be read or
/// holds a bad row is an error naming the file, table and line.
pub fn parser(program: &str, lexicons: &[String]) -> Result<Parser, String> {
    if lexicons.is_empty() {
        // The shared, once-compiled built-in parser.
        return Ok(Parser::new());
    }
    let mut lexicon = Lexicon::builtin();
    for file in lexicons {
        lexicon
            .extend_from_file(file)
            .map_err(|e| format!("{program}: --lexicon {file}: {e}"))?;
    }
    Parser::with_lexicon(lexicon)
        .map_err(|e| format!("{program}: the lexicon does not compile: {e}"))
}
