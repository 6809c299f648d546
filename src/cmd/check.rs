//! `figcheck check` (not yet implemented).

use crate::cli::{Common, Gate};

/// Runs `check`; returns the exit status.
pub fn run(_common: &Common, _gate: &Gate) -> i32 {
    eprintln!("error: figcheck check is not implemented yet");
    2
}
