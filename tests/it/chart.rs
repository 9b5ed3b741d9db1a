//! The charts through their public API, checked as XML without a browser:
//! well-formed, one mark per stance or per merged bin with the counts adding
//! up, a tooltip on every mark, lane labels present, hostile names escaped,
//! the same bytes every time; and the `chart` example.

use std::process::Command;

use chrono::NaiveDate;
use demarche::chart::{By, DyadChart, TimelineChart};
use demarche::query::{Index, synth};
use demarche::{
    Actor, ActorKind, Analysis, CountryCode, Cue, Document, Event, EventKind, Granularity,
    Modality, Parser, Span, Stance, StanceKind, Statement, When,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn code(c: &str) -> CountryCode {
    CountryCode::new(c).unwrap()
}

/// Three actors on two sides; stances asserted, negated, conditional and
/// undated on three days; an attack on one of them and an undated call.
fn small() -> Analysis {
    let mut a = Analysis::new();
    a.add_document(Document::new("doc", 400).with_date(day(2025, 6, 5)))
        .unwrap();
    a.add_actor(Actor::new("rus", "Russia", ActorKind::State).with_country(code("RUS")));
    a.add_actor(Actor::new("ukr", "Ukraine", ActorKind::State).with_country(code("UKR")));
    a.add_actor(
        Actor::new("rus.peskov", "Dmitry Peskov", ActorKind::Person).with_affiliation("rus"),
    );
    let stance = |kind, holder: &str, cue: &str, at: usize| {
        Stance::new(kind, holder, Cue::new(cue, Span::new(at, at + cue.len())))
    };
    let said = |speaker: &str, at: usize, date: Option<NaiveDate>| {
        let mut s = Statement::new("doc", speaker, Span::new(at, at + 40), "…");
        s.date = date;
        s.when = date.map_or(When::Unknown, When::exact);
        s
    };
    a.add_statement(
        said("rus.peskov", 0, Some(day(2025, 6, 3)))
            .with_stance(
                stance(StanceKind::Retaliation, "rus.peskov", "strike back", 5).with_target("ukr"),
            )
            .with_stance(
                stance(StanceKind::Negotiation, "rus.peskov", "talks", 20)
                    .with_modality(Modality::Negated),
            ),
    );
    a.add_statement(
        said("ukr", 50, Some(day(2025, 6, 4))).with_stance(
            stance(StanceKind::Condemnation, "ukr", "condemned", 55)
                .with_target("rus")
                .with_modality(Modality::Conditional),
        ),
    );
    a.add_statement(said("rus", 100, None).with_stance(stance(
        StanceKind::Appeal,
        "rus",
        "urged",
        105,
    )));
    a.add_statement(
        said("ukr", 150, Some(day(2025, 6, 5)))
            .with_stance(stance(StanceKind::Support, "ukr", "backs", 155).with_target("ukr")),
    );
    a.add_event(
        Event::new(
            "doc",
            EventKind::Attack,
            Cue::new("drone strikes", Span::new(200, 213)),
        )
        .with_initiator("ukr")
        .with_target("rus")
        .with_date(When::exact(day(2025, 6, 1)), Some(day(2025, 6, 1))),
    );
    a.add_event(Event::new(
        "doc",
        EventKind::Call,
        Cue::new("phone call", Span::new(220, 230)),
    ));
    assert!(a.validate().is_ok());
    a
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"))
}

fn classes<'a>(n: &roxmltree::Node<'a, '_>) -> Vec<&'a str> {
    n.attribute("class")
        .map_or(Vec::new(), |c| c.split(' ').collect())
}

/// The stance marks of a chart: elements whose class list has `mark`.
fn marks<'a, 'i>(doc: &'a roxmltree::Document<'i>) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| classes(n).contains(&"mark"))
        .collect()
}

/// How many stances a mark stands for: its `data-count`, or one.
fn count(n: &roxmltree::Node<'_, '_>) -> usize {
    n.attribute("data-count").map_or(1, |c| c.parse().unwrap())
}

fn title(n: &roxmltree::Node<'_, '_>) -> String {
    n.children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|t| t.text())
        .unwrap_or_default()
        .to_owned()
}

