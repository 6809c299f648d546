//! Scores extraction against the annotated multi-beat corpus (`tests/corpus/*.toml`, format in
//! `tests/corpus/README.md`): per beat and per field, printed, and failing below the floors
//! reached so far. Run `cargo test --test corpus -- --nocapture` to see the table, and
//! `FIGCHECK_CORPUS_MISSES=noun` (or value, unit, role, found, extra) to list the misses.

use std::collections::BTreeMap;
use std::path::PathBuf;

use figcheck::{Bound, Dimension, Document, Format, Quantity};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Floors: a change that lowers a score below these fails. Raise them as the grammar improves.
const FLOORS: &[(&str, f64)] = &[
    ("found", 0.97),
    ("value", 0.98),
    ("unit", 0.965),
    ("noun", 0.93),
    ("role", 0.80),
    ("value_f1", 0.955),
];

#[derive(Default, Clone, Copy)]
struct Tally {
    ok: usize,
    n: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.n += 1;
        self.ok += usize::from(ok);
    }
    fn rate(&self) -> f64 {
        if self.n == 0 {
            1.0
        } else {
            self.ok as f64 / self.n as f64
        }
    }
}

#[derive(Default)]
struct Score {
    found: Tally,
    span: Tally,
    value: Tally,
    unit: Tally,
    noun: Tally,
    role: Tally,
    /// Extracted figures (dates and times aside) that overlap no annotated figure.
    extra: usize,
    /// Extracted figures (dates and times aside).
    extracted: usize,
    /// Annotated figures found with the right value.
    value_tp: usize,
    sentences: usize,
}

