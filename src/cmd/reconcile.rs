//! `figcheck reconcile`: line up the figures of several sources on one event.

use crate::cli::{Common, Gate, OutputFormat, read_docs, use_color};
use crate::render;

/// Runs `reconcile`; returns the exit status: 2 when a file could not be read (the others are
/// still reconciled), else 1 when a finding is at or above `--fail-on` (unless `--exit-zero`),
/// else 0.
pub fn run(common: &Common, gate: &Gate) -> i32 {
    if matches!(common.format, OutputFormat::Sarif | OutputFormat::Github) {
        eprintln!("error: reconcile supports --format human or json");
        return 2;
    }
    let (docs, failed) = read_docs(common);
    let sources: Vec<_> = docs
        .into_iter()
        .map(|d| {
            let qs = figcheck::extract(&d);
            (d, qs)
        })
        .collect();
    let r = figcheck::reconcile(&sources);
    let docs: Vec<figcheck::Document> = sources.into_iter().map(|(d, _)| d).collect();
    let out = match common.format {
        OutputFormat::Json => render::reconcile::json(&docs, &r),
        _ => render::reconcile::human(&docs, &r, use_color(&common.color)),
    };
    print!("{out}");
    if failed {
        2
    } else if !gate.exit_zero && r.findings.iter().any(|d| d.severity >= gate.fail_on) {
        1
    } else {
        0
    }
}
