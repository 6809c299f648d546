//! The `difference` rule: a difference stated beside the two levels it is the difference of.

use super::util::{Stated, agrees, expected_precision, fmt_at, fmt_exact, fmt_num, with_unit};
use super::{Ctx, FromTo, Rule, is_amount, norm};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::{Dimension, Direction, Figure, Quantity, Span};
use crate::registry::RuleMeta;
use rust_decimal::Decimal;

declare_rule! {
    pub static DIFFERENCE = {
        code: "difference",
        kind: Check,
        severity: Error,
        summary: "A stated difference must be the difference of the two levels it is stated with.",
        what: "Three forms, each in one sentence, with the difference D and both levels of
one kind and unit (counts, money, measures; not percentages, whose differences are
`percent-change`'s points): (1) a change by D written with its from–to, `grew by D to X from Y`,
`fell by D, from Y to X`, `an increase of D to X from Y`, or the difference named after the
change, `rose to X from Y (a year earlier), an increase of D`: |X − Y| must be D, and a direction
word (rose, fell) must agree with the sign; (2) a level compared with another by D, `A, D more
than B` (`fewer than`, `less than`, `higher than`, `lower than`; B may be `the`, `last year's`,
`the previous season's` B): A − B must be D (B − A for fewer); (3) a shortfall, `A, D short of
the X target` or `A, short of the X target by D` (target, goal, aim, mark, forecast, average): X − A must
be D. Each is judged within the rounding of all three figures (a figure with a decimal point
or a scale word is anything within half a step of it; whole numbers written in full are
exact), to D's written precision, hedged D widened (`docs/tolerance.md`). A percentage given
with the change is `percent-change`'s.",
        why: "Writers compute a difference by hand from two figures, one of which is often
revised or misread; a wrong difference beside correct levels is a mistake a reader can see
and the text alone cannot resolve.",
        fires: "`Enrolment grew by 1,400 to 9,200 from 8,000.` (1,200); `The fleet carried
4,300 cars, 800 more than last year's 3,700.` (600); `The builder finished 1,640 homes, 460
short of its 2,000 target.` (360); `Output fell by 300 to 2,900 from 2,600.` (2,900 is a rise)",
        silent: "`Enrolment grew by 1,200 to 9,200 from 8,000.`; `Revenue rose by $170 million to
$3.32 billion from $3.15 billion.`; `4,300 cars, 600 more than last year's 3,700`; `1,640
homes, short of the 2,000 target by 360`; `fell by 300 to 2,300` (no base given).",
        not_checked: "a difference without both levels in its sentence: `Enrolment grew by 1,200
to 9,200.` (the base, if any, is elsewhere); a level and a difference joined by a verb of their
own: `The club sold 4,300 cars and expects 600 more than the 3,700 of 2024.`; differences of
percentages (`percent-change`); a difference in a smaller unit than its levels: `rose to £2.80
from £2.40, an increase of 60 pence` is not converted (40 pence).",
    };
}

/// The `difference` rule; its documentation is [`DIFFERENCE`].
pub struct Difference;

/// A figure a difference can be taken of: a count, money or a measure, not a share.
fn level(q: &Quantity) -> bool {
    is_amount(q)
        && !q.adjectival
        && !matches!(
            q.dimension,
            Dimension::Percent | Dimension::PercentagePoints | Dimension::Rate
        )
}

fn same_kind(a: &Quantity, b: &Quantity) -> bool {
    a.dimension == b.dimension && a.unit == b.unit
}

/// The words a difference written before a change ends with: "grew by 1,200 to",
/// "an increase of 1,200, from".
const BY: &[&str] = &[
    "by",
    "an increase of",
    "a rise of",
    "a gain of",
    "a jump of",
    "a drop of",
    "a fall of",
    "a decline of",
    "a decrease of",
    "a reduction of",
    "a cut of",
];

/// The comparisons `A, D more than B` is written with, and B − A's sign.
const MORE: &[(&str, i32)] = &[
    ("more than", 1),
    ("higher than", 1),
    ("greater than", 1),
    ("larger than", 1),
    ("above", 1),
    ("fewer than", -1),
    ("less than", -1),
    ("lower than", -1),
    ("below", -1),
];

/// The nouns a shortfall is measured against.
const TARGETS: &[&str] = &[
    "target",
    "goal",
    "aim",
    "mark",
    "forecast",
    "projection",
    "average",
    "norm",
];

/// The words before the base of a comparison: nothing, "the", or a possessive of at most three
/// words ("last year's", "the previous season's", "its").
fn base_words(rest: &str) -> bool {
    let rest = rest.trim();
    if rest.is_empty() || ["the", "its", "their", "his", "her"].contains(&rest) {
        return true;
    }
    let words: Vec<&str> = rest.split(' ').collect();
    words.len() <= 3
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
        })
        && words
            .last()
            .is_some_and(|w| w.ends_with("'s") || w.ends_with("’s"))
}

/// Whether the prose between a level and a difference after it ties them: a comma after at
/// most six words of the level's own noun phrase, or "(": "4,300 cars, 600 more", "1,640
/// homes, falling 360 short". `after` are the words that may follow the comma.
fn tied(gap: &str, after: &[&str]) -> bool {
    let g = norm(gap);
    let g = g.trim();
    let (head, tail) = match g.rsplit_once(',') {
        Some((h, t)) => (h.trim(), t.trim()),
        None => match g.strip_suffix('(') {
            Some(h) => (h.trim(), ""),
            None => return false,
        },
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    (tail.is_empty() || after.contains(&tail))
        && words.len() <= 6
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && ![
                    "and", "but", "or", "while", "whereas", "which", "than", "from", "to", "was",
                    "were", "is", "are", "of",
                ]
                .contains(w)
        })
}

/// A level a difference is taken of: where it is and what it states.
#[derive(Clone, Copy)]
struct Level {
    span: Span,
    fig: Figure,
    /// Half a step of rounding when written rounded (`precision::half_step`).
    half: Decimal,
    /// Digits written.
    digits: u32,
}

impl Level {
    fn of(cx: &Ctx<'_>, q: &Quantity) -> Option<Level> {
        let fig = q.point()?;
        let facts = cx.facts(q);
        Some(Level {
            span: q.span,
            fig,
            half: facts.half_step(fig),
            digits: facts.digits(fig),
        })
    }
}

/// One difference to judge: the stated difference `d` against `big − small` (times `sign`).
struct Case<'q> {
    d: &'q Quantity,
    /// The larger-expected figure (the level after the change, A, the target).
    big: Level,
    /// The other.
    small: Level,
    /// +1 when `big − small` is owed positive; a sign of −1 owes `small − big`.
    sign: i32,
    /// The direction a word gives the change, when one does.
    way: Option<Direction>,
    /// What the message calls the relationship.
    what: &'static str,
}

impl Difference {
    fn judge(&self, cx: &Ctx<'_>, c: Case<'_>, out: &mut Vec<Diagnostic>) {
        let Some(df) = c.d.point() else { return };
        let (bf, sf) = (c.big.fig, c.small.fig);
        if df.value.is_sign_negative() || df.value.is_zero() {
            return;
        }
        let sign = Decimal::from(c.sign);
        let exact = (bf.value - sf.value) * sign;
        let (hb, hs) = (c.big.half, c.small.half);
        let (lo, hi) = (exact.abs() - hb - hs, exact.abs() + hb + hs);
        cx.verified_with_slack(
            self,
            c.d.span,
            &[c.big.span, c.small.span],
            Some(exact.abs()),
            hb + hs,
        );
        let t = Stated {
            fig: df,
            approx: c.d.approx,
        };
        let digits = c.big.digits.min(c.small.digits);
        let floor = digits.min(2);
        // A change's direction word against the levels: "fell by 300 to 2,900 from 2,600".
        let sign_wrong = match c.way {
            Some(Direction::Up) => bf.value < sf.value,
            Some(Direction::Down) => bf.value > sf.value,
            None => c.sign != 0 && exact.is_sign_negative() && !exact.is_zero(),
        };
        let size_ok = agrees(
            lo.max(Decimal::ZERO),
            hi,
            t,
            floor,
            cx.opts.tolerance.hedge_widen,
        );
        if size_ok && !sign_wrong {
            return;
        }
        let unit = c.d.unit.as_deref();
        let show = |x: Decimal| with_unit(x, &fmt_num(x), unit);
        let prec = expected_precision(exact.abs(), t, floor);
        let owed = with_unit(exact.abs(), &fmt_exact(exact.abs(), prec), unit);
        let said = cx.text(c.d.span).trim().to_string();
        let (msg, help) = if sign_wrong && c.way.is_some() {
            let way = if bf.value >= sf.value {
                "a rise"
            } else {
                "a fall"
            };
            (
                format!(
                    "from {} to {} is {way} of {owed}; the text gives the opposite direction",
                    show(sf.value),
                    show(bf.value)
                ),
                "correct the direction word or the figures".to_string(),
            )
        } else if sign_wrong {
            (
                format!(
                    "{} and {} differ the other way ({owed}); the text says {}",
                    show(bf.value),
                    show(sf.value),
                    format!("{said} {}", c.what).trim_end()
                ),
                "correct the comparison word or the figures".to_string(),
            )
        } else {
            (
                format!(
                    "{} − {} is {owed}; the text says {}",
                    show(bf.value.max(sf.value)),
                    show(bf.value.min(sf.value)),
                    format!("{said} {}", c.what).trim_end()
                ),
                format!(
                    "write {}, or correct the figures it comes from",
                    with_unit(exact.abs(), &fmt_at(exact.abs(), prec), unit)
                ),
            )
        };
        let d = cx.diag(self, c.d.span, msg).with_help(help);
        let d = cx.related(d, c.big.span, "one level");
        out.push(cx.related(d, c.small.span, "the other"));
    }

    /// "grew by D to X from Y", "fell by D, from Y to X".
    fn by_change(&self, cx: &Ctx<'_>, si: usize, out: &mut Vec<Diagnostic>) {
        let idx = cx.in_sentence(si);
        for ft in cx.from_to(si) {
            let first = ft.from_span.start.min(ft.to_span.start);
            let pos = idx.partition_point(|&k| cx.qs[k].span.start < first);
            let Some(&dk) = pos.checked_sub(1).and_then(|p| idx.get(p)) else {
                continue;
            };
            let d = cx.qs[dk];
            let unit_q = cx.qs[ft.unit_index];
            if !level(d) || !same_kind(d, unit_q) || d.span.end > first {
                continue;
            }
            let gap = norm(&cx.text(Span::new(d.span.end, first)));
            // The difference's own noun may follow it: "shrank by 90 head, to 410 from 480".
            let gap = match d.noun.as_deref().map(norm) {
                Some(n) => gap
                    .trim()
                    .strip_prefix(n.as_str())
                    .unwrap_or(&gap)
                    .to_string(),
                None => gap,
            };
            if !["to", "from", ", to", ", from"].contains(&gap.trim()) {
                continue;
            }
            let before = cx.norm_before(d);
            let Some(by) = BY.iter().find(|w| before.ends_with(w)) else {
                continue;
            };
            let (from, to) = levels(cx, idx, ft);
            let way = match *by {
                "by" => d.direction.or_else(|| verb_way(&before.to_string())),
                w if BY[1..6].contains(&w) => Some(Direction::Up),
                _ => Some(Direction::Down),
            };
            self.judge(
                cx,
                Case {
                    d,
                    big: to,
                    small: from,
                    sign: if to.fig.value >= from.fig.value {
                        1
                    } else {
                        -1
                    },
                    way,
                    what: "",
                },
                out,
            );
        }
    }

    /// "rose to 310,000 from 240,000, an increase of 70,000", "fell to 16,900 from 23,500 a
    /// year earlier, a drop of 6,600": the difference named after the change.
    fn change_then_difference(&self, cx: &Ctx<'_>, si: usize, out: &mut Vec<Diagnostic>) {
        let idx = cx.in_sentence(si);
        for ft in cx.from_to(si) {
            let last = ft.from_span.end.max(ft.to_span.end);
            let pos = idx.partition_point(|&k| cx.qs[k].span.start < last);
            // A period between stands aside: "from 348 million a year earlier, a gain of".
            let Some(&dk) = idx[pos..].iter().find(|&&k| {
                !matches!(
                    cx.qs[k].dimension,
                    Dimension::Date | Dimension::Time | Dimension::Duration
                )
            }) else {
                continue;
            };
            let d = cx.qs[dk];
            let unit_q = cx.qs[ft.unit_index];
            if !level(d) || !same_kind(d, unit_q) {
                continue;
            }
            let gap = norm(&cx.text(Span::new(last, d.span.start)));
            let Some(&cue) = BY[1..].iter().find(|w| gap.ends_with(*w)) else {
                continue;
            };
            // Between the level and the cue: a comma after at most four words of a time
            // phrase ("a year earlier", "the year before"), nothing else.
            let head = gap[..gap.len() - cue.len()].trim_end();
            let Some(head) = head.strip_suffix(',') else {
                continue;
            };
            let words: Vec<&str> = head.split_whitespace().collect();
            if words.len() > 4
                || !words.iter().all(|w| {
                    w.chars()
                        .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
                })
            {
                continue;
            }
            let (from, to) = levels(cx, idx, ft);
            let way = if BY[1..6].contains(&cue) {
                Direction::Up
            } else {
                Direction::Down
            };
            self.judge(
                cx,
                Case {
                    d,
                    big: to,
                    small: from,
                    sign: if to.fig.value >= from.fig.value {
                        1
                    } else {
                        -1
                    },
                    way: Some(way),
                    what: "",
                },
                out,
            );
        }
    }

    /// "A, D more than B" and "A, D fewer than B".
    fn more_than(&self, cx: &Ctx<'_>, si: usize, out: &mut Vec<Diagnostic>) {
        let idx = &amounts(cx, si);
        for n in 1..idx.len().saturating_sub(1) {
            let (a, d, b) = (cx.qs[idx[n - 1]], cx.qs[idx[n]], cx.qs[idx[n + 1]]);
            if !level(a) || !level(d) || !level(b) || !same_kind(a, b) || !same_kind(a, d) {
                continue;
            }
            let gap = cx.norm_between(d, b).to_string();
            let Some(&(w, sign)) = MORE.iter().find(|(w, _)| {
                gap.strip_prefix(w)
                    .is_some_and(|r| r.is_empty() || (r.starts_with(' ') && base_words(r)))
            }) else {
                continue;
            };
            if !tied(cx.between(a, d), &[]) || a.approx || b.approx {
                continue;
            }
            let what = if sign > 0 { "more" } else { "fewer" };
            let _ = w;
            let (Some(big), Some(small)) = (Level::of(cx, a), Level::of(cx, b)) else {
                continue;
            };
            self.judge(
                cx,
                Case {
                    d,
                    big,
                    small,
                    sign,
                    way: None,
                    what,
                },
                out,
            );
        }
    }

    /// "A, D short of the X target" and "A, short of the X target by D".
    fn short_of(&self, cx: &Ctx<'_>, si: usize, out: &mut Vec<Diagnostic>) {
        let idx = &amounts(cx, si);
        const SHORT: &[&str] = &[
            "short of the",
            "short of its",
            "short of their",
            "short of a",
            "short of an",
            "shy of the",
            "shy of its",
            "shy of their",
        ];
        const AFTER: &[&str] = &["falling", "coming", "still", "or", "leaving it", "some"];
        let target_after = |x: &Quantity| {
            let w = cx.norm_after(x).first_words(1);
            TARGETS.contains(&w.trim_end_matches(|c: char| !c.is_alphabetic()))
        };
        for n in 1..idx.len().saturating_sub(1) {
            let (a, m, r) = (cx.qs[idx[n - 1]], cx.qs[idx[n]], cx.qs[idx[n + 1]]);
            if !level(a) || !level(m) || !level(r) || !same_kind(a, m) || !same_kind(a, r) {
                continue;
            }
            // "A, D short of the X target": m is D, r the target.
            let gap = cx.norm_between(m, r);
            let (Some(la), Some(lm), Some(lr)) =
                (Level::of(cx, a), Level::of(cx, m), Level::of(cx, r))
            else {
                continue;
            };
            if gap.is_any(SHORT) && target_after(r) && tied(cx.between(a, m), AFTER) {
                self.judge(
                    cx,
                    Case {
                        d: m,
                        big: lr,
                        small: la,
                        sign: 1,
                        way: None,
                        what: "short",
                    },
                    out,
                );
                continue;
            }
            // "A, short of the X target by D": m is the target, r is D.
            let lead = cx.norm_between(a, m).to_string();
            let Some(head) = SHORT.iter().find_map(|s| lead.strip_suffix(s)) else {
                continue;
            };
            let tail = cx.norm_between(m, r).to_string();
            let by_target = TARGETS.iter().any(|t| tail == format!("{t} by"));
            let head = head.trim_end();
            let head_ok = tied(&format!("{head} "), &["falling", "coming", "still", "but"])
                || tied(&format!("{head}, "), &[]);
            if by_target && head_ok {
                self.judge(
                    cx,
                    Case {
                        d: r,
                        big: lm,
                        small: la,
                        sign: 1,
                        way: None,
                        what: "short",
                    },
                    out,
                );
            }
        }
    }
}

/// The change's two levels: its quantities, or the ends of a range "from 8,000 to 9,200"
/// (read at their own written precision).
fn levels(cx: &Ctx<'_>, idx: &[usize], ft: &FromTo) -> (Level, Level) {
    let of = |s: Span, st: Stated| {
        idx.iter()
            .map(|&k| cx.qs[k])
            .find(|q| q.span == s)
            .and_then(|q| Level::of(cx, q))
            .unwrap_or_else(|| {
                let text = cx.text(s);
                Level {
                    span: s,
                    fig: st.fig,
                    half: super::util::half_step(&text, st.fig),
                    digits: super::util::written_digits(&text, st.fig),
                }
            })
    };
    (of(ft.from_span, ft.from), of(ft.to_span, ft.to))
}

/// The figures of a sentence without its dates and times: "4,120 claims by Thursday, 580
/// fewer than the 4,700" compares the counts around the day.
fn amounts(cx: &Ctx<'_>, si: usize) -> Vec<usize> {
    cx.in_sentence(si)
        .iter()
        .copied()
        .filter(|&k| !matches!(cx.qs[k].dimension, Dimension::Date | Dimension::Time))
        .collect()
}

/// The way a verb right before "by" gives: "grew by", "fell by".
fn verb_way(before: &str) -> Option<Direction> {
    let w = before.trim_end().strip_suffix("by")?.trim_end();
    let last = w.rsplit(' ').next().unwrap_or("");
    const UP: &[&str] = &[
        "rose",
        "risen",
        "grew",
        "grown",
        "climbed",
        "increased",
        "jumped",
        "gained",
        "swelled",
        "expanded",
        "up",
    ];
    const DOWN: &[&str] = &[
        "fell",
        "fallen",
        "dropped",
        "declined",
        "decreased",
        "shrank",
        "slipped",
        "dipped",
        "down",
        "contracted",
    ];
    if UP.contains(&last) {
        Some(Direction::Up)
    } else if DOWN.contains(&last) {
        Some(Direction::Down)
    } else {
        None
    }
}

impl Rule for Difference {
    fn meta(&self) -> &'static RuleMeta {
        &DIFFERENCE
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for si in 0..cx.by_sentence.len() {
            self.by_change(cx, si, out);
            self.change_then_difference(cx, si, out);
            self.more_than(cx, si, out);
            self.short_of(cx, si, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_codes as codes;

    #[test]
    fn a_difference_named_after_its_change_is_judged() {
        let ok = "Members rose to 8,450 from 7,900 a year earlier, a gain of 550.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        assert_eq!(
            codes("Members rose to 8,450 from 7,900 a year earlier, a gain of 650."),
            ["difference"]
        );
        assert_eq!(
            codes("Members fell to 7,900 from 8,450, an increase of 550."),
            ["difference"]
        );
    }

    #[test]
    fn a_difference_is_judged_against_both_levels() {
        for bad in [
            "Enrolment grew by 1,400 to 9,200 from 8,000.",
            "Enrolment grew by 1,400, from 8,000 to 9,200.",
            "The ferry line carried 4,300 cars, 800 more than last year's 3,700.",
            "Insurers had 4,120 claims by Thursday, 680 fewer than the 4,700 filed in 2015.",
            "The club sold 27,650 season tickets for the coming season, 1,950 more than last \
             season's 25,800.",
            "The builder finished 1,640 homes, 460 short of its 2,000 target.",
            "The builder finished 1,640 homes, short of its 2,000 target by 460.",
            "The herd shrank by 90 head, to 410 from 480.",
        ] {
            assert_eq!(codes(bad), ["difference"], "{bad}");
        }
        for ok in [
            "Enrolment grew by 1,200 to 9,200 from 8,000.",
            "Revenue rose by $170 million to $3.32 billion from $3.15 billion.",
            "The ferry line carried 4,300 cars, 600 more than last year's 3,700.",
            "The ferry line carried 3,100 cars, 600 fewer than the 3,700 of last year.",
            "The builder finished 1,640 homes, 360 short of its 2,000 target.",
            "The builder finished 1,640 homes, short of its 2,000 target by 360.",
            "Output fell by 300 to 2,300.",
            "The herd shrank by 70 head, to 410 from 480.",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
        assert!(base_words("last year's"));
        assert!(!base_words("were sold in"));
        assert!(tied(" cars, ", &[]));
        assert!(!tied(" cars and then ", &[]));
    }

    #[test]
    fn a_direction_word_must_agree_with_the_levels() {
        assert_eq!(
            codes("Output fell by 300 to 2,900 from 2,600."),
            ["difference"]
        );
        assert!(codes("Output rose by 300 to 2,900 from 2,600.").is_empty());
    }
}
