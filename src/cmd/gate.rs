//! The gate: what happens to findings between the checks and the terminal or CI.
//!
//! [`finish`] applies each file's `figcheck.toml` (per-rule severity or `off`), the draft's own
//! suppression comments, and `--baseline`; renders in the chosen format; and computes the exit
//! status (2 when a file could not be read, else 1 when a finding is at or above `--fail-on`
//! unless `--exit-zero`, else 0). `check` and `reconcile` hand it their documents and findings.

use crate::cli::{Common, Gate, OutputFormat};
use crate::render;
use crate::render::diagnostic::Counts;
use figcheck::baseline::Baseline;
use figcheck::config::{Config, ConfigError};
use figcheck::{Diagnostic, Document, Severity, suppress};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A rule's metadata as SARIF shows it (owned: a finding whose code is not in the registry
/// gets an entry of its own there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable kebab-case code.
    pub code: String,
    /// Default severity.
    pub severity: Severity,
    /// One line.
    pub summary: String,
    /// What it checks / why / examples.
    pub doc: String,
}

/// The options a file's configuration gives the checks.
pub fn check_options(config: &Config) -> figcheck::CheckOptions {
    let mut o = figcheck::CheckOptions {
        grammar: grammar_of(config),
        ..figcheck::CheckOptions::default()
    };
    o.tolerance = config.tolerance.resolved();
    for (code, level) in &config.rules {
        match level.severity() {
            None => {
                o.disabled.insert(code.clone());
            }
            Some(s) => {
                o.severity.insert(code.clone(), s);
            }
        }
    }
    o
}

/// The grammar a configuration gives (extra units and role words); the configuration was
/// validated when it was loaded. Pass it to the work that reads units after extraction too
/// (checks convert through its unit table, claims compare in base units), so that units the
/// configuration defines are known there. Each distinct set of extras is built once per run
/// (a run sees a handful of configurations at most); the grammar itself is immutable.
pub fn grammar_of(config: &Config) -> figcheck::grammar::Grammar {
    use figcheck::grammar::{Extras, Grammar};
    static BUILT: std::sync::Mutex<Vec<(Extras, Grammar)>> = std::sync::Mutex::new(Vec::new());
    let extras = config.extras();
    if extras.is_empty() {
        return Grammar::default();
    }
    let mut built = BUILT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, g)) = built.iter().find(|(e, _)| *e == extras) {
        return g.clone();
    }
    let g = Grammar::new(&extras).unwrap_or_default();
    built.push((extras, g.clone()));
    g
}

/// The grammar of each document's configuration (`--config` or the nearest `figcheck.toml`);
/// a configuration error is printed and gives exit status 2.
pub fn grammars(
    common: &Common,
    docs: &[Document],
) -> Result<Vec<figcheck::grammar::Grammar>, i32> {
    if docs.is_empty() {
        return Ok(Vec::new());
    }
    let mut configs = Configs::new(common.config.as_deref()).map_err(|e| {
        eprintln!("error: {e}");
        2
    })?;
    let mut out = Vec::with_capacity(docs.len());
    for doc in docs {
        let (_, cfg) = configs.for_path(&doc_path(doc)).map_err(|e| {
            eprintln!("error: {e}");
            2
        })?;
        out.push(grammar_of(cfg));
    }
    Ok(out)
}

/// The findings of `check` on one document, under its configuration.
pub fn check_findings(doc: &Document, config: &Config) -> Vec<Diagnostic> {
    let o = check_options(config);
    figcheck::check(doc, &o.grammar.extract(doc), &o)
}

/// Every rule of the registry ([`figcheck::registry::ALL`]), as SARIF shows it.
pub fn rules() -> Vec<RuleMeta> {
    figcheck::registry::ALL
        .iter()
        .map(|r| RuleMeta {
            code: r.code.into(),
            severity: r.severity,
            summary: r.summary.into(),
            doc: r.doc.into(),
        })
        .collect()
}

/// Rule codes `[rules]` may name.
fn known_codes() -> Vec<String> {
    figcheck::registry::codes().map(String::from).collect()
}

/// The configuration of each document: `--config`, or the nearest figcheck.toml above it.
#[derive(Debug, Default)]
pub struct Configs {
    explicit: Option<(PathBuf, Config)>,
    cache: HashMap<PathBuf, Option<(PathBuf, Config)>>,
    default: Config,
}

