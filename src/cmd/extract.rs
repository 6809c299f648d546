//! `figcheck extract`.

use crate::cli::{Common, OutputFormat, read_docs};
use crate::render;

/// Runs `extract`; returns the exit status.
pub fn run(common: &Common) -> i32 {
    let (docs, failed) = read_docs(common);
    let figures = match crate::cmd::gate::extract_all(common, &docs) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let results: Vec<_> = docs.iter().zip(figures).collect();
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
