//! `figcheck.toml`: per-desk configuration, found by walking up from each checked file.
//!
//! ```toml
//! include = ["drafts/**"]          # globs, relative to the directory of figcheck.toml
//! exclude = ["drafts/archive/**"]
//!
//! [rules]                          # per-rule severity: off | note | warning | error
//! conversion = "error"
//! breakdown = "off"
//!
//! [tolerance]
//! hedge_widen = 0.1                # how far "about" widens a figure (fraction of its value)
//! date_slack_days = 1              # slack when day counts meet the document date
//!
//! [units]                          # extra units and aliases for the grammar
//! klicks = "km"                    # alias = canonical unit symbol
//! furlong = { dimension = "length", factor = "201.168", aliases = ["furlongs"] }
//!
//! [roles]                          # extra role words for the grammar: role = [words]
//! downed = ["swatted"]
//!
//! [date]
//! default = "front-matter"         # today | none | front-matter
//!
//! [snapshot]
//! dir = ".facts"                   # where `figcheck snapshot` writes ledgers (default: beside)
//!
//! [limits]
//! max_file_bytes = "64M"           # the largest input read (bytes, or with K, M, G; 256M)
//! ```
//!
//! Unknown keys are errors naming the key and the file. The library only parses and validates;
//! the binary applies it.

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The file name looked for.
pub const FILE_NAME: &str = "figcheck.toml";

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Never reported.
    Off,
    /// Reported as a note.
    Note,
    /// Reported as a warning.
    Warning,
    /// Reported as an error.
    Error,
}

impl Level {
    /// The severity this level gives, or `None` for `off`.
    pub fn severity(self) -> Option<crate::Severity> {
        match self {
            Level::Off => None,
            Level::Note => Some(crate::Severity::Note),
            Level::Warning => Some(crate::Severity::Warning),
            Level::Error => Some(crate::Severity::Error),
        }
    }
}

/// Which date relative dates and "days away" are resolved against when `--date` is not given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatePolicy {
    /// Front matter `date:`, else none (the default).
    #[default]
    FrontMatter,
    /// Front matter `date:`, else the day figcheck runs.
    Today,
    /// Only `--date`: front matter is ignored.
    None,
}

/// `[tolerance]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerance {
    /// How far a hedge ("about", "roughly") widens a figure, as a fraction of its value.
    #[serde(
        default,
        deserialize_with = "de_opt_decimal",
        serialize_with = "ser_opt_decimal",
        skip_serializing_if = "Option::is_none"
    )]
    pub hedge_widen: Option<Decimal>,
    /// Days of slack when a day count is compared with the document date (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_slack_days: Option<u32>,
}

impl Tolerance {
    /// The settings with the defaults of [`crate::precision::Tolerance`] for what is not
    /// given: the one place `[tolerance]` becomes the tolerance the checks use.
    pub fn resolved(&self) -> crate::precision::Tolerance {
        let d = crate::precision::Tolerance::default();
        crate::precision::Tolerance {
            hedge_widen: self.hedge_widen.unwrap_or(d.hedge_widen),
            date_slack_days: self.date_slack_days.map_or(d.date_slack_days, i64::from),
        }
    }
}

/// `[date]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateConfig {
    /// The policy.
    #[serde(default)]
    pub default: DatePolicy,
}

/// `[snapshot]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnapshotConfig {
    /// Directory (relative to figcheck.toml) for ledgers; beside each draft when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<String>,
}

/// `[limits]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// The largest input read for a file under this configuration, in bytes (default
    /// [`crate::source::DEFAULT_MAX_SIZE`]); a larger one is an error naming the file. Written
    /// as a number of bytes or a size with K, M, G (`"64M"`).
    #[serde(
        default,
        deserialize_with = "de_opt_size",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_file_bytes: Option<u64>,
}

fn de_opt_size<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Size {
        I(i64),
        S(String),
    }
    let n = match Size::deserialize(d)? {
        Size::I(i) => u64::try_from(i).map_err(|_| {
            serde::de::Error::custom(format!("{i} is not a size: it is below zero"))
        })?,
        Size::S(s) => crate::source::parse_size(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{s:?} is not a size: bytes, or a number with K, M or G"
            ))
        })?,
    };
    if n == 0 {
        return Err(serde::de::Error::custom(
            "a size of 0 would refuse every file: give at least 1 byte",
        ));
    }
    if i64::try_from(n).is_err() {
        return Err(serde::de::Error::custom(format!(
            "{n} bytes is past the largest size (8 EiB)"
        )));
    }
    Ok(Some(n))
}

