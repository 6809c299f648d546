//! `figcheck serve`: the local HTTP JSON API (see `crate::serve`).

use std::net::SocketAddr;
use std::time::Duration;

/// Options of `figcheck serve`.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on (port 0: any free port, printed on the first line of output).
    #[arg(long, default_value = "127.0.0.1:8089")]
    pub addr: SocketAddr,
    /// The largest request body accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 2 * 1024 * 1024)]
    pub max_body: usize,
    /// How long one request's work may take, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    pub timeout_ms: u64,
    /// Threads for the checks (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

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
