//! A small set of short lower-case ASCII words, looked up with a few instructions.
//!
//! The scanner asks of nearly every word of the prose whether a figure can start with it. A
//! hash set of `String`s hashes the word byte by byte and compares it through a pointer; here a
//! word of up to 16 bytes is packed into a `u128` (its bytes, zero-padded), hashed by one
//! multiply and found by comparing integers in an open-addressed table.

/// Words of at most this many bytes are packed; longer words are kept in a plain list.
pub const PACKED_MAX: usize = 16;

/// A set of ASCII words, matched without regard to ASCII case.
#[derive(Debug, Clone)]
pub struct WordSet {
    /// Open-addressed slots of packed words; 0 is empty (a packed word is never 0).
    slots: Vec<u128>,
    /// `slots.len() - 1` (the length is a power of two).
    mask: usize,
    /// Words longer than [`PACKED_MAX`] (or not ASCII), lower-cased.
    long: Vec<String>,
}

/// Packs an ASCII word of 1..=16 bytes, lower-cased, into an integer; `None` if it is empty,
/// longer, or not ASCII.
pub fn pack(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > PACKED_MAX || !word.is_ascii() {
        return None;
    }
    let mut buf = [0u8; PACKED_MAX];
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    Some(u128::from_le_bytes(buf))
}

/// [`pack`] for `n` (1..=16) ASCII letters at `b[i..i + n]`, which the caller has checked:
/// reads the bytes at once, lower-cases them with one `or` and masks off what follows.
pub fn pack_letters(b: &[u8], i: usize, n: usize) -> u128 {
    debug_assert!((1..=PACKED_MAX).contains(&n) && b[i..i + n].iter().all(u8::is_ascii_alphabetic));
    let mut buf = [0u8; PACKED_MAX];
    match b.get(i..i + PACKED_MAX) {
        Some(s) => buf.copy_from_slice(s),
        None => {
            let tail = b.get(i..).unwrap_or_default();
            buf[..tail.len()].copy_from_slice(tail);
        }
    }
    let mask = if n >= PACKED_MAX {
        u128::MAX
    } else {
        (1u128 << (8 * n)) - 1
    };
    // Setting bit 5 lower-cases an ASCII letter.
    (u128::from_le_bytes(buf) | u128::from_le_bytes([0x20; PACKED_MAX])) & mask
}

fn slot_of(key: u128, mask: usize) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    // Fibonacci hashing: the high bits of the product are well mixed.
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

impl Default for WordSet {
    fn default() -> WordSet {
        WordSet::new([])
    }
}

impl WordSet {
    /// A set of `words` (any case; compared lower-cased).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> WordSet {
        let mut packed = Vec::new();
        let mut long = Vec::new();
        for w in words {
            if w.is_empty() {
                continue;
            }
            match pack(w.as_bytes()) {
                Some(k) => packed.push(k),
                None => {
                    let lw = w.to_lowercase();
                    match pack(lw.as_bytes()) {
                        Some(k) => packed.push(k),
                        None => long.push(lw),
                    }
                }
            }
        }
        packed.sort_unstable();
        packed.dedup();
        // At most a quarter full, so probes are short.
        let len = (packed.len() * 4).next_power_of_two().max(8);
        let mask = len - 1;
        let mut slots = vec![0u128; len];
        for k in packed {
            let mut s = slot_of(k, mask);
            while slots[s] != 0 {
                s = (s + 1) & mask;
            }
            slots[s] = k;
        }
        WordSet { slots, mask, long }
    }

    /// Whether the packed word `key` (from [`pack`]) is in the set.
    pub fn contains_packed(&self, key: u128) -> bool {
        let mut s = slot_of(key, self.mask);
        loop {
            match self.slots[s] {
                0 => return false,
                k if k == key => return true,
                _ => s = (s + 1) & self.mask,
            }
        }
    }

    /// Whether `word` is in the set, ignoring ASCII case.
    pub fn contains(&self, word: &str) -> bool {
        match pack(word.as_bytes()) {
            Some(k) => self.contains_packed(k),
            // Lower case may make a word ASCII (the Kelvin sign becomes "k").
            None => {
                !word.is_empty() && {
                    let lw = word.to_lowercase();
                    match pack(lw.as_bytes()) {
                        Some(k) => self.contains_packed(k),
                        None => self.long.contains(&lw),
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn members_and_strangers() {
        let s = WordSet::new([
            "a",
            "dozen",
            "Million",
            "approximately",
            "quadrillionths-long",
        ]);
        for w in [
            "a",
            "A",
            "dozen",
            "DOZEN",
            "million",
            "approximately",
            "quadrillionths-long",
        ] {
            assert!(s.contains(w), "{w}");
        }
        for w in [
            "",
            "an",
            "dozens",
            "millio",
            "b",
            "approximatelyx",
            "quadrillionths",
        ] {
            assert!(!s.contains(w), "{w}");
        }
        assert!(!WordSet::default().contains("a"));
    }

    #[test]
    fn packed_letters_are_packed_words() {
        let text = b"Two dozen DRONES and a quadrillion";
        for (i, n) in [(0, 3), (4, 5), (10, 6), (21, 1), (23, 11), (23, 16 - 5)] {
            assert_eq!(
                Some(pack_letters(text, i, n)),
                pack(&text[i..i + n]),
                "{i} {n}"
            );
        }
    }

    proptest! {
        /// The set answers exactly as a hash set of the lower-cased words does.
        #[test]
        fn agrees_with_a_hash_set(
            words in proptest::collection::vec("[a-zA-Zé\u{212a}İ]{1,20}", 0..300),
            probes in proptest::collection::vec("[a-zA-Zé\u{212a}İ]{0,20}", 0..100),
        ) {
            let set = WordSet::new(words.iter().map(String::as_str));
            let reference: std::collections::HashSet<String> =
                words.iter().map(|w| w.to_lowercase()).collect();
            for w in words.iter().chain(&probes) {
                prop_assert_eq!(set.contains(w), reference.contains(&w.to_lowercase()), "{}", w);
            }
        }
    }
}
