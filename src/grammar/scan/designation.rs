//! Designations and other digit-bearing tokens that are not figures ("MiG-29", "A320",
//! a phone number, a score, a model number).

use super::*;

/// A designation: letters joined to digits ("MiG-29", "A320", "H5N1", "I-95", "SCP-173",
/// "Rossiya-1"), or digit groups joined by hyphens like a phone number ("555-123-4567").
pub(crate) fn is_designation(cx: &Cx, tok: &str) -> bool {
    let has_digit = tok.bytes().any(|c| c.is_ascii_digit());
    // Every designation below has a digit.
    if !has_digit {
        return false;
    }
    let has_alpha = tok.chars().any(|c| c.is_alphabetic());
    let first = tok.chars().next().unwrap_or(' ');
    if has_digit && has_alpha && first.is_alphabetic() {
        let letters_end = tok.find(|c: char| !c.is_alphabetic()).unwrap_or(tok.len());
        let letters = &tok[..letters_end];
        // "USD115": a currency code written against its amount.
        if tok[letters_end..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && cx.t.currency_prefixes.iter().any(|(p, _)| p == letters)
        {
            return false;
        }
        // "mid-2024", "pre-2022": a lower-case prefix before a year is not a designation.
        let lower_prefix = letters.chars().all(char::is_lowercase)
            && letters.len() >= 3
            && tok[letters.len()..].starts_with('-');
        return !lower_prefix;
    }
    if has_digit && has_alpha && first.is_ascii_digit() {
        // "4x4", "3G5": digits, letters, then digits again.
        let after_letters =
            tok.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        let after_alpha = after_letters.trim_start_matches(|c: char| c.is_alphabetic());
        let letters = &after_letters[..after_letters.len() - after_alpha.len()];
        // "1e10", "1.3x10^6": scientific notation; "30/January/2026": a date.
        if matches!(letters, "e" | "E" | "x") || after_letters.starts_with('/') {
            return false;
        }
        // "5k-20k": a scale suffix in a range.
        if after_alpha.starts_with('-') && cx.t.suffixes.iter().any(|(s, _)| s == letters) {
            return false;
        }
        // "24703m2": a unit written against its number.
        if crate::grammar::quantity::unit(cx, after_letters, true)
            .is_some_and(|(n, _)| n == after_letters.len())
        {
            return false;
        }
        return after_alpha.chars().any(|c| c.is_ascii_digit()) && !after_letters.starts_with('-');
    }
    if has_digit && !has_alpha {
        let groups = tok.split('-').count();
        if groups < 3 {
            return false;
        }
        // "2026-01-28" is an ISO date.
        if date::date(cx, tok).is_ok_and(|(r, _)| r.is_empty()) {
            return false;
        }
        // A group may hold digits joined by "/" ("+1-222-2222/2222").
        return groups >= 3
            && tok.split('-').all(|g| {
                !g.is_empty()
                    && g.split('/')
                        .all(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
            });
    }
    false
}

/// Digits that read as a number but name or score something: the length to pass over
/// without a figure. A score or team record ("2-0", "won 3-1", "a 21-17 victory", "the Jets
/// (4-11)"), an asteroid's designation ("2024 YR4").
pub(crate) fn not_figure(cx: &Cx, prose: &str, s: Span, i: usize, rest: &str) -> Option<usize> {
    // A number too large to hold exactly is passed over whole, not read from its last groups.
    if let Some(n) = crate::grammar::number::too_large(cx, rest) {
        return Some(n);
    }
    let b = rest.as_bytes();
    let d1 = b.iter().take_while(|c| c.is_ascii_digit()).count();
    // Every form has a joiner or a space within five bytes of the start.
    if matches!(b.get(d1), Some(b'-' | b'/'))
        && let Some(n) = idiom(cx, rest)
    {
        return Some(n);
    }
    match b.get(d1) {
        Some(b'-' | 0xE2) if d1 <= 3 => score_pair(cx, prose, s, i, rest, d1),
        Some(b' ') if d1 == 4 => minor_planet(rest).or_else(|| max_model(rest, d1)),
        Some(b' ') if d1 == 3 => max_model(rest, d1),
        _ => None,
    }
}

/// "24/7", "9/11" (`grammar/designations.toml` `idioms`): its length.
pub(crate) fn idiom(cx: &Cx, rest: &str) -> Option<usize> {
    cx.t.idioms.iter().find_map(|w| {
        let after = rest.strip_prefix(w.as_str())?;
        let more = after.starts_with(|c: char| c.is_alphanumeric())
            || (after.starts_with(['/', '-'])
                && after[1..].starts_with(|c: char| c.is_ascii_digit()));
        (!more).then_some(w.len())
    })
}

/// "737 Max 10", "737 MAX 8", "38 737 MAX jets": an aircraft model and its variant.
pub(crate) fn max_model(rest: &str, d1: usize) -> Option<usize> {
    let after = rest[d1 + 1..]
        .strip_prefix("Max")
        .or_else(|| rest[d1 + 1..].strip_prefix("MAX"))?;
    if after.starts_with(is_word_char) {
        return None;
    }
    let end = rest.len() - after.len();
    let Some(n) = after.strip_prefix(' ') else {
        return Some(end);
    };
    let d = n.bytes().take_while(u8::is_ascii_digit).count();
    if d > 0 && d <= 2 && !n[d..].starts_with(is_word_char) {
        return Some(end + 1 + d);
    }
    Some(end)
}

/// "2024 YR4", "1997 XF11": a year, a space, two capitals and digits (a minor planet's
/// provisional designation).
pub(crate) fn minor_planet(rest: &str) -> Option<usize> {
    let y: u32 = rest.get(..4)?.parse().ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let d = rest.as_bytes().get(5..)?;
    let caps = d.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = d[caps..].iter().take_while(|c| c.is_ascii_digit()).count();
    let end = 5 + caps + digits;
    (caps == 2 && digits > 0 && !rest[end..].starts_with(is_word_char)).then_some(end)
}

/// `N-M` (hyphen or en dash, no spaces; whole numbers of up to three digits) read as a
/// score or a record: its length, or `None` when it may be a range (see
/// `grammar/designations.toml` `[context]`).
pub(crate) fn score_pair(
    cx: &Cx,
    prose: &str,
    s: Span,
    i: usize,
    rest: &str,
    d1: usize,
) -> Option<usize> {
    let sep = if rest[d1..].starts_with('-') {
        1
    } else if rest[d1..].starts_with('–') {
        '–'.len_utf8()
    } else {
        return None;
    };
    let after = &rest[d1 + sep..];
    let d2 = after.bytes().take_while(u8::is_ascii_digit).count();
    if d2 == 0 || d2 > 3 {
        return None;
    }
    let end = d1 + sep + d2;
    let tail = &rest[end..];
    // "2-0-1", "3-1a", "2.5-1.5", "4-11/12": something else.
    if tail.starts_with(is_word_char)
        || tail.starts_with(['-', '–', '/'])
        || (tail.starts_with(['.', ',']) && tail[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let next = tail.trim_start_matches([' ', '\t']);
    // "10-5%", "5-3 km": a measure, left to the productions.
    if next.starts_with('%')
        || crate::grammar::quantity::unit(cx, next, next.len() == tail.len()).is_some()
    {
        return None;
    }
    let a: u32 = rest[..d1].parse().ok()?;
    let bv: u32 = after[..d2].parse().ok()?;
    if a >= bv {
        return Some(end);
    }
    let t = cx.t;
    let next_word = next_lower_word(next);
    if t.score_after.contains(next_word.as_str()) {
        return Some(end);
    }
    let before = prose[s.start..i].trim_end_matches([' ', '\t']);
    // "the Jets (4-11)": alone in brackets, after a name that is not the sentence's first word.
    if let Some(inside) = before.strip_suffix('(')
        && tail.starts_with(')')
    {
        let inside = inside.trim_end_matches([' ', '\t']);
        let w_start = inside.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |k| {
            k + inside[k..].chars().next().map_or(1, char::len_utf8)
        });
        let name = &inside[w_start..];
        let initial = inside[..w_start].trim().is_empty();
        if name.starts_with(char::is_uppercase) && !initial {
            return Some(end);
        }
        return None;
    }
    // "lost 11-14 to the Jets", "went 4-11 last season": a score word before, and the phrase
    // ends with the pair (not "led 10-15 volunteers").
    let w_start = before.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |k| {
        k + before[k..].chars().next().map_or(1, char::len_utf8)
    });
    let prev = before[w_start..].to_lowercase();
    let ends_phrase = next_word.is_empty()
        || matches!(
            next_word.as_str(),
            "to" | "against"
                | "at"
                | "in"
                | "on"
                | "over"
                | "after"
                | "with"
                | "and"
                | "but"
                | "for"
                | "last"
                | "this"
                | "the"
                | "when"
                | "as"
                | "before"
                | "since"
        );
    (t.score_before.contains(prev.as_str()) && ends_phrase).then_some(end)
}
