//! Translation: from the query as written ([`Ast`]) to what it means
//! ([`Filter`]).
//!
//! The parser gives a syntax tree whose values are kept as written; here each
//! value is read for its field (a stance kind, a quote kind, a date or date
//! range), and a value that means nothing for its field is an error pointing
//! into the query. This is the only module that knows both the syntax tree
//! and the filter.

use chrono::NaiveDate;

use super::ast::{Ast, Field, Term};
use super::error::{QueryError, QueryErrorKind};
use super::filter::{Condition, DateBounds, Filter, Shape, max_date, min_date};
use crate::Span;

/// The filter a syntax tree means.
pub(crate) fn translate(ast: &Ast, query: &str) -> Result<Filter, QueryError> {
    Ok(match ast {
        Ast::Term(term) => Filter::condition(translate_term(term, query)?),
        Ast::Group(g) => translate(&g.inner, query)?,
        Ast::Not(n) => !translate(&n.operand, query)?,
        Ast::And(s) | Ast::Or(s) => {
            let operands = s
                .operands
                .iter()
                .map(|x| translate(x, query))
                .collect::<Result<Vec<_>, _>>()?;
            Filter::from_shape(if matches!(ast, Ast::And(_)) {
                Shape::And(operands)
            } else {
                Shape::Or(operands)
            })
        }
    })
}

pub(crate) fn translate_term(term: &Term, query: &str) -> Result<Condition, QueryError> {
    let value = &term.value;
    let field = term.field.map_or(Field::Text, |(f, _)| f);
    if value.is_wildcard() {
        return Ok(Condition::Exists(field));
    }
    let text = value.text.clone();
    let bad = |message: String, span: Span| {
        QueryError::new(QueryErrorKind::BadValue { field, message }, query, span)
    };
    Ok(match field {
        Field::Speaker => Condition::Speaker(text),
        Field::Holder => Condition::Holder(text),
        Field::Target => Condition::Target(text),
        Field::Via => Condition::Via(text),
        Field::Text => Condition::Text(text),
        Field::Kind => Condition::Kind(
            text.parse()
                .map_err(|e: crate::model::UnknownStanceKind| bad(e.to_string(), value.span))?,
        ),
        Field::Quote => Condition::Quote(
            text.parse()
                .map_err(|e: crate::model::UnknownQuoteKind| bad(e.to_string(), value.span))?,
        ),
        Field::Date => {
            // Offsets into an unquoted value are offsets into the query.
            let base = (!value.quoted).then_some(value.span.start);
            let span_of = |from: usize, to: usize| match base {
                Some(b) => Span::new(b + from, b + to),
                None => value.span,
            };
            Condition::Date(
                parse_date_bounds(&text)
                    .map_err(|(message, from, to)| bad(message, span_of(from, to)))?,
            )
        }
    })
}

/// A problem with a date value: the message and the byte range of the value
/// it is about.
type DateProblem = (String, usize, usize);

/// The days `YYYY`, `YYYY-MM` or `YYYY-MM-DD` covers.
fn parse_period(s: &str, at: usize) -> Result<(NaiveDate, NaiveDate), DateProblem> {
    let bad = || {
        (
            format!("{s:?} is not a date: expected YYYY-MM-DD, YYYY-MM or YYYY"),
            at,
            at + s.len(),
        )
    };
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [y] if digits(y, 4) => {
            let y = num(y)? as i32;
            let start = NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)?;
            let end = NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(bad)?;
            Ok((start, end))
        }
        [y, m] if digits(y, 4) && digits(m, 2) => {
            let start = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1).ok_or_else(bad)?;
            let end = start
                .checked_add_months(chrono::Months::new(1))
                .and_then(|d| d.pred_opt())
                .ok_or_else(bad)?;
            Ok((start, end))
        }
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
            let day = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?).ok_or_else(bad)?;
            Ok((day, day))
        }
        _ => Err(bad()),
    }
}

