//! The scanner: walks the prose sentence by sentence, tries the productions at each word
//! start, and attaches each figure's counted noun, role and direction.
//!
//! Work is linear in the input: each position is tried once, every production looks ahead a
//! bounded number of words, and a match moves the scanner past its end.

use std::borrow::Cow;
use std::cell::RefCell;

use super::date::{self, RawDate};
use super::lexicon::{self, Closed, Reading, VerbForm};
use super::number::NumKind;
use super::quantity::{Parsed, quantity};
use super::sentence::{clauses_into, sentences};
use super::tables::TABLES;
use super::tables::{Tables, WC_STARTER, word_class};
use super::text::is_word_char;
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
pub fn scan(prose: &str, doc_date: Option<Date>) -> Vec<Quantity> {
    scan_with::<true>(prose, doc_date)
}

/// [`scan`], with or without the scanner's ASCII fast paths (`FAST`): both give the same
/// figures, which a property test checks.
fn scan_with<const FAST: bool>(prose: &str, doc_date: Option<Date>) -> Vec<Quantity> {
    let _memo = super::memo::Scope::new(prose);
    let sents = sentences(prose);
    let mut out = Vec::new();
    let mut scratch = Scratch::default();
    for (si, s) in sents.iter().enumerate() {
        let before = out.len();
        scan_sentence::<FAST>(prose, *s, si, doc_date, &mut out);
        attach_context(prose, *s, &mut out[before..], &mut scratch);
    }
    out
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

/// A designation: letters joined to digits ("MiG-29", "A320", "H5N1", "I-95", "SCP-173",
/// "Rossiya-1"), or digit groups joined by hyphens like a phone number ("555-123-4567").
pub(crate) fn is_designation(tok: &str) -> bool {
    let has_digit = tok.bytes().any(|c| c.is_ascii_digit());
    // Every designation below has a digit.
    if !has_digit {
        return false;
    }
    let has_alpha = tok.chars().any(|c| c.is_alphabetic());
    let first = tok.chars().next().unwrap_or(' ');
    if has_digit && has_alpha && first.is_alphabetic() {
        let letters_end = tok.find(|c: char| !c.is_alphabetic()).unwrap_or(tok.len());
        let letters = &tok[..letters_end];
        // "USD115": a currency code written against its amount.
        if tok[letters_end..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && TABLES.currency_prefixes.iter().any(|(p, _)| p == letters)
        {
            return false;
        }
        // "mid-2024", "pre-2022": a lower-case prefix before a year is not a designation.
        let lower_prefix = letters.chars().all(char::is_lowercase)
            && letters.len() >= 3
            && tok[letters.len()..].starts_with('-');
        return !lower_prefix;
    }
    if has_digit && has_alpha && first.is_ascii_digit() {
        // "4x4", "3G5": digits, letters, then digits again.
        let after_letters =
            tok.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        let after_alpha = after_letters.trim_start_matches(|c: char| c.is_alphabetic());
        let letters = &after_letters[..after_letters.len() - after_alpha.len()];
        // "1e10", "1.3x10^6": scientific notation; "30/January/2026": a date.
        if matches!(letters, "e" | "E" | "x") || after_letters.starts_with('/') {
            return false;
        }
        // "5k-20k": a scale suffix in a range.
        if after_alpha.starts_with('-') && TABLES.suffixes.iter().any(|(s, _)| s == letters) {
            return false;
        }
        // "24703m2": a unit written against its number.
        if super::quantity::unit(after_letters, true).is_some_and(|(n, _)| n == after_letters.len())
        {
            return false;
        }
        return after_alpha.chars().any(|c| c.is_ascii_digit()) && !after_letters.starts_with('-');
    }
    if has_digit && !has_alpha {
        let groups = tok.split('-').count();
        if groups < 3 {
            return false;
        }
        // "2026-01-28" is an ISO date.
        if date::date(tok).is_ok_and(|(r, _)| r.is_empty()) {
            return false;
        }
        // A group may hold digits joined by "/" ("+1-222-2222/2222").
        return groups >= 3
            && tok.split('-').all(|g| {
                !g.is_empty()
                    && g.split('/')
                        .all(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
            });
    }
    false
}

fn scan_sentence<const FAST: bool>(
    prose: &str,
    s: Span,
    si: usize,
    doc_date: Option<Date>,
    out: &mut Vec<Quantity>,
) {
    let b = prose.as_bytes();
    let t = super::tables::current();
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
        let start = could_start(rest);
        if start && tend > tok_start && is_designation(&prose[tok_start..tend]) {
            i = tend;
            continue;
        }
        if start
            && c.is_ascii_digit()
            && let Some(len) = not_figure(prose, s, i, rest)
        {
            i += len;
            continue;
        }
        if start && let Some((len, q)) = try_at(prose, s, i, rest, si, doc_date) {
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

/// `could_start` for a whole word `w` of ASCII letters: one look-up of its word class.
fn starts_figure(t: &Tables, w: &str) -> bool {
    w.len() <= 24 && word_class(t, w).is_some_and(|c| c & WC_STARTER != 0)
}

/// Whether a figure can start here: a digit, a char some production starts with, or a word in
/// `Tables::starters`. Most words fail this cheap test and are skipped without trying the
/// productions.
fn could_start(rest: &str) -> bool {
    let Some(c) = rest.chars().next() else {
        return false;
    };
    if c.is_ascii_digit() {
        return true;
    }
    if !c.is_alphabetic() {
        return TABLES.start_chars.contains(&c);
    }
    let n = rest
        .find(|ch: char| !ch.is_alphabetic())
        .unwrap_or(rest.len());
    let w = &rest[..n];
    if n > 24 {
        return false;
    }
    if w.is_ascii() {
        starts_figure(super::tables::current(), w)
    } else {
        TABLES.starters.contains(&w.to_lowercase())
    }
}

/// Digits that read as a number but name or score something: the length to pass over
/// without a figure. A score or team record ("2-0", "won 3-1", "a 21-17 victory", "the Jets
/// (4-11)"), an asteroid's designation ("2024 YR4").
pub(crate) fn not_figure(prose: &str, s: Span, i: usize, rest: &str) -> Option<usize> {
    // A number too large to hold exactly is passed over whole, not read from its last groups.
    if let Some(n) = super::number::too_large(rest) {
        return Some(n);
    }
    let b = rest.as_bytes();
    let d1 = b.iter().take_while(|c| c.is_ascii_digit()).count();
    // Every form has a joiner or a space within five bytes of the start.
    if matches!(b.get(d1), Some(b'-' | b'/'))
        && let Some(n) = idiom(rest)
    {
        return Some(n);
    }
    match b.get(d1) {
        Some(b'-' | 0xE2) if d1 <= 3 => score_pair(prose, s, i, rest, d1),
        Some(b' ') if d1 == 4 => minor_planet(rest).or_else(|| max_model(rest, d1)),
        Some(b' ') if d1 == 3 => max_model(rest, d1),
        _ => None,
    }
}

/// "24/7", "9/11" (`grammar/designations.toml` `idioms`): its length.
fn idiom(rest: &str) -> Option<usize> {
    super::tables::current().idioms.iter().find_map(|w| {
        let after = rest.strip_prefix(w.as_str())?;
        let more = after.starts_with(|c: char| c.is_alphanumeric())
            || (after.starts_with(['/', '-'])
                && after[1..].starts_with(|c: char| c.is_ascii_digit()));
        (!more).then_some(w.len())
    })
}

/// "737 Max 10", "737 MAX 8", "38 737 MAX jets": an aircraft model and its variant.
fn max_model(rest: &str, d1: usize) -> Option<usize> {
    let after = rest[d1 + 1..]
        .strip_prefix("Max")
        .or_else(|| rest[d1 + 1..].strip_prefix("MAX"))?;
    if after.starts_with(is_word_char) {
        return None;
    }
    let end = rest.len() - after.len();
    let Some(n) = after.strip_prefix(' ') else {
        return Some(end);
    };
    let d = n.bytes().take_while(u8::is_ascii_digit).count();
    if d > 0 && d <= 2 && !n[d..].starts_with(is_word_char) {
        return Some(end + 1 + d);
    }
    Some(end)
}

/// "2024 YR4", "1997 XF11": a year, a space, two capitals and digits (a minor planet's
/// provisional designation).
fn minor_planet(rest: &str) -> Option<usize> {
    let y: u32 = rest.get(..4)?.parse().ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let d = rest.as_bytes().get(5..)?;
    let caps = d.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = d[caps..].iter().take_while(|c| c.is_ascii_digit()).count();
    let end = 5 + caps + digits;
    (caps == 2 && digits > 0 && !rest[end..].starts_with(is_word_char)).then_some(end)
}

/// `N-M` (hyphen or en dash, no spaces; whole numbers of up to three digits) read as a
/// score or a record: its length, or `None` when it may be a range (see
/// `grammar/designations.toml` `[context]`).
fn score_pair(prose: &str, s: Span, i: usize, rest: &str, d1: usize) -> Option<usize> {
    let sep = if rest[d1..].starts_with('-') {
        1
    } else if rest[d1..].starts_with('–') {
        '–'.len_utf8()
    } else {
        return None;
    };
    let after = &rest[d1 + sep..];
    let d2 = after.bytes().take_while(u8::is_ascii_digit).count();
    if d2 == 0 || d2 > 3 {
        return None;
    }
    let end = d1 + sep + d2;
    let tail = &rest[end..];
    // "2-0-1", "3-1a", "2.5-1.5", "4-11/12": something else.
    if tail.starts_with(is_word_char)
        || tail.starts_with(['-', '–', '/'])
        || (tail.starts_with(['.', ',']) && tail[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let next = tail.trim_start_matches([' ', '\t']);
    // "10-5%", "5-3 km": a measure, left to the productions.
    if next.starts_with('%') || super::quantity::unit(next, next.len() == tail.len()).is_some() {
        return None;
    }
    let a: u32 = rest[..d1].parse().ok()?;
    let bv: u32 = after[..d2].parse().ok()?;
    if a >= bv {
        return Some(end);
    }
    let t = super::tables::current();
    let next_word = next_lower_word(next);
    if t.score_after.contains(next_word.as_str()) {
        return Some(end);
    }
    let before = prose[s.start..i].trim_end_matches([' ', '\t']);
    // "the Jets (4-11)": alone in brackets, after a name that is not the sentence's first word.
    if let Some(inside) = before.strip_suffix('(')
        && tail.starts_with(')')
    {
        let inside = inside.trim_end_matches([' ', '\t']);
        let w_start = inside.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |k| {
            k + inside[k..].chars().next().map_or(1, char::len_utf8)
        });
        let name = &inside[w_start..];
        let initial = inside[..w_start].trim().is_empty();
        if name.starts_with(char::is_uppercase) && !initial {
            return Some(end);
        }
        return None;
    }
    // "lost 11-14 to the Jets", "went 4-11 last season": a score word before, and the phrase
    // ends with the pair (not "led 10-15 volunteers").
    let w_start = before.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |k| {
        k + before[k..].chars().next().map_or(1, char::len_utf8)
    });
    let prev = before[w_start..].to_lowercase();
    let ends_phrase = next_word.is_empty()
        || matches!(
            next_word.as_str(),
            "to" | "against"
                | "at"
                | "in"
                | "on"
                | "over"
                | "after"
                | "with"
                | "and"
                | "but"
                | "for"
                | "last"
                | "this"
                | "the"
                | "when"
                | "as"
                | "before"
                | "since"
        );
    (t.score_before.contains(prev.as_str()) && ends_phrase).then_some(end)
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
    prose: &str,
    s: Span,
    i: usize,
    rest: &str,
    si: usize,
    doc_date: Option<Date>,
) -> Option<(usize, Quantity)> {
    let first = rest.chars().next()?;
    let pw = PrevWord::new(prose, s.start, i);
    let t = super::tables::current();
    // Clock times.
    if first.is_ascii_digit()
        && let Ok((r, minutes)) = date::clock(rest)
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
        && let Ok((r, raw)) = date::date(rest)
    {
        return Some((rest.len() - r.len(), date_quantity(raw, doc_date, si)));
    }
    // "the 2023-24 season", "between 1995 and 1999": a span of years, not a count or range.
    if may_be_year_span(rest)
        && let Ok((r, (y1, y2))) = date::year_span(rest)
    {
        let mut q = Quantity::new(Span::default(), Dimension::Date);
        q.sentence = si;
        q.date = Date::new(y1, 1, 1).ok();
        q.date_end = Date::new(y2, 12, 31).ok();
        q.date_kind = Some("years");
        return Some((rest.len() - r.len(), q));
    }
    if let Ok((r, raw)) = date::weekday_date(rest) {
        return Some((rest.len() - r.len(), date_quantity(raw, doc_date, si)));
    }
    if first.is_lowercase()
        && let Ok((r, raw)) = date::relative_day(rest)
    {
        return Some((rest.len() - r.len(), date_quantity(raw, doc_date, si)));
    }
    if first.is_uppercase()
        && MONTH_CONTEXT.contains(&pw.lower())
        && let Ok((r, raw)) = date::bare_month(rest)
    {
        return Some((rest.len() - r.len(), date_quantity(raw, doc_date, si)));
    }
    // A number after a designator word ("Apollo 11", "Section 5", "version 2.1"), or joined to
    // one after a plural designator ("junctions 10 and 11").
    if first.is_ascii_digit()
        && (TABLES.designators.contains(pw.lower())
            || TABLES.designators_exact.contains(pw.raw())
            || (matches!(pw.lower(), "and" | "or" | "to" | "&")
                && after_plural_designator(prose, s, i)))
    {
        return None;
    }
    if first.is_ascii_digit() && TABLES.phone_words.contains(pw.lower()) {
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
    if let Ok((r, p)) = quantity(rest) {
        // "three-nought-four": after a number and a hyphen, a hyphen range is the chain's next
        // number alone.
        let (r, p) = match (p.bound, prose[..i].strip_suffix('-')) {
            (Bound::Range, Some(b)) if b.ends_with(|c: char| c.is_alphanumeric()) => {
                match super::quantity::amount(rest) {
                    Ok((ra, a)) if ra.starts_with('-') => (ra, a),
                    _ => (r, p),
                }
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
            && (is_pronoun_one(pw.lower(), r)
                || (pw.lower() == "at"
                    && super::text::phrase_ci(r.trim_start(), "point").is_some()))
        {
            return None;
        }
        // "he scores twice": after a subject pronoun "scores" is a verb, not a vague amount.
        if p.bound == Bound::Vague
            && rest[..len].eq_ignore_ascii_case("scores")
            && matches!(pw.lower(), "he" | "she" | "it" | "who" | "which" | "that")
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
                    && word_class(t, a).is_none_or(|c| c & super::tables::WC_NUMBER_WORD == 0)
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
            && (TABLES.ordinals.contains(pw.lower())
                || PERIOD_DETERMINERS.contains(&pw.lower())
                || date::month(pw.raw()).is_ok())
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
        if q.dimension == Dimension::Rate
            && let Some(per) = p.per
        {
            q.unit = Some(super::quantity::rate_unit(p.unit, per));
        }
        // "about 45 degrees" of a slope, "a 30-degree angle": a bare degree is an angle
        // when the words around it say so.
        if q.unit.as_deref() == Some("°") && is_angle(prose, s, i, i + len) {
            q.dimension = Dimension::Angle;
        }
        return Some((len, q));
    }
    // "a ballistic missile": an article counts one event noun.
    if let Some((len, q)) = article_event(rest, si) {
        return Some((len, q));
    }
    None
}

/// Whether the number at `i` follows "<plural designator> <digits> and" ("junctions 10 and
/// 11", "sections 3 or 4").
fn after_plural_designator(prose: &str, s: Span, i: usize) -> bool {
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
        && (TABLES.designators.contains(lw.as_str()) || TABLES.designators_exact.contains(w))
}

/// Whether a word of sentence `s` (lower-cased) is in `cues`.
fn sentence_has(prose: &str, s: Span, cues: &super::tables::FastSet<String>) -> bool {
    prose[s.start..s.end]
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .any(|w| !w.is_empty() && cues.contains(w.to_lowercase().as_str()))
}

/// Whether a bare degree figure at `start..end` of sentence `s` is an angle: an angle word
/// (`Tables::angle_cues`) among the six words before or after it, and no temperature word
/// (`Tables::temperature_cues`) in the sentence.
fn is_angle(prose: &str, s: Span, start: usize, end: usize) -> bool {
    let t = super::tables::current();
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
fn is_pronoun_one(pw: &str, after: &str) -> bool {
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
        || TABLES.stop_words.contains(&w)
        || PRONOUNS.contains(&w.as_str())
        || !is_noun_candidate(&w)
        || w.ends_with("ed")
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
                rel_year: None,
                month: None,
                day: None,
                weekday: None,
                rel_day: None,
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

pub(crate) fn article_event(rest: &str, si: usize) -> Option<(usize, Quantity)> {
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
        let lw = w.to_lowercase();
        if let Some(lemma) = TABLES.noun_forms.get(&lw)
            && TABLES.event_nouns.contains(lemma)
        {
            if lw.ends_with('s') && lw != *lemma {
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
            if next != lw && TABLES.noun_forms.contains_key(&next) {
                pos = w_end;
                continue;
            }
            let mut q = Quantity::new(Span::default(), Dimension::Count);
            q.value = Some(Figure::int(1));
            q.low = Some(Decimal::ONE);
            q.high = Some(Decimal::ONE);
            q.noun = Some(w.to_string());
            q.lemma = Some(lexicon::noun_lemma(&lw).into_owned());
            q.sentence = si;
            return Some((w_end, q));
        }
        if TABLES.stop_words.contains(&lw)
            || TABLES.role_phrase_set.contains(&lw)
            || w.chars().any(|c| c.is_ascii_digit() && !w.contains('-'))
        {
            return None;
        }
        pos = w_end;
    }
    None
}

fn days_in_month(y: i16, m: i8) -> i8 {
    Date::new(y, m, 1).map(|d| d.days_in_month()).unwrap_or(28)
}

fn nearest_year(doc: Date, m: i8, d: i8) -> Option<Date> {
    let mut best: Option<(i64, Date)> = None;
    for y in [doc.year() - 1, doc.year(), doc.year() + 1] {
        if let Ok(c) = Date::new(y, m, d) {
            let diff = i64::from((c - doc).get_days().abs());
            if best.is_none_or(|(b, _)| diff < b) {
                best = Some((diff, c));
            }
        }
    }
    best.map(|(_, d)| d)
}

/// Resolves a written date against the document date.
pub fn date_quantity(raw: RawDate, doc: Option<Date>, si: usize) -> Quantity {
    let mut q = Quantity::new(Span::default(), Dimension::Date);
    q.sentence = si;
    let (start, end, kind): (Option<Date>, Option<Date>, &'static str) = match raw {
        RawDate {
            rel_day: Some(off), ..
        } => {
            let d = doc.and_then(|d| d.checked_add(off.days()).ok());
            (d, d, "day")
        }
        RawDate {
            weekday: Some(wd), ..
        } => {
            let d = doc.and_then(|doc| {
                (-3i64..=3)
                    .filter_map(|o| doc.checked_add(o.days()).ok())
                    .find(|c| c.weekday().to_monday_zero_offset() == wd)
            });
            (d, d, "weekday")
        }
        RawDate {
            year: Some(y),
            month: Some(m),
            day: Some(d),
            ..
        } => {
            let dd = Date::new(y, m, d).ok();
            (dd, dd, "day")
        }
        RawDate {
            year,
            rel_year,
            month: Some(m),
            day: Some(d),
            ..
        } if year.is_none() && rel_year.is_none() => {
            let dd = doc.and_then(|doc| nearest_year(doc, m, d));
            (dd, dd, "day")
        }
        RawDate {
            year,
            rel_year,
            month: Some(m),
            day: None,
            ..
        } => {
            let y = year
                .or_else(|| rel_year.and_then(|r| doc.map(|d| d.year() + r)))
                .or_else(|| doc.and_then(|doc| nearest_year(doc, m, 15).map(|d| d.year())));
            match y {
                Some(y) => (
                    Date::new(y, m, 1).ok(),
                    Date::new(y, m, days_in_month(y, m)).ok(),
                    "month",
                ),
                None => (None, None, "month"),
            }
        }
        RawDate {
            year: Some(y),
            month: None,
            ..
        } => (Date::new(y, 1, 1).ok(), Date::new(y, 12, 31).ok(), "year"),
        _ => (None, None, "day"),
    };
    q.date = start;
    q.date_end = end;
    q.date_kind = Some(kind);
    q
}

// ---------------------------------------------------------------------------------------
// Context: noun, role, direction.

/// A word of the current sentence with its byte span and, when it differs from the word
/// as written, where its lower-case form sits in [`Scratch::lower`].
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    /// The word as written.
    text: &'a str,
    span: Span,
    /// Start of the lower-case form in `Scratch::lower` (when `own`).
    lo: usize,
    /// End (exclusive) of the lower-case form (when `own`).
    hi: usize,
    /// The word has an upper-case or non-ASCII char: its lower-case form is in
    /// `Scratch::lower`. Otherwise (most words) it is `text` itself.
    own: bool,
}

/// The words of one sentence for the context pass, read lazily: only from the first clause
/// that holds a figure ([`Scratch::start`]) and only as far as a figure's context needs
/// ([`Scratch::read_past`], [`Scratch::read_to_count`]). The buffers are reused from sentence to
/// sentence within one scan, so a sentence allocates only when it is longer than every
/// sentence before it.
#[derive(Default)]
struct Scratch<'a> {
    /// The prose up to the end of the current sentence.
    text: &'a str,
    /// Where reading resumes: the end of the last word read, or `text.len()` when every
    /// word has been read.
    read: usize,
    /// The words read so far, in order.
    words: Vec<Word<'a>>,
    /// The lower-case forms of the words read that have upper-case or non-ASCII chars: ASCII
    /// letters lower-cased, or `str::to_lowercase` of a word with non-ASCII chars.
    lower: String,
    /// The clauses of the current sentence.
    clauses: Vec<Span>,
    /// The clause holding each figure's start (see [`clause_at`]), by the figure's index.
    q_clauses: Vec<Option<Span>>,
    /// The one counted noun of the last sentence with figures (noun as written, lemma, span):
    /// the understood noun of a bare count opening the next ("46 were intercepted").
    prev_noun: Option<(String, String, Span)>,
    /// What the lexicon said of each lower-case word looked up in this scan.
    lex: RefCell<super::tables::FastMap<String, Reading>>,
    /// The role group of each verb lemma that a one-word role phrase of the tables is a form
    /// of ("destroyed" → destroy → downed), built on first use in a scan.
    role_lemmas: RefCell<Option<super::tables::FastMap<&'static str, String>>>,
}

/// Look-ups the context pass derives once from a set of [`Tables`](super::tables::Tables),
/// kept with them (`Tables::context`).
#[derive(Debug)]
pub(crate) struct ContextIndex {
    /// The words [`is_unknown_noun_candidate`] rejects by table (ordinals, stop words, role
    /// phrases, direction words): one look-up instead of five.
    not_nouns: super::tables::FastSet<String>,
    /// By the last byte of a role phrase's first word, bit `min(len, 31)`: with
    /// `Tables::role_first_word_shapes` (by first byte) a cheap filter before the look-up
    /// of a role phrase ([`may_start_role`]).
    role_last_shapes: [u32; 256],
    /// By the first and by the last byte of a direction word, bit `min(len, 31)`: most
    /// words are no direction word, and these say so unhashed ([`ContextIndex::may_be_direction`]).
    direction_shapes: [[u32; 256]; 2],
}

impl Default for ContextIndex {
    /// Knows no word (a placeholder while the tables are built).
    fn default() -> ContextIndex {
        ContextIndex {
            not_nouns: Default::default(),
            role_last_shapes: [0; 256],
            direction_shapes: [[0; 256]; 2],
        }
    }
}

impl ContextIndex {
    /// The index of `t`'s tables (built with them).
    pub(crate) fn new(t: &super::tables::Tables) -> ContextIndex {
        let not_nouns = t
            .ordinals
            .iter()
            .chain(&t.stop_words)
            .chain(&t.role_phrase_set)
            .chain(&t.direction_up)
            .chain(&t.direction_down)
            .cloned()
            .collect();
        let mut role_last_shapes = [0u32; 256];
        for first in t.roles_by_first_word.keys() {
            if let Some(&b) = first.as_bytes().last() {
                role_last_shapes[usize::from(b)] |= 1 << first.len().min(31);
            }
        }
        let mut direction_shapes = [[0u32; 256]; 2];
        for w in t.direction_up.iter().chain(&t.direction_down) {
            let (Some(&first), Some(&last)) = (w.as_bytes().first(), w.as_bytes().last()) else {
                continue;
            };
            direction_shapes[0][usize::from(first)] |= 1 << w.len().min(31);
            direction_shapes[1][usize::from(last)] |= 1 << w.len().min(31);
        }
        ContextIndex {
            not_nouns,
            role_last_shapes,
            direction_shapes,
        }
    }

    /// Whether a word (in lower case) may be in `Tables::direction_up` or
    /// `Tables::direction_down`; false says it is in neither.
    fn may_be_direction(&self, lw: &str) -> bool {
        let b = lw.as_bytes();
        let len = 1 << b.len().min(31);
        b.first()
            .is_some_and(|&c| self.direction_shapes[0][usize::from(c)] & len != 0)
            && b.last()
                .is_some_and(|&c| self.direction_shapes[1][usize::from(c)] & len != 0)
    }
}

/// Byte classes for the word reader (bit flags): a byte that never belongs to a word.
const WB_SEP: u8 = 0;
/// An ASCII letter or digit.
const WB_ALNUM: u8 = 1;
/// With [`WB_ALNUM`]: an ASCII upper-case letter.
const WB_UPPER: u8 = 2;
/// `-`, `'` or `.`: in a word when an alphanumeric follows.
const WB_INNER: u8 = 4;
/// A byte of a non-ASCII char (decoded to decide).
const WB_HIGH: u8 = 8;

/// The class of every byte for [`next_word`].
const WORD_BYTE: [u8; 256] = {
    let mut t = [WB_SEP; 256];
    let mut k = 0;
    while k < 256 {
        let c = k as u8;
        t[k] = if c >= 0x80 {
            WB_HIGH
        } else if c.is_ascii_uppercase() {
            WB_ALNUM | WB_UPPER
        } else if c.is_ascii_alphanumeric() {
            WB_ALNUM
        } else if c == b'-' || c == b'\'' || c == b'.' {
            WB_INNER
        } else {
            WB_SEP
        };
        k += 1;
    }
    t
};

impl<'a> Scratch<'a> {
    /// Starts on the sentence of `prose` ending at `end`, reading words from `base`, which
    /// must be the sentence's start or a place no word crosses (a clause start).
    fn start(&mut self, prose: &'a str, base: usize, end: usize) {
        self.text = &prose[..end];
        self.read = base;
        self.words.clear();
        self.lower.clear();
    }

    /// The lexicon's reading of a lower-case word, looked up once per scan.
    fn reading(&self, lw: &str) -> Reading {
        if let Some(r) = self.lex.borrow().get(lw) {
            return r.clone();
        }
        let r = lexicon::read(lw);
        let mut m = self.lex.borrow_mut();
        if m.len() > 50_000 {
            m.clear();
        }
        m.insert(lw.to_string(), r.clone());
        r
    }

    /// The role group a verb lemma belongs to through a one-word role phrase of `t`.
    fn role_of_lemma(&self, t: &Tables, lemma: &str) -> Option<String> {
        let mut m = self.role_lemmas.borrow_mut();
        let m = m.get_or_insert_with(|| {
            let mut m = super::tables::FastMap::default();
            for (phrase, group) in &t.roles {
                if phrase.contains(' ') {
                    continue;
                }
                // "missing" is an adjective there, not a form of "miss".
                if phrase.ends_with("ing") {
                    continue;
                }
                if let Some(l) = lexicon::verb_lemma(phrase) {
                    m.entry(l).or_insert_with(|| group.clone());
                }
            }
            m
        });
        m.get(lemma).cloned()
    }

    /// The lower-case form of a word read.
    #[inline]
    fn lw<'w>(&'w self, w: &Word<'w>) -> &'w str {
        if w.own {
            &self.lower[w.lo..w.hi]
        } else {
            w.text
        }
    }

    /// Reads words until every word starting before `pos` has been read.
    fn read_past(&mut self, pos: usize) {
        self.read_until(pos, 0);
    }

    /// Reads words until `n` have been read or none is left.
    fn read_to_count(&mut self, n: usize) {
        self.read_until(0, n);
    }

    /// Reads words while one may start before `pos` or fewer than `n` have been read.
    fn read_until(&mut self, pos: usize, n: usize) {
        let s = self.text;
        let mut k = self.read;
        while k < pos || self.words.len() < n {
            let Some((start, end, form)) = next_word(s, k) else {
                k = s.len();
                break;
            };
            k = end;
            let text = &s[start..end];
            let own = form != WordForm::Lower;
            let (lo, hi) = if own {
                let lo = self.lower.len();
                if form == WordForm::Ascii {
                    self.lower.push_str(text);
                    self.lower[lo..].make_ascii_lowercase();
                } else {
                    self.lower.push_str(&text.to_lowercase());
                }
                (lo, self.lower.len())
            } else {
                (0, 0)
            };
            self.words.push(Word {
                text,
                span: Span::new(start, end),
                lo,
                hi,
                own,
            });
        }
        self.read = k;
    }
}

/// What lower-casing a word takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordForm {
    /// None: ASCII letters and digits, no capital.
    Lower,
    /// ASCII with a capital: ASCII lower-casing.
    Ascii,
    /// A non-ASCII char: `str::to_lowercase`.
    Other,
}

/// The next word of `s` from byte `k` on (a run of alphanumerics with inner `-`, `'`, `’`
/// and `.`, each followed by an alphanumeric): its start, its end, and what lower-casing it
/// takes; `None` when no word is left. ASCII bytes are classed by table without decoding.
#[inline]
fn next_word(s: &str, mut k: usize) -> Option<(usize, usize, WordForm)> {
    let b = s.as_bytes();
    // The classes of the ASCII bytes of the word, OR-ed: `WB_UPPER` tells a capital.
    let mut seen = 0;
    // Between words only an alphanumeric char starts one.
    let (start, mut ascii) = loop {
        let &c = b.get(k)?;
        match WORD_BYTE[usize::from(c)] {
            class if class & WB_ALNUM != 0 => {
                seen |= class;
                k += 1;
                break (k - 1, true);
            }
            WB_HIGH => {
                let ch = char_at(s, k)?;
                k += ch.len_utf8();
                if ch.is_alphanumeric() {
                    break (k - ch.len_utf8(), false);
                }
            }
            _ => k += 1,
        }
    };
    // In a word: alphanumerics, and `-`, `'`, `’`, `.` when an alphanumeric follows.
    loop {
        // Runs of ASCII letters and digits (nearly all of a word) in a tight loop.
        while let Some(&c) = b.get(k) {
            let class = WORD_BYTE[usize::from(c)];
            if class & WB_ALNUM == 0 {
                break;
            }
            seen |= class;
            k += 1;
        }
        let Some(&c) = b.get(k) else { break };
        match WORD_BYTE[usize::from(c)] {
            WB_INNER if alnum_at(s, k + 1) => k += 1,
            WB_HIGH => {
                let Some(ch) = char_at(s, k) else { break };
                let next = k + ch.len_utf8();
                if !(ch.is_alphanumeric() || (ch == '’' && alnum_at(s, next))) {
                    break;
                }
                ascii = false;
                k = next;
            }
            _ => break,
        }
    }
    let form = if !ascii {
        WordForm::Other
    } else if seen & WB_UPPER != 0 {
        WordForm::Ascii
    } else {
        WordForm::Lower
    };
    Some((start, k, form))
}

/// The char at byte `k` of `s`; ASCII without decoding.
fn char_at(s: &str, k: usize) -> Option<char> {
    match s.as_bytes().get(k) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => s.get(k..).and_then(|r| r.chars().next()),
        None => None,
    }
}

/// Whether the char at byte `k` of `s` is alphanumeric; ASCII without decoding.
fn alnum_at(s: &str, k: usize) -> bool {
    match s.as_bytes().get(k) {
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => char_at(s, k).is_some_and(char::is_alphanumeric),
        None => false,
    }
}

/// The lemma of a noun given in lower case.
fn lemma_of(lw: &str) -> String {
    lexicon::noun_lemma(lw).into_owned()
}

fn is_noun_candidate(w: &str) -> bool {
    is_noun_candidate_lw(w, &w.to_lowercase())
}

/// [`is_noun_candidate`] of `w` whose lower-case form `lw` the caller already has. The cheap
/// tests on the word's shape come before the table look-ups.
fn is_noun_candidate_lw(w: &str, lw: &str) -> bool {
    let t = super::tables::current();
    t.noun_forms.contains_key(lw) || is_unknown_noun_candidate(&t.context, w, lw)
}

/// [`is_noun_candidate_lw`] of a word the noun table does not know: a lower-case word of
/// letters and hyphens that no other table claims.
fn is_unknown_noun_candidate(ix: &ContextIndex, w: &str, lw: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
        && w.len() > 1
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !lw.ends_with("ly")
        && !is_verb_form(lw)
        && !matches!(
            lw,
            "overnight"
                | "ago"
                | "later"
                | "earlier"
                | "away"
                | "long"
                | "old"
                | "apiece"
                | "each"
                | "times"
                | "percent"
                | "since"
                | "until"
                | "amid"
        )
        && !ix.not_nouns.contains(lw)
}

/// Common verbs and verb-like forms that follow a bare amount ("Hundreds of thousands remain",
/// "dozens said", "three were"): never the counted noun. Words ending in -ed or -ing are taken
/// as verb forms unless the noun table knows them or they are common nouns with that ending.
fn is_verb_form(lw: &str) -> bool {
    // `matches!` on string literals compiles to a switch on length and bytes, cheaper than
    // a linear search of a list.
    if matches!(
        lw,
        "remain"
            | "remained"
            | "remains"
            | "say"
            | "says"
            | "said"
            | "were"
            | "was"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "had"
            | "have"
            | "has"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "can"
            | "did"
            | "do"
            | "does"
            | "got"
            | "get"
            | "gets"
            | "went"
            | "go"
            | "goes"
            | "came"
            | "come"
            | "comes"
            | "stay"
            | "stayed"
            | "stays"
            | "left"
            | "took"
            | "take"
            | "takes"
            | "made"
            | "make"
            | "makes"
            | "saw"
            | "see"
            | "sees"
            | "told"
            | "tell"
            | "tells"
            | "fled"
            | "flee"
            | "flees"
            | "died"
            | "die"
            | "dies"
            | "lost"
            | "lose"
            | "loses"
            | "found"
            | "find"
            | "finds"
            | "gave"
            | "give"
            | "gives"
            | "spent"
            | "became"
            | "become"
            | "becomes"
            | "seem"
            | "seems"
            | "seemed"
            | "appear"
            | "appears"
            | "believe"
            | "believes"
            | "remaining"
    ) {
        return true;
    }
    if matches!(
        lw,
        "building"
            | "dwelling"
            | "meeting"
            | "wedding"
            | "evening"
            | "morning"
            | "ceiling"
            | "offering"
            | "bombing"
            | "shelling"
            | "warning"
            | "crossing"
            | "sibling"
            | "hearing"
            | "briefing"
            | "funding"
            | "housing"
            | "clothing"
            | "training"
            | "ruling"
            | "setting"
            | "opening"
            | "ending"
            | "landing"
            | "feeling"
            | "painting"
            | "recording"
            | "rating"
            | "hundred"
            | "speed"
            | "seed"
            | "bed"
            | "shed"
            | "creed"
            | "breed"
            | "steed"
            | "bled"
            | "sled"
    ) || lw.ends_with("eed")
    {
        return false;
    }
    (lw.ends_with("ed") && lw.len() > 3) || (lw.ends_with("ing") && lw.len() > 4)
}

/// The clause of `clauses` (in order and disjoint) that holds byte `pos`, if any.
fn clause_at(clauses: &[Span], pos: usize) -> Option<Span> {
    // The clause holding `pos`, if any, is the first that ends after it.
    let at = clauses.partition_point(|c| c.end <= pos);
    clauses.get(at).copied().filter(|c| c.start <= pos)
}

/// Attaches to the figures `qs` of sentence `s` their counted noun (the words after the
/// figure), role and direction (the words of the figure's clause).
///
/// Kept out of line: inlined into the scanner's loop it costs more (callgrind: about 1 M
/// instructions per MB of prose).
#[inline(never)]
fn attach_context<'a>(prose: &'a str, s: Span, qs: &mut [Quantity], sc: &mut Scratch<'a>) {
    if qs.is_empty() {
        return;
    }
    // Clauses after the last figure's are not needed.
    let last = qs.iter().map(|q| q.span.start).max().unwrap_or(s.start);
    clauses_into(prose, s, last, &mut sc.clauses);
    // No word reaches across a clause boundary, and no figure's context starts before its
    // clause (but for an antecedent, looked for apart): words are read from the first clause
    // holding a figure, and only as far as needed.
    sc.q_clauses.clear();
    sc.q_clauses
        .extend(qs.iter().map(|q| clause_at(&sc.clauses, q.span.start)));
    let base = sc
        .q_clauses
        .iter()
        .map(|c| c.map_or(s.start, |c| c.start))
        .min()
        .unwrap_or(s.start);
    sc.start(prose, base, s.end);
    let t = super::tables::current();
    let ix = &t.context;
    // Counted nouns.
    for k in 0..qs.len() {
        if qs[k].noun.is_some()
            || !matches!(qs[k].dimension, Dimension::Count | Dimension::Fraction)
        {
            continue;
        }
        let end = qs[k].span.end;
        // "the 12-member jury", "a 40-page report": the noun is joined to the figure.
        if qs[k].dimension == Dimension::Count
            && let Some((w, tail)) = hyphen_noun(prose, sc, end)
        {
            set_noun_lemma(&mut qs[k], &w, tail.into_owned());
            continue;
        }
        // Words are in order: the ones starting at or after `end` are a suffix.
        sc.read_past(end);
        let from = sc.words.partition_point(|w| w.span.start < end);
        sc.read_to_count(from + 8);
        let sc = &*sc;
        let words = &sc.words[..];
        let after = &words[from..words.len().min(from + 8)];
        // Anything but spaces between the figure and the next word (a comma, a bracket)
        // means the next word is not its noun. No-break and typographic spaces are spaces
        // ("40&nbsp;drones").
        let gap_ok = |w: &Word| {
            let gap = &prose[end..w.span.start];
            gap.bytes().all(|c| c == b' ' || c == b'\t')
                || super::text::ws(gap).is_ok_and(|(rest, _)| rest.is_empty())
        };
        let Some(first) = after.first() else { continue };
        if !gap_ok(first) {
            continue;
        }
        // A count with decimals before a singular noun ("a magnitude 6.8 earthquake") is a
        // measure, counting no noun.
        let decimal = qs[k].value.is_some_and(|f| !f.value.fract().is_zero());
        if sc.lw(first) == "of" {
            let Some(second) = after.get(1) else { continue };
            if matches!(sc.lw(second), "them" | "which" | "those" | "these" | "whom") {
                // Antecedent: the nearest noun before in the sentence.
                let before = qs[..k]
                    .iter()
                    .rev()
                    .find_map(|p| p.lemma.clone().map(|l| (p.noun.clone(), l, p.noun_span)));
                if let Some((noun, lemma, nsp)) = before {
                    qs[k].noun = noun;
                    qs[k].lemma = Some(lemma);
                    qs[k].noun_span = nsp;
                } else if let Some(w) = words
                    .iter()
                    .rev()
                    .filter(|w| w.span.end <= qs[k].span.start)
                    .find(|w| is_antecedent(sc, t, sc.lw(w)))
                {
                    set_noun(&mut qs[k], w, sc.lw(w));
                } else if base > s.start {
                    antecedent_before(prose, Span::new(s.start, base), &mut qs[k]);
                } else if let Some((noun, lemma, nsp)) = sc.prev_noun.clone() {
                    qs[k].noun = Some(noun);
                    qs[k].lemma = Some(lemma);
                    qs[k].noun_span = Some(nsp);
                }
                continue;
            }
            // "80 of the 111 drones", "two thirds of the region", "dozens of drones".
            let mut idx = 1;
            while let Some(w) = after.get(idx) {
                let lw = sc.lw(w);
                if matches!(
                    lw,
                    "the"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "our"
                        | "those"
                        | "these"
                        | "all"
                        | "this"
                        | "that"
                        | "a"
                        | "an"
                ) || w
                    .text
                    .bytes()
                    .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
                    || (idx > 1 && t.scales.contains_key(lw))
                    || is_number_word(t, lw)
                    || lw.ends_with("'s")
                    || lw.ends_with("’s")
                {
                    idx += 1;
                    continue;
                }
                break;
            }
            if let Some((h, lemma)) = np_head(prose, sc, t, &after[idx.min(after.len())..], idx > 1)
            {
                set_noun_lemma(&mut qs[k], &after[idx + h], lemma.into_owned());
            }
            continue;
        }
        if let Some((h, lemma)) = np_head(prose, sc, t, after, false)
            && (!decimal || is_plural_noun(sc, t, sc.lw(&after[h])))
        {
            set_noun_lemma(&mut qs[k], &after[h], lemma.into_owned());
        }
    }
    elided_nouns(prose, qs, sc);
    // Roles and direction, within the clause.
    for (qn, q) in qs.iter_mut().enumerate() {
        let direction = matches!(
            q.dimension,
            Dimension::Percent
                | Dimension::PercentagePoints
                | Dimension::Currency
                | Dimension::Count
        );
        if q.lemma.is_none() && !direction {
            continue;
        }
        let Some(cl) = sc.q_clauses.get(qn).copied().flatten() else {
            continue;
        };
        // Roles are looked for in the whole clause; a direction only among the words before
        // the figure (all read once those starting before it are).
        sc.read_past(if q.lemma.is_some() {
            cl.end
        } else {
            q.span.start
        });
        let sc = &*sc;
        let words = &sc.words[..];
        let c0 = words.partition_point(|w| w.span.start < cl.start);
        let c1 = words.partition_point(|w| w.span.end <= cl.end).max(c0);
        let cw = &words[c0..c1];
        // Word starts are in order: these are the first word at or after the figure and
        // the first after the figure and its noun.
        let qi = cw.partition_point(|w| w.span.start < q.span.start);
        let noun_end = q
            .noun_span
            .filter(|n| n.start > q.span.start)
            .map_or(q.span.end, |n| n.end);
        let qe = cw.partition_point(|w| w.span.start < noun_end);
        if q.lemma.is_some() {
            // (distance, index in `roles`) of the nearest role phrase.
            let mut best: Option<(usize, usize)> = None;
            for wi in (0..qi).chain(qe..cw.len()) {
                if !may_start_role(t, ix, sc.lw(&cw[wi])) {
                    continue;
                }
                let Some((e, n)) = role_at(t, ix, sc, cw, wi) else {
                    continue;
                };
                let dist = if wi < qi {
                    qi - (wi + n - 1)
                } else {
                    wi - qe + 1
                };
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, e));
                }
            }
            // The verb that governs the counted noun decides: one after the noun and its
            // auxiliaries ("46 were shot down", "three crew members died", "left 2,100
            // people dead"), else one right before the figure ("police arrested 12 men").
            // The nearest role phrase of the clause is the fallback.
            q.role = governing_role(t, ix, sc, cw, qi, qe)
                .or_else(|| best.map(|(_, e)| t.roles[e].1.clone()));
        }
        if direction {
            let lookback = if q.dimension == Dimension::Count {
                2
            } else {
                3
            };
            for w in cw[..qi].iter().rev().take(lookback) {
                let lw = sc.lw(w);
                if lw == "by" {
                    continue;
                }
                if q.dimension == Dimension::Count && (lw == "up" || lw == "down") {
                    break;
                }
                if !ix.may_be_direction(lw) {
                    continue;
                }
                if t.direction_up.contains(lw) {
                    q.direction = Some(Direction::Up);
                    break;
                }
                if t.direction_down.contains(lw) {
                    q.direction = Some(Direction::Down);
                    break;
                }
            }
        }
    }
    shared_roles(prose, qs, sc);
}

/// Counts listed after one that has a role share it when no verb stands between ("used 1,500
/// glide bombs, 900 drones and 50 missiles", "handled 2.4 million passengers, up from 1.9
/// million").
fn shared_roles(prose: &str, qs: &mut [Quantity], sc: &Scratch) {
    for k in 1..qs.len() {
        if qs[k].role.is_some() || qs[k].lemma.is_none() || qs[k].dimension != Dimension::Count {
            continue;
        }
        let Some(p) = (0..k).rev().find(|&p| qs[p].dimension == Dimension::Count) else {
            continue;
        };
        let Some(role) = qs[p].role.clone() else {
            continue;
        };
        let from = qs[p]
            .noun_span
            .filter(|n| n.start > qs[p].span.end && n.end <= qs[k].span.start)
            .map_or(qs[p].span.end, |n| n.end);
        let between = &prose[from..qs[k].span.start];
        let words: Vec<&str> = between
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let no_verb = words.iter().all(|w| {
            let lw = w.to_lowercase();
            let r = sc.reading(&lw);
            r.closed.any() || is_particle(&lw) || !verb_here(&r)
        });
        if words.len() <= 6 && no_verb && !between.contains([';', ':', '(']) {
            qs[k].role = Some(role);
        }
    }
}

/// The antecedent of [`attach_context`] among the words of `before` (the part of the
/// sentence its words were not read from): the last known noun form there.
fn antecedent_before(prose: &str, before: Span, q: &mut Quantity) {
    let mut sc = Scratch::default();
    sc.start(prose, before.start, before.end);
    sc.read_past(before.end);
    if let Some(w) = sc
        .words
        .iter()
        .rev()
        .find(|w| is_antecedent(&sc, &TABLES, sc.lw(w)))
    {
        set_noun(q, w, sc.lw(w));
    }
}

/// The first role phrase (in `Tables::roles` order) whose words, compared in lower case,
/// are the clause words from `wi` on: its index in `roles` and its length in words.
#[inline]
fn role_at(
    t: &super::tables::Tables,
    ix: &ContextIndex,
    sc: &Scratch,
    cw: &[Word],
    wi: usize,
) -> Option<(usize, usize)> {
    let lw0 = sc.lw(cw.get(wi)?);
    if !may_start_role(t, ix, lw0) {
        return None;
    }
    let entries = t.roles_by_first_word.get(lw0)?;
    entries.iter().find_map(|(e, rest)| {
        let ok = rest
            .iter()
            .enumerate()
            .all(|(n, part)| cw.get(wi + 1 + n).is_some_and(|w| sc.lw(w) == part));
        ok.then_some((*e, rest.len() + 1))
    })
}

/// Whether a word (in lower case) may start a role phrase. Most words cannot: their first
/// and last bytes and length say so unhashed.
#[inline]
fn may_start_role(t: &super::tables::Tables, ix: &ContextIndex, lw: &str) -> bool {
    let b = lw.as_bytes();
    let len = 1 << b.len().min(31);
    b.first()
        .is_some_and(|&c| t.role_first_word_shapes[usize::from(c)] & len != 0)
        && b.last()
            .is_some_and(|&c| ix.role_last_shapes[usize::from(c)] & len != 0)
}

/// Only spaces between two words (no comma or bracket).
fn gap_ok_words(prose: &str, a: &Word, b: &Word) -> bool {
    prose.as_bytes()[a.span.end..b.span.start]
        .iter()
        .all(|&c| c == b' ' || c == b'\t')
}

/// A singular word with an adjective's ending ("central", "armoured", "massive"): not taken
/// as the counted noun when a word follows it.
fn is_adjective(lw: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "al", "ive", "ous", "ful", "ic", "less", "able", "ible", "ed", "ish", "ary", "ern",
    ];
    lw.len() > 4 && !lw.ends_with('s') && ENDINGS.iter().any(|e| lw.ends_with(e))
}

/// Makes `w` (lower case `lw`) the counted noun of `q`.
fn set_noun(q: &mut Quantity, w: &Word, lw: &str) {
    set_noun_lemma(q, w, lemma_of(lw));
}

/// Makes `w` the counted noun of `q`, with its lemma.
fn set_noun_lemma(q: &mut Quantity, w: &Word, lemma: String) {
    q.noun = Some(w.text.to_string());
    q.lemma = Some(lemma);
    q.noun_span = Some(w.span);
}

// --- Noun phrases (counted nouns from the lexicon) -------------------------------------

/// How a word takes part in the noun phrase after a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NpWord {
    /// A noun in the plural: the head ("transplants", "women").
    Plural(Cow<'static, str>),
    /// A noun in the singular: the head, or a modifier of a noun after it ("kidney").
    Singular(Cow<'static, str>),
    /// An adjective or participle before the head ("full-time", "registered", "more").
    Modifier,
    /// Anything else ends the phrase.
    Stop,
}

/// Whether a reading is a verb here rather than a noun or an adjective: a past or -ing form
/// whose verb is more common than its noun ("left", "found") and not far rarer than its
/// adjective; a third-person form that is no plural noun; a base form far more common than
/// every other reading. Inside a noun phrase (`inner`: after a modifier or noun) a base form
/// never outweighs a noun ("intensive care beds", "a rate cut").
fn verb_here_at(r: &Reading, inner: bool) -> bool {
    let Some(v) = r.verb.as_ref() else {
        return false;
    };
    let other = r.adj.unwrap_or(0).max(r.adv.unwrap_or(0));
    match (v.form, r.noun.as_ref()) {
        (VerbForm::Past | VerbForm::Ing, None) => 2 * v.freq >= other,
        (VerbForm::Past | VerbForm::Ing, Some(n)) => {
            !n.plural && v.freq > n.freq && 2 * v.freq >= other
        }
        (VerbForm::ThirdSingular, n) => n.is_none_or(|n| !n.plural),
        (VerbForm::Base, None) => v.freq >= other,
        (VerbForm::Base, Some(n)) => !inner && v.freq > 4 * n.freq.max(other).max(1),
    }
}

/// [`verb_here_at`] outside a noun phrase.
fn verb_here(r: &Reading) -> bool {
    verb_here_at(r, false)
}

/// Whether `lw` is a number word ("three", "twenty", "million"): never a noun after a figure.
fn is_number_word(t: &Tables, lw: &str) -> bool {
    t.units_words.contains_key(lw)
        || t.tens_words.contains_key(lw)
        || t.hundred_words.contains_key(lw)
        || t.scales.contains_key(lw)
}

/// The part `w` (lower case `lw`) plays in a noun phrase; `inner` after a modifier or noun.
fn np_word(sc: &Scratch, t: &Tables, w: &Word, lw: &str, inner: bool) -> NpWord {
    if w.text.bytes().any(|c| c.is_ascii_digit()) {
        // "Two MiG-29 jets", "3 500-pound bombs", "38 737 MAX jets": designations, measures
        // and numbers in between.
        return if is_designation(w.text)
            || (w.text.starts_with(|c: char| c.is_ascii_digit()) && w.text.contains('-'))
            || w.text.bytes().all(|c| c.is_ascii_digit() || c == b',')
        {
            NpWord::Modifier
        } else {
            NpWord::Stop
        };
    }
    if matches!(
        lw,
        "more" | "most" | "less" | "least" | "other" | "own" | "fewer" | "further" | "extra"
    ) {
        return NpWord::Modifier;
    }
    // "three times as many": a multiplier, not a counted noun.
    if t.ordinals.contains(lw) || is_number_word(t, lw) || lw == "times" {
        return NpWord::Stop;
    }
    // "GPs", "MPs", "UAVs": an acronym in the plural.
    if let Some(stem) = w.text.strip_suffix('s')
        && stem.len() >= 2
        && stem
            .bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return NpWord::Plural(Cow::Owned(stem.to_ascii_lowercase()));
    }
    let r = sc.reading(lw);
    if r.closed.any() {
        // "47 earlier analyses": an adverb that is also an adjective modifies.
        if r.closed == Closed::ADVERB && r.adj.is_some() {
            return NpWord::Modifier;
        }
        return NpWord::Stop;
    }
    let known_form = t.noun_forms.contains_key(lw);
    // After a figure an -ing form with a noun reading is the noun ("one building", "two
    // hearings"); a past form more common as a verb is not ("12 left").
    let verb_wins =
        r.verb.as_ref().is_some_and(|v| v.form != VerbForm::Ing) && verb_here_at(&r, inner);
    if let Some(n) = r.noun.as_ref().filter(|_| known_form || !verb_wins) {
        if n.plural {
            return NpWord::Plural(n.lemma.clone());
        }
        // A word more often an adjective or adverb than a noun modifies ("last", "electric").
        let modifier = r.adj.unwrap_or(0).max(r.adv.unwrap_or(0));
        if !known_form && modifier > n.freq {
            return NpWord::Modifier;
        }
        return NpWord::Singular(n.lemma.clone());
    }
    if r.adj.is_some()
        || r.verb
            .as_ref()
            .is_some_and(|v| matches!(v.form, VerbForm::Past | VerbForm::Ing))
    {
        return NpWord::Modifier;
    }
    if r.known() {
        return NpWord::Stop;
    }
    // A word the lexicon does not know ("Shaheds", "e-scooters"): a noun when it looks like
    // one.
    if known_form
        || (w.text.chars().all(|c| c.is_alphabetic() || c == '-')
            && w.text.len() > 1
            && !lw.ends_with("ly")
            && !is_verb_form(lw))
    {
        let lemma = lexicon::lemma_by_suffix(lw);
        // A name ("F-Series pickups") may modify a noun after it: a candidate, not a head.
        if !known_form && w.text.starts_with(|c: char| c.is_uppercase()) {
            return NpWord::Singular(Cow::Owned(lemma));
        }
        return if lemma.len() < lw.len() {
            NpWord::Plural(Cow::Owned(lemma))
        } else {
            NpWord::Singular(Cow::Owned(lemma))
        };
    }
    NpWord::Stop
}

/// The head of the noun phrase whose words start at `after[0]`: its index in `after` and its
/// lemma. A plural noun ends the phrase; a singular noun is the head unless a noun follows it
/// ("kidney transplants", "crew members"); adjectives and participles before the head are
/// passed over ("64,000 full-time jobs", "1.2 million registered voters"), and after a
/// singular noun only when a plural follows ("18 CV90 infantry fighting vehicles").
/// "N head of cattle" counts the cattle. `inner`: the words follow a determiner ("of the
/// register"), where a noun reading wins over a verb's base form.
fn np_head(
    prose: &str,
    sc: &Scratch,
    t: &Tables,
    after: &[Word],
    mut inner: bool,
) -> Option<(usize, Cow<'static, str>)> {
    let mut cand: Option<(usize, Cow<'static, str>)> = None;
    let n = after.len().min(7);
    let mut i = 0;
    while i < n {
        let w = &after[i];
        if i > 0 && !gap_ok_words(prose, &after[i - 1], w) {
            break;
        }
        let lw = sc.lw(w);
        if (lw == "one" || lw == "ones") && i > 0 {
            // "one central one": no noun of its own.
            return None;
        }
        match np_word(sc, t, w, lw, inner) {
            NpWord::Plural(lemma) => return Some((i, lemma)),
            NpWord::Singular(lemma) => {
                if lemma == "head"
                    && after.get(i + 1).is_some_and(|o| sc.lw(o) == "of")
                    && let Some(x) = after.get(i + 2)
                    && let NpWord::Plural(l) | NpWord::Singular(l) =
                        np_word(sc, t, x, sc.lw(x), true)
                {
                    // "34,000 head of livestock".
                    return Some((i + 2, l));
                }
                cand = Some((i, lemma));
            }
            NpWord::Modifier => {
                if cand.is_some() && !plural_follows(prose, sc, t, after, i) {
                    break;
                }
            }
            NpWord::Stop => {
                // "40 cruise missiles": a noun more often a verb still modifies a plural
                // noun right after it.
                match sc.reading(lw).noun {
                    Some(n)
                        if plural_follows(prose, sc, t, after, i) && !lexicon::closed(lw).any() =>
                    {
                        cand = Some((i, n.lemma));
                    }
                    _ => break,
                }
            }
        }
        inner = true;
        i += 1;
    }
    cand
}

/// Whether the word after `after[i]`, with only spaces between, is a plural noun: then
/// `after[i]` modifies it ("infantry fighting vehicles", "cruise missiles").
fn plural_follows(prose: &str, sc: &Scratch, t: &Tables, after: &[Word], i: usize) -> bool {
    after.get(i + 1).is_some_and(|x| {
        gap_ok_words(prose, &after[i], x)
            && matches!(np_word(sc, t, x, sc.lw(x), true), NpWord::Plural(_))
    })
}

/// Whether `lw` is a plural noun (or a form the noun table knows): an antecedent for "of
/// them".
fn is_plural_noun(sc: &Scratch, t: &Tables, lw: &str) -> bool {
    if t.noun_forms.contains_key(lw) {
        return true;
    }
    let r = sc.reading(lw);
    !r.closed.any() && r.noun.as_ref().is_some_and(|n| n.plural) && !verb_here(&r)
}

/// Whether `lw` may be the antecedent of "of them", "of which": a plural noun that is no verb
/// form ("Moscow wants ... two thirds of which" has none).
fn is_antecedent(sc: &Scratch, t: &Tables, lw: &str) -> bool {
    is_plural_noun(sc, t, lw) && (t.noun_forms.contains_key(lw) || sc.reading(lw).verb.is_none())
}

/// The noun joined to a count by a hyphen ("the 12-member jury", "a 40-page report"): the
/// word after the hyphen, when it is a singular noun and ends the token.
fn hyphen_noun<'a>(
    prose: &'a str,
    sc: &Scratch,
    end: usize,
) -> Option<(Word<'a>, Cow<'static, str>)> {
    let tail = prose.get(end..)?.strip_prefix('-')?;
    let len = tail.bytes().take_while(u8::is_ascii_alphabetic).count();
    if len < 3 || tail[len..].starts_with(|c: char| c.is_alphanumeric() || c == '-') {
        return None;
    }
    let w = &tail[..len];
    let lw = w.to_ascii_lowercase();
    let r = sc.reading(&lw);
    let n = r.noun.as_ref()?;
    if n.plural || r.closed.any() || r.adj.unwrap_or(0) > n.freq {
        return None;
    }
    let lemma = n.lemma.clone();
    let word = Word {
        text: w,
        span: Span::new(end + 1, end + 1 + len),
        lo: 0,
        hi: 0,
        own: false,
    };
    Some((word, lemma))
}

/// The words that join two figures of one phrasing, so a figure without a noun takes the
/// other's ("from 148 to 289 seats", "one in five adults").
fn joins_figures(between: &str) -> bool {
    let b = between.trim();
    b.is_empty()
        || b.split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .all(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "to" | "and" | "or" | "-" | "–" | "—" | "in" | "out" | "of" | "from" | "nor"
                )
            })
            && b.len() < 12
}

