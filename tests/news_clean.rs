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
