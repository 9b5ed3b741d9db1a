//! The query language's lexer and recursive-descent parser, and the entry
//! points that read a query string: [`QueryParser`], [`Filter::parse`],
//! `str::parse::<Filter>` and deserialization.
//!
//! A query goes from text to syntax tree here, then from syntax tree to
//! [`Filter`] in the translation (`translate.rs`); the filter itself knows
//! neither.

use std::str::FromStr;

use serde::{Deserialize, Deserializer};

use super::ast::{Ast, Field, Group, Not, NotOperator, Sequence, Term, Value};
use super::error::{QueryError, QueryErrorKind, QueryWarning};
use super::filter::Filter;
use super::lint::lint;
use super::translate::translate;
use crate::Span;

/// Reading a filter from a query string.
impl Filter {
    /// Parses a query with the default [`QueryParser`].
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::query::Filter;
    ///
    /// let f = Filter::parse(r#"speaker:"Dmitry Peskov" (kind:retaliation OR kind:negotiation) date:>=2025-06-01"#).unwrap();
    /// assert_eq!(f.to_string(), r#"speaker:"Dmitry Peskov" (kind:retaliation OR kind:negotiation) date:2025-06-01.."#);
    /// let err = Filter::parse("speaker:Peskov OR").unwrap_err();
    /// assert_eq!(err.column(), 16);
    /// ```
    pub fn parse(query: &str) -> Result<Filter, QueryError> {
        QueryParser::new().parse(query)
    }
}

impl FromStr for Filter {
    type Err = QueryError;
    fn from_str(s: &str) -> Result<Filter, QueryError> {
        Filter::parse(s)
    }
}

impl<'de> Deserialize<'de> for Filter {
    /// A filter deserializes from a query string, parsed with the default
    /// [`QueryParser`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Filter, D::Error> {
        let s = String::deserialize(deserializer)?;
        Filter::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Parses query strings, with limits for hostile input.
///
/// A parser is a small configuration value; [`Filter::parse`] and
/// `str::parse::<Filter>` use the default one. The limits keep a query from
/// costing more than its author is entitled to: a query longer than
/// [`max_len`](QueryParser::max_len) bytes, or nesting parentheses and
/// negations deeper than [`nest_limit`](QueryParser::nest_limit), is refused
/// with an error before any work proportional to it is done. Parsing never
/// panics, whatever the input.
///
/// # Examples
///
/// ```
/// use demarche::query::{QueryErrorKind, QueryParser};
///
/// let parser = QueryParser::new().nest_limit(2);
/// assert!(parser.parse("((kind:appeal))").is_ok());
/// let err = parser.parse("(((kind:appeal)))").unwrap_err();
/// assert_eq!(err.kind(), &QueryErrorKind::TooDeep { limit: 2 });
/// assert_eq!(err.column(), 3);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueryParser {
    max_len: usize,
    nest_limit: usize,
}

impl Default for QueryParser {
    fn default() -> QueryParser {
        QueryParser::new()
    }
}

impl QueryParser {
    /// The default limit on a query's length: 4,096 bytes.
    pub const DEFAULT_MAX_LEN: usize = 4096;
    /// The default limit on nesting: 32 levels of parentheses and negations.
    pub const DEFAULT_NEST_LIMIT: usize = 32;
    /// The highest nesting limit a parser accepts; larger settings are
    /// lowered to it, so parsing and evaluation stay within a small stack.
    pub const MAX_NEST_LIMIT: usize = 256;

    /// A parser with the default limits.
    pub const fn new() -> QueryParser {
        QueryParser {
            max_len: QueryParser::DEFAULT_MAX_LEN,
            nest_limit: QueryParser::DEFAULT_NEST_LIMIT,
        }
    }

    /// The longest query, in bytes, this parser accepts.
    pub const fn max_len(mut self, bytes: usize) -> QueryParser {
        self.max_len = bytes;
        self
    }

