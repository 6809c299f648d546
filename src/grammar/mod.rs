//! The grammar: nom productions that turn prose into [`Quantity`] values, built bottom-up
//! (`text` → `number` → `quantity` and `date` → `scan`). The data it reads lives in
//! `grammar/*.toml`; `grammar/quantities.ebnf` documents every production.

pub(crate) mod cx;
pub(crate) mod date;
pub(crate) mod lexicon;
pub(crate) mod memo;
pub(crate) mod number;
pub(crate) mod quantity;
pub(crate) mod scan;
pub(crate) mod sentence;
pub(crate) mod tables;
pub(crate) mod text;

pub use number::MAX_DIGITS;
pub use tables::{DateOrder, Extras};

use crate::quantity::Quantity;
use crate::source::Document;
use std::sync::Arc;

/// Extracts every figure of a document, in order of position, with the built-in grammar
/// ([`Grammar::extract`] reads a configuration's extras too).
///
/// The grammar reads the document's decoded reading (character references as the characters
/// they stand for); every span it returns is mapped back to the file, covering whole
/// references.
pub fn extract(doc: &Document) -> Vec<Quantity> {
    extract_with(tables::builtin(), doc)
}

/// The spans (into `prose`) of the numbers too large to read exactly: more than
/// [`MAX_DIGITS`] digits, or past about 7.9 × 10^28 with their scale. They are not
/// extracted; a caller says so.
pub fn too_large_numbers(prose: &str) -> Vec<(usize, usize)> {
    number::too_large_numbers(&cx::Cx::builtin(), prose)
}

/// [`extract_with`], handing the figures over in order a batch at a time (see
/// [`scan::scan_each`]), spans already in the file.
fn extract_each_with(t: &tables::Tables, doc: &Document, mut each: impl FnMut(&[Quantity])) {
    let Some(r) = doc.reading() else {
        return scan::scan_each(t, &doc.prose, doc.date, |qs| each(qs));
    };
    scan::scan_each(t, r.text(), doc.date, |qs| {
        // Spans into the file, in place (as `extract_with` maps them).
        for q in qs.iter_mut() {
            q.span = r.span_to_file(q.span);
            q.noun_span = q.noun_span.map(|s| r.span_to_file(s));
        }
        each(qs);
    });
}

fn extract_with(t: &tables::Tables, doc: &Document) -> Vec<Quantity> {
    let Some(r) = doc.reading() else {
        return scan::scan(t, &doc.prose, doc.date);
    };
    let mut qs = scan::scan(t, r.text(), doc.date);
    for q in &mut qs {
        q.span = r.span_to_file(q.span);
        q.noun_span = q.noun_span.map(|s| r.span_to_file(s));
    }
    qs
}

/// The group a counted noun's lemma belongs to in `grammar/nouns.toml` ("uav", "shahed" →
/// drone; "civilian" → person), or the lemma itself: what reconcile and the part–whole check
/// compare, so synonyms meet. (A configuration adds no nouns, so every grammar groups alike.)
pub fn noun_group(lemma: &str) -> String {
    let t = tables::builtin();
    let lw = lemma.to_lowercase();
    t.noun_forms.get(&lw).cloned().unwrap_or(lw)
}

/// A grammar: the built-in tables, or those with a configuration's extra unit aliases and
/// role words (`figcheck.toml` `[units]`, `[roles]`). Build one per configuration and pass it
/// where figures are read or units compared; it holds its tables behind an [`Arc`], so a
/// clone is cheap, and it holds no state between calls.
///
/// ```
/// use figcheck::grammar::{Extras, Grammar};
/// use figcheck::{Document, Format};
///
/// let mut extras = Extras::default();
/// extras.units.insert("klicks".into(), "km".into());
/// extras.roles.insert("evacuated".into(), vec!["moved out".into()]);
/// let grammar = Grammar::new(&extras).unwrap();
/// let doc = Document::from_text("d.txt", "Crews moved out 40 families 12 klicks east.".into(), Format::Text).unwrap();
/// let qs = grammar.extract(&doc);
/// assert_eq!(qs[0].role.as_deref(), Some("evacuated"));
/// assert_eq!(qs[1].unit.as_deref(), Some("km"));
/// // The built-in grammar knows neither.
/// let plain = figcheck::extract(&doc);
/// assert!(plain.iter().all(|q| q.unit.as_deref() != Some("km")));
/// ```
#[derive(Debug, Clone)]
pub struct Grammar {
    tables: Arc<tables::Tables>,
    /// What the tables add to the built-in ones (two grammars are equal when these are).
    extras: tables::Extras,
}

