//! Quantities: a number with its unit, hedge, range or vagueness. The middle of the grammar.
//!
//! ```text
//! quantity  = bounded_pair | hedged | range | vague | amount
//! hedged    = hedge_before amount [hedge_after]  |  amount hedge_after
//! range     = "between" amount "and" amount | amount ("-" | "–" | "to" | "~") amount
//! amount    = money | measure | article_unit | number
//! ```
//! See `grammar/quantities.ebnf` for the whole grammar.

use super::cx::Cx;
use super::memo;
use super::number::{Num, NumKind, digit_number, number, unsigned_digits};
use super::tables::{HedgeKind, WordClass, word_class};
use super::text::{is_word_char, phrase_ci, phrase_exact, word, word_ci, ws, ws0};
use crate::quantity::{Bound, Dimension, Figure};
use nom::{IResult, Parser, branch::alt, bytes::complete::tag, combinator::opt, error::ErrorKind};
use rust_decimal::Decimal;

/// What the quantity production found, relative to its start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parsed<'t> {
    /// What it measures.
    pub dimension: Dimension,
    /// The stated number, if one was stated.
    pub value: Option<Figure>,
    /// Interval low end.
    pub low: Option<Decimal>,
    /// Interval high end.
    pub high: Option<Decimal>,
    /// Hedge or bound.
    pub bound: Bound,
    /// Canonical unit: a symbol or code from the tables (so a `Parsed` is `Copy` and can be
    /// memoised).
    pub unit: Option<&'t str>,
    /// Hedged.
    pub approx: bool,
    /// "three-day", "500-pound".
    pub adjectival: bool,
    /// A bare four-digit integer (maybe a year).
    pub year_like: bool,
    /// How the number was written.
    pub kind: NumKind,
    /// The counted noun a rate passed over ("12.4 deaths per 100,000"): where it starts and
    /// ends, each as the length of the input left from there (so it holds for any input
    /// ending where this one does).
    pub noun: Option<(u32, u32)>,
    /// A rate's denominator read after the figure ("per day", "a barrel", "per 100,000").
    pub per: Option<Per>,
    /// Where the figure's span ends when the production read past it (the denominator of a
    /// price or of a count, "$81 a barrel", "600 a day", is no figure and no part of its
    /// span): the length of the input left there, like `noun`.
    pub span_end: Option<u32>,
}

/// The denominator of a rate (small, so that a [`Parsed`] stays cheap to copy in and out of
/// the memo).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    /// A unit, by index in `Tables::units` ("per day", "a litre").
    Unit(u16),
    /// A word of `grammar/units.toml` `[rate] per` ("capita", "game"), by index in
    /// `Tables::rate_word_list`.
    Word(u16),
    /// A power of ten, its exponent ("per 100,000" is 5).
    Power(u8),
}

impl Per {
    /// The denominator as written in a rate's unit: "day", "h", "game", "100000".
    pub fn symbol(&self, cx: &Cx) -> String {
        let t = cx.t;
        match self {
            Per::Unit(k) => t.per_symbols[usize::from(*k)].clone(),
            Per::Word(k) => t.rate_word_list[usize::from(*k)].clone(),
            Per::Power(e) => format!("1{}", "0".repeat(usize::from(*e))),
        }
    }
}

/// A length of input left, as a [`Parsed`] keeps it (inputs are shorter than 4 GiB: a longer
/// one saturates, and its figure's noun or span end is off, never out of bounds).
fn left(s: &str) -> u32 {
    u32::try_from(s.len()).unwrap_or(u32::MAX)
}

impl<'t> Parsed<'t> {
    fn from_amount(dimension: Dimension, n: Num, unit: Option<&'t str>) -> Parsed<'t> {
        Parsed {
            dimension,
            value: Some(n.fig),
            low: Some(n.fig.value),
            high: Some(n.fig.value),
            bound: Bound::Exact,
            unit,
            approx: false,
            adjectival: false,
            year_like: n.plain4,
            kind: n.kind,
            noun: None,
            per: None,
            span_end: None,
        }
    }
}

/// The tables with their `'static` lifetime spelled out, so symbols and codes taken from them
/// can live in a [`Parsed`].
fn fail<T>(i: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        ErrorKind::Verify,
    )))
}

/// `unit = alias` (longest match from `grammar/units.toml`). `attached` means no space came
/// between number and unit.
pub fn unit(cx: &Cx, i: &str, attached: bool) -> Option<(usize, usize)> {
    let t = cx.t;
    unit_classed(t, i, attached, word_class(t, i))
}

/// [`unit`] given `word_class(t, i)`.
fn unit_classed(
    t: &super::tables::Tables,
    i: &str,
    attached: bool,
    class: Option<WordClass>,
) -> Option<(usize, usize)> {
    // A word that starts no alias (most words after a number) is turned away at once.
    if class.is_some_and(|c| c.none_of(WordClass::UNIT)) {
        return None;
    }
    // An input starting with an ASCII word of at most eight letters can only match the
    // aliases with that first word; others, only the aliases that can match its first two
    // bytes (see `PhraseIndex::candidates`).
    let candidates = t.unit_index.candidates(i);
    for &k in candidates {
        let (alias, idx, exact) = &t.unit_aliases[k];
        let n = if *exact {
            phrase_exact(i, alias)
        } else {
            phrase_ci(i, alias)
        };
        let Some(n) = n else { continue };
        // An alias ending in "." ("deg.", "lb.") may swallow a full stop: fine, it is the unit.
        if *exact && (alias == "C" || alias == "F") {
            let after = &i[n..];
            let next_word = after.trim_start_matches([' ', '\t']);
            let spaced = after.len() != next_word.len();
            if next_word.starts_with(|c: char| c.is_alphanumeric())
                && (attached || next_word.starts_with(char::is_uppercase))
            {
                continue;
            }
            if !spaced && after.starts_with(is_word_char) {
                continue;
            }
        }
        // "5 stone walls": a material, not a weight.
        if alias == "stone" {
            let next = i[n..].trim_start_matches([' ', '\t']);
            let w = next.bytes().take_while(u8::is_ascii_lowercase).count();
            if w > 2 && next.len() < i[n..].len() && next.as_bytes()[w - 1] == b's' {
                continue;
            }
        }
        // "1990s", "in their 30s": an "s" against digits is not seconds.
        if *exact && alias == "s" && attached {
            continue;
        }
        // "300 K" is kelvin; "300K" is three hundred thousand (a suffix, see number.rs).
        if *exact && alias == "K" && (attached || i[n..].starts_with(is_word_char)) {
            continue;
        }
        // A word alias directly after digits must still end at a word boundary (checked by
        // phrase_*); a one-letter exact alias attached to digits and followed by "-" is a
        // designation ("13F-1").
        if attached
            && i[n..].starts_with('-')
            && alias.chars().all(|c| c.is_ascii_alphabetic())
            && alias.len() == 1
        {
            continue;
        }
        // "50 F-35 jets", "3 C-130 planes", "24703 L-202", "800,000 F-Series pickups": a
        // unit joined by a hyphen to digits, or a short symbol in capitals joined to a word,
        // names a thing.
        if let Some(after) = i[n..].strip_prefix('-')
            && (after.starts_with(|c: char| c.is_ascii_digit())
                || (alias.len() <= 2
                    && alias.chars().any(|c| c.is_ascii_uppercase())
                    && after.starts_with(|c: char| c.is_alphabetic())))
        {
            continue;
        }
        return Some((n, *idx));
    }
    None
}

/// A currency name or code after a number: "dollars", "USD", "cents" (minor). `attached`:
/// written against the digits ("115USD"), where only an upper-case code is taken.
pub fn currency_name(cx: &Cx, i: &str, attached: bool) -> Option<(usize, usize, bool)> {
    let t = cx.t;
    currency_name_classed(t, i, attached, word_class(t, i))
}

/// [`currency_name`] given `word_class(t, i)`.
fn currency_name_classed(
    t: &super::tables::Tables,
    i: &str,
    attached: bool,
    class: Option<WordClass>,
) -> Option<(usize, usize, bool)> {
    if class.is_some_and(|c| c.none_of(WordClass::CURRENCY_NAME)) {
        return None;
    }
    for &e in t.currency_name_index.by_first(i) {
        let (name, idx, minor) = &t.currency_names[e];
        if let Some(n) = phrase_ci(i, name) {
            let cur = &t.currencies[*idx];
            let is_code = name.len() == 3 && name.eq_ignore_ascii_case(&cur.code);
            let upper = i[..n].chars().all(|c| c.is_ascii_uppercase());
            // Codes must be written in upper case ("USD") unless the table allows any case.
            if is_code && !upper && !cur.loose {
                continue;
            }
            if attached && !(is_code && upper) {
                continue;
            }
            return Some((n, *idx, *minor));
        }
    }
    None
}

/// Cents after a major currency name: "3 dollars 50 cents", "thirteen dollars and forty-five
/// cents", "15 dollars 50." (a bare number only where nothing but punctuation follows).
pub(crate) fn cents_after<'a>(cx: &Cx, r: &'a str, idx: usize) -> Option<(&'a str, Decimal)> {
    let (r1, _) = ws(r).ok()?;
    let r1 = match (word_ci("and"), ws).parse(r1) {
        Ok((r2, _)) => r2,
        Err(_) => r1,
    };
    let (r2, c) = alt((
        |i| super::number::word_number(cx, i),
        |i| unsigned_digits(cx, i),
    ))
    .parse(r1)
    .ok()?;
    let cv = c.fig.value;
    if c.grouped || !cv.fract().is_zero() || cv < Decimal::ONE || cv >= Decimal::ONE_HUNDRED {
        return None;
    }
    if let Ok((r3, _)) = ws(r2)
        && let Some((m, idx2, true)) = currency_name(cx, r3, false)
        && idx2 == idx
    {
        return Some((&r3[m..], cv));
    }
    let t = r2.trim_start_matches([' ', '\t']);
    if t.is_empty()
        || t.starts_with(['.', ',', ';', '!', '?', ')'])
        || phrase_ci(t, "and").is_some()
    {
        return Some((r2, cv));
    }
    None
}

fn currency_prefix(cx: &Cx, i: &str) -> Option<(usize, usize)> {
    let t = cx.t;
    currency_prefix_classed(t, i, word_class(t, i))
}

/// [`currency_prefix`] given `word_class(t, i)`.
fn currency_prefix_classed(
    t: &super::tables::Tables,
    i: &str,
    class: Option<WordClass>,
) -> Option<(usize, usize)> {
    if class.is_some_and(|c| c.none_of(WordClass::CURRENCY_PREFIX)) {
        return None;
    }
    for &e in t.currency_prefix_index.by_first(i) {
        let (p, idx) = &t.currency_prefixes[e];
        if i.starts_with(p.as_str()) {
            let rest = &i[p.len()..];
            // A code prefix ("USD 5") needs a space or digit after it.
            if p.chars().all(|c| c.is_ascii_alphabetic())
                && !rest.starts_with([' ', '\u{a0}'])
                && !rest.starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            return Some((p.len(), *idx));
        }
    }
    None
}

