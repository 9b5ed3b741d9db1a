//! The query layer through its public API: the language (data-driven cases
//! and error snapshots), the builder, same-stance semantics, sides through
//! affiliation, the index against the index-free evaluation, the analyses,
//! and property tests.

use chrono::NaiveDate;
use demarche::query::{
    self, ActorProfile, Condition, CountUnit, DateBounds, DyadTable, Field, Filter, GroupBy,
    GroupCounts, Index, QueryError, QueryErrorKind, QueryParser, Shape, StanceRef, StanceShift,
    StanceTimeline, TwoTrack, synth,
};
use demarche::{
    Actor, ActorKind, Analysis, CountryCode, Cue, Document, Granularity, Intensity, Modality,
    QuoteKind, Span, Stance, StanceKind, Statement, When,
};
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn code(c: &str) -> CountryCode {
    CountryCode::new(c).unwrap()
}

/// A statement of `text` at `at` in its document, with cues pointing at its
/// first byte.
fn said(doc: &str, at: usize, speaker: &str, text: &str) -> Statement {
    Statement::new(doc, speaker, Span::new(at, at + text.len()), text)
}

fn stance(kind: StanceKind, holder: &str, target: Option<&str>, at: usize) -> Stance {
    let s = Stance::new(kind, holder, Cue::new("x", Span::new(at, at + 1)));
    match target {
        Some(t) => s.with_target(t),
        None => s,
    }
}

/// The drone-strikes situation and its aftermath, built by hand. The
/// statement numbers are those of `data/queries.txt`.
fn fixture() -> Analysis {
    use StanceKind::*;
    let mut a = Analysis::new();
    a.add_document(Document::new("drone", 2000).with_date(day(2025, 6, 5)))
        .unwrap();
    a.add_document(Document::new("follow", 1000).with_date(day(2025, 7, 3)))
        .unwrap();
    let state = |id: &str, name: &str, c: &str, alias: &str| {
        Actor::new(id, name, ActorKind::State)
            .with_country(code(c))
            .with_alias(alias)
    };
    a.add_actor(state("rus", "Russia", "RUS", "Moscow"));
    a.add_actor(state("ukr", "Ukraine", "UKR", "Kyiv"));
    a.add_actor(state("usa", "United States", "USA", "Washington"));
    a.add_actor(
        Actor::new("un", "United Nations", ActorKind::InternationalOrganization)
            .with_country(code("UN")),
    );
    let person = |id: &str, name: &str, alias: &str, parent: &str| {
        Actor::new(id, name, ActorKind::Person)
            .with_alias(alias)
            .with_affiliation(parent)
    };
    a.add_actor(person(
        "p.antonio-guterres",
        "António Guterres",
        "Guterres",
        "un",
    ));
    a.add_actor(
        Actor::new("rus.kremlin", "Kremlin", ActorKind::Institution).with_affiliation("rus"),
    );
    a.add_actor(person(
        "p.dmitry-peskov",
        "Dmitry Peskov",
        "Peskov",
        "rus.kremlin",
    ));
    a.add_actor(person("p.vladimir-putin", "Vladimir Putin", "Putin", "rus"));
    a.add_actor(person("p.sergei-lavrov", "Sergei Lavrov", "Lavrov", "rus"));
    a.add_actor(person(
        "p.volodymyr-zelensky",
        "Volodymyr Zelensky",
        "Zelensky",
        "ukr",
    ));
    a.add_actor(Actor::new("media.ria", "RIA Novosti", ActorKind::Media));

    let on = |d: u32, m: u32| Some(day(2025, m, d));
    let dated = |st: Statement, date: Option<NaiveDate>| {
        let when = date.map_or(When::Unknown, When::exact);
        st.with_date(when, date)
    };
    let peskov = "p.dmitry-peskov";
    let statements = vec![
        // 0
        dated(
            said(
                "drone",
                0,
                peskov,
                "Peskov made it clear that Russia will strike back at a time of its choosing.",
            ),
            on(5, 6),
        )
        .with_stance(stance(Retaliation, "rus", Some("ukr"), 33)),
        // 1
        dated(
            said(
                "drone",
                100,
                "rus.kremlin",
                "Kremlin Demands International Condemnation",
            ),
            on(5, 6),
        )
        .with_quote(QuoteKind::Headline)
        .with_stance(stance(Condemnation, "rus.kremlin", Some("ukr"), 130)),
        // 2
        dated(
            said(
                "drone",
                200,
                "p.vladimir-putin",
                "According to Peskov, Putin spoke very resolutely about the measures Russia plans to take in response.",
            ),
            on(5, 6),
        )
        .reported_by(peskov)
        .with_quote(QuoteKind::Mixed)
        .with_stance(
            stance(Retaliation, "p.vladimir-putin", Some("ukr"), 260)
                .with_intensity(Intensity::High),
        ),
        // 3
        dated(
            said(
                "drone",
                400,
                "p.sergei-lavrov",
                "Peskov quoted Lavrov emphasizing the importance of maintaining contact at the working level.",
            ),
            on(4, 6),
        )
        .reported_by(peskov)
        .with_stance(stance(Negotiation, "p.sergei-lavrov", Some("ukr"), 460)),
        // 4
        dated(
            said(
                "drone",
                600,
                "rus",
                "Moscow views Kyiv as a terrorist regime, yet supports continuing negotiations.",
            ),
            on(5, 6),
        )
        .with_stance(stance(Condemnation, "rus", Some("ukr"), 620))
        .with_stance(stance(Negotiation, "p.vladimir-putin", Some("ukr"), 650)),
        // 5
        dated(
            said(
                "drone",
                800,
                "p.volodymyr-zelensky",
                "“We did not attack civilians,” Zelensky said.",
            ),
            on(6, 6),
        )
        .with_quote(QuoteKind::Direct)
        .with_stance(stance(Denial, "p.volodymyr-zelensky", Some("rus"), 810)),
        // 6
        dated(
            said(
                "drone",
                900,
                "p.antonio-guterres",
                "Guterres urged both sides to show restraint.",
            ),
            on(10, 6),
        )
        .with_stance(stance(Appeal, "p.antonio-guterres", Some("rus"), 909))
        .with_stance(stance(Appeal, "p.antonio-guterres", Some("ukr"), 909)),
        // 7
        said("drone", 1000, "usa", "Washington voiced support for Kyiv.")
            .with_stance(stance(Support, "usa", Some("ukr"), 1019)),
        // 8
        dated(
            said(
                "drone",
                1100,
                peskov,
                "Peskov declined to comment, RIA Novosti reported.",
            ),
            on(5, 6),
        )
        .reported_by("media.ria"),
        // 9
        dated(
            said("follow", 0, peskov, "Peskov ruled out talks with Kyiv for now."),
            on(2, 7),
        )
        .with_stance(
            stance(Negotiation, "rus", Some("ukr"), 7).with_modality(Modality::Negated),
        ),
        // 10
        dated(
            said(
                "follow",
                100,
                "p.sergei-lavrov",
                "Lavrov said Moscow is ready for talks with Kyiv and Washington.",
            ),
            on(3, 7),
        )
        .with_quote(QuoteKind::Direct)
        .with_stance(stance(Negotiation, "rus", Some("ukr"), 140))
        .with_stance(stance(Negotiation, "rus", Some("usa"), 140)),
    ];
    for st in statements {
        a.add_statement(st);
    }
    a.validate().unwrap();
    a
}

type Found = Vec<(usize, Vec<usize>)>;

/// The hits, as statement indexes with matched stance indexes.
fn found(index: &Index<'_>, f: &Filter) -> Found {
    index
        .search(f)
        .iter()
        .map(|h| (h.statement_index(), h.stance_indexes().collect()))
        .collect()
}

/// The same, statement by statement without the index.
fn scanned(a: &Analysis, f: &Filter) -> Found {
    a.statements()
        .iter()
        .enumerate()
        .filter_map(|(i, s)| f.matched_stances(a, s).map(|v| (i, v)))
        .collect()
}

/// `0/0 4/0,1 8` as found.
fn parse_match(s: &str) -> Found {
    s.split_whitespace()
        .map(|hit| match hit.split_once('/') {
            Some((st, stances)) => (
                st.parse().unwrap(),
                stances.split(',').map(|x| x.parse().unwrap()).collect(),
            ),
            None => (hit.parse().unwrap(), vec![]),
        })
        .collect()
}

#[test]
fn query_cases_from_data_file() {
    let a = fixture();
    let index = Index::new(&a);
    let data = include_str!("data/queries.txt");
    let mut cases = 0;
    let mut lines = data.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(q) = line.strip_prefix("query: ") else {
            assert!(
                line.is_empty() || line.starts_with('#'),
                "stray line {line:?}"
            );
            continue;
        };
        let print = match lines.peek().and_then(|l| l.strip_prefix("print: ")) {
            Some(p) => {
                lines.next();
                p
            }
            None => q,
        };
        let expected = lines
            .next()
            .and_then(|l| l.strip_prefix("match:"))
            .unwrap_or_else(|| panic!("{q}: no match line"));
        let expected = parse_match(expected);
        let f = Filter::parse(q).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(f.to_string(), print, "printing {q}");
        assert_eq!(Filter::parse(print).unwrap(), f, "reparsing {print}");
        assert_eq!(found(&index, &f), expected, "index: {q}");
        assert_eq!(scanned(&a, &f), expected, "scan: {q}");
        cases += 1;
    }
    assert!(cases >= 50, "only {cases} cases");
}

