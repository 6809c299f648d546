//! The scanner: walks the prose sentence by sentence, tries the productions at each word
//! start, and attaches each figure's counted noun, role and direction.
//!
//! Work is linear in the input: each position is tried once, every production looks ahead a
//! bounded number of words, and a match moves the scanner past its end.
//!
//! The parts: this module is the scanner loop (sentence by sentence, production by production);
//! [`designation`] tells designations and other digit-bearing names from figures; [`lists`]
//! gives a list's members the unit written once at its end; [`resolve`]
//! resolves written dates against the document date; [`context`] is the context pass (words,
//! counted nouns, roles, direction).

mod context;
mod designation;
mod lists;
mod resolve;
#[cfg(test)]
mod tests;

pub(crate) use context::is_number_word;
use context::*;
pub(crate) use designation::*;
pub use resolve::date_quantity;

use std::borrow::Cow;
use std::cell::RefCell;

use super::cx::Cx;
use super::date::{self, RawDate};
use super::lexicon::{self, Closed, Reading, VerbForm};
use super::number::NumKind;
use super::quantity::{Parsed, quantity};
use super::sentence::{clauses_into, sentences};
use super::tables::{Tables, WordClass, word_class};
use super::text::is_word_char;
use super::text::phrase_ci;
use crate::quantity::{Bound, Dimension, Direction, Figure, Quantity, Span};
use jiff::ToSpan;
use jiff::civil::Date;
use rust_decimal::Decimal;

/// Words before a bare month name that make it a date ("in March").
const MONTH_CONTEXT: &[&str] = &[
    "in", "since", "until", "till", "by", "early", "late", "mid", "last", "next", "this", "from",
    "through", "before", "after", "during", "of", "to", "and", "or", "between",
];

/// Nouns that turn an event noun into a modifier ("a drone attack" is not one drone).
const COMPOUND_HEADS: &[&str] = &[
    "attack",
    "attacks",
    "strike",
    "strikes",
    "alert",
    "alerts",
    "debris",
    "threat",
    "threats",
    "warning",
    "warnings",
    "operator",
    "operators",
    "production",
    "program",
    "programme",
    "war",
    "wreckage",
    "fragments",
    "launch",
    "launcher",
    "launchers",
    "defense",
    "defence",
    "defenses",
    "defences",
    "system",
    "systems",
    "factory",
    "factories",
    "maker",
    "makers",
    "manufacturer",
    "technology",
    "units",
    "unit",
    "boat",
    "boats",
    "carrier",
    "site",
    "sites",
];

/// Extracts every figure of a document's prose, in order of position.
pub fn scan(t: &Tables, prose: &str, doc_date: Option<Date>) -> Vec<Quantity> {
    scan_with::<true>(t, prose, doc_date)
}

/// [`scan`], with or without the scanner's ASCII fast paths (`FAST`): both give the same
/// figures, which a property test checks.
fn scan_with<const FAST: bool>(t: &Tables, prose: &str, doc_date: Option<Date>) -> Vec<Quantity> {
    let mut out = Vec::new();
    scan_into::<FAST>(t, prose, doc_date, &mut out, |_| {});
    out
}

/// [`scan`], handing the figures over in order, a batch of whole sentences at a time, so that
/// memory holds one batch whatever the size of the prose. Every figure is read from its own
/// sentence alone, so the figures are those [`scan`] returns.
pub fn scan_each(
    t: &Tables,
    prose: &str,
    doc_date: Option<Date>,
    mut each: impl FnMut(&mut [Quantity]),
) {
    /// Figures per batch: large enough that handing over costs nothing, small beside any
    /// document worth streaming.
    const BATCH: usize = 1024;
    let mut out = Vec::new();
    scan_into::<true>(t, prose, doc_date, &mut out, |out| {
        if out.len() >= BATCH {
            each(out);
            out.clear();
        }
    });
    if !out.is_empty() {
        each(&mut out);
    }
}

/// The scan: each sentence's figures are appended to `out`, read in their sentence's context,
/// then `sentence_done` sees `out` (and may take what it holds).
fn scan_into<const FAST: bool>(
    t: &Tables,
    prose: &str,
    doc_date: Option<Date>,
    out: &mut Vec<Quantity>,
    mut sentence_done: impl FnMut(&mut Vec<Quantity>),
) {
    // One context per scan: the tables, and memo caches that answer for slices of `prose`.
    let cx = &Cx::over(t, prose);
    let sents = sentences(prose);
    let mut scratch = Scratch::default();
    for (si, s) in sents.iter().enumerate() {
        let before = out.len();
        scan_sentence::<FAST>(cx, prose, *s, si, doc_date, out);
        resolve::in_context(cx, prose, *s, si, doc_date, out, before);
        lists::share_units(cx, prose, &mut out[before..]);
        attach_context(cx, prose, *s, &mut out[before..], &mut scratch);
        sentence_done(out);
    }
}

