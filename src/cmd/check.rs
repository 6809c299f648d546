//! `figcheck check`: read, extract, check, render; the exit status gates.

use crate::cli::{Common, Gate, OutputFormat, read_docs, use_color};
use crate::render;
use figcheck::CheckOptions;

/// Runs `check`; returns the exit status.
pub fn run(common: &Common, gate: &Gate) -> i32 {
    if matches!(common.format, OutputFormat::Sarif | OutputFormat::Github) {
        eprintln!("error: check --format sarif/github is not supported yet");
        return 2;
    }
    let (docs, failed) = read_docs(common);
    let opts = CheckOptions::default();
    let results: Vec<_> = docs
        .iter()
        .map(|d| {
            let qs = figcheck::extract(d);
            (d, figcheck::check(d, &qs, &opts))
        })
        .collect();
    let out = match common.format {
        OutputFormat::Json => render::findings::render(&results),
        _ => render::diagnostic::render(&results, use_color(&common.color)),
    };
    print!("{out}");
    let failing = results
        .iter()
        .flat_map(|(_, ds)| ds)
        .any(|d| d.severity >= gate.fail_on);
    if failed {
        2
    } else if failing && !gate.exit_zero {
        1
    } else {
        0
    }
}