#[test]
fn query_errors_from_data_file() {
    let data = include_str!("data/query_errors.txt");
    let mut kinds_seen = std::collections::BTreeSet::new();
    let body = &data[data.find("\n=== ").unwrap()..];
    for case in body.split("\n=== ").skip(1) {
        let (head, rest) = case.split_once('\n').unwrap();
        let (query, expected) = rest
            .split_once("---\n")
            .unwrap_or_else(|| panic!("case {head}: no ---"));
        let query = query.strip_suffix('\n').unwrap_or(query);
        // The last case ends with the file's newline.
        let expected = expected.strip_suffix('\n').unwrap_or(expected);
        let err = Filter::parse(query).expect_err(query);
        let kind = format!("{:?}", err.kind());
        assert!(
            kind.starts_with(head),
            "{query:?}: expected {head}, got {kind}"
        );
        kinds_seen.insert(head.to_owned());
        assert_eq!(err.to_string(), expected, "{query:?}");
        assert_eq!(err.query(), query);
        // The column in the message is the one the error reports.
        assert!(
            expected.contains(&format!("column {}:", err.column())),
            "{query:?}"
        );
    }
    for kind in [
        "Empty",
        "TooDeep",
        "UnknownField",
        "BadValue",
        "UnclosedParen",
        "UnopenedParen",
        "UnterminatedQuote",
        "EmptyGroup",
        "DanglingOperator",
    ] {
        assert!(kinds_seen.contains(kind), "no case of {kind}");
    }
}

#[test]
fn too_long_queries_are_refused_before_parsing() {
    let long = "kind:appeal ".repeat(400);
    let err = Filter::parse(&long).unwrap_err();
    assert_eq!(
        err.kind(),
        &QueryErrorKind::TooLong {
            len: 4800,
            limit: QueryParser::DEFAULT_MAX_LEN
        }
    );
    assert_eq!(err.column(), 4097);
    let text = err.to_string();
    assert!(
        text.ends_with("error at column 4097: the query is 4800 bytes long; the limit is 4096"),
        "{text}"
    );
    // The echo is cut to a window around the problem.
    assert!(text.lines().nth(1).unwrap().chars().count() < 120, "{text}");
    // A parser with a higher limit accepts it.
    let f = QueryParser::new().max_len(10_000).parse(&long).unwrap();
    assert!(matches!(f.shape(), Shape::And(xs) if xs.len() == 400));
    // The limit counts bytes, and never cuts a character.
    let err = QueryParser::new()
        .max_len(7)
        .parse("text:Київ")
        .unwrap_err();
    assert_eq!(err.span(), Span::new(7, 13));
}

#[test]
fn nesting_limits_are_configurable_and_capped() {
    let nested = |n: usize| format!("{}kind:appeal{}", "(".repeat(n), ")".repeat(n));
    assert!(Filter::parse(&nested(32)).is_ok());
    assert!(Filter::parse(&nested(33)).is_err());
    let deep = QueryParser::new().nest_limit(100_000).max_len(1 << 20);
    assert!(deep.parse(&nested(256)).is_ok());
    let err = deep.parse(&nested(257)).unwrap_err();
    assert_eq!(
        err.kind(),
        &QueryErrorKind::TooDeep {
            limit: QueryParser::MAX_NEST_LIMIT
        }
    );
    // Deep but legal filters print and parse back.
    let f = deep.parse(&nested(256)).unwrap();
    assert_eq!(deep.parse(&f.to_string()).unwrap(), f);
    // A hundred thousand parentheses are refused quickly, not recursed into.
    let err = QueryParser::new()
        .max_len(1 << 20)
        .parse(&"(".repeat(100_000))
        .unwrap_err();
    assert!(matches!(err.kind(), QueryErrorKind::TooDeep { limit: 32 }));
}

#[test]
fn errors_report_line_column_span_and_kind() {
    let err = Filter::parse("holder:RUS kind:apeal").unwrap_err();
    assert_eq!(err.line(), 1);
    assert_eq!(err.column(), 17);
    assert_eq!(err.span(), Span::new(16, 21));
    match err.kind() {
        QueryErrorKind::BadValue { field, message } => {
            assert_eq!(*field, Field::Kind);
            assert!(message.contains("\"apeal\""), "{message}");
        }
        other => panic!("{other:?}"),
    }
    let err = Filter::parse("speaker:\"Київ\" kind:apeal").unwrap_err();
    assert_eq!(err.column(), 21, "columns count characters");
    // It is a std error with a useful Debug.
    let boxed: Box<dyn std::error::Error> = Box::new(err.clone());
    assert_eq!(boxed.to_string(), err.to_string());
}

#[test]
fn the_builder_makes_what_the_parser_makes() {
    use StanceKind::*;
    let cases: Vec<(Filter, &str)> = vec![
        (
            Filter::speaker("Dmitry Peskov"),
            "speaker:\"Dmitry Peskov\"",
        ),
        (
            Filter::holder("RUS") & Filter::kind(Retaliation) & Filter::target("UKR"),
            "holder:RUS kind:retaliation target:UKR",
        ),
        (
            Filter::kind(Retaliation).or(Filter::kind(Negotiation)),
            "kind:retaliation OR kind:negotiation",
        ),
        (
            Filter::holder("RUS") & (Filter::kind(Retaliation) | Filter::kind(Negotiation)),
            "holder:RUS (kind:retaliation OR kind:negotiation)",
        ),
        (!Filter::target("UKR"), "-target:UKR"),
        (
            !(Filter::speaker("RUS") | Filter::speaker("UKR")),
            "NOT (speaker:RUS OR speaker:UKR)",
        ),
        (Filter::relayed(true), "via:*"),
        (Filter::relayed(false), "-via:*"),
        (Filter::via("Peskov"), "via:Peskov"),
        (Filter::quote(QuoteKind::Direct), "quote:direct"),
        (Filter::on(day(2025, 6, 1)), "date:2025-06-01"),
        (
            Filter::between(day(2025, 6, 30), day(2025, 6, 1)),
            "date:2025-06",
        ),
        (
            Filter::date(DateBounds::since(day(2025, 6, 1))),
            "date:>=2025-06-01",
        ),
        (
            Filter::date(DateBounds::until(day(2025, 5, 31))),
            "date:<2025-06-01",
        ),
        (Filter::text("strike back"), "\"strike back\""),
        (Filter::exists(Field::Target), "target:*"),
        (
            Filter::all_of([
                Filter::speaker("a"),
                Filter::speaker("b"),
                Filter::speaker("c"),
            ])
            .unwrap(),
            "speaker:a AND speaker:b speaker:c",
        ),
        (Filter::any_of([Filter::text("x")]).unwrap(), "x"),
    ];
    for (built, query) in cases {
        assert_eq!(built, Filter::parse(query).unwrap(), "{query}");
        assert_eq!(Filter::parse(&built.to_string()).unwrap(), built);
    }
    assert_eq!(Filter::all_of([]), None);
    assert_eq!(Filter::any_of([]), None);
}

#[test]
fn filters_can_be_inspected() {
    let f = Filter::parse("holder:RUS (kind:appeal OR -via:*)").unwrap();
    let Shape::And(parts) = f.shape() else {
        panic!("{f:?}")
    };
    assert_eq!(
        parts[0].shape(),
        &Shape::Condition(Condition::Holder("RUS".into()))
    );
    let Shape::Or(alts) = parts[1].shape() else {
        panic!()
    };
    let Shape::Not(inner) = alts[1].shape() else {
        panic!()
    };
    let Shape::Condition(c) = inner.shape() else {
        panic!()
    };
    assert_eq!(c.field(), Field::Via);
    assert!(!c.field().is_stance_level());
    assert!(Field::Kind.is_stance_level());
}

#[test]
fn stance_conditions_hold_on_the_same_stance() {
    let a = fixture();
    let index = Index::new(&a);
    // Statement 4 has a condemnation by Russia and a negotiation by Putin.
    // A condemnation held by Putin is not there, though both words are.
    let f = Filter::parse("holder:Putin kind:condemnation").unwrap();
    assert!(found(&index, &f).iter().all(|(s, _)| *s != 4));
    let f = Filter::parse("holder:Putin kind:negotiation").unwrap();
    assert_eq!(found(&index, &f), vec![(4, vec![1])]);
    // Statement-level conditions combine with any stance: statement 4 is
    // Russia's, its negotiation stance Putin's.
    let f = Filter::parse("speaker:Moscow kind:negotiation").unwrap();
    assert_eq!(
        found(&index, &f),
        vec![(3, vec![0]), (4, vec![1]), (9, vec![0]), (10, vec![0, 1])]
    );
    let f = Filter::parse("speaker:Moscow holder:Putin").unwrap();
    assert_eq!(found(&index, &f), vec![(2, vec![0]), (4, vec![1])]);
    // The hits carry the matched stances by reference.
    let hits = index.search(&Filter::parse("target:USA").unwrap());
    let hit = hits.iter().next().unwrap();
    let stances: Vec<&Stance> = hit.stances().collect();
    assert_eq!(stances.len(), 1);
    assert!(std::ptr::eq(stances[0], &a.statements()[10].stances[1]));
}

#[test]
fn sides_match_through_affiliation() {
    let a = fixture();
    let index = Index::new(&a);
    // Peskov belongs to the Kremlin, which belongs to Russia. A side code
    // matches in any case, and so does the state's name.
    let hits = index.query("speaker:rus").unwrap();
    let speakers: Vec<&str> = hits.statements().map(|s| s.speaker.as_str()).collect();
    assert!(speakers.contains(&"p.dmitry-peskov"));
    assert!(speakers.contains(&"rus.kremlin"));
    assert!(speakers.contains(&"rus"));
    assert_eq!(index.query("speaker:rus -speaker:Russia").unwrap().len(), 0);
    // A person's name matches the person only.
    let hits = index.query("speaker:RUS -speaker:Peskov").unwrap();
    assert!(hits.statements().all(|s| s.speaker != "p.dmitry-peskov"));
    assert!(!hits.is_empty());
    // An actor with no side matches by name only.
    assert_eq!(index.query("via:RIA").unwrap().len(), 0);
    assert_eq!(index.query("via:media.ria").unwrap().len(), 1);
}

