//! Case-insensitive comparison, the same everywhere in the query layer.
//!
//! Names, ids, codes and text are compared after mapping every character to
//! its lowercase (`char::to_lowercase`), so "peskov", "PESKOV" and "Peskov"
//! are one name, and "КИЇВ" matches "Київ".

/// The string with every character lowercased.
pub(crate) fn fold(s: &str) -> String {
    if s.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii()) {
        return s.to_owned();
    }
    s.chars().flat_map(char::to_lowercase).collect()
}

/// Whether `a` and `b` are equal once folded.
pub(crate) fn eq_fold(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || (!(a.is_ascii() && b.is_ascii())
            && a.chars()
                .flat_map(char::to_lowercase)
                .eq(b.chars().flat_map(char::to_lowercase)))
}

/// Whether the folded `haystack` contains `needle`, which must already be
/// folded.
pub(crate) fn contains_folded(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if haystack.is_ascii() && needle.is_ascii() {
        let n = needle.as_bytes();
        return haystack
            .as_bytes()
            .windows(n.len())
            .any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b));
    }
    fold(haystack).contains(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_is_unicode_aware() {
        assert_eq!(fold("PESKOV"), "peskov");
        assert_eq!(fold("КИЇВ"), "київ");
        assert!(eq_fold("Київ", "КИЇВ"));
        assert!(eq_fold("rus", "RUS"));
        assert!(!eq_fold("rus", "ru"));
        assert!(contains_folded("Russia WILL strike back", "will strike"));
        assert!(contains_folded("Заява КИЄВА", "києва"));
        assert!(!contains_folded("short", "longer needle"));
        assert!(contains_folded("", ""));
        // The Kelvin sign folds to an ASCII k.
        assert!(contains_folded("\u{212A}elvin", "kelvin"));
    }
}
