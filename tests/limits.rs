//! The input size limit: `[limits] max_file_bytes` in figcheck.toml (and `--max-size`, which
//! overrides it) in every subcommand that reads files, in the language server and in the
//! HTTP API. A larger input is one error naming it and the reason; the other files are still
//! processed; the exit status is 2 when nothing else decides it.

mod common;
#[path = "common/http_client.rs"]
mod http_client;
#[path = "common/lsp_client.rs"]
mod lsp_client;

use common::*;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A file with a finding (60 m is about 197 ft, not 350), so `check` names it.
const GOOD: &str = "The chimney stack rises 60 metres (350 feet) over the old mill.\n";
/// 2,400 bytes of figures: over a limit of 2000 bytes.
fn big() -> String {
    "The 9 rowboats drifted. ".repeat(100)
}

const LIMIT_2000: &str = "[limits]\nmax_file_bytes = 2000\n";

fn desk(name: &str, config: &str) -> PathBuf {
    let dir = scratch("limits", name);
    std::fs::write(dir.join("figcheck.toml"), config).unwrap();
    std::fs::write(dir.join("good.txt"), GOOD).unwrap();
    std::fs::write(dir.join("big.txt"), big()).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run figcheck");
    let mut input = child.stdin.take().unwrap();
    if let Some(s) = stdin {
        use std::io::Write;
        // The binary may stop reading at the limit: a broken pipe is expected then.
        let _ = input.write_all(s.as_bytes());
    }
    drop(input);
    child.wait_with_output().unwrap()
}

/// Exactly one error line, naming `file` and the limit.
fn assert_refused(o: &Output, file: &str, limit: &str) {
    let err = stderr(o);
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("larger than the input size limit"))
        .collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with(&format!(
            "error: {file}: larger than the input size limit of {limit}"
        )),
        "{err}"
    );
    assert!(lines[0].contains("max_file_bytes"), "{err}");
}

