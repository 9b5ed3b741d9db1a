//! Tokens: words, numbers, punctuation and quotation marks, with byte spans
//! and a normalized form (lowercase, accents folded, curly apostrophes made
//! straight) kept in one shared string so matching allocates nothing per token.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (and digits, apostrophes or periods inside them): "Kyiv", "U.S.", "Ren'ai".
    Word,
    /// Digits, possibly with separators: "14", "3.5", "2025-06-01" is three tokens.
    Number,
    /// A clitic split off a word: "'s", "n't", "'ll", "'re", "'ve", "'d", "'m".
    Clitic,
    /// An opening double quotation mark.
    OpenQuote,
    /// A closing double quotation mark.
    CloseQuote,
    /// A straight double quote whose direction the context decides.
    Quote,
    /// Any other punctuation or symbol, one character.
    Punct,
}

/// The token starts with an uppercase letter.
pub(crate) const CAP: u8 = 1;
/// Every letter in the token is uppercase (and there are at least two).
pub(crate) const ALLCAP: u8 = 2;
/// Whitespace precedes the token (or it starts the text).
pub(crate) const SPACE_BEFORE: u8 = 4;
/// A line break precedes the token (or it starts the text).
pub(crate) const LINE_START: u8 = 8;
/// The token's normalized form is its text (ASCII without capitals): only
/// the other tokens' forms are kept in [`Tokens::norm`].
pub(crate) const NORMAL: u8 = 16;
/// Where the top three bits of a token's flags start: for a token that is
/// not [`NORMAL`], how many such tokens come before it in its group of
/// eight (set once the text is read), so that its form is found without
/// counting bits.
const ODD_IN_GROUP: u32 = 5;

/// One token: 12 bytes, where the place of its normalized form would take
/// 4 more for every token (the forms of the few that are not [`NORMAL`]
/// are found through [`Tokens::odd_before`] and its flags' top bits).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    /// Byte offset of the first byte in the text.
    pub start: u32,
    /// Byte offset one past the last byte in the text.
    pub end: u32,
    pub kind: Kind,
    pub flags: u8,
    /// The token's word classes, as the number of their set in the
    /// matcher's table ([`Matcher::class_set`](super::matcher::Matcher::class_set)),
    /// given when the document is read (0, no class, until then): in room
    /// the other fields leave, where a table of the tokens' word ids would
    /// take 4 bytes a token.
    pub classes: u16,
}

impl Token {
    pub fn is(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// A set of token indexes, one bit a token: what a per-token flag costs
/// for a whole document, where a `Vec<Option<u32>>` would cost 64 bits.
#[derive(Clone, Debug, Default)]
pub(crate) struct TokenSet {
    words: Vec<u64>,
}

impl TokenSet {
    /// An empty set for `n` tokens.
    pub fn new(n: usize) -> TokenSet {
        TokenSet {
            words: vec![0; n.div_ceil(64)],
        }
    }

    /// Whether token `i` is in the set (never, past the end).
    pub fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w >> (i % 64) & 1 != 0)
    }

    /// Puts tokens `r` in the set (those past the end are left out).
    pub fn insert_range(&mut self, r: std::ops::Range<usize>) {
        for i in r {
            if let Some(w) = self.words.get_mut(i / 64) {
                *w |= 1 << (i % 64);
            }
        }
    }
}

/// A set of token indexes that also counts its members below a token in
/// constant time: a bit a token, and for each 64 tokens the count of
/// members before them. Inserting in token order costs constant time too.
#[derive(Clone, Debug, Default)]
pub(crate) struct RankedSet {
    bits: Vec<u64>,
    /// `before[w]`: the members in the words below `w`, for every word up
    /// to the last one holding a member (past it: all of them).
    before: Vec<u32>,
    len: u32,
}

impl RankedSet {
    /// An empty set for `n` tokens.
    pub fn new(n: usize) -> RankedSet {
        RankedSet {
            bits: vec![0; n.div_ceil(64)],
            before: Vec::new(),
            len: 0,
        }
    }

