//! Claims: a figure together with what it is about, ready to be compared across sources.
//!
//! A [`Claim`] is one extracted [`Quantity`] with a [`ClaimKey`] (what it counts or measures, the
//! role, the time, the place, whether it is a forecast) and an [`Interval`] in the dimension's
//! base unit (°C, m, kg, …; counts have no unit; dates are day numbers). Two claims are about the
//! same thing only when their keys agree; `reconcile` groups by key. The keying rules are
//! documented in `docs/reconcile.md`.

use crate::analysis::{Analysis, Token, TokenKind};
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
    /// The stretch the figure covers when the clause says so: "total" ("in total", "a total
    /// of"), "so far" ("to date"), "this year" ("so far this year"), "since 2011". A figure
    /// with no such words is about the event itself (one strike, one day), so a scope never
    /// joins a claim without one.
    pub scope: Option<String>,
    /// Whose figure it is: the party, candidate, company, team, country, city or weather
    /// station the clause gives it to ("the Social Democrats won 120 seats" → "social
    /// democrats"; "Valencia airport reached 44.1C" → "valencia airport"), lower-cased.
    pub entity: Option<String>,
    /// The place the clause names ("kyiv"), lower-cased.
    pub place: Option<String>,
    /// The day(s) the claim is about; `None` when the text gives none.
    pub time: Option<Period>,
    /// The weekday the claim is about ("friday"), when the text names one: a weekday written
    /// where it names a day ("on Friday", "Friday's strike"), or the weekday of a single
    /// day the claim's time resolves to. It keeps two claims apart only when both name a
    /// day and the days differ; a claim naming none stays compatible with both. In a row's
    /// key it is kept only where it tells rows apart (two days named, no date resolved).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<String>,
}

