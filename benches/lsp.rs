//! Latency of `figcheck lsp` from a change to its diagnostics, on a 5,000-word Markdown draft.
//!
//! Run: `cargo bench --bench lsp`. The bench starts the release binary as an editor would,
//! opens the draft, then each iteration sends one `textDocument/didChange` (alternately
//! correcting and breaking one converted figure, an incremental edit of two characters) and
//! waits for the `textDocument/publishDiagnostics` of that version: the whole round trip —
//! framing, applying the edit, reading the draft, extraction, the checks, suppressions,
//! converting spans to UTF-16 positions, serializing — with the debounce set to 0 (an
//! editor's debounce, 50 ms by default, comes on top). The goal is ≤ 20 ms.
//!
//! - `change_to_diagnostics`: the round trip above;
//! - `analyse_only`: for comparison, the library's part in-process (`figcheck::extract` and
//!   `figcheck::check` on the same draft).

use divan::Bencher;
use serde_json::json;
use std::cell::RefCell;
use std::path::PathBuf;

#[path = "../tests/common/lsp_client.rs"]
mod lsp_client;

fn main() {
    let d = draft();
    eprintln!(
        "draft: {} words, {} bytes",
        d.split_whitespace().count(),
        d.len()
    );
    divan::main();
}

/// Sentences of a harbour-authority report, varied by paragraph; one conversion is wrong.
fn draft() -> String {
    let mut s = String::from("---\ndate: 2026-04-14\n---\n\n# Estuary ferries\n\n");
    s.push_str("The ferry line runs 40 kilometres (12 miles) up the estuary.\n\n");
    let mut n = 0;
    while s.split_whitespace().count() < 5_000 {
        n += 1;
        s.push_str(&format!(
            "On pier {n} the crews logged {a} crossings last week, up from {b} the week before, \
             and about {c} passengers boarded each morning. The tide gauge read {d}.{e} metres \
             at noon on Monday, and the harbour office said {f}% of sailings left on time. \
             Some {g} tonnes of freight crossed in {h} days, a rise of {i} percent; nearly \
             {j} vehicles queued at the ramp, fewer than the {k} counted in March.\n\n",
            a = 120 + n,
            b = 100 + n,
            c = 300 + 7 * n,
            d = 2 + n % 5,
            e = n % 10,
            f = 80 + n % 15,
            g = 40 + n,
            h = 3 + n % 4,
            i = 5 + n % 9,
            j = 60 + n,
            k = 200 + 2 * n,
        ));
    }
    s
}

struct Session {
    client: lsp_client::Client,
    uri: String,
    version: i64,
}

fn session() -> Session {
    let dir = std::env::temp_dir().join(format!("figcheck-bench-lsp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("estuary.md");
    let text = draft();
    std::fs::write(&file, &text).unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_figcheck"));
    let mut client = lsp_client::Client::start(&bin, &dir, &[]);
    client.initialize(&dir, json!({"debounceMs": 0}));
    let uri = lsp_client::file_uri(&file);
    client.open(&uri, "markdown", 1, &text);
    client.diagnostics(&uri, Some(1));
    Session {
        client,
        uri,
        version: 1,
    }
}

#[divan::bench(sample_count = 200)]
fn change_to_diagnostics(b: Bencher) {
    let s = RefCell::new(session());
    // "12 miles" is on line 6 (0-based), columns 35..37.
    b.bench_local(|| {
        let mut s = s.borrow_mut();
        s.version += 1;
        let v = s.version;
        let fixed = if v % 2 == 0 { "25" } else { "12" };
        let uri = s.uri.clone();
        s.client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v},
                   "contentChanges": [{"range": {"start": {"line": 6, "character": 35},
                                                 "end": {"line": 6, "character": 37}},
                                       "text": fixed}]}),
        );
        let d = s.client.diagnostics(&uri, Some(v));
        let wrong = d["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "conversion");
        assert_eq!(wrong, v % 2 == 1, "version {v}: {d}");
    });
    let s = s.into_inner();
    assert!(s.client.shutdown().success());
}

#[divan::bench(sample_count = 200)]
fn analyse_only(b: Bencher) {
    let doc =
        figcheck::Document::from_text("estuary.md", draft(), figcheck::Format::Markdown).unwrap();
    b.bench_local(|| {
        let qs = figcheck::extract(&doc);
        figcheck::check(&doc, &qs, &figcheck::CheckOptions::default())
    });
}
