//! One analysis of a document that every stage reads: its tokens, sentences and clauses, and
//! its figures with what the rules would otherwise re-derive from their text.
//!
//! [`Analysis::new`] reads a [`Document`] once, after extraction:
//! - **tokens** tile the document's reading (its prose with character references decoded)
//!   exactly, each with its byte span in the file (as quantities have), a [`TokenKind`]
//!   (word, number, punctuation, space, break) and, for words, the lower-case form, the parts
//!   of speech and the lemma the lexicon (`grammar/lexicon/`) gives;
//! - **sentences** and their **clauses** as the grammar splits them
//!   ([`crate::grammar::sentence`]), as file spans and token ranges; `Quantity::sentence`
//!   indexes [`Analysis::sentences`];
//! - the **figures** with their [`Facts`]: the number a bound states, both ends of a range,
//!   the digits written, whether written rounded, the date kind and the weekday written.
//!
//! The stages that read it: `check` (its [`crate::check::Ctx`]), claims and reconcile, the
//! baseline's fingerprints and the ledger. See `docs/analysis.md`.

use crate::check::util::{self, Stated};
use crate::grammar::lexicon;
use crate::grammar::sentence;
use crate::quantity::{Bound, Dimension, Figure, Quantity, Span};
use crate::source::Document;
use jiff::civil::Weekday;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of letters and digits that starts with a letter, with apostrophes inside it
    /// ("drones", "Russia’s", "G20").
    Word,
    /// A run of ASCII digits, with `,` or `.` between digits ("111", "3,100", "2.5").
    Number,
    /// Any other single character ("(", "%", "€", "—", "-").
    Punct,
    /// A run of white space without a line break.
    Space,
    /// A run of white space with a line break (a block or line boundary of the prose).
    Break,
}

/// One token. Its span and text are asked of the [`Analysis`] ([`Analysis::span`],
/// [`Analysis::text`], [`Analysis::lower`]); the token itself is kept small, as a document has
/// one for every word and every space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    /// For a word, its index in the analysis's vocabulary; `u32::MAX` for other tokens.
    word: u32,
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    /// Where it is in the file.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
    /// Whether it is white space (a space or a break).
    pub fn is_space(&self) -> bool {
        matches!(self.kind, TokenKind::Space | TokenKind::Break)
    }
}

/// The parts of speech a word may be (a bit set: "fire" is a noun and a verb; "that" a
/// determiner, a pronoun and a conjunction). Open classes from WordNet, closed classes from
/// `grammar/lexicon/function-words.toml`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Pos(u16);

impl Pos {
    /// A noun ("drone", "people").
    pub const NOUN: Pos = Pos(1);
    /// A verb ("launch", "shot").
    pub const VERB: Pos = Pos(2);
    /// An adjective ("electric").
    pub const ADJECTIVE: Pos = Pos(4);
    /// An adverb ("overnight").
    pub const ADVERB: Pos = Pos(8);
    /// A determiner ("the", "some").
    pub const DETERMINER: Pos = Pos(16);
    /// A pronoun ("them").
    pub const PRONOUN: Pos = Pos(32);
    /// A preposition ("from", "of").
    pub const PREPOSITION: Pos = Pos(64);
    /// A conjunction ("and", "that").
    pub const CONJUNCTION: Pos = Pos(128);
    /// An auxiliary verb ("were", "has").
    pub const AUXILIARY: Pos = Pos(256);

    /// No part of speech: a word the lexicon does not know.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Whether the word may be `p` (every class of `p`, when `p` names several).
    pub fn has(self, p: Pos) -> bool {
        self.0 & p.0 == p.0 && p.0 != 0
    }
    /// Whether the word may be any class of `p`.
    pub fn any(self, p: Pos) -> bool {
        self.0 & p.0 != 0
    }
}

impl std::ops::BitOr for Pos {
    type Output = Pos;
    fn bitor(self, o: Pos) -> Pos {
        Pos(self.0 | o.0)
    }
}

/// What the lexicon says of one word (lower-case form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lex {
    /// Its parts of speech.
    pub pos: Pos,
    /// Its lemma as a noun ("buses" → bus, "people" → person), if it reads as one.
    pub noun_lemma: Option<Cow<'static, str>>,
    /// Written in the plural, when it reads as a noun.
    pub plural: bool,
    /// Its lemma as a verb ("sold" → sell, "evacuated" → evacuate), if it reads as one.
    pub verb_lemma: Option<&'static str>,
    /// The lemma of its more frequent open-class reading (SemCor sense counts: "left" →
    /// leave, "drones" → drone), else the word itself.
    pub lemma: Cow<'static, str>,
}

