//! The `percent-of` rule.

use super::util::{Stated, agrees, expected_precision, fmt_at, fmt_exact, fmt_num};
use super::{Ctx, Rule, is_amount, norm};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::{Dimension, Quantity};
use crate::registry::RuleMeta;
use rust_decimal::Decimal;

declare_rule! {
    pub static PERCENT_OF = {
        code: "percent-of",
        kind: Check,
        severity: Error,
        summary: "A percentage stated for `A of B` must be A divided by B.",
        what: "A pair `A of B` (or `A out of B`) and a percentage tied to it in the same
sentence — right after it (`, or 15%`, `(15%)`) or right before it (`41%, with 2.05 million of
5 million`). The percentage must be 100 × A / B rounded to the precision written (two
significant figures at least; hedged percentages are widened, see `docs/tolerance.md`).",
        why: "Readers remember the percentage, and writers often compute it from an older
or different base; a mismatch means one of the three figures is wrong.",
        fires: "`The firm laid off 300 of 2,000 workers, or 20%.` (300 / 2,000 is 15%)",
        silent: "`The firm laid off 300 of 2,000 workers, or 15%.`; `Turnout was 41%, with
2.05 million of 5 million voters casting ballots.`",
        not_checked: "a percentage before the pair that is more than twice or less than half the
pair's share is taken for another figure: `The bank held its rate at 3.75 percent, with six of
the nine members voting for it.`",
    };
}

/// The `percent-of` rule; its documentation is [`PERCENT_OF`].
pub struct PercentOf;

fn ratio_pair(q: &Quantity) -> bool {
    is_amount(q) && matches!(q.dimension, Dimension::Count | Dimension::Currency) && !q.adjectival
}

impl Rule for PercentOf {
    fn meta(&self) -> &'static RuleMeta {
        &PERCENT_OF
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let qs = &cx.qs;
        for w in 1..qs.len() {
            let (a, b) = (&qs[w - 1], &qs[w]);
            if a.sentence != b.sentence || !ratio_pair(a) || !ratio_pair(b) || a.unit != b.unit {
                continue;
            }
            if !cx
                .norm_between(a, b)
                .is_any(&["of", "out of", "of the", "out of the"])
            {
                continue;
            }
            // The percentage tied to the pair: just after B, or just before A.
            let after = qs.get(w + 1).filter(|p| {
                p.sentence == b.sentence && p.dimension == Dimension::Percent && {
                    let g = norm(cx.between(b, p));
                    let g = g.trim_start_matches(|c: char| c.is_alphabetic()).trim();
                    matches!(
                        g,
                        ", or"
                            | "("
                            | ", or about"
                            | "—"
                            | ", that is"
                            | ", or some"
                            | ", about"
                            | "- or"
                    )
                }
            });
            let before = w.checked_sub(2).map(|k| &qs[k]).filter(|p| {
                p.sentence == a.sentence && p.dimension == Dimension::Percent && {
                    cx.norm_between(p, a)
                        .is_any(&[", with", "with", "(", ":", ",", ", or"])
                }
            });
            let Some(p) = after.or(before) else { continue };
            let Some(pf) = p.point() else { continue };
            let (Some(af), Some(bf)) = (a.point(), b.point()) else {
                continue;
            };
            if bf.value.is_zero() {
                continue;
            }
            let exact = af.value / bf.value * Decimal::ONE_HUNDRED;
            let t = Stated {
                fig: pf,
                approx: p.approx,
            };
            let floor = cx.facts(a).digits(af).min(cx.facts(b).digits(bf)).min(2);
            if agrees(exact, exact, t, floor, cx.opts.tolerance.hedge_widen) {
                continue;
            }
            // A percentage before the pair ("41%, with 2.05 million of 5 million") is a looser
            // tie than ", or 15%" after it: one far from the pair's share is another figure
            // ("held its rate at 3.75 percent, with six of the nine members voting").
            if after.is_none() {
                let ratio = pf
                    .value
                    .abs()
                    .checked_div(exact.abs().max(Decimal::new(1, 6)));
                if ratio.is_none_or(|r| r > Decimal::TWO || r < Decimal::new(5, 1)) {
                    continue;
                }
            }
            let prec = expected_precision(exact, t, floor);
            let d = cx
                .diag(
                    self,
                    p.span,
                    format!(
                        "{} of {} is {}%; the text says {}%",
                        fmt_num(af.value),
                        fmt_num(bf.value),
                        fmt_exact(exact, prec),
                        fmt_num(pf.value)
                    ),
                )
                .with_help(format!(
                    "write {}%, or correct the figures it comes from",
                    fmt_at(exact, prec)
                ));
            let d = cx.related(d, a.span, "the part");
            out.push(cx.related(d, b.span, "the whole"));
        }
    }
}
