//! Prepares the built-in stance model and lexicon for loading.
//!
//! The stance model: `data/stance_model.tsv`
//! (the source of truth, written by `cargo run --release --example train`)
//! read once at build time into the binary form `src/stance_model.rs`
//! loads at start-up without parsing a number.
//!
//! Written to `OUT_DIR`:
//! - `stance_model.names`: every feature's name, sorted, one after another;
//! - `stance_model.bin`: little-endian, the bias's weights, then for each
//!   feature the end of its name in the names, the FNV-1a hash of its name
//!   and its weights (`f32`, one per kind).
//!
//! The file is read as `StanceModel::from_tsv` reads it (features sorted,
//! the last of a repeated name kept, weights by `str::parse::<f32>`); a
//! test checks that both give the same model. A file this script cannot
//! read gives empty outputs, and the crate then reads the text itself and
//! reports the error as it always has.

//!
//! The lexicon: the built-in tables under `data/` read by the crate's own
//! lexicon reader (`src/lexicon/`) and compiled into the matcher's trie by
//! the crate's own code (`src/parse/trie.rs`, with the tokenizer and the
//! word classes it uses), written to `OUT_DIR/lexicon.trie` as
//! `Compiled::to_bytes` writes it; `Parser::new` reads it back instead of
//! compiling the lexicon at start-up (about 40 million instructions). The
//! few model types the lexicon's reader names are stood in for by
//! [`model`] below. A lexicon this script cannot compile gives an empty
//! file, and the crate then compiles the lexicon itself, as it does for a
//! lexicon a user extended.

use std::env;
use std::fs;
use std::path::Path;

#[allow(dead_code, unused_imports)]
#[path = "src/lexicon/mod.rs"]
mod lexicon;

/// The crate's parser modules the trie needs, compiled as they are.
#[allow(dead_code, unused_imports)]
#[path = "src/parse"]
mod parse {
    pub mod token;
    pub mod trie;
    pub mod words;
}

/// What the lexicon's reader names of the crate's model (`src/model/`),
/// for the build: codes and kinds kept as their text in lowercase, any
/// name accepted (the crate refuses a bad one when it reads the lexicon,
/// and the built-in one is tested), so that rows compare as they do in
/// the crate.
#[allow(dead_code)]
mod model {
    use std::fmt;
    use std::str::FromStr;

    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CountryCode(String);

    #[derive(Debug)]
    pub struct InvalidCode;

    impl fmt::Display for InvalidCode {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("invalid code")
        }
    }

    impl CountryCode {
        pub fn new(code: impl Into<String>) -> Result<CountryCode, InvalidCode> {
            Ok(CountryCode(code.into()))
        }

        pub fn as_str(&self) -> &str {
            &self.0
        }
    }

    /// A kind as its name in lowercase (up to 32 bytes), `Copy` like the
    /// crate's kinds, and the error its parsing never gives.
    macro_rules! kind {
        ($kind:ident, $error:ident) => {
            #[derive(Clone, Copy, Debug, PartialEq, Eq)]
            pub struct $kind([u8; 32]);

            #[derive(Debug)]
            pub struct $error;

            impl fmt::Display for $error {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("unknown kind")
                }
            }

            impl FromStr for $kind {
                type Err = $error;
                fn from_str(s: &str) -> Result<$kind, $error> {
                    let mut n = [0; 32];
                    for (slot, b) in n.iter_mut().zip(s.bytes()) {
                        *slot = b.to_ascii_lowercase();
                    }
                    Ok($kind(n))
                }
            }
        };
    }

    kind!(StanceKind, UnknownStanceKind);
    kind!(EventKind, UnknownEventKind);
}

/// The number of stance kinds, one weight each.
const KINDS: usize = 6;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=data/stance_model.tsv");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let text = fs::read_to_string("data/stance_model.tsv").unwrap_or_default();
    let (names, bin) = compile(&text).unwrap_or_default();
    fs::write(Path::new(&out).join("stance_model.names"), names).expect("OUT_DIR is writable");
    fs::write(Path::new(&out).join("stance_model.bin"), bin).expect("OUT_DIR is writable");

    println!("cargo:rerun-if-changed=data");
    for dir in [
        "src/lexicon",
        "src/parse/token.rs",
        "src/parse/trie.rs",
        "src/parse/words.rs",
    ] {
        println!("cargo:rerun-if-changed={dir}");
    }
    let trie = std::panic::catch_unwind(|| {
        parse::trie::Compiled::new(&lexicon::Lexicon::builtin())
            .map(|c| c.to_bytes())
            .unwrap_or_default()
    })
    .unwrap_or_default();
    fs::write(Path::new(&out).join("lexicon.trie"), trie).expect("OUT_DIR is writable");
}

/// The names and the binary rows, or `None` for a file with a bad line.
fn compile(text: &str) -> Option<(String, Vec<u8>)> {
    let mut bias = [0.0f32; KINDS];
    let mut rows: Vec<(&str, [f32; KINDS])> = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let name = fields.next()?;
        let mut row = [0.0f32; KINDS];
        for slot in &mut row {
            *slot = fields.next()?.parse().ok()?;
        }
        if fields.next().is_some() {
            return None;
        }
        match name {
            "bias" => bias = row,
            "" => return None,
            _ => rows.push((name, row)),
        }
    }
    // Stable: among repeats of a name, the one given last ends each run.
    rows.sort_by(|a, b| a.0.cmp(b.0));
    let mut kept: Vec<(&str, [f32; KINDS])> = Vec::with_capacity(rows.len());
    for r in rows {
        match kept.last_mut() {
            Some(last) if last.0 == r.0 => *last = r,
            _ => kept.push(r),
        }
    }
    let mut names = String::new();
    let mut bin = Vec::new();
    for w in bias {
        bin.extend_from_slice(&w.to_le_bytes());
    }
    for (name, weights) in kept {
        names.push_str(name);
        let end = u32::try_from(names.len()).ok()?;
        bin.extend_from_slice(&end.to_le_bytes());
        bin.extend_from_slice(&fnv1a(name).to_le_bytes());
        for w in weights {
            bin.extend_from_slice(&w.to_le_bytes());
        }
    }
    Some((names, bin))
}

/// FNV-1a, 64 bits: `feature_hash` in `src/stance_model.rs`.
fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