/// The bounds a `date:` value means.
fn parse_date_bounds(v: &str) -> Result<DateBounds, DateProblem> {
    let len = v.len();
    for (op, n) in [(">=", 2), ("<=", 2), (">", 1), ("<", 1)] {
        let Some(rest) = v.strip_prefix(op) else {
            continue;
        };
        let (start, end) = parse_period(rest, n)?;
        return match op {
            ">=" => Ok(DateBounds::since(start)),
            "<=" => Ok(DateBounds::until(end)),
            ">" => end
                .succ_opt()
                .filter(|d| *d <= max_date())
                .map(DateBounds::since)
                .ok_or_else(|| ("no date a query can write comes after it".into(), 0, len)),
            _ => start
                .pred_opt()
                .filter(|d| *d >= min_date())
                .map(DateBounds::until)
                .ok_or_else(|| ("no date a query can write comes before it".into(), 0, len)),
        };
    }
    if let Some(dots) = v.find("..") {
        let (a, b) = (&v[..dots], &v[dots + 2..]);
        let start = if a.is_empty() {
            None
        } else {
            Some(parse_period(a, 0)?.0)
        };
        let end = if b.is_empty() {
            None
        } else {
            Some(parse_period(b, dots + 2)?.1)
        };
        return match (start, end) {
            (None, None) => Err((
                "a date range needs at least one end: 2025-06-01.., ..2025-06-30".into(),
                0,
                len,
            )),
            (Some(s), None) => Ok(DateBounds::since(s)),
            (None, Some(e)) => Ok(DateBounds::until(e)),
            (Some(s), Some(e)) if e < s => Err((
                format!("the range ends ({e}) before it starts ({s})"),
                0,
                len,
            )),
            (Some(s), Some(e)) => Ok(DateBounds::between(s, e)),
        };
    }
    let (start, end) = parse_period(v, 0)?;
    Ok(DateBounds::between(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn date_values() {
        let b = |v: &str| parse_date_bounds(v).map_err(|e| e.0);
        assert_eq!(b("2025-06-01"), Ok(DateBounds::on(d(2025, 6, 1))));
        assert_eq!(
            b("2025-06"),
            Ok(DateBounds::between(d(2025, 6, 1), d(2025, 6, 30)))
        );
        assert_eq!(
            b("2024"),
            Ok(DateBounds::between(d(2024, 1, 1), d(2024, 12, 31)))
        );
        assert_eq!(b(">2025-06"), Ok(DateBounds::since(d(2025, 7, 1))));
        assert_eq!(b(">=2025-06"), Ok(DateBounds::since(d(2025, 6, 1))));
        assert_eq!(b("<2025-06"), Ok(DateBounds::until(d(2025, 5, 31))));
        assert_eq!(b("<=2025-06"), Ok(DateBounds::until(d(2025, 6, 30))));
        assert_eq!(b("..2025-02"), Ok(DateBounds::until(d(2025, 2, 28))));
        assert_eq!(b("2024-02.."), Ok(DateBounds::since(d(2024, 2, 1))));
        assert!(b("2025-13-01").is_err());
        assert!(b("2025-02-30").is_err());
        assert!(b("25-06-01").is_err());
        assert!(b("2025-6-1").is_err());
        assert!(b("..").is_err());
        assert!(b("2025-06-30..2025-06-01").is_err());
        assert!(b(">9999-12-31").is_err());
        assert!(b("<0000-01-01").is_err());
        assert_eq!(b(">=0000-01-01"), Ok(DateBounds::since(d(0, 1, 1))));
        assert!(b("").is_err());
        assert!(b(">=").is_err());
    }

    #[test]
    fn date_problems_point_into_the_value() {
        let (_, from, to) = parse_date_bounds("2025-06-01..2025-13").unwrap_err();
        assert_eq!((from, to), (12, 19));
        let (_, from, to) = parse_date_bounds(">=x").unwrap_err();
        assert_eq!((from, to), (2, 3));
    }
}
