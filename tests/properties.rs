//! Properties of extraction that must hold for every input, checked with proptest:
//!
//! - a number written in any supported style reads back as the same value, with a span that
//!   covers exactly what was written;
//! - on arbitrary Unicode (and on soups of tricky tokens) extraction never panics, and every
//!   span is a non-empty, in-bounds, char-aligned range; spans are sorted and do not overlap;
//! - plain prose reads the same through the Markdown path and the plain-text path, and figures
//!   inside inline code, HTML comments and link targets are never extracted;
//! - prose written with random HTML character references (HTML and Markdown) reads the same
//!   figures as the decoded plain text, with spans that cover the file's own bytes and whole
//!   references.

use figcheck::{Document, Format, Quantity};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn doc(text: &str, format: Format) -> Option<Document> {
    Document::from_text("prop.md", text.to_string(), format).ok()
}

fn extract(text: &str, format: Format) -> Vec<Quantity> {
    doc(text, format).map_or_else(Vec::new, |d| figcheck::extract(&d))
}

// ---------------------------------------------------------------------------------------------
// (a) Number styles round-trip.

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// 1..=999 in words; `and` puts the British "and" after "hundred".
fn hundreds(n: u64, and: bool) -> String {
    let (h, r) = (n / 100, n % 100);
    let mut out = Vec::new();
    if h > 0 {
        out.push(format!("{} hundred", ONES[h as usize]));
    }
    if r > 0 {
        if h > 0 && and {
            out.push("and".to_string());
        }
        if r < 20 {
            out.push(ONES[r as usize].to_string());
        } else if r % 10 == 0 {
            out.push(TENS[(r / 10) as usize].to_string());
        } else {
            out.push(format!(
                "{}-{}",
                TENS[(r / 10) as usize],
                ONES[(r % 10) as usize]
            ));
        }
    }
    out.join(" ")
}

/// `n` (< 10^12) in English words: "three thousand four hundred", "one hundred and twelve".
/// `and`: British style ("one hundred and twelve", "one thousand and one"); `a`: a leading
/// "one" before a scale word is written "a" ("a hundred", "a thousand and one").
fn words(n: u64, and: bool, a: bool) -> String {
    if n == 0 {
        return "zero".to_string();
    }
    let scales = [
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ];
    let mut rest = n;
    let mut parts = Vec::new();
    for (size, name) in scales {
        let g = rest / size;
        if g > 0 {
            parts.push(format!("{} {name}", hundreds(g, and)));
        }
        rest %= size;
    }
    if rest > 0 {
        if !parts.is_empty() && rest < 100 && and {
            parts.push("and".to_string());
        }
        parts.push(hundreds(rest, and));
    }
    let s = parts.join(" ");
    match s.strip_prefix("one ") {
        Some(tail)
            if a && (tail.starts_with("hundred")
                || tail.starts_with("thousand")
                || tail.starts_with("million")
                || tail.starts_with("billion")) =>
        {
            format!("a {tail}")
        }
        _ => s,
    }
}

/// Digits with `,` every three places.
fn commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A decimal string "I.F" with `frac_digits` digits after the point.
fn decimal(int: u64, frac: u64, frac_digits: u32, sep: bool) -> (String, Decimal) {
    let f = frac % 10u64.pow(frac_digits);
    let int_s = if sep { commas(int) } else { int.to_string() };
    let s = format!("{int_s}.{f:0width$}", width = frac_digits as usize);
    let v = Decimal::from_str(&format!("{int}.{f:0width$}", width = frac_digits as usize)).unwrap();
    (s, v)
}

/// A non-negative number as written, with its value.
fn unsigned_style() -> impl Strategy<Value = (String, Decimal)> {
    prop_oneof![
        // plain digits
        (0u64..10_000_000_000).prop_map(|n| (n.to_string(), Decimal::from(n))),
        // thousands separators
        (1_000u64..10_000_000_000).prop_map(|n| (commas(n), Decimal::from(n))),
        // decimals, with or without separators, and a leading ".5"
        (0u64..1_000_000, any::<u64>(), 1u32..4, any::<bool>())
            .prop_map(|(i, f, d, sep)| decimal(i, f, d, sep)),
        (1u64..1000).prop_map(|f| {
            let s = format!(".{f:03}");
            (s.clone(), Decimal::from_str(&format!("0{s}")).unwrap())
        }),
        // English words
        (0u64..1_000_000_000, any::<bool>(), any::<bool>())
            .prop_map(|(n, and, a)| (words(n, and, a), Decimal::from(n))),
        (0u64..1000, any::<bool>()).prop_map(|(n, and)| (words(n, and, false), Decimal::from(n))),
        // scale words: "3.1 million", "12 billion", "2.5 thousand"
        (
            1u64..1000,
            0u64..100,
            0u32..3,
            prop::sample::select(vec![
                ("thousand", 1_000u64),
                ("million", 1_000_000),
                ("billion", 1_000_000_000),
            ])
        )
            .prop_map(|(i, f, d, (word, size))| {
                let (m, v) = if d == 0 {
                    (i.to_string(), Decimal::from(i))
                } else {
                    decimal(i, f, d, false)
                };
                (format!("{m} {word}"), v * Decimal::from(size))
            }),
    ]
}

