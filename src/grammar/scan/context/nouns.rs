//! Counted nouns: the head of the noun phrase after a figure, elided and referred nouns.

use super::*;

/// The lemma of a noun given in lower case.
pub(crate) fn lemma_of(lw: &str) -> String {
    lexicon::noun_lemma(lw).into_owned()
}

pub(crate) fn is_noun_candidate(cx: &Cx, w: &str) -> bool {
    is_noun_candidate_lw(cx, w, &w.to_lowercase())
}

/// [`is_noun_candidate`] of `w` whose lower-case form `lw` the caller already has. The cheap
/// tests on the word's shape come before the table look-ups.
pub(crate) fn is_noun_candidate_lw(cx: &Cx, w: &str, lw: &str) -> bool {
    let t = cx.t;
    t.noun_forms.contains_key(lw) || is_unknown_noun_candidate(&t.context, w, lw)
}

/// [`is_noun_candidate_lw`] of a word the noun table does not know: a lower-case word of
/// letters and hyphens that no other table claims.
pub(crate) fn is_unknown_noun_candidate(ix: &ContextIndex, w: &str, lw: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
        && w.len() > 1
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !lw.ends_with("ly")
        && !is_verb_form(lw)
        && !matches!(
            lw,
            "overnight"
                | "ago"
                | "later"
                | "earlier"
                | "away"
                | "long"
                | "old"
                | "apiece"
                | "each"
                | "times"
                | "percent"
                | "since"
                | "until"
                | "amid"
        )
        && !ix.not_nouns.contains(lw)
}

/// Common verbs and verb-like forms that follow a bare amount ("Hundreds of thousands remain",
/// "dozens said", "three were"): never the counted noun. Words ending in -ed or -ing are taken
/// as verb forms unless the noun table knows them or they are common nouns with that ending.
pub(crate) fn is_verb_form(lw: &str) -> bool {
    // `matches!` on string literals compiles to a switch on length and bytes, cheaper than
    // a linear search of a list.
    if matches!(
        lw,
        "remain"
            | "remained"
            | "remains"
            | "say"
            | "says"
            | "said"
            | "were"
            | "was"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "had"
            | "have"
            | "has"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "can"
            | "did"
            | "do"
            | "does"
            | "got"
            | "get"
            | "gets"
            | "went"
            | "go"
            | "goes"
            | "came"
            | "come"
            | "comes"
            | "stay"
            | "stayed"
            | "stays"
            | "left"
            | "took"
            | "take"
            | "takes"
            | "made"
            | "make"
            | "makes"
            | "saw"
            | "see"
            | "sees"
            | "told"
            | "tell"
            | "tells"
            | "fled"
            | "flee"
            | "flees"
            | "died"
            | "die"
            | "dies"
            | "lost"
            | "lose"
            | "loses"
            | "found"
            | "find"
            | "finds"
            | "gave"
            | "give"
            | "gives"
            | "spent"
            | "became"
            | "become"
            | "becomes"
            | "seem"
            | "seems"
            | "seemed"
            | "appear"
            | "appears"
            | "believe"
            | "believes"
            | "remaining"
    ) {
        return true;
    }
    if matches!(
        lw,
        "building"
            | "dwelling"
            | "meeting"
            | "wedding"
            | "evening"
            | "morning"
            | "ceiling"
            | "offering"
            | "bombing"
            | "shelling"
            | "warning"
            | "crossing"
            | "sibling"
            | "hearing"
            | "briefing"
            | "funding"
            | "housing"
            | "clothing"
            | "training"
            | "ruling"
            | "setting"
            | "opening"
            | "ending"
            | "landing"
            | "feeling"
            | "painting"
            | "recording"
            | "rating"
            | "hundred"
            | "speed"
            | "seed"
            | "bed"
            | "shed"
            | "creed"
            | "breed"
            | "steed"
            | "bled"
            | "sled"
    ) || lw.ends_with("eed")
    {
        return false;
    }
    (lw.ends_with("ed") && lw.len() > 3) || (lw.ends_with("ing") && lw.len() > 4)
}