fn apply_scale(n: &mut Num, s: Decimal) {
    n.fig = Figure::new(n.fig.value * s, n.fig.precision * s);
    n.plain4 = false;
}

/// Money with a prefix symbol: "$10.5 billion", "€8.4bn", "US$ 1MM", "£10m".
pub fn money_prefixed<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    let Some((n, idx)) = currency_prefix(cx, i) else {
        return fail(i);
    };
    let code = cx.t.currencies[idx].code.as_str();
    // "MAUD 60": a code with a million prefix.
    let million = n == code.len() + 1 && i.starts_with('M') && i[1..n] == *code;
    let (r, _) = ws0(&i[n..])?;
    let (mut r, mut num) = alt((
        |i| unsigned_digits(cx, i),
        |i| super::number::word_number(cx, i),
    ))
    .parse(r)?;
    if million {
        apply_scale(&mut num, Decimal::from(1_000_000));
        return Ok((r, Parsed::from_amount(Dimension::Currency, num, Some(code))));
    }
    // Scale: suffix ("m", "bn", "k", "MM") or word ("million").
    let (r2, _) = ws0(r)?;
    let mut scaled = false;
    for (s, v) in
        cx.t.suffixes
            .iter()
            .map(|(s, v)| (s.as_str(), *v))
            .chain([("m", Decimal::from(1_000_000))])
    {
        if r.starts_with(s) && !r[s.len()..].starts_with(is_word_char) {
            apply_scale(&mut num, v);
            r = &r[s.len()..];
            scaled = true;
            break;
        }
    }
    if !scaled && let Ok((r3, w)) = word(r2) {
        let lw = w.to_lowercase();
        if let Some(v) = cx.t.scales.get(lw.trim_end_matches('s')) {
            apply_scale(&mut num, *v);
            r = r3;
        }
    }
    // "$5 dollars" is rare; a trailing code or name is swallowed when it names the same currency.
    if let Ok((r4, _)) = ws(r)
        && let Some((m, idx2, false)) = currency_name(cx, r4, false)
        && idx2 == idx
    {
        r = &r4[m..];
    }
    Ok((r, Parsed::from_amount(Dimension::Currency, num, Some(code))))
}

/// Metric units that combine with a smaller one after "and" ("3 km and 200 metres",
/// "2 kg and 300 g"); without "and" they are two figures ("12 m 2 dm").
const METRIC_COMPOUND: &[&str] = &["km", "m", "cm", "mm", "t", "kg", "g"];

/// Smaller units after a unit of the same dimension: "5 feet 2 inches", "1 year 1 month
/// 21 days", "3 km and 200 metres". Each smaller part must be less than one of the unit
/// before it ("3 km and 2,000 metres" is two figures). Returns the rest and the value and
/// precision in the first (largest) unit.
pub(crate) fn compound_units<'a>(cx: &Cx, rest: &'a str, idx: usize, n: Num) -> (&'a str, Figure) {
    let first = &cx.t.units[idx];
    let mut fig = n.fig;
    let imperial = first.dimension == Dimension::Duration
        || ["ft", "yd", "lb", "st"].contains(&first.symbol.as_str());
    let metric = METRIC_COMPOUND.contains(&first.symbol.as_str())
        && rest.trim_start_matches([' ', '\t']).starts_with("and ");
    if !(imperial || metric) {
        return (rest, fig);
    }
    let mut cur = idx;
    let mut rest = rest;
    for _ in 0..3 {
        let Ok((r1, _)) = ws(rest) else { break };
        let (r1, and) = match (word_ci("and"), ws).parse(r1) {
            Ok((r2, _)) => (r2, true),
            Err(_) => (r1, false),
        };
        if metric && !and {
            break;
        }
        let Ok((r2, n2)) = alt((
            |i| unsigned_digits(cx, i),
            |i| super::number::word_number(cx, i),
        ))
        .parse(r1) else {
            break;
        };
        let Ok((r3, sp)) = ws0(r2) else { break };
        let next = if cx.t.units[cur].symbol == "ft" && phrase_ci(r3, "in").is_some() {
            cx.t.units
                .iter()
                .position(|u| u.symbol == "in")
                .map(|k| (2, k))
        } else {
            unit(cx, r3, sp.is_empty())
        };
        let Some((m, idx2)) = next else { break };
        let u2 = &cx.t.units[idx2];
        let cu = &cx.t.units[cur];
        if u2.dimension != first.dimension
            || u2.factor >= cu.factor
            || (metric && !METRIC_COMPOUND.contains(&u2.symbol.as_str()))
            || n2.fig.value * u2.factor >= cu.factor
        {
            break;
        }
        let ratio = u2.factor / first.factor;
        // Multiplied before dividing: "26 minutes 43.5 seconds" is 26.725 exactly.
        fig = Figure::new(
            fig.value + n2.fig.value * u2.factor / first.factor,
            n2.fig.precision * ratio,
        );
        rest = &r3[m..];
        cur = idx2;
    }
    (rest, fig)
}

/// "5'6\"", "5′ 6″", "5’6”": feet and inches written with primes (or quotes standing for
/// them) after a whole number of feet; a prime alone is feet ("6′") and a double prime
/// alone inches ("11″"). Returns the rest, the figure in the unit, and the unit's symbol.
fn primes(r: &str, n: &Num) -> Option<(&'static str, usize, Figure)> {
    let feet = ["'", "′", "’"].iter().find_map(|p| r.strip_prefix(p));
    let Some(after) = feet else {
        // "11″": inches.
        let after = r.strip_prefix('″')?;
        return (!after.starts_with(is_word_char)).then(|| ("in", r.len() - after.len(), n.fig));
    };
    if !n.fig.value.fract().is_zero() || n.kind != NumKind::Digits {
        return None;
    }
    let a = ws0(after).ok()?.0;
    let d = a.bytes().take_while(u8::is_ascii_digit).count();
    let inches = (d == 1 || d == 2)
        .then(|| {
            ["\"", "″", "”", "''"]
                .iter()
                .find_map(|q| a[d..].strip_prefix(q))
                .map(|end| (a[..d].parse::<u32>().unwrap_or(99), end))
        })
        .flatten()
        .filter(|(v, end)| *v < 12 && !end.starts_with(is_word_char));
    match inches {
        Some((v, end)) => {
            let twelve = Decimal::from(12);
            Some((
                "ft",
                r.len() - end.len(),
                Figure::new(
                    (n.fig.value * twelve + Decimal::from(v)) / twelve,
                    Decimal::ONE / twelve,
                ),
            ))
        }
        // "6′" alone (a true prime, not an apostrophe): feet.
        None if r.starts_with('′') && !after.starts_with(is_word_char) => {
            Some(("ft", r.len() - after.len(), n.fig))
        }
        None => None,
    }
}

