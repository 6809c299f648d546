//! English words: parts of speech and lemmas.
//!
//! The open classes (nouns, verbs, adjectives, adverbs) come from WordNet 3.0, derived by
//! `tools/lexicon.py` into `grammar/lexicon/words.tsv` (every single-word lemma with its SemCor
//! sense-tag count per part of speech) and `grammar/lexicon/exceptions.tsv` (irregular
//! inflections: "children" → child, "sold" → sell). Both are sorted bytewise and searched in
//! place through line indexes `build.rs` computes, so nothing is parsed or built at start-up. Regular inflections are undone by WordNet's own
//! "morphy" rules ("buses" → bus, "evacuated" → evacuate), each candidate checked against the
//! word list. The closed classes WordNet leaves out (determiners, pronouns, prepositions,
//! conjunctions, auxiliaries and a few adverbs) are `grammar/lexicon/function-words.toml`.
//! `grammar/lexicon/extra-exceptions.tsv` holds the few irregular forms newsrooms count by
//! that WordNet keeps as lemmas of their own ("people" → person).

use std::borrow::Cow;
use std::sync::OnceLock;

use super::tables::FastMap;

static WORDS: &str = include_str!("../../grammar/lexicon/words.tsv");
static EXCEPTIONS: &str = include_str!("../../grammar/lexicon/exceptions.tsv");
static EXTRA_EXCEPTIONS: &str = include_str!("../../grammar/lexicon/extra-exceptions.tsv");

/// The closed classes a word belongs to (a bit set: "that" is a determiner and a conjunction).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Closed(u8);

impl Closed {
    pub(crate) const DETERMINER: Closed = Closed(1);
    pub(crate) const PRONOUN: Closed = Closed(2);
    pub(crate) const PREPOSITION: Closed = Closed(4);
    pub(crate) const CONJUNCTION: Closed = Closed(8);
    pub(crate) const AUXILIARY: Closed = Closed(16);
    pub(crate) const ADVERB: Closed = Closed(32);

    /// Whether the word is in any closed class.
    pub(crate) fn any(self) -> bool {
        self.0 != 0
    }
    /// Whether the word is in class `c`.
    pub(crate) fn is(self, c: Closed) -> bool {
        self.0 & c.0 != 0
    }
    fn with(self, c: Closed) -> Closed {
        Closed(self.0 | c.0)
    }
}

/// The closed-class table, by word, from `grammar/lexicon/function-words.toml` as build.rs
/// embedded it (its words are already `'static`; nothing is parsed at start-up).
fn closed_table() -> &'static FastMap<&'static str, Closed> {
    static TABLE: OnceLock<FastMap<&'static str, Closed>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m: FastMap<&'static str, Closed> = FastMap::default();
        let doc = &super::tables::embedded::FUNCTION_WORDS;
        for (class, c) in [
            ("determiner", Closed::DETERMINER),
            ("pronoun", Closed::PRONOUN),
            ("preposition", Closed::PREPOSITION),
            ("conjunction", Closed::CONJUNCTION),
            ("auxiliary", Closed::AUXILIARY),
            ("adverb", Closed::ADVERB),
        ] {
            for w in doc.strings(class) {
                let e = m.entry(w).or_default();
                *e = e.with(c);
            }
        }
        m
    })
}

/// Whether a verb (its lemma) takes a clause as its object (`clause_verbs` in the table).
pub(crate) fn takes_clause(lemma: &str) -> bool {
    static SET: OnceLock<Vec<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut v: Vec<&'static str> = super::tables::embedded::FUNCTION_WORDS
            .strings("clause_verbs")
            .collect();
        v.sort_unstable();
        v
    })
    .binary_search(&lemma)
    .is_ok()
}

/// Whether WordNet knows `verb particle` as a phrasal verb ("lay off", "shoot down").
pub(crate) fn phrasal(verb: &str, particle: &str) -> bool {
    let mut key = String::with_capacity(verb.len() + particle.len() + 1);
    key.push_str(verb);
    key.push('_');
    key.push_str(particle);
    entry(&key).is_some_and(|e| e.verb.is_some())
}

