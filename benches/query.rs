//! Query and analysis speed over a synthetic corpus of a million statements
//! (`DEMARCHE_BENCH_STATEMENTS` sets another size).
//!
//!     cargo bench --bench query
//!
//! Before measuring, it prints the corpus's size and memory per statement:
//! the analysis's heap estimate (`query::synth::heap_size`) and the index's
//! own (`Index::heap_size`).

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use demarche::Granularity;
use demarche::query::{Filter, Index, synth};

fn statements() -> usize {
    std::env::var("DEMARCHE_BENCH_STATEMENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000)
}

fn bench(c: &mut Criterion) {
    let n = statements();
    let t = Instant::now();
    let corpus = synth::corpus(n, 2025);
    let generated = t.elapsed();
    let t = Instant::now();
    let index = Index::new(&corpus);
    let indexed = t.elapsed();
    let analysis_bytes = synth::heap_size(&corpus);
    let index_bytes = index.heap_size();
    eprintln!(
        "corpus: {n} statements, {} stance rows, {} actors; generated in {generated:.2?}, indexed in {indexed:.2?}",
        index.row_count(),
        corpus.actors().len(),
    );
    eprintln!(
        "memory per statement: analysis ~{} bytes (estimate), index {} bytes; total ~{} MB",
        analysis_bytes / n.max(1),
        index_bytes / n.max(1),
        (analysis_bytes + index_bytes) >> 20,
    );

    let queries = [
        (
            "selective: person + kind + month",
            "speaker:ukr.person-1 kind:retaliation date:2025-06",
        ),
        (
            "selective: side dyad + kind + week",
            "holder:IRN target:ISR kind:retaliation date:2025-06-02..2025-06-08",
        ),
        (
            "selective: relayed by a person, direct quotes",
            "via:rus.person-0 quote:direct",
        ),
        (
            "broad: side dyad + kind",
            "holder:RUS target:UKR kind:retaliation",
        ),
        (
            "full scan: text only",
            "text:\"expressed solidarity with Ukraine\"",
        ),
    ];
    let mut group = c.benchmark_group("search");
    for (name, q) in queries {
        let f = Filter::parse(q).expect("valid query");
        eprintln!("{name}: {q:?} selects {} statements", index.count(&f));
        if name.starts_with("full scan") {
            group.sample_size(10);
        }
        group.bench_function(name, |b| {
            b.iter(|| black_box(index.search(black_box(&f))).len())
        });
    }
    group.finish();

    c.bench_function("parse a query", |b| {
        b.iter(|| {
            Filter::parse(black_box(
                r#"speaker:"Dmitry Peskov" (kind:retaliation OR kind:negotiation) -target:UKR date:>=2025-06-01"#,
            ))
        })
    });

    let mut group = c.benchmark_group("analyses");
    group.sample_size(10);
    group.bench_function("dyad table, all stances", |b| {
        b.iter(|| black_box(index.all().dyad_table()))
    });
    group.bench_function("stance timeline by week, all stances", |b| {
        b.iter(|| black_box(index.all().stance_timeline(Granularity::Week)))
    });
    group.bench_function("two-track within 7 days, all stances", |b| {
        b.iter(|| black_box(index.all().two_track(7)))
    });
    group.bench_function("stance shifts by month, all stances", |b| {
        b.iter(|| black_box(index.all().stance_shifts(Granularity::Month)))
    });
    group.bench_function("profile of RUS by month", |b| {
        b.iter(|| black_box(index.profile("RUS", Granularity::Month)))
    });
    group.bench_function("build the index", |b| {
        b.iter(|| black_box(Index::new(&corpus)).row_count())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
