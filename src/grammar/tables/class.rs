//! [`WordClass`]: which tables a word can open, as one small bitset.
//!
//! The scanner asks of almost every word "can a unit, a hedge, a number word … start here?".
//! One look-up of the word (see [`super::word_class`]) answers all of these at once; this type
//! names the answers so no production does bit arithmetic of its own.

use std::ops::{BitOr, BitOrAssign};

/// The tables a word belongs to or opens a phrase of: the number-word kinds (the word is
/// itself a number word of that kind) and the first words of table phrases.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct WordClass(u32);

impl WordClass {
    /// No table holds the word.
    pub const NONE: WordClass = WordClass(0);
    /// Every class: what a caller assumes of a word it could not classify.
    pub const ALL: WordClass = WordClass(u32::MAX);

    // --- Number-word kinds (the word is a number word) -----------------------------------
    /// "one" … "nineteen".
    pub const ONES: WordClass = WordClass(1);
    /// "twenty" … "ninety".
    pub const TENS: WordClass = WordClass(1 << 1);
    /// "hundred".
    pub const HUNDRED: WordClass = WordClass(1 << 2);
    /// "thousand", "million" …
    pub const SCALE: WordClass = WordClass(1 << 3);
    /// "half", "third" …
    pub const FRACTION: WordClass = WordClass(1 << 4);
    /// "dozen", "score".
    pub const COLLECTIVE: WordClass = WordClass(1 << 5);
    /// The plural of a scale or hundred word ("millions", "hundreds").
    pub const SCALE_PLURAL: WordClass = WordClass(1 << 6);
    /// Any number-word kind.
    pub const NUMBER_WORD: WordClass = WordClass(0xff);
    /// A word that multiplies what comes before it: a scale, "hundred" or their plurals.
    pub const MULTIPLIER: WordClass =
        WordClass(Self::SCALE.0 | Self::HUNDRED.0 | Self::SCALE_PLURAL.0);

    // --- First words of table phrases ------------------------------------------------------
    /// The first word of a unit alias.
    pub const UNIT: WordClass = WordClass(1 << 8);
    /// The first word of a currency name.
    pub const CURRENCY_NAME: WordClass = WordClass(1 << 9);
    /// The first word of a currency prefix.
    pub const CURRENCY_PREFIX: WordClass = WordClass(1 << 10);
    /// The first word of a hedge before a number.
    pub const HEDGE_BEFORE: WordClass = WordClass(1 << 11);
    /// The first word of a hedge after a number.
    pub const HEDGE_AFTER: WordClass = WordClass(1 << 12);
    /// The first word of a vague phrase.
    pub const VAGUE: WordClass = WordClass(1 << 13);
    /// A letter suffix after digits, lower-cased ("bn"; the suffixes themselves are
    /// case-sensitive).
    pub const SUFFIX: WordClass = WordClass(1 << 14);
    /// A word that can follow digits in a longer number form ("and", "over", "out", "in",
    /// "a", "an": see `number::plain_digits`).
    pub const NUMBER_LINK: WordClass = WordClass(1 << 15);
    /// A word that can open a number besides the number words: "a", "an", "minus",
    /// "negative".
    pub const NUMBER_OPENER: WordClass = WordClass(1 << 16);
    /// The first word of a hedge before a number that is a phrase of its own or goes on with
    /// something else than spaces and a second word ("over", "ca.").
    pub const HEDGE_BEFORE_SOLO: WordClass = WordClass(1 << 17);
    /// The second word of a hedge before a number ("than" of "more than").
    pub const HEDGE_BEFORE_SECOND: WordClass = WordClass(1 << 18);
    /// A figure can start with the word (the scanner's per-word test).
    pub const STARTER: WordClass = WordClass(1 << 19);

    /// Both classes' members.
    #[inline]
    #[must_use]
    pub const fn union(self, other: WordClass) -> WordClass {
        WordClass(self.0 | other.0)
    }

    /// The members of `self` that are not in `other`.
    #[inline]
    #[must_use]
    pub const fn without(self, other: WordClass) -> WordClass {
        WordClass(self.0 & !other.0)
    }

    /// The members of both.
    #[inline]
    #[must_use]
    pub const fn common(self, other: WordClass) -> WordClass {
        WordClass(self.0 & other.0)
    }

    /// Whether the word is in at least one of `other`'s classes.
    #[inline]
    #[must_use]
    pub const fn any_of(self, other: WordClass) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether the word is in none of `other`'s classes: the production it guards cannot
    /// start here.
    #[inline]
    #[must_use]
    pub const fn none_of(self, other: WordClass) -> bool {
        self.0 & other.0 == 0
    }

