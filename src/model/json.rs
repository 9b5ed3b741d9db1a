//! JSON out: the model's serde derives written byte for byte as
//! `serde_json::to_string` and `serde_json::to_string_pretty` write them,
//! at a fraction of the cost.
//!
//! The model's shape stays defined by its `Serialize` derives; this is
//! only the writer. What it saves over `serde_json`'s: strings are checked
//! for characters to escape eight bytes at a time and copied in one piece,
//! an indentation is one copy, and the bytes go to a buffer that is handed
//! on in large pieces when the JSON is streamed. Floating-point numbers are
//! formatted by `serde_json` itself. Map keys may be strings, characters,
//! integers, booleans and unit variants; anything else is an error, as in
//! `serde_json`. Tests compare the output with `serde_json`'s.

use std::fmt::{self, Write as _};
use std::io;

use serde::Serialize;
use serde::ser::{self, Impossible};

/// Where the bytes go.
pub(crate) trait Out {
    fn put(&mut self, bytes: &[u8]);

    fn byte(&mut self, b: u8);

    /// The first `len` bytes of `bytes` (`len` at most [`SHORT`]): a
    /// copy of fixed length, which the compiler makes without calling
    /// `memcpy`, then the rest taken back.
    fn put_short(&mut self, bytes: &[u8; SHORT], len: usize);

    /// A point between two values: a streaming output may hand its
    /// buffer on here.
    fn checkpoint(&mut self) {}
}

/// The longest piece [`Out::put_short`] copies.
const SHORT: usize = 32;

/// [`Out::put_short`] for a vector of bytes.
#[inline]
fn put_short(buf: &mut Vec<u8>, bytes: &[u8; SHORT], len: usize) {
    let at = buf.len();
    buf.extend_from_slice(bytes);
    buf.truncate(at + len.min(SHORT));
}

impl Out for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }

    fn byte(&mut self, b: u8) {
        self.push(b);
    }

    fn put_short(&mut self, bytes: &[u8; SHORT], len: usize) {
        put_short(self, bytes, len);
    }
}

/// A buffer handed on to a writer whenever it holds [`Flushing::CHUNK`]
/// bytes; the first error stops the writing and is kept.
pub(crate) struct Flushing<W: io::Write> {
    buf: Vec<u8>,
    writer: W,
    error: Option<io::Error>,
}

impl<W: io::Write> Flushing<W> {
    const CHUNK: usize = 1 << 16;

    pub fn new(writer: W) -> Flushing<W> {
        Flushing {
            buf: Vec::with_capacity(Flushing::<W>::CHUNK + 1024),
            writer,
            error: None,
        }
    }

    /// Writes what is left; the first error met, if any.
    pub fn finish(mut self) -> io::Result<()> {
        self.hand_on();
        match self.error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn hand_on(&mut self) {
        if self.error.is_none()
            && let Err(e) = self.writer.write_all(&self.buf)
        {
            self.error = Some(e);
        }
        self.buf.clear();
    }
}

impl<W: io::Write> Out for Flushing<W> {
    fn put(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    fn byte(&mut self, b: u8) {
        self.buf.push(b);
    }

    fn put_short(&mut self, bytes: &[u8; SHORT], len: usize) {
        put_short(&mut self.buf, bytes, len);
    }

    fn checkpoint(&mut self) {
        if self.buf.len() >= Flushing::<W>::CHUNK {
            self.hand_on();
        }
    }
}

/// Why a value could not be written: only a map key that is not a string
/// or a number, or a `Serialize` impl's own error.
#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

/// `value` as JSON on one line, as `serde_json::to_string` writes it.
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut out = Vec::with_capacity(1024);
    value.serialize(&mut Writer::new(&mut out, false))?;
    Ok(into_string(out))
}

/// `value` as indented JSON, as `serde_json::to_string_pretty` writes it.
pub(crate) fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut out = Vec::with_capacity(1024);
    value.serialize(&mut Writer::new(&mut out, true))?;
    Ok(into_string(out))
}

/// Writes `value` as JSON, indented if `pretty`, to `out`.
pub(crate) fn write<T: Serialize + ?Sized, O: Out>(
    value: &T,
    out: &mut O,
    pretty: bool,
) -> Result<(), Error> {
    value.serialize(&mut Writer::new(out, pretty))
}

fn into_string(bytes: Vec<u8>) -> String {
    // Only whole strings (valid UTF-8) and ASCII are ever written.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The serializer.
pub(crate) struct Writer<'o, O: Out> {
    out: &'o mut O,
    pretty: bool,
    depth: usize,
}

