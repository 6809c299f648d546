//! `figcheck claims`: the claims of each draft, one JSON object per line (`--format ndjson`),
//! or a table for people. The lines are what `figcheck reconcile --claims` reads back, so the
//! per-document step (extracting claims) and the per-key step (reconciling them) can run apart:
//! see `docs/reconcile.md`.
//!
//! Each document gives one `source` line, then one `claim` line per claim:
//!
//! ```text
//! {"date":"2026-01-30","file":"a.md","kind":"source"}
//! {"column":9,"date":"2026-01-30","dimension":"count","end":14,"entity":null,"file":"a.md",
//!  "forecast":false,"high":80,"high_open":false,"kind":"claim","line":3,"low":80,
//!  "low_open":false,"noun":"drone","place":null,"quantity":0,"role":"downed","scope":null,
//!  "start":12,"stated":80,"text":"80","time":"2026-01-30","unit":null,"vague":null}
//! ```
//!
//! A claim whose figure names a weekday has `"day":"friday"` too (see `ClaimKey::day`).
//! A figure with no noun to compare it by is a claim line with a `null` noun (unkeyed).
//! Numbers are exact decimals (written in full, never rounded); `low`/`high` are in `unit`, the
//! dimension's base unit (`null` for counts; `"day"` for end dates, as days since 1970-01-01).

use super::table::align;
use figcheck::claim::Interval;
use figcheck::{Claim, Document};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::io::Write;

/// A decimal as a JSON number written in full ("-26.388888888888888888888888889").
struct Exact(Option<Decimal>);

impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            None => s.serialize_unit(),
            Some(d) => match serde_json::value::RawValue::from_string(d.normalize().to_string()) {
                Ok(raw) => raw.serialize(s),
                Err(_) => s.collect_str(&d),
            },
        }
    }
}

/// A vague word's usual range.
struct Range<'a>(&'a Interval);

impl Serialize for Range<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let iv = self.0;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("high", &Exact(iv.high))?;
        m.serialize_entry("high_open", &iv.high_open)?;
        m.serialize_entry("low", &Exact(iv.low))?;
        m.serialize_entry("low_open", &iv.low_open)?;
        m.end()
    }
}

/// One claim line. Keys in sorted order.
struct Line<'a> {
    doc: &'a Document,
    claim: &'a Claim,
}

impl Serialize for Line<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (d, c) = (self.doc, self.claim);
        let k = &c.key;
        let (line, column) = d.line_col(c.span.start);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("column", &column)?;
        m.serialize_entry("date", &d.date.map(|x| x.to_string()))?;
        // Only when a weekday is named, so lines without one read as before.
        if let Some(day) = &k.day {
            m.serialize_entry("day", day)?;
        }
        m.serialize_entry("dimension", k.dimension.as_str())?;
        m.serialize_entry("end", &c.span.end)?;
        m.serialize_entry("entity", &k.entity)?;
        m.serialize_entry("file", &d.name)?;
        m.serialize_entry("forecast", &k.forecast)?;
        m.serialize_entry("high", &Exact(c.interval.high))?;
        m.serialize_entry("high_open", &c.interval.high_open)?;
        m.serialize_entry("kind", "claim")?;
        m.serialize_entry("line", &line)?;
        m.serialize_entry("low", &Exact(c.interval.low))?;
        m.serialize_entry("low_open", &c.interval.low_open)?;
        // An unkeyed figure (no noun to compare it by) has a `null` noun.
        m.serialize_entry("noun", &(!k.noun.is_empty()).then_some(&k.noun))?;
        m.serialize_entry("place", &k.place)?;
        m.serialize_entry("quantity", &c.quantity)?;
        m.serialize_entry("role", &k.role)?;
        m.serialize_entry("scope", &k.scope)?;
        m.serialize_entry("start", &c.span.start)?;
        m.serialize_entry("stated", &Exact(c.stated))?;
        m.serialize_entry("text", &c.text)?;
        m.serialize_entry("time", &k.time.map(|t| t.to_string()))?;
        m.serialize_entry("unit", &c.unit)?;
        m.serialize_entry("vague", &c.vague.as_ref().map(Range))?;
        m.end()
    }
}

/// Writes one document's lines: its `source` line, then a line per claim.
pub fn ndjson(w: &mut impl Write, doc: &Document, claims: &[Claim]) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Source<'a> {
        date: Option<String>,
        file: &'a str,
        kind: &'static str,
    }
    let head = Source {
        date: doc.date.map(|x| x.to_string()),
        file: &doc.name,
        kind: "source",
    };
    serde_json::to_writer(&mut *w, &head)?;
    w.write_all(b"\n")?;
    for c in claims {
        serde_json::to_writer(&mut *w, &Line { doc, claim: c })?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// The claims of several documents for people: one row per claim.
pub fn human(per_doc: &[(&Document, Vec<Claim>)]) -> String {
    let rows: Vec<Vec<String>> = per_doc
        .iter()
        .flat_map(|(d, cs)| {
            cs.iter().map(move |c| {
                let (line, col) = d.line_col(c.span.start);
                vec![
                    format!("{}:{line}:{col}", d.name),
                    c.text.split_whitespace().collect::<Vec<_>>().join(" "),
                    if c.key.noun.is_empty() {
                        "(unkeyed: no noun)".to_string()
                    } else {
                        c.key.describe()
                    },
                    c.key.dimension.as_str().to_string(),
                    figcheck::reconcile::describe_interval(&c.interval, c.unit.as_deref()),
                ]
            })
        })
        .collect();
    let mut out = align(&["at", "figure", "claim", "dimension", "interval"], &rows);
    out.push_str(&format!(
        "\n{} claims in {} documents\n",
        rows.len(),
        per_doc.len()
    ));
    out
}
