//! Claims: a figure together with what it is about, ready to be compared across sources.
//!
//! A [`Claim`] is one extracted [`Quantity`] with a [`ClaimKey`] (what it counts or measures, the
//! role, the time, the place, whether it is a forecast) and an [`Interval`] in the dimension's
//! base unit (°C, m, kg, …; counts have no unit; dates are day numbers). Two claims are about the
//! same thing only when their keys agree; `reconcile` groups by key. The keying rules are
//! documented in `docs/reconcile.md`.

use crate::analysis::Analysis;
use crate::grammar::Grammar;
use crate::precision::{SCALE_ABBREVIATIONS, SCALE_WORDS, to_base, width_to_base};
use crate::quantity::{Bound, Dimension, Quantity, Span};
use crate::source::Document;
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// The time a claim is about: a day or a run of days (a month), resolved against the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}..{}", self.start, self.end)
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// What a claim is about. Field order is the sort order of rows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ClaimKey {
    /// The counted noun's lemma ("drone"); for a measure with no noun, the dimension name
    /// ("temperature"); for an end date, the event ("pause").
    pub noun: String,
    /// The role the clause gives the noun ("launched", "downed"); "until" for end dates.
    pub role: Option<String>,
    /// What is measured.
    pub dimension: Dimension,
    /// A forecast or expectation rather than an observation.
    pub forecast: bool,
    /// The place the clause names ("kyiv"), lower-cased.
    pub place: Option<String>,
    /// The day(s) the claim is about; `None` when the text gives none.
    pub time: Option<Period>,
}

impl ClaimKey {
    /// A short description for tables and messages: "drone launched 2026-01-30".
    pub fn describe(&self) -> String {
        let mut s = self.noun.clone();
        if let Some(r) = &self.role {
            s.push(' ');
            s.push_str(r);
        }
        if self.forecast {
            s.push_str(" (forecast)");
        }
        if let Some(p) = &self.place {
            s.push_str(" in ");
            s.push_str(p);
        }
        if let Some(t) = &self.time {
            s.push(' ');
            s.push_str(&t.to_string());
        }
        s
    }
}

/// An interval on the real line; `None` ends are unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    /// Lower end.
    pub low: Option<Decimal>,
    /// Upper end.
    pub high: Option<Decimal>,
    /// The lower end itself is excluded ("more than 100").
    pub low_open: bool,
    /// The upper end itself is excluded ("fewer than 30").
    pub high_open: bool,
}

impl Interval {
    /// The closed interval `[lo, hi]`.
    pub fn closed(lo: Decimal, hi: Decimal) -> Interval {
        Interval {
            low: Some(lo),
            high: Some(hi),
            low_open: false,
            high_open: false,
        }
    }

    /// The single point `v`.
    pub fn point(v: Decimal) -> Interval {
        Interval::closed(v, v)
    }

    /// Whether the interval holds no number.
    pub fn is_empty(&self) -> bool {
        match (self.low, self.high) {
            (Some(l), Some(h)) => l > h || (l == h && (self.low_open || self.high_open)),
            _ => false,
        }
    }

    /// The common part of two intervals (possibly empty).
    pub fn intersect(&self, o: &Interval) -> Interval {
        let (low, low_open) = match (self.low, o.low) {
            (None, None) => (None, false),
            (Some(a), None) => (Some(a), self.low_open),
            (None, Some(b)) => (Some(b), o.low_open),
            (Some(a), Some(b)) if a > b => (Some(a), self.low_open),
            (Some(a), Some(b)) if b > a => (Some(b), o.low_open),
            (Some(a), Some(_)) => (Some(a), self.low_open || o.low_open),
        };
        let (high, high_open) = match (self.high, o.high) {
            (None, None) => (None, false),
            (Some(a), None) => (Some(a), self.high_open),
            (None, Some(b)) => (Some(b), o.high_open),
            (Some(a), Some(b)) if a < b => (Some(a), self.high_open),
            (Some(a), Some(b)) if b < a => (Some(b), o.high_open),
            (Some(a), Some(_)) => (Some(a), self.high_open || o.high_open),
        };
        Interval {
            low,
            high,
            low_open,
            high_open,
        }
    }

