//! The HTTP API's request handling ([`figcheck::serve::handle`]): a request to one of the
//! endpoints (or none), with a body built from the input (texts, a configuration, a date,
//! formats) or the input's raw bytes as the body. Asserts no panic, a status the API
//! documents, a JSON body (an `error` with a code for every 4xx), and, for an answer, every
//! `start`/`end` in bounds of the text it names and on its char boundaries, with a line and
//! column from 1.
#![no_main]
use figcheck_fuzz::assert_json_spans;
use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use std::collections::HashMap;

const PATHS: [&str; 6] = [
    "/v1/check",
    "/v1/extract",
    "/v1/reconcile",
    "/v1/rules",
    "/healthz",
    "/v1/nothing",
];
const FORMATS: [&str; 5] = ["markdown", "text", "html", "pdf", "md"];

fuzz_target!(|data: &[u8]| {
    let Some((&b, rest)) = data.split_first() else {
        return;
    };
    let path = PATHS[usize::from(b % 6)];
    let method = if b & 0x40 != 0 { "GET" } else { "POST" };
    let opts = figcheck::serve::Options {
        max_body: 1 << 16,
        today: jiff::civil::date(2026, 3, 2),
    };
    // The texts by the name the answer gives them.
    let mut texts: HashMap<String, String> = HashMap::new();
    let body: Vec<u8> = if b & 0x80 != 0 {
        rest.to_vec()
    } else {
        let mut parts = rest.split(|&c| c == 0xFF);
        let head = parts.next().unwrap_or_default();
        let format = FORMATS[usize::from(head.first().copied().unwrap_or(0) % 5)];
        let text = String::from_utf8_lossy(head.get(1..).unwrap_or_default()).into_owned();
        let config = parts.next().map(|c| String::from_utf8_lossy(c).into_owned());
        if path == "/v1/reconcile" {
            let mut list = vec![(text, format)];
            for p in parts.take(3) {
                list.push((String::from_utf8_lossy(p).into_owned(), "text"));
            }
            let mut docs = Vec::new();
            for (k, (t, f)) in list.into_iter().enumerate() {
                let name = format!("s{k}.md");
                texts.insert(name.clone(), t.clone());
                docs.push(json!({"text": t, "name": name, "format": f}));
            }
            json!({"texts": docs, "config": config}).to_string().into_bytes()
        } else {
            let date = parts.next().map(|d| String::from_utf8_lossy(d).into_owned());
            texts.insert("draft.md".into(), text.clone());
            json!({"text": text, "name": "draft.md", "format": format, "config": config,
                   "date": date})
            .to_string()
            .into_bytes()
        }
    };
    let r = figcheck::serve::handle(method, path, &body, &opts);
    assert!(
        [200, 400, 404, 405, 413].contains(&r.status),
        "status {}: {}",
        r.status,
        r.body
    );
    let v: Value = serde_json::from_str(&r.body).expect("the body is JSON");
    if r.status != 200 {
        assert!(v["error"]["code"].is_string(), "{v}");
        assert!(v["error"]["message"].is_string(), "{v}");
        return;
    }
    if b & 0x80 != 0 {
        // A raw body's texts are its own: read them back from it.
        let Ok(sent) = serde_json::from_slice::<Value>(&body) else {
            return;
        };
        let mut add = |d: &Value, default: &str| {
            if let Some(t) = d["text"].as_str() {
                let name = d["name"].as_str().unwrap_or(default).to_string();
                texts.insert(name, t.to_string());
            }
        };
        add(&sent, "input");
        if let Some(list) = sent["texts"].as_array() {
            for (k, d) in list.iter().enumerate() {
                add(d, &format!("source-{}", k + 1));
            }
        }
    }
    assert_json_spans(&texts, &v);
});