/// A singular word with an adjective's ending ("central", "armoured", "massive"): not taken
/// as the counted noun when a word follows it.
pub(crate) fn is_adjective(lw: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "al", "ive", "ous", "ful", "ic", "less", "able", "ible", "ed", "ish", "ary", "ern",
    ];
    lw.len() > 4 && !lw.ends_with('s') && ENDINGS.iter().any(|e| lw.ends_with(e))
}

/// Makes `w` (lower case `lw`) the counted noun of `q`.
pub(crate) fn set_noun(q: &mut Quantity, w: &Word, lw: &str) {
    set_noun_lemma(q, w, lemma_of(lw));
}

/// Makes `w` the counted noun of `q`, with its lemma.
pub(crate) fn set_noun_lemma(q: &mut Quantity, w: &Word, lemma: String) {
    q.noun = Some(w.text.to_string());
    q.lemma = Some(lemma);
    q.noun_span = Some(w.span);
}

// --- Noun phrases (counted nouns from the lexicon) -------------------------------------

/// How a word takes part in the noun phrase after a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NpWord {
    /// A noun in the plural: the head ("transplants", "women").
    Plural(Cow<'static, str>),
    /// A noun in the singular: the head, or a modifier of a noun after it ("kidney").
    Singular(Cow<'static, str>),
    /// An adjective or participle before the head ("full-time", "registered", "more").
    Modifier,
    /// Anything else ends the phrase.
    Stop,
}

/// Whether a reading is a verb here rather than a noun or an adjective: a past or -ing form
/// whose verb is more common than its noun ("left", "found") and not far rarer than its
/// adjective; a third-person form that is no plural noun; a base form far more common than
/// every other reading. Inside a noun phrase (`inner`: after a modifier or noun) a base form
/// never outweighs a noun ("intensive care beds", "a rate cut").
pub(crate) fn verb_here_at(r: &Reading, inner: bool) -> bool {
    let Some(v) = r.verb.as_ref() else {
        return false;
    };
    let other = r.adj.unwrap_or(0).max(r.adv.unwrap_or(0));
    match (v.form, r.noun.as_ref()) {
        (VerbForm::Past | VerbForm::Ing, None) => 2 * v.freq >= other,
        (VerbForm::Past | VerbForm::Ing, Some(n)) => {
            !n.plural && v.freq > n.freq && 2 * v.freq >= other
        }
        (VerbForm::ThirdSingular, n) => n.is_none_or(|n| !n.plural),
        (VerbForm::Base, None) => v.freq >= other,
        (VerbForm::Base, Some(n)) => !inner && v.freq > 4 * n.freq.max(other).max(1),
    }
}

/// [`verb_here_at`] outside a noun phrase.
pub(crate) fn verb_here(r: &Reading) -> bool {
    verb_here_at(r, false)
}

/// Whether `lw` is a number word ("three", "twenty", "million"): never a noun after a figure.
pub(crate) fn is_number_word(t: &Tables, lw: &str) -> bool {
    t.units_words.contains_key(lw)
        || t.tens_words.contains_key(lw)
        || t.hundred_words.contains_key(lw)
        || t.scales.contains_key(lw)
}

/// The part `w` (lower case `lw`) plays in a noun phrase; `inner` after a modifier or noun.
/// Simple past forms of irregular verbs that are never past participles: unlike
/// "registered" or "injured", they cannot modify a noun after a figure.
const SIMPLE_PAST: &[&str] = &[
    "took",
    "gave",
    "went",
    "came",
    "ran",
    "saw",
    "grew",
    "drew",
    "flew",
    "ate",
    "wrote",
    "drove",
    "rode",
    "spoke",
    "broke",
    "chose",
    "froze",
    "stole",
    "woke",
    "wore",
    "tore",
    "swore",
    "began",
    "sang",
    "swam",
    "drank",
    "sank",
    "shrank",
    "threw",
    "knew",
    "blew",
    "forgot",
    "did",
    "was",
    "were",
    "fought",
    "became",
    "forgave",
    "overtook",
    "undertook",
];

pub(crate) fn np_word(
    cx: &Cx,
    sc: &Scratch,
    t: &Tables,
    w: &Word,
    lw: &str,
    inner: bool,
) -> NpWord {
    if w.text.bytes().any(|c| c.is_ascii_digit()) {
        // "Two MiG-29 jets", "3 500-pound bombs", "38 737 MAX jets": designations, measures
        // and numbers in between.
        return if is_designation(cx, w.text)
            || (w.text.starts_with(|c: char| c.is_ascii_digit()) && w.text.contains('-'))
            || w.text.bytes().all(|c| c.is_ascii_digit() || c == b',')
        {
            NpWord::Modifier
        } else {
            NpWord::Stop
        };
    }
    if matches!(
        lw,
        "more" | "most" | "less" | "least" | "other" | "own" | "fewer" | "further" | "extra"
    ) {
        return NpWord::Modifier;
    }
    // "three times as many": a multiplier, not a counted noun.
    if t.ordinals.contains(lw) || is_number_word(t, lw) || lw == "times" {
        return NpWord::Stop;
    }
    // "GPs", "MPs", "UAVs": an acronym in the plural.
    if let Some(stem) = w.text.strip_suffix('s')
        && stem.len() >= 2
        && stem
            .bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return NpWord::Plural(Cow::Owned(stem.to_ascii_lowercase()));
    }
    let r = sc.reading(lw);
    if r.closed.any() {
        // "47 earlier analyses": an adverb that is also an adjective modifies.
        if r.closed == Closed::ADVERB && r.adj.is_some() {
            return NpWord::Modifier;
        }
        return NpWord::Stop;
    }
    let known_form = t.noun_forms.contains_key(lw);
    // After a figure an -ing form with a noun reading is the noun ("one building", "two
    // hearings"); a past form more common as a verb is not ("12 left").
    let verb_wins =
        r.verb.as_ref().is_some_and(|v| v.form != VerbForm::Ing) && verb_here_at(&r, inner);
    if let Some(n) = r.noun.as_ref().filter(|_| known_form || !verb_wins) {
        if n.plural {
            return NpWord::Plural(n.lemma.clone());
        }
        // A word more often an adjective or adverb than a noun modifies ("last", "electric").
        let modifier = r.adj.unwrap_or(0).max(r.adv.unwrap_or(0));
        if !known_form && modifier > n.freq {
            return NpWord::Modifier;
        }
        return NpWord::Singular(n.lemma.clone());
    }
    // "14,205 took part", "Some 300 gave evidence": a simple past that is never a participle
    // is the verb of the figure's clause, not a modifier of a noun after it.
    if r.adj.is_none() && SIMPLE_PAST.contains(&lw) {
        return NpWord::Stop;
    }
    if r.adj.is_some()
        || r.verb
            .as_ref()
            .is_some_and(|v| matches!(v.form, VerbForm::Past | VerbForm::Ing))
    {
        return NpWord::Modifier;
    }
    if r.known() {
        return NpWord::Stop;
    }
    // A word the lexicon does not know ("Shaheds", "e-scooters"): a noun when it looks like
    // one.
    if known_form
        || (w.text.chars().all(|c| c.is_alphabetic() || c == '-')
            && w.text.len() > 1
            && !lw.ends_with("ly")
            // A capitalised word after a figure is a name ("171 Boeing jets"), whatever its
            // ending says.
            && (!is_verb_form(lw) || w.text.starts_with(|c: char| c.is_uppercase())))
    {
        let lemma = lexicon::lemma_by_suffix(lw);
        // A name ("F-Series pickups") may modify a noun after it: a candidate, not a head.
        if !known_form && w.text.starts_with(|c: char| c.is_uppercase()) {
            return NpWord::Singular(Cow::Owned(lemma));
        }
        return if lemma.len() < lw.len() {
            NpWord::Plural(Cow::Owned(lemma))
        } else {
            NpWord::Singular(Cow::Owned(lemma))
        };
    }
    NpWord::Stop
}

