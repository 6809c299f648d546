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

/// `figcheck extract --format json`.
pub fn extract(results: &[(&Document, Vec<Quantity>)]) -> String {
    let qs: Vec<Value> = results
        .iter()
        .flat_map(|(d, qs)| qs.iter().map(move |q| quantity(d, q)))
        .collect();
    let mut s =
        serde_json::to_string_pretty(&json!({"version": 1, "quantities": qs})).unwrap_or_default();
    s.push('\n');
    s
}
