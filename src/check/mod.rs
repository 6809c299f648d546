//! Checks: the internal consistency of one draft's figures.
//!
//! [`check`] runs every [`Rule`] over a document's quantities and returns [`Diagnostic`]s sorted
//! by position. Each rule lives in its own file with its registry entry (code, default
//! [`Severity`] and documentation, declared with [`crate::declare_rule!`]; see
//! [`crate::registry`]). Helpers several rules share live in [`cues`] (cue words), [`dates`]
//! (dates and lengths of time) and [`util`] (figures and their precision).
//!
//! Tolerances come from how the writer stated each figure; see `docs/tolerance.md` and
//! [`util::agrees`].

pub mod age;
pub mod breakdown;
pub mod calendar;
pub mod conversion;
pub mod cues;
pub mod dates;
pub mod difference;
pub mod direction;
pub mod duration;
pub mod elapsed;
pub mod multiple;
pub mod part_whole;
pub mod percent_change;
pub mod percent_of;
pub mod total;
pub mod undated;
pub mod util;
pub mod weekday;

pub use cues::{find_word, has_word, norm};

use crate::analysis::{Analysis, Facts, Norm};
use crate::diagnostic::{Diagnostic, Severity};
use crate::quantity::{Quantity, Span};
use crate::registry::RuleMeta;
use crate::source::Document;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// Settings for a check run. `Default` gives the documented defaults.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckOptions {
    /// The tolerance settings (`[tolerance]` in `figcheck.toml`; see `docs/tolerance.md`).
    pub tolerance: crate::precision::Tolerance,
    /// Rule codes that do not run.
    pub disabled: BTreeSet<String>,
    /// Severity overrides by rule code.
    pub severity: BTreeMap<String, Severity>,
    /// The grammar figures were read with: its units (a configuration's own included) are
    /// the ones checks convert through.
    pub grammar: crate::grammar::Grammar,
}

/// A check rule. Implementors are unit structs, one per file, each with its registry entry
/// (declared with [`crate::declare_rule!`] in the same file).
pub trait Rule: Sync {
    /// The rule's registry entry: code, default severity, documentation.
    fn meta(&self) -> &'static RuleMeta;
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
    &direction::DirectionRule,
    &difference::Difference,
    &multiple::Multiple,
    &breakdown::Breakdown,
    &weekday::Weekday,
    &duration::Duration,
    &elapsed::Elapsed,
    &calendar::Calendar,
    &age::Age,
    // Last: it reports what the date rules above skipped.
    &undated::Undated,
];

/// The registry entries of the check rules, in the order they run (see [`crate::registry`]
/// for every rule, reconcile's and the suppressions' too).
pub fn rules() -> Vec<&'static RuleMeta> {
    RULES.iter().map(|r| r.meta()).collect()
}

/// Checks one document's figures against each other. Findings are sorted by position.
pub fn check(doc: &Document, quantities: &[Quantity], opts: &CheckOptions) -> Vec<Diagnostic> {
    check_analysis(&Analysis::new(doc, quantities), opts)
}

/// [`check`] on a document already analysed.
pub fn check_analysis(an: &Analysis<'_>, opts: &CheckOptions) -> Vec<Diagnostic> {
    report_analysis(an, opts).findings
}

/// A relationship a rule verified, whether or not it found it wrong: the figure it judged
/// (`stated`), the figures it judged it against (`inputs`), and the value the stated figure is
/// owed in its own unit when the rule computes one (a fraction in words or a bound has none).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The rule's code.
    pub code: &'static str,
    /// The judged figure's span.
    pub stated: Span,
    /// The spans of the figures it was computed from.
    pub inputs: Vec<Span>,
    /// The exact value owed, in the stated figure's unit and sign as written.
    pub exact: Option<Decimal>,
    /// How far the inputs' own written precision lets the owed value move, in the stated
    /// figure's unit ("10 km" is 5–15 km: 3.1 miles either way).
    pub slack: Decimal,
}

/// What a check run returns in full: its findings and every relationship it verified.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// The findings, sorted by position (what [`check`] returns).
    pub findings: Vec<Diagnostic>,
    /// The relationships verified, in the order the rules ran (a rule may list one twice).
    pub checked: Vec<Checked>,
}

/// [`check`] with the relationships verified (see [`Checked`]).
pub fn check_report(doc: &Document, quantities: &[Quantity], opts: &CheckOptions) -> Report {
    report_analysis(&Analysis::new(doc, quantities), opts)
}

