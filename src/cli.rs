//! Argument parsing and dispatch to the subcommands in `cmd/`.

pub use crate::render::{OutputFormat, formats_of};
use clap::{Parser, Subcommand};
use figcheck::{Severity, source::parse_date};
use jiff::civil::Date;
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Checks the numbers in news prose.
#[derive(Parser, Debug)]
#[command(name = "figcheck", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every subcommand that reads drafts.
#[derive(clap::Args, Debug, Clone)]
pub struct Common {
    /// Files or directories to read (plain text, Markdown, HTML; directories are walked
    /// honouring .gitignore); `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// The document date (YYYY-MM-DD), overriding front matter `date:`.
    #[arg(long, value_parser = date_arg)]
    pub date: Option<Date>,
    /// Colour: auto (on a terminal), always, never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub color: String,
    /// The name to use for standard input in messages (and for finding its figcheck.toml).
    #[arg(long)]
    pub stdin_filename: Option<String>,
    /// Use this configuration file instead of the nearest figcheck.toml above each file.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// The largest input read, per file or standard input (bytes, or with K, M, G); a larger
    /// one is an error naming it, and the other files are still read. Overrides
    /// `[limits] max_file_bytes` of figcheck.toml [default: 256M].
    #[arg(long, value_name = "SIZE", value_parser = size_arg)]
    pub max_size: Option<u64>,
    /// Print only the results: no summary line, no warnings or notes on standard error
    /// (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
    /// Apply `exclude` of figcheck.toml to files named on the command line too (for
    /// pre-commit and editors, which pass every changed file).
    #[arg(long)]
    pub force_exclude: bool,
}

impl Common {
    /// The largest input read for a file under `config`: `--max-size`, else its
    /// `[limits] max_file_bytes`, else the default.
    pub fn max_size_for(&self, config: &figcheck::config::Config) -> u64 {
        self.max_size.unwrap_or_else(|| config.max_file_bytes())
    }
}

/// Options of the commands that report findings.
#[derive(clap::Args, Debug, Clone)]
pub struct Gate {
    /// Lowest severity that makes the exit status 1.
    #[arg(long, value_parser = severity_arg, default_value = "warning")]
    pub fail_on: Severity,
    /// Report only: exit 0 even with findings.
    #[arg(long)]
    pub exit_zero: bool,
    /// Report only findings not recorded in this baseline (from `figcheck baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Report only these rules (codes, comma-separated or repeated; `figcheck rules` lists
    /// them).
    #[arg(long, value_name = "CODE", value_delimiter = ',', value_parser = rule_code_arg)]
    pub select: Vec<&'static str>,
    /// Do not report these rules (codes, comma-separated or repeated).
    #[arg(long, value_name = "CODE", value_delimiter = ',', value_parser = rule_code_arg)]
    pub ignore: Vec<&'static str>,
}

impl Gate {
    /// Whether `--select` and `--ignore` let findings of `code` through.
    pub fn reports(&self, code: &str) -> bool {
        (self.select.is_empty() || self.select.contains(&code)) && !self.ignore.contains(&code)
    }
}

fn rule_code_arg(s: &str) -> Result<&'static str, String> {
    figcheck::registry::get(s.trim())
        .map(|r| r.code)
        .ok_or_else(|| format!("{s:?} is not a rule code; `figcheck rules` lists them"))
}

fn date_arg(s: &str) -> Result<Date, String> {
    parse_date(s).ok_or_else(|| match figcheck::source::impossible_date(s) {
        Some(why) => format!("{s:?} is not a date: {why}"),
        None => format!("{s:?} is not a date in the form YYYY-MM-DD"),
    })
}

fn size_arg(s: &str) -> Result<u64, String> {
    figcheck::source::parse_size(s)
        .ok_or_else(|| format!("{s:?} is not a size: bytes, or a number with K, M or G"))
}

fn severity_arg(s: &str) -> Result<Severity, String> {
    Severity::parse(s).ok_or_else(|| format!("{s:?} is not one of error, warning, note"))
}

/// Options of `figcheck lsp`.
#[derive(clap::Args, Debug, Clone)]
pub struct LspArgs {
    /// Use this configuration file for every document instead of the nearest figcheck.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Milliseconds a change waits for the next before the document is checked again
    /// (the client's `initializationOptions.debounceMs` overrides it).
    #[arg(long, value_name = "MS", default_value_t = 50)]
    pub debounce_ms: u64,
    /// Speak over standard input and output (the only transport; accepted because many
    /// clients pass it).
    #[arg(long)]
    pub stdio: bool,
    /// The largest message read (bytes, or with K, M, G); a larger one is read past and
    /// reported to the client. A document's own limit is `[limits] max_file_bytes`.
    #[arg(long, value_name = "SIZE", value_parser = size_arg, default_value = "256M")]
    pub max_size: u64,
}