impl Lex {
    /// What the lexicon says of `lower`.
    pub fn of(lower: &str) -> Lex {
        let r = lexicon::read(lower);
        let mut pos = Pos::default();
        for (c, p) in [
            (lexicon::Closed::DETERMINER, Pos::DETERMINER),
            (lexicon::Closed::PRONOUN, Pos::PRONOUN),
            (lexicon::Closed::PREPOSITION, Pos::PREPOSITION),
            (lexicon::Closed::CONJUNCTION, Pos::CONJUNCTION),
            (lexicon::Closed::AUXILIARY, Pos::AUXILIARY),
            (lexicon::Closed::ADVERB, Pos::ADVERB),
        ] {
            if r.closed.is(c) {
                pos = pos | p;
            }
        }
        if r.noun.is_some() {
            pos = pos | Pos::NOUN;
        }
        if r.verb.is_some() {
            pos = pos | Pos::VERB;
        }
        if r.adj.is_some() {
            pos = pos | Pos::ADJECTIVE;
        }
        if r.adv.is_some() {
            pos = pos | Pos::ADVERB;
        }
        let nf = r.noun.as_ref().map_or(0, |n| n.freq);
        let vf = r.verb.as_ref().map_or(0, |v| v.freq);
        let lemma = match (&r.noun, &r.verb) {
            (Some(_), Some(v)) if vf > nf => Cow::Borrowed(v.lemma),
            (Some(n), _) => n.lemma.clone(),
            (None, Some(v)) => Cow::Borrowed(v.lemma),
            (None, None) => Cow::Owned(lower.to_string()),
        };
        Lex {
            pos,
            plural: r.noun.as_ref().is_some_and(|n| n.plural),
            noun_lemma: r.noun.map(|n| n.lemma),
            verb_lemma: r.verb.map(|v| v.lemma),
            lemma,
        }
    }
}

/// One distinct word (by lower-case form) of a document.
#[derive(Debug, Clone)]
struct Word {
    lower: Box<str>,
    /// Looked up the first time it is asked for: most words are never asked about.
    lex: OnceLock<Lex>,
}

/// A sentence: its spans and its tokens and clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Where it is in the file.
    pub span: Span,
    /// Where it is in the reading ([`Document::reading_text`]; the same as `span` when the
    /// document has no character references).
    pub read: Span,
    /// Its tokens, by index into [`Analysis::tokens`].
    pub tokens: Range<usize>,
    /// Its clauses, by index into [`Analysis::clauses`].
    pub clauses: Range<usize>,
}

/// A clause: a stretch of a sentence between `,` `;` `:`, dashes and parentheses (see
/// `sentence::clauses`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    /// Where it is in the file.
    pub span: Span,
    /// Where it is in the reading.
    pub read: Span,
}

/// FNV-1a, for the vocabulary (short keys; no denial-of-service concern in one document).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Which granularity a date was written in (`Quantity::date_kind` as an enum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateKind {
    /// A day: "January 30", "Jan. 30, 2026", "30/01/2026".
    Day,
    /// A weekday: "Friday".
    Weekday,
    /// A month: "February 2022".
    Month,
    /// A year: "2025".
    Year,
    /// A span of years: "between 1995 and 1999", "the 2023-24 season".
    Years,
}

impl DateKind {
    /// The kind named `s` ("day", "weekday", "month", "year", "years").
    pub fn parse(s: &str) -> Option<DateKind> {
        Some(match s {
            "day" => DateKind::Day,
            "weekday" => DateKind::Weekday,
            "month" => DateKind::Month,
            "year" => DateKind::Year,
            "years" => DateKind::Years,
            _ => return None,
        })
    }
    /// Its name, as `Quantity::date_kind` and the JSON write it.
    pub fn as_str(self) -> &'static str {
        match self {
            DateKind::Day => "day",
            DateKind::Weekday => "weekday",
            DateKind::Month => "month",
            DateKind::Year => "year",
            DateKind::Years => "years",
        }
    }
}

/// One end of a range as written ("300" and "400" of "300-400 km").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct End {
    /// Its byte offset in the figure's decoded text ([`Document::decoded`] of its span).
    pub at: usize,
    /// The number, as written: signs are not read (the interval has them).
    pub fig: Figure,
    /// The digits written from it to the next end (or the figure's end): see
    /// [`util::written_digits`].
    pub digits: u32,
}

