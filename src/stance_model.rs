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
    weights: FxHashMap<Box<str>, [f32; KINDS]>,
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
        for &b in p.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl Default for StanceModel {
    /// An empty model, which never adds a stance.
    fn default() -> StanceModel {
        StanceModel {
            bias: [0.0; KINDS],
            weights: FxHashMap::default(),
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
        let mut model = StanceModel {
            bias: std::array::from_fn(|k| round4(bias[k])),
            thresholds: [0.5; KINDS],
            ..StanceModel::default()
        };
        for (f, row) in names.iter().zip(&w) {
            let row: [f32; KINDS] = std::array::from_fn(|k| round4(row[k]));
            if row.iter().any(|x| *x != 0.0) {
                model.insert(f, row);
            }
        }
        model
    }

    fn insert(&mut self, name: &str, row: [f32; KINDS]) {
        self.by_hash.insert(feature_hash(&[name]), row);
        self.weights.insert(Box::from(name), row);
    }

    /// Reads a model from the text [`to_tsv`](StanceModel::to_tsv) writes:
    /// `#` comments, a `bias` line, then one line per feature, each with one
    /// weight per kind in [`StanceKind::ALL`]'s order, separated by tabs.
    pub fn from_tsv(text: &str) -> Result<StanceModel, ModelError> {
        let mut m = StanceModel {
            thresholds: [0.5; KINDS],
            ..StanceModel::default()
        };
        for (n, line) in data_lines(text) {
            let err = |message: String| ModelError::Line { line: n, message };
            let mut fields = line.split('\t');
            let name = fields.next().unwrap_or("");
            let mut row = [0.0f32; KINDS];
            for (k, slot) in row.iter_mut().enumerate() {
                let v = fields
                    .next()
                    .ok_or_else(|| err(format!("expected {KINDS} weights, found {k}")))?;
                *slot = v
                    .parse()
                    .map_err(|_| err(format!("{v:?} is not a number")))?;
            }
            if fields.next().is_some() {
                return Err(err(format!("more than {KINDS} weights")));
            }
            if name == "bias" {
                m.bias = row;
            } else if name.is_empty() {
                return Err(err("a feature without a name".into()));
            } else {
                m.insert(name, row);
            }
        }
        Ok(m)
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
        let mut names: Vec<&str> = self.weights.keys().map(|k| &**k).collect();
        names.sort_unstable();
        for n in names {
            row(&mut out, n, &self.weights[n]);
        }
        out
    }

    /// The number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no features (and so never adds a stance).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The weights of one feature, one per kind, if it has any.
    pub fn weights(&self, feature: &str) -> Option<&[f32; KINDS]> {
        self.weights.get(feature)
    }

    /// The probability of each kind, in [`StanceKind::ALL`]'s order, for a
    /// statement with these features (repeats count once).
    pub fn scores<'a>(&self, features: impl IntoIterator<Item = &'a str>) -> [f32; KINDS] {
        self.scores_hashed(features.into_iter().map(|f| feature_hash(&[f])))
    }

    /// [`scores`](StanceModel::scores) of features given by their hashes.
    pub(crate) fn scores_hashed(&self, features: impl IntoIterator<Item = u64>) -> [f32; KINDS] {
        let mut z = self.bias;
        let mut seen: Vec<u64> = features.into_iter().collect();
        seen.sort_unstable();
        seen.dedup();
        for f in seen {
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
        let mut m = match StanceModel::from_tsv(BUILTIN_WEIGHTS) {
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
    fn builtin_reads() {
        let m = StanceModel::builtin();
        assert!(m.thresholds().iter().all(|t| *t > 0.0));
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
