//! `figcheck reconcile` (not yet implemented).

use crate::cli::{Common, Gate};

/// Runs `reconcile`; returns the exit status.
pub fn run(_common: &Common, _gate: &Gate) -> i32 {
    eprintln!("error: figcheck reconcile is not implemented yet");
    2
}