/// What the rules read of a figure beyond its [`Quantity`]: computed once, from its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// The single number it states: its value, or the one end of an open bound ("more than
    /// 200" → 200, with the precision written). `None` for ranges, vague amounts and dates.
    pub stated: Option<Stated>,
    /// Both ends of a range, when its text has exactly two numbers.
    pub ends: Option<[End; 2]>,
    /// The digits of the first run of digits in its text (0 when written in words): see
    /// [`Facts::digits`].
    pub text_digits: u32,
    /// Written rounded (a decimal point, a scale word: "€5.1 billion"), for figures with a
    /// point value: a sum treats it as half a step either way. `false` for the others.
    pub rounded: bool,
    /// For dates, the granularity written.
    pub date_kind: Option<DateKind>,
    /// For a weekday ("Friday"), the weekday written.
    pub weekday: Option<Weekday>,
}

impl Facts {
    /// The facts of `q` in `doc`.
    pub fn of(doc: &Document, q: &Quantity) -> Facts {
        let text = doc.decoded(q.span);
        let date_kind = q.date_kind.and_then(DateKind::parse);
        let mut numbers: Option<Vec<(usize, Figure)>> = None;
        let mut nums = || {
            numbers
                .get_or_insert_with(|| util::numbers_in(&text))
                .clone()
        };
        let stated = util::stated_with(q, &mut nums);
        let ends = (q.bound == Bound::Range)
            .then(&mut nums)
            .filter(|ns| ns.len() == 2)
            .map(|ns| {
                [
                    End {
                        at: ns[0].0,
                        fig: ns[0].1,
                        digits: util::written_digits(&text[ns[0].0..ns[1].0], ns[0].1),
                    },
                    End {
                        at: ns[1].0,
                        fig: ns[1].1,
                        digits: util::written_digits(&text[ns[1].0..], ns[1].1),
                    },
                ]
            });
        let point = q.point();
        let rounded = point.is_some()
            && !matches!(q.dimension, Dimension::Date | Dimension::Time)
            && util::written_rounded(&text, point);
        let weekday = (date_kind == Some(DateKind::Weekday))
            .then(|| {
                crate::grammar::date::weekday(&crate::grammar::cx::Cx::builtin(), text.trim()).ok()
            })
            .flatten()
            .and_then(|(_, d)| Weekday::from_monday_zero_offset(d).ok());
        Facts {
            stated,
            ends,
            text_digits: util::digits_in(&text),
            rounded,
            date_kind,
            weekday,
        }
    }

    /// How many digits the writer put down for the figure `f` of this quantity (its value, a
    /// bound or an end): those of its text's first run of digits, else those `f` has in words
    /// (see [`util::written_digits`]).
    pub fn digits(&self, f: Figure) -> u32 {
        match self.text_digits {
            0 => util::digits_of(f),
            n => n,
        }
    }

    /// Half the rounding step of `f` (this quantity's point value) in a sum: see
    /// [`util::half_step`].
    pub fn half_step(&self, f: Figure) -> Decimal {
        if self.rounded {
            f.precision / Decimal::TWO
        } else {
            Decimal::ZERO
        }
    }
}

/// The analysis of one document: see the [module documentation](self).
#[derive(Debug, Clone)]
pub struct Analysis<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its figures, as extracted.
    pub quantities: &'a [Quantity],
    tokens: Vec<Token>,
    words: Vec<Word>,
    /// Its sentences, in order (index = `Quantity::sentence`).
    pub sentences: Vec<Sentence>,
    /// The clauses of every sentence, in order.
    pub clauses: Vec<Clause>,
    /// What the rules read of each figure (index = index into `quantities`), computed the
    /// first time a rule asks: most figures are never asked about.
    facts: Vec<OnceLock<Facts>>,
}

/// Bytes that end a run of ASCII letters and digits in a word: anything that is not one.
fn ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// The end of a number starting at `i` (an ASCII digit): digits, with `,` or `.` between
/// digits.
fn number_end(b: &[u8], mut i: usize) -> usize {
    loop {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < b.len() && matches!(b[i], b',' | b'.') && b[i + 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        return i;
    }
}

/// The end of a word starting at `i` (a letter): letters and digits, and an apostrophe
/// (`'` or `’`) followed by a letter.
fn word_end(t: &str, mut i: usize) -> usize {
    let b = t.as_bytes();
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if ascii_word_byte(c) {
                i += 1;
                continue;
            }
            if c == b'\'' && t[i + 1..].chars().next().is_some_and(char::is_alphabetic) {
                i += 1;
                continue;
            }
            return i;
        }
        let Some(ch) = t[i..].chars().next() else {
            return i;
        };
        if ch.is_alphanumeric() {
            i += ch.len_utf8();
        } else if ch == '’' && t[i + 3..].chars().next().is_some_and(char::is_alphabetic) {
            i += 3;
        } else {
            return i;
        }
    }
    i
}

