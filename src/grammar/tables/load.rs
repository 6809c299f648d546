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
pub(crate) struct UnitsFile<'a> {
    #[serde(borrow)]
    unit: Vec<UnitRow<'a>>,
    #[serde(borrow)]
    degree_cues: DegreeCuesRow<'a>,
    #[serde(borrow)]
    pound_cues: PoundCuesRow<'a>,
    #[serde(borrow)]
    rate: RateRow<'a>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RateRow<'a> {
    #[serde(borrow)]
    per: Vec<&'a str>,
    #[serde(borrow)]
    article: Vec<&'a str>,
    #[serde(borrow)]
    money_units: Vec<&'a str>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DegreeCuesRow<'a> {
    #[serde(borrow)]
    angle: Vec<&'a str>,
    #[serde(borrow)]
    temperature: Vec<&'a str>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PoundCuesRow<'a> {
    #[serde(borrow)]
    weight: Vec<&'a str>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitRow<'a> {
    symbol: &'a str,
    dimension: &'a str,
    factor: &'a str,
    #[serde(default)]
    #[serde(borrow)]
    offset: Option<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    aliases: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    exact: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    article: Vec<&'a str>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CurrenciesFile<'a> {
    #[serde(borrow)]
    currency: Vec<CurrencyRow<'a>>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CurrencyRow<'a> {
    code: &'a str,
    #[serde(default)]
    #[serde(borrow)]
    prefix: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    names: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    minor: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    minor_attached: Vec<&'a str>,
    #[serde(default)]
    #[serde(borrow)]
    minor_code: Option<&'a str>,
    #[serde(default)]
    loose: bool,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NumbersFile<'a> {
    #[serde(borrow)]
    units: BTreeMap<&'a str, u32>,
    #[serde(borrow)]
    tens: BTreeMap<&'a str, u32>,
    #[serde(borrow)]
    hundred: BTreeMap<&'a str, u32>,
    #[serde(borrow)]
    scales: BTreeMap<&'a str, &'a str>,
    #[serde(borrow)]
    suffixes: BTreeMap<&'a str, &'a str>,
    #[serde(borrow)]
    collectives: BTreeMap<&'a str, u32>,
    #[serde(borrow)]
    fractions: BTreeMap<&'a str, u64>,
    #[serde(borrow)]
    ordinals: OrdinalsRow<'a>,
    #[serde(borrow)]
    keywords: WordsRow<'a>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrdinalsRow<'a> {
    #[serde(borrow)]
    words: Vec<&'a str>,
    #[allow(dead_code)]
    #[serde(borrow)]
    suffixes: Vec<&'a str>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VagueFile<'a> {
    #[serde(borrow)]
    vague: Vec<VagueRow<'a>>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VagueRow<'a> {
    #[serde(borrow)]
    words: Vec<&'a str>,
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
pub(crate) struct HedgesFile<'a> {
    #[serde(borrow)]
    before: BTreeMap<&'a str, Vec<&'a str>>,
    #[serde(borrow)]
    after: BTreeMap<&'a str, Vec<&'a str>>,
    #[serde(borrow)]
    widen: BTreeMap<&'a str, &'a str>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RolesFile<'a> {
    #[serde(borrow)]
    roles: BTreeMap<&'a str, Vec<&'a str>>,
    #[serde(borrow)]
    direction: DirectionRow<'a>,
    #[serde(borrow)]
    aerial: AerialRow<'a>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AerialRow<'a> {
    #[serde(borrow)]
    nouns: Vec<&'a str>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DirectionRow<'a> {
    #[serde(borrow)]
    up: Vec<&'a str>,
    #[serde(borrow)]
    down: Vec<&'a str>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DesignationsFile<'a> {
    #[serde(borrow)]
    designators: WordsRow<'a>,
    #[serde(borrow)]
    context: ContextRow<'a>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WordsRow<'a> {
    #[serde(borrow)]
    words: Vec<&'a str>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContextRow<'a> {
    #[serde(borrow)]
    phone: Vec<&'a str>,
    #[serde(borrow)]
    idioms: Vec<&'a str>,
    #[serde(borrow)]
    score_before: Vec<&'a str>,
    #[serde(borrow)]
    score_after: Vec<&'a str>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NounsFile<'a> {
    #[serde(borrow)]
    noun: Vec<NounRow<'a>>,
    #[serde(borrow)]
    stop: StopRow<'a>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NounRow<'a> {
    lemma: &'a str,
    #[serde(borrow)]
    forms: Vec<&'a str>,
    #[serde(default)]
    event: bool,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StopRow<'a> {
    #[serde(borrow)]
    words: Vec<&'a str>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DatesFile<'a> {
    #[serde(borrow)]
    months: BTreeMap<&'a str, Vec<&'a str>>,
    #[serde(borrow)]
    weekdays: BTreeMap<&'a str, Vec<&'a str>>,
    #[serde(borrow)]
    relative: BTreeMap<&'a str, i64>,
    #[serde(borrow)]
    periods: BTreeMap<&'a str, (&'a str, i16)>,
    #[serde(borrow)]
    period_parts: BTreeMap<&'a str, &'a str>,
    #[serde(borrow)]
    trailing: BTreeMap<&'a str, &'a str>,
    #[serde(borrow)]
    zones: ZonesRow<'a>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ZonesRow<'a> {
    #[serde(borrow)]
    words: Vec<&'a str>,
    #[serde(borrow)]
    military: Vec<&'a str>,
}

/// Where [`load_from`] reads the tables' rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// The trees build.rs made of `grammar/*.toml` (see [`super::embedded`]): no parsing.
    Embedded,
    /// The TOML itself, parsed now (into a tree leaked for the rows to borrow): what the
    /// embedded trees are held to in tests.
    #[cfg(test)]
    Toml,
}

/// The rows of the table file `name`, borrowing the strings of its tree.
pub(crate) fn parse<T: Deserialize<'static>>(name: &str, from: Source) -> Result<T, String> {
    let tree = match from {
        Source::Embedded => super::embedded::tree(name)
            .ok_or_else(|| format!("grammar/{name}: not embedded by build.rs"))?,
        #[cfg(test)]
        Source::Toml => super::embedded::leak(
            &toml::from_str(source(name)).map_err(|e| format!("grammar/{name}: {e}"))?,
        ),
    };
    super::embedded::from_tree(tree).map_err(|e| format!("grammar/{name}: {e}"))
}

/// A row's map with owned keys.
fn owned_keys<V>(m: BTreeMap<&str, V>) -> FastMap<String, V> {
    m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
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
    load_from(extras, Source::Embedded)
}

/// [`load_with`], reading the rows from `from`.
pub(crate) fn load_from(extras: &Extras, from: Source) -> Result<Tables, String> {
    let uf: UnitsFile = parse("units.toml", from)?;
    let mut units = Vec::new();
    let mut unit_aliases = Vec::new();
    let mut article_aliases = FastSet::default();
    for (i, u) in uf.unit.iter().enumerate() {
        let dimension = Dimension::parse(u.dimension).ok_or_else(|| {
            format!(
                "grammar/units.toml: unit {}: unknown dimension {}",
                u.symbol, u.dimension
            )
        })?;
        let factor = parse_decimal(u.factor)
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
            symbol: u.symbol.to_string(),
            dimension,
            factor,
            offset,
        });
        for a in &u.aliases {
            unit_aliases.push((a.to_lowercase(), i, false));
        }
        for a in &u.exact {
            unit_aliases.push((a.to_string(), i, true));
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
        |v: &[&str]| -> FastSet<String> { v.iter().map(|w| w.to_lowercase()).collect() };
    let rate_word_list: Vec<String> = uf.rate.per.iter().map(|w| w.to_string()).collect();
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

    let cf: CurrenciesFile = parse("currencies.toml", from)?;
    let mut currencies = Vec::new();
    let mut currency_prefixes = Vec::new();
    let mut currency_names = Vec::new();
    let mut currency_minor_attached = Vec::new();
    for (i, c) in cf.currency.iter().enumerate() {
        currencies.push(Currency {
            code: c.code.to_string(),
            loose: c.loose,
            minor_code: c.minor_code.map(str::to_string),
        });
        for p in &c.prefix {
            currency_prefixes.push((p.to_string(), i));
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
            currency_minor_attached.push((n.to_string(), i));
        }
    }
    longest_first(&mut currency_prefixes);
    currency_names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));

    let nf: NumbersFile = parse("numbers.toml", from)?;
    let dec =
        |k: &str, v: &str| parse_decimal(v).map_err(|e| format!("grammar/numbers.toml: {k}: {e}"));
    let mut scales = FastMap::default();
    for (k, v) in &nf.scales {
        scales.insert(k.to_string(), dec(k, v)?);
    }
    let mut suffixes = Vec::new();
    for (k, v) in &nf.suffixes {
        suffixes.push((k.to_string(), dec(k, v)?));
    }
    longest_first(&mut suffixes);

    let vf: VagueFile = parse("vague.toml", from)?;
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

    let hf: HedgesFile = parse("hedges.toml", from)?;
    let hedge_list = |m: &BTreeMap<&str, Vec<&str>>| -> Result<Vec<(String, HedgeKind)>, String> {
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
    // "about", "around", "roughly": one widening for check and reconcile, the precision
    // module's (`[tolerance] hedge_widen`), not a table row.
    if hf.widen.contains_key("approx") {
        return Err(
            "grammar/hedges.toml: widen.approx is not a table row: the widening of \
                    approximate hedges is `[tolerance] hedge_widen` (src/precision.rs)"
                .to_string(),
        );
    }
    let widen_approx = extras
        .hedge_widen
        .unwrap_or(crate::precision::Tolerance::default().hedge_widen);
    let widen_almost = widen("almost")?;

    let rf: RolesFile = parse("roles.toml", from)?;
    let mut roles = Vec::new();
    for (role, words) in &rf.roles {
        for w in words {
            roles.push((w.to_lowercase(), role.to_string()));
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
    let aerial_nouns = rf.aerial.nouns.iter().map(|w| w.to_lowercase()).collect();
    let dsf: DesignationsFile = parse("designations.toml", from)?;
    let (exact, loose): (Vec<&&str>, Vec<&&str>) = dsf
        .designators
        .words
        .iter()
        .partition(|w| w.chars().any(char::is_uppercase));
    let designators = loose.into_iter().map(|w| w.to_string()).collect();
    let designators_exact = exact.into_iter().map(|w| w.to_string()).collect();
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

    let nnf: NounsFile = parse("nouns.toml", from)?;
    let mut noun_forms = FastMap::default();
    let mut event_nouns = FastSet::default();
    for n in &nnf.noun {
        for f in &n.forms {
            noun_forms.insert(f.to_lowercase(), n.lemma.to_string());
        }
        if n.event {
            event_nouns.insert(n.lemma.to_string());
        }
    }

    let df: DatesFile = parse("dates.toml", from)?;
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
            months.push((n.to_string(), m));
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
            weekdays.push((n.to_string(), d));
        }
    }
    longest_first(&mut weekdays);
    let mut zones: Vec<String> = df.zones.words.iter().map(|w| w.to_string()).collect();
    zones.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));

    // The words and chars a production can start with (see `Tables::starters`).
    let mut starters: FastSet<String> = FastSet::default();
    let mut start_chars: FastSet<char> = "-−–+.½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞".chars().collect();
    let add_phrase = |p: &str, starters: &mut FastSet<String>, chars: &mut FastSet<char>| {
        let Some(c) = p.chars().next() else { return };
        if c.is_alphabetic() {
            let end = p
                .char_indices()
                .find(|(_, c)| !c.is_alphabetic())
                .map_or(p.len(), |(i, _)| i);
            let w = &p[..end];
            if !w.bytes().all(|b| b.is_ascii_lowercase()) {
                starters.insert(w.to_lowercase());
            } else if !starters.contains(w) {
                starters.insert(w.to_string());
            }
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
                .filter(|w| STARTER_KEYWORDS.contains(*w)),
        );
    for w in number_words {
        add_phrase(w, &mut starters, &mut start_chars);
    }
    let phrases = vague
        .iter()
        .map(|(p, _)| p.as_str())
        .chain(hedges_before.iter().map(|(p, _)| p.as_str()))
        .chain(currency_prefixes.iter().map(|(p, _)| p.as_str()))
        .chain(months.iter().map(|(p, _)| p.as_str()))
        .chain(weekdays.iter().map(|(p, _)| p.as_str()))
        .chain(df.relative.keys().copied())
        .chain(df.periods.keys().copied())
        .chain(df.period_parts.keys().copied())
        .chain(df.trailing.keys().copied());
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
        units_words: owned_keys(nf.units),
        tens_words: owned_keys(nf.tens),
        hundred_words: owned_keys(nf.hundred),
        scales,
        suffixes,
        collectives: owned_keys(nf.collectives),
        fractions: nf
            .fractions
            .into_iter()
            .map(|(k, v)| (k.to_string(), Decimal::from(v)))
            .collect(),
        ordinals: nf.ordinals.words.iter().map(|w| w.to_string()).collect(),
        keywords: nf.keywords.words.iter().map(|w| w.to_string()).collect(),
        vague,
        hedges_before,
        hedges_after,
        widen_approx,
        widen_almost,
        roles,
        direction_up,
        direction_down,
        aerial_nouns,
        designators,
        designators_exact,
        phone_words,
        score_before,
        score_after,
        idioms: dsf.context.idioms.iter().map(|w| w.to_string()).collect(),
        noun_forms,
        event_nouns,
        stop_words: nnf
            .stop
            .words
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect(),
        relative_days: owned_keys(df.relative),
        zones,
        military_hours: df.zones.military.iter().map(|w| w.to_string()).collect(),
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
        periods: {
            use crate::grammar::date::PeriodUnit;
            let unit = |phrase: &str, u: &str| {
                PeriodUnit::parse(u)
                    .ok_or_else(|| format!("grammar/dates.toml: period {phrase}: unknown unit {u}"))
            };
            let mut p = Vec::new();
            for (phrase, (u, off)) in &df.periods {
                p.push(((*phrase).to_string(), unit(phrase, u)?, *off));
            }
            // Longest first, so that no phrase hides a longer one.
            p.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
            p
        },
        period_parts: {
            let mut p = Vec::new();
            for (w, part) in &df.period_parts {
                let part = crate::grammar::date::PeriodPart::parse(part).ok_or_else(|| {
                    format!("grammar/dates.toml: period part {w}: unknown part {part}")
                })?;
                p.push(((*w).to_string(), part));
            }
            p
        },
        trailing: {
            let mut p = Vec::new();
            for (phrase, u) in &df.trailing {
                let unit = crate::grammar::date::PeriodUnit::parse(u).ok_or_else(|| {
                    format!("grammar/dates.toml: trailing {phrase}: unknown unit {u}")
                })?;
                p.push(((*phrase).to_string(), unit));
            }
            p
        },
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
