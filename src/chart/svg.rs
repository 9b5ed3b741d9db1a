//! A small SVG writer: elements and attributes written straight into a
//! string, with XML escaping and fixed number formatting so that the same
//! chart always gives the same bytes.

use std::fmt::Write;

/// An SVG document being written.
pub(crate) struct Svg {
    out: String,
}

/// An attribute value: text (escaped) or a number (one decimal at most).
pub(crate) enum Value<'a> {
    Text(&'a str),
    Num(f64),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Value<'a> {
        Value::Text(s)
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(s: &'a String) -> Value<'a> {
        Value::Text(s)
    }
}

impl From<f64> for Value<'_> {
    fn from(n: f64) -> Value<'static> {
        Value::Num(n)
    }
}

impl Svg {
    /// A document of `width` × `height` pixels, its root element opened,
    /// with a title (shown by viewers and read by screen readers), a
    /// stylesheet and a white background.
    pub(crate) fn new(width: f64, height: f64, title: &str, style: &str) -> Svg {
        let mut svg = Svg {
            out: String::with_capacity(64 * 1024),
        };
        svg.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.open(
            "svg",
            &[
                ("xmlns", "http://www.w3.org/2000/svg".into()),
                ("width", width.into()),
                ("height", height.into()),
                (
                    "viewBox",
                    format!("0 0 {} {}", num(width), num(height))
                        .as_str()
                        .into(),
                ),
                ("font-family", "sans-serif".into()),
                ("font-size", "11".into()),
            ],
        );
        svg.title(title);
        svg.out.push_str("<style>");
        svg.out.push_str(style);
        svg.out.push_str("</style>\n");
        svg.empty(
            "rect",
            &[
                ("width", width.into()),
                ("height", height.into()),
                ("fill", "#fff".into()),
            ],
        );
        svg
    }

    /// Opens an element: `<tag a="v" ...>`.
    pub(crate) fn open(&mut self, tag: &str, attrs: &[(&str, Value<'_>)]) {
        self.start(tag, attrs);
        self.out.push('>');
    }

    /// Writes an element with no content: `<tag a="v" .../>`.
    pub(crate) fn empty(&mut self, tag: &str, attrs: &[(&str, Value<'_>)]) {
        self.start(tag, attrs);
        self.out.push_str("/>\n");
    }

    /// Writes an element holding a `<title>` (a tooltip in browsers) and
    /// nothing else.
    pub(crate) fn titled(&mut self, tag: &str, attrs: &[(&str, Value<'_>)], title: &str) {
        self.open(tag, attrs);
        self.title(title);
        self.close(tag);
    }

    /// Writes an element holding text: `<tag ...>text</tag>`.
    pub(crate) fn text(&mut self, attrs: &[(&str, Value<'_>)], text: &str) {
        self.open("text", attrs);
        escape(&mut self.out, text);
        self.close("text");
    }

    /// Writes a text element with a tooltip: `<text ...><title>t</title>text</text>`.
    pub(crate) fn titled_text(&mut self, attrs: &[(&str, Value<'_>)], title: &str, text: &str) {
        self.open("text", attrs);
        self.title(title);
        escape(&mut self.out, text);
        self.close("text");
    }

    /// Writes a `<title>` element.
    pub(crate) fn title(&mut self, title: &str) {
        self.out.push_str("<title>");
        escape(&mut self.out, title);
        self.out.push_str("</title>");
    }

    /// Closes an element.
    pub(crate) fn close(&mut self, tag: &str) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push_str(">\n");
    }

    /// Closes the root and returns the document.
    pub(crate) fn finish(mut self) -> String {
        self.close("svg");
        self.out
    }

    fn start(&mut self, tag: &str, attrs: &[(&str, Value<'_>)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            match value {
                Value::Text(s) => escape(&mut self.out, s),
                Value::Num(n) => self.out.push_str(&num(*n)),
            }
            self.out.push('"');
        }
    }
}

/// A number with at most one decimal, without a trailing `.0`, and `0` for
/// anything that is not finite: `12`, `3.5`, `-0.5`.
pub(crate) fn num(n: f64) -> String {
    let tenths = if n.is_finite() {
        (n * 10.0).round()
    } else {
        0.0
    };
    let mut s = String::new();
    // Tenths of a pixel fit an i64 for any sane chart; clamp the rest.
    let t = tenths.clamp(-1e15, 1e15) as i64;
    if t < 0 {
        s.push('-');
    }
    let t = t.unsigned_abs();
    let _ = write!(s, "{}", t / 10);
    if t % 10 != 0 {
        let _ = write!(s, ".{}", t % 10);
    }
    s
}

/// Appends `text` escaped for XML content and attribute values. Characters
/// XML 1.0 does not allow (most control characters) become U+FFFD.
pub(crate) fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// An estimate, on the wide side, of the width of `text` in pixels at
/// `size` pixels in a common sans-serif font (DejaVu Sans, the widest of
/// the usual defaults). Layout uses it to keep labels from overlapping.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            ' ' => 0.33,
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' => 0.3,
            'f' | 'r' | 't' | '(' | ')' | '[' | ']' | '-' | '·' => 0.42,
            'm' | 'w' | 'M' | 'W' | '…' | '—' => 0.98,
            '0'..='9' => 0.64,
            'A'..='Z' => 0.76,
            'a'..='z' => 0.62,
            c if c.is_ascii() => 0.7,
            // Scripts with wide glyphs (CJK, Hangul) take a full em.
            c if is_wide(c) => 1.0,
            _ => 0.8,
        })
        .sum();
    ems * size
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60)
}

/// `text` cut to fit `max` pixels at `size`, with an ellipsis when cut.
pub(crate) fn fit(text: &str, size: f64, max: f64) -> String {
    if text_width(text, size) <= max {
        return text.to_owned();
    }
    let budget = max - text_width("…", size);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), size);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_fixed() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(3.46), "3.5");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(1e300), "100000000000000");
    }

    #[test]
    fn escaping_covers_markup_and_control_characters() {
        let mut s = String::new();
        escape(&mut s, "a<b & \"c\" 'd'>\u{1}\n");
        assert_eq!(s, "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\u{FFFD}\n");
    }

    #[test]
    fn fitting_cuts_with_an_ellipsis() {
        assert_eq!(fit("Russia", 11.0, 200.0), "Russia");
        let cut = fit(
            "Ministry of Foreign Affairs of the Russian Federation",
            11.0,
            80.0,
        );
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 11.0) <= 80.0);
        assert_eq!(fit("abc", 11.0, 0.0), "…");
    }

    #[test]
    fn documents_are_closed() {
        let mut svg = Svg::new(10.0, 5.0, "t<", ".a{}");
        svg.text(&[("x", 1.0.into())], "x & y");
        let out = svg.finish();
        assert!(out.contains("<title>t&lt;</title>"));
        assert!(out.contains("<text x=\"1\">x &amp; y</text>"));
        assert!(out.ends_with("</svg>\n"));
    }
}
