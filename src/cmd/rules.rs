//! `figcheck rules [CODE]`: every rule of the registry (check, reconcile and suppression
//! rules) with its code, kind, default severity and documentation, or one rule's.

use crate::cli::OutputFormat;
use figcheck::registry::{self, RuleMeta};
use serde_json::json;

/// One rule, for people: code, kind and severity, its documentation indented, and its link.
fn human(r: &RuleMeta) -> String {
    let mut out = format!(
        "{} ({}, {})\n",
        r.code,
        r.kind.as_str(),
        r.severity.as_str()
    );
    for line in r.doc.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out.push_str(&format!("\n    {}\n", r.url()));
    out
}

fn to_json(r: &RuleMeta) -> serde_json::Value {
    json!({
        "code": r.code,
        "kind": r.kind.as_str(),
        "severity": r.severity.as_str(),
        "summary": r.summary,
        "doc": r.doc,
        "url": r.url(),
    })
}

/// Runs `rules`; returns the exit status. `code` (checked by the argument parser) picks one
/// rule.
pub fn run(code: Option<&str>, format: OutputFormat) -> crate::cmd::Outcome {
    let picked: Vec<&RuleMeta> = match code {
        Some(c) => registry::get(c).into_iter().collect(),
        None => registry::ALL.to_vec(),
    };
    match format {
        OutputFormat::Human => {
            let shown: Vec<String> = picked.iter().map(|r| human(r)).collect();
            crate::cmd::print(0, &shown.join("\n"))
        }
        OutputFormat::Json => {
            let s = match (code, picked.first()) {
                (Some(_), Some(r)) => serde_json::to_string_pretty(&to_json(r)),
                _ => {
                    let rs: Vec<_> = picked.iter().map(|r| to_json(r)).collect();
                    serde_json::to_string_pretty(&json!({"version": 1, "rules": rs}))
                }
            }
            .unwrap_or_default();
            crate::cmd::print(0, &format!("{s}\n"))
        }
        OutputFormat::Sarif
        | OutputFormat::Github
        | OutputFormat::Concise
        | OutputFormat::Ndjson
        | OutputFormat::Html => Err("rules --format sarif/github is not supported yet"
            .to_string()
            .into()),
    }
}
