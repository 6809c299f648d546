//! Argument parsing and dispatch to the subcommands in `cmd/`.

use crate::cmd;
use crate::cmd::Messages;
use clap::{Parser, Subcommand, ValueEnum};
use figcheck::{Document, Severity, source::parse_date};
use jiff::civil::Date;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Checks the numbers in news prose.
#[derive(Parser, Debug)]
#[command(name = "figcheck", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people: tables and rustc-style diagnostics.
    Human,
    /// The stable JSON contract (version 1).
    Json,
    /// SARIF 2.1.0 (check and reconcile).
    Sarif,
    /// GitHub Actions workflow commands (check and reconcile).
    Github,
    /// One line per finding, `file:line:col: severity[code] message`, for grep and editors'
    /// quickfix lists (check and reconcile).
    Concise,
    /// One JSON object per line (claims).
    Ndjson,
    /// One self-contained HTML page (reconcile).
    Html,
}

impl OutputFormat {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Human => "human",
            OutputFormat::Json => "json",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Github => "github",
            OutputFormat::Concise => "concise",
            OutputFormat::Ndjson => "ndjson",
            OutputFormat::Html => "html",
        }
    }
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
    /// one is an error naming it, and the other files are still read.
    #[arg(long, value_name = "SIZE", value_parser = size_arg, default_value = "256M")]
    pub max_size: u64,
    /// Print only the results: no summary line, no warnings or notes on standard error
    /// (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
    /// Apply `exclude` of figcheck.toml to files named on the command line too (for
    /// pre-commit and editors, which pass every changed file).
    #[arg(long)]
    pub force_exclude: bool,
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
    Lsp(cmd::lsp::LspArgs),
    /// Serve the local HTTP JSON API (POST /v1/check, /v1/extract, /v1/reconcile).
    Serve(cmd::serve::ServeArgs),
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

/// File extensions read when a directory is walked.
pub const DRAFT_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm"];

/// Expands the arguments: files as given, `-` as is, directories walked (honouring
/// `.gitignore`, `.ignore` and hidden files, sorted) for drafts that the applicable
/// figcheck.toml's include/exclude select. Missing paths are kept, to be reported on reading.
/// With `force_exclude`, a file named on the command line that its figcheck.toml's `exclude`
/// matches is left out too, as when a directory is walked.
pub fn expand_paths(
    paths: &[PathBuf],
    configs: &mut crate::cmd::gate::Configs,
    force_exclude: bool,
) -> Result<Vec<PathBuf>, figcheck::config::ConfigError> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            if force_exclude && p.as_os_str() != "-" && excluded(p, configs) {
                continue;
            }
            out.push(p.clone());
            continue;
        }
        let before = out.len();
        let walker = ignore::WalkBuilder::new(p)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker.flatten() {
            let f = entry.path();
            let is_draft = entry.file_type().is_some_and(|t| t.is_file())
                && f.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| DRAFT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            if !is_draft {
                continue;
            }
            // A file under a bad figcheck.toml is kept, to be reported (and skipped) on reading.
            let (cfg_path, cfg) = match configs.for_path(f) {
                Ok(c) => c,
                Err(_) => {
                    out.push(f.strip_prefix(".").unwrap_or(f).to_path_buf());
                    continue;
                }
            };
            let selected = match cfg_path.and_then(Path::parent) {
                Some(base) => {
                    let abs = |x: &Path| std::path::absolute(x).unwrap_or_else(|_| x.to_path_buf());
                    let base = if base.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        base
                    };
                    let (fa, ba) = (abs(f), abs(base));
                    cfg.selects(fa.strip_prefix(&ba).unwrap_or(f))
                }
                None => cfg.selects(f),
            };
            if selected {
                // Walking "." gives "./a.md"; name it "a.md" as a person would.
                out.push(f.strip_prefix(".").unwrap_or(f).to_path_buf());
            }
        }
        if out.len() == before && !quiet() {
            eprintln!(
                "warning: {}: no drafts (.{}) found",
                p.display(),
                DRAFT_EXTENSIONS.join(", .")
            );
        }
    }
    Ok(out)
}

/// Whether the `exclude` of `file`'s configuration matches it (relative to the directory of
/// that figcheck.toml). A file under a bad configuration is not excluded: reading reports it.
fn excluded(file: &Path, configs: &mut crate::cmd::gate::Configs) -> bool {
    let Ok((cfg_path, cfg)) = configs.for_path(file) else {
        return false;
    };
    let abs = |x: &Path| std::path::absolute(x).unwrap_or_else(|_| x.to_path_buf());
    match cfg_path.and_then(Path::parent) {
        Some(base) => {
            let base = if base.as_os_str().is_empty() {
                Path::new(".")
            } else {
                base
            };
            let (fa, ba) = (abs(file), abs(base));
            cfg.excludes(fa.strip_prefix(&ba).unwrap_or(file))
        }
        None => cfg.excludes(file),
    }
}

