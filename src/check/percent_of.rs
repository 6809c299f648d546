//! The `percent-of` rule: a share stated for `A of B` (a percentage, a fraction in words, a
//! rate per N) must be A / B.

use super::util::{
    Stated, agrees, expected_precision, fmt_at, fmt_exact, fmt_num, half_step, with_unit,
};
use super::{Ctx, Rule, is_amount, norm};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::quantity::{Bound, Dimension, Quantity};
use crate::registry::RuleMeta;
use rust_decimal::Decimal;

declare_rule! {
    pub static PERCENT_OF = {
        code: "percent-of",
        kind: Check,
        severity: Error,
        summary: "A share stated for `A of B` (a percentage, a fraction in words, a rate per N) must be A divided by B.",
        what: "A pair `A of B` (also `A out of B`, `A of its B`, `A of their B`, `A among B`, `A
in a population of B`) and a share tied to it in the same sentence: right after it (`, or 15%`,
`(15%)`, `, nearly half`, `, or 40 per 10,000`; a few words of B's noun phrase may stand between,
as in `of the 9,100 homes in the town, or 27 percent`), or right before it (`41%, with 2.05
million of 5 million`); or a share written first (`a third of the 600 delegates, or 250`; `540,
almost half of the 1,000 respondents`; `1,240 dockworkers, or about a fifth of the workforce of
6,100`, the whole named by a word or two and `of`, the part by its own noun); or the whole first, opening the sentence (`Of the 3,400
applicants, 1,190 were offered places, or about 35 percent`; `Of the island's 1,120 hotels, 210,
or about a fifth, ...`), with a percentage or a fraction in words. A rate named by a word or two
ties like `, or` (`, a completion rate of 82 percent`). A percentage must be 100 × A / B and a rate per N must
be N × A / B, rounded to the precision written (two significant figures at least; hedged
figures are widened, see `docs/tolerance.md`). A fraction in words is a rounded share: a bare
one (`a third`) must be within 3 points (and 15 %) of A / B, `about` doubles that, `nearly` and
`almost` must not be exceeded, `more than` and `over` must be exceeded, `less than` and `under`
must not be reached.",
        why: "Readers remember the share, and writers often compute it from an older or
different base; a mismatch means one of the three figures is wrong.",
        fires: "`The firm laid off 300 of 2,000 workers, or 20%.` (300 / 2,000 is 15%); `540,
almost half of the 1,000 respondents` (54% is more than half); `a third of the 600 delegates, or
250` (250 is 42%); `1,200 cases in a population of 300,000, or 50 per 10,000` (40 per 10,000)",
        silent: "`The firm laid off 300 of 2,000 workers, or 15%.`; `Turnout was 41%, with
2.05 million of 5 million voters casting ballots.`; `nearly a quarter of the 2,000 nurses, or
480`; `1,200 cases in a population of 300,000, or 40 per 10,000`",
        not_checked: "a percentage before the pair that is more than twice or less than half the
pair's share is taken for another figure: `The bank held its rate at 3.75 percent, with six of
the nine members voting for it.`; a share of another whole named after it: `300 of its 2,000
staff, or 2 percent of the group's workforce`; a share in another clause than the pair; a whole
in the previous sentence: `Builders started 18,450 homes. Of those, 7,380, or 45 percent, were
affordable.` is not compared (40 percent).",
    };
}

/// The `percent-of` rule; its documentation is [`PERCENT_OF`].
pub struct PercentOf;

fn ratio_pair(q: &Quantity) -> bool {
    is_amount(q) && matches!(q.dimension, Dimension::Count | Dimension::Currency) && !q.adjectival
}

/// The words that make `A ... B` a part and its whole.
const LINKS: &[&str] = &[
    "of",
    "out of",
    "of the",
    "out of the",
    "of its",
    "of their",
    "of his",
    "of her",
    "of our",
    "out of its",
    "out of their",
    "among",
    "among the",
    "among its",
    "among their",
    "in a population of",
    "in a city of",
    "in a town of",
    "in a country of",
    "in a nation of",
    "in a region of",
    "in a district of",
    "in a county of",
    "in a province of",
    "in a state of",
];