/// The head of the noun phrase whose words start at `after[0]`: its index in `after` and its
/// lemma. A plural noun ends the phrase; a singular noun is the head unless a noun follows it
/// ("kidney transplants", "crew members"); adjectives and participles before the head are
/// passed over ("64,000 full-time jobs", "1.2 million registered voters"), and after a
/// singular noun only when a plural follows ("18 CV90 infantry fighting vehicles").
/// "N head of cattle" counts the cattle. `inner`: the words follow a determiner ("of the
/// register"), where a noun reading wins over a verb's base form.
pub(crate) fn np_head(
    cx: &Cx,
    prose: &str,
    sc: &Scratch,
    t: &Tables,
    after: &[Word],
    mut inner: bool,
) -> Option<(usize, Cow<'static, str>)> {
    let mut cand: Option<(usize, Cow<'static, str>)> = None;
    let n = after.len().min(7);
    let mut i = 0;
    while i < n {
        let w = &after[i];
        if i > 0 && !gap_ok_words(prose, &after[i - 1], w) {
            break;
        }
        let lw = sc.lw(w);
        if (lw == "one" || lw == "ones") && i > 0 {
            // "one central one": no noun of its own.
            return None;
        }
        match np_word(cx, sc, t, w, lw, inner) {
            NpWord::Plural(lemma) => return Some((i, lemma)),
            NpWord::Singular(lemma) => {
                if lemma == "head"
                    && after.get(i + 1).is_some_and(|o| sc.lw(o) == "of")
                    && let Some(x) = after.get(i + 2)
                    && let NpWord::Plural(l) | NpWord::Singular(l) =
                        np_word(cx, sc, t, x, sc.lw(x), true)
                {
                    // "34,000 head of livestock".
                    return Some((i + 2, l));
                }
                cand = Some((i, lemma));
            }
            NpWord::Modifier => {
                // "171 Boeing 737 Max 9 aircraft": after a name, a model number goes on
                // to the noun.
                let model_of_name = w.text.starts_with(|c: char| c.is_ascii_digit())
                    && cand.as_ref().is_some_and(|&(c, _)| {
                        after[c].text.starts_with(|c: char| c.is_uppercase())
                    });
                if cand.is_some() && !plural_follows(cx, prose, sc, t, after, i) && !model_of_name {
                    break;
                }
            }
            NpWord::Stop => {
                // "40 cruise missiles": a noun more often a verb still modifies a plural
                // noun right after it.
                match sc.reading(lw).noun {
                    Some(n)
                        if plural_follows(cx, prose, sc, t, after, i)
                            && !lexicon::closed(lw).any() =>
                    {
                        cand = Some((i, n.lemma));
                    }
                    _ => break,
                }
            }
        }
        inner = true;
        i += 1;
    }
    cand
}

/// Whether the word after `after[i]`, with only spaces between, is a plural noun: then
/// `after[i]` modifies it ("infantry fighting vehicles", "cruise missiles").
pub(crate) fn plural_follows(
    cx: &Cx,
    prose: &str,
    sc: &Scratch,
    t: &Tables,
    after: &[Word],
    i: usize,
) -> bool {
    after.get(i + 1).is_some_and(|x| {
        gap_ok_words(prose, &after[i], x)
            && matches!(np_word(cx, sc, t, x, sc.lw(x), true), NpWord::Plural(_))
    })
}

/// Whether `lw` is a plural noun (or a form the noun table knows): an antecedent for "of
/// them".
pub(crate) fn is_plural_noun(sc: &Scratch, t: &Tables, lw: &str) -> bool {
    if t.noun_forms.contains_key(lw) {
        return true;
    }
    let r = sc.reading(lw);
    !r.closed.any() && r.noun.as_ref().is_some_and(|n| n.plural) && !verb_here(&r)
}

/// Whether `lw` may be the antecedent of "of them", "of which": a plural noun that is no verb
/// form ("Moscow wants ... two thirds of which" has none).
pub(crate) fn is_antecedent(sc: &Scratch, t: &Tables, lw: &str) -> bool {
    is_plural_noun(sc, t, lw) && (t.noun_forms.contains_key(lw) || sc.reading(lw).verb.is_none())
}

/// The noun joined to a count by a hyphen ("the 12-member jury", "a 40-page report"): the
/// word after the hyphen, when it is a singular noun and ends the token.
pub(crate) fn hyphen_noun<'a>(
    prose: &'a str,
    sc: &Scratch,
    end: usize,
) -> Option<(Word<'a>, Cow<'static, str>)> {
    let tail = prose.get(end..)?.strip_prefix('-')?;
    let len = tail.bytes().take_while(u8::is_ascii_alphabetic).count();
    if len < 3 || tail[len..].starts_with(|c: char| c.is_alphanumeric() || c == '-') {
        return None;
    }
    let w = &tail[..len];
    let lw = w.to_ascii_lowercase();
    let r = sc.reading(&lw);
    let n = r.noun.as_ref()?;
    if n.plural || r.closed.any() || r.adj.unwrap_or(0) > n.freq {
        return None;
    }
    let lemma = n.lemma.clone();
    let word = Word {
        text: w,
        span: Span::new(end + 1, end + 1 + len),
        lo: 0,
        hi: 0,
        own: false,
    };
    Some((word, lemma))
}

