//! Shared test helpers: running the built binary, walking fixtures, snapshotting under
//! `snapshots/` so that the snapshot tree mirrors the fixture tree.
//!
//! A fixture `fixtures/<dir>/<name>` has its snapshots at `snapshots/<dir>/<name>.<kind>.snap`
//! (kind: `extract`, `check`, `check-json`, `reconcile`, ...). Review changes with
//! `cargo insta review` (or `INSTA_UPDATE=always INSTA_FORCE_PASS=1 cargo test` and `git diff
//! snapshots/`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fresh, empty scratch directory `name` for the test file `group`: outside the repository
/// (so no .gitignore or figcheck.toml of ours applies to it), under the system's temporary
/// directory and unique to this test process. Tests never write anywhere else.
pub fn scratch(group: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("figcheck-{group}-{}", std::process::id()))
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// The package root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The built `figcheck` binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_figcheck"))
}

/// Runs `figcheck ARGS` in the package root with colour off; returns the output.
pub fn figcheck(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("run figcheck")
}

/// Every file under `fixtures/<under>`, sorted, as paths relative to the package root.
pub fn fixtures(under: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(&root().join("fixtures").join(under), &mut out);
    out.sort();
    out.into_iter()
        .map(|p| p.strip_prefix(root()).map(Path::to_path_buf).unwrap_or(p))
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.') && n != "README.md" && !n.ends_with(".toml"))
        {
            out.push(p);
        }
    }
}

/// Asserts `content` against `snapshots/<fixture minus "fixtures/">.<kind>.snap`.
pub fn assert_snap(fixture: &Path, kind: &str, content: &str) {
    let rel = fixture.strip_prefix("fixtures").unwrap_or(fixture);
    let dir = root()
        .join("snapshots")
        .join(rel.parent().unwrap_or(Path::new("")));
    let name = format!(
        "{}.{kind}",
        rel.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("unnamed")
    );
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(dir);
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s.set_input_file(root().join(fixture));
    s.set_description(fixture.display().to_string());
    s.bind(|| insta::assert_snapshot!(name, content));
}

/// Runs `figcheck ARGS` in `dir` with colour off; returns the output.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("run figcheck")
}

/// [`run_in`] with `input` on standard input.
pub fn run_stdin_in(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn figcheck");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// Writes `text` to `dir/name`, making its folders.
pub fn put(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, text).unwrap();
}

/// stdout as JSON (the test fails, showing both streams, when it is not).
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\n{}", stdout(o), stderr(o)))
}

/// stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
