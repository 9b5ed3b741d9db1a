//! The filter: what a query means, built by the parser or by hand.

use std::fmt;
use std::ops;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::ast::Field;
use super::fold::{contains_folded, eq_fold, fold};
use super::names::{SideNames, names_side};
use crate::{ActorId, Analysis, QuoteKind, Stance, StanceKind, Statement};

/// Which statements, and which of their stances, to select.
///
/// A filter is a tree of [`Condition`]s joined by AND, OR and NOT. Build it
/// with the constructors and combinators here (`&`, `|` and `!` work too), or
/// parse it from the [query language](super) with [`Filter::parse`]; both
/// make the same values, and a filter prints (`Display`) as a query that
/// parses back to an equal filter.
///
/// # Matching
///
/// Conditions on `speaker`, `quote`, `via`, `date` and `text` are read on the
/// statement; conditions on `holder`, `target` and `kind` are read on one of
/// its stances. The whole filter is evaluated once per stance, with the
/// stance conditions reading that stance, so stance conditions joined by AND
/// must hold on the *same* stance: `holder:RUS kind:retaliation target:UKR`
/// selects a Russian retaliation aimed at Ukraine, not a statement with a
/// Russian appeal and a retaliation against Ukraine. A statement matches when
/// some stance satisfies the filter, and the stances that do are the ones
/// reported with it. A statement without stances is evaluated once with no
/// stance, where every stance condition is false (so `-kind:appeal` is true).
///
/// Actor conditions (`speaker`, `holder`, `target`, `via`) take one string,
/// compared without regard to case, which selects
///
/// - every actor on a side (its country or organisation code, inherited
///   through affiliation, see [`Analysis::side_of`]) that the string names:
///   by the side's code (`RUS`), by a name, alias, demonym or capital the
///   lexicon gives the side ([`SideNames`]: `Russia`, `Russian`, `Moscow`),
///   or by the id, name or alias of the actor that stands for the side (the
///   one whose id is the code in lowercase, `rus`); so `RUS`, `Russia` and
///   `Moscow` all match Russia, the Kremlin and Dmitry Peskov;
/// - and any other actor whose id, name or alias it is (`Peskov`).
///
/// [`Index::explain`](super::Index::explain) shows what each value of a query
/// selects, and warns about values that select nothing.
///
/// # Examples
///
/// ```
/// use demarche::StanceKind;
/// use demarche::query::Filter;
///
/// let built = Filter::holder("RUS") & Filter::kind(StanceKind::Retaliation) & !Filter::target("UKR");
/// let parsed: Filter = "holder:RUS kind:retaliation -target:UKR".parse().unwrap();
/// assert_eq!(built, parsed);
/// assert_eq!(built.to_string(), "holder:RUS kind:retaliation -target:UKR");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    kind: Shape,
}

/// The shape of a [`Filter`]: a condition, or operators over filters.
///
/// `And` and `Or` always hold two or more filters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Shape {
    /// One condition.
    Condition(Condition),
    /// All of these.
    And(Vec<Filter>),
    /// Any of these.
    Or(Vec<Filter>),
    /// Not this.
    Not(Box<Filter>),
}

/// One test of a statement or of one of its stances.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Condition {
    /// The speaker matches (`speaker:Peskov`).
    Speaker(String),
    /// The stance's holder matches (`holder:RUS`).
    Holder(String),
    /// The stance's target matches (`target:UKR`).
    Target(String),
    /// Some actor of the reported-by chain matches (`via:Peskov`).
    Via(String),
    /// The stance is of this kind (`kind:retaliation`).
    Kind(StanceKind),
    /// The statement is quoted this way (`quote:direct`).
    Quote(QuoteKind),
    /// The statement's date falls in these bounds (`date:2025-06-01..2025-06-30`).
    /// An undated statement is in no bounds.
    Date(DateBounds),
    /// The statement's text contains this, ignoring case (`text:"strike back"`).
    Text(String),
    /// The field has a value at all (`field:*`): the statement is relayed
    /// (`via`), dated (`date`), or the stance exists (`holder`, `kind`) and
    /// has a target (`target`). Always true for `speaker`, `quote` and `text`.
    Exists(Field),
}

