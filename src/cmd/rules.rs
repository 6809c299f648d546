//! `figcheck rules`: every check rule with its code, default severity and documentation.

use crate::cli::OutputFormat;
use serde_json::json;

/// Runs `rules`; returns the exit status.
pub fn run(format: OutputFormat) -> i32 {
    // Every rule a finding can carry: the checks, reconcile's and the suppression rules.
    let rules = crate::cmd::gate::rules();
    match format {
        OutputFormat::Human => {
            let mut out = String::new();
            for r in &rules {
                out.push_str(&format!("{} ({})\n", r.code, r.severity.as_str()));
                for line in r.doc.lines() {
                    if line.is_empty() {
                        out.push('\n');
                    } else {
                        out.push_str(&format!("    {line}\n"));
                    }
                }
                out.push('\n');
            }
            print!("{out}");
            0
        }
        OutputFormat::Json => {
            let rs: Vec<_> = rules
                .iter()
                .map(|r| {
                    json!({
                        "code": r.code,
                        "kind": kind(&r.code),
                        "severity": r.severity.as_str(),
                        "summary": r.summary,
                        "doc": r.doc,
                    })
                })
                .collect();
            let s = serde_json::to_string_pretty(&json!({"version": 1, "rules": rs}))
                .unwrap_or_default();
            println!("{s}");
            0
        }
        OutputFormat::Sarif | OutputFormat::Github | OutputFormat::Concise => {
            eprintln!("error: rules --format sarif/github is not supported yet");
            2
        }
    }
}

/// Which part of figcheck reports a rule: `check` (a rule file under src/check/),
/// `reconcile`, or `suppression` (the figcheck-ignore comments).
fn kind(code: &str) -> &'static str {
    if figcheck::rules().iter().any(|r| r.code == code) {
        "check"
    } else if code.starts_with("reconcile") {
        "reconcile"
    } else {
        "suppression"
    }
}
