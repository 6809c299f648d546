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
use std::collections::HashMap;

/// Where the sources of a reconciliation are known from: their documents, or (reconciling
/// claim files) only the line and column each claim line recorded for its figure.
#[derive(Clone, Copy)]
pub enum Origin<'a> {
    /// The documents, with their texts.
    Docs(&'a [Document]),
    /// Line and column by file name and byte offset.
    Claims(&'a HashMap<(String, usize), (usize, usize)>),
}

impl<'a> Origin<'a> {
    /// The documents (none for claim files).
    pub fn docs(&self) -> &'a [Document] {
        match self {
            Origin::Docs(d) => d,
            Origin::Claims(_) => &[],
        }
    }

    /// The line and column of byte `start` of `file` (0, 0 when unknown).
    pub fn line_col(&self, file: &str, start: usize) -> (usize, usize) {
        self.find_line_col(file, start).unwrap_or((0, 0))
    }

    /// The line and column of byte `start` of `file`, when known.
    pub fn find_line_col(&self, file: &str, start: usize) -> Option<(usize, usize)> {
        match self {
            Origin::Docs(docs) => docs
                .iter()
                .find(|x| x.name == file)
                .map(|x| x.line_col(start)),
            Origin::Claims(m) => m.get(&(file.to_string(), start)).copied(),
        }
    }
}

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

/// One finding, rustc-style, with the related spans in their own files (only the position
/// of the figure when the text is not at hand).
pub fn diagnostic(origin: Origin<'_>, d: &Diagnostic, color: bool) -> String {
    let docs = origin.docs();
    let text_of = |name: &str| {
        docs.iter()
            .find(|x| x.name == name)
            .map(|x| x.text.as_str())
    };
    if text_of(&d.file).is_none() {
        let (line, col) = origin.line_col(&d.file, d.span.start);
        let mut out = format!(
            "{}[{}]: {}\n  --> {}:{line}:{col}\n",
            d.severity.as_str(),
            d.code,
            d.message,
            d.file
        );
        for r in &d.related {
            out.push_str(&format!(
                "   = {}: bytes {}..{}: {}\n",
                r.file, r.span.start, r.span.end, r.message
            ));
        }
        return out;
    }
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
    human_in(Origin::Docs(docs), r, color)
}

/// [`human`] of sources known from `origin`.
pub fn human_in(origin: Origin<'_>, r: &Reconciliation, color: bool) -> String {
    let short = short_names(&r.sources);
    let mut out = String::from("sources:\n");
    let legend: Vec<Vec<String>> = r
        .sources
        .iter()
        .zip(&short)
        .zip(&r.dates)
        .map(|((name, s), date)| {
            vec![
                format!("  {s}"),
                name.clone(),
                date.map(|x| format!("dated {x}"))
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
    let unkeyed = match r.unkeyed.len() {
        0 => String::new(),
        n => format!("; {n} unkeyed"),
    };
    out.push_str(&format!(
        "\n{} claims: {} agree, {} consistent, {} conflict{updated}, {} single source{unkeyed}\n",
        r.rows.len(),
        count(figcheck::Status::Agree),
        count(figcheck::Status::Consistent),
        count(figcheck::Status::Conflict),
        count(figcheck::Status::SingleSource),
    ));
    // Agreements, each with how many sources agree.
    for row in r
        .rows
        .iter()
        .filter(|x| x.status == figcheck::Status::Agree)
    {
        out.push_str(&format!(
            "  agree: {} ({} sources)\n",
            row.key.describe(),
            row.cells.len()
        ));
    }
    if !r.unkeyed.is_empty() {
        out.push_str("\nunkeyed (no noun to compare by):\n");
        let mut by_source: Vec<(usize, Vec<String>)> = Vec::new();
        for c in &r.unkeyed {
            let (line, col) = origin.line_col(&r.sources[c.source], c.span.start);
            let t = format!(
                "\"{}\" {line}:{col}",
                c.text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            match by_source.last_mut() {
                Some((s, v)) if *s == c.source => v.push(t),
                _ => by_source.push((c.source, vec![t])),
            }
        }
        for (s, v) in by_source {
            out.push_str(&format!("  {}: {}\n", short[s], v.join(", ")));
        }
    }
    if !r.findings.is_empty() {
        out.push('\n');
    }
    for d in &r.findings {
        out.push_str(&diagnostic(origin, d, color));
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

/// One finding, with its line and column in its document (0, 0 when it is not one of them).
struct FindingJson<'a>(Origin<'a>, &'a Diagnostic);

impl Serialize for FindingJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.1;
        let (line, column) = self.0.line_col(&d.file, d.span.start);
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
        m.serialize_entry("related", &RelatedAt(self.0, &d.related))?;
        m.serialize_entry("severity", d.severity.as_str())?;
        m.serialize_entry("start", &d.span.start)?;
        m.end()
    }
}

/// A finding's related figures, with their line and column as the findings contract has them
/// (left out when the position is not known).
struct RelatedAt<'a>(Origin<'a>, &'a [figcheck::Related]);

impl Serialize for RelatedAt<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct One<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            column: Option<usize>,
            end: usize,
            file: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            line: Option<usize>,
            message: &'a str,
            start: usize,
        }
        s.collect_seq(self.1.iter().map(|r| {
            let at = self.0.find_line_col(&r.file, r.span.start);
            One {
                column: at.map(|x| x.1),
                end: r.span.end,
                file: &r.file,
                line: at.map(|x| x.0),
                message: &r.message,
                start: r.span.start,
            }
        }))
    }
}

/// The whole document: claims, findings, version.
struct ReconcileJson<'a>(Origin<'a>, &'a Reconciliation);

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
    json_in(Origin::Docs(docs), r)
}

/// [`json`] of sources known from `origin`.
pub fn json_in(origin: Origin<'_>, r: &Reconciliation) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail, nor can serializing these views.
    let _ = write_nested(&mut out, 0, &ReconcileJson(origin, r));
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}
