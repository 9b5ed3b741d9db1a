//! Analyzes a stream of articles on every core: JSON Lines in, one analysis
//! per line out, in input order.
//!
//!     cargo run --release --example batch -- [--threads N] [--max-line-bytes N] [--lexicon FILE]... [FILE ...] > analyses.jsonl
//!
//! Each input line is an article, `{"id": ..., "date": "YYYY-MM-DD", "text": ...}`:
//! `id` is a string or a number, `date` the publication date or `null` (or
//! missing), `text` the article; other fields are ignored. The inputs are
//! the files named, in order, or standard input when there are none (or
//! for `-`). Blank lines are skipped.
//!
//! A record without an `id` (or with `"id": null`) gets one derived from
//! its content: `fnv1a-` and the 128-bit FNV-1a hash of the line's bytes
//! (without its line break) in 32 hexadecimal digits. The same line gets
//! the same id in every run, whatever file, partition or position it is
//! in, and different lines get different ids (two identical lines are the
//! same article, and get the same id), so the analyses of a corpus split
//! over many workers merge without clashes.
//!
//! Each output line is the article's analysis as one line of JSON
//! (`Analysis::to_json_line`), its document id the record's id, written in
//! the order the records came in. A malformed record (not JSON, not an
//! object, no `text`, a bad `id` or `date`, a line that is not UTF-8, text
//! the parser refuses) is reported on standard error with its file and line
//! number, and its id when the line has one before the problem (`batch:
//! stdin, line 7 (id "a-17"): skipped: bad "date" ...`), skipped and counted; everything else is written. A summary line
//! (records read, written, skipped) ends standard error, preceded by a
//! progress line (articles/s, MB/s) when standard error is a terminal.
//!
//! The exit status is 0, or 1 if an input could not be read (the other
//! inputs are still processed) or standard output could not be written.
//!
//! Each `--lexicon FILE` extends the built-in lexicon (see the `analyze`
//! example); a bad lexicon file stops the run before any input is read
//! (exit status 2).
//!
//! Work is shared by N worker threads (default: the number of cores)
//! through a bounded queue, in batches of consecutive lines of about 64 KiB
//! (a longer line is a batch of its own); a reorder buffer puts the results
//! back in input order. At most
//! `4 × N` batches are in flight at once, so memory does not grow with the
//! input, only with the longest records. (Workers handed one record at a
//! time blocked and woke about a thousand times a second, and the scheduler
//! then kept both on one core: two threads ran no faster than one.)
//!
//! Being a standard-input-to-standard-output filter, it is what distributed
//! engines run on each partition: Spark's `RDD.pipe` and Hadoop Streaming's
//! `-mapper` (see the README).

mod common;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use demarche::Parser;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

/// Lines longer than this (by default) are skipped without being held in
/// memory whole: the parser's own input limit plus room for the JSON
/// around the text. `--max-line-bytes` sets another limit.
const MAX_LINE_BYTES: usize = demarche::parse::DEFAULT_MAX_INPUT_BYTES + (1 << 20);

/// Batches of lines in flight per worker thread: read but not yet written.
const IN_FLIGHT_PER_THREAD: u64 = 4;

/// A batch of lines holds about this many bytes (or one longer line):
/// workers that take one record at a time block and wake a thousand times
/// a second, and the scheduler then keeps them on one core.
const BATCH_BYTES: usize = 1 << 16;

