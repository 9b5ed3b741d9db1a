//! Robustness: the text parser, the query parser, the JSON loader and the
//! lexicon loader on arbitrary and hostile input.
//!
//! Property tests check what must hold for every parse (no panic, spans in
//! bounds and on character boundaries, stored text equal to the text under
//! its span, a valid analysis, an exact JSON round trip, deterministic
//! results); the hostile cases are regression tests for inputs built to hurt.
//!
//! The default case counts keep `cargo test` fast. For a longer search, set
//! `PROPTEST_CASES` (it overrides every count here) and build with
//! optimizations:
//!
//! ```sh
//! PROPTEST_CASES=20000 cargo test --release --test it robust::
//! ```
//!
//! None of these tests measures time; sizes are chosen so each finishes in
//! well under a second or two in a debug build, and are larger in release
//! builds (see [`scaled`]).

use std::sync::OnceLock;

use chrono::NaiveDate;
use demarche::lexicon::{Lexicon, Table};
use demarche::query::{Filter, QueryErrorKind, QueryParser};
use demarche::{Analysis, DiagnosticKind, LoadError, ParseError, Parsed, Parser, Span};
use proptest::prelude::*;

/// The default case count of a property, unless `PROPTEST_CASES` is set.
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(cases)
}

/// `n` in release builds, `n / 8` in debug builds, where the parser is
/// about ten to twenty times slower.
fn scaled(n: usize) -> usize {
    if cfg!(debug_assertions) { n / 8 } else { n }
}

fn parser() -> &'static Parser {
    static PARSER: OnceLock<Parser> = OnceLock::new();
    PARSER.get_or_init(Parser::new)
}

fn reference_date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2025, 6, 5)
}

