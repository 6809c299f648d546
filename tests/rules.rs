//! One test per rule, named after it, running the library in process on that rule's fixtures:
//! `cargo test total` runs `total::fixtures` (every file under `fixtures/check/total/`) and
//! `total::planted` (every draft under `fixtures/planted/total/`).
//!
//! - `fixtures/check/<rule>/clean*`: no finding at all; `fires*`: at least one finding of the
//!   rule; every finding's spans lie on character boundaries inside the file.
//! - `fixtures/planted/<rule>/*.md`: a finding of the rule names the planted span (its span or
//!   a related one) and no other warning or error appears; a draft marked `expected: miss` is
//!   still missed (`tests/planted.rs` holds the same drafts to the same standard all at once
//!   and reports recall per rule).
//!
//! A fixture folder without its test here fails `every_fixture_folder_has_its_test`.

use figcheck::{CheckOptions, Diagnostic, Document, Kind, Severity, Span};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

fn subdirs(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

fn findings(path: &Path) -> (Document, Vec<Diagnostic>) {
    let doc = Document::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let qs = figcheck::extract(&doc);
    let found = figcheck::check(&doc, &qs, &CheckOptions::default());
    (doc, found)
}

fn show(doc: &Document, d: &Diagnostic) -> String {
    format!(
        "[{}] `{}`: {}",
        d.code,
        doc.text.get(d.span.start..d.span.end).unwrap_or("?"),
        d.message
    )
}

/// Every file under `fixtures/check/<dir>/`, judged by its name.
fn check_fixtures(dir: &str) {
    let fx = files(&root().join("fixtures/check").join(dir));
    assert!(!fx.is_empty(), "fixtures/check/{dir} is empty");
    let mut failures = Vec::new();
    for path in &fx {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let rel = format!("fixtures/check/{dir}/{name}");
        let (doc, found) = findings(path);
        for d in &found {
            for s in std::iter::once(d.span).chain(d.related.iter().map(|r| r.span)) {
                if !(s.start < s.end
                    && s.end <= doc.text.len()
                    && doc.text.is_char_boundary(s.start)
                    && doc.text.is_char_boundary(s.end))
                {
                    failures.push(format!(
                        "{rel}: bad span {}..{} in {}",
                        s.start, s.end, d.code
                    ));
                }
            }
        }
        if name.starts_with("clean") {
            for d in &found {
                failures.push(format!("{rel} should be clean: {}", show(&doc, d)));
            }
        } else if name.starts_with("fires") {
            if !found.iter().any(|d| d.code == dir) {
                failures.push(format!("{rel} should fire {dir}: {found:#?}"));
            }
        } else {
            failures.push(format!("{rel}: name it clean* or fires*"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The front matter's `key: value` lines and where the body starts.
fn front_matter(rel: &str, text: &str) -> (BTreeMap<String, String>, usize) {
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("{rel}: no front matter"));
    let end = rest
        .find("\n---\n")
        .unwrap_or_else(|| panic!("{rel}: front matter not closed"));
    let mut keys = BTreeMap::new();
    for line in rest[..end].lines() {
        let (k, v) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{rel}: front matter line without a key: {line}"));
        let v = v.trim();
        let v = if v.starts_with('"') {
            serde_json::from_str::<String>(v).unwrap_or_else(|e| panic!("{rel}: {k}: {e}"))
        } else {
            v.to_string()
        };
        keys.insert(k.trim().to_string(), v);
    }
    (keys, 4 + end + 5)
}

/// Every draft under `fixtures/planted/<dir>/`.
fn planted(dir: &str) {
    let drafts: Vec<PathBuf> = files(&root().join("fixtures/planted").join(dir))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    assert!(!drafts.is_empty(), "fixtures/planted/{dir} has no drafts");
    let mut failures = Vec::new();
    for path in &drafts {
        let rel = format!(
            "fixtures/planted/{dir}/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let text = std::fs::read_to_string(path).unwrap();
        let (fm, body) = front_matter(&rel, &text);
        assert_eq!(
            fm.get("planted_rule").map(String::as_str),
            Some(dir),
            "{rel}"
        );
        let want = fm
            .get("planted_span")
            .unwrap_or_else(|| panic!("{rel}: no planted_span"));
        let at: Vec<usize> = text[body..]
            .match_indices(want.as_str())
            .map(|(i, _)| body + i)
            .collect();
        assert_eq!(
            at.len(),
            1,
            "{rel}: planted_span must occur once in the body"
        );
        let span = Span::new(at[0], at[0] + want.len());
        let overlaps = |s: Span| s.start < span.end && span.start < s.end;
        let miss = fm.get("expected").is_some_and(|e| e == "miss");
        let (doc, found) = findings(path);
        let (caught, others): (Vec<&Diagnostic>, Vec<&Diagnostic>) = found
            .iter()
            .filter(|d| d.severity != Severity::Note)
            .partition(|d| {
                d.code == dir && (overlaps(d.span) || d.related.iter().any(|r| overlaps(r.span)))
            });
        for d in others {
            failures.push(format!(
                "{rel}: a finding other than the planted one: {}",
                show(&doc, d)
            ));
        }
        match (miss, caught.is_empty()) {
            (false, true) => {
                failures.push(format!("{rel}: the planted error at `{want}` was missed"))
            }
            (true, false) => failures.push(format!(
                "{rel}: marked expected: miss, but it is found now ({}): remove the mark",
                show(&doc, caught[0])
            )),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

macro_rules! rule_tests {
    (
        check: [$($c:ident => $cdir:literal),* $(,)?],
        planted: [$($p:ident => $pdir:literal),* $(,)?] $(,)?
    ) => {
        /// The folders under `fixtures/check/` with a test.
        const CHECK_DIRS: &[&str] = &[$($cdir),*];
        /// The folders under `fixtures/planted/` with a test.
        const PLANTED_DIRS: &[&str] = &[$($pdir),*];
        $(
            mod $c {
                #[test]
                fn fixtures() {
                    super::check_fixtures($cdir);
                }
            }
        )*
        $(
            mod $p {
                #[test]
                fn planted() {
                    super::planted($pdir);
                }
            }
        )*
    };
}

rule_tests! {
    check: [
        conversion => "conversion",
        total => "total",
        part_whole => "part-whole",
        percent_of => "percent-of",
        percent_change => "percent-change",
        direction => "direction",
        difference => "difference",
        multiple => "multiple",
        breakdown => "breakdown",
        weekday => "weekday",
        duration => "duration",
        elapsed => "elapsed",
        calendar => "calendar",
        age => "age",
        undated => "undated",
        // Copy that looks like an error and is not: clean files only.
        traps => "traps",
    ],
    planted: [
        // `planted` modules sit beside the `fixtures` ones under the rule's name.
        planted_conversion => "conversion",
        planted_total => "total",
        planted_part_whole => "part-whole",
        planted_percent_of => "percent-of",
        planted_percent_change => "percent-change",
        planted_direction => "direction",
        planted_difference => "difference",
        planted_multiple => "multiple",
        planted_breakdown => "breakdown",
        planted_weekday => "weekday",
        planted_duration => "duration",
        planted_elapsed => "elapsed",
        planted_calendar => "calendar",
        planted_age => "age",
    ],
}

#[test]
fn every_fixture_folder_has_its_test() {
    let want: BTreeSet<String> = CHECK_DIRS.iter().map(|s| s.to_string()).collect();
    assert_eq!(subdirs(&root().join("fixtures/check")), want);
    let want: BTreeSet<String> = PLANTED_DIRS.iter().map(|s| s.to_string()).collect();
    assert_eq!(subdirs(&root().join("fixtures/planted")), want);
    // Every check rule has its fixtures, and every rule that warns or errs its planted drafts.
    for r in figcheck::registry::of_kind(Kind::Check) {
        assert!(CHECK_DIRS.contains(&r.code), "{}: no fixtures", r.code);
        if r.severity != Severity::Note {
            assert!(
                PLANTED_DIRS.contains(&r.code),
                "{}: no planted drafts",
                r.code
            );
        }
    }
}
