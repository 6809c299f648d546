//! `reconcile-accounting`: roles of one noun that must add up across the sources.
//!
//! What it checks: for one noun, time and place, what was launched must cover what was downed
//! plus what struck (every drone launched is either downed, or struck, or unaccounted for).
//! Why: outlets report the parts from the same air-force statement; a gap is worth a line in the
//! story ("6 unaccounted"), and more downed + struck than launched means a figure is wrong.
//! Example: 111 launched; 80 downed + 25 struck = 105; 6 unaccounted (a note). With 100
//! launched, 80 downed and 25 struck the finding is a warning: 105 is more than 100.
//!
//! The figures used are each row's consensus (the interval all sources allow together); rows
//! in conflict are left to `reconcile-conflict`.

use super::{Row, Status, describe_interval};
use crate::claim::{Claim, Interval};
use crate::diagnostic::{Diagnostic, Severity};
use crate::quantity::Dimension;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

crate::declare_rule! {
    pub static ACCOUNTING = {
        code: "reconcile-accounting",
        kind: Reconcile,
        severity: Note,
        summary: "What was launched must cover what was downed and what struck.",
        what: "For one noun, time and place across the sources, the launched figure against
the downed and struck figures (every drone or missile launched is downed, strikes, or is
unaccounted for), using each row's consensus (the interval all sources allow together). A gap
is a `note` naming it; downed + struck more than launched is a `warning`. Rows in conflict are
left to `reconcile-conflict`; a part with no place or time matches any.",
        why: "Outlets report the parts from the same air-force statement; a gap is worth a line
in the story (`6 unaccounted`), and more downed and struck than launched means a figure is
wrong.",
        fires: "`Russia launched 111 drones; 80 were shot down.` in one source and `25 drones
struck targets.` in another (a note: 6 unaccounted); `100 drones were launched, 80 were
downed and 25 struck.` (a warning: 105 is more than 100).",
        silent: "`Russia launched 111 drones; 80 were shot down and 31 struck targets.`",
        not_checked: "Other roles than launched, downed and struck, and parts of another time
or place: `111 drones were launched overnight` against `80 drones were downed on Friday` is
not summed.",
    };
}

/// The parts that must not exceed the whole, in the order they are written.
const PARTS: &[&str] = &["downed", "struck"];
const WHOLE: &str = "launched";

/// The claim that best stands for a row: one stating the consensus figure, else any, taking the
/// source name and position that sort first.
fn representative<'a>(names: &[String], all: &'a [Claim], row: &Row) -> Option<&'a Claim> {
    let point = row.consensus.and_then(|c| c.as_point());
    row.claims().map(|k| &all[k]).min_by(|a, b| {
        let sa = point.is_some() && a.stated == point;
        let sb = point.is_some() && b.stated == point;
        sb.cmp(&sa)
            .then_with(|| names[a.source].cmp(&names[b.source]))
            .then_with(|| a.span.cmp(&b.span))
    })
}

fn compatible<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    a.is_none() || b.is_none() || a == b
}

fn fig(iv: &Interval) -> String {
    describe_interval(iv, None)
}

fn add(a: &Interval, b: &Interval) -> Option<Interval> {
    let sum = |x: Option<Decimal>, y: Option<Decimal>| -> Option<Option<Decimal>> {
        match (x, y) {
            (Some(x), Some(y)) => Some(Some(x.checked_add(y)?)),
            _ => Some(None),
        }
    };
    Some(Interval {
        low: sum(a.low, b.low)?,
        high: sum(a.high, b.high)?,
        low_open: a.low_open || b.low_open,
        high_open: a.high_open || b.high_open,
    })
}

/// The accounting findings over the reconciled rows.
pub fn notes(names: &[String], all: &[Claim], rows: &[Row]) -> Vec<Diagnostic> {
    // Rows by noun, role, dimension and forecast, so each whole looks only at its own parts.
    let mut index: BTreeMap<(&str, Option<&str>, Dimension, bool), Vec<&Row>> = BTreeMap::new();
    for r in rows {
        index
            .entry((
                r.key.noun.as_str(),
                r.key.role.as_deref(),
                r.key.dimension,
                r.key.forecast,
            ))
            .or_default()
            .push(r);
    }
    let mut out = Vec::new();
    for whole in rows {
        let k = &whole.key;
        if k.dimension != Dimension::Count
            || k.role.as_deref() != Some(WHOLE)
            || whole.status == Status::Conflict
        {
            continue;
        }
        let Some(w) = whole.consensus else { continue };
        let parts: Vec<(&str, &Row)> = PARTS
            .iter()
            .filter_map(|p| {
                // Place and time must match, or be missing on one side; exact matches first.
                index
                    .get(&(k.noun.as_str(), Some(*p), k.dimension, k.forecast))?
                    .iter()
                    // The parts are often another actor's (Russia launched, Ukraine downed), so
                    // entities need not match; scopes must.
                    .filter(|r| {
                        r.key.scope == k.scope
                            && compatible(&r.key.place, &k.place)
                            && compatible(&r.key.time, &k.time)
                            && compatible(&r.key.day, &k.day)
                    })
                    .max_by_key(|r| {
                        (
                            r.key.place == k.place,
                            r.key.time == k.time,
                            std::cmp::Reverse(&r.key),
                        )
                    })
                    .map(|r| (*p, *r))
            })
            .collect();
        if parts.is_empty() || parts.iter().any(|(_, r)| r.consensus.is_none()) {
            continue;
        }
        let mut total = Interval::point(Decimal::ZERO);
        let mut ok = true;
        for (_, r) in &parts {
            match r.consensus.and_then(|c| add(&total, &c)) {
                Some(t) => total = t,
                None => ok = false,
            }
        }
        if !ok {
            continue;
        }
        let working = parts
            .iter()
            .filter_map(|(p, r)| Some(format!("{} {p}", fig(&r.consensus?))))
            .collect::<Vec<_>>()
            .join(" + ");
        let sum_text = if parts.len() > 1 {
            format!("{working} = {}", fig(&total))
        } else {
            working
        };
        let noun = &k.noun;
        let (severity, message) = match (w.low, total.high, w.high, total.low) {
            (Some(wl), Some(th), _, _)
                if wl > th || (wl == th && (w.low_open || total.high_open)) =>
            {
                let Some(least) = wl.checked_sub(th) else {
                    continue;
                };
                let most = match (w.high, total.low) {
                    (Some(wh), Some(tl)) => wh.checked_sub(tl),
                    _ => None,
                };
                let gap = match most {
                    Some(m) if m != least => format!("{} to {}", least.normalize(), m.normalize()),
                    None => format!("at least {}", least.normalize()),
                    Some(_) => least.normalize().to_string(),
                };
                (
                    Severity::Note,
                    format!(
                        "{noun}: {} launched; {sum_text}; {gap} unaccounted",
                        fig(&w)
                    ),
                )
            }
            (_, _, Some(wh), Some(tl)) if tl > wh => {
                let Some(over) = tl.checked_sub(wh) else {
                    continue;
                };
                (
                    Severity::Warning,
                    format!(
                        "{noun}: {} launched, but {sum_text}: {} more than launched",
                        fig(&w),
                        over.normalize()
                    ),
                )
            }
            _ => continue,
        };
        let Some(primary) = representative(names, all, whole) else {
            continue;
        };
        let mut d = Diagnostic::new(
            ACCOUNTING.code,
            severity,
            &names[primary.source],
            primary.span,
            message,
        );
        for (p, r) in &parts {
            if let Some(c) = representative(names, all, r) {
                d = d.with_related(&names[c.source], c.span, format!("{p}: \"{}\"", c.text));
            }
        }
        out.push(d);
    }
    out
}