/// A development article, kept beside the parse bench.
fn article(name: &str) -> String {
    let path = format!("{}/benches/texts/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Checks that `span` lies in `text` on character boundaries, and that the
/// text stored with it (if any) is the text under it.
fn check_span(text: &str, at: &str, span: Span, stored: Option<&str>) -> Result<(), String> {
    let Some(under) = span.slice(text) else {
        return Err(format!(
            "{at}: span {span} is outside the text ({} bytes) or not on a character boundary",
            text.len()
        ));
    };
    if let Some(stored) = stored
        && stored != under
    {
        return Err(format!(
            "{at}: stored text {stored:?} differs from the text under {span}: {under:?}"
        ));
    }
    Ok(())
}

/// Everything that must hold for the parse of any text.
fn check_parsed(text: &str, parsed: &Parsed) -> Result<(), String> {
    let a = &parsed.analysis;
    a.validate().map_err(|e| e.to_string())?;
    match a.documents() {
        [doc] if doc.len == text.len() => {}
        docs => {
            return Err(format!(
                "expected one document of {} bytes: {docs:?}",
                text.len()
            ));
        }
    }
    for (i, st) in a.statements().iter().enumerate() {
        check_span(text, &format!("statements[{i}]"), st.span, Some(&st.text))?;
        if let Some(c) = &st.attribution {
            check_span(
                text,
                &format!("statements[{i}].attribution"),
                c.span,
                Some(&c.text),
            )?;
        }
        for (j, s) in st.stances.iter().enumerate() {
            let at = format!("statements[{i}].stances[{j}]");
            check_span(text, &format!("{at}.cue"), s.cue.span, Some(&s.cue.text))?;
            for (k, l) in s.labels.iter().enumerate() {
                check_span(text, &format!("{at}.labels[{k}]"), l.span, Some(&l.text))?;
            }
        }
    }
    for (i, ev) in a.events().iter().enumerate() {
        let at = format!("events[{i}]");
        check_span(text, &at, ev.span, Some(&ev.description))?;
        check_span(text, &format!("{at}.cue"), ev.cue.span, Some(&ev.cue.text))?;
    }
    for (i, d) in parsed.diagnostics.iter().enumerate() {
        check_span(text, &format!("diagnostics[{i}]"), d.span, None)?;
    }
    let back = Analysis::from_json(&a.to_json()).map_err(|e| format!("from_json: {e}"))?;
    if &back != a {
        return Err("the analysis does not round-trip through JSON".into());
    }
    let back = Analysis::from_json(&a.to_json_line()).map_err(|e| format!("from_json: {e}"))?;
    if &back != a {
        return Err("the analysis does not round-trip through one-line JSON".into());
    }
    let json = serde_json::to_string(parsed).map_err(|e| e.to_string())?;
    let back: Parsed = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    if &back != parsed {
        return Err("the parse (with diagnostics) does not round-trip through JSON".into());
    }
    Ok(())
}

/// Parses `text` and checks it; panics with the text's length on failure.
fn parse_and_check(text: &str) -> Parsed {
    let parsed = parser()
        .parse_document("doc", text, reference_date())
        .unwrap_or_else(|e| panic!("a text of {} bytes was refused: {e}", text.len()));
    if let Err(e) = check_parsed(text, &parsed) {
        panic!("a text of {} bytes: {e}", text.len());
    }
    parsed
}

// Property tests.

/// Pieces of news text: names, states, institutions, titles, reporting
/// verbs, stance and event cues, dates, quotation marks, punctuation,
/// line breaks, and a few odd characters. Glued together they reach the
/// parser's interesting paths, which arbitrary strings almost never do.
const VOCABULARY: &[&str] = &[
    // People, with and without titles.
    "Dmitry Peskov",
    "Peskov",
    "Vladimir Putin",
    "Putin",
    "President",
    "Sergei Lavrov",
    "Foreign Minister",
    "Mao Ning",
    "Antony Blinken",
    "Volodymyr Zelensky",
    "Mr.",
    "Jane Doe",
    "Kremlin spokesperson",
    "Chinese Foreign Ministry spokesperson",
    "an Israeli official",
    "the minister",
    "the spokesman",
    "he",
    "she",
    "they",
    "his",
    // States, places, bodies, organisations.
    "Russia",
    "Russian",
    "Ukraine",
    "Kyiv",
    "Moscow",
    "China",
    "China's",
    "the United States",
    "U.S.",
    "Washington",
    "Iran",
    "Israel",
    "Gaza",
    "the Philippines",
    "Venezuela",
    "Guyana",
    "the Kremlin",
    "the State Department",
    "the foreign ministry",
    "the ministry",
    "the military",
    "Hamas",
    "NATO",
    "the United Nations",
    "the UN Security Council",
    "Reuters",
    "RIA",
    // Reporting.
    "said",
    "says",
    "told",
    "told reporters",
    "according to",
    "quoted",
    "as saying",
    "added",
    "noted",
    "declined to comment",
    "that",
    // Stances and modifiers.
    "will strike back",
    "retaliate",
    "vowed to respond",
    "talks",
    "negotiations",
    "is open to dialogue",
    "condemned",
    "condemns",
    "a terrorist act",
    "urged",
    "called for",
    "restraint",
    "a ceasefire",
    "denied",
    "rejected",
    "ruled out",
    "did not rule out",
    "supports",
    "backs",
    "not",
    "never",
    "if",
    "would",
    "may",
    "strongly",
    "very",
    // Events and dates.
    "drone strikes on",
    "an attack",
    "the attack",
    "a phone call",
    "met",
    "a meeting with",
    "signed an agreement",
    "sanctions",
    "on Tuesday",
    "June 1",
    "2025-06-01",
    "last week",
    "earlier this month",
    "September 26 last year",
    // Plain words.
    "the",
    "a",
    "and",
    "of",
    "in",
    "on",
    "with",
    "against",
    "its",
    "airfields",
    "people",
    // Quotation marks and punctuation.
    "“",
    "”",
    "\"",
    "’",
    "'",
    "‘",
    "«",
    "»",
    ".",
    ".",
    ",",
    ",",
    ";",
    ":",
    "?",
    "!",
    "—",
    "-",
    "(",
    ")",
    "...",
    "3.5",
    "Dr.",
    // Line breaks, headlines, datelines.
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "Kremlin Demands Condemnation Of Drone Strikes\n",
    "MOSCOW (Reuters) -",
    "TOKYO -",
    // Odd characters.
    "\t",
    "\u{a0}",
    "\u{200b}",
    "\u{0}",
    "é",
    "Київ",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "قال",
    "אמר",
    "\u{202e}",
];

/// A string of vocabulary pieces, each followed by a space or glued to the
/// next, with an occasional arbitrary character.
fn news_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        12 => prop::sample::select(VOCABULARY).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec((piece, prop::bool::weighted(0.85)), 0..80).prop_map(|pieces| {
        let mut s = String::new();
        for (p, space) in pieces {
            s.push_str(&p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

/// Sentences assembled the way news writes them, so attribution, stances,
/// targets and dates fire often.
pub(crate) fn news_sentences() -> impl Strategy<Value = String> {
    let speaker = prop::sample::select(vec![
        "Kremlin spokesperson Dmitry Peskov",
        "Peskov",
        "Russia",
        "Chinese Foreign Ministry spokesperson Mao Ning",
        "the State Department",
        "Israeli Prime Minister Benjamin Netanyahu",
        "an Iranian official",
        "Hamas",
        "he",
        "UN Secretary-General Antonio Guterres",
    ]);
    let verb = prop::sample::select(&["said", "told reporters", "warned", "added", "noted"]);
    let content = prop::sample::select(vec![
        "Russia will strike back at Ukraine",
        "Moscow remains open to talks with Kyiv",
        "the attack was a terrorist act",
        "Beijing strongly condemns the provocation",
        "both sides should exercise restraint",
        "Tehran denied any role in the strikes on Israel",
        "the United States supports the Philippines",
        "it did not rule out negotiations",
        "Israel would respond if attacked",
        "the drone strikes on Russian airfields on June 1 were sabotage",
    ]);
    let when = prop::sample::select(&["", " on Tuesday", " last week", " on June 1"]);
    let sentence =
        (speaker, verb, content, when, 0..6u8).prop_map(|(s, v, c, w, form)| match form {
            0 => format!("{s} {v}{w} that {c}."),
            1 => format!("“{c},” {s} {v}{w}."),
            2 => format!("According to {s}, {c}."),
            3 => format!("\"{c}\", {s} {v}."),
            4 => format!("{s} {v}: “{c}"),
            _ => format!("{c}, {s} {v}{w}."),
        });
    prop::collection::vec(
        (sentence, prop::sample::select(vec![" ", "\n", "\n\n"])),
        0..12,
    )
    .prop_map(|v| v.into_iter().map(|(s, sep)| s + sep).collect())
}

/// Text that is mostly news sentences, cut or spliced with vocabulary
/// pieces at character boundaries.
pub(crate) fn spliced_text() -> impl Strategy<Value = String> {
    (news_sentences(), news_text(), any::<prop::sample::Index>()).prop_map(|(a, b, at)| {
        let mut cut = at.index(a.len() + 1);
        while !a.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}{}{}", &a[..cut], b, &a[cut..])
    })
}

proptest! {
    #![proptest_config(cases(200))]

    #[test]
    fn any_string_parses_to_a_valid_analysis(text in any::<String>()) {
        check_parsed(&text, &parser().parse_document("doc", &text, reference_date()).unwrap())
            .map_err(TestCaseError::fail)?;
    }

    #[test]
    fn news_vocabulary_parses_to_a_valid_analysis(text in news_text()) {
        check_parsed(&text, &parser().parse_document("doc", &text, reference_date()).unwrap())
            .map_err(TestCaseError::fail)?;
    }

    #[test]
    fn news_sentences_parse_to_a_valid_analysis(text in news_sentences()) {
        check_parsed(&text, &parser().parse_document("doc", &text, reference_date()).unwrap())
            .map_err(TestCaseError::fail)?;
    }

    #[test]
    fn spliced_news_parses_to_a_valid_analysis(text in spliced_text()) {
        let parsed = parser().parse_document("doc", &text, None).unwrap();
        check_parsed(&text, &parsed).map_err(TestCaseError::fail)?;
        // The same text, the same result.
        prop_assert_eq!(parser().parse_document("doc", &text, None).unwrap(), parsed);
        // Explaining reads the same text the same way, without panicking.
        prop_assert!(parser().explain(&text, None).is_ok());
    }

    #[test]
    fn any_bytes_parse_or_name_the_first_invalid_byte(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        match (std::str::from_utf8(&bytes), parser().parse_bytes("doc", &bytes, None)) {
            (Ok(text), Ok(parsed)) => check_parsed(text, &parsed).map_err(TestCaseError::fail)?,
            (Err(e), Err(ParseError::NotUtf8 { offset })) => prop_assert_eq!(offset, e.valid_up_to()),
            (utf8, parsed) => prop_assert!(false, "{:?} but {:?}", utf8, parsed.map(|_| ())),
        }
    }

    #[test]
    fn short_sentence_limits_keep_the_output_valid(text in news_sentences(), max in 0usize..40) {
        let parser = Parser::new().max_sentence_tokens(max);
        let parsed = parser.parse_document("doc", &text, reference_date()).unwrap();
        check_parsed(&text, &parsed).map_err(TestCaseError::fail)?;
    }
}

proptest! {
    #![proptest_config(cases(48))]

    #[test]
    fn parses_of_many_texts_merge_into_a_valid_corpus(texts in prop::collection::vec(spliced_text(), 1..5)) {
        let parses: Vec<Analysis> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| parser().parse_document(&format!("doc-{i}"), t, reference_date()).unwrap().analysis)
            .collect();
        let statements: usize = parses.iter().map(|a| a.statements().len()).sum();
        let merged = Analysis::merge_all(parses).unwrap();
        prop_assert!(merged.validate().is_ok());
        prop_assert_eq!(merged.statements().len(), statements);
        prop_assert_eq!(&Analysis::from_json(&merged.to_json()).unwrap(), &merged);
        for st in merged.statements() {
            let i: usize = st.document.as_str()["doc-".len()..].parse().unwrap();
            prop_assert_eq!(st.span.slice(&texts[i]), Some(st.text.as_str()));
        }
    }
}

// The query language's print/parse round trip and its no-panic property on
// arbitrary strings are in `query.rs`; the hostile queries are below.

// Hostile text.

#[test]
fn empty_input() {
    let parsed = parse_and_check("");
    assert!(parsed.analysis.statements().is_empty());
    assert!(parsed.analysis.events().is_empty());
    assert!(parsed.diagnostics.is_empty());
    assert_eq!(parsed.analysis.documents()[0].title, None);
    assert!(parser().explain("", None).is_ok());
    assert!(parser().parse_bytes("doc", b"", None).is_ok());
}

#[test]
fn whitespace_only() {
    for text in [
        " ",
        "\n",
        "\r\n\r\n",
        "\t \t",
        "\u{a0}\u{2003}\u{3000}\u{200b}\u{feff}",
        &" \n\t".repeat(scaled(200_000)),
    ] {
        let parsed = parse_and_check(text);
        assert!(parsed.analysis.statements().is_empty(), "{text:?}");
    }
}

#[test]
fn invalid_utf8_is_refused_with_its_offset() {
    let cases: &[(&[u8], usize)] = &[
        (b"\xff", 0),
        (b"Russia said \xff it would strike back.", 12),
        // A curly apostrophe (three bytes) cut after two.
        (b"Kyiv\xe2\x80", 4),
        // An overlong encoding of "/" and a UTF-16 surrogate.
        (b"ok \xc0\xaf", 3),
        (b"ok \xed\xa0\x80", 3),
        (b"Peskov said\0 \x80", 13),
    ];
    for &(bytes, offset) in cases {
        let err = parser().parse_bytes("doc", bytes, None).unwrap_err();
        assert_eq!(err, ParseError::NotUtf8 { offset }, "{bytes:?}");
        assert_eq!(
            err.to_string(),
            format!("the input is not UTF-8: invalid byte at offset {offset}")
        );
    }
}

#[test]
fn invalid_utf8_through_the_analyze_example() {
    let dir = std::env::temp_dir().join(format!("demarche-robust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.txt");
    std::fs::write(&file, b"Russia said \xfe it would strike back.").unwrap();
    // The example's binary, built by `cargo test` (or by the helper, when
    // only this test binary was built).
    let analyze = crate::query::example::binary("analyze");

    let out = std::process::Command::new(&analyze)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not UTF-8: invalid byte at offset 12"),
        "{stderr}"
    );

    // The same through standard input.
    let mut child = std::process::Command::new(&analyze)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(b"Peskov said \xc3(").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid byte at offset 12"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_long_line_without_punctuation() {
    // 2 MB in release builds.
    let unit = "the minister word Russia Ukraine talks strikes drone airfields Moscow Kyiv attack said people ";
    let text = unit.repeat(scaled(2_000_000) / unit.len());
    let parsed = parse_and_check(&text);
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::LongSentence)
    );
}

#[test]
fn a_long_line_of_unresolved_titles() {
    // "the minister" with no minister named before: each occurrence looked
    // back over every earlier mention, which was quadratic (fixed on main
    // in "parser: near-linear cost").
    let text = "Russia the minister ".repeat(scaled(2_000_000) / 20);
    parse_and_check(&text);
}

#[test]
fn a_mention_reaching_into_a_headline() {
    // Found by the `parse_text` fuzz target, minimized.
    parse_and_check("T,T\nDr\nT,T");
}

#[test]
fn fifty_thousand_opening_quotes() {
    for mark in ["“", "\"", "‘", "«", "'"] {
        let text = mark.repeat(50_000);
        let parsed = parse_and_check(&text);
        assert!(parsed.analysis.statements().is_empty());
    }
    // Opening quotes with words between them, in one paragraph.
    let text = "“Russia will strike back ".repeat(scaled(50_000));
    parse_and_check(&text);
    // And quotes opened and never closed, one paragraph each.
    let text = "“Russia will strike back,\n".repeat(scaled(50_000));
    let parsed = parse_and_check(&text);
    assert!(
        parsed
            .diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::UnclosedQuote)
    );
}

#[test]
fn closing_quotes_and_nested_quotes() {
    let text = "”".repeat(50_000);
    parse_and_check(&text);
    let nested = "“Peskov said ‘Lavrov said “Putin said ‘talks’ ” ’ ” ".repeat(scaled(20_000));
    parse_and_check(&nested);
}

#[test]
fn said_chains() {
    let names = [
        "Peskov",
        "Lavrov",
        "Blinken",
        "Zelensky",
        "Putin",
        "the ministry",
        "Russia",
    ];
    let depth = scaled(10_000);
    let mut chain = String::new();
    for i in 0..depth {
        chain.push_str(names[i % names.len()]);
        chain.push_str(" said ");
    }
    chain.push_str("Russia would strike back.");
    parse_and_check(&chain);

    // With "that", and with quotation marks at every level.
    let mut chain = String::new();
    for i in 0..depth {
        chain.push_str(names[i % names.len()]);
        chain.push_str(if i % 2 == 0 {
            " said that "
        } else {
            " said “"
        });
    }
    parse_and_check(&chain);

    // "According to X, Y said Z told ..." in sentences.
    let text = "According to Peskov, Lavrov said Putin told Blinken that talks were over. "
        .repeat(scaled(5_000));
    let parsed = parse_and_check(&text);
    assert!(!parsed.analysis.statements().is_empty());
}

#[test]
fn all_caps_text() {
    let text = article("drone_strikes").to_uppercase();
    parse_and_check(&text);
    let text = text.repeat(scaled(100));
    parse_and_check(&text);
    parse_and_check(
        &"KREMLIN SPOKESPERSON DMITRY PESKOV SAID RUSSIA WILL STRIKE BACK. ".repeat(500),
    );
}

#[test]
fn emoji_and_right_to_left_text() {
    let pieces = [
        "قال المتحدث باسم الكرملين دميتري بيسكوف إن روسيا سترد.",
        "אמר דובר הקרמלין דמיטרי פסקוב כי רוסיה תגיב.",
        "\u{202b}Peskov said\u{202c} \u{200f}روسيا\u{200e} will strike back.",
        "\u{202e}.kcab ekirts lliw aissuR dias voksep\u{202c}",
        "Peskov said 😀🔥🇷🇺🇺🇦 Russia will strike back 👩\u{200d}👩\u{200d}👧.",
        "“🙂,” Putin said.",
        "e\u{301}\u{301}\u{301} Ukraine\u{308} said talks\u{20dd}.",
        "Київ заявив, що Росія... Kyiv said Russia would strike back.",
        "北京 said 中国 strongly condemns the provocation.",
    ];
    for p in pieces {
        parse_and_check(p);
    }
    let all = pieces.join("\n").repeat(scaled(400));
    parse_and_check(&all);
}

#[test]
fn control_characters_and_nul_bytes() {
    let controls: String = (0u32..0x20)
        .chain(0x7f..0xa0)
        .filter_map(char::from_u32)
        .collect();
    parse_and_check(&controls);
    parse_and_check(&"\0".repeat(100_000));
    let dev = article("drone_strikes");
    // A control character after every word.
    let mut text = String::new();
    for (i, w) in dev.split(' ').enumerate() {
        text.push_str(w);
        text.push(controls.chars().nth(i % controls.chars().count()).unwrap());
    }
    parse_and_check(&text);
    // Every space replaced by NUL, every newline by a form feed.
    parse_and_check(&dev.replace(' ', "\0").replace('\n', "\u{c}"));
    // Through `parse_bytes` too: NUL is valid UTF-8.
    assert!(
        parser()
            .parse_bytes("doc", b"Peskov\0said\0talks.", None)
            .is_ok()
    );
}

#[test]
fn a_300_kb_article() {
    let dev = article("crimea_bridge");
    let text = dev.repeat(scaled(300_000) / dev.len());
    let parsed = parse_and_check(&text);
    let one = parse_and_check(&dev);
    // Each copy reads like the first, give or take what reads across copies
    // (later mentions resolve back to earlier copies).
    let copies = text.len() / dev.len();
    assert!(parsed.analysis.statements().len() >= copies * one.analysis.statements().len() / 2);
}

#[test]
fn the_input_size_limit() {
    let limited = Parser::new().max_input_bytes(1000);
    let text = "Russia will strike back. ".repeat(40);
    assert_eq!(text.len(), 1000);
    assert!(limited.parse(&text).is_ok());
    let text = text + "!";
    let expected = ParseError::TooLarge {
        len: 1001,
        limit: 1000,
    };
    assert_eq!(limited.parse(&text).unwrap_err(), expected);
    assert_eq!(
        limited
            .parse_bytes("doc", text.as_bytes(), None)
            .unwrap_err(),
        expected
    );
    assert_eq!(limited.explain(&text, None).unwrap_err(), expected);
    assert_eq!(
        expected.to_string(),
        "the input is 1001 bytes, more than the limit of 1000 bytes"
    );
    // The default limit, refused before any work is done.
    let huge = "a".repeat(demarche::parse::DEFAULT_MAX_INPUT_BYTES + 1);
    assert!(matches!(
        parser().parse(&huge),
        Err(ParseError::TooLarge { limit, .. }) if limit == demarche::parse::DEFAULT_MAX_INPUT_BYTES
    ));
}

#[test]
fn the_sentence_length_limit_splits_long_runs() {
    let text = "Russia Ukraine talks ".repeat(1000);
    let parsed = Parser::new().max_sentence_tokens(50).parse(&text).unwrap();
    check_parsed(&text, &parsed).unwrap();
    let long: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.kind == DiagnosticKind::LongSentence)
        .collect();
    assert_eq!(long.len(), 1);
    assert_eq!(long[0].span.slice(&text), Some(text.trim_end()));
    assert_eq!(
        long[0].message,
        "a sentence of 3000 tokens was analyzed in pieces of 50"
    );
}

