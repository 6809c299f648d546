//! `figcheck reconcile` output: the claims table and the findings (human), or JSON.

use super::table::align;
use annotate_snippets::{Level, Renderer, Snippet};
pub use figcheck::json::reconcile::{Docs, Origin, json, json_in};
use figcheck::reconcile::Reconciliation;
use figcheck::{Diagnostic, Document, Severity};

/// Column names for the sources: file stems, shortened to 12 characters when that keeps them
/// apart, else whole stems, else whole names.
pub fn short_names(names: &[String]) -> Vec<String> {
    let stems: Vec<String> = names
        .iter()
        .map(|n| {
            let file = n.rsplit(['/', '\\']).next().unwrap_or(n);
            match file.rfind('.') {
                Some(i) if i > 0 => file[..i].to_string(),
                _ => file.to_string(),
            }
        })
        .collect();
    let unique = |v: &[String]| {
        let mut s: Vec<&String> = v.iter().collect();
        s.sort();
        s.dedup();
        s.len() == v.len()
    };
    let short: Vec<String> = stems.iter().map(|s| s.chars().take(12).collect()).collect();
    if unique(&short) {
        short
    } else if unique(&stems) {
        stems
    } else {
        names.to_vec()
    }
}

fn cell(r: &Reconciliation, idx: &[usize]) -> String {
    let mut texts: Vec<String> = Vec::new();
    for &k in idx {
        let t = r.claims[k]
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !texts.contains(&t) {
            texts.push(t);
        }
    }
    if texts.is_empty() {
        "-".into()
    } else {
        texts.join(" / ")
    }
}

fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    }
}

/// One finding, rustc-style, with the related spans in their own files (only the position
/// of the figure when the text is not at hand).
pub fn diagnostic(origin: Origin<'_>, d: &Diagnostic, color: bool) -> String {
    let text_of = |name: &str| origin.doc(name).map(|x| x.text.as_str());
    if text_of(&d.file).is_none() {
        let (line, col) = origin.line_col(&d.file, d.span.start);
        let mut out = format!(
            "{}[{}]: {}\n  --> {}:{line}:{col}\n",
            d.severity.as_str(),
            d.code,
            d.message,
            d.file
        );
        for r in &d.related {
            out.push_str(&format!(
                "   = {}: bytes {}..{}: {}\n",
                r.file, r.span.start, r.span.end, r.message
            ));
        }
        return out;
    }
    let lvl = level(d.severity);
    // The files in order of first mention, each with its related spans in order: one pass
    // (a finding may relate hundreds of sources).
    let mut files: Vec<(&str, Vec<&figcheck::Related>)> = vec![(d.file.as_str(), Vec::new())];
    let mut slot: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::from([(d.file.as_str(), 0)]);
    for r in &d.related {
        let k = *slot.entry(r.file.as_str()).or_insert_with(|| {
            files.push((r.file.as_str(), Vec::new()));
            files.len() - 1
        });
        files[k].1.push(r);
    }
    let mut snippets = Vec::new();
    for (f, related) in files {
        let Some(src) = text_of(f) else { continue };
        let mut sn = Snippet::source(src).origin(f).line_start(1).fold(true);
        if f == d.file && d.span.end <= src.len() {
            sn = sn.annotation(lvl.span(d.span.start..d.span.end).label("this figure"));
        }
        for r in related.into_iter().filter(|r| r.span.end <= src.len()) {
            sn = sn.annotation(Level::Info.span(r.span.start..r.span.end).label(&r.message));
        }
        snippets.push(sn);
    }
    let mut msg = lvl.title(&d.message).id(&d.code).snippets(snippets);
    if let Some(h) = &d.help {
        msg = msg.footer(Level::Help.title(h));
    }
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

/// `figcheck reconcile` for people.
pub fn human(docs: &[Document], r: &Reconciliation, color: bool) -> String {
    human_in(Origin::Docs(&Docs::new(docs)), r, color)
}

/// [`human`] of sources known from `origin`.
pub fn human_in(origin: Origin<'_>, r: &Reconciliation, color: bool) -> String {
    let short = short_names(&r.sources);
    let mut out = String::from("sources:\n");
    let legend: Vec<Vec<String>> = r
        .sources
        .iter()
        .zip(&short)
        .zip(&r.dates)
        .map(|((name, s), date)| {
            vec![
                format!("  {s}"),
                name.clone(),
                date.map(|x| format!("dated {x}"))
                    .unwrap_or_else(|| "undated".into()),
            ]
        })
        .collect();
    let legend = align(&["", "", ""], &legend);
    out.push_str(legend.split_once('\n').map_or("", |x| x.1));
    out.push('\n');
    let mut header: Vec<&str> = vec!["claim", "dimension"];
    header.extend(short.iter().map(String::as_str));
    header.push("status");
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|row| {
            let mut v = vec![row.key.describe(), row.key.dimension.as_str().to_string()];
            v.extend((0..r.sources.len()).map(|k| cell(r, row.cell(k))));
            v.push(row.status.as_str().to_string());
            v
        })
        .collect();
    out.push_str(&align(&header, &rows));
    let count = |s: figcheck::Status| r.rows.iter().filter(|x| x.status == s).count();
    let updated = match count(figcheck::Status::Updated) {
        0 => String::new(),
        n => format!(", {n} updated"),
    };
    let unkeyed = match r.unkeyed.len() {
        0 => String::new(),
        n => format!("; {n} unkeyed"),
    };
    out.push_str(&format!(
        "\n{} claims: {} agree, {} consistent, {} conflict{updated}, {} single source{unkeyed}\n",
        r.rows.len(),
        count(figcheck::Status::Agree),
        count(figcheck::Status::Consistent),
        count(figcheck::Status::Conflict),
        count(figcheck::Status::SingleSource),
    ));
    // Agreements, each with how many sources agree.
    for row in r
        .rows
        .iter()
        .filter(|x| x.status == figcheck::Status::Agree)
    {
        out.push_str(&format!(
            "  agree: {} ({} sources)\n",
            row.key.describe(),
            row.cells.len()
        ));
    }
    if !r.unkeyed.is_empty() {
        out.push_str("\nunkeyed (no noun to compare by):\n");
        let mut by_source: Vec<(usize, Vec<String>)> = Vec::new();
        for c in &r.unkeyed {
            let (line, col) = origin.line_col(&r.sources[c.source], c.span.start);
            let t = format!(
                "\"{}\" {line}:{col}",
                c.text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            match by_source.last_mut() {
                Some((s, v)) if *s == c.source => v.push(t),
                _ => by_source.push((c.source, vec![t])),
            }
        }
        for (s, v) in by_source {
            out.push_str(&format!("  {}: {}\n", short[s], v.join(", ")));
        }
    }
    if !r.findings.is_empty() {
        out.push('\n');
    }
    for d in &r.findings {
        out.push_str(&diagnostic(origin, d, color));
        out.push('\n');
    }
    let sev = |s: Severity| r.findings.iter().filter(|d| d.severity == s).count();
    out.push_str(&format!(
        "{} findings: {} errors, {} warnings, {} notes\n",
        r.findings.len(),
        sev(Severity::Error),
        sev(Severity::Warning),
        sev(Severity::Note)
    ));
    out
}