fn today() -> Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// As [`read_docs_configured`], printing a configuration error (no documents, and `true`).
pub fn read_docs(common: &Common) -> (Vec<Document>, bool) {
    match read_docs_configured(common) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            (Vec::new(), true)
        }
    }
}

/// Reads every path (directories walked, `-` for standard input) one after another;
/// unreadable ones are reported on stderr (naming the file and the reason) and skipped. A bad
/// `--config` is returned as an error; a bad figcheck.toml skips the files under it. Applies
/// each file's `[date] default` policy. Returns the documents and whether anything failed.
pub fn read_docs_configured(
    common: &Common,
) -> Result<(Vec<Document>, bool), figcheck::config::ConfigError> {
    let plan = Plan::new(common)?;
    let mut docs = Vec::new();
    let mut failed = false;
    for item in &plan.items {
        let (doc, messages) = plan.read(common, item);
        messages.report();
        match doc {
            Some(d) => docs.push(d),
            None => failed = true,
        }
    }
    Ok((docs, failed))
}

/// The files to read, each with its configuration resolved: made once on the calling thread,
/// then read in any order, on any thread ([`Plan::read`]), each file's messages returned to be
/// printed in the files' order.
pub struct Plan {
    /// In the order the files are read and reported.
    pub items: Vec<Planned>,
    /// Every item's configuration, resolved.
    pub configs: crate::cmd::gate::Configs,
}

/// One file of a [`Plan`].
pub struct Planned {
    /// The path (`-` for standard input).
    pub path: PathBuf,
    /// The name messages and the output give it (the path as given, or the name of standard
    /// input).
    pub name: String,
    /// Its configuration file when that is not valid: it is skipped, with an error naming it
    /// (and, the first time, the configuration's own error).
    pub bad_config: Option<BadConfig>,
}

/// A planned file's configuration that is not valid.
pub struct BadConfig {
    /// The configuration's error line, for the first file under it.
    first: Option<String>,
    /// The configuration file.
    file: String,
}

impl Plan {
    /// No files (after an error that stops every file from being read).
    pub fn empty() -> Plan {
        Plan {
            items: Vec::new(),
            configs: crate::cmd::gate::Configs::default(),
        }
    }

    /// Walks the arguments and resolves every file's configuration. A bad `--config` is an
    /// error; a bad figcheck.toml only skips the files under it, and is named once.
    pub fn new(common: &Common) -> Result<Plan, figcheck::config::ConfigError> {
        let mut configs = crate::cmd::gate::Configs::new(common.config.as_deref())?;
        let paths = expand_paths(&common.paths, &mut configs, common.force_exclude)?;
        let mut bad_configs = std::collections::HashSet::new();
        let mut items = Vec::with_capacity(paths.len());
        for path in paths {
            let stdin = path.as_os_str() == "-";
            let name = if stdin {
                common
                    .stdin_filename
                    .clone()
                    .unwrap_or_else(|| "<stdin>".to_string())
            } else {
                path.display().to_string()
            };
            // Standard input's configuration is the one of its name.
            let bad_config = configs.for_path(Path::new(&name)).err().map(|e| BadConfig {
                first: bad_configs
                    .insert(e.file.clone())
                    .then(|| format!("error: {e}")),
                file: e.file,
            });
            items.push(Planned {
                path,
                name,
                bad_config,
            });
        }
        Ok(Plan { items, configs })
    }

    /// The configuration of a planned file (the default one if it was skipped).
    pub fn config(&self, item: &Planned) -> &figcheck::config::Config {
        self.configs.resolved(Path::new(&item.name))
    }

