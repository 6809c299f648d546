//! One document's analysis for the language server, as plain data with byte spans: its
//! figures, its findings after configuration and suppressions, the fixes a finding offers and
//! what a hover shows. The protocol types live in `super`.

use crate::config::{Config, DatePolicy};
use crate::{Diagnostic, Document, Format, Quantity, SourceError, Span, suppress};
use jiff::civil::Date;

/// What the server knows about one open document after reading it.
#[derive(Debug)]
pub struct Analysis {
    /// The document as read.
    pub doc: Document,
    /// Its figures, in order of position.
    pub quantities: Vec<Quantity>,
    /// Its findings: the checks' under the configuration (levels, `off`), then the draft's
    /// suppression comments applied, with the suppression rules' own findings; by position.
    pub findings: Vec<Diagnostic>,
}

/// How one document is to be read.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    /// The name used in findings (the file's path, or the URI when it has none).
    pub name: &'a str,
    /// How to read it.
    pub format: Format,
    /// Its configuration.
    pub config: &'a Config,
    /// The day the server runs, for `[date] default = "today"`.
    pub today: Date,
    /// The document date given with the request, overriding front matter.
    pub date: Option<Date>,
}

/// Every rule code a finding or a suppression comment can name.
pub fn known_codes() -> Vec<String> {
    crate::registry::codes().map(String::from).collect()
}

/// Reads and checks `text` as `input` says. A text larger than its configuration's `[limits] max_file_bytes` is
/// [`SourceError::TooLarge`], as a file of that size is on the command line.
pub fn analyse(input: &Input<'_>, text: String) -> Result<Analysis, SourceError> {
    let limit = input.config.max_file_bytes();
    if text.len() as u64 > limit {
        return Err(SourceError::TooLarge(limit));
    }
    let mut doc = Document::from_text(input.name, text, input.format)?;
    use crate::source::dated::DateSource;
    match input.config.date.default {
        DatePolicy::FrontMatter => {}
        DatePolicy::None => doc.set_date(None, DateSource::None),
        DatePolicy::Today => {
            if doc.date.is_none() {
                doc.set_date(Some(input.today), DateSource::Option);
            }
        }
    }
    let doc = doc.with_date(input.date);
    let o = input.config.check_options();
    let quantities = o.grammar.extract(&doc);
    let raw = crate::check(&doc, &quantities, &o);
    let known = known_codes();
    let o = suppress::apply_known(&doc, raw, Some(&known));
    let mut findings: Vec<Diagnostic> = o
        .kept
        .into_iter()
        .chain(o.own)
        .filter_map(|mut d| match input.config.level(&d.code) {
            Some(l) => l.severity().map(|s| {
                d.severity = s;
                d
            }),
            None => Some(d),
        })
        .collect();
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code))
    });
    Ok(Analysis {
        doc,
        quantities,
        findings,
    })
}

/// An edit a finding offers: replace `span` of the text with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the editor shows.
    pub title: String,
    /// The bytes replaced (empty for an insertion).
    pub span: Span,
    /// What they are replaced with.
    pub replacement: String,
    /// The fix the finding's help names (as opposed to a suppression).
    pub preferred: bool,
}

impl Fix {
    /// The text with this fix applied.
    pub fn apply(&self, text: &str) -> String {
        let mut s = String::with_capacity(text.len() + self.replacement.len());
        s.push_str(&text[..self.span.start]);
        s.push_str(&self.replacement);
        s.push_str(&text[self.span.end..]);
        s
    }
}

/// The placeholder a suppression quick fix writes for its reason.
pub const REASON_PLACEHOLDER: &str = "REASON";

/// The fixes finding `d` of `a` offers, each checked by reading the fixed text again: a
/// replacement only when the finding is gone after it, a suppression comment only when it
/// silences the finding and is itself clean.
pub fn fixes(input: &Input<'_>, a: &Analysis, d: &Diagnostic) -> Vec<Fix> {
    let mut out = Vec::new();
    let text = &a.doc.text;
    if d.code == suppress::UNUSED.code {
        if let Some(f) = remove_comment(text, d.span) {
            out.push(f);
        }
        return out;
    }
    if d.code == suppress::NO_REASON.code {
        return out;
    }
    if let Some(f) = help_fix(input, a, d) {
        out.push(f);
    }
    if let Some(f) = suppression_fix(input, a, d) {
        out.push(f);
    }
    out
}