    /// How deep parentheses and negations may nest: `(a)` and `-a` are one
    /// level, `-(a OR (b c))` three. At most [`MAX_NEST_LIMIT`](QueryParser::MAX_NEST_LIMIT).
    pub const fn nest_limit(mut self, levels: usize) -> QueryParser {
        self.nest_limit = if levels > QueryParser::MAX_NEST_LIMIT {
            QueryParser::MAX_NEST_LIMIT
        } else {
            levels
        };
        self
    }

    /// Parses a query into the filter it means.
    pub fn parse(&self, query: &str) -> Result<Filter, QueryError> {
        let ast = self.parse_ast(query)?;
        translate(&ast, query)
    }

    /// The warnings a query gives without an analysis: a lowercase `or`,
    /// `and` or `not` between terms (a word of the text, not an operator),
    /// and an unquoted actor value followed by capitalised words
    /// (`target:United States`). Fails as [`parse`](QueryParser::parse)
    /// does. [`Index::explain`](super::Index::explain) adds the warnings
    /// that need the analysis.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::query::QueryParser;
    ///
    /// let w = QueryParser::new().warnings("target:United States").unwrap();
    /// assert_eq!(w[0].to_string(), "\
    /// query warning:
    ///     target:United States
    ///                   ^^^^^^
    /// warning at column 15: \"States\" is searched for in the text, not read as part of \
    /// target:United; for the name, write target:\"United States\"");
    /// assert!(QueryParser::new().warnings("target:USA").unwrap().is_empty());
    /// ```
    pub fn warnings(&self, query: &str) -> Result<Vec<QueryWarning>, QueryError> {
        let ast = self.parse_ast(query)?;
        translate(&ast, query)?;
        Ok(lint(&ast, query))
    }

    /// Parses a query into its syntax tree, without interpreting values.
    /// Errors are syntax errors only; a value that means nothing for its
    /// field (`kind:threat`) is found by [`parse`](QueryParser::parse).
    pub fn parse_ast(&self, query: &str) -> Result<Ast, QueryError> {
        if query.len() > self.max_len {
            let mut at = self.max_len;
            while !query.is_char_boundary(at) {
                at -= 1;
            }
            return Err(QueryError::new(
                QueryErrorKind::TooLong {
                    len: query.len(),
                    limit: self.max_len,
                },
                query,
                Span::new(at, query.len()),
            ));
        }
        let tokens = lex(query)?;
        if tokens.is_empty() {
            return Err(QueryError::new(
                QueryErrorKind::Empty,
                query,
                Span::new(0, 0),
            ));
        }
        let mut p = Parser {
            query,
            tokens,
            pos: 0,
            nest_limit: self.nest_limit,
        };
        let ast = p.or(0)?;
        if let Some(t) = p.tokens.get(p.pos) {
            // `or` stops only at the end or at a closing parenthesis.
            return Err(p.error(QueryErrorKind::UnopenedParen, t.span));
        }
        Ok(ast)
    }
}

#[derive(Debug)]
enum Tok {
    Open,
    Close,
    Or,
    And,
    Not,
    Minus,
    Term(Term),
}

#[derive(Debug)]
struct Token {
    tok: Tok,
    span: Span,
}

fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == ')' || c == '"'
}

/// Reads a quoted value starting at the `"` at `at`: its text, unescaped,
/// and the offset just past the closing quote.
fn read_quoted(query: &str, at: usize) -> Result<(String, usize), QueryError> {
    let mut text = String::new();
    let mut chars = query[at + 1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((text, at + 1 + i + 1)),
            '\\' => match chars.clone().next() {
                Some((_, e @ ('"' | '\\'))) => {
                    text.push(e);
                    chars.next();
                }
                _ => text.push('\\'),
            },
            c => text.push(c),
        }
    }
    Err(QueryError::new(
        QueryErrorKind::UnterminatedQuote,
        query,
        Span::new(at, at + 1),
    ))
}

/// The offset of the first delimiter at or after `from` (or the end).
fn word_end(query: &str, from: usize) -> usize {
    query[from..]
        .char_indices()
        .find(|&(_, c)| is_delimiter(c))
        .map_or(query.len(), |(i, _)| from + i)
}