    /// Reads one planned file, applying its `[date] default` policy and `--date`. Returns the
    /// document (`None` when it could not be read or was skipped) and the lines to print on
    /// stderr for it (errors naming the file and the reason, warnings, notes).
    pub fn read(&self, common: &Common, item: &Planned) -> (Option<Document>, Messages) {
        use figcheck::config::DatePolicy;
        let mut messages = Messages::default();
        let stdin = item.path.as_os_str() == "-";
        let skip = |messages: &mut Messages, bad: &BadConfig| {
            if let Some(first) = &bad.first {
                messages.line(first.clone());
            }
            messages.file_error(
                &item.name,
                format!("skipped: its configuration {} is not valid", bad.file),
            );
        };
        // A file under a bad configuration is not read (standard input is, being read once).
        if let Some(bad) = &item.bad_config
            && !stdin
        {
            skip(&mut messages, bad);
            return (None, messages);
        }
        let doc = if stdin {
            figcheck::source::read_bounded(std::io::stdin().lock(), common.max_size).and_then(
                |bytes| {
                    Document::from_bytes(&item.name, bytes, figcheck::Format::from_path(&item.name))
                },
            )
        } else {
            Document::read_limited(&item.path, common.max_size)
        };
        let mut d = match doc {
            Ok(d) => d,
            Err(e) => {
                messages.file_error(&item.name, e);
                return (None, messages);
            }
        };
        if let Some(bad) = &item.bad_config {
            skip(&mut messages, bad);
            return (None, messages);
        }
        let cfg = self.config(item);
        match cfg.date.default {
            DatePolicy::FrontMatter => {}
            DatePolicy::None => d.set_date(None, figcheck::source::dated::DateSource::None),
            DatePolicy::Today => {
                if d.date.is_none() {
                    d.set_date(Some(today()), figcheck::source::dated::DateSource::Option);
                }
            }
        }
        if !quiet() {
            note_too_large(&d, &mut messages);
        }
        if !quiet()
            && d.format == figcheck::Format::Markdown
            && figcheck::source::unterminated_front_matter(&d.text)
        {
            messages.line(format!(
                "warning: {}:1:1: front matter opened with `---` is never closed; the file is \
                 read as prose (close it with a `---` line)",
                d.name
            ));
        }
        (Some(d.with_date(common.date)), messages)
    }
}

/// Notes on stderr for the numbers of a document too large to read exactly (more than 28
/// digits, or past about 7.9 × 10^28 with their scale): they are not extracted, and say so.
fn note_too_large(d: &Document, messages: &mut Messages) {
    let spans = figcheck::grammar::too_large_numbers(&d.prose);
    let mut lc = d.line_cols();
    for (start, end) in spans {
        let (line, col) = lc.line_col(start);
        let text = d.text.get(start..end).unwrap_or("");
        let shown = match text.char_indices().nth(40) {
            Some((k, _)) => format!("{}…", &text[..k]),
            None => text.to_string(),
        };
        messages.line(format!(
            "note: {}:{line}:{col}: {shown:?} is too large to read exactly (at most {} digits \
             and about 7.9 × 10^28); not extracted",
            d.name,
            figcheck::grammar::MAX_DIGITS
        ));
    }
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

/// The formats `--format` takes for each subcommand (none: it does not apply).
pub fn formats_of(subcommand: &str) -> &'static [OutputFormat] {
    use OutputFormat::*;
    match subcommand {
        "check" => &[Human, Json, Sarif, Github, Concise],
        "reconcile" => &[Human, Json, Sarif, Github, Concise, Html],
        "claims" => &[Human, Ndjson],
        "extract" | "diff" | "rules" => &[Human, Json],
        _ => &[],
    }
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

/// Runs the command line; returns the exit status.
pub fn run() -> i32 {
    use clap::{CommandFactory, FromArgMatches};
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|c| (m, c)));
    let (matches, cli) = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    if let Err(e) = validate(&matches, &cli) {
        eprintln!("error: {e}");
        return 2;
    }
    if let Command::Extract(c)
    | Command::Baseline(c)
    | Command::Snapshot { common: c, .. }
    | Command::Claims(c)
    | Command::Check { common: c, .. }
    | Command::Reconcile { common: c, .. } = &cli.command
    {
        QUIET.store(c.quiet, std::sync::atomic::Ordering::Relaxed);
    }
    match cli.command {
        Command::Extract(common) => cmd::extract::run(&common),
        Command::Check { common, gate } => cmd::gate::check(&common, &gate),
        Command::Reconcile {
            common,
            gate,
            claims: false,
        } => cmd::gate::reconcile(&common, &gate),
        Command::Reconcile {
            common,
            gate,
            claims: true,
        } => cmd::claims::reconcile(&common, &gate),
        Command::Claims(common) => cmd::claims::run(&common),
        Command::Rules { code, format } => cmd::rules::run(code, format),
        Command::Baseline(common) => cmd::baseline::run(&common),
        Command::Snapshot { common, check } => cmd::snapshot::run(&common, check),
        Command::Diff {
            old,
            new,
            file,
            format,
            date,
            color,
        } => cmd::diff::run(&cmd::diff::DiffArgs {
            old,
            new,
            file,
            format,
            date,
            color: use_color(&color),
        }),
        Command::Config { path, config } => cmd::config::run(path.as_deref(), config.as_deref()),
        Command::Completions { shell } => cmd::docs::completions(shell),
        Command::Man => cmd::docs::man(),
        Command::Lsp(args) => cmd::lsp::run(&args),
        Command::Serve(args) => cmd::serve::run(&args),
    }
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