impl Configs {
    /// Loads `--config` if given.
    pub fn new(explicit: Option<&Path>) -> Result<Configs, ConfigError> {
        let mut c = Configs::default();
        if let Some(p) = explicit {
            c.explicit = Some((p.to_path_buf(), load_checked(p)?));
        }
        Ok(c)
    }

    /// The configuration for a file (or `-`), with the path it came from.
    pub fn for_path(&mut self, file: &Path) -> Result<(Option<&Path>, &Config), ConfigError> {
        if let Some((p, c)) = &self.explicit {
            return Ok((Some(p.as_path()), c));
        }
        let dir = config_dir(file);
        if !self.cache.contains_key(&dir) {
            let found = match figcheck::config::discover(&dir) {
                Some(p) => {
                    let shown = relative_to_cwd(&p);
                    let c = load_checked(&shown)?;
                    Some((shown, c))
                }
                None => None,
            };
            self.cache.insert(dir.clone(), found);
        }
        Ok(match self.cache.get(&dir).and_then(Option::as_ref) {
            Some((p, c)) => (Some(p.as_path()), c),
            None => (None, &self.default),
        })
    }

    /// The configuration [`Configs::for_path`] found for a file before; the default one for
    /// a file it was not asked about or could not load one for (those are not read).
    pub fn resolved(&self, file: &Path) -> &Config {
        if let Some((_, c)) = &self.explicit {
            return c;
        }
        match self.cache.get(&config_dir(file)).and_then(Option::as_ref) {
            Some((_, c)) => c,
            None => &self.default,
        }
    }
}

/// The directory from which a file's figcheck.toml is looked for.
fn config_dir(file: &Path) -> PathBuf {
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::path::absolute(&dir).unwrap_or(dir)
}

fn relative_to_cwd(p: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf())
}

fn load_checked(p: &Path) -> Result<Config, ConfigError> {
    let c = Config::load(p)?;
    let known = known_codes();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    c.check_rule_names(&p.display().to_string(), &known)?;
    Ok(c)
}

/// The path a document was read from (for config discovery).
fn doc_path(doc: &Document) -> PathBuf {
    PathBuf::from(&doc.name)
}

/// Applies configuration, suppressions and the baseline. Returns the findings to report.
pub fn process(
    common: &Common,
    baseline: Option<&Baseline>,
    docs: &[Document],
    diagnostics: Vec<Diagnostic>,
) -> Result<Vec<Diagnostic>, String> {
    process_counted(common, baseline, docs, diagnostics).map(|p| p.findings)
}

/// What [`process_counted`] leaves: the findings to report and what the baseline did.
#[derive(Debug, Default)]
pub struct Processed {
    /// The findings to report.
    pub findings: Vec<Diagnostic>,
    /// How many findings the baseline accepted (left out).
    pub accepted: usize,
    /// The baseline's entries for files of this run that matched no finding (indices into
    /// its `findings`): fixed since, or rewritten.
    pub stale: Vec<usize>,
}

/// As [`process`], counting what the baseline accepted and which of its entries for the files
/// read matched nothing.
pub fn process_counted(
    common: &Common,
    baseline: Option<&Baseline>,
    docs: &[Document],
    diagnostics: Vec<Diagnostic>,
) -> Result<Processed, String> {
    let mut configs = Configs::new(common.config.as_deref()).map_err(|e| e.to_string())?;
    // Each document's findings, looked up by name once per finding (not a search of the
    // document list: that was quadratic in files × findings).
    let mut by_file: HashMap<&str, Vec<Diagnostic>> = docs
        .iter()
        .map(|doc| (doc.name.as_str(), Vec::new()))
        .collect();
    let mut orphans = Vec::new();
    for d in diagnostics {
        match by_file.get_mut(d.file.as_str()) {
            Some(mine) => mine.push(d),
            None => orphans.push(d),
        }
    }
    let known = known_codes();
    let mut out = Processed::default();
    let mut of_these_files = std::collections::BTreeSet::new();
    let mut used = std::collections::BTreeSet::new();
    for doc in docs {
        let (_, cfg) = configs
            .for_path(&doc_path(doc))
            .map_err(|e| e.to_string())?;
        let mine = by_file.remove(doc.name.as_str()).unwrap_or_default();
        let g = gate_doc(doc, cfg, &known, baseline, mine);
        of_these_files.extend(g.of_file);
        out.accepted += g.accepted.len();
        used.extend(g.accepted);
        out.findings.extend(g.findings);
    }
    out.findings.extend(orphans);
    out.stale = of_these_files.difference(&used).copied().collect();
    Ok(out)
}

