//! Dates and clock times. A date is never a count: "February 2022" is not 2022 things.
//!
//! ```text
//! date     = month_day | day_month | month_year | slashed | iso
//! month_day = month ws day [ordinal] ["," ws year]          "Jan. 30, 2026", "February 1"
//! day_month = day [ordinal] ws ["of" ws] month [ws year]     "30 January 2026"
//! month_year = month [ws "of"] ws (year | rel_year)          "February 2022", "May of last year"
//! slashed  = day "/" month_name "/" year                     "30/January/2026"
//! iso      = year "-" mm "-" dd
//! clock    = hh ":" mm [ws] [ampm] | hh ws? ampm             "11:30 p.m.", "9 a.m."
//! ```

use super::tables::current;
use super::text::digit1;
use super::text::{is_word_char, phrase_ci, phrase_exact, ws, ws0};
use nom::{IResult, Parser, bytes::complete::tag, combinator::opt, error::ErrorKind};

/// What a date production found; resolution against the document date comes later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawDate {
    /// Year if written (or relative year offset resolved later).
    pub year: Option<i16>,
    /// Relative year: -1 "last year", 0 "this year", 1 "next year".
    pub rel_year: Option<i16>,
    /// Month 1–12.
    pub month: Option<i8>,
    /// Day of month.
    pub day: Option<i8>,
    /// Weekday 0 = Monday, when the production is a weekday name.
    pub weekday: Option<i8>,
    /// Relative day offset ("yesterday").
    pub rel_day: Option<i64>,
}

impl RawDate {
    fn empty() -> RawDate {
        RawDate {
            year: None,
            rel_year: None,
            month: None,
            day: None,
            weekday: None,
            rel_day: None,
        }
    }
}

fn fail<T>(i: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        ErrorKind::Verify,
    )))
}

/// A month name (case-sensitive, capitalised).
pub fn month(i: &str) -> IResult<&str, i8> {
    let Some(&b) = i.as_bytes().first().filter(|b| b.is_ascii_uppercase()) else {
        return fail(i);
    };
    let t = current();
    for &k in &t.months_by_first[usize::from(b.to_ascii_lowercase())] {
        let (name, m) = &t.months[k];
        if name.as_bytes().first() != i.as_bytes().first() {
            continue;
        }
        if let Some(n) = phrase_exact(i, name) {
            return Ok((&i[n..], *m));
        }
    }
    fail(i)
}

/// A weekday name.
pub fn weekday(i: &str) -> IResult<&str, i8> {
    let Some(&b) = i.as_bytes().first().filter(|b| b.is_ascii_uppercase()) else {
        return fail(i);
    };
    let t = current();
    for &k in &t.weekdays_by_first[usize::from(b.to_ascii_lowercase())] {
        let (name, d) = &t.weekdays[k];
        if name.as_bytes().first() != i.as_bytes().first() {
            continue;
        }
        if let Some(n) = phrase_exact(i, name) {
            return Ok((&i[n..], *d));
        }
    }
    fail(i)
}

fn day(i: &str) -> IResult<&str, i8> {
    let (r, d) = digit1(i)?;
    if d.len() > 2 {
        return fail(i);
    }
    let v: i8 = d.parse().unwrap_or(0);
    if !(1..=31).contains(&v) {
        return fail(i);
    }
    // Ordinal suffix.
    let r = if r
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b's' | b'n' | b'r' | b't'))
    {
        ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|s| phrase_exact(r, s).map(|n| &r[n..]))
            .unwrap_or(r)
    } else {
        r
    };
    if r.starts_with(is_word_char) {
        return fail(i);
    }
    Ok((r, v))
}

fn year(i: &str) -> IResult<&str, i16> {
    let (r, d) = digit1(i)?;
    if d.len() != 4 || r.starts_with(is_word_char) {
        return fail(i);
    }
    let y: i16 = d.parse().unwrap_or(0);
    if !(1000..=2999).contains(&y) {
        return fail(i);
    }
    Ok((r, y))
}

