//! Units written once for a list: "550, 590 and 630 km", "12, 15 or 18 months", "41 and 17
//! million cubic metres". The members before the last are bare numbers as the productions
//! read them; here each takes the last member's unit (and its scale word, when it has one and
//! they have none), so every member is the measure the writer meant.

use super::super::cx::Cx;
use super::super::number::{scale_after_digits, unsigned_digits, word_number};
use crate::quantity::{Bound, Dimension, Figure, Quantity};
use rust_decimal::Decimal;

/// The dimensions whose unit a list shares.
const SHARED: &[Dimension] = &[
    Dimension::Length,
    Dimension::Mass,
    Dimension::Area,
    Dimension::Volume,
    Dimension::Speed,
    Dimension::Temperature,
    Dimension::Percent,
    Dimension::PercentagePoints,
    Dimension::Duration,
    Dimension::Age,
    Dimension::Information,
    Dimension::Angle,
    Dimension::Currency,
    Dimension::Rate,
];

/// How a number is written, as far as a shared scale word goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    /// Digits alone ("41").
    Digits,
    /// Digits and a scale word of their own ("1.5 million").
    Scaled(Decimal),
    /// Number words ("twelve").
    Words,
}

/// How the number at the start of `text` is written, and where it ends; `None` when `text`
/// starts with no number read here (a sign, a currency symbol).
fn written<'a>(cx: &Cx, text: &'a str) -> Option<(Written, &'a str)> {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        let (rest, _) = unsigned_digits(cx, text).ok()?;
        return Some(match scale_after_digits(cx, rest) {
            Ok((r2, (s, _))) if s > Decimal::ONE => (Written::Scaled(s), r2),
            _ => (Written::Digits, rest),
        });
    }
    let (rest, _) = word_number(cx, text).ok()?;
    Some((Written::Words, rest))
}

/// Whether `q` may end a list whose unit it carries.
fn ends_list(q: &Quantity) -> bool {
    SHARED.contains(&q.dimension)
        && q.unit.is_some()
        && matches!(q.bound, Bound::Exact | Bound::Approx)
        && !q.adjectival
        && q.value.is_some()
}

/// Whether `q` is a bare number that may be a member before the last: a count with no unit,
/// exact or hedged ("about 30, 40 and 55 km").
fn bare(q: &Quantity) -> bool {
    q.dimension == Dimension::Count
        && q.unit.is_none()
        && q.per.is_none()
        && matches!(q.bound, Bound::Exact | Bound::Approx)
        && !q.adjectival
        && q.value.is_some()
}

/// How the members before the last are joined to the next member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// "550, 590": a comma, before any member but the last.
    Comma,
    /// "and" or ", and" before the last.
    And { comma: bool },
    /// "or" or ", or" before the last: "12, 15 or 18 months".
    Or { comma: bool },
    /// "by" between the two sides of a rectangle: "105 by 68 metres".
    By,
}

/// The joining words in `gap` (white space collapsed), if they join two members.
fn join(gap: &str) -> Option<Join> {
    let mut words = gap.split_whitespace();
    let (a, b, c) = (words.next(), words.next(), words.next());
    if c.is_some() {
        return None;
    }
    Some(match (a, b) {
        (Some(","), None) => Join::Comma,
        (Some("and"), None) => Join::And { comma: false },
        (Some("or"), None) => Join::Or { comma: false },
        (Some(","), Some("and")) => Join::And { comma: true },
        (Some(","), Some("or")) => Join::Or { comma: true },
        (Some("by" | "x" | "×"), None) => Join::By,
        _ => return None,
    })
}

/// Whether `m` (times the shared scale, if any) is within a factor of ten of `last`.
fn near(m: &Quantity, last: &Quantity, scale: Option<Decimal>) -> bool {
    let (Some(a), Some(b)) = (m.value, last.value) else {
        return false;
    };
    let a = a.value.abs().checked_mul(scale.unwrap_or(Decimal::ONE));
    let Some(a) = a else {
        return false;
    };
    let b = b.value.abs();
    a <= b * Decimal::TEN && b <= a * Decimal::TEN
}

