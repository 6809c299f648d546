//! The `part-whole` rule.

use super::util::fmt_num;
use super::{Ctx, Rule};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::{Bound, Dimension, Quantity};
use crate::registry::RuleMeta;
use rust_decimal::Decimal;

declare_rule! {
    pub static PART_WHOLE = {
        code: "part-whole",
        kind: Check,
        severity: Error,
        summary: "Parts cannot exceed their whole.",
        what: "`A of the B` (and `A out of B`) where A is larger than B; and a sentence
opening `Of the B ...` whose following counts of the same thing (different outcomes: intercepted,
hit) add up to more than B. Bounds are honoured as intervals: `more than 200 of the 230` is fine,
`more than 250 of the 230` is not.",
        why: "A part larger than its whole is impossible; it means a figure was mistyped
or the whole is out of date, and it is the first thing a sharp reader notices.",
        fires: "`Of the 60 missiles fired, 52 were intercepted and 11 hit their targets.` and
`80 of the 75 shells were duds.`",
        silent: "`Crews found 50 of the 75 shells.`; `More than 200 shells fell; 150 of the 230
shells hit the town.`",
        not_checked: "A whole in another sentence than its parts: `The army fired 60 missiles. Seventy
missiles were intercepted.` is not compared.",
    };
}

/// The `part-whole` rule; its documentation is [`PART_WHOLE`].
pub struct PartWhole;

/// The least a figure can be.
fn low(q: &Quantity) -> Option<Decimal> {
    match q.bound {
        Bound::Exact => q.point().map(|f| f.value),
        Bound::Gt | Bound::Ge | Bound::Range => q.low,
        _ => None,
    }
}

/// The most a figure can be.
fn high(q: &Quantity) -> Option<Decimal> {
    match q.bound {
        Bound::Exact => q.point().map(|f| f.value),
        Bound::Lt | Bound::Le | Bound::Range | Bound::Almost => q.high,
        _ => None,
    }
}

/// Whether a part counts the same thing as the whole: no noun on one side, or nouns of one
/// group (`grammar/nouns.toml`: "drones" and "UAVs").
fn same_thing(p: &Quantity, whole: &Quantity) -> bool {
    match (&p.lemma, &whole.lemma) {
        (None, _) | (_, None) => true,
        (Some(a), Some(b)) => {
            a == b || crate::grammar::noun_group(a) == crate::grammar::noun_group(b)
        }
    }
}

/// Whether the text between two figures ends the list of parts of an `Of the B` whole: a
/// colon or dash after a part (the figures that follow break that part down), or a comparison
/// that introduces another group.
fn parts_end(gap: &str) -> bool {
    if gap.contains(':') || gap.contains(" – ") || gap.contains(" — ") {
        return true;
    }
    let g = super::cues::norm(gap);
    ["compared with", "compared to", "against", "versus"]
        .iter()
        .any(|w| super::cues::has_word(&g, w))
}

/// Whether a figure is itself the whole of an `A of the B` ("656 of the 7,400").
fn is_of_whole(cx: &Ctx<'_>, q: &Quantity) -> bool {
    cx.norm_before(q)
        .is_any(&["of the", "of", "out of", "out of the", "of all the"])
}

fn countable(q: &Quantity) -> bool {
    q.dimension == Dimension::Count && !q.adjectival
}

impl Rule for PartWhole {
    fn meta(&self) -> &'static RuleMeta {
        &PART_WHOLE
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let qs = &cx.qs;
        for w in 0..qs.len() {
            let b = &qs[w];
            if !countable(b) {
                continue;
            }
            // "A of the B".
            if w > 0 {
                let a = &qs[w - 1];
                let gap = cx.norm_between(a, b);
                if countable(a)
                    && a.sentence == b.sentence
                    && gap.is_any(&[
                        "of",
                        "of the",
                        "out of",
                        "out of the",
                        "of all",
                        "of all the",
                    ])
                    && let (Some(lo), Some(hi)) = (low(a), high(b))
                    && (lo > hi || (lo == hi && a.bound == Bound::Gt))
                {
                    let d = cx
                        .diag(
                            self,
                            a.span,
                            format!(
                                "{} of {}: a part cannot be larger than its whole",
                                cx.text(a.span),
                                cx.text(b.span)
                            ),
                        )
                        .with_help(format!(
                            "the part must be at most {}; correct one of the figures",
                            fmt_num(hi)
                        ));
                    out.push(cx.related(d, b.span, "the whole"));
                    continue;
                }
            }
            // "Of the B X, A ... and C ...".
            if !cx
                .norm_before(b)
                .is_any(&["of the", "of", "out of", "out of the", "of all the"])
            {
                continue;
            }
            let Some(hi) = high(b) else { continue };
            let mut parts: Vec<&Quantity> = Vec::new();
            let mut prev: Option<&Quantity> = None;
            for &k in cx
                .in_sentence(b.sentence)
                .iter()
                .filter(|&&k| k > w)
                .take(super::NEAR)
            {
                let p = qs[k];
                if p.span.start <= b.span.end {
                    continue;
                }
                // A colon after a part opens its own breakdown ("16,610 voted: 13,950 in
                // favour and 2,660 against"), and a comparison opens another group ("518 had
                // a stroke, compared with 656 of the 7,400 given a placebo"): the figures
                // from there on are not further parts of this whole.
                if prev.is_some_and(|x| parts_end(cx.between(x, p))) {
                    break;
                }
                prev = Some(p);
                if countable(p)
                    && same_thing(p, b)
                    && !cx.norm_after(p).starts_with("of ")
                    && !is_of_whole(cx, p)
                    && !super::cues::is_total(cx, p)
                {
                    parts.push(p);
                }
            }
            if parts.is_empty() {
                continue;
            }
            let mut sum = Decimal::ZERO;
            for p in &parts {
                match low(p) {
                    Some(l) => sum += l,
                    None => continue,
                }
            }
            if sum <= hi {
                continue;
            }
            let terms: Vec<std::borrow::Cow<str>> = parts.iter().map(|p| cx.text(p.span)).collect();
            let msg = if parts.len() == 1 {
                format!(
                    "{} of {}: a part cannot be larger than its whole",
                    terms[0],
                    cx.text(b.span)
                )
            } else {
                format!(
                    "{} = {}, more than the {} they are part of",
                    terms.join(" + "),
                    fmt_num(sum),
                    cx.text(b.span)
                )
            };
            let mut d = cx.diag(self, b.span, msg).with_help(format!(
                "the whole must be at least {}; correct it or one of the parts",
                fmt_num(sum)
            ));
            for p in &parts {
                d = cx.related(d, p.span, "part");
            }
            out.push(d);
        }
    }
}