/// The closed classes of a lower-case word.
pub(crate) fn closed(lw: &str) -> Closed {
    closed_table().get(lw).copied().unwrap_or_default()
}

/// A lemma's parts of speech in WordNet with their SemCor sense-tag counts (`None`: not that
/// part of speech).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) noun: Option<u32>,
    pub(crate) verb: Option<u32>,
    pub(crate) adj: Option<u32>,
    pub(crate) adv: Option<u32>,
}

/// The byte offset of every line of each word list, computed by `build.rs` and embedded (four
/// little-endian bytes a line), so nothing is built at start-up.
static WORDS_IX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.idx"));
static EXCEPTIONS_IX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/exceptions.idx"));
static EXTRA_IX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/extra-exceptions.idx"));

/// The line index of one of the built-in lists.
fn index_of(blob: &'static str) -> &'static [u8] {
    if std::ptr::eq(blob, WORDS) {
        WORDS_IX
    } else if std::ptr::eq(blob, EXCEPTIONS) {
        EXCEPTIONS_IX
    } else {
        EXTRA_IX
    }
}

/// Line `i`'s start in an index.
fn line_start(ix: &[u8], i: usize) -> usize {
    let b = &ix[4 * i..4 * i + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize
}

/// How the first field of the line at `at` compares with `key` (the field ends at a tab).
fn cmp_field(b: &[u8], at: usize, key: &[u8]) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    for (i, &k) in key.iter().enumerate() {
        let c = b.get(at + i).copied().unwrap_or(b'\n');
        if c == b'\t' || c == b'\n' {
            return Ordering::Less;
        }
        match c.cmp(&k) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    match b.get(at + key.len()) {
        Some(b'\t') | Some(b'\n') | None => Ordering::Equal,
        Some(_) => Ordering::Greater,
    }
}

/// The byte offset of the first line of `blob` (sorted bytewise, fields split by tabs) whose
/// first field is `key`.
fn find_line(blob: &'static str, key: &str) -> Option<usize> {
    let ix = index_of(blob);
    let b = blob.as_bytes();
    let k = key.as_bytes();
    let (mut lo, mut hi) = (0usize, ix.len() / 4);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if cmp_field(b, line_start(ix, mid), k) == std::cmp::Ordering::Less {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if lo == ix.len() / 4 {
        return None;
    }
    let at = line_start(ix, lo);
    (cmp_field(b, at, k) == std::cmp::Ordering::Equal).then_some(at)
}

/// The rest of the line at `at` after its first field and tab.
fn line_rest(blob: &'static str, at: usize) -> &'static str {
    let line = &blob[at..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    line.split_once('\t').map_or("", |(_, r)| r)
}

/// The WordNet entry of a lemma (lower case).
pub(crate) fn entry(lemma: &str) -> Option<Entry> {
    let at = find_line(WORDS, lemma)?;
    let mut e = Entry::default();
    for part in line_rest(WORDS, at).split(' ') {
        let (p, n) = part.split_at(1.min(part.len()));
        let n = n.parse().unwrap_or(0);
        match p {
            "n" => e.noun = Some(n),
            "v" => e.verb = Some(n),
            "a" => e.adj = Some(n),
            "r" => e.adv = Some(n),
            _ => {}
        }
    }
    Some(e)
}

/// The lemma in `WORDS`'s own text (so it can be borrowed for as long as the program runs).
fn word_slice(lemma: &str) -> Option<&'static str> {
    let at = find_line(WORDS, lemma)?;
    Some(&WORDS[at..at + lemma.len()])
}

/// The irregular lemmas of `form` for part of speech `pos` ('n', 'v', 'a', 'r'): the extra
/// exceptions first, then WordNet's.
fn exceptions(form: &str, pos: char) -> impl Iterator<Item = &'static str> + '_ {
    [EXTRA_EXCEPTIONS, EXCEPTIONS]
        .into_iter()
        .flat_map(move |blob| {
            let start = find_line(blob, form);
            blob[start.unwrap_or(blob.len())..]
                .lines()
                .take_while(move |l| start.is_some() && l.split('\t').next() == Some(form))
        })
        .filter_map(move |l| {
            let mut f = l.split('\t');
            let (_, p, lemma) = (f.next()?, f.next()?, f.next()?);
            (p.starts_with(pos)).then_some(lemma)
        })
}

/// How a verb form is inflected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VerbForm {
    /// "fire", "launch".
    Base,
    /// "fires".
    ThirdSingular,
    /// "fired", "shot", "left": past tense or past participle.
    Past,
    /// "firing".
    Ing,
}

/// A noun reading of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Noun {
    /// Singular base form.
    pub(crate) lemma: Cow<'static, str>,
    /// Written in the plural.
    pub(crate) plural: bool,
    /// SemCor sense-tag count of the lemma as a noun.
    pub(crate) freq: u32,
}

/// A verb reading of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verb {
    /// Base form.
    pub(crate) lemma: &'static str,
    /// The inflection.
    pub(crate) form: VerbForm,
    /// SemCor sense-tag count of the lemma as a verb.
    pub(crate) freq: u32,
}

/// What the lexicon knows of one lower-case word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Reading {
    /// Closed classes.
    pub(crate) closed: Closed,
    /// The noun reading, if any.
    pub(crate) noun: Option<Noun>,
    /// The verb reading, if any.
    pub(crate) verb: Option<Verb>,
    /// As an adjective (its count, or of its base for "larger").
    pub(crate) adj: Option<u32>,
    /// As an adverb.
    pub(crate) adv: Option<u32>,
}

