//! `figcheck diff OLD NEW`: the figures added, removed and changed between two versions of a
//! draft, matched by claim key and context rather than line number. Exits 0 when no figure
//! changed, 1 when some did (like diff(1)), 2 on a read error.

use crate::cli::OutputFormat;
use figcheck::Document;
use figcheck::ledger::{self, Change, Entry};
use jiff::civil::Date;
use std::path::Path;

fn read(p: &Path, date: Option<Date>) -> Result<Document, String> {
    Document::read(p)
        .map(|d| d.with_date(date))
        .map_err(|e| format!("{}: {e}", p.display()))
}

fn at(e: &Entry) -> String {
    format!("{}:{}", e.line, e.column)
}

/// Runs `diff`; returns the exit status.
pub fn run(old: &Path, new: &Path, format: OutputFormat, date: Option<Date>) -> i32 {
    let (o, n) = match (read(old, date), read(new, date)) {
        (Ok(o), Ok(n)) => (o, n),
        (a, b) => {
            for e in [a.err(), b.err()].into_iter().flatten() {
                eprintln!("error: {e}");
            }
            return 2;
        }
    };
    // Both versions are read with the configuration of the new one (the nearest figcheck.toml).
    let mut configs = crate::cmd::gate::Configs::default();
    let grammar = match configs.for_path(new) {
        Ok((_, cfg)) => crate::cmd::gate::grammar_of(cfg),
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let entries =
        |d: &Document| crate::cmd::isolated(&d.name, || ledger::entries(d, &grammar.extract(d)));
    let (Some(lo), Some(ln)) = (entries(&o), entries(&n)) else {
        return 2;
    };
    let Some(changes) = crate::cmd::isolated(&n.name, || ledger::diff(&lo, &ln)) else {
        return 2;
    };
    match format {
        OutputFormat::Json => {
            let v = serde_json::json!({
                "version": 1, "old": o.name, "new": n.name, "changes": changes,
            });
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        OutputFormat::Human => {
            let (mut a, mut r, mut c) = (0, 0, 0);
            for ch in &changes {
                match ch {
                    Change::Changed { old, new } => {
                        c += 1;
                        println!(
                            "changed  {} {}: {} → {}",
                            at(new),
                            new.key,
                            old.value,
                            new.value
                        );
                        if old.key != new.key {
                            println!("         key was {}", old.key);
                        }
                        println!("         - «{}» | {}", old.text, old.sentence);
                        println!("         + «{}» | {}", new.text, new.sentence);
                    }
                    Change::Added { new } => {
                        a += 1;
                        println!("added    {} {} = {}", at(new), new.key, new.value);
                        println!("         + «{}» | {}", new.text, new.sentence);
                    }
                    Change::Removed { old } => {
                        r += 1;
                        println!("removed  (was {}) {} = {}", at(old), old.key, old.value);
                        println!("         - «{}» | {}", old.text, old.sentence);
                    }
                }
            }
            println!(
                "{} → {}: {c} changed, {a} added, {r} removed",
                o.name, n.name
            );
        }
        OutputFormat::Sarif | OutputFormat::Github => {
            eprintln!("error: diff supports --format human or json");
            return 2;
        }
    }
    if changes.is_empty() { 0 } else { 1 }
}