/// Options of `figcheck serve`.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on (port 0: any free port, printed on the first line of output).
    #[arg(long, default_value = "127.0.0.1:8089")]
    pub addr: SocketAddr,
    /// The largest request body accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 2 * 1024 * 1024)]
    pub max_body: usize,
    /// How long one request's work may take, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub timeout_ms: u64,
    /// Threads for the checks (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// List every figure with its span, value, interval, unit and noun.
    Extract(Common),
    /// Check one draft's figures against each other.
    Check {
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        gate: Gate,
    },
    /// Line up the figures of several sources on one event.
    Reconcile {
        #[command(flatten)]
        common: Common,
        #[command(flatten)]
        gate: Gate,
        /// The paths are claim files written by `figcheck claims --format ndjson` (`-` for
        /// standard input), not drafts: reconcile the claims they hold.
        #[arg(long)]
        claims: bool,
    },
    /// List each draft's claims (the figures reconcile compares, with their keys), one per
    /// line with `--format ndjson`, to reconcile later with `reconcile --claims`.
    Claims(Common),
    /// Record the current findings, to pass later as `check --baseline FILE`.
    Baseline(Common),
    /// Write each draft's facts ledger (`draft.md.facts`): one line per figure.
    Snapshot {
        #[command(flatten)]
        common: Common,
        /// Write nothing; exit 1 when a ledger is missing or stale, showing the diff.
        #[arg(long)]
        check: bool,
    },
    /// List the figures added, removed and changed between two versions of a draft:
    /// `diff OLD NEW` (either may be `-`, standard input), or `diff REV -- FILE` to compare
    /// FILE with its version at git revision REV.
    Diff {
        /// The old version (a file, or `-`), or a git revision when FILE follows `--`.
        old: String,
        /// The new version (a file, or `-`).
        new: Option<PathBuf>,
        /// After `--`: the file to compare with its version at the revision OLD.
        #[arg(last = true, value_name = "FILE")]
        file: Option<PathBuf>,
        /// Output format (human or json).
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// The document date (YYYY-MM-DD), overriding front matter `date:`.
        #[arg(long, value_parser = date_arg)]
        date: Option<Date>,
        /// The largest version read (bytes, or with K, M, G); overrides `[limits]
        /// max_file_bytes` of figcheck.toml [default: 256M].
        #[arg(long, value_name = "SIZE", value_parser = size_arg)]
        max_size: Option<u64>,
        /// Colour: auto (on a terminal), always, never.
        #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
        color: String,
    },
    /// Print the effective configuration for a file or directory (default: the current one).
    Config {
        /// A file or directory.
        path: Option<PathBuf>,
        /// Use this configuration file instead of discovering one.
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
    },
    /// Run the language server over standard input and output (for editors).
    Lsp(LspArgs),
    /// Serve the local HTTP JSON API (POST /v1/check, /v1/extract, /v1/reconcile).
    Serve(ServeArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on standard
    /// output.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output: `figcheck man | man -l -`.
    Man,
    /// List every rule with its documentation, or print one rule's.
    Rules {
        /// A rule code: print only its documentation.
        #[arg(value_name = "CODE", value_parser = rule_code_arg)]
        code: Option<&'static str>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
}

/// Whether to colour output: `--color always`/`never` as given; with `auto`, colour when
/// `CLICOLOR_FORCE` is set to anything but `0` (even in a pipe, even with `NO_COLOR`), else
/// when standard output is a terminal and `NO_COLOR` is unset or empty.
pub fn use_color(color: &str) -> bool {
    match color {
        "always" => true,
        "never" => false,
        _ => color_from_env(
            std::env::var_os("CLICOLOR_FORCE").as_deref(),
            std::env::var_os("NO_COLOR").as_deref(),
            std::io::stdout().is_terminal(),
        ),
    }
}

/// [`use_color`]'s `auto`, from the environment's values.
fn color_from_env(
    force: Option<&std::ffi::OsStr>,
    no_color: Option<&std::ffi::OsStr>,
    terminal: bool,
) -> bool {
    if force.is_some_and(|v| !v.is_empty() && v != "0") {
        return true;
    }
    terminal && no_color.is_none_or(|v| v.is_empty())
}

static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether `-q`/`--quiet` was given: warnings and notes on stderr, summaries and progress
/// lines are left out.
pub fn quiet() -> bool {
    QUIET.load(std::sync::atomic::Ordering::Relaxed)
}

/// The one check of `--format` after parsing: a format a subcommand does not write is an
/// error saying which it takes.
pub fn check_format(subcommand: &str, format: OutputFormat, given: bool) -> Result<(), String> {
    let takes = formats_of(subcommand);
    if !given || takes.contains(&format) {
        return Ok(());
    }
    if takes.is_empty() {
        return Err(format!(
            "--format does not apply to `figcheck {subcommand}`"
        ));
    }
    let names: Vec<&str> = takes.iter().map(|f| f.name()).collect();
    let list = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.join(""),
    };
    Err(format!(
        "--format {} does not apply to `figcheck {subcommand}`; it takes {list}",
        format.name()
    ))
}