/// The links after which the part's noun may come first: "240 cholera cases in a population
/// of 150,000", "38 strandings among 9,500 tagged seals".
const NOUN_LINKS: &[&str] = &[
    "among",
    "among the",
    "among its",
    "among their",
    "in a population of",
    "in a city of",
    "in a town of",
    "in a country of",
    "in a nation of",
    "in a region of",
    "in a district of",
    "in a county of",
    "in a province of",
    "in a state of",
];

/// Whether the prose between two figures makes them a part and its whole: one of [`LINKS`],
/// or a noun of at most three words and one of [`NOUN_LINKS`].
fn links(gap: &crate::analysis::Norm<'_, '_>) -> bool {
    if gap.is_any(LINKS) {
        return true;
    }
    let g = gap.to_string();
    NOUN_LINKS.iter().any(|l| {
        g.strip_suffix(l)
            .and_then(|h| h.strip_suffix(' '))
            .is_some_and(|noun| {
                let words: Vec<&str> = noun.split(' ').collect();
                !noun.is_empty()
                    && words.len() <= 3
                    && words
                        .iter()
                        .all(|w| !w.is_empty() && w.chars().all(|c| c.is_alphabetic() || c == '-'))
            })
    })
}

/// How a share is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A percentage.
    Percent,
    /// A rate per N ("40 per 10,000").
    Rate(Decimal),
    /// A fraction in words or figures ("a third", "nearly half").
    Fraction,
}

/// How a figure states a share, if it does.
fn share_kind(q: &Quantity) -> Option<Kind> {
    match q.dimension {
        Dimension::Percent => Some(Kind::Percent),
        Dimension::Fraction if q.unit.is_none() && !q.adjectival => Some(Kind::Fraction),
        Dimension::Rate => {
            let n: Decimal = q.unit.as_deref()?.strip_prefix('/')?.parse().ok()?;
            (n >= Decimal::TEN && n.fract().is_zero()).then_some(Kind::Rate(n))
        }
        _ => None,
    }
}

/// Hedge words a tie may end with when the share's own span does not hold them.
const TIE_HEDGES: &[&str] = &[
    "about",
    "some",
    "nearly",
    "almost",
    "roughly",
    "around",
    "approximately",
    "just over",
    "just under",
    "close to",
    "more than",
    "less than",
    "over",
    "under",
];

/// Words that, between a whole and its tie, start another phrase: the share that follows is not
/// the pair's.
const HEAD_STOPS: &[&str] = &[
    "and", "but", "or", "while", "whereas", "which", "than", "from", "to", "compared", "versus",
    "against", "per", "up", "down", "rose", "fell", "was", "were", "is", "are",
];

/// Reads the prose between a pair's whole and a share after it: `Some(true)` when it is a tie
/// (`, or`, `(`, `—`, `, that is`, a hedge after any of them), `Some(false)` for a bare comma
/// (a tie only for a fraction in words: `, nearly half`). A few words of the whole's noun phrase
/// may come first (`homes in the town, or`; `species it searched for, or`): at most six,
/// without punctuation or a word that starts another phrase.
fn tie_after(gap: &str) -> Option<bool> {
    let mut g = norm(gap);
    // ", a rate of 30 per 100,000": a share named as one after a bare comma is tied as
    // strongly as ", or".
    let mut named = false;
    // Hedges and "a rate of" at the end of the tie.
    loop {
        let before = g.len();
        for h in TIE_HEDGES
            .iter()
            .chain(&["a rate of", "a share of", "a rate", "at"])
        {
            if let Some(r) = g.strip_suffix(h)
                && (r.is_empty() || r.ends_with([' ', ',', '(', '—']))
            {
                named |= h.starts_with("a rate") || *h == "a share of";
                g = r.trim_end().to_string();
                break;
            }
        }
        if g.len() == before {
            break;
        }
    }
    // ", a completion rate of", ", a pass rate of": a rate named by one or two words is a
    // share of the pair as strongly as ", or".
    if let Some(h) = named_rate(&g) {
        g = format!("{h}, or");
    }
    let (head, strong) = if let Some(h) = g.strip_suffix(", or") {
        (h, true)
    } else if let Some(h) = g.strip_suffix(", that is") {
        (h, true)
    } else if let Some(h) = g.strip_suffix("- or") {
        (h, true)
    } else if let Some(h) = g.strip_suffix('(') {
        (h, true)
    } else if let Some(h) = g.strip_suffix('—') {
        (h, true)
    } else if let Some(h) = g.strip_suffix(',') {
        (h, named)
    } else {
        return None;
    };
    let head = head.trim();
    if head.contains([',', ';', ':', '(', ')', '.', '—', '–', '"', '“', '”'])
        || head.split_whitespace().count() > 6
        || head
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| HEAD_STOPS.contains(&w))
    {
        return None;
    }
    Some(strong)
}

