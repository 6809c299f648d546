//! `figcheck serve`: the local HTTP JSON API (see `crate::serve`).

use crate::cli::ServeArgs;
use std::time::Duration;

/// Serves until stopped; returns the exit status.
pub fn run(args: &ServeArgs) -> i32 {
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    crate::serve::run(&crate::serve::Options {
        addr: args.addr,
        max_body: args.max_body,
        timeout: Duration::from_millis(args.timeout_ms),
        threads,
    })
}
