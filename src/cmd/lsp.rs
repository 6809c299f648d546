//! `figcheck lsp`: the language server (see `crate::lsp`).

use std::path::PathBuf;
use std::time::Duration;

/// Options of `figcheck lsp`.
#[derive(clap::Args, Debug, Clone)]
pub struct LspArgs {
    /// Use this configuration file for every document instead of the nearest figcheck.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Milliseconds a change waits for the next before the document is checked again
    /// (the client's `initializationOptions.debounceMs` overrides it).
    #[arg(long, value_name = "MS", default_value_t = 50)]
    pub debounce_ms: u64,
    /// Speak over standard input and output (the only transport; accepted because many
    /// clients pass it).
    #[arg(long)]
    pub stdio: bool,
}

/// Runs the server until the client says `exit`; returns the exit status.
pub fn run(args: &LspArgs) -> i32 {
    crate::lsp::run(&crate::lsp::Options {
        config: args.config.clone(),
        debounce: Duration::from_millis(args.debounce_ms),
    })
}