impl ClaimKey {
    /// A short description for tables and messages: "drone launched 2026-01-30".
    pub fn describe(&self) -> String {
        let mut s = self.noun.clone();
        if let Some(r) = &self.role {
            s.push(' ');
            s.push_str(r);
        }
        if let Some(e) = &self.entity {
            s.push_str(" [");
            s.push_str(e);
            s.push(']');
        }
        if let Some(sc) = &self.scope {
            s.push_str(" (");
            s.push_str(sc);
            s.push(')');
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
        // A date says more than its weekday.
        if let Some(d) = self.day.as_ref().filter(|_| self.time.is_none()) {
            s.push_str(" on ");
            s.push_str(d);
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

    /// `v` within `half` either side, the ends excluded (a figure's rounding: "3.8%" is
    /// (3.75, 3.85), apart from "3.9%"); the point `v` when `half` is zero.
    pub fn around(v: Decimal, half: Decimal) -> Option<Interval> {
        let open = !half.is_zero();
        Some(Interval {
            low: Some(v.checked_sub(half)?),
            high: Some(v.checked_add(half)?),
            low_open: open,
            high_open: open,
        })
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
    /// The clause in the file (token offsets), and the first token of the sentence.
    clause_file: Span,
    first_token: usize,
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
    /// The same dates, and the weekdays an undated report names, with the weekday each
    /// names (see [`day_named`]), by position.
    days: Vec<(Span, Option<String>)>,
    /// Words written capitalised inside a sentence somewhere in the document (lower-cased):
    /// names, so that the same word opening a sentence is read as a name too.
    names: Option<std::collections::HashSet<String>>,
    /// The scope of each clause asked about.
    scopes: HashMap<Span, Option<String>>,
    /// The grammar's tables (its number words).
    tables: &'a crate::grammar::tables::Tables,
}

impl<'a> Lookup<'a> {
    /// The lookups of `prose` (the document's reading), whose figures `qs` are at `spans`
    /// in it.
    fn new(
        an: &'a Analysis<'a>,
        spans: &[Span],
        tables: &'a crate::grammar::tables::Tables,
    ) -> Lookup<'a> {
        let prose = an.doc.reading_text();
        let qs = an.quantities;
        let giving: Vec<(usize, &Quantity, Span)> = qs
            .iter()
            .zip(spans)
            .enumerate()
            .filter(|(_, (d, s))| {
                d.dimension == Dimension::Date
                    && until_before(prose, **s).is_none()
                    && !since_before(prose, **s)
            })
            .map(|(k, (d, s))| (k, d, *s))
            .collect();
        let mut dates: Vec<(Span, Period)> = giving
            .iter()
            .filter_map(|&(_, d, s)| {
                let start = d.date?;
                let end = d.date_end.unwrap_or(start);
                Some((s, Period { start, end }))
            })
            .collect();
        dates.sort_by_key(|(s, _)| *s);
        let mut days: Vec<(Span, Option<String>)> = giving
            .iter()
            .filter(|&&(_, d, _)| d.date.is_some() || d.date_kind == Some("weekday"))
            .map(|&(k, d, s)| (s, day_named(prose, an, k, d, s)))
            .collect();
        days.sort_by_key(|(s, _)| *s);
        Lookup {
            prose,
            an,
            flags: HashMap::new(),
            dates,
            days,
            names: None,
            scopes: HashMap::new(),
            tables,
        }
    }

    /// The scope of a clause (see [`scope`]), computed once per clause.
    fn scope(&mut self, clause: Span) -> Option<String> {
        let (prose, t) = (self.prose, self.tables);
        self.scopes
            .entry(clause)
            .or_insert_with(|| scope(t, prose, clause))
            .clone()
    }

    /// Whether `lower` is written capitalised inside some sentence of the document (built the
    /// first time it is asked, in one pass over the tokens).
    fn is_name(&mut self, lower: &str) -> bool {
        let an = self.an;
        self.names
            .get_or_insert_with(|| {
                let mut set = std::collections::HashSet::new();
                for s in &an.sentences {
                    let toks = &an.tokens()[s.tokens.clone()];
                    let first = toks.iter().position(|t| t.kind == TokenKind::Word);
                    for (k, t) in toks.iter().enumerate() {
                        if t.kind == TokenKind::Word
                            && Some(k) != first
                            && an.text(t).chars().next().is_some_and(char::is_uppercase)
                        {
                            set.insert(an.lower(t).to_string());
                        }
                    }
                }
                set
            })
            .contains(lower)
    }

    /// Whose figure it is (see [`ClaimKey::entity`]): the nearest name before the figure in
    /// its clause that a verb (not a verb of saying) links to it ("the Social Democrats won
    /// 120 seats"), or a possessive name just before its noun or figure ("Spain's jobless
    /// rate", "Norway's 212 points"); else a name after "for" or "to" after the figure ("120
    /// seats went to the Social Democrats"). A name after a preposition is a place or an
    /// object, not an owner. `figure` is in the reading; `noun_at` is the noun's start there.
    fn entity(&mut self, ctx: &Context, figure: Span, noun_at: Option<usize>) -> Option<String> {
        let an = self.an;
        let doc = an.doc;
        let to_file = |x: usize| doc.reading().map_or(x, |r| r.file_start(x));
        let (fig_start, fig_end) = (to_file(figure.start), to_file(figure.end));
        let noun_at = noun_at.map(to_file);
        // The clause's tokens, within a window around the figure (a long clause with many
        // figures costs each one the same).
        let range = an.tokens_in(ctx.clause_file);
        let at = an.token_at(fig_start);
        let range = range.start.max(at.saturating_sub(120))..range.end.min(at + 120);
        let toks = an.tokens();
        // The words of the clause, with their token index; `None` marks punctuation (it ends
        // a name).
        let mut ws: Vec<Option<(usize, &Token)>> = Vec::new();
        for k in range {
            let t = &toks[k];
            match t.kind {
                TokenKind::Word => ws.push(Some((k, t))),
                TokenKind::Space | TokenKind::Break => {}
                _ => ws.push(None),
            }
        }
        let cap = |t: &Token| an.text(t).chars().next().is_some_and(char::is_uppercase);
        let lower = |t: &Token| an.lower(t).to_string();
        // Names: runs of capitalised words (months, weekdays and articles cut them), with a
        // head word after ("Valencia airport").
        let mut names: Vec<(usize, usize)> = Vec::new(); // [from, to) into `ws`
        let mut k = 0;
        while k < ws.len() {
            let Some((_, t)) = ws[k] else {
                k += 1;
                continue;
            };
            let l = lower(t);
            if !cap(t) || NOT_PLACES.contains(&l.as_str()) {
                k += 1;
                continue;
            }
            let from = k;
            while k < ws.len()
                && let Some((_, t)) = ws[k]
                && cap(t)
                && !NOT_PLACES.contains(&lower(t).as_str())
            {
                k += 1;
            }
            if k < ws.len()
                && let Some((_, t)) = ws[k]
                && ENTITY_HEADS.contains(&lower(t).as_str())
            {
                k += 1;
            }
            names.push((from, k));
        }
        let text_of = |from: usize, to: usize| -> String {
            ws[from..to]
                .iter()
                .flatten()
                .map(|(_, t)| {
                    let l = lower(t);
                    l.strip_suffix("'s")
                        .or_else(|| l.strip_suffix("’s"))
                        .map(str::to_string)
                        .unwrap_or(l)
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let at_of = |i: usize| ws.get(i).copied().flatten().map(|(_, t)| t.span());
        let mut after_figure = None;
        for &(from, to) in names.iter().rev() {
            let Some(first) = at_of(from) else { continue };
            let Some(last) = at_of(to - 1) else { continue };
            if first.start >= fig_start && first.start < fig_end {
                continue;
            }
            let before = from
                .checked_sub(1)
                .and_then(|b| ws[b])
                .map(|(_, t)| lower(t));
            if first.start >= fig_end {
                // After the figure: only "for" / "to" (the) NAME.
                let mut b = from.checked_sub(1);
                if let Some(x) = b
                    && ws[x].is_some_and(|(_, t)| lower(t) == "the")
                {
                    b = x.checked_sub(1);
                }
                let marker = b.and_then(|x| ws[x]).map(|(_, t)| lower(t));
                if matches!(marker.as_deref(), Some("for" | "to")) {
                    after_figure = Some(text_of(from, to));
                }
                continue;
            }
            if before
                .as_deref()
                .is_some_and(|b| NOT_OWNER_BEFORE.contains(&b))
            {
                continue;
            }
            let first_tok = ws[from].map_or(usize::MAX, |(k, _)| k);
            let opens = an.tokens()[ctx.first_token..first_tok]
                .iter()
                .all(|t| t.kind != TokenKind::Word);
            let possessive = {
                let l = ws[to - 1].map(|(_, t)| lower(t)).unwrap_or_default();
                l.ends_with("'s") || l.ends_with("’s")
            };
            // A sentence opening with a verb or adverb before a name ("Repeated Russian
            // attacks"): the name starts after it.
            let mut from = from;
            if opens
                && to - from >= 2
                && let Some((_, t)) = ws[from]
                && an
                    .pos(t)
                    .any(crate::analysis::Pos::VERB | crate::analysis::Pos::ADVERB)
                && !self.is_name(&lower(t))
            {
                from += 1;
            }
            // A name that modifies the noun after it ("Ukrainian forecasters", "Russian
            // attacks") is not the owner of the figure.
            // A word after it that may be a noun or a verb is the verb unless a noun or a
            // preposition follows it ("Seville hit 45.2C"; "Ukrainian weather agency").
            use crate::analysis::Pos;
            if !possessive
                && let Some((_, n)) = ws.get(to).copied().flatten()
                && !cap(n)
                && !ENTITY_HEADS.contains(&lower(n).as_str())
                && an.pos(n).has(Pos::NOUN)
                && (!an.pos(n).any(Pos::VERB | Pos::AUXILIARY)
                    || ws.get(to + 1).copied().flatten().is_some_and(|(_, m)| {
                        an.pos(m).any(Pos::NOUN | Pos::PREPOSITION)
                            && !an.pos(m).any(Pos::DETERMINER)
                    }))
            {
                continue;
            }
            let name = text_of(from, to);
            if SHARE_NOUNS.iter().any(|(_, n)| *n == name) {
                continue;
            }
            // The words between the name and the figure.
            let between: Vec<&Token> = ws[to..]
                .iter()
                .flatten()
                .map(|(_, t)| *t)
                .take_while(|t| t.span().start < fig_start)
                .collect();
            if possessive {
                let near_noun = noun_at.is_some_and(|n| {
                    n >= last.end && between.iter().filter(|t| t.span().start < n).count() <= 2
                });
                if near_noun || between.is_empty() {
                    return Some(name);
                }
                continue;
            }
            // A name opening the sentence is read as one only when it has two words, a head,
            // or is written capitalised elsewhere inside a sentence.
            if opens && to - from == 1 {
                let Some((_, t)) = ws[from] else { continue };
                let l = lower(t);
                // Or is one word, not a plural, followed at once by a verb ("Norway received
                // 212 points"; not "Officials", "Rescuers", "Forecasters").
                let singular = an.lex(t).is_none_or(|x| !x.plural);
                let verb_next = ws.get(to).copied().flatten().is_some_and(|(_, n)| {
                    let p = an.pos(n);
                    p.any(crate::analysis::Pos::VERB | crate::analysis::Pos::AUXILIARY)
                        && !p.has(crate::analysis::Pos::NOUN)
                });
                if !(self.is_name(&l) || singular && verb_next) {
                    continue;
                }
            }
            // The first word after the name that is not an adverb: a verb of saying makes the
            // name a speaker.
            let next = between.iter().find(|t| {
                !an.pos(t).has(crate::analysis::Pos::ADVERB)
                    || an.pos(t).any(crate::analysis::Pos::VERB)
            });
            if next.is_some_and(|t| SPEECH_VERBS.contains(&an.lower(t))) {
                continue;
            }
            let verb = between.iter().any(|t| {
                an.pos(t)
                    .any(crate::analysis::Pos::VERB | crate::analysis::Pos::AUXILIARY)
            });
            if verb {
                return Some(name);
            }
        }
        after_figure
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
                clause_file: Span::new(0, 0),
                first_token: 0,
            };
        };
        let sentence = sents[index].read;
        let prose = self.prose;
        let cl = self.an.clauses_of(index);
        let j = cl.partition_point(|c| c.read.start <= at.start);
        let (clause, clause_file) = match j.checked_sub(1).filter(|&j| at.start < cl[j].read.end) {
            Some(j) => {
                let c = cl[j].read;
                let opened = prose[..c.start].trim_end().ends_with('(');
                if opened && j > 0 {
                    (cl[j - 1].read.cover(&c), cl[j - 1].span.cover(&cl[j].span))
                } else {
                    (c, cl[j].span)
                }
            }
            None => (sentence, sents[index].span),
        };
        Context {
            index,
            sentence,
            clause,
            clause_file,
            first_token: sents[index].tokens.start,
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
        nearest(&self.dates, within, at).copied()
    }

    /// The weekday named by the date (or undated weekday) inside `within` nearest to `at`:
    /// `None` when there is no such date, `Some(None)` when the nearest names no weekday.
    fn nearest_day(&self, within: Span, at: usize) -> Option<Option<String>> {
        nearest(&self.days, within, at).cloned()
    }
}

/// The entry of `v` (sorted by span) inside `within` whose start is nearest to `at`; of two
/// as near, the earlier.
fn nearest<T>(v: &[(Span, T)], within: Span, at: usize) -> Option<&T> {
    let lo = v.partition_point(|(s, _)| s.start < within.start);
    let hi = v.partition_point(|(s, _)| s.start < within.end);
    let p = lo + v[lo..hi].partition_point(|(s, _)| s.start < at);
    [p.checked_sub(1), Some(p)]
        .into_iter()
        .flatten()
        .filter(|&k| k >= lo && k < hi && v[k].0.end <= within.end)
        .map(|k| (v[k].0.start.abs_diff(at), k))
        .min()
        .map(|(_, k)| &v[k].1)
}

/// The weekday a time-giving date names, lower-cased ("friday"): that of the day it resolves
/// to when it is one day; for a weekday an undated report writes, the weekday, where it names
/// a day ("on Friday", "last Friday", "late on Friday", "Friday's", "Friday night"), not where
/// it is an adjective ("its first Friday run"). `None` for a month, a year, a run of days.
fn day_named(prose: &str, an: &Analysis<'_>, k: usize, d: &Quantity, s: Span) -> Option<String> {
    let wd = match (d.date, d.date_end) {
        (Some(a), b) if b.is_none_or(|b| b == a) => Some(a.weekday()),
        (Some(_), _) => None,
        (None, _) => {
            let before = prose[..s.start].trim_end();
            let w = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
                .to_lowercase();
            let mut to = (s.end + 16).min(prose.len());
            while !prose.is_char_boundary(to) {
                to += 1;
            }
            let after = prose[s.end..to].to_lowercase();
            let after = after.trim_start_matches(['.', ' ']);
            let named = DAY_BEFORE.contains(&w.as_str())
                || after.starts_with("'s ")
                || after.starts_with("\u{2019}s ")
                || DAY_AFTER.iter().any(|x| {
                    after
                        .strip_prefix(x)
                        .is_some_and(|r| !r.starts_with(char::is_alphabetic))
                });
            if named { an.facts_at(k).weekday } else { None }
        }
    }?;
    Some(weekday_name(wd).to_string())
}

/// Words before a weekday that make it name a day ("on Friday").
const DAY_BEFORE: &[&str] = &["on", "last", "next", "this", "early", "late"];

/// Words after a weekday that make it name a day ("Friday night").
const DAY_AFTER: &[&str] = &["night", "morning", "afternoon", "evening"];

/// A weekday's name, lower-cased.
fn weekday_name(w: jiff::civil::Weekday) -> &'static str {
    use jiff::civil::Weekday::*;
    match w {
        Monday => "monday",
        Tuesday => "tuesday",
        Wednesday => "wednesday",
        Thursday => "thursday",
        Friday => "friday",
        Saturday => "saturday",
        Sunday => "sunday",
    }
}

/// A place the clause names: a preposition followed by a name, a run of capitalised words that
/// are not months, weekdays or articles ("in Kyiv", "over Kharkiv", "at St Brendan's Hospital"
/// → "st brendan's hospital"). A possessive inside the run joins it to the next capitalised
/// word; one that ends the run names an owner, not a place ("on Ukraine's grid": none).
fn place(prose: &str, clause: Span, figure: Span) -> Option<String> {
    let text = &prose[clause.start..clause.end];
    let ws = words(text);
    let capital = |w: &str| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            && !NOT_PLACES.iter().any(|x| w.eq_ignore_ascii_case(x))
    };
    let possessive = |w: &str| w.ends_with("’s") || w.ends_with("'s");
    let inside = |at: usize| {
        let abs = clause.start + at;
        abs >= figure.start && abs < figure.end
    };
    for k in 1..ws.len() {
        let (p, (at, w)) = (ws[k - 1].1, ws[k]);
        if inside(at)
            || !PLACE_PREPOSITIONS.iter().any(|x| p.eq_ignore_ascii_case(x))
            || !capital(w)
        {
            continue;
        }
        // The run of capitalised words, one space apart, up to four.
        let mut end = k;
        while end + 1 < ws.len() && end + 1 - k < 4 {
            let (a, aw) = ws[end];
            let (b, bw) = ws[end + 1];
            if text[a + aw.len()..b] != *" " || !capital(bw) || inside(b) {
                break;
            }
            end += 1;
        }
        if possessive(ws[end].1) {
            // "on Ukraine's grid": an owner. "at St Brendan's": the name cut short.
            if end == k {
                continue;
            }
            end -= 1;
            if possessive(ws[end].1) {
                continue;
            }
        }
        let (a, _) = ws[k];
        let (b, bw) = ws[end];
        return Some(text[a..b + bw.len()].to_lowercase());
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
        // The ends of a precision interval are excluded: "3.8%" and "3.9%", each written to
        // one decimal, say different things, though [3.75, 3.85] and [3.85, 3.95] touch.
        return Some((Interval::around(v, half)?, Some(v), base));
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

/// Whether a date follows "since" ("since 2011", "since early this month"): it starts the
/// figure's scope, and is not the time the figure is about.
fn since_before(prose: &str, span: Span) -> bool {
    let before = prose[..span.start].trim_end();
    let mut from = before.len().saturating_sub(20);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let ws = words(&before[from..]);
    let since = |k: usize| {
        ws.get(k)
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("since"))
    };
    match ws.len() {
        0 => false,
        n => {
            since(n - 1)
                || (n >= 2
                    && since(n - 2)
                    && ["early", "late", "mid"]
                        .iter()
                        .any(|e| ws[n - 1].1.eq_ignore_ascii_case(e)))
        }
    }
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
    let mut all = claims_and_unkeyed_with(g, source, doc, qs);
    all.retain(|c| !c.key.noun.is_empty());
    all
}

/// [`claims_with`], with the figures that have no noun to compare them by as claims with an
/// empty `key.noun` (unkeyed: listed under their source, never silently dropped).
pub fn claims_and_unkeyed_with(
    g: &Grammar,
    source: usize,
    doc: &Document,
    qs: &[Quantity],
) -> Vec<Claim> {
    claims_in(g, source, &Analysis::new(doc, qs))
}

/// [`claims_and_unkeyed_with`] of a document already analysed.
pub fn claims_in(g: &Grammar, source: usize, an: &Analysis<'_>) -> Vec<Claim> {
    let (doc, qs) = (an.doc, an.quantities);
    // Words are read from the decoded reading; the figures' spans there, by index.
    let prose = doc.reading_text();
    let spans: Vec<Span> = qs
        .iter()
        .map(|q| doc.reading().map_or(q.span, |r| r.span_from_file(q.span)))
        .collect();
    let mut lk = Lookup::new(an, &spans, g.tables());
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
                    scope: None,
                    entity: None,
                    place: None,
                    time: None,
                    day: None,
                },
                interval,
                stated,
                unit: Some("day".into()),
                vague: None,
            });
            continue;
        }
        // Durations are not claims (a "one-week pause" and a "three-day ceasefire" last year
        // are not one thing) unless the grammar gave them a counted noun.
        if matches!(q.dimension, Dimension::Time | Dimension::Date)
            || (q.dimension == Dimension::Duration && q.lemma.is_none())
        {
            continue;
        }
        let share = (q.dimension == Dimension::Percent && q.lemma.is_none())
            .then(|| share_noun(prose, ctx.clause, at))
            .flatten();
        let noun = match (q.dimension, &q.lemma) {
            // "the Tarsk 40 index", "Route 66 motorway": a number in a name counts nothing.
            (Dimension::Count, Some(_)) if in_name(prose, ctx.sentence, at, q, doc) => None,
            (_, Some(l)) if l.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-') => {
                Some(crate::grammar::noun_group(l))
            }
            (_, Some(_)) => None,
            (
                Dimension::Temperature
                | Dimension::Length
                | Dimension::Mass
                | Dimension::Area
                | Dimension::Volume
                | Dimension::Speed
                | Dimension::Information,
                None,
            ) => Some(q.dimension.as_str().to_string()),
            _ => share.as_ref().map(|(n, _)| n.to_string()),
        };
        let extreme = extreme_value(g, q, &doc.decoded(q.span));
        let Some((interval, stated, unit)) =
            extreme.or_else(|| interval(g, q, &doc.decoded(q.span)))
        else {
            continue;
        };
        let (interval, vague) = soften(q, interval);
        let Some(noun) = noun else {
            // No noun to compare by: listed under its source as unkeyed.
            out.push(Claim {
                source,
                quantity: i,
                span: q.span,
                text: q.text(&doc.text).to_string(),
                key: ClaimKey {
                    noun: String::new(),
                    role: None,
                    dimension: q.dimension,
                    forecast: false,
                    scope: None,
                    entity: None,
                    place: None,
                    time: None,
                    day: None,
                },
                interval,
                stated,
                unit,
                vague,
            });
            continue;
        };
        let forecast = clause_flags.forecast;
        // The clause's scope, else that of a short clause opening the sentence before it
        // ("Since 2011, 31,500 migrants have arrived").
        let scope = lk.scope(ctx.clause).or_else(|| {
            let cl = lk.an.clauses_of(ctx.index);
            let first = cl.first()?.read;
            let second = cl.get(1)?.read;
            let next = second.start <= ctx.clause.start && ctx.clause.start < second.end;
            let short = first.end - first.start <= 80;
            (next && short && words(&prose[first.start..first.end]).len() <= 6)
                .then(|| lk.scope(first))
                .flatten()
        });
        // Where the noun is, for a possessive naming its owner ("Spain's jobless rate").
        let noun_at = q
            .noun_span
            .map(|n| doc.reading().map_or(n, |r| r.span_from_file(n)).start)
            .or(share.map(|(_, p)| p));
        let entity = lk.entity(&ctx, at, noun_at);
        let at = at.start;
        // The clause's date, else its night word, else the sentence's, else (not for a
        // forecast, nor a figure with a scope of its own) what the previous sentence states
        // on its own, unless that sentence is a forecast.
        // A figure with a scope of its own takes only its clause's time; one that runs "since"
        // a moment runs to the document's date, and the moment is not its time.
        // "Since it started on Thursday", "since they began": since the clause's subject began,
        // the whole of it so far, which is what a bare figure of it says ("The fire has
        // scorched 30,600 acres since it started" and "the fire has burned 12,400 hectares"
        // meet). No scope of its own; its date is when it began, not its time.
        let own_start = scope.as_deref().is_some_and(own_start);
        let scope = if own_start { None } else { scope };
        let since = own_start || scope.as_deref().is_some_and(|s| s.starts_with("since "));
        let time = if since {
            None
        } else {
            lk.nearest_date(ctx.clause, at)
                .or(if clause_flags.night { doc_day } else { None })
                .or_else(|| {
                    if scope.is_some() {
                        return None;
                    }
                    lk.nearest_date(ctx.sentence, at)
                })
                .or(if sentence_flags.night { doc_day } else { None })
                .or_else(|| {
                    if forecast || scope.is_some() {
                        return None;
                    }
                    // A forecast's date is when something is expected, not the time of
                    // what the next sentence states.
                    let prev = lk.an.sentences.get(ctx.index.checked_sub(1)?)?.read;
                    if lk.flags(prev).forecast {
                        return None;
                    }
                    lk.nearest_date(prev, prev.end).or(if lk.flags(prev).night {
                        doc_day
                    } else {
                        None
                    })
                })
        };
        // The weekday named, looked for as the time is, and stopping where the time is found:
        // the nearest date or weekday of the clause, else (with a document date) its night
        // word, else the sentence's, else the previous sentence's.
        let dated_night = |night: bool| (night && doc_day.is_some()).then_some(None);
        let day = if since {
            None
        } else {
            lk.nearest_day(ctx.clause, at)
                .or_else(|| dated_night(clause_flags.night))
                .or_else(|| {
                    if scope.is_some() {
                        return None;
                    }
                    lk.nearest_day(ctx.sentence, at)
                })
                .or_else(|| dated_night(sentence_flags.night))
                .or_else(|| {
                    if forecast || scope.is_some() {
                        return None;
                    }
                    let prev = lk.an.sentences.get(ctx.index.checked_sub(1)?)?.read;
                    if lk.flags(prev).forecast {
                        return None;
                    }
                    lk.nearest_day(prev, prev.end)
                        .or_else(|| dated_night(lk.flags(prev).night))
                })
                .flatten()
        };
        // The clause's place, else that of a short phrase opening the sentence before it
        // ("At St Brendan's Hospital, 600 nurses joined the picket line").
        let place = place(prose, ctx.clause, spans[i]).or_else(|| {
            let cl = lk.an.clauses_of(ctx.index);
            let first = cl.first()?.read;
            let second = cl.get(1)?.read;
            let next = second.start <= ctx.clause.start && ctx.clause.start < second.end;
            let short = first.end - first.start <= 80;
            (next && short && words(&prose[first.start..first.end]).len() <= 6)
                .then(|| place(prose, first, spans[i]))
                .flatten()
        });
        // A percentage that rises or falls by so much is a change, not a level.
        let mut from = at.saturating_sub(8);
        while !prose.is_char_boundary(from) {
            from += 1;
        }
        let level = words(prose[from..at].trim_end())
            .last()
            .is_some_and(|(_, w)| ["to", "at"].iter().any(|x| w.eq_ignore_ascii_case(x)));
        let role = if q.dimension == Dimension::Percent && q.direction.is_some() && !level {
            Some("change".to_string())
        } else if q.role.is_none()
            && q.dimension == Dimension::Count
            && (q.direction.is_some() && level || reached_before(prose, at))
        {
            // "The number of nurses out rose to 1,820", "strikers numbered 1,820": the verb
            // says how the count changed, not what was done; the level joins the one role its
            // noun has elsewhere (see `reconcile`).
            Some(LEVEL.to_string())
        } else {
            q.role.clone()
        };
        out.push(Claim {
            source,
            quantity: i,
            span: q.span,
            text: q.text(&doc.text).to_string(),
            key: ClaimKey {
                noun,
                role,
                dimension: q.dimension,
                forecast,
                scope,
                entity,
                place,
                time,
                day,
            },
            interval,
            stated,
            unit,
            vague,
        });
    }
    out
}

