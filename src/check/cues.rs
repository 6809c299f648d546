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

/// Whether the prose between two figures starts a new clause with its own whole: `another`,
/// `a further`, `an additional`, a semicolon, `while`, `whereas`, `but`.
pub fn new_clause(gap: &str) -> bool {
    let g = norm(gap);
    g.contains(';')
        || ["another", "while", "whereas", "but"]
            .iter()
            .any(|w| has_word(&g, w))
        || g.contains("a further")
        || g.contains("an additional")
}

/// How a figure is stated as a total, if it is: exhaustive (`a total of`, `in all`,
/// `bringing ... to`, then `true`) or inclusive (`includes`, `of which`).
pub fn total_kind(cx: &Ctx<'_>, q: &Quantity) -> Option<(TotalKind, bool)> {
    let own = norm(&cx.text(q.span));
    let before = cx.norm_before(q);
    // Every cue after the figure is at most two words long and read within its first three
    // words.
    let after = cx.norm_after(q).first_words(3);
    if own.starts_with("a total of")
        || before.ends_with("a total of")
        || before.ends_with("totalling")
        || before.ends_with("totaling")
    {
        return Some((TotalKind::Exhaustive, false));
    }
    // "24 in all", "24 people in all": at most one word between.
    let rest1 = after.split_once(' ').map_or("", |(_, r)| r);
    for w in ["in all", "in total", "altogether", "combined"] {
        if after.starts_with(w) || rest1.starts_with(w) {
            return Some((TotalKind::Exhaustive, false));
        }
    }
    if before.ends_with(" to") && has_word(cx.before(q), "bringing") {
        return Some((TotalKind::Exhaustive, true));
    }
    if [
        "includes",
        "including",
        "include",
        "of which",
        "among them",
        "which includes",
    ]
    .iter()
    .any(|w| after.starts_with(w) || after.contains(w))
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

    proptest! {
        /// The allocation-free ASCII search finds exactly what the definition finds.
        #[test]
        fn ascii_search_is_the_definition(
            hay in "[a-cA-C .,1-]{0,40}",
            word in "[a-cA-C ]{1,4}",
        ) {
            prop_assert_eq!(find_word(&hay, &word), find_word_reference(&hay, &word));
        }

        /// Normalising collapses white space and lower-cases, as the definition says.
        #[test]
        fn norm_is_collapsed_lower_case(s in "[a-zA-ZÉé \t\n]{0,30}") {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            prop_assert_eq!(norm(&s), want);
        }
    }
}
