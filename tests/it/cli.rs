//! What the command-line examples share: `--lexicon FILE` extends the
//! built-in lexicon in analyze, explain, query, batch and export, and a bad
//! file stops each of them with its name, table and line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use demarche::Parser;
use serde_json::{Value, json};

const TEXT: &str = "Chile tipped its hat to Peru on Monday.\n";
/// A stance cue the built-in lexicon lacks.
const CUE: &str = "#! table: stances\nsupport\ttip~ its hat to\t051\tobj\tspeech\n";

/// Runs an example with `args`, feeding `stdin` from another thread (the
/// child may fill its output pipe first).
pub(crate) fn run(example: &str, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(crate::query::example::binary(example))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the example runs");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

/// A folder with the article, a lexicon file and a bad one.
struct Files {
    dir: PathBuf,
}

impl Files {
    fn new(name: &str) -> Files {
        let dir = std::env::temp_dir().join(format!("demarche-cli-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("chile.txt"), TEXT).unwrap();
        std::fs::write(dir.join("extra.tsv"), CUE).unwrap();
        // The second row has three columns where five are expected.
        std::fs::write(
            dir.join("stances.tsv"),
            format!("{}support\tx\t051\n", &CUE[18..]),
        )
        .unwrap();
        Files { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).to_str().unwrap().to_owned()
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn support_stances(analysis: &Value) -> usize {
    analysis["statements"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["stances"].as_array().unwrap())
        .filter(|s| s["kind"] == "support" && s["target"] == "per")
        .count()
}

#[test]
fn analyze_takes_lexicons_and_keeps_its_output_without_them() {
    let f = Files::new("analyze");
    let (text, lexicon) = (f.path("chile.txt"), f.path("extra.tsv"));
    let without = run("analyze", &[&text], b"");
    let with = run("analyze", &["--lexicon", &lexicon, &text], b"");
    let twice = run(
        "analyze",
        &["--lexicon", &lexicon, "--lexicon", &lexicon, &text],
        b"",
    );
    for out in [&without, &with, &twice] {
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let json = |out: &Output| serde_json::from_slice::<Value>(&out.stdout).unwrap();
    assert_eq!(support_stances(&json(&without)), 0);
    assert_eq!(support_stances(&json(&with)), 1);
    assert_eq!(json(&twice), json(&with));
    // Without --lexicon the output is the built-in parser's, byte for byte.
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/drone_strikes.txt");
    let out = run(
        "analyze",
        &["--date", "2025-06-05", article.to_str().unwrap()],
        b"",
    );
    let text = std::fs::read_to_string(&article).unwrap();
    let parsed = Parser::new()
        .parse_document("drone_strikes", &text, NaiveDate::from_ymd_opt(2025, 6, 5))
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        parsed.analysis.to_json() + "\n"
    );
}

#[test]
fn explain_query_batch_and_export_take_lexicons() {
    let f = Files::new("others");
    let (text, lexicon) = (f.path("chile.txt"), f.path("extra.tsv"));

    let out = run("explain", &["--lexicon", &lexicon, &text], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Support cue \"tipped its hat to\""));

    let count = |args: &[&str]| {
        let out = run("query", args, b"");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout).unwrap()["count"].clone()
    };
    assert_eq!(count(&[&text, "kind:support target:PER"]), 0);
    assert_eq!(
        count(&["--lexicon", &lexicon, &text, "kind:support target:PER"]),
        1
    );

    let record = json!({"id": "c", "text": TEXT}).to_string() + "\n";
    let out = run("batch", &["--lexicon", &lexicon], record.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        support_stances(&serde_json::from_slice(&out.stdout).unwrap()),
        1
    );

    let out = run(
        "export",
        &["--format", "csv", "--lexicon", &lexicon, &text],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .starts_with("chile#1,chile,,,chl,Chile,,chl,Chile,CHL,CHL,per,Peru,PER,PER,support,"),
        "{csv}"
    );
}

#[test]
fn a_bad_lexicon_file_stops_every_example_with_its_name_and_line() {
    let f = Files::new("bad");
    let text = f.path("chile.txt");
    let (missing, bad) = (f.path("missing.tsv"), f.path("stances.tsv"));
    let commands: [(&str, Vec<&str>); 5] = [
        ("analyze", vec![&text]),
        ("explain", vec![&text]),
        ("query", vec![&text, "kind:support"]),
        ("batch", vec![]),
        ("export", vec!["--format", "csv", &text]),
    ];
    for (example, rest) in &commands {
        for (file, message) in [
            (
                &missing,
                format!("{example}: --lexicon {missing}: lexicon: cannot read {missing}"),
            ),
            (
                &bad,
                format!("{example}: --lexicon {bad}: lexicon table stances, line 2:"),
            ),
        ] {
            let mut args = vec!["--lexicon", file.as_str()];
            args.extend(rest.iter().copied());
            let out = run(example, &args, b"");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{example}: {stderr}");
            assert!(
                stderr.starts_with(&message),
                "{example}: {stderr:?} does not start with {message:?}"
            );
            assert!(out.stdout.is_empty(), "{example}");
        }
        let mut args = rest.clone();
        args.push("--lexicon");
        let out = run(example, &args, b"");
        assert_eq!(out.status.code(), Some(2), "{example}");
    }
}