impl PartialEq for Grammar {
    fn eq(&self, other: &Grammar) -> bool {
        self.extras == other.extras
    }
}

impl Default for Grammar {
    /// The built-in grammar.
    fn default() -> Self {
        Grammar {
            tables: tables::builtin_arc(),
            extras: tables::Extras::default(),
        }
    }
}

impl Grammar {
    /// The built-in tables plus `extras`; an error names the extra that cannot be applied
    /// (an alias of an unknown unit, an empty role word).
    pub fn new(extras: &tables::Extras) -> Result<Grammar, String> {
        Ok(Grammar {
            tables: tables::with_extras(extras)?,
            extras: extras.clone(),
        })
    }

    /// Extracts every figure of a document with this grammar's tables (see [`extract`]).
    pub fn extract(&self, doc: &Document) -> Vec<Quantity> {
        extract_with(&self.tables, doc)
    }

    /// The figures of [`Grammar::extract`], handed to `each` in order a batch of whole
    /// sentences at a time instead of collected: memory holds one batch, however large the
    /// document (`extract --format json` writes a large document this way).
    pub fn extract_each(&self, doc: &Document, each: impl FnMut(&[Quantity])) {
        extract_each_with(&self.tables, doc, each)
    }

    /// This grammar's tables.
    pub(crate) fn tables(&self) -> &tables::Tables {
        &self.tables
    }

    /// The unit with this canonical symbol, from this grammar's tables (a configuration's own
    /// units included).
    pub(crate) fn unit(&self, symbol: &str) -> Option<&tables::Unit> {
        self.tables.unit(symbol)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    #[test]
    fn a_configured_alias_longer_than_the_stack_buffer_is_read() {
        // Word classes lower-case a word on the stack; a configured alias can be longer.
        let alias = "k".repeat(70);
        let mut extras = tables::Extras::default();
        extras.units.insert(alias.clone(), "km".into());
        let g = Grammar::new(&extras).unwrap();
        let text = format!("They walked 12 {alias} and {} more.", alias.to_uppercase());
        let doc = Document::from_text("d.txt", text.clone(), Format::Text).unwrap();
        let qs = g.extract(&doc);
        assert_eq!(qs[0].unit.as_deref(), Some("km"), "{qs:#?}");
        assert_eq!(
            &text[qs[0].span.start..qs[0].span.end],
            format!("12 {alias}")
        );
    }

    #[test]
    fn a_grammar_with_extras_reads_them_and_leaves_the_default_alone() {
        let mut extras = tables::Extras::default();
        extras.units.insert("klicks".into(), "km".into());
        extras
            .roles
            .insert("evacuated".into(), vec!["moved out".into()]);
        let g = Grammar::new(&extras).unwrap();
        let text = "Crews moved out 40 families 12 klicks east.";
        let doc = Document::from_text("d.txt", text.into(), Format::Text).unwrap();
        let qs = g.extract(&doc);
        assert_eq!(qs.len(), 2, "{qs:#?}");
        assert_eq!(qs[0].role.as_deref(), Some("evacuated"));
        assert_eq!(qs[1].unit.as_deref(), Some("km"));
        assert_eq!(&text[qs[1].span.start..qs[1].span.end], "12 klicks");
        // The built-in grammar is untouched by another grammar's extras.
        let plain = extract(&doc);
        assert_eq!(plain[1].unit, None);
        assert_eq!(plain[1].noun.as_deref(), Some("klicks"));
        // The built-in grammar reads the verb's own lemma, not the desk's group.
        assert_eq!(plain[0].role.as_deref(), Some("move out"));
        // An alias of a unit the grammar lacks is refused.
        let mut bad = tables::Extras::default();
        bad.units.insert("klicks".into(), "klick".into());
        assert!(Grammar::new(&bad).is_err());
    }

    #[test]
    fn grammars_on_two_threads_each_read_their_own_tables() {
        let mut extras = tables::Extras::default();
        extras.units.insert("klicks".into(), "km".into());
        let g = Grammar::new(&extras).unwrap();
        let text = "Crews walked 12 klicks east.";
        let doc = Document::from_text("d.txt", text.into(), Format::Text).unwrap();
        let d2 = doc.clone();
        let other = std::thread::spawn(move || g.extract(&d2));
        let plain = extract(&doc);
        let configured = other.join().unwrap();
        assert_eq!(configured[0].unit.as_deref(), Some("km"));
        assert_eq!(plain[0].unit, None);
        assert_eq!(Grammar::default().extract(&doc), plain);
    }
}