/// Words after which "last year", "next month" is not the calendar period against the document
/// date: "the next year" (counted from another time), "his last year in office", "every
/// next week".
const PERIOD_OWNERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "my", "our", "your", "whose", "each", "every",
    "past",
];

/// Whether the text before `i` (from `lo`) ends with a possessive: "the firm's ", "the
/// companies' ".
fn after_possessive(prose: &str, lo: usize, i: usize) -> bool {
    let h = prose[lo..i].trim_end();
    ["'s", "’s", "s'", "s’"].iter().any(|p| h.ends_with(p))
}

fn prev_char(prose: &str, i: usize) -> Option<char> {
    prose[..i].chars().next_back()
}

fn prev_word(prose: &str, lo: usize, i: usize) -> &str {
    let before = prose[lo..i].trim_end();
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map_or(0, |k| {
            k + before[k..].chars().next().map_or(1, char::len_utf8)
        });
    before[start..].trim_end_matches('.')
}

/// The word before a figure's start, read when a rule asks for it (most figures need
/// neither form).
struct PrevWord<'a> {
    prose: &'a str,
    lo: usize,
    i: usize,
    word: std::cell::OnceCell<(&'a str, std::borrow::Cow<'a, str>)>,
}

impl<'a> PrevWord<'a> {
    fn new(prose: &'a str, lo: usize, i: usize) -> PrevWord<'a> {
        PrevWord {
            prose,
            lo,
            i,
            word: std::cell::OnceCell::new(),
        }
    }

    fn get(&self) -> &(&'a str, std::borrow::Cow<'a, str>) {
        self.word.get_or_init(|| {
            let raw = prev_word(self.prose, self.lo, self.i);
            (raw, super::number::lower(raw))
        })
    }

    /// The word as written.
    fn raw(&self) -> &'a str {
        self.get().0
    }

    /// The word in lower case.
    fn lower(&self) -> &str {
        &self.get().1
    }
}

/// The run of alphanumerics and inner hyphens starting at `i`.
fn token_end(prose: &str, i: usize, hi: usize) -> usize {
    // ASCII byte by byte; a token with any other char is read char by char.
    let b = prose.as_bytes();
    let (mut k, mut end) = (i, i);
    while k < hi {
        let c = b[k];
        if !c.is_ascii() {
            return token_end_chars(prose, i, hi);
        }
        if c.is_ascii_alphanumeric() {
            end = k + 1;
        } else if matches!(c, b'-' | b'.' | b'/') && end == k && k + 1 < hi {
            match b[k + 1] {
                n if !n.is_ascii() => return token_end_chars(prose, i, hi),
                n if !n.is_ascii_alphanumeric() => break,
                _ => {}
            }
        } else {
            break;
        }
        k += 1;
    }
    end
}

/// [`token_end`] for any chars.
fn token_end_chars(prose: &str, i: usize, hi: usize) -> usize {
    let s = &prose[i..hi];
    let mut end = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = k + c.len_utf8();
        } else if (c == '-' || c == '.' || c == '/')
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
            && end == k
        {
            continue;
        } else {
            break;
        }
    }
    i + end
}

