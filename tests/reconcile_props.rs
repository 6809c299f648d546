//! Properties of `reconcile` over small drafts generated from templates.
//!
//! - The order of the sources never changes the result.
//! - A source reconciled with a copy of itself shows no conflict.
//! - Restating figures in another unit, correctly rounded, never makes a conflict (it agrees).
//! - Changing one figure beyond its precision in one of two agreeing sources always makes a
//!   conflict on that figure.

use figcheck::reconcile::{Reconciliation, Status};
use figcheck::{Document, Format, Quantity, reconcile};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// The figures one draft carries. Measures are in tenths, with a non-zero last digit so the
/// written precision is always one tenth.
#[derive(Debug, Clone, Copy)]
struct Figs {
    launched: u32,
    downed: u32,
    killed: u32,
    temp_tenths: i32,
    dist_tenths: u32,
    until_day: u32,
}

fn tenths(t: i64) -> String {
    let sign = if t < 0 { "−" } else { "" };
    let a = t.unsigned_abs();
    format!("{sign}{}.{}", a / 10, a % 10)
}

/// Rounds `v` to one decimal place and writes it as tenths.
fn round_tenths(v: Decimal) -> i64 {
    let r = (v * Decimal::TEN).round();
    r.try_into().unwrap_or(0)
}

/// A draft in metric units, or with the measures restated in miles and °F.
fn draft(f: &Figs, imperial: bool) -> String {
    let (temp, dist) = if imperial {
        let c = Decimal::new(i64::from(f.temp_tenths), 1);
        let fahrenheit = c * Decimal::from(9) / Decimal::from(5) + Decimal::from(32);
        let km = Decimal::new(i64::from(f.dist_tenths), 1);
        let miles = km / Decimal::new(1_609_344, 6);
        (
            format!("{} °F", tenths(round_tenths(fahrenheit))),
            format!("{} miles", tenths(round_tenths(miles))),
        )
    } else {
        (
            format!("{} °C", tenths(i64::from(f.temp_tenths))),
            format!("{} km", tenths(i64::from(f.dist_tenths))),
        )
    };
    format!(
        "---\ndate: 2026-01-30\n---\n\
         Russia launched {} drones overnight, the air force said.\n\n\
         Air defences downed {} drones overnight.\n\n\
         {} people were killed in Kharkiv on Thursday.\n\n\
         Temperatures in Kharkiv fell to {temp} on Thursday.\n\n\
         The convoy travelled {dist} on Thursday.\n\n\
         Russia agreed to halt strikes until February {}.\n",
        f.launched, f.downed, f.killed, f.until_day
    )
}

fn source(name: &str, text: String) -> (Document, Vec<Quantity>) {
    let d = Document::from_text(name, text, Format::Markdown).expect("drafts are valid");
    let qs = figcheck::extract(&d);
    (d, qs)
}

fn nonzero_tenth(t: i64) -> i64 {
    if t % 10 == 0 { t + 1 } else { t }
}

fn figs() -> impl Strategy<Value = Figs> {
    (
        2u32..1000,
        2u32..1000,
        2u32..60,
        -300i32..300,
        11u32..5000,
        2u32..27,
    )
        .prop_map(|(launched, downed, killed, t, d, until_day)| Figs {
            launched,
            downed,
            killed,
            temp_tenths: nonzero_tenth(i64::from(t)) as i32,
            dist_tenths: nonzero_tenth(i64::from(d)) as u32,
            until_day,
        })
}

/// The result with the sources' order taken out: rows as (key, status, the (file, span) of
/// every value), findings as their fields, all sorted.
fn canonical(r: &Reconciliation) -> (Vec<String>, Vec<String>) {
    let mut rows: Vec<String> = r
        .rows
        .iter()
        .map(|row| {
            let mut vals: Vec<String> = row
                .claims()
                .map(|i| {
                    let c = &r.claims[i];
                    format!("{}@{}..{}", r.sources[c.source], c.span.start, c.span.end)
                })
                .collect();
            vals.sort();
            format!(
                "{:?} {:?} {:?} {vals:?}",
                row.key, row.status, row.consensus
            )
        })
        .collect();
    rows.sort();
    let mut findings: Vec<String> = r.findings.iter().map(|d| format!("{d:?}")).collect();
    findings.sort();
    (rows, findings)
}

