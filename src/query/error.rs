//! The error for a malformed query, and the warnings for a query that
//! parses but probably does not say what its author meant.

use std::fmt;

use serde::{Serialize, Serializer};

use super::Field;
use super::filter::QueryValue;
use crate::{CountryCode, Span};

/// Why a query string could not be parsed.
///
/// The error keeps the query and the [`Span`] of the problem, and its
/// `Display` prints the line of the query with a caret under the problem, in
/// the manner of `regex-syntax`:
///
/// ```text
/// query parse error:
///     speker:Peskov kind:retaliation
///     ^^^^^^
/// error at column 1: unknown field "speker" (the fields are speaker, holder, target, kind, quote, via, date and text)
/// ```
///
/// # Examples
///
/// ```
/// use demarche::query::{Filter, QueryErrorKind};
///
/// let err = Filter::parse("kind:threat").unwrap_err();
/// assert!(matches!(err.kind(), QueryErrorKind::BadValue { .. }));
/// assert_eq!(err.column(), 6);
/// assert!(err.to_string().contains("     ^^^^^^\n"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", render("query parse error", "error", .query, *.span, .kind))]
pub struct QueryError {
    kind: QueryErrorKind,
    query: String,
    span: Span,
}

/// What is wrong with a query.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryErrorKind {
    /// The query is empty or only whitespace.
    #[error("empty query: write at least one term, such as kind:retaliation")]
    Empty,
    /// The query is longer than the parser's limit, in bytes.
    #[error("the query is {len} bytes long; the limit is {limit}")]
    TooLong {
        /// The query's length in bytes.
        len: usize,
        /// The limit ([`QueryParser::max_len`](super::QueryParser::max_len)).
        limit: usize,
    },
    /// Parentheses and negations nest deeper than the parser's limit.
    #[error("the query nests more than {limit} levels deep")]
    TooDeep {
        /// The limit ([`QueryParser::nest_limit`](super::QueryParser::nest_limit)).
        limit: usize,
    },
    /// `name:value` where `name` is no field.
    #[error(
        "unknown field {name:?} (the fields are speaker, holder, target, kind, quote, via, date and text)"
    )]
    UnknownField {
        /// The name as written.
        name: String,
    },
    /// A field's value is missing or means nothing for the field: an unknown
    /// stance or quote kind, a malformed date or date range.
    #[error("bad value for {field}: {message}")]
    BadValue {
        /// The field.
        field: Field,
        /// What is wrong with the value.
        message: String,
    },
    /// An opening parenthesis that is never closed.
    #[error("unbalanced parenthesis: this group is never closed")]
    UnclosedParen,
    /// A closing parenthesis with no group to close.
    #[error("unbalanced parenthesis: there is no group to close")]
    UnopenedParen,
    /// A quoted value with no closing quote.
    #[error("unterminated quote: this quoted value has no closing \"")]
    UnterminatedQuote,
    /// `()`: a group with nothing in it.
    #[error("empty group: write something between the parentheses")]
    EmptyGroup,
    /// `OR`, `AND`, `NOT` or `-` without an operand on the side it needs one.
    #[error("dangling operator: {operator} needs {needs}")]
    DanglingOperator {
        /// The operator as written.
        operator: String,
        /// What it lacks, for the message ("a term after it").
        needs: &'static str,
    },
}

impl QueryError {
    pub(crate) fn new(kind: QueryErrorKind, query: &str, span: Span) -> QueryError {
        QueryError {
            kind,
            query: query.to_owned(),
            span,
        }
    }

    /// What is wrong.
    pub fn kind(&self) -> &QueryErrorKind {
        &self.kind
    }

    /// The query, as given.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Where the problem is: UTF-8 byte offsets into [`query`](QueryError::query).
    pub fn span(&self) -> Span {
        self.span
    }

    /// The line of the problem, from 1 (queries are usually one line).
    pub fn line(&self) -> usize {
        line_of(&self.query, self.span)
    }

    /// The column of the problem, from 1, counted in characters from the
    /// start of its line.
    pub fn column(&self) -> usize {
        column_of(&self.query, self.span)
    }
}

/// The line of a span's start, from 1.
pub(crate) fn line_of(query: &str, span: Span) -> usize {
    let at = floor_char_boundary(query, span.start);
    query[..at].matches('\n').count() + 1
}

/// The column of a span's start, from 1, in characters from its line's
/// start.
pub(crate) fn column_of(query: &str, span: Span) -> usize {
    let at = floor_char_boundary(query, span.start);
    let line_start = query[..at].rfind('\n').map_or(0, |i| i + 1);
    query[line_start..at].chars().count() + 1
}

fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Lines up to this many characters are shown whole.
const SHOW_WHOLE: usize = 100;
/// How many characters of context to show around the problem on a longer line.
const BEFORE: usize = 40;
const AFTER: usize = 50;

