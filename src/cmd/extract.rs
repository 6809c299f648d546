//! `figcheck extract`.

use crate::cli::{Common, OutputFormat, read_docs};
use crate::render;

/// Runs `extract`; returns the exit status.
pub fn run(common: &Common) -> i32 {
    let (docs, failed) = read_docs(common);
    let results: Vec<_> = docs.iter().map(|d| (d, figcheck::extract(d))).collect();
    let out = match common.format {
        OutputFormat::Json => render::json::extract(&results),
        OutputFormat::Human => render::table::extract(&results),
        OutputFormat::Sarif | OutputFormat::Github => {
            eprintln!("error: extract supports --format human or json");
            return 2;
        }
    };
    print!("{out}");
    if failed { 2 } else { 0 }
}