/// The prose before ", a completion rate of" (a rate or share named by one or two words after
/// "a"/"an", then "of"), without it; `None` when `g` does not end so.
fn named_rate(g: &str) -> Option<&str> {
    let h = g.strip_suffix(" of")?;
    let (h, noun) = h.rsplit_once(' ')?;
    if !["rate", "share", "ratio"].contains(&noun) {
        return None;
    }
    let words: Vec<&str> = h.rsplit(' ').take(3).collect();
    // words[0] is the word before the noun, words[1] maybe "a"/"an" or a second word.
    let (k, _) = words
        .iter()
        .enumerate()
        .find(|(_, w)| **w == "a" || **w == "an")?;
    if !(1..=2).contains(&k)
        || !words[..k]
            .iter()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
    {
        return None;
    }
    let cut = words[..=k].iter().map(|w| w.len() + 1).sum::<usize>();
    let rest = h.get(..h.len().checked_sub(cut - 1)?)?.trim_end();
    rest.strip_suffix(',')
}

/// Whether the prose between the part and a share after it ties them when the sentence opens
/// with the whole ("Of the 3,400 applicants, 1,190 were offered places, or about 35 percent"):
/// at most eight words of the part's own clause, no other clause, then ", or" or a named rate.
fn clause_tie(gap: &str) -> bool {
    let mut g = norm(gap);
    for h in TIE_HEDGES {
        if let Some(r) = g.strip_suffix(h)
            && (r.is_empty() || r.ends_with([' ', ',']))
        {
            g = r.trim_end().to_string();
            break;
        }
    }
    if let Some(h) = named_rate(&g) {
        g = format!("{h}, or");
    }
    let Some(head) = g.strip_suffix(", or") else {
        return false;
    };
    let head = head.trim();
    !head.contains([',', ';', ':', '(', ')', '.', '—', '–', '"', '“', '”'])
        && head.split_whitespace().count() <= 8
        && !head.split(' ').any(|w| {
            [
                "and", "but", "or", "while", "whereas", "which", "than", "compared", "versus",
                "against", "per", "up", "down",
            ]
            .contains(&w)
        })
}

/// Whether the words after a share make it a share of something else or a comparison
/// ("2 percent of the group's workforce", "20 percent more than"): then it is not the pair's.
fn share_elsewhere(cx: &Ctx<'_>, p: &Quantity) -> bool {
    let after = cx.norm_after(p);
    let first = after.first_words(1);
    let first = first.trim_end_matches(|c: char| !c.is_alphanumeric());
    if first == "of" {
        return !(after.starts_with("of the total") || after.starts_with("of them"));
    }
    [
        "more", "less", "fewer", "higher", "lower", "above", "below", "up", "down", "increase",
        "rise", "drop", "fall", "decline", "gain", "than", "points", "point", "larger", "smaller",
        "bigger",
    ]
    .contains(&first)
}

/// The words between a share written first and its whole: "a third of the 600".
const SHARE_LINKS: &[&str] = &[
    "of",
    "of the",
    "of its",
    "of their",
    "out of",
    "out of the",
    "among",
    "among the",
];

