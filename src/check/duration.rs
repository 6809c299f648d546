//! The `duration` rule.

use super::weekday::fmt_date;
use super::{Ctx, Rule, norm};
use crate::analysis::DateKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::grammar::Grammar;
use crate::quantity::{Bound, Dimension, Quantity};
use jiff::ToSpan;
use jiff::civil::Date;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

macro_rules! rule_doc {
    () => {
        "A stated length of time must fit the dates it runs between.

**What it checks.** (1) A length (`a two-day truce`, `the five-day summit`, `for three weeks`)
in the same sentence as `from DATE to DATE` (or `until`, `through`, `till`): the days between
the dates, counted with or without the last day, must match the length (months and years by the
calendar, give or take a day; hedged lengths are widened by the hedge allowance). (2) A length
ending on a date with no start (`for a week, until February 1`): counted from the document
date, the time left before the end date must be at least the length, give or take the date
slack (default one day). A length that must have begun before the text was written is
flagged: the length or the end date is probably wrong, or the writer mixed a request made
earlier with its end date.

**Why it matters.** Readers plan by dates; a truce or a pause whose length and dates disagree
leaves them unsure when it ends.

**Fires:** `The five-day summit ran from Sept. 1 to Sept. 9.`; `They agreed to pause strikes for
a week, until February 1.` in a draft dated 2026-01-30 (two days are left, not a week).

**Silent:** `A two-day truce from April 11 to April 12 held.`; `They agreed to pause strikes for
a week, until February 6.` in a draft dated 2026-01-30; `the pause ended on February 1 after a
week` (no `until`)."
    };
}

#[doc = rule_doc!()]
pub struct Duration;

/// The documentation of [`Duration`].
pub const DOC: &str = rule_doc!();

/// Calendar units: months and years are counted on the calendar, the rest in days.
pub fn unit_days(g: &Grammar, unit: &str) -> Option<Decimal> {
    let u = g.unit(unit)?;
    if u.dimension != Dimension::Duration {
        return None;
    }
    let d = u.factor / Decimal::from(86400);
    (d >= Decimal::ONE).then_some(d)
}

/// `d` plus `n` of `unit` on the calendar (whole units only); `None` when out of range.
pub fn add_units(g: &Grammar, d: Date, n: i64, unit: &str) -> Option<Date> {
    // jiff panics on spans out of its range: keep to ten thousand years either way.
    let days = match unit {
        "month" | "year" | "decade" | "century" => None,
        _ => Some(unit_days(g, unit)?.to_i64()?.checked_mul(n)?),
    };
    let limit = match unit {
        "month" => 100_000,
        "year" => 10_000,
        "decade" => 1_000,
        "century" => 100,
        _ => i64::MAX,
    };
    if n.abs() > limit || days.is_some_and(|x| x.abs() > 3_000_000) {
        return None;
    }
    match unit {
        "month" => d.checked_add(n.months()).ok(),
        "year" => d.checked_add(n.years()).ok(),
        "decade" => d.checked_add((n * 10).years()).ok(),
        "century" => d.checked_add((n * 100).years()).ok(),
        _ => d.checked_add(days?.days()).ok(),
    }
}

/// Days from `a` to `b`.
pub fn days(a: Date, b: Date) -> i64 {
    i64::from((b - a).get_days())
}

/// Human "2 days".
pub fn n_days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

fn length<'q>(g: &Grammar, q: &'q Quantity) -> Option<(Decimal, &'q str)> {
    if q.dimension != Dimension::Duration || !matches!(q.bound, Bound::Exact | Bound::Approx) {
        return None;
    }
    let v = q.point()?.value;
    let u = q.unit.as_deref()?;
    unit_days(g, u)?;
    Some((v, u))
}

const END_WORDS: &[&str] = &["until", "till", "through", "to", "thru", "up to", "and"];

