//! Numbers: digits, words, scale words and suffixes, fractions. The bottom of the grammar.
//!
//! Every production takes the input at a word start and returns the rest and a [`Num`]:
//! nom's `IResult` over `&str`. Productions never look back; the scanner checks what stands
//! before a match (see `super::scan`).

use super::tables::TABLES;
use super::text::{is_word_char, word_ci, ws, ws0};
use crate::quantity::Figure;
use nom::{
    IResult, Parser, branch::alt, bytes::complete::tag, character::complete::digit1,
    combinator::opt, error::ErrorKind,
};
use rust_decimal::Decimal;
use std::str::FromStr;

/// How a number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumKind {
    /// In digits.
    Digits,
    /// In words.
    Words,
    /// A fraction ("two thirds", "3/4", "half").
    Fraction,
}

/// A parsed number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    /// Value and precision.
    pub fig: Figure,
    /// How it was written.
    pub kind: NumKind,
    /// Digits written with thousands separators.
    pub grouped: bool,
    /// A bare integer of four digits without separators (a possible year).
    pub plain4: bool,
}

fn fail<T>(i: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        ErrorKind::Verify,
    )))
}

fn pow10(e: i32) -> Decimal {
    let mut d = Decimal::ONE;
    if e >= 0 {
        for _ in 0..e {
            d *= Decimal::TEN;
        }
    } else {
        for _ in 0..(-e) {
            d /= Decimal::TEN;
        }
    }
    d
}

/// `sign = "-" | "−" | "+" | ("minus" | "negative") ws`; returns true for negative.
pub fn sign(i: &str) -> IResult<&str, bool> {
    alt((
        (alt((tag("-"), tag("−"), tag("–"))), ws0).map(|_| true),
        tag("+").map(|_| false),
        (word_ci("minus"), ws).map(|_| true),
        (word_ci("negative"), ws).map(|_| true),
    ))
    .parse(i)
}

/// `digits = int_part ["." digit+] | "." digit+` with `,` grouping of threes.
/// Returns the figure (precision from the last written digit; trailing zeros of a whole
/// number are not significant).
pub fn unsigned_digits(i: &str) -> IResult<&str, Num> {
    let start = i;
    let (mut rest, int) = opt(digit1).parse(i)?;
    let mut grouped = false;
    let mut int_str = String::new();
    if let Some(d) = int {
        int_str.push_str(d);
        // Thousands groups: ",ddd" (also thin space / narrow no-break space in European style
        // is not supported: too ambiguous with lists).
        if d.len() <= 3 {
            loop {
                let b = rest.as_bytes();
                if b.len() >= 4
                    && b[0] == b','
                    && b[1..4].iter().all(u8::is_ascii_digit)
                    && (b.len() == 4 || !b[4].is_ascii_digit())
                {
                    int_str.push_str(&rest[1..4]);
                    rest = &rest[4..];
                    grouped = true;
                } else {
                    break;
                }
            }
        }
    }
    let mut frac_str = "";
    let b = rest.as_bytes();
    if b.len() >= 2 && b[0] == b'.' && b[1].is_ascii_digit() {
        let (r, f) = digit1(&rest[1..])?;
        // "1.2.3" is a version number, not a figure.
        if r.starts_with('.') && r.as_bytes().get(1).is_some_and(u8::is_ascii_digit) {
            return fail(start);
        }
        frac_str = f;
        rest = r;
    }
    if int_str.is_empty() && frac_str.is_empty() {
        return fail(start);
    }
    let text = format!(
        "{}.{}",
        if int_str.is_empty() { "0" } else { &int_str },
        if frac_str.is_empty() { "0" } else { frac_str }
    );
    let value = Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&format!("{}e0", int_str)))
        .map_err(|_| nom::Err::Error(nom::error::Error::new(start, ErrorKind::Digit)))?;
    let precision = if !frac_str.is_empty() {
        pow10(-(frac_str.len() as i32))
    } else {
        let tz = int_str.bytes().rev().take_while(|&c| c == b'0').count();
        let tz = if tz == int_str.len() { 0 } else { tz };
        pow10(tz as i32)
    };
    let plain4 = !grouped && frac_str.is_empty() && int_str.len() == 4;
    Ok((
        rest,
        Num {
            fig: Figure::new(value.normalize(), precision),
            kind: NumKind::Digits,
            grouped,
            plain4,
        },
    ))
}

