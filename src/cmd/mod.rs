//! One file per subcommand.

pub mod baseline;
pub mod config;
pub mod diff;
pub mod extract;
pub mod gate;
pub mod lsp;
pub mod rules;
pub mod snapshot;
