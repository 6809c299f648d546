//! Dates and clock times. A date is never a count: "February 2022" is not 2022 things.
//!
//! ```text
//! date     = month_day | day_month | month_year | slashed | iso
//! month_day = month ws day [ordinal] ["," ws year]          "Jan. 30, 2026", "February 1"
//! day_month = day [ordinal] ws ["of" ws] month [ws year]     "30 January 2026"
//! month_year = month [ws "of"] ws (year | rel_year)          "February 2022", "May of last year"
//! slashed  = day "/" month_name "/" year                     "30/January/2026"
//! iso      = year "-" mm "-" dd
//! numeric  = nn ("/" | ".") nn ("/" | ".") year               "23/11/2023", "23.11.2023"
//! clock    = hh ":" mm [ws] [ampm] | hh ws? ampm             "11:30 p.m.", "9 a.m."
//! ```

use super::cx::Cx;
use super::tables::DateOrder;
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
    /// A period against the document date ("last month", "next week", "earlier this year",
    /// "the past year").
    pub rel_period: Option<RelPeriod>,
    /// A numeric date whose day and month could be either ("5/6/2023" with no `date_order`):
    /// only `year` is set, and the date is not checked.
    pub ambiguous: bool,
}

impl RawDate {
    /// Nothing written yet.
    pub fn empty() -> RawDate {
        RawDate {
            year: None,
            rel_year: None,
            month: None,
            day: None,
            weekday: None,
            rel_day: None,
            rel_period: None,
            ambiguous: false,
        }
    }
}

/// The unit of a period named against the document date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodUnit {
    /// A calendar year.
    Year,
    /// A calendar quarter (January to March, ...).
    Quarter,
    /// A calendar month.
    Month,
    /// A week, Monday to Sunday.
    Week,
}

impl PeriodUnit {
    /// The unit named `s` in `grammar/dates.toml` ("year", "quarter", "month", "week").
    pub fn parse(s: &str) -> Option<PeriodUnit> {
        Some(match s {
            "year" => PeriodUnit::Year,
            "quarter" => PeriodUnit::Quarter,
            "month" => PeriodUnit::Month,
            "week" => PeriodUnit::Week,
            _ => return None,
        })
    }
    /// Its name, as the table writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodUnit::Year => "year",
            PeriodUnit::Quarter => "quarter",
            PeriodUnit::Month => "month",
            PeriodUnit::Week => "week",
        }
    }
}

/// Which part of a period is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodPart {
    /// All of it: "last month".
    Whole,
    /// From its start to the document date: "earlier this month".
    ToDate,
    /// From the document date to its end: "later this year".
    FromDate,
    /// One unit back from the document date, to it: "the past year".
    Trailing,
}

impl PeriodPart {
    /// The part named `s` in `grammar/dates.toml` ("to-date", "from-date").
    pub fn parse(s: &str) -> Option<PeriodPart> {
        Some(match s {
            "to-date" => PeriodPart::ToDate,
            "from-date" => PeriodPart::FromDate,
            _ => return None,
        })
    }
}

/// A period named against the document date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelPeriod {
    /// Its unit.
    pub unit: PeriodUnit,
    /// Units from the one holding the document date: -1 "last", 0 "this", 1 "next" (0 for
    /// the parts and trailing stretches).
    pub offset: i16,
    /// Which part of it.
    pub part: PeriodPart,
}

fn fail<T>(i: &str) -> IResult<&str, T> {
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        ErrorKind::Verify,
    )))
}

