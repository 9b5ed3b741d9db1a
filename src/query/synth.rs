//! A deterministic synthetic corpus, for benches, tests and doc examples.
//!
//! Not part of the stable API: it exists so the query benches and tests can
//! share one generator. [`corpus`] makes an [`Analysis`] of any size from a
//! seed; the same size and seed always give the same analysis. It has about
//! forty sides (states, organisations, armed groups), each with a state or
//! organisation actor, a foreign ministry and presidency, and people
//! affiliated to them, plus a few media actors with no side; statements
//! spread over 2024 and 2025 with skewed speakers (a few sides and people
//! speak much more than the rest), relays, quote kinds, zero to three
//! stances each, and short English texts whose cue spans are exact.

use std::mem::size_of;

use chrono::{Days, NaiveDate};

use crate::{
    Actor, ActorId, ActorKind, Analysis, CountryCode, Cue, Document, Intensity, Modality,
    QuoteKind, Role, Span, Stance, StanceKind, Statement, When,
};

/// SplitMix64: small, fast, and the same everywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `p` percent.
    pub fn percent(&mut self, p: u32) -> bool {
        self.below(100) < p as usize
    }

    /// An index drawn with the given weights.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len().saturating_sub(1)
    }

    /// An index in `0..n`, small ones much likelier (about Zipf's law).
    pub fn skewed(&mut self, n: usize) -> usize {
        // The square of a uniform draw favours the start.
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n.max(1)
    }
}

/// The sides of the corpus: code, name, the seat used for its government,
/// and the actor kind of its principal.
pub const SIDES: &[(&str, &str, &str, ActorKind)] = &[
    ("RUS", "Russia", "Moscow", ActorKind::State),
    ("UKR", "Ukraine", "Kyiv", ActorKind::State),
    ("USA", "United States", "Washington", ActorKind::State),
    ("CHN", "China", "Beijing", ActorKind::State),
    ("ISR", "Israel", "Jerusalem", ActorKind::State),
    ("IRN", "Iran", "Tehran", ActorKind::State),
    (
        "UN",
        "United Nations",
        "New York",
        ActorKind::InternationalOrganization,
    ),
    (
        "EU",
        "European Union",
        "Brussels",
        ActorKind::InternationalOrganization,
    ),
    ("GBR", "United Kingdom", "London", ActorKind::State),
    ("FRA", "France", "Paris", ActorKind::State),
    ("DEU", "Germany", "Berlin", ActorKind::State),
    ("TUR", "Turkey", "Ankara", ActorKind::State),
    (
        "NATO",
        "NATO",
        "the Alliance",
        ActorKind::InternationalOrganization,
    ),
    ("HAMAS", "Hamas", "Gaza", ActorKind::ArmedGroup),
    ("IND", "India", "New Delhi", ActorKind::State),
    ("PAK", "Pakistan", "Islamabad", ActorKind::State),
    ("JPN", "Japan", "Tokyo", ActorKind::State),
    ("KOR", "South Korea", "Seoul", ActorKind::State),
    ("PRK", "North Korea", "Pyongyang", ActorKind::State),
    ("SAU", "Saudi Arabia", "Riyadh", ActorKind::State),
    ("QAT", "Qatar", "Doha", ActorKind::State),
    ("EGY", "Egypt", "Cairo", ActorKind::State),
    ("SYR", "Syria", "Damascus", ActorKind::State),
    ("BLR", "Belarus", "Minsk", ActorKind::State),
    ("POL", "Poland", "Warsaw", ActorKind::State),
    ("VEN", "Venezuela", "Caracas", ActorKind::State),
    ("GUY", "Guyana", "Georgetown", ActorKind::State),
    ("PHL", "Philippines", "Manila", ActorKind::State),
    ("VNM", "Vietnam", "Hanoi", ActorKind::State),
    ("AZE", "Azerbaijan", "Baku", ActorKind::State),
    ("ARM", "Armenia", "Yerevan", ActorKind::State),
    ("SRB", "Serbia", "Belgrade", ActorKind::State),
    ("XKX", "Kosovo", "Pristina", ActorKind::State),
    ("BRA", "Brazil", "Brasilia", ActorKind::State),
    (
        "IAEA",
        "IAEA",
        "Vienna",
        ActorKind::InternationalOrganization,
    ),
    (
        "AU",
        "African Union",
        "Addis Ababa",
        ActorKind::InternationalOrganization,
    ),
    ("G7", "G7", "the G7", ActorKind::InternationalOrganization),
    ("HEZBOLLAH", "Hezbollah", "Beirut", ActorKind::ArmedGroup),
    ("HOUTHIS", "Houthis", "Sanaa", ActorKind::ArmedGroup),
];

