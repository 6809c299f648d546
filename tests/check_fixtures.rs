//! Snapshots of `figcheck check` (human and JSON) for every fixture under `fixtures/check/`,
//! plus guards that do not depend on the snapshots: `clean*` files produce no findings, and
//! `fires*` files produce at least one finding of the rule their directory is named after.

mod common;
use common::*;
use serde_json::Value;

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
