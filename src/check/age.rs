//! The `age` rule: ages against years of birth, anniversaries against years of founding.

use super::dates::fmt_date;
use super::{Ctx, Rule};
use crate::analysis::DateKind;
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::{Bound, Dimension, Quantity, Span};
use crate::registry::RuleMeta;
use jiff::civil::Date;
use rust_decimal::prelude::ToPrimitive;

declare_rule! {
    pub static AGE = {
        code: "age",
        kind: Check,
        severity: Warning,
        summary: "An age must fit the year of birth, and an anniversary the year of founding.",
        what: "(1) An age written for someone whose year (or date) of birth the same
sentence gives, compared with the document date: `Jones, 62, who was born in 1955`, `the
45-year-old mayor, born in 1981,`, `Jones, who was born in 1955, is 62`, `Born in 1950, Jones,
75, said`. A year of birth without a day allows the birthday not yet reached (born in 1955:
70 or 71 in 2026); a full date of birth gives the exact age, give or take the date slack. (2)
An ordinal anniversary or birthday of the one thing founded or the one person born in the
sentence, in digits or spelled: `founded in 1990, the firm celebrates its 40th anniversary
this year`, `its fortieth anniversary`, `its twenty-fifth anniversary`, `Jones, born in 1966,
celebrates her 60th birthday`. The year of the anniversary is the one written next to
it (`this year`, `next year`, `last year`, `in 2030`), else the document's year give or take one.
Precision first: only when the age and the year clearly belong to the same person or thing in
one sentence (an apposition, a relative clause `who was born`, a possessive `its`/`his`), one
year of birth (or founding) in the sentence, and no other date far from the document date that
the age could be counted at (`In 1990, Jones, 35, who was born in 1955` is silent). Needs the
document date unless the anniversary's own year is written; when it is missing the check is
counted by `undated`.",
        why: "An age or an anniversary is arithmetic the reader can redo; one that is off
by a few years is a wrong figure in a profile or an obituary, and often a sign that the copy was
reused from an earlier year.",
        fires: "`Jones, 62, who was born in 1955, retired.` in a draft dated 2026-03-01;
`Founded in 1990, the firm celebrates its 40th anniversary this year.` in a draft dated
2026-03-01.",
        silent: "`Jones, 70, who was born in 1955, retired.` (or 71); `Founded in 1990, the
firm celebrates its 36th anniversary this year.`; `In 1990, Jones, 35, who was born in 1955,
moved.`; `Jones, 62, whose wife was born in 1955, retired.`",
        not_checked: "An age and a year of birth in different sentences (`Jones is 62. He was
born in 1955.`); ages at another time (`died in 2017
aged 62`); an anniversary counted from anything but a founding verb before its year (`the
firm's founding in 1990`).",
    };
}

/// The `age` rule; its documentation is [`AGE`].
pub struct Age;

/// One word, number or mark of a sentence.
#[derive(Clone, Copy)]
struct Tok<'a> {
    text: &'a str,
    lower: &'a str,
    span: Span,
    /// Written right after the previous token, without a space.
    glued: bool,
}

impl Tok<'_> {
    fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    fn is_any(&self, ws: &[&str]) -> bool {
        ws.contains(&self.lower)
    }
    fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
            && self
                .text
                .chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == '-')
    }
}

/// Verbs that found a thing (`founded in 1990`).
const FOUNDED: &[&str] = &[
    "founded",
    "established",
    "created",
    "formed",
    "opened",
    "launched",
    "incorporated",
    "inaugurated",
    "built",
];

/// What an anniversary may be counted from (`the 40th anniversary of its founding`).
const FOUNDING_NOUNS: &[&str] = &[
    "founding",
    "foundation",
    "creation",
    "opening",
    "launch",
    "establishment",
    "inauguration",
];

/// Words that cannot sit between `the 45-year-old` and its `who was born`: they start another
/// noun phrase or clause, whose person the year of birth may belong to.
const NOT_HEAD: &[&str] = &[
    "of", "and", "or", "with", "whose", "to", "for", "by", "a", "an", "the", "his", "her", "their",
    "its", "whom", "at", "from", "in", "on", "as", "than", "but", "who", "which", "that", "said",
    "says", "was", "is", "has", "had",
];

