//! Roles: the verb or phrase that says what happened to what a figure counts.

use super::*;

/// Counts listed after one that has a role share it when no verb stands between ("used 1,500
/// glide bombs, 900 drones and 50 missiles", "handled 2.4 million passengers, up from 1.9
/// million").
pub(crate) fn shared_roles(prose: &str, qs: &mut [Quantity], sc: &Scratch) {
    for k in 1..qs.len() {
        if qs[k].role.is_some() || qs[k].lemma.is_none() || qs[k].dimension != Dimension::Count {
            continue;
        }
        let Some(p) = (0..k).rev().find(|&p| qs[p].dimension == Dimension::Count) else {
            continue;
        };
        let Some(role) = qs[p].role.clone() else {
            continue;
        };
        let from = qs[p]
            .noun_span
            .filter(|n| n.start > qs[p].span.end && n.end <= qs[k].span.start)
            .map_or(qs[p].span.end, |n| n.end);
        let between = &prose[from..qs[k].span.start];
        let words: Vec<&str> = between
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let no_verb = words.iter().all(|w| {
            let lw = w.to_lowercase();
            let r = sc.reading(&lw);
            r.closed.any() || is_particle(&lw) || !verb_here(&r)
        });
        if words.len() <= 6 && no_verb && !between.contains([';', ':', '(']) {
            qs[k].role = Some(role);
        }
    }
}

/// The first role phrase (in `Tables::roles` order) whose words, compared in lower case,
/// are the clause words from `wi` on: its index in `roles` and its length in words.
#[inline]
pub(crate) fn role_at(
    t: &crate::grammar::tables::Tables,
    ix: &ContextIndex,
    sc: &Scratch,
    cw: &[Word],
    wi: usize,
) -> Option<(usize, usize)> {
    let lw0 = sc.lw(cw.get(wi)?);
    if !may_start_role(t, ix, lw0) {
        return None;
    }
    let entries = t.roles_by_first_word.get(lw0)?;
    entries.iter().find_map(|(e, rest)| {
        let ok = rest
            .iter()
            .enumerate()
            .all(|(n, part)| cw.get(wi + 1 + n).is_some_and(|w| sc.lw(w) == part));
        ok.then_some((*e, rest.len() + 1))
    })
}

/// Whether a word (in lower case) may start a role phrase. Most words cannot: their first
/// and last bytes and length say so unhashed.
#[inline]
pub(crate) fn may_start_role(
    t: &crate::grammar::tables::Tables,
    ix: &ContextIndex,
    lw: &str,
) -> bool {
    let b = lw.as_bytes();
    let len = 1 << b.len().min(31);
    b.first()
        .is_some_and(|&c| t.role_first_word_shapes[usize::from(c)] & len != 0)
        && b.last()
            .is_some_and(|&c| ix.role_last_shapes[usize::from(c)] & len != 0)
}

/// Only spaces between two words (no comma or bracket).
pub(crate) fn gap_ok_words(prose: &str, a: &Word, b: &Word) -> bool {
    prose.as_bytes()[a.span.end..b.span.start]
        .iter()
        .all(|&c| c == b' ' || c == b'\t')
}

/// Particles that make a phrasal verb with the verb before them ("laid off", "shot down").
pub(crate) fn is_particle(lw: &str) -> bool {
    matches!(lw, "down" | "up" | "off" | "out" | "back" | "away")
}

/// The role given by the verb at clause word `vi`: a role phrase of the tables starting there
/// (its group), else the verb's lemma, with its particle ("lay off"). `None` when the word is
/// not a verb here, or a verb that takes a clause ("said 12 people").
pub(crate) fn verb_role(
    t: &Tables,
    ix: &ContextIndex,
    sc: &Scratch,
    cw: &[Word],
    vi: usize,
) -> Option<String> {
    verb_role_as(t, ix, sc, cw, vi, false)
}

