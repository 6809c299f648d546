//! The clean news corpus (`fixtures/news/<beat>/*.md`, see `fixtures/news/README.md`): correct
//! copy, dense with the relationships real copy contains, on which `check` must raise no
//! warning and no error. Runs the library in process on every article and prints words per
//! beat and findings per 10,000 words (`cargo test --test news_clean -- --nocapture`).
//!
//! Alarms that cannot be fixed in time are listed in `fixtures/news/KNOWN-FALSE-ALARMS.toml`
//! (file, span text, rule, reason): they are printed loudly and counted, and a listed alarm that
//! no longer occurs fails the test, so the list stays honest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use figcheck::{CheckOptions, Diagnostic, Document, Severity};
use rust_decimal::Decimal;
use serde::Deserialize;

/// At least this many words in the corpus, and at least this many beats.
const MIN_WORDS: usize = 20_000;
const MIN_BEATS: usize = 10;

#[derive(Deserialize)]
struct KnownList {
    #[serde(default)]
    alarm: Vec<Known>,
}

#[derive(Deserialize)]
struct Known {
    /// Path relative to `fixtures/news/`.
    file: String,
    /// The exact text of the finding's span.
    span: String,
    /// Rule code.
    rule: String,
    /// Why it is a false alarm and why it is not fixed yet.
    reason: String,
}

fn news_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/news")
}

fn articles() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(beats) = std::fs::read_dir(news_dir()) else {
        return out;
    };
    for beat in beats.flatten() {
        if !beat.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(beat.path()).unwrap().flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Words of the article body: whitespace-separated tokens after the front matter.
fn body_words(text: &str) -> usize {
    let body = match text.strip_prefix("---\n") {
        Some(rest) => rest.split_once("\n---\n").map_or(rest, |(_, b)| b),
        None => text,
    };
    body.split_whitespace().count()
}

/// The sentence a finding sits in, on one line.
fn sentence_of(doc: &Document, d: &Diagnostic) -> String {
    let s = doc
        .sentences()
        .into_iter()
        .find(|s| s.start <= d.span.start && d.span.start < s.end)
        .map(|s| doc.text[s.start..s.end].to_string())
        .unwrap_or_default();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_news_corpus_raises_no_warning_or_error() {
    let files = articles();
    assert!(!files.is_empty(), "no articles under fixtures/news/");
    let known: KnownList = match std::fs::read_to_string(news_dir().join("KNOWN-FALSE-ALARMS.toml"))
    {
        Ok(t) => toml::from_str(&t).expect("KNOWN-FALSE-ALARMS.toml parses"),
        Err(_) => KnownList { alarm: Vec::new() },
    };
    let mut seen_known = vec![0usize; known.alarm.len()];
    let mut words: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut notes = 0usize;
    let mut total_findings = 0usize;
    for path in &files {
        let rel = path
            .strip_prefix(news_dir())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let beat = rel.split('/').next().unwrap().to_string();
        let doc = Document::read(path).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert!(
            doc.date.is_some(),
            "{rel}: every article needs front matter `date: YYYY-MM-DD`"
        );
        let w = body_words(&doc.text);
        let e = words.entry(beat).or_default();
        e.0 += w;
        e.1 += 1;
        let qs = figcheck::extract(&doc);
        for d in figcheck::check(&doc, &qs, &CheckOptions::default()) {
            if d.severity == Severity::Note {
                notes += 1;
                continue;
            }
            total_findings += 1;
            let span = &doc.text[d.span.start..d.span.end];
            if let Some(i) = known
                .alarm
                .iter()
                .position(|k| k.file == rel && k.span == span && k.rule == d.code)
            {
                seen_known[i] += 1;
                continue;
            }
            let (line, col) = doc.line_col(d.span.start);
            failures.push(format!(
                "fixtures/news/{rel}:{line}:{col}: {} [{}] `{span}`: {}\n    sentence: {}",
                d.severity.as_str(),
                d.code,
                d.message,
                sentence_of(&doc, &d)
            ));
        }
    }
    let all_words: usize = words.values().map(|w| w.0).sum();
    println!("news corpus: {} articles, {all_words} words", files.len());
    for (beat, (w, n)) in &words {
        println!("  {beat:<14} {w:>6} words in {n} articles");
    }
    let per10k = total_findings as f64 * 10_000.0 / all_words.max(1) as f64;
    println!(
        "warnings and errors: {total_findings} ({per10k:.2} per 10,000 words), notes: {notes}"
    );
    let listed: usize = seen_known.iter().sum();
    if !known.alarm.is_empty() {
        println!(
            "!!! KNOWN FALSE ALARMS: {listed} finding(s) from {} listed alarm(s) (fixtures/news/KNOWN-FALSE-ALARMS.toml):",
            known.alarm.len()
        );
        for k in &known.alarm {
            println!("!!!   {} [{}] `{}`: {}", k.file, k.rule, k.span, k.reason);
        }
    }
    let stale: Vec<String> = known
        .alarm
        .iter()
        .zip(&seen_known)
        .filter(|(_, n)| **n == 0)
        .map(|(k, _)| format!("{} [{}] `{}`", k.file, k.rule, k.span))
        .collect();
    assert!(
        stale.is_empty(),
        "listed false alarms no longer occur; remove them from KNOWN-FALSE-ALARMS.toml:\n{}",
        stale.join("\n")
    );
    assert!(
        failures.is_empty(),
        "{} warning/error finding(s) on correct copy:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        words.len() >= MIN_BEATS,
        "only {} beats (want {MIN_BEATS})",
        words.len()
    );
    assert!(
        all_words >= MIN_WORDS,
        "only {all_words} words (want {MIN_WORDS})"
    );
}

/// The stated figure of a verified relationship, rewritten: the digits of its number and the
/// two texts to put in their place.
struct Mutation {
    /// Byte range of the digits in the file.
    at: std::ops::Range<usize>,
    /// The number moved beyond its written precision (a quarter of its value, two steps at
    /// least).
    beyond: String,
    /// The exact value owed, written one place finer than the figure: within its precision.
    within: String,
}

/// Formats `x` with `places` decimals, grouping thousands when `group`.
fn format_number(x: Decimal, places: u32, group: bool) -> String {
    let s = format!("{:.*}", places as usize, x.round_dp(places));
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, s),
    };
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => (a.to_string(), Some(b.to_string())),
        None => (s, None),
    };
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if group && k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    if neg { format!("-{out}") } else { out }
}

