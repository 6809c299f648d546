//! `figcheck reconcile --format html`: one self-contained page (no network, no external
//! assets): the claims table, each cell linking to its figure highlighted in that source's
//! text shown beside it, conflicts and updates marked, and a filter by status.
//!
//! Every claim's figure is a `<mark id="s{source}-c{claim}">` in its source's text; a cell
//! links to the marks of its claims. Rows carry `data-status`; the filter (check boxes, and
//! `?status=conflict,updated` in the address) hides the other rows.

use super::reconcile::short_names;
use figcheck::reconcile::{Reconciliation, Status};
use figcheck::{Diagnostic, Document, Severity};
use std::collections::HashMap;
use std::fmt::Write;

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The status as a class and `data-status` value ("single-source").
fn slug(s: Status) -> &'static str {
    match s {
        Status::Agree => "agree",
        Status::Consistent => "consistent",
        Status::Conflict => "conflict",
        Status::Updated => "updated",
        Status::SingleSource => "single-source",
    }
}

const STATUSES: [Status; 5] = [
    Status::Conflict,
    Status::Updated,
    Status::Agree,
    Status::Consistent,
    Status::SingleSource,
];

const STYLE: &str = r#"
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2327; background: #fafafa; }
header { padding: 12px 18px; background: #fff; border-bottom: 1px solid #ddd; }
h1 { font-size: 18px; margin: 0 0 6px; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 14px; padding: 14px 18px; }
#table-pane { overflow-x: auto; }
#sources-pane { max-height: calc(100vh - 120px); overflow-y: auto; position: sticky; top: 8px; }
table { border-collapse: collapse; background: #fff; width: 100%; }
th, td { border: 1px solid #ddd; padding: 4px 7px; text-align: left; vertical-align: top; }
th { background: #f0f0f1; }
tr.conflict td { background: #fde8e8; }
tr.updated td { background: #e8f0fd; }
tr.agree td.status { color: #1a7f37; }
td.status { white-space: nowrap; font-weight: 600; }
tr.conflict td.status { color: #b32d2e; }
tr.updated td.status { color: #1d4ed8; }
.badge { display: inline-block; border-radius: 3px; padding: 0 5px; margin-right: 4px; font-size: 12px; color: #fff; }
.badge.conflict { background: #b32d2e; }
.badge.updated { background: #1d4ed8; }
a.cell-link { color: inherit; text-decoration: underline dotted; }
section.source { background: #fff; border: 1px solid #ddd; margin-bottom: 12px; }
section.source h2 { font-size: 14px; margin: 0; padding: 6px 9px; background: #f0f0f1; }
pre.text { white-space: pre-wrap; word-wrap: break-word; margin: 0; padding: 8px 10px; font: 13px/1.5 ui-monospace, monospace; }
mark.claim { background: #fff3b0; padding: 0 1px; }
mark.claim.conflict { background: #f9c5c5; }
mark.claim.updated { background: #c7d8fb; }
mark.claim.unkeyed { background: #e6e6e6; }
mark.claim:target { outline: 3px solid #f59e0b; background: #ffd54f; }
#filter label { margin-right: 10px; white-space: nowrap; }
ul.findings { margin: 8px 0 0; padding-left: 18px; }
li.warning { color: #8a2424; }
"#;

const SCRIPT: &str = r#"
(function () {
  var boxes = document.querySelectorAll('#filter input[type=checkbox]');
  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var shown = 0;
    document.querySelectorAll('#claims tbody tr').forEach(function (tr) {
      var show = !!on[tr.getAttribute('data-status')];
      tr.hidden = !show;
      if (show) { shown++; }
    });
    document.getElementById('shown').textContent = String(shown);
  }
  var want = new URLSearchParams(location.search).get('status');
  if (want) {
    var set = want.split(',');
    boxes.forEach(function (b) { b.checked = set.indexOf(b.value) >= 0; });
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  apply();
})();
"#;

/// Writes `text` with the marks `marks` (start, end, id, class; byte offsets) around their
/// spans: nested when one lies inside another, clipped when two cross.
fn marked(text: &str, marks: &mut [(usize, usize, String, String)]) -> String {
    marks.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out = String::with_capacity(text.len() + marks.len() * 64);
    let mut pos = 0;
    let mut open: Vec<usize> = Vec::new();
    let at = |x: usize| -> usize {
        let mut x = x.min(text.len());
        while !text.is_char_boundary(x) {
            x -= 1;
        }
        x
    };
    for (start, end, id, class) in marks.iter() {
        let (start, mut end) = (at(*start), at(*end));
        while let Some(&e) = open.last() {
            if e > start {
                break;
            }
            out.push_str(&esc(&text[pos..e]));
            out.push_str("</mark>");
            pos = e;
            open.pop();
        }
        if let Some(&e) = open.last() {
            end = end.min(e);
        }
        let start = start.max(pos);
        if end < start {
            end = start;
        }
        out.push_str(&esc(&text[pos..start]));
        let _ = write!(out, "<mark id=\"{}\" class=\"{}\">", esc(id), esc(class));
        pos = start;
        open.push(end);
    }
    while let Some(e) = open.pop() {
        out.push_str(&esc(&text[pos..e.max(pos)]));
        out.push_str("</mark>");
        pos = e.max(pos);
    }
    out.push_str(&esc(&text[pos..]));
    out
}

fn mark_id(source: usize, claim: usize) -> String {
    format!("s{source}-c{claim}")
}

fn unkeyed_id(source: usize, k: usize) -> String {
    format!("s{source}-u{k}")
}

/// The page.
pub fn page(docs: &[Document], r: &Reconciliation) -> String {
    let short = short_names(&r.sources);
    let count = |s: Status| r.rows.iter().filter(|x| x.status == s).count();
    // The status of the row each claim is in, for its mark.
    let mut row_of: HashMap<usize, Status> = HashMap::new();
    for row in &r.rows {
        for i in row.claims() {
            row_of.insert(i, row.status);
        }
    }
    let mut h = String::with_capacity(1 << 16);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>figcheck reconcile</title>\n<style>");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<header>\n<h1>figcheck reconcile</h1>\n");
    let _ = writeln!(
        h,
        "<p id=\"summary\">{} claims: {} agree, {} consistent, {} conflict, {} updated, {} single source; {} unkeyed. Showing <span id=\"shown\">{}</span>.</p>",
        r.rows.len(),
        count(Status::Agree),
        count(Status::Consistent),
        count(Status::Conflict),
        count(Status::Updated),
        count(Status::SingleSource),
        r.unkeyed.len(),
        r.rows.len()
    );
    h.push_str("<fieldset id=\"filter\"><legend>Show</legend>");
    for s in STATUSES {
        let _ = write!(
            h,
            "<label><input type=\"checkbox\" value=\"{}\" checked> {} ({})</label>",
            slug(s),
            s.as_str(),
            count(s)
        );
    }
    h.push_str("</fieldset>\n</header>\n<main>\n<div id=\"table-pane\">\n");
    h.push_str("<table id=\"claims\">\n<thead><tr><th>claim</th><th>dimension</th>");
    for (k, s) in short.iter().enumerate() {
        let _ = write!(
            h,
            "<th title=\"{}\"><a href=\"#source-{k}\">{}</a></th>",
            esc(&r.sources[k]),
            esc(s)
        );
    }
    h.push_str("<th>status</th></tr></thead>\n<tbody>\n");
    for (n, row) in r.rows.iter().enumerate() {
        let st = slug(row.status);
        let _ = write!(
            h,
            "<tr id=\"row-{n}\" class=\"{st}\" data-status=\"{st}\"><td class=\"claim\">{}</td><td>{}</td>",
            esc(&row.key.describe()),
            row.key.dimension.as_str()
        );
        for k in 0..r.sources.len() {
            let cell = row.cell(k);
            if cell.is_empty() {
                h.push_str("<td class=\"none\">-</td>");
                continue;
            }
            h.push_str("<td class=\"cell\">");
            for (j, &i) in cell.iter().enumerate() {
                if j > 0 {
                    h.push_str(" / ");
                }
                let c = &r.claims[i];
                let text = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
                let _ = write!(
                    h,
                    "<a class=\"cell-link\" href=\"#{}\">{}</a>",
                    mark_id(c.source, i),
                    esc(&text)
                );
            }
            h.push_str("</td>");
        }
        let badge = match row.status {
            Status::Conflict => "<span class=\"badge conflict\">!</span>",
            Status::Updated => "<span class=\"badge updated\">↑</span>",
            _ => "",
        };
        let _ = writeln!(
            h,
            "<td class=\"status\">{badge}{}</td></tr>",
            row.status.as_str()
        );
    }
    h.push_str("</tbody>\n</table>\n");
    findings(&mut h, r, &r.findings);
    h.push_str("</div>\n<div id=\"sources-pane\">\n");
    // Each source's claims and unkeyed figures, gathered in one pass (not a pass over every
    // claim for each source), and each document found by name in one step.
    let by_name = super::reconcile::Docs::new(docs);
    let mut claims_of: Vec<Vec<usize>> = vec![Vec::new(); r.sources.len()];
    for (i, c) in r.claims.iter().enumerate() {
        if let Some(v) = claims_of.get_mut(c.source) {
            v.push(i);
        }
    }
    let mut unkeyed_of: Vec<Vec<usize>> = vec![Vec::new(); r.sources.len()];
    for (u, c) in r.unkeyed.iter().enumerate() {
        if let Some(v) = unkeyed_of.get_mut(c.source) {
            v.push(u);
        }
    }
    for (k, name) in r.sources.iter().enumerate() {
        let Some(doc) = by_name.get(name) else {
            continue;
        };
        let mut marks: Vec<(usize, usize, String, String)> = Vec::new();
        for (i, c) in claims_of[k].iter().map(|&i| (i, &r.claims[i])) {
            let st = row_of.get(&i).map_or("single-source", |s| slug(*s));
            marks.push((
                c.span.start,
                c.span.end,
                mark_id(k, i),
                format!("claim {st}"),
            ));
        }
        for (u, c) in unkeyed_of[k].iter().map(|&u| (u, &r.unkeyed[u])) {
            marks.push((
                c.span.start,
                c.span.end,
                unkeyed_id(k, u),
                "claim unkeyed".into(),
            ));
        }
        let date = r
            .dates
            .get(k)
            .copied()
            .flatten()
            .map_or_else(|| "undated".to_string(), |d| format!("dated {d}"));
        let _ = writeln!(
            h,
            "<section class=\"source\" id=\"source-{k}\"><h2>{} <small>{} · {}</small></h2>\n<pre class=\"text\">{}</pre></section>",
            esc(&short[k]),
            esc(name),
            date,
            marked(&doc.text, &mut marks)
        );
    }
    h.push_str("</div>\n</main>\n<script>");
    h.push_str(SCRIPT);
    h.push_str("</script>\n</body>\n</html>\n");
    h
}

/// The findings, each linking to its figure when that is a claim's.
fn findings(h: &mut String, r: &Reconciliation, fs: &[Diagnostic]) {
    if fs.is_empty() {
        return;
    }
    let by_span: HashMap<(&str, usize, usize), usize> = r
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| ((r.sources[c.source].as_str(), c.span.start, c.span.end), i))
        .collect();
    h.push_str("<h2>Findings</h2>\n<ul class=\"findings\">\n");
    for d in fs {
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let link = by_span
            .get(&(d.file.as_str(), d.span.start, d.span.end))
            .map(|&i| {
                format!(
                    " <a class=\"finding-link\" href=\"#{}\">show</a>",
                    mark_id(r.claims[i].source, i)
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            h,
            "<li class=\"{sev}\"><b>{sev}[{}]</b>: {}{link}</li>",
            esc(&d.code),
            esc(&d.message)
        );
    }
    h.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_nest_and_clip_and_escape() {
        let text = "a <b> 12 and 30 c";
        let mut m = vec![
            (6, 15, "x".to_string(), "claim".to_string()),
            (6, 8, "y".to_string(), "claim".to_string()),
            (13, 17, "z".to_string(), "claim".to_string()),
        ];
        let out = marked(text, &mut m);
        assert_eq!(
            out,
            "a &lt;b&gt; <mark id=\"x\" class=\"claim\"><mark id=\"y\" class=\"claim\">12</mark> and \
             <mark id=\"z\" class=\"claim\">30</mark></mark> c"
        );
    }
}