/// The figure a help line says to write: "write −22 °F, or correct −30 °C" → "−22 °F".
pub fn help_replacement(help: &str) -> Option<&str> {
    let rest = help.strip_prefix("write ")?;
    let fig = rest.split(", or ").next()?.trim();
    (!fig.is_empty()
        && !fig.contains("<!--")
        && fig.chars().any(|c| c.is_ascii_digit() || c.is_alphabetic()))
    .then_some(fig)
}

/// The byte range of every written number in `s`: digits with their separators, and a sign
/// written just before them.
fn number_tokens(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut start = i;
        for sign in ["-", "−", "–", "+"] {
            if s[..start].ends_with(sign) {
                start -= sign.len();
                break;
            }
        }
        let mut end = i;
        while end < b.len()
            && (b[end].is_ascii_digit()
                || ((b[end] == b',' || b[end] == b'.')
                    && b.get(end + 1).is_some_and(u8::is_ascii_digit)))
        {
            end += 1;
        }
        out.push((start, end));
        i = end;
    }
    out
}

/// What a piece of text reads as, alone: its first figure's dimension, unit and value.
fn reading_of(
    input: &Input<'_>,
    s: &str,
) -> Option<(
    crate::Dimension,
    Option<String>,
    Option<rust_decimal::Decimal>,
)> {
    let doc = Document::from_text("fix", s.to_string(), Format::Text).ok()?;
    let g = input.config.shared_grammar();
    let q = g.extract(&doc).into_iter().next()?;
    Some((q.dimension, q.unit, q.value.map(|f| f.value.normalize())))
}

/// Whether `d`'s finding is still there after `fix`: a finding of its rule overlapping the
/// fixed bytes.
fn still_there(input: &Input<'_>, a: &Analysis, d: &Diagnostic, fix: &Fix, at: Span) -> bool {
    let fixed = fix.apply(&a.doc.text);
    match analyse(input, fixed) {
        Ok(b) => b
            .findings
            .iter()
            .any(|f| f.code == d.code && (f.span.overlaps(&at) || f.span == at)),
        Err(_) => true,
    }
}

/// The edit the help line names, keeping the text's own spelling where only the number
/// changes ("24 percent" → "25 percent" for "write 25%").
fn help_fix(input: &Input<'_>, a: &Analysis, d: &Diagnostic) -> Option<Fix> {
    let want = help_replacement(d.help.as_deref()?)?;
    let text = &a.doc.text;
    let said = text.get(d.span.start..d.span.end)?;
    let mut candidates = Vec::new();
    let (ours, theirs) = (number_tokens(said), number_tokens(want));
    if let ([(s0, s1)], [(w0, w1), ..]) = (ours.as_slice(), theirs.as_slice()) {
        let swapped = format!("{}{}{}", &said[..*s0], &want[*w0..*w1], &said[*s1..]);
        let reads = reading_of(input, &swapped);
        if reads.is_some() && reads == reading_of(input, want) {
            candidates.push(swapped);
        }
    }
    candidates.push(want.to_string());
    candidates.into_iter().find_map(|replacement| {
        if replacement == said {
            return None;
        }
        let fix = Fix {
            title: format!("Write {replacement}"),
            span: d.span,
            replacement,
            preferred: true,
        };
        let at = Span::new(d.span.start, d.span.start + fix.replacement.len());
        (!still_there(input, a, d, &fix, at)).then_some(fix)
    })
}

/// The end of a front matter block at the start of `text`, if any.
fn front_matter_end(text: &str) -> usize {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return 0;
    }
    let mut at = text.find('\n').map_or(text.len(), |i| i + 1);
    while at < text.len() {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
        if text[at..line_end].trim_end() == "---" || text[at..line_end].trim_end() == "..." {
            return line_end;
        }
        at = line_end;
    }
    0
}