// Hostile queries.

#[test]
fn a_hundred_thousand_nested_parentheses() {
    let n = 100_000;
    let query = format!("{}kind:appeal{}", "(".repeat(n), ")".repeat(n));
    // Refused by length first ...
    let err = Filter::parse(&query).unwrap_err();
    assert!(
        matches!(err.kind(), QueryErrorKind::TooLong { .. }),
        "{err}"
    );
    // ... and by depth when the length limit is lifted, with a caret at the
    // first parenthesis too deep.
    let unlimited = QueryParser::new().max_len(usize::MAX);
    let err = unlimited.parse(&query).unwrap_err();
    assert_eq!(
        err.kind(),
        &QueryErrorKind::TooDeep {
            limit: QueryParser::DEFAULT_NEST_LIMIT
        }
    );
    assert_eq!(err.column(), QueryParser::DEFAULT_NEST_LIMIT + 1);
    let deepest = unlimited.nest_limit(usize::MAX);
    let err = deepest.parse(&query).unwrap_err();
    assert_eq!(
        err.kind(),
        &QueryErrorKind::TooDeep {
            limit: QueryParser::MAX_NEST_LIMIT
        }
    );
    // Negations nest too, and unbalanced parentheses are errors, not panics.
    for q in [
        "-".repeat(n) + "kind:appeal",
        "NOT ".repeat(n) + "kind:appeal",
        "(".repeat(n),
        ")".repeat(n),
        "(-".repeat(n) + "x",
        "()".repeat(n),
    ] {
        let err = unlimited.parse(&q).unwrap_err();
        assert!(err.span().end <= q.len());
    }
}