/// An element's own text, without its tooltip.
fn own_text(n: &roxmltree::Node<'_, '_>) -> String {
    n.children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect()
}

/// The text of every text element.
fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| own_text(&n))
        .collect()
}

#[test]
fn timeline_has_a_titled_mark_per_stance() {
    let a = small();
    let svg = TimelineChart::new().render(&a);
    let doc = parse(&svg);
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let marks = marks(&doc);
    assert_eq!(marks.len(), 5);
    assert!(
        marks
            .iter()
            .all(|m| count(m) == 1 && !classes(m).contains(&"merged"))
    );
    let titles: Vec<String> = marks.iter().map(title).collect();
    // Speaker, date, kind and cue.
    let threat = titles.iter().find(|t| t.contains("strike back")).unwrap();
    assert!(threat.starts_with("retaliation → Ukraine"), "{threat}");
    assert!(
        threat.contains("Dmitry Peskov, 2025-06-03, doc"),
        "{threat}"
    );
    let appeal = titles.iter().find(|t| t.contains("urged")).unwrap();
    assert!(appeal.contains("undated"), "{appeal}");
    for kind in [
        "retaliation",
        "negotiation",
        "condemnation",
        "appeal",
        "support",
    ] {
        assert!(titles.iter().any(|t| t.starts_with(kind)), "{kind}");
    }
}

#[test]
fn negated_and_conditional_marks_are_drawn_differently() {
    let svg = TimelineChart::new().render(&small());
    let doc = parse(&svg);
    let marks = marks(&doc);
    let negated: Vec<_> = marks
        .iter()
        .filter(|m| classes(m).contains(&"negated"))
        .collect();
    let conditional: Vec<_> = marks
        .iter()
        .filter(|m| classes(m).contains(&"conditional"))
        .collect();
    assert_eq!(negated.len(), 1);
    assert!(title(negated[0]).starts_with("negotiation (negated)"));
    // A struck-through circle: a group with a circle and a stroke.
    assert!(negated[0].has_tag_name("g"));
    assert!(negated[0].children().any(|c| c.has_tag_name("path")));
    assert_eq!(conditional.len(), 1);
    assert!(title(conditional[0]).starts_with("condemnation (conditional)"));
    let plain = marks.iter().filter(|m| classes(m).len() == 2).count();
    assert_eq!(plain, 3);
}

#[test]
fn timeline_shows_lanes_axis_legend_events_and_the_undated_strip() {
    let a = small();
    let doc_by_side = TimelineChart::new()
        .granularity(Granularity::Day)
        .render(&a);
    let doc = parse(&doc_by_side);
    let t = texts(&doc);
    for expected in [
        "Russia (RUS)",
        "Ukraine (UKR)",
        "Jun 1",
        "Jun 5",
        "2025",
        "undated",
        "daily",
    ] {
        assert!(
            t.iter().any(|s| s == expected),
            "{expected} missing from {t:?}"
        );
    }
    for kind in StanceKind::ALL {
        assert!(
            t.iter().any(|s| s.starts_with(kind.as_str())),
            "legend lacks {kind}"
        );
    }
    assert!(t.iter().any(|s| s == "attack: drone strikes"));
    assert!(t.iter().any(|s| s == "1 undated event"));
    let events: Vec<_> = doc
        .descendants()
        .filter(|n| classes(n).contains(&"event") && n.has_tag_name("g"))
        .collect();
    assert!(
        events.iter().any(
            |e| title(e).contains("attack 2025-06-01") && title(e).contains("Ukraine → Russia")
        )
    );

    let by_actor = TimelineChart::new().by(By::Actor).render(&a);
    let t = texts(&parse(&by_actor));
    assert!(t.iter().any(|s| s == "Dmitry Peskov (RUS)"), "{t:?}");
}