/// Phrases after which an age is not the age on the document date.
const THEN: &[&[&str]] = &[&["at", "the", "time"], &["then"], &["when"]];

/// How an age is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Form {
    /// `, 62,` (a bare number in apposition) or `is 62`.
    Bare,
    /// `aged 62`.
    Aged,
    /// `62 years old`.
    Old,
    /// `the 62-year-old`.
    Adjectival,
}

/// A year (or date) of birth or of founding, and the verb before it.
struct Anchor<'q> {
    q: &'q Quantity,
    /// Index of the verb (`born`, `founded`) among the sentence's tokens.
    verb: usize,
    /// Its first and last possible days.
    from: Date,
    to: Date,
}

/// How many whole years someone born on `b` has lived on `d`.
fn years(b: Date, d: Date) -> i64 {
    let mut y = i64::from(d.year()) - i64::from(b.year());
    if (d.month(), d.day()) < (b.month(), b.day()) {
        y -= 1;
    }
    y
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn either(lo: i64, hi: i64, f: impl Fn(i64) -> String) -> String {
    match hi - lo {
        0 => f(lo),
        1 => format!("{} or {}", f(lo), f(hi)),
        _ => format!("{} to {}", f(lo), f(hi)),
    }
}

struct Sentence<'a, 'q> {
    toks: Vec<Tok<'a>>,
    /// Its dates (years, months, days with a date).
    dates: Vec<&'q Quantity>,
    /// Its ages, with how each is written.
    ages: Vec<(&'q Quantity, Form)>,
}

impl<'a> Sentence<'a, '_> {
    /// The index of the first token starting at or after `at`.
    fn at(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < at)
    }
    /// The index of the first token after `at` (the token after a figure ending at `at`).
    fn after(&self, end: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < end)
    }
    fn words(&self, from: usize, to: usize) -> Vec<&'a str> {
        self.toks
            .get(from..to.max(from))
            .unwrap_or(&[])
            .iter()
            .map(|t| t.lower)
            .collect()
    }
    fn has_phrase(&self, p: &[&str]) -> bool {
        self.toks
            .windows(p.len())
            .any(|w| w.iter().zip(p).all(|(t, x)| t.is(x)))
    }
}

/// Whether the words between an age and `born` tie the two to one person: `, 62, who was born`
/// (`linker` = `[",", "who", "was"]`), `, 62, born`.
fn linker(ws: &[&str]) -> bool {
    matches!(
        ws,
        [","]
            | [",", "who", "was"]
            | [",", "was"]
            | [")", ","]
            | [")", ",", "who", "was"]
            | [")", "was"]
    )
}

impl Rule for Age {
    fn meta(&self) -> &'static RuleMeta {
        &AGE
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for si in 0..cx.by_sentence.len() {
            let idx = cx.in_sentence(si);
            if idx.is_empty() {
                continue;
            }
            let Some(sent) = cx.an.sentences.get(si) else {
                continue;
            };
            // Only sentences that name a birth, a founding, a birthday or an anniversary.
            let text = cx.doc.prose_of(sent.span.start, sent.span.end);
            let lower = text.to_ascii_lowercase();
            if !["born", "birthday", "anniversary"]
                .iter()
                .chain(FOUNDED)
                .any(|w| lower.contains(w))
            {
                continue;
            }
            let s = self.sentence(cx, si, sent.tokens.clone());
            self.ages(cx, &s, out);
            self.anniversaries(cx, &s, out);
        }
    }
}

