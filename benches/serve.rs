//! A bounded load test of `figcheck serve` on loopback: requests per second and latency
//! percentiles of `POST /v1/check`.
//!
//! Run: `cargo bench --bench serve [-- CLIENTS REQUESTS]` (defaults: 8 clients, 250 requests
//! each). It starts the release binary on a free port of 127.0.0.1, opens one kept-alive
//! connection per client thread, sends each client's requests back to back (a ~300-word
//! Markdown draft with one wrong conversion; every answer is checked to carry that finding),
//! and prints requests/s, p50, p90, p99 and the slowest request. The run is bounded in count
//! and, per request, by a 30 s read timeout; it sends traffic to 127.0.0.1 only and stops the
//! server when done. Under `cargo test` it runs 2 clients × 5 requests as a smoke test.

#[path = "../tests/common/http_client.rs"]
mod http_client;

use std::path::PathBuf;
use std::time::{Duration, Instant};

fn draft() -> String {
    let mut s = String::from("---\ndate: 2026-06-03\n---\n\n");
    s.push_str("The orchard shipped 500 kilograms (2,000 pounds) of pears.\n\n");
    for n in 0..12 {
        s.push_str(&format!(
            "Packers at shed {n} filled {a} crates on Tuesday, up from {b} a week earlier, \
             and about {c} pickers worked the rows. Cold storage held {d} tonnes at 2 °C.\n\n",
            a = 300 + 11 * n,
            b = 280 + 9 * n,
            c = 40 + n,
            d = 12 + n,
        ));
    }
    s
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let nums: Vec<usize> = std::env::args().filter_map(|a| a.parse().ok()).collect();
    let (clients, per_client) = if bench {
        (
            nums.first().copied().unwrap_or(8),
            nums.get(1).copied().unwrap_or(250),
        )
    } else {
        (2, 5)
    };
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_figcheck"));
    let server = http_client::Server::start(&bin, &[]);
    let text = draft();
    let body = serde_json::json!({"text": text, "name": "orchard.md"}).to_string();
    eprintln!(
        "serve load: {clients} clients x {per_client} requests, {} words, {} bytes per body, {} cores",
        text.split_whitespace().count(),
        body.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // One warm-up request.
    let r = http_client::request(&server.addr, "POST", "/v1/check", &body);
    assert_eq!(r.status, 200, "{}", r.body);
    let start = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let addr = server.addr.clone();
            let body = body.clone();
            std::thread::spawn(move || {
                let mut c = http_client::Conn::open(&addr);
                let mut lat = Vec::with_capacity(per_client);
                for _ in 0..per_client {
                    let t = Instant::now();
                    let r = c.send("POST", "/v1/check", body.as_bytes());
                    lat.push(t.elapsed());
                    assert_eq!(r.status, 200, "{}", r.body);
                    assert!(r.body.contains("\"conversion\""), "{}", r.body);
                }
                lat
            })
        })
        .collect();
    let mut all: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("client thread"))
        .collect();
    let wall = start.elapsed();
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 * p).ceil() as usize).clamp(1, all.len()) - 1];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "serve load: {} requests in {:.2} s: {:.0} requests/s; latency p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        all.len(),
        wall.as_secs_f64(),
        all.len() as f64 / wall.as_secs_f64(),
        ms(pct(0.50)),
        ms(pct(0.90)),
        ms(pct(0.99)),
        ms(*all.last().unwrap()),
    );
    drop(server);
}