impl Rule for Duration {
    fn code(&self) -> &'static str {
        "duration"
    }
    fn severity(&self) -> Severity {
        Severity::Warning
    }
    fn doc(&self) -> &'static str {
        DOC
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for si in 0..cx.by_sentence.len() {
            let idx = cx.in_sentence(si);
            for (n, &k) in idx.iter().enumerate() {
                let q = &cx.qs[k];
                let Some((v, unit)) = length(&cx.opts.grammar, q) else {
                    continue;
                };
                let after = norm(cx.after(q));
                if [
                    "away", "ago", "since", "after", "before", "later", "earlier", "old",
                    "from now",
                ]
                .iter()
                .any(|w| after.starts_with(w))
                {
                    continue;
                }
                // The next figures after the length in the sentence.
                let next: Vec<&Quantity> = idx[n + 1..]
                    .iter()
                    .take(super::NEAR)
                    .map(|&j| cx.qs[j])
                    .collect();
                let undated = cx.doc.date.is_none();
                let day = |x: &&Quantity| {
                    cx.facts(x).date_kind == Some(DateKind::Day) && (x.date.is_some() || undated)
                };
                // (1) "from D1 to D2".
                if let [d1, d2, ..] = next.as_slice()
                    && day(d1)
                    && day(d2)
                    && norm(cx.before(d1)).ends_with("from")
                    && END_WORDS.contains(&norm(cx.between(d1, d2)).as_str())
                    && !cx.between(q, d1).contains(['.', ';'])
                {
                    let (Some(a), Some(b)) = (d1.date, d2.date) else {
                        cx.skip_undated();
                        continue;
                    };
                    self.between_dates(cx, q, v, unit, d1, d2, a, b, out);
                    continue;
                }
                // (2) "for a week, until D".
                let Some(end_q) = next.first() else { continue };
                let gap = norm(cx.between(q, end_q));
                let gap = gap.trim_start_matches(',').trim();
                if end_q.date_kind != Some("day")
                    || !matches!(gap, "until" | "till" | "through" | ", until" | "up to")
                {
                    continue;
                }
                if v.fract() != Decimal::ZERO {
                    continue;
                }
                let Some(whole) = v.trunc().to_i64() else {
                    continue;
                };
                let slack = cx.opts.date_slack_days;
                // (start, left, need) when the length must have begun before the text's date.
                let fires = |doc_date: Date, end: Date| -> Option<(Date, i64)> {
                    if end < doc_date {
                        return None;
                    }
                    let start = add_units(&cx.opts.grammar, end, -whole, unit)?;
                    let left = days(doc_date, end);
                    let need = days(start, end);
                    (left + slack < need && start < doc_date).then_some((start, left))
                };
                let len = &cx.text(q.span);
                let d = match (cx.doc.date, end_q.date) {
                    (Some(doc_date), Some(end)) => {
                        let Some((start, left)) = fires(doc_date, end) else {
                            continue;
                        };
                        cx.diag(
                            self,
                            q.span,
                            format!(
                                "{len} until {} would have begun on {}, before the text's date ({}); from {} to {} is {}",
                                fmt_date(end),
                                fmt_date(start),
                                fmt_date(doc_date),
                                fmt_date(doc_date),
                                fmt_date(end),
                                n_days(left)
                            ),
                        )
                        .with_help(format!(
                            "check the length or the end date: {len} from {} ends on {}",
                            fmt_date(doc_date),
                            add_units(&cx.opts.grammar, doc_date, whole, unit).map(fmt_date).unwrap_or_default()
                        ))
                    }
                    // A dateline without a year ("Jan 30"): the month and day are enough when
                    // every kind of year (leap or not, around it) gives the same answer.
                    (None, None) => {
                        let Some((dm, dd)) = cx.doc.month_day else {
                            cx.skip_undated();
                            continue;
                        };
                        let Some((em, ed)) = written_month_day(&cx.text(end_q.span)) else {
                            continue;
                        };
                        let all: Vec<_> = (2021..=2024)
                            .map(|y| {
                                let doc_date = Date::new(y, dm, dd).ok()?;
                                let end = [y, y + 1]
                                    .into_iter()
                                    .filter_map(|ey| Date::new(ey, em, ed).ok())
                                    .min_by_key(|e| days(doc_date, *e).abs())?;
                                Some(fires(doc_date, end).map(|(s, l)| {
                                    (
                                        fmt_month_day(s),
                                        l,
                                        add_units(&cx.opts.grammar, doc_date, whole, unit)
                                            .map(fmt_month_day),
                                    )
                                }))
                            })
                            .collect();
                        let Some(Some(Some((start, left, ends)))) = all.first().cloned() else {
                            continue;
                        };
                        if all.iter().any(|a| {
                            a.as_ref().and_then(|x| x.as_ref()).map(|x| &x.0) != Some(&start)
                        }) {
                            continue;
                        }
                        let (doc_s, end_s) = (fmt_md(dm, dd), fmt_md(em, ed));
                        cx.diag(
                            self,
                            q.span,
                            format!(
                                "{len} until {end_s} would have begun on {start}, before the text's date ({doc_s}, its dateline); from {doc_s} to {end_s} is {}",
                                n_days(left)
                            ),
                        )
                        .with_help(format!(
                            "check the length or the end date: {len} from {doc_s} ends on {}",
                            ends.unwrap_or_default()
                        ))
                    }
                    (None, Some(_)) => {
                        cx.skip_undated();
                        continue;
                    }
                    (Some(_), None) => continue,
                };
                out.push(cx.related(d, end_q.span, "end date"));
            }
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "February 1".
fn fmt_md(m: i8, d: i8) -> String {
    let name = MONTHS
        .get(usize::try_from(m - 1).unwrap_or(99))
        .copied()
        .unwrap_or("?");
    format!("{name} {d}")
}

fn fmt_month_day(d: Date) -> String {
    fmt_md(d.month(), d.day())
}

/// The month and day of a date written without a year ("Feb. 1", "1 February").
fn written_month_day(text: &str) -> Option<(i8, i8)> {
    let (_, raw) =
        crate::grammar::date::date(&crate::grammar::cx::Cx::builtin(), text.trim()).ok()?;
    if raw.year.is_some() || raw.rel_year.is_some() {
        return None;
    }
    Some((raw.month?, raw.day?))
}

impl Duration {
    #[allow(clippy::too_many_arguments)]
    fn between_dates(
        &self,
        cx: &Ctx<'_>,
        q: &Quantity,
        v: Decimal,
        unit: &str,
        d1: &Quantity,
        d2: &Quantity,
        a: Date,
        b: Date,
        out: &mut Vec<Diagnostic>,
    ) {
        if b < a {
            return;
        }
        let excl = days(a, b);
        let incl = excl + 1;
        let whole = v.trunc().to_i64();
        // Where the length would end, by the calendar; a fractional length in days.
        let expect = match whole {
            Some(w) if v.fract().is_zero() => {
                add_units(&cx.opts.grammar, a, w, unit).map(|e| days(a, e))
            }
            _ => unit_days(&cx.opts.grammar, unit).and_then(|u| (v * u).round().to_i64()),
        };
        let Some(expect) = expect else { return };
        let calendar = matches!(unit, "month" | "year" | "decade");
        let mut slack = if calendar { 1 } else { 0 };
        if q.approx {
            let w = (Decimal::from(expect) * cx.opts.hedge_widen)
                .ceil()
                .to_i64()
                .unwrap_or(0);
            slack += w.max(1);
        }
        if expect >= excl - slack && expect <= incl + slack {
            return;
        }
        let len = &cx.text(q.span);
        let d = cx
            .diag(
                self,
                q.span,
                format!(
                    "from {} to {} is {} ({} counting both); the text says {len}",
                    fmt_date(a),
                    fmt_date(b),
                    n_days(excl),
                    n_days(incl)
                ),
            )
            .with_help(format!(
                "{len} from {} ends on {}; correct the length or the dates",
                fmt_date(a),
                add_units(&cx.opts.grammar, a, expect, "day")
                    .map(fmt_date)
                    .unwrap_or_default()
            ));
        let d = cx.related(d, d1.span, "start");
        out.push(cx.related(d, d2.span, "end"));
    }
}
