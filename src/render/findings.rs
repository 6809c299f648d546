//! `--format json` of `check`: the findings document of the contract
//! ([`figcheck::json::findings`]), written as each document's findings come.

use super::{Docs, End, Report};
pub use figcheck::json::findings::document_chunk;
use figcheck::json::write_nested;
use figcheck::{Diagnostic, Document};
use serde::Serialize;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// `--format json`: the findings document, written as each document's findings come; with
/// `--baseline`, a `summary` of what the baseline did at the end.
pub struct Json {
    /// Whether a finding was written (the first has no separator before it).
    any: AtomicBool,
    /// Whether `--baseline` was given.
    baseline: bool,
}

impl Json {
    /// The findings document (`baseline`: with the baseline's counts at its end).
    pub fn new(baseline: bool) -> Json {
        Json {
            any: AtomicBool::new(false),
            baseline,
        }
    }
}

/// The `summary` of a findings document, with `--baseline`.
#[derive(Serialize)]
struct Summary {
    /// The baseline's entries for the files read that matched no finding.
    baseline_stale: usize,
    /// Findings the baseline accepted (left out of `findings`).
    baselined: usize,
}

impl Report for Json {
    fn begin(&self, w: &mut dyn Write) -> std::io::Result<()> {
        w.write_all(b"{\n  \"findings\": [")
    }

    fn render(
        &self,
        docs: Docs<'_>,
        doc: Option<&Document>,
        findings: &[Diagnostic],
        out: &mut Vec<u8>,
    ) {
        // Findings of a file not read have no line and column: the JSON form leaves them out.
        if let Some(doc) = doc {
            let refs: Vec<&Diagnostic> = findings.iter().collect();
            let find = |name: &str| docs.get(name);
            document_chunk(out, doc, &refs, &find);
        }
    }

    fn write(
        &self,
        w: &mut dyn Write,
        _: Docs<'_>,
        _: Option<&Document>,
        _: &[Diagnostic],
        chunk: &[u8],
    ) -> std::io::Result<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        // Every finding of a chunk starts with `,`; the list's first does not.
        let first = !self.any.swap(true, Ordering::Relaxed);
        w.write_all(if first { &chunk[1..] } else { chunk })
    }

    fn finish(&self, w: &mut dyn Write, end: &End<'_>) -> std::io::Result<()> {
        w.write_all(if self.any.load(Ordering::Relaxed) {
            b"\n  ]"
        } else {
            b"]"
        })?;
        if self.baseline {
            w.write_all(b",\n  \"summary\": ")?;
            let summary = Summary {
                baseline_stale: end.stale,
                baselined: end.accepted,
            };
            write_nested(&mut *w, 1, &summary)?;
        }
        w.write_all(b",\n  \"version\": 1\n}\n")
    }
}
