//! The `multiple` rule.

use super::cues::{may_end_with, may_start_with};
use super::util::{Stated, agrees, expected_precision, fmt_at, fmt_exact, fmt_num, with_unit};
use super::{Ctx, Rule, find_word, is_amount, norm};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::Quantity;
use crate::registry::RuleMeta;
use rust_decimal::Decimal;

declare_rule! {
    pub static MULTIPLE = {
        code: "multiple",
        kind: Check,
        severity: Warning,
        summary: "A stated multiple (doubled, tripled, halved, fivefold, three times as many, twice as many) must match its figures.",
        what: "`doubled`, `tripled`, `quadrupled`, `halved` or a multiple in `-fold`
(`fivefold`, `a 3-fold rise`, `2.5-fold`) followed by `from X to Y` in the same phrase (at most
four words of its own between: `tripled in a decade, from`): Y must be X times the multiple,
rounded to Y's written precision. `A ... N times as many as B` (or `N times as much as`, `N times
more than`, which is read as N or N + 1 times): A must be N × B. `A, twice as many as B` (also
`twice as much as`, `twice the`, `double the`, `triple the`, `quadruple the`, `half as many
as`), with A the figure right before the cue: A must be 2 × B (or B / 2); hedged (`more than
triple the 2.9 million`, `nearly double the 410`), the ratio A / B within the rounding of both
must exceed the multiple after `more than`/`over`, must not exceed it and must reach four
fifths of it after `nearly`/`almost`, and must be within a fifth of it after `about`/`roughly`. A multiple is a rounded ratio: the figures agree when their ratio is within
10 % of the multiple (`1,204 patients, three times as many as the clinic's 400` is 3.01 times
and correct), or when the derived figure matches at the written precision and hedges. Hedged
verbs (`more than doubled`, `nearly tripled`, `roughly doubled`) are
left alone.",
        why: "Multiples are how readers grasp scale; a `tripled` that is really a
doubling overstates the news.",
        fires: "`Output tripled from 40 to 80.`; `The city has 300 shelters, three times as many as
the 150 it had in 2020.`; `Solar capacity grew sevenfold, from 40 megawatts to 190 megawatts.`;
`The shelter housed 930 dogs, twice as many as the 615 it took in last year.`",
        silent: "`Output doubled from 40 to 80.`; `Costs halved from $10 million to $5 million.`;
`Output more than doubled from 40 to 95.`; `1,204 patients, three times as many as the
400 it saw`.",
        not_checked: "Hedged multiples, whose figures may be anything above or below the multiple:
`Output more than doubled from 40 to 300.` is left alone; `N times` with a from–to, where
`times` may count occasions (`prices rose five times, from $2 to $3`); a multiple whose figures
are in another sentence.",
    };
}

/// The `multiple` rule; its documentation is [`MULTIPLE`].
pub struct Multiple;

const VERBS: &[(&str, i64, i64)] = &[
    ("doubled", 2, 1),
    ("tripled", 3, 1),
    ("trebled", 3, 1),
    ("quadrupled", 4, 1),
    ("halved", 1, 2),
];

/// How far a ratio may stray from the multiple that names it, as a share of the multiple:
/// "doubled" and "three times as many" are rounded ratios, and a reporter writes them for a
/// ratio close to the multiple (2.03, 3.01), so only a ratio further off than this is a
/// finding (a ratio of 4 called "three times", 2 called "tripled").
const RATIO_SLACK: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

/// Whether `value / base` is within [`RATIO_SLACK`] of `multiple`.
fn ratio_near(value: Decimal, base: Decimal, multiple: Decimal) -> bool {
    if base.is_zero() || multiple.is_zero() {
        return false;
    }
    let Some(ratio) = value.checked_div(base) else {
        return false;
    };
    (ratio - multiple).abs() <= multiple.abs() * RATIO_SLACK
}

/// The number words a multiple in "-fold" is written with ("fivefold", "ten-fold").
const FOLD_WORDS: &[(&str, i64)] = &[
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("twelve", 12),
    ("twenty", 20),
    ("hundred", 100),
];

/// The last multiple written with "-fold" in `lb` (lower case): "a fivefold increase", "grew
/// 3-fold", "a 2.5-fold rise". Returns the word, its factor, where it starts and its length.
fn last_fold(lb: &str) -> Option<(String, Decimal, usize, usize)> {
    let mut best = None;
    let mut from = 0;
    while let Some(k) = lb[from..].find("fold") {
        let end = from + k + 4;
        from = end;
        if lb[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        let head = &lb[..end - 4];
        let start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '-' || *c == '.')
            .last()
            .map_or(head.len(), |(i, _)| i);
        let word = head[start..].trim_end_matches('-');
        let factor = FOLD_WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, n)| Decimal::from(*n))
            .or_else(|| {
                (!word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || c == '.'))
                    .then(|| word.parse::<Decimal>().ok())
                    .flatten()
            });
        if let Some(f) = factor.filter(|f| *f > Decimal::ONE) {
            best = Some((lb[start..end].to_string(), f, start, end - start));
        }
    }
    best
}

/// Whether the words between a multiple and the change it names keep them in one phrase: at
/// most four words of its own (a time, a noun: "in a decade", "increase"), no clause of its
/// own.
fn governs(between: &str) -> bool {
    let mut words: Vec<&str> = between
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    if words.last().is_some_and(|w| *w == "from" || *w == "to") {
        words.pop();
    }
    words.len() <= 4
        && !between.contains([';', ':', '(', ')'])
        && !words.iter().any(|w| {
            [
                "and", "but", "while", "whereas", "which", "who", "because", "although", "from",
                "to", "than",
            ]
            .contains(w)
        })
}

const HEDGES: &[&str] = &[
    "more than",
    "nearly",
    "almost",
    "roughly",
    "about",
    "around",
    "over",
    "less than",
    "close to",
    "approximately",
    "some",
    "well over",
    "just over",
    "just under",
];

fn hedged_before(text: &str) -> bool {
    let t = norm(text);
    HEDGES.iter().any(|h| t.ends_with(h))
}

/// Multiples written in a word before "as many as": "twice as many as the 1,200". Each cue
/// comes with its form followed by "the" ("twice the the" reads "twice the" before "the"), so
/// no test builds it per figure.
const TWICE: &[(&str, &str, i64, i64)] = &[
    ("twice as many as", "twice as many as the", 2, 1),
    ("twice as much as", "twice as much as the", 2, 1),
    ("twice as high as", "twice as high as the", 2, 1),
    ("twice as large as", "twice as large as the", 2, 1),
    ("twice as big as", "twice as big as the", 2, 1),
    ("twice the", "twice the the", 2, 1),
    ("double the", "double the the", 2, 1),
    ("triple the", "triple the the", 3, 1),
    ("treble the", "treble the the", 3, 1),
    ("quadruple the", "quadruple the the", 4, 1),
    ("half as many as", "half as many as the", 1, 2),
    ("half as much as", "half as much as the", 1, 2),
];

impl Multiple {
    /// "The party has 640,000 members, twice as many as the 420,000 it had": A must be the
    /// multiple of B (the figure right before the cue, of B's kind and unit, in one phrase).
    fn twice(&self, cx: &Ctx<'_>, si: usize, out: &mut Vec<Diagnostic>) {
        let idx = cx.in_sentence(si);
        for n in 1..idx.len() {
            let b = cx.qs[idx[n]];
            // The cue's own word may be read as a figure ("half as much as"): skip it.
            let mut j = n - 1;
            // ASCII case folding is exact here: no other character lower-cases to a letter of
            // "half" or "twice".
            let cue_word = |q: &Quantity| {
                let t = cx.text(q.span);
                t.eq_ignore_ascii_case("half") || t.eq_ignore_ascii_case("twice")
            };
            if cue_word(cx.qs[idx[j]]) {
                let Some(k) = j.checked_sub(1) else { continue };
                j = k;
            }
            let a = cx.qs[idx[j]];
            if !is_amount(a) || !is_amount(b) || a.dimension != b.dimension || a.unit != b.unit {
                continue;
            }
            // Every cue, and every cue with " the", ends in "as" or "the": one test for each
            // before the table, on the prose first.
            let raw = cx.before(b);
            if !(may_end_with(raw, "as") || may_end_with(raw, "the")) {
                continue;
            }
            let before = cx.norm_before(b);
            if !(before.ends_with("as") || before.ends_with("the")) {
                continue;
            }
            let Some(&(cue, cue_the, num, den)) = TWICE
                .iter()
                .find(|(c, c_the, _, _)| before.ends_with(c) || before.ends_with(c_the))
            else {
                continue;
            };
            let hedge = HEDGES.iter().copied().find(|h| {
                before.ends_with(&format!("{h} {cue}"))
                    || before.ends_with(&format!("{h} {cue_the}"))
            });
            let gap = cx.between(a, b);
            if gap.contains([';', '(', ')']) || gap.split_whitespace().count() > 10 {
                continue;
            }
            let (Some(af), Some(bf)) = (a.point(), b.point()) else {
                continue;
            };
            let factor = Decimal::from(num) / Decimal::from(den);
            let exact = bf.value * factor;
            if let Some(h) = hedge {
                self.hedged(cx, a, b, h, cue, factor, out);
                continue;
            }
            cx.verified(self, a.span, &[b.span], Some(exact));
            let t = Stated {
                fig: af,
                approx: a.approx,
            };
            let floor = cx.facts(b).digits(bf).min(2);
            if agrees(exact, exact, t, floor, cx.opts.tolerance.hedge_widen)
                || ratio_near(af.value, bf.value, factor)
            {
                continue;
            }
            let unit = a.unit.as_deref();
            let p = expected_precision(exact, t, floor);
            let word = cue.split(' ').next().unwrap_or(cue);
            let d = cx
                .diag(
                    self,
                    a.span,
                    format!(
                        "{word} {} is {}; the text says {} (× {})",
                        with_unit(bf.value, &fmt_num(bf.value), unit),
                        with_unit(exact, &fmt_exact(exact, p), unit),
                        with_unit(af.value, &fmt_num(af.value), unit),
                        fmt_num(
                            af.value
                                .checked_div(bf.value)
                                .unwrap_or_default()
                                .round_dp(2)
                        )
                    ),
                )
                .with_help(format!(
                    "write {}, or correct the multiple",
                    with_unit(exact, &fmt_at(exact, p), unit)
                ));
            out.push(cx.related(d, b.span, "the base"));
        }
    }
}

impl Multiple {
    /// A hedged multiple, "more than triple the 2.9 million", "nearly double the 410": the
    /// hedge bounds the ratio A / B, read within the rounding of both figures. `more than`,
    /// `over`: the ratio must exceed the multiple; `nearly`, `almost`, `close to`, `just under`:
    /// it must not exceed it and must reach four fifths of it; `about`, `roughly`, `around`,
    /// `some`, `approximately`: within a fifth of it. Other hedges say nothing checkable.
    #[allow(clippy::too_many_arguments)]
    fn hedged(
        &self,
        cx: &Ctx<'_>,
        a: &Quantity,
        b: &Quantity,
        hedge: &str,
        cue: &str,
        factor: Decimal,
        out: &mut Vec<Diagnostic>,
    ) {
        let (Some(af), Some(bf)) = (a.point(), b.point()) else {
            return;
        };
        let ha = cx.facts(a).half_step(af);
        let hb = cx.facts(b).half_step(bf);
        let (blo, bhi) = (bf.value - hb, bf.value + hb);
        if blo <= Decimal::ZERO || a.approx || bf.value.is_zero() {
            return;
        }
        // The ratio anything in A's and B's rounding allows.
        let (Some(rlo), Some(rhi)) = (
            (af.value - ha).checked_div(bhi),
            (af.value + ha).checked_div(blo),
        ) else {
            return;
        };
        let fifth = Decimal::new(2, 1);
        let (ok, says) = match hedge {
            "more than" | "over" | "well over" | "just over" => (rhi > factor, "more than"),
            "nearly" | "almost" | "close to" | "just under" => (
                rlo <= factor && rhi >= factor * (Decimal::ONE - fifth),
                "nearly",
            ),
            "about" | "roughly" | "around" | "some" | "approximately" => (
                rhi >= factor * (Decimal::ONE - fifth) && rlo <= factor * (Decimal::ONE + fifth),
                "about",
            ),
            _ => return,
        };
        let exact = bf.value * factor;
        cx.verified(self, a.span, &[b.span], None);
        if ok {
            return;
        }
        let unit = a.unit.as_deref();
        let ratio = fmt_num(
            af.value
                .checked_div(bf.value)
                .unwrap_or_default()
                .round_dp(2),
        );
        let word = cue.split(' ').next().unwrap_or(cue);
        let d = cx
            .diag(
                self,
                a.span,
                format!(
                    "{hedge} {word} {} ({} × {}) does not fit {} (× {ratio}): {says} {word} says otherwise",
                    with_unit(bf.value, &fmt_num(bf.value), unit),
                    fmt_num(factor),
                    with_unit(bf.value, &fmt_num(bf.value), unit),
                    with_unit(af.value, &fmt_num(af.value), unit),
                ),
            )
            .with_help(format!(
                "{} is {} the base; describe the ratio as it is, or correct the figures",
                with_unit(af.value, &fmt_num(af.value), unit),
                format_args!("{ratio} times"),
            ));
        let _ = exact;
        out.push(cx.related(d, b.span, "the base"));
    }
}

impl Rule for Multiple {
    fn meta(&self) -> &'static RuleMeta {
        &MULTIPLE
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for si in 0..cx.by_sentence.len() {
            // Verbs with from–to.
            for ft in cx.from_to(si) {
                let Some(s) = cx.an.sentences.get(si).map(|s| s.span) else {
                    continue;
                };
                let upto = ft.from_span.start.min(ft.to_span.start);
                let before = cx.doc.prose_of(s.start, upto);
                let lb = before.to_lowercase();
                let verb_cue = VERBS
                    .iter()
                    .filter_map(|(v, n, d)| {
                        find_word(&lb, v).map(|k| {
                            (
                                v.to_string(),
                                Decimal::from(*n) / Decimal::from(*d),
                                k,
                                v.len(),
                            )
                        })
                    })
                    .max_by_key(|x| x.2);
                let cue = match (verb_cue, last_fold(&lb)) {
                    (Some(v), Some(f)) => Some(if f.2 > v.2 { f } else { v }),
                    (v, f) => v.or(f),
                };
                let Some((verb, factor, at, len)) = cue else {
                    continue;
                };
                // The verb must govern this change: nothing but a few words of its own phrase
                // between ("tripled in a decade, from", "a fivefold increase, from").
                let between = &lb[at + len..];
                if !governs(between) || hedged_before(&lb[..at]) {
                    continue;
                }
                let exact = ft.from.fig.value * factor;
                cx.verified(self, ft.to_span, &[ft.from_span], Some(exact));
                let floor = ft.digits.min(2);
                if agrees(exact, exact, ft.to, floor, cx.opts.tolerance.hedge_widen)
                    || ratio_near(ft.to.fig.value, ft.from.fig.value, factor)
                {
                    continue;
                }
                let unit = cx.qs[ft.unit_index].unit.as_deref();
                let p = expected_precision(exact, ft.to, floor);
                let xs = with_unit(ft.from.fig.value, &fmt_num(ft.from.fig.value), unit);
                let ys = with_unit(ft.to.fig.value, &fmt_num(ft.to.fig.value), unit);
                let ratio = if ft.from.fig.value.is_zero() {
                    String::new()
                } else {
                    format!(
                        " (× {})",
                        fmt_num(
                            ft.to
                                .fig
                                .value
                                .checked_div(ft.from.fig.value)
                                .unwrap_or_default()
                                .round_dp(2)
                        )
                    )
                };
                let d = cx
                    .diag(
                        self,
                        ft.to_span,
                        format!(
                            "{verb} from {xs} is {}; the text says {ys}{ratio}",
                            with_unit(exact, &fmt_exact(exact, p), unit)
                        ),
                    )
                    .with_help(format!(
                        "write {}, or describe the change as it is",
                        with_unit(exact, &fmt_at(exact, p), unit)
                    ));
                out.push(cx.related(d, ft.from_span, "from"));
            }
            // "A, twice as many as B" (and "half as many as").
            self.twice(cx, si, out);
            // "A ... N times as many as B".
            let idx = cx.in_sentence(si);
            for (n, &k) in idx.iter().enumerate() {
                let m = &cx.qs[k];
                // Every cue below starts with "times": one test before the six, on the prose
                // first.
                if !may_start_with(cx.after(m), "times") {
                    continue;
                }
                let after = cx.norm_after(m);
                if !after.starts_with("times") {
                    continue;
                }
                let more = after.starts_with("times more than")
                    || after.starts_with("times larger than")
                    || after.starts_with("times higher than");
                if !(after.starts_with("times as many as")
                    || after.starts_with("times as much as")
                    || after.starts_with("times the")
                    || more)
                {
                    continue;
                }
                let Some(mf) = m.point().filter(|_| is_amount(m) && !m.approx) else {
                    continue;
                };
                if HEDGES.iter().any(|h| cx.norm_before(m).ends_with(h)) {
                    continue;
                }
                let b = idx[n + 1..]
                    .iter()
                    .take(super::NEAR)
                    .map(|&j| cx.qs[j])
                    .find(|q| is_amount(q));
                let Some(b) = b else { continue };
                let a = idx[..n]
                    .iter()
                    .rev()
                    .take(super::NEAR)
                    .map(|&j| cx.qs[j])
                    .find(|q: &&Quantity| {
                        is_amount(q) && q.dimension == b.dimension && q.unit == b.unit
                    });
                let Some(a) = a else { continue };
                let (Some(af), Some(bf)) = (a.point(), b.point()) else {
                    continue;
                };
                let exact = bf.value * mf.value;
                cx.verified(self, a.span, &[m.span, b.span], Some(exact));
                let t = Stated {
                    fig: af,
                    approx: a.approx,
                };
                let floor = cx.facts(b).digits(bf).min(2);
                let ok = agrees(exact, exact, t, floor, cx.opts.tolerance.hedge_widen)
                    || ratio_near(af.value, bf.value, mf.value)
                    || (more && {
                        let e2 = bf.value * (mf.value + Decimal::ONE);
                        agrees(e2, e2, t, floor, cx.opts.tolerance.hedge_widen)
                            || ratio_near(af.value, bf.value, mf.value + Decimal::ONE)
                    });
                if ok {
                    continue;
                }
                let unit = a.unit.as_deref();
                let p = expected_precision(exact, t, floor);
                let d = cx
                    .diag(
                        self,
                        a.span,
                        format!(
                            "{} times {} is {}; the text says {}",
                            fmt_num(mf.value),
                            with_unit(bf.value, &fmt_num(bf.value), unit),
                            with_unit(exact, &fmt_exact(exact, p), unit),
                            with_unit(af.value, &fmt_num(af.value), unit)
                        ),
                    )
                    .with_help(format!(
                        "write {}, or correct the multiple",
                        with_unit(exact, &fmt_at(exact, p), unit)
                    ));
                let d = cx.related(d, m.span, "the multiple");
                out.push(cx.related(d, b.span, "the base"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::test_codes as codes;

    #[test]
    fn fold_multiples_are_read_in_words_and_digits_and_not_from_other_words() {
        let f = |s: &str| last_fold(s).map(|(_, f, _, _)| f);
        assert_eq!(f("grew fivefold"), Some(Decimal::from(5)));
        assert_eq!(f("a 3-fold rise"), Some(Decimal::from(3)));
        assert_eq!(f("rose 2.5-fold"), Some(Decimal::new(25, 1)));
        assert_eq!(f("the manifold problems"), None);
        assert_eq!(f("a scaffold fell"), None);
        assert!(governs(" in a decade, from "));
        assert!(!governs(" and then, from "));
    }

    #[test]
    fn each_twice_cue_carries_its_form_with_the() {
        for (c, c_the, _, _) in TWICE {
            assert_eq!(*c_the, format!("{c} the"));
            // The quick test before the table: every form ends in "as" or "the".
            for f in [c, c_the] {
                assert!(f.ends_with("as") || f.ends_with("the"), "{f}");
            }
        }
    }

    #[test]
    fn twice_and_fold_multiples_are_checked() {
        for bad in [
            "The library lent 5,100 e-books, twice as many as the 3,400 it lent in 2023.",
            "Cargo traffic grew sixfold in a decade, from 3,000 to 9,000 containers.",
        ] {
            assert_eq!(codes(bad), ["multiple"], "{bad}");
        }
        for ok in [
            "The library lent 6,800 e-books, twice as many as the 3,400 it lent in 2023.",
            "Cargo traffic grew sixfold in a decade, from 3,000 to 18,000 containers.",
            "The library lent 9,000 e-books, more than twice as many as the 3,400 it lent.",
            "The port handled 9.6 million tonnes of grain, more than triple the 2.9 million \
             tonnes of 2015.",
            "The port handled 9.6 million tonnes of grain, nearly triple the 3.4 million tonnes \
             of 2015.",
            "The charity fed 830 families, double the 415 it fed a year ago.",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
        for bad in [
            "The port handled 9.6 million tonnes of grain, more than triple the 3.4 million \
             tonnes of 2015.",
            "The port handled 9.6 million tonnes of grain, nearly triple the 2.9 million tonnes \
             of 2015.",
            "The charity fed 1,130 families, double the 415 it fed a year ago.",
        ] {
            assert_eq!(codes(bad), ["multiple"], "{bad}");
        }
        for ok in [
            "The charity fed 830 families, about double the 415 it fed a year ago.",
            "The charity fed 760 families, about double the 415 it fed a year ago.",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
    }

    #[test]
    fn a_zero_base_never_panics() {
        // Found by the lsp_message fuzz target: a division by a zero base panicked.
        for t in [
            "Prize money is now $1.5 million, half as much as the $0 million on offer before.",
            "The fund holds $3 million, twice as much as the $0 million.",
            "Output doubled from 0 to 80.",
        ] {
            let _ = codes(t);
        }
    }
}
