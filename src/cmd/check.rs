//! `figcheck check`.

use crate::cli::{Common, Gate};
use crate::cmd::configs::{check_findings, known_codes};
use crate::cmd::gate::{gate_doc, load_baseline, report_stale};
use crate::cmd::plan::{Plan, Planned};
use crate::cmd::{Messages, Outcome};
use crate::render::{self, Docs, End, Report, Style};
use figcheck::{Diagnostic, Document};

/// How `check`'s findings are written.
pub fn style(common: &Common, gate: &Gate, color: bool) -> Style {
    Style {
        format: common.format,
        statistics: gate.statistics,
        color,
        quiet: crate::cli::quiet(),
        baseline: gate.baseline.is_some(),
    }
}

/// One document checked by a worker of [`run`]: its messages, and unless it could not be
/// read or checked, what is left of its findings.
type Checked = (Messages, Option<Done>);

/// One document's findings after the gate, rendered by the report, with what the end needs.
struct Done {
    doc: Document,
    findings: Vec<Diagnostic>,
    rendered: Vec<u8>,
    /// The baseline's entries that accepted a finding of it, and its entries for the file.
    accepted: Vec<usize>,
    of_file: Vec<usize>,
}

/// `figcheck check`: reads the drafts, runs the checks and the gate's steps for each
/// ([`gate_doc`]) on every core, and writes each document's findings through the format's
/// [`Report`] in the files' order as soon as they are found, dropping the document (byte for
/// byte what one thread writes). Only counts are kept from one document to the next.
pub fn run(common: &Common, gate: &Gate, color: bool) -> Outcome {
    let plan = Plan::new(common)?;
    let style = style(common, gate, color);
    // A file named twice has the findings of both readings gathered under its one name: that
    // run holds every document until the end.
    let mut names = std::collections::HashSet::new();
    if !plan.items.iter().all(|i| names.insert(i.name.as_str())) {
        return check_whole(common, gate, style, plan);
    }
    drop(names);
    let Some(report) = render::report(style) else {
        // Refused after parsing (`render::formats_of`).
        return Ok(2);
    };
    let report: &dyn Report = &*report;
    let baseline = load_baseline(gate.baseline.as_deref())?;
    let known = known_codes();
    let work = |_: usize, item: &Planned| -> Checked {
        let (doc, mut messages) = plan.read(common, item);
        let Some(doc) = doc else {
            return (messages, None);
        };
        let cfg = plan.config(item);
        let done = crate::cmd::isolated_quiet(&doc.name, || {
            let found = check_findings(&doc, cfg);
            let g = gate_doc(&doc, cfg, &known, baseline.as_ref(), found);
            // `--select` / `--ignore` last, as the gate has them.
            let mut kept = g.findings;
            kept.retain(|d| gate.reports(&d.code));
            let mut rendered = Vec::new();
            report.render(Docs::One(&doc), Some(&doc), &kept, &mut rendered);
            (kept, rendered, g.accepted, g.of_file)
        });
        match done {
            Ok((findings, rendered, accepted, of_file)) => (
                messages,
                Some(Done {
                    doc,
                    findings,
                    rendered,
                    accepted,
                    of_file,
                }),
            ),
            Err(line) => {
                messages.append(line);
                (messages, None)
            }
        }
    };
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let (mut failed, mut reached) = (false, false);
    let mut end = End::default();
    let mut of_these_files = std::collections::BTreeSet::new();
    let mut used = std::collections::BTreeSet::new();
    let mut status = report.begin(&mut w);
    let progress = crate::cmd::progress::Progress::new(plan.items.len());
    if status.is_ok() {
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
                end.files += 1;
                end.count(&done.findings);
                reached |= done.findings.iter().any(|d| d.severity >= gate.fail_on);
                end.accepted += done.accepted.len();
                used.extend(done.accepted);
                of_these_files.extend(done.of_file);
                // A write error stops the writing (and the reading): it is reported below.
                let doc = Docs::One(&done.doc);
                status = report.write(&mut w, doc, Some(&done.doc), &done.findings, &done.rendered);
                status.is_ok()
            },
        );
    }
    progress.finish();
    let stale: Vec<usize> = of_these_files.difference(&used).copied().collect();
    report_stale(gate.baseline.as_deref(), baseline.as_ref(), &stale);
    end.stale = stale.len();
    let errors = crate::cmd::file_errors();
    end.errors = &errors;
    let written = status
        .and_then(|()| report.finish(&mut w, &end))
        .and_then(|()| std::io::Write::flush(&mut w));
    let status = if failed {
        2
    } else if reached && !gate.exit_zero {
        1
    } else {
        0
    };
    crate::cmd::written(status, written)
}

/// [`run`] holding every document until the end, for a run that names a file twice.
fn check_whole(common: &Common, gate: &Gate, style: Style, mut plan: Plan) -> Outcome {
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
    crate::cmd::gate::finish_with(
        style,
        &mut plan.configs,
        gate,
        &docs,
        diagnostics,
        failed,
        &|_, _| None,
    )
}
