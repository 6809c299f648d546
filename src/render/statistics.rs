//! `--statistics`: how many findings each rule has, most first, as `COUNT  CODE  SUMMARY` lines
//! then a total (or the JSON `{"statistics":[{"code","count","summary"}],"version":1}`). Only
//! the counts are kept while the documents are checked: nothing is written before the end.

use super::{Docs, End, Report};
use figcheck::{Diagnostic, Document};
use std::collections::BTreeMap;
use std::io::Write;

/// `--statistics`, as a table or (`--format json`) as JSON.
pub struct Statistics {
    /// JSON instead of the table.
    pub json: bool,
}

impl Report for Statistics {
    fn render(&self, _: Docs<'_>, _: Option<&Document>, _: &[Diagnostic], _: &mut Vec<u8>) {}

    fn write(
        &self,
        _: &mut dyn Write,
        _: Docs<'_>,
        _: Option<&Document>,
        _: &[Diagnostic],
        _: &[u8],
    ) -> std::io::Result<()> {
        Ok(())
    }

    fn finish(&self, w: &mut dyn Write, end: &End<'_>) -> std::io::Result<()> {
        let summary_of = |code: &str| {
            figcheck::registry::get(code)
                .map(|r| r.summary.to_string())
                .unwrap_or_default()
        };
        statistics(w, self.json, &end.by_rule, &summary_of)
    }
}

/// The statistics of the counts `by_rule` (findings per rule code), with each rule's summary.
pub fn statistics(
    out: &mut dyn Write,
    json: bool,
    by_rule: &BTreeMap<String, usize>,
    summary_of: &dyn Fn(&str) -> String,
) -> std::io::Result<()> {
    let mut rows: Vec<(&str, usize)> = by_rule.iter().map(|(c, n)| (c.as_str(), *n)).collect();
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
    let n: usize = rows.iter().map(|(_, n)| n).sum();
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
    use figcheck::{Severity, Span};

    #[test]
    fn statistics_count_per_rule_most_first() {
        let d = |code: &str| Diagnostic::new(code, Severity::Warning, "a.md", Span::new(0, 1), "m");
        let mut end = End::default();
        end.count(&[d("total"), d("conversion")]);
        end.count(&[d("total")]);
        let mut out = Vec::new();
        statistics(&mut out, false, &end.by_rule, &|c| format!("about {c}")).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "2  total       about total\n1  conversion  about conversion\n3 findings in 2 rules\n"
        );
        let mut out = Vec::new();
        statistics(&mut out, true, &end.by_rule, &|_| String::new()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["statistics"][0]["code"], "total");
        assert_eq!(v["statistics"][0]["count"], 2);
        assert_eq!(v["statistics"][1]["count"], 1);
    }
}