/// Where a comment that covers the paragraph holding byte `at` goes: the start of that
/// paragraph (after the last blank line before it, and in HTML at the block element's tag).
fn paragraph_start(text: &str, format: Format, at: usize) -> usize {
    let floor = front_matter_end(text).min(at);
    let before = &text[floor..at];
    let b = before.as_bytes();
    let mut start = floor;
    // The last blank line: a line break, only spaces or tabs, another line break.
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        if b[i] != b'\n' {
            continue;
        }
        let mut j = i;
        while j > 0 && matches!(b[j - 1], b' ' | b'\t' | b'\r') {
            j -= 1;
        }
        if j > 0 && b[j - 1] == b'\n' {
            start = floor + i + 1;
            break;
        }
    }
    if format == Format::Html {
        const OPENERS: &[&str] = &[
            "<p",
            "<li",
            "<h1",
            "<h2",
            "<h3",
            "<h4",
            "<h5",
            "<h6",
            "<blockquote",
            "<td",
            "<th",
            "<dd",
            "<figcaption",
        ];
        let lower = text[start..at].to_ascii_lowercase();
        let opener = OPENERS
            .iter()
            .filter_map(|o| {
                lower
                    .match_indices(o)
                    .map(|(i, _)| i)
                    .filter(|&i| {
                        lower[i + o.len()..]
                            .chars()
                            .next()
                            .is_some_and(|c| c == '>' || c.is_whitespace())
                    })
                    .last()
            })
            .max();
        if let Some(i) = opener {
            start += i;
        }
    }
    start
}

/// A `<!-- figcheck-ignore CODE: REASON -->` line at the start of the finding's paragraph.
fn suppression_fix(input: &Input<'_>, a: &Analysis, d: &Diagnostic) -> Option<Fix> {
    let text = &a.doc.text;
    let at = paragraph_start(text, a.doc.format, d.span.start);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let comment = format!("<!-- figcheck-ignore {}: {REASON_PLACEHOLDER} -->", d.code);
    // Inside a line (an HTML block that does not start one) the comment goes before the tag.
    let line_start = at == 0 || matches!(text.as_bytes()[at - 1], b'\n' | b'\r');
    let replacement = if line_start {
        format!("{comment}{newline}")
    } else {
        comment.clone()
    };
    let fix = Fix {
        title: format!("Ignore `{}` in this paragraph", d.code),
        span: Span::new(at, at),
        replacement,
        preferred: false,
    };
    let shift = fix.replacement.len();
    let moved = Span::new(d.span.start + shift, d.span.end + shift);
    let fixed = fix.apply(text);
    let b = analyse(input, fixed).ok()?;
    let comment_span = Span::new(at, at + comment.len());
    let clean = b.findings.iter().all(|f| {
        !(f.code == d.code && f.span == moved)
            && !((f.code == suppress::UNUSED.code || f.code == suppress::NO_REASON.code)
                && f.span.overlaps(&comment_span))
    });
    clean.then_some(fix)
}

/// Removes a suppression comment that silences nothing, with its line when it has one alone.
fn remove_comment(text: &str, span: Span) -> Option<Fix> {
    let comment = text.get(span.start..span.end)?;
    if !comment.starts_with("<!--") {
        return None;
    }
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[span.end..];
    let line_end = rest.find('\n').map_or(text.len(), |i| span.end + i + 1);
    let alone = text[line_start..span.start].trim().is_empty()
        && text[span.end..line_end].trim().is_empty();
    let span = if alone {
        Span::new(line_start, line_end)
    } else {
        span
    };
    Some(Fix {
        title: "Remove the unused figcheck-ignore comment".into(),
        span,
        replacement: String::new(),
        preferred: true,
    })
}

/// The Markdown a hover at byte `at` shows: the reading of the figure there and the working
/// of every finding there. `None` where there is neither.
pub fn hover(a: &Analysis, at: usize) -> Option<(Span, String)> {
    let covers = |s: &Span| s.start <= at && at < s.end.max(s.start + 1);
    let mut parts = Vec::new();
    let mut span: Option<Span> = None;
    for d in a.findings.iter().filter(|d| covers(&d.span)) {
        let mut s = format!("**{}** ({}): {}", d.code, d.severity.as_str(), d.message);
        if let Some(h) = &d.help {
            s.push_str(&format!("\n\nhelp: {h}"));
        }
        for r in &d.related {
            let fig = a.doc.text.get(r.span.start..r.span.end).unwrap_or("");
            s.push_str(&format!("\n- {}: `{}`", r.message, fig.trim()));
        }
        s.push_str(&format!(
            "\n\n[{}]({})",
            d.code,
            super::rule_doc_url(&d.code)
        ));
        parts.push(s);
        span = Some(span.map_or(d.span, |x| x.cover(&d.span)));
    }
    if let Some((i, q)) = a
        .quantities
        .iter()
        .enumerate()
        .find(|(_, q)| covers(&q.span))
    {
        parts.insert(0, describe_figure(a, i, q));
        span = Some(span.map_or(q.span, |x| x.cover(&q.span)));
    }
    span.map(|s| (s, parts.join("\n\n---\n\n")))
}