    /// Whether token `i` is in the set (never, past the end).
    pub fn contains(&self, i: usize) -> bool {
        self.bits
            .get(i / 64)
            .is_some_and(|w| w >> (i % 64) & 1 != 0)
    }

    /// How many members are below token `i`.
    pub fn count_below(&self, i: usize) -> usize {
        let w = i / 64;
        let base = self.before.get(w).copied().unwrap_or(self.len) as usize;
        let word = self.bits.get(w).copied().unwrap_or(0);
        base + (word & ((1u64 << (i % 64)) - 1)).count_ones() as usize
    }

    /// Puts token `i` in the set; whether it was not in it before (and
    /// within the set's tokens).
    #[inline(always)]
    pub fn insert(&mut self, i: usize) -> bool {
        let w = i / 64;
        let bit = 1u64 << (i % 64);
        match self.bits.get_mut(w) {
            Some(word) if *word & bit == 0 => *word |= bit,
            _ => return false,
        }
        if w >= self.before.len() {
            self.before.resize(w + 1, self.len);
        } else {
            for b in &mut self.before[w + 1..] {
                *b += 1;
            }
        }
        self.len += 1;
        true
    }
}

/// Abbreviations that keep their final period (compared normalized).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "adm", "sen", "rep", "gov", "sgt", "capt",
    "prof", "rev", "st", "jr", "sr", "no", "vol", "dept", "corp", "inc", "ltd", "co", "vs", "etc",
    "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "pres",
    "gov", "amb", "cmdr", "brig", "lieut", "supt", "est", "approx", "fig",
];

/// The tokens of a text and their normalized forms.
#[derive(Debug, Default)]
pub(crate) struct Tokens<'a> {
    pub toks: Vec<Token>,
    /// The text, where the forms of [`NORMAL`] tokens are.
    text: &'a str,
    /// The other tokens' normalized forms, one after the other.
    norm: String,
    /// The tokens that are not [`NORMAL`], whose forms are in `norm`:
    /// the `k`th of them spans `bounds[k]..bounds[k + 1]`. Its `k` is the
    /// count of such tokens before its group of 64 (`odd_before`), then
    /// before its group of 8 within that (`odd_in_block`), then before it
    /// within that ([`ODD_IN_GROUP`]): two loads, where counting the
    /// bits of a set cost some twenty instructions a form.
    odd_before: Vec<u32>,
    odd_in_block: Vec<u8>,
    bounds: Vec<u32>,
}

impl Tokens<'_> {
    /// The normalized form of token `i`, or "" past the end (or once
    /// [`Tokens::release_forms`] has freed the forms).
    #[inline(always)]
    pub fn norm(&self, i: usize) -> &str {
        let Some(t) = self.toks.get(i) else {
            return "";
        };
        if t.is(NORMAL) {
            return self
                .text
                .get(t.start as usize..t.end as usize)
                .unwrap_or("");
        }
        let k = self.odd_before.get(i / 64).map_or(0, |&b| b as usize)
            + self.odd_in_block.get(i / 8).map_or(0, |&b| usize::from(b))
            + usize::from(t.flags >> ODD_IN_GROUP);
        match self.bounds.get(k..k + 2) {
            Some(&[start, end]) => self.norm.get(start as usize..end as usize).unwrap_or(""),
            _ => "",
        }
    }

    /// Token `i`'s one byte, when it is a single byte of ASCII that is its
    /// own normalized form (a [`NORMAL`] token of one byte): for ASCII
    /// punctuation other than `-`, `'` and `"` (which other characters
    /// fold to), `byte(i) == Some(b)` says what `norm(i)` equal to `b`
    /// does, without making the form. None once the forms are freed.
    #[inline]
    pub fn byte(&self, i: usize) -> Option<u8> {
        let t = self.toks.get(i)?;
        if !t.is(NORMAL) || t.end != t.start + 1 {
            return None;
        }
        self.text.as_bytes().get(t.start as usize).copied()
    }

    /// Token `i`'s normalized form as a number ([`short_key`]) when it is
    /// one to seven bytes long: read from the text (or the forms) eight
    /// bytes at once where eight can be read, as a hash table of words
    /// compares it in one step.
    #[inline]
    pub fn short_key(&self, i: usize) -> Option<u64> {
        let t = self.toks.get(i)?;
        let (bytes, start, end) = if t.is(NORMAL) {
            (self.text.as_bytes(), t.start as usize, t.end as usize)
        } else {
            let k = self.odd_before.get(i / 64).map_or(0, |&b| b as usize)
                + self.odd_in_block.get(i / 8).map_or(0, |&b| usize::from(b))
                + usize::from(t.flags >> ODD_IN_GROUP);
            match self.bounds.get(k..k + 2) {
                Some(&[start, end]) => (self.norm.as_bytes(), start as usize, end as usize),
                _ => return None,
            }
        };
        let len = end.checked_sub(start)?;
        if !(1..=7).contains(&len) {
            return None;
        }
        match word_at(bytes, start) {
            Some(x) => Some(x & (u64::MAX >> (64 - 8 * len)) | (len as u64) << 56),
            None => short_key(bytes.get(start..end)?),
        }
    }

    /// Frees the normalized forms, keeping the tokens: [`Tokens::norm`]
    /// answers "" after it.
    pub fn release_forms(&mut self) {
        self.text = "";
        self.norm = String::new();
        self.odd_before = Vec::new();
        self.odd_in_block = Vec::new();
        self.bounds = Vec::new();
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !is_general_punctuation(c) && (c.is_alphanumeric() || c == '\u{00AD}')
}