#[test]
fn crowded_cells_merge_and_every_stance_is_counted_once() {
    let corpus = synth::corpus(3_000, 11);
    let stances: usize = corpus.statements().iter().map(|s| s.stances.len()).sum();
    for by in [By::Side, By::Actor] {
        let svg = TimelineChart::new().by(by).render(&corpus);
        let doc = parse(&svg);
        let marks = marks(&doc);
        let merged: Vec<_> = marks
            .iter()
            .filter(|m| classes(m).contains(&"merged"))
            .collect();
        assert!(!merged.is_empty(), "{by}: nothing merged");
        assert!(marks.len() < stances);
        assert_eq!(marks.iter().map(count).sum::<usize>(), stances, "{by}");
        for m in &merged {
            let t = title(m);
            assert!(
                t.starts_with(&format!("{} ", count(m))) && t.contains("stances merged"),
                "{t}"
            );
        }
        assert!(marks.iter().all(|m| !title(m).is_empty()));
    }
}

#[test]
fn sixty_lanes_and_more_all_have_labels() {
    let corpus = synth::corpus(4_000, 5);
    let svg = TimelineChart::new()
        .by(By::Actor)
        .max_lanes(1_000)
        .render(&corpus);
    let doc = parse(&svg);
    let lanes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("lanes"))
        .flat_map(|g| {
            g.children()
                .filter(|c| c.has_tag_name("text"))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(lanes.len() >= 60, "{} lanes", lanes.len());
    let ys: Vec<f64> = lanes
        .iter()
        .map(|l| l.attribute("y").unwrap().parse().unwrap())
        .collect();
    assert!(
        ys.windows(2).all(|w| w[1] - w[0] >= 20.0),
        "lane labels overlap"
    );
    assert!(lanes.iter().all(|l| !own_text(l).trim().is_empty()));
    assert!(lanes.iter().all(|l| !title(l).is_empty()));

    // Past the limit, the rest fold into one lane that says so.
    let svg = TimelineChart::new()
        .by(By::Actor)
        .max_lanes(10)
        .render(&corpus);
    let t = texts(&parse(&svg));
    assert!(t.iter().any(|s| s.ends_with("other actors")), "{t:?}");
}

#[test]
fn axis_labels_do_not_overlap() {
    let corpus = synth::corpus(2_000, 8);
    for g in [Granularity::Day, Granularity::Week, Granularity::Month] {
        let svg = TimelineChart::new()
            .granularity(g)
            .collapse_gaps(false)
            .render(&corpus);
        let doc = parse(&svg);
        let axis = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("axis"))
            .unwrap();
        let mut labels: Vec<(f64, usize)> = axis
            .children()
            .filter(|c| c.attribute("class") == Some("mid"))
            .map(|c| {
                (
                    c.attribute("x").unwrap().parse().unwrap(),
                    c.text().unwrap().chars().count(),
                )
            })
            .collect();
        labels.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(labels.len() > 5, "{g:?}");
        // Centred labels at 10 px are at most 7 px a character wide.
        for w in labels.windows(2) {
            let room = w[1].0 - w[0].0;
            assert!(room >= 3.5 * (w[0].1 + w[1].1) as f64, "{g:?}: {w:?}");
        }
    }
}

#[test]
fn charts_are_the_same_bytes_every_time() {
    let a = synth::corpus(1_500, 4);
    let b = synth::corpus(1_500, 4);
    for by in [By::Side, By::Actor] {
        assert_eq!(
            TimelineChart::new().by(by).render(&a),
            TimelineChart::new().by(by).render(&b)
        );
        assert_eq!(
            DyadChart::new().by(by).render(&a),
            DyadChart::new().by(by).render(&b)
        );
    }
    // A JSON round trip rebuilds every map: still the same bytes.
    let c = Analysis::from_json(&a.to_json()).unwrap();
    assert_eq!(
        TimelineChart::new().render(&a),
        TimelineChart::new().render(&c)
    );
}

#[test]
fn dyad_totals_agree_with_the_dyad_table() {
    let corpus = synth::corpus(3_000, 2);
    let index = Index::new(&corpus);
    let table = index.all().dyad_table();
    let svg = DyadChart::new()
        .max_rows(1_000)
        .max_columns(1_000)
        .render(&corpus);
    let doc = parse(&svg);
    let marks = marks(&doc);
    assert_eq!(marks.iter().map(count).sum::<usize>(), table.total());
    // One bar per non-empty (holder, target, kind) cell.
    assert_eq!(marks.len(), table.cells.len());
    let rus_ukr = table.count(Some("RUS"), Some("UKR"), StanceKind::Retaliation);
    let bar = marks
        .iter()
        .find(|m| {
            title(m).starts_with("Russia (RUS) → Ukraine (UKR): ")
                && classes(m).contains(&"retaliation")
        })
        .unwrap();
    assert_eq!(count(bar), rus_ukr);
    let t = texts(&doc);
    assert!(t.contains(&table.total().to_string()));
    assert!(t.iter().any(|s| s == "total"));
}

