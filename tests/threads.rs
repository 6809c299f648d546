//! Many files on every core (issue 15): the output of a run on many threads is byte for byte
//! the output of a run on one (`FIGCHECK_THREADS=1`), in the same order, in every format of
//! every command, with unreadable files among the readable ones.

use std::path::{Path, PathBuf};
use std::process::Command;

fn drafts(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            drafts(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e == "md" || e == "txt" || e == "html")
        {
            out.push(p);
        }
    }
}

/// Stdout, stderr and exit status of `figcheck ARGS` on `threads` threads (`None`: the default).
fn run(threads: Option<&str>, args: &[String]) -> (Vec<u8>, Vec<u8>, Option<i32>) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_figcheck"));
    c.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    match threads {
        Some(n) => c.env("FIGCHECK_THREADS", n),
        None => c.env_remove("FIGCHECK_THREADS"),
    };
    let o = c.output().unwrap();
    (o.stdout, o.stderr, o.status.code())
}

#[test]
fn many_threads_write_what_one_thread_writes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    drafts(&root.join("fixtures"), &mut files);
    assert!(files.len() > 100, "{} fixture files", files.len());
    let mut names: Vec<String> = files
        .iter()
        .map(|p| p.strip_prefix(root).unwrap().display().to_string())
        .collect();
    // Unreadable files among them, first, in the middle and last.
    names.insert(0, "no-such-draft.md".into());
    names.insert(names.len() / 2, "fixtures/no-such-dir".into());
    names.push("also-missing.txt".into());
    let kyiv: Vec<String> = names
        .iter()
        .filter(|n| n.contains("kyiv-pause"))
        .cloned()
        .collect();
    let mut runs: Vec<Vec<String>> = Vec::new();
    for format in ["json", "human"] {
        runs.push(vec!["extract".into(), "--format".into(), format.into()]);
    }
    for format in ["json", "human", "sarif", "github"] {
        runs.push(vec!["check".into(), "--format".into(), format.into()]);
    }
    for args in &mut runs {
        args.extend(["--color".into(), "never".into()]);
        args.extend(names.iter().cloned());
    }
    let mut reconcile: Vec<String> = ["reconcile", "--format", "json"].map(String::from).into();
    reconcile.extend(kyiv.iter().cloned());
    runs.push(reconcile);
    // Reconcile of many sources (every news article, with the unreadable names among them),
    // in the formats that let go of each source's prose once its claims are taken.
    let news: Vec<String> = names
        .iter()
        .filter(|n| n.starts_with("fixtures/news/") || !n.starts_with("fixtures/"))
        .cloned()
        .collect();
    assert!(news.len() > 20, "{} news sources", news.len());
    for format in ["json", "human", "html"] {
        let mut args: Vec<String> = ["reconcile", "--format", format, "--color", "never"]
            .map(String::from)
            .into();
        args.extend(news.iter().cloned());
        runs.push(args);
    }
    // A file named twice: check gathers its findings under the one name.
    let mut twice: Vec<String> = ["check", "--format", "json"].map(String::from).into();
    twice.extend(kyiv.iter().cloned());
    twice.extend(kyiv);
    runs.push(twice);
    for args in &runs {
        let one = run(Some("1"), args);
        assert!(!one.0.is_empty(), "{args:?} wrote nothing");
        if args.len() > 100 {
            assert_eq!(
                one.2,
                Some(2),
                "{args:?}: a missing file gives exit status 2"
            );
        }
        for threads in [Some("4"), None] {
            let many = run(threads, args);
            assert!(
                one == many,
                "{:?} on {threads:?} threads differs from one thread",
                &args[..3]
            );
        }
    }
}
