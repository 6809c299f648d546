use super::*;
use crate::grammar::{date, number, quantity, scan, text};

/// Every word (lower case, letters only) in every table: keys and string values.
fn table_words() -> HashSet<String> {
    fn add(s: &str, out: &mut HashSet<String>) {
        for w in s.split(|c: char| !c.is_alphabetic()) {
            if !w.is_empty() {
                out.insert(w.to_lowercase());
            }
        }
    }
    fn walk(v: &toml::Value, out: &mut HashSet<String>) {
        match v {
            toml::Value::String(s) => add(s, out),
            toml::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            toml::Value::Table(t) => {
                for (k, x) in t {
                    add(k, out);
                    walk(x, out);
                }
            }
            _ => {}
        }
    }
    let mut out = HashSet::new();
    for (name, src) in SOURCES {
        let v: toml::Value = toml::from_str(src).unwrap_or_else(|e| panic!("grammar/{name}: {e}"));
        walk(&v, &mut out);
    }
    out
}

/// Punctuation and symbols allowed in quoted EBNF terminals and code literals.
const PUNCT: &str = "-−–—~+.,/:^()[]°×½⅓⅔¼¾⅛ ";

fn check_literal(lit: &str, words: &HashSet<String>, what: &str) -> Result<(), String> {
    for w in lit.split(|c: char| !c.is_alphabetic()) {
        if !w.is_empty() && !words.contains(&w.to_lowercase()) {
            return Err(format!("{what}: word {w:?} of {lit:?} is in no table"));
        }
    }
    for c in lit.chars().filter(|c| !c.is_alphanumeric()) {
        if !PUNCT.contains(c) {
            return Err(format!("{what}: {c:?} of {lit:?} is not a listed terminal"));
        }
    }
    Ok(())
}

/// The functions the EBNF may name. Each entry takes the function's address, so renaming
/// or removing a function breaks this list at compile time.
fn known_functions() -> Vec<&'static str> {
    macro_rules! known {
        ($($name:literal => $f:path),* $(,)?) => {
            vec![$({
                let _ = $f;
                $name
            }),*]
        };
    }
    known![
        "grammar::scan::scan" => scan::scan,
        "grammar::scan::try_at" => scan::try_at,
        "grammar::scan::is_designation" => scan::is_designation,
        "grammar::scan::article_event" => scan::article_event,
        "grammar::scan::not_figure" => scan::not_figure,
        "grammar::text::ws" => text::ws,
        "grammar::text::word" => text::word,
        "grammar::number::number" => number::number,
        "grammar::number::sign" => number::sign,
        "grammar::number::unsigned_digits" => number::unsigned_digits,
        "grammar::number::digit_number" => number::digit_number,
        "grammar::number::scale_after_digits" => number::scale_after_digits,
        "grammar::number::scale_word" => number::scale_word,
        "grammar::number::word_number" => number::word_number,
        "grammar::number::word_number_parts" => number::word_number_parts,
        "grammar::number::word_number_signed" => number::word_number_signed,
        "grammar::number::collective" => number::collective,
        "grammar::number::vulgar" => number::vulgar,
        "grammar::number::fraction" => number::fraction,
        "grammar::number::signed_fraction" => number::signed_fraction,
        "grammar::number::fraction_tail" => number::fraction_tail,
        "grammar::number::fraction_sep" => number::fraction_sep,
        "grammar::number::fraction_word" => number::fraction_word,
        "grammar::number::fraction_scale" => number::fraction_scale,
        "grammar::quantity::quantity" => quantity::quantity,
        "grammar::quantity::amount" => quantity::amount,
        "grammar::quantity::measure" => quantity::measure,
        "grammar::quantity::compound_units" => quantity::compound_units,
        "grammar::quantity::cents_after" => quantity::cents_after,
        "grammar::quantity::unit" => quantity::unit,
        "grammar::quantity::currency_name" => quantity::currency_name,
        "grammar::quantity::money_prefixed" => quantity::money_prefixed,
        "grammar::quantity::age_prefixed" => quantity::age_prefixed,
        "grammar::quantity::article_unit" => quantity::article_unit,
        "grammar::quantity::vague" => quantity::vague,
        "grammar::quantity::hedge_before" => quantity::hedge_before,
        "grammar::quantity::hedge_after" => quantity::hedge_after,
        "grammar::quantity::hedged" => quantity::hedged,
        "grammar::quantity::range_sep" => quantity::range_sep,
        "grammar::quantity::range_plain" => quantity::range_plain,
        "grammar::quantity::range_between" => quantity::range_between,
        "grammar::quantity::percent_of" => quantity::percent_of,
        "grammar::date::date" => date::date,
        "grammar::date::numeric" => date::numeric,
        "grammar::date::month" => date::month,
        "grammar::date::weekday_date" => date::weekday_date,
        "grammar::date::relative_day" => date::relative_day,
        "grammar::date::relative_period" => date::relative_period,
        "grammar::date::trailing_period" => date::trailing_period,
        "grammar::date::bare_month" => date::bare_month,
        "grammar::date::clock" => date::clock,
        "grammar::date::year_span" => date::year_span,
    ]
}

