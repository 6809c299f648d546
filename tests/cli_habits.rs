//! The command line as users of ruff, typos and Vale expect it (issue 14): `--format concise`,
//! `-q`, `--statistics`, one error for a `--format` that does not apply, line and column on
//! related figures, shell completions and the man page, colour and `CLICOLOR_FORCE`,
//! `--force-exclude`, baselines whatever the path spelling, and `--date` naming an impossible
//! day. Every draft here is written into a scratch directory by the test itself.

mod common;
use common::*;

use std::path::Path;
use std::process::{Command, Output};

/// A ferry timetable story with one wrong conversion (42 km is 26.1 miles, not 19).
const FERRY: &str = "---\ndate: 2026-03-04\n---\n# Ferry timetable changes\n\nThe new ferry \
                     crossing is 42 km (19 miles) long, the port authority said.\n";

/// A glacier story with two wrong conversions and one right one.
const GLACIER: &str = "The glacier has retreated 3 km (5 miles) since 1990.\n\nIts tongue is \
                       now 800 m (400 ft) thick at the snout.\n\nThe valley floor sits 2,000 m \
                       (6,562 ft) above the sea.\n";

/// Runs with `CLICOLOR_FORCE` set (and `NO_COLOR` unset or set), output to a pipe.
fn run_forced(dir: &Path, args: &[&str], no_color: bool) -> Output {
    let mut c = Command::new(bin());
    c.args(args)
        .current_dir(dir)
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR");
    if no_color {
        c.env("NO_COLOR", "1");
    }
    c.output().expect("run figcheck")
}

/// 1-based line and column (characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

#[test]
fn concise_is_one_line_per_finding_at_the_json_position() {
    let dir = scratch("habits", "concise");
    put(&dir, "glacier.md", GLACIER);
    let j = json(&run_in(&dir, &["check", "--format", "json", "glacier.md"]));
    let findings = j["findings"].as_array().unwrap();
    assert!(findings.len() >= 2, "{j}");
    let o = run_in(&dir, &["check", "--format", "concise", "glacier.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{out}");
    for (line, f) in lines.iter().zip(findings) {
        let (l, c) = line_col(GLACIER, f["start"].as_u64().unwrap() as usize);
        let want = format!(
            "glacier.md:{l}:{c}: {}[{}] {}",
            f["severity"].as_str().unwrap(),
            f["code"].as_str().unwrap(),
            f["message"].as_str().unwrap()
        );
        assert_eq!(*line, want);
    }
    // Reconcile too: the conflict is on the figure of the first source.
    put(
        &dir,
        "a.md",
        "The harbour ferry carried 212 passengers on its first Monday run, the operator said.\n",
    );
    put(
        &dir,
        "b.md",
        "The harbour ferry carried 250 passengers on its first Monday run.\n",
    );
    let o = run_in(&dir, &["reconcile", "--format", "concise", "a.md", "b.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("a.md:1:27: warning[reconcile-conflict] "),
        "{}",
        stdout(&o)
    );
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
}

#[test]
fn related_figures_carry_line_and_column() {
    let dir = scratch("habits", "related");
    put(&dir, "ferry.md", FERRY);
    let j = json(&run_in(&dir, &["check", "--format", "json", "ferry.md"]));
    let related = j["findings"][0]["related"].as_array().unwrap();
    assert!(!related.is_empty(), "{j}");
    for r in related {
        let (l, c) = line_col(FERRY, r["start"].as_u64().unwrap() as usize);
        assert_eq!(
            (r["line"].as_u64(), r["column"].as_u64()),
            (Some(l as u64), Some(c as u64))
        );
    }
    // Across files in reconcile: the related figure's line and column are in its own file.
    put(
        &dir,
        "a.md",
        "Intro.\n\nThe quarry fined 31 lorry drivers in June.\n",
    );
    put(&dir, "b.md", "The quarry fined 44 lorry drivers in June.\n");
    let j = json(&run_in(
        &dir,
        &["reconcile", "--format", "json", "a.md", "b.md"],
    ));
    let f = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "reconcile-conflict")
        .unwrap_or_else(|| panic!("no conflict: {j}"));
    let r = &f["related"][0];
    assert_eq!(r["file"], "b.md");
    assert_eq!(
        (r["line"].as_u64(), r["column"].as_u64()),
        (Some(1), Some(18)),
        "{j}"
    );
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(3), Some(18)),
        "{j}"
    );
}

