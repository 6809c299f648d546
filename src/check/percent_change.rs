//! The `percent-change` rule.

use super::util::{Stated, agrees, expected_precision, fmt_at, fmt_exact, fmt_num, with_unit};
use super::{Ctx, FromTo, Rule};
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::quantity::{Dimension, Direction, Quantity};
use crate::registry::RuleMeta;
use rust_decimal::Decimal;

declare_rule! {
    pub static PERCENT_CHANGE = {
        code: "percent-change",
        kind: Check,
        severity: Error,
        summary: "A percentage change must match its from–to figures.",
        what: "A percentage (or percentage points) in the same sentence as, and just
before, a change written `from X to Y` or `to Y from X` (a difference stated beside it may
stand between: `rose 13 percent, or 500, to 4,300 from 3,800`; the difference is the
`difference` rule's), or right after it in an appositive
(`, a 26 percent increase`, `, an increase of 26 percent`, `, up 26 percent`), or after a level
and its base (`41,000 tonnes, down from 52,000 tonnes, a drop of 21 percent`; `up from`, with
`a rise of`, `an increase of`; the words must agree in direction). A change in percent must be
100 × (Y − X) / X; a change in percentage points must be Y − X; both rounded to the precision
written. A direction word (rose, fell, climbed, dropped) must agree with the sign. When X and Y
are themselves percentages and the stated change matches their difference but not the relative
change, the message says so: percent and percentage points are kept apart. That finding (`rise
2 percent, to 12 percent from 10 percent`) is a `warning` whose help names both readings (2
percentage points; 20%), since the word or the figure may be the slip. A base that is a year
(`climbed 4 percent from 2019 to $12.8 billion`) is not a figure: only two figures of one kind
and unit make a from–to; a unit price's own unit stands between them freely (`rose 9 percent to
$6.42 a bushel from $6.01`). A comparison `A, P% more than B` (`fewer than`, `higher than`,
`less than`; a few words of A's noun phrase may stand before the comma) must have A = B × (1 ±
P/100), within the rounding of A, B and P. Points against two levels: `64 percent, compared
with 58 percent in 2021, a rise of 6 points` (`up from`, `down from`, `against`; `a fall of`,
`up`, `down`; `points` or `percentage points`) must be the levels' difference, within their
rounding, in the direction the word gives.",
        why: "Percent changes are computed by hand and often against the wrong base (the
new value instead of the old one), or points are called percent.",
        fires: "`Sales climbed 20% from 200 to 220.`; `Support rose 5% from 20% to 25%.` (a rise of
5 percentage points, or 25%: a warning); `The ferry carried 1.62 million passengers, 35 percent
more than the 1.38 million of last year.` (17%)",
        silent: "`Sales climbed 10% from 200 to 220.`; `Profit dropped 40% to $6 million from
$10 million.`; `Support rose 5 percentage points from 20% to 25%.`; `Revenue climbed 4 percent
from 2019 to $12.8 billion.` (no base figure)",
        not_checked: "a percentage in another clause than the change: `Mice lived 23% longer, and
their tumour rates fell from 41% to 12%.`; a share after the change (`…, or 9 percent of the
total`).",
    };
}

/// The `percent-change` rule; its documentation is [`PERCENT_CHANGE`].
pub struct PercentChange;

impl Rule for PercentChange {
    fn meta(&self) -> &'static RuleMeta {
        &PERCENT_CHANGE
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for si in 0..cx.by_sentence.len() {
            self.more_than(cx, si, out);
            self.compared_points(cx, si, out);
            let idx = cx.in_sentence(si);
            let changes = cx
                .from_to(si)
                .iter()
                .filter_map(|ft| {
                    let pk = percent_before(cx, idx, ft).or_else(|| percent_after(cx, idx, ft))?;
                    Some((*ft, pk, None))
                })
                .chain(level_first(cx, idx));
            for (ft, pk, written_way) in changes {
                let ft = &ft;
                let p = &cx.qs[pk];
                let Some(pf) = p.point() else { continue };
                let (x, y) = (ft.from.fig.value, ft.to.fig.value);
                if x.is_zero() {
                    continue;
                }
                let points = is_points(p);
                let pct_values = ft.dimension == Dimension::Percent;
                if points && !pct_values {
                    continue;
                }
                let relative = (y - x) / x.abs() * Decimal::ONE_HUNDRED;
                let diff = y - x;
                let exact = if points { diff } else { relative };
                cx.verified(
                    self,
                    p.span,
                    &[ft.from_span, ft.to_span],
                    Some(if pf.value.is_sign_negative() {
                        exact
                    } else {
                        exact.abs()
                    }),
                );
                let sign_wrong = match written_way.or(p.direction) {
                    Some(Direction::Up) => y < x,
                    Some(Direction::Down) => y > x,
                    None => false,
                };
                let t = Stated {
                    fig: crate::quantity::Figure::new(pf.value.abs(), pf.precision),
                    approx: p.approx,
                };
                let floor = ft.digits.min(2);
                // "rose 8 percent to $583 million from $541 million" (7.76%): a change in
                // percent written as a whole number is the change to the nearest percent,
                // whatever the digits of its figures.
                let whole = !points
                    && !t.approx
                    && t.fig.value.fract().is_zero()
                    && !t.fig.value.is_zero()
                    && (exact.abs() - t.fig.value).abs() <= Decimal::new(5, 1);
                let ok = whole
                    || agrees(
                        exact.abs(),
                        exact.abs(),
                        t,
                        floor,
                        cx.opts.tolerance.hedge_widen,
                    );
                if ok && !sign_wrong {
                    continue;
                }
                let unit = cx.qs[ft.unit_index].unit.as_deref();
                let xs = with_unit(x, &fmt_num(x), unit);
                let ys = with_unit(y, &fmt_num(y), unit);
                let prec = expected_precision(exact.abs(), t, floor);
                let change = if points {
                    format!("{} percentage points", fmt_exact(diff.abs(), prec))
                } else {
                    format!("{}%", fmt_exact(relative.abs(), prec))
                };
                let way = if y >= x { "a rise" } else { "a fall" };
                let said = &cx.text(p.span);
                // Points called percent ("rise 2 percent, to 12 percent from 10 percent"):
                // the figures fit one reading and the word the other, so the finding is a
                // warning that names both.
                let mut points_for_percent = false;
                let (msg, help) = if sign_wrong {
                    (
                        format!(
                            "from {xs} to {ys} is {way} of {change}; the text gives the opposite direction"
                        ),
                        "correct the direction word or the figures".to_string(),
                    )
                } else if pct_values
                    && !points
                    && agrees(
                        diff.abs(),
                        diff.abs(),
                        t,
                        floor,
                        cx.opts.tolerance.hedge_widen,
                    )
                {
                    points_for_percent = true;
                    let rel_p = expected_precision(relative.abs(), t, floor);
                    (
                        format!(
                            "from {xs} to {ys} is {way} of {} percentage points, or {}%; the text says {said}",
                            fmt_num(diff.abs()),
                            fmt_exact(relative.abs(), rel_p)
                        ),
                        format!(
                            "write {} percentage points if the difference is meant, or {}% for the relative change",
                            fmt_num(diff.abs()),
                            fmt_at(relative.abs(), rel_p)
                        ),
                    )
                } else {
                    let fix = if points {
                        format!("{} percentage points", fmt_at(diff.abs(), prec))
                    } else {
                        format!("{}%", fmt_at(relative.abs(), prec))
                    };
                    (
                        format!("from {xs} to {ys} is {way} of {change}; the text says {said}"),
                        format!("write {fix}, or correct the figures it comes from"),
                    )
                };
                let mut d = cx.diag(self, p.span, msg).with_help(help);
                if points_for_percent {
                    d.severity = d.severity.min(Severity::Warning);
                }
                let d = cx.related(d, ft.from_span, "from");
                out.push(cx.related(d, ft.to_span, "to"));
            }
        }
    }
}

/// Changes written with the level first, then the percentage and its base: "raised £64
/// million, up 18 percent from £59 million", "£2,310, an increase of 7 percent from £2,160". The level and the
/// base are adjacent amounts of one unit around the percentage; the words before the
/// percentage (after a comma, at most four words from the level) and after it name the way.
/// Each is returned as a change from the base to the level, the percentage's index and the
/// way the words give.
/// The change from the base `r` to the level `q` (written level first), to the precision of
/// both; `None` when either is not one figure.
fn level_from_base(cx: &Ctx<'_>, q: &Quantity, r: &Quantity, unit_index: usize) -> Option<FromTo> {
    let (lf, bf) = (q.point()?, r.point()?);
    let digits = cx.facts(q).digits(lf).min(cx.facts(r).digits(bf));
    Some(FromTo {
        from_span: r.span,
        to_span: q.span,
        from: Stated {
            fig: bf,
            approx: r.approx,
        },
        to: Stated {
            fig: lf,
            approx: q.approx,
        },
        unit_index,
        dimension: q.dimension,
        digits,
    })
}

/// Whether a figure is a change in percentage points: written so, or a bare count of
/// "points" ("72%, up 5.3 points from 67.7%"; the grammar reads "points" alone as a noun).
fn is_points(p: &Quantity) -> bool {
    p.dimension == Dimension::PercentagePoints
        || p.dimension == Dimension::Count
            && p.unit.is_none()
            && matches!(p.lemma.as_deref(), Some("point"))
            && p.noun_span
                .is_some_and(|n| n.start >= p.span.end && n.start <= p.span.end + 1)
}

/// The "from" after a period named between a change and its base: "on the year from", "year
/// on year from", "on the month from".
fn on_the_period(tail: &str) -> Option<&'static str> {
    let words: Vec<&str> = tail.split(' ').collect();
    let period = |w: &str| matches!(w, "year" | "month" | "week" | "quarter" | "day");
    match words.as_slice() {
        ["on", "the" | "a", p, "from"] if period(p) => Some("from"),
        [p, "on", q, "from"] if period(p) && p == q => Some("from"),
        ["on", "an", "annual", "basis", "from"] => Some("from"),
        _ => None,
    }
}

fn level_first(cx: &Ctx<'_>, idx: &[usize]) -> Vec<(FromTo, usize, Option<Direction>)> {
    let mut out = Vec::new();
    // Both readings below want three figures, one of them a percentage: most sentences have
    // neither, and need no list of their amounts.
    if idx.len() < 3
        || !idx
            .iter()
            .any(|&k| cx.qs[k].dimension == Dimension::Percent)
    {
        return out;
    }
    // Dates and periods between the level and the percentage ("6.3 million passengers in
    // July, an increase of 14 percent from 5.8 million"; "6,140 patients in the six weeks to
    // Friday, up 18% from") stand aside; the words around them still count.
    let amounts: Vec<usize> = idx
        .iter()
        .copied()
        .filter(|&k| {
            !matches!(
                cx.qs[k].dimension,
                Dimension::Date | Dimension::Time | Dimension::Duration
            )
        })
        .collect();
    for w in amounts.windows(3) {
        let (q, p, r) = (&cx.qs[w[0]], &cx.qs[w[1]], &cx.qs[w[2]]);
        // "reached 68%, up 3% from 65%", "69.1%, up 2.8 points from 67.3%": levels in percent
        // take a change in points or in percent (the main loop tells the two apart).
        let change_ok =
            p.dimension == Dimension::Percent || is_points(p) && q.dimension == Dimension::Percent;
        if !change_ok
            || !super::is_amount(q)
            || !super::is_amount(r)
            || q.unit != r.unit
            || q.dimension != r.dimension
        {
            continue;
        }
        let lead = cx.norm_between(q, p).to_string();
        let tail = cx.norm_between(p, r).to_string();
        let Some((head, named)) = lead.rsplit_once(',') else {
            continue;
        };
        // A few words of the level's own phrase may stand before the comma ("4,820 patients
        // with flu in the week to Sunday, up 21% from"), one phrase: no clause of its own.
        if head.split(' ').filter(|w| !w.is_empty()).count() > 10
            || head.contains([',', ';', ':', '(', ')', '.'])
            || head.split(' ').any(|w| {
                matches!(
                    w,
                    "and" | "but" | "or" | "while" | "which" | "who" | "that" | "than"
                )
            })
        {
            continue;
        }
        // "up 4.2% on the year from £280,400": a period between the change and its base.
        let tail = tail
            .strip_prefix("points ")
            .filter(|_| p.dimension == Dimension::Count)
            .unwrap_or(&tail);
        let tail = on_the_period(tail).unwrap_or(tail);
        const UP: &[&str] = &[
            "up",
            "an increase of",
            "a rise of",
            "a gain of",
            "a jump of",
        ];
        const DOWN: &[&str] = &[
            "down",
            "a drop of",
            "a fall of",
            "a decline of",
            "a decrease of",
        ];
        let named = named.trim();
        let tail = tail.strip_suffix(" the").unwrap_or(tail);
        // "X, N percent more than the Y" is `more_than`'s.
        let way = if tail == "from" && UP.contains(&named) {
            Direction::Up
        } else if tail == "from" && DOWN.contains(&named) {
            Direction::Down
        } else {
            continue;
        };
        let Some(ft) = level_from_base(cx, q, r, w[0]) else {
            continue;
        };
        out.push((ft, w[1], Some(way)));
    }
    // "41,000 tonnes, down from 52,000 tonnes, a drop of 21 percent": the level, its base
    // after "up from" or "down from", then the change named after a comma. Each may keep a
    // few words of its own ("52,000 in 2024,").
    for w in amounts.windows(3) {
        let (q, r, p) = (&cx.qs[w[0]], &cx.qs[w[1]], &cx.qs[w[2]]);
        if p.dimension != Dimension::Percent
            || !super::is_amount(q)
            || !super::is_amount(r)
            || q.unit != r.unit
            || q.dimension != r.dimension
            || q.dimension == Dimension::Percent
        {
            continue;
        }
        // A few words of the level's own may stand before the comma ("41,000 tonnes of cod
        // next year, down from").
        let lead = cx.norm_between(q, r).to_string();
        let lead = lead.strip_suffix(" the").unwrap_or(&lead);
        let Some((own, word)) = lead.rsplit_once(',') else {
            continue;
        };
        if own.split_whitespace().count() > 8 || own.contains([';', ':', '(', ')', '.']) {
            continue;
        }
        let said = match word.trim() {
            "up from" => Direction::Up,
            "down from" => Direction::Down,
            _ => continue,
        };
        let tail = cx.norm_between(r, p).to_string();
        let Some((head, named)) = tail.rsplit_once(',') else {
            continue;
        };
        if head.split_whitespace().count() > 4 || head.contains([';', ':', '(', ')', '.']) {
            continue;
        }
        let named = named.trim();
        // "…, a 15% increase": the change's noun after the percentage.
        let noun_after = || {
            let after = cx.norm_after(p).first_words(1);
            let after = after.trim_end_matches(|c: char| !c.is_alphabetic());
            match after {
                "increase" | "rise" | "gain" | "jump" => Some(Direction::Up),
                "drop" | "fall" | "decline" | "decrease" | "cut" => Some(Direction::Down),
                _ => None,
            }
        };
        let way = if matches!(
            named,
            "an increase of" | "a rise of" | "a gain of" | "a jump of" | "up"
        ) {
            Direction::Up
        } else if matches!(
            named,
            "a drop of" | "a fall of" | "a decline of" | "a decrease of" | "a cut of" | "down"
        ) {
            Direction::Down
        } else if let ("a" | "an", Some(way)) = (named, noun_after()) {
            way
        } else {
            continue;
        };
        // "up from" and "a fall of" disagree in the words themselves: not this rule's to say.
        if way != said {
            continue;
        }
        // The percentage must end the phrase: "a drop of 21 percent of the total" is a share.
        if cx.norm_after(p).first_words(1).starts_with("of") {
            continue;
        }
        let Some(ft) = level_from_base(cx, q, r, w[0]) else {
            continue;
        };
        out.push((ft, w[2], Some(way)));
    }
    out
}

/// The words that make "P% ... B" a comparison with B, and its sign.
const COMPARE: &[(&str, i32)] = &[
    ("more than the", 1),
    ("more than", 1),
    ("higher than the", 1),
    ("higher than", 1),
    ("above the", 1),
    ("above", 1),
    ("less than the", -1),
    ("less than", -1),
    ("fewer than the", -1),
    ("fewer than", -1),
    ("lower than the", -1),
    ("lower than", -1),
    ("below the", -1),
    ("below", -1),
];

impl PercentChange {
    /// "52 million visitors, 21% more than the 43 million of 2019": A must be B × (1 ± P/100),
    /// with A the figure right before the percentage (of B's kind and unit) and tied to it by
    /// a comma, and B the figure right after the comparison.
    fn more_than(&self, cx: &Ctx<'_>, si: usize, out: &mut Vec<Diagnostic>) {
        let idx = cx.in_sentence(si);
        for n in 1..idx.len().saturating_sub(1) {
            let (a, p, b) = (cx.qs[idx[n - 1]], cx.qs[idx[n]], cx.qs[idx[n + 1]]);
            if p.dimension != Dimension::Percent
                || !super::is_amount(a)
                || !super::is_amount(b)
                || a.dimension != b.dimension
                || a.unit != b.unit
                || matches!(
                    a.dimension,
                    Dimension::Percent | Dimension::PercentagePoints
                )
            {
                continue;
            }
            let gap = cx.norm_between(p, b);
            let Some(&(_, sign)) = COMPARE.iter().find(|(w, _)| gap.is(w)) else {
                continue;
            };
            if !compared_tie(cx.between(a, p)) {
                continue;
            }
            let (Some(af), Some(bf), Some(pf)) = (a.point(), b.point(), p.point()) else {
                continue;
            };
            if bf.value.is_zero() || p.approx || a.approx || b.approx {
                continue;
            }
            let rel = (af.value - bf.value) / bf.value * Decimal::ONE_HUNDRED;
            cx.verified(
                self,
                p.span,
                &[a.span, b.span],
                Some(rel * Decimal::from(sign)),
            );
            let t = Stated {
                fig: pf,
                approx: false,
            };
            let floor = cx.facts(a).digits(af).min(cx.facts(b).digits(bf)).min(2);
            // The inputs' own rounding ("52 million" is 51.5–52.5 million).
            let ha = super::util::half_step(&cx.text(a.span), af);
            let hb = super::util::half_step(&cx.text(b.span), bf);
            let lo = ((af.value - ha) - (bf.value + hb)) / (bf.value + hb) * Decimal::ONE_HUNDRED;
            let hi = ((af.value + ha) - (bf.value - hb)) / (bf.value - hb).max(Decimal::new(1, 6))
                * Decimal::ONE_HUNDRED;
            let signed = |x: Decimal| x * Decimal::from(sign);
            let (lo, hi) = if sign > 0 {
                (lo, hi)
            } else {
                (signed(hi), signed(lo))
            };
            let whole =
                pf.value.fract().is_zero() && (signed(rel) - pf.value).abs() <= Decimal::new(5, 1);
            if whole || agrees(lo, hi, t, floor, cx.opts.tolerance.hedge_widen) {
                continue;
            }
            let unit = a.unit.as_deref();
            let prec = expected_precision(signed(rel), t, floor);
            let word = if rel >= Decimal::ZERO { "more" } else { "less" };
            let d = cx
                .diag(
                    self,
                    p.span,
                    format!(
                        "{} is {}% {word} than {}; the text says {}",
                        with_unit(af.value, &fmt_num(af.value), unit),
                        fmt_exact(rel.abs(), prec),
                        with_unit(bf.value, &fmt_num(bf.value), unit),
                        cx.text(p.span).trim()
                    ),
                )
                .with_help(format!(
                    "write {}% {word}, or correct the figures it comes from",
                    fmt_at(rel.abs(), prec)
                ));
            let d = cx.related(d, a.span, "the figure");
            out.push(cx.related(d, b.span, "compared with"));
        }
    }
}

impl PercentChange {
    /// "Turnout was 64 percent, compared with 58 percent in 2021, a rise of 6 points": two
    /// levels in percent and the change between them in points (a count of "points" too),
    /// which must be their difference, within the rounding of the three; the word's direction
    /// must agree.
    fn compared_points(&self, cx: &Ctx<'_>, si: usize, out: &mut Vec<Diagnostic>) {
        // Three figures, two of them percentages, or nothing to read (no list to build).
        let all = cx.in_sentence(si);
        if all.len() < 3
            || all
                .iter()
                .filter(|&&k| cx.qs[k].dimension == Dimension::Percent)
                .count()
                < 2
        {
            return;
        }
        let idx: Vec<usize> = cx
            .in_sentence(si)
            .iter()
            .copied()
            .filter(|&k| !matches!(cx.qs[k].dimension, Dimension::Date | Dimension::Time))
            .collect();
        const COMPARED: &[&str] = &[
            ", compared with",
            ", compared to",
            ", against",
            ", versus",
            ", from",
            ", up from",
            ", down from",
        ];
        const WAY: &[(&str, Direction)] = &[
            ("a rise of", Direction::Up),
            ("an increase of", Direction::Up),
            ("a gain of", Direction::Up),
            ("a jump of", Direction::Up),
            ("up", Direction::Up),
            ("a fall of", Direction::Down),
            ("a drop of", Direction::Down),
            ("a decline of", Direction::Down),
            ("a decrease of", Direction::Down),
            ("down", Direction::Down),
        ];
        for w in idx.windows(3) {
            let (a, b, k) = (cx.qs[w[0]], cx.qs[w[1]], cx.qs[w[2]]);
            if a.dimension != Dimension::Percent
                || b.dimension != Dimension::Percent
                || !super::is_amount(a)
                || !super::is_amount(b)
                || a.approx
                || b.approx
            {
                continue;
            }
            let points = k.dimension == Dimension::PercentagePoints
                || (k.dimension == Dimension::Count
                    && k.unit.is_none()
                    && matches!(
                        cx.norm_after(k)
                            .first_words(1)
                            .trim_end_matches(|c: char| !c.is_alphabetic()),
                        "points" | "point"
                    ));
            if !points || !super::is_amount(k) {
                continue;
            }
            if !COMPARED.iter().any(|c| cx.norm_between(a, b).is(c)) {
                continue;
            }
            // After the base: a few words of its own ("in 2021", "four years ago"), a comma,
            // then the change named.
            let tail = super::norm(cx.between(b, k));
            let Some((head, named)) = tail.rsplit_once(',') else {
                continue;
            };
            if head.split_whitespace().count() > 4 || head.contains([';', ':', '(', ')', '.']) {
                continue;
            }
            let Some(&(_, way)) = WAY.iter().find(|(w, _)| named.trim() == *w) else {
                continue;
            };
            let (Some(af), Some(bf), Some(kf)) = (a.point(), b.point(), k.point()) else {
                continue;
            };
            let diff = af.value - bf.value;
            cx.verified(self, k.span, &[a.span, b.span], Some(diff.abs()));
            let ha = cx.facts(a).half_step(af);
            let hb = cx.facts(b).half_step(bf);
            let t = Stated {
                fig: crate::quantity::Figure::new(kf.value.abs(), kf.precision),
                approx: k.approx,
            };
            let sign_wrong = match way {
                Direction::Up => diff < Decimal::ZERO,
                Direction::Down => diff > Decimal::ZERO,
            };
            let (lo, hi) = (diff.abs() - ha - hb, diff.abs() + ha + hb);
            if !sign_wrong
                && agrees(
                    lo.max(Decimal::ZERO),
                    hi,
                    t,
                    1,
                    cx.opts.tolerance.hedge_widen,
                )
            {
                continue;
            }
            let prec = expected_precision(diff.abs(), t, 1);
            let was = if diff >= Decimal::ZERO {
                "a rise"
            } else {
                "a fall"
            };
            let (msg, help) = if sign_wrong {
                (
                    format!(
                        "from {}% to {}% is {was} of {} percentage points; the text gives the opposite direction",
                        fmt_num(bf.value),
                        fmt_num(af.value),
                        fmt_exact(diff.abs(), prec)
                    ),
                    "correct the direction word or the figures".to_string(),
                )
            } else {
                (
                    format!(
                        "from {}% to {}% is {was} of {} percentage points; the text says {}",
                        fmt_num(bf.value),
                        fmt_num(af.value),
                        fmt_exact(diff.abs(), prec),
                        cx.text(k.span).trim()
                    ),
                    format!(
                        "write {} points, or correct the figures it comes from",
                        fmt_at(diff.abs(), prec)
                    ),
                )
            };
            let d = cx.diag(self, k.span, msg).with_help(help);
            let d = cx.related(d, a.span, "the level");
            out.push(cx.related(d, b.span, "compared with"));
        }
    }
}

/// Whether the prose between a figure and "P% more than" ties them: a comma (", or", "(",
/// "—") after at most four words of the figure's own noun phrase ("passengers this summer,").
fn compared_tie(gap: &str) -> bool {
    let g = super::norm(gap);
    let head = [", or", ",", "(", "—"]
        .iter()
        .find_map(|t| g.strip_suffix(t));
    let Some(head) = head else { return false };
    let words: Vec<&str> = head.split_whitespace().collect();
    words.len() <= 4
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && ![
                    "and", "but", "or", "while", "whereas", "which", "than", "from", "to", "was",
                    "were", "is", "are", "rose", "fell",
                ]
                .contains(w)
        })
}

/// The nearest percentage before the change, with no other figure between, in one phrase
/// with it and with no verb of its own between.
fn percent_before(cx: &Ctx<'_>, idx: &[usize], ft: &FromTo) -> Option<usize> {
    let first = ft.from_span.start.min(ft.to_span.start);
    let pos = idx.partition_point(|&k| cx.qs[k].span.start < first);
    let mut pk = *idx.get(pos.checked_sub(1)?)?;
    // "rose 13 percent, or 500, to 4,300 from 3,800": the difference stated beside the
    // percentage (the `difference` rule's) stands between it and the change.
    if let Some(&ok) = pos.checked_sub(2).and_then(|i| idx.get(i)) {
        let d = &cx.qs[pk];
        let o = &cx.qs[ok];
        let tail = super::norm(&cx.text(crate::quantity::Span::new(d.span.end, first)));
        if o.dimension == Dimension::Percent
            && super::is_amount(d)
            && d.dimension == ft.dimension
            && d.unit == cx.qs[ft.unit_index].unit
            && cx.norm_between(o, d).is(", or")
            && [", to", ", from"].contains(&tail.trim())
        {
            pk = ok;
        }
    }
    let p = &cx.qs[pk];
    if !matches!(
        p.dimension,
        Dimension::Percent | Dimension::PercentagePoints
    ) {
        return None;
    }
    // The percentage and the change must be one phrase: "fell 23%, from 41% to 12%", not
    // "lived 23% longer, and their rates fell from 41% to 12%".
    let between = cx.text(crate::quantity::Span::new(p.span.end, first));
    if !one_phrase(&between) {
        return None;
    }
    // "the threshold at which the top rate of 42 percent applies will rise to €71,500 from
    // €68,000": a verb of change between the percentage and the change has its own subject;
    // the percentage is a level of another phrase.
    if verb_between(&between) {
        return None;
    }
    Some(pk)
}

/// The percentage right after the change that names it in an appositive: "rose to 2.4
/// million from 1.9 million, a 26 percent increase", "…, an increase of 26 percent", "…, up
/// 26 percent". Nothing else may stand between; "…, or 26 percent" (a share) is not one.
fn percent_after(cx: &Ctx<'_>, idx: &[usize], ft: &FromTo) -> Option<usize> {
    const NOUNS: &[&str] = &[
        "increase",
        "rise",
        "jump",
        "gain",
        "growth",
        "drop",
        "fall",
        "decline",
        "decrease",
        "cut",
        "reduction",
        "surge",
    ];
    let last = ft.from_span.end.max(ft.to_span.end);
    let pos = idx.partition_point(|&k| cx.qs[k].span.start < last);
    let pk = *idx.get(pos)?;
    let p = &cx.qs[pk];
    if p.dimension != Dimension::Percent {
        return None;
    }
    let between = cx
        .text(crate::quantity::Span::new(last, p.span.start))
        .to_lowercase();
    let words: Vec<&str> = between
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    if !between.trim_start().starts_with(',') || between.contains(['.', ';', '(']) {
        return None;
    }
    let next = cx.norm_after(p).first_words(1);
    let noun_after = NOUNS.contains(&next.trim_end_matches(|c: char| !c.is_alphabetic()));
    let ok = match words.as_slice() {
        ["a" | "an"] => noun_after,
        ["up" | "down"] => true,
        ["a" | "an", n, "of"] => NOUNS.contains(n),
        _ => false,
    };
    ok.then_some(pk)
}

/// Whether the words between a percentage and a change hold a finite verb of change (`rose`,
/// `will rise`, `has fallen`): then the change has its own subject. A noun (`a 5 percent rise
/// to`) is not a verb.
fn verb_between(between: &str) -> bool {
    const PAST: &[&str] = &[
        "rose",
        "risen",
        "fell",
        "fallen",
        "climbed",
        "dropped",
        "jumped",
        "increased",
        "decreased",
        "declined",
        "grew",
        "grown",
        "slipped",
        "surged",
        "soared",
        "plunged",
    ];
    const BARE: &[&str] = &[
        "rise", "fall", "climb", "drop", "jump", "increase", "decrease", "decline", "grow",
    ];
    const AUX: &[&str] = &[
        "will", "would", "could", "may", "might", "to", "should", "can",
    ];
    let lower = between.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        PAST.contains(w) || (BARE.contains(w) && i > 0 && AUX.contains(&words[i - 1]))
    })
}

/// Whether the words between a percentage and the change it would describe keep them in one
/// phrase: a handful of words, no clause joined by a conjunction after a comma or a semicolon.
fn one_phrase(between: &str) -> bool {
    let lower = between.to_lowercase();
    let words = lower.split_whitespace().count();
    words <= 6
        && !lower.contains(';')
        && ![
            ", and",
            ", but",
            ", while",
            ", whereas",
            ", as ",
            ", although",
        ]
        .iter()
        .any(|c| lower.contains(c))
}

#[cfg(test)]
mod tests {
    use crate::check::test_codes as codes;

    #[test]
    fn a_whole_percent_change_is_the_change_to_the_nearest_percent() {
        for ok in [
            "Operating profit rose 8 percent to $583 million from $541 million.",
            "Domestic traffic rose 3 percent to 6.7 million from 6.5 million.",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
        // The percentage is a level of another phrase.
        let level = "The threshold at which the top rate of 42 percent applies will rise to \
                     €71,500 from €68,000.";
        assert!(codes(level).is_empty(), "{:?}", codes(level));
        // Points against two levels in percent.
        for ok in [
            "Turnout was 64 percent, compared with 58 percent in 2021, a rise of 6 points.",
            "Support stood at 41.5 percent, down from 44.1 percent in May, a fall of 2.6 percentage points.",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
        for bad in [
            "Turnout was 64 percent, compared with 58 percent in 2021, a rise of 9 points.",
            "Turnout was 64 percent, compared with 58 percent in 2021, a fall of 6 points.",
        ] {
            assert_eq!(codes(bad), ["percent-change"], "{bad}");
        }
        // A stated difference between the percentage and the change.
        let both = "Sales rose 13 percent, or 500, to 4,300 from 3,800.";
        assert!(codes(both).is_empty(), "{:?}", codes(both));
        let wrong = "Sales rose 18 percent, or 500, to 4,300 from 3,800.";
        assert_eq!(codes(wrong), ["percent-change"]);
        for bad in [
            "Operating profit rose 9 percent to $583 million from $541 million.",
            "Profit rose 40 percent to $144 million from $100 million.",
        ] {
            assert_eq!(codes(bad), ["percent-change"], "{bad}");
        }
    }

    #[test]
    fn a_level_then_its_base_then_the_change_is_a_percent_change() {
        for ok in [
            "The mill sawed 86,000 cubic metres of spruce in the season, down from 94,000 \
             cubic metres, a drop of about 9 percent.",
            "Library loans reached 2.6 million, up from 2.2 million in 2023, an increase of 18 \
             percent.",
            // The words disagree among themselves: another rule's, or none.
            "Library loans reached 2.6 million, up from 2.2 million, a fall of 40 percent.",
            // A share of a whole, not the change.
            "Library loans reached 2.6 million, up from 2.2 million, a rise of 40 percent of \
             the total.",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
        for bad in [
            "The mill sawed 86,000 cubic metres of spruce in the season, down from 94,000 \
             cubic metres, a drop of about 15 percent.",
            "Library loans reached 2.6 million, up from 2.2 million in 2023, an increase of 25 \
             percent.",
        ] {
            assert_eq!(codes(bad), ["percent-change"], "{bad}");
        }
    }

    #[test]
    fn a_level_in_percent_a_period_or_a_long_phrase_before_the_change_is_read() {
        for ok in [
            "Flu jab uptake among over-65s reached 72%, up 4.3 points from 67.7% last winter.",
            "Flu jab uptake among over-65s reached 72%, up 6% from 67.9% last winter.",
            "The median asking price was £312,600, up 3.1% on the year from £303,200.",
            "Clinics saw 6,140 patients with scabies in the six weeks to Friday, up 18% from \
             5,200 a year earlier.",
            "Ticket sales reached €8.3 million, up from €7.2 million in the spring, a 15% \
             increase.",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
        for bad in [
            "Flu jab uptake among over-65s reached 72%, up 5.3 points from 67.7% last winter.",
            "The median asking price was £312,600, up 4.1% on the year from £303,200.",
            "Clinics saw 6,140 patients with scabies in the six weeks to Friday, up 28% from \
             5,200 a year earlier.",
            "Ticket sales reached €8.3 million, up from €7.2 million in the spring, a 21% \
             increase.",
            // Points called percent: a warning naming both readings.
            "Flu jab uptake among over-65s reached 72%, up 4.3% from 67.7% last winter.",
        ] {
            assert_eq!(codes(bad), ["percent-change"], "{bad}");
        }
    }
}