/// The interval A / B can be, given how A and B were written (a whole number written out is
/// exact; "1.2 million" is 1.15–1.25 million).
fn ratio_interval(cx: &Ctx<'_>, a: &Quantity, b: &Quantity) -> Option<(Decimal, Decimal)> {
    let (af, bf) = (a.point()?, b.point()?);
    let ha = half_step(&cx.text(a.span), af);
    let hb = half_step(&cx.text(b.span), bf);
    let (alo, ahi) = (af.value - ha, af.value + ha);
    let (blo, bhi) = (bf.value - hb, bf.value + hb);
    if blo <= Decimal::ZERO || alo < Decimal::ZERO {
        return None;
    }
    Some((alo.checked_div(bhi)?, ahi.checked_div(blo)?))
}

/// How a fraction in words bounds the share it states, read from its own hedge or one just
/// before it.
fn fraction_bound(cx: &Ctx<'_>, p: &Quantity) -> Bound {
    if p.bound != Bound::Exact {
        return p.bound;
    }
    let before = cx.norm_before(p);
    let ends = |ws: &[&str]| {
        ws.iter().any(|w| {
            before.is(w) || before.ends_with(&format!(" {w}")) || before.ends_with(&format!(",{w}"))
        })
    };
    if ends(&["nearly", "almost", "close to", "just under", "not quite"]) {
        Bound::Almost
    } else if ends(&["more than", "over", "just over", "well over"]) {
        Bound::Gt
    } else if ends(&["less than", "under", "fewer than", "well under"]) {
        Bound::Lt
    } else if ends(&["at least"]) {
        Bound::Ge
    } else if ends(&[
        "about",
        "some",
        "roughly",
        "around",
        "approximately",
        "an estimated",
    ]) {
        Bound::Approx
    } else {
        Bound::Exact
    }
}

/// Whether a fraction `f` stated with `bound` fits a share that is anything in `[lo, hi]`;
/// `None` when the bound says nothing checkable (a range, a vague word).
fn fraction_fits(f: Decimal, bound: Bound, lo: Decimal, hi: Decimal) -> Option<bool> {
    let slack = (f * Decimal::new(15, 2)).min(Decimal::new(3, 2));
    let meets = |a: Decimal, b: Decimal| hi >= a && lo <= b;
    Some(match bound {
        Bound::Exact => meets(f - slack, f + slack),
        Bound::Approx => meets(f - slack * Decimal::TWO, f + slack * Decimal::TWO),
        Bound::Almost => meets(f - (slack * Decimal::from(3)).min(f / Decimal::from(5)), f),
        Bound::Gt => hi > f,
        Bound::Ge => hi >= f,
        Bound::Lt => lo < f,
        Bound::Le => lo <= f,
        Bound::Range | Bound::Vague => return None,
    })
}

/// Which share was written first: the share, the part, or neither (the pair came first).
#[derive(Clone, Copy, PartialEq)]
enum Order {
    /// "300 of 2,000 workers, or 15%" (or "41%, with 2.05 million of 5 million").
    Pair,
    /// "a third of the 600 delegates, or 250": the part is stated from the share.
    ShareFirst,
    /// "540, almost half of the 1,000 respondents".
    PartFirst,
}

