//! Arbitrary bytes through `Parser::parse_bytes`: never a panic; UTF-8 is
//! parsed into a valid analysis whose spans lie on character boundaries and
//! hold the text stored with them; anything else is refused with the offset
//! of the first invalid byte.
#![no_main]

use std::sync::OnceLock;

use demarche::{Analysis, ParseError, Parser};
use libfuzzer_sys::fuzz_target;

fn parser() -> &'static Parser {
    static PARSER: OnceLock<Parser> = OnceLock::new();
    PARSER.get_or_init(Parser::new)
}

fn check(text: &str, at: &str, span: demarche::Span, stored: &str) {
    assert_eq!(span.slice(text), Some(stored), "{at}: span {span}");
}

fuzz_target!(|bytes: &[u8]| {
    let date = chrono::NaiveDate::from_ymd_opt(2025, 6, 5);
    match (
        std::str::from_utf8(bytes),
        parser().parse_bytes("fuzz", bytes, date),
    ) {
        (Ok(text), Ok(parsed)) => {
            let a = &parsed.analysis;
            if let Err(e) = a.validate() {
                panic!("{e}");
            }
            for st in a.statements() {
                check(text, "statement", st.span, &st.text);
                if let Some(c) = &st.attribution {
                    check(text, "attribution", c.span, &c.text);
                }
                for s in &st.stances {
                    check(text, "cue", s.cue.span, &s.cue.text);
                    for l in &s.labels {
                        check(text, "label", l.span, &l.text);
                    }
                }
            }
            for ev in a.events() {
                check(text, "event", ev.span, &ev.description);
                check(text, "event cue", ev.cue.span, &ev.cue.text);
            }
            for d in &parsed.diagnostics {
                assert!(d.span.slice(text).is_some(), "diagnostic span {}", d.span);
            }
            let back = Analysis::from_json(&a.to_json_line()).expect("the JSON loads back");
            assert_eq!(&back, a);
        }
        (Err(e), Err(ParseError::NotUtf8 { offset })) => assert_eq!(offset, e.valid_up_to()),
        (utf8, parsed) => panic!("{utf8:?} but {:?}", parsed.map(|_| ())),
    }
});