/// [`check_report`] on a document already analysed.
pub fn report_analysis(an: &Analysis<'_>, opts: &CheckOptions) -> Report {
    let cx = Ctx::new(an, opts);
    let mut out = Vec::new();
    for r in RULES {
        let code = r.meta().code;
        if opts.disabled.contains(code) {
            continue;
        }
        let before = out.len();
        r.check(&cx, &mut out);
        if let Some(s) = opts.severity.get(code) {
            for d in &mut out[before..] {
                d.severity = *s;
            }
        }
    }
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.code).cmp(&(b.span.start, b.span.end, &b.code))
    });
    out.dedup_by(|a, b| a.code == b.code && a.span == b.span && a.message == b.message);
    Report {
        findings: out,
        checked: cx.checked.into_inner(),
    }
}

/// Whether every number of a figure is between 10⁻⁶ and 10¹³ in size (or zero). Figures
/// outside are not checked: products and ratios of two of them stay far inside `Decimal`'s
/// range, so no rule can overflow.
pub fn in_range(q: &Quantity) -> bool {
    let ok = |d: Decimal| in_range_fast(d).unwrap_or_else(|| in_range_plain(d));
    q.point()
        .is_none_or(|f| ok(f.value) && (f.precision.is_zero() || ok(f.precision)))
        && q.low.is_none_or(ok)
        && q.high.is_none_or(ok)
}

/// The statement of [`in_range`] for one number: zero, or between 10⁻⁶ and 10¹³ in size.
fn in_range_plain(d: Decimal) -> bool {
    let a = d.abs();
    a.is_zero() || (a >= Decimal::new(1, 6) && a <= Decimal::from(10_000_000_000_000i64))
}

/// [`in_range_plain`] read off the mantissa and scale without two `Decimal` comparisons, for
/// the common numbers (`None` when it cannot tell at a glance): a mantissa m ≥ 1 with scale
/// s ≤ 6 is at least 10⁻⁶, and one of at most 10¹³ is at most 10¹³ at any scale.
fn in_range_fast(d: Decimal) -> Option<bool> {
    let m = d.mantissa().unsigned_abs();
    if m == 0 {
        return Some(true);
    }
    (d.scale() <= 6 && m <= 10_000_000_000_000).then_some(true)
}

/// How many bytes around a figure [`Ctx::before`] and [`Ctx::after`] return.
pub const WINDOW: usize = 160;

/// How many neighbouring figures a rule looks at on each side.
pub const NEAR: usize = 12;

/// What a rule sees: the document's analysis, its figures grouped by sentence, and the
/// options.
pub struct Ctx<'a> {
    /// The analysis: tokens, sentences and clauses.
    pub an: &'a Analysis<'a>,
    /// The document.
    pub doc: &'a Document,
    /// Its figures, in order, without those too large or too small to do arithmetic on (see
    /// [`in_range`]) and without periods named against the document date ([`is_period`]).
    pub qs: Vec<&'a Quantity>,
    /// The options.
    pub opts: &'a CheckOptions,
    /// Indexes into `qs` per sentence.
    pub by_sentence: Vec<Vec<usize>>,
    /// The "from X to Y" changes of every sentence, found the first time a rule asks.
    from_to: OnceLock<Vec<Vec<FromTo>>>,
    /// Checks the date rules skipped for want of a document date (see [`undated`]).
    pub undated_skips: std::cell::Cell<usize>,
    /// The relationships the rules verified (see [`Ctx::verified`]).
    checked: std::cell::RefCell<Vec<Checked>>,
}

