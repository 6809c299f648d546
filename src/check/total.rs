//! The `total` rule.

use super::util::{fmt_num, with_unit};
use super::{Ctx, Rule, has_word, is_amount, norm};
use crate::diagnostic::{Diagnostic, Severity};
use crate::quantity::{Dimension, Quantity};
use rust_decimal::Decimal;

macro_rules! rule_doc {
    () => {
        "Parts must add up to the total stated for them.

**What it checks.** A figure stated as a total — `a total of N`, `N in all`, `N in total`,
`N altogether`, `N combined`, `bringing the number of casualties to N` — against the figures of
the same unit in its sentence; and a figure that `includes`/`including` others (a budget and its
lines) against the parts listed after it. An exhaustive total must equal the sum; an inclusive
one (`includes`, `including`, `of which`) must not be smaller than it. Whole numbers written in
full are exact; figures written with a decimal point or a scale word carry half a step of
rounding each, so rounded sums agree (`€5.1 billion and €3.3 billion` in `€8.4 billion`).

**Why it matters.** A total that does not match its parts is the error readers find first and
trust least: one of the figures is wrong, and the text does not say which.

**Fires:** `The blast killed 4 and injured 19, bringing the number of casualties to 25.` and
`The €8.4 billion budget includes €5.1 billion for roads and €3.6 billion for rail.`

**Silent:** `killed 4 and injured 19, bringing the number of casualties to 23`; `the
€8.4 billion budget includes €5.1 billion for roads and €3.3 billion for rail`; `Two more people
died, bringing the toll to 23` (an increment, not parts)."
    };
}

#[doc = rule_doc!()]
pub struct Total;

/// The documentation of [`Total`].
pub const DOC: &str = rule_doc!();

/// How a total was introduced.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The parts make the whole.
    Exhaustive,
    /// The parts are some of the whole.
    Inclusive,
}

/// Whether a figure is stated as a total ("a total of", "in all", "bringing ... to").
pub fn is_total(cx: &Ctx<'_>, q: &Quantity) -> bool {
    total_kind(cx, q).is_some_and(|(k, _)| k == Kind::Exhaustive)
}

/// Whether a figure is introduced as a whole ("of the 60", "out of 60").
pub fn is_whole(cx: &Ctx<'_>, q: &Quantity) -> bool {
    let b = cx.norm_before(q);
    [
        ("of", " of"),
        ("of the", " of the"),
        ("out of", " out of"),
        ("out of the", " out of the"),
        ("of all the", " of all the"),
        ("of its", " of its"),
        ("of their", " of their"),
    ]
    .iter()
    .any(|(w, spaced)| b.is(w) || b.ends_with(spaced))
}

/// Whether the prose between two figures starts a new clause with its own whole: `another`,
/// `a further`, `an additional`, a semicolon, `while`, `whereas`, `but`.
fn new_clause(gap: &str) -> bool {
    let g = norm(gap);
    g.contains(';')
        || ["another", "while", "whereas", "but"]
            .iter()
            .any(|w| has_word(&g, w))
        || g.contains("a further")
        || g.contains("an additional")
}

fn total_kind(cx: &Ctx<'_>, q: &Quantity) -> Option<(Kind, bool)> {
    let own = norm(&cx.text(q.span));
    let before = cx.norm_before(q);
    // Every cue after the figure is at most two words long and read within its first three
    // words.
    let after = cx.norm_after(q).first_words(3);
    if own.starts_with("a total of")
        || before.ends_with("a total of")
        || before.ends_with("totalling")
        || before.ends_with("totaling")
    {
        return Some((Kind::Exhaustive, false));
    }
    // "24 in all", "24 people in all": at most one word between.
    let rest1 = after.split_once(' ').map_or("", |(_, r)| r);
    for w in ["in all", "in total", "altogether", "combined"] {
        if after.starts_with(w) || rest1.starts_with(w) {
            return Some((Kind::Exhaustive, false));
        }
    }
    if before.ends_with(" to") && has_word(cx.before(q), "bringing") {
        return Some((Kind::Exhaustive, true));
    }
    if [
        "includes",
        "including",
        "include",
        "of which",
        "among them",
        "which includes",
    ]
    .iter()
    .any(|w| after.starts_with(w) || after.contains(w))
    {
        return Some((Kind::Inclusive, false));
    }
    None
}

impl Rule for Total {
    fn code(&self) -> &'static str {
        "total"
    }
    fn severity(&self) -> Severity {
        Severity::Error
    }
    fn doc(&self) -> &'static str {
        DOC
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
                        && (kind == Kind::Exhaustive || p.span.start > t.span.end)
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
            let parts = if kind == Kind::Inclusive {
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
                tol += sum.abs() * cx.opts.hedge_widen;
            }
            let diff = sum - tf.value;
            let wrong = match kind {
                Kind::Exhaustive => diff.abs() > tol,
                Kind::Inclusive => diff > tol,
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
                Kind::Exhaustive => format!(
                    "{} = {sum_s}; the text gives the total as {said}",
                    terms.join(" + ")
                ),
                Kind::Inclusive => format!(
                    "the parts listed add up to {sum_s} ({}), more than the {said} that includes them",
                    terms.join(" + ")
                ),
            };
            let help = match kind {
                Kind::Exhaustive => {
                    format!("the parts add up to {sum_s}; correct the total or one of the parts")
                }
                Kind::Inclusive => {
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
    use crate::source::{Document, Format};

    fn codes(text: &str) -> Vec<String> {
        let doc = Document::from_text("t.md", text.to_string(), Format::Markdown).unwrap();
        let qs = crate::grammar::extract(&doc);
        crate::check::check(&doc, &qs, &crate::check::CheckOptions::default())
            .into_iter()
            .map(|d| d.code)
            .collect()
    }

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
