//! The statistical stance recogniser: a linear model over the words of a
//! statement's reported clause, beside the lexicon's rules.
//!
//! The rules find stances by listed phrases and keep precedence. The model
//! reads what the rules could not list: for each statement, the words of
//! the speaker's reported clause become features (words and word pairs,
//! with the actors in them replaced by whether they are the speaker's own
//! side or another, negated words and words inside another actor's
//! reported speech marked as such), and one logistic classifier per
//! [`StanceKind`] scores them. A kind the rules did not find in the
//! statement is added when its score reaches the kind's threshold; the
//! words that weighed most become the stance's cue, and
//! [`Stance::score`](crate::model::Stance::score) carries the probability.
//!
//! The built-in model ([`StanceModel::builtin`]) is trained by the
//! `train` example from the sentences in `data/train/` and its thresholds
//! are calibrated by `scripts/calibrate` on annotated articles it was not
//! trained on. Training is deterministic: the same data and parser give the
//! same weights file, byte for byte.
//!
//! # Examples
//!
//! ```
//! use demarche::stance_model::{Example, StanceModel, TrainOptions};
//! use demarche::StanceKind;
//!
//! let examples = vec![
//!     Example::new(vec!["w:deplored".into(), "w:OTHER".into()], vec![StanceKind::Condemnation]),
//!     Example::new(vec!["w:arrive".into(), "w:thursday".into()], vec![]),
//! ];
//! let mut options = TrainOptions::default();
//! options.min_count = 1;
//! let model = StanceModel::train(&examples, &options);
//! let scores = model.scores(["w:deplored", "w:OTHER"]);
//! let condemnation = StanceKind::ALL.iter().position(|k| *k == StanceKind::Condemnation).unwrap();
//! assert!(scores[condemnation] > 0.5);
//! let back = StanceModel::from_tsv(&model.to_tsv()).unwrap();
//! assert_eq!(back.to_tsv(), model.to_tsv());
//! ```

use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

use crate::model::StanceKind;

/// The number of stance kinds the model scores, one per [`StanceKind::ALL`] entry.
pub const KINDS: usize = StanceKind::ALL.len();

/// The built-in weights, trained by `cargo run --release --example train`.
const BUILTIN_WEIGHTS: &str = include_str!("../data/stance_model.tsv");

/// The built-in weights as `build.rs` prepares them from the same file:
/// the features' names, sorted, one after another, and for each its name's
/// end, hash and weights (see [`StanceModel::from_prebuilt`]).
const PREBUILT_NAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/stance_model.names"));
const PREBUILT_ROWS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/stance_model.bin"));

/// The built-in thresholds, calibrated by `scripts/calibrate`.
const BUILTIN_THRESHOLDS: &str = include_str!("../data/stance_thresholds.tsv");

/// Why a model file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A line of the file is not what its format says.
    #[error("line {line}: {message}")]
    Line {
        /// The line's number, from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

/// One training example: a statement's features and the kinds of stance
/// its speaker takes (none for a statement without a stance).
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// The statement's features, as [`Parser::statement_features`](crate::Parser::statement_features) gives them.
    pub features: Vec<String>,
    /// The kinds of stance the speaker takes.
    pub kinds: Vec<StanceKind>,
}

impl Example {
    /// An example from its features and kinds.
    pub fn new(features: Vec<String>, kinds: Vec<StanceKind>) -> Example {
        Example { features, kinds }
    }
}

/// How [`StanceModel::train`] trains.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct TrainOptions {
    /// Passes over the examples.
    pub epochs: usize,
    /// The first pass's learning rate; it decays as `rate / (1 + epoch / 4)`.
    pub rate: f64,
    /// The L2 penalty on each weight, per update.
    pub l2: f64,
    /// Features seen in fewer examples than this are left out.
    pub min_count: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 30,
            rate: 0.2,
            l2: 1e-4,
            min_count: 2,
        }
    }
}

/// A linear stance classifier: one logistic model per kind over named
/// features, with a threshold per kind.
#[derive(Clone, Debug, PartialEq)]
pub struct StanceModel {
    bias: [f32; KINDS],
    /// Every feature's name, one after another, in the order of `rows`.
    names: String,
    /// Each feature's end in `names` and its weights, sorted by name,
    /// each name once (the last given wins): one allocation for all the
    /// names instead of one per feature.
    rows: Vec<(u32, [f32; KINDS])>,
    /// The same weights by the hash of the feature's name, which the
    /// parser computes without building the name.
    by_hash: FxHashMap<u64, [f32; KINDS]>,
    thresholds: [f32; KINDS],
}

