//! Trains the statistical stance recogniser from labelled sentences and
//! writes its weights.
//!
//! ```text
//! cargo run --release --example train                 # rewrites data/stance_model.tsv
//! cargo run --release --example train -- --check      # fails if the shipped weights differ
//! cargo run --release --example train -- --out FILE data/train/*.tsv
//! cargo run --release --example train -- --cv 5      # cross-validation figures only
//! ```
//!
//! Each training file has lines `KINDS<TAB>SENTENCE` (`#` comments), KINDS
//! a comma-separated list of stance kinds or `none`. Each sentence is
//! parsed with the lexicon's rules alone; its longest statement's features
//! (see `demarche::stance_model`) are one example with those kinds. A
//! sentence in which the parser finds no statement is left out (and
//! counted). The files are read in name order and training is
//! deterministic, so the same files give the same weights, byte for byte.

use std::path::PathBuf;
use std::process::ExitCode;

use demarche::stance_model::{Example, StanceModel, TrainOptions};
use demarche::{Parser, StanceKind};

const USAGE: &str = "usage: train [--check] [--out FILE] [TRAINING.tsv ...]
  with no files, reads data/train/*.tsv; writes data/stance_model.tsv
  --check     compare with the output file instead of writing it; exit 1 if they differ
  --out FILE  write the weights there
  --skipped   list the sentences in which the parser found no statement
  --cv K      K-fold cross-validation (example i in fold i mod K): per-kind precision,
              recall and F1 at a threshold of 0.5; writes nothing
  --l2 X, --epochs N, --min-count N   training options (the defaults make the shipped model)";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut check = false;
    let mut out = root.join("data/stance_model.tsv");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut cv: Option<usize> = None;
    let mut list_skipped = false;
    let mut options = TrainOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("train: {name} needs a value"))
        };
        match a.as_str() {
            "--check" => check = true,
            "--skipped" => list_skipped = true,
            "--cv" => cv = Some(number(&value("--cv")?)?),
            "--epochs" => options.epochs = number(&value("--epochs")?)?,
            "--min-count" => options.min_count = number(&value("--min-count")?)?,
            "--l2" => options.l2 = number(&value("--l2")?)?,
            "--out" => out = args.next().ok_or("train: --out needs a file")?.into(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            _ if a.starts_with('-') => return Err(format!("train: unknown option {a}\n{USAGE}")),
            _ => files.push(a.into()),
        }
    }
    if files.is_empty() {
        let dir = root.join("data/train");
        let entries =
            std::fs::read_dir(&dir).map_err(|e| format!("train: {}: {e}", dir.display()))?;
        for e in entries {
            let p = e
                .map_err(|e| format!("train: {}: {e}", dir.display()))?
                .path();
            if p.extension().is_some_and(|x| x == "tsv") {
                files.push(p);
            }
        }
    }
    files.sort();
    let parser = Parser::new().stance_model(None);
    let mut examples = Vec::new();
    let mut skipped = 0usize;
    for file in &files {
        let text =
            std::fs::read_to_string(file).map_err(|e| format!("train: {}: {e}", file.display()))?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let at = || format!("{}:{}", file.display(), n + 1);
            let (kinds, sentence) = line
                .split_once('\t')
                .ok_or_else(|| format!("train: {}: expected KINDS<TAB>SENTENCE", at()))?;
            let kinds = parse_kinds(kinds).map_err(|e| format!("train: {}: {e}", at()))?;
            let found = parser
                .statement_features(sentence, None)
                .map_err(|e| format!("train: {}: {e}", at()))?;
            let Some(best) = found.into_iter().max_by_key(|s| s.features.len()) else {
                if list_skipped {
                    println!("{}\t{sentence}", at());
                }
                skipped += 1;
                continue;
            };
            examples.push(Example::new(best.features, kinds));
        }
    }
    if let Some(k) = cv {
        cross_validate(&examples, k.max(2), &options);
        return Ok(ExitCode::SUCCESS);
    }
    let model = StanceModel::train(&examples, &options);
    let tsv = model.to_tsv();
    eprintln!(
        "train: {} examples from {} files ({} sentences without a statement left out), {} features",
        examples.len(),
        files.len(),
        skipped,
        model.len()
    );
    if check {
        let shipped = std::fs::read_to_string(&out).unwrap_or_default();
        if shipped != tsv {
            eprintln!(
                "train: {} is not what the training data gives; run `cargo run --release --example train`",
                out.display()
            );
            return Ok(ExitCode::from(1));
        }
        eprintln!("train: {} matches the training data", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::write(&out, tsv).map_err(|e| format!("train: {}: {e}", out.display()))?;
    eprintln!("train: wrote {}", out.display());
    Ok(ExitCode::SUCCESS)
}

fn parse_kinds(field: &str) -> Result<Vec<StanceKind>, String> {
    let field = field.trim();
    if field == "none" {
        return Ok(Vec::new());
    }
    field
        .split(',')
        .map(|k| {
            let k = k.trim();
            StanceKind::ALL
                .into_iter()
                .find(|x| x.as_str() == k)
                .ok_or_else(|| format!("{k:?} is not a stance kind or `none`"))
        })
        .collect()
}

fn number<T: std::str::FromStr>(v: &str) -> Result<T, String> {
    v.parse()
        .map_err(|_| format!("train: {v:?} is not a number"))
}

/// Prints per-kind precision, recall and F1 of K-fold cross-validation.
fn cross_validate(examples: &[Example], k: usize, options: &TrainOptions) {
    let mut counts = [[0usize; 3]; 6]; // true positives, predicted, gold
    for fold in 0..k {
        let train: Vec<Example> = examples
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .map(|(_, e)| e.clone())
            .collect();
        let model = StanceModel::train(&train, options);
        for e in examples.iter().skip(fold).step_by(k) {
            let scores = model.scores(e.features.iter().map(String::as_str));
            for (j, kind) in StanceKind::ALL.iter().enumerate() {
                let predicted = scores[j] >= 0.5;
                let gold = e.kinds.contains(kind);
                counts[j][0] += usize::from(predicted && gold);
                counts[j][1] += usize::from(predicted);
                counts[j][2] += usize::from(gold);
            }
        }
    }
    let mut macro_f1 = 0.0;
    for (j, kind) in StanceKind::ALL.iter().enumerate() {
        let [tp, pred, gold] = counts[j];
        let p = tp as f64 / pred.max(1) as f64;
        let r = tp as f64 / gold.max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        macro_f1 += f1 / 6.0;
        println!(
            "{:<13} P {p:.3} R {r:.3} F1 {f1:.3} ({gold} gold)",
            kind.as_str()
        );
    }
    println!("macro F1 {macro_f1:.3}");
}
