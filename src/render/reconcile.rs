//! `figcheck reconcile` output: the claims table and the findings (human), or JSON.

use super::json::{Num, write_nested};
use super::table::align;
use annotate_snippets::{Level, Renderer, Snippet};
use figcheck::Claim;
use figcheck::claim::{Interval, date_of_day};
use figcheck::reconcile::{Reconciliation, Row};
use figcheck::{Diagnostic, Document, Severity};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

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
    let see = figcheck::registry::get(&d.code).map(|r| format!("see {}", r.url()));
    if let Some(see) = &see {
        msg = msg.footer(Level::Note.title(see));
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
            v.extend((0..r.sources.len()).map(|k| cell(r, row.cell(k))));
            v.push(row.status.as_str().to_string());
            v
        })
        .collect();
    out.push_str(&align(&header, &rows));
    let count = |s: figcheck::Status| r.rows.iter().filter(|x| x.status == s).count();
    let updated = match count(figcheck::Status::Updated) {
        0 => String::new(),
        n => format!(", {n} updated"),
    };
    out.push_str(&format!(
        "\n{} claims: {} agree, {} consistent, {} conflict{updated}, {} single source\n",
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
    dimension: &'static str,
    forecast: bool,
    noun: &'a str,
    place: Option<&'a str>,
    role: Option<&'a str>,
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
            dimension: k.dimension.as_str(),
            forecast: k.forecast,
            noun: &k.noun,
            place: k.place.as_deref(),
            role: k.role.as_deref(),
            time: k.time.as_ref().map(|t| Shown(t)),
        };
        m.serialize_entry("key", &key)?;
        m.serialize_entry("status", row.status.as_str())?;
        m.serialize_entry("values", &Values(r, row))?;
        m.end()
    }
}

/// One finding, with its line and column in its document (0, 0 when it is not one of them).
struct FindingJson<'a>(&'a [Document], &'a Diagnostic);

impl Serialize for FindingJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.1;
        let (line, column) = self
            .0
            .iter()
            .find(|x| x.name == d.file)
            .map_or((0, 0), |x| x.line_col(d.span.start));
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", &d.code)?;
        m.serialize_entry("column", &column)?;
        m.serialize_entry("end", &d.span.end)?;
        m.serialize_entry("file", &d.file)?;
        if let Some(h) = &d.help {
            m.serialize_entry("help", h)?;
        }
        m.serialize_entry("line", &line)?;
        m.serialize_entry("message", &d.message)?;
        let docs = self.0;
        let find = |name: &str| docs.iter().find(|x| x.name == name);
        m.serialize_entry("related", &super::findings::related_json(&d.related, &find))?;
        m.serialize_entry("severity", d.severity.as_str())?;
        m.serialize_entry("start", &d.span.start)?;
        m.end()
    }
}

/// The whole document: claims, findings, version.
struct ReconcileJson<'a>(&'a [Document], &'a Reconciliation);

impl Serialize for ReconcileJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (docs, r) = (self.0, self.1);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry(
            "claims",
            &Seq(|| r.rows.iter().map(move |row| RowJson(r, row))),
        )?;
        m.serialize_entry(
            "findings",
            &Seq(|| r.findings.iter().map(move |d| FindingJson(docs, d))),
        )?;
        m.serialize_entry("version", &1)?;
        m.end()
    }
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
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, nor can serializing these views.
    let _ = write_nested(&mut out, 0, &ReconcileJson(docs, r));
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}
