//! Rendering: the only place that turns library data into text.
//!
//! The findings of `check` (and `reconcile`'s CI formats) are written through one trait,
//! [`Report`], with one implementation per output format, each in its own file; [`report`]
//! picks it. A new format is its file and its lines here ([`OutputFormat`], [`formats_of`],
//! [`report`]).

pub mod claims;
pub mod concise;
pub mod diagnostic;
pub mod findings;
pub mod github;
pub mod html;
pub mod json;
pub mod reconcile;
pub mod sarif;
pub mod statistics;
pub mod style;
pub mod table;

use figcheck::{Diagnostic, Document};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// For people: tables and rustc-style diagnostics.
    Human,
    /// The stable JSON contract (version 1).
    Json,
    /// SARIF 2.1.0 (check and reconcile).
    Sarif,
    /// GitHub Actions workflow commands (check and reconcile).
    Github,
    /// One line per finding, `file:line:col: severity[code] message`, for grep and editors'
    /// quickfix lists (check and reconcile).
    Concise,
    /// One JSON object per line (claims).
    Ndjson,
    /// One self-contained HTML page (reconcile).
    Html,
}

impl OutputFormat {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Human => "human",
            OutputFormat::Json => "json",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Github => "github",
            OutputFormat::Concise => "concise",
            OutputFormat::Ndjson => "ndjson",
            OutputFormat::Html => "html",
        }
    }
}

/// The formats `--format` takes for each subcommand (none: it does not apply).
pub fn formats_of(subcommand: &str) -> &'static [OutputFormat] {
    use OutputFormat::*;
    match subcommand {
        "check" => &[Human, Json, Sarif, Github, Concise],
        "reconcile" => &[Human, Json, Sarif, Github, Concise, Html],
        "claims" => &[Human, Ndjson],
        "extract" | "diff" | "rules" => &[Human, Json],
        _ => &[],
    }
}

/// How the findings of a run are written: in `format`, or (`--statistics`) as counts per rule.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// `--format`.
    pub format: OutputFormat,
    /// `--statistics`.
    pub statistics: bool,
    /// Colour (human only).
    pub color: bool,
    /// `--quiet`: no summary line.
    pub quiet: bool,
    /// Whether `--baseline` was given (its counts are then reported).
    pub baseline: bool,
}

/// The [`Report`] of a style, for the formats that write findings (`None` for the others:
/// `ndjson` and `html` are refused for `check` after parsing, and `reconcile` writes those and
/// its own human and JSON itself).
pub fn report(style: Style) -> Option<Box<dyn Report>> {
    if style.statistics {
        return Some(Box::new(statistics::Statistics {
            json: style.format == OutputFormat::Json,
        }));
    }
    Some(match style.format {
        OutputFormat::Human => Box::new(diagnostic::Human {
            color: style.color,
            quiet: style.quiet,
            baseline: style.baseline,
        }),
        OutputFormat::Json => Box::new(findings::Json::new(style.baseline)),
        OutputFormat::Sarif => Box::new(sarif::Sarif::new(&sarif::rules())),
        OutputFormat::Github => Box::new(github::Github),
        OutputFormat::Concise => Box::new(concise::Concise),
        OutputFormat::Ndjson | OutputFormat::Html => return None,
    })
}

/// A file that could not be read or checked, as reported on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file, as messages name it.
    pub file: String,
    /// Why (no file name in it).
    pub reason: String,
}

/// The documents a finding's related figures may be in.
#[derive(Clone, Copy)]
pub enum Docs<'a> {
    /// Only the document being written (`check`: a finding's figures are in its own file).
    One(&'a Document),
    /// Every document of the run, by name.
    All(&'a HashMap<&'a str, &'a Document>),
}

impl<'a> Docs<'a> {
    /// The document named `name`, when it is one of these.
    pub fn get(&self, name: &str) -> Option<&'a Document> {
        match self {
            Docs::One(d) => (d.name == name).then_some(*d),
            Docs::All(m) => m.get(name).copied(),
        }
    }
}

