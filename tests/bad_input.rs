//! Every class of bad input (issue 16), run through the binary as a user would: each case
//! asserts the exit status, the one-line message naming the bad file (and its reason), that
//! the good file beside it was still processed, and that no input was changed. Every run has a
//! deadline far above its normal time: a hang fails the test instead of stalling the suite.

mod common;
use common::*;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The good file of every case, and the figure its output must show.
const GOOD: &str = "The ferry carried 46 cyclists across the bay.\n";
const GOOD_FIGURE: &str = "cyclists";

/// How long any one run may take before it counts as a hang (debug build, shared machine).
const DEADLINE: Duration = Duration::from_secs(120);

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).expect("write scratch file");
    p
}

/// A case's directory with the good file in it.
fn case(name: &str) -> PathBuf {
    let dir = scratch("bad_input", name);
    write(&dir, "good.txt", GOOD.as_bytes());
    dir
}

/// Every regular file under `dir` with its bytes (symlinks and special files are skipped).
fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            let Ok(t) = e.file_type() else { continue };
            if t.is_dir() {
                stack.push(p);
            } else if t.is_file()
                && let Ok(b) = std::fs::read(&p)
            {
                out.insert(p, b);
            }
        }
    }
    out
}

/// Runs `figcheck ARGS` in `dir` (standard input from `stdin`, else empty), killing it and
/// failing at [`DEADLINE`].
fn run_in(dir: &Path, args: &[&str], stdin: Option<std::fs::File>) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(stdin.map_or_else(Stdio::null, Stdio::from))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn figcheck");
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).map(|_| v)
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        err.read_to_end(&mut v).map(|_| v)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait figcheck") {
            break s;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("figcheck {args:?} did not finish in {DEADLINE:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: t_out.join().unwrap().unwrap(),
        stderr: t_err.join().unwrap().unwrap(),
    }
}

/// What a case expects.
struct Expect<'a> {
    code: i32,
    /// Each stderr line that must appear (as a substring of one line), in any order; no
    /// other `error:` lines may appear.
    messages: &'a [&'a str],
}

/// Runs `args` in `dir`, checking the exit status, the messages, that the good file's figure
/// is in the output and that no file under `dir` changed. Returns the output.
fn check_case(dir: &Path, args: &[&str], stdin: Option<std::fs::File>, e: Expect) -> Output {
    let before = contents(dir);
    let o = run_in(dir, args, stdin);
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(
        o.status.code(),
        Some(e.code),
        "figcheck {args:?}: exit status\nstdout:\n{out}\nstderr:\n{err}"
    );
    for m in e.messages {
        let hits = err.lines().filter(|l| l.contains(m)).count();
        assert_eq!(
            hits, 1,
            "figcheck {args:?}: one stderr line with {m:?}:\n{err}"
        );
    }
    let errors = err.lines().filter(|l| l.starts_with("error:")).count();
    let expected_errors = e
        .messages
        .iter()
        .filter(|m| m.starts_with("error:"))
        .count();
    assert_eq!(
        errors, expected_errors,
        "figcheck {args:?}: error lines:\n{err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "figcheck {args:?} panicked:\n{err}"
    );
    // `extract` lists every figure: the good file's must be there (the other commands' own
    // outputs are checked by their cases).
    if args.first() == Some(&"extract") && args.contains(&"good.txt") {
        assert!(
            out.contains(GOOD_FIGURE),
            "figcheck {args:?}: the good file was not processed:\n{out}\n{err}"
        );
    }
    assert_eq!(contents(dir), before, "figcheck {args:?} changed an input");
    o
}

fn extract(dir: &Path, bad: &str, e: Expect) -> Output {
    check_case(dir, &["extract", bad, "good.txt"], None, e)
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("stdout is JSON")
}

#[test]
fn invalid_utf8_is_named_with_the_offset() {
    let dir = case("utf8");
    write(&dir, "bad.txt", b"Fares rose by 3\xff percent.");
    extract(
        &dir,
        "bad.txt",
        Expect {
            code: 2,
            messages: &["error: bad.txt: not valid UTF-8 (first bad byte at offset 15)"],
        },
    );
}

#[test]
fn binary_and_nul_bytes_are_named() {
    let dir = case("binary");
    write(&dir, "bad.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00 12 km");
    write(&dir, "nul.md", b"The mill ground 40 tonnes.\x00\n");
    check_case(
        &dir,
        &["extract", "bad.txt", "nul.md", "good.txt"],
        None,
        Expect {
            code: 2,
            messages: &[
                "error: bad.txt: looks like a binary file",
                "error: nul.md: looks like a binary file",
            ],
        },
    );
}