/// What [`gate_doc`] leaves of one document's findings.
#[derive(Debug, Default)]
pub struct Gated {
    /// The findings to report.
    pub findings: Vec<Diagnostic>,
    /// The baseline's entries that accepted one of its findings (indices into its `findings`).
    pub accepted: Vec<usize>,
    /// The baseline's entries for its file.
    pub of_file: Vec<usize>,
}

/// [`process_counted`] for one document's findings `mine`, under its configuration `cfg`: its
/// suppressions, the configured severities, span order, the baseline.
pub fn gate_doc(
    doc: &Document,
    cfg: &Config,
    known: &[String],
    baseline: Option<&Baseline>,
    mine: Vec<Diagnostic>,
) -> Gated {
    let o = suppress::apply_known(doc, mine, Some(known));
    let mut kept: Vec<Diagnostic> = o
        .kept
        .into_iter()
        .chain(o.own)
        .filter_map(|mut d| match cfg.level(&d.code) {
            Some(l) => l.severity().map(|s| {
                d.severity = s;
                d
            }),
            None => Some(d),
        })
        .collect();
    kept.sort_by_key(|d| (d.span.start, d.span.end));
    let mut out = Gated::default();
    if let Some(b) = baseline {
        let at = figcheck::baseline::resolve(&doc.name);
        out.of_file = b.entries_for(&at);
        let (k, accepted) = b.filter_at(doc, &at, kept);
        out.accepted = accepted;
        kept = k;
    }
    out.findings = kept;
    out
}

/// Loads `--baseline`.
pub fn load_baseline(path: Option<&Path>) -> Result<Option<Baseline>, String> {
    let Some(p) = path else { return Ok(None) };
    let text =
        std::fs::read_to_string(p).map_err(|e| format!("{}: cannot read: {e}", p.display()))?;
    Baseline::parse(&text)
        .map(Some)
        .map_err(|e| format!("{}: not a figcheck baseline: {e}", p.display()))
}

/// Groups findings under their documents (every document, in order, even without findings).
fn by_doc<'a>(
    docs: &'a [Document],
    diagnostics: &[Diagnostic],
) -> Vec<(&'a Document, Vec<Diagnostic>)> {
    let mut by: HashMap<&str, Vec<Diagnostic>> = HashMap::new();
    for d in diagnostics {
        by.entry(d.file.as_str()).or_default().push(d.clone());
    }
    docs.iter()
        .map(|doc| (doc, by.remove(doc.name.as_str()).unwrap_or_default()))
        .collect()
}

/// Groups findings under their documents as [`by_doc`] does, borrowing them.
fn by_doc_ref<'a, 'd>(
    docs: &'a [Document],
    diagnostics: &'d [Diagnostic],
) -> Vec<(&'a Document, Vec<&'d Diagnostic>)> {
    let mut by: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for d in diagnostics {
        by.entry(d.file.as_str()).or_default().push(d);
    }
    docs.iter()
        .map(|doc| (doc, by.remove(doc.name.as_str()).unwrap_or_default()))
        .collect()
}

/// Writes findings in `format` into `out` (JSON and SARIF as they are serialized).
pub fn write_findings(
    out: &mut impl std::io::Write,
    format: OutputFormat,
    color: bool,
    docs: &[Document],
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    match format {
        OutputFormat::Human => {
            out.write_all(render::diagnostic::render(&by_doc(docs, diagnostics), color).as_bytes())
        }
        OutputFormat::Json => render::findings::render_to(out, &by_doc_ref(docs, diagnostics)),
        OutputFormat::Sarif => {
            let errors = crate::cmd::file_errors();
            let errors: Vec<(&str, &str)> = errors
                .iter()
                .map(|e| (e.file.as_str(), e.reason.as_str()))
                .collect();
            render::sarif::render_to_with_errors(out, docs, diagnostics, &rules(), &errors)
        }
        OutputFormat::Github => {
            out.write_all(render::github::render(docs, diagnostics).as_bytes())?;
            for e in crate::cmd::file_errors() {
                out.write_all(render::github::file_error(&e.file, &e.reason).as_bytes())?;
            }
            Ok(())
        }
        OutputFormat::Concise => render::concise::render_to(out, docs, diagnostics),
        // Refused after parsing (`cli::formats_of`) for the commands that write findings.
        OutputFormat::Ndjson | OutputFormat::Html => Ok(()),
    }
}

