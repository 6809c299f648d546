//! `--format concise`: one line per finding, `file:line:col: severity[code] message`, the form
//! grep, editors' quickfix lists (Vim's `errorformat` `%f:%l:%c: %m`) and compilers share.
//! Line and column are 1-based, the column in characters; a message's line breaks become
//! spaces so that each finding stays one line.

use figcheck::{Diagnostic, Document};
use std::collections::HashMap;
use std::io::Write;

/// One line per finding into `out`.
pub fn render_to(
    out: &mut impl Write,
    docs: &[Document],
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    let by_name: HashMap<&str, &Document> = docs.iter().map(|d| (d.name.as_str(), d)).collect();
    for d in diagnostics {
        let message = d.message.split_whitespace().collect::<Vec<_>>().join(" ");
        match by_name.get(d.file.as_str()) {
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

/// `--statistics`: how many findings each rule has, most first, as `COUNT  CODE  SUMMARY`
/// lines then a total (or the JSON `{"statistics":[{"code","count","summary"}],"version":1}`).
pub fn statistics(
    out: &mut impl Write,
    json: bool,
    diagnostics: &[Diagnostic],
    summary_of: &dyn Fn(&str) -> String,
) -> std::io::Result<()> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for d in diagnostics {
        *counts.entry(d.code.as_str()).or_insert(0) += 1;
    }
    let mut rows: Vec<(&str, usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if json {
        let stats: Vec<serde_json::Value> = rows
            .iter()
            .map(|(code, count)| {
                serde_json::json!({"code": code, "count": count, "summary": summary_of(code)})
            })
            .collect();
        let v = serde_json::json!({"statistics": stats, "version": 1});
        let text = serde_json::to_string_pretty(&v).map_err(std::io::Error::other)?;
        return writeln!(out, "{text}");
    }
    let width = rows
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(1);
    let code_width = rows.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    for (code, count) in &rows {
        writeln!(
            out,
            "{count:>width$}  {code:<code_width$}  {}",
            summary_of(code)
        )?;
    }
    let n = diagnostics.len();
    writeln!(
        out,
        "{n} finding{} in {} rule{}",
        if n == 1 { "" } else { "s" },
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
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

    #[test]
    fn statistics_count_per_rule_most_first() {
        let d = |code: &str| Diagnostic::new(code, Severity::Warning, "a.md", Span::new(0, 1), "m");
        let ds = [d("total"), d("conversion"), d("total")];
        let mut out = Vec::new();
        statistics(&mut out, false, &ds, &|c| format!("about {c}")).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "2  total       about total\n1  conversion  about conversion\n3 findings in 2 rules\n"
        );
        let mut out = Vec::new();
        statistics(&mut out, true, &ds, &|_| String::new()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["statistics"][0]["code"], "total");
        assert_eq!(v["statistics"][0]["count"], 2);
        assert_eq!(v["statistics"][1]["count"], 1);
    }
}