fn extras(units: &[(&str, &str)], roles: &[(&str, &[&str])]) -> Extras {
    Extras {
        units: units
            .iter()
            .map(|(a, b)| (a.to_string(), UnitExtra::from(*b)))
            .collect(),
        roles: roles
            .iter()
            .map(|(r, ws)| (r.to_string(), ws.iter().map(|w| w.to_string()).collect()))
            .collect(),
        date_order: None,
        hedge_widen: None,
    }
}

#[test]
fn extras_extend_the_tables() {
    let e = extras(
        &[("klicks", "km"), ("Mt", "t")],
        &[("evacuated", &["Moved  Out"]), ("rescued", &["launched"])],
    );
    let t = with_extras(&e).unwrap();
    let km = t.units.iter().position(|u| u.symbol == "km").unwrap();
    assert!(t.unit_aliases.contains(&("klicks".to_string(), km, false)));
    let tonne = t.units.iter().position(|u| u.symbol == "t").unwrap();
    assert!(t.unit_aliases.contains(&("Mt".to_string(), tonne, true)));
    // Phrases are normalised; a configured word takes over a built-in one.
    assert!(
        t.roles
            .contains(&("moved out".to_string(), "evacuated".to_string()))
    );
    assert_eq!(
        t.roles
            .iter()
            .filter(|(p, _)| p == "launched")
            .collect::<Vec<_>>(),
        [&("launched".to_string(), "rescued".to_string())]
    );
    // Indexes are rebuilt with the extras in them.
    let k = t.unit_aliases.iter().position(|a| a.0 == "klicks").unwrap();
    assert!(t.unit_index.candidates("klicks").contains(&k));
    // The same extras give the same tables; none give the built-in ones, shared, unchanged.
    assert_eq!(
        t.unit_aliases,
        with_extras(&e.clone()).unwrap().unit_aliases
    );
    assert!(std::sync::Arc::ptr_eq(
        &with_extras(&Extras::default()).unwrap(),
        &builtin_arc()
    ));
    assert!(!builtin().unit_aliases.iter().any(|a| a.0 == "klicks"));
}

#[test]
fn a_configuration_can_define_a_unit() {
    let mut e = Extras::default();
    e.units.insert(
        "furlong".into(),
        UnitExtra::Unit(NewUnit {
            dimension: "length".into(),
            factor: "201.168".into(),
            offset: None,
            aliases: vec!["Furlongs".into()],
        }),
    );
    let t = with_extras(&e).unwrap();
    let u = t.unit("furlong").expect("defined");
    assert_eq!(u.dimension, Dimension::Length);
    assert_eq!(u.to_base(Decimal::TEN), Decimal::new(201168, 2));
    let i = t.units.iter().position(|x| x.symbol == "furlong").unwrap();
    assert!(t.unit_aliases.contains(&("Furlongs".to_string(), i, true)));
    assert!(t.unit_aliases.contains(&("furlong".to_string(), i, false)));
    // A symbol the grammar has, an unknown dimension, a zero factor: refused.
    let mut bad = e.clone();
    bad.units.insert(
        "km".into(),
        UnitExtra::Unit(NewUnit {
            dimension: "length".into(),
            factor: "1000".into(),
            offset: None,
            aliases: vec![],
        }),
    );
    assert!(with_extras(&bad).unwrap_err().contains("already has"));
    for (dim, factor) in [
        ("lenght", "1"),
        ("count", "1"),
        ("length", "0"),
        ("length", "x"),
    ] {
        let mut bad = Extras::default();
        bad.units.insert(
            "thing".into(),
            UnitExtra::Unit(NewUnit {
                dimension: dim.into(),
                factor: factor.into(),
                offset: None,
                aliases: vec![],
            }),
        );
        let err = with_extras(&bad).unwrap_err();
        assert!(err.starts_with("[units] thing: "), "{err}");
    }
}

