//! Human rendering of findings: rustc-style diagnostics through annotate-snippets.

use annotate_snippets::{Level, Renderer, Snippet};
use figcheck::{Diagnostic, Document, Severity};

fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    }
}

/// Clamps a span to the text and to character boundaries.
fn clamp(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let mut s = start.min(text.len());
    while s > 0 && !text.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = end.min(text.len()).max(s);
    while e < text.len() && !text.is_char_boundary(e) {
        e += 1;
    }
    s..e
}

/// Byte offsets of the starts of a text's lines (built once per document).
pub struct Lines(Vec<usize>);

impl Lines {
    /// Indexes `text`.
    pub fn new(text: &str) -> Lines {
        let mut v = vec![0];
        v.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Lines(v)
    }
    /// 0-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset).saturating_sub(1)
    }
}

/// One finding, rendered against its document's text. Only the lines the finding touches are
/// handed to annotate-snippets, so rendering costs the size of the finding, not of the file.
pub fn render_one(doc: &Document, lines: &Lines, d: &Diagnostic, color: bool) -> String {
    let text = doc.text.as_str();
    let mine: Vec<_> = d.related.iter().filter(|r| r.file == doc.name).collect();
    let lo = mine
        .iter()
        .map(|r| r.span.start)
        .fold(d.span.start, usize::min)
        .min(text.len());
    let hi = mine
        .iter()
        .map(|r| r.span.end)
        .fold(d.span.end, usize::max)
        .min(text.len());
    let first = lines.line(lo);
    let last = lines.line(hi.saturating_sub(1).max(lo));
    let w_start = lines.0[first];
    let w_end = lines
        .0
        .get(last + 1)
        .map_or(text.len(), |&e| e.saturating_sub(1))
        .max(w_start);
    let window = clamp(text, w_start, w_end);
    let source = &text[window.clone()];
    let at = |s: usize, e: usize| {
        let r = clamp(text, s.max(window.start), e.min(window.end));
        r.start - window.start..r.end - window.start
    };
    let lvl = level(d.severity);
    let mut snippet = Snippet::source(source)
        .line_start(first + 1)
        .origin(&doc.name)
        .fold(false)
        .annotation(
            // annotate-snippets marks Error annotations with `^` and Warning ones with `-`,
            // without a level prefix: primary and secondary spans as rustc draws them.
            Level::Error.span(at(d.span.start, d.span.end)),
        );
    for r in &mine {
        snippet = snippet.annotation(
            Level::Warning
                .span(at(r.span.start, r.span.end))
                .label(&r.message),
        );
    }
    let mut msg = lvl.title(&d.message).id(&d.code).snippet(snippet);
    let help = d.help.as_deref().map(|h| Level::Help.title(h));
    if let Some(h) = help {
        msg = msg.footer(h);
    }
    // Last, the rule's documentation (every code a finding carries is in the registry).
    let see = figcheck::registry::get(&d.code).map(|r| format!("see {}", r.url()));
    if let Some(see) = &see {
        msg = msg.footer(Level::Note.title(see));
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    format!("{}\n", renderer.render(msg))
}

/// The findings `ds` of one document, each rustc-style and followed by a blank line.
pub fn render_doc(doc: &Document, ds: &[Diagnostic], color: bool) -> String {
    let mut out = String::new();
    let lines = Lines::new(&doc.text);
    for d in ds {
        out.push_str(&render_one(doc, &lines, d, color));
        out.push('\n');
    }
    out
}

/// `--format human`: each finding rustc-style, then (unless `--quiet`) the summary line.
pub struct Human {
    /// Colour.
    pub color: bool,
    /// `--quiet`: no summary line.
    pub quiet: bool,
    /// Whether `--baseline` was given: the summary says what it accepted.
    pub baseline: bool,
}

impl crate::render::Report for Human {
    fn render(
        &self,
        _: crate::render::Docs<'_>,
        doc: Option<&Document>,
        findings: &[Diagnostic],
        out: &mut Vec<u8>,
    ) {
        // Findings of a file not read have no text to show (the human form leaves them out).
        if let Some(doc) = doc {
            out.extend_from_slice(render_doc(doc, findings, self.color).as_bytes());
        }
    }

    fn finish(
        &self,
        w: &mut dyn std::io::Write,
        end: &crate::render::End<'_>,
    ) -> std::io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        let summary = summary_of(end.files, &end.counts);
        let note = if self.baseline {
            baseline_note(end.accepted, end.stale)
        } else {
            String::new()
        };
        writeln!(w, "{}{note}", summary.trim_end())
    }
}

/// The summary's note on the baseline: `; 3 accepted by the baseline`, and how many of its
/// entries matched nothing.
pub fn baseline_note(accepted: usize, stale: usize) -> String {
    format!(
        "; {accepted} accepted by the baseline{}",
        match stale {
            0 => String::new(),
            n => format!(", {n} of its entries no longer match"),
        }
    )
}

/// Findings counted by severity, for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Counts {
    /// Counts `ds`.
    pub fn count(&mut self, ds: &[Diagnostic]) {
        for d in ds {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Note => self.notes += 1,
            }
        }
    }
}

/// The summary line of `files` documents with `counts` findings.
pub fn summary_of(files: usize, counts: &Counts) -> String {
    let plural = |k: usize, s: &str| format!("{k} {s}{}", if k == 1 { "" } else { "s" });
    format!(
        "{}: {}, {}, {}\n",
        plural(files, "file"),
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.notes, "note")
    )
}
