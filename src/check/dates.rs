//! Dates and lengths of time that several rules share (`weekday`, `duration`, `elapsed`,
//! `calendar`): month names and dates for messages, calendar units, calendar arithmetic.

use crate::grammar::Grammar;
use crate::quantity::Dimension;
use jiff::ToSpan;
use jiff::civil::Date;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Month names for messages, January first.
pub const MONTHS: [&str; 12] = [
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

/// A date for messages: "Wednesday, March 4, 2026".
pub fn fmt_date(d: Date) -> String {
    let m = MONTHS.get((d.month() - 1) as usize).copied().unwrap_or("?");
    format!("{m} {}, {}", d.day(), d.year())
}

/// Calendar units: months and years are counted on the calendar, the rest in days.
pub fn unit_days(g: &Grammar, unit: &str) -> Option<Decimal> {
    let u = g.unit(unit)?;
    if u.dimension != Dimension::Duration {
        return None;
    }
    let d = u.factor / Decimal::from(86400);
    (d >= Decimal::ONE).then_some(d)
}

/// `d` plus `n` of `unit` on the calendar (whole units only); `None` when out of range.
pub fn add_units(g: &Grammar, d: Date, n: i64, unit: &str) -> Option<Date> {
    // jiff panics on spans out of its range: keep to ten thousand years either way.
    let days = match unit {
        "month" | "year" | "decade" | "century" => None,
        _ => Some(unit_days(g, unit)?.to_i64()?.checked_mul(n)?),
    };
    let limit = match unit {
        "month" => 100_000,
        "year" => 10_000,
        "decade" => 1_000,
        "century" => 100,
        _ => i64::MAX,
    };
    if n.abs() > limit || days.is_some_and(|x| x.abs() > 3_000_000) {
        return None;
    }
    match unit {
        "month" => d.checked_add(n.months()).ok(),
        "year" => d.checked_add(n.years()).ok(),
        "decade" => d.checked_add((n * 10).years()).ok(),
        "century" => d.checked_add((n * 100).years()).ok(),
        _ => d.checked_add(days?.days()).ok(),
    }
}

/// Days from `a` to `b`.
pub fn days(a: Date, b: Date) -> i64 {
    i64::from((b - a).get_days())
}

/// Human "2 days".
pub fn n_days(n: i64) -> String {
    if n.abs() == 1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}