/// Words that name what a percentage is a share or rate of, with the noun its claims take,
/// longest first ("vote share" before "share").
const SHARE_NOUNS: &[(&str, &str)] = &[
    ("share of the vote", "vote share"),
    ("share of the votes", "vote share"),
    ("vote share", "vote share"),
    ("of the vote", "vote share"),
    ("of the votes", "vote share"),
    ("of votes", "vote share"),
    ("of the popular vote", "vote share"),
    ("market share", "market share"),
    ("share of the market", "market share"),
    ("of the market", "market share"),
    ("jobless rate", "unemployment"),
    ("unemployment rate", "unemployment"),
    ("unemployment", "unemployment"),
    ("jobless", "unemployment"),
    ("inflation", "inflation"),
    ("turnout", "turnout"),
    ("participation", "turnout"),
    ("growth", "growth"),
    ("approval", "approval"),
    ("approval rating", "approval"),
    ("support", "support"),
    ("interest rate", "interest rate"),
    ("benchmark rate", "interest rate"),
    ("key rate", "interest rate"),
    ("policy rate", "interest rate"),
    ("base rate", "interest rate"),
    ("cash rate", "interest rate"),
    ("repo rate", "interest rate"),
    ("vacancy rate", "vacancy rate"),
    ("occupancy", "occupancy"),
    ("poverty rate", "poverty rate"),
    ("vaccination rate", "vaccination rate"),
    ("literacy rate", "literacy rate"),
];

