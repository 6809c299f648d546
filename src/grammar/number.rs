//! Numbers: digits, words, scale words and suffixes, fractions. The bottom of the grammar.
//!
//! Every production takes the input at a word start and returns the rest and a [`Num`]:
//! nom's `IResult` over `&str`. Productions never look back; the scanner checks what stands
//! before a match (see `super::scan`).

use super::cx::Cx;
use super::memo;
use super::tables::{WordClass, word_class};
use super::text::digit1;
use super::text::{is_word_char, phrase_ci, word_ci, ws, ws0};
use crate::quantity::Figure;
use nom::{IResult, Parser, branch::alt, bytes::complete::tag, combinator::opt, error::ErrorKind};
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

/// A checked decimal result as a parse result: `None` (an overflow) fails at `i`, so that a
/// figure too large for the decimal type is no figure rather than a panic.
fn ck(v: Option<Decimal>, i: &str) -> Result<Decimal, nom::Err<nom::error::Error<&str>>> {
    v.ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, ErrorKind::TooLarge)))
}

/// `value * s` and `precision * s` (a scale word or suffix), `None` on overflow.
fn scaled(fig: Figure, s: Decimal) -> Option<Figure> {
    Some(Figure::new(
        fig.value.checked_mul(s)?,
        fig.precision.checked_mul(s)?,
    ))
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

/// `sign = ("-" | "−") [ws] | "–" | "+" | ("minus" | "negative") ws`; returns true for
/// negative. An en dash with a space after it separates ("Greens – 8.2%"): it is a sign
/// only written against the number.
pub fn sign(i: &str) -> IResult<&str, bool> {
    alt((
        alt((tag("-"), tag("−"))).and(ws0).map(|_| true),
        tag("–").and(nom::combinator::not(ws)).map(|_| true),
        tag("+").map(|_| false),
        (word_ci("minus"), ws).map(|_| true),
        (word_ci("negative"), ws).map(|_| true),
    ))
    .parse(i)
}

/// Lower-cases a word without allocating when it is already lower case.
pub fn lower(w: &str) -> std::borrow::Cow<'_, str> {
    // ASCII (the usual case): bytes only; the result is what `to_lowercase` gives.
    if w.is_ascii() {
        return if w.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(w.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(w)
        };
    }
    if w.chars().any(char::is_uppercase) {
        std::borrow::Cow::Owned(w.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

/// `base ^ e` for a small integer exponent; `None` on overflow.
pub fn powi(base: Decimal, e: i64) -> Option<Decimal> {
    if e.abs() > 60 {
        return None;
    }
    let mut r = Decimal::ONE;
    for _ in 0..e.abs() {
        r = r.checked_mul(base)?;
    }
    if e < 0 {
        if r.is_zero() {
            return None;
        }
        r = Decimal::ONE.checked_div(r)?;
    }
    Some(r)
}

/// The digits of a number's whole part, gathered without allocating. Digits past the capacity
/// are counted but not kept; a number that long is refused before its digits are read.
#[derive(Default)]
struct DigitBuf {
    buf: [u8; 32],
    len: usize,
}

impl DigitBuf {
    fn push(&mut self, digits: &str) {
        self.push_bytes(digits.as_bytes());
    }

    fn push_buf(&mut self, other: &DigitBuf) {
        self.push_bytes(other.digits());
    }

    fn push_bytes(&mut self, digits: &[u8]) {
        for &c in digits {
            if let Some(slot) = self.buf.get_mut(self.len) {
                *slot = c;
            }
            self.len += 1;
        }
    }

    fn digits(&self) -> &[u8] {
        &self.buf[..self.len.min(self.buf.len())]
    }
}

const GROUP_SPACES: [char; 4] = [' ', '\u{a0}', '\u{202f}', '\u{2009}'];

/// Thousands groups after a leading group of one to three digits: `,ddd` repeated, or the
/// same with a space, no-break space, narrow no-break space or thin space ("40 000"), or the
/// Indian `,dd,ddd` grouping. Returns the bytes taken and appends the digits to `out`.
fn digit_groups(rest: &str, lead: usize, out: &mut DigitBuf) -> usize {
    let b = rest.as_bytes();
    let group3 = |k: usize| -> bool {
        b.len() >= k + 3
            && b[k..k + 3].iter().all(u8::is_ascii_digit)
            && (b.len() == k + 3 || !b[k + 3].is_ascii_digit())
    };
    // ",ddd" groups.
    let mut k = 0;
    while b.get(k) == Some(&b',') && group3(k + 1) {
        out.push(&rest[k + 1..k + 4]);
        k += 4;
    }
    if k > 0 {
        return k;
    }
    // Indian grouping: ",dd" groups then ",ddd" ("12,34,567").
    if lead <= 2 {
        let mut j = 0;
        let mut pairs = DigitBuf::default();
        while b.get(j) == Some(&b',')
            && b.len() >= j + 3
            && b[j + 1..j + 3].iter().all(u8::is_ascii_digit)
            && b.get(j + 3) == Some(&b',')
        {
            pairs.push(&rest[j + 1..j + 3]);
            j += 3;
        }
        if j > 0 && group3(j + 1) {
            out.push_buf(&pairs);
            out.push(&rest[j + 1..j + 4]);
            return j + 4;
        }
    }
    // Space groups, one separator throughout; a group before "-" is an adjective ("3 500-pound").
    let Some(sep) = rest.chars().next().filter(|c| GROUP_SPACES.contains(c)) else {
        return 0;
    };
    let sl = sep.len_utf8();
    let mut k = 0;
    let mut taken = DigitBuf::default();
    while rest[k..].starts_with(sep) && group3(k + sl) {
        let after = &rest[k + sl + 3..];
        // "38 737 MAX jets": a model number is no group.
        if after.starts_with(['-', '/', ':'])
            || after.starts_with(is_word_char)
            || after.starts_with(" MAX")
            || after.starts_with(" Max")
        {
            break;
        }
        taken.push(&rest[k + sl..k + sl + 3]);
        k += sl + 3;
    }
    if k > 0 {
        out.push_buf(&taken);
    }
    k
}

/// An exponent after digits: `e10`, `E-3`, `^23`, `^-1`, `x10^6`, `×10^-4`.
fn exponent(r: &str) -> Option<(usize, i64, bool)> {
    let (head, pow) = if let Some(x) = r.strip_prefix("x10^").or_else(|| r.strip_prefix("×10^")) {
        (r.len() - x.len(), false)
    } else if let Some(x) = r.strip_prefix(['e', 'E']) {
        (r.len() - x.len(), false)
    } else if let Some(x) = r.strip_prefix('^') {
        (r.len() - x.len(), true)
    } else {
        return None;
    };
    let s = &r[head..];
    let signs = s.bytes().take_while(|&c| c == b'+' || c == b'-').count();
    if signs > 2 {
        return None;
    }
    let neg = s[..signs].bytes().filter(|&c| c == b'-').count() % 2 == 1;
    let d = s[signs..].bytes().take_while(u8::is_ascii_digit).count();
    if d == 0 || d > 3 || s[signs + d..].starts_with(is_word_char) {
        return None;
    }
    let e: i64 = s[signs..signs + d].parse().ok()?;
    Some((head + signs + d, if neg { -e } else { e }, pow))
}

/// `digits = int_part ["." digit+] [exponent] | "." digit+` with `,` (or space) grouping of
/// threes. Returns the figure (precision from the last written digit; trailing zeros of a
/// whole number are not significant).
pub fn unsigned_digits<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, Num> {
    memo::memo(&cx.scope, &cx.unsigned_digits, i, |i| {
        unsigned_digits_uncached(cx, i)
    })
}

/// The most digits a number in digits may have: with at most 28 the mantissa is below
/// 10^28, inside Decimal's 96 bits (about 7.9 × 10^28), and the scale within its 28 places.
pub const MAX_DIGITS: usize = 28;

/// The written digits of a number: the whole part with its groups, the fraction part, and
/// whether the whole part was grouped.
struct DigitsFront<'a> {
    int_digits: DigitBuf,
    frac_str: &'a str,
    grouped: bool,
}

fn digits_front<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, DigitsFront<'a>> {
    let start = i;
    let (mut rest, int) = opt(digit1).parse(i)?;
    let mut grouped = false;
    let mut int_digits = DigitBuf::default();
    if let Some(d) = int {
        int_digits.push(d);
        if d.len() <= 3 {
            let k = digit_groups(rest, d.len(), &mut int_digits);
            if k > 0 {
                rest = &rest[k..];
                grouped = true;
            }
        }
    }
    let mut frac_str = "";
    // "1.111,11", "12.345.678,9": European grouping, dots for thousands and a decimal comma.
    // Only with the comma: "1.234" alone is a decimal point.
    if !grouped
        && int.is_some_and(|d| d.len() <= 3)
        && let Some((n, f)) = european_groups(rest, &mut int_digits)
    {
        frac_str = f;
        rest = &rest[n..];
        grouped = true;
    }
    let b = rest.as_bytes();
    // "48,7 per cent", "3,5 %", "1,5 Mio.": a decimal comma, where no thousands reading is
    // possible (one or two digits after the comma, then a unit, percent or scale word).
    if !grouped
        && frac_str.is_empty()
        && int.is_some_and(|d| d.len() <= 3)
        && let Some(n) = decimal_comma(cx, rest)
    {
        frac_str = &rest[1..n];
        rest = &rest[n..];
    } else if frac_str.is_empty() && b.len() >= 2 && b[0] == b'.' && b[1].is_ascii_digit() {
        let (r, f) = digit1(&rest[1..])?;
        // "1.2.3" is a version number, not a figure.
        if r.starts_with('.') && r.as_bytes().get(1).is_some_and(u8::is_ascii_digit) {
            return fail(start);
        }
        frac_str = f;
        rest = r;
    }
    if int_digits.len == 0 && frac_str.is_empty() {
        return fail(start);
    }
    Ok((
        rest,
        DigitsFront {
            int_digits,
            frac_str,
            grouped,
        },
    ))
}

/// A number in digits too large to hold exactly: more than [`MAX_DIGITS`] digits, or a
/// value that its scale word or suffix takes past the decimal type's range ("100000000000000000
/// trillion"). Returns the bytes it takes, so that the scanner passes over it whole (rather
/// than reading a figure from its last groups) and the caller can say why it was skipped.
pub fn too_large(cx: &Cx, i: &str) -> Option<usize> {
    let (rest, front) = digits_front(cx, i).ok()?;
    if front.int_digits.len + front.frac_str.len() > MAX_DIGITS {
        return Some(i.len() - rest.len());
    }
    let (r, n) = unsigned_digits(cx, i).ok()?;
    match scale_after_digits(cx, r) {
        Ok((r2, (s, _))) if scaled(n.fig, s).is_none() => Some(i.len() - r2.len()),
        _ => None,
    }
}

/// How many whole-part digits a number in digits may have and still take the tables'
/// largest scale (a scale word, "hundred" or a suffix) inside the decimal type: the value is
/// below 10^digits and the scale below 10^(e + 1) (`e` the scale's digits less one), so their
/// product stays below 10^28 while `digits <= 27 - e`.
#[derive(Debug, Clone, Copy)]
pub struct ScaleHeadroom(usize);

impl ScaleHeadroom {
    /// The headroom of `t`'s scales.
    pub fn of(t: &super::tables::Tables) -> ScaleHeadroom {
        let max = t
            .scales
            .values()
            .copied()
            .chain(t.suffixes.iter().map(|s| s.1))
            .chain(t.hundred_words.values().map(|&v| Decimal::from(v)))
            .map(|d| d.abs().trunc())
            .max()
            .unwrap_or(Decimal::ZERO);
        // e: 10^e <= max < 10^(e + 1) (0 for a scale below 10).
        let mut e = 0usize;
        let mut p = Decimal::TEN;
        while p <= max {
            e += 1;
            match p.checked_mul(Decimal::TEN) {
                Some(n) => p = n,
                None => break,
            }
        }
        ScaleHeadroom(27usize.saturating_sub(e))
    }
}

/// [`too_large`], answering `None` without reading on for a number whose whole part has no
/// more digits than `room` allows and that no exponent follows: no scale can take it past the
/// decimal type. The same answer as `too_large`, which a property test checks.
pub fn too_large_in(cx: &Cx, i: &str, room: ScaleHeadroom) -> Option<usize> {
    let (rest, front) = digits_front(cx, i).ok()?;
    if front.int_digits.len + front.frac_str.len() > MAX_DIGITS {
        return Some(i.len() - rest.len());
    }
    // `unsigned_digits` applies an exponent only to an ungrouped number.
    if front.int_digits.len <= room.0 && (front.grouped || exponent(rest).is_none()) {
        return None;
    }
    too_large(cx, i)
}

/// The position of the first ASCII digit of `b` at or after `k` (`b.len()` when there is
/// none): sixteen bytes at a time, each block tested without a branch per byte (so it
/// vectorises), then byte by byte in the block that holds one. The same answer as a search
/// byte by byte, which a property test checks.
fn next_digit(b: &[u8], mut k: usize) -> usize {
    const BLOCK: usize = 16;
    while let Some(block) = b.get(k..k + BLOCK) {
        if block.iter().fold(false, |any, c| any | c.is_ascii_digit()) {
            break;
        }
        k += BLOCK;
    }
    b.get(k..)
        .and_then(|r| r.iter().position(u8::is_ascii_digit))
        .map_or(b.len(), |p| k + p)
}

/// The numbers in digits of `text` that [`too_large`] turns away, as byte spans: each starts
/// a word (not inside another run of digits and separators). Linear in the text.
pub fn too_large_numbers(cx: &Cx, text: &str) -> Vec<(usize, usize)> {
    let room = ScaleHeadroom::of(cx.t);
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut k = 0;
    while k < b.len() {
        k = next_digit(b, k);
        if k == b.len() {
            break;
        }
        let inside = k > 0
            && (b[k - 1].is_ascii_alphanumeric()
                || (matches!(b[k - 1], b',' | b'.') && k > 1 && b[k - 2].is_ascii_digit()));
        if !inside && let Some(n) = too_large_in(cx, &text[k..], room) {
            out.push((k, k + n));
            k += n;
            continue;
        }
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
    }
    out
}

fn unsigned_digits_uncached<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, Num> {
    let start = i;
    let (
        mut rest,
        DigitsFront {
            int_digits,
            frac_str,
            grouped,
        },
    ) = digits_front(cx, i)?;
    if int_digits.len + frac_str.len() > MAX_DIGITS {
        return fail(start);
    }
    let mantissa = int_digits
        .digits()
        .iter()
        .chain(frac_str.as_bytes())
        .fold(0i128, |m, &c| m * 10 + i128::from(c - b'0'));
    let mut value = Decimal::try_from_i128_with_scale(mantissa, frac_str.len() as u32)
        .map_err(|_| nom::Err::Error(nom::error::Error::new(start, ErrorKind::Digit)))?;
    let int_str = int_digits.digits();
    let mut precision = if !frac_str.is_empty() {
        pow10(-(frac_str.len() as i32))
    } else {
        let tz = int_str.iter().rev().take_while(|&&c| c == b'0').count();
        let tz = if tz == int_str.len() { 0 } else { tz };
        pow10(tz as i32)
    };
    let mut plain4 = !grouped && frac_str.is_empty() && int_digits.len == 4;
    if !grouped && let Some((n, e, pow)) = exponent(rest) {
        let v = if pow {
            powi(value, e)
        } else {
            powi(Decimal::TEN, e).and_then(|p| value.checked_mul(p))
        };
        if let Some(v) = v {
            precision = if pow {
                Decimal::ZERO
            } else {
                powi(Decimal::TEN, e)
                    .and_then(|p| precision.checked_mul(p))
                    .unwrap_or(Decimal::ZERO)
            };
            value = v;
            rest = &rest[n..];
            plain4 = false;
        }
    }
    Ok((
        rest,
        Num {
            // `normalize` only strips trailing zeros of a fraction part.
            fig: Figure::new(
                if frac_str.ends_with('0') {
                    value.normalize()
                } else {
                    value
                },
                precision,
            ),
            kind: NumKind::Digits,
            grouped,
            plain4,
        },
    ))
}

/// European grouping after a lead of one to three digits: one or more ".ddd" groups, then a
/// decimal comma and its digits ("1.111,11"). Pushes the groups onto `out` and returns the
/// length read and the fraction's digits; `None` (and `out` untouched) for any other shape.
fn european_groups<'a>(rest: &'a str, out: &mut DigitBuf) -> Option<(usize, &'a str)> {
    let b = rest.as_bytes();
    let mut k = 0;
    while b.get(k) == Some(&b'.')
        && b.len() >= k + 4
        && b[k + 1..k + 4].iter().all(u8::is_ascii_digit)
        && !b.get(k + 4).is_some_and(u8::is_ascii_digit)
    {
        k += 4;
    }
    if k == 0 || b.get(k) != Some(&b',') {
        return None;
    }
    let f = b[k + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
    let after = &rest[k + 1 + f..];
    // "1.234,567": a comma group of three reads as thousands in other copy; a list
    // ("1.234,5,6") or a word glued on is no figure of this shape.
    if f == 0
        || f == 3
        || after.starts_with(is_word_char)
        || (after.starts_with([',', '.']) && after[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let mut g = 0;
    while g < k {
        out.push(&rest[g + 1..g + 4]);
        g += 4;
    }
    Some((k + 1 + f, &rest[k + 1..k + 1 + f]))
}

/// A decimal comma at the start of `rest` (",7 per cent", ",5 %", ",5 Mio."): the length of
/// the comma and its one or two digits when a unit, percent or scale word follows them (a
/// thousands group has three digits, so ",7" can be no group).
fn decimal_comma(cx: &Cx, rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    if b.first() != Some(&b',') {
        return None;
    }
    let d = b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&d) {
        return None;
    }
    let n = 1 + d;
    let after = &rest[n..];
    // "12,34,567" (Indian grouping), "3,5,7": a list or groups.
    if after.starts_with(is_word_char)
        || ((after.starts_with(',') || after.starts_with('.'))
            && after[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let next = ws0(after).map_or(after, |(r, _)| r);
    let attached = next.len() == after.len();
    let unit_follows = super::quantity::unit(cx, next, attached).is_some()
        || scale_word(cx, next).is_ok()
        || super::quantity::currency_name(cx, next, false).is_some();
    unit_follows.then_some(n)
}

/// A letter suffix or a scale word after digits: "k", "M", "bn", " million", " hundred".
pub fn scale_after_digits<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, (Decimal, bool)> {
    memo::memo(&cx.scope, &cx.scale_after_digits, i, |i| {
        scale_after_digits_uncached(cx, i)
    })
}

fn scale_after_digits_uncached<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, (Decimal, bool)> {
    // Suffix directly attached or after one space, then a non-word char.
    let (r, _) = ws0(i)?;
    // A word that is no suffix (lower-cased) and no scale or hundred word is turned away.
    if word_class(cx.t, r).is_some_and(|c| c.none_of(WordClass::SUFFIX | WordClass::MULTIPLIER)) {
        return fail(i);
    }
    let first = r.as_bytes().first().copied();
    for (s, v) in &cx.t.suffixes {
        // Cheap test first: a suffix can only match where its first byte stands.
        if s.as_bytes().first().copied() != first {
            continue;
        }
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
    let (r2, w) = scale_word(cx, r)?;
    Ok((r2, (w, false)))
}

/// A scale word ("million", "millions", "bn" written out as "bln") or "hundred".
pub fn scale_word<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, Decimal> {
    let t = cx.t;
    if word_class(t, i).is_some_and(|c| c.none_of(WordClass::MULTIPLIER)) {
        return fail(i);
    }
    let (r, w) = super::text::word(i)?;
    let lw = lower(w);
    // One lookup turns away a word that is neither a scale or hundred word nor its plural.
    if t.number_word_kinds
        .get(lw.as_ref())
        .is_none_or(|k| k.none_of(WordClass::MULTIPLIER))
    {
        return fail(i);
    }
    let key = lw
        .strip_suffix('s')
        .filter(|k| t.scales.contains_key(*k) || t.hundred_words.contains_key(*k))
        .unwrap_or(&lw);
    if let Some(v) = t.scales.get(key) {
        return Ok((r, *v));
    }
    if let Some(v) = t.hundred_words.get(key) {
        return Ok((r, Decimal::from(*v)));
    }
    fail(i)
}

/// `digit_number = [sign] digits [scale] | [sign] digits ws digit_fraction | [sign]
/// digit_fraction` (the sign only where the caller allows it).
pub fn digit_number<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, Num> {
    // Every sign starts with one of these bytes ("−" and "–" with 0xE2).
    let (r, neg) = if i
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'-' | b'+' | 0xE2 | b'm' | b'M' | b'n' | b'N'))
    {
        opt(sign).parse(i)?
    } else {
        (i, None)
    };
    let (r, mut n) = unsigned_digits(cx, r)?;
    let (r, scale) = match scale_after_digits(cx, r) {
        Ok((r2, (s, _))) => (r2, Some(s)),
        Err(_) => (r, None),
    };
    if let Some(s) = scale {
        let Some(fig) = scaled(n.fig, s) else {
            return fail(i);
        };
        n.fig = fig;
        n.plain4 = false;
    }
    let negate = |mut n: Num| {
        if neg == Some(true) {
            n.fig.value = -n.fig.value;
            n.plain4 = false;
        }
        n
    };
    // "3/4": a digit fraction (not a date: no second slash, numerator below 1000).
    if scale.is_none()
        && let Some((r2, f)) = digit_fraction(cx, n, r)
    {
        return Ok((r2, negate(f)));
    }
    // "2½", "3 ½": a whole number and a vulgar fraction (every vulgar char starts with byte
    // 0xC2 or 0xE2).
    let rv = match r.as_bytes().first() {
        Some(b' ') => &r[1..],
        _ => r,
    };
    if matches!(rv.as_bytes().first(), Some(0xC2 | 0xE2))
        && scale.is_none()
        && !n.grouped
        && n.fig.value.fract().is_zero()
        && let Ok((r2, f)) = vulgar(rv)
    {
        let mut m = f;
        m.fig.value = ck(m.fig.value.checked_add(n.fig.value), i)?;
        return Ok((r2, negate(m)));
    }
    // "2 1/4": a whole number and a proper fraction.
    if scale.is_none()
        && !n.grouped
        && let Ok((r1, _)) = ws(r)
        && r1.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && n.fig.value.fract().is_zero()
        && let Ok((r2, num)) = unsigned_digits(cx, r1)
        && !num.grouped
        && let Some((r3, f)) = digit_fraction(cx, num, r2)
        && f.fig.value < Decimal::ONE
    {
        let mut m = f;
        m.fig.value = ck(m.fig.value.checked_add(n.fig.value), i)?;
        return Ok((r3, negate(m)));
    }
    Ok((r, negate(n)))
}

fn digit_fraction<'a>(cx: &Cx, n: Num, r: &'a str) -> Option<(&'a str, Num)> {
    let rest = r.strip_prefix('/')?;
    let (r2, d) = unsigned_digits(cx, rest).ok()?;
    if r2.starts_with('/')
        || r2.starts_with(is_word_char)
        || d.fig.value.is_zero()
        || !n.fig.value.fract().is_zero()
        || !d.fig.value.fract().is_zero()
        || n.fig.value >= Decimal::from(1000)
        || d.fig.value > Decimal::from(1000)
        || n.grouped
        || d.grouped
    {
        return None;
    }
    Some((
        r2,
        Num {
            fig: Figure::new(n.fig.value / d.fig.value, Decimal::ZERO),
            kind: NumKind::Fraction,
            grouped: false,
            plain4: false,
        },
    ))
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Tok {
    Unit(u32),
    Tens(u32),
    Hundred,
    Scale(Decimal),
    A,
    Digits(u32),
}

fn word_tok<'a>(cx: &Cx, i: &'a str, digits: bool) -> IResult<&'a str, Tok> {
    if digits && i.starts_with(|c: char| c.is_ascii_digit()) {
        let (r, d) = digit1(i)?;
        let b = r.as_bytes();
        if d.len() > 3
            || r.starts_with(is_word_char)
            || (b.len() >= 2 && (b[0] == b'.' || b[0] == b',') && b[1].is_ascii_digit())
        {
            return fail(i);
        }
        return Ok((r, Tok::Digits(d.parse().unwrap_or(0))));
    }
    let t = cx.t;
    // The word's class: its number-word kinds say exactly which tables below hold it (every
    // kind when the word is not plain ASCII: every table is asked).
    let class = word_class(t, i);
    if class.is_some_and(|c| c.none_of(WordClass::NUMBER_WORD | WordClass::NUMBER_OPENER)) {
        return fail(i);
    }
    let kinds = class.map_or(WordClass::ALL, |c| c.common(WordClass::NUMBER_WORD));
    let (r, w) = super::text::word(i)?;
    let lw = lower(w);
    // One lookup turns away a word in none of the tables below.
    if class.is_none() && !t.number_word_kinds.contains_key(lw.as_ref()) && lw != "a" && lw != "an"
    {
        return fail(i);
    }
    if kinds.any_of(WordClass::ONES)
        && let Some(v) = t.units_words.get(lw.as_ref())
    {
        return Ok((r, Tok::Unit(*v)));
    }
    if kinds.any_of(WordClass::TENS)
        && let Some(v) = t.tens_words.get(lw.as_ref())
    {
        return Ok((r, Tok::Tens(*v)));
    }
    if kinds.any_of(WordClass::HUNDRED) && t.hundred_words.contains_key(lw.as_ref()) {
        return Ok((r, Tok::Hundred));
    }
    if kinds.any_of(WordClass::SCALE)
        && let Some(v) = t.scales.get(lw.as_ref())
    {
        return Ok((r, Tok::Scale(*v)));
    }
    if lw == "a" || lw == "an" {
        return Ok((r, Tok::A));
    }
    fail(i)
}

/// A word number with what the fraction productions need to know about its shape.
#[derive(Debug, Clone, Copy)]
pub struct WordNum {
    /// The number.
    pub num: Num,
    /// When the last group was joined by "and": the value before it and the last group
    /// ("one hundred and three" → (100, 3)).
    pub and_split: Option<(Decimal, Decimal)>,
    /// The last scale word, when the number ends in one ("three million").
    pub trailing_scale: Option<Decimal>,
    /// The scale word just before the last "and" ("two million and three" → a million).
    pub and_scale: Option<Decimal>,
}

fn separator(i: &str, spaced_hyphen: bool) -> IResult<&str, bool> {
    if let Some(r) = i.strip_prefix('-') {
        return Ok((r, false));
    }
    let (r, _) = ws(i)?;
    if spaced_hyphen
        && let Some(r2) = r.strip_prefix('-')
        && let Ok((r3, _)) = ws(r2)
    {
        return Ok((r3, false));
    }
    if let Ok((r2, _)) = (word_ci("and"), ws).parse(r) {
        return Ok((r2, true));
    }
    Ok((r, false))
}

/// `word_number = word_group {("-" | ws ["and" ws]) word_group}`: "seven", "twenty-five",
/// "one hundred and twelve", "a hundred", "three hundred thousand", "three lakh crore",
/// "fifty - two", "4 thousand 3 hundred and 21", "two hundred point zero three".
pub fn word_number<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, Num> {
    word_number_parts(cx, i).map(|(r, w)| (r, w.num))
}

/// [`word_number`] with its shape.
pub fn word_number_parts<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, WordNum> {
    memo::memo(&cx.scope, &cx.word_number_parts, i, |i| {
        word_number_parts_uncached(cx, i)
    })
}

fn word_number_parts_uncached<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, WordNum> {
    let (mut rest, first) = word_tok(cx, i, true)?;
    let mut total = Decimal::ZERO;
    let mut current = Decimal::ZERO;
    let mut last = first;
    let mut last_scale: Option<Decimal> = None;
    let mut precision = Decimal::ONE;
    let mut seen_value = false;
    let mut has_digits = false;
    let mut has_word_scale = false;
    let mut and_split: Option<(Decimal, Decimal)> = None;
    let mut and_scale: Option<Decimal> = None;
    match first {
        Tok::Unit(v) | Tok::Tens(v) => {
            current = Decimal::from(v);
            seen_value = true;
        }
        Tok::Digits(v) => {
            current = Decimal::from(v);
            seen_value = true;
            has_digits = true;
        }
        Tok::A => {}
        _ => return fail(i),
    }
    loop {
        let spaced = matches!(last, Tok::Tens(_));
        let Ok((r, had_and)) = separator(rest, spaced) else {
            break;
        };
        let Ok((r2, tok)) = word_tok(cx, r, true) else {
            break;
        };
        let ok = match (last, tok) {
            (_, Tok::A) => false,
            (Tok::A, Tok::Hundred) | (Tok::A, Tok::Scale(_)) => true,
            (Tok::A, _) => false,
            (Tok::Digits(_), Tok::Unit(_) | Tok::Tens(_) | Tok::Digits(_)) => false,
            (Tok::Unit(_) | Tok::Tens(_), Tok::Digits(_)) => false,
            (Tok::Hundred, Tok::Digits(v)) => v < 100,
            (Tok::Scale(_), Tok::Digits(v)) => v < 1000,
            (Tok::Unit(_), Tok::Unit(_)) | (Tok::Unit(_), Tok::Tens(_)) => false,
            (Tok::Tens(_), Tok::Unit(u)) => u < 10 && !had_and,
            (Tok::Tens(_), Tok::Tens(_)) => false,
            (Tok::Hundred, Tok::Hundred) => false,
            (_, Tok::Hundred) => {
                !had_and && current > Decimal::ZERO && current < Decimal::from(100)
            }
            (Tok::Hundred, Tok::Unit(_)) | (Tok::Hundred, Tok::Tens(_)) => true,
            (Tok::Scale(_), Tok::Unit(_)) | (Tok::Scale(_), Tok::Tens(_)) => true,
            (Tok::Scale(l), Tok::Scale(s)) if s > l => {
                // "three lakh crore": a larger scale multiplies what came before.
                !had_and && current.is_zero()
            }
            (_, Tok::Scale(s)) => !had_and && last_scale.is_none_or(|l| s < l),
        };
        if !ok {
            break;
        }
        // "3 hundred and 2 hundred": two numbers, not 302 and a stray "hundred".
        if had_and && matches!(tok, Tok::Unit(_) | Tok::Tens(_) | Tok::Digits(_)) {
            let peek = separator(r2, false)
                .ok()
                .and_then(|(r3, _)| word_tok(cx, r3, false).ok())
                .map(|(_, t)| t);
            let clash = match peek {
                Some(Tok::Hundred) => matches!(last, Tok::Hundred),
                Some(Tok::Scale(s2)) => last_scale.is_some_and(|l| s2 >= l),
                _ => false,
            };
            if clash {
                break;
            }
        }
        // "4 thousand 3 hundred and 0": a zero after "and" is a number of its own.
        if had_and && matches!(tok, Tok::Unit(0) | Tok::Digits(0)) {
            break;
        }
        if had_and {
            let Some(sum) = total.checked_add(current) else {
                break;
            };
            and_split = Some((sum, Decimal::ZERO));
            and_scale = match last {
                Tok::Scale(s) => Some(s),
                _ => None,
            };
        }
        match tok {
            Tok::Unit(v) | Tok::Tens(v) | Tok::Digits(v) => {
                let Some(c) = current
                    .checked_add(Decimal::from(v))
                    .filter(|c| total.checked_add(*c).is_some())
                else {
                    break;
                };
                current = c;
                precision = Decimal::ONE;
                if matches!(tok, Tok::Digits(_)) {
                    has_digits = true;
                }
                if let Some((b, _)) = and_split {
                    and_split = Some((b, total + current - b));
                }
            }
            Tok::Hundred => {
                if current.is_zero() {
                    current = Decimal::ONE;
                }
                let Some(c) = current.checked_mul(Decimal::ONE_HUNDRED) else {
                    break;
                };
                current = c;
                precision = Decimal::from(100);
                has_word_scale = true;
                and_split = None;
            }
            Tok::Scale(s) => {
                has_word_scale = true;
                and_split = None;
                if matches!(last, Tok::Scale(l) if s > l) {
                    let (Some(t), Some(p)) = (total.checked_mul(s), precision.checked_mul(s))
                    else {
                        break;
                    };
                    total = t;
                    precision = p;
                } else {
                    let c = if current.is_zero() {
                        Decimal::ONE
                    } else {
                        current
                    };
                    let Some(t) = c.checked_mul(s).and_then(|cs| total.checked_add(cs)) else {
                        break;
                    };
                    total = t;
                    current = Decimal::ZERO;
                    precision = s;
                }
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
    // Digits take part only next to a written hundred or scale ("4 thousand 3 hundred").
    if has_digits && !has_word_scale {
        return fail(i);
    }
    let mut value = ck(total.checked_add(current), i)?;
    if precision > Decimal::ONE
        && !current.is_zero()
        && last_scale.is_some()
        && !matches!(last, Tok::Scale(_) | Tok::Hundred)
    {
        precision = Decimal::ONE;
    }
    // "two hundred point zero three", "nought point eleven".
    if !has_digits
        && let Ok((r, _)) = (ws, word_ci("point"), ws).parse(rest)
        && let Some((r2, digits)) = point_digits(cx, r)
        && let Ok(f) = Decimal::from_str(&format!("0.{digits}"))
    {
        value = ck(value.checked_add(f), i)?;
        precision = pow10(-(digits.len() as i32));
        rest = r2;
        and_split = None;
    }
    let trailing_scale = match last {
        Tok::Scale(s) => Some(s),
        _ => None,
    };
    Ok((
        rest,
        WordNum {
            num: Num {
                fig: Figure::new(value, precision),
                kind: NumKind::Words,
                grouped: false,
                plain4: false,
            },
            and_split,
            trailing_scale,
            and_scale,
        },
    ))
}

/// The digits after "point": digit words one by one ("zero three") or one word number
/// ("seventy-one", "eleven").
fn point_digits<'a>(cx: &Cx, i: &'a str) -> Option<(&'a str, String)> {
    let mut out = String::new();
    let mut rest = i;
    loop {
        let r = if out.is_empty() {
            rest
        } else {
            match ws(rest) {
                Ok((r, _)) => r,
                Err(_) => break,
            }
        };
        match word_tok(cx, r, false) {
            Ok((r2, Tok::Unit(v))) if v < 10 => {
                out.push(char::from(b'0' + v as u8));
                rest = r2;
            }
            _ => break,
        }
        if out.len() > 20 {
            break;
        }
    }
    // A single word number such as "seventy-one" or "eleven".
    if let Ok((r2, w)) = word_number_parts(cx, i)
        && w.num.fig.value.fract().is_zero()
        && w.num.fig.value > Decimal::from(9)
        && w.num.fig.value < Decimal::from(1000)
    {
        return Some((r2, w.num.fig.value.to_string()));
    }
    (!out.is_empty()).then_some((rest, out))
}

/// A collective: "a dozen", "two dozen", "half a dozen", "five dozs" → the number.
pub fn collective<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, Num> {
    let (r, mult) = alt((
        (word_ci("half"), ws, alt((word_ci("a"), word_ci("an"))), ws).map(|_| Decimal::new(5, 1)),
        (alt((word_ci("a"), word_ci("an"))), ws).map(|_| Decimal::ONE),
        (|i| word_number_parts(cx, i), ws).map(|(n, _)| n.num.fig.value),
        (|i| unsigned_digits(cx, i), ws0).map(|(n, _)| n.fig.value),
    ))
    .parse(i)?;
    // "three hundred and two dozens": the dozens are the part after "and".
    let (base, mult) = match word_number_parts(cx, i) {
        Ok((_, w)) => match w.and_split {
            Some((b, a)) if !a.is_zero() && w.num.fig.value == mult => (b, a),
            _ => (Decimal::ZERO, mult),
        },
        Err(_) => (Decimal::ZERO, mult),
    };
    let (r2, w) = super::text::word(r)?;
    let lw = lower(w);
    let article = i.starts_with(['a', 'A']);
    match cx.t.collectives.get(lw.as_ref()) {
        Some(v) if !lw.ends_with('s') || mult != Decimal::ONE || !article => {
            let value = ck(
                mult.checked_mul(Decimal::from(*v))
                    .and_then(|m| m.checked_add(base)),
                i,
            )?;
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

fn frac_num(v: Decimal) -> Num {
    Num {
        fig: Figure::new(v, Decimal::ZERO),
        kind: NumKind::Fraction,
        grouped: false,
        plain4: false,
    }
}

/// A vulgar fraction character ("½", "¾").
pub fn vulgar(i: &str) -> IResult<&str, Num> {
    let c = i.chars().next().unwrap_or(' ');
    let (n, d) = match c {
        '½' => (1, 2),
        '⅓' => (1, 3),
        '⅔' => (2, 3),
        '¼' => (1, 4),
        '¾' => (3, 4),
        '⅕' => (1, 5),
        '⅖' => (2, 5),
        '⅗' => (3, 5),
        '⅘' => (4, 5),
        '⅙' => (1, 6),
        '⅚' => (5, 6),
        '⅛' => (1, 8),
        '⅜' => (3, 8),
        '⅝' => (5, 8),
        '⅞' => (7, 8),
        _ => return fail(i),
    };
    Ok((
        &i[c.len_utf8()..],
        frac_num(Decimal::from(n) / Decimal::from(d)),
    ))
}

/// A denominator: a fraction word, or a tens word joined to an ordinal ("twenty-fifth",
/// "twenty firsts").
fn denominator<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, (bool, Decimal, bool)> {
    if let Ok((r, (w, d))) = fraction_word(cx, i) {
        return Ok((r, (w.ends_with('s'), d, w == "half" || w == "quarter")));
    }
    let (r, w) = super::text::word(i)?;
    let Some(t) = cx.t.tens_words.get(lower(w).as_ref()).copied() else {
        return fail(i);
    };
    let (r, _) = alt((tag("-"), ws)).parse(r)?;
    let (r2, w2) = super::text::word(r)?;
    let lw2 = lower(w2);
    let plural = lw2.ends_with('s');
    let u = match lw2.trim_end_matches('s') {
        "first" => Decimal::ONE,
        "second" => Decimal::TWO,
        other => match cx.t.fractions.get(other) {
            Some(d) if *d < Decimal::TEN => *d,
            _ => return fail(i),
        },
    };
    Ok((r2, (plural, Decimal::from(t) + u, false)))
}

/// Whether a group ending in `c` (the value of the words before an ordinal) composes with the
/// ordinal `ord` into one ordinal number: a tens word before an ordinal below ten ("thirty
/// fifth"), a hundred or scale word before any ordinal below a hundred ("one hundred fifth",
/// "one thousand twentieth").
fn composes(c: Decimal, ord: Decimal) -> bool {
    if !c.fract().is_zero() || c < Decimal::from(20) || ord >= Decimal::ONE_HUNDRED {
        return false;
    }
    let last = c % Decimal::ONE_HUNDRED;
    last.is_zero()
        || (ord < Decimal::TEN && (last % Decimal::TEN).is_zero() && last >= Decimal::from(20))
}

/// A denominator written as a compound ordinal after a number that cannot take its first
/// word: "one | one hundred fifth", "one | one hundred and fifth", "twenty | twenty fifths".
fn compound_denominator<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, (bool, Decimal, bool)> {
    let (r, c) = word_number_parts(cx, i)?;
    let cv = c.num.fig.value;
    if !composes(cv, Decimal::ONE) {
        return fail(i);
    }
    let r = match (ws, word_ci("and"), ws).parse(r) {
        Ok((r2, _)) if (cv % Decimal::ONE_HUNDRED).is_zero() => r2,
        _ => fraction_sep(r)?.0,
    };
    let (r2, (w, ord)) = fraction_word(cx, r)?;
    if !composes(cv, ord) {
        return fail(i);
    }
    Ok((r2, (w.ends_with('s'), cv + ord, false)))
}

/// The numerator and denominator of words `i[..end]` followed by the ordinal `ord` when the
/// words end in a group that composes with the ordinal and the words before that group are a
/// number of their own: "one hundred thirty fifths" is a hundred thirty-fifths, "one hundred
/// one thousand fifths" a hundred one-thousand-fifths. The earliest such split wins (the
/// longest denominator). Never after "and" or a hyphen, which join words into one number
/// ("one hundred and thirty fifths" is 130 fifths, "ninety - five hundred fifths" 9,500).
fn resplit(cx: &Cx, i: &str, end: usize, ord: Decimal) -> Option<(Decimal, Decimal)> {
    let b = i.as_bytes();
    for k in 1..end {
        if !(matches!(b[k - 1], b' ' | b'\t') && b[k].is_ascii_alphabetic()) {
            continue;
        }
        let before = i[..k].trim_end_matches([' ', '\t']);
        let last = before
            .rsplit(|c: char| !c.is_ascii_alphabetic())
            .next()
            .unwrap_or("");
        if last.is_empty() || last.eq_ignore_ascii_case("and") {
            continue;
        }
        let Ok(("", n)) = word_number_parts(cx, before) else {
            continue;
        };
        let Ok(("", c)) = word_number_parts(cx, &i[k..end]) else {
            continue;
        };
        let cv = c.num.fig.value;
        if composes(cv, ord) {
            return Some((n.num.fig.value, cv + ord));
        }
    }
    None
}

pub(crate) fn fraction_sep(i: &str) -> IResult<&str, ()> {
    alt(((ws0, tag("-"), ws0).map(|_| ()), ws.map(|_| ()))).parse(i)
}

/// After a fraction: an optional scale ("half million", "two thirds of a million").
fn try_frac_scale<'a>(cx: &Cx, r: &'a str) -> Option<(&'a str, Decimal)> {
    let (r, _) = ws(r).ok()?;
    let r = match (word_ci("of"), ws).parse(r) {
        Ok((r2, _)) => r2,
        Err(_) => r,
    };
    let r = match (alt((word_ci("a"), word_ci("an"))), ws).parse(r) {
        Ok((r2, _)) => r2,
        Err(_) => r,
    };
    let (r2, w) = super::text::word(r).ok()?;
    let lw = lower(w);
    if let Some(v) = cx.t.scales.get(lw.as_ref()) {
        return Some((r2, *v));
    }
    let c = cx.t.collectives.get(lw.as_ref())?;
    (!lw.ends_with('s')).then(|| (r2, Decimal::from(*c)))
}

pub(crate) fn fraction_scale<'a>(cx: &Cx, r: &'a str) -> (&'a str, Option<Decimal>) {
    match try_frac_scale(cx, r) {
        Some((r2, s)) => (r2, Some(s)),
        None => (r, None),
    }
}

/// A fraction that ends a number after "and": "a half", "three quarters", "a thirtieth".
pub(crate) fn fraction_tail<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, Decimal> {
    let (r, num) = alt((
        (
            alt((word_ci("a"), word_ci("an"), word_ci("one"))),
            fraction_sep,
        )
            .map(|_| Decimal::ONE),
        (|i| word_number(cx, i), fraction_sep).map(|(n, _)| n.fig.value),
    ))
    .parse(i)?;
    let (r, (plural, den, _)) = denominator(cx, r)?;
    if num == Decimal::ONE && plural {
        return fail(i);
    }
    Ok((r, num / den))
}

/// Whether the words after an ordinal make it an adjective: "one fifth-grade class", "one
/// twentieth-century painting", "one nineteenth century house".
fn ordinal_adjective(r: &str) -> bool {
    (r.starts_with('-') && r[1..].starts_with(|c: char| c.is_alphabetic()))
        || ["century", "centuries"]
            .iter()
            .any(|w| phrase_ci(r.trim_start_matches([' ', '\t']), w).is_some())
}

/// After a fraction written with an article ("a third"), it is a fraction only before "of"
/// or a scale word, or at the end: "a third of the region", not "a third round".
fn article_fraction_ok(cx: &Cx, r: &str) -> bool {
    let t = r.trim_start_matches([' ', '\t']);
    // "or about a third, said", "or a fifth." : a share closing its phrase.
    t.is_empty()
        || (t.len() == r.len() && t.starts_with([',', '.', ';', ')', ':']))
        || phrase_ci(t, "of").is_some()
        || scale_word(cx, t).is_ok()
}

/// `fraction = [numerator sep] denominator [scale] | whole "and" fraction_tail [scale] |
/// vulgar | numerator ("over" | "out of" | "in") number`: "two thirds", "a quarter", "half",
/// "one and a half", "three quarters", "one hundred and three quarters", "3 million and a
/// half", "half a million", "a twenty-first", "one over three".
pub fn fraction<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, Num> {
    if let Ok(r) = vulgar(i) {
        return Ok(r);
    }
    // A bare "half" / "quarter" (and "half a million").
    if let Ok((r, (w, d))) = fraction_word(cx, i)
        && (w == "half" || w == "quarter")
    {
        // "quarter to midnight", "half past ten": clock phrases.
        let next = r.trim_start_matches([' ', '\t']);
        if ["to", "past", "after"]
            .iter()
            .any(|p| phrase_ci(next, p).is_some())
        {
            return fail(i);
        }
        let (r2, s) = fraction_scale(cx, r);
        let v = Decimal::ONE / d * s.unwrap_or(Decimal::ONE);
        let mut n = frac_num(v);
        if s.is_some() {
            n.kind = NumKind::Words;
        }
        return Ok((r2, n));
    }
    // The whole part or numerator.
    let article = (alt((word_ci("a"), word_ci("an"))), fraction_sep)
        .parse(i)
        .ok()
        .map(|(r, _)| r);
    let whole: Option<(&str, WordNum)> = word_number_parts(cx, i).ok().or_else(|| {
        let (r, n) = unsigned_digits(cx, i).ok()?;
        let (r, s) = match scale_after_digits(cx, r) {
            Ok((r2, (s, _))) => (r2, Some(s)),
            Err(_) => (r, None),
        };
        let mut n = n;
        if let Some(s) = s {
            n.fig = scaled(n.fig, s)?;
        }
        Some((
            r,
            WordNum {
                num: n,
                and_split: None,
                trailing_scale: s,
                and_scale: None,
            },
        ))
    });
    // "a third of", "a twenty-first".
    if whole.is_none()
        && let Some(r) = article
    {
        let (r2, (plural, den, half_or_quarter)) = denominator(cx, r)?;
        if plural || !(half_or_quarter || article_fraction_ok(cx, r2)) {
            return fail(i);
        }
        let (r3, s) = fraction_scale(cx, r2);
        return Ok((r3, frac_num(s.unwrap_or(Decimal::ONE) / den)));
    }
    let Some((r, w)) = whole else {
        return fail(i);
    };
    // Every form below goes on with a word after the whole part; most numbers are followed by
    // some other word, and are turned away here without trying the forms.
    if !may_continue_fraction(cx, r) {
        return fail(i);
    }
    let wv = w.num.fig.value;
    // whole "and" fraction_tail: "one and a half", "3 million and a quarter",
    // "twenty and three and three fifths".
    if let Ok((r1, _)) = (ws, word_ci("and"), ws).parse(r) {
        let tail = fraction_tail(cx, r1)
            .map(|(r2, f)| (r2, Decimal::ZERO, f))
            .or_else(|_| {
                let (r2, m) = word_number(cx, r1)?;
                let (r3, _) = (ws, word_ci("and"), ws).parse(r2)?;
                let (r4, f) = fraction_tail(cx, r3)?;
                Ok::<_, nom::Err<nom::error::Error<&str>>>((r4, m.fig.value, f))
            });
        if let Ok((r2, m, f)) = tail {
            let (r3, s2) = fraction_scale(cx, r2);
            let v = match (w.trailing_scale, s2) {
                (Some(_), Some(s)) | (Some(s), None) => m
                    .checked_add(f)
                    .and_then(|x| x.checked_mul(s))
                    .and_then(|x| x.checked_add(wv)),
                (None, Some(s)) => wv
                    .checked_add(m)
                    .and_then(|x| x.checked_add(f))
                    .and_then(|x| x.checked_mul(s)),
                (None, None) => wv.checked_add(m).and_then(|x| x.checked_add(f)),
            };
            let v = ck(v, i)?;
            let mut n = frac_num(v);
            if v >= Decimal::ONE {
                n.kind = NumKind::Words;
            }
            return Ok((r3, n));
        }
    }
    // numerator denominator: "two thirds", "one hundred and three quarters", "two million
    // and three fifths", "a hundred thousand trillionths".
    if (w.trailing_scale.is_none() || w.num.kind == NumKind::Words)
        && let Ok((r1, _)) = fraction_sep(r)
        && let Ok((r2, (plural, den, _))) =
            compound_denominator(cx, r1).or_else(|_| denominator(cx, r1))
        && !ordinal_adjective(r2)
    {
        // "one hundred thirty fifths": the tens word may be the denominator's.
        let split = if w.num.kind == NumKind::Words
            && w.and_split.is_none()
            && fraction_word(cx, r1).is_ok_and(|(r, _)| r.len() == r2.len())
        {
            resplit(cx, i, i.len() - r.len(), den)
        } else {
            None
        };
        let (wv, den) = split.unwrap_or((wv, den));
        let (r3, s) = fraction_scale(cx, r2);
        let v = match w.and_split {
            // A proper fraction after "and" is the fraction part ("one hundred and three
            // quarters"); an improper one takes the whole ("one hundred and thirty fifths").
            Some((before, after)) if !after.is_zero() && after < den => ck(
                (after / den)
                    .checked_mul(s.or(w.and_scale).unwrap_or(Decimal::ONE))
                    .and_then(|x| x.checked_add(before)),
                i,
            )?,
            _ => {
                // "two third" is not English; "one thirds" neither.
                if (wv > Decimal::ONE && !plural) || (wv == Decimal::ONE && plural) {
                    return fail(i);
                }
                ck((wv / den).checked_mul(s.unwrap_or(Decimal::ONE)), i)?
            }
        };
        let mut n = frac_num(v);
        if s.is_some() || v >= Decimal::ONE {
            n.kind = NumKind::Words;
        }
        return Ok((r3, n));
    }
    // "one over three", "1 in twenty-one": only where nothing (or only a bound: "2 in 5 or
    // more") follows the denominator.
    if w.trailing_scale.is_none()
        && wv.fract().is_zero()
        && let Ok((r1, (_, link, _))) = (
            ws,
            alt((
                word_ci("over").map(|_| Link::Over),
                word_ci("out of").map(|_| Link::OutOf),
                word_ci("in").map(|_| Link::In),
            )),
            ws,
        )
            .parse(r)
        // "one in every five adults", "one out of every four".
        && let Some((r1, every)) = Some(match (word_ci("every"), ws).parse(r1) {
            Ok((r1e, _)) if link != Link::Over => (r1e, true),
            _ => (r1, false),
        })
        && let Ok((r2, d)) = alt((|i| word_number(cx, i), |i| unsigned_digits(cx, i))).parse(r1)
        && !d.fig.value.is_zero()
        && (link == Link::Over || wv <= d.fig.value)
        && d.fig.value.fract().is_zero()
        && !d.plain4
        && (r2
            .trim_start_matches([' ', '\t'])
            .chars()
            .next()
            .is_none_or(|c| ".,;!?)".contains(c))
            // "2 in 5 or more": a bound after it, and still no noun.
            || super::quantity::hedge_after(cx, r2).is_ok()
            // "one in eight pupils", "nearly 4 in 10 voters": a counted noun after it, when
            // it is no unit ("2 in 5 minutes" is a duration, "1 in 3 km" a length). After
            // "out of" only a share of a few ("two out of three voters", "nine out of 10
            // schools", "one out of every four"): "80 out of 111 drones" is a part and its
            // whole, two counts.
            || (ratio_link(link, every, wv, d.fig.value) && counted_after_ratio(cx, r2)))
    {
        return Ok((r2, frac_num(wv / d.fig.value)));
    }
    fail(i)
}

/// The word between a ratio's numerator and its denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// "one over three": a fraction only where nothing follows.
    Over,
    /// "two out of three".
    OutOf,
    /// "one in five".
    In,
}

/// Whether "N in M" or "N out of M" before a counted noun is a share of that noun ("one in
/// five adults"), not a part and its whole: always after "in" or "every", after "out of" when
/// the whole is ten or fewer and larger than the part.
fn ratio_link(link: Link, every: bool, part: Decimal, whole: Decimal) -> bool {
    match link {
        Link::Over => false,
        Link::In => true,
        Link::OutOf => every || (whole <= Decimal::TEN && part < whole),
    }
}

/// Whether `r` (after a ratio's denominator: "one in eight| pupils") starts with a space and
/// a word that is no unit, currency or scale word, nor a conjunction or a preposition but
/// "of": a noun the ratio counts ("one in five Americans", "one in five of those asked").
fn counted_after_ratio(cx: &Cx, r: &str) -> bool {
    let Ok((next, sp)) = ws0(r) else {
        return false;
    };
    // A capital starts a noun too ("one in five Americans", "4 in 10 Labour voters").
    if sp.is_empty() || !next.starts_with(char::is_alphabetic) {
        return false;
    }
    super::quantity::unit(cx, next, false).is_none()
        && super::quantity::currency_name(cx, next, false).is_none()
        && scale_word(cx, next).is_err()
        && !matches!(
            next.split(|c: char| !c.is_alphanumeric()).next(),
            Some("and" | "or" | "to" | "in" | "on" | "at" | "by" | "for" | "from")
        )
}

/// The text after horizontal spaces (as [`ws`] takes them) and at most one hyphen with
/// optional spaces after it: where the word after a number or an article starts ("5 million",
/// "twenty - five", "a - dozen").
fn next_word_start(r: &str) -> &str {
    let skip = |s| ws0(s).map_or(s, |(rest, _)| rest);
    let t = skip(r);
    t.strip_prefix('-').map_or(t, skip)
}

/// Whether the word after a fraction's whole part (after spaces, or a hyphen with optional
/// spaces around it: what `ws` and `fraction_sep` take) can go on with it: "and", "over",
/// "out" (of), "in", or a denominator's first word (a fraction word, a tens word, or a units
/// word starting a compound ordinal: "one | one hundred fifth"). A necessary condition only:
/// the forms in [`fraction`] still decide.
fn may_continue_fraction(cx: &Cx, r: &str) -> bool {
    let t = next_word_start(r);
    if word_class(cx.t, t).is_some_and(|c| {
        c.none_of(WordClass::FRACTION | WordClass::TENS | WordClass::ONES | WordClass::NUMBER_LINK)
    }) {
        return false;
    }
    let Ok((_, w)) = super::text::word(t) else {
        return false;
    };
    let lw = lower(w);
    let k = lw.as_ref();
    matches!(k, "and" | "over" | "out" | "in")
        || cx
            .t
            .number_word_kinds
            .get(k)
            .is_some_and(|b| b.any_of(WordClass::FRACTION | WordClass::TENS | WordClass::ONES))
}

pub(crate) fn fraction_word<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, (String, Decimal)> {
    if word_class(cx.t, i).is_some_and(|c| c.none_of(WordClass::FRACTION)) {
        return fail(i);
    }
    let (r, w) = super::text::word(i)?;
    let lw = lower(w);
    match cx.t.fractions.get(lw.as_ref()) {
        Some(d) => Ok((r, (lw.into_owned(), *d))),
        None => fail(i),
    }
}

/// A number in any style: fractions, collectives, words (and digits mixed with written
/// hundreds and scales), digits.
///
/// Not memoised: its only caller, `quantity::measure`, runs inside the memoised `amount`, so
/// a cache here never answered (callgrind on the benchmark corpus: 30,447 calls, 30,447
/// computed).
pub fn number<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, Num> {
    number_uncached(cx, i)
}

fn number_uncached<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, Num> {
    let c = i.chars().next().unwrap_or(' ');
    if !(c.is_alphanumeric() || "-−–+.½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞".contains(c)) {
        return fail(i);
    }
    // A number in words starts with a number word, a fraction or collective word, an article
    // or a sign word: any other word ("in", "over") is not tried further.
    if c.is_alphabetic() && !starts_number_word(cx, i) {
        return fail(i);
    }
    if c.is_ascii_alphabetic() && lone_article(cx, i) {
        return fail(i);
    }
    if c.is_ascii_digit() && plain_digits(cx, i) {
        return digit_number(cx, i);
    }
    alt((
        |i| signed_fraction(cx, i),
        |i| collective(cx, i),
        |i| word_number_signed(cx, i),
        |i| digit_number(cx, i),
    ))
    .parse(i)
}

/// Whether digits at `i` can only be read by `digit_number`: `signed_fraction`, `collective`
/// and `word_number_signed` all need a word after the digits (a scale or hundred word, a
/// suffix, "and", "over", "out", "in", a fraction, tens or collective word, an article), so
/// when the next word (after spaces and at most one hyphen) is none of these, or there is no
/// next word, they would fail. A conservative test: anything else takes the full choice.
fn plain_digits(cx: &Cx, i: &str) -> bool {
    let Ok((r0, _)) = unsigned_digits(cx, i) else {
        return false;
    };
    // Letters against the digits ("5k", "3rd", "10M"): the full choice.
    if r0.starts_with(is_word_char) {
        return false;
    }
    let t = next_word_start(r0);
    let tables = cx.t;
    if word_class(tables, t).is_some_and(|c| {
        c.none_of(WordClass::NUMBER_WORD | WordClass::NUMBER_LINK | WordClass::SUFFIX)
    }) {
        return true;
    }
    let Ok((_, w)) = super::text::word(t) else {
        return true;
    };
    let lw = lower(w);
    let k = lw.as_ref();
    let t = tables;
    !(t.number_word_kinds.contains_key(k)
        || matches!(k, "and" | "over" | "out" | "in" | "a" | "an")
        || t.suffixes.iter().any(|(s, _)| s == w))
}

/// Whether `i` is "a" or "an" before a word that can go on with no number: not a number word
/// (a hundred or scale word for `word_number`, a fraction or tens word for a denominator, a
/// collective), nor "and" (or another `WordClass::NUMBER_LINK` word). Every number form starting
/// with an article needs one of those next (after spaces, or a hyphen with spaces around it),
/// so such an article starts no number. `false` when unsure (a next word that is not plain
/// ASCII, or none).
fn lone_article(cx: &Cx, i: &str) -> bool {
    let b = i.as_bytes();
    let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let article = (n == 1 && b[0].eq_ignore_ascii_case(&b'a'))
        || (n == 2 && b[..2].eq_ignore_ascii_case(b"an"));
    if !article || b.get(n).is_some_and(|&c| c >= 0x80) {
        return false;
    }
    let t = cx.t;
    // The article itself must be no number word (it is not in the built-in tables).
    if word_class(t, i).is_none_or(|c| c.any_of(WordClass::NUMBER_WORD)) {
        return false;
    }
    word_class(t, next_word_start(&i[n..]))
        .is_some_and(|c| c.none_of(WordClass::NUMBER_WORD | WordClass::NUMBER_LINK))
}

fn starts_number_word(cx: &Cx, i: &str) -> bool {
    if let Some(c) = word_class(cx.t, i) {
        return c.any_of(
            WordClass::NUMBER_WORD
                .without(WordClass::SCALE_PLURAL)
                .union(WordClass::NUMBER_OPENER),
        );
    }
    let Ok((_, w)) = super::text::word(i) else {
        return false;
    };
    let lw = lower(w);
    let k = lw.as_ref();
    cx.t.number_word_kinds
        .get(k)
        .is_some_and(|b| !b.without(WordClass::SCALE_PLURAL).is_empty())
        || matches!(k, "a" | "an" | "minus" | "negative")
}

pub(crate) fn signed_fraction<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, Num> {
    // Every sign starts with one of these bytes ("−" with 0xE2).
    if !i
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'-' | 0xE2 | b'm' | b'M' | b'n' | b'N'))
    {
        return fraction(cx, i);
    }
    let (r, neg) = opt(alt((
        (word_ci("minus"), ws).map(|_| ()),
        (word_ci("negative"), ws).map(|_| ()),
        (alt((tag("-"), tag("−"))), ws0).map(|_| ()),
    )))
    .parse(i)?;
    let (r, mut n) = fraction(cx, r)?;
    if neg.is_some() {
        n.fig.value = -n.fig.value;
    }
    Ok((r, n))
}

pub(crate) fn word_number_signed<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, Num> {
    if !i
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'm' | b'M' | b'n' | b'N'))
    {
        return word_number(cx, i);
    }
    let (r, neg) = opt(alt((
        (word_ci("minus"), ws).map(|_| ()),
        (word_ci("negative"), ws).map(|_| ()),
    )))
    .parse(i)?;
    let (r, mut n) = word_number(cx, r)?;
    if neg.is_some() {
        n.fig.value = -n.fig.value;
    }
    Ok((r, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v<'a>(cx: &Cx, s: &'a str) -> (String, String, &'a str) {
        let (rest, n) = number(cx, s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        (
            n.fig.value.normalize().to_string(),
            n.fig.precision.normalize().to_string(),
            rest,
        )
    }

    #[test]
    fn digits() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert_eq!(v(cx, "111 drones"), ("111".into(), "1".into(), " drones"));
        assert_eq!(v(cx, "4,400 lb"), ("4400".into(), "100".into(), " lb"));
        assert_eq!(
            v(cx, "3.1 million people"),
            ("3100000".into(), "100000".into(), " people")
        );
        assert_eq!(v(cx, ".5"), ("0.5".into(), "0.1".into(), ""));
        assert_eq!(v(cx, "−30"), ("-30".into(), "10".into(), ""));
        assert_eq!(v(cx, "minus 4"), ("-4".into(), "1".into(), ""));
        assert_eq!(v(cx, "10M"), ("10000000".into(), "10000000".into(), ""));
        assert_eq!(v(cx, "5k"), ("5000".into(), "1000".into(), ""));
        assert_eq!(v(cx, "3/4"), ("0.75".into(), "0".into(), ""));
    }

    #[test]
    fn words() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert_eq!(v(cx, "seven").0, "7");
        assert_eq!(v(cx, "twenty-five").0, "25");
        assert_eq!(v(cx, "one hundred and twelve").0, "112");
        assert_eq!(v(cx, "a hundred").0, "100");
        assert_eq!(v(cx, "a dozen").0, "12");
        assert_eq!(v(cx, "three hundred thousand").0, "300000");
        assert_eq!(v(cx, "two thirds").0, "0.6666666666666666666666666667");
        assert_eq!(v(cx, "a quarter").0, "0.25");
        assert_eq!(v(cx, "half").0, "0.5");
        assert_eq!(v(cx, "one and a half").0, "1.5");
        assert_eq!(v(cx, "negative one").0, "-1");
    }

    #[test]
    fn word_sequences_do_not_merge() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert_eq!(v(cx, "one two").0, "1");
        assert_eq!(v(cx, "twenty thirty").0, "20");
    }

    #[test]
    fn mixed_and_spelled_forms() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert_eq!(v(cx, "4 thousand 3 hundred and 21").0, "4321");
        assert_eq!(v(cx, "3 hundred and 2 hundred").0, "300");
        assert_eq!(v(cx, "two hundred point zero three").0, "200.03");
        assert_eq!(v(cx, "nought point eleven").0, "0.11");
        assert_eq!(v(cx, "three lakh crore").0, "3000000000000");
        assert_eq!(v(cx, "fifty - two").0, "52");
        assert_eq!(v(cx, "322 hundred").0, "32200");
    }

    #[test]
    fn grouping_and_exponents() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert_eq!(v(cx, "1 234 567 people").0, "1234567");
        assert_eq!(v(cx, "40\u{202f}000").0, "40000");
        assert_eq!(v(cx, "12,34,567.89").0, "1234567.89");
        // "3 500-pound bombs" is three bombs of 500 pounds, not 3,500.
        assert_eq!(v(cx, "3 500-pound bombs").0, "3");
        assert_eq!(v(cx, "1.3e6").0, "1300000");
        assert_eq!(v(cx, "6.23x10^-4").0, "0.000623");
        assert_eq!(v(cx, "2.5^-1").0, "0.4");
    }

    #[test]
    fn fractions_in_every_style() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert_eq!(v(cx, "2 1/4").0, "2.25");
        assert_eq!(v(cx, "-4/5").0, "-0.8");
        assert_eq!(v(cx, "½").0, "0.5");
        assert_eq!(v(cx, "five and a half million").0, "5500000");
        assert_eq!(v(cx, "3 million and a half").0, "3500000");
        assert_eq!(v(cx, "two million and three fifths").0, "2600000");
        assert_eq!(v(cx, "one hundred and three quarters").0, "100.75");
        assert_eq!(v(cx, "half a dozen").0, "6");
        assert_eq!(v(cx, "half a million").0, "500000");
        assert_eq!(v(cx, "three twenty-firsts").0, v(cx, "1/7").0);
        assert_eq!(v(cx, "one over three").0, v(cx, "1/3").0);
        // "80 out of 111 drones" is two counts, not a fraction.
        assert_eq!(v(cx, "80 out of 111 drones").0, "80");
        // With only a bound after it, "N in M" is still a fraction.
        assert_eq!(v(cx, "2 in 5 or more").0, "0.4");
    }

    #[test]
    fn a_share_of_a_few_before_its_noun_is_one_fraction() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let whole = |s: &str| {
            let (r, n) = number(cx, s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
            (
                n.fig.value.round_dp(4).normalize().to_string(),
                s.len() - r.len(),
            )
        };
        for (s, v, n) in [
            ("one in five adults", "0.2", 11),
            ("1 in 4 households", "0.25", 6),
            ("two out of three voters", "0.6667", 16),
            ("nine in 10 schools", "0.9", 10),
            ("nine out of 10 dentists", "0.9", 14),
            ("one in every five adults", "0.2", 17),
            ("one out of every 40 tickets", "0.025", 19),
            ("one in five Americans", "0.2", 11),
            ("two in three of those asked", "0.6667", 12),
        ] {
            assert_eq!(whole(s), (v.to_string(), n), "{s}");
        }
        // A part and its whole stay two counts: "out of" more than ten, or a part no smaller
        // than its whole; a unit after it is a measure ("2 in 5 minutes").
        for (s, first) in [
            ("80 out of 111 drones", "80"),
            ("12 out of 12 jurors", "12"),
            ("two out of five hundred tvs", "2"),
            ("2 in 5 minutes", "2"),
        ] {
            assert_eq!(v(cx, s).0, first, "{s}");
        }
    }

    #[test]
    fn compound_ordinal_denominators() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let frac = |s: &str| {
            let (r, n) = number(cx, s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
            assert!(r.is_empty(), "{s}: left {r:?}");
            n.fig.value.round_dp(9)
        };
        let q = |a: i64, b: i64| (Decimal::from(a) / Decimal::from(b)).round_dp(9);
        // A group that composes with the ordinal is the denominator's.
        assert_eq!(frac("one hundred thirty fifths"), q(100, 35));
        assert_eq!(frac("one hundred thirty-fifths"), q(100, 35));
        assert_eq!(frac("one hundred one thousand fifths"), q(100, 1005));
        assert_eq!(frac("one one hundred fifth"), q(1, 105));
        assert_eq!(frac("one one hundred and fifth"), q(1, 105));
        assert_eq!(frac("twenty twenty fifths"), q(20, 25));
        assert_eq!(frac("one twenty-fifth"), q(1, 25));
        // "and" and hyphens join words into the numerator; a units word does not compose.
        assert_eq!(frac("one hundred and thirty fifths"), q(130, 5));
        assert_eq!(frac("ninety - five hundred fifths"), q(9500, 5));
        assert_eq!(frac("one hundred thirty two fifths"), q(132, 5));
        assert_eq!(frac("one hundred thirty-two fifths"), q(132, 5));
        assert_eq!(frac("twenty fifths"), q(20, 5));
        assert_eq!(frac("twenty one fifths"), q(21, 5));
        assert_eq!(
            frac("one million two thousand two hundred three fifths"),
            q(1002203, 5)
        );
        assert_eq!(
            frac("one hundred and three quarters"),
            Decimal::from_str("100.75").unwrap()
        );
        // An ordinal before a hyphenated noun or "century" is an adjective.
        assert!(fraction(cx, "one fifth-grade class").is_err());
        assert!(fraction(cx, "one twentieth-century painting").is_err());
        assert!(fraction(cx, "one nineteenth century house").is_err());
        assert!(fraction(cx, "one hundred fifth anniversary").is_err());
    }

    #[test]
    fn teen_and_tens_ordinals_are_denominators() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert_eq!(v(cx, "a sixteenth of an inch").0, "0.0625");
        assert_eq!(v(cx, "three sixteenths").0, "0.1875");
        assert_eq!(v(cx, "a twentieth of the budget").0, "0.05");
        assert_eq!(v(cx, "five and a quarter").0, "5.25");
        let (r, n) = number(cx, "two hundred thirty two and a thirtieth").unwrap();
        assert!(r.is_empty());
        assert_eq!(
            n.fig.value.round_dp(6),
            Decimal::from_str("232.033333").unwrap()
        );
        // Ordinals stay ordinals: "the twelfth round", "an eleventh-hour deal".
        assert!(number(cx, "twelfth round").is_err());
        assert!(fraction(cx, "an eleventh-hour deal").is_err());
    }

    #[test]
    fn european_grouping_with_a_decimal_comma() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert_eq!(v(cx, "1.111,11"), ("1111.11".into(), "0.01".into(), ""));
        assert_eq!(
            v(cx, "12.345.678,9 euros"),
            ("12345678.9".into(), "0.1".into(), " euros")
        );
        // A decimal point alone, a comma group of three, a list: not this shape.
        assert_eq!(v(cx, "1.234 tonnes").0, "1.234");
        assert_eq!(v(cx, "1.234,567").0, "1.234");
        assert_eq!(v(cx, "1.234,5,6").0, "1.234");
    }

    #[test]
    fn decimal_commas_before_a_unit() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert_eq!(
            v(cx, "48,7 per cent"),
            ("48.7".into(), "0.1".into(), " per cent")
        );
        assert_eq!(v(cx, "3,5 %").0, "3.5");
        assert_eq!(v(cx, "3,25%").0, "3.25");
        assert_eq!(v(cx, "1,5 Mio.").0, "1500000");
        assert_eq!(v(cx, "2,5 kg").0, "2.5");
        // A thousands group, a list, Indian grouping: no decimal comma.
        assert_eq!(v(cx, "1,250 kg").0, "1250");
        assert_eq!(v(cx, "3,5 and 7").0, "3");
        assert_eq!(v(cx, "1,3.").0, "1");
        assert_eq!(v(cx, "12,34,567").0, "1234567");
        assert_eq!(v(cx, "3,5,7 %").0, "3");
    }

    #[test]
    fn vulgar_fractions_after_digits() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert_eq!(v(cx, "2½ miles"), ("2.5".into(), "0".into(), " miles"));
        assert_eq!(v(cx, "3 ½ hours").0, "3.5");
        assert_eq!(v(cx, "-1¼").0, "-1.25");
        // Grouped or decimal wholes take no fraction.
        assert_eq!(v(cx, "1,000 ½").0, "1000");
        assert_eq!(v(cx, "2.5 ½").0, "2.5");
    }

    #[test]
    fn a_dash_with_a_space_after_it_is_no_sign() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert!(number(cx, "– 8.2%").is_err());
        assert_eq!(v(cx, "–8.2").0, "-8.2");
        assert_eq!(v(cx, "−30").0, "-30");
        assert_eq!(v(cx, "− 30").0, "-30");
        // A hyphen-minus keeps its space ("convert - 20 degrees").
        assert_eq!(v(cx, "- 20").0, "-20");
    }

    #[test]
    fn a_third_is_a_fraction_only_before_of() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert_eq!(v(cx, "a third of the region").0, v(cx, "1/3").0);
        assert_eq!(v(cx, "a fifth of them").0, "0.2");
        assert!(fraction(cx, "a third round").is_err());
        assert!(fraction(cx, "a fifth attempt").is_err());
        // Ordinal words alone are not numbers at all.
        assert!(number(cx, "third round").is_err());
        assert!(number(cx, "second").is_err());
    }

    /// Numbers past the decimal type's range fail without a panic (issue 16: "Multiplication
    /// overflowed" in scaling), and `too_large` names the whole written number so the scanner
    /// passes over it.
    #[test]
    fn numbers_too_large_fail_and_are_named_whole() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        for s in [
            "100000000000000000000 billion",
            "255555555555545555555555555k",
            "100000000000000000tn",
            "1,000,000,000,000,000,000,000,000,000,000",
            "12345678901234567890123456789012345678901234567890",
            "0.00000000000000000000000000000001",
        ] {
            assert!(digit_number(cx, s).is_err(), "{s}");
            assert_eq!(too_large(cx, s), Some(s.len()), "{s}");
        }
        // Up to 28 digits a figure is read exactly, grouped or not.
        let (_, n) = digit_number(cx, "1,000,000,000,000,000,000,000,000,000").unwrap();
        assert_eq!(n.fig.value, Decimal::from_str("1e27").unwrap());
        let (_, n) = digit_number(cx, "9999999999999999999999999999").unwrap();
        assert_eq!(n.fig.value.to_string(), "9999999999999999999999999999");
        assert_eq!(too_large(cx, "9999999999999999999999999999 people"), None);
        // Word numbers stop before the scale that would overflow.
        let (_, n) = word_number(cx, "a thousand million billion trillion quadrillion").unwrap();
        assert!(n.fig.value <= Decimal::MAX);
        assert!(collective(cx, "9999999999999999999999999999 dozen").is_err());
    }

    /// Only numbers that start a word are listed, each once, in order.
    #[test]
    fn too_large_numbers_are_listed_by_span() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let t = "a 1,000,000,000,000,000,000,000,000,000,000 b x12345678901234567890123456789 \
                 5 and 100000000000000000tn";
        let spans = too_large_numbers(cx, t);
        assert_eq!(spans.len(), 2, "{spans:?}");
        assert_eq!(
            &t[spans[0].0..spans[0].1],
            "1,000,000,000,000,000,000,000,000,000,000"
        );
        assert_eq!(&t[spans[1].0..spans[1].1], "100000000000000000tn");
    }

    proptest::proptest! {
        /// `next_digit` finds what a byte-by-byte search finds, from any start.
        #[test]
        fn next_digit_is_the_first_digit(s in "[ a-z.,0-9\u{e9}\u{2212}]{0,80}", from in 0usize..90) {
            let b = s.as_bytes();
            let from = from.min(b.len());
            let plain = b[from..].iter().position(u8::is_ascii_digit).map_or(b.len(), |p| from + p);
            proptest::prop_assert_eq!(next_digit(b, from), plain);
        }

        /// `too_large_in`'s shortcut changes no answer: on digit runs with groups, decimals,
        /// exponents and scales of every kind, it says what `too_large` says.
        #[test]
        fn too_large_in_is_too_large(
            s in "[0-9]{1,30}(,[0-9]{3}){0,10}(\\.[0-9]{1,20})?(e[0-9]{1,3}|\\^[0-9]{1,2}|x10\\^[0-9]{1,2}|×10\\^-?[0-9]{1,2})?( ?(k|K|M|MM|bn|b|B|tn|T|mn|hundred|thousand|million|billion|trillion|tln|crore|lakh|mrd|Mrd\\.))?[ .,a-z]{0,3}",
        ) {
            let cx = &Cx::builtin();
            let room = ScaleHeadroom::of(cx.t);
            // The largest built-in scale is a trillion: 15 whole digits of room.
            proptest::prop_assert_eq!(room.0, 15);
            proptest::prop_assert_eq!(too_large_in(cx, &s, room), too_large(cx, &s), "{}", s);
        }

        /// Digit runs of any length, any number of comma groups, any scale: never a panic;
        /// what `too_large` does not turn away reads as a figure, and what it turns away does
        /// not.
        #[test]
        fn any_digit_run_reads_or_is_too_large(
            s in "[0-9]{1,45}(,[0-9]{3}){0,14}(\\.[0-9]{1,30})?( ?(k|bn|tn|billion|trillion|lakh crore))?",
        ) {
            let cx = &Cx::builtin();
            proptest::prop_assert_eq!(
                too_large_in(cx, &s, ScaleHeadroom::of(cx.t)),
                too_large(cx, &s),
                "{}", s
            );
            let read = digit_number(cx, &s);
            let _ = number(cx, &s);
            match too_large(cx, &s) {
                Some(n) => {
                    proptest::prop_assert!(n <= s.len());
                    let short = read.as_ref().map_or(true, |(r, _)| s.len() - r.len() < n);
                    proptest::prop_assert!(short, "{} read whole though too large", s);
                }
                None => proptest::prop_assert!(read.is_ok(), "{} neither read nor too large", s),
            }
        }
    }
}