const FIRST: &[&str] = &[
    "Dmitry",
    "Anna",
    "Sergei",
    "Maria",
    "Olena",
    "Antony",
    "Wang",
    "Mao",
    "Ali",
    "Yoav",
    "Karin",
    "Jean",
    "Olaf",
    "Hakan",
    "Subrahmanyam",
    "Yoko",
    "Park",
    "Faisal",
    "Sameh",
    "Irfan",
];
const LAST: &[&str] = &[
    "Peskova",
    "Volkov",
    "Lindqvist",
    "Moreau",
    "Okafor",
    "Tanaka",
    "Haddad",
    "Kowalski",
    "Rossi",
    "Nakamura",
    "Silva",
    "Demir",
    "Ivanenko",
    "Schulz",
    "Khan",
    "Cohen",
    "Rahimi",
    "Chen",
];

/// People per side.
const PEOPLE: usize = 6;

/// What a stance of each kind says, in the statement's text.
fn phrase(kind: StanceKind) -> &'static str {
    match kind {
        StanceKind::Retaliation => "will strike back at",
        StanceKind::Negotiation => "remains open to talks with",
        StanceKind::Condemnation => "strongly condemned",
        StanceKind::Appeal => "urged restraint from",
        StanceKind::Denial => "rejected the claims of",
        StanceKind::Support => "expressed solidarity with",
    }
}

fn id_of(code: &str, suffix: &str) -> String {
    let base = code.to_ascii_lowercase();
    if suffix.is_empty() {
        base
    } else {
        format!("{base}.{suffix}")
    }
}

/// The actors of side `s`: principal, ministry, presidency, then people.
fn side_actors(s: usize) -> Vec<String> {
    let code = SIDES[s].0;
    let mut ids = vec![
        id_of(code, ""),
        id_of(code, "mfa"),
        id_of(code, "presidency"),
    ];
    ids.extend((0..PEOPLE).map(|p| id_of(code, &format!("person-{p}"))));
    ids
}

fn add_actors(a: &mut Analysis) {
    for (s, &(code, name, seat, kind)) in SIDES.iter().enumerate() {
        let ids = side_actors(s);
        let code = CountryCode::new(code).unwrap_or_else(|_| unreachable!("valid code"));
        a.add_actor(
            Actor::new(ids[0].as_str(), name, kind)
                .with_country(code)
                .with_alias(seat),
        );
        a.add_actor(
            Actor::new(
                ids[1].as_str(),
                format!("{name} Foreign Ministry"),
                ActorKind::Institution,
            )
            .with_affiliation(ids[0].as_str()),
        );
        a.add_actor(
            Actor::new(
                ids[2].as_str(),
                format!("{name} Presidency"),
                ActorKind::Institution,
            )
            .with_affiliation(ids[0].as_str()),
        );
        for p in 0..PEOPLE {
            let first = FIRST[(s * 7 + p * 3) % FIRST.len()];
            let last = LAST[(s * 5 + p * 11) % LAST.len()];
            let parent = &ids[1 + p % 2];
            a.add_actor(
                Actor::new(
                    ids[3 + p].as_str(),
                    format!("{first} {last} {s}-{p}"),
                    ActorKind::Person,
                )
                .with_alias(format!("{last} {s}-{p}"))
                .with_affiliation(parent.as_str())
                .with_role(
                    Role::new(if p % 2 == 0 {
                        "spokesperson"
                    } else {
                        "minister"
                    })
                    .in_organization(parent.as_str()),
                ),
            );
        }
    }
    for m in 0..4 {
        a.add_actor(Actor::new(
            format!("media.outlet-{m}"),
            format!("Outlet {m} News"),
            ActorKind::Media,
        ));
    }
}