/// A number followed by what it measures: unit, percent, currency name, age, or nothing.
pub fn measure<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    let (r, n) = number(cx, i)?;
    // Adjectival: "three-day", "500-pound", "10-year-old", "12-cent".
    if let Some(after) = r.strip_prefix('-') {
        // "a quarter-point cut", "a half-point rise": percentage points.
        if n.kind == NumKind::Fraction
            && let Some(k) = phrase_ci(after, "point")
        {
            let mut p = Parsed::from_amount(Dimension::PercentagePoints, n, Some("pp"));
            p.adjectival = true;
            return Ok((&after[k..], p));
        }
        if let Some((m, idx)) = unit(cx, after, true) {
            let u = &cx.t.units[idx];
            let mut rest = &after[m..];
            let mut dim = u.dimension;
            if u.dimension == Dimension::Duration
                && let Some(k) = phrase_ci(rest, "-old")
            {
                rest = &rest[k..];
                dim = Dimension::Age;
            }
            let mut p = Parsed::from_amount(dim, n, Some(u.symbol.as_str()));
            p.adjectival = true;
            p.year_like = false;
            return Ok((rest, p));
        }
        if let Some((m, idx, minor)) = currency_name(cx, after, false) {
            let (n, code) = in_currency(cx, n, idx, minor);
            let mut p = Parsed::from_amount(Dimension::Currency, n, Some(code));
            p.adjectival = true;
            p.year_like = false;
            return Ok((&after[m..], p));
        }
    }
    let t = cx.t;
    // "15st 7lb": stones against the digits, before pounds.
    if let Some(after) = r.strip_prefix("st")
        && after.starts_with([' ', '\t'])
        && let Some(st) = t.units.iter().position(|u| u.symbol == "st")
    {
        let (rest, fig) = compound_units(cx, after, st, n);
        if rest.len() < after.len() {
            let mut n = n;
            n.fig = fig;
            let mut p = Parsed::from_amount(Dimension::Mass, n, Some(t.units[st].symbol.as_str()));
            p.year_like = false;
            return Ok((rest, p));
        }
    }
    // "a sixteenth of an inch", "a quarter of an hour": a fraction of one unit.
    if n.kind == NumKind::Fraction
        && let Some((rest, idx)) = of_article_unit(cx, t, r)
    {
        let u = &t.units[idx];
        let mut p = Parsed::from_amount(u.dimension, n, Some(u.symbol.as_str()));
        p.year_like = false;
        return Ok((rest, p));
    }
    // "5'6\"", "6′": feet and inches in primes.
    if matches!(r.as_bytes().first(), Some(b'\'' | 0xE2))
        && let Some((sym, m, fig)) = primes(r, &n)
        && let Some(u) = t.units.iter().position(|u| u.symbol == sym)
    {
        let mut n = n;
        n.fig = fig;
        let mut p = Parsed::from_amount(Dimension::Length, n, Some(t.units[u].symbol.as_str()));
        p.year_like = false;
        return Ok((&r[m..], p));
    }
    let (r_ws, sp) = ws0(r)?;
    let attached = sp.is_empty();
    // The word after the number, classified once for the unit and currency lookups below.
    // "45p", "12¢": a minor unit's symbol against the digits.
    if let Some((m, idx)) = minor_attached(t, r, r_ws, &n) {
        let (n, code) = in_currency(cx, n, idx, true);
        let mut p = Parsed::from_amount(Dimension::Currency, n, Some(code));
        p.year_like = false;
        return Ok((&r_ws[m..], p));
    }
    let class = word_class(t, r_ws);
    // Age: "five years old", "29 years of age", "87 yo".
    let found = unit_classed(t, r_ws, attached, class).or_else(|| {
        // "minus 5C", "-3F overnight": against a signed number, "C" and "F" are degrees
        // even before a word.
        if !(attached && r.starts_with(['C', 'F']) && degrees_before_word(&n, r)) {
            return None;
        }
        unit_classed(t, r_ws, false, class)
            .filter(|(_, k)| matches!(t.units[*k].symbol.as_str(), "°C" | "°F"))
    });
    if let Some((m, idx)) = found {
        let u = &cx.t.units[idx];
        let mut rest = &r_ws[m..];
        let mut dim = u.dimension;
        let mut n = n;
        // "five degrees below zero": minus five.
        if dim == Dimension::Temperature {
            rest = below_zero(rest, &mut n);
        }
        if dim == Dimension::Duration {
            for tail in [" old", " of age", "-old"] {
                if let Some(k) = phrase_ci(rest, tail) {
                    rest = &rest[k..];
                    dim = Dimension::Age;
                    break;
                }
            }
        }
        if dim != Dimension::Age {
            let (r2, fig) = compound_units(cx, rest, idx, n);
            rest = r2;
            n.fig = fig;
        }
        let mut p = Parsed::from_amount(dim, n, Some(u.symbol.as_str()));
        p.year_like = false;
        return Ok((rest, p));
    }
    // "20 (kg)", "20 [kg]": a unit in brackets.
    if let Some(open) = r_ws.chars().next().filter(|c| "([{<".contains(*c))
        && let Some((m, idx)) = unit(cx, &r_ws[1..], true)
        && let Some(close) = r_ws[1 + m..].chars().next()
        && "([{<".find(open) == ")]}>".find(close)
    {
        let u = &cx.t.units[idx];
        let mut p = Parsed::from_amount(u.dimension, n, Some(u.symbol.as_str()));
        p.year_like = false;
        return Ok((&r_ws[2 + m..], p));
    }
    if !attached && let Some(k) = phrase_exact(r_ws, "yo") {
        let mut p = Parsed::from_amount(Dimension::Age, n, Some("year"));
        p.year_like = false;
        return Ok((&r_ws[k..], p));
    }
    if let Some((m, idx, minor)) = currency_name_classed(t, r_ws, attached, class) {
        let (mut n, code) = in_currency(cx, n, idx, minor);
        let mut rest = &r_ws[m..];
        if !minor
            && let Ok((r2, _)) = ws(rest)
            && let Ok((r3, s)) = super::number::scale_word(cx, r2)
            && s > Decimal::ONE_HUNDRED
        {
            // "75 USD million".
            apply_scale(&mut n, s);
            rest = r3;
        } else if !minor
            && n.fig.value.fract().is_zero()
            && let Some((r2, c)) = cents_after(cx, rest, idx)
        {
            n.fig = Figure::new(n.fig.value + c / Decimal::ONE_HUNDRED, Decimal::new(1, 2));
            rest = r2;
        }
        let mut p = Parsed::from_amount(Dimension::Currency, n, Some(code));
        p.year_like = false;
        return Ok((rest, p));
    }
    // "30 MUSD": a code with a million prefix.
    if !attached
        && let Some(code) = r_ws.strip_prefix('M')
        && let Some((m, idx, false)) = currency_name(cx, code, false)
        && m == 3
        && code[..3].eq(&cx.t.currencies[idx].code)
    {
        let mut n = n;
        apply_scale(&mut n, Decimal::from(1_000_000));
        let mut p = Parsed::from_amount(
            Dimension::Currency,
            n,
            Some(cx.t.currencies[idx].code.as_str()),
        );
        p.year_like = false;
        return Ok((&code[m..], p));
    }
    // A currency symbol after the number: "10 €", "100₾", "10 $ 30 $" (not against the next
    // number: "10 $30 tickets"; nor before a number and a scale, "1995 $ 5 million", where it
    // is that number's).
    if let Some((m, idx)) = currency_prefix_classed(t, r_ws, class)
        && !r_ws[..m].chars().any(|c| c.is_ascii_alphabetic())
        && !r_ws[m..].starts_with(|c: char| c.is_ascii_digit())
        && !money_prefixed(cx, r_ws)
            .is_ok_and(|(_, q)| q.value.is_some_and(|f| f.precision > Decimal::ONE_HUNDRED))
    {
        let mut n = n;
        let mut rest = &r_ws[m..];
        // "10 $ 30 cent".
        if n.fig.value.fract().is_zero()
            && let Some((r2, c)) = cents_after(cx, rest, idx)
            && r2.len() < rest.len()
            && rest[..rest.len() - r2.len()].contains(|ch: char| ch.is_alphabetic())
        {
            n.fig = Figure::new(n.fig.value + c / Decimal::ONE_HUNDRED, Decimal::new(1, 2));
            rest = r2;
        }
        let mut p = Parsed::from_amount(
            Dimension::Currency,
            n,
            Some(cx.t.currencies[idx].code.as_str()),
        );
        p.year_like = false;
        return Ok((rest, p));
    }
    // "ten below zero": degrees.
    let mut neg = n;
    let after_zero = below_zero(r, &mut neg);
    if after_zero.len() < r.len() {
        let mut p = Parsed::from_amount(Dimension::Temperature, neg, Some("°"));
        p.year_like = false;
        return Ok((after_zero, p));
    }
    let dim = if n.kind == NumKind::Fraction {
        Dimension::Fraction
    } else {
        Dimension::Count
    };
    let mut p = Parsed::from_amount(dim, n, None);
    // "12.4 deaths per 100,000" (a rate), "3 goals per game", "600 drones a day" (counts):
    // a count per something, past its counted noun.
    if dim == Dimension::Count
        && let Some((rest, per, noun)) = rate_after_noun(cx, t, r)
    {
        p.per = Some(per);
        p.year_like = false;
        if let Per::Power(_) = per {
            p.dimension = Dimension::Rate;
            p.noun = Some(noun);
        } else {
            p.span_end = Some(left(r));
        }
        return Ok((rest, p));
    }
    Ok((r, p))
}

/// Whether "C" or "F" against the digits and followed by a word (`r` starts with the letter)
/// are degrees: after a sign ("minus 5C overnight") or a decimal ("1.55C above"), or before a
/// preposition or conjunction ("40C at", "24C for", "28C and 31C"). "13F filing", "14C dating"
/// and "When must 13F be filed?" name things; a verb after the letter is left to the scanner,
/// which reads it as degrees in a sentence about temperature ("highs of 104F were likely").
fn degrees_before_word(n: &Num, r: &str) -> bool {
    if n.fig.value.is_sign_negative() || !n.fig.value.fract().is_zero() {
        return true;
    }
    let next = r[1..].trim_start_matches([' ', '\t']);
    let w = next.bytes().take_while(u8::is_ascii_lowercase).count();
    !next[w..].starts_with(is_word_char)
        && matches!(
            &next[..w],
            "of" | "and"
                | "or"
                | "to"
                | "in"
                | "on"
                | "at"
                | "for"
                | "by"
                | "from"
                | "with"
                | "than"
                | "as"
                | "but"
                | "while"
                | "after"
                | "before"
                | "into"
                | "over"
                | "under"
                | "since"
                | "until"
                | "across"
                | "through"
                | "during"
                | "within"
                | "above"
                | "below"
                | "around"
                | "near"
                | "against"
                | "amid"
                | "last"
                | "this"
        )
}

/// " of a mile", " of an hour" after a fraction: the unit an article counts (see
/// [`article_unit`]) and the rest.
fn of_article_unit<'t, 'a>(
    cx: &Cx<'t>,
    t: &'t super::tables::Tables,
    r: &'a str,
) -> Option<(&'a str, usize)> {
    let (r1, _) = (
        ws,
        word_ci("of"),
        ws,
        alt((word_ci("an"), word_ci("a"))),
        ws,
    )
        .parse(r)
        .ok()?;
    let (m, idx) = unit(cx, r1, false)?;
    let u = &t.units[idx];
    let text = r1[..m].split_whitespace().collect::<Vec<_>>().join(" ");
    let ok = if u.dimension == Dimension::Duration {
        u.symbol != "s" || !r1[m..].trim_start().starts_with(char::is_alphabetic)
    } else {
        t.article_aliases.contains(text.to_lowercase().as_str())
    };
    ok.then_some((&r1[m..], idx))
}

/// After a temperature (or a bare number): " below zero" negates it, " above zero" is
/// taken as said. Returns the rest.
fn below_zero<'a>(r: &'a str, n: &mut Num) -> &'a str {
    // Most numbers are followed by neither word: a byte test says so.
    let b = r.as_bytes();
    if b.first() != Some(&b' ') || !matches!(b.get(1), Some(b'b' | b'a' | b' ' | b'\t')) {
        return r;
    }
    if let Some(k) = phrase_ci(r, " below zero") {
        n.fig.value = -n.fig.value.abs();
        n.plain4 = false;
        return &r[k..];
    }
    match phrase_ci(r, " above zero") {
        Some(k) => &r[k..],
        None => r,
    }
}

/// Words after "a day", "a week" that make it a time, not a rate's denominator ("3 people a
/// day after the vote", "a year ago").
const NOT_PER: &[&str] = &[
    "after",
    "before",
    "later",
    "earlier",
    "ago",
    "into",
    "since",
    "from",
    "prior",
    "beforehand",
    "previously",
];

