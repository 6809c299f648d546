//! One file per subcommand.

pub mod check;
pub mod extract;
pub mod reconcile;
pub mod rules;
