//! The CAMEO event codebook: code names and Goldstein values.
//!
//! The table is the one GDELT distributes (CAMEO 1.1b3, a public standard),
//! kept as an editable file, `data/cameo.tsv`, and embedded in the crate.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../data/cameo.tsv");

/// One entry of the CAMEO codebook.
///
/// # Examples
///
/// ```
/// let threat = demarche::cameo::lookup("138").unwrap();
/// assert_eq!(threat.name, "Threaten to use military force, not specified below");
/// assert_eq!(threat.goldstein, -7.0);
/// assert!(demarche::cameo::lookup("999").is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CameoEntry {
    /// The code: two digits for a root ("13"), three or four below it ("138", "1312").
    pub code: &'static str,
    /// The code's name in the codebook.
    pub name: &'static str,
    /// The Goldstein conflict–cooperation value, from −10 to +10.
    pub goldstein: f64,
}

fn table() -> &'static HashMap<&'static str, CameoEntry> {
    static TABLE_MAP: OnceLock<HashMap<&'static str, CameoEntry>> = OnceLock::new();
    TABLE_MAP.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let code = cols.next()?.trim();
                let goldstein = cols.next()?.trim().parse().ok()?;
                let name = cols.next()?.trim();
                Some((
                    code,
                    CameoEntry {
                        code,
                        name,
                        goldstein,
                    },
                ))
            })
            .collect()
    })
}

/// The codebook entry for `code`, if there is one.
pub fn lookup(code: &str) -> Option<CameoEntry> {
    table().get(code).copied()
}

/// Every entry of the codebook, in no particular order.
pub fn entries() -> impl Iterator<Item = CameoEntry> {
    table().values().copied()
}

impl CameoEntry {
    /// The root code: the first two digits (`"13"` for `"138"`), the
    /// 20 cue categories GDELT's `EventRootCode` holds.
    ///
    /// # Examples
    ///
    /// ```
    /// let e = demarche::cameo::lookup("1312").unwrap();
    /// assert_eq!((e.root(), e.base()), ("13", "131"));
    /// ```
    pub fn root(&self) -> &'static str {
        self.code.get(..2).unwrap_or(self.code)
    }

    /// The base code: the first three digits (`"131"` for `"1312"`), as in
    /// GDELT's `EventBaseCode`. A root code's base is the root's
    /// "not specified below" code (`"130"` for `"13"`) when the codebook has it.
    pub fn base(&self) -> &'static str {
        match self.code.len() {
            2 => lookup(&format!("{}0", self.code)).map_or(self.code, |e| e.code),
            _ => self.code.get(..3).unwrap_or(self.code),
        }
    }

    /// The quad class of the code's root: verbal or material, cooperation
    /// or conflict.
    pub fn quad_class(&self) -> QuadClass {
        QuadClass::of_root(self.root())
    }
}

/// The four classes GDELT (as `QuadClass`) and many analyses group CAMEO
/// roots into: roots 01–05 are verbal cooperation, 06–09 material
/// cooperation, 10–14 verbal conflict, 15–20 material conflict.
///
/// # Examples
///
/// ```
/// use demarche::cameo::{self, QuadClass};
///
/// assert_eq!(cameo::lookup("036").unwrap().quad_class(), QuadClass::VerbalCooperation);
/// assert_eq!(cameo::lookup("138").unwrap().quad_class().number(), 3);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuadClass {
    /// Roots 01–05: statements, appeals, intents, consultations, diplomatic cooperation.
    VerbalCooperation,
    /// Roots 06–09: material cooperation, aid, yielding, investigation.
    MaterialCooperation,
    /// Roots 10–14: demands, disapproval, rejection, threats, protests.
    VerbalConflict,
    /// Roots 15–20: force posture, reduced relations, coercion, assault, fighting.
    MaterialConflict,
}

impl QuadClass {
    /// The class of a two-digit root code of the codebook (01 to 20).
    fn of_root(root: &str) -> QuadClass {
        match root.parse::<u8>().unwrap_or(0) {
            6..=9 => QuadClass::MaterialCooperation,
            10..=14 => QuadClass::VerbalConflict,
            15.. => QuadClass::MaterialConflict,
            _ => QuadClass::VerbalCooperation,
        }
    }

    /// The class's number in GDELT's `QuadClass` column: 1 to 4.
    pub fn number(&self) -> u8 {
        match self {
            QuadClass::VerbalCooperation => 1,
            QuadClass::MaterialCooperation => 2,
            QuadClass::VerbalConflict => 3,
            QuadClass::MaterialConflict => 4,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_whole_table_loads() {
        assert!(super::entries().count() > 300);
        for root in ["01", "02", "10", "11", "12", "13", "20"] {
            assert!(super::lookup(root).is_some(), "{root}");
        }
        assert_eq!(super::lookup("051").unwrap().goldstein, 3.4);
        assert_eq!(super::lookup("016").unwrap().goldstein, -2.0);
    }

    #[test]
    fn roots_bases_and_quad_classes() {
        use super::QuadClass::*;
        let cases = [
            ("010", "01", "010", VerbalCooperation),
            ("0311", "03", "031", VerbalCooperation),
            ("05", "05", "050", VerbalCooperation),
            ("061", "06", "061", MaterialCooperation),
            ("0874", "08", "087", MaterialCooperation),
            ("1041", "10", "104", VerbalConflict),
            ("138", "13", "138", VerbalConflict),
            ("1312", "13", "131", VerbalConflict),
            ("150", "15", "150", MaterialConflict),
            ("204", "20", "204", MaterialConflict),
        ];
        for (code, root, base, quad) in cases {
            let e = super::lookup(code).unwrap_or_else(|| panic!("{code} is in the codebook"));
            assert_eq!(
                (e.root(), e.base(), e.quad_class()),
                (root, base, quad),
                "{code}"
            );
        }
        // Every entry's root and base are codes of the codebook too.
        for e in super::entries() {
            assert!(super::lookup(e.root()).is_some(), "{}", e.code);
            assert!(super::lookup(e.base()).is_some(), "{}", e.code);
            assert!(e.base().starts_with(e.root()), "{}", e.code);
        }
        assert_eq!(super::lookup("20").unwrap().quad_class().number(), 4);
    }
}