impl Condition {
    /// The field the condition reads.
    pub fn field(&self) -> Field {
        match self {
            Condition::Speaker(_) => Field::Speaker,
            Condition::Holder(_) => Field::Holder,
            Condition::Target(_) => Field::Target,
            Condition::Via(_) => Field::Via,
            Condition::Kind(_) => Field::Kind,
            Condition::Quote(_) => Field::Quote,
            Condition::Date(_) => Field::Date,
            Condition::Text(_) => Field::Text,
            Condition::Exists(f) => *f,
        }
    }
}

/// The earliest date a filter can name: 0000-01-01.
pub(crate) fn min_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(0, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The latest date a filter can name: 9999-12-31.
pub(crate) fn max_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// An inclusive range of days, open at one end or none: the bounds of a
/// `date` condition.
///
/// Bounds are clamped to the years 0000 to 9999, the dates a query can
/// write, and the start is never after the end.
///
/// # Examples
///
/// ```
/// use demarche::chrono::NaiveDate;
/// use demarche::query::DateBounds;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let june = DateBounds::between(d(6, 30), d(6, 1));
/// assert_eq!(june.start(), Some(d(6, 1)));
/// assert!(june.contains(d(6, 15)));
/// assert_eq!(june.to_string(), "2025-06-01..2025-06-30");
/// assert_eq!(DateBounds::since(d(6, 1)).to_string(), "2025-06-01..");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateBounds {
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

impl DateBounds {
    fn clamp(d: NaiveDate) -> NaiveDate {
        d.clamp(min_date(), max_date())
    }

    /// One day.
    pub fn on(day: NaiveDate) -> DateBounds {
        DateBounds::between(day, day)
    }

    /// From `start` to `end`, both included; swapped if `end` is earlier.
    pub fn between(start: NaiveDate, end: NaiveDate) -> DateBounds {
        let (a, b) = (DateBounds::clamp(start), DateBounds::clamp(end));
        DateBounds {
            start: Some(a.min(b)),
            end: Some(a.max(b)),
        }
    }

    /// From `start` on.
    pub fn since(start: NaiveDate) -> DateBounds {
        DateBounds {
            start: Some(DateBounds::clamp(start)),
            end: None,
        }
    }

    /// Up to `end`, included.
    pub fn until(end: NaiveDate) -> DateBounds {
        DateBounds {
            start: None,
            end: Some(DateBounds::clamp(end)),
        }
    }

    /// The first day, if bounded below.
    pub fn start(&self) -> Option<NaiveDate> {
        self.start
    }

    /// The last day, if bounded above.
    pub fn end(&self) -> Option<NaiveDate> {
        self.end
    }

    /// Whether `date` is within the bounds.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= date) && self.end.is_none_or(|e| date <= e)
    }
}

impl fmt::Display for DateBounds {
    /// The bounds as a query writes them: `2025-06-01`, `2025-06-01..2025-06-30`,
    /// `2025-06-01..` or `..2025-06-30`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.start, self.end) {
            (Some(s), Some(e)) if s == e => write!(f, "{s}"),
            (Some(s), Some(e)) => write!(f, "{s}..{e}"),
            (Some(s), None) => write!(f, "{s}.."),
            (None, Some(e)) => write!(f, "..{e}"),
            (None, None) => write!(f, ".."),
        }
    }
}

impl Filter {
    /// A filter of this shape, for the translation (which gives `And` and
    /// `Or` two or more filters, as the syntax tree does).
    pub(crate) fn from_shape(shape: Shape) -> Filter {
        Filter { kind: shape }
    }

    /// A filter of one condition.
    pub fn condition(condition: Condition) -> Filter {
        Filter {
            kind: Shape::Condition(condition),
        }
    }

    /// Statements made by a matching actor or side.
    pub fn speaker(who: impl Into<String>) -> Filter {
        Filter::condition(Condition::Speaker(who.into()))
    }

    /// Stances held by a matching actor or side.
    pub fn holder(who: impl Into<String>) -> Filter {
        Filter::condition(Condition::Holder(who.into()))
    }

    /// Stances aimed at a matching actor or side.
    pub fn target(who: impl Into<String>) -> Filter {
        Filter::condition(Condition::Target(who.into()))
    }

    /// Statements relayed by a matching actor or side.
    pub fn via(who: impl Into<String>) -> Filter {
        Filter::condition(Condition::Via(who.into()))
    }

