//! The JSON contract of `reconcile` (version 1): the claims table, the findings and the
//! figures with no noun, serialized from borrowed views with keys in sorted order. Byte offsets
//! into each source, end exclusive; line and column 1-based.

use super::findings::FindingJson;
use super::{Num, write_nested};
use crate::Document;
use crate::claim::{Claim, Interval, date_of_day};
use crate::reconcile::{Reconciliation, Row};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::collections::HashMap;

/// Where the sources of a reconciliation are known from: their documents, or (reconciling
/// claim files) only the line and column each claim line recorded for its figure.
#[derive(Clone, Copy)]
pub enum Origin<'a> {
    /// The documents, with their texts, found by name.
    Docs(&'a Docs<'a>),
    /// Line and column by file name and byte offset.
    Claims(&'a HashMap<(String, usize), (usize, usize)>),
}

/// Documents found by name in one step: every finding and related span looks its file up, so
/// a search of the list would cost findings × sources.
pub struct Docs<'a> {
    docs: &'a [Document],
    by_name: HashMap<&'a str, usize>,
}

impl<'a> Docs<'a> {
    /// Indexes `docs` by name (the first of a name, as a search of the list would find).
    pub fn new(docs: &'a [Document]) -> Self {
        let mut by_name = HashMap::with_capacity(docs.len());
        for (k, d) in docs.iter().enumerate() {
            by_name.entry(d.name.as_str()).or_insert(k);
        }
        Docs { docs, by_name }
    }

    /// The document named `name`.
    pub fn get(&self, name: &str) -> Option<&'a Document> {
        self.by_name.get(name).map(|&k| &self.docs[k])
    }
}

impl<'a> Origin<'a> {
    /// The document named `name` (none for claim files).
    pub fn doc(&self, name: &str) -> Option<&'a Document> {
        match self {
            Origin::Docs(d) => d.get(name),
            Origin::Claims(_) => None,
        }
    }

    /// The line and column of byte `start` of `file` (0, 0 when unknown).
    pub fn line_col(&self, file: &str, start: usize) -> (usize, usize) {
        self.find_line_col(file, start).unwrap_or((0, 0))
    }

    /// The line and column of byte `start` of `file`, when known.
    pub fn find_line_col(&self, file: &str, start: usize) -> Option<(usize, usize)> {
        match self {
            Origin::Docs(docs) => docs.get(file).map(|x| x.line_col(start)),
            Origin::Claims(m) => m.get(&(file.to_string(), start)).copied(),
        }
    }
}

/// One end of an interval: a date for day counts, else the number.
struct End<'a>(Option<Decimal>, Option<&'a str>);

impl Serialize for End<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self.0, self.1) {
            (None, _) => s.serialize_unit(),
            (Some(d), Some("day")) => match date_of_day(d) {
                Some(x) => s.collect_str(&x),
                None => s.serialize_unit(),
            },
            (Some(d), _) => Num(d).serialize(s),
        }
    }
}

/// An interval's keys (`high`, `high_open`, `low`, `low_open`), written into the map `m` at
/// their place in its sorted keys.
fn interval_fields<M: SerializeMap>(
    m: &mut M,
    iv: &Interval,
    unit: Option<&str>,
) -> Result<(), M::Error> {
    m.serialize_entry("high", &End(iv.high, unit))?;
    if iv.high_open {
        m.serialize_entry("high_open", &true)?;
    }
    m.serialize_entry("low", &End(iv.low, unit))?;
    if iv.low_open {
        m.serialize_entry("low_open", &true)?;
    }
    Ok(())
}

/// A row's consensus interval.
struct Consensus<'a>(&'a Interval, Option<&'a str>);

impl Serialize for Consensus<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        interval_fields(&mut m, self.0, self.1)?;
        m.end()
    }
}

/// One source's claim in a row.
struct ClaimJson<'a>(&'a Reconciliation, &'a Claim);