/// The hash of a feature name given in parts, the same as of the parts
/// joined (FNV-1a, 64 bits).
pub(crate) fn feature_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        h = fnv1a(h, p.as_bytes());
    }
    h
}

/// FNV-1a from state `h` over `bytes`, four bytes a loop: the same steps
/// with a quarter of the loop's own instructions.
#[inline]
fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut quads = bytes.chunks_exact(4);
    for q in &mut quads {
        for &b in q {
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
    }
    for &b in quads.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(PRIME);
    }
    h
}

impl Default for StanceModel {
    /// An empty model, which never adds a stance.
    fn default() -> StanceModel {
        StanceModel {
            bias: [0.0; KINDS],
            names: String::new(),
            rows: Vec::new(),
            by_hash: FxHashMap::default(),
            thresholds: [1.0; KINDS],
        }
    }
}

impl StanceModel {
    /// The built-in model, read once per process.
    pub fn builtin() -> &'static StanceModel {
        builtin_shared()
    }

    /// Trains a model on `examples`, in their order, deterministically.
    /// Its thresholds are 0.5 until [`set_thresholds`](StanceModel::set_thresholds).
    pub fn train(examples: &[Example], options: &TrainOptions) -> StanceModel {
        // Feature ids in sorted order, so that the result does not depend
        // on hashing.
        let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
        for e in examples {
            let mut seen: Vec<&str> = e.features.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for f in seen {
                *counts.entry(f).or_default() += 1;
            }
        }
        let mut names: Vec<&str> = counts
            .iter()
            .filter(|(_, c)| **c >= options.min_count)
            .map(|(f, _)| *f)
            .collect();
        names.sort_unstable();
        let ids: FxHashMap<&str, usize> = names.iter().enumerate().map(|(i, f)| (*f, i)).collect();
        let rows: Vec<(Vec<usize>, [f64; KINDS])> = examples
            .iter()
            .map(|e| {
                let mut fs: Vec<usize> = e
                    .features
                    .iter()
                    .filter_map(|f| ids.get(f.as_str()).copied())
                    .collect();
                fs.sort_unstable();
                fs.dedup();
                let mut y = [0.0; KINDS];
                for (k, kind) in StanceKind::ALL.iter().enumerate() {
                    if e.kinds.contains(kind) {
                        y[k] = 1.0;
                    }
                }
                (fs, y)
            })
            .collect();
        let mut w = vec![[0.0f64; KINDS]; names.len()];
        let mut bias = [0.0f64; KINDS];
        for epoch in 0..options.epochs {
            let rate = options.rate / (1.0 + epoch as f64 / 4.0);
            for (fs, y) in &rows {
                for k in 0..KINDS {
                    let z = bias[k] + fs.iter().map(|&f| w[f][k]).sum::<f64>();
                    let g = sigmoid(z) - y[k];
                    bias[k] -= rate * g;
                    for &f in fs {
                        w[f][k] -= rate * (g + options.l2 * w[f][k]);
                    }
                }
            }
        }
        let mut features = Features::default();
        for (f, row) in names.iter().zip(&w) {
            let row: [f32; KINDS] = std::array::from_fn(|k| round4(row[k]));
            if row.iter().any(|x| *x != 0.0) {
                features.push(f, row);
            }
        }
        features.into_model(std::array::from_fn(|k| round4(bias[k])))
    }

    /// Reads a model from the text [`to_tsv`](StanceModel::to_tsv) writes:
    /// `#` comments, a `bias` line, then one line per feature, each with one
    /// weight per kind in [`StanceKind::ALL`]'s order, separated by tabs.
    pub fn from_tsv(text: &str) -> Result<StanceModel, ModelError> {
        let mut bias = [0.0f32; KINDS];
        let mut features = Features::with_capacity(text.len(), count_lines(text));
        for (n, line) in data_lines(text) {
            let err = |message: String| ModelError::Line { line: n, message };
            let mut fields = crate::lexicon::tab_fields(line);
            let name = fields.next().unwrap_or("");
            let mut row = [0.0f32; KINDS];
            for (k, slot) in row.iter_mut().enumerate() {
                let v = fields
                    .next()
                    .ok_or_else(|| err(format!("expected {KINDS} weights, found {k}")))?;
                *slot = parse_weight(v).ok_or_else(|| err(format!("{v:?} is not a number")))?;
            }
            if fields.next().is_some() {
                return Err(err(format!("more than {KINDS} weights")));
            }
            if name == "bias" {
                bias = row;
            } else if name.is_empty() {
                return Err(err("a feature without a name".into()));
            } else {
                features.push(name, row);
            }
        }
        Ok(features.into_model(bias))
    }

    /// The model as text, features sorted, weights to four decimals.
    pub fn to_tsv(&self) -> String {
        let mut out = String::from(
            "# demarche stance model: one logistic classifier per kind over statement features.\n\
             # Written by `cargo run --release --example train`; do not edit by hand.\n\
             # Columns: feature, then one weight per kind:",
        );
        for k in StanceKind::ALL {
            let _ = write!(out, " {}", k.as_str());
        }
        out.push('\n');
        let row = |out: &mut String, name: &str, r: &[f32; KINDS]| {
            out.push_str(name);
            for x in r {
                let _ = write!(out, "\t{x}");
            }
            out.push('\n');
        };
        row(&mut out, "bias", &self.bias);
        for i in 0..self.rows.len() {
            row(&mut out, self.name(i), &self.rows[i].1);
        }
        out
    }

    /// The name of feature `i` of `rows`.
    fn name(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.rows[i - 1].0 as usize,
        };
        self.names.get(start..self.rows[i].0 as usize).unwrap_or("")
    }

    /// The number of features with weights.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the model has no features (and so never adds a stance).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The weights of one feature, one per kind, if it has any.
    pub fn weights(&self, feature: &str) -> Option<&[f32; KINDS]> {
        let i = self.binary_search_name(feature).ok()?;
        Some(&self.rows[i].1)
    }

    fn binary_search_name(&self, feature: &str) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0, self.rows.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.name(mid).cmp(feature) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    /// The probability of each kind, in [`StanceKind::ALL`]'s order, for a
    /// statement with these features (repeats count once).
    pub fn scores<'a>(&self, features: impl IntoIterator<Item = &'a str>) -> [f32; KINDS] {
        self.scores_hashed(features.into_iter().map(|f| feature_hash(&[f])))
    }

    /// [`scores`](StanceModel::scores) of features given by their hashes.
    pub(crate) fn scores_hashed(&self, features: impl IntoIterator<Item = u64>) -> [f32; KINDS] {
        self.scores_hashed_in(features, &mut Vec::new())
    }

    /// [`scores_hashed`](StanceModel::scores_hashed), sorting the hashes
    /// in `seen` (cleared first), a buffer the caller keeps from one
    /// statement to the next.
    pub(crate) fn scores_hashed_in(
        &self,
        features: impl IntoIterator<Item = u64>,
        seen: &mut Vec<u64>,
    ) -> [f32; KINDS] {
        let mut z = self.bias;
        seen.clear();
        seen.extend(features);
        seen.sort_unstable();
        seen.dedup();
        for &f in seen.iter() {
            if let Some(w) = self.by_hash.get(&f) {
                for k in 0..KINDS {
                    z[k] += w[k];
                }
            }
        }
        z.map(|z| sigmoid(z as f64) as f32)
    }

    /// The weights of a feature given by its hash.
    pub(crate) fn weights_hashed(&self, feature: u64) -> Option<&[f32; KINDS]> {
        self.by_hash.get(&feature)
    }

    /// The score each kind needs for the model to add it.
    pub fn thresholds(&self) -> [f32; KINDS] {
        self.thresholds
    }

    /// Sets the score each kind needs (1.0 or more turns a kind off).
    pub fn set_thresholds(&mut self, thresholds: [f32; KINDS]) {
        self.thresholds = thresholds;
    }

    /// Reads thresholds from text: `#` comments and lines `kind<TAB>threshold`
    /// (kinds left out keep theirs).
    pub fn read_thresholds(&mut self, text: &str) -> Result<(), ModelError> {
        let mut t = self.thresholds;
        read_thresholds_into(text, &mut t)?;
        self.thresholds = t;
        Ok(())
    }
}