    /// The smallest interval covering both.
    pub fn hull(&self, o: &Interval) -> Interval {
        let (low, low_open) = match (self.low, o.low) {
            (Some(a), Some(b)) if a < b => (Some(a), self.low_open),
            (Some(a), Some(b)) if b < a => (Some(b), o.low_open),
            (Some(a), Some(_)) => (Some(a), self.low_open && o.low_open),
            _ => (None, false),
        };
        let (high, high_open) = match (self.high, o.high) {
            (Some(a), Some(b)) if a > b => (Some(a), self.high_open),
            (Some(a), Some(b)) if b > a => (Some(b), o.high_open),
            (Some(a), Some(_)) => (Some(a), self.high_open && o.high_open),
            _ => (None, false),
        };
        Interval {
            low,
            high,
            low_open,
            high_open,
        }
    }

    /// Whether two intervals share a number.
    pub fn overlaps(&self, o: &Interval) -> bool {
        !self.intersect(o).is_empty()
    }

    /// Whether `v` lies in the interval.
    pub fn contains(&self, v: Decimal) -> bool {
        self.overlaps(&Interval::point(v))
    }

    /// The single number the interval holds, if it is a point.
    pub fn as_point(&self) -> Option<Decimal> {
        match (self.low, self.high) {
            (Some(l), Some(h)) if l == h && !self.low_open && !self.high_open => Some(l),
            _ => None,
        }
    }
}

/// One figure with what it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Index of the source in the list given to `reconcile`.
    pub source: usize,
    /// Index into that source's quantities.
    pub quantity: usize,
    /// The figure's span in its file.
    pub span: Span,
    /// The figure as written.
    pub text: String,
    /// What it is about.
    pub key: ClaimKey,
    /// The interval the words allow, in `unit`.
    pub interval: Interval,
    /// The stated figure in `unit` when it was written as one exact figure (not hedged, not a
    /// bound, not vague): the value other sources are compared with for "agree".
    pub stated: Option<Decimal>,
    /// The base unit ("°C", "m"); `None` for counts; "day" for dates (day numbers).
    pub unit: Option<String>,
    /// For a vague word ("several", "dozens"): the range the vague-words table gives it. Its
    /// upper end is soft: writers use "several" loosely, so `interval` keeps only the lower end
    /// and going past this range is a note (`reconcile-vague`), not a conflict.
    pub vague: Option<Interval>,
}

const FORECAST_WORDS: &[&str] = &[
    "forecast",
    "forecasts",
    "forecasted",
    "forecasting",
    "forecaster",
    "forecasters",
    "expect",
    "expects",
    "expected",
    "expecting",
    "predict",
    "predicts",
    "predicted",
    "predicting",
    "prediction",
    "projected",
    "projects",
    "projection",
    "will",
    "likely",
    "tomorrow",
    "outlook",
];

const FORECAST_PHRASES: &[&str] = &["next week", "coming days", "coming week", "set to"];

const NIGHT_PHRASES: &[&str] = &["overnight", "last night", "tonight", "the night"];

const PAUSE_WORDS: &[&str] = &[
    "pause",
    "paused",
    "pausing",
    "halt",
    "halted",
    "halting",
    "ceasefire",
    "cease-fire",
    "truce",
    "moratorium",
    "refrain",
    "refrained",
    "refraining",
    "stop",
    "stopped",
    "stopping",
    "suspend",
    "suspended",
    "suspension",
    "freeze",
    "hold",
    "withhold",
    "not",
    "no",
];

const UNTIL_WORDS: &[&str] = &["until", "till", "untill", "through"];

const PLACE_PREPOSITIONS: &[&str] = &["in", "over", "near", "across", "around", "on", "at"];

const NOT_PLACES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "the",
    "a",
    "an",
    "this",
    "that",
    "its",
    "their",
    "his",
    "her",
    "i",
];

/// Lower-cased words of `s` (letters, digits, hyphens and apostrophes), with their byte offsets.
fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let part = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

fn has_word(text: &str, list: &[&str]) -> bool {
    words(text)
        .iter()
        .any(|(_, w)| list.iter().any(|l| w.eq_ignore_ascii_case(l)))
}

