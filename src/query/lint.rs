//! Warnings that need only the syntax tree: slips that parse, but into
//! something other than what their author meant.
//!
//! - A bare `or`, `and` or `not` in lowercase between terms is a word of
//!   the text (`kind:appeal or kind:denial` asks for statements saying "or").
//! - An unquoted actor value followed by capitalised bare words is a name
//!   cut in two (`target:United States` asks for the target "United" and the
//!   word "States").
//!
//! Warnings that need the analysis (a value that selects no one) are the
//! explanation's (`explain.rs`).

use super::ast::{Ast, Field, Term};
use super::error::{QueryWarning, QueryWarningKind};
use crate::Span;

/// The syntactic warnings of a query, in the order of the query.
pub(crate) fn lint(ast: &Ast, query: &str) -> Vec<QueryWarning> {
    let mut out = Vec::new();
    walk(ast, query, &mut out);
    out.sort_by_key(|w| (w.span().start, w.span().end));
    out
}

fn walk(ast: &Ast, query: &str, out: &mut Vec<QueryWarning>) {
    match ast {
        Ast::Term(_) => {}
        Ast::Not(n) => walk(&n.operand, query, out),
        Ast::Group(g) => walk(&g.inner, query, out),
        Ast::Or(s) => s.operands.iter().for_each(|x| walk(x, query, out)),
        Ast::And(s) => {
            sequence(&s.operands, query, out);
            s.operands.iter().for_each(|x| walk(x, query, out));
        }
    }
}

/// A bare, unquoted term's word.
fn bare_word(ast: &Ast) -> Option<&Term> {
    match ast {
        Ast::Term(t) if t.field.is_none() && !t.value.quoted => Some(t),
        _ => None,
    }
}

/// Whether a field names actors, so that its value may be a name of several
/// words.
fn takes_names(field: Field) -> bool {
    matches!(
        field,
        Field::Speaker | Field::Holder | Field::Target | Field::Via
    )
}

/// The warnings of the operands of one AND.
fn sequence(operands: &[Ast], query: &str, out: &mut Vec<QueryWarning>) {
    for (i, x) in operands.iter().enumerate() {
        if let Some(t) = bare_word(x) {
            let word = t.value.text.to_lowercase();
            let between = i > 0 && i + 1 < operands.len();
            let before = i + 1 < operands.len();
            let slip = match word.as_str() {
                "or" | "and" => between,
                "not" => before,
                _ => false,
            };
            if slip {
                out.push(QueryWarning::new(
                    QueryWarningKind::LowercaseOperator {
                        word: t.value.text.clone(),
                    },
                    query,
                    t.span,
                ));
            }
        }
        let Ast::Term(term) = x else { continue };
        let Some((field, _)) = term.field else {
            continue;
        };
        if !takes_names(field) || term.value.quoted || term.value.is_wildcard() {
            continue;
        }
        // The capitalised bare words right after the value, each separated
        // from the one before by spaces only.
        let mut end = term.span.end;
        let mut last: Option<Span> = None;
        for next in &operands[i + 1..] {
            let Some(t) = bare_word(next) else { break };
            let capitalised = t.value.text.chars().next().is_some_and(char::is_uppercase);
            let adjacent = query
                .get(end..t.span.start)
                .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '\t'));
            if !capitalised || !adjacent {
                break;
            }
            end = t.span.end;
            last = Some(t.span);
        }
        let Some(last) = last else { continue };
        let first = operands[i + 1].span();
        let rest = Span::new(first.start, last.end);
        out.push(QueryWarning::new(
            QueryWarningKind::SplitValue {
                field,
                value: term.value.text.clone(),
                rest: query
                    .get(rest.start..rest.end)
                    .unwrap_or_default()
                    .to_owned(),
            },
            query,
            rest,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::QueryParser;

    fn warnings(q: &str) -> Vec<(usize, String)> {
        let ast = QueryParser::new().parse_ast(q).unwrap();
        lint(&ast, q)
            .into_iter()
            .map(|w| (w.column(), w.message()))
            .collect()
    }

    #[test]
    fn lowercase_operators_between_terms() {
        let w = warnings("kind:appeal or kind:denial");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].0, 13);
        assert!(w[0].1.contains("write OR"), "{}", w[0].1);
        assert_eq!(warnings("kind:appeal And kind:denial")[0].0, 13);
        assert_eq!(warnings("not kind:appeal")[0].0, 1);
        assert_eq!(warnings("(a or b) -c")[0].0, 4);
        // Not between terms: a word like any other.
        assert!(warnings("or").is_empty());
        assert!(warnings("kind:appeal or").is_empty());
        assert!(warnings("or kind:appeal").is_empty());
        assert!(warnings(r#"kind:appeal "or" kind:denial"#).is_empty());
        assert!(warnings("kind:appeal OR kind:denial").is_empty());
    }

    #[test]
    fn names_cut_by_a_space() {
        let w = warnings("target:United States kind:appeal");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].0, 15);
        assert_eq!(
            w[0].1,
            "\"States\" is searched for in the text, not read as part of target:United; \
             for the name, write target:\"United States\""
        );
        let w = warnings("holder:United Arab Emirates");
        assert!(
            w[0].1.contains(r#"holder:"United Arab Emirates""#),
            "{}",
            w[0].1
        );
        assert!(w[0].1.contains("are searched"), "{}", w[0].1);
        // Lowercase words, quoted values and other fields are left alone.
        assert!(warnings("target:UKR strike").is_empty());
        assert!(warnings(r#"target:"United States" Kyiv"#).is_empty());
        assert!(warnings("kind:appeal Kyiv").is_empty());
        assert!(warnings("target:* Kyiv").is_empty());
        // A group or an operator in between ends the name.
        assert!(warnings("target:United (States)").is_empty());
        assert!(warnings("target:United OR States").is_empty());
    }
}
