//! RFC 4180 CSV: every field of a stance row.

use std::fmt::Write;

use crate::StanceRow;

/// The CSV table's columns, in order: the fields of [`StanceRow`], with
/// `reported_by` as ids separated by `;` (outermost first), `quad_class`
/// as its number (1 to 4), `goldstein` with one decimal, and each span as
/// two columns (`start`, `end` in bytes; `char_start`, `char_end` in
/// characters, empty when unknown), and last the row's place in the
/// analysis (`statement`, `stance`) and the statement's `text`. Missing
/// values are empty fields.
pub const CSV_COLUMNS: [&str; 32] = [
    "id",
    "document",
    "source",
    "date",
    "speaker",
    "speaker_name",
    "reported_by",
    "holder",
    "holder_name",
    "holder_side",
    "holder_country",
    "target",
    "target_name",
    "target_side",
    "target_country",
    "kind",
    "modality",
    "intensity",
    "cameo",
    "cameo_base",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover",
    "cue",
    "start",
    "end",
    "char_start",
    "char_end",
    "statement",
    "stance",
    "text",
];

/// Appends one record, CRLF-terminated, to `out`.
pub(super) fn row(out: &mut String, r: &StanceRow<'_>) {
    let reported_by = r
        .reported_by
        .iter()
        .map(|a| a.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let date = r.date.map(|d| d.to_string()).unwrap_or_default();
    let num = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    let fields: [&str; 29] = [
        &r.id,
        r.document.as_str(),
        r.source.unwrap_or(""),
        &date,
        r.speaker.as_str(),
        r.speaker_name.unwrap_or(""),
        &reported_by,
        r.holder.as_str(),
        r.holder_name.unwrap_or(""),
        r.holder_side.map_or("", |c| c.as_str()),
        r.holder_country.map_or("", |c| c.as_str()),
        r.target.map_or("", |a| a.as_str()),
        r.target_name.unwrap_or(""),
        r.target_side.map_or("", |c| c.as_str()),
        r.target_country.map_or("", |c| c.as_str()),
        r.kind.as_str(),
        r.modality.as_str(),
        r.intensity.as_str(),
        r.cameo,
        r.cameo_base,
        r.cameo_root,
        &r.quad_class.number().to_string(),
        &format!("{:.1}", r.goldstein),
        r.plover.as_str(),
        r.cue,
        &r.span.start.to_string(),
        &r.span.end.to_string(),
        &num(r.char_span.map(|s| s.start)),
        &num(r.char_span.map(|s| s.end)),
    ];
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f);
    }
    // Writing to a String cannot fail.
    let _ = write!(out, ",{},{},", r.statement, r.stance);
    field(out, r.text);
    out.push_str("\r\n");
}

/// Appends a field, quoted (with its quotation marks doubled) if it holds
/// a comma, a quotation mark or a line break, as RFC 4180 asks.
pub(super) fn field(out: &mut String, f: &str) {
    if f.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(f);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let cases = [
            ("", ""),
            ("plain text", "plain text"),
            ("a,b", "\"a,b\""),
            ("say \"no\"", "\"say \"\"no\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\r", "\"cr\r\""),
            ("tab\tand ' are fine", "tab\tand ' are fine"),
            ("\"", "\"\"\"\""),
        ];
        for (input, expected) in cases {
            let mut out = String::new();
            super::field(&mut out, input);
            assert_eq!(out, expected, "{input:?}");
        }
    }
}
