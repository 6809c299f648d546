//! The `duration` rule.

use super::dates::{add_units, days, fmt_date, n_days, unit_days};
use super::{Ctx, Rule, norm};
use crate::analysis::DateKind;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::grammar::Grammar;
use crate::quantity::{Bound, Dimension, Quantity};
use crate::registry::RuleMeta;
use jiff::civil::Date;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

declare_rule! {
    pub static DURATION = {
        code: "duration",
        kind: Check,
        severity: Warning,
        summary: "A stated length of time must fit the dates it runs between.",
        what: "(1) A length (`a two-day truce`, `the five-day summit`, `for three weeks`)
in the same sentence as `from DATE to DATE` (or `until`, `through`, `till`): the days between
the dates, counted with or without the last day, must match the length (months and years by the
calendar, give or take a day; hedged lengths are widened by the hedge allowance). (2) A length
ending on a date with no start (`for a week, until February 1`): counted from the document
date, the time left before the end date must be at least the length, give or take the date
slack (default one day). A length that must have begun before the text was written is
flagged: the length or the end date is probably wrong, or the writer mixed a request made
earlier with its end date.

(3) A length in hours or minutes before `from TIME to TIME` (or `until`, `till`, a dash, or
`midnight`/`noon` as the end): the span between the clock times, across midnight when the end is
earlier (`from 11 p.m. to 3 a.m.` is four hours), must be the length. A clock whose half of the
day is not written (`from 10:30 to 1:30`) is not read.",
        why: "Readers plan by dates; a truce or a pause whose length and dates disagree
leaves them unsure when it ends.",
        fires: "`The five-day summit ran from Sept. 1 to Sept. 9.`; `a six-hour walkout from 9 p.m.
to midnight`; `They agreed to pause strikes for
a week, until February 1.` in a draft dated 2026-01-30 (two days are left, not a week).",
        silent: "`A two-day truce from April 11 to April 12 held.`; `They agreed to pause strikes for
a week, until February 6.` in a draft dated 2026-01-30; `the pause ended on February 1 after a
week` (no `until`).",
        not_checked: "A clock whose half of the day is not written: `a two-hour meeting from 10:30 to 1:30`
(three hours either way) is not read.",
    };
}

/// The `duration` rule; its documentation is [`DURATION`].
pub struct Duration;

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
    fn meta(&self) -> &'static RuleMeta {
        &DURATION
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for si in 0..cx.by_sentence.len() {
            let idx = cx.in_sentence(si);
            for (n, &k) in idx.iter().enumerate() {
                let q = &cx.qs[k];
                if self.clock_span(cx, q, &idx[n + 1..], out) {
                    continue;
                }
                let Some((v, unit)) = length(&cx.opts.grammar, q) else {
                    continue;
                };
                let after = cx.norm_after(q);
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
                    cx.date_kind(x) == Some(DateKind::Day) && (x.date.is_some() || undated)
                };
                // (1) "from D1 to D2".
                if let [d1, d2, ..] = next.as_slice()
                    && day(d1)
                    && day(d2)
                    && cx.norm_before(d1).ends_with("from")
                    && cx.norm_between(d1, d2).is_any(END_WORDS)
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
                let slack = cx.opts.tolerance.date_slack_days;
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

use super::dates::MONTHS;

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

/// Minutes after midnight of a clock time whose reading is certain: with am/pm, or in 24-hour
/// form (an hour past 12, or a leading zero: "21:00", "09:30"), or `midnight`/`noon`.
fn certain_minutes(q: &Quantity, text: &str) -> Option<i64> {
    let t = q.clock?;
    let lower = text.to_ascii_lowercase();
    let ampm = ["a.m", "p.m", "am", "pm"].iter().any(|p| lower.contains(p));
    let h = i64::from(t.hour());
    let certain = ampm || h > 12 || text.trim_start().starts_with('0');
    certain.then_some(h * 60 + i64::from(t.minute()))
}

/// `midnight` or `noon` at the start of `rest`: its minutes after midnight (midnight ends a
/// day: 24:00).
fn named_time(rest: &str) -> Option<i64> {
    let r = rest.trim_start();
    let word: String = r.chars().take_while(|c| c.is_alphabetic()).collect();
    match word.to_ascii_lowercase().as_str() {
        "midnight" => Some(24 * 60),
        "noon" | "midday" => Some(12 * 60),
        _ => None,
    }
}

impl Duration {
    /// A length in hours or minutes with a clock span after it in the sentence: `a six-hour
    /// walkout from 9 p.m. to midnight`, `the four-hour curfew from 11 p.m. to 3 a.m.` (a span
    /// across midnight runs into the next day). Returns whether `q` was such a length.
    fn clock_span(
        &self,
        cx: &Ctx<'_>,
        q: &Quantity,
        next: &[usize],
        out: &mut Vec<Diagnostic>,
    ) -> bool {
        if q.dimension != Dimension::Duration || !matches!(q.bound, Bound::Exact) || q.approx {
            return false;
        }
        let Some(u) = q.unit.as_deref().and_then(|u| cx.opts.grammar.unit(u)) else {
            return false;
        };
        if u.dimension != Dimension::Duration || u.factor >= Decimal::from(86400) {
            return false;
        }
        let Some(v) = q.point().map(|f| f.value) else {
            return false;
        };
        let Some(stated) = (v * u.factor / Decimal::from(60)).round_dp(3).to_f64() else {
            return false;
        };
        let Some(&j) = next.first() else { return false };
        let t1 = cx.qs[j];
        if t1.dimension != Dimension::Time
            || !norm(cx.between(q, t1)).ends_with("from")
            || cx.between(q, t1).contains(['.', ';', ','])
        {
            return false;
        }
        let Some(m1) = certain_minutes(t1, &cx.text(t1.span)) else {
            return true;
        };
        // The end: the next clock time after "to"/"until"/"till", or midnight or noon.
        let after = cx.after(t1);
        let na = norm(after);
        let Some(joined) = ["to ", "until ", "till ", "- ", "– "]
            .iter()
            .find_map(|w| na.strip_prefix(w))
        else {
            return true;
        };
        let (m2, end_span) = match next.get(1).map(|&k| cx.qs[k]) {
            Some(t2)
                if t2.dimension == Dimension::Time
                    && END_WORDS
                        .iter()
                        .chain(["-", "–"].iter())
                        .any(|w| norm(cx.between(t1, t2)) == *w) =>
            {
                match certain_minutes(t2, &cx.text(t2.span)) {
                    Some(m) => (m, t2.span),
                    None => return true,
                }
            }
            _ => match named_time(joined) {
                Some(m) => {
                    let lower = after.to_ascii_lowercase();
                    let Some((at, w)) = ["midnight", "noon", "midday"]
                        .iter()
                        .find_map(|w| lower.find(w).map(|k| (k, w.len())))
                    else {
                        return true;
                    };
                    let start = t1.span.end + at;
                    (m, crate::quantity::Span::new(start, start + w))
                }
                None => return true,
            },
        };
        let mut span = m2 - m1;
        if span <= 0 {
            span += 24 * 60;
        }
        if span <= 0 || span >= 24 * 60 || (stated - span as f64).abs() < 0.5 {
            return true;
        }
        let hm = |m: i64| {
            if m % 60 == 0 {
                if m == 60 {
                    "1 hour".to_string()
                } else {
                    format!("{} hours", m / 60)
                }
            } else {
                format!("{} h {} min", m / 60, m % 60)
            }
        };
        let len = cx.text(q.span);
        let d = cx
            .diag(
                self,
                q.span,
                format!(
                    "from {} to {} is {}; the text says {len}",
                    cx.text(t1.span),
                    cx.text(end_span),
                    hm(span)
                ),
            )
            .with_help("correct the length or the clock times");
        let d = cx.related(d, t1.span, "start");
        out.push(cx.related(d, end_span, "end"));
        true
    }

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
            let w = (Decimal::from(expect) * cx.opts.tolerance.hedge_widen)
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