/// An error or warning as `Display` prints it: a header, the line with
/// carets under the span, then the message after its label and place.
fn render(
    header: &str,
    label: &str,
    query: &str,
    span: Span,
    message: &dyn fmt::Display,
) -> String {
    let start = floor_char_boundary(query, span.start);
    let end = floor_char_boundary(query, span.end.max(start));
    let line_start = query[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = query[start..].find('\n').map_or(query.len(), |i| start + i);
    let line: Vec<char> = query[line_start..line_end].chars().collect();
    let col = query[line_start..start].chars().count();
    let width = query[start..end.min(line_end)].chars().count().max(1);
    // Long lines are cut to a window around the problem.
    let (from, ellipsis_before) = if line.len() > SHOW_WHOLE && col > BEFORE {
        (col - BEFORE, true)
    } else {
        (0, false)
    };
    let to = if line.len() > SHOW_WHOLE {
        line.len().min(col + AFTER)
    } else {
        line.len()
    };
    let ellipsis_after = to < line.len();
    let mut shown = String::new();
    let mut pad = String::new();
    if ellipsis_before {
        shown.push('…');
        pad.push(' ');
    }
    for (i, &c) in line[from..to].iter().enumerate() {
        let c = if c.is_control() && c != '\t' {
            '\u{FFFD}'
        } else {
            c
        };
        shown.push(c);
        if from + i < col {
            pad.push(if c == '\t' { '\t' } else { ' ' });
        }
    }
    if ellipsis_after {
        shown.push('…');
    }
    let carets = "^".repeat(width.min(to.saturating_sub(col)).max(1));
    let line_no = line_of(query, span);
    let column = column_of(query, span);
    let place = if line_no > 1 || query[line_end..].contains('\n') {
        format!("line {line_no}, column {column}")
    } else {
        format!("column {column}")
    };
    format!("{header}:\n    {shown}\n    {pad}{carets}\n{label} at {place}: {message}")
}

/// A query that parses but probably does not say what its author meant: a
/// lowercase `or`, a name cut in two by a space, a value that selects no one.
///
/// A warning keeps the query and the [`Span`] it is about, and prints like a
/// [`QueryError`], with a caret under the problem:
///
/// ```text
/// query warning:
///     kind:appeal or kind:denial
///                 ^^
/// warning at column 13: "or" is searched for in the text; to mean either, write OR
/// ```
///
/// [`Index::explain`](super::Index::explain) gives the warnings of a query
/// over an index; [`QueryParser::warnings`](super::QueryParser::warnings)
/// the ones that need no analysis.
///
/// # Examples
///
/// ```
/// use demarche::query::{QueryParser, QueryWarningKind};
///
/// let warnings = QueryParser::new().warnings("kind:appeal or kind:denial").unwrap();
/// assert_eq!(warnings.len(), 1);
/// assert!(matches!(warnings[0].kind(), QueryWarningKind::LowercaseOperator { .. }));
/// assert_eq!(warnings[0].column(), 13);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWarning {
    kind: QueryWarningKind,
    query: String,
    span: Span,
}

/// What a [`QueryWarning`] is about.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryWarningKind {
    /// A bare `or`, `and` or `not` (not in capitals) between terms: it is a
    /// word searched for in the text, not an operator.
    LowercaseOperator {
        /// The word as written.
        word: String,
    },
    /// An unquoted actor value followed by capitalised bare words, as in
    /// `target:United States`: the words are searched for in the text, not
    /// read as part of the value. Without an analysis
    /// ([`QueryParser::warnings`](super::QueryParser::warnings)) every such
    /// case is reported; [`Index::explain`](super::Index::explain) leaves out
    /// the ones where the value alone selects someone and the value with the
    /// words selects no one (`speaker:Peskov Kyiv`: Peskov, speaking of
    /// Kyiv).
    SplitValue {
        /// The field.
        field: Field,
        /// The value as read.
        value: String,
        /// The words that follow it, as written.
        rest: String,
    },
    /// An actor value that selects no actor of the analysis: a typo, an id
    /// that is not there, or a side no actor is on.
    NoMatch {
        /// The field.
        field: Field,
        /// The value.
        value: String,
        /// The sides the value names (by code or by name) that no actor of
        /// the analysis is on; empty if it names none.
        sides: Vec<CountryCode>,
    },
}

