//! The `total` rule.

use super::cues::{TotalKind, is_whole, new_clause, total_kind};
use super::util::{fmt_num, with_unit};
use super::{Ctx, Rule, has_word, is_amount};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::{Dimension, Quantity, Span};
use crate::registry::RuleMeta;
use rust_decimal::Decimal;

declare_rule! {
    pub static TOTAL = {
        code: "total",
        kind: Check,
        severity: Error,
        summary: "Parts must add up to the total stated for them.",
        what: "A figure stated as a total — `a total of N`, `N in all`, `N in total`,
`N altogether`, `N combined`, `bringing the number of casualties to N` — against the figures of
the same unit in its sentence; and a figure that `includes`/`including` others (a budget and its
lines) against the parts listed after it. An exhaustive total must equal the sum; an inclusive
one (`includes`, `including`, `of which`) must not be smaller than it. Whole numbers written in
full are exact; figures written with a decimal point or a scale word carry half a step of
rounding each, so rounded sums agree (`€5.1 billion and €3.3 billion` in `€8.4 billion`).",
        why: "A total that does not match its parts is the error readers find first and
trust least: one of the figures is wrong, and the text does not say which.",
        fires: "`The blast killed 4 and injured 19, bringing the number of casualties to 25.` and
`The €8.4 billion budget includes €5.1 billion for roads and €3.6 billion for rail.`",
        silent: "`killed 4 and injured 19, bringing the number of casualties to 23`; `the
€8.4 billion budget includes €5.1 billion for roads and €3.3 billion for rail`; `Two more people
died, bringing the toll to 23` (an increment, not parts).",
        not_checked: "Parts and a total in different sentences: `Four people were killed. Nineteen were
injured. In all, 25 people were hurt.` is not summed (4 + 19 is 23), because the parts of a
total can lie anywhere in the story.",
    };
}

/// The `total` rule; its documentation is [`TOTAL`].
pub struct Total;

impl Rule for Total {
    fn meta(&self) -> &'static RuleMeta {
        &TOTAL
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for (ti, t) in cx.qs.iter().enumerate() {
            if !is_amount(t) || !matches!(t.dimension, Dimension::Count | Dimension::Currency) {
                continue;
            }
            let Some((kind, bringing)) = total_kind(cx, t) else {
                continue;
            };
            let sentence = format!("{} {}", cx.before(t), cx.after(t)).to_lowercase();
            if bringing
                && ["more", "another", "additional", "further", "new"]
                    .iter()
                    .any(|w| has_word(&sentence, w))
            {
                continue;
            }
            let parts: Vec<&Quantity> = cx
                .in_sentence(t.sentence)
                .iter()
                .filter(|&&k| k + super::NEAR >= ti && k <= ti + super::NEAR)
                .filter(|&&k| k != ti)
                .map(|&k| cx.qs[k])
                .filter(|p| {
                    is_amount(p)
                        && p.dimension == t.dimension
                        && p.unit == t.unit
                        && !p.adjectival
                        && !is_whole(cx, p)
                        && (kind == TotalKind::Exhaustive || p.span.start > t.span.end)
                        && (!bringing || p.span.end < t.span.start)
                })
                .collect();
            // "Castellano, 61, was convicted on 14 counts of fraud and 3 counts of laundering,
            // 17 counts in all": when two or more figures carry the total's own noun, they are
            // the parts, and figures without it (an age, another count) are not.
            let named = |p: &Quantity| t.lemma.is_some() && p.lemma == t.lemma;
            let parts = if parts.iter().filter(|p| named(p)).count() >= 2 {
                parts.into_iter().filter(|p| named(p)).collect()
            } else {
                parts
            };
            // "killed nine, including two officers, at the checkpoint, and another six in
            // the village, among them three children": an inclusive total reaches only to the
            // end of its clause; "another N" (or a semicolon, "while", "but") starts a new one.
            let parts = if kind == TotalKind::Inclusive {
                let mut kept = Vec::new();
                let mut prev: &Quantity = t;
                for p in parts {
                    if p.span.start > prev.span.end && new_clause(cx.between(prev, p)) {
                        break;
                    }
                    kept.push(p);
                    prev = p;
                }
                kept
            } else {
                parts
            };
            if parts.len() < 2 {
                continue;
            }
            // Parts that are themselves "A of B" pairs are not summands.
            if parts.iter().any(|p| {
                let a = cx.norm_after(p);
                a.starts_with("of ") && !a.starts_with("of which")
            }) {
                continue;
            }
            let mut sum = Decimal::ZERO;
            let mut slack = Decimal::ZERO;
            let mut approx = t.approx;
            for p in &parts {
                let Some(f) = p.point() else { continue };
                sum += f.value;
                slack += cx.facts(p).half_step(f);
                approx |= p.approx;
            }
            let Some(tf) = t.point() else { continue };
            let t_half = cx.facts(t).half_step(tf);
            let mut tol = slack + t_half;
            if approx {
                tol += sum.abs() * cx.opts.tolerance.hedge_widen;
            }
            let spans: Vec<Span> = parts.iter().map(|p| p.span).collect();
            let owed = (kind == TotalKind::Exhaustive).then_some(sum);
            cx.verified(self, t.span, &spans, owed);
            let diff = sum - tf.value;
            let wrong = match kind {
                TotalKind::Exhaustive => diff.abs() > tol,
                TotalKind::Inclusive => diff > tol,
            };
            if !wrong {
                continue;
            }
            let unit = t.unit.as_deref();
            let terms: Vec<String> = parts
                .iter()
                .filter_map(|p| {
                    p.point()
                        .map(|f| with_unit(f.value, &fmt_num(f.value), unit))
                })
                .collect();
            let sum_s = with_unit(sum, &fmt_num(sum), unit);
            let said = with_unit(tf.value, &fmt_num(tf.value), unit);
            let msg = match kind {
                TotalKind::Exhaustive => format!(
                    "{} = {sum_s}; the text gives the total as {said}",
                    terms.join(" + ")
                ),
                TotalKind::Inclusive => format!(
                    "the parts listed add up to {sum_s} ({}), more than the {said} that includes them",
                    terms.join(" + ")
                ),
            };
            let help = match kind {
                TotalKind::Exhaustive => {
                    format!("the parts add up to {sum_s}; correct the total or one of the parts")
                }
                TotalKind::Inclusive => {
                    format!("the whole must be at least {sum_s}; correct it or one of the parts")
                }
            };
            let mut d = cx.diag(self, t.span, msg).with_help(help);
            for p in &parts {
                d = cx.related(d, p.span, "part");
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::test_codes as codes;

    #[test]
    fn an_inclusive_total_reaches_only_to_the_end_of_its_clause() {
        let ok = "A shell killed seven guards, including two officers, at the gate, and another \
                  five villagers on the road, among them four children.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        let bad = "A shell killed seven guards, including five officers and four cooks.";
        assert_eq!(codes(bad), ["total"]);
    }

    #[test]
    fn parts_named_with_the_totals_noun_leave_out_other_figures() {
        let ok = "Dana Reyes, 58, faced 11 counts of theft and 4 counts of forgery, 15 counts in \
                  all.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        let bad = "Dana Reyes, 58, faced 11 counts of theft and 4 counts of forgery, 16 counts in \
                   all.";
        assert_eq!(codes(bad), ["total"]);
    }
}
