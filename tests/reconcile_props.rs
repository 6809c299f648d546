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
