//! The gate: what happens to findings between the checks and the terminal or CI.
//!
//! [`finish`] applies each file's `figcheck.toml` (per-rule severity or `off`), the draft's own
//! suppression comments, and `--baseline`; renders in the chosen format; and computes the exit
//! status (2 when a file could not be read, else 1 when a finding is at or above `--fail-on`
//! unless `--exit-zero`, else 0). `check` and `reconcile` hand it their documents and findings.

use crate::cli::{Common, Gate, OutputFormat};
use crate::render;
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
    // With nothing read (a bad `--config` was reported already) there is nothing to load.
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
        let dir = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let dir = std::path::absolute(&dir).unwrap_or(dir);
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
    let mut by_file: HashMap<String, Vec<Diagnostic>> = HashMap::new();
    let mut orphans = Vec::new();
    for d in diagnostics {
        if docs.iter().any(|doc| doc.name == d.file) {
            by_file.entry(d.file.clone()).or_default().push(d);
        } else {
            orphans.push(d);
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
        let mine = by_file.remove(&doc.name).unwrap_or_default();
        let o = suppress::apply_known(doc, mine, Some(&known));
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
        if let Some(b) = baseline {
            let at = figcheck::baseline::resolve(&doc.name);
            of_these_files.extend(b.entries_for(&at));
            let (k, accepted) = b.filter_at(doc, &at, kept);
            out.accepted += accepted.len();
            used.extend(accepted);
            kept = k;
        }
        out.findings.extend(kept);
    }
    out.findings.extend(orphans);
    out.stale = of_these_files.difference(&used).copied().collect();
    Ok(out)
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

/// `figcheck check`: reads the drafts, runs the checks, finishes through the gate.
pub fn check(common: &Common, gate: &Gate) -> i32 {
    let (mut docs, mut failed, mut configs) = match crate::cmd::gate::open(common) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut diagnostics = Vec::new();
    // A document whose checks failed (one error line names it) is left out of the report.
    let mut checked = Vec::with_capacity(docs.len());
    let progress = crate::cmd::progress::Progress::new(docs.len());
    for doc in &docs {
        match configs.for_path(&doc_path(doc)) {
            Ok((_, cfg)) => match crate::cmd::isolated(&doc.name, || check_findings(doc, cfg)) {
                Some(found) => {
                    diagnostics.extend(found);
                    checked.push(true);
                }
                None => {
                    failed = true;
                    checked.push(false);
                }
            },
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        }
        progress.inc();
    }
    progress.finish();
    let mut keep = checked.into_iter();
    docs.retain(|_| keep.next().unwrap_or(false));
    finish(common, gate, &docs, diagnostics, failed)
}

/// `figcheck reconcile` through the gate: the claims table and findings as `reconcile`
/// renders them (human, JSON), SARIF and GitHub from the gate; configuration, suppressions and
/// the baseline apply to its findings.
pub fn reconcile(common: &Common, gate: &Gate) -> i32 {
    let (docs, mut failed) = crate::cli::read_docs(common);
    let grammars = match grammars(common, &docs) {
        Ok(g) => g,
        Err(code) => return code,
    };
    // A source whose reading fails is left out (one error line names it); the others are
    // reconciled.
    let mut sources = Vec::with_capacity(docs.len());
    for (d, g) in docs.into_iter().zip(&grammars) {
        match crate::cmd::isolated(&d.name, || g.extract(&d)) {
            Some(qs) => sources.push((d, qs)),
            None => failed = true,
        }
    }
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