fn status_of(r: &Reconciliation, noun: &str, role: Option<&str>) -> Vec<Status> {
    r.rows
        .iter()
        .filter(|row| row.key.noun == noun && row.key.role.as_deref() == role)
        .map(|row| row.status)
        .collect()
}

fn conflicts(r: &Reconciliation) -> usize {
    r.rows
        .iter()
        .filter(|row| row.status == Status::Conflict)
        .count()
        + r.findings
            .iter()
            .filter(|d| d.code == "reconcile-conflict")
            .count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn order_of_sources_never_changes_the_result(
        a in figs(), b in figs(), c in figs(), imperial in any::<bool>(), rot in 1usize..3,
    ) {
        let mut srcs = vec![
            source("a.md", draft(&a, false)),
            source("b.md", draft(&b, imperial)),
            source("c.md", draft(&c, false)),
        ];
        let first = canonical(&reconcile(&srcs));
        srcs.rotate_left(rot);
        prop_assert_eq!(&first, &canonical(&reconcile(&srcs)));
        srcs.reverse();
        prop_assert_eq!(&first, &canonical(&reconcile(&srcs)));
    }

    #[test]
    fn a_copy_of_a_source_never_conflicts(f in figs(), imperial in any::<bool>()) {
        let text = draft(&f, imperial);
        let r = reconcile(&[source("a.md", text.clone()), source("copy.md", text)]);
        prop_assert_eq!(conflicts(&r), 0, "{:?}", r.findings);
        prop_assert_eq!(status_of(&r, "drone", Some("launched")), vec![Status::Agree]);
    }

    #[test]
    fn a_correct_unit_restatement_agrees(f in figs()) {
        let r = reconcile(&[
            source("metric.md", draft(&f, false)),
            source("imperial.md", draft(&f, true)),
        ]);
        prop_assert_eq!(conflicts(&r), 0, "{:?}", r.findings);
        prop_assert_eq!(status_of(&r, "temperature", None), vec![Status::Agree]);
        prop_assert_eq!(status_of(&r, "length", None), vec![Status::Agree]);
    }

    #[test]
    fn changing_a_figure_beyond_its_precision_makes_a_conflict(
        f in figs(), which in 0usize..6, steps in 2i64..40, up in any::<bool>(),
    ) {
        let d = if up { steps } else { -steps };
        let mut g = f;
        let (noun, role) = match which {
            0 => { g.launched = (i64::from(f.launched) + d).max(2) as u32; ("drone", Some("launched")) }
            1 => { g.downed = (i64::from(f.downed) + d).max(2) as u32; ("drone", Some("downed")) }
            2 => { g.killed = (i64::from(f.killed) + d).max(2) as u32; ("person", Some("killed")) }
            3 => {
                g.temp_tenths = nonzero_tenth(i64::from(f.temp_tenths) + d) as i32;
                ("temperature", None)
            }
            4 => {
                g.dist_tenths = nonzero_tenth((i64::from(f.dist_tenths) + d).max(11)) as u32;
                ("length", None)
            }
            _ => { g.until_day = (i64::from(f.until_day) + d).clamp(1, 28) as u32; ("pause", Some("until")) }
        };
        // Clamping can undo a change; those cases say nothing.
        prop_assume!(format!("{f:?}") != format!("{g:?}"));
        let steps_apart = match which {
            0 => i64::from(f.launched).abs_diff(i64::from(g.launched)),
            1 => i64::from(f.downed).abs_diff(i64::from(g.downed)),
            2 => i64::from(f.killed).abs_diff(i64::from(g.killed)),
            3 => i64::from(f.temp_tenths).abs_diff(i64::from(g.temp_tenths)),
            4 => i64::from(f.dist_tenths).abs_diff(i64::from(g.dist_tenths)),
            _ => i64::from(f.until_day).abs_diff(i64::from(g.until_day)),
        };
        // Counts and dates are exact: one step is beyond. Measures: more than one step apart.
        prop_assume!(which == 2 || which == 0 || which == 1 || which == 5 || steps_apart >= 2);
        let r = reconcile(&[source("a.md", draft(&f, false)), source("b.md", draft(&g, false))]);
        prop_assert_eq!(status_of(&r, noun, role), vec![Status::Conflict], "{:?}", r.rows);
        prop_assert_eq!(
            r.findings.iter().filter(|d| d.code == "reconcile-conflict").count(),
            1,
            "{:?}",
            r.findings
        );
    }
}

