//! Sentence and clause boundaries in prose.

use crate::quantity::Span;

const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "rep", "sen", "gov", "pres", "prof", "no",
    "nos", "vs", "etc", "inc", "ltd", "co", "corp", "approx", "est", "a.m", "p.m", "u.s", "u.k",
    "u.n", "e.g", "i.e", "deg", "lb", "oz", "ft", "mt", "fig",
];

/// Splits prose into sentences. A sentence ends at a newline that starts a new block (in
/// plain text: a line break followed by a capital, digit or quote, or a blank line), or at
/// `.`, `!`, `?` followed by space and a capital letter, digit or quote, unless the word
/// before the full stop is a known abbreviation or a single capital initial.
pub fn sentences(prose: &str) -> Vec<Span> {
    let b = prose.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let mut cut = None;
        if c == b'\n' {
            let rest = &prose[i + 1..];
            let next = rest.trim_start_matches([' ', '\t', '\r']);
            let blank_line = next.starts_with('\n') || next.is_empty();
            let new_start = next.starts_with(|ch: char| {
                ch.is_uppercase() || ch.is_ascii_digit() || "\"“‘'-*#>(–—•".contains(ch)
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
                if let Some(ch) = rest.chars().next().filter(|ch| "\"”’')]".contains(*ch)) {
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &prose[j..];
            let after_ws = rest.trim_start_matches([' ', '\t']);
            if after_ws.len() < rest.len()
                && after_ws.starts_with(|ch: char| {
                    ch.is_uppercase() || ch.is_ascii_digit() || "\"“‘'(".contains(ch)
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

fn push(out: &mut Vec<Span>, prose: &str, s: usize, e: usize) {
    let t = &prose[s..e];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if s + lead < e - trail {
        out.push(Span::new(s + lead, e - trail));
    }
}

fn is_abbreviation(before: &str) -> bool {
    let w = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lw = w.to_lowercase();
    if ABBREVIATIONS.contains(&lw.as_str()) {
        return true;
    }
    // A single initial ("J. Smith") or dotted abbreviation ("U.S").
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && w.chars().all(|c| c.is_uppercase() || c == '.'))
        || (w.contains('.') && w.len() <= 5 && !w.chars().any(|c| c.is_ascii_digit()))
}

/// The clause boundaries inside a sentence: `,`, `;`, `:`, dashes and parentheses split
/// clauses. Returns the clause spans.
pub fn clauses(prose: &str, sentence: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut s = sentence.start;
    for (k, ch) in prose[sentence.start..sentence.end].char_indices() {
        let at = sentence.start + k;
        let boundary = matches!(ch, ';' | ':' | '—' | '(' | ')')
            || (ch == ',' && !prose[at + 1..].starts_with(|c: char| c.is_ascii_digit()))
            || (ch == '–' && prose[at..].starts_with("– "));
        if boundary {
            if at > s {
                out.push(Span::new(s, at));
            }
            s = at + ch.len_utf8();
        }
    }
    if sentence.end > s {
        out.push(Span::new(s, sentence.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
