//! The grammar's data: the TOML tables under `grammar/`, compiled into the binary and parsed
//! once. A unit test loads every table and cross-checks them with `grammar/quantities.ebnf`.

use crate::quantity::Dimension;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::str::FromStr;
use std::sync::LazyLock;

/// The raw TOML of each table, by file name.
pub const SOURCES: &[(&str, &str)] = &[
    ("units.toml", include_str!("../../grammar/units.toml")),
    (
        "currencies.toml",
        include_str!("../../grammar/currencies.toml"),
    ),
    ("numbers.toml", include_str!("../../grammar/numbers.toml")),
    ("vague.toml", include_str!("../../grammar/vague.toml")),
    ("hedges.toml", include_str!("../../grammar/hedges.toml")),
    ("roles.toml", include_str!("../../grammar/roles.toml")),
    ("nouns.toml", include_str!("../../grammar/nouns.toml")),
    ("dates.toml", include_str!("../../grammar/dates.toml")),
    (
        "designations.toml",
        include_str!("../../grammar/designations.toml"),
    ),
];

/// The EBNF of the grammar.
pub const EBNF: &str = include_str!("../../grammar/quantities.ebnf");

fn source(name: &str) -> &'static str {
    SOURCES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| *s)
        .unwrap_or("")
}

/// A unit of measure.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Canonical symbol.
    pub symbol: String,
    /// What it measures.
    pub dimension: Dimension,
    /// base = value * factor + offset.
    pub factor: Decimal,
    /// See `factor`.
    pub offset: Decimal,
}

impl Unit {
    /// Converts a value in this unit to the dimension's base unit.
    pub fn to_base(&self, v: Decimal) -> Decimal {
        v * self.factor + self.offset
    }
    /// Converts a value in the base unit to this unit.
    pub fn from_base(&self, b: Decimal) -> Decimal {
        (b - self.offset) / self.factor
    }
}

/// A hedge kind from `hedges.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HedgeKind {
    /// Strictly above.
    Gt,
    /// At or above.
    Ge,
    /// Strictly below.
    Lt,
    /// At or below.
    Le,
    /// A little below.
    Almost,
    /// Around.
    Approx,
    /// Exactly.
    Eq,
}

impl HedgeKind {
    fn parse(s: &str) -> Option<HedgeKind> {
        Some(match s {
            "gt" => HedgeKind::Gt,
            "ge" => HedgeKind::Ge,
            "lt" => HedgeKind::Lt,
            "le" => HedgeKind::Le,
            "almost" => HedgeKind::Almost,
            "approx" => HedgeKind::Approx,
            "eq" => HedgeKind::Eq,
            _ => return None,
        })
    }
}

/// A vague amount.
#[derive(Debug, Clone)]
pub struct Vague {
    /// Low end.
    pub low: Decimal,
    /// High end, if bounded.
    pub high: Option<Decimal>,
    /// Takes "of thousands" after it.
    pub of_scale: bool,
}

/// A currency.
#[derive(Debug, Clone)]
pub struct Currency {
    /// ISO code.
    pub code: String,
    /// The code may be written in lower case.
    pub loose: bool,
}

/// Every table, ready for lookups.
#[derive(Debug)]
pub struct Tables {
    /// Units by index.
    pub units: Vec<Unit>,
    /// (alias, unit index, case-sensitive), longest alias first.
    pub unit_aliases: Vec<(String, usize, bool)>,
    /// Currencies by index.
    pub currencies: Vec<Currency>,
    /// (prefix symbol, currency index), longest first; case-sensitive.
    pub currency_prefixes: Vec<(String, usize)>,
    /// (name, currency index, minor unit), longest first; case-insensitive.
    pub currency_names: Vec<(String, usize, bool)>,
    /// "one" → 1 … "nineteen" → 19.
    pub units_words: HashMap<String, u32>,
    /// "twenty" → 20 …
    pub tens_words: HashMap<String, u32>,
    /// "hundred".
    pub hundred_words: HashMap<String, u32>,
    /// "thousand" → 1000 …
    pub scales: HashMap<String, Decimal>,
    /// "k" → 1000, case-sensitive, longest first.
    pub suffixes: Vec<(String, Decimal)>,
    /// "dozen" → 12.
    pub collectives: HashMap<String, u32>,
    /// "third" → 3.
    pub fractions: HashMap<String, Decimal>,
    /// Ordinal words.
    pub ordinals: HashSet<String>,
    /// (phrase, vague) longest first.
    pub vague: Vec<(String, Vague)>,
    /// (phrase, kind) before a number, longest first.
    pub hedges_before: Vec<(String, HedgeKind)>,
    /// (phrase, kind) after a number, longest first.
    pub hedges_after: Vec<(String, HedgeKind)>,
    /// Widening of "about".
    pub widen_approx: Decimal,
    /// Widening of "nearly".
    pub widen_almost: Decimal,
    /// (phrase, role) longest first.
    pub roles: Vec<(String, String)>,
    /// noun form → lemma.
    pub noun_forms: HashMap<String, String>,
    /// Multi-word noun forms, longest first.
    pub noun_phrases: Vec<(String, String)>,
    /// Lemmas an article counts as one.
    pub event_nouns: HashSet<String>,
    /// Words never taken as a counted noun.
    pub stop_words: HashSet<String>,
    /// Words giving a rise.
    pub direction_up: HashSet<String>,
    /// Words giving a fall.
    pub direction_down: HashSet<String>,
    /// Words after which a number is a designation (lower case, any case in the text).
    pub designators: HashSet<String>,
    /// Designator words that must be written exactly so ("F", "MiG").
    pub designators_exact: HashSet<String>,
    /// Words before a phone number.
    pub phone_words: HashSet<String>,
    /// (month name, month number), longest first; case-sensitive.
    pub months: Vec<(String, i8)>,
    /// (weekday name, 0 = Monday), longest first.
    pub weekdays: Vec<(String, i8)>,
    /// "yesterday" → -1.
    pub relative_days: HashMap<String, i64>,
}

