//! The one place a run's configuration is loaded: `--config`, or the nearest figcheck.toml
//! above each file, each loaded once per run ([`Configs`], made by the run's
//! [`Plan`](crate::cmd::plan::Plan)), and what a configuration gives the checks.

use figcheck::config::{Config, ConfigError};
use figcheck::{Diagnostic, Document};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The options a file's configuration gives the checks ([`Config::check_options`]).
pub fn check_options(config: &Config) -> figcheck::CheckOptions {
    config.check_options()
}

/// The grammar a configuration gives (extra units and role words; [`Config::shared_grammar`]);
/// the configuration was validated when it was loaded. Pass it to the work that reads units
/// after extraction too (checks convert through its unit table, claims compare in base units),
/// so that units the configuration defines are known there.
pub fn grammar_of(config: &Config) -> figcheck::grammar::Grammar {
    config.shared_grammar()
}

/// The findings of `check` on one document, under its configuration.
pub fn check_findings(doc: &Document, config: &Config) -> Vec<Diagnostic> {
    let o = check_options(config);
    figcheck::check(doc, &o.grammar.extract(doc), &o)
}

/// Rule codes `[rules]` may name.
pub fn known_codes() -> Vec<String> {
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