/// A rate's denominator at `r` (after "per" or an article and spaces) and its rest.
/// `article`: it followed "a" or "an"; `money`: the numerator is money (see
/// `grammar/units.toml` `[rate]`).
fn per_denominator<'t, 'a>(
    cx: &Cx<'t>,
    t: &'t super::tables::Tables,
    r: &'a str,
    article: bool,
    money: bool,
) -> Option<(&'a str, Per)> {
    let class = word_class(t, r);
    if let Some((m, idx)) = unit_classed(t, r, false, class) {
        let u = &t.units[idx];
        let text = r[..m].to_lowercase();
        let ok = match u.dimension {
            Dimension::Percent | Dimension::PercentagePoints | Dimension::Temperature => false,
            // "a second" is an ordinal more often than a rate.
            Dimension::Duration => !article || (u.symbol != "s" && !text.ends_with('s')),
            _ => {
                !article
                    || (money
                        && (t.article_aliases.contains(text.as_str())
                            || t.rate_money_units.contains(text.as_str())))
            }
        };
        if !ok {
            return None;
        }
        let rest = &r[m..];
        if article {
            let next = rest.trim_start_matches([' ', '\t']);
            let w: String = next
                .chars()
                .take_while(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect();
            if NOT_PER.contains(&w.as_str()) {
                return None;
            }
        }
        return Some((rest, Per::Unit(u16::try_from(idx).ok()?)));
    }
    if let Ok((rest, w)) = word(r) {
        let lw = super::number::lower(w);
        if let Some(&k) = t.rate_words.get(lw.as_ref())
            && (!article || t.rate_article_words.contains(lw.as_ref()))
            && !rest.starts_with('-')
        {
            return Some((rest, Per::Word(k)));
        }
    }
    if article {
        return None;
    }
    // "per 100,000", "per million", "per 1 million": a power of ten.
    let (rest, v) = match digit_number(cx, r) {
        Ok((rest, n)) if n.kind == NumKind::Digits => (rest, n.fig.value),
        _ => super::number::scale_word(cx, r).ok()?,
    };
    // "per 100 km": a measure, not a count.
    let next = rest.trim_start_matches([' ', '\t']);
    if unit(cx, next, next.len() == rest.len()).is_some() {
        return None;
    }
    let p = u64::try_from(v.trunc().mantissa()).ok()?;
    let power = v.fract().is_zero() && (10..=1_000_000_000).contains(&p) && {
        let mut k = p;
        while k % 10 == 0 {
            k /= 10;
        }
        k == 1
    };
    power.then(|| (rest, Per::Power(p.ilog10() as u8)))
}

/// Whether a [`rate_tail`] can start at `r`: a "/", or spaces and "p", "a", "e" (most numbers
/// are followed by none of them, and two byte tests say so).
#[inline]
fn may_rate(r: &str) -> bool {
    let b = r.as_bytes();
    match b.first() {
        Some(b'/') => true,
        Some(b' ' | b'\t') => {
            let k = b.iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
            matches!(b.get(k), Some(b'p' | b'P' | b'a' | b'A' | b'e' | b'E'))
        }
        _ => false,
    }
}

/// `rate_tail = ws ("per" ws per_denominator | ("a" | "an" | "each" | "every") ws
/// per_denominator) | "/" unit`:
/// the rest and the denominator.
fn rate_tail<'a>(cx: &Cx, r: &'a str, money: bool) -> Option<(&'a str, Per)> {
    if !may_rate(r) {
        return None;
    }
    let t = cx.t;
    // Every form starts with a space or "/".
    match r.as_bytes().first() {
        Some(b'/') => {
            let after = &r[1..];
            let (m, idx) = unit(cx, after, true)?;
            let u = &t.units[idx];
            if matches!(
                u.dimension,
                Dimension::Percent | Dimension::PercentagePoints
            ) {
                return None;
            }
            return Some((&after[m..], Per::Unit(u16::try_from(idx).ok()?)));
        }
        Some(b' ' | b'\t') => {}
        _ => return None,
    }
    let r1 = r.trim_start_matches([' ', '\t']);
    let first = r1.as_bytes().first()?.to_ascii_lowercase();
    if first != b'p' && first != b'a' && first != b'e' {
        return None;
    }
    // "each" and "every" take what an article takes: "12 inspections each month", "40
    // flights every day".
    let (r2, article) = if let Some(k) = phrase_ci(r1, "per") {
        (&r1[k..], false)
    } else if let Some(k) = phrase_ci(r1, "a")
        .or_else(|| phrase_ci(r1, "an"))
        .or_else(|| phrase_ci(r1, "each"))
        .or_else(|| phrase_ci(r1, "every"))
    {
        (&r1[k..], true)
    } else {
        return None;
    };
    let (r3, _) = ws(r2).ok()?;
    per_denominator(cx, t, r3, article, money)
}

/// A counted noun (one or two lower-case words) and a rate after a number with no unit:
/// "3 goals per game", "12.4 new cases per 100,000", "five times a week". The rest, the
/// denominator and the noun's place (see [`Parsed::noun`]).
fn rate_after_noun<'t, 'a>(
    cx: &Cx<'t>,
    t: &'t super::tables::Tables,
    r: &'a str,
) -> Option<(&'a str, Per, (u32, u32))> {
    // The words that may stand in a rate's noun: spaces, then lower-case letters with no
    // joiner or other letter after them (bytes only: every count with a word after it passes
    // here).
    let word_at = |at: &'a str| -> Option<(&'a str, &'a str)> {
        let b = at.as_bytes();
        let k = b.iter().take_while(|c| matches!(c, b' ' | b'\t')).count();
        let n = b[k..].iter().take_while(|c| c.is_ascii_lowercase()).count();
        if k == 0 || n < 2 {
            return None;
        }
        let ends = match b.get(k + n) {
            None => true,
            Some(&c) if c < 0x80 => !(c.is_ascii_alphanumeric() || c == b'_' || c == b'-'),
            Some(_) => !at[k + n..].starts_with(is_word_char),
        };
        let w = &at[k..k + n];
        (ends && !matches!(w, "per" | "an")).then(|| (w, &at[k + n..]))
    };
    // (The stop-word look-up, dearer than the byte tests, only once a rate follows.)
    let noun_word = |w: &str| w == "times" || !t.stop_words.contains(w);
    let (w1, at1) = word_at(r)?;
    // The noun is the last word passed ("new cases"): its place as lengths of input left.
    if may_rate(at1)
        && let Some((rest, per)) = rate_tail(cx, at1, false)
    {
        let place = (left(at1) + left(w1), left(at1));
        return noun_word(w1).then_some((rest, per, place));
    }
    let (w2, at2) = word_at(at1)?;
    if !may_rate(at2) {
        return None;
    }
    let (rest, per) = rate_tail(cx, at2, false)?;
    (noun_word(w1) && noun_word(w2)).then_some((rest, per, (left(at2) + left(w2), left(at2))))
}

/// An amount in currency `idx` (in its minor unit when `minor`): the number and the code to
/// report it in. A minor unit with a `minor_code` keeps its value as written ("99 cents" is
/// 99 USc); one without is converted ("50 euro cents" is 0.5 EUR).
fn in_currency<'t>(cx: &Cx<'t>, mut n: Num, idx: usize, minor: bool) -> (Num, &'t str) {
    let c = &cx.t.currencies[idx];
    match (&c.minor_code, minor) {
        (_, false) => (n, c.code.as_str()),
        (Some(mc), true) => (n, mc.as_str()),
        (None, true) => {
            n.fig = Figure::new(
                n.fig.value / Decimal::ONE_HUNDRED,
                n.fig.precision / Decimal::ONE_HUNDRED,
            );
            (n, c.code.as_str())
        }
    }
}

/// A minor unit's symbol after a number in digits (`Tables::currency_minor_attached`):
/// "45p" (against the digits, a whole number below 1000 and no video resolution such as
/// "720p", or a decimal: "2.5p"), "12¢" or "12 ¢". The symbol's length in `r_ws` (`r` after
/// spaces) and the currency.
fn minor_attached<'a>(
    t: &super::tables::Tables,
    r: &'a str,
    r_ws: &'a str,
    n: &Num,
) -> Option<(usize, usize)> {
    // Every symbol starts with "p" or "¢" (0xC2 0xA2).
    if !matches!(r_ws.as_bytes().first(), Some(b'p' | 0xC2)) || n.kind != NumKind::Digits {
        return None;
    }
    for (sym, idx) in &t.currency_minor_attached {
        let tight = sym.chars().all(|c| c.is_ascii_alphabetic());
        let at = if tight { r } else { r_ws };
        let Some(after) = at.strip_prefix(sym.as_str()) else {
            continue;
        };
        if after.starts_with(is_word_char) {
            continue;
        }
        if tight {
            let v = n.fig.value;
            let whole = v.fract().is_zero();
            let video = whole && [144, 240, 360, 480, 576, 720].contains(&v.mantissa());
            if n.grouped || v >= Decimal::from(1000) || video {
                continue;
            }
        }
        return Some((r_ws.len() - after.len(), *idx));
    }
    None
}

/// "age 87", "aged 87": an age written before its number.
pub fn age_prefixed<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    let (r, _) = (alt((word_ci("aged"), word_ci("age"))), ws).parse(i)?;
    let (r, n) = alt((
        |i| digit_number(cx, i),
        |i| super::number::word_number(cx, i),
    ))
    .parse(r)?;
    if n.fig.value < Decimal::ZERO || n.fig.value > Decimal::from(150) {
        return fail(i);
    }
    Ok((r, Parsed::from_amount(Dimension::Age, n, Some("year"))))
}

/// "a week", "an hour", "another month", "all day", "half an hour", "a week-long".
pub fn article_unit<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    // Every opening word starts with one of these letters: a byte test is cheaper than the
    // cache.
    if !i
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'a' | b'c' | b'f' | b'w' | b'h'))
    {
        return fail(i);
    }
    // Memoised: `quantity` tries it on its own and again inside `amount`.
    memo::memo(&cx.scope, &cx.article_unit, i, |i| {
        article_unit_uncached(cx, i)
    })
}

/// [`article_unit`] past its first-byte test.
fn article_unit_uncached<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    // (value, whether units other than durations may follow: "a mile", "half a litre")
    let (r, ((q, any_unit), sep)) = (
        alt((
            (
                opt((word_ci("a"), ws)),
                word_ci("couple"),
                ws,
                word_ci("of"),
            )
                .map(|_| (Decimal::TWO, false)),
            word_ci("an").map(|_| (Decimal::ONE, true)),
            word_ci("a").map(|_| (Decimal::ONE, true)),
            word_ci("another").map(|_| (Decimal::ONE, false)),
            word_ci("all").map(|_| (Decimal::ONE, false)),
            word_ci("full").map(|_| (Decimal::ONE, false)),
            word_ci("whole").map(|_| (Decimal::ONE, false)),
            (
                word_ci("half"),
                opt((ws, alt((word_ci("an"), word_ci("a"))))),
            )
                .map(|(_, a)| (Decimal::new(5, 1), a.is_some())),
        )),
        alt((ws, tag("-"))),
    )
        .parse(i)?;
    let Some((m, idx)) = unit(cx, r, false) else {
        return fail(i);
    };
    let t = cx.t;
    let u = &t.units[idx];
    if u.symbol == "s" {
        // "a second time" is an ordinal; "less than a second.", "a second or two" a
        // duration.
        if !second_ends(&r[m..]) {
            return fail(i);
        }
    } else if u.dimension != Dimension::Duration {
        // "a mile", "a tonne", "half a litre": only the singular aliases a unit lists as
        // `article`, after a spaced "a", "an" or "half a".
        let text = r[..m].split_whitespace().collect::<Vec<_>>().join(" ");
        let lt = text.to_lowercase();
        // "half a pound heavier": after "half a" a pound is a weight.
        let half_pound = q == Decimal::new(5, 1) && lt == "pound";
        if !any_unit || sep == "-" || !(t.article_aliases.contains(lt.as_str()) || half_pound) {
            return fail(i);
        }
    }
    let mut rest = &r[m..];
    let mut value = q;
    let mut adjectival = false;
    if let Some(k) = phrase_ci(rest, "-long") {
        rest = &rest[k..];
        adjectival = true;
    } else if let Some(k) = phrase_ci(rest, " and a half").or_else(|| phrase_ci(rest, " and half"))
    {
        rest = &rest[k..];
        value += Decimal::new(5, 1);
    }
    let n = Num {
        fig: Figure::new(value, Decimal::ONE),
        kind: NumKind::Words,
        grouped: false,
        plain4: false,
    };
    let mut p = Parsed::from_amount(u.dimension, n, Some(u.symbol.as_str()));
    p.adjectival = adjectival;
    Ok((rest, p))
}

