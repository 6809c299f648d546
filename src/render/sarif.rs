//! SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, IDEs).
//!
//! One run; `tool.driver.rules` carries every known rule (code, summary, documentation,
//! default level) and any code seen in the findings; each result has its rule, level, message,
//! a physical location with a region in lines/columns (Unicode code points, 1-based, end
//! exclusive) and in bytes, related locations for the figures it was computed from, and a
//! partial fingerprint that survives edits elsewhere in the file.
//!
//! The log is serialized from borrowed views straight into the caller's writer, results as
//! they are read; keys in sorted order (the order of the first version, built as maps).

use crate::cmd::gate::RuleMeta;
use figcheck::{Diagnostic, Document, Severity, Span};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

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

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    invocations: Vec<Invocation<'a>>,
    results: Results<'a>,
    tool: Tool<'a>,
}

/// The run's invocation, present when a file could not be read: each such file is a
/// `toolExecutionNotification` (level `error`, at the file), and the execution was not
/// successful.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification<'a>>,
}

#[derive(Serialize)]
struct Notification<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: OwnedText,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    information_uri: &'static str,
    name: &'static str,
    rules: Vec<Rule<'a>>,
    semantic_version: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Level {
    level: &'static str,
}

#[derive(Serialize)]
struct Help<'a> {
    markdown: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    default_configuration: Level,
    full_description: Text<'a>,
    help: Help<'a>,
    id: &'a str,
    short_description: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    byte_length: usize,
    byte_offset: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_line: Option<usize>,
}

fn region(doc: Option<&Document>, span: Span) -> Region {
    let mut r = Region {
        byte_length: span.end.saturating_sub(span.start),
        byte_offset: span.start,
        end_column: None,
        end_line: None,
        start_column: None,
        start_line: None,
    };
    if let Some(d) = doc {
        let (sl, sc) = d.line_col(span.start);
        let (el, ec) = d.line_col(span.end.max(span.start));
        r.start_line = Some(sl);
        r.start_column = Some(sc);
        r.end_line = Some(el);
        r.end_column = Some(ec);
    }
    r
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
    physical_location: Physical,
}

fn location<'a>(doc: Option<&Document>, file: &str, span: Span) -> Location<'a> {
    Location {
        id: None,
        message: None,
        physical_location: Physical {
            artifact_location: Artifact { uri: uri(file) },
            region: region(doc, span),
        },
    }
}

#[derive(Serialize)]
struct Fingerprint<'a> {
    #[serde(rename = "figcheckFinding/v1")]
    v1: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultJson<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: OwnedText,
    #[serde(skip_serializing_if = "Option::is_none")]
    partial_fingerprints: Option<Fingerprint<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    rule_id: &'a str,
    rule_index: usize,
}

#[derive(Serialize)]
struct OwnedText {
    text: String,
}

/// The results, each built and written in turn.
struct Results<'a> {
    diagnostics: &'a [Diagnostic],
    fingerprints: &'a [Option<String>],
    by_name: &'a HashMap<&'a str, &'a Document>,
    index: &'a HashMap<&'a str, usize>,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.diagnostics
                .iter()
                .zip(self.fingerprints)
                .map(|(d, fp)| self.result(d, fp.as_deref())),
        )
    }
}

impl<'a> Results<'a> {
    fn result(&self, d: &'a Diagnostic, fp: Option<&'a str>) -> ResultJson<'a> {
        let doc = self.by_name.get(d.file.as_str()).copied();
        let mut text = d.message.clone();
        if let Some(h) = &d.help {
            text.push_str("\nhelp: ");
            text.push_str(h);
        }
        let related_locations = d
            .related
            .iter()
            .enumerate()
            .map(|(k, rel)| {
                let rdoc = self.by_name.get(rel.file.as_str()).copied();
                let mut l = location(rdoc, &rel.file, rel.span);
                l.id = Some(k + 1);
                l.message = Some(Text { text: &rel.message });
                l
            })
            .collect();
        ResultJson {
            level: level(d.severity),
            locations: [location(doc, &d.file, d.span)],
            message: OwnedText { text },
            partial_fingerprints: fp.map(|v1| Fingerprint { v1 }),
            related_locations,
            rule_id: &d.code,
            rule_index: self.index.get(d.code.as_str()).copied().unwrap_or(0),
        }
    }
}

/// The SARIF log for `diagnostics` (for files among `docs`), with rule metadata `rules`, into
/// `out`.
#[cfg(test)]
pub fn render_to(
    out: &mut impl Write,
    docs: &[Document],
    diagnostics: &[Diagnostic],
    rules: &[RuleMeta],
) -> std::io::Result<()> {
    render_to_with_errors(out, docs, diagnostics, rules, &[])
}