#[test]
fn empty_and_whitespace_only_files_are_fine() {
    let dir = case("empty");
    write(&dir, "empty.md", b"");
    write(&dir, "blank.txt", b" \n\t\r\n\r \n\n");
    let o = check_case(
        &dir,
        &[
            "extract",
            "--format",
            "json",
            "empty.md",
            "blank.txt",
            "good.txt",
        ],
        None,
        Expect {
            code: 0,
            messages: &[],
        },
    );
    assert_eq!(json(&o)["quantities"].as_array().unwrap().len(), 1);
    check_case(
        &dir,
        &["check", "empty.md", "blank.txt", "good.txt"],
        None,
        Expect {
            code: 0,
            messages: &[],
        },
    );
}

/// Figures too large for the decimal type: no panic, a note naming each, the rest of the
/// file read (issue 16: exit 101 with empty stdout before).
#[test]
fn numbers_too_large_are_noted_and_the_rest_is_read() {
    let dir = case("huge");
    write(
        &dir,
        "huge.txt",
        b"The scheme cost 100000000000000000000 billion dollars.\n\
          Its rival cost 255555555555545555555555555k, then 100000000000000000tn.\n\
          A record 12 gliders flew.\n",
    );
    for cmd in ["extract", "check", "reconcile"] {
        let o = check_case(
            &dir,
            &[cmd, "--format", "json", "huge.txt", "good.txt"],
            None,
            Expect {
                code: 0,
                messages: &[
                    "note: huge.txt:1:17: \"100000000000000000000 billion\" is too large",
                    "note: huge.txt:2:16: \"255555555555545555555555555k\" is too large",
                    "note: huge.txt:2:51: \"100000000000000000tn\" is too large",
                ],
            },
        );
        if cmd == "extract" {
            let v = json(&o);
            let texts: Vec<&str> = v["quantities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q["text"].as_str().unwrap())
                .collect();
            assert!(texts.contains(&"12"), "{texts:?}");
            assert!(!texts.iter().any(|t| t.contains("0000")), "{texts:?}");
        }
    }
}

/// Comma groups: up to 28 digits read exactly (an integer in JSON, never exponent form);
/// more is noted and skipped whole, not read from its last groups as 0.
#[test]
fn comma_groups_read_right_or_are_skipped_whole() {
    let dir = case("groups");
    write(
        &dir,
        "groups.txt",
        b"About 1,000,000,000,000,000,000,000,000,000 grains of sand.\n\
          Some 10,000,000,000,000,000,000,000,000,000,000 atoms.\n\
          Then 77777777777777777777 more.\n",
    );
    let o = check_case(
        &dir,
        &["extract", "--format", "json", "groups.txt", "good.txt"],
        None,
        Expect {
            code: 0,
            messages: &[
                "note: groups.txt:2:6: \"10,000,000,000,000,000,000,000,000,000,0…\" is too large",
            ],
        },
    );
    let raw = stdout(&o);
    // The exact integer, not a longer one it begins.
    let has_value = |v: &str| {
        let key = format!("\"value\": {v}");
        raw.match_indices(&key).any(|(i, _)| {
            !raw.as_bytes()
                .get(i + key.len())
                .is_some_and(u8::is_ascii_digit)
        })
    };
    assert!(has_value("1000000000000000000000000000"), "{raw}");
    assert!(has_value("77777777777777777777"), "{raw}");
    assert!(!raw.contains("e+"), "a value in exponent form:\n{raw}");
    let v = json(&o);
    for q in v["quantities"].as_array().unwrap() {
        let t = q["text"].as_str().unwrap();
        assert!(
            !t.starts_with("000"),
            "read from the middle of a number: {t}"
        );
    }
}

/// Long runs of number words and of figures in one sentence finish (linear work; the
/// scaling benchmark measures it) and are read.
#[test]
fn number_word_runs_and_dense_sentences_finish() {
    let dir = case("runs");
    write(&dir, "words.txt", "one ".repeat(5_000).as_bytes());
    write(&dir, "dense.txt", "1 drone ".repeat(5_000).as_bytes());
    write(
        &dir,
        "line.txt",
        "the café fed 12 pupils, €3 each; "
            .repeat(30_000)
            .as_bytes(),
    );
    let o = check_case(
        &dir,
        &[
            "extract",
            "--format",
            "json",
            "words.txt",
            "dense.txt",
            "line.txt",
            "good.txt",
        ],
        None,
        Expect {
            code: 0,
            messages: &[],
        },
    );
    let v = json(&o);
    let n = v["quantities"].as_array().unwrap().len();
    assert!(
        n > 60_000,
        "figures of the long line and the dense sentence: {n}"
    );
}

#[test]
fn deep_nesting_is_read() {
    let dir = case("nesting");
    let md = format!("{}The kiln fired 8 pots.\n", "> ".repeat(20_000));
    write(&dir, "deep.md", md.as_bytes());
    let html = format!(
        "{}<p>The kiln fired 9 pots.</p>{}",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    write(&dir, "deep.html", html.as_bytes());
    let list = format!("{}The kiln fired 7 pots.\n", "- ".repeat(5_000));
    write(&dir, "list.md", list.as_bytes());
    check_case(
        &dir,
        &["extract", "deep.md", "deep.html", "list.md", "good.txt"],
        None,
        Expect {
            code: 0,
            messages: &[],
        },
    );
}

#[test]
fn unterminated_markup_and_front_matter() {
    let dir = case("unterminated");
    write(
        &dir,
        "comment.html",
        b"<p>The loom wove 5 rugs.</p><!-- never closed 6 rugs",
    );
    write(&dir, "tag.html", b"<p>The loom wove 5 rugs.<a href=\"x");
    write(
        &dir,
        "fence.md",
        b"The loom wove 5 rugs.\n\n```\ncode 6 rugs\n",
    );
    write(
        &dir,
        "front.md",
        b"---\ntitle: Looms\n\nThe loom wove 5 rugs.\n",
    );
    let o = check_case(
        &dir,
        &[
            "extract",
            "--format",
            "json",
            "comment.html",
            "tag.html",
            "fence.md",
            "front.md",
            "good.txt",
        ],
        None,
        Expect {
            code: 0,
            messages: &["warning: front.md:1:1: front matter opened with `---` is never closed"],
        },
    );
    let v = json(&o);
    for f in ["comment.html", "fence.md", "front.md"] {
        let texts: Vec<&str> = v["quantities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["file"] == f)
            .map(|q| q["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts, ["5"], "{f}: only the prose figure");
    }
}

/// Control characters that are white space (vertical tab, form feed) and others: read, never
/// a hang (fuzz: a vertical tab made the tokenizer emit empty tokens for ever).
#[test]
fn control_characters_are_read_without_a_hang() {
    let dir = case("controls");
    write(
        &dir,
        "vt.md",
        b"---\ndate: 2026-02-03\x0b---\nThe 5 barges\x0bdocked.\n",
    );
    write(
        &dir,
        "ff.txt",
        b"The 6 tugs\x0cdocked,\x0b\x0b 7 left.\x1b[0m\x07\n",
    );
    for cmd in ["extract", "check", "reconcile"] {
        check_case(
            &dir,
            &[cmd, "vt.md", "ff.txt", "good.txt"],
            None,
            Expect {
                code: 0,
                messages: &[],
            },
        );
    }
    let o = check_case(
        &dir,
        &["extract", "--format", "json", "vt.md", "ff.txt"],
        None,
        Expect {
            code: 0,
            messages: &[],
        },
    );
    let texts: Vec<String> = json(&o)["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap().to_string())
        .collect();
    for t in ["5", "6", "7"] {
        assert!(texts.iter().any(|x| x == t), "{t} not read: {texts:?}");
    }
}

/// Line ends of every kind and a byte-order mark: lines and columns as an editor shows them.
#[test]
fn crlf_lone_cr_and_bom_give_editor_positions() {
    let dir = case("line-ends");
    write(
        &dir,
        "crlf.txt",
        b"First line.\r\nThe dam holds 31 tonnes.\r\n",
    );
    write(&dir, "cr.txt", b"First line.\rThe dam holds 31 tonnes.\r");
    write(&dir, "bom.txt", "\u{feff}31 tonnes held.\n".as_bytes());
    let o = check_case(
        &dir,
        &[
            "extract", "--format", "json", "crlf.txt", "cr.txt", "bom.txt", "good.txt",
        ],
        None,
        Expect {
            code: 0,
            messages: &[],
        },
    );
    let v = json(&o);
    let at = |f: &str| {
        let q = v["quantities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["file"] == f)
            .unwrap_or_else(|| panic!("{f}: no figure"));
        (q["line"].as_u64().unwrap(), q["column"].as_u64().unwrap())
    };
    assert_eq!(at("crlf.txt"), (2, 15));
    assert_eq!(at("cr.txt"), (2, 15));
    assert_eq!(at("bom.txt"), (1, 1));
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_without_a_hang() {
    let dir = case("special");
    let fifo = dir.join("pipe.txt");
    let ok = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(ok.success());
    let msg = "error: pipe.txt: is a FIFO (named pipe), not a regular file";
    check_case(
        &dir,
        &["extract", "pipe.txt", "/dev/zero", "good.txt"],
        None,
        Expect {
            code: 2,
            messages: &[msg, "error: /dev/zero: is a character device"],
        },
    );
    check_case(
        &dir,
        &["check", "pipe.txt", "good.txt"],
        None,
        Expect {
            code: 2,
            messages: &[msg],
        },
    );
    // `diff` against a FIFO: refused, no hang.
    check_case(
        &dir,
        &["diff", "pipe.txt", "good.txt"],
        None,
        Expect {
            code: 2,
            messages: &[msg],
        },
    );
    // An endless standard input stops at once (NUL) rather than filling memory.
    let zero = std::fs::File::open("/dev/zero").unwrap();
    check_case(
        &dir,
        &["extract", "-", "good.txt"],
        Some(zero),
        Expect {
            code: 2,
            messages: &["error: <stdin>: looks like a binary file"],
        },
    );
}

/// `--max-size`: a larger file or standard input is named, reading stops at the limit.
#[test]
fn inputs_over_the_size_limit_are_refused() {
    let dir = case("size");
    write(&dir, "big.txt", "The 4 kites flew. ".repeat(200).as_bytes());
    check_case(
        &dir,
        &["extract", "--max-size", "1K", "big.txt", "good.txt"],
        None,
        Expect {
            code: 2,
            messages: &["error: big.txt: larger than the input size limit of 1 KiB"],
        },
    );
    let big = std::fs::File::open(dir.join("big.txt")).unwrap();
    check_case(
        &dir,
        &["extract", "--max-size", "2000", "-", "good.txt"],
        Some(big),
        Expect {
            code: 2,
            messages: &["error: <stdin>: larger than the input size limit of 2000 bytes"],
        },
    );
    // Under the limit, the same file is read.
    check_case(
        &dir,
        &["extract", "--max-size", "1M", "big.txt", "good.txt"],
        None,
        Expect {
            code: 0,
            messages: &[],
        },
    );
    let o = run_in(&dir, &["extract", "--max-size", "lots", "good.txt"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is not a size"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn symlink_loops_missing_and_unreadable_files_are_named() {
    let dir = case("paths");
    std::os::unix::fs::symlink("loop-b.txt", dir.join("loop-a.txt")).unwrap();
    std::os::unix::fs::symlink("loop-a.txt", dir.join("loop-b.txt")).unwrap();
    check_case(
        &dir,
        &["extract", "loop-a.txt", "missing.md", "good.txt"],
        None,
        Expect {
            code: 2,
            messages: &[
                "error: loop-a.txt: cannot read:",
                "error: missing.md: cannot read: no such file",
            ],
        },
    );
    // A directory of drafts with a loop inside is walked; the loop is no draft.
    check_case(
        &dir,
        &["extract", "."],
        None,
        Expect {
            code: 0,
            messages: &[],
        },
    );
    // Unreadable: permission bits where they apply (not for root), and a file whose read
    // fails for everyone (/proc/self/mem at offset 0 is unmapped: EIO).
    use std::os::unix::fs::PermissionsExt;
    let locked = write(&dir, "locked.txt", b"The 3 vaults.");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let permissions_apply = std::fs::read(&locked).is_err();
    if permissions_apply {
        check_case(
            &dir,
            &["extract", "locked.txt", "good.txt"],
            None,
            Expect {
                code: 2,
                messages: &["error: locked.txt: cannot read: permission denied"],
            },
        );
    } else {
        eprintln!("running as root: permission bits do not apply; /proc/self/mem instead");
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    if Path::new("/proc/self/mem").exists() {
        check_case(
            &dir,
            &["extract", "/proc/self/mem", "good.txt"],
            None,
            Expect {
                code: 2,
                messages: &["error: /proc/self/mem: cannot read:"],
            },
        );
    } else {
        assert!(permissions_apply, "no way to make an unreadable file here");
    }
}

#[test]
fn bad_configurations_skip_only_their_files() {
    let dir = case("configs");
    write(&dir, "desk/figcheck.toml", b"rules = 5\n");
    write(&dir, "desk/a.txt", b"The 6 owls.");
    write(&dir, "desk/b.txt", b"The 7 owls.");
    std::fs::create_dir_all(dir.join("dirdesk/figcheck.toml")).unwrap();
    write(&dir, "dirdesk/c.txt", b"The 8 owls.");
    let o = check_case(
        &dir,
        &["extract", "desk", "dirdesk/c.txt", "good.txt"],
        None,
        Expect {
            code: 2,
            messages: &[
                "error: desk/figcheck.toml: invalid type",
                "error: desk/a.txt: skipped: its configuration desk/figcheck.toml is not valid",
                "error: desk/b.txt: skipped: its configuration desk/figcheck.toml is not valid",
                "error: dirdesk/figcheck.toml: is a directory, not a configuration file",
                "error: dirdesk/c.txt: skipped",
            ],
        },
    );
    assert!(!stdout(&o).contains("owls"), "{}", stdout(&o));
    // A bad --config applies to every file: it stops the run, once.
    let o = run_in(
        &dir,
        &["check", "--config", "desk/figcheck.toml", "good.txt"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
}

#[test]
fn baseline_is_not_written_when_a_file_is_missing() {
    let dir = case("baseline");
    let o = run_in(&dir, &["baseline", "missing.txt", "good.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        o.stdout.is_empty(),
        "a baseline was written: {}",
        stdout(&o)
    );
    let err = stderr(&o);
    assert!(
        err.contains("error: missing.txt: cannot read: no such file"),
        "{err}"
    );
    assert!(err.contains("error: baseline not written"), "{err}");
}

/// A ledger folder that cannot be written: named, the other drafts' ledgers written, the
/// drafts unchanged. Read-only permissions where they apply; for root (who writes through
/// them), a ledger folder that is a regular file.
#[cfg(unix)]
#[test]
fn unwritable_ledger_folders_are_named_and_others_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = case("ledger");
    write(&dir, "ro/draft.txt", b"The 5 lanterns.");
    let ro = dir.join("ro");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = ro.join(".probe");
    let permissions_apply = std::fs::write(&probe, b"").is_err();
    let _ = std::fs::remove_file(&probe);
    let (bad, msg) = if permissions_apply {
        ("ro/draft.txt", "error: ro/draft.txt.facts:")
    } else {
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
        write(
            &dir,
            "filedesk/figcheck.toml",
            b"[snapshot]\ndir = \"facts\"\n",
        );
        write(&dir, "filedesk/facts", b"a file, not a folder");
        write(&dir, "filedesk/draft.txt", b"The 5 lanterns.");
        (
            "filedesk/draft.txt",
            "error: filedesk/facts/draft.txt.facts:",
        )
    };
    let before = contents(&dir);
    let o = run_in(&dir, &["snapshot", bad, "good.txt"], None);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with(msg)).count(),
        1,
        "{err}"
    );
    assert!(
        dir.join("good.txt.facts").is_file(),
        "the good draft's ledger"
    );
    let mut after = contents(&dir);
    after.remove(&dir.join("good.txt.facts"));
    assert_eq!(after, before, "an input changed");
}

/// A panic in one file's work (forced in debug builds with FIGCHECK_TEST_PANIC, as no known
/// input panics) is one error line naming it; the other files' output is printed; exit 2.
#[cfg(debug_assertions)]
#[test]
fn a_panic_loses_no_other_files_results() {
    let dir = case("panic");
    write(&dir, "boom.txt", b"The 2 comets.");
    for cmd in ["extract", "check", "reconcile", "snapshot"] {
        let before = contents(&dir);
        let o = Command::new(bin())
            .args([cmd, "boom.txt", "good.txt"])
            .current_dir(&dir)
            .env("FIGCHECK_TEST_PANIC", "boom.txt")
            .output()
            .unwrap();
        let (out, err) = (stdout(&o), stderr(&o));
        assert_eq!(o.status.code(), Some(2), "{cmd}: {err}");
        assert_eq!(err.lines().count(), 1, "{cmd}: one line: {err}");
        assert!(
            err.starts_with("error: boom.txt: internal error") && err.contains("please report it"),
            "{cmd}: {err}"
        );
        let good_seen = match cmd {
            "snapshot" => out.contains("good.txt.facts"),
            "check" => out.contains("1 file:"),
            _ => out.contains(GOOD_FIGURE) || out.contains("good"),
        };
        assert!(good_seen, "{cmd}: the good file's output:\n{out}");
        let mut after = contents(&dir);
        after.remove(&dir.join("good.txt.facts"));
        let mut before = before;
        before.remove(&dir.join("good.txt.facts"));
        assert_eq!(after, before, "{cmd}: an input changed");
    }
}
