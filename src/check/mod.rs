//! Checks: the internal consistency of one draft's figures.
//!
//! [`check`] runs every [`Rule`] over a document's quantities and returns [`Diagnostic`]s sorted
//! by position. Each rule lives in its own file with a stable kebab-case code, a default
//! [`Severity`] and documentation (what it checks, why it matters, an example that fires and
//! one that does not) that [`rules`] exposes at run time.
//!
//! Tolerances come from how the writer stated each figure; see `docs/tolerance.md` and
//! [`util::agrees`].

pub mod breakdown;
pub mod conversion;
pub mod duration;
pub mod elapsed;
pub mod multiple;
pub mod part_whole;
pub mod percent_change;
pub mod percent_of;
pub mod total;
pub mod util;
pub mod weekday;

use crate::diagnostic::{Diagnostic, Severity};
use crate::quantity::{Quantity, Span};
use crate::source::Document;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// Settings for a check run. `Default` gives the documented defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckOptions {
    /// How far a hedged figure ("about", "roughly", "some") may stray from the exact value, as
    /// a fraction of it (default 0.05 = 5%). See `docs/tolerance.md`.
    pub hedge_widen: Decimal,
    /// Days of slack when a day count is compared with the document date (the date line can
    /// differ from the writing time by a day). Default 1.
    pub date_slack_days: i64,
    /// Rule codes that do not run.
    pub disabled: BTreeSet<String>,
    /// Severity overrides by rule code.
    pub severity: BTreeMap<String, Severity>,
}

impl Default for CheckOptions {
    fn default() -> CheckOptions {
        CheckOptions {
            hedge_widen: Decimal::new(5, 2),
            date_slack_days: 1,
            disabled: BTreeSet::new(),
            severity: BTreeMap::new(),
        }
    }
}

/// What `figcheck rules` shows about a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable kebab-case code.
    pub code: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line: what it checks.
    pub summary: &'static str,
    /// The whole documentation (Markdown).
    pub doc: &'static str,
}

/// A check rule. Implementors are unit structs, one per file.
pub trait Rule: Sync {
    /// Stable kebab-case code.
    fn code(&self) -> &'static str;
    /// Default severity.
    fn severity(&self) -> Severity;
    /// Documentation: what it checks / why it matters / example that fires / one that does not.
    fn doc(&self) -> &'static str;
    /// Appends findings for one document.
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>);
}

/// Every rule, in the order `figcheck rules` lists them.
pub static RULES: &[&dyn Rule] = &[
    &conversion::Conversion,
    &total::Total,
    &part_whole::PartWhole,
    &percent_of::PercentOf,
    &percent_change::PercentChange,
    &multiple::Multiple,
    &breakdown::Breakdown,
    &weekday::Weekday,
    &duration::Duration,
    &elapsed::Elapsed,
];

/// The registry: code, default severity, summary and documentation of every rule.
pub fn rules() -> Vec<RuleInfo> {
    RULES
        .iter()
        .map(|r| RuleInfo {
            code: r.code(),
            severity: r.severity(),
            summary: r.doc().lines().next().unwrap_or("").trim(),
            doc: r.doc(),
        })
        .collect()
}

/// Checks one document's figures against each other. Findings are sorted by position.
pub fn check(doc: &Document, quantities: &[Quantity], opts: &CheckOptions) -> Vec<Diagnostic> {
    let cx = Ctx::new(doc, quantities, opts);
    let mut out = Vec::new();
    for r in RULES {
        if opts.disabled.contains(r.code()) {
            continue;
        }
        let before = out.len();
        r.check(&cx, &mut out);
        if let Some(s) = opts.severity.get(r.code()) {
            for d in &mut out[before..] {
                d.severity = *s;
            }
        }
    }
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code))
    });
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    out
}

/// What a rule sees: the document, its figures grouped by sentence, and the options.
pub struct Ctx<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its figures, in order.
    pub qs: &'a [Quantity],
    /// The options.
    pub opts: &'a CheckOptions,
    /// Sentence spans (index = `Quantity::sentence`).
    pub sentences: Vec<Span>,
    /// Indexes into `qs` per sentence.
    pub by_sentence: Vec<Vec<usize>>,
}

impl<'a> Ctx<'a> {
    /// Builds the context.
    pub fn new(doc: &'a Document, qs: &'a [Quantity], opts: &'a CheckOptions) -> Ctx<'a> {
        let sentences = crate::grammar::sentence::sentences(&doc.prose);
        let n = qs
            .iter()
            .map(|q| q.sentence + 1)
            .max()
            .unwrap_or(0)
            .max(sentences.len());
        let mut by_sentence = vec![Vec::new(); n];
        for (i, q) in qs.iter().enumerate() {
            by_sentence[q.sentence].push(i);
        }
        Ctx {
            doc,
            qs,
            opts,
            sentences,
            by_sentence,
        }
    }

    /// The original text of a span.
    pub fn text(&self, s: Span) -> &'a str {
        self.doc.text.get(s.start..s.end).unwrap_or("")
    }