fn usage() -> ExitCode {
    eprintln!(
        "usage: batch [--threads N] [--max-line-bytes N] [--lexicon FILE]... [FILE ...]   (no FILE, or -, reads standard input)"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut threads = thread::available_parallelism().map_or(1, |n| n.get());
    let mut max_line = MAX_LINE_BYTES;
    let mut inputs: Vec<String> = Vec::new();
    let mut lexicons: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" | "-j" => match args.next().and_then(|n| n.parse::<usize>().ok()) {
                Some(n) if n > 0 => threads = n,
                _ => return usage(),
            },
            "--max-line-bytes" => match args.next().and_then(|n| n.parse::<usize>().ok()) {
                Some(n) => max_line = n,
                None => return usage(),
            },
            "--lexicon" => match common::lexicon_file("batch", args.next()) {
                Ok(f) => lexicons.push(f),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                usage();
                return ExitCode::SUCCESS;
            }
            _ => inputs.push(a),
        }
    }
    if inputs.is_empty() {
        inputs.push("-".into());
    }
    let parser = match common::parser("batch", &lexicons) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match run(parser, &inputs, threads, max_line) {
        Ok(summary) => {
            eprintln!(
                "batch: {} records read, {} written, {} skipped",
                summary.read, summary.written, summary.skipped
            );
            if summary.unreadable > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            if e.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("batch: cannot write the output: {e}");
            }
            ExitCode::from(1)
        }
    }
}

/// Consecutive lines of one input, read but not yet parsed.
struct Job {
    seq: u64,
    source: Arc<str>,
    lines: Vec<Line>,
}

/// One input line and its number.
struct Line {
    number: usize,
    bytes: Result<Vec<u8>, String>,
}

/// What became of a job's lines, in order.
struct Done {
    seq: u64,
    source: Arc<str>,
    outcomes: Vec<Outcome>,
}

/// What became of a line: an analysis as one line of JSON, or why it was skipped.
struct Outcome {
    line: usize,
    bytes: usize,
    result: Result<String, Skipped>,
}

/// Why a record was skipped, and its id if it has one.
struct Skipped {
    id: Option<serde_json::Value>,
    why: String,
}

impl From<String> for Skipped {
    fn from(why: String) -> Skipped {
        Skipped { id: None, why }
    }
}

#[derive(Default)]
struct Summary {
    read: u64,
    written: u64,
    skipped: u64,
    unreadable: u64,
}

/// How far the writer has got, in batches: the reader waits on it so that
/// no more than a window of batches is ever in flight.
struct Progress {
    written: Mutex<u64>,
    advanced: Condvar,
}

fn run(parser: Parser, inputs: &[String], threads: usize, max_line: usize) -> io::Result<Summary> {
    let window = IN_FLIGHT_PER_THREAD * threads as u64;
    let (job_tx, job_rx) = sync_channel::<Job>(threads * 2);
    let (done_tx, done_rx) = sync_channel::<Done>(threads * 2);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let progress = Arc::new(Progress {
        written: Mutex::new(0),
        advanced: Condvar::new(),
    });

    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (parser, job_rx, done_tx) = (parser.clone(), job_rx.clone(), done_tx.clone());
            thread::spawn(move || work(&parser, &job_rx, &done_tx))
        })
        .collect();
    // Only the workers hold the queue's and the results' ends: when they
    // are gone, sending fails instead of blocking.
    drop(job_rx);
    drop(done_tx);
    let writer = {
        let progress = progress.clone();
        thread::spawn(move || write_in_order(done_rx, &progress))
    };

    let mut summary = Summary::default();
    let mut seq = 0u64;
    // Hands a batch of lines on, once the job `window` places back has
    // been written; false when the writer has stopped (the output is closed).
    let mut send = |source: &Arc<str>, lines: &mut Vec<Line>| -> bool {
        if lines.is_empty() {
            return true;
        }
        {
            let mut written = progress.written.lock().unwrap_or_else(|e| e.into_inner());
            while seq >= *written + window {
                written = progress
                    .advanced
                    .wait(written)
                    .unwrap_or_else(|e| e.into_inner());
            }
        }
        let job = Job {
            seq,
            source: source.clone(),
            lines: std::mem::take(lines),
        };
        seq += 1;
        job_tx.send(job).is_ok()
    };
    'inputs: for name in inputs {
        let (source, reader): (Arc<str>, Box<dyn Read>) = if name == "-" {
            ("stdin".into(), Box::new(io::stdin().lock()))
        } else {
            match File::open(name) {
                Ok(f) => (name.as_str().into(), Box::new(f)),
                Err(e) => {
                    eprintln!("batch: cannot read {name}: {e}");
                    summary.unreadable += 1;
                    continue;
                }
            }
        };
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let (mut lines, mut held) = (Vec::new(), 0usize);
        let mut line = 0usize;
        loop {
            line += 1;
            let bytes = match read_line(&mut reader, max_line) {
                Ok(None) => break,
                Ok(Some(b)) => b,
                Err(e) => {
                    eprintln!("batch: cannot read {source} at line {line}: {e}");
                    summary.unreadable += 1;
                    if !send(&source, &mut lines) {
                        break 'inputs;
                    }
                    continue 'inputs;
                }
            };
            if !bytes.as_ref().is_ok_and(|b| b.trim_ascii().is_empty()) {
                summary.read += 1;
                held += bytes.as_ref().map_or(0, Vec::len);
                lines.push(Line {
                    number: line,
                    bytes,
                });
            }
            if held >= BATCH_BYTES {
                held = 0;
                if !send(&source, &mut lines) {
                    break 'inputs;
                }
            }
        }
        if !send(&source, &mut lines) {
            break 'inputs;
        }
    }
    drop(job_tx);
    for w in workers {
        let _ = w.join();
    }
    let (written, skipped, result) = writer
        .join()
        .unwrap_or_else(|_| (0, 0, Err(io::Error::other("the writer thread panicked"))));
    result?;
    summary.written = written;
    summary.skipped = skipped;
    Ok(summary)
}

