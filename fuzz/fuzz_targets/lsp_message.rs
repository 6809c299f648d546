//! The language server's protocol ([`figcheck::lsp::Session`]) driven by a script of
//! messages: a document opened, then changes (ranged or whole), hovers, code actions, saves,
//! raw message bytes, closes and second documents, then `shutdown` and `exit`. Asserts no
//! panic, that every range the server sends (diagnostics, related information, hovers, edits)
//! lies inside the document as the server holds it, that every request gets exactly one
//! response with its id, and that a clean shutdown exits 0.
#![no_main]
use figcheck::lsp::{Options, Session};
use figcheck_fuzz::assert_lsp_ranges;
use libfuzzer_sys::fuzz_target;
use lsp_server::Message;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const URI: &str = "file:///desk/draft.md";
const URI2: &str = "file:///desk/second.txt";

fn notify(method: &str, params: Value) -> Vec<u8> {
    json!({"jsonrpc": "2.0", "method": method, "params": params})
        .to_string()
        .into_bytes()
}

fn request(id: i64, method: &str, params: Value) -> Vec<u8> {
    json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
        .to_string()
        .into_bytes()
}

/// A position from four script bytes: small lines and columns mostly, far ones sometimes.
fn pos(b: &[u8]) -> Value {
    let g = |i: usize| u32::from(b.get(i).copied().unwrap_or(0));
    let scale = if g(2) % 8 == 0 { 1000 } else { 1 };
    json!({"line": g(0) % 16 * scale, "character": g(1) * scale})
}

struct Run {
    s: Session,
    now: Instant,
    next_id: i64,
}

impl Run {
    fn send(&mut self, bytes: &[u8], expect: Option<i64>) {
        self.now += Duration::from_millis(1);
        let mut out = self.s.handle_bytes(bytes, self.now);
        out.extend(self.s.analyse_due(self.now));
        let mut answered = 0;
        for m in &out {
            check(&self.s, m, bytes);
            if let (Some(id), Message::Response(r)) = (expect, m)
                && r.id == lsp_server::RequestId::from(id as i32)
            {
                answered += 1;
            }
        }
        if expect.is_some() {
            assert_eq!(answered, 1, "a request was not answered once: {out:?}");
        }
    }

    fn request(&mut self, method: &str, params: Value) {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&request(id, method, params), Some(id));
    }
}

/// The ranges of an outgoing message, against the text of the document they are about.
fn check(s: &Session, m: &Message, incoming: &[u8]) {
    let v = serde_json::to_value(m).expect("messages serialize");
    let uri = match m {
        Message::Notification(n) => n.params.get("uri").and_then(Value::as_str).map(String::from),
        _ => serde_json::from_slice::<Value>(incoming).ok().and_then(|i| {
            i["params"]["textDocument"]["uri"].as_str().map(String::from)
        }),
    };
    let Some(uri) = uri else { return };
    match s.text(&uri) {
        Some(text) => assert_lsp_ranges(text, &v),
        // A document closed: its diagnostics are cleared, nothing else is about it.
        None => {
            if let Message::Notification(n) = m {
                assert_eq!(n.params["diagnostics"], json!([]), "{v}");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0xFF);
    let first = parts.next().unwrap_or_default();
    let (lang, text) = match first.split_first() {
        Some((b, rest)) => (["markdown", "plaintext", "html"][usize::from(*b % 3)], rest),
        None => ("markdown", first),
    };
    let text = String::from_utf8_lossy(text).into_owned();
    let mut run = Run {
        s: Session::new(Options {
            debounce: Duration::from_millis(2),
            ..Options::default()
        }),
        now: Instant::now(),
        next_id: 0,
    };
    run.request("initialize", json!({"capabilities": {}}));
    run.send(&notify("initialized", json!({})), None);
    run.send(
        &notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": URI, "languageId": lang, "version": 1, "text": text}}),
        ),
        None,
    );
    let mut version = 1;
    for part in parts.take(64) {
        let Some((&op, rest)) = part.split_first() else {
            continue;
        };
        let (args, payload) = rest.split_at(rest.len().min(8));
        let payload_text = String::from_utf8_lossy(payload).into_owned();
        let range = json!({"start": pos(args), "end": pos(args.get(4..).unwrap_or_default())});
        let uri = if op & 0x80 != 0 { URI2 } else { URI };
        version += 1;
        match op % 8 {
            0 => run.send(
                &notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri, "version": version},
                           "contentChanges": [{"range": range, "text": payload_text}]}),
                ),
                None,
            ),
            1 => run.send(
                &notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri, "version": version},
                           "contentChanges": [{"text": payload_text}]}),
                ),
                None,
            ),
            2 => run.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": pos(args)}),
            ),
            3 => run.request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": range,
                       "context": {"diagnostics": []}}),
            ),
            4 => run.send(
                &notify(
                    "textDocument/didSave",
                    json!({"textDocument": {"uri": uri}, "text": payload_text}),
                ),
                None,
            ),
            5 => run.send(payload, None),
            6 => run.send(
                &notify("textDocument/didClose", json!({"textDocument": {"uri": uri}})),
                None,
            ),
            _ => run.send(
                &notify(
                    "textDocument/didOpen",
                    json!({"textDocument": {"uri": uri, "languageId": lang,
                                            "version": version, "text": payload_text}}),
                ),
                None,
            ),
        }
        if run.s.exit_status().is_some() {
            return;
        }
    }
    // Whatever came before, a pending change is analysed when due, and a clean shutdown
    // exits 0 (unless the script's raw bytes already shut the server down).
    run.now += Duration::from_millis(10);
    for m in run.s.analyse_due(run.now) {
        check(&run.s, &m, b"");
    }
    run.next_id += 1;
    let id = run.next_id;
    run.send(&request(id, "shutdown", Value::Null), Some(id));
    run.send(&notify("exit", Value::Null), None);
    assert!(run.s.exit_status().is_some());
});
