//! The `elapsed` rule.

use super::dates::fmt_date;
use super::dates::{days, n_days, unit_days};
use super::{Ctx, Rule, norm};
use crate::analysis::DateKind;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::{Bound, Dimension, Quantity};
use crate::registry::RuleMeta;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

declare_rule! {
    pub static ELAPSED = {
        code: "elapsed",
        kind: Check,
        severity: Warning,
        summary: "Time to or since a date must match the document date.",
        what: "A length followed by `away` (`only three days away`, `just a month away`)
or by `since`/`ago`/`after` (`more than two years since the war began in March 2023`), with a
date in the same sentence, is compared with the time between the document date and that date.
A length in whole units is read as written to the nearest unit or counted in whole units
(`two years since March 2023` is fine in January 2026: 2.8 years have passed, two whole ones);
day counts get the date slack (default one day: a date line can lag the writing by a day).
Hedges are honoured: `more than` and `at least` need at least the length, `nearly`/`almost`
at most the length (and at least three quarters of it), `less than`/`under` at most the length,
`about` the length give or take half a unit. A month or a year as the date counts as its whole
span. Needs the document date (`--date` or front matter `date:`).",
        why: "`Three days away` goes stale or is miscounted as drafts move between days;
a reader takes it literally.",
        fires: "`The vote is only three days away, on February 12.` in a draft dated 2026-02-02;
`It has been more than three years since the war began in March 2023.` in a draft dated
2026-02-02.",
        silent: "`The vote is only three days away, on February 5.`; `It has been more than two years
since the war began in March 2023.`; `The deadline is just a month away, on March 2.`",
        not_checked: "A length not written with `away`, `since`, `ago` or `after`: `The vote, in three days,
is on February 12.` in a draft dated 2026-02-02 (ten days before) is not compared. A length
before `ago` is compared only with a date written beside it (`six years ago, in March 2023`):
in `prices, which peaked two years ago, fell in November` the month belongs to another clause.",
    };
}

/// The `elapsed` rule; its documentation is [`ELAPSED`].
pub struct Elapsed;

impl Elapsed {
    /// Whether the date `dq` is written beside "`q` ago": right after it ("two years ago, in
    /// March 2024", "a year ago on May 3", "a decade ago (2016)"), or right before it with a
    /// comma ("In March 2024, two years ago,").
    /// The same holds for "`q` from now": "until at least 2058, 32 years from now".
    fn beside_ago(cx: &Ctx<'_>, q: &Quantity, dq: &Quantity, cue: &str) -> bool {
        if dq.span.start >= q.span.end {
            let gap = norm(cx.between(q, dq));
            let Some(rest) = gap.strip_prefix(cue) else {
                return false;
            };
            let rest = rest.trim_start();
            let rest = rest
                .strip_prefix([',', '(', '—', '–'])
                .unwrap_or(rest)
                .trim_start();
            matches!(rest, "" | "in" | "on" | "in the" | "back in" | "back on")
        } else {
            norm(cx.between(dq, q)) == ","
        }
    }
}

/// Average lengths in days for reading an elapsed time in a unit.
fn avg_days(g: &crate::grammar::Grammar, unit: &str) -> Option<Decimal> {
    match unit {
        "month" => Some(Decimal::new(304375, 4)),
        "year" => Some(Decimal::new(36525, 2)),
        "decade" => Some(Decimal::new(365250, 2)),
        _ => unit_days(g, unit),
    }
}

impl Rule for Elapsed {
    fn meta(&self) -> &'static RuleMeta {
        &ELAPSED
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let today = cx.doc.date;
        for si in 0..cx.by_sentence.len() {
            let idx = cx.in_sentence(si);
            for (n, &k) in idx.iter().enumerate() {
                let q = &cx.qs[k];
                if q.dimension != Dimension::Duration {
                    continue;
                }
                let Some(unit) = q.unit.as_deref() else {
                    continue;
                };
                let Some(u) = avg_days(&cx.opts.grammar, unit) else {
                    continue;
                };
                let after = cx.norm_after(q);
                let future = after.starts_with("away") || after.starts_with("from now");
                let past = after.starts_with("since")
                    || after.starts_with("ago")
                    || after.starts_with("after");
                if !future && !past {
                    continue;
                }
                // The date: the first one after the length in the sentence, else the last before.
                let is_date = |x: &&Quantity| {
                    matches!(
                        cx.date_kind(x),
                        Some(DateKind::Day | DateKind::Month | DateKind::Year)
                    ) && (x.date.is_some() || today.is_none())
                };
                let next = idx[n + 1..]
                    .iter()
                    .take(super::NEAR)
                    .map(|&j| cx.qs[j])
                    .find(is_date);
                let prev = || {
                    idx[..n]
                        .iter()
                        .rev()
                        .take(super::NEAR)
                        .map(|&j| cx.qs[j])
                        .find(is_date)
                };
                // "six years ago, in March 2023": a length before "ago" (or "from now") names a
                // time of its own; a date is its date only written beside it, after it or
                // before it. "which peaked two years ago, had fallen ... in November" and "until
                // 2058, 32 years from now, and ... would begin in March": the other date
                // belongs to another clause.
                let cue = if after.starts_with("ago") {
                    Some("ago")
                } else if after.starts_with("from now") {
                    Some("from now")
                } else {
                    None
                };
                let dq = match cue {
                    Some(cue) => next
                        .filter(|d| Self::beside_ago(cx, q, d, cue))
                        .or_else(|| prev().filter(|d| Self::beside_ago(cx, q, d, cue))),
                    None => next.or_else(prev),
                };
                let Some(dq) = dq else { continue };
                let Some(today) = today else {
                    cx.skip_undated();
                    continue;
                };
                let (Some(first), Some(last)) = (dq.date, dq.date_end.or(dq.date)) else {
                    continue;
                };
                // Elapsed days, as an interval over the date's span.
                let (lo, hi) = if future {
                    (days(today, first), days(today, last))
                } else {
                    (days(last, today), days(first, today))
                };
                if lo < 0 && hi < 0 {
                    continue;
                }
                let slack = Decimal::from(cx.opts.tolerance.date_slack_days);
                let (lo, hi) = (Decimal::from(lo) - slack, Decimal::from(hi) + slack);
                let n_stated = match q.bound {
                    Bound::Gt | Bound::Ge => q.low,
                    Bound::Lt | Bound::Le => q.high,
                    _ => q.point().map(|f| f.value),
                };
                let Some(nv) = n_stated else { continue };
                let len = nv * u;
                let half = u / Decimal::TWO;
                let day_unit = u == Decimal::ONE;
                // The interval of elapsed days the words allow.
                let (alo, ahi) = match q.bound {
                    Bound::Gt => (len, None),
                    Bound::Ge => (len, None),
                    Bound::Lt | Bound::Le => (Decimal::ZERO, Some(len)),
                    Bound::Almost => (len * Decimal::new(75, 2), Some(len)),
                    _ if day_unit => (len, Some(len)),
                    _ if past => (len - half, Some(len + u)),
                    _ => (len - half, Some(len + half)),
                };
                let ok = hi >= alo && ahi.is_none_or(|h| lo <= h);
                if ok {
                    continue;
                }
                let actual = if future {
                    days(today, first)
                } else {
                    days(first, today)
                };
                let in_units = if day_unit {
                    n_days(actual)
                } else {
                    format!(
                        "{} ({:.1} {unit}s)",
                        n_days(actual).replace(
                            &actual.abs().to_string(),
                            &super::util::fmt_num(Decimal::from(actual.abs()))
                        ),
                        (Decimal::from(actual) / u).to_f64().unwrap_or(0.0)
                    )
                };
                let (from, to) = if future {
                    (fmt_date(today), cx.text(dq.span).to_string())
                } else {
                    (cx.text(dq.span).to_string(), fmt_date(today))
                };
                let msg = format!(
                    "from {from} to {to} is {in_units}; the text says {}",
                    cx.text(q.span)
                );
                let d = cx.diag(self, q.span, msg).with_help(format!(
                    "correct the length or the date; the text is dated {}",
                    fmt_date(today)
                ));
                out.push(cx.related(d, dq.span, "the date"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::{CheckOptions, check};
    use crate::source::Document;

    fn elapsed(date: &str, text: &str) -> Vec<String> {
        let doc = Document::from_text(
            "t.md",
            format!("---\ndate: {date}\n---\n{text}\n"),
            crate::Format::Markdown,
        )
        .unwrap();
        let qs = crate::extract(&doc);
        check(&doc, &qs, &CheckOptions::default())
            .into_iter()
            .filter(|d| d.code == "elapsed")
            .map(|d| doc.text[d.span.start..d.span.end].to_string())
            .collect()
    }

    #[test]
    fn a_length_before_ago_is_compared_only_with_the_date_beside_it() {
        // Beside it: compared, in either direction.
        let s = "The ferry sank {} ago, in September 2021, off the cape.";
        assert_eq!(
            elapsed("2026-05-12", &s.replace("{}", "three years")),
            ["three years"]
        );
        assert!(elapsed("2026-05-12", &s.replace("{}", "four years")).is_empty());
        assert_eq!(
            elapsed(
                "2026-05-12",
                "In September 2021, three years ago, the ferry sank."
            ),
            ["three years"]
        );
        // The date of another clause is not the length's.
        for t in [
            "Rents, which doubled three years ago, had eased by 4% in April.",
            "The mill closed eleven years ago and reopened as flats in 2024.",
            "The quarry will run until 2058, 32 years from now, and work starts in March.",
        ] {
            assert!(elapsed("2026-05-12", t).is_empty(), "{t}");
        }
    }

    #[test]
    fn a_length_before_from_now_is_compared_with_the_date_beside_it() {
        let s = "The lease runs until 2071, {} from now, and rent reviews begin in June.";
        assert!(elapsed("2026-05-12", &s.replace("{}", "45 years")).is_empty());
        assert_eq!(
            elapsed("2026-05-12", &s.replace("{}", "54 years")),
            ["54 years"]
        );
    }
}