/// The end of a run of white space starting at `i`, and whether it holds a line break.
fn space_end(t: &str, mut i: usize) -> (usize, bool) {
    let b = t.as_bytes();
    let mut brk = false;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if c.is_ascii_whitespace() || c == 0x0b {
                brk |= c == b'\n';
                i += 1;
                continue;
            }
            return (i, brk);
        }
        match t[i..].chars().next() {
            Some(ch) if ch.is_whitespace() => {
                // U+2028 and U+2029 separate lines and paragraphs.
                brk |= matches!(ch, '\u{2028}' | '\u{2029}' | '\u{85}');
                i += ch.len_utf8();
            }
            _ => return (i, brk),
        }
    }
    (i, brk)
}

/// The tokens of `t` as `(start, end, kind)` in `t`'s offsets: they tile it exactly.
pub fn tokenize(t: &str) -> Vec<(usize, usize, TokenKind)> {
    let mut out = Vec::with_capacity(t.len() / 3);
    tokenize_with(t, |s, e, k| out.push((s, e, k)));
    out
}

fn tokenize_with(t: &str, mut emit: impl FnMut(usize, usize, TokenKind)) {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (end, kind) = if c < 0x80 {
            if c == b' ' || c == b'\t' || c == b'\r' || c == b'\n' || c == 0x0b || c == 0x0c {
                let (e, brk) = space_end(t, i);
                (
                    e,
                    if brk {
                        TokenKind::Break
                    } else {
                        TokenKind::Space
                    },
                )
            } else if c.is_ascii_digit() {
                (number_end(b, i), TokenKind::Number)
            } else if c.is_ascii_alphabetic() {
                (word_end(t, i), TokenKind::Word)
            } else {
                (i + 1, TokenKind::Punct)
            }
        } else {
            let Some(ch) = t[i..].chars().next() else {
                break;
            };
            if ch.is_whitespace() {
                let (e, brk) = space_end(t, i);
                (
                    e,
                    if brk {
                        TokenKind::Break
                    } else {
                        TokenKind::Space
                    },
                )
            } else if ch.is_alphabetic() {
                (word_end(t, i), TokenKind::Word)
            } else {
                // Other letters-and-digits (non-ASCII digits) read as words too.
                if ch.is_alphanumeric() {
                    (word_end(t, i), TokenKind::Word)
                } else {
                    (i + ch.len_utf8(), TokenKind::Punct)
                }
            }
        };
        // Every token is at least one char long (so the loop always moves on).
        let end = if end > i {
            end
        } else {
            i + t[i..].chars().next().map_or(1, char::len_utf8)
        };
        emit(i, end, kind);
        i = end;
    }
}

impl<'a> Analysis<'a> {
    /// Analyses `doc`, whose figures (as [`crate::extract`] returned them) are `quantities`.
    /// Offsets past 4 GiB are not tokenised (a document that large has no tokens past it).
    pub fn new(doc: &'a Document, quantities: &'a [Quantity]) -> Analysis<'a> {
        let read = doc.reading_text();
        let map = doc.reading();
        let to_file = |s: Span| map.map_or(s, |r| r.span_to_file(s));
        let file_at = |r: usize| map.map_or(r, |m| m.file_start(r));
        let limit = u32::MAX as usize;