#[test]
fn bad_extras_are_refused_with_a_reason() {
    let e = with_extras(&extras(&[("klicks", "kilometre")], &[])).unwrap_err();
    assert!(e.contains("klicks") && e.contains("unknown unit"), "{e}");
    let e = with_extras(&extras(&[], &[("evacuated", &["moved; out"])])).unwrap_err();
    assert!(e.contains("moved; out"), "{e}");
    let e = with_extras(&extras(&[], &[("evacuated", &[])])).unwrap_err();
    assert!(e.contains("evacuated"), "{e}");
}

#[test]
fn every_table_loads_and_tables_agree() {
    let cx = &crate::grammar::cx::Cx::new(crate::grammar::tables::builtin());
    let t = load().expect("tables load");
    // No alias names two units of different dimensions (or two units at all).
    let mut seen: HashMap<(&str, bool), usize> = HashMap::new();
    for (alias, idx, exact) in &t.unit_aliases {
        if let Some(prev) = seen.insert((alias.as_str(), *exact), *idx) {
            assert_eq!(
                t.units[prev].dimension, t.units[*idx].dimension,
                "alias {alias:?} maps to {} and {}",
                t.units[prev].symbol, t.units[*idx].symbol
            );
            panic!(
                "alias {alias:?} maps to both {} and {}",
                t.units[prev].symbol, t.units[*idx].symbol
            );
        }
    }
    // A currency name belongs to one currency.
    let mut names: HashMap<&str, usize> = HashMap::new();
    for (name, idx, _) in &t.currency_names {
        if let Some(prev) = names.insert(name.as_str(), *idx) {
            assert_eq!(
                prev, *idx,
                "currency name {name:?} belongs to two currencies"
            );
        }
    }
    // Vague intervals are ordered.
    for (w, v) in &t.vague {
        assert!(v.high.is_none_or(|h| h >= v.low), "vague {w:?}: high < low");
    }
    // A hedge word has one meaning on each side.
    for list in [&t.hedges_before, &t.hedges_after] {
        let mut kinds: HashMap<&str, HedgeKind> = HashMap::new();
        for (w, k) in list {
            if let Some(prev) = kinds.insert(w.as_str(), *k) {
                assert_eq!(prev, *k, "hedge {w:?} has two kinds");
            }
        }
    }
    // Every fraction word parses as the fraction it names.
    for (w, d) in &t.fractions {
        let (num, text) = if w.ends_with('s') {
            (Decimal::TWO, format!("two {w}"))
        } else {
            (Decimal::ONE, format!("one {w}"))
        };
        let (rest, n) = number::fraction(cx, &text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!((rest, n.fig.value), ("", num / d), "{text}");
    }
    // The starter keywords are table keywords.
    for w in STARTER_KEYWORDS {
        assert!(t.keywords.contains(*w), "starter {w} is not in [keywords]");
        assert!(t.starters.contains(*w), "starter {w} missing");
    }
    assert!(!t.starters.contains("and") && !t.starters.contains("the"));
    // Twelve months, seven weekdays.
    let months: HashSet<i8> = t.months.iter().map(|(_, m)| *m).collect();
    assert_eq!(months.len(), 12);
    let days: HashSet<i8> = t.weekdays.iter().map(|(_, d)| *d).collect();
    assert_eq!(days.len(), 7);
    // A rate's unit words after money are unit aliases, and no rate word is a unit.
    for w in &t.rate_money_units {
        assert!(
            t.unit_aliases.iter().any(|(a, _, _)| a == w),
            "[rate] money unit {w:?} is no unit alias"
        );
    }
    for w in t.rate_words.keys() {
        assert!(
            !t.unit_aliases.iter().any(|(a, _, _)| a == w),
            "[rate] word {w:?} is a unit alias: list it as a unit"
        );
    }
    // A degree cue has one side.
    for w in &t.angle_cues {
        assert!(
            !t.temperature_cues.contains(w),
            "degree cue {w:?} on both sides"
        );
    }
    // Unit conversions are usable: a unit converts to its base and back.
    for u in &t.units {
        let v = Decimal::from(7);
        let back = u.from_base(u.to_base(v));
        assert!((back - v).abs() < Decimal::new(1, 12), "{}", u.symbol);
    }
}

/// An embedded tree as the TOML value it stands for.
fn tree_value(n: &embedded::Node) -> toml::Value {
    use embedded::Node;
    match n {
        Node::S(s) => toml::Value::String(s.to_string()),
        Node::I(i) => toml::Value::Integer(*i),
        Node::B(b) => toml::Value::Boolean(*b),
        Node::A(a) => toml::Value::Array(a.iter().map(tree_value).collect()),
        Node::T(t) => toml::Value::Table(
            t.iter()
                .map(|(k, v)| (k.to_string(), tree_value(v)))
                .collect(),
        ),
    }
}

// The trees build.rs generated are the TOML files, parsed at run time: every table, every
// key and value, nothing more.
#[test]
fn the_embedded_tables_are_the_toml_files() {
    let names: Vec<&str> = embedded::EMBEDDED.iter().map(|(n, _)| *n).collect();
    let sources: Vec<&str> = SOURCES.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, sources);
    for (name, src) in SOURCES {
        let parsed: toml::Value =
            toml::from_str(src).unwrap_or_else(|e| panic!("grammar/{name}: {e}"));
        let tree = embedded::tree(name).unwrap_or_else(|| panic!("{name} is not embedded"));
        assert!(
            tree_value(tree) == parsed,
            "grammar/{name}: the embedded tree differs"
        );
    }
    let src = include_str!("../../../grammar/lexicon/function-words.toml");
    let parsed: toml::Value = toml::from_str(src).expect("function-words.toml parses");
    assert!(
        tree_value(&embedded::FUNCTION_WORDS) == parsed,
        "grammar/lexicon/function-words.toml: the embedded tree differs"
    );
}

