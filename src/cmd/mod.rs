//! One file per subcommand.

pub mod baseline;
pub mod check;
pub mod config;
pub mod diff;
pub mod extract;
pub mod gate;
pub mod reconcile;
pub mod rules;
pub mod snapshot;
