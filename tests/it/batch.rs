//! The `batch` example: JSON Lines in, one analysis per line out, in input
//! order, malformed records reported with their line, skipped and counted.

use std::path::PathBuf;
use std::process::Output;

use chrono::NaiveDate;
use demarche::{Analysis, Parser};
use serde_json::json;

/// Runs the example's binary (built by `cargo test`, or by the helper)
/// with `args`, feeding `stdin`.
fn batch(args: &[&str], stdin: &[u8]) -> Output {
    crate::cli::run("batch", args, stdin)
}

fn dev_texts() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/texts");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Records whose parsing costs vary a lot (a few words to several
/// articles), so with several threads they finish out of order.
fn records(n: usize) -> Vec<(String, String)> {
    let texts = dev_texts();
    (0..n)
        .map(|i| {
            let text = match i % 5 {
                0 => texts[i % texts.len()].repeat(1 + i % 4),
                1 => "Russia said it would strike back.".to_owned(),
                2 => String::new(),
                _ => texts[i % texts.len()].clone(),
            };
            (format!("rec-{i}"), text)
        })
        .collect()
}

fn jsonl(records: &[(String, String)]) -> String {
    records
        .iter()
        .map(|(id, text)| {
            json!({"id": id, "date": "2025-06-05", "text": text, "source": "test"}).to_string()
                + "\n"
        })
        .collect()
}

fn ids(stdout: &[u8]) -> Vec<String> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| {
            let a = Analysis::from_json(l).expect("each line is an analysis");
            a.documents()[0].id.to_string()
        })
        .collect()
}