impl fmt::Display for QueryWarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryWarningKind::LowercaseOperator { word } => {
                let upper = word.to_uppercase();
                let means = match upper.as_str() {
                    "OR" => "to mean either, write OR",
                    "AND" => "terms side by side must all hold already; to say so, write AND",
                    _ => "to negate the next term, write NOT or put - right before it",
                };
                write!(f, "{word:?} is searched for in the text; {means}")
            }
            QueryWarningKind::SplitValue { field, value, rest } => {
                let words = if rest.contains(char::is_whitespace) {
                    "are searched for in the text"
                } else {
                    "is searched for in the text"
                };
                let name = format!("{value} {rest}");
                write!(
                    f,
                    "{rest:?} {words}, not read as part of {field}:{}; \
                     for the name, write {field}:{}",
                    QueryValue(value),
                    QueryValue(&name)
                )
            }
            QueryWarningKind::NoMatch {
                field,
                value,
                sides,
            } => {
                let value = QueryValue(value);
                if sides.is_empty() {
                    write!(
                        f,
                        "{field}:{value} selects nothing: no actor or side of the analysis has that id, name or code"
                    )
                } else {
                    let codes: Vec<&str> = sides.iter().map(CountryCode::as_str).collect();
                    write!(
                        f,
                        "{field}:{value} selects nothing: it names {}, but no actor of the analysis is on {}",
                        codes.join(", "),
                        if codes.len() == 1 {
                            "that side"
                        } else {
                            "those sides"
                        }
                    )
                }
            }
        }
    }
}

impl QueryWarning {
    pub(crate) fn new(kind: QueryWarningKind, query: &str, span: Span) -> QueryWarning {
        QueryWarning {
            kind,
            query: query.to_owned(),
            span,
        }
    }

    /// What the warning is about.
    pub fn kind(&self) -> &QueryWarningKind {
        &self.kind
    }

    /// The query, as given.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The part of the query the warning is about: UTF-8 byte offsets into
    /// [`query`](QueryWarning::query).
    pub fn span(&self) -> Span {
        self.span
    }

    /// The line of the problem, from 1.
    pub fn line(&self) -> usize {
        line_of(&self.query, self.span)
    }

    /// The column of the problem, from 1, counted in characters from the
    /// start of its line.
    pub fn column(&self) -> usize {
        column_of(&self.query, self.span)
    }

    /// The message alone, without the query and caret: what
    /// [`kind`](QueryWarning::kind) prints.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

impl fmt::Display for QueryWarning {
    /// The query's line with a caret under the problem, then the message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(
            "query warning",
            "warning",
            &self.query,
            self.span,
            &self.kind,
        ))
    }
}

impl Serialize for QueryWarning {
    /// A warning serializes as an object: its kind's name (`"lowercase_operator"`,
    /// `"split_value"`, `"no_match"`), its message, and where it is (line,
    /// column, and the byte span).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let name = match self.kind {
            QueryWarningKind::LowercaseOperator { .. } => "lowercase_operator",
            QueryWarningKind::SplitValue { .. } => "split_value",
            QueryWarningKind::NoMatch { .. } => "no_match",
        };
        let mut st = serializer.serialize_struct("QueryWarning", 5)?;
        st.serialize_field("kind", name)?;
        st.serialize_field("message", &self.message())?;
        st.serialize_field("line", &self.line())?;
        st.serialize_field("column", &self.column())?;
        st.serialize_field("span", &self.span)?;
        st.end()
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(query: &str, span: Span, kind: QueryErrorKind) -> String {
        QueryError::new(kind, query, span).to_string()
    }

    #[test]
    fn caret_under_the_span() {
        let text = err(
            "speaker:x kind:threat",
            Span::new(15, 21),
            QueryErrorKind::BadValue {
                field: Field::Kind,
                message: "no".into(),
            },
        );
        assert_eq!(
            text,
            "query parse error:\n    speaker:x kind:threat\n                   ^^^^^^\nerror at column 16: bad value for kind: no"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let e = QueryError::new(
            QueryErrorKind::UnopenedParen,
            "text:Київ )",
            Span::new(14, 15),
        );
        assert_eq!(e.column(), 11);
        assert!(e.to_string().contains("\n              ^\n"), "{e}");
    }

    #[test]
    fn long_lines_are_windowed() {
        let q = format!("{} kind:x {}", "a".repeat(200), "b".repeat(200));
        let e = err(
            &q,
            Span::new(206, 207),
            QueryErrorKind::BadValue {
                field: Field::Kind,
                message: "no".into(),
            },
        );
        let lines: Vec<&str> = e.lines().collect();
        assert!(lines[1].chars().count() < 100, "{}", lines[1]);
        assert!(lines[1].starts_with("    …"));
        assert!(lines[1].ends_with('…'));
        let caret = lines[2].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[1].chars().nth(caret), Some('x'), "{e}");
    }

    #[test]
    fn empty_query_points_at_column_one() {
        let e = QueryError::new(QueryErrorKind::Empty, "", Span::new(0, 0));
        assert_eq!(e.column(), 1);
        assert_eq!(
            e.to_string(),
            "query parse error:\n    \n    ^\nerror at column 1: empty query: write at least one term, such as kind:retaliation"
        );
    }

    #[test]
    fn spans_off_char_boundaries_do_not_panic() {
        let e = QueryError::new(QueryErrorKind::UnopenedParen, "ä\nb", Span::new(1, 9));
        assert_eq!(e.line(), 1);
        assert_eq!(e.column(), 1);
        let _ = e.to_string();
    }
}