fn rel_year(i: &str) -> IResult<&str, i16> {
    for (p, v) in [
        ("last year", -1i16),
        ("this year", 0),
        ("next year", 1),
        ("the previous year", -1),
        ("the following year", 1),
    ] {
        if let Some(n) = phrase_ci(i, p) {
            return Ok((&i[n..], v));
        }
    }
    fail(i)
}

fn comma_year(i: &str) -> IResult<&str, i16> {
    let (r, _) = (opt(tag(",")), ws).parse(i)?;
    year(r)
}

/// `month_day | month_year`
fn month_first(i: &str) -> IResult<&str, RawDate> {
    let (r, m) = month(i)?;
    let mut d = RawDate::empty();
    d.month = Some(m);
    // month day [, year]
    if let Ok((r2, (_, dd))) = (ws, day).parse(r) {
        d.day = Some(dd);
        if let Ok((r3, y)) = comma_year(r2) {
            d.year = Some(y);
            return Ok((r3, d));
        }
        return Ok((r2, d));
    }
    // month [of] year | month of last year
    if let Ok((r2, _)) = ws(r) {
        let (r3, of) = opt((phrase_word("of"), ws)).parse(r2)?;
        if let Ok((r4, y)) = year(r3) {
            d.year = Some(y);
            return Ok((r4, d));
        }
        if of.is_some()
            && let Ok((r4, ry)) = rel_year(r3)
        {
            d.rel_year = Some(ry);
            return Ok((r4, d));
        }
        if let Ok((r4, ry)) = rel_year(r2) {
            d.rel_year = Some(ry);
            return Ok((r4, d));
        }
    }
    fail(i)
}

fn phrase_word(w: &'static str) -> impl Fn(&str) -> IResult<&str, &str> {
    move |i| match phrase_ci(i, w) {
        Some(n) => Ok((&i[n..], &i[..n])),
        None => fail(i),
    }
}

/// `day_month` after its day: "30 January 2026", "1st of February".
fn day_first_rest(r: &str, dd: i8) -> IResult<&str, RawDate> {
    let (r, _) = ws(r)?;
    let (r, _) = opt((phrase_word("of"), ws)).parse(r)?;
    let (r, m) = month(r)?;
    let mut d = RawDate::empty();
    d.day = Some(dd);
    d.month = Some(m);
    if let Ok((r2, y)) = comma_year(r) {
        d.year = Some(y);
        return Ok((r2, d));
    }
    Ok((r, d))
}

/// `slashed` after its day: "30/January/2026".
fn slashed_rest(r: &str, dd: i8) -> IResult<&str, RawDate> {
    let (r, (_, m, _, y)) = (tag("/"), month, tag("/"), year).parse(r)?;
    Ok((
        r,
        RawDate {
            year: Some(y),
            month: Some(m),
            day: Some(dd),
            ..RawDate::empty()
        },
    ))
}

/// `iso`: "2026-01-30".
fn iso(i: &str) -> IResult<&str, RawDate> {
    let (r, (y, _, m, _, dd)) = (digit1, tag("-"), digit1, tag("-"), digit1).parse(i)?;
    if y.len() != 4 || m.len() != 2 || dd.len() != 2 || r.starts_with(is_word_char) {
        return fail(i);
    }
    let (y, m, dd): (i16, i8, i8) = (
        y.parse().unwrap_or(0),
        m.parse().unwrap_or(0),
        dd.parse().unwrap_or(0),
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&dd) {
        return fail(i);
    }
    Ok((
        r,
        RawDate {
            year: Some(y),
            month: Some(m),
            day: Some(dd),
            ..RawDate::empty()
        },
    ))
}

/// `date`: every written calendar date form.
pub fn date(i: &str) -> IResult<&str, RawDate> {
    // `iso | slashed | month_first | day_first`. `month_first` starts with a capital letter,
    // the others with a digit; `slashed` and `day_month` both start with a day, read once.
    if !i.starts_with(|c: char| c.is_ascii_digit()) {
        return month_first(i);
    }
    if let Ok(r) = iso(i) {
        return Ok(r);
    }
    let (r, dd) = day(i)?;
    if let Ok(x) = slashed_rest(r, dd) {
        return Ok(x);
    }
    day_first_rest(r, dd).or_else(|_| fail(i))
}

