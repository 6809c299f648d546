//! The data extraction produces: a [`Quantity`] per figure, with its byte span.

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

/// A half-open byte range `[start, end)` into the original file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// Whether two spans share a byte.
    pub fn overlaps(&self, o: &Span) -> bool {
        self.start < o.end && o.start < self.end
    }
    /// The smallest span covering both.
    pub fn cover(&self, o: &Span) -> Span {
        Span::new(self.start.min(o.start), self.end.max(o.end))
    }
}

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    /// A number of things.
    Count,
    /// A proportion written as a fraction ("two thirds").
    Fraction,
    /// Percent.
    Percent,
    /// Percentage points, kept apart from percent.
    PercentagePoints,
    /// Temperature.
    Temperature,
    /// Length or distance.
    Length,
    /// Mass or weight.
    Mass,
    /// Area.
    Area,
    /// Volume.
    Volume,
    /// Speed.
    Speed,
    /// Money.
    Currency,
    /// A length of time.
    Duration,
    /// Age of a person or thing.
    Age,
    /// A calendar date (day, month or year).
    Date,
    /// A clock time.
    Time,
    /// Data size.
    Information,
    /// Plane angle.
    Angle,
    /// A physical quantity per unit or a population rate: "411,000 barrels per day"
    /// (bbl/day), "20 kilometres per litre" (km/L), "12.4 per 100,000" (/100000). Its unit is
    /// the numerator's over the denominator's.
    Rate,
}

impl Dimension {
    /// The name used in JSON and tables.
    pub fn as_str(&self) -> &'static str {
        match self {
            Dimension::Count => "count",
            Dimension::Fraction => "fraction",
            Dimension::Percent => "percent",
            Dimension::PercentagePoints => "percentage-points",
            Dimension::Temperature => "temperature",
            Dimension::Length => "length",
            Dimension::Mass => "mass",
            Dimension::Area => "area",
            Dimension::Volume => "volume",
            Dimension::Speed => "speed",
            Dimension::Currency => "currency",
            Dimension::Duration => "duration",
            Dimension::Age => "age",
            Dimension::Date => "date",
            Dimension::Time => "time",
            Dimension::Information => "information",
            Dimension::Angle => "angle",
            Dimension::Rate => "rate",
        }
    }

    /// Parses a name from the grammar tables.
    pub fn parse(s: &str) -> Option<Dimension> {
        Some(match s {
            "count" => Dimension::Count,
            "fraction" => Dimension::Fraction,
            "percent" => Dimension::Percent,
            "percentage-points" => Dimension::PercentagePoints,
            "temperature" => Dimension::Temperature,
            "length" => Dimension::Length,
            "mass" => Dimension::Mass,
            "area" => Dimension::Area,
            "volume" => Dimension::Volume,
            "speed" => Dimension::Speed,
            "currency" => Dimension::Currency,
            "duration" => Dimension::Duration,
            "age" => Dimension::Age,
            "date" => Dimension::Date,
            "time" => Dimension::Time,
            "information" => Dimension::Information,
            "angle" => Dimension::Angle,
            "rate" => Dimension::Rate,
            _ => return None,
        })
    }
}

/// A stated number: an exact decimal and the place of its last written digit.
///
/// `precision` is the size of one step in that place: `111` → 1, `3.1 million` → 100000,
/// `4,400` → 100 (trailing zeros of a whole number are not taken as significant),
/// `0.25` → 0.01. Word numbers are exact to their last word ("seven" → 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Figure {
    /// The value, exactly as written.
    pub value: Decimal,
    /// One unit in the last written place.
    pub precision: Decimal,
}

impl Figure {
    /// A figure with the given value and precision.
    pub fn new(value: Decimal, precision: Decimal) -> Figure {
        Figure { value, precision }
    }
    /// An exact integer figure (precision 1).
    pub fn int(v: i64) -> Figure {
        Figure {
            value: Decimal::from(v),
            precision: Decimal::ONE,
        }
    }
}

/// Rise or fall stated with a figure ("rose 5%").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Rose, climbed, increased, up.
    Up,
    /// Fell, dropped, decreased, down.
    Down,
}