/// A decimal as people write it.
fn num(d: rust_decimal::Decimal) -> String {
    d.normalize().to_string()
}

/// The reading of figure `i`: value or interval, unit, noun, role, resolved date.
fn describe_figure(a: &Analysis, i: usize, q: &Quantity) -> String {
    let text = a.doc.decoded(q.span);
    let mut lines = vec![format!("**{}** · {}", text.trim(), q.dimension.as_str())];
    let unit = q
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    if let Some(f) = q.value {
        lines.push(format!(
            "- value: {}{unit} (written to the nearest {})",
            num(f.value),
            num(f.precision)
        ));
    }
    if q.dimension != crate::Dimension::Date {
        let lo = q.low.map_or("−∞".to_string(), num);
        let hi = q.high.map_or("∞".to_string(), num);
        let bound = format!("{:?}", q.bound).to_lowercase();
        lines.push(format!("- interval: {lo} to {hi}{unit} ({bound})"));
    }
    if let Some(n) = &q.noun {
        match &q.lemma {
            Some(l) if l != n => lines.push(format!("- noun: {n} ({l})")),
            _ => lines.push(format!("- noun: {n}")),
        }
    }
    if let Some(r) = &q.role {
        lines.push(format!("- role: {r}"));
    }
    if let Some(d) = q.direction {
        lines.push(format!("- direction: {}", format!("{d:?}").to_lowercase()));
    }
    if let Some(d) = q.date {
        let kind = q.date_kind.map(|k| format!(" ({k})")).unwrap_or_default();
        match q.date_end {
            Some(e) if e != d => lines.push(format!("- date: {d} to {e}{kind}")),
            _ => lines.push(format!("- date: {d}{kind}")),
        }
    }
    if let Some(t) = q.clock {
        lines.push(format!("- time: {:02}:{:02}", t.hour(), t.minute()));
    }
    let claims = crate::claim::claims(0, &a.doc, &a.quantities);
    if let Some(c) = claims.iter().find(|c| c.quantity == i) {
        lines.push(format!("- claim: {}", c.key.describe()));
        if q.date.is_none()
            && let Some(t) = &c.key.time
        {
            lines.push(format!("- resolved date: {t}"));
        }
    } else if q.date.is_none()
        && let Some(d) = a.doc.date
    {
        lines.push(format!("- document date: {d}"));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lines_name_their_figure() {
        assert_eq!(
            help_replacement("write 64 km, or correct 40 miles"),
            Some("64 km")
        );
        assert_eq!(
            help_replacement("write 3 percentage points"),
            Some("3 percentage points")
        );
        assert_eq!(
            help_replacement("write Thursday, or correct the date"),
            Some("Thursday")
        );
        assert_eq!(
            help_replacement("correct the direction word or the figures"),
            None
        );
        assert_eq!(
            help_replacement("write <!-- figcheck-ignore RULE: reason -->"),
            None
        );
    }

    #[test]
    fn numbers_are_found_with_their_sign() {
        let s = "−11 °F and 4,400.5 t, 7.";
        let toks: Vec<&str> = number_tokens(s).iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(toks, ["−11", "4,400.5", "7"]);
    }

    #[test]
    fn paragraphs_start_after_a_blank_line_and_front_matter() {
        let t = "---\ndate: 2026-03-02\n---\nFirst 12.\n\nSecond 40 km.\n";
        assert_eq!(
            paragraph_start(t, Format::Markdown, t.find("12").unwrap()),
            t.find("First").unwrap()
        );
        assert_eq!(
            paragraph_start(t, Format::Markdown, t.find("40").unwrap()),
            t.find("Second").unwrap()
        );
        let h = "<p>One 3.</p><p>Two 9.</p>";
        assert_eq!(
            paragraph_start(h, Format::Html, h.find('9').unwrap()),
            h.rfind("<p>").unwrap()
        );
        assert_eq!(front_matter_end("no front matter"), 0);
    }
}