/// A bare month name in date context ("in March", "since February"): the scanner checks
/// the context word before calling this.
pub fn bare_month(i: &str) -> IResult<&str, RawDate> {
    let (r, m) = month(i)?;
    Ok((
        r,
        RawDate {
            month: Some(m),
            ..RawDate::empty()
        },
    ))
}

/// A weekday: "Friday".
pub fn weekday_date(i: &str) -> IResult<&str, RawDate> {
    let (r, d) = weekday(i)?;
    Ok((
        r,
        RawDate {
            weekday: Some(d),
            ..RawDate::empty()
        },
    ))
}

/// "yesterday", "today", "tomorrow".
pub fn relative_day(i: &str) -> IResult<&str, RawDate> {
    let t = current();
    // `phrase_ci` compares the first byte ASCII case-insensitively (others exactly).
    if !i
        .as_bytes()
        .first()
        .is_some_and(|b| t.relative_day_first[usize::from(b.to_ascii_lowercase())])
    {
        return fail(i);
    }
    for (w, off) in &t.relative_days {
        if let Some(n) = phrase_ci(i, w) {
            return Ok((
                &i[n..],
                RawDate {
                    rel_day: Some(*off),
                    ..RawDate::empty()
                },
            ));
        }
    }
    fail(i)
}

fn ampm(i: &str) -> IResult<&str, bool> {
    let (r, _) = ws0(i)?;
    // Every form below starts with one of these bytes.
    if !r
        .as_bytes()
        .first()
        .is_some_and(|b| matches!(b, b'a' | b'p' | b'A' | b'P'))
    {
        return fail(i);
    }
    for (p, pm) in [
        ("a.m.", false),
        ("p.m.", true),
        ("am", false),
        ("pm", true),
        ("AM", false),
        ("PM", true),
        ("a.m", false),
        ("p.m", true),
    ] {
        if let Some(n) = phrase_exact(r, p) {
            return Ok((&r[n..], pm));
        }
    }
    fail(i)
}

/// `clock`: "11:30 p.m.", "19:52", "9 a.m.". Returns minutes after midnight when known.
pub fn clock(i: &str) -> IResult<&str, u32> {
    let (r, h) = digit1(i)?;
    if h.len() > 2 {
        return fail(i);
    }
    let hv: u32 = h.parse().unwrap_or(99);
    if hv > 24 {
        return fail(i);
    }
    if let Ok((r2, (_, m))) = (tag(":"), digit1).parse(r)
        && m.len() == 2
    {
        let mv: u32 = m.parse().unwrap_or(99);
        if mv > 59 {
            return fail(i);
        }
        // Seconds.
        let r3 = match (tag(":"), digit1).parse(r2) {
            Ok((r3, (_, s))) if s.len() == 2 => r3,
            _ => r2,
        };
        if r3.starts_with(is_word_char) {
            return fail(i);
        }
        let (r4, pm) = opt(ampm).parse(r3)?;
        let hh = if pm == Some(true) && hv < 12 {
            hv + 12
        } else {
            hv
        };
        return Ok((r4, hh * 60 + mv));
    }
    let (r2, pm) = ampm(r)?;
    if hv > 12 {
        return fail(i);
    }
    Ok((r2, (if pm && hv < 12 { hv + 12 } else { hv }) * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let (r, d) = date("Jan. 30, 2026 was").unwrap();
        assert_eq!(
            (d.year, d.month, d.day, r),
            (Some(2026), Some(1), Some(30), " was")
        );
        let (_, d) = date("February 1 to").unwrap();
        assert_eq!((d.month, d.day), (Some(2), Some(1)));
        let (_, d) = date("February 2022").unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2022), Some(2), None));
        let (_, d) = date("May of last year").unwrap();
        assert_eq!((d.rel_year, d.month), (Some(-1), Some(5)));
        let (_, d) = date("30/January/2026").unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2026), Some(1), Some(30)));
        assert!(date("May I").is_err());
        assert_eq!(clock("11:30 p.m.").unwrap().1, 23 * 60 + 30);
        assert_eq!(clock("19:52 PM").unwrap().1, 19 * 60 + 52);
        assert!(clock("3 drones").is_err());
    }
}
