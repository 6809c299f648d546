//! The grammar's data: the TOML tables under `grammar/`, compiled into the binary and parsed
//! once. A unit test loads every table and cross-checks them with `grammar/quantities.ebnf`.

use super::scan::ContextIndex;
use crate::quantity::Dimension;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::str::FromStr;
use std::sync::LazyLock;

/// The raw TOML of each table, by file name.
pub const SOURCES: &[(&str, &str)] = &[
    ("units.toml", include_str!("../../grammar/units.toml")),
    (
        "currencies.toml",
        include_str!("../../grammar/currencies.toml"),
    ),
    ("numbers.toml", include_str!("../../grammar/numbers.toml")),
    ("vague.toml", include_str!("../../grammar/vague.toml")),
    ("hedges.toml", include_str!("../../grammar/hedges.toml")),
    ("roles.toml", include_str!("../../grammar/roles.toml")),
    ("nouns.toml", include_str!("../../grammar/nouns.toml")),
    ("dates.toml", include_str!("../../grammar/dates.toml")),
    (
        "designations.toml",
        include_str!("../../grammar/designations.toml"),
    ),
];

/// The EBNF of the grammar.
pub const EBNF: &str = include_str!("../../grammar/quantities.ebnf");

fn source(name: &str) -> &'static str {
    SOURCES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| *s)
        .unwrap_or("")
}

/// A unit of measure.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Canonical symbol.
    pub symbol: String,
    /// What it measures.
    pub dimension: Dimension,
    /// base = value * factor + offset.
    pub factor: Decimal,
    /// See `factor`.
    pub offset: Decimal,
}

impl Unit {
    /// Converts a value in this unit to the dimension's base unit.
    pub fn to_base(&self, v: Decimal) -> Decimal {
        v * self.factor + self.offset
    }
    /// Converts a value in the base unit to this unit.
    pub fn from_base(&self, b: Decimal) -> Decimal {
        (b - self.offset) / self.factor
    }
}

/// A hedge kind from `hedges.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HedgeKind {
    /// Strictly above.
    Gt,
    /// At or above.
    Ge,
    /// Strictly below.
    Lt,
    /// At or below.
    Le,
    /// A little below.
    Almost,
    /// Around.
    Approx,
    /// Exactly.
    Eq,
    /// "or equal (to)" after a strict bound: makes it inclusive ("more than 5000 or equal to"
    /// is at least 5000). On its own it bounds nothing.
    OrEqual,
}

impl HedgeKind {
    fn parse(s: &str) -> Option<HedgeKind> {
        Some(match s {
            "gt" => HedgeKind::Gt,
            "ge" => HedgeKind::Ge,
            "lt" => HedgeKind::Lt,
            "le" => HedgeKind::Le,
            "almost" => HedgeKind::Almost,
            "approx" => HedgeKind::Approx,
            "eq" => HedgeKind::Eq,
            "or_equal" => HedgeKind::OrEqual,
            _ => return None,
        })
    }
}

/// A vague amount.
#[derive(Debug, Clone)]
pub struct Vague {
    /// Low end.
    pub low: Decimal,
    /// High end, if bounded.
    pub high: Option<Decimal>,
    /// Takes "of thousands" after it.
    pub of_scale: bool,
}

/// A currency.
#[derive(Debug, Clone)]
pub struct Currency {
    /// ISO code.
    pub code: String,
    /// The code may be written in lower case.
    pub loose: bool,
}

/// FNV-1a hashing for the tables: their keys are short words looked up at every word of the
/// prose, and SipHash's resistance to chosen keys buys nothing for a fixed table.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
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
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A map with [`Fnv`] hashing.
pub type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;
/// A set with [`Fnv`] hashing.
pub type FastSet<K> = HashSet<K, std::hash::BuildHasherDefault<Fnv>>;

/// Every table, ready for lookups.
#[derive(Debug)]
pub struct Tables {
    /// What the context pass derives from the tables below (see [`ContextIndex`]).
    pub(crate) context: ContextIndex,
    /// Units by index.
    pub units: Vec<Unit>,
    /// (alias, unit index, case-sensitive), longest alias first.
    pub unit_aliases: Vec<(String, usize, bool)>,
    /// Positions in `unit_aliases` by the alias's first byte, ASCII lower-cased (so a lookup
    /// tries only aliases that can match; order stays longest first).
    pub unit_by_first: Vec<Vec<usize>>,
    /// Positions in `currency_prefixes`, `currency_names`, `vague`, `hedges_before` and
    /// `hedges_after` by first byte, ASCII lower-cased (order kept), like `unit_by_first`.
    pub currency_prefix_by_first: Vec<Vec<usize>>,
    /// See `currency_prefix_by_first`.
    pub currency_name_by_first: Vec<Vec<usize>>,
    /// Positions in `roles` by first byte, ASCII lower-cased (order kept).
    pub role_by_first: Vec<Vec<usize>>,
    // --- Role lookups for the scanner's context pass (`scan::attach_context`) -----------
    /// Every phrase of `roles` (lower case), for a whole-word "is this a role word" test.
    pub role_phrase_set: FastSet<String>,
    /// The entries of `roles` by their phrase's first word (split on `' '`), in `roles`
    /// order: (index in `roles`, the phrase's remaining words).
    pub roles_by_first_word: FastMap<String, Vec<(usize, Vec<String>)>>,
    /// A cheap filter before `roles_by_first_word`: by a first word's first byte, bit
    /// `min(len, 31)` is set when some key of `roles_by_first_word` has that byte and length.
    pub role_first_word_shapes: Vec<u32>,
    // --- end of the context-pass role lookups ---------------------------------------------
    /// See `currency_prefix_by_first`.
    pub vague_by_first: Vec<Vec<usize>>,
    /// See `currency_prefix_by_first`.
    pub hedges_before_by_first: Vec<Vec<usize>>,
    /// See `currency_prefix_by_first`.
    pub hedges_after_by_first: Vec<Vec<usize>>,
    /// Currencies by index.
    pub currencies: Vec<Currency>,
    /// (prefix symbol, currency index), longest first; case-sensitive.
    pub currency_prefixes: Vec<(String, usize)>,
    /// (name, currency index, minor unit), longest first; case-insensitive.
    pub currency_names: Vec<(String, usize, bool)>,
    /// "one" → 1 … "nineteen" → 19.
    pub units_words: FastMap<String, u32>,
    /// "twenty" → 20 …
    pub tens_words: FastMap<String, u32>,
    /// "hundred".
    pub hundred_words: FastMap<String, u32>,
    /// "thousand" → 1000 …
    pub scales: FastMap<String, Decimal>,
    /// "k" → 1000, case-sensitive, longest first.
    pub suffixes: Vec<(String, Decimal)>,
    /// "dozen" → 12.
    pub collectives: FastMap<String, u32>,
    /// "third" → 3.
    pub fractions: FastMap<String, Decimal>,
    /// Ordinal words.
    pub ordinals: FastSet<String>,
    /// Words the productions match literally ("point", "aged").
    pub keywords: FastSet<String>,
    /// (phrase, vague) longest first.
    pub vague: Vec<(String, Vague)>,
    /// (phrase, kind) before a number, longest first.
    pub hedges_before: Vec<(String, HedgeKind)>,
    /// (phrase, kind) after a number, longest first.
    pub hedges_after: Vec<(String, HedgeKind)>,
    /// Widening of "about".
    pub widen_approx: Decimal,
    /// Widening of "nearly".
    pub widen_almost: Decimal,
    /// (phrase, role) longest first.
    pub roles: Vec<(String, String)>,
    /// noun form → lemma.
    pub noun_forms: FastMap<String, String>,
    /// Multi-word noun forms, longest first.
    pub noun_phrases: Vec<(String, String)>,
    /// Lemmas an article counts as one.
    pub event_nouns: FastSet<String>,
    /// Words never taken as a counted noun.
    pub stop_words: FastSet<String>,
    /// Words giving a rise.
    pub direction_up: FastSet<String>,
    /// Words giving a fall.
    pub direction_down: FastSet<String>,
    /// Words after which a number is a designation (lower case, any case in the text).
    pub designators: FastSet<String>,
    /// Designator words that must be written exactly so ("F", "MiG").
    pub designators_exact: FastSet<String>,
    /// Words before a phone number.
    pub phone_words: FastSet<String>,
    /// (month name, month number), longest first; case-sensitive.
    pub months: Vec<(String, i8)>,
    /// (weekday name, 0 = Monday), longest first.
    pub weekdays: Vec<(String, i8)>,
    /// "yesterday" → -1.
    pub relative_days: FastMap<String, i64>,
    /// Every word (lower case) that can begin a figure: the scanner skips other words.
    pub starters: FastSet<String>,
    /// Every non-alphanumeric char that can begin a figure ("$", "~", "−").
    pub start_chars: FastSet<char>,