#[test]
fn quiet_leaves_only_the_findings() {
    let dir = scratch("habits", "quiet");
    put(&dir, "ferry.md", FERRY);
    // Front matter never closed: a warning on stderr, which -q leaves out.
    put(
        &dir,
        "open.md",
        "---\ndate: 2026-03-04\n\nThe pier is 90 m (295 ft) long.\n",
    );
    let loud = run_in(&dir, &["check", "ferry.md", "open.md"]);
    let quiet = run_in(&dir, &["check", "-q", "ferry.md", "open.md"]);
    assert_eq!(loud.status.code(), quiet.status.code());
    assert!(
        stdout(&loud).contains("2 files: 1 error"),
        "{}",
        stdout(&loud)
    );
    assert!(stderr(&loud).contains("never closed"), "{}", stderr(&loud));
    assert!(
        stdout(&quiet).contains("error[conversion]"),
        "{}",
        stdout(&quiet)
    );
    assert!(!stdout(&quiet).contains("2 files"), "{}", stdout(&quiet));
    assert!(stderr(&quiet).is_empty(), "{}", stderr(&quiet));
    // Errors still reach stderr under -q.
    let o = run_in(&dir, &["check", "--quiet", "ferry.md", "gone.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("gone.md"), "{}", stderr(&o));
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = scratch("habits", "statistics");
    put(&dir, "glacier.md", GLACIER);
    put(&dir, "ferry.md", FERRY);
    let j = json(&run_in(
        &dir,
        &["check", "--format", "json", "glacier.md", "ferry.md"],
    ));
    let conversions = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "conversion")
        .count();
    assert!(conversions >= 3, "{j}");
    let o = run_in(&dir, &["check", "--statistics", "glacier.md", "ferry.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.lines().any(|l| l
            .split_whitespace()
            .take(2)
            .eq([conversions.to_string().as_str(), "conversion"])),
        "{out}"
    );
    assert!(
        !out.contains("-->"),
        "statistics replace the findings:\n{out}"
    );
    let s = json(&run_in(
        &dir,
        &[
            "check",
            "--statistics",
            "--format",
            "json",
            "glacier.md",
            "ferry.md",
        ],
    ));
    let row = s["statistics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "conversion")
        .unwrap();
    assert_eq!(row["count"].as_u64(), Some(conversions as u64));
}

#[test]
fn a_format_that_does_not_apply_is_one_error() {
    let dir = scratch("habits", "format");
    put(&dir, "ferry.md", FERRY);
    let cases: &[(&[&str], &str)] = &[
        (
            &["extract", "--format", "sarif", "ferry.md"],
            "error: --format sarif does not apply to `figcheck extract`; it takes human or json\n",
        ),
        (
            &["diff", "--format", "concise", "ferry.md", "ferry.md"],
            "error: --format concise does not apply to `figcheck diff`; it takes human or json\n",
        ),
        (
            &["snapshot", "--format", "json", "ferry.md"],
            "error: --format does not apply to `figcheck snapshot`\n",
        ),
        (
            &["baseline", "--format", "human", "ferry.md"],
            "error: --format does not apply to `figcheck baseline`\n",
        ),
        (
            &["check", "--statistics", "--format", "sarif", "ferry.md"],
            "error: --statistics prints counts: it takes --format human, concise or json, not sarif\n",
        ),
    ];
    for (args, want) in cases {
        let o = run_in(&dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(stderr(&o), *want, "{args:?}");
        assert!(stdout(&o).is_empty(), "{args:?}");
    }
    // Nothing was written by the refused snapshot.
    assert!(!dir.join("ferry.md.facts").exists());
    // Where it applies, every format of check is accepted.
    for f in ["human", "json", "sarif", "github", "concise"] {
        assert_eq!(
            run_in(&dir, &["check", "--format", f, "ferry.md"])
                .status
                .code(),
            Some(1),
            "{f}"
        );
    }
}

#[test]
fn completions_and_man_page_are_generated_from_the_definition() {
    let dir = scratch("habits", "completions");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run_in(&dir, &["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let out = stdout(&o);
        for word in ["figcheck", "reconcile", "force-exclude", "statistics"] {
            assert!(out.contains(word), "{shell} completion lacks {word}");
        }
        // The shells whose scripts list values complete `--format concise`.
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(out.contains("concise"), "{shell} completion lacks concise");
        }
    }
    // The bash script is valid bash.
    let o = run_in(&dir, &["completions", "bash"]);
    let script = dir.join("figcheck.bash");
    std::fs::write(&script, &o.stdout).unwrap();
    match Command::new("bash").arg("-n").arg(&script).output() {
        Ok(b) => assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr)),
        Err(e) => assert!(
            std::env::var_os("CI").is_none(),
            "bash is needed in CI: {e}"
        ),
    }
    let o = run_in(&dir, &["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));

    let o = run_in(&dir, &["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(
        page.starts_with(".ie") || page.contains(".TH figcheck"),
        "{page}"
    );
    assert!(page.contains(".TH figcheck 1"), "{page}");
    for sub in [
        "FIGCHECK CHECK",
        "FIGCHECK RECONCILE",
        "FIGCHECK DIFF",
        "FIGCHECK COMPLETIONS",
    ] {
        assert!(page.contains(&format!(".SH \"{sub}\"")), "no section {sub}");
    }
    assert!(page.contains("\\-\\-force\\-exclude"), "{page}");
    assert!(page.contains("\\-\\-statistics"), "{page}");
    // Roff that man(1) renders without complaint, where man is installed.
    if let Ok(m) = Command::new("man")
        .args(["--warnings", "-l", "-"])
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        let mut m = m;
        use std::io::Write;
        m.stdin.take().unwrap().write_all(page.as_bytes()).unwrap();
        let out = m.wait_with_output().unwrap();
        if out.status.success() {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("force-exclude"), "{text}");
        }
    }
}

#[test]
fn clicolor_force_colours_pipes_and_no_color_is_honoured() {
    let dir = scratch("habits", "colour");
    put(&dir, "old.md", "The museum drew 4,100 visitors in May.\n");
    put(&dir, "new.md", "The museum drew 4,700 visitors in May.\n");
    put(&dir, "ferry.md", FERRY);
    const ESC: &str = "\x1b[";
    // diff: coloured when forced, plain otherwise.
    let forced = run_forced(&dir, &["diff", "old.md", "new.md"], false);
    assert_eq!(forced.status.code(), Some(1));
    assert!(stdout(&forced).contains(ESC), "{}", stdout(&forced));
    let plain = run_in(&dir, &["diff", "old.md", "new.md"]);
    assert!(!stdout(&plain).contains(ESC));
    // The same text once the escapes are removed.
    let stripped = strip_ansi(&stdout(&forced));
    assert_eq!(stripped, stdout(&plain));
    // CLICOLOR_FORCE wins over NO_COLOR; --color never wins over both.
    assert!(stdout(&run_forced(&dir, &["diff", "old.md", "new.md"], true)).contains(ESC));
    assert!(
        !stdout(&run_forced(
            &dir,
            &["diff", "--color", "never", "old.md", "new.md"],
            false
        ))
        .contains(ESC)
    );
    // check is coloured the same way.
    assert!(stdout(&run_forced(&dir, &["check", "ferry.md"], false)).contains(ESC));
    assert!(!stdout(&run_in(&dir, &["check", "ferry.md"])).contains(ESC));
    // snapshot --check: the stale ledger's change in colour.
    std::fs::copy(dir.join("old.md"), dir.join("museum.md")).unwrap();
    assert_eq!(
        run_in(&dir, &["snapshot", "museum.md"]).status.code(),
        Some(0)
    );
    std::fs::copy(dir.join("new.md"), dir.join("museum.md")).unwrap();
    let forced = run_forced(&dir, &["snapshot", "--check", "museum.md"], false);
    assert_eq!(forced.status.code(), Some(1));
    assert!(stdout(&forced).contains(ESC), "{}", stdout(&forced));
    let plain = run_in(&dir, &["snapshot", "--check", "museum.md"]);
    assert!(!stdout(&plain).contains(ESC));
    assert_eq!(strip_ansi(&stdout(&forced)), stdout(&plain));
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(k) = rest.find("\x1b[") {
        out.push_str(&rest[..k]);
        let after = &rest[k + 2..];
        let end = after.find('m').map_or(after.len(), |e| e + 1);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn force_exclude_applies_exclude_to_named_files() {
    let dir = scratch("habits", "force-exclude");
    put(&dir, "figcheck.toml", "exclude = [\"archive/**\"]\n");
    put(&dir, "archive/old-ferry.md", FERRY);
    put(&dir, "desk/ferry.md", FERRY);
    // Named on the command line, an excluded file is checked unless --force-exclude.
    let o = run_in(&dir, &["check", "archive/old-ferry.md", "desk/ferry.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("archive/old-ferry.md"),
        "{}",
        stdout(&o)
    );
    let o = run_in(
        &dir,
        &[
            "check",
            "--force-exclude",
            "--format",
            "json",
            "archive/old-ferry.md",
            "desk/ferry.md",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let files: Vec<String> = json(&o)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files, vec!["desk/ferry.md".to_string()]);
    // From a subfolder, the globs are still relative to figcheck.toml.
    let o = run_in(
        &dir.join("archive"),
        &["check", "--force-exclude", "old-ferry.md"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("0 files"), "{}", stdout(&o));
    // The snapshot hook's command too.
    let o = run_in(
        &dir,
        &["snapshot", "--force-exclude", "archive/old-ferry.md"],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(!dir.join("archive/old-ferry.md.facts").exists());
    // The shipped hooks pass it.
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let entries: Vec<&str> = hooks
        .lines()
        .filter(|l| l.trim_start().starts_with("entry:"))
        .collect();
    assert!(!entries.is_empty());
    for e in entries {
        assert!(e.contains("--force-exclude"), "{e}");
    }
}

#[test]
fn docs_name_a_rev_that_exists() {
    let ci = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    let rev = ci
        .lines()
        .find_map(|l| l.trim().strip_prefix("rev: "))
        .expect("docs/ci.md names a rev");
    let rev = rev.split_whitespace().next().unwrap();
    let tags = Command::new("git")
        .args(["tag", "--list", rev])
        .current_dir(root())
        .output();
    match tags {
        // A tag that exists, or the placeholder for a commit with the advice to pin one.
        Ok(t) if t.status.success() && !String::from_utf8_lossy(&t.stdout).trim().is_empty() => {}
        _ => {
            assert_eq!(rev, "COMMIT-ID", "{rev} is no tag of this repository");
            assert!(
                ci.contains("pin the full commit id"),
                "docs/ci.md says to pin a commit"
            );
        }
    }
}

#[test]
fn impossible_dates_say_the_day_does_not_exist() {
    let dir = scratch("habits", "date");
    put(&dir, "ferry.md", FERRY);
    let o = run_in(&dir, &["check", "--date", "2026-02-30", "ferry.md"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("the day does not exist: February 2026 has 28 days, not 30"),
        "{e}"
    );
    assert!(!e.contains("in the form"), "{e}");
    let o = run_in(&dir, &["extract", "--date", "2026-13-02", "ferry.md"]);
    assert!(
        stderr(&o).contains("there is no month 13"),
        "{}",
        stderr(&o)
    );
    let o = run_in(&dir, &["check", "--date", "4 March", "ferry.md"]);
    assert!(
        stderr(&o).contains("not a date in the form YYYY-MM-DD"),
        "{}",
        stderr(&o)
    );
    // A leap day is a day.
    assert_eq!(
        run_in(&dir, &["check", "--date", "2028-02-29", "ferry.md"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn baselines_match_whatever_the_path_spelling() {
    let dir = scratch("habits", "baseline");
    put(&dir, "drafts/ferry.md", FERRY);
    put(&dir, "drafts/glacier.md", GLACIER);
    let o = run_in(&dir, &["baseline", "drafts/ferry.md", "drafts/glacier.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(dir.join("b.json"), &o.stdout).unwrap();
    let b = dir.join("b.json");
    let b = b.to_str().unwrap();
    let abs = dir.join("drafts/ferry.md");
    let spellings: Vec<(std::path::PathBuf, String)> = vec![
        (dir.clone(), "drafts/ferry.md".into()),
        (dir.clone(), "./drafts/ferry.md".into()),
        (dir.clone(), abs.to_str().unwrap().into()),
        (dir.join("drafts"), "ferry.md".into()),
        (dir.join("drafts"), "../drafts/ferry.md".into()),
    ];
    for (cwd, name) in &spellings {
        let o = run_in(cwd, &["check", "--baseline", b, name]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name} from {}: {}",
            cwd.display(),
            stdout(&o)
        );
        assert!(
            stdout(&o)
                .contains("1 file: 0 errors, 0 warnings, 0 notes; 1 accepted by the baseline"),
            "{name}: {}",
            stdout(&o)
        );
        assert!(stderr(&o).is_empty(), "{name}: {}", stderr(&o));
    }
    // Fix the ferry's figure: its entry matches nothing, and says so; the glacier's entries,
    // for a file not checked, are not reported.
    put(
        &dir,
        "drafts/ferry.md",
        &FERRY.replace("(19 miles)", "(26 miles)"),
    );
    let o = run_in(&dir.join("drafts"), &["check", "--baseline", b, "ferry.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let e = stderr(&o);
    assert!(
        e.contains("entry no longer matches a finding: drafts/ferry.md [conversion]"),
        "{e}"
    );
    assert!(!e.contains("glacier"), "{e}");
    assert!(
        stdout(&o).contains("0 accepted by the baseline, 1 of its entries no longer match"),
        "{}",
        stdout(&o)
    );
    // A new finding is still new.
    put(
        &dir,
        "drafts/ferry.md",
        &format!("{}\nThe old route was 30 km (11 miles).\n", FERRY),
    );
    let o = run_in(
        &dir,
        &[
            "check",
            "--baseline",
            b,
            "--format",
            "json",
            "drafts/ferry.md",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let j = json(&o);
    assert_eq!(j["findings"].as_array().unwrap().len(), 1, "{j}");
}

/// A road-works story; the inline code is no prose in Markdown (it would be a figure in text).
const ROADWORKS: &str = "# Ring road works\n\nCrews will resurface 14 km of the ring road by \
                         June.\n\nThe sign reads `7 lanes closed` for now.\n";

#[test]
fn the_ledger_is_stable_under_unrelated_edits() {
    let dir = scratch("habits", "ledger");
    put(&dir, "roadworks.md", ROADWORKS);
    assert_eq!(
        run_in(&dir, &["snapshot", "roadworks.md"]).status.code(),
        Some(0)
    );
    let ledger = std::fs::read_to_string(dir.join("roadworks.md.facts")).unwrap();
    assert!(ledger.contains("«14 km»"), "{ledger}");
    // A paragraph inserted above every figure, and a blank line: nothing changed.
    let moved = ROADWORKS.replace(
        "# Ring road works\n\n",
        "# Ring road works\n\nDrivers should expect delays.\n\n\n",
    );
    put(&dir, "roadworks.md", &moved);
    let o = run_in(&dir, &["snapshot", "--check", "roadworks.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    // A changed figure is shown as the change, where it is now, old → new.
    put(&dir, "roadworks.md", &moved.replace("14 km", "16 km"));
    let o = run_in(&dir, &["snapshot", "--check", "roadworks.md"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("changed  6:22 length: 14 km → 16 km"), "{out}");
    assert!(out.contains("1 changed, 0 added, 0 removed"), "{out}");
    // A version 1 ledger (positions on each line) is stale and says so.
    let v1: String = ledger
        .replacen("facts v2", "facts v1", 1)
        .lines()
        .enumerate()
        .map(|(k, l)| {
            if k < 2 {
                format!("{l}\n")
            } else {
                format!("5:22 {l}\n")
            }
        })
        .collect();
    std::fs::write(dir.join("roadworks.md.facts"), v1).unwrap();
    put(&dir, "roadworks.md", &moved);
    let o = run_in(&dir, &["snapshot", "--check", "roadworks.md"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("recorded by an older figcheck"),
        "{}",
        stdout(&o)
    );
    // `snapshot` rewrites it (it is a ledger), and --check passes.
    assert_eq!(
        run_in(&dir, &["snapshot", "roadworks.md"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run_in(&dir, &["snapshot", "--check", "roadworks.md"])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn diff_reads_stdin_in_the_real_files_format() {
    let dir = scratch("habits", "diff-stdin");
    put(&dir, "roadworks.md", ROADWORKS);
    // Piped, the old version is Markdown like the file it is compared with: its inline code
    // is no figure, so nothing changed.
    let o = run_stdin_in(&dir, &["diff", "-", "roadworks.md"], ROADWORKS.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("<stdin> → roadworks.md: 0 changed, 0 added, 0 removed"),
        "{}",
        stdout(&o)
    );
    // Read as plain text it would have had one more figure: the format really matters here.
    put(&dir, "roadworks.txt", ROADWORKS);
    let o = run_in(&dir, &["diff", "roadworks.txt", "roadworks.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("removed"), "{}", stdout(&o));
    // The new version piped, a changed figure.
    let edited = ROADWORKS.replace("14 km", "12 km");
    let o = run_stdin_in(&dir, &["diff", "roadworks.md", "-"], edited.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("14 km → 12 km"), "{}", stdout(&o));
    // Not both from standard input.
    let o = run_stdin_in(&dir, &["diff", "-", "-"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("at most one version from standard input"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn diff_compares_a_file_with_a_git_revision() {
    let dir = scratch("habits", "diff-rev");
    let git = |args: &[&str]| {
        Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(&dir)
            .output()
    };
    match git(&["init", "-q"]) {
        Ok(o) if o.status.success() => {}
        other => {
            assert!(
                std::env::var_os("CI").is_none(),
                "git is needed in CI: {other:?}"
            );
            return;
        }
    }
    put(&dir, "desk/roadworks.md", ROADWORKS);
    assert!(git(&["add", "."]).unwrap().status.success());
    assert!(git(&["commit", "-qm", "v1"]).unwrap().status.success());
    put(
        &dir,
        "desk/roadworks.md",
        &ROADWORKS.replace("14 km", "18 km"),
    );
    let o = run_in(&dir, &["diff", "HEAD", "--", "desk/roadworks.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("14 km → 18 km"), "{out}");
    assert!(
        out.contains("desk/roadworks.md@HEAD → desk/roadworks.md: 1 changed"),
        "{out}"
    );
    // From the file's own folder, and as JSON.
    let o = run_in(
        &dir.join("desk"),
        &["diff", "--format", "json", "HEAD", "--", "roadworks.md"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(json(&o)["changes"].as_array().unwrap().len(), 1);
    // A revision that does not exist names the file and the revision.
    let o = run_in(&dir, &["diff", "no-such-rev", "--", "desk/roadworks.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: desk/roadworks.md@no-such-rev: "),
        "{}",
        stderr(&o)
    );
    // OLD NEW and REV -- FILE do not mix; one of them is needed.
    assert_eq!(
        run_in(&dir, &["diff", "HEAD", "desk/roadworks.md", "--", "x.md"])
            .status
            .code(),
        Some(2)
    );
    let o = run_in(&dir, &["diff", "HEAD"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("REV -- FILE"), "{}", stderr(&o));
}

#[test]
fn a_suppression_at_the_end_of_a_line_silences_that_line() {
    let dir = scratch("habits", "eol-ignore");
    let text = "# Harbour works\n\nThe new pier is 90 m (200 ft) long. <!-- figcheck-ignore \
                conversion: the harbour board's own figure -->\nThe old jetty was 40 m (90 ft) \
                long.\n\nThe breakwater runs 600 m (900 ft).\n";
    put(&dir, "harbour.md", text);
    let o = run_in(&dir, &["check", "--format", "json", "harbour.md"]);
    let j = json(&o);
    let at: Vec<&str> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let (s, e) = (
                f["start"].as_u64().unwrap() as usize,
                f["end"].as_u64().unwrap() as usize,
            );
            &text[s..e]
        })
        .collect();
    // The line it ends is silenced; the next line and the next paragraph are not.
    assert!(!at.iter().any(|t| t.contains("200 ft")), "{at:?}");
    assert!(at.iter().any(|t| t.contains("90 ft")), "{at:?}");
    assert!(at.iter().any(|t| t.contains("900 ft")), "{at:?}");
    // Without the comment the pier's figure is a finding: the comment did the silencing.
    put(
        &dir,
        "bare.md",
        &text.replace(
            " <!-- figcheck-ignore conversion: the harbour board's own figure -->",
            "",
        ),
    );
    let j = json(&run_in(&dir, &["check", "--format", "json", "bare.md"]));
    assert_eq!(j["findings"].as_array().unwrap().len(), at.len() + 1, "{j}");
    // One that silences nothing on its line is reported.
    put(
        &dir,
        "stale.md",
        "The breakwater runs 600 m (1,969 ft). <!-- figcheck-ignore conversion: old copy -->\n",
    );
    let j = json(&run_in(&dir, &["check", "--format", "json", "stale.md"]));
    let codes: Vec<&str> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["unused-ignore"], "{j}");
}

#[test]
fn read_errors_reach_sarif_and_github() {
    let dir = scratch("habits", "read-errors");
    put(&dir, "ferry.md", FERRY);
    std::fs::write(dir.join("latin1.txt"), b"Caf\xe9 prices rose 5%.\n").unwrap();
    let o = run_in(
        &dir,
        &["check", "--format", "sarif", "ferry.md", "latin1.txt"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error: latin1.txt: not valid UTF-8"),
        "{}",
        stderr(&o)
    );
    let log = json(&o);
    let run = &log["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false, "{log}");
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1, "{log}");
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "latin1.txt"
    );
    assert!(
        notes[0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8"),
        "{log}"
    );
    // The other file is still checked and reported.
    assert!(!run["results"].as_array().unwrap().is_empty(), "{log}");
    // A clean run has no invocation notifications.
    let clean = json(&run_in(&dir, &["check", "--format", "sarif", "ferry.md"]));
    assert!(clean["runs"][0].get("invocations").is_none(), "{clean}");

    let o = run_in(
        &dir,
        &[
            "check",
            "--format",
            "github",
            "ferry.md",
            "latin1.txt",
            "gone.md",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    let errors: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("title=figcheck read error"))
        .collect();
    assert_eq!(errors.len(), 2, "{out}");
    assert!(
        errors[0].starts_with(
            "::error file=latin1.txt,title=figcheck read error::latin1.txt: not valid UTF-8"
        ),
        "{out}"
    );
    assert!(errors[1].starts_with("::error file=gone.md,"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("::error file=ferry.md,line=6")),
        "{out}"
    );
}

#[test]
fn a_progress_bar_only_on_a_terminal() {
    let dir = scratch("habits", "progress");
    for k in 0..60 {
        put(
            &dir,
            &format!("canal/plot-{k:02}.md"),
            &format!(
                "Volunteers planted {} oaks along the canal towpath.\n",
                10 + k
            ),
        );
    }
    let bin = bin();
    // In a pipe (and in CI): no bar, nothing on stderr.
    let o = Command::new(&bin)
        .args(["check", "canal"])
        .current_dir(&dir)
        .env_remove("CI")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    // On a terminal (a pseudo-terminal from script(1)): the bar is drawn, then cleared.
    let cmd = format!("{} check canal", bin.display());
    let run = |ci: bool| {
        let mut c = Command::new("script");
        c.args(["-qec", &cmd, "/dev/null"])
            .current_dir(&dir)
            .env("TERM", "xterm")
            .env("NO_COLOR", "1");
        if ci {
            c.env("CI", "true");
        } else {
            c.env_remove("CI");
        }
        c.output()
    };
    match run(false) {
        Ok(o) if o.status.success() => {
            let all = format!("{}{}", stdout(&o), stderr(&o));
            assert!(all.contains("/60 files"), "no bar on a terminal:\n{all}");
            assert!(all.contains("60 files: 0 errors"), "{all}");
            // CI logs get no bar even on a terminal.
            let o = run(true).unwrap();
            let all = format!("{}{}", stdout(&o), stderr(&o));
            assert!(!all.contains("/60 files"), "{all}");
        }
        other => assert!(
            std::env::var_os("CI").is_none(),
            "script(1) is needed in CI for the terminal test: {other:?}"
        ),
    }
}