impl<'a> Ctx<'a> {
    /// Builds the context.
    pub fn new(an: &'a Analysis<'a>, opts: &'a CheckOptions) -> Ctx<'a> {
        let qs: Vec<&'a Quantity> = an
            .quantities
            .iter()
            .filter(|q| in_range(q) && !is_period(an.doc, q))
            .collect();
        let n = qs
            .iter()
            .map(|q| q.sentence + 1)
            .max()
            .unwrap_or(0)
            .max(an.sentences.len());
        let mut by_sentence = vec![Vec::new(); n];
        for (i, q) in qs.iter().enumerate() {
            by_sentence[q.sentence].push(i);
        }
        Ctx {
            an,
            doc: an.doc,
            qs,
            opts,
            by_sentence,
            from_to: OnceLock::new(),
            undated_skips: std::cell::Cell::new(0),
            checked: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// Records that `rule` verified the figure at `stated` against `inputs` (see
    /// [`Checked`]); call it once per relationship judged, before deciding.
    pub fn verified(&self, rule: &dyn Rule, stated: Span, inputs: &[Span], exact: Option<Decimal>) {
        self.verified_with_slack(rule, stated, inputs, exact, Decimal::ZERO);
    }

    /// [`Ctx::verified`] with the slack the inputs' rounding allows (see [`Checked::slack`]).
    pub fn verified_with_slack(
        &self,
        rule: &dyn Rule,
        stated: Span,
        inputs: &[Span],
        exact: Option<Decimal>,
        slack: Decimal,
    ) {
        self.checked.borrow_mut().push(Checked {
            code: rule.meta().code,
            stated,
            inputs: inputs.to_vec(),
            exact,
            slack,
        });
    }

    /// Counts one check a date rule skipped because the document has no date (or no year).
    pub fn skip_undated(&self) {
        self.undated_skips.set(self.undated_skips.get() + 1);
    }

    /// What the rules read of a figure beyond its fields (see [`crate::analysis::Facts`]).
    pub fn facts(&self, q: &Quantity) -> Cow<'a, Facts> {
        self.an.facts(q)
    }

    /// The granularity a date figure was written in (the same as [`Facts::date_kind`], read
    /// without computing the rest of the facts).
    pub fn date_kind(&self, q: &Quantity) -> Option<crate::analysis::DateKind> {
        q.date_kind.and_then(crate::analysis::DateKind::parse)
    }

    /// The original text of a span, character references decoded (`−8 °C` for
    /// `&minus;8 &deg;C`).
    pub fn text(&self, s: Span) -> Cow<'a, str> {
        self.doc.decoded(s)
    }

    /// The prose between two figures (empty if they overlap or are out of order).
    pub fn between(&self, a: &Quantity, b: &Quantity) -> &'a str {
        let (from, to) = self.between_range(a, b);
        self.doc.prose_of(from, to)
    }

    fn between_range(&self, a: &Quantity, b: &Quantity) -> (usize, usize) {
        if a.span.end <= b.span.start {
            (a.span.end, b.span.start)
        } else {
            (0, 0)
        }
    }

    /// The sentence span of a figure (the figure's own span if unknown).
    pub fn sentence(&self, q: &Quantity) -> Span {
        self.an.sentences.get(q.sentence).map_or(q.span, |s| s.span)
    }