/// Counts without a noun of their own take one from the same phrasing: the next figure when
/// only a joining word stands between ("148 to 289 seats"), else the nearest count before in
/// the sentence ("289 seats to just 148", "arrested 12 men; five were charged"), else, for a
/// sentence opening on a bare count and a verb, the one counted noun of the sentence before
/// ("52 missiles were fired. 46 were intercepted").
fn elided_nouns(prose: &str, qs: &mut [Quantity], sc: &mut Scratch) {
    for k in 0..qs.len() {
        if qs[k].noun.is_some() || qs[k].dimension != Dimension::Count || qs[k].adjectival {
            continue;
        }
        let forward = qs.get(k + 1).filter(|n| {
            n.dimension == Dimension::Count
                && n.lemma.is_some()
                && n.span.start >= qs[k].span.end
                && joins_figures(&prose[qs[k].span.end..n.span.start])
        });
        if forward.is_none()
            && let Some((w, lemma)) = subject_of_change(prose, sc, &TABLES, qs[k].span.start)
        {
            set_noun_lemma(&mut qs[k], &w, lemma.into_owned());
            continue;
        }
        // Backward: the nearest count before, but not one of a list of parts ("including
        // three children").
        let from = forward.or_else(|| {
            let many = qs[k].value.is_none_or(|f| f.value != Decimal::ONE);
            qs[..k].iter().rev().find(|p| {
                p.dimension == Dimension::Count
                    && p.lemma.is_some()
                    // "2.1 million" takes "visitors", not the whole of a partitive ("two
                    // halves of the year").
                    && !(many
                        && p.noun_span.is_some_and(|ns| {
                            ends_with_word(&prose[..ns.start], &["the", "of"])
                                && sc.reading(&prose[ns.start..ns.end].to_lowercase())
                                    .noun
                                    .is_some_and(|n| !n.plural)
                        }))
                    && !ends_with_word(&prose[..p.span.start], &["including", "among", "includes", "include"])
            })
        });
        if let Some(p) = from {
            let (noun, lemma, nsp) = (p.noun.clone(), p.lemma.clone(), p.noun_span);
            qs[k].noun = noun;
            qs[k].lemma = lemma;
            qs[k].noun_span = nsp;
            continue;
        }
        if let Some((noun, lemma, nsp)) = sc.prev_noun.clone()
            && bare_subject(prose, sc, qs[k].span.end)
        {
            qs[k].noun = Some(noun);
            qs[k].lemma = Some(lemma);
            qs[k].noun_span = Some(nsp);
        }
    }
    // The one counted noun of this sentence, for the next.
    let mut lemmas = qs
        .iter()
        .filter(|q| q.dimension == Dimension::Count)
        .filter_map(|q| Some((q.noun.clone()?, q.lemma.clone()?, q.noun_span?)));
    sc.prev_noun = match lemmas.next() {
        Some(first) if lemmas.all(|o| o.1 == first.1) => Some(first),
        _ => None,
    };
}

