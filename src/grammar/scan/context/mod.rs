//! The context pass: each figure's counted noun, role and direction, read from the words of
//! its sentence.

mod direction;
mod nouns;
mod roles;
mod words;

use super::*;
use crate::grammar::tables::ContextIndex;
use direction::*;
pub(crate) use nouns::*;
use roles::*;
pub(crate) use words::*;

/// The clause of `clauses` (in order and disjoint) that holds byte `pos`, if any.
pub(crate) fn clause_at(clauses: &[Span], pos: usize) -> Option<Span> {
    // The clause holding `pos`, if any, is the first that ends after it.
    let at = clauses.partition_point(|c| c.end <= pos);
    clauses.get(at).copied().filter(|c| c.start <= pos)
}

/// Attaches to the figures `qs` of sentence `s` their counted noun (the words after the
/// figure), role and direction (the words of the figure's clause).
///
/// Kept out of line: inlined into the scanner's loop it costs more (callgrind: about 1 M
/// instructions per MB of prose).
#[inline(never)]
pub(crate) fn attach_context<'a>(
    cx: &Cx,
    prose: &'a str,
    s: Span,
    qs: &mut [Quantity],
    sc: &mut Scratch<'a>,
) {
    if qs.is_empty() {
        return;
    }
    // Clauses after the last figure's are not needed.
    let last = qs.iter().map(|q| q.span.start).max().unwrap_or(s.start);
    clauses_into(prose, s, last, &mut sc.clauses);
    // No word reaches across a clause boundary, and no figure's context starts before its
    // clause (but for an antecedent, looked for apart): words are read from the first clause
    // holding a figure, and only as far as needed.
    sc.q_clauses.clear();
    sc.q_clauses
        .extend(qs.iter().map(|q| clause_at(&sc.clauses, q.span.start)));
    let base = sc
        .q_clauses
        .iter()
        .map(|c| c.map_or(s.start, |c| c.start))
        .min()
        .unwrap_or(s.start);
    sc.start(prose, base, s.end);
    let t = cx.t;
    let ix = &t.context;
    // Counted nouns.
    for k in 0..qs.len() {
        if qs[k].noun.is_some()
            || !matches!(qs[k].dimension, Dimension::Count | Dimension::Fraction)
        {
            continue;
        }
        let end = qs[k].span.end;
        // "the 12-member jury", "a 40-page report": the noun is joined to the figure.
        if qs[k].dimension == Dimension::Count
            && let Some((w, tail)) = hyphen_noun(prose, sc, end)
        {
            set_noun_lemma(&mut qs[k], &w, tail.into_owned());
            continue;
        }
        // Words are in order: the ones starting at or after `end` are a suffix.
        sc.read_past(end);
        let from = sc.words.partition_point(|w| w.span.start < end);
        sc.read_to_count(from + 8);
        let sc = &*sc;
        let words = &sc.words[..];
        let after = &words[from..words.len().min(from + 8)];
        // Anything but spaces between the figure and the next word (a comma, a bracket)
        // means the next word is not its noun. No-break and typographic spaces are spaces
        // ("40&nbsp;drones").
        let gap_ok = |w: &Word| {
            let gap = &prose[end..w.span.start];
            gap.bytes().all(|c| c == b' ' || c == b'\t')
                || crate::grammar::text::ws(gap).is_ok_and(|(rest, _)| rest.is_empty())
        };
        let Some(first) = after.first() else { continue };
        if !gap_ok(first) {
            continue;
        }
        // A count with decimals before a singular noun ("a magnitude 6.8 earthquake") is a
        // measure, counting no noun.
        let decimal = qs[k].value.is_some_and(|f| !f.value.fract().is_zero());
        if sc.lw(first) == "of" {
            let Some(second) = after.get(1) else { continue };
            if matches!(sc.lw(second), "them" | "which" | "those" | "these" | "whom") {
                // Antecedent: the nearest noun before in the sentence.
                let before = qs[..k]
                    .iter()
                    .rev()
                    .find_map(|p| p.lemma.clone().map(|l| (p.noun.clone(), l, p.noun_span)));
                if let Some((noun, lemma, nsp)) = before {
                    qs[k].noun = noun;
                    qs[k].lemma = Some(lemma);
                    qs[k].noun_span = nsp;
                } else if let Some(w) = words
                    .iter()
                    .rev()
                    .filter(|w| w.span.end <= qs[k].span.start)
                    .find(|w| is_antecedent(sc, t, sc.lw(w)))
                {
                    set_noun(&mut qs[k], w, sc.lw(w));
                } else if base > s.start {
                    antecedent_before(cx, prose, Span::new(s.start, base), &mut qs[k], &sc.lex);
                } else if let Some((noun, lemma, nsp)) = sc.prev_noun.clone() {
                    qs[k].noun = Some(noun);
                    qs[k].lemma = Some(lemma);
                    qs[k].noun_span = Some(nsp);
                }
                continue;
            }
            // "80 of the 111 drones", "two thirds of the region", "dozens of drones".
            let mut idx = 1;
            while let Some(w) = after.get(idx) {
                let lw = sc.lw(w);
                if matches!(
                    lw,
                    "the"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "our"
                        | "those"
                        | "these"
                        | "all"
                        | "this"
                        | "that"
                        | "a"
                        | "an"
                ) || (matches!(
                    lw,
                    "past" | "last" | "first" | "next" | "previous" | "remaining" | "top"
                ) && after.get(idx + 1).is_some_and(|n| {
                    n.text.bytes().all(|c| c.is_ascii_digit() || c == b',')
                        || is_number_word(t, sc.lw(n))
                })) || w
                    .text
                    .bytes()
                    .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
                    || (idx > 1 && t.scales.contains_key(lw))
                    || is_number_word(t, lw)
                    || lw.ends_with("'s")
                    || lw.ends_with("’s")
                {
                    idx += 1;
                    continue;
                }
                break;
            }
            if let Some((h, lemma)) =
                np_head(cx, prose, sc, t, &after[idx.min(after.len())..], idx > 1)
            {
                set_noun_lemma(&mut qs[k], &after[idx + h], lemma.into_owned());
            }
            continue;
        }
        if let Some((h, lemma)) = np_head(cx, prose, sc, t, after, false)
            && (!decimal || is_plural_noun(sc, t, sc.lw(&after[h])))
        {
            set_noun_lemma(&mut qs[k], &after[h], lemma.into_owned());
        }
    }
    elided_nouns(cx, prose, s.start, qs, sc);
    // Roles and direction, within the clause.
    for (qn, q) in qs.iter_mut().enumerate() {
        let direction = matches!(
            q.dimension,
            Dimension::Percent
                | Dimension::PercentagePoints
                | Dimension::Currency
                | Dimension::Count
        );
        if q.lemma.is_none() && !direction {
            continue;
        }
        let Some(cl) = sc.q_clauses.get(qn).copied().flatten() else {
            continue;
        };
        // Roles are looked for in the whole clause; a direction only among the words before
        // the figure (all read once those starting before it are).
        sc.read_past(if q.lemma.is_some() {
            cl.end
        } else {
            q.span.start
        });
        let sc = &*sc;
        let words = &sc.words[..];
        let c0 = words.partition_point(|w| w.span.start < cl.start);
        let c1 = words.partition_point(|w| w.span.end <= cl.end).max(c0);
        let cw = &words[c0..c1];
        // Word starts are in order: these are the first word at or after the figure and
        // the first after the figure and its noun.
        let qi = cw.partition_point(|w| w.span.start < q.span.start);
        let noun_end = q
            .noun_span
            .filter(|n| n.start > q.span.start)
            .map_or(q.span.end, |n| n.end);
        let qe = cw.partition_point(|w| w.span.start < noun_end);
        if q.lemma.is_some() {
            // (distance, index in `roles`) of the nearest role phrase.
            let mut best: Option<(usize, usize)> = None;
            for wi in (0..qi).chain(qe..cw.len()) {
                if !may_start_role(t, ix, sc.lw(&cw[wi])) {
                    continue;
                }
                let Some((e, n)) = role_at(t, ix, sc, cw, wi) else {
                    continue;
                };
                let dist = if wi < qi {
                    qi - (wi + n - 1)
                } else {
                    wi - qe + 1
                };
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, e));
                }
            }
            // The verb that governs the counted noun decides: one after the noun and its
            // auxiliaries ("46 were shot down", "three crew members died", "left 2,100
            // people dead"), else one right before the figure ("police arrested 12 men").
            // The nearest role phrase of the clause is the fallback.
            q.role = governing_role(t, ix, sc, cw, qi, qe)
                .or_else(|| best.map(|(_, e)| t.roles[e].1.clone()));
            // A toll's count ("the death toll from the fire rose to 12") is of deaths: the verb
            // says how it changed, and a role word elsewhere in the clause ("fire") is not
            // what was done to it.
            if let Some(n) = q.noun_span
                && q.lemma.as_deref() == Some("death")
                && toll_at(prose, n)
            {
                q.role = Some("killed".to_string());
            }
        }
        if direction {
            let lookback = if q.dimension == Dimension::Count {
                2
            } else {
                3
            };
            for w in cw[..qi].iter().rev().take(lookback) {
                let lw = sc.lw(w);
                if lw == "by" {
                    continue;
                }
                if q.dimension == Dimension::Count && (lw == "up" || lw == "down") {
                    break;
                }
                if !ix.may_be_direction(lw) {
                    continue;
                }
                if t.direction_up.contains(lw) {
                    q.direction = Some(Direction::Up);
                    break;
                }
                if t.direction_down.contains(lw) {
                    q.direction = Some(Direction::Down);
                    break;
                }
            }
        }
    }
    shared_roles(prose, qs, sc);
    // "Destroyed" brings down a thing that flies ("destroyed 20 drones": downed); anything
    // else destroyed is destroyed ("destroyed 41 homes").
    for q in qs.iter_mut() {
        if q.role.as_deref() == Some("destroyed")
            && q.lemma
                .as_deref()
                .is_some_and(|l| t.aerial_nouns.contains(&crate::grammar::noun_group(l)))
        {
            q.role = Some("downed".to_string());
        }
    }
}

