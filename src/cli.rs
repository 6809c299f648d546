//! Argument parsing and dispatch to the subcommands in `cmd/`.

use crate::cmd;
use clap::{Parser, Subcommand, ValueEnum};
use figcheck::{Document, Severity, source::parse_date};
use jiff::civil::Date;
use std::io::IsTerminal;
use std::path::PathBuf;

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
}

/// Options shared by every subcommand that reads drafts.
#[derive(clap::Args, Debug, Clone)]
pub struct Common {
    /// Files to read (plain text, Markdown, HTML); `-` reads standard input.
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
    /// The name to use for standard input in messages.
    #[arg(long)]
    pub stdin_filename: Option<String>,
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
}

fn date_arg(s: &str) -> Result<Date, String> {
    parse_date(s).ok_or_else(|| format!("{s:?} is not a date in the form YYYY-MM-DD"))
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
    },
    /// List the check rules with their documentation.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
    },
}

/// Reads every path; unreadable ones are reported on stderr (naming the file and the
/// reason) and skipped. Returns the documents and whether any failed.
pub fn read_docs(common: &Common) -> (Vec<Document>, bool) {
    let mut docs = Vec::new();
    let mut failed = false;
    for p in &common.paths {
        let doc = if p.as_os_str() == "-" {
            let name = common
                .stdin_filename
                .clone()
                .unwrap_or_else(|| "<stdin>".to_string());
            let mut bytes = Vec::new();
            match std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
                Ok(_) => Document::from_bytes(&name, bytes, figcheck::Format::from_path(&name))
                    .map_err(|e| (name, e)),
                Err(e) => Err((name, figcheck::SourceError::Io(e.to_string()))),
            }
        } else {
            Document::read(p).map_err(|e| (p.display().to_string(), e))
        };
        match doc {
            Ok(d) => docs.push(d.with_date(common.date)),
            Err((name, e)) => {
                eprintln!("error: {name}: {e}");
                failed = true;
            }
        }
    }
    (docs, failed)
}

/// Whether to colour output.
#[allow(dead_code)] // used by the check and reconcile renderers
pub fn use_color(color: &str) -> bool {
    match color {
        "always" => true,
        "never" => false,
        _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Runs the command line; returns the exit status.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Extract(common) => cmd::extract::run(&common),
        Command::Check { common, gate } => cmd::check::run(&common, &gate),
        Command::Reconcile { common, gate } => cmd::reconcile::run(&common, &gate),
        Command::Rules { format } => cmd::rules::run(format),
    }
}