/// The counted noun of a bare count that a verb of change puts a subject to ("mortgage
/// approvals rose to 64,300", "road deaths fell to 1,624", "applications fell by 17,000",
/// "the death toll rose to 2,100"): the subject's plural head, found by walking back from the
/// verb to the clause's start. `start` is the figure's first byte.
fn subject_of_change<'a>(
    prose: &str,
    sc: &Scratch<'a>,
    t: &Tables,
    start: usize,
) -> Option<(Word<'a>, Cow<'static, str>)> {
    let words = &sc.words[..];
    let mut k = words.partition_point(|w| w.span.start < start);
    // Between the verb and the figure: prepositions, another figure, a hedge's remains.
    let mut steps = 0;
    while k > 0 && steps < 6 {
        let lw = sc.lw(&words[k - 1]);
        let skip = matches!(
            lw,
            "to" | "from"
                | "by"
                | "at"
                | "just"
                | "only"
                | "a"
                | "an"
                | "the"
                | "record"
                | "percent"
                | "per"
                | "cent"
                | "points"
                | "point"
        ) || words[k - 1]
            .text
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b',' || c == b'.');
        if !skip {
            break;
        }
        k -= 1;
        steps += 1;
    }
    if steps == 0 || k == 0 {
        return None;
    }
    let v = sc.lw(&words[k - 1]);
    let change = t.direction_up.contains(v)
        || t.direction_down.contains(v)
        || lexicon::verb_lemma(v).is_some_and(|l| {
            matches!(
                l,
                "reach" | "total" | "stand" | "top" | "exceed" | "hit" | "number" | "rise" | "fall"
            )
        });
    if !change {
        return None;
    }
    k -= 1;
    while k > 0 {
        let c = lexicon::closed(sc.lw(&words[k - 1]));
        if !(c.is(Closed::AUXILIARY) || c == Closed::ADVERB) {
            break;
        }
        k -= 1;
    }
    let mut best = None;
    let mut m = k;
    while m > 0 && k - m < 10 {
        let w = &words[m - 1];
        if m < words.len() && !gap_ok_words(prose, w, &words[m]) {
            break;
        }
        let lw = sc.lw(w);
        let c = lexicon::closed(lw);
        if c.is(Closed::CONJUNCTION) {
            break;
        }
        if matches!(
            lw,
            "toll" | "number" | "numbers" | "total" | "tally" | "count"
        ) {
            // "the death toll", "passenger numbers": the noun before counts.
            if m >= 2
                && let x = &words[m - 2]
                && let NpWord::Singular(l) | NpWord::Plural(l) = np_word(sc, t, x, sc.lw(x), true)
            {
                best = Some((*x, l));
            }
        } else if let NpWord::Plural(l) = np_word(sc, t, w, lw, false) {
            best = Some((*w, l));
        }
        m -= 1;
    }
    best
}