// The tables start-up builds from the embedded trees are the ones the TOML gives, with and
// without a configuration's extras.
#[test]
fn tables_from_the_embedded_trees_equal_tables_from_the_toml() {
    let none = Extras::default();
    let some = extras(&[("klicks", "km")], &[("evacuated", &["moved out"])]);
    for x in [&none, &some] {
        let a = load_from(x, Source::Embedded).expect("embedded tables load");
        let b = load_from(x, Source::Toml).expect("TOML tables load");
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }
    assert_eq!(
        format!("{:?}", builtin()),
        format!(
            "{:?}",
            load_from(&none, Source::Toml).expect("TOML tables load")
        )
    );
}

// The deserialiser refuses a tree that does not fit the rows, naming what is wrong.
#[test]
fn a_tree_that_does_not_fit_its_rows_is_refused() {
    use embedded::Node;
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct WordsRow {
        words: Vec<String>,
    }
    static BAD: Node = Node::T(&[("words", Node::A(&[Node::S("a"), Node::I(3)]))]);
    let e = embedded::from_tree::<WordsRow>(&BAD).expect_err("an integer is no word");
    assert!(e.to_string().contains("integer"), "{e}");
    static EXTRA: Node = Node::T(&[("words", Node::A(&[])), ("other", Node::B(true))]);
    let e = embedded::from_tree::<WordsRow>(&EXTRA).expect_err("unknown field");
    assert!(e.to_string().contains("other"), "{e}");
    static GOOD: Node = Node::T(&[("words", Node::A(&[Node::S("a"), Node::S("b")]))]);
    let w: WordsRow = embedded::from_tree(&GOOD).expect("fits");
    assert_eq!(w.words, ["a", "b"]);
}