/// The built-in model, read once per process and shared by every parser
/// that uses it ([`StanceModel::builtin`] borrows the same one).
pub(crate) fn builtin_shared() -> &'static Arc<StanceModel> {
    static BUILTIN: OnceLock<Arc<StanceModel>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        // The prepared form, or the text itself when `build.rs` could not
        // read it (and then the text's error).
        let prebuilt = StanceModel::from_prebuilt(PREBUILT_NAMES, PREBUILT_ROWS);
        let mut m = match prebuilt.map_or_else(|| StanceModel::from_tsv(BUILTIN_WEIGHTS), Ok) {
            Ok(m) => m,
            Err(e) => unreachable!("the built-in stance model reads (tested): {e}"),
        };
        match parse_thresholds(BUILTIN_THRESHOLDS) {
            Ok(t) => m.thresholds = t,
            Err(e) => unreachable!("the built-in thresholds read (tested): {e}"),
        }
        Arc::new(m)
    })
}

impl StanceModel {
    /// The model `build.rs` prepared: `names` the features' names, sorted,
    /// one after another; `rows` the bias's weights, then for each feature
    /// its name's end in `names`, its name's hash and its weights, all
    /// little-endian. `None` if they are not that (empty, or cut short).
    fn from_prebuilt(names: &str, rows: &[u8]) -> Option<StanceModel> {
        const ROW: usize = 4 + 8 + 4 * KINDS;
        let weights = |b: &[u8]| -> Option<[f32; KINDS]> {
            let mut w = [0.0f32; KINDS];
            for (k, slot) in w.iter_mut().enumerate() {
                *slot = f32::from_le_bytes(b.get(4 * k..4 * k + 4)?.try_into().ok()?);
            }
            Some(w)
        };
        let bias = weights(rows.get(..4 * KINDS)?)?;
        let body = rows.get(4 * KINDS..)?;
        if body.is_empty() || body.len() % ROW != 0 {
            return None;
        }
        let n = body.len() / ROW;
        let mut m = StanceModel {
            bias,
            names: names.to_owned(),
            rows: Vec::with_capacity(n),
            by_hash: FxHashMap::default(),
            thresholds: [0.5; KINDS],
        };
        m.by_hash.reserve(n);
        let mut start = 0usize;
        for row in body.chunks_exact(ROW) {
            let end = u32::from_le_bytes(row.get(..4)?.try_into().ok()?);
            let hash = u64::from_le_bytes(row.get(4..12)?.try_into().ok()?);
            let w = weights(row.get(12..)?)?;
            // Each name in order, on character boundaries.
            names.get(start..end as usize)?;
            start = end as usize;
            m.rows.push((end, w));
            m.by_hash.insert(hash, w);
        }
        (start == names.len()).then_some(m)
    }
}