impl Age {
    fn sentence<'q>(
        &self,
        cx: &Ctx<'q>,
        si: usize,
        range: std::ops::Range<usize>,
    ) -> Sentence<'q, 'q> {
        let an = cx.an;
        let mut toks = Vec::new();
        let mut spaced = true;
        for t in an.tokens().get(range).unwrap_or(&[]) {
            if t.is_space() {
                spaced = true;
                continue;
            }
            toks.push(Tok {
                text: an.text(t),
                lower: an.lower(t),
                span: t.span(),
                glued: !spaced,
            });
            spaced = false;
        }
        let mut dates = Vec::new();
        let mut ages = Vec::new();
        for &k in cx.in_sentence(si) {
            let q = cx.qs[k];
            if q.dimension == Dimension::Date {
                dates.push(q);
                continue;
            }
            let Some(v) = q.point() else {
                continue;
            };
            if q.approx || q.bound != Bound::Exact || v.value.fract() != rust_decimal::Decimal::ZERO
            {
                continue;
            }
            let Some(n) = v.value.to_i64().filter(|n| (1..=125).contains(n)) else {
                continue;
            };
            let t = cx.text(q.span).to_ascii_lowercase();
            let form = match q.dimension {
                Dimension::Age if t.starts_with("aged ") => Form::Aged,
                Dimension::Age if t.ends_with("years old") || t.ends_with("year old") => Form::Old,
                Dimension::Age if q.adjectival && t.ends_with("old") => Form::Adjectival,
                Dimension::Count
                    if q.unit.is_none()
                        && q.noun.is_none()
                        && t.bytes().all(|b| b.is_ascii_digit())
                        && t == n.to_string() =>
                {
                    Form::Bare
                }
                _ => continue,
            };
            ages.push((q, form));
        }
        Sentence { toks, dates, ages }
    }

    /// A date's first and last days, when it is a year, a month or a day with its year written.
    fn span_of(cx: &Ctx<'_>, q: &Quantity) -> Option<(Date, Date)> {
        let kind = cx.date_kind(q)?;
        if !matches!(kind, DateKind::Year | DateKind::Month | DateKind::Day) {
            return None;
        }
        let t = cx.text(q.span);
        // The year must be written (a bare "March 3" takes the document's year).
        if !t.split(|c: char| !c.is_ascii_digit()).any(|w| w.len() == 4) {
            return None;
        }
        let from = q.date?;
        Some((from, q.date_end.unwrap_or(from)))
    }

    /// The dates of the sentence written after a verb in `verbs` (`born in 1955`, `born on
    /// March 3, 1955`, `born in Leeds in 1955`, `founded in 1990`, `set up in 1990`).
    fn anchors<'q>(cx: &Ctx<'_>, s: &Sentence<'_, 'q>, verbs: &[&str]) -> Vec<Anchor<'q>> {
        let mut out = Vec::new();
        for &q in &s.dates {
            let Some((from, to)) = Self::span_of(cx, q) else {
                continue;
            };
            let first = s.at(q.span.start);
            let mut j = first;
            if j > 0 && s.toks[j - 1].is_any(&["in", "on"]) {
                j -= 1;
                // "born in Leeds, England, in 1955": a place between.
                if j > 0 && !verbs.contains(&s.toks[j - 1].lower) {
                    let mut m = j;
                    let mut n = 0;
                    while m > 0 && n < 6 && (s.toks[m - 1].capitalised() || s.toks[m - 1].is(",")) {
                        m -= 1;
                        n += 1;
                    }
                    if n > 0 && m > 1 && s.toks[m - 1].is("in") && s.toks[m].capitalised() {
                        j = m - 1;
                    }
                }
            }
            let verb = if j > 1 && s.toks[j - 1].is("up") && s.toks[j - 2].is("set") {
                "set"
            } else if j > 0 {
                s.toks[j - 1].lower
            } else {
                continue;
            };
            if !(verbs.contains(&verb) || (verb == "set" && verbs.contains(&"founded"))) {
                continue;
            }
            let v = if verb == "set" { j - 2 } else { j - 1 };
            // "first-born", "co-founded" are fine; "re-established" is not the first founding.
            if v > 1 && s.toks[v].glued && s.toks[v - 1].is("-") && s.toks[v - 2].is("re") {
                continue;
            }
            out.push(Anchor {
                q,
                verb: v,
                from,
                to,
            });
        }
        out
    }

    /// Whether the sentence has a date (other than `skip`) far from the document date, or a
    /// word that sets the age at another time (`at the time`, `when`): the age may then be
    /// counted at that time, not on the document date.
    fn other_time(cx: &Ctx<'_>, s: &Sentence<'_, '_>, skip: &[&Quantity]) -> bool {
        if THEN.iter().any(|p| s.has_phrase(p)) {
            return true;
        }
        let today = cx.doc.date;
        s.dates.iter().any(|q| {
            if skip.iter().any(|k| std::ptr::eq(*k, *q)) {
                return false;
            }
            // "has run it since 2021": a start, not a time the age is counted at.
            let k = s.at(q.span.start);
            if k > 0 && s.toks[k - 1].is("since") {
                return false;
            }
            let (Some(a), Some(t)) = (q.date, today) else {
                // Unresolved: a weekday or a day without its year under no date; a written
                // year always counts.
                return Self::span_of(cx, q).is_some();
            };
            let b = q.date_end.unwrap_or(a);
            let near = |d: Date| (d - t).get_days().abs() <= 45 || (t - d).get_days().abs() <= 45;
            !(near(a) || near(b) || (a <= t && t <= b))
        })
    }

    /// (1) Ages against years of birth.
    fn ages(&self, cx: &Ctx<'_>, s: &Sentence<'_, '_>, out: &mut Vec<Diagnostic>) {
        let births = Self::anchors(cx, s, &["born"]);
        let [b] = births.as_slice() else { return };
        let Some((q, _)) = Self::age_of(s, b) else {
            return;
        };
        if Self::other_time(cx, s, &[b.q]) {
            return;
        }
        let Some(today) = cx.doc.date else {
            cx.skip_undated();
            return;
        };
        if b.to >= today {
            return;
        }
        let Some(n) = q.point().and_then(|f| f.value.to_i64()) else {
            return;
        };
        let slack = cx.opts.tolerance.date_slack_days.clamp(0, 31);
        let days = [
            today
                .checked_sub(jiff::Span::new().days(slack))
                .unwrap_or(today),
            today,
            today
                .checked_add(jiff::Span::new().days(slack))
                .unwrap_or(today),
        ];
        let all: Vec<i64> = [b.from, b.to]
            .iter()
            .flat_map(|&bd| days.iter().map(move |&d| years(bd, d)))
            .collect();
        let (lo, hi) = (
            all.iter().copied().min().unwrap_or(0),
            all.iter().copied().max().unwrap_or(0),
        );
        if lo < 0 || (lo..=hi).contains(&n) {
            return;
        }
        let born = cx.text(b.q.span);
        let on = if cx.date_kind(b.q) == Some(DateKind::Day) {
            "on"
        } else {
            "in"
        };
        let msg = format!(
            "someone born {on} {born} is {} on {}; the text says {}",
            either(lo, hi, |a| a.to_string()),
            fmt_date(today),
            cx.text(q.span)
        );
        let d = cx.diag(self, q.span, msg).with_help(format!(
            "correct the age or the date of birth; the text is dated {}",
            fmt_date(today)
        ));
        out.push(cx.related(d, b.q.span, "the date of birth"));
    }

    /// The age tied to the birth `b`, if one is.
    fn age_of<'q>(s: &Sentence<'_, 'q>, b: &Anchor<'q>) -> Option<(&'q Quantity, Form)> {
        let born_at = s.toks[b.verb].span.start;
        let date_end = b.q.span.end;
        // (a) Before: "Jones, 62, who was born in 1955", "the 45-year-old mayor, born in 1981".
        if let Some(&(q, form)) = s.ages.iter().rev().find(|(q, _)| q.span.end <= born_at) {
            let a0 = s.at(q.span.start);
            let a1 = s.after(q.span.end);
            let gap = s.words(a1, b.verb);
            let ok = match form {
                Form::Bare => {
                    let prev = s.words(a0.saturating_sub(2), a0);
                    let apposition = a0 >= 2
                        && prev.first() != Some(&"the")
                        && s.toks[a0 - 2].capitalised()
                        && matches!(prev.as_slice(), [_, ","] | [_, "("]);
                    let paren = prev.last() == Some(&"(");
                    apposition && linker(&gap) && (paren == gap.first().is_some_and(|w| *w == ")"))
                }
                Form::Aged | Form::Old => {
                    let prev = s.words(a0.saturating_sub(1), a0);
                    prev.as_slice() == [","] && linker(&gap)
                }
                Form::Adjectival => {
                    let cut = gap
                        .iter()
                        .position(|w| matches!(*w, "," | "who" | "was"))
                        .unwrap_or(gap.len());
                    let (head, link) = gap.split_at(cut);
                    let head_ok = head.len() <= 3
                        && head
                            .iter()
                            .all(|w| !NOT_HEAD.contains(w) && w.chars().all(|c| c.is_alphabetic()));
                    head_ok
                        && (linker(link) || matches!(link, ["who", "was"] | ["was"]))
                        && !s.toks[a1.min(s.toks.len() - 1)].glued
                }
            };
            if ok {
                return Some((q, form));
            }
        }
        // After the date of birth.
        let q_after = s.ages.iter().find(|(q, _)| q.span.start >= date_end);
        let &(q, form) = q_after?;
        let d1 = s.after(date_end);
        let a0 = s.at(q.span.start);
        let gap = s.words(d1, a0);
        let pre = s.words(b.verb.saturating_sub(3), b.verb);
        // (b) "Jones, who was born in 1955, is 62", "Jones was born in 1955 and is now 62".
        let who = pre.ends_with(&[",", "who", "was"]);
        let named = pre.ends_with(&["was"])
            && b.verb >= 2
            && s.toks[b.verb - 2].capitalised()
            && !s.toks[b.verb - 2].is_any(&["it", "this", "that"]);
        let is = |g: &[&str], head: &str| {
            matches!(g, [h, "is"] | [h, "is", "now"] if *h == head)
                && matches!(form, Form::Bare | Form::Aged | Form::Old)
        };
        if (who && is(&gap, ",")) || (named && is(&gap, "and")) {
            let next = s.words(s.after(q.span.end), s.after(q.span.end) + 1);
            let ends = matches!(next.as_slice(), [] | ["."] | [","] | [";"] | ["and"]);
            if form != Form::Bare || ends {
                return Some((q, form));
            }
        }
        // (c) "Born in 1950, Jones, 75, said", "Born in 1981, the 45-year-old mayor".
        if b.verb == 0 {
            match (gap.as_slice(), form) {
                ([",", "the"], Form::Adjectival) => return Some((q, form)),
                ([",", name @ .., ","], Form::Bare | Form::Aged)
                    if (1..=4).contains(&name.len())
                        && (d1 + 1..a0 - 1).all(|i| s.toks[i].capitalised()) =>
                {
                    let next = s.words(s.after(q.span.end), s.after(q.span.end) + 1);
                    if form != Form::Bare || next.as_slice() == [","] {
                        return Some((q, form));
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// (2) Ordinal anniversaries and birthdays against years of founding and of birth.
    fn anniversaries(&self, cx: &Ctx<'_>, s: &Sentence<'_, '_>, out: &mut Vec<Diagnostic>) {
        // (first token of the ordinal, the noun's token, the ordinal, a birthday).
        let mut found = Vec::new();
        for n in 1..s.toks.len() {
            let noun = &s.toks[n];
            if noun.glued || !noun.is_any(&["anniversary", "birthday"]) {
                continue;
            }
            let Some((first, v)) =
                Self::digit_ordinal(s, n).or_else(|| Self::word_ordinal(cx, s, n))
            else {
                continue;
            };
            if (1..=500).contains(&v) {
                found.push((first, n, v, noun.is("birthday")));
            }
        }
        // One ordinal of each kind in the sentence, or the sentence is not read.
        for birthday in [false, true] {
            let mine: Vec<_> = found.iter().filter(|f| f.3 == birthday).collect();
            let &[&(first, n, v, _)] = mine.as_slice() else {
                continue;
            };
            self.anniversary(cx, s, (first, n), v, birthday, out);
        }
    }

    /// "40th" before the noun at `n`: a number glued to its ordinal suffix.
    fn digit_ordinal(s: &Sentence<'_, '_>, n: usize) -> Option<(usize, i64)> {
        let i = n.checked_sub(2)?;
        let (num, suf) = (&s.toks[i], &s.toks[i + 1]);
        if !suf.glued
            || !suf.is_any(&["st", "nd", "rd", "th"])
            || !num.text.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let v = num.text.parse::<i64>().ok()?;
        (ordinal(v) == format!("{}{}", num.text, suf.lower)).then_some((i, v))
    }

    /// A spelled ordinal before the noun at `n`: "fortieth", "twenty-fifth", "forty first",
    /// "hundredth", "one hundred and fiftieth", "two hundredth".
    fn word_ordinal(cx: &Ctx<'_>, s: &Sentence<'_, '_>, n: usize) -> Option<(usize, i64)> {
        let t = cx.opts.grammar.tables();
        let value = |w: &str| -> Option<i64> {
            if !t.ordinals.contains(w) {
                return None;
            }
            match w {
                "first" => Some(1),
                "second" => Some(2),
                "last" | "next" => None,
                _ => t.fractions.get(w)?.to_i64(),
            }
        };
        let tens = |k: usize| t.tens_words.get(s.toks[k].lower).map(|&v| i64::from(v));
        let mut first = n.checked_sub(1)?;
        let mut v = value(s.toks[first].lower)?;
        if v >= 1000 {
            return None;
        }
        // "twenty-fifth", "forty first".
        if v < 10 && first >= 1 {
            if s.toks[first].glued
                && s.toks[first - 1].is("-")
                && first >= 2
                && s.toks[first - 1].glued
                && let Some(x) = tens(first - 2)
            {
                v += x;
                first -= 2;
            } else if !s.toks[first].glued
                && let Some(x) = tens(first - 1)
            {
                v += x;
                first -= 1;
            }
        }
        // "one hundred and fiftieth", "two hundredth".
        let units = |k: usize| t.units_words.get(s.toks[k].lower).map(|&u| i64::from(u));
        if v == 100 {
            if let Some(u) = first.checked_sub(1).and_then(units).filter(|u| *u < 10) {
                v = u * 100;
                first -= 1;
            }
        } else if first >= 2 {
            let and = usize::from(s.toks[first - 1].is("and"));
            if first >= 2 + and
                && s.toks[first - 1 - and].is("hundred")
                && let Some(u) = units(first - 2 - and).filter(|u| *u < 10)
            {
                v += u * 100;
                first -= 2 + and;
            }
        }
        Some((first, v))
    }

    fn anniversary(
        &self,
        cx: &Ctx<'_>,
        s: &Sentence<'_, '_>,
        (i, noun): (usize, usize),
        v: i64,
        birthday: bool,
        out: &mut Vec<Diagnostic>,
    ) {
        // Whose: "its 40th anniversary", "the 40th anniversary of its founding", "her 60th
        // birthday".
        let prev = if i > 0 { s.toks[i - 1].lower } else { "" };
        let next = s.words(noun + 1, noun + 4);
        let of = next.first() == Some(&"of");
        let whose = if birthday {
            ["his", "her", "their"].contains(&prev) && !of
        } else {
            (["its", "their"].contains(&prev) && !of)
                || (prev == "the"
                    && matches!(next.as_slice(), ["of", "its" | "their", n, ..] if FOUNDING_NOUNS.contains(n)))
        };
        if !whose {
            return;
        }
        let anchors = if birthday {
            Self::anchors(cx, s, &["born"])
        } else {
            Self::anchors(cx, s, FOUNDED)
        };
        let [a] = anchors.as_slice() else { return };
        // Nothing between the year and the anniversary that could own either: another
        // possessive ("the club celebrates its 125th anniversary, and its stadium, built in
        // 1923"), a clause break.
        let (x, y) = if a.verb < i {
            (a.verb, i)
        } else {
            (noun + 1 + usize::from(of) * 3, a.verb)
        };
        let owners = ["its", "their", "his", "her", ";", ":", "—", "–"];
        if s.toks[x..y.max(x)].iter().enumerate().any(|(k, t)| {
            (t.is_any(&owners) && x + k + 1 != i)
                || t.text.ends_with("'s")
                || t.text.ends_with("’s")
        }) {
            return;
        }
        // The anniversary's year: written next to it, else the document's, give or take one.
        let after = noun + 1 + usize::from(of) * 3;
        let tail = s.words(after, after + 2);
        let mut skip = vec![a.q];
        // "this year", "next year": a date the grammar reads; it is the anniversary's own.
        if let Some(t) = s.toks.get(after)
            && tail.len() == 2
            && tail[1] == "year"
            && let Some(q) = s.dates.iter().find(|q| q.span.start == t.span.start)
        {
            skip.push(q);
        }
        let written: Option<i64> = match tail.as_slice() {
            ["this", _] | ["today", ..] => cx.doc.date.map(|d| i64::from(d.year())),
            ["next", "year"] => cx.doc.date.map(|d| i64::from(d.year()) + 1),
            ["last", "year"] => cx.doc.date.map(|d| i64::from(d.year()) - 1),
            ["in", _] | ["on", _] => {
                let at = s.toks.get(after + 1).map_or(usize::MAX, |t| t.span.start);
                let q = s.dates.iter().find(|q| q.span.start == at);
                match q.and_then(|q| Self::span_of(cx, q).map(|sp| (q, sp))) {
                    Some((q, (f, t))) if f.year() == t.year() => {
                        skip.push(q);
                        Some(i64::from(f.year()))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let relative = matches!(
            tail.as_slice(),
            ["this" | "next" | "last", "year"] | ["this", _] | ["today", ..]
        );
        if written.is_none() && relative {
            cx.skip_undated();
            return;
        }
        // "last year" or "next year" elsewhere in the sentence: another time.
        if written.is_none() && (s.has_phrase(&["last", "year"]) || s.has_phrase(&["next", "year"]))
        {
            return;
        }
        if Self::other_time(cx, s, &skip) {
            return;
        }
        let (lo, hi, year) = match written {
            Some(y) => (y, y, y),
            None => {
                let Some(today) = cx.doc.date else {
                    cx.skip_undated();
                    return;
                };
                let y = i64::from(today.year());
                if s.has_phrase(&["this", "year"]) {
                    (y, y, y)
                } else {
                    (y - 1, y + 1, y)
                }
            }
        };
        let y0 = i64::from(a.from.year());
        if i64::from(a.to.year()) != y0 || y0 >= hi {
            return;
        }
        let (elo, ehi) = (lo - y0, hi - y0);
        if (elo..=ehi).contains(&v) {
            return;
        }
        let span = Span::new(s.toks[i].span.start, s.toks[noun - 1].span.end);
        let (what, verb) = if birthday {
            ("birthday", "born")
        } else {
            ("anniversary", s.toks[a.verb].lower)
        };
        let when = if lo == hi {
            format!("in {year}")
        } else {
            format!("around {year}")
        };
        let msg = format!(
            "{verb} in {y0}, the {what} {when} is the {}; the text says {}",
            either(elo, ehi, ordinal),
            cx.text(span)
        );
        let d = cx
            .diag(self, span, msg)
            .with_help(format!("correct the {what} or the year it is counted from"));
        out.push(cx.related(d, a.q.span, format!("the year it was {verb}")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{CheckOptions, check};
    use crate::source::Document;

    fn ages(date: &str, text: &str) -> Vec<String> {
        let doc = Document::from_text(
            "t.md",
            format!("---\ndate: {date}\n---\n{text}\n"),
            crate::Format::Markdown,
        )
        .unwrap();
        let qs = crate::extract(&doc);
        check(&doc, &qs, &CheckOptions::default())
            .into_iter()
            .filter(|d| d.code == "age")
            .map(|d| doc.text[d.span.start..d.span.end].to_string())
            .collect()
    }

    #[test]
    fn whole_years_count_the_birthday() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(years(d("1955-03-02"), d("2026-03-01")), 70);
        assert_eq!(years(d("1955-03-01"), d("2026-03-01")), 71);
        assert_eq!(years(d("1955-12-31"), d("2026-12-31")), 71);
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(113), "113th");
        assert_eq!(ordinal(103), "103rd");
    }

    #[test]
    fn an_age_off_its_year_of_birth_fires_and_either_side_of_the_birthday_is_silent() {
        let s = "Jones, {}, who was born in 1955, retired.";
        assert_eq!(ages("2026-03-01", &s.replace("{}", "62")), ["62"]);
        assert_eq!(ages("2026-03-01", &s.replace("{}", "72")), ["72"]);
        for ok in ["70", "71"] {
            assert!(ages("2026-03-01", &s.replace("{}", ok)).is_empty(), "{ok}");
        }
        // A full date of birth gives the exact age.
        let s = "Mara Liu, aged {}, who was born on June 4, 1980, won.";
        assert!(ages("2026-03-01", &s.replace("{}", "45")).is_empty());
        assert_eq!(ages("2026-03-01", &s.replace("{}", "46")), ["aged 46"]);
    }

    #[test]
    fn anniversaries_take_the_year_written_next_to_them() {
        let s = "Founded in 1990, the firm celebrates its {} anniversary this year.";
        assert_eq!(ages("2026-03-01", &s.replace("{}", "40th")), ["40th"]);
        assert_eq!(ages("2026-03-01", &s.replace("{}", "35th")), ["35th"]);
        assert!(ages("2026-03-01", &s.replace("{}", "36th")).is_empty());
        let s = "The choir, formed in 1968, will celebrate its {} anniversary in 2028.";
        assert!(ages("2026-03-01", &s.replace("{}", "60th")).is_empty());
        assert_eq!(ages("2026-03-01", &s.replace("{}", "58th")), ["58th"]);
    }

    #[test]
    fn spelled_ordinals_are_read_as_the_digits_are() {
        let s = "Set up in 1971, the lifeboat crew marks its {} anniversary next year.";
        for (ord, fires) in [
            ("fiftieth", true),
            ("fifty-sixth", false),
            ("fifty sixth", false),
            ("fifty-fifth", true),
            ("sixtieth", true),
        ] {
            let got = ages("2026-03-01", &s.replace("{}", ord));
            assert_eq!(got.len(), usize::from(fires), "{ord}: {got:?}");
            if fires {
                assert_eq!(got[0], ord);
            }
        }
        let s = "Founded in 1926, the orchestra gives a gala for its {} anniversary this year.";
        assert!(ages("2026-03-01", &s.replace("{}", "hundredth")).is_empty());
        assert!(ages("2026-03-01", &s.replace("{}", "one hundredth")).is_empty());
        assert_eq!(
            ages("2026-03-01", &s.replace("{}", "ninety-ninth")),
            ["ninety-ninth"]
        );
        let s = "Founded in 1876, the club celebrates its {} anniversary this year.";
        assert!(ages("2026-03-01", &s.replace("{}", "one hundred and fiftieth")).is_empty());
        assert_eq!(
            ages("2026-03-01", &s.replace("{}", "one hundred and fortieth")),
            ["one hundred and fortieth"]
        );
        // Not the founding's: "the fortieth anniversary of the treaty".
        assert!(
            ages(
                "2026-03-01",
                "The museum, opened in 1990, hosted the fortieth anniversary of the treaty."
            )
            .is_empty()
        );
    }

    #[test]
    fn another_person_another_time_or_another_owner_is_silent() {
        for s in [
            "Jones, 62, whose wife was born in 1955, retired.",
            "In 1990, Jones, 35, who was born in 1975, moved.",
            "The 45-year-old son of a miner who was born in 1930 spoke.",
            "The club, founded in 1990, hosted the 50th anniversary of the town's charter.",
            "The club celebrates its 125th anniversary this year; its stadium was built in 1923.",
            "Jones, who was born in 1955, was 62 when he died in 2017.",
            "Jones, 62, and Smith, who was born in 1950, spoke.",
        ] {
            assert!(ages("2026-03-01", s).is_empty(), "{s}");
        }
    }
}
