//! Writes the stances of articles, or of analyses made before, as one
//! table: CSV, a GDELT-style event table, or PLOVER-style JSON Lines.
//!
//!     cargo run --example export -- --format csv|gdelt|plover [--date YYYY-MM-DD] [--lexicon FILE]... FILE...
//!
//! Each FILE is, by its name:
//!
//! - `NAME.json`: an analysis as JSON, as the `analyze` example prints it;
//! - `NAME.jsonl`: analyses as JSON Lines, one per line, as the `batch`
//!   example writes them (read a line at a time, so any size will do);
//! - `-`: standard input, read as analyses (one JSON document, or JSON
//!   Lines) if it begins with `{`, and as an article's text otherwise;
//! - anything else: an article's text, parsed with the built-in lexicon
//!   (extended by each `--lexicon` file), its document id the file's stem
//!   (`stdin` for standard input) and its publication date the last
//!   `--date` given before it.
//!
//! The rows of every input go to standard output as one table, in input
//! order: CSV and GDELT-style tables begin with their header row, written
//! once. Character spans are filled in for articles; analyses do not keep
//! their texts, so theirs are empty. Negated stances are left out of the
//! GDELT-style table. The formats are described in the crate's `export`
//! module.
//!
//! Standard error gets a line for each input that cannot be read or
//! parsed (the others are still written), a warning for a document id
//! seen twice (its rows' ids would clash), and a summary line: rows
//! written, documents, and negated stances left out.
//!
//! Exit status: 0; 1 if an input could not be read or parsed, or standard
//! output could not be written; 2 for a bad command line or lexicon file.
//!
//! Examples:
//!
//!     cargo run --example export -- --format csv --date 2025-06-05 examples/data/drone_strikes.txt > stances.csv
//!     target/release/examples/batch articles.jsonl | target/release/examples/export --format gdelt - > events.tsv

mod common;

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use demarche::export::{Format, Writer};
use demarche::{Analysis, Parser};

const USAGE: &str = "usage: export --format csv|gdelt|plover [--date YYYY-MM-DD] [--lexicon FILE]... FILE...   (FILE: an article's text, NAME.json, NAME.jsonl, or - for standard input)";

fn fail(status: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(status)
}

/// What the command line asks for.
struct Options {
    format: Format,
    lexicons: Vec<String>,
    /// The inputs, each with the `--date` in force where it was named.
    inputs: Vec<(String, Option<NaiveDate>)>,
}

fn options() -> Result<Option<Options>, String> {
    let mut args = std::env::args().skip(1);
    let mut format = None;
    let mut date = None;
    let mut lexicons = Vec::new();
    let mut inputs = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => {
                let value = args.next().ok_or(USAGE)?;
                format = Some(
                    value
                        .parse::<Format>()
                        .map_err(|e| format!("export: --format: {e}"))?,
                );
            }
            "--date" => date = Some(common::date("export", args.next())?),
            "--lexicon" => lexicons.push(common::lexicon_file("export", args.next())?),
            "-h" | "--help" => {
                println!("{USAGE}\n  {}", common::LEXICON_USAGE);
                return Ok(None);
            }
            "--" => inputs.extend(args.by_ref().map(|a| (a, date))),
            _ if arg.starts_with("--") => {
                return Err(format!("export: unknown option {arg}\n{USAGE}"));
            }
            _ => inputs.push((arg, date)),
        }
    }
    let format = format.ok_or_else(|| format!("export: --format is required\n{USAGE}"))?;
    if inputs.is_empty() {
        return Err(USAGE.into());
    }
    Ok(Some(Options {
        format,
        lexicons,
        inputs,
    }))
}

