//! Sentence cases as data: `tests/it/data/cases/*.txt`, one file per
//! phenomenon, each case with its text and the exact reading expected.
//!
//! A case opens with `## name`, may give the reference date with
//! `@date YYYY-MM-DD`, may say `@model` to be read by the full parser
//! (the lexicon's rules and the statistical stance model; without it, the
//! rules alone, which the cases specify), then the text (blank lines are paragraph breaks), a
//! line `=>`, and every statement the parser must find, one per line, in the
//! rendering of `parse::statements` (`speaker <- relays [quote] kind
//! HOLDER>TARGET "cue" Modality; ...`). Lines starting `event ` are events
//! (`event kind date INITIATOR>TARGET`); when a case lists none, events are
//! not checked. Lines starting `#` outside a text are comments.
//!
//! Every case is run and every failure reported, case by case.

use std::fs;
use std::path::Path;

use demarche::Parser;

use super::parse::{events, statements_with};

struct Case {
    file: String,
    name: String,
    date: Option<String>,
    model: bool,
    text: String,
    statements: Vec<String>,
    events: Vec<String>,
}

fn read_cases(path: &Path) -> Vec<Case> {
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let src = fs::read_to_string(path).unwrap();
    let mut out = Vec::new();
    for block in src.split("\n## ").skip(1) {
        let (name, body) = block.split_once('\n').unwrap_or((block, ""));
        let (text, expected) = body
            .split_once("\n=>\n")
            .unwrap_or_else(|| panic!("{file}: case {name:?} has no `=>` line"));
        let mut date = None;
        let mut model = false;
        let mut lines = Vec::new();
        for line in text.lines() {
            if line.trim() == "@model" {
                model = true;
                continue;
            }
            match line.strip_prefix("@date ") {
                Some(d) => date = Some(d.trim().to_owned()),
                None => lines.push(line),
            }
        }
        let text = lines.join("\n").trim().to_owned();
        let mut case = Case {
            file: file.clone(),
            name: name.trim().to_owned(),
            date,
            model,
            text,
            statements: Vec::new(),
            events: Vec::new(),
        };
        for line in expected.lines().map(str::trim_end) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.strip_prefix("event ") {
                Some(e) => case.events.push(e.to_owned()),
                None => case.statements.push(line.to_owned()),
            }
        }
        out.push(case);
    }
    out
}

#[test]
fn sentence_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/data/cases");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let (mut run, mut failures) = (0, Vec::new());
    let (full, rules) = (Parser::new(), Parser::new().stance_model(None));
    for path in &paths {
        for case in read_cases(path) {
            run += 1;
            let parser = if case.model { &full } else { &rules };
            let got: Vec<String> = statements_with(parser, &case.text, case.date.as_deref())
                .iter()
                .map(|l| l.trim_end().to_owned())
                .collect();
            let mut problems = Vec::new();
            if got != case.statements {
                problems.push(format!(
                    "  statements expected:\n    {}\n  got:\n    {}",
                    case.statements.join("\n    "),
                    got.join("\n    ")
                ));
            }
            if !case.events.is_empty() {
                let got = events(&case.text, case.date.as_deref());
                if got != case.events {
                    problems.push(format!(
                        "  events expected:\n    {}\n  got:\n    {}",
                        case.events.join("\n    "),
                        got.join("\n    ")
                    ));
                }
            }
            if !problems.is_empty() {
                failures.push(format!(
                    "{} :: {}\n{}",
                    case.file,
                    case.name,
                    problems.join("\n")
                ));
            }
        }
    }
    assert!(run > 0, "no cases found in {}", dir.display());
    assert!(
        failures.is_empty(),
        "{} of {run} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// `tests/it/data/cue_sentences.txt`: one sentence a line, with the stance
/// kind it must carry (`none`: no stance at all).
#[test]
fn cue_sentences() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/data/cue_sentences.txt");
    let src = fs::read_to_string(&path).unwrap();
    let parser = demarche::Parser::new();
    let (mut run, mut failures) = (0, Vec::new());
    for line in src
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let (kind, sentence) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("no tab in {line:?}"));
        run += 1;
        let analysis = parser.parse(sentence).unwrap().analysis;
        let kinds: Vec<&str> = analysis
            .statements()
            .iter()
            .flat_map(|s| s.stances.iter().map(|x| x.kind.as_str()))
            .collect();
        let ok = if kind == "none" {
            kinds.is_empty()
        } else {
            kinds.contains(&kind)
        };
        if !ok {
            failures.push(format!("{kind}: {sentence}\n  got {kinds:?}"));
        }
    }
    assert!(run > 0);
    assert!(
        failures.is_empty(),
        "{} of {run} sentences failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
