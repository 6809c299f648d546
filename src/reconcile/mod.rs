//! Reconcile: line up the claims of several sources on one event.
//!
//! Claims ([`crate::claim`]) are grouped by key into rows; each row compares the sources'
//! intervals in one base unit and gets a [`Status`]. Disjoint intervals become
//! `reconcile-conflict` findings; roles of one noun that must add up (launched ≥ downed +
//! struck) become `reconcile-accounting` findings ([`accounting`]). The result is plain data
//! with byte spans; the binary renders it.
//!
//! Grouping: claims are first split on noun, role, dimension and forecast. Within such a split,
//! every distinct place is its own group; claims that name no place join the one place the
//! others name when there is exactly one, and form their own group otherwise. Within a place,
//! the same rule applies to time. The result never depends on the order of the sources.

pub mod accounting;

use crate::claim::{Claim, ClaimKey, Interval};
use crate::diagnostic::{Diagnostic, Severity};
use crate::quantity::Quantity;
use crate::source::Document;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How the sources compare on one claim key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Every source states one figure, and the figures are the same up to the precision each
    /// was written to (100 km and 62 miles; 80 and 80).
    Agree,
    /// The intervals overlap but the sources do not all state one figure
    /// (111 vs "more than 100" vs "dozens").
    Consistent,
    /// Two sources' intervals are disjoint.
    Conflict,
    /// Only one source has the claim.
    SingleSource,
}

impl Status {
    /// The name used in tables and JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Agree => "agree",
            Status::Consistent => "consistent",
            Status::Conflict => "conflict",
            Status::SingleSource => "single source",
        }
    }
}

/// One row of the claims table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What the row is about (with the time the row settled on).
    pub key: ClaimKey,
    /// How the sources compare.
    pub status: Status,
    /// Indices into [`Reconciliation::claims`], per source (same order as the input), in
    /// order of position in the file.
    pub cells: Vec<Vec<usize>>,
    /// The interval all sources allow together (`None` when they conflict).
    pub consensus: Option<Interval>,
}

/// What `reconcile` returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciliation {
    /// The sources' names, in input order.
    pub sources: Vec<String>,
    /// Every claim found, by source then position.
    pub claims: Vec<Claim>,
    /// The table: one row per claim key, sorted by key.
    pub rows: Vec<Row>,
    /// Conflicts and accounting notes, sorted by file, position and code.
    pub findings: Vec<Diagnostic>,
}

/// What one source says in one row: the interval its claims allow together and the figure it
/// states, if it states one consistently.
#[derive(Debug, Clone, Copy)]
struct SourceValue {
    interval: Interval,
    stated: Option<(Decimal, Interval)>,
}

fn source_value(all: &[Claim], idx: &[usize]) -> Option<SourceValue> {
    let first = all.get(*idx.first()?)?;
    let mut meet = first.interval;
    let mut hull = first.interval;
    for &k in &idx[1..] {
        meet = meet.intersect(&all[k].interval);
        hull = hull.hull(&all[k].interval);
    }
    // A source that contradicts itself is judged by the span of what it says (check reports
    // the contradiction inside one draft).
    let interval = if meet.is_empty() { hull } else { meet };
    let stated = idx
        .iter()
        .map(|&k| all[k].stated.map(|v| (v, all[k].interval)))
        .collect::<Option<Vec<_>>>()
        .and_then(|v| {
            let (s0, i0) = *v.first()?;
            v.iter()
                .all(|(s, i)| i0.contains(*s) && i.contains(s0))
                .then_some((s0, i0))
        });
    Some(SourceValue { interval, stated })
}

/// Compares the sources of one row.
fn compare(values: &[Option<SourceValue>]) -> (Status, Option<Interval>) {
    let present: Vec<&SourceValue> = values.iter().flatten().collect();
    let Some(first) = present.first() else {
        return (Status::SingleSource, None);
    };
    let mut meet = first.interval;
    let mut disjoint = false;
    for (a, va) in present.iter().enumerate() {
        for vb in &present[a + 1..] {
            if !va.interval.overlaps(&vb.interval) {
                disjoint = true;
            }
        }
        meet = meet.intersect(&va.interval);
    }
    if disjoint {
        return (Status::Conflict, None);
    }
    if present.len() < 2 {
        return (Status::SingleSource, Some(meet));
    }
    // Agree: every source states one figure, and the figures are the same up to the
    // precision each was written to (their precision intervals overlap, checked above).
    let agree = present.iter().all(|a| a.stated.is_some());
    (
        if agree {
            Status::Agree
        } else {
            Status::Consistent
        },
        Some(meet),
    )
}