/// Whether "a second" is the duration before `r`: a stop, bracket or end follows it, or a
/// word that goes on with a length of time ("or two", "of", "later"); else it is an ordinal
/// ("a second time", "a second, larger blast").
fn second_ends(r: &str) -> bool {
    let next = r.trim_start_matches([' ', '\t']);
    match next.chars().next() {
        None => true,
        Some('.' | ';' | ':' | ')' | '!' | '?') => true,
        Some(c) if c.is_alphabetic() => {
            let w: String = next
                .chars()
                .take_while(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect();
            matches!(
                w.as_str(),
                "or" | "of"
                    | "later"
                    | "after"
                    | "before"
                    | "ago"
                    | "earlier"
                    | "faster"
                    | "slower"
                    | "longer"
                    | "too"
                    | "to"
                    | "in"
                    | "and"
            )
        }
        _ => false,
    }
}

/// `amount = money | article_unit | age_prefixed | measure`
pub fn amount<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    // Memoised: `hedged`, `range_plain` and `quantity` read the same amount more than once.
    memo::memo(&cx.scope, &cx.amount, i, |i| {
        let (r, p) = alt((
            |i| money_prefixed(cx, i),
            |i| article_unit(cx, i),
            |i| age_prefixed(cx, i),
            |i| measure(cx, i),
        ))
        .parse(i)?;
        Ok(with_rate(cx, r, p))
    })
}

/// An amount and the rate after it, if any. A physical quantity per unit is a rate
/// ("411,000 barrels per day" is `rate` in bbl/day, its span through the denominator), and so
/// is a number per a power of ten ("12.4 per 100,000", unit "/100000"). Money, percentages
/// and counts per unit keep their dimension, their span the figure alone: "$81 a barrel" is
/// $81, "600 a day" is 600 (the denominator read with them is no figure of its own).
fn with_rate<'a, 't>(cx: &Cx<'t>, r: &'a str, mut p: Parsed<'t>) -> (&'a str, Parsed<'t>) {
    if p.value.is_none() || p.kind == NumKind::Fraction || p.per.is_some() {
        return (r, p);
    }
    if !may_rate(r) {
        return measure_of_noun_per(cx, r, p);
    }
    let Some((rest, per)) = rate_tail(cx, r, p.dimension == Dimension::Currency) else {
        return (r, p);
    };
    p.per = Some(per);
    p.year_like = false;
    match p.dimension {
        Dimension::Count if p.unit.is_none() && matches!(per, Per::Power(_)) => {
            p.dimension = Dimension::Rate;
        }
        Dimension::Length
        | Dimension::Mass
        | Dimension::Area
        | Dimension::Volume
        | Dimension::Information
        | Dimension::Duration
        | Dimension::Temperature
        | Dimension::Speed
        | Dimension::Angle
            if p.unit.is_some() =>
        {
            p.dimension = Dimension::Rate;
        }
        _ => p.span_end = Some(left(r)),
    }
    (rest, p)
}

/// A measure of a named thing per unit: "900 tonnes of whitefish a week", "22 hours of
/// overtime a month" (one or two lower-case words after "of", then the denominator). The
/// measure keeps its dimension and unit, as money and counts per unit do, with the
/// denominator in `per`; its span is the measure alone (the noun and the denominator are no
/// figures, so "a week" is no duration beside it). The Recognizers DimensionModel reads "2.4
/// billion gallons of jet fuel a year" as a volume. Anything else is returned as it was.
fn measure_of_noun_per<'a, 't>(
    cx: &Cx<'t>,
    r: &'a str,
    mut p: Parsed<'t>,
) -> (&'a str, Parsed<'t>) {
    let physical = matches!(
        p.dimension,
        Dimension::Length
            | Dimension::Mass
            | Dimension::Area
            | Dimension::Volume
            | Dimension::Information
            | Dimension::Duration
    );
    if !physical || p.unit.is_none() || !r.starts_with(" of ") {
        return (r, p);
    }
    let Some((rest, per, _)) = rate_after_noun(cx, cx.t, &r[3..]) else {
        return (r, p);
    };
    if matches!(per, Per::Power(_)) {
        return (r, p);
    }
    p.per = Some(per);
    p.year_like = false;
    p.span_end = Some(left(r));
    (rest, p)
}

/// The unit of a rate read with a [`Per`]: "bbl/day", "hour/day", "/100000", "µg/g".
pub fn rate_unit(cx: &Cx, numerator: Option<&str>, per: Per) -> String {
    format!("{}/{}", numerator.unwrap_or(""), per.symbol(cx))
}

/// "dozens", "hundreds of thousands", "several", "a few".
pub fn vague<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    let t = cx.t;
    if word_class(t, i).is_some_and(|c| c.none_of(WordClass::VAGUE)) {
        return fail(i);
    }
    for &e in t.vague_index.by_first(i) {
        let (phrase, v) = &t.vague[e];
        let Some(n) = phrase_ci(i, phrase) else {
            continue;
        };
        let mut rest = &i[n..];
        let (mut low, mut high) = (v.low, v.high);
        // "several hundred", "a few thousand", "a couple of million": a small vague amount
        // times a scale word.
        if !v.of_scale && high.is_some_and(|h| h < Decimal::from(10)) {
            for (w, s) in [
                (" hundred", 100u64),
                (" thousand", 1_000),
                (" million", 1_000_000),
                (" billion", 1_000_000_000),
            ] {
                if let Some(k) = phrase_ci(rest, w)
                    && !rest[k..].starts_with(|c: char| c.is_alphanumeric())
                {
                    rest = &rest[k..];
                    low *= Decimal::from(s);
                    high = high.map(|h| h * Decimal::from(s));
                    break;
                }
            }
        }
        if v.of_scale {
            for (w, s) in [
                (" of thousands", 1_000u64),
                (" of millions", 1_000_000),
                (" of billions", 1_000_000_000),
            ] {
                if let Some(k) = phrase_ci(rest, w) {
                    rest = &rest[k..];
                    low *= Decimal::from(s);
                    high = high.map(|h| h * Decimal::from(s));
                    break;
                }
            }
        }
        return Ok((
            rest,
            Parsed {
                dimension: Dimension::Count,
                value: None,
                low: Some(low),
                high,
                bound: Bound::Vague,
                unit: None,
                approx: true,
                adjectival: false,
                year_like: false,
                kind: NumKind::Words,
                noun: None,
                per: None,
                span_end: None,
            },
        ));
    }
    fail(i)
}

pub(crate) fn hedge_before<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, HedgeKind> {
    let t = cx.t;
    if let Some(c) = word_class(t, i) {
        if c.none_of(WordClass::HEDGE_BEFORE) {
            return fail(i);
        }
        // Every hedge starting with this word goes on with spaces and a second word: the
        // input's second word must be one of the hedges' second words.
        if c.none_of(WordClass::HEDGE_BEFORE_SOLO) {
            let first = i.bytes().take_while(u8::is_ascii_alphabetic).count();
            let after = &i[first..];
            let next = after.trim_start_matches([' ', '\t']);
            if next.len() == after.len()
                || word_class(t, next).is_some_and(|c2| c2.none_of(WordClass::HEDGE_BEFORE_SECOND))
            {
                return fail(i);
            }
        }
    }
    for &e in t.hedges_before_index.candidates(i) {
        let (p, k) = &t.hedges_before[e];
        let n = if p.starts_with(|c: char| c.is_alphabetic()) {
            phrase_ci(i, p)
        } else {
            i.starts_with(p.as_str()).then_some(p.len())
        };
        let Some(n) = n else { continue };
        let rest = &i[n..];
        let (rest, _) = ws0(rest)?;
        return Ok((rest, *k));
    }
    fail(i)
}

pub(crate) fn hedge_after<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, HedgeKind> {
    let t = cx.t;
    let (r, _) = ws0(i)?;
    if word_class(t, r).is_some_and(|c| c.none_of(WordClass::HEDGE_AFTER)) {
        return fail(i);
    }
    for &e in t.hedges_after_index.by_first(r) {
        let (p, k) = &t.hedges_after[e];
        if let Some(n) = phrase_ci(r, p) {
            // "5000 or less than 6000", "above 1000 and below 1500", "0.03 plus 0.08": with a
            // number after them the words open a new bound (or a sum), they do not close this
            // one.
            // (A shorter hedge, a prefix of this one, is no better: "or equal" of "or equal to
            // 6000".)
            let next = r[n..].trim_start_matches([' ', '\t']);
            if starts_number(cx, next) {
                return fail(i);
            }
            // "200 or greater than", "5000 or more than that": "than" with no number after it
            // still closes this bound.
            if let Some(t) = phrase_ci(next, "than") {
                if starts_number(cx, next[t..].trim_start_matches([' ', '\t'])) {
                    return fail(i);
                }
                return Ok((&next[t..], *k));
            }
            return Ok((&r[n..], *k));
        }
    }
    fail(i)
}

/// Whether a number (or money written with its symbol first) starts at `i`: what makes the
/// words of an after-hedge open a new bound instead of closing the one before them.
fn starts_number(cx: &Cx, i: &str) -> bool {
    i.starts_with(|c: char| c.is_ascii_digit())
        || number(cx, i).is_ok()
        || (!i.starts_with(|c: char| c.is_alphabetic()) && money_prefixed(cx, i).is_ok())
}

/// Applies a hedge to a parsed amount.
pub fn apply_hedge<'t>(cx: &Cx<'t>, mut p: Parsed<'t>, k: HedgeKind) -> Parsed<'t> {
    let Some(fig) = p.value else { return p };
    let v = fig.value;
    p.year_like = false;
    match k {
        // An open bound keeps its stated number ("more than 500" states 500); the bound says
        // the figure is any number beyond it (`Quantity::point` is `None`).
        HedgeKind::Gt | HedgeKind::Ge => {
            p.low = Some(v);
            p.high = None;
            p.bound = if k == HedgeKind::Gt {
                Bound::Gt
            } else {
                Bound::Ge
            };
        }
        HedgeKind::Lt | HedgeKind::Le => {
            p.low = None;
            p.high = Some(v);
            p.bound = if k == HedgeKind::Lt {
                Bound::Lt
            } else {
                Bound::Le
            };
        }
        HedgeKind::Almost => {
            // Checked: a figure near Decimal's limit keeps its value without the hedge.
            let Some(lo) = v
                .checked_mul(cx.t.widen_almost)
                .and_then(|w| v.checked_sub(w.abs()))
            else {
                return p;
            };
            p.low = Some(lo);
            p.high = Some(v);
            p.bound = Bound::Almost;
            p.approx = true;
        }
        HedgeKind::Approx => {
            let w = v.checked_mul(cx.t.widen_approx).map(|w| w.abs());
            let (Some(lo), Some(hi)) = (
                w.and_then(|w| v.checked_sub(w)),
                w.and_then(|w| v.checked_add(w)),
            ) else {
                return p;
            };
            p.low = Some(lo);
            p.high = Some(hi);
            p.bound = Bound::Approx;
            p.approx = true;
        }
        HedgeKind::Eq | HedgeKind::OrEqual => {}
    }
    p
}

