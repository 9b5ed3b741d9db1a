//! Arbitrary strings as lexicon data for each table: never a panic; what is
//! accepted compiles into a parser (or is refused with an error) that
//! parses the same string without panicking.
#![no_main]

use demarche::Parser;
use demarche::lexicon::{Lexicon, Table};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|tsv: &str| {
    for table in Table::ALL {
        let mut lexicon = Lexicon::empty();
        match lexicon.extend(table, tsv) {
            Ok(_) => {
                if let Ok(parser) = Parser::with_lexicon(lexicon) {
                    let _ = parser.parse(tsv);
                }
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
});