fn main() -> ExitCode {
    let options = match options() {
        Ok(Some(o)) => o,
        Ok(None) => return ExitCode::SUCCESS,
        Err(e) => return fail(2, e),
    };
    let parser = match common::parser("export", &options.lexicons) {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let stdout = io::stdout();
    let mut run = Run {
        parser,
        writer: Writer::new(options.format, BufWriter::new(stdout.lock())),
        documents: HashSet::new(),
        stems: HashSet::new(),
        failed: false,
    };
    let mut result = Ok(());
    for (input, date) in &options.inputs {
        result = run.input(input, *date);
        if result.is_err() {
            break;
        }
    }
    let (written, left_out) = (run.writer.rows_written(), run.writer.rows_left_out());
    let result = result.and_then(|()| run.writer.finish().map(drop));
    if let Err(e) = result {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("export: cannot write the output: {e}");
        }
        return ExitCode::from(1);
    }
    let documents = run.documents.len();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut summary = format!(
        "export: {written} row{} from {documents} document{}",
        plural(written as usize),
        plural(documents)
    );
    if left_out > 0 {
        summary += &format!(
            ", {left_out} negated stance{} left out of the GDELT table",
            plural(left_out as usize)
        );
    }
    eprintln!("{summary}");
    if run.failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

struct Run<W: Write> {
    parser: Parser,
    writer: Writer<W>,
    /// Document ids written so far.
    documents: HashSet<String>,
    /// Ids given to articles so far (file stems, made unique).
    stems: HashSet<String>,
    /// Whether an input could not be read or parsed.
    failed: bool,
}

impl<W: Write> Run<W> {
    /// Writes the rows of one input. Only a failure to write is an error;
    /// an input that cannot be read or parsed is reported and noted.
    fn input(&mut self, name: &str, date: Option<NaiveDate>) -> io::Result<()> {
        let extension = Path::new(name).extension().and_then(|e| e.to_str());
        if name == "-" {
            return self.stdin(date);
        }
        let file = match File::open(name) {
            Ok(f) => f,
            Err(e) => return self.skip(format!("export: cannot read {name}: {e}")),
        };
        match extension {
            Some("jsonl") => self.json_lines(name, BufReader::new(file), 0),
            Some("json") => {
                let mut json = String::new();
                match BufReader::new(file).read_to_string(&mut json) {
                    Ok(_) => self.json(name, &json),
                    Err(e) => self.skip(format!("export: cannot read {name}: {e}")),
                }
            }
            _ => {
                let mut bytes = Vec::new();
                match BufReader::new(file).read_to_end(&mut bytes) {
                    Ok(_) => self.article(name, &bytes, date),
                    Err(e) => self.skip(format!("export: cannot read {name}: {e}")),
                }
            }
        }
    }

    /// Standard input: analyses if it begins with `{`, else an article.
    /// JSON Lines are told from one JSON document by their first line,
    /// which is a whole analysis.
    fn stdin(&mut self, date: Option<NaiveDate>) -> io::Result<()> {
        let mut input = io::stdin().lock();
        // The first line that is not blank, with the blank ones before it.
        let mut first = Vec::new();
        let mut lines = 0;
        while first.trim_ascii().is_empty() {
            match input.read_until(b'\n', &mut first) {
                Ok(0) => break,
                Ok(_) => lines += 1,
                Err(e) => return self.skip(format!("export: cannot read standard input: {e}")),
            }
        }
        let starts_json = first.trim_ascii_start().first() == Some(&b'{');
        if starts_json
            && let Ok(line) = std::str::from_utf8(&first)
            && let Ok(analysis) = Analysis::from_json(line)
        {
            self.analysis(&analysis, None)?;
            return self.json_lines("stdin", input, lines);
        }
        let mut rest = first;
        if let Err(e) = input.read_to_end(&mut rest) {
            return self.skip(format!("export: cannot read standard input: {e}"));
        }
        if starts_json {
            match String::from_utf8(rest) {
                Ok(json) => self.json("stdin", &json),
                Err(e) => self.skip(format!(
                    "export: stdin: not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                )),
            }
        } else {
            self.article("-", &rest, date)
        }
    }

    /// An article's text, parsed.
    fn article(&mut self, name: &str, bytes: &[u8], date: Option<NaiveDate>) -> io::Result<()> {
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                return self.skip(format!(
                    "export: {name}: not UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                ));
            }
        };
        let stem = Path::new(name)
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|s| !s.is_empty() && *s != "-")
            .unwrap_or("stdin");
        // Two files with one name (in different folders) stay two documents.
        let mut id = stem.to_owned();
        let mut n = 1;
        while !self.stems.insert(id.clone()) {
            n += 1;
            id = format!("{stem}-{n}");
        }
        match self.parser.parse_document(&id, text, date) {
            Ok(parsed) => self.analysis(&parsed.analysis, Some(text)),
            Err(e) => self.skip(format!("export: {name}: {e}")),
        }
    }

    /// One analysis as JSON.
    fn json(&mut self, name: &str, json: &str) -> io::Result<()> {
        match Analysis::from_json(json) {
            Ok(analysis) => self.analysis(&analysis, None),
            Err(e) => self.skip(format!("export: {name}: not an analysis: {e}")),
        }
    }

    /// Analyses as JSON Lines; `done` lines were read already.
    fn json_lines(&mut self, name: &str, mut input: impl BufRead, done: usize) -> io::Result<()> {
        let mut line = String::new();
        let mut number = done;
        loop {
            line.clear();
            number += 1;
            match input.read_line(&mut line) {
                Ok(0) => return Ok(()),
                Ok(_) => {}
                Err(e) => {
                    return self.skip(format!("export: cannot read {name} at line {number}: {e}"));
                }
            }
            if line.trim().is_empty() {
                continue;
            }
            match Analysis::from_json(&line) {
                Ok(analysis) => self.analysis(&analysis, None)?,
                Err(e) => self.skip(format!(
                    "export: {name}, line {number}: not an analysis: {e}"
                ))?,
            }
        }
    }

    /// Writes an analysis's rows, with character spans if its text is given.
    fn analysis(&mut self, analysis: &Analysis, text: Option<&str>) -> io::Result<()> {
        for d in analysis.documents() {
            if !self.documents.insert(d.id.to_string()) {
                eprintln!(
                    "export: warning: document {:?} appears more than once; its rows' ids repeat",
                    d.id.as_str()
                );
            }
        }
        let rows = match text {
            Some(text) => analysis.stance_rows_with_text(|_| Some(text)),
            None => analysis.stance_rows(),
        };
        self.writer.write_rows(&rows)
    }

    /// Reports an input that cannot be read or parsed, and goes on.
    fn skip(&mut self, message: String) -> io::Result<()> {
        eprintln!("{message}");
        self.failed = true;
        Ok(())
    }
}
