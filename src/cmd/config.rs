//! `figcheck config [PATH]`: the configuration that applies to a file or directory, with every
//! rule's effective level.

use crate::cmd::Outcome;
use crate::cmd::configs::Configs;
use figcheck::config::Level;
use std::path::{Path, PathBuf};

/// Runs `config`; returns the exit status.
pub fn run(path: Option<&Path>, explicit: Option<&Path>) -> Outcome {
    let target = path.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    // A directory's own figcheck.toml applies to the files in it.
    let probe = if target.is_dir() {
        target.join("-")
    } else {
        target.clone()
    };
    let mut configs = Configs::new(explicit)?;
    let (from, cfg) = configs
        .for_path(&probe)
        .map(|(p, c)| (p.map(Path::to_path_buf), c.clone()))?;
    let mut effective = cfg;
    for r in figcheck::registry::ALL {
        effective
            .rules
            .entry(r.code.to_string())
            .or_insert(match r.severity {
                figcheck::Severity::Error => Level::Error,
                figcheck::Severity::Warning => Level::Warning,
                figcheck::Severity::Note => Level::Note,
            });
    }
    let defaults = figcheck::CheckOptions::default();
    effective
        .tolerance
        .hedge_widen
        .get_or_insert(defaults.tolerance.hedge_widen);
    effective
        .tolerance
        .date_slack_days
        .get_or_insert(u32::try_from(defaults.tolerance.date_slack_days).unwrap_or(1));
    let head = match from {
        Some(p) => format!(
            "# configuration for {} from {}\n",
            target.display(),
            p.display()
        ),
        None => format!(
            "# configuration for {}: no figcheck.toml found, defaults\n",
            target.display()
        ),
    };
    crate::cmd::print(0, &(head + &effective.to_toml()))
}
