//! Indexes derived from the tables for speed: word classes, first-byte and two-byte phrase
//! indexes, and the context pass's look-ups.

use super::*;

/// The [`WordClass`] of the word at the start of `i`, or `None` when `i`
/// does not start with an ASCII word that can be classified this way: the caller then takes
/// its full path. `Some(WordClass::NONE)`: no number word, and no table phrase starts with this word.
///
/// The word is the leading run of ASCII letters of `i`, when it is not empty and no
/// non-ASCII char follows it. Every table phrase starting with an ASCII letter that matches
/// `i` (ASCII case-insensitively, ending at a word boundary or before a non-letter of its
/// own) has this run, lower-cased, as its own first word: so a word whose lower case is no
/// key of [`Tables::word_classes`] starts no such phrase. Non-ASCII letters (whose lower
/// case may be ASCII) are left to the full comparisons.
#[inline]
pub fn word_class(t: &Tables, i: &str) -> Option<WordClass> {
    let (packed, n) = word_key(i)?;
    let w = &i.as_bytes()[..n];
    if n <= 8 {
        return Some(WordClass::from_bits(t.word_classes_short.get(packed)));
    }
    if w.len() > t.word_class_max {
        return Some(WordClass::NONE);
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
    Some(t.word_classes.get(key).copied().unwrap_or_default())
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
pub(crate) fn pack_word(w: &[u8]) -> u64 {
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
    pub(crate) slots: Vec<(u64, u32)>,
    /// 64 minus the log2 of `slots.len()`.
    pub(crate) shift: u32,
}

impl PackedClasses {
    pub(crate) fn new(entries: &[(u64, u32)]) -> PackedClasses {
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
    pub(crate) fn home(&self, k: u64) -> usize {
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
pub(crate) fn word_classes(t: &Tables) -> FastMap<Vec<u8>, WordClass> {
    let mut out: FastMap<Vec<u8>, WordClass> = FastMap::default();
    out.reserve(t.number_word_kinds.len() + t.unit_aliases.len() + t.starters.len());
    // Adds `class` to the key `w` (lower-cased first when `lower`), allocating the key only
    // when it is new.
    fn or_class(out: &mut FastMap<Vec<u8>, WordClass>, w: &[u8], class: WordClass) {
        let mut buf = [0u8; 32];
        let key: std::borrow::Cow<[u8]> = match buf.get_mut(..w.len()) {
            Some(k) => {
                k.copy_from_slice(w);
                k.make_ascii_lowercase();
                std::borrow::Cow::Borrowed(k)
            }
            None => std::borrow::Cow::Owned(w.to_ascii_lowercase()),
        };
        match out.get_mut(key.as_ref()) {
            Some(c) => *c |= class,
            None => {
                out.insert(key.into_owned(), class);
            }
        }
    }
    // Number words as `number_word_kinds` has them: all lower-case ASCII letters (others are
    // never looked up by an ASCII word), so the number-word kinds here are exactly that map's.
    for (w, k) in &t.number_word_kinds {
        if !w.is_empty() && w.bytes().all(|c| c.is_ascii_lowercase()) {
            or_class(&mut out, w.as_bytes(), *k);
        }
    }
    let mut add = |p: &str, class: WordClass| {
        let b = p.as_bytes();
        let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        if n > 0 {
            or_class(&mut out, &b[..n], class);
        }
    };
    t.unit_aliases
        .iter()
        .for_each(|a| add(&a.0, WordClass::UNIT));
    t.currency_names
        .iter()
        .for_each(|a| add(&a.0, WordClass::CURRENCY_NAME));
    t.currency_prefixes
        .iter()
        .for_each(|a| add(&a.0, WordClass::CURRENCY_PREFIX));
    t.hedges_before
        .iter()
        .for_each(|a| add(&a.0, WordClass::HEDGE_BEFORE));
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
            add(&p[n + spaces..], WordClass::HEDGE_BEFORE_SECOND);
        } else {
            add(p, WordClass::HEDGE_BEFORE_SOLO);
        }
    }
    t.hedges_after
        .iter()
        .for_each(|a| add(&a.0, WordClass::HEDGE_AFTER));
    t.vague.iter().for_each(|a| add(&a.0, WordClass::VAGUE));
    t.suffixes.iter().for_each(|a| add(&a.0, WordClass::SUFFIX));
    ["and", "over", "out", "in", "a", "an"]
        .iter()
        .for_each(|w| add(w, WordClass::NUMBER_LINK));
    ["a", "an", "minus", "negative"]
        .iter()
        .for_each(|w| add(w, WordClass::NUMBER_OPENER));
    // Whole words only: a starter with other letters is never looked up by an ASCII word.
    t.starters
        .iter()
        .filter(|w| w.bytes().all(|c| c.is_ascii_lowercase()))
        .for_each(|w| add(w, WordClass::STARTER));
    out
}

/// Builds `Tables::number_word_kinds`.
pub(crate) fn number_word_kinds(t: &Tables) -> FastMap<String, WordClass> {
    let mut out: FastMap<String, WordClass> = FastMap::default();
    let mut add = |w: &str, kind: WordClass| *out.entry(w.to_string()).or_default() |= kind;
    t.units_words.keys().for_each(|w| add(w, WordClass::ONES));
    t.tens_words.keys().for_each(|w| add(w, WordClass::TENS));
    t.hundred_words
        .keys()
        .for_each(|w| add(w, WordClass::HUNDRED));
    t.scales.keys().for_each(|w| add(w, WordClass::SCALE));
    t.fractions.keys().for_each(|w| add(w, WordClass::FRACTION));
    t.collectives
        .keys()
        .for_each(|w| add(w, WordClass::COLLECTIVE));
    for w in t.scales.keys().chain(t.hundred_words.keys()) {
        add(&format!("{w}s"), WordClass::SCALE_PLURAL);
    }
    out
}

/// `Tables::roles_by_first_word`: each role entry under its phrase's first word (the phrase
/// split on `' '`, as the scanner matches it word by word), in list order.
pub(crate) fn roles_by_first_word(
    roles: &[(String, String)],
) -> FastMap<String, Vec<(usize, Vec<String>)>> {
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
pub(crate) fn role_first_word_shapes(roles: &[(String, String)]) -> Vec<u32> {
    let mut out = vec![0u32; 256];
    for (phrase, _) in roles {
        let first = phrase.split(' ').next().unwrap_or_default();
        if let Some(&b) = first.as_bytes().first() {
            out[usize::from(b)] |= 1 << first.len().min(31);
        }
    }
    out
}

/// Look-ups the context pass derives once from a set of [`Tables`](crate::grammar::tables::Tables),
/// kept with them (`Tables::context`).
#[derive(Debug)]
pub(crate) struct ContextIndex {
    /// The words [`is_unknown_noun_candidate`] rejects by table (ordinals, stop words, role
    /// phrases, direction words): one look-up instead of five.
    pub(crate) not_nouns: crate::grammar::tables::FastSet<String>,
    /// By the last byte of a role phrase's first word, bit `min(len, 31)`: with
    /// `Tables::role_first_word_shapes` (by first byte) a cheap filter before the look-up
    /// of a role phrase ([`may_start_role`]).
    pub(crate) role_last_shapes: [u32; 256],
    /// By the first and by the last byte of a direction word, bit `min(len, 31)`: most
    /// words are no direction word, and these say so unhashed ([`ContextIndex::may_be_direction`]).
    pub(crate) direction_shapes: [[u32; 256]; 2],
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
    pub(crate) fn new(t: &crate::grammar::tables::Tables) -> ContextIndex {
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
    pub(crate) fn may_be_direction(&self, lw: &str) -> bool {
        let b = lw.as_bytes();
        let len = 1 << b.len().min(31);
        b.first()
            .is_some_and(|&c| self.direction_shapes[0][usize::from(c)] & len != 0)
            && b.last()
                .is_some_and(|&c| self.direction_shapes[1][usize::from(c)] & len != 0)
    }
}