pub(crate) fn hedged<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    let (r, k) = hedge_before(cx, i)?;
    let (r, stated) = alt((|i| range_plain(cx, i), |i| amount(cx, i))).parse(r)?;
    if stated.bound == Bound::Range {
        return Ok((r, stated));
    }
    let mut p = apply_hedge(cx, stated, k);
    let mut r = r;
    // "about 500 or more", "equal to 5000 or less": a bound after the number decides.
    if let Ok((r2, k2)) = hedge_after(cx, r) {
        match k2 {
            HedgeKind::Ge | HedgeKind::Le | HedgeKind::Gt | HedgeKind::Lt => {
                p = apply_hedge(cx, stated, k2);
                r = r2;
            }
            // "more than 5000 or equal to": the bound before the number takes its end.
            HedgeKind::OrEqual => match p.bound {
                Bound::Gt => {
                    p.bound = Bound::Ge;
                    r = r2;
                }
                Bound::Lt => {
                    p.bound = Bound::Le;
                    r = r2;
                }
                _ => {}
            },
            _ => r = r2,
        }
    }
    // "greater than 100 and smaller than 300", "at most 100 and at least 20": two bounds in
    // opposite directions make a range when they are in order.
    let lower_first = p.low.is_some() && p.high.is_none();
    let upper_first = p.low.is_none() && p.high.is_some();
    if (lower_first || upper_first)
        && let Ok((r2, _)) = alt((
            (ws, alt((word_ci("and"), word_ci("but"))), ws).map(|_| ()),
            (tag(","), ws).map(|_| ()),
        ))
        .parse(r)
        && let Ok((r3, k2)) = hedge_before(cx, r2)
        && let Ok((r4, q)) = amount(cx, r3)
        && let Some(v2) = q.value
        && q.dimension == p.dimension
    {
        let opposite = if lower_first {
            matches!(k2, HedgeKind::Lt | HedgeKind::Le)
        } else {
            matches!(k2, HedgeKind::Gt | HedgeKind::Ge)
        };
        let (lo, hi) = if lower_first {
            (p.low, Some(v2.value))
        } else {
            (Some(v2.value), p.high)
        };
        if opposite && lo < hi {
            p.value = None;
            p.low = lo;
            p.high = hi;
            p.bound = Bound::Range;
            return Ok((r4, p));
        }
    }
    Ok((r, p))
}

pub(crate) fn range_sep(i: &str) -> IResult<&str, &str> {
    // `ws0 ("-" | "–" | "—" | "~") ws0 | ws ("to" | "through" | "thru") ws`, by hand: most
    // numbers are followed by neither, and a byte test says so.
    let (r, sp) = ws0(i)?;
    for t in ["-", "–", "—", "~"] {
        if let Some(after) = r.strip_prefix(t) {
            let (r2, _) = ws0(after)?;
            return Ok((r2, &r[..t.len()]));
        }
    }
    if !sp.is_empty()
        && r.as_bytes()
            .first()
            .is_some_and(|b| matches!(b, b't' | b'T'))
    {
        for w in ["to", "through", "thru"] {
            if let Some(n) = phrase_ci(r, w) {
                let (r2, _) = ws(&r[n..])?;
                return Ok((r2, &r[..n]));
            }
        }
    }
    fail(i)
}

fn make_range<'t>(mut a: Parsed<'t>, b: Parsed<'t>) -> Option<Parsed<'t>> {
    let (av, bv) = (a.value?, b.value?);
    if a.unit.is_none() && b.unit.is_some() {
        a.unit = b.unit;
        a.dimension = b.dimension;
    }
    // "3 to 5 per 100,000", "10 to 12 hours a day": the rate after the range is both ends'.
    if a.per.is_none() && b.per.is_some() && (a.dimension == Dimension::Count || a.unit == b.unit) {
        a.per = b.per;
        a.dimension = b.dimension;
    }
    if a.unit != b.unit || a.dimension != b.dimension || a.per != b.per || av.value >= bv.value {
        return None;
    }
    a.span_end = b.span_end;
    // "a quarter to $254 million" is not a range.
    if (a.kind == NumKind::Fraction) != (b.kind == NumKind::Fraction) {
        return None;
    }
    a.value = None;
    a.low = Some(av.value);
    a.high = Some(bv.value);
    a.bound = Bound::Range;
    a.year_like = false;
    a.adjectival = b.adjectival;
    a.noun = a.noun.or(b.noun);
    a.approx |= b.approx;
    Some(a)
}

/// `range = amount sep amount` with the unit shared: "300-400", "300 to 400 km", "5k-20k".
pub fn range_plain<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    let (r, a) = amount(cx, i)?;
    range_rest(cx, i, r, a)
}

/// The rest of a plain range after its first amount `a` (which ended at `r`).
fn range_rest<'t, 'a>(
    cx: &Cx<'t>,
    i: &'a str,
    r: &'a str,
    a: Parsed<'t>,
) -> IResult<&'a str, Parsed<'t>> {
    let (r, sep) = range_sep(r)?;
    let (r, b) = amount(cx, r)?;
    // "three-nought-four": numbers chained by hyphens are each a number, not a range.
    if sep == "-" && r.strip_prefix('-').is_some_and(|r| starts_number(cx, r)) {
        return fail(i);
    }
    // Years ("2019-2020") are a date range, not a count range: leave them alone.
    let year = |p: &Parsed| {
        p.year_like
            && p.value
                .is_some_and(|f| f.value >= Decimal::from(1800) && f.value <= Decimal::from(2100))
    };
    if year(&a) && year(&b) {
        return fail(i);
    }
    match make_range(a, b) {
        Some(p) => Ok((r, p)),
        None => fail(i),
    }
}

/// A hedge that may stand before either end of a range: "between about 3 and 5", "between 3
/// kg and roughly 5 kg". Marks the amount approximate.
fn range_end<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    let (r, hedge) = match hedge_before(cx, i) {
        Ok((r, HedgeKind::Approx | HedgeKind::Almost)) => (r, true),
        Ok((r, HedgeKind::Eq)) => (r, false),
        _ => (i, false),
    };
    let (r, mut p) = amount(cx, r)?;
    p.approx |= hedge;
    Ok((r, p))
}

/// `"between" [hedge] amount "and" [hedge] amount`
pub fn range_between<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    let (r, _) = (word_ci("between"), ws).parse(i)?;
    let (r, a) = range_end(cx, r)?;
    let (r, _) = (ws, word_ci("and"), ws).parse(r)?;
    let (r, b) = range_end(cx, r)?;
    match make_range(a, b) {
        Some(p) => Ok((r, p)),
        None => fail(i),
    }
}

/// "percent of 10", "per cent of twenty-two": the percent written before its number.
pub fn percent_of<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    let (r, _) = (
        alt((word_ci("percents"), word_ci("percent"), word_ci("per cent"))),
        ws,
        word_ci("of"),
        ws,
    )
        .parse(i)?;
    let (r, n) = digit_number(cx, r).or_else(|_| super::number::word_number(cx, r))?;
    Ok((r, Parsed::from_amount(Dimension::Percent, n, Some("%"))))
}

