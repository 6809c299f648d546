//! Argument parsing and the subcommands' plumbing.

use crate::render;
use clap::{Parser, Subcommand, ValueEnum};
use figcheck::{Document, source::parse_date};
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
}

/// Options shared by every subcommand that reads drafts.
#[derive(clap::Args, Debug, Clone)]
pub struct Common {
    /// Files to read (plain text, Markdown, HTML).
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
}

fn date_arg(s: &str) -> Result<Date, String> {
    parse_date(s).ok_or_else(|| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// List every figure with its span, value, interval, unit and noun.
    Extract(Common),
}

/// Reads every path; unreadable ones are reported on stderr and skipped.
pub fn read_docs(common: &Common) -> (Vec<Document>, bool) {
    let mut docs = Vec::new();
    let mut failed = false;
    for p in &common.paths {
        match Document::read(p) {
            Ok(d) => docs.push(d.with_date(common.date)),
            Err(e) => {
                eprintln!("error: {}: {e}", p.display());
                failed = true;
            }
        }
    }
    (docs, failed)
}

/// Whether to colour output.
#[allow(dead_code)]
pub fn use_color(common: &Common) -> bool {
    match common.color.as_str() {
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
        Command::Extract(common) => {
            let (docs, failed) = read_docs(&common);
            let results: Vec<_> = docs.iter().map(|d| (d, figcheck::extract(d))).collect();
            let out = match common.format {
                OutputFormat::Json => render::json::extract(&results),
                OutputFormat::Human => render::table::extract(&results),
            };
            print!("{out}");
            if failed { 2 } else { 0 }
        }
    }
}