/// The validated-arguments step after clap: what clap cannot say of one argument alone.
fn validate(matches: &clap::ArgMatches, cli: &Cli) -> Result<(), String> {
    let Some((name, sub)) = matches.subcommand() else {
        return Ok(());
    };
    let given = |id: &str| {
        sub.try_get_raw(id).is_ok_and(|v| v.is_some())
            && sub.value_source(id) == Some(clap::parser::ValueSource::CommandLine)
    };
    let format = match &cli.command {
        Command::Extract(c)
        | Command::Baseline(c)
        | Command::Claims(c)
        | Command::Snapshot { common: c, .. } => Some(c.format),
        Command::Check { common, .. } | Command::Reconcile { common, .. } => Some(common.format),
        Command::Diff { format, .. } | Command::Rules { format, .. } => Some(*format),
        _ => None,
    };
    if let Some(f) = format {
        check_format(name, f, given("format"))?;
    }
    if let Command::Check { common, gate } | Command::Reconcile { common, gate, .. } = &cli.command
        && gate.statistics
        && !matches!(
            common.format,
            OutputFormat::Human | OutputFormat::Concise | OutputFormat::Json
        )
    {
        return Err(format!(
            "--statistics prints counts: it takes --format human, concise or json, not {}",
            common.format.name()
        ));
    }
    if let Command::Diff { new, file, .. } = &cli.command {
        match (new, file) {
            (Some(_), Some(_)) => {
                return Err(
                    "diff takes OLD NEW, or REV -- FILE, not both a NEW and a FILE".to_string(),
                );
            }
            (None, None) => {
                return Err(
                    "diff needs two versions: OLD NEW (either may be `-`), or REV -- FILE"
                        .to_string(),
                );
            }
            _ => {}
        }
    }
    Ok(())
}

/// The arguments of a run after the one validation step that follows clap (ripgrep's `HiArgs`
/// is the model): what clap cannot say of one argument alone is refused in [`Args::new`], and
/// what the run derives from its arguments (colour; quiet, for [`quiet`]) is settled there, once.
#[derive(Debug)]
pub struct Args {
    /// The subcommand, as clap parsed it.
    pub command: Command,
    /// Whether to colour the output (`--color`, `CLICOLOR_FORCE`, `NO_COLOR`, a terminal).
    pub color: bool,
}

impl Args {
    /// Validates what clap parsed (`matches` are its raw matches, `cli` the same parsed).
    pub fn new(matches: &clap::ArgMatches, cli: Cli) -> Result<Args, String> {
        validate(matches, &cli)?;
        let (color, quiet) = match &cli.command {
            Command::Extract(c)
            | Command::Baseline(c)
            | Command::Snapshot { common: c, .. }
            | Command::Claims(c)
            | Command::Check { common: c, .. }
            | Command::Reconcile { common: c, .. } => (use_color(&c.color), c.quiet),
            Command::Diff { color, .. } => (use_color(color), false),
            _ => (false, false),
        };
        QUIET.store(quiet, std::sync::atomic::Ordering::Relaxed);
        Ok(Args {
            command: cli.command,
            color,
        })
    }
}

/// Parses and validates the command line: the run's [`Args`], or the exit status of a run that
/// ends here (`--help`, `--version`: 0; a bad argument: 2, its message printed).
pub fn parse() -> Result<Args, i32> {
    use clap::{CommandFactory, FromArgMatches};
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|c| (m, c)));
    let (matches, cli) = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return Err(code);
        }
    };
    Args::new(&matches, cli).map_err(|e| {
        eprintln!("error: {e}");
        2
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn clicolor_force_and_no_color() {
        let s = |v: &'static str| Some(OsStr::new(v));
        assert!(color_from_env(None, None, true));
        assert!(!color_from_env(None, None, false));
        assert!(!color_from_env(None, s("1"), true));
        assert!(color_from_env(None, s(""), true));
        assert!(color_from_env(s("1"), None, false));
        assert!(color_from_env(s("1"), s("1"), false));
        assert!(!color_from_env(s("0"), None, false));
        assert!(!color_from_env(s(""), None, false));
    }

    #[test]
    fn one_format_error_for_every_subcommand() {
        assert!(check_format("extract", OutputFormat::Json, true).is_ok());
        assert!(check_format("snapshot", OutputFormat::Human, false).is_ok());
        assert_eq!(
            check_format("extract", OutputFormat::Sarif, true).unwrap_err(),
            "--format sarif does not apply to `figcheck extract`; it takes human or json"
        );
        assert_eq!(
            check_format("snapshot", OutputFormat::Human, true).unwrap_err(),
            "--format does not apply to `figcheck snapshot`"
        );
        assert!(
            check_format("check", OutputFormat::Concise, true).is_ok()
                && check_format("diff", OutputFormat::Concise, true).is_err()
        );
    }

    #[test]
    fn the_clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
