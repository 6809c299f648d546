//! The JSON contract (version 1), as `figcheck extract` and `figcheck check` write it, for an
//! embedder to write the same JSON: [`ExtractJson`] (`{"documents", "quantities", "version"}`)
//! and [`findings::FindingsJson`] (`{"findings", "version"}`). Byte offsets into the original
//! file, end exclusive; line and column 1-based, the column in characters.
//!
//! Written as it is rendered: each quantity goes straight into the caller's (buffered) writer,
//! so nothing is built in between and memory stays flat however many figures there are. The
//! bytes are those of the whole document pretty-printed at once by serde_json (keys sorted,
//! two-space indent), which a test checks. [`Pretty`] is that printer for the other JSON
//! documents, serialized by serde from borrowed views.

pub mod findings;
pub mod reconcile;

use crate::{Bound, Direction, Document, Quantity};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::ser::{Serialize, Serializer};
use serde_json::ser::Formatter;
use std::io::Write;

/// A decimal as a JSON number: integers as exact integers (every decimal's integer fits an
/// `i128`), other values as the shortest `f64` text unless that text is in exponent form, which
/// is replaced by the exact decimal (`0.0000001`, never `1e-7`).
#[derive(Clone, Copy)]
pub struct Num(pub Decimal);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.0.normalize();
        if d.scale() == 0 {
            return s.serialize_i128(d.mantissa());
        }
        let Some(f) = d.to_f64() else {
            return s.serialize_unit();
        };
        let mut buf = [0u8; 40];
        let mut rest = &mut buf[..];
        // The float's text as serde_json writes it; 40 bytes hold any finite f64's.
        let plain = serde_json::to_writer(&mut rest, &f).is_ok()
            && !{
                let n = 40 - rest.len();
                buf[..n].contains(&b'e')
            };
        if plain {
            return s.serialize_f64(f);
        }
        match serde_json::value::RawValue::from_string(d.to_string()) {
            Ok(raw) => raw.serialize(s),
            Err(_) => s.serialize_f64(f),
        }
    }
}

/// The JSON names of a bound (as `Bound`'s `Serialize` has them; a test checks every one).
fn bound_name(b: Bound) -> &'static str {
    match b {
        Bound::Exact => "exact",
        Bound::Approx => "approx",
        Bound::Almost => "almost",
        Bound::Gt => "gt",
        Bound::Ge => "ge",
        Bound::Lt => "lt",
        Bound::Le => "le",
        Bound::Range => "range",
        Bound::Vague => "vague",
    }
}

/// The JSON names of a direction (as `Direction`'s `Serialize` has them).
fn direction_name(d: Direction) -> &'static str {
    match d {
        Direction::Up => "up",
        Direction::Down => "down",
    }
}

/// The members of one JSON object nested two levels deep, written as serde_json's pretty
/// printer writes them: each key's separator, line break, indent and quoted name in constant
/// writes, values by hand where that is plain (integers, strings without escapes, dates) and
/// through serde_json where it is not.
struct Members<'w, W: Write> {
    w: &'w mut W,
    first: bool,
}

impl<W: Write> Members<'_, W> {
    /// The separator and `key` (its quotes and `": "` included).
    #[inline(always)]
    fn key(&mut self, key: &[u8]) -> std::io::Result<()> {
        let sep: &[u8] = if self.first {
            b"\n      "
        } else {
            b",\n      "
        };
        self.first = false;
        self.w.write_all(sep)?;
        self.w.write_all(key)
    }

    #[inline(always)]
    fn raw(&mut self, key: &[u8], value: &[u8]) -> std::io::Result<()> {
        self.key(key)?;
        self.w.write_all(value)
    }

    #[inline(always)]
    fn usize(&mut self, key: &[u8], n: usize) -> std::io::Result<()> {
        self.key(key)?;
        self.w.write_all(itoa::Buffer::new().format(n).as_bytes())
    }

    #[inline(always)]
    fn str(&mut self, key: &[u8], s: &str) -> std::io::Result<()> {
        self.key(key)?;
        string(self.w, s)
    }

    #[inline(always)]
    fn opt_str(&mut self, key: &[u8], s: Option<&str>) -> std::io::Result<()> {
        match s {
            Some(s) => self.str(key, s),
            None => self.raw(key, b"null"),
        }
    }

    #[inline(always)]
    fn num(&mut self, key: &[u8], d: Option<Decimal>) -> std::io::Result<()> {
        self.key(key)?;
        let Some(d) = d else {
            return self.w.write_all(b"null");
        };
        let d = d.normalize();
        if d.scale() == 0 {
            self.w
                .write_all(itoa::Buffer::new().format(d.mantissa()).as_bytes())
        } else {
            serde_json::to_writer(&mut *self.w, &Num(d)).map_err(std::io::Error::from)
        }
    }

    #[inline(always)]
    fn date(&mut self, key: &[u8], d: Option<jiff::civil::Date>) -> std::io::Result<()> {
        self.key(key)?;
        match d {
            Some(d) => date(self.w, d),
            None => self.w.write_all(b"null"),
        }
    }
}

