//! The `conversion` rule.

use super::util::{Stated, agrees, convert, expected_precision, fmt_at, fmt_exact, with_unit};
use super::{Ctx, Rule, norm};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::{Bound, Dimension, Quantity};
use crate::registry::RuleMeta;

declare_rule! {
    pub static CONVERSION = {
        code: "conversion",
        kind: Check,
        severity: Error,
        summary: "A figure restated in another unit must be the same amount.",
        what: "Two measurements of one dimension (temperature, length, mass, area, volume,
speed) written side by side in different units — `X (Y)`, `X, or Y`, `X, or about Y`, `X / Y` —
are converted exactly (unit factors and offsets from `grammar/units.toml`) in both directions.
The pair passes when either figure is the other converted and rounded to the precision written
(never fewer than two significant figures unless the source had fewer digits; hedged figures
are widened, see `docs/tolerance.md`). Ranges are checked end by end, and so are lists whose
unit is written once at the end (`40 and 120 km (25 and 75 miles)`, `550, 590 and 630 km (342,
367 and 391 miles)`). A miss that only
truncates the last written digit (`80 km (49 miles)`, 49.71) is a warning; a wrong sign or
leading digit an error. A restatement that is right at its own written precision but coarser
than its source (`12 km (7 miles)`, 7.46; `100 km (60 miles)`, 62.14) is ordinary newsroom
rounding and at most a note. A change said in words (`warmed by 3 °C`, `a drop of 8 °C`)
restated as the level its source converts to (`37.4 °F`, 32 added) is a warning that names the
difference (5.4 °F); and a measure restated alone in brackets as another kind of measure (`120
km/h (30 miles per gallon)`, a length as an area) is a warning. Mass and volume may restate
each other (`30 tonnes (30,000 litres) of milk`).",
        why: "Conversions are done by hand under deadline; a slipped sign or a wrong
factor (°C differences converted as temperatures, miles for kilometres) is common and easy to
miss, and readers in the other unit get a wrong picture.",
        fires: "`It was −10 °C (50 °F) at dawn.` (−10 °C is 14 °F) and `40 km (35 miles)`
(40 km is 24.85 mi); `warmed by 3 °C (37.4 °F)` (a change of 3 °C is 5.4 °F); `a top speed
of 120 km/h (30 miles per gallon)`.",
        silent: "`−30 °C (−22 °F)`, `86 F (30 C)`, `12 km (7 miles)` (a note at most), `2,000 kg (4,400 lb)`, `a 250-pound
(113-kilogram) bomb`, `100 km, or about 60 miles`.",
        not_checked: "A restatement away from its figure, in another sentence or clause: `The road is 100 km
long. In miles, that is 80.` is not read as a conversion (80 miles is not 100 km).",
    };
}

/// The `conversion` rule; its documentation is [`CONVERSION`].
pub struct Conversion;

/// Dimensions whose units convert exactly.
const CONVERTIBLE: &[Dimension] = &[
    Dimension::Temperature,
    Dimension::Length,
    Dimension::Mass,
    Dimension::Area,
    Dimension::Volume,
    Dimension::Speed,
];

/// What may stand between a figure and its restatement.
fn linked(gap: &str) -> bool {
    let g: String = gap
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    matches!(
        g.as_str(),
        "(" | ", or" | "or" | "/" | "—" | "–" | "[" | ", or (" | "(or" | "(or about" | "— or"
    )
}

/// The stated ends of a quantity: one for a single figure or bound, two for a range.
fn ends(cx: &Ctx<'_>, q: &Quantity) -> Vec<Stated> {
    let f = cx.facts(q);
    if q.bound == Bound::Range {
        let Some([a, b]) = f.ends else {
            return Vec::new();
        };
        let sign = |v: rust_decimal::Decimal, lo: Option<rust_decimal::Decimal>| {
            // The ends are read without signs: take them from the interval.
            match lo {
                Some(l) if l.is_sign_negative() && v == l.abs() => l,
                _ => v,
            }
        };
        let (mut a, mut b) = (a.fig, b.fig);
        a.value = sign(a.value, q.low);
        b.value = sign(b.value, q.high);
        return vec![
            Stated {
                fig: a,
                approx: q.approx,
            },
            Stated {
                fig: b,
                approx: q.approx,
            },
        ];
    }
    f.stated.into_iter().collect()
}

impl Rule for Conversion {
    fn meta(&self) -> &'static RuleMeta {
        &CONVERSION
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for w in 0..cx.qs.len().saturating_sub(1) {
            let (a, b) = (&cx.qs[w], &cx.qs[w + 1]);
            if a.sentence == b.sentence && a.dimension != b.dimension {
                out.extend(self.other_kind(cx, a, b));
                continue;
            }
            if a.sentence != b.sentence
                || a.dimension != b.dimension
                || !CONVERTIBLE.contains(&a.dimension)
            {
                continue;
            }
            let (Some(ua), Some(ub)) = (a.unit.as_deref(), b.unit.as_deref()) else {
                continue;
            };
            if ua == ub || ua == "°" || ub == "°" || !linked(cx.between(a, b)) {
                continue;
            }
            // "30 and 95 km (19 and 59 miles)": a list converted member by member, below, not
            // its last member against the other list's first.
            if b.shared_unit {
                continue;
            }
            // "5 feet 10 inches (1.78 m)": a compound measure before the pair is not checked.
            if w > 0 {
                let p = &cx.qs[w - 1];
                if p.dimension == a.dimension
                    && !p.shared_unit
                    && p.sentence == a.sentence
                    && cx.between(p, a).trim().len() <= 4
                {
                    continue;
                }
            }
            if let Some(n) = cx.qs.get(w + 2)
                && n.dimension == b.dimension
                && n.sentence == b.sentence
                && cx.between(b, n).trim().is_empty()
            {
                continue;
            }
            let (ea, eb) = (ends(cx, a), ends(cx, b));
            if ea.is_empty() || ea.len() != eb.len() {
                continue;
            }
            // One finding per pair, the most serious of its ends ("12 to 15 km (7 to 12
            // miles)": the coarse 7 is a note, the wrong 12 an error).
            let worst = ea
                .iter()
                .zip(&eb)
                .filter_map(|(sa, sb)| self.pair(cx, a, b, *sa, *sb, ua, ub))
                .reduce(|x, y| if y.severity > x.severity { y } else { x });
            out.extend(worst);
        }
        self.shared_units(cx, out);
    }
}

/// Whether a figure is a bare number that shares the unit of a list's last figure: a member
/// the grammar gave that unit ("550" in "550, 590 and 630 km"), or a count with no unit and no
/// noun of its own right after it ("40 and 120 km").
fn bare(q: &Quantity) -> bool {
    (q.shared_unit && q.bound == Bound::Exact)
        || q.dimension == Dimension::Count
            && q.unit.is_none()
            && !q.adjectival
            && q.bound == Bound::Exact
            && !q
                .noun_span
                .is_some_and(|s| s.start >= q.span.end && s.start <= q.span.end + 2)
}

/// The list of figures ending at `last` (inclusive) whose earlier members are bare numbers
/// joined by `and` or commas: "40 and 120 km", "550, 590 and 630 km".
fn list_ending_at(cx: &Ctx<'_>, last: usize) -> Vec<usize> {
    let mut list = vec![last];
    let mut k = last;
    while k > 0 {
        let (p, q) = (cx.qs[k - 1], cx.qs[k]);
        if p.sentence != q.sentence
            || !bare(p)
            || !cx.norm_between(p, q).is_any(&["and", ",", ", and"])
        {
            break;
        }
        list.push(k - 1);
        k -= 1;
    }
    list.reverse();
    list
}

impl Conversion {
    /// "40 and 120 km (25 and 75 miles)", "550, 590 and 630 km (342, 367 and 391 miles)": two
    /// lists of one length whose unit is written once, at the end, converted member by member.
    fn shared_units(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for w in 0..cx.qs.len().saturating_sub(1) {
            let (a, b) = (cx.qs[w], cx.qs[w + 1]);
            if a.sentence != b.sentence
                || !CONVERTIBLE.contains(&a.dimension)
                || a.bound != Bound::Exact
                || !bare(b)
                || !matches!(norm(cx.between(a, b)).as_str(), "(" | ", or" | "[")
            {
                continue;
            }
            let Some(ua) = a.unit.as_deref() else {
                continue;
            };
            let left = list_ending_at(cx, w);
            if left.len() < 2 {
                continue;
            }
            // The right list: bare numbers, then the figure with the other unit.
            let mut right = vec![w + 1];
            let mut k = w + 1;
            while let Some(n) = cx.qs.get(k + 1) {
                let q = cx.qs[k];
                if n.sentence != q.sentence || !cx.norm_between(q, n).is_any(&["and", ",", ", and"])
                {
                    break;
                }
                right.push(k + 1);
                k += 1;
                if !bare(n) {
                    break;
                }
            }
            let end = cx.qs[*right.last().unwrap_or(&w)];
            if right.len() != left.len()
                || end.dimension != a.dimension
                || end.bound != Bound::Exact
                || right[..right.len() - 1].iter().any(|&i| !bare(cx.qs[i]))
            {
                continue;
            }
            let Some(ub) = end.unit.as_deref() else {
                continue;
            };
            if ua == ub || ua == "°" || ub == "°" {
                continue;
            }
            let worst = left
                .iter()
                .zip(&right)
                .filter_map(|(&i, &j)| {
                    let (x, y) = (cx.qs[i], cx.qs[j]);
                    let (fx, fy) = (x.point()?, y.point()?);
                    let sx = Stated {
                        fig: fx,
                        approx: x.approx,
                    };
                    let sy = Stated {
                        fig: fy,
                        approx: y.approx,
                    };
                    self.pair(cx, x, y, sx, sy, ua, ub)
                })
                .reduce(|x, y| if y.severity > x.severity { y } else { x });
            out.extend(worst);
        }
    }
}

/// The kind of measure a figure is, for the restatement check: the convertible dimensions and
/// fuel economy (a rate with a unit of its own).
fn kind_of(q: &Quantity) -> Option<&'static str> {
    Some(match q.dimension {
        Dimension::Temperature => "a temperature",
        Dimension::Length => "a length",
        Dimension::Mass => "a mass",
        Dimension::Area => "an area",
        Dimension::Volume => "a volume",
        Dimension::Speed => "a speed",
        Dimension::Rate if matches!(q.unit.as_deref(), Some("mpg" | "km/L" | "L/100 km")) => {
            "a fuel economy"
        }
        _ => return None,
    })
}

impl Conversion {
    /// "a top speed of 120 km/h (30 miles per gallon)": a measure restated, alone in
    /// brackets right after it, as another kind of measure. Mass and volume stay silent (a
    /// litre of water is a kilogram: "2 tonnes (2,000 litres) of water" is said on purpose).
    fn other_kind(&self, cx: &Ctx<'_>, a: &Quantity, b: &Quantity) -> Option<Diagnostic> {
        let (ka, kb) = (kind_of(a)?, kind_of(b)?);
        let pair = [a.dimension, b.dimension];
        if pair.contains(&Dimension::Mass) && pair.contains(&Dimension::Volume) {
            return None;
        }
        if cx.between(a, b).trim() != "(" || !cx.after(b).starts_with(')') {
            return None;
        }
        let (ta, tb) = (cx.text(a.span), cx.text(b.span));
        let mut d = cx
            .diag(
                self,
                b.span,
                format!("{ta} is {ka}, but its restatement {tb} is {kb}: not the same measure"),
            )
            .with_help(format!(
                "restate {ta} in another unit of {ka}, or move {tb} out of the brackets"
            ));
        d.severity = crate::Severity::Warning;
        Some(cx.related(d, a.span, format!("{ka}, {ta}")))
    }

    #[allow(clippy::too_many_arguments)]
    fn pair(
        &self,
        cx: &Ctx<'_>,
        a: &Quantity,
        b: &Quantity,
        sa: Stated,
        sb: Stated,
        ua: &str,
        ub: &str,
    ) -> Option<Diagnostic> {
        let widen = cx.opts.tolerance.hedge_widen;
        let fwd = convert(&cx.opts.grammar, sa.fig.value, ua, ub)?;
        let back = convert(&cx.opts.grammar, sb.fig.value, ub, ua)?;
        let floor_a = cx.facts(a).digits(sa.fig).min(2);
        let floor_b = cx.facts(b).digits(sb.fig).min(2);
        let zero = rust_decimal::Decimal::ZERO;
        let slack = convert(
            &cx.opts.grammar,
            sa.fig.precision / rust_decimal::Decimal::TWO,
            ua,
            ub,
        )
        .zip(convert(&cx.opts.grammar, zero, ua, ub))
        .map_or(zero, |(h, z)| (h - z).abs());
        // "risen by 2.4 °C (4.3 °F)", "9 °C (16 °F) above the average": a temperature
        // difference converts by the factor alone; when the copy says it is a difference and
        // the pair agrees as one, it is correct.
        let difference = if a.dimension == Dimension::Temperature {
            is_difference(cx, a, b)
        } else {
            Difference::No
        };
        let as_difference = if difference == Difference::No {
            None
        } else {
            let dfwd = fwd.checked_sub(convert(&cx.opts.grammar, zero, ua, ub)?)?;
            let dback = back.checked_sub(convert(&cx.opts.grammar, zero, ub, ua)?)?;
            Some((dfwd, dback))
        };
        // The figure the pair is judged against: a change said in words converts as one.
        let judged = match (difference, as_difference) {
            (Difference::Stated, Some((dfwd, _))) => dfwd,
            _ => fwd,
        };
        cx.verified_with_slack(self, b.span, &[a.span], Some(judged), slack);
        let as_difference = match as_difference {
            Some((dfwd, dback)) => {
                if agrees(dfwd, dfwd, sb, floor_a, widen)
                    || agrees(dback, dback, sa, floor_b, widen)
                {
                    return None;
                }
                Some(dfwd)
            }
            None => None,
        };
        if agrees(fwd, fwd, sb, floor_a, widen) || agrees(back, back, sa, floor_b, widen) {
            // "warmed by 3 °C (37.4 °F)": a change said in words, restated as the level that
            // the source converts to. The classic slip of converting a difference with the
            // offset; only where the copy says plainly it is a change ("by", "a rise of").
            let (Difference::Stated, Some(dfwd)) = (difference, as_difference) else {
                return None;
            };
            let p = expected_precision(dfwd, sb, floor_a);
            let src = with_unit(sa.fig.value, &super::util::fmt_num(sa.fig.value), Some(ua));
            let said = with_unit(sb.fig.value, &super::util::fmt_num(sb.fig.value), Some(ub));
            let exact = with_unit(dfwd, &fmt_exact(dfwd, p), Some(ub));
            let fix = with_unit(dfwd, &fmt_at(dfwd, p), Some(ub));
            let mut d = cx
                .diag(
                    self,
                    b.span,
                    format!(
                        "a change of {src} is a change of {exact}; the text's {said} is {src} \
                         converted as a temperature, not as a difference"
                    ),
                )
                .with_help(format!(
                    "a temperature difference converts by the factor alone (1 °C of change is \
                     1.8 °F, with no 32 added): write {fix}"
                ));
            d.severity = crate::Severity::Warning;
            return Some(cx.related(d, a.span, format!("the change, {src}")));
        }
        // "12 km (7 miles)", "100 km (60 miles)": right at the precision the restatement is
        // written with, only coarser than its source's digits. Usual newsroom rounding, so a
        // note, never a warning (`docs/tolerance.md`, section 2).
        let coarse = agrees(fwd, fwd, sb, 1, widen);
        let p = expected_precision(fwd, sb, floor_a);
        let src = with_unit(sa.fig.value, &super::util::fmt_num(sa.fig.value), Some(ua));
        let exact = with_unit(fwd, &fmt_exact(fwd, p), Some(ub));
        let said = with_unit(sb.fig.value, &super::util::fmt_num(sb.fig.value), Some(ub));
        let hedge = if sb.approx { "about " } else { "" };
        let fix = with_unit(fwd, &fmt_at(fwd, p), Some(ub));
        let message = if coarse {
            format!(
                "{src} is {exact}; the text's {hedge}{said} is rounded more coarsely than {src}"
            )
        } else {
            format!("{src} is {exact}; the text says {hedge}{said}")
        };
        let mut d = cx
            .diag(self, b.span, message)
            .with_help(format!("write {fix}, or correct {src}"));
        // A last-digit truncation ("80 km (49 miles)", 49.7) is less serious than a wrong sign
        // or leading digit (`docs/tolerance.md`, section 7).
        d.severity = if coarse {
            crate::Severity::Note
        } else {
            crate::precision::miss_severity(fwd, sb, p, d.severity)
        };
        Some(cx.related(d, a.span, format!("converted from {src}")))
    }
}

/// Whether a temperature pair is written as a difference: `by` before it (`rose by`, past a
/// hedge), `of` after a change noun (`a drop of`, `a rise of`), or a comparison after it
/// (`above`, `below`, `warmer`, `cooler`, `higher`, `lower`, `hotter`, `colder`). `a high of`
/// and `temperatures of` are levels.
fn is_difference(cx: &Ctx<'_>, a: &Quantity, b: &Quantity) -> Difference {
    const HEDGES: &[&str] = &[
        "some",
        "about",
        "around",
        "roughly",
        "nearly",
        "almost",
        "approximately",
        "than",
        "more",
        "less",
        "up",
        "to",
        "over",
        "just",
        "under",
        "an",
        "a",
    ];
    const CHANGES: &[&str] = &[
        "rise",
        "increase",
        "drop",
        "fall",
        "decline",
        "jump",
        "difference",
        "gap",
        "swing",
        "warming",
        "cooling",
        "change",
        "anomaly",
        "plunge",
    ];
    let before = cx.before(a).to_lowercase();
    let mut words = before
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .rev()
        .filter(|w| !HEDGES.contains(w));
    let w1 = words.next();
    let w2 = words.next();
    let after = cx.after(b).to_lowercase();
    let word_after = after
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty());
    if w1 == Some("by") || (w1 == Some("of") && w2.is_some_and(|w| CHANGES.contains(&w))) {
        Difference::Stated
    } else if matches!(
        word_after,
        Some("above" | "below" | "warmer" | "cooler" | "colder" | "hotter" | "higher" | "lower")
    ) {
        // "2 °C (36 °F) above freezing" is a level as well: the comparison allows both readings.
        Difference::Either
    } else {
        Difference::No
    }
}

/// How plainly a temperature pair is written as a difference.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Difference {
    /// A level.
    No,
    /// A difference or a level: "9 °C (16 °F) above the average", "2 °C (36 °F) above freezing".
    Either,
    /// A change said in words: "risen by", "a drop of".
    Stated,
}

#[cfg(test)]
mod tests {
    use crate::check::test_codes as codes;
    use crate::source::{Document, Format};

    #[test]
    fn lists_with_one_unit_convert_member_by_member() {
        let ok = "The depots lie 30 and 95 km (19 and 59 miles) from the port.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        let bad = "The depots lie 30 and 95 km (19 and 69 miles) from the port.";
        assert_eq!(codes(bad), ["conversion"]);
        let bad = "Masts of 12, 18 and 24 m (39, 95 and 79 feet) were raised.";
        assert_eq!(codes(bad), ["conversion"]);
    }

    #[test]
    fn a_temperature_difference_converts_by_the_factor_alone() {
        for ok in [
            "Summers have warmed by 2.4 °C (4.3 °F) since 1950.",
            "The night was about 9 °C (16 °F) above the July average.",
            "Highs fall to 26 °C (79 °F), a drop of some 15 °C (27 °F) from the peak.",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
        // A level is converted with the offset, whatever word comes before it.
        for bad in [
            "It reached a high of 30 °C (54 °F) on Monday.",
            "It was 10 °C (18 °F) at dawn.",
        ] {
            assert_eq!(codes(bad), ["conversion"], "{bad}");
        }
    }

    #[test]
    fn a_change_restated_as_a_level_fires() {
        for bad in [
            "The region warmed by 3 °C (37.4 °F) over the century.",
            "Forecasters expect a drop of 8 °C (46.4 °F) by Friday.",
        ] {
            assert_eq!(codes(bad), ["conversion"], "{bad}");
            assert_eq!(severities(bad), [crate::Severity::Warning], "{bad}");
        }
        // The same pair as a level, or beside a comparison that reads as a level too.
        for ok in [
            "The cellar is kept at 3 °C (37.4 °F) all year.",
            "Overnight it stayed 2 °C (35.6 °F) above freezing.",
            "Oceans have warmed by 0.9 °C (1.6 °F) since 1900.",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
    }

    #[test]
    fn a_restatement_in_another_kind_of_measure_fires() {
        for bad in [
            "The hatchback reaches 180 km/h (35 miles per gallon) on the autobahn.",
            "The reservoir covers 14 km (9 square miles) of the valley.",
        ] {
            assert_eq!(codes(bad), ["conversion"], "{bad}");
        }
        for ok in [
            "The tanker carried 30 tonnes (30,000 litres) of milk.",
            "The ferry covers 40 km (two hours) each way.",
            "The hatchback reaches 180 km/h (112 mph) and returns 6 L/100 km (39 mpg).",
            "The track is 5 km long (with 120 km/h corners).",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
    }

    fn severities(text: &str) -> Vec<crate::Severity> {
        let doc = Document::from_text("t.md", text.to_string(), Format::Markdown).unwrap();
        let qs = crate::grammar::extract(&doc);
        crate::check::check(&doc, &qs, &crate::check::CheckOptions::default())
            .into_iter()
            .map(|d| d.severity)
            .collect()
    }

    #[test]
    fn severity_follows_the_size_of_the_miss() {
        use crate::Severity::{Error, Note, Warning};
        // Truncated in the last written digit: a warning.
        for (text, sev) in [
            (
                "The storm passed 80 kilometres (49 miles) from the coast.",
                Warning,
            ),
            (
                "The pipeline stretches 93 kilometres (57 miles) to the port.",
                Warning,
            ),
            // A wrong sign or leading digit, or a whole step off: an error.
            ("It was −40 °C (−30 °F) at the pass.", Error),
            ("The ridge was −12 °C (12 °F) at noon.", Error),
            // Right at its own precision, only coarser than its source: a note.
            ("The dam is 100 km (60 miles) upstream.", Note),
            ("The lake is 12 km (7 miles) long.", Note),
            ("The dam is 80 km (48 miles) upstream.", Error),
        ] {
            assert_eq!(severities(text), [sev], "{text}");
        }
    }
}