/// [`verb_role`]; `object`: the figure is the verb's object (it stands right after the verb),
/// where a third-person form wins over a plural noun ("produces 4 million drones") and a verb
/// taking a clause gives no role ("said 12 people").
pub(crate) fn verb_role_as(
    t: &Tables,
    ix: &ContextIndex,
    sc: &Scratch,
    cw: &[Word],
    vi: usize,
    object: bool,
) -> Option<String> {
    if let Some((e, _)) = role_at(t, ix, sc, cw, vi) {
        return Some(t.roles[e].1.clone());
    }
    let lw = sc.lw(cw.get(vi)?);
    let r = sc.reading(lw);
    if r.closed.any() {
        return None;
    }
    let v = r.verb.clone()?;
    let verb = if object {
        let other = r.adj.unwrap_or(0).max(r.adv.unwrap_or(0));
        2 * v.freq >= other
            && (v.form != VerbForm::Base || v.freq >= r.noun.as_ref().map_or(0, |n| n.freq))
    } else {
        verb_here(&r)
    };
    if !verb {
        return None;
    }
    if let Some(p) = cw.get(vi + 1).map(|w| sc.lw(w)).filter(|p| is_particle(p))
        && cw
            .get(vi + 2)
            .is_none_or(|w| !matches!(sc.lw(w), "of" | "to"))
    {
        // "laid off" is "lay off", not "lie"; a particle right after the verb makes a
        // phrasal verb even where WordNet lacks it ("standing down").
        let l = lexicon::verb_lemmas(lw)
            .into_iter()
            .find(|l| lexicon::phrasal(l, p))
            .unwrap_or(v.lemma);
        return Some(format!("{l} {p}"));
    }
    if object && lexicon::takes_clause(v.lemma) {
        return None;
    }
    if let Some(g) = sc.role_of_lemma(t, v.lemma) {
        return Some(g);
    }
    // "remained without electricity", "were left dead": a role phrase after the verb.
    if let Some((e, _)) = role_at(t, ix, sc, cw, vi + 1)
        && cw
            .get(vi + 1)
            .is_some_and(|w| !lexicon::closed(sc.lw(w)).is(Closed::AUXILIARY))
    {
        return Some(t.roles[e].1.clone());
    }
    Some(v.lemma.to_string())
}