    /// The prose of the sentence before a figure, at most [`WINDOW`] bytes of it (rules look
    /// at nearby words only; the cap keeps every rule linear in the input).
    pub fn before(&self, q: &Quantity) -> &'a str {
        self.doc.prose_of(self.before_start(q), q.span.start)
    }

    fn before_start(&self, q: &Quantity) -> usize {
        let s = self.sentence(q);
        let mut from = s
            .start
            .min(q.span.start)
            .max(q.span.start.saturating_sub(WINDOW));
        while from < q.span.start && !self.doc.prose.is_char_boundary(from) {
            from += 1;
        }
        from
    }

    /// The prose of the sentence after a figure, at most [`WINDOW`] bytes of it.
    pub fn after(&self, q: &Quantity) -> &'a str {
        self.doc.prose_of(q.span.end, self.after_end(q))
    }

    fn after_end(&self, q: &Quantity) -> usize {
        let s = self.sentence(q);
        let mut to = s.end.max(q.span.end).min(q.span.end + WINDOW);
        while to > q.span.end && !self.doc.prose.is_char_boundary(to) {
            to -= 1;
        }
        to
    }

    /// [`Ctx::before`] normalised ([`norm`]), as a view on the tokens.
    pub fn norm_before(&self, q: &Quantity) -> Norm<'a, 'a> {
        self.an.norm(self.before_start(q), q.span.start)
    }

    /// [`Ctx::after`] normalised, as a view on the tokens.
    pub fn norm_after(&self, q: &Quantity) -> Norm<'a, 'a> {
        self.an.norm(q.span.end, self.after_end(q))
    }

    /// [`Ctx::between`] normalised, as a view on the tokens.
    pub fn norm_between(&self, a: &Quantity, b: &Quantity) -> Norm<'a, 'a> {
        let (from, to) = self.between_range(a, b);
        self.an.norm(from, to)
    }

    /// The prose of a figure's sentence.
    pub fn sentence_text(&self, q: &Quantity) -> &'a str {
        let s = self.sentence(q);
        self.doc.prose_of(s.start, s.end)
    }

    /// The index into `qs` of the figure `q` (by address: `q` must be one of them to be
    /// found). `qs` keeps the analysis' order, so their addresses increase and a binary search
    /// finds what a linear search for the same address would, in logarithmic time.
    pub fn index_of(&self, q: &Quantity) -> Option<usize> {
        let at = q as *const Quantity;
        self.qs
            .binary_search_by(|p| (*p as *const Quantity).cmp(&at))
            .ok()
    }

    /// The figures of a sentence, by index into `qs`.
    pub fn in_sentence(&self, si: usize) -> &[usize] {
        self.by_sentence.get(si).map_or(&[], |v| v.as_slice())
    }

    /// Every "from X to Y" change in a sentence (found once for the document, on first use).
    pub fn from_to(&self, si: usize) -> &[FromTo] {
        let all = self.from_to.get_or_init(|| {
            (0..self.by_sentence.len())
                .map(|si| self.find_from_to(si))
                .collect()
        });
        all.get(si).map_or(&[], Vec::as_slice)
    }

    /// The "from X to Y" changes of sentence `si`.
    fn find_from_to(&self, si: usize) -> Vec<FromTo> {
        use crate::quantity::Bound;
        let idx = self.in_sentence(si);
        let mut out = Vec::new();
        for (n, &k) in idx.iter().enumerate() {
            let q = &self.qs[k];
            // A range "from 200 to 220".
            if q.bound == Bound::Range
                && cues::may_end_with(self.before(q), "from")
                && self.norm_before(q).ends_with("from")
            {
                let text = &self.text(q.span);
                if !has_word(text, "to") {
                    continue;
                }
                if let Some([a, b]) = self.facts(q).ends {
                    let cut = q.span.start + b.at;
                    let digits = a.digits.min(b.digits);
                    // The first figure ends before the " to ".
                    let head = text[..b.at].trim_end();
                    let head = head.strip_suffix("to").unwrap_or(head).trim_end();
                    // "climbed 4 percent from 2019 to $12.8 billion": a year is not the first
                    // figure of a change in money (or anything else written with a unit).
                    let word = |at: usize| text[at..].split_whitespace().next().unwrap_or("");
                    if a.at == 0 && year_like(word(0)) && !year_like(text[b.at..].trim()) {
                        continue;
                    }
                    out.push(FromTo {
                        from_span: Span::new(q.span.start, q.span.start + head.len().max(1)),
                        to_span: Span::new(cut, q.span.end),
                        from: util::Stated {
                            fig: a.fig,
                            approx: q.approx,
                        },
                        to: util::Stated {
                            fig: b.fig,
                            approx: q.approx,
                        },
                        unit_index: k,
                        dimension: q.dimension,
                        digits,
                    });
                }
                continue;
            }
            let Some(&k2) = idx.get(n + 1) else { continue };
            let mut r = &self.qs[k2];
            // "to $8,120 a tonne from $7,640": the unit of a price ("a tonne") is read as a
            // figure of its own; the change is between the prices around it.
            if self.per_unit(q, r)
                && let Some(&k3) = idx.get(n + 2)
            {
                r = &self.qs[k3];
            }
            if !is_amount(q) || !is_amount(r) || q.unit != r.unit || q.dimension != r.dimension {
                continue;
            }
            // "from X to Y" or "to Y from X": nothing to read without one of the two words
            // (tested on the prose before reading the words).
            let raw = self.before(q);
            if !cues::may_end_with(raw, "from") && !cues::may_end_with(raw, "to") {
                continue;
            }
            let before = self.norm_before(q);
            let (from_before, to_before) = (before.ends_with("from"), before.ends_with("to"));
            if !from_before && !to_before {
                continue;
            }
            let gap = self.norm_between(q, r);
            // The gap's text and the noun are built only for the gaps that may need them.
            let gap_text = std::cell::OnceCell::new();
            let gap_text = || gap_text.get_or_init(|| gap.to_string()).as_str();
            // "to $6.42 a bushel from $6.01": a unit price's "a bushel" is not a gap.
            // "from 40 megawatts to 190 megawatts": the first figure's counted noun.
            let noun = std::cell::OnceCell::new();
            let noun = || {
                noun.get_or_init(|| {
                    q.noun
                        .as_deref()
                        .filter(|_| r.noun.is_none() || r.lemma == q.lemma)
                        .map(norm)
                })
            };
            let gap_is = |w: &str| {
                gap.is(w)
                    // Both tests below want a gap that ends with the word.
                    || gap.ends_with(w)
                        && (noun()
                            .as_ref()
                            .is_some_and(|n| gap.is(&format!("{n} {w}")))
                            || ["a ", "an ", "per "].iter().any(|d| gap.starts_with(d))
                                && ["a", "an", "per"].iter().any(|d| {
                                    gap_text()
                                        .strip_prefix(d)
                                        .and_then(|r| r.strip_prefix(' '))
                                        .and_then(|r| r.strip_suffix(w))
                                        .and_then(|r| r.strip_suffix(' '))
                                        .is_some_and(|noun| {
                                            !noun.is_empty()
                                                && noun.chars().all(|c| c.is_alphabetic())
                                        })
                                }))
            };
            let (from, to) = if from_before && gap_is("to") {
                (q, r)
            } else if to_before
                && (gap_is("from") || gap.ends_with("from") && period_then_from(gap_text()))
            {
                (r, q)
            } else {
                continue;
            };
            let (Some(ff), Some(tf)) = (from.point(), to.point()) else {
                continue;
            };
            let digits = self.facts(from).digits(ff).min(self.facts(to).digits(tf));
            out.push(FromTo {
                from_span: from.span,
                to_span: to.span,
                from: util::Stated {
                    fig: ff,
                    approx: from.approx,
                },
                to: util::Stated {
                    fig: tf,
                    approx: to.approx,
                },
                unit_index: k,
                dimension: q.dimension,
                digits,
            });
        }
        out
    }

    /// Whether `u` is the unit of the price `q` right before it ("$8,120 a tonne"): a figure
    /// of one written "a"/"an"/"per" and a word, with nothing between.
    fn per_unit(&self, q: &Quantity, u: &Quantity) -> bool {
        q.dimension == crate::quantity::Dimension::Currency
            && u.dimension != crate::quantity::Dimension::Currency
            && u.point().is_some_and(|f| f.value == Decimal::ONE)
            && {
                let t = self.text(u.span);
                ["a ", "an ", "per "]
                    .iter()
                    .any(|p| cues::norm_starts_with(&t, p))
            }
            && self.norm_between(q, u).is_empty()
    }

    /// A finding of `rule` on `q` with its text.
    pub fn diag(&self, rule: &dyn Rule, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::of(rule.meta(), &self.doc.name, span, message)
    }

    /// Adds a related span to a finding.
    pub fn related(&self, d: Diagnostic, span: Span, message: impl Into<String>) -> Diagnostic {
        let name = self.doc.name.clone();
        d.with_related(&name, span, message)
    }
}