#[test]
fn hits_charts_draw_only_the_matched_stances() {
    let corpus = synth::corpus(2_000, 9);
    let index = Index::new(&corpus);
    let hits = index.query("holder:RUS kind:retaliation").unwrap();
    assert!(hits.stance_count() > 0);
    let svg = TimelineChart::new().render_hits(&hits);
    let doc = parse(&svg);
    let marks = marks(&doc);
    assert_eq!(marks.iter().map(count).sum::<usize>(), hits.stance_count());
    assert!(marks.iter().all(|m| classes(m).contains(&"retaliation")));
    let held = index
        .query("holder:RUS kind:retaliation")
        .unwrap()
        .dyad_table()
        .total();
    let svg = DyadChart::new().render_hits(&hits);
    assert_eq!(marks_total(&svg), held);
}

fn marks_total(svg: &str) -> usize {
    marks(&parse(svg)).iter().map(count).sum()
}

#[test]
fn hostile_names_and_cues_are_escaped() {
    let mut a = Analysis::new();
    a.add_document(Document::new("d<&>", 100)).unwrap();
    a.add_actor(
        Actor::new(
            "x",
            "<script>alert(\"&\")</script>\u{0}\u{1b}",
            ActorKind::State,
        )
        .with_country(code("XXX")),
    );
    a.add_statement(
        Statement::new("d<&>", "x", Span::new(0, 10), "x").with_stance(Stance::new(
            StanceKind::Denial,
            "x",
            Cue::new("]]></title><script>\u{7}", Span::new(0, 5)),
        )),
    );
    for svg in [
        TimelineChart::new().title("a & <b>").render(&a),
        TimelineChart::new().by(By::Actor).render(&a),
        DyadChart::new().by(By::Actor).title("\"'").render(&a),
    ] {
        let doc = parse(&svg);
        assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(!svg.contains('\u{0}') && !svg.contains('\u{7}'));
    }
}

#[test]
fn empty_and_undated_analyses_still_make_documents() {
    let empty = Analysis::new();
    for svg in [
        TimelineChart::new().render(&empty),
        DyadChart::new().render(&empty),
    ] {
        let doc = parse(&svg);
        assert!(marks(&doc).is_empty());
        assert!(texts(&doc).iter().any(|t| t == "no stances to chart"));
    }
    let mut undated = small();
    let only: Vec<Statement> = undated
        .statements()
        .iter()
        .filter(|s| s.date.is_none())
        .cloned()
        .collect();
    undated = {
        let mut a = Analysis::new();
        for d in undated.documents() {
            a.add_document(d.clone()).unwrap();
        }
        for actor in undated.actors().values() {
            a.add_actor(actor.clone());
        }
        for s in only {
            a.add_statement(s);
        }
        a
    };
    let doc_svg = TimelineChart::new().render(&undated);
    let doc = parse(&doc_svg);
    assert_eq!(marks(&doc).len(), 1);
    assert!(texts(&doc).iter().any(|t| t == "undated"));
}

#[test]
fn the_drone_strikes_article_charts() {
    let text = include_str!("../../examples/data/drone_strikes.txt");
    let parsed = Parser::new()
        .parse_document("drone_strikes", text, Some(day(2025, 6, 5)))
        .unwrap();
    let a = &parsed.analysis;
    let stances: usize = a.statements().iter().map(|s| s.stances.len()).sum();
    let svg = TimelineChart::new().by(By::Actor).render(a);
    let doc = parse(&svg);
    assert_eq!(marks(&doc).len(), stances);
    let t = texts(&doc);
    for name in [
        "Dmitry Peskov (RUS)",
        "Vladimir Putin (RUS)",
        "Kremlin (RUS)",
        "Jun 5",
        "attack: drone strikes",
    ] {
        assert!(t.iter().any(|s| s == name), "{name} missing from {t:?}");
    }
    let svg = DyadChart::new().render(a);
    assert!(svg.contains("Russia (RUS) → Ukraine (UKR): "));
}

