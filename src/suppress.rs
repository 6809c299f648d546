//! Suppressions written in a draft.
//!
//! - `<!-- figcheck-ignore conversion: the wire copy rounds differently -->` silences the named
//!   rules (comma-separated) on the next paragraph: from the end of the comment to the next
//!   blank line (and, in HTML, to the end of the next block element).
//! - `<!-- figcheck-ignore-file total: reason -->` silences them in the whole file.
//! - `It was 40 km (20 miles). <!-- figcheck-ignore conversion: the wire's rounding -->`: a
//!   `figcheck-ignore` comment after text on its line silences the named rules on that line,
//!   before the comment (end-of-line form; the paragraph after it is not covered).
//!
//! A reason is required: a suppression without one still applies but is itself reported
//! (rule `ignore-without-reason`). A suppression that silences nothing is reported (rule
//! `unused-ignore`), so stale ones do not pile up.

use crate::{Diagnostic, Document, Format, Span};

crate::declare_rule! {
    /// The finding for a suppression that silenced nothing.
    pub static UNUSED = {
        code: "unused-ignore",
        kind: Suppression,
        severity: Warning,
        summary: "A figcheck-ignore comment must silence something.",
        what: "A `<!-- figcheck-ignore RULE: reason -->` (next paragraph) or
`<!-- figcheck-ignore-file RULE: reason -->` (whole file) comment under which no RULE finding
was silenced, or which names no known rule.",
        why: "Stale suppressions hide the next real error: the figure they were written for has
been fixed, and the comment now silences whatever comes.",
        fires: "`<!-- figcheck-ignore conversion: wire copy -->` above a paragraph with no
conversion finding; `<!-- figcheck-ignore totals: typo -->` (no rule `totals`).",
        silent: "`<!-- figcheck-ignore conversion: wire copy -->` above a paragraph whose
conversion finding it silences.",
        not_checked: "Whether the reason is still true: `<!-- figcheck-ignore total: the
agency's own rounding -->` that silences a total finding is used, whatever the agency now
publishes.",
    };
}

crate::declare_rule! {
    /// The finding for a suppression without a reason (or without a rule).
    pub static NO_REASON = {
        code: "ignore-without-reason",
        kind: Suppression,
        severity: Warning,
        summary: "A figcheck-ignore comment must say why.",
        what: "A suppression comment with no reason after a colon, or with no rule. The
suppression still applies; the finding asks for the reason.",
        why: "An editor reading the draft later must know why a figure was let through, and
whether the reason still holds.",
        fires: "`<!-- figcheck-ignore total -->`; `<!-- figcheck-ignore -->`.",
        silent: "`<!-- figcheck-ignore total: the agency's own rounding -->`.",
        not_checked: "Whether the reason says anything: `<!-- figcheck-ignore total: x -->`
is accepted.",
    };
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The comment itself.
    pub span: Span,
    /// The bytes it covers (the next paragraph, or the whole file).
    pub scope: Span,
    /// Whether it is `figcheck-ignore-file`.
    pub whole_file: bool,
    /// Whether it ends a line of text (it covers that line, before it).
    pub end_of_line: bool,
    /// The rule codes it names.
    pub rules: Vec<String>,
    /// The reason after the colon, if any.
    pub reason: Option<String>,
}

/// Finds every suppression comment in a document.
pub fn parse(doc: &Document) -> Vec<Suppression> {
    let text = &doc.text;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = text[from..].find("<!--") {
        let start = from + rel;
        let body_start = start + 4;
        let Some(end_rel) = text[body_start..].find("-->") else {
            break;
        };
        let body_end = body_start + end_rel;
        let end = body_end + 3;
        from = end;
        let body = text[body_start..body_end].trim();
        let (whole_file, rest) = if let Some(r) = body.strip_prefix("figcheck-ignore-file") {
            (true, r)
        } else if let Some(r) = body.strip_prefix("figcheck-ignore") {
            (false, r)
        } else {
            continue;
        };
        // "figcheck-ignorex" is not ours.
        if !(rest.is_empty() || rest.starts_with(char::is_whitespace) || rest.starts_with(':')) {
            continue;
        }
        let (rules_part, reason) = match rest.split_once(':') {
            Some((r, why)) => (r, Some(why.trim().to_string()).filter(|w| !w.is_empty())),
            None => (rest, None),
        };
        let rules: Vec<String> = rules_part
            .split([',', ' ', '\t', '\n'])
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        let end_of_line = !whole_file && ends_text(text, start);
        let scope = if whole_file {
            Span::new(0, text.len())
        } else if end_of_line {
            Span::new(line_start(text, start), start)
        } else {
            Span::new(end, next_paragraph_end(text, end, doc.format))
        };
        out.push(Suppression {
            span: Span::new(start, end),
            scope,
            whole_file,
            end_of_line,
            rules,
            reason,
        });
    }
    out
}

