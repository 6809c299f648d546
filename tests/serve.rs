//! `figcheck serve` end to end: the built binary is started on a free loopback port and sent
//! real HTTP/1.1 requests, good and bad.

mod common;
#[path = "common/http_client.rs"]
mod http_client;

use http_client::{Conn, Server, request};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

const ORCHARD: &str = "The orchard shipped 500 kilograms (2,000 pounds) of pears.\n";
const CANYON_A: &str =
    "Rescuers pulled 14 hikers from the canyon on Sunday, the park service said.\n";
const CANYON_B: &str = "Rescuers pulled 19 hikers from the canyon on Sunday, officials said.\n";

fn server() -> Server {
    Server::start(&common::bin(), &["--max-body", "65536", "--threads", "2"])
}

/// What the command line prints for `args` run in `dir`.
fn cli(dir: &Path, args: &[&str]) -> String {
    let o = Command::new(common::bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap()
}

fn error_code(r: &http_client::Reply) -> String {
    r.json()["error"]["code"].as_str().unwrap_or("").to_string()
}

#[test]
fn check_extract_and_reconcile_answer_as_the_command_line_does() {
    let s = server();
    let dir = common::scratch("serve", "contract");
    std::fs::write(dir.join("orchard.md"), ORCHARD).unwrap();
    std::fs::write(dir.join("a.md"), CANYON_A).unwrap();
    std::fs::write(dir.join("b.md"), CANYON_B).unwrap();

    let r = request(
        &s.addr,
        "POST",
        "/v1/check",
        &json!({"text": ORCHARD, "name": "orchard.md"}).to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.body,
        cli(&dir, &["check", "--format", "json", "orchard.md"])
    );
    let v = r.json();
    assert_eq!(v["version"], 1);
    assert_eq!(v["findings"][0]["code"], "conversion");
    assert_eq!(
        v["findings"][0]["help"],
        "write 1,100 lb, or correct 500 kg"
    );
    assert_eq!(
        &ORCHARD[v["findings"][0]["start"].as_u64().unwrap() as usize
            ..v["findings"][0]["end"].as_u64().unwrap() as usize],
        "2,000 pounds"
    );

    let r = request(
        &s.addr,
        "POST",
        "/v1/extract",
        &json!({"text": ORCHARD, "name": "orchard.md"}).to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.body,
        cli(&dir, &["extract", "--format", "json", "orchard.md"])
    );

    let body =
        json!({"texts": [{"text": CANYON_A, "name": "a.md"}, {"text": CANYON_B, "name": "b.md"}]});
    let r = request(&s.addr, "POST", "/v1/reconcile", &body.to_string());
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        r.body,
        cli(&dir, &["reconcile", "--format", "json", "a.md", "b.md"])
    );
    assert_eq!(r.json()["findings"][0]["code"], "reconcile-conflict");
}