fn has_phrase(text: &str, list: &[&str]) -> bool {
    let lower = text.to_lowercase();
    let ws: Vec<&str> = words(&lower).into_iter().map(|(_, w)| w).collect();
    let joined = format!(" {} ", ws.join(" "));
    list.iter().any(|p| joined.contains(&format!(" {p} ")))
}

/// Where a quantity sits: its sentence and the clause that gives it context.
struct Context {
    /// Index into the sentences (`usize::MAX` when outside every sentence).
    index: usize,
    sentence: Span,
    /// The figure's clause; for a parenthetical restatement "(-22 °F)", the clause before it
    /// too, so the restatement shares the key of what it restates.
    clause: Span,
}

/// What the words of a stretch of prose say, computed once per stretch.
#[derive(Clone, Copy)]
struct Flags {
    night: bool,
    pause: bool,
    forecast: bool,
}

/// Per-document lookups shared by every figure, so that building claims stays linear in the
/// number of figures (plus a logarithm), however long a sentence is.
struct Lookup<'a> {
    prose: &'a str,
    an: &'a Analysis<'a>,
    flags: HashMap<Span, Flags>,
    /// Dates that give a time (not end dates), by position.
    dates: Vec<(Span, Period)>,
}

impl<'a> Lookup<'a> {
    /// The lookups of `prose` (the document's reading), whose figures `qs` are at `spans`
    /// in it.
    fn new(an: &'a Analysis<'a>, spans: &[Span]) -> Lookup<'a> {
        let prose = an.doc.reading_text();
        let qs = an.quantities;
        let mut dates: Vec<(Span, Period)> = qs
            .iter()
            .zip(spans)
            .filter(|(d, s)| d.dimension == Dimension::Date && until_before(prose, **s).is_none())
            .filter_map(|(d, s)| {
                let start = d.date?;
                let end = d.date_end.unwrap_or(start);
                Some((*s, Period { start, end }))
            })
            .collect();
        dates.sort_by_key(|(s, _)| *s);
        Lookup {
            prose,
            an,
            flags: HashMap::new(),
            dates,
        }
    }

    /// The context of the figure at `at` (in the reading).
    fn context(&mut self, at: Span) -> Context {
        let sents = &self.an.sentences;
        let k = sents.partition_point(|s| s.read.start <= at.start);
        let found = k.checked_sub(1).filter(|&i| at.start < sents[i].read.end);
        let Some(index) = found else {
            return Context {
                index: usize::MAX,
                sentence: at,
                clause: at,
            };
        };
        let sentence = sents[index].read;
        let prose = self.prose;
        let cl = self.an.clauses_of(index);
        let j = cl.partition_point(|c| c.read.start <= at.start);
        let clause = match j.checked_sub(1).filter(|&j| at.start < cl[j].read.end) {
            Some(j) => {
                let c = cl[j].read;
                let opened = prose[..c.start].trim_end().ends_with('(');
                if opened && j > 0 {
                    cl[j - 1].read.cover(&c)
                } else {
                    c
                }
            }
            None => sentence,
        };
        Context {
            index,
            sentence,
            clause,
        }
    }

    fn flags(&mut self, s: Span) -> Flags {
        let prose = self.prose;
        *self.flags.entry(s).or_insert_with(|| {
            let t = &prose[s.start..s.end];
            Flags {
                night: has_phrase(t, NIGHT_PHRASES),
                pause: has_word(t, PAUSE_WORDS),
                forecast: has_word(t, FORECAST_WORDS) || has_phrase(t, FORECAST_PHRASES),
            }
        })
    }

    /// The time-giving date inside `within` nearest to `at`.
    fn nearest_date(&self, within: Span, at: usize) -> Option<Period> {
        let lo = self.dates.partition_point(|(s, _)| s.start < within.start);
        let hi = self.dates.partition_point(|(s, _)| s.start < within.end);
        let p = lo + self.dates[lo..hi].partition_point(|(s, _)| s.start < at);
        [p.checked_sub(1), Some(p)]
            .into_iter()
            .flatten()
            .filter(|&k| k >= lo && k < hi && self.dates[k].0.end <= within.end)
            .map(|k| (self.dates[k].0.start.abs_diff(at), self.dates[k].1))
            .min()
            .map(|(_, p)| p)
    }
}

