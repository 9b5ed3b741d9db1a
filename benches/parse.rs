//! Parsing speed over real articles: the nine development articles kept in
//! `benches/texts/`, in bytes per second, beside a word-count baseline.
//!
//!     cargo bench --bench parse
//!     cargo bench --bench parse -- 'parse/article'   # one group only
//!
//! The inputs:
//!
//! - `article`: one article (`drone_strikes.txt`, about 2 KB);
//! - `dev9`: the nine articles as one document (about 22 KB);
//! - `x1` and `x16`: the nine repeated to a document of about 256 KB, and
//!   one of 16 times that (about 4 MB), to show how the cost grows.
//!   `DEMARCHE_BENCH_LARGE` sets another size for `x1`, in bytes.
//!
//! Each group measures `parse` (the full analysis, [`Parser::parse_document`]),
//! `rules-only` (the same without the statistical stance model, to show
//! what the model costs),
//! `json` (the analysis and its JSON, as the `analyze` example prints it:
//! the in-process part of the end-to-end cost) and `words` (counting
//! whitespace-separated words, as `wc -w` does in the C locale) on the same
//! text, all as bytes per second, so they can be compared directly.
//! Criterion reports MiB/s.
//!
//! Before measuring, it prints for each input its size, its sentences and
//! statements, a quick timing of parse and of parse with JSON in MB/s,
//! sentences per second, the word count's MB/s and how many times faster
//! it is than parse with JSON, and on Linux the peak memory the parse took
//! (from `/proc/self/status`) per input byte. `scripts/speed.py` measures
//! the same end to end: the `analyze` and `batch` programs beside `wc -w`.
//! Sentences are counted on the text, not by the parser: a sentence ends
//! at `.`, `!` or `?` (possibly followed by a closing quotation mark)
//! before whitespace or the end, unless the full stop ends an abbreviation
//! ("U.S.", "Mr.", an initial); a non-empty line that does not end so (a
//! headline) counts as one.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use demarche::Parser;

/// The nine articles, in file-name order.
fn articles() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/texts");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
            (name.to_owned(), text)
        })
        .collect()
}

/// The inputs: name and text.
fn inputs() -> Vec<(&'static str, String)> {
    let articles = articles();
    let article = articles
        .iter()
        .find(|(n, _)| n == "drone_strikes")
        .map_or_else(|| articles[0].1.clone(), |(_, t)| t.clone());
    let dev9: String = articles
        .iter()
        .map(|(_, t)| t.trim_end().to_owned() + "\n\n")
        .collect();
    let large: usize = std::env::var("DEMARCHE_BENCH_LARGE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(256 * 1024);
    let x1 = dev9.repeat(large.div_ceil(dev9.len()).max(1));
    let x16 = x1.repeat(16);
    vec![
        ("article", article),
        ("dev9", dev9),
        ("x1", x1),
        ("x16", x16),
    ]
}

/// Sentences, counted on the text (see the module's docs).
fn sentences(text: &str) -> usize {
    let mut n = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut ended = false;
        for (i, &c) in chars.iter().enumerate() {
            ended = false;
            if matches!(c, '.' | '!' | '?') && !(c == '.' && abbreviation(&chars[..i])) {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j], '”' | '"' | '’' | '\'' | ')') {
                    j += 1;
                }
                if j == chars.len() || chars[j].is_whitespace() {
                    n += 1;
                    ended = j == chars.len();
                }
            }
        }
        if !ended && !matches!(chars.last(), Some('.' | '!' | '?' | '”' | '"' | '’' | '\'')) {
            n += 1; // a headline
        }
    }
    n
}

/// Whether the word before a full stop is an abbreviation: an initial
/// ("J."), a dotted one ("U.S."), or a title ("Mr.", "Gen.").
fn abbreviation(before: &[char]) -> bool {
    let start = before
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |i| i + 1);
    let word: String = before[start..].iter().collect();
    let word = word.trim_start_matches(['“', '"', '(', '‘']);
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    initial
        || word.contains('.')
        || [
            "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Jr", "St", "Prof",
        ]
        .contains(&word)
}

