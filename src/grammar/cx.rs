//! The scan context: the tables one scan reads and that scan's memo caches, passed
//! explicitly to every production that needs them (no thread-local state).

use super::memo::{Cache, Scope};
use super::number::{Num, WordNum};
use super::quantity::Parsed;
use super::tables::Tables;
use rust_decimal::Decimal;

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
        }
    }
}
