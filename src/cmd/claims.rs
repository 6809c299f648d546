//! `figcheck claims` (the per-document step: each draft's claims, one per line) and
//! `figcheck reconcile --claims` (the per-key step: reconcile claims read back from such
//! lines). Claims of two halves of a corpus reconciled together are the reconcile of the whole.

use crate::cli::{Common, OutputFormat};
use crate::cmd::plan::read_docs;
use crate::cmd::{Outcome, isolated};
use crate::render;
use figcheck::claim::{Claim, ClaimKey, Interval, Period};
use figcheck::quantity::{Dimension, Span};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::path::Path;

/// `figcheck claims`: writes each document's claims as soon as they are taken, then drops the
/// document (`--format ndjson`), or a table of them (`--format human`).
pub fn run(common: &Common) -> Outcome {
    if !matches!(common.format, OutputFormat::Ndjson | OutputFormat::Human) {
        return Err("claims supports --format ndjson or human"
            .to_string()
            .into());
    }
    let (docs, mut failed, configs) = read_docs(common)?;
    let grammars: Vec<_> = docs
        .iter()
        .map(|d| crate::cmd::configs::grammar_of(configs.resolved(Path::new(&d.name))))
        .collect();
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut table = Vec::new();
    let mut written = Ok(());
    for (d, g) in docs.iter().zip(&grammars) {
        // Each document's claims under its own configuration (units it defines are known).
        let taken = isolated(&d.name, || {
            let qs = g.extract(d);
            figcheck::claim::claims_and_unkeyed_with(g, 0, d, &qs)
        });
        let Some(cs) = taken else {
            failed = true;
            continue;
        };
        if common.format == OutputFormat::Human {
            table.push((d, cs));
        } else if written.is_ok() {
            written = render::claims::ndjson(&mut w, d, &cs);
        }
    }
    if common.format == OutputFormat::Human {
        written = std::io::Write::write_all(&mut w, render::claims::human(&table).as_bytes());
    }
    let written = written.and_then(|()| std::io::Write::flush(&mut w));
    crate::cmd::written(if failed { 2 } else { 0 }, written)
}

/// One line of a claims file, as `figcheck claims --format ndjson` writes it.
#[derive(Deserialize)]
struct Record {
    kind: String,
    file: String,
    date: Option<String>,
    start: Option<usize>,
    end: Option<usize>,
    line: Option<usize>,
    column: Option<usize>,
    text: Option<String>,
    quantity: Option<usize>,
    noun: Option<String>,
    role: Option<String>,
    dimension: Option<String>,
    forecast: Option<bool>,
    scope: Option<String>,
    entity: Option<String>,
    place: Option<String>,
    time: Option<String>,
    day: Option<String>,
    low: Option<Box<RawValue>>,
    high: Option<Box<RawValue>>,
    #[serde(default)]
    low_open: bool,
    #[serde(default)]
    high_open: bool,
    stated: Option<Box<RawValue>>,
    unit: Option<String>,
    vague: Option<Range>,
}

#[derive(Deserialize)]
struct Range {
    low: Option<Box<RawValue>>,
    high: Option<Box<RawValue>>,
    #[serde(default)]
    low_open: bool,
    #[serde(default)]
    high_open: bool,
}

fn decimal(v: &Option<Box<RawValue>>, field: &str) -> Result<Option<Decimal>, String> {
    let Some(raw) = v else { return Ok(None) };
    let t = raw.get().trim();
    if t == "null" {
        return Ok(None);
    }
    let t = t.trim_matches('"');
    t.parse::<Decimal>()
        .or_else(|_| Decimal::from_scientific(t))
        .map(Some)
        .map_err(|_| format!("`{field}` is not a number: {t}"))
}

fn interval(
    low: &Option<Box<RawValue>>,
    high: &Option<Box<RawValue>>,
    low_open: bool,
    high_open: bool,
) -> Result<Interval, String> {
    let iv = Interval {
        low: decimal(low, "low")?,
        high: decimal(high, "high")?,
        low_open,
        high_open,
    };
    if iv.is_empty() {
        return Err("the interval from `low` to `high` is empty".into());
    }
    Ok(iv)
}

fn date(s: &str, field: &str) -> Result<Date, String> {
    figcheck::source::parse_date(s)
        .filter(|_| s.len() == 10)
        .ok_or_else(|| format!("`{field}` is not a date (YYYY-MM-DD): {s:?}"))
}

fn period(s: &str) -> Result<Period, String> {
    let (a, b) = s.split_once("..").unwrap_or((s, s));
    let (start, end) = (date(a, "time")?, date(b, "time")?);
    if end < start {
        return Err(format!("`time` ends before it starts: {s:?}"));
    }
    Ok(Period { start, end })
}

