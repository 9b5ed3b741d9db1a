//! Byte spans into a document's text.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A half-open range `[start, end)` of UTF-8 byte offsets into a document's text.
///
/// Every statement, stance cue and event carries the span of the text that
/// justified it, so results can always be traced back to their evidence.
/// In JSON a span is a two-element array, `[start, end]`.
///
/// # Examples
///
/// ```
/// use demarche::Span;
///
/// let text = "Moscow vowed to respond.";
/// let span = Span::new(7, 12);
/// assert_eq!(span.slice(text), Some("vowed"));
/// assert_eq!(span.len(), 5);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The offset of the first byte.
    pub start: usize,
    /// The offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `[start, end)`. If `end` is before `start`, the span is the
    /// empty span at `start`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: if end < start { start } else { end },
        }
    }

    /// The number of bytes the span covers.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Whether `offset` falls inside the span.
    pub const fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub const fn covers(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn to(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text the span covers, or `None` if the span is out of bounds or
    /// does not fall on character boundaries.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    /// Whether the span lies within a text of `len` bytes.
    pub const fn fits(&self, len: usize) -> bool {
        self.start <= self.end && self.end <= len
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (self.start, self.end).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Span, D::Error> {
        let (start, end) = <(usize, usize)>::deserialize(deserializer)?;
        if end < start {
            return Err(serde::de::Error::custom(format!(
                "span [{start}, {end}] ends before it starts"
            )));
        }
        Ok(Span { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reversed_span_is_empty_at_start() {
        let s = Span::new(5, 2);
        assert_eq!(s, Span { start: 5, end: 5 });
        assert!(s.is_empty());
    }

    #[test]
    fn slice_refuses_non_char_boundaries() {
        let text = "Kyiv’s";
        // The apostrophe is three bytes: 4..7.
        assert_eq!(Span::new(4, 7).slice(text), Some("’"));
        assert_eq!(Span::new(4, 5).slice(text), None);
        assert_eq!(Span::new(0, 99).slice(text), None);
    }

    #[test]
    fn overlap_and_cover() {
        let a = Span::new(0, 10);
        assert!(a.overlaps(Span::new(9, 12)));
        assert!(!a.overlaps(Span::new(10, 12)));
        assert!(a.covers(Span::new(2, 10)));
        assert_eq!(a.to(Span::new(8, 14)), Span::new(0, 14));
    }

    #[test]
    fn json_is_a_pair_and_rejects_reversed() {
        let json = serde_json::to_string(&Span::new(3, 9)).unwrap();
        assert_eq!(json, "[3,9]");
        assert_eq!(
            serde_json::from_str::<Span>("[3,9]").unwrap(),
            Span::new(3, 9)
        );
        let err = serde_json::from_str::<Span>("[9,3]").unwrap_err();
        assert!(err.to_string().contains("ends before it starts"), "{err}");
    }
}
