//! The model through its public API: building, merging, validating, dates,
//! the timeline and JSON.

use chrono::NaiveDate;
use demarche::{
    Actor, ActorKind, Analysis, CountryCode, Cue, Document, Event, EventKind, Granularity,
    Intensity, LoadError, MergeError, Modality, QuoteKind, Relative, Role, Span, Stance,
    StanceKind, Statement, Timeline, TimelineItem, ValidationError, When,
};

const ARTICLE: &str = include_str!("../../examples/data/drone_strikes.txt");

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn code(c: &str) -> CountryCode {
    CountryCode::new(c).unwrap()
}

/// The span of the first occurrence of `needle` in the article.
fn find(needle: &str) -> Span {
    let start = ARTICLE
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in article"));
    Span::new(start, start + needle.len())
}

fn cue(needle: &str) -> Cue {
    Cue::new(needle, find(needle))
}

/// The sentence (line) of the article holding `needle`.
fn line_of(needle: &str) -> (Span, &'static str) {
    let at = find(needle).start;
    let start = ARTICLE[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = ARTICLE[at..].find('\n').map_or(ARTICLE.len(), |i| at + i);
    (Span::new(start, end), &ARTICLE[start..end])
}

fn statement(needle: &str, speaker: &str) -> Statement {
    let (span, text) = line_of(needle);
    Statement::new("drone_strikes", speaker, span, text)
}

/// The drone-strikes situation, built by hand.
fn drone_strikes() -> Analysis {
    let mut a = Analysis::new();
    a.add_document(
        Document::new("drone_strikes", ARTICLE.len())
            .with_date(day(2025, 6, 5))
            .with_title("Russia vows response to drone strikes"),
    )
    .unwrap();
    a.add_actor(
        Actor::new("rus", "Russia", ActorKind::State)
            .with_country(code("RUS"))
            .with_alias("Moscow"),
    );
    a.add_actor(
        Actor::new("ukr", "Ukraine", ActorKind::State)
            .with_country(code("UKR"))
            .with_alias("Kyiv"),
    );
    a.add_actor(Actor::new("usa", "United States", ActorKind::State).with_country(code("USA")));
    a.add_actor(
        Actor::new("rus.kremlin", "Kremlin", ActorKind::Institution).with_affiliation("rus"),
    );
    a.add_actor(
        Actor::new("p.dmitry-peskov", "Dmitry Peskov", ActorKind::Person)
            .with_alias("Peskov")
            .with_affiliation("rus.kremlin")
            .with_role(Role::new("spokesperson").in_organization("rus.kremlin")),
    );
    a.add_actor(
        Actor::new("p.vladimir-putin", "Vladimir Putin", ActorKind::Person)
            .with_alias("Putin")
            .with_affiliation("rus")
            .with_role(Role::new("President")),
    );
    a.add_actor(
        Actor::new("p.sergei-lavrov", "Sergei Lavrov", ActorKind::Person)
            .with_alias("Lavrov")
            .with_affiliation("rus")
            .with_role(Role::new("Foreign Minister")),
    );
    let mut trump_role = Role::new("President");
    trump_role.former = true;
    a.add_actor(
        Actor::new("p.donald-trump", "Donald Trump", ActorKind::Person)
            .with_alias("Trump")
            .with_affiliation("usa")
            .with_role(trump_role),
    );

    let reference = Some(day(2025, 6, 5));
    a.add_event(
        Event::new("drone_strikes", EventKind::Attack, cue("drone strikes"))
            .with_initiator("ukr")
            .with_target("rus")
            .with_date(
                When::Partial {
                    month: 6,
                    day: Some(1),
                },
                Some(day(2025, 6, 1)),
            )
            .with_span(
                find("drone strikes on Russian airfields on June 1"),
                "drone strikes on Russian airfields on June 1",
            ),
    );
    a.add_event(
        Event::new("drone_strikes", EventKind::Call, cue("phone call"))
            .with_participant("p.vladimir-putin")
            .with_participant("p.donald-trump")
            .with_date(When::Relative(Relative::Recent), None),
    );

    a.add_statement(
        statement("Russia will strike back", "p.dmitry-peskov")
            .with_attribution(cue("made it clear"))
            .with_date(When::Unknown, reference)
            .with_stance(
                Stance::new(StanceKind::Retaliation, "rus", cue("strike back"))
                    .with_target("ukr")
                    .with_modality(Modality::Intended),
            ),
    );
    a.add_statement(
        statement("Kremlin Demands International Condemnation", "rus.kremlin")
            .with_quote(QuoteKind::Headline)
            .with_stance(
                Stance::new(StanceKind::Condemnation, "rus.kremlin", cue("Condemnation"))
                    .with_target("ukr"),
            ),
    );
    a.add_statement(
        statement("about the measures Russia plans", "p.vladimir-putin")
            .reported_by("p.dmitry-peskov")
            .with_quote(QuoteKind::Mixed)
            .with_attribution(cue("According to"))
            .with_stance(
                Stance::new(
                    StanceKind::Retaliation,
                    "p.vladimir-putin",
                    cue("measures Russia plans to take in response"),
                )
                .with_target("ukr")
                .with_intensity(Intensity::High),
            ),
    );
    a.add_statement(
        statement("importance of maintaining contact", "p.sergei-lavrov")
            .reported_by("p.dmitry-peskov")
            .with_attribution(cue("quoted"))
            .with_stance(
                Stance::new(
                    StanceKind::Negotiation,
                    "p.sergei-lavrov",
                    cue("maintaining contact"),
                )
                .with_target("ukr"),
            ),
    );
    a.add_statement(
        statement("all the characteristics of a terrorist regime", "rus")
            .with_stance(
                Stance::new(StanceKind::Condemnation, "rus", cue("terrorist regime"))
                    .with_target("ukr")
                    .with_label(cue("terrorist regime")),
            )
            .with_stance(
                Stance::new(
                    StanceKind::Negotiation,
                    "p.vladimir-putin",
                    cue("supports continuing negotiations"),
                )
                .with_target("ukr"),
            ),
    );
    a
}

#[test]
fn drone_strikes_by_hand_is_valid() {
    let a = drone_strikes();
    assert_eq!(a.validate(), Ok(()));
    assert_eq!(a.documents().len(), 1);
    assert_eq!(a.statements().len(), 5);
    assert_eq!(a.events().len(), 2);
    // Actors keep first-seen order.
    let ids: Vec<&str> = a.actors().keys().map(|k| k.as_str()).collect();
    assert_eq!(&ids[..3], ["rus", "ukr", "usa"]);
}

#[test]
fn sides_are_inherited_through_affiliation() {
    let a = drone_strikes();
    assert_eq!(a.side_of("p.dmitry-peskov"), Some(&code("RUS")));
    assert_eq!(a.side_of("rus.kremlin"), Some(&code("RUS")));
    assert_eq!(a.side_of("p.donald-trump"), Some(&code("USA")));
    assert_eq!(a.side_of("nobody"), None);
    let chain: Vec<&str> = a
        .affiliation_chain("p.dmitry-peskov")
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(chain, ["p.dmitry-peskov", "rus.kremlin", "rus"]);
}

#[test]
fn relayed_speech_keeps_the_chain() {
    let a = drone_strikes();
    let relayed: Vec<&Statement> = a.statements().iter().filter(|s| s.is_relayed()).collect();
    assert_eq!(relayed.len(), 2);
    assert_eq!(relayed[0].speaker.as_str(), "p.vladimir-putin");
    assert_eq!(relayed[0].reported_by[0].as_str(), "p.dmitry-peskov");
}

#[test]
fn every_cue_points_at_its_words() {
    let a = drone_strikes();
    for st in a.statements() {
        assert_eq!(st.span.slice(ARTICLE), Some(st.text.as_str()));
        for s in &st.stances {
            assert_eq!(s.cue.span.slice(ARTICLE), Some(s.cue.text.as_str()));
            assert!(
                st.span.covers(s.cue.span),
                "cue {:?} outside its statement",
                s.cue.text
            );
        }
    }
}

#[test]
fn stances_carry_cameo_plover_and_goldstein() {
    let a = drone_strikes();
    let retaliation = &a.statements()[0].stances[0];
    assert_eq!(retaliation.cameo.as_deref(), Some("130"));
    assert_eq!(retaliation.plover, Some(demarche::Plover::Threaten));
    assert!(retaliation.goldstein.unwrap() < 0.0);
    let negotiation = &a.statements()[3].stances[0];
    assert!(negotiation.goldstein.unwrap() > 0.0);
}

#[test]
fn json_has_the_contract_shape() {
    let a = drone_strikes();
    let v: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap();
    let peskov = &v["actors"]["p.dmitry-peskov"];
    assert_eq!(peskov["name"], "Dmitry Peskov");
    assert_eq!(peskov["aliases"][0], "Peskov");
    assert_eq!(peskov["country"], serde_json::Value::Null);
    assert_eq!(peskov["affiliation"], "rus.kremlin");
    assert_eq!(v["actors"]["rus"]["country"], "RUS");
    let st = &v["statements"][0];
    assert!(st["span"].is_array());
    assert_eq!(st["speaker"], "p.dmitry-peskov");
    assert_eq!(st["reported_by"], serde_json::json!([]));
    assert_eq!(st["date"], "2025-06-05");
    assert_eq!(st["stances"][0]["kind"], "retaliation");
    assert_eq!(st["stances"][0]["holder"], "rus");
    assert_eq!(st["stances"][0]["target"], "ukr");
    let ev = &v["events"][0];
    assert_eq!(ev["kind"], "attack");
    assert_eq!(ev["date"], "2025-06-01");
    assert_eq!(ev["initiator"], "ukr");
    assert_eq!(ev["participants"], serde_json::json!([]));
    // Actor keys come in first-seen order (in the text: a `Value` sorts them).
    let json = a.to_json();
    let at = |id: &str| json.find(&format!("\"{id}\": {{")).unwrap();
    assert!(at("rus") < at("ukr") && at("ukr") < at("rus.kremlin"));
    assert!(at("rus.kremlin") < at("p.dmitry-peskov"));
}

#[test]
fn json_round_trips_exactly() {
    let a = drone_strikes();
    let json = a.to_json();
    let back = Analysis::from_json(&json).unwrap();
    assert_eq!(back, a);
    assert_eq!(back.to_json(), json);
    let line = a.to_json_line();
    assert!(!line.contains('\n'));
    assert_eq!(Analysis::from_json(&line).unwrap(), a);
}

#[test]
fn broken_json_names_line_and_column() {
    let err = Analysis::from_json("{\n  \"actors\": {},\n  \"statements\": x\n}").unwrap_err();
    match &err {
        LoadError::Json { line, column, .. } => {
            assert_eq!(*line, 3);
            assert!(*column >= 1);
        }
        other => panic!("expected a JSON error, got {other:?}"),
    }
    assert!(err.to_string().starts_with("line 3, column"), "{err}");
    assert!(Analysis::from_json("").is_err());
    let err = Analysis::from_json("{\"actors\": 5}").unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
}

#[test]
fn json_with_dangling_ids_is_refused() {
    let mut v: serde_json::Value = serde_json::from_str(&drone_strikes().to_json()).unwrap();
    v["statements"][0]["speaker"] = "rus.nobody".into();
    let err = Analysis::from_json(&v.to_string()).unwrap_err();
    assert!(matches!(err, LoadError::Invalid(_)));
    assert!(
        err.to_string()
            .contains("statements[0].speaker: no actor with id \"rus.nobody\""),
        "{err}"
    );
}

#[test]
fn validation_reports_every_problem() {
    let mut a = drone_strikes();
    a.add_statement(
        Statement::new(
            "drone_strikes",
            "ghost",
            Span::new(10, ARTICLE.len() + 5),
            "x",
        )
        .with_stance(
            Stance::new(StanceKind::Appeal, "rus", Cue::new("x", Span::new(0, 1)))
                .with_target("nowhere"),
        ),
    );
    a.add_event(Event::new(
        "elsewhere",
        EventKind::Meeting,
        Cue::new("met", Span::new(0, 3)),
    ));
    a.add_actor(Actor::new("loop.a", "A", ActorKind::Other).with_affiliation("loop.b"));
    a.add_actor(Actor::new("loop.b", "B", ActorKind::Other).with_affiliation("loop.a"));
    let errors = a.validate().unwrap_err();
    let list = errors.errors();
    assert!(list.iter().any(|e| matches!(e, ValidationError::UnknownActor { id, at } if id.as_str() == "ghost" && at == "statements[5].speaker")));
    assert!(list.iter().any(
        |e| matches!(e, ValidationError::UnknownActor { id, .. } if id.as_str() == "nowhere")
    ));
    assert!(list.iter().any(
        |e| matches!(e, ValidationError::SpanOutOfBounds { at, .. } if at == "statements[5].span")
    ));
    assert!(list.iter().any(
        |e| matches!(e, ValidationError::UnknownDocument { id, .. } if id.as_str() == "elsewhere")
    ));
    assert!(
        list.iter()
            .any(|e| matches!(e, ValidationError::AffiliationCycle { .. }))
    );
    let text = errors.to_string();
    assert!(
        text.starts_with(&format!("invalid analysis ({} problems)", list.len())),
        "{text}"
    );
    assert_eq!(a.side_of("loop.a"), None);
}

#[test]
fn merging_does_not_duplicate_actors() {
    let first = drone_strikes();
    let mut second = Analysis::new();
    second
        .add_document(Document::new("follow_up", 40).with_date(day(2025, 6, 9)))
        .unwrap();
    second.add_actor(
        Actor::new("rus", "Russia", ActorKind::State)
            .with_country(code("RUS"))
            .with_alias("Russian Federation"),
    );
    second.add_actor(Actor::new("ukr", "Ukraine", ActorKind::State).with_country(code("UKR")));
    second.add_actor(
        Actor::new("p.dmitry-peskov", "Dmitry Peskov", ActorKind::Person)
            .with_alias("Peskov")
            .with_affiliation("rus"),
    );
    second.add_statement(
        Statement::new(
            "follow_up",
            "p.dmitry-peskov",
            Span::new(0, 40),
            "Peskov said talks would go on.",
        )
        .with_stance(
            Stance::new(
                StanceKind::Negotiation,
                "rus",
                Cue::new("talks", Span::new(12, 17)),
            )
            .with_target("ukr"),
        ),
    );
    let actors_before = first.actors().len();
    let mut merged = first.clone();
    merged.merge(second.clone()).unwrap();
    assert_eq!(merged.actors().len(), actors_before);
    assert_eq!(merged.documents().len(), 2);
    assert_eq!(merged.statements().len(), first.statements().len() + 1);
    let rus = merged.actor("rus").unwrap();
    assert!(rus.is_named("Russian Federation"));
    assert!(rus.is_named("Moscow"));
    // The affiliation already known wins.
    assert_eq!(
        merged
            .actor("p.dmitry-peskov")
            .unwrap()
            .affiliation
            .as_ref()
            .unwrap()
            .as_str(),
        "rus.kremlin"
    );
    assert_eq!(merged.validate(), Ok(()));
    // merge_all does the same over many.
    let all = Analysis::merge_all([first.clone(), second]).unwrap();
    assert_eq!(all, merged);
}

#[test]
fn merging_a_document_twice_fails_and_changes_nothing() {
    let mut a = drone_strikes();
    let before = a.clone();
    let err = a.merge(drone_strikes()).unwrap_err();
    assert_eq!(err, MergeError::DuplicateDocument("drone_strikes".into()));
    assert_eq!(a, before);
    assert!(err.to_string().contains("drone_strikes"));
}

#[test]
fn timeline_orders_by_date_then_document_order() {
    let a = drone_strikes();
    let t = Timeline::new(&a);
    let entries = t.entries();
    // The recent call (the 30 days up to June 5) starts first, then the
    // June 1 attack; the statements dated June 5 follow.
    assert_eq!(entries[0].item, TimelineItem::Event(1));
    assert_eq!(entries[1].item, TimelineItem::Event(0));
    assert_eq!(entries[1].dates.unwrap().start, day(2025, 6, 1));
    let dated: Vec<_> = entries.iter().filter_map(|e| e.dates).collect();
    for w in dated.windows(2) {
        assert!(w[0].start <= w[1].start);
    }
    // Statements without a date come last, in document order.
    let undated: Vec<_> = entries
        .iter()
        .filter(|e| e.dates.is_none())
        .map(|e| e.span.start)
        .collect();
    assert!(undated.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn timeline_groups_by_day_week_and_month() {
    let a = drone_strikes();
    let t = Timeline::new(&a);
    let by_day = t.group_by(Granularity::Day);
    let by_month = t.group_by(Granularity::Month);
    assert!(by_day.len() >= by_month.len());
    let total: usize = by_day.iter().map(|g| g.entries.len()).sum();
    assert_eq!(total, t.entries().len());
    let june_5 = by_day
        .iter()
        .find(|g| g.period.map(|p| p.start) == Some(day(2025, 6, 5)))
        .unwrap();
    assert_eq!(june_5.entries.len(), 1);
    assert!(
        by_day.last().unwrap().period.is_none(),
        "undated entries form the last group"
    );
    let json = serde_json::to_string(&by_month).unwrap();
    let back: Vec<demarche::TimelineGroup> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, by_month);
}

#[test]
fn dates_resolve_against_the_reference() {
    let r = Some(day(2022, 10, 11)); // a Tuesday
    let rel = |x| When::Relative(x);
    assert_eq!(
        rel(Relative::Weekday {
            weekday: chrono::Weekday::Sat
        })
        .day(r),
        Some(day(2022, 10, 8))
    );
    assert_eq!(
        rel(Relative::Weekday {
            weekday: chrono::Weekday::Tue
        })
        .day(r),
        Some(day(2022, 10, 11))
    );
    assert_eq!(rel(Relative::Yesterday).day(r), Some(day(2022, 10, 10)));
    assert_eq!(
        rel(Relative::DaysAgo { days: 2 }).day(r),
        Some(day(2022, 10, 9))
    );
    assert_eq!(
        rel(Relative::NextMonth).resolve(r).unwrap().start,
        day(2022, 11, 1)
    );
    assert_eq!(
        When::Partial {
            month: 10,
            day: Some(8)
        }
        .day(r),
        Some(day(2022, 10, 8))
    );
    assert_eq!(
        When::Partial {
            month: 10,
            day: Some(8)
        }
        .day(None),
        None
    );
    let range = When::Range {
        start: day(2022, 10, 1),
        end: day(2022, 10, 3),
    };
    assert!(range.is_absolute());
    assert_eq!(range.day(None), None);
    assert_eq!(range.resolve(None).unwrap().end, day(2022, 10, 3));
}

#[test]
fn every_public_type_serializes_and_round_trips() {
    fn round<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
        x: T,
    ) {
        let json = serde_json::to_string(&x).unwrap();
        let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(back, x, "{json}");
    }
    round(Span::new(1, 2));
    round(code("NATO"));
    round(ActorKind::ArmedGroup);
    round(Role::new("envoy").in_organization("un"));
    round(QuoteKind::Headline);
    round(Modality::Conditional);
    round(Intensity::High);
    round(EventKind::Sanction);
    round(StanceKind::Denial);
    for w in [
        When::Unknown,
        When::exact(day(2025, 1, 2)),
        When::Partial {
            month: 3,
            day: None,
        },
        When::Range {
            start: day(2025, 1, 1),
            end: day(2025, 1, 9),
        },
        When::Relative(Relative::InLastYear {
            month: 9,
            day: Some(26),
        }),
        When::Relative(Relative::Recent),
    ] {
        round(w);
    }
    let a = drone_strikes();
    round(Timeline::new(&a));
    round(a.statements()[2].clone());
    round(a.events()[0].clone());
    round(a.actor("p.donald-trump").unwrap().clone());
    round(a.documents()[0].clone());
}

#[test]
fn public_types_are_send_sync_and_unwind_safe() {
    fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    check::<Analysis>();
    check::<Actor>();
    check::<Statement>();
    check::<Stance>();
    check::<Event>();
    check::<When>();
    check::<Timeline>();
    check::<demarche::ValidationErrors>();
    check::<LoadError>();
    check::<MergeError>();
}

#[test]
fn ids_go_wherever_the_api_asks_for_an_id() {
    use demarche::query::Filter;
    // Parsed with the re-exported chrono: no dependency of one's own needed.
    let date = demarche::chrono::NaiveDate::from_ymd_opt(2025, 6, 5);
    let mut parsed = demarche::Parser::new()
        .parse_document("drone_strikes", ARTICLE, date)
        .unwrap();
    let analysis = &parsed.analysis;
    let st = &analysis.statements()[0];
    let stance = &st.stances[0];
    // Lookups take ids by reference or by value, and strings.
    assert_eq!(analysis.actor(&st.speaker).unwrap().name, "Dmitry Peskov");
    assert_eq!(analysis.actor(st.speaker.clone()).unwrap().id, st.speaker);
    assert_eq!(
        analysis.actor(String::from("p.dmitry-peskov")).unwrap().id,
        st.speaker
    );
    assert_eq!(analysis.side_of(&stance.holder).unwrap(), "RUS");
    assert_eq!(
        analysis.side_of(stance.target.as_ref().unwrap()).unwrap(),
        "UKR"
    );
    assert_eq!(analysis.document(&st.document).unwrap().len, ARTICLE.len());
    assert!(analysis.affiliation_chain(&st.speaker).len() >= 2);
    // Ids compare with strings, both ways, and convert.
    assert_eq!(st.speaker, "p.dmitry-peskov");
    assert!("p.dmitry-peskov" == st.speaker);
    assert_eq!(st.document, "drone_strikes");
    assert_eq!(String::from(&st.speaker), "p.dmitry-peskov");
    // Builders and filters take ids by reference.
    let copy = Statement::new(&st.document, &st.speaker, st.span, st.text.clone())
        .with_stance(Stance::new(stance.kind, &stance.holder, stance.cue.clone()));
    assert_eq!(copy.speaker, st.speaker);
    let f = Filter::speaker(&st.speaker) & Filter::holder(&stance.holder);
    assert!(f.matches(analysis, st));
    // A parsed document's metadata can be set.
    let doc = parsed.analysis.document_mut("drone_strikes").unwrap();
    doc.source = Some("https://example.org/drone-strikes".into());
    doc.title = Some("Kremlin vows response".into());
    let back = Analysis::from_json(&parsed.analysis.to_json()).unwrap();
    assert_eq!(
        back.document("drone_strikes").unwrap().source.as_deref(),
        Some("https://example.org/drone-strikes")
    );
    assert!(parsed.analysis.document_mut("elsewhere").is_none());
}
