//! The `weekday` rule.

use super::dates::fmt_date;
use super::{Ctx, Rule, norm};
use crate::analysis::DateKind;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::registry::RuleMeta;
use jiff::civil::Weekday as Wd;

declare_rule! {
    pub static WEEKDAY = {
        code: "weekday",
        kind: Check,
        severity: Error,
        summary: "A weekday written next to a date must be that date's weekday.",
        what: "`Tuesday, March 4, 2026`, `Friday, Feb. 5`, `Friday (Feb. 5)`,
`Feb. 5 (Friday)`, `Tue, 14 March 2023` (abbreviations with or without a full stop: Mon, Tue,
Tues, Wed, Thu, Thur, Thurs, Fri, Sat, Sun), `Tuesday evening (Oct. 14)`, `Tuesday, the 14th
of October`: the date is resolved (a date without a year takes the year nearest the
document date) and its weekday compared with the one written.",
        why: "A weekday that does not match its date means one of them is wrong, and
readers planning around the date cannot tell which.",
        fires: "`The summit opens on Tuesday, March 4, 2026.` (March 4, 2026 is a Wednesday);
`They meet again on Friday, Feb. 5.` in a draft dated 2026-02-02 (a Thursday).",
        silent: "`The summit opens on Wednesday, March 4, 2026.`; a list of dates without weekdays;
`on Friday and on March 4` (not written together).",
        not_checked: "A weekday and a date that are not written together: `The talks open on Tuesday.
They are set for March 4, 2026.` (a Wednesday) is not compared.",
    };
}

/// The `weekday` rule; its documentation is [`WEEKDAY`].
pub struct Weekday;

fn name(w: Wd) -> &'static str {
    match w {
        Wd::Monday => "Monday",
        Wd::Tuesday => "Tuesday",
        Wd::Wednesday => "Wednesday",
        Wd::Thursday => "Thursday",
        Wd::Friday => "Friday",
        Wd::Saturday => "Saturday",
        Wd::Sunday => "Sunday",
    }
}

/// What may stand between a weekday and its date: `Tuesday, Oct. 14`, `Tue 14 Oct`, `Tuesday
/// (Oct. 14)`, `Tuesday, the 14th`, and a part of the day: `Tuesday evening (Oct. 14)`, `Tuesday
/// night, Oct. 14`.
fn weekday_then_date(gap: &str) -> bool {
    let rest = ["morning", "afternoon", "evening", "night"]
        .iter()
        .find_map(|p| gap.strip_prefix(p))
        .map_or(gap, str::trim_start);
    let part_of_day = rest.len() != gap.len();
    matches!(rest, "," | "(" | ", the" | "the") || (!part_of_day && rest.is_empty())
}

impl Rule for Weekday {
    fn meta(&self) -> &'static RuleMeta {
        &WEEKDAY
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let qs = &cx.qs;
        for w in 1..qs.len() {
            let (a, b) = (&qs[w - 1], &qs[w]);
            let kinds = (
                a.date_kind.and_then(DateKind::parse),
                b.date_kind.and_then(DateKind::parse),
            );
            if !matches!(
                kinds,
                (Some(DateKind::Weekday), Some(DateKind::Day))
                    | (Some(DateKind::Day), Some(DateKind::Weekday))
            ) {
                continue;
            }
            let gap = norm(cx.between(a, b));
            // An abbreviation's full stop may end a sentence for the splitter: "Mon. (Jan. 5)".
            let abbr_stop = cx.text(a.span).ends_with('.') && gap.len() <= 2;
            if a.sentence != b.sentence && !abbr_stop {
                continue;
            }
            let (wq, dq) = match kinds {
                (Some(DateKind::Weekday), Some(DateKind::Day)) if weekday_then_date(&gap) => (a, b),
                (Some(DateKind::Day), Some(DateKind::Weekday))
                    if matches!(gap.as_str(), "(" | ",") =>
                {
                    (b, a)
                }
                _ => continue,
            };
            let Some(date) = dq.date else {
                // A date without a year ("Friday, Feb. 5") needs the document's year.
                if cx.doc.date.is_none() {
                    cx.skip_undated();
                }
                continue;
            };
            let Some(written) = cx.facts(wq).weekday else {
                continue;
            };
            let actual = date.weekday();
            if written == actual {
                continue;
            }
            let d = cx
                .diag(
                    self,
                    wq.span,
                    format!(
                        "{} is a {}; the text says {}",
                        fmt_date(date),
                        name(actual),
                        name(written)
                    ),
                )
                .with_help(format!("write {}, or correct the date", name(actual)));
            out.push(cx.related(
                d,
                dq.span,
                format!("{} falls on a {}", fmt_date(date), name(actual)),
            ));
        }
    }
}
