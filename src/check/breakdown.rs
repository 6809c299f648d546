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
won 14.3% each ... 14.3%, 14.3%, ...`; `Prices rose 55% in Kyiv, 35% in Lviv and 20% in Odesa.`;
`With 97% of ballots counted, the Liberals had 38%, the Greens 31% and Labour 30%.` (the share
counted is not a vote share); `It won 55% of men, 61% of women and 40% of students.` (three
wholes); a first round and a runoff in one sentence.",
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
    // A first round and a runoff are two breakdowns.
    "runoff",
    "run-off",
    "second round",
];

/// The whole a percentage is a share of, as the copy names it.
enum Whole {
    /// No whole named: the sentence's own ("the Liberals had 38 percent").
    Implied,
    /// "45% of men": the head word after `of`.
    Named(String),
    /// "with 97 percent of ballots counted", "95% of precincts reporting": how far a count
    /// has gone, not a share of the breakdown.
    Progress,
}

fn whole_of(cx: &Ctx<'_>, q: &Quantity) -> Whole {
    const PROGRESS: &[&str] = &[
        "counted",
        "reporting",
        "reported",
        "tallied",
        "processed",
        "returned",
        "declared",
        "in",
    ];
    let after = cx.norm_after(q).first_words(5);
    let Some(rest) = after.strip_prefix("of ") else {
        return Whole::Implied;
    };
    let mut words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .skip_while(|w| matches!(*w, "the" | "all" | "those" | "its" | "their"));
    let Some(head) = words.next() else {
        return Whole::Implied;
    };
    if words.next().is_some_and(|w| PROGRESS.contains(&w)) {
        return Whole::Progress;
    }
    Whole::Named(head.to_string())
}

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
            let mut wholes: Vec<String> = Vec::new();
            let pcts: Vec<&Quantity> = idx
                .iter()
                .map(|&k| cx.qs[k])
                .filter(|q| q.dimension == Dimension::Percent)
                .filter(|q| match whole_of(cx, q) {
                    Whole::Progress => false,
                    Whole::Named(w) => {
                        if !wholes.contains(&w) {
                            wholes.push(w);
                        }
                        true
                    }
                    Whole::Implied => true,
                })
                .collect();
            // "45% of men and 60% of women": shares of two wholes.
            if pcts.len() < 3 || wholes.len() > 1 || !pcts.iter().all(|q| share(q)) {
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