    // ---- Speed indexes (derived from the fields above; see `unit_index2`) ----
    /// Positions in `unit_aliases` that can match an input starting with these two bytes
    /// (key: first byte << 8 | second byte, both ASCII lower-cased), in list order. A pair no
    /// alias starts with is absent: use `unit_wild_by_first`.
    pub unit_by_first2: FastMap<u16, Vec<usize>>,
    /// Positions in `unit_aliases` by first byte (ASCII lower-cased) of the aliases whatever
    /// their second byte: one-byte aliases and those with a space second. In list order.
    pub unit_wild_by_first: Vec<Vec<usize>>,
    /// Every word of `units_words`, `tens_words`, `hundred_words`, `scales`, `fractions` and
    /// `collectives` with the `NW_*` bits of the tables holding it, and the plural ("s") of
    /// every scale and hundred word with `NW_SCALE_PLURAL`: one lookup turns away a word that
    /// is none of these.
    pub number_word_kinds: FastMap<String, u8>,
    /// `hedges_before` positions by first two bytes, like `unit_by_first2`.
    pub hedges_before_by_first2: FastMap<u16, Vec<usize>>,
    /// `hedges_before` positions by first byte whatever the second, like `unit_wild_by_first`.
    pub hedges_before_wild_by_first: Vec<Vec<usize>>,
    /// By first byte (ASCII lower-cased): whether `unit_by_first2` has a key with that first
    /// byte (when not, the two-byte lookup is skipped).
    pub unit_has_pairs: Vec<bool>,
    /// Like `unit_has_pairs`, for `hedges_before_by_first2`.
    pub hedges_before_has_pairs: Vec<bool>,
    /// Word classes (see [`word_class`]): for every ASCII word (lower case) that is a number
    /// word (its `NW_*` bits, as in `number_word_kinds`) or the first word of a table phrase
    /// (the `WC_*` bits of the tables holding such a phrase).
    pub word_classes: FastMap<Vec<u8>, u32>,
    /// The length of the longest key of `word_classes`.
    pub word_class_max: usize,
    /// The keys of `word_classes` of at most eight letters, packed (see `pack_word`).
    pub word_classes_short: PackedClasses,
    /// Positions in `unit_aliases` by the alias's first word (see `word_class`) of at most
    /// eight letters, packed: 1 + an index into `unit_word_lists`.
    pub unit_by_word: PackedClasses,
    /// See `unit_by_word`: each list in `unit_aliases` order.
    pub unit_word_lists: Vec<Vec<usize>>,
    /// Positions in `months` by first byte, ASCII lower-cased (order kept).
    pub months_by_first: Vec<Vec<usize>>,
    /// Positions in `weekdays` by first byte, ASCII lower-cased (order kept).
    pub weekdays_by_first: Vec<Vec<usize>>,
    /// By byte (ASCII lower-cased): whether a key of `relative_days` starts with it.
    pub relative_day_first: Vec<bool>,
}

/// The first word of a unit alias (see [`Tables::word_classes`]).
pub const WC_UNIT: u32 = 1 << 8;
/// The first word of a currency name.
pub const WC_CURRENCY_NAME: u32 = 1 << 9;
/// The first word of a currency prefix.
pub const WC_CURRENCY_PREFIX: u32 = 1 << 10;
/// The first word of a hedge before a number.
pub const WC_HEDGE_BEFORE: u32 = 1 << 11;
/// The first word of a hedge after a number.
pub const WC_HEDGE_AFTER: u32 = 1 << 12;
/// The first word of a vague phrase.
pub const WC_VAGUE: u32 = 1 << 13;
/// A letter suffix after digits, lower-cased ("bn"; the suffixes themselves are
/// case-sensitive).
pub const WC_SUFFIX: u32 = 1 << 14;
/// A word that can follow digits in a longer number form ("and", "over", "out", "in", "a",
/// "an": see `number::plain_digits`).
pub const WC_NUMBER_LINK: u32 = 1 << 15;
/// A word that can open a number besides the number words: "a", "an", "minus", "negative".
pub const WC_NUMBER_OPENER: u32 = 1 << 16;
/// The first word of a hedge before a number that is a phrase of its own or goes on with
/// something else than spaces and a second word ("over", "ca.").
pub const WC_HEDGE_BEFORE_SOLO: u32 = 1 << 17;
/// The second word of a hedge before a number ("than" of "more than").
pub const WC_HEDGE_BEFORE_SECOND: u32 = 1 << 18;
/// All the `NW_*` bits.
pub const WC_NUMBER_WORD: u32 = 0xff;
/// In `Tables::starters`: a figure can start with the word (the scanner's per-word test).
pub const WC_STARTER: u32 = 1 << 19;

/// The class bits (`NW_*` and `WC_*`) of the word at the start of `i`, or `None` when `i`
/// does not start with an ASCII word that can be classified this way: the caller then takes
/// its full path. `Some(0)`: no number word, and no table phrase starts with this word.
///
/// The word is the leading run of ASCII letters of `i`, when it is not empty and no
/// non-ASCII char follows it. Every table phrase starting with an ASCII letter that matches
/// `i` (ASCII case-insensitively, ending at a word boundary or before a non-letter of its
/// own) has this run, lower-cased, as its own first word: so a word whose lower case is no
/// key of [`Tables::word_classes`] starts no such phrase. Non-ASCII letters (whose lower
/// case may be ASCII) are left to the full comparisons.
#[inline]
pub fn word_class(t: &Tables, i: &str) -> Option<u32> {
    let (packed, n) = word_key(i)?;
    let w = &i.as_bytes()[..n];
    if n <= 8 {
        return Some(t.word_classes_short.get(packed));
    }
    if w.len() > t.word_class_max {
        return Some(0);
    }
    // Lower-cased on the stack; a configured alias can make longer keys.
    let mut buf = [0u8; 64];
    let long;
    let key: &[u8] = match buf.get_mut(..w.len()) {
        Some(key) => {
            key.copy_from_slice(w);
            key.make_ascii_lowercase();
            key
        }
        None => {
            long = w.to_ascii_lowercase();
            &long
        }
    };
    Some(t.word_classes.get(key).copied().unwrap_or(0))
}

/// The word `word_class` classifies at the start of `i`: its first eight letters packed (see
/// `pack_word`) and its length, or `None` (see `word_class`).
#[inline]
pub fn word_key(i: &str) -> Option<(u64, usize)> {
    // The leading ASCII letters, packed as `pack_word` does while they are counted.
    let b = i.as_bytes();
    let mut n = 0;
    let mut packed = 0u64;
    while let Some(&c) = b.get(n) {
        if !c.is_ascii_alphabetic() {
            break;
        }
        if n < 8 {
            packed |= u64::from(c | 0x20) << (8 * n);
        }
        n += 1;
    }
    if n == 0 || b.get(n).is_some_and(|&c| c >= 0x80) {
        return None;
    }
    Some((packed, n))
}

/// Up to eight ASCII letters, lower-cased, packed into a `u64` (first letter in the low
/// byte; a shorter word leaves zero bytes, which no letter is).
#[inline]
fn pack_word(w: &[u8]) -> u64 {
    w.iter().take(8).enumerate().fold(0, |k, (j, &c)| {
        k | u64::from(c.to_ascii_lowercase()) << (8 * j)
    })
}