/// The human summary's note on the baseline: `; 3 accepted by the baseline`.
fn baseline_note(p: &Processed, baseline: Option<&Baseline>) -> String {
    match baseline {
        Some(_) => format!(
            "; {} accepted by the baseline{}",
            p.accepted,
            match p.stale.len() {
                0 => String::new(),
                n => format!(", {n} of its entries no longer match"),
            }
        ),
        None => String::new(),
    }
}

/// Warns (stderr) of the baseline entries that matched no finding of their file.
fn report_stale(path: Option<&Path>, baseline: Option<&Baseline>, stale: &[usize]) {
    let (Some(path), Some(b)) = (path, baseline) else {
        return;
    };
    if stale.is_empty() || crate::cli::quiet() {
        return;
    }
    for &k in stale {
        let e = &b.findings[k];
        eprintln!(
            "warning: {}: entry no longer matches a finding: {} [{}] {}",
            path.display(),
            e.file,
            e.code,
            e.message.lines().next().unwrap_or("")
        );
    }
    eprintln!(
        "note: {} baseline entr{} matched nothing (fixed, or the sentence was rewritten); \
         `figcheck baseline` writes a fresh baseline",
        stale.len(),
        if stale.len() == 1 { "y" } else { "ies" }
    );
}

/// Finishes a `check` or `reconcile` run: configuration, suppressions, baseline, rendering on
/// stdout, exit status.
pub fn finish(
    common: &Common,
    gate: &Gate,
    docs: &[Document],
    diagnostics: Vec<Diagnostic>,
    read_failed: bool,
) -> i32 {
    finish_with(common, gate, docs, diagnostics, read_failed, &|_, _| None)
}

/// As [`finish`], with the caller's own rendering for some formats: `own(format, findings)`
/// returns `Some(text)` to replace the default (`reconcile` can pass its claims table for
/// human and JSON and leave SARIF and GitHub to the gate).
pub fn finish_with(
    common: &Common,
    gate: &Gate,
    docs: &[Document],
    diagnostics: Vec<Diagnostic>,
    read_failed: bool,
    own: &dyn Fn(OutputFormat, &[Diagnostic]) -> Option<String>,
) -> i32 {
    let baseline = match load_baseline(gate.baseline.as_deref()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mut processed = match process_counted(common, baseline.as_ref(), docs, diagnostics) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    // `--select` / `--ignore` last: every rule ran and every suppression and baseline entry
    // was judged against them, so leaving a rule out never makes a suppression of it look
    // unused or its baseline entry stale.
    processed.findings.retain(|d| gate.reports(&d.code));
    report_stale(
        gate.baseline.as_deref(),
        baseline.as_ref(),
        &processed.stale,
    );
    let findings = &processed.findings;
    let color = crate::cli::use_color(&common.color);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let quiet = crate::cli::quiet();
    let written = if gate.statistics {
        let all = rules();
        let summary_of = |code: &str| {
            all.iter()
                .find(|r| r.code == code)
                .map(|r| r.summary.clone())
                .unwrap_or_default()
        };
        render::concise::statistics(
            &mut w,
            common.format == OutputFormat::Json,
            findings,
            &summary_of,
        )
    } else {
        match (own(common.format, findings), common.format) {
            (Some(out), _) => std::io::Write::write_all(&mut w, out.as_bytes()),
            (None, OutputFormat::Human) => {
                let results = by_doc(docs, findings);
                let mut text = render::diagnostic::render_findings(&results, color);
                if !quiet {
                    let summary = render::diagnostic::summary(&results);
                    text.push_str(summary.trim_end());
                    text.push_str(&baseline_note(&processed, baseline.as_ref()));
                    text.push('\n');
                }
                std::io::Write::write_all(&mut w, text.as_bytes())
            }
            (None, format) => write_findings(&mut w, format, color, docs, findings),
        }
    }
    .and_then(|()| std::io::Write::flush(&mut w));
    match written {
        // A reader that stopped early (`| head`) is not an error of ours.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the output: {e}");
            2
        }
        _ => exit_status(gate, findings, read_failed),
    }
}

