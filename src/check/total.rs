//! The `total` rule.

use super::cues::{TotalKind, find_word, is_whole, may_contain_any, new_clause, norm, total_kind};
use super::util::{fmt_num, with_unit};
use super::{Ctx, Rule, has_word, is_amount};
use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::quantity::{Dimension, Quantity, Span};
use crate::registry::RuleMeta;
use rust_decimal::Decimal;

declare_rule! {
    pub static TOTAL = {
        code: "total",
        kind: Check,
        severity: Error,
        summary: "Parts must add up to the total stated for them.",
        what: "A figure stated as a total — `a total of N`, `N in all`, `N in total`,
`N altogether`, `N combined`, `bringing the number of casualties to N` — against the figures of
the same unit in its sentence; a figure that `includes`/`including` others (a budget and its
lines; `including` may come later in the whole's clause, after dates: `launched 22 satellites on
Friday on its first flight, including 18 ...`) against the parts listed after it; and a figure
followed by a colon and a list of its kind (`approved 2,300 permits: 1,450 for flats, 610 ... and
240 ...`). Counts, money and measures in one unit are summed (`14 and 9 hectares, or 23 hectares
in all`; `312 million tonnes, of which 141 million ...`). A list after `including`, `among them`
or a colon ends at the end of its clause: at `another`, a semicolon, `while`, `but`, or a clause
with its own verb or a level (`14 stations, among them 3 abroad, and will grow to 20`). An exhaustive total must equal the sum; an inclusive
one (`includes`, `including`, `of which`) must not be smaller than it. Whole numbers written in
full are exact; figures written with a decimal point or a scale word carry half a step of
rounding each, so rounded sums agree (`€5.1 billion and €3.3 billion` in `€8.4 billion`).",
        why: "A total that does not match its parts is the error readers find first and
trust least: one of the figures is wrong, and the text does not say which.",
        fires: "`The blast killed 4 and injured 19, bringing the number of casualties to 25.` and
`The €8.4 billion budget includes €5.1 billion for roads and €3.6 billion for rail.`",
        silent: "`killed 4 and injured 19, bringing the number of casualties to 23`; `the
€8.4 billion budget includes €5.1 billion for roads and €3.3 billion for rail`; `Two more people
died, bringing the toll to 23` (an increment, not parts).",
        not_checked: "Parts and a total in different sentences: `Four people were killed. Nineteen were
injured. In all, 25 people were hurt.` is not summed (4 + 19 is 23), because the parts of a
total can lie anywhere in the story; nor a lede total and a list in the next sentence (`The
council will spend £212 million. The depot takes £74 million, schools £58 million and flood
defences £90 million.`). A colon list after a sentence with two figures of its kind before the
colon (`40 entries from 12 countries: 15 from Italy and 25 from Spain`) is not summed; a total
that heads a list of other groups (`A total of 412 soldiers, 90 police officers and 57 civilians
were killed`) is read as its first member, unless its noun gathers others (people, casualties,
victims); counts of other things are not parts of a total of points (`24 wins, 9 draws and 5
defeats, for a total of 81 points`), and a comparison after a total (`7 more than Rovers on
74`) is not its parts; nor
a colon list after a price (`at €85 each:`) or of another noun (`covers 3 regions: 1,200 homes
...`); and parts after `including` that exceed their whole but fit an earlier figure of the
sentence (`destroyed 40 homes in two villages, including 25 in Pineridge`) are taken for that
figure's.",
    };
}

/// The `total` rule; its documentation is [`TOTAL`].
pub struct Total;

/// The dimensions a total is read for: counts, money, and measures in one unit ("14 and 9
/// hectares, or 23 hectares in all").
const MEASURED: &[Dimension] = &[
    Dimension::Count,
    Dimension::Currency,
    Dimension::Length,
    Dimension::Area,
    Dimension::Mass,
    Dimension::Volume,
];

/// The words that make the figures after them some of a whole.
const INCLUSIVE_CUES: &[&str] = &[
    "including",
    "among them",
    "among whom",
    "of which",
    "of whom",
    "includes",
    "include",
];

/// Whether the prose between a whole and its first part holds an inclusive cue.
/// What every one of [`INCLUSIVE_CUES`] holds: a gap without one of these has none (see
/// [`may_contain_any`]).
const INCLUSIVE_STEMS: &[&str] = &["includ", "among", "which", "whom"];

fn inclusive_cue(gap: &str) -> bool {
    if !may_contain_any(gap, INCLUSIVE_STEMS) {
        return false;
    }
    let g = norm(gap);
    INCLUSIVE_CUES.iter().any(|w| has_word(&g, w))
}

/// Whether the prose before a figure in a list ends the list: the figure is a level ("to 20",
/// "from 9"), or the words since the last comma carry a verb or a relative pronoun of their own
/// ("and will grow to", "which fall to").
fn list_ends(gap: &str) -> bool {
    let g = norm(gap);
    let mut tail = g.rsplit(',').next().unwrap_or(&g).trim();
    // Only the words after the last "and" are the figure's own: "were dry bulk and 73
    // million" is a parallel list, "and will grow to 20" is not.
    if let Some(at) = [" and ", " or "]
        .iter()
        .filter_map(|w| format!(" {tail} ").rfind(w).map(|i| i + w.len() - 1))
        .max()
    {
        tail = tail.get(at.min(tail.len())..).unwrap_or("").trim();
    }
    // After an inclusive cue, only the words after it: "of which the port paid".
    if let Some((at, w)) = INCLUSIVE_CUES
        .iter()
        .filter_map(|w| find_word(tail, w).map(|i| (i, w.len())))
        .max()
    {
        tail = tail.get(at + w..).unwrap_or("").trim();
    }
    let last = tail.rsplit(' ').next().unwrap_or("");
    if ["to", "from", "by", "than", "at", "per"].contains(&last) {
        return true;
    }
    tail.split(' ').any(|w| {
        [
            "will", "would", "can", "could", "should", "may", "might", "must", "has", "have",
            "had", "is", "are", "was", "were", "be", "been", "which", "who", "that", "whose",
            "rose", "fell", "grew", "grow", "rise", "fall", "up", "down", "said", "says",
        ]
        .contains(&w)
    })
}

/// Whether a figure is a part written without the total's unit because the list shares it:
/// "14 and 9 hectares" (the next figure carries it), "312 million tonnes, of which 141
/// million were in containers" (a bare count after a measured whole).
fn elided(cx: &Ctx<'_>, k: usize, t: &Quantity) -> bool {
    let p = cx.qs[k];
    // A noun of its own right after it ("3 tunnels") makes it a count of something else; a
    // noun carried from earlier in the text does not.
    let own_noun = p
        .noun_span
        .is_some_and(|s| s.start >= p.span.end && s.start <= p.span.end + 2);
    if p.dimension != Dimension::Count
        || p.unit.is_some()
        || own_noun
        || t.unit.is_none()
        || t.dimension == Dimension::Count
    {
        return false;
    }
    if let Some(n) = cx.qs.get(k + 1)
        && n.sentence == p.sentence
        && n.dimension == t.dimension
        && n.unit == t.unit
        && cx.norm_between(p, n).is_any(&["and", ",", ", and", "or"])
    {
        // "41 and 17 million cubic metres": the scale is shared too, and is not read here.
        let scaled = |q: &Quantity| {
            norm(&cx.text(q.span))
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| {
                    ["thousand", "million", "billion", "trillion", "m", "bn", "k"].contains(&w)
                })
        };
        return !scaled(n) || scaled(p);
    }
    p.span.start > t.span.end && {
        let gap = cx.between(t, p);
        inclusive_cue(gap) || gap.contains(':')
    }
}

/// Nouns that gather other groups: a total of them may have parts counted with other nouns
/// ("59 casualties, 14 dead and 45 injured"; "23 people: 4 soldiers and 19 civilians").
const GATHERING: &[&str] = &[
    "people",
    "person",
    "casualty",
    "victim",
    "death",
    "case",
    "total",
    "vehicle",
    "incident",
    "resident",
    "passenger",
    "student",
    "worker",
    "employee",
    "member",
    "item",
    "unit",
];

/// Whether a figure has a noun of its own: right after it, past at most two modifiers ("90
/// police officers"), not one carried from earlier in the text.
fn own_noun(cx: &Ctx<'_>, q: &Quantity) -> bool {
    q.noun_span.is_some_and(|s| {
        let gap = cx.doc.prose_of(q.span.end, s.start);
        s.start >= q.span.end
            && gap.split_whitespace().count() <= 2
            && gap
                .split_whitespace()
                .all(|w| w.chars().all(char::is_alphabetic))
    })
}

/// Whether a figure opens a comparison: "11 more than United on 79", "3 fewer than".
fn compares(cx: &Ctx<'_>, q: &Quantity) -> bool {
    let after = cx.norm_after(q);
    [
        "more than",
        "fewer than",
        "less than",
        "higher than",
        "lower than",
        "ahead of",
        "behind",
        "short of",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

/// "A total of 412 soldiers, 90 police officers and 57 civilians were killed": the total's
/// figure is the first member of a list of other groups, each with a noun of its own, joined
/// by a bare comma. A noun that gathers other groups ("59 casualties, 14 dead and 45 injured";
/// people, victims) may be a whole with its parts in apposition, and is still read.
fn heads_list(cx: &Ctx<'_>, t: &Quantity, parts: &[&Quantity]) -> bool {
    let own = |q: &Quantity| own_noun(cx, q);
    let Some(first) = parts.iter().find(|p| p.span.start > t.span.end) else {
        return false;
    };
    let (Some(tl), Some(fl)) = (t.lemma.as_deref(), first.lemma.as_deref()) else {
        return false;
    };
    own(t)
        && own(first)
        && tl != fl
        && !GATHERING.contains(&tl)
        // Nothing but the comma after the total's noun: "2,140 birds in all, 1,380 gulls and
        // 660 terns" names its total after the noun and lists its parts.
        && t.noun_span.is_some_and(|n| {
            n.end <= first.span.start && cx.doc.prose_of(n.end, first.span.start).trim() == ","
        })
}

/// Whether a part is itself `A of B`: the figure after it is its whole.
fn a_of_b(cx: &Ctx<'_>, p: &Quantity) -> bool {
    let Some(k) = cx.index_of(p) else {
        return false;
    };
    cx.qs.get(k + 1).is_some_and(|b| {
        b.sentence == p.sentence
            && cx.norm_between(p, b).is_any(&[
                "of",
                "of the",
                "of its",
                "of their",
                "out of",
                "out of the",
                "of all",
            ])
    })
}

/// "launched 22 satellites on Friday on the first flight of its new rocket, including 18 for
/// a broadband network": an inclusive cue later in the whole's clause, with no figure but dates
/// and times between.
fn far_inclusive(cx: &Ctx<'_>, ti: usize) -> bool {
    let t = cx.qs[ti];
    for n in cx.qs.iter().skip(ti + 1) {
        if n.sentence != t.sentence {
            return false;
        }
        if matches!(n.dimension, Dimension::Date | Dimension::Time) {
            continue;
        }
        let gap = cx.between(t, n);
        if !may_contain_any(gap, INCLUSIVE_STEMS) {
            return false;
        }
        let g = norm(gap);
        let Some(at) = INCLUSIVE_CUES.iter().filter_map(|w| find_word(&g, w)).min() else {
            return false;
        };
        let head = &g[..at];
        return !head.contains([';', '(', ')', ':', '—'])
            && !new_clause(head)
            && !head.contains(", and")
            && !head
                .split(' ')
                .any(|w| ["which", "who", "whose", "that"].contains(&w));
    }
    false
}

/// "The council approved 2,300 permits: 1,450 for flats, 610 for terraced houses and 240 for
/// detached homes": a figure, a colon, then a list of figures of its kind ending with `and`.
/// Only when the figure is the only one of its kind before the colon.
fn colon_list(cx: &Ctx<'_>, ti: usize) -> bool {
    let t = cx.qs[ti];
    let Some(n) = cx.qs[ti + 1..]
        .iter()
        .find(|n| !matches!(n.dimension, Dimension::Date | Dimension::Time))
    else {
        return false;
    };
    if n.sentence != t.sentence {
        return false;
    }
    let gap = cx.between(t, n);
    let Some((head, _)) = gap.split_once(':') else {
        return false;
    };
    if head.contains([';', '(', ')', '.', '—']) || head.split_whitespace().count() > 10 {
        return false;
    }
    // "sold 92,000 tickets at €85 each: 60,000 for weekends ...": after another figure, or
    // for a price or rate ("each", "a", "per"), the list may be of something else.
    let earlier = cx
        .in_sentence(t.sentence)
        .iter()
        .any(|&k| k < ti && MEASURED.contains(&cx.qs[k].dimension));
    let first = head.split_whitespace().next().unwrap_or("").to_lowercase();
    !earlier && !["each", "a", "an", "per", "apiece"].contains(&first.as_str())
}

impl Rule for Total {
    fn meta(&self) -> &'static RuleMeta {
        &TOTAL
    }
    fn check(&self, cx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
        for (ti, t) in cx.qs.iter().enumerate() {
            if !is_amount(t) || !MEASURED.contains(&t.dimension) {
                continue;
            }
            let cued = total_kind(cx, t)
                .map(|(k, b)| (k, b, false))
                .or_else(|| far_inclusive(cx, ti).then_some((TotalKind::Inclusive, false, false)))
                .or_else(|| colon_list(cx, ti).then_some((TotalKind::Exhaustive, false, true)));
            let Some((kind, bringing, colon)) = cued else {
                continue;
            };
            let sentence = format!("{} {}", cx.before(t), cx.after(t)).to_lowercase();
            if bringing
                && ["more", "another", "additional", "further", "new"]
                    .iter()
                    .any(|w| has_word(&sentence, w))
            {
                continue;
            }
            let near: Vec<usize> = cx
                .in_sentence(t.sentence)
                .iter()
                .copied()
                .filter(|&k| k + super::NEAR >= ti && k <= ti + super::NEAR)
                .filter(|&k| k != ti)
                .collect();
            let parts: Vec<&Quantity> = near
                .iter()
                .filter(|&&k| {
                    let p = cx.qs[k];
                    is_amount(p)
                        && (p.dimension == t.dimension && p.unit == t.unit || elided(cx, k, t))
                        && !p.adjectival
                        && !is_whole(cx, p)
                        && (kind == TotalKind::Exhaustive && !colon || p.span.start > t.span.end)
                        && (!bringing || p.span.end < t.span.start)
                })
                .map(|&k| cx.qs[k])
                .collect();
            // "Castellano, 61, was convicted on 14 counts of fraud and 3 counts of laundering,
            // 17 counts in all": when two or more figures carry the total's own noun, they are
            // the parts, and figures without it (an age, another count) are not.
            let named = |p: &Quantity| t.lemma.is_some() && p.lemma == t.lemma;
            let parts: Vec<&Quantity> = if parts.iter().filter(|p| named(p)).count() >= 2 {
                parts.into_iter().filter(|p| named(p)).collect()
            } else {
                parts
            };
            // "28 wins, 6 draws and 4 defeats from 38 games, for a total of 90 points": points
            // are earned by other counts, not made of them; a count with a noun of its own
            // that is not "points" is not a part of a total of points. (Other nouns gather
            // their parts under other names: "146 homes and 38 businesses, 194 buildings".)
            let parts: Vec<&Quantity> = match t.lemma.as_deref() {
                Some("point")
                    if kind == TotalKind::Exhaustive
                        && !colon
                        && t.dimension == Dimension::Count =>
                {
                    parts
                        .into_iter()
                        .filter(|p| !own_noun(cx, p) || p.lemma == t.lemma)
                        .collect()
                }
                _ => parts,
            };
            // "for a total of 90 points, 11 more than United on 79": a comparison after the
            // total, and what follows it, are not its parts.
            let cut = parts
                .iter()
                .find(|p| p.span.start > t.span.end && compares(cx, p))
                .map(|p| p.span.start);
            let parts: Vec<&Quantity> = parts
                .into_iter()
                .filter(|p| cut.is_none_or(|c| p.span.start < c))
                .collect();
            // "killed nine, including two officers, at the checkpoint, and another six in
            // the village, among them three children": an inclusive total (and a list after a
            // colon) reaches only to the end of its clause; "another N" (or a semicolon,
            // "while", "but") starts a new one, and so does a clause with its own verb ("14
            // stations, among them 3 abroad, and will grow to 20").
            let parts = if kind == TotalKind::Inclusive || colon {
                let mut kept = Vec::new();
                let mut prev: &Quantity = t;
                for p in parts {
                    if p.span.start > prev.span.end {
                        let gap = cx.between(prev, p);
                        if new_clause(gap) || list_ends(gap) {
                            break;
                        }
                    }
                    kept.push(p);
                    prev = p;
                }
                kept
            } else {
                parts
            };
            if !colon && heads_list(cx, t, &parts) {
                continue;
            }
            // One part is enough for an inclusive total when it follows the cue directly:
            // "3,120 people slept in shelters, among them 3,210 children" cannot be.
            let single_ok = kind == TotalKind::Inclusive
                && parts.len() == 1
                && parts[0].span.start > t.span.end
                && inclusive_cue(cx.between(t, parts[0]));
            if parts.is_empty() || parts.len() < 2 && !single_ok {
                continue;
            }
            if colon && parts.len() < 2 {
                continue;
            }
            // "covers 3 regions: 1,200 homes in the north and 800 in the south": a part with a
            // noun of its own that is not the whole's counts something else.
            if colon
                && t.dimension == Dimension::Count
                && parts.iter().any(|p| {
                    p.noun_span
                        .is_some_and(|s| s.start >= p.span.end && s.start <= p.span.end + 2)
                        && p.lemma != t.lemma
                })
            {
                continue;
            }
            // Parts that are themselves "A of B" pairs are not summands.
            if parts.iter().any(|p| a_of_b(cx, p)) {
                continue;
            }
            let mut sum = Decimal::ZERO;
            let mut slack = Decimal::ZERO;
            let mut approx = t.approx;
            for p in &parts {
                let Some(f) = p.point() else { continue };
                sum += f.value;
                slack += cx.facts(p).half_step(f);
                approx |= p.approx;
            }
            let Some(tf) = t.point() else { continue };
            let t_half = cx.facts(t).half_step(tf);
            let mut tol = slack + t_half;
            if approx {
                tol += sum.abs() * cx.opts.tolerance.hedge_widen;
            }
            let spans: Vec<Span> = parts.iter().map(|p| p.span).collect();
            let owed = (kind == TotalKind::Exhaustive).then_some(sum);
            cx.verified(self, t.span, &spans, owed);
            let diff = sum - tf.value;
            let wrong = match kind {
                TotalKind::Exhaustive => diff.abs() > tol,
                TotalKind::Inclusive => diff > tol,
            };
            if !wrong {
                continue;
            }
            // "destroyed 40 homes in two villages, including 25 in Pineridge": parts larger than
            // an inclusive whole but within an earlier figure of its kind in the sentence are
            // that figure's.
            if kind == TotalKind::Inclusive
                && cx.in_sentence(t.sentence).iter().any(|&k| {
                    let e = cx.qs[k];
                    e.span.end <= t.span.start
                        && is_amount(e)
                        && !e.adjectival
                        && e.dimension == t.dimension
                        && e.unit == t.unit
                        && e.point().is_some_and(|f| f.value >= sum - tol)
                })
            {
                continue;
            }
            let unit = t.unit.as_deref();
            let terms: Vec<String> = parts
                .iter()
                .filter_map(|p| {
                    p.point()
                        .map(|f| with_unit(f.value, &fmt_num(f.value), unit))
                })
                .collect();
            let sum_s = with_unit(sum, &fmt_num(sum), unit);
            let said = with_unit(tf.value, &fmt_num(tf.value), unit);
            let msg = match kind {
                TotalKind::Exhaustive => format!(
                    "{} = {sum_s}; the text gives the total as {said}",
                    terms.join(" + ")
                ),
                TotalKind::Inclusive => format!(
                    "the parts listed add up to {sum_s} ({}), more than the {said} that includes them",
                    terms.join(" + ")
                ),
            };
            let help = match kind {
                TotalKind::Exhaustive => {
                    format!("the parts add up to {sum_s}; correct the total or one of the parts")
                }
                TotalKind::Inclusive => {
                    format!("the whole must be at least {sum_s}; correct it or one of the parts")
                }
            };
            let mut d = cx.diag(self, t.span, msg).with_help(help);
            for p in &parts {
                d = cx.related(d, p.span, "part");
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::test_codes as codes;

    #[test]
    fn a_total_that_heads_a_list_of_other_groups_is_one_member() {
        let ok = "A total of 236 nurses, 48 surgeons and 19 porters joined the walkout.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        // A gathering noun keeps its parts in apposition, and its sum is checked.
        let bad = "The crash left a total of 31 casualties, 6 dead and 27 injured.";
        assert_eq!(codes(bad), ["total"]);
        let ok = "The crash left a total of 33 casualties, 6 dead and 27 injured.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
    }

    #[test]
    fn counts_of_other_things_and_comparisons_are_not_parts() {
        for ok in [
            "The side won 24 matches, drew 9 and lost 5 of its 38 fixtures, for a total of 81 \
             points.",
            "They finished with 24 wins, 9 draws and 5 defeats, for a total of 81 points.",
            "The club played 38 fixtures, for a total of 81 points, 7 more than Rovers on 74.",
        ] {
            assert!(codes(ok).is_empty(), "{ok}: {:?}", codes(ok));
        }
        // Parts with the total's own noun, or a gathering noun, are still summed.
        for bad in [
            "She scored 14 points in the first half and 9 points in the second, a total of 25 \
             points.",
            "The storm killed 4 fishermen and 11 farmers, a total of 17 people.",
        ] {
            assert_eq!(codes(bad), ["total"], "{bad}");
        }
    }

    #[test]
    fn every_inclusive_cue_holds_a_stem_of_the_quick_test() {
        for c in super::INCLUSIVE_CUES {
            assert!(super::INCLUSIVE_STEMS.iter().any(|s| c.contains(s)), "{c}");
        }
    }

    #[test]
    fn an_inclusive_total_reaches_only_to_the_end_of_its_clause() {
        let ok = "A shell killed seven guards, including two officers, at the gate, and another \
                  five villagers on the road, among them four children.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        let bad = "A shell killed seven guards, including five officers and four cooks.";
        assert_eq!(codes(bad), ["total"]);
    }

    #[test]
    fn parts_named_with_the_totals_noun_leave_out_other_figures() {
        let ok = "Dana Reyes, 58, faced 11 counts of theft and 4 counts of forgery, 15 counts in \
                  all.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        let bad = "Dana Reyes, 58, faced 11 counts of theft and 4 counts of forgery, 16 counts in \
                   all.";
        assert_eq!(codes(bad), ["total"]);
    }

    #[test]
    fn a_list_ends_where_a_clause_with_its_own_verb_begins() {
        let ok = "The depot has 16 bays, among them 5 for trams, and will grow to 24 next year.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        let ok = "It cost €820 million, of which the state paid €300 million and the city €520 \
                  million.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        let bad = "It cost €820 million, of which the state paid €300 million and the city €620 \
                   million.";
        assert_eq!(codes(bad), ["total"]);
    }

    #[test]
    fn including_reaches_back_across_its_clause_to_the_whole() {
        let ok = "The ferry carried 57 cars on Sunday on its first crossing of the season, \
                  including 12 electric ones and 9 vans.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        let bad = "The ferry carried 57 cars on Sunday on its first crossing of the season, \
                   including 42 electric ones and 19 vans.";
        assert_eq!(codes(bad), ["total"]);
        // Parts an earlier whole of the sentence holds are its parts.
        let ok = "The fire destroyed 40 homes in two villages, including 25 in Pineridge and 12 \
                  in Oakdale.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        let ok = "The airline flew 48 routes from 6 bases, including 12 to North Africa.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        // One part is enough when it follows the cue: it cannot exceed its whole.
        let bad = "The shelter took in 212 dogs, among them 230 puppies.";
        assert_eq!(codes(bad), ["total"]);
    }

    #[test]
    fn a_colon_list_and_measures_with_a_shared_unit_are_summed() {
        let ok = "The board granted 930 licences: 510 for taxis, 300 for minicabs and 120 for \
                  rickshaws.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        let bad = "The board granted 930 licences: 510 for taxis, 300 for minicabs and 150 for \
                   rickshaws.";
        assert_eq!(codes(bad), ["total"]);
        let ok = "The two reservoirs hold 41 and 17 million cubic metres, 58 million cubic \
                  metres in all.";
        let ok_codes = codes(ok);
        assert!(ok_codes.is_empty(), "{ok_codes:?}");
        let bad = "The parks cover 36 and 12 hectares, or 50 hectares in all.";
        assert_eq!(codes(bad), ["total"]);
        let bad = "The mill ground 74 million tonnes, of which 40 million were wheat and 39 \
                   million were rye.";
        assert_eq!(codes(bad), ["total"]);
        let ok = "The fair sold 9,000 passes at €40 each: 6,000 for adults and 3,500 for children.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        // Parts counting another thing than the whole are not its parts.
        let ok = "The plan covers 3 regions: 1,200 homes in the north and 800 in the south.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
        // Another count before the colon: the list may be of either, so it is not summed.
        let ok = "There were 40 entries from 12 countries: 15 from Italy and 25 from Spain.";
        assert!(codes(ok).is_empty(), "{:?}", codes(ok));
    }
}