/// The start of the line holding byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |k| k + 1)
}

/// Whether a comment starting at `at` has text before it on its line (HTML tags alone do not
/// count: `<p><!-- figcheck-ignore ... -->` opens a paragraph, it ends none).
fn ends_text(text: &str, at: usize) -> bool {
    let before = &text[line_start(text, at)..at];
    let mut in_tag = false;
    for c in before.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag && !c.is_whitespace() => return true,
            _ => {}
        }
    }
    false
}

/// The end of the paragraph that follows `from`: skip leading blank space, then stop at the
/// next blank line, another suppression comment (not one at the end of a line, which covers
/// its own line only), or (HTML) the close of a block element.
fn next_paragraph_end(text: &str, from: usize, format: Format) -> usize {
    let b = text.as_bytes();
    let mut i = from;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    let start = i;
    while i < b.len() {
        if b[i] == b'\n' {
            let mut j = i + 1;
            while j < b.len() && (b[j] == b' ' || b[j] == b'\t' || b[j] == b'\r') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'\n' {
                return i;
            }
        }
        if b[i] == b'<' && i > start {
            let rest = &text[i..];
            if (rest.starts_with("<!-- figcheck-ignore") || rest.starts_with("<!--figcheck-ignore"))
                && !ends_text(text, i)
            {
                return i;
            }
            if format == Format::Html {
                let lower: String = rest
                    .chars()
                    .take(12)
                    .collect::<String>()
                    .to_ascii_lowercase();
                const CLOSERS: &[&str] = &[
                    "</p>",
                    "</li>",
                    "</h1>",
                    "</h2>",
                    "</h3>",
                    "</h4>",
                    "</h5>",
                    "</h6>",
                    "</blockquote>",
                    "</td>",
                    "</th>",
                    "</dd>",
                    "</figcaption>",
                ];
                if let Some(c) = CLOSERS.iter().find(|c| lower.starts_with(*c)) {
                    return i + c.len();
                }
            }
        }
        i += 1;
    }
    b.len()
}

/// What applying a document's suppressions gives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    /// The findings that remain.
    pub kept: Vec<Diagnostic>,
    /// How many were silenced.
    pub silenced: usize,
    /// Findings about the suppressions themselves (`unused-ignore`, `ignore-without-reason`).
    pub own: Vec<Diagnostic>,
}

/// Applies `doc`'s suppressions to the findings for `doc` (findings for other files pass
/// through untouched). A finding is silenced when its code is named and its primary span
/// starts inside the suppression's scope.
pub fn apply(doc: &Document, diagnostics: Vec<Diagnostic>) -> Outcome {
    apply_known(doc, diagnostics, None)
}