impl Reading {
    /// Whether WordNet or the closed classes know the word at all.
    pub(crate) fn known(&self) -> bool {
        self.closed.any()
            || self.noun.is_some()
            || self.verb.is_some()
            || self.adj.is_some()
            || self.adv.is_some()
    }
}

/// WordNet's detachment rules for nouns, in its order.
const NOUN_RULES: &[(&str, &str)] = &[
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
];

/// WordNet's detachment rules for verbs, with the form each undoes.
const VERB_RULES: &[(&str, &str, VerbForm)] = &[
    ("s", "", VerbForm::ThirdSingular),
    ("ies", "y", VerbForm::ThirdSingular),
    ("es", "e", VerbForm::ThirdSingular),
    ("es", "", VerbForm::ThirdSingular),
    ("ed", "e", VerbForm::Past),
    ("ed", "", VerbForm::Past),
    ("ing", "e", VerbForm::Ing),
    ("ing", "", VerbForm::Ing),
];

/// WordNet's detachment rules for adjectives.
const ADJ_RULES: &[(&str, &str)] = &[("er", ""), ("est", ""), ("er", "e"), ("est", "e")];

/// The candidates `rules` give for `w`.
fn detach<'a>(w: &'a str, rules: &'a [(&str, &str)]) -> impl Iterator<Item = String> + 'a {
    rules.iter().filter_map(move |(suf, rep)| {
        let stem = w.strip_suffix(suf)?;
        (!stem.is_empty()).then(|| format!("{stem}{rep}"))
    })
}

/// The noun reading of `lw`.
fn noun_reading(lw: &str, own: Option<Entry>) -> Option<Noun> {
    // An irregular plural ("children", "women", "people").
    if let Some(lemma) = exceptions(lw, 'n').find(|l| entry(l).is_some_and(|e| e.noun.is_some())) {
        let freq = entry(lemma).and_then(|e| e.noun).unwrap_or(0);
        return Some(Noun {
            lemma: Cow::Borrowed(word_slice(lemma).unwrap_or(lemma)),
            plural: true,
            freq,
        });
    }
    let singular = own.and_then(|e| e.noun).map(|freq| Noun {
        lemma: Cow::Owned(lw.to_string()),
        plural: false,
        freq,
    });
    let plural = detach(lw, NOUN_RULES).find_map(|stem| {
        let freq = entry(&stem)?.noun?;
        Some(Noun {
            lemma: Cow::Borrowed(word_slice(&stem)?),
            plural: true,
            freq,
        })
    });
    match (singular, plural) {
        // "sales" is a lemma and the plural of "sale": the plural reading, unless the word
        // is far more often a noun of its own ("news", "species", "arms" stay).
        (Some(s), Some(p)) => Some(if p.freq >= s.freq { p } else { s }),
        (s, p) => s.or(p),
    }
    .map(|mut n| {
        if let Cow::Owned(s) = &n.lemma
            && let Some(st) = word_slice(s)
        {
            n.lemma = Cow::Borrowed(st);
        }
        n
    })
}