/// Whether a figure's text is a bare year: four digits from 1800 to 2199, nothing else.
fn year_like(text: &str) -> bool {
    text.len() == 4
        && text.bytes().all(|b| b.is_ascii_digit())
        && text.parse::<u32>().is_ok_and(|y| (1800..2200).contains(&y))
}

/// Whether a figure is a plain amount a sum or ratio can use: counts, money, measures with a
/// stated number (not dates, times, ranges, vague words or open bounds).
pub fn is_amount(q: &Quantity) -> bool {
    use crate::quantity::{Bound, Dimension};
    q.point().is_some()
        && matches!(q.bound, Bound::Exact | Bound::Approx)
        && !matches!(
            q.dimension,
            Dimension::Date | Dimension::Time | Dimension::Age | Dimension::Fraction
        )
}

/// Whether a figure is a period named against the document date ("last year", "next
/// quarter", "earlier this month"). The rules do not see these ([`Ctx::qs`]): a period is
/// never one of the amounts of a change, a multiple, a share, a total or a difference, and
/// one between two amounts ("rose to 21,400 tonnes next year from 26,300 tonnes", "1,320 of
/// the 4,800 invoices paid last year, or 33 percent") leaves them side by side, as the words
/// around them read. Other dates keep their place.
pub fn is_period(doc: &Document, q: &Quantity) -> bool {
    q.dimension == crate::quantity::Dimension::Date
        && q.date_kind
            .is_some_and(|k| !matches!(k, "day" | "weekday" | "years" | "ambiguous"))
        && crate::grammar::date::is_period(&doc.decoded(q.span))
}

