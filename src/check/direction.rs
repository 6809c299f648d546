//! The `direction` rule.

use super::util::{fmt_num, with_unit};
use super::{Ctx, Rule, has_word};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::{Dimension, Direction, Quantity};
use crate::registry::RuleMeta;

declare_rule! {
    pub static DIRECTION = {
        code: "direction",
        kind: Check,
        severity: Error,
        summary: "A change's direction word must agree with its from–to figures.",
        what: "A change written `from X to Y` (or `to Y from X`, or the range `from X to Y`)
whose own figure carries a direction word right before it (`climbed from`, `fell to`, `rose
to ... from`; the words of `grammar/roles.toml`'s `[direction]` table): a word of rising with Y
below X, or a word of falling with Y above X. When a percentage or points figure in the
sentence states the change (`rose 5% from 200 to 190`), the `percent-change` rule judges it
instead. Negative figures and rankings (`rose from 40 to 12 in the world rankings`, `place`,
`position`, `seed`, `table`, `chart`), where a smaller number is the higher one, are left
alone.",
        why: "A direction word that contradicts its own figures means one of them is
wrong — usually the figures swapped, or a later figure typed over an earlier one — and the
reader cannot tell which.",
        fires: "`Support for the measure climbed from 35 percent to 28 percent.` and `The
jobless rate rose to 4.1%, from 4.4% in May.`",
        silent: "`Unemployment fell to 5.9 percent, from 6.1.`; `She rose from 40 to 12 in the
world rankings.`; `Temperatures rose from −5 °C to −2 °C.`",
        not_checked: "A direction word away from the figures (`Prices, which had risen for a
year, went from $4.10 to $3.90`), or a level and its base written `Y, up from X` without `to`
(the `percent-change` rule reads those when a change is stated).",
    };
}

/// The `direction` rule; its documentation is [`DIRECTION`].
pub struct DirectionRule;

/// Words that make a smaller figure the higher one.
const RANKS: &[&str] = &[
    "rank",
    "ranks",
    "ranked",
    "ranking",
    "rankings",
    "place",
    "places",
    "position",
    "positions",
    "spot",
    "seed",
    "seeded",
    "standings",
    "table",
    "chart",
    "charts",
    "leaderboard",
    "handicap",
];

impl Rule for DirectionRule {
    fn meta(&self) -> &'static RuleMeta {
        &DIRECTION
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for si in 0..cx.by_sentence.len() {
            let changes = cx.from_to(si);
            if changes.is_empty() {
                continue;
            }
            let idx = cx.in_sentence(si);
            let mine = |q: &Quantity, ft: &super::FromTo| {
                q.span.start <= ft.from_span.start && q.span.end >= ft.from_span.end
                    || q.span.start <= ft.to_span.start && q.span.end >= ft.to_span.end
            };
            for ft in changes {
                let own: Vec<&Quantity> = idx
                    .iter()
                    .map(|&k| cx.qs[k])
                    .filter(|q| mine(q, ft))
                    .collect();
                let start = ft.from_span.start.min(ft.to_span.start);
                let end = ft.from_span.end.max(ft.to_span.end);
                // The percent-change rule's: a percentage or points figure states the change,
                // with a direction of its own ("rose 5%") or beside the change ("rose 12
                // percent, from 1,850 to 2,072"; ", a drop of 4 percent").
                let stated = idx.iter().map(|&k| cx.qs[k]).any(|q| {
                    !mine(q, ft)
                        && matches!(
                            q.dimension,
                            Dimension::Percent | Dimension::PercentagePoints
                        )
                        && (q.direction.is_some()
                            || q.span.end <= start && start - q.span.end < 40
                            || q.span.start >= end && q.span.start - end < 40)
                });
                if stated {
                    continue;
                }
                let ways: Vec<Direction> = own.iter().filter_map(|q| q.direction).collect();
                let way = match ways.as_slice() {
                    [w] => *w,
                    [a, b] if a == b => *a,
                    _ => continue,
                };
                let (x, y) = (ft.from.fig.value, ft.to.fig.value);
                let negative = x.is_sign_negative()
                    || y.is_sign_negative()
                    || own
                        .iter()
                        .any(|q| q.low.is_some_and(|l| l.is_sign_negative()));
                let wrong = match way {
                    Direction::Up => y < x,
                    Direction::Down => y > x,
                };
                if !wrong || negative {
                    continue;
                }
                // "slipped from 3 to 9 in the world rankings": a rank word near the change.
                let near = |from: usize, to: usize| cx.doc.prose_of(from, to).to_lowercase();
                let prose = cx.doc.prose.as_str();
                let from = start.saturating_sub(48).min(prose.len());
                let window = format!(
                    "{} {}",
                    near(crate::source::floor_char_boundary(prose, from), start),
                    near(end, crate::source::ceil_char_boundary(prose, end + 48))
                );
                if RANKS.iter().any(|w| has_word(&window, w)) {
                    continue;
                }
                let unit = cx.qs[ft.unit_index].unit.as_deref();
                let xs = with_unit(x, &fmt_num(x), unit);
                let ys = with_unit(y, &fmt_num(y), unit);
                let (said, is) = match way {
                    Direction::Up => ("a rise", "a fall"),
                    Direction::Down => ("a fall", "a rise"),
                };
                let d = cx
                    .diag(
                        self,
                        ft.to_span,
                        format!("the text gives {said}, but from {xs} to {ys} is {is}"),
                    )
                    .with_help("correct the direction word, or swap or correct the figures");
                out.push(cx.related(d, ft.from_span, format!("from {xs}")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::test_codes as codes;

    #[test]
    fn a_direction_word_against_its_figures_fires() {
        for bad in [
            "Membership of the choir climbed from 64 to 46 over the decade.",
            "The average bus fare fell to $3.40 from $2.90 after the subsidy.",
            "Mortgage approvals rose to 41,200 from 47,800 a month earlier.",
        ] {
            assert_eq!(codes(bad), ["direction"], "{bad}");
        }
    }

    #[test]
    fn agreeing_words_ranks_and_stated_changes_stay_silent() {
        // "the number of" is not a rank.
        assert_eq!(
            codes("The number of ferry crossings fell from 310 to 355 in the summer."),
            ["direction"]
        );
        for ok in [
            "Membership of the choir climbed from 46 to 64 over the decade.",
            "The average bus fare fell to $2.90 from $3.40 after the subsidy.",
            "The striker rose from 40 to 12 in the world rankings.",
            "Overnight lows rose from −9 °C to −4 °C.",
            // The stated change is percent-change's to judge.
            "Approvals rose 16% to 41,200 from 47,800.",
        ] {
            assert!(
                !codes(ok).contains(&"direction".to_string()),
                "{ok}: {:?}",
                codes(ok)
            );
        }
    }
}