#[test]
fn dangling_ids_are_matched_by_id_alone() {
    // An analysis that does not validate: ids with no actor.
    let mut a = Analysis::new();
    a.add_actor(Actor::new("rus", "Russia", ActorKind::State).with_country(code("RUS")));
    a.add_statement(
        said("d", 0, "ghost", "Ghost said hello.")
            .reported_by("phantom")
            .with_stance(stance(StanceKind::Support, "ghost", Some("rus"), 0)),
    );
    let index = Index::new(&a);
    for (q, n) in [
        ("speaker:ghost", 1),
        ("speaker:GHOST", 1),
        ("via:phantom", 1),
        ("holder:ghost target:RUS", 1),
        ("speaker:RUS", 0),
    ] {
        let f = Filter::parse(q).unwrap();
        assert_eq!(index.count(&f), n, "{q}");
        assert_eq!(scanned(&a, &f).len(), n, "{q}");
    }
}

#[test]
fn hits_borrow_statements_from_the_analysis() {
    let a = fixture();
    let index = Index::new(&a);
    let hits = index.query("speaker:Peskov").unwrap();
    assert_eq!(hits.len(), 3);
    assert_eq!(hits.stance_count(), 2);
    assert!(!hits.is_empty());
    let borrowed: Vec<&Statement> = hits.statements().collect();
    drop(hits);
    // The statements outlive the hits: they are the analysis's own.
    assert!(std::ptr::eq(borrowed[0], &a.statements()[0]));
    let all = index.all();
    assert_eq!(all.len(), a.statements().len());
    assert_eq!(all.stance_count(), 13);
    assert_eq!(index.statement_count(), 11);
    assert_eq!(index.row_count(), 14);
    assert!(index.heap_size() > 0);
    assert!(std::ptr::eq(index.analysis(), &a));
    assert!(std::ptr::eq(all.index(), &index));
    let debug = format!("{index:?}");
    assert!(
        debug.starts_with("Index { statements: 11, rows: 14,"),
        "{debug}"
    );
}

#[test]
fn a_shared_index_owns_its_analysis_and_crosses_threads() {
    fn send_sync_static<T: Send + Sync + 'static>(_: &T) {}
    let a = fixture();
    let borrowed = Index::new(&a);
    let expected = found(&borrowed, &Filter::parse("speaker:RUS").unwrap());
    let index: Index<'static> = Index::shared(a.clone());
    send_sync_static(&index);
    let hits = index.query("speaker:RUS").unwrap();
    fn send_sync<T: Send + Sync>(_: &T) {}
    send_sync(&hits);
    assert_eq!(
        found(&index, &Filter::parse("speaker:RUS").unwrap()),
        expected
    );
    let worker = std::thread::spawn(move || index.query("speaker:RUS").unwrap().len());
    assert_eq!(worker.join().unwrap(), expected.len());
}

#[test]
fn merging_into_an_index_indexes_the_new_documents_and_leaves_the_old_analysis_alone() {
    use std::sync::Arc;
    let a = fixture();
    let extra = || {
        let mut b = Analysis::new();
        b.add_document(Document::new("later", 100)).unwrap();
        b.add_actor(
            Actor::new("rus", "Russia", ActorKind::State)
                .with_country(code("RUS"))
                .with_alias("Moscow"),
        );
        b.add_statement(
            said("later", 0, "rus", "Russia urged talks.").with_stance(stance(
                StanceKind::Appeal,
                "rus",
                None,
                7,
            )),
        );
        b
    };
    let before = Index::new(&a).query("speaker:RUS").unwrap().len();

    // A borrowed analysis is copied, not changed.
    let mut index = Index::new(&a);
    index.merge(extra()).unwrap();
    assert_eq!(index.query("speaker:RUS").unwrap().len(), before + 1);
    assert_eq!(index.statement_count(), a.statements().len() + 1);
    assert_eq!(a.documents().len(), 2);
    assert!(!std::ptr::eq(index.analysis(), &a));

    // An Arc shared with the caller is copied on write.
    let shared = Arc::new(a.clone());
    let mut index = Index::shared(Arc::clone(&shared));
    index.merge(extra()).unwrap();
    assert_eq!(shared.documents().len(), 2);
    assert_eq!(index.analysis().documents().len(), 3);

    // A duplicate document changes nothing.
    let err = index.merge(extra()).unwrap_err();
    assert!(err.to_string().contains("later"), "{err}");
    assert_eq!(index.analysis().documents().len(), 3);
    assert_eq!(index.query("speaker:RUS").unwrap().len(), before + 1);
}

#[test]
fn dyad_table_counts_held_stances_by_side() {
    use StanceKind::*;
    let a = fixture();
    let index = Index::new(&a);
    let table = index.all().dyad_table();
    let cells: Vec<(Option<&str>, Option<&str>, StanceKind, usize)> = table
        .cells
        .iter()
        .map(|c| {
            (
                c.holder.as_ref().map(CountryCode::as_str),
                c.target.as_ref().map(CountryCode::as_str),
                c.kind,
                c.count,
            )
        })
        .collect();
    assert_eq!(
        cells,
        vec![
            (Some("RUS"), Some("UKR"), Negotiation, 3),
            (Some("RUS"), Some("UKR"), Retaliation, 2),
            (Some("RUS"), Some("UKR"), Condemnation, 2),
            (Some("RUS"), Some("USA"), Negotiation, 1),
            (Some("UKR"), Some("RUS"), Denial, 1),
            (Some("UN"), Some("RUS"), Appeal, 1),
            (Some("UN"), Some("UKR"), Appeal, 1),
            (Some("USA"), Some("UKR"), Support, 1),
        ]
    );
    // The negated "ruled out talks" is not a negotiation; the table says
    // it left it out.
    assert_eq!(table.total(), 12);
    assert_eq!(table.negated, 1);
    assert_eq!(table.count(Some("RUS"), Some("UKR"), Negotiation), 3);
    assert_eq!(table.count(Some("RUS"), None, Negotiation), 0);
    // A filter scopes it.
    let june = index.query("date:2025-06").unwrap().dyad_table();
    assert_eq!(june.count(Some("RUS"), Some("UKR"), Negotiation), 2);
    round_trip(&table);
}

#[test]
fn stance_timeline_by_week_and_month() {
    use StanceKind::*;
    let a = fixture();
    let index = Index::new(&a);
    let weeks = index.all().stance_timeline(Granularity::Week);
    let starts: Vec<NaiveDate> = weeks.periods.iter().map(|p| p.period.start).collect();
    assert_eq!(starts, [day(2025, 6, 2), day(2025, 6, 9), day(2025, 6, 30)]);
    let first = &weeks.periods[0].counts;
    assert_eq!(
        (
            first.get(Retaliation),
            first.get(Condemnation),
            first.get(Negotiation),
            first.get(Denial)
        ),
        (2, 2, 2, 1)
    );
    assert_eq!(weeks.periods[1].counts.get(Appeal), 2);
    assert_eq!(weeks.periods[2].counts.get(Negotiation), 2);
    assert_eq!(weeks.undated.get(Support), 1);
    assert_eq!(weeks.periods[0].period.end, day(2025, 6, 8));
    let months = index.all().stance_timeline(Granularity::Month);
    assert_eq!(months.periods.len(), 2);
    assert_eq!(months.periods[0].counts.total(), 9);
    let days = index.all().stance_timeline(Granularity::Day);
    assert_eq!(days.periods.len(), 5);
    round_trip(&weeks);
}

#[test]
fn actor_profile_per_target_side_over_time() {
    use StanceKind::*;
    let a = fixture();
    let index = Index::new(&a);
    let p = index.profile("RUS", Granularity::Month);
    assert_eq!(p.holder, "RUS");
    let targets: Vec<Option<&str>> = p
        .targets
        .iter()
        .map(|t| t.target.as_ref().map(CountryCode::as_str))
        .collect();
    assert_eq!(targets, [Some("UKR"), Some("USA")]);
    let ukr = &p.targets[0];
    assert_eq!(ukr.total.get(Negotiation), 3);
    assert_eq!(ukr.periods.len(), 2);
    assert_eq!(ukr.periods[0].counts.get(Retaliation), 2);
    assert_eq!(ukr.periods[1].period.start, day(2025, 7, 1));
    assert_eq!(p.total.get(Negotiation), 4);
    assert_eq!(p.total.total(), 8);
    // Peskov holds no stance himself: he speaks for Russia.
    assert!(
        index
            .profile("Peskov", Granularity::Week)
            .targets
            .is_empty()
    );
    round_trip(&p);
}

#[test]
fn two_track_in_the_drone_strikes_week() {
    let a = fixture();
    let index = Index::new(&a);
    let r = |statement, stance| StanceRef { statement, stance };
    let same_day = index.all().two_track(0);
    assert_eq!(
        same_day,
        vec![TwoTrack {
            holder: code("RUS"),
            target: code("UKR"),
            start: day(2025, 6, 5),
            end: day(2025, 6, 5),
            retaliation: vec![r(0, 0), r(2, 0)],
            negotiation: vec![r(4, 1)],
        }]
    );
    let within_a_day = index.all().two_track(1);
    assert_eq!(within_a_day.len(), 1);
    assert_eq!(within_a_day[0].start, day(2025, 6, 4));
    assert_eq!(within_a_day[0].negotiation, vec![r(3, 0), r(4, 1)]);
    let month = index.all().two_track(30);
    assert_eq!(month[0].end, day(2025, 7, 3));
    assert_eq!(month[0].negotiation.len(), 3);
    // A filter can hide one track.
    assert!(
        index
            .query("-kind:negotiation")
            .unwrap()
            .two_track(30)
            .is_empty()
    );
    round_trip(&month);
}

