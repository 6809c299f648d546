//! The grammar's data: the TOML tables under `grammar/`, compiled into the binary and parsed
//! once. A unit test loads every table and cross-checks them with `grammar/quantities.ebnf`.
//!
//! The parts: this module is the schema (what a loaded set of tables holds) and the current
//! set; [`load`] parses the TOML files and compiles them; [`extras`] is what a configuration
//! adds; [`index`] holds the indexes derived for speed (word classes, phrase indexes, the
//! context pass's look-ups).

mod class;
pub(crate) mod embedded;
mod extras;
mod index;
mod load;
mod phrases;
#[cfg(test)]
mod tests;

pub use class::WordClass;
pub use extras::*;
pub use index::*;
pub use load::*;
pub use phrases::PhraseIndex;

use crate::quantity::Dimension;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::str::FromStr;
use std::sync::{Arc, LazyLock};

/// The raw TOML of each table, by file name: what the tests hold the tables build.rs embedded
/// to (start-up reads those, see [`embedded`]).
#[cfg(test)]
pub const SOURCES: &[(&str, &str)] = &[
    ("units.toml", include_str!("../../../grammar/units.toml")),
    (
        "currencies.toml",
        include_str!("../../../grammar/currencies.toml"),
    ),
    (
        "numbers.toml",
        include_str!("../../../grammar/numbers.toml"),
    ),
    ("vague.toml", include_str!("../../../grammar/vague.toml")),
    ("hedges.toml", include_str!("../../../grammar/hedges.toml")),
    ("roles.toml", include_str!("../../../grammar/roles.toml")),
    ("nouns.toml", include_str!("../../../grammar/nouns.toml")),
    ("dates.toml", include_str!("../../../grammar/dates.toml")),
    (
        "designations.toml",
        include_str!("../../../grammar/designations.toml"),
    ),
];

/// The EBNF of the grammar.
#[cfg(test)]
pub const EBNF: &str = include_str!("../../../grammar/quantities.ebnf");

#[cfg(test)]
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

/// Conversions through the dimension's base unit, for tests that hold the unit table to
/// known values (the grammar and the checks convert with `check::util::convert`).
#[cfg(test)]
impl Unit {
    /// Converts a value in this unit to the dimension's base unit.
    pub fn to_base(&self, v: Decimal) -> Decimal {
        v * self.factor + self.offset
    }
    /// Converts a value in the base unit to this unit.
    #[allow(clippy::wrong_self_convention)] // "from the base unit": a conversion, not a constructor
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
    /// The code a value in the minor unit is reported in as written ("USc", "GBX"); `None`:
    /// such a value is converted to the currency.
    pub minor_code: Option<String>,
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
    /// The aliases (lower case) an article counts as one of their unit ("a mile"): the
    /// units' `article` lists.
    pub article_aliases: FastSet<String>,
    /// Words near a bare "degrees" that make it an angle ("slope", "tilted").
    pub angle_cues: FastSet<String>,
    /// Words in a sentence that keep a bare "degrees" a temperature ("weather", "warm").
    pub temperature_cues: FastSet<String>,
    /// Words that keep spelled pounds after a scale word a weight (`[pound_cues]`).
    pub weight_cues: FastSet<String>,
    /// A rate's denominators that are no unit, lower case → index in `rate_word_list`.
    pub rate_words: FastMap<String, u16>,
    /// The words of `[rate] per` as listed ("capita", "kWh").
    pub rate_word_list: Vec<String>,
    /// The `rate_words` that may follow "a" or "an" ("$2 a share").
    pub rate_article_words: FastSet<String>,
    /// Unit aliases (lower case) "a" or "an" makes a rate's denominator after money, besides
    /// `article_aliases` ("$4 a pound").
    pub rate_money_units: FastSet<String>,
    /// By unit index: the unit's symbol as a rate's denominator ("day"; "h", "min", "s" for
    /// hour, minute and second, as in "km/h": "in/h", "hour/day").
    pub per_symbols: Vec<String>,
    /// The entries of `unit_aliases` that can match an input: by first word, or first two
    /// bytes (see [`PhraseIndex::by_first_word`]).
    pub unit_index: PhraseIndex,
    /// The entries of `currency_prefixes` by first byte (see [`PhraseIndex`]).
    pub currency_prefix_index: PhraseIndex,
    /// The entries of `currency_names` by first byte.
    pub currency_name_index: PhraseIndex,
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
    /// The entries of `vague` by first byte.
    pub vague_index: PhraseIndex,
    /// The entries of `hedges_before` by first two bytes.
    pub hedges_before_index: PhraseIndex,
    /// The entries of `hedges_after` by first byte.
    pub hedges_after_index: PhraseIndex,
    /// Currencies by index.
    pub currencies: Vec<Currency>,
    /// (prefix symbol, currency index), longest first; case-sensitive.
    pub currency_prefixes: Vec<(String, usize)>,
    /// (name, currency index, minor unit), longest first; case-insensitive.
    pub currency_names: Vec<(String, usize, bool)>,
    /// (symbol of a minor unit written against the digits, currency index): "p", "¢";
    /// case-sensitive.
    pub currency_minor_attached: Vec<(String, usize)>,
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
    /// Words the productions match literally ("point", "aged"): read by the test that holds
    /// every literal word of the productions to the tables.
    #[cfg_attr(not(test), allow(dead_code))]
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
    /// Lemmas an article counts as one.
    pub event_nouns: FastSet<String>,
    /// Words never taken as a counted noun.
    pub stop_words: FastSet<String>,
    /// Words giving a rise.
    pub direction_up: FastSet<String>,
    /// Words giving a fall.
    pub direction_down: FastSet<String>,
    /// Lemmas of nouns that fly (`roles.toml` `[aerial]`): destroying one downs it.
    pub aerial_nouns: FastSet<String>,
    /// Words after which a number is a designation (lower case, any case in the text).
    pub designators: FastSet<String>,
    /// Designator words that must be written exactly so ("F", "MiG").
    pub designators_exact: FastSet<String>,
    /// Words before a phone number.
    pub phone_words: FastSet<String>,
    /// Numbers joined by "/" or "-" that name a thing ("24/7", "9/11").
    pub idioms: Vec<String>,
    /// Words just before "N-M" that make it a score ("won 3-1"); lower case.
    pub score_before: FastSet<String>,
    /// Words just after "N-M" that make it a score ("a 21-17 victory"); lower case.
    pub score_after: FastSet<String>,
    /// (month name, month number), longest first; case-sensitive.
    pub months: Vec<(String, i8)>,
    /// (weekday name, 0 = Monday), longest first.
    pub weekdays: Vec<(String, i8)>,
    /// "yesterday" → -1.
    pub relative_days: FastMap<String, i64>,
    /// Time zones after a clock time ("GMT", "local time"), longest first; case-sensitive.
    pub zones: Vec<String>,
    /// Words after a four-digit time with a leading zero that make it a clock ("0900 hours").
    pub military_hours: Vec<String>,
    /// Every word (lower case) that can begin a figure: the scanner skips other words.
    pub starters: FastSet<String>,
    /// Every non-alphanumeric char that can begin a figure ("$", "~", "−").
    pub start_chars: FastSet<char>,

