//! The output formats of `check` through one report (issues 14 and 15): every format writes each
//! document's findings as that document is done, not after the last (a draft's findings reach
//! the reader while the next input is still open); the statistics count per rule; and the JSON
//! summary counts what the baseline accepted, as the human summary does. Every draft here is
//! written into a scratch directory by the test itself.

mod common;
use common::*;

use serde_json::Value;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A water-main story whose every section gives a wrong conversion (N km is not 2N miles):
/// `sections` paragraphs, so that the findings of one draft outgrow any output buffer.
fn water_main(sections: usize) -> String {
    let mut s = String::from("# Water main replacement\n\n");
    for k in 0..sections {
        let km = 11 + k % 47;
        s.push_str(&format!(
            "Stretch {k} of the replacement water main runs {km} km ({} miles) beneath the \
             orchards, the utility said.\n\n",
            2 * km
        ));
    }
    s
}

/// A tide-gauge story with one wrong conversion (12 m is 39 ft, not 52).
const TIDE: &str = "The harbour's tide gauge recorded a surge of 12 m (52 ft) on Tuesday, the \
                    coastguard said.\n";

/// Runs `check --format FORMAT big.md -` with standard input held open: returns how many bytes
/// of output arrived before standard input was closed (within a generous time), then closes it
/// and returns the whole output and the status.
fn before_stdin_closes(dir: &Path, format: &str) -> (usize, Vec<u8>, Option<i32>) {
    let mut child = Command::new(bin())
        .args(["check", "--format", format, "big.md", "-"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("FIGCHECK_THREADS", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run figcheck");
    let stdin = child.stdin.take().unwrap();
    let mut out = child.stdout.take().unwrap();
    // Read on another thread, so that the wait below can give up.
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        loop {
            match out.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.send(buf[..n].to_vec()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    let mut got = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while got.is_empty() && Instant::now() < deadline {
        if let Ok(b) = rx.recv_timeout(Duration::from_millis(200)) {
            got.extend(b);
        }
    }
    // Whatever else is already there.
    std::thread::sleep(Duration::from_millis(200));
    while let Ok(b) = rx.try_recv() {
        got.extend(b);
    }
    let early = got.len();
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    while let Ok(b) = rx.try_recv() {
        got.extend(b);
    }
    (early, got, status.code())
}

#[test]
fn every_format_writes_a_draft_before_the_next_is_read() {
    let dir = scratch("report", "streaming");
    let big = water_main(2500);
    put(&dir, "big.md", &big);
    let whole = run_in(&dir, &["check", "--format", "concise", "big.md"]);
    let lines = stdout(&whole).lines().count();
    assert!(
        lines >= 1000 && stdout(&whole).len() > 1 << 17,
        "the draft has {lines} findings, {} bytes: too few to outgrow the output buffer",
        stdout(&whole).len()
    );
    for format in ["concise", "sarif", "json", "human", "github"] {
        let (early, all, status) = before_stdin_closes(&dir, format);
        assert_eq!(status, Some(1), "{format}");
        assert!(
            early > 0,
            "--format {format}: nothing was written before standard input was closed"
        );
        assert!(early <= all.len());
        if format == "sarif" || format == "json" {
            let v: Value =
                serde_json::from_slice(&all).unwrap_or_else(|e| panic!("{format}: not JSON ({e})"));
            let n = if format == "sarif" {
                v["runs"][0]["results"].as_array().unwrap().len()
            } else {
                v["findings"].as_array().unwrap().len()
            };
            assert_eq!(n, lines, "{format}");
        }
    }
}

#[test]
fn sarif_streamed_names_the_unreadable_files_at_its_end() {
    let dir = scratch("report", "sarif-errors");
    put(&dir, "tide.md", TIDE);
    let o = run_in(&dir, &["check", "--format", "sarif", "tide.md", "gone.md"]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    let run = &v["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(run["results"][0]["ruleId"], "conversion");
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1, "{v}");
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("gone.md: "),
        "{v}"
    );
    // The rules come with the tool, after the results.
    assert!(
        !run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn statistics_count_every_document_streamed() {
    let dir = scratch("report", "statistics");
    put(&dir, "big.md", &water_main(60));
    put(&dir, "tide.md", TIDE);
    let all = json(&run_in(
        &dir,
        &["check", "--format", "json", "big.md", "tide.md"],
    ));
    let conversions = all["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "conversion")
        .count();
    assert!(conversions >= 61, "{conversions}");
    for threads in ["1", "2"] {
        let o = Command::new(bin())
            .args([
                "check",
                "--statistics",
                "--format",
                "json",
                "big.md",
                "tide.md",
            ])
            .current_dir(&dir)
            .env("FIGCHECK_THREADS", threads)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let s = json(&o);
        let row = s["statistics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == "conversion")
            .cloned()
            .unwrap_or_else(|| panic!("{s}"));
        assert_eq!(row["count"], conversions, "{s}");
    }
}

#[test]
fn the_json_summary_counts_what_the_baseline_accepted() {
    let dir = scratch("report", "baseline");
    put(&dir, "big.md", &water_main(5));
    put(&dir, "tide.md", TIDE);
    let before = json(&run_in(
        &dir,
        &["check", "--format", "json", "big.md", "tide.md"],
    ));
    let n = before["findings"].as_array().unwrap().len();
    assert!(n >= 6, "{before}");
    // Without a baseline there is no summary: the contract's document is as it was.
    assert!(before.get("summary").is_none(), "{before}");
    let b = run_in(&dir, &["baseline", "big.md", "tide.md"]);
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    std::fs::write(dir.join("b.json"), &b.stdout).unwrap();
    let j = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "b.json",
            "big.md",
            "tide.md",
        ],
    );
    assert_eq!(j.status.code(), Some(0), "{}", stderr(&j));
    let j = json(&j);
    assert_eq!(j["findings"].as_array().unwrap().len(), 0, "{j}");
    assert_eq!(j["summary"]["baselined"], n, "{j}");
    assert_eq!(j["summary"]["baseline_stale"], 0, "{j}");
    let h = run_in(
        &dir,
        &["check", "--baseline", "b.json", "big.md", "tide.md"],
    );
    assert!(
        stdout(&h).contains(&format!("; {n} accepted by the baseline")),
        "{}",
        stdout(&h)
    );
    // Fix the tide figure: its entry matches nothing; both summaries say so.
    put(&dir, "tide.md", &TIDE.replace("(52 ft)", "(39 ft)"));
    let j = json(&run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "b.json",
            "big.md",
            "tide.md",
        ],
    ));
    assert_eq!(j["summary"]["baselined"], n - 1, "{j}");
    assert_eq!(j["summary"]["baseline_stale"], 1, "{j}");
    let h = run_in(
        &dir,
        &["check", "--baseline", "b.json", "big.md", "tide.md"],
    );
    assert!(
        stdout(&h).contains(&format!(
            "; {} accepted by the baseline, 1 of its entries no longer match",
            n - 1
        )),
        "{}",
        stdout(&h)
    );
}