/// A corpus of `statements` statements, generated from `seed`.
///
/// # Examples
///
/// ```
/// use demarche::query::synth;
///
/// let a = synth::corpus(500, 42);
/// assert_eq!(a.statements().len(), 500);
/// assert_eq!(a, synth::corpus(500, 42));
/// assert!(a.validate().is_ok());
/// ```
pub fn corpus(statements: usize, seed: u64) -> Analysis {
    let mut rng = Rng::new(seed);
    let mut a = Analysis::new();
    add_actors(&mut a);
    let sides = SIDES.len();
    let names: Vec<Vec<(String, String)>> = (0..sides)
        .map(|s| {
            side_actors(s)
                .into_iter()
                .map(|id| {
                    let name = a.actor(&id).map(|x| x.name.clone()).unwrap_or_default();
                    (id, name)
                })
                .collect()
        })
        .collect();
    let first_day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let per_doc = 20;
    let mut made = 0;
    let mut doc_no = 0;
    while made < statements {
        let doc_id = format!("doc-{doc_no:07}");
        doc_no += 1;
        let doc_date = first_day
            .checked_add_days(Days::new(rng.below(731) as u64))
            .unwrap_or(first_day);
        let mut offset = 0;
        let n = per_doc.min(statements - made);
        let mut batch = Vec::with_capacity(n);
        for _ in 0..n {
            let st = statement(&mut rng, &names, &doc_id, doc_date, offset);
            offset = st.span.end + 1;
            batch.push(st);
        }
        let _ = a.add_document(Document::new(doc_id.as_str(), offset).with_date(doc_date));
        for st in batch {
            a.add_statement(st);
        }
        made += n;
    }
    a
}

fn statement(
    rng: &mut Rng,
    names: &[Vec<(String, String)>],
    doc: &str,
    doc_date: NaiveDate,
    offset: usize,
) -> Statement {
    let side = rng.skewed(names.len());
    let actors = &names[side];
    let media = rng.percent(2);
    let (speaker_id, speaker_name) = if media {
        let m = rng.below(4);
        (format!("media.outlet-{m}"), format!("Outlet {m} News"))
    } else {
        let who = match rng.weighted(&[25, 25, 50]) {
            0 => 0,
            1 => 1 + rng.below(2),
            _ => 3 + rng.skewed(PEOPLE),
        };
        actors[who].clone()
    };
    let mut text = format!("{speaker_name} said that");
    let mut stances = Vec::new();
    let n_stances = rng.weighted(&[15, 55, 25, 5]);
    for _ in 0..n_stances {
        let kind = StanceKind::ALL[rng.weighted(&[20, 20, 25, 15, 10, 10])];
        let (holder_id, holder_name) = if media || rng.percent(50) {
            (speaker_id.clone(), speaker_name.clone())
        } else {
            actors[0].clone()
        };
        let target = if rng.percent(85) {
            let mut t = rng.skewed(names.len());
            if t == side {
                t = (t + 1) % names.len();
            }
            let who = if rng.percent(10) {
                3 + rng.below(PEOPLE)
            } else {
                0
            };
            Some(names[t][who].clone())
        } else {
            None
        };
        text.push(' ');
        text.push_str(&holder_name);
        text.push(' ');
        let cue_start = offset + text.len();
        let words = phrase(kind);
        text.push_str(words);
        let cue = Cue::new(words, Span::new(cue_start, cue_start + words.len()));
        text.push(' ');
        text.push_str(target.as_ref().map_or("everyone", |t| t.1.as_str()));
        text.push(';');
        let mut stance = Stance::new(kind, holder_id, cue);
        if let Some((t, _)) = target {
            stance = stance.with_target(t);
        }
        match rng.below(20) {
            0 => stance = stance.with_modality(Modality::Negated),
            1 => stance = stance.with_modality(Modality::Conditional),
            _ => {}
        }
        if rng.percent(10) {
            stance = stance.with_intensity(Intensity::High);
        }
        stances.push(stance);
    }
    if stances.is_empty() {
        text.push_str(" it would not comment;");
    }
    text.pop();
    text.push('.');
    let mut st = Statement::new(
        doc,
        speaker_id.as_str(),
        Span::new(offset, offset + text.len()),
        text,
    );
    st.quote = QuoteKind::ALL[rng.weighted(&[30, 50, 10, 10])];
    if !media && rng.percent(12) {
        let relay = &actors[1 + rng.below(actors.len() - 1)].0;
        if *relay != speaker_id {
            st = st.reported_by(relay.as_str());
        }
        if rng.percent(15) {
            st = st.reported_by(format!("media.outlet-{}", rng.below(4)));
        }
    }
    if rng.percent(92) {
        let back = rng.below(3) as u64;
        let date = doc_date
            .checked_sub_days(Days::new(back))
            .unwrap_or(doc_date);
        st = st.with_date(When::exact(date), Some(date));
    }
    st.stances = stances;
    st
}