#[test]
fn a_one_megabyte_query() {
    let unit = "kind:appeal OR holder:RUS ";
    let query = unit.repeat((1 << 20) / unit.len());
    let err = Filter::parse(&query).unwrap_err();
    assert_eq!(
        err.kind(),
        &QueryErrorKind::TooLong {
            len: query.len(),
            limit: QueryParser::DEFAULT_MAX_LEN
        }
    );
    // The caret starts at the limit; the message does not echo a megabyte.
    assert_eq!(err.span().start, QueryParser::DEFAULT_MAX_LEN);
    assert!(err.to_string().len() < 3 * QueryParser::DEFAULT_MAX_LEN);
    // Without the length limit, a megabyte of flat terms parses.
    let unlimited = QueryParser::new().max_len(usize::MAX);
    let f = unlimited.parse(query.trim_end()).unwrap();
    assert_eq!(unlimited.parse(&f.to_string()).unwrap(), f);
    // A megabyte-long value, and a megabyte of one quoted string never closed.
    let long_value = format!("text:{}", "x".repeat(1 << 20));
    assert!(unlimited.parse(&long_value).is_ok());
    let unclosed = format!("text:\"{}", "word ".repeat((1 << 20) / 5));
    assert!(unlimited.parse(&unclosed).is_err());
    // A multibyte character straddling the limit.
    let query = format!("{}Київ", "a".repeat(QueryParser::DEFAULT_MAX_LEN - 1));
    let err = Filter::parse(&query).unwrap_err();
    assert!(query.is_char_boundary(err.span().start));
}