/// 2 after a read error; 1 when a finding reaches `--fail-on` (unless `--exit-zero`); else 0.
pub fn exit_status(gate: &Gate, findings: &[Diagnostic], read_failed: bool) -> i32 {
    if read_failed {
        2
    } else if !gate.exit_zero && findings.iter().any(|d| d.severity >= gate.fail_on) {
        1
    } else {
        0
    }
}

/// Reads the drafts (directories walked, config include/exclude applied) and loads the
/// configurations; on a configuration error prints it and returns exit status 2.
pub fn open(common: &Common) -> Result<(Vec<Document>, bool, Configs), i32> {
    let report = |e: &dyn std::fmt::Display| {
        eprintln!("error: {e}");
        2
    };
    let (docs, failed) = crate::cli::read_docs_configured(common).map_err(|e| report(&e))?;
    let configs = Configs::new(common.config.as_deref()).map_err(|e| report(&e))?;
    Ok((docs, failed, configs))
}

/// One document checked by a worker of [`check`]: its messages, and unless it could not be
/// read or checked, what is left of its findings.
type Checked = (crate::cmd::Messages, Option<Done>);

/// One document's findings rendered in the output's format, with what the gate needs of them.
struct Done {
    rendered: Rendered,
    counts: Counts,
    /// Whether a finding reaches `--fail-on`.
    reaches: bool,
    /// The baseline's entries that accepted a finding of it, and its entries for the file.
    accepted: Vec<usize>,
    of_file: Vec<usize>,
}

/// One document's findings, rendered in the output's format.
enum Rendered {
    Bytes(Vec<u8>),
}

/// Where [`check`] writes, by format.
enum Sink<W: std::io::Write> {
    Plain(W),
    Json(render::findings::FindingsJson<W>),
}

