//! The rendering of statements and events that the sentence cases use, and
//! the parser tests a case file cannot hold.
//!
//! Sentence readings live in `tests/it/data/cases/*.txt`, grouped by
//! phenomenon and run by `cases.rs`. `statements` renders each statement as
//! one line, `speaker <- relay, relay [quote] kind HOLDER>TARGET "cue"
//! modality; ...`, with sides as country or organisation codes (`-` for
//! none); `events` renders `kind date INITIATOR>TARGET`. What stays here reads
//! what a line does not show (actors' sides and names, intensity, labels), a
//! few readings whose full output still has a wrong line, and the API.

use chrono::NaiveDate;
use demarche::{Analysis, Parser};

fn parse(text: &str, date: Option<&str>) -> Analysis {
    parse_with(&Parser::new(), text, date)
}

fn parse_with(parser: &Parser, text: &str, date: Option<&str>) -> Analysis {
    let date = date.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    let parsed = parser.parse_document("t", text, date).unwrap();
    parsed.analysis.validate().unwrap();
    parsed.analysis
}

fn side(a: &Analysis, id: Option<&demarche::ActorId>) -> String {
    id.and_then(|id| a.side_of(id.as_str()))
        .map_or("-".to_owned(), |c| c.as_str().to_owned())
}

fn name(a: &Analysis, id: &demarche::ActorId) -> String {
    a.actor(id.as_str())
        .map_or(id.as_str().to_owned(), |x| x.name.clone())
}

/// One line per statement, as the lexicon's rules read the text (without
/// the statistical stance model).
pub(crate) fn statements(text: &str, date: Option<&str>) -> Vec<String> {
    statements_with(&Parser::new().stance_model(None), text, date)
}

/// One line per statement, as `parser` reads the text.
pub(crate) fn statements_with(parser: &Parser, text: &str, date: Option<&str>) -> Vec<String> {
    let a = parse_with(parser, text, date);
    a.statements()
        .iter()
        .map(|s| {
            let relays: Vec<String> = s.reported_by.iter().map(|r| name(&a, r)).collect();
            let stances: Vec<String> = s
                .stances
                .iter()
                .map(|x| {
                    format!(
                        "{} {}>{} \"{}\" {:?}",
                        x.kind.as_str(),
                        side(&a, Some(&x.holder)),
                        side(&a, x.target.as_ref()),
                        x.cue.text,
                        x.modality
                    )
                })
                .collect();
            format!(
                "{} <- {} [{}] {}",
                name(&a, &s.speaker),
                relays.join(", "),
                s.quote.as_str(),
                stances.join("; ")
            )
        })
        .collect()
}

/// One line per event: `kind date INITIATOR>TARGET`.
pub(crate) fn events(text: &str, date: Option<&str>) -> Vec<String> {
    let a = parse(text, date);
    a.events()
        .iter()
        .map(|e| {
            format!(
                "{} {} {}>{}",
                e.kind.as_str(),
                e.date.map_or("?".to_owned(), |d| d.to_string()),
                side(&a, e.initiator.as_ref()),
                side(&a, e.target.as_ref())
            )
        })
        .collect()
}

#[track_caller]
fn expect(lines: &[String], wanted: &[&str]) {
    for w in wanted {
        assert!(
            lines.iter().any(|l| l.contains(w)),
            "no line contains {w:?} in:\n{}",
            lines.join("\n")
        );
    }
}

#[track_caller]
fn refuse(lines: &[String], unwanted: &[&str]) {
    for w in unwanted {
        assert!(
            !lines.iter().any(|l| l.contains(w)),
            "a line contains {w:?} in:\n{}",
            lines.join("\n")
        );
    }
}

// --- what a rendered line does not show: actors' sides and names, intensity,
// labels. These read the analysis itself.

#[test]
fn the_ministrys_spokesman_belongs_to_the_ministry_named_before() {
    let a = parse(
        "Ghana's foreign ministry said it was concerned. \
         Kofi Mensah, the ministry's spokesman, said talks would go on.",
        None,
    );
    let kofi = a
        .actors()
        .values()
        .find(|x| x.name == "Kofi Mensah")
        .expect("Kofi Mensah is an actor");
    assert_eq!(a.side_of(kofi.id.as_str()).map(|c| c.as_str()), Some("GHA"));
}

#[test]
fn the_envoy_of_a_titled_person_takes_that_persons_side() {
    let a = parse(
        "Sergei Volkov, President Vladimir Putin's envoy for Syria, said the talks were useful.",
        None,
    );
    let volkov = a
        .actors()
        .values()
        .find(|x| x.name == "Sergei Volkov")
        .expect("Sergei Volkov is an actor");
    assert_eq!(
        a.side_of(volkov.id.as_str()).map(|c| c.as_str()),
        Some("RUS")
    );
}

