//! Prepares the built-in stance model for loading: `data/stance_model.tsv`
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

use std::env;
use std::fs;
use std::path::Path;

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