#[test]
fn the_configured_limit_refuses_a_larger_file_in_every_reading_command() {
    let dir = desk("every", LIMIT_2000);
    for sub in ["extract", "check", "claims", "reconcile"] {
        let o = run(&dir, &[sub, "big.txt", "good.txt"], None);
        assert_eq!(o.status.code(), Some(2), "{sub}: {}", stderr(&o));
        assert_refused(&o, "big.txt", "2000 bytes");
        let out = stdout(&o);
        // The other file was read: its figures or its finding are in the output.
        assert!(
            out.contains("chimney") || out.contains("good.txt"),
            "{sub}: {out}"
        );
        assert!(!out.contains("rowboats"), "{sub}: {out}");
    }
    // Standard input under the configuration of its name.
    let o = run(
        &dir,
        &["extract", "--stdin-filename", "piped.txt", "-", "good.txt"],
        Some(&big()),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_refused(&o, "piped.txt", "2000 bytes");
    assert!(stdout(&o).contains("good.txt"), "{}", stdout(&o));
    // Nothing was changed.
    assert_eq!(std::fs::read_to_string(dir.join("big.txt")).unwrap(), big());
}

#[test]
fn a_file_under_the_limit_is_read_and_the_flag_overrides_the_configuration() {
    let dir = desk("override", LIMIT_2000);
    let o = run(
        &dir,
        &["extract", "--max-size", "1M", "big.txt", "good.txt"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("rowboats"));
    // A smaller limit in a subfolder's figcheck.toml applies to the files under it only.
    let sub = dir.join("desk");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        sub.join("figcheck.toml"),
        "[limits]\nmax_file_bytes = \"1K\"\n",
    )
    .unwrap();
    std::fs::write(
        sub.join("long.txt"),
        "The 4 beekeepers moved 73 hives. ".repeat(40),
    )
    .unwrap();
    std::fs::write(dir.join("figcheck.toml"), "").unwrap();
    let o = run(&dir, &["extract", "desk/long.txt", "big.txt"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_refused(&o, "desk/long.txt", "1 KiB");
    assert!(stdout(&o).contains("rowboats"));
}

#[test]
fn baseline_snapshot_and_diff_refuse_a_larger_file() {
    let dir = desk("others", LIMIT_2000);
    let o = run(&dir, &["baseline", "big.txt", "good.txt"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_refused(&o, "big.txt", "2000 bytes");
    assert!(
        stderr(&o).contains("baseline not written"),
        "{}",
        stderr(&o)
    );

    let o = run(&dir, &["snapshot", "big.txt", "good.txt"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_refused(&o, "big.txt", "2000 bytes");
    assert!(dir.join("good.txt.facts").exists());
    assert!(!dir.join("big.txt.facts").exists());

    let o = run(&dir, &["diff", "good.txt", "big.txt"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_refused(&o, "big.txt", "2000 bytes");
    let o = run(&dir, &["diff", "big.txt", "-"], Some(GOOD));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_refused(&o, "big.txt", "2000 bytes");
    let o = run(&dir, &["diff", "good.txt", "-"], Some(&big()));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_refused(&o, "<stdin>", "2000 bytes");
    // Under a larger limit the same versions are compared (exit 1: figures changed).
    let o = run(
        &dir,
        &["diff", "--max-size", "1M", "good.txt", "big.txt"],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("rowboats"), "{}", stdout(&o));
}

#[test]
fn a_bad_limit_names_the_configuration_and_the_key() {
    let dir = desk("bad", "[limits]\nmax_file_bytes = \"plenty\"\n");
    let o = run(&dir, &["extract", "good.txt"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("figcheck.toml"), "{err}");
    assert!(err.contains("\"plenty\" is not a size"), "{err}");
    let dir = desk("zero", "[limits]\nmax_file_bytes = 0\n");
    let o = run(&dir, &["extract", "good.txt"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("at least 1 byte"), "{}", stderr(&o));
}

#[test]
fn the_language_server_refuses_a_document_over_its_limit() {
    let dir = desk("lsp", LIMIT_2000);
    let mut c = lsp_client::Client::start(&bin(), &dir, &[]);
    c.initialize(&dir, json!({}));
    let big_uri = lsp_client::file_uri(&dir.join("big.txt"));
    c.open(&big_uri, "plaintext", 1, &big());
    let d = c.diagnostics(&big_uri, Some(1));
    let diags = d["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{d}");
    let m = diags[0]["message"].as_str().unwrap();
    assert!(
        m.contains("larger than the input size limit of 2000 bytes"),
        "{m}"
    );
    // The other document is checked as usual.
    let good_uri = lsp_client::file_uri(&dir.join("good.txt"));
    c.open(&good_uri, "plaintext", 1, GOOD);
    let d = c.diagnostics(&good_uri, Some(1));
    assert_eq!(d["diagnostics"][0]["code"], "conversion", "{d}");
    assert!(c.shutdown().success());
}

#[test]
fn the_language_server_reads_past_a_message_over_its_limit() {
    let dir = desk("lsp-frame", "");
    let mut c = lsp_client::Client::start(&bin(), &dir, &["--max-size", "1K"]);
    c.initialize(&dir, json!({}));
    // A message of 1 MiB is announced and sent: it is read past, not held, and reported.
    let big = vec![b' '; 1 << 20];
    c.send_raw(format!("Content-Length: {}\r\n\r\n", big.len()).as_bytes());
    c.send_raw(&big);
    let m = c.wait_for(|m| m["method"] == "window/showMessage");
    let text = m["params"]["message"].as_str().unwrap();
    assert!(
        text.contains("1048576 bytes is larger than the limit of 1024 bytes"),
        "{text}"
    );
    // The session goes on: the next document is checked.
    let good_uri = lsp_client::file_uri(&dir.join("good.txt"));
    c.open(&good_uri, "plaintext", 1, GOOD);
    let d = c.diagnostics(&good_uri, Some(1));
    assert_eq!(d["diagnostics"][0]["code"], "conversion", "{d}");
    assert!(c.shutdown().success());
}

#[test]
fn the_http_api_refuses_a_text_over_the_requests_limit() {
    let s = http_client::Server::start(&bin(), &["--threads", "1"]);
    let body = json!({"text": big(), "format": "text", "config": LIMIT_2000}).to_string();
    for path in ["/v1/check", "/v1/extract"] {
        let r = http_client::request(&s.addr, "POST", path, &body);
        assert_eq!(r.status, 413, "{path}: {}", r.body);
        assert_eq!(r.json()["error"]["code"], "text-too-large", "{}", r.body);
        let m = r.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(
            m.contains("larger than the input size limit of 2000 bytes"),
            "{m}"
        );
    }
    let body = json!({
        "texts": [{"text": GOOD, "name": "a.txt"}, {"text": big(), "name": "b.txt"}],
        "config": LIMIT_2000,
    })
    .to_string();
    let r = http_client::request(&s.addr, "POST", "/v1/reconcile", &body);
    assert_eq!(r.status, 413, "{}", r.body);
    assert!(r.body.contains("b.txt"), "{}", r.body);
    // Under the limit the same text is checked.
    let body = json!({"text": big(), "format": "text"}).to_string();
    let r = http_client::request(&s.addr, "POST", "/v1/extract", &body);
    assert_eq!(r.status, 200, "{}", r.body);
}
