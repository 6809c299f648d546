//! The JSON findings contract (version 1) of `check`. Byte offsets into the original file, end
//! exclusive; line and column 1-based, column in characters.
//!
//! Written finding by finding through serde's serializer into the caller's writer (see
//! [`super`]); keys in sorted order, as the contract has had them since version 1.

use super::write_nested;
use crate::{Diagnostic, Document, Related};
use serde::Serialize;
use std::io::Write;

/// One related figure of a finding: its span, and its line and column as the finding has
/// them (left out when its file is not one of the documents read).
#[derive(Serialize)]
struct RelatedJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    end: usize,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    message: &'a str,
    start: usize,
}

/// Where a finding's spans are: the line and column of byte `start` of `file`, when known.
pub(crate) type Locate<'a> = &'a dyn Fn(&str, usize) -> Option<(usize, usize)>;

/// A finding's related figures, serialized as they are read.
struct RelatedList<'a>(&'a [Related], Locate<'a>);

impl Serialize for RelatedList<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|r| {
            let at = (self.1)(&r.file, r.span.start);
            RelatedJson {
                column: at.map(|x| x.1),
                end: r.span.end,
                file: &r.file,
                line: at.map(|x| x.0),
                message: &r.message,
                start: r.span.start,
            }
        }))
    }
}

/// One finding as the JSON contracts have it: the one writer of a finding's span (and its
/// related spans) for `check` and `reconcile`. `help` is `null` when there is none in the
/// findings contract, left out in reconcile's (`help_null`), as each has had it since version
/// 1; a finding whose position is not known has line and column 0.
pub(crate) struct FindingJson<'a> {
    /// The finding.
    pub d: &'a Diagnostic,
    /// Its line and column.
    pub at: Option<(usize, usize)>,
    /// Where its related figures are.
    pub locate: Locate<'a>,
    /// Whether a finding without help writes `"help": null`.
    pub help_null: bool,
}

impl Serialize for FindingJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let d = self.d;
        let (line, column) = self.at.unwrap_or((0, 0));
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", &d.code)?;
        m.serialize_entry("column", &column)?;
        m.serialize_entry("end", &d.span.end)?;
        m.serialize_entry("file", &d.file)?;
        if d.help.is_some() || self.help_null {
            m.serialize_entry("help", &d.help)?;
        }
        m.serialize_entry("line", &line)?;
        m.serialize_entry("message", &d.message)?;
        m.serialize_entry("related", &RelatedList(&d.related, self.locate))?;
        m.serialize_entry("severity", d.severity.as_str())?;
        m.serialize_entry("start", &d.span.start)?;
        m.end()
    }
}

/// `figcheck check --format json` for the findings of each document, in order, into `out`.
pub fn render_to(
    out: &mut impl Write,
    results: &[(&Document, Vec<&Diagnostic>)],
) -> std::io::Result<()> {
    // The documents by name, the first of a name as a search of the list finds it.
    let mut by_name: std::collections::HashMap<&str, &Document> = Default::default();
    for (d, _) in results {
        by_name.entry(d.name.as_str()).or_insert(*d);
    }
    let find = |name: &str| by_name.get(name).copied();
    let mut list = FindingsJson::begin(out)?;
    let mut chunk = Vec::new();
    for (doc, ds) in results {
        chunk.clear();
        document_chunk(&mut chunk, doc, ds, &find);
        list.chunk(&chunk)?;
    }
    list.finish().map(|_| ())
}

/// The findings `ds` of `doc` as [`render_to`] writes them, each with the separator before it,
/// into `out` (rendered apart, on any thread, for [`FindingsJson::chunk`]); `find` gives the
/// documents their related figures may be in.
pub fn document_chunk<'a>(
    out: &mut Vec<u8>,
    doc: &Document,
    ds: &[&'a Diagnostic],
    find: &'a dyn Fn(&str) -> Option<&'a Document>,
) {
    // A related figure's position is from the document of its file, when that is one of
    // those read.
    let locate = |file: &str, start: usize| find(file).map(|x| x.line_col(start));
    for d in ds {
        out.extend_from_slice(b",\n    ");
        let view = FindingJson {
            d,
            at: Some(doc.line_col(d.span.start)),
            locate: &locate,
            help_null: true,
        };
        // Writing into a vector cannot fail.
        let _ = write_nested(out, 2, &view);
    }
}

