//! Small lexical productions shared by the grammar: words, whitespace, case-insensitive tags.

use nom::{IResult, error::ErrorKind};

/// A char that continues a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `w.to_lowercase()`, borrowing `w` when it is ASCII with no capital (most words): no
/// allocation then. The same string as `str::to_lowercase`, which a property test checks.
pub fn to_lower(w: &str) -> std::borrow::Cow<'_, str> {
    if !w.is_ascii() {
        return std::borrow::Cow::Owned(w.to_lowercase());
    }
    if w.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(w.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(w)
    }
}

fn err(i: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(i, ErrorKind::Tag))
}

/// One or more horizontal spaces (no newline: a newline ends a block in prose).
pub fn ws(i: &str) -> IResult<&str, &str> {
    // ' ', '\t', '\r', U+00A0 (C2 A0), the typographic spaces U+2000–U+200A (E2 80 80–8A:
    // en, em, thin, hair, figure…), U+202F (E2 80 AF) and U+205F (E2 81 9F), byte by byte.
    let b = i.as_bytes();
    let mut n = 0;
    loop {
        match b.get(n) {
            Some(b' ' | b'\t' | b'\r') => n += 1,
            Some(0xC2) if b.get(n + 1) == Some(&0xA0) => n += 2,
            Some(0xE2)
                if matches!(
                    (b.get(n + 1), b.get(n + 2)),
                    (Some(0x80), Some(0x80..=0x8A | 0xAF)) | (Some(0x81), Some(0x9F))
                ) =>
            {
                n += 3
            }
            _ => break,
        }
    }
    if n == 0 {
        return Err(err(i));
    }
    Ok((&i[n..], &i[..n]))
}

/// The leading ASCII digits of `i` (maybe none) and the rest: nom's `digit1` without its
/// error when none.
#[inline]
pub fn digits(i: &str) -> (&str, &str) {
    let n = i.bytes().take_while(u8::is_ascii_digit).count();
    (&i[n..], &i[..n])
}

/// `digit1`: one or more ASCII digits.
#[inline]
pub fn digit1(i: &str) -> IResult<&str, &str> {
    match digits(i) {
        (_, "") => Err(nom::Err::Error(nom::error::Error::new(i, ErrorKind::Digit))),
        r => Ok(r),
    }
}

/// Zero or more horizontal spaces.
pub fn ws0(i: &str) -> IResult<&str, &str> {
    match ws(i) {
        Ok(r) => Ok(r),
        Err(_) => Ok((i, "")),
    }
}

/// A word: letters (and apostrophes inside). Returns the word.
pub fn word(i: &str) -> IResult<&str, &str> {
    // ASCII letters byte by byte; from the first non-ASCII char on, char by char.
    let b = i.as_bytes();
    let mut n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if b.get(n).is_some_and(|&c| c >= 0x80) {
        n += i[n..]
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(i.len() - n);
    }
    if n == 0 {
        return Err(err(i));
    }
    Ok((&i[n..], &i[..n]))
}

/// A case-insensitive whole word or phrase: the match must end at a word boundary.
pub fn word_ci(w: &'static str) -> impl Fn(&str) -> IResult<&str, &str> {
    move |i: &str| match phrase_ci(i, w) {
        Some(n) => Ok((&i[n..], &i[..n])),
        None => Err(err(i)),
    }
}

/// If `i` starts with phrase `p` (ASCII case-insensitive, spaces in `p` match any run of
/// horizontal spaces) ending at a word boundary, the byte length matched.
#[inline]
pub fn phrase_ci(i: &str, p: &str) -> Option<usize> {
    // Most calls fail at the first byte: tell those apart without the full comparison (a
    // phrase starting with a space or a non-ASCII byte takes the full path).
    if let (Some(a), Some(&b)) = (i.as_bytes().first(), p.as_bytes().first())
        && b != b' '
        && b.is_ascii()
        && !a.eq_ignore_ascii_case(&b)
    {
        return None;
    }
    phrase_ci_full(i, p)
}

/// [`phrase_ci`] without its first-byte test.
fn phrase_ci_full(i: &str, p: &str) -> Option<usize> {
    let ib = i.as_bytes();
    let pb = p.as_bytes();
    let (mut a, mut b) = (0, 0);
    while b < pb.len() {
        if pb[b] == b' ' {
            let n = ib[a..]
                .iter()
                .take_while(|&&c| c == b' ' || c == b'\t')
                .count();
            if n == 0 {
                return None;
            }
            a += n;
            b += 1;
            continue;
        }
        if a >= ib.len() {
            return None;
        }
        if pb[b] < 0x80 {
            if !ib[a].eq_ignore_ascii_case(&pb[b]) {
                return None;
            }
            a += 1;
            b += 1;
        } else {
            // Non-ASCII in the phrase: compare exactly.
            if ib[a] != pb[b] {
                return None;
            }
            a += 1;
            b += 1;
        }
    }
    let last_is_word = p.chars().last().is_some_and(is_word_char);
    if last_is_word && i[a..].starts_with(is_word_char) {
        return None;
    }
    if !i.is_char_boundary(a) {
        return None;
    }
    Some(a)
}

/// Exact (case-sensitive) phrase with a word boundary after a final word char.
pub fn phrase_exact(i: &str, p: &str) -> Option<usize> {
    if !i.starts_with(p) {
        return None;
    }
    let n = p.len();
    if p.chars().last().is_some_and(is_word_char) && i[n..].starts_with(is_word_char) {
        return None;
    }
    Some(n)
}

#[cfg(test)]
mod to_lower_tests {
    use super::to_lower;

    proptest::proptest! {
        /// `to_lower` is `str::to_lowercase`, for ASCII words and for any other text
        /// (title-case letters included).
        #[test]
        fn to_lower_is_to_lowercase(w in "([A-Za-z-]{0,12}|\\PC{0,12}|[a-z\u{1c5}\u{130}\u{3a3}\u{c9}]{0,6})") {
            let (fast, plain) = (to_lower(&w), w.to_lowercase());
            proptest::prop_assert_eq!(fast.as_ref(), plain.as_str());
        }
    }
}