/// Gives the members of every list in `qs` (the figures of one sentence, in order) the unit
/// of the list's last member.
pub(super) fn share_units(cx: &Cx, prose: &str, qs: &mut [Quantity]) {
    let mut j = qs.len();
    while j > 1 {
        j -= 1;
        let last = &qs[j];
        if !ends_list(last) || !bare(&qs[j - 1]) {
            continue;
        }
        let Some((last_written, _)) = written(cx, &prose[last.span.start..last.span.end]) else {
            continue;
        };
        let scale = match last_written {
            Written::Scaled(s) => Some(s),
            // A word number's scale is not told from its value ("two million km"): share its
            // unit only below a thousand.
            Written::Words
                if last
                    .value
                    .is_some_and(|f| f.value.abs() >= Decimal::ONE_THOUSAND) =>
            {
                continue;
            }
            _ => None,
        };
        // Walk back over the members.
        let mut first = j;
        let mut last_join = None;
        while first > 0 {
            let (p, q) = (&qs[first - 1], &qs[first]);
            if !bare(p) || p.span.end > q.span.start {
                break;
            }
            let Some(k) = join(&prose[p.span.end..q.span.start]) else {
                break;
            };
            let fits = match (first == j, k) {
                (true, Join::Comma) | (false, Join::And { .. } | Join::Or { .. } | Join::By) => {
                    false
                }
                // Two sides of a rectangle, a list of two.
                (true, Join::By) => last.dimension == Dimension::Length,
                (false, Join::Comma) => last_join != Some(Join::By),
                (true, _) => true,
            };
            if !fits {
                break;
            }
            let Some((w, rest)) = written(cx, &prose[p.span.start..p.span.end]) else {
                break;
            };
            // A member is its number alone; with the last's scale, digits alone.
            if !rest.is_empty() || (scale.is_some() && w == Written::Words) {
                break;
            }
            if first == j {
                last_join = Some(k);
            }
            first -= 1;
        }
        let members = j - first + 1;
        let ok = match last_join {
            None => false,
            // "an increase of 70,000, or 29 percent", "fell by 17,000, and 11 percent": with a
            // comma before the last of two, the figure is restated or another, not listed.
            Some(Join::And { comma: true } | Join::Or { comma: true }) if members < 3 => false,
            // "70,000 or 29 percent": a restatement, not a choice; the members of a choice
            // are within a factor of ten of each other ("12, 15 or 18 months").
            Some(Join::Or { .. }) => qs[first..j].iter().all(|m| {
                let own = matches!(
                    written(cx, &prose[m.span.start..m.span.end]),
                    Some((Written::Scaled(_), _))
                );
                near(m, last, if own { None } else { scale })
            }),
            Some(_) => true,
        };
        if !ok {
            continue;
        }
        let (dimension, unit, per) = (last.dimension, last.unit.clone(), last.per.clone());
        for m in &mut qs[first..j] {
            let text = &prose[m.span.start..m.span.end];
            let own_scale = matches!(written(cx, text), Some((Written::Scaled(_), _)));
            if let (Some(s), false) = (scale, own_scale) {
                let (Some(v), Some(p)) = (
                    m.value.and_then(|f| f.value.checked_mul(s)),
                    m.value.and_then(|f| f.precision.checked_mul(s)),
                ) else {
                    continue;
                };
                m.value = Some(Figure::new(v, p));
                m.low = m.low.and_then(|x| x.checked_mul(s));
                m.high = m.high.and_then(|x| x.checked_mul(s));
            }
            m.dimension = dimension;
            m.unit = unit.clone();
            m.per = per.clone();
            m.shared_unit = true;
        }
        j = first;
    }
}

#[cfg(test)]
mod tests {
    use crate::grammar::extract;
    use crate::quantity::Dimension;
    use crate::source::{Document, Format};
    use rust_decimal::Decimal;

    /// A figure as the tests see it: (text, dimension, value, unit, shared).
    type Read = (String, Dimension, Option<Decimal>, Option<String>, bool);

    /// Every figure of `s`.
    fn read(s: &str) -> Vec<Read> {
        let doc = Document::from_text("t.txt", s.to_string(), Format::Text).unwrap();
        extract(&doc)
            .into_iter()
            .map(|q| {
                (
                    s[q.span.start..q.span.end].to_string(),
                    q.dimension,
                    q.value.map(|f| f.value.normalize()),
                    q.unit,
                    q.shared_unit,
                )
            })
            .collect()
    }

    fn d(s: &str) -> Option<Decimal> {
        Some(s.parse::<Decimal>().unwrap().normalize())
    }

    #[test]
    fn every_member_of_a_list_takes_its_unit() {
        let qs = read("The routes are 550, 590 and 630 km long.");
        let units: Vec<_> = qs
            .iter()
            .map(|q| (q.0.as_str(), q.3.as_deref(), q.4))
            .collect();
        assert_eq!(
            units,
            [
                ("550", Some("km"), true),
                ("590", Some("km"), true),
                ("630 km", Some("km"), false)
            ]
        );
        assert!(qs.iter().all(|q| q.1 == Dimension::Length));
        let qs = read("Contracts ran 12, 15 or 18 months.");
        assert!(
            qs.iter()
                .all(|q| q.1 == Dimension::Duration && q.3.as_deref() == Some("month"))
        );
        let qs = read("Turnout was 61, 64, and 70 per cent in the wards.");
        assert_eq!(qs.len(), 3);
        assert!(qs.iter().all(|q| q.1 == Dimension::Percent), "{qs:?}");
        let qs = read("The pitch measures 105 by 68 metres.");
        assert_eq!(qs[0].3.as_deref(), Some("m"), "{qs:?}");
        let qs = read("The twins weigh two and three kilograms.");
        assert_eq!(qs[0].3.as_deref(), Some("kg"), "{qs:?}");
    }

    #[test]
    fn a_scale_word_of_the_last_member_is_shared_by_bare_digits() {
        let qs = read("The dams hold 41 and 17 million cubic metres.");
        assert_eq!(qs[0].2, d("41000000"), "{qs:?}");
        assert_eq!(qs[0].3.as_deref(), Some("m³"));
        // A member with a scale word of its own keeps it.
        let qs = read("They hold 1.5 billion and 17 million cubic metres.");
        assert_eq!(qs[0].2, d("1500000000"), "{qs:?}");
        assert_eq!(qs[0].3.as_deref(), Some("m³"));
    }

    #[test]
    fn figures_that_are_no_list_keep_their_readings() {
        // A count with its own noun, a year, a comma without "and" or "or", other words.
        for s in [
            "It has 40 depots and 12 km of track.",
            "In 2021, 15 km of road were built.",
            "Of the 300, 40 km were paved.",
            "The team won 3 and lost by 4 points.",
            "He was 5 and she was 7 years old.",
            "They sold 10 $30 tickets and 4 kg of fruit.",
            // A figure restated, not listed.
            "Sales rose by 70,000, or 29 percent.",
            "Sales rose by 70,000 or 29 percent.",
            "Visits fell by 1,200, and 3 percent of the staff left.",
        ] {
            assert!(read(s).iter().all(|q| !q.4), "{s}: {:?}", read(s));
        }
        // A range is one figure, as before.
        let qs = read("Inflation was between 3 and 4 per cent.");
        assert_eq!(qs.len(), 1, "{qs:?}");
    }
}