impl PercentOf {
    /// Checks one share `p` of kind `kind` against the part `a` of the whole `b`; pushes a
    /// finding when they disagree.
    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        cx: &Ctx<'_>,
        a: &Quantity,
        b: &Quantity,
        p: &Quantity,
        kind: Kind,
        order: Order,
        out: &mut Vec<Diagnostic>,
    ) {
        let (Some(af), Some(bf)) = (a.point(), b.point()) else {
            return;
        };
        if bf.value.is_zero() || a.unit != b.unit {
            return;
        }
        let Some((lo, hi)) = ratio_interval(cx, a, b) else {
            return;
        };
        let exact_share = match kind {
            Kind::Fraction => None,
            Kind::Rate(n) => Some(af.value / bf.value * n),
            Kind::Percent => Some(af.value / bf.value * Decimal::ONE_HUNDRED),
        };
        let scale = match kind {
            Kind::Rate(n) => n,
            _ => Decimal::ONE_HUNDRED,
        };
        cx.verified_with_slack(
            self,
            p.span,
            &[a.span, b.span],
            exact_share,
            (hi - lo) / Decimal::TWO * scale,
        );
        let said = cx.text(p.span).trim().to_string();
        // Figures of the pair as written in messages: "$84 billion", "1,200".
        let money = |x: Decimal| with_unit(x, &fmt_num(x), a.unit.as_deref());
        let pct = af.value / bf.value * Decimal::ONE_HUNDRED;
        let d = match kind {
            Kind::Fraction => {
                let Some(f) = p.value.map(|f| f.value) else {
                    return;
                };
                if f <= Decimal::ZERO || f >= Decimal::ONE {
                    return;
                }
                let bound = fraction_bound(cx, p);
                if fraction_fits(f, bound, lo, hi) != Some(false) {
                    return;
                }
                let how = if lo > f {
                    "more than"
                } else if hi < f {
                    "less than"
                } else {
                    "exactly"
                };
                let share = fmt_exact(pct, Decimal::ONE);
                let fr = fmt_num((f * Decimal::ONE_HUNDRED).round_dp(1));
                let msg = if order == Order::ShareFirst {
                    format!(
                        "{said} of {} is about {}; the text says {} ({share}%, {how} {fr}%)",
                        money(bf.value),
                        money((f * bf.value).round_dp(0)),
                        money(af.value),
                    )
                } else {
                    format!(
                        "{} of {} is {share}%, {how} {fr}%; the text says {said}",
                        money(af.value),
                        money(bf.value),
                    )
                };
                let mut d = cx.diag(self, p.span, msg);
                d.severity = Severity::Warning.min(d.severity);
                d.with_help(format!(
                    "describe the share as it is ({}%), or correct the figures",
                    fmt_at(pct, Decimal::ONE)
                ))
            }
            Kind::Percent | Kind::Rate(_) => {
                let scale = match kind {
                    Kind::Rate(n) => n,
                    _ => Decimal::ONE_HUNDRED,
                };
                let Some(pf) = p.point() else { return };
                let exact = af.value / bf.value * scale;
                let t = Stated {
                    fig: pf,
                    approx: p.approx,
                };
                let floor = cx.facts(a).digits(af).min(cx.facts(b).digits(bf)).min(2);
                let widen = cx.opts.tolerance.hedge_widen;
                if agrees(lo * scale, hi * scale, t, floor, widen)
                    || agrees(exact, exact, t, floor, widen)
                {
                    return;
                }
                let prec = expected_precision(exact, t, floor);
                let unit = |x: Decimal, s: String| match kind {
                    Kind::Rate(n) => format!("{s} per {}", fmt_num(n)),
                    _ => {
                        let _ = x;
                        format!("{s}%")
                    }
                };
                let msg = if order == Order::ShareFirst {
                    let part = pf.value / scale * bf.value;
                    format!(
                        "{} of {} is {}; the text says {} ({})",
                        unit(pf.value, fmt_num(pf.value)),
                        money(bf.value),
                        money(part.round_dp(1)),
                        money(af.value),
                        unit(exact, fmt_exact(exact, prec)),
                    )
                } else {
                    format!(
                        "{} of {} is {}; the text says {}",
                        money(af.value),
                        money(bf.value),
                        unit(exact, fmt_exact(exact, prec)),
                        unit(pf.value, fmt_num(pf.value)),
                    )
                };
                cx.diag(self, p.span, msg).with_help(format!(
                    "write {}, or correct the figures it comes from",
                    unit(exact, fmt_at(exact, prec))
                ))
            }
        };
        let d = cx.related(d, a.span, "the part");
        out.push(cx.related(d, b.span, "the whole"));
    }
}

