//! Sentence and clause boundaries in prose.

use crate::quantity::Span;

/// A known abbreviation (given in lower case) before a full stop that does not end a
/// sentence. (`matches!` on string literals compiles to a switch on length and bytes.)
fn is_known_abbreviation(lw: &[u8]) -> bool {
    matches!(
        lw,
        b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"mr"
            | b"mrs"
            | b"ms"
            | b"dr"
            | b"st"
            | b"gen"
            | b"col"
            | b"lt"
            | b"sgt"
            | b"rep"
            | b"sen"
            | b"gov"
            | b"pres"
            | b"prof"
            | b"no"
            | b"nos"
            | b"vs"
            | b"etc"
            | b"inc"
            | b"ltd"
            | b"co"
            | b"corp"
            | b"approx"
            | b"ca"
            | b"c"
            | b"est"
            | b"a.m"
            | b"p.m"
            | b"u.s"
            | b"u.k"
            | b"u.n"
            | b"e.g"
            | b"i.e"
            | b"deg"
            | b"lb"
            | b"oz"
            | b"ft"
            | b"mt"
            | b"fig"
    )
}

/// Splits prose into sentences. A sentence ends at a newline that starts a new block (plain
/// text has had its soft line breaks turned into spaces by [`join_soft_breaks`]), or at
/// `.`, `!`, `?` followed by space and a capital letter, digit or quote, unless the word
/// before the full stop is a known abbreviation or a single capital initial.
pub fn sentences(prose: &str) -> Vec<Span> {
    let b = prose.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        // Only a line break or a stop can end a sentence: skip to the next one.
        i = skip_to(b, i, b.len(), is_stop_byte, chunk_has_stop);
        if i >= b.len() {
            break;
        }
        let c = b[i];
        let mut cut = None;
        if c == b'\n' {
            let next = &prose[skip_blanks(b, i + 1)..];
            let blank_line = next.starts_with('\n') || next.is_empty();
            let new_start = next.starts_with(|ch: char| {
                ch.is_uppercase()
                    || ch.is_ascii_digit()
                    || matches!(
                        ch,
                        '"' | '“' | '‘' | '\'' | '-' | '*' | '#' | '>' | '(' | '–' | '—' | '•'
                    )
            });
            let prev = prose[start..i].trim_end();
            let prev_open = prev.ends_with(|ch: char| ch.is_lowercase() || ch == ',');
            if blank_line || new_start || !prev_open || prev.is_empty() {
                cut = Some(i + 1);
            }
        } else if (c == b'.' || c == b'!' || c == b'?') && i + 1 < b.len() {
            // Closing quotes and brackets after the stop belong to the sentence.
            let mut j = i + 1;
            while j < b.len() {
                let rest = &prose[j..];
                if let Some(ch) = rest
                    .chars()
                    .next()
                    .filter(|ch| matches!(*ch, '"' | '”' | '’' | '\'' | ')' | ']'))
                {
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &prose[j..];
            let after_ws = rest.trim_start_matches([' ', '\t']);
            if after_ws.len() < rest.len()
                && after_ws.starts_with(|ch: char| {
                    ch.is_uppercase()
                        || ch.is_ascii_digit()
                        || matches!(ch, '"' | '“' | '‘' | '\'' | '(')
                })
                && (c != b'.' || !is_abbreviation(&prose[start..i]))
            {
                cut = Some(j);
            }
        }
        if let Some(e) = cut {
            push(&mut out, prose, start, e);
            start = e;
            i = e;
            continue;
        }
        i += 1;
    }
    push(&mut out, prose, start, b.len());
    out
}

/// Pushes `prose[s..e]` without its leading and trailing white space, unless nothing is
/// left.
fn push(out: &mut Vec<Span>, prose: &str, s: usize, e: usize) {
    let (a, z) = trim_span(prose, s, e);
    if a < z {
        out.push(Span::new(a, z));
    }
}

/// The bounds of `prose[s..e].trim()`. ASCII white space (nearly all of it, and the runs of
/// spaces that stand for blanked markup) is passed over byte by byte, eight spaces at a
/// time; at a non-ASCII char `str::trim_start` / `str::trim_end` take over.
fn trim_span(prose: &str, s: usize, e: usize) -> (usize, usize) {
    /// `char::is_whitespace` for an ASCII byte.
    fn ascii_ws(c: u8) -> bool {
        matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
    }
    let b = prose.as_bytes();
    let mut a = s;
    while a + 8 <= e && b[a..a + 8] == [b' '; 8] {
        a += 8;
    }
    while a < e && ascii_ws(b[a]) {
        a += 1;
    }
    if a < e && !b[a].is_ascii() {
        let rest = &prose[a..e];
        a = e - rest.trim_start().len();
    }
    let mut z = e;
    while z > a && ascii_ws(b[z - 1]) {
        z -= 1;
    }
    if z > a && !b[z - 1].is_ascii() {
        z = a + prose[a..z].trim_end().len();
    }
    (a, z)
}

/// The first position from `i` whose byte is not a space, tab or carriage return (the
/// length of `b` if none); runs of spaces are passed over eight bytes at a time.
fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while b.get(i..i + 8).is_some_and(|w| w == [b' '; 8]) {
        i += 8;
    }
    while b.get(i).is_some_and(|&c| matches!(c, b' ' | b'\t' | b'\r')) {
        i += 1;
    }
    i
}