fn scan_sentence<const FAST: bool>(
    cx: &Cx,
    prose: &str,
    s: Span,
    si: usize,
    doc_date: Option<Date>,
    out: &mut Vec<Quantity>,
) {
    let b = prose.as_bytes();
    let t = cx.t;
    let mut i = s.start;
    while i < s.end {
        // Fast paths for ASCII, where a byte is a char: spaces, letters inside a word, and a
        // plain word of letters that no figure starts with. Each gives the same result as the
        // general path below, without decoding chars.
        match b[i] {
            _ if !FAST => {}
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                i += 1;
                continue;
            }
            c if c.is_ascii_alphabetic() => {
                if i > s.start && prev_is_alphanumeric(prose, i) {
                    // Inside a word: the general path would step one char at a time.
                    i += 1;
                    while i < s.end && b[i].is_ascii_alphanumeric() {
                        i += 1;
                    }
                    continue;
                }
                if let Some(e) = plain_word(b, i, s.end)
                    && !starts_figure(t, &prose[i..e])
                {
                    i = e;
                    continue;
                }
            }
            _ => {}
        }
        let Some(c) = prose[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let prev = prev_char(prose, i);
        let at_word_start = prev.is_none_or(|p| !p.is_alphanumeric()) || i == s.start;
        let symbol_start =
            !c.is_alphanumeric() && !matches!(c, '-' | '.' | ',' | '/' | ':' | '\'' | '’');
        if !(at_word_start || symbol_start)
            || (matches!(c, '-' | '.') && prev.is_some_and(|p| p.is_alphanumeric() || p == '-'))
        {
            i += c.len_utf8();
            continue;
        }
        // A "+" before digits belongs to a phone number's token ("+1-222-2222-2222").
        let tok_start = if c == '+' && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i + 1
        } else {
            i
        };
        let tend = token_end(prose, tok_start, s.end);
        let rest = &prose[i..s.end];
        // A word no figure starts with is skipped whole below, as a designation would be: so
        // the designation test is needed only where a figure could start.
        let start = could_start(cx, rest);
        if start && tend > tok_start && is_designation(cx, &prose[tok_start..tend]) {
            i = tend;
            continue;
        }
        if start
            && c.is_ascii_digit()
            && let Some(len) = not_figure(cx, prose, s, i, rest)
        {
            i += len;
            continue;
        }
        if start && let Some((len, q)) = try_at(cx, prose, s, i, rest, si, doc_date) {
            let skip = trim_end(prose, i, i + len);
            // A figure whose production read past its span (the denominator of a price, "$81
            // a barrel") has its span set already; the scanner goes on after all it read.
            let end = if q.span.end > i {
                trim_end(prose, i, q.span.end)
            } else {
                skip
            };
            if end > i {
                let mut q = q;
                q.span = Span::new(i, end);
                out.push(q);
                i = skip;
                continue;
            }
        }
        // No figure here: skip the rest of the word.
        i = if tend > i { tend } else { i + c.len_utf8() };
    }
}

/// Whether the char before `i` is alphanumeric (reads one byte when it is ASCII).
fn prev_is_alphanumeric(prose: &str, i: usize) -> bool {
    match prose.as_bytes()[i - 1] {
        p if p.is_ascii() => p.is_ascii_alphanumeric(),
        _ => prev_char(prose, i).is_some_and(char::is_alphanumeric),
    }
}

/// The end of a token of ASCII letters starting at `i` (before `hi`) when the token is just
/// those letters: the next byte ends it (ASCII, not alphanumeric, and not a `-`, `.` or `/`
/// that could join it to more). `None` when the general path must decide.
fn plain_word(b: &[u8], i: usize, hi: usize) -> Option<usize> {
    let run = b.get(i..hi)?;
    let e = i + run
        .iter()
        .position(|c| !c.is_ascii_alphabetic())
        .unwrap_or(run.len());
    if e == hi {
        return Some(e);
    }
    let ends = |k: usize| {
        b.get(k)
            .is_none_or(|n| n.is_ascii() && !n.is_ascii_alphanumeric())
    };
    let ended = match b[e] {
        // A joiner ends the token unless an alphanumeric follows it.
        b'-' | b'.' | b'/' => ends(e + 1),
        _ => ends(e),
    };
    ended.then_some(e)
}

/// `could_start` for a whole word `w` of ASCII letters: one look-up of its word class, after
/// the cheap filter of [`StarterShapes`](super::tables::StarterShapes) (most words fail it).
/// The same answer as [`starts_figure_plain`], which a property test checks.
fn starts_figure(t: &Tables, w: &str) -> bool {
    w.len() <= 24 && t.context.starter_shapes.may_start(w.as_bytes()) && starts_figure_plain(t, w)
}

/// [`starts_figure`] without its filter: whether the word class of `w` is a starter's.
fn starts_figure_plain(t: &Tables, w: &str) -> bool {
    w.len() <= 24 && word_class(t, w).is_some_and(|c| c.any_of(WordClass::STARTER))
}

/// Whether a figure can start here: a digit, a char some production starts with, or a word in
/// `Tables::starters`. Most words fail this cheap test and are skipped without trying the
/// productions.
fn could_start(cx: &Cx, rest: &str) -> bool {
    let Some(c) = rest.chars().next() else {
        return false;
    };
    if c.is_ascii_digit() {
        return true;
    }
    if !c.is_alphabetic() {
        return cx.t.start_chars.contains(&c);
    }
    let n = rest
        .find(|ch: char| !ch.is_alphabetic())
        .unwrap_or(rest.len());
    let w = &rest[..n];
    if n > 24 {
        return false;
    }
    if w.is_ascii() {
        starts_figure(cx.t, w)
    } else {
        cx.t.starters.contains(&w.to_lowercase())
    }
}

