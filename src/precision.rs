//! One model of precision, shared by `check` and `reconcile`; `docs/tolerance.md` is its
//! specification.
//!
//! - **Written precision**: a stated figure is exact to one unit in its last written place
//!   ([`crate::Figure::precision`]); [`written_digits`], [`sig_precision`] and [`round_to`]
//!   work with it, [`written_rounded`] and [`half_step`] say when a figure was written rounded
//!   (a decimal point or a scale word of [`SCALE_WORDS`]).
//! - **Units**: [`convert`] between two units of one dimension, [`to_base`] and
//!   [`width_to_base`] into the dimension's base unit (check converts restatements, reconcile
//!   compares claims in base units; both through these).
//! - **Tolerance**: [`agrees`] decides whether a derived figure is right, [`expected_precision`]
//!   at what precision it is owed, [`miss_severity`] how serious a miss is; [`Tolerance`] holds
//!   the settings `figcheck.toml`'s `[tolerance]` gives (see [`crate::config`]).

use crate::diagnostic::Severity;
use crate::grammar::Grammar;
use crate::quantity::Figure;
use rust_decimal::{Decimal, RoundingStrategy};

/// Scale words: a figure written with one was rounded ("3.1 million", "€5 billion").
pub const SCALE_WORDS: &[&str] = &["million", "billion", "trillion", "thousand", "bn", "mn"];

/// Abbreviated scales ("$3m", "5k"): read as scale words only for counts and money, where they
/// cannot be a unit (metres, kilo-).
pub const SCALE_ABBREVIATIONS: &[&str] = &["m", "k"];

/// The default widening of an approximate hedge ("about", "around", "roughly"): 10% of the
/// figure. One value for `check` and `reconcile`; `docs/tolerance.md` (section 3) gives the
/// evidence it was chosen on.
pub const HEDGE_WIDEN: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

/// The tolerance settings (`[tolerance]` in `figcheck.toml`). `Default` gives the documented
/// defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tolerance {
    /// How far an approximate hedge ("about", "around", "roughly", "some") widens a figure, as
    /// a fraction of its value (default [`HEDGE_WIDEN`], 0.1 = 10%): `check` lets a hedged
    /// derived figure stray this far from the exact value, and the grammar widens a hedged
    /// figure's interval by it (the interval `reconcile` compares), so both read one value.
    pub hedge_widen: Decimal,
    /// Days of slack when a day count is compared with the document date (default 1).
    pub date_slack_days: i64,
}

impl Default for Tolerance {
    fn default() -> Tolerance {
        Tolerance {
            hedge_widen: HEDGE_WIDEN,
            date_slack_days: 1,
        }
    }
}

/// 10 to the power `e`.
pub fn pow10(e: i32) -> Decimal {
    let mut d = Decimal::ONE;
    for _ in 0..e.unsigned_abs().min(28) {
        if e >= 0 {
            d *= Decimal::TEN;
        } else {
            d /= Decimal::TEN;
        }
    }
    d
}

/// `x` rounded to a multiple of `p` (half away from zero). `p <= 0` leaves `x` alone.
pub fn round_to(x: Decimal, p: Decimal) -> Decimal {
    if p <= Decimal::ZERO {
        return x;
    }
    match x.checked_div(p) {
        Some(q) => q
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            .checked_mul(p)
            .unwrap_or(x),
        None => x,
    }
}

/// The place value of the leading digit of `|x|` (1 for 0).
pub fn leading_place(x: Decimal) -> Decimal {
    let a = x.abs();
    if a.is_zero() {
        return Decimal::ONE;
    }
    let mut p = Decimal::ONE;
    if a >= Decimal::ONE {
        while p * Decimal::TEN <= a && p < pow10(27) {
            p *= Decimal::TEN;
        }
    } else {
        while p > a && p > pow10(-20) {
            p /= Decimal::TEN;
        }
    }
    p
}

/// The precision (one unit in the last place) that gives `x` `n` significant figures.
pub fn sig_precision(x: Decimal, n: u32) -> Decimal {
    leading_place(x) / pow10(n.saturating_sub(1) as i32)
}

/// How many digits the writer put down for a figure, trailing zeros of whole numbers
/// included ("100" → 3, "3.1 million" → 2, "0.05" → 1, "seven" → 1).
pub fn written_digits(text: &str, f: Figure) -> u32 {
    match digits_in(text) {
        0 => digits_of(f),
        n => n,
    }
}