/// The words that join two figures of one phrasing, so a figure without a noun takes the
/// other's ("from 148 to 289 seats", "one in five adults").
pub(crate) fn joins_figures(between: &str) -> bool {
    let b = between.trim();
    b.is_empty()
        || b.split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .all(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "to" | "and" | "or" | "-" | "–" | "—" | "in" | "out" | "of" | "from" | "nor"
                )
            })
            && b.len() < 12
}

/// Counts without a noun of their own take one from the same phrasing: the next figure when
/// only a joining word stands between ("148 to 289 seats"), else the nearest count before in
/// the sentence ("289 seats to just 148", "arrested 12 men; five were charged"), else, for a
/// sentence opening on a bare count and a verb, the one counted noun of the sentence before
/// ("52 missiles were fired. 46 were intercepted").
pub(crate) fn elided_nouns(
    cx: &Cx,
    prose: &str,
    sentence_start: usize,
    qs: &mut [Quantity],
    sc: &mut Scratch,
) {
    // "3, 4 and 5 bedrooms": members of a list of bare counts take the noun of the last.
    for k in (0..qs.len().saturating_sub(1)).rev() {
        let (head, tail) = qs.split_at_mut(k + 1);
        let (q, next) = (&mut head[k], &tail[0]);
        if q.noun.is_none()
            && q.dimension == Dimension::Count
            && !q.adjectival
            && next.dimension == Dimension::Count
            && next.lemma.is_some()
            && next.span.start >= q.span.end
            && list_gap(&prose[q.span.end..next.span.start])
        {
            q.noun.clone_from(&next.noun);
            q.lemma.clone_from(&next.lemma);
            q.noun_span = next.noun_span;
        }
    }
    for k in 0..qs.len() {
        if qs[k].noun.is_some() || qs[k].dimension != Dimension::Count || qs[k].adjectival {
            continue;
        }
        let forward = qs.get(k + 1).filter(|n| {
            let between = &prose[qs[k].span.end..n.span.start];
            n.dimension == Dimension::Count
                && n.lemma.is_some()
                && n.span.start >= qs[k].span.end
                && joins_figures(between)
                // "up from 31 three years ago": a span of time after a bare count is when,
                // not what it counts.
                && !(between.trim().is_empty()
                    && n.lemma.as_deref().is_some_and(|l| {
                        matches!(
                            l,
                            "year" | "month" | "week" | "day" | "hour" | "minute" | "decade"
                        )
                    }))
        });
        if forward.is_none()
            && let Some((w, lemma)) = subject_of_change(cx, prose, sc, cx.t, qs[k].span.start)
        {
            set_noun_lemma(&mut qs[k], &w, lemma.into_owned());
            continue;
        }
        // Backward: the nearest count before, but not one of a list of parts ("including
        // three children").
        let from = forward.or_else(|| {
            let many = qs[k].value.is_none_or(|f| f.value != Decimal::ONE);
            let candidates = qs[..k].iter().rev().filter(|p| {
                p.dimension == Dimension::Count
                    && p.lemma.is_some()
                    // "2.1 million" takes "visitors", not the whole of a partitive ("two
                    // halves of the year").
                    && !(many
                        && p.noun_span.is_some_and(|ns| {
                            ends_with_word(&prose[..ns.start], &["the", "of"])
                                && sc.reading(&prose[ns.start..ns.end].to_lowercase())
                                    .noun
                                    .is_some_and(|n| !n.plural)
                        }))
                    && !ends_with_word(&prose[..p.span.start], &["including", "among", "includes", "include"])
            });
            // "sickened 246 people in nine states, and 61 have been admitted": a count
            // inside a prepositional phrase says where, and yields to one outside it.
            // Only for a count that is a subject itself: one in a phrase of its own
            // ("against 3 before", "by 360,000") takes the nearest.
            let subject = !in_prepositional_phrase(prose, sentence_start, qs[k].span.start);
            let mut nearest = None;
            for p in candidates {
                if !subject || !in_prepositional_phrase(prose, sentence_start, p.span.start) {
                    return Some(p);
                }
                nearest = nearest.or(Some(p));
            }
            nearest
        });
        if let Some(p) = from {
            let (noun, lemma, nsp) = (p.noun.clone(), p.lemma.clone(), p.noun_span);
            qs[k].noun = noun;
            qs[k].lemma = lemma;
            qs[k].noun_span = nsp;
            continue;
        }
        if let Some((noun, lemma, nsp)) = sc.prev_noun.clone()
            && heads_sentence(prose, sentence_start, qs[k].span.start)
            && bare_subject(prose, sc, qs[k].span.end)
        {
            qs[k].noun = Some(noun);
            qs[k].lemma = Some(lemma);
            qs[k].noun_span = Some(nsp);
        }
    }
    // The one counted noun of this sentence, for the next.
    let mut lemmas = qs
        .iter()
        .filter(|q| q.dimension == Dimension::Count)
        .filter_map(|q| Some((q.noun.clone()?, q.lemma.clone()?, q.noun_span?)));
    sc.prev_noun = match lemmas.next() {
        Some(first) if lemmas.all(|o| o.1 == first.1) => Some(first),
        _ => None,
    };
}