/// The lower-case letters word at the start of `s` (empty when `s` starts with no letter).
fn next_lower_word(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

fn trim_end(prose: &str, start: usize, end: usize) -> usize {
    let t = prose[start..end].trim_end();
    // A trailing comma or full stop that is not part of a unit abbreviation.
    start + t.len()
}

pub(crate) fn try_at(
    cx: &Cx,
    prose: &str,
    s: Span,
    i: usize,
    rest: &str,
    si: usize,
    doc_date: Option<Date>,
) -> Option<(usize, Quantity)> {
    let first = rest.chars().next()?;
    let pw = PrevWord::new(prose, s.start, i);
    let t = cx.t;
    // Clock times.
    if first.is_ascii_digit()
        && let Ok((r, minutes)) = date::clock(cx, rest)
    {
        let mut q = Quantity::new(Span::default(), Dimension::Time);
        q.sentence = si;
        q.clock = jiff::civil::Time::new(
            i8::try_from(minutes / 60 % 24).unwrap_or(0),
            i8::try_from(minutes % 60).unwrap_or(0),
            0,
            0,
        )
        .ok();
        return Some((rest.len() - r.len(), q));
    }
    // Calendar dates.
    // A date starts with a digit or a month's capital.
    if (first.is_ascii_digit() || first.is_ascii_uppercase())
        && let Ok((r, raw)) = date::date(cx, rest)
    {
        return Some((rest.len() - r.len(), date_quantity(raw, doc_date, si)));
    }
    // Numeric dates: "23.11.2023" anywhere; "23/11/2023" beside a weekday, or anywhere when
    // the configuration says the desk writes them (`date_order`).
    if first.is_ascii_digit()
        && !prev_char(prose, i).is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | '/'))
        && let Ok((r, raw)) = date::numeric(cx, rest)
        && (rest
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with('.')
            || t.date_order.is_some()
            || resolve::after_weekday(cx, head_before(prose, i, 24)))
    {
        return Some((rest.len() - r.len(), date_quantity(raw, doc_date, si)));
    }
    // "the 2023-24 season", "between 1995 and 1999": a span of years, not a count or range.
    if may_be_year_span(rest)
        && let Ok((r, (y1, y2))) = date::year_span(cx, rest)
    {
        let mut q = Quantity::new(Span::default(), Dimension::Date);
        q.sentence = si;
        q.date = Date::new(y1, 1, 1).ok();
        q.date_end = Date::new(y2, 12, 31).ok();
        q.date_kind = Some("years");
        return Some((rest.len() - r.len(), q));
    }
    // Every weekday name and abbreviation starts with an ASCII capital (`may_be_weekday`).
    if may_be_weekday(rest)
        && let Ok((r, raw)) = date::weekday_date(cx, rest)
    {
        return Some((rest.len() - r.len(), date_quantity(raw, doc_date, si)));
    }
    // "last year", "this month", "earlier this week"; "the past year".
    if matches!(
        first,
        'l' | 't' | 'n' | 'e' | 'p' | 'L' | 'T' | 'N' | 'E' | 'P'
    ) {
        if matches!(first, 'p' | 'P') {
            if pw.lower() == "the"
                && let Ok((r, raw)) = date::trailing_period(cx, rest)
            {
                return Some((rest.len() - r.len(), date_quantity(raw, doc_date, si)));
            }
        } else if !PERIOD_OWNERS.contains(&pw.lower())
            && !after_possessive(prose, s.start, i)
            && let Ok((r, raw)) = date::relative_period(cx, rest)
        {
            return Some((rest.len() - r.len(), date_quantity(raw, doc_date, si)));
        }
    }
    if first.is_lowercase()
        && let Ok((r, raw)) = date::relative_day(cx, rest)
    {
        return Some((rest.len() - r.len(), date_quantity(raw, doc_date, si)));
    }
    if first.is_uppercase()
        && MONTH_CONTEXT.contains(&pw.lower())
        && let Ok((r, raw)) = date::bare_month(cx, rest)
    {
        return Some((rest.len() - r.len(), date_quantity(raw, doc_date, si)));
    }
    // A number after a designator word ("Apollo 11", "Section 5", "version 2.1"), or joined to
    // one after a plural designator ("junctions 10 and 11").
    if first.is_ascii_digit()
        && (cx.t.designators.contains(pw.lower())
            || cx.t.designators_exact.contains(pw.raw())
            || (matches!(pw.lower(), "and" | "or" | "to" | "&")
                && after_plural_designator(cx, prose, s, i)))
    {
        return None;
    }
    if first.is_ascii_digit() && cx.t.phone_words.contains(pw.lower()) {
        return None;
    }
    // "how about 2", "what about five": "about" asks, it hedges nothing (the number after it
    // is tried on its own).
    if (first == 'a' || first == 'A') && super::text::phrase_ci(rest, "about").is_some() {
        let before = prose[s.start..i].trim_end_matches([' ', '\t']).as_bytes();
        let asks = |w: &[u8]| {
            before.len() >= w.len()
                && before[before.len() - w.len()..].eq_ignore_ascii_case(w)
                && before
                    .len()
                    .checked_sub(w.len() + 1)
                    .is_none_or(|k| !before[k].is_ascii_alphanumeric())
        };
        if asks(b"how") || asks(b"what") {
            return None;
        }
    }
    if let Ok((r, p)) = quantity(cx, rest) {
        // "three-nought-four": after a number and a hyphen, a hyphen range is the chain's next
        // number alone.
        let (r, p) = match (p.bound, prose[..i].strip_suffix('-')) {
            (Bound::Range, Some(b)) if b.ends_with(|c: char| c.is_alphanumeric()) => {
                match super::quantity::amount(cx, rest) {
                    Ok((ra, a)) if ra.starts_with('-') => (ra, a),
                    _ => (r, p),
                }
            }
            _ => (r, p),
        };
        // "fell by 9,000 to 214,000", "rose from 120 to 150", "climbed 3.1p to 152.8p": after
        // a verb of change, "X to Y" is the change (or the old level) and the new level: two
        // figures, not a range.
        let (r, p) = match super::quantity::amount(cx, rest) {
            Ok((ra, mut a))
                if p.bound == Bound::Range && change_then_level(cx, prose, s, i, &pw, &p, ra) =>
            {
                // "from 40 to 80 tonnes a day": the first figure has the second's unit.
                if a.unit.is_none() {
                    a.unit = p.unit;
                    a.dimension = p.dimension;
                    a.per = p.per;
                }
                (ra, a)
            }
            _ => (r, p),
        };
        let len = rest.len() - r.len();
        // Ordinals are not counts: "2nd", "the 3rd".
        if is_ordinal_suffix(r) {
            return None;
        }
        // "this one", "the one that", "one central one": a pronoun, not a count; "at one
        // point" is an idiom.
        if rest[..len].eq_ignore_ascii_case("one")
            && (is_pronoun_one(cx, pw.lower(), r)
                || (pw.lower() == "at"
                    && super::text::phrase_ci(r.trim_start(), "point").is_some()))
        {
            return None;
        }
        // "he scores twice", "Reading scores fell", "their scores": bare "scores" (without
        // "of") is a vague amount only where a noun phrase starts.
        if p.bound == Bound::Vague
            && rest[..len].eq_ignore_ascii_case("scores")
            && !bare_scores_counts(cx, pw.raw(), pw.lower())
        {
            return None;
        }
        // "highs of 104F were likely": "C" or "F" against the digits, before a word, in a
        // sentence about temperature (a word of `[degree_cues] temperature`) is degrees.
        if p.unit.is_none()
            && p.dimension == Dimension::Count
            && p.kind == NumKind::Digits
            && r.starts_with(['C', 'F'])
            && !r[1..].starts_with(is_word_char)
            && sentence_has(prose, s, &t.temperature_cues)
        {
            let mut q = from_parsed(p, &pw, r, si, doc_date);
            q.dimension = Dimension::Temperature;
            q.unit = Some(if r.starts_with('C') { "°C" } else { "°F" }.to_string());
            return Some((len + 1, q));
        }
        // "5G", "3D", "4K": digits glued to letters name a thing.
        if p.unit.is_none() && r.starts_with(is_word_char) {
            return None;
        }
        // "one-off", "one-time", "half-time", "quarter-final": "one", "half" or "quarter"
        // starting a compound word counts nothing ("a seven-storey building" counts storeys).
        if p.unit.is_none()
            && first.is_alphabetic()
            && ["one", "half", "quarter"]
                .iter()
                .any(|w| rest[..len].eq_ignore_ascii_case(w))
            && r.strip_prefix('-').is_some_and(|a| {
                // "three-nought-four": digits read one by one go on with a number word.
                a.starts_with(char::is_alphabetic)
                    && word_class(t, a).is_none_or(|c| c.none_of(WordClass::NUMBER_WORD))
            })
        {
            return None;
        }
        // "the price of a tonne of coal": the unit an article counts after "of" is a measure
        // of reference, not a figure ("a quarter of an hour" is read whole before).
        if first.is_alphabetic()
            && p.kind == NumKind::Words
            && p.unit.is_some()
            && p.dimension != Dimension::Duration
            && super::text::phrase_ci(rest, "a")
                .or_else(|| super::text::phrase_ci(rest, "an"))
                .is_some()
            && pw.lower() == "of"
        {
            return None;
        }
        // "the third quarter", "the first half": a period, not a fraction.
        if p.kind == NumKind::Fraction
            && is_period_word(&rest[..len])
            && (cx.t.ordinals.contains(pw.lower())
                || PERIOD_DETERMINERS.contains(&pw.lower())
                || date::month(cx, pw.raw()).is_ok())
        {
            return None;
        }
        let mut q = from_parsed(p, &pw, r, si, doc_date);
        // "12.4 deaths per 100,000": the counted noun the rate passed over.
        if let Some((a, b)) = p.noun {
            let span = Span::new(s.end - a as usize, s.end - b as usize);
            let text = &prose[span.start..span.end];
            q.noun = Some(text.to_string());
            q.lemma = Some(lemma_of(&text.to_lowercase()));
            q.noun_span = Some(span);
        }
        // "$81 a barrel", "600 a day": the span is the figure without its denominator.
        if let Some(k) = p.span_end {
            q.span = Span::new(i, s.end - k as usize);
        }
        // "bbl/day", "/100000": a rate's unit is its numerator's over its denominator.
        if let Some(per) = p.per {
            if q.dimension == Dimension::Rate {
                q.unit = Some(super::quantity::rate_unit(cx, p.unit, per));
            }
            // "1,200 migrants a day", "$15 an hour": the figure is per that unit.
            q.per = Some(per.symbol(cx));
        }
        // "about 45 degrees" of a slope, "a 30-degree angle": a bare degree is an angle
        // when the words around it say so.
        if q.unit.as_deref() == Some("°") && is_angle(cx, prose, s, i, i + len) {
            q.dimension = Dimension::Angle;
        }
        // "fined 2.5 million pounds": spelled pounds after a scale word are sterling.
        if q.unit.as_deref() == Some("lb") && is_sterling(cx, prose, s, i, i + len) {
            q.dimension = Dimension::Currency;
            q.unit = Some("GBP".to_string());
        }
        return Some((len, q));
    }
    // "a ballistic missile": an article counts one event noun.
    if let Some((len, q)) = article_event(cx, rest, si) {
        return Some((len, q));
    }
    None
}