    /// Stances of this kind.
    pub fn kind(kind: StanceKind) -> Filter {
        Filter::condition(Condition::Kind(kind))
    }

    /// Statements quoted this way.
    pub fn quote(quote: QuoteKind) -> Filter {
        Filter::condition(Condition::Quote(quote))
    }

    /// Statements that are relayed (`true`: `via:*`) or reported directly
    /// (`false`: `-via:*`).
    pub fn relayed(relayed: bool) -> Filter {
        let f = Filter::condition(Condition::Exists(Field::Via));
        if relayed { f } else { !f }
    }

    /// Statements dated within `bounds`.
    pub fn date(bounds: DateBounds) -> Filter {
        Filter::condition(Condition::Date(bounds))
    }

    /// Statements made on this day.
    pub fn on(day: NaiveDate) -> Filter {
        Filter::date(DateBounds::on(day))
    }

    /// Statements made from `start` to `end`, both included.
    pub fn between(start: NaiveDate, end: NaiveDate) -> Filter {
        Filter::date(DateBounds::between(start, end))
    }

    /// Statements whose text contains `text`, ignoring case.
    pub fn text(text: impl Into<String>) -> Filter {
        Filter::condition(Condition::Text(text.into()))
    }

    /// Statements or stances that have the field at all (`field:*`); see
    /// [`Condition::Exists`].
    pub fn exists(field: Field) -> Filter {
        Filter::condition(Condition::Exists(field))
    }

    /// Both this and `other`.
    pub fn and(self, other: Filter) -> Filter {
        join(self, other, true)
    }

    /// This or `other`.
    pub fn or(self, other: Filter) -> Filter {
        join(self, other, false)
    }

    /// All of the filters; `None` if there are none.
    pub fn all_of(filters: impl IntoIterator<Item = Filter>) -> Option<Filter> {
        filters.into_iter().reduce(Filter::and)
    }

    /// Any of the filters; `None` if there are none.
    pub fn any_of(filters: impl IntoIterator<Item = Filter>) -> Option<Filter> {
        filters.into_iter().reduce(Filter::or)
    }

    /// The filter's shape.
    pub fn shape(&self) -> &Shape {
        &self.kind
    }

    /// Whether the statement matches: see [`matched_stances`](Filter::matched_stances).
    pub fn matches(&self, analysis: &Analysis, statement: &Statement) -> bool {
        let cx = Context {
            analysis,
            names: SideNames::builtin(),
        };
        if statement.stances.is_empty() {
            return self.eval(&cx, statement, None);
        }
        statement
            .stances
            .iter()
            .any(|s| self.eval(&cx, statement, Some(s)))
    }

    /// The indexes of the statement's stances that satisfy the filter, or
    /// `None` if the statement does not match. A statement without stances
    /// that matches gives an empty list.
    ///
    /// This reads the statement directly, resolving actors through
    /// `analysis`, with no index: right for one article, or for checking the
    /// results of an [`Index`](super::Index), which gives the same answers
    /// fast over a corpus. Names of sides come from the built-in lexicon
    /// ([`SideNames::builtin`]); [`matched_stances_with`](Filter::matched_stances_with)
    /// takes others.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::{Cue, Span, Stance, StanceKind, Statement};
    /// use demarche::query::Filter;
    ///
    /// let analysis = demarche::Analysis::new();
    /// let cue = Cue::new("x", Span::new(0, 1));
    /// let st = Statement::new("doc", "rus", Span::new(0, 1), "x")
    ///     .with_stance(Stance::new(StanceKind::Condemnation, "rus", cue.clone()).with_target("ukr"))
    ///     .with_stance(Stance::new(StanceKind::Negotiation, "rus", cue).with_target("ukr"));
    /// let f = Filter::parse("holder:rus -kind:condemnation").unwrap();
    /// assert_eq!(f.matched_stances(&analysis, &st), Some(vec![1]));
    /// ```
    pub fn matched_stances(
        &self,
        analysis: &Analysis,
        statement: &Statement,
    ) -> Option<Vec<usize>> {
        self.matched_stances_with(analysis, SideNames::builtin(), statement)
    }