const FRAGMENTS: &[&str] = &[
    "until",
    "at least",
    "February 1",
    "Feb. 1",
    "−15 °C",
    "(",
    ")",
    "drones",
    "launched",
    "downed",
    "struck",
    "overnight",
    "in Kyiv",
    "several",
    "dozens of",
    "more than",
    "111",
    "80",
    "25",
    "ёжик",
    "—",
    ",",
    ".",
    "\n\n",
    "forecast",
    "will",
    "pause",
    "not",
    "on Friday",
    "62 miles",
    "100 km",
    "minus 4 °F",
    "people were killed",
    "Thursday",
    "’s",
    "🙂",
    "1,000",
    "fewer than 30",
    "3.1 million",
    "halt strikes",
    "the night",
    "79228162514264337593543950335 drones",
    "−79228162514264337593543950335 °F",
    "launched 99999999999999999999999999999 drones",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any text, however garbled, reconciles without a panic, and every claim's span lies
    /// inside its file on character boundaries.
    #[test]
    fn never_panics_and_spans_stay_in_the_file(
        picks in proptest::collection::vec(0usize..FRAGMENTS.len(), 0..60),
        noise in "\\PC{0,80}",
        f in figs(),
    ) {
        let mut text: String = picks.iter().map(|&k| FRAGMENTS[k]).collect::<Vec<_>>().join(" ");
        text.push_str(&noise);
        let srcs = [source("x.md", text.clone()), source("y.txt", draft(&f, false)), source("z.txt", text)];
        let r = reconcile(&srcs);
        for c in &r.claims {
            let t = &srcs[c.source].0.text;
            prop_assert!(t.get(c.span.start..c.span.end).is_some(), "{:?}", c.span);
        }
        // The same text twice never conflicts with itself.
        prop_assert!(r.findings.iter().all(|d| d.code != "reconcile-conflict"
            || !(d.file == "x.md" && d.related.iter().all(|x| x.file == "z.txt"))));
    }
}

/// A ballot report: two parties' vote shares and the turnout, in tenths of a percent (the
/// last digit non-zero, so the written precision is always one tenth).
#[derive(Debug, Clone, Copy)]
struct Ballot {
    parties: (usize, usize),
    shares: (u32, u32),
    turnout: u32,
}

const PARTIES: &[&str] = &[
    "Lantern Party",
    "Orchard Alliance",
    "Tidewater League",
    "Granite Bloc",
];

fn ballot_text(b: &Ballot) -> String {
    let t = |x: u32| tenths(i64::from(x));
    format!(
        "---\ndate: 2026-06-08\n---\n\
         The {} won {}% of the vote, while the {} won {}% of the vote.\n\n\
         Turnout was {}%.\n",
        PARTIES[b.parties.0],
        t(b.shares.0),
        PARTIES[b.parties.1],
        t(b.shares.1),
        t(b.turnout)
    )
}

fn ballot() -> impl Strategy<Value = Ballot> {
    (0usize..4, 1usize..4, 11u32..600, 11u32..600, 200u32..900).prop_map(|(a, k, x, y, t)| {
        let nz = |v: u32| nonzero_tenth(i64::from(v)) as u32;
        Ballot {
            parties: (a, (a + k) % 4),
            shares: (nz(x), nz(y)),
            turnout: nz(t),
        }
    })
}

/// The vote-share rows as (entity, status).
fn shares(r: &Reconciliation) -> Vec<(String, Status)> {
    r.rows
        .iter()
        .filter(|row| row.key.noun == "vote share")
        .map(|row| (row.key.entity.clone().unwrap_or_default(), row.status))
        .collect()
}