impl<'o, O: Out> Writer<'o, O> {
    fn new(out: &'o mut O, pretty: bool) -> Writer<'o, O> {
        Writer {
            out,
            pretty,
            depth: 0,
        }
    }

    /// Opens an array or object.
    fn open(&mut self, bracket: u8) {
        self.out.byte(bracket);
        self.depth += 1;
    }

    /// Closes an array or object that held something or not.
    #[inline(always)]
    fn close(&mut self, bracket: u8, held: bool) {
        self.depth -= 1;
        if self.pretty && held {
            self.line_break(false);
        }
        self.out.byte(bracket);
    }

    /// Before an element or a key.
    #[inline(always)]
    fn item(&mut self, first: bool) {
        self.out.checkpoint();
        if self.pretty {
            self.line_break(!first);
        } else if !first {
            self.out.byte(b',');
        }
    }

    /// Between a key and its value.
    fn colon(&mut self) {
        if self.pretty {
            self.out.put(b": ");
        } else {
            self.out.byte(b':');
        }
    }

    /// A line break and the indentation of the current depth, after a
    /// comma if `comma`: one copy from a line of spaces.
    #[inline(always)]
    fn line_break(&mut self, comma: bool) {
        const LINE: &[u8; 2 + 128] = b",\n                                                                                                                                ";
        let n = self.depth * 2;
        let from = usize::from(!comma);
        // Most lines: a copy of fixed length from the line of spaces.
        if 2 + n - from <= SHORT
            && let Some(Ok(bytes)) = LINE.get(from..from + SHORT).map(<&[u8; SHORT]>::try_from)
        {
            self.out.put_short(bytes, 2 + n - from);
            return;
        }
        match LINE.get(from..2 + n) {
            Some(bytes) => self.out.put(bytes),
            None => {
                self.out.put(&LINE[from..2]);
                for _ in 0..self.depth {
                    self.out.put(b"  ");
                }
            }
        }
    }

    /// A name the model's derives give (a struct field's or a variant's):
    /// identifiers and plain renames, nothing JSON escapes, so it is
    /// copied as it is.
    fn name(&mut self, name: &'static str) {
        debug_assert!(
            name.bytes().all(|b| ESCAPE[usize::from(b)] == 0),
            "{name:?}"
        );
        self.out.byte(b'"');
        self.out.put(name.as_bytes());
        self.out.byte(b'"');
    }

    fn string(&mut self, s: &str) {
        self.out.byte(b'"');
        escaped(self.out, s.as_bytes());
        self.out.byte(b'"');
    }

    /// A number in decimal, two digits at a time.
    fn unsigned(&mut self, v: u64) {
        const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        let mut buf = [0u8; 20];
        let mut at = buf.len();
        let mut v = v;
        while v >= 100 {
            let pair = 2 * (v % 100) as usize;
            v /= 100;
            at -= 2;
            buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
        }
        if v >= 10 {
            let pair = 2 * v as usize;
            at -= 2;
            buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
        } else {
            at -= 1;
            buf[at] = b'0' + v as u8;
        }
        self.out.put(&buf[at..]);
    }

    fn signed(&mut self, v: i64) {
        if v < 0 {
            self.out.put(b"-");
        }
        self.unsigned(v.unsigned_abs());
    }

    /// A number too wide for 64 bits, or a float: as `serde_json` writes it.
    fn serde_json<T: Serialize>(&mut self, v: T) -> Result<(), Error> {
        let mut buf = [0u8; 48];
        let mut rest = &mut buf[..];
        match serde_json::to_writer(&mut rest, &v) {
            Ok(()) => {
                let n = 48 - rest.len();
                self.out.put(&buf[..n]);
                Ok(())
            }
            Err(_) => {
                let s = serde_json::to_string(&v).map_err(|e| Error(e.to_string()))?;
                self.out.put(s.as_bytes());
                Ok(())
            }
        }
    }

    /// `{"variant":` for a variant with content (closed by [`Writer::close`]).
    fn open_variant(&mut self, variant: &'static str) {
        self.open(b'{');
        self.item(true);
        self.name(variant);
        self.colon();
    }
}

/// Which bytes JSON escapes, and how: 0 none, `u` as `\u00XX`, else the
/// letter after the backslash. As `serde_json` does: control characters,
/// the quotation mark and the backslash; not DEL, not `/`.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0A] = b'n';
    t[0x0C] = b'f';
    t[0x0D] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// The bytes among eight (little-endian) that are control characters, `"`
/// or `\\`, as their high bits. Bits above the lowest may be false alarms
/// (a borrow carries up); the lowest is always exact.
fn to_escape(chunk: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = chunk.wrapping_sub(ONES * 0x20) & !chunk;
    let quote = chunk ^ (ONES * u64::from(b'"'));
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = chunk ^ (ONES * u64::from(b'\\'));
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (below_space | quote | backslash) & HIGH
}

/// Writes `bytes` with what JSON escapes escaped, looking at eight bytes
/// at a time (the last few one by one) and copying the runs between
/// escapes whole.
fn escaped<O: Out>(out: &mut O, bytes: &[u8]) {
    // Most strings have nothing to escape: looked through first, eight
    // bytes a step without stopping, and copied whole.
    let mut chunks = bytes.chunks_exact(8);
    let mut found = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        found |= to_escape(u64::from_le_bytes(word));
    }
    if found == 0
        && chunks
            .remainder()
            .iter()
            .all(|&b| ESCAPE[usize::from(b)] == 0)
    {
        out.put(bytes);
        return;
    }
    let mut done = 0; // written up to here
    let mut i = 0;
    while i < bytes.len() {
        let at = match bytes.get(i..i + 8) {
            Some(chunk) => {
                let mut word = [0u8; 8];
                word.copy_from_slice(chunk);
                let mask = to_escape(u64::from_le_bytes(word));
                if mask == 0 {
                    i += 8;
                    continue;
                }
                i + (mask.trailing_zeros() / 8) as usize
            }
            None => match bytes[i..].iter().position(|&b| ESCAPE[usize::from(b)] != 0) {
                Some(k) => i + k,
                None => break,
            },
        };
        let b = bytes[at];
        out.put(&bytes[done..at]);
        match ESCAPE[usize::from(b)] {
            b'u' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.put(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xF)],
                ]);
            }
            letter => out.put(&[b'\\', letter]),
        }
        done = at + 1;
        i = at + 1;
    }
    out.put(&bytes[done..]);
}