/// The verb reading of `lw`.
fn verb_reading(lw: &str, own: Option<Entry>) -> Option<Verb> {
    if let Some(lemma) = exceptions(lw, 'v').find(|l| entry(l).is_some_and(|e| e.verb.is_some())) {
        return Some(Verb {
            lemma: word_slice(lemma).unwrap_or(lemma),
            form: if lw.ends_with("ing") {
                VerbForm::Ing
            } else if lw.ends_with('s') && !lw.ends_with("ss") {
                VerbForm::ThirdSingular
            } else {
                VerbForm::Past
            },
            freq: entry(lemma).and_then(|e| e.verb).unwrap_or(0),
        });
    }
    for (suf, rep, form) in VERB_RULES {
        let Some(stem) = lw.strip_suffix(suf) else {
            continue;
        };
        if stem.len() < 2 {
            continue;
        }
        // English adds a bare "-es" only after a sibilant or an "o" ("watches", "goes"):
        // "franchisees" is no form of "franchise".
        if *suf == "es"
            && rep.is_empty()
            && !["s", "x", "z", "ch", "sh", "o"]
                .iter()
                .any(|e| stem.ends_with(e))
        {
            continue;
        }
        let cand = format!("{stem}{rep}");
        if let Some(freq) = entry(&cand).and_then(|e| e.verb) {
            return Some(Verb {
                lemma: word_slice(&cand)?,
                form: *form,
                freq,
            });
        }
    }
    own.and_then(|e| e.verb).map(|freq| Verb {
        lemma: word_slice(lw).unwrap_or("?"),
        form: VerbForm::Base,
        freq,
    })
}

/// Everything the lexicon knows of a lower-case word.
pub(crate) fn read(lw: &str) -> Reading {
    let closed = closed(lw);
    let own = entry(lw);
    let adj = own.and_then(|e| e.adj).or_else(|| {
        exceptions(lw, 'a')
            .find_map(|l| entry(l)?.adj)
            .or_else(|| detach(lw, ADJ_RULES).find_map(|s| entry(&s)?.adj))
    });
    Reading {
        closed,
        noun: noun_reading(lw, own),
        verb: verb_reading(lw, own),
        adj,
        adv: own.and_then(|e| e.adv),
    }
}

/// The lemma of `lw` read as a noun: the lexicon's, or for a word it does not know, a plural
/// ending taken off ("drones" → drone, "shaheds" → shahed).
pub(crate) fn noun_lemma(lw: &str) -> Cow<'static, str> {
    if let Some(n) = noun_reading(lw, entry(lw)) {
        return n.lemma;
    }
    Cow::Owned(lemma_by_suffix(lw))
}

/// The lemma of a word the lexicon does not know: "-ies" → "-y", a plural "-s" dropped.
pub(crate) fn lemma_by_suffix(lw: &str) -> String {
    if let Some(stem) = lw.strip_suffix("ies")
        && stem.len() > 2
    {
        return format!("{stem}y");
    }
    if let Some(stem) = lw.strip_suffix('s')
        && !lw.ends_with("ss")
        && !lw.ends_with("us")
        && stem.len() > 2
    {
        return stem.to_string();
    }
    lw.to_string()
}

/// Every verb lemma `lw` may be a form of: irregular ones first, then those the rules give,
/// then the word itself ("laid" → lay; "lay" → lie, lay).
pub(crate) fn verb_lemmas(lw: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = exceptions(lw, 'v')
        .filter(|l| entry(l).is_some_and(|e| e.verb.is_some()))
        .filter_map(word_slice)
        .collect();
    for (suf, rep, _) in VERB_RULES {
        if let Some(stem) = lw.strip_suffix(suf)
            && stem.len() >= 2
            && let cand = format!("{stem}{rep}")
            && entry(&cand).is_some_and(|e| e.verb.is_some())
            && let Some(l) = word_slice(&cand)
        {
            out.push(l);
        }
    }
    if entry(lw).is_some_and(|e| e.verb.is_some())
        && let Some(l) = word_slice(lw)
    {
        out.push(l);
    }
    out
}

