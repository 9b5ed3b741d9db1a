//! What a query means over an index: each term with what it selects, and
//! warnings for slips that parse but select something else than meant.

use std::fmt;

use serde::{Serialize, Serializer};

use super::ast::{Ast, Term};
use super::error::{QueryError, QueryWarning, QueryWarningKind, column_of, line_of};
use super::filter::{Condition, Filter};
use super::index::Index;
use super::lint::lint;
use super::parser::QueryParser;
use super::translate::{translate, translate_term};
use crate::{ActorId, CountryCode, Span};

/// What a query means over one index: the filter, each term with what it
/// selects, and warnings.
///
/// Made by [`Index::explain`]. Every term of the query is listed in order
/// ([`terms`](Explanation::terms)): an actor value (`holder:"United
/// States"`) with the sides and actors it selects in this analysis, a bare
/// word with the text search it is, and any other term with the condition it
/// reads as. The [`warnings`](Explanation::warnings) point at slips that
/// parse but probably do not say what was meant, each with its column: a
/// lowercase `or`, `and` or `not` between terms (a word of the text, not an
/// operator), an actor value followed by capitalised words (`target:United
/// States`, a name cut in two), and an actor value that selects no actor of
/// the analysis. The explanation serializes (serde) as an object with the
/// query, the filter, the terms and the warnings.
///
/// # Examples
///
/// ```
/// use demarche::query::{Index, QueryWarningKind};
/// use demarche::Parser;
///
/// let text = "The White House condemned the attack. Russia urged restraint.";
/// let parsed = Parser::new().parse_document("a1", text, None)?;
/// let index = Index::new(&parsed.analysis);
///
/// let ex = index.explain("holder:American kind:condemnation or kind:appeal")?;
/// // The demonym names the side: every actor on it, the White House included.
/// let holder = ex.terms()[0].actors.as_ref().unwrap();
/// assert_eq!(holder.sides[0], "USA");
/// assert_eq!(holder.to_string(), "side USA");
/// // The lowercase "or" is a word searched for in the text.
/// assert_eq!(ex.terms()[2].condition.to_string(), "text:or");
/// assert!(ex.terms()[2].bare);
/// let w = &ex.warnings()[0];
/// assert!(matches!(w.kind(), QueryWarningKind::LowercaseOperator { .. }));
/// assert_eq!(w.column(), 35);
/// assert_eq!(index.search(ex.filter()).len(), 0);
///
/// // A name cut in two, and a value that selects no one.
/// let ex = index.explain("holder:Rusia target:United States")?;
/// let columns: Vec<usize> = ex.warnings().iter().map(|w| w.column()).collect();
/// assert_eq!(columns, [1, 14, 28]);
/// print!("{ex}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    query: String,
    filter: Filter,
    terms: Vec<ResolvedTerm>,
    warnings: Vec<QueryWarning>,
}

/// One term of an [`Explanation`] and what it means.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ResolvedTerm {
    /// The term as written.
    pub text: String,
    /// Where it is in the query (UTF-8 byte offsets).
    pub span: Span,
    /// The line it starts on, from 1.
    pub line: usize,
    /// The column it starts at, from 1, in characters.
    pub column: usize,
    /// What it reads as; a bare word or phrase is a `text` condition. In
    /// JSON, the condition as a query term (`text:or`).
    #[serde(serialize_with = "as_query_term")]
    pub condition: Condition,
    /// Whether it was written without a field: a word or quoted phrase
    /// searched for in the statement's text.
    pub bare: bool,
    /// For a `speaker`, `holder`, `target` or `via` value (not `field:*`):
    /// what it selects in the analysis.
    pub actors: Option<ActorMatch>,
}

/// What an actor value of a query selects in an analysis: whole sides, and
/// actors one by one.
///
/// A value selects a side when it is the side's code, a name, alias,
/// demonym or capital of it (see [`SideNames`](super::SideNames)), or a name
/// of the actor that stands for the side; it selects an actor when it is the
/// actor's id, name or alias. Actors on a selected side are not listed
/// again. Both lists empty: the value selects nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ActorMatch {
    /// The sides selected whole: every actor on them.
    pub sides: Vec<CountryCode>,
    /// The actors selected one by one, outside those sides.
    pub actors: Vec<ActorId>,
}

impl ActorMatch {
    /// Whether the value selects nothing.
    pub fn is_empty(&self) -> bool {
        self.sides.is_empty() && self.actors.is_empty()
    }
}