/// The contents of one `figcheck.toml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Globs of files to check when walking directories (all drafts when empty).
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs of files to skip when walking directories.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Per-rule level.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Tolerance settings.
    #[serde(default)]
    pub tolerance: Tolerance,
    /// Extra units and unit aliases: name → canonical symbol, or a unit's definition.
    #[serde(default)]
    pub units: BTreeMap<String, crate::grammar::tables::UnitExtra>,
    /// Extra role words: role → words.
    #[serde(default)]
    pub roles: BTreeMap<String, Vec<String>>,
    /// Document date policy.
    #[serde(default)]
    pub date: DateConfig,
    /// Ledger placement.
    #[serde(default)]
    pub snapshot: SnapshotConfig,
    /// The order this desk writes numeric dates in, `"dmy"` ("23/11/2023") or `"mdy"`
    /// ("11/23/2023"): settles a date the values leave open ("5/6/2023"), and reads slashed
    /// dates in running copy (without it, only beside a weekday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_order: Option<crate::grammar::DateOrder>,
    /// Input limits.
    #[serde(default, skip_serializing_if = "is_default")]
    pub limits: Limits,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// A configuration that could not be used: names the file and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub file: String,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

impl std::error::Error for ConfigError {}

fn de_opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Num {
        I(i64),
        F(f64),
        S(String),
    }
    let s = match Num::deserialize(d)? {
        Num::I(i) => i.to_string(),
        // f64's shortest round-trip text: 0.1 stays "0.1".
        Num::F(f) => f.to_string(),
        Num::S(s) => s,
    };
    let v = Decimal::from_str(s.trim())
        .map_err(|_| serde::de::Error::custom(format!("{s:?} is not a number")))?;
    if v.is_sign_negative() || v > Decimal::ONE {
        return Err(serde::de::Error::custom(format!(
            "{s} is outside 0 to 1 (a fraction of the figure)"
        )));
    }
    Ok(Some(v))
}

fn ser_opt_decimal<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        // As a TOML number when that round-trips exactly, so the printed config reads like
        // the input; otherwise as a string (also accepted on input).
        Some(d) => {
            let text = d.normalize().to_string();
            match text.parse::<f64>() {
                Ok(f) if f.to_string() == text => s.serialize_f64(f),
                _ => s.serialize_str(&text),
            }
        }
        None => s.serialize_none(),
    }
}

impl Config {
    /// Parses `text` (the contents of `file`) and validates it.
    pub fn parse(file: &str, text: &str) -> Result<Config, ConfigError> {
        let cfg: Config = toml::from_str(text).map_err(|e| ConfigError {
            file: file.to_string(),
            reason: describe_toml_error(&e, text),
        })?;
        cfg.validate().map_err(|reason| ConfigError {
            file: file.to_string(),
            reason,
        })?;
        Ok(cfg)
    }

