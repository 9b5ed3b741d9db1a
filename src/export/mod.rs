//! Tables of stances for other tools: CSV, a GDELT-style event table and
//! PLOVER-style JSON Lines.
//!
//! The input is the flat view of an analysis, [`StanceRow`]s (from
//! [`Analysis::stance_rows`](crate::Analysis::stance_rows) or
//! [`Analysis::stance_rows_with_text`](crate::Analysis::stance_rows_with_text));
//! a [`Writer`] writes them in one of three [`Format`]s:
//!
//! | format | what | for |
//! | --- | --- | --- |
//! | [`Format::Csv`] | every field of the row, [RFC 4180](https://www.rfc-editor.org/rfc/rfc4180) CSV with a header row ([`CSV_COLUMNS`]) and CRLF line ends | spreadsheets, pandas, R, SQL |
//! | [`Format::Gdelt`] | the GDELT 2.0 event-table columns that apply ([`GDELT_COLUMNS`]), tab-separated, with a header row | scripts and databases that load GDELT |
//! | [`Format::Plover`] | one JSON object per line in the field names of PLOVER's JSON records, plus this crate's own | POLECAT and PLOVER users |
//!
//! Many analyses (one per article, say) make one table: a writer writes
//! its header once, before the first row, or on [`Writer::finish`] if
//! there are no rows.
//!
//! # Examples
//!
//! ```
//! use demarche::Parser;
//! use demarche::export::{Format, Writer};
//!
//! let text = "Iran's foreign ministry strongly condemned the Israeli strike.";
//! let parsed = Parser::new().parse_document("a1", text, None)?;
//! let rows = parsed.analysis.stance_rows_with_text(|_| Some(text));
//!
//! let mut csv = Writer::new(Format::Csv, Vec::new());
//! csv.write_rows(&rows)?;
//! let csv = String::from_utf8(csv.finish()?).unwrap();
//! let mut lines = csv.lines();
//! assert!(lines.next().unwrap().starts_with("id,document,source,date,speaker,"));
//! assert!(lines.next().unwrap().starts_with("a1#1,a1,,,"));
//!
//! let gdelt = demarche::export::to_string(Format::Gdelt, &rows);
//! let row: Vec<&str> = gdelt.lines().nth(1).unwrap().split('\t').collect();
//! assert_eq!(row.len(), demarche::export::GDELT_COLUMNS.len());
//! assert_eq!(&row[5..8], ["IRN", "Iran foreign ministry", "IRN"]); // Actor1Code, Name, CountryCode
//! assert_eq!(&row[11..16], ["111", "111", "11", "3", "-2.0"]); // codes, QuadClass, Goldstein
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The GDELT-style table
//!
//! Its columns keep GDELT 2.0's names and meanings, so scripts and
//! database schemas written for GDELT's event files read it:
//!
//! - `GlobalEventID`: a number derived from the row's id (`DOCUMENT#N`):
//!   its 64-bit FNV-1a hash with the top bit cleared, so a positive
//!   `BIGINT`, the same in every run and on every machine. (GDELT numbers
//!   its events in sequence; a hash keeps tables made apart, on the workers
//!   of a distributed job say, free of clashes.)
//! - `Day` (`YYYYMMDD`), `MonthYear` (`YYYYMM`), `Year` and `FractionDate`
//!   (GDELT's `YEAR + (MONTH × 30 + DAY) / 365`, to four places): the day
//!   of the statement, empty when it is not known.
//! - `Actor1Code`, `Actor1Name`, `Actor1CountryCode`: the holder's side
//!   code (a country code, or an organisation's such as `UN`, `NATO`), its
//!   name, and the side again if it is a country's
//!   ([`StanceRow::holder_country`]); `Actor2*`: the same for the target,
//!   empty when the stance has none.
//! - `EventCode`, `EventBaseCode`, `EventRootCode`: the CAMEO code, always
//!   one from the codebook (`data/cameo.tsv`), with its leading zero
//!   (`"036"`): load these columns as text, as GDELT's schema does.
//! - `QuadClass` (1 to 4) and `GoldsteinScale` (one decimal).
//! - `SOURCEURL`: the document's source, or else its id.
//!
//! Negated stances ("ruled out talks") are no events and are left out of
//! this table ([`Writer::rows_left_out`] counts them); the CSV and PLOVER
//! formats keep them, with their modality.
//!
//! Fields are never quoted, so the table reads the same whether the
//! reader honours quotation marks (Python's `csv` with the `excel-tab`
//! dialect, DuckDB's `read_csv`) or not (`cut`, GDELT's own loaders):
//! tabs, line breaks and other control characters in names become spaces
//! and double quotation marks become apostrophes; in `SOURCEURL` they are
//! percent-encoded instead (`%09`, `%22`, ...). `scripts/gdelt_load_check.py`
//! loads a table both ways and in DuckDB.
//!
//! # PLOVER-style JSON Lines
//!
//! One object per stance, with the field names of PLOVER's JSON records
//! (as in its gold-standard records): `id`, `date`, `source` and `target`
//! (lists of `{"actorText", "code"}`, `code` being the side, or `null`;
//! `target` is empty for a stance with no target), `event` (the PLOVER
//! type), `eventText` (the cue), `text` (the statement), `language`
//! (`"en"`), `publication` (the document's source, or `null`); then this
//! crate's own, in camelCase: `document`, `actor` inside `source` and
//! `target` (the actor id), `speaker`, `reportedBy`, `kind`, `modality`,
//! `intensity`, `cameo`, `quadClass`, `goldstein`, `span` and `charSpan`
//! (`[start, end]`, or `null`).