/// An analysis of dated stances `(kind, holder, target, date)`, one statement each.
fn dated_stances(items: &[(StanceKind, &str, &str, NaiveDate)]) -> Analysis {
    let mut a = Analysis::new();
    a.add_document(Document::new("d", 10_000)).unwrap();
    for c in ["RUS", "UKR", "USA"] {
        a.add_actor(Actor::new(c.to_lowercase(), c, ActorKind::State).with_country(code(c)));
    }
    for (i, &(kind, holder, target, date)) in items.iter().enumerate() {
        a.add_statement(
            said("d", i * 10, holder, "x")
                .with_date(When::exact(date), Some(date))
                .with_stance(stance(kind, holder, Some(target), i * 10)),
        );
    }
    a
}

#[test]
fn two_track_windows_split_episodes() {
    use StanceKind::*;
    let d = |n| day(2025, 3, n);
    let a = dated_stances(&[
        (Retaliation, "rus", "ukr", d(1)),
        (Negotiation, "rus", "ukr", d(4)),
        (Retaliation, "rus", "ukr", d(20)),
        (Negotiation, "rus", "ukr", d(21)),
        // Other dyads do not pair with these.
        (Negotiation, "rus", "usa", d(1)),
        (Negotiation, "ukr", "rus", d(1)),
    ]);
    let index = Index::new(&a);
    assert!(index.all().two_track(2).iter().all(|t| t.start == d(20)));
    let found = index.all().two_track(3);
    assert_eq!(found.len(), 2);
    assert_eq!((found[0].start, found[0].end), (d(1), d(4)));
    assert_eq!((found[1].start, found[1].end), (d(20), d(21)));
    let all = index.all().two_track(30);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].retaliation.len(), 2);
}

#[test]
fn stance_shifts_between_periods() {
    use StanceKind::*;
    let w = |n: u32| day(2025, 6, 2 + 7 * (n - 1));
    let a = dated_stances(&[
        (Retaliation, "rus", "ukr", w(1)),
        (Retaliation, "rus", "ukr", w(1)),
        (Negotiation, "rus", "ukr", w(1)),
        // Week 2: nothing.
        (Negotiation, "rus", "ukr", w(3)),
        (Negotiation, "rus", "ukr", w(3)),
        (Negotiation, "rus", "ukr", w(4)),
        (Retaliation, "rus", "ukr", w(4)),
        (Retaliation, "rus", "ukr", w(5)),
        (Denial, "ukr", "rus", w(1)),
    ]);
    let index = Index::new(&a);
    let shifts = index.all().stance_shifts(Granularity::Week);
    assert_eq!(shifts.len(), 1, "{shifts:#?}");
    let s: &StanceShift = &shifts[0];
    assert_eq!((s.from, s.to), (Retaliation, Negotiation));
    assert_eq!(s.from_period.start, w(1));
    assert_eq!(s.to_period.start, w(3));
    assert_eq!(s.from_counts.get(Retaliation), 2);
    assert_eq!(s.to_counts.get(Negotiation), 2);
    assert_eq!(s.holder, code("RUS"));
    // By month it is all June: no shift.
    assert!(index.all().stance_shifts(Granularity::Month).is_empty());
    round_trip(&shifts);
}

#[test]
fn count_by_groups_statements_or_stances() {
    let a = fixture();
    let index = Index::new(&a);
    let by_side = index.all().count_by(&[GroupBy::SpeakerSide]);
    assert_eq!(by_side.unit, CountUnit::Statements);
    let flat: Vec<(Vec<Option<&str>>, usize)> = flatten(&by_side);
    assert_eq!(
        flat,
        vec![
            (vec![Some("RUS")], 8),
            (vec![Some("UKR")], 1),
            (vec![Some("UN")], 1),
            (vec![Some("USA")], 1),
        ]
    );
    let by_dyad = index.all().count_by(&[GroupBy::HolderSide, GroupBy::Kind]);
    assert_eq!(by_dyad.unit, CountUnit::Stances);
    assert_eq!(by_dyad.total, 14);
    assert_eq!(
        flatten(&by_dyad),
        vec![
            (vec![Some("RUS"), Some("negotiation")], 5),
            (vec![Some("RUS"), Some("condemnation")], 2),
            (vec![Some("RUS"), Some("retaliation")], 2),
            (vec![Some("UN"), Some("appeal")], 2),
            (vec![None, None], 1),
            (vec![Some("UKR"), Some("denial")], 1),
            (vec![Some("USA"), Some("support")], 1),
        ]
    );
    let relays = index
        .query("via:*")
        .unwrap()
        .count_by(&[GroupBy::Via, GroupBy::Month]);
    assert_eq!(
        flatten(&relays),
        vec![
            (vec![Some("p.dmitry-peskov"), Some("2025-06-01")], 2),
            (vec![Some("media.ria"), Some("2025-06-01")], 1),
        ]
    );
    assert_eq!("holder_side".parse::<GroupBy>(), Ok(GroupBy::HolderSide));
    assert!("side".parse::<GroupBy>().is_err());
    round_trip(&by_dyad);
}

fn flatten(c: &GroupCounts) -> Vec<(Vec<Option<&str>>, usize)> {
    c.groups
        .iter()
        .map(|g| (g.key.iter().map(|k| k.as_deref()).collect(), g.count))
        .collect()
}

fn round_trip<T>(x: &T)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(x).unwrap();
    let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
    assert_eq!(&back, x);
}

#[test]
fn analyses_serialize_as_plain_data() {
    let a = fixture();
    let index = Index::new(&a);
    let v = serde_json::to_value(index.all().dyad_table()).unwrap();
    assert_eq!(v["cells"][0]["holder"], "RUS");
    assert_eq!(v["cells"][0]["kind"], "negotiation");
    let v = serde_json::to_value(index.all().stance_timeline(Granularity::Month)).unwrap();
    assert_eq!(v["granularity"], "month");
    assert_eq!(v["periods"][0]["period"]["start"], "2025-06-01");
    assert_eq!(v["undated"]["support"], 1);
    let v = serde_json::to_value(index.all().two_track(0)).unwrap();
    assert_eq!(v[0]["retaliation"][1]["statement"], 2);
    // Filters serialize as their query.
    let f = Filter::parse("holder:RUS date:>=2025-06-01").unwrap();
    assert_eq!(
        serde_json::to_string(&f).unwrap(),
        "\"holder:RUS date:2025-06-01..\""
    );
    round_trip(&f);
    let err = serde_json::from_str::<Filter>("\"kind:\"").unwrap_err();
    assert!(err.to_string().contains("missing value"), "{err}");
    // The types are named in the public API.
    let _: Option<(DyadTable, StanceTimeline, ActorProfile)> = None;
}

#[test]
fn index_agrees_with_the_scan_on_a_synthetic_corpus() {
    let a = synth::corpus(3_000, 11);
    let index = Index::new(&a);
    let queries = [
        "speaker:RUS",
        "speaker:rus.mfa",
        "speaker:Moscow kind:retaliation",
        "holder:RUS kind:retaliation target:UKR",
        "holder:UKR target:RUS -kind:condemnation",
        "kind:negotiation OR kind:appeal",
        "(holder:USA OR holder:CHN) target:*",
        "-target:*",
        "NOT kind:*",
        "via:*",
        "via:RUS quote:direct",
        "via:media.outlet-1",
        "speaker:media.outlet-2",
        "date:2025-06",
        "date:2025-06-01..2025-06-07 holder:ISR",
        "date:<2024-01-15",
        "-date:*",
        "text:\"strike back\" holder:IRN",
        "text:\"UNITED STATES\" -speaker:USA",
        "quote:headline kind:support",
        "speaker:UN OR holder:NATO OR target:EU",
        "-(holder:RUS OR holder:UKR) kind:retaliation",
        "target:UKR date:2024-03..2024-05 (quote:direct OR quote:mixed)",
        "speaker:nobody",
        "holder:* -target:* kind:appeal",
        "speaker:American",
        "holder:Russians target:Ukraine",
        "via:\"United Nations\" OR speaker:Brussels",
        "target:\"North Korea\" -holder:Seoul",
    ];
    let mut total = 0;
    for q in queries {
        let f = Filter::parse(q).unwrap();
        let expected = scanned(&a, &f);
        assert_eq!(found(&index, &f), expected, "{q}");
        total += expected.len();
    }
    assert!(total > 1_000, "the queries select too little: {total}");
}

#[test]
fn the_synthetic_corpus_is_deterministic_and_valid() {
    let a = synth::corpus(1_000, 5);
    assert_eq!(a, synth::corpus(1_000, 5));
    assert_ne!(a, synth::corpus(1_000, 6));
    a.validate().unwrap();
    for st in a.statements() {
        for s in &st.stances {
            assert!(st.span.covers(s.cue.span));
        }
    }
    assert!(synth::heap_size(&a) > 1_000 * 300);
}

#[test]
fn query_types_are_send_sync_and_unwind_safe() {
    fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    check::<Filter>();
    check::<QueryError>();
    check::<QueryParser>();
    check::<Index<'static>>();
    check::<query::Hits<'static>>();
    check::<DyadTable>();
    check::<GroupCounts>();
}

// Property tests.

fn who() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("RUS".to_owned()),
        Just("ukr".to_owned()),
        Just("Dmitry Peskov".to_owned()),
        Just(String::new()),
        Just("*".to_owned()),
        Just("OR".to_owned()),
        Just("a\"b\\c".to_owned()),
        Just("(x)".to_owned()),
        Just("Київ".to_owned()),
        "[a-zA-Z0-9 .:()\"\\\\*-]{0,8}",
        any::<String>(),
    ]
}