impl fmt::Display for ActorMatch {
    /// `side USA`, `sides RUS, UKR`, `actor p.dmitry-peskov`, `side UN and
    /// actor p.x`, or `nothing`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list<T: fmt::Display>(
            f: &mut fmt::Formatter<'_>,
            one: &str,
            many: &str,
            items: &[T],
        ) -> fmt::Result {
            f.write_str(if items.len() == 1 { one } else { many })?;
            for (i, x) in items.iter().enumerate() {
                f.write_str(if i == 0 { " " } else { ", " })?;
                write!(f, "{x}")?;
            }
            Ok(())
        }
        if self.is_empty() {
            return f.write_str("nothing");
        }
        if !self.sides.is_empty() {
            list(f, "side", "sides", &self.sides)?;
        }
        if !self.actors.is_empty() {
            if !self.sides.is_empty() {
                f.write_str(" and ")?;
            }
            list(f, "actor", "actors", &self.actors)?;
        }
        Ok(())
    }
}

fn as_query_term<S: Serializer>(c: &Condition, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(c)
}

impl Explanation {
    /// The query, as given.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The filter the query means: what [`Index::search`] takes.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// The terms, in the order of the query.
    pub fn terms(&self) -> &[ResolvedTerm] {
        &self.terms
    }

    /// The warnings, in the order of the query.
    pub fn warnings(&self) -> &[QueryWarning] {
        &self.warnings
    }

    /// The filter, taken out.
    pub fn into_filter(self) -> Filter {
        self.filter
    }
}

impl fmt::Display for Explanation {
    /// One line per term, `column N: TERM -> MEANING`, then the warnings
    /// with their carets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "query: {}", self.query)?;
        for t in &self.terms {
            write!(f, "  column {}: {} -> ", t.column, t.text)?;
            match (&t.actors, &t.condition) {
                (Some(m), _) => writeln!(f, "{m}")?,
                (None, Condition::Text(s)) => writeln!(f, "text containing {s:?}")?,
                (None, c) => writeln!(f, "{c}")?,
            }
        }
        for w in &self.warnings {
            writeln!(f, "{w}")?;
        }
        Ok(())
    }
}

/// The terms of a syntax tree, in the order of the query.
fn terms<'t>(ast: &'t Ast, out: &mut Vec<&'t Term>) {
    match ast {
        Ast::Term(t) => out.push(t),
        Ast::Not(n) => terms(&n.operand, out),
        Ast::Group(g) => terms(&g.inner, out),
        Ast::And(s) | Ast::Or(s) => s.operands.iter().for_each(|x| terms(x, out)),
    }
}

/// The actor value of a condition, if it has one.
fn actor_value(c: &Condition) -> Option<&str> {
    match c {
        Condition::Speaker(w) | Condition::Holder(w) | Condition::Target(w) | Condition::Via(w) => {
            Some(w)
        }
        _ => None,
    }
}

/// Reading queries against an index, with what they resolve to.
impl Index<'_> {
    /// Parses a query with the default [`QueryParser`] and explains it: the
    /// filter, what each term selects in this index's analysis, and warnings
    /// (see [`Explanation`]). Fails as [`QueryParser::parse`] does.
    pub fn explain(&self, query: &str) -> Result<Explanation, QueryError> {
        self.explain_with(&QueryParser::new(), query)
    }

    /// [`explain`](Index::explain), with a parser of one's own limits.
    pub fn explain_with(
        &self,
        parser: &QueryParser,
        query: &str,
    ) -> Result<Explanation, QueryError> {
        let ast = parser.parse_ast(query)?;
        let filter = translate(&ast, query)?;
        let mut warnings = lint(&ast, query);
        let mut written = Vec::new();
        terms(&ast, &mut written);
        let mut resolved = Vec::with_capacity(written.len());
        for term in written {
            let condition = translate_term(term, query)?;
            let actors = actor_value(&condition).map(|who| {
                let (sides, actors) = self.resolve_actors(who);
                ActorMatch { sides, actors }
            });
            if let (Some(m), Some(who), Some((field, _))) =
                (&actors, actor_value(&condition), term.field)
                && m.is_empty()
            {
                warnings.push(QueryWarning::new(
                    QueryWarningKind::NoMatch {
                        field,
                        value: who.to_owned(),
                        sides: self.side_names().sides(who).to_vec(),
                    },
                    query,
                    term.span,
                ));
            }
            resolved.push(ResolvedTerm {
                text: query
                    .get(term.span.start..term.span.end)
                    .unwrap_or_default()
                    .to_owned(),
                span: term.span,
                line: line_of(query, term.span),
                column: column_of(query, term.span),
                bare: term.field.is_none(),
                condition,
                actors,
            });
        }
        // A value that selects someone, followed by words that make a name
        // of no one, is a value and a text search, not a name cut in two.
        warnings.retain(|w| match w.kind() {
            QueryWarningKind::SplitValue { value, rest, .. } => {
                let alone = self.resolve_actors(value);
                let joined = self.resolve_actors(&format!("{value} {rest}"));
                alone.0.is_empty() && alone.1.is_empty()
                    || !joined.0.is_empty()
                    || !joined.1.is_empty()
            }
            _ => true,
        });
        warnings.sort_by_key(|w| (w.span().start, w.span().end));
        Ok(Explanation {
            query: query.to_owned(),
            filter,
            terms: resolved,
            warnings,
        })
    }
}