#[test]
fn format_date_and_config_apply() {
    let s = server();
    // Plain text is read as such; HTML's markup is not prose.
    let html = "<p data-n=\"44\">The orchard shipped 500 kilograms (2,000 pounds) of pears.</p>";
    let r = request(
        &s.addr,
        "POST",
        "/v1/extract",
        &json!({"text": html, "format": "html"}).to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let texts: Vec<Value> = r.json()["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].clone())
        .collect();
    assert_eq!(texts, [json!("500 kilograms"), json!("2,000 pounds")]);
    // A configuration turns the rule into a note, or off.
    let r = request(
        &s.addr,
        "POST",
        "/v1/check",
        &json!({"text": ORCHARD, "config": "[rules]\nconversion = \"note\"\n"}).to_string(),
    );
    assert_eq!(r.json()["findings"][0]["severity"], "note", "{}", r.body);
    let r = request(
        &s.addr,
        "POST",
        "/v1/check",
        &json!({"text": ORCHARD, "config": "[rules]\nconversion = \"off\"\n"}).to_string(),
    );
    assert_eq!(r.json()["findings"], json!([]), "{}", r.body);
    // The date resolves a weekday against the document date: 2026-05-12 is a Tuesday.
    let text = "The ferry resumed on Monday, May 12, after repairs.\n";
    let r = request(
        &s.addr,
        "POST",
        "/v1/check",
        &json!({"text": text, "date": "2026-05-14"}).to_string(),
    );
    let v = r.json();
    assert_eq!(v["findings"][0]["code"], "weekday", "{}", r.body);
    let r = request(
        &s.addr,
        "POST",
        "/v1/extract",
        &json!({"text": text, "date": "2026-05-14"}).to_string(),
    );
    let dates: Vec<Value> = r.json()["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q.get("date").cloned())
        .collect();
    assert!(dates.contains(&json!("2026-05-12")), "{}", r.body);
}

#[test]
fn rules_and_health() {
    let s = server();
    let r = request(&s.addr, "GET", "/healthz", "");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "ok");
    let r = request(&s.addr, "GET", "/v1/rules", "");
    assert_eq!(r.status, 200);
    let dir = common::scratch("serve", "rules");
    assert_eq!(r.body, cli(&dir, &["rules", "--format", "json"]));
}

#[test]
fn bad_requests_are_clear_4xx_json_errors() {
    let s = server();
    let cases: Vec<(&str, &str, String, u16, &str)> = vec![
        (
            "POST",
            "/v1/check",
            "{\"text\": \"unterminated".into(),
            400,
            "invalid-json",
        ),
        ("POST", "/v1/check", "[1, 2]".into(), 400, "invalid-request"),
        (
            "POST",
            "/v1/check",
            json!({"txt": "x"}).to_string(),
            400,
            "invalid-request",
        ),
        (
            "POST",
            "/v1/check",
            json!({"text": "x", "format": "docx"}).to_string(),
            400,
            "unknown-format",
        ),
        (
            "POST",
            "/v1/check",
            json!({"text": "x", "date": "2026-02-30"}).to_string(),
            400,
            "bad-date",
        ),
        (
            "POST",
            "/v1/check",
            json!({"text": "x", "config": "[rules]\nconversoin = \"off\"\n"}).to_string(),
            400,
            "bad-config",
        ),
        (
            "POST",
            "/v1/reconcile",
            json!({"texts": []}).to_string(),
            400,
            "invalid-request",
        ),
        (
            "POST",
            "/v1/reconcile",
            json!({"texts": [{"text": "a", "name": "x.md"}, {"text": "b", "name": "x.md"}]})
                .to_string(),
            400,
            "invalid-request",
        ),
        (
            "POST",
            "/v1/check",
            json!({"text": "x".repeat(70_000)}).to_string(),
            413,
            "body-too-large",
        ),
        ("GET", "/v1/check", String::new(), 405, "method-not-allowed"),
        ("GET", "/v2/check", String::new(), 404, "not-found"),
    ];
    for (method, path, body, status, code) in cases {
        let r = request(&s.addr, method, path, &body);
        assert_eq!(
            r.status,
            status,
            "{method} {path} {}: {}",
            &body[..body.len().min(60)],
            r.body
        );
        assert_eq!(r.header("content-type"), Some("application/json"), "{path}");
        assert_eq!(error_code(&r), code, "{}", r.body);
        assert!(!r.json()["error"]["message"].as_str().unwrap().is_empty());
    }
    // The message names what is wrong.
    let r = request(
        &s.addr,
        "POST",
        "/v1/check",
        &json!({"text": "x", "format": "docx"}).to_string(),
    );
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("\"docx\"")
    );
    // The server still answers after all that.
    assert_eq!(request(&s.addr, "GET", "/healthz", "").status, 200);
}

#[test]
fn one_connection_carries_many_requests_and_listens_on_loopback_only() {
    let s = server();
    let mut c = Conn::open(&s.addr);
    for k in 0..20 {
        let text = format!("Pier {k} logged {} crossings.\n", 100 + k);
        let r = c.send(
            "POST",
            "/v1/extract",
            json!({"text": text}).to_string().as_bytes(),
        );
        assert_eq!(r.status, 200);
        let values: Vec<Value> = r.json()["quantities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["value"].clone())
            .collect();
        assert!(values.contains(&json!(100 + k)), "{}", r.body);
    }
    // The default address is 127.0.0.1.
    let help = Command::new(common::bin())
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(help.contains("[default: 127.0.0.1:"), "{help}");
}

/// A request whose work panics is a 500 JSON error; the server keeps serving
/// (`FIGCHECK_TEST_PANIC` makes debug builds panic in the named document's work).
#[test]
#[cfg(debug_assertions)]
fn a_panic_is_a_500_and_the_server_goes_on() {
    let s = Server::start_with_env(
        &common::bin(),
        &["--threads", "2"],
        &[("FIGCHECK_TEST_PANIC", "boom.md")],
    );
    let r = request(
        &s.addr,
        "POST",
        "/v1/check",
        &json!({"text": ORCHARD, "name": "boom.md"}).to_string(),
    );
    assert_eq!(r.status, 500, "{}", r.body);
    assert_eq!(error_code(&r), "internal-error");
    let r = request(
        &s.addr,
        "POST",
        "/v1/check",
        &json!({"text": ORCHARD, "name": "fine.md"}).to_string(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
}