/// `Display` output as a JSON string: gathered first (on the stack when
/// short, as dates are), then escaped in one piece, since `Display` impls
/// write in many small fragments.
fn display<O: Out, T: fmt::Display + ?Sized>(out: &mut O, value: &T) -> Result<(), Error> {
    let mut text = Gathered {
        short: [0; 64],
        len: 0,
        long: String::new(),
    };
    write!(text, "{value}").map_err(|e| Error(e.to_string()))?;
    out.put(b"\"");
    if text.long.is_empty() {
        escaped(out, &text.short[..text.len]);
    } else {
        escaped(out, text.long.as_bytes());
    }
    out.put(b"\"");
    Ok(())
}

/// Text written in pieces: the first 64 bytes in `short`, or all in `long`.
struct Gathered {
    short: [u8; 64],
    len: usize,
    long: String,
}

impl fmt::Write for Gathered {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if !self.long.is_empty() {
            self.long.push_str(s);
        } else if let Some(room) = self.short.get_mut(self.len..self.len + s.len()) {
            room.copy_from_slice(s.as_bytes());
            self.len += s.len();
        } else {
            // Whole characters only were copied, so this is UTF-8.
            self.long = String::from_utf8_lossy(&self.short[..self.len]).into_owned();
            self.long.push_str(s);
        }
        Ok(())
    }
}

/// An array or object being written; `variant` when it is the content of
/// a `{"variant": ...}` object, closed with it.
pub(crate) struct Compound<'a, 'o, O: Out> {
    w: &'a mut Writer<'o, O>,
    first: bool,
    variant: bool,
}

impl<'a, 'o, O: Out> Compound<'a, 'o, O> {
    fn new(w: &'a mut Writer<'o, O>, bracket: u8, variant: bool) -> Compound<'a, 'o, O> {
        w.open(bracket);
        Compound {
            w,
            first: true,
            variant,
        }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.w.item(self.first);
        self.first = false;
        value.serialize(&mut *self.w)
    }

    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.w.item(self.first);
        self.first = false;
        key.serialize(KeyWriter(&mut *self.w))?;
        self.w.colon();
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.w.item(self.first);
        self.first = false;
        // A struct field's name (see `Writer::name`), with its quotation
        // marks and the colon in two copies.
        debug_assert!(key.bytes().all(|b| ESCAPE[usize::from(b)] == 0), "{key:?}");
        self.w.out.byte(b'"');
        self.w.out.put(key.as_bytes());
        self.w.out.put(if self.w.pretty { b"\": " } else { b"\":" });
        value.serialize(&mut *self.w)
    }

    fn end(self, bracket: u8) -> Result<(), Error> {
        self.w.close(bracket, !self.first);
        if self.variant {
            self.w.close(b'}', true);
        }
        Ok(())
    }
}

