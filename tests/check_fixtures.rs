//! Snapshots of `figcheck check` (human and JSON) for every fixture under `fixtures/check/`,
//! plus guards that do not depend on the snapshots: `clean*` files produce no findings, and
//! `fires*` files produce at least one finding of the rule their directory is named after.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

fn json_findings(path: &str) -> Vec<Value> {
    let out = figcheck(&["check", "--format", "json", "--exit-zero", path]);
    assert_eq!(out.status.code(), Some(0), "{path}: {}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("check --format json is JSON");
    assert_eq!(v["version"], 1);
    v["findings"].as_array().cloned().unwrap_or_default()
}

#[test]
fn every_check_fixture_is_snapshotted() {
    let all = fixtures("check");
    assert!(all.len() >= 20, "check fixtures are missing");
    for f in all {
        let path = f.to_str().unwrap();
        let human = figcheck(&["check", "--color", "never", "--exit-zero", path]);
        assert_eq!(human.status.code(), Some(0), "{path}: {}", stderr(&human));
        assert_snap(&f, "check", &stdout(&human));
        let json = figcheck(&["check", "--format", "json", "--exit-zero", path]);
        assert_snap(&f, "check-json", &stdout(&json));
    }
}

#[test]
fn clean_fixtures_are_silent_and_firing_ones_fire_their_rule() {
    let mut clean = 0;
    let mut fires = 0;
    for f in fixtures("check") {
        let path = f.to_str().unwrap();
        let name = f.file_name().unwrap().to_str().unwrap();
        let rule = f.parent().unwrap().file_name().unwrap().to_str().unwrap();
        let findings = json_findings(path);
        if name.starts_with("clean") {
            clean += 1;
            assert!(findings.is_empty(), "{path} should be clean: {findings:#?}");
        } else if name.starts_with("fires") {
            fires += 1;
            assert!(
                findings.iter().any(|d| d["code"] == rule),
                "{path} should fire {rule}: {findings:#?}"
            );
        }
    }
    assert!(clean >= 10 && fires >= 10, "clean {clean}, fires {fires}");
}

#[test]
fn every_rule_has_firing_and_clean_fixtures() {
    let out = figcheck(&["rules", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    for r in v["rules"].as_array().unwrap() {
        if r["kind"] != "check" {
            continue;
        }
        let code = r["code"].as_str().unwrap();
        let fx = fixtures(&format!("check/{code}"));
        let has = |p: &str| {
            fx.iter()
                .any(|f| f.file_name().unwrap().to_str().unwrap().starts_with(p))
        };
        assert!(has("fires") && has("clean"), "rule {code} lacks fixtures");
    }
}

#[test]
fn json_findings_follow_the_contract() {
    for f in fixtures("check") {
        let path = f.to_str().unwrap();
        let text = std::fs::read_to_string(root().join(&f)).unwrap();
        for d in json_findings(path) {
            let (s, e) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            assert!(s < e && e <= text.len(), "{path}: bad span {s}..{e}");
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            let line = text[..s].matches('\n').count() + 1;
            assert_eq!(d["line"].as_u64().unwrap() as usize, line, "{path}");
            let col = text[..s].rsplit('\n').next().unwrap().chars().count() + 1;
            assert_eq!(d["column"].as_u64().unwrap() as usize, col, "{path}");
            assert!(["error", "warning", "note"].contains(&d["severity"].as_str().unwrap()));
            assert!(!d["message"].as_str().unwrap().is_empty());
            for r in d["related"].as_array().unwrap() {
                let (s, e) = (
                    r["start"].as_u64().unwrap() as usize,
                    r["end"].as_u64().unwrap() as usize,
                );
                assert!(s < e && e <= text.len(), "{path}: bad related span");
                assert_eq!(r["file"], d["file"]);
            }
        }
    }
}

// ---- the command line: one test per exit status and format ----

const CLEAN: &str = "fixtures/check/conversion/clean.md";
const ERRORS: &str = "fixtures/check/conversion/fires.md";
const WARNINGS: &str = "fixtures/check/breakdown/fires.md";

#[test]
fn exit_0_on_a_clean_draft() {
    for format in ["human", "json"] {
        let o = figcheck(&["check", "--format", format, CLEAN]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
    }
    let o = figcheck(&["check", CLEAN]);
    assert!(stdout(&o).contains("0 errors, 0 warnings"));
}

#[test]
fn exit_1_on_findings_in_either_format() {
    let o = figcheck(&["check", "--color", "never", ERRORS]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error[conversion]: −25 °C is −13 °F; the text says −11 °F"),
        "{out}"
    );
    assert!(
        out.contains("--> fixtures/check/conversion/fires.md:3:36"),
        "{out}"
    );
    assert!(out.contains("= help: write −13 °F"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour when --color never");
    let o = figcheck(&["check", "--format", "json", ERRORS]);
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 3);
}

#[test]
fn colour_only_when_asked() {
    let o = figcheck(&["check", "--color", "always", ERRORS]);
    assert!(stdout(&o).contains('\u{1b}'));
    // Not a terminal, NO_COLOR set by the harness: plain.
    let o = figcheck(&["check", ERRORS]);
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn exit_2_on_a_missing_file_and_the_others_are_still_checked() {
    let o = figcheck(&["check", "--format", "json", "no/such/draft.md", ERRORS]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/draft.md"), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 3);
}

#[test]
fn exit_2_on_usage_errors() {
    assert_eq!(
        figcheck(&["check", "--fail-on", "fatal", CLEAN])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(figcheck(&["check"]).status.code(), Some(2));
    assert_eq!(
        figcheck(&["check", "--format", "yaml", CLEAN])
            .status
            .code(),
        Some(2)
    );
    // SARIF and GitHub output come from the gate (tests/gate.rs): a clean draft passes.
    for format in ["sarif", "github"] {
        let o = figcheck(&["check", "--format", format, CLEAN]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
    }
}

#[test]
fn fail_on_sets_the_failing_severity() {
    // Only warnings: they fail by default, not with --fail-on error, and with --fail-on note.
    assert_eq!(figcheck(&["check", WARNINGS]).status.code(), Some(1));
    assert_eq!(
        figcheck(&["check", "--fail-on", "error", WARNINGS])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        figcheck(&["check", "--fail-on", "note", WARNINGS])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        figcheck(&["check", "--fail-on", "error", ERRORS])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn exit_zero_reports_but_passes() {
    let o = figcheck(&["check", "--exit-zero", ERRORS]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("error[conversion]"));
    // An unreadable file still fails: --exit-zero is about findings.
    assert_eq!(
        figcheck(&["check", "--exit-zero", "nope.md"]).status.code(),
        Some(2)
    );
}

#[test]
fn rules_lists_every_rule_with_its_doc() {
    let o = figcheck(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let human = stdout(&o);
    let o = figcheck(&["rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rules = v["rules"].as_array().unwrap();
    assert!(rules.len() >= 10);
    for r in rules {
        let code = r["code"].as_str().unwrap();
        assert!(
            human.contains(&format!("{code} (")),
            "{code} missing from human list"
        );
        if r["kind"] == "check" {
            assert!(r["doc"].as_str().unwrap().contains("**Fires:**"));
        }
        assert!(["error", "warning", "note"].contains(&r["severity"].as_str().unwrap()));
    }
}

/// `docs/rules.md` is generated from the registry: the file must be exactly the generated
/// text. `FIGCHECK_UPDATE_DOCS=1` rewrites it (then review `git diff docs/rules.md`).
#[test]
fn docs_rules_md_is_generated_from_the_registry() {
    let path = root().join("docs/rules.md");
    let want = figcheck::registry::markdown();
    if std::env::var_os("FIGCHECK_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let page = std::fs::read_to_string(&path).unwrap();
    assert!(
        page == want,
        "docs/rules.md is stale: run `FIGCHECK_UPDATE_DOCS=1 cargo test --test check_fixtures \
         docs_rules_md` and review the diff"
    );
    // And it carries what `figcheck rules` prints.
    let o = figcheck(&["rules", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    for r in v["rules"].as_array().unwrap() {
        assert!(page.contains(r["doc"].as_str().unwrap()), "{}", r["code"]);
    }
}

#[test]
fn rules_code_prints_one_rules_doc_and_an_unknown_code_is_a_usage_error() {
    let o = figcheck(&["rules", "part-whole"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("part-whole (check, error)\n"), "{out}");
    assert!(out.contains("**What it does not check.**"), "{out}");
    assert!(out.contains("docs/rules.md#part-whole"), "{out}");
    assert!(!out.contains("percent-of ("), "only the one rule: {out}");
    let o = figcheck(&["rules", "reconcile-vague", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["code"], "reconcile-vague");
    assert_eq!(v["kind"], "reconcile");
    assert_eq!(v["severity"], "note");
    let o = figcheck(&["rules", "part-hole"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("part-hole"), "{}", stderr(&o));
}

#[test]
fn every_human_finding_ends_with_its_rules_doc_link() {
    let o = figcheck(&["check", "--color", "never", "--exit-zero", ERRORS]);
    let out = stdout(&o);
    let blocks: Vec<&str> = out
        .split("\n\n")
        .filter(|b| b.contains("[conversion]"))
        .collect();
    assert_eq!(blocks.len(), 3, "{out}");
    for b in blocks {
        assert!(
            b.trim_end().ends_with("docs/rules.md#conversion"),
            "no link at the end: {b}"
        );
    }
}

#[test]
fn select_and_ignore_choose_the_rules_reported() {
    // One draft with findings of two rules: 42 km is 26 miles, and June 9, 2026 is a Tuesday.
    let dir = scratch("check_fixtures", "select");
    let path = dir.join("ferry.md");
    std::fs::write(
        &path,
        "The ferry crossing is 42 km (19 miles), and the next sailing is on Monday, June 9, 2026.\n",
    )
    .unwrap();
    let both = path.to_str().unwrap();
    let codes = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["check", "--format", "json", "--exit-zero"];
        a.extend_from_slice(args);
        a.push(both);
        let o = figcheck(&a);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let mut c: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect();
        c.dedup();
        c
    };
    assert_eq!(codes(&[]), ["conversion", "weekday"]);
    assert_eq!(codes(&["--select", "weekday"]), ["weekday"]);
    assert_eq!(
        codes(&["--select", "weekday,conversion"]),
        ["conversion", "weekday"]
    );
    assert_eq!(codes(&["--ignore", "weekday"]), ["conversion"]);
    assert_eq!(
        codes(&[
            "--select",
            "weekday",
            "--select",
            "conversion",
            "--ignore",
            "conversion"
        ]),
        ["weekday"]
    );
    // The exit status follows what is reported.
    let o = figcheck(&["check", "--select", "total", both]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        figcheck(&["check", "--ignore", "total", both])
            .status
            .code(),
        Some(1)
    );
    // An unknown code is a usage error naming it, for check and reconcile alike.
    for cmd in ["check", "reconcile"] {
        for flag in ["--select", "--ignore"] {
            let o = figcheck(&[cmd, flag, "conversion,convertion", both]);
            assert_eq!(o.status.code(), Some(2), "{cmd} {flag}");
            assert!(stderr(&o).contains("convertion"), "{}", stderr(&o));
        }
    }
}

// ---- HTML character references ----

const HTML_REFS: &str = "fixtures/grammar/html-entities.html";

/// The grammar reads `&minus;8&nbsp;&deg;C` as −8 °C, and the spans it reports are the file's
/// bytes over whole references: the wrong conversion hidden behind `&nbsp;` is flagged.
#[test]
fn html_character_references_are_read_and_checked() {
    let text = std::fs::read_to_string(root().join(HTML_REFS)).unwrap();
    let o = figcheck(&["extract", "--format", "json", HTML_REFS]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let qs = v["quantities"].as_array().unwrap();
    for q in qs {
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(q["text"].as_str().unwrap(), &text[s..e], "{q}");
    }
    let first = qs.iter().find(|q| q["dimension"] == "temperature").unwrap();
    assert_eq!(first["text"], "&minus;8&nbsp;&deg;C");
    assert_eq!(first["value"], -8);
    assert_eq!(first["unit"], "°C");

    let human = figcheck(&["check", "--color", "never", "--exit-zero", HTML_REFS]);
    assert_snap(Path::new(HTML_REFS), "check", &stdout(&human));
    let json = figcheck(&["check", "--format", "json", "--exit-zero", HTML_REFS]);
    assert_snap(Path::new(HTML_REFS), "check-json", &stdout(&json));
    let findings = json_findings(HTML_REFS);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let d = &findings[0];
    assert_eq!(d["code"], "conversion");
    let (s, e) = (
        d["start"].as_u64().unwrap() as usize,
        d["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "6&nbsp;inches");
    let r = &d["related"][0];
    let (s, e) = (
        r["start"].as_u64().unwrap() as usize,
        r["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "250&nbsp;mm");
    assert_eq!(figcheck(&["check", HTML_REFS]).status.code(), Some(1));
}
