//! Planted errors (`fixtures/planted/<rule>/<beat>-<n>.md`, see `fixtures/planted/README.md`):
//! drafts with ONE planted error each, its expectation as front-matter data (`planted_rule`,
//! `planted_span`, optionally `expected: miss` with a `reason`). Runs the library in process on
//! every draft and asserts that a finding of the planted rule names the planted span (as its
//! span or one of its related spans) and that no other warning or error appears. Prints recall
//! per rule (`cargo test --test planted -- --nocapture`).
//!
//! A draft marked `expected: miss` must still be missed: the test fails when the checker now
//! catches it (remove the mark), and when a draft not marked is missed, so the marks stay honest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use figcheck::{CheckOptions, Diagnostic, Document, Severity, Span};

/// At least this many drafts, and every check rule planted at least this often.
const MIN_DRAFTS: usize = 150;
const MIN_PER_RULE: usize = 10;

struct Draft {
    rel: String,
    rule: String,
    span_text: String,
    miss: Option<String>,
}

fn planted_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/planted")
}

fn drafts() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rules) = std::fs::read_dir(planted_dir()) else {
        return out;
    };
    for r in rules.flatten() {
        if !r.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(r.path()).unwrap().flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The front matter's `key: value` lines and where the body starts. Values may be written as
/// JSON strings (`"59 °F"`).
fn front_matter(rel: &str, text: &str) -> (BTreeMap<String, String>, usize) {
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("{rel}: no front matter"));
    let end = rest
        .find("\n---\n")
        .unwrap_or_else(|| panic!("{rel}: front matter not closed"));
    let mut keys = BTreeMap::new();
    for line in rest[..end].lines() {
        let Some((k, v)) = line.split_once(':') else {
            panic!("{rel}: front matter line without a key: {line}");
        };
        let v = v.trim();
        let v = if v.starts_with('"') {
            serde_json::from_str::<String>(v)
                .unwrap_or_else(|e| panic!("{rel}: bad quoted value for {k}: {e}"))
        } else {
            v.to_string()
        };
        keys.insert(k.trim().to_string(), v);
    }
    (keys, 4 + end + 5)
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn names(d: &Diagnostic, s: Span) -> bool {
    overlaps(d.span, s) || d.related.iter().any(|r| overlaps(r.span, s))
}

#[derive(Default)]
struct Tally {
    drafts: usize,
    caught: usize,
    marked_miss: usize,
}

#[test]
fn every_planted_error_is_found_where_it_was_planted_and_nothing_else() {
    let files = drafts();
    // Rules that only ever say `note` (`undated`: date checks skipped) have no error to plant.
    let codes: Vec<&str> = figcheck::rules()
        .iter()
        .filter(|r| r.severity != Severity::Note)
        .map(|r| r.code)
        .collect();
    let mut per_rule: BTreeMap<String, Tally> = codes
        .iter()
        .map(|c| (c.to_string(), Tally::default()))
        .collect();
    let mut failures = Vec::new();
    let mut marked = Vec::new();
    for path in &files {
        let rel = path
            .strip_prefix(planted_dir())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).unwrap();
        let (fm, body) = front_matter(&rel, &text);
        let draft = Draft {
            rel: rel.clone(),
            rule: fm
                .get("planted_rule")
                .unwrap_or_else(|| panic!("{rel}: no planted_rule"))
                .clone(),
            span_text: fm
                .get("planted_span")
                .unwrap_or_else(|| panic!("{rel}: no planted_span"))
                .clone(),
            miss: match fm.get("expected").map(String::as_str) {
                None => None,
                Some("miss") => Some(
                    fm.get("reason")
                        .unwrap_or_else(|| panic!("{rel}: expected = miss needs a reason"))
                        .clone(),
                ),
                Some(other) => panic!("{rel}: unknown expectation {other:?}"),
            },
        };
        assert!(
            rel.starts_with(&format!("{}/", draft.rule)),
            "{rel}: lives under another rule's folder than its planted_rule {}",
            draft.rule
        );
        let tally = per_rule.get_mut(&draft.rule).unwrap_or_else(|| {
            panic!(
                "{rel}: planted_rule {} is not a check rule that warns or errs",
                draft.rule
            )
        });
        tally.drafts += 1;
        let hits: Vec<usize> = text[body..]
            .match_indices(&draft.span_text)
            .map(|(i, _)| body + i)
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "{rel}: planted_span {:?} must occur exactly once in the body",
            draft.span_text
        );
        let span = Span {
            start: hits[0],
            end: hits[0] + draft.span_text.len(),
        };
        let doc = Document::read(path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(doc.date.is_some(), "{rel}: needs front matter date");
        let qs = figcheck::extract(&doc);
        let found: Vec<Diagnostic> = figcheck::check(&doc, &qs, &CheckOptions::default())
            .into_iter()
            .filter(|d| d.severity != Severity::Note)
            .collect();
        let (caught, others): (Vec<&Diagnostic>, Vec<&Diagnostic>) = found
            .iter()
            .partition(|d| d.code == draft.rule && names(d, span));
        let show = |d: &Diagnostic| {
            format!(
                "[{}] `{}`: {}",
                d.code,
                &doc.text[d.span.start..d.span.end],
                d.message
            )
        };
        for d in &others {
            failures.push(format!(
                "{rel}: a finding other than the planted one: {}",
                show(d)
            ));
        }
        match (&draft.miss, caught.is_empty()) {
            (None, false) => tally.caught += 1,
            (None, true) => failures.push(format!(
                "{rel}: planted {} error at `{}` was missed (mark it expected: miss with a reason if this is a known gap)",
                draft.rule, draft.span_text
            )),
            (Some(_), true) => {
                tally.marked_miss += 1;
                marked.push(draft);
            }
            (Some(_), false) => failures.push(format!(
                "{rel}: marked expected: miss, but the checker now finds it ({}): remove the mark",
                show(caught[0])
            )),
        }
    }
    println!("planted errors: {} drafts", files.len());
    println!(
        "  {:<16} {:>6} {:>6} {:>6} {:>7}",
        "rule", "drafts", "caught", "missed", "recall"
    );
    for (code, t) in &per_rule {
        let recall = if t.drafts == 0 {
            0.0
        } else {
            t.caught as f64 / t.drafts as f64
        };
        println!(
            "  {code:<16} {:>6} {:>6} {:>6} {:>6.0}%",
            t.drafts,
            t.caught,
            t.marked_miss,
            recall * 100.0
        );
    }
    let caught: usize = per_rule.values().map(|t| t.caught).sum();
    println!(
        "  overall recall {caught}/{} = {:.0}%; known misses ({}):",
        files.len(),
        caught as f64 * 100.0 / files.len().max(1) as f64,
        marked.len()
    );
    for d in &marked {
        println!(
            "    {} `{}`: {}",
            d.rel,
            d.span_text,
            d.miss.as_deref().unwrap_or("")
        );
    }
    assert!(
        failures.is_empty(),
        "{} planted draft(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        files.len() >= MIN_DRAFTS,
        "only {} drafts (want {MIN_DRAFTS})",
        files.len()
    );
    for (code, t) in &per_rule {
        assert!(
            t.drafts >= MIN_PER_RULE,
            "rule {code} has only {} planted drafts (want {MIN_PER_RULE})",
            t.drafts
        );
    }
}