fn weekday(s: &str) -> Result<String, String> {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    DAYS.contains(&s)
        .then(|| s.to_string())
        .ok_or_else(|| format!("`day` is not a weekday (\"monday\" to \"sunday\"): {s:?}"))
}

fn need<T>(v: Option<T>, field: &str) -> Result<T, String> {
    v.ok_or_else(|| format!("a claim line needs `{field}`"))
}

/// A claim line's claim (its `source` is set by the caller).
fn claim(r: Record) -> Result<(Claim, (usize, usize)), String> {
    let (start, end) = (need(r.start, "start")?, need(r.end, "end")?);
    if end < start {
        return Err("`end` is before `start`".into());
    }
    let dim = need(r.dimension, "dimension")?;
    let dimension =
        Dimension::parse(&dim).ok_or_else(|| format!("`dimension` is not known: {dim:?}"))?;
    let time = r.time.as_deref().map(period).transpose()?;
    let day = r.day.as_deref().map(weekday).transpose()?;
    let vague = r
        .vague
        .as_ref()
        .map(|v| interval(&v.low, &v.high, v.low_open, v.high_open))
        .transpose()?;
    let c = Claim {
        source: 0,
        quantity: r.quantity.unwrap_or(0),
        span: Span::new(start, end),
        text: need(r.text, "text")?,
        key: ClaimKey {
            // No noun: an unkeyed figure.
            noun: r.noun.unwrap_or_default(),
            role: r.role,
            dimension,
            forecast: r.forecast.unwrap_or(false),
            scope: r.scope,
            entity: r.entity,
            place: r.place,
            time,
            day,
        },
        interval: interval(&r.low, &r.high, r.low_open, r.high_open)?,
        stated: decimal(&r.stated, "stated")?,
        unit: r.unit,
        vague,
    };
    Ok((c, (r.line.unwrap_or(0), r.column.unwrap_or(0))))
}

/// The claims read back from claim files, with their sources in order of first appearance.
#[derive(Default)]
pub struct Read {
    pub names: Vec<String>,
    pub dates: Vec<Option<Date>>,
    pub index: HashMap<String, usize>,
    pub claims: Vec<Claim>,
    pub positions: HashMap<(String, usize), (usize, usize)>,
}

impl Read {
    /// Adds one file's lines, all or none: a line that cannot be read is an error naming the
    /// file, the line and the reason, and the file is skipped.
    pub fn add(&mut self, name: &str, text: &str) -> Result<(), String> {
        let mut sources: Vec<(String, Option<Date>)> = Vec::new();
        let mut claims: Vec<(String, Claim, (usize, usize))> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let at = |e: String| format!("{name}:{}: {e}", n + 1);
            if line.trim().is_empty() {
                continue;
            }
            let r: Record =
                serde_json::from_str(line).map_err(|e| at(format!("not a claim line ({e})")))?;
            let day = r.date.as_deref().map(|d| date(d, "date")).transpose();
            let day = day.map_err(at)?;
            let file = r.file.clone();
            match sources.iter().find(|(f, _)| *f == file) {
                Some((_, d)) if *d != day => {
                    return Err(at(format!("{file} has two document dates")));
                }
                Some(_) => {}
                None => {
                    if let Some(&k) = self.index.get(&file)
                        && self.dates[k] != day
                    {
                        return Err(at(format!(
                            "{file} has another document date in an earlier file"
                        )));
                    }
                    sources.push((file.clone(), day));
                }
            }
            match r.kind.as_str() {
                "source" => {}
                "claim" => {
                    let (c, pos) = claim(r).map_err(at)?;
                    claims.push((file, c, pos));
                }
                k => return Err(at(format!("unknown kind {k:?} (source or claim)"))),
            }
        }
        for (file, day) in sources {
            if !self.index.contains_key(&file) {
                self.index.insert(file.clone(), self.names.len());
                self.names.push(file);
                self.dates.push(day);
            }
        }
        for (file, mut c, pos) in claims {
            c.source = self.index[&file];
            self.positions.insert((file, c.span.start), pos);
            self.claims.push(c);
        }
        Ok(())
    }
}

/// Reads one claims file (`-`: standard input) whole, bounded by `--max-size`.
pub fn read_file(p: &Path, max_size: u64) -> Result<(String, String), String> {
    let stdin = p.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        p.display().to_string()
    };
    let bytes = if stdin {
        figcheck::source::read_bounded(std::io::stdin().lock(), max_size)
    } else {
        std::fs::File::open(p)
            .map_err(|e| figcheck::source::SourceError::Io(e.to_string()))
            .and_then(|f| figcheck::source::read_bounded(f, max_size))
    }
    .map_err(|e| format!("{name}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{name}: not UTF-8 text"))?;
    Ok((name, text))
}
