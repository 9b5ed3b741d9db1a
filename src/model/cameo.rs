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
}