fn is_abbreviation(before: &str) -> bool {
    let w = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    // ASCII words (nearly all) are lower-cased on the stack; no abbreviation is longer
    // than six bytes.
    let known = if w.is_ascii() {
        let mut buf = [0u8; 6];
        w.len() <= buf.len() && {
            let lw = &mut buf[..w.len()];
            lw.copy_from_slice(w.as_bytes());
            lw.make_ascii_lowercase();
            is_known_abbreviation(lw)
        }
    } else {
        is_known_abbreviation(w.to_lowercase().as_bytes())
    };
    if known {
        return true;
    }
    // A single initial ("J. Smith") or dotted abbreviation ("U.S").
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && w.chars().all(|c| c.is_uppercase() || c == '.'))
        || (w.contains('.') && w.len() <= 5 && !w.chars().any(|c| c.is_ascii_digit()))
}

/// The clause boundaries inside a sentence: `,`, `;`, `:`, dashes and parentheses split
/// clauses. Returns the clause spans.
#[cfg(test)]
pub fn clauses(prose: &str, sentence: Span) -> Vec<Span> {
    let mut out = Vec::new();
    clauses_into(prose, sentence, usize::MAX, &mut out);
    out
}

/// A byte that can end a sentence: a line break or a stop.
fn is_stop_byte(c: u8) -> bool {
    matches!(c, b'\n' | b'.' | b'!' | b'?')
}

/// Bytes [`skip_to`] tests at once.
const CHUNK: usize = 16;

/// Whether a chunk holds a byte that can end a sentence ([`is_stop_byte`]). Written as a
/// branch-free OR of byte compares, which the compiler turns into a few vector
/// instructions for the whole chunk.
fn chunk_has_stop(chunk: &[u8; CHUNK]) -> bool {
    let mut any = 0u8;
    for &c in chunk {
        any |=
            u8::from(c == b'\n') | u8::from(c == b'.') | u8::from(c == b'!') | u8::from(c == b'?');
    }
    any != 0
}

/// Whether a chunk holds a byte of [`CLAUSE_BYTE`], tested as [`chunk_has_stop`] does.
/// (`c | 1` is `)` for `(` and `)` only, and `;` for `:` and `;` only.)
fn chunk_has_clause_byte(chunk: &[u8; CHUNK]) -> bool {
    let mut any = 0u8;
    for &c in chunk {
        any |= u8::from(c == b',')
            | u8::from(c | 1 == b')')
            | u8::from(c | 1 == b';')
            | u8::from(c == 0xE2);
    }
    any != 0
}

/// The first position from `i` below `end` whose byte satisfies `hit` (`end` if none).
/// Chunks of [`CHUNK`] bytes are passed over while `chunk_may_hit` (which must be true for
/// any chunk holding a hit) says none of them is one; in a chunk it is true for, the bytes
/// are tested one by one.
fn skip_to(
    b: &[u8],
    mut i: usize,
    end: usize,
    hit: impl Fn(u8) -> bool,
    chunk_may_hit: impl Fn(&[u8; CHUNK]) -> bool,
) -> usize {
    while i + CHUNK <= end {
        let Some(Ok(chunk)) = b.get(i..i + CHUNK).map(<&[u8; CHUNK]>::try_from) else {
            break;
        };
        if chunk_may_hit(chunk)
            && let Some(k) = chunk.iter().position(|&c| hit(c))
        {
            return i + k;
        }
        i += CHUNK;
    }
    while i < end && b.get(i).is_some_and(|&c| !hit(c)) {
        i += 1;
    }
    i
}

