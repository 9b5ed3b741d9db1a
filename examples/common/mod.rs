//! Command-line pieces the examples share: `--date`, `--lexicon`, and
//! reading articles or saved analyses into one analysis.
//!
//! Not an example of its own (cargo builds `examples/*.rs` and
//! `examples/*/main.rs`); each example that needs it says `mod common;`.

// Each example uses only some of these.
#![allow(dead_code)]

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;
use demarche::lexicon::Lexicon;
use demarche::{Analysis, Parser};

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

/// Reads every file into one analysis: `NAME.json` (an analysis, as
/// `analyze` prints it) and `NAME.jsonl` (analyses as JSON Lines, as `batch`
/// writes them) are loaded; any other file is an article, parsed with its
/// date, its id the file's stem (made unique when two files share one).
pub fn load(
    program: &str,
    parser: &Parser,
    files: &[(String, Option<NaiveDate>)],
) -> Result<Analysis, String> {
    let mut analyses = Vec::new();
    let mut ids = HashSet::new();
    for (file, date) in files {
        let bytes =
            std::fs::read(file).map_err(|e| format!("{program}: cannot read {file}: {e}"))?;
        let ext = Path::new(file)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        if matches!(ext, "json" | "jsonl") {
            let text =
                std::str::from_utf8(&bytes).map_err(|e| format!("{program}: {file}: {e}"))?;
            let docs: Vec<&str> = if ext == "json" {
                vec![text]
            } else {
                text.lines().filter(|l| !l.trim().is_empty()).collect()
            };
            for (n, doc) in docs.into_iter().enumerate() {
                let a = Analysis::from_json(doc).map_err(|e| {
                    let at = if ext == "jsonl" {
                        format!(" line {}", n + 1)
                    } else {
                        String::new()
                    };
                    format!("{program}: {file}{at}: {e}")
                })?;
                analyses.push(a);
            }
            continue;
        }
        let stem = Path::new(file)
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|s| !s.is_empty())
            .unwrap_or("document");
        // Two files with one name (in different folders) stay two documents.
        let mut id = stem.to_owned();
        let mut n = 1;
        while !ids.insert(id.clone()) {
            n += 1;
            id = format!("{stem}-{n}");
        }
        let parsed = parser
            .parse_bytes(&id, &bytes, *date)
            .map_err(|e| format!("{program}: {file}: {e}"))?;
        analyses.push(parsed.analysis);
    }
    Analysis::merge_all(analyses).map_err(|e| format!("{program}: {e}"))
}

/// The usage text of the stance model options, for the examples' help.
pub const MODEL_USAGE: &str = "--no-stance-model   the lexicon's rules alone\n  \
     --stance-thresholds FILE   the model's thresholds from FILE (lines `kind<TAB>threshold`)";

/// Options for the statistical stance recogniser.
#[derive(Default)]
pub struct ModelOptions {
    /// `--no-stance-model`.
    pub off: bool,
    /// `--stance-thresholds FILE`.
    pub thresholds: Option<String>,
}

impl ModelOptions {
    /// Takes `arg` (and its value from `args`) if it is a model option.
    pub fn take(
        &mut self,
        program: &str,
        arg: &str,
        args: &mut impl Iterator<Item = String>,
    ) -> Result<bool, String> {
        match arg {
            "--no-stance-model" => self.off = true,
            "--stance-thresholds" => {
                let f = args
                    .next()
                    .ok_or_else(|| format!("{program}: --stance-thresholds needs a file"))?;
                self.thresholds = Some(f);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The parser with these options applied.
    pub fn apply(&self, program: &str, parser: Parser) -> Result<Parser, String> {
        if self.off {
            return Ok(parser.stance_model(None));
        }
        let Some(file) = &self.thresholds else {
            return Ok(parser);
        };
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("{program}: --stance-thresholds {file}: {e}"))?;
        let mut model = parser.model().cloned().unwrap_or_default();
        model
            .read_thresholds(&text)
            .map_err(|e| format!("{program}: --stance-thresholds {file}: {e}"))?;
        Ok(parser.stance_model(Some(model)))
    }
}
