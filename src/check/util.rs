//! Helpers the rules share: the number a quantity states, the numbers in a text, and number
//! formatting for messages. Precision, tolerance and unit conversion are [`crate::precision`]
//! (re-exported here for the rules).

use crate::grammar::cx::Cx;
use crate::grammar::number::{digit_number, word_number};
use crate::quantity::{Bound, Figure, Quantity};
use rust_decimal::Decimal;

pub use crate::precision::{
    Stated, agrees, convert, digits_in, digits_of, expected_precision, half_step, leading_place,
    pow10, round_to, sig_precision, written_digits, written_rounded,
};

/// The single number a quantity states: its value, or the one end of a bound
/// ("more than 200" → 200). `None` for ranges, vague amounts and dates.
pub fn stated(q: &Quantity, text: &str) -> Option<Stated> {
    stated_with(q, || numbers_in(text))
}

/// [`stated`] with the numbers of the text given (read only for an open bound).
pub fn stated_with(q: &Quantity, numbers: impl FnOnce() -> Vec<(usize, Figure)>) -> Option<Stated> {
    if let Some(f) = q.point() {
        return Some(Stated {
            fig: f,
            approx: q.approx,
        });
    }
    let end = match q.bound {
        Bound::Gt | Bound::Ge => q.low?,
        Bound::Lt | Bound::Le => q.high?,
        _ => return None,
    };
    // Recover the precision from the text.
    let fig = numbers()
        .into_iter()
        .map(|(_, f)| f)
        .find(|f| f.value.abs() == end.abs() || f.value == end)
        .map(|f| Figure::new(end, f.precision))
        .unwrap_or(Figure::new(end, Decimal::ONE));
    Some(Stated { fig, approx: false })
}

/// The numbers written in `text` (digits with scale words, and number words), with byte
/// offsets. Signs are not read: callers use this for range ends and bounds.
pub fn numbers_in(text: &str) -> Vec<(usize, Figure)> {
    numbers_upto(text, usize::MAX)
}

/// The first number written in `text` (see [`numbers_in`]).
pub fn first_number_in(text: &str) -> Option<(usize, Figure)> {
    numbers_upto(text, 1).pop()
}

/// [`numbers_in`], stopping after `most` numbers.
fn numbers_upto(text: &str, most: usize) -> Vec<(usize, Figure)> {
    // Number words and digits are the same in every grammar: the built-in one reads them.
    let cx = &Cx::new(crate::grammar::tables::builtin());
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let prev = text[..i].chars().next_back();
        let word_start = prev.is_none_or(|p| !p.is_alphanumeric() && p != '.' && p != ',');
        if word_start && (c.is_ascii_digit() || c.is_alphabetic()) {
            let r = if c.is_ascii_digit() {
                digit_number(cx, &text[i..]).ok()
            } else {
                word_number(cx, &text[i..]).ok()
            };
            if let Some((rest, n)) = r {
                let len = text.len() - i - rest.len();
                if len > 0 {
                    out.push((i, n.fig));
                    if out.len() >= most {
                        break;
                    }
                    i += len;
                    continue;
                }
            }
        }
        i += c.len_utf8();
    }
    out
}

/// Formats a number for a message: thousands separators, at most `places` decimals after
/// rounding to `p / 100` (so the working shows two digits more than the figure checked),
/// trailing zeros dropped, a real minus sign.
pub fn fmt_exact(x: Decimal, p: Decimal) -> String {
    let shown = if p > Decimal::ZERO {
        round_to(x, p / Decimal::ONE_HUNDRED)
    } else {
        x.round_dp(4)
    };
    fmt_num(shown.round_dp(6))
}

/// Formats a number rounded to `p`.
pub fn fmt_at(x: Decimal, p: Decimal) -> String {
    fmt_num(round_to(x, p))
}

