//! Stance rows and the export formats: CSV (RFC 4180), the GDELT-style
//! table, PLOVER-style JSON Lines, and the `export` example.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use chrono::NaiveDate;
use demarche::export::{self, CSV_COLUMNS, Format, GDELT_COLUMNS, Writer};
use demarche::lexicon::Lexicon;
use demarche::{
    Actor, ActorKind, Analysis, CountryCode, Cue, Document, Modality, Parser, Span, Stance,
    StanceKind, Statement,
};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The codes of `data/cameo.tsv`, read from the file itself.
fn codebook() -> HashSet<String> {
    let table = std::fs::read_to_string(root().join("data/cameo.tsv")).unwrap();
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').next().unwrap().to_owned())
        .collect()
}

/// The articles shipped with the crate (`benches/texts`): path and text.
fn articles() -> Vec<(PathBuf, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("benches/texts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// The shipped articles, parsed as of 2025-06-05 and merged.
fn corpus() -> (Analysis, Vec<(String, String)>) {
    let parser = Parser::new();
    let date = NaiveDate::from_ymd_opt(2025, 6, 5);
    let mut texts = Vec::new();
    let mut analyses = Vec::new();
    for (path, text) in articles() {
        let id = path.file_stem().unwrap().to_str().unwrap().to_owned();
        analyses.push(parser.parse_document(&id, &text, date).unwrap().analysis);
        texts.push((id, text));
    }
    (Analysis::merge_all(analyses).unwrap(), texts)
}

/// A strict RFC 4180 reader: records of fields, CRLF line ends, quoted
/// fields with doubled quotation marks. Panics on anything else.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next().expect("a quoted field is closed") {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                assert!(
                    c != '"' && c != '\n',
                    "unquoted field with {c:?}: {field:?}"
                );
                if c == ',' || c == '\r' {
                    break;
                }
                field.push(c);
                chars.next();
            }
        }
        record.push(field);
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                records.push(std::mem::take(&mut record));
                if chars.peek().is_none() {
                    return records;
                }
            }
            other => panic!("a record ends with CRLF, found {other:?}"),
        }
    }
}

#[test]
fn cameo_codes_are_codes_of_the_codebook() {
    let codes = codebook();
    assert!(codes.len() > 300);
    // Every code the built-in lexicon gives a stance.
    for cue in Lexicon::builtin().stance_cues() {
        assert!(codes.contains(&cue.cameo), "stance cue code {}", cue.cameo);
    }
    for kind in StanceKind::ALL {
        assert!(codes.contains(kind.default_cameo()), "{kind}");
    }
    // Every code, base and root in the rows and tables of the shipped articles.
    let (analysis, _) = corpus();
    let rows = analysis.stance_rows();
    assert!(rows.len() > 100, "{}", rows.len());
    for r in &rows {
        for code in [r.cameo, r.cameo_base, r.cameo_root] {
            assert!(codes.contains(code), "{code} in {}", r.id);
        }
        assert_eq!(r.cameo_root, &r.cameo[..2]);
        assert_eq!(
            Some(r.goldstein),
            demarche::cameo::lookup(r.cameo).map(|e| e.goldstein)
        );
    }
    let table = export::to_string(Format::Gdelt, &rows);
    for line in table.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        for code in &cols[11..14] {
            assert!(codes.contains(*code), "{code} in {line}");
        }
    }
    // A code the codebook does not know (from a hand-made analysis or a
    // user's lexicon) is not written: the kind's default code is.
    let mut stance = Stance::new(StanceKind::Denial, "rus", Cue::new("x", Span::new(0, 1)));
    stance.set_cameo("999");
    let a = analysis_with(stance);
    let rows = a.stance_rows();
    assert_eq!((rows[0].cameo, rows[0].goldstein), ("120", -4.0));
}

fn analysis_with(stance: Stance) -> Analysis {
    let text = "Russia will strike back at Ukraine.";
    let mut a = Analysis::new();
    a.add_document(Document::new("doc", text.len())).unwrap();
    a.add_actor(
        Actor::new("rus", "Russia", ActorKind::State)
            .with_country(CountryCode::new("RUS").unwrap()),
    );
    a.add_actor(
        Actor::new("ukr", "Ukraine", ActorKind::State)
            .with_country(CountryCode::new("UKR").unwrap()),
    );
    a.add_statement(
        Statement::new("doc", "rus", Span::new(0, text.len()), text).with_stance(stance),
    );
    a
}

