//! The JSON contract (version 1). Byte offsets into the original file, end exclusive.

use figcheck::{Document, Quantity};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{Map, Value, json};

/// A decimal as a JSON number: integers stay integers.
pub fn num(d: Decimal) -> Value {
    let d = d.normalize();
    if d.scale() == 0
        && let Some(i) = d.to_i64()
    {
        return json!(i);
    }
    d.to_f64().map_or(Value::Null, |f| json!(f))
}

fn opt_num(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, num)
}

/// One quantity as a JSON object.
pub fn quantity(doc: &Document, q: &Quantity) -> Value {
    let mut m = Map::new();
    m.insert("file".into(), json!(doc.name));
    m.insert("start".into(), json!(q.span.start));
    m.insert("end".into(), json!(q.span.end));
    m.insert("text".into(), json!(q.text(&doc.text)));
    m.insert("dimension".into(), json!(q.dimension.as_str()));
    m.insert(
        "value".into(),
        q.value.map_or(Value::Null, |f| num(f.value)),
    );
    m.insert("low".into(), opt_num(q.low));
    m.insert("high".into(), opt_num(q.high));
    m.insert("unit".into(), json!(q.unit));
    m.insert("noun".into(), json!(q.noun));
    let (line, column) = doc.line_col(q.span.start);
    m.insert("line".into(), json!(line));
    m.insert("column".into(), json!(column));
    if let Some(f) = q.value {
        m.insert("precision".into(), num(f.precision));
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
    if q.dimension == figcheck::Dimension::Date {
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
    Value::Object(m)
}

/// `figcheck extract --format json` as one string (the tests compare it with the document
/// pretty-printed at once).
#[cfg(test)]
pub fn extract(results: &[(&Document, Vec<Quantity>)]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = extract_to(&mut out, results);
    String::from_utf8(out).unwrap_or_default()
}

/// `figcheck extract --format json`, written as it is rendered: one quantity's JSON value at a
/// time, so memory stays flat however many figures there are. The bytes are those of the whole
/// document pretty-printed at once (keys sorted, two-space indent), which a test checks.
pub fn extract_to(
    out: &mut impl std::io::Write,
    results: &[(&Document, Vec<Quantity>)],
) -> std::io::Result<()> {
    let mut first = true;
    out.write_all(b"{\n  \"quantities\": [")?;
    for (d, qs) in results {
        for q in qs {
            let v = serde_json::to_string_pretty(&quantity(d, q)).map_err(std::io::Error::other)?;
            out.write_all(if first { b"\n" } else { b",\n" })?;
            first = false;
            // Nested two levels deep: every line of the value gains four spaces. Strings in
            // JSON never hold a raw line break, so lines are lines of the structure.
            for (k, line) in v.split('\n').enumerate() {
                if k > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(b"    ")?;
                out.write_all(line.as_bytes())?;
            }
        }
    }
    out.write_all(if first { b"]" } else { b"\n  ]" })?;
    out.write_all(b",\n  \"version\": 1\n}\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use figcheck::Format;

    /// The streamed bytes equal the whole document pretty-printed at once.
    #[test]
    fn streamed_json_is_the_pretty_printed_document() {
        let texts = [
            "",
            "Nothing here.",
            "It was \"about 20\" km\tlong, 3 lb\\kg, 111 drones, €4.5bn and -30 °C (-22 °F).",
        ];
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(k, t)| {
                Document::from_text(&format!("d{k}.txt"), t.to_string(), Format::Text).unwrap()
            })
            .collect();
        for n in 0..=docs.len() {
            let results: Vec<_> = docs[..n]
                .iter()
                .map(|d| (d, figcheck::extract(d)))
                .collect();
            let qs: Vec<Value> = results
                .iter()
                .flat_map(|(d, qs)| qs.iter().map(move |q| quantity(d, q)))
                .collect();
            let mut whole =
                serde_json::to_string_pretty(&json!({"version": 1, "quantities": qs})).unwrap();
            whole.push('\n');
            assert_eq!(extract(&results), whole);
        }
    }
}
