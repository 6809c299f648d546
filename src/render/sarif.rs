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

use super::{Docs, End, Report};
use figcheck::{Diagnostic, Document, Severity, Span};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Mutex, PoisonError};

/// A rule's metadata as SARIF shows it (owned: a finding whose code is not in the registry
/// gets an entry of its own there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable kebab-case code.
    pub code: String,
    /// Default severity.
    pub severity: Severity,
    /// One line.
    pub summary: String,
    /// What it checks / why / examples.
    pub doc: String,
}

/// Every rule of the registry ([`figcheck::registry::ALL`]), as SARIF shows it.
pub fn rules() -> Vec<RuleMeta> {
    figcheck::registry::ALL
        .iter()
        .map(|r| RuleMeta {
            code: r.code.into(),
            severity: r.severity,
            summary: r.summary.into(),
            doc: r.doc.into(),
        })
        .collect()
}

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

/// The rule index of each registry code, and the entries of codes outside it in the order they
/// were first seen.
#[derive(Default)]
struct RuleTable {
    index: HashMap<String, usize>,
    all: Vec<RuleMeta>,
}

impl RuleTable {
    fn new(rules: &[RuleMeta]) -> RuleTable {
        RuleTable {
            index: rules
                .iter()
                .enumerate()
                .map(|(k, r)| (r.code.clone(), k))
                .collect(),
            all: rules.to_vec(),
        }
    }

    /// The index of `d`'s rule, adding an entry of its own for a code outside the table.
    fn index_of(&mut self, d: &Diagnostic) -> usize {
        if let Some(&k) = self.index.get(&d.code) {
            return k;
        }
        self.all.push(RuleMeta {
            code: d.code.clone(),
            severity: d.severity,
            summary: d.code.clone(),
            doc: String::new(),
        });
        self.index.insert(d.code.clone(), self.all.len() - 1);
        self.all.len() - 1
    }
}

fn result<'a>(
    docs: Docs<'_>,
    d: &'a Diagnostic,
    fp: Option<&'a str>,
    rule_index: usize,
) -> ResultJson<'a> {
    let doc = docs.get(&d.file);
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
            let mut l = location(docs.get(&rel.file), &rel.file, rel.span);
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
        rule_index,
    }
}

/// `--format sarif`, written as the documents are: the log's opening, then each result as its
/// document's findings come, then the run's invocation (the files that could not be read, known
/// only at the end) and the tool with its rules. One run; keys in sorted order but for the
/// invocation, which follows the results.
pub struct Sarif {
    state: Mutex<SarifState>,
}

struct SarifState {
    rules: RuleTable,
    /// Whether a result was written.
    any: bool,
}

impl Sarif {
    /// A log with the rules `rules` (more are added for codes outside them).
    pub fn new(rules: &[RuleMeta]) -> Sarif {
        Sarif {
            state: Mutex::new(SarifState {
                rules: RuleTable::new(rules),
                any: false,
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, SarifState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Report for Sarif {
    fn begin(&self, w: &mut dyn Write) -> std::io::Result<()> {
        w.write_all(
            b"{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\": [\n    {\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
        )
    }

    fn render(&self, _: Docs<'_>, _: Option<&Document>, _: &[Diagnostic], _: &mut Vec<u8>) {}

    fn write(
        &self,
        w: &mut dyn Write,
        docs: Docs<'_>,
        doc: Option<&Document>,
        findings: &[Diagnostic],
        _: &[u8],
    ) -> std::io::Result<()> {
        // Fingerprints per file, in the order of that file's findings.
        let fps = match doc {
            Some(doc) => figcheck::baseline::fingerprints(doc, findings),
            None => Vec::new(),
        };
        let mut s = self.state();
        for (k, d) in findings.iter().enumerate() {
            let index = s.rules.index_of(d);
            w.write_all(if s.any { b",\n        " } else { b"\n        " })?;
            s.any = true;
            let r = result(docs, d, fps.get(k).map(String::as_str), index);
            super::json::write_nested(&mut *w, 4, &r)?;
        }
        Ok(())
    }

    fn finish(&self, w: &mut dyn Write, end: &End<'_>) -> std::io::Result<()> {
        let s = self.state();
        w.write_all(if s.any { b"\n      ]" } else { b"]" })?;
        if !end.errors.is_empty() {
            let invocations = [Invocation {
                execution_successful: false,
                tool_execution_notifications: end
                    .errors
                    .iter()
                    .map(|e| Notification {
                        level: "error",
                        locations: [location(None, &e.file, Span::new(0, 0))],
                        message: OwnedText {
                            text: format!("{}: {}", e.file, e.reason),
                        },
                    })
                    .collect(),
            }];
            w.write_all(b",\n      \"invocations\": ")?;
            super::json::write_nested(&mut *w, 3, &invocations)?;
        }
        let rules_json: Vec<Rule> = s
            .rules
            .all
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
        let tool = Tool {
            driver: Driver {
                information_uri: INFORMATION_URI,
                name: "figcheck",
                rules: rules_json,
                semantic_version: env!("CARGO_PKG_VERSION"),
                version: env!("CARGO_PKG_VERSION"),
            },
        };
        w.write_all(b",\n      \"tool\": ")?;
        super::json::write_nested(&mut *w, 3, &tool)?;
        w.write_all(b"\n    }\n  ],\n  \"version\": \"2.1.0\"\n}\n")
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
    super::write_all(
        &Sarif::new(rules),
        out,
        docs,
        diagnostics.to_vec(),
        &End::default(),
    )
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
        for (mut ds, rs) in cases {
            // The log takes each document's findings in turn, in the documents' order (files
            // not read last), as a run gives them.
            ds.sort_by_key(|d| {
                docs.iter()
                    .position(|doc| doc.name == d.file)
                    .unwrap_or(docs.len())
            });
            assert_eq!(render(&docs, &ds, rs), old_render(&docs, &ds, rs));
        }
    }
}
