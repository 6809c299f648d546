//! Loading the tables: the TOML rows of each file under `grammar/` and how they are compiled.

use super::*;

/// Parses a decimal written as `"1.5"` or a fraction `"5/9"`.
pub fn parse_decimal(s: &str) -> Result<Decimal, String> {
    if let Some((a, b)) = s.split_once('/') {
        let a = Decimal::from_str(a.trim()).map_err(|e| format!("{s}: {e}"))?;
        let b = Decimal::from_str(b.trim()).map_err(|e| format!("{s}: {e}"))?;
        if b.is_zero() {
            return Err(format!("{s}: division by zero"));
        }
        return Ok(a / b);
    }
    Decimal::from_str(s.trim()).map_err(|e| format!("{s}: {e}"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitsFile {
    unit: Vec<UnitRow>,
    degree_cues: DegreeCuesRow,
    pound_cues: PoundCuesRow,
    rate: RateRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RateRow {
    per: Vec<String>,
    article: Vec<String>,
    money_units: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DegreeCuesRow {
    angle: Vec<String>,
    temperature: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PoundCuesRow {
    weight: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitRow {
    symbol: String,
    dimension: String,
    factor: String,
    #[serde(default)]
    offset: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    exact: Vec<String>,
    #[serde(default)]
    article: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CurrenciesFile {
    currency: Vec<CurrencyRow>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CurrencyRow {
    code: String,
    #[serde(default)]
    prefix: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    minor: Vec<String>,
    #[serde(default)]
    minor_attached: Vec<String>,
    #[serde(default)]
    minor_code: Option<String>,
    #[serde(default)]
    loose: bool,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NumbersFile {
    units: BTreeMap<String, u32>,
    tens: BTreeMap<String, u32>,
    hundred: BTreeMap<String, u32>,
    scales: BTreeMap<String, String>,
    suffixes: BTreeMap<String, String>,
    collectives: BTreeMap<String, u32>,
    fractions: BTreeMap<String, u64>,
    ordinals: OrdinalsRow,
    keywords: WordsRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrdinalsRow {
    words: Vec<String>,
    #[allow(dead_code)]
    suffixes: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VagueFile {
    vague: Vec<VagueRow>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VagueRow {
    words: Vec<String>,
    low: u64,
    #[serde(default)]
    high: Option<u64>,
    #[serde(default)]
    of_scale: bool,
    #[serde(default)]
    #[allow(dead_code)]
    scale: Option<u64>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HedgesFile {
    before: BTreeMap<String, Vec<String>>,
    after: BTreeMap<String, Vec<String>>,
    widen: BTreeMap<String, String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RolesFile {
    roles: BTreeMap<String, Vec<String>>,
    direction: DirectionRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DirectionRow {
    up: Vec<String>,
    down: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DesignationsFile {
    designators: WordsRow,
    context: ContextRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WordsRow {
    words: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContextRow {
    phone: Vec<String>,
    idioms: Vec<String>,
    score_before: Vec<String>,
    score_after: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NounsFile {
    noun: Vec<NounRow>,
    stop: StopRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NounRow {
    lemma: String,
    forms: Vec<String>,
    #[serde(default)]
    event: bool,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StopRow {
    words: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DatesFile {
    months: BTreeMap<String, Vec<String>>,
    weekdays: BTreeMap<String, Vec<String>>,
    relative: BTreeMap<String, i64>,
    zones: ZonesRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ZonesRow {
    words: Vec<String>,
    military: Vec<String>,
}

pub(crate) fn parse<T: for<'de> Deserialize<'de>>(name: &str) -> Result<T, String> {
    toml::from_str(source(name)).map_err(|e| format!("grammar/{name}: {e}"))
}

pub(crate) fn longest_first<T>(v: &mut [(String, T)]) {
    v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
}

/// The keywords that begin a production ("minus 4", "between 3 and 5", "aged 87", "another
/// week"); connectives such as "and" or "to" never begin one.
pub const STARTER_KEYWORDS: &[&str] = &[
    "minus", "negative", "between", "age", "aged", "another", "full", "whole", "couple", "a", "an",
    "all", "percent", "percents", "per",
];

/// Parses and cross-checks every table.
pub fn load() -> Result<Tables, String> {
    load_with(&Extras::default())
}

/// Words of a phrase, lower-cased, joined by single spaces.
pub(crate) fn normalise_phrase(p: &str) -> String {
    p.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`load`] plus a configuration's extras.
pub fn load_with(extras: &Extras) -> Result<Tables, String> {
    let uf: UnitsFile = parse("units.toml")?;
    let mut units = Vec::new();
    let mut unit_aliases = Vec::new();
    let mut article_aliases = FastSet::default();
    for (i, u) in uf.unit.iter().enumerate() {
        let dimension = Dimension::parse(&u.dimension).ok_or_else(|| {
            format!(
                "grammar/units.toml: unit {}: unknown dimension {}",
                u.symbol, u.dimension
            )
        })?;
        let factor = parse_decimal(&u.factor)
            .map_err(|e| format!("grammar/units.toml: unit {}: {e}", u.symbol))?;
        if factor.is_zero() {
            return Err(format!(
                "grammar/units.toml: unit {}: factor is zero",
                u.symbol
            ));
        }
        let offset = match &u.offset {
            Some(o) => parse_decimal(o)
                .map_err(|e| format!("grammar/units.toml: unit {}: {e}", u.symbol))?,
            None => Decimal::ZERO,
        };
        units.push(Unit {
            symbol: u.symbol.clone(),
            dimension,
            factor,
            offset,
        });
        for a in &u.aliases {
            unit_aliases.push((a.to_lowercase(), i, false));
        }
        for a in &u.exact {
            unit_aliases.push((a.clone(), i, true));
        }
        for a in &u.article {
            if !u.aliases.iter().any(|x| x.eq_ignore_ascii_case(a)) {
                return Err(format!(
                    "grammar/units.toml: unit {}: article alias {a:?} is not one of its aliases",
                    u.symbol
                ));
            }
            article_aliases.insert(a.to_lowercase());
        }
    }
    let lower_set =
        |v: &[String]| -> FastSet<String> { v.iter().map(|w| w.to_lowercase()).collect() };
    let rate_word_list = uf.rate.per.clone();
    let rate_words: FastMap<String, u16> = rate_word_list
        .iter()
        .enumerate()
        .map(|(k, w)| (w.to_lowercase(), u16::try_from(k).unwrap_or(u16::MAX)))
        .collect();
    for w in &uf.rate.article {
        if !rate_words.contains_key(&w.to_lowercase()) {
            return Err(format!(
                "grammar/units.toml: [rate] article word {w:?} is no per word"
            ));
        }
    }
    let rate_article_words = lower_set(&uf.rate.article);
    let rate_money_units = lower_set(&uf.rate.money_units);
    let angle_cues = lower_set(&uf.degree_cues.angle);
    let temperature_cues = lower_set(&uf.degree_cues.temperature);
    let weight_cues = lower_set(&uf.pound_cues.weight);
    let mut push_alias = |alias: &str, i: usize| -> Result<(), String> {
        let alias = alias.split_whitespace().collect::<Vec<_>>().join(" ");
        if alias.is_empty() {
            return Err("[units]: an empty alias".to_string());
        }
        let exact = alias.chars().any(char::is_uppercase);
        let alias = if exact { alias } else { alias.to_lowercase() };
        unit_aliases.push((alias, i, exact));
        Ok(())
    };
    for (name, extra) in &extras.units {
        match extra {
            UnitExtra::Alias(symbol) => {
                let i = units.iter().position(|u| u.symbol == *symbol).ok_or_else(|| {
                    format!(
                        "[units] {name:?} = {symbol:?}: unknown unit {symbol:?} (use a canonical symbol such as \"km\", \"lb\", \"°C\", or define the unit with dimension and factor)"
                    )
                })?;
                push_alias(name, i)?;
            }
            UnitExtra::Unit(u) => {
                let at = |e: String| format!("[units] {name}: {e}");
                if units.iter().any(|x| x.symbol == *name) {
                    return Err(at(format!(
                        "the grammar already has the unit {name:?}; give another name, or an alias (\"other = {name:?}\")"
                    )));
                }
                let dimension = Dimension::parse(&u.dimension)
                    .filter(|d| !matches!(d, Dimension::Count | Dimension::Date | Dimension::Time))
                    .ok_or_else(|| {
                        at(format!("unknown or unit-less dimension {:?}", u.dimension))
                    })?;
                let factor = parse_decimal(&u.factor).map_err(at)?;
                if factor.is_zero() {
                    return Err(at("factor is zero".to_string()));
                }
                let offset = match &u.offset {
                    Some(o) => parse_decimal(o).map_err(at)?,
                    None => Decimal::ZERO,
                };
                units.push(Unit {
                    symbol: name.clone(),
                    dimension,
                    factor,
                    offset,
                });
                let i = units.len() - 1;
                push_alias(name, i)?;
                for a in &u.aliases {
                    push_alias(a, i)?;
                }
            }
        }
    }
    unit_aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    let per_symbols = units
        .iter()
        .map(|u| {
            match u.symbol.as_str() {
                "hour" => "h",
                "min" => "min",
                other => other,
            }
            .to_string()
        })
        .collect();
    let unit_index = PhraseIndex::by_first_word(
        &unit_aliases
            .iter()
            .map(|a| a.0.as_str())
            .collect::<Vec<_>>(),
    );

    let cf: CurrenciesFile = parse("currencies.toml")?;
    let mut currencies = Vec::new();
    let mut currency_prefixes = Vec::new();
    let mut currency_names = Vec::new();
    let mut currency_minor_attached = Vec::new();
    for (i, c) in cf.currency.iter().enumerate() {
        currencies.push(Currency {
            code: c.code.clone(),
            loose: c.loose,
            minor_code: c.minor_code.clone(),
        });
        for p in &c.prefix {
            currency_prefixes.push((p.clone(), i));
        }
        // A code written first stands with a million prefix too ("MAUD 60", as "30 MUSD"
        // after the number): `quantity::money_prefixed` scales it.
        if c.prefix.contains(&c.code) {
            currency_prefixes.push((format!("M{}", c.code), i));
        }
        for n in &c.names {
            currency_names.push((n.to_lowercase(), i, false));
        }
        for n in &c.minor {
            currency_names.push((n.to_lowercase(), i, true));
        }
        for n in &c.minor_attached {
            currency_minor_attached.push((n.clone(), i));
        }
    }
    longest_first(&mut currency_prefixes);
    currency_names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));

    let nf: NumbersFile = parse("numbers.toml")?;
    let dec =
        |k: &str, v: &str| parse_decimal(v).map_err(|e| format!("grammar/numbers.toml: {k}: {e}"));
    let mut scales = FastMap::default();
    for (k, v) in &nf.scales {
        scales.insert(k.clone(), dec(k, v)?);
    }
    let mut suffixes = Vec::new();
    for (k, v) in &nf.suffixes {
        suffixes.push((k.clone(), dec(k, v)?));
    }
    longest_first(&mut suffixes);

    let vf: VagueFile = parse("vague.toml")?;
    let mut vague = Vec::new();
    for row in &vf.vague {
        if let Some(h) = row.high
            && h < row.low
        {
            return Err(format!(
                "grammar/vague.toml: {:?}: high {h} is below low {}",
                row.words, row.low
            ));
        }
        for w in &row.words {
            vague.push((
                w.to_lowercase(),
                Vague {
                    low: Decimal::from(row.low),
                    high: row.high.map(Decimal::from),
                    of_scale: row.of_scale,
                },
            ));
        }
    }
    longest_first(&mut vague);

    let hf: HedgesFile = parse("hedges.toml")?;
    let hedge_list =
        |m: &BTreeMap<String, Vec<String>>| -> Result<Vec<(String, HedgeKind)>, String> {
            let mut out = Vec::new();
            for (k, words) in m {
                let kind = HedgeKind::parse(k)
                    .ok_or_else(|| format!("grammar/hedges.toml: unknown hedge kind {k}"))?;
                for w in words {
                    out.push((w.to_lowercase(), kind));
                }
            }
            longest_first(&mut out);
            Ok(out)
        };
    let hedges_before = hedge_list(&hf.before)?;
    let hedges_after = hedge_list(&hf.after)?;
    let widen = |k: &str| -> Result<Decimal, String> {
        hf.widen
            .get(k)
            .map(|v| parse_decimal(v))
            .transpose()?
            .ok_or_else(|| format!("grammar/hedges.toml: widen.{k} is missing"))
    };
    let widen_approx = widen("approx")?;
    let widen_almost = widen("almost")?;

    let rf: RolesFile = parse("roles.toml")?;
    let mut roles = Vec::new();
    for (role, words) in &rf.roles {
        for w in words {
            roles.push((w.to_lowercase(), role.clone()));
        }
    }
    for (role, words) in &extras.roles {
        let role = role.trim();
        if role.is_empty() || words.is_empty() {
            return Err(format!(
                "[roles] {role:?}: needs a role name and a list of words"
            ));
        }
        for w in words {
            let w = normalise_phrase(w);
            if w.is_empty()
                || !w
                    .chars()
                    .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'')
            {
                return Err(format!(
                    "[roles] {role}: {w:?} is not a word or phrase (letters, spaces, hyphens)"
                ));
            }
            // A configured word takes the role from the built-in table's reading.
            roles.retain(|(p, _)| *p != w);
            roles.push((w, role.to_string()));
        }
    }
    longest_first(&mut roles);

    let direction_up = rf.direction.up.iter().map(|w| w.to_lowercase()).collect();
    let direction_down = rf.direction.down.iter().map(|w| w.to_lowercase()).collect();
    let dsf: DesignationsFile = parse("designations.toml")?;
    let (exact, loose): (Vec<&String>, Vec<&String>) = dsf
        .designators
        .words
        .iter()
        .partition(|w| w.chars().any(char::is_uppercase));
    let designators = loose.into_iter().cloned().collect();
    let designators_exact = exact.into_iter().cloned().collect();
    let phone_words = dsf.context.phone.iter().map(|w| w.to_lowercase()).collect();
    let score_before = dsf
        .context
        .score_before
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    let score_after = dsf
        .context
        .score_after
        .iter()
        .map(|w| w.to_lowercase())
        .collect();

    let nnf: NounsFile = parse("nouns.toml")?;
    let mut noun_forms = FastMap::default();
    let mut event_nouns = FastSet::default();
    for n in &nnf.noun {
        for f in &n.forms {
            noun_forms.insert(f.to_lowercase(), n.lemma.clone());
        }
        if n.event {
            event_nouns.insert(n.lemma.clone());
        }
    }

    let df: DatesFile = parse("dates.toml")?;
    let month_names = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let mut months = Vec::new();
    for (k, names) in &df.months {
        let m = month_names
            .iter()
            .position(|n| n == k)
            .ok_or_else(|| format!("grammar/dates.toml: unknown month {k}"))? as i8
            + 1;
        for n in names {
            months.push((n.clone(), m));
        }
    }
    longest_first(&mut months);
    let day_names = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let mut weekdays = Vec::new();
    for (k, names) in &df.weekdays {
        let d = day_names
            .iter()
            .position(|n| n == k)
            .ok_or_else(|| format!("grammar/dates.toml: unknown weekday {k}"))?
            as i8;
        for n in names {
            weekdays.push((n.clone(), d));
        }
    }
    longest_first(&mut weekdays);
    let mut zones = df.zones.words.clone();
    zones.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));

    // The words and chars a production can start with (see `Tables::starters`).
    let mut starters: FastSet<String> = FastSet::default();
    let mut start_chars: FastSet<char> = "-−–+.½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞".chars().collect();
    let add_phrase = |p: &str, starters: &mut FastSet<String>, chars: &mut FastSet<char>| {
        let Some(c) = p.chars().next() else { return };
        if c.is_alphabetic() {
            let w: String = p.chars().take_while(|c| c.is_alphabetic()).collect();
            starters.insert(w.to_lowercase());
        } else if !c.is_ascii_digit() {
            chars.insert(c);
        }
    };
    let number_words = nf
        .units
        .keys()
        .chain(nf.tens.keys())
        .chain(nf.hundred.keys())
        .chain(nf.scales.keys())
        .chain(nf.collectives.keys())
        .chain(nf.fractions.keys())
        .chain(
            nf.keywords
                .words
                .iter()
                .filter(|w| STARTER_KEYWORDS.contains(&w.as_str())),
        );
    for w in number_words {
        add_phrase(w, &mut starters, &mut start_chars);
    }
    let phrases = vague
        .iter()
        .map(|(p, _)| p)
        .chain(hedges_before.iter().map(|(p, _)| p))
        .chain(currency_prefixes.iter().map(|(p, _)| p))
        .chain(months.iter().map(|(p, _)| p))
        .chain(weekdays.iter().map(|(p, _)| p))
        .chain(df.relative.keys());
    for p in phrases {
        add_phrase(p, &mut starters, &mut start_chars);
    }
    let mut relative_day_first = vec![false; 256];
    for k in df.relative.keys() {
        if let Some(b) = k.bytes().next() {
            relative_day_first[usize::from(b.to_ascii_lowercase())] = true;
        }
    }
    let mut tables = Tables {
        currency_prefix_index: PhraseIndex::by_first_byte(
            currency_prefixes.iter().map(|e| e.0.as_str()),
        ),
        currency_name_index: PhraseIndex::by_first_byte(
            currency_names.iter().map(|e| e.0.as_str()),
        ),
        // Context-pass role lookups (see the fields' docs).
        role_phrase_set: roles.iter().map(|e| e.0.clone()).collect(),
        roles_by_first_word: roles_by_first_word(&roles),
        role_first_word_shapes: role_first_word_shapes(&roles),
        vague_index: PhraseIndex::by_first_byte(vague.iter().map(|e| e.0.as_str())),
        hedges_before_index: PhraseIndex::by_two_bytes(
            &hedges_before
                .iter()
                .map(|h| h.0.as_str())
                .collect::<Vec<_>>(),
        ),
        hedges_after_index: PhraseIndex::by_first_byte(hedges_after.iter().map(|e| e.0.as_str())),
        units,
        unit_aliases,
        article_aliases,
        angle_cues,
        temperature_cues,
        weight_cues,
        rate_words,
        rate_word_list,
        rate_article_words,
        rate_money_units,
        per_symbols,
        unit_index,
        currencies,
        currency_prefixes,
        currency_names,
        currency_minor_attached,
        units_words: nf.units.into_iter().collect(),
        tens_words: nf.tens.into_iter().collect(),
        hundred_words: nf.hundred.into_iter().collect(),
        scales,
        suffixes,
        collectives: nf.collectives.into_iter().collect(),
        fractions: nf
            .fractions
            .into_iter()
            .map(|(k, v)| (k, Decimal::from(v)))
            .collect(),
        ordinals: nf.ordinals.words.into_iter().collect(),
        keywords: nf.keywords.words.into_iter().collect(),
        vague,
        hedges_before,
        hedges_after,
        widen_approx,
        widen_almost,
        roles,
        direction_up,
        direction_down,
        designators,
        designators_exact,
        phone_words,
        score_before,
        score_after,
        idioms: dsf.context.idioms.clone(),
        noun_forms,
        event_nouns,
        stop_words: nnf
            .stop
            .words
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect(),
        relative_days: df.relative.into_iter().collect(),
        zones,
        military_hours: df.zones.military,
        starters,
        start_chars,
        number_word_kinds: FastMap::default(),
        word_classes: FastMap::default(),
        word_class_max: 0,
        word_classes_short: PackedClasses::default(),
        month_index: PhraseIndex::by_first_byte(months.iter().map(|e| e.0.as_str())),
        weekday_index: PhraseIndex::by_first_byte(weekdays.iter().map(|e| e.0.as_str())),
        relative_day_first,
        date_order: extras.date_order,
        months,
        weekdays,
        context: ContextIndex::default(),
    };
    tables.context = ContextIndex::new(&tables);
    Ok(tables).map(|mut t| {
        t.number_word_kinds = number_word_kinds(&t);
        t.word_classes = word_classes(&t);
        t.word_class_max = t.word_classes.keys().map(Vec::len).max().unwrap_or(0);
        t.word_classes_short = PackedClasses::new(
            &t.word_classes
                .iter()
                .filter(|(k, _)| k.len() <= 8)
                .map(|(k, v)| (pack_word(k), v.bits()))
                .collect::<Vec<_>>(),
        );
        t
    })
}
