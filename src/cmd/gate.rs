//! The gate: what happens to findings between the checks and the terminal or CI.
//!
//! [`finish_with`] applies each file's `figcheck.toml` (per-rule severity or `off`), the draft's own
//! suppression comments, and `--baseline`; renders in the chosen format; and computes the exit
//! status (2 when a file could not be read, else 1 when a finding is at or above `--fail-on`
//! unless `--exit-zero`, else 0). `check` and `reconcile` hand it their documents and findings.

use crate::cli::{Gate, OutputFormat};
pub use crate::cmd::configs::{Configs, check_findings, known_codes};
use crate::render;
use figcheck::baseline::Baseline;
use figcheck::config::Config;
use figcheck::{Diagnostic, Document, suppress};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Applies configuration, suppressions and the baseline. Returns the findings to report.
pub fn process(
    configs: &mut Configs,
    baseline: Option<&Baseline>,
    docs: &[Document],
    diagnostics: Vec<Diagnostic>,
) -> Result<Vec<Diagnostic>, String> {
    process_counted(configs, baseline, docs, diagnostics).map(|p| p.findings)
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
    configs: &mut Configs,
    baseline: Option<&Baseline>,
    docs: &[Document],
    diagnostics: Vec<Diagnostic>,
) -> Result<Processed, String> {
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
            .for_path(&PathBuf::from(&doc.name))
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
    // Bounded like a draft (a baseline is never near the default limit; `/dev/zero` is).
    let bytes = std::fs::File::open(p)
        .map_err(|e| figcheck::SourceError::Io(e.to_string()))
        .and_then(|f| figcheck::source::read_bounded(f, figcheck::source::DEFAULT_MAX_SIZE))
        .map_err(|e| format!("{}: {e}", p.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{}: not a figcheck baseline: not UTF-8 text", p.display()))?;
    Baseline::parse(&text)
        .map(Some)
        .map_err(|e| format!("{}: not a figcheck baseline: {e}", p.display()))
}

/// Warns (stderr) of the baseline entries that matched no finding of their file.
pub fn report_stale(path: Option<&Path>, baseline: Option<&Baseline>, stale: &[usize]) {
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

/// Finishes a `check` or `reconcile` run that holds every document: configuration,
/// suppressions, baseline, rendering on stdout in `style`'s format through its
/// [`Report`](render::Report) (`own(format, findings)` returns `Some(text)` to replace it:
/// `reconcile` passes its claims table for human, JSON and HTML and leaves SARIF, GitHub and
/// concise to the gate), exit status.
#[allow(clippy::too_many_arguments)]
pub fn finish_with(
    style: render::Style,
    configs: &mut Configs,
    gate: &Gate,
    docs: &[Document],
    diagnostics: Vec<Diagnostic>,
    read_failed: bool,
    own: &dyn Fn(OutputFormat, &[Diagnostic]) -> Option<String>,
) -> crate::cmd::Outcome {
    let baseline = load_baseline(gate.baseline.as_deref())?;
    let mut processed = process_counted(configs, baseline.as_ref(), docs, diagnostics)?;
    // `--select` / `--ignore` last: every rule ran and every suppression and baseline entry
    // was judged against them, so leaving a rule out never makes a suppression of it look
    // unused or its baseline entry stale.
    processed.findings.retain(|d| gate.reports(&d.code));
    report_stale(
        gate.baseline.as_deref(),
        baseline.as_ref(),
        &processed.stale,
    );
    let status = exit_status(gate, &processed.findings, read_failed);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let own = if style.statistics {
        None
    } else {
        own(style.format, &processed.findings)
    };
    let written = match (own, render::report(style)) {
        (Some(out), _) => std::io::Write::write_all(&mut w, out.as_bytes()),
        (None, Some(report)) => {
            let errors = crate::cmd::file_errors();
            let end = render::End {
                files: docs.len(),
                accepted: processed.accepted,
                stale: processed.stale.len(),
                errors: &errors,
                ..render::End::default()
            };
            render::write_all(&*report, &mut w, docs, processed.findings, &end)
        }
        // Refused after parsing (`render::formats_of`).
        (None, None) => Ok(()),
    }
    .and_then(|()| std::io::Write::flush(&mut w));
    crate::cmd::written(status, written)
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

#[cfg(test)]
mod tests {
    use super::*;
    use figcheck::Severity;
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