/// A JSON string as serde_json writes it: as it is unless it holds a quote, a backslash or a
/// control character, which serde_json escapes.
#[inline]
fn string(w: &mut impl Write, s: &str) -> std::io::Result<()> {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        w.write_all(b"\"")?;
        w.write_all(s.as_bytes())?;
        w.write_all(b"\"")
    } else {
        serde_json::to_writer(w, s).map_err(std::io::Error::from)
    }
}

/// A date as its `Display` writes it (`"2026-01-30"`), in quotes.
fn date(w: &mut impl Write, d: jiff::civil::Date) -> std::io::Result<()> {
    let y = d.year();
    if !(0..=9999).contains(&y) {
        return write!(w, "\"{d}\"");
    }
    let (y, m, day) = (y as u16, d.month() as u8, d.day() as u8);
    let digit = |n: u16| b'0' + (n % 10) as u8;
    w.write_all(&[
        b'"',
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        b'0' + m / 10,
        b'0' + m % 10,
        b'-',
        b'0' + day / 10,
        b'0' + day % 10,
        b'"',
    ])
}

/// One quantity's JSON object, nested two levels deep (the caller writes the indent before it),
/// keys in sorted order (the contract's order since version 1); optional keys only when they
/// say something. Written by hand: this is the one object written per figure, and through
/// serde_json's serializer it cost three times the instructions (every key escaped, one write
/// per quote and separator).
pub fn write_quantity(
    w: &mut impl Write,
    doc: &Document,
    q: &Quantity,
    (line, column): (usize, usize),
) -> std::io::Result<()> {
    let is_date = q.dimension == crate::Dimension::Date;
    w.write_all(b"{")?;
    let mut m = Members { w, first: true };
    if q.adjectival {
        m.raw(b"\"adjectival\": ", b"true")?;
    }
    if q.approx {
        m.raw(b"\"approx\": ", b"true")?;
    }
    m.str(b"\"bound\": ", bound_name(q.bound))?;
    m.usize(b"\"column\": ", column)?;
    if is_date {
        m.date(b"\"date\": ", q.date)?;
        if q.date_end != q.date {
            m.date(b"\"date_end\": ", q.date_end)?;
        }
        if let Some(k) = q.date_kind {
            m.str(b"\"date_kind\": ", k)?;
        }
    }
    m.str(b"\"dimension\": ", q.dimension.as_str())?;
    if let Some(d) = q.direction {
        m.str(b"\"direction\": ", direction_name(d))?;
    }
    m.usize(b"\"end\": ", q.span.end)?;
    m.str(b"\"file\": ", &doc.name)?;
    m.num(b"\"high\": ", q.high)?;
    if let Some(l) = &q.lemma {
        m.str(b"\"lemma\": ", l)?;
    }
    m.usize(b"\"line\": ", line)?;
    m.num(b"\"low\": ", q.low)?;
    m.opt_str(b"\"noun\": ", q.noun.as_deref())?;
    if let Some(p) = &q.per {
        m.str(b"\"per\": ", p)?;
    }
    if let Some(f) = q.value {
        m.num(b"\"precision\": ", Some(f.precision))?;
    }
    if let Some(r) = &q.role {
        m.str(b"\"role\": ", r)?;
    }
    m.usize(b"\"start\": ", q.span.start)?;
    m.str(b"\"text\": ", q.text(&doc.text))?;
    if let Some(t) = q.clock {
        let (h, mi) = (t.hour() as u8, t.minute() as u8);
        m.raw(
            b"\"time\": ",
            &[
                b'"',
                b'0' + h / 10,
                b'0' + h % 10,
                b':',
                b'0' + mi / 10,
                b'0' + mi % 10,
                b'"',
            ],
        )?;
    }
    m.opt_str(b"\"unit\": ", q.unit.as_deref())?;
    m.num(b"\"value\": ", q.value.map(|f| f.value))?;
    m.w.write_all(b"\n    }")
}

