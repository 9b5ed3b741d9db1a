//! The query as written: a concrete syntax tree in which every node keeps its
//! span in the query string.
//!
//! [`QueryParser::parse_ast`](super::QueryParser::parse_ast) produces it; it
//! is useful to tools that highlight or rewrite queries. Most users want the
//! [`Filter`](super::Filter) it translates to, which
//! [`QueryParser::parse`](super::QueryParser::parse) returns directly. Values
//! are kept as written (unescaped); what they mean for their field (a stance
//! kind, a date range) is worked out in translation.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Span;

/// A field a query term can name.
///
/// `speaker`, `quote`, `via`, `date` and `text` are read on the statement;
/// `holder`, `target` and `kind` are read on a stance, and in one query they
/// must all hold on the same stance (see the [module docs](super)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Field {
    /// Who made the statement.
    Speaker,
    /// Whose stance it is.
    Holder,
    /// Whom the stance is aimed at.
    Target,
    /// The stance's kind.
    Kind,
    /// How the statement is quoted.
    Quote,
    /// Who relays the statement (any actor of its reported-by chain).
    Via,
    /// The day the statement was made.
    Date,
    /// The statement's text.
    Text,
}

impl Field {
    /// Every field, in a fixed order.
    pub const ALL: [Field; 8] = [
        Field::Speaker,
        Field::Holder,
        Field::Target,
        Field::Kind,
        Field::Quote,
        Field::Via,
        Field::Date,
        Field::Text,
    ];

    /// The field's name in queries: `"speaker"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Field::Speaker => "speaker",
            Field::Holder => "holder",
            Field::Target => "target",
            Field::Kind => "kind",
            Field::Quote => "quote",
            Field::Via => "via",
            Field::Date => "date",
            Field::Text => "text",
        }
    }

    /// Whether the field is read on a stance (`holder`, `target`, `kind`)
    /// rather than on the statement.
    pub fn is_stance_level(&self) -> bool {
        matches!(self, Field::Holder | Field::Target | Field::Kind)
    }
}

/// The error for a string that names no [`Field`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown field {0:?}: expected one of speaker, holder, target, kind, quote, via, date, text"
)]
pub struct UnknownField(pub String);

impl FromStr for Field {
    type Err = UnknownField;
    /// A field from its name, ignoring ASCII case.
    fn from_str(s: &str) -> Result<Field, UnknownField> {
        Field::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownField(s.to_owned()))
    }
}

/// A node of the syntax tree.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Ast {
    /// `field:value`, or a bare value (which searches the text).
    Term(Term),
    /// `NOT x` or `-x`.
    Not(Not),
    /// Two or more operands side by side (or joined by `AND`).
    And(Sequence),
    /// Two or more operands joined by `OR`.
    Or(Sequence),
    /// `( ... )`.
    Group(Group),
}

impl Ast {
    /// The part of the query this node covers.
    pub fn span(&self) -> Span {
        match self {
            Ast::Term(t) => t.span,
            Ast::Not(n) => n.span,
            Ast::And(s) | Ast::Or(s) => s.span,
            Ast::Group(g) => g.span,
        }
    }
}

/// `field:value` or a bare value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Term {
    /// The whole term.
    pub span: Span,
    /// The field and the span of its name; `None` for a bare value, which
    /// searches the statement's text.
    pub field: Option<(Field, Span)>,
    /// The value.
    pub value: Value,
}

/// A term's value as written.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Value {
    /// Where the value is, quotes included.
    pub span: Span,
    /// The value with quotes removed and escapes resolved.
    pub text: String,
    /// Whether it was written in double quotes.
    pub quoted: bool,
}

impl Value {
    /// Whether the value is the wildcard `*` (unquoted), which matches any
    /// statement or stance that has the field at all.
    pub fn is_wildcard(&self) -> bool {
        !self.quoted && self.text == "*"
    }
}

/// How a negation is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NotOperator {
    /// `NOT x`.
    Keyword,
    /// `-x`.
    Minus,
}

/// A negation.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Not {
    /// The operator and its operand.
    pub span: Span,
    /// How it is written.
    pub operator: NotOperator,
    /// What is negated.
    pub operand: Box<Ast>,
}

/// The operands of `AND` or `OR`: always two or more.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Sequence {
    /// From the first operand to the last.
    pub span: Span,
    /// The operands, in order.
    pub operands: Vec<Ast>,
}

/// A parenthesized query.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Group {
    /// The parentheses and what is between them.
    pub span: Span,
    /// What is between them.
    pub inner: Box<Ast>,
}
