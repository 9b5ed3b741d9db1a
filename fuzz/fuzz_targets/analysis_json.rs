//! Arbitrary strings through `Analysis::from_json`: never a panic; what
//! loads is valid and round-trips through JSON.
#![no_main]

use demarche::Analysis;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|json: &str| {
    if let Ok(a) = Analysis::from_json(json) {
        assert!(a.validate().is_ok());
        let back = Analysis::from_json(&a.to_json()).expect("a loaded analysis loads back");
        assert_eq!(back, a);
        // Merging it into itself fails on the duplicate documents, or
        // succeeds when it has none; either way, no panic.
        let _ = Analysis::merge_all([a.clone(), a]);
    }
});
