//! Arbitrary strings through the query parser: never a panic; an error
//! points inside the query; a query that parses prints as a canonical
//! query that parses back to the same filter; warnings, and an explanation
//! over an empty analysis, point inside the query.
#![no_main]

use demarche::Analysis;
use demarche::query::{Filter, Index, QueryParser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|query: &str| {
    // The default parser, and one without the length limit and with the
    // deepest nesting allowed.
    let unlimited = QueryParser::new()
        .max_len(usize::MAX)
        .nest_limit(QueryParser::MAX_NEST_LIMIT);
    for result in [Filter::parse(query), unlimited.parse(query)] {
        match result {
            Ok(filter) => {
                let printed = filter.to_string();
                let back = unlimited.parse(&printed);
                assert_eq!(
                    back.as_ref().ok(),
                    Some(&filter),
                    "{query:?} printed as {printed:?}: {back:?}"
                );
            }
            Err(e) => {
                assert!(e.span().end <= query.len());
                assert!(query.is_char_boundary(e.span().start));
                assert!(query.is_char_boundary(e.span().end));
                let _ = e.to_string();
            }
        }
    }
    let _ = unlimited.parse_ast(query);
    let empty = Analysis::new();
    if let Ok(explained) = Index::new(&empty).explain_with(&unlimited, query) {
        assert!(unlimited.warnings(query).is_ok());
        for w in explained.warnings() {
            assert!(w.span().end <= query.len());
            assert!(query.is_char_boundary(w.span().start));
            assert!(query.is_char_boundary(w.span().end));
            let _ = w.to_string();
        }
    }
});