fn lex(query: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(c) = query[i..].chars().next() {
        let start = i;
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let (tok, end) = match c {
            '(' => (Tok::Open, i + 1),
            ')' => (Tok::Close, i + 1),
            '"' => {
                let (text, end) = read_quoted(query, i)?;
                let span = Span::new(i, end);
                let value = Value {
                    span,
                    text,
                    quoted: true,
                };
                (
                    Tok::Term(Term {
                        span,
                        field: None,
                        value,
                    }),
                    end,
                )
            }
            '-' => {
                let next = query[i + 1..].chars().next();
                if next.is_none_or(|n| n.is_whitespace() || n == ')') {
                    return Err(QueryError::new(
                        QueryErrorKind::DanglingOperator {
                            operator: "-".into(),
                            needs: "a term right after it, with no space between",
                        },
                        query,
                        Span::new(i, i + 1),
                    ));
                }
                (Tok::Minus, i + 1)
            }
            _ => lex_word(query, i)?,
        };
        tokens.push(Token {
            tok,
            span: Span::new(start, end),
        });
        i = end;
    }
    Ok(tokens)
}

/// A keyword, a bare value or `field:value`, starting at `start`.
fn lex_word(query: &str, start: usize) -> Result<(Tok, usize), QueryError> {
    let colon = query[start..]
        .char_indices()
        .find(|&(_, c)| is_delimiter(c) || c == ':')
        .map(|(i, c)| (start + i, c));
    let Some((colon, ':')) = colon else {
        let end = word_end(query, start);
        let word = &query[start..end];
        let tok = match word {
            "OR" => Tok::Or,
            "AND" => Tok::And,
            "NOT" => Tok::Not,
            _ => {
                let span = Span::new(start, end);
                Tok::Term(Term {
                    span,
                    field: None,
                    value: Value {
                        span,
                        text: word.to_owned(),
                        quoted: false,
                    },
                })
            }
        };
        return Ok((tok, end));
    };
    let name = &query[start..colon];
    let name_span = if name.is_empty() {
        Span::new(colon, colon + 1)
    } else {
        Span::new(start, colon)
    };
    let field: Field = name.parse().map_err(|_| {
        QueryError::new(
            QueryErrorKind::UnknownField {
                name: name.to_owned(),
            },
            query,
            name_span,
        )
    })?;
    let v = colon + 1;
    let (value, end) = if query[v..].starts_with('"') {
        let (text, end) = read_quoted(query, v)?;
        (
            Value {
                span: Span::new(v, end),
                text,
                quoted: true,
            },
            end,
        )
    } else {
        let end = word_end(query, v);
        if end == v {
            let hint = if query[v..].starts_with('(') {
                "; values cannot be grouped, write (kind:a OR kind:b)"
            } else if query[v..].starts_with(char::is_whitespace) {
                "; write the value right after the colon, with no space"
            } else {
                ""
            };
            return Err(QueryError::new(
                QueryErrorKind::BadValue {
                    field,
                    message: format!("missing value after \"{name}:\"{hint}"),
                },
                query,
                Span::new(start, v),
            ));
        }
        (
            Value {
                span: Span::new(v, end),
                text: query[v..end].to_owned(),
                quoted: false,
            },
            end,
        )
    };
    Ok((
        Tok::Term(Term {
            span: Span::new(start, end),
            field: Some((field, name_span)),
            value,
        }),
        end,
    ))
}

struct Parser<'q> {
    query: &'q str,
    tokens: Vec<Token>,
    pos: usize,
    nest_limit: usize,
}

