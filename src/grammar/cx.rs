//! The scan context: the tables one scan reads and that scan's memo caches, passed
//! explicitly to every production that needs them (no thread-local state).

use super::lexicon::{self, Reading};
use super::memo::{Cache, Scope};
use super::number::{Num, WordNum};
use super::quantity::Parsed;
use super::tables::{FastMap, Tables};
use rust_decimal::Decimal;
use std::cell::RefCell;

/// What a production reads besides its input: the grammar's tables and the caches of the
/// scan it runs in. One per scan (see [`super::scan::scan`]); productions called on their own
/// get one with no memo scope ([`Cx::new`]), so every call computes.
pub struct Cx<'t> {
    /// The tables.
    pub t: &'t Tables,
    /// The text the caches answer for.
    pub(crate) scope: Scope<'t>,
    pub(crate) unsigned_digits: Cache<Num>,
    pub(crate) scale_after_digits: Cache<(Decimal, bool)>,
    pub(crate) word_number_parts: Cache<WordNum>,
    pub(crate) article_unit: Cache<Parsed<'t>>,
    pub(crate) amount: Cache<Parsed<'t>>,
    /// What the lexicon said of each lower-case word the scan looked up ([`Cx::reading`]).
    lex: RefCell<FastMap<String, Reading>>,
}

impl<'t> Cx<'t> {
    /// A context over `t` with no memo scope: every production call computes.
    pub fn new(t: &'t Tables) -> Cx<'t> {
        Cx::scoped(t, Scope::none())
    }

    /// A context over the built-in tables with no memo scope: for reading what no
    /// configuration changes (dates, weekdays, number words) outside a scan.
    pub fn builtin() -> Cx<'static> {
        Cx::new(super::tables::builtin())
    }

    /// A context over `t` whose caches answer for slices of `prose` (borrowed, so unchanged,
    /// while the context lives).
    pub fn over(t: &'t Tables, prose: &'t str) -> Cx<'t> {
        Cx::scoped(t, Scope::new(prose))
    }

    fn scoped(t: &'t Tables, scope: Scope<'t>) -> Cx<'t> {
        Cx {
            t,
            scope,
            unsigned_digits: Cache::new(),
            scale_after_digits: Cache::new(),
            word_number_parts: Cache::new(),
            article_unit: Cache::new(),
            amount: Cache::new(),
            lex: RefCell::default(),
        }
    }

    /// The lexicon's reading of a lower-case word (`lexicon::read`), looked up once per
    /// context: a word read again costs a hash look-up, not the lexicon's search (callgrind:
    /// about 7,000 instructions a word). A property test holds it to `lexicon::read`.
    pub(crate) fn reading(&self, lw: &str) -> Reading {
        if let Some(r) = self.lex.borrow().get(lw) {
            return r.clone();
        }
        let r = lexicon::read(lw);
        let mut m = self.lex.borrow_mut();
        // Bounded: a document of endless distinct words keeps no more than this.
        if m.len() > 50_000 {
            m.clear();
        }
        m.insert(lw.to_string(), r.clone());
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A context's cached reading is the lexicon's, whether the word is read the first
        /// time or again, among other words.
        #[test]
        fn reading_is_the_lexicons(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    "[a-z]{1,12}",
                    proptest::sample::select(vec![
                        "drones", "evacuated", "sold", "children", "people", "the", "began",
                        "resumed", "launched", "buses", "said", "will", "fired",
                    ]).prop_map(str::to_string),
                ],
                1..30,
            )
        ) {
            let cx = Cx::builtin();
            for w in words.iter().chain(&words) {
                prop_assert_eq!(cx.reading(w), lexicon::read(w), "{:?}", w);
            }
        }
    }
}
