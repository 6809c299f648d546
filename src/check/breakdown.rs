//! The `breakdown` rule.

use super::util::fmt_num;
use super::{Ctx, Rule, has_word};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::{Bound, Dimension, Quantity};
use crate::registry::RuleMeta;
use rust_decimal::Decimal;

declare_rule! {
    pub static BREAKDOWN = {
        code: "breakdown",
        kind: Check,
        severity: Warning,
        summary: "Shares of one whole cannot add up to more than 100%.",
        what: "Three or more percentages listed in one sentence as the shares of one whole
(poll answers, vote shares, a budget split) with no direction words (rose, fell), bounds or
hedges on them. Their sum may exceed 100% only by the rounding of each share (half a unit in
its last place: seven shares of 14.3% make 100.1%, which is fine). Sums below 100% are left
alone (the rest may be unstated), and so are lists that are not exclusive (`also`, `each`,
`more than one`, `multiple`, `respectively`, `of them`, `share of`).",
        why: "Shares that add up to more than the whole mean one of them is wrong, or
they are not shares of the same thing; either way the reader is misled.",
        fires: "`In the poll, 55% said yes, 35% said no and 20% were undecided.`",
        silent: "`In the poll, 55% said yes, 35% said no and 10% were undecided.`; `Seven parties
won 14.3% each ... 14.3%, 14.3%, ...`; `Prices rose 55% in Kyiv, 35% in Lviv and 20% in Odesa.`",
        not_checked: "Fewer than three shares, which may be two of several answers or overlap: `In the poll,
60% said yes and 45% said no.` is not summed (105%).",
    };
}

/// The `breakdown` rule; its documentation is [`BREAKDOWN`].
pub struct Breakdown;

const NON_EXCLUSIVE: &[&str] = &[
    "also",
    "each",
    "more than one",
    "multiple",
    "respectively",
    "both",
    "of them",
    "share of",
    "compared with",
    "compared to",
    "versus",
    "vs",
    "from",
    "to",
    "than",
    "up",
    "down",
    "growth",
    "inflation",
    "rate",
    "rates",
];

fn share(q: &Quantity) -> bool {
    q.dimension == Dimension::Percent
        && q.bound == Bound::Exact
        && !q.approx
        && q.direction.is_none()
        && q.point().is_some()
}

impl Rule for Breakdown {
    fn meta(&self) -> &'static RuleMeta {
        &BREAKDOWN
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for si in 0..cx.by_sentence.len() {
            let idx = cx.in_sentence(si);
            let pcts: Vec<&Quantity> = idx
                .iter()
                .map(|&k| cx.qs[k])
                .filter(|q| q.dimension == Dimension::Percent)
                .collect();
            if pcts.len() < 3 || !pcts.iter().all(|q| share(q)) {
                continue;
            }
            let Some(first) = pcts.first() else { continue };
            let text = cx.sentence_text(first).to_lowercase();
            if NON_EXCLUSIVE.iter().any(|w| has_word(&text, w)) {
                continue;
            }
            let mut sum = Decimal::ZERO;
            let mut slack = Decimal::ZERO;
            for q in &pcts {
                if let Some(f) = q.point() {
                    sum += f.value;
                    // Every share may be rounded by half a unit in its last place.
                    slack += f.precision.min(Decimal::ONE) / Decimal::TWO;
                }
            }
            if sum <= Decimal::ONE_HUNDRED + slack {
                continue;
            }
            let Some(last) = pcts.last() else { continue };
            let terms: Vec<String> = pcts
                .iter()
                .filter_map(|q| q.point().map(|f| format!("{}%", fmt_num(f.value))))
                .collect();
            let mut d = cx
                .diag(
                    self,
                    last.span,
                    format!(
                        "{} = {}%, more than the whole",
                        terms.join(" + "),
                        fmt_num(sum)
                    ),
                )
                .with_help(format!(
                    "shares of one whole add up to at most 100% (here {} over, more than rounding explains); correct a share or say they overlap",
                    fmt_num(sum - Decimal::ONE_HUNDRED)
                ));
            for q in &pcts[..pcts.len() - 1] {
                d = cx.related(d, q.span, "share");
            }
            out.push(d);
        }
    }
}
