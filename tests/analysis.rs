//! Properties of the document analysis: tokens tile the text, plain text and Markdown with the
//! same prose read the same, and character references map every span back to the file.

use figcheck::analysis::TokenKind;
use figcheck::{Analysis, Document, Format, Quantity};
use proptest::prelude::*;

fn doc(name: &str, text: &str, f: Format) -> Document {
    Document::from_text(name, text.to_string(), f).unwrap()
}

/// Tokens are non-empty, in order, contiguous from 0 to the file's length, and each one's text
/// is what the document's prose reads over its span.
fn check_tiling(d: &Document, a: &Analysis<'_>) -> Result<(), TestCaseError> {
    let mut at = 0;
    let mut read = String::new();
    for t in a.tokens() {
        let s = t.span();
        prop_assert_eq!(s.start, at, "gap or overlap before {:?}", s);
        prop_assert!(s.end > s.start, "empty token at {}", s.start);
        prop_assert!(d.text.is_char_boundary(s.start) && d.text.is_char_boundary(s.end));
        prop_assert_eq!(a.text(t), d.prose_of(s.start, s.end));
        read.push_str(a.text(t));
        at = s.end;
    }
    prop_assert_eq!(at, d.text.len());
    // Together they read the whole reading, in order.
    prop_assert_eq!(read.as_str(), d.reading_text());
    Ok(())
}

/// Sentences are the document's and every quantity's sentence holds it.
fn check_sentences(d: &Document, a: &Analysis<'_>) -> Result<(), TestCaseError> {
    let spans: Vec<_> = a.sentences.iter().map(|s| s.span).collect();
    prop_assert_eq!(spans, d.sentences());
    for s in &a.sentences {
        for t in &a.tokens()[s.tokens.clone()] {
            prop_assert!(t.span().overlaps(&s.span));
        }
        for c in &a.clauses[s.clauses.clone()] {
            prop_assert!(c.span.start >= s.span.start && c.span.end <= s.span.end);
        }
    }
    Ok(())
}

