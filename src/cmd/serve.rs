//! `figcheck serve`: the local HTTP JSON API's transport, on axum and tokio. What a request
//! is answered with is the library's ([`figcheck::serve::handle`]); this listens (127.0.0.1 by
//! default), bounds the body (`--max-body`) as it arrives, runs each request's work on a pool
//! of one thread per core under the timeout, and turns a panic into a 500.

use crate::cli::ServeArgs;
use axum::Router;
use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::extract::rejection::BytesRejection;
use axum::http::{Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use figcheck::serve::Reply;
use std::sync::Arc;
use std::time::Duration;

/// What every request shares.
struct Shared {
    timeout: Duration,
    max_body: usize,
}

fn respond(r: Reply) -> Response {
    (
        StatusCode::from_u16(r.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        [(header::CONTENT_TYPE, "application/json")],
        r.body,
    )
        .into_response()
}

fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
}

/// Every request: its body bounded, then answered by the library on the pool.
async fn any(
    axum::extract::State(state): axum::extract::State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(r) if r.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return respond(Reply::body_too_large());
        }
        Err(r) => {
            return respond(Reply::error(
                r.status().as_u16(),
                "invalid-request",
                r.body_text(),
            ));
        }
    };
    let opts = figcheck::serve::Options {
        max_body: state.max_body,
        today: today(),
    };
    let path = uri.path().to_string();
    let task = tokio::task::spawn_blocking(move || {
        figcheck::serve::handle_isolated(method.as_str(), &path, &body, &opts, &|name, work| {
            crate::cmd::isolated(name, work).is_some()
        })
    });
    match tokio::time::timeout(state.timeout, task).await {
        Err(_) => respond(Reply::timeout(state.timeout.as_millis())),
        Ok(Ok(r)) => respond(r),
        Ok(Err(_)) => respond(Reply::internal_error()),
    }
}

/// Serves until the process is stopped; returns the exit status (2 when it cannot listen).
pub fn run(args: &ServeArgs) -> i32 {
    let threads = args
        .threads
        .unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        })
        .max(1);
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .max_blocking_threads(threads)
        .enable_io()
        .enable_time()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            return 2;
        }
    };
    let state = Arc::new(Shared {
        timeout: Duration::from_millis(args.timeout_ms),
        max_body: args.max_body,
    });
    let app = Router::new()
        .fallback(any)
        .layer(DefaultBodyLimit::max(args.max_body))
        .with_state(state);
    rt.block_on(async {
        let listener = match tokio::net::TcpListener::bind(args.addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {}: {e}", args.addr);
                return 2;
            }
        };
        let addr = listener.local_addr().unwrap_or(args.addr);
        // The first line on stdout names the address (a port of 0 is chosen by the system).
        println!("figcheck serve: listening on http://{addr}");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        match axum::serve(listener, app).await {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: the server stopped: {e}");
                2
            }
        }
    })
}