/// Reads one line without its line break: `None` at the end of the input,
/// `Some(Err(..))` for a line too long to hold.
fn read_line(reader: &mut impl BufRead, max: usize) -> io::Result<Option<Result<Vec<u8>, String>>> {
    let mut buf = Vec::new();
    let n = reader
        .by_ref()
        .take(max as u64 + 1)
        .read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    } else if buf.len() > max {
        // Skip the rest of the line without holding it.
        reader.skip_until(b'\n')?;
        return Ok(Some(Err(format!(
            "the line is longer than the limit of {max} bytes"
        ))));
    }
    Ok(Some(Ok(buf)))
}

fn work(parser: &Parser, jobs: &Mutex<Receiver<Job>>, done: &SyncSender<Done>) {
    loop {
        let job = {
            let Ok(jobs) = jobs.lock() else { return };
            match jobs.recv() {
                Ok(job) => job,
                Err(_) => return,
            }
        };
        let outcomes = job
            .lines
            .into_iter()
            .map(|line| {
                let bytes = line.bytes.as_ref().map_or(0, Vec::len);
                // The parser is not meant to panic; if it ever does, the
                // record is reported and skipped rather than lost with its
                // worker (which would stall the reorder buffer).
                let result = line.bytes.map_err(Skipped::from).and_then(|b| {
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze(parser, &b)))
                        .unwrap_or_else(|_| {
                            Err(Skipped::from(
                                "the parser panicked (a bug: please report it)".to_owned(),
                            ))
                        })
                });
                Outcome {
                    line: line.number,
                    bytes,
                    result,
                }
            })
            .collect();
        let done_msg = Done {
            seq: job.seq,
            source: job.source,
            outcomes,
        };
        if done.send(done_msg).is_err() {
            return;
        }
    }
}

/// A record as read: only the fields used.
struct Record {
    date: Option<String>,
    text: Option<String>,
}

/// Reads a record, keeping its `id` in `id` as soon as it is read, so that
/// a problem later in the line can be reported with it.
struct RecordSeed<'a> {
    id: &'a mut Option<serde_json::Value>,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Record;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Record, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Record;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut record = Record {
            date: None,
            text: None,
        };
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => *self.id = Some(map.next_value()?),
                "date" => record.date = map.next_value()?,
                "text" => record.text = map.next_value()?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(record)
    }
}

/// The id of a line without one: `fnv1a-` and the 128-bit FNV-1a hash of
/// its bytes, in 32 hexadecimal digits.
fn content_id(line: &[u8]) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let hash = line
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u128::from(b)).wrapping_mul(PRIME));
    format!("fnv1a-{hash:032x}")
}

