//! The grammar: nom productions that turn prose into [`Quantity`] values, built bottom-up
//! (`text` → `number` → `quantity` and `date` → `scan`). The data it reads lives in
//! `grammar/*.toml`; `grammar/quantities.ebnf` documents every production.

pub mod date;
pub(crate) mod lexicon;
pub mod memo;
pub mod number;
pub mod quantity;
pub mod scan;
pub mod sentence;
pub mod tables;
pub mod text;

use crate::quantity::Quantity;
use crate::source::Document;

/// Extracts every figure of a document, in order of position, with the tables current on this
/// thread (the built-in ones unless a [`Grammar`] is entered).
///
/// The grammar reads the document's decoded reading (character references as the characters
/// they stand for); every span it returns is mapped back to the file, covering whole
/// references.
pub fn extract(doc: &Document) -> Vec<Quantity> {
    let Some(r) = doc.reading() else {
        return scan::scan(&doc.prose, doc.date);
    };
    let mut qs = scan::scan(r.text(), doc.date);
    for q in &mut qs {
        q.span = r.span_to_file(q.span);
        q.noun_span = q.noun_span.map(|s| r.span_to_file(s));
    }
    qs
}

/// The group a counted noun's lemma belongs to in `grammar/nouns.toml` ("uav", "shahed" →
/// drone; "civilian" → person), or the lemma itself: what reconcile and the part–whole check
/// compare, so synonyms meet.
pub fn noun_group(lemma: &str) -> String {
    let t = tables::current();
    let lw = lemma.to_lowercase();
    t.noun_forms.get(&lw).cloned().unwrap_or(lw)
}

/// The grammar with a configuration's extra unit aliases and role words (`figcheck.toml`
/// `[units]`, `[roles]`). Cheap to copy; building the same extras twice reuses one table set.
///
/// ```
/// use figcheck::grammar::{Grammar, tables::Extras};
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
#[derive(Debug, Clone, Copy)]
pub struct Grammar {
    tables: &'static tables::Tables,
}

impl Default for Grammar {
    fn default() -> Self {
        Grammar {
            tables: tables::builtin(),
        }
    }
}

impl Grammar {
    /// The built-in tables plus `extras`; an error names the extra that cannot be applied
    /// (an alias of an unknown unit, an empty role word).
    pub fn new(extras: &tables::Extras) -> Result<Grammar, String> {
        Ok(Grammar {
            tables: tables::with_extras(extras)?,
        })
    }

    /// Extracts every figure of a document with this grammar's tables.
    pub fn extract(&self, doc: &Document) -> Vec<Quantity> {
        let _g = self.enter();
        extract(doc)
    }

    /// Makes this grammar's tables current on this thread until the guard is dropped.
    pub fn enter(&self) -> tables::TablesGuard {
        tables::TablesGuard::enter(self.tables)
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
        // After `extract` returns, this thread reads with the built-in tables again.
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
}