/// The digits of the first run of digits (with separators) in `text`, leading zeros left out;
/// 0 when it has none.
pub fn digits_in(text: &str) -> u32 {
    let mut digits = 0u32;
    let mut started = false;
    let mut leading = true;
    for c in text.chars() {
        if c.is_ascii_digit() {
            started = true;
            if leading && c == '0' {
                continue;
            }
            leading = false;
            digits += 1;
        } else if started && (c == ',' || c == '.') {
            continue;
        } else if started {
            break;
        }
    }
    digits
}

/// The digits a figure written without digits ("seven", "two dozen") has: the steps of its
/// precision in its value (28 for a figure of no precision).
pub fn digits_of(f: Figure) -> u32 {
    if f.precision.is_zero() {
        return 28;
    }
    let steps = (f.value / f.precision).abs().round();
    let mut n = 1;
    let mut p = Decimal::TEN;
    while p <= steps && n < 28 {
        n += 1;
        p *= Decimal::TEN;
    }
    n
}

/// Half the rounding step of a figure used as an input to a sum: zero for whole numbers
/// written out in full (a count of 23 is exactly 23), half the precision for figures written
/// with a decimal point or a scale word ("€5.1 billion" is 5.05–5.15 billion).
pub fn half_step(text: &str, f: Figure) -> Decimal {
    if written_rounded(text, Some(f)) {
        f.precision / Decimal::TWO
    } else {
        Decimal::ZERO
    }
}

/// Whether the figure `f` written as `text` was written rounded: with a decimal point or a
/// scale word, or its first number more coarsely than a fraction of `f` needs.
pub fn written_rounded(text: &str, f: Option<Figure>) -> bool {
    let l = text.to_lowercase();
    l.contains('.')
        || SCALE_WORDS.iter().any(|w| crate::check::has_word(&l, w))
        || f.is_some_and(|f| {
            crate::check::util::numbers_in(text)
                .first()
                .is_some_and(|(_, n)| {
                    n.precision > f.precision.min(Decimal::ONE) && !f.value.fract().is_zero()
                })
        })
}

/// A stated figure that another was computed from or checked against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stated {
    /// The figure.
    pub fig: Figure,
    /// Hedged ("about", "roughly", "some").
    pub approx: bool,
}

/// The exact value of `v` in unit `from` converted to unit `to` (same dimension).
pub fn convert(g: &Grammar, v: Decimal, from: &str, to: &str) -> Option<Decimal> {
    let a = g.unit(from)?;
    let b = g.unit(to)?;
    if a.dimension != b.dimension {
        return None;
    }
    let base = v.checked_mul(a.factor)?.checked_add(a.offset)?;
    // Factors written as fractions ("5/9") are not exact in decimal: twelve places is far
    // below any written precision and makes −25 °C exactly −13 °F.
    Some(
        base.checked_sub(b.offset)?
            .checked_div(b.factor)?
            .round_dp(12)
            .normalize(),
    )
}

/// The tolerance test (see `docs/tolerance.md`): whether a figure stated as `t` agrees with a
/// value computed exactly as anything in `[lo, hi]`.
///
/// - Exact figures: the written precision, but never coarser than `floor_digits` significant
///   figures of the exact value (the floor is two unless the source had fewer digits).
/// - Hedged figures: the written precision without the floor, or within `widen` (a fraction of
///   the exact value) of it.
pub fn agrees(lo: Decimal, hi: Decimal, t: Stated, floor_digits: u32, widen: Decimal) -> bool {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    let p = t.fig.precision;
    let mid = (lo + hi) / Decimal::TWO;
    let eff = if t.approx {
        p
    } else {
        let floor = sig_precision(mid, floor_digits.max(1));
        if p.is_zero() { floor } else { p.min(floor) }
    };
    let half = eff / Decimal::TWO;
    let v = t.fig.value;
    if v + half >= lo && v - half <= hi {
        return true;
    }
    if t.approx {
        let w = (mid.abs() * widen).max(half);
        return v + w >= lo && v - w <= hi;
    }
    false
}

/// The precision at which a derived figure is expected: what [`agrees`] uses for exact
/// figures. Used to write the corrected figure.
pub fn expected_precision(exact: Decimal, t: Stated, floor_digits: u32) -> Decimal {
    let floor = sig_precision(exact, floor_digits.max(1));
    if t.approx || t.fig.precision.is_zero() {
        return if t.fig.precision.is_zero() {
            floor
        } else {
            t.fig.precision
        };
    }
    t.fig.precision.min(floor)
}

