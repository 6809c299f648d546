//! `figcheck rules` (not yet implemented).

use crate::cli::OutputFormat;

/// Runs `rules`; returns the exit status.
pub fn run(_format: OutputFormat) -> i32 {
    eprintln!("error: figcheck rules is not implemented yet");
    2
}