fn prose_text() -> impl Strategy<Value = String> {
    // Words, figures, stops, commas, brackets, spaces, line breaks and non-ASCII letters and
    // spaces, in any order.
    let piece = prop_oneof![
        Just("drones".to_string()),
        Just("The".to_string()),
        Just("Women".to_string()),
        Just("sold".to_string()),
        Just("Kyiv’s".to_string()),
        Just("don't".to_string()),
        Just("3,100".to_string()),
        Just("2.5".to_string()),
        Just("12".to_string()),
        Just("km".to_string()),
        Just("°C".to_string()),
        Just("%".to_string()),
        Just("€".to_string()),
        Just(". ".to_string()),
        Just(", ".to_string()),
        Just("; ".to_string()),
        Just(" (".to_string()),
        Just(") ".to_string()),
        Just(" — ".to_string()),
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\u{a0}".to_string()),
        Just("Ünïcødé".to_string()),
        Just("İstanbul".to_string()),
        "[a-zA-Z]{1,8}",
        "[0-9]{1,5}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tokens_tile_any_text(text in any::<String>()) {
        // The tokenizer alone tiles any string.
        let mut at = 0;
        for (s, e, _) in figcheck::analysis::tokenize(&text) {
            prop_assert_eq!(s, at);
            prop_assert!(e > s);
            at = e;
        }
        prop_assert_eq!(at, text.len());
        for f in [Format::Text, Format::Markdown, Format::Html] {
            let d = doc("d", &text, f);
            let qs = figcheck::extract(&d);
            let a = Analysis::new(&d, &qs);
            check_tiling(&d, &a)?;
            check_sentences(&d, &a)?;
        }
    }

    #[test]
    fn tokens_tile_prose(text in prose_text()) {
        for f in [Format::Text, Format::Markdown, Format::Html] {
            let d = doc("d", &text, f);
            let qs = figcheck::extract(&d);
            let a = Analysis::new(&d, &qs);
            check_tiling(&d, &a)?;
            check_sentences(&d, &a)?;
            // Kinds hold what they say.
            for t in a.tokens() {
                let s = a.text(t);
                match t.kind {
                    TokenKind::Space => prop_assert!(s.chars().all(char::is_whitespace) && !s.contains('\n')),
                    TokenKind::Break => prop_assert!(s.chars().all(char::is_whitespace) && s.contains('\n')),
                    TokenKind::Number => prop_assert!(s.starts_with(|c: char| c.is_ascii_digit())),
                    TokenKind::Word => {
                        prop_assert!(s.starts_with(char::is_alphanumeric));
                        prop_assert_eq!(a.lower(t), s.to_lowercase());
                    }
                    TokenKind::Punct => prop_assert_eq!(s.chars().count(), 1),
                }
            }
        }
    }

    #[test]
    fn text_and_markdown_with_the_same_prose_read_the_same(
        paras in prop::collection::vec(
            prop::collection::vec(
                prop_oneof![
                    Just("Crews"), Just("cleared"), Just("12"), Just("roads"), Just("3,100"),
                    Just("drones"), Just("about"), Just("40 km"), Just("(25 miles)"), Just("were"),
                    Just("sold,"), Just("for"), Just("€5 million"), Just("on Friday"), Just("rose 5%"),
                    Just("from 200 to 220"), Just("people."), Just("Officials"), Just("said;"),
                ],
                1..12,
            ),
            1..4,
        ),
    ) {
        // Paragraphs that start with a capital word, so no line reads as Markdown markup.
        let text = paras
            .iter()
            .map(|p| format!("Officials {}.", p.join(" ")))
            .collect::<Vec<_>>()
            .join("\n\n");
        let t = doc("d.txt", &text, Format::Text);
        let m = doc("d.md", &text, Format::Markdown);
        // The prose differs only in white space (Markdown marks a block's end with one line
        // break and blanks the rest), so the analyses differ only in their space tokens.
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(squash(&t.prose), squash(&m.prose));
        let (qt, qm) = (figcheck::extract(&t), figcheck::extract(&m));
        prop_assert_eq!(&qt, &qm);
        let (at, am) = (Analysis::new(&t, &qt), Analysis::new(&m, &qm));
        let solid = |a: &Analysis<'_>| -> Vec<_> {
            a.tokens()
                .iter()
                .filter(|t| !t.is_space())
                .map(|t| (t.span(), t.kind, a.lower(t).to_string(), a.lemma(t).to_string(), a.pos(t)))
                .collect()
        };
        prop_assert_eq!(solid(&at), solid(&am));
        // The same sentences and clauses, up to white space at their ends.
        let trimmed = |a: &Analysis<'_>, s: figcheck::Span| squash(a.doc.prose_of(s.start, s.end));
        prop_assert_eq!(at.sentences.len(), am.sentences.len());
        for (x, y) in at.sentences.iter().zip(&am.sentences) {
            prop_assert_eq!(trimmed(&at, x.span), trimmed(&am, y.span));
            prop_assert_eq!(x.span.start, y.span.start);
            let cx: Vec<String> = at.clauses[x.clauses.clone()].iter().map(|c| trimmed(&at, c.span)).collect();
            let cy: Vec<String> = am.clauses[y.clauses.clone()].iter().map(|c| trimmed(&am, c.span)).collect();
            prop_assert_eq!(cx, cy);
        }
    }

    #[test]
    fn character_references_map_every_span_back_to_the_file(
        parts in prop::collection::vec(
            prop_oneof![
                Just(("Temperatures fell to ", "Temperatures fell to ")),
                Just(("&minus;8", "−8")),
                Just(("&#8722;12", "−12")),
                Just(("&#x2212;3", "−3")),
                Just((" &deg;C", " °C")),
                Just(("&nbsp;", "\u{a0}")),
                Just(("200&nbsp;mm", "200\u{a0}mm")),
                Just(("&euro;5 million", "€5 million")),
                Just((" (6 inches)", " (6 inches)")),
                Just((" and ", " and ")),
                Just(("&amp;", "&")),
                Just((". Then ", ". Then ")),
                Just((" 40 drones", " 40 drones")),
            ],
            1..14,
        ),
    ) {
        let html: String = parts.iter().map(|p| p.0).collect();
        let plain: String = parts.iter().map(|p| p.1).collect();
        let html = format!("<p>{html}.</p>");
        let plain = format!("<p>{plain}.</p>");
        let dh = doc("d.html", &html, Format::Html);
        let dp = doc("p.html", &plain, Format::Html);
        let (qh, qp) = (figcheck::extract(&dh), figcheck::extract(&dp));
        let (ah, ap) = (Analysis::new(&dh, &qh), Analysis::new(&dp, &qp));
        check_tiling(&dh, &ah)?;
        check_sentences(&dh, &ah)?;
        // No token boundary falls inside a reference.
        for r in dh.references() {
            let inside = ah.tokens().iter().any(|t| {
                let s = t.span();
                (s.start > r.start && s.start < r.end) || (s.end > r.start && s.end < r.end)
            });
            prop_assert!(!inside, "a token boundary inside {:?}", &html[r.start..r.end]);
        }
        // The same tokens, words and sentences as the text with the characters written out.
        let read = |a: &Analysis<'_>| -> Vec<(String, TokenKind, String)> {
            a.tokens().iter().map(|t| (a.text(t).to_string(), t.kind, a.lemma(t).to_string())).collect()
        };
        prop_assert_eq!(read(&ah), read(&ap));
        prop_assert_eq!(ah.sentences.len(), ap.sentences.len());
        // Every figure: its span holds whole references, on char boundaries, and reads as the
        // same figure written out.
        prop_assert_eq!(qh.len(), qp.len());
        for (h, p) in qh.iter().zip(&qp) {
            let s = h.span;
            prop_assert!(html.is_char_boundary(s.start) && html.is_char_boundary(s.end));
            for r in dh.references() {
                let inside = |x: usize| x > r.start && x < r.end;
                prop_assert!(!inside(s.start) && !inside(s.end));
            }
            prop_assert_eq!(dh.decoded(s), dp.decoded(p.span));
            prop_assert_eq!(same_figure(h), same_figure(p));
        }
    }
}