// Also wrong, unchecked: 'According to a senior administration official' gives
// Biden's statement no relay.
#[test]
fn an_indefinite_description_before_a_comma_is_no_apposition() {
    let a = parse(
        "JERUSALEM - According to a senior administration official, Biden told Netanyahu \
         that the United States would not take part in a counter-strike.",
        Some("2024-04-15"),
    );
    let biden = a.actor("p.joe-biden").expect("Biden is an actor");
    assert_eq!(
        a.side_of(biden.id.as_str()).map(|c| c.as_str()),
        Some("USA")
    );
}

// Also wrong, unchecked: 'vowed to press on with the offensive' is read as an
// appeal (cue "press").
#[test]
fn forces_led_by_a_group_the_lexicon_does_not_know_take_no_side_from_context() {
    let a = parse(
        "ANKARA - Turkey's president vowed to press on with the offensive against Kurdish-led forces.",
        None,
    );
    for actor in a.actors().values() {
        if actor.name.contains("forces") {
            assert_eq!(a.side_of(actor.id.as_str()), None, "{actor:?}");
        }
    }
}

#[test]
fn a_shared_family_name_does_not_make_another_known_person() {
    let a = parse(
        "Colonel Turki al-Maliki, spokesman for the Saudi-led coalition, said the drones came from Iran.",
        None,
    );
    let names: Vec<&str> = a.actors().values().map(|x| x.name.as_str()).collect();
    assert!(names.contains(&"Turki al-Maliki"), "{names:?}");
    assert!(!names.contains(&"Nouri al-Maliki"), "{names:?}");
}

#[test]
fn a_given_name_after_a_title_must_fit_the_known_person() {
    let a = parse(
        "Turkish Justice Minister Abdulhamit Gul said the court would decide. Gul added that \
         Ankara would not bow to pressure. Russian Foreign Minister Sergey Lavrov said Moscow was ready to help.",
        None,
    );
    let names: Vec<&str> = a.actors().values().map(|x| x.name.as_str()).collect();
    assert!(names.contains(&"Abdulhamit Gul"), "{names:?}");
    assert!(
        !names.iter().any(|n| n.starts_with("Abdullah")),
        "{names:?}"
    );
    assert!(names.contains(&"Sergei Lavrov"), "{names:?}");
    let s = statements(
        "Turkish Justice Minister Abdulhamit Gul said the court would decide. Gul added that \
         Ankara would not bow to pressure.",
        None,
    );
    refuse(&s, &["Abdullah"]);
}

// Also wrong, unchecked: the second text's speaker is 'Brazil', not the
// foreign minister who closes the sentence.
#[test]
fn intensity_and_negation_of_a_condemnation() {
    let a = parse("Brazil strongly condemned Venezuela's incursion.", None);
    let st = &a.statements()[0].stances[0];
    assert_eq!(st.kind.as_str(), "condemnation");
    assert_eq!(format!("{:?}", st.intensity), "High");
    let s = statements(
        "Brazil did not condemn Venezuela, the foreign minister said.",
        None,
    );
    refuse(&s, &["condemnation BRA>"]);
}

#[test]
fn framing_labels_are_kept() {
    let a = parse(
        "Moscow called the bridge explosion a terrorist act by Kyiv, the foreign ministry said.",
        None,
    );
    let labels: Vec<&str> = a
        .statements()
        .iter()
        .flat_map(|s| &s.stances)
        .flat_map(|x| &x.labels)
        .map(|c| c.text.as_str())
        .collect();
    assert!(
        labels.iter().any(|l| l.contains("terrorist act")),
        "{labels:?}"
    );
}

// --- fragments only, because the full reading has a wrong line the test does
// not check (named above each test); a case file would enshrine it. Move each
// to tests/it/data/cases once its reading is right.

// Wrong, unchecked: the denial is aimed at Hezbollah (`denial IRN>HEZBOLLAH`);
// Iran answers whoever blamed it, not the attacker it is said to be behind.
#[test]
fn denying_an_attack_is_no_report_of_it() {
    let s = statements(
        "Hezbollah fighters attacked Israeli positions on Sunday. \
         Iran's foreign minister said on Monday that Tehran was not behind the attack by Hezbollah.",
        None,
    );
    expect(&s, &["denial IRN>"]);
    refuse(&s, &["condemnation IRN>HEZBOLLAH"]);
}

// Wrong, unchecked: `condemnation TUR>AZE` (condemning the attack on Ganja is
// aimed at its attacker, not at Azerbaijan). A case file also cannot say
// "no events", which is what this text gives.
#[test]
fn an_attack_target_stays_in_its_phrase() {
    let e = events(
        "Turkey's foreign ministry said it condemned the attack on Ganja and that Ankara would \
         stand by Azerbaijan.",
        None,
    );
    refuse(&e, &[">TUR"]);
}

