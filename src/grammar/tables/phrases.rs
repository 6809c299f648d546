//! [`PhraseIndex`]: which entries of one phrase list can match an input, found without
//! trying the others.
//!
//! Every phrase list the productions match (unit aliases, currency names, hedges, months …)
//! is tried in its own order (longest first), and a match needs the input's first bytes to
//! be the phrase's. So each list keeps, beside itself, the positions of its entries by the
//! first byte (ASCII lower-cased), optionally refined by the second byte and, for ASCII words
//! of at most eight letters, by the whole first word. Every candidate list keeps the phrase
//! list's order, so trying the candidates in order finds exactly what trying every entry in
//! order finds (a property test in `tables/tests.rs` holds the index to that).

use super::FastMap;
use super::index::{PackedClasses, pack_word, word_key};

/// The positions in a phrase list of the entries that can match an input (see the module
/// docs). Build it with [`PhraseIndex::by_first_byte`], [`PhraseIndex::by_two_bytes`] or
/// [`PhraseIndex::by_first_word`]; ask it with [`PhraseIndex::candidates`].
#[derive(Debug, Default)]
pub struct PhraseIndex {
    /// By first byte, ASCII lower-cased: 256 lists.
    first: Vec<Vec<usize>>,
    /// By first and second byte (first << 8 | second, both ASCII lower-cased): the entries
    /// whose second byte is that one or matches any (see `wild_second`). A pair no entry
    /// starts with is absent. Empty unless built by two bytes.
    pairs: FastMap<u16, Vec<usize>>,
    /// By first byte: the entries whose second byte matches any. Empty unless by two bytes.
    wild: Vec<Vec<usize>>,
    /// By first byte: whether `pairs` has a key with that first byte.
    has_pairs: Vec<bool>,
    /// By packed first word (see `pack_word`): 1 + an index into `word_lists`. Empty unless
    /// built by first word.
    words: PackedClasses,
    /// See `words`.
    word_lists: Vec<Vec<usize>>,
    /// Whether `words` was built.
    by_word: bool,
}

/// Whether a phrase can match whatever byte follows its first (one byte long, or a space
/// second, which matches any run of spaces).
pub(crate) fn wild_second(phrase: &str) -> bool {
    phrase.as_bytes().get(1).is_none_or(|&b| b == b' ')
}

impl PhraseIndex {
    /// An index by first byte only.
    pub(crate) fn by_first_byte<'a>(phrases: impl IntoIterator<Item = &'a str>) -> PhraseIndex {
        let mut first = vec![Vec::new(); 256];
        for (k, p) in phrases.into_iter().enumerate() {
            if let Some(b) = p.bytes().next() {
                first[usize::from(b.to_ascii_lowercase())].push(k);
            }
        }
        PhraseIndex {
            first,
            ..PhraseIndex::default()
        }
    }

    /// An index by the first two bytes: a phrase whose second byte (ASCII lower-cased)
    /// differs from the input's cannot match it (phrases compare ASCII case-insensitively and
    /// other bytes exactly; exact phrases compare exactly), so only the others are listed.
    pub(crate) fn by_two_bytes(phrases: &[&str]) -> PhraseIndex {
        let mut ix = PhraseIndex::by_first_byte(phrases.iter().copied());
        let mut wild = vec![Vec::new(); 256];
        for (b0, list) in ix.first.iter().enumerate() {
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
                        let p = phrases[k];
                        wild_second(p) || p.as_bytes()[1].to_ascii_lowercase() == b1
                    })
                    .collect();
                ix.pairs.insert(b0 << 8 | u16::from(b1), cands);
            }
            wild[usize::from(b0)] = list
                .iter()
                .copied()
                .filter(|&k| wild_second(phrases[k]))
                .collect();
        }
        ix.wild = wild;
        ix.has_pairs = vec![false; 256];
        for k in ix.pairs.keys() {
            ix.has_pairs[usize::from(k >> 8)] = true;
        }
        ix
    }

    /// An index by the first two bytes and, for an input starting with an ASCII word of at
    /// most eight letters (see `word_key`), by that whole word: such an input can only match
    /// the phrases whose leading ASCII letters are that word.
    pub(crate) fn by_first_word(phrases: &[&str]) -> PhraseIndex {
        let mut ix = PhraseIndex::by_two_bytes(phrases);
        let mut lists: FastMap<u64, usize> = FastMap::default();
        for (k, p) in phrases.iter().enumerate() {
            let b = p.as_bytes();
            let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            if n == 0 || n > 8 {
                continue;
            }
            let next = ix.word_lists.len();
            let at = *lists.entry(pack_word(&b[..n])).or_insert(next);
            if at == next {
                ix.word_lists.push(Vec::new());
            }
            ix.word_lists[at].push(k);
        }
        ix.words = PackedClasses::new(
            &lists
                .iter()
                .map(|(k, at)| (*k, u32::try_from(*at + 1).unwrap_or(0)))
                .collect::<Vec<_>>(),
        );
        ix.by_word = true;
        ix
    }

    /// The entries whose first byte (ASCII lower-cased) is `i`'s.
    #[inline]
    pub fn by_first(&self, i: &str) -> &[usize] {
        i.as_bytes()
            .first()
            .map_or(&[], |b| &self.first[usize::from(b.to_ascii_lowercase())])
    }

    /// The entries that can match at the start of `i`, in list order: by first word when the
    /// index has words and `i` starts with a short ASCII word, else by two bytes when it has
    /// them, else by first byte.
    #[inline]
    pub fn candidates(&self, i: &str) -> &[usize] {
        if self.by_word
            && let Some((packed, n)) = word_key(i)
            && n <= 8
        {
            let at = self.words.get(packed) as usize;
            return self
                .word_lists
                .get(at.wrapping_sub(1))
                .map_or(&[][..], Vec::as_slice);
        }
        if self.has_pairs.is_empty() {
            return self.by_first(i);
        }
        let b = i.as_bytes();
        let Some(b0) = b.first().map(u8::to_ascii_lowercase) else {
            return &[];
        };
        if !self.has_pairs[usize::from(b0)] {
            return &self.wild[usize::from(b0)];
        }
        b.get(1)
            .and_then(|b1| {
                self.pairs
                    .get(&(u16::from(b0) << 8 | u16::from(b1.to_ascii_lowercase())))
            })
            .unwrap_or(&self.wild[usize::from(b0)])
    }
}