#[test]
fn double_negations_print_no_deeper_than_they_parse() {
    // Found by the `query` fuzz target: `--a` printed as `-(-a)`, two levels
    // of nesting for each negation, so a filter parsed under the nest limit
    // printed as a query over it, and did not deserialize.
    for n in 1..=QueryParser::DEFAULT_NEST_LIMIT {
        let query = "-".repeat(n) + "kind:appeal";
        let f = Filter::parse(&query).unwrap();
        let printed = f.to_string();
        assert_eq!(printed, query);
        assert_eq!(Filter::parse(&printed).unwrap(), f);
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(serde_json::from_str::<Filter>(&json).unwrap(), f);
    }
    let f = Filter::parse("-(-(kind:appeal OR -(-kind:denial)))").unwrap();
    assert_eq!(f.to_string(), "--(kind:appeal OR --kind:denial)");
}

/// A small deterministic generator (xorshift), so hostile byte strings are
/// the same on every run.
fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn random_bytes_as_queries() {
    for seed in 0..200 {
        let bytes = random_bytes(seed, (seed as usize * 37) % 300);
        let query = String::from_utf8_lossy(&bytes);
        match Filter::parse(&query) {
            Ok(f) => assert_eq!(
                QueryParser::new()
                    .max_len(1 << 20)
                    .parse(&f.to_string())
                    .unwrap(),
                f
            ),
            Err(e) => {
                assert!(e.span().end <= query.len());
                assert!(e.to_string().starts_with("query parse error:"));
            }
        }
    }
    // Mostly syntax characters: these are errors, with a place.
    for seed in 0..200 {
        let query: String = random_bytes(seed, 64)
            .into_iter()
            .map(|b| b"():\"-* \\"[b as usize % 8] as char)
            .collect();
        if let Err(e) = Filter::parse(&query) {
            assert!(e.span().end <= query.len(), "{query:?}");
        }
    }
}