/// Whether the range `p` at `i` is a change and a level (see its caller): its first amount
/// ends at `after_first` with "to" next, and either "from" follows a verb of change
/// (`Tables::direction_up`, `direction_down`) or "by" or such a verb stands just before it
/// and the ends are far apart (the second at least four times the first: "by 2 to 3 percent"
/// and "rise 5 to 10 percent" stay ranges of change).
fn change_then_level(
    cx: &Cx,
    prose: &str,
    s: Span,
    i: usize,
    pw: &PrevWord,
    p: &Parsed,
    after_first: &str,
) -> bool {
    if phrase_ci(after_first.trim_start(), "to").is_none() {
        return false;
    }
    let t = cx.t;
    let change = |w: &str| {
        let lw = w.to_lowercase();
        t.direction_up.contains(lw.as_str()) || t.direction_down.contains(lw.as_str())
    };
    let w = pw.lower();
    if w == "from" {
        let from_at = prose[..i].trim_end().len() - "from".len();
        return from_at >= s.start && change(prev_word(prose, s.start, from_at));
    }
    let far = match (p.low, p.high) {
        (Some(l), Some(h)) if l > Decimal::ZERO => h >= l * Decimal::from(4),
        _ => false,
    };
    far && (w == "by" || change(pw.raw()))
}