/// The verb lemma of `lw`, if it is a verb form.
pub(crate) fn verb_lemma(lw: &str) -> Option<&'static str> {
    verb_reading(lw, entry(lw)).map(|v| v.lemma)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_lists_are_sorted_and_well_formed() {
        for (name, blob, fields) in [
            ("words.tsv", WORDS, 2),
            ("exceptions.tsv", EXCEPTIONS, 3),
            ("extra-exceptions.tsv", EXTRA_EXCEPTIONS, 3),
        ] {
            let mut prev: Option<&str> = None;
            for (n, line) in blob.lines().enumerate() {
                if name.starts_with("extra") && (line.starts_with('#') || line.is_empty()) {
                    continue;
                }
                assert_eq!(line.split('\t').count(), fields, "{name}:{}: {line}", n + 1);
                if let Some(p) = prev {
                    assert!(
                        p.as_bytes() < line.as_bytes(),
                        "{name}:{}: not sorted",
                        n + 1
                    );
                }
                prev = Some(line);
            }
        }
        assert!(WORDS.lines().count() > 80_000);
    }

    #[test]
    fn every_word_of_the_list_is_found() {
        // Binary search in place finds each line, first and last included.
        for line in WORDS.lines().step_by(97).chain(WORDS.lines().last()) {
            let w = line.split('\t').next().unwrap();
            assert!(entry(w).is_some(), "{w}");
        }
        assert_eq!(entry("zzzzzz"), None);
        assert_eq!(entry(""), None);
        assert_eq!(entry("aaaa0"), None);
    }

    #[test]
    fn function_words_parse() {
        assert!(closed("the").is(Closed::DETERMINER));
        assert!(closed("that").is(Closed::CONJUNCTION));
        assert!(closed("that").is(Closed::DETERMINER));
        assert!(closed("were").is(Closed::AUXILIARY));
        assert!(!closed("drones").any());
    }

    #[test]
    fn nouns_lemmatise() {
        for (w, lemma, plural) in [
            ("buses", "bus", true),
            ("women", "woman", true),
            ("children", "child", true),
            ("deaths", "death", true),
            ("members", "member", true),
            ("transplants", "transplant", true),
            ("jobs", "job", true),
            ("nations", "nation", true),
            ("casualties", "casualty", true),
            ("fatalities", "fatality", true),
            ("people", "person", true),
            ("crises", "crisis", true),
            ("measles", "measles", false),
            ("jury", "jury", false),
            ("news", "news", false),
        ] {
            let n = read(w).noun.unwrap_or_else(|| panic!("{w}: no noun"));
            assert_eq!((n.lemma.as_ref(), n.plural), (lemma, plural), "{w}");
        }
        assert_eq!(noun_lemma("shaheds"), "shahed");
        assert_eq!(noun_lemma("uavs"), "uav");
    }

    #[test]
    fn verbs_lemmatise() {
        for (w, lemma, form) in [
            ("killed", "kill", VerbForm::Past),
            ("evacuated", "evacuate", VerbForm::Past),
            ("sold", "sell", VerbForm::Past),
            ("shot", "shoot", VerbForm::Past),
            ("left", "leave", VerbForm::Past),
            ("intercepting", "intercept", VerbForm::Ing),
            ("fires", "fire", VerbForm::ThirdSingular),
            ("vote", "vote", VerbForm::Base),
            ("stopped", "stop", VerbForm::Past),
            ("died", "die", VerbForm::Past),
        ] {
            let v = read(w).verb.unwrap_or_else(|| panic!("{w}: no verb"));
            assert_eq!((v.lemma, v.form), (lemma, form), "{w}");
        }
        assert_eq!(read("drones").verb.map(|v| v.lemma), Some("drone"));
        assert!(read("the").verb.is_none());
    }
}