// Hostile JSON.

fn sample_analysis() -> Analysis {
    parse_and_check(&article("drone_strikes")).analysis
}

fn json_error(json: &str) -> (usize, usize, String) {
    match Analysis::from_json(json) {
        Err(LoadError::Json {
            line,
            column,
            message,
        }) => (line, column, message),
        other => panic!("expected a JSON error for {json:.80?}, got {other:?}"),
    }
}

#[test]
fn truncated_json() {
    let json = sample_analysis().to_json();
    assert!(Analysis::from_json(&json).is_ok());
    let ends: Vec<usize> = (0..json.len())
        .step_by(7)
        .filter(|&i| json.is_char_boundary(i))
        .collect();
    for end in ends {
        let (line, column, message) = json_error(&json[..end]);
        assert!(line >= 1, "{message}");
        assert!(!message.is_empty());
        let _ = column;
    }
    let (_, _, message) = json_error("");
    assert!(message.contains("EOF"), "{message}");
}

#[test]
fn deeply_nested_json() {
    for json in [
        "[".repeat(100_000),
        "{\"a\":".repeat(100_000),
        format!("{{\"documents\":{}", "[".repeat(100_000)),
        format!(
            "{{\"statements\":[{{\"stances\":{}{}}}]}}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    ] {
        let (_, _, message) = json_error(&json);
        assert!(!message.is_empty());
    }
}

#[test]
fn json_of_the_wrong_types() {
    for json in [
        "null",
        "5",
        "\"analysis\"",
        // (An empty array reads as an empty analysis: serde's sequence
        // form of a struct whose fields all have defaults.)
        "[5]",
        "[[5]]",
        "{\"documents\": 5}",
        "{\"documents\": [{\"id\": 5, \"len\": 3}]}",
        "{\"documents\": [{\"id\": \"d\", \"len\": -3}]}",
        "{\"documents\": [{\"id\": \"d\", \"len\": 1e999}]}",
        "{\"documents\": [{\"id\": \"d\", \"len\": 3, \"date\": \"2025-02-30\"}]}",
        "{\"actors\": [1, 2]}",
        "{\"actors\": {\"rus\": {\"id\": \"rus\", \"name\": \"Russia\", \"kind\": \"planet\"}}}",
        "{\"statements\": [{\"span\": \"0..3\"}]}",
        "{\"statements\": {}}",
        "{\"events\": [null]}",
        "{\"documents\": [], \"documents\": []}",
    ] {
        json_error(json);
    }
    // A reversed or out-of-range span inside a real analysis.
    let json = sample_analysis().to_json_line();
    let first_span = json.find("\"span\":[").unwrap() + "\"span\":[".len();
    let close = first_span + json[first_span..].find(']').unwrap();
    for replacement in ["9,3", "0,18446744073709551616", "-1,2", "0.5,2", "0"] {
        let broken = format!("{}{replacement}{}", &json[..first_span], &json[close..]);
        json_error(&broken);
    }
    // Well-formed but dangling: an error of its own kind.
    let broken = json.replacen("\"speaker\":\"", "\"speaker\":\"nobody-", 1);
    assert!(matches!(
        Analysis::from_json(&broken),
        Err(LoadError::Invalid(_))
    ));
}

// Hostile lexicon data.

#[test]
fn lexicon_binary_garbage() {
    for seed in 0..50 {
        let bytes = random_bytes(seed, 4096);
        let text = String::from_utf8_lossy(&bytes);
        for table in Table::ALL {
            let mut lexicon = Lexicon::empty();
            // Garbage has lines of the wrong shape; the first is reported.
            match lexicon.extend(table, &text) {
                Err(e) => {
                    assert_eq!(e.table(), Some(table));
                    assert!(e.line().is_some(), "{e}");
                    assert!(e.to_string().starts_with("lexicon table "), "{e}");
                }
                Ok(n) => panic!("garbage accepted as {n} rows of {table}"),
            }
            assert!(lexicon.countries().is_empty() && lexicon.people().is_empty());
        }
    }
    // From a file: not UTF-8, with the offset.
    let dir = std::env::temp_dir().join(format!("demarche-lexicon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("people.tsv");
    std::fs::write(&file, b"Jane Roe\tRoe\tCAN\tminister\t2031\t-\n\xff\xfe\n").unwrap();
    let err = Lexicon::empty().extend_from_file(&file).unwrap_err();
    assert!(err.message().contains("is not UTF-8 (at byte 33)"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn lexicon_wrong_column_counts() {
    for table in Table::ALL {
        let n = table.columns();
        let least = table.required_columns();
        let expected = if least == n {
            n.to_string()
        } else {
            format!("{least} or {n}")
        };
        for cols in [1, least - 1, n + 1, 3 * n] {
            if (least..=n).contains(&cols) {
                continue;
            }
            let row = vec!["x"; cols].join("\t");
            let tsv = format!("# a comment\n\n{row}\n");
            let err = Lexicon::empty().extend(table, &tsv).unwrap_err();
            assert_eq!(err.line(), Some(3));
            assert_eq!(
                err.message(),
                format!("expected {expected} tab-separated columns, found {cols}")
            );
        }
        // The right count with an empty column.
        let mut cols = vec!["x"; n];
        cols[n - 1] = " ";
        let row = cols.join("\t");
        let err = Lexicon::empty().extend(table, &row).unwrap_err();
        assert!(err.message().contains("is empty"), "{err}");
    }
}

#[test]
fn lexicon_file_too_large() {
    let dir = std::env::temp_dir().join(format!("demarche-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("people.tsv");
    // A sparse file: 65 MB long without writing 65 MB.
    let f = std::fs::File::create(&file).unwrap();
    f.set_len(65 * 1024 * 1024).unwrap();
    drop(f);
    let err = Lexicon::empty().extend_from_file(&file).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "lexicon: {} is {} bytes, more than the limit of {}",
            file.display(),
            65 * 1024 * 1024,
            demarche::lexicon::MAX_FILE_BYTES
        )
    );
    // Missing files and unknown tables are errors too.
    let err = Lexicon::empty()
        .extend_from_file(dir.join("nothing.tsv"))
        .unwrap_err();
    assert!(err.message().starts_with("cannot read"), "{err}");
    let odd = dir.join("odd.tsv");
    std::fs::write(&odd, "#! table: planets\n").unwrap();
    let err = Lexicon::empty().extend_from_file(&odd).unwrap_err();
    assert!(err.message().contains("unknown lexicon table"), "{err}");
    std::fs::write(&odd, "#! tabel: people\n").unwrap();
    let err = Lexicon::empty().extend_from_file(&odd).unwrap_err();
    assert_eq!(err.line(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Well-formed lexicon rows with odd phrases (punctuation, phrase syntax,
/// quotation marks, emoji, words the parser treats specially): a parser
/// compiled from them either refuses the lexicon or parses texts that use
/// them without panicking.
fn odd_rows() -> impl Strategy<Value = Vec<(Table, String)>> {
    let word = prop::sample::select(vec![
        "Aaland", "x", ".", "..", "“", "’s", "~", "?", "|", "a|b", "word~", "word?", "é", "😀",
        "the", "said", "Kremlin", "U.S.", "-x-", "1", "ministry", "Mr.", "Київ", "talks", ",",
        "\"", "Putin", "ALL", "a", "(", "–",
    ]);
    let phrase = prop::collection::vec(word, 1..4).prop_map(|w| w.join(" "));
    let row = (0..Table::ALL.len(), prop::collection::vec(phrase, 4)).prop_map(|(t, p)| {
        let table = Table::ALL[t];
        let row = match table {
            Table::Countries => format!("XAA\t{}\t{}\t{}\t{}", p[0], p[1], p[2], p[3]),
            Table::Institutions => format!("odd-inst\tXAA\tgovernment\t{}\t{}", p[0], p[1]),
            Table::Bodies => format!("odd-body\tagency\t{}", p[0]),
            Table::Organizations => format!("odd-org\tODD\tigo\t{}\t{}", p[0], p[1]),
            Table::Titles => format!("{}\tofficial\t-", p[0]),
            Table::Honorifics => format!("{}\t-", p[0]),
            Table::People => format!("{}\t{}\tXAA\t{}\t2000\t-", p[0], p[1], p[2]),
            Table::Stances => format!("condemnation\t{}\t112\tobj\t-", p[0]),
            Table::Reporting => format!("say\t{}", p[0]),
            Table::Events => format!("attack\t{}\tnoun", p[0]),
            Table::Words => format!("group\t{}", p[0]),
            _ => format!("high\t{}", p[0]),
        };
        (table, row)
    });
    prop::collection::vec(row, 1..8)
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn odd_lexicon_rows_never_make_the_parser_panic(rows in odd_rows(), text in news_text()) {
        let mut lexicon = Lexicon::empty();
        lexicon.extend(Table::Countries, "XAA\tAaland\t-\tAalander\t-").unwrap();
        lexicon.extend(Table::Reporting, "say\tsaid").unwrap();
        lexicon.extend(Table::Titles, "minister\tminister\t-").unwrap();
        let mut used = String::new();
        for (table, row) in &rows {
            if lexicon.extend(*table, row).is_ok() {
                used.push_str(&row.replace('\t', " said "));
                used.push_str(". ");
            }
        }
        if let Ok(parser) = Parser::with_lexicon(lexicon) {
            let text = format!("{used}{text}");
            let parsed = parser.parse_document("doc", &text, reference_date()).unwrap();
            check_parsed(&text, &parsed).map_err(TestCaseError::fail)?;
        }
    }
}