/// One record's analysis as a line of JSON, or why it cannot be had.
fn analyze(parser: &Parser, bytes: &[u8]) -> Result<String, Skipped> {
    if !bytes.trim_ascii_start().starts_with(b"{") {
        return Err(Skipped::from("not a JSON object".to_owned()));
    }
    let mut id = None;
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let record = RecordSeed { id: &mut id }
        .deserialize(&mut json)
        .and_then(|r| json.end().map(|()| r));
    let skip = |id: &Option<serde_json::Value>, why: String| Skipped {
        id: id.clone().filter(|id| id.is_string() || id.is_number()),
        why,
    };
    // A line that is not UTF-8 is reported as such, with the id read before it.
    if let Err(e) = std::str::from_utf8(bytes) {
        let at = e.valid_up_to();
        return Err(skip(
            &id,
            format!("not UTF-8 (invalid byte at offset {at})"),
        ));
    }
    let record = record.map_err(|e| skip(&id, format!("not a JSON record: {e}")))?;
    let name = match &id {
        None | Some(serde_json::Value::Null) => content_id(bytes),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(Skipped::from(format!(
                "\"id\" must be a string or a number, not {other}"
            )));
        }
    };
    let Some(text) = record.text else {
        return Err(skip(&id, "no \"text\"".into()));
    };
    let date = match record.date.as_deref() {
        None => None,
        Some(d) => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|e| {
            skip(
                &id,
                format!("bad \"date\" {d:?}: {e} (expected YYYY-MM-DD or null)"),
            )
        })?),
    };
    let parsed = parser
        .parse_document(&name, &text, date)
        .map_err(|e| skip(&id, e.to_string()))?;
    Ok(parsed.analysis.to_json_line())
}

/// Writes results in input order; returns (written, skipped, the output's fate).
fn write_in_order(done: Receiver<Done>, progress: &Progress) -> (u64, u64, io::Result<()>) {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let (mut next, mut written, mut skipped, mut bytes) = (0u64, 0u64, 0u64, 0u64);
    let mut articles = 0u64;
    let terminal = io::stderr().is_terminal();
    let started = Instant::now();
    let mut shown = started;
    let mut result = Ok(());
    'receive: for d in done {
        pending.insert(d.seq, d);
        while let Some(d) = pending.remove(&next) {
            for o in d.outcomes {
                bytes += o.bytes as u64;
                match o.result {
                    Ok(json) => {
                        if let Err(e) = writeln!(out, "{json}") {
                            result = Err(e);
                            break 'receive;
                        }
                        written += 1;
                        articles += 1;
                    }
                    Err(skip) => {
                        // On a terminal, first clear the progress line.
                        let clear = if terminal { "\r\x1b[K" } else { "" };
                        let id = skip.id.map(|id| format!(" (id {id})")).unwrap_or_default();
                        eprintln!(
                            "{clear}batch: {}, line {}{id}: skipped: {}",
                            d.source, o.line, skip.why
                        );
                        skipped += 1;
                        articles += 1;
                    }
                }
            }
            next += 1;
            *progress.written.lock().unwrap_or_else(|e| e.into_inner()) = next;
            progress.advanced.notify_one();
        }
        if terminal && shown.elapsed() >= Duration::from_millis(500) {
            shown = Instant::now();
            show_progress(articles, bytes, started.elapsed());
        }
    }
    // Let a reader waiting for room go on (it will find the queue closed).
    *progress.written.lock().unwrap_or_else(|e| e.into_inner()) = u64::MAX / 2;
    progress.advanced.notify_all();
    if result.is_ok() {
        result = out.flush();
    }
    if terminal && articles > 0 {
        show_progress(articles, bytes, started.elapsed());
        eprintln!();
    }
    (written, skipped, result)
}

fn show_progress(articles: u64, bytes: u64, elapsed: Duration) {
    let secs = elapsed.as_secs_f64().max(1e-9);
    eprint!(
        "\rbatch: {articles} articles, {:.0} articles/s, {:.1} MB/s   ",
        articles as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}