/// The tables, parsed on first use.
pub static TABLES: LazyLock<Tables> =
    LazyLock::new(|| load().unwrap_or_else(|e| panic!("grammar tables are invalid: {e}")));

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
struct UnitsFile {
    unit: Vec<UnitRow>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitRow {
    symbol: String,
    dimension: String,
    factor: String,
    #[serde(default)]
    offset: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    exact: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrenciesFile {
    currency: Vec<CurrencyRow>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyRow {
    code: String,
    #[serde(default)]
    prefix: Vec<String>,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    minor: Vec<String>,
    #[serde(default)]
    loose: bool,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    units: BTreeMap<String, u32>,
    tens: BTreeMap<String, u32>,
    hundred: BTreeMap<String, u32>,
    scales: BTreeMap<String, String>,
    suffixes: BTreeMap<String, String>,
    collectives: BTreeMap<String, u32>,
    fractions: BTreeMap<String, u64>,
    ordinals: OrdinalsRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OrdinalsRow {
    words: Vec<String>,
    #[allow(dead_code)]
    suffixes: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueFile {
    vague: Vec<VagueRow>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueRow {
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
struct HedgesFile {
    before: BTreeMap<String, Vec<String>>,
    after: BTreeMap<String, Vec<String>>,
    widen: BTreeMap<String, String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesFile {
    roles: BTreeMap<String, Vec<String>>,
    direction: DirectionRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectionRow {
    up: Vec<String>,
    down: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DesignationsFile {
    designators: WordsRow,
    context: ContextRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsRow {
    words: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextRow {
    phone: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NounsFile {
    noun: Vec<NounRow>,
    stop: StopRow,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NounRow {
    lemma: String,
    forms: Vec<String>,
    #[serde(default)]
    event: bool,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StopRow {
    words: Vec<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesFile {
    months: BTreeMap<String, Vec<String>>,
    weekdays: BTreeMap<String, Vec<String>>,
    relative: BTreeMap<String, i64>,
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str) -> Result<T, String> {
    toml::from_str(source(name)).map_err(|e| format!("grammar/{name}: {e}"))
}

fn longest_first<T>(v: &mut [(String, T)]) {
    v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
}

/// Parses and cross-checks every table.
pub fn load() -> Result<Tables, String> {
    let uf: UnitsFile = parse("units.toml")?;
    let mut units = Vec::new();
    let mut unit_aliases = Vec::new();
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
    }
    unit_aliases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));

    let cf: CurrenciesFile = parse("currencies.toml")?;
    let mut currencies = Vec::new();
    let mut currency_prefixes = Vec::new();
    let mut currency_names = Vec::new();
    for (i, c) in cf.currency.iter().enumerate() {
        currencies.push(Currency {
            code: c.code.clone(),
            loose: c.loose,
        });
        for p in &c.prefix {
            currency_prefixes.push((p.clone(), i));
        }
        for n in &c.names {
            currency_names.push((n.to_lowercase(), i, false));
        }
        for n in &c.minor {
            currency_names.push((n.to_lowercase(), i, true));
        }
    }
    longest_first(&mut currency_prefixes);
    currency_names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));

    let nf: NumbersFile = parse("numbers.toml")?;
    let dec =
        |k: &str, v: &str| parse_decimal(v).map_err(|e| format!("grammar/numbers.toml: {k}: {e}"));
    let mut scales = HashMap::new();
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

    let nnf: NounsFile = parse("nouns.toml")?;
    let mut noun_forms = HashMap::new();
    let mut noun_phrases = Vec::new();
    let mut event_nouns = HashSet::new();
    for n in &nnf.noun {
        for f in &n.forms {
            let f = f.to_lowercase();
            if f.contains(' ') {
                noun_phrases.push((f.clone(), n.lemma.clone()));
            }
            noun_forms.insert(f, n.lemma.clone());
        }
        if n.event {
            event_nouns.insert(n.lemma.clone());
        }
    }
    longest_first(&mut noun_phrases);

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

    Ok(Tables {
        units,
        unit_aliases,
        currencies,
        currency_prefixes,
        currency_names,
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
        noun_forms,
        noun_phrases,
        event_nouns,
        stop_words: nnf
            .stop
            .words
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect(),
        months,
        weekdays,
        relative_days: df.relative.into_iter().collect(),
    })
}

impl Tables {
    /// The unit with this canonical symbol.
    pub fn unit(&self, symbol: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.symbol == symbol)
    }
}