impl Rule for PercentOf {
    fn meta(&self) -> &'static RuleMeta {
        &PERCENT_OF
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let qs = &cx.qs;
        let same = |x: &Quantity, y: &Quantity| x.sentence == y.sentence;
        for w in 1..qs.len() {
            let (a, b) = (qs[w - 1], qs[w]);
            if !same(a, b) || !ratio_pair(a) || !ratio_pair(b) || a.unit != b.unit {
                continue;
            }
            if !links(&cx.norm_between(a, b)) {
                continue;
            }
            // The share tied to the pair: just after B, or a percentage just before A.
            if let Some(p) = qs.get(w + 1).copied()
                && same(b, p)
                && let Some(kind) = share_kind(p)
                && let Some(strong) = tie_after(cx.between(b, p))
                && (strong || kind == Kind::Fraction)
                && !share_elsewhere(cx, p)
            {
                self.judge(cx, a, b, p, kind, Order::Pair, out);
                continue;
            }
            let Some(p) = w.checked_sub(2).map(|k| qs[k]) else {
                continue;
            };
            if !same(p, a)
                || p.dimension != Dimension::Percent
                || !cx
                    .norm_between(p, a)
                    .is_any(&[", with", "with", "(", ":", ",", ", or"])
            {
                continue;
            }
            // A percentage before the pair ("41%, with 2.05 million of 5 million") is a looser
            // tie than ", or 15%" after it: one far from the pair's share is another figure
            // ("held its rate at 3.75 percent, with six of the nine members voting").
            let (Some(pf), Some(af), Some(bf)) = (p.point(), a.point(), b.point()) else {
                continue;
            };
            if bf.value.is_zero() {
                continue;
            }
            let exact = af.value / bf.value * Decimal::ONE_HUNDRED;
            let ratio = pf
                .value
                .abs()
                .checked_div(exact.abs().max(Decimal::new(1, 6)));
            if ratio.is_none_or(|r| r > Decimal::TWO || r < Decimal::new(5, 1)) {
                continue;
            }
            self.judge(cx, a, b, p, Kind::Percent, Order::Pair, out);
        }
        // The whole first: "Of the 3,400 applicants, 1,190 were offered places, or about 35
        // percent", "Of the 1,240 students who enrolled, 1,017 finished, a completion rate of 82
        // percent".
        // Dates and times stand aside ("61 suffered bleaching last year, or 73 percent").
        let nd: Vec<&Quantity> = qs
            .iter()
            .copied()
            .filter(|q| !matches!(q.dimension, Dimension::Date | Dimension::Time))
            .collect();
        for w in nd.windows(3) {
            let (b, a, p) = (w[0], w[1], w[2]);
            if !same(b, a) || !same(a, p) || !ratio_pair(a) || !ratio_pair(b) || a.unit != b.unit {
                continue;
            }
            let Some(kind @ (Kind::Percent | Kind::Fraction)) = share_kind(p) else {
                continue;
            };
            if share_elsewhere(cx, p) {
                continue;
            }
            // The sentence opens "Of the B" (or "Of the island's B"): nothing before it but the
            // sentence start.
            let s = cx.sentence(b);
            let lead = norm(cx.doc.prose_of(s.start, b.span.start));
            if !whole_lead(lead.trim()) {
                continue;
            }
            // The whole's own phrase, then a comma, then the part.
            let gap = cx.between(b, a);
            let head = norm(gap);
            let Some(head) = head.trim().strip_suffix(',') else {
                continue;
            };
            if head.contains([',', ';', '(', ')', '.'])
                || head.split_whitespace().count() > 8
                || head.split(' ').any(|w| ["and", "but", "or"].contains(&w))
            {
                continue;
            }
            if !clause_tie(cx.between(a, p)) {
                continue;
            }
            self.judge(cx, a, b, p, kind, Order::Pair, out);
        }
        // A share written first: "a third of the 600 delegates, or 250" (the part after the
        // whole) and "540, almost half of the 1,000 respondents" (the part before the share).
        for k in 0..qs.len() {
            let p = qs[k];
            let Some(kind @ (Kind::Percent | Kind::Fraction)) = share_kind(p) else {
                continue;
            };
            let Some(b) = qs.get(k + 1).copied() else {
                continue;
            };
            if !same(p, b) || !ratio_pair(b) || !share_link(&cx.norm_between(p, b).to_string()) {
                continue;
            }
            if let Some(a) = qs.get(k + 2).copied()
                && same(b, a)
                && ratio_pair(a)
                && a.unit == b.unit
                && tie_after(cx.between(b, a)) == Some(true)
                && !share_elsewhere(cx, a)
            {
                self.judge(cx, a, b, p, kind, Order::ShareFirst, out);
                continue;
            }
            if let Some(a) = k.checked_sub(1).map(|j| qs[j])
                && same(a, p)
                && ratio_pair(a)
                && a.unit == b.unit
                && part_tie(cx.between(a, p))
            {
                self.judge(cx, a, b, p, kind, Order::PartFirst, out);
            }
        }
    }
}