/// Converts `v` in unit `unit` to the dimension's base unit without overflowing.
pub fn to_base(g: &Grammar, unit: Option<&str>, v: Decimal) -> Option<Decimal> {
    let Some(sym) = unit else { return Some(v) };
    match g.unit(sym) {
        Some(u) => v.checked_mul(u.factor)?.checked_add(u.offset),
        None => Some(v),
    }
}

/// Converts a width (no offset) to the base unit.
pub fn width_to_base(g: &Grammar, unit: Option<&str>, v: Decimal) -> Option<Decimal> {
    let Some(sym) = unit else { return Some(v) };
    match g.unit(sym) {
        Some(u) => v.checked_mul(u.factor.abs()),
        None => Some(v),
    }
}

/// How serious a derived figure's miss is (`docs/tolerance.md`, section 7). `owed` is the
/// precision the figure is owed ([`expected_precision`]). A figure written at least that finely,
/// of the right sign and leading digit, that lies between zero and the exact value less than one
/// unit in its last written place away (a truncation, as "80 km (49 miles)" for 49.71) is a
/// `Warning`; any other miss keeps `default`. Never raises `default`.
pub fn miss_severity(exact: Decimal, t: Stated, owed: Decimal, default: Severity) -> Severity {
    let v = t.fig.value;
    let p = t.fig.precision;
    if p.is_zero() || v.is_zero() || exact.is_zero() || p > owed {
        return default;
    }
    let same_sign = v.is_sign_negative() == exact.is_sign_negative();
    let truncated = v.abs() <= exact.abs() && (exact - v).abs() < p;
    let lead = |x: Decimal| {
        let l = leading_place(x);
        (l, (x.abs() / l).trunc())
    };
    if same_sign && truncated && lead(v) == lead(exact) {
        Severity::Warning.min(default)
    } else {
        default
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(v: &str, p: &str) -> Stated {
        Stated {
            fig: Figure::new(v.parse().unwrap(), p.parse().unwrap()),
            approx: false,
        }
    }

    #[test]
    fn a_last_digit_truncation_is_a_warning_and_a_wrong_sign_or_leading_digit_keeps_its_severity() {
        let e = Severity::Error;
        let one = Decimal::ONE;
        // 80 km is 49.71 mi: "49" truncates it.
        assert_eq!(
            miss_severity("49.71".parse().unwrap(), st("49", "1"), one, e),
            Severity::Warning
        );
        // −40 °C is −40 °F: "−30" is off by a whole written step.
        assert_eq!(
            miss_severity("-40".parse().unwrap(), st("-30", "10"), Decimal::TEN, e),
            e
        );
        // A wrong sign.
        assert_eq!(
            miss_severity("-4".parse().unwrap(), st("4", "1"), one, e),
            e
        );
        // Rounded the wrong way by more than a step, or above the exact value.
        assert_eq!(
            miss_severity("49.71".parse().unwrap(), st("48", "1"), one, e),
            e
        );
        assert_eq!(
            miss_severity("49.2".parse().unwrap(), st("50", "1"), one, e),
            e
        );
        // 100 km is 62.14 mi and 62 is owed: "60" is written too coarsely, not truncated.
        assert_eq!(
            miss_severity("62.14".parse().unwrap(), st("60", "10"), one, e),
            e
        );
        // 250 km is 155.3 mi and 160 is owed: "150" truncates it at the tens.
        assert_eq!(
            miss_severity("155.3".parse().unwrap(), st("150", "10"), Decimal::TEN, e),
            Severity::Warning
        );
        // Never raises a lower default.
        assert_eq!(
            miss_severity("49.71".parse().unwrap(), st("49", "1"), one, Severity::Note),
            Severity::Note
        );
    }

    #[test]
    fn units_convert_to_base_and_widths_without_the_offset() {
        let g = Grammar::default();
        let f = to_base(&g, Some("°F"), Decimal::from(-40)).unwrap();
        assert_eq!(f.round_dp(6), Decimal::from(-40));
        let w = width_to_base(&g, Some("°F"), Decimal::from(9)).unwrap();
        assert_eq!(w.round_dp(6), Decimal::from(5));
        assert_eq!(
            convert(&g, Decimal::from(-40), "°C", "°F"),
            Some(Decimal::from(-40))
        );
    }
}