    /// [`matched_stances`](Filter::matched_stances), with the names of sides
    /// taken from `names` (made from a user's lexicon, as for
    /// [`Index::with_lexicon`](super::Index::with_lexicon)).
    pub fn matched_stances_with(
        &self,
        analysis: &Analysis,
        names: &SideNames,
        statement: &Statement,
    ) -> Option<Vec<usize>> {
        let cx = Context { analysis, names };
        if statement.stances.is_empty() {
            return self.eval(&cx, statement, None).then(Vec::new);
        }
        let matched: Vec<usize> = statement
            .stances
            .iter()
            .enumerate()
            .filter(|(_, s)| self.eval(&cx, statement, Some(s)))
            .map(|(i, _)| i)
            .collect();
        (!matched.is_empty()).then_some(matched)
    }

    fn eval(&self, cx: &Context<'_>, st: &Statement, stance: Option<&Stance>) -> bool {
        match &self.kind {
            Shape::Condition(c) => eval_condition(c, cx, st, stance),
            Shape::And(fs) => fs.iter().all(|f| f.eval(cx, st, stance)),
            Shape::Or(fs) => fs.iter().any(|f| f.eval(cx, st, stance)),
            Shape::Not(f) => !f.eval(cx, st, stance),
        }
    }

    /// Whether printing this filter as a child of an AND needs parentheses.
    fn is_sequence(&self) -> bool {
        matches!(self.kind, Shape::And(_) | Shape::Or(_))
    }
}

fn join(a: Filter, b: Filter, and: bool) -> Filter {
    let take = |f: Filter, out: &mut Vec<Filter>| match f.kind {
        Shape::And(fs) if and => out.extend(fs),
        Shape::Or(fs) if !and => out.extend(fs),
        kind => out.push(Filter { kind }),
    };
    let mut all = Vec::new();
    take(a, &mut all);
    take(b, &mut all);
    Filter {
        kind: if and { Shape::And(all) } else { Shape::Or(all) },
    }
}

/// What the index-free evaluation reads besides the statement.
struct Context<'c> {
    analysis: &'c Analysis,
    names: &'c SideNames,
}

impl Context<'_> {
    /// Whether the actor `id` matches `who`: by id, name or alias, or by a
    /// side that `who` names (see [`Filter`]).
    fn actor_matches(&self, id: &ActorId, who: &str) -> bool {
        let a = self.analysis;
        eq_fold(id.as_str(), who)
            || a.actor(id)
                .is_some_and(|x| x.names().any(|n| eq_fold(n, who)))
            || a.side_of(id)
                .is_some_and(|side| names_side(a, self.names, side, who))
    }
}

fn eval_condition(
    c: &Condition,
    cx: &Context<'_>,
    st: &Statement,
    stance: Option<&Stance>,
) -> bool {
    let actor_matches = |id: &ActorId, who: &str| cx.actor_matches(id, who);
    match c {
        Condition::Speaker(who) => actor_matches(&st.speaker, who),
        Condition::Via(who) => st.reported_by.iter().any(|r| actor_matches(r, who)),
        Condition::Holder(who) => stance.is_some_and(|s| actor_matches(&s.holder, who)),
        Condition::Target(who) => {
            stance.is_some_and(|s| s.target.as_ref().is_some_and(|t| actor_matches(t, who)))
        }
        Condition::Kind(k) => stance.is_some_and(|s| s.kind == *k),
        Condition::Quote(q) => st.quote == *q,
        Condition::Date(b) => st.date.is_some_and(|d| b.contains(d)),
        Condition::Text(t) => contains_folded(&st.text, &fold(t)),
        Condition::Exists(field) => match field {
            Field::Speaker | Field::Quote | Field::Text => true,
            Field::Holder | Field::Kind => stance.is_some(),
            Field::Target => stance.is_some_and(|s| s.target.is_some()),
            Field::Via => st.is_relayed(),
            Field::Date => st.date.is_some(),
        },
    }
}

impl ops::BitAnd for Filter {
    type Output = Filter;
    /// `a & b` is [`a.and(b)`](Filter::and).
    fn bitand(self, other: Filter) -> Filter {
        self.and(other)
    }
}

impl ops::BitOr for Filter {
    type Output = Filter;
    /// `a | b` is [`a.or(b)`](Filter::or).
    fn bitor(self, other: Filter) -> Filter {
        self.or(other)
    }
}