/// Whether the words opening a sentence before its whole make it "Of the B": `of the`, `of`,
/// `out of the`, `of all the`, `of its`, `of their`, or `of the` and one possessive word (`of
/// the island's`, `of the city’s`).
fn whole_lead(lead: &str) -> bool {
    if [
        "of the",
        "of",
        "of all the",
        "out of the",
        "of its",
        "of their",
    ]
    .contains(&lead)
    {
        return true;
    }
    lead.strip_prefix("of the ").is_some_and(|w| {
        let stem = w
            .strip_suffix("'s")
            .or_else(|| w.strip_suffix("’s"))
            .unwrap_or("");
        !stem.is_empty() && stem.chars().all(|c| c.is_alphabetic() || c == '-')
    })
}

/// Whether the prose between a share written first and its whole links them: one of
/// [`SHARE_LINKS`], or the whole named by a noun of one or two words, then `of` (`about a fifth
/// of the workforce of 6,100`, `a third of its fleet of 90`).
fn share_link(gap: &str) -> bool {
    if SHARE_LINKS.contains(&gap) {
        return true;
    }
    ["of the ", "of its ", "of their "].iter().any(|l| {
        gap.strip_prefix(l)
            .and_then(|r| r.strip_suffix(" of"))
            .is_some_and(|noun| {
                let words: Vec<&str> = noun.split(' ').collect();
                words.len() <= 2
                    && words.iter().all(|w| {
                        !w.is_empty()
                            && w.chars().all(|c| c.is_alphabetic() || c == '-')
                            && !HEAD_STOPS.contains(w)
                            && !["total", "rest", "remainder", "value", "cost"].contains(w)
                    })
            })
    })
}