        let mut tokens: Vec<Token> = Vec::with_capacity(read.len() / 3);
        let mut words: Vec<Word> = Vec::new();
        let mut vocab: HashMap<Box<str>, u32, BuildHasherDefault<Fnv>> = HashMap::default();
        let mut buf = String::new();
        let mut prev_end: Option<usize> = None;
        tokenize_with(read, |s, e, kind| {
            if e > limit {
                return;
            }
            // File spans tile the file: each token starts where the one before ended (a
            // reference that reads as nothing goes with the token after it).
            let fs = prev_end.unwrap_or(0);
            let fe = file_at(e);
            prev_end = Some(fe);
            let word = if kind == TokenKind::Word {
                let w = &read[s..e];
                let key: &str = if w.bytes().any(|c| c.is_ascii_uppercase() || c >= 0x80) {
                    buf.clear();
                    if w.is_ascii() {
                        buf.push_str(w);
                        buf.make_ascii_lowercase();
                    } else {
                        buf.extend(w.chars().flat_map(char::to_lowercase));
                    }
                    &buf
                } else {
                    w
                };
                match vocab.get(key) {
                    Some(&id) => id,
                    None => {
                        let id = words.len() as u32;
                        let lower: Box<str> = key.into();
                        vocab.insert(lower.clone(), id);
                        words.push(Word {
                            lower,
                            lex: OnceLock::new(),
                        });
                        id
                    }
                }
            } else {
                u32::MAX
            };
            tokens.push(Token {
                start: fs as u32,
                end: fe as u32,
                word,
                kind,
            });
        });
        // The last token ends at the end of the file (references that read as nothing at
        // the very end included).
        if let Some(t) = tokens.last_mut()
            && read.len() <= limit
        {
            t.end = doc.text.len().min(limit) as u32;
        }

        let mut sentences = Vec::new();
        let mut clauses = Vec::new();
        let mut cl = Vec::new();
        for s in sentence::sentences(read) {
            let span = to_file(s);
            sentence::clauses_into(read, s, usize::MAX, &mut cl);
            let c0 = clauses.len();
            clauses.extend(cl.iter().map(|&c| Clause {
                span: to_file(c),
                read: c,
            }));
            sentences.push(Sentence {
                span,
                read: s,
                tokens: token_range(&tokens, span),
                clauses: c0..clauses.len(),
            });
        }
        let facts = quantities.iter().map(|_| OnceLock::new()).collect();
        Analysis {
            doc,
            quantities,
            tokens,
            words,
            sentences,
            clauses,
            facts,
        }
    }

    /// Every token, in order; they tile the file.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The tokens that overlap a file span, by index.
    pub fn tokens_in(&self, s: Span) -> Range<usize> {
        token_range(&self.tokens, s)
    }

    /// The index of the token holding byte `at` of the file (`tokens().len()` past the end).
    pub fn token_at(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| (t.end as usize) <= at)
    }

    /// A token's text as read (character references decoded).
    pub fn text(&self, t: &Token) -> &'a str {
        self.doc.prose_of(t.start as usize, t.end as usize)
    }

    /// A token's lower-case form (the text itself for numbers, punctuation and spaces).
    pub fn lower(&self, t: &Token) -> &str {
        match self.words.get(t.word as usize) {
            Some(w) => &w.lower,
            None => self.text(t),
        }
    }

    /// What the lexicon says of a word token (`None` for other tokens).
    pub fn lex(&self, t: &Token) -> Option<&Lex> {
        let w = self.words.get(t.word as usize)?;
        Some(w.lex.get_or_init(|| Lex::of(&w.lower)))
    }

    /// A word's parts of speech (empty for other tokens and unknown words).
    pub fn pos(&self, t: &Token) -> Pos {
        self.lex(t).map_or(Pos::default(), |l| l.pos)
    }

    /// A token's lemma: for a word, [`Lex::lemma`]; else its text.
    pub fn lemma(&self, t: &Token) -> &str {
        match self.lex(t) {
            Some(l) => &l.lemma,
            None => self.text(t),
        }
    }

    /// The index of the sentence holding byte `at` of the file, if any.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let k = self.sentences.partition_point(|s| s.span.end <= at);
        self.sentences
            .get(k)
            .filter(|s| s.span.start <= at)
            .map(|_| k)
    }

    /// The facts of a figure: borrowed when `q` is one of [`Analysis::quantities`] (by
    /// address), else computed.
    pub fn facts(&self, q: &Quantity) -> Cow<'_, Facts> {
        let size = std::mem::size_of::<Quantity>().max(1);
        let base = self.quantities.as_ptr() as usize;
        let at = q as *const Quantity as usize;
        if at >= base && (at - base) % size == 0 {
            let k = (at - base) / size;
            if k < self.facts.len() {
                return Cow::Borrowed(self.facts_at(k));
            }
        }
        Cow::Owned(Facts::of(self.doc, q))
    }

    /// The facts of `quantities[k]`.
    ///
    /// # Panics
    /// When `k` is not an index into `quantities`.
    pub fn facts_at(&self, k: usize) -> &Facts {
        self.facts[k].get_or_init(|| Facts::of(self.doc, &self.quantities[k]))
    }

    /// The prose of the file range `[from, to)` normalised as [`crate::check::norm`] does, as
    /// a view on the tokens (see [`Norm`]).
    pub fn norm(&self, from: usize, to: usize) -> Norm<'_, 'a> {
        Norm {
            an: self,
            from,
            to: to.max(from),
            toks: token_range(&self.tokens, Span::new(from, to.max(from))),
        }
    }

    /// The clauses of sentence `si`.
    pub fn clauses_of(&self, si: usize) -> &[Clause] {
        self.sentences
            .get(si)
            .map_or(&[], |s| &self.clauses[s.clauses.clone()])
    }
}