// Wrong, unchecked: 'India announced the expulsion of a Canadian diplomat'
// gives a statement by India with no stance and a `sanction ? IND>-` event (the
// target, Canada, is missed); 'the assets of the Russian central bank'
// gives `retaliation JPN>-` (the target is Russia, as the event says).
#[test]
fn broken_relations_expulsions_and_frozen_assets_are_events() {
    let e = events(
        "Nicaragua broke off relations with Ecuador on Saturday. \
         India announced the expulsion of a Canadian diplomat. \
         India suspended visa services for Canadians on Thursday. \
         Japan has frozen the assets of the Russian central bank. \
         The shooting of a Sikh leader in British Columbia on March 18 strained ties.",
        Some("2024-04-08"),
    );
    expect(
        &e,
        &[
            "sanction 2024-04-06 NIC>ECU",
            "sanction 2024-04-04 IND>CAN",
            "sanction ? JPN>RUS",
        ],
    );
    // Broken relations and expulsions are diplomatic sanctions, as
    // annotators code them; the strained ties are no event.
    assert!(
        e.iter().filter(|l| l.starts_with("sanction")).count() >= 4,
        "{e:?}"
    );
    assert!(!e.iter().any(|l| l.starts_with("other")), "{e:?}");
    assert!(e.iter().any(|l| l.starts_with("attack")), "{e:?}");
}

// --- robustness and the API

// Three texts that must each open the document: one case cannot hold them.
// Also wrong, unchecked: in the third, the world leaders' appeal is read as
// Russia's (`Russia <-  [indirect] appeal RUS>-`); Russia only reports it.
#[test]
fn a_conjunction_opening_the_text_before_a_speech_cue() {
    // Once reached one token before the text's start (an overflow in debug builds).
    let _ = statements("and officials urged Iran to stop.", None);
    let _ = statements("And world leaders urged both countries to step back.", None);
    let _ = statements(
        "and world leaders urged both countries to step back, Russia said.",
        None,
    );
}

#[test]
fn a_user_can_add_a_verb_that_stops_talks() {
    let text = "Japan imposed sanctions on Russia. Russia's foreign ministry said it was \
                mothballing peace talks with Japan.";
    let before = Parser::new().parse_document("t", text, None).unwrap();
    let kinds = |a: &Analysis| -> Vec<String> {
        a.statements()
            .iter()
            .flat_map(|s| s.stances.iter().map(|x| x.kind.as_str().to_owned()))
            .collect()
    };
    assert!(kinds(&before.analysis).contains(&"negotiation".to_owned()));
    let mut lexicon = demarche::lexicon::Lexicon::builtin();
    lexicon
        .extend(demarche::lexicon::Table::Modifiers, "stop\tmothball~\n")
        .unwrap();
    let parser = Parser::with_lexicon(lexicon).unwrap();
    let after = parser.parse_document("t", text, None).unwrap();
    let k = kinds(&after.analysis);
    assert!(k.contains(&"denial".to_owned()), "{k:?}");
    assert!(!k.contains(&"negotiation".to_owned()), "{k:?}");
}

#[test]
fn a_closing_attribution_takes_the_date_its_words_open_with() {
    let a = parse(
        "South Korea on Sunday condemned the launch, the defence ministry said.",
        Some("2024-03-04"),
    );
    let dates: Vec<String> = a
        .statements()
        .iter()
        .map(|s| s.date.map_or("-".to_owned(), |d| d.to_string()))
        .collect();
    assert_eq!(dates, ["2024-03-03"]);
}

#[test]
fn the_form_of_the_text_is_reported_as_a_diagnostic() {
    use demarche::parse::DiagnosticKind;
    let forms = |text: &str| -> Vec<String> {
        Parser::new()
            .parse(text)
            .unwrap()
            .diagnostics
            .into_iter()
            .filter(|d| d.kind == DiagnosticKind::Form)
            .map(|d| d.message)
            .collect()
    };
    let transcript = "Regular Press Conference\n\nQ: Any comment?\n\nA: We oppose it.\n\nQ: And Japan?\n\nA: No comment.";
    assert_eq!(
        forms(transcript),
        ["a transcript: 4 turns opened by a speaker's label (\"Q\" first)"]
    );
    let wire = "Seoul Vows Response\n\nSEOUL, Feb 11 (Reuters) - South Korea condemned the launch.";
    assert_eq!(
        forms(wire),
        ["a dispatch with a dateline: \"SEOUL, Feb 11 (Reuters) -\""]
    );
    let blog =
        "Live updates\n\n9:10 GMT - Kenya offered talks.\n\n9:45 GMT - Egypt welcomed the offer.";
    assert_eq!(
        forms(blog),
        ["a live blog: 2 entries opened by a timestamp"]
    );
    assert!(forms("Russia condemned the strike on Kyiv.").is_empty());
}
