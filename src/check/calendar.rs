//! The `calendar` rule: dates that do not exist, and ranges that end before they begin.

use super::dates::fmt_date;
use super::{Ctx, Rule, norm};
use crate::analysis::DateKind;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::grammar::date::{RawDate, date};
use crate::quantity::Quantity;
use crate::registry::RuleMeta;
use jiff::civil::Date;

declare_rule! {
    pub static CALENDAR = {
        code: "calendar",
        kind: Check,
        severity: Error,
        summary: "A date must exist, and a range of dates must not end before it begins.",
        what: "(1) A day past the end of its month: `February 30`, `November 31`, `April
31, 2026`, `February 29, 2027` (February 29 without a year is accepted: it exists in a leap
year). (2) `from DATE to DATE` (or `until`, `through`, `till`, a dash, `between … and …`) whose
end is before its start, when the two are written in the same month or both with their year:
`from May 10 to May 8`, `between March 3, 2026 and February 27, 2026`. A range across the turn
of a year without years (`from December 28 to January 3`) is read as crossing it.",
        why: "An impossible date or a range that runs backwards is a typo in a figure
readers plan by, and nothing else in the copy says which number is wrong.",
        fires: "`The fair runs until February 30.`; `Polls are open from May 10 to May 8.`",
        silent: "`The fair runs until February 28.`; `Leap day, February 29, is a holiday there.`;
`from December 28 to January 3`; `from May 8 to May 10`.",
        not_checked: "A backward range across months without years, which may cross a year: `Polls are
open from May 10 to April 8.` is not flagged.",
    };
}

/// The `calendar` rule; its documentation is [`CALENDAR`].
pub struct Calendar;

use super::dates::MONTHS;

/// The written date of a figure's text (the whole text must be the date).
fn written(text: &str) -> Option<RawDate> {
    let (rest, raw) = date(&crate::grammar::cx::Cx::builtin(), text.trim()).ok()?;
    (rest.trim().is_empty() && raw.rel_year.is_none()).then_some(raw)
}

fn days_in(y: i16, m: i8) -> i8 {
    Date::new(y, m, 1).map_or(31, |d| d.days_in_month())
}

impl Rule for Calendar {
    fn meta(&self) -> &'static RuleMeta {
        &CALENDAR
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        // (1) Days past the end of their month.
        for q in cx.qs.iter().copied() {
            if cx.date_kind(q) != Some(DateKind::Day) || q.date.is_some() {
                continue;
            }
            let Some(raw) = written(&cx.text(q.span)) else {
                continue;
            };
            let (Some(m), Some(d)) = (raw.month, raw.day) else {
                continue;
            };
            let max = match raw.year {
                Some(y) => days_in(y, m),
                None if m == 2 => 29,
                None => days_in(2001, m),
            };
            if d <= max {
                continue;
            }
            let name = MONTHS[usize::try_from(m - 1).unwrap_or(0)];
            let has = match (m, raw.year) {
                (2, Some(y)) => format!("February {y} has {max} days"),
                (2, None) => "February has 28 days, 29 in a leap year".to_string(),
                _ => format!("{name} has {max} days"),
            };
            out.push(
                cx.diag(self, q.span, format!("{name} {d} does not exist: {has}"))
                    .with_help("correct the day or the month"),
            );
        }
        // (2) Ranges that end before they begin.
        for si in 0..cx.by_sentence.len() {
            let idx = cx.in_sentence(si);
            for w in idx.windows(2) {
                let (a, b) = (cx.qs[w[0]], cx.qs[w[1]]);
                self.reversed(cx, a, b, out);
            }
        }
    }
}

impl Calendar {
    fn reversed(&self, cx: &Ctx<'_>, a: &Quantity, b: &Quantity, out: &mut Vec<Diagnostic>) {
        let day = |q: &Quantity| cx.date_kind(q) == Some(DateKind::Day);
        if !day(a) || !day(b) {
            return;
        }
        let (Some(da), Some(db)) = (a.date, b.date) else {
            return;
        };
        if db >= da {
            return;
        }
        let before = norm(cx.before(a));
        let gap = norm(cx.between(a, b));
        let from_to = before.ends_with("from")
            && matches!(
                gap.as_str(),
                "to" | "until" | "through" | "till" | "-" | "–"
            );
        let between = before.ends_with("between") && gap == "and";
        if !from_to && !between {
            return;
        }
        let (Some(ra), Some(rb)) = (written(&cx.text(a.span)), written(&cx.text(b.span))) else {
            return;
        };
        let same_month =
            ra.month == rb.month && ra.year.is_none_or(|y| rb.year.is_none_or(|z| y == z));
        let both_years = ra.year.is_some() && rb.year.is_some();
        if !same_month && !both_years {
            return;
        }
        let d = cx
            .diag(
                self,
                b.span,
                format!(
                    "the range ends on {} before it begins on {}",
                    fmt_date(db),
                    fmt_date(da)
                ),
            )
            .with_help("swap the dates or correct one of them");
        out.push(cx.related(d, a.span, "start"));
    }
}
