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

/// One finding, rendered against its document's text.
pub fn render_one(doc: &Document, d: &Diagnostic, color: bool) -> String {
    let lvl = level(d.severity);
    let mut snippet = Snippet::source(&doc.text)
        .line_start(1)
        .origin(&doc.name)
        .fold(true)
        .annotation(
            // annotate-snippets marks Error annotations with `^` and Warning ones with `-`,
            // without a level prefix: primary and secondary spans as rustc draws them.
            Level::Error.span(clamp(&doc.text, d.span.start, d.span.end)),
        );
    for r in d.related.iter().filter(|r| r.file == doc.name) {
        snippet = snippet.annotation(
            Level::Warning
                .span(clamp(&doc.text, r.span.start, r.span.end))
                .label(&r.message),
        );
    }
    let mut msg = lvl.title(&d.message).id(&d.code).snippet(snippet);
    let help = d.help.as_deref().map(|h| Level::Help.title(h));
    if let Some(h) = help {
        msg = msg.footer(h);
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    format!("{}\n", renderer.render(msg))
}

/// Every finding of every document, then a summary line.
pub fn render(results: &[(&Document, Vec<Diagnostic>)], color: bool) -> String {
    let mut out = String::new();
    let (mut e, mut w, mut n) = (0, 0, 0);
    for (doc, ds) in results {
        for d in ds {
            out.push_str(&render_one(doc, d, color));
            out.push('\n');
            match d.severity {
                Severity::Error => e += 1,
                Severity::Warning => w += 1,
                Severity::Note => n += 1,
            }
        }
    }
    let plural = |k: usize, s: &str| format!("{k} {s}{}", if k == 1 { "" } else { "s" });
    out.push_str(&format!(
        "{}: {}, {}, {}\n",
        plural(results.len(), "file"),
        plural(e, "error"),
        plural(w, "warning"),
        plural(n, "note")
    ));
    out
}