/// As [`apply`]; with the known rule codes, an unused suppression that names an unknown rule
/// says so (a misspelt rule is the usual reason it silences nothing).
pub fn apply_known(
    doc: &Document,
    diagnostics: Vec<Diagnostic>,
    known: Option<&[String]>,
) -> Outcome {
    let sups = parse(doc);
    let mut used = vec![false; sups.len()];
    let mut out = Outcome::default();
    // Paragraph scopes are in order and end no earlier than the ones before them (a scope ends
    // at the next suppression unless only blank space separates them), so a binary search
    // finds the first that can hold a finding; file-wide ones are looked up by rule.
    // End-of-line scopes are in order too, in a list of their own (a paragraph's scope may
    // hold them).
    let paragraphs: Vec<usize> = (0..sups.len())
        .filter(|&k| !sups[k].whole_file && !sups[k].end_of_line)
        .collect();
    let lines: Vec<usize> = (0..sups.len()).filter(|&k| sups[k].end_of_line).collect();
    let mut file_wide: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (k, s) in sups.iter().enumerate().filter(|(_, s)| s.whole_file) {
        for r in &s.rules {
            file_wide.entry(r.as_str()).or_insert(k);
        }
    }
    for d in diagnostics {
        let hit = if d.file == doc.name {
            let at = d.span.start;
            let within = |list: &[usize]| {
                let p = list.partition_point(|&k| sups[k].scope.end <= at);
                // Comments stacked above one paragraph share its end: look at each of them.
                list[p..]
                    .iter()
                    .copied()
                    .take_while(|&k| sups[k].scope.start <= at)
                    .find(|&k| at < sups[k].scope.end && sups[k].rules.contains(&d.code))
            };
            within(&lines)
                .or_else(|| within(&paragraphs))
                .or_else(|| file_wide.get(d.code.as_str()).copied())
        } else {
            None
        };
        match hit {
            Some(k) => {
                used[k] = true;
                out.silenced += 1;
            }
            None => out.kept.push(d),
        }
    }
    for (s, used) in sups.iter().zip(used) {
        let what = if s.whole_file {
            "figcheck-ignore-file"
        } else {
            "figcheck-ignore"
        };
        if s.rules.is_empty() {
            out.own.push(
                Diagnostic::of(
                    &NO_REASON,
                    &doc.name,
                    s.span,
                    format!("{what} names no rule"),
                )
                .with_help(format!("write <!-- {what} RULE: reason -->")),
            );
            continue;
        }
        if s.reason.is_none() {
            out.own.push(
                Diagnostic::of(
                    &NO_REASON,
                    &doc.name,
                    s.span,
                    format!("{what} {} has no reason", s.rules.join(", ")),
                )
                .with_help(format!(
                    "say why after a colon: <!-- {what} {}: reason -->",
                    s.rules.join(", ")
                )),
            );
        }
        let unknown: Vec<&str> = match known {
            Some(k) => s
                .rules
                .iter()
                .filter(|r| !k.contains(r))
                .map(String::as_str)
                .collect(),
            None => Vec::new(),
        };
        if !used && !unknown.is_empty() {
            out.own.push(
                Diagnostic::of(
                    &UNUSED,
                    &doc.name,
                    s.span,
                    format!("{what} names no known rule: {}", unknown.join(", ")),
                )
                .with_help("check the rule codes with `figcheck rules`"),
            );
        } else if !used {
            let place = if s.whole_file {
                "in this file"
            } else {
                "in the next paragraph"
            };
            out.own.push(
                Diagnostic::of(
                    &UNUSED,
                    &doc.name,
                    s.span,
                    format!(
                        "{what} {} silences nothing: no {} finding {place}",
                        s.rules.join(", "),
                        s.rules.join(" or ")
                    ),
                )
                .with_help("remove the comment"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn doc(text: &str) -> Document {
        Document::from_text("d.md", text.to_string(), Format::Markdown).unwrap()
    }

    fn at(text: &str, needle: &str) -> Span {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    }

    #[test]
    fn silences_only_the_next_paragraph_and_named_rule() {
        let t = "<!-- figcheck-ignore conversion: wire copy -->\nIt was 100 km (60 miles).\n\nThen 200 km (100 miles).\n";
        let d = doc(t);
        let a = Diagnostic::new(
            "conversion",
            Severity::Error,
            "d.md",
            at(t, "60 miles"),
            "x",
        );
        let b = Diagnostic::new(
            "conversion",
            Severity::Error,
            "d.md",
            at(t, "100 miles"),
            "y",
        );
        let c = Diagnostic::new("total", Severity::Error, "d.md", at(t, "60 miles"), "z");
        let o = apply(&d, vec![a, b.clone(), c.clone()]);
        assert_eq!(o.kept, vec![b, c]);
        assert_eq!(o.silenced, 1);
        assert!(o.own.is_empty(), "{:?}", o.own);
    }

    #[test]
    fn end_of_line_comments_silence_their_line() {
        let t = "The dam holds 9 km³ (2 cubic miles). <!-- figcheck-ignore conversion: the \
                 agency's rounding -->\nIts wall is 180 m (400 ft) high.\n\nThe lake is 30 km \
                 (10 miles) long.\n";
        let d = doc(t);
        let sups = parse(&d);
        assert_eq!(sups.len(), 1);
        assert!(sups[0].end_of_line && !sups[0].whole_file);
        let on_line = Diagnostic::new("conversion", Severity::Error, "d.md", at(t, "2 cubic"), "a");
        let next_line =
            Diagnostic::new("conversion", Severity::Error, "d.md", at(t, "400 ft"), "b");
        let later = Diagnostic::new(
            "conversion",
            Severity::Error,
            "d.md",
            at(t, "10 miles"),
            "c",
        );
        let other_rule = Diagnostic::new("total", Severity::Error, "d.md", at(t, "2 cubic"), "d");
        let o = apply(
            &d,
            vec![
                on_line,
                next_line.clone(),
                later.clone(),
                other_rule.clone(),
            ],
        );
        assert_eq!(o.kept, vec![next_line, later, other_rule]);
        assert_eq!(o.silenced, 1);
        assert!(o.own.is_empty(), "{:?}", o.own);
        // Unused and reasonless, it is reported like the other forms.
        let t2 = "The dam holds 9 km³. <!-- figcheck-ignore total -->\n";
        let o = apply(&doc(t2), vec![]);
        let codes: Vec<_> = o.own.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, vec![NO_REASON.code, UNUSED.code]);
    }

    #[test]
    fn a_paragraph_comment_reaches_past_end_of_line_ones() {
        // The paragraph's comment covers its lines after an end-of-line one too.
        let t = "<!-- figcheck-ignore total: the board's own sums -->\nSeats: 4 of 9. \
                 <!-- figcheck-ignore conversion: quoted -->\nVotes: 30 and 50 of 70.\n";
        let d = doc(t);
        let sups = parse(&d);
        assert_eq!(sups.len(), 2);
        assert!(!sups[0].end_of_line && sups[1].end_of_line);
        let total = Diagnostic::new("total", Severity::Warning, "d.md", at(t, "30 and"), "t");
        let conv = Diagnostic::new("conversion", Severity::Warning, "d.md", at(t, "4 of"), "c");
        let o = apply(&d, vec![conv, total]);
        assert!(o.kept.is_empty(), "{:?}", o.kept);
        assert_eq!(o.silenced, 2);
        // In HTML, a comment after an opening tag alone starts a paragraph, it ends none.
        let h = "<p><!-- figcheck-ignore total: sums -->Seats: 4 of 9.</p>\n";
        let hd = Document::from_text("d.html", h.to_string(), Format::Html).unwrap();
        assert!(!parse(&hd)[0].end_of_line);
    }

    #[test]
    fn file_scope_and_unused_and_missing_reason() {
        let t = "<!-- figcheck-ignore-file total -->\nA.\n\n<!-- figcheck-ignore weekday: checked -->\nB.\n";
        let d = doc(t);
        let a = Diagnostic::new("total", Severity::Error, "d.md", at(t, "B."), "x");
        let o = apply(&d, vec![a]);
        assert!(o.kept.is_empty());
        let codes: Vec<_> = o.own.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, vec![NO_REASON.code, UNUSED.code]);
        assert_eq!(
            o.own[1].span,
            at(t, "<!-- figcheck-ignore weekday: checked -->")
        );
    }

    #[test]
    fn other_files_and_other_comments_pass_through() {
        let t = "<!-- a plain comment -->\n<!-- figcheck-ignorex total: no -->\nA.\n";
        let d = doc(t);
        assert!(parse(&d).is_empty());
        let a = Diagnostic::new("total", Severity::Error, "other.md", Span::new(0, 1), "x");
        let o = apply(&d, vec![a.clone()]);
        assert_eq!(o.kept, vec![a]);
    }

    #[test]
    fn html_paragraph_ends_at_closing_tag() {
        let t = "<!-- figcheck-ignore total: ok --><p>One 5.</p><p>Two 6.</p>";
        let d = Document::from_text("d.html", t.to_string(), Format::Html).unwrap();
        let s = parse(&d);
        assert_eq!(&t[s[0].scope.start..s[0].scope.end], "<p>One 5.</p>");
    }

    #[test]
    fn stacked_comments_apply_to_the_same_paragraph() {
        let t = "<!-- figcheck-ignore conversion: a -->\n<!-- figcheck-ignore total: b -->\nIt was 5 km (5 miles) and 3.\n\nNext 7.\n";
        let d = doc(t);
        let a = Diagnostic::new("conversion", Severity::Error, "d.md", at(t, "5 miles"), "x");
        let b = Diagnostic::new("total", Severity::Error, "d.md", at(t, "3."), "y");
        let c = Diagnostic::new("total", Severity::Error, "d.md", at(t, "7."), "z");
        let o = apply(&d, vec![a, b, c.clone()]);
        assert_eq!(o.kept, vec![c]);
        assert!(o.own.is_empty(), "{:?}", o.own);
    }

    #[test]
    fn unknown_rule_names_are_pointed_out() {
        let t = "<!-- figcheck-ignore conversoin: typo -->\nA 5.\n";
        let known = vec!["conversion".to_string()];
        let o = apply_known(&doc(t), Vec::new(), Some(&known));
        assert_eq!(o.own.len(), 1);
        assert_eq!(o.own[0].code, UNUSED.code);
        assert!(
            o.own[0].message.contains("no known rule: conversoin"),
            "{}",
            o.own[0].message
        );
    }

    #[test]
    fn unterminated_comment_is_ignored() {
        let d = doc("<!-- figcheck-ignore total: x\nno end");
        assert!(parse(&d).is_empty());
    }
}