/// `figcheck check`: reads the drafts, runs the checks and the gate's steps for each
/// ([`gate_doc`]) on every core, and writes each document's findings in the files' order as
/// soon as they are found, dropping the document (byte for byte what one thread writes).
pub fn check(common: &Common, gate: &Gate) -> i32 {
    let plan = match crate::cli::Plan::new(common) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    // A file named twice has the findings of both readings gathered under its one name; the
    // statistics and concise output are rendered from every finding at once, and SARIF names
    // the files that could not be read before its results: those hold every document until
    // the end.
    let mut names = std::collections::HashSet::new();
    if gate.statistics
        || !matches!(
            common.format,
            OutputFormat::Human | OutputFormat::Json | OutputFormat::Github
        )
        || !plan.items.iter().all(|i| names.insert(i.name.as_str()))
    {
        return check_whole(common, gate, &plan);
    }
    drop(names);
    let baseline = match load_baseline(gate.baseline.as_deref()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let known = known_codes();
    let color = crate::cli::use_color(&common.color);
    let format = common.format;
    let work = |_: usize, item: &crate::cli::Planned| -> Checked {
        let (doc, mut messages) = plan.read(common, item);
        let Some(doc) = doc else {
            return (messages, None);
        };
        let cfg = plan.config(item);
        let done = crate::cmd::isolated_quiet(&doc.name, || {
            let found = check_findings(&doc, cfg);
            let g = gate_doc(&doc, cfg, &known, baseline.as_ref(), found);
            // `--select` / `--ignore` last, as [`finish_with`] has them.
            let mut kept = g.findings;
            kept.retain(|d| gate.reports(&d.code));
            let mut counts = Counts::default();
            counts.count(&kept);
            let rendered = match format {
                OutputFormat::Json => {
                    let refs: Vec<&Diagnostic> = kept.iter().collect();
                    let find = |name: &str| (name == doc.name).then_some(&doc);
                    let mut b = Vec::new();
                    render::findings::document_chunk(&mut b, &doc, &refs, &find);
                    Rendered::Bytes(b)
                }
                OutputFormat::Github => Rendered::Bytes(
                    render::github::render(std::slice::from_ref(&doc), &kept).into_bytes(),
                ),
                _ => {
                    Rendered::Bytes(render::diagnostic::render_doc(&doc, &kept, color).into_bytes())
                }
            };
            Done {
                rendered,
                counts,
                reaches: kept.iter().any(|d| d.severity >= gate.fail_on),
                accepted: g.accepted,
                of_file: g.of_file,
            }
        });
        match done {
            Ok(r) => (messages, Some(r)),
            Err(line) => {
                messages.append(line);
                (messages, None)
            }
        }
    };
    let stdout = std::io::stdout();
    let w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let sink = match format {
        OutputFormat::Json => render::findings::FindingsJson::begin(w).map(Sink::Json),
        _ => Ok(Sink::Plain(w)),
    };
    let (mut failed, mut reached, mut files, mut counts) = (false, false, 0, Counts::default());
    let mut processed = Processed::default();
    let mut of_these_files = std::collections::BTreeSet::new();
    let mut used = std::collections::BTreeSet::new();
    let mut written = sink.map(|s| (s, Ok(())));
    let progress = crate::cmd::progress::Progress::new(plan.items.len());
    if let Ok((sink, status)) = &mut written {
        crate::cmd::pipeline::ordered(
            &plan.items,
            crate::cmd::pipeline::threads(),
            work,
            |(messages, done)| {
                progress.inc();
                messages.report();
                let Some(done) = done else {
                    failed = true;
                    return true;
                };
                files += 1;
                counts.add(&done.counts);
                reached |= done.reaches;
                processed.accepted += done.accepted.len();
                used.extend(done.accepted);
                of_these_files.extend(done.of_file);
                // A write error stops the writing (and the reading): it is reported below.
                if status.is_ok() {
                    *status = match (&mut *sink, &done.rendered) {
                        (Sink::Plain(w), Rendered::Bytes(b)) => std::io::Write::write_all(w, b),
                        (Sink::Json(j), Rendered::Bytes(b)) => j.chunk(b),
                    };
                }
                status.is_ok()
            },
        );
    }
    progress.finish();
    processed.stale = of_these_files.difference(&used).copied().collect();
    report_stale(
        gate.baseline.as_deref(),
        baseline.as_ref(),
        &processed.stale,
    );
    let written = written.and_then(|(sink, status)| {
        status?;
        let mut w = match sink {
            Sink::Plain(mut w) => {
                if format == OutputFormat::Human && !crate::cli::quiet() {
                    let summary = render::diagnostic::summary_of(files, &counts);
                    let line = format!(
                        "{}{}\n",
                        summary.trim_end(),
                        baseline_note(&processed, baseline.as_ref())
                    );
                    std::io::Write::write_all(&mut w, line.as_bytes())?;
                }
                if format == OutputFormat::Github {
                    for e in crate::cmd::file_errors() {
                        let line = render::github::file_error(&e.file, &e.reason);
                        std::io::Write::write_all(&mut w, line.as_bytes())?;
                    }
                }
                w
            }
            Sink::Json(j) => j.finish()?,
        };
        std::io::Write::flush(&mut w)
    });
    match written {
        // A reader that stopped early (`| head`) is not an error of ours.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the output: {e}");
            2
        }
        _ if failed => 2,
        _ if reached && !gate.exit_zero => 1,
        _ => 0,
    }
}

/// [`check`] holding every document until the end, for a run that names a file twice.
fn check_whole(common: &Common, gate: &Gate, plan: &crate::cli::Plan) -> i32 {
    let mut failed = false;
    let mut docs = Vec::new();
    let mut diagnostics = Vec::new();
    let progress = crate::cmd::progress::Progress::new(plan.items.len());
    crate::cmd::pipeline::ordered(
        &plan.items,
        crate::cmd::pipeline::threads(),
        |_, item| {
            let (doc, mut messages) = plan.read(common, item);
            let checked = doc.and_then(|doc| {
                match crate::cmd::isolated_quiet(&doc.name, || {
                    check_findings(&doc, plan.config(item))
                }) {
                    Ok(found) => Some((doc, found)),
                    Err(line) => {
                        messages.append(line);
                        None
                    }
                }
            });
            (messages, checked)
        },
        |(messages, checked)| {
            messages.report();
            match checked {
                Some((doc, found)) => {
                    docs.push(doc);
                    diagnostics.extend(found);
                }
                // A document whose checks failed (one error line names it) is left out.
                None => failed = true,
            }
            progress.inc();
            true
        },
    );
    progress.finish();
    finish(common, gate, &docs, diagnostics, failed)
}

