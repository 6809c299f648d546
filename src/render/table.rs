//! Aligned tables for people.

use figcheck::{Document, Quantity};

fn fmt_dec(d: rust_decimal::Decimal) -> String {
    d.normalize().to_string()
}

/// The value column: the stated number, or the interval.
pub fn value_cell(q: &Quantity) -> String {
    if let Some(d) = q.date {
        return match q.date_end {
            Some(e) if e != d => format!("{d}..{e}"),
            _ => d.to_string(),
        };
    }
    if let Some(t) = q.clock {
        return t.strftime("%H:%M").to_string();
    }
    if q.dimension == figcheck::Dimension::Time {
        return String::new();
    }
    // A date that needs a document date (or a year) to resolve: not an interval of numbers.
    if q.dimension == figcheck::Dimension::Date {
        return "unresolved".to_string();
    }
    if let Some(f) = q.point() {
        let v = fmt_dec(f.value);
        if q.approx {
            let lo = q.low.map(fmt_dec).unwrap_or_default();
            let hi = q.high.map(fmt_dec).unwrap_or_default();
            return format!("~{v} [{lo}, {hi}]");
        }
        return v;
    }
    let lo = q.low.map(fmt_dec).unwrap_or_else(|| "-∞".into());
    let hi = q.high.map(fmt_dec).unwrap_or_else(|| "∞".into());
    let open_l = if matches!(q.bound, figcheck::Bound::Gt) {
        "("
    } else {
        "["
    };
    let open_r = if matches!(q.bound, figcheck::Bound::Lt) || q.high.is_none() {
        ")"
    } else {
        "]"
    };
    format!("{open_l}{lo}, {hi}{open_r}")
}

/// Renders rows as an aligned table with a header.
pub fn align(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (k, c) in r.iter().enumerate() {
            widths[k] = widths[k].max(c.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<String>, out: &mut String| {
        let n = cells.len();
        for (k, c) in cells.into_iter().enumerate() {
            out.push_str(&c);
            if k + 1 < n {
                out.push_str(&" ".repeat(widths[k] - c.chars().count() + 2));
            }
        }
        out.push('\n');
    };
    line(header.iter().map(|h| h.to_string()).collect(), &mut out);
    for r in rows {
        line(r.clone(), &mut out);
    }
    out
}

/// The header's date: ", dated 2026-01-30 (dateline)", ", dated --01-30 (dateline, no
/// year)", or nothing.
fn dated(doc: &Document) -> String {
    let source = doc.date_source.as_str();
    match (doc.date, doc.month_day) {
        (Some(d), _) => format!(", dated {d} ({source})"),
        (None, Some((m, d))) => format!(", dated --{m:02}-{d:02} ({source}, no year)"),
        (None, None) => String::new(),
    }
}

/// A figure's unit, with the denominator it is per when that is not part of the unit already
/// ("$15 an hour": `USD/h`; "1,200 migrants a day": `/day`).
fn unit_cell(q: &Quantity) -> String {
    let unit = q.unit.clone().unwrap_or_default();
    match &q.per {
        Some(p) if q.dimension != figcheck::Dimension::Rate => format!("{unit}/{p}"),
        _ => unit,
    }
}

/// `figcheck extract` for people.
pub fn extract(results: &[(&Document, Vec<Quantity>)]) -> String {
    let mut out = String::new();
    for (doc, qs) in results {
        out.push_str(&format!(
            "{} ({} figures{})\n",
            doc.name,
            qs.len(),
            dated(doc)
        ));
        let rows: Vec<Vec<String>> = qs
            .iter()
            .map(|q| {
                let (l, c) = doc.line_col(q.span.start);
                let text = q.text(&doc.text).replace('\n', " ");
                vec![
                    format!("{l}:{c}"),
                    text,
                    q.dimension.as_str().to_string(),
                    value_cell(q),
                    unit_cell(q),
                    q.noun.clone().unwrap_or_default(),
                    q.role.clone().unwrap_or_default(),
                ]
            })
            .collect();
        out.push_str(&align(
            &["at", "text", "dimension", "value", "unit", "noun", "role"],
            &rows,
        ));
        out.push('\n');
    }
    out
}
