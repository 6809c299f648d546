//! `figcheck lsp` end to end: the built binary is started and spoken to in JSON-RPC over its
//! standard input and output, as an editor does.

mod common;
#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{Client, file_uri};
use serde_json::{Value, json};
use std::path::Path;

/// The LSP position (line, UTF-16 column) of byte `off` of `text`, counted here
/// independently of the server: lines end at `\n` (this file's texts have no lone `\r`).
fn pos(text: &str, off: usize) -> Value {
    let before = &text[..off];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..]
        .trim_end_matches('\r')
        .encode_utf16()
        .count();
    json!({"line": line, "character": col})
}

fn range(text: &str, needle: &str) -> Value {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {text:?}"));
    json!({"start": pos(text, start), "end": pos(text, start + needle.len())})
}

fn codes(diags: &Value) -> Vec<String> {
    diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Applies LSP text edits (non-overlapping, in any order) to `text`.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, col) = (
            p["line"].as_u64().unwrap() as usize,
            p["character"].as_u64().unwrap() as usize,
        );
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= col {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

const FERRY: &str = "🚢 The ferry line runs 40 kilometres (12 miles) up the estuary.\n\nIts timetable lists 14 sailings a day.\n";

fn started(dir: &Path, options: Value) -> Client {
    let mut c = Client::start(&common::bin(), dir, &[]);
    let caps = c.initialize(dir, options);
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["hoverProvider"], true);
    c
}

/// The whole session an editor has: open, diagnostics, code actions, hover, edits, shutdown.
#[test]
fn a_session_diagnoses_fixes_hovers_and_shuts_down() {
    let dir = common::scratch("lsp", "session");
    let file = dir.join("ferry report.md");
    std::fs::write(&file, FERRY).unwrap();
    let uri = file_uri(&file);
    let mut c = started(&dir, json!({"debounceMs": 20}));
    c.open(&uri, "markdown", 1, FERRY);

    let d = c.diagnostics(&uri, Some(1));
    assert_eq!(codes(&d), ["conversion"], "{d}");
    let diag = &d["diagnostics"][0];
    // The span of "12 miles", in UTF-16 units after an emoji of two.
    assert_eq!(diag["range"], range(FERRY, "12 miles"), "{diag}");
    assert_eq!(diag["range"]["start"]["character"], 38);
    assert_eq!(diag["severity"], 1);
    assert_eq!(diag["source"], "figcheck");
    let msg = diag["message"].as_str().unwrap();
    assert!(
        msg.contains("40 km is 24.85 mi; the text says 12 mi"),
        "{msg}"
    );
    assert!(msg.contains("help: write 25 mi"), "{msg}");
    let href = diag["codeDescription"]["href"].as_str().unwrap();
    assert!(href.ends_with("rules.md#conversion"), "{href}");
    let rel = &diag["relatedInformation"][0];
    assert_eq!(rel["location"]["uri"], uri);
    assert_eq!(rel["location"]["range"], range(FERRY, "40 kilometres"));
    assert!(rel["message"].as_str().unwrap().contains("converted from"));

    // Code actions at the finding: the help's fix in the text's own spelling, and a
    // suppression comment with a reason placeholder at the start of the paragraph.
    let actions = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diag["range"], "context": {"diagnostics": [diag]}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 2, "{actions:#?}");
    let fix = &actions[0];
    assert_eq!(fix["title"], "Write 25 miles");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let edits = fix["edit"]["changes"][&uri].as_array().unwrap();
    let fixed = apply_edits(FERRY, edits);
    assert!(fixed.contains("40 kilometres (25 miles)"), "{fixed}");
    let ignore = &actions[1];
    let edits = ignore["edit"]["changes"][&uri].as_array().unwrap();
    let ignored = apply_edits(FERRY, edits);
    assert!(
        ignored.starts_with("<!-- figcheck-ignore conversion: REASON -->\n🚢 The ferry"),
        "{ignored}"
    );

    // Hover on the source figure: its reading; on the finding: the working.
    let at = FERRY.find("40 kilometres").unwrap() + 1;
    let h = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(FERRY, at)}),
    );
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(text.contains("**40 kilometres** · length"), "{text}");
    assert!(text.contains("- value: 40 km"), "{text}");
    assert!(h["range"] == range(FERRY, "40 kilometres"), "{h}");
    let at = FERRY.find("12 miles").unwrap();
    let h = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(FERRY, at)}),
    );
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("**conversion** (error): 40 km is 24.85 mi"),
        "{text}"
    );
    assert!(text.contains("- value: 12 mi"), "{text}");
    let at = FERRY.find("timetable").unwrap();
    let h = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(FERRY, at)}),
    );
    assert_eq!(h, Value::Null);
    let at = FERRY.find("14 sailings").unwrap();
    let h = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos(FERRY, at)}),
    );
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(text.contains("- noun: sailings"), "{text}");

    // An incremental change applying the fix clears the finding.
    let fix_edit = &fix["edit"]["changes"][&uri][0];
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": fix_edit["range"], "text": fix_edit["newText"]}]}),
    );
    let d = c.diagnostics(&uri, Some(2));
    assert_eq!(codes(&d), Vec::<String>::new(), "{d}");
    // A whole-text change back brings it back; the suppression then silences it.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": FERRY}]}),
    );
    assert_eq!(codes(&c.diagnostics(&uri, Some(3))), ["conversion"]);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": ignored}]}),
    );
    let d = c.diagnostics(&uri, Some(4));
    assert_eq!(codes(&d), Vec::<String>::new(), "{d}");
    // With a reason written, saving keeps it clean.
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let d = c.diagnostics(&uri, Some(4));
    assert_eq!(codes(&d), Vec::<String>::new());

    let status = c.shutdown();
    assert!(status.success(), "{status:?}");
}

