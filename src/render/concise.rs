//! `--format concise`: one line per finding, `file:line:col: severity[code] message`, the form
//! grep, editors' quickfix lists (Vim's `errorformat` `%f:%l:%c: %m`) and compilers share.
//! Line and column are 1-based, the column in characters; a message's line breaks become
//! spaces so that each finding stays one line.

use super::{Docs, End, Report};
use figcheck::{Diagnostic, Document};
use std::io::Write;

/// `--format concise`.
pub struct Concise;

impl Report for Concise {
    fn render(
        &self,
        _: Docs<'_>,
        doc: Option<&Document>,
        findings: &[Diagnostic],
        out: &mut Vec<u8>,
    ) {
        // Writing into a vector cannot fail.
        let _ = lines(out, doc, findings);
    }

    fn finish(&self, _: &mut dyn Write, _: &End<'_>) -> std::io::Result<()> {
        Ok(())
    }
}

/// One line per finding into `out`.
#[cfg(test)]
pub fn render_to(
    out: &mut impl Write,
    docs: &[Document],
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    for d in diagnostics {
        let doc = docs.iter().find(|doc| doc.name == d.file);
        lines(out, doc, std::slice::from_ref(d))?;
    }
    Ok(())
}

/// One line per finding of `doc` (`None`: a file not read, with no line and column).
fn lines(
    out: &mut impl Write,
    doc: Option<&Document>,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    for d in diagnostics {
        let message = d.message.split_whitespace().collect::<Vec<_>>().join(" ");
        match doc {
            Some(doc) => {
                let (line, col) = doc.line_col(d.span.start);
                writeln!(
                    out,
                    "{}:{line}:{col}: {}[{}] {message}",
                    d.file,
                    d.severity.as_str(),
                    d.code
                )?;
            }
            None => writeln!(
                out,
                "{}: {}[{}] {message}",
                d.file,
                d.severity.as_str(),
                d.code
            )?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use figcheck::{Format, Severity, Span};

    #[test]
    fn one_line_per_finding_with_line_and_column() {
        let doc =
            Document::from_text("a.md", "Héllo.\nIt is 5 km.".into(), Format::Markdown).unwrap();
        let s = doc.text.find('5').unwrap();
        let d = Diagnostic::new(
            "conversion",
            Severity::Warning,
            "a.md",
            Span::new(s, s + 4),
            "two\nlines",
        );
        let orphan = Diagnostic::new(
            "reconcile-conflict",
            Severity::Note,
            "b.md",
            Span::new(0, 1),
            "x",
        );
        let mut out = Vec::new();
        render_to(&mut out, std::slice::from_ref(&doc), &[d, orphan]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a.md:2:7: warning[conversion] two lines\nb.md: note[reconcile-conflict] x\n"
        );
    }
}