    /// Reads and parses a file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let err = |reason: String| ConfigError {
            file: file.clone(),
            reason,
        };
        let meta = std::fs::metadata(path).map_err(|e| err(format!("cannot read: {e}")))?;
        if meta.is_dir() {
            return Err(err("is a directory, not a configuration file".to_string()));
        }
        if !meta.is_file() {
            return Err(err("is not a regular file".to_string()));
        }
        if meta.len() > 16 << 20 {
            return Err(err(
                "larger than 16 MiB: not a configuration file".to_string()
            ));
        }
        let text = std::fs::read_to_string(path).map_err(|e| err(format!("cannot read: {e}")))?;
        Config::parse(&file, &text)
    }

    /// Checks what serde cannot: globs compile, units exist, role words are not empty.
    fn validate(&self) -> Result<(), String> {
        for g in self.include.iter().chain(&self.exclude) {
            globset::Glob::new(g).map_err(|e| format!("bad glob {g:?}: {e}"))?;
        }
        // Building the grammar checks the extras: units exist, role words are words.
        self.grammar()?;
        Ok(())
    }

    /// The grammar extras this configuration gives (`[units]`, `[roles]`).
    pub fn extras(&self) -> crate::grammar::tables::Extras {
        crate::grammar::tables::Extras {
            units: self.units.clone(),
            roles: self.roles.clone(),
            date_order: self.date_order,
            hedge_widen: self.tolerance.hedge_widen,
        }
    }

    /// The options this configuration gives the checks: its grammar, tolerance and rule
    /// levels (`off` disables a rule).
    pub fn check_options(&self) -> crate::CheckOptions {
        let mut o = crate::CheckOptions {
            grammar: self.shared_grammar(),
            ..crate::CheckOptions::default()
        };
        o.tolerance = self.tolerance.resolved();
        for (code, level) in &self.rules {
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

    /// [`Config::grammar`] for a validated configuration, each distinct set of extras built
    /// once per process (a run sees a handful at most; the grammar itself is immutable); the
    /// built-in grammar when there are none, or when the extras do not build.
    pub fn shared_grammar(&self) -> crate::grammar::Grammar {
        use crate::grammar::{Extras, Grammar};
        static BUILT: std::sync::Mutex<Vec<(Extras, Grammar)>> = std::sync::Mutex::new(Vec::new());
        let extras = self.extras();
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

    /// The grammar with this configuration's extras (the built-in one when there are none).
    pub fn grammar(&self) -> Result<crate::grammar::Grammar, String> {
        crate::grammar::Grammar::new(&self.extras())
    }

    /// Checks every `[rules]` key against the known rule codes: an unknown one is an error.
    pub fn check_rule_names(&self, file: &str, known: &[&str]) -> Result<(), ConfigError> {
        for code in self.rules.keys() {
            if !known.contains(&code.as_str()) {
                return Err(ConfigError {
                    file: file.to_string(),
                    reason: format!(
                        "unknown key `{code}` in [rules]: not a rule (known: {})",
                        known.join(", ")
                    ),
                });
            }
        }
        Ok(())
    }

    /// The largest input read for a file under this configuration: `[limits] max_file_bytes`,
    /// else [`crate::source::DEFAULT_MAX_SIZE`].
    pub fn max_file_bytes(&self) -> u64 {
        self.limits
            .max_file_bytes
            .unwrap_or(crate::source::DEFAULT_MAX_SIZE)
    }

    /// The level configured for a rule, if any.
    pub fn level(&self, code: &str) -> Option<Level> {
        self.rules.get(code).copied()
    }

    /// The configuration as TOML.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    /// Whether `path` (relative to the config's directory) matches an `exclude` glob
    /// (`--force-exclude` applies it to files named on the command line).
    pub fn excludes(&self, rel: &Path) -> bool {
        self.exclude.iter().any(|g| {
            globset::Glob::new(g)
                .map(|g| g.compile_matcher().is_match(rel))
                .unwrap_or(false)
        })
    }

    /// Whether `path` (relative to the config's directory) passes include/exclude.
    pub fn selects(&self, rel: &Path) -> bool {
        let matches = |globs: &[String]| {
            globs.iter().any(|g| {
                globset::Glob::new(g)
                    .map(|g| g.compile_matcher().is_match(rel))
                    .unwrap_or(false)
            })
        };
        (self.include.is_empty() || matches(&self.include)) && !matches(&self.exclude)
    }
}

/// Turns a toml/serde error into one line naming the key.
fn describe_toml_error(e: &toml::de::Error, text: &str) -> String {
    let msg = e.message().trim().to_string();
    let at = e
        .span()
        .map(|s| {
            let (line, col) = crate::source::line_col(text, s.start);
            format!(" (line {line}, column {col})")
        })
        .unwrap_or_default();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or("");
        let expected = rest
            .split_once(", expected ")
            .map(|(_, e)| format!("; expected {e}"))
            .unwrap_or_default();
        return format!("unknown key `{key}`{at}{expected}");
    }
    format!("{msg}{at}")
}

/// The nearest `figcheck.toml` in `dir` or one of its ancestors.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let mut d = Some(dir);
    while let Some(cur) = d {
        let p = cur.join(FILE_NAME);
        // Anything of that name is the configuration: a directory or a FIFO named
        // figcheck.toml is an error when it is loaded, not passed over in silence.
        if std::fs::symlink_metadata(&p).is_ok() {
            return Some(p);
        }
        d = cur.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_section() {
        let c = Config::parse(
            "figcheck.toml",
            r#"
include = ["drafts/**"]
exclude = ["**/old/**"]
date_order = "dmy"
[rules]
conversion = "off"
total = "error"
[tolerance]
hedge_widen = 0.1
date_slack_days = 2
[units]
klicks = "km"
furlong = { dimension = "length", factor = "201.168", aliases = ["furlongs"] }
[roles]
downed = ["swatted"]
[date]
default = "today"
[snapshot]
dir = ".facts"
[limits]
max_file_bytes = "64M"
"#,
        )
        .unwrap();
        assert_eq!(c.max_file_bytes(), 64 << 20);
        assert_eq!(c.level("conversion"), Some(Level::Off));
        assert_eq!(c.level("total"), Some(Level::Error));
        assert_eq!(c.level("weekday"), None);
        assert_eq!(c.tolerance.hedge_widen, Some(Decimal::new(1, 1)));
        assert_eq!(c.date.default, DatePolicy::Today);
        assert_eq!(c.date_order, Some(crate::grammar::DateOrder::Dmy));
        assert_eq!(c.extras().date_order, c.date_order);
        assert!(c.selects(Path::new("drafts/a.md")));
        assert!(!c.selects(Path::new("drafts/old/a.md")));
        assert!(!c.selects(Path::new("notes/a.md")));
        // Printing and reading back gives the same configuration.
        let again = Config::parse("x", &c.to_toml()).unwrap();
        assert_eq!(again, c);
    }

    #[test]
    fn unknown_keys_name_the_key_and_file() {
        let e = Config::parse("desk/figcheck.toml", "[tolerance]\nhedge_wide = 0.1\n").unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("desk/figcheck.toml: "), "{s}");
        assert!(s.contains("unknown key `hedge_wide`"), "{s}");
        let e = Config::parse("f.toml", "colour = true\n").unwrap_err();
        assert!(e.to_string().contains("`colour`"), "{e}");
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(Config::parse("f", "[rules]\nconversion = \"loud\"\n").is_err());
        assert!(Config::parse("f", "[tolerance]\nhedge_widen = 3\n").is_err());
        assert!(Config::parse("f", "[units]\nklicks = \"parsecs-ish\"\n").is_err());
        let e = Config::parse("f", "[units]\nleague = { dimension = \"length\" }\n").unwrap_err();
        assert!(e.to_string().contains("factor"), "{e}");
        let e = Config::parse(
            "f",
            "[units]\nleague = { dimension = \"length\", factor = \"4828\", colour = 1 }\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("colour"), "{e}");
        assert!(Config::parse("f", "[units]\nleague = 3\n").is_err());
        assert!(Config::parse("f", "[roles]\ndowned = []\n").is_err());
        assert!(Config::parse("f", "include = [\"[\"]\n").is_err());
        assert!(Config::parse("f", "[date]\ndefault = \"yesterday\"\n").is_err());
        let e = Config::parse("f", "[limits]\nmax_file_bytes = \"lots\"\n").unwrap_err();
        assert!(e.to_string().contains("not a size"), "{e}");
        assert!(Config::parse("f", "[limits]\nmax_file_bytes = -1\n").is_err());
        assert!(Config::parse("f", "[limits]\nmax_file_bytes = 0\n").is_err());
        assert!(Config::parse("f", "[limits]\nmax_file_bytes = \"9000000000G\"\n").is_err());
        assert!(Config::parse("f", "[limits]\nmax_bytes = 10\n").is_err());
        let e = Config::parse("f", "date_order = \"ymd\"\n").unwrap_err();
        assert!(e.to_string().contains("dmy"), "{e}");
    }

    #[test]
    fn the_size_limit_defaults_and_reads_bytes() {
        assert_eq!(
            Config::default().max_file_bytes(),
            crate::source::DEFAULT_MAX_SIZE
        );
        let c = Config::parse("f", "[limits]\nmax_file_bytes = 1500\n").unwrap();
        assert_eq!(c.max_file_bytes(), 1500);
        assert_eq!(Config::parse("x", &c.to_toml()).unwrap(), c);
    }

    #[test]
    fn unknown_rule_names_are_errors() {
        let c = Config::parse("f", "[rules]\nconversoin = \"off\"\n").unwrap();
        let e = c.check_rule_names("f", &["conversion"]).unwrap_err();
        assert!(e.to_string().contains("`conversoin`"), "{e}");
    }

    #[test]
    fn discovery_walks_up() {
        let dir = std::env::temp_dir().join(format!("figcheck-cfg-{}", std::process::id()));
        let deep = dir.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.join(FILE_NAME), "").unwrap();
        assert_eq!(discover(&deep), Some(dir.join(FILE_NAME)));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