/// Formats a decimal with thousands separators and a real minus sign.
pub fn fmt_num(x: Decimal) -> String {
    let x = x.normalize();
    let neg = x.is_sign_negative() && !x.is_zero();
    let s = x.abs().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => (a.to_string(), Some(b.to_string())),
        None => (s, None),
    };
    let mut grouped = String::new();
    let n = int.len();
    for (k, ch) in int.chars().enumerate() {
        if k > 0 && (n - k) % 3 == 0 && n > 4 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if n == 4 && int.chars().all(|c| c.is_ascii_digit()) {
        // 4,400 rather than 4400 for four-digit amounts.
        grouped = format!("{},{}", &int[..1], &int[1..]);
    }
    let mut out = String::new();
    if neg {
        out.push('−');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

/// A value with its unit for messages: "62.1 mi", "−13 °F", "4,409 lb", "€8.5 billion",
/// "15%", "3 days".
pub fn with_unit(x: Decimal, formatted: &str, unit: Option<&str>) -> String {
    match unit {
        None => formatted.to_string(),
        Some("%") => format!("{formatted}%"),
        Some("pp") => format!("{formatted} percentage points"),
        // Minor units as written: "99¢", "45p".
        Some("USc") => format!("{formatted}¢"),
        Some("GBX") => format!("{formatted}p"),
        Some(u) if u.starts_with('°') => format!("{formatted} {u}"),
        Some(u) if u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()) => {
            money(x, formatted, u)
        }
        Some(u)
            if [
                "acre",
                "day",
                "night",
                "week",
                "month",
                "year",
                "hour",
                "ton",
                "fortnight",
                "decade",
            ]
            .contains(&u) =>
        {
            if x.abs() == Decimal::ONE {
                format!("{formatted} {u}")
            } else {
                format!("{formatted} {u}s")
            }
        }
        Some("century") => format!("{formatted} centuries"),
        Some(u) => format!("{formatted} {u}"),
    }
}

fn money(x: Decimal, formatted: &str, code: &str) -> String {
    let sym = match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "UAH" => "₴",
        _ => "",
    };
    let a = x.abs();
    let (scaled, word) = if a >= Decimal::from(1_000_000_000) {
        (Some(Decimal::from(1_000_000_000)), " billion")
    } else if a >= Decimal::from(1_000_000) {
        (Some(Decimal::from(1_000_000)), " million")
    } else {
        (None, "")
    };
    let body = match scaled {
        Some(s) => fmt_num((x / s).round_dp(4)),
        None => formatted.to_string(),
    };
    if sym.is_empty() {
        format!("{body}{word} {code}")
    } else if let Some(b) = body.strip_prefix('−') {
        format!("−{sym}{b}{word}")
    } else {
        format!("{sym}{body}{word}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::Grammar;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn st(v: &str, p: &str) -> Stated {
        Stated {
            fig: Figure::new(d(v), d(p)),
            approx: false,
        }
    }

    #[test]
    fn rounding_and_significant_figures() {
        assert_eq!(round_to(d("62.137"), d("1")), d("62"));
        assert_eq!(round_to(d("4409.2"), d("100")), d("4400"));
        assert_eq!(round_to(d("-12.5"), d("1")), d("-13"));
        assert_eq!(sig_precision(d("62.137"), 2), d("1"));
        assert_eq!(sig_precision(d("4409"), 2), d("100"));
        assert_eq!(sig_precision(d("0.62"), 2), d("0.01"));
        assert_eq!(written_digits("100 km", Figure::new(d("100"), d("100"))), 3);
        assert_eq!(
            written_digits("3.1 million", Figure::new(d("3100000"), d("100000"))),
            2
        );
        assert_eq!(written_digits("seven", Figure::new(d("7"), d("1"))), 1);
        assert_eq!(written_digits("0.05", Figure::new(d("0.05"), d("0.01"))), 1);
    }

    #[test]
    fn the_tolerance_rule_of_the_docs() {
        let e = convert(&Grammar::default(), d("100"), "km", "mi").unwrap();
        assert!(agrees(e, e, st("62", "1"), 2, d("0.05")));
        assert!(!agrees(e, e, st("60", "10"), 2, d("0.05")));
        let hedged = Stated {
            approx: true,
            ..st("60", "10")
        };
        assert!(agrees(e, e, hedged, 2, d("0.05")));
        let e = convert(&Grammar::default(), d("2000"), "kg", "lb").unwrap();
        assert!(agrees(e, e, st("4400", "100"), 2, d("0.05")));
        assert!(!agrees(e, e, st("4500", "100"), 2, d("0.05")));
        let e = convert(&Grammar::default(), d("5"), "km", "mi").unwrap();
        assert!(agrees(e, e, st("3", "1"), 1, d("0.05")));
        let e = convert(&Grammar::default(), d("-25"), "°C", "°F").unwrap();
        assert_eq!(e, d("-13"));
        assert!(!agrees(e, e, st("-11", "1"), 2, d("0.05")));
    }

    #[test]
    fn numbers_are_formatted_for_people() {
        assert_eq!(fmt_num(d("-13")), "−13");
        assert_eq!(fmt_num(d("4409.25")), "4,409.25");
        assert_eq!(fmt_num(d("1234567")), "1,234,567");
        assert_eq!(fmt_exact(d("62.137119"), d("1")), "62.14");
        assert_eq!(with_unit(d("8500000000"), "", Some("EUR")), "€8.5 billion");
        assert_eq!(with_unit(d("3"), "3", Some("day")), "3 days");
    }

    #[test]
    fn numbers_in_text() {
        let v: Vec<Decimal> = numbers_in("from $10 million to two")
            .iter()
            .map(|n| n.1.value)
            .collect();
        assert_eq!(v, vec![d("10000000"), d("2")]);
        let v: Vec<Decimal> = numbers_in("300-400 km").iter().map(|n| n.1.value).collect();
        assert_eq!(v, vec![d("300"), d("400")]);
    }
}