/// The strict part of a key: everything but the place and the time.
type Strict = (String, Option<String>, crate::quantity::Dimension, bool);

fn strict(k: &ClaimKey) -> Strict {
    (k.noun.clone(), k.role.clone(), k.dimension, k.forecast)
}

/// The one value the claims that state it agree on, if exactly one is stated.
fn only<T: Ord + Clone>(vals: impl Iterator<Item = Option<T>>) -> Option<T> {
    let set: BTreeSet<T> = vals.flatten().collect();
    if set.len() == 1 {
        set.into_iter().next()
    } else {
        None
    }
}

/// Groups claims into rows: see the module documentation.
fn group(all: &[Claim]) -> BTreeMap<ClaimKey, Vec<usize>> {
    let mut by_strict: BTreeMap<Strict, Vec<usize>> = BTreeMap::new();
    for (i, c) in all.iter().enumerate() {
        by_strict.entry(strict(&c.key)).or_default().push(i);
    }
    let mut rows: BTreeMap<ClaimKey, Vec<usize>> = BTreeMap::new();
    for (_, idx) in by_strict {
        // Place first: a claim that names no place joins the one place the others name.
        let place = only(idx.iter().map(|&i| all[i].key.place.clone()));
        let mut by_place: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
        for i in idx {
            let p = all[i].key.place.clone().or_else(|| place.clone());
            by_place.entry(p).or_default().push(i);
        }
        // Then time, within each place.
        for (p, idx) in by_place {
            let time = only(idx.iter().map(|&i| all[i].key.time));
            for i in idx {
                let mut key = all[i].key.clone();
                key.place = p.clone();
                key.time = key.time.or(time);
                rows.entry(key).or_default().push(i);
            }
        }
    }
    rows
}

/// A figure as written, with what it means in the base unit when that says more
/// ("\"−15 °F\" (-26.39 °C to -25.83 °C)"; "\"120\"").
fn quoted(text: &str, iv: &Interval, unit: Option<&str>) -> String {
    let meaning = describe_interval(iv, unit);
    if meaning.eq_ignore_ascii_case(text) {
        format!("\"{text}\"")
    } else {
        format!("\"{text}\" ({meaning})")
    }
}

/// A figure for messages: the interval in words, in the claim's unit.
pub fn describe_interval(iv: &Interval, unit: Option<&str>) -> String {
    let f = |d: Decimal| -> String {
        if unit == Some("day") {
            return crate::claim::date_of_day(d).map_or_else(|| d.to_string(), |x| x.to_string());
        }
        let r = d.round_dp(2).normalize().to_string();
        match unit {
            Some(u) => format!("{r} {u}"),
            None => r,
        }
    };
    match (iv.low, iv.high) {
        (Some(l), Some(h)) if l == h => f(l),
        (Some(l), Some(h)) => format!("{} to {}", f(l), f(h)),
        (Some(l), None) => format!(
            "{} {}",
            if iv.low_open { "more than" } else { "at least" },
            f(l)
        ),
        (None, Some(h)) => format!(
            "{} {}",
            if iv.high_open { "less than" } else { "at most" },
            f(h)
        ),
        (None, None) => "any value".into(),
    }
}

/// Reconciles the figures of several sources, comparing through the built-in grammar's units.
pub fn reconcile(sources: &[(Document, Vec<Quantity>)]) -> Reconciliation {
    reconcile_with(&crate::grammar::Grammar::default(), sources)
}

/// [`reconcile`], comparing through grammar `g`'s units (a configuration's own included).
pub fn reconcile_with(
    g: &crate::grammar::Grammar,
    sources: &[(Document, Vec<Quantity>)],
) -> Reconciliation {
    let mut all = Vec::new();
    for (s, (doc, qs)) in sources.iter().enumerate() {
        all.extend(crate::claim::claims_with(g, s, doc, qs));
    }
    let n = sources.len();
    let mut rows = Vec::new();
    let mut findings = Vec::new();
    for (key, idx) in group(&all) {
        let mut cells = vec![Vec::new(); n];
        for i in idx {
            cells[all[i].source].push(i);
        }
        let values: Vec<Option<SourceValue>> =
            cells.iter().map(|c| source_value(&all, c)).collect();
        let (status, consensus) = compare(&values);
        if status == Status::Conflict {
            findings.push(conflict(sources, &all, &key, &cells, &values));
        } else if let Some(d) = vague_stretch(sources, &all, &key, &cells) {
            findings.push(d);
        }
        rows.push(Row {
            key,
            status,
            cells,
            consensus,
        });
    }
    findings.extend(accounting::notes(sources, &all, &rows));
    findings.sort_by(|a, b| {
        (&a.file, a.span, &a.code, &a.message).cmp(&(&b.file, b.span, &b.code, &b.message))
    });
    Reconciliation {
        sources: sources.iter().map(|(d, _)| d.name.clone()).collect(),
        claims: all,
        rows,
        findings,
    }
}