/// Whether `c` is in Unicode's General Punctuation block (curly quotation
/// marks, dashes, spaces, the ellipsis): none is a letter or digit, so
/// the common non-ASCII characters of news text skip the Unicode tables.
fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// Characters with their byte offsets, like `char_indices().peekable()`,
/// but decoding ASCII without the UTF-8 machinery and able to skip runs of
/// ASCII letters and digits at once.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<(usize, char)> {
        let b = *self.text.as_bytes().get(self.pos)?;
        if b < 0x80 {
            return Some((self.pos, char::from(b)));
        }
        self.text
            .get(self.pos..)?
            .chars()
            .next()
            .map(|c| (self.pos, c))
    }

    fn next(&mut self) -> Option<(usize, char)> {
        let r = self.peek()?;
        self.pos += r.1.len_utf8();
        Some(r)
    }

    /// Skips ASCII letters and digits, eight bytes at a time while eight
    /// are left; returns the new position.
    fn skip_ascii_alnum(&mut self) -> usize {
        let bytes = self.text.as_bytes();
        while let Some(x) = word_at(bytes, self.pos) {
            let other = !ascii_alnum(x) & HIGH;
            if other != 0 {
                self.pos += (other.trailing_zeros() / 8) as usize;
                return self.pos;
            }
            self.pos += 8;
        }
        while self.pos < bytes.len() && bytes[self.pos].is_ascii_alphanumeric() {
            self.pos += 1;
        }
        self.pos
    }
}

/// A word of one to seven bytes as a number: its bytes, little-endian,
/// and its length in the top byte (so never 0); none for other lengths.
pub(crate) fn short_key(word: &[u8]) -> Option<u64> {
    if !(1..=7).contains(&word.len()) {
        return None;
    }
    let bytes = word.iter().rev().fold(0u64, |k, &b| k << 8 | u64::from(b));
    Some(bytes | (word.len() as u64) << 56)
}

/// A byte in each of a word's eight bytes.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each of a word's eight bytes.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `bytes` from `at` as a little-endian word (the
/// first byte lowest), when there are eight.
#[inline]
fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let w: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(w))
}

/// The bytes `start..end` of `bytes` as a little-endian word, the bytes
/// after `end` cleared, when they are eight or fewer, all ASCII, and eight
/// bytes can be read from `start` (not at the very end of the text).
#[inline]
fn short_ascii(bytes: &[u8], start: usize, end: usize) -> Option<u64> {
    let len = end.checked_sub(start)?;
    if len == 0 || len > 8 {
        return None;
    }
    let x = word_at(bytes, start)? & (u64::MAX >> (64 - 8 * len));
    (x & HIGH == 0).then_some(x)
}