/// serde_json's two-space pretty printer (`to_string_pretty`), byte for byte, in fewer and
/// larger writes: a key's separator, line break, indent and opening quote are one write, its
/// closing quote and `": "` another. It can start `depth` levels deep, so that a value written
/// alone is written as it would be nested that deep in a larger document.
pub struct Pretty {
    depth: usize,
    has_value: bool,
    in_key: bool,
}

/// A separator, a line break and room for indents of up to 30 levels.
const BREAK: &[u8; 62] = b",\n                                                            ";

impl Pretty {
    /// A printer whose values are nested `depth` levels deep.
    pub fn at(depth: usize) -> Pretty {
        Pretty {
            depth,
            has_value: false,
            in_key: false,
        }
    }

    /// `,` unless `first`, a line break, the indent, then `tail`.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool, tail: &[u8]) -> std::io::Result<()> {
        let start = usize::from(first);
        let end = 2 + 2 * self.depth;
        if end <= BREAK.len() {
            w.write_all(&BREAK[start..end])?;
        } else {
            w.write_all(&BREAK[start..2])?;
            for _ in 0..self.depth {
                w.write_all(b"  ")?;
            }
        }
        w.write_all(tail)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(w, true, b"]")
        } else {
            w.write_all(b"]")
        }
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(w, first, b"")
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(w, true, b"}")
        } else {
            w.write_all(b"}")
        }
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        // A key is always written as a string (serde_json's key serializer): its quotes are
        // written here and by `end_string`.
        self.in_key = true;
        self.line(w, first, b"\"")
    }

    fn begin_string<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        if self.in_key {
            Ok(())
        } else {
            w.write_all(b"\"")
        }
    }

    fn end_string<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        if self.in_key {
            self.in_key = false;
            w.write_all(b"\": ")
        } else {
            w.write_all(b"\"")
        }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        Ok(())
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Serializes `value` into `out` as a pretty-printed JSON value nested `depth` levels deep
/// (its first line not indented: the caller writes the indent before it).
pub fn write_nested<W: Write + ?Sized>(
    out: &mut W,
    depth: usize,
    value: &impl Serialize,
) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Pretty::at(depth));
    value.serialize(&mut ser).map_err(std::io::Error::from)
}

/// `figcheck extract --format json`, written document by document: [`ExtractJson::begin`],
/// then [`ExtractJson::document`] for each document in order, then [`ExtractJson::finish`].
/// Writes a chunk of list members rendered apart, each starting with `,` (the list's first
/// member without it); `first` says whether none has been written yet.
pub(crate) fn write_list_chunk(
    out: &mut impl Write,
    first: &mut bool,
    chunk: &[u8],
) -> std::io::Result<()> {
    if chunk.is_empty() {
        return Ok(());
    }
    let chunk = if *first { &chunk[1..] } else { chunk };
    *first = false;
    out.write_all(chunk)
}

pub struct ExtractJson<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> ExtractJson<W> {
    /// Writes the document's opening and the `documents` list: each file with its
    /// `document_date` (null when none was found) and `date_source`.
    pub fn begin(out: W, docs: &[&Document]) -> std::io::Result<Self> {
        let heads: Vec<DocHead> = docs.iter().map(|d| DocHead::of(d)).collect();
        Self::begin_with(out, &heads)
    }

    /// As [`ExtractJson::begin`], from what the list says of each document (so that the
    /// documents themselves need not be kept until their figures are written).
    pub fn begin_with(mut out: W, docs: &[DocHead]) -> std::io::Result<Self> {
        out.write_all(b"{\n  \"documents\": [")?;
        for (k, d) in docs.iter().enumerate() {
            out.write_all(if k == 0 { b"\n    {" } else { b",\n    {" })?;
            let mut m = Members {
                w: &mut out,
                first: true,
            };
            m.str(b"\"date_source\": ", d.date_source)?;
            m.opt_str(b"\"document_date\": ", d.document_date.as_deref())?;
            m.str(b"\"file\": ", &d.file)?;
            out.write_all(b"\n    }")?;
        }
        out.write_all(if docs.is_empty() { b"]" } else { b"\n  ]" })?;
        out.write_all(b",\n  \"quantities\": [")?;
        Ok(ExtractJson { out, first: true })
    }

