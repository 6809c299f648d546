//! Resolving a written date against the document date.

use super::*;
use crate::grammar::date::{PeriodPart, PeriodUnit, RelPeriod};

pub(crate) fn days_in_month(y: i16, m: i8) -> i8 {
    Date::new(y, m, 1).map(|d| d.days_in_month()).unwrap_or(28)
}

pub(crate) fn nearest_year(doc: Date, m: i8, d: i8) -> Option<Date> {
    let mut best: Option<(i64, Date)> = None;
    for y in [doc.year() - 1, doc.year(), doc.year() + 1] {
        if let Ok(c) = Date::new(y, m, d) {
            let diff = i64::from((c - doc).get_days().abs());
            if best.is_none_or(|(b, _)| diff < b) {
                best = Some((diff, c));
            }
        }
    }
    best.map(|(_, d)| d)
}

/// The first and last days of a period named against the document date `doc`.
pub(crate) fn period_span(p: RelPeriod, doc: Date) -> Option<(Date, Date)> {
    let off = i64::from(p.offset);
    // The period holding the document date, moved by the offset.
    let (first, last) = match p.unit {
        PeriodUnit::Year => {
            let y = doc.year().checked_add(p.offset)?;
            (Date::new(y, 1, 1).ok()?, Date::new(y, 12, 31).ok()?)
        }
        PeriodUnit::Quarter => {
            let q0 = Date::new(doc.year(), (doc.month() - 1) / 3 * 3 + 1, 1).ok()?;
            let first = q0.checked_add((3 * off).months()).ok()?;
            let last = first.checked_add(2.months()).ok()?.last_of_month();
            (first, last)
        }
        PeriodUnit::Month => {
            let first = doc.first_of_month().checked_add(off.months()).ok()?;
            (first, first.last_of_month())
        }
        PeriodUnit::Week => {
            let monday = doc
                .checked_sub(i64::from(doc.weekday().to_monday_zero_offset()).days())
                .ok()?
                .checked_add((7 * off).days())
                .ok()?;
            (monday, monday.checked_add(6.days()).ok()?)
        }
    };
    Some(match p.part {
        PeriodPart::Whole => (first, last),
        PeriodPart::ToDate => (first, doc),
        PeriodPart::FromDate => (doc, last),
        PeriodPart::Trailing => {
            let back = match p.unit {
                PeriodUnit::Year => 1.year(),
                PeriodUnit::Quarter => 3.months(),
                PeriodUnit::Month => 1.month(),
                PeriodUnit::Week => 1.week(),
            };
            (doc.checked_sub(back).ok()?, doc)
        }
    })
}

/// The `date_kind` of a period: its unit for a whole one ("year", "quarter", "month",
/// "week"), else "to-date", "from-date" or "trailing".
pub(crate) fn period_kind(p: RelPeriod) -> &'static str {
    match p.part {
        PeriodPart::Whole => p.unit.as_str(),
        PeriodPart::ToDate => "to-date",
        PeriodPart::FromDate => "from-date",
        PeriodPart::Trailing => "trailing",
    }
}

/// Resolves a written date against the document date.
pub fn date_quantity(raw: RawDate, doc: Option<Date>, si: usize) -> Quantity {
    let mut q = Quantity::new(Span::default(), Dimension::Date);
    q.sentence = si;
    let (start, end, kind): (Option<Date>, Option<Date>, &'static str) = match raw {
        // "5/6/2023" with no `date_order`: marked, never checked.
        RawDate {
            ambiguous: true, ..
        } => (None, None, "ambiguous"),
        // "last year", "next month", "earlier this week", "the past year".
        RawDate {
            rel_period: Some(p),
            ..
        } => {
            let span = doc.and_then(|d| period_span(p, d));
            (span.map(|s| s.0), span.map(|s| s.1), period_kind(p))
        }
        RawDate {
            rel_day: Some(off), ..
        } => {
            let d = doc.and_then(|d| d.checked_add(off.days()).ok());
            (d, d, "day")
        }
        RawDate {
            weekday: Some(wd), ..
        } => {
            let d = doc.and_then(|doc| {
                (-3i64..=3)
                    .filter_map(|o| doc.checked_add(o.days()).ok())
                    .find(|c| c.weekday().to_monday_zero_offset() == wd)
            });
            (d, d, "weekday")
        }
        RawDate {
            year: Some(y),
            month: Some(m),
            day: Some(d),
            ..
        } => {
            let dd = Date::new(y, m, d).ok();
            (dd, dd, "day")
        }
        RawDate {
            year,
            rel_year,
            month: Some(m),
            day: Some(d),
            ..
        } if year.is_none() && rel_year.is_none() => {
            let dd = doc.and_then(|doc| nearest_year(doc, m, d));
            (dd, dd, "day")
        }
        RawDate {
            year,
            rel_year,
            month: Some(m),
            day: None,
            ..
        } => {
            let y = year
                .or_else(|| rel_year.and_then(|r| doc.map(|d| d.year() + r)))
                .or_else(|| doc.and_then(|doc| nearest_year(doc, m, 15).map(|d| d.year())));
            match y {
                Some(y) => (
                    Date::new(y, m, 1).ok(),
                    Date::new(y, m, days_in_month(y, m)).ok(),
                    "month",
                ),
                None => (None, None, "month"),
            }
        }
        RawDate {
            year: Some(y),
            month: None,
            ..
        } => (Date::new(y, 1, 1).ok(), Date::new(y, 12, 31).ok(), "year"),
        _ => (None, None, "day"),
    };
    q.date = start;
    q.date_end = end;
    q.date_kind = Some(kind);
    q
}

