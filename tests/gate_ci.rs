//! The CI setups in docs/ci.md (GitHub Actions workflow, GitLab job, pre-commit hooks, the
//! figcheck.toml example) actually work: `.ci/ci_examples.py` runs their figcheck commands
//! against a clean and a broken drafts folder with the built binary. Needs python3 with PyYAML
//! and pre-commit (.ci/run installs them); skipped with a note outside CI when they are missing,
//! a failure in CI.

mod common;
use common::*;

use std::process::Command;

#[test]
fn ci_examples_in_the_docs_work() {
    let ci = std::env::var_os("CI").is_some();
    let out = Command::new("python3")
        .arg(root().join(".ci/ci_examples.py"))
        .arg(bin())
        .current_dir(root())
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) if !ci => {
            eprintln!("note: python3 not found ({e}); CI examples skipped (they run in CI)");
            return;
        }
        Err(e) => panic!("python3 is needed in CI to run the CI examples: {e}"),
    };
    let text = format!("{}{}", stdout(&out), stderr(&out));
    if out.status.code() == Some(3) {
        assert!(!ci, "a tool the CI examples need is missing in CI:\n{text}");
        eprintln!(
            "note: CI examples skipped: {}",
            text.lines().last().unwrap_or("")
        );
        return;
    }
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains(" passed, 0 failed"), "{text}");
}
