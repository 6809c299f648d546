//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding,
//! which the Actions runner turns into annotations on the pull request.

use super::{Docs, End, Report};
use figcheck::{Diagnostic, Document, Severity};
#[cfg(test)]
use std::collections::HashMap;

/// Escapes a command's message: `%`, `\r`, `\n`.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One line per finding (for files among `docs`).
#[cfg(test)]
pub fn render(docs: &[Document], diagnostics: &[Diagnostic]) -> String {
    let by_name: HashMap<&str, &Document> = docs.iter().map(|d| (d.name.as_str(), d)).collect();
    render_in(Docs::All(&by_name), diagnostics)
}

/// `--format github`: one line per finding, then one `::error` per file that could not be read.
pub struct Github;

impl Report for Github {
    fn render(
        &self,
        docs: Docs<'_>,
        _: Option<&Document>,
        findings: &[Diagnostic],
        out: &mut Vec<u8>,
    ) {
        out.extend_from_slice(render_in(docs, findings).as_bytes());
    }

    fn finish(&self, w: &mut dyn std::io::Write, end: &End<'_>) -> std::io::Result<()> {
        for e in end.errors {
            w.write_all(file_error(&e.file, &e.reason).as_bytes())?;
        }
        Ok(())
    }
}

/// One line per finding, with line and column for files among `docs`.
pub fn render_in(by_name: Docs<'_>, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut props = vec![format!("file={}", escape_property(&d.file))];
        if let Some(doc) = by_name.get(&d.file) {
            let (l, c) = doc.line_col(d.span.start);
            let (el, ec) = doc.line_col(d.span.end.max(d.span.start));
            props.push(format!("line={l}"));
            props.push(format!("col={c}"));
            props.push(format!("endLine={el}"));
            props.push(format!("endColumn={ec}"));
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("figcheck {}", d.code))
        ));
        let mut msg = d.message.clone();
        for r in &d.related {
            let at = by_name
                .get(&r.file)
                .map(|doc| {
                    let (l, c) = doc.line_col(r.span.start);
                    format!("{}:{l}:{c}", r.file)
                })
                .unwrap_or_else(|| r.file.clone());
            msg.push_str(&format!("\n{at}: {}", r.message));
        }
        if let Some(h) = &d.help {
            msg.push_str(&format!("\nhelp: {h}"));
        }
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            escape_data(&msg)
        ));
    }
    out
}

/// An `::error` annotation on a file that could not be read (no line: the file as a whole).
pub fn file_error(file: &str, reason: &str) -> String {
    format!(
        "::error file={},title={}::{}\n",
        escape_property(file),
        escape_property("figcheck read error"),
        escape_data(&format!("{file}: {reason}"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use figcheck::Span;

    #[test]
    fn a_read_error_is_an_annotation_on_the_file() {
        assert_eq!(
            file_error(
                "desk/a,b.md",
                "not valid UTF-8 (first bad byte at offset 3)"
            ),
            "::error file=desk/a%2Cb.md,title=figcheck read error::desk/a,b.md: not valid UTF-8 \
             (first bad byte at offset 3)\n"
        );
    }

    #[test]
    fn escapes_as_github_does() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a,b:c%"), "a%2Cb%3Ac%25");
    }

    #[test]
    fn one_line_per_finding_with_position() {
        let doc = Document::from_text(
            "x,y.md",
            "One.\nIt is 5 km.".into(),
            figcheck::Format::Markdown,
        )
        .unwrap();
        let s = doc.text.find('5').unwrap();
        let d = Diagnostic::new(
            "conversion",
            Severity::Note,
            "x,y.md",
            Span::new(s, s + 4),
            "a\nb",
        )
        .with_help("c");
        let out = render(std::slice::from_ref(&doc), &[d]);
        assert_eq!(
            out,
            "::notice file=x%2Cy.md,line=2,col=7,endLine=2,endColumn=11,title=figcheck conversion::a%0Ab%0Ahelp: c\n"
        );
    }
}