fn conflict(
    sources: &[(Document, Vec<Quantity>)],
    all: &[Claim],
    key: &ClaimKey,
    cells: &[Vec<usize>],
    values: &[Option<SourceValue>],
) -> Diagnostic {
    // The primary source: the one at odds with the most others; ties go to the name that sorts
    // first, so the input order never matters.
    let present: Vec<usize> = (0..cells.len()).filter(|&s| values[s].is_some()).collect();
    let odds = |s: usize| {
        present
            .iter()
            .filter(|&&o| {
                o != s
                    && matches!((&values[s], &values[o]), (Some(a), Some(b)) if !a.interval.overlaps(&b.interval))
            })
            .count()
    };
    let primary = present
        .iter()
        .copied()
        .max_by(|&a, &b| {
            odds(a)
                .cmp(&odds(b))
                .then_with(|| sources[b].0.name.cmp(&sources[a].0.name))
                .then_with(|| b.cmp(&a))
        })
        .unwrap_or(0);
    let c = &all[cells[primary][0]];
    let unit = c.unit.as_deref();
    let pv = values[primary].map(|v| v.interval).unwrap_or(c.interval);
    let mut others: Vec<usize> = present.iter().copied().filter(|&s| s != primary).collect();
    others.sort_by(|&a, &b| sources[a].0.name.cmp(&sources[b].0.name).then(a.cmp(&b)));
    let against: Vec<String> = others
        .iter()
        .filter(|&&o| values[o].is_some_and(|v| !v.interval.overlaps(&pv)))
        .map(|&o| {
            let oc = &all[cells[o][0]];
            let ov = values[o].map(|v| v.interval).unwrap_or(oc.interval);
            format!("{} in {}", quoted(&oc.text, &ov, unit), sources[o].0.name)
        })
        .collect();
    let mut d = Diagnostic::new(
        "reconcile-conflict",
        Severity::Warning,
        &sources[primary].0.name,
        c.span,
        format!(
            "sources conflict on {}: {} here vs {}",
            key.describe(),
            quoted(&c.text, &pv, unit),
            against.join(", ")
        ),
    );
    for o in others {
        let oc = &all[cells[o][0]];
        let ov = values[o].map(|v| v.interval).unwrap_or(oc.interval);
        let rel = if ov.overlaps(&pv) {
            "consistent with it"
        } else {
            "conflicts"
        };
        d = d.with_related(
            &sources[o].0.name,
            oc.span,
            format!("\"{}\" ({}) {rel}", oc.text, describe_interval(&ov, unit)),
        );
    }
    d
}