/// Whether the noun at `n` is a toll ("toll", "tolls") or stands right before one ("death
/// toll").
fn toll_at(prose: &str, n: Span) -> bool {
    let is_toll = |w: &str| w.eq_ignore_ascii_case("toll") || w.eq_ignore_ascii_case("tolls");
    let next = prose[n.end..]
        .trim_start_matches([' ', '\t'])
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    is_toll(&prose[n.start..n.end]) || is_toll(next)
}

/// Whether the text between two figures only joins them as members of a list: a comma,
/// optionally followed by "and" or "or", or "and"/"or" alone (", and", " or ").
pub(crate) fn list_gap(between: &str) -> bool {
    let b = between.trim_matches([' ', '\t']);
    let b = b
        .strip_prefix(',')
        .map_or(b, |r| r.trim_start_matches([' ', '\t']));
    let conj = b.strip_prefix("and").or_else(|| b.strip_prefix("or"));
    match conj {
        Some(rest) => rest.is_empty() && between.contains(' '),
        None => b.is_empty() && between.trim_matches([' ', '\t']) == ",",
    }
}

/// The antecedent of [`attach_context`] among the words of `before` (the part of the
/// sentence its words were not read from): the last known noun form there.
///
/// Its word reader shares `lex`, the scan's lexicon cache ([`Scratch::lex`]), lent for the
/// call: a fresh cache would look every word up in the lexicon again (callgrind: 31 M of the
/// 101 M instructions of the context pass on 2 MB of news).
pub(crate) fn antecedent_before(
    cx: &Cx,
    prose: &str,
    before: Span,
    q: &mut Quantity,
    lex: &RefCell<crate::grammar::tables::FastMap<String, Reading>>,
) {
    let mut sc = Scratch::with_lexicon(lex.take());
    sc.start(prose, before.start, before.end);
    sc.read_past(before.end);
    if let Some(w) = sc
        .words
        .iter()
        .rev()
        .find(|w| is_antecedent(&sc, cx.t, sc.lw(w)))
    {
        set_noun(q, w, sc.lw(w));
    }
    lex.replace(sc.lex.into_inner());
}