    // ---- Speed indexes (derived from the fields above) ----
    /// Every word of `units_words`, `tens_words`, `hundred_words`, `scales`, `fractions` and
    /// `collectives` with the number-word kinds of the tables holding it, and the plural ("s") of
    /// every scale and hundred word with `WordClass::SCALE_PLURAL`: one lookup turns away a word that
    /// is none of these.
    pub number_word_kinds: FastMap<String, WordClass>,
    /// Word classes (see [`word_class`]): for every ASCII word (lower case) that is a number
    /// word (its kinds, as in `number_word_kinds`) or the first word of a table phrase (the
    /// classes of the tables holding such a phrase).
    pub word_classes: FastMap<Vec<u8>, WordClass>,
    /// The length of the longest key of `word_classes`.
    pub word_class_max: usize,
    /// The keys of `word_classes` of at most eight letters, packed (see `pack_word`).
    pub word_classes_short: PackedClasses,
    /// The entries of `months` by first byte.
    pub month_index: PhraseIndex,
    /// The entries of `weekdays` by first byte.
    pub weekday_index: PhraseIndex,
    /// By byte (ASCII lower-cased): whether a key of `relative_days` starts with it.
    pub relative_day_first: Vec<bool>,
    /// The configured order of numeric dates (`Extras::date_order`); `None` built in.
    pub date_order: Option<DateOrder>,
    /// Periods named against the document date ("last year"): (phrase, unit, offset in
    /// that unit), from `[periods]` of `grammar/dates.toml`.
    pub periods: Vec<(String, crate::grammar::date::PeriodUnit, i16)>,
    /// Words before "this" + period that keep a part of it ("earlier", "later").
    pub period_parts: Vec<(String, crate::grammar::date::PeriodPart)>,
    /// Stretches ending on the document date, after "the" ("past year"): (phrase, unit).
    pub trailing: Vec<(String, crate::grammar::date::PeriodUnit)>,
}

/// The built-in tables, parsed on first use (immutable: a configuration's extras make a
/// table set of their own, see [`with_extras`]).
static DEFAULT: LazyLock<Arc<Tables>> = LazyLock::new(|| {
    Arc::new(load().unwrap_or_else(|e| panic!("grammar tables are invalid: {e}")))
});

/// The built-in tables.
pub fn builtin() -> &'static Tables {
    &DEFAULT
}

/// The built-in tables, shared.
pub fn builtin_arc() -> Arc<Tables> {
    Arc::clone(&DEFAULT)
}

impl Tables {
    /// The unit with this canonical symbol.
    pub fn unit(&self, symbol: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.symbol == symbol)
    }
}