/// Changes typed in quick succession are analysed once, for the last version.
#[test]
fn changes_are_debounced_to_the_last_version() {
    let dir = common::scratch("lsp", "debounce");
    let uri = file_uri(&dir.join("d.txt"));
    let mut c = started(&dir, json!({"debounceMs": 300}));
    c.open(&uri, "plaintext", 1, "Nothing counted.\n");
    assert_eq!(codes(&c.diagnostics(&uri, Some(1))), Vec::<String>::new());
    for v in 2..=6 {
        let text = if v == 6 {
            FERRY.to_string()
        } else {
            format!("Draft {v}.\n")
        };
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": text}]}),
        );
    }
    let d = c.diagnostics(&uri, None);
    assert_eq!(d["version"], 6, "{d}");
    assert_eq!(codes(&d), ["conversion"]);
    let id = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    );
    c.response(id);
    let stale: Vec<&Value> = c
        .queue
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert!(stale.is_empty(), "{stale:?}");
    assert!(c.shutdown().success());
}

/// Only the changed document is analysed again; positions survive CRLF and combining marks;
/// HTML is read as HTML.
#[test]
fn only_the_changed_document_is_republished() {
    let dir = common::scratch("lsp", "two");
    let a = file_uri(&dir.join("a.html"));
    let b = file_uri(&dir.join("b.txt"));
    let html = "<p>Cafe\u{301} owners poured 8 litres (3 gallons) of stock.</p>\r\n";
    let text = "Ex\u{300}tra line\r\nThe pier is 300 metres (1,500 feet) long.\r\n";
    let mut c = started(&dir, json!({"debounceMs": 0}));
    c.open(&a, "html", 1, html);
    c.open(&b, "plaintext", 1, text);
    let da = c.diagnostics(&a, Some(1));
    assert_eq!(codes(&da), ["conversion"], "{da}");
    assert_eq!(da["diagnostics"][0]["range"], range(html, "3 gallons"));
    let db = c.diagnostics(&b, Some(1));
    assert_eq!(codes(&db), ["conversion"], "{db}");
    assert_eq!(db["diagnostics"][0]["range"], range(text, "1,500 feet"));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": b, "version": 2},
               "contentChanges": [{"range": range(text, "1,500"), "text": "984"}]}),
    );
    assert_eq!(codes(&c.diagnostics(&b, Some(2))), Vec::<String>::new());
    let id = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": b}, "position": {"line": 0, "character": 0}}),
    );
    c.response(id);
    let other: Vec<&Value> = c.queue.iter().filter(|m| m["params"]["uri"] == a).collect();
    assert!(other.is_empty(), "{other:?}");
    // Closing clears the document's diagnostics.
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": a}}));
    let d = c.diagnostics(&a, None);
    assert_eq!(d["diagnostics"], json!([]));
    assert!(c.shutdown().success());
}

