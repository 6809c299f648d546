//! SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, IDEs).
//!
//! One run; `tool.driver.rules` carries every known rule (code, summary, documentation,
//! default level) and any code seen in the findings; each result has its rule, level, message,
//! a physical location with a region in lines/columns (Unicode code points, 1-based, end
//! exclusive) and in bytes, related locations for the figures it was computed from, and a
//! partial fingerprint that survives edits elsewhere in the file.

use crate::cmd::gate::RuleMeta;
use figcheck::{Diagnostic, Document, Severity, Span};
use serde_json::{Value, json};
use std::collections::HashMap;

/// Where people can read about the tool.
pub const INFORMATION_URI: &str = "https://crates.io/crates/figcheck";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A file name as a URI reference: relative paths stay relative, with reserved characters
/// percent-encoded; absolute paths become `file://` URIs.
pub fn uri(name: &str) -> String {
    let mut out = String::new();
    let path = name.replace('\\', "/");
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(doc: Option<&Document>, span: Span) -> Value {
    let mut r = json!({
        "byteOffset": span.start,
        "byteLength": span.end.saturating_sub(span.start),
    });
    if let Some(d) = doc {
        let (sl, sc) = d.line_col(span.start);
        let (el, ec) = d.line_col(span.end.max(span.start));
        r["startLine"] = json!(sl);
        r["startColumn"] = json!(sc);
        r["endLine"] = json!(el);
        r["endColumn"] = json!(ec);
    }
    r
}

fn location(doc: Option<&Document>, file: &str, span: Span) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(file) },
            "region": region(doc, span),
        }
    })
}

/// The SARIF log for `diagnostics` (for files among `docs`), with rule metadata `rules`.
pub fn render(docs: &[Document], diagnostics: &[Diagnostic], rules: &[RuleMeta]) -> String {
    let by_name: HashMap<&str, &Document> = docs.iter().map(|d| (d.name.as_str(), d)).collect();
    let mut all: Vec<RuleMeta> = rules.to_vec();
    for d in diagnostics {
        if !all.iter().any(|r| r.code == d.code) {
            all.push(RuleMeta {
                code: d.code.clone(),
                severity: d.severity,
                summary: d.code.clone(),
                doc: String::new(),
            });
        }
    }
    let index: HashMap<&str, usize> = all
        .iter()
        .enumerate()
        .map(|(k, r)| (r.code.as_str(), k))
        .collect();
    let rules_json: Vec<Value> = all
        .iter()
        .map(|r| {
            let full = if r.doc.trim().is_empty() {
                r.summary.clone()
            } else {
                r.doc.trim().to_string()
            };
            json!({
                "id": r.code,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": full },
                "defaultConfiguration": { "level": level(r.severity) },
                "help": { "text": full, "markdown": full },
            })
        })
        .collect();
    // Fingerprints per file, in the order of that file's findings.
    let mut fps: HashMap<&str, std::vec::IntoIter<String>> = HashMap::new();
    for doc in docs {
        let mine: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.file == doc.name)
            .cloned()
            .collect();
        fps.insert(
            doc.name.as_str(),
            figcheck::baseline::fingerprints(doc, &mine).into_iter(),
        );
    }
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let doc = by_name.get(d.file.as_str()).copied();
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str("\nhelp: ");
                text.push_str(h);
            }
            let mut r = json!({
                "ruleId": d.code,
                "ruleIndex": index.get(d.code.as_str()).copied().unwrap_or(0),
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [location(doc, &d.file, d.span)],
            });
            if !d.related.is_empty() {
                r["relatedLocations"] = Value::Array(
                    d.related
                        .iter()
                        .enumerate()
                        .map(|(k, rel)| {
                            let rdoc = by_name.get(rel.file.as_str()).copied();
                            let mut l = location(rdoc, &rel.file, rel.span);
                            l["id"] = json!(k + 1);
                            l["message"] = json!({ "text": rel.message });
                            l
                        })
                        .collect(),
                );
            }
            if let Some(fp) = fps.get_mut(d.file.as_str()).and_then(Iterator::next) {
                r["partialFingerprints"] = json!({ "figcheckFinding/v1": fp });
            }
            r
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "figcheck",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": rules_json,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("drafts/a b.md"), "drafts/a%20b.md");
        assert_eq!(uri("/tmp/x.md"), "file:///tmp/x.md");
        assert_eq!(uri("é.md"), "%C3%A9.md");
    }

    #[test]
    fn regions_have_lines_columns_and_bytes() {
        let doc =
            Document::from_text("d.txt", "ab\ncé 12 x".into(), figcheck::Format::Text).unwrap();
        let s = doc.text.find("12").unwrap();
        let d = Diagnostic::new("total", Severity::Error, "d.txt", Span::new(s, s + 2), "m");
        let v: Value =
            serde_json::from_str(&render(std::slice::from_ref(&doc), &[d], &[])).unwrap();
        let r = &v["runs"][0]["results"][0];
        let reg = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(reg["startLine"], 2);
        assert_eq!(reg["startColumn"], 4);
        assert_eq!(reg["endColumn"], 6);
        assert_eq!(reg["byteOffset"], s);
        assert_eq!(reg["byteLength"], 2);
        assert_eq!(r["ruleId"], "total");
        assert_eq!(v["runs"][0]["tool"]["driver"]["rules"][0]["id"], "total");
    }
}