/// The bytes that can start a clause boundary: `;`, `:`, `(`, `)`, `,` and 0xE2, the first
/// byte of `—` and `–`.
const CLAUSE_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    t[b';' as usize] = true;
    t[b':' as usize] = true;
    t[b'(' as usize] = true;
    t[b')' as usize] = true;
    t[b',' as usize] = true;
    t[0xE2] = true;
    t
};

/// [`clauses`] into a caller's Vec (cleared first), so a loop over sentences can reuse one
/// allocation, and only as far as the clause holding byte `through` (or the first after it):
/// the clauses that start after `through` are left out. Walks bytes: every boundary is ASCII
/// or starts with the byte 0xE2 (`—`, `–`), and UTF-8 continuation bytes never look like
/// either.
pub fn clauses_into(prose: &str, sentence: Span, through: usize, out: &mut Vec<Span>) {
    out.clear();
    let b = prose.as_bytes();
    let mut s = sentence.start;
    let mut at = sentence.start;
    loop {
        at = skip_to(
            b,
            at,
            sentence.end,
            |c| CLAUSE_BYTE[usize::from(c)],
            chunk_has_clause_byte,
        );
        if at >= sentence.end {
            break;
        }
        let len = match b[at] {
            b';' | b':' | b'(' | b')' => 1,
            b',' if !b.get(at + 1).is_some_and(u8::is_ascii_digit) => 1,
            0xE2 if prose[at..].starts_with('—') || prose[at..].starts_with("– ") => 3,
            _ => {
                at += 1;
                continue;
            }
        };
        if at > s {
            out.push(Span::new(s, at));
        }
        if at > through {
            return;
        }
        s = at + len;
        at += len;
    }
    if sentence.end > s {
        out.push(Span::new(s, sentence.end));
    }
}