/// Whether the last word of `s` is one of `words` (lower case).
fn ends_with_word(s: &str, words: &[&str]) -> bool {
    let s = s.trim_end();
    let last = s
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    words.contains(&last.as_str())
}

/// Whether the words after a bare count at `end` are an auxiliary or a verb ("46 were
/// intercepted", "12 died"): the count is the subject, its noun understood.
fn bare_subject(prose: &str, sc: &Scratch, end: usize) -> bool {
    let rest = prose[end..].trim_start_matches([' ', '\t']);
    let w: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    if w.is_empty() || rest.len() == prose.len() - end {
        return false;
    }
    let r = sc.reading(&w);
    r.closed.is(Closed::AUXILIARY) || (!r.closed.any() && verb_here(&r))
}

/// Particles that make a phrasal verb with the verb before them ("laid off", "shot down").
fn is_particle(lw: &str) -> bool {
    matches!(lw, "down" | "up" | "off" | "out" | "back" | "away")
}

/// The role given by the verb at clause word `vi`: a role phrase of the tables starting there
/// (its group), else the verb's lemma, with its particle ("lay off"). `None` when the word is
/// not a verb here, or a verb that takes a clause ("said 12 people").
fn verb_role(
    t: &Tables,
    ix: &ContextIndex,
    sc: &Scratch,
    cw: &[Word],
    vi: usize,
) -> Option<String> {
    verb_role_as(t, ix, sc, cw, vi, false)
}