/// A month name (case-sensitive, capitalised).
pub fn month<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, i8> {
    if !i.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return fail(i);
    }
    let t = cx.t;
    for &k in t.month_index.by_first(i) {
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

/// A weekday name, or an abbreviation without its full stop ("Tue", "Thurs") alone or before a
/// date ([`weekday_abbrev`]).
pub fn weekday<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, i8> {
    weekday_listed(cx, i).or_else(|_| {
        let (r, d) = weekday_abbrev(i)?;
        if r.is_empty() {
            return Ok((r, d));
        }
        weekday_before_date(cx, i)
    })
}

/// A weekday name or abbreviation of the tables.
pub(crate) fn weekday_listed<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, i8> {
    if !i.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return fail(i);
    }
    let t = cx.t;
    for &k in t.weekday_index.by_first(i) {
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

/// Weekday abbreviations the tables do not list: without a full stop, and "Thur.". Alone
/// they are words ("Sat", "Sun", "Wed"); they are read as weekdays only where a date follows
/// ([`weekday_before_date`]) or in a byline.
const WEEKDAY_ABBREVS: &[(&str, i8)] = &[
    ("Thurs", 3),
    ("Thur.", 3),
    ("Thur", 3),
    ("Thu", 3),
    ("Tues", 1),
    ("Tue", 1),
    ("Mon", 0),
    ("Wed", 2),
    ("Fri", 4),
    ("Sat", 5),
    ("Sun", 6),
];

/// A weekday abbreviation without its full stop ("Tue", "Thurs", "Fri"), or "Thur.".
pub fn weekday_abbrev(i: &str) -> IResult<&str, i8> {
    for &(a, d) in WEEKDAY_ABBREVS {
        if let Some(r) = i.strip_prefix(a)
            && !r.starts_with(is_word_char)
        {
            return Ok((r, d));
        }
    }
    fail(i)
}

/// A weekday abbreviation of [`weekday_abbrev`] read only when a date follows it: "Tue, 14
/// March 2023", "Fri 3 April", "Wed Oct. 1", "Tue (Oct. 14)". Returns the rest after the
/// weekday.
pub fn weekday_before_date<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, i8> {
    let (r, d) = weekday_abbrev(i)?;
    let after = r.strip_prefix(',').unwrap_or(r);
    let (after, sp) = ws0(after)?;
    let after = after.strip_prefix('(').unwrap_or(after);
    if sp.is_empty() || (date(cx, after).is_err() && numeric(cx, after).is_err()) {
        return fail(i);
    }
    Ok((r, d))
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
fn month_first<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, RawDate> {
    let (r, m) = month(cx, i)?;
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
fn day_first_rest<'a>(cx: &Cx, r: &'a str, dd: i8) -> IResult<&'a str, RawDate> {
    let (r, _) = ws(r)?;
    let (r, _) = opt((phrase_word("of"), ws)).parse(r)?;
    let (r, m) = month(cx, r)?;
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
fn slashed_rest<'a>(cx: &Cx, r: &'a str, dd: i8) -> IResult<&'a str, RawDate> {
    let (r, (_, m, _, y)) = (tag("/"), |i| month(cx, i), tag("/"), year).parse(r)?;
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

/// `numeric`: "23/11/2023", "11/23/2023", "23.11.2023" — a day and a month of one or two
/// digits in either order, then a four-digit year (1800 to 2100), joined by the same "/" or
/// ".". The order is the one the values allow when only one reading is a date ("23/11",
/// "11/23"), else the configured `date_order`, else the date is ambiguous (only its year is
/// kept, [`RawDate::ambiguous`]). Where a numeric date may be read is the scanner's choice:
/// "5/17/2018" in running copy is three numbers to the Recognizers spec.
pub fn numeric<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, RawDate> {
    let (r, a) = digit1(i)?;
    let Some(sep) = r.chars().next().filter(|c| matches!(c, '/' | '.')) else {
        return fail(i);
    };
    let (r, b) = digit1(&r[1..])?;
    let Some(r) = r.strip_prefix(sep) else {
        return fail(i);
    };
    let (r, y) = digit1(r)?;
    // "1/2/2023/4", "23.11.2023.5": part of something longer.
    let longer = r.starts_with(is_word_char)
        || (r.starts_with(['/', '.', ',', '-'])
            && r[1..].starts_with(|c: char| c.is_ascii_digit()));
    if a.len() > 2 || b.len() > 2 || y.len() != 4 || longer {
        return fail(i);
    }
    let (a, b, y): (i8, i8, i16) = (
        a.parse().unwrap_or(0),
        b.parse().unwrap_or(0),
        y.parse().unwrap_or(0),
    );
    if !(1800..=2100).contains(&y) {
        return fail(i);
    }
    let real = |m: i8, d: i8| jiff::civil::Date::new(y, m, d).is_ok();
    let (dmy, mdy) = (real(b, a), real(a, b));
    let (month, day) = match (dmy, mdy) {
        _ if a == b && dmy => (a, a),
        (true, false) => (b, a),
        (false, true) => (a, b),
        (true, true) => match cx.t.date_order {
            Some(DateOrder::Dmy) => (b, a),
            Some(DateOrder::Mdy) => (a, b),
            None => {
                return Ok((
                    r,
                    RawDate {
                        year: Some(y),
                        ambiguous: true,
                        ..RawDate::empty()
                    },
                ));
            }
        },
        (false, false) => return fail(i),
    };
    Ok((
        r,
        RawDate {
            year: Some(y),
            month: Some(month),
            day: Some(day),
            ..RawDate::empty()
        },
    ))
}

/// `date`: every written calendar date form.
pub fn date<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, RawDate> {
    // `iso | slashed | month_first | day_first`. `month_first` starts with a capital letter,
    // the others with a digit; `slashed` and `day_month` both start with a day, read once.
    if !i.starts_with(|c: char| c.is_ascii_digit()) {
        return month_first(cx, i);
    }
    if let Ok(r) = iso(i) {
        return Ok(r);
    }
    let (r, dd) = day(i)?;
    if let Ok(x) = slashed_rest(cx, r, dd) {
        return Ok(x);
    }
    day_first_rest(cx, r, dd).or_else(|_| fail(i))
}

/// A bare month name in date context ("in March", "since February"): the scanner checks
/// the context word before calling this.
pub fn bare_month<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, RawDate> {
    let (r, m) = month(cx, i)?;
    Ok((
        r,
        RawDate {
            month: Some(m),
            ..RawDate::empty()
        },
    ))
}

/// A weekday: "Friday", "Fri.", "Tue, 14 March 2023" (an abbreviation without its full
/// stop only before a date).
pub fn weekday_date<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, RawDate> {
    let (r, d) = weekday_listed(cx, i).or_else(|_| weekday_before_date(cx, i))?;
    Ok((
        r,
        RawDate {
            weekday: Some(d),
            ..RawDate::empty()
        },
    ))
}

/// "yesterday", "today", "tomorrow".
pub fn relative_day<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, RawDate> {
    let t = cx.t;
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

/// A period named against the document date: "last year", "this month", "next week", "last
/// quarter" (`[periods]` of `grammar/dates.toml`), or the part of this one before or after the
/// document date: "earlier this month", "later this year" (`[period_parts]`). The scanner
/// does not read one after "the" or a possessive.
pub fn relative_period<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, RawDate> {
    let t = cx.t;
    let (i, part) = match t
        .period_parts
        .iter()
        .find_map(|(w, part)| phrase_ci(i, w).map(|n| (n, *part)))
    {
        Some((n, part)) => {
            let (r, _) = ws(&i[n..])?;
            (r, part)
        }
        None => (i, PeriodPart::Whole),
    };
    for (p, unit, offset) in &t.periods {
        if part != PeriodPart::Whole && *offset != 0 {
            continue;
        }
        if let Some(n) = phrase_ci(i, p) {
            let mut d = RawDate::empty();
            d.rel_period = Some(RelPeriod {
                unit: *unit,
                offset: *offset,
                part,
            });
            return Ok((&i[n..], d));
        }
    }
    fail(i)
}

/// A stretch of time that ends on the document date: "past year", "past week"
/// (`[trailing]` of `grammar/dates.toml`). The scanner reads one only after "the".
pub fn trailing_period<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, RawDate> {
    for (p, unit) in &cx.t.trailing {
        if let Some(n) = phrase_ci(i, p) {
            let mut d = RawDate::empty();
            d.rel_period = Some(RelPeriod {
                unit: *unit,
                offset: 0,
                part: PeriodPart::Trailing,
            });
            return Ok((&i[n..], d));
        }
    }
    fail(i)
}

/// Whether `text` is exactly a period named against the document date ("last year", "earlier
/// this month", "past week"), by the built-in tables.
pub fn is_period(text: &str) -> bool {
    let cx = &Cx::builtin();
    let t = text.trim();
    relative_period(cx, t)
        .or_else(|_| trailing_period(cx, t))
        .is_ok_and(|(r, _)| r.trim().is_empty())
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

/// A time zone after a clock time: " GMT", " local time", " Moscow time" (`military`: also
/// " hours" / " hrs", for a four-digit time with a leading zero). Returns the rest.
fn zone_after<'a>(cx: &Cx, i: &'a str, military: bool) -> Option<&'a str> {
    let (r, _) = ws(i).ok()?;
    // Every zone starts with a letter.
    if !r.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let t = cx.t;
    for z in t
        .zones
        .iter()
        .chain(t.military_hours.iter().filter(|_| military))
    {
        if let Some(n) = phrase_exact(r, z) {
            return Some(&r[n..]);
        }
    }
    // "Moscow time", "Kyiv time": a capitalised word and "time".
    if r.starts_with(|c: char| c.is_ascii_uppercase()) {
        let (r2, _) = super::text::word(r).ok()?;
        let (r3, _) = ws(r2).ok()?;
        let n = phrase_exact(r3, "time")?;
        return Some(&r3[n..]);
    }
    None
}

/// `r` after an optional time zone (see [`zone_after`]).
fn opt_zone<'a>(cx: &Cx, r: &'a str) -> &'a str {
    zone_after(cx, r, false).unwrap_or(r)
}

