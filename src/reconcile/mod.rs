//! Reconcile: line up the claims of several sources on one event.
//!
//! Claims ([`crate::claim`]) are grouped by key into rows; each row compares the sources'
//! intervals in one base unit and gets a [`Status`]. Disjoint intervals become
//! `reconcile-conflict` findings; roles of one noun that must add up (launched ≥ downed +
//! struck) become `reconcile-accounting` findings ([`accounting`]). The result is plain data
//! with byte spans; the binary renders it.
//!
//! Grouping: claims are first split on noun, dimension, forecast and scope, then on role (a
//! level, "rose to 1,820", joins the one role named). Within such a split, every distinct
//! entity is its own group; claims that name no entity join the one entity the others name
//! when there is exactly one, and form their own group otherwise. Within an entity, the same
//! rule applies to place (but a part of a wider place, a hospital, a mill, is never joined),
//! within a place to the weekday named
//! ("on Monday" and "on Tuesday" are two days; a claim naming no day joins the one day
//! named), and within a day to time. The result never depends on the order of the sources.

pub mod accounting;

use crate::claim::{Claim, ClaimKey, Interval};
use crate::diagnostic::Diagnostic;

crate::declare_rule! {
    pub static CONFLICT = {
        code: "reconcile-conflict",
        kind: Reconcile,
        severity: Warning,
        summary: "Sources cannot disagree on one claim.",
        what: "`figcheck reconcile` lines up the claims of several sources by what they are
about (noun, role, dimension, forecast, place, time; see `docs/reconcile.md`) and reads each
as an interval in one base unit (a figure's written precision, hedges and bounds widen it; °F
and miles are converted). A row whose sources' intervals have no point in common is a
conflict. The finding points at the source at odds with the most others, with the others as
related spans. Counts that only grow from one dated report to the next are an update, not a
conflict.",
        why: "One of the sources, or the draft quoting it, has the figure wrong, and a reader
who sees both cannot tell which.",
        fires: "`Air defences shot down 80 drones overnight.` in one source and `Air defences
shot down 95 drones overnight.` in another; `The low was −15 °C.` against `The low was
−15 °F.`",
        silent: "`The border is 100 km away.` against `The border is 62 miles away.` (the
same distance); `more than 100 drones` against `111 drones` (consistent); 12 killed in
Monday's report and 31 in Tuesday's (an update).",
        not_checked: "Claims whose keys differ are never compared, even when a reader would
take them for one thing: `80 drones downed on Thursday` and `60 drones downed on Friday` are
two rows, and so are `15 regions were struck` and `five regions reported casualties` (two
roles).",
    };
}

crate::declare_rule! {
    pub static VAGUE = {
        code: "reconcile-vague",
        kind: Reconcile,
        severity: Note,
        summary: "A vague word is stretched past its usual range by another source's figure.",
        what: "A vague amount (`several`, read as 3 to 9; `dozens`, 24 to 199) in one source
set against another source's figure for the same claim that lies above the word's usual
range. Only the lower end of a vague word is hard, so this is a note, not a conflict; a
figure below the lower end (`dozens` against `five`) is a `reconcile-conflict`.",
        why: "Vague words are elastic, but `several` for fifteen understates the news; it is
worth a look and perhaps a firmer figure.",
        fires: "`Several drones hit the city.` in one source and `15 drones hit the city.`
in another.",
        silent: "`Several drones hit the city.` against `Five drones hit the city.`; `dozens
of drones` against `40 drones`.",
        not_checked: "A vague word with no figure to set it against, or a figure whose key
differs (another role, place or time): `several were injured` in one source and `15 were
killed` in another.",
    };
}
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
    /// The sources disagree only as a count grows: every later-dated report's figure is at
    /// or above every earlier one's, and reports of one date agree (a toll of 12 on Monday
    /// and 31 on Tuesday). A later, lower figure stays a conflict.
    Updated,
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
            Status::Updated => "updated",
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
    /// The sources that have the claim, in input order, each with its indices into
    /// [`Reconciliation::claims`] in order of position in the file. Sparse, so a row costs
    /// what its claims cost whatever the number of sources: [`Row::cell`] reads one source.
    pub cells: Vec<(usize, Vec<usize>)>,
    /// The interval all sources allow together (`None` when they conflict).
    pub consensus: Option<Interval>,
}

impl Row {
    /// The claims source `source` has in this row (empty when it has none).
    pub fn cell(&self, source: usize) -> &[usize] {
        self.cells
            .binary_search_by_key(&source, |c| c.0)
            .map_or(&[], |k| self.cells[k].1.as_slice())
    }

    /// Every claim of the row, by source then position.
    pub fn claims(&self) -> impl Iterator<Item = usize> + '_ {
        self.cells.iter().flat_map(|c| c.1.iter().copied())
    }
}

/// What `reconcile` returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciliation {
    /// The sources' names, in input order.
    pub sources: Vec<String>,
    /// The sources' document dates, in input order (`None` for an undated source).
    pub dates: Vec<Option<jiff::civil::Date>>,
    /// Every claim found, by source then position.
    pub claims: Vec<Claim>,
    /// The figures with no noun to compare them by (empty `key.noun`), by source then
    /// position: listed under their sources, never silently dropped.
    pub unkeyed: Vec<Claim>,
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

/// Compares the sources of one row, in one pass: intervals on a line overlap pairwise exactly
/// when they all share a point (Helly's theorem in one dimension), so the row conflicts
/// exactly when the intersection of every source's interval is empty.
fn compare(present: &[SourceValue]) -> (Status, Option<Interval>) {
    let Some(first) = present.first() else {
        return (Status::SingleSource, None);
    };
    let meet = present[1..]
        .iter()
        .fold(first.interval, |m, v| m.intersect(&v.interval));
    if meet.is_empty() {
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

/// Whether the values of a conflicting row (one per source, `dates` in the same order) read
/// as a count growing from report to report: every source dated, at least two dates, the
/// reports of each date agreeing among themselves, and no report's figure wholly below an
/// earlier-dated report's. Returns what the latest date's reports say. One pass over the
/// dates in order, with the highest lower end so far.
fn update(
    values: &[SourceValue],
    dates: impl Iterator<Item = Option<jiff::civil::Date>>,
) -> Option<Interval> {
    let dates: Vec<jiff::civil::Date> = dates.collect::<Option<Vec<_>>>()?;
    let mut by_date: BTreeMap<jiff::civil::Date, Interval> = BTreeMap::new();
    for (v, d) in values.iter().zip(&dates) {
        let meet = by_date
            .get(d)
            .map_or(v.interval, |m| m.intersect(&v.interval));
        if meet.is_empty() {
            return None;
        }
        by_date.insert(*d, meet);
    }
    if by_date.len() < 2 {
        return None;
    }
    let mut floor: Option<(Decimal, u8)> = None;
    let mut last = None;
    for iv in by_date.values() {
        if let (Some(f), Some(h)) = (floor, high_key(iv))
            && h < f
        {
            return None;
        }
        floor = floor.max(low_key(iv));
        last = Some(*iv);
    }
    last
}

/// An interval's upper end as a sort key: an interval `a` lies wholly below `b` exactly when
/// `high_key(a) < low_key(b)` (touching ends overlap unless either is open).
fn high_key(iv: &Interval) -> Option<(Decimal, u8)> {
    iv.high.map(|h| (h, if iv.high_open { 0 } else { 1 }))
}

/// An interval's lower end as a sort key: see [`high_key`].
fn low_key(iv: &Interval) -> Option<(Decimal, u8)> {
    iv.low.map(|l| (l, if iv.low_open { 2 } else { 1 }))
}

/// Whether `a` lies wholly below `b` (the same test as `!a.overlaps(b)` with `a` lower).
fn below(a: &Interval, b: &Interval) -> bool {
    matches!((high_key(a), low_key(b)), (Some(h), Some(l)) if h < l)
}

/// For each interval, how many of the others it is disjoint from: sorted ends and a binary
/// search each, so `n log n` rather than every pair.
fn disjoint_counts(ivs: &[Interval]) -> Vec<usize> {
    let mut highs: Vec<(Decimal, u8)> = ivs.iter().filter_map(high_key).collect();
    let mut lows: Vec<(Decimal, u8)> = ivs.iter().filter_map(low_key).collect();
    highs.sort_unstable();
    lows.sort_unstable();
    ivs.iter()
        .map(|iv| {
            let under = low_key(iv).map_or(0, |l| highs.partition_point(|h| *h < l));
            let over = high_key(iv).map_or(0, |h| lows.len() - lows.partition_point(|l| *l <= h));
            under + over
        })
        .collect()
}

/// The strict part of a key: everything but the role, the entity, the place and the time.
type Strict = (String, crate::quantity::Dimension, bool, Option<String>);

fn strict(k: &ClaimKey) -> Strict {
    (k.noun.clone(), k.dimension, k.forecast, k.scope.clone())
}

/// Splits `idx` on the role: each role is its own group, and a level ("rose to 1,820",
/// [`crate::claim::LEVEL`]) joins the one other role named ("walked out"), if exactly one is;
/// else the levels stay a group of their own.
fn split_role(all: &[Claim], idx: Vec<usize>) -> BTreeMap<Option<String>, Vec<usize>> {
    let level = |r: &Option<String>| r.as_deref() == Some(crate::claim::LEVEL);
    let named = only(
        idx.iter()
            .map(|&i| &all[i].key.role)
            .filter(|r| !level(r))
            .map(Clone::clone),
    );
    let mut out: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
    for i in idx {
        let r = &all[i].key.role;
        let role = if level(r) && named.is_some() {
            named.clone()
        } else {
            r.clone()
        };
        out.entry(role).or_default().push(i);
    }
    out
}

/// Words that end the name of a place that is part of a wider one (a building, a site): a
/// figure naming no place is not joined to it, since it may be the whole ("At St Brendan's
/// Hospital, 600 nurses joined" against the board's "2,900 nurses were on strike").
const PART_PLACES: &[&str] = &[
    "hospital",
    "infirmary",
    "hospice",
    "clinic",
    "academy",
    "barracks",
    "warehouse",
    "refinery",
    "shelter",
    "hall",
    "library",
    "museum",
    "theatre",
    "cinema",
    "store",
    "yard",
    "dock",
    "docks",
    "quay",
    "school",
    "college",
    "university",
    "campus",
    "mill",
    "plant",
    "factory",
    "works",
    "mine",
    "station",
    "depot",
    "prison",
    "jail",
    "camp",
    "base",
    "stadium",
    "arena",
    "centre",
    "center",
    "church",
    "mosque",
    "temple",
    "hotel",
    "mall",
    "market",
    "tower",
    "building",
    "terminal",
    "port",
    "harbour",
    "harbor",
    "pier",
    "bridge",
    "street",
    "road",
    "square",
    "ward",
    "office",
    "court",
];

/// Whether a place names a part of a wider one (see [`PART_PLACES`]).
fn part_place(p: &str) -> bool {
    p.rsplit(' ')
        .next()
        .is_some_and(|w| PART_PLACES.contains(&w))
}

/// Splits `idx` on the place: each place named is its own group; a claim naming none joins
/// the one place named that is not a part of a wider one (a hospital, a mill:
/// [`part_place`]), when exactly one is, and otherwise stays apart. A part is never joined:
/// a figure naming no place may be the whole.
fn split_place(all: &[Claim], idx: Vec<usize>) -> BTreeMap<Option<String>, Vec<usize>> {
    // Parts are inside the wider place, so they leave it the one named.
    let one = only(
        idx.iter()
            .map(|&i| all[i].key.place.clone().filter(|p| !part_place(p))),
    );
    let mut out: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
    for i in idx {
        out.entry(all[i].key.place.clone().or(one.clone()))
            .or_default()
            .push(i);
    }
    out
}

/// Splits `idx` on one optional part of the key (`get`): each value named is its own group,
/// and the claims naming none join the only value named, if there is exactly one. With
/// `own`, not a claim whose own source names that value for another figure of the group:
/// that source told its figures apart ("Estonia got 145 points" beside "212 points").
fn split_on<T: Ord + Clone>(
    all: &[Claim],
    idx: Vec<usize>,
    own: bool,
    get: impl Fn(&ClaimKey) -> Option<T>,
) -> BTreeMap<Option<T>, Vec<usize>> {
    let one = only(idx.iter().map(|&i| get(&all[i].key)));
    let naming: BTreeSet<usize> = if own {
        idx.iter()
            .filter(|&&i| get(&all[i].key).is_some())
            .map(|&i| all[i].source)
            .collect()
    } else {
        BTreeSet::new()
    };
    let mut out: BTreeMap<Option<T>, Vec<usize>> = BTreeMap::new();
    for i in idx {
        let joined = if naming.contains(&all[i].source) {
            None
        } else {
            one.clone()
        };
        out.entry(get(&all[i].key).or(joined)).or_default().push(i);
    }
    out
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
        // The role first, then the entity, then place within it, then the weekday named
        // within a place, then time within a day.
        for (r, idx) in split_role(all, idx) {
            for (e, idx) in split_on(all, idx, true, |k| k.entity.clone()) {
                for (p, idx) in split_place(all, idx) {
                    let days = split_on(all, idx, false, |k| k.day.clone());
                    // A day tells rows apart only when two are named; else it is left out of
                    // the key, as it is once a date says which day it is.
                    let apart = days.keys().filter(|d| d.is_some()).count() > 1;
                    for (d, idx) in days {
                        for (t, idx) in split_on(all, idx, false, |k| k.time) {
                            for &i in &idx {
                                let mut key = all[i].key.clone();
                                key.role = r.clone();
                                key.entity = e.clone();
                                key.place = p.clone();
                                key.day = if apart && t.is_none() {
                                    d.clone()
                                } else {
                                    None
                                };
                                key.time = t;
                                rows.entry(key).or_default().push(i);
                            }
                        }
                    }
                }
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
        all.extend(crate::claim::claims_and_unkeyed_with(g, s, doc, qs));
    }
    let names = sources.iter().map(|(d, _)| d.name.clone()).collect();
    let dates = sources.iter().map(|(d, _)| d.date).collect();
    reconcile_claims(names, dates, all)
}

/// Reconciles claims already taken from their documents (by [`crate::claim::claims`], or read
/// back from `figcheck claims` lines): `names[c.source]` names each claim's source and
/// `dates[c.source]` gives its document date (what tells an update from a conflict). The
/// documents are no longer needed, so a caller may drop each one once its claims are taken.
/// Time is linear in the claims (plus sorting): no step looks at every pair of sources.
pub fn reconcile_claims(
    names: Vec<String>,
    dates: Vec<Option<jiff::civil::Date>>,
    all: Vec<Claim>,
) -> Reconciliation {
    // The unkeyed taken out and the others closed up in place: no second copy of every claim
    // (`Vec::extract_if` would move rather than copy them, but is past the MSRV).
    let mut all = all;
    let mut unkeyed: Vec<Claim> = Vec::new();
    all.retain(|c| {
        let keyed = !c.key.noun.is_empty();
        if !keyed {
            unkeyed.push(c.clone());
        }
        keyed
    });
    let mut rows = Vec::new();
    let mut findings = Vec::new();
    for (key, mut idx) in group(&all) {
        // By source, then position: the order claims are numbered in.
        idx.sort_by_key(|&i| (all[i].source, i));
        let mut cells: Vec<(usize, Vec<usize>)> = Vec::new();
        for i in idx {
            match cells.last_mut() {
                Some((s, v)) if *s == all[i].source => v.push(i),
                _ => cells.push((all[i].source, vec![i])),
            }
        }
        let values: Vec<SourceValue> = cells
            .iter()
            .filter_map(|(_, c)| source_value(&all, c))
            .collect();
        let (mut status, mut consensus) = compare(&values);
        if status == Status::Conflict
            && key.dimension == crate::quantity::Dimension::Count
            && let Some(latest) = update(
                &values,
                cells.iter().map(|(s, _)| dates.get(*s).copied().flatten()),
            )
        {
            status = Status::Updated;
            consensus = Some(latest);
        }
        if status == Status::Conflict {
            findings.push(conflict(&names, &all, &key, &cells, &values));
        } else if let Some(d) = vague_stretch(&names, &all, &key, &cells) {
            findings.push(d);
        }
        rows.push(Row {
            key,
            status,
            cells,
            consensus,
        });
    }
    findings.extend(accounting::notes(&names, &all, &rows));
    findings.sort_by(|a, b| {
        (&a.file, a.span, &a.code, &a.message).cmp(&(&b.file, b.span, &b.code, &b.message))
    });
    Reconciliation {
        sources: names,
        dates,
        claims: all,
        unkeyed,
        rows,
        findings,
    }
}

fn conflict(
    names: &[String],
    all: &[Claim],
    key: &ClaimKey,
    cells: &[(usize, Vec<usize>)],
    values: &[SourceValue],
) -> Diagnostic {
    // `values[k]` is what `cells[k]`'s source says (every cell holds a claim, so each has one).
    // The primary source: the one at odds with the most others; ties go to the name that sorts
    // first, so the input order never matters.
    let ivs: Vec<Interval> = values.iter().map(|v| v.interval).collect();
    let odds = disjoint_counts(&ivs);
    let primary = (0..cells.len())
        .max_by(|&a, &b| {
            odds[a]
                .cmp(&odds[b])
                .then_with(|| names[cells[b].0].cmp(&names[cells[a].0]))
                .then_with(|| cells[b].0.cmp(&cells[a].0))
        })
        .unwrap_or(0);
    let c = &all[cells[primary].1[0]];
    let unit = c.unit.as_deref();
    let pv = ivs.get(primary).copied().unwrap_or(c.interval);
    let mut others: Vec<usize> = (0..cells.len()).filter(|&k| k != primary).collect();
    others.sort_by(|&a, &b| {
        names[cells[a].0]
            .cmp(&names[cells[b].0])
            .then(cells[a].0.cmp(&cells[b].0))
    });
    let against: Vec<String> = others
        .iter()
        .filter(|&&o| !ivs[o].overlaps(&pv))
        .map(|&o| {
            let oc = &all[cells[o].1[0]];
            // Shares and rates differ by percentage points.
            let points = match (values[primary].stated, values[o].stated) {
                (Some((a, _)), Some((b, _)))
                    if matches!(
                        key.dimension,
                        crate::quantity::Dimension::Percent
                            | crate::quantity::Dimension::PercentagePoints
                    ) =>
                {
                    a.checked_sub(b)
                        .map(|d| format!(", {} percentage points apart", d.abs().normalize()))
                        .unwrap_or_default()
                }
                _ => String::new(),
            };
            format!(
                "{} in {}{points}",
                quoted(&oc.text, &ivs[o], unit),
                names[cells[o].0]
            )
        })
        .collect();
    let mut d = Diagnostic::of(
        &CONFLICT,
        &names[cells[primary].0],
        c.span,
        format!(
            "sources conflict on {}: {} here vs {}",
            key.describe(),
            quoted(&c.text, &pv, unit),
            against.join(", ")
        ),
    );
    for o in others {
        let oc = &all[cells[o].1[0]];
        let ov = ivs[o];
        let rel = if ov.overlaps(&pv) {
            "consistent with it"
        } else {
            "conflicts"
        };
        d = d.with_related(
            &names[cells[o].0],
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
    names: &[String],
    all: &[Claim],
    key: &ClaimKey,
    cells: &[(usize, Vec<usize>)],
) -> Option<Diagnostic> {
    let name = |c: &Claim| (names[c.source].as_str(), c.span);
    let shown = |c: &Claim| c.vague.unwrap_or(c.interval);
    // The claims whose interval lies lowest and highest, each with a runner-up from another
    // source: enough to tell in one step whether any other source's figure falls wholly
    // outside a vague word's range.
    let mut lowest: [Option<&Claim>; 2] = [None, None];
    let mut highest: [Option<&Claim>; 2] = [None, None];
    for c in cells.iter().flat_map(|(_, v)| v.iter().map(|&k| &all[k])) {
        keep(&mut lowest, c, |a, b| {
            high_key(&shown(a)).is_some_and(|x| high_key(&shown(b)).is_none_or(|y| x < y))
        });
        keep(&mut highest, c, |a, b| {
            low_key(&shown(a)).is_some_and(|x| low_key(&shown(b)).is_none_or(|y| x > y))
        });
    }
    fn other<'a>(pair: &[Option<&'a Claim>; 2], s: usize) -> Option<&'a Claim> {
        pair.iter().flatten().copied().find(|c| c.source != s)
    }
    let mut best: Option<&Claim> = None;
    for (s, cell) in cells {
        // The first vague word of each source stands for it.
        let Some(c) = cell.iter().map(|&k| &all[k]).find(|c| c.vague.is_some()) else {
            continue;
        };
        let Some(range) = c.vague else { continue };
        let outside = other(&lowest, *s).is_some_and(|o| below(&shown(o), &range))
            || other(&highest, *s).is_some_and(|o| below(&range, &shown(o)));
        if outside && best.is_none_or(|b| name(c) < name(b)) {
            best = Some(c);
        }
    }
    let c = best?;
    let range = c.vague?;
    let mut past: Vec<&Claim> = cells
        .iter()
        .filter(|(o, _)| *o != c.source)
        .flat_map(|(_, oc)| oc.iter().map(|&j| &all[j]))
        .filter(|o| !shown(o).overlaps(&range))
        .collect();
    past.sort_by_key(|o| name(o));
    let unit = c.unit.as_deref();
    let others: Vec<String> = past
        .iter()
        .map(|o| format!("\"{}\" in {}", o.text, names[o.source]))
        .collect();
    let mut d = Diagnostic::of(
        &VAGUE,
        &names[c.source],
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
        d = d.with_related(
            &names[o.source],
            o.span,
            format!("\"{}\" ({})", o.text, describe_interval(&shown(o), unit)),
        );
    }
    Some(d)
}

/// Keeps in `pair` the best claim by `better` and the best from a different source.
fn keep<'a>(
    pair: &mut [Option<&'a Claim>; 2],
    c: &'a Claim,
    better: impl Fn(&Claim, &Claim) -> bool,
) {
    match pair[0] {
        None => pair[0] = Some(c),
        Some(b) if better(c, b) => {
            if b.source != c.source {
                pair[1] = Some(b);
            }
            pair[0] = Some(c);
        }
        Some(b) => {
            if c.source != b.source && pair[1].is_none_or(|r| better(c, r)) {
                pair[1] = Some(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::source::Format;
    use proptest::prelude::*;

    fn interval() -> impl Strategy<Value = Interval> {
        (
            proptest::option::of(-4i64..5),
            proptest::option::of(0i64..5),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(lo, width, lo_open, hi_open)| {
                let low = lo.map(Decimal::from);
                let high = width.map(|w| Decimal::from(lo.unwrap_or(0) + w));
                Interval {
                    low,
                    high,
                    low_open: lo_open && low.is_some(),
                    high_open: hi_open && high.is_some(),
                }
            })
            .prop_filter("non-empty", |iv| !iv.is_empty())
    }

    proptest! {
        // The one-pass tests say what the pairwise definitions say.
        #[test]
        fn one_pass_comparison_equals_every_pair(ivs in proptest::collection::vec(interval(), 1..7)) {
            let values: Vec<SourceValue> =
                ivs.iter().map(|&interval| SourceValue { interval, stated: None }).collect();
            let pairwise_conflict = ivs
                .iter()
                .enumerate()
                .any(|(a, x)| ivs[a + 1..].iter().any(|y| !x.overlaps(y)));
            prop_assert_eq!(compare(&values).0 == Status::Conflict, pairwise_conflict);
            let counts = disjoint_counts(&ivs);
            for (a, x) in ivs.iter().enumerate() {
                let n = ivs.iter().filter(|y| !x.overlaps(y)).count();
                prop_assert_eq!(counts[a], n);
                for y in &ivs {
                    prop_assert_eq!(below(x, y) || below(y, x), !x.overlaps(y));
                }
            }
        }
    }

    fn src(name: &str, body: &str) -> (Document, Vec<Quantity>) {
        let text = format!("---\ndate: 2026-01-30\n---\n{body}\n");
        let d = Document::from_text(name, text, Format::Markdown).unwrap();
        let qs = crate::extract(&d);
        (d, qs)
    }

    fn dated(name: &str, date: &str, body: &str) -> (Document, Vec<Quantity>) {
        let text = format!("---\ndate: {date}\n---\n{body}\n");
        let d = Document::from_text(name, text, Format::Markdown).unwrap();
        let qs = crate::extract(&d);
        (d, qs)
    }

    fn status_of(r: &Reconciliation, noun: &str) -> Status {
        r.rows
            .iter()
            .find(|row| row.key.noun == noun)
            .unwrap_or_else(|| panic!("no {noun} row in {:#?}", r.rows))
            .status
    }

    fn roles_of(body: &str) -> Vec<(String, Option<String>)> {
        let (d, qs) = src("r.md", body);
        crate::claim::claims(0, &d, &qs)
            .into_iter()
            .map(|c| (c.key.noun, c.key.role))
            .collect()
    }

    fn role(noun: &str, role: &str) -> (String, Option<String>) {
        (noun.to_string(), Some(role.to_string()))
    }

    #[test]
    fn one_site_is_kept_apart_from_the_whole_but_a_region_is_joined() {
        // A part (an infirmary) against a figure naming no place: two rows, no conflict.
        let a = src("a.md", "At Kelso Infirmary, 310 porters walked out.");
        let b = src("b.md", "The trust said 1,450 porters walked out.");
        let r = reconcile(&[a.clone(), b.clone()]);
        assert_eq!(r.rows.len(), 2, "{:#?}", r.rows);
        assert!(r.findings.is_empty(), "{:#?}", r.findings);
        let kelso = r.rows.iter().find(|x| x.key.place.is_some()).unwrap();
        assert_eq!(kelso.key.place.as_deref(), Some("kelso infirmary"));
        // A region is the event's place: the figure naming none joins it.
        let c = src("c.md", "In total 1,450 porters walked out in Avonmere.");
        let d = src("d.md", "Exactly 1,450 porters walked out across Avonmere.");
        let r = reconcile(&[b.clone(), d]);
        assert_eq!(r.rows.len(), 1, "{:#?}", r.rows);
        assert_eq!(r.rows[0].status, Status::Agree);
        // A total is a scope of its own and never meets the bare figure.
        let r = reconcile(&[b, c]);
        assert_eq!(r.rows.len(), 2, "{:#?}", r.rows);
        // With the part beside the region, the region is still the one place named.
        let e = src("e.md", "1,450 porters walked out in Avonmere.");
        let r = reconcile(&[a, e, src("f.md", "Some 1,450 porters walked out.")]);
        assert_eq!(r.rows.len(), 2, "{:#?}", r.rows);
        assert!(r.findings.is_empty(), "{:#?}", r.findings);
    }

    #[test]
    fn a_level_joins_the_one_role_of_its_noun_as_an_update() {
        let a2 = dated("a.md", "2026-03-02", "Some 1,800 dockers walked out.");
        let b = dated(
            "b.md",
            "2026-03-03",
            "The number of dockers out rose to 1,820, the union said.",
        );
        let c = dated("c.md", "2026-03-02", "Exactly 1,800 dockers walked out.");
        let r = reconcile(&[c.clone(), b.clone()]);
        assert_eq!(r.rows.len(), 1, "{:#?}", r.rows);
        assert_eq!(r.rows[0].key.role.as_deref(), Some("walk out"));
        assert_eq!(r.rows[0].status, Status::Updated);
        // A hedged earlier figure that allows 1,820 is consistent.
        let r = reconcile(&[a2, b.clone()]);
        assert_eq!(r.rows.len(), 1, "{:#?}", r.rows);
        assert_eq!(r.rows[0].status, Status::Consistent);
        // Two roles named: the level cannot tell which, and stays a row of its own.
        let d = dated("d.md", "2026-03-02", "The port laid off 300 dockers.");
        let r = reconcile(&[c, b, d]);
        assert_eq!(r.rows.len(), 3, "{:#?}", r.rows);
        assert!(
            r.rows
                .iter()
                .any(|x| x.key.role.as_deref() == Some(crate::claim::LEVEL))
        );
    }

    #[test]
    fn synonym_roles_meet() {
        for (a, b) in [
            (
                "Lifeguards rescued 14 swimmers.",
                "Lifeguards pulled 14 swimmers from the surf.",
            ),
            (
                "Exactly 1,900 cyclists crossed the finish line.",
                "Exactly 1,900 cyclists finished.",
            ),
            (
                "Some 700 miners went on strike.",
                "Some 700 miners walked out.",
            ),
            (
                "The council shut 12 libraries.",
                "The council closed 12 libraries.",
            ),
            ("The storm razed 64 barns.", "The storm destroyed 64 barns."),
        ] {
            let r = reconcile(&[src("a.md", a), src("b.md", b)]);
            assert_eq!(r.rows.len(), 1, "{a} / {b}: {:#?}", r.rows);
            assert_ne!(r.rows[0].status, Status::Conflict, "{a} / {b}");
        }
    }

    #[test]
    fn a_toll_is_deaths_and_destroyed_buildings_are_not_downed() {
        // A role word elsewhere in the clause ("fire", "launched") is not what a toll counts.
        assert_eq!(
            roles_of("The death toll from the rocket fire rose to 23 on Friday."),
            [role("death", "killed")]
        );
        assert_eq!(
            roles_of("Quake toll climbs to 23."),
            [role("death", "killed")]
        );
        assert_eq!(
            roles_of("The toll from the missiles launched on Friday rose to 9."),
            [role("death", "killed")]
        );
        assert_eq!(
            roles_of("The blaze destroyed 41 barns."),
            [role("barn", "destroyed")]
        );
        assert_eq!(
            roles_of("Air defences destroyed 12 missiles."),
            [role("missile", "downed")]
        );
    }

    #[test]
    fn since_it_started_is_the_event_itself_but_since_another_moment_is_a_scope() {
        let a = src(
            "a.md",
            "The blaze has burned 5,000 hectares since it started on Friday.",
        );
        let b = src("b.md", "The blaze has burned 5,000 hectares.");
        let r = reconcile(&[a, b.clone()]);
        assert_eq!(r.rows.len(), 1, "{:#?}", r.rows);
        assert_eq!(r.rows[0].key.scope, None);
        assert_eq!(r.rows[0].status, Status::Agree);
        let c = src(
            "c.md",
            "Fires have burned 5,000 hectares since the season began.",
        );
        let r = reconcile(&[c, b]);
        assert_eq!(r.rows.len(), 2, "{:#?}", r.rows);
    }

    #[test]
    fn a_toll_that_grows_from_report_to_report_is_an_update() {
        let monday = "The landslide killed 12 villagers, rescuers said.";
        let tuesday = "The landslide killed 31 villagers, rescuers said.";
        let r = reconcile(&[
            dated("a.md", "2026-09-14", monday),
            dated("b.md", "2026-09-15", tuesday),
        ]);
        assert_eq!(status_of(&r, "villager"), Status::Updated);
        assert!(
            r.findings.iter().all(|d| d.code != CONFLICT.code),
            "{:#?}",
            r.findings
        );
        // The order of the sources does not matter; the dates do.
        let r = reconcile(&[
            dated("b.md", "2026-09-15", tuesday),
            dated("a.md", "2026-09-14", monday),
        ]);
        assert_eq!(status_of(&r, "villager"), Status::Updated);
        // A later, lower toll is a conflict; so are two tolls of one date, or undated ones.
        let r = reconcile(&[
            dated("a.md", "2026-09-14", monday),
            dated("b.md", "2026-09-14", tuesday),
        ]);
        assert_eq!(status_of(&r, "villager"), Status::Conflict);
        let r = reconcile(&[
            dated("a.md", "2026-09-15", monday),
            dated("b.md", "2026-09-14", tuesday),
        ]);
        assert_eq!(status_of(&r, "villager"), Status::Conflict);
        assert!(r.findings.iter().any(|d| d.code == CONFLICT.code));
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
            .filter(|d| d.code == accounting::ACCOUNTING.code)
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
            assert!(r.findings.iter().all(|f| f.code != CONFLICT.code));
        }
    }
}
