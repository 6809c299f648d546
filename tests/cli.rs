//! The `figcheck` binary as a user runs it: both output formats of `extract`, the JSON
//! contract, `--date`, standard input, and the exit codes for bad input and bad usage.

mod common;
use common::*;

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const WIRE: &str = "fixtures/kyiv-pause/wire.md";
const EXPLAINER: &str = "fixtures/kyiv-pause/explainer.md";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write scratch file");
    p.to_str().expect("utf-8 temp path").to_string()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", stdout(o)))
}

fn quantities(v: &Value) -> &Vec<Value> {
    v["quantities"]
        .as_array()
        .expect("\"quantities\" is an array")
}

/// Runs `figcheck ARGS` with `input` on standard input.
fn figcheck_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn figcheck");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait figcheck")
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

/// The quantity whose `text` is `text` (the first one).
fn find<'a>(qs: &'a [Value], text: &str) -> &'a Value {
    qs.iter()
        .find(|q| q["text"] == text)
        .unwrap_or_else(|| panic!("no quantity with text {text:?}"))
}

#[test]
fn extract_human_is_a_table_with_positions_of_the_figures() {
    let o = figcheck(&["extract", WIRE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "unexpected stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with(WIRE),
        "table should open with the file name:\n{out}"
    );
    assert!(
        out.contains("2026-01-30"),
        "front matter date missing:\n{out}"
    );

    // The row for "111 drones" carries its line:col, the value and the noun.
    let text = std::fs::read_to_string(root().join(WIRE)).unwrap();
    let at = text.find("111 drones").expect("fixture has 111 drones");
    let (line, col) = line_col(&text, at);
    let row = out
        .lines()
        .find(|l| l.starts_with(&format!("{line}:{col} ")))
        .unwrap_or_else(|| panic!("no row at {line}:{col}:\n{out}"));
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert!(cells.contains(&"111"), "{row}");
    assert!(cells.contains(&"count"), "{row}");
    assert!(cells.contains(&"drones"), "{row}");
}

#[test]
fn extract_json_keeps_the_version_1_contract() {
    for path in [WIRE, EXPLAINER] {
        let o = figcheck(&["extract", "--format", "json", path]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["version"], 1, "{path}");
        let bytes = std::fs::read(root().join(path)).unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        let qs = quantities(&v);
        assert!(qs.len() >= 5, "{path}: too few quantities: {}", qs.len());
        let mut prev_start = 0;
        for q in qs {
            for key in [
                "file",
                "start",
                "end",
                "text",
                "dimension",
                "value",
                "low",
                "high",
                "unit",
                "noun",
            ] {
                assert!(q.get(key).is_some(), "{path}: quantity lacks {key:?}: {q}");
            }
            assert_eq!(q["file"], path);
            let start = q["start"].as_u64().expect("start is an integer") as usize;
            let end = q["end"].as_u64().expect("end is an integer") as usize;
            assert!(start < end && end <= bytes.len(), "{path}: bad span {q}");
            assert!(
                start >= prev_start,
                "{path}: quantities out of order at {q}"
            );
            prev_start = start;
            // Byte offsets, end exclusive: `text` is exactly the file's bytes there.
            assert_eq!(
                q["text"].as_str().unwrap().as_bytes(),
                &bytes[start..end],
                "{path}: {q}"
            );
            assert!(q["dimension"].is_string(), "{q}");
            for k in ["value", "low", "high"] {
                assert!(
                    q[k].is_null() || q[k].is_number(),
                    "{k} must be number|null: {q}"
                );
            }
            for k in ["unit", "noun"] {
                assert!(
                    q[k].is_null() || q[k].is_string(),
                    "{k} must be string|null: {q}"
                );
            }
            if q["dimension"] == "date" {
                assert!(q["date"].is_string() || q["date"].is_null(), "{q}");
            }
            let (line, col) = line_col(&text, start);
            assert_eq!(
                (q["line"].as_u64(), q["column"].as_u64()),
                (Some(line as u64), Some(col as u64)),
                "{q}"
            );
        }
    }
}

#[test]
fn json_offsets_are_bytes_not_characters() {
    // The explainer has "−30 °C": U+2212 is three bytes and '°' two, so character and byte
    // offsets differ for every figure after it.
    let text = std::fs::read_to_string(root().join(EXPLAINER)).unwrap();
    let minus = text.find('\u{2212}').expect("fixture has a Unicode minus");
    let v = json(&figcheck(&["extract", "--format", "json", EXPLAINER]));
    let qs = quantities(&v);
    let after: Vec<&Value> = qs
        .iter()
        .filter(|q| q["start"].as_u64().unwrap() as usize > minus)
        .collect();
    assert!(
        after.len() >= 3,
        "need figures after the first non-ASCII char"
    );
    let t = find(qs, "−22 °F");
    let start = t["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + "−22 °F".len()], "−22 °F");
    assert_eq!(t["end"].as_u64().unwrap() as usize, start + "−22 °F".len());
    assert_eq!(t["value"], -22);
    assert_eq!(t["unit"], "°F");
    assert_eq!(t["dimension"], "temperature");
}

#[test]
fn json_values_intervals_and_nouns() {
    let v = json(&figcheck(&["extract", "--format", "json", WIRE]));
    let qs = quantities(&v);
    let drones = find(qs, "111");
    assert_eq!(drones["value"], 111);
    assert_eq!(drones["noun"], "drones");
    assert_eq!(drones["dimension"], "count");
    let v = json(&figcheck(&[
        "extract",
        "--format",
        "json",
        "fixtures/kyiv-pause/live-blog.md",
    ]));
    let more = find(quantities(&v), "more than 100");
    assert_eq!(more["low"], 100);
    assert!(more["high"].is_null(), "{more}");
    // An open bound states its number; `bound` says the figure is any number above it.
    assert_eq!(more["value"], 100, "{more}");
    assert_eq!(more["bound"], "gt", "{more}");
}

fn date_of(v: &Value, text: &str) -> String {
    find(quantities(v), text)["date"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn date_flag_overrides_front_matter() {
    let front = json(&figcheck(&["extract", "--format", "json", WIRE]));
    assert_eq!(date_of(&front, "February 1"), "2026-02-01");
    assert_eq!(date_of(&front, "Thursday"), "2026-01-29");

    let o = figcheck(&["extract", "--format", "json", "--date", "2025-01-10", WIRE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let over = json(&o);
    assert_eq!(date_of(&over, "February 1"), "2025-02-01");
    assert_ne!(date_of(&over, "Thursday"), "2026-01-29");

    let human = stdout(&figcheck(&["extract", "--date", "2025-01-10", WIRE]));
    assert!(
        human.lines().next().unwrap().contains("2025-01-10"),
        "{human}"
    );
    assert!(
        !human.contains("2026-01-30"),
        "front matter date leaked:\n{human}"
    );
}

#[test]
fn missing_file_is_named_and_other_files_still_processed() {
    let dir = scratch("cli", "missing");
    let missing = dir.join("no-such-draft.md");
    let missing = missing.to_str().unwrap();
    let o = figcheck(&["extract", missing, WIRE]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(missing), "stderr should name the file: {err}");
    assert!(
        err.to_lowercase().contains("no such file"),
        "reason missing: {err}"
    );
    assert_eq!(err.lines().count(), 1, "one line per bad file: {err}");
    assert!(
        stdout(&o).contains(WIRE),
        "good file not processed:\n{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("111"),
        "good file not processed:\n{}",
        stdout(&o)
    );
}

#[test]
fn non_utf8_file_is_named_and_other_files_still_processed() {
    let dir = scratch("cli", "latin1");
    let bad = write(
        &dir,
        "latin1.txt",
        b"Temperatures fell to 20 \xb0C on Friday.\n",
    );
    let o = figcheck(&["extract", WIRE, &bad]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&bad), "stderr should name the file: {err}");
    assert!(err.contains("UTF-8"), "reason missing: {err}");
    assert!(
        stdout(&o).contains("111"),
        "good file not processed:\n{}",
        stdout(&o)
    );
}

#[test]
fn binary_file_is_named_and_other_files_still_processed() {
    let dir = scratch("cli", "binary");
    let bad = write(
        &dir,
        "image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR 12 drones",
    );
    let o = figcheck(&["extract", &bad, EXPLAINER]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(&bad), "stderr should name the file: {err}");
    assert!(
        err.to_lowercase().contains("binary"),
        "reason missing: {err}"
    );
    assert!(
        stdout(&o).contains("−22 °F"),
        "good file not processed:\n{}",
        stdout(&o)
    );
}

#[test]
fn json_output_stays_valid_with_bad_files_among_good_ones() {
    let dir = scratch("cli", "mixed");
    let bin_file = write(&dir, "a.bin", b"a\0b");
    let latin = write(&dir, "b.txt", b"caf\xe9 3 cups");
    let gone = dir.join("gone.txt").to_str().unwrap().to_string();
    let o = figcheck(&[
        "extract", "--format", "json", &bin_file, WIRE, &latin, &gone,
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for f in [&bin_file, &latin, &gone] {
        assert!(err.contains(f.as_str()), "{f} not named: {err}");
    }
    let v = json(&o);
    let qs = quantities(&v);
    assert!(!qs.is_empty());
    assert!(
        qs.iter().all(|q| q["file"] == WIRE),
        "only the good file has quantities"
    );
}

#[test]
fn input_files_are_never_written() {
    let dir = scratch("cli", "untouched");
    let original = std::fs::read(root().join(WIRE)).unwrap();
    let copy = write(&dir, "draft.md", &original);
    let o = figcheck(&["extract", "--format", "json", &copy]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(&copy).unwrap(), original);
}

#[test]
fn usage_errors_exit_2() {
    let cases: &[&[&str]] = &[
        &["extract", "--bogus", WIRE],
        &["extract", "--date", "2026-13-45", WIRE],
        &["extract", "--date", "yesterday", WIRE],
        &["extract", "--format", "xml", WIRE],
        &["extract"],
        &["no-such-command", WIRE],
    ];
    for args in cases {
        let o = figcheck(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).is_empty(), "{args:?}: no message");
        assert!(stdout(&o).is_empty(), "{args:?}: printed {}", stdout(&o));
    }
    let o = figcheck(&["extract", "--date", "2026-13-45", WIRE]);
    assert!(
        stderr(&o).contains("2026-13-45"),
        "bad date not named: {}",
        stderr(&o)
    );
}

#[test]
fn dash_reads_stdin_named_by_stdin_filename() {
    let bytes = std::fs::read(root().join(WIRE)).unwrap();
    let o = figcheck_stdin(
        &[
            "extract",
            "--format",
            "json",
            "--stdin-filename",
            "draft.md",
            "-",
        ],
        &bytes,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let from_stdin = json(&o);
    let from_file = json(&figcheck(&["extract", "--format", "json", WIRE]));
    let (a, b) = (quantities(&from_stdin), quantities(&from_file));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x["file"], "draft.md");
        let mut x = x.clone();
        x["file"] = y["file"].clone();
        // Same Markdown treatment (front matter date, link targets skipped) as the file.
        assert_eq!(&x, y);
    }
}

#[test]
fn stdin_errors_name_the_stdin_filename() {
    let o = figcheck_stdin(
        &["extract", "--stdin-filename", "pasted.txt", "-", WIRE],
        b"x\0y",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("pasted.txt"), "{}", stderr(&o));
    assert!(stdout(&o).contains("111"), "good file not processed");
}

#[test]
fn json_contract_snapshot() {
    let o = figcheck(&["extract", "--format", "json", WIRE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_snap(Path::new(WIRE), "extract-json", &stdout(&o));
}