/// `clock`: "11:30 p.m.", "19:52", "9 a.m.", "11.30am", "1130 GMT", "0900 local time",
/// "11.30 BST". Returns minutes after midnight when known.
pub fn clock<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, u32> {
    let (r, h) = digit1(i)?;
    // "1130 GMT", "0900 hours": four digits are a clock only before a time zone.
    if h.len() == 4 {
        let b = h.as_bytes();
        let hv = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
        let mv = u32::from(b[2] - b'0') * 10 + u32::from(b[3] - b'0');
        if hv > 23 || mv > 59 || r.starts_with(is_word_char) {
            return fail(i);
        }
        return match zone_after(cx, r, b[0] == b'0') {
            Some(r2) => Ok((r2, hv * 60 + mv)),
            None => fail(i),
        };
    }
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
        return Ok((opt_zone(cx, r4), hh * 60 + mv));
    }
    // "11.30am", "9.15 p.m.", "11.30 GMT": a full stop between hour and minutes makes a
    // clock only with an am/pm or a zone after it (else "11.30" is a number).
    if let Ok((r2, (_, m))) = (tag("."), digit1).parse(r)
        && m.len() == 2
        && hv <= 23
    {
        let mv: u32 = m.parse().unwrap_or(99);
        if mv > 59 {
            return fail(i);
        }
        if let Ok((r3, pm)) = ampm(r2)
            && hv <= 12
        {
            let hh = if pm && hv < 12 { hv + 12 } else { hv };
            return Ok((opt_zone(cx, r3), hh * 60 + mv));
        }
        return match zone_after(cx, r2, false) {
            Some(r3) => Ok((r3, hv * 60 + mv)),
            None => fail(i),
        };
    }
    let (r2, pm) = ampm(r)?;
    if hv > 12 {
        return fail(i);
    }
    Ok((
        opt_zone(cx, r2),
        (if pm && hv < 12 { hv + 12 } else { hv }) * 60,
    ))
}