/// A model's features as they are read or trained, before sorting.
#[derive(Default)]
struct Features {
    names: String,
    /// Each feature's range in `names` and its weights, in the order given.
    rows: Vec<(u32, u32, [f32; KINDS])>,
}

impl Features {
    /// Room for about `lines` features whose names take at most `bytes`.
    fn with_capacity(bytes: usize, lines: usize) -> Features {
        Features {
            names: String::with_capacity(bytes / 4),
            rows: Vec::with_capacity(lines),
        }
    }

    fn push(&mut self, name: &str, row: [f32; KINDS]) {
        let start = self.names.len() as u32;
        self.names.push_str(name);
        self.rows.push((start, self.names.len() as u32, row));
    }

    /// The model: features sorted by name, each once (the last given
    /// wins, as when inserting into a map), and the hash table the parser
    /// scores with.
    fn into_model(self, bias: [f32; KINDS]) -> StanceModel {
        let Features { names, mut rows } = self;
        let name =
            |r: &(u32, u32, [f32; KINDS])| names.get(r.0 as usize..r.1 as usize).unwrap_or("");
        if !rows.windows(2).all(|w| name(&w[0]) < name(&w[1])) {
            // Stable: among repeats, the one given last ends each run.
            rows.sort_by(|a, b| name(a).cmp(name(b)));
            let mut kept: Vec<(u32, u32, [f32; KINDS])> = Vec::with_capacity(rows.len());
            for r in rows {
                match kept.last_mut() {
                    Some(last) if name(last) == name(&r) => *last = r,
                    _ => kept.push(r),
                }
            }
            rows = kept;
        }
        let mut m = StanceModel {
            bias,
            names: String::with_capacity(rows.iter().map(|r| (r.1 - r.0) as usize).sum()),
            rows: Vec::with_capacity(rows.len()),
            by_hash: FxHashMap::default(),
            thresholds: [0.5; KINDS],
        };
        m.by_hash.reserve(rows.len());
        for r in &rows {
            let n = name(r);
            m.names.push_str(n);
            m.rows.push((m.names.len() as u32, r.2));
            m.by_hash.insert(feature_hash(&[n]), r.2);
        }
        m
    }
}