/// A place the clause names: a preposition followed by a capitalised word that is not a
/// month, weekday or article ("in Kyiv", "over Kharkiv").
fn place(prose: &str, clause: Span, figure: Span) -> Option<String> {
    let text = &prose[clause.start..clause.end];
    let ws = words(text);
    for pair in ws.windows(2) {
        let (p, (at, w)) = (pair[0].1, pair[1]);
        let abs = clause.start + at;
        if abs >= figure.start && abs < figure.end {
            continue;
        }
        if PLACE_PREPOSITIONS.iter().any(|x| p.eq_ignore_ascii_case(x))
            && w.chars().next().is_some_and(|c| c.is_uppercase())
            && !NOT_PLACES.iter().any(|x| w.eq_ignore_ascii_case(x))
            && !w.ends_with("’s")
            && !w.ends_with("'s")
        {
            return Some(w.to_lowercase());
        }
    }
    None
}

/// The base unit of a dimension: the table's unit with factor 1 and no offset.
fn base_unit(g: &Grammar, dim: Dimension) -> Option<&str> {
    g.tables()
        .units
        .iter()
        .find(|u| u.dimension == dim && u.factor == Decimal::ONE && u.offset.is_zero())
        .map(|u| u.symbol.as_str())
}

/// The interval a quantity's words allow, in its base unit, and the stated exact figure.
fn interval(
    g: &Grammar,
    q: &Quantity,
    text: &str,
) -> Option<(Interval, Option<Decimal>, Option<String>)> {
    // A count is exact unless written with a decimal point or a scale word ("3.1 million").
    let scaled = text.contains('.')
        || words(text).iter().any(|(_, w)| {
            SCALE_WORDS
                .iter()
                .chain(SCALE_ABBREVIATIONS)
                .any(|x| w.eq_ignore_ascii_case(x))
        });
    let unit = q.unit.as_deref();
    let base = match unit {
        Some(sym) if g.unit(sym).is_some() => base_unit(g, q.dimension).map(str::to_string),
        Some(sym) => Some(sym.to_string()),
        None => None,
    };
    let exact = matches!(q.bound, Bound::Exact) && !q.approx;
    if exact && let Some(f) = q.point() {
        let v = to_base(g, unit, f.value)?;
        // Exact counts are exact; measures are widened by half a step of the last written place.
        let half = if q.dimension == Dimension::Count && !scaled {
            Decimal::ZERO
        } else {
            width_to_base(g, unit, f.precision)?.checked_div(Decimal::TWO)?
        };
        return Some((
            Interval::closed(v.checked_sub(half)?, v.checked_add(half)?),
            Some(v),
            base,
        ));
    }
    if q.dimension == Dimension::Count
        && exact
        && let (Some(l), Some(h)) = (q.low, q.high)
        && l == h
    {
        return Some((Interval::point(l), Some(l), base));
    }
    let low = match q.low {
        Some(l) => Some(to_base(g, unit, l)?),
        None => None,
    };
    let high = match q.high {
        Some(h) => Some(to_base(g, unit, h)?),
        None => None,
    };
    if low.is_none() && high.is_none() {
        return None;
    }
    let iv = Interval {
        low,
        high,
        low_open: matches!(q.bound, Bound::Gt),
        high_open: matches!(q.bound, Bound::Lt),
    };
    if iv.is_empty() {
        return None;
    }
    Some((iv, None, base))
}

/// The hard interval of a vague amount (its lower end only) and its table range.
fn soften(q: &Quantity, iv: Interval) -> (Interval, Option<Interval>) {
    if matches!(q.bound, Bound::Vague) && iv.high.is_some() {
        let hard = Interval {
            high: None,
            high_open: false,
            ..iv
        };
        (hard, Some(iv))
    } else {
        (iv, None)
    }
}

fn day_number(d: Date) -> Option<Decimal> {
    let epoch = Date::new(1970, 1, 1).ok()?;
    let span = epoch.until(d).ok()?;
    Some(Decimal::from(span.get_days()))
}