/// A span of years: "2023-24" (a season or fiscal year), "2025/26", "1914–18", "2019-2020",
/// "1995 to 1999", "between 1995 and 1999". Both ends are years of 1800 to 2100 written as
/// four plain digits (the end may be its last two digits, after a hyphen, dash or slash
/// written tight), the end after the start and at most fifty years on. Returns the first
/// and last year.
pub fn year_span<'a>(cx: &Cx, i: &'a str) -> IResult<&'a str, (i16, i16)> {
    let (r, between) = match phrase_ci(i, "between") {
        Some(n) => (ws(&i[n..])?.0, true),
        None => (i, false),
    };
    let (r, y1) = span_year(r)?;
    let (r, y2) = if between {
        let (r, _) = (ws, phrase_word("and"), ws).parse(r)?;
        span_year(r)?
    } else if let Some(after) = r.strip_prefix(['-', '/']).or_else(|| r.strip_prefix('–')) {
        // Tight: "2023-24", "2019-2020"; a two-digit end names the year in the same
        // century, or the next when it is smaller ("1999-00").
        let (r2, d) = digit1(after)?;
        if r2.starts_with(is_word_char) || r2.starts_with(['-', '/']) {
            return fail(i);
        }
        match d.len() {
            2 => {
                let yy: i16 = d.parse().unwrap_or(0);
                let century = y1 - y1 % 100;
                let y2 = if yy > y1 % 100 {
                    century + yy
                } else {
                    century + 100 + yy
                };
                (r2, y2)
            }
            4 => span_year(after)?,
            _ => return fail(i),
        }
    } else {
        // Spaced: "1995 to 1999", "2019 – 2020".
        let (r2, _) = ws(r)?;
        let r3 = if let Some(a) = r2.strip_prefix(['-', '–']) {
            ws(a)?.0
        } else {
            let n = ["to", "through", "until", "till"]
                .iter()
                .find_map(|w| phrase_ci(r2, w))
                .ok_or_else(|| nom::Err::Error(nom::error::Error::new(i, ErrorKind::Tag)))?;
            ws(&r2[n..])?.0
        };
        span_year(r3)?
    };
    if y2 <= y1 || y2 - y1 > 50 {
        return fail(i);
    }
    // "between 1900 and 2000 people": round numbers before a plural count something, not
    // years ("between 1995 and 1999 prices rose" is years).
    let next = r.trim_start_matches([' ', '\t']);
    let round = y1 % 10 == 0 && y2 % 10 == 0;
    let w = next.bytes().take_while(u8::is_ascii_lowercase).count();
    let counted = w > 2
        && !next[w..].starts_with(is_word_char)
        && (next.as_bytes()[w - 1] == b's' || cx.t.noun_forms.contains_key(&next[..w]));
    if round && counted {
        return fail(i);
    }
    Ok((r, (y1, y2)))
}