/// What a report may say at its end: counts of what was written and what was not.
#[derive(Debug, Default)]
pub struct End<'a> {
    /// Documents read and checked.
    pub files: usize,
    /// Findings reported, by severity.
    pub counts: diagnostic::Counts,
    /// Findings reported, by rule code.
    pub by_rule: BTreeMap<String, usize>,
    /// With `--baseline`: how many findings it accepted.
    pub accepted: usize,
    /// With `--baseline`: how many of its entries for the files read matched nothing.
    pub stale: usize,
    /// Files that could not be read or checked.
    pub errors: &'a [FileError],
}

impl End<'_> {
    /// Counts `findings`, reported.
    pub fn count(&mut self, findings: &[Diagnostic]) {
        self.counts.count(findings);
        for d in findings {
            match self.by_rule.get_mut(d.code.as_str()) {
                Some(n) => *n += 1,
                None => {
                    self.by_rule.insert(d.code.clone(), 1);
                }
            }
        }
    }
}

/// One output format of findings, written document by document in the files' order:
/// [`Report::begin`], then for each document [`Report::render`] (on any thread) and
/// [`Report::write`] (in order), then [`Report::finish`]. Nothing is kept between documents but
/// what the format needs at its end.
pub trait Report: Sync {
    /// Writes what comes before the first document's findings.
    fn begin(&self, _w: &mut dyn Write) -> std::io::Result<()> {
        Ok(())
    }

    /// Renders one document's findings into `out`, on any thread. `doc` is `None` for findings
    /// whose file was not read; `docs` are the documents their related figures may be in.
    fn render(
        &self,
        docs: Docs<'_>,
        doc: Option<&Document>,
        findings: &[Diagnostic],
        out: &mut Vec<u8>,
    );

    /// Writes one document's findings, in the files' order: `chunk` is what
    /// [`Report::render`] made of them.
    fn write(
        &self,
        w: &mut dyn Write,
        _docs: Docs<'_>,
        _doc: Option<&Document>,
        _findings: &[Diagnostic],
        chunk: &[u8],
    ) -> std::io::Result<()> {
        w.write_all(chunk)
    }

    /// Writes what comes after the last document's findings.
    fn finish(&self, w: &mut dyn Write, end: &End<'_>) -> std::io::Result<()>;
}

/// Writes a whole run's findings through `report`: each document's (the first document of a
/// name has every finding of that name), then the findings of files not among them, then the
/// end. `end`'s counts are completed from the findings.
pub fn write_all(
    report: &dyn Report,
    w: &mut dyn Write,
    docs: &[Document],
    findings: Vec<Diagnostic>,
    end: &End<'_>,
) -> std::io::Result<()> {
    let mut by_name: HashMap<&str, &Document> = HashMap::new();
    for d in docs {
        by_name.entry(d.name.as_str()).or_insert(d);
    }
    let mut groups: HashMap<&str, Vec<Diagnostic>> = HashMap::new();
    let mut orphans = Vec::new();
    for d in findings {
        match by_name.get_key_value(d.file.as_str()) {
            Some((name, _)) => groups.entry(name).or_default().push(d),
            None => orphans.push(d),
        }
    }
    let all = Docs::All(&by_name);
    let mut done = End {
        files: end.files,
        accepted: end.accepted,
        stale: end.stale,
        errors: end.errors,
        ..End::default()
    };
    report.begin(w)?;
    let mut chunk = Vec::new();
    for doc in docs {
        let mine = groups.remove(doc.name.as_str()).unwrap_or_default();
        chunk.clear();
        report.render(all, Some(doc), &mine, &mut chunk);
        report.write(w, all, Some(doc), &mine, &chunk)?;
        done.count(&mine);
    }
    if !orphans.is_empty() {
        chunk.clear();
        report.render(all, None, &orphans, &mut chunk);
        report.write(w, all, None, &orphans, &chunk)?;
        done.count(&orphans);
    }
    report.finish(w, &done)
}
