//! Resolving a written date against the document date.

use super::*;

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

/// Resolves a written date against the document date.
pub fn date_quantity(raw: RawDate, doc: Option<Date>, si: usize) -> Quantity {
    let mut q = Quantity::new(Span::default(), Dimension::Date);
    q.sentence = si;
    let (start, end, kind): (Option<Date>, Option<Date>, &'static str) = match raw {
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