/// A year of a [`year_span`]: four plain digits, 1800 to 2100.
fn span_year(i: &str) -> IResult<&str, i16> {
    let (r, d) = digit1(i)?;
    // "2019.5", "2019,000": not a year.
    let b = r.as_bytes();
    let more_digits =
        matches!(b.first(), Some(b',' | b'.')) && b.get(1).is_some_and(u8::is_ascii_digit);
    if d.len() != 4 || r.starts_with(is_word_char) || more_digits {
        return fail(i);
    }
    let y: i16 = d.parse().unwrap_or(0);
    if !(1800..=2100).contains(&y) {
        return fail(i);
    }
    Ok((r, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let (r, d) = date(cx, "Jan. 30, 2026 was").unwrap();
        assert_eq!(
            (d.year, d.month, d.day, r),
            (Some(2026), Some(1), Some(30), " was")
        );
        let (_, d) = date(cx, "February 1 to").unwrap();
        assert_eq!((d.month, d.day), (Some(2), Some(1)));
        let (_, d) = date(cx, "February 2022").unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2022), Some(2), None));
        let (_, d) = date(cx, "May of last year").unwrap();
        assert_eq!((d.rel_year, d.month), (Some(-1), Some(5)));
        let (_, d) = date(cx, "30/January/2026").unwrap();
        assert_eq!((d.year, d.month, d.day), (Some(2026), Some(1), Some(30)));
        assert!(date(cx, "May I").is_err());
        assert_eq!(clock(cx, "11:30 p.m.").unwrap().1, 23 * 60 + 30);
        assert_eq!(clock(cx, "19:52 PM").unwrap().1, 19 * 60 + 52);
        assert!(clock(cx, "3 drones").is_err());
    }

    #[test]
    fn clocks_with_zones_and_full_stops() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        assert_eq!(clock(cx, "1130 GMT").unwrap(), ("", 11 * 60 + 30));
        assert_eq!(clock(cx, "0900 local time,").unwrap(), (",", 9 * 60));
        assert_eq!(clock(cx, "0900 hours").unwrap().1, 9 * 60);
        assert_eq!(clock(cx, "2359 UTC").unwrap().1, 23 * 60 + 59);
        assert_eq!(clock(cx, "0600 Moscow time").unwrap().1, 6 * 60);
        assert_eq!(clock(cx, "11.30am").unwrap().1, 11 * 60 + 30);
        assert_eq!(clock(cx, "9.15 p.m.").unwrap().1, 21 * 60 + 15);
        assert_eq!(clock(cx, "11.30 BST").unwrap().1, 11 * 60 + 30);
        assert_eq!(
            clock(cx, "11:30 GMT today").unwrap(),
            (" today", 11 * 60 + 30)
        );
        // Without a zone or am/pm these are numbers; "hours" needs a leading zero.
        for t in [
            "1130 delegates",
            "1130",
            "1400 hours of service",
            "2460 GMT",
            "11.30 euros",
            "11.3 GMT",
        ] {
            assert!(clock(cx, t).is_err(), "{t}");
        }
    }

    #[test]
    fn spans_of_years() {
        let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
        let ok = |t: &str| {
            year_span(cx, t)
                .map(|(_, y)| y)
                .unwrap_or_else(|e| panic!("{t}: {e:?}"))
        };
        assert_eq!(ok("2023-24 season"), (2023, 2024));
        assert_eq!(ok("2025/26 budget"), (2025, 2026));
        assert_eq!(ok("1914–18"), (1914, 1918));
        assert_eq!(ok("1999-00"), (1999, 2000));
        assert_eq!(ok("2019-2020"), (2019, 2020));
        assert_eq!(ok("1995 to 1999"), (1995, 1999));
        assert_eq!(ok("between 1995 and 1999 prices rose"), (1995, 1999));
        assert_eq!(year_span(cx, "2023-24 season").unwrap().0, " season");
        for t in [
            "2024-23",
            "2023-24-25",
            "1500-1600",
            "2023-2",
            "2020-2090",
            "between 1990 and 2000 people",
            "between 1900 and 2000 homes",
            "2019-20m",
            "2,019-2,020",
        ] {
            assert!(year_span(cx, t).is_err(), "{t}");
        }
    }
}