/// The role of a counted noun from the verb governing it: the clause words `cw`, the
/// figure's first word `qi` and the first word after the figure and its noun `qe`.
pub(crate) fn governing_role(
    t: &Tables,
    ix: &ContextIndex,
    sc: &Scratch,
    cw: &[Word],
    qi: usize,
    qe: usize,
) -> Option<String> {
    // Auxiliaries, adverbs, a relative pronoun and "to" before "be" may stand between ("who
    // were evacuated", "had reportedly been killed", "are to be freed").
    let skip_aux = |mut i: usize| {
        let start = i;
        while i < cw.len() && i < start + 6 {
            let lw = sc.lw(&cw[i]);
            let c = lexicon::closed(lw);
            let to_be = lw == "to"
                && cw
                    .get(i + 1)
                    .is_some_and(|w| matches!(sc.lw(w), "be" | "have"));
            if c.is(Closed::AUXILIARY)
                || c.is(Closed::ADVERB)
                || matches!(lw, "who" | "that" | "which")
                || to_be
            {
                i += 1;
                continue;
            }
            break;
        }
        i
    };
    let mut i = skip_aux(qe);
    // A verb before the figure governs it as its object; a finite verb past a prepositional
    // phrase then belongs to another noun ("launched 100 drones at the city with strikes
    // recorded in 15 districts").
    let has_object_verb = object_role(t, ix, sc, cw, qi).is_some();
    // "three crew members of the cargo ship were taken", "3,100 of them developed": a short
    // prepositional phrase between the noun and its auxiliary or finite verb.
    if i == qe
        && cw
            .get(qe)
            .is_some_and(|w| lexicon::closed(sc.lw(w)).is(Closed::PREPOSITION) && sc.lw(w) != "to")
        && let Some(m) = (qe + 1..cw.len().min(qe + 9)).find(|&m| {
            let lw = sc.lw(&cw[m]);
            let c = lexicon::closed(lw);
            c.is(Closed::AUXILIARY)
                || (!c.any()
                    && !has_object_verb
                    && sc.reading(lw).verb.as_ref().is_some_and(|v| {
                        matches!(v.form, VerbForm::Past | VerbForm::ThirdSingular)
                    })
                    && verb_here(&sc.reading(lw)))
        })
    {
        i = skip_aux(m);
    }
    // "forced 30,000 people to flee": the infinitive's verb.
    if i == qe && cw.get(qe).is_some_and(|w| sc.lw(w) == "to") {
        i = skip_aux(qe + 1);
    }
    if i < cw.len() {
        let after = role_at(t, ix, sc, cw, i)
            .map(|(e, _)| t.roles[e].1.clone())
            .or_else(|| verb_role(t, ix, sc, cw, i));
        if let Some(r) = after {
            // "shot down 80 drones launched by Russia", "seized 1,150 parcels containing":
            // a bare participle after the noun qualifies it; the clause's verb is before
            // the figure, or after the participle ("the prisoners surveyed said").
            let bare_participle = i == qe
                && sc
                    .reading(sc.lw(&cw[i]))
                    .verb
                    .is_some_and(|v| matches!(v.form, VerbForm::Past | VerbForm::Ing));
            if !bare_participle {
                return Some(r);
            }
            // "three quarters of the 1,200 prisoners surveyed said": the whole of a
            // partitive is what the participle did to it; the clause's verb is the part's.
            let whole = qi > 0
                && (sc.lw(&cw[qi - 1]) == "of"
                    || (qi > 1
                        && sc.lw(&cw[qi - 2]) == "of"
                        && lexicon::closed(sc.lw(&cw[qi - 1])).is(Closed::DETERMINER)));
            if whole {
                return Some(r);
            }
            if let Some(o) = object_role(t, ix, sc, cw, qi) {
                return Some(o);
            }
            // The clause's verb past the participle and its phrase ("the 57 economists
            // polled by the agency expect", "the 90 drones launched toward Moscow were
            // downed").
            // Only past a phrase that qualifies the participle (a preposition or an adverb
            // right after it), and never into another clause (a conjunction, a pronoun).
            // A base form is the verb only before its object ("expect a rate cut"), not
            // after "to" or as a noun ("in favour of a quarter-point cut").
            let finite = |m: usize| {
                let n = sc.reading(sc.lw(&cw[m]));
                !n.closed.any()
                    && n.verb.as_ref().is_some_and(|v| {
                        matches!(v.form, VerbForm::Past | VerbForm::ThirdSingular)
                            || (v.form == VerbForm::Base
                                && sc.lw(&cw[m - 1]) != "to"
                                && cw.get(m + 1).is_some_and(|o| {
                                    lexicon::closed(sc.lw(o)).is(Closed::DETERMINER)
                                }))
                    })
                    && verb_here(&n)
            };
            // "the 1,200 prisoners surveyed said": the verb right after the participle.
            let next = cw.get(i + 1).map(|w| sc.reading(sc.lw(w)));
            if next.as_ref().is_some_and(|n| {
                !n.closed.any()
                    && n.verb
                        .as_ref()
                        .is_some_and(|v| matches!(v.form, VerbForm::Past | VerbForm::ThirdSingular))
                    && verb_here(n)
            }) && let Some(v) = verb_role(t, ix, sc, cw, i + 1)
            {
                return Some(v);
            }
            let phrase = cw.get(i + 1).is_some_and(|w| {
                let c = lexicon::closed(sc.lw(w));
                (c.is(Closed::PREPOSITION) || c.is(Closed::ADVERB))
                    && !c.is(Closed::CONJUNCTION)
                    && sc.lw(w) != "to"
            });
            let later = (i + 2..cw.len().min(i + 8))
                .take_while(|&m| {
                    let lw = sc.lw(&cw[m]);
                    let c = lexicon::closed(lw);
                    phrase
                        && !c.is(Closed::CONJUNCTION)
                        && !c.is(Closed::PRONOUN)
                        && !matches!(
                            lw,
                            "who"
                                | "which"
                                | "that"
                                | "when"
                                | "where"
                                | "while"
                                | "since"
                                | "after"
                                | "before"
                                | "until"
                                | "as"
                                | "because"
                                | "if"
                                | "once"
                        )
                })
                .find_map(|m| {
                    if lexicon::closed(sc.lw(&cw[m])).is(Closed::AUXILIARY) {
                        let v = skip_aux(m);
                        return (v < cw.len()).then_some(v);
                    }
                    finite(m).then_some(m)
                });
            if let Some(m) = later
                && let Some(v) = verb_role(t, ix, sc, cw, m)
            {
                return Some(v);
            }
            return Some(r);
        }
    }
    // "left hundreds of thousands of people in the capital without heat": a role phrase
    // shortly after the noun says more than an open verb before the figure.
    let object = object_role(t, ix, sc, cw, qi);
    if object
        .as_ref()
        .is_none_or(|o| !t.roles.iter().any(|(_, g)| g == o))
        && let Some(e) = (qe..cw.len().min(qe + 5)).find_map(|m| role_at(t, ix, sc, cw, m))
    {
        return Some(t.roles[e.0].1.clone());
    }
    object
}

/// The role from the verb whose object the figure at clause word `qi` is, past a determiner,
/// an adverb or a particle ("police arrested 12 men", "shot down 46 drones").
pub(crate) fn object_role(
    t: &Tables,
    ix: &ContextIndex,
    sc: &Scratch,
    cw: &[Word],
    qi: usize,
) -> Option<String> {
    let mut j = qi;
    let mut steps = 0;
    while j > 0 && steps < 3 {
        j -= 1;
        steps += 1;
        let lw = sc.lw(&cw[j]);
        if is_particle(lw) && j > 0 {
            // "shot down 46 drones", "laid off 300 workers".
            if let Some((e, _)) = role_at(t, ix, sc, cw, j - 1) {
                return Some(t.roles[e].1.clone());
            }
            return verb_role_as(t, ix, sc, cw, j - 1, true);
        }
        let c = lexicon::closed(lw);
        if c.is(Closed::DETERMINER) || c.is(Closed::ADVERB) {
            continue;
        }
        return verb_role_as(t, ix, sc, cw, j, true);
    }
    None
}