impl Score {
    fn value_f1(&self) -> f64 {
        let p = self.value_tp as f64 / self.extracted.max(1) as f64;
        let r = self.value_tp as f64 / self.found.n.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn merge(&mut self, o: &Score) {
        for (a, b) in [
            (&mut self.found, o.found),
            (&mut self.span, o.span),
            (&mut self.value, o.value),
            (&mut self.unit, o.unit),
            (&mut self.noun, o.noun),
            (&mut self.role, o.role),
        ] {
            a.ok += b.ok;
            a.n += b.n;
        }
        self.extra += o.extra;
        self.extracted += o.extracted;
        self.value_tp += o.value_tp;
        self.sentences += o.sentences;
    }
}

fn dec(v: &toml::Value) -> Option<f64> {
    v.as_str()?.parse::<f64>().ok()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.0001 * b.abs().max(1.0)
}

fn f(d: Option<Decimal>) -> Option<f64> {
    d.and_then(|d| d.to_f64())
}

/// The number the text states, whatever the bound: "more than 300" states 300.
fn stated(q: &Quantity) -> Option<f64> {
    match q.bound {
        Bound::Gt | Bound::Ge => f(q.low).or(f(q.value.map(|v| v.value))),
        Bound::Lt | Bound::Le => f(q.high).or(f(q.value.map(|v| v.value))),
        _ => f(q.value.map(|v| v.value)),
    }
}

fn is_time(q: &Quantity) -> bool {
    matches!(q.dimension, Dimension::Date | Dimension::Time)
}

fn nth_find(hay: &str, needle: &str, n: usize) -> Option<usize> {
    let mut from = 0;
    let mut found = None;
    for _ in 0..n {
        let i = hay[from..].find(needle)? + from;
        found = Some(i);
        from = i + needle.len().max(1);
    }
    found
}

#[test]
fn the_annotated_corpus_scores_above_its_floors() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the corpus has {} beats", files.len());
    let show = std::env::var("FIGCHECK_CORPUS_MISSES").unwrap_or_default();
    let mut beats: BTreeMap<String, Score> = BTreeMap::new();
    let mut total_sentences = 0;
    for path in &files {
        let src = std::fs::read_to_string(path).unwrap();
        let doc: toml::Table =
            toml::from_str(&src).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let beat = doc["beat"].as_str().unwrap().to_string();
        let date = doc.get("date").and_then(|d| d.as_str()).map(|d| {
            d.parse::<jiff::civil::Date>()
                .unwrap_or_else(|e| panic!("{}: date: {e}", path.display()))
        });
        let score = beats.entry(beat.clone()).or_default();
        for s in doc["sentence"].as_array().unwrap() {
            let text = s["text"].as_str().unwrap();
            total_sentences += 1;
            score.sentences += 1;
            let d = Document::from_text("corpus.txt", text.to_string(), Format::Text)
                .unwrap()
                .with_date(date);
            let qs: Vec<Quantity> = figcheck::extract(&d)
                .into_iter()
                .filter(|q| !is_time(q))
                .collect();
            let mut spans = Vec::new();
            let figures = s.get("figure").and_then(|f| f.as_array()).cloned();
            for fig in figures.unwrap_or_default() {
                let ft = fig["text"].as_str().unwrap();
                let occ = fig
                    .get("occurrence")
                    .and_then(|o| o.as_integer())
                    .unwrap_or(1) as usize;
                let start = nth_find(text, ft, occ)
                    .unwrap_or_else(|| panic!("{}: {ft:?} is not in {text:?}", path.display()));
                let (start, end) = (start, start + ft.len());
                spans.push((start, end));
                let q = qs
                    .iter()
                    .filter(|q| q.span.start < end && start < q.span.end)
                    .max_by_key(|q| q.span.end.min(end) - q.span.start.max(start));
                score.found.add(q.is_some());
                let miss = |field: &str, got: String| {
                    if show == field || show == "all" {
                        println!("[{beat}] {field}: {ft:?} in {text:?}: got {got}");
                    }
                };
                let Some(q) = q else {
                    miss("found", "nothing".into());
                    continue;
                };
                score.span.add(q.span.start == start && q.span.end == end);
                // Value: the stated number, or both ends of a range, or a vague amount.
                let value_ok = match (fig.get("value"), fig.get("low"), fig.get("high")) {
                    (Some(v), _, _) => {
                        let want = dec(v).expect("value is a decimal string");
                        stated(q).is_some_and(|g| close(g, want))
                    }
                    (None, Some(lo), Some(hi)) => {
                        let (lo, hi) = (dec(lo).unwrap(), dec(hi).unwrap());
                        f(q.low).is_some_and(|g| close(g, lo))
                            && f(q.high).is_some_and(|g| close(g, hi))
                    }
                    _ => q.bound == Bound::Vague || q.value.is_none(),
                };
                score.value.add(value_ok);
                if value_ok {
                    score.value_tp += 1;
                } else {
                    miss(
                        "value",
                        format!("{:?} [{:?}, {:?}] {:?}", stated(q), q.low, q.high, q.bound),
                    );
                }
                let want_unit = fig.get("unit").and_then(|u| u.as_str());
                let unit_ok = q.unit.as_deref() == want_unit;
                score.unit.add(unit_ok);
                if !unit_ok {
                    miss("unit", format!("{:?} want {want_unit:?}", q.unit));
                }
                if let Some(n) = fig.get("noun").and_then(|n| n.as_str()) {
                    let got = q.lemma.as_deref().unwrap_or("");
                    let ok = got.eq_ignore_ascii_case(n);
                    score.noun.add(ok);
                    if !ok {
                        miss("noun", format!("{got:?} want {n:?}"));
                    }
                }
                if let Some(r) = fig.get("role").and_then(|r| r.as_str()) {
                    let got = q.role.as_deref().unwrap_or("");
                    let ok = got == r;
                    score.role.add(ok);
                    if !ok {
                        miss("role", format!("{got:?} want {r:?}"));
                    }
                }
            }
            for q in &qs {
                score.extracted += 1;
                if !spans
                    .iter()
                    .any(|&(s, e)| q.span.start < e && s < q.span.end)
                {
                    score.extra += 1;
                    if show == "extra" || show == "all" {
                        println!(
                            "[{beat}] extra: {:?} in {text:?}",
                            &text[q.span.start..q.span.end]
                        );
                    }
                }
            }
        }
    }
    assert!(total_sentences >= 400, "{total_sentences} sentences");
    let mut all = Score::default();
    println!(
        "{:<12} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "beat", "figs", "found", "span", "value", "unit", "noun", "role", "extra", "valF1"
    );
    let row = |name: &str, s: &Score| {
        println!(
            "{:<12} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6.3} {:>6} {:>6.3}",
            name,
            s.found.n,
            s.found.rate(),
            s.span.rate(),
            s.value.rate(),
            s.unit.rate(),
            s.noun.rate(),
            s.role.rate(),
            s.extra,
            s.value_f1()
        );
    };
    for (b, s) in &beats {
        row(b, s);
        all.merge(s);
    }
    row("overall", &all);
    println!(
        "{} sentences, {} figures ({} with a noun, {} with a role)",
        all.sentences, all.found.n, all.noun.n, all.role.n
    );
    let got = |k: &str| match k {
        "found" => all.found.rate(),
        "value" => all.value.rate(),
        "unit" => all.unit.rate(),
        "noun" => all.noun.rate(),
        "role" => all.role.rate(),
        "value_f1" => all.value_f1(),
        _ => unreachable!(),
    };
    let below: Vec<String> = FLOORS
        .iter()
        .filter(|(k, floor)| got(k) < *floor)
        .map(|(k, floor)| format!("{k} {:.3} < {floor}", got(k)))
        .collect();
    assert!(below.is_empty(), "below the floors: {}", below.join(", "));
}