/// Whether the prose between a part and a share written after it ties them: "540, almost half
/// of the 1,000", "12, or a quarter of the 48", "45 (15 percent of the 300)".
fn part_tie(gap: &str) -> bool {
    let mut g = norm(gap);
    // The part's own noun may come first: "2.1 million households, or about a quarter of".
    if let Some((head, rest)) = g.split_once(',') {
        let words: Vec<&str> = head.split_whitespace().collect();
        if (1..=2).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().all(|c| c.is_alphabetic() || c == '-') && !HEAD_STOPS.contains(w)
            })
        {
            g = format!(",{rest}");
        }
    }
    for h in TIE_HEDGES {
        if let Some(r) = g.strip_suffix(h)
            && (r.is_empty() || r.ends_with([' ', ',', '(']))
        {
            g = r.trim_end().to_string();
            break;
        }
    }
    matches!(g.as_str(), "," | ", or" | "(" | "—" | ", or about")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_codes as codes;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_share_first_may_name_its_whole_and_follow_the_parts_noun() {
        let ok = "Some 730 nurses, or about a third of the workforce of 2,150, joined the strike.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        assert_eq!(
            codes("Some 730 nurses, or about half of the workforce of 2,150, joined the strike."),
            ["percent-of"]
        );
        // "of the total of" is another figure's whole, not this one's.
        let other = "Some 730 nurses, or about half of the total of 2,150 staff, joined.";
        assert!(codes(other).is_empty(), "{:?}", codes(other));
    }

    #[test]
    fn a_fraction_after_a_sentence_opening_whole_is_checked() {
        let ok = "Of the town's 2,400 shops, 610, or about a quarter, open on Sundays.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        assert_eq!(
            codes("Of the town's 2,400 shops, 610, or about half, open on Sundays."),
            ["percent-of"]
        );
        assert_eq!(
            codes("Of the 2,400 shops in the town, 1,610, or a third, open on Sundays."),
            ["percent-of"]
        );
    }

    #[test]
    fn a_fraction_in_words_is_a_rounded_share_bounded_by_its_hedge() {
        let half = d("0.5");
        // 54% is more than half: "almost half" fires, "more than half" does not.
        assert_eq!(
            fraction_fits(half, Bound::Almost, d("0.54"), d("0.54")),
            Some(false)
        );
        assert_eq!(
            fraction_fits(half, Bound::Gt, d("0.54"), d("0.54")),
            Some(true)
        );
        assert_eq!(
            fraction_fits(half, Bound::Almost, d("0.47"), d("0.47")),
            Some(true)
        );
        // A bare third is 30.3–36.3%; "about" doubles the slack.
        let third = Decimal::ONE / Decimal::from(3);
        assert_eq!(
            fraction_fits(third, Bound::Exact, d("0.35"), d("0.35")),
            Some(true)
        );
        assert_eq!(
            fraction_fits(third, Bound::Exact, d("0.4167"), d("0.4167")),
            Some(false)
        );
        assert_eq!(
            fraction_fits(third, Bound::Approx, d("0.38"), d("0.38")),
            Some(true)
        );
        assert_eq!(
            fraction_fits(third, Bound::Lt, d("0.34"), d("0.34")),
            Some(false)
        );
        assert_eq!(fraction_fits(third, Bound::Vague, d("0.9"), d("0.9")), None);
    }

    #[test]
    fn a_tie_may_follow_a_few_words_of_the_wholes_noun_phrase_but_not_a_new_phrase() {
        assert_eq!(tie_after(" homes in the town, or "), Some(true));
        assert_eq!(tie_after(" patients ("), Some(true));
        assert_eq!(tie_after(" nurses surveyed, "), Some(false));
        assert_eq!(tie_after(" workers, or about "), Some(true));
        assert_eq!(tie_after(" workers and rehired "), None);
        assert_eq!(tie_after(" seats, up from 40, or "), None);
        assert_eq!(tie_after(" cases than the year before, or "), None);
    }

    #[test]
    fn shares_in_words_rates_and_possessive_pairs_are_checked() {
        for bad in [
            "A third of the 1,260 trawlers, or 520, stayed in port.",
            "Rangers counted 95 poaching cases among 19,000 rhinos, or 9 per 1,000.",
            "The hotel filled 70 of its 140 rooms, or 40 percent.",
            "Inspectors passed 296, nearly half of the 560 bridges they examined.",
            "The district logged 63 measles cases among its 210,000 children, a rate of 40 per 100,000.",
        ] {
            assert_eq!(codes(bad), ["percent-of"], "{bad}");
        }
        for bad in [
            "Of the 3,400 applicants, 1,190 were offered places, or about 45 percent.",
            "Of the 1,240 students who enrolled, 1,017 finished, a completion rate of 92 percent.",
            "Some 1,017 of the 1,240 students finished, a completion rate of 92 percent.",
        ] {
            assert_eq!(codes(bad), ["percent-of"], "{bad}");
        }
        for ok in [
            "Of the 3,400 applicants, 1,190 were offered places, or about 35 percent.",
            "Of the 1,240 students who enrolled, 1,017 finished, a completion rate of 82 percent.",
            "Some 1,017 of the 1,240 students finished, a completion rate of 82 percent.",
            "Of the 60 missiles, 52 were intercepted and 8 hit, or 13 percent.",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
        assert_eq!(
            named_rate(" students finished, a completion rate of"),
            Some(" students finished")
        );
        assert_eq!(named_rate(" finished, a rate of"), None);
        assert_eq!(named_rate(" finished, the rate of"), None);
        for ok in [
            "A third of the 1,260 trawlers, or 420, stayed in port.",
            "Rangers counted 95 poaching cases among 19,000 rhinos, or 5 per 1,000.",
            "The hotel filled 70 of its 140 rooms, or 50 percent.",
            "Inspectors passed 266, nearly half of the 560 bridges they examined.",
            "The district logged 63 measles cases among its 210,000 children, a rate of 30 per 100,000.",
            "The mill cut 140 of its 1,750 jobs, or 2 percent of the group's workforce.",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
    }
}