impl Mutation {
    /// The mutation of the figure at `span` of `text` owed `exact`, when its text holds exactly
    /// one number written in digits.
    fn of(text: &str, span: figcheck::Span, exact: Decimal, slack: Decimal) -> Option<Mutation> {
        let s = &text[span.start..span.end];
        let runs: Vec<(usize, usize)> = {
            let b = s.as_bytes();
            let mut v = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if b[i].is_ascii_digit() {
                    let st = i;
                    while i < b.len()
                        && (b[i].is_ascii_digit()
                            || ((b[i] == b',' || b[i] == b'.')
                                && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
                    {
                        i += 1;
                    }
                    v.push((st, i));
                } else {
                    i += 1;
                }
            }
            v
        };
        let [(i, j)] = runs.as_slice() else {
            return None;
        };
        let digits = &s[*i..*j];
        let group = digits.contains(',');
        let n: Decimal = digits.replace(',', "").parse().ok()?;
        let lower = s.to_lowercase();
        let scale = [
            ("trillion", 12),
            ("billion", 9),
            ("million", 6),
            ("thousand", 3),
        ]
        .iter()
        .find(|(w, _)| lower.contains(w))
        .map_or(Decimal::ONE, |(_, e)| Decimal::from(10i64.pow(*e)));
        let mut owed = exact / scale;
        if owed.is_sign_negative() && !s.contains(['-', '−']) {
            owed = -owed;
        }
        let places = digits.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        let step = if places > 0 {
            Decimal::new(1, places)
        } else {
            let int = digits.replace(',', "");
            let zeros = int.len() - int.trim_end_matches('0').len();
            let zeros = zeros.min(int.len().saturating_sub(1));
            Decimal::from(10i64.pow(zeros as u32))
        };
        // A quarter of its value or two steps, past twice what the inputs' rounding allows;
        // never a whole number ending in zero (that reads as rounded more coarsely).
        let bump = (n * Decimal::new(25, 2) / step).round() * step;
        let slack = (slack / scale * Decimal::TWO / step).ceil() * step;
        let mut beyond = n + bump.max(step * Decimal::TWO) + slack;
        if places == 0 && (beyond / (step * Decimal::TEN)).fract().is_zero() {
            beyond += step;
        }
        let fine = step / Decimal::TEN;
        let within = (owed / fine).round() * fine;
        let within_places = if fine < Decimal::ONE { places + 1 } else { 0 };
        Some(Mutation {
            at: span.start + i..span.start + j,
            beyond: format_number(beyond, places, group || beyond >= Decimal::from(10_000)),
            within: format_number(
                within,
                within_places,
                group || within.abs() >= Decimal::from(10_000),
            ),
        })
    }
}

/// The findings of `check` on `text` (named as `path`), notes left out.
fn findings_of(path: &Path, text: String) -> Vec<Diagnostic> {
    let doc = Document::from_text(
        &path.display().to_string(),
        text,
        figcheck::Format::Markdown,
    )
    .unwrap();
    let qs = figcheck::extract(&doc);
    figcheck::check(&doc, &qs, &CheckOptions::default())
        .into_iter()
        .filter(|d| d.severity != Severity::Note)
        .collect()
}

/// The mutation property: for every relationship `check` verifies in the corpus (its
/// `check_report`'s `checked` list) whose judged figure is written in digits, moving that figure
/// beyond its written precision makes a finding of the rule appear on it, and writing it as
/// the exact value one place finer (within its precision) does not. Prints how many
/// relationships each rule exercised (`cargo test --test news_clean -- --nocapture`).
#[test]
fn every_verified_relationship_reacts_to_its_figure_beyond_precision_and_not_within() {
    let mut per_rule: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for path in articles() {
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = Document::read(&path).unwrap();
        let qs = figcheck::extract(&doc);
        let report = figcheck::check::check_report(&doc, &qs, &CheckOptions::default());
        let rel = path.strip_prefix(news_dir()).unwrap().display().to_string();
        let mut seen = std::collections::BTreeSet::new();
        for c in &report.checked {
            if !seen.insert((c.code, c.stated)) {
                continue;
            }
            // A relationship already reported is not one the copy gets right.
            if report
                .findings
                .iter()
                .any(|d| d.code == c.code && d.span.overlaps(&c.stated))
            {
                continue;
            }
            let tally = per_rule.entry(c.code).or_default();
            let Some(m) = c
                .exact
                .and_then(|e| Mutation::of(&text, c.stated, e, c.slack))
            else {
                tally.1 += 1;
                continue;
            };
            tally.0 += 1;
            let shown = &text[c.stated.start..c.stated.end];
            for (label, new, want) in [("beyond", &m.beyond, true), ("within", &m.within, false)] {
                let mut t = text.clone();
                t.replace_range(m.at.clone(), new);
                let end = (c.stated.end + new.len()).saturating_sub(m.at.len());
                let span = figcheck::Span::new(c.stated.start, end);
                let found = findings_of(&path, t.clone()).into_iter().any(|d| {
                    d.code == c.code
                        && (d.span.overlaps(&span)
                            || d.related.iter().any(|r| r.span.overlaps(&span)))
                });
                if found != want {
                    failures.push(format!(
                        "{rel}: [{}] `{shown}` rewritten {label} its precision as `{}`: {}",
                        c.code,
                        &t[span.start..span.end],
                        if want { "no finding" } else { "a finding" }
                    ));
                }
            }
        }
    }
    println!("mutation property: relationships exercised per rule (figure in digits / other)");
    for (code, (n, other)) in &per_rule {
        println!("  {code:<16} {n:>4} {other:>6}");
    }
    let total: usize = per_rule.values().map(|t| t.0).sum();
    println!("  total            {total:>4}");
    assert!(
        failures.is_empty(),
        "{} mutation(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(total >= 30, "only {total} relationships exercised");
}
