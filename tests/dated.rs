//! The document's date as `extract` reports it: every fixture under `fixtures/dated/` is
//! dated from the source its name says, and an unreadable front-matter date is an error that
//! names its key while the other files are still read.

mod common;
use common::*;
use serde_json::Value;

fn documents(paths: &[&str]) -> (Option<i32>, Vec<Value>, String) {
    let mut args = vec!["extract", "--format", "json"];
    args.extend_from_slice(paths);
    let out = figcheck(&args);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("extract --format json is JSON");
    (
        out.status.code(),
        v["documents"].as_array().cloned().unwrap_or_default(),
        stderr(&out),
    )
}

#[test]
fn each_fixture_is_dated_from_its_own_source() {
    let all = fixtures("dated");
    assert!(all.len() >= 12, "dated fixtures are missing");
    let paths: Vec<&str> = all.iter().map(|p| p.to_str().unwrap()).collect();
    let (code, docs, err) = documents(&paths);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(docs.len(), paths.len());
    for (d, p) in docs.iter().zip(&paths) {
        assert_eq!(d["file"], *p);
        let name = p.rsplit('/').next().unwrap();
        let want = match name.split(['-', '.']).next().unwrap() {
            "front" => "front-matter",
            "html" | "json" | "time" => "html-meta",
            "dateline" | "caption" => "dateline",
            "byline" | "timestamp" | "published" => "byline",
            _ => "none",
        };
        assert_eq!(d["date_source"], want, "{p}: {d}");
        assert_eq!(d["document_date"].is_null(), want == "none", "{p}: {d}");
    }
    // A caption's date is never the document's: the dateline under it is.
    let caption = docs
        .iter()
        .find(|d| d["file"].as_str().unwrap().ends_with("caption-ignored.txt"))
        .unwrap();
    assert_eq!(caption["document_date"], "--02-05");
}

#[test]
fn option_date_outranks_the_text_and_is_reported_as_such() {
    let out = figcheck(&[
        "extract",
        "--format",
        "json",
        "--date",
        "2026-01-02",
        "fixtures/dated/dateline-ap.md",
    ]);
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["documents"][0]["date_source"], "option");
    assert_eq!(v["documents"][0]["document_date"], "2026-01-02");
}

#[test]
fn an_unreadable_front_matter_date_names_the_file_and_key() {
    let dir = scratch("dated", "bad-front-matter");
    let bad = dir.join("bad.md");
    std::fs::write(
        &bad,
        "---\npublishDate: the week after next\n---\n\n12 boats sailed.\n",
    )
    .unwrap();
    let bad = bad.to_str().unwrap();
    let (code, docs, err) = documents(&[bad, "fixtures/dated/dateline-ap.md"]);
    assert_eq!(code, Some(2));
    assert!(err.contains(bad) && err.contains("publishDate"), "{err}");
    assert_eq!(docs.len(), 1, "the readable file is still read");
}
