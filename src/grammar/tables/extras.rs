//! What a configuration (`figcheck.toml` `[units]`, `[roles]`) adds to the built-in tables.

use super::*;

/// One `[units]` entry of a configuration: another name for a unit the grammar has
/// (`klicks = "km"`), or a unit of its own
/// (`furlong = { dimension = "length", factor = "201.168", aliases = ["furlongs"] }`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum UnitExtra {
    /// The canonical symbol of a unit in `grammar/units.toml`.
    Alias(String),
    /// A new unit; the entry's key is its symbol.
    Unit(NewUnit),
}

/// A unit defined by a configuration: the key of its `[units]` entry is its symbol.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUnit {
    /// What it measures: a dimension name (`length`, `mass`, `area`, `volume`, `speed`,
    /// `temperature`, `duration`...).
    pub dimension: String,
    /// How many base units one of it is (`"201.168"` metres, or a fraction `"5/9"`), as a
    /// string so it stays exact.
    pub factor: String,
    /// Added after the factor (temperatures).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
    /// Other names and plurals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

impl<'de> Deserialize<'de> for UnitExtra {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = UnitExtra;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a unit symbol such as \"km\", or a table { dimension, factor, offset, aliases }",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<UnitExtra, E> {
                Ok(UnitExtra::Alias(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, m: A) -> Result<UnitExtra, A::Error> {
                NewUnit::deserialize(serde::de::value::MapAccessDeserializer::new(m))
                    .map(UnitExtra::Unit)
            }
        }
        d.deserialize_any(V)
    }
}

impl From<&str> for UnitExtra {
    fn from(symbol: &str) -> Self {
        UnitExtra::Alias(symbol.to_string())
    }
}

/// What a configuration adds to the built-in tables (`figcheck.toml` `[units]` and `[roles]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Extras {
    /// Extra units and unit aliases, by name. An alias written with a capital letter matches
    /// case-sensitively ("Mt"), others in any case.
    pub units: BTreeMap<String, UnitExtra>,
    /// Extra role words: role → words or phrases ("evacuated" → ["evacuated", "moved out"]).
    pub roles: BTreeMap<String, Vec<String>>,
    /// The order a desk writes numeric dates in (`figcheck.toml` `date_order`): settles
    /// "5/6/2023", and lets a slashed date be read where no weekday stands beside it.
    pub date_order: Option<DateOrder>,
    /// How far an approximate hedge ("about", "around", "roughly") widens a figure, as a
    /// fraction of its value (`figcheck.toml` `[tolerance] hedge_widen`); `None` is the
    /// default of [`crate::precision::Tolerance`], the one value `check` uses too.
    pub hedge_widen: Option<rust_decimal::Decimal>,
}

/// Day and month order of numeric dates ("5/6/2023"): `dmy` (5 June) or `mdy` (May 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day, month, year: "23/11/2023".
    Dmy,
    /// Month, day, year: "11/23/2023".
    Mdy,
}

impl Extras {
    /// Nothing added.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
            && self.roles.is_empty()
            && self.date_order.is_none()
            && self.hedge_widen.is_none()
    }
}

/// The tables with `extras` (the built-in tables, shared, when there are none). Errors name
/// the extra that cannot be applied.
pub fn with_extras(extras: &Extras) -> Result<std::sync::Arc<Tables>, String> {
    if extras.is_empty() {
        return Ok(builtin_arc());
    }
    Ok(std::sync::Arc::new(load_with(extras)?))
}