/// Whether `head` (the text just before a figure) ends with a weekday and what may join it to a
/// date: "Thursday, ", "Thu ", "Tuesday (", "Friday evening, ".
pub(crate) fn after_weekday(cx: &Cx, head: &str) -> bool {
    let h = head.trim_end_matches([' ', '\t']);
    let h = h
        .strip_suffix([',', '('])
        .unwrap_or(h)
        .trim_end_matches([' ', '\t']);
    // The last word of `h`, and `h` before it.
    fn last_word(h: &str) -> (&str, &str) {
        // The char found may be of several bytes (a replacement char before a date).
        let k = h
            .char_indices()
            .rfind(|&(_, c)| !(c.is_ascii_alphabetic() || c == '.'))
            .map_or(0, |(k, c)| k + c.len_utf8());
        h.split_at(k)
    }
    let (before, mut w) = last_word(h);
    if ["morning", "afternoon", "evening", "night"].contains(&w) {
        w = last_word(before.trim_end_matches([' ', '\t'])).1;
    }
    let whole = |r: &str| r.is_empty() || r == ".";
    date::weekday_listed(cx, w).is_ok_and(|(r, _)| whole(r))
        || date::weekday_abbrev(w).is_ok_and(|(r, _)| whole(r))
}

/// Words after which a weekday is coming ("will resume on Monday").
const COMING: &[&str] = &["will", "shall", "'ll", "’ll", "would"];

/// Words that make a weekday coming when "to" follows them ("is due to vote on Monday").
const COMING_TO: &[&str] = &[
    "due",
    "scheduled",
    "expected",
    "set",
    "plans",
    "plan",
    "planned",
    "going",
    "aims",
    "intends",
];

/// Past forms that the lexicon's rules do not give ("was", "began").
const PAST: &[&str] = &[
    "was", "were", "had", "did", "said", "told", "began", "went", "came", "left", "met", "held",
    "took", "gave", "made", "won", "lost", "fell", "rose", "hit", "struck", "broke", "ran", "sent",
    "saw", "spoke", "wrote", "ago", "earlier",
];

/// Resolves dates of one sentence from their context, after the scan: a range's partner gives
/// a yearless end its year ("from December 28 to January 3, 2027"); a weekday takes the tense
/// of its verb ("began on Sunday" is the last Sunday, "will resume on Monday" the coming one,
/// "last Friday", "next Monday").
pub(crate) fn in_context(
    cx: &Cx,
    prose: &str,
    s: Span,
    si: usize,
    doc: Option<Date>,
    out: &mut [Quantity],
    before: usize,
) {
    let n = out.len();
    // Range partners.
    for k in before..n.saturating_sub(1) {
        let (a, b) = (&out[k], &out[k + 1]);
        if a.dimension != Dimension::Date || b.dimension != Dimension::Date {
            continue;
        }
        let gap = prose[a.span.end.min(b.span.start)..b.span.start].trim();
        let lead = prose[s.start..a.span.start].trim_end();
        let lead_word = lead
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let joined = match gap.to_ascii_lowercase().as_str() {
            "to" | "until" | "through" | "till" | "-" | "–" | "—" => true,
            "and" => lead_word == "between",
            _ => false,
        };
        if !joined {
            continue;
        }
        let raw = |q: &Quantity| {
            let t = &prose[q.span.start..q.span.end];
            date::date(cx, t)
                .ok()
                .filter(|(r, d)| r.trim().is_empty() && d.rel_year.is_none() && d.weekday.is_none())
                .map(|(_, d)| d)
        };
        let (Some(ra), Some(rb)) = (raw(a), raw(b)) else {
            continue;
        };
        let (Some(ma), Some(mb)) = (ra.month, rb.month) else {
            continue;
        };
        let order = |m: i8, d: Option<i8>| (m, d.unwrap_or(1));
        match (ra.year, rb.year) {
            (None, Some(y)) => {
                let y = if order(ma, ra.day) <= order(mb, rb.day) {
                    y
                } else {
                    y - 1
                };
                let q = date_quantity(
                    RawDate {
                        year: Some(y),
                        ..ra
                    },
                    doc,
                    si,
                );
                set_date(&mut out[k], &q);
            }
            (Some(y), None) => {
                let y = if order(mb, rb.day) >= order(ma, ra.day) {
                    y
                } else {
                    y + 1
                };
                let q = date_quantity(
                    RawDate {
                        year: Some(y),
                        ..rb
                    },
                    doc,
                    si,
                );
                set_date(&mut out[k + 1], &q);
            }
            _ => {}
        }
    }
    let Some(doc) = doc else { return };
    // Weekdays by tense.
    for k in before..n {
        if out[k].date_kind != Some("weekday") {
            continue;
        }
        // "Sunday, Feb. 1": the written date says which Sunday, and the weekday is its date
        // (a weekday that does not fit it is the `weekday` rule's to report).
        if let Some(r) = out
            .get(k + 1)
            .filter(|r| r.dimension == Dimension::Date && r.span.start <= out[k].span.end + 3)
        {
            if r.date_kind == Some("day") && r.date.is_some() && r.date == r.date_end {
                let (d, e) = (r.date, r.date_end);
                out[k].date = d;
                out[k].date_end = e;
            }
            continue;
        }
        let text = &prose[out[k].span.start..out[k].span.end];
        let Ok((_, raw)) = date::weekday_date(cx, text) else {
            continue;
        };
        let Some(wd) = raw.weekday else { continue };
        let Some(dir) = tense(cx, prose, s, out[k].span) else {
            continue;
        };
        let range: Vec<i64> = match dir {
            Tense::Last => (-7..=-1).collect(),
            Tense::Next => (1..=7).collect(),
            Tense::Past => (-6..=0).rev().collect(),
            Tense::Coming => (0..=6).collect(),
        };
        if let Some(d) = range
            .into_iter()
            .filter_map(|o| doc.checked_add(o.days()).ok())
            .find(|c| c.weekday().to_monday_zero_offset() == wd)
        {
            out[k].date = Some(d);
            out[k].date_end = Some(d);
        }
    }
}