fn one_stance(kind: StanceKind) -> Analysis {
    analysis_with(
        Stance::new(kind, "rus", Cue::new("strike back", Span::new(12, 23))).with_target("ukr"),
    )
}

#[test]
fn the_gdelt_table_has_its_columns_and_types_on_every_line() {
    let (analysis, texts) = corpus();
    let rows = analysis.stance_rows_with_text(|d| {
        texts
            .iter()
            .find(|(id, _)| id == d.as_str())
            .map(|(_, t)| t.as_str())
    });
    let table = export::to_string(Format::Gdelt, &rows);
    assert!(!table.contains(['"', '\r']));
    let mut lines = table.lines();
    assert_eq!(lines.next().unwrap(), GDELT_COLUMNS.join("\t"));
    let negated = rows
        .iter()
        .filter(|r| r.modality == Modality::Negated)
        .count();
    let mut ids = HashSet::new();
    let (mut n, mut undated) = (0, 0);
    for line in lines {
        n += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), GDELT_COLUMNS.len(), "{line}");
        let id: i64 = cols[0].parse().expect("GlobalEventID is a BIGINT");
        assert!(id >= 0 && ids.insert(id), "{line}");
        if cols[1].is_empty() {
            // A statement dated by a range ("last week") has no day.
            assert_eq!(&cols[1..5], ["", "", "", ""], "{line}");
            undated += 1;
        } else {
            let day = NaiveDate::parse_from_str(cols[1], "%Y%m%d").expect("Day is YYYYMMDD");
            assert_eq!(cols[2], &cols[1][..6]);
            assert_eq!(cols[3], &cols[1][..4]);
            let fraction: f64 = cols[4].parse().unwrap();
            assert!((fraction - f64::from(chrono::Datelike::year(&day))).abs() < 1.1);
        }
        assert!(
            !cols[5].is_empty(),
            "every holder in these articles has a side: {line}"
        );
        assert_eq!(cols[13], &cols[11][..2]);
        assert!(
            cols[11].starts_with(cols[12]) || cols[11].len() == 2,
            "{line}"
        );
        let quad: u8 = cols[14].parse().unwrap();
        assert!((1..=4).contains(&quad));
        let goldstein: f64 = cols[15].parse().unwrap();
        assert!((-10.0..=10.0).contains(&goldstein));
        assert!(!cols[16].is_empty());
    }
    assert_eq!(n + negated, rows.len());
    assert!(n > 100);
    assert!(undated < n / 5, "{undated} of {n} rows have no day");
}

/// An analysis whose names, ids and source hold every character that
/// needs care in a table.
fn hostile() -> Analysis {
    let text = "A said, \"B\"\twill strike back.";
    let mut a = Analysis::new();
    a.add_document(
        Document::new("doc,1\t\"x\"", text.len()).with_source("https://x.org/a?q=\"1\"\tb\nc"),
    )
    .unwrap();
    a.add_actor(
        Actor::new(
            "a\"1",
            "The \"A\", Inc.\r\nline two\ttabbed",
            ActorKind::Other,
        )
        .with_country(CountryCode::new("AAA").unwrap()),
    );
    a.add_actor(
        Actor::new("b,2", "B; and \"b\"", ActorKind::ArmedGroup)
            .with_country(CountryCode::new("BGROUP").unwrap()),
    );
    a.add_statement(
        Statement::new("doc,1\t\"x\"", "a\"1", Span::new(0, text.len()), text)
            .reported_by("b,2")
            .with_stance(
                Stance::new(
                    StanceKind::Retaliation,
                    "a\"1",
                    Cue::new("strike back", Span::new(17, 28)),
                )
                .with_target("b,2"),
            ),
    );
    assert!(a.validate().is_ok());
    a
}