    /// Whether no table holds the word.
    #[inline]
    #[must_use]
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The raw bits, for the packed look-up table that stores them.
    #[inline]
    pub(crate) const fn bits(self) -> u32 {
        self.0
    }

    /// A class from bits stored by [`WordClass::bits`].
    #[inline]
    pub(crate) const fn from_bits(bits: u32) -> WordClass {
        WordClass(bits)
    }
}

impl BitOr for WordClass {
    type Output = WordClass;
    #[inline]
    fn bitor(self, rhs: WordClass) -> WordClass {
        self.union(rhs)
    }
}

impl BitOrAssign for WordClass {
    #[inline]
    fn bitor_assign(&mut self, rhs: WordClass) {
        *self = self.union(rhs);
    }
}

impl std::fmt::Debug for WordClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const NAMES: &[(WordClass, &str)] = &[
            (WordClass::ONES, "ONES"),
            (WordClass::TENS, "TENS"),
            (WordClass::HUNDRED, "HUNDRED"),
            (WordClass::SCALE, "SCALE"),
            (WordClass::FRACTION, "FRACTION"),
            (WordClass::COLLECTIVE, "COLLECTIVE"),
            (WordClass::SCALE_PLURAL, "SCALE_PLURAL"),
            (WordClass::UNIT, "UNIT"),
            (WordClass::CURRENCY_NAME, "CURRENCY_NAME"),
            (WordClass::CURRENCY_PREFIX, "CURRENCY_PREFIX"),
            (WordClass::HEDGE_BEFORE, "HEDGE_BEFORE"),
            (WordClass::HEDGE_AFTER, "HEDGE_AFTER"),
            (WordClass::VAGUE, "VAGUE"),
            (WordClass::SUFFIX, "SUFFIX"),
            (WordClass::NUMBER_LINK, "NUMBER_LINK"),
            (WordClass::NUMBER_OPENER, "NUMBER_OPENER"),
            (WordClass::HEDGE_BEFORE_SOLO, "HEDGE_BEFORE_SOLO"),
            (WordClass::HEDGE_BEFORE_SECOND, "HEDGE_BEFORE_SECOND"),
            (WordClass::STARTER, "STARTER"),
        ];
        let mut set = f.debug_set();
        for (c, name) in NAMES {
            if self.any_of(*c) {
                set.entry(&format_args!("{name}"));
            }
        }
        set.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn class() -> impl Strategy<Value = WordClass> {
        any::<u32>().prop_map(WordClass)
    }

    proptest! {
        // The named operations are the set operations they say they are.
        #[test]
        fn operations_are_set_operations(a in class(), b in class()) {
            prop_assert_eq!(a.union(b).bits(), a.bits() | b.bits());
            prop_assert_eq!(a.without(b).bits(), a.bits() & !b.bits());
            prop_assert_eq!(a.common(b).bits(), a.bits() & b.bits());
            prop_assert_eq!(a.any_of(b), a.bits() & b.bits() != 0);
            prop_assert_eq!(a.none_of(b), !a.any_of(b));
            prop_assert!(a.union(b).any_of(a) || a.is_empty());
            prop_assert!(a.without(b).none_of(b));
            prop_assert_eq!(a | b, a.union(b));
        }
    }

    #[test]
    fn number_word_kinds_are_number_words_and_phrase_classes_are_not() {
        let kinds = [
            WordClass::ONES,
            WordClass::TENS,
            WordClass::HUNDRED,
            WordClass::SCALE,
            WordClass::FRACTION,
            WordClass::COLLECTIVE,
            WordClass::SCALE_PLURAL,
        ];
        for k in kinds {
            assert!(k.any_of(WordClass::NUMBER_WORD));
        }
        let phrases = [
            WordClass::UNIT,
            WordClass::CURRENCY_NAME,
            WordClass::CURRENCY_PREFIX,
            WordClass::HEDGE_BEFORE,
            WordClass::HEDGE_AFTER,
            WordClass::VAGUE,
            WordClass::SUFFIX,
            WordClass::NUMBER_LINK,
            WordClass::NUMBER_OPENER,
            WordClass::HEDGE_BEFORE_SOLO,
            WordClass::HEDGE_BEFORE_SECOND,
            WordClass::STARTER,
        ];
        for (i, p) in phrases.iter().enumerate() {
            assert!(p.none_of(WordClass::NUMBER_WORD), "{p:?}");
            for q in &phrases[i + 1..] {
                assert!(p.none_of(*q), "{p:?} and {q:?} share a bit");
            }
        }
        assert_eq!(
            format!("{:?}", WordClass::UNIT | WordClass::TENS),
            "{TENS, UNIT}"
        );
    }
}