/// Plain text: turns the line breaks that do not end a sentence into spaces (same length, so
/// offsets stay file offsets), as Markdown does with soft breaks. A line break stays when a
/// blank line follows, when the line before ends with `.`, `!`, `?` or `:` (or a closing quote
/// or bracket after one, or a bracketed credit such as "(Getty Images)"), when the next line
/// starts a list item, or when the line before looks like a heading or byline: short, with no
/// trailing comma or dangling function word, and followed by a line that starts with a capital
/// letter, digit or quote. "for a week, until⏎February 1." stays one sentence.
pub fn join_soft_breaks(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = text.as_bytes().to_vec();
    let mut line_start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c != b'\n' {
            continue;
        }
        let prev = text[line_start..i].trim();
        line_start = i + 1;
        let next_line = text[i + 1..].split('\n').next().unwrap_or("");
        let next = next_line.trim();
        if !prev.is_empty() && !next.is_empty() && !hard_break(prev, next) {
            out[i] = b' ';
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

fn hard_break(prev: &str, next: &str) -> bool {
    const DANGLING: &[&str] = &[
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "into",
        "until", "till", "than", "as", "and", "or", "but", "nor", "that", "which", "who", "whom",
        "whose", "is", "was", "were", "are", "be", "been", "had", "has", "have", "said", "says",
        "about", "over", "after", "before", "since", "between", "against", "among", "per", "via",
        "if", "when", "while", "because", "its", "their", "his", "her", "our", "this", "these",
        "those", "some", "more", "less", "least", "most", "not", "no", "will", "would", "could",
    ];
    let body = prev.trim_end_matches(['"', '”', '’', '\'', '»', ')', ']']);
    if body.ends_with(['.', '!', '?', ':']) {
        return true;
    }
    // A credit line such as "… (Getty Images)" before a new line.
    let capital_next = next.chars().next().is_some_and(|ch| {
        ch.is_uppercase()
            || ch.is_ascii_digit()
            || matches!(ch, '"' | '“' | '‘' | '\'' | '(' | '–' | '—')
    });
    if ["- ", "* ", "• ", "– ", "— "]
        .iter()
        .any(|m| next.starts_with(m))
        || next == "-"
    {
        return true;
    }
    if prev.ends_with(')')
        && prev
            .rfind('(')
            .is_some_and(|k| prev[k + 1..].starts_with(char::is_uppercase))
        && capital_next
    {
        return true;
    }
    let last = prev
        .rsplit(|ch: char| ch.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let heading = prev.len() <= 100
        && prev.split_whitespace().count() <= 16
        && !prev.ends_with([',', ';', '-', '–', '—', '(', '&'])
        && !DANGLING.contains(&last.as_str());
    heading && capital_next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_text(t: &str) -> Vec<String> {
        let p = join_soft_breaks(t);
        assert_eq!(p.len(), t.len());
        sentences(&p)
            .iter()
            .map(|sp| t[sp.start..sp.end].to_string())
            .collect()
    }

    #[test]
    fn plain_text_line_breaks() {
        // A hard wrap mid-clause does not end the sentence.
        assert_eq!(
            split_text("The pause would last for a week, until\nFebruary 1. Then more.\n"),
            vec![
                "The pause would last for a week, until\nFebruary 1.",
                "Then more."
            ]
        );
        assert_eq!(
            split_text("It fired 111 drones and\n80 were downed.\n"),
            vec!["It fired 111 drones and\n80 were downed."]
        );
        // A stop, a blank line or a heading-like line ends it.
        assert_eq!(
            split_text(
                "Kremlin confirms pause in strikes\nBy Jane Doe, Wire\nIt said so.\nThe \"end.\"\nNext one"
            ),
            vec![
                "Kremlin confirms pause in strikes",
                "By Jane Doe, Wire",
                "It said so.",
                "The \"end.\"",
                "Next one"
            ]
        );
        assert_eq!(
            split_text("a pause until\n\nFebruary 1 came"),
            vec!["a pause until", "February 1 came"]
        );
        assert_eq!(
            split_text("A photo of the port. (Getty Images)\nOfficials said"),
            vec!["A photo of the port.", "(Getty Images)", "Officials said"]
        );
    }

    #[test]
    fn clauses_stop_after_the_one_holding_through() {
        let t = "One, two; three (four) five — six, 7,000 seven.";
        let s = Span::new(0, t.len());
        let all = clauses(t, s);
        assert!(all.len() > 5, "{all:?}");
        for through in 0..t.len() {
            let mut part = Vec::new();
            clauses_into(t, s, through, &mut part);
            assert!(all.starts_with(&part), "{through}: {part:?}");
            // Every clause that starts at or before `through` is there.
            assert!(
                all.iter()
                    .filter(|c| c.start <= through)
                    .all(|c| part.contains(c)),
                "{through}: {part:?}"
            );
        }
    }

    #[test]
    fn chunk_tests_agree_with_the_byte_tests() {
        for v in 0..=255u8 {
            for at in [0, 7, CHUNK - 1] {
                let mut chunk = [b'a'; CHUNK];
                chunk[at] = v;
                assert_eq!(chunk_has_stop(&chunk), is_stop_byte(v), "{v:#x} at {at}");
                assert_eq!(
                    chunk_has_clause_byte(&chunk),
                    CLAUSE_BYTE[usize::from(v)],
                    "{v:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn skip_to_finds_the_first_hit_like_a_byte_scan() {
        let text = "no stop in this long run of words, then one. And — a dash; more?\nend";
        let b = text.as_bytes();
        for start in 0..b.len() {
            for end in start..=b.len() {
                let naive = (start..end).find(|&k| is_stop_byte(b[k])).unwrap_or(end);
                let fast = skip_to(b, start, end, is_stop_byte, chunk_has_stop);
                assert_eq!(fast, naive, "{start}..{end}");
                let naive = (start..end)
                    .find(|&k| CLAUSE_BYTE[usize::from(b[k])])
                    .unwrap_or(end);
                let fast = skip_to(
                    b,
                    start,
                    end,
                    |c| CLAUSE_BYTE[usize::from(c)],
                    chunk_has_clause_byte,
                );
                assert_eq!(fast, naive, "{start}..{end}");
            }
        }
    }

    #[test]
    fn circa_does_not_end_a_sentence() {
        let t = "It had ca. 300 residents and c. 1,200 workers. Then it grew.";
        assert_eq!(sentences(t).len(), 2);
    }

    #[test]
    fn splits() {
        let t = "Russia fired 111 drones. Feb. 1 is near. The U.S. said so!\nNext line";
        let s: Vec<&str> = sentences(t).iter().map(|sp| &t[sp.start..sp.end]).collect();
        assert_eq!(
            s,
            vec![
                "Russia fired 111 drones.",
                "Feb. 1 is near.",
                "The U.S. said so!",
                "Next line"
            ]
        );
    }
}
