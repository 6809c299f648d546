//! The facts ledger as a newsroom uses it: snapshot a draft, edit a figure, `snapshot --check`
//! fails showing the changed figure, snapshot again, `--check` passes; and `figcheck diff`
//! between two versions of a draft.

mod common;
use common::*;

use std::path::Path;
use std::process::{Command, Output};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run figcheck")
}

const DRAFT: &str = "fixtures/gate/drafts/good.md";

#[test]
fn ledger_round_trip() {
    let dir = scratch("ledger", "round-trip");
    std::fs::copy(root().join(DRAFT), dir.join("good.md")).unwrap();
    let original = std::fs::read(dir.join("good.md")).unwrap();

    // Write: the ledger appears beside the draft, the draft is untouched.
    let o = run_in(&dir, &["snapshot", "good.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("created good.md.facts"),
        "{}",
        stdout(&o)
    );
    let ledger = std::fs::read_to_string(dir.join("good.md.facts")).unwrap();
    assert_eq!(std::fs::read(dir.join("good.md")).unwrap(), original);
    assert!(
        ledger.starts_with("# figcheck facts v2: good.md\n"),
        "{ledger}"
    );
    assert_snap(Path::new(DRAFT), "facts", &ledger);

    // Fresh: --check passes; a second snapshot leaves the file alone.
    assert_eq!(
        run_in(&dir, &["snapshot", "--check", "good.md"])
            .status
            .code(),
        Some(0)
    );
    let before = std::fs::metadata(dir.join("good.md.facts"))
        .unwrap()
        .modified()
        .unwrap();
    let o = run_in(&dir, &["snapshot", "good.md"]);
    assert!(
        stdout(&o).starts_with("unchanged good.md.facts"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        std::fs::metadata(dir.join("good.md.facts"))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );

    // Edit a figure: --check fails with a unified diff showing the old and new figure.
    let text = String::from_utf8(original.clone()).unwrap();
    let (old_fig, new_fig) = ("52", "53");
    assert_eq!(
        text.matches(old_fig).count(),
        1,
        "the figure to edit is unique"
    );
    let edited = text.replace(old_fig, new_fig);
    std::fs::write(dir.join("good.md"), &edited).unwrap();
    let o = run_in(&dir, &["snapshot", "--check", "good.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("good.md.facts: stale"), "{out}");
    // The change reads as `figcheck diff` shows it: where, what was counted, old → new.
    let changed = out
        .lines()
        .find(|l| l.starts_with("changed"))
        .unwrap_or_else(|| panic!("no changed figure:\n{out}"));
    assert!(
        changed.ends_with(&format!(": {old_fig} → {new_fig}")),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with(&format!("- «{old_fig}"))),
        "{out}"
    );
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with(&format!("+ «{new_fig}"))),
        "{out}"
    );
    assert!(out.contains("1 changed, 0 added, 0 removed"), "{out}");
    // --check wrote nothing.
    assert_eq!(
        std::fs::read_to_string(dir.join("good.md.facts")).unwrap(),
        ledger
    );

    // Rewrite: updated, and --check passes again.
    let o = run_in(&dir, &["snapshot", "good.md"]);
    assert!(
        stdout(&o).starts_with("updated good.md.facts"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        run_in(&dir, &["snapshot", "--check", "good.md"])
            .status
            .code(),
        Some(0)
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A missing ledger is stale too.
    std::fs::remove_file(dir.join("good.md.facts")).unwrap();
    let o = run_in(&dir, &["snapshot", "--check", "good.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("missing"), "{}", stdout(&o));
}

#[test]
fn snapshot_dir_from_config_and_never_over_a_foreign_file() {
    let dir = scratch("ledger", "config-dir");
    std::fs::create_dir_all(dir.join("drafts")).unwrap();
    std::fs::copy(root().join(DRAFT), dir.join("drafts/a.md")).unwrap();
    std::fs::write(dir.join("figcheck.toml"), "[snapshot]\ndir = \"facts\"\n").unwrap();
    let o = run_in(&dir, &["snapshot", "drafts"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        dir.join("facts/drafts/a.md.facts").is_file(),
        "{}",
        stdout(&o)
    );
    assert!(!dir.join("drafts/a.md.facts").exists());
    // A file in the ledger's place that is not a ledger is left alone, with an error.
    std::fs::write(dir.join("facts/drafts/a.md.facts"), "my notes\n").unwrap();
    let o = run_in(&dir, &["snapshot", "drafts"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a figcheck ledger"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("facts/drafts/a.md.facts")).unwrap(),
        "my notes\n"
    );
}

#[test]
fn diff_lists_changed_added_removed_by_context() {
    let dir = root().join("fixtures/gate/versions");
    let o = run_in(&dir, &["diff", "v1.md", "v2.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert_snap(Path::new("fixtures/gate/versions/v2.md"), "diff", &out);
    let changed: Vec<_> = out.lines().filter(|l| l.starts_with("changed")).collect();
    assert_eq!(changed.len(), 1, "{out}");
    assert!(changed[0].contains("111 → 112"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("added") && l.contains("25")),
        "{out}"
    );
    assert!(out.lines().any(|l| l.starts_with("removed")), "{out}");
    assert!(
        !out.lines()
            .any(|l| l.contains("80") && (l.starts_with("added") || l.starts_with("removed"))),
        "{out}"
    );
    // JSON, and no differences between a draft and itself.
    let o = run_in(&dir, &["diff", "--format", "json", "v1.md", "v2.md"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["change"] == "changed")
    );
    let o = run_in(&dir, &["diff", "v1.md", "v1.md"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        run_in(&dir, &["diff", "v1.md", "nope.md"]).status.code(),
        Some(2)
    );
}