/// The `chart` example: articles and saved analyses in, SVG out.
#[test]
fn the_chart_example_reads_articles_and_analyses() {
    let bin = crate::query::example::binary("chart");
    let dir = std::env::temp_dir().join(format!("demarche-chart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/drone_strikes.txt"
    );
    let run = |args: &[&str]| Command::new(&bin).args(args).output().unwrap();

    let out = run(&["--date", "2025-06-05", "--by", "actor", article]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_text = String::from_utf8(out.stdout).unwrap();
    parse(&from_text);
    assert!(from_text.contains("Dmitry Peskov (RUS)"));

    // The same article as saved JSON and as JSON Lines: the same marks.
    let text = std::fs::read_to_string(article).unwrap();
    let a = Parser::new()
        .parse_document("drone_strikes", &text, Some(day(2025, 6, 5)))
        .unwrap()
        .analysis;
    let json = dir.join("a.json");
    std::fs::write(&json, a.to_json()).unwrap();
    let jsonl = dir.join("a.jsonl");
    std::fs::write(&jsonl, format!("{}\n\n", a.to_json_line())).unwrap();
    let marks_of = |args: &[&str]| {
        let out = run(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        marks(&parse(&String::from_utf8(out.stdout).unwrap())).len()
    };
    let n = marks_of(&[json.to_str().unwrap()]);
    assert_eq!(n, marks_of(&[jsonl.to_str().unwrap()]));
    assert_eq!(
        n,
        a.statements()
            .iter()
            .map(|s| s.stances.len())
            .sum::<usize>()
    );
    let dyad = marks_of(&[
        "--kind",
        "dyad",
        "--query",
        "kind:negotiation",
        json.to_str().unwrap(),
    ]);
    assert_eq!(dyad, 1);

    // Bad command lines and files.
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["--by", "sides", article]).status.code(), Some(2));
    assert_eq!(run(&["--query", "kind:", article]).status.code(), Some(2));
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, "{}\nnot json\n").unwrap();
    let out = run(&[bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn marks_stay_in_their_column_and_apart() {
    let corpus = synth::corpus(3_000, 6);
    for g in [Granularity::Day, Granularity::Week, Granularity::Month] {
        let svg = TimelineChart::new().granularity(g).render(&corpus);
        let doc = parse(&svg);
        // Column edges: the grid path's "M x y V y2" moves.
        let grid = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("grid"))
            .unwrap();
        let mut edges: Vec<f64> = grid
            .attribute("d")
            .unwrap()
            .split('M')
            .filter(|m| !m.is_empty())
            .map(|m| m.split(' ').next().unwrap().parse().unwrap())
            .collect();
        edges.sort_by(f64::total_cmp);
        let circles: Vec<(f64, f64, f64)> = marks(&doc)
            .iter()
            .filter_map(|m| {
                let c = if m.has_tag_name("circle") {
                    *m
                } else {
                    m.children().find(|c| c.has_tag_name("circle"))?
                };
                let num = |a| c.attribute(a).unwrap().parse::<f64>().unwrap();
                Some((num("cx"), num("cy"), num("r")))
            })
            .collect();
        assert!(circles.len() > 100, "{g:?}: {} circles", circles.len());
        let (first, last) = (edges[0], edges[edges.len() - 1]);
        for &(x, _, r) in circles.iter().filter(|c| c.0 < last) {
            assert!(x - r >= first, "{g:?}: mark at {x} left of the plot");
            let col = edges.partition_point(|&e| e <= x - r);
            assert!(
                col < edges.len() && x + r <= edges[col],
                "{g:?}: mark at {x} crosses the edge"
            );
        }
        let mut sorted = circles.clone();
        sorted.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.total_cmp(&b.0)));
        for w in sorted.windows(2) {
            let (a, b) = (w[0], w[1]);
            let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
            assert!(d >= a.2 + b.2, "{g:?}: marks at {a:?} and {b:?} overlap");
        }
    }
}