/// `figcheck reconcile` through the gate: the claims table and findings as `reconcile`
/// renders them (human, JSON), SARIF and GitHub from the gate; configuration, suppressions and
/// the baseline apply to its findings.
pub fn reconcile(common: &Common, gate: &Gate) -> i32 {
    let (plan, mut failed) = match crate::cli::Plan::new(common) {
        Ok(p) => (p, false),
        Err(e) => {
            eprintln!("error: {e}");
            (crate::cli::Plan::empty(), true)
        }
    };
    // Sources are read and their figures found on every core, kept in the files' order. A
    // source whose reading fails is left out (one error line names it); the others are
    // reconciled.
    let mut sources = Vec::with_capacity(plan.items.len());
    let mut grammars = Vec::with_capacity(plan.items.len());
    crate::cmd::pipeline::ordered(
        &plan.items,
        crate::cmd::pipeline::threads(),
        |_, item| {
            let (doc, mut messages) = plan.read(common, item);
            let g = grammar_of(plan.config(item));
            let read =
                doc.and_then(
                    |d| match crate::cmd::isolated_quiet(&d.name, || g.extract(&d)) {
                        Ok(qs) => Some((d, qs)),
                        Err(line) => {
                            messages.append(line);
                            None
                        }
                    },
                );
            (messages, read, g)
        },
        |(messages, read, g)| {
            messages.report();
            match read {
                Some(source) => {
                    sources.push(source);
                    grammars.push(g);
                }
                None => failed = true,
            }
            true
        },
    );
    // Each source is read under its own configuration; claims are compared under the one of
    // `--config`, else of the first source (units a configuration defines are known there).
    let grammar = grammars.first().cloned().unwrap_or_default();
    let Some(r) =
        crate::cmd::isolated("reconcile", || figcheck::reconcile_with(&grammar, &sources))
    else {
        return 2;
    };
    let docs: Vec<Document> = sources.into_iter().map(|(d, _)| d).collect();
    let color = crate::cli::use_color(&common.color);
    let own = |format: OutputFormat, findings: &[Diagnostic]| {
        let mut r = r.clone();
        r.findings = findings.to_vec();
        r.findings.sort_by(|a, b| {
            (&a.file, a.span.start, &a.code).cmp(&(&b.file, b.span.start, &b.code))
        });
        match format {
            OutputFormat::Human => Some(render::reconcile::human(&docs, &r, color)),
            OutputFormat::Json => Some(render::reconcile::json(&docs, &r)),
            OutputFormat::Html => Some(render::html::page(&docs, &r)),
            OutputFormat::Sarif
            | OutputFormat::Github
            | OutputFormat::Concise
            | OutputFormat::Ndjson => None,
        }
    };
    finish_with(common, gate, &docs, r.findings.clone(), failed, &own)
}

#[cfg(test)]
mod tests {
    use super::*;
    use figcheck::Span;

    fn gate(fail_on: Severity, exit_zero: bool) -> Gate {
        Gate {
            fail_on,
            exit_zero,
            baseline: None,
            select: Vec::new(),
            ignore: Vec::new(),
            statistics: false,
        }
    }

    #[test]
    fn exit_status_follows_fail_on_and_exit_zero() {
        let w = vec![Diagnostic::new(
            "total",
            Severity::Warning,
            "f",
            Span::new(0, 1),
            "m",
        )];
        assert_eq!(exit_status(&gate(Severity::Warning, false), &w, false), 1);
        assert_eq!(exit_status(&gate(Severity::Error, false), &w, false), 0);
        assert_eq!(exit_status(&gate(Severity::Note, true), &w, false), 0);
        assert_eq!(exit_status(&gate(Severity::Note, true), &w, true), 2);
        assert_eq!(exit_status(&gate(Severity::Note, false), &[], false), 0);
    }
}
