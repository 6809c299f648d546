//! `figcheck reconcile` output: the claims table and the findings (human), or JSON.

use super::json::Num;
use super::table::align;
use annotate_snippets::{Level, Renderer, Snippet};
use figcheck::claim::{Interval, date_of_day};
use figcheck::reconcile::Reconciliation;
use figcheck::{Diagnostic, Document, Severity};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

/// Column names for the sources: file stems, shortened to 12 characters when that keeps them
/// apart, else whole stems, else whole names.
pub fn short_names(names: &[String]) -> Vec<String> {
    let stems: Vec<String> = names
        .iter()
        .map(|n| {
            let file = n.rsplit(['/', '\\']).next().unwrap_or(n);
            match file.rfind('.') {
                Some(i) if i > 0 => file[..i].to_string(),
                _ => file.to_string(),
            }
        })
        .collect();
    let unique = |v: &[String]| {
        let mut s: Vec<&String> = v.iter().collect();
        s.sort();
        s.dedup();
        s.len() == v.len()
    };
    let short: Vec<String> = stems.iter().map(|s| s.chars().take(12).collect()).collect();
    if unique(&short) {
        short
    } else if unique(&stems) {
        stems
    } else {
        names.to_vec()
    }
}

fn cell(r: &Reconciliation, idx: &[usize]) -> String {
    let mut texts: Vec<String> = Vec::new();
    for &k in idx {
        let t = r.claims[k]
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !texts.contains(&t) {
            texts.push(t);
        }
    }
    if texts.is_empty() {
        "-".into()
    } else {
        texts.join(" / ")
    }
}

fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    }
}

/// One finding, rustc-style, with the related spans in their own files.
pub fn diagnostic(docs: &[Document], d: &Diagnostic, color: bool) -> String {
    let text_of = |name: &str| {
        docs.iter()
            .find(|x| x.name == name)
            .map(|x| x.text.as_str())
    };
    let lvl = level(d.severity);
    let mut files: Vec<&str> = vec![d.file.as_str()];
    for r in &d.related {
        if !files.contains(&r.file.as_str()) {
            files.push(&r.file);
        }
    }
    let mut snippets = Vec::new();
    for f in files {
        let Some(src) = text_of(f) else { continue };
        let mut sn = Snippet::source(src).origin(f).line_start(1).fold(true);
        if f == d.file && d.span.end <= src.len() {
            sn = sn.annotation(lvl.span(d.span.start..d.span.end).label("this figure"));
        }
        for r in d
            .related
            .iter()
            .filter(|r| r.file == f && r.span.end <= src.len())
        {
            sn = sn.annotation(Level::Info.span(r.span.start..r.span.end).label(&r.message));
        }
        snippets.push(sn);
    }
    let mut msg = lvl.title(&d.message).id(&d.code).snippets(snippets);
    if let Some(h) = &d.help {
        msg = msg.footer(Level::Help.title(h));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    format!("{}\n", renderer.render(msg))
}

/// `figcheck reconcile` for people.
pub fn human(docs: &[Document], r: &Reconciliation, color: bool) -> String {
    let short = short_names(&r.sources);
    let mut out = String::from("sources:\n");
    let legend: Vec<Vec<String>> = r
        .sources
        .iter()
        .zip(&short)
        .zip(docs)
        .map(|((name, s), d)| {
            vec![
                format!("  {s}"),
                name.clone(),
                d.date
                    .map(|x| format!("dated {x}"))
                    .unwrap_or_else(|| "undated".into()),
            ]
        })
        .collect();
    let legend = align(&["", "", ""], &legend);
    out.push_str(legend.split_once('\n').map_or("", |x| x.1));
    out.push('\n');
    let mut header: Vec<&str> = vec!["claim", "dimension"];
    header.extend(short.iter().map(String::as_str));
    header.push("status");
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|row| {
            let mut v = vec![row.key.describe(), row.key.dimension.as_str().to_string()];
            v.extend(row.cells.iter().map(|c| cell(r, c)));
            v.push(row.status.as_str().to_string());
            v
        })
        .collect();
    out.push_str(&align(&header, &rows));
    let count = |s: figcheck::Status| r.rows.iter().filter(|x| x.status == s).count();
    out.push_str(&format!(
        "\n{} claims: {} agree, {} consistent, {} conflict, {} single source\n",
        r.rows.len(),
        count(figcheck::Status::Agree),
        count(figcheck::Status::Consistent),
        count(figcheck::Status::Conflict),
        count(figcheck::Status::SingleSource),
    ));
    if !r.findings.is_empty() {
        out.push('\n');
    }
    for d in &r.findings {
        out.push_str(&diagnostic(docs, d, color));
        out.push('\n');
    }
    let sev = |s: Severity| r.findings.iter().filter(|d| d.severity == s).count();
    out.push_str(&format!(
        "{} findings: {} errors, {} warnings, {} notes\n",
        r.findings.len(),
        sev(Severity::Error),
        sev(Severity::Warning),
        sev(Severity::Note)
    ));
    out
}

