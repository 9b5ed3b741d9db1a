//! Chart rendering over a synthetic corpus of 10,000 statements
//! (`DEMARCHE_BENCH_STATEMENTS` sets another size).
//!
//!     cargo bench --bench chart
//!
//! Before measuring, it prints each chart's size, marks and merged bars, and
//! fails if a chart of 10,000 statements is 2 MB or more: the issue's
//! budget is under a second and under 2 MB for that size.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use demarche::chart::{By, DyadChart, TimelineChart};
use demarche::query::{Index, synth};

fn statements() -> usize {
    std::env::var("DEMARCHE_BENCH_STATEMENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000)
}

const MAX_BYTES: usize = 2_000_000;

/// A chart's name and how to draw it.
type Chart<'a> = (&'static str, Box<dyn Fn() -> String + 'a>);

fn bench(c: &mut Criterion) {
    let n = statements();
    let corpus = synth::corpus(n, 2025);
    let stances: usize = corpus.statements().iter().map(|s| s.stances.len()).sum();
    eprintln!(
        "corpus: {n} statements, {stances} stances, {} actors",
        corpus.actors().len()
    );
    let charts: [Chart<'_>; 4] = [
        (
            "timeline by side",
            Box::new(|| TimelineChart::new().render(&corpus)),
        ),
        (
            "timeline by actor",
            Box::new(|| TimelineChart::new().by(By::Actor).render(&corpus)),
        ),
        (
            "dyad by side",
            Box::new(|| DyadChart::new().render(&corpus)),
        ),
        (
            "dyad by actor",
            Box::new(|| DyadChart::new().by(By::Actor).render(&corpus)),
        ),
    ];
    for (name, render) in &charts {
        let t = Instant::now();
        let svg = render();
        let took = t.elapsed();
        let marks = svg.matches("class=\"mark ").count();
        let merged = svg.matches("class=\"mark merged ").count();
        eprintln!(
            "{name}: {} bytes, {marks} marks ({merged} merged bars), first render {took:.2?}",
            svg.len()
        );
        assert!(
            n > 10_000 || svg.len() < MAX_BYTES,
            "{name}: {} bytes, over the 2 MB budget",
            svg.len()
        );
    }

    let mut group = c.benchmark_group("chart");
    for (name, render) in &charts {
        group.bench_function(*name, |b| b.iter(|| black_box(render())));
    }
    let index = Index::new(&corpus);
    group.bench_function("timeline of hits (holder:RUS)", |b| {
        b.iter(|| {
            let hits = index.query("holder:RUS").unwrap_or_else(|_| index.all());
            black_box(TimelineChart::new().render_hits(&hits))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