/// The top production: `quantity`.
pub fn quantity<'a, 't>(cx: &Cx<'t>, i: &'a str) -> IResult<&'a str, Parsed<'t>> {
    if let Ok(r) = alt((
        |i| range_between(cx, i),
        |i| hedged(cx, i),
        |i| article_unit(cx, i),
        |i| vague(cx, i),
    ))
    .parse(i)
    {
        return Ok(r);
    }
    // `range_plain | after_hedged | amount`, parsing the first amount once.
    if let Ok((r, a)) = amount(cx, i) {
        if let Ok(x) = range_rest(cx, i, r, a) {
            return Ok(x);
        }
        if let Ok((r2, k)) = hedge_after(cx, r)
            && k != HedgeKind::OrEqual
        {
            return Ok((r2, apply_hedge(cx, a, k)));
        }
        return Ok((r, a));
    }
    percent_of(cx, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q<'t>(cx: &Cx<'t>, s: &str) -> (Parsed<'t>, usize) {
        let (r, p) = quantity(cx, s).unwrap_or_else(|e| panic!("{s}: {e:?}"));
        (p, s.len() - r.len())
    }
    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn hedges_make_intervals() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        // An open bound keeps the number it states.
        let (p, _) = q(cx, "more than 100 drones");
        assert_eq!(
            (p.value.map(|f| f.value), p.low, p.high, p.bound),
            (Some(d("100")), Some(d("100")), None, Bound::Gt)
        );
        let (p, _) = q(cx, "less than a couple of days");
        assert_eq!(
            (p.value.map(|f| f.value), p.low, p.high, p.unit),
            (Some(d("2")), None, Some(d("2")), Some("day"))
        );
        // A pair of bounds is a range: no one stated number.
        let (p, _) = q(cx, "above 1000 and below 1500");
        assert_eq!((p.value, p.bound), (None, Bound::Range));
        let (p, _) = q(cx, "up to 700");
        assert_eq!((p.low, p.high), (None, Some(d("700"))));
        let (p, _) = q(cx, "about 100");
        assert_eq!(
            (p.low, p.high, p.approx),
            (Some(d("90")), Some(d("110")), true)
        );
        let (p, _) = q(cx, "nearly 50");
        assert_eq!((p.low, p.high), (Some(d("45")), Some(d("50"))));
        let (p, n) = q(cx, "200 or more");
        assert_eq!((p.low, p.high, n), (Some(d("200")), None, 11));
    }

    #[test]
    fn ranges() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let (p, n) = q(cx, "between 300 and 400 people");
        assert_eq!((p.low, p.high, n), (Some(d("300")), Some(d("400")), 19));
        let (p, _) = q(cx, "300-400 km");
        assert_eq!(
            (p.low, p.high, p.unit),
            (Some(d("300")), Some(d("400")), Some("km"))
        );
        let (p, _) = q(cx, "5k-20k");
        assert_eq!((p.low, p.high), (Some(d("5000")), Some(d("20000"))));
        let (p, _) = q(cx, "greater than 100 and smaller than 300");
        assert_eq!((p.low, p.high), (Some(d("100")), Some(d("300"))));
    }

    #[test]
    fn units() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let (p, n) = q(cx, "-30 degrees Celsius (");
        assert_eq!(
            (p.dimension, p.unit, n),
            (Dimension::Temperature, Some("°C"), 19)
        );
        let (p, _) = q(cx, "minus 4 degrees Fahrenheit");
        assert_eq!((p.value.unwrap().value, p.unit), (d("-4"), Some("°F")));
        let (p, _) = q(cx, "86 F (30 C)");
        assert_eq!(p.unit, Some("°F"));
        let (p, _) = q(cx, "400 kilometres");
        assert_eq!(p.unit, Some("km"));
        let (p, _) = q(cx, "90 km/h");
        assert_eq!(p.unit, Some("km/h"));
        let (p, _) = q(cx, "15 percentage points");
        assert_eq!(p.dimension, Dimension::PercentagePoints);
        let (p, _) = q(cx, "15 per cent");
        assert_eq!(p.dimension, Dimension::Percent);
        let (p, _) = q(cx, "$10.5 billion");
        assert_eq!(
            (p.value.unwrap().value, p.unit),
            (d("10500000000"), Some("USD"))
        );
        let (p, _) = q(cx, "€8.4bn");
        assert_eq!(
            (p.value.unwrap().value, p.unit),
            (d("8400000000"), Some("EUR"))
        );
        let (p, _) = q(cx, "three-day ceasefire");
        assert_eq!(
            (p.value.unwrap().value, p.unit, p.adjectival),
            (d("3"), Some("day"), true)
        );
        let (p, _) = q(cx, "a week");
        assert_eq!((p.value.unwrap().value, p.unit), (d("1"), Some("week")));
        let (p, _) = q(cx, "dozens of drones");
        assert_eq!((p.low, p.bound), (Some(d("24")), Bound::Vague));
        let (p, _) = q(cx, "hundreds of thousands");
        assert_eq!(p.low, Some(d("200000")));
    }

    #[test]
    fn bare_letters_are_careful() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        // "F Block" is an address, not Fahrenheit.
        let (p, _) = q(cx, "23456 F Block");
        assert_eq!(p.dimension, Dimension::Count);
        // A unit joined by a hyphen to digits, or a capital symbol joined to a word, is a name.
        for t in [
            "50 F-35 jets",
            "3 C-130 planes",
            "24703 L-202",
            "800,000 F-Series",
            "2 K-9",
        ] {
            let (p, _) = q(cx, t);
            assert_eq!((p.dimension, p.unit), (Dimension::Count, None), "{t}");
        }
        let (p, _) = q(cx, "10 km-long");
        assert_eq!(p.unit, Some("km"));
    }

    #[test]
    fn bound_pairs_and_after_bounds() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let (p, _) = q(cx, "above 1000 and below 1500");
        assert_eq!(
            (p.low, p.high, p.bound),
            (Some(d("1000")), Some(d("1500")), Bound::Range)
        );
        let (p, _) = q(cx, "at most 100 and at least 20");
        assert_eq!((p.low, p.high), (Some(d("20")), Some(d("100"))));
        // Out of order: two separate bounds, not an empty range.
        let (p, n) = q(cx, "more than 40 and less than 10");
        assert_eq!((p.low, p.high, n), (Some(d("40")), None, 12));
        let (p, _) = q(cx, "about 500 or more");
        assert_eq!((p.low, p.high, p.bound), (Some(d("500")), None, Bound::Ge));
        let (p, n) = q(cx, "equal to 5000 or less than 6000");
        assert_eq!((p.low, p.high, n), (Some(d("5000")), Some(d("5000")), 13));
    }

    #[test]
    fn after_hedges_close_a_bound_only_without_a_number_after_them() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        // A number after the words: they open a bound (or a sum) of their own.
        let (p, n) = q(cx, "above one quarter and below a half");
        assert_eq!(
            (p.low, p.high, p.bound, n),
            (Some(d("0.25")), Some(d("0.5")), Bound::Range, 34)
        );
        let (p, n) = q(cx, "nought point nought three plus zero point zero eight");
        assert_eq!(
            (p.value.map(|f| f.value), p.bound, n),
            (Some(d("0.03")), Bound::Exact, 25)
        );
        let (p, n) = q(cx, "20 plus $5");
        assert_eq!((p.bound, n), (Bound::Exact, 2));
        // "than" with no number after it closes the bound.
        let (p, n) = q(cx, "200 or greater than");
        assert_eq!(
            (p.low, p.high, p.bound, n),
            (Some(d("200")), None, Bound::Ge, 19)
        );
        let (p, n) = q(cx, "equal to 5000 or more than that");
        assert_eq!((p.low, p.high, n), (Some(d("5000")), None, 26));
        let (p, n) = q(cx, "200 or greater than 190");
        assert_eq!((p.bound, n), (Bound::Exact, 3));
        // "or equal (to)" makes a strict bound before the number inclusive.
        let (p, n) = q(cx, "more than 5000 or equal to");
        assert_eq!(
            (p.low, p.high, p.bound, n),
            (Some(d("5000")), None, Bound::Ge, 26)
        );
        let (p, n) = q(cx, "fewer than 30 or equal");
        assert_eq!(
            (p.low, p.high, p.bound, n),
            (None, Some(d("30")), Bound::Le, 22)
        );
        let (p, n) = q(cx, "more than 5000 or equal to 6000");
        assert_eq!((p.bound, n), (Bound::Gt, 14));
        // On its own it bounds nothing and is not taken.
        let (p, n) = q(cx, "5000 or equal");
        assert_eq!((p.bound, n), (Bound::Exact, 4));
        // "20 or more a day" keeps its bound: "a day" is no number.
        let (p, n) = q(cx, "20 or more a day");
        assert_eq!((p.bound, n), (Bound::Ge, 10));
    }

    #[test]
    fn hyphen_chains_are_not_ranges() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let (p, n) = q(cx, "three-nought-four");
        assert_eq!((p.bound, n), (Bound::Exact, 5));
        let (p, _) = q(cx, "three-four");
        assert_eq!(p.bound, Bound::Range);
    }

    #[test]
    fn money_forms() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let cases = [
            ("3 dollars 50 cents", "3.5", "USD"),
            ("thirteen dollars and forty-five cents", "13.45", "USD"),
            ("450,000 yen", "450000", "JPY"),
            ("10 €", "10", "EUR"),
            ("115USD", "115", "USD"),
            ("75 USD million", "75000000", "USD"),
            ("30 MUSD", "30000000", "USD"),
            ("MAUD 60", "60000000", "AUD"),
            ("2 satoshis", "2", "SAT"),
            ("10 $ 30 cent", "10.3", "USD"),
            ("MUSD 1.5", "1500000", "USD"),
            ("20 usd", "20", "USD"),
            ("12-cent", "12", "USc"),
            ("half million usd", "500000", "USD"),
        ];
        for (t, v, u) in cases {
            let (p, n) = q(cx, t);
            assert_eq!(
                (p.value.map(|f| f.value), p.unit, n),
                (Some(d(v)), Some(u), t.len()),
                "{t}"
            );
        }
        // A symbol against the next number, or before a number and a scale, is that number's.
        for t in ["10 $30", "1995 $ 5 million"] {
            let (p, n) = q(cx, t);
            assert_eq!(
                (p.dimension, n),
                (Dimension::Count, t.find(' ').unwrap()),
                "{t}"
            );
        }
        let (p, n) = q(cx, "10 $ 30 $");
        assert_eq!(
            (p.value.map(|f| f.value), p.unit, n),
            (Some(d("10")), Some("USD"), 4)
        );
        // Codes other than the loose ones must be upper case: "a cad" is not money.
        let (p, _) = q(cx, "5 cad");
        assert_eq!(p.dimension, Dimension::Count);
        // The million prefix is a code's: upper case only.
        assert!(money_prefixed(cx, "Maud 60").is_err());
        assert!(money_prefixed(cx, "MAUDE 60").is_err());
    }

    #[test]
    fn compound_and_bracketed_units() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let (p, _) = q(cx, "5 feet 2 inches");
        assert_eq!((p.value.unwrap().value * d("12")).round_dp(6), d("62"));
        let (p, _) = q(cx, "1 year 1 month 21 days");
        assert_eq!(p.unit, Some("year"));
        // Metric units are two figures.
        let (p, n) = q(cx, "12 m 2 dm");
        assert_eq!((p.value.unwrap().value, n), (d("12"), 4));
        let (p, _) = q(cx, "20 (kg)");
        assert_eq!(p.unit, Some("kg"));
        let (p, _) = q(cx, "a couple of days");
        assert_eq!((p.value.unwrap().value, p.unit), (d("2"), Some("day")));
        let (p, _) = q(cx, "aged 87");
        assert_eq!(
            (p.dimension, p.value.unwrap().value),
            (Dimension::Age, d("87"))
        );
    }

    /// (value, unit, dimension, length) of a quantity.
    fn vud<'t>(cx: &Cx<'t>, t: &str) -> (Decimal, Option<&'t str>, Dimension, usize) {
        let (p, n) = q(cx, t);
        (
            p.value.map(|f| f.value).or(p.low).unwrap_or_default(),
            p.unit,
            p.dimension,
            n,
        )
    }

    #[test]
    fn compound_measures_sum_in_the_largest_unit() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let (v, u, _, n) = vud(cx, "3 km and 200 metres long");
        assert_eq!((v, u, n), (d("3.2"), Some("km"), 19));
        assert_eq!(vud(cx, "2 kg and 300 g").0, d("2.3"));
        // Metric units combine only with "and", and only a part smaller than one of the
        // unit before it.
        assert_eq!(vud(cx, "12 m 2 dm").3, 4);
        assert_eq!(vud(cx, "3 km and 2,000 metres").3, 4);
        assert_eq!(vud(cx, "5 feet 14 inches").3, 6);
        let (v, u, _, n) = vud(cx, "5'6\" tall");
        assert_eq!((v, u, n), (d("5.5"), Some("ft"), 4));
        assert_eq!(vud(cx, "5′ 11″").0 * d("12"), d("71"));
        assert_eq!(vud(cx, "6’2”").0 * d("12"), d("74"));
        assert_eq!(vud(cx, "6′ tall").0, d("6"));
        assert_eq!(vud(cx, "11″").1, Some("in"));
        assert_eq!(vud(cx, "15st 7lb").0, d("15.5"));
        assert_eq!(vud(cx, "15 stone 7 pounds").0, d("15.5"));
        assert_eq!(vud(cx, "15 stone.").1, Some("st"));
        assert_eq!(vud(cx, "5 stone walls").1, None);
        assert_eq!(vud(cx, "1st place").1, None);
        assert_eq!(vud(cx, "26 minutes 43.5 seconds").0, d("26.725"));
        // An apostrophe alone is no foot ("the 90's"); twelve inches is no remainder.
        assert_eq!(vud(cx, "5' tall").1, None);
        assert_eq!(vud(cx, "5'12\"").1, None);
    }

    #[test]
    fn an_article_counts_one_unit() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        for (t, v, u) in [
            ("a tonne of steel", "1", "t"),
            ("a mile of coastline", "1", "mi"),
            ("a litre", "1", "L"),
            ("an acre", "1", "acre"),
            ("half a litre", "0.5", "L"),
            ("half a mile", "0.5", "mi"),
            ("a mile and a half", "1.5", "mi"),
            ("a pint of milk", "1", "pint"),
            ("a teaspoon", "1", "tsp"),
            ("a second.", "1", "s"),
            ("half a pound heavier", "0.5", "lb"),
            ("half a second or so", "0.5", "s"),
        ] {
            let (got, unit, _, _) = vud(cx, t);
            assert_eq!((got, unit), (d(v), Some(u)), "{t}");
        }
        // Units whose article reading is another word, and plurals, are not counted.
        for t in [
            "a foot wrong",
            "a yard sale",
            "a pound coin",
            "a degree in law",
            "a bit",
            "a miles",
            "a second time",
            "a second, larger blast",
        ] {
            assert!(article_unit(cx, t).is_err(), "{t}");
        }
    }

    #[test]
    fn a_fraction_of_one_unit() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        for (t, v, u) in [
            ("a sixteenth of an inch", "0.0625", "in"),
            ("a quarter of an hour", "0.25", "hour"),
            ("three quarters of a mile", "0.75", "mi"),
            ("½ of a litre", "0.5", "L"),
        ] {
            let (got, unit, _, n) = vud(cx, t);
            assert_eq!((got, unit, n), (d(v), Some(u), t.len()), "{t}");
        }
        // A unit an article does not count is left alone ("a third of a foot").
        assert_eq!(vud(cx, "a third of a foot").1, None);
    }

    #[test]
    fn below_zero_and_signed_degrees() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let (v, u, dim, n) = vud(cx, "five degrees below zero in");
        assert_eq!(
            (v, u, dim, n),
            (d("-5"), Some("°"), Dimension::Temperature, 23)
        );
        assert_eq!(vud(cx, "10C above zero").0, d("10"));
        assert_eq!(vud(cx, "ten below zero").1, Some("°"));
        let (v, u, _, _) = vud(cx, "minus 5C overnight");
        assert_eq!((v, u), (d("-5"), Some("°C")));
        assert_eq!(vud(cx, "-3F in Fairbanks").1, Some("°F"));
        // A decimal, or a preposition or conjunction after it, makes an attached "C" or "F"
        // degrees; otherwise it stays unread ("13F filing").
        for t in [
            "40.3C at noon",
            "38C in the shade",
            "28C and",
            "24C for five nights",
        ] {
            assert_eq!(vud(cx, t).2, Dimension::Temperature, "{t}");
        }
        assert_eq!(vud(cx, "13F filing").1, None);
        assert_eq!(vud(cx, "13F be filed").1, None);
        assert_eq!(vud(cx, "14C dating").1, None);
    }

    #[test]
    fn rates_and_compound_units() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        use Dimension::{Count, Currency, Duration, Mass, Percent, Rate, Speed};
        /// (text, value, numerator unit, dimension, length read, length of the span)
        type Case = (
            &'static str,
            &'static str,
            Option<&'static str>,
            Dimension,
            usize,
            usize,
        );
        let cases: &[Case] = &[
            (
                "7.8 kilometres per second",
                "7.8",
                Some("km/s"),
                Speed,
                25,
                25,
            ),
            ("20 kilometres per litre", "20", Some("km/L"), Rate, 23, 23),
            ("47 mpg", "47", Some("mpg"), Rate, 6, 6),
            ("7 litres per 100 km", "7", Some("L/100 km"), Rate, 19, 19),
            ("12.4 per 100,000 people", "12.4", None, Rate, 16, 16),
            ("3 per million", "3", None, Rate, 13, 13),
            ("12.4 new cases per 100,000", "12.4", None, Rate, 26, 26),
            (
                "411,000 barrels per day",
                "411000",
                Some("bbl"),
                Rate,
                23,
                23,
            ),
            ("2 hours a day", "2", Some("hour"), Rate, 13, 13),
            ("7 tonnes per hectare", "7", Some("t"), Rate, 20, 20),
            ("2.4 mg a week", "2.4", Some("mg"), Rate, 13, 13),
            // Counts, money and percentages per unit keep their dimension; the span is the
            // figure alone.
            ("3 goals per game", "3", None, Count, 16, 1),
            ("five times a week", "5", None, Count, 17, 4),
            ("20 drones a night", "20", None, Count, 17, 2),
            ("600 a day", "600", None, Count, 9, 3),
            ("$4,100 per capita", "4100", Some("USD"), Currency, 17, 6),
            ("$81 a barrel", "81", Some("USD"), Currency, 12, 3),
            ("£1.42 a litre", "1.42", Some("GBP"), Currency, 14, 6),
            ("$4 a pound", "4", Some("USD"), Currency, 10, 2),
            ("$2.10 a share", "2.1", Some("USD"), Currency, 13, 5),
            ("$5/kg", "5", Some("USD"), Currency, 5, 2),
            ("$500 a month", "500", Some("USD"), Currency, 12, 4),
            ("5% per annum", "5", Some("%"), Percent, 12, 2),
            ("4.2p a litre", "4.2", Some("GBX"), Currency, 12, 4),
            // "each" and "every" before a duration.
            ("12 inspections each month", "12", None, Count, 25, 2),
            ("40 flights every day", "40", None, Count, 20, 2),
            ("$15 every hour", "15", Some("USD"), Currency, 14, 3),
            // A measure of a named thing per unit: the span is the measure alone.
            ("900 tonnes of cod a week", "900", Some("t"), Mass, 24, 10),
            (
                "22 hours of overtime a month",
                "22",
                Some("hour"),
                Duration,
                28,
                8,
            ),
        ];
        for (t, v, u, dim, n, span) in cases {
            let (r, p) = quantity(cx, t).unwrap();
            let span_len = p
                .span_end
                .map_or(t.len() - r.len(), |k| t.len() - k as usize);
            assert_eq!(
                (
                    p.value.unwrap().value,
                    p.unit,
                    p.dimension,
                    t.len() - r.len(),
                    span_len
                ),
                (d(v), *u, *dim, *n, *span),
                "{t}"
            );
        }
        assert_eq!(
            rate_unit(cx, Some("bbl"), Per::Unit(unit_index(cx, "day"))),
            "bbl/day"
        );
        assert_eq!(
            rate_unit(cx, Some("in"), Per::Unit(unit_index(cx, "hour"))),
            "in/h"
        );
        assert_eq!(rate_unit(cx, None, Per::Power(5)), "/100000");
        let t = "12.4 new cases per 100,000";
        let (p, _) = q(cx, t);
        let (a, b) = p.noun.unwrap();
        assert_eq!(&t[t.len() - a as usize..t.len() - b as usize], "cases");
        // Not rates: a time ("a day later"), a distance ("a mile away"), a bare article word,
        // a number that is no power of ten.
        for (t, n) in [
            ("3 people a day later", 1),
            ("5 people a mile away", 1),
            ("5 a mile", 1),
            ("3 a second time", 1),
            ("40 per cent", 11),
            ("3 per 7 days", 1),
            ("3 per 150", 1),
            ("3 each", 1),
            ("$40 each time", 3),
            ("4 every few days", 1),
            ("5 tonnes of cod a day later", 8),
        ] {
            let (p, len) = q(cx, t);
            assert!(p.per.is_none() && len == n, "{t}: {p:?} {len}");
        }
    }

    fn unit_index(cx: &Cx, symbol: &str) -> u16 {
        let k = cx.t.units.iter().position(|u| u.symbol == symbol);
        u16::try_from(k.unwrap()).unwrap()
    }

    #[test]
    fn minor_units_against_the_digits() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        for (t, v, u) in [
            ("45p", "45", "GBX"),
            ("2.5p", "2.5", "GBX"),
            ("12¢", "12", "USc"),
            ("99 ¢", "99", "USc"),
            ("99 cents", "99", "USc"),
            ("45 pence", "45", "GBX"),
            ("12-cent", "12", "USc"),
            ("3 dollars 50 cents", "3.5", "USD"),
            ("50 euro cents", "0.5", "EUR"),
        ] {
            let (got, unit, dim, n) = vud(cx, t);
            assert_eq!(
                (got, unit, dim, n),
                (d(v), Some(u), Dimension::Currency, t.len()),
                "{t}"
            );
        }
        // Video resolutions, grouped or large numbers, spaced "p": no pence.
        for t in ["720p", "1080p", "1,200p", "45 p"] {
            assert_ne!(vud(cx, t).2, Dimension::Currency, "{t}");
        }
    }

    #[test]
    fn units_newsrooms_write() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        for (t, u, dim) in [
            ("25 basis points", "bp", Dimension::PercentagePoints),
            ("a quarter-point", "pp", Dimension::PercentagePoints),
            ("0.3 astronomical units", "au", Dimension::Length),
            ("800 square millimetres", "mm²", Dimension::Area),
            ("1.5 cubic kilometres", "km³", Dimension::Volume),
            ("429.6 parts per million", "ppm", Dimension::Rate),
            ("4.8 billion kronor", "SEK", Dimension::Currency),
            ("1,518 reais", "BRL", Dimension::Currency),
        ] {
            let (_, unit, d, n) = vud(cx, t);
            assert_eq!((unit, d, n), (Some(u), dim, t.len()), "{t}");
        }
        let (p, _) = q(cx, "2 megabits per second");
        assert_eq!((p.unit, p.dimension), (Some("Mbit"), Dimension::Rate));
        // "real" alone is a word.
        assert_eq!(vud(cx, "5 real problems").1, None);
    }

    #[test]
    fn pints_and_fluid_ounces() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        for (t, u) in [
            ("2 pints", "pint"),
            ("2 imperial pints", "pint"),
            ("2 US pints", "US pint"),
            ("16 fl oz", "fl oz"),
            ("8 fluid ounces", "fl oz"),
            ("20 imperial fluid ounces", "UK fl oz"),
            ("5 imperial gallons", "UK gal"),
        ] {
            let (_, unit, dim, n) = vud(cx, t);
            assert_eq!((unit, dim, n), (Some(u), Dimension::Volume, t.len()), "{t}");
        }
        let pint = cx.t.unit("pint").unwrap();
        assert_eq!(pint.to_base(Decimal::ONE), d("0.56826125"));
    }

    #[test]
    fn a_hedge_inside_a_between_range() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let (p, n) = q(cx, "between 3 kg and about 5 kg");
        assert_eq!(
            (p.low, p.high, p.unit, p.bound, p.approx, n),
            (
                Some(d("3")),
                Some(d("5")),
                Some("kg"),
                Bound::Range,
                true,
                27
            )
        );
        let (p, _) = q(cx, "between roughly 300 and 400");
        assert_eq!(
            (p.low, p.high, p.approx),
            (Some(d("300")), Some(d("400")), true)
        );
        let (p, _) = q(cx, "between 300 and 400");
        assert!(!p.approx);
    }
}