#[test]
fn csv_quotes_what_it_must_and_reads_back_exactly() {
    let a = hostile();
    let rows = a.stance_rows();
    let csv = export::to_string(Format::Csv, &rows);
    let records = read_csv(&csv);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0], CSV_COLUMNS);
    let r = &records[1];
    assert_eq!(r.len(), CSV_COLUMNS.len());
    let get = |name: &str| r[CSV_COLUMNS.iter().position(|c| *c == name).unwrap()].as_str();
    assert_eq!(get("id"), "doc,1\t\"x\"#1");
    assert_eq!(get("document"), "doc,1\t\"x\"");
    assert_eq!(get("source"), "https://x.org/a?q=\"1\"\tb\nc");
    assert_eq!(get("holder_name"), "The \"A\", Inc.\r\nline two\ttabbed");
    assert_eq!(get("holder_side"), "AAA");
    assert_eq!(get("holder_country"), "AAA");
    assert_eq!(get("target_name"), "B; and \"b\"");
    assert_eq!(get("target_side"), "BGROUP");
    assert_eq!(
        get("target_country"),
        "",
        "an armed group's side is no country"
    );
    assert_eq!(get("reported_by"), "b,2");
    assert_eq!(get("text"), "A said, \"B\"\twill strike back.");
    assert_eq!(
        (get("cameo"), get("quad_class"), get("goldstein")),
        ("130", "3", "-4.4")
    );
    assert_eq!(
        (get("start"), get("end"), get("char_start")),
        ("17", "28", "")
    );
}

#[test]
fn gdelt_fields_never_hold_tabs_breaks_or_quotes() {
    let a = hostile();
    let table = export::to_string(Format::Gdelt, &a.stance_rows());
    let lines: Vec<&str> = table.split('\n').collect();
    assert_eq!(lines.len(), 3, "{table:?}"); // header, row, and nothing after the last \n
    assert_eq!(lines[2], "");
    let cols: Vec<&str> = lines[1].split('\t').collect();
    assert_eq!(cols.len(), GDELT_COLUMNS.len(), "{:?}", lines[1]);
    assert_eq!(cols[6], "The 'A', Inc.  line two tabbed");
    assert_eq!((cols[8], cols[9], cols[10]), ("BGROUP", "B; and 'b'", ""));
    assert_eq!(cols[16], "https://x.org/a?q=%221%22%09b%0Ac");
    assert_eq!(&cols[1..5], ["", "", "", ""], "no date, no day");
    assert!(!table.contains(['"', '\r']));
}

#[test]
fn plover_lines_are_json_records() {
    let (analysis, texts) = corpus();
    let rows = analysis.stance_rows_with_text(|d| {
        texts
            .iter()
            .find(|(id, _)| id == d.as_str())
            .map(|(_, t)| t.as_str())
    });
    let lines = export::to_string(Format::Plover, &rows);
    let records: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(records.len(), rows.len());
    let plover = [
        "ACCUSE", "CONSULT", "REJECT", "REQUEST", "SUPPORT", "THREATEN",
    ];
    for (rec, row) in records.iter().zip(&rows) {
        assert_eq!(rec["id"], row.id.as_str());
        assert!(plover.contains(&rec["event"].as_str().unwrap()), "{rec}");
        assert_eq!(rec["eventText"], row.cue);
        assert_eq!(rec["source"][0]["actor"], row.holder.as_str());
        assert_eq!(
            rec["source"][0]["code"].as_str(),
            row.holder_side.map(|c| c.as_str())
        );
        assert_eq!(
            rec["target"].as_array().unwrap().len(),
            usize::from(row.target.is_some())
        );
        assert_eq!(rec["language"], "en");
        assert_eq!(rec["cameo"], row.cameo);
        // The character span picks out the cue in the text, as Python would.
        let text = &texts
            .iter()
            .find(|(id, _)| id == row.document.as_str())
            .unwrap()
            .1;
        let span = &rec["charSpan"];
        let (start, end) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        let by_chars: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(by_chars, row.cue);
    }
    // Hostile names are escaped as JSON.
    let line = export::to_string(Format::Plover, &hostile().stance_rows());
    let rec: Value = serde_json::from_str(line.trim_end()).unwrap();
    assert_eq!(
        rec["source"][0]["actorText"],
        "The \"A\", Inc.\r\nline two\ttabbed"
    );
    assert_eq!(rec["publication"], "https://x.org/a?q=\"1\"\tb\nc");
    assert_eq!(rec["charSpan"], Value::Null);
}