/// A stretch of prose as [`crate::check::norm`] gives it (lower case, each run of white space
/// one space, trimmed), read from the analysis's tokens without building the string: the
/// rules' word cues ("from", "of the", "times as many as") are tests on it.
#[derive(Debug, Clone)]
pub struct Norm<'x, 'a> {
    an: &'x Analysis<'a>,
    from: usize,
    to: usize,
    toks: Range<usize>,
}

impl<'x, 'a> Norm<'x, 'a> {
    /// Calls `f` on each piece of the normalised text in order (from the end when `rev`):
    /// the lower-case words and marks, and `" "` for a run of white space between them. Stops
    /// when `f` returns false; returns whether it ran to the end.
    fn walk(&self, rev: bool, mut f: impl FnMut(&str) -> bool) -> bool {
        let toks = &self.an.tokens[self.toks.clone()];
        let mut pending = false;
        let mut started = false;
        let mut one = |t: &Token| -> bool {
            if t.is_space() {
                pending |= started;
                return true;
            }
            if pending {
                pending = false;
                if !f(" ") {
                    return false;
                }
            }
            started = true;
            let (s, e) = (t.start as usize, t.end as usize);
            if s >= self.from && e <= self.to {
                return f(self.an.lower(t));
            }
            // A token cut by the stretch's ends: its part inside, lower-cased.
            let part = self.an.doc.prose_of(s.max(self.from), e.min(self.to));
            if part.is_empty() {
                return true;
            }
            if part.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
                f(&part.to_lowercase())
            } else {
                f(part)
            }
        };
        if rev {
            toks.iter().rev().all(&mut one)
        } else {
            toks.iter().all(&mut one)
        }
    }

    /// Whether the normalised text starts with `p`.
    pub fn starts_with(&self, p: &str) -> bool {
        let mut rest = p;
        let mut ok = true;
        self.walk(false, |piece| {
            if rest.is_empty() {
                return false;
            }
            if rest.len() <= piece.len() {
                ok = piece.starts_with(rest);
                rest = "";
                return false;
            }
            match rest.strip_prefix(piece) {
                Some(r) => {
                    rest = r;
                    true
                }
                None => {
                    ok = false;
                    false
                }
            }
        });
        ok && rest.is_empty()
    }

    /// Whether the normalised text ends with `p`.
    pub fn ends_with(&self, p: &str) -> bool {
        let mut rest = p;
        let mut ok = true;
        self.walk(true, |piece| {
            if rest.is_empty() {
                return false;
            }
            if rest.len() <= piece.len() {
                ok = piece.ends_with(rest);
                rest = "";
                return false;
            }
            match rest.strip_suffix(piece) {
                Some(r) => {
                    rest = r;
                    true
                }
                None => {
                    ok = false;
                    false
                }
            }
        });
        ok && rest.is_empty()
    }

    /// Whether the normalised text is `p`.
    pub fn is(&self, p: &str) -> bool {
        let mut rest = p;
        let mut ok = true;
        self.walk(false, |piece| match rest.strip_prefix(piece) {
            Some(r) => {
                rest = r;
                true
            }
            None => {
                ok = false;
                false
            }
        });
        ok && rest.is_empty()
    }

    /// Whether the normalised text is one of `ps`.
    pub fn is_any(&self, ps: &[&str]) -> bool {
        ps.iter().any(|p| self.is(p))
    }

    /// Whether it has no words or marks.
    pub fn is_empty(&self) -> bool {
        self.walk(false, |_| false)
    }

    /// The first `n` words (runs without white space) of the normalised text, joined by
    /// single spaces.
    pub fn first_words(&self, n: usize) -> String {
        let mut out = String::new();
        let mut words = 0;
        self.walk(false, |piece| {
            if piece == " " {
                words += 1;
                if words >= n {
                    return false;
                }
            }
            out.push_str(piece);
            true
        });
        out
    }
}

