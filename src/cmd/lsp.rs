//! `figcheck lsp`: the language server's transport. The protocol is the library's
//! ([`figcheck::lsp::Session`]); this reads `Content-Length`-framed messages from standard
//! input on a thread (each bounded by `--max-size`, a larger one read past and reported), feeds
//! them to the session, writes its answers to standard output, and makes debounced changes due
//! on time.

use crate::cli::LspArgs;
use figcheck::lsp::{Frame, Options, Session, read_frame};
use std::io::Write;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// Runs the server until the client says `exit`; returns the exit status (0 after
/// `shutdown` then `exit`, 1 otherwise, as the protocol says).
pub fn run(args: &LspArgs) -> i32 {
    let config = match &args.config {
        Some(p) => match figcheck::lsp::load_config(p) {
            Ok(c) => Some(c),
            Err(e) => {
                eprintln!("figcheck lsp: {e}");
                return 1;
            }
        },
        None => None,
    };
    let mut session = Session::new(Options {
        config,
        discover: true,
        debounce: Duration::from_millis(args.debounce_ms),
        isolate: Box::new(|name, work| crate::cmd::isolated(name, work).is_some()),
    });
    let limit = args.max_size;
    let (tx, rx) = mpsc::sync_channel::<std::io::Result<Option<Frame>>>(16);
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        loop {
            let frame = read_frame(&mut input, limit);
            let end = !matches!(frame, Ok(Some(Frame::Message(_) | Frame::TooLarge(_))));
            if tx.send(frame).is_err() || end {
                return;
            }
        }
    });
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    loop {
        let received = match session.next_due() {
            Some(at) => rx.recv_timeout(at.saturating_duration_since(Instant::now())),
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let now = Instant::now();
        let replies = match received {
            Ok(Ok(Some(Frame::Message(bytes)))) => session.handle_bytes(&bytes, now),
            Ok(Ok(Some(Frame::TooLarge(n)))) => session.too_large(n, limit),
            Ok(Ok(Some(Frame::Malformed(why)))) => {
                eprintln!("figcheck lsp: {why}");
                return 1;
            }
            Ok(Err(e)) => {
                eprintln!("figcheck lsp: {e}");
                return 1;
            }
            // The client closed its end without `exit`.
            Ok(Ok(None)) | Err(RecvTimeoutError::Disconnected) => return 1,
            Err(RecvTimeoutError::Timeout) => Vec::new(),
        };
        for m in replies
            .into_iter()
            .chain(session.analyse_due(Instant::now()))
        {
            // A closed output means the client is gone.
            if m.write(&mut out).and_then(|()| out.flush()).is_err() {
                return 1;
            }
        }
        if let Some(status) = session.exit_status() {
            return status;
        }
    }
}