/// For each byte of `x` below 0x80, its high bit set when the byte is in
/// `lo..=hi` (for `lo` of at least 0x30, no sum carries into the next
/// byte); the bytes of 0x80 and above must be cleared first.
#[inline]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let at_least_lo = x.wrapping_add(ONES * u64::from(0x80 - lo));
    let above_hi = x.wrapping_add(ONES * u64::from(0x7f - hi));
    at_least_lo & !above_hi & HIGH
}

/// The high bit of each byte of `x` that is an ASCII letter or digit.
#[inline]
fn ascii_alnum(x: u64) -> u64 {
    let y = x & !HIGH;
    (in_range(y, b'0', b'9') | in_range(y, b'A', b'Z') | in_range(y, b'a', b'z')) & !x
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}' || c == '\u{02BC}'
}

/// Folds a character to its lowercase, accent-free ASCII form where one
/// exists, pushing the result.
pub(crate) fn push_folded(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let folded = match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'Ā' | 'ā' | 'Ă'
        | 'ă' | 'Ą' | 'ą' => 'a',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => 'c',
        'Ď' | 'ď' | 'Đ' | 'đ' => 'd',
        'È' | 'É' | 'Ê' | 'Ë' | 'è' | 'é' | 'ê' | 'ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě'
        | 'ě' => 'e',
        'Ğ' | 'ğ' => 'g',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'ì' | 'í' | 'î' | 'ï' | 'Ī' | 'ī' | 'İ' | 'ı' => 'i',
        'Ł' | 'ł' => 'l',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => 'n',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ō' | 'ō' | 'Ő'
        | 'ő' => 'o',
        'Ř' | 'ř' => 'r',
        'Ś' | 'ś' | 'Ş' | 'ş' | 'Š' | 'š' | 'ß' => 's',
        'Ť' | 'ť' | 'Ţ' | 'ţ' => 't',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'ù' | 'ú' | 'û' | 'ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => {
            'u'
        }
        'Ý' | 'ý' | 'ÿ' => 'y',
        'Ž' | 'ž' | 'Ż' | 'ż' | 'Ź' | 'ź' => 'z',
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
        '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        _ => {
            for l in c.to_lowercase() {
                out.push(l);
            }
            return;
        }
    };
    out.push(folded);
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Tokens<'_> {
    let bytes = text.as_bytes();
    let mut chars = Cursor { text, pos: 0 };
    let mut space_before = true;
    let mut line_start = true;

    let mut out = Builder {
        toks: Vec::with_capacity(text.len() / 5 + 1),
        norm: String::with_capacity(text.len() / 4),
        ends: vec![0],
    };

    loop {
        // Spaces between words, the commonest byte after letters.
        if bytes.get(chars.pos) == Some(&b' ') {
            space_before = true;
            chars.pos += 1;
            continue;
        }
        let Some((i, c)) = chars.next() else { break };
        if c.is_whitespace() {
            space_before = true;
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                line_start = true;
            }
            continue;
        }
        let (sp, ls) = (space_before, line_start);
        space_before = false;
        line_start = false;
        if is_word_char(c) {
            // A run of word characters, with inner apostrophes, periods
            // (abbreviations, decimals) and nothing else.
            let numeric_start = c.is_ascii_digit();
            let mut end = word_run_end(text, &mut chars, i, c);
            // Split "n't" off "isn't", "don't".
            let word = &text[i..end];
            let after = &text[end..];
            let nt = word.len() > 1
                && (word.ends_with('n') || word.ends_with('N'))
                && after.chars().next().is_some_and(is_apostrophe)
                && after.chars().nth(1).is_some_and(|t| t == 't' || t == 'T')
                && !after.chars().nth(2).is_some_and(char::is_alphanumeric);
            let mut word_end = if nt { end - 1 } else { end };
            // Abbreviations keep their period: "Mr.", "Gen.", "St.".
            if word_end == end
                && bytes.get(end) == Some(&b'.')
                && word.len() <= 6
                && word.chars().next().is_some_and(char::is_uppercase)
                && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
            {
                end += 1;
                chars.next();
                word_end = end;
            }
            let kind = if numeric_start {
                Kind::Number
            } else {
                Kind::Word
            };
            out.push(text, i, word_end, kind, sp, ls);
            if word_end < end {
                // The "n" goes with "n't": take the apostrophe and the "t".
                let _apostrophe = chars.next();
                if let Some((k, tc)) = chars.next() {
                    out.push(
                        text,
                        word_end,
                        k + tc.len_utf8(),
                        Kind::Clitic,
                        false,
                        false,
                    );
                }
            }
            continue;
        }
        if is_apostrophe(c) {
            // A clitic after a word: "'s", "'ll", "'re", "'ve", "'d", "'m".
            let prev_word = out.toks.last().is_some_and(|t| {
                t.end as usize == i && matches!(t.kind, Kind::Word | Kind::Number)
            });
            if prev_word {
                let mut end = i + c.len_utf8();
                while let Some((j, d)) = chars.peek() {
                    if d.is_alphabetic() && j - i < 6 {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                if end > i + c.len_utf8() {
                    out.push(text, i, end, Kind::Clitic, false, false);
                } else {
                    // A bare trailing apostrophe: "leaders’" possessive.
                    out.push(text, i, end, Kind::Clitic, false, false);
                }
                continue;
            }
            out.push(text, i, i + c.len_utf8(), Kind::Punct, sp, ls);
            continue;
        }
        let kind = match c {
            '\u{201C}' | '\u{201E}' | '\u{00AB}' => Kind::OpenQuote,
            '\u{201D}' | '\u{00BB}' => Kind::CloseQuote,
            '"' => Kind::Quote,
            _ => Kind::Punct,
        };
        out.push(text, i, i + c.len_utf8(), kind, sp, ls);
    }
    // The tokens live as long as the document's analysis: no spare room
    // (the guesses above are a tenth and more too large for news text).
    out.toks.shrink_to_fit();
    out.norm.shrink_to_fit();
    out.ends.shrink_to_fit();
    let (mut odd_before, mut odd_in_block) = (Vec::new(), Vec::new());
    odd_before.reserve_exact(out.toks.len().div_ceil(64));
    odd_in_block.reserve_exact(out.toks.len().div_ceil(8));
    let (mut block, mut group, mut k) = (0, 0, 0);
    for (i, t) in out.toks.iter_mut().enumerate() {
        if i % 64 == 0 {
            odd_before.push(k);
            block = k;
        }
        if i % 8 == 0 {
            odd_in_block.push((k - block) as u8);
            group = k;
        }
        if !t.is(NORMAL) {
            t.flags |= ((k - group) as u8) << ODD_IN_GROUP;
            k += 1;
        }
    }
    Tokens {
        toks: out.toks,
        text,
        norm: out.norm,
        odd_before,
        odd_in_block,
        bounds: out.ends,
    }
}