impl<'a, 'o, O: Out> ser::Serializer for &'a mut Writer<'o, O> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'o, O>;
    type SerializeTuple = Compound<'a, 'o, O>;
    type SerializeTupleStruct = Compound<'a, 'o, O>;
    type SerializeTupleVariant = Compound<'a, 'o, O>;
    type SerializeMap = Compound<'a, 'o, O>;
    type SerializeStruct = Compound<'a, 'o, O>;
    type SerializeStructVariant = Compound<'a, 'o, O>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.put(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.signed(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.signed(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.serde_json(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.unsigned(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.serde_json(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serde_json(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.serde_json(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0u8; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = Compound::new(self, b'[', false);
        for b in v {
            seq.element(b)?;
        }
        seq.end(b']')
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.put(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.put(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.name(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.close(b'}', true);
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Ok(Compound::new(self, b'[', false))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Ok(Compound::new(self, b'[', false))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Ok(Compound::new(self, b'[', false))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        self.open_variant(variant);
        Ok(Compound::new(self, b'[', true))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Ok(Compound::new(self, b'{', false))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Ok(Compound::new(self, b'{', false))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        self.open_variant(variant);
        Ok(Compound::new(self, b'{', true))
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        display(self.out, value)
    }
}

impl<O: Out> ser::SerializeSeq for Compound<'_, '_, O> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, b']')
    }
}

impl<O: Out> ser::SerializeTuple for Compound<'_, '_, O> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, b']')
    }
}

impl<O: Out> ser::SerializeTupleStruct for Compound<'_, '_, O> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, b']')
    }
}

impl<O: Out> ser::SerializeTupleVariant for Compound<'_, '_, O> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, b']')
    }
}

impl<O: Out> ser::SerializeMap for Compound<'_, '_, O> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, b'}')
    }
}

impl<O: Out> ser::SerializeStruct for Compound<'_, '_, O> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, b'}')
    }
}

impl<O: Out> ser::SerializeStructVariant for Compound<'_, '_, O> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self, b'}')
    }
}

/// A map key: a string, or a character, integer, boolean or unit variant
/// written as one; anything else is refused, as `serde_json` refuses it.
struct KeyWriter<'a, 'o, O: Out>(&'a mut Writer<'o, O>);

fn key_must_be_a_string() -> Error {
    Error("key must be a string".into())
}