/// The findings document written document by document: [`FindingsJson::begin`], a
/// [`document_chunk`] for each document in order, [`FindingsJson::finish`].
pub struct FindingsJson<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> FindingsJson<W> {
    /// Writes the document's opening.
    pub fn begin(mut out: W) -> std::io::Result<Self> {
        out.write_all(b"{\n  \"findings\": [")?;
        Ok(FindingsJson { out, first: true })
    }

    /// Writes one document's findings.
    pub fn chunk(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        super::write_list_chunk(&mut self.out, &mut self.first, chunk)
    }

    /// Writes the document's end; returns the writer (not flushed).
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out
            .write_all(if self.first { b"]" } else { b"\n  ]" })?;
        self.out.write_all(b",\n  \"version\": 1\n}\n")?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, Severity, Span};
    use serde_json::{Value, json};

    /// Version 1's renderer: the whole document as one `serde_json::Value`, pretty-printed.
    fn old_render(results: &[(&Document, Vec<&Diagnostic>)]) -> String {
        let fs: Vec<Value> = results
            .iter()
            .flat_map(|(doc, ds)| {
                ds.iter().map(move |d| {
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
                        "related": d.related.iter().map(|r| {
                            let mut v = json!({
                                "file": r.file,
                                "start": r.span.start,
                                "end": r.span.end,
                                "message": r.message,
                            });
                            // Related figures carry line and column since they were added.
                            if let Some(rd) = results.iter().map(|(x, _)| x).find(|x| x.name == r.file) {
                                let (l, c) = rd.line_col(r.span.start);
                                v["line"] = json!(l);
                                v["column"] = json!(c);
                            }
                            v
                        }).collect::<Vec<_>>(),
                        "help": d.help,
                    })
                })
            })
            .collect();
        let mut s = serde_json::to_string_pretty(&json!({"version": 1, "findings": fs})).unwrap();
        s.push('\n');
        s
    }

    fn render(results: &[(&Document, Vec<&Diagnostic>)]) -> String {
        let mut out = Vec::new();
        render_to(&mut out, results).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The streamed bytes equal version 1's: no findings, findings with and without help and
    /// related figures, escapes, several documents.
    #[test]
    fn streamed_findings_are_the_pretty_printed_document() {
        let a = Document::from_text("a.md", "ab\ncé 12 x 3".into(), Format::Markdown).unwrap();
        let b = Document::from_text("b \"q\".txt", "1\n2\n3".into(), Format::Text).unwrap();
        let plain = Diagnostic::new(
            "total",
            Severity::Error,
            "a.md",
            Span::new(6, 8),
            "m\n\"x\"",
        );
        let mut full = Diagnostic::new("weekday", Severity::Note, "a.md", Span::new(9, 10), "w");
        full.help = Some("write 4\t".into());
        full.related = vec![
            Related {
                file: "a.md".into(),
                span: Span::new(6, 8),
                message: "from here".into(),
            },
            Related {
                file: "b \"q\".txt".into(),
                span: Span::new(2, 3),
                message: "é".into(),
            },
        ];
        let other = Diagnostic::new(
            "conversion",
            Severity::Warning,
            "b \"q\".txt",
            Span::new(4, 5),
            "o",
        );
        let cases: Vec<Vec<(&Document, Vec<&Diagnostic>)>> = vec![
            vec![],
            vec![(&a, vec![])],
            vec![(&a, vec![&plain])],
            vec![(&a, vec![&plain, &full]), (&b, vec![])],
            vec![(&a, vec![]), (&b, vec![&other]), (&a, vec![&full])],
        ];
        for results in cases {
            assert_eq!(render(&results), old_render(&results));
        }
    }
}