/// [`verb_role`]; `object`: the figure is the verb's object (it stands right after the verb),
/// where a third-person form wins over a plural noun ("produces 4 million drones") and a verb
/// taking a clause gives no role ("said 12 people").
fn verb_role_as(
    t: &Tables,
    ix: &ContextIndex,
    sc: &Scratch,
    cw: &[Word],
    vi: usize,
    object: bool,
) -> Option<String> {
    if let Some((e, _)) = role_at(t, ix, sc, cw, vi) {
        return Some(t.roles[e].1.clone());
    }
    let lw = sc.lw(cw.get(vi)?);
    let r = sc.reading(lw);
    if r.closed.any() {
        return None;
    }
    let v = r.verb.clone()?;
    let verb = if object {
        let other = r.adj.unwrap_or(0).max(r.adv.unwrap_or(0));
        2 * v.freq >= other
            && (v.form != VerbForm::Base || v.freq >= r.noun.as_ref().map_or(0, |n| n.freq))
    } else {
        verb_here(&r)
    };
    if !verb {
        return None;
    }
    if let Some(p) = cw.get(vi + 1).map(|w| sc.lw(w)).filter(|p| is_particle(p))
        && cw
            .get(vi + 2)
            .is_none_or(|w| !matches!(sc.lw(w), "of" | "to"))
    {
        // "laid off" is "lay off", not "lie"; a particle right after the verb makes a
        // phrasal verb even where WordNet lacks it ("standing down").
        let l = lexicon::verb_lemmas(lw)
            .into_iter()
            .find(|l| lexicon::phrasal(l, p))
            .unwrap_or(v.lemma);
        return Some(format!("{l} {p}"));
    }
    if object && lexicon::takes_clause(v.lemma) {
        return None;
    }
    if let Some(g) = sc.role_of_lemma(t, v.lemma) {
        return Some(g);
    }
    // "remained without electricity", "were left dead": a role phrase after the verb.
    if let Some((e, _)) = role_at(t, ix, sc, cw, vi + 1)
        && cw
            .get(vi + 1)
            .is_some_and(|w| !lexicon::closed(sc.lw(w)).is(Closed::AUXILIARY))
    {
        return Some(t.roles[e].1.clone());
    }
    Some(v.lemma.to_string())
}