#[test]
fn the_output_keeps_the_input_order_with_several_threads() {
    let recs = records(40);
    let out = batch(&["--threads", "4"], jsonl(&recs).as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let expected: Vec<String> = recs.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(ids(&out.stdout), expected);
    assert_eq!(
        stderr.trim_end(),
        "batch: 40 records read, 40 written, 0 skipped"
    );
    // Each line is exactly what the library gives for the record.
    let parser = Parser::new();
    let date = NaiveDate::from_ymd_opt(2025, 6, 5);
    for (line, (id, text)) in String::from_utf8(out.stdout).unwrap().lines().zip(&recs) {
        let expected = parser.parse_document(id, text, date).unwrap().analysis;
        assert_eq!(line, expected.to_json_line());
    }
}

#[test]
fn malformed_records_are_reported_skipped_and_counted() {
    let good = |id: &str| json!({"id": id, "text": "Peskov said Russia would strike back."});
    let mut input: Vec<u8> = Vec::new();
    let mut line = |bytes: &[u8]| {
        input.extend_from_slice(bytes);
        input.push(b'\n');
    };
    line(good("a").to_string().as_bytes()); // 1
    line(b"{\"id\": \"broken\", \"text\": "); // 2: truncated JSON
    line(b"[1, 2, 3]"); // 3: not an object
    line(b"{\"id\": \"no-text\"}"); // 4
    line(b"{\"id\": \"bad-date\", \"date\": \"2025-02-30\", \"text\": \"x\"}"); // 5
    line(b"{\"id\": {\"x\": 1}, \"text\": \"x\"}"); // 6: id of the wrong type
    line(b"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}"); // 7: not UTF-8
    line(b""); // 8: blank, ignored
    line(b"{\"id\": 7, \"date\": null, \"text\": \"Kyiv urged talks.\"}"); // 9
    line(b"{\"text\": \"no id\", \"extra\": [1, {}]}\r"); // 10: CRLF
    line(good("b").to_string().as_bytes()); // 11
    input.extend_from_slice(good("last, no newline").to_string().as_bytes()); // 12

    let out = batch(&["--threads", "3", "-"], &input);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // Line 10 has no id: it gets one from the FNV-1a hash of its bytes
    // (without the CRLF; the value is the published algorithm's, computed
    // apart from the crate).
    assert_eq!(
        ids(&out.stdout),
        [
            "a",
            "7",
            "fnv1a-28a390cf64b6c847ef28c2d10da9e49b",
            "b",
            "last, no newline"
        ]
    );
    let lines: Vec<&str> = stderr.lines().collect();
    // Each report names the record's id when the line has one before the problem.
    let expected_prefixes = [
        "batch: stdin, line 2 (id \"broken\"): skipped: not a JSON record: EOF while parsing",
        "batch: stdin, line 3: skipped: not a JSON object",
        "batch: stdin, line 4 (id \"no-text\"): skipped: no \"text\"",
        "batch: stdin, line 5 (id \"bad-date\"): skipped: bad \"date\" \"2025-02-30\"",
        "batch: stdin, line 6: skipped: \"id\" must be a string or a number",
        "batch: stdin, line 7 (id \"latin1\"): skipped: not UTF-8 (invalid byte at offset 29)",
        "batch: 11 records read, 5 written, 6 skipped",
    ];
    assert_eq!(lines.len(), expected_prefixes.len(), "{stderr}");
    for (line, prefix) in lines.iter().zip(expected_prefixes) {
        assert!(
            line.starts_with(prefix),
            "{line:?} does not start with {prefix:?}"
        );
    }
}

#[test]
fn files_in_order_and_an_unreadable_file() {
    let dir = std::env::temp_dir().join(format!("demarche-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let recs = records(12);
    let (first, second) = recs.split_at(5);
    let a = dir.join("a.jsonl");
    let b = dir.join("b.jsonl");
    std::fs::write(&a, jsonl(first)).unwrap();
    std::fs::write(&b, jsonl(second)).unwrap();
    let missing = dir.join("missing.jsonl");
    let out = batch(
        &[
            a.to_str().unwrap(),
            missing.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
        b"",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The unreadable file makes the exit status 1; the others are processed.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let expected: Vec<String> = recs.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(ids(&out.stdout), expected);
    assert!(stderr.contains("batch: cannot read"), "{stderr}");
    assert!(
        stderr.contains("batch: 12 records read, 12 written, 0 skipped"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_input_and_bad_arguments() {
    let out = batch(&[], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        "batch: 0 records read, 0 written, 0 skipped"
    );
    let out = batch(&["--threads", "zero"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn overlong_lines_are_skipped_without_losing_the_next() {
    let recs = records(6);
    // The longest record is exactly at the limit, which is fine; a line
    // one byte longer is not.
    let limit = recs
        .iter()
        .map(|r| jsonl(std::slice::from_ref(r)).len() - 1)
        .max()
        .unwrap();
    let head = "{\"id\": \"long\", \"text\": \"";
    let long = format!("{head}{}\"}}\n", "x".repeat(limit + 1 - head.len() - 2));
    assert_eq!(long.len(), limit + 2);
    let input = jsonl(&recs[..2]) + &long + &jsonl(&recs[2..]);
    let out = batch(&["--max-line-bytes", &limit.to_string()], input.as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let expected: Vec<String> = recs.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(ids(&out.stdout), expected);
    assert!(
        stderr.starts_with(&format!(
            "batch: stdin, line 3: skipped: the line is longer than the limit of {limit} bytes\n"
        )),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("batch: 7 records read, 6 written, 1 skipped\n"),
        "{stderr}"
    );
}

#[test]
fn ids_derived_from_content_are_the_same_in_every_partition() {
    // The same records split two ways, as two engines' partitions would be.
    let record = |text: &str| json!({"date": "2025-06-05", "text": text}).to_string();
    let lines: Vec<String> = [
        "Russia said it would strike back.",
        "Kyiv urged talks.",
        "",
        "x",
    ]
    .iter()
    .map(|t| record(t))
    .collect();
    let run = |part: &[String]| {
        let input: String = part.iter().map(|l| format!("{l}\n")).collect();
        let out = batch(&["--threads", "2"], input.as_bytes());
        assert_eq!(out.status.code(), Some(0));
        ids(&out.stdout)
    };
    let whole = run(&lines);
    let mut split = run(&lines[2..]);
    split.extend(run(&[lines[1].clone(), lines[0].clone()]));
    assert_eq!(split, [&*whole[2], &whole[3], &whole[1], &whole[0]]);
    // Different lines, different ids, all of one form.
    let unique: std::collections::HashSet<&String> = whole.iter().collect();
    assert_eq!(unique.len(), lines.len());
    for id in &whole {
        let hex = id.strip_prefix("fnv1a-").expect("a derived id");
        assert!(
            hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
    }
    // A merged corpus of both partitions has no clashing documents.
    let out = batch(
        &[],
        lines
            .iter()
            .map(|l| format!("{l}\n"))
            .collect::<String>()
            .as_bytes(),
    );
    let analyses = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| Analysis::from_json(l).unwrap())
        .collect::<Vec<_>>();
    assert!(Analysis::merge_all(analyses).is_ok());
}