impl Parser<'_> {
    fn error(&self, kind: QueryErrorKind, span: Span) -> QueryError {
        QueryError::new(kind, self.query, span)
    }

    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|t| &t.tok)
    }

    fn operator_text(&self, span: Span) -> String {
        self.query[span.start..span.end].to_owned()
    }

    fn dangling(&self, span: Span, needs: &'static str) -> QueryError {
        self.error(
            QueryErrorKind::DanglingOperator {
                operator: self.operator_text(span),
                needs,
            },
            span,
        )
    }

    /// Whether the next token cannot start an operand.
    fn at_operand_end(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(Tok::Close) | Some(Tok::Or) | Some(Tok::And)
        )
    }

    fn take(&mut self) -> Option<Token> {
        let t = self.tokens.get_mut(self.pos)?;
        self.pos += 1;
        // Terms are moved out; the token left behind is never read again.
        Some(std::mem::replace(
            t,
            Token {
                tok: Tok::Close,
                span: t.span,
            },
        ))
    }

    fn or(&mut self, depth: usize) -> Result<Ast, QueryError> {
        let mut operands = vec![self.and(depth)?];
        while let Some(Tok::Or) = self.peek() {
            let op = self.take().map(|t| t.span).unwrap_or_default();
            if self.at_operand_end() {
                return Err(self.dangling(op, "a term after it"));
            }
            operands.push(self.and(depth)?);
        }
        Ok(sequence(operands, Ast::Or))
    }

    fn and(&mut self, depth: usize) -> Result<Ast, QueryError> {
        let mut operands = vec![self.unary(depth)?];
        loop {
            match self.peek() {
                None | Some(Tok::Close) | Some(Tok::Or) => break,
                Some(Tok::And) => {
                    let op = self.take().map(|t| t.span).unwrap_or_default();
                    if self.at_operand_end() {
                        return Err(self.dangling(op, "a term after it"));
                    }
                }
                _ => {}
            }
            operands.push(self.unary(depth)?);
        }
        Ok(sequence(operands, Ast::And))
    }

    fn unary(&mut self, depth: usize) -> Result<Ast, QueryError> {
        let operator = match self.peek() {
            Some(Tok::Not) => NotOperator::Keyword,
            Some(Tok::Minus) => NotOperator::Minus,
            _ => return self.primary(depth),
        };
        let op = self.take().map(|t| t.span).unwrap_or_default();
        if depth + 1 > self.nest_limit {
            return Err(self.error(
                QueryErrorKind::TooDeep {
                    limit: self.nest_limit,
                },
                op,
            ));
        }
        if self.at_operand_end() {
            return Err(self.dangling(op, "a term after it"));
        }
        let operand = self.unary(depth + 1)?;
        Ok(Ast::Not(Not {
            span: op.to(operand.span()),
            operator,
            operand: Box::new(operand),
        }))
    }

    fn primary(&mut self, depth: usize) -> Result<Ast, QueryError> {
        let Some(token) = self.take() else {
            let end = self.query.len();
            return Err(self.error(QueryErrorKind::Empty, Span::new(end, end)));
        };
        match token.tok {
            Tok::Term(term) => Ok(Ast::Term(term)),
            Tok::Or | Tok::And => Err(self.dangling(token.span, "a term before it")),
            Tok::Close => Err(self.error(QueryErrorKind::UnopenedParen, token.span)),
            Tok::Not | Tok::Minus => Err(self.dangling(token.span, "a term after it")),
            Tok::Open => {
                let open = token.span;
                if depth + 1 > self.nest_limit {
                    return Err(self.error(
                        QueryErrorKind::TooDeep {
                            limit: self.nest_limit,
                        },
                        open,
                    ));
                }
                match self.tokens.get(self.pos) {
                    None => return Err(self.error(QueryErrorKind::UnclosedParen, open)),
                    Some(Token {
                        tok: Tok::Close,
                        span,
                    }) => {
                        return Err(self.error(QueryErrorKind::EmptyGroup, open.to(*span)));
                    }
                    Some(_) => {}
                }
                let inner = self.or(depth + 1)?;
                match self.take() {
                    Some(Token {
                        tok: Tok::Close,
                        span,
                    }) => Ok(Ast::Group(Group {
                        span: open.to(span),
                        inner: Box::new(inner),
                    })),
                    _ => Err(self.error(QueryErrorKind::UnclosedParen, open)),
                }
            }
        }
    }
}

fn sequence(mut operands: Vec<Ast>, make: fn(Sequence) -> Ast) -> Ast {
    if operands.len() == 1 {
        return operands.pop().expect("one operand");
    }
    let span = match (operands.first(), operands.last()) {
        (Some(a), Some(b)) => a.span().to(b.span()),
        _ => Span::default(),
    };
    make(Sequence { span, operands })
}