/// The number of line feeds in `text`.
fn count_lines(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

/// A weight as `str::parse::<f32>` reads it, with a fast path for the
/// plain decimals a model file holds ("-0.0123"): up to 15 digits, at
/// most 8 after the point. Such a value is `m / 10^k` with both exact in
/// an `f64`, so the division is rounded once; rounding that to `f32`
/// again gives the correctly rounded `f32`, because a quotient with
/// `10^k < 2^28` that is not itself halfway between two `f32`s lies
/// farther from the halfway point than half an `f64` step. Anything else
/// goes to the standard parser.
fn parse_weight(s: &str) -> Option<f32> {
    const POW10: [f64; 9] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
    let b = s.as_bytes();
    let (negative, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        _ => (false, b),
    };
    let int_len = digits.iter().take_while(|c| c.is_ascii_digit()).count();
    let point = digits.get(int_len) == Some(&b'.');
    let (frac, rest) = if point {
        let f = &digits[int_len + 1..];
        let n = f.iter().take_while(|c| c.is_ascii_digit()).count();
        (&f[..n], &f[n..])
    } else {
        (&digits[..0], &digits[int_len..])
    };
    let fast = int_len > 0
        && (!point || !frac.is_empty())
        && rest.is_empty()
        && frac.len() <= 8
        && int_len + frac.len() <= 15;
    if !fast {
        return s.parse().ok();
    }
    let mut m: u64 = 0;
    for &c in digits[..int_len].iter().chain(frac) {
        m = m * 10 + u64::from(c - b'0');
    }
    let x = (m as f64 / POW10[frac.len()]) as f32;
    Some(if negative { -x } else { x })
}

/// The lines of a model or thresholds file that hold data, with their
/// numbers from 1: not empty, not `#` comments.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l))
}

fn parse_thresholds(text: &str) -> Result<[f32; KINDS], ModelError> {
    let mut t = [1.0; KINDS];
    read_thresholds_into(text, &mut t)?;
    Ok(t)
}

