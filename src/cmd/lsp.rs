//! `figcheck lsp`: the language server (see `crate::lsp`).

use crate::cli::LspArgs;
use std::time::Duration;

/// Runs the server until the client says `exit`; returns the exit status.
pub fn run(args: &LspArgs) -> i32 {
    crate::lsp::run(&crate::lsp::Options {
        config: args.config.clone(),
        debounce: Duration::from_millis(args.debounce_ms),
    })
}