    /// The prose between two figures (empty if they overlap or are out of order).
    pub fn between(&self, a: &Quantity, b: &Quantity) -> &'a str {
        if a.span.end <= b.span.start {
            self.doc.prose.get(a.span.end..b.span.start).unwrap_or("")
        } else {
            ""
        }
    }

    /// The sentence span of a figure (the figure's own span if unknown).
    pub fn sentence(&self, q: &Quantity) -> Span {
        self.sentences.get(q.sentence).copied().unwrap_or(q.span)
    }

    /// The prose of the sentence before a figure.
    pub fn before(&self, q: &Quantity) -> &'a str {
        let s = self.sentence(q);
        self.doc
            .prose
            .get(s.start.min(q.span.start)..q.span.start)
            .unwrap_or("")
    }

    /// The prose of the sentence after a figure.
    pub fn after(&self, q: &Quantity) -> &'a str {
        let s = self.sentence(q);
        self.doc
            .prose
            .get(q.span.end..s.end.max(q.span.end))
            .unwrap_or("")
    }

    /// The prose of a figure's sentence.
    pub fn sentence_text(&self, q: &Quantity) -> &'a str {
        let s = self.sentence(q);
        self.doc.prose.get(s.start..s.end).unwrap_or("")
    }

    /// The figures of a sentence, by index into `qs`.
    pub fn in_sentence(&self, si: usize) -> &[usize] {
        self.by_sentence.get(si).map_or(&[], |v| v.as_slice())
    }

    /// A finding of `rule` on `q` with its text.
    pub fn diag(&self, rule: &dyn Rule, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(rule.code(), rule.severity(), &self.doc.name, span, message)
    }

    /// Adds a related span to a finding.
    pub fn related(&self, d: Diagnostic, span: Span, message: impl Into<String>) -> Diagnostic {
        let name = self.doc.name.clone();
        d.with_related(&name, span, message)
    }
}

/// Case-insensitive whole-word search: whether `hay` contains `word` (words may contain spaces).
pub fn has_word(hay: &str, word: &str) -> bool {
    find_word(hay, word).is_some()
}

/// Case-insensitive whole-word search: the byte offset of the first match.
pub fn find_word(hay: &str, word: &str) -> Option<usize> {
    let lh = hay.to_lowercase();
    if lh.len() != hay.len() {
        // Lower-casing changed byte lengths: fall back to ASCII-only lower-casing.
        let lh = hay.to_ascii_lowercase();
        return find_word_lower(&lh, &word.to_ascii_lowercase());
    }
    find_word_lower(&lh, &word.to_lowercase())
}

fn find_word_lower(lh: &str, w: &str) -> Option<usize> {
    if w.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(k) = lh.get(from..).and_then(|s| s.find(w)) {
        let at = from + k;
        let end = at + w.len();
        let ok_before = lh[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let ok_after = lh[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if ok_before && ok_after {
            return Some(at);
        }
        from = at + lh[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_codes_are_unique_kebab_case_and_documented() {
        let rs = rules();
        assert!(rs.len() >= 10);
        let codes: BTreeSet<_> = rs.iter().map(|r| r.code).collect();
        assert_eq!(codes.len(), rs.len());
        for r in &rs {
            assert!(
                r.code.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.code
            );
            for part in ["Why it matters", "Fires", "Silent"] {
                assert!(r.doc.contains(part), "{}: no {part:?}", r.code);
            }
            assert!(!r.summary.is_empty());
        }
    }

    #[test]
    fn words_are_found_whole() {
        assert!(has_word("Bringing the total to", "the total"));
        assert!(!has_word("totally", "total"));
        assert_eq!(find_word("in all, 5", "in all"), Some(0));
    }

    #[test]
    fn disabled_rules_do_not_run() {
        let doc = Document::from_text(
            "t.txt",
            "It was 100 km (20 miles) away.".to_string(),
            crate::Format::Text,
        )
        .unwrap();
        let qs = crate::extract(&doc);
        assert_eq!(check(&doc, &qs, &CheckOptions::default()).len(), 1);
        let mut o = CheckOptions::default();
        o.disabled.insert("conversion".into());
        assert!(check(&doc, &qs, &o).is_empty());
        let mut o = CheckOptions::default();
        o.severity.insert("conversion".into(), Severity::Note);
        assert_eq!(check(&doc, &qs, &o)[0].severity, Severity::Note);
    }
}