/// The nearest figcheck.toml applies, and a change to it is picked up.
#[test]
fn the_configuration_is_found_and_reloaded() {
    let dir = common::scratch("lsp", "config");
    let desk = dir.join("desk/drafts");
    std::fs::create_dir_all(&desk).unwrap();
    let cfg = dir.join("desk/figcheck.toml");
    std::fs::write(&cfg, "[rules]\nconversion = \"note\"\n").unwrap();
    let uri = file_uri(&desk.join("ferry.md"));
    let mut c = started(&dir, json!({"debounceMs": 0}));
    c.open(&uri, "markdown", 1, FERRY);
    let d = c.diagnostics(&uri, Some(1));
    assert_eq!(codes(&d), ["conversion"]);
    assert_eq!(d["diagnostics"][0]["severity"], 3, "a note is information");
    std::fs::write(&cfg, "[rules]\nconversion = \"off\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&cfg), "type": 2}]}),
    );
    let d = c.diagnostics(&uri, Some(1));
    assert_eq!(codes(&d), Vec::<String>::new(), "{d}");
    // A broken file is reported to the user and the defaults apply.
    std::fs::write(&cfg, "[rules]\nconversoin = \"off\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&cfg), "type": 2}]}),
    );
    let m = c.wait_for(|m| m["method"] == "window/showMessage");
    let text = m["params"]["message"].as_str().unwrap();
    assert!(
        text.contains("figcheck.toml") && text.contains("conversoin"),
        "{text}"
    );
    let d = c.diagnostics(&uri, Some(1));
    assert_eq!(codes(&d), ["conversion"]);
    assert_eq!(d["diagnostics"][0]["severity"], 1);
    assert!(c.shutdown().success());
}

/// `exit` without `shutdown` is an unclean end (status 1); unknown requests get an error.
#[test]
fn exit_without_shutdown_fails_and_unknown_requests_are_refused() {
    let dir = common::scratch("lsp", "exit");
    let mut c = started(&dir, json!({}));
    let id = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": "file:///x.md"}, "position": {"line": 0, "character": 0}}),
    );
    let r = c.wait_for(|m| m["id"] == id);
    assert_eq!(r["error"]["code"], -32601, "{r}");
    c.notify("exit", Value::Null);
    let status = c.wait();
    assert_eq!(status.code(), Some(1));
}

/// A document whose checking panics gets one error diagnostic; the server goes on serving
/// the others (`FIGCHECK_TEST_PANIC` makes debug builds panic in the named file's work).
#[test]
#[cfg(debug_assertions)]
fn a_panic_in_one_document_leaves_the_server_running() {
    let dir = common::scratch("lsp", "panic");
    let bad = dir.join("bad.md");
    let mut c = lsp_client::Client::start_with_env(
        &common::bin(),
        &dir,
        &[],
        &[("FIGCHECK_TEST_PANIC", bad.to_str().unwrap())],
    );
    c.initialize(&dir, json!({"debounceMs": 0}));
    let bad_uri = file_uri(&bad);
    c.open(&bad_uri, "markdown", 1, FERRY);
    let d = c.diagnostics(&bad_uri, Some(1));
    let msg = d["diagnostics"][0]["message"].as_str().unwrap();
    assert!(msg.contains("internal error"), "{d}");
    let good = file_uri(&dir.join("good.md"));
    c.open(&good, "markdown", 1, FERRY);
    assert_eq!(codes(&c.diagnostics(&good, Some(1))), ["conversion"]);
    assert!(c.shutdown().success());
}
