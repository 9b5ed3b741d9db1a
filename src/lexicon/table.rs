//! Reading tab-separated lexicon tables.

use super::{LexiconError, Table};

/// The most columns a table has ([`Table::columns`]).
const MAX_COLUMNS: usize = 6;

/// One row: its line number (from 1) and its columns, kept in place
/// rather than in a vector of their own (a table has a few).
pub(crate) struct Row<'a> {
    pub line: usize,
    cols: [&'a str; MAX_COLUMNS],
    len: usize,
}

impl<'a> Row<'a> {
    /// Column `i`, trimmed.
    pub fn col(&self, i: usize) -> &'a str {
        self.cols[..self.len].get(i).map_or("", |c| c.trim())
    }

    /// Column `i` as an optional value: `-` is none.
    pub fn opt(&self, i: usize) -> Option<&'a str> {
        match self.col(i) {
            "-" | "" => None,
            s => Some(s),
        }
    }

    /// Column `i` as a `|`-separated list: `-` is empty.
    pub fn list(&self, i: usize) -> Vec<String> {
        match self.opt(i) {
            None => Vec::new(),
            Some(s) => s
                .split('|')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

/// The rows of `tsv`, skipping comments and blank lines, each checked for
/// its column count.
pub(crate) fn rows(table: Table, tsv: &str) -> Result<Vec<Row<'_>>, LexiconError> {
    let mut out = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        // The columns, counted all, kept up to the most a table has.
        let (mut cols, mut len) = ([""; MAX_COLUMNS], 0);
        for field in tab_fields(line) {
            if let Some(c) = cols.get_mut(len) {
                *c = field;
            }
            len += 1;
        }
        if !(table.required_columns()..=table.columns().min(MAX_COLUMNS)).contains(&len) {
            let expected = if table.required_columns() == table.columns() {
                table.columns().to_string()
            } else {
                format!("{} or {}", table.required_columns(), table.columns())
            };
            return Err(LexiconError::new(
                Some(table),
                Some(i + 1),
                format!("expected {expected} tab-separated columns, found {len}"),
            ));
        }
        if let Some(c) = cols[..len].iter().position(|c| c.trim().is_empty()) {
            return Err(LexiconError::new(
                Some(table),
                Some(i + 1),
                format!("column {} is empty (write - for none)", c + 1),
            ));
        }
        out.push(Row {
            line: i + 1,
            cols,
            len,
        });
    }
    Ok(out)
}

/// The tab-separated fields of a line, as `line.split('\t')` gives them,
/// found by a plain byte loop (the fields are short).
pub(crate) fn tab_fields(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'\t') {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Parses every row, or reports the first bad one.
pub(crate) fn parse_all<T>(
    table: Table,
    rows: &[Row<'_>],
    parse: impl Fn(&Row<'_>) -> Result<T, String>,
) -> Result<Vec<T>, LexiconError> {
    // Sized first: collecting into a `Result<Vec<_>, _>` cannot know the
    // length and grows the vector by doubling, copying the entries.
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(parse(r).map_err(|m| LexiconError::new(Some(table), Some(r.line), m))?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_has_room_for_every_column_of_every_table() {
        for t in Table::ALL {
            assert!(t.columns() <= MAX_COLUMNS, "{}", t.name());
        }
        let rows = rows(Table::People, "# c\n\nA\tb\tc\td\te\tf\n").expect("a row of six");
        assert_eq!(rows.len(), 1);
        assert_eq!(
            (rows[0].line, rows[0].col(0), rows[0].col(5)),
            (3, "A", "f")
        );
        assert_eq!(rows[0].col(6), "");
        let e = rows_error(Table::People, "a\tb\tc\td\te\tf\tg\n");
        assert!(e.contains("found 7"), "{e}");
    }

    fn rows_error(table: Table, tsv: &str) -> String {
        match rows(table, tsv) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        }
    }
}