/// A count in a sentence: the written number, its value.
fn count_case() -> impl Strategy<Value = (String, Decimal)> {
    unsigned_style()
}

/// A signed temperature: Unicode minus or hyphen-minus before digits, "minus" before digits
/// or words; positive values unsigned.
fn temperature_case() -> impl Strategy<Value = (String, Decimal)> {
    let digits = prop_oneof![
        (1u64..100_000).prop_map(|n| (n.to_string(), Decimal::from(n))),
        (1_000u64..100_000).prop_map(|n| (commas(n), Decimal::from(n))),
        (0u64..1000, 1u64..1000, 1u32..3).prop_map(|(i, f, d)| decimal(i, f.max(1), d, false)),
    ];
    let worded =
        (1u64..1000, any::<bool>()).prop_map(|(n, and)| (words(n, and, false), Decimal::from(n)));
    prop_oneof![
        (
            digits.clone(),
            prop::sample::select(vec!["\u{2212}", "-", "minus "])
        )
            .prop_map(|((s, v), sign)| (format!("{sign}{s}"), -v)),
        worded.prop_map(|(s, v)| (format!("minus {s}"), -v)),
        digits,
    ]
}

/// Finds the quantity written at `[start, end)` and returns its value.
fn value_at(qs: &[Quantity], start: usize, end: usize) -> Result<Decimal, TestCaseError> {
    let q = qs
        .iter()
        .find(|q| q.span.start == start)
        .ok_or_else(|| TestCaseError::fail(format!("no quantity starts at {start}: {qs:#?}")))?;
    prop_assert_eq!(q.span.end, end, "span end differs: {:?}", q);
    q.value
        .map(|f| f.value)
        .ok_or_else(|| TestCaseError::fail(format!("no value: {q:?}")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_count_in_any_style_reads_back((written, expected) in count_case()) {
        let prefix = "Officials said they counted ";
        let text = format!("{prefix}{written} drones on the border.");
        let qs = extract(&text, Format::Text);
        let got = value_at(&qs, prefix.len(), prefix.len() + written.len())?;
        prop_assert_eq!(got, expected, "{:?} in {:?}", written, text);
        let q = qs.iter().find(|q| q.span.start == prefix.len()).unwrap();
        prop_assert_eq!(q.noun.as_deref(), Some("drones"));
    }

    #[test]
    fn a_signed_temperature_in_any_style_reads_back(
        (written, expected) in temperature_case(),
        unit in prop::sample::select(vec![("°C", "°C"), ("°F", "°F"), ("degrees Celsius", "°C")]),
    ) {
        let prefix = "Overnight the temperature fell to ";
        let figure = format!("{written} {}", unit.0);
        let text = format!("{prefix}{figure} in the capital.");
        let qs = extract(&text, Format::Markdown);
        let got = value_at(&qs, prefix.len(), prefix.len() + figure.len())?;
        prop_assert_eq!(got, expected, "{:?}", text);
        let q = qs.iter().find(|q| q.span.start == prefix.len()).unwrap();
        prop_assert_eq!(q.unit.as_deref(), Some(unit.1));
    }
}

// ---------------------------------------------------------------------------------------------
// (b) Never panics; spans are well-formed.

fn check_spans(text: &str, qs: &[Quantity]) -> Result<(), TestCaseError> {
    let mut prev_end = 0;
    for q in qs {
        let (s, e) = (q.span.start, q.span.end);
        prop_assert!(s < e, "empty span {:?}", q);
        prop_assert!(e <= text.len(), "span past end {:?}", q);
        prop_assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "not on char boundaries: {:?}",
            q
        );
        prop_assert!(s >= prev_end, "overlapping or unsorted at {:?}", q);
        prev_end = e;
        if let Some(n) = q.noun_span {
            prop_assert!(
                n.start <= n.end && n.end <= text.len(),
                "noun span out of bounds {:?}",
                q
            );
            prop_assert!(
                text.is_char_boundary(n.start) && text.is_char_boundary(n.end),
                "noun span not on char boundaries {:?}",
                q
            );
        }
        // The figure's text is what the file says there.
        prop_assert_eq!(q.text(text), &text[s..e]);
    }
    Ok(())
}

const TOKENS: &[&str] = &[
    "0",
    "1",
    "7",
    "12",
    "111",
    "1,000",
    "3.5",
    ".5",
    "2022",
    "30",
    "-",
    "\u{2212}",
    "$",
    "€",
    "%",
    "°C",
    "°F",
    "°",
    "C",
    "F",
    "km",
    "per cent",
    "percentage points",
    "January",
    "Feb.",
    "May",
    "Friday",
    "between",
    "and",
    "to",
    "from",
    "more than",
    "at least",
    "up to",
    "as low as",
    "nearly",
    "about",
    "over",
    "dozens",
    "hundreds",
    "of",
    "thousands",
    "several",
    "a few",
    "a",
    "one",
    "twenty-five",
    "hundred",
    "million",
    "two thirds",
    "half",
    "3/4",
    "minus",
    "negative",
    "drones",
    "missile",
    "were",
    "shot down",
    "struck",
    "of them",
    "days",
    "a week",
    "three-day",
    "11:30",
    "p.m.",
    "Iskander-M",
    "MiG-29",
    ".",
    ",",
    ";",
    "(",
    ")",
    "\"",
    "'",
    "\n",
    "\n\n",
    "**",
    "*",
    "_",
    "#",
    "> ",
    "- ",
    "1. ",
    "    ",
    "[x](http://a.b/1)",
    "`code 5`",
    "```",
    "<!-- 7 -->",
    "<b>",
    "---",
    "date: 2026-01-30",
    "é",
    "日本",
    "🙂",
    "\u{200b}",
    "\u{feff}",
    "\t",
    "\r\n",
    "&minus;",
    "&deg;",
    "&nbsp;",
    "&#8239;",
    "&#x2212;",
    "&amp;",
    "&lt;",
    "&shy;",
    "&#0;",
    "&#150;",
    "&bogus;",
    "&",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(TOKENS),
            prop::sample::select(vec!["", " ", " ", "\n"]),
        ),
        0..80,
    )
    .prop_map(|v| v.into_iter().map(|(t, s)| format!("{t}{s}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_unicode_never_panics_and_spans_are_well_formed(text in any::<String>()) {
        for f in [Format::Text, Format::Markdown, Format::Html] {
            let qs = extract(&text, f);
            check_spans(&text, &qs)?;
        }
    }

    #[test]
    fn token_soup_never_panics_and_spans_are_well_formed(text in token_soup()) {
        for f in [Format::Text, Format::Markdown, Format::Html] {
            let qs = extract(&text, f);
            check_spans(&text, &qs)?;
        }
    }

    #[test]
    fn front_matter_soup_never_panics(body in token_soup(), date in "[0-9-]{0,12}") {
        let text = format!("---\ndate: {date}\ntitle: x\n---\n{body}");
        let qs = extract(&text, Format::Markdown);
        check_spans(&text, &qs)?;
    }
}

// ---------------------------------------------------------------------------------------------
// (c) Markdown path vs plain-text path.

/// Prose with no Markdown meaning: every paragraph is one line opening with a word.
const PROSE: &[&str] = &[
    "12",
    "111",
    "1,000",
    "3.5",
    "2022",
    "30",
    "80",
    "25",
    "15",
    "\u{2212}30",
    "°C",
    "°F",
    "(\u{2212}22 °F)",
    "%",
    "percent",
    "km",
    "January",
    "Feb.",
    "February 1",
    "May",
    "Friday",
    "Sunday",
    "between",
    "and",
    "to",
    "from",
    "more than",
    "at least",
    "up to",
    "as low as",
    "nearly",
    "about",
    "over",
    "dozens",
    "hundreds of thousands",
    "several",
    "a few",
    "one",
    "twenty-five",
    "three thousand",
    "3.1 million",
    "two thirds",
    "minus",
    "drones",
    "missile",
    "were",
    "shot down",
    "struck",
    "of them",
    "in",
    "regions",
    "days",
    "a week",
    "three-day",
    "ceasefire",
    "Iskander-M",
    "officials",
    "said",
    "the",
    "on",
    "Kyiv",
    "\u{2014}",
    ",",
    ".",
];
const OPENERS: &[&str] = &["Officials", "The", "Ukraine", "On", "Kyiv", "Forecasters"];

fn plain_prose() -> impl Strategy<Value = String> {
    let para = (
        prop::sample::select(OPENERS),
        prop::collection::vec(prop::sample::select(PROSE), 0..25),
    )
        .prop_map(|(o, ws)| {
            let mut s = o.to_string();
            for w in ws {
                if !(w == "," || w == ".") {
                    s.push(' ');
                }
                s.push_str(w);
            }
            s.push('.');
            s
        });
    prop::collection::vec(para, 1..4).prop_map(|ps| ps.join("\n\n"))
}

/// Span, value, interval and unit of each quantity.
type Summary = (
    usize,
    usize,
    Option<Decimal>,
    Option<Decimal>,
    Option<Decimal>,
    Option<String>,
);

fn summary(qs: &[Quantity]) -> Vec<Summary> {
    qs.iter()
        .map(|q| {
            (
                q.span.start,
                q.span.end,
                q.value.map(|f| f.value),
                q.low,
                q.high,
                q.unit.clone(),
            )
        })
        .collect()
}

/// Where a quantity may not be: the byte ranges of the hidden constructs.
/// Each range: (start, end, visible when rendered).
fn hidden_case() -> impl Strategy<Value = (String, Vec<(usize, usize, bool)>)> {
    let hidden = prop_oneof![
        (1u32..100_000).prop_map(|n| format!("`code {n}`")),
        (1u32..100_000).prop_map(|n| format!("`{n} drones`")),
        (1u32..100_000).prop_map(|n| format!("<!-- {n} drones -->")),
        (1u32..100_000).prop_map(|n| format!("[the report](https://example.org/2026/{n})")),
        (1u32..100_000, 1u32..100).prop_map(|(n, m)| format!("<https://example.org/{n}/{m}>")),
    ];
    (
        plain_prose(),
        prop::collection::vec((hidden, any::<prop::sample::Index>()), 1..4),
    )
        .prop_map(|(prose, inserts)| {
            // Insert each hidden construct after a space in the prose.
            let mut text = prose;
            let mut ranges: Vec<(usize, usize, bool)> = Vec::new();
            let mut pieces: Vec<(usize, usize)> = Vec::new();
            for (h, idx) in inserts {
                // Only at a space outside every construct inserted so far.
                let spaces: Vec<usize> = text
                    .match_indices(' ')
                    .map(|(i, _)| i + 1)
                    .filter(|&i| pieces.iter().all(|&(s, e)| i <= s || i >= e))
                    .collect();
                let at = if spaces.is_empty() {
                    text.len()
                } else {
                    spaces[idx.index(spaces.len())]
                };
                let piece = format!("{h} ");
                text.insert_str(at, &piece);
                for p in &mut pieces {
                    if p.0 >= at {
                        p.0 += piece.len();
                        p.1 += piece.len();
                    }
                }
                pieces.push((at, at + piece.len()));
                for r in &mut ranges {
                    if r.0 >= at {
                        r.0 += piece.len();
                        r.1 += piece.len();
                    }
                }
                let visible = !h.starts_with("<!--");
                match h.find("](") {
                    // Link text is prose; only the target is hidden (and not shown).
                    Some(i) => ranges.push((at + i + 1, at + h.len(), false)),
                    None => ranges.push((at, at + h.len(), visible)),
                }
            }
            (text, ranges)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn plain_prose_reads_the_same_as_markdown_and_as_text(text in plain_prose()) {
        let md = extract(&text, Format::Markdown);
        let txt = extract(&text, Format::Text);
        prop_assert_eq!(summary(&md), summary(&txt), "{:?}", text);
    }

    #[test]
    fn code_comments_and_link_targets_never_yield_figures((text, hidden) in hidden_case()) {
        let qs = extract(&text, Format::Markdown);
        check_spans(&text, &qs)?;
        for q in &qs {
            for &(s, e, _) in &hidden {
                // Nothing is read from inside: no span begins or ends inside a hidden range.
                let inside = |i: usize| i > s && i < e;
                prop_assert!(
                    (q.span.start < s || q.span.start >= e) && !inside(q.span.end),
                    "{:?} ({:?}) is read from hidden {:?} of {:?}", q.text(&text), q.span, &text[s..e], text
                );
            }
        }
    }

    /// Visible non-prose (inline code, URLs) separates figures: no span runs across it.
    /// Fails today: grammar-bugs.md #4.
    #[test]
    fn code_and_urls_are_hard_boundaries((text, hidden) in hidden_case()) {
        let qs = extract(&text, Format::Markdown);
        for q in &qs {
            for &(s, e, visible) in &hidden {
                prop_assert!(
                    !visible || q.span.end <= s || q.span.start >= e,
                    "{:?} ({:?}) runs across {:?} of {:?}", q.text(&text), q.span, &text[s..e], text
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// (d) HTML character references.

/// Prose with the characters references are written for: signs, degrees, currency, fractions,
/// typographic spaces and punctuation.
const REF_PROSE: &[&str] = &[
    "\u{2212}8 °C",
    "(18 °F)",
    "−12",
    "°C",
    "200\u{a0}mm",
    "(6 inches)",
    "250 mm",
    "€12.50",
    "£10",
    "¥300",
    "½",
    "¾ of",
    "¼",
    "1\u{202f}000",
    "3\u{2009}400",
    "5\u{2009}km",
    "40\u{a0}drones",
    "4%",
    "5–7 °C",
    "—",
    "AT&T",
    "5 < 6",
    "Kharkiv’s",
    "“about 30”",
    "…",
    "2 × 3",
    "±2",
    "10 km²",
];

/// Plain prose paragraphs mixing [`PROSE`] and [`REF_PROSE`], joined by blank lines.
fn ref_prose() -> impl Strategy<Value = String> {
    let word = prop_oneof![prop::sample::select(PROSE), prop::sample::select(REF_PROSE)];
    let para = (
        prop::sample::select(OPENERS),
        prop::collection::vec(word, 0..20),
    )
        .prop_map(|(o, ws)| {
            let mut s = o.to_string();
            for w in ws {
                if !(w == "," || w == ".") {
                    s.push(' ');
                }
                s.push_str(w);
            }
            s.push('.');
            s
        });
    prop::collection::vec(para, 1..4).prop_map(|ps| ps.join("\n\n"))
}

/// Names the encoder may use (a subset of figcheck's table, as HTML5 defines them).
const NAMES: &[(char, &str)] = &[
    ('\u{2212}', "minus"),
    ('°', "deg"),
    ('\u{a0}', "nbsp"),
    ('&', "amp"),
    ('<', "lt"),
    ('>', "gt"),
    ('–', "ndash"),
    ('—', "mdash"),
    ('%', "percnt"),
    ('½', "frac12"),
    ('¾', "frac34"),
    ('¼', "frac14"),
    ('€', "euro"),
    ('£', "pound"),
    ('¥', "yen"),
    ('’', "rsquo"),
    ('“', "ldquo"),
    ('”', "rdquo"),
    ('\u{2009}', "thinsp"),
    ('…', "hellip"),
    ('×', "times"),
    ('±', "plusmn"),
    ('²', "sup2"),
    ('.', "period"),
    (',', "comma"),
    ('(', "lpar"),
    (')', "rpar"),
];

/// Writes `plain` with character references, one choice per char (cycled): as written (half
/// the time), by name, decimal, hex, or hex with leading zeros; `&`, `<` and `>` always as
/// references, a newline never. `invisible` puts soft hyphens and zero-width joiners between chars.
fn encode(plain: &str, choices: &[u8], invisible: &[(usize, u8)]) -> String {
    let mut out = String::new();
    for (k, c) in plain.chars().enumerate() {
        for &(at, which) in invisible {
            if at == k {
                out.push_str(["&shy;", "&zwj;", "&#8203;", "&#x200C;"][usize::from(which % 4)]);
            }
        }
        let choice = choices.get(k % choices.len().max(1)).copied().unwrap_or(0) % 8;
        let name = NAMES.iter().find(|(ch, _)| *ch == c).map(|(_, n)| *n);
        let must = matches!(c, '&' | '<' | '>');
        match (choice, name) {
            _ if c == '\n' => out.push(c),
            (0..=3, _) if !must => out.push(c),
            (0..=4, Some(n)) => out.push_str(&format!("&{n};")),
            (0..=5, _) => out.push_str(&format!("&#{};", c as u32)),
            (6, _) => out.push_str(&format!("&#x{:X};", c as u32)),
            _ => out.push_str(&format!("&#X00{:x};", c as u32)),
        }
    }
    out
}

/// What a figure reads as: its text (references decoded), value, interval, unit, noun.
type Reading = (
    String,
    Option<Decimal>,
    Option<Decimal>,
    Option<Decimal>,
    Option<String>,
    Option<String>,
);

fn reading(text: String, q: &Quantity) -> Reading {
    let value = q.value.map(|f| f.value);
    (text, value, q.low, q.high, q.unit.clone(), q.noun.clone())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn character_references_read_as_the_decoded_text(
        plain in ref_prose(),
        choices in prop::collection::vec(any::<u8>(), 1..64),
        invisible in prop::collection::vec((0usize..400, any::<u8>()), 0..4),
    ) {
        let encoded = encode(&plain, &choices, &invisible);
        let want: Vec<Reading> = extract(&plain, Format::Text)
            .iter()
            .map(|q| reading(q.text(&plain).to_string(), q))
            .collect();
        for f in [Format::Html, Format::Markdown] {
            let d = doc(&encoded, f).expect("a document");
            let qs = figcheck::extract(&d);
            check_spans(&encoded, &qs)?;
            // No span starts or ends inside a reference.
            for q in &qs {
                for r in d.references() {
                    let inside = |i: usize| r.start < i && i < r.end;
                    prop_assert!(
                        !inside(q.span.start) && !inside(q.span.end),
                        "{:?} cuts {:?} in {:?}",
                        q.text(&encoded),
                        &encoded[r.start..r.end],
                        encoded
                    );
                }
            }
            let got: Vec<Reading> = qs
                .iter()
                .map(|q| reading(d.decoded(q.span).into_owned(), q))
                .collect();
            prop_assert_eq!(&got, &want, "{:?} as {:?} of {:?}", encoded, f, plain);
        }
    }

    /// The rules, claims, ledger and baseline read the decoded prose by file offsets: none
    /// panics on a soup of references, and every finding's span is on char boundaries.
    #[test]
    fn everything_after_extraction_takes_references(text in token_soup()) {
        for f in [Format::Html, Format::Markdown] {
            let Some(d) = doc(&text, f) else { continue };
            let qs = figcheck::extract(&d);
            let found = figcheck::check(&d, &qs, &figcheck::CheckOptions::default());
            for x in &found {
                let (s, e) = (x.span.start, x.span.end);
                prop_assert!(e <= text.len());
                prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            }
            let _ = figcheck::claim::claims(0, &d, &qs);
            let _ = figcheck::ledger::entries(&d, &qs);
            let _ = figcheck::baseline::fingerprints(&d, &found);
            for s in d.sentences() {
                prop_assert!(s.start <= s.end && s.end <= text.len());
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// (e) Streaming extraction.

/// Every fixture of one format, concatenated and repeated until it holds more figures than
/// one batch of `Grammar::extract_each` (1,024), so that batches split the document.
fn long_fixture_document(ext: &str, format: Format) -> Document {
    fn walk(dir: &std::path::Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
        let mut es: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
        es.sort_by_key(|e| e.path());
        for e in es {
            let p = e.path();
            if p.is_dir() {
                walk(&p, ext, out);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(std::path::Path::new("fixtures"), ext, &mut files);
    let one: String = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut text = String::new();
    while text.len() < 400_000 {
        text.push_str(&one);
        text.push_str("\n\n");
    }
    Document::from_text(&format!("long.{ext}"), text, format).unwrap()
}

/// `extract_each` hands over exactly the figures `extract` returns, in order, in batches of
/// whole sentences, with spans into the file (Markdown and HTML, character references
/// included).
#[test]
fn extract_each_hands_over_what_extract_returns() {
    let g = figcheck::grammar::Grammar::default();
    for (ext, format) in [("md", Format::Markdown), ("html", Format::Html)] {
        let d = long_fixture_document(ext, format);
        let whole = g.extract(&d);
        let mut batches = Vec::new();
        g.extract_each(&d, |qs| batches.push(qs.to_vec()));
        assert!(whole.len() > 1024, "{ext}: {} figures", whole.len());
        assert!(batches.len() > 1, "{ext}: one batch");
        assert!(batches.iter().all(|b| !b.is_empty()));
        // A batch ends at a sentence's end: the next batch starts in a later sentence.
        for w in batches.windows(2) {
            let (a, b) = (w[0].last().unwrap(), &w[1][0]);
            assert!(
                a.sentence < b.sentence,
                "{ext}: a sentence split across batches"
            );
        }
        let streamed: Vec<Quantity> = batches.into_iter().flatten().collect();
        assert_eq!(streamed, whole, "{ext}");
    }
}