fn end_value(d: Option<Decimal>, unit: Option<&str>) -> Value {
    match (d, unit) {
        (None, _) => Value::Null,
        (Some(d), Some("day")) => date_of_day(d).map_or(Value::Null, |x| json!(x.to_string())),
        // Within `u64`/`i64`, the number exactly; beyond, a `Value` cannot hold it.
        (Some(d), _) => serde_json::to_value(Num(d)).unwrap_or_else(|_| {
            rust_decimal::prelude::ToPrimitive::to_f64(&d).map_or(Value::Null, |f| json!(f))
        }),
    }
}

fn interval_json(m: &mut Map<String, Value>, iv: &Interval, unit: Option<&str>) {
    m.insert("low".into(), end_value(iv.low, unit));
    m.insert("high".into(), end_value(iv.high, unit));
    if iv.low_open {
        m.insert("low_open".into(), json!(true));
    }
    if iv.high_open {
        m.insert("high_open".into(), json!(true));
    }
}

/// `figcheck reconcile --format json`.
pub fn json(docs: &[Document], r: &Reconciliation) -> String {
    let findings: Vec<Value> = r
        .findings
        .iter()
        .map(|d| {
            let (line, column) = docs
                .iter()
                .find(|x| x.name == d.file)
                .map_or((0, 0), |x| x.line_col(d.span.start));
            let mut m = Map::new();
            m.insert("code".into(), json!(d.code));
            m.insert("severity".into(), json!(d.severity.as_str()));
            m.insert("file".into(), json!(d.file));
            m.insert("start".into(), json!(d.span.start));
            m.insert("end".into(), json!(d.span.end));
            m.insert("line".into(), json!(line));
            m.insert("column".into(), json!(column));
            m.insert("message".into(), json!(d.message));
            let related: Vec<Value> = d
                .related
                .iter()
                .map(|x| json!({"file": x.file, "start": x.span.start, "end": x.span.end, "message": x.message}))
                .collect();
            m.insert("related".into(), json!(related));
            if let Some(h) = &d.help {
                m.insert("help".into(), json!(h));
            }
            Value::Object(m)
        })
        .collect();
    let claims: Vec<Value> = r
        .rows
        .iter()
        .map(|row| {
            let k = &row.key;
            let key = json!({
                "noun": k.noun,
                "role": k.role,
                "dimension": k.dimension.as_str(),
                "forecast": k.forecast,
                "place": k.place,
                "time": k.time.map(|t| t.to_string()),
            });
            let values: Vec<Value> = row
                .cells
                .iter()
                .flatten()
                .map(|&i| {
                    let c = &r.claims[i];
                    let mut m = Map::new();
                    m.insert("file".into(), json!(r.sources.get(c.source)));
                    m.insert("start".into(), json!(c.span.start));
                    m.insert("end".into(), json!(c.span.end));
                    m.insert("text".into(), json!(c.text));
                    // A vague word shows the range it usually means; its upper end is soft.
                    interval_json(&mut m, &c.vague.unwrap_or(c.interval), c.unit.as_deref());
                    m.insert("unit".into(), json!(c.unit));
                    if c.vague.is_some() {
                        m.insert("vague".into(), json!(true));
                    }
                    Value::Object(m)
                })
                .collect();
            let mut m = Map::new();
            m.insert("key".into(), key);
            m.insert("description".into(), json!(k.describe()));
            m.insert("status".into(), json!(row.status.as_str()));
            let unit = row
                .cells
                .iter()
                .flatten()
                .next()
                .and_then(|&i| r.claims[i].unit.as_deref());
            if let Some(c) = &row.consensus {
                let mut cm = Map::new();
                interval_json(&mut cm, c, unit);
                m.insert("consensus".into(), Value::Object(cm));
            }
            m.insert("values".into(), json!(values));
            Value::Object(m)
        })
        .collect();
    let mut s = serde_json::to_string_pretty(
        &json!({"version": 1, "findings": findings, "claims": claims}),
    )
    .unwrap_or_default();
    s.push('\n');
    s
}