fn a_date() -> impl Strategy<Value = NaiveDate> {
    (-1000i32..4_000_000)
        .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_else(|| day(2025, 1, 1)))
}

fn leaf() -> impl Strategy<Value = Filter> {
    prop_oneof![
        who().prop_map(Filter::speaker),
        who().prop_map(Filter::holder),
        who().prop_map(Filter::target),
        who().prop_map(Filter::via),
        who().prop_map(Filter::text),
        (0..StanceKind::ALL.len()).prop_map(|i| Filter::kind(StanceKind::ALL[i])),
        (0..QuoteKind::ALL.len()).prop_map(|i| Filter::quote(QuoteKind::ALL[i])),
        (0..Field::ALL.len()).prop_map(|i| Filter::exists(Field::ALL[i])),
        (a_date(), a_date()).prop_map(|(x, y)| Filter::between(x, y)),
        a_date().prop_map(|x| Filter::date(DateBounds::since(x))),
        a_date().prop_map(|x| Filter::date(DateBounds::until(x))),
    ]
}

fn filter() -> impl Strategy<Value = Filter> {
    leaf().prop_recursive(5, 40, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(|v| Filter::all_of(v).unwrap()),
            prop::collection::vec(inner.clone(), 2..4).prop_map(|v| Filter::any_of(v).unwrap()),
            inner.prop_map(|f| !f),
        ]
    })
}