fn read_thresholds_into(text: &str, t: &mut [f32; KINDS]) -> Result<(), ModelError> {
    for (n, line) in data_lines(text) {
        let err = |message: String| ModelError::Line { line: n, message };
        let (kind, value) = line
            .split_once('\t')
            .ok_or_else(|| err("expected `kind<TAB>threshold`".into()))?;
        let k = StanceKind::ALL
            .iter()
            .position(|k| k.as_str() == kind)
            .ok_or_else(|| err(format!("{kind:?} is not a stance kind")))?;
        t[k] = value
            .trim()
            .parse()
            .map_err(|_| err(format!("{value:?} is not a number")))?;
    }
    Ok(())
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn round4(x: f64) -> f32 {
    ((x * 10_000.0).round() / 10_000.0) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_hashes_are_fnv1a_of_the_parts_joined() {
        let byte_by_byte = |s: &str| {
            s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            })
        };
        // The published FNV-1a values.
        assert_eq!(feature_hash(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(feature_hash(&["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(feature_hash(&["foobar"]), 0x8594_4171_f739_67e8);
        let word = "b:o:condemnation_of";
        for cut in 0..=word.len() {
            let (a, b) = word.split_at(cut);
            for parts in [[a, b, "", "", ""], ["", a, "", b, ""]] {
                assert_eq!(feature_hash(&parts), byte_by_byte(word), "{parts:?}");
            }
            assert_eq!(feature_hash(&[a]), byte_by_byte(a), "{a:?}");
        }
    }

    #[test]
    fn builtin_reads() {
        let m = StanceModel::builtin();
        assert!(m.thresholds().iter().all(|t| *t > 0.0));
    }

    #[test]
    fn the_prepared_builtin_model_is_the_text_read() {
        let prebuilt = StanceModel::from_prebuilt(PREBUILT_NAMES, PREBUILT_ROWS);
        let read = StanceModel::from_tsv(BUILTIN_WEIGHTS).unwrap();
        assert_eq!(prebuilt.as_ref(), Some(&read));
        for (name, _) in read.rows.iter().enumerate().take(50) {
            let n = read.name(name);
            assert_eq!(
                prebuilt
                    .as_ref()
                    .unwrap()
                    .weights_hashed(feature_hash(&[n])),
                read.weights(n)
            );
        }
        assert!(StanceModel::from_prebuilt("", &[]).is_none());
        assert!(
            StanceModel::from_prebuilt(PREBUILT_NAMES, &PREBUILT_ROWS[..PREBUILT_ROWS.len() - 1])
                .is_none()
        );
    }

    #[test]
    fn bad_lines_are_errors() {
        assert!(matches!(
            StanceModel::from_tsv("bias\t1\t2"),
            Err(ModelError::Line { line: 1, .. })
        ));
        assert!(StanceModel::from_tsv("w:x\t1\t2\t3\t4\t5\tsix").is_err());
        let mut m = StanceModel::default();
        assert!(m.read_thresholds("appeal\t0.7").is_ok());
        assert!(m.read_thresholds("anger\t0.7").is_err());
    }

    #[test]
    fn weights_read_as_the_standard_parser_reads_them() {
        let mut values: Vec<String> = BUILTIN_WEIGHTS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split('\t').skip(1).map(str::to_owned))
            .collect();
        for v in [
            "0",
            "-0",
            "1",
            "0.5",
            "-0.00001",
            "123456789.12345",
            "3.4028236e38",
            "1e-45",
            "0.1",
            "16777217",
            "16777217.5",
            "0.33333334",
            "9999999999999.99",
            "1.",
            ".5",
            "+1",
            "--1",
            "1.2.3",
            "",
            "-",
            "nan",
            "inf",
            "0x1",
            "1_0",
            "00012.50000000",
        ] {
            values.push(v.to_owned());
        }
        // Decimals with up to 8 places across the range: every one must
        // round as the standard parser rounds it.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let places = (x % 9) as usize;
            let digits = 1 + (x >> 8) % 15;
            let m = (x >> 16) % 10u64.pow(digits as u32);
            let s = format!("{m:0>width$}", width = places + 1);
            let (int, frac) = s.split_at(s.len() - places);
            values.push(if places == 0 {
                int.to_owned()
            } else {
                format!("-{int}.{frac}")
            });
        }
        for v in &values {
            let ours = parse_weight(v).map(f32::to_bits);
            let std = v.parse::<f32>().ok().map(f32::to_bits);
            assert_eq!(ours, std, "{v:?}");
        }
    }

    #[test]
    fn repeated_and_unsorted_features_read_as_a_map_would() {
        let m = StanceModel::from_tsv(
            "w:b\t1\t1\t1\t1\t1\t1\nw:a\t2\t2\t2\t2\t2\t2\nw:b\t3\t3\t3\t3\t3\t3",
        )
        .unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(m.weights("w:a"), Some(&[2.0; KINDS]));
        assert_eq!(m.weights("w:b"), Some(&[3.0; KINDS]));
        assert_eq!(m.weights("w:c"), None);
        assert_eq!(
            m.scores(["w:b"]),
            StanceModel::from_tsv("w:b\t3\t3\t3\t3\t3\t3")
                .unwrap()
                .scores(["w:b"])
        );
        let back = StanceModel::from_tsv(&m.to_tsv()).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn training_is_deterministic() {
        let ex = vec![
            Example::new(vec!["a".into(), "b".into()], vec![StanceKind::Appeal]),
            Example::new(vec!["a".into(), "c".into()], vec![]),
            Example::new(vec!["b".into(), "d".into()], vec![StanceKind::Appeal]),
            Example::new(vec!["c".into(), "d".into()], vec![]),
        ];
        let a = StanceModel::train(&ex, &TrainOptions::default());
        let b = StanceModel::train(&ex, &TrainOptions::default());
        assert_eq!(a.to_tsv(), b.to_tsv());
        let appeal = 3;
        assert!(a.scores(["b"])[appeal] > a.scores(["c"])[appeal]);
    }
}
