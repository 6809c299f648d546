//! The map/reduce split: `figcheck claims --format ndjson` (per document) then
//! `figcheck reconcile --claims` (per key) gives what `figcheck reconcile` gives on the drafts.

mod common;
use common::*;
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Every multi-source case: the reconcile fixtures and the reference event.
fn corpus() -> Vec<String> {
    let mut files: Vec<String> = fixtures("reconcile")
        .into_iter()
        .chain(fixtures("kyiv-pause"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

/// `figcheck claims --format ndjson FILES` written to `path`.
fn claims_to(files: &[String], path: &PathBuf) {
    let mut args = vec!["claims", "--format", "ndjson"];
    args.extend(files.iter().map(String::as_str));
    let out = figcheck(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::write(path, &out.stdout).expect("write claims");
}

fn reconcile_json(args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["reconcile", "--format", "json"];
    all.extend_from_slice(args);
    let out = figcheck(&all);
    assert!(out.status.code() != Some(2), "{args:?}: {}", stderr(&out));
    (out.status.code(), stdout(&out))
}

#[test]
fn two_halves_reconciled_together_equal_the_whole() {
    let files = corpus();
    assert!(files.len() >= 10, "{files:?}");
    let dir = scratch("claims", "halves");
    let whole_args: Vec<&str> = files.iter().map(String::as_str).collect();
    let (whole_code, whole) = reconcile_json(&whole_args);
    let v: Value = serde_json::from_str(&whole).expect("JSON");
    assert!(
        v["findings"].as_array().is_some_and(|f| !f.is_empty())
            && v["claims"].as_array().is_some_and(|c| c.len() > 10),
        "the corpus has findings and claims to compare: {whole}"
    );
    // Every split point, so that a source's claims on either side of it meet.
    for cut in [1, files.len() / 3, files.len() / 2, files.len() - 1] {
        let (a, b) = files.split_at(cut);
        let (pa, pb) = (dir.join("a.ndjson"), dir.join("b.ndjson"));
        claims_to(a, &pa);
        claims_to(b, &pb);
        let (code, split) =
            reconcile_json(&["--claims", &pa.to_string_lossy(), &pb.to_string_lossy()]);
        assert_eq!(split, whole, "cut at {cut}");
        assert_eq!(code, whole_code, "cut at {cut}");
        // One half alone is not the whole: the test can tell.
        let (_, half) = reconcile_json(&["--claims", &pa.to_string_lossy()]);
        assert_ne!(half, whole, "cut at {cut}");
    }
}

#[test]
fn claims_read_from_standard_input() {
    let files = corpus();
    let dir = scratch("claims", "stdin");
    let (a, b) = files.split_at(files.len() / 2);
    let pa = dir.join("a.ndjson");
    claims_to(a, &pa);
    let mut args = vec!["claims", "--format", "ndjson"];
    args.extend(b.iter().map(String::as_str));
    let second = figcheck(&args).stdout;
    let mut child = Command::new(bin())
        .args(["reconcile", "--format", "json", "--claims"])
        .arg(&pa)
        .arg("-")
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&second)
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    let whole: Vec<&str> = files.iter().map(String::as_str).collect();
    assert_eq!(stdout(&out), reconcile_json(&whole).1, "{}", stderr(&out));
}

#[test]
fn every_claim_line_has_its_key_source_span_and_interval() {
    let out = figcheck(&["claims", "--format", "ndjson", "fixtures/reconcile/units"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    let claims: Vec<&Value> = lines.iter().filter(|l| l["kind"] == "claim").collect();
    assert_eq!(lines.iter().filter(|l| l["kind"] == "source").count(), 2);
    assert!(!claims.is_empty());
    for c in &claims {
        for field in [
            "noun", "role", "place", "time", "file", "date", "start", "end", "low", "high", "unit",
            "text", "line", "column",
        ] {
            assert!(c.get(field).is_some(), "{field} missing in {c}");
        }
        // The span is the figure as written.
        let file = c["file"].as_str().expect("file");
        let text = std::fs::read_to_string(root().join(file)).expect("read");
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], c["text"].as_str().unwrap());
    }
    // "62 miles" is carried in metres, exactly.
    let miles = claims
        .iter()
        .find(|c| c["text"] == "62 miles")
        .expect("62 miles");
    assert_eq!(miles["unit"], "m");
    assert_eq!(miles["stated"].to_string(), "99779.328");
}

#[test]
fn a_bad_claims_file_is_named_and_the_others_are_reconciled() {
    let dir = scratch("claims", "bad");
    let good = dir.join("good.ndjson");
    claims_to(&corpus()[..3], &good);
    let bad = dir.join("bad.ndjson");
    std::fs::write(
        &bad,
        "{\"kind\":\"source\",\"file\":\"x.md\",\"date\":null}\n{\"kind\":\"claim\",\"file\":\"x.md\"}\n",
    )
    .unwrap();
    let out = figcheck(&[
        "reconcile",
        "--claims",
        "--format",
        "json",
        &bad.to_string_lossy(),
        &good.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("bad.ndjson:2:") && err.contains("start") && err.contains("skipped"),
        "{err}"
    );
    let v: Value = serde_json::from_str(&stdout(&out)).expect("JSON of the good file");
    assert!(v["claims"].as_array().is_some_and(|c| !c.is_empty()));
    assert!(!stdout(&out).contains("x.md"));
    // Formats that need the drafts are refused.
    let out = figcheck(&[
        "reconcile",
        "--claims",
        "--format",
        "sarif",
        &good.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format human or json"));
}