/// The role of a counted noun from the verb governing it: the clause words `cw`, the
/// figure's first word `qi` and the first word after the figure and its noun `qe`.
fn governing_role(
    t: &Tables,
    ix: &ContextIndex,
    sc: &Scratch,
    cw: &[Word],
    qi: usize,
    qe: usize,
) -> Option<String> {
    // Auxiliaries, adverbs, a relative pronoun and "to" before "be" may stand between ("who
    // were evacuated", "had reportedly been killed", "are to be freed").
    let skip_aux = |mut i: usize| {
        let start = i;
        while i < cw.len() && i < start + 6 {
            let lw = sc.lw(&cw[i]);
            let c = lexicon::closed(lw);
            let to_be = lw == "to"
                && cw
                    .get(i + 1)
                    .is_some_and(|w| matches!(sc.lw(w), "be" | "have"));
            if c.is(Closed::AUXILIARY)
                || c.is(Closed::ADVERB)
                || matches!(lw, "who" | "that" | "which")
                || to_be
            {
                i += 1;
                continue;
            }
            break;
        }
        i
    };
    let mut i = skip_aux(qe);
    // A verb before the figure governs it as its object; a finite verb past a prepositional
    // phrase then belongs to another noun ("launched 100 drones at the city with strikes
    // recorded in 15 districts").
    let has_object_verb = object_role(t, ix, sc, cw, qi).is_some();
    // "three crew members of the cargo ship were taken", "3,100 of them developed": a short
    // prepositional phrase between the noun and its auxiliary or finite verb.
    if i == qe
        && cw
            .get(qe)
            .is_some_and(|w| lexicon::closed(sc.lw(w)).is(Closed::PREPOSITION) && sc.lw(w) != "to")
        && let Some(m) = (qe + 1..cw.len().min(qe + 9)).find(|&m| {
            let lw = sc.lw(&cw[m]);
            let c = lexicon::closed(lw);
            c.is(Closed::AUXILIARY)
                || (!c.any()
                    && !has_object_verb
                    && sc.reading(lw).verb.as_ref().is_some_and(|v| {
                        matches!(v.form, VerbForm::Past | VerbForm::ThirdSingular)
                    })
                    && verb_here(&sc.reading(lw)))
        })
    {
        i = skip_aux(m);
    }
    // "forced 30,000 people to flee": the infinitive's verb.
    if i == qe && cw.get(qe).is_some_and(|w| sc.lw(w) == "to") {
        i = skip_aux(qe + 1);
    }
    if i < cw.len() {
        let after = role_at(t, ix, sc, cw, i)
            .map(|(e, _)| t.roles[e].1.clone())
            .or_else(|| verb_role(t, ix, sc, cw, i));
        if let Some(r) = after {
            // "shot down 80 drones launched by Russia", "seized 1,150 parcels containing":
            // a bare participle after the noun qualifies it; the clause's verb is before
            // the figure, or after the participle ("the prisoners surveyed said").
            let bare_participle = i == qe
                && sc
                    .reading(sc.lw(&cw[i]))
                    .verb
                    .is_some_and(|v| matches!(v.form, VerbForm::Past | VerbForm::Ing));
            if !bare_participle {
                return Some(r);
            }
            if let Some(o) = object_role(t, ix, sc, cw, qi) {
                return Some(o);
            }
            let next = cw.get(i + 1).map(|w| sc.reading(sc.lw(w)));
            if next.as_ref().is_some_and(|n| {
                !n.closed.any()
                    && n.verb
                        .as_ref()
                        .is_some_and(|v| matches!(v.form, VerbForm::Past | VerbForm::ThirdSingular))
                    && verb_here(n)
            }) && let Some(v) = verb_role(t, ix, sc, cw, i + 1)
            {
                return Some(v);
            }
            return Some(r);
        }
    }
    // "left hundreds of thousands of people in the capital without heat": a role phrase
    // shortly after the noun says more than an open verb before the figure.
    let object = object_role(t, ix, sc, cw, qi);
    if object
        .as_ref()
        .is_none_or(|o| !t.roles.iter().any(|(_, g)| g == o))
        && let Some(e) = (qe..cw.len().min(qe + 5)).find_map(|m| role_at(t, ix, sc, cw, m))
    {
        return Some(t.roles[e.0].1.clone());
    }
    object
}