/// How a hedge or bound shaped a figure's interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// As stated.
    Exact,
    /// "about", "roughly".
    Approx,
    /// "nearly", "almost": at most the value, a little below.
    Almost,
    /// "more than", "over": strictly above.
    Gt,
    /// "at least", "as high as": at or above.
    Ge,
    /// "fewer than", "under": strictly below.
    Lt,
    /// "up to", "as low as": at or below.
    Le,
    /// "between 300 and 400", "300-400".
    Range,
    /// "dozens", "several".
    Vague,
}

/// One figure found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Where it is in the file.
    pub span: Span,
    /// What it measures.
    pub dimension: Dimension,
    /// The stated number in `unit`, as written: also for an open bound ("more than 500" →
    /// 500, with `bound` saying how it bounds the figure). `None` for ranges, vague amounts and
    /// dates. [`Quantity::point`] is the value only where the figure is that number.
    pub value: Option<Figure>,
    /// Lower end of the interval the words imply (`None` = unbounded).
    pub low: Option<Decimal>,
    /// Upper end (`None` = unbounded).
    pub high: Option<Decimal>,
    /// How the words bound it.
    pub bound: Bound,
    /// Canonical unit symbol (`°C`, `km`, `USD`, `day`…); `None` for plain counts.
    pub unit: Option<String>,
    /// The counted noun as written ("drones").
    pub noun: Option<String>,
    /// The noun's lemma from `grammar/nouns.toml`, or the noun lower-cased.
    pub lemma: Option<String>,
    /// Where the noun was taken from, when it was resolved from an antecedent ("80 of them").
    pub noun_span: Option<Span>,
    /// The role the clause gives the noun (launched, downed, struck…).
    pub role: Option<String>,
    /// Hedged ("about", "nearly", "some").
    pub approx: bool,
    /// "rose 5%" / "fell 5%".
    pub direction: Option<Direction>,
    /// For dates: the first day the date denotes (resolved against the document date).
    pub date: Option<Date>,
    /// For dates: the last day (a month "February 2022" spans the whole month).
    pub date_end: Option<Date>,
    /// Which granularity a date was written in: "day", "month", "year", "weekday".
    pub date_kind: Option<&'static str>,
    /// For clock times ("11:30 p.m."): the time of day, when the hour is unambiguous.
    pub clock: Option<jiff::civil::Time>,
    /// Index of the sentence the figure is in.
    pub sentence: usize,
    /// Written as an adjective ("a three-day ceasefire", "500-pound bomb").
    pub adjectival: bool,
    /// The denominator a rate was read with, as a unit symbol or word: "1,200 migrants a day"
    /// is a count of 1,200 per "day", "$15 an hour" 15 USD per "h", "411,000 barrels per day"
    /// (a `rate` in bbl/day) per "day". `None` when nothing is per anything.
    pub per: Option<String>,
    /// The unit (and scale) was written once, on the last member of a list, and this member
    /// takes it: in "550, 590 and 630 km" 550 and 590 are km too, in "41 and 17 million cubic
    /// metres" 41 is 41 million m³.
    pub shared_unit: bool,
}

impl Quantity {
    /// A quantity with only span and dimension set.
    pub fn new(span: Span, dimension: Dimension) -> Quantity {
        Quantity {
            span,
            dimension,
            value: None,
            low: None,
            high: None,
            bound: Bound::Exact,
            unit: None,
            noun: None,
            lemma: None,
            noun_span: None,
            role: None,
            approx: false,
            direction: None,
            date: None,
            date_end: None,
            date_kind: None,
            clock: None,
            sentence: 0,
            adjectival: false,
            per: None,
            shared_unit: false,
        }
    }

    /// The stated number where the figure is that number, exactly or hedged ("111", "about
    /// 100", "nearly 50"); `None` for open bounds ("more than 500": its `value` is 500, but
    /// the figure is any number above it), ranges, vague amounts and dates. What the checks
    /// compare.
    pub fn point(&self) -> Option<Figure> {
        match self.bound {
            Bound::Gt | Bound::Ge | Bound::Lt | Bound::Le => None,
            _ => self.value,
        }
    }

    /// The text of the figure in `source`.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.span.start..self.span.end]
    }
}