/// Whether the number at `i` follows "<plural designator> <digits> and" ("junctions 10 and
/// 11", "sections 3 or 4").
fn after_plural_designator(cx: &Cx, prose: &str, s: Span, i: usize) -> bool {
    let before = prose[s.start..i].trim_end();
    let Some(k) = before.rfind(|c: char| c.is_whitespace()) else {
        return false;
    };
    // Past the joining word, the number before it, and the designator.
    let before = before[..k].trim_end();
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return false;
    }
    let before = before[..before.len() - digits].trim_end();
    let w = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let lw = w.to_lowercase();
    lw.ends_with('s')
        && (cx.t.designators.contains(lw.as_str()) || cx.t.designators_exact.contains(w))
}

/// Whether a word of sentence `s` (lower-cased) is in `cues`.
fn sentence_has(prose: &str, s: Span, cues: &super::tables::FastSet<String>) -> bool {
    prose[s.start..s.end]
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|w| !w.is_empty() && cues.contains(w.to_lowercase().as_str()))
}

/// Whether a mass in pounds at `start..end` of sentence `s` is money: "pound" or "pounds"
/// spelled out after a scale word ("361 million pounds"), no "of" after it ("2 million pounds
/// of beef") and no weight word (`Tables::weight_cues`) in the sentence.
fn is_sterling(cx: &Cx, prose: &str, s: Span, start: usize, end: usize) -> bool {
    let t = cx.t;
    let own = prose[start..end].to_lowercase();
    let mut words = own
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let spelled = own.ends_with("pounds") || own.ends_with("pound");
    if !spelled || !words.any(|w| t.scales.contains_key(w)) {
        return false;
    }
    let after = prose[end..s.end].trim_start();
    if after.len() < prose[end..s.end].len() && phrase_ci(after, "of").is_some() {
        return false;
    }
    !sentence_has(prose, s, &t.weight_cues)
}

