//! Cue words that several rules read: how a figure is introduced as a total or a whole, where a
//! clause with its own whole begins, and the whole-word search and normalisation they use.

use super::Ctx;
use crate::quantity::Quantity;

/// Lower-cased with runs of white space collapsed and the ends trimmed.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

/// Whether `norm(s)` starts with `p` (lower case), without building it when `s` is ASCII.
pub fn norm_starts_with(s: &str, p: &str) -> bool {
    // The normalised text starts with the first character after the white space, lower-cased.
    if let (Some(&c), Some(&want)) = (s.trim_start().as_bytes().first(), p.as_bytes().first())
        && c < 0x80
        && c.to_ascii_lowercase() != want
    {
        return false;
    }
    if !s.is_ascii() {
        return norm(s).starts_with(p);
    }
    // The bytes of `norm(s)`: the words, lower-cased, one space between.
    let mut bytes = s.split_whitespace().enumerate().flat_map(|(i, w)| {
        (i > 0)
            .then_some(b' ')
            .into_iter()
            .chain(w.bytes().map(|b| b.to_ascii_lowercase()))
    });
    p.bytes().all(|b| bytes.next() == Some(b))
}

/// The start of `s` up to the end of its `n`th word (runs without white space): what
/// [`crate::analysis::Norm::first_words`] reads of the same prose, before normalising.
pub fn first_words_raw(s: &str, n: usize) -> &str {
    let b = s.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        // White space as `char::is_whitespace` says, read byte by byte where it is ASCII.
        let (space, len) = if b[i] < 0x80 {
            (matches!(b[i], b'\t'..=b'\r' | b' '), 1)
        } else {
            s[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
        };
        if space {
            if in_word {
                words += 1;
                if words >= n {
                    return &s[..i];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
        i += len;
    }
    s
}

/// A quick test before a cue search: `false` only when the lower-cased text certainly holds
/// none of `needles` (each printable ASCII without capitals or white space, no `k`, not ending
/// in `i`), as plain substrings. An ASCII-case-blind byte search decides it: the only
/// characters beyond ASCII that lower-case to ASCII are the Kelvin sign (to `k`) and `İ` (to
/// `i` and a combining dot), and white space is not in a needle to be collapsed.
pub fn may_contain_any(hay: &str, needles: &[&str]) -> bool {
    // One pass over the text: at each byte that lower-cases to a needle's first byte, compare
    // that needle (cheaper than a search per needle on the short texts cues are read in).
    let mut firsts = 0u128;
    for n in needles {
        debug_assert!(
            n.bytes()
                .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase() && b != b'k')
                && !n.ends_with('i'),
            "{n}"
        );
        match n.as_bytes().first() {
            Some(&b) => firsts |= 1 << (b & 0x7f),
            None => return true,
        }
    }
    let h = hay.as_bytes();
    (0..h.len()).any(|at| {
        let b = h[at].to_ascii_lowercase();
        b < 0x80
            && firsts & (1 << b) != 0
            && needles.iter().any(|n| {
                let n = n.as_bytes();
                n[0] == b
                    && h.len() - at >= n.len()
                    && h[at + 1..at + n.len()].eq_ignore_ascii_case(&n[1..])
            })
    })
}

/// A quick test before `Norm::starts_with(p)` on the same prose `raw` (a [`Ctx::after`] for
/// a [`Ctx::norm_after`]): `false` only when the normalised text cannot start with `p`. The
/// normalised text starts with `raw`'s first word lower-cased, so `raw` after its white space
/// must start with `p`'s first word, ASCII case-blind (`p` lower-case ASCII without `k`, its
/// first word not ending in `i`: see [`may_contain_any`]).
pub fn may_start_with(raw: &str, p: &str) -> bool {
    let w = p.find(' ').map_or(p, |i| &p[..i]);
    debug_assert!(
        p.bytes()
            .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase() && b != b'k' || b == b' ')
            && !w.ends_with('i'),
        "{p}"
    );
    raw.trim_start()
        .as_bytes()
        .get(..w.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
}

/// A quick test before `Norm::ends_with(p)` on the same prose `raw` (a [`Ctx::before`] for a
/// [`Ctx::norm_before`]): `false` only when the normalised text cannot end with `p`, because
/// `raw` before its trailing white space does not end with `p`'s last word, ASCII case-blind
/// (`p` lower-case ASCII without `k`; a dotted capital I lower-cases to `i` and a combining
/// dot, so it never ends a match).
pub fn may_end_with(raw: &str, p: &str) -> bool {
    let w = p
        .as_bytes()
        .iter()
        .rposition(|&b| b == b' ')
        .map_or(p, |i| &p[i + 1..]);
    debug_assert!(
        p.bytes()
            .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase() && b != b'k' || b == b' '),
        "{p}"
    );
    // Trailing ASCII white space byte by byte; `trim_end` only for the rest.
    let mut r = raw.as_bytes();
    while let [rest @ .., b'\t'..=b'\r' | b' '] = r {
        r = rest;
    }
    if r.last().is_some_and(|&b| b >= 0x80) {
        r = raw.trim_end().as_bytes();
    }
    r.len() >= w.len() && r[r.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
}

/// Whether `hay` contains `needle` as a substring: a test of each byte against the needle's
/// first, then a comparison (the same answer as `str::contains`, cheaper on the few bytes of a
/// cue window than a general substring search).
pub fn short_contains(hay: &str, needle: &str) -> bool {
    let (h, w) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = w.split_first() else {
        return true;
    };
    if h.len() < w.len() {
        return false;
    }
    (0..=h.len() - w.len()).any(|at| h[at] == first && &h[at + 1..at + w.len()] == rest)
}

/// Case-insensitive whole-word search: whether `hay` contains `word` (words may contain spaces).
pub fn has_word(hay: &str, word: &str) -> bool {
    find_word(hay, word).is_some()
}

/// Case-insensitive whole-word search: the byte offset of the first match.
pub fn find_word(hay: &str, word: &str) -> Option<usize> {
    if hay.is_ascii() && word.is_ascii() {
        // The common case, without allocating: ASCII lower-casing keeps every byte offset,
        // so a case-blind byte search finds what a search in the lower-cased text would.
        return find_word_ascii(hay.as_bytes(), word.as_bytes());
    }
    let lh = hay.to_lowercase();
    if lh.len() != hay.len() {
        // Lower-casing changed byte lengths: fall back to ASCII-only lower-casing.
        let lh = hay.to_ascii_lowercase();
        return find_word_lower(&lh, &word.to_ascii_lowercase());
    }
    find_word_lower(&lh, &word.to_lowercase())
}

/// [`find_word`] over ASCII text and an ASCII word, ignoring ASCII case.
fn find_word_ascii(h: &[u8], w: &[u8]) -> Option<usize> {
    let (&first, rest) = w.split_first()?;
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut from = 0;
    while from + w.len() <= h.len() {
        let at = from + memchr::memchr2(lo, up, &h[from..=h.len() - w.len()])?;
        let end = at + w.len();
        if h[at + 1..end].eq_ignore_ascii_case(rest)
            && (at == 0 || !h[at - 1].is_ascii_alphanumeric())
            && h.get(end).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn find_word_lower(lh: &str, w: &str) -> Option<usize> {
    if w.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(k) = lh.get(from..).and_then(|s| s.find(w)) {
        let at = from + k;
        let end = at + w.len();
        let ok_before = lh[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let ok_after = lh[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if ok_before && ok_after {
            return Some(at);
        }
        from = at + lh[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// How a total was introduced.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TotalKind {
    /// The parts make the whole.
    Exhaustive,
    /// The parts are some of the whole.
    Inclusive,
}

/// Whether a figure is stated as a total ("a total of", "in all", "bringing ... to").
pub fn is_total(cx: &Ctx<'_>, q: &Quantity) -> bool {
    total_kind(cx, q).is_some_and(|(k, _)| k == TotalKind::Exhaustive)
}

/// Whether a figure is introduced as a whole ("of the 60", "out of 60").
pub fn is_whole(cx: &Ctx<'_>, q: &Quantity) -> bool {
    // Every cue ends in one of these words.
    let raw = cx.before(q);
    if !["of", "the", "its", "their"]
        .iter()
        .any(|w| may_end_with(raw, w))
    {
        return false;
    }
    let b = cx.norm_before(q);
    [
        ("of", " of"),
        ("of the", " of the"),
        ("out of", " out of"),
        ("out of the", " out of the"),
        ("of all the", " of all the"),
        ("of its", " of its"),
        ("of their", " of their"),
    ]
    .iter()
    .any(|(w, spaced)| b.is(w) || b.ends_with(spaced))
}

/// What each cue of [`new_clause`] holds (the quick test of [`may_contain_any`]).
const NEW_CLAUSE_STEMS: &[&str] = &[
    ";",
    "another",
    "while",
    "whereas",
    "but",
    "further",
    "additional",
];

/// Whether the prose between two figures starts a new clause with its own whole: `another`,
/// `a further`, `an additional`, a semicolon, `while`, `whereas`, `but`.
pub fn new_clause(gap: &str) -> bool {
    // Each cue below holds one of these.
    if !may_contain_any(gap, NEW_CLAUSE_STEMS) {
        return false;
    }
    let g = norm(gap);
    g.contains(';')
        || ["another", "while", "whereas", "but"]
            .iter()
            .any(|w| has_word(&g, w))
        || g.contains("a further")
        || g.contains("an additional")
}

/// The cues of an exhaustive total after its figure ("24 in all", "24 people in all").
const AFTER_EXHAUSTIVE: [&str; 4] = ["in all", "in total", "altogether", "combined"];

/// The cues of an inclusive total after its figure.
const AFTER_INCLUSIVE: [&str; 6] = [
    "includes",
    "including",
    "include",
    "of which",
    "among them",
    "which includes",
];

/// What every cue of [`AFTER_EXHAUSTIVE`] and [`AFTER_INCLUSIVE`] holds (the quick test of
/// [`may_contain_any`]).
const AFTER_STEMS: &[&str] = &[
    "all",
    "total",
    "altogether",
    "combined",
    "includ",
    "which",
    "among",
];

/// How a figure is stated as a total, if it is: exhaustive (`a total of`, `in all`,
/// `bringing ... to`, then `true`) or inclusive (`includes`, `of which`).
pub fn total_kind(cx: &Ctx<'_>, q: &Quantity) -> Option<(TotalKind, bool)> {
    const BEFORE: [&str; 4] = ["a total of", "totalling", "totaling", " to"];
    // The words before are read only when the prose before may end with one of the cues.
    let raw_before = cx.before(q);
    let before = BEFORE
        .iter()
        .any(|p| may_end_with(raw_before, p))
        .then(|| cx.norm_before(q));
    let ends = |p: &str| before.as_ref().is_some_and(|b| b.ends_with(p));
    if norm_starts_with(&cx.text(q.span), "a total of")
        || ends(BEFORE[0])
        || ends(BEFORE[1])
        || ends(BEFORE[2])
    {
        return Some((TotalKind::Exhaustive, false));
    }
    // Every cue after the figure is at most two words long and read within its first three
    // words; each holds one of AFTER_STEMS, so without one none is there.
    let cued_after = may_contain_any(first_words_raw(cx.after(q), 3), AFTER_STEMS);
    let after = if cued_after {
        cx.norm_after(q).first_words(3)
    } else {
        String::new()
    };
    // "24 in all", "24 people in all": at most one word between.
    if cued_after {
        let rest1 = after.split_once(' ').map_or("", |(_, r)| r);
        for w in AFTER_EXHAUSTIVE {
            if after.starts_with(w) || rest1.starts_with(w) {
                return Some((TotalKind::Exhaustive, false));
            }
        }
    }
    if ends(BEFORE[3]) && has_word(raw_before, "bringing") {
        return Some((TotalKind::Exhaustive, true));
    }
    if cued_after
        && AFTER_INCLUSIVE
            .iter()
            .any(|w| after.starts_with(w) || short_contains(&after, w))
    {
        return Some((TotalKind::Inclusive, false));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition: search the lower-cased text, a match standing alone as a word.
    fn find_word_reference(hay: &str, word: &str) -> Option<usize> {
        find_word_lower(&hay.to_lowercase(), &word.to_lowercase())
    }

    #[test]
    fn whole_words_only_any_case() {
        assert_eq!(find_word("Up by a Third, to 40", "third"), Some(8));
        assert_eq!(find_word("thirds", "third"), None);
        assert_eq!(find_word("a total of", "TOTAL OF"), Some(2));
        assert_eq!(find_word("x", ""), None);
        assert_eq!(find_word("in all", "in all."), None);
    }

    #[test]
    fn every_cue_after_a_total_holds_a_stem_of_the_quick_test() {
        for c in AFTER_EXHAUSTIVE.iter().chain(&AFTER_INCLUSIVE) {
            assert!(AFTER_STEMS.iter().any(|s| c.contains(s)), "{c}");
        }
        for c in [
            "another",
            "while",
            "whereas",
            "but",
            "a further",
            "an additional",
            ";",
        ] {
            assert!(NEW_CLAUSE_STEMS.iter().any(|s| c.contains(s)), "{c}");
        }
    }

    proptest! {
        /// The allocation-free ASCII search finds exactly what the definition finds.
        #[test]
        fn ascii_search_is_the_definition(
            hay in "[a-cA-C .,1-]{0,40}",
            word in "[a-cA-C ]{1,4}",
        ) {
            prop_assert_eq!(find_word(&hay, &word), find_word_reference(&hay, &word));
        }

        /// The allocation-free prefix test is the test on the normalised text.
        #[test]
        fn norm_starts_with_is_the_definition(
            s in "[a-cA-CÉé\u{212a}\u{130} \t\n.]{0,20}",
            p in "[a-c .]{0,6}",
        ) {
            prop_assert_eq!(norm_starts_with(&s, &p), norm(&s).starts_with(&p));
        }

        /// The quick cue test never says no to a text whose lower case holds the cue, and on
        /// ASCII it is the plain search.
        #[test]
        fn may_contain_is_a_safe_quick_test(
            s in "[a-cA-Cij\u{212a}\u{130}İ .]{0,24}",
            w in "[a-cj]{1,3}",
        ) {
            let lower = s.to_lowercase();
            if lower.contains(&w) {
                prop_assert!(may_contain_any(&s, &[&w]));
            }
            if s.is_ascii() {
                prop_assert_eq!(may_contain_any(&s, &[&w]), lower.contains(&w));
            }
            prop_assert_eq!(short_contains(&s, &w), s.contains(&w));
        }

        /// The raw prefix of the first words normalises to the first words of the normalised
        /// text.
        #[test]
        fn first_words_raw_holds_the_first_words(
            s in "[a-cA-C \t\n\r\u{b}\u{c}\u{1c}\u{85}\u{a0}\u{202f}\u{200b}é,]{0,30}",
            n in 1usize..4,
        ) {
            let want = norm(&s).split(' ').take(n).collect::<Vec<_>>().join(" ");
            prop_assert_eq!(norm(first_words_raw(&s, n)), want);
        }

        /// The quick prefix and suffix tests never say no where the normalised text does
        /// start or end with the cue.
        #[test]
        fn may_start_and_end_with_are_safe_quick_tests(
            s in "[a-cA-Cij\u{212a}\u{130}İ \t\n\u{a0}’.,]{0,16}",
            p in "[a-cij][a-cij .]{0,5}",
        ) {
            prop_assume!(!p.split(' ').next().unwrap_or("").ends_with('i'));
            let n = norm(&s);
            if n.starts_with(&p) {
                prop_assert!(may_start_with(&s, &p), "{:?} {:?}", s, p);
            }
            if n.ends_with(&p) {
                prop_assert!(may_end_with(&s, &p), "{:?} {:?}", s, p);
            }
        }

        /// Normalising collapses white space and lower-cases, as the definition says.
        #[test]
        fn norm_is_collapsed_lower_case(s in "[a-zA-ZÉé \t\n]{0,30}") {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            prop_assert_eq!(norm(&s), want);
        }
    }
}