fn set_date(q: &mut Quantity, from: &Quantity) {
    q.date = from.date;
    q.date_end = from.date_end;
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tense {
    /// "last Friday".
    Last,
    /// "next Monday".
    Next,
    /// "began on Sunday".
    Past,
    /// "will resume on Monday".
    Coming,
}

/// The tense a weekday is read in, from the words before it in its clause (else just after
/// it): `None` when nothing says (the nearest day is kept).
fn tense(cx: &Cx, prose: &str, s: Span, w: Span) -> Option<Tense> {
    let head = &prose[s.start..w.start];
    // Only the last ten words of the head are ever read (the window below), so only they are
    // lower-cased: a weekday late in a long sentence costs no more than one early in it.
    let mut words: Vec<String> = head
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|x| !x.is_empty())
        .take(10)
        .map(str::to_lowercase)
        .collect();
    words.reverse();
    match words.last().map(String::as_str) {
        Some("last") => return Some(Tense::Last),
        Some("next") => return Some(Tense::Next),
        _ => {}
    }
    // "in the week to Sunday", "in the four weeks to Friday": a reporting period that ended
    // on the day.
    if let [.., span, to] = words.as_slice()
        && to == "to"
        && matches!(
            span.as_str(),
            "week" | "weeks" | "days" | "fortnight" | "month" | "months"
        )
    {
        return Some(Tense::Past);
    }
    let prep = words.last().map(String::as_str);
    // Only a weekday the verb dates directly: "on Sunday", or bare.
    if !matches!(prep, Some("on") | None)
        && words.last().is_none_or(|x| cx.reading(x).verb.is_none())
    {
        return None;
    }
    // The clause: back to a semicolon or the sentence start, at most 10 words.
    let clause_start = head.rfind([';', ':']).map_or(0, |k| k + 1);
    let clause_words = head[clause_start..]
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|x| !x.is_empty())
        .count();
    let window = &words[words.len() - clause_words.min(10).min(words.len())..];
    for (k, w) in window.iter().enumerate().rev() {
        // "due to vote on Monday", "was expected on Sunday" (not "scheduled flights on").
        let to_follows = window.get(k + 1).is_none_or(|x| x == "to" || x == "on");
        if to_follows && COMING_TO.contains(&w.as_str()) {
            return Some(Tense::Coming);
        }
        match cue(cx, w) {
            // "will be held on Monday": a participle after "be" takes the tense of the words
            // before it.
            Some(Tense::Past)
                if k > 0 && matches!(window[k - 1].as_str(), "be" | "been" | "being") => {}
            Some(t) => return Some(t),
            None => {}
        }
    }
    // "On Sunday, the strike began": the words just after.
    if window.len() <= 1 {
        let tail = &prose[w.end..s.end];
        for x in tail
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|x| !x.is_empty())
            .take(6)
        {
            if let Some(t) = cue(cx, &x.to_lowercase()) {
                return Some(t);
            }
        }
    }
    None
}

fn cue(cx: &Cx, w: &str) -> Option<Tense> {
    if COMING.contains(&w) {
        return Some(Tense::Coming);
    }
    if PAST.contains(&w) {
        return Some(Tense::Past);
    }
    // Only a regular past ("-ed") is read from the lexicon: test the ending before looking up.
    if !w.ends_with("ed") {
        return None;
    }
    let r = cx.reading(w);
    match r.verb {
        Some(v) if v.form == lexicon::VerbForm::Past && r.noun.is_none() => Some(Tense::Past),
        _ => None,
    }
}