/// A letter suffix or a scale word after digits: "k", "M", "bn", " million".
pub fn scale_after_digits(i: &str) -> IResult<&str, (Decimal, bool)> {
    // Suffix directly attached or after one space, then a non-word char.
    let (r, _) = ws0(i)?;
    for (s, v) in &TABLES.suffixes {
        if let Some(after) = r.strip_prefix(s.as_str())
            && !after.starts_with(is_word_char)
        {
            // A lone "m" after a space is metres, not million; keep suffixes tight.
            let tight = r.len() == i.len();
            if !tight && (s == "m" || s == "b" || s == "M" || s == "B" || s == "T" || s == "K") {
                continue;
            }
            return Ok((after, (*v, true)));
        }
    }
    let (r2, w) = scale_word(r)?;
    Ok((r2, (w, false)))
}

fn scale_word(i: &str) -> IResult<&str, Decimal> {
    let (r, w) = super::text::word(i)?;
    let lw = w.to_lowercase();
    let key = lw
        .strip_suffix('s')
        .filter(|k| TABLES.scales.contains_key(*k))
        .unwrap_or(&lw);
    match TABLES.scales.get(key) {
        Some(v) => Ok((r, *v)),
        None => fail(i),
    }
}

/// `digit_number = [sign] digits [scale]` (the sign only where the caller allows it).
pub fn digit_number(i: &str) -> IResult<&str, Num> {
    let (r, neg) = opt(sign).parse(i)?;
    let (r, mut n) = unsigned_digits(r)?;
    let (r, scale) = match scale_after_digits(r) {
        Ok((r2, (s, _))) => (r2, Some(s)),
        Err(_) => (r, None),
    };
    if let Some(s) = scale {
        n.fig = Figure::new(n.fig.value * s, n.fig.precision * s);
        n.plain4 = false;
    }
    if neg == Some(true) {
        n.fig.value = -n.fig.value;
        n.plain4 = false;
    }
    // "3/4": a digit fraction (not a date: no second slash, numerator below 1000).
    if scale.is_none()
        && neg.is_none()
        && let Some(rest) = r.strip_prefix('/')
        && let Ok((r2, d)) = unsigned_digits(rest)
        && !r2.starts_with('/')
        && !d.fig.value.is_zero()
        && n.fig.value.fract().is_zero()
        && d.fig.value.fract().is_zero()
        && n.fig.value < Decimal::from(1000)
        && d.fig.value <= Decimal::from(1000)
    {
        return Ok((
            r2,
            Num {
                fig: Figure::new(n.fig.value / d.fig.value, Decimal::ZERO),
                kind: NumKind::Fraction,
                grouped: false,
                plain4: false,
            },
        ));
    }
    Ok((r, n))
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Tok {
    Unit(u32),
    Tens(u32),
    Hundred,
    Scale(Decimal),
    A,
}

fn word_tok(i: &str) -> IResult<&str, Tok> {
    let (r, w) = super::text::word(i)?;
    let lw = w.to_lowercase();
    let t = &*TABLES;
    if let Some(v) = t.units_words.get(&lw) {
        return Ok((r, Tok::Unit(*v)));
    }
    if let Some(v) = t.tens_words.get(&lw) {
        return Ok((r, Tok::Tens(*v)));
    }
    if t.hundred_words.contains_key(&lw) {
        return Ok((r, Tok::Hundred));
    }
    if let Some(v) = t.scales.get(&lw) {
        return Ok((r, Tok::Scale(*v)));
    }
    if lw == "a" || lw == "an" {
        return Ok((r, Tok::A));
    }
    fail(i)
}

/// `word_number = word_group {("-" | ws ["and" ws]) word_group}`: "seven", "twenty-five",
/// "one hundred and twelve", "a hundred", "three hundred thousand", "2.5 million" is digits.
pub fn word_number(i: &str) -> IResult<&str, Num> {
    let (mut rest, first) = word_tok(i)?;
    let mut total = Decimal::ZERO;
    let mut current = Decimal::ZERO;
    let mut last = first;
    let mut last_scale: Option<Decimal> = None;
    let mut precision = Decimal::ONE;
    let mut seen_value = false;
    match first {
        Tok::Unit(v) | Tok::Tens(v) => {
            current = Decimal::from(v);
            seen_value = true;
        }
        Tok::A => {}
        _ => return fail(i),
    }
    loop {
        // Separator: "-" or whitespace, optionally "and".
        let sep = alt((
            tag("-").map(|_| false),
            (ws, opt((word_ci("and"), ws))).map(|(_, a)| a.is_some()),
        ))
        .parse(rest);
        let Ok((r, had_and)) = sep else { break };
        let Ok((r2, tok)) = word_tok(r) else { break };
        let ok = match (last, tok) {
            (_, Tok::A) => false,
            (Tok::A, Tok::Hundred) | (Tok::A, Tok::Scale(_)) => true,
            (Tok::A, _) => false,
            (Tok::Unit(_), Tok::Unit(_)) | (Tok::Unit(_), Tok::Tens(_)) => false,
            (Tok::Tens(_), Tok::Unit(u)) => u < 10 && !had_and,
            (Tok::Tens(_), Tok::Tens(_)) => false,
            (Tok::Hundred, Tok::Hundred) => false,
            (_, Tok::Hundred) => {
                !had_and && current > Decimal::ZERO && current < Decimal::from(100)
            }
            (Tok::Hundred, Tok::Unit(_)) | (Tok::Hundred, Tok::Tens(_)) => true,
            (Tok::Scale(_), Tok::Unit(_)) | (Tok::Scale(_), Tok::Tens(_)) => true,
            (_, Tok::Scale(s)) => !had_and && last_scale.is_none_or(|l| s < l),
        };
        if !ok {
            break;
        }
        match tok {
            Tok::Unit(v) | Tok::Tens(v) => {
                current += Decimal::from(v);
                precision = Decimal::ONE;
            }
            Tok::Hundred => {
                if current.is_zero() {
                    current = Decimal::ONE;
                }
                current *= Decimal::from(100);
                precision = Decimal::from(100);
            }
            Tok::Scale(s) => {
                if current.is_zero() {
                    current = Decimal::ONE;
                }
                total += current * s;
                current = Decimal::ZERO;
                precision = s;
                last_scale = Some(s);
            }
            Tok::A => {}
        }
        seen_value = true;
        last = tok;
        rest = r2;
    }
    if !seen_value || matches!(last, Tok::A) {
        return fail(i);
    }
    let value = total + current;
    if precision > Decimal::ONE
        && !current.is_zero()
        && last_scale.is_some()
        && !matches!(last, Tok::Scale(_) | Tok::Hundred)
    {
        precision = Decimal::ONE;
    }
    Ok((
        rest,
        Num {
            fig: Figure::new(value, precision),
            kind: NumKind::Words,
            grouped: false,
            plain4: false,
        },
    ))
}

/// A collective: "a dozen", "two dozen", "a score of" → the number.
pub fn collective(i: &str) -> IResult<&str, Num> {
    let (r, mult) = alt((
        (alt((word_ci("a"), word_ci("an"))), ws).map(|_| Decimal::ONE),
        (word_number, ws).map(|(n, _)| n.fig.value),
        (unsigned_digits, ws0).map(|(n, _)| n.fig.value),
    ))
    .parse(i)?;
    let (r2, w) = super::text::word(r)?;
    let lw = w.to_lowercase();
    match TABLES.collectives.get(&lw) {
        Some(v)
            if !lw.ends_with('s') || mult != Decimal::ONE || !i.to_lowercase().starts_with('a') =>
        {
            let value = mult * Decimal::from(*v);
            Ok((
                r2,
                Num {
                    fig: Figure::new(value, Decimal::ONE),
                    kind: NumKind::Words,
                    grouped: false,
                    plain4: false,
                },
            ))
        }
        _ => fail(i),
    }
}

/// `fraction = [number ws] fraction_word | "half" | number "and a half"`: "two thirds",
/// "a quarter", "half", "one and a half", "three quarters".
pub fn fraction(i: &str) -> IResult<&str, Num> {
    // whole "and a half" / "and a quarter"
    if let Ok((r, whole)) = alt((word_number, unsigned_digits)).parse(i)
        && let Ok((r2, (_, _, _, _, _, f))) = (
            ws,
            word_ci("and"),
            ws,
            alt((word_ci("a"), word_ci("one"))),
            ws,
            fraction_word,
        )
            .parse(r)
    {
        let v = whole.fig.value + Decimal::ONE / f.1;
        return Ok((
            r2,
            Num {
                fig: Figure::new(v, Decimal::ZERO),
                kind: NumKind::Fraction,
                grouped: false,
                plain4: false,
            },
        ));
    }
    // numerator fraction_word
    let (r, num) = alt((
        (
            alt((word_ci("a"), word_ci("an"), word_ci("one"))),
            alt((ws, tag("-"))),
        )
            .map(|_| Decimal::ONE),
        (word_number, alt((ws, tag("-")))).map(|(n, _)| n.fig.value),
        (unsigned_digits, ws).map(|(n, _)| n.fig.value),
        nom::combinator::success(Decimal::ZERO),
    ))
    .parse(i)?;
    let (r2, (word, den)) = fraction_word(r)?;
    let plural = word.ends_with('s');
    let num = if num.is_zero() {
        // A bare fraction word: only "half" and "quarter" stand alone.
        if !(word == "half" || word == "quarter") {
            return fail(i);
        }
        Decimal::ONE
    } else {
        num
    };
    // "two third" is not English; "one thirds" neither.
    if (num > Decimal::ONE && !plural && word != "half") || (num == Decimal::ONE && plural) {
        return fail(i);
    }
    Ok((
        r2,
        Num {
            fig: Figure::new(num / den, Decimal::ZERO),
            kind: NumKind::Fraction,
            grouped: false,
            plain4: false,
        },
    ))
}

fn fraction_word(i: &str) -> IResult<&str, (String, Decimal)> {
    let (r, w) = super::text::word(i)?;
    let lw = w.to_lowercase();
    match TABLES.fractions.get(&lw) {
        Some(d) => Ok((r, (lw, *d))),
        None => fail(i),
    }
}

/// A number in any style, with a scale word after words ("two million") handled by
/// `word_number` and after digits by `digit_number`.
pub fn number(i: &str) -> IResult<&str, Num> {
    alt((fraction, collective, digit_number, word_number_signed)).parse(i)
}

fn word_number_signed(i: &str) -> IResult<&str, Num> {
    let (r, neg) = opt(alt(((word_ci("minus"), ws), (word_ci("negative"), ws)))).parse(i)?;
    let (r, mut n) = word_number(r)?;
    if neg.is_some() {
        n.fig.value = -n.fig.value;
    }
    Ok((r, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> (String, String, &str) {
        let (rest, n) = number(s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        (
            n.fig.value.normalize().to_string(),
            n.fig.precision.normalize().to_string(),
            rest,
        )
    }

    #[test]
    fn digits() {
        assert_eq!(v("111 drones"), ("111".into(), "1".into(), " drones"));
        assert_eq!(v("4,400 lb"), ("4400".into(), "100".into(), " lb"));
        assert_eq!(
            v("3.1 million people"),
            ("3100000".into(), "100000".into(), " people")
        );
        assert_eq!(v(".5"), ("0.5".into(), "0.1".into(), ""));
        assert_eq!(v("−30"), ("-30".into(), "10".into(), ""));
        assert_eq!(v("minus 4"), ("-4".into(), "1".into(), ""));
        assert_eq!(v("10M"), ("10000000".into(), "10000000".into(), ""));
        assert_eq!(v("5k"), ("5000".into(), "1000".into(), ""));
        assert_eq!(v("3/4"), ("0.75".into(), "0".into(), ""));
    }

    #[test]
    fn words() {
        assert_eq!(v("seven").0, "7");
        assert_eq!(v("twenty-five").0, "25");
        assert_eq!(v("one hundred and twelve").0, "112");
        assert_eq!(v("a hundred").0, "100");
        assert_eq!(v("a dozen").0, "12");
        assert_eq!(v("three hundred thousand").0, "300000");
        assert_eq!(v("two thirds").0, "0.6666666666666666666666666667");
        assert_eq!(v("a quarter").0, "0.25");
        assert_eq!(v("half").0, "0.5");
        assert_eq!(v("one and a half").0, "1.5");
        assert_eq!(v("negative one").0, "-1");
    }

    #[test]
    fn word_sequences_do_not_merge() {
        assert_eq!(v("one two").0, "1");
        assert_eq!(v("twenty thirty").0, "20");
    }
}
