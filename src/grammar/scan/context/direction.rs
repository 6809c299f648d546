//! Direction: what a figure of change says rose or fell.

use super::*;

/// The counted noun of a bare count that a verb of change puts a subject to ("mortgage
/// approvals rose to 64,300", "road deaths fell to 1,624", "applications fell by 17,000",
/// "the death toll rose to 2,100"): the subject's plural head, found by walking back from the
/// verb to the clause's start. `start` is the figure's first byte.
pub(crate) fn subject_of_change<'a>(
    cx: &Cx,
    prose: &str,
    sc: &Scratch<'a>,
    t: &Tables,
    start: usize,
) -> Option<(Word<'a>, Cow<'static, str>)> {
    let words = &sc.words[..];
    let mut k = words.partition_point(|w| w.span.start < start);
    // Between the verb and the figure: prepositions, another figure, a hedge's remains.
    let mut steps = 0;
    while k > 0 && steps < 6 {
        let lw = sc.lw(&words[k - 1]);
        let skip = matches!(
            lw,
            "to" | "from"
                | "by"
                | "at"
                | "just"
                | "only"
                | "a"
                | "an"
                | "the"
                | "record"
                | "percent"
                | "per"
                | "cent"
                | "points"
                | "point"
        ) || words[k - 1]
            .text
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b',' || c == b'.');
        if !skip {
            break;
        }
        k -= 1;
        steps += 1;
    }
    if steps == 0 || k == 0 {
        return None;
    }
    let v = sc.lw(&words[k - 1]);
    let change = t.direction_up.contains(v)
        || t.direction_down.contains(v)
        || lexicon::verb_lemma(v).is_some_and(|l| {
            matches!(
                l,
                "reach" | "total" | "stand" | "top" | "exceed" | "hit" | "number" | "rise" | "fall"
            )
        });
    if !change {
        return None;
    }
    k -= 1;
    while k > 0 {
        let c = lexicon::closed(sc.lw(&words[k - 1]));
        if !(c.is(Closed::AUXILIARY) || c == Closed::ADVERB) {
            break;
        }
        k -= 1;
    }
    let mut best = None;
    let mut m = k;
    while m > 0 && k - m < 10 {
        let w = &words[m - 1];
        if m < words.len() && !gap_ok_words(prose, w, &words[m]) {
            break;
        }
        let lw = sc.lw(w);
        let c = lexicon::closed(lw);
        if c.is(Closed::CONJUNCTION) {
            break;
        }
        if matches!(lw, "list" | "lists" | "level" | "levels" | "index") {
            // "waiting lists fell to 7.4 million": what the list holds is not named.
        } else if w.text.starts_with(|c: char| c.is_uppercase()) && m > 1 {
            // "in England and Wales": a name inside the sentence counts nothing.
        } else if matches!(lw, "toll" | "tolls") {
            // A toll counts deaths ("the death toll", "the fire's toll", "Kessling fire toll
            // climbs to 12"): the word before it names the event, not what is counted, unless
            // it is another count ("the injury toll", "the casualty toll").
            let before = (m >= 2).then(|| &words[m - 2]).and_then(|x| {
                match np_word(cx, sc, t, x, sc.lw(x), true) {
                    NpWord::Singular(l) | NpWord::Plural(l) => Some((*x, l)),
                    _ => None,
                }
            });
            best = Some(match before {
                Some((x, l)) if matches!(&*l, "injury" | "casualty" | "death") => (x, l),
                _ => (*w, Cow::Borrowed("death")),
            });
        } else if matches!(lw, "number" | "numbers" | "total" | "tally" | "count") {
            // "the death toll", "passenger numbers": the noun before counts.
            if m >= 2
                && let x = &words[m - 2]
                && let NpWord::Singular(l) | NpWord::Plural(l) =
                    np_word(cx, sc, t, x, sc.lw(x), true)
            {
                best = Some((*x, l));
            }
        } else if let NpWord::Plural(l) = np_word(cx, sc, t, w, lw, false) {
            best = Some((*w, l));
        }
        m -= 1;
    }
    best
}

/// Whether the last word of `s` is one of `words` (lower case).
pub(crate) fn ends_with_word(s: &str, words: &[&str]) -> bool {
    let s = s.trim_end();
    let last = s
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    words.contains(&last.as_str())
}

/// Whether the words after a bare count at `end` are an auxiliary or a verb ("46 were
/// intercepted", "12 died"): the count is the subject, its noun understood.
pub(crate) fn bare_subject(prose: &str, sc: &Scratch, end: usize) -> bool {
    let rest = prose[end..].trim_start_matches([' ', '\t']);
    let w: String = rest
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    if w.is_empty() || rest.len() == prose.len() - end {
        return false;
    }
    let r = sc.reading(&w);
    r.closed.is(Closed::AUXILIARY) || (!r.closed.any() && verb_here(&r))
}