/// Whether a figure starting at `at` heads its sentence (from `start`) or its clause: only
/// closed-class words stand before it since the last comma or semicolon ("But 300 were
/// spoiled", "Of the 1,860, 94 were", "and roughly 800 are replaced"), or a verb that takes
/// a clause ("Medics said 18 died"); never a noun whose figure it is ("A crowd of 74,500
/// watched").
fn heads_sentence(prose: &str, start: usize, at: usize) -> bool {
    let before = &prose[start..at];
    let clause = before
        .rsplit([',', ';', ':', '—', '–'])
        .next()
        .unwrap_or(before);
    let words: Vec<&str> = clause
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(last) = words.last()
        && lexicon::verb_lemma(&last.to_lowercase()).is_some_and(lexicon::takes_clause)
    {
        return true;
    }
    words
        .iter()
        .all(|w| lexicon::closed(&w.to_lowercase()).any())
}

/// Whether the figure starting at `at` is the object of a preposition ("in nine states", "in
/// 14 of the country's 47 counties"): the word before it, past determiners and possessives,
/// is one. Only the words of its sentence (from `start`) are read.
fn in_prepositional_phrase(prose: &str, start: usize, at: usize) -> bool {
    let before = &prose[start..at];
    for w in before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .take(4)
    {
        let lw = w.to_lowercase();
        if lw.ends_with("'s") || lw.ends_with("’s") {
            continue;
        }
        let c = lexicon::closed(&lw);
        if c.is(Closed::DETERMINER) && !c.is(Closed::PREPOSITION) {
            continue;
        }
        return c.is(Closed::PREPOSITION) && lw != "to";
    }
    false
}
