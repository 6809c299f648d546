//! `figcheck reconcile --format html` in a real browser: the page is loaded in headless
//! Chromium (`.ci/run` installs Debian's `chromium`), and the rendered DOM is checked against
//! the JSON of the same reconcile: one row per claim with its status, every cell's link
//! reaching its figure highlighted in the source's text, the status filter run by the page's
//! own script, and a screenshot produced. Outside CI (env `CI` unset) without Chromium the
//! test says it skipped; in CI a missing browser fails it.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn case_files() -> Vec<String> {
    fixtures("reconcile/update")
        .into_iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

/// The browser, from PATH.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

fn browser(bin: &Path, args: &[&str]) -> std::process::Output {
    Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--allow-file-access-from-files",
        ])
        .args(args)
        .output()
        .expect("run chromium")
}

/// The value of attribute `name` in the tag text `tag` (`<tr id="row-1" ...`).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    let len = tag[from..].find('"')?;
    Some(&tag[from..from + len])
}

/// Every opening tag `<name ...>` in `dom` whose text contains `has`.
fn tags<'a>(dom: &'a str, name: &str, has: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(k) = dom[at..].find(&open) {
        let start = at + k;
        let end = dom[start..].find('>').map_or(dom.len(), |e| start + e + 1);
        let tag = &dom[start..end];
        if tag.contains(has) {
            out.push(tag);
        }
        at = end;
    }
    out
}

fn slug(status: &str) -> String {
    status.replace(' ', "-")
}

fn page_and_json() -> (String, Value) {
    let files = case_files();
    let mut args = vec!["reconcile", "--format", "html"];
    args.extend(files.iter().map(String::as_str));
    let html = figcheck(&args);
    assert!(stderr(&html).is_empty(), "{}", stderr(&html));
    args[2] = "json";
    let json: Value = serde_json::from_str(&stdout(&figcheck(&args))).expect("JSON");
    (stdout(&html), json)
}

#[test]
fn the_page_is_self_contained_and_matches_the_json() {
    // The page's snapshot is taken with the other cases' in tests/reconcile.rs.
    let (page, v) = page_and_json();
    // No network and no external assets.
    for bad in [
        "<link", "<img", "src=", "@import", "url(", "http://", "https://",
    ] {
        assert!(!page.contains(bad), "the page holds {bad:?}");
    }
    let claims = v["claims"].as_array().unwrap();
    let rows = tags(&page, "tr", "data-status=");
    assert_eq!(rows.len(), claims.len());
    let statuses: Vec<String> = claims
        .iter()
        .map(|c| slug(c["status"].as_str().unwrap()))
        .collect();
    assert!(statuses.iter().any(|s| s == "updated"), "{statuses:?}");
    assert!(statuses.iter().any(|s| s == "conflict"), "{statuses:?}");
}

#[test]
fn the_page_renders_in_a_browser() {
    let Some(bin) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but chromium is not installed (.ci/run installs Debian's chromium)"
        );
        eprintln!("skipped: chromium is not installed and CI is unset (.ci/run installs it)");
        println!("skipped: chromium is not installed and CI is unset");
        return;
    };
    let (page, v) = page_and_json();
    let dir = scratch("html", "browser");
    let file = dir.join("page.html");
    std::fs::write(&file, &page).unwrap();
    let url = format!("file://{}", file.display());

    // The rendered DOM: rows and statuses as the JSON has them.
    let out = browser(&bin, &["--dump-dom", &url]);
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        dom.contains("<table id=\"claims\">"),
        "no DOM from chromium: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let claims = v["claims"].as_array().unwrap();
    let rows = tags(&dom, "tr", "data-status=");
    assert_eq!(rows.len(), claims.len(), "{dom}");
    for (tr, c) in rows.iter().zip(claims) {
        assert_eq!(
            attr(tr, "data-status"),
            Some(slug(c["status"].as_str().unwrap()).as_str())
        );
    }
    // Every cell links to a highlighted figure: a mark with that id, in a source's text.
    let links = tags(&dom, "a", "class=\"cell-link\"");
    let values: usize = claims
        .iter()
        .map(|c| c["values"].as_array().unwrap().len())
        .sum();
    assert_eq!(links.len(), values);
    for a in &links {
        let href = attr(a, "href").expect("href");
        let id = href.strip_prefix('#').expect("a link inside the page");
        let marks = tags(&dom, "mark", &format!("id=\"{id}\""));
        assert_eq!(marks.len(), 1, "{href} reaches no single mark");
        assert!(
            attr(marks[0], "class").is_some_and(|c| c.split(' ').any(|x| x == "claim")),
            "{}",
            marks[0]
        );
    }
    // Conflicts and updates are marked.
    assert!(dom.contains("class=\"badge conflict\"") && dom.contains("class=\"badge updated\""));

    // The page's own script filters by status (from the address here).
    let out = browser(&bin, &["--dump-dom", &format!("{url}?status=conflict")]);
    let dom = String::from_utf8_lossy(&out.stdout).into_owned();
    let rows = tags(&dom, "tr", "data-status=");
    assert_eq!(rows.len(), claims.len());
    let conflicts = rows
        .iter()
        .filter(|tr| attr(tr, "data-status") == Some("conflict"))
        .count();
    assert!(conflicts > 0);
    for tr in &rows {
        let hidden = tr.contains(" hidden");
        assert_eq!(hidden, attr(tr, "data-status") != Some("conflict"), "{tr}");
    }
    assert!(dom.contains(&format!("<span id=\"shown\">{conflicts}</span>")));

    // A screenshot, with a figure targeted (highlighted by :target).
    let first = attr(links[0], "href").unwrap();
    let shot = dir.join("page.png");
    let out = browser(
        &bin,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1400,1000",
            &format!("{url}{first}"),
        ],
    );
    let png = std::fs::read(&shot).unwrap_or_else(|e| {
        panic!(
            "no screenshot ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        png.len() > 10_000,
        "a blank screenshot? {} bytes",
        png.len()
    );
}