/// What a figure says, without where it is.
fn same_figure(
    q: &Quantity,
) -> (
    figcheck::Dimension,
    Option<String>,
    Option<String>,
    Option<String>,
) {
    (
        q.dimension,
        q.value.map(|f| f.value.to_string()),
        q.low.map(|v| v.to_string()),
        q.unit.clone(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn norm_views_agree_with_the_normalised_string(
        text in prose_text(),
        cuts in (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
        html in any::<bool>(),
        probes in prop::collection::vec("(from|of the|to|times|the|, or|\\(| |drones|3,100)", 0..4),
    ) {
        // HTML with character references for some characters, or plain text.
        let (name, body, f) = if html {
            let b = text.replace('\u{a0}', "&nbsp;").replace('€', "&euro;").replace('—', "&mdash;");
            ("d.html", b, Format::Html)
        } else {
            ("d.txt", text.clone(), Format::Text)
        };
        let d = doc(name, &body, f);
        let a = Analysis::new(&d, &[]);
        let bounds: Vec<usize> = (0..=body.len()).filter(|&i| body.is_char_boundary(i)).collect();
        let (x, y) = (cuts.0.get(&bounds), cuts.1.get(&bounds));
        let (from, to) = (*x.min(y), *x.max(y));
        let want = figcheck::check::norm(d.prose_of(from, to));
        let v = a.norm(from, to);
        prop_assert_eq!(v.to_string(), want.clone());
        prop_assert_eq!(v.is_empty(), want.is_empty());
        prop_assert_eq!(v.first_words(3), want.split(' ').take(3).collect::<Vec<_>>().join(" "));
        let mut ps: Vec<String> = probes;
        for (i, _) in want.char_indices().chain(std::iter::once((want.len(), ' '))) {
            ps.push(want[..i].to_string());
            ps.push(want[i..].to_string());
            ps.push(format!("{}x", &want[..i]));
            ps.push(format!("x{}", &want[i..]));
        }
        for p in &ps {
            prop_assert_eq!(v.starts_with(p), want.starts_with(p.as_str()), "starts_with {:?} of {:?}", p, want);
            prop_assert_eq!(v.ends_with(p), want.ends_with(p.as_str()), "ends_with {:?} of {:?}", p, want);
            prop_assert_eq!(v.is(p), want == *p, "is {:?} of {:?}", p, want);
        }
    }
}
