//! Properties of the gate's library parts on arbitrary drafts: suppressions never invent or
//! lose findings, baselines accept exactly what they recorded, a ledger diff of a draft with
//! itself is empty, and nothing panics.

use figcheck::baseline::Baseline;
use figcheck::{Diagnostic, Document, Format, Severity, Span, ledger, suppress};
use proptest::prelude::*;

/// Drafts made of prose pieces, figures and suppression comments (well-formed or not).
fn draft() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("It was 100 km (60 miles) long. ".to_string()),
        Just("Russia launched 111 drones and 80 were downed.".to_string()),
        Just("\n\n".to_string()),
        Just("<!-- figcheck-ignore conversion: checked -->\n".to_string()),
        Just("<!-- figcheck-ignore-file total -->".to_string()),
        Just("<!-- figcheck-ignore".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        "[a-zé0-9 .,:<>!-]{0,20}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

fn findings(doc: &Document, seeds: &[(usize, usize, bool)]) -> Vec<Diagnostic> {
    let n = doc.text.len().max(1);
    seeds
        .iter()
        .map(|&(a, len, conv)| {
            let start = a % n;
            let code = if conv { "conversion" } else { "total" };
            Diagnostic::new(
                code,
                Severity::Error,
                &doc.name,
                Span::new(start, (start + len).min(doc.text.len())),
                "m",
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn suppressions_partition_the_findings(
        text in draft(),
        html in any::<bool>(),
        seeds in prop::collection::vec((any::<usize>(), 0usize..8, any::<bool>()), 0..8),
    ) {
        let (name, fmt) = if html { ("d.html", Format::Html) } else { ("d.md", Format::Markdown) };
        let doc = Document::from_text(name, text, fmt).unwrap();
        let ds = findings(&doc, &seeds);
        let o = suppress::apply(&doc, ds.clone());
        // Every finding is either kept (unchanged, in order) or silenced.
        prop_assert_eq!(o.kept.len() + o.silenced, ds.len());
        let mut it = ds.iter();
        for k in &o.kept {
            prop_assert!(it.any(|d| d == k));
        }
        // A finding is silenced exactly when a suppression naming its rule covers its start.
        let sups = suppress::parse(&doc);
        let covered = |d: &Diagnostic| {
            sups.iter().any(|s| {
                s.rules.contains(&d.code) && s.scope.start <= d.span.start && d.span.start < s.scope.end
            })
        };
        prop_assert_eq!(o.silenced, ds.iter().filter(|d| covered(d)).count());
        prop_assert!(o.kept.iter().all(|d| !covered(d)));
        // The gate's own findings are about suppression comments, inside the text.
        for d in &o.own {
            prop_assert!(d.code == suppress::UNUSED.code || d.code == suppress::NO_REASON.code);
            prop_assert!(doc.text[d.span.start..d.span.end].starts_with("<!--"));
        }
    }

    #[test]
    fn a_baseline_accepts_what_it_recorded(
        text in draft(),
        seeds in prop::collection::vec((any::<usize>(), 0usize..8, any::<bool>()), 0..8),
    ) {
        let doc = Document::from_text("d.md", text, Format::Markdown).unwrap();
        let ds = findings(&doc, &seeds);
        let b = Baseline::parse(&Baseline::record(&[(&doc, ds.clone())]).to_json()).unwrap();
        let (kept, matched) = b.filter(&doc, ds.clone());
        prop_assert!(kept.is_empty());
        prop_assert_eq!(matched, ds.len());
    }

    #[test]
    fn a_draft_has_no_figure_changes_against_itself(text in draft()) {
        let doc = Document::from_text("d.md", text, Format::Markdown).unwrap();
        let e = ledger::entries(&doc, &figcheck::extract(&doc));
        prop_assert!(ledger::diff(&e, &e).is_empty());
        let rendered = ledger::render("d.md", &e);
        prop_assert_eq!(rendered.lines().count(), e.len() + 2);
    }
}