impl<O: Out> KeyWriter<'_, '_, O> {
    fn quoted(self, f: impl FnOnce(&mut Writer<'_, O>)) -> Result<(), Error> {
        self.0.out.put(b"\"");
        f(self.0);
        self.0.out.put(b"\"");
        Ok(())
    }
}

impl<O: Out> ser::Serializer for KeyWriter<'_, '_, O> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.0.string(v.encode_utf8(&mut [0u8; 4]));
        Ok(())
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(|w| w.out.put(if v { b"true" } else { b"false" }))
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.quoted(|w| w.signed(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.quoted(|w| w.signed(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.quoted(|w| w.signed(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.quoted(|w| w.signed(v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.quoted(|w| w.unsigned(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.quoted(|w| w.unsigned(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.quoted(|w| w.unsigned(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.quoted(|w| w.unsigned(v))
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.0.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        display(self.0.out, value)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::*;

    /// Both forms, compared with `serde_json`'s.
    fn same<T: Serialize>(value: &T) {
        assert_eq!(
            to_string(value).unwrap(),
            serde_json::to_string(value).unwrap()
        );
        assert_eq!(
            to_string_pretty(value).unwrap(),
            serde_json::to_string_pretty(value).unwrap()
        );
        let mut streamed = Flushing::new(Vec::new());
        write(value, &mut streamed, true).unwrap();
        streamed.hand_on();
        assert_eq!(
            String::from_utf8(streamed.writer).unwrap(),
            serde_json::to_string_pretty(value).unwrap()
        );
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(u8, String),
        EmptyTuple(),
        Struct { a: Option<i32>, b: Vec<u8> },
        EmptyStruct {},
    }

    #[derive(Serialize)]
    #[serde(tag = "type", rename_all = "snake_case")]
    enum Tagged {
        Plain,
        Fields { x: f64, y: Option<bool> },
        Inner(Inner),
    }

    #[derive(Serialize)]
    #[serde(tag = "inner")]
    enum Inner {
        One { n: u32 },
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Wrapper(String);

    #[test]
    fn writes_as_serde_json_does() {
        same(&"plain");
        same(&"quote \" backslash \\ slash / tab \t newline \n cr \r bell \u{7} del \u{7f}");
        same(&"\u{0}\u{1f}\u{8}\u{c} and non-ASCII: é, “curly”, 日本, 😀");
        same(&"12345678\"12345678\\1234567\n");
        same(&"");
        same(&(0u8, u64::MAX, i64::MIN, -1i32, 7u16, i128::MIN, u128::MAX));
        same(&[
            0u64,
            9,
            10,
            99,
            100,
            101,
            999,
            1000,
            12345,
            1_000_000,
            9_999_999_999,
        ]);
        same(&(
            1.0f64,
            -7.0f64,
            0.1f64,
            1e300f64,
            f64::NAN,
            f64::INFINITY,
            2.5f32,
        ));
        same(&(true, false, (), Unit, 'x', '"'));
        same(&vec![
            Shape::Unit,
            Shape::Newtype(3),
            Shape::Tuple(1, "a".into()),
        ]);
        same(&vec![
            Shape::EmptyTuple(),
            Shape::Struct { a: None, b: vec![] },
            Shape::Struct {
                a: Some(-3),
                b: vec![1, 2],
            },
            Shape::EmptyStruct {},
        ]);
        same(&vec![
            Tagged::Plain,
            Tagged::Fields { x: 0.5, y: None },
            Tagged::Inner(Inner::One { n: 4 }),
        ]);
        let mut map = BTreeMap::new();
        map.insert("k\"ey", vec![Vec::<u8>::new(), vec![1]]);
        map.insert("other", vec![]);
        same(&map);
        same(&BTreeMap::from([(1u32, "a"), (2, "b")]));
        same(&BTreeMap::from([('c', Wrapper("w".into()))]));
        same(&BTreeMap::<String, u8>::new());
        same(&(
            Vec::<u8>::new(),
            vec![vec![vec![0u8]]],
            Some(Some(1u8)),
            None::<u8>,
        ));
        same(&chrono::NaiveDate::from_ymd_opt(2025, 6, 5));
        same(&chrono::NaiveDate::from_ymd_opt(-12345, 1, 2));
        same(&BTreeMap::from([(
            chrono::NaiveDate::MIN,
            chrono::NaiveDate::MAX,
        )]));
        same(&Long);
        same(&serde_bytes_like());
        // Deep nesting: indentation past one copy of the spaces.
        let mut deep = serde_json::json!(1);
        for i in 0..40 {
            deep = if i % 2 == 0 {
                serde_json::json!([deep, 2])
            } else {
                serde_json::json!({"k": deep, "j": []})
            };
        }
        same(&deep);
    }

    /// A `Display` value longer than the stack buffer, in pieces.
    struct Long;
    impl Serialize for Long {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            struct Text;
            impl fmt::Display for Text {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    for k in 0..40 {
                        write!(f, "é{k}\"")?;
                    }
                    Ok(())
                }
            }
            s.collect_str(&Text)
        }
    }

    fn serde_bytes_like() -> impl Serialize {
        struct Bytes;
        impl Serialize for Bytes {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&[0, 1, 255])
            }
        }
        Bytes
    }

    #[test]
    fn analyses_as_serde_json_writes_them() {
        let parser = crate::Parser::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/texts");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        texts.push("\"Quoted\tline\" \\ \u{1} é 😀 said Russia.".into());
        let date = chrono::NaiveDate::from_ymd_opt(2025, 6, 5);
        for text in &texts {
            let analysis = parser.parse_document("d\"1", text, date).unwrap().analysis;
            same(&analysis);
            assert_eq!(
                analysis.to_json(),
                serde_json::to_string_pretty(&analysis).unwrap()
            );
        }
    }

    #[test]
    fn refuses_keys_serde_json_refuses() {
        let map = BTreeMap::from([(vec![1u8], 1u8)]);
        assert!(to_string(&map).is_err());
        assert!(serde_json::to_string(&map).is_err());
    }

    #[test]
    fn escapes_every_byte_as_serde_json_does() {
        for b in 0u8..128 {
            let s = format!("ab{}cdefghijk{}", char::from(b), char::from(b));
            same(&s);
        }
    }
}