/// Query-like strings: tokens of the language, glued with and without spaces.
fn query_soup() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("kind:retaliation"),
        Just("kind:apeal"),
        Just("holder:RUS"),
        Just("speaker:\"Dmitry Peskov\""),
        Just("target:*"),
        Just("date:2025-06"),
        Just("date:>=2025-06-01"),
        Just("date:2025-06-01.."),
        Just("date:..2025"),
        Just("text:\"a \\\" b\""),
        Just("word"),
        Just("\""),
        Just("("),
        Just(")"),
        Just("OR"),
        Just("AND"),
        Just("NOT"),
        Just("-"),
        Just(":"),
        Just("via:"),
        Just(" "),
        Just("\n"),
        Just("Київ"),
        Just("or"),
        Just("not"),
        Just("And"),
        Just("target:United"),
        Just("States"),
        Just("Ärger"),
        Just("holder:Rusia"),
        Just("\t"),
    ];
    prop::collection::vec((token, any::<bool>()), 0..14).prop_map(|tokens| {
        let mut s = String::new();
        for (t, space) in tokens {
            s.push_str(t);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

fn index_vocabulary_filter() -> impl Strategy<Value = Filter> {
    let name = prop_oneof![
        Just("RUS"),
        Just("UKR"),
        Just("usa"),
        Just("UN"),
        Just("Moscow"),
        Just("Russia"),
        Just("American"),
        Just("Ukrainians"),
        Just("United Nations"),
        Just("Brussels"),
        Just("rus.mfa"),
        Just("ukr.person-0"),
        Just("media.outlet-1"),
        Just("nobody"),
    ]
    .prop_map(str::to_owned);
    let leaf = prop_oneof![
        name.clone().prop_map(Filter::speaker),
        name.clone().prop_map(Filter::holder),
        name.clone().prop_map(Filter::target),
        name.prop_map(Filter::via),
        (0..StanceKind::ALL.len()).prop_map(|i| Filter::kind(StanceKind::ALL[i])),
        (0..QuoteKind::ALL.len()).prop_map(|i| Filter::quote(QuoteKind::ALL[i])),
        (0..Field::ALL.len()).prop_map(|i| Filter::exists(Field::ALL[i])),
        (0u32..700, 0u32..60).prop_map(|(from, len)| {
            let start = day(2024, 1, 1) + chrono::Days::new(from.into());
            Filter::between(start, start + chrono::Days::new(len.into()))
        }),
        prop_oneof![Just("strike"), Just("TALKS"), Just("comment")].prop_map(Filter::text),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(|v| Filter::all_of(v).unwrap()),
            prop::collection::vec(inner.clone(), 2..4).prop_map(|v| Filter::any_of(v).unwrap()),
            inner.prop_map(|f| !f),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn built_filters_print_and_parse_back(f in filter()) {
        let printed = f.to_string();
        let back = QueryParser::new().max_len(1 << 20).parse(&printed);
        prop_assert_eq!(back.as_ref().ok(), Some(&f), "{} -> {:?}", printed, back);
    }

    #[test]
    fn any_string_parses_or_errs_without_panicking(q in any::<String>()) {
        check_query(&q)?;
    }

    #[test]
    fn query_soup_parses_or_errs_and_round_trips(q in query_soup()) {
        check_query(&q)?;
    }
}

fn check_query(q: &str) -> Result<(), TestCaseError> {
    use std::sync::OnceLock;
    static FIXTURE: OnceLock<Analysis> = OnceLock::new();
    let a = FIXTURE.get_or_init(fixture);
    // The explanation parses as the parser does, and its warnings and terms
    // point into the query.
    let explained = Index::new(a).explain(q);
    prop_assert_eq!(explained.is_ok(), Filter::parse(q).is_ok());
    if let Ok(ex) = &explained {
        let parsed = Filter::parse(q).ok();
        prop_assert_eq!(Some(ex.filter()), parsed.as_ref());
        for w in ex.warnings() {
            let span = w.span();
            prop_assert!(span.start <= span.end && span.end <= q.len());
            prop_assert!(q.is_char_boundary(span.start) && q.is_char_boundary(span.end));
            let text = w.to_string();
            prop_assert!(text.starts_with("query warning:\n"));
            let place = format!("column {}: ", w.column());
            prop_assert!(text.contains(&place), "{}", text);
        }
        for t in ex.terms() {
            prop_assert_eq!(q.get(t.span.start..t.span.end), Some(t.text.as_str()));
        }
        prop_assert!(QueryParser::new().warnings(q).is_ok());
    }
    match Filter::parse(q) {
        Ok(f) => {
            let printed = f.to_string();
            let back = QueryParser::new().max_len(1 << 20).parse(&printed);
            prop_assert_eq!(back.ok(), Some(f), "{:?} printed as {:?}", q, printed);
        }
        Err(e) => {
            let text = e.to_string();
            prop_assert!(text.starts_with("query parse error:\n"));
            prop_assert!(e.span().start <= q.len() && e.span().end <= q.len());
            prop_assert!(q.is_char_boundary(e.span().start));
            prop_assert!(e.line() >= 1 && e.column() >= 1);
            let place = format!("column {}: ", e.column());
            prop_assert!(text.contains(&place), "{}", text);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_index_agrees_with_the_scan(f in index_vocabulary_filter(), seed in 0u64..4) {
        let a = corpus(seed);
        let index = Index::new(a);
        prop_assert_eq!(found(&index, &f), scanned(a, &f), "{}", f);
    }
}

/// Small synthetic corpora, made once per seed.
fn corpus(seed: u64) -> &'static Analysis {
    use std::sync::OnceLock;
    static CORPORA: [OnceLock<Analysis>; 4] = [const { OnceLock::new() }; 4];
    CORPORA[seed as usize % 4].get_or_init(|| synth::corpus(600, seed))
}

// The `query` example against an independent filter over the analysis JSON
// of the development articles.

pub(crate) mod example {
    use std::path::{Path, PathBuf};
    use std::process::{Command, Output};

    use chrono::NaiveDate;
    use demarche::Parser;
    use serde_json::Value;

    /// The path of an example's binary, brought up to date once per test
    /// process: `cargo test` builds the examples, but `cargo test --test it`
    /// does not, and a binary left from an earlier build may be stale. When
    /// it is fresh, the `cargo build` is a no-op taking a fraction of a second.
    pub fn binary(name: &str) -> PathBuf {
        use std::collections::HashSet;
        use std::sync::Mutex;
        static BUILT: Mutex<Option<HashSet<String>>> = Mutex::new(None);

        let exe = std::env::current_exe().expect("the test binary's path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("target/PROFILE/deps");
        let path = profile_dir
            .join("examples")
            .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
        let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
        if built
            .get_or_insert_with(HashSet::new)
            .insert(name.to_owned())
        {
            let mut cargo = Command::new(env!("CARGO"));
            cargo
                .args(["build", "--quiet", "--example", name])
                .current_dir(env!("CARGO_MANIFEST_DIR"));
            if profile_dir.ends_with("release") {
                cargo.arg("--release");
            }
            assert!(cargo.status().expect("cargo runs").success());
        }
        path
    }

    pub fn run(args: &[&str]) -> Output {
        Command::new(binary("query"))
            .args(args)
            .output()
            .expect("the query example runs")
    }

    /// The development articles, shipped in `tests/corpus/dev`: path, id and
    /// reference date.
    pub fn articles() -> Vec<(PathBuf, String, NaiveDate)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/dev");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
                let gold: Value = serde_json::from_str(
                    &std::fs::read_to_string(dir.join(format!("{stem}.gold.json"))).unwrap(),
                )
                .unwrap();
                let date =
                    NaiveDate::parse_from_str(gold["reference_date"].as_str().unwrap(), "%Y-%m-%d")
                        .unwrap();
                out.push((path, stem, date));
            }
        }
        out.sort();
        assert!(out.len() >= 5, "too few articles in {}", dir.display());
        out
    }

    /// An article's analysis, as JSON.
    pub fn analysis_json(path: &Path, id: &str, date: NaiveDate) -> Value {
        let text = std::fs::read_to_string(path).unwrap();
        let parsed = Parser::new().parse_document(id, &text, Some(date)).unwrap();
        serde_json::from_str(&parsed.analysis.to_json()).unwrap()
    }

    /// Reading actors in the JSON, as GOLD.md and CONTRACT.md describe them.
    pub struct Actors<'v>(pub &'v Value);

    impl Actors<'_> {
        /// The side: the actor's country, or the first up its affiliations.
        pub fn side(&self, id: &str) -> Option<String> {
            let mut id = id.to_owned();
            for _ in 0..32 {
                let actor = &self.0["actors"][&id];
                if let Some(c) = actor["country"].as_str() {
                    return Some(c.to_owned());
                }
                id = actor["affiliation"].as_str()?.to_owned();
            }
            None
        }

        /// Whether `who` is the actor's id, name or alias, or its side,
        /// ignoring case.
        pub fn is(&self, id: &str, who: &str) -> bool {
            let who = who.to_lowercase();
            let actor = &self.0["actors"][id];
            let mut names = vec![id.to_owned()];
            names.extend(actor["name"].as_str().map(str::to_owned));
            if let Some(aliases) = actor["aliases"].as_array() {
                names.extend(aliases.iter().filter_map(|a| a.as_str()).map(str::to_owned));
            }
            names.iter().any(|n| n.to_lowercase() == who)
                || self.side(id).is_some_and(|s| s.to_lowercase() == who)
        }
    }

    /// The statements (by index) a predicate selects, with the same-stance
    /// rule: a statement with stances matches if one of them does, one
    /// without is tested once with no stance.
    pub fn select(
        v: &Value,
        pred: &dyn Fn(&Actors<'_>, &Value, Option<&Value>) -> bool,
    ) -> Vec<usize> {
        let actors = Actors(v);
        let empty = Vec::new();
        v["statements"]
            .as_array()
            .unwrap_or(&empty)
            .iter()
            .enumerate()
            .filter(|(_, st)| match st["stances"].as_array() {
                Some(stances) if !stances.is_empty() => {
                    stances.iter().any(|s| pred(&actors, st, Some(s)))
                }
                _ => pred(&actors, st, None),
            })
            .map(|(i, _)| i)
            .collect()
    }
}

type JsonPredicate =
    Box<dyn Fn(&example::Actors<'_>, &serde_json::Value, Option<&serde_json::Value>) -> bool>;

/// Queries and the same selection written directly over the JSON.
fn json_cases() -> Vec<(&'static str, JsonPredicate)> {
    fn kind(s: Option<&serde_json::Value>, k: &str) -> bool {
        s.is_some_and(|s| s["kind"] == k)
    }
    fn side_of(a: &example::Actors<'_>, id: &serde_json::Value) -> Option<String> {
        a.side(id.as_str()?)
    }
    vec![
        (
            "kind:retaliation",
            Box::new(|_, _, s| kind(s, "retaliation")),
        ),
        (
            "holder:RUS kind:retaliation",
            Box::new(|a, _, s| {
                kind(s, "retaliation")
                    && s.is_some_and(|s| a.is(s["holder"].as_str().unwrap(), "RUS"))
            }),
        ),
        (
            "kind:condemnation OR kind:denial",
            Box::new(|_, _, s| kind(s, "condemnation") || kind(s, "denial")),
        ),
        (
            "kind:negotiation -target:*",
            Box::new(|_, _, s| kind(s, "negotiation") && s.is_some_and(|s| s["target"].is_null())),
        ),
        (
            "holder:UKR target:RUS",
            Box::new(|a, _, s| {
                s.is_some_and(|s| {
                    side_of(a, &s["holder"]).as_deref() == Some("UKR")
                        && side_of(a, &s["target"]).as_deref() == Some("RUS")
                })
            }),
        ),
        (
            "speaker:USA OR speaker:UN",
            Box::new(|a, st, _| {
                let sp = st["speaker"].as_str().unwrap();
                a.is(sp, "USA") || a.is(sp, "UN")
            }),
        ),
        (
            "via:*",
            Box::new(|_, st, _| !st["reported_by"].as_array().unwrap().is_empty()),
        ),
        (
            "-via:* quote:direct",
            Box::new(|_, st, _| {
                st["reported_by"].as_array().unwrap().is_empty() && st["quote"] == "direct"
            }),
        ),
        ("NOT kind:*", Box::new(|_, _, s| s.is_none())),
        ("-date:*", Box::new(|_, st, _| st["date"].is_null())),
        (
            "text:\"said\" -kind:appeal",
            Box::new(|_, st, s| {
                st["text"].as_str().unwrap().to_lowercase().contains("said") && !kind(s, "appeal")
            }),
        ),
    ]
}

#[test]
fn the_query_example_agrees_with_a_filter_over_the_analysis_json() {
    // All the articles in one run per query, each with its reference date;
    // the filter reads the JSON of the same articles merged in that order.
    let articles = example::articles();
    let mut args: Vec<String> = Vec::new();
    let mut analyses = Vec::new();
    for (path, id, date) in &articles {
        args.extend([
            "--date".into(),
            date.to_string(),
            path.to_str().unwrap().into(),
        ]);
        let text = std::fs::read_to_string(path).unwrap();
        let parsed = demarche::Parser::new()
            .parse_document(id, &text, Some(*date))
            .unwrap();
        analyses.push(parsed.analysis);
    }
    let merged = Analysis::merge_all(analyses).unwrap();
    let json: serde_json::Value = serde_json::from_str(&merged.to_json()).unwrap();
    let mut selected = 0;
    for (query, pred) in json_cases() {
        let expected: Vec<serde_json::Value> = example::select(&json, pred.as_ref())
            .into_iter()
            .map(|i| json["statements"][i].clone())
            .collect();
        let mut argv: Vec<&str> = args.iter().map(String::as_str).collect();
        argv.push(query);
        let out = example::run(&argv);
        assert!(
            out.status.success(),
            "{query}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(got["count"], expected.len(), "{query}");
        assert_eq!(
            got["statements"],
            serde_json::Value::Array(expected),
            "{query}"
        );
        selected += got["count"].as_u64().unwrap();
    }
    assert!(
        selected > 100,
        "the cases select too little to mean much: {selected}"
    );
    // One article alone gives what the filter gives on its own JSON.
    let (path, id, date) = &articles[0];
    let json = example::analysis_json(path, id, *date);
    let expected = example::select(&json, &|_, _, s| {
        s.is_some_and(|s| s["kind"] == "negotiation")
    });
    let out = example::run(&[
        "--date",
        &date.to_string(),
        path.to_str().unwrap(),
        "kind:negotiation",
    ]);
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["count"], expected.len());
}

#[test]
fn the_query_example_counts_many_files_and_groups() {
    let articles = example::articles();
    let mut args: Vec<String> = Vec::new();
    let mut expected_total = 0;
    let mut by_kind: std::collections::BTreeMap<String, u64> = Default::default();
    for (path, id, date) in &articles {
        args.extend([
            "--date".into(),
            date.to_string(),
            path.to_str().unwrap().into(),
        ]);
        let json = example::analysis_json(path, id, *date);
        let actors = example::Actors(&json);
        let holder_rus = example::select(&json, &|a, _, s| {
            s.is_some_and(|s| a.is(s["holder"].as_str().unwrap(), "RUS"))
        });
        expected_total += holder_rus.len();
        for st in json["statements"].as_array().unwrap() {
            for s in st["stances"].as_array().unwrap() {
                if actors.is(s["holder"].as_str().unwrap(), "RUS") {
                    *by_kind
                        .entry(s["kind"].as_str().unwrap().to_owned())
                        .or_default() += 1;
                }
            }
        }
    }
    let mut all = args.clone();
    all.push("holder:RUS".into());
    let argv: Vec<&str> = all.iter().map(String::as_str).collect();
    let out = example::run(&argv);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["count"], expected_total);
    assert!(expected_total > 10);

    let mut grouped = args;
    grouped.extend(["--count-by".into(), "kind".into(), "holder:RUS".into()]);
    let argv: Vec<&str> = grouped.iter().map(String::as_str).collect();
    let out = example::run(&argv);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["unit"], "stances");
    let counts: std::collections::BTreeMap<String, u64> = got["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"][0].as_str().unwrap().to_owned(),
                g["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts, by_kind);
}

#[test]
fn the_query_example_fails_clearly() {
    let article = format!(
        "{}/examples/data/drone_strikes.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    // A malformed query: status 2, the caret error on stderr, nothing on stdout.
    let out = example::run(&["--date", "2025-06-05", &article, "holder:RUS kind:threat"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "query parse error:\n    holder:RUS kind:threat\n                    ^^^^^^\n\
         error at column 17: bad value for kind: unknown stance kind \"threat\": \
         expected one of retaliation, negotiation, condemnation, appeal, denial, support\n"
    );
    // An unreadable file: status 1.
    let out = example::run(&["/nonexistent/article.txt", "kind:appeal"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("query: cannot read /nonexistent/article.txt:"),
        "{err}"
    );
    // A file that is not UTF-8: status 1, naming the offset.
    let bad = std::env::temp_dir().join(format!("demarche-query-{}.txt", std::process::id()));
    std::fs::write(&bad, b"Russia said \xff it would respond.").unwrap();
    let out = example::run(&[bad.to_str().unwrap(), "kind:appeal"]);
    let _ = std::fs::remove_file(&bad);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not UTF-8") && err.contains("offset 12"),
        "{err}"
    );
    // A bad command line: status 2.
    assert_eq!(example::run(&["kind:appeal"]).status.code(), Some(2));
    assert_eq!(
        example::run(&["--count-by", "colour", &article, "kind:appeal"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        example::run(&["--date", "June 5", &article, "kind:appeal"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn the_parsed_drone_strikes_article_shows_a_two_track_posture() {
    let text = include_str!("../../examples/data/drone_strikes.txt");
    let parsed = demarche::Parser::new()
        .parse_document("drone_strikes", text, Some(day(2025, 6, 5)))
        .unwrap();
    let a = parsed.analysis;
    let index = Index::new(&a);
    // Russia vows to strike back and stays open to talks, the same day.
    let tracks = index.all().two_track(0);
    let rus_ukr = tracks
        .iter()
        .find(|t| t.holder.as_str() == "RUS" && t.target.as_str() == "UKR")
        .unwrap_or_else(|| panic!("no RUS-UKR two-track posture in {tracks:#?}"));
    assert_eq!(rus_ukr.start, day(2025, 6, 5));
    assert!(!rus_ukr.retaliation.is_empty() && !rus_ukr.negotiation.is_empty());
    for r in rus_ukr.retaliation.iter().chain(&rus_ukr.negotiation) {
        let stance = &a.statements()[r.statement].stances[r.stance];
        assert!(matches!(
            stance.kind,
            StanceKind::Retaliation | StanceKind::Negotiation
        ));
    }
    // The same stances, found with a query, agree with the dyad table.
    let table = index.all().dyad_table();
    let ret = index
        .query("holder:RUS target:UKR kind:retaliation")
        .unwrap();
    let held = ret
        .iter()
        .flat_map(|h| h.stances().collect::<Vec<_>>())
        .filter(|s| s.is_held())
        .count();
    assert_eq!(
        table.count(Some("RUS"), Some("UKR"), StanceKind::Retaliation),
        held
    );
    // Peskov speaks for Russia: his statements are Russian statements.
    let peskov = index.query("speaker:Peskov").unwrap();
    assert!(!peskov.is_empty());
    assert!(peskov.len() <= index.query("speaker:RUS").unwrap().len());
    assert_eq!(index.query("speaker:Peskov -speaker:RUS").unwrap().len(), 0);
}

/// The development articles, parsed with their reference dates and merged.
fn dev_corpus() -> &'static Analysis {
    use std::sync::OnceLock;
    static CORPUS: OnceLock<Analysis> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let parser = demarche::Parser::new();
        let analyses = example::articles().into_iter().map(|(path, id, date)| {
            let text = std::fs::read_to_string(path).unwrap();
            parser
                .parse_document(&id, &text, Some(date))
                .unwrap()
                .analysis
        });
        Analysis::merge_all(analyses).unwrap()
    })
}

#[test]
fn a_states_names_select_its_side_in_the_development_articles() {
    let a = dev_corpus();
    let index = Index::new(a);
    let by_code = found(&index, &Filter::parse("holder:USA").unwrap());
    assert!(by_code.len() > 10, "{by_code:?}");
    for q in [
        r#"holder:"United States""#,
        "holder:US",
        "holder:u.s.",
        "holder:America",
        "holder:Washington",
        "holder:American",
        "holder:usa",
    ] {
        let f = Filter::parse(q).unwrap();
        assert_eq!(found(&index, &f), by_code, "{q}");
        assert_eq!(scanned(a, &f), by_code, "scan: {q}");
    }
    // The White House and the president are on the side; a person's name
    // is the person only.
    let holders: std::collections::BTreeSet<&str> = index
        .query("holder:Washington")
        .unwrap()
        .iter()
        .flat_map(|h| h.stances().map(|s| s.holder.as_str()).collect::<Vec<_>>())
        .collect();
    assert!(holders.len() > 2, "{holders:?}");
    assert!(holders.iter().any(|h| h.starts_with("p.")), "{holders:?}");
    let biden = index.query("holder:Biden").unwrap();
    assert!(!biden.is_empty() && biden.len() < by_code.len());
}

#[test]
fn the_actor_standing_for_a_side_names_it_without_the_lexicon() {
    use demarche::lexicon::{Lexicon, Table};
    use demarche::query::SideNames;
    // Northreach is in no lexicon: its own actor (id = code in lowercase)
    // gives the side its names.
    let mut a = Analysis::new();
    a.add_document(Document::new("d", 100)).unwrap();
    a.add_actor(
        Actor::new("xnr", "Northreach", ActorKind::State)
            .with_country(code("XNR"))
            .with_alias("Port Vell"),
    );
    a.add_actor(
        Actor::new("p.ana-sol", "Ana Sol", ActorKind::Person)
            .with_alias("Sol")
            .with_affiliation("xnr"),
    );
    // Carrying the code without being the side's own actor is not enough.
    a.add_actor(
        Actor::new("xnr.navy", "Northreach navy", ActorKind::Institution)
            .with_country(code("XNR"))
            .with_alias("Fleet"),
    );
    a.add_statement(
        said("d", 0, "p.ana-sol", "Sol urged talks.").with_stance(stance(
            StanceKind::Appeal,
            "p.ana-sol",
            None,
            4,
        )),
    );
    a.add_statement(said("d", 20, "xnr.navy", "The navy said nothing."));
    // An id in capitals is not the code in lowercase: Yonder names itself
    // only, not its side.
    a.add_actor(Actor::new("YND", "Yonder", ActorKind::State).with_country(code("YND")));
    a.add_actor(Actor::new("p.yo", "Yo", ActorKind::Person).with_affiliation("YND"));
    a.add_statement(said("d", 40, "YND", "Yonder spoke."));
    a.add_statement(said("d", 60, "p.yo", "Yo spoke."));
    let index = Index::new(&a);
    for (q, n) in [
        ("speaker:Northreach", 2),
        (r#"speaker:"port vell""#, 2),
        ("speaker:xnr", 2),
        ("speaker:Sol", 1),
        ("speaker:Fleet", 1),
        ("speaker:Northreachi", 0),
        ("speaker:Yonder", 1),
        ("speaker:YND", 2),
    ] {
        let f = Filter::parse(q).unwrap();
        assert_eq!(index.count(&f), n, "{q}");
        assert_eq!(scanned(&a, &f).len(), n, "scan: {q}");
    }
    // A user's lexicon adds a demonym; the index and the scan read it alike.
    let mut lexicon = Lexicon::builtin();
    lexicon
        .extend(Table::Countries, "XNR\tNorthreach\t-\tNorthreachi\t-\n")
        .unwrap();
    let index = index.with_lexicon(&lexicon);
    let f = Filter::parse("speaker:Northreachi").unwrap();
    assert_eq!(index.count(&f), 2);
    let names = SideNames::from_lexicon(&lexicon);
    assert_eq!(index.side_names(), &names);
    let scanned_with: Vec<usize> = a
        .statements()
        .iter()
        .enumerate()
        .filter_map(|(i, s)| f.matched_stances_with(&a, &names, s).map(|_| i))
        .collect();
    assert_eq!(scanned_with, [0, 1]);
    // A merge keeps the user's names.
    let mut index = index;
    let mut more = Analysis::new();
    more.add_document(Document::new("e", 10)).unwrap();
    index.merge(more).unwrap();
    assert_eq!(index.count(&f), 2);
}

#[test]
fn query_warnings_from_data_file() {
    use demarche::query::QueryWarningKind;
    let a = fixture();
    let index = Index::new(&a);
    let data = include_str!("data/query_warnings.txt");
    let body = &data[data.find("\n=== ").unwrap()..];
    let mut kinds_seen = std::collections::BTreeSet::new();
    let mut cases = 0;
    for case in body.split("\n=== ").skip(1) {
        let (query, expected) = case.split_once('\n').unwrap_or((case, ""));
        let query = query.replace("\\n", "\n");
        let expected = expected.strip_suffix('\n').unwrap_or(expected);
        let ex = index
            .explain(&query)
            .unwrap_or_else(|e| panic!("{query:?}: {e}"));
        let got: Vec<String> = ex.warnings().iter().map(|w| w.to_string()).collect();
        assert_eq!(got.join("\n"), expected, "{query:?}");
        for w in ex.warnings() {
            // Every warning names the column (and the line on a later one).
            assert!(
                w.to_string().contains(&format!("column {}: ", w.column())),
                "{w}"
            );
            let name = match w.kind() {
                QueryWarningKind::LowercaseOperator { .. } => "LowercaseOperator",
                QueryWarningKind::SplitValue { .. } => "SplitValue",
                QueryWarningKind::NoMatch { .. } => "NoMatch",
                other => panic!("{other:?}"),
            };
            kinds_seen.insert(name);
        }
        // The parser alone gives the warnings that need no analysis.
        let syntactic: Vec<String> = QueryParser::new()
            .warnings(&query)
            .unwrap()
            .iter()
            .map(|w| w.to_string())
            .collect();
        let explained: Vec<String> = ex
            .warnings()
            .iter()
            .filter(|w| !matches!(w.kind(), QueryWarningKind::NoMatch { .. }))
            .map(|w| w.to_string())
            .collect();
        // Those the index keeps, and only split values besides: a value
        // that selects someone, followed by words naming no one, is left
        // out of the explanation.
        for w in &explained {
            assert!(syntactic.contains(w), "{query:?}: {w}");
        }
        for w in &syntactic {
            assert!(
                explained.contains(w) || w.contains("not read as part of"),
                "{query:?}: {w}"
            );
        }
        // A value said to select nothing selects nothing, with or without
        // the index.
        for t in ex.terms() {
            if t.actors.as_ref().is_some_and(|m| m.is_empty()) {
                let f = Filter::condition(t.condition.clone());
                assert!(found(&index, &f).is_empty() || t.condition.to_string().starts_with('-'));
                assert_eq!(index.count(&f), 0, "{}", t.text);
                assert!(scanned(&a, &f).is_empty(), "{}", t.text);
            }
        }
        cases += 1;
    }
    assert!(cases >= 15, "only {cases} cases");
    assert_eq!(kinds_seen.len(), 3, "{kinds_seen:?}");
}

#[test]
fn explanations_say_what_each_term_selects() {
    let a = fixture();
    let index = Index::new(&a);
    let ex = index
        .explain(r#"(speaker:Peskov OR holder:American) -target:Kyiv "strike back" via:*"#)
        .unwrap();
    let meanings: Vec<(usize, String)> = ex
        .terms()
        .iter()
        .map(|t| {
            let m = match &t.actors {
                Some(m) => m.to_string(),
                None => t.condition.to_string(),
            };
            (t.column, m)
        })
        .collect();
    assert_eq!(
        meanings,
        [
            (2, "actor p.dmitry-peskov".to_owned()),
            (20, "side USA".to_owned()),
            (38, "side UKR".to_owned()),
            (50, r#"text:"strike back""#.to_owned()),
            (64, "via:*".to_owned()),
        ]
    );
    assert!(ex.terms()[3].bare && !ex.terms()[0].bare);
    assert!(ex.warnings().is_empty());
    assert_eq!(ex.filter(), &Filter::parse(ex.query()).unwrap());
    assert_eq!(
        found(&index, ex.filter()),
        found(&index, &ex.clone().into_filter())
    );
    // A value naming both a side and an actor outside it lists both.
    let mut b = a.clone();
    b.add_actor(
        Actor::new("p.jordan-lee", "Jordan Lee", ActorKind::Person)
            .with_alias("Russia")
            .with_affiliation("usa"),
    );
    let index = Index::new(&b);
    let ex = index.explain("speaker:Russia").unwrap();
    assert_eq!(
        ex.terms()[0].actors.as_ref().unwrap().to_string(),
        "side RUS and actor p.jordan-lee"
    );
    // The explanation serializes, the warnings with their columns.
    let ex = index.explain("holder:Rusia or kind:appeal").unwrap();
    let json = serde_json::to_value(&ex).unwrap();
    assert_eq!(json["filter"], "holder:Rusia text:or kind:appeal");
    assert_eq!(json["terms"][0]["actors"]["sides"], serde_json::json!([]));
    assert_eq!(json["terms"][1]["condition"], "text:or");
    assert_eq!(json["warnings"][0]["kind"], "no_match");
    assert_eq!(json["warnings"][1]["kind"], "lowercase_operator");
    assert_eq!(json["warnings"][1]["column"], 14);
    // Errors are the parser's.
    assert!(index.explain("kind:threat").is_err());
    assert!(
        index
            .explain_with(&QueryParser::new().max_len(5), "kind:appeal")
            .is_err()
    );
    // Over the printed explanation: each term, then each warning.
    let text = ex.to_string();
    assert!(
        text.starts_with(
            "query: holder:Rusia or kind:appeal\n  column 1: holder:Rusia -> nothing\n"
        ),
        "{text}"
    );
    assert!(text.contains("\nwarning at column 14: "), "{text}");
}

#[test]
fn the_query_example_warns_on_standard_error_and_still_runs() {
    let article = format!(
        "{}/examples/data/drone_strikes.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = |args: &[&str]| {
        let mut argv = vec!["--date", "2025-06-05", article.as_str()];
        argv.extend(args);
        let out = example::run(&argv);
        assert!(out.status.success(), "{args:?}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (json, String::from_utf8(out.stderr).unwrap())
    };
    let (json, err) = run(&["kind:appeal or kind:denial"]);
    assert_eq!(json["count"], 0);
    assert_eq!(
        err,
        "query warning:\n    kind:appeal or kind:denial\n                ^^\n\
         warning at column 13: \"or\" is searched for in the text; to mean either, write OR\n"
    );
    let (_, err) = run(&["target:United States"]);
    assert!(
        err.contains("warning at column 1: target:United selects nothing"),
        "{err}"
    );
    assert!(
        err.contains("warning at column 15: \"States\" is searched for"),
        "{err}"
    );
    let (_, err) = run(&["holder:Rusia"]);
    assert!(
        err.contains("warning at column 1: holder:Rusia selects nothing"),
        "{err}"
    );
    // A query that says what it means runs quietly.
    let (json, err) = run(&["holder:Russian kind:retaliation"]);
    assert!(json["count"].as_u64().unwrap() > 0);
    assert_eq!(err, "");
    // --explain says what each term selected.
    let (_, err) = run(&["--explain", "holder:Russian -target:Kyiv strike"]);
    assert_eq!(
        err,
        "query: holder:Russian -target:Kyiv strike\n  column 1: holder:Russian -> side RUS\n  \
         column 17: target:Kyiv -> side UKR\n  column 29: strike -> text containing \"strike\"\n"
    );
}

/// The totals of one set of hits, as each count gives them, checked against
/// one another (the identities `Hits` documents).
fn check_totals(index: &Index<'_>, f: &Filter) -> Result<(), String> {
    let hits = index.search(f);
    let stances = hits.stance_count();
    let without: usize = hits
        .iter()
        .filter(|h| h.statement().stances.is_empty())
        .count();
    let negated: usize = hits
        .iter()
        .map(|h| h.stances().filter(|s| !s.is_held()).count())
        .sum();
    let table = hits.dyad_table();
    let by_kind = hits.count_by(&[GroupBy::Kind]);
    let by_dyad = hits.count_by(&[GroupBy::HolderSide, GroupBy::TargetSide]);
    let timeline = hits.stance_timeline(Granularity::Month);
    let by_statement = hits.count_by(&[GroupBy::Document]);
    let checks = [
        ("table + negated", table.total() + table.negated, stances),
        ("table.negated", table.negated, negated),
        ("pivot", table.pivot().total(), table.total()),
        ("count_by(kind)", by_kind.total, stances + without),
        ("count_by(kind).without", by_kind.without_stances, without),
        ("count_by(kind).negated", by_kind.negated, negated),
        ("count_by(dyad)", by_dyad.total, by_kind.total),
        ("timeline", timeline.total() + timeline.negated, stances),
        ("count_by(document)", by_statement.total, hits.len()),
        (
            "count_by(document).without",
            by_statement.without_stances,
            0,
        ),
    ];
    for (what, got, expected) in checks {
        if got != expected {
            return Err(format!("{f}: {what} is {got}, expected {expected}"));
        }
    }
    Ok(())
}

#[test]
fn aggregates_reconcile_and_name_their_differences() {
    let a = fixture();
    let index = Index::new(&a);
    let hits = index.all();
    assert_eq!(hits.stance_count(), 13);
    let table = hits.dyad_table();
    assert_eq!((table.total(), table.negated), (12, 1));
    let counts = hits.count_by(&[GroupBy::Kind]);
    assert_eq!(counts.unit, CountUnit::Stances);
    assert_eq!(
        (counts.total, counts.without_stances, counts.negated),
        (14, 1, 1)
    );
    let profile = index.profile("RUS", Granularity::Month);
    assert_eq!((profile.total.total(), profile.negated), (8, 1));
    for q in [
        "kind:*",
        "holder:RUS",
        "-kind:*",
        "kind:negotiation",
        "speaker:Peskov",
        "text:talks",
    ] {
        check_totals(&index, &Filter::parse(q).unwrap()).unwrap();
    }
    // Over the development articles, whatever the query.
    let dev = dev_corpus();
    let index = Index::new(dev);
    for q in [
        "kind:*",
        "holder:USA",
        "-kind:*",
        "kind:negotiation OR kind:denial",
        "target:*",
        "quote:direct",
        "via:*",
    ] {
        check_totals(&index, &Filter::parse(q).unwrap()).unwrap();
    }
    let all = index.all();
    let json = serde_json::to_value(all.count_by(&[GroupBy::Kind])).unwrap();
    assert!(json["without_stances"].as_u64().unwrap() > 0);
    assert!(json["negated"].is_u64());
    assert!(serde_json::to_value(all.dyad_table()).unwrap()["negated"].is_u64());
}

#[test]
fn the_dyad_pivot_has_a_row_per_dyad_and_a_column_per_kind() {
    use StanceKind::*;
    let a = fixture();
    let index = Index::new(&a);
    let table = index.all().dyad_table();
    let pivot = table.pivot();
    assert_eq!(pivot.kinds, StanceKind::ALL);
    let rus_ukr = pivot.row(Some("RUS"), Some("UKR")).unwrap();
    assert_eq!(rus_ukr.counts, [2, 3, 2, 0, 0, 0]);
    assert_eq!((rus_ukr.total, rus_ukr.count(Negotiation)), (7, 3));
    assert!(pivot.row(Some("RUS"), None).is_none());
    for row in &pivot.rows {
        for k in StanceKind::ALL {
            let (h, t) = (
                row.holder.as_ref().map(|c| c.as_str()),
                row.target.as_ref().map(|c| c.as_str()),
            );
            assert_eq!(row.count(k), table.count(h, t, k));
        }
        assert_eq!(row.total, row.counts.iter().sum::<usize>());
    }
    assert_eq!(pivot.total(), table.total());
    assert_eq!(
        pivot.to_string(),
        "\
holder  target  retaliation  negotiation  condemnation  appeal  denial  support  total
RUS     UKR               2            3             2       0       0        0      7
RUS     USA               0            1             0       0       0        0      1
UKR     RUS               0            0             0       0       1        0      1
UN      RUS               0            0             0       1       0        0      1
UN      UKR               0            0             0       1       0        0      1
USA     UKR               0            0             0       0       0        1      1
(1 negated stances left out)
"
    );
    round_trip(&pivot);
    assert_eq!(DyadTable::default().pivot().to_string().lines().count(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn totals_reconcile_for_any_filter(f in index_vocabulary_filter(), seed in 0u64..4) {
        let index = Index::new(corpus(seed));
        prop_assert_eq!(check_totals(&index, &f), Ok(()));
    }
}
