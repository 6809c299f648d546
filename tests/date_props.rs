//! Properties of dates, checked with proptest against `jiff`:
//!
//! - a date written in any supported style, in a sentence, reads back as the same calendar date
//!   (one figure spanning exactly what was written);
//! - a weekday written next to a date (full name or abbreviation, with or without a full stop,
//!   in every joining style) is accepted exactly when it is that date's weekday;
//! - numeric dates ("23/11/2023", "11/23/2023", "23.11.2023", "08/03/2024") read back as the
//!   same date when the values or the configured `date_order` settle the order, and are marked
//!   ambiguous, and never checked, when neither does.

use figcheck::grammar::{DateOrder, Extras, Grammar};
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
        8 => format!("{} {d}, {y}", &abbr.trim_end_matches('.')),
        // Numeric: day first, month first, dotted, zero-padded.
        9 => format!("{d}/{m}/{y}"),
        10 => format!("{m}/{d}/{y}"),
        11 => format!("{d}.{m}.{y}"),
        _ => format!("{d:02}/{m:02}/{y}"),
    }
}

const STYLES: usize = 13;

/// The order a numeric style writes day and month in; `None` for the other styles.
fn order_of(style: usize) -> Option<DateOrder> {
    match style {
        9 | 11 | 12 => Some(DateOrder::Dmy),
        10 => Some(DateOrder::Mdy),
        _ => None,
    }
}

/// Whether the values of `date` leave both orders possible ("5/6/2023").
fn ambiguous(date: Date) -> bool {
    date.day() <= 12 && date.day() != date.month()
}

/// The grammar of a desk that writes numeric dates in `order`.
fn desk(order: Option<DateOrder>) -> Grammar {
    Grammar::new(&Extras {
        date_order: order,
        ..Extras::default()
    })
    .unwrap()
}

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

    /// Every style reads back as the same date, one figure over exactly the written date (a
    /// slashed numeric date in running copy by a desk that declares its `date_order`).
    #[test]
    fn a_date_in_every_style_reads_back(date in any_date(), style in 0..STYLES) {
        let written = render(date, style);
        let text = format!("The depot reopened on {written} after repairs.");
        let d = doc(text.clone(), Date::new(2026, 1, 30).unwrap());
        let qs = desk(order_of(style)).extract(&d);
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
        // Without a `date_order`, a numeric date the values leave open is not checked.
        let unsettled = order_of(style).is_some() && ambiguous(date);
        prop_assert_eq!(flagged, actual != wd && !unsettled, "{}: {:#?}", text, found);
    }

    /// Without a `date_order`, a numeric date beside a weekday reads back when its values allow
    /// one order, and is marked ambiguous, with no date, when they allow both.
    #[test]
    fn an_unsettled_numeric_date_is_marked_not_guessed(
        date in any_date(),
        style in 9..STYLES,
        wd in 0usize..7,
    ) {
        let written = render(date, style);
        let text = format!("The ferry sailed on {}, {written}, at dawn.", WEEKDAYS[wd][0]);
        let d = doc(text.clone(), Date::new(2026, 1, 30).unwrap());
        let qs = figcheck::extract(&d);
        let dates: Vec<_> = qs
            .iter()
            .filter(|q| q.dimension == Dimension::Date && q.date_kind != Some("weekday"))
            .collect();
        prop_assert_eq!(dates.len(), 1, "{}: {:#?}", text, qs);
        prop_assert_eq!(&text[dates[0].span.start..dates[0].span.end], written.as_str());
        if ambiguous(date) {
            prop_assert_eq!(dates[0].date_kind, Some("ambiguous"), "{}", text);
            prop_assert_eq!(dates[0].date, None);
        } else {
            prop_assert_eq!(dates[0].date, Some(date), "{}", text);
        }
    }
}

/// Numeric dates are read only where they are dates: fractions, scores and slashed numbers in
/// running copy stay what they were.
#[test]
fn numeric_dates_only_where_they_are_dates() {
    let on = Date::new(2024, 5, 21).unwrap();
    let dates = |text: &str, order: Option<DateOrder>| -> Vec<(String, Option<Date>, String)> {
        let d = doc(text.to_string(), on);
        desk(order)
            .extract(&d)
            .into_iter()
            .filter(|q| q.dimension == Dimension::Date)
            .map(|q| {
                (
                    text[q.span.start..q.span.end].to_string(),
                    q.date,
                    q.date_kind.unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    let day = |y, m, d| Some(Date::new(y, m, d).unwrap());
    // Beside a weekday: read, in the order the values allow.
    assert_eq!(
        dates("The notice is dated Thursday, 23/11/2023.", None)[1],
        ("23/11/2023".into(), day(2023, 11, 23), "day".into())
    );
    assert_eq!(
        dates("Bids close Tue 11/28/2023 at noon.", None)[1],
        ("11/28/2023".into(), day(2023, 11, 28), "day".into())
    );
    // Dotted: read anywhere.
    assert_eq!(
        dates("Sampling ended on 19.05.2024 at the weir.", None),
        [("19.05.2024".into(), day(2024, 5, 19), "day".into())]
    );
    // Ambiguous without a setting, settled with one.
    assert_eq!(
        dates("Tenders close on Fri 08/03/2024.", None)[1],
        ("08/03/2024".into(), None, "ambiguous".into())
    );
    assert_eq!(
        dates("Tenders close on Fri 08/03/2024.", Some(DateOrder::Dmy))[1].1,
        day(2024, 3, 8)
    );
    assert_eq!(
        dates("Tenders close on 08/03/2024.", Some(DateOrder::Mdy))[0].1,
        day(2024, 8, 3)
    );
    // A slashed date in running copy with no weekday and no setting is not read as a date.
    assert!(
        dates("Any slot on 6/19/2024 works.", None)
            .iter()
            .all(|(t, _, _)| t != "6/19/2024")
    );
    // Fractions, scores, impossible dates and longer numbers are no dates (a year at the end
    // of one is read as a year, as before).
    for t in [
        "Crews dredged 3/4 of the channel on Monday.",
        "The council voted 5-3 on Monday.",
        "The ledger for Monday, 31/11/2023 is missing.",
        "Mon 1/2/2023/4 was a code.",
        "Figures of 12.5.2024.7 were logged.",
    ] {
        assert!(
            dates(t, Some(DateOrder::Dmy))
                .iter()
                .all(|(_, _, k)| k == "weekday" || k == "year"),
            "{t}: {:?}",
            dates(t, Some(DateOrder::Dmy))
        );
    }
}