impl Serialize for ClaimJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, c) = (self.0, self.1);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("end", &c.span.end)?;
        m.serialize_entry("file", &r.sources.get(c.source))?;
        // A vague word shows the range it usually means; its upper end is soft.
        interval_fields(&mut m, &c.vague.unwrap_or(c.interval), c.unit.as_deref())?;
        m.serialize_entry("start", &c.span.start)?;
        m.serialize_entry("text", &c.text)?;
        m.serialize_entry("unit", &c.unit)?;
        if c.vague.is_some() {
            m.serialize_entry("vague", &true)?;
        }
        m.end()
    }
}

/// A value written with `Display` as a JSON string.
struct Shown<'a>(&'a dyn std::fmt::Display);

impl Serialize for Shown<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

/// What a row's claims are about.
#[derive(Serialize)]
struct KeyJson<'a> {
    /// Only on a row that a named weekday tells apart ("friday").
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<&'a str>,
    dimension: &'static str,
    entity: Option<&'a str>,
    forecast: bool,
    noun: &'a str,
    place: Option<&'a str>,
    role: Option<&'a str>,
    scope: Option<&'a str>,
    time: Option<Shown<'a>>,
}

/// A row's claims, in source order.
struct Values<'a>(&'a Reconciliation, &'a Row);

impl Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        s.collect_seq(self.1.claims().map(|i| ClaimJson(r, &r.claims[i])))
    }
}

/// One row of the claims table.
struct RowJson<'a>(&'a Reconciliation, &'a Row);

impl Serialize for RowJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (r, row) = (self.0, self.1);
        let k = &row.key;
        let mut m = s.serialize_map(None)?;
        let unit = row
            .claims()
            .next()
            .and_then(|i| r.claims[i].unit.as_deref());
        if let Some(c) = &row.consensus {
            m.serialize_entry("consensus", &Consensus(c, unit))?;
        }
        m.serialize_entry("description", &k.describe())?;
        let key = KeyJson {
            day: k.day.as_deref(),
            dimension: k.dimension.as_str(),
            entity: k.entity.as_deref(),
            forecast: k.forecast,
            noun: &k.noun,
            place: k.place.as_deref(),
            role: k.role.as_deref(),
            scope: k.scope.as_deref(),
            time: k.time.as_ref().map(|t| Shown(t)),
        };
        m.serialize_entry("key", &key)?;
        m.serialize_entry("status", row.status.as_str())?;
        m.serialize_entry("values", &Values(r, row))?;
        m.end()
    }
}

/// The whole document: claims, findings, version.
struct ReconcileJson<'a>(Origin<'a>, &'a Reconciliation);

impl Serialize for ReconcileJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (origin, r) = (self.0, self.1);
        let locate: super::findings::Locate<'_> =
            &|file: &str, start: usize| origin.find_line_col(file, start);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry(
            "claims",
            &Seq(|| r.rows.iter().map(move |row| RowJson(r, row))),
        )?;
        m.serialize_entry(
            "findings",
            &Seq(|| {
                r.findings.iter().map(move |d| FindingJson {
                    d,
                    at: Some(origin.line_col(&d.file, d.span.start)),
                    locate,
                    help_null: false,
                })
            }),
        )?;
        m.serialize_entry(
            "unkeyed",
            &Seq(|| {
                r.unkeyed.iter().map(move |c| Unkeyed {
                    end: c.span.end,
                    file: r.sources.get(c.source).map_or("", String::as_str),
                    start: c.span.start,
                    text: &c.text,
                })
            }),
        )?;
        m.serialize_entry("version", &1)?;
        m.end()
    }
}

/// A figure with no noun to compare it by.
#[derive(Serialize)]
struct Unkeyed<'a> {
    end: usize,
    file: &'a str,
    start: usize,
    text: &'a str,
}

/// A sequence serialized from a fresh iterator.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// `figcheck reconcile --format json`: serialized from borrowed views, keys in sorted order
/// (the order of the first version, built as maps).
pub fn json(docs: &[Document], r: &Reconciliation) -> String {
    json_in(Origin::Docs(&Docs::new(docs)), r)
}

/// [`json`] of sources known from `origin`.
pub fn json_in(origin: Origin<'_>, r: &Reconciliation) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, nor can serializing these views.
    let _ = write_nested(&mut out, 0, &ReconcileJson(origin, r));
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}