/// The tokens and normalized forms of a text as they are found.
struct Builder {
    toks: Vec<Token>,
    norm: String,
    /// Where each form in `norm` ends, after a 0 for where the first starts.
    ends: Vec<u32>,
}

impl Builder {
    /// Adds the token `text[start..end]` of kind `kind`, after whitespace
    /// (`space`) or a line break (`line`).
    #[inline(always)]
    fn push(&mut self, text: &str, start: usize, end: usize, kind: Kind, space: bool, line: bool) {
        let s = &text[start..end];
        // Quotation marks are left out of the normalized string, so phrases
        // match across them: `ordered” the attack`.
        let quote = matches!(kind, Kind::OpenQuote | Kind::CloseQuote | Kind::Quote);
        let mut flags = 0;
        // All capitals: every letter uppercase, and at least two letters, or
        // one with digits ("G7", "G20", "E3").
        let allcap = if let Some(x) = short_ascii(text.as_bytes(), start, end) {
            // Most tokens: eight bytes or fewer of ASCII, read as one word.
            let upper = in_range(x, b'A', b'Z');
            if !quote {
                if upper == 0 {
                    flags |= NORMAL;
                } else {
                    let at = self.norm.len();
                    self.norm.push_str(s);
                    self.norm[at..].make_ascii_lowercase();
                }
            }
            if upper & 0x80 != 0 {
                flags |= CAP;
            }
            // Two capitals and more, or one with a digit; no lowercase letter.
            let several = upper & upper.wrapping_sub(1) != 0;
            in_range(x, b'a', b'z') == 0 && (several || upper != 0 && in_range(x, b'0', b'9') != 0)
        } else if s.is_ascii() {
            // The common case, without decoding characters. The count
            // stops at the first lowercase letter, in most words the first
            // or second.
            let mut upper = 0usize;
            let mut lower = false;
            for &b in s.as_bytes() {
                if b.is_ascii_lowercase() {
                    lower = true;
                    break;
                }
                upper += usize::from(b.is_ascii_uppercase());
            }
            if !quote {
                if upper == 0 && !s.bytes().any(|b| b.is_ascii_uppercase()) {
                    flags |= NORMAL;
                } else {
                    let at = self.norm.len();
                    self.norm.push_str(s);
                    self.norm[at..].make_ascii_lowercase();
                }
            }
            if s.as_bytes()[0].is_ascii_uppercase() {
                flags |= CAP;
            }
            !lower && (upper >= 2 || upper == 1 && s.bytes().any(|b| b.is_ascii_digit()))
        } else {
            if !quote {
                for c in s.chars() {
                    push_folded(&mut self.norm, c);
                }
            }
            let (mut letters, mut upper) = (0usize, 0usize);
            for c in s.chars() {
                if !is_general_punctuation(c) && c.is_alphabetic() {
                    letters += 1;
                    if c.is_uppercase() {
                        upper += 1;
                    }
                }
            }
            if s.chars()
                .next()
                .is_some_and(|c| !is_general_punctuation(c) && c.is_uppercase())
            {
                flags |= CAP;
            }
            upper == letters
                && (letters >= 2 || letters == 1 && s.chars().any(|c| c.is_ascii_digit()))
        };
        if flags & NORMAL == 0 {
            self.ends.push(self.norm.len() as u32);
        }
        if allcap {
            flags |= ALLCAP;
        }
        if space {
            flags |= SPACE_BEFORE;
        }
        if line {
            flags |= LINE_START;
        }
        self.toks.push(Token {
            start: start as u32,
            end: end as u32,
            kind,
            flags,
            classes: 0,
        });
    }
}