mod csv;
mod gdelt;
mod plover;

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use crate::StanceRow;

pub use self::csv::CSV_COLUMNS;
pub use self::gdelt::GDELT_COLUMNS;

/// The formats a [`Writer`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// RFC 4180 CSV, every field of the row, with a header row.
    Csv,
    /// A tab-separated GDELT-style event table, with a header row.
    Gdelt,
    /// PLOVER-style JSON Lines, one object per stance, no header.
    Plover,
}

impl Format {
    /// Every format, in a fixed order.
    pub const ALL: [Format; 3] = [Format::Csv, Format::Gdelt, Format::Plover];

    /// The format's name on command lines: `"csv"`, `"gdelt"`, `"plover"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Gdelt => "gdelt",
            Format::Plover => "plover",
        }
    }

    /// The names of the table's columns, in order; `None` for JSON Lines.
    ///
    /// # Examples
    ///
    /// ```
    /// use demarche::export::Format;
    ///
    /// assert_eq!(Format::Gdelt.columns().unwrap()[0], "GlobalEventID");
    /// assert_eq!(Format::Plover.columns(), None);
    /// ```
    pub fn columns(&self) -> Option<&'static [&'static str]> {
        match self {
            Format::Csv => Some(&CSV_COLUMNS),
            Format::Gdelt => Some(&GDELT_COLUMNS),
            Format::Plover => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The error for a string that names no [`Format`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?}: expected one of csv, gdelt, plover")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// A format from its name, without regard to case.
    ///
    /// ```
    /// use demarche::export::Format;
    ///
    /// assert_eq!("GDELT".parse::<Format>(), Ok(Format::Gdelt));
    /// assert!("tsv".parse::<Format>().unwrap_err().to_string().contains("csv, gdelt, plover"));
    /// ```
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

/// Writes stance rows as one table in a [`Format`], to any [`Write`].
///
/// The header row goes out with the first row, or on [`finish`](Writer::finish)
/// if no row came. Each row is formatted whole before it is written, so an
/// I/O error never leaves half a row behind, and the writer does no
/// buffering of its own: give it a [`std::io::BufWriter`] for files and
/// standard output.
///
/// # Examples
///
/// ```
/// use demarche::export::{Format, Writer};
///
/// let mut w = Writer::new(Format::Gdelt, Vec::new());
/// w.write_rows(&[])?; // an empty analysis
/// let table = String::from_utf8(w.finish()?).unwrap();
/// assert!(table.starts_with("GlobalEventID\tDay\t"));
/// assert_eq!(table.lines().count(), 1); // the header alone
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct Writer<W: Write> {
    format: Format,
    out: W,
    started: bool,
    written: u64,
    left_out: u64,
    buf: String,
}

impl<W: Write> Writer<W> {
    /// A writer of `format` to `out`. Nothing is written yet.
    pub fn new(format: Format, out: W) -> Writer<W> {
        Writer {
            format,
            out,
            started: false,
            written: 0,
            left_out: 0,
            buf: String::new(),
        }
    }

    /// The format it writes.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Writes one row (after the header, if it is the first).
    pub fn write_row(&mut self, row: &StanceRow<'_>) -> io::Result<()> {
        self.start()?;
        self.buf.clear();
        let written = match self.format {
            Format::Csv => {
                csv::row(&mut self.buf, row);
                true
            }
            Format::Gdelt => gdelt::row(&mut self.buf, row),
            Format::Plover => {
                plover::row(&mut self.buf, row);
                true
            }
        };
        if written {
            self.out.write_all(self.buf.as_bytes())?;
            self.written += 1;
        } else {
            self.left_out += 1;
        }
        Ok(())
    }

    /// Writes rows in order.
    pub fn write_rows(&mut self, rows: &[StanceRow<'_>]) -> io::Result<()> {
        self.start()?;
        rows.iter().try_for_each(|row| self.write_row(row))
    }

    /// How many rows it has written (the header not counted).
    pub fn rows_written(&self) -> u64 {
        self.written
    }

    /// How many rows it was given but left out: negated stances, in the
    /// GDELT-style table.
    pub fn rows_left_out(&self) -> u64 {
        self.left_out
    }

    /// Writes the header if no row has been written, flushes, and gives
    /// back the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.start()?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            if let Some(columns) = self.format.columns() {
                let (sep, end) = match self.format {
                    Format::Csv => (",", "\r\n"),
                    _ => ("\t", "\n"),
                };
                let header = columns.join(sep) + end;
                self.out.write_all(header.as_bytes())?;
            }
        }
        Ok(())
    }
}

/// The whole table for `rows` as a string.
///
/// # Examples
///
/// ```
/// use demarche::export::{self, Format};
///
/// assert_eq!(export::to_string(Format::Plover, &[]), "");
/// assert!(export::to_string(Format::Csv, &[]).ends_with(",statement,stance,text\r\n"));
/// ```
pub fn to_string(format: Format, rows: &[StanceRow<'_>]) -> String {
    let mut w = Writer::new(format, Vec::new());
    // Writing to a vector cannot fail.
    let _ = w.write_rows(rows);
    let bytes = w.finish().unwrap_or_default();
    // Every format writes UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}