/// The role from the verb whose object the figure at clause word `qi` is, past a determiner,
/// an adverb or a particle ("police arrested 12 men", "shot down 46 drones").
fn object_role(
    t: &Tables,
    ix: &ContextIndex,
    sc: &Scratch,
    cw: &[Word],
    qi: usize,
) -> Option<String> {
    let mut j = qi;
    let mut steps = 0;
    while j > 0 && steps < 3 {
        j -= 1;
        steps += 1;
        let lw = sc.lw(&cw[j]);
        if is_particle(lw) && j > 0 {
            // "shot down 46 drones", "laid off 300 workers".
            if let Some((e, _)) = role_at(t, ix, sc, cw, j - 1) {
                return Some(t.roles[e].1.clone());
            }
            return verb_role_as(t, ix, sc, cw, j - 1, true);
        }
        let c = lexicon::closed(lw);
        if c.is(Closed::DETERMINER) || c.is(Closed::ADVERB) {
            continue;
        }
        return verb_role_as(t, ix, sc, cw, j, true);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_date() -> Option<Date> {
        Some(Date::new(2026, 1, 30).unwrap())
    }

    fn ex(text: &str) -> Vec<(String, Quantity)> {
        scan(text, doc_date())
            .into_iter()
            .map(|q| (text[q.span.start..q.span.end].to_string(), q))
            .collect()
    }

    fn find<'a>(qs: &'a [(String, Quantity)], t: &str) -> &'a Quantity {
        &qs.iter()
            .find(|(s, _)| s == t)
            .unwrap_or_else(|| panic!("no figure {t:?} in {qs:#?}"))
            .1
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn ordinals_are_not_counts() {
        let qs = ex("He won the third round and came 2nd in the 3rd race.");
        assert!(qs.is_empty(), "{qs:#?}");
    }

    #[test]
    fn nouns_skip_designations_and_adjectives() {
        let qs = ex("Two MiG-29 jets were scrambled.");
        assert_eq!(find(&qs, "Two").noun.as_deref(), Some("jets"));
        let qs = ex("One central one was hit.");
        assert_eq!(find(&qs, "One").noun, None);
        let qs = ex("The one you mentioned and this one we saw were hit; one you can keep.");
        assert_eq!(qs.len(), 1, "{qs:#?}");
        let qs = ex("They found 12 armoured vehicles.");
        assert_eq!(find(&qs, "12").noun.as_deref(), Some("vehicles"));
    }

    #[test]
    fn antecedents_and_roles() {
        let qs = ex("Russia launched 111 drones and 80 of them were shot down.");
        let q = find(&qs, "111");
        assert_eq!(
            (q.lemma.as_deref(), q.role.as_deref()),
            (Some("drone"), Some("launched"))
        );
        let q = find(&qs, "80");
        assert_eq!(q.lemma.as_deref(), Some("drone"));
        assert_eq!(q.noun_span.map(|s| s.start), Some(20));
        assert_eq!(q.role.as_deref(), Some("downed"));
        let qs = ex("One missile and 25 drones struck 15 regions.");
        assert_eq!(find(&qs, "One").lemma.as_deref(), Some("missile"));
        assert_eq!(find(&qs, "25").role.as_deref(), Some("struck"));
        let qs = ex("Twelve people were injured.");
        assert_eq!(find(&qs, "Twelve").role.as_deref(), Some("wounded"));
        // Antecedents before the figure's clause (whose words alone are read at first): an
        // earlier figure's noun, else the nearest known noun.
        let text = "Drones hit two cities overnight; 40 of them were shot down.";
        let qs = ex(text);
        let q = find(&qs, "40");
        assert_eq!(q.lemma.as_deref(), Some("city"));
        assert_eq!(q.noun_span.map(|s| s.start), text.find("cities"));
        let qs = ex("Drones hit the port overnight; 40 of them were shot down.");
        assert_eq!(find(&qs, "40").lemma.as_deref(), Some("drone"));
    }

    /// (sentence, figure text, expected lemma, expected role)
    fn noun_cases(cases: &[(&str, &str, Option<&str>, Option<&str>)]) {
        for (text, fig, lemma, role) in cases {
            let qs = ex(text);
            let q = find(&qs, fig);
            assert_eq!(q.lemma.as_deref(), *lemma, "noun of {fig:?} in {text:?}");
            if let Some(r) = role {
                assert_eq!(q.role.as_deref(), Some(*r), "role of {fig:?} in {text:?}");
            }
        }
    }

    #[test]
    fn the_counted_noun_is_the_head_of_its_noun_phrase() {
        noun_cases(&[
            (
                "Surgeons did 300 kidney transplants.",
                "300",
                Some("transplant"),
                None,
            ),
            (
                "The plant has 64,000 full-time jobs.",
                "64,000",
                Some("job"),
                None,
            ),
            (
                "Officials found six additional measles cases.",
                "six",
                Some("case"),
                None,
            ),
            (
                "Three crew members died.",
                "Three",
                Some("member"),
                Some("killed"),
            ),
            ("The war caused 3,400 deaths.", "3,400", Some("death"), None),
            (
                "The city bought 250 electric buses.",
                "250",
                Some("bus"),
                None,
            ),
            ("Nine African nations signed.", "Nine", Some("nation"), None),
            ("About 40 women marched.", "About 40", Some("woman"), None),
            (
                "The 12-member jury deliberated.",
                "12",
                Some("member"),
                None,
            ),
            (
                "Ranchers sold 4,800 head of cattle.",
                "4,800",
                Some("cattle"),
                None,
            ),
            (
                "The NHS will train 1,000 more GPs.",
                "1,000",
                Some("gp"),
                None,
            ),
            (
                "It damaged 40 buildings and one building burned.",
                "one",
                Some("building"),
                None,
            ),
            (
                "Seven people left early.",
                "Seven",
                Some("person"),
                Some("leave"),
            ),
            ("It stood at 12 last year.", "12", None, None),
            ("Cases rose three times as fast.", "three", None, None),
        ]);
    }

    #[test]
    fn elided_and_referred_nouns() {
        noun_cases(&[
            (
                "The party won 289 seats, up from just 148.",
                "just 148",
                Some("seat"),
                None,
            ),
            ("One in five adults smoke.", "One", Some("adult"), None),
            (
                "Officials said 52 missiles were fired; 46 were intercepted.",
                "46",
                Some("missile"),
                Some("downed"),
            ),
            (
                "Of the 40 cruise missiles fired, 37 were intercepted.",
                "37",
                Some("missile"),
                Some("downed"),
            ),
            (
                "The council holds 16 of the country's 21 provinces.",
                "16",
                Some("province"),
                None,
            ),
            (
                "Mortgage approvals rose to 64,300 in April.",
                "64,300",
                Some("approval"),
                None,
            ),
            (
                "At least 14 people were killed, including three children, and 62 were wounded.",
                "62",
                Some("person"),
                Some("wounded"),
            ),
        ]);
        let qs = ex("Officials said 52 missiles were fired. 46 were intercepted.");
        assert_eq!(find(&qs, "46").lemma.as_deref(), Some("missile"));
        // Two nouns in the sentence before: no guess.
        let qs = ex("They fired 52 missiles and 20 drones. 46 were intercepted.");
        assert_eq!(find(&qs, "46").lemma, None);
    }

    #[test]
    fn roles_come_from_the_governing_verb() {
        noun_cases(&[
            (
                "The carmaker will lay off 4,200 workers.",
                "4,200",
                Some("worker"),
                Some("lay off"),
            ),
            (
                "Staff said several hundred contractors were laid off.",
                "several hundred",
                Some("contractor"),
                Some("lay off"),
            ),
            (
                "The firm sold 2,500 cars.",
                "2,500",
                Some("car"),
                Some("sell"),
            ),
            (
                "The quake left 2,100 people dead.",
                "2,100",
                Some("person"),
                Some("killed"),
            ),
            (
                "Tornadoes destroyed 38 homes.",
                "38",
                Some("home"),
                Some("downed"),
            ),
            (
                "The fire forced 30,000 people to flee.",
                "30,000",
                Some("person"),
                Some("evacuated"),
            ),
            (
                "Russia used 1,500 glide bombs, 900 drones and 50 missiles.",
                "50",
                Some("missile"),
                Some("launched"),
            ),
            (
                "Three crew members of the ship were taken to hospital.",
                "Three",
                Some("member"),
                Some("take"),
            ),
        ]);
        // The verb before the figure governs it, not a verb of another noun after a
        // prepositional phrase.
        let qs = ex(
            "Russia launched more than 100 drones at the city with strikes recorded in 15 districts.",
        );
        assert_eq!(find(&qs, "more than 100").role.as_deref(), Some("launched"));
        // A verb whose object is a clause gives no role to the clause's subject.
        let qs = ex("Police said 12 people.");
        assert_eq!(find(&qs, "12").role, None);
    }

    #[test]
    fn verbs_are_not_counted_nouns() {
        let qs = ex("Hundreds of thousands remain without stable heat.");
        assert_eq!(find(&qs, "Hundreds of thousands").noun, None);
        let qs = ex("Dozens said they had no power.");
        assert_eq!(find(&qs, "Dozens").noun, None);
        let qs = ex("Thousands stranded overnight.");
        assert_eq!(find(&qs, "Thousands").noun, None);
        let qs = ex("It damaged 40 buildings and one building burned.");
        assert_eq!(find(&qs, "40").lemma.as_deref(), Some("building"));
        assert_eq!(find(&qs, "one").noun.as_deref(), Some("building"));
    }

    #[test]
    fn noun_modifiers_are_not_counted() {
        let qs = ex("Fallout from a Russian Shahed drone attack in Zaporizhzhia.");
        assert!(
            qs.iter().all(|(_, q)| q.lemma.as_deref() != Some("drone")),
            "{qs:?}"
        );
        for text in [
            "Russia fired an Iskander-M ballistic missile.",
            "Russia fired a missile.",
            "Russia fired a ballistic missile.",
        ] {
            let qs = ex(text);
            let q = qs
                .iter()
                .find(|(_, q)| q.dimension == Dimension::Count)
                .unwrap();
            assert_eq!(q.1.value, Some(Figure::int(1)), "{text}");
            assert_eq!(q.1.noun.as_deref(), Some("missile"), "{text}");
        }
        let qs = ex("A Shahed drone hit a house.");
        let q = qs
            .iter()
            .find(|(_, q)| q.lemma.as_deref() == Some("drone"))
            .unwrap();
        assert_eq!(q.1.noun.as_deref(), Some("drone"));
    }

    #[test]
    fn role_after_the_noun_wins() {
        let qs = ex("Officials reported that several people had been killed and wounded.");
        assert_eq!(find(&qs, "several").role.as_deref(), Some("killed"));
        let qs = ex("Police said 12 people were injured.");
        assert_eq!(find(&qs, "12").role.as_deref(), Some("wounded"));
        // Without an auxiliary the nearest role still wins.
        let qs = ex("Forces shot down 80 drones launched by Russia.");
        assert_eq!(find(&qs, "80").role.as_deref(), Some("downed"));
    }

    #[test]
    fn scale_suffixes_and_money() {
        let qs = ex("It raised 10M, had 5k users and borrowed $10.5 billion, €8.4bn and £10m.");
        assert_eq!(find(&qs, "10M").value.unwrap().value, d("10000000"));
        assert_eq!(find(&qs, "5k").value.unwrap().value, d("5000"));
        let q = find(&qs, "$10.5 billion");
        assert_eq!(
            (q.value.unwrap().value, q.unit.as_deref()),
            (d("10500000000"), Some("USD"))
        );
        let q = find(&qs, "€8.4bn");
        assert_eq!(
            (q.value.unwrap().value, q.unit.as_deref()),
            (d("8400000000"), Some("EUR"))
        );
        let q = find(&qs, "£10m");
        assert_eq!(
            (q.value.unwrap().value, q.unit.as_deref()),
            (d("10000000"), Some("GBP"))
        );
    }

    #[test]
    fn durations() {
        let qs = ex(
            "A fortnight later a 10-day festival and a three-day ceasefire began; it \
                     lasted a week, a week-long pause.",
        );
        assert_eq!(find(&qs, "A fortnight").unit.as_deref(), Some("fortnight"));
        let q = find(&qs, "10-day");
        assert_eq!((q.dimension, q.adjectival), (Dimension::Duration, true));
        assert_eq!(find(&qs, "three-day").value.unwrap().value, d("3"));
        assert_eq!(find(&qs, "a week").unit.as_deref(), Some("week"));
        assert!(find(&qs, "a week-long").adjectival);
    }

    #[test]
    fn temperatures_and_percentage_points() {
        let qs = ex(
            "It was −30 °C (−22 °F), 20 deg C, 86 F and 300 K. Rates rose 2 \
                     percentage points to 15 percent.",
        );
        for (t, u) in [
            ("−30 °C", "°C"),
            ("−22 °F", "°F"),
            ("20 deg C", "°C"),
            ("86 F", "°F"),
        ] {
            let q = find(&qs, t);
            assert_eq!(
                (q.dimension, q.unit.as_deref()),
                (Dimension::Temperature, Some(u))
            );
        }
        assert_eq!(find(&qs, "300 K").unit.as_deref(), Some("K"));
        assert_eq!(
            find(&qs, "2 percentage points").dimension,
            Dimension::PercentagePoints
        );
        assert_eq!(find(&qs, "15 percent").dimension, Dimension::Percent);
        // "300K" against the digits is three hundred thousand.
        assert_eq!(
            find(&ex("300K fans"), "300K").value.unwrap().value,
            d("300000")
        );
    }

    #[test]
    fn dates_resolve_against_the_document_date() {
        let qs = ex(
            "On Jan. 30, 2026 and 30/January/2026, until Feb. 1, in February 2022, \
                     in May of last year, on Friday.",
        );
        let date = |t: &str| find(&qs, t).date.map(|d| d.to_string());
        assert_eq!(date("Jan. 30, 2026").as_deref(), Some("2026-01-30"));
        assert_eq!(date("30/January/2026").as_deref(), Some("2026-01-30"));
        assert_eq!(date("Feb. 1").as_deref(), Some("2026-02-01"));
        let q = find(&qs, "February 2022");
        assert_eq!((q.dimension, q.date_kind), (Dimension::Date, Some("month")));
        assert_eq!(date("May of last year").as_deref(), Some("2025-05-01"));
        assert_eq!(date("Friday").as_deref(), Some("2026-01-30"));
        assert!(qs.iter().all(|(_, q)| q.dimension == Dimension::Date));
    }

    #[test]
    fn clock_times_and_designations_are_not_counts() {
        let qs = ex(
            "At 11:30 p.m. the Iskander-M, Tu-95, A320, H5N1, I-95, Apollo 11, P7, \
                     call 555-123-4567, version 2.1.3, Section 5 and row 12 were named.",
        );
        assert_eq!(qs.len(), 1, "{qs:#?}");
        assert_eq!(find(&qs, "11:30 p.m.").dimension, Dimension::Time);
        // An article is not a designator: "a 100 meters" is a length.
        let qs = ex("It landed a 100 meters away in a 10-gallon tank.");
        assert_eq!(find(&qs, "100 meters").unit.as_deref(), Some("m"));
        assert_eq!(find(&qs, "10-gallon").unit.as_deref(), Some("gal"));
    }

    /// The texts of the figures found in `text`.
    fn texts(text: &str) -> Vec<String> {
        ex(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn scores_and_records_are_no_figures() {
        for t in [
            "City lost 2-0 at home.",
            "They won 3-1 in Leeds.",
            "They won 3–1 in Leeds.",
            "It was a 21-17 victory.",
            "The sides drew 1-1.",
            "The Jets (4-11) lost again.",
            "The Jets went 4-11 last season.",
            "They lost 11-14 to the Bears.",
            "A 9-5 job and a 50-50 chance.",
        ] {
            assert!(texts(t).is_empty(), "{t}: {:?}", texts(t));
        }
        // Rising pairs without a score word are ranges.
        for (t, r) in [
            ("Children (5-11) were vaccinated.", "5-11"),
            ("They led 10-15 volunteers.", "10-15"),
            ("Ages 4-11 can enter.", "4-11"),
            ("It rose 10-5%.", "5%"),
        ] {
            assert!(texts(t).iter().any(|x| x == r), "{t}: {:?}", texts(t));
        }
    }

    #[test]
    fn names_with_numbers_are_no_figures() {
        for t in [
            "Astronomers tracked 2024 YR4 closely.",
            "A Boeing 737 Max 9 and a Boeing 737 MAX 8 flew.",
            "Covid-19, Formula 1, Flight 370 and Route 66 were named.",
            "The G20 met; Windows 11 and the iPhone 15 launched.",
            "Go to Gate 12, Row 8, Seat 14C, Room 101, Platform 9.",
            "The firm filed for Chapter 11 protection at Terminal 5.",
            "Q3 sales beat forecasts; Q4 guidance fell.",
            "Boeing handed over its first 737 Max 10 at Exit 42 near Court 3.",
            "Traffic queued between junctions 10 and 11; the shop is open 24/7.",
            "Year 11 pupils sat the exam after 9/11.",
            "Resolution 2801 passed; the FTSE 100 and the FTSE 250 fell; Module 3 is due.",
            "The Falcon 9 booster landed.",
        ] {
            assert!(texts(t).is_empty(), "{t}: {:?}", texts(t));
        }
    }

    #[test]
    fn periods_and_compound_words_hold_no_fraction() {
        for t in [
            "Profit rose in the third quarter.",
            "Sales fell in the fourth quarter and the first half.",
            "Earnings for the quarter beat forecasts.",
            "Sales rose in the March quarter.",
            "At half-time and during half-term the quarter-final was a one-off.",
            "It was a one-time fee paid in the first-half.",
        ] {
            assert!(texts(t).is_empty(), "{t}: {:?}", texts(t));
        }
        let qs = ex("A quarter of voters and three quarters of members agreed.");
        assert_eq!(find(&qs, "A quarter").dimension, Dimension::Fraction);
        assert_eq!(find(&qs, "three quarters").dimension, Dimension::Fraction);
        // A number word after the hyphen goes on counting ("three-nought-four").
        assert!(texts("They were playing three-nought-four.").contains(&"three".to_string()));
        // Other numbers before a hyphen count what follows ("a seven-storey building").
        assert_eq!(texts("A seven-storey block fell."), ["seven"]);
        // A unit after the hyphen is a measure ("a half-hour wait").
        let qs = ex("After a half-hour wait, one-day passes sold.");
        assert_eq!(find(&qs, "a half-hour").unit.as_deref(), Some("hour"));
        assert_eq!(find(&qs, "one-day").unit.as_deref(), Some("day"));
    }

    #[test]
    fn degrees_against_the_digits_by_their_sentence() {
        let qs = ex("Forecasters said highs of 104F were likely; \
                     patients with a temperature above 38C should rest.");
        assert_eq!(find(&qs, "104F").unit.as_deref(), Some("°F"));
        assert_eq!(find(&qs, "above 38C").unit.as_deref(), Some("°C"));
        assert!(texts("When must 13F be filed?").is_empty());
    }

    #[test]
    fn an_article_unit_after_of_is_no_figure() {
        assert!(texts("The price of a tonne of coking coal rose.").is_empty());
        assert_eq!(texts("The crane lifted a tonne of steel."), ["a tonne"]);
        let qs = ex("Boeing delivered 38 737 MAX jets.");
        assert_eq!(
            texts("Boeing delivered 38 737 MAX jets."),
            ["38"],
            "{qs:#?}"
        );
    }

    #[test]
    fn clock_times_with_zones() {
        let qs = ex("The first flight left at 1130 GMT and the convoy at 0900 local time.");
        for t in ["1130 GMT", "0900 local time"] {
            assert_eq!(find(&qs, t).dimension, Dimension::Time, "{t}");
        }
        assert_eq!(
            find(&qs, "1130 GMT").clock,
            jiff::civil::Time::new(11, 30, 0, 0).ok()
        );
        let qs = ex("Polls closed at 11.30am; the 1130 delegates left.");
        assert_eq!(find(&qs, "11.30am").dimension, Dimension::Time);
        assert_eq!(find(&qs, "1130").dimension, Dimension::Count);
    }

    #[test]
    fn spans_of_years_are_dates() {
        let qs = ex("Sales for the 2023-24 season beat the 2025/26 budget.");
        for (t, a, b) in [
            ("2023-24", "2023-01-01", "2024-12-31"),
            ("2025/26", "2025-01-01", "2026-12-31"),
        ] {
            let q = find(&qs, t);
            assert_eq!(
                (
                    q.dimension,
                    q.date_kind,
                    q.date.map(|d| d.to_string()),
                    q.date_end.map(|d| d.to_string())
                ),
                (
                    Dimension::Date,
                    Some("years"),
                    Some(a.to_string()),
                    Some(b.to_string())
                ),
                "{t}"
            );
        }
        assert_eq!(qs.len(), 2, "{qs:#?}");
        let qs = ex("Between 1995 and 1999 prices rose; between 1990 and 2000 people marched.");
        assert_eq!(
            find(&qs, "Between 1995 and 1999").dimension,
            Dimension::Date
        );
        let q = find(&qs, "between 1990 and 2000");
        assert_eq!((q.dimension, q.bound), (Dimension::Count, Bound::Range));
    }

    #[test]
    fn degrees_are_angles_by_their_words() {
        let qs =
            ex("The ramp slopes at about 45 degrees and the mast leaned at a 30-degree angle.");
        for t in ["about 45 degrees", "30-degree"] {
            let q = find(&qs, t);
            assert_eq!(
                (q.dimension, q.unit.as_deref()),
                (Dimension::Angle, Some("°")),
                "{t}"
            );
        }
        assert_eq!(
            find(&ex("Earth is tilted 23.5 degrees."), "23.5 degrees").dimension,
            Dimension::Angle
        );
        // No cue, or a weather word in the sentence: a temperature as before.
        for t in [
            "It was 30 degrees in Madrid.",
            "The warm spell turned the air to 35 degrees.",
            "Raise the temperature by 5 degrees.",
        ] {
            let qs = ex(t);
            assert!(
                qs.iter()
                    .all(|(_, q)| q.dimension == Dimension::Temperature),
                "{t}: {qs:#?}"
            );
        }
    }

    #[test]
    fn rates_and_figures_per_unit() {
        let qs = ex("Output rose to 411,000 barrels per day; rain fell at 2 inches an hour.");
        for (t, u) in [
            ("411,000 barrels per day", "bbl/day"),
            ("2 inches an hour", "in/h"),
        ] {
            let q = find(&qs, t);
            assert_eq!(
                (q.dimension, q.unit.as_deref()),
                (Dimension::Rate, Some(u)),
                "{t}"
            );
        }
        let qs = ex("The rate fell to 12.4 per 100,000 residents; staff worked 22 hours a day.");
        let q = find(&qs, "12.4 per 100,000");
        assert_eq!(
            (q.dimension, q.unit.as_deref()),
            (Dimension::Rate, Some("/100000"))
        );
        assert_eq!(
            find(&qs, "22 hours a day").unit.as_deref(),
            Some("hour/day")
        );
        // A count or a price per unit is the figure alone; the denominator is no figure.
        let text = "He averaged 3 goals per game as Brent hit $81 a barrel and 600 a day left.";
        let qs = ex(text);
        assert_eq!(texts(text), ["3", "$81", "600"], "{qs:#?}");
        assert_eq!(find(&qs, "3").noun.as_deref(), Some("goals"));
        // With a noun between, a population rate takes it.
        let qs = ex("There were 12.4 deaths per 100,000.");
        let q = find(&qs, "12.4 deaths per 100,000");
        assert_eq!(
            (q.lemma.as_deref(), q.unit.as_deref()),
            (Some("death"), Some("/100000"))
        );
    }

    #[test]
    fn an_en_dash_with_a_space_separates() {
        let qs = ex("Results: Greens – 8.2%, Labour — 34%, Reform –1.5 points.");
        assert_eq!(
            find(&qs, "8.2%").value,
            Some(Figure::new(d("8.2"), d("0.1")))
        );
        assert_eq!(find(&qs, "34%").value.unwrap().value, d("34"));
        assert_eq!(find(&qs, "–1.5").value.unwrap().value, d("-1.5"));
    }

    #[test]
    fn circa_hedges_a_figure() {
        let qs = ex("Census takers counted ca. 300 residents and c. 1,200 workers.");
        for t in ["ca. 300", "c. 1,200"] {
            let q = find(&qs, t);
            assert!(q.approx && q.bound == Bound::Approx, "{t}: {q:#?}");
        }
    }

    #[test]
    fn about_after_how_or_what_asks() {
        let qs = ex("How about 2 in 5 or more? What about five? It took about 3 hours.");
        assert_eq!(find(&qs, "2 in 5 or more").low, Some(d("0.4")));
        assert!(!find(&qs, "five").approx);
        assert!(find(&qs, "about 3 hours").approx);
    }

    #[test]
    fn names_joined_to_units_and_phone_numbers_are_not_figures() {
        let qs = ex("Israel bought 50 F-35 jets and 3 C-130 planes; Ford sold 800,000 F-Series.");
        assert!(
            qs.iter().all(|(_, q)| q.dimension == Dimension::Count),
            "{qs:#?}"
        );
        assert_eq!(qs.len(), 3, "{qs:#?}");
        let qs = ex("Call +1-222-2222-2222 or +1-222-2222/2222 now.");
        assert!(qs.is_empty(), "{qs:#?}");
    }

    #[test]
    fn scores_after_a_subject_is_a_verb() {
        let qs = ex("He scores twice. Scores were hurt.");
        assert_eq!(qs.len(), 1, "{qs:#?}");
        assert_eq!(find(&qs, "Scores").bound, Bound::Vague);
    }

    #[test]
    fn hyphen_chains_of_numbers_are_numbers() {
        let qs = ex("They were playing three-nought-four.");
        let texts: Vec<&str> = qs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["three", "nought", "four"]);
    }

    #[test]
    fn direction_of_change() {
        let qs = ex("Prices rose 5% while exports fell 3%.");
        assert_eq!(find(&qs, "5%").direction, Some(Direction::Up));
        assert_eq!(find(&qs, "3%").direction, Some(Direction::Down));
    }
    use proptest::prelude::*;

    proptest! {
        /// The scanner's ASCII fast paths change nothing: on prose mixing words, figures,
        /// joiners, non-ASCII letters and signs, it finds the same figures with and without
        /// them.
        #[test]
        fn fast_paths_find_what_the_general_path_finds(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(" ".to_string()),
                    "[A-Za-z]{1,9}",
                    "[0-9]{1,4}",
                    proptest::sample::select(vec![
                        "a", "A", "in", "at", "more than", "about", "two", "Million", "dozen",
                        "drones", "were", "shot", "down", "°C", "−30", "km", "%", "$", "€5",
                        "Feb.", "Friday", "MiG-29", "well-known", "U.S.", "e.g.", "1/2",
                        "café", "naïve", "Ünited", "–", "-", ".", ",", "/", ":", "'", "’",
                        "\n", "\t", "\u{a0}", "(", ")", "and", "of", "week", "days",
                    ]).prop_map(str::to_string),
                ],
                0..40,
            )
        ) {
            let prose = parts.concat();
            let date = jiff::civil::date(2026, 1, 30);
            proptest::prop_assert_eq!(
                scan_with::<true>(&prose, Some(date)),
                scan_with::<false>(&prose, Some(date)),
                "{:?}", prose
            );
        }
    }
}
