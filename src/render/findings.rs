//! The JSON findings contract (version 1) of `check`. Byte offsets into the original file, end
//! exclusive; line and column 1-based, column in characters.

use figcheck::{Diagnostic, Document};
use serde_json::{Value, json};

/// One finding as a JSON object.
pub fn finding(doc: &Document, d: &Diagnostic) -> Value {
    let (line, column) = doc.line_col(d.span.start);
    json!({
        "code": d.code,
        "severity": d.severity.as_str(),
        "file": d.file,
        "start": d.span.start,
        "end": d.span.end,
        "line": line,
        "column": column,
        "message": d.message,
        "related": d.related.iter().map(|r| json!({
            "file": r.file,
            "start": r.span.start,
            "end": r.span.end,
            "message": r.message,
        })).collect::<Vec<_>>(),
        "help": d.help,
    })
}

/// `figcheck check --format json`.
pub fn render(results: &[(&Document, Vec<Diagnostic>)]) -> String {
    let fs: Vec<Value> = results
        .iter()
        .flat_map(|(doc, ds)| ds.iter().map(move |d| finding(doc, d)))
        .collect();
    let mut s =
        serde_json::to_string_pretty(&json!({"version": 1, "findings": fs})).unwrap_or_default();
    s.push('\n');
    s
}