/// Whitespace-separated words, counted as `wc -w` does in the C locale.
fn words(text: &[u8]) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for &b in text {
        let space = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
        n += usize::from(!space && !in_word);
        in_word = !space;
    }
    n
}

/// A field of `/proc/self/status` in bytes, on Linux.
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The peak resident memory `f` added to the process, on Linux: the
/// high-water mark is reset (`/proc/self/clear_refs`) before it runs.
fn peak_memory<T>(f: impl FnOnce() -> T) -> (T, Option<u64>) {
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = status_bytes("VmRSS:");
    let out = f();
    let peak = status_bytes("VmHWM:");
    match (reset, before, peak) {
        (true, Some(b), Some(p)) => (out, Some(p.saturating_sub(b))),
        _ => (out, None),
    }
}

/// Runs `f` enough times to fill `at_least`; the time per run in seconds.
fn time_per_run<T>(at_least: Duration, mut f: impl FnMut() -> T) -> f64 {
    let (mut runs, start) = (0u32, Instant::now());
    while runs == 0 || start.elapsed() < at_least {
        black_box(f());
        runs += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(runs)
}

/// A quick measurement before criterion's: enough runs to fill about a second.
fn summary(parser: &Parser, inputs: &[(&'static str, String)]) {
    let date = NaiveDate::from_ymd_opt(2025, 6, 5);
    eprintln!(
        "{:8} {:>10} {:>9} {:>10} {:>9} {:>9} {:>12} {:>10} {:>7} {:>11}",
        "input",
        "bytes",
        "sentences",
        "statements",
        "MB/s",
        "json MB/s",
        "sentences/s",
        "words MB/s",
        "ratio",
        "peak memory"
    );
    for (name, text) in inputs {
        let (parsed, peak) = peak_memory(|| parser.parse_document(name, text, date));
        let statements = parsed.map_or(0, |p| p.analysis.statements().len());
        let sentences = sentences(text);
        let second = Duration::from_secs(1);
        let per_run = time_per_run(second, || {
            parser.parse_document(name, black_box(text), date).ok()
        });
        let json_per_run = time_per_run(second, || {
            parser
                .parse_document(name, black_box(text), date)
                .map(|p| p.analysis.to_json())
        });
        let words_per_run = time_per_run(Duration::from_millis(200), || {
            words(black_box(text.as_bytes()))
        });
        let mbs = |secs: f64| text.len() as f64 / secs / 1e6;
        eprintln!(
            "{:8} {:>10} {:>9} {:>10} {:>9.2} {:>9.2} {:>12.0} {:>10.0} {:>7} {:>11}",
            name,
            text.len(),
            sentences,
            statements,
            mbs(per_run),
            mbs(json_per_run),
            sentences as f64 / per_run,
            mbs(words_per_run),
            format!("1/{:.0}", json_per_run / words_per_run),
            peak.map_or("-".to_owned(), |b| format!(
                "{:.1} MB {:.0}/B",
                b as f64 / 1e6,
                b as f64 / text.len() as f64
            )),
        );
    }
}

fn bench(c: &mut Criterion) {
    let parser = Parser::new();
    let rules_only = Parser::new().stance_model(None);
    let inputs = inputs();
    summary(&parser, &inputs);
    let date = NaiveDate::from_ymd_opt(2025, 6, 5);
    for (name, text) in &inputs {
        let mut group = c.benchmark_group(format!("parse/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 100_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(20));
        }
        group.bench_with_input(BenchmarkId::new("parse", text.len()), text, |b, t| {
            b.iter(|| parser.parse_document("bench", black_box(t), date))
        });
        group.bench_with_input(BenchmarkId::new("rules-only", text.len()), text, |b, t| {
            b.iter(|| rules_only.parse_document("bench", black_box(t), date))
        });
        group.bench_with_input(BenchmarkId::new("json", text.len()), text, |b, t| {
            b.iter(|| {
                parser
                    .parse_document("bench", black_box(t), date)
                    .map(|p| p.analysis.to_json())
            })
        });
        group.bench_with_input(BenchmarkId::new("words", text.len()), text, |b, t| {
            b.iter(|| words(black_box(t.as_bytes())))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