/// The date a day number stands for (inverse of the day numbers claims use for dates).
pub fn date_of_day(n: Decimal) -> Option<Date> {
    use rust_decimal::prelude::ToPrimitive;
    let epoch = Date::new(1970, 1, 1).ok()?;
    let days = n.trunc().to_i64()?;
    epoch
        .checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

/// For an end date ("until February 1"): whether the words before it make it one, and whether
/// it is a lower bound ("until at least February 1").
fn until_before(prose: &str, span: Span) -> Option<bool> {
    let before = prose[..span.start].trim_end();
    let mut from = before.len().saturating_sub(40);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail: Vec<String> = words(&before[from..])
        .into_iter()
        .map(|(_, w)| w.to_lowercase())
        .collect();
    let n = tail.len();
    let last = tail.last()?;
    if UNTIL_WORDS.contains(&last.as_str()) {
        return Some(false);
    }
    if n >= 3
        && tail[n - 2] == "at"
        && tail[n - 1] == "least"
        && UNTIL_WORDS.contains(&tail[n - 3].as_str())
    {
        return Some(true);
    }
    None
}

/// Builds the claims of one source with the built-in grammar's units. `source` is its index
/// in the reconcile input.
pub fn claims(source: usize, doc: &Document, qs: &[Quantity]) -> Vec<Claim> {
    claims_with(&Grammar::default(), source, doc, qs)
}

/// [`claims`], comparing in base units through grammar `g`'s units (a configuration's own
/// included).
pub fn claims_with(g: &Grammar, source: usize, doc: &Document, qs: &[Quantity]) -> Vec<Claim> {
    claims_in(g, source, &Analysis::new(doc, qs))
}

/// [`claims_with`] of a document already analysed.
pub fn claims_in(g: &Grammar, source: usize, an: &Analysis<'_>) -> Vec<Claim> {
    let (doc, qs) = (an.doc, an.quantities);
    // Words are read from the decoded reading; the figures' spans there, by index.
    let prose = doc.reading_text();
    let spans: Vec<Span> = qs
        .iter()
        .map(|q| doc.reading().map_or(q.span, |r| r.span_from_file(q.span)))
        .collect();
    let mut lk = Lookup::new(an, &spans);
    let doc_day = doc.date.map(|d| Period { start: d, end: d });
    let mut out = Vec::new();
    for (i, q) in qs.iter().enumerate() {
        let at = spans[i];
        let ctx = lk.context(at);
        let clause_flags = lk.flags(ctx.clause);
        let sentence_flags = lk.flags(ctx.sentence);
        if q.dimension == Dimension::Date {
            let Some(at_least) = until_before(prose, at) else {
                continue;
            };
            if !clause_flags.pause && !sentence_flags.pause {
                continue;
            }
            let (Some(start), end) = (q.date, q.date_end) else {
                continue;
            };
            let (Some(lo), Some(hi)) = (day_number(start), day_number(end.unwrap_or(start))) else {
                continue;
            };
            let interval = if at_least {
                Interval {
                    low: Some(lo),
                    high: None,
                    low_open: false,
                    high_open: false,
                }
            } else {
                Interval::closed(lo, hi)
            };
            // "until at least February 1" states the same end date as "until February 1":
            // the hedge widens the interval, but the written figure is the date itself.
            let stated = (lo == hi).then_some(lo);
            let span = if at_least {
                let before = prose[..at.start].trim_end();
                let start = before.len().saturating_sub("at least".len());
                if before
                    .get(start..)
                    .is_some_and(|t| t.eq_ignore_ascii_case("at least"))
                {
                    let start = doc.reading().map_or(start, |r| r.file_start(start));
                    Span::new(start, q.span.end)
                } else {
                    q.span
                }
            } else {
                q.span
            };
            out.push(Claim {
                source,
                quantity: i,
                span,
                text: doc
                    .text
                    .get(span.start..span.end)
                    .unwrap_or_default()
                    .to_string(),
                key: ClaimKey {
                    noun: "pause".into(),
                    role: Some("until".into()),
                    dimension: Dimension::Date,
                    forecast: false,
                    place: None,
                    time: None,
                },
                interval,
                stated,
                unit: Some("day".into()),
                vague: None,
            });
            continue;
        }
        let noun = match (q.dimension, &q.lemma) {
            (Dimension::Time | Dimension::Date, _) => continue,
            (_, Some(l)) if l.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-') => {
                crate::grammar::noun_group(l)
            }
            (_, Some(_)) => continue,
            (
                Dimension::Temperature
                | Dimension::Length
                | Dimension::Mass
                | Dimension::Area
                | Dimension::Volume
                | Dimension::Speed
                | Dimension::Information,
                None,
            ) => q.dimension.as_str().to_string(),
            _ => continue,
        };
        let Some((interval, stated, unit)) = interval(g, q, &doc.decoded(q.span)) else {
            continue;
        };
        let (interval, vague) = soften(q, interval);
        let forecast = clause_flags.forecast;
        let at = at.start;
        // The clause's date, else its night word, else the sentence's, else (not for a
        // forecast) what the previous sentence states on its own.
        let time = lk
            .nearest_date(ctx.clause, at)
            .or(if clause_flags.night { doc_day } else { None })
            .or_else(|| lk.nearest_date(ctx.sentence, at))
            .or(if sentence_flags.night { doc_day } else { None })
            .or_else(|| {
                if forecast {
                    return None;
                }
                let prev = lk.an.sentences.get(ctx.index.checked_sub(1)?)?.read;
                lk.nearest_date(prev, prev.end).or(if lk.flags(prev).night {
                    doc_day
                } else {
                    None
                })
            });
        out.push(Claim {
            source,
            quantity: i,
            span: q.span,
            text: q.text(&doc.text).to_string(),
            key: ClaimKey {
                noun,
                role: q.role.clone(),
                dimension: q.dimension,
                forecast,
                place: place(prose, ctx.clause, spans[i]),
                time,
            },
            interval,
            stated,
            unit,
            vague,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    fn doc(text: &str) -> (Document, Vec<Quantity>) {
        let d = Document::from_text("t.md", text.to_string(), Format::Markdown).unwrap();
        let qs = crate::extract(&d);
        (d, qs)
    }

    #[test]
    fn keys_take_role_time_place_and_forecast() {
        let (d, qs) = doc(
            "---\ndate: 2026-01-30\n---\nRussia launched 111 drones overnight. On Thursday 20 drones were downed in Kharkiv. Forecasters expect −20 °C next week.\n",
        );
        let c = claims(0, &d, &qs);
        let k: Vec<String> = c.iter().map(|c| c.key.describe()).collect();
        assert_eq!(
            k,
            vec![
                "drone launched 2026-01-30",
                "drone downed in kharkiv 2026-01-29",
                "temperature (forecast)"
            ]
        );
    }

    #[test]
    fn intervals_in_base_units() {
        let (d, qs) = doc("It was −15 °F. The road is 62 miles long. More than 100 drones flew.\n");
        let c = claims(0, &d, &qs);
        let f = c[0].interval;
        // −15 °F ± 0.5 °F = −26.39 … −25.83 °C.
        assert!(
            f.low.unwrap() < Decimal::new(-2638, 2) && f.high.unwrap() > Decimal::new(-2584, 2)
        );
        assert_eq!(c[0].unit.as_deref(), Some("°C"));
        assert!(c[1].interval.contains(Decimal::from(99779)));
        assert!(!c[1].interval.contains(Decimal::from(101000)));
        assert_eq!(c[1].unit.as_deref(), Some("m"));
        assert!(c[2].interval.low_open && !c[2].interval.contains(Decimal::from(100)));
    }

    #[test]
    fn end_dates_are_claims() {
        let (d, qs) = doc(
            "---\ndate: 2026-01-30\n---\nRussia agreed to halt strikes until at least February 1. The talks ran until Monday.\n",
        );
        let c = claims(0, &d, &qs);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].key.noun, "pause");
        assert!(c[0].interval.high.is_none());
        assert_eq!(
            date_of_day(c[0].interval.low.unwrap()),
            Date::new(2026, 2, 1).ok()
        );
    }

    #[test]
    fn intervals_intersect() {
        let a = Interval {
            low: Some(Decimal::from(100)),
            high: None,
            low_open: true,
            high_open: false,
        };
        assert!(!a.overlaps(&Interval::point(Decimal::from(100))));
        assert!(a.overlaps(&Interval::closed(Decimal::from(24), Decimal::from(199))));
        assert_eq!(
            a.intersect(&Interval::point(Decimal::from(111))).as_point(),
            Some(Decimal::from(111))
        );
    }
}