/// Class bits by packed word (`Tables::word_classes_short`): an open-addressing table at
/// most a quarter full, probed linearly from a multiplicative hash. A packed word is never
/// 0, which marks an empty slot.
#[derive(Debug, Default)]
pub struct PackedClasses {
    /// (packed word, class bits); a power of two long.
    slots: Vec<(u64, u32)>,
    /// 64 minus the log2 of `slots.len()`.
    shift: u32,
}

impl PackedClasses {
    fn new(entries: &[(u64, u32)]) -> PackedClasses {
        let len = (entries.len() * 4).next_power_of_two().max(16);
        let mut t = PackedClasses {
            slots: vec![(0, 0); len],
            shift: 64 - len.trailing_zeros(),
        };
        for &(k, v) in entries {
            let mut at = t.home(k);
            while t.slots[at].0 != 0 && t.slots[at].0 != k {
                at = (at + 1) & (len - 1);
            }
            t.slots[at] = (k, v);
        }
        t
    }

    #[inline]
    fn home(&self, k: u64) -> usize {
        usize::try_from(k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift).unwrap_or(0)
    }

    /// The class bits of packed word `k` (0 when absent).
    #[inline]
    pub fn get(&self, k: u64) -> u32 {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = self.home(k);
        while let Some(&(key, v)) = self.slots.get(at) {
            if key == k {
                return v;
            }
            if key == 0 {
                return 0;
            }
            at = (at + 1) & mask;
        }
        0
    }
}

/// Builds `Tables::word_classes`.
fn word_classes(t: &Tables) -> FastMap<Vec<u8>, u32> {
    let mut out: FastMap<Vec<u8>, u32> = FastMap::default();
    // Number words as `number_word_kinds` has them: all lower-case ASCII letters (others are
    // never looked up by an ASCII word), so the `NW_*` bits here are exactly that map's.
    for (w, k) in &t.number_word_kinds {
        if !w.is_empty() && w.bytes().all(|c| c.is_ascii_lowercase()) {
            *out.entry(w.as_bytes().to_vec()).or_insert(0) |= u32::from(*k);
        }
    }
    let mut add = |p: &str, bit: u32| {
        let b = p.as_bytes();
        let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        if n > 0 {
            *out.entry(b[..n].to_ascii_lowercase()).or_insert(0) |= bit;
        }
    };
    t.unit_aliases.iter().for_each(|a| add(&a.0, WC_UNIT));
    t.currency_names
        .iter()
        .for_each(|a| add(&a.0, WC_CURRENCY_NAME));
    t.currency_prefixes
        .iter()
        .for_each(|a| add(&a.0, WC_CURRENCY_PREFIX));
    t.hedges_before
        .iter()
        .for_each(|a| add(&a.0, WC_HEDGE_BEFORE));
    // Hedges' second words: after the first word, spaces and then letters.
    for (p, _) in &t.hedges_before {
        let b = p.as_bytes();
        let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        if n == 0 {
            continue;
        }
        let spaces = b[n..].iter().take_while(|&&c| c == b' ').count();
        let second = &b[n + spaces..];
        let m = second
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if spaces > 0 && m > 0 {
            add(&p[n + spaces..], WC_HEDGE_BEFORE_SECOND);
        } else {
            add(p, WC_HEDGE_BEFORE_SOLO);
        }
    }
    t.hedges_after
        .iter()
        .for_each(|a| add(&a.0, WC_HEDGE_AFTER));
    t.vague.iter().for_each(|a| add(&a.0, WC_VAGUE));
    t.suffixes.iter().for_each(|a| add(&a.0, WC_SUFFIX));
    ["and", "over", "out", "in", "a", "an"]
        .iter()
        .for_each(|w| add(w, WC_NUMBER_LINK));
    ["a", "an", "minus", "negative"]
        .iter()
        .for_each(|w| add(w, WC_NUMBER_OPENER));
    // Whole words only: a starter with other letters is never looked up by an ASCII word.
    t.starters
        .iter()
        .filter(|w| w.bytes().all(|c| c.is_ascii_lowercase()))
        .for_each(|w| add(w, WC_STARTER));
    out
}

/// In `units_words` (see `Tables::number_word_kinds`).
pub const NW_UNIT: u8 = 1;
/// In `tens_words`.
pub const NW_TENS: u8 = 2;
/// In `hundred_words`.
pub const NW_HUNDRED: u8 = 4;
/// In `scales`.
pub const NW_SCALE: u8 = 8;
/// In `fractions`.
pub const NW_FRACTION: u8 = 16;
/// In `collectives`.
pub const NW_COLLECTIVE: u8 = 32;
/// A scale or hundred word with "s" added (it may be in no table itself).
pub const NW_SCALE_PLURAL: u8 = 64;

/// The built-in tables, parsed on first use.
static DEFAULT: LazyLock<Tables> =
    LazyLock::new(|| load().unwrap_or_else(|e| panic!("grammar tables are invalid: {e}")));

/// The tables the grammar reads: the built-in ones, or the ones with a configuration's
/// extras while a [`TablesGuard`] is alive on this thread (see [`Extras`] and
/// `grammar::Grammar`). Productions read `TABLES.field`; it dereferences to the current set.
pub static TABLES: CurrentTables = CurrentTables;

/// The type of [`TABLES`].
#[derive(Debug, Clone, Copy)]
pub struct CurrentTables;

thread_local! {
    static CURRENT: std::cell::Cell<Option<&'static Tables>> = const { std::cell::Cell::new(None) };
}

impl std::ops::Deref for CurrentTables {
    type Target = Tables;
    fn deref(&self) -> &Tables {
        current()
    }
}

/// The tables in effect on this thread.
pub fn current() -> &'static Tables {
    CURRENT
        .with(std::cell::Cell::get)
        .unwrap_or_else(|| &*DEFAULT)
}

/// The built-in tables.
pub fn builtin() -> &'static Tables {
    &DEFAULT
}

/// Makes `tables` the current set on this thread until dropped (then the previous set
/// returns). Guards nest.
#[derive(Debug)]
pub struct TablesGuard {
    previous: Option<&'static Tables>,
}

impl TablesGuard {
    /// Enters `tables`.
    pub fn enter(tables: &'static Tables) -> TablesGuard {
        TablesGuard {
            previous: CURRENT.with(|c| c.replace(Some(tables))),
        }
    }
}

impl Drop for TablesGuard {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.previous));
    }
}

/// One `[units]` entry of a configuration: another name for a unit the grammar has
/// (`klicks = "km"`), or a unit of its own
/// (`furlong = { dimension = "length", factor = "201.168", aliases = ["furlongs"] }`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum UnitExtra {
    /// The canonical symbol of a unit in `grammar/units.toml`.
    Alias(String),
    /// A new unit; the entry's key is its symbol.
    Unit(NewUnit),
}

/// A unit defined by a configuration: the key of its `[units]` entry is its symbol.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUnit {
    /// What it measures: a dimension name (`length`, `mass`, `area`, `volume`, `speed`,
    /// `temperature`, `duration`...).
    pub dimension: String,
    /// How many base units one of it is (`"201.168"` metres, or a fraction `"5/9"`), as a
    /// string so it stays exact.
    pub factor: String,
    /// Added after the factor (temperatures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
    /// Other names and plurals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl<'de> Deserialize<'de> for UnitExtra {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = UnitExtra;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a unit symbol such as \"km\", or a table { dimension, factor, offset, aliases }",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<UnitExtra, E> {
                Ok(UnitExtra::Alias(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, m: A) -> Result<UnitExtra, A::Error> {
                NewUnit::deserialize(serde::de::value::MapAccessDeserializer::new(m))
                    .map(UnitExtra::Unit)
            }
        }
        d.deserialize_any(V)
    }
}

impl From<&str> for UnitExtra {
    fn from(symbol: &str) -> Self {
        UnitExtra::Alias(symbol.to_string())
    }
}