/// `reconcile-vague`: a vague word ("several", 3 to 9) next to a figure past its usual range
/// (15) in another source. Not a conflict (the upper end of a vague word is soft) but worth a
/// look: the note names the usual range.
fn vague_stretch(
    sources: &[(Document, Vec<Quantity>)],
    all: &[Claim],
    key: &ClaimKey,
    cells: &[Vec<usize>],
) -> Option<Diagnostic> {
    let name = |c: &Claim| (sources[c.source].0.name.clone(), c.span);
    let mut best: Option<(&Claim, Vec<&Claim>)> = None;
    for (s, cell) in cells.iter().enumerate() {
        // The first vague word of each source stands for it (keeps this linear in the claims).
        if let Some(c) = cell.iter().map(|&k| &all[k]).find(|c| c.vague.is_some()) {
            let Some(range) = c.vague else { continue };
            let past: Vec<&Claim> = cells
                .iter()
                .enumerate()
                .filter(|(o, _)| *o != s)
                .flat_map(|(_, oc)| oc.iter().map(|&j| &all[j]))
                .filter(|o| !o.vague.unwrap_or(o.interval).overlaps(&range))
                .collect();
            if past.is_empty() {
                continue;
            }
            if best.as_ref().is_none_or(|(b, _)| name(c) < name(b)) {
                best = Some((c, past));
            }
        }
    }
    let (c, mut past) = best?;
    past.sort_by_key(|o| name(o));
    let range = c.vague?;
    let unit = c.unit.as_deref();
    let others: Vec<String> = past
        .iter()
        .map(|o| format!("\"{}\" in {}", o.text, sources[o.source].0.name))
        .collect();
    let mut d = Diagnostic::new(
        "reconcile-vague",
        Severity::Note,
        &sources[c.source].0.name,
        c.span,
        format!(
            "\"{}\" usually means {}, but {} for {}",
            c.text,
            describe_interval(&range, unit),
            others.join(", "),
            key.describe()
        ),
    );
    for o in past {
        let oi = o.vague.unwrap_or(o.interval);
        d = d.with_related(
            &sources[o.source].0.name,
            o.span,
            format!("\"{}\" ({})", o.text, describe_interval(&oi, unit)),
        );
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    fn src(name: &str, body: &str) -> (Document, Vec<Quantity>) {
        let text = format!("---\ndate: 2026-01-30\n---\n{body}\n");
        let d = Document::from_text(name, text, Format::Markdown).unwrap();
        let qs = crate::extract(&d);
        (d, qs)
    }

    #[test]
    fn more_downed_and_struck_than_launched_is_a_warning() {
        let r = reconcile(&[src(
            "a.md",
            "Russia launched 100 drones overnight. Air defences downed 80 drones overnight. \
             Another 25 drones struck targets overnight.",
        )]);
        let acc: Vec<&Diagnostic> = r
            .findings
            .iter()
            .filter(|d| d.code == "reconcile-accounting")
            .collect();
        assert_eq!(acc.len(), 1, "{:?}", r.findings);
        assert_eq!(acc[0].severity, Severity::Warning);
        assert!(
            acc[0]
                .message
                .contains("80 downed + 25 struck = 105: 5 more than launched"),
            "{}",
            acc[0].message
        );
    }

    #[test]
    fn balanced_accounting_says_nothing() {
        let r = reconcile(&[src(
            "a.md",
            "Russia launched 105 drones overnight. Air defences downed 80 drones overnight. \
             Another 25 drones struck targets overnight.",
        )]);
        assert!(r.findings.is_empty(), "{:?}", r.findings);
    }

    #[test]
    fn the_conflict_names_the_odd_one_out() {
        let a = src("a.md", "Air defences downed 80 drones overnight.");
        let b = src("b.md", "Air defences downed 95 drones overnight.");
        let c = src("c.md", "Air defences downed 80 drones overnight.");
        for order in [[0, 1, 2], [2, 1, 0], [1, 0, 2]] {
            let all = [&a, &b, &c];
            let srcs: Vec<_> = order.iter().map(|&k| all[k].clone()).collect();
            let r = reconcile(&srcs);
            assert_eq!(r.findings.len(), 1);
            assert_eq!(r.findings[0].file, "b.md");
            assert_eq!(r.findings[0].related.len(), 2);
        }
    }

    #[test]
    fn an_undated_claim_joins_the_only_dated_row_but_not_one_of_two() {
        let a = src("a.md", "Air defences downed 80 drones on Thursday.");
        let b = src("b.md", "Air defences downed 80 drones.");
        let r = reconcile(&[a.clone(), b.clone()]);
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.rows[0].status, Status::Agree);
        let c = src("c.md", "Air defences downed 60 drones on Friday.");
        let r = reconcile(&[a, b, c]);
        assert_eq!(r.rows.len(), 3);
        assert!(r.rows.iter().all(|row| row.status == Status::SingleSource));
    }

    #[test]
    fn extreme_values_never_panic() {
        use crate::quantity::{Dimension, Figure, Span};
        let text =
            "Russia launched drones. Air defences downed drones. Drones struck. It was cold. Far."
                .to_string();
        let d = Document::from_text("x.txt", text, Format::Text).unwrap();
        let mk = |at: usize, dim: Dimension, v: Decimal, unit: Option<&str>, role: Option<&str>| {
            let mut q = Quantity::new(Span::new(at, at + 1), dim);
            q.value = Some(Figure::new(v, Decimal::MAX));
            q.low = Some(v);
            q.high = Some(v);
            q.unit = unit.map(str::to_string);
            q.lemma = role.map(|_| "drone".to_string());
            q.role = role.map(str::to_string);
            q
        };
        for v in [Decimal::MAX, Decimal::MIN] {
            let qs = vec![
                mk(7, Dimension::Count, v, None, Some("launched")),
                mk(30, Dimension::Count, v, None, Some("downed")),
                mk(52, Dimension::Count, v, None, Some("struck")),
                mk(66, Dimension::Temperature, v, Some("°F"), None),
                mk(79, Dimension::Length, v, Some("mi"), None),
            ];
            let r = reconcile(&[(d.clone(), qs.clone()), (d.clone(), qs)]);
            assert!(r.findings.iter().all(|f| f.code != "reconcile-conflict"));
        }
    }
}
