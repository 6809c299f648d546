//! The `undated` rule: a note when date checks were skipped for want of a document date.

use super::{Ctx, Rule};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::Dimension;
use crate::registry::RuleMeta;
use crate::source::dated::DateSource;

declare_rule! {
    pub static UNDATED = {
        code: "undated",
        kind: Check,
        severity: Note,
        summary: "Date checks that need the document's date say so when it is missing.",
        what: "The `weekday`, `duration`, `elapsed` and `age` rules need the document's
date (or at least its year) to resolve `Friday, Feb. 5`, `for a week, until February 1`, `three
days away` or `Jones, 62, who was born in 1955`. When a draft has such constructions but no date was found (no `--date`, front matter,
HTML metadata, dateline or byline; or a dateline without a year for a weekday), this note
counts the checks that were skipped and points at the first date that could not be resolved.
It never fires when every check could run.",
        why: "Silence is read as \"checked and fine\". A draft whose dates were never
checked should say so, so that the writer adds `--date` or a front-matter `date:`.",
        fires: "`They agreed to pause strikes for a week, until February 1.` with no date anywhere
(one check skipped).",
        silent: "the same sentence under `OSLO, Jan 30 (NTB) -` or with front matter `date:
2026-01-30`; `The vote was on Friday.` (nothing to check).",
        not_checked: "Whether the document date is right: a draft whose front matter says `date:
2026-01-30` is checked against January 30 even if it was written days later.",
    };
}

/// The `undated` rule; its documentation is [`UNDATED`].
pub struct Undated;

impl Rule for Undated {
    fn meta(&self) -> &'static RuleMeta {
        &UNDATED
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        let n = cx.undated_skips.get();
        if n == 0 || cx.doc.date.is_some() {
            return;
        }
        // Point at the first date left unresolved, else the first date.
        let dates = || cx.qs.iter().filter(|q| q.dimension == Dimension::Date);
        // Under a yearless dateline its own date is unresolved too: prefer a weekday then.
        let Some(at) = dates()
            .find(|q| {
                q.date.is_none() && (cx.doc.month_day.is_none() || q.date_kind == Some("weekday"))
            })
            .or_else(|| dates().find(|q| q.date.is_none()))
            .or_else(|| dates().next())
        else {
            return;
        };
        let checks = if n == 1 {
            "1 date check was".to_string()
        } else {
            format!("{n} date checks were")
        };
        let why = match (cx.doc.month_day, cx.doc.date_source) {
            (Some(_), DateSource::Dateline) => {
                "the dateline gives no year, so weekdays and dates without a year cannot be resolved"
                    .to_string()
            }
            _ => "no document date was found (no --date, front matter, HTML metadata, dateline or byline)"
                .to_string(),
        };
        let d = cx
            .diag(self, at.span, format!("{checks} skipped: {why}"))
            .with_help("pass --date YYYY-MM-DD or add `date:` to the front matter");
        out.push(d);
    }
}
