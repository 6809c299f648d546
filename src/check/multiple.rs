//! The `multiple` rule.

use super::util::{Stated, agrees, expected_precision, fmt_at, fmt_exact, fmt_num, with_unit};
use super::{Ctx, Rule, find_word, is_amount, norm};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::Quantity;
use crate::registry::RuleMeta;
use rust_decimal::Decimal;

declare_rule! {
    pub static MULTIPLE = {
        code: "multiple",
        kind: Check,
        severity: Warning,
        summary: "A stated multiple (doubled, tripled, halved, three times as many) must match its figures.",
        what: "`doubled`, `tripled`, `quadrupled`, `halved` followed by `from X to Y` in
the same clause: Y must be X times the multiple, rounded to Y's written precision. `A ... N times
as many as B` (or `N times as much as`, `N times more than`, which is read as N or N + 1 times):
A must be N × B. A multiple is a rounded ratio: the figures agree when their ratio is within
10 % of the multiple (`1,204 patients, three times as many as the clinic's 400` is 3.01 times
and correct), or when the derived figure matches at the written precision and hedges. Hedged
multiples (`more than doubled`, `nearly tripled`, `roughly doubled`) are
left alone.",
        why: "Multiples are how readers grasp scale; a `tripled` that is really a
doubling overstates the news.",
        fires: "`Output tripled from 40 to 80.`; `The city has 300 shelters, three times as many as
the 150 it had in 2020.`",
        silent: "`Output doubled from 40 to 80.`; `Costs halved from $10 million to $5 million.`;
`Output more than doubled from 40 to 95.`; `1,204 patients, three times as many as the
400 it saw`.",
        not_checked: "Hedged multiples, whose figures may be anything above or below the multiple:
`Output more than doubled from 40 to 300.` is left alone.",
    };
}

/// The `multiple` rule; its documentation is [`MULTIPLE`].
pub struct Multiple;

const VERBS: &[(&str, i64, i64)] = &[
    ("doubled", 2, 1),
    ("tripled", 3, 1),
    ("trebled", 3, 1),
    ("quadrupled", 4, 1),
    ("halved", 1, 2),
];

/// How far a ratio may stray from the multiple that names it, as a share of the multiple:
/// "doubled" and "three times as many" are rounded ratios, and a reporter writes them for a
/// ratio close to the multiple (2.03, 3.01), so only a ratio further off than this is a
/// finding (a ratio of 4 called "three times", 2 called "tripled").
const RATIO_SLACK: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

/// Whether `value / base` is within [`RATIO_SLACK`] of `multiple`.
fn ratio_near(value: Decimal, base: Decimal, multiple: Decimal) -> bool {
    if base.is_zero() || multiple.is_zero() {
        return false;
    }
    let Some(ratio) = value.checked_div(base) else {
        return false;
    };
    (ratio - multiple).abs() <= multiple.abs() * RATIO_SLACK
}

const HEDGES: &[&str] = &[
    "more than",
    "nearly",
    "almost",
    "roughly",
    "about",
    "around",
    "over",
    "less than",
    "close to",
    "approximately",
    "some",
    "well over",
    "just over",
    "just under",
];

fn hedged_before(text: &str) -> bool {
    let t = norm(text);
    HEDGES.iter().any(|h| t.ends_with(h))
}

impl Rule for Multiple {
    fn meta(&self) -> &'static RuleMeta {
        &MULTIPLE
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for si in 0..cx.by_sentence.len() {
            // Verbs with from–to.
            for ft in cx.from_to(si) {
                let Some(s) = cx.an.sentences.get(si).map(|s| s.span) else {
                    continue;
                };
                let upto = ft.from_span.start.min(ft.to_span.start);
                let before = cx.doc.prose_of(s.start, upto);
                let lb = before.to_lowercase();
                let Some((verb, num, den, at)) = VERBS
                    .iter()
                    .filter_map(|(v, n, d)| find_word(&lb, v).map(|k| (*v, *n, *d, k)))
                    .max_by_key(|x| x.3)
                else {
                    continue;
                };
                // The verb must govern this change: nothing but a few words between.
                let between = &lb[at + verb.len()..];
                if between.split_whitespace().count() > 3 || hedged_before(&lb[..at]) {
                    continue;
                }
                let factor = Decimal::from(num) / Decimal::from(den);
                let exact = ft.from.fig.value * factor;
                let floor = ft.digits.min(2);
                if agrees(exact, exact, ft.to, floor, cx.opts.tolerance.hedge_widen)
                    || ratio_near(ft.to.fig.value, ft.from.fig.value, factor)
                {
                    continue;
                }
                let unit = cx.qs[ft.unit_index].unit.as_deref();
                let p = expected_precision(exact, ft.to, floor);
                let xs = with_unit(ft.from.fig.value, &fmt_num(ft.from.fig.value), unit);
                let ys = with_unit(ft.to.fig.value, &fmt_num(ft.to.fig.value), unit);
                let ratio = if ft.from.fig.value.is_zero() {
                    String::new()
                } else {
                    format!(
                        " (× {})",
                        fmt_num((ft.to.fig.value / ft.from.fig.value).round_dp(2))
                    )
                };
                let d = cx
                    .diag(
                        self,
                        ft.to_span,
                        format!(
                            "{verb} from {xs} is {}; the text says {ys}{ratio}",
                            with_unit(exact, &fmt_exact(exact, p), unit)
                        ),
                    )
                    .with_help(format!(
                        "write {}, or describe the change as it is",
                        with_unit(exact, &fmt_at(exact, p), unit)
                    ));
                out.push(cx.related(d, ft.from_span, "from"));
            }
            // "A ... N times as many as B".
            let idx = cx.in_sentence(si);
            for (n, &k) in idx.iter().enumerate() {
                let m = &cx.qs[k];
                let after = cx.norm_after(m);
                let more = after.starts_with("times more than")
                    || after.starts_with("times larger than")
                    || after.starts_with("times higher than");
                if !(after.starts_with("times as many as")
                    || after.starts_with("times as much as")
                    || after.starts_with("times the")
                    || more)
                {
                    continue;
                }
                let Some(mf) = m.point().filter(|_| is_amount(m) && !m.approx) else {
                    continue;
                };
                if HEDGES.iter().any(|h| cx.norm_before(m).ends_with(h)) {
                    continue;
                }
                let b = idx[n + 1..]
                    .iter()
                    .take(super::NEAR)
                    .map(|&j| cx.qs[j])
                    .find(|q| is_amount(q));
                let Some(b) = b else { continue };
                let a = idx[..n]
                    .iter()
                    .rev()
                    .take(super::NEAR)
                    .map(|&j| cx.qs[j])
                    .find(|q: &&Quantity| {
                        is_amount(q) && q.dimension == b.dimension && q.unit == b.unit
                    });
                let Some(a) = a else { continue };
                let (Some(af), Some(bf)) = (a.point(), b.point()) else {
                    continue;
                };
                let exact = bf.value * mf.value;
                let t = Stated {
                    fig: af,
                    approx: a.approx,
                };
                let floor = cx.facts(b).digits(bf).min(2);
                let ok = agrees(exact, exact, t, floor, cx.opts.tolerance.hedge_widen)
                    || ratio_near(af.value, bf.value, mf.value)
                    || (more && {
                        let e2 = bf.value * (mf.value + Decimal::ONE);
                        agrees(e2, e2, t, floor, cx.opts.tolerance.hedge_widen)
                            || ratio_near(af.value, bf.value, mf.value + Decimal::ONE)
                    });
                if ok {
                    continue;
                }
                let unit = a.unit.as_deref();
                let p = expected_precision(exact, t, floor);
                let d = cx
                    .diag(
                        self,
                        a.span,
                        format!(
                            "{} times {} is {}; the text says {}",
                            fmt_num(mf.value),
                            with_unit(bf.value, &fmt_num(bf.value), unit),
                            with_unit(exact, &fmt_exact(exact, p), unit),
                            with_unit(af.value, &fmt_num(af.value), unit)
                        ),
                    )
                    .with_help(format!(
                        "write {}, or correct the multiple",
                        with_unit(exact, &fmt_at(exact, p), unit)
                    ));
                let d = cx.related(d, m.span, "the multiple");
                out.push(cx.related(d, b.span, "the base"));
            }
        }
    }
}