fn string(s: &str) -> usize {
    s.len()
}

fn id(s: &ActorId) -> usize {
    s.as_str().len()
}

/// An estimate of the bytes an analysis holds on the heap: the capacity of
/// every vector and the length of every string it owns (allocator overhead
/// not included).
pub fn heap_size(a: &Analysis) -> usize {
    let docs = std::mem::size_of_val(a.documents())
        + a.documents()
            .iter()
            .map(|d| {
                d.id.as_str().len()
                    + d.title.as_deref().map_or(0, string)
                    + d.source.as_deref().map_or(0, string)
            })
            .sum::<usize>();
    let actors = a.actors().len() * (size_of::<(ActorId, Actor)>() + 2 * size_of::<usize>())
        + a.actors()
            .iter()
            .map(|(k, x)| {
                id(k)
                    + id(&x.id)
                    + x.name.len()
                    + x.aliases.capacity() * size_of::<String>()
                    + x.aliases.iter().map(|s| s.len()).sum::<usize>()
                    + x.country.as_ref().map_or(0, |c| c.as_str().len())
                    + x.affiliation.as_ref().map_or(0, id)
                    + x.roles.capacity() * size_of::<Role>()
                    + x.roles
                        .iter()
                        .map(|r| r.title.len() + r.organization.as_ref().map_or(0, id))
                        .sum::<usize>()
            })
            .sum::<usize>();
    let statements = std::mem::size_of_val(a.statements())
        + a.statements()
            .iter()
            .map(|s| {
                s.document.as_str().len()
                    + id(&s.speaker)
                    + s.reported_by.capacity() * size_of::<ActorId>()
                    + s.reported_by.iter().map(id).sum::<usize>()
                    + s.text.capacity()
                    + s.attribution.as_ref().map_or(0, |c| c.text.capacity())
                    + s.stances.capacity() * size_of::<Stance>()
                    + s.stances
                        .iter()
                        .map(|x| {
                            id(&x.holder)
                                + x.target.as_ref().map_or(0, id)
                                + x.cue.text.capacity()
                                + x.labels.capacity() * size_of::<Cue>()
                                + x.labels.iter().map(|l| l.text.capacity()).sum::<usize>()
                                + x.cameo.as_ref().map_or(0, |c| c.capacity())
                        })
                        .sum::<usize>()
            })
            .sum::<usize>();
    let events = std::mem::size_of_val(a.events())
        + a.events()
            .iter()
            .map(|e| {
                e.document.as_str().len()
                    + e.initiator.as_ref().map_or(0, id)
                    + e.target.as_ref().map_or(0, id)
                    + e.participants.capacity() * size_of::<ActorId>()
                    + e.participants.iter().map(id).sum::<usize>()
                    + e.cue.text.capacity()
                    + e.description.capacity()
            })
            .sum::<usize>();
    docs + actors + statements + events
}