#[test]
fn ebnf_terminals_are_table_words_and_functions_exist() {
    let words = table_words();
    let known = known_functions();
    let known_names: HashSet<&str> = known.into_iter().collect();
    // Quoted terminals, outside comments.
    let mut named = HashSet::new();
    let mut rest = EBNF;
    let mut terminals = 0;
    while let Some(k) = rest.find(['"', '(']) {
        let after = &rest[k + 1..];
        if rest[k..].starts_with("(*") {
            let end = after.find("*)").expect("unclosed EBNF comment");
            let comment = &after[1..end];
            if let Some(f) = comment.trim().strip_prefix("fn:") {
                let f = f.trim();
                assert!(known_names.contains(f), "EBNF names unknown function {f}");
                named.insert(f);
            }
            rest = &after[end + 2..];
        } else if rest[k..].starts_with('"') {
            let end = after.find('"').expect("unclosed EBNF terminal");
            check_literal(&after[..end], &words, "grammar/quantities.ebnf")
                .unwrap_or_else(|e| panic!("{e}"));
            terminals += 1;
            rest = &after[end + 1..];
        } else {
            rest = after;
        }
    }
    assert!(terminals > 50, "EBNF has only {terminals} terminals");
    for n in &known_names {
        assert!(
            named.contains(n),
            "{n} is in the known list but not in the EBNF"
        );
    }
}

#[test]
fn literal_words_in_the_productions_are_table_words() {
    let words = table_words();
    let sources = [
        ("number.rs", include_str!("../number.rs")),
        ("quantity.rs", include_str!("../quantity.rs")),
        ("date.rs", include_str!("../date.rs")),
    ];
    for (name, src) in sources {
        let body = src.split("#[cfg(test)]").next().unwrap_or(src);
        for pat in ["word_ci(\"", "phrase_word(\""] {
            for (k, _) in body.match_indices(pat) {
                let lit = &body[k + pat.len()..];
                let lit = &lit[..lit.find('"').unwrap_or(0)];
                check_literal(lit, &words, name).unwrap_or_else(|e| panic!("{e}"));
            }
        }
    }
}

mod phrase_index {
    use super::*;
    use proptest::prelude::*;

    /// Every entry of `phrases` that matches at the start of `i` (case-insensitively, as
    /// `phrase_ci` does, or exactly), in list order: what a scan of the whole list finds.
    fn matching(phrases: &[&str], i: &str) -> Vec<usize> {
        (0..phrases.len())
            .filter(|&k| {
                text::phrase_ci(i, phrases[k]).is_some()
                    || text::phrase_exact(i, phrases[k]).is_some()
            })
            .collect()
    }

    fn check(ix: &PhraseIndex, phrases: &[&str], i: &str) -> Result<(), TestCaseError> {
        let cands = ix.candidates(i);
        prop_assert!(
            cands.windows(2).all(|w| w[0] < w[1]),
            "not in list order: {cands:?}"
        );
        for k in matching(phrases, i) {
            prop_assert!(
                cands.contains(&k),
                "{:?} matches {i:?} but is no candidate",
                phrases[k]
            );
        }
        let first = ix.by_first(i);
        for k in matching(phrases, i) {
            prop_assert!(first.contains(&k));
        }
        Ok(())
    }

    proptest! {
        // The index never hides an entry that matches: for inputs made of a table phrase in
        // any case and whatever follows it, every matching entry is a candidate, in list
        // order, whichever way the index is built.
        #[test]
        fn candidates_include_every_match(pick in any::<prop::sample::Index>(),
                                          flips in any::<u64>(),
                                          tail in "[ a-zA-Z0-9.,°/-]{0,6}") {
            let t = builtin();
            for phrases in [
                t.unit_aliases.iter().map(|a| a.0.as_str()).collect::<Vec<_>>(),
                t.hedges_before.iter().map(|a| a.0.as_str()).collect(),
                t.currency_names.iter().map(|a| a.0.as_str()).collect(),
            ] {
                let p = phrases[pick.index(phrases.len())];
                let cased: String = p
                    .chars()
                    .enumerate()
                    .map(|(j, c)| if flips >> (j % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c })
                    .collect();
                for i in [format!("{p}{tail}"), format!("{cased}{tail}")] {
                    check(&PhraseIndex::by_first_word(&phrases), &phrases, &i)?;
                    check(&PhraseIndex::by_two_bytes(&phrases), &phrases, &i)?;
                    check(&PhraseIndex::by_first_byte(phrases.iter().copied()), &phrases, &i)?;
                }
            }
        }
    }
}
