//! Arbitrary strings through the query parser: never a panic; an error
//! points inside the query; a query that parses prints as a canonical
//! query that parses back to the same filter.
#![no_main]

use demarche::query::{Filter, QueryParser};
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
});