    /// Writes a [`quantities_chunk`] (a document's quantities rendered apart, on any thread).
    pub fn chunk(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        write_list_chunk(&mut self.out, &mut self.first, chunk)
    }

    /// Writes the quantities `qs` found in `doc`.
    pub fn document(&mut self, doc: &Document, qs: &[Quantity]) -> std::io::Result<()> {
        self.document_part(&mut doc.line_cols(), doc, qs)
    }

    /// Writes some of the quantities found in `doc`, after those already written with the
    /// same `line_cols` (a document's figures written a batch at a time, in order).
    pub fn document_part(
        &mut self,
        line_cols: &mut crate::source::LineCols<'_>,
        doc: &Document,
        qs: &[Quantity],
    ) -> std::io::Result<()> {
        for q in qs {
            self.out
                .write_all(if self.first { b"\n    " } else { b",\n    " })?;
            self.first = false;
            write_quantity(&mut self.out, doc, q, line_cols.line_col(q.span.start))?;
        }
        Ok(())
    }

    /// Writes the document's end; returns the writer (not flushed).
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out
            .write_all(if self.first { b"]" } else { b"\n  ]" })?;
        self.out.write_all(b",\n  \"version\": 1\n}\n")?;
        Ok(self.out)
    }
}

/// What the `documents` list of `extract --format json` says of one document.
pub struct DocHead {
    /// The file's name.
    pub file: String,
    /// Where its date came from.
    pub date_source: &'static str,
    /// Its date as written in the JSON (null when none was found).
    pub document_date: Option<String>,
}

impl DocHead {
    /// The entry of `doc`.
    pub fn of(doc: &Document) -> DocHead {
        DocHead {
            file: doc.name.clone(),
            date_source: doc.date_source.as_str(),
            document_date: crate::source::dated::written(doc),
        }
    }
}

/// The quantities `qs` found in `doc` as [`ExtractJson::document`] writes them, each with the
/// separator before it, into `out`, for [`ExtractJson::chunk`].
pub fn quantities_chunk(out: &mut Vec<u8>, doc: &Document, qs: &[Quantity]) {
    let mut line_cols = doc.line_cols();
    for q in qs {
        out.extend_from_slice(b",\n    ");
        // Writing into a vector cannot fail.
        let _ = write_quantity(out, doc, q, line_cols.line_col(q.span.start));
    }
}