/// As [`render_to`], with the files that could not be read (`(file, reason)`) as the
/// invocation's tool execution notifications.
pub fn render_to_with_errors(
    out: &mut impl Write,
    docs: &[Document],
    diagnostics: &[Diagnostic],
    rules: &[RuleMeta],
    errors: &[(&str, &str)],
) -> std::io::Result<()> {
    let invocations = if errors.is_empty() {
        Vec::new()
    } else {
        vec![Invocation {
            execution_successful: false,
            tool_execution_notifications: errors
                .iter()
                .map(|(file, reason)| Notification {
                    level: "error",
                    locations: [location(None, file, Span::new(0, 0))],
                    message: OwnedText {
                        text: format!("{file}: {reason}"),
                    },
                })
                .collect(),
        }]
    };
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
    let rules_json: Vec<Rule> = all
        .iter()
        .map(|r| {
            let full = if r.doc.trim().is_empty() {
                r.summary.as_str()
            } else {
                r.doc.trim()
            };
            Rule {
                default_configuration: Level {
                    level: level(r.severity),
                },
                full_description: Text { text: full },
                help: Help {
                    markdown: full,
                    text: full,
                },
                id: &r.code,
                short_description: Text { text: &r.summary },
            }
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
    let fingerprints: Vec<Option<String>> = diagnostics
        .iter()
        .map(|d| fps.get_mut(d.file.as_str()).and_then(Iterator::next))
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            invocations,
            results: Results {
                diagnostics,
                fingerprints: &fingerprints,
                by_name: &by_name,
                index: &index,
            },
            tool: Tool {
                driver: Driver {
                    information_uri: INFORMATION_URI,
                    name: "figcheck",
                    rules: rules_json,
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    };
    super::json::write_nested(out, 0, &log)?;
    out.write_all(b"\n")
}

/// The SARIF log as one string.
#[cfg(test)]
pub fn render(docs: &[Document], diagnostics: &[Diagnostic], rules: &[RuleMeta]) -> String {
    let mut out = Vec::new();
    render_to(&mut out, docs, diagnostics, rules).unwrap();
    String::from_utf8(out).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    // The first version's renderer, kept as the reference for the streamed bytes.
    fn old_region(doc: Option<&Document>, span: Span) -> Value {
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

    fn old_location(doc: Option<&Document>, file: &str, span: Span) -> Value {
        json!({
            "physicalLocation": {
                "artifactLocation": { "uri": uri(file) },
                "region": old_region(doc, span),
            }
        })
    }

    /// The log as one `serde_json::Value`, pretty-printed.
    fn old_render(docs: &[Document], diagnostics: &[Diagnostic], rules: &[RuleMeta]) -> String {
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
                    "locations": [old_location(doc, &d.file, d.span)],
                });
                if !d.related.is_empty() {
                    r["relatedLocations"] = Value::Array(
                        d.related
                            .iter()
                            .enumerate()
                            .map(|(k, rel)| {
                                let rdoc = by_name.get(rel.file.as_str()).copied();
                                let mut l = old_location(rdoc, &rel.file, rel.span);
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

    /// The streamed log equals the first version's: no findings, rules with and without
    /// documentation, a code no rule knows, related figures (one in a file not read), help,
    /// findings in several files.
    #[test]
    fn streamed_log_is_the_pretty_printed_document() {
        let a = Document::from_text(
            "a b.md",
            "ab\ncé 12 x 3 and 4".into(),
            figcheck::Format::Markdown,
        )
        .unwrap();
        let b = Document::from_text("/tmp/b.txt", "1\n2\n3 \"q\"".into(), figcheck::Format::Text)
            .unwrap();
        let docs = [a, b];
        let mut full = Diagnostic::new(
            "total",
            Severity::Error,
            "a b.md",
            Span::new(6, 8),
            "m\n\"x\"",
        );
        full.help = Some("write 4".into());
        full.related = vec![
            figcheck::Related {
                file: "a b.md".into(),
                span: Span::new(11, 12),
                message: "from here".into(),
            },
            figcheck::Related {
                file: "elsewhere.md".into(),
                span: Span::new(2, 3),
                message: "é".into(),
            },
        ];
        let plain = Diagnostic::new(
            "weekday",
            Severity::Warning,
            "/tmp/b.txt",
            Span::new(4, 5),
            "w",
        );
        let unknown = Diagnostic::new(
            "no-such-rule",
            Severity::Note,
            "a b.md",
            Span::new(13, 20),
            "n",
        );
        let missing = Diagnostic::new("total", Severity::Note, "gone.md", Span::new(0, 1), "g");
        let rules = [
            RuleMeta {
                code: "total".into(),
                severity: Severity::Error,
                summary: "Totals add up".into(),
                doc: "  Long text.\n\nMore.  ".into(),
            },
            RuleMeta {
                code: "weekday".into(),
                severity: Severity::Warning,
                summary: "Weekdays match".into(),
                doc: String::new(),
            },
        ];
        let cases: Vec<(Vec<Diagnostic>, &[RuleMeta])> = vec![
            (vec![], &[]),
            (vec![], &rules),
            (vec![full.clone()], &rules),
            (
                vec![
                    full.clone(),
                    plain.clone(),
                    unknown.clone(),
                    full,
                    missing,
                    plain,
                ],
                &rules,
            ),
            (vec![unknown], &[]),
        ];
        for (ds, rs) in cases {
            assert_eq!(render(&docs, &ds, rs), old_render(&docs, &ds, rs));
        }
    }
}