/// The end of a run of word characters starting with `c` at `i`, with inner
/// apostrophes, periods (abbreviations, decimals) and nothing else; `chars`
/// is left after it.
#[inline]
fn word_run_end(text: &str, chars: &mut Cursor<'_>, i: usize, c: char) -> usize {
    let mut end = i + c.len_utf8();
    let numeric_start = c.is_ascii_digit();
    loop {
        if !numeric_start {
            end = end.max(chars.skip_ascii_alnum());
        }
        let Some((j, d)) = chars.peek() else { break };
        if is_word_char(d) {
            end = j + d.len_utf8();
            chars.next();
        } else if (d == '.' || d == ',') && numeric_start {
            // "3.5", "1,000": a separator between digits.
            let next = text[j + 1..].chars().next();
            if next.is_some_and(|n| n.is_ascii_digit()) {
                chars.next();
                continue;
            }
            break;
        } else if d == '.' {
            // "U.S.", "a.m.": single letters joined by periods.
            let word = &text[i..j];
            let last_seg = word.rsplit('.').next().unwrap_or(word);
            let next = text[j + 1..].chars().next();
            if last_seg.chars().count() == 1 && next.is_some_and(|n| n.is_alphabetic()) {
                // Take the period and go on with the next letter.
                chars.next();
                end = j + 1;
                continue;
            }
            if last_seg.chars().count() == 1 && word.contains('.') {
                // The final period of "U.S.".
                chars.next();
                end = j + 1;
            }
            break;
        } else if is_apostrophe(d) {
            // "Ren'ai", "O'Brien" stay whole; "'s", "n't" are split below.
            let after = &text[j + d.len_utf8()..];
            let mut ahead = after.chars();
            let next = [ahead.next(), ahead.next(), ahead.next()];
            let clitic = matches!(next[0], Some('s' | 'S' | 'd' | 'D' | 'm' | 'M' | 't' | 'T'))
                && !next[1].is_some_and(|n| n.is_alphanumeric())
                || (matches!(next[0], Some('l' | 'L'))
                    && matches!(next[1], Some('l' | 'L'))
                    && !next[2].is_some_and(|n| n.is_alphanumeric()))
                || (matches!(next[0], Some('r' | 'R' | 'v' | 'V'))
                    && matches!(next[1], Some('e' | 'E'))
                    && !next[2].is_some_and(|n| n.is_alphanumeric()));
            if !clitic && next[0].is_some_and(|n| n.is_alphabetic()) {
                chars.next();
                end = j + d.len_utf8();
                continue;
            }
            break;
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ranked_set_counts_its_members_below_a_token_whatever_the_order() {
        let mut set = RankedSet::new(300);
        for i in [5, 70, 200, 3, 64, 299, 70, 400] {
            set.insert(i);
        }
        let members = [3, 5, 64, 70, 200, 299];
        for i in 0..=310 {
            let below = members.iter().filter(|&&m| m < i).count();
            assert_eq!(set.count_below(i), below, "below {i}");
            assert_eq!(set.contains(i), members.contains(&i), "{i}");
        }
    }

    #[test]
    fn forms_kept_in_the_text_and_in_the_string_however_long() {
        let long_upper = "Ab".repeat(40_000);
        let long_lower = "ab".repeat(40_000);
        let text = format!("said \u{201c}Kyiv\u{201d} {long_upper} São {long_lower} ok");
        let t = tokenize(&text);
        let forms: Vec<&str> = (0..t.len()).map(|i| t.norm(i)).collect();
        let lower = long_upper.to_lowercase();
        assert_eq!(
            forms,
            [
                "said",
                "",
                "kyiv",
                "",
                lower.as_str(),
                "sao",
                long_lower.as_str(),
                "ok"
            ]
        );
        assert!(t.toks[0].is(NORMAL) && !t.toks[2].is(NORMAL) && t.toks[6].is(NORMAL));
        assert!(!t.toks[4].is(NORMAL) && !t.toks[5].is(NORMAL));
        assert_eq!(t.norm(8), "");
    }

    #[test]
    fn forms_found_across_groups_of_tokens() {
        // Odd tokens (with capitals or accents) in every place of their
        // groups of 8 and 64, and none in some groups.
        let mut text = String::new();
        for k in 0..700 {
            let word = match (k % 7, k % 150 < 20) {
                (_, true) => "plain".to_owned(),
                (0 | 3, _) => format!("Word{k}"),
                (5, _) => format!("é{k}"),
                _ => format!("w{k}"),
            };
            text.push_str(&word);
            text.push(' ');
        }
        let t = tokenize(&text);
        assert_eq!(t.len(), 700);
        for (i, k) in t.toks.iter().enumerate() {
            let word = &text[k.start as usize..k.end as usize];
            let folded = word.to_lowercase().replace('é', "e");
            assert_eq!(t.norm(i), folded, "token {i}");
        }
    }

    fn words(text: &str) -> Vec<&str> {
        let t = tokenize(text);
        t.toks
            .iter()
            .map(|k| &text[k.start as usize..k.end as usize])
            .collect()
    }

    fn norms(text: &str) -> Vec<String> {
        let t = tokenize(text);
        (0..t.len()).map(|i| t.norm(i).to_owned()).collect()
    }

    #[test]
    fn abbreviations_and_initials_stay_whole() {
        assert_eq!(
            words("then-U.S. President"),
            ["then", "-", "U.S.", "President"]
        );
        assert_eq!(words("Mr. Peskov said."), ["Mr.", "Peskov", "said", "."]);
        assert_eq!(words("at 9 a.m. on"), ["at", "9", "a.m.", "on"]);
        assert_eq!(words("the U.N. Security"), ["the", "U.N.", "Security"]);
        assert_eq!(words("grew 3.5 percent"), ["grew", "3.5", "percent"]);
    }

    #[test]
    fn clitics_split() {
        assert_eq!(words("Kyiv’s sabotage"), ["Kyiv", "’s", "sabotage"]);
        assert_eq!(
            words("Moscow isn’t rushing"),
            ["Moscow", "is", "n’t", "rushing"]
        );
        assert_eq!(words("they've won"), ["they", "'ve", "won"]);
        assert_eq!(words("Ren'ai Reef"), ["Ren'ai", "Reef"]);
        assert_eq!(norms("Kyiv’s"), ["kyiv", "'s"]);
        assert_eq!(norms("isn’t"), ["is", "n't"]);
    }

    #[test]
    fn quotes_and_accents() {
        let t = tokenize("“Selfish,” he said \"now\"");
        let kinds: Vec<Kind> = t.toks.iter().map(|k| k.kind).collect();
        assert_eq!(kinds[0], Kind::OpenQuote);
        assert_eq!(kinds[3], Kind::CloseQuote);
        assert_eq!(kinds[6], Kind::Quote);
        assert_eq!(norms("António Élysée Año"), ["antonio", "elysee", "ano"]);
    }

    #[test]
    fn short_words_read_as_one_word_flag_as_read_byte_by_byte() {
        // At the very end of the text fewer than eight bytes can be read
        // from a word: the byte-by-byte reading, compared with the
        // word-at-once one of the same token followed by more text.
        for w in [
            "a", "I", "US", "G7", "G", "7", "E3s", "Kyiv", "KYIV", "NATO's", "iPhone", "McCain",
            "U.S.", "abcdefgh", "ABCDEFGH", "ABCDEFGh", "Abcdefg", "x1", "X1Y", "-", ",", "'s",
        ] {
            let alone = tokenize(w);
            let text = format!("{w} and more text after it");
            let within = tokenize(&text);
            for (i, t) in alone.toks.iter().enumerate() {
                let u = &within.toks[i];
                assert_eq!(t.flags & 31, u.flags & 31, "{w:?} token {i}");
                assert_eq!(alone.norm(i), within.norm(i), "{w:?} token {i}");
            }
        }
    }

    #[test]
    fn a_punctuation_byte_is_its_form() {
        let t = tokenize("a, b; c: (d) e. f! g? h – i — j ’k ‘l “m” \"n\" ， ‐ … A ,");
        for i in 0..t.len() {
            for b in *b",;:.!?()" {
                let by_form = t.norm(i).as_bytes() == [b];
                assert_eq!(t.byte(i) == Some(b), by_form, "{:?}", t.norm(i));
            }
        }
    }

    #[test]
    fn flags() {
        let t = tokenize("TOKYO - Japan\nsaid");
        assert!(t.toks[0].is(ALLCAP) && t.toks[0].is(CAP) && t.toks[0].is(LINE_START));
        assert!(t.toks[2].is(CAP) && !t.toks[2].is(ALLCAP));
        assert!(t.toks[3].is(LINE_START));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "'",
            "’’’",
            "n't",
            "a'",
            "'s",
            "\"\"\"",
            "..",
            "U.",
            "9.",
            "x.y.z.",
            "1,",
            "Mr.",
            "é'",
        ] {
            let t = tokenize(text);
            for k in &t.toks {
                assert!(
                    text.is_char_boundary(k.start as usize)
                        && text.is_char_boundary(k.end as usize)
                );
                assert!(k.start < k.end);
            }
        }
    }

    #[test]
    fn no_general_punctuation_is_a_letter_or_digit() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(is_general_punctuation(c));
            assert!(
                !c.is_alphanumeric() && !c.is_alphabetic() && !c.is_uppercase(),
                "{c:?}"
            );
        }
        assert!(!is_general_punctuation('\u{1FFF}'));
        assert!(!is_general_punctuation('\u{2070}'));
    }
}