/// `figcheck extract --format json` as one string.
pub fn extract(results: &[(&Document, Vec<Quantity>)]) -> String {
    let docs: Vec<&Document> = results.iter().map(|(d, _)| *d).collect();
    let mut w = ExtractJson::begin(Vec::new(), &docs).unwrap();
    for (d, qs) in results {
        w.document(d, qs).unwrap();
    }
    String::from_utf8(w.finish().unwrap()).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;
    use serde_json::{Map, Value, json};

    /// Version 1's renderer, kept as the reference the streamed bytes are checked against: a
    /// `serde_json::Value` map per quantity, numbers through `f64` unless they fit an `i64`.
    fn old_num(d: Decimal) -> Value {
        let d = d.normalize();
        if d.scale() == 0
            && let Some(i) = d.to_i64()
        {
            return json!(i);
        }
        d.to_f64().map_or(Value::Null, |f| json!(f))
    }

    fn old_quantity(doc: &Document, q: &Quantity) -> Value {
        let opt_num = |d: Option<Decimal>| d.map_or(Value::Null, old_num);
        let mut m = Map::new();
        m.insert("file".into(), json!(doc.name));
        m.insert("start".into(), json!(q.span.start));
        m.insert("end".into(), json!(q.span.end));
        m.insert("text".into(), json!(q.text(&doc.text)));
        m.insert("dimension".into(), json!(q.dimension.as_str()));
        m.insert(
            "value".into(),
            q.value.map_or(Value::Null, |f| old_num(f.value)),
        );
        m.insert("low".into(), opt_num(q.low));
        m.insert("high".into(), opt_num(q.high));
        m.insert("unit".into(), json!(q.unit));
        m.insert("noun".into(), json!(q.noun));
        let (line, column) = doc.line_col(q.span.start);
        m.insert("line".into(), json!(line));
        m.insert("column".into(), json!(column));
        if let Some(f) = q.value {
            m.insert("precision".into(), old_num(f.precision));
        }
        m.insert(
            "bound".into(),
            serde_json::to_value(q.bound).unwrap_or(Value::Null),
        );
        if let Some(l) = &q.lemma {
            m.insert("lemma".into(), json!(l));
        }
        if let Some(r) = &q.role {
            m.insert("role".into(), json!(r));
        }
        if q.approx {
            m.insert("approx".into(), json!(true));
        }
        if let Some(d) = q.direction {
            m.insert(
                "direction".into(),
                serde_json::to_value(d).unwrap_or(Value::Null),
            );
        }
        if q.dimension == crate::Dimension::Date {
            m.insert("date".into(), json!(q.date.map(|d| d.to_string())));
            if q.date_end != q.date {
                m.insert("date_end".into(), json!(q.date_end.map(|d| d.to_string())));
            }
            if let Some(k) = q.date_kind {
                m.insert("date_kind".into(), json!(k));
            }
        }
        if let Some(t) = q.clock {
            m.insert("time".into(), json!(t.strftime("%H:%M").to_string()));
        }
        if q.adjectival {
            m.insert("adjectival".into(), json!(true));
        }
        if let Some(p) = &q.per {
            m.insert("per".into(), json!(p));
        }
        Value::Object(m)
    }

    fn docs(texts: &[&str]) -> Vec<Document> {
        texts
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let name = if k % 2 == 0 {
                    format!("d{k}.txt")
                } else {
                    format!("d\"{k}\".md")
                };
                let format = Format::from_path(&name);
                Document::from_text(&name, t.to_string(), format)
                    .unwrap()
                    .with_date(crate::source::parse_date("2026-01-30").filter(|_| k < 3))
            })
            .collect()
    }

    /// The streamed bytes equal version 1's document pretty-printed at once, for every kind of
    /// key (dates, ranges, hedges, directions, clock times, adjectival figures, escapes).
    #[test]
    fn streamed_json_is_the_pretty_printed_document() {
        let texts = [
            "",
            "Nothing here.",
            "It was \"about 20\" km\tlong, 3 lb\\kg, 111 drones, €4.5bn and -30 °C (-22 °F).",
            "On Friday, Jan. 30, between 20 and 30 drones were launched at 11:30 p.m.; prices \
             rose 5% to more than $1.2 million, a 12-member jury, dozens of sites, \
             up to 2.5 kg, nearly half, two thirds of 0.25 mm, from May 3 to May 5.",
            "Ünïcode line\nsecond line: 3.14159 km, 1/3 of 7 miles, 0.001 s, 1,250,000 people.",
            "Mine floods\nLIMA, Sept. 14 (Reuters) - 12 miners were trapped.",
        ];
        let docs = docs(&texts);
        for n in 0..=docs.len() {
            let results: Vec<_> = docs[..n].iter().map(|d| (d, crate::extract(d))).collect();
            let qs: Vec<Value> = results
                .iter()
                .flat_map(|(d, qs)| qs.iter().map(move |q| old_quantity(d, q)))
                .collect();
            let documents: Vec<Value> = results
                .iter()
                .map(|(d, _)| {
                    json!({
                        "file": d.name,
                        "document_date": crate::source::dated::written(d),
                        "date_source": d.date_source.as_str(),
                    })
                })
                .collect();
            let mut whole = serde_json::to_string_pretty(
                &json!({"version": 1, "documents": documents, "quantities": qs}),
            )
            .unwrap();
            whole.push('\n');
            assert_eq!(extract(&results), whole);
            // The same document from chunks rendered apart and the documents' heads.
            let heads: Vec<DocHead> = results.iter().map(|(d, _)| DocHead::of(d)).collect();
            let mut w = ExtractJson::begin_with(Vec::new(), &heads).unwrap();
            for (d, qs) in &results {
                let mut chunk = Vec::new();
                quantities_chunk(&mut chunk, d, qs);
                w.chunk(&chunk).unwrap();
            }
            assert_eq!(String::from_utf8(w.finish().unwrap()).unwrap(), whole);
        }
    }

    /// `Pretty` writes what serde_json's pretty printer writes, at any depth: empty and nested
    /// arrays and objects, escapes in keys and strings, numbers, and indents deeper than its
    /// buffer of spaces.
    #[test]
    fn pretty_is_serde_jsons_pretty_printer() {
        let mut deep = json!({"leaf": [1, {"a\"b": "c\nd"}, [], {}]});
        for k in 0..40 {
            deep = if k % 2 == 0 {
                json!([deep, k])
            } else {
                json!({"k": deep, "e": [], "o": {}, "n": null})
            };
        }
        let values = [
            json!(null),
            json!([]),
            json!({}),
            json!([[]]),
            json!({"a": {}}),
            json!({"a": [1, 2.5, -3, "x\u{1}y\\z"], "b\t": true, "c": {"d": [{}]}}),
            deep,
        ];
        for v in values {
            let mut out = Vec::new();
            write_nested(&mut out, 0, &v).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string_pretty(&v).unwrap()
            );
        }
    }

    /// The hand-written names, dates and clock times are what serde and `Display` write.
    #[test]
    fn hand_written_values_are_serdes() {
        use Bound::*;
        for b in [Exact, Approx, Almost, Gt, Ge, Lt, Le, Range, Vague] {
            let want = serde_json::to_string(&b).unwrap();
            assert_eq!(format!("\"{}\"", bound_name(b)), want);
        }
        for d in [Direction::Up, Direction::Down] {
            let want = serde_json::to_string(&d).unwrap();
            assert_eq!(format!("\"{}\"", direction_name(d)), want);
        }
        for (y, m, d) in [
            (2026, 1, 30),
            (1, 2, 3),
            (0, 12, 31),
            (999, 10, 9),
            (9999, 12, 31),
            (-1, 1, 1),
            (-9999, 6, 15),
        ] {
            let date = jiff::civil::Date::new(y, m, d).unwrap();
            let mut out = Vec::new();
            super::date(&mut out, date).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), format!("\"{date}\""));
        }
        for s in [
            "",
            "plain",
            "a\"b",
            "c\\d",
            "tab\there",
            "\u{1}\u{1f}\u{7f}",
            "é€𝄞",
        ] {
            let mut out = Vec::new();
            string(&mut out, s).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }

    fn num_text(d: &str) -> String {
        serde_json::to_string(&Num(d.parse().unwrap())).unwrap()
    }

    /// Numbers as before where they were plain; integers of any size exact (issue 16: values of
    /// 20 digits and more printed as floats in exponent form).
    #[test]
    fn numbers_are_never_in_exponent_form() {
        for (d, want) in [
            ("0", "0"),
            ("-0", "0"),
            ("12", "12"),
            ("12.000", "12"),
            ("-30", "-30"),
            ("4.5", "4.5"),
            ("0.1", "0.1"),
            ("1.25", "1.25"),
            ("9223372036854775807", "9223372036854775807"),
            ("9223372036854775808", "9223372036854775808"),
            ("77777777777777777777", "77777777777777777777"),
            ("100000000000000000000000000", "100000000000000000000000000"),
            (
                "-79228162514264337593543950335",
                "-79228162514264337593543950335",
            ),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
            ("0.0000001", "0.0000001"),
            ("12345678901234567890.5", "12345678901234567890.5"),
        ] {
            assert_eq!(num_text(d), want, "{d}");
            let parsed: Value = serde_json::from_str(want).unwrap();
            assert!(parsed.is_number(), "{want}");
        }
        // Non-integers that printed plainly print as before: the shortest float text.
        for d in [
            "0.3333333333333333333333333333",
            "2.675",
            "0.5",
            "1234.5678",
        ] {
            let dec: Decimal = d.parse().unwrap();
            assert_eq!(num_text(d), old_num(dec).to_string(), "{d}");
        }
    }

    /// A 20-digit figure end to end: its value is the exact integer.
    #[test]
    fn a_twenty_digit_figure_is_an_exact_integer() {
        let docs = docs(&["They counted 77777777777777777777 grains."]);
        let results: Vec<_> = docs.iter().map(|d| (d, crate::extract(d))).collect();
        let out = extract(&results);
        assert!(out.contains("\"value\": 77777777777777777777\n"), "{out}");
        assert!(!out.contains("e+"), "{out}");
    }
}