impl std::fmt::Display for Norm<'_, '_> {
    /// The normalised text itself.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut r = Ok(());
        self.walk(false, |piece| {
            r = f.write_str(piece);
            r.is_ok()
        });
        r
    }
}

/// The tokens that overlap `s` (for an empty span, the one holding it or none).
fn token_range(tokens: &[Token], s: Span) -> Range<usize> {
    let a = tokens.partition_point(|t| (t.end as usize) <= s.start);
    let b = tokens.partition_point(|t| (t.start as usize) < s.end);
    a..b.max(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    fn kinds(text: &str) -> Vec<(String, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|(s, e, k)| (text[s..e].to_string(), k))
            .collect()
    }

    #[test]
    fn token_kinds() {
        use TokenKind::*;
        let k = kinds("Russia’s 3,100 drones — 2.5%.\n\nU.S. don't G20  x");
        let want: Vec<(&str, TokenKind)> = vec![
            ("Russia’s", Word),
            (" ", Space),
            ("3,100", Number),
            (" ", Space),
            ("drones", Word),
            (" ", Space),
            ("—", Punct),
            (" ", Space),
            ("2.5", Number),
            ("%", Punct),
            (".", Punct),
            ("\n\n", Break),
            ("U", Word),
            (".", Punct),
            ("S", Word),
            (".", Punct),
            (" ", Space),
            ("don't", Word),
            (" ", Space),
            ("G20", Word),
            ("  ", Space),
            ("x", Word),
        ];
        let got: Vec<(&str, TokenKind)> = k.iter().map(|(s, k)| (s.as_str(), *k)).collect();
        assert_eq!(got, want);
        // A number's separators need a digit after them; a trailing stop is punctuation.
        let k = kinds("in 2025. 1,");
        assert_eq!(k[2], ("2025".to_string(), Number));
        assert_eq!(k[3], (".".to_string(), Punct));
        assert_eq!(k[6], (",".to_string(), Punct));
        // Letters straight after digits are a word of their own.
        assert_eq!(
            kinds("20th")
                .iter()
                .map(|(s, _)| s.as_str())
                .collect::<Vec<_>>(),
            ["20", "th"]
        );
        // A vertical tab is white space (as `char::is_whitespace` says).
        assert_eq!(kinds("a\u{b}b")[1], ("\u{b}".to_string(), Space));
        // Non-breaking and typographic spaces are spaces.
        assert_eq!(kinds("5\u{a0}km")[1].1, Space);
        assert_eq!(kinds("5\u{202f}km")[1].1, Space);
    }

    #[test]
    fn words_have_lower_case_parts_of_speech_and_lemmas() {
        let d = Document::from_text(
            "t.txt",
            "The Buses were SOLD; women evacuated 40 people.".into(),
            Format::Text,
        )
        .unwrap();
        let a = Analysis::new(&d, &[]);
        let words: Vec<&Token> = a
            .tokens()
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .collect();
        let lower: Vec<&str> = words.iter().map(|t| a.lower(t)).collect();
        assert_eq!(
            lower,
            [
                "the",
                "buses",
                "were",
                "sold",
                "women",
                "evacuated",
                "people"
            ]
        );
        let lemmas: Vec<&str> = words.iter().map(|t| a.lemma(t)).collect();
        assert_eq!(
            lemmas,
            ["the", "bus", "be", "sell", "woman", "evacuate", "person"]
        );
        assert!(a.pos(words[0]).has(Pos::DETERMINER));
        assert!(a.pos(words[1]).has(Pos::NOUN));
        assert!(a.pos(words[2]).has(Pos::AUXILIARY));
        assert!(a.pos(words[3]).has(Pos::VERB));
        assert!(!a.pos(words[3]).has(Pos::NOUN));
        assert!(a.lex(words[4]).unwrap().plural);
        assert_eq!(a.lex(words[5]).unwrap().verb_lemma, Some("evacuate"));
        // Numbers and punctuation have no lexicon entry; their lemma is their text.
        let n = a
            .tokens()
            .iter()
            .find(|t| t.kind == TokenKind::Number)
            .unwrap();
        assert!(a.lex(n).is_none());
        assert_eq!(a.lemma(n), "40");
        assert!(a.pos(n).is_empty());
        // A word the lexicon does not know has no part of speech and is its own lemma.
        let d = Document::from_text("t.txt", "Zzyzxq".into(), Format::Text).unwrap();
        let a = Analysis::new(&d, &[]);
        assert!(a.pos(&a.tokens()[0]).is_empty());
        assert_eq!(a.lemma(&a.tokens()[0]), "zzyzxq");
    }

    #[test]
    fn sentences_are_the_documents_with_their_tokens_and_clauses() {
        let text = "Crews cleared 12 roads, officials said. Rain fell (hard) all night.";
        let d = Document::from_text("t.txt", text.into(), Format::Text).unwrap();
        let a = Analysis::new(&d, &[]);
        let spans: Vec<Span> = a.sentences.iter().map(|s| s.span).collect();
        assert_eq!(spans, d.sentences());
        assert_eq!(a.sentences.len(), 2);
        let s = &a.sentences[0];
        let toks = &a.tokens()[s.tokens.clone()];
        assert_eq!(a.text(&toks[0]), "Crews");
        assert_eq!(a.text(toks.last().unwrap()), ".");
        let cl: Vec<&str> = a
            .clauses_of(0)
            .iter()
            .map(|c| &text[c.span.start..c.span.end])
            .collect();
        assert_eq!(cl, ["Crews cleared 12 roads", " officials said."]);
        assert_eq!(a.clauses_of(1).len(), 3);
        assert_eq!(a.sentence_at(text.find("Rain").unwrap()), Some(1));
        assert_eq!(a.sentence_at(text.len() + 5), None);
    }
    #[test]
    fn figures_keep_what_rules_read_of_their_text() {
        let text = "---\ndate: 2026-01-30\n---\nOn Friday, January 30, crews cleared 300-400 km of road, more than 1.5 million people left, seven buses ran and €5.1 billion was paid; 23 died.\n";
        let d = Document::from_text("t.md", text.into(), Format::Markdown).unwrap();
        let qs = crate::extract(&d);
        let a = Analysis::new(&d, &qs);
        let at = |w: &str| {
            let k = qs
                .iter()
                .position(|q| q.text(text) == w)
                .unwrap_or_else(|| panic!("{w}: {qs:#?}"));
            (&qs[k], a.facts_at(k))
        };
        let dec = |s: &str| s.parse::<Decimal>().unwrap();
        let (_, f) = at("Friday");
        assert_eq!(f.date_kind, Some(DateKind::Weekday));
        assert_eq!(f.weekday, Some(Weekday::Friday));
        let (_, f) = at("January 30");
        assert_eq!(f.date_kind, Some(DateKind::Day));
        assert_eq!(f.weekday, None);
        assert_eq!(f.stated, None);
        let (_, f) = at("300-400 km");
        let [lo, hi] = f.ends.unwrap();
        assert_eq!((lo.at, lo.fig.value, lo.digits), (0, dec("300"), 3));
        assert_eq!((hi.at, hi.fig.value, hi.digits), (4, dec("400"), 3));
        assert_eq!(f.stated, None);
        // An open bound states its figure with the precision written.
        let (_, f) = at("more than 1.5 million");
        let st = f.stated.unwrap();
        assert_eq!(
            (st.fig.value, st.fig.precision),
            (dec("1500000"), dec("100000"))
        );
        assert!(!f.rounded, "an open bound has no point value");
        assert_eq!(f.digits(st.fig), 2);
        // Words have no digits: the precision counts them.
        let (q, f) = at("seven");
        assert_eq!(f.text_digits, 0);
        assert_eq!(f.digits(q.point().unwrap()), 1);
        assert!(!f.rounded);
        let (q, f) = at("€5.1 billion");
        assert!(f.rounded);
        assert_eq!(f.half_step(q.point().unwrap()), dec("50000000"));
        let (q, f) = at("23");
        assert!(!f.rounded);
        assert_eq!(f.half_step(q.point().unwrap()), Decimal::ZERO);
        assert_eq!(f.digits(q.point().unwrap()), 2);
        // Borrowed for the analysis's own figures, computed alike for a copy.
        let copy = qs[2].clone();
        assert!(matches!(a.facts(&qs[2]), Cow::Borrowed(_)));
        assert!(matches!(a.facts(&copy), Cow::Owned(_)));
        assert_eq!(*a.facts(&copy), *a.facts_at(2));
    }

    #[test]
    fn date_kinds_read_back() {
        for k in [
            DateKind::Day,
            DateKind::Weekday,
            DateKind::Month,
            DateKind::Year,
            DateKind::Years,
        ] {
            assert_eq!(DateKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(DateKind::parse("fortnight"), None);
    }
}