/// Whether the words between "to Y" and "X" are a period then "from": "will rise to $9
/// billion next year from $7.5 billion", "to 4.1 million this season from 3.8 million".
fn period_then_from(gap: &str) -> bool {
    const WHICH: &[&str] = &["next", "last", "this"];
    const PERIODS: &[&str] = &[
        "year", "month", "week", "quarter", "season", "spring", "summer", "autumn", "winter",
    ];
    // "to 3.4 million tonnes earlier this year from 4 million tonnes": a part of this period.
    matches!(gap.split(' ').collect::<Vec<_>>().as_slice(),
        [w, p, "from"] | ["earlier" | "later", w @ "this", p, "from"]
            if WHICH.contains(w) && PERIODS.contains(p))
}

/// A change written "from X to Y" (or "to Y from X", or as a range "from 200 to 220").
#[derive(Debug, Clone, Copy)]
pub struct FromTo {
    /// Where the "from" figure is.
    pub from_span: Span,
    /// Where the "to" figure is.
    pub to_span: Span,
    /// The "from" figure.
    pub from: util::Stated,
    /// The "to" figure.
    pub to: util::Stated,
    /// Index into `qs` of the first figure (its unit is theirs).
    pub unit_index: usize,
    /// Their dimension.
    pub dimension: crate::quantity::Dimension,
    /// Digits written in the less precise of the two.
    pub digits: u32,
}

/// The codes of the findings `check` gives for a Markdown text with the default options: what
/// the rules' unit tests assert on.
#[cfg(test)]
pub(crate) fn test_codes(text: &str) -> Vec<String> {
    let doc = crate::source::Document::from_text(
        "t.md",
        text.to_string(),
        crate::source::Format::Markdown,
    )
    .unwrap();
    let qs = crate::grammar::extract(&doc);
    check(&doc, &qs, &CheckOptions::default())
        .into_iter()
        .map(|d| d.code)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_whole() {
        assert!(has_word("Bringing the total to", "the total"));
        assert!(!has_word("totally", "total"));
        assert_eq!(find_word("in all, 5", "in all"), Some(0));
    }

    proptest::proptest! {
        /// The quick range test agrees with the plain statement wherever it answers.
        #[test]
        fn in_range_fast_is_the_statement(
            m in -100_000_000_000_000i64..100_000_000_000_000i64,
            s in 0u32..=12,
        ) {
            let d = Decimal::from_i128_with_scale(i128::from(m), s);
            if let Some(fast) = in_range_fast(d) {
                proptest::prop_assert_eq!(fast, in_range_plain(d));
            }
        }
    }

    #[test]
    fn index_of_is_the_linear_search_by_address() {
        let doc = Document::from_text(
            "t.md",
            "Of 1,000 voters, 400 said yes and 600 said no in 2024. About 3 km away, \
             prices rose 5% to $12 from $11.4, and 10^40 stars shone."
                .to_string(),
            crate::Format::Markdown,
        )
        .unwrap();
        let qs = crate::extract(&doc);
        let an = Analysis::new(&doc, &qs);
        let opts = CheckOptions::default();
        let cx = Ctx::new(&an, &opts);
        assert!(cx.qs.len() >= 5);
        for q in an.quantities {
            let linear = cx.qs.iter().position(|p| std::ptr::eq(*p, q));
            assert_eq!(cx.index_of(q), linear);
        }
        // A figure that is not one of them is not found.
        assert_eq!(cx.index_of(&qs[0].clone()), None);
    }

    #[test]
    fn in_range_reads_the_edges() {
        for (v, want) in [
            ("0", true),
            ("0.000001", true),
            ("0.0000009", false),
            ("10000000000000", true),
            ("10000000000001", false),
            ("-10000000000000.0", true),
            ("0.0000010", true),
            ("3.5", true),
        ] {
            let d: Decimal = v.parse().unwrap();
            assert_eq!(
                in_range_fast(d).unwrap_or_else(|| in_range_plain(d)),
                want,
                "{v}"
            );
            assert_eq!(in_range_plain(d), want, "{v}");
        }
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
        o.disabled.insert(conversion::CONVERSION.code.into());
        assert!(check(&doc, &qs, &o).is_empty());
        let mut o = CheckOptions::default();
        o.severity
            .insert(conversion::CONVERSION.code.into(), Severity::Note);
        assert_eq!(check(&doc, &qs, &o)[0].severity, Severity::Note);
    }
}