/// Whether a bare degree figure at `start..end` of sentence `s` is an angle: an angle word
/// (`Tables::angle_cues`) among the six words before or after it, and no temperature word
/// (`Tables::temperature_cues`) in the sentence.
fn is_angle(cx: &Cx, prose: &str, s: Span, start: usize, end: usize) -> bool {
    let t = cx.t;
    let words = |from: usize, to: usize| {
        prose[from..to]
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
    };
    // The figure's own words ("a 30-degree angle" has "degree" in it): split off a hyphen.
    let own = prose[start..end].to_lowercase();
    let own_cue = own.split('-').any(|w| t.angle_cues.contains(w));
    if sentence_has(prose, s, &t.temperature_cues) {
        return false;
    }
    let before: Vec<String> = words(s.start, start).collect();
    let near_before = before
        .iter()
        .rev()
        .take(6)
        .any(|w| t.angle_cues.contains(w));
    let near_after = words(end, s.end).take(6).any(|w| t.angle_cues.contains(&w));
    own_cue || near_before || near_after
}

/// Whether `rest` can start a [`date::weekday_date`]: it starts with an ASCII capital, as
/// every weekday name of the tables and every abbreviation does (a cheap byte test before
/// the production; a property test holds it to the production).
fn may_be_weekday(rest: &str) -> bool {
    rest.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
}

/// At most `n` bytes of `prose` before `i` (on a char boundary), across a sentence start:
/// "Mon. (2/2/1988)" may be split after the abbreviation's full stop.
fn head_before(prose: &str, i: usize, n: usize) -> &str {
    let mut from = i.saturating_sub(n);
    while !prose.is_char_boundary(from) {
        from += 1;
    }
    &prose[from..i]
}

/// Whether `rest` can start a [`date::year_span`]: four digits and a joiner or space, or
/// "between" (a cheap byte test before the production).
fn may_be_year_span(rest: &str) -> bool {
    let b = rest.as_bytes();
    match b.first() {
        Some(b'b' | b'B') => true,
        Some(c) if c.is_ascii_digit() => {
            b.len() > 5
                && b[1..4].iter().all(u8::is_ascii_digit)
                && matches!(b[4], b'-' | b'/' | b' ' | 0xE2)
        }
        _ => false,
    }
}

/// Words before a bare "quarter" or "half" that make it a period of the year or of a match
/// ("the quarter", "fiscal first quarter"); ordinal words do too ("third quarter").
const PERIOD_DETERMINERS: &[&str] = &[
    "the",
    "this",
    "that",
    "each",
    "every",
    "per",
    "final",
    "opening",
    "fiscal",
    "financial",
    "calendar",
    "previous",
    "current",
    "latest",
    "same",
    "prior",
    "closing",
    "record",
];

/// A bare fraction word that also names a period: "quarter", "quarters", "half", "halves".
fn is_period_word(text: &str) -> bool {
    ["quarter", "quarters", "half", "halves"]
        .iter()
        .any(|w| text.eq_ignore_ascii_case(w))
}

/// "one" after a determiner or an adjective, with no noun after it, stands for a noun.
fn is_pronoun_one(cx: &Cx, pw: &str, after: &str) -> bool {
    const DETERMINERS: &[&str] = &[
        "this", "that", "the", "no", "each", "every", "which", "any", "another", "other", "only",
        "last", "next", "same", "such", "right", "wrong", "new", "old", "big", "little",
    ];
    if !(DETERMINERS.contains(&pw) || is_adjective(pw)) {
        return false;
    }
    let next = after.trim_start_matches([' ', '\t']);
    let w: String = next
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    // "the one you mentioned", "this one we saw": a pronoun after it starts a clause.
    const PRONOUNS: &[&str] = &["i", "you", "we", "he", "she", "they", "it"];
    w.is_empty()
        || cx.t.stop_words.contains(&w)
        || PRONOUNS.contains(&w.as_str())
        || !is_noun_candidate(cx, &w)
        || w.ends_with("ed")
}

