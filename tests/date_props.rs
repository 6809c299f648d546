//! Properties of dates, checked with proptest against `jiff`:
//!
//! - a date written in any supported style, in a sentence, reads back as the same calendar date
//!   (one figure spanning exactly what was written);
//! - a weekday written next to a date (full name or abbreviation, with or without a full stop,
//!   in every joining style) is accepted exactly when it is that date's weekday.

use figcheck::{CheckOptions, Dimension, Document, Format};
use jiff::civil::Date;
use proptest::prelude::*;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const ABBR: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];
const WEEKDAYS: [[&str; 4]; 7] = [
    ["Monday", "Mon.", "Mon", "Mon"],
    ["Tuesday", "Tue.", "Tue", "Tues"],
    ["Wednesday", "Wed.", "Wed", "Wed"],
    ["Thursday", "Thu.", "Thurs", "Thur"],
    ["Friday", "Fri.", "Fri", "Fri"],
    ["Saturday", "Sat.", "Sat", "Sat"],
    ["Sunday", "Sun.", "Sun", "Sun"],
];

fn ordinal(d: i8) -> String {
    let suffix = match (d % 10, d % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{d}{suffix}")
}

/// `date` in style `style` (with its year).
fn render(date: Date, style: usize) -> String {
    let (y, m, d) = (date.year(), date.month(), date.day());
    let mi = usize::try_from(m - 1).unwrap();
    let (name, abbr) = (MONTHS[mi], ABBR[mi]);
    match style {
        0 => format!("{name} {d}, {y}"),
        1 => format!("{abbr} {d}, {y}"),
        2 => format!("{d} {name} {y}"),
        3 => format!("{} {name} {y}", ordinal(d)),
        4 => format!("{name} {}, {y}", ordinal(d)),
        5 => format!("{} of {name} {y}", ordinal(d)),
        6 => format!("{d}/{name}/{y}"),
        7 => format!("{y}-{m:02}-{d:02}"),
        _ => format!("{} {d}, {y}", &abbr.trim_end_matches('.')),
    }
}

const STYLES: usize = 9;

fn any_date() -> impl Strategy<Value = Date> {
    (1900i16..=2099, 1i8..=12, 1i8..=31)
        .prop_filter_map("a real date", |(y, m, d)| Date::new(y, m, d).ok())
}

fn doc(text: String, on: Date) -> Document {
    Document::from_text("prop.txt", text, Format::Text)
        .unwrap()
        .with_date(Some(on))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    /// Every style reads back as the same date, one figure over exactly the written date.
    #[test]
    fn a_date_in_every_style_reads_back(date in any_date(), style in 0..STYLES) {
        let written = render(date, style);
        let text = format!("The depot reopened on {written} after repairs.");
        let d = doc(text.clone(), Date::new(2026, 1, 30).unwrap());
        let qs = figcheck::extract(&d);
        let dates: Vec<_> = qs.iter().filter(|q| q.dimension == Dimension::Date).collect();
        prop_assert_eq!(dates.len(), 1, "{}: {:#?}", text, qs);
        prop_assert_eq!(dates[0].date, Some(date), "{}", text);
        prop_assert_eq!(&text[dates[0].span.start..dates[0].span.end], written.as_str());
    }

    /// A weekday beside a date is an error exactly when jiff says the date falls on another day.
    #[test]
    fn a_weekday_is_accepted_exactly_when_it_is_the_dates(
        date in any_date(),
        wd in 0usize..7,
        form in 0usize..4,
        join in 0usize..4,
        style in 0..STYLES,
    ) {
        let w = WEEKDAYS[wd][form];
        let written = render(date, style);
        let phrase = match join {
            0 => format!("{w}, {written}"),
            1 => format!("{w} ({written})"),
            2 if form == 0 => format!("{w} evening ({written})"),
            _ => format!("{w} {written}"),
        };
        let text = format!("Inspectors returned on {phrase} to the site.");
        let d = doc(text.clone(), date);
        let qs = figcheck::extract(&d);
        let found = figcheck::check(&d, &qs, &CheckOptions::default());
        let flagged = found.iter().any(|f| f.code == "weekday");
        let actual = usize::from(date.weekday().to_monday_zero_offset().unsigned_abs());
        prop_assert_eq!(flagged, actual != wd, "{}: {:#?}", text, found);
    }
}