impl ops::Not for Filter {
    type Output = Filter;
    /// `!a` selects what `a` does not (on the same stance; see [`Filter`]).
    fn not(self) -> Filter {
        Filter {
            kind: Shape::Not(Box::new(self)),
        }
    }
}

/// Whether a value must be quoted to read back as itself.
fn needs_quotes(value: &str) -> bool {
    value.is_empty()
        || value == "*"
        || value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '(' | ')' | '"' | '\\'))
}

/// A value as a query writes it: quoted and escaped where it needs to be,
/// so that it reads back as itself.
pub(crate) struct QueryValue<'v>(pub(crate) &'v str);

impl fmt::Display for QueryValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_value(f, self.0)
    }
}

fn write_value(f: &mut fmt::Formatter<'_>, value: &str) -> fmt::Result {
    if !needs_quotes(value) {
        return f.write_str(value);
    }
    f.write_str("\"")?;
    for c in value.chars() {
        if c == '"' || c == '\\' {
            f.write_str("\\")?;
        }
        write!(f, "{c}")?;
    }
    f.write_str("\"")
}

impl fmt::Display for Condition {
    /// The condition as a query term: `field:value`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.field())?;
        match self {
            Condition::Speaker(s)
            | Condition::Holder(s)
            | Condition::Target(s)
            | Condition::Via(s)
            | Condition::Text(s) => write_value(f, s),
            Condition::Kind(k) => f.write_str(k.as_str()),
            Condition::Quote(q) => f.write_str(q.as_str()),
            Condition::Date(b) => write!(f, "{b}"),
            Condition::Exists(_) => f.write_str("*"),
        }
    }
}

impl fmt::Display for Filter {
    /// The filter as a query in canonical form, which parses back to an
    /// equal filter: conditions as `field:value`, AND as a space, `OR`,
    /// `-` for NOT, and parentheses only where the structure needs them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Shape::Condition(c) => write!(f, "{c}"),
            // `--a`, not `-(-a)`: the printed query nests no deeper than
            // the one parsed, so it parses back under the same nest limit.
            Shape::Not(x) => match &x.kind {
                Shape::Condition(_) | Shape::Not(_) => write!(f, "-{x}"),
                _ => write!(f, "-({x})"),
            },
            Shape::And(xs) => {
                for (i, x) in xs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    if x.is_sequence() {
                        write!(f, "({x})")?;
                    } else {
                        write!(f, "{x}")?;
                    }
                }
                Ok(())
            }
            Shape::Or(xs) => {
                for (i, x) in xs.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" OR ")?;
                    }
                    if matches!(x.kind, Shape::Or(_)) {
                        write!(f, "({x})")?;
                    } else {
                        write!(f, "{x}")?;
                    }
                }
                Ok(())
            }
        }
    }
}

impl Serialize for Filter {
    /// A filter serializes as its query string.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extreme_dates_are_clamped_and_print_back() {
        let b = DateBounds::between(NaiveDate::MIN, NaiveDate::MAX);
        assert_eq!(b.to_string(), "0000-01-01..9999-12-31");
        let f = Filter::date(b);
        assert_eq!(Filter::parse(&f.to_string()).unwrap(), f);
    }

    #[test]
    fn join_flattens_only_the_same_operator() {
        let a = Filter::text("a");
        let f = a.clone().and(a.clone()).and(a.clone().or(a.clone()));
        match f.shape() {
            Shape::And(xs) => {
                assert_eq!(xs.len(), 3);
                assert!(matches!(xs[2].shape(), Shape::Or(_)));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(f.to_string(), "text:a text:a (text:a OR text:a)");
    }

    #[test]
    fn values_are_quoted_when_needed() {
        for (v, printed) in [
            ("Peskov", "speaker:Peskov"),
            ("Dmitry Peskov", r#"speaker:"Dmitry Peskov""#),
            ("", r#"speaker:"""#),
            ("*", r#"speaker:"*""#),
            (r#"a"b\c"#, r#"speaker:"a\"b\\c""#),
            ("a:b", "speaker:a:b"),
            ("(x)", r#"speaker:"(x)""#),
            ("OR", "speaker:OR"),
            ("-x", "speaker:-x"),
        ] {
            let f = Filter::speaker(v);
            assert_eq!(f.to_string(), printed);
            assert_eq!(Filter::parse(printed).unwrap(), f, "{printed}");
        }
    }
}