/// Whether bare "scores" after the word `raw` (`lw` in lower case; empty after punctuation or
/// at the start) is the vague amount ("Scores were hurt", "injuring scores", "and scores
/// more"): after nothing, a preposition, a conjunction, an auxiliary ("there were scores") or
/// an inflected verb written in lower case. After a determiner or pronoun ("their scores",
/// "he scores"), a noun or an adjective ("test scores", "high scores") or a capitalised word
/// ("Reading scores fell") it is the noun or the verb "score".
fn bare_scores_counts(cx: &Cx, raw: &str, lw: &str) -> bool {
    if lw.is_empty() {
        return true;
    }
    let r = cx.reading(lw);
    if r.closed.is(Closed::DETERMINER) || r.closed.is(Closed::PRONOUN) {
        return false;
    }
    if r.closed.is(Closed::PREPOSITION)
        || r.closed.is(Closed::CONJUNCTION)
        || r.closed.is(Closed::AUXILIARY)
    {
        return true;
    }
    if r.closed.any() || raw.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    r.verb.as_ref().is_some_and(|v| v.form != VerbForm::Base)
}

fn is_ordinal_suffix(r: &str) -> bool {
    ["st", "nd", "rd", "th"]
        .iter()
        .any(|s| r.starts_with(s) && !r[s.len()..].starts_with(is_word_char))
}

fn from_parsed(
    p: Parsed,
    pw: &PrevWord,
    after: &str,
    si: usize,
    doc_date: Option<Date>,
) -> Quantity {
    // A bare four-digit integer in a year's range, not counting anything plural after it, is a
    // year: "in 2022", "since 2014", "© 2026".
    if p.year_like && p.bound == Bound::Exact && p.unit.is_none() {
        let v = p.value.map(|f| f.value).unwrap_or_default();
        let next = after.trim_start();
        let next_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        let counts_plural = next_word.len() > 2
            && next_word.ends_with('s')
            && next_word.chars().all(char::is_lowercase)
            && !["the", "in", "since", "of", "by", "until", "from"].contains(&pw.lower());
        if v >= Decimal::from(1800) && v <= Decimal::from(2100) && !counts_plural {
            let y = i16::try_from(v.trunc().mantissa()).unwrap_or(0);
            let raw = RawDate {
                year: Some(y),
                ..RawDate::empty()
            };
            return date_quantity(raw, doc_date, si);
        }
    }
    let mut q = Quantity::new(Span::default(), p.dimension);
    q.value = p.value;
    q.low = p.low;
    q.high = p.high;
    q.bound = p.bound;
    q.unit = p.unit.map(str::to_owned);
    q.approx = p.approx;
    q.adjectival = p.adjectival;
    q.sentence = si;
    if p.kind == NumKind::Fraction && q.dimension == Dimension::Count {
        q.dimension = Dimension::Fraction;
    }
    q
}

pub(crate) fn article_event(cx: &Cx, rest: &str, si: usize) -> Option<(usize, Quantity)> {
    let b = rest.as_bytes();
    let art_len = if b.len() >= 3 && b[..2].eq_ignore_ascii_case(b"an") && b[2] == b' ' {
        2
    } else if b.len() >= 2 && b[0].eq_ignore_ascii_case(&b'a') && b[1] == b' ' {
        1
    } else {
        return None;
    };
    let mut pos = art_len;
    for _ in 0..4 {
        let r = &rest[pos..];
        let skip = r.len() - r.trim_start_matches([' ', '\t']).len();
        if skip == 0 {
            return None;
        }
        let wstart = pos + skip;
        let w_end = wstart
            + rest[wstart..]
                .find(|c: char| !(c.is_alphanumeric() || c == '-'))
                .unwrap_or(rest.len() - wstart);
        let w = &rest[wstart..w_end];
        if w.is_empty() {
            return None;
        }
        // "a 500-pound bomb": the measure is the figure.
        if w.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let lw = super::text::to_lower(w);
        let lw: &str = &lw;
        if let Some(lemma) = cx.t.noun_forms.get(lw)
            && cx.t.event_nouns.contains(lemma)
        {
            if lw.ends_with('s') && lw != lemma.as_str() {
                return None;
            }
            let next: String = rest[w_end..]
                .trim_start_matches([' ', '\t'])
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            if COMPOUND_HEADS.contains(&next.as_str()) {
                return None;
            }
            // "a Shahed drone attack": a noun followed by another noun modifies it; the head
            // comes later.
            if next != lw && cx.t.noun_forms.contains_key(&next) {
                pos = w_end;
                continue;
            }
            let mut q = Quantity::new(Span::default(), Dimension::Count);
            q.value = Some(Figure::int(1));
            q.low = Some(Decimal::ONE);
            q.high = Some(Decimal::ONE);
            q.noun = Some(w.to_string());
            q.lemma = Some(lexicon::noun_lemma(lw).into_owned());
            q.sentence = si;
            return Some((w_end, q));
        }
        if cx.t.stop_words.contains(lw)
            || cx.t.role_phrase_set.contains(lw)
            || w.chars().any(|c| c.is_ascii_digit() && !w.contains('-'))
        {
            return None;
        }
        pos = w_end;
    }
    None
}