/// What a configuration adds to the built-in tables (`figcheck.toml` `[units]` and `[roles]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Extras {
    /// Extra units and unit aliases, by name. An alias written with a capital letter matches
    /// case-sensitively ("Mt"), others in any case.
    pub units: BTreeMap<String, UnitExtra>,
    /// Extra role words: role → words or phrases ("evacuated" → ["evacuated", "moved out"]).
    pub roles: BTreeMap<String, Vec<String>>,
}

impl Extras {
    /// Nothing added.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.roles.is_empty()
    }
}

/// The tables with `extras`, built once per distinct set of extras and kept for the life of
/// the process (a run sees a handful of configurations at most), so they can be entered as
/// `&'static`. Errors name the extra that cannot be applied.
pub fn with_extras(extras: &Extras) -> Result<&'static Tables, String> {
    if extras.is_empty() {
        return Ok(builtin());
    }
    static BUILT: std::sync::Mutex<Vec<(Extras, &'static Tables)>> =
        std::sync::Mutex::new(Vec::new());
    let mut built = BUILT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, t)) = built.iter().find(|(e, _)| e == extras) {
        return Ok(t);
    }
    let t: &'static Tables = Box::leak(Box::new(load_with(extras)?));
    built.push((extras.clone(), t));
    Ok(t)
}