#[test]
fn a_writer_writes_one_header_for_many_analyses() {
    let a = one_stance(StanceKind::Retaliation);
    let b = one_stance(StanceKind::Negotiation);
    for format in Format::ALL {
        let mut w = Writer::new(format, Vec::new());
        w.write_rows(&a.stance_rows()).unwrap();
        w.write_rows(&[]).unwrap();
        w.write_rows(&b.stance_rows()).unwrap();
        assert_eq!(w.rows_written(), 2);
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        let header = usize::from(format.columns().is_some());
        assert_eq!(out.lines().count(), 2 + header, "{format}: {out}");
        if let Some(columns) = format.columns() {
            let header = columns.join(if format == Format::Csv { "," } else { "\t" });
            assert_eq!(out.lines().filter(|l| *l == header).count(), 1, "{format}");
        }
    }
    // Negated stances are no GDELT events.
    let negated = analysis_with(
        Stance::new(
            StanceKind::Negotiation,
            "rus",
            Cue::new("strike back", Span::new(12, 23)),
        )
        .with_modality(Modality::Negated),
    );
    let mut w = Writer::new(Format::Gdelt, Vec::new());
    w.write_rows(&negated.stance_rows()).unwrap();
    assert_eq!((w.rows_written(), w.rows_left_out()), (0, 1));
    assert_eq!(
        export::to_string(Format::Csv, &negated.stance_rows())
            .lines()
            .count(),
        2
    );
}

