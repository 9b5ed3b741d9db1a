//! A GDELT-style event table: GDELT 2.0's event columns that apply to a
//! stance, tab-separated, never quoted.

use std::fmt::Write;

use chrono::Datelike;

use crate::{CountryCode, Modality, StanceRow};

/// The GDELT-style table's columns, in order, with GDELT 2.0's names (see
/// the [module docs](super#the-gdelt-style-table) for what each holds).
/// Their types, as GDELT's schema gives them: `GlobalEventID` `BIGINT`;
/// `Day`, `MonthYear`, `Year`, `QuadClass` `INTEGER`; `FractionDate`,
/// `GoldsteinScale` `DOUBLE`; the rest text (`EventCode` and its kin keep
/// their leading zeros).
pub const GDELT_COLUMNS: [&str; 17] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "SOURCEURL",
];

/// Appends one line to `out`; returns false, appending nothing, for a
/// negated stance, which is no event.
pub(super) fn row<'a>(out: &mut String, r: &StanceRow<'a>) -> bool {
    if r.modality == Modality::Negated {
        return false;
    }
    // Writing to a String cannot fail.
    let _ = write!(out, "{}\t", event_id(&r.id));
    match r.date {
        Some(d) => {
            let fraction = f64::from(d.year()) + f64::from(d.month() * 30 + d.day()) / 365.0;
            let _ = write!(
                out,
                "{}\t{}\t{}\t{fraction:.4}\t",
                d.format("%Y%m%d"),
                d.format("%Y%m"),
                d.year()
            );
        }
        None => out.push_str("\t\t\t\t"),
    }
    let code = |c: Option<&'a CountryCode>| c.map_or("", CountryCode::as_str);
    let fields = [
        code(r.holder_side),
        r.holder_name.unwrap_or(""),
        code(r.holder_country),
        code(r.target_side),
        r.target.and(r.target_name).unwrap_or(""),
        code(r.target_country),
    ];
    for f in fields {
        text(out, f);
        out.push('\t');
    }
    let _ = write!(
        out,
        "{}\t{}\t{}\t{}\t{:.1}\t",
        r.cameo,
        r.cameo_base,
        r.cameo_root,
        r.quad_class.number(),
        r.goldstein
    );
    match r.source {
        Some(source) => url(out, source),
        None => text(out, r.document.as_str()),
    }
    out.push('\n');
    true
}

/// The event's number: the 64-bit FNV-1a hash of the row's id, its top
/// bit cleared so that it is a positive `BIGINT`.
pub(super) fn event_id(id: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let hash = id
        .bytes()
        .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME));
    hash & (u64::MAX >> 1)
}

/// Appends a text field: control characters become spaces and double
/// quotation marks apostrophes, so that no reader sees a tab, a line
/// break or a quoted field where there is none.
fn text(out: &mut String, f: &str) {
    out.extend(f.chars().map(|c| match c {
        '"' => '\'',
        c if c.is_control() => ' ',
        c => c,
    }));
}

/// Appends a URL field: control characters and double quotation marks
/// percent-encoded, as a URL would have them.
fn url(out: &mut String, f: &str) {
    for c in f.chars() {
        if c == '"' || c.is_control() {
            let mut bytes = [0u8; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        // FNV-1a 64 of "" and "a" and "foobar" (from the FNV reference
        // test suite), top bit cleared.
        let top = u64::MAX >> 1;
        assert_eq!(event_id(""), 0xcbf2_9ce4_8422_2325 & top);
        assert_eq!(event_id("a"), 0xaf63_dc4c_8601_ec8c & top);
        assert_eq!(event_id("foobar"), 0x8594_4171_f739_67e8 & top);
    }

    #[test]
    fn text_and_urls_lose_tabs_breaks_and_quotes() {
        let mut out = String::new();
        text(&mut out, "the \"Kremlin\"\tand\r\nco\u{7f}");
        assert_eq!(out, "the 'Kremlin' and  co ");
        out.clear();
        url(&mut out, "https://x.org/a b?q=\"1\"\t\u{85}");
        assert_eq!(out, "https://x.org/a b?q=%221%22%09%C2%85");
    }
}