/// Parses a decimal written as `"1.5"` or a fraction `"5/9"`.
pub fn parse_decimal(s: &str) -> Result<Decimal, String> {
    if let Some((a, b)) = s.split_once('/') {
        let a = Decimal::from_str(a.trim()).map_err(|e| format!("{s}: {e}"))?;
        let b = Decimal::from_str(b.trim()).map_err(|e| format!("{s}: {e}"))?;
        if b.is_zero() {
            return Err(format!("{s}: division by zero"));
        }
        return Ok(a / b);
    }
    Decimal::from_str(s.trim()).map_err(|e| format!("{s}: {e}"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    unit: Vec<UnitRow>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitRow {
    symbol: String,
    dimension: String,
    factor: String,
    #[serde(default)]
    offset: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    exact: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrenciesFile {
    currency: Vec<CurrencyRow>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyRow {
    code: String,
    #[serde(default)]
    prefix: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    minor: Vec<String>,
    #[serde(default)]
    loose: bool,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    units: BTreeMap<String, u32>,
    tens: BTreeMap<String, u32>,
    hundred: BTreeMap<String, u32>,
    scales: BTreeMap<String, String>,
    suffixes: BTreeMap<String, String>,
    collectives: BTreeMap<String, u32>,
    fractions: BTreeMap<String, u64>,
    ordinals: OrdinalsRow,
    keywords: WordsRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrdinalsRow {
    words: Vec<String>,
    #[allow(dead_code)]
    suffixes: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueFile {
    vague: Vec<VagueRow>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueRow {
    words: Vec<String>,
    low: u64,
    #[serde(default)]
    high: Option<u64>,
    #[serde(default)]
    of_scale: bool,
    #[serde(default)]
    #[allow(dead_code)]
    scale: Option<u64>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HedgesFile {
    before: BTreeMap<String, Vec<String>>,
    after: BTreeMap<String, Vec<String>>,
    widen: BTreeMap<String, String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesFile {
    roles: BTreeMap<String, Vec<String>>,
    direction: DirectionRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectionRow {
    up: Vec<String>,
    down: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DesignationsFile {
    designators: WordsRow,
    context: ContextRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsRow {
    words: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextRow {
    phone: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NounsFile {
    noun: Vec<NounRow>,
    stop: StopRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NounRow {
    lemma: String,
    forms: Vec<String>,
    #[serde(default)]
    event: bool,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StopRow {
    words: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesFile {
    months: BTreeMap<String, Vec<String>>,
    weekdays: BTreeMap<String, Vec<String>>,
    relative: BTreeMap<String, i64>,
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str) -> Result<T, String> {
    toml::from_str(source(name)).map_err(|e| format!("grammar/{name}: {e}"))
}

fn longest_first<T>(v: &mut [(String, T)]) {
    v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
}

/// The keywords that begin a production ("minus 4", "between 3 and 5", "aged 87", "another
/// week"); connectives such as "and" or "to" never begin one.
pub const STARTER_KEYWORDS: &[&str] = &[
    "minus", "negative", "between", "age", "aged", "another", "full", "whole", "couple", "a", "an",
    "all", "percent", "percents", "per",
];

/// Parses and cross-checks every table.
pub fn load() -> Result<Tables, String> {
    load_with(&Extras::default())
}

/// Words of a phrase, lower-cased, joined by single spaces.
fn normalise_phrase(p: &str) -> String {
    p.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`load`] plus a configuration's extras.
pub fn load_with(extras: &Extras) -> Result<Tables, String> {
    let uf: UnitsFile = parse("units.toml")?;
    let mut units = Vec::new();
    let mut unit_aliases = Vec::new();
    for (i, u) in uf.unit.iter().enumerate() {
        let dimension = Dimension::parse(&u.dimension).ok_or_else(|| {
            format!(
                "grammar/units.toml: unit {}: unknown dimension {}",
                u.symbol, u.dimension
            )
        })?;
        let factor = parse_decimal(&u.factor)
            .map_err(|e| format!("grammar/units.toml: unit {}: {e}", u.symbol))?;
        if factor.is_zero() {
            return Err(format!(
                "grammar/units.toml: unit {}: factor is zero",
                u.symbol
            ));
        }
        let offset = match &u.offset {
            Some(o) => parse_decimal(o)
                .map_err(|e| format!("grammar/units.toml: unit {}: {e}", u.symbol))?,
            None => Decimal::ZERO,
        };
        units.push(Unit {
            symbol: u.symbol.clone(),
            dimension,
            factor,
            offset,
        });
        for a in &u.aliases {
            unit_aliases.push((a.to_lowercase(), i, false));
        }
        for a in &u.exact {
            unit_aliases.push((a.clone(), i, true));
        }
    }
    let mut push_alias = |alias: &str, i: usize| -> Result<(), String> {
        let alias = alias.split_whitespace().collect::<Vec<_>>().join(" ");
        if alias.is_empty() {
            return Err("[units]: an empty alias".to_string());
        }
        let exact = alias.chars().any(char::is_uppercase);
        let alias = if exact { alias } else { alias.to_lowercase() };
        unit_aliases.push((alias, i, exact));
        Ok(())
    };
    for (name, extra) in &extras.units {
        match extra {
            UnitExtra::Alias(symbol) => {
                let i = units.iter().position(|u| u.symbol == *symbol).ok_or_else(|| {
                    format!(
                        "[units] {name:?} = {symbol:?}: unknown unit {symbol:?} (use a canonical symbol such as \"km\", \"lb\", \"°C\", or define the unit with dimension and factor)"
                    )
                })?;
                push_alias(name, i)?;
            }
            UnitExtra::Unit(u) => {
                let at = |e: String| format!("[units] {name}: {e}");
                if units.iter().any(|x| x.symbol == *name) {
                    return Err(at(format!(
                        "the grammar already has the unit {name:?}; give another name, or an alias (\"other = {name:?}\")"
                    )));
                }
                let dimension = Dimension::parse(&u.dimension)
                    .filter(|d| !matches!(d, Dimension::Count | Dimension::Date | Dimension::Time))
                    .ok_or_else(|| {
                        at(format!("unknown or unit-less dimension {:?}", u.dimension))
                    })?;
                let factor = parse_decimal(&u.factor).map_err(at)?;
                if factor.is_zero() {
                    return Err(at("factor is zero".to_string()));
                }
                let offset = match &u.offset {
                    Some(o) => parse_decimal(o).map_err(at)?,
                    None => Decimal::ZERO,
                };
                units.push(Unit {
                    symbol: name.clone(),
                    dimension,
                    factor,
                    offset,
                });
                let i = units.len() - 1;
                push_alias(name, i)?;
                for a in &u.aliases {
                    push_alias(a, i)?;
                }
            }
        }
    }
    unit_aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    let mut unit_by_first = vec![Vec::new(); 256];
    for (k, (alias, _, _)) in unit_aliases.iter().enumerate() {
        if let Some(b) = alias.bytes().next() {
            unit_by_first[usize::from(b.to_ascii_lowercase())].push(k);
        }
    }

    let cf: CurrenciesFile = parse("currencies.toml")?;
    let mut currencies = Vec::new();
    let mut currency_prefixes = Vec::new();
    let mut currency_names = Vec::new();
    for (i, c) in cf.currency.iter().enumerate() {
        currencies.push(Currency {
            code: c.code.clone(),
            loose: c.loose,
        });
        for p in &c.prefix {
            currency_prefixes.push((p.clone(), i));
        }
        // A code written first stands with a million prefix too ("MAUD 60", as "30 MUSD"
        // after the number): `quantity::money_prefixed` scales it.
        if c.prefix.contains(&c.code) {
            currency_prefixes.push((format!("M{}", c.code), i));
        }
        for n in &c.names {
            currency_names.push((n.to_lowercase(), i, false));
        }
        for n in &c.minor {
            currency_names.push((n.to_lowercase(), i, true));
        }
    }
    longest_first(&mut currency_prefixes);
    currency_names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));

    let nf: NumbersFile = parse("numbers.toml")?;
    let dec =
        |k: &str, v: &str| parse_decimal(v).map_err(|e| format!("grammar/numbers.toml: {k}: {e}"));
    let mut scales = FastMap::default();
    for (k, v) in &nf.scales {
        scales.insert(k.clone(), dec(k, v)?);
    }
    let mut suffixes = Vec::new();
    for (k, v) in &nf.suffixes {
        suffixes.push((k.clone(), dec(k, v)?));
    }
    longest_first(&mut suffixes);

    let vf: VagueFile = parse("vague.toml")?;
    let mut vague = Vec::new();
    for row in &vf.vague {
        if let Some(h) = row.high
            && h < row.low
        {
            return Err(format!(
                "grammar/vague.toml: {:?}: high {h} is below low {}",
                row.words, row.low
            ));
        }
        for w in &row.words {
            vague.push((
                w.to_lowercase(),
                Vague {
                    low: Decimal::from(row.low),
                    high: row.high.map(Decimal::from),
                    of_scale: row.of_scale,
                },
            ));
        }
    }
    longest_first(&mut vague);

    let hf: HedgesFile = parse("hedges.toml")?;
    let hedge_list =
        |m: &BTreeMap<String, Vec<String>>| -> Result<Vec<(String, HedgeKind)>, String> {
            let mut out = Vec::new();
            for (k, words) in m {
                let kind = HedgeKind::parse(k)
                    .ok_or_else(|| format!("grammar/hedges.toml: unknown hedge kind {k}"))?;
                for w in words {
                    out.push((w.to_lowercase(), kind));
                }
            }
            longest_first(&mut out);
            Ok(out)
        };
    let hedges_before = hedge_list(&hf.before)?;
    let hedges_after = hedge_list(&hf.after)?;
    let widen = |k: &str| -> Result<Decimal, String> {
        hf.widen
            .get(k)
            .map(|v| parse_decimal(v))
            .transpose()?
            .ok_or_else(|| format!("grammar/hedges.toml: widen.{k} is missing"))
    };
    let widen_approx = widen("approx")?;
    let widen_almost = widen("almost")?;

    let rf: RolesFile = parse("roles.toml")?;
    let mut roles = Vec::new();
    for (role, words) in &rf.roles {
        for w in words {
            roles.push((w.to_lowercase(), role.clone()));
        }
    }
    for (role, words) in &extras.roles {
        let role = role.trim();
        if role.is_empty() || words.is_empty() {
            return Err(format!(
                "[roles] {role:?}: needs a role name and a list of words"
            ));
        }
        for w in words {
            let w = normalise_phrase(w);
            if w.is_empty()
                || !w
                    .chars()
                    .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'')
            {
                return Err(format!(
                    "[roles] {role}: {w:?} is not a word or phrase (letters, spaces, hyphens)"
                ));
            }
            // A configured word takes the role from the built-in table's reading.
            roles.retain(|(p, _)| *p != w);
            roles.push((w, role.to_string()));
        }
    }
    longest_first(&mut roles);

    let direction_up = rf.direction.up.iter().map(|w| w.to_lowercase()).collect();
    let direction_down = rf.direction.down.iter().map(|w| w.to_lowercase()).collect();
    let dsf: DesignationsFile = parse("designations.toml")?;
    let (exact, loose): (Vec<&String>, Vec<&String>) = dsf
        .designators
        .words
        .iter()
        .partition(|w| w.chars().any(char::is_uppercase));
    let designators = loose.into_iter().cloned().collect();
    let designators_exact = exact.into_iter().cloned().collect();
    let phone_words = dsf.context.phone.iter().map(|w| w.to_lowercase()).collect();

    let nnf: NounsFile = parse("nouns.toml")?;
    let mut noun_forms = FastMap::default();
    let mut noun_phrases = Vec::new();
    let mut event_nouns = FastSet::default();
    for n in &nnf.noun {
        for f in &n.forms {
            let f = f.to_lowercase();
            if f.contains(' ') {
                noun_phrases.push((f.clone(), n.lemma.clone()));
            }
            noun_forms.insert(f, n.lemma.clone());
        }
        if n.event {
            event_nouns.insert(n.lemma.clone());
        }
    }
    longest_first(&mut noun_phrases);

    let df: DatesFile = parse("dates.toml")?;
    let month_names = [
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
    ];
    let mut months = Vec::new();
    for (k, names) in &df.months {
        let m = month_names
            .iter()
            .position(|n| n == k)
            .ok_or_else(|| format!("grammar/dates.toml: unknown month {k}"))? as i8
            + 1;
        for n in names {
            months.push((n.clone(), m));
        }
    }
    longest_first(&mut months);
    let day_names = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let mut weekdays = Vec::new();
    for (k, names) in &df.weekdays {
        let d = day_names
            .iter()
            .position(|n| n == k)
            .ok_or_else(|| format!("grammar/dates.toml: unknown weekday {k}"))?
            as i8;
        for n in names {
            weekdays.push((n.clone(), d));
        }
    }
    longest_first(&mut weekdays);

    // The words and chars a production can start with (see `Tables::starters`).
    let mut starters: FastSet<String> = FastSet::default();
    let mut start_chars: FastSet<char> = "-−–+.½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞".chars().collect();
    let add_phrase = |p: &str, starters: &mut FastSet<String>, chars: &mut FastSet<char>| {
        let Some(c) = p.chars().next() else { return };
        if c.is_alphabetic() {
            let w: String = p.chars().take_while(|c| c.is_alphabetic()).collect();
            starters.insert(w.to_lowercase());
        } else if !c.is_ascii_digit() {
            chars.insert(c);
        }
    };
    let number_words = nf
        .units
        .keys()
        .chain(nf.tens.keys())
        .chain(nf.hundred.keys())
        .chain(nf.scales.keys())
        .chain(nf.collectives.keys())
        .chain(nf.fractions.keys())
        .chain(
            nf.keywords
                .words
                .iter()
                .filter(|w| STARTER_KEYWORDS.contains(&w.as_str())),
        );
    for w in number_words {
        add_phrase(w, &mut starters, &mut start_chars);
    }
    let phrases = vague
        .iter()
        .map(|(p, _)| p)
        .chain(hedges_before.iter().map(|(p, _)| p))
        .chain(currency_prefixes.iter().map(|(p, _)| p))
        .chain(months.iter().map(|(p, _)| p))
        .chain(weekdays.iter().map(|(p, _)| p))
        .chain(df.relative.keys());
    for p in phrases {
        add_phrase(p, &mut starters, &mut start_chars);
    }
    let (unit_by_first2, unit_wild_by_first) = pair_index(
        &unit_aliases
            .iter()
            .map(|a| a.0.as_str())
            .collect::<Vec<_>>(),
        &unit_by_first,
    );
    let hedge_phrases: Vec<&str> = hedges_before.iter().map(|h| h.0.as_str()).collect();
    let (hedges_before_by_first2, hedges_before_wild_by_first) =
        pair_index(&hedge_phrases, &by_first(hedge_phrases.iter().copied()));
    let mut relative_day_first = vec![false; 256];
    for k in df.relative.keys() {
        if let Some(b) = k.bytes().next() {
            relative_day_first[usize::from(b.to_ascii_lowercase())] = true;
        }
    }
    let unit_has_pairs = has_pairs(&unit_by_first2);
    let hedges_before_has_pairs = has_pairs(&hedges_before_by_first2);
    let mut tables = Tables {
        currency_prefix_by_first: by_first(currency_prefixes.iter().map(|e| e.0.as_str())),
        currency_name_by_first: by_first(currency_names.iter().map(|e| e.0.as_str())),
        role_by_first: by_first(roles.iter().map(|e| e.0.as_str())),
        // Context-pass role lookups (see the fields' docs).
        role_phrase_set: roles.iter().map(|e| e.0.clone()).collect(),
        roles_by_first_word: roles_by_first_word(&roles),
        role_first_word_shapes: role_first_word_shapes(&roles),
        vague_by_first: by_first(vague.iter().map(|e| e.0.as_str())),
        hedges_before_by_first: by_first(hedges_before.iter().map(|e| e.0.as_str())),
        hedges_after_by_first: by_first(hedges_after.iter().map(|e| e.0.as_str())),
        units,
        unit_aliases,
        unit_by_first,
        currencies,
        currency_prefixes,
        currency_names,
        units_words: nf.units.into_iter().collect(),
        tens_words: nf.tens.into_iter().collect(),
        hundred_words: nf.hundred.into_iter().collect(),
        scales,
        suffixes,
        collectives: nf.collectives.into_iter().collect(),
        fractions: nf
            .fractions
            .into_iter()
            .map(|(k, v)| (k, Decimal::from(v)))
            .collect(),
        ordinals: nf.ordinals.words.into_iter().collect(),
        keywords: nf.keywords.words.into_iter().collect(),
        vague,
        hedges_before,
        hedges_after,
        widen_approx,
        widen_almost,
        roles,
        direction_up,
        direction_down,
        designators,
        designators_exact,
        phone_words,
        noun_forms,
        noun_phrases,
        event_nouns,
        stop_words: nnf
            .stop
            .words
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect(),
        relative_days: df.relative.into_iter().collect(),
        starters,
        start_chars,
        unit_by_first2,
        unit_wild_by_first,
        number_word_kinds: FastMap::default(),
        unit_has_pairs,
        hedges_before_has_pairs,
        hedges_before_by_first2,
        hedges_before_wild_by_first,
        word_classes: FastMap::default(),
        word_class_max: 0,
        word_classes_short: PackedClasses::default(),
        unit_by_word: PackedClasses::default(),
        unit_word_lists: Vec::new(),
        months_by_first: by_first(months.iter().map(|e| e.0.as_str())),
        weekdays_by_first: by_first(weekdays.iter().map(|e| e.0.as_str())),
        relative_day_first,
        months,
        weekdays,
        context: ContextIndex::default(),
    };
    tables.context = ContextIndex::new(&tables);
    Ok(tables).map(|mut t| {
        t.number_word_kinds = number_word_kinds(&t);
        t.word_classes = word_classes(&t);
        t.word_class_max = t.word_classes.keys().map(Vec::len).max().unwrap_or(0);
        t.word_classes_short = PackedClasses::new(
            &t.word_classes
                .iter()
                .filter(|(k, _)| k.len() <= 8)
                .map(|(k, v)| (pack_word(k), *v))
                .collect::<Vec<_>>(),
        );
        let mut lists: FastMap<u64, usize> = FastMap::default();
        for (k, (alias, _, _)) in t.unit_aliases.iter().enumerate() {
            let b = alias.as_bytes();
            let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            if n == 0 || n > 8 {
                continue;
            }
            let next = t.unit_word_lists.len();
            let at = *lists.entry(pack_word(&b[..n])).or_insert(next);
            if at == next {
                t.unit_word_lists.push(Vec::new());
            }
            t.unit_word_lists[at].push(k);
        }
        t.unit_by_word = PackedClasses::new(
            &lists
                .iter()
                .map(|(k, at)| (*k, u32::try_from(*at + 1).unwrap_or(0)))
                .collect::<Vec<_>>(),
        );
        t
    })
}

/// Builds `Tables::number_word_kinds`.
fn number_word_kinds(t: &Tables) -> FastMap<String, u8> {
    let mut out: FastMap<String, u8> = FastMap::default();
    let mut add = |w: &str, bit: u8| *out.entry(w.to_string()).or_insert(0) |= bit;
    t.units_words.keys().for_each(|w| add(w, NW_UNIT));
    t.tens_words.keys().for_each(|w| add(w, NW_TENS));
    t.hundred_words.keys().for_each(|w| add(w, NW_HUNDRED));
    t.scales.keys().for_each(|w| add(w, NW_SCALE));
    t.fractions.keys().for_each(|w| add(w, NW_FRACTION));
    t.collectives.keys().for_each(|w| add(w, NW_COLLECTIVE));
    for w in t.scales.keys().chain(t.hundred_words.keys()) {
        add(&format!("{w}s"), NW_SCALE_PLURAL);
    }
    out
}

/// Whether an alias can match whatever byte follows its first (one byte long, or a space
/// second, which matches any run of spaces).
fn wild_second(alias: &str) -> bool {
    alias.as_bytes().get(1).is_none_or(|&b| b == b' ')
}

/// Builds a two-byte index (`Tables::unit_by_first2`, `Tables::unit_wild_by_first`) from a
/// first-byte index of `phrases`: a phrase whose second byte (ASCII lower-cased) differs from
/// the input's cannot match it (`phrase_ci` compares ASCII case-insensitively and other bytes
/// exactly; exact phrases compare exactly), so only the others are listed, in the same order.
fn pair_index(
    phrases: &[&str],
    by_first: &[Vec<usize>],
) -> (FastMap<u16, Vec<usize>>, Vec<Vec<usize>>) {
    let mut pairs: FastMap<u16, Vec<usize>> = FastMap::default();
    let mut wild = vec![Vec::new(); 256];
    for (b0, list) in by_first.iter().enumerate() {
        let b0 = u16::try_from(b0).unwrap_or(0);
        let mut seconds: Vec<u8> = list
            .iter()
            .filter(|&&k| !wild_second(phrases[k]))
            .map(|&k| phrases[k].as_bytes()[1].to_ascii_lowercase())
            .collect();
        seconds.sort_unstable();
        seconds.dedup();
        for b1 in seconds {
            let cands = list
                .iter()
                .copied()
                .filter(|&k| {
                    let a = phrases[k];
                    wild_second(a) || a.as_bytes()[1].to_ascii_lowercase() == b1
                })
                .collect();
            pairs.insert(b0 << 8 | u16::from(b1), cands);
        }
        wild[usize::from(b0)] = list
            .iter()
            .copied()
            .filter(|&k| wild_second(phrases[k]))
            .collect();
    }
    (pairs, wild)
}

/// `Tables::unit_has_pairs` of a two-byte index.
fn has_pairs(pairs: &FastMap<u16, Vec<usize>>) -> Vec<bool> {
    let mut out = vec![false; 256];
    for k in pairs.keys() {
        out[usize::from(k >> 8)] = true;
    }
    out
}

/// Positions of the phrases by their first byte, ASCII lower-cased, in list order: the
/// entries `text::first_byte_ci` lets through for an input starting with that byte.
fn by_first<'a>(phrases: impl Iterator<Item = &'a str>) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); 256];
    for (k, p) in phrases.enumerate() {
        if let Some(b) = p.bytes().next() {
            out[usize::from(b.to_ascii_lowercase())].push(k);
        }
    }
    out
}

/// `Tables::roles_by_first_word`: each role entry under its phrase's first word (the phrase
/// split on `' '`, as the scanner matches it word by word), in list order.
fn roles_by_first_word(roles: &[(String, String)]) -> FastMap<String, Vec<(usize, Vec<String>)>> {
    let mut out: FastMap<String, Vec<(usize, Vec<String>)>> = FastMap::default();
    for (k, (phrase, _)) in roles.iter().enumerate() {
        let mut parts = phrase.split(' ').map(str::to_string);
        let first = parts.next().unwrap_or_default();
        out.entry(first).or_default().push((k, parts.collect()));
    }
    out
}

/// `Tables::role_first_word_shapes`: for each first byte, the length classes (bit
/// `min(len, 31)`) of the role phrases' first words starting with it.
fn role_first_word_shapes(roles: &[(String, String)]) -> Vec<u32> {
    let mut out = vec![0u32; 256];
    for (phrase, _) in roles {
        let first = phrase.split(' ').next().unwrap_or_default();
        if let Some(&b) = first.as_bytes().first() {
            out[usize::from(b)] |= 1 << first.len().min(31);
        }
    }
    out
}

impl Tables {
    /// The unit with this canonical symbol.
    pub fn unit(&self, symbol: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.symbol == symbol)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::{date, number, quantity, scan, text};

    /// Every word (lower case, letters only) in every table: keys and string values.
    fn table_words() -> HashSet<String> {
        fn add(s: &str, out: &mut HashSet<String>) {
            for w in s.split(|c: char| !c.is_alphabetic()) {
                if !w.is_empty() {
                    out.insert(w.to_lowercase());
                }
            }
        }
        fn walk(v: &toml::Value, out: &mut HashSet<String>) {
            match v {
                toml::Value::String(s) => add(s, out),
                toml::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                toml::Value::Table(t) => {
                    for (k, x) in t {
                        add(k, out);
                        walk(x, out);
                    }
                }
                _ => {}
            }
        }
        let mut out = HashSet::new();
        for (name, src) in SOURCES {
            let v: toml::Value =
                toml::from_str(src).unwrap_or_else(|e| panic!("grammar/{name}: {e}"));
            walk(&v, &mut out);
        }
        out
    }

    /// Punctuation and symbols allowed in quoted EBNF terminals and code literals.
    const PUNCT: &str = "-−–—~+.,/:^()[]°×½⅓⅔¼¾⅛ ";

    fn check_literal(lit: &str, words: &HashSet<String>, what: &str) -> Result<(), String> {
        for w in lit.split(|c: char| !c.is_alphabetic()) {
            if !w.is_empty() && !words.contains(&w.to_lowercase()) {
                return Err(format!("{what}: word {w:?} of {lit:?} is in no table"));
            }
        }
        for c in lit.chars().filter(|c| !c.is_alphanumeric()) {
            if !PUNCT.contains(c) {
                return Err(format!("{what}: {c:?} of {lit:?} is not a listed terminal"));
            }
        }
        Ok(())
    }

    /// The functions the EBNF may name. Each entry takes the function's address, so renaming
    /// or removing a function breaks this list at compile time.
    fn known_functions() -> Vec<&'static str> {
        macro_rules! known {
            ($($name:literal => $f:path),* $(,)?) => {
                vec![$({
                    let _ = $f;
                    $name
                }),*]
            };
        }
        known![
            "grammar::scan::scan" => scan::scan,
            "grammar::scan::try_at" => scan::try_at,
            "grammar::scan::is_designation" => scan::is_designation,
            "grammar::scan::article_event" => scan::article_event,
            "grammar::text::ws" => text::ws,
            "grammar::text::word" => text::word,
            "grammar::number::number" => number::number,
            "grammar::number::sign" => number::sign,
            "grammar::number::unsigned_digits" => number::unsigned_digits,
            "grammar::number::digit_number" => number::digit_number,
            "grammar::number::scale_after_digits" => number::scale_after_digits,
            "grammar::number::scale_word" => number::scale_word,
            "grammar::number::word_number" => number::word_number,
            "grammar::number::word_number_parts" => number::word_number_parts,
            "grammar::number::word_number_signed" => number::word_number_signed,
            "grammar::number::collective" => number::collective,
            "grammar::number::vulgar" => number::vulgar,
            "grammar::number::fraction" => number::fraction,
            "grammar::number::signed_fraction" => number::signed_fraction,
            "grammar::number::fraction_tail" => number::fraction_tail,
            "grammar::number::fraction_sep" => number::fraction_sep,
            "grammar::number::fraction_word" => number::fraction_word,
            "grammar::number::fraction_scale" => number::fraction_scale,
            "grammar::quantity::quantity" => quantity::quantity,
            "grammar::quantity::amount" => quantity::amount,
            "grammar::quantity::measure" => quantity::measure,
            "grammar::quantity::compound_units" => quantity::compound_units,
            "grammar::quantity::cents_after" => quantity::cents_after,
            "grammar::quantity::unit" => quantity::unit,
            "grammar::quantity::currency_name" => quantity::currency_name,
            "grammar::quantity::money_prefixed" => quantity::money_prefixed,
            "grammar::quantity::age_prefixed" => quantity::age_prefixed,
            "grammar::quantity::article_unit" => quantity::article_unit,
            "grammar::quantity::vague" => quantity::vague,
            "grammar::quantity::hedge_before" => quantity::hedge_before,
            "grammar::quantity::hedge_after" => quantity::hedge_after,
            "grammar::quantity::hedged" => quantity::hedged,
            "grammar::quantity::range_sep" => quantity::range_sep,
            "grammar::quantity::range_plain" => quantity::range_plain,
            "grammar::quantity::range_between" => quantity::range_between,
            "grammar::quantity::percent_of" => quantity::percent_of,
            "grammar::date::date" => date::date,
            "grammar::date::month" => date::month,
            "grammar::date::weekday_date" => date::weekday_date,
            "grammar::date::relative_day" => date::relative_day,
            "grammar::date::bare_month" => date::bare_month,
            "grammar::date::clock" => date::clock,
        ]
    }

    fn extras(units: &[(&str, &str)], roles: &[(&str, &[&str])]) -> Extras {
        Extras {
            units: units
                .iter()
                .map(|(a, b)| (a.to_string(), UnitExtra::from(*b)))
                .collect(),
            roles: roles
                .iter()
                .map(|(r, ws)| (r.to_string(), ws.iter().map(|w| w.to_string()).collect()))
                .collect(),
        }
    }

    #[test]
    fn extras_extend_the_tables_and_are_built_once() {
        let e = extras(
            &[("klicks", "km"), ("Mt", "t")],
            &[("evacuated", &["Moved  Out"]), ("rescued", &["launched"])],
        );
        let t = with_extras(&e).unwrap();
        let km = t.units.iter().position(|u| u.symbol == "km").unwrap();
        assert!(t.unit_aliases.contains(&("klicks".to_string(), km, false)));
        let tonne = t.units.iter().position(|u| u.symbol == "t").unwrap();
        assert!(t.unit_aliases.contains(&("Mt".to_string(), tonne, true)));
        // Phrases are normalised; a configured word takes over a built-in one.
        assert!(
            t.roles
                .contains(&("moved out".to_string(), "evacuated".to_string()))
        );
        assert_eq!(
            t.roles
                .iter()
                .filter(|(p, _)| p == "launched")
                .collect::<Vec<_>>(),
            [&("launched".to_string(), "rescued".to_string())]
        );
        // Indexes are rebuilt with the extras in them.
        let k = t.unit_aliases.iter().position(|a| a.0 == "klicks").unwrap();
        assert!(t.unit_by_first[usize::from(b'k')].contains(&k));
        // The same extras give the same tables; none give the built-in ones, unchanged.
        assert!(std::ptr::eq(t, with_extras(&e.clone()).unwrap()));
        assert!(std::ptr::eq(
            with_extras(&Extras::default()).unwrap(),
            builtin()
        ));
        assert!(!builtin().unit_aliases.iter().any(|a| a.0 == "klicks"));
    }

    #[test]
    fn a_configuration_can_define_a_unit() {
        let mut e = Extras::default();
        e.units.insert(
            "furlong".into(),
            UnitExtra::Unit(NewUnit {
                dimension: "length".into(),
                factor: "201.168".into(),
                offset: None,
                aliases: vec!["Furlongs".into()],
            }),
        );
        let t = with_extras(&e).unwrap();
        let u = t.unit("furlong").expect("defined");
        assert_eq!(u.dimension, Dimension::Length);
        assert_eq!(u.to_base(Decimal::TEN), Decimal::new(201168, 2));
        let i = t.units.iter().position(|x| x.symbol == "furlong").unwrap();
        assert!(t.unit_aliases.contains(&("Furlongs".to_string(), i, true)));
        assert!(t.unit_aliases.contains(&("furlong".to_string(), i, false)));
        // A symbol the grammar has, an unknown dimension, a zero factor: refused.
        let mut bad = e.clone();
        bad.units.insert(
            "km".into(),
            UnitExtra::Unit(NewUnit {
                dimension: "length".into(),
                factor: "1000".into(),
                offset: None,
                aliases: vec![],
            }),
        );
        assert!(with_extras(&bad).unwrap_err().contains("already has"));
        for (dim, factor) in [
            ("lenght", "1"),
            ("count", "1"),
            ("length", "0"),
            ("length", "x"),
        ] {
            let mut bad = Extras::default();
            bad.units.insert(
                "thing".into(),
                UnitExtra::Unit(NewUnit {
                    dimension: dim.into(),
                    factor: factor.into(),
                    offset: None,
                    aliases: vec![],
                }),
            );
            let err = with_extras(&bad).unwrap_err();
            assert!(err.starts_with("[units] thing: "), "{err}");
        }
    }

    #[test]
    fn bad_extras_are_refused_with_a_reason() {
        let e = with_extras(&extras(&[("klicks", "kilometre")], &[])).unwrap_err();
        assert!(e.contains("klicks") && e.contains("unknown unit"), "{e}");
        let e = with_extras(&extras(&[], &[("evacuated", &["moved; out"])])).unwrap_err();
        assert!(e.contains("moved; out"), "{e}");
        let e = with_extras(&extras(&[], &[("evacuated", &[])])).unwrap_err();
        assert!(e.contains("evacuated"), "{e}");
    }

    #[test]
    fn a_guard_makes_tables_current_until_dropped() {
        let t = with_extras(&extras(&[("klicks", "km")], &[])).unwrap();
        assert!(std::ptr::eq(current(), builtin()));
        {
            let _g = TablesGuard::enter(t);
            assert!(std::ptr::eq(current(), t));
            assert!(TABLES.unit_aliases.iter().any(|a| a.0 == "klicks"));
            {
                let _inner = TablesGuard::enter(builtin());
                assert!(std::ptr::eq(current(), builtin()));
            }
            assert!(std::ptr::eq(current(), t));
        }
        assert!(std::ptr::eq(current(), builtin()));
        // Other threads keep the built-in tables.
        let _g = TablesGuard::enter(t);
        let other = std::thread::spawn(|| std::ptr::eq(current(), builtin()))
            .join()
            .unwrap();
        assert!(other);
    }

    #[test]
    fn every_table_loads_and_tables_agree() {
        let t = load().expect("tables load");
        // No alias names two units of different dimensions (or two units at all).
        let mut seen: HashMap<(&str, bool), usize> = HashMap::new();
        for (alias, idx, exact) in &t.unit_aliases {
            if let Some(prev) = seen.insert((alias.as_str(), *exact), *idx) {
                assert_eq!(
                    t.units[prev].dimension, t.units[*idx].dimension,
                    "alias {alias:?} maps to {} and {}",
                    t.units[prev].symbol, t.units[*idx].symbol
                );
                panic!(
                    "alias {alias:?} maps to both {} and {}",
                    t.units[prev].symbol, t.units[*idx].symbol
                );
            }
        }
        // A currency name belongs to one currency.
        let mut names: HashMap<&str, usize> = HashMap::new();
        for (name, idx, _) in &t.currency_names {
            if let Some(prev) = names.insert(name.as_str(), *idx) {
                assert_eq!(
                    prev, *idx,
                    "currency name {name:?} belongs to two currencies"
                );
            }
        }
        // Vague intervals are ordered.
        for (w, v) in &t.vague {
            assert!(v.high.is_none_or(|h| h >= v.low), "vague {w:?}: high < low");
        }
        // A hedge word has one meaning on each side.
        for list in [&t.hedges_before, &t.hedges_after] {
            let mut kinds: HashMap<&str, HedgeKind> = HashMap::new();
            for (w, k) in list {
                if let Some(prev) = kinds.insert(w.as_str(), *k) {
                    assert_eq!(prev, *k, "hedge {w:?} has two kinds");
                }
            }
        }
        // Every fraction word parses as the fraction it names.
        for (w, d) in &t.fractions {
            let (num, text) = if w.ends_with('s') {
                (Decimal::TWO, format!("two {w}"))
            } else {
                (Decimal::ONE, format!("one {w}"))
            };
            let (rest, n) = number::fraction(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!((rest, n.fig.value), ("", num / d), "{text}");
        }
        // The starter keywords are table keywords.
        for w in STARTER_KEYWORDS {
            assert!(t.keywords.contains(*w), "starter {w} is not in [keywords]");
            assert!(t.starters.contains(*w), "starter {w} missing");
        }
        assert!(!t.starters.contains("and") && !t.starters.contains("the"));
        // Twelve months, seven weekdays.
        let months: HashSet<i8> = t.months.iter().map(|(_, m)| *m).collect();
        assert_eq!(months.len(), 12);
        let days: HashSet<i8> = t.weekdays.iter().map(|(_, d)| *d).collect();
        assert_eq!(days.len(), 7);
        // Unit conversions are usable: a unit converts to its base and back.
        for u in &t.units {
            let v = Decimal::from(7);
            let back = u.from_base(u.to_base(v));
            assert!((back - v).abs() < Decimal::new(1, 12), "{}", u.symbol);
        }
    }

    #[test]
    fn ebnf_terminals_are_table_words_and_functions_exist() {
        let words = table_words();
        let known = known_functions();
        let known_names: HashSet<&str> = known.into_iter().collect();
        // Quoted terminals, outside comments.
        let mut named = HashSet::new();
        let mut rest = EBNF;
        let mut terminals = 0;
        while let Some(k) = rest.find(['"', '(']) {
            let after = &rest[k + 1..];
            if rest[k..].starts_with("(*") {
                let end = after.find("*)").expect("unclosed EBNF comment");
                let comment = &after[1..end];
                if let Some(f) = comment.trim().strip_prefix("fn:") {
                    let f = f.trim();
                    assert!(known_names.contains(f), "EBNF names unknown function {f}");
                    named.insert(f);
                }
                rest = &after[end + 2..];
            } else if rest[k..].starts_with('"') {
                let end = after.find('"').expect("unclosed EBNF terminal");
                check_literal(&after[..end], &words, "grammar/quantities.ebnf")
                    .unwrap_or_else(|e| panic!("{e}"));
                terminals += 1;
                rest = &after[end + 1..];
            } else {
                rest = after;
            }
        }
        assert!(terminals > 50, "EBNF has only {terminals} terminals");
        for n in &known_names {
            assert!(
                named.contains(n),
                "{n} is in the known list but not in the EBNF"
            );
        }
    }

    #[test]
    fn literal_words_in_the_productions_are_table_words() {
        let words = table_words();
        let sources = [
            ("number.rs", include_str!("number.rs")),
            ("quantity.rs", include_str!("quantity.rs")),
            ("date.rs", include_str!("date.rs")),
        ];
        for (name, src) in sources {
            let body = src.split("#[cfg(test)]").next().unwrap_or(src);
            for pat in ["word_ci(\"", "phrase_word(\""] {
                for (k, _) in body.match_indices(pat) {
                    let lit = &body[k + pat.len()..];
                    let lit = &lit[..lit.find('"').unwrap_or(0)];
                    check_literal(lit, &words, name).unwrap_or_else(|e| panic!("{e}"));
                }
            }
        }
    }
}