/// Runs the export example with `args`, feeding `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    crate::cli::run("export", args, stdin)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("demarche-export-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_example_writes_one_table_from_texts_json_and_json_lines() {
    let dir = temp_dir("inputs");
    let parser = Parser::new();
    let date = NaiveDate::from_ymd_opt(2025, 6, 5);
    let all = articles();
    let (first, rest) = all.split_first().unwrap();
    let stem = |p: &Path| p.file_stem().unwrap().to_str().unwrap().to_owned();
    // The first article as a text file, the second as JSON, the others as JSON Lines.
    let second = parser
        .parse_document(&stem(&rest[0].0), &rest[0].1, date)
        .unwrap();
    let json = dir.join("second.json");
    std::fs::write(&json, second.analysis.to_json()).unwrap();
    let mut lines = String::new();
    let mut expected_rows = Vec::new();
    for (p, t) in &rest[1..] {
        let a = parser.parse_document(&stem(p), t, date).unwrap().analysis;
        lines += &(a.to_json_line() + "\n\n");
        expected_rows.push(a);
    }
    let jsonl = dir.join("rest.jsonl");
    std::fs::write(&jsonl, &lines).unwrap();

    let first_analysis = parser
        .parse_document(&stem(&first.0), &first.1, date)
        .unwrap()
        .analysis;
    let mut expected = Writer::new(Format::Csv, Vec::new());
    expected
        .write_rows(&first_analysis.stance_rows_with_text(|_| Some(first.1.as_str())))
        .unwrap();
    expected.write_rows(&second.analysis.stance_rows()).unwrap();
    for a in &expected_rows {
        expected.write_rows(&a.stance_rows()).unwrap();
    }
    let n = expected.rows_written();
    let expected = expected.finish().unwrap();

    let out = run(
        &[
            "--format",
            "csv",
            "--date",
            "2025-06-05",
            first.0.to_str().unwrap(),
            json.to_str().unwrap(),
            jsonl.to_str().unwrap(),
        ],
        b"",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(
        stderr.trim_end(),
        format!("export: {n} rows from {} documents", all.len())
    );

    // The same JSON Lines from standard input, as GDELT rows.
    let out = run(&["--format", "gdelt", "-"], lines.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut expected = Writer::new(Format::Gdelt, Vec::new());
    for a in &expected_rows {
        expected.write_rows(&a.stance_rows()).unwrap();
    }
    assert_eq!(out.stdout, expected.finish().unwrap());

    // Pretty JSON and an article's text from standard input.
    let out = run(
        &["--format", "plover", "-"],
        second.analysis.to_json().as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        out.stdout,
        export::to_string(Format::Plover, &second.analysis.stance_rows()).as_bytes()
    );
    let out = run(
        &["--format", "plover", "--date", "2025-06-05", "-"],
        first.1.as_bytes(),
    );
    let from_stdin = parser
        .parse_document("stdin", &first.1, date)
        .unwrap()
        .analysis;
    let rows = from_stdin.stance_rows_with_text(|_| Some(first.1.as_str()));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        export::to_string(Format::Plover, &rows)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_example_reports_bad_inputs_and_goes_on() {
    let dir = temp_dir("bad");
    let good = one_stance(StanceKind::Support);
    let jsonl = dir.join("mixed.jsonl");
    std::fs::write(
        &jsonl,
        format!("{}\nnot json\n{{\"documents\": 3}}\n", good.to_json_line()),
    )
    .unwrap();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"documents\": [").unwrap();
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 said Russia would strike back.").unwrap();
    let missing = dir.join("missing.txt");
    let out = run(
        &[
            "--format",
            "gdelt",
            missing.to_str().unwrap(),
            jsonl.to_str().unwrap(),
            broken.to_str().unwrap(),
            latin1.to_str().unwrap(),
            jsonl.to_str().unwrap(),
        ],
        b"",
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // The good analysis was written twice, under one header.
    let table = String::from_utf8(out.stdout).unwrap();
    assert_eq!(table.lines().count(), 3, "{table}");
    let lines: Vec<&str> = stderr.lines().collect();
    let jsonl = jsonl.display().to_string();
    let expected = [
        format!("export: cannot read {}: ", missing.display()),
        format!("export: {jsonl}, line 2: not an analysis: "),
        format!("export: {jsonl}, line 3: not an analysis: "),
        format!("export: {}: not an analysis: ", broken.display()),
        format!(
            "export: {}: not UTF-8 (invalid byte at offset 3)",
            latin1.display()
        ),
        "export: warning: document \"doc\" appears more than once".to_owned(),
        format!("export: {jsonl}, line 2: "),
        format!("export: {jsonl}, line 3: "),
        "export: 2 rows from 1 document".to_owned(),
    ];
    assert_eq!(lines.len(), expected.len(), "{stderr}");
    for (line, prefix) in lines.iter().zip(&expected) {
        assert!(
            line.starts_with(prefix.as_str()),
            "{line:?} does not start with {prefix:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_example_refuses_bad_command_lines() {
    let text = root().join("examples/data/drone_strikes.txt");
    let text = text.to_str().unwrap();
    for (args, message) in [
        (vec![text], "--format is required"),
        (
            vec!["--format", "tsv", text],
            "unknown export format \"tsv\"",
        ),
        (vec!["--format", "csv"], "usage: export"),
        (
            vec!["--format", "csv", "--date", "June 5", text],
            "bad --date \"June 5\"",
        ),
        (
            vec!["--format", "csv", "--lexicon"],
            "--lexicon needs a file",
        ),
        (
            vec!["--format", "csv", "--frmat", text],
            "unknown option --frmat",
        ),
    ] {
        let out = run(&args, b"");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(64))]

    /// Whatever the text, each row's character span picks out its cue, and
    /// every format keeps its shape: 32 CSV fields, 17 GDELT fields without
    /// quotation marks, one JSON object per PLOVER line.
    #[test]
    fn rows_and_tables_keep_their_shape_on_any_news(
        text in proptest::prop_oneof![crate::robust::news_sentences(), crate::robust::spliced_text()]
    ) {
        let parsed = Parser::new().parse_document("doc", &text, NaiveDate::from_ymd_opt(2025, 6, 5)).unwrap();
        let rows = parsed.analysis.stance_rows_with_text(|_| Some(text.as_str()));
        for row in &rows {
            let chars = row.char_span.expect("parser spans lie on character boundaries");
            let by_chars: String = text.chars().skip(chars.start).take(chars.len()).collect();
            proptest::prop_assert_eq!(by_chars.as_str(), row.cue);
            proptest::prop_assert!(demarche::cameo::lookup(row.cameo).is_some());
        }
        let csv = read_csv(&export::to_string(Format::Csv, &rows));
        proptest::prop_assert_eq!(csv.len(), rows.len() + 1);
        proptest::prop_assert!(csv.iter().all(|r| r.len() == CSV_COLUMNS.len()));
        let gdelt = export::to_string(Format::Gdelt, &rows);
        proptest::prop_assert!(!gdelt.contains('"'));
        proptest::prop_assert!(gdelt.lines().all(|l| l.split('\t').count() == GDELT_COLUMNS.len()));
        let plover = export::to_string(Format::Plover, &rows);
        proptest::prop_assert_eq!(plover.lines().count(), rows.len());
        for line in plover.lines() {
            proptest::prop_assert!(serde_json::from_str::<Value>(line).is_ok());
        }
    }
}
