//! The scanner's quick reject: most words of prose cannot start a figure, and trying every
//! production at every word is what made extraction slow. A word that starts with a letter
//! is tried only when it (lower-cased) is one of the words the productions can start with:
//! the first word of every phrase in the tables that start productions (number words,
//! fractions, collectives, hedges, vague amounts, months, weekdays, relative days, currency
//! prefixes, percent words) and the words the productions spell out themselves.
//!
//! Digits and symbols are always tried. A unit test in `scan` checks, by property, that
//! scanning with the filter finds exactly what scanning without it finds.

use super::tables::{TABLES, Tables};
use crate::quantity::Dimension;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// Lower-cased words that may start a production.
static TRIGGERS: LazyLock<HashSet<String>> = LazyLock::new(|| build(&TABLES));

fn first_word_of(phrase: &str, out: &mut HashSet<String>) {
    if let Some(w) = phrase
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
    {
        out.insert(w.to_lowercase());
    }
}

fn build(t: &Tables) -> HashSet<String> {
    let mut s = HashSet::default();
    // Number words start numbers ("twenty-five", "three quarters", "two dozen").
    for k in t
        .units_words
        .keys()
        .chain(t.tens_words.keys())
        .chain(t.hundred_words.keys())
    {
        first_word_of(k, &mut s);
    }
    for k in t.collectives.keys().chain(t.fractions.keys()) {
        first_word_of(k, &mut s);
    }
    for (p, _) in &t.vague {
        first_word_of(p, &mut s);
    }
    for (p, _) in t.hedges_before.iter() {
        first_word_of(p, &mut s);
    }
    for (p, _) in t.months.iter().chain(t.weekdays.iter()) {
        first_word_of(p, &mut s);
    }
    for k in t.relative_days.keys() {
        first_word_of(k, &mut s);
    }
    for (p, _) in t.currency_prefixes.iter() {
        first_word_of(p, &mut s);
    }
    for (p, idx, _) in t.unit_aliases.iter() {
        if t.units[*idx].dimension == Dimension::Percent {
            first_word_of(p, &mut s);
        }
    }
    // Words the productions themselves start with (grammar/quantities.ebnf).
    for w in [
        "a", "an", "one", "all", "full", "half", "whole", "another", "between", "per", "percent",
        "percents", "minus", "negative", "age", "aged", "point", "zero", "naught", "nought",
    ] {
        s.insert(w.to_string());
    }
    s
}

/// Whether a production may start at `word` (the alphabetic run at a word start).
pub fn may_start(word: &str) -> bool {
    let mut buf = [0u8; 24];
    if word.len() <= buf.len() && word.is_ascii() {
        for (b, c) in buf.iter_mut().zip(word.bytes()) {
            *b = c.to_ascii_lowercase();
        }
        let lw = std::str::from_utf8(&buf[..word.len()]).unwrap_or("");
        return TRIGGERS.contains(lw);
    }
    TRIGGERS.contains(&word.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::super::scan::scan_with;
    use super::super::tables::TABLES;
    use proptest::prelude::*;

    /// Words from every table, plus digits, symbols and ordinary words.
    fn vocabulary() -> Vec<String> {
        let t = &*TABLES;
        let mut v: Vec<String> = Vec::new();
        v.extend(t.units_words.keys().cloned());
        v.extend(t.tens_words.keys().cloned());
        v.extend(t.scales.keys().cloned());
        v.extend(t.fractions.keys().cloned());
        v.extend(t.collectives.keys().cloned());
        v.extend(t.keywords.iter().cloned());
        v.extend(t.vague.iter().map(|(p, _)| p.clone()));
        v.extend(t.hedges_before.iter().map(|(p, _)| p.clone()));
        v.extend(t.hedges_after.iter().map(|(p, _)| p.clone()));
        v.extend(t.months.iter().map(|(p, _)| p.clone()));
        v.extend(t.weekdays.iter().map(|(p, _)| p.clone()));
        v.extend(t.currency_prefixes.iter().map(|(p, _)| p.clone()));
        v.extend(t.currency_names.iter().map(|(p, _, _)| p.clone()));
        v.extend(t.unit_aliases.iter().map(|(p, _, _)| p.clone()));
        v.extend(t.roles.iter().map(|(p, _)| p.clone()));
        v.sort();
        v.dedup();
        for w in [
            "111", "80", "3.1", "2,000", "-30", "−4", "1/2", "2026", "30", "%", "$", "°C", "(",
            ")", ",", ".", "-", "drones", "Kyiv", "said", "the", "A", "An", "One", "Two",
        ] {
            v.push(w.to_string());
        }
        v
    }

    /// Every table word or phrase, in front of and after figures, in lower, title and upper
    /// case: the quick reject finds what a full scan finds.
    #[test]
    fn quick_reject_is_exhaustively_safe_on_table_phrases() {
        let date = jiff::civil::Date::new(2026, 1, 30).ok();
        for p in vocabulary() {
            let title: String = p
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .chain(p.chars().skip(1))
                .collect();
            for w in [p.clone(), title, p.to_uppercase()] {
                for text in [
                    format!("{w} 100 drones"),
                    format!("{w} 2,000"),
                    format!("100 {w}"),
                    format!("We saw {w} of them and {w}-day {w} 3 {w}."),
                    format!("{w} {w} 5"),
                ] {
                    assert_eq!(
                        scan_with(&text, date, true),
                        scan_with(&text, date, false),
                        "{text}"
                    );
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// The quick reject never changes what is found.
        #[test]
        fn quick_reject_finds_the_same_figures(idx in prop::collection::vec(any::<prop::sample::Index>(), 1..40), caps in any::<bool>()) {
            let v = vocabulary();
            let mut text: String = idx.iter().map(|i| i.get(&v).as_str()).collect::<Vec<_>>().join(" ");
            if caps {
                text = text.to_uppercase();
            }
            let date = jiff::civil::Date::new(2026, 1, 30).ok();
            prop_assert_eq!(scan_with(&text, date, true), scan_with(&text, date, false), "{}", text);
        }
    }
}