fn party_key(k: usize) -> String {
    PARTIES[k].to_lowercase()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn shares_keep_parties_apart_and_order_never_matters(
        a in ballot(), b in ballot(), rot in 1usize..3,
    ) {
        let mut srcs = vec![
            source("a.md", ballot_text(&a)),
            source("b.md", ballot_text(&b)),
            source("c.md", ballot_text(&a)),
        ];
        let r = reconcile(&srcs);
        // Every row of vote shares belongs to one party, and the parties named are those of
        // the drafts.
        let mut named: Vec<String> = [a.parties.0, a.parties.1, b.parties.0, b.parties.1]
            .iter()
            .map(|&k| party_key(k))
            .collect();
        named.sort();
        named.dedup();
        let mut got: Vec<String> = shares(&r).into_iter().map(|(e, _)| e).collect();
        got.sort();
        prop_assert_eq!(got, named);
        let first = canonical(&r);
        srcs.rotate_left(rot);
        prop_assert_eq!(&first, &canonical(&reconcile(&srcs)));
    }

    #[test]
    fn a_copy_of_a_ballot_agrees_party_by_party(b in ballot()) {
        let text = ballot_text(&b);
        let r = reconcile(&[source("a.md", text.clone()), source("copy.md", text)]);
        prop_assert_eq!(conflicts(&r), 0, "{:?}", r.findings);
        prop_assert_eq!(shares(&r).len(), 2);
        prop_assert!(shares(&r).iter().all(|(_, s)| *s == Status::Agree));
        prop_assert_eq!(status_of(&r, "turnout", None), vec![Status::Agree]);
    }

    #[test]
    fn a_share_changed_beyond_its_precision_conflicts_for_that_party_only(
        b in ballot(), steps in 1i64..50, up in any::<bool>(), first in any::<bool>(),
    ) {
        let d = if up { steps } else { -steps };
        let mut c = b;
        let moved = |x: u32| nonzero_tenth((i64::from(x) + d).max(11)) as u32;
        if first { c.shares.0 = moved(b.shares.0) } else { c.shares.1 = moved(b.shares.1) }
        // Even one tenth apart, both written to a tenth, is a conflict: the precision
        // intervals [x − 0.05, x + 0.05] of 3.8 and 3.9 only touch, and their ends are
        // excluded. A move clamped back onto the old figure says nothing.
        let (old, new) = if first { (b.shares.0, c.shares.0) } else { (b.shares.1, c.shares.1) };
        prop_assume!(old != new);
        let r = reconcile(&[source("a.md", ballot_text(&b)), source("b.md", ballot_text(&c))]);
        let changed = party_key(if first { b.parties.0 } else { b.parties.1 });
        for (e, s) in shares(&r) {
            let want = if e == changed { Status::Conflict } else { Status::Agree };
            prop_assert_eq!(s, want, "{} in {:?}", e, shares(&r));
        }
        let m: Vec<&String> = r
            .findings
            .iter()
            .filter(|f| f.code == "reconcile-conflict")
            .map(|f| &f.message)
            .collect();
        prop_assert_eq!(m.len(), 1);
        prop_assert!(m[0].contains("percentage points apart"), "{}", m[0]);
    }

    #[test]
    fn a_toll_that_only_grows_across_report_dates_is_an_update(
        tolls in proptest::collection::vec(2u32..500, 2..5), lower in any::<bool>(),
    ) {
        // One report a day, each stating the toll of the same event; sorted, the tolls grow.
        let mut tolls = tolls;
        tolls.sort_unstable();
        tolls.dedup();
        prop_assume!(tolls.len() >= 2);
        if lower {
            // The latest report's toll falls below an earlier one's: a conflict.
            let n = tolls.len();
            tolls.swap(n - 2, n - 1);
        }
        let srcs: Vec<(Document, Vec<Quantity>)> = tolls
            .iter()
            .enumerate()
            .map(|(k, n)| {
                source(
                    &format!("day{k}.md"),
                    format!(
                        "---\ndate: 2026-10-{:02}\n---\nThe ferry capsizing killed {n} passengers, the coastguard said.\n",
                        k + 3
                    ),
                )
            })
            .collect();
        let r = reconcile(&srcs);
        let want = if lower { Status::Conflict } else { Status::Updated };
        prop_assert_eq!(status_of(&r, "passenger", Some("killed")), vec![want]);
    }
}