/// Verbs that give a party or candidate a percentage of the vote ("the Greens won 12.4%").
const SHARE_VERBS: &[&str] = &[
    "won", "win", "wins", "took", "take", "takes", "got", "gets", "received", "receives", "polled",
    "polls", "secured", "secures", "garnered", "captured", "scored",
];

/// What a percentage with no counted noun is a share of, from its clause: the share noun
/// nearest the figure, else "vote share" when a verb of winning comes before it. With the
/// noun's offset in the reading.
fn share_noun(prose: &str, clause: Span, figure: Span) -> Option<(&'static str, usize)> {
    // A window around the figure, so that a long clause with many figures costs each one the
    // same.
    let clause = window(prose, clause, figure, 300);
    let text = &prose[clause.start..clause.end];
    let ws = words(text);
    let lower: Vec<String> = ws.iter().map(|(_, w)| w.to_lowercase()).collect();
    let mut best: Option<(usize, &'static str, usize)> = None;
    for k in 0..ws.len() {
        let abs = clause.start + ws[k].0;
        if abs >= figure.start && abs < figure.end {
            continue;
        }
        for (phrase, noun) in SHARE_NOUNS {
            let parts: Vec<&str> = phrase.split(' ').collect();
            if k + parts.len() <= ws.len() && parts.iter().zip(&lower[k..]).all(|(p, w)| p == w) {
                let d = abs.abs_diff(figure.start);
                if best.is_none_or(|(bd, _, _)| d < bd) {
                    best = Some((d, noun, abs));
                }
                break;
            }
        }
    }
    if let Some((_, n, at)) = best {
        return Some((n, at));
    }
    let before = ws
        .iter()
        .zip(&lower)
        .rfind(|((o, _), _)| clause.start + o < figure.start);
    let (o, w) = before?;
    SHARE_VERBS
        .contains(&w.as_str())
        .then_some(("vote share", clause.start + o.0))
}

/// The part of `clause` within `reach` bytes of `figure` (on character boundaries).
fn window(prose: &str, clause: Span, figure: Span, reach: usize) -> Span {
    let mut start = clause.start.max(figure.start.saturating_sub(reach));
    while !prose.is_char_boundary(start) {
        start += 1;
    }
    let mut end = clause.end.min(figure.end.saturating_add(reach)).max(start);
    while !prose.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// Phrases that give a figure a scope of its own, with the scope, longest first.
const SCOPES: &[(&str, &str)] = &[
    ("so far this year", "this year"),
    ("this year so far", "this year"),
    ("year to date", "this year"),
    ("year-to-date", "this year"),
    ("this year", "this year"),
    ("so far", "so far"),
    ("to date", "so far"),
    ("thus far", "so far"),
    ("in total", "total"),
    ("a total of", "total"),
    ("all told", "total"),
    ("in all", "total"),
    ("altogether", "total"),
    ("overall", "total"),
    ("cumulative", "total"),
];

/// The scope the clause gives its figures: one of [`SCOPES`], or "since" with the words
/// after it (at most three: "since 2011", "since the war began").
fn scope(t: &crate::grammar::tables::Tables, prose: &str, clause: Span) -> Option<String> {
    let text = &prose[clause.start..clause.end];
    let lower: Vec<String> = words(text).iter().map(|(_, w)| w.to_lowercase()).collect();
    for k in 0..lower.len() {
        if let Some(other) = other_event(t, &lower, k) {
            return Some(other);
        }
        if lower[k] == "since" && k + 1 < lower.len() {
            let tail: Vec<&str> = lower[k + 1..lower.len().min(k + 4)]
                .iter()
                .map(String::as_str)
                .collect();
            // "Since January 1", "since the start of the year": this year so far.
            let year_start = matches!(
                tail.as_slice(),
                ["january"] | ["january", "1" | "1st"] | ["jan", "1"]
            ) || tail.starts_with(&["the", "start", "of"])
                && lower.get(k + 4).is_some_and(|w| w == "year")
                || tail.starts_with(&["the", "beginning", "of"])
                    && lower.get(k + 4).is_some_and(|w| w == "year");
            if year_start {
                return Some("this year".into());
            }
            return Some(format!("since {}", tail.join(" ")));
        }
        for (phrase, sc) in SCOPES {
            let parts: Vec<&str> = phrase.split(' ').collect();
            if k + parts.len() <= lower.len() && parts.iter().zip(&lower[k..]).all(|(p, w)| p == w)
            {
                return Some(sc.to_string());
            }
        }
    }
    None
}

/// The role of a count that a verb of change or of reaching puts its noun at ("rose to
/// 1,820", "reached 1,820", "numbered 1,820"): a level, compatible with the one role its
/// noun is given elsewhere.
pub const LEVEL: &str = "level";

/// Whether the word before `at` is a verb of reaching a level ("reached 1,820").
fn reached_before(prose: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(16);
    while !prose.is_char_boundary(from) {
        from += 1;
    }
    words(prose[from..at].trim_end())
        .last()
        .is_some_and(|(_, w)| {
            [
                "reached", "reaches", "totalled", "totaled", "totals", "numbered", "topped",
                "tops", "exceeded",
            ]
            .iter()
            .any(|x| w.eq_ignore_ascii_case(x))
        })
}

/// Whether a "since" scope is the clause subject's own start: "since" and a pronoun and a verb
/// of beginning ("since it started on", "since they began"), not another moment ("since
/// 2011", "since the war began", "since it opened in May": a place's opening).
fn own_start(scope: &str) -> bool {
    let ws: Vec<&str> = scope.split(' ').collect();
    matches!(
        ws.as_slice(),
        ["since", "it" | "they", v, ..]
            if matches!(*v, "started" | "began" | "begun" | "broke" | "erupted" | "ignited" | "flared")
    )
}

/// Whether a count is part of a name: written as digits right after a capitalised word that
/// does not open the sentence (nor is a month, weekday or possessive), with its noun in the
/// singular though the number is not 1 ("the Tarsk 40 index fell", "Route 66 highway").
fn in_name(prose: &str, sentence: Span, at: Span, q: &Quantity, doc: &Document) -> bool {
    let (Some(f), Some(lemma), Some(noun)) = (q.value, q.lemma.as_deref(), q.noun_span) else {
        return false;
    };
    if f.value == Decimal::ONE || !prose[at.start..at.end].starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    let noun = doc.reading().map_or(noun, |r| r.span_from_file(noun));
    let Some(written) = prose.get(noun.start..noun.end) else {
        return false;
    };
    // Singular as written: the lemma itself, one word.
    if !written.eq_ignore_ascii_case(lemma) || written.contains(' ') {
        return false;
    }
    let from = sentence.start.min(at.start);
    let before = &prose[from..at.start];
    if !before.ends_with(' ') {
        return false;
    }
    let ws = words(before);
    let Some(&(o, w)) = ws.last() else {
        return false;
    };
    // Just one space between the word and the figure, and the word is not the sentence's first.
    from + o + w.len() + 1 == at.start
        && ws.len() >= 2
        && w.starts_with(|c: char| c.is_uppercase())
        && !w.contains(['\'', '’'])
        && !NOT_PLACES.contains(&w.to_lowercase().as_str())
}

/// Words after "a second", "another", "a separate" that name no other event, besides the
/// number words of the tables: a vague count ("another dozen workers", "another few"), or a
/// repetition ("for a second time", "a second statement").
const NOT_OTHER_EVENTS: &[&str] = &[
    "time",
    "dozen",
    "dozens",
    "hundreds",
    "thousands",
    "few",
    "several",
    "many",
    "more",
    "round",
    "look",
    "statement",
    "interview",
    "report",
    "briefing",
    "post",
    "message",
    "release",
    "comment",
    "comments",
    "remarks",
    "tweet",
];

/// A clause that opens on another event than the one reported ("a separate blaze at the
/// Orrin mill injured 3 workers", "a second fire near Eastbrook has burned 900 hectares",
/// "another strike"): its figures have a scope of their own, "separate blaze", so they never
/// meet the main event's. `k` is the word the phrase starts at.
fn other_event(t: &crate::grammar::tables::Tables, lower: &[String], k: usize) -> Option<String> {
    let (marker, at) = match lower[k].as_str() {
        "separate" => ("separate", k + 1),
        "another" => ("another", k + 1),
        "a" | "an" => match lower.get(k + 1).map(String::as_str) {
            Some(m @ ("second" | "third" | "fourth" | "different" | "separate")) => (m, k + 2),
            _ => return None,
        },
        _ => return None,
    };
    let w = lower.get(at)?;
    let event = !w.is_empty()
        && w.chars().all(|c| c.is_alphabetic())
        && !crate::grammar::scan::is_number_word(t, w)
        && !NOT_OTHER_EVENTS.contains(&w.as_str());
    event.then(|| format!("{marker} {w}"))
}

/// "As low as −30 °C", "as high as 44.1C": the extreme's value, stated as exactly as any
/// measure (not an open bound), so that "as low as −30 °C" and "as low as −30 °F" conflict.
/// Only for measures: "as many as 50 people" stays an upper bound.
fn extreme_value(
    g: &Grammar,
    q: &Quantity,
    text: &str,
) -> Option<(Interval, Option<Decimal>, Option<String>)> {
    let measure = matches!(
        q.dimension,
        Dimension::Temperature
            | Dimension::Length
            | Dimension::Mass
            | Dimension::Area
            | Dimension::Volume
            | Dimension::Speed
            | Dimension::Information
    );
    let lower = text.trim_start().to_lowercase();
    let extreme = [
        "as low as",
        "as high as",
        "as cold as",
        "as hot as",
        "as warm as",
        "as deep as",
        "as fast as",
        "as strong as",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    if !measure || !extreme || q.approx {
        return None;
    }
    let f = q.value?;
    let mut exact = q.clone();
    exact.bound = Bound::Exact;
    exact.low = Some(f.value);
    exact.high = Some(f.value);
    interval(g, &exact, text)
}

/// Words that come after a speaker, not an owner of a figure ("Zelensky said 80 drones...").
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "noted",
    "notes",
    "announced",
    "announces",
    "reported",
    "reports",
    "claimed",
    "claims",
    "estimated",
    "estimates",
    "according",
    "wrote",
    "writes",
    "stated",
    "states",
    "confirmed",
    "confirms",
    "tweeted",
    "posted",
];

/// Lower-case words that end a name as its head ("Valencia airport", "Green party").
const ENTITY_HEADS: &[&str] = &[
    "airport",
    "station",
    "observatory",
    "party",
    "alliance",
    "bloc",
    "coalition",
    "club",
    "university",
    "county",
    "province",
    "district",
    "city",
    "island",
    "islands",
    "valley",
    "inc",
    "corp",
    "group",
    "fc",
    "united",
];

/// Words before a name that make it a place or an object, not the figure's owner.
const NOT_OWNER_BEFORE: &[&str] = &[
    "in", "over", "near", "across", "around", "on", "at", "of", "from", "to", "into", "onto", "by",
    "for", "with", "against", "than", "toward", "towards", "between", "through",
];

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
                "drone launched [russia] 2026-01-30",
                "drone downed in kharkiv 2026-01-29",
                // "next week" is the week after the document date's (Monday to Sunday).
                "temperature (forecast) 2026-02-02..2026-02-08"
            ]
        );
    }

    #[test]
    fn weekdays_are_named_where_they_name_a_day() {
        // An undated report: a weekday after "on", "last", "late", before "night" or "'s",
        // names a day; one used as an adjective does not, nor a month or a written date.
        let days = |text: &str| -> Vec<Option<String>> {
            let (d, qs) = doc(text);
            claims(0, &d, &qs).into_iter().map(|c| c.key.day).collect()
        };
        let day = |s: &str| Some(s.to_string());
        assert_eq!(
            days("Crews rescued 14 hikers on Sunday. Volunteers rescued 9 hikers last Tue."),
            [day("sunday"), day("tuesday")]
        );
        assert_eq!(
            days("Wardens rescued 31 hikers late on Saturday. Monday's storm stranded 6 climbers."),
            [day("saturday"), day("monday")]
        );
        assert_eq!(
            days(
                "Wardens rescued 12 hikers on its first Sunday patrol. Crews rescued 5 hikers in March."
            ),
            [None, None]
        );
        // The previous sentence's day, as its date would be; not past a clause's own scope.
        assert_eq!(
            days("The lift failed on Wednesday. Crews rescued 40 skiers from the chairs."),
            [day("wednesday")]
        );
        // A dated report: the weekday of the day its date resolves to, however it is written;
        // a month names none.
        let (d, qs) = doc(
            "---\ndate: 2026-02-12\n---\nCrews rescued 8 skiers on February 10. Patrols rescued 3 skiers yesterday. Crews rescued 19 skiers in January.\n",
        );
        let k: Vec<(Option<String>, String)> = claims(0, &d, &qs)
            .into_iter()
            .map(|c| (c.key.day.clone(), c.key.describe()))
            .collect();
        assert_eq!(
            k,
            [
                (day("tuesday"), "skier rescued 2026-02-10".to_string()),
                (day("wednesday"), "skier rescued 2026-02-11".to_string()),
                (None, "skier rescued 2026-01-01..2026-01-31".to_string()),
            ]
        );
    }

    fn keys(text: &str) -> Vec<String> {
        let (d, qs) = doc(&format!("---\ndate: 2026-06-08\n---\n{text}\n"));
        claims_and_unkeyed_with(&Grammar::default(), 0, &d, &qs)
            .iter()
            .map(|c| {
                if c.key.noun.is_empty() {
                    format!("unkeyed {}", c.text)
                } else {
                    c.key.describe()
                }
            })
            .collect()
    }

    #[test]
    fn entities_are_owners_not_places_speakers_or_modifiers() {
        assert_eq!(
            keys("The Social Democrats won 120 seats, while the Greens took 12.4% of the vote."),
            ["seat win [social democrats]", "vote share [greens]"]
        );
        assert_eq!(
            keys("Valencia airport reached 44.1C and Seville hit 45.2C."),
            ["temperature [valencia airport]", "temperature [seville]"]
        );
        // A place, a speaker, a modifier, a plural opening the sentence: no entity.
        assert_eq!(
            keys(
                "Air defences over Kharkiv downed 30 drones. Zelensky said 80 drones were \
                 downed. Ukrainian forecasters expect −30 °C. Officials reported 12 deaths."
            ),
            [
                "drone downed in kharkiv",
                "drone downed",
                "temperature (forecast)",
                "death reported"
            ]
        );
        // A possessive just before the noun; a name after "to".
        assert_eq!(
            keys("Spain's jobless rate stood at 11.2%. 120 seats went to the Social Democrats."),
            ["unemployment [spain]", "seat go [social democrats]"]
        );
    }

    #[test]
    fn scopes_shares_extremes_and_unkeyed_figures() {
        assert_eq!(
            keys(
                "So far this year 412 people have died on the roads. Since 2011, 31,500 \
                 migrants have arrived. In total 80 drones were downed."
            ),
            [
                // "this year" is also a period against the document date (2026 here): the
                // same scope in a report of another year is another claim.
                "person killed (this year) 2026-01-01..2026-12-31",
                "migrant arrive (since 2011)",
                "drone downed (total)"
            ]
        );
        assert_eq!(
            keys("Turnout was 64.2%. Prices rose 5%. It fell as low as −61 °C. Some 22% agreed."),
            ["turnout", "unkeyed 5%", "temperature", "unkeyed Some 22%"]
        );
        let (d, qs) = doc("It fell as low as −61 °C.\n");
        let c = claims(0, &d, &qs);
        assert_eq!(c[0].stated, Some(Decimal::from(-61)));
        assert!(
            c[0].interval.high.is_some(),
            "the extreme is a value, not a bound"
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
